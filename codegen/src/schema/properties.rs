//! Properties: merge the rows of every page that lists a property.
//!
//! Rows are grouped by (declaring type, wire name). The type is the most
//! specific fact: a linked type beats an unlinked type name, which beats a
//! primitive carrying `Possible values` (an enum the page typed as `String`),
//! which beats a bare primitive; ties go to the newer page. Every row that
//! disagrees with the winner is a `type-conflict` warning naming both places.
//! A `String` row with `Possible values` and no better fact anywhere is typed
//! with the documented enum (enum page or `x values` section) whose members
//! the values are (`unknownFutureValue` aside), when exactly one is; else, on
//! a page of an older format (no `doc_type`: the 2017 pages wrote enums as
//! `String` with possible values), it gets a synthesized enum named after its
//! declaring type and property (`iosCertificateProfileBase` + `keySize` ->
//! `iosCertificateProfileBaseKeySize`); on a current page it stays `String`.

use super::acc::{Acc, PropCandidate};
use super::bases::{ancestors, Bases};
use super::names::{bare, qualify, upper_first};
use crate::diag::{Code, Diagnostic, Location};
use crate::facts::{FormatEra, PropertySource, TypeRef};
use std::collections::{BTreeMap, BTreeSet};

/// A merged property, before the type kinds are known.
#[derive(Debug, Clone)]
pub struct MergedProperty {
    pub name: String,
    /// Qualified type or `Edm.*`.
    pub ty: String,
    pub collection: bool,
    pub read_only_hint: bool,
    pub navigation: bool,
    pub description: String,
    pub sources: BTreeSet<Location>,
    pub inferred: bool,
}

/// An enum made up for a `String` property with `Possible values`.
#[derive(Debug, Clone)]
pub struct SynthesizedEnum {
    pub values: Vec<String>,
    pub at: Location,
}

#[derive(Debug, Default)]
pub struct MergedProperties {
    /// Qualified declaring type -> properties by wire name.
    pub by_type: BTreeMap<String, BTreeMap<String, MergedProperty>>,
    pub synthesized_enums: BTreeMap<String, SynthesizedEnum>,
}

fn rank(ty: &TypeRef, possible_values: &[String]) -> u8 {
    match (ty.is_primitive(), ty.linked) {
        (false, true) => 3,
        (false, false) => 2,
        (true, _) if !possible_values.is_empty() && ty.name == "Edm.String" => 1,
        _ => 0,
    }
}

fn describe(ty: &TypeRef) -> String {
    let name = ty.name.strip_prefix("Edm.").unwrap_or(&ty.name);
    if ty.collection {
        format!("{name} collection")
    } else {
        name.to_string()
    }
}

/// A set of member names as compared with `Possible values`: lower-cased,
/// without `unknownFutureValue` (which lists often leave out).
fn member_set<'a>(names: impl Iterator<Item = &'a String>) -> BTreeSet<String> {
    names
        .map(|n| n.to_ascii_lowercase())
        .filter(|n| n != "unknownfuturevalue")
        .collect()
}

/// Documented enums (an enum page or an `x values` section) by member set;
/// a set two enums share names neither.
fn enums_by_members(acc: &Acc) -> BTreeMap<BTreeSet<String>, Option<String>> {
    let mut out: BTreeMap<BTreeSet<String>, Option<String>> = BTreeMap::new();
    for (name, members) in &acc.members {
        let documented = acc
            .types
            .get(name)
            .is_some_and(|t| t.enum_page || t.enum_section);
        let set = member_set(members.iter().map(|(_, m)| &m.name));
        if !documented || set.len() < 2 {
            continue;
        }
        out.entry(set)
            .and_modify(|e| {
                if e.as_deref() != Some(name.as_str()) {
                    *e = None
                }
            })
            .or_insert_with(|| Some(name.clone()));
    }
    out
}

pub fn merge(acc: &Acc, bases: &Bases, diags: &mut Vec<Diagnostic>) -> MergedProperties {
    let mut out = MergedProperties::default();
    let enums = enums_by_members(acc);
    for ((declarer, name), rows) in &acc.properties {
        let mut rows: Vec<&PropCandidate> = rows.iter().collect();
        // The richest type wins (a link over a bare name over a primitive);
        // between rows as rich, the resource page's table (what the type is)
        // beats a request body's (what a caller sends, often flattened:
        // `String` for a `String collection`); then the newer page.
        rows.sort_by(|a, b| {
            rank(&b.fact.ty, &b.fact.possible_values)
                .cmp(&rank(&a.fact.ty, &a.fact.possible_values))
                .then_with(|| {
                    (a.fact.source == PropertySource::RequestBody)
                        .cmp(&(b.fact.source == PropertySource::RequestBody))
                })
                .then_with(|| a.precedence.cmp(&b.precedence))
        });
        let winner = rows[0];
        report_type_conflicts(declarer, name, &rows, diags);

        let possible_enum = rank(&winner.fact.ty, &winner.fact.possible_values) == 1;
        let values = possible_enum.then(|| union_of_values(&rows));
        let documented_enum = values
            .as_ref()
            .and_then(|v| enums.get(&member_set(v.iter())).cloned().flatten());
        let typed_era = winner.precedence.era_rank.0 == FormatEra::Typed;
        let (ty, collection) = if let Some(e) = documented_enum {
            (e, winner.fact.ty.collection)
        } else if possible_enum && typed_era {
            // A current page documents enums as enums: its `String` with
            // possible values is a string whose values are listed.
            (winner.fact.ty.name.clone(), winner.fact.ty.collection)
        } else if possible_enum {
            let enum_name = format!("{}{}", qualify(bare(declarer)), upper_first(name));
            let values = values.unwrap_or_default();
            out.synthesized_enums.insert(
                enum_name.clone(),
                SynthesizedEnum {
                    values,
                    at: winner.fact.at.clone(),
                },
            );
            (enum_name, winner.fact.ty.collection)
        } else if winner.fact.ty.is_primitive() {
            (winner.fact.ty.name.clone(), winner.fact.ty.collection)
        } else {
            (qualify(&winner.fact.ty.name), winner.fact.ty.collection)
        };

        // Descriptions: a resource page's row beats an operation's; then the newer page.
        let described = rows
            .iter()
            .min_by(|a, b| {
                (a.fact.source == PropertySource::RequestBody, &a.precedence)
                    .cmp(&(b.fact.source == PropertySource::RequestBody, &b.precedence))
            })
            .expect("rows are not empty");
        let merged = MergedProperty {
            name: name.clone(),
            ty,
            collection,
            read_only_hint: rows.iter().any(|r| r.fact.read_only_hint),
            navigation: rows
                .iter()
                .any(|r| r.fact.source == PropertySource::ResourceRelationships),
            description: strip_inherited_from(
                &described.fact.description,
                &described.fact.declared_by,
            ),
            sources: rows.iter().map(|r| r.fact.at.clone()).collect(),
            inferred: false,
        };
        check_inherited_from(acc, bases, declarer, &rows, diags);
        out.by_type
            .entry(declarer.clone())
            .or_default()
            .insert(name.clone(), merged);
    }
    report_missing_rows(acc, diags);
    out
}

fn report_type_conflicts(
    declarer: &str,
    name: &str,
    rows: &[&PropCandidate],
    diags: &mut Vec<Diagnostic>,
) {
    let winner = rows[0];
    let key = |r: &PropCandidate| (qualify(&r.fact.ty.name), r.fact.ty.collection);
    let mut reported = BTreeSet::new();
    for row in &rows[1..] {
        if key(row) != key(winner) && reported.insert(key(row)) {
            diags.push(
                Diagnostic::warning(
                    Code::TypeConflict,
                    &row.fact.at,
                    format!(
                        "property `{name}` of `{}` is typed `{}` here but `{}` elsewhere",
                        bare(declarer),
                        describe(&row.fact.ty),
                        describe(&winner.fact.ty)
                    ),
                )
                .with_related(
                    &winner.fact.at,
                    format!(
                        "typed `{}` here (kept: more specific)",
                        describe(&winner.fact.ty)
                    ),
                )
                .with_help("make the pages agree on the property's type"),
            );
        }
    }
}

fn union_of_values(rows: &[&PropCandidate]) -> Vec<String> {
    let mut values: Vec<String> = Vec::new();
    for row in rows {
        for v in &row.fact.possible_values {
            if !values.contains(v) {
                values.push(v.clone());
            }
        }
    }
    values
}

/// Removes the `Inherited from X` note from a description: the schema says it with `declaredBy`.
fn strip_inherited_from(description: &str, declared_by: &str) -> String {
    let phrase = format!("Inherited from {declared_by}");
    let without = match description.find(&phrase) {
        Some(pos) => {
            let rest = description[pos + phrase.len()..].trim_start_matches('.');
            format!(
                "{}{}",
                description[..pos].trim_end(),
                if rest.trim().is_empty() { "" } else { " " }
            ) + rest.trim()
        }
        None => description.to_string(),
    };
    without.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `Inherited from [X]` must name an ancestor, and X's own page should list the property.
fn check_inherited_from(
    acc: &Acc,
    bases: &Bases,
    declarer: &str,
    rows: &[&PropCandidate],
    diags: &mut Vec<Diagnostic>,
) {
    let declarer_lists_it = rows.iter().any(|r| qualify(&r.fact.listed_on) == declarer);
    for row in rows {
        let listed_on = qualify(&row.fact.listed_on);
        if listed_on == declarer {
            continue;
        }
        if !ancestors(bases, &listed_on).contains(&declarer) {
            diags.push(
                Diagnostic::warning(
                    Code::InheritedFromNonAncestor,
                    &row.fact.at,
                    format!(
                        "`{}` says it is inherited from `{}`, which is not an ancestor of `{}`",
                        row.fact.name,
                        bare(declarer),
                        bare(&listed_on)
                    ),
                )
                .with_help("fix the `Inherited from` link or the page's `Inherits from` line"),
            );
        } else if !declarer_lists_it && acc.types.get(declarer).is_some_and(|t| t.resource_page) {
            diags.push(
                Diagnostic::warning(
                    Code::InheritedPropertyMissing,
                    &row.fact.at,
                    format!(
                        "`{}` says it is inherited from `{}`, whose page does not list it",
                        row.fact.name,
                        bare(declarer)
                    ),
                )
                .with_help(format!(
                    "add `{}` to the page of `{}`, or fix the `Inherited from` link",
                    row.fact.name,
                    bare(declarer)
                )),
            );
        }
    }
}

/// Per page: the first row and the property names of one table.
type Listings = BTreeMap<String, (Location, BTreeSet<String>)>;

/// Two tables of the same kind listing the same type's properties should list the same ones.
fn report_missing_rows(acc: &Acc, diags: &mut Vec<Diagnostic>) {
    // (listed_on, source) -> page -> (first row, names)
    let mut listings: BTreeMap<(String, PropertySource), Listings> = BTreeMap::new();
    for rows in acc.properties.values() {
        for row in rows {
            let entry = listings
                .entry((qualify(&row.fact.listed_on), row.fact.source))
                .or_default()
                .entry(row.fact.at.file.clone())
                .or_insert_with(|| (row.fact.at.clone(), BTreeSet::new()));
            entry.0 = entry.0.clone().min(row.fact.at.clone());
            entry.1.insert(row.fact.name.clone());
        }
    }
    for ((listed_on, _), pages) in listings {
        if pages.len() < 2 {
            continue;
        }
        for (page, (first_row, names)) in &pages {
            for (other_page, (other_first, other_names)) in &pages {
                if page == other_page {
                    continue;
                }
                for missing in other_names.difference(names) {
                    diags.push(
                        Diagnostic::warning(
                            Code::PropertyMissing,
                            first_row,
                            format!("this table of `{}` does not list `{missing}`, which another page lists", bare(&listed_on)),
                        )
                        .with_help(format!("add the `{missing}` row to this table, or remove it from the other page"))
                        .with_related(other_first, format!("this table lists `{missing}`")),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inherited_from_note_is_removed_from_descriptions() {
        assert_eq!(
            strip_inherited_from(
                "Key of the entity. Inherited from deviceConfiguration",
                "deviceConfiguration"
            ),
            "Key of the entity."
        );
        assert_eq!(
            strip_inherited_from(
                "Scale. Inherited from base. Possible values are: a, b.",
                "base"
            ),
            "Scale. Possible values are: a, b."
        );
        assert_eq!(
            strip_inherited_from("Valid values 1 to 99 Inherited from x", "x"),
            "Valid values 1 to 99"
        );
    }
}

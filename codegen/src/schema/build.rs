//! Build: facts of all pages -> one [`Schema`] (plus diagnostics).
//!
//! Order: collect -> links -> bases -> properties -> operations -> infer from
//! paths -> infer from examples -> kinds and enum members -> assemble (sorted).
//!
//! Entity or complex: a type is an entity when its resource annotation has a
//! `keyProperty`, its page has a Methods table, an operation is about it, or a
//! Relationships table types a navigation property with it and it has an `id`;
//! entity-ness then spreads over its whole inheritance tree (OData entity types
//! only derive from entity types). Every other non-enum type is complex.
//!
//! Read-only: the description says so, or the property is absent from every
//! create/update request example of the types that have it while some response
//! or resource example shows it.
//!
//! Nullable: every property except collections and an entity's `id` key.

use super::acc::Acc;
use super::bases::{ancestors, resolve, Bases};
use super::collect::collect;
use super::enums::members_of;
use super::examples::{plan_page, PlannedExample};
use super::infer::Inference;
use super::limits::cut_to_size;
use super::links::check_links;
use super::model::*;
use super::names::qualify_odata_type;
use super::operations::merge_operations;
use super::paths::infer_from_paths;
use super::properties::{merge, MergedProperties};
use super::title_words;
use crate::diag::{self, Code, Diagnostic};
use crate::facts::{ExampleKind, OperationKind, PageFacts};
use std::collections::{BTreeMap, BTreeSet};

/// The schema and what was found wrong building it.
#[derive(Debug, Clone, Default)]
pub struct SchemaBuild {
    pub schema: Schema,
    pub diagnostics: Vec<Diagnostic>,
    /// The docs' JSON examples with the types they should round-trip through, in
    /// page order (none for a schema read from its JSON).
    pub examples: Vec<PlannedExample>,
}

/// Merges `pages` into the schema, planning their examples first (per page, on all cores).
pub fn build_schema(pages: &[PageFacts]) -> SchemaBuild {
    use rayon::prelude::*;
    // rayon keeps the pages' order.
    let planned: Vec<PlannedExample> = pages.par_iter().flat_map_iter(plan_page).collect();
    let mut diags = Vec::new();
    let mut acc = Acc::default();
    collect(pages, &mut acc);
    check_links(pages, &acc.page_paths, &mut diags);
    let mut bases = resolve(&acc, &mut diags);
    let mut props = merge(&acc, &bases, &mut diags);
    let documented: BTreeSet<String> = props.by_type.keys().cloned().collect();
    let known_types: BTreeSet<String> = acc
        .types
        .iter()
        .filter(|(_, t)| t.resource_page)
        .map(|(n, _)| n.clone())
        .collect();
    let mut operations = merge_operations(pages, &known_types, &mut diags);
    infer_from_paths(&operations, &mut acc, &mut props, &mut bases);

    Inference::new(&mut acc, &mut props, &bases, documented).run(&planned);
    let read_only = read_only_from_examples(&planned, &props, &bases);
    let words = title_words::words_only_operations_name(&acc, &props, &bases, &operations);
    title_words::unbind(&mut operations, &words, &mut diags);
    for word in &words {
        acc.types.remove(word);
        props.by_type.remove(word);
    }
    let types = assemble_types(&acc, &props, &bases, &operations, &read_only, &mut diags);
    let mut schema = Schema {
        schema_version: SCHEMA_VERSION,
        types,
        operations,
    };
    schema.types.sort_by(|a, b| a.name.cmp(&b.name));
    schema.operations.sort_by(|a, b| a.name.cmp(&b.name));
    diags.extend(super::validate::validate(&mut schema));
    diag::sort_and_dedup(&mut diags);
    SchemaBuild {
        schema,
        diagnostics: diags,
        examples: planned,
    }
}

fn assemble_types(
    acc: &Acc,
    props: &MergedProperties,
    bases: &Bases,
    operations: &[Operation],
    read_only: &BTreeSet<(String, String)>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<TypeDef> {
    let mut names: BTreeSet<String> = acc.types.keys().cloned().collect();
    names.extend(props.synthesized_enums.keys().cloned());
    names.extend(props.by_type.keys().cloned());
    names.retain(|n| !n.starts_with("Edm."));

    let is_enum = |name: &str| -> bool {
        if props.synthesized_enums.contains_key(name) {
            return true;
        }
        let Some(t) = acc.types.get(name) else {
            return false;
        };
        if t.enum_page || acc.members.contains_key(name) {
            return true;
        }
        if t.resource_page
            || t.seen_as_object
            || props.by_type.contains_key(name)
            || bases.contains_key(name)
        {
            return false;
        }
        acc.possible_values.contains_key(name) || !t.seen_strings.is_empty()
    };
    // OData navigation properties lead to entities only: a type a Relationships
    // table gives a property is one when it has a key (`id`, its own or
    // inherited); without one, the row is a complex property filed under
    // Relationships by mistake.
    let navigation_targets: BTreeSet<&str> = props
        .by_type
        .values()
        .flat_map(|ps| ps.values())
        .filter(|p| p.navigation && !p.inferred)
        .map(|p| p.ty.as_str())
        .collect();
    let has_property = |name: &str, property: &str| {
        std::iter::once(name)
            .chain(ancestors(bases, name))
            .any(|t| {
                props
                    .by_type
                    .get(t)
                    .is_some_and(|ps| ps.contains_key(property))
            })
    };
    let has_id = |name: &str| has_property(name, "id");
    let entity_roots: BTreeSet<&str> = acc
        .types
        .iter()
        .filter(|(n, t)| {
            // A `keyProperty` the type does not have (its own or inherited) is
            // the template's annotation left in place on a complex type's page.
            t.key_properties.iter().any(|k| has_property(n, k))
                || t.has_methods
                || t.operation_target
                || (navigation_targets.contains(n.as_str())
                    && !t.enum_page
                    && !t.enum_section
                    && has_id(n))
        })
        .map(|(n, _)| n.as_str())
        .collect();
    let root_of = |name: &str| -> String {
        ancestors(bases, name)
            .last()
            .map(|s| s.to_string())
            .unwrap_or_else(|| name.to_string())
    };
    let entity_trees: BTreeSet<String> = entity_roots.iter().map(|n| root_of(n)).collect();
    let op_types: BTreeSet<&str> = operations
        .iter()
        .filter(|o| {
            o.paths.is_empty()
                || super::operations::marks_entity(o.kind, o.paths.iter().map(PathTemplate::as_str))
        })
        .filter_map(|o| o.target_type.as_deref())
        .collect();

    let mut out = Vec::new();
    for name in names {
        let t = acc.types.get(&name);
        let defined = t.map(|t| t.resource_page || t.enum_page).unwrap_or(false);
        let enum_kind = is_enum(&name);
        let kind = if enum_kind {
            TypeKind::Enum
        } else if entity_trees.contains(&root_of(&name)) || op_types.contains(name.as_str()) {
            TypeKind::Entity
        } else {
            TypeKind::Complex
        };
        if enum_kind && t.is_some_and(|t| t.resource_page) {
            if let Some((_, fact)) = t.and_then(|t| t.defined.first()) {
                diags.push(Diagnostic::warning(
                    Code::KindConflict,
                    &fact.at,
                    format!("`{name}` has both an enum page and a resource page"),
                )
.with_help("keep one kind of page for the type: delete or rename the enum page or the resource page"));
            }
        }
        let description = t
            .and_then(|t| {
                let mut defined = t.defined.clone();
                defined.sort_by(|a, b| a.0.cmp(&b.0));
                defined
                    .into_iter()
                    .find_map(|(_, f)| f.description.filter(|d| !d.is_empty()))
            })
            .unwrap_or_default();
        let mut sources: BTreeSet<diag::Location> = t
            .map(|t| t.sources.iter().cloned().collect())
            .unwrap_or_default();
        let (mut members, flags, inferred_members) = if enum_kind {
            let synthesized = props.synthesized_enums.get(&name);
            if let Some(s) = synthesized {
                sources.insert(s.at.clone());
            }
            let m = members_of(&name, acc, synthesized.map(|s| s.values.as_slice()), diags);
            (m.members, m.flags, m.inferred_from_examples)
        } else {
            (Vec::new(), false, false)
        };
        let mut properties = if enum_kind {
            Vec::new()
        } else {
            props
                .by_type
                .get(&name)
                .map(|ps| {
                    ps.values()
                        .map(|p| Property {
                            name: p.name.clone(),
                            ty: TypeRef::parse(&p.ty),
                            collection: p.collection,
                            nullable: !(p.collection
                                || (kind == TypeKind::Entity && p.name == "id")),
                            read_only: p.read_only_hint
                                || read_only.contains(&(name.clone(), p.name.clone())),
                            navigation: p.navigation,
                            inferred: p.inferred,
                            description: p.description.clone(),
                            sources: p.sources.iter().cloned().collect(),
                        })
                        .collect()
                })
                .unwrap_or_default()
        };
        // Where to report a type cut to size: its first source, or (a type known only
        // from examples) its first property's.
        let at = t
            .and_then(|t| t.sources.first().cloned())
            .or_else(|| properties.first()?.sources.first().cloned());
        if let Some(at) = at {
            cut_to_size(&name, &at, &mut properties, &mut members, diags);
        }
        // A type with no page of its own and no mention on a page (a type only seen
        // in a URL cast) goes to the area of its nearest ancestor that has one.
        let area = std::iter::once(name.as_str())
            .chain(ancestors(bases, &name))
            .find_map(|n| {
                acc.types
                    .get(n)
                    .and_then(|t| t.area.as_ref())
                    .map(|(_, _, a)| a.clone())
            })
            .unwrap_or_else(|| "common".to_string());
        out.push(TypeDef {
            base: if enum_kind {
                None
            } else {
                bases.get(&name).map(|b| TypeName::parse(&b.base))
            },
            is_abstract: t.is_some_and(|t| t.abstract_hint),
            inferred: !defined || inferred_members,
            description,
            properties,
            members,
            flags,
            kind,
            area,
            sources: sources.into_iter().collect(),
            name: TypeName::parse(&name),
        });
    }
    out
}

/// (declaring type, property) pairs that create/update examples always omit but responses show.
fn read_only_from_examples(
    planned: &[PlannedExample],
    props: &MergedProperties,
    bases: &Bases,
) -> BTreeSet<(String, String)> {
    #[derive(Default)]
    struct Seen {
        in_request: u32,
        absent_from_request: u32,
        in_response: bool,
    }
    let mut seen: BTreeMap<(String, String), Seen> = BTreeMap::new();
    for example in planned {
        let is_write = example.kind == ExampleKind::Request
            && matches!(
                example.operation,
                Some(OperationKind::Create | OperationKind::Update)
            );
        for instance in example.instances.iter().filter(|i| !i.collection) {
            let expected = &instance.type_name;
            let Some(object) = instance.value.as_object() else {
                continue;
            };
            let actual = match object.get("@odata.type").and_then(|v| v.as_str()) {
                Some(t) => qualify_odata_type(t),
                None => expected.clone(),
            };
            for owner in std::iter::once(actual.as_str()).chain(ancestors(bases, &actual)) {
                for name in props.by_type.get(owner).into_iter().flat_map(|p| p.keys()) {
                    let entry = seen.entry((owner.to_string(), name.clone())).or_default();
                    let present = object.contains_key(name);
                    match (is_write, present) {
                        (true, true) => entry.in_request += 1,
                        (true, false) => entry.absent_from_request += 1,
                        (false, true) => entry.in_response = true,
                        (false, false) => {}
                    }
                }
            }
        }
    }
    seen.into_iter()
        .filter(|(_, s)| s.in_request == 0 && s.absent_from_request > 0 && s.in_response)
        .map(|(k, _)| k)
        .collect()
}

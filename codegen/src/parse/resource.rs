//! Resource pages: the type, its base, its Properties and Relationships rows,
//! and its JSON representation.

use super::inline::Inline;
use super::markdown::{Block, Doc, Table};
use super::{description, http_example, page_kind, table, type_cell, Ctx};
use crate::diag::{Code, Diagnostic};
use crate::facts::{
    ExampleFact, ExampleKind, PageFacts, PropertyFact, PropertySource, TypeFact, TypeKindHint,
};

pub fn read(ctx: &mut Ctx, doc: &Doc, title: &str, title_line: u32, facts: &mut PageFacts) {
    let blocks = &doc.blocks;
    let json_section = super::section(blocks, &["json representation"]);
    // The `<!-- { "blockType": "resource", ... } -->` annotation before the JSON block.
    let annotated = json_section.and_then(|(_, bs)| {
        bs.iter().find_map(|b| match b {
            Block::Html { text, line } => annotation(ctx, text, *line)
                .filter(|a| a.get("blockType").and_then(|v| v.as_str()) == Some("resource"))
                .map(|a| (a, *line)),
            _ => None,
        })
    });
    let annotation_line = annotated.as_ref().map(|(_, l)| *l);
    let annotation = annotated.map(|(a, _)| a);
    // `#microsoft.graph.x` (the JSON payload spelling) is the same type as `microsoft.graph.x`.
    let annotated_type = annotation
        .as_ref()
        .and_then(|a| a.get("@odata.type"))
        .and_then(|v| v.as_str())
        // Some annotations write the type the way payloads do, `#microsoft.graph.x`.
        .map(|t| t.trim().trim_start_matches('#').to_string())
        .filter(|t| !t.is_empty());
    let Some(name) = annotated_type
        .as_deref()
        .map(type_cell::bare_name)
        .or_else(|| page_kind::resource_type_name(title))
    else {
        // An overview or a page of several types: no type is named after its title.
        ctx.push(
            Diagnostic::note(
                Code::UnknownPageKind,
                &ctx.at(title_line),
                format!("resource page `{title}` names no type (its title is not `X resource type` and it has no resource annotation); no type read"),
            )
            .with_help("title the page `X resource type`, or give its JSON block a `blockType: resource` annotation with `@odata.type`"),
        );
        super::enum_page::sections(ctx, blocks, facts);
        return;
    };
    let name = ctx.in_namespace(name);

    let description = super::description_paragraph(blocks).map(|(_, t)| t.to_string());
    // The base: a sentence naming it (`Inherits from [b](b.md)`, `is derived
    // from`, `is a subtype of`, ...), in the intro first, then anywhere on the
    // page; else the resource annotation's `baseType`.
    let intro_len = super::intro(blocks).len();
    let base = super::intro(blocks)
        .iter()
        .chain(blocks.iter().skip(intro_len))
        .find_map(|b| match b {
            Block::Paragraph { inlines, line, .. } => base_link(inlines).map(|n| (n, *line)),
            _ => None,
        })
        .or_else(|| {
            annotation
                .as_ref()
                .and_then(|a| a.get("baseType"))
                .and_then(|v| v.as_str())
                .map(type_cell::bare_name)
                .filter(|n| !n.is_empty())
                .map(|n| (n, annotation_line.unwrap_or(title_line)))
        });
    let (base, base_at) = match base {
        Some((b, line)) => (Some(b), Some(ctx.at(line))),
        None => (None, None),
    };
    let has_methods = super::section(blocks, &["methods"])
        .and_then(|(_, bs)| first_table(bs))
        .is_some_and(|t| {
            t.rows.iter().any(|r| {
                r.cells
                    .first()
                    .is_some_and(|c| !c.text.is_empty() && !table::is_bold_label(c))
            })
        });

    facts.types.push(TypeFact {
        name: name.clone(),
        defined_here: true,
        kind: Some(TypeKindHint::Resource),
        base,
        base_at,
        abstract_hint: description
            .as_deref()
            .is_some_and(|d| d.to_ascii_lowercase().contains("abstract"))
            || ["abstract", "isAbstract"].iter().any(|k| {
                annotation
                    .as_ref()
                    .and_then(|a| a.get(*k))
                    .is_some_and(|v| v.as_bool() == Some(true) || v.as_str() == Some("true"))
            }),
        description,
        key_property: annotation
            .as_ref()
            .and_then(|a| a.get("keyProperty"))
            .and_then(|v| v.as_str())
            .map(str::to_string),
        has_methods,
        derived: derived_types(blocks, &name),
        at: ctx.at(title_line),
    });

    // `### x values` sections document enums, whatever else the page does
    // (after the page's own type: it is the page's first defined type).
    super::enum_page::sections(ctx, blocks, facts);
    match super::section(blocks, &["properties"]) {
        Some((_, bs)) => {
            if let Some(t) = first_table(bs) {
                facts.properties.extend(property_facts(
                    ctx,
                    t,
                    &name,
                    PropertySource::ResourceProperties,
                ));
            }
        }
        None => super::missing_section(ctx, title_line, "Properties"),
    }
    // `None` under Relationships means no table: nothing to read.
    if let Some(t) = super::section(blocks, &["relationships"]).and_then(|(_, bs)| first_table(bs))
    {
        facts.properties.extend(property_facts(
            ctx,
            t,
            &name,
            PropertySource::ResourceRelationships,
        ));
    }

    if let Some((_, bs)) = json_section {
        // The JSON block; any code block if none is marked `json`.
        let block = bs
            .iter()
            .find(|b| matches!(b, Block::Code { info, .. } if info.eq_ignore_ascii_case("json")))
            .or_else(|| bs.iter().find(|b| matches!(b, Block::Code { .. })));
        if let Some(Block::Code {
            text, first_line, ..
        }) = block
        {
            let (body, json, at) = http_example::body(ctx, text, *first_line, None);
            facts.examples.push(ExampleFact {
                kind: ExampleKind::Resource,
                method: None,
                url: None,
                status: None,
                body,
                content_type: None,
                json,
                at: ctx.at(at),
                annotated_type,
                annotated_collection: false,
            });
        }
    }
}

/// The types a base's page names as derived from it, in its intro or under a
/// `Derived types` heading: the links after the last `base type for`, `base
/// class for`, `base resource for`, `derived types`, `derived classes`,
/// `inherited by` or `subtypes` of a paragraph, or the links before `inherit(s)
/// from this` / `derive(s) from this`. Labels of several words are prose, and
/// the page's own type is not its own subtype. (A tight list after `Derived
/// types include:` is not read: list items are not blocks of the parser.)
fn derived_types(blocks: &[Block], own: &str) -> Vec<String> {
    const AFTER: [&str; 7] = [
        "base type for",
        "base class for",
        "base resource for",
        "derived types",
        "derived classes",
        "inherited by",
        "subtypes",
    ];
    const BEFORE: [&str; 4] = [
        "inherit from this",
        "inherits from this",
        "derive from this",
        "derives from this",
    ];
    let own = own.rsplit('.').next().unwrap_or(own);
    let mut out: Vec<String> = Vec::new();
    let mut push = |label: &str| {
        let name = type_cell::bare_name(label.trim().trim_matches('*'));
        let bare = name.rsplit('.').next().unwrap_or(&name);
        if !name.is_empty() && !name.contains(' ') && bare != own && !out.contains(&name) {
            out.push(name);
        }
    };
    let intro = super::intro(blocks);
    let derived_section = super::section(blocks, &["derived types"]).map(|(_, bs)| bs);
    for block in intro.iter().chain(derived_section.into_iter().flatten()) {
        let Block::Paragraph { inlines, .. } = block else {
            continue;
        };
        // Offsets below are into the inlines' text joined as written.
        let lower = inlines
            .iter()
            .map(Inline::plain)
            .collect::<String>()
            .to_ascii_lowercase();
        let after = AFTER
            .iter()
            .filter_map(|p| lower.rfind(p).map(|i| i + p.len()))
            .max();
        let before = BEFORE.iter().filter_map(|p| lower.find(p)).min();
        if after.is_none() && before.is_none() {
            continue;
        }
        // Walk the inlines with their offsets into the paragraph's text.
        let mut offset = 0;
        let mut links = Vec::new();
        for inline in inlines {
            let plain = inline.plain();
            if let Inline::Link { label, .. } = inline {
                links.push((offset, label.clone()));
            }
            offset += plain.len();
        }
        for (at, label) in links {
            let wanted =
                after.is_some_and(|a| at >= a.saturating_sub(1)) || before.is_some_and(|b| at < b);
            if wanted {
                push(&label);
            }
        }
    }
    out
}

/// The base a sentence names: the label of a link right after `inherits from`,
/// `will inherit from`, `derived from`, `derives from`, `a subtype of`, `a
/// subclass of` (or `from`), `the derivative of`, `extends` or `is based on`
/// (with `the`, `abstract`, `base`, `type` between: `Inherits from the
/// abstract base type [b]`). A label of several words is prose, not a type.
/// (A bare `inherit from` is not a base: `All the session controls inherit
/// from [b]` is said of other types.)
fn base_link(inlines: &[Inline]) -> Option<String> {
    const PHRASES: [&str; 11] = [
        "inherits from",
        "will inherit from",
        "inherited from",
        "derived from",
        "derives from",
        "subtype of",
        "subclass of",
        "subclass from",
        "derivative of",
        "extends",
        "is based on",
    ];
    const FILLER: [&str; 5] = ["the", "abstract", "base", "type", "an"];
    inlines.windows(2).find_map(|w| {
        let [Inline::Text(t), Inline::Link { label, .. }] = w else {
            return None;
        };
        let mut lower = t
            .trim_end()
            .trim_end_matches('*')
            .trim_end()
            .to_ascii_lowercase();
        loop {
            let trimmed = FILLER
                .iter()
                .find_map(|f| {
                    lower
                        .strip_suffix(f)
                        .filter(|r| r.is_empty() || r.ends_with(' '))
                })
                .map(|r| r.trim_end().to_string());
            match trimmed {
                Some(r) => lower = r,
                None => break,
            }
        }
        let named = PHRASES.iter().any(|p| {
            lower.ends_with(p)
                && lower[..lower.len() - p.len()]
                    .chars()
                    .last()
                    .is_none_or(|c| !c.is_alphanumeric())
        });
        let label = type_cell::bare_name(label.trim().trim_matches('*'));
        (named && !label.is_empty() && !label.contains(' ')).then_some(label)
    })
}

pub fn first_table(blocks: &[Block]) -> Option<&Table> {
    blocks.iter().find_map(|b| match b {
        Block::Table(t) => Some(t),
        _ => None,
    })
}

/// Parses a block annotation `<!-- { ... } -->`; invalid JSON is reported.
pub fn annotation(ctx: &mut Ctx, html: &str, line: u32) -> Option<serde_json::Value> {
    let inner = html
        .trim()
        .strip_prefix("<!--")?
        .trim_end()
        .strip_suffix("-->")?
        .trim();
    if !inner.starts_with('{') {
        return None;
    }
    match serde_json::from_str::<serde_json::Value>(inner) {
        Ok(v) => Some(v),
        Err(e) => {
            ctx.push(
                Diagnostic::warning(
                    Code::InvalidAnnotation,
                    &ctx.at(line + e.line().saturating_sub(1) as u32),
                    format!("block annotation is not valid JSON: {e}"),
                )
                .with_help("fix the JSON inside the `<!-- -->` annotation"),
            );
            None
        }
    }
}

/// `Property|Type|Description` rows as property facts listed on `listed_on`.
pub fn property_facts(
    ctx: &mut Ctx,
    t: &Table,
    listed_on: &str,
    source: PropertySource,
) -> Vec<PropertyFact> {
    table::data_rows(ctx, t)
        .into_iter()
        .filter_map(|row| {
            let (name, ty) = name_and_type(ctx, &row);
            // `backupReviewers (deprecated)`: the note is not part of the name.
            let name = super::page_kind::without_parenthetical(&name).to_string();
            // A row for `files/fileName` documents a member of a nested object,
            // one for `site@odata.bind` or `@odata.etag` an annotation: neither is
            // a property of the type the table lists.
            if name.contains('/') || name.contains('@') {
                return None;
            }
            let d = description::read(
                row.cells
                    .get(2)
                    .map(|c| c.inlines.as_slice())
                    .unwrap_or(&[]),
            );
            Some(PropertyFact {
                listed_on: listed_on.to_string(),
                declared_by: d
                    .inherited_from
                    .clone()
                    .map(|n| type_cell::bare_name(&n))
                    .unwrap_or_else(|| listed_on.to_string()),
                name,
                ty,
                description: d.text,
                possible_values: d.possible_values,
                read_only_hint: d.read_only_hint,
                source,
                at: ctx.at(row.line),
            })
        })
        .collect()
}

/// Reads a type cell, reporting an unreadable one.
/// The name (first cell) and the type (second cell) of a `Name|Type|Description` row.
pub fn name_and_type(ctx: &mut Ctx, row: &super::markdown::Row) -> (String, crate::facts::TypeRef) {
    let name = row.cells[0].text.clone();
    let inlines = row
        .cells
        .get(1)
        .map(|c| c.inlines.as_slice())
        .unwrap_or(&[]);
    let ty = type_of(ctx, inlines, row.line, &name);
    (name, ty)
}

pub fn type_of(ctx: &mut Ctx, inlines: &[Inline], line: u32, name: &str) -> crate::facts::TypeRef {
    match type_cell::read(inlines) {
        Ok(t) => t,
        Err(text) => {
            ctx.push(
                Diagnostic::warning(Code::TypeCell, &ctx.at(line), format!("type of `{name}` is unreadable: `{text}`; typed Edm.Untyped"))
                    .with_help("write the type as `Prim`, `Prim collection`, `[T](link)` or `[T](link) collection`"),
            );
            type_cell::untyped(text.to_ascii_lowercase().ends_with("collection"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{base_link, derived_types};
    use crate::parse::inline::parse_fragment;
    use crate::parse::markdown::parse_blocks;

    #[test]
    fn a_base_page_names_its_derived_types() {
        let derived = |md: &str| derived_types(&parse_blocks(md).blocks, "base");
        assert_eq!(
            derived("# base resource type\n\nThis is a base type for entities, for example, [a](a.md), [b](b.md).\n"),
            ["a", "b"]
        );
        // Links before the phrase are context, not subtypes.
        assert_eq!(
            derived(
                "# base resource type\n\nUsed by [owner](o.md). It is inherited by [c](c.md).\n"
            ),
            ["c"]
        );
        assert_eq!(
            derived("# base resource type\n\n[d](d.md) and [e](e.md) inherit from this type.\n"),
            ["d", "e"]
        );
        assert_eq!(
            derived("# base resource type\n\n## Derived types\n\nThe derived types are [f](f.md) and [g](g.md).\n\n## Properties\n\nIt is inherited by [h](h.md).\n"),
            ["f", "g"]
        );
        assert!(
            derived("# base resource type\n\nSee [the overview](o.md) and [base](base.md).\n")
                .is_empty()
        );
    }

    #[test]
    fn base_phrasings() {
        let b = |s: &str| base_link(&parse_fragment(s));
        assert_eq!(
            b("Inherits from [entity](entity.md).").as_deref(),
            Some("entity")
        );
        assert_eq!(
            b("Represents an app. Inherits from [directoryObject](d.md).").as_deref(),
            Some("directoryObject")
        );
        assert_eq!(
            b("Inherits from the abstract base type [authenticationListener](a.md).").as_deref(),
            Some("authenticationListener")
        );
        assert_eq!(
            b("The **drive** resource is derived from [**baseItem**](baseitem.md) and inherits")
                .as_deref(),
            Some("baseItem")
        );
        assert_eq!(
            b("This resource is a subtype of [educationOrganization](e.md).").as_deref(),
            Some("educationOrganization")
        );
        assert_eq!(
            b("Inherits from [Conditional Access Session Control](c.md)."),
            None
        );
        assert_eq!(b("See [entity](entity.md)."), None);
        assert_eq!(
            b("A MX record. Inherited from [DomainDnsRecord](d.md) entity.").as_deref(),
            Some("DomainDnsRecord")
        );
        assert_eq!(b("It rextends [x](x.md)."), None);
        assert_eq!(
            b("This type will inherit from [identityProviderBase](i.md).").as_deref(),
            Some("identityProviderBase")
        );
        assert_eq!(
            b("A subclass of [educationResource](e.md). It is a file.").as_deref(),
            Some("educationResource")
        );
        assert_eq!(
            b("This creates a subclass from [educationAssignmentGrade](e.md),").as_deref(),
            Some("educationAssignmentGrade")
        );
        assert_eq!(
            b("This resource is the derivative of the [actionResultPart](a.md) resource.")
                .as_deref(),
            Some("actionResultPart")
        );
        assert_eq!(
            b("All the session controls inherit from [sessionControl](s.md)."),
            None
        );
    }
}

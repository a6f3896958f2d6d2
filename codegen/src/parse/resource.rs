//! Resource pages: the type, its base, its Properties and Relationships rows,
//! and its JSON representation.

use super::inline::Inline;
use super::markdown::{Block, Doc, Table};
use super::{description, http_example, page_kind, table, type_cell, Ctx};
use crate::diag::Diagnostic;
use crate::facts::{
    ExampleFact, ExampleKind, PageFacts, PropertyFact, PropertySource, TypeFact, TypeKindHint,
};

pub fn read(ctx: &mut Ctx, doc: &Doc, title: &str, title_line: u32, facts: &mut PageFacts) {
    let blocks = &doc.blocks;
    let json_section = super::section(blocks, &["json representation"]);
    // The `<!-- { "blockType": "resource", ... } -->` annotation before the JSON block.
    let annotation = json_section.and_then(|(_, bs)| {
        bs.iter().find_map(|b| match b {
            Block::Html { text, line } => annotation(ctx, text, *line)
                .filter(|a| a.get("blockType").and_then(|v| v.as_str()) == Some("resource")),
            _ => None,
        })
    });
    let annotated_type = annotation
        .as_ref()
        .and_then(|a| a.get("@odata.type"))
        .and_then(|v| v.as_str())
        .map(str::to_string);
    let Some(name) = annotated_type
        .as_deref()
        .map(type_cell::bare_name)
        .or_else(|| page_kind::resource_type_name(title))
    else {
        // An overview or a page of several types: no type is named after its title.
        ctx.push(
            Diagnostic::note(
                "unknown-page-kind",
                &ctx.at(title_line),
                format!("resource page `{title}` names no type (its title is not `X resource type` and it has no resource annotation); no type read"),
            )
            .with_help("title the page `X resource type`, or give its JSON block a `blockType: resource` annotation with `@odata.type`"),
        );
        return;
    };

    let description = super::description_paragraph(blocks).map(|(_, t)| t.to_string());
    let base = super::intro(blocks).iter().find_map(|b| match b {
        Block::Paragraph {
            inlines,
            text,
            line,
            ..
        } if text.to_ascii_lowercase().starts_with("inherits from") => {
            inlines.iter().find_map(|i| match i {
                Inline::Link { label, .. } => Some((type_cell::bare_name(label), *line)),
                _ => None,
            })
        }
        _ => None,
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
            .is_some_and(|d| d.to_ascii_lowercase().contains("abstract")),
        description,
        key_property: annotation
            .as_ref()
            .and_then(|a| a.get("keyProperty"))
            .and_then(|v| v.as_str())
            .map(str::to_string),
        has_methods,
        at: ctx.at(title_line),
    });

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
            let (body, json, at) = http_example::body(ctx, text, *first_line);
            facts.examples.push(ExampleFact {
                kind: ExampleKind::Resource,
                method: None,
                url: None,
                status: None,
                body,
                json,
                at: ctx.at(at),
                annotated_type,
            });
        }
    }
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
                    "invalid-annotation",
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
        .map(|row| {
            let (name, ty) = name_and_type(ctx, &row);
            let d = description::read(
                row.cells
                    .get(2)
                    .map(|c| c.inlines.as_slice())
                    .unwrap_or(&[]),
            );
            PropertyFact {
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
            }
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
                Diagnostic::warning("type-cell", &ctx.at(line), format!("type of `{name}` is unreadable: `{text}`; typed Edm.Untyped"))
                    .with_help("write the type as `Prim`, `Prim collection`, `[T](link)` or `[T](link) collection`"),
            );
            type_cell::untyped(text.to_ascii_lowercase().ends_with("collection"))
        }
    }
}

//! Enum pages: the type and its `Member|Value|Description` rows.

use super::markdown::{Block, Doc, Table};
use super::{description, page_kind, resource::first_table, table, Ctx};
use crate::diag::{Code, Diagnostic};
use crate::facts::{MemberFact, PageFacts, TypeFact, TypeKindHint};

pub fn read(ctx: &mut Ctx, doc: &Doc, title: &str, title_line: u32, facts: &mut PageFacts) {
    let Some(name) = page_kind::enum_type_name(title) else {
        // A page of several enums (`### x values` sections): no type is named after its title.
        sections(ctx, &doc.blocks, facts);
        return;
    };
    let name = ctx.in_namespace(name);
    let description = super::description_paragraph(&doc.blocks).map(|(_, t)| t.to_string());
    facts.types.push(TypeFact {
        name: name.clone(),
        defined_here: true,
        kind: Some(TypeKindHint::Enum),
        base: None,
        base_at: None,
        abstract_hint: false,
        description,
        key_property: None,
        has_methods: false,
        derived: Vec::new(),
        at: ctx.at(title_line),
    });
    let Some((line, blocks)) = super::section(&doc.blocks, &["members"]) else {
        super::missing_section(ctx, title_line, "Members");
        return;
    };
    let Some(t) = first_table(blocks) else {
        ctx.push(
            Diagnostic::warning(
                Code::MissingSection,
                &ctx.at(line),
                "`## Members` has no table",
            )
            .with_help("add a `Member|Value|Description` table"),
        );
        return;
    };
    for row in table::data_rows(ctx, t) {
        let member = row.cells[0].text.clone();
        let raw_value = row.cells.get(1).map(|c| c.text.as_str()).unwrap_or("");
        let value = raw_value.trim().parse::<i64>().ok();
        if value.is_none() {
            ctx.push(
                Diagnostic::warning(
                    Code::EnumValue,
                    &ctx.at(row.line),
                    format!("value `{raw_value}` of member `{member}` is not an integer"),
                )
                .with_help("give each member a decimal integer value"),
            );
        }
        let d = row
            .cells
            .get(2)
            .map(|c| description::read(&c.inlines).text)
            .filter(|t| !t.is_empty());
        facts.members.push(MemberFact {
            enum_name: name.clone(),
            name: member,
            value,
            description: d,
            at: ctx.at(row.line),
        });
    }
}

/// Enum tables under `x values` headings (any level), on any page: the
/// sections of `enums*.md` pages and the ones inside resource pages
/// (`### signInAudience values`). The heading names the enum (in the page's
/// namespace); the first table under it lists the members when its first
/// column is `Member` or `Value`; a `Value` column (after `Member`) gives
/// values, a `Description` column descriptions.
pub fn sections(ctx: &mut Ctx, blocks: &[Block], facts: &mut PageFacts) {
    for (i, b) in blocks.iter().enumerate() {
        let Block::Heading { text, line, .. } = b else {
            continue;
        };
        let Some(name) = section_enum_name(text) else {
            continue;
        };
        // The table right under the heading, before any other heading (an
        // `# Enum values` title over `### x values` sections is no enum).
        let rest = &blocks[i + 1..];
        let end = rest
            .iter()
            .position(|b| matches!(b, Block::Heading { .. }))
            .unwrap_or(rest.len());
        let Some(t) = first_table(&rest[..end]) else {
            continue;
        };
        let Some(columns) = member_columns(t) else {
            continue;
        };
        let name = ctx.in_namespace(name);
        facts.types.push(TypeFact {
            name: name.clone(),
            defined_here: true,
            kind: Some(TypeKindHint::EnumSection),
            base: None,
            base_at: None,
            abstract_hint: false,
            description: None,
            key_property: None,
            has_methods: false,
            derived: Vec::new(),
            at: ctx.at(*line),
        });
        for row in table::data_rows(ctx, t) {
            let cell = |i: Option<usize>| i.and_then(|i| row.cells.get(i));
            let member = row.cells[0].text.trim().trim_matches('`').to_string();
            if member.is_empty() {
                continue;
            }
            let value = cell(columns.value).and_then(|c| c.text.trim().parse::<i64>().ok());
            let d = cell(columns.description)
                .map(|c| description::read(&c.inlines).text)
                .filter(|t| !t.is_empty());
            facts.members.push(MemberFact {
                enum_name: name.clone(),
                name: member,
                value,
                description: d,
                at: ctx.at(row.line),
            });
        }
    }
}

/// `signInAudience values` -> `signInAudience` (one name before `values`).
fn section_enum_name(heading: &str) -> Option<String> {
    let t = heading.trim();
    let (name, last) = t.rsplit_once(' ')?;
    let name = name.trim().trim_matches('`').trim_matches('*');
    // Words that head a list of values without naming a type.
    const GENERIC: [&str; 8] = [
        "possible",
        "enum",
        "enumeration",
        "valid",
        "allowed",
        "supported",
        "property",
        "default",
    ];
    (last.eq_ignore_ascii_case("values")
        && !name.is_empty()
        && !GENERIC.contains(&name.to_ascii_lowercase().as_str())
        && !name.contains(char::is_whitespace)
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '_'))
    .then(|| name.to_string())
}

struct MemberColumns {
    value: Option<usize>,
    description: Option<usize>,
}

/// The columns of an enum table: its first header cell is `Member` or `Value`.
fn member_columns(t: &Table) -> Option<MemberColumns> {
    let header: Vec<String> = t
        .header
        .iter()
        .map(|c| c.text.trim().to_ascii_lowercase())
        .collect();
    let first = header.first()?;
    if first != "member" && first != "value" && first != "name" {
        return None;
    }
    let find = |f: &dyn Fn(&str) -> bool| header.iter().skip(1).position(|h| f(h)).map(|i| i + 1);
    Some(MemberColumns {
        value: find(&|h| h == "value" || h.ends_with(" value")),
        description: find(&|h| h.starts_with("description")),
    })
}

#[cfg(test)]
mod tests {
    use super::section_enum_name;

    #[test]
    fn section_names() {
        assert_eq!(
            section_enum_name("signInAudience values").as_deref(),
            Some("signInAudience")
        );
        assert_eq!(section_enum_name("Enum values"), None);
        assert_eq!(section_enum_name("Group visibility options"), None);
        assert_eq!(section_enum_name("Possible values"), None);
    }
}

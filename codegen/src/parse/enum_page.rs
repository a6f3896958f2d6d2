//! Enum pages: the type and its `Member|Value|Description` rows.

use super::markdown::Doc;
use super::{description, page_kind, resource::first_table, table, Ctx};
use crate::diag::Diagnostic;
use crate::facts::{MemberFact, PageFacts, TypeFact, TypeKindHint};

pub fn read(ctx: &mut Ctx, doc: &Doc, title: &str, title_line: u32, facts: &mut PageFacts) {
    let Some(name) = page_kind::enum_type_name(title) else {
        // A page of several enums (`### x values` sections): no type is named after its title.
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
        at: ctx.at(title_line),
    });
    let Some((line, blocks)) = super::section(&doc.blocks, &["members"]) else {
        super::missing_section(ctx, title_line, "Members");
        return;
    };
    let Some(t) = first_table(blocks) else {
        ctx.push(
            Diagnostic::warning(
                "missing-section",
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
                    "enum-value",
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

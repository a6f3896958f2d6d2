//! Collect: pour every page's facts into the accumulators, qualifying names.

use super::acc::{Acc, Precedence, PropCandidate};
use super::names::qualify;
use crate::facts::{PageFacts, PageKind, TypeKindHint};

pub fn collect(pages: &[PageFacts], acc: &mut Acc) {
    for page in pages {
        acc.page_paths.insert(page.path.clone());
    }
    for page in pages {
        collect_page(page, acc);
    }
}

/// The area priority of a page that defines type `name`: 0 for the page named after
/// the type (`resources/user.md` for `user`), 1 for another page that defines it
/// (`resources/intune-shared-user.md`, Intune's view of `user`): a type belongs to the
/// area of its own page whatever the other pages' paths sort like.
fn own_page_priority(path: &str, name: &str) -> u8 {
    let stem = std::path::Path::new(path)
        .file_stem()
        .map(|s| s.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let simple = name.rsplit('.').next().unwrap_or(name).to_ascii_lowercase();
    u8::from(stem != simple)
}

fn collect_page(page: &PageFacts, acc: &mut Acc) {
    let area = page.area.as_deref();
    for fact in &page.types {
        let name = qualify(&fact.name);
        let precedence = Precedence::new(page.era, &fact.at);
        let t = acc.type_mut(&name);
        t.note_source(&fact.at);
        if fact.defined_here {
            t.note_area(own_page_priority(&page.path, &name), &page.path, area);
            match fact.kind {
                Some(TypeKindHint::Enum) => t.enum_page = true,
                Some(TypeKindHint::EnumSection) => t.enum_section = true,
                Some(TypeKindHint::Resource) => t.resource_page = true,
                None => {}
            }
            t.key_properties.extend(fact.key_property.iter().cloned());
            t.has_methods |= fact.has_methods;
            t.abstract_hint |= fact.abstract_hint;
            if let Some(base) = &fact.base {
                // Placed at the `Inherits from` line: a cycle or conflict is fixed there.
                let at = fact.base_at.as_ref().unwrap_or(&fact.at);
                t.explicit_bases
                    .push((Precedence::new(page.era, at), qualify(base)));
            }
            for derived in &fact.derived {
                t.lists_derived.push((precedence.clone(), qualify(derived)));
            }
            t.defined.push((precedence, fact.clone()));
        } else {
            t.note_area(3, &page.path, area);
        }
        if let Some(base) = &fact.base {
            let b = acc.type_mut(&qualify(base));
            b.note_source(&fact.at);
            b.note_area(3, &page.path, area);
        }
    }

    // Chains inferred from the order of `Inherited from` rows: rows of the root come first.
    let mut chains: std::collections::BTreeMap<
        (String, crate::facts::PropertySource),
        (Precedence, Vec<String>),
    > = Default::default();
    for prop in &page.properties {
        let listed_on = qualify(&prop.listed_on);
        let declared_by = qualify(&prop.declared_by);
        let precedence = Precedence::new(page.era, &prop.at);
        if declared_by != listed_on {
            let entry = chains
                .entry((listed_on.clone(), prop.source))
                .or_insert_with(|| (precedence.clone(), Vec::new()));
            if !entry.1.contains(&declared_by) {
                entry.1.push(declared_by.clone());
            }
        }
        for (name, priority) in [(&listed_on, 2u8), (&declared_by, 2u8)] {
            let t = acc.type_mut(name);
            t.note_source(&prop.at);
            t.note_area(priority, &page.path, area);
        }
        if !prop.ty.is_primitive() {
            let target = qualify(&prop.ty.name);
            let t = acc.type_mut(&target);
            t.note_source(&prop.at);
            t.note_area(3, &page.path, area);
            if !prop.possible_values.is_empty() {
                acc.possible_values
                    .entry(target)
                    .or_default()
                    .push((prop.at.clone(), prop.possible_values.clone()));
            }
        }
        acc.properties
            .entry((declared_by, prop.name.clone()))
            .or_default()
            .push(PropCandidate {
                precedence,
                fact: prop.clone(),
            });
    }
    for ((listed_on, _), (precedence, chain)) in chains {
        acc.type_mut(&listed_on)
            .inferred_chains
            .push((precedence, chain));
    }

    for member in &page.members {
        let name = qualify(&member.enum_name);
        let precedence = Precedence::new(page.era, &member.at);
        acc.members
            .entry(name.clone())
            .or_default()
            .push((precedence, member.clone()));
        let t = acc.type_mut(&name);
        t.note_source(&member.at);
        // An enum page's own type is marked by its type fact; the `x values`
        // sections of a page of several enums are not pages of their own.
        if page.kind == Some(PageKind::Enum)
            && page
                .types
                .iter()
                .any(|f| f.kind == Some(TypeKindHint::Enum) && qualify(&f.name) == name)
        {
            t.enum_page = true;
        }
    }

    for op in &page.operations {
        let mentioned = op
            .target_type
            .iter()
            .chain(op.request_type.iter().map(|t| &t.name))
            .chain(op.response_type.iter().map(|t| &t.name))
            .chain(op.parameters.iter().map(|p| &p.ty.name))
            .filter(|n| !n.starts_with("Edm."))
            .cloned()
            .collect::<Vec<_>>();
        for name in mentioned {
            let t = acc.type_mut(&qualify(&name));
            t.note_source(&op.at);
            t.note_area(2, &page.path, area);
        }
        if let Some(target) = &op.target_type {
            let entity = super::operations::marks_entity(
                op.kind,
                op.paths.iter().map(|p| p.template.as_str()),
            );
            if entity || op.paths.is_empty() {
                acc.type_mut(&qualify(target)).operation_target = true;
            }
        }
    }
}

//! Type identity: a name that differs only in letter case from a type that has
//! a page of its own is that type.
//!
//! Links and type cells name types by their label (`[Event](event.md)`), and
//! the labels' case is not reliable; a second type `Event` beside the page's
//! `event` would be an empty phantom. So, before anything is merged, every
//! type name in the facts that is not the name of a documented type (one with
//! a resource or enum page) but equals exactly one documented name of the same
//! namespace when case is ignored is rewritten to it, with a `link-case` note
//! per page and name. Two documented types that differ only in case keep
//! their names (neither wins). An action or function whose type names no
//! documented type is left unbound.

use super::names::{bare, qualify};
use crate::diag::{Diagnostic, Location};
use crate::facts::{OperationKind, PageFacts};
use std::collections::{BTreeMap, BTreeSet};

/// Rewrites case-variant type names in `pages` to the documented spelling.
pub fn unify_case(pages: &mut [PageFacts]) -> Vec<Diagnostic> {
    let documented: BTreeSet<String> = pages
        .iter()
        .flat_map(|p| p.types.iter().filter(|t| t.defined_here))
        .map(|t| qualify(&t.name))
        .collect();
    let mut by_lower: BTreeMap<String, Vec<&String>> = BTreeMap::new();
    for name in &documented {
        by_lower.entry(name.to_lowercase()).or_default().push(name);
    }
    let canonical: BTreeMap<String, String> = by_lower
        .into_iter()
        .filter_map(|(lower, names)| match names.as_slice() {
            [only] => Some((lower, (*only).clone())),
            _ => None,
        })
        .collect();
    let mut diags = Vec::new();
    for page in pages.iter_mut() {
        let mut fixer = Fixer {
            documented: &documented,
            canonical: &canonical,
            reported: BTreeSet::new(),
            diags: &mut diags,
        };
        for t in &mut page.types {
            fixer.fix(&mut t.name, &t.at);
            if let Some(base) = &mut t.base {
                fixer.fix(base, t.base_at.as_ref().unwrap_or(&t.at));
            }
        }
        for p in &mut page.properties {
            fixer.fix(&mut p.listed_on, &p.at);
            fixer.fix(&mut p.declared_by, &p.at);
            fixer.fix(&mut p.ty.name, &p.at);
        }
        for m in &mut page.members {
            fixer.fix(&mut m.enum_name, &m.at);
        }
        for op in &mut page.operations {
            let at = op.at.clone();
            if let Some(t) = &mut op.target_type {
                fixer.fix(t, &at);
            }
            // An action or function is bound only to a documented type: a
            // title's word (`Range: boundingRect`) that names no page binds
            // nothing (the operation is then bound by its file name, or named
            // after it). A CRUD title names its type, page or not.
            let call = matches!(op.kind, OperationKind::Action | OperationKind::Function);
            if call
                && op
                    .target_type
                    .as_ref()
                    .is_some_and(|t| !documented.contains(&qualify(t)))
            {
                op.target_type = None;
            }
            if let Some(t) = &mut op.request_type {
                fixer.fix(&mut t.name, &at);
            }
            if let Some(t) = &mut op.response_type {
                fixer.fix(&mut t.name, &at);
            }
            for p in &mut op.parameters {
                fixer.fix(&mut p.ty.name, &p.at);
            }
        }
        for e in &mut page.examples {
            let at = e.at.clone();
            if let Some(t) = &mut e.annotated_type {
                fixer.fix(t, &at);
            }
        }
    }
    diags
}

struct Fixer<'a> {
    documented: &'a BTreeSet<String>,
    canonical: &'a BTreeMap<String, String>,
    reported: BTreeSet<String>,
    diags: &'a mut Vec<Diagnostic>,
}

impl Fixer<'_> {
    fn fix(&mut self, name: &mut String, at: &Location) {
        if name.starts_with("Edm.") || name.is_empty() {
            return;
        }
        let odata_hash = name.starts_with('#');
        let written = name.trim_start_matches('#');
        let q = qualify(written);
        if self.documented.contains(&q) {
            return;
        }
        let Some(c) = self.canonical.get(&q.to_lowercase()) else {
            return;
        };
        let replacement = if written.contains('.') {
            c.clone()
        } else {
            bare(c).to_string()
        };
        if self.reported.insert(written.to_string()) {
            self.diags.push(
                Diagnostic::note(
                    "link-case",
                    at,
                    format!("`{written}` is the type `{}` (as its page spells it) only if case is ignored; read as that type", bare(c)),
                )
                .with_help(format!("write the type name as `{}`", bare(c))),
            );
        }
        *name = if odata_hash {
            format!("#{replacement}")
        } else {
            replacement
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::{PropertyFact, PropertySource, TypeFact, TypeKindHint, TypeRef};

    fn type_fact(name: &str) -> TypeFact {
        TypeFact {
            name: name.into(),
            defined_here: true,
            kind: Some(TypeKindHint::Resource),
            base: None,
            base_at: None,
            description: None,
            key_property: None,
            abstract_hint: false,
            has_methods: false,
            at: Location::new("resources/event.md", 1),
        }
    }

    #[test]
    fn case_variants_become_the_documented_type() {
        let at = Location::new("resources/calendar.md", 20);
        let prop = |ty: &str| PropertyFact {
            listed_on: "calendar".into(),
            declared_by: "calendar".into(),
            name: "events".into(),
            ty: TypeRef {
                name: ty.into(),
                collection: true,
                linked: true,
            },
            description: String::new(),
            possible_values: Vec::new(),
            read_only_hint: false,
            source: PropertySource::ResourceRelationships,
            at: at.clone(),
        };
        let mut pages = vec![
            PageFacts {
                types: vec![type_fact("event"), type_fact("group"), type_fact("Group")],
                ..Default::default()
            },
            PageFacts {
                types: vec![type_fact("calendar")],
                properties: vec![prop("Event"), prop("Event"), prop("GROUP"), prop("Other")],
                ..Default::default()
            },
        ];
        let diags = unify_case(&mut pages);
        let tys: Vec<_> = pages[1]
            .properties
            .iter()
            .map(|p| p.ty.name.as_str())
            .collect();
        assert_eq!(tys, ["event", "event", "GROUP", "Other"]);
        assert_eq!(diags.len(), 1, "one note per page and name");
        assert_eq!(diags[0].code, "link-case");
        assert_eq!(diags[0].line, 20);
    }
}

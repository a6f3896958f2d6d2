//! The type an operation's path addresses, told by the property it ends in.
//!
//! Hand-written CRUD titles name their type in words that are often no type at
//! all (`Delete registeredOwner`, `List entries`, `Create rule`), while the path
//! they document ends in a navigation property that a resource page declares
//! (`/devices/{id}/registeredOwners/{id}/$ref`: `device.registeredOwners`, a
//! `directoryObject` collection). When every documented property of that name
//! has the same documented type, that type is what the operation reads or
//! writes; when they disagree (`pages`: `onenotePage` or `sitePage`), nothing is
//! told.

use super::names::qualify;
use crate::facts::{PageFacts, PathFact, PropertySource, TypeKindHint};
use std::collections::{BTreeMap, BTreeSet};

/// Property name (lowercase) -> the documented object types rows of that name
/// give, Relationships rows apart from Properties rows.
#[derive(Debug, Default)]
pub struct NavigationIndex {
    relationships: BTreeMap<String, BTreeSet<String>>,
    properties: BTreeMap<String, BTreeSet<String>>,
}

impl NavigationIndex {
    /// Reads the resource pages' rows; `canonical` maps a lowercase qualified name
    /// to the documented type it means (so a row's `[Message](message.md)` is `message`).
    pub fn new(pages: &[PageFacts], canonical: &BTreeMap<String, String>) -> NavigationIndex {
        let enums: BTreeSet<String> = pages
            .iter()
            .flat_map(|p| p.types.iter())
            .filter(|t| t.defined_here && t.kind == Some(TypeKindHint::Enum))
            .map(|t| qualify(&t.name).to_lowercase())
            .collect();
        let mut index = NavigationIndex::default();
        for p in pages.iter().flat_map(|p| p.properties.iter()) {
            let rows = match p.source {
                PropertySource::ResourceRelationships => &mut index.relationships,
                PropertySource::ResourceProperties => &mut index.properties,
                PropertySource::RequestBody => continue,
            };
            if p.ty.name.starts_with("Edm.") {
                continue;
            }
            let lower = qualify(p.ty.name.trim_start_matches('#')).to_lowercase();
            if enums.contains(&lower) {
                continue;
            }
            if let Some(ty) = canonical.get(&lower) {
                rows.entry(p.name.to_lowercase())
                    .or_default()
                    .insert(ty.clone());
            }
        }
        index
    }

    /// The one type that the last property segment of every path names, if any.
    pub fn target(&self, paths: &[PathFact]) -> Option<String> {
        let mut found: BTreeSet<&String> = BTreeSet::new();
        for path in paths {
            let name = last_property_segment(&path.template)?.to_lowercase();
            let types = self
                .relationships
                .get(&name)
                .or_else(|| self.properties.get(&name))?;
            found.extend(types);
        }
        match found.len() {
            1 => found.pop_first().cloned(),
            _ => None,
        }
    }
}

/// The last segment that names a property: keys (`{id}`) and `$ref`/`$value`/`$count`
/// are skipped; path addressing (`root:/{path}:`), a call (`x(...)`) or a cast
/// (`microsoft.graph.x`) ends the search with nothing.
fn last_property_segment(template: &str) -> Option<&str> {
    let path = template.split('?').next().unwrap_or(template);
    path.split('/')
        .rev()
        .filter(|s| !s.is_empty())
        .find(|s| !((s.starts_with('{') && s.ends_with('}')) || s.starts_with('$')))
        .filter(|s| s.chars().all(|c| c.is_ascii_alphanumeric()))
        .filter(|s| s.starts_with(|c: char| c.is_ascii_alphabetic()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_property_segment_skips_keys_refs_and_addressing() {
        assert_eq!(
            last_property_segment("/devices/{id}/registeredOwners/{id}/$ref"),
            Some("registeredOwners")
        );
        assert_eq!(
            last_property_segment("/me/mailFolders/inbox/messagerules?$top=1"),
            Some("messagerules")
        );
        assert_eq!(
            last_property_segment("/drive/root:/{path}:/children"),
            Some("children")
        );
        assert_eq!(last_property_segment("/drive/root:/{path}:"), None);
        assert_eq!(
            last_property_segment("/users/{id}/microsoft.graph.delta()"),
            None
        );
        assert_eq!(last_property_segment("/groups/{id}/group.cast"), None);
    }
}

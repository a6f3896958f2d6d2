//! Words an operation's title names that are no type: `Delete page` (the type is
//! `onenotePage`), `Create journals`, `List trendingAround`. Collecting makes a type of every
//! name an operation mentions, so that a type the docs know only from its operations
//! (docs-input's, whose tables are on the operation pages) is not lost; a name that gained
//! nothing else by the end of inference (no page, property, member, base, derived type,
//! key, method, example or property typed with it) is a word, and no empty type is made of it.

use super::acc::Acc;
use super::bases::Bases;
use super::model::{Operation, TypeName, TypeRef};
use super::properties::MergedProperties;
use crate::diag::{Code, Diagnostic};
use std::collections::BTreeSet;

/// The names operations mention that nothing else says anything of.
pub fn words_only_operations_name(
    acc: &Acc,
    props: &MergedProperties,
    bases: &Bases,
    operations: &[Operation],
) -> BTreeSet<String> {
    let mentioned: BTreeSet<String> = operations
        .iter()
        .flat_map(|o| {
            o.target_type.iter().map(TypeName::to_string).chain(
                o.request_type
                    .iter()
                    .chain(&o.response_type)
                    .filter_map(named),
            )
        })
        .collect();
    let typed_with: BTreeSet<&str> = props
        .by_type
        .values()
        .flat_map(|ps| ps.values().map(|p| p.ty.as_str()))
        .chain(bases.values().map(|b| b.base.as_str()))
        .chain(operations.iter().flat_map(|o| {
            o.parameters
                .iter()
                .filter_map(|p| p.ty.as_named().map(TypeName::as_str))
        }))
        .collect();
    mentioned
        .into_iter()
        .filter(|name| {
            let Some(t) = acc.types.get(name) else {
                return false;
            };
            t.defined.is_empty()
                && !(t.resource_page || t.enum_page || t.enum_section)
                && t.explicit_bases.is_empty()
                && t.lists_derived.is_empty()
                && t.inferred_chains.is_empty()
                && t.key_properties.is_empty()
                && !t.has_methods
                && !t.seen_as_object
                && t.seen_strings.is_empty()
                && props.by_type.get(name).is_none_or(|ps| ps.is_empty())
                && !props.synthesized_enums.contains_key(name)
                && !acc.members.contains_key(name)
                && !acc.possible_values.contains_key(name)
                && !bases.contains_key(name)
                && !typed_with.contains(name.as_str())
        })
        .collect()
}

fn named(t: &TypeRef) -> Option<String> {
    t.as_named().map(TypeName::to_string)
}

/// Takes `words` out of the operations (a target, request or response of that name
/// becomes none) with a note where each operation is documented.
pub fn unbind(operations: &mut [Operation], words: &BTreeSet<String>, diags: &mut Vec<Diagnostic>) {
    let is_word = |t: &Option<TypeRef>| {
        t.as_ref()
            .and_then(named)
            .is_some_and(|n| words.contains(&n))
    };
    for op in operations.iter_mut() {
        if let Some(target) = op
            .target_type
            .as_ref()
            .filter(|t| words.contains(&t.to_string()))
        {
            if let Some(at) = op.sources.first() {
                diags.push(
                    Diagnostic::note(
                        Code::TitleNamesNoType,
                        at,
                        format!(
                            "`{}` names no type that a page documents; the operation is bound to none",
                            target.name()
                        ),
                    )
                    .with_help("name the resource type in the title, or link it in the response section"),
                );
            }
            op.target_type = None;
        }
        if is_word(&op.request_type) {
            op.request_type = None;
            op.request_collection = false;
        }
        if is_word(&op.response_type) {
            op.response_type = None;
            op.response_collection = false;
        }
    }
}

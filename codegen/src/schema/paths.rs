//! Paths: navigation properties and types that only the URL templates reveal.
//!
//! Each template is walked from its root segment with the type reached so far:
//! * the root names a singleton when a type of that name exists (`deviceManagement`);
//! * `{param}` selects one element of the collection before it; the docs name
//!   parameters `{<elementType>Id}`, so when such a type exists it is the element type;
//! * `microsoft.graph.X` is a type cast: X becomes the current type (a type only
//!   seen in casts is inferred, derived from the type it was cast from);
//! * any other segment is a navigation property of the current type (an action's
//!   or function's own name ends the walk, and so does `$value`, `$ref` or
//!   `$count`, which address the entity itself). A segment the current type does not
//!   declare becomes an inferred navigation property when its type can be told:
//!   from the parameter after it, or, for the last segment, from the
//!   operation's type. When several paths give one property different types,
//!   their nearest common ancestor is kept.

use super::acc::Acc;
use super::bases::{ancestors, BaseLink, Bases};
use super::model::{Operation, PathTemplate, Segment};
use super::names::qualify;
use super::properties::{MergedProperties, MergedProperty};
use crate::diag::Location;
use crate::facts::OperationKind;
use std::collections::{BTreeMap, BTreeSet};

/// An inferred navigation property: owner, name -> (candidate types, collection, sources).
type Found = BTreeMap<(String, String), (Vec<String>, bool, BTreeSet<Location>)>;

pub fn infer_from_paths(
    operations: &[Operation],
    acc: &mut Acc,
    props: &mut MergedProperties,
    bases: &mut Bases,
) {
    let mut found = Found::new();
    for op in operations {
        let at = op
            .sources
            .first()
            .cloned()
            .unwrap_or_else(|| Location::new("", 0));
        for path in &op.paths {
            walk(op, path, &at, acc, props, bases, &mut found);
        }
    }
    for ((owner, name), (candidates, collection, sources)) in found {
        let ty = common_ancestor(&candidates, bases);
        let entry = props.by_type.entry(owner).or_default();
        entry.entry(name.clone()).or_insert_with(|| MergedProperty {
            name,
            ty,
            collection,
            read_only_hint: false,
            navigation: true,
            description: String::new(),
            sources,
            inferred: true,
        });
    }
}

fn lookup<'a>(
    props: &'a MergedProperties,
    bases: &Bases,
    ty: &str,
    name: &str,
) -> Option<&'a MergedProperty> {
    std::iter::once(ty)
        .chain(ancestors(bases, ty))
        .find_map(|t| props.by_type.get(t).and_then(|p| p.get(name)))
}

/// `{<elementType>Id}` names its element type when such a type exists.
fn param_type(segment: &Segment, acc: &Acc) -> Option<String> {
    let Segment::Parameter { name, .. } = segment else {
        return None;
    };
    let qualified = qualify(name.strip_suffix("Id")?);
    acc.types.contains_key(&qualified).then_some(qualified)
}

fn walk(
    op: &Operation,
    path: &PathTemplate,
    at: &Location,
    acc: &mut Acc,
    props: &MergedProperties,
    bases: &mut Bases,
    found: &mut Found,
) {
    let Some((root, rest)) = path.segments().split_first() else {
        return;
    };
    let mut current: Option<String> =
        Some(qualify(&root.raw())).filter(|t| acc.types.contains_key(t));
    if current.is_none() {
        current = rest.first().and_then(|s| param_type(s, acc));
    }
    let last = rest.len().saturating_sub(1);
    let is_call = matches!(op.kind, OperationKind::Action | OperationKind::Function);
    // A key segment (`{id}`), or one that addresses by path (`{item-path}:`), selects
    // an element: the type stays.
    let selects = |s: &Segment| match s {
        Segment::Parameter { .. } => true,
        Segment::Literal { text } => text.starts_with('{'),
        _ => false,
    };
    for (i, segment) in rest.iter().enumerate() {
        if selects(segment) {
            continue;
        }
        if let Segment::Cast { type_name } = segment {
            let cast = type_name.to_string();
            let t = acc.type_mut(&cast);
            t.note_source(at);
            if let Some(from) = &current {
                if !bases.contains_key(&cast)
                    && !t.resource_page
                    && from != &cast
                    && !ancestors(bases, from).contains(&cast.as_str())
                {
                    bases.insert(
                        cast.clone(),
                        BaseLink {
                            base: from.clone(),
                            inferred: true,
                            at: at.clone(),
                        },
                    );
                }
            }
            current = Some(cast);
            continue;
        }
        if is_call && i == last {
            return;
        }
        let segment = segment.raw();
        // `$value`, `$ref`, `$count`: the entity's stream, reference or count, no property.
        if segment.starts_with('$') {
            return;
        }
        let next = rest.get(i + 1);
        let Some(owner) = current.clone() else {
            // Unknown owner (a root with no type): the parameter may still name the element type.
            current = next.and_then(|n| param_type(n, acc));
            continue;
        };
        if let Some(prop) = lookup(props, bases, &owner, &segment) {
            current = Some(prop.ty.clone()).filter(|t| !t.starts_with("Edm."));
            continue;
        }
        let element = match next {
            Some(n) if selects(n) => param_type(n, acc),
            _ => None,
        };
        let is_last_nav = i == last || (i + 1 == last && next.is_some_and(selects));
        let ty = element.or_else(|| {
            if is_last_nav {
                op.target_type.as_ref().map(|t| t.to_string())
            } else {
                None
            }
        });
        let Some(ty) = ty else { return };
        let collection = next.is_some_and(selects)
            || (i == last && matches!(op.kind, OperationKind::List | OperationKind::Create));
        let entry = found
            .entry((owner, segment))
            .or_insert_with(|| (Vec::new(), false, BTreeSet::new()));
        if !entry.0.contains(&ty) {
            entry.0.push(ty.clone());
        }
        entry.1 |= collection;
        entry.2.insert(at.clone());
        current = Some(ty);
    }
}

/// The nearest type every candidate is or derives from; the first candidate when there is none.
fn common_ancestor(candidates: &[String], bases: &Bases) -> String {
    let chain = |t: &str| -> Vec<String> {
        std::iter::once(t.to_string())
            .chain(ancestors(bases, t).into_iter().map(str::to_string))
            .collect()
    };
    let first = chain(&candidates[0]);
    first
        .iter()
        .find(|c| candidates[1..].iter().all(|other| chain(other).contains(c)))
        .cloned()
        .unwrap_or_else(|| candidates[0].clone())
}

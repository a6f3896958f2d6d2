//! Features: which references between doc areas are cargo feature
//! dependencies, and which are fields compiled only with their area.
//!
//! The docs' areas refer to each other in cycles (the `intune-shared` root types
//! reach every area), so "a feature enables every area its types mention" would
//! make any one area compile nearly the whole crate. Instead areas are ordered
//! by how many other areas mention their types (most mentioned first, then by
//! name) with one constraint: a base type's area comes before the areas of the
//! types derived from it, whose structs hold their base (always a dependency).
//! Then:
//! * a structural property whose type lives in an area earlier in that order is
//!   a feature dependency (`intune-books = ["intune-shared"]`);
//! * a property whose type lives in a later area, and every navigation property
//!   into another area, is a field gated by `#[cfg(feature = "<its area>")]`:
//!   without that feature the member is not lost, it lands in
//!   `additional_properties` and serializes back unchanged.
//!
//! The dependencies therefore form a DAG, and one area compiles itself and the
//! few areas above it.

use super::{Field, RustModel, Target};
use std::collections::{BTreeMap, BTreeSet};

/// The type (qualified) a field's values are of, if not a primitive.
pub fn target_type<'a>(model: &RustModel<'a>, f: &Field) -> Option<&'a str> {
    match &f.target {
        Target::Enum { name, .. } | Target::Struct(name) | Target::Any(name) => {
            Some(model.type_def(name).name.as_str())
        }
        Target::Primitive(_) => None,
    }
}

/// The area of the type a field refers to, if any.
pub fn target_area<'a>(model: &RustModel<'a>, f: &Field) -> Option<&'a str> {
    target_type(model, f).map(|t| model.type_def(t).area.as_str())
}

/// Inheritance between areas: (derived area, base area) pairs.
fn inheritance_edges<'a>(model: &RustModel<'a>) -> BTreeSet<(&'a str, &'a str)> {
    let mut edges = BTreeSet::new();
    for &t in model.fields.keys() {
        if let Some(base) = model.ancestors[t].first() {
            let (from, to) = (
                model.type_def(t).area.as_str(),
                model.type_def(base).area.as_str(),
            );
            if from != to {
                edges.insert((from, to));
            }
        }
    }
    edges
}

/// The position of each area in the order (0 first): areas mentioned by more
/// other areas come first, except that a base type's area always comes before
/// the areas of the types derived from it (a derived struct holds its base).
pub fn area_order<'a>(model: &RustModel<'a>) -> BTreeMap<&'a str, usize> {
    let mut mentioned_by: BTreeMap<&str, BTreeSet<&str>> =
        model.areas.keys().map(|&a| (a, BTreeSet::new())).collect();
    for (&t, fields) in &model.fields {
        let home = model.type_def(t).area.as_str();
        for f in fields.iter().filter(|f| !f.prop.navigation) {
            if let Some(area) = target_area(model, f).filter(|a| *a != home) {
                mentioned_by.entry(area).or_default().insert(home);
            }
        }
    }
    let priority = |a: &str| {
        (
            std::cmp::Reverse(mentioned_by.get(a).map_or(0, BTreeSet::len)),
            a.to_string(),
        )
    };
    let edges = inheritance_edges(model);
    let mut remaining: BTreeSet<&str> = model.areas.keys().copied().collect();
    let mut order = BTreeMap::new();
    while !remaining.is_empty() {
        // Ready: every base area placed. A cycle of inheritance between areas has no
        // ready area; then the best remaining one goes first (its features stay cyclic).
        let ready = remaining
            .iter()
            .copied()
            .filter(|a| {
                edges
                    .iter()
                    .all(|(from, to)| from != a || !remaining.contains(to))
            })
            .min_by_key(|a| priority(a));
        let next = ready
            .or_else(|| remaining.iter().copied().min_by_key(|a| priority(a)))
            .expect("not empty");
        order.insert(next, order.len());
        remaining.remove(next);
    }
    order
}

/// The feature that gates field `f` of a struct in `home`, or None when the field is always compiled
/// (same area, primitive, or an area `home`'s feature depends on).
pub fn field_gate<'a>(model: &RustModel<'a>, home: &str, f: &Field) -> Option<&'a str> {
    let area = target_area(model, f).filter(|a| *a != home)?;
    if !f.prop.navigation && model.area_order[area] < model.area_order[home] {
        None
    } else {
        Some(area)
    }
}

/// Each area's feature dependencies (a DAG, see the module docs).
pub fn area_deps<'a>(model: &RustModel<'a>) -> BTreeMap<&'a str, BTreeSet<&'a str>> {
    let mut deps: BTreeMap<&str, BTreeSet<&str>> =
        model.areas.keys().map(|&a| (a, BTreeSet::new())).collect();
    for (&t, fields) in &model.fields {
        let home = model.type_def(t).area.as_str();
        for f in fields {
            if let Some(area) = target_area(model, f).filter(|a| *a != home) {
                if field_gate(model, home, f).is_none() {
                    deps.entry(home).or_default().insert(area);
                }
            }
        }
    }
    // A derived struct holds its base: the base's area is always a dependency
    // (area_order puts it first, so this keeps the DAG).
    for (derived, base) in inheritance_edges(model) {
        deps.entry(derived).or_default().insert(base);
    }
    deps
}

//! The fields of each generated struct: their Rust names, what their values are,
//! and which must be boxed.

use super::{family::is_struct, names, RustModel};
use crate::schema::{Property, TypeKind, TypeRef};
use std::collections::{BTreeMap, BTreeSet};

/// What a property's value is in Rust (before `Option`, `Box` and `Vec`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A Rust path: `String`, `i32`, `crate::edm::Guid`, `serde_json::Value`.
    Primitive(&'static str),
    /// An enum type (qualified name).
    Enum { name: String, flags: bool },
    /// A complex or entity type without derived types (qualified name).
    Struct(String),
    /// A type with derived types: its `AnyX` enum (qualified name of `X`).
    Any(String),
}

/// The Rust path of an `Edm` primitive, named without `Edm.` (`serde_json::Value` for unknown ones).
pub fn edm_path(primitive: &str) -> &'static str {
    match primitive {
        "String" => "String",
        "Int32" => "i32",
        "Int64" => "i64",
        "Int16" => "i16",
        "Byte" => "u8",
        "SByte" => "i8",
        "Boolean" => "bool",
        "Double" | "Decimal" => "f64",
        "Single" => "f64",
        "DateTimeOffset" => "crate::edm::DateTimeOffset",
        "Date" => "crate::edm::Date",
        "TimeOfDay" => "crate::edm::TimeOfDay",
        "Duration" => "crate::edm::Duration",
        "Guid" => "crate::edm::Guid",
        "Binary" => "crate::edm::Binary",
        "Stream" => "crate::edm::Stream",
        _ => "serde_json::Value",
    }
}

/// One field of a generated struct (an own property: inherited ones live in the base struct).
#[derive(Debug, Clone)]
pub struct Field<'a> {
    pub ident: String,
    pub prop: &'a Property,
    /// The type that declares the property (qualified).
    pub declared_in: &'a str,
    pub target: Target,
    /// `Box`ed: the field's struct can contain the owning struct again.
    pub boxed: bool,
}

/// What the value of `prop` is, given the families of `model`.
fn target(model: &RustModel, prop: &Property) -> Target {
    let named = match &prop.ty {
        TypeRef::Primitive(p) => return Target::Primitive(edm_path(p.name())),
        TypeRef::Named(n) => n,
    };
    match model.schema.type_def(named) {
        Some(t) if t.kind == TypeKind::Enum => Target::Enum {
            name: t.name.to_string(),
            flags: t.flags,
        },
        Some(t) if model.descendants.contains_key(t.name.as_str()) => {
            Target::Any(t.name.to_string())
        }
        Some(t) => Target::Struct(t.name.to_string()),
        None => Target::Primitive("serde_json::Value"),
    }
}

/// Struct type -> its own fields, none boxed yet.
pub fn all_fields<'a>(model: &RustModel<'a>) -> BTreeMap<&'a str, Vec<Field<'a>>> {
    let mut out = BTreeMap::new();
    for t in model.schema.types.iter().filter(|t| is_struct(t)) {
        let props: Vec<(&'a str, &'a Property)> =
            t.properties.iter().map(|p| (t.name.as_str(), p)).collect();
        let idents = names::unique_names(
            props.iter().map(|(_, p)| p.name.clone()),
            names::RESERVED_FIELD_NAMES,
            names::field_name,
        );
        let fields = props
            .into_iter()
            .map(|(declared_in, prop)| Field {
                ident: idents[&prop.name].clone(),
                prop,
                declared_in,
                target: target(model, prop),
                boxed: false,
            })
            .collect();
        out.insert(t.name.as_str(), fields);
    }
    out
}

/// Boxes every non-collection struct field whose struct can reach the owner
/// again through non-collection struct fields (the type would be infinitely large).
pub fn mark_boxed<'a>(model: &mut RustModel<'a>) {
    let edges: BTreeMap<&'a str, Vec<&'a str>> = model
        .fields
        .iter()
        .map(|(&t, fs)| {
            // A struct holds its base by value, so the base is an edge too.
            let base = model.ancestors[t].first().copied();
            let to = fs
                .iter()
                .filter(|f| !f.prop.collection)
                .filter_map(|f| match &f.target {
                    Target::Struct(s) => Some(model.type_def(s).name.as_str()),
                    _ => None,
                })
                .chain(base)
                .collect();
            (t, to)
        })
        .collect();
    let mut reach: BTreeMap<&'a str, BTreeSet<&'a str>> = BTreeMap::new();
    let schema = model.schema;
    for (&owner, fields) in model.fields.iter_mut() {
        for f in fields.iter_mut().filter(|f| !f.prop.collection) {
            if let Target::Struct(s) = &f.target {
                let start = schema
                    .type_def(s)
                    .map(|t| t.name.as_str())
                    .unwrap_or_default();
                let set = reach
                    .entry(start)
                    .or_insert_with(|| reachable(&edges, start));
                f.boxed = set.contains(owner);
            }
        }
    }
}

/// Every node reachable from `start` through at least one edge (`start` itself only through a cycle).
fn reachable<'a>(edges: &BTreeMap<&'a str, Vec<&'a str>>, start: &str) -> BTreeSet<&'a str> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<&str> = edges.get(start).cloned().unwrap_or_default();
    while let Some(n) = stack.pop() {
        if seen.insert(n) {
            stack.extend(edges.get(n).into_iter().flatten().copied());
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Validation notes the primitives emit has no Rust type for: the two lists agree.
    #[test]
    fn every_known_primitive_has_a_rust_type() {
        use crate::schema::validate::KNOWN_PRIMITIVES;
        for p in KNOWN_PRIMITIVES.iter().filter(|p| **p != "Untyped") {
            assert_ne!(edm_path(p), "serde_json::Value", "{p}");
        }
        assert_eq!(edm_path("Untyped"), "serde_json::Value");
        assert_eq!(edm_path("Float"), "serde_json::Value");
    }

    #[test]
    fn reachable_includes_start_only_through_a_cycle() {
        let edges: BTreeMap<&str, Vec<&str>> = [
            ("a", vec!["b"]),
            ("b", vec!["a"]),
            ("c", vec!["a"]),
            ("n", vec!["n"]),
        ]
        .into_iter()
        .collect();
        assert!(reachable(&edges, "a").contains("a"));
        assert!(!reachable(&edges, "c").contains("c"));
        assert!(reachable(&edges, "n").contains("n"));
    }
}

//! Polymorphic families: each struct's chain of bases and each base's descendants.

use crate::schema::{Schema, TypeDef, TypeKind};
use std::collections::BTreeMap;

/// Complex and entity types become structs; enums do not.
pub fn is_struct(t: &TypeDef) -> bool {
    t.kind != TypeKind::Enum
}

/// Struct type -> its ancestors, nearest first; a chain ends at a base that is
/// not a struct of the schema or that it has reached before (which validation rules out).
pub fn ancestors(schema: &Schema) -> BTreeMap<&str, Vec<&str>> {
    let mut out = BTreeMap::new();
    for t in schema.types.iter().filter(|t| is_struct(t)) {
        let mut chain: Vec<&str> = Vec::new();
        let mut cur = t;
        while let Some(b) = cur.base.as_deref().and_then(|b| schema.type_def(b)) {
            if !is_struct(b) || b.name == t.name || chain.contains(&b.name.as_str()) {
                break;
            }
            chain.push(&b.name);
            cur = b;
        }
        out.insert(t.name.as_str(), chain);
    }
    out
}

/// Struct type with derived types -> all its descendants, sorted.
pub fn descendants<'a>(
    ancestors: &BTreeMap<&'a str, Vec<&'a str>>,
) -> BTreeMap<&'a str, Vec<&'a str>> {
    let mut out: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (&t, chain) in ancestors {
        for &a in chain {
            out.entry(a).or_default().push(t);
        }
    }
    for d in out.values_mut() {
        d.sort_unstable();
    }
    out
}

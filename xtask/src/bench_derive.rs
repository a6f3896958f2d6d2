//! The `#[derive(Deserialize)]` twin of the generated types, for `bench-parse`'s
//! comparison (issue 11: typed reading at least as fast as the same types derived).
//!
//! One struct per generated struct, with the same wire names and the same Rust
//! types for primitives and nested structs, read by serde's derive instead of the
//! generated member code. What derive cannot do the same way is said where it is
//! done: a derived type's struct holds its ancestors' fields (derive has no base
//! struct to embed without a second `flatten`), a property typed with a base that has
//! derived types reads the base (no `@odata.type` dispatch), enum and `edm` values
//! read as `String` (the generated enums keep unknown members as strings too), and a
//! nested struct that can hold itself is boxed as in the generated crate.
//!
//! Two twins: `keep` keeps unknown members in a `#[serde(flatten)]` map, as the
//! generated types do (the README's constraint); `drop` ignores them, the fastest
//! derive can be and a bound that loses data.

use graph_docgen::rust_model::{Field, RustModel, Target};
use std::collections::{BTreeMap, BTreeSet};

/// Whether the twin keeps members its struct does not name.
#[derive(Clone, Copy, PartialEq)]
pub enum Unknown {
    Keep,
    Drop,
}

/// The Rust source of one twin module: its structs and `parser(schema_name)`.
pub fn module(model: &RustModel, unknown: Unknown) -> String {
    let names: BTreeMap<&str, String> = model
        .fields
        .keys()
        .enumerate()
        .map(|(i, t)| (*t, format!("D{i}")))
        .collect();
    let mut out = String::from(
        "// The #[derive(Deserialize)] twin of the generated types (xtask/src/bench_derive.rs).\n\
         #![allow(dead_code, clippy::all)]\n\n\
         fn parse<T: serde::de::DeserializeOwned>(json: &str) -> bool {\n    \
         serde_json::from_str::<T>(json).map(|v| drop(std::hint::black_box(v))).is_ok()\n}\n\n",
    );
    for (&ty, rust) in &names {
        out += &format!("#[derive(serde::Deserialize)]\npub struct {rust} {{\n");
        out += "    #[serde(rename = \"@odata.type\", default)]\n    pub odata_type: Option<String>,\n";
        let mut wire_names = BTreeSet::from(["@odata.type"]);
        for (i, f) in all_fields(model, ty).into_iter().enumerate() {
            if !wire_names.insert(f.prop.name.as_str()) {
                continue;
            }
            out += &format!(
                "    #[serde(rename = {:?}, default)]\n    pub f{i}: Option<{}>,\n",
                f.prop.name,
                field_type(f, &names)
            );
        }
        if unknown == Unknown::Keep {
            out += "    #[serde(flatten)]\n    pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,\n";
        }
        out += "}\n\n";
    }
    out +=
        "pub fn parser(schema_name: &str) -> Option<fn(&str) -> bool> {\n    match schema_name {\n";
    for (ty, rust) in &names {
        out += &format!("        {ty:?} => Some(parse::<{rust}>),\n");
    }
    out += "        _ => None,\n    }\n}\n";
    out
}

/// The fields of `ty` and of its ancestors, farthest ancestor first (the generated
/// struct reaches them through its base).
fn all_fields<'m, 'a>(model: &'m RustModel<'a>, ty: &'a str) -> Vec<&'m Field<'a>> {
    let mut chain: Vec<&str> = model.ancestors.get(ty).cloned().unwrap_or_default();
    chain.reverse();
    chain.push(ty);
    chain
        .iter()
        .flat_map(|t| model.fields.get(t).into_iter().flatten())
        .collect()
}

fn field_type(f: &Field, names: &BTreeMap<&str, String>) -> String {
    let (inner, boxed) = match &f.target {
        Target::Primitive(p) if p.starts_with("crate::edm::") => ("String".to_string(), false),
        Target::Primitive(p) => (p.to_string(), false),
        Target::Enum { .. } => ("String".to_string(), false),
        Target::Struct(n) => (names[n.as_str()].clone(), f.boxed),
        // The generated `AnyX` boxes its variants.
        Target::Any(n) => (names[n.as_str()].clone(), true),
    };
    match (f.prop.collection, boxed) {
        (true, _) => format!("Vec<{inner}>"),
        (false, true) => format!("Box<{inner}>"),
        (false, false) => inner,
    }
}

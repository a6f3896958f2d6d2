//! The module and cargo feature of each doc area.

use super::names;
use crate::schema::Schema;
use std::collections::{BTreeMap, BTreeSet};

/// Cargo feature and module of one doc area.
#[derive(Debug, Clone)]
pub struct Area {
    pub module: String,
    pub feature: String,
}

/// Modules the crate has itself, crates it names by path, and features and
/// optional dependencies of its Cargo.toml: an area never shadows or clashes with one.
const RESERVED_MODULES: &[&str] = &[
    "edm",
    "support",
    "registry",
    "full",
    "default",
    "client",
    "reqwest",
    "azure_identity",
    "azure_core",
    "tokio",
    "http",
    "serde",
    "serde_json",
    "std",
    "core",
    "alloc",
];

/// `TypeDef::area` -> its module (a unique snake_case name) and feature (the module in kebab-case).
pub fn areas(schema: &Schema) -> BTreeMap<&str, Area> {
    let wire: BTreeSet<&str> = schema.types.iter().map(|t| t.area.as_str()).collect();
    let mut alloc = names::Allocator::with_reserved(RESERVED_MODULES);
    wire.into_iter()
        .map(|a| {
            let module = alloc.take(names::module_name(a));
            let feature = module.trim_end_matches('_').replace('_', "-");
            (a, Area { module, feature })
        })
        .collect()
}

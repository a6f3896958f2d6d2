//! The Rust model: the schema resolved into what the generated crate is made of,
//! once, before any file is written (the stage between `schema` and `emit`).
//!
//! Emit only prints what is decided here:
//!
//! * [`names`]: every Rust name (types, `AnyX` enums, fields, variants, modules), unique.
//! * [`family`]: each struct's ancestors and each base's descendants (polymorphic families).
//! * [`fields`]: each struct's fields, what their values are ([`Target`]) and which are boxed.
//! * [`areas`]: the module and cargo feature of each doc area; [`features`]: the feature DAG;
//!   [`crates`]: the crates of the `crates` layout and what each can see.
//! * [`client_trie`]: the client's path nodes, those that call alike one ([`shared_nodes`]);
//!   [`params`]: the names of parameter structs.
//! * [`paths`]: the one function from a schema type to its Rust path.
//!
//! A schema that was not validated never makes it panic: an unknown type is
//! `serde_json::Value`, a missing base or a loop of bases ends the chain.

pub mod areas;
pub mod client_trie;
pub mod crates;
pub mod family;
pub mod features;
pub mod fields;
pub mod names;
pub mod params;
pub mod paths;
pub mod shared_nodes;

pub use areas::Area;
pub use crates::Layout;
pub use fields::{edm_path, Field, Target};

use crate::schema::{Schema, TypeDef};
use client_trie::Trie;
use names::NameTable;
use std::collections::{BTreeMap, BTreeSet};

/// The schema with every Rust-side decision made.
pub struct RustModel<'a> {
    pub schema: &'a Schema,
    pub names: NameTable,
    /// Struct type -> its ancestors, nearest first.
    pub ancestors: BTreeMap<&'a str, Vec<&'a str>>,
    /// Struct type with derived types -> all its descendants, sorted.
    pub descendants: BTreeMap<&'a str, Vec<&'a str>>,
    /// Struct type -> its own fields (inherited ones live in the base struct), `@odata.type` excluded.
    pub fields: BTreeMap<&'a str, Vec<Field<'a>>>,
    /// `TypeDef::area` -> module and feature.
    pub areas: BTreeMap<&'a str, Area>,
    /// The order of areas that decides feature dependencies ([`features`]).
    pub area_order: BTreeMap<&'a str, usize>,
    /// The client's path nodes and the operations at each.
    pub trie: Trie<'a>,
    /// Operation name -> the Rust name of its parameters struct (actions and functions with parameters).
    pub params: BTreeMap<String, String>,
    /// How the output is laid out.
    pub layout: Layout,
    /// The crates of the [`Layout::Crates`] layout (none in the single layout).
    pub units: crates::Units<'a>,
}

impl<'a> RustModel<'a> {
    /// Resolves `schema` (validated by [`crate::schema::validate`]; see the module docs otherwise)
    /// for the `single` layout.
    pub fn new(schema: &'a Schema) -> Self {
        Self::with_layout(schema, Layout::Single)
    }

    /// Resolves `schema` for `layout`. With [`Layout::Crates`], the fields a crate
    /// cannot see are left out of its structs ([`crates`]).
    pub fn with_layout(schema: &'a Schema, layout: Layout) -> Self {
        let ancestors = family::ancestors(schema);
        let descendants = family::descendants(&ancestors);
        let polymorphic: BTreeSet<String> = descendants.keys().map(|k| k.to_string()).collect();
        let names = NameTable::build(schema, &polymorphic);
        let trie = Trie::build(schema, &ancestors);
        let mut model = RustModel {
            schema,
            names,
            ancestors,
            descendants,
            fields: BTreeMap::new(),
            areas: areas::areas(schema),
            area_order: BTreeMap::new(),
            trie,
            params: params::names(schema),
            layout,
            units: crates::Units::default(),
        };
        model.fields = fields::all_fields(&model);
        fields::mark_boxed(&mut model);
        model.area_order = features::area_order(&model);
        if layout == Layout::Crates {
            model.units = crates::Units::build(&model);
            let mut fields = std::mem::take(&mut model.fields);
            for (t, fs) in fields.iter_mut() {
                let home = model.type_def(t).area.as_str();
                fs.retain(|f| {
                    features::field_gate(&model, home, f).is_none()
                        || features::target_type(&model, f)
                            .is_none_or(|other| model.units.sees(&model, t, other))
                });
            }
            model.fields = fields;
        }
        model
    }

    /// Whether the `AnyX` enum of `base` has a variant for `member` (itself or a
    /// descendant): always in the `single` layout (gated by the member's feature
    /// when it lives in another area), only when the base's crate sees the
    /// member's in the `crates` layout.
    pub fn has_variant(&self, base: &str, member: &str) -> bool {
        match self.layout {
            Layout::Crates => self.units.sees(self, base, member),
            Layout::Single => true,
        }
    }

    /// The definition of a type of the schema (`name` qualified).
    pub fn type_def(&self, name: &str) -> &'a TypeDef {
        self.schema.type_def(name).expect("type of the schema")
    }

    /// The module and feature of the area that holds `name`.
    pub fn area(&self, name: &str) -> &Area {
        &self.areas[self.type_def(name).area.as_str()]
    }

    /// The cargo feature without which the client and the registry cannot name the
    /// type `name`: its area's in the `single` layout; in the `crates` layout the
    /// feature of the crate that holds it, which every area whose crates depend on that
    /// crate turns on (so `users` has the calls that answer the shared part of
    /// `directory-management` it compiles, without the rest of that area).
    pub fn type_feature(&self, name: &str) -> String {
        match self.layout {
            Layout::Single => self.area(name).feature.clone(),
            Layout::Crates => {
                let unit = self
                    .units
                    .unit_of(self, name)
                    .expect("every type has a crate");
                self.units.units[unit].feature()
            }
        }
    }
}

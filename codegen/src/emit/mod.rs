//! Emit: the schema in, the files of a Rust crate out (as text, keyed by relative path).

use crate::diag::Diagnostic;
use crate::schema::Schema;
use std::collections::BTreeMap;

/// Settings of the emitted crate.
#[derive(Debug, Clone)]
pub struct EmitOptions {
    /// The package name of the generated crate (`graph-generated`).
    pub crate_name: String,
    /// The crate version written into its Cargo.toml.
    pub crate_version: String,
}

impl Default for EmitOptions {
    fn default() -> Self {
        EmitOptions {
            crate_name: "graph-generated".into(),
            crate_version: "0.1.0".into(),
        }
    }
}

/// The emitted crate: file contents keyed by path relative to the crate root (`src/lib.rs`).
#[derive(Debug, Clone, Default)]
pub struct GeneratedCrate {
    pub files: BTreeMap<String, String>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Emits the crate for `schema`.
pub fn emit_crate(_schema: &Schema, _opts: &EmitOptions) -> GeneratedCrate {
    GeneratedCrate::default()
}

//! Schema: merge the facts of every page into one [`Schema`].
//!
//! The stage also plans the docs' JSON examples ([`examples`]): inference learns
//! types from them, and the check stage receives the plan with the schema
//! ([`SchemaBuild::examples`]), so no module outside the stage reads pages for it.

mod acc;
pub mod bases;
mod build;
mod collect;
pub mod enums;
pub mod examples;
pub mod identity;
mod infer;
pub mod limits;
mod links;
pub mod model;
pub mod names;
mod nav_target;
pub mod operation_parts;
pub mod operations;
pub mod path_template;
mod paths;
mod properties;
#[cfg(test)]
pub mod test_schema;
mod title_words;
pub mod type_ref;
pub mod v1;
pub mod validate;

pub use build::{build_schema, SchemaBuild};
pub use model::*;

/// Reads a schema JSON ([`Schema::from_json`]) and validates it as the schema
/// stage validates the schema it builds ([`validate::validate`]): what `generate --schema` emits from.
pub fn read_schema(text: &str) -> Result<SchemaBuild, String> {
    let mut schema = Schema::from_json(text)?;
    let diagnostics = validate::validate(&mut schema);
    Ok(SchemaBuild {
        schema,
        diagnostics,
        examples: Vec::new(),
    })
}

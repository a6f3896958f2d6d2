//! Schema: merge the facts of every page into one [`Schema`].

mod acc;
pub mod bases;
mod build;
mod collect;
pub mod enums;
pub mod identity;
mod infer;
pub mod limits;
mod links;
pub mod model;
pub mod names;
pub mod operations;
mod paths;
mod properties;

pub use build::{build_schema, SchemaBuild};
pub use model::*;

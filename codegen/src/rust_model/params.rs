//! The names of the parameters structs of actions and functions.

use super::names::{self, Allocator};
use crate::schema::Schema;
use heck::ToUpperCamelCase as _;
use std::collections::BTreeMap;

/// The Rust names of every action's and function's parameters struct, by operation name.
pub fn names(schema: &Schema) -> BTreeMap<String, String> {
    let mut alloc = Allocator::with_reserved(&["NoParameters"]);
    schema
        .operations
        .iter()
        .filter(|op| !op.parameters.is_empty())
        .map(|op| {
            let name = format!(
                "{}Parameters",
                names::pascal(
                    &op.name.replace('.', " ").to_upper_camel_case(),
                    "Operation"
                )
            );
            (op.name.clone(), alloc.take(name))
        })
        .collect()
}

//! The one home of the generated crate's static code: templates (`emit/runtime/*.rs`)
//! that are copied verbatim behind the do-not-edit header, or, for
//! [`DISPATCH_HELPERS`], spliced as items into a generated file. A test parses
//! every template with `syn::parse_file`.

use proc_macro2::TokenStream;

/// `src/support.rs`: keys, the `Object` trait, explicit nulls and unknown members, enum and flags (de)serialization.
pub const SUPPORT: &str = include_str!("runtime/support.rs");
/// `src/support/wire.rs`: the non-generic member code's bridge to serde (readers, writers, visitors).
pub const SUPPORT_WIRE: &str = include_str!("runtime/support_wire.rs");
/// `src/edm.rs`: newtypes for the Edm primitives that are strings on the wire.
pub const EDM: &str = include_str!("runtime/edm.rs");
/// `src/client/core.rs`: `Call`, `Page`, `GraphError`, URL encoding.
pub const CORE: &str = include_str!("runtime/client_core.rs");
/// `src/client/batch.rs`: JSON batching (`POST /$batch`).
pub const BATCH: &str = include_str!("runtime/client_batch.rs");
/// `src/client/executor.rs`: the reqwest executor.
pub const EXECUTOR: &str = include_str!("runtime/client_reqwest.rs");
/// `src/client/identity.rs`: tokens from azure_identity's credentials (feature `azure-identity`).
/// Its example names the crate `graph_generated`, replaced by the generated library's name.
pub const IDENTITY: &str = include_str!("runtime/client_identity.rs");
/// The helpers of `src/client/dispatch.rs` after its `call` (items spliced by [`items`]).
pub const DISPATCH_HELPERS: &str = include_str!("runtime/dispatch_helpers.rs");

/// Every template, by file name, for the test that parses them.
#[cfg(test)]
const TEMPLATES: [(&str, &str); 8] = [
    ("support.rs", SUPPORT),
    ("support_wire.rs", SUPPORT_WIRE),
    ("edm.rs", EDM),
    ("client_core.rs", CORE),
    ("client_batch.rs", BATCH),
    ("client_reqwest.rs", EXECUTOR),
    ("client_identity.rs", IDENTITY),
    ("dispatch_helpers.rs", DISPATCH_HELPERS),
];

/// The items of a template, as tokens to splice into a generated file.
///
/// Panics when the template is not valid Rust: a bug of graph-docgen (the test
/// below parses every template).
pub fn items(template: &str) -> TokenStream {
    let file = syn::parse_file(template).expect("runtime template is valid Rust");
    let items = file.items;
    quote::quote! { #(#items)* }
}

/// The runtime files keyed by crate-relative path.
pub fn files() -> [(&'static str, &'static str); 3] {
    [
        ("src/support.rs", SUPPORT),
        ("src/support/wire.rs", SUPPORT_WIRE),
        ("src/edm.rs", EDM),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rust_model::names::RESERVED_TYPE_NAMES;

    /// A template that does not parse would only fail when the generated crate is built.
    #[test]
    fn every_template_parses() {
        for (name, text) in TEMPLATES {
            if let Err(e) = syn::parse_file(text) {
                panic!("emit/runtime/{name}: {e}");
            }
        }
    }

    /// Every public type the runtime defines is a name generated types may not take.
    #[test]
    fn runtime_names_are_reserved() {
        for (_, text) in files() {
            for line in text.lines() {
                let line = line.trim_start();
                for prefix in ["pub struct ", "pub trait ", "pub enum "] {
                    if let Some(rest) = line.strip_prefix(prefix) {
                        let name: String = rest
                            .chars()
                            .take_while(|c| c.is_alphanumeric() || *c == '_')
                            .collect();
                        if name != "$name" && !name.is_empty() {
                            assert!(
                                RESERVED_TYPE_NAMES.contains(&name.as_str()),
                                "{name} is not reserved"
                            );
                        }
                    }
                }
            }
        }
        for edm in [
            "DateTimeOffset",
            "Date",
            "TimeOfDay",
            "Duration",
            "Guid",
            "Binary",
            "Stream",
        ] {
            assert!(EDM.contains(&format!("    {edm}\n}}")), "{edm}");
            assert!(RESERVED_TYPE_NAMES.contains(&edm));
        }
    }
}

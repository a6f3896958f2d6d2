//! `src/registry.rs` (cargo feature `registry`): qualified type name -> round trip
//! through the Rust type, for the example checks.
//!
//! Polymorphic bases go through their `AnyT`; enums are the plain enum (not `Flags`).

use crate::rust_model::RustModel;
use proc_macro2::TokenStream;
use quote::quote;

pub fn emit(model: &RustModel) -> TokenStream {
    let types = &model.schema.types;
    let names: Vec<&str> = types.iter().map(|t| t.name.as_str()).collect();
    // (wire name, `#[cfg(feature = ...)]`, Rust type) of every type.
    let targets: Vec<(&str, TokenStream, TokenStream)> = types
        .iter()
        .map(|t| {
            let feature = model.type_feature(&t.name);
            (
                t.name.as_str(),
                quote! { #[cfg(feature = #feature)] },
                model.item_path(&t.name),
            )
        })
        .collect();
    let arms = targets
        .iter()
        .map(|(wire, cfg, ty)| quote! { #cfg #wire => Some(roundtrip_as::<#ty>(json)), });
    let parser_arms = targets
        .iter()
        .map(|(wire, cfg, ty)| quote! { #cfg #wire => Some(parse_as::<#ty>), });
    quote! {
        //! Type name -> round trip through the generated Rust type (cargo feature `registry`).

        /// Every qualified type name of the schema, sorted (whether or not its area feature is on).
        pub fn type_names() -> &'static [&'static str] {
            &[#(#names),*]
        }

        /// Deserializes `json` as the type `type_name` (`microsoft.graph.keySize`) and
        /// serializes it back; `None` for an unknown name or one whose area feature is off.
        pub fn roundtrip(type_name: &str, json: serde_json::Value) -> Option<Result<serde_json::Value, serde_json::Error>> {
            match type_name {
                #(#arms)*
                _ => {
                    let _ = json;
                    None
                }
            }
        }

        /// Deserializes JSON text as one type and drops the value.
        pub type Parser = fn(&str) -> Result<(), serde_json::Error>;

        /// A function that deserializes JSON text as the type `type_name` and drops the
        /// value (what a typed parse costs, for benchmarks); `None` as for [`roundtrip`].
        pub fn parser(type_name: &str) -> Option<Parser> {
            match type_name {
                #(#parser_arms)*
                _ => None,
            }
        }

        #[allow(dead_code)] // unused when every area feature is off
        fn parse_as<T: serde::de::DeserializeOwned>(json: &str) -> Result<(), serde_json::Error> {
            serde_json::from_str::<T>(json).map(drop)
        }

        #[allow(dead_code)] // unused when every area feature is off
        fn roundtrip_as<T: serde::de::DeserializeOwned + serde::Serialize>(json: serde_json::Value) -> Result<serde_json::Value, serde_json::Error> {
            serde_json::to_value(serde_json::from_value::<T>(json)?)
        }
    }
}

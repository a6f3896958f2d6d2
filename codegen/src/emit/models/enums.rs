//! An enum type -> `#[non_exhaustive] pub enum` with an `Undocumented(String)`
//! catch-all that keeps unknown wire values (they serialize back unchanged).
//!
//! serde goes through `crate::support::EnumMember` and the generic helpers in
//! `support.rs`. A property typed with a flags enum is `crate::support::Flags<X>`.

use crate::emit::docs;
use crate::rust_model::names::{ident, unique_names, variant_name, UNDOCUMENTED_VARIANT};
use crate::rust_model::RustModel;
use crate::schema::{Member, TypeDef};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeSet;

/// The members to emit: documented order, repeated wire names dropped.
pub fn members(t: &TypeDef) -> Vec<&Member> {
    let mut seen = BTreeSet::new();
    t.members
        .iter()
        .filter(|m| seen.insert(m.name.as_str()))
        .collect()
}

fn member_doc(m: &Member) -> TokenStream {
    let mut ps = docs::paragraphs(&m.description);
    let mut line = format!("Wire value: `{}`", m.name);
    if let Some(v) = m.value {
        line.push_str(&format!(" (numeric value {v})"));
    }
    line.push('.');
    ps.push(line);
    docs::attrs(&ps)
}

pub fn emit(model: &RustModel, t: &TypeDef) -> TokenStream {
    let name = model.type_ident(&t.name);
    let mut ps = docs::paragraphs(&t.description);
    if ps.is_empty() {
        ps.push(format!("`{}` (no description in the docs).", t.name));
    }
    ps.push(if t.flags {
        format!("Schema: `{}`, flags enum: properties of this type are a `crate::support::Flags` set, sent as comma-separated member names.", t.name)
    } else {
        format!("Schema: `{}`, enum.", t.name)
    });
    let doc = docs::attrs(&ps);
    let members = members(t);
    let table = unique_names(
        members.iter().map(|m| m.name.clone()),
        &[UNDOCUMENTED_VARIANT],
        variant_name,
    );
    let docs: Vec<_> = members.iter().map(|m| member_doc(m)).collect();
    let variants: Vec<_> = members.iter().map(|m| ident(&table[&m.name])).collect();
    let wires: Vec<&str> = members.iter().map(|m| m.name.as_str()).collect();
    let undocumented = ident(UNDOCUMENTED_VARIANT);
    let wire = super::generated_impl(&name, "EnumKind");
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #( #docs #variants, )*
            /// A value the docs did not list when this crate was generated, kept as sent.
            #undocumented(String),
        }

        impl #name {
            /// The wire name of the value.
            pub fn as_str(&self) -> &str {
                crate::support::EnumMember::as_str(self)
            }
        }

        impl crate::support::EnumMember for #name {
            fn as_str(&self) -> &str {
                match self {
                    #( Self::#variants => #wires, )*
                    Self::#undocumented(other) => other,
                }
            }

            fn from_wire(s: &str) -> Self {
                match s {
                    #( #wires => Self::#variants, )*
                    other => Self::#undocumented(other.to_owned()),
                }
            }
        }

        impl std::str::FromStr for #name {
            type Err = std::convert::Infallible;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok(crate::support::EnumMember::from_wire(s))
            }
        }

        impl From<&str> for #name {
            fn from(s: &str) -> Self {
                crate::support::EnumMember::from_wire(s)
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                crate::support::serialize_enum(self, serializer)
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::support::deserialize_enum(deserializer)
            }
        }

        #wire
    }
}

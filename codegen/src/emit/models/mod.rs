//! The items of the data model: one struct, enum or `AnyX` per schema type, and
//! the registry from type names to those items.

pub mod enums;
pub mod polymorphic;
pub mod registry;
pub mod structs;

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};

/// `impl support::Generated for #ty`: the item's kind (`ObjectKind`, `PolymorphicKind`,
/// `EnumKind`), which gives it `support::Wire` through the runtime's one blanket impl
/// instead of two functions of its own to compile.
fn generated_impl(ty: &impl ToTokens, kind: &str) -> TokenStream {
    let kind = quote::format_ident!("{kind}");
    quote! {
        impl crate::support::Generated for #ty {
            type Kind = crate::support::#kind;
        }
    }
}

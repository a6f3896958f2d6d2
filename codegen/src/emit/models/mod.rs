//! The items of the data model: one struct, enum or `AnyX` per schema type, and
//! the registry from type names to those items.

pub mod enums;
pub mod polymorphic;
pub mod registry;
pub mod structs;

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};

/// `impl support::Wire for #ty`: the one shape every item kind shares, with the
/// kind's own read helper (`read_object`, `read_polymorphic`, `read_enum`) and
/// the expression that writes `self` through `writer`.
fn wire_impl(ty: &impl ToTokens, read: TokenStream, write: TokenStream) -> TokenStream {
    quote! {
        impl crate::support::Wire for #ty {
            fn read<'de>(reader: &mut dyn crate::support::ValueReader<'de>) -> Result<Option<Self>, crate::support::Stop> {
                crate::support::#read(reader)
            }

            fn write(&self, writer: &mut dyn crate::support::ValueWriter) -> Result<(), crate::support::Stop> {
                #write
            }
        }
    }
}

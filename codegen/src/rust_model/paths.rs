//! Schema names to Rust paths: the one place that decides how a type is spelled
//! in the generated code (fields, client signatures, the registry).

use super::{edm_path, Field, RustModel};
use crate::schema::TypeRef;
use proc_macro2::{Ident, TokenStream};
use quote::{quote, ToTokens as _};

impl<'a> RustModel<'a> {
    /// The Rust name of a schema type's own item (the struct or enum).
    pub fn type_ident(&self, name: &str) -> Ident {
        super::names::ident(self.names.type_ident(name).expect("type in the name table"))
    }

    /// `crate::X` for a type, or `crate::AnyX` for a struct with derived types: the
    /// item a value of the type is read as (a flags enum is its member enum).
    pub fn item_path(&self, name: &str) -> TokenStream {
        // Only structs with derived types have an `AnyX` name.
        let id = match self.names.any_ident(name) {
            Some(any) => super::names::ident(any),
            None => self.type_ident(name),
        };
        quote! { crate::#id }
    }

    /// The Rust type of one value of the type: [`Self::item_path`], as a
    /// `crate::support::Flags` set for a flags enum.
    pub fn value_path(&self, name: &str) -> TokenStream {
        let path = self.item_path(name);
        if self.type_def(name).flags {
            quote! { crate::support::Flags<#path> }
        } else {
            path
        }
    }

    /// The Rust type of a schema type reference (no collection); what it needs to be
    /// compiled is [`RustModel::type_feature`]'s.
    pub fn rust_type(&self, ty: &TypeRef) -> TokenStream {
        let name = match ty {
            TypeRef::Primitive(p) => return primitive(edm_path(p.name())),
            TypeRef::Named(n) => n,
        };
        match self.schema.type_def(name) {
            Some(t) => self.value_path(&t.name),
            None => quote! { serde_json::Value },
        }
    }

    /// The Rust type of a field, without the outer `Option`.
    pub fn field_type(&self, f: &Field) -> TokenStream {
        let base = match &f.target {
            super::Target::Primitive(p) => primitive(p),
            super::Target::Enum { name, .. }
            | super::Target::Struct(name)
            | super::Target::Any(name) => self.value_path(name),
        };
        let base = if f.boxed {
            quote! { Box<#base> }
        } else {
            base
        };
        if f.prop.collection {
            quote! { Vec<#base> }
        } else {
            base
        }
    }

    /// `#[cfg(feature = "...")]` when `name` lives in another area than `home` (in the
    /// `single` layout; a crate of the `crates` layout has no area features, and
    /// compiles only what it sees).
    pub fn cfg_if_other_area(&self, name: &str, home: &str) -> TokenStream {
        let (a, b) = (
            self.type_def(name).area.as_str(),
            self.type_def(home).area.as_str(),
        );
        if a == b || self.layout == super::Layout::Crates {
            return TokenStream::new();
        }
        let feature = &self.areas[a].feature;
        quote! { #[cfg(feature = #feature)] }
    }
}

/// A primitive's Rust path (`crate::edm::Guid`) as tokens.
fn primitive(path: &str) -> TokenStream {
    syn::parse_str::<syn::Type>(path)
        .expect("primitive path")
        .into_token_stream()
}

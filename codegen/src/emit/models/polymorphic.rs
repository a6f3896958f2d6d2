//! A type with derived types -> `pub enum AnyT { T(Box<T>), Derived(Box<Derived>), ... }`.
//!
//! Variants: the type itself, then every descendant (not only direct
//! children) sorted by qualified name; all boxed. Deserialize peeks at
//! `@odata.type` (a leading `#` stripped) and picks the variant
//! (`support::deserialize_polymorphic`: no buffering when the tag comes first);
//! an absent or unknown `@odata.type` gives the base variant, whose
//! `additional_properties` keep whatever it does not know. `base()`,
//! `base_mut()` and `Deref` give the base type's properties whatever the
//! variant; the enum is `#[non_exhaustive]` (a later sync may add derived
//! types). Variants of types in other areas are gated
//! by their area's feature instead of making this area depend on that one.

use crate::rust_model::names::ident;
use crate::rust_model::RustModel;
use crate::schema::TypeDef;
use proc_macro2::TokenStream;
use quote::quote;

pub fn emit(model: &RustModel, t: &TypeDef) -> TokenStream {
    let Some(descendants) = model.descendants.get(t.name.as_str()) else {
        return TokenStream::new();
    };
    let any = ident(model.names.any_ident(&t.name).expect("polymorphic type"));
    let members: Vec<&str> = std::iter::once(t.name.as_str())
        .chain(descendants.iter().copied())
        .filter(|m| model.has_variant(&t.name, m))
        .collect();
    let cfgs: Vec<_> = members
        .iter()
        .map(|m| model.cfg_if_other_area(m, &t.name))
        .collect();
    let variants: Vec<_> = members.iter().map(|m| model.type_ident(m)).collect();
    let docs: Vec<String> = members.iter().map(|m| format!(" A `{m}`.")).collect();
    let wires = &members[1..];
    let (derived_cfgs, derived_variants) = (&cfgs[1..], &variants[1..]);
    let base = &variants[0];
    let qualified = t.name.as_str();
    // `AnyX` has the properties of X and of X's bases, so it can clear them.
    let inherited: Vec<_> = std::iter::once(t.name.as_str())
        .chain(model.ancestors[t.name.as_str()].iter().copied())
        .map(|a| model.type_ident(a))
        .collect();
    let doc = format!(
        " `{}` or any type derived from it, chosen by `@odata.type` when deserializing (absent or unknown: the `{}` variant).",
        t.name, base
    );
    let wire = super::generated_impl(&any, "PolymorphicKind");
    // A crate of the `crates` layout may see none of the derived types: then every
    // `@odata.type` reads the base variant (and a one-arm match would be clippy's
    // `match_single_binding`).
    let polymorphic_fns = if wires.is_empty() {
        quote! {
            fn for_odata_type(_odata_type: &str) -> Self {
                Self::default()
            }

            fn from_json(value: serde_json::Value) -> Result<Self, serde_json::Error> {
                crate::support::from_value(value).map(Self::#base)
            }
        }
    } else {
        quote! {
            fn for_odata_type(odata_type: &str) -> Self {
                match odata_type {
                    #( #derived_cfgs #wires => Self::#derived_variants(Box::default()), )*
                    _ => Self::default(),
                }
            }

            fn from_json(value: serde_json::Value) -> Result<Self, serde_json::Error> {
                match crate::support::odata_type(&value) {
                    #( #derived_cfgs Some(#wires) => crate::support::from_value(value).map(Self::#derived_variants), )*
                    _ => crate::support::from_value(value).map(Self::#base),
                }
            }
        }
    };
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #any {
            #( #cfgs #[doc = #docs] #variants(Box<crate::#variants>), )*
        }

        impl #any {
            /// The properties every variant has: those of the base type (also reached through `Deref`).
            pub fn base(&self) -> &crate::#base {
                match self {
                    #( #cfgs Self::#variants(value) => value, )*
                }
            }

            /// The base type's properties, to change them whatever the variant.
            pub fn base_mut(&mut self) -> &mut crate::#base {
                match self {
                    #( #cfgs Self::#variants(value) => value, )*
                }
            }

            /// Sets `@odata.type` to the variant's type when it is unset and the variant is a
            /// derived type (which Graph tells from the base only by it); the base variant is left as it is.
            pub fn fill_odata_type(&mut self) {
                if matches!(self, Self::#base(_)) {
                    return;
                }
                let odata_type = self.type_odata_type();
                let slot = crate::support::Object::held_mut(self).odata_type;
                if slot.is_none() {
                    *slot = Some(odata_type.to_string());
                }
            }

            /// The `ODATA_TYPE` of the variant's type (`#microsoft.graph.x`).
            pub fn type_odata_type(&self) -> &'static str {
                match self {
                    #( #cfgs Self::#variants(_) => crate::#variants::ODATA_TYPE, )*
                }
            }
        }

        #(
            #cfgs
            impl From<crate::#variants> for #any {
                fn from(value: crate::#variants) -> Self {
                    Self::#variants(Box::new(value))
                }
            }
        )*

        #( impl crate::support::Inherits<crate::#inherited> for #any {} )*

        impl std::ops::Deref for #any {
            type Target = crate::#base;
            fn deref(&self) -> &crate::#base {
                self.base()
            }
        }

        impl std::ops::DerefMut for #any {
            fn deref_mut(&mut self) -> &mut crate::#base {
                self.base_mut()
            }
        }

        impl Default for #any {
            fn default() -> Self {
                Self::#base(Box::default())
            }
        }

        impl crate::support::Object for #any {
            fn read_property<'de>(&mut self, key: &str, value: &mut dyn crate::support::ValueReader<'de>) -> Result<crate::support::Member, crate::support::Stop> {
                match self {
                    #( #cfgs Self::#variants(variant) => variant.read_property(key, value), )*
                }
            }

            fn write_properties(&self, map: &mut dyn crate::support::PropertyWriter) -> Result<(), crate::support::Stop> {
                match self {
                    #( #cfgs Self::#variants(value) => value.write_properties(map), )*
                }
            }

            // Every variant holds the base, whose root holds what `held` reaches.
            fn held(&self) -> crate::support::Held<'_> {
                crate::support::Held {
                    schema_name: #qualified,
                    ..self.base().held()
                }
            }

            fn held_mut(&mut self) -> crate::support::HeldMut<'_> {
                self.base_mut().held_mut()
            }
        }

        impl crate::support::Polymorphic for #any {
            #polymorphic_fns
        }

        impl<'de> serde::Deserialize<'de> for #any {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::support::deserialize_polymorphic(deserializer)
            }
        }

        impl serde::Serialize for #any {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                crate::support::serialize_object(self, serializer)
            }
        }

        #wire
    }
}

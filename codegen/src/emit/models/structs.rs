//! A complex or entity type -> `pub struct` with hand-written serde impls.
//!
//! A root struct (no base) has `odata_type`, its own properties (`Option<_>`)
//! and `additional_properties` for what the schema does not know. A derived
//! struct has `base` (its base struct, by value) and its own properties, and
//! derefs to its base, so `profile.display_name` reads an inherited property:
//! inherited properties are written once, in the type that declares them.
//! The member code (`support::Object`'s `read_property`/`write_properties`) is
//! not generic: each type matches its own wire names and hands the rest to its
//! base, reading and writing values through `support::ValueReader`/`ValueWriter`,
//! so it is compiled once, here. `Deserialize`/`Serialize` are one-line shims over
//! `support::deserialize_object`/`serialize_object`. Serialize writes the root's
//! properties first, then each derived level's, then the unknown ones.

use crate::emit::docs;
use crate::rust_model::{features, names, Field, Layout, RustModel};
use crate::schema::{TypeDef, TypeKind};
use proc_macro2::TokenStream;
use quote::quote;

fn type_doc(model: &RustModel, t: &TypeDef) -> TokenStream {
    let mut ps = docs::paragraphs(&t.description);
    if ps.is_empty() {
        ps.push(format!("`{}` (no description in the docs).", t.name));
    }
    let kind = match (t.kind, t.is_abstract) {
        (TypeKind::Entity, false) => "entity type",
        (TypeKind::Entity, true) => "abstract entity type",
        (_, false) => "complex type",
        (_, true) => "abstract complex type",
    };
    let mut line = format!("Schema: `{}`, {kind}", t.name);
    if let Some(base) = model.ancestors[t.name.as_str()].first() {
        line.push_str(&format!(", derived from `{base}`"));
    }
    line.push('.');
    ps.push(line);
    docs::attrs(&ps)
}

fn field_doc(f: &Field) -> TokenStream {
    let p = f.prop;
    let mut ps = docs::paragraphs(&p.description);
    if ps.is_empty() {
        ps.push(format!(
            "The `{}` property (no description in the docs).",
            p.name
        ));
    }
    let mut notes = Vec::new();
    if p.read_only && !p.description.to_ascii_lowercase().contains("read-only") {
        notes.push("Read-only.".to_string());
    }
    if p.navigation
        && !p
            .description
            .to_ascii_lowercase()
            .contains("navigation property")
    {
        notes.push("Navigation property.".to_string());
    }
    notes.push(format!("Wire name: `{}`.", p.name));
    ps.push(notes.join(" "));
    docs::attrs(&ps)
}

/// The code that differs between a root struct and a derived one.
///
/// The root of an inheritance chain holds `@odata.type` and the unknown
/// properties; a derived struct holds its base (and reaches it through `Deref`)
/// and hands it every key and call it does not handle itself.
struct Level {
    head_fields: TokenStream,
    tail_fields: TokenStream,
    head_read: TokenStream,
    head_write: TokenStream,
    fallback: TokenStream,
    extra_ref: TokenStream,
    extra_mut: TokenStream,
    odata_mut: TokenStream,
    nulls_ref: TokenStream,
    nulls_mut: TokenStream,
    deref: TokenStream,
}

fn root_level() -> Level {
    Level {
        head_fields: quote! {
            /// The `@odata.type` annotation as sent (with its leading `#`), when present.
            pub odata_type: Option<String>,
        },
        tail_fields: quote! {
            /// Properties the schema does not know, kept so that they serialize back unchanged.
            pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
            /// The properties sent or received as an explicit `null` (see `support::Object::clear`).
            #[doc(hidden)]
            pub explicit_nulls: crate::support::Nulls,
        },
        head_read: quote! {
            if key == "@odata.type" {
                return crate::support::read_field(value, &mut self.odata_type);
            }
        },
        head_write: quote! { crate::support::serialize_field(map, "@odata.type", &self.odata_type, &self.explicit_nulls)?; },
        fallback: quote! { Ok(crate::support::Member::Unknown) },
        extra_ref: quote! { &self.additional_properties },
        extra_mut: quote! { &mut self.additional_properties },
        odata_mut: quote! { &mut self.odata_type },
        nulls_ref: quote! { &self.explicit_nulls },
        nulls_mut: quote! { &mut self.explicit_nulls },
        deref: TokenStream::new(),
    }
}

fn derived_level(model: &RustModel, t: &TypeDef, name: &proc_macro2::Ident, base: &str) -> Level {
    let base_ident = model.type_ident(base);
    let base_doc = docs::attrs(&[format!(
        "The properties `{}` inherits from `{base}` (also reachable directly, through `Deref`).",
        t.name
    )]);
    Level {
        head_fields: quote! {
            #base_doc
            pub base: crate::#base_ident,
        },
        tail_fields: TokenStream::new(),
        head_read: TokenStream::new(),
        head_write: quote! { self.base.write_properties(map)?; },
        fallback: quote! { self.base.read_property(key, value) },
        extra_ref: quote! { self.base.additional_properties() },
        extra_mut: quote! { self.base.additional_properties_mut() },
        odata_mut: quote! { self.base.odata_type_mut() },
        nulls_ref: quote! { self.base.nulls() },
        nulls_mut: quote! { self.base.nulls_mut() },
        deref: quote! {
            impl std::ops::Deref for #name {
                type Target = crate::#base_ident;
                fn deref(&self) -> &crate::#base_ident {
                    &self.base
                }
            }

            impl std::ops::DerefMut for #name {
                fn deref_mut(&mut self) -> &mut crate::#base_ident {
                    &mut self.base
                }
            }
        },
    }
}

/// The struct, its `ODATA_TYPE`, its `Deref` to its base, and its serde impls.
pub fn emit(model: &RustModel, t: &TypeDef) -> TokenStream {
    let name = model.type_ident(&t.name);
    let doc = type_doc(model, t);
    let fields = &model.fields[t.name.as_str()];
    let docs: Vec<_> = fields.iter().map(field_doc).collect();
    let idents: Vec<_> = fields.iter().map(|f| names::ident(&f.ident)).collect();
    let types: Vec<_> = fields.iter().map(|f| model.field_type(f)).collect();
    let wires: Vec<&str> = fields.iter().map(|f| f.prop.name.as_str()).collect();
    // Fields typed with an area the struct's feature does not depend on exist only with that area
    // (a crate of the `crates` layout holds only the fields it sees, and no area features).
    let cfgs: Vec<TokenStream> = fields
        .iter()
        .map(|f| match features::field_gate(model, &t.area, f) {
            Some(_) if model.layout == Layout::Crates => TokenStream::new(),
            Some(area) => {
                let feature = &model.areas[area].feature;
                quote! { #[cfg(feature = #feature)] }
            }
            None => TokenStream::new(),
        })
        .collect();
    let odata = format!("#{}", t.name);
    let qualified = t.name.as_str();
    let base = model.ancestors[t.name.as_str()].first().copied();

    let Level {
        head_fields,
        tail_fields,
        head_read,
        head_write,
        fallback,
        extra_ref,
        extra_mut,
        odata_mut,
        nulls_ref,
        nulls_mut,
        deref,
    } = match base {
        None => root_level(),
        Some(base) => derived_level(model, t, &name, base),
    };
    let ReadOwn { slot_fn, read_own } = read_own(&idents, &wires, &cfgs, &fallback);
    // The properties as `Field` constants, to clear them (`support::Object::clear`).
    let consts: Vec<_> = fields
        .iter()
        .map(|f| quote::format_ident!("{}", f.ident.to_ascii_uppercase()))
        .collect();
    let const_docs: Vec<String> = wires
        .iter()
        .map(|w| format!(" The `{w}` property."))
        .collect();
    let nulls_let = if fields.is_empty() {
        TokenStream::new()
    } else {
        quote! { let nulls = crate::support::Object::nulls(self); }
    };
    let inherits = model.ancestors[t.name.as_str()].iter().map(|a| {
        let a = model.type_ident(a);
        quote! { impl crate::support::Inherits<crate::#a> for #name {} }
    });
    let wire = super::wire_impl(&name, quote!(read_object), quote!(writer.object(self)));
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Default)]
        pub struct #name {
            #head_fields
            #( #docs #cfgs pub #idents: Option<#types>, )*
            #tail_fields
        }

        impl #name {
            /// The `@odata.type` value of this type.
            pub const ODATA_TYPE: &'static str = #odata;
            #( #[doc = #const_docs] #cfgs pub const #consts: crate::support::Field<Self> = crate::support::Field::new(#wires); )*
            #slot_fn
        }

        #deref
        #( #inherits )*

        impl crate::support::Object for #name {
            fn schema_name(&self) -> &'static str {
                #qualified
            }

            fn read_property<'de>(&mut self, key: &str, value: &mut dyn crate::support::ValueReader<'de>) -> Result<crate::support::Member, crate::support::Stop> {
                #head_read
                #read_own
            }

            fn write_properties(&self, map: &mut dyn crate::support::PropertyWriter) -> Result<(), crate::support::Stop> {
                #head_write
                #nulls_let
                #( #cfgs crate::support::serialize_field(map, #wires, &self.#idents, nulls)?; )*
                Ok(())
            }

            fn additional_properties(&self) -> &std::collections::BTreeMap<String, serde_json::Value> {
                #extra_ref
            }

            fn additional_properties_mut(&mut self) -> &mut std::collections::BTreeMap<String, serde_json::Value> {
                #extra_mut
            }

            fn odata_type_mut(&mut self) -> &mut Option<String> {
                #odata_mut
            }

            fn nulls(&self) -> &crate::support::Nulls {
                #nulls_ref
            }

            fn nulls_mut(&mut self) -> &mut crate::support::Nulls {
                #nulls_mut
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::support::deserialize_object(deserializer)
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                crate::support::serialize_object(self, serializer)
            }
        }

        #wire
    }
}

/// How `read_property` finds the field of a key among the type's own ones.
struct ReadOwn {
    /// `fn property_slot(key) -> Option<usize>`, or nothing.
    slot_fn: TokenStream,
    /// The body of `read_property` after the root's `@odata.type` check.
    read_own: TokenStream,
}

/// The key is looked up by `property_slot` (a `match` on its length, then on
/// its text among the names of that length, so a key is compared with a few
/// names rather than with every one). A type whose own fields are all gated
/// by features (or that has none) keeps a chain of `if`s, which stays
/// lint-free when every arm is compiled out.
fn read_own(
    idents: &[proc_macro2::Ident],
    wires: &[&str],
    cfgs: &[TokenStream],
    fallback: &TokenStream,
) -> ReadOwn {
    if cfgs.iter().all(|c| !c.is_empty()) {
        return ReadOwn {
            slot_fn: TokenStream::new(),
            read_own: quote! {
                #(
                    #cfgs
                    if key == #wires {
                        return crate::support::read_field(value, &mut self.#idents);
                    }
                )*
                #fallback
            },
        };
    }
    // Slots are `usize`: a type may have any number of properties (a page with
    // 70,000 rows is a type with 70,000 fields, not a panic).
    let mut by_len: std::collections::BTreeMap<usize, Vec<(&str, usize)>> = Default::default();
    for (slot, wire) in wires.iter().enumerate() {
        by_len.entry(wire.len()).or_default().push((wire, slot));
    }
    let len_arms = by_len.iter().map(|(len, names)| {
        let (names, slots): (Vec<&str>, Vec<usize>) = names.iter().copied().unzip();
        let len = proc_macro2::Literal::usize_unsuffixed(*len);
        let slots = slots
            .into_iter()
            .map(proc_macro2::Literal::usize_unsuffixed);
        quote! { #len => match key { #( #names => Some(#slots), )* _ => None }, }
    });
    let slots = (0..wires.len()).map(proc_macro2::Literal::usize_unsuffixed);
    ReadOwn {
        slot_fn: quote! {
            /// The slot of one of this type's own wire names (`None` for others).
            fn property_slot(key: &str) -> Option<usize> {
                match key.len() {
                    #( #len_arms )*
                    _ => None,
                }
            }
        },
        read_own: quote! {
            match Self::property_slot(key) {
                #( #cfgs Some(#slots) => crate::support::read_field(value, &mut self.#idents), )*
                _ => #fallback,
            }
        },
    }
}

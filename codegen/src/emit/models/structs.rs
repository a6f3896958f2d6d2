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
    /// What `held` gives besides the schema name.
    held_rest: TokenStream,
    held_mut: TokenStream,
    /// The explicit nulls, for `write_properties`.
    nulls: TokenStream,
    deref: TokenStream,
}

fn root_level() -> Level {
    Level {
        head_fields: quote! {
            /// The `@odata.type` annotation as sent (with its leading `#`), when present.
            pub odata_type: Option<String>,
        },
        tail_fields: quote! {
            /// Properties the schema does not know, kept so that they serialize back unchanged
            /// (a `BTreeMap<String, serde_json::Value>` by `Deref`).
            pub additional_properties: crate::support::AdditionalProperties,
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
        held_rest: quote! {
            additional_properties: &self.additional_properties,
            nulls: &self.explicit_nulls,
        },
        held_mut: quote! {
            crate::support::HeldMut {
                odata_type: &mut self.odata_type,
                additional_properties: &mut self.additional_properties,
                nulls: &mut self.explicit_nulls,
            }
        },
        nulls: quote! { &self.explicit_nulls },
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
        held_rest: quote! { ..self.base.held() },
        held_mut: quote! { self.base.held_mut() },
        nulls: quote! { crate::support::Object::held(self).nulls },
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
    // A boxed field (a struct that can reach its owner again) has helpers of its own:
    // `Box` has no `Wire` impl (support/wire.rs, `Generated`).
    let (readers, writers): (Vec<_>, Vec<_>) = fields
        .iter()
        .map(|f| match f.boxed {
            true => ("read_boxed_field", "serialize_boxed_field"),
            false => ("read_field", "serialize_field"),
        })
        .map(|(r, w)| (quote::format_ident!("{r}"), quote::format_ident!("{w}")))
        .unzip();
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
        held_rest,
        held_mut,
        nulls,
        deref,
    } = match base {
        None => root_level(),
        Some(base) => derived_level(model, t, &name, base),
    };
    let read_own = read_own(&idents, &readers, &wires, &cfgs, &fallback);
    // The properties as `Field` constants, to clear them (`support::Object::clear`).
    let consts: Vec<_> = fields
        .iter()
        .map(|f| quote::format_ident!("{}", f.ident.to_ascii_uppercase()))
        .collect();
    let const_docs: Vec<String> = wires
        .iter()
        .map(|w| format!(" The `{w}` property."))
        .collect();
    let nulls_let = match fields.is_empty() {
        true => TokenStream::new(),
        false => quote! { let nulls = #nulls; },
    };
    let inherits = model.ancestors[t.name.as_str()].iter().map(|a| {
        let a = model.type_ident(a);
        quote! { impl crate::support::Inherits<crate::#a> for #name {} }
    });
    let wire = super::generated_impl(&name, "ObjectKind");
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
        }

        #deref
        #( #inherits )*

        impl crate::support::Object for #name {
            fn read_property<'de>(&mut self, key: &str, value: &mut dyn crate::support::ValueReader<'de>) -> Result<crate::support::Member, crate::support::Stop> {
                #head_read
                #read_own
            }

            fn write_properties(&self, map: &mut dyn crate::support::PropertyWriter) -> Result<(), crate::support::Stop> {
                #head_write
                #nulls_let
                #( #cfgs crate::support::#writers(map, #wires, &self.#idents, nulls)?; )*
                Ok(())
            }

            fn held(&self) -> crate::support::Held<'_> {
                crate::support::Held {
                    schema_name: #qualified,
                    #held_rest
                }
            }

            fn held_mut(&mut self) -> crate::support::HeldMut<'_> {
                #held_mut
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

/// The body of `read_property` after the root's `@odata.type` check: the field of
/// a key among the type's own ones, else `fallback`.
///
/// One `match` on the key's length, then on its text among the names of that
/// length, so a key is compared with a few names rather than with every one, in
/// this one function (a lookup function beside it would be one more function per
/// type for the crate to compile). Fields gated by a feature (typed with an area
/// that may be off) are tried first, each by an `if` of its own that the gate can
/// compile out; a type with none of them ungated has no `match`.
fn read_own(
    idents: &[proc_macro2::Ident],
    readers: &[proc_macro2::Ident],
    wires: &[&str],
    cfgs: &[TokenStream],
    fallback: &TokenStream,
) -> TokenStream {
    let gated: Vec<usize> = (0..wires.len()).filter(|&i| !cfgs[i].is_empty()).collect();
    let gated_cfgs = gated.iter().map(|&i| &cfgs[i]);
    let gated_wires = gated.iter().map(|&i| wires[i]);
    let gated_idents = gated.iter().map(|&i| &idents[i]);
    let gated_readers = gated.iter().map(|&i| &readers[i]);
    let gated_reads = quote! {
        #(
            #gated_cfgs
            if key == #gated_wires {
                return crate::support::#gated_readers(value, &mut self.#gated_idents);
            }
        )*
    };
    // Any number of properties is fine here (a page with 70,000 rows is a type with
    // 70,000 fields, not a panic).
    let mut by_len: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for (i, wire) in wires.iter().enumerate() {
        if cfgs[i].is_empty() {
            by_len.entry(wire.len()).or_default().push(i);
        }
    }
    if by_len.is_empty() {
        return quote! {
            #gated_reads
            #fallback
        };
    }
    let len_arms = by_len.iter().map(|(len, fields)| {
        let names = fields.iter().map(|&i| wires[i]);
        let field_idents = fields.iter().map(|&i| &idents[i]);
        let field_readers = fields.iter().map(|&i| &readers[i]);
        let len = proc_macro2::Literal::usize_unsuffixed(*len);
        quote! {
            #len => match key {
                #( #names => crate::support::#field_readers(value, &mut self.#field_idents), )*
                _ => #fallback,
            },
        }
    });
    quote! {
        #gated_reads
        match key.len() {
            #( #len_arms )*
            _ => #fallback,
        }
    }
}

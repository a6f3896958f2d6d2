//! A complex or entity type -> `pub struct` with hand-written serde impls.
//!
//! Fields: `odata_type`, every own and inherited property (`Option<_>`), then
//! `additional_properties` for what the schema does not know. Deserialize goes
//! through `crate::support::deserialize_object` (one generic visitor, a `match`
//! on the wire name per type); Serialize writes a map in schema order.

use super::{docs, Ctx, Field};
use crate::schema::{TypeDef, TypeKind};
use proc_macro2::TokenStream;
use quote::quote;

fn type_doc(ctx: &Ctx, t: &TypeDef) -> TokenStream {
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
    if let Some(base) = ctx.ancestors[t.name.as_str()].first() {
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

/// The struct, its `ODATA_TYPE`, and its serde impls.
pub fn emit(ctx: &Ctx, t: &TypeDef) -> TokenStream {
    let name = ctx.type_ident(&t.name);
    let doc = type_doc(ctx, t);
    let fields = &ctx.fields[t.name.as_str()];
    let docs: Vec<_> = fields.iter().map(field_doc).collect();
    let idents: Vec<_> = fields
        .iter()
        .map(|f| super::names::ident(&f.ident))
        .collect();
    let types: Vec<_> = fields.iter().map(|f| ctx.field_type(f)).collect();
    let wires: Vec<&str> = fields.iter().map(|f| f.prop.name.as_str()).collect();
    // Fields typed with an area the struct's feature does not depend on exist only with that area.
    let cfgs: Vec<TokenStream> = fields
        .iter()
        .map(|f| match super::features::field_gate(ctx, &t.area, f) {
            Some(area) => {
                let feature = &ctx.areas[area].feature;
                quote! { #[cfg(feature = #feature)] }
            }
            None => TokenStream::new(),
        })
        .collect();
    let odata = format!("#{}", t.name);
    let qualified = &t.name;
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Default)]
        pub struct #name {
            /// The `@odata.type` annotation as sent (with its leading `#`), when present.
            pub odata_type: Option<String>,
            #( #docs #cfgs pub #idents: Option<#types>, )*
            /// Properties the schema does not know, kept so that they serialize back unchanged.
            pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
        }

        impl #name {
            /// The `@odata.type` value of this type.
            pub const ODATA_TYPE: &'static str = #odata;
        }

        impl crate::support::Object for #name {
            const SCHEMA_NAME: &'static str = #qualified;

            fn read_property<'de, A: serde::de::MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
                match key {
                    "@odata.type" => self.odata_type = map.next_value()?,
                    #( #cfgs #wires => self.#idents = map.next_value()?, )*
                    _ => return Ok(false),
                }
                Ok(true)
            }

            fn additional_properties_mut(&mut self) -> &mut std::collections::BTreeMap<String, serde_json::Value> {
                &mut self.additional_properties
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::support::deserialize_object(deserializer)
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap as _;
                let mut map = serializer.serialize_map(None)?;
                crate::support::serialize_field(&mut map, "@odata.type", &self.odata_type)?;
                #( #cfgs crate::support::serialize_field(&mut map, #wires, &self.#idents)?; )*
                crate::support::serialize_additional(&mut map, &self.additional_properties)?;
                map.end()
            }
        }
    }
}

//! components.schemas: one Schema Object per type of the document.
//!
//! * complex and entity types are objects; a derived type is
//!   `allOf: [base, {its own properties}]`; a root type also declares
//!   `@odata.type` (a string, not required: payloads of the declared type may omit it);
//! * a type with descendants, all of them in the document, carries a
//!   `discriminator` on `@odata.type` whose `mapping` lists every descendant
//!   (`#microsoft.graph.x`, as payloads write it), and the type itself unless abstract;
//! * enums are string enums with AutoRest's `x-ms-enum` (member descriptions,
//!   `modelAsString`: values added later are valid), flags enums also
//!   `x-ms-enum-flags` (the value is a comma-separated set of members);
//! * properties are `nullable` and `readOnly` as the schema says; a reference
//!   with either (or a description) is `allOf: [ref]` beside them (OpenAPI 3.0
//!   ignores siblings of `$ref`); a navigation property is marked
//!   `x-ms-navigationProperty`, and one whose type is not in the document is a
//!   plain object naming it (`x-graph-type`, `x-graph-area`).

use super::doc::{Discriminator, EnumFlags, MsEnum, MsEnumValue, SchemaObject};
use super::names::ComponentKeys;
use super::select::Family;
use crate::schema::{Property, Schema, TypeDef, TypeKind};
use std::collections::{BTreeMap, BTreeSet};

pub const ODATA_TYPE: &str = "@odata.type";

/// What turning types into schemas needs to know.
pub struct SchemaContext<'a> {
    pub schema: &'a Schema,
    pub keys: &'a ComponentKeys,
    pub family: &'a Family<'a>,
    /// The types the document holds.
    pub included: &'a BTreeSet<&'a str>,
}

impl SchemaContext<'_> {
    /// The schema of a value of type `name` (`Edm.*` or a type), a collection as an array.
    pub fn value(&self, name: &str, collection: bool) -> SchemaObject {
        let one = match self.reference(name) {
            Some(r) => SchemaObject::reference(r),
            None => primitive(name),
        };
        if collection {
            SchemaObject::array(one)
        } else {
            one
        }
    }

    /// `#/components/schemas/<key>` of a type the document holds.
    fn reference(&self, name: &str) -> Option<String> {
        self.included
            .contains(name)
            .then(|| self.keys.reference(name))
            .flatten()
    }

    pub fn components(&self) -> BTreeMap<String, SchemaObject> {
        self.included
            .iter()
            .filter_map(|name| self.schema.type_def(name))
            .filter_map(|t| Some((self.keys.key(&t.name)?.to_string(), self.type_schema(t))))
            .collect()
    }

    fn type_schema(&self, t: &TypeDef) -> SchemaObject {
        if t.kind == TypeKind::Enum {
            return enum_schema(t);
        }
        let mut own = SchemaObject::of_type("object", None);
        let mut properties: BTreeMap<String, SchemaObject> = t
            .properties
            .iter()
            .map(|p| (p.name.clone(), self.property(p)))
            .collect();
        let base = t.base.as_deref().and_then(|b| self.reference(b));
        if base.is_none() {
            properties
                .entry(ODATA_TYPE.to_string())
                .or_insert_with(|| SchemaObject::of_type("string", None));
        }
        own.properties = Some(properties);
        let mut schema = match base {
            Some(base) => SchemaObject {
                all_of: vec![SchemaObject::reference(base), own],
                ..SchemaObject::default()
            },
            None => own,
        };
        schema.description = description(&t.description);
        schema.discriminator = self.discriminator(t);
        schema
    }

    fn discriminator(&self, t: &TypeDef) -> Option<Discriminator> {
        let descendants = self.family.descendants(&t.name);
        if descendants.is_empty() || !descendants.iter().all(|d| self.included.contains(d)) {
            return None;
        }
        let own = (!t.is_abstract).then_some(t.name.as_str());
        let mapping = descendants
            .into_iter()
            .chain(own)
            .filter_map(|d| Some((format!("#{d}"), self.keys.reference(d)?)))
            .collect();
        Some(Discriminator {
            property_name: ODATA_TYPE,
            mapping,
        })
    }

    fn property(&self, p: &Property) -> SchemaObject {
        let target = self.schema.type_def(p.ty.as_str());
        let loose = target.filter(|t| !self.included.contains(t.name.as_str()));
        let mut one = match loose {
            // A navigation property into another area's document.
            Some(t) => SchemaObject {
                x_graph_type: Some(t.name.to_string()),
                x_graph_area: Some(t.area.clone()),
                ..SchemaObject::of_type("object", None)
            },
            None => self.value(p.ty.as_str(), false),
        };
        let annotated = !p.collection && (p.nullable || p.read_only || !p.description.is_empty());
        if one.is_reference() && annotated {
            one = SchemaObject {
                all_of: vec![one],
                ..SchemaObject::default()
            };
        }
        let mut schema = if p.collection {
            SchemaObject::array(one)
        } else {
            one
        };
        schema.nullable = p.nullable && !p.collection;
        schema.read_only = p.read_only;
        schema.description = description(&p.description);
        schema.x_ms_navigation_property = p.navigation;
        schema
    }
}

fn enum_schema(t: &TypeDef) -> SchemaObject {
    let short = t.name.rsplit('.').next().unwrap_or(&t.name).to_string();
    SchemaObject {
        description: description(&t.description),
        enum_values: t.members.iter().map(|m| m.name.clone()).collect(),
        x_ms_enum: (!t.members.is_empty()).then(|| MsEnum {
            name: short,
            model_as_string: true,
            values: t
                .members
                .iter()
                .map(|m| MsEnumValue {
                    value: m.name.clone(),
                    name: m.name.clone(),
                    description: description(&m.description),
                })
                .collect(),
        }),
        x_ms_enum_flags: t.flags.then_some(EnumFlags { is_flags: true }),
        ..SchemaObject::of_type("string", None)
    }
}

fn description(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// OpenAPI's type and format for an `Edm.*` primitive (anything else: any value).
pub fn primitive(name: &str) -> SchemaObject {
    let (ty, format) = match name {
        "Edm.String" => ("string", None),
        "Edm.Boolean" => ("boolean", None),
        "Edm.Int16" => ("integer", Some("int16")),
        "Edm.Int32" => ("integer", Some("int32")),
        "Edm.Int64" => ("integer", Some("int64")),
        "Edm.Byte" => ("integer", Some("uint8")),
        "Edm.SByte" => ("integer", Some("int8")),
        "Edm.Double" => ("number", Some("double")),
        "Edm.Single" => ("number", Some("float")),
        "Edm.Decimal" => ("number", Some("decimal")),
        "Edm.DateTimeOffset" => ("string", Some("date-time")),
        "Edm.Date" => ("string", Some("date")),
        "Edm.TimeOfDay" => ("string", Some("time")),
        "Edm.Duration" => ("string", Some("duration")),
        "Edm.Guid" => ("string", Some("uuid")),
        "Edm.Binary" => ("string", Some("byte")),
        "Edm.Stream" => ("string", Some("binary")),
        _ => return SchemaObject::default(),
    };
    SchemaObject::of_type(ty, format)
}

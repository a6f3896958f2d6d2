//! The OpenAPI 3.0.3 objects graph-docgen writes, as serde structs: the field
//! order is the document's, maps are sorted (BTreeMap), and absent fields are
//! left out, so the same schema always gives the same bytes.

use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize)]
pub struct Document {
    pub openapi: &'static str,
    pub info: Info,
    pub servers: Vec<Server>,
    pub paths: BTreeMap<String, PathItem>,
    pub components: Components,
}

#[derive(Debug, Clone, Serialize)]
pub struct Info {
    pub title: String,
    pub description: String,
    pub version: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Server {
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Components {
    pub schemas: BTreeMap<String, SchemaObject>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub security_schemes: BTreeMap<String, SecurityScheme>,
}

/// A Schema Object (also a Reference Object when only `ref` is set).
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SchemaObject {
    #[serde(rename = "$ref", skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub ty: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub all_of: Vec<SchemaObject>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub one_of: Vec<SchemaObject>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub properties: Option<BTreeMap<String, SchemaObject>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<Box<SchemaObject>>,
    #[serde(rename = "enum", skip_serializing_if = "Vec::is_empty")]
    pub enum_values: Vec<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub nullable: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub read_only: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discriminator: Option<Discriminator>,
    #[serde(rename = "x-ms-enum", skip_serializing_if = "Option::is_none")]
    pub x_ms_enum: Option<MsEnum>,
    #[serde(rename = "x-ms-enum-flags", skip_serializing_if = "Option::is_none")]
    pub x_ms_enum_flags: Option<EnumFlags>,
    /// A navigation property (an entity reached by URL, in payloads only when expanded).
    #[serde(
        rename = "x-ms-navigationProperty",
        skip_serializing_if = "std::ops::Not::not"
    )]
    pub x_ms_navigation_property: bool,
    /// The schema type a loosely typed navigation property refers to (it lives in another area's document).
    #[serde(rename = "x-graph-type", skip_serializing_if = "Option::is_none")]
    pub x_graph_type: Option<String>,
    /// The area whose document holds that type.
    #[serde(rename = "x-graph-area", skip_serializing_if = "Option::is_none")]
    pub x_graph_area: Option<String>,
}

impl SchemaObject {
    pub fn reference(target: String) -> SchemaObject {
        SchemaObject {
            reference: Some(target),
            ..SchemaObject::default()
        }
    }

    pub fn of_type(ty: &'static str, format: Option<&'static str>) -> SchemaObject {
        SchemaObject {
            ty: Some(ty),
            format,
            ..SchemaObject::default()
        }
    }

    pub fn array(items: SchemaObject) -> SchemaObject {
        SchemaObject {
            ty: Some("array"),
            items: Some(Box::new(items)),
            ..SchemaObject::default()
        }
    }

    pub fn is_reference(&self) -> bool {
        self.reference.is_some()
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Discriminator {
    pub property_name: &'static str,
    pub mapping: BTreeMap<String, String>,
}

/// AutoRest's `x-ms-enum`: the enum's name, that values added later are valid
/// (`modelAsString`), and each member's description.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MsEnum {
    pub name: String,
    pub model_as_string: bool,
    pub values: Vec<MsEnumValue>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MsEnumValue {
    pub value: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// `x-ms-enum-flags`: the value is a comma-separated set of members (`"a,b"`).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EnumFlags {
    pub is_flags: bool,
}

/// A path: its parameters (the template's) and one operation per method.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PathItem {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<Parameter>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub get: Option<OperationObject>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub put: Option<OperationObject>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub post: Option<OperationObject>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delete: Option<OperationObject>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub patch: Option<OperationObject>,
}

impl PathItem {
    /// The slot of `method` (upper-case HTTP method), None for one OpenAPI has no slot for here.
    pub fn slot(&mut self, method: &str) -> Option<&mut Option<OperationObject>> {
        match method {
            "GET" => Some(&mut self.get),
            "PUT" => Some(&mut self.put),
            "POST" => Some(&mut self.post),
            "DELETE" => Some(&mut self.delete),
            "PATCH" => Some(&mut self.patch),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Parameter {
    pub name: String,
    #[serde(rename = "in")]
    pub location: &'static str,
    pub required: bool,
    pub schema: SchemaObject,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OperationObject {
    pub operation_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_body: Option<RequestBody>,
    pub responses: BTreeMap<String, Response>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub security: Vec<BTreeMap<String, Vec<String>>>,
    #[serde(rename = "x-ms-pageable", skip_serializing_if = "Option::is_none")]
    pub x_ms_pageable: Option<Pageable>,
    /// The schema's operations this one stands for (several when pages document the same path and method).
    #[serde(rename = "x-graph-operations")]
    pub x_graph_operations: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RequestBody {
    pub required: bool,
    pub content: BTreeMap<String, MediaType>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Response {
    pub description: String,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub content: BTreeMap<String, MediaType>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MediaType {
    pub schema: SchemaObject,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Pageable {
    pub next_link_name: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct SecurityScheme {
    #[serde(rename = "type")]
    pub ty: &'static str,
    pub description: String,
    pub flows: OAuthFlows,
}

#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OAuthFlows {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authorization_code: Option<OAuthFlow>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_credentials: Option<OAuthFlow>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OAuthFlow {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authorization_url: Option<&'static str>,
    pub token_url: &'static str,
    pub scopes: BTreeMap<String, String>,
}

//! Schema JSON version 1: what `graph-docgen schema --schema-version 1` writes, field
//! for field as before version 2 (type references, places and paths as strings), and
//! what [`Schema::from_json`] still reads (tools written against v1, schemas of past syncs).
//!
//! Version 1 sorted the sources of types and operations as `file:line` strings
//! (`a.md:10` before `a.md:9`), and kept the sources of properties in place order;
//! writing v1 does the same, so the file is byte-identical to what v1 tools saw.

use super::model::{
    self as v2, Location, Member, PathTemplate, Schema, TypeKind, TypeName, TypeRef,
};
use super::operation_parts::{OperationKind, Permissions};
use serde::{Deserialize, Serialize};

pub const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SchemaV1 {
    schema_version: u32,
    types: Vec<TypeDefV1>,
    operations: Vec<OperationV1>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct TypeDefV1 {
    name: String,
    kind: TypeKind,
    base: Option<String>,
    #[serde(rename = "abstract")]
    is_abstract: bool,
    inferred: bool,
    description: String,
    properties: Vec<PropertyV1>,
    members: Vec<Member>,
    flags: bool,
    area: String,
    sources: Vec<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct PropertyV1 {
    name: String,
    #[serde(rename = "type")]
    ty: String,
    collection: bool,
    nullable: bool,
    read_only: bool,
    navigation: bool,
    inferred: bool,
    description: String,
    sources: Vec<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct OperationV1 {
    name: String,
    kind: OperationKind,
    target_type: Option<String>,
    method: String,
    paths: Vec<String>,
    path_parameters: Vec<String>,
    request_type: Option<String>,
    request_collection: bool,
    parameters: Vec<ParameterV1>,
    response_type: Option<String>,
    response_collection: bool,
    status: Option<u16>,
    permissions: Permissions,
    #[serde(default)]
    request_headers: Vec<String>,
    description: String,
    sources: Vec<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ParameterV1 {
    name: String,
    #[serde(rename = "type")]
    ty: String,
    collection: bool,
    description: String,
}

/// The schema as version 1 JSON (pretty, with a final newline, as `graph-docgen schema` writes).
pub fn to_json(schema: &Schema) -> String {
    let v1 = SchemaV1 {
        schema_version: VERSION,
        types: schema.types.iter().map(type_to_v1).collect(),
        operations: schema.operations.iter().map(operation_to_v1).collect(),
    };
    let mut json = crate::hidden_chars::to_json_pretty(&v1);
    json.push('\n');
    json
}

/// Reads a version 1 document (unknown fields ignored, as v1 promised).
pub(super) fn from_json(text: &str) -> Result<Schema, String> {
    let v1: SchemaV1 = serde_json::from_str(text).map_err(|e| e.to_string())?;
    Ok(Schema {
        schema_version: v2::SCHEMA_VERSION,
        types: v1.types.into_iter().map(type_from_v1).collect(),
        operations: v1.operations.into_iter().map(operation_from_v1).collect(),
    })
}

fn strings(sources: &[Location]) -> Vec<String> {
    sources.iter().map(Location::to_string).collect()
}

fn sorted_strings(sources: &[Location]) -> Vec<String> {
    let mut s = strings(sources);
    s.sort();
    s
}

fn locations(sources: Vec<String>) -> Vec<Location> {
    let mut at: Vec<Location> = sources.iter().map(|s| location(s)).collect();
    at.sort();
    at.dedup();
    at
}

/// `file:line`; a string without a line number is a place at line 0.
pub fn location(source: &str) -> Location {
    match source.rsplit_once(':') {
        Some((file, line)) if line.parse::<u32>().is_ok() => {
            Location::new(file, line.parse().unwrap_or(0))
        }
        _ => Location::new(source, 0),
    }
}

fn type_to_v1(t: &v2::TypeDef) -> TypeDefV1 {
    TypeDefV1 {
        name: t.name.to_string(),
        kind: t.kind,
        base: t.base.as_ref().map(TypeName::to_string),
        is_abstract: t.is_abstract,
        inferred: t.inferred,
        description: t.description.clone(),
        properties: t
            .properties
            .iter()
            .map(|p| PropertyV1 {
                name: p.name.clone(),
                ty: p.ty.to_string(),
                collection: p.collection,
                nullable: p.nullable,
                read_only: p.read_only,
                navigation: p.navigation,
                inferred: p.inferred,
                description: p.description.clone(),
                sources: strings(&p.sources),
            })
            .collect(),
        members: t.members.clone(),
        flags: t.flags,
        area: t.area.clone(),
        sources: sorted_strings(&t.sources),
    }
}

fn type_from_v1(t: TypeDefV1) -> v2::TypeDef {
    v2::TypeDef {
        name: TypeName::parse(&t.name),
        kind: t.kind,
        base: t.base.as_deref().map(TypeName::parse),
        is_abstract: t.is_abstract,
        inferred: t.inferred,
        description: t.description,
        properties: t
            .properties
            .into_iter()
            .map(|p| v2::Property {
                name: p.name,
                ty: TypeRef::parse(&p.ty),
                collection: p.collection,
                nullable: p.nullable,
                read_only: p.read_only,
                navigation: p.navigation,
                inferred: p.inferred,
                description: p.description,
                sources: locations(p.sources),
            })
            .collect(),
        members: t.members,
        flags: t.flags,
        area: t.area,
        sources: locations(t.sources),
    }
}

fn operation_to_v1(o: &v2::Operation) -> OperationV1 {
    OperationV1 {
        name: o.name.clone(),
        kind: o.kind,
        target_type: o.target_type.as_ref().map(TypeName::to_string),
        method: o.method.clone(),
        paths: o.paths.iter().map(|p| p.as_str().to_string()).collect(),
        path_parameters: o.path_parameters.clone(),
        request_type: o.request_type.as_ref().map(TypeRef::to_string),
        request_collection: o.request_collection,
        parameters: o
            .parameters
            .iter()
            .map(|p| ParameterV1 {
                name: p.name.clone(),
                ty: p.ty.to_string(),
                collection: p.collection,
                description: p.description.clone(),
            })
            .collect(),
        response_type: o.response_type.as_ref().map(TypeRef::to_string),
        response_collection: o.response_collection,
        status: o.status,
        permissions: o.permissions.clone(),
        request_headers: o.request_headers.clone(),
        description: o.description.clone(),
        sources: sorted_strings(&o.sources),
    }
}

fn operation_from_v1(o: OperationV1) -> v2::Operation {
    let ends_in_call = matches!(o.kind, OperationKind::Action | OperationKind::Function);
    v2::Operation {
        name: o.name,
        kind: o.kind,
        target_type: o.target_type.as_deref().map(TypeName::parse),
        method: o.method,
        paths: o
            .paths
            .iter()
            .map(|p| PathTemplate::parse(p, ends_in_call))
            .collect(),
        path_parameters: o.path_parameters,
        request_type: o.request_type.as_deref().map(TypeRef::parse),
        request_collection: o.request_collection,
        parameters: o
            .parameters
            .into_iter()
            .map(|p| v2::Parameter {
                name: p.name,
                ty: TypeRef::parse(&p.ty),
                collection: p.collection,
                description: p.description,
            })
            .collect(),
        response_type: o.response_type.as_deref().map(TypeRef::parse),
        response_collection: o.response_collection,
        status: o.status,
        permissions: o.permissions,
        request_headers: o.request_headers,
        // Version 1 has no body kinds: every body is JSON.
        request_body: Default::default(),
        response_body: Default::default(),
        description: o.description,
        sources: locations(o.sources),
    }
}

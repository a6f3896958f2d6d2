//! The schema: the one contract between reading docs and writing Rust.
//!
//! Serialized as-is by `graph-docgen schema` (format documented in the README,
//! `schemaVersion` 1). Type names are namespace-qualified
//! (`microsoft.graph.keySize`); primitives are `Edm.*`. Everything is sorted so
//! that the same docs give byte-identical JSON.

use crate::facts::{OperationKind, Permissions};
use serde::Serialize;

pub const SCHEMA_VERSION: u32 = 1;
pub const DEFAULT_NAMESPACE: &str = "microsoft.graph";

#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Schema {
    pub schema_version: u32,
    /// Sorted by name.
    pub types: Vec<TypeDef>,
    /// Sorted by name.
    pub operations: Vec<Operation>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum TypeKind {
    Entity,
    Complex,
    Enum,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TypeDef {
    /// Qualified: `microsoft.graph.iosScepCertificateProfile`.
    pub name: String,
    pub kind: TypeKind,
    pub base: Option<String>,
    #[serde(rename = "abstract")]
    pub is_abstract: bool,
    /// No page of its own: known only from what mentions it (links, tables, examples).
    pub inferred: bool,
    pub description: String,
    /// Only what the type declares itself; inherited ones are reached through `base`. Sorted by name.
    pub properties: Vec<Property>,
    /// Enum members in documented order (empty for non-enums).
    pub members: Vec<Member>,
    /// Enum sent as a comma-separated set of member names.
    pub flags: bool,
    /// The doc area (`intune-deviceconfig`) the type is generated into.
    pub area: String,
    /// `file:line` of every page that says something about the type, sorted.
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Property {
    /// The wire name.
    pub name: String,
    /// Qualified type name or `Edm.*`.
    #[serde(rename = "type")]
    pub ty: String,
    pub collection: bool,
    pub nullable: bool,
    pub read_only: bool,
    pub navigation: bool,
    /// Known only from examples or paths, not from a table.
    pub inferred: bool,
    pub description: String,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Member {
    pub name: String,
    /// Null when the docs give no numeric value (members known from `Possible values` only).
    pub value: Option<i64>,
    pub description: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Operation {
    /// `iosScepCertificateProfile.update`, `deviceManagementIntent.compare`: the bound type and the operation.
    pub name: String,
    pub kind: OperationKind,
    /// Qualified type the operation is about.
    pub target_type: Option<String>,
    pub method: String,
    /// Every documented path template, in documented order.
    pub paths: Vec<String>,
    /// `{param}` names over all paths, de-duplicated, in first-seen order.
    pub path_parameters: Vec<String>,
    pub request_type: Option<String>,
    pub request_collection: bool,
    /// Action/function parameters (body or URL), documented order.
    pub parameters: Vec<Parameter>,
    pub response_type: Option<String>,
    pub response_collection: bool,
    pub status: Option<u16>,
    pub permissions: Permissions,
    pub description: String,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Parameter {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: String,
    pub collection: bool,
    pub description: String,
}

impl Schema {
    pub fn type_def(&self, name: &str) -> Option<&TypeDef> {
        self.types
            .binary_search_by(|t| t.name.as_str().cmp(name))
            .ok()
            .map(|i| &self.types[i])
    }
}

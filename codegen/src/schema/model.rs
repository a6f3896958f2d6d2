//! The schema: the one contract between reading docs and writing Rust.
//!
//! Serialized as-is by `graph-docgen schema` (format documented in the README,
//! `schemaVersion` 1), and read back by [`Schema::from_json`] (`graph-docgen diff`). Type names are namespace-qualified
//! (`microsoft.graph.keySize`); primitives are `Edm.*`. Everything is sorted so
//! that the same docs give byte-identical JSON.

pub use crate::facts::Body;
use crate::facts::{OperationKind, Permissions};
use serde::{Deserialize, Serialize};

pub const SCHEMA_VERSION: u32 = 1;
pub const DEFAULT_NAMESPACE: &str = "microsoft.graph";

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Schema {
    pub schema_version: u32,
    /// Sorted by name.
    pub types: Vec<TypeDef>,
    /// Sorted by name.
    pub operations: Vec<Operation>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum TypeKind {
    Entity,
    Complex,
    Enum,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
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

#[derive(Debug, Clone, Serialize, Deserialize)]
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

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Member {
    pub name: String,
    /// Null when the docs give no numeric value (members known from `Possible values` only).
    pub value: Option<i64>,
    pub description: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
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
    /// The request headers the pages document (`ConsistencyLevel`, ...), each once,
    /// first page's order first. Absent from schemas written before it: read as none.
    #[serde(default)]
    pub request_headers: Vec<String>,
    /// The request body: JSON (absent from the JSON, as in schemas written before the
    /// field), or `{"kind": "bytes", "contentType": ...}` on the paths that carry bytes
    /// ([`crate::facts::carries_bytes_on`]).
    #[serde(default, skip_serializing_if = "Body::is_json")]
    pub request_body: Body,
    /// The response body, the same way.
    #[serde(default, skip_serializing_if = "Body::is_json")]
    pub response_body: Body,
    pub description: String,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
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

    /// Reads a schema JSON written by `graph-docgen schema` (or `generate`'s `schema.json`).
    /// Unknown fields are ignored: later versions may add fields, and existing ones keep
    /// their meaning (README), so any `schemaVersion` from 1 on is read. Types and
    /// operations are sorted by name (as written).
    pub fn from_json(text: &str) -> Result<Schema, String> {
        let mut schema: Schema = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if schema.schema_version < SCHEMA_VERSION {
            return Err(format!(
                "schemaVersion {} (graph-docgen schemas start at {SCHEMA_VERSION})",
                schema.schema_version
            ));
        }
        schema.types.sort_by(|a, b| a.name.cmp(&b.name));
        schema.operations.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(schema)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_json_reads_back_to_the_same_json() {
        let docs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input");
        let model = crate::pipeline::load(&[docs], crate::pipeline::Progress::Never);
        let json = crate::pipeline::schema_json(&model.schema);
        let back = Schema::from_json(&json).unwrap();
        assert_eq!(crate::pipeline::schema_json(&back), json);
        assert!(!back.types.is_empty() && !back.operations.is_empty());
        // Fields added later are ignored; a schema before version 1 is refused.
        let newer = json.replacen(
            "\"schemaVersion\": 1,",
            "\"schemaVersion\": 2, \"extra\": [1],",
            1,
        );
        assert_eq!(
            Schema::from_json(&newer).unwrap().types.len(),
            back.types.len()
        );
        let older = json.replacen("\"schemaVersion\": 1,", "\"schemaVersion\": 0,", 1);
        assert!(Schema::from_json(&older)
            .unwrap_err()
            .contains("schemaVersion 0"));
        assert!(Schema::from_json("{}").is_err());
    }
}

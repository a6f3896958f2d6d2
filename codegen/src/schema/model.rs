//! The schema: the one contract between reading docs and writing Rust.
//!
//! Serialized as-is by `graph-docgen schema` (format documented in the README,
//! `schemaVersion` 2; [`super::v1`] writes and reads version 1), and read back by
//! [`Schema::from_json`] (`graph-docgen diff`, `generate --schema`). Type names are
//! namespace-qualified ([`TypeName`]), type references data ([`TypeRef`]), places
//! [`Location`]s and paths parsed into segments ([`PathTemplate`]). Everything is
//! sorted so that the same docs give byte-identical JSON.

pub use super::operation_parts::{Body, OperationKind, Permissions};
pub use super::path_template::{Argument, PathTemplate, Segment};
pub use super::type_ref::{TypeName, TypeRef};
pub use crate::diag::Location;
use serde::{Deserialize, Serialize};

pub const SCHEMA_VERSION: u32 = 2;
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
    /// Qualified: `microsoft.graph.iosScepCertificateProfile` (in JSON, `namespace` and `name`).
    #[serde(flatten)]
    pub name: TypeName,
    pub kind: TypeKind,
    pub base: Option<TypeName>,
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
    /// Every place of the pages that says something about the type, sorted.
    pub sources: Vec<Location>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Property {
    /// The wire name.
    pub name: String,
    #[serde(rename = "type")]
    pub ty: TypeRef,
    pub collection: bool,
    pub nullable: bool,
    pub read_only: bool,
    pub navigation: bool,
    /// Known only from examples or paths, not from a table.
    pub inferred: bool,
    pub description: String,
    pub sources: Vec<Location>,
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
    /// The type the operation is about.
    pub target_type: Option<TypeName>,
    pub method: String,
    /// Every documented path template, in documented order.
    pub paths: Vec<PathTemplate>,
    /// `{param}` names over all paths, de-duplicated, in first-seen order.
    pub path_parameters: Vec<String>,
    pub request_type: Option<TypeRef>,
    pub request_collection: bool,
    /// Action/function parameters (body or URL), documented order.
    pub parameters: Vec<Parameter>,
    pub response_type: Option<TypeRef>,
    pub response_collection: bool,
    pub status: Option<u16>,
    pub permissions: Permissions,
    /// The request headers the pages document (`ConsistencyLevel`, ...), each once,
    /// first page's order first. Absent from schemas written before it: read as none.
    #[serde(default)]
    pub request_headers: Vec<String>,
    /// The request body: JSON (absent from the JSON, as in schemas written before the
    /// field), or `{"kind": "bytes", "contentType": ...}` on the paths that carry bytes
    /// ([`super::operation_parts::carries_bytes_on`]).
    #[serde(default, skip_serializing_if = "Body::is_json")]
    pub request_body: Body,
    /// The response body, the same way.
    #[serde(default, skip_serializing_if = "Body::is_json")]
    pub response_body: Body,
    pub description: String,
    pub sources: Vec<Location>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Parameter {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: TypeRef,
    pub collection: bool,
    pub description: String,
}

impl Operation {
    /// The type of the request body: the documented one, or a create's or update's target.
    pub fn request_body_type(&self) -> Option<TypeRef> {
        self.request_type.clone().or_else(|| match self.kind {
            OperationKind::Create | OperationKind::Update => {
                self.target_type.clone().map(TypeRef::Named)
            }
            _ => None,
        })
    }

    /// The call answers a page of values: the schema says a collection, or a list says
    /// nothing of its answer (a list that documents one value answers it: `List manager`).
    pub fn answers_page(&self) -> bool {
        self.response_collection
            || (self.kind == OperationKind::List && self.response_type.is_none())
    }

    /// The type of the response body when the page names none: a get's or list's target.
    pub fn response_body_type(&self) -> Option<TypeRef> {
        self.response_type.clone().or_else(|| match self.kind {
            OperationKind::Get | OperationKind::List => {
                self.target_type.clone().map(TypeRef::Named)
            }
            _ => None,
        })
    }
}

impl Schema {
    pub fn type_def(&self, name: &str) -> Option<&TypeDef> {
        self.types
            .binary_search_by(|t| t.name.as_str().cmp(name))
            .ok()
            .map(|i| &self.types[i])
    }

    /// Reads a schema JSON written by `graph-docgen schema` (or `generate`'s `schema.json`):
    /// version 2, or version 1 (converted: its strings parsed into names, places and
    /// segments). Unknown fields are ignored: later versions may add fields, and existing
    /// ones keep their meaning (README). Types and operations are sorted by name.
    pub fn from_json(text: &str) -> Result<Schema, String> {
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Version {
            schema_version: u32,
        }
        let version = serde_json::from_str::<Version>(text)
            .map_err(|e| e.to_string())?
            .schema_version;
        let mut schema = match version {
            0 => {
                return Err(format!(
                    "schemaVersion {version} (graph-docgen schemas start at {})",
                    super::v1::VERSION
                ))
            }
            1 => super::v1::from_json(text)?,
            _ => serde_json::from_str(text).map_err(|e| e.to_string())?,
        };
        schema.schema_version = SCHEMA_VERSION;
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
        assert!(json.contains("\"schemaVersion\": 2,"));
        let back = Schema::from_json(&json).unwrap();
        assert_eq!(crate::pipeline::schema_json(&back), json);
        assert!(!back.types.is_empty() && !back.operations.is_empty());
        // Version 1 reads into the same schema, and writes back to the same v1 text.
        let v1 = super::super::v1::to_json(&model.schema);
        assert!(v1.contains("\"schemaVersion\": 1,"));
        let from_v1 = Schema::from_json(&v1).unwrap();
        assert_eq!(crate::pipeline::schema_json(&from_v1), json);
        assert_eq!(super::super::v1::to_json(&from_v1), v1);
        // Fields added later are ignored; a schema before version 1 is refused.
        let newer = json.replacen(
            "\"schemaVersion\": 2,",
            "\"schemaVersion\": 3, \"extra\": [1],",
            1,
        );
        assert_eq!(
            Schema::from_json(&newer).unwrap().types.len(),
            back.types.len()
        );
        let older = json.replacen("\"schemaVersion\": 2,", "\"schemaVersion\": 0,", 1);
        assert!(Schema::from_json(&older)
            .unwrap_err()
            .contains("schemaVersion 0"));
        assert!(Schema::from_json("{}").is_err());
    }
}

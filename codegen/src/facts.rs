//! Facts: what one page says, before any other page is consulted.
//!
//! The parser turns one page into one [`PageFacts`]; the schema stage merges
//! the facts of all pages. Every fact carries the [`Location`] it came from.
//! Type names here are bare Graph names as the docs write them
//! (`iosScepCertificateProfile`), or `Edm.*` for primitives.

use crate::diag::{Diagnostic, Location};
use serde::Serialize;

/// The kind of a page, from front matter `doc_type` or, on pages without it, the H1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum PageKind {
    Resource,
    Enum,
    Operation,
    /// A page of no known kind (conceptual pages, overviews): reported, not dropped silently.
    Other,
}

/// How new a page's format is. Used to break ties when two pages disagree:
/// the newer format wins. Ordered oldest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum FormatEra {
    /// No front matter (2016-2018 pages, underscore file names).
    Legacy,
    /// Front matter without `doc_type` (late 2018 - mid 2019).
    FrontMatter,
    /// Front matter with `doc_type` (2019 onwards).
    Typed,
}

/// Everything one page says.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PageFacts {
    /// Path relative to the docs root, with `/` separators.
    pub path: String,
    /// The doc area this page belongs to (`intune-deviceconfig`), from the file name.
    pub area: Option<String>,
    pub kind: Option<PageKind>,
    pub era: Option<FormatEra>,
    pub title: Option<String>,
    /// The sub-namespace of the page's `Namespace: microsoft.graph.x` line (`x`):
    /// the schema stage reads the page's bare type names in it first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    pub types: Vec<TypeFact>,
    pub properties: Vec<PropertyFact>,
    pub members: Vec<MemberFact>,
    pub operations: Vec<OperationFact>,
    pub examples: Vec<ExampleFact>,
    /// Every link to a docs page found on the page (for missing-page checks).
    pub links: Vec<LinkFact>,
    pub diagnostics: Vec<Diagnostic>,
}

/// What a type cell or a link says a type is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct TypeRef {
    /// `Edm.String`, `Edm.Int32`, ... for primitives (normalised spelling), or a
    /// bare Graph type name (`keySize`) for linked or named types, or a
    /// namespace-qualified name (`microsoft.management.x.y`) when the docs give one.
    pub name: String,
    pub collection: bool,
    /// True when the type came from a link (`[keySize](../resources/x.md)`):
    /// the most specific kind of fact.
    pub linked: bool,
}

impl TypeRef {
    pub fn is_primitive(&self) -> bool {
        self.name.starts_with("Edm.")
    }
}

/// What a page says of a type as a whole.
#[derive(Debug, Clone, Serialize)]
pub struct TypeFact {
    pub name: String,
    /// True on the type's own resource or enum page; false for a type only mentioned.
    pub defined_here: bool,
    pub kind: Option<TypeKindHint>,
    /// `Inherits from [base](link)`.
    pub base: Option<String>,
    /// The line of the `Inherits from` paragraph (where a bad base is fixed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_at: Option<Location>,
    pub description: Option<String>,
    /// `keyProperty` of the resource annotation.
    pub key_property: Option<String>,
    /// The description calls the type abstract.
    pub abstract_hint: bool,
    /// The Methods table lists operations for the type.
    pub has_methods: bool,
    /// Types the page names as derived from this one (`This is a base type for
    /// [a](a.md), [b](b.md)`, `[c](c.md) inherits from this type`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub derived: Vec<String>,
    pub at: Location,
}

/// What the page suggests a type is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum TypeKindHint {
    /// A resource page (entity or complex: decided in the schema stage).
    Resource,
    Enum,
    /// An `x values` section of another page (`enums.md`, a resource page):
    /// the enum's members are documented, but it has no page of its own.
    EnumSection,
}

/// Where a property row was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum PropertySource {
    /// `## Properties` of a resource page.
    ResourceProperties,
    /// `## Relationships` of a resource page (navigation properties).
    ResourceRelationships,
    /// The `## Request body` table of a create/update page.
    RequestBody,
}

/// One property row.
#[derive(Debug, Clone, Serialize)]
pub struct PropertyFact {
    /// The type whose page or operation lists the row.
    pub listed_on: String,
    /// The type that declares it: the `Inherited from [X]` label, else `listed_on`.
    pub declared_by: String,
    pub name: String,
    pub ty: TypeRef,
    pub description: String,
    /// Values from ``Possible values are: `a`, `b`.`` in the description, in order.
    pub possible_values: Vec<String>,
    /// The description says read-only.
    pub read_only_hint: bool,
    pub source: PropertySource,
    pub at: Location,
}

/// One enum member.
#[derive(Debug, Clone, Serialize)]
pub struct MemberFact {
    pub enum_name: String,
    pub name: String,
    pub value: Option<i64>,
    pub description: Option<String>,
    pub at: Location,
}

pub use crate::schema::operation_parts::{
    carries_bytes_on, is_json_media_type, is_media_path, Body, OperationKind, Permissions,
};

/// A parameter of an action or function (the `## Request body` table of such pages).
#[derive(Debug, Clone, Serialize)]
pub struct ParameterFact {
    pub name: String,
    pub ty: TypeRef,
    pub description: String,
    pub at: Location,
}

/// One path template of the `## HTTP Request` block.
#[derive(Debug, Clone, Serialize)]
pub struct PathFact {
    pub method: String,
    /// As written: `/deviceManagement/deviceConfigurations/{deviceConfigurationId}`.
    pub template: String,
    pub at: Location,
}

/// One operation page.
#[derive(Debug, Clone, Serialize)]
pub struct OperationFact {
    pub kind: OperationKind,
    /// `create`, `update`, ... or the action/function name.
    pub name: String,
    /// The type the operation is about: the CRUD title's type, or for actions and
    /// functions the type the file name binds them to, when it can be told.
    pub target_type: Option<String>,
    pub description: Option<String>,
    pub paths: Vec<PathFact>,
    pub permissions: Permissions,
    pub request_type: Option<TypeRef>,
    pub parameters: Vec<ParameterFact>,
    /// The page says there is no request body.
    pub no_request_body: bool,
    pub response_type: Option<TypeRef>,
    pub status: Option<u16>,
    /// The names in the first column of `## Request headers`, in documented order.
    pub request_headers: Vec<String>,
    /// Whether the request body is JSON or bytes (from the examples and the paths).
    pub request_body: Body,
    /// The same for the response body.
    pub response_body: Body,
    pub at: Location,
}

/// Which JSON block an example is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ExampleKind {
    Request,
    Response,
    /// The `## JSON Representation` block of a resource page.
    Resource,
}

/// One example block: an HTTP request or response (with its JSON body, if any),
/// or a resource page's JSON representation.
#[derive(Debug, Clone, Serialize)]
pub struct ExampleFact {
    pub kind: ExampleKind,
    /// For request examples: the method and the URL path (without the host and version).
    pub method: Option<String>,
    pub url: Option<String>,
    /// For response examples: the status code.
    pub status: Option<u16>,
    /// The body text exactly as the page has it (None when there is no body).
    pub body: Option<String>,
    /// The block's `Content-Type` header, as written (trimmed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// The body parsed; None when absent, invalid (an `invalid-json` diagnostic says
    /// why) or not JSON by its `Content-Type` (bytes, read as they are).
    #[serde(skip)]
    pub json: Option<serde_json::Value>,
    /// Location of the first line of the body (or of the block when there is no body).
    pub at: Location,
    /// The `@odata.type` of the block annotation (resource blocks; request and
    /// response blocks that name their type), without `#` or `Collection(...)`.
    pub annotated_type: Option<String>,
    /// The annotation says the body is a collection of `annotated_type`
    /// (`"isCollection": true`, or `"@odata.type": "Collection(x)"`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub annotated_collection: bool,
}

/// A link from the page to another docs page (`../resources/x.md`).
#[derive(Debug, Clone, Serialize)]
pub struct LinkFact {
    pub label: String,
    /// The href as written.
    pub href: String,
    /// The target resolved against the page's directory, relative to the docs root.
    pub target: Option<String>,
    pub at: Location,
}

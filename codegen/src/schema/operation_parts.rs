//! The parts of an operation that the schema owns and the parser writes in:
//! its kind, its permissions and how its bodies travel. A leaf of the schema
//! (it uses nothing else of the crate), so the page facts can use these words
//! without the parser depending on the schema stage.

use serde::{Deserialize, Serialize};

/// What kind of operation a page documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum OperationKind {
    Create,
    Get,
    List,
    Update,
    Delete,
    Action,
    Function,
}

impl OperationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OperationKind::Create => "create",
            OperationKind::Get => "get",
            OperationKind::List => "list",
            OperationKind::Update => "update",
            OperationKind::Delete => "delete",
            OperationKind::Action => "action",
            OperationKind::Function => "function",
        }
    }
}

/// Who may call an operation, by permission type. Scopes keep the docs' order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Permissions {
    pub delegated_work: Vec<String>,
    pub delegated_personal: Vec<String>,
    pub application: Vec<String>,
    /// Scopes from the 2017 italic scope line, which does not say the permission type.
    pub unclassified: Vec<String>,
}

/// How a request or response body travels: JSON (what Graph speaks, and the
/// default), or bytes sent as they are (a file's content, a photo, a MIME message).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Body {
    #[default]
    Json,
    /// Bytes of `content_type` (`image/jpeg`, `text/plain`), or of a type the docs
    /// do not give (a `302 Found` download).
    #[serde(rename_all = "camelCase")]
    Bytes { content_type: Option<String> },
}

impl Body {
    pub fn is_json(&self) -> bool {
        *self == Body::Json
    }
    pub fn is_bytes(&self) -> bool {
        !self.is_json()
    }
    /// The documented media type of a byte body.
    pub fn content_type(&self) -> Option<&str> {
        match self {
            Body::Bytes { content_type } => content_type.as_deref(),
            Body::Json => None,
        }
    }
}

/// Whether a `Content-Type` value names JSON (`application/json`, `...+json`, with
/// or without parameters).
pub fn is_json_media_type(content_type: &str) -> bool {
    let media = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    media == "application/json" || media.ends_with("+json")
}

/// Whether a path (a template, or an example's URL path; a query is ignored) ends
/// in OData's `$value` segment: the media stream of the entity or property before it.
pub fn is_media_path(path: &str) -> bool {
    let path = path.split('?').next().unwrap_or_default();
    path.trim_end_matches('/').rsplit('/').next() == Some("$value")
}

/// Whether an operation documented on `paths` carries its byte bodies (if any) on
/// `path`: an operation documented both on media paths (`.../$value`) and on others
/// (`profilePhoto` get: the photo and its metadata) has them on the media paths only;
/// any other operation on all its paths.
pub fn carries_bytes_on<P: AsRef<str>>(paths: impl IntoIterator<Item = P>, path: &str) -> bool {
    let mut paths = paths.into_iter();
    !paths.any(|p| is_media_path(p.as_ref())) || is_media_path(path)
}

impl Permissions {
    pub fn is_empty(&self) -> bool {
        self.delegated_work.is_empty()
            && self.delegated_personal.is_empty()
            && self.application.is_empty()
            && self.unclassified.is_empty()
    }
}

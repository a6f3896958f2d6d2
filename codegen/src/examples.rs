//! Examples: which type each JSON example of a page should deserialize into.
//!
//! Shared by the schema stage (which infers types that have no page from
//! examples) and the check stage (which round-trips every example).
//!
//! Rules:
//! * A request example's type is the operation's request type (create/update:
//!   the operation's type). Action parameter bodies have no type of their own.
//! * A response example's type is the operation's response type. A body
//!   `{"value": [...]}` of a collection response holds the elements; a body
//!   `{"value": X}` of a GET of one entity is the docs' wrapper defect (the
//!   element is X); an action or function result `{"value": X}` is OData's
//!   standard wrapper for a returned value.
//! * A resource page's JSON block is the type its annotation names.
//! * Inside a body, `@odata.type` overrides the expected type (derived types).

use crate::diag::Location;
use crate::facts::{ExampleKind, OperationKind, PageFacts, PageKind, TypeRef};
use crate::schema::names::qualify;
use serde::Serialize;
use serde_json::Value;

/// How the instance(s) sit inside the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum BodyShape {
    /// The body is the instance.
    Bare,
    /// `{"value": [instances]}`: a collection response.
    Collection,
    /// `{"value": instance}` on a single-entity GET: a doc defect, the instance is inside.
    ValueWrapped,
    /// `{"value": X}`: an action or function result.
    Value,
}

/// One example with the type it should round-trip through.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlannedExample {
    pub source: String,
    #[serde(skip)]
    pub at: Location,
    pub kind: ExampleKind,
    /// The operation kind on operation pages.
    pub operation: Option<OperationKind>,
    /// Qualified type name or `Edm.*`; None when the docs give no type (action parameters).
    pub type_name: Option<String>,
    /// The instances are a collection of `type_name` (`X collection` results).
    pub collection: bool,
    pub shape: BodyShape,
    pub json: Value,
}

impl PlannedExample {
    /// The instances to round-trip, each with its JSON path for messages.
    pub fn instances(&self) -> Vec<(String, &Value)> {
        match (self.shape, self.json.get("value")) {
            (BodyShape::Bare, _) => vec![("$".to_string(), &self.json)],
            (BodyShape::Collection, Some(Value::Array(items))) => items
                .iter()
                .enumerate()
                .map(|(i, v)| (format!("$.value[{i}]"), v))
                .collect(),
            (BodyShape::ValueWrapped | BodyShape::Value, Some(v)) => {
                vec![("$.value".to_string(), v)]
            }
            _ => Vec::new(),
        }
    }
}

/// Plans every example of a page that has a parsed JSON body.
pub fn plan_page(page: &PageFacts) -> Vec<PlannedExample> {
    let op = page.operations.first();
    let defined = page
        .types
        .iter()
        .find(|t| t.defined_here)
        .map(|t| t.name.clone());
    let mut out = Vec::new();
    for example in &page.examples {
        let Some(json) = &example.json else { continue };
        let (type_ref, base_shape): (Option<TypeRef>, BodyShape) = match example.kind {
            ExampleKind::Resource => {
                let name = example.annotated_type.clone().or_else(|| defined.clone());
                (
                    name.map(|name| TypeRef {
                        name,
                        collection: false,
                        linked: true,
                    }),
                    BodyShape::Bare,
                )
            }
            ExampleKind::Request => {
                let ty = op.and_then(|op| match op.kind {
                    OperationKind::Create | OperationKind::Update => {
                        op.request_type.clone().or_else(|| {
                            op.target_type.clone().map(|name| TypeRef {
                                name,
                                collection: false,
                                linked: true,
                            })
                        })
                    }
                    _ => op.request_type.clone(),
                });
                (ty, BodyShape::Bare)
            }
            ExampleKind::Response => {
                let ty = op.and_then(|op| {
                    op.response_type.clone().or_else(|| match op.kind {
                        OperationKind::Create | OperationKind::Update | OperationKind::Get => {
                            op.target_type.clone().map(|name| TypeRef {
                                name,
                                collection: false,
                                linked: true,
                            })
                        }
                        OperationKind::List => op.target_type.clone().map(|name| TypeRef {
                            name,
                            collection: true,
                            linked: true,
                        }),
                        _ => None,
                    })
                });
                (ty, BodyShape::Bare)
            }
        };
        let kind = op
            .map(|o| o.kind)
            .filter(|_| page.kind == Some(PageKind::Operation) || page.kind.is_none());
        let collection = type_ref.as_ref().is_some_and(|t| t.collection);
        let shape = match (example.kind, json) {
            (ExampleKind::Response, Value::Object(map))
                if map.contains_key("value") && only_value_and_annotations(map) =>
            {
                match (collection, map.get("value"), kind) {
                    (true, Some(Value::Array(_)), _) => BodyShape::Collection,
                    (
                        false,
                        Some(Value::Object(_)),
                        Some(OperationKind::Get | OperationKind::Create | OperationKind::Update),
                    ) => BodyShape::ValueWrapped,
                    _ => BodyShape::Value,
                }
            }
            _ => base_shape,
        };
        out.push(PlannedExample {
            source: example.at.to_string(),
            at: example.at.clone(),
            kind: example.kind,
            operation: kind,
            type_name: type_ref.as_ref().map(|t| qualify(&t.name)),
            collection: collection && shape != BodyShape::Collection,
            shape,
            json: json.clone(),
        });
    }
    out
}

fn only_value_and_annotations(map: &serde_json::Map<String, Value>) -> bool {
    map.keys().all(|k| k == "value" || k.starts_with('@'))
}

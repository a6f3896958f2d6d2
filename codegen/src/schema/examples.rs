//! Examples: which type each JSON example of a page should deserialize into.
//!
//! Part of the schema stage, which infers types that have no page from the
//! examples, and hands the plan to the check stage (which round-trips every
//! example) in [`super::SchemaBuild::examples`].
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
//! * An action's parameter body `{"p": v, ...}` holds one instance per documented
//!   parameter, each of the parameter's type.
//! * Inside a body, `@odata.type` overrides the expected type (derived types).

use super::names::qualify;
use crate::diag::Location;
use crate::facts::{ExampleKind, OperationKind, PageFacts, PageKind, TypeRef};
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
    /// The body's type, qualified or `Edm.*`; None for action parameter bodies and untyped bodies.
    pub type_name: Option<String>,
    pub shape: BodyShape,
    /// For an action's parameter body: members that are no documented parameter.
    pub unknown_parameters: Vec<String>,
    /// The doc area of the page (`intune-deviceconfig`).
    pub area: Option<String>,
    /// What to check and round-trip, each with its own type.
    pub instances: Vec<Instance>,
}

/// One typed value inside an example body.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Instance {
    /// JSON path inside the body (`$`, `$.value[2]`, `$.settings`).
    pub path: String,
    /// Qualified type name or `Edm.*`.
    pub type_name: String,
    /// The value is a collection (JSON array) of `type_name`.
    pub collection: bool,
    pub value: Value,
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
                // The block's annotation names its type: it wins over the
                // operation's (a `{"value": [...]}` body is a collection of it
                // even when `isCollection` is not said).
                let listed = matches!(json, Value::Object(map)
                    if only_value_and_annotations(map) && matches!(map.get("value"), Some(Value::Array(_))));
                let annotated = example.annotated_type.clone().map(|name| TypeRef {
                    name,
                    collection: example.annotated_collection || listed,
                    linked: true,
                });
                (annotated.or(ty), BodyShape::Bare)
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
        let type_name = type_ref.as_ref().map(|t| qualify(&t.name));
        let mut instances = Vec::new();
        let mut unknown_parameters = Vec::new();
        match (&type_name, op) {
            (Some(ty), _) => {
                let one = |path: &str, value: &Value, collection| Instance {
                    path: path.to_string(),
                    type_name: ty.clone(),
                    collection,
                    value: value.clone(),
                };
                match (shape, json.get("value")) {
                    (BodyShape::Bare, _) => instances.push(one("$", json, collection)),
                    (BodyShape::Collection, Some(Value::Array(items))) => instances.extend(
                        items
                            .iter()
                            .enumerate()
                            .map(|(i, v)| one(&format!("$.value[{i}]"), v, false)),
                    ),
                    (_, Some(v)) => instances.push(one("$.value", v, collection)),
                    _ => {}
                }
            }
            (None, Some(op))
                if example.kind == ExampleKind::Request && !op.parameters.is_empty() =>
            {
                if let Value::Object(map) = json {
                    unknown_parameters = map
                        .keys()
                        .filter(|k| !op.parameters.iter().any(|p| &p.name == *k))
                        .cloned()
                        .collect();
                    for p in &op.parameters {
                        if let Some(v) = map.get(&p.name) {
                            instances.push(Instance {
                                path: format!("$.{}", p.name),
                                type_name: qualify(&p.ty.name),
                                collection: p.ty.collection,
                                value: v.clone(),
                            });
                        }
                    }
                }
            }
            _ => {}
        }
        out.push(PlannedExample {
            source: example.at.to_string(),
            at: example.at.clone(),
            kind: example.kind,
            operation: kind,
            type_name,
            shape,
            unknown_parameters,
            area: page.area.clone(),
            instances,
        });
    }
    out
}

fn only_value_and_annotations(map: &serde_json::Map<String, Value>) -> bool {
    map.keys().all(|k| k == "value" || k.starts_with('@'))
}

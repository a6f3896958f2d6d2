//! paths: the documented operations, by path template and method.
//!
//! Every documented template of an operation is a path. OpenAPI holds one
//! operation per path and method, and templates that differ only in parameter
//! names are one path: operations the docs document on the same path and method
//! (two derived types' `PATCH` of one URL) are one OpenAPI operation whose
//! request body and responses are `oneOf` their types, listing them all in
//! `x-graph-operations`. Responses and request bodies follow the client's rules:
//! the documented status (else 201 for a create, 204 for a delete, 200
//! otherwise); no content for 204, a delete or a redirect; a list (or a
//! collection response) is a page `{value, @odata.nextLink}` with `x-ms-pageable`.
//! Function parameters the templates do not hold are not expressed.

use super::doc::{
    MediaType, OperationObject, Pageable, Parameter, PathItem, RequestBody, Response, SchemaObject,
};
use super::names::{OperationIds, PathTemplate};
use super::schemas::{primitive, SchemaContext};
use super::security::{Scopes, SCHEME};
use crate::schema::Operation;
use crate::schema::OperationKind;
use std::collections::BTreeMap;

const JSON: &str = "application/json";
const OCTETS: &str = "application/octet-stream";
const NEXT_LINK: &str = "@odata.nextLink";

/// The paths of a document holding `operations`.
pub fn paths(
    ctx: &SchemaContext,
    operations: &[&Operation],
    scopes: &mut Scopes,
) -> BTreeMap<String, PathItem> {
    // shape -> (the template kept: the first by text, method -> operations)
    let mut shapes: BTreeMap<String, (PathTemplate, BTreeMap<&str, Vec<&Operation>>)> =
        BTreeMap::new();
    for &op in operations {
        for documented in &op.paths {
            let template = PathTemplate::new(documented.as_str());
            let (kept, methods) = shapes
                .entry(template.shape())
                .or_insert_with(|| (template.clone(), BTreeMap::new()));
            if template < *kept {
                *kept = template;
            }
            let ops = methods.entry(op.method.as_str()).or_default();
            if !ops.iter().any(|o| o.name == op.name) {
                ops.push(op);
            }
        }
    }
    let mut ids = OperationIds::default();
    let mut out = BTreeMap::new();
    for (template, methods) in shapes.into_values() {
        let mut item = PathItem {
            parameters: template
                .parameters
                .iter()
                .map(|name| Parameter {
                    name: name.clone(),
                    location: "path",
                    required: true,
                    schema: SchemaObject::of_type("string", None),
                })
                .collect(),
            ..PathItem::default()
        };
        for (method, mut ops) in methods {
            let Some(slot) = item.slot(method) else {
                continue; // a method OpenAPI 3.0 has no field for here
            };
            ops.sort_by(|a, b| a.name.cmp(&b.name));
            let id = ids.assign(method, &template);
            *slot = Some(operation(ctx, id, method, &ops, scopes));
        }
        out.insert(template.text, item);
    }
    out
}

fn operation(
    ctx: &SchemaContext,
    operation_id: String,
    method: &str,
    ops: &[&Operation],
    scopes: &mut Scopes,
) -> OperationObject {
    let mut descriptions: Vec<&str> = Vec::new();
    let mut security: Vec<String> = Vec::new();
    let mut requests: BTreeMap<&str, Vec<SchemaObject>> = BTreeMap::new();
    let mut responses: BTreeMap<u16, BTreeMap<&str, Vec<SchemaObject>>> = BTreeMap::new();
    let mut pageable = false;
    for op in ops {
        let text = op.description.trim();
        if !text.is_empty() && !descriptions.contains(&text) {
            descriptions.push(text);
        }
        for scope in scopes.of(op) {
            if !security.contains(&scope) {
                security.push(scope);
            }
        }
        if matches!(method, "POST" | "PATCH" | "PUT") {
            if let Some((content_type, schema)) = request(ctx, op) {
                requests.entry(content_type).or_default().push(schema);
            }
        }
        let status = status(op);
        let answers = responses.entry(status).or_default();
        if let Some((content_type, schema, page)) = response(ctx, op, status) {
            pageable |= page && method == "GET";
            answers.entry(content_type).or_default().push(schema);
        }
    }
    OperationObject {
        operation_id,
        description: (!descriptions.is_empty()).then(|| descriptions.join("\n\n")),
        request_body: (!requests.is_empty()).then(|| RequestBody {
            required: true,
            content: content(requests),
        }),
        responses: responses
            .into_iter()
            .map(|(status, answers)| {
                (
                    status.to_string(),
                    Response {
                        description: reason(status).to_string(),
                        content: content(answers),
                    },
                )
            })
            .collect(),
        security: security
            .into_iter()
            .map(|scope| BTreeMap::from([(SCHEME.to_string(), vec![scope])]))
            .collect(),
        x_ms_pageable: pageable.then_some(Pageable {
            next_link_name: NEXT_LINK,
        }),
        x_graph_operations: ops.iter().map(|o| o.name.clone()).collect(),
    }
}

/// Media types with one schema each: the only one, or `oneOf` the distinct ones.
fn content(by_type: BTreeMap<&str, Vec<SchemaObject>>) -> BTreeMap<String, MediaType> {
    by_type
        .into_iter()
        .map(|(content_type, schemas)| {
            let mut distinct: Vec<(String, SchemaObject)> = Vec::new();
            for s in schemas {
                let key = serde_json::to_string(&s).expect("schemas serialize");
                if !distinct.iter().any(|(k, _)| *k == key) {
                    distinct.push((key, s));
                }
            }
            let schema = if distinct.len() == 1 {
                distinct.remove(0).1
            } else {
                SchemaObject {
                    one_of: distinct.into_iter().map(|(_, s)| s).collect(),
                    ..SchemaObject::default()
                }
            };
            (content_type.to_string(), MediaType { schema })
        })
        .collect()
}

fn status(op: &Operation) -> u16 {
    op.status.unwrap_or(match op.kind {
        OperationKind::Create => 201,
        OperationKind::Delete => 204,
        _ => 200,
    })
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        206 => "Partial Content",
        302 => "Found",
        303 => "See Other",
        _ => "Success",
    }
}

/// The request body of a create or update (its type), or of an action (its parameters).
fn request(ctx: &SchemaContext, op: &Operation) -> Option<(&'static str, SchemaObject)> {
    if let Some(body) = op.request_body_type() {
        return Some(media(ctx, body.as_str(), op.request_collection));
    }
    if op.parameters.is_empty() {
        return None;
    }
    let properties = op
        .parameters
        .iter()
        .map(|p| {
            let mut schema = ctx.value(p.ty.as_str(), p.collection);
            if !p.description.trim().is_empty() {
                schema = described(schema, p.description.trim());
            }
            (p.name.clone(), schema)
        })
        .collect();
    Some((
        JSON,
        SchemaObject {
            properties: Some(properties),
            ..SchemaObject::of_type("object", None)
        },
    ))
}

/// A description beside a schema (around a reference: `allOf`, as siblings of `$ref` are ignored).
fn described(schema: SchemaObject, text: &str) -> SchemaObject {
    let mut schema = if schema.is_reference() {
        SchemaObject {
            all_of: vec![schema],
            ..SchemaObject::default()
        }
    } else {
        schema
    };
    schema.description = Some(text.to_string());
    schema
}

/// The response body: its media type, schema, and whether it is a page.
fn response(
    ctx: &SchemaContext,
    op: &Operation,
    status: u16,
) -> Option<(&'static str, SchemaObject, bool)> {
    if status == 204 || (300..400).contains(&status) || op.kind == OperationKind::Delete {
        return None;
    }
    let body = op.response_body_type()?;
    let name = body.as_str();
    if op.answers_page() {
        return Some((JSON, page(ctx.value(name, false)), true));
    }
    let (content_type, schema) = media(ctx, name, false);
    Some((content_type, schema, false))
}

fn media(ctx: &SchemaContext, name: &str, collection: bool) -> (&'static str, SchemaObject) {
    if name == "Edm.Stream" && !collection {
        (OCTETS, primitive(name))
    } else {
        (JSON, ctx.value(name, collection))
    }
}

/// A page of a collection: `{"value": [...], "@odata.nextLink": "..."}`.
fn page(item: SchemaObject) -> SchemaObject {
    let link = || SchemaObject {
        nullable: true,
        ..SchemaObject::of_type("string", None)
    };
    let properties = BTreeMap::from([
        ("value".to_string(), SchemaObject::array(item)),
        (NEXT_LINK.to_string(), link()),
        ("@odata.deltaLink".to_string(), link()),
        (
            "@odata.count".to_string(),
            SchemaObject {
                nullable: true,
                ..SchemaObject::of_type("integer", Some("int64"))
            },
        ),
    ]);
    SchemaObject {
        properties: Some(properties),
        ..SchemaObject::of_type("object", None)
    }
}

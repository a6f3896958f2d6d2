//! The choices of the documents on a small schema made here: which types a
//! document holds, a navigation into another area, discriminators, merged paths.

use super::{documents, OpenApiOptions};
use crate::schema::OperationKind;
use crate::schema::{
    test_schema, Operation, PathTemplate, Property, Schema, TypeDef, TypeKind, TypeName, TypeRef,
};
use serde_json::Value;

/// A complex type of area `a` named `name` (qualified as given).
pub fn type_named(name: &str) -> TypeDef {
    TypeDef {
        name: name.into(),
        sources: Vec::new(),
        ..test_schema::ty(name, TypeKind::Complex, "a")
    }
}

fn property(name: &str, ty: &str, navigation: bool) -> Property {
    Property {
        navigation,
        sources: Vec::new(),
        ..test_schema::prop(name, ty)
    }
}

fn entity(name: &str, area: &str, base: Option<&str>, properties: Vec<Property>) -> TypeDef {
    TypeDef {
        kind: TypeKind::Entity,
        base: base.map(|b| TypeName::new("microsoft.graph", b)),
        area: area.to_string(),
        properties,
        ..type_named(&format!("microsoft.graph.{name}"))
    }
}

fn update(target: &str, path: &str) -> Operation {
    Operation {
        name: format!("{target}.update"),
        kind: OperationKind::Update,
        target_type: Some(TypeName::new("microsoft.graph", target)),
        method: "PATCH".to_string(),
        paths: vec![PathTemplate::from(path)],
        path_parameters: Vec::new(),
        request_type: Some(TypeRef::Named(TypeName::new("microsoft.graph", target))),
        request_collection: false,
        parameters: Vec::new(),
        response_type: None,
        response_collection: false,
        status: Some(204),
        permissions: Default::default(),
        request_headers: Vec::new(),
        request_body: Default::default(),
        response_body: Default::default(),
        description: String::new(),
        sources: Vec::new(),
    }
}

/// Area `devices`: `device` (base `item`, in area `shared`) with a structural
/// `settings` and a navigation `owner` into area `users`; `laptop` and `phone`
/// derive from `device`; `item` has another descendant `folder`, in `files`.
fn schema() -> Schema {
    let mut types = vec![
        entity("item", "shared", None, vec![]),
        entity("folder", "files", Some("item"), vec![]),
        entity(
            "device",
            "devices",
            Some("item"),
            vec![
                property("owner", "microsoft.graph.user", true),
                property("settings", "microsoft.graph.settings", false),
            ],
        ),
        entity("laptop", "devices", Some("device"), vec![]),
        entity("phone", "devices", Some("device"), vec![]),
        entity("user", "users", None, vec![]),
        TypeDef {
            area: "shared".to_string(),
            ..type_named("microsoft.graph.settings")
        },
    ];
    types.sort_by(|a, b| a.name.cmp(&b.name));
    let mut operations = vec![
        update("laptop", "/devices/{deviceId}"),
        update("phone", "/devices/{id}"),
    ];
    operations.sort_by(|a, b| a.name.cmp(&b.name));
    Schema {
        schema_version: 1,
        types,
        operations,
    }
}

fn document(area: &str) -> Value {
    let files = documents(&schema(), &OpenApiOptions::default());
    serde_json::from_str(&files[&format!("{area}.json")]).unwrap()
}

#[test]
fn a_document_holds_what_its_area_needs_and_not_other_areas_navigation() {
    let doc = document("devices");
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    let held: Vec<&str> = schemas.keys().map(String::as_str).collect();
    // Its own types, the base from `shared` and the structural property's type;
    // `folder` (only a sibling) and `user` (a navigation into `users`) are not held.
    assert_eq!(
        held,
        [
            "microsoft.graph.device",
            "microsoft.graph.item",
            "microsoft.graph.laptop",
            "microsoft.graph.phone",
            "microsoft.graph.settings"
        ]
    );
    let own = &schemas["microsoft.graph.device"]["allOf"][1]["properties"];
    assert_eq!(own["owner"]["type"], "object");
    assert_eq!(own["owner"]["x-graph-type"], "microsoft.graph.user");
    assert_eq!(own["owner"]["x-graph-area"], "users");
    assert_eq!(own["owner"]["x-ms-navigationProperty"], true);
    assert_eq!(
        own["settings"]["allOf"][0]["$ref"],
        "#/components/schemas/microsoft.graph.settings"
    );
    assert_eq!(own["settings"]["nullable"], true);
}

#[test]
fn discriminators_map_every_descendant_where_all_are_held() {
    let doc = document("devices");
    let schemas = &doc["components"]["schemas"];
    let mapping = schemas["microsoft.graph.device"]["discriminator"]["mapping"]
        .as_object()
        .unwrap();
    let keys: Vec<&str> = mapping.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "#microsoft.graph.device",
            "#microsoft.graph.laptop",
            "#microsoft.graph.phone"
        ]
    );
    // `item` is held only as a base here, without its descendant `folder`: no
    // discriminator rather than an incomplete one; in `shared`, all are held.
    assert!(schemas["microsoft.graph.item"]
        .get("discriminator")
        .is_none());
    let shared = document("shared");
    let mapping =
        &shared["components"]["schemas"]["microsoft.graph.item"]["discriminator"]["mapping"];
    assert_eq!(
        mapping.as_object().unwrap().len(),
        5,
        "item, folder, device, laptop, phone"
    );
}

#[test]
fn operations_on_one_path_and_method_are_one_operation() {
    let doc = document("devices");
    let paths = doc["paths"].as_object().unwrap();
    // `/devices/{deviceId}` and `/devices/{id}` are one path (the first by text kept).
    assert_eq!(paths.keys().collect::<Vec<_>>(), ["/devices/{deviceId}"]);
    let patch = &paths["/devices/{deviceId}"]["patch"];
    assert_eq!(patch["operationId"], "devices_byDeviceId_patch");
    assert_eq!(
        patch["x-graph-operations"],
        serde_json::json!(["laptop.update", "phone.update"])
    );
    assert_eq!(
        patch["requestBody"]["content"]["application/json"]["schema"]["oneOf"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert!(patch["responses"]["204"].get("content").is_none());
}

use super::*;
use crate::schema::{Location, Member, PathTemplate, TypeName, SCHEMA_VERSION};
use crate::schema::{OperationKind, Permissions};

fn ty(name: &str, kind: TypeKind, base: Option<&str>) -> TypeDef {
    TypeDef {
        name: TypeName::new("microsoft.graph", name),
        kind,
        base: base.map(|b| TypeName::new("microsoft.graph", b)),
        is_abstract: false,
        inferred: false,
        description: format!("A {name}."),
        properties: Vec::new(),
        members: Vec::new(),
        flags: false,
        area: "intune-apps".into(),
        sources: vec![Location::new(format!("beta/resources/{name}.md"), 1)],
    }
}

fn prop(name: &str, ty: &str, collection: bool) -> Property {
    Property {
        name: name.into(),
        ty: ty.into(),
        collection,
        nullable: !collection,
        read_only: false,
        navigation: false,
        inferred: false,
        description: format!("The {name}."),
        sources: vec![Location::new("beta/resources/x.md", name.len() as u32)],
    }
}

fn member(name: &str, value: i64) -> Member {
    Member {
        name: name.into(),
        value: Some(value),
        description: String::new(),
    }
}

fn op(name: &str, method: &str, paths: &[&str]) -> Operation {
    Operation {
        name: name.into(),
        kind: OperationKind::Get,
        target_type: Some("microsoft.graph.widget".into()),
        method: method.into(),
        paths: paths.iter().map(|p| PathTemplate::from(*p)).collect(),
        path_parameters: Vec::new(),
        request_type: None,
        request_collection: false,
        parameters: Vec::new(),
        response_type: Some("microsoft.graph.widget".into()),
        response_collection: false,
        status: Some(200),
        permissions: Permissions::default(),
        request_headers: Vec::new(),
        request_body: Default::default(),
        response_body: Default::default(),
        description: String::new(),
        sources: vec![Location::new(format!("beta/api/{name}.md"), 1)],
    }
}

fn param(name: &str, ty: &str) -> Parameter {
    Parameter {
        name: name.into(),
        ty: ty.into(),
        collection: false,
        description: String::new(),
    }
}

fn schema(mut types: Vec<TypeDef>, mut operations: Vec<Operation>) -> Schema {
    types.sort_by(|a, b| a.name.cmp(&b.name));
    operations.sort_by(|a, b| a.name.cmp(&b.name));
    Schema {
        schema_version: SCHEMA_VERSION,
        types,
        operations,
    }
}

/// A small API: a widget entity, a color enum, a get call.
fn base() -> Schema {
    let mut widget = ty("widget", TypeKind::Entity, None);
    widget.properties = vec![
        prop("color", "microsoft.graph.color", false),
        prop("id", "Edm.String", false),
        prop("size", "Edm.Int32", false),
    ];
    let mut color = ty("color", TypeKind::Enum, None);
    color.members = vec![member("red", 0), member("blue", 1)];
    schema(
        vec![widget, color, ty("gadget", TypeKind::Complex, None)],
        vec![op("widget.get", "GET", &["/widgets/{widgetId}"])],
    )
}

fn kinds(r: &Report) -> Vec<(&'static str, Option<&str>, Option<&'static str>, Impact)> {
    r.changes
        .iter()
        .map(|c| (c.change, c.name.as_deref(), c.aspect, c.impact))
        .collect()
}

fn widget(s: &mut Schema) -> &mut TypeDef {
    s.types
        .iter_mut()
        .find(|t| t.name == "microsoft.graph.widget")
        .unwrap()
}

#[test]
fn the_same_schema_has_no_changes_and_is_a_patch() {
    let r = diff(&base(), &base());
    assert!(r.changes.is_empty());
    assert_eq!(r.semver, Semver::Patch);
    let json: Value = serde_json::from_str(&r.to_json()).unwrap();
    assert_eq!(json, json!({"changes": [], "semver": "patch"}));
}

#[test]
fn added_things_are_additive_and_a_minor_bump() {
    let mut new = base();
    new.types.push(ty("sprocket", TypeKind::Complex, None));
    new.types.sort_by(|a, b| a.name.cmp(&b.name));
    widget(&mut new)
        .properties
        .push(prop("weight", "Edm.Double", false));
    new.types[0].members.push(member("green", 2)); // color
    new.operations.push(op("widget.list", "GET", &["/widgets"]));
    new.operations[0].paths.push("/me/widgets/{id}".into());
    let r = diff(&base(), &new);
    assert_eq!(
        kinds(&r),
        [
            ("member-added", Some("green"), None, Impact::Additive),
            ("type-added", None, None, Impact::Additive),
            ("property-added", Some("weight"), None, Impact::Additive),
            ("path-added", Some("widget.get"), None, Impact::Additive),
            (
                "operation-added",
                Some("widget.list"),
                None,
                Impact::Additive
            ),
        ]
    );
    assert_eq!(r.semver, Semver::Minor);
    assert!(!r.has_breaking());
    let added = &r.changes[1];
    assert_eq!(added.ty.as_deref(), Some("microsoft.graph.sprocket"));
    assert_eq!(added.sources.old, Vec::<String>::new());
    assert_eq!(added.sources.new, ["beta/resources/sprocket.md:1"]);
    assert_eq!(
        r.changes[2].new,
        json!({"type": "Edm.Double", "collection": false})
    );
    assert_eq!(r.changes[3].new, json!("/me/widgets/{id}"));
}

#[test]
fn removed_things_break_and_are_a_major_bump() {
    let mut new = base();
    new.types.retain(|t| t.name != "microsoft.graph.gadget");
    widget(&mut new).properties.retain(|p| p.name != "size");
    new.types[0].members.retain(|m| m.name != "blue");
    new.operations.clear();
    let r = diff(&base(), &new);
    assert_eq!(
        kinds(&r),
        [
            ("member-removed", Some("blue"), None, Impact::Breaking),
            ("type-removed", None, None, Impact::Breaking),
            ("property-removed", Some("size"), None, Impact::Breaking),
            (
                "operation-removed",
                Some("widget.get"),
                None,
                Impact::Breaking
            ),
        ]
    );
    assert!(r.changes.iter().all(|c| c.breaking));
    assert_eq!(r.semver, Semver::Major);
    let removed = &r.changes[2];
    assert_eq!(
        removed.old,
        json!({"type": "Edm.Int32", "collection": false})
    );
    assert_eq!(removed.sources.old, ["beta/resources/x.md:4"]);
    assert!(removed.sources.new.is_empty());
}

#[test]
fn changed_properties_break_by_their_rust_type_only() {
    let mut new = base();
    let w = widget(&mut new);
    w.properties[2].ty = "Edm.Int64".into(); // size
    w.properties[1].collection = true; // id
    w.properties[0].description = "Another color.".into();
    w.properties[0].nullable = false;
    w.properties[0].read_only = true;
    let r = diff(&base(), &new);
    assert_eq!(
        kinds(&r),
        [
            (
                "property-changed",
                Some("color"),
                Some("nullable"),
                Impact::None
            ),
            (
                "property-changed",
                Some("color"),
                Some("readOnly"),
                Impact::None
            ),
            (
                "property-changed",
                Some("color"),
                Some("description"),
                Impact::None
            ),
            (
                "property-changed",
                Some("id"),
                Some("collection"),
                Impact::Breaking
            ),
            (
                "property-changed",
                Some("size"),
                Some("type"),
                Impact::Breaking
            ),
        ]
    );
    let size = &r.changes[4];
    assert_eq!(
        (size.old.clone(), size.new.clone()),
        (json!("Edm.Int32"), json!("Edm.Int64"))
    );
    assert_eq!(r.semver, Semver::Major);
}

#[test]
fn descriptions_alone_are_a_patch() {
    let mut new = base();
    widget(&mut new).description = "Changed.".into();
    new.types[0].members[0].description = "Red.".into();
    new.operations[0].description = "Gets it.".into();
    new.operations[0].status = Some(204);
    new.operations[0].paths = vec!["/widgets/{id}".into()];
    let r = diff(&base(), &new);
    assert_eq!(
        kinds(&r),
        [
            (
                "member-changed",
                Some("red"),
                Some("description"),
                Impact::None
            ),
            ("type-changed", None, Some("description"), Impact::None),
            (
                "operation-changed",
                Some("widget.get"),
                Some("status"),
                Impact::None
            ),
            (
                "operation-changed",
                Some("widget.get"),
                Some("description"),
                Impact::None
            ),
            ("path-changed", Some("widget.get"), None, Impact::None),
        ]
    );
    assert_eq!(r.semver, Semver::Patch);
    assert!(r
        .render_human()
        .ends_with("semver: patch (0 breaking, 0 additive, 5 none)\n"));
}

#[test]
fn kinds_bases_flags_and_methods_break() {
    let mut new = base();
    new.types[0].flags = true; // color
    let g = new
        .types
        .iter_mut()
        .find(|t| t.name.ends_with("gadget"))
        .unwrap();
    g.kind = TypeKind::Entity;
    widget(&mut new).base = Some("microsoft.graph.gadget".into());
    new.operations[0].method = "POST".into();
    let r = diff(&base(), &new);
    assert_eq!(
        kinds(&r),
        [
            ("type-changed", None, Some("flags"), Impact::Breaking),
            ("kind-changed", None, None, Impact::Breaking),
            // gadget gets its first derived type: fields typed gadget become AnyGadget.
            (
                "derived-added",
                Some("microsoft.graph.widget"),
                None,
                Impact::Breaking
            ),
            ("base-changed", None, None, Impact::Breaking),
            (
                "operation-changed",
                Some("widget.get"),
                Some("method"),
                Impact::Breaking
            ),
        ]
    );
    assert_eq!(r.changes[1].old, json!("complex"));
    assert_eq!(r.changes[1].new, json!("entity"));
    assert_eq!(r.changes[3].new, json!("microsoft.graph.gadget"));
    assert!(r.changes[2].reason.contains("first derived type"));
    assert_eq!(r.semver, Semver::Major);
}

#[test]
fn parameters_are_optional_fields_unless_the_call_had_none() {
    let mut old = base();
    old.operations
        .push(op("widget.paint", "POST", &["/widgets/{id}/paint"]));
    old.operations
        .push(op("widget.wash", "POST", &["/widgets/{id}/wash"]));
    old.operations[1].parameters = vec![param("brush", "Edm.String")];
    let mut new = old.clone();
    new.operations[1]
        .parameters
        .push(param("coats", "Edm.Int32"));
    new.operations[1].parameters[0].ty = "Edm.Int32".into();
    new.operations[2].parameters = vec![param("soap", "Edm.String")];
    let r = diff(&old, &new);
    let got: Vec<_> = r
        .changes
        .iter()
        .map(|c| {
            (
                c.change,
                c.name.as_deref(),
                c.parameter.as_deref(),
                c.impact,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "parameter-changed",
                Some("widget.paint"),
                Some("brush"),
                Impact::Breaking
            ),
            (
                "parameter-added",
                Some("widget.paint"),
                Some("coats"),
                Impact::Additive
            ),
            (
                "parameter-added",
                Some("widget.wash"),
                Some("soap"),
                Impact::Breaking
            ),
        ]
    );
}

#[test]
fn a_new_variant_of_a_polymorphic_type_is_additive() {
    let mut old = base();
    old.types
        .push(ty("bigWidget", TypeKind::Entity, Some("widget")));
    old.types.sort_by(|a, b| a.name.cmp(&b.name));
    let mut new = old.clone();
    new.types
        .push(ty("smallWidget", TypeKind::Entity, Some("widget")));
    new.types.sort_by(|a, b| a.name.cmp(&b.name));
    let r = diff(&old, &new);
    assert_eq!(
        kinds(&r),
        [
            ("type-added", None, None, Impact::Additive),
            (
                "derived-added",
                Some("microsoft.graph.smallWidget"),
                None,
                Impact::Additive
            ),
        ]
    );
    assert!(r.changes[1].reason.contains("#[non_exhaustive] AnyX"));
    assert_eq!(
        r.changes[1].sources.new,
        ["beta/resources/smallWidget.md:1"]
    );
}

#[test]
fn the_order_is_fixed_and_every_kind_is_documented() {
    let mut new = base();
    new.types.clear();
    let a = diff(&base(), &new);
    let b = diff(&base(), &new);
    assert_eq!(a, b);
    for c in &a.changes {
        assert!(CHANGE_KINDS.contains(&c.change), "{}", c.change);
    }
    let readme = include_str!("../../../README.md");
    for k in CHANGE_KINDS {
        assert!(
            readme.contains(&format!("`{k}`")),
            "`{k}` is not in the README"
        );
    }
}

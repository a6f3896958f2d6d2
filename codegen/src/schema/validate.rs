//! Validate: the guarantees every later stage relies on, checked once.
//!
//! Run at the end of [`super::build_schema`] and on a schema read back from its
//! JSON ([`super::read_schema`]), so that `check`, `generate --docs` and
//! `generate --schema` report the same findings and emit never has to judge the
//! docs: it receives a schema in which
//! - no type declares `@odata.type` as a property (every generated struct has `odata_type`);
//! - every property type is an `Edm.*` primitive or a type of the schema
//!   (an unknown primitive is noted and stays: emit writes it as `serde_json::Value`);
//! - every base is a resource type of the schema, and no chain of bases loops.
//!
//! Each repair is a diagnostic at the first source of what it repairs.

use super::model::{Schema, TypeKind, TypeName, TypeRef};
use crate::diag::{Code, Diagnostic, Location};
use std::collections::{BTreeMap, BTreeSet};

/// The `Edm` primitives (names without `Edm.`) generated code has a Rust type for (see emit's type mapping).
pub const KNOWN_PRIMITIVES: &[&str] = &[
    "String",
    "Int32",
    "Int64",
    "Int16",
    "Byte",
    "SByte",
    "Boolean",
    "Double",
    "Decimal",
    "Single",
    "DateTimeOffset",
    "Date",
    "TimeOfDay",
    "Duration",
    "Guid",
    "Binary",
    "Stream",
    "Untyped",
];

/// The wire name no type may declare: the type discriminator every struct carries.
pub const RESERVED_PROPERTY: &str = "@odata.type";

/// Repairs what breaks the guarantees above and says what it repaired.
pub fn validate(schema: &mut Schema) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let structs: BTreeSet<TypeName> = schema
        .types
        .iter()
        .filter(|t| t.kind != TypeKind::Enum)
        .map(|t| t.name.clone())
        .collect();
    let defined: BTreeSet<TypeName> = schema.types.iter().map(|t| t.name.clone()).collect();
    for t in &mut schema.types {
        let owner = t.name.clone();
        t.properties.retain(|p| {
            let reserved = p.name == RESERVED_PROPERTY;
            if reserved {
                diags.push(
                    Diagnostic::warning(
                        Code::ReservedProperty,
                        &location_of(&p.sources, &owner),
                        format!("`{owner}` declares a property `@odata.type`; dropped, every generated struct has `odata_type`"),
                    )
                    .with_help("drop the row from the properties table"),
                );
            }
            !reserved
        });
        for p in &mut t.properties {
            let at = location_of(&p.sources, &owner);
            if let Some(primitive) = p.ty.as_primitive() {
                if !KNOWN_PRIMITIVES.contains(&primitive) {
                    diags.push(Diagnostic::note(
                        Code::UnknownPrimitive,
                        &at,
                        format!("`{owner}.{}` has the unknown primitive type `{}`; emitted as serde_json::Value", p.name, p.ty),
                    )
                    .with_help("write the type as an Edm primitive the generator knows (`String`, `Int32`, `Boolean`, `DateTimeOffset`, ...) or link it to its page"));
                }
            } else if p.ty.as_named().is_some_and(|n| !defined.contains(n)) {
                diags.push(Diagnostic::warning(
                    Code::UnresolvedType,
                    &at,
                    format!("`{owner}.{}` has the type `{}`, which the schema does not define; typed `Edm.Untyped` (serde_json::Value)", p.name, p.ty),
                )
                .with_help("add the type's page to the docs input, or fix the link in the type cell"));
                p.ty = TypeRef::primitive("Untyped");
            }
        }
        if let Some(base) = t.base.clone() {
            if !structs.contains(&base) {
                let what = if defined.contains(&base) {
                    format!("`{owner}` derives from the enum `{base}`; its base is dropped")
                } else {
                    format!("`{owner}` derives from `{base}`, which the schema does not define; its base is dropped")
                };
                diags.push(
                    Diagnostic::warning(
                        Code::UnresolvedBase,
                        &location_of(&t.sources, &owner),
                        what,
                    )
                    .with_help(
                        "point the `Inherits from` line at a resource type of the docs input",
                    ),
                );
                t.base = None;
            }
        }
    }
    cut_cycles(schema, &mut diags);
    diags
}

/// Drops the base of one type on every loop of bases (the schema stage already
/// breaks the loops the docs make: this holds a schema read from a file to it).
fn cut_cycles(schema: &mut Schema, diags: &mut Vec<Diagnostic>) {
    let base_of: BTreeMap<TypeName, TypeName> = schema
        .types
        .iter()
        .filter_map(|t| Some((t.name.clone(), t.base.clone()?)))
        .collect();
    let mut cut: BTreeSet<String> = BTreeSet::new();
    let mut done: BTreeSet<&str> = BTreeSet::new();
    for start in base_of.keys() {
        let mut path: Vec<&str> = Vec::new();
        let mut cur = start.as_str();
        while !done.contains(cur) {
            if let Some(i) = path.iter().position(|p| *p == cur) {
                // `path[i..]` is a loop: cut at its smallest name, whatever the walk's start.
                let at = path[i..].iter().min().copied().unwrap_or(cur);
                cut.insert(at.to_string());
                break;
            }
            path.push(cur);
            match base_of.get(cur) {
                Some(b) if !cut.contains(cur) => cur = b,
                _ => break,
            }
        }
        done.extend(path);
    }
    for t in schema
        .types
        .iter_mut()
        .filter(|t| cut.contains(t.name.as_str()))
    {
        let base = t.base.take().map(|b| b.to_string()).unwrap_or_default();
        diags.push(
            Diagnostic::warning(
                Code::BaseCycle,
                &location_of(&t.sources, &t.name),
                format!(
                    "the base types of `{}` form a cycle through `{base}`; its base is dropped",
                    t.name
                ),
            )
            .with_help("fix the `Inherits from` lines so that the base types form a tree"),
        );
    }
}

/// The first of `sources`; a thing with none is reported at its name.
fn location_of(sources: &[Location], fallback: &str) -> Location {
    sources
        .first()
        .cloned()
        .unwrap_or_else(|| Location::new(fallback, 0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{test_schema, TypeDef};

    /// A type of the area `a` with `base` and properties `(name, type)`.
    fn ty(name: &str, kind: TypeKind, base: Option<&str>, props: &[(&str, &str)]) -> TypeDef {
        let mut t = test_schema::ty(name, kind, "a");
        t.name = name.into();
        t.base = base.map(Into::into);
        t.properties = props
            .iter()
            .map(|(n, ty)| test_schema::prop(n, ty))
            .collect();
        t
    }

    fn codes(diags: &[Diagnostic]) -> Vec<(&str, String)> {
        diags
            .iter()
            .map(|d| (d.code, format!("{}:{}", d.file, d.line)))
            .collect()
    }

    #[test]
    fn repairs_what_emit_relies_on_and_says_where() {
        use TypeKind::*;
        let mut schema = Schema {
            types: vec![
                ty("g.a", Entity, Some("g.b"), &[("@odata.type", "Edm.String")]),
                ty(
                    "g.b",
                    Entity,
                    Some("g.a"),
                    &[("x", "g.missing"), ("y", "Edm.Float")],
                ),
                ty("g.c", Complex, Some("g.e"), &[("z", "g.e")]),
                ty("g.d", Complex, Some("g.nowhere"), &[]),
                ty("g.e", Enum, None, &[]),
            ],
            ..Default::default()
        };
        let diags = validate(&mut schema);
        assert_eq!(
            codes(&diags),
            [
                ("reserved-property", "api/x.md:10".to_string()),
                ("unresolved-type", "api/x.md:10".to_string()),
                ("unknown-primitive", "api/x.md:10".to_string()),
                ("unresolved-base", "resources/g.c.md:1".to_string()),
                ("unresolved-base", "resources/g.d.md:1".to_string()),
                ("base-cycle", "resources/g.a.md:1".to_string()),
            ]
        );
        let t = |n: &str| schema.type_def(n).unwrap();
        assert!(t("g.a").properties.is_empty());
        assert_eq!(t("g.a").base, None, "the loop is cut at its smallest name");
        assert_eq!(t("g.b").base.as_deref(), Some("g.a"));
        assert_eq!(t("g.b").properties[0].ty, TypeRef::primitive("Untyped"));
        assert_eq!(
            t("g.b").properties[1].ty,
            TypeRef::primitive("Float"),
            "kept: emit writes Value"
        );
        assert_eq!(t("g.c").base, None);
        assert_eq!(
            t("g.c").properties[0].ty,
            TypeRef::parse("g.e"),
            "an enum is a property type"
        );
        // Validating again finds nothing: the repairs hold.
        assert_eq!(
            codes(&validate(&mut schema)),
            [("unknown-primitive", "api/x.md:10".to_string())]
        );
    }

    #[test]
    fn a_self_base_is_a_cycle() {
        let mut schema = Schema {
            types: vec![ty("g.s", TypeKind::Complex, Some("g.s"), &[])],
            ..Default::default()
        };
        assert_eq!(
            codes(&validate(&mut schema)),
            [("base-cycle", "resources/g.s.md:1".to_string())]
        );
        assert_eq!(schema.types[0].base, None);
    }
}

//! Which operations and schemas each area's document holds.
//!
//! A type's area is `TypeDef::area` (the cargo feature emit puts it in); an
//! operation belongs to the area of the type it is about (its target, else its
//! response, else its request type), and to `other` when it names no type.
//! A document is self-contained: it holds its area's types, the types its
//! operations use, and everything those need, closed over
//! * bases (an `allOf` names them),
//! * the types of structural properties and of navigation properties into the
//!   same area, with every descendant of each (a value of a type may be any type
//!   derived from it, and the discriminator maps them all).
//!
//! Navigation properties into another area are not followed (they stay typed
//! loosely, naming the type and its area: see `schemas`), or every document
//! would hold nearly the whole reference.

use crate::schema::{Operation, Schema, TypeRef};
use std::collections::{BTreeMap, BTreeSet};

/// The area of operations that name no type.
pub const OTHER_AREA: &str = "other";

/// Each type's direct descendants.
#[derive(Debug, Default)]
pub struct Family<'a> {
    pub children: BTreeMap<&'a str, Vec<&'a str>>,
}

impl<'a> Family<'a> {
    pub fn new(schema: &'a Schema) -> Family<'a> {
        let mut children: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for t in &schema.types {
            if let Some(base) = &t.base {
                children.entry(base.as_str()).or_default().push(&t.name);
            }
        }
        Family { children }
    }

    /// Every type derived from `name`, directly or not, in name order.
    pub fn descendants(&self, name: &str) -> BTreeSet<&'a str> {
        let mut out = BTreeSet::new();
        let mut stack: Vec<&str> = self.children.get(name).cloned().unwrap_or_default();
        while let Some(t) = stack.pop() {
            if out.insert(t) {
                stack.extend(self.children.get(t).into_iter().flatten().copied());
            }
        }
        out
    }
}

/// What one area's document holds.
#[derive(Debug)]
pub struct Selection<'a> {
    pub area: &'a str,
    pub operations: Vec<&'a Operation>,
    /// Qualified names of every schema the document holds.
    pub types: BTreeSet<&'a str>,
}

/// The type an operation is about, for its area.
fn operation_home<'a>(schema: &'a Schema, op: &'a Operation) -> &'a str {
    [
        op.target_type.as_deref(),
        op.response_type.as_ref().map(TypeRef::as_str),
        op.request_type.as_ref().map(TypeRef::as_str),
    ]
    .into_iter()
    .flatten()
    .find_map(|name| schema.type_def(name))
    .map_or(OTHER_AREA, |t| t.area.as_str())
}

/// One selection per area (types' areas and operations' areas), in area order.
pub fn select_all<'a>(schema: &'a Schema, family: &Family<'a>) -> Vec<Selection<'a>> {
    let mut operations: BTreeMap<&str, Vec<&Operation>> = schema
        .types
        .iter()
        .map(|t| (t.area.as_str(), Vec::new()))
        .collect();
    for op in &schema.operations {
        operations
            .entry(operation_home(schema, op))
            .or_default()
            .push(op);
    }
    operations
        .into_iter()
        .map(|(area, operations)| {
            let types = closure(schema, family, area, &operations);
            Selection {
                area,
                operations,
                types,
            }
        })
        .collect()
}

fn closure<'a>(
    schema: &'a Schema,
    family: &Family<'a>,
    area: &str,
    operations: &[&'a Operation],
) -> BTreeSet<&'a str> {
    // (type, with its descendants): a value of the type, or only a base.
    let mut work: Vec<(&'a str, bool)> = schema
        .types
        .iter()
        .filter(|t| t.area == area)
        .map(|t| (t.name.as_str(), true))
        .collect();
    for op in operations {
        let named = [
            op.target_type.as_deref(),
            op.request_type.as_ref().map(TypeRef::as_str),
            op.response_type.as_ref().map(TypeRef::as_str),
        ];
        work.extend(named.into_iter().flatten().map(|n| (n, true)));
        work.extend(op.parameters.iter().map(|p| (p.ty.as_str(), true)));
    }
    let mut included = BTreeSet::new();
    let mut expanded = BTreeSet::new();
    while let Some((name, with_descendants)) = work.pop() {
        let Some(t) = schema.type_def(name) else {
            continue; // `Edm.*`, or a name the schema does not hold
        };
        if with_descendants && expanded.insert(t.name.as_str()) {
            work.extend(family.descendants(&t.name).into_iter().map(|d| (d, true)));
        }
        if !included.insert(t.name.as_str()) {
            continue;
        }
        if let Some(base) = &t.base {
            work.push((base, false));
        }
        for p in &t.properties {
            let followed = !p.navigation
                || schema
                    .type_def(p.ty.as_str())
                    .is_some_and(|target| target.area == area);
            if followed {
                work.push((p.ty.as_str(), true));
            }
        }
    }
    included
}

//! `graph-docgen diff OLD NEW`: what changed between two schemas, and whether it
//! breaks code written against the crate generated from OLD.
//!
//! Every change names its kind, the type (qualified) and the member, property,
//! operation it is about, the old and new values, the sources on both sides, and
//! its impact on users of the generated crate:
//!
//! * **breaking**: something users name is gone or changed its Rust type: a type,
//!   field, enum member or call removed; a field's type or collection-ness changed;
//!   a type's kind, base, flags-ness or area (module and cargo feature) changed; a
//!   call's method, request or response changed; a variant removed from an `AnyX`
//!   enum, or a type getting its first derived type (its fields become `AnyX`); a
//!   parameter added to a call that had none (the call gains an argument).
//! * **additive**: something new that old code does not see: a type, an optional
//!   field (every field is an `Option`), an enum member (the generated enums are
//!   `#[non_exhaustive]` with `Undocumented(String)`), a variant of an `AnyX` enum
//!   (also `#[non_exhaustive]`), a call, a path, an optional parameter of a call
//!   that already had some.
//! * **none**: the generated code keeps its shape: descriptions, nullability,
//!   read-only, navigation, inferred, abstract, member values, statuses,
//!   permissions, and path templates that differ only in their `{parameter}` names.
//!
//! The report's semver bump is `major` if any change breaks, else `minor` if any
//! is additive, else `patch`. Changes come in a fixed order: by type name (type,
//! then its properties, then its members), then operations by name.

use crate::schema::{Location, Operation, Parameter, Property, Schema, TypeDef, TypeKind, TypeRef};
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

/// What a change does to users of the crate generated from OLD.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Impact {
    None,
    Additive,
    Breaking,
}

impl Impact {
    pub fn as_str(self) -> &'static str {
        match self {
            Impact::None => "none",
            Impact::Additive => "additive",
            Impact::Breaking => "breaking",
        }
    }
}

/// The version bump the generated crate needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Semver {
    Patch,
    Minor,
    Major,
}

impl Semver {
    pub fn as_str(self) -> &'static str {
        match self {
            Semver::Patch => "patch",
            Semver::Minor => "minor",
            Semver::Major => "major",
        }
    }
}

/// `file:line` of every page that says something about the item, on each side.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Sources {
    pub old: Vec<String>,
    pub new: Vec<String>,
}

/// One change (the `--format json` objects; format in the README).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// `type-added`, `property-changed`, ... (see [`CHANGE_KINDS`]).
    pub change: &'static str,
    /// The qualified type; for operations, parameters and paths the operation's target type.
    #[serde(rename = "type")]
    pub ty: Option<String>,
    /// The property, member or operation; null for changes of a type itself.
    pub name: Option<String>,
    /// For `parameter-*`: the parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameter: Option<String>,
    /// For `*-changed`: the schema field that changed (`type`, `collection`, `method`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aspect: Option<&'static str>,
    pub breaking: bool,
    pub impact: Impact,
    /// Why it has that impact, in words.
    pub reason: &'static str,
    pub old: Value,
    pub new: Value,
    pub sources: Sources,
}

/// Every change kind, in documentation order.
pub const CHANGE_KINDS: &[&str] = &[
    "type-added",
    "type-removed",
    "kind-changed",
    "base-changed",
    "type-changed",
    "derived-added",
    "derived-removed",
    "property-added",
    "property-removed",
    "property-changed",
    "member-added",
    "member-removed",
    "member-changed",
    "operation-added",
    "operation-removed",
    "operation-changed",
    "parameter-added",
    "parameter-removed",
    "parameter-changed",
    "path-added",
    "path-removed",
    "path-changed",
];

/// The whole diff.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub changes: Vec<Change>,
    pub semver: Semver,
}

impl Report {
    /// Changes by kind (kinds without changes left out).
    pub fn counts(&self) -> BTreeMap<&'static str, usize> {
        let mut out = BTreeMap::new();
        for c in &self.changes {
            *out.entry(c.change).or_default() += 1;
        }
        out
    }

    /// Changes by impact.
    pub fn impacts(&self) -> BTreeMap<Impact, usize> {
        let mut out = BTreeMap::new();
        for c in &self.changes {
            *out.entry(c.impact).or_default() += 1;
        }
        out
    }

    pub fn has_breaking(&self) -> bool {
        self.changes.iter().any(|c| c.breaking)
    }

    /// The JSON document (`--format json`), pretty, with a trailing newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("the diff serializes");
        s.push('\n');
        s
    }

    /// One line per change, then the counts and the semver line.
    pub fn render_human(&self) -> String {
        let mut out = String::new();
        for c in &self.changes {
            let mut what = c.ty.clone().unwrap_or_default();
            if let Some(n) = &c.name {
                if !what.is_empty() {
                    what.push(' ');
                }
                what.push_str(n);
            }
            if let Some(p) = &c.parameter {
                what.push_str(&format!("({p})"));
            }
            if let Some(a) = c.aspect {
                what.push_str(&format!(" [{a}]"));
            }
            let values = match (&c.old, &c.new) {
                (Value::Null, Value::Null) => String::new(),
                (Value::Null, n) => format!(": {}", short(n)),
                (o, Value::Null) => format!(": {}", short(o)),
                (o, n) => format!(": {} -> {}", short(o), short(n)),
            };
            let src = |v: &[String]| v.first().cloned().unwrap_or_else(|| "-".into());
            out.push_str(&format!(
                "{:<8} {:<17} {what}{values}  ({} | {})\n",
                c.impact.as_str(),
                c.change,
                src(&c.sources.old),
                src(&c.sources.new),
            ));
        }
        let counts: Vec<String> = self
            .counts()
            .iter()
            .map(|(k, n)| format!("{k}: {n}"))
            .collect();
        if !counts.is_empty() {
            out.push_str(&format!("by change: {}\n", counts.join(", ")));
        }
        let i = self.impacts();
        let n = |x| i.get(&x).copied().unwrap_or(0);
        out.push_str(&format!(
            "semver: {} ({} breaking, {} additive, {} none)\n",
            self.semver.as_str(),
            n(Impact::Breaking),
            n(Impact::Additive),
            n(Impact::None)
        ));
        out
    }
}

fn short(v: &Value) -> String {
    let s = match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let s = s.replace('\n', " ");
    if s.chars().count() > 60 {
        format!("{}...", s.chars().take(57).collect::<String>())
    } else {
        s
    }
}

struct Builder {
    changes: Vec<Change>,
}

/// An aspect of a change: its name, old and new values, impact and the reason for it.
type Aspect = (&'static str, Value, Value, Impact, &'static str);

impl Builder {
    /// One `change` for each aspect whose old and new values differ.
    fn push_aspects(
        &mut self,
        change: &'static str,
        ty: Option<&str>,
        name: Option<&str>,
        aspects: impl IntoIterator<Item = Aspect>,
        sources: (&[Location], &[Location]),
    ) {
        for (aspect, old, new, impact, reason) in aspects {
            if old != new {
                self.push(
                    change,
                    ty,
                    name,
                    Some(aspect),
                    impact,
                    reason,
                    old,
                    new,
                    sources,
                );
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        change: &'static str,
        ty: Option<&str>,
        name: Option<&str>,
        aspect: Option<&'static str>,
        impact: Impact,
        reason: &'static str,
        old: Value,
        new: Value,
        sources: (&[Location], &[Location]),
    ) -> &mut Change {
        self.changes.push(Change {
            change,
            ty: ty.map(str::to_string),
            name: name.map(str::to_string),
            parameter: None,
            aspect,
            breaking: impact == Impact::Breaking,
            impact,
            reason,
            old,
            new,
            sources: Sources {
                old: sources.0.iter().map(Location::to_string).collect(),
                new: sources.1.iter().map(Location::to_string).collect(),
            },
        });
        self.changes.last_mut().expect("just pushed")
    }
}

fn kind_str(k: TypeKind) -> &'static str {
    match k {
        TypeKind::Entity => "entity",
        TypeKind::Complex => "complex",
        TypeKind::Enum => "enum",
    }
}

/// Every type's descendants (not only children), from the base links.
fn descendants(s: &Schema) -> BTreeMap<&str, BTreeSet<&str>> {
    let mut out: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for t in &s.types {
        let mut seen = BTreeSet::new();
        let mut at = t.base.as_deref();
        while let Some(b) = at {
            if b == t.name.as_str() || !seen.insert(b) {
                break; // a cycle (reported by the schema stage)
            }
            out.entry(b).or_default().insert(t.name.as_str());
            at = s.type_def(b).and_then(|bt| bt.base.as_deref());
        }
    }
    out
}

/// `{anything}` -> `{}`: the client reaches `{param}` by `by_id`, whatever its name.
fn path_shape(p: &str) -> String {
    let mut out = String::new();
    let mut in_param = false;
    for c in p.chars() {
        match c {
            '{' => {
                in_param = true;
                out.push_str("{}");
            }
            '}' => in_param = false,
            _ if in_param => {}
            _ => out.push(c),
        }
    }
    out
}

/// The diff of OLD and NEW.
pub fn diff(old: &Schema, new: &Schema) -> Report {
    let mut b = Builder {
        changes: Vec::new(),
    };
    let old_types: BTreeMap<&str, &TypeDef> =
        old.types.iter().map(|t| (t.name.as_str(), t)).collect();
    let new_types: BTreeMap<&str, &TypeDef> =
        new.types.iter().map(|t| (t.name.as_str(), t)).collect();
    let (old_desc, new_desc) = (descendants(old), descendants(new));
    let names: BTreeSet<&str> = old_types.keys().chain(new_types.keys()).copied().collect();
    for name in names {
        match (old_types.get(name), new_types.get(name)) {
            (None, Some(n)) => {
                b.push(
                    "type-added",
                    Some(name),
                    None,
                    None,
                    Impact::Additive,
                    "a new type",
                    Value::Null,
                    json!({"kind": kind_str(n.kind), "base": n.base.as_deref()}),
                    (&[], &n.sources),
                );
            }
            (Some(o), None) => {
                b.push(
                    "type-removed",
                    Some(name),
                    None,
                    None,
                    Impact::Breaking,
                    "a type users may name is gone",
                    json!({"kind": kind_str(o.kind), "base": o.base.as_deref()}),
                    Value::Null,
                    (&o.sources, &[]),
                );
            }
            (Some(o), Some(n)) => {
                diff_type(&mut b, o, n);
                let empty = BTreeSet::new();
                let od = old_desc.get(name).unwrap_or(&empty);
                let nd = new_desc.get(name).unwrap_or(&empty);
                for d in nd.difference(od) {
                    let src = new_types
                        .get(d)
                        .map(|t| t.sources.as_slice())
                        .unwrap_or(&[]);
                    let (impact, reason) = if od.is_empty() {
                        (Impact::Breaking, "the type gets its first derived type: fields of this type become its AnyX enum")
                    } else {
                        (
                            Impact::Additive,
                            "a variant is added to the #[non_exhaustive] AnyX enum",
                        )
                    };
                    b.push(
                        "derived-added",
                        Some(name),
                        Some(d),
                        None,
                        impact,
                        reason,
                        Value::Null,
                        json!(d),
                        (&o.sources, src),
                    );
                }
                for d in od.difference(nd) {
                    let src = old_types
                        .get(d)
                        .map(|t| t.sources.as_slice())
                        .unwrap_or(&[]);
                    let reason = if nd.is_empty() {
                        "the type loses its last derived type: fields of its AnyX enum become the type"
                    } else {
                        "a variant of the AnyX enum is gone"
                    };
                    b.push(
                        "derived-removed",
                        Some(name),
                        Some(d),
                        None,
                        Impact::Breaking,
                        reason,
                        json!(d),
                        Value::Null,
                        (src, &n.sources),
                    );
                }
            }
            (None, None) => unreachable!("a name from one of the two"),
        }
    }
    diff_operations(&mut b, old, new);
    let semver = if b.changes.iter().any(|c| c.impact == Impact::Breaking) {
        Semver::Major
    } else if b.changes.iter().any(|c| c.impact == Impact::Additive) {
        Semver::Minor
    } else {
        Semver::Patch
    };
    Report {
        changes: b.changes,
        semver,
    }
}

fn diff_type(b: &mut Builder, o: &TypeDef, n: &TypeDef) {
    let name = Some(o.name.as_str());
    let src = (o.sources.as_slice(), n.sources.as_slice());
    if o.kind != n.kind {
        b.push(
            "kind-changed",
            name,
            None,
            None,
            Impact::Breaking,
            "the generated item changes (enum, struct, entity)",
            json!(kind_str(o.kind)),
            json!(kind_str(n.kind)),
            src,
        );
    }
    if o.base != n.base {
        b.push(
            "base-changed",
            name,
            None,
            None,
            Impact::Breaking,
            "the struct's `base` field and what it derefs to change",
            json!(o.base.as_deref()),
            json!(n.base.as_deref()),
            src,
        );
    }
    let aspects: [Aspect; 5] = [
        (
            "flags",
            json!(o.flags),
            json!(n.flags),
            Impact::Breaking,
            "fields of the enum become (or stop being) support::Flags",
        ),
        (
            "area",
            json!(o.area),
            json!(n.area),
            Impact::Breaking,
            "the type moves to another module and cargo feature",
        ),
        (
            "abstract",
            json!(o.is_abstract),
            json!(n.is_abstract),
            Impact::None,
            "only the doc comment changes",
        ),
        (
            "inferred",
            json!(o.inferred),
            json!(n.inferred),
            Impact::None,
            "only where the type is known from changes",
        ),
        (
            "description",
            json!(o.description),
            json!(n.description),
            Impact::None,
            "only the doc comment changes",
        ),
    ];
    b.push_aspects("type-changed", name, None, aspects, src);
    let enum_both = o.kind == TypeKind::Enum && n.kind == TypeKind::Enum;
    let struct_both = o.kind != TypeKind::Enum && n.kind != TypeKind::Enum;
    if struct_both {
        diff_properties(b, o, n);
    }
    if enum_both {
        diff_members(b, o, n);
    }
}

fn prop_summary(p: &Property) -> Value {
    json!({"type": p.ty.as_str(), "collection": p.collection})
}

fn diff_properties(b: &mut Builder, o: &TypeDef, n: &TypeDef) {
    let ty = Some(o.name.as_str());
    let op: BTreeMap<&str, &Property> = o.properties.iter().map(|p| (p.name.as_str(), p)).collect();
    let np: BTreeMap<&str, &Property> = n.properties.iter().map(|p| (p.name.as_str(), p)).collect();
    let names: BTreeSet<&str> = op.keys().chain(np.keys()).copied().collect();
    for name in names {
        match (op.get(name), np.get(name)) {
            (None, Some(p)) => {
                b.push(
                    "property-added",
                    ty,
                    Some(name),
                    None,
                    Impact::Additive,
                    "a new optional field",
                    Value::Null,
                    prop_summary(p),
                    (&[], &p.sources),
                );
            }
            (Some(p), None) => {
                b.push(
                    "property-removed",
                    ty,
                    Some(name),
                    None,
                    Impact::Breaking,
                    "a field users may name is gone",
                    prop_summary(p),
                    Value::Null,
                    (&p.sources, &[]),
                );
            }
            (Some(a), Some(z)) => {
                let src = (a.sources.as_slice(), z.sources.as_slice());
                let aspects: [Aspect; 7] = [
                    (
                        "type",
                        json!(a.ty.as_str()),
                        json!(z.ty.as_str()),
                        Impact::Breaking,
                        "the field's Rust type changes",
                    ),
                    (
                        "collection",
                        json!(a.collection),
                        json!(z.collection),
                        Impact::Breaking,
                        "the field becomes (or stops being) a Vec",
                    ),
                    (
                        "nullable",
                        json!(a.nullable),
                        json!(z.nullable),
                        Impact::None,
                        "every field is an Option either way",
                    ),
                    (
                        "readOnly",
                        json!(a.read_only),
                        json!(z.read_only),
                        Impact::None,
                        "only the doc comment changes",
                    ),
                    (
                        "navigation",
                        json!(a.navigation),
                        json!(z.navigation),
                        Impact::None,
                        "only the doc comment changes (and, across areas, its feature gate)",
                    ),
                    (
                        "inferred",
                        json!(a.inferred),
                        json!(z.inferred),
                        Impact::None,
                        "only where the property is known from changes",
                    ),
                    (
                        "description",
                        json!(a.description),
                        json!(z.description),
                        Impact::None,
                        "only the doc comment changes",
                    ),
                ];
                b.push_aspects("property-changed", ty, Some(name), aspects, src);
            }
            (None, None) => unreachable!(),
        }
    }
}

fn diff_members(b: &mut Builder, o: &TypeDef, n: &TypeDef) {
    let ty = Some(o.name.as_str());
    let src = (o.sources.as_slice(), n.sources.as_slice());
    let find = |t: &'_ TypeDef, name: &str| t.members.iter().position(|m| m.name == name);
    // Old order, then what only NEW has in its order (members are in documented order).
    let mut names: Vec<&str> = Vec::new();
    for m in o.members.iter().chain(&n.members) {
        if !names.contains(&m.name.as_str()) {
            names.push(m.name.as_str());
        }
    }
    for name in names {
        match (find(o, name), find(n, name)) {
            (None, Some(i)) => {
                b.push(
                    "member-added",
                    ty,
                    Some(name),
                    None,
                    Impact::Additive,
                    "a new variant of a #[non_exhaustive] enum",
                    Value::Null,
                    json!({"value": n.members[i].value}),
                    src,
                );
            }
            (Some(i), None) => {
                b.push(
                    "member-removed",
                    ty,
                    Some(name),
                    None,
                    Impact::Breaking,
                    "a variant users may name is gone",
                    json!({"value": o.members[i].value}),
                    Value::Null,
                    src,
                );
            }
            (Some(i), Some(j)) => {
                let (a, z) = (&o.members[i], &n.members[j]);
                if a.value != z.value {
                    b.push(
                        "member-changed",
                        ty,
                        Some(name),
                        Some("value"),
                        Impact::None,
                        "members are sent by name; only the doc comment changes",
                        json!(a.value),
                        json!(z.value),
                        src,
                    );
                }
                if a.description != z.description {
                    b.push(
                        "member-changed",
                        ty,
                        Some(name),
                        Some("description"),
                        Impact::None,
                        "only the doc comment changes",
                        json!(a.description),
                        json!(z.description),
                        src,
                    );
                }
            }
            (None, None) => unreachable!(),
        }
    }
}

fn param_summary(p: &Parameter) -> Value {
    json!({"type": p.ty.as_str(), "collection": p.collection})
}

fn diff_operations(b: &mut Builder, old: &Schema, new: &Schema) {
    let oo: BTreeMap<&str, &Operation> = old
        .operations
        .iter()
        .map(|o| (o.name.as_str(), o))
        .collect();
    let no: BTreeMap<&str, &Operation> = new
        .operations
        .iter()
        .map(|o| (o.name.as_str(), o))
        .collect();
    let names: BTreeSet<&str> = oo.keys().chain(no.keys()).copied().collect();
    for name in names {
        match (oo.get(name), no.get(name)) {
            (None, Some(n)) => {
                b.push(
                    "operation-added",
                    n.target_type.as_deref(),
                    Some(name),
                    None,
                    Impact::Additive,
                    "a new call",
                    Value::Null,
                    json!({"method": n.method, "paths": n.paths}),
                    (&[], &n.sources),
                );
            }
            (Some(o), None) => {
                b.push(
                    "operation-removed",
                    o.target_type.as_deref(),
                    Some(name),
                    None,
                    Impact::Breaking,
                    "a call users may make is gone",
                    json!({"method": o.method, "paths": o.paths}),
                    Value::Null,
                    (&o.sources, &[]),
                );
            }
            (Some(o), Some(n)) => diff_operation(b, o, n),
            (None, None) => unreachable!(),
        }
    }
}

fn diff_operation(b: &mut Builder, o: &Operation, n: &Operation) {
    let ty = n.target_type.as_deref().or(o.target_type.as_deref());
    let name = Some(o.name.as_str());
    let src = (o.sources.as_slice(), n.sources.as_slice());
    let aspects: [Aspect; 10] = [
        (
            "method",
            json!(o.method),
            json!(n.method),
            Impact::Breaking,
            "the call sends another HTTP method",
        ),
        (
            "kind",
            json!(o.kind),
            json!(n.kind),
            Impact::Breaking,
            "the call's shape changes",
        ),
        (
            "targetType",
            json!(o.target_type.as_deref()),
            json!(n.target_type.as_deref()),
            Impact::Breaking,
            "the call is about another type",
        ),
        (
            "requestType",
            json!(o.request_type.as_ref().map(TypeRef::as_str)),
            json!(n.request_type.as_ref().map(TypeRef::as_str)),
            Impact::Breaking,
            "the call's body type changes",
        ),
        (
            "requestCollection",
            json!(o.request_collection),
            json!(n.request_collection),
            Impact::Breaking,
            "the call's body type changes",
        ),
        (
            "responseType",
            json!(o.response_type.as_ref().map(TypeRef::as_str)),
            json!(n.response_type.as_ref().map(TypeRef::as_str)),
            Impact::Breaking,
            "the call's answer type changes",
        ),
        (
            "responseCollection",
            json!(o.response_collection),
            json!(n.response_collection),
            Impact::Breaking,
            "the call's answer type changes",
        ),
        (
            "status",
            json!(o.status),
            json!(n.status),
            Impact::None,
            "any success status is accepted; only the doc comment changes",
        ),
        (
            "permissions",
            json!(o.permissions),
            json!(n.permissions),
            Impact::None,
            "only the doc comment changes",
        ),
        (
            "description",
            json!(o.description),
            json!(n.description),
            Impact::None,
            "only the doc comment changes",
        ),
    ];
    b.push_aspects("operation-changed", ty, name, aspects, src);
    // Parameters (an XParameters struct of Option fields, or none at all).
    let op: BTreeMap<&str, &Parameter> =
        o.parameters.iter().map(|p| (p.name.as_str(), p)).collect();
    let np: BTreeMap<&str, &Parameter> =
        n.parameters.iter().map(|p| (p.name.as_str(), p)).collect();
    let pnames: BTreeSet<&str> = op.keys().chain(np.keys()).copied().collect();
    for pname in pnames {
        let (impact, reason, ov, nv, aspect) = match (op.get(pname), np.get(pname)) {
            (None, Some(p)) if op.is_empty() => (
                Impact::Breaking,
                "the call had no parameters: it gains a parameters argument",
                Value::Null,
                param_summary(p),
                None,
            ),
            (None, Some(p)) => (
                Impact::Additive,
                "a new optional field of the call's parameters",
                Value::Null,
                param_summary(p),
                None,
            ),
            (Some(p), None) => (
                Impact::Breaking,
                "a parameter users may set is gone",
                param_summary(p),
                Value::Null,
                None,
            ),
            (Some(a), Some(z)) => {
                if a.ty != z.ty || a.collection != z.collection {
                    let aspect = if a.ty != z.ty { "type" } else { "collection" };
                    (
                        Impact::Breaking,
                        "the parameter's Rust type changes",
                        param_summary(a),
                        param_summary(z),
                        Some(aspect),
                    )
                } else if a.description != z.description {
                    (
                        Impact::None,
                        "only the doc comment changes",
                        json!(a.description),
                        json!(z.description),
                        Some("description"),
                    )
                } else {
                    continue;
                }
            }
            (None, None) => unreachable!(),
        };
        let change = match (op.contains_key(pname), np.contains_key(pname)) {
            (false, true) => "parameter-added",
            (true, false) => "parameter-removed",
            _ => "parameter-changed",
        };
        b.push(change, ty, name, aspect, impact, reason, ov, nv, src)
            .parameter = Some(pname.to_string());
    }
    // Paths, matched by their shape (parameter names aside).
    let shapes = |op: &'_ Operation| -> BTreeMap<String, Vec<String>> {
        let mut m: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for p in &op.paths {
            m.entry(path_shape(p.as_str()))
                .or_default()
                .push(p.as_str().to_string());
        }
        m
    };
    let (os, ns) = (shapes(o), shapes(n));
    let keys: BTreeSet<&String> = os.keys().chain(ns.keys()).collect();
    for k in keys {
        match (os.get(k), ns.get(k)) {
            (None, Some(p)) => {
                b.push(
                    "path-added",
                    ty,
                    name,
                    None,
                    Impact::Additive,
                    "the call is reached by a new path",
                    Value::Null,
                    json!(p[0]),
                    src,
                );
            }
            (Some(p), None) => {
                b.push(
                    "path-removed",
                    ty,
                    name,
                    None,
                    Impact::Breaking,
                    "a path to the call is gone",
                    json!(p[0]),
                    Value::Null,
                    src,
                );
            }
            (Some(a), Some(z)) if a[0] != z[0] => {
                b.push(
                    "path-changed",
                    ty,
                    name,
                    None,
                    Impact::None,
                    "only a {parameter} name changes; the call is reached the same way",
                    json!(a[0]),
                    json!(z[0]),
                    src,
                );
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests;

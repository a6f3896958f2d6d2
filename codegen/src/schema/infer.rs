//! Infer: types that have no table of their own learn their properties from
//! the JSON examples that show them (and say so: `inferred: true`).
//!
//! Walk every planned example with its expected type; `@odata.type` overrides
//! it. On a type that no table documents, every member of the JSON object
//! becomes an inferred property whose type is read from the value:
//! string -> `Edm.String`, boolean -> `Edm.Boolean`, integer -> `Edm.Int32`
//! (`Edm.Int64` beyond 32 bits), other numbers -> `Edm.Double`, an object with
//! `@odata.type` -> that type, any other object or `null` -> `Edm.Untyped`,
//! an array -> a collection of its first non-null element's type. Two
//! examples that disagree widen (Int32 -> Int64 -> Double; Untyped yields to
//! anything; otherwise Untyped). On a documented type, unknown members are left
//! to the check stage, which reports them.

use super::acc::Acc;
use super::bases::{ancestors, Bases};
use super::examples::PlannedExample;
use super::names::qualify_odata_type;
use super::properties::{MergedProperties, MergedProperty};
use crate::diag::Location;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

pub struct Inference<'a> {
    pub acc: &'a mut Acc,
    pub props: &'a mut MergedProperties,
    pub bases: &'a Bases,
    /// Types with rows in some table: never extended from examples.
    pub documented: BTreeSet<String>,
    /// Types with a resource or enum page, and the namespaces they are in.
    with_page: BTreeSet<String>,
    /// Lower-cased name -> the one type with a page of that name (`None`: several).
    with_page_by_lower: BTreeMap<String, Option<String>>,
    namespaces: BTreeSet<String>,
}

impl<'a> Inference<'a> {
    pub fn new(
        acc: &'a mut Acc,
        props: &'a mut MergedProperties,
        bases: &'a Bases,
        documented: BTreeSet<String>,
    ) -> Self {
        let with_page: BTreeSet<String> = acc
            .types
            .iter()
            .filter(|(_, t)| t.resource_page || t.enum_page)
            .map(|(n, _)| n.clone())
            .collect();
        let mut with_page_by_lower: BTreeMap<String, Option<String>> = BTreeMap::new();
        for name in &with_page {
            with_page_by_lower
                .entry(name.to_lowercase())
                .and_modify(|found| *found = None)
                .or_insert_with(|| Some(name.clone()));
        }
        let namespaces = with_page
            .iter()
            .filter_map(|n| n.rsplit_once('.').map(|(ns, _)| ns.to_string()))
            .collect();
        Inference {
            acc,
            props,
            bases,
            documented,
            with_page,
            with_page_by_lower,
            namespaces,
        }
    }

    pub fn run(&mut self, planned: &[PlannedExample]) {
        for example in planned {
            for instance in &example.instances {
                self.walk(
                    &instance.value,
                    &instance.type_name,
                    &example.at,
                    example.area.as_deref(),
                );
            }
        }
    }

    fn walk(&mut self, value: &Value, expected: &str, at: &Location, area: Option<&str>) {
        match value {
            Value::Array(items) => {
                for item in items {
                    self.walk(item, expected, at, area);
                }
            }
            Value::String(s) if !expected.starts_with("Edm.") => {
                let t = self.acc.type_mut(expected);
                if !t.seen_strings.contains(s) {
                    t.seen_strings.push(s.clone());
                }
            }
            Value::Object(map) => {
                let actual = match map.get("@odata.type") {
                    Some(Value::String(s)) => self
                        .resolve_odata_type(&qualify_odata_type(s))
                        .unwrap_or_else(|| expected.to_string()),
                    _ => expected.to_string(),
                };
                if actual.starts_with("Edm.") {
                    return;
                }
                {
                    let t = self.acc.type_mut(&actual);
                    t.seen_as_object = true;
                    t.note_source(at);
                    if let Some(area) = area {
                        t.note_area(3, &at.file, Some(area));
                    }
                }
                let extendable = !self.documented.contains(&actual);
                for (key, member) in map {
                    if key.contains("@odata.") {
                        continue;
                    }
                    match self.lookup(&actual, key) {
                        Some(prop) if !prop.ty.starts_with("Edm.") => {
                            let ty = prop.ty.clone();
                            self.walk(member, &ty, at, area);
                        }
                        Some(_) => {}
                        // A key that is not a name (a GUID, an escaped URL,
                        // `String-value`) is data: the object is a dictionary
                        // of an open type, and the key is no property of it.
                        None if extendable && is_property_name(key) => {
                            let (ty, collection) = value_type(member);
                            self.add_inferred(&actual, key, &ty, collection, at);
                            if !ty.starts_with("Edm.") {
                                self.walk(member, &ty, at, area);
                            }
                        }
                        None => {}
                    }
                }
            }
            _ => {}
        }
    }

    /// The type an `@odata.type` names: a type with a page (case ignored when
    /// exactly one matches), else a new type of a namespace the pages use; a
    /// name in a namespace no page uses (a service's internal class name,
    /// `Microsoft.Education.DataSync.x`) names no Graph type: `None`.
    fn resolve_odata_type(&self, name: &str) -> Option<String> {
        if self.with_page.contains(name) {
            return Some(name.to_string());
        }
        if let Some(found) = self.with_page_by_lower.get(&name.to_lowercase()) {
            return found.clone();
        }
        let namespace = name.rsplit_once('.').map_or("", |(ns, _)| ns);
        (name.starts_with("Edm.") || self.namespaces.contains(namespace)).then(|| name.to_string())
    }

    fn lookup(&self, ty: &str, key: &str) -> Option<&MergedProperty> {
        std::iter::once(ty)
            .chain(ancestors(self.bases, ty))
            .find_map(|t| self.props.by_type.get(t).and_then(|p| p.get(key)))
    }

    fn add_inferred(&mut self, owner: &str, name: &str, ty: &str, collection: bool, at: &Location) {
        let props = self.props.by_type.entry(owner.to_string()).or_default();
        let prop = props
            .entry(name.to_string())
            .or_insert_with(|| MergedProperty {
                name: name.to_string(),
                ty: ty.to_string(),
                collection,
                read_only_hint: false,
                navigation: false,
                description: String::new(),
                sources: BTreeSet::new(),
                inferred: true,
            });
        prop.sources.insert(at.clone());
        if prop.ty != ty {
            prop.ty = widen(&prop.ty, ty);
        }
        prop.collection |= collection;
    }
}

/// An OData property name: a letter or `_`, then letters, digits and `_`.
fn is_property_name(key: &str) -> bool {
    let mut chars = key.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_')
}

/// The type a JSON value suggests.
fn value_type(value: &Value) -> (String, bool) {
    match value {
        Value::Bool(_) => ("Edm.Boolean".into(), false),
        Value::String(_) => ("Edm.String".into(), false),
        Value::Number(n) if n.is_i64() || n.is_u64() => match n.as_i64() {
            Some(i) if i32::try_from(i).is_ok() => ("Edm.Int32".into(), false),
            _ => ("Edm.Int64".into(), false),
        },
        Value::Number(_) => ("Edm.Double".into(), false),
        Value::Object(map) => match map.get("@odata.type") {
            Some(Value::String(s)) => (qualify_odata_type(s), false),
            _ => ("Edm.Untyped".into(), false),
        },
        Value::Array(items) => match items.iter().find(|v| !v.is_null()) {
            Some(first) => (value_type(first).0, true),
            None => ("Edm.Untyped".into(), true),
        },
        Value::Null => ("Edm.Untyped".into(), false),
    }
}

fn widen(a: &str, b: &str) -> String {
    let numeric = |t: &str| match t {
        "Edm.Int32" => Some(0),
        "Edm.Int64" => Some(1),
        "Edm.Double" => Some(2),
        _ => None,
    };
    match (a, b) {
        ("Edm.Untyped", other) | (other, "Edm.Untyped") => other.to_string(),
        _ => match (numeric(a), numeric(b)) {
            (Some(x), Some(y)) => if x >= y { a } else { b }.to_string(),
            _ => "Edm.Untyped".to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_types_follow_the_stated_rule() {
        assert_eq!(value_type(&serde_json::json!("x")).0, "Edm.String");
        assert_eq!(value_type(&serde_json::json!(7)).0, "Edm.Int32");
        assert_eq!(
            value_type(&serde_json::json!(7_000_000_000_i64)).0,
            "Edm.Int64"
        );
        assert_eq!(value_type(&serde_json::json!(4.2)).0, "Edm.Double");
        assert_eq!(
            value_type(&serde_json::json!({"@odata.type": "#microsoft.graph.a"})).0,
            "microsoft.graph.a"
        );
        assert_eq!(
            value_type(&serde_json::json!([null, "a"])),
            ("Edm.String".to_string(), true)
        );
        assert_eq!(widen("Edm.Int32", "Edm.Double"), "Edm.Double");
        assert_eq!(widen("Edm.Untyped", "Edm.String"), "Edm.String");
        assert_eq!(widen("Edm.String", "Edm.Int32"), "Edm.Untyped");
    }

    #[test]
    fn dictionary_keys_are_not_property_names() {
        assert!(is_property_name("displayName"));
        assert!(is_property_name("_score"));
        assert!(is_property_name("category3"));
        assert!(!is_property_name("String-value"));
        assert!(!is_property_name("95e27074-6c4a-447a-aa24-9d718a0b86f"));
        assert!(!is_property_name("http%3A//developer%2Emicrosoft%2Ecom"));
        assert!(!is_property_name("7oTB5aMIAE2rVo-1N-L7RmQAGX2q"));
        assert!(!is_property_name(""));
    }
}

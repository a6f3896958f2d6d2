//! Validate: does an example agree with the schema? Each disagreement is a doc
//! defect with a stable class (its diagnostic code is `example-<class>`):
//!
//! * `value-wrapper`: a single-entity GET response wrapped as `{"value": {...}}`;
//! * `unknown-property`: a member the type (and its ancestors) does not have;
//! * `wrong-type`: a JSON value of the wrong kind for its property's type, or a number out of its type's range
//!   (a string for a number, an object for a string, ...);
//! * `placeholder`: a string that is not a value of its primitive type
//!   (`"String (timestamp)"` for a DateTimeOffset, `"Guid"`, `"binary"`);
//! * `unknown-enum-value`: a string that is not a member of its enum;
//! * `odata-type-mismatch`: an `@odata.type` that is not the expected type or one derived from it.

use super::formats::valid_primitive;
use crate::diag::{Code, Diagnostic};
use crate::schema::examples::{BodyShape, PlannedExample};
use crate::schema::names::qualify_odata_type;
use crate::schema::{Property, Schema, TypeDef, TypeKind, TypeRef};
use rayon::prelude::*;
use serde_json::Value;

/// The kinds of doc defect an example can have (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DefectClass {
    ValueWrapper,
    UnknownProperty,
    WrongType,
    Placeholder,
    UnknownEnumValue,
    OdataTypeMismatch,
}

impl DefectClass {
    /// Every class, in the order of the module docs.
    pub const ALL: [DefectClass; 6] = [
        DefectClass::ValueWrapper,
        DefectClass::UnknownProperty,
        DefectClass::WrongType,
        DefectClass::Placeholder,
        DefectClass::UnknownEnumValue,
        DefectClass::OdataTypeMismatch,
    ];

    /// The class as reports name it: its code without `example-` (`wrong-type`).
    pub fn as_str(self) -> &'static str {
        let code = self.code().as_str();
        code.strip_prefix("example-").unwrap_or(code)
    }

    /// Its diagnostic code (`example-wrong-type`).
    pub fn code(self) -> Code {
        match self {
            DefectClass::ValueWrapper => Code::ExampleValueWrapper,
            DefectClass::UnknownProperty => Code::ExampleUnknownProperty,
            DefectClass::WrongType => Code::ExampleWrongType,
            DefectClass::Placeholder => Code::ExamplePlaceholder,
            DefectClass::UnknownEnumValue => Code::ExampleUnknownEnumValue,
            DefectClass::OdataTypeMismatch => Code::ExampleOdataTypeMismatch,
        }
    }
}

/// One doc defect found in an example.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Defect {
    pub class: DefectClass,
    pub path: String,
    pub message: String,
}

impl Defect {
    pub fn code(&self) -> Code {
        self.class.code()
    }
}

/// Walks example values against the schema.
pub struct Validator<'a> {
    schema: &'a Schema,
}

impl<'a> Validator<'a> {
    pub fn new(schema: &'a Schema) -> Self {
        Validator { schema }
    }

    /// `def` is `base` or derives from it (walking `base` links, cycles cut).
    fn derives_from(&self, def: &TypeDef, base: &str) -> bool {
        let mut current = Some(def);
        let mut hops = 0;
        while let Some(d) = current {
            if d.name == base {
                return true;
            }
            hops += 1;
            current = d
                .base
                .as_deref()
                .and_then(|b| self.schema.type_def(b))
                .filter(|_| hops < 64);
        }
        false
    }

    /// All defects of one planned example.
    pub fn defects(&self, example: &PlannedExample) -> Vec<Defect> {
        let mut out = Vec::new();
        if example.shape == BodyShape::ValueWrapped {
            out.push(Defect {
                class: DefectClass::ValueWrapper,
                path: "$".into(),
                message: "a single entity is wrapped as `{\"value\": {...}}`; the response body should be the entity itself".into(),
            });
        }
        for instance in &example.instances {
            self.value(
                &instance.value,
                &TypeRef::parse(&instance.type_name),
                instance.collection,
                &instance.path,
                &mut out,
            );
        }
        for key in &example.unknown_parameters {
            out.push(Defect {
                class: DefectClass::UnknownProperty,
                path: format!("$.{key}"),
                message: format!("`{key}` is not a documented parameter of the action"),
            });
        }
        out
    }

    fn value(
        &self,
        value: &Value,
        ty: &TypeRef,
        collection: bool,
        path: &str,
        out: &mut Vec<Defect>,
    ) {
        if value.is_null() {
            return;
        }
        if collection {
            match value {
                Value::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        self.value(item, ty, false, &format!("{path}[{i}]"), out);
                    }
                }
                other => out.push(wrong_type(path, &format!("{ty} collection"), other)),
            }
            return;
        }
        let named = match ty {
            TypeRef::Named(n) => n,
            TypeRef::Primitive(_) => {
                if let Err(defect) = valid_primitive(ty.as_str(), value) {
                    out.push(Defect {
                        class: defect.0,
                        path: path.into(),
                        message: defect.1,
                    });
                }
                return;
            }
        };
        let Some(def) = self.schema.type_def(named) else {
            return;
        };
        match def.kind {
            TypeKind::Enum => self.enum_value(def, value, path, out),
            TypeKind::Entity | TypeKind::Complex => self.object(def, value, path, out),
        }
    }

    fn enum_value(&self, def: &TypeDef, value: &Value, path: &str, out: &mut Vec<Defect>) {
        let Value::String(s) = value else {
            out.push(wrong_type(path, &def.name, value));
            return;
        };
        let parts: Vec<&str> = if def.flags {
            s.split(',').map(str::trim).collect()
        } else {
            vec![s.as_str()]
        };
        for part in parts {
            if !def.members.iter().any(|m| m.name == part) {
                out.push(Defect {
                    class: DefectClass::UnknownEnumValue,
                    path: path.into(),
                    message: format!("`{part}` is not a member of `{}`", def.name),
                });
            }
        }
    }

    fn object(&self, def: &TypeDef, value: &Value, path: &str, out: &mut Vec<Defect>) {
        let Value::Object(map) = value else {
            out.push(wrong_type(path, &def.name, value));
            return;
        };
        let mut actual = def;
        if let Some(Value::String(t)) = map.get("@odata.type") {
            let named = qualify_odata_type(t);
            match self.schema.type_def(&named) {
                Some(d) if self.derives_from(d, &def.name) => actual = d,
                _ => out.push(Defect {
                    class: DefectClass::OdataTypeMismatch,
                    path: path.into(),
                    message: format!(
                        "`@odata.type` `{t}` is not `{}` or a type derived from it",
                        def.name
                    ),
                }),
            }
        }
        for (key, member) in map {
            if key.starts_with('@') || key.contains("@odata.") {
                continue;
            }
            match self.property(actual, key) {
                Some(p) => self.value(member, &p.ty, p.collection, &format!("{path}.{key}"), out),
                None => out.push(Defect {
                    class: DefectClass::UnknownProperty,
                    path: format!("{path}.{key}"),
                    message: format!("`{key}` is not a property of `{}`", actual.name),
                }),
            }
        }
    }

    fn property(&self, def: &'a TypeDef, key: &str) -> Option<&'a Property> {
        let mut current = Some(def);
        let mut hops = 0;
        while let Some(d) = current {
            if let Some(p) = d.properties.iter().find(|p| p.name == key) {
                return Some(p);
            }
            hops += 1;
            current = d
                .base
                .as_deref()
                .and_then(|b| self.schema.type_def(b))
                .filter(|_| hops < 64);
        }
        None
    }
}

fn wrong_type(path: &str, expected: &str, got: &Value) -> Defect {
    let kind = match got {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    };
    Defect {
        class: DefectClass::WrongType,
        path: path.into(),
        message: format!("expected `{expected}`, found {kind}"),
    }
}

/// Turns the defects of every planned example into diagnostics (one per defect).
pub fn example_diagnostics(schema: &Schema, planned: &[PlannedExample]) -> Vec<Diagnostic> {
    let validator = Validator::new(schema);
    let mut out: Vec<Diagnostic> = planned
        .par_iter()
        .flat_map_iter(|example| {
            validator.defects(example).into_iter().map(move |d| {
                Diagnostic::warning(d.code(), &example.at, format!("{}: {}", d.path, d.message))
                    .with_help(
                        "fix the example in the docs (the generated types still keep the value)",
                    )
            })
        })
        .collect();
    // The other direction, for a resource page's JSON representation: the
    // properties its tables list (own and inherited, navigation excepted) that
    // the block does not show.
    for example in planned
        .iter()
        .filter(|e| e.kind == crate::facts::ExampleKind::Resource)
    {
        for instance in example.instances.iter().filter(|i| i.path == "$") {
            let (Some(def), Value::Object(map)) =
                (schema.type_def(&instance.type_name), &instance.value)
            else {
                continue;
            };
            let mut missing: Vec<&str> = Vec::new();
            let mut current = Some(def);
            let mut hops = 0;
            while let Some(d) = current {
                missing.extend(
                    d.properties
                        .iter()
                        .filter(|p| !p.navigation && !p.inferred && !map.contains_key(&p.name))
                        .map(|p| p.name.as_str()),
                );
                hops += 1;
                current = d
                    .base
                    .as_deref()
                    .and_then(|b| schema.type_def(b))
                    .filter(|_| hops < 64);
            }
            if !missing.is_empty() {
                let shown: Vec<String> = missing.iter().take(8).map(|n| format!("`{n}`")).collect();
                let more = if missing.len() > 8 {
                    format!(" and {} more", missing.len() - 8)
                } else {
                    String::new()
                };
                out.push(
                    Diagnostic::note(
                        Code::ResourceJsonMissing,
                        &example.at,
                        format!(
                            "the JSON representation of `{}` does not show {} of the properties its tables list: {}{more}",
                            def.name,
                            missing.len(),
                            shown.join(", ")
                        ),
                    )
                    .with_help("add the properties to the JSON representation block"),
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::DefectClass;

    /// Each class has its own `example-*` code, so reports tell the classes apart.
    #[test]
    fn every_class_has_its_own_example_code() {
        let mut seen = std::collections::BTreeSet::new();
        for class in DefectClass::ALL {
            assert!(class.code().as_str().starts_with("example-"), "{class:?}");
            assert!(seen.insert(class.as_str()), "{class:?} shares its code");
        }
    }
}

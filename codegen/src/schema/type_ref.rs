//! Type names and type references as data.
//!
//! A [`TypeName`] is namespace-qualified (`microsoft.graph.callRecords.session`:
//! namespace `microsoft.graph.callRecords`, name `session`); a [`TypeRef`] is what
//! a property, parameter or body is typed with: an `Edm` primitive or a named type.
//! In schema JSON (v2) both are objects (`{"namespace": .., "name": ..}`,
//! `{"kind": "primitive", "name": "String"}`); in v1 and in messages, the dotted
//! string (`Edm.String`, `microsoft.graph.user`).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Borrow;
use std::fmt;

/// The namespace of the OData primitive types.
pub const EDM: &str = "Edm";

/// A namespace-qualified type name. Ordered, hashed and compared as its dotted
/// string, so that a list sorted by it is sorted as the schema always was, and a
/// map keyed by it can be looked up with a `&str`.
#[derive(Clone)]
pub struct TypeName {
    qualified: String,
    /// Byte index of the dot before the name (0 and no dot when the namespace is empty).
    dot: usize,
}

impl TypeName {
    pub fn new(namespace: &str, name: &str) -> TypeName {
        if namespace.is_empty() {
            return TypeName {
                qualified: name.to_string(),
                dot: 0,
            };
        }
        TypeName {
            qualified: format!("{namespace}.{name}"),
            dot: namespace.len(),
        }
    }

    /// Splits a dotted name at its last dot: `microsoft.graph.user` -> (`microsoft.graph`, `user`).
    /// A name without a dot has an empty namespace (validation reports it unresolved).
    pub fn parse(qualified: &str) -> TypeName {
        match qualified.rfind('.') {
            Some(dot) => TypeName {
                qualified: qualified.to_string(),
                dot,
            },
            None => TypeName::new("", qualified),
        }
    }

    /// The dotted string: `microsoft.graph.user`.
    pub fn as_str(&self) -> &str {
        &self.qualified
    }

    pub fn namespace(&self) -> &str {
        &self.qualified[..self.dot]
    }

    pub fn name(&self) -> &str {
        if self.dot == 0 && !self.qualified.starts_with('.') {
            &self.qualified
        } else {
            &self.qualified[self.dot + 1..]
        }
    }
}

impl PartialEq for TypeName {
    fn eq(&self, other: &Self) -> bool {
        self.qualified == other.qualified
    }
}
impl Eq for TypeName {}
impl PartialOrd for TypeName {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for TypeName {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.qualified.cmp(&other.qualified)
    }
}
impl std::hash::Hash for TypeName {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.qualified.hash(state)
    }
}
/// A name reads as its dotted string wherever a `&str` is wanted (lookups, messages).
impl std::ops::Deref for TypeName {
    type Target = str;
    fn deref(&self) -> &str {
        &self.qualified
    }
}
impl Borrow<str> for TypeName {
    fn borrow(&self) -> &str {
        &self.qualified
    }
}
impl PartialEq<str> for TypeName {
    fn eq(&self, other: &str) -> bool {
        self.qualified == other
    }
}
impl PartialEq<&str> for TypeName {
    fn eq(&self, other: &&str) -> bool {
        self.qualified == *other
    }
}
impl fmt::Display for TypeName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.qualified)
    }
}
impl fmt::Debug for TypeName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.qualified, f)
    }
}

#[derive(Serialize, Deserialize)]
struct TypeNameJson<'a> {
    #[serde(borrow)]
    namespace: std::borrow::Cow<'a, str>,
    #[serde(borrow)]
    name: std::borrow::Cow<'a, str>,
}

impl Serialize for TypeName {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        TypeNameJson {
            namespace: self.namespace().into(),
            name: self.name().into(),
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for TypeName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let json = TypeNameJson::deserialize(deserializer)?;
        Ok(TypeName::new(&json.namespace, &json.name))
    }
}

/// An OData primitive (`Edm.String`, `Edm.DateTimeOffset`, `Edm.Untyped`).
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Primitive {
    dotted: String,
}

impl Primitive {
    pub fn new(name: &str) -> Primitive {
        Primitive {
            dotted: format!("{EDM}.{name}"),
        }
    }

    /// The name without `Edm.`: `String`.
    pub fn name(&self) -> &str {
        &self.dotted[EDM.len() + 1..]
    }
}

/// What a property, parameter or body is typed with.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TypeRef {
    Primitive(Primitive),
    /// A type of the schema (or one validation reports unresolved).
    Named(TypeName),
}

impl TypeRef {
    /// Reads the dotted spelling: `Edm.String` is a primitive, anything else a named type.
    pub fn parse(dotted: &str) -> TypeRef {
        match dotted.strip_prefix("Edm.") {
            Some(primitive) => TypeRef::Primitive(Primitive::new(primitive)),
            None => TypeRef::Named(TypeName::parse(dotted)),
        }
    }

    pub fn primitive(name: &str) -> TypeRef {
        TypeRef::Primitive(Primitive::new(name))
    }

    /// The primitive's name without `Edm.` (`String`), or None for a named type.
    pub fn as_primitive(&self) -> Option<&str> {
        match self {
            TypeRef::Primitive(p) => Some(p.name()),
            TypeRef::Named(_) => None,
        }
    }

    pub fn as_named(&self) -> Option<&TypeName> {
        match self {
            TypeRef::Named(n) => Some(n),
            TypeRef::Primitive(_) => None,
        }
    }

    pub fn is_primitive(&self) -> bool {
        matches!(self, TypeRef::Primitive(_))
    }

    /// The dotted spelling (`Edm.String`, `microsoft.graph.user`): schema v1's, messages',
    /// and the key to look a named type up by.
    pub fn as_str(&self) -> &str {
        match self {
            TypeRef::Primitive(p) => &p.dotted,
            TypeRef::Named(n) => n.as_str(),
        }
    }
}

impl fmt::Display for TypeRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for TypeRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.to_string(), f)
    }
}

#[derive(Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
enum TypeRefJson {
    Primitive { name: String },
    Named { namespace: String, name: String },
}

impl Serialize for TypeRef {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            TypeRef::Primitive(p) => TypeRefJson::Primitive {
                name: p.name().to_string(),
            },
            TypeRef::Named(n) => TypeRefJson::Named {
                namespace: n.namespace().to_string(),
                name: n.name().to_string(),
            },
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for TypeRef {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match TypeRefJson::deserialize(deserializer)? {
            TypeRefJson::Primitive { name } => TypeRef::primitive(&name),
            TypeRefJson::Named { namespace, name } => {
                TypeRef::Named(TypeName::new(&namespace, &name))
            }
        })
    }
}

impl From<&str> for TypeName {
    fn from(qualified: &str) -> TypeName {
        TypeName::parse(qualified)
    }
}

impl From<&str> for TypeRef {
    fn from(dotted: &str) -> TypeRef {
        TypeRef::parse(dotted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_at_the_last_dot_and_order_as_their_dotted_string() {
        let session = TypeName::parse("microsoft.graph.callRecords.session");
        assert_eq!(session.namespace(), "microsoft.graph.callRecords");
        assert_eq!(session.name(), "session");
        let bare = TypeName::parse("session");
        assert_eq!((bare.namespace(), bare.name()), ("", "session"));
        // `callRecords.session` sorts before `zebra` as strings do, not by namespace first.
        assert!(session < TypeName::parse("microsoft.graph.zebra"));
        let set: std::collections::BTreeSet<TypeName> = [session.clone()].into();
        assert!(set.contains("microsoft.graph.callRecords.session"));
    }

    #[test]
    fn type_refs_read_and_write_as_data_and_as_dotted_strings() {
        for dotted in [
            "Edm.String",
            "microsoft.graph.user",
            "microsoft.graph.ediscovery.case",
        ] {
            let r = TypeRef::parse(dotted);
            assert_eq!(r.to_string(), dotted);
            let json = serde_json::to_string(&r).unwrap();
            assert_eq!(serde_json::from_str::<TypeRef>(&json).unwrap(), r);
        }
        assert_eq!(
            serde_json::to_value(TypeRef::parse("Edm.Int32")).unwrap(),
            serde_json::json!({"kind": "primitive", "name": "Int32"})
        );
        assert_eq!(
            serde_json::to_value(TypeRef::parse("microsoft.graph.ediscovery.case")).unwrap(),
            serde_json::json!({"kind": "named", "namespace": "microsoft.graph.ediscovery", "name": "case"})
        );
        assert_eq!(TypeRef::parse("Edm.Guid").as_primitive(), Some("Guid"));
        assert!(TypeRef::parse("microsoft.graph.x").as_named().is_some());
    }
}

//! Runtime support shared by the generated types: object keys, the `Object`
//! trait, explicit nulls and unknown members, enum and flags (de)serialization. How the types'
//! member code reaches serde without being generic is in `support/wire.rs`.
//!
//! This file is copied verbatim from graph-docgen's templates.

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::marker::PhantomData;
use std::mem::ManuallyDrop;

mod wire;
pub use wire::*;

/// A JSON object key, borrowed from the input when the input allows it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key<'de>(pub Cow<'de, str>);

impl Key<'_> {
    /// The key text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The key as an owned string.
    pub fn into_string(self) -> String {
        self.0.into_owned()
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(StrVisitor("an object key"))
    }
}

/// Reads a string as a `Key`; the one string visitor of this crate, so that
/// it is compiled once per deserializer. Holds what `expecting` says.
struct StrVisitor(&'static str);

impl<'de> Visitor<'de> for StrVisitor {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Borrowed(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(v.to_owned())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(v)))
    }
}

/// What [`Object::read_property`] made of a member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Member {
    /// Not one of the type's properties (its value is not read).
    Unknown,
    /// A property with a value.
    Value,
    /// A property sent as an explicit `null`.
    Null,
}

/// The wire names of the properties an object holds as an explicit JSON `null`, apart
/// from the absent ones (both are `None` in their fields): filled by the deserializer and
/// by [`Object::clear`], written back as `null` while the field stays `None`.
///
/// Dropped without unwinding, as [`AdditionalProperties`] is (and for the same reason).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Nulls(ManuallyDrop<BTreeSet<String>>);

impl Drop for Nulls {
    #[inline]
    fn drop(&mut self) {
        drop_set(&mut self.0);
    }
}

impl fmt::Debug for Nulls {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Nulls").field(&*self.0).finish()
    }
}

impl Nulls {
    /// Whether `wire` is held as an explicit `null`.
    pub fn contains(&self, wire: &str) -> bool {
        !self.0.is_empty() && self.0.contains(wire)
    }

    /// Holds `wire` as an explicit `null`.
    pub fn insert(&mut self, wire: impl Into<String>) {
        self.0.insert(wire.into());
    }

    /// No longer sends `wire` as `null` (an absent member again when its field is `None`).
    pub fn remove(&mut self, wire: &str) {
        self.0.remove(wire);
    }

    /// The wire names, sorted.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }
}

/// The members of a JSON object that its type does not know, by name, kept so that they
/// serialize back unchanged: a `BTreeMap<String, serde_json::Value>` (it derefs to one,
/// and converts from and into one) that is dropped without unwinding.
///
/// Why not the map itself: as far as the compiler knows, dropping a `BTreeMap` may
/// unwind, so the drop glue of every generated type, and every assignment to one of its
/// fields, carried landing pads and unwind tables for it. A program that reads 50 of the
/// reference's types shipped 0.9 MB of them. This map is dropped behind an `extern "C"`
/// function, which cannot unwind (a panic while dropping a JSON value would abort).
#[derive(Clone, Default, PartialEq)]
pub struct AdditionalProperties(ManuallyDrop<BTreeMap<String, serde_json::Value>>);

impl AdditionalProperties {
    /// An empty map.
    pub const fn new() -> Self {
        AdditionalProperties(ManuallyDrop::new(BTreeMap::new()))
    }

    /// The map.
    pub fn into_inner(mut self) -> BTreeMap<String, serde_json::Value> {
        std::mem::take(&mut *self.0)
    }
}

impl Drop for AdditionalProperties {
    #[inline]
    fn drop(&mut self) {
        drop_map(&mut self.0);
    }
}

/// Drops the map behind the C ABI: calls to it cannot unwind, so their callers need no
/// landing pad. Not generic, so that it is compiled once, here.
#[allow(improper_ctypes_definitions)] // never called from C: the ABI is for its `nounwind`
extern "C" fn drop_map(map: &mut BTreeMap<String, serde_json::Value>) {
    drop(std::mem::take(map));
}

/// [`drop_map`] of [`Nulls`].
#[allow(improper_ctypes_definitions)] // never called from C: the ABI is for its `nounwind`
extern "C" fn drop_set(set: &mut BTreeSet<String>) {
    drop(std::mem::take(set));
}

impl std::ops::Deref for AdditionalProperties {
    type Target = BTreeMap<String, serde_json::Value>;

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl std::ops::DerefMut for AdditionalProperties {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}

impl fmt::Debug for AdditionalProperties {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl From<BTreeMap<String, serde_json::Value>> for AdditionalProperties {
    fn from(map: BTreeMap<String, serde_json::Value>) -> Self {
        AdditionalProperties(ManuallyDrop::new(map))
    }
}

impl From<AdditionalProperties> for BTreeMap<String, serde_json::Value> {
    fn from(properties: AdditionalProperties) -> Self {
        properties.into_inner()
    }
}

impl FromIterator<(String, serde_json::Value)> for AdditionalProperties {
    fn from_iter<I: IntoIterator<Item = (String, serde_json::Value)>>(iter: I) -> Self {
        BTreeMap::from_iter(iter).into()
    }
}

impl Extend<(String, serde_json::Value)> for AdditionalProperties {
    fn extend<I: IntoIterator<Item = (String, serde_json::Value)>>(&mut self, iter: I) {
        self.0.extend(iter);
    }
}

impl IntoIterator for AdditionalProperties {
    type Item = (String, serde_json::Value);
    type IntoIter = std::collections::btree_map::IntoIter<String, serde_json::Value>;

    fn into_iter(self) -> Self::IntoIter {
        self.into_inner().into_iter()
    }
}

impl<'a> IntoIterator for &'a AdditionalProperties {
    type Item = (&'a String, &'a serde_json::Value);
    type IntoIter = std::collections::btree_map::Iter<'a, String, serde_json::Value>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<'a> IntoIterator for &'a mut AdditionalProperties {
    type Item = (&'a String, &'a mut serde_json::Value);
    type IntoIter = std::collections::btree_map::IterMut<'a, String, serde_json::Value>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter_mut()
    }
}

impl Serialize for AdditionalProperties {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for AdditionalProperties {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        BTreeMap::deserialize(deserializer).map(Self::from)
    }
}

/// A property of the generated type `T` (`User::OFFICE_LOCATION`), to [`Object::clear`] it.
pub struct Field<T> {
    wire: &'static str,
    of: PhantomData<fn() -> T>,
}

impl<T> Field<T> {
    /// The property with this wire name.
    pub const fn new(wire: &'static str) -> Self {
        Field { wire, of: PhantomData }
    }

    /// The wire name (`officeLocation`).
    pub const fn wire(&self) -> &'static str {
        self.wire
    }
}

impl<T> Clone for Field<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Field<T> {}

impl<T> fmt::Debug for Field<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Field({})", self.wire)
    }
}

/// `Self` has the properties of `T`: `T` itself or one of its base types, so that
/// `profile.clear(DeviceConfiguration::DISPLAY_NAME)` type-checks on a derived type.
pub trait Inherits<T> {}

impl<T: Object> Inherits<T> for T {}

/// A generated object type (a complex or entity type of the schema, or an `AnyX`).
///
/// Its methods are not generic, so that a type's member code is compiled once, in
/// this crate (see `support/wire.rs`), and the trait can be used as `dyn Object`.
/// They are few on purpose: each is one more function a type's crate compiles, for
/// every one of thousands of types (what the root of a chain holds is reached through
/// [`Object::held`] and [`Object::held_mut`], not one accessor each).
pub trait Object {
    /// Reads the value of the property `key` from `value` when the type knows the
    /// property; [`Member::Unknown`] (without reading the value) when it does not.
    fn read_property<'de>(&mut self, key: &str, value: &mut dyn ValueReader<'de>) -> Result<Member, Stop>;

    /// Writes the known properties that are set (the base's first) into `map`, and
    /// `null` for those held as explicit nulls.
    fn write_properties(&self, map: &mut dyn PropertyWriter) -> Result<(), Stop>;

    /// The type's schema name, and what the root of its inheritance chain holds.
    fn held(&self) -> Held<'_>;

    /// What the root of the inheritance chain holds, to change it.
    fn held_mut(&mut self) -> HeldMut<'_>;

    /// The qualified schema name, for error messages.
    fn schema_name(&self) -> &'static str {
        self.held().schema_name
    }

    /// Sets the property to `None` and sends it as an explicit `null` (what clears it
    /// in a PATCH); setting the field to a value later sends the value.
    fn clear<T>(&mut self, field: Field<T>)
    where
        Self: Inherits<T> + Sized,
    {
        let mut null = wire::Reader::new(de::value::UnitDeserializer::<de::value::Error>::new());
        if let Ok(Member::Null) = self.read_property(field.wire, &mut null) {
            self.held_mut().nulls.insert(field.wire);
        }
    }
}

/// An object's schema name and what the root of its inheritance chain holds ([`Object::held`]).
#[derive(Debug, Clone, Copy)]
pub struct Held<'a> {
    /// The qualified schema name (`microsoft.graph.user`; an `AnyX` gives its base's).
    pub schema_name: &'static str,
    /// The properties the schema does not know, kept so they serialize back unchanged.
    pub additional_properties: &'a BTreeMap<String, serde_json::Value>,
    /// The properties held as explicit `null`s.
    pub nulls: &'a Nulls,
}

/// What the root of an object's inheritance chain holds, to change ([`Object::held_mut`]).
#[derive(Debug)]
pub struct HeldMut<'a> {
    /// The `@odata.type` annotation.
    pub odata_type: &'a mut Option<String>,
    /// The properties the schema does not know, for the deserializer to fill.
    pub additional_properties: &'a mut BTreeMap<String, serde_json::Value>,
    /// The properties held as explicit `null`s.
    pub nulls: &'a mut Nulls,
}

/// A generated `AnyX` enum: a type or one derived from it, chosen by `@odata.type`.
pub trait Polymorphic: Object + Default {
    /// An empty value of the variant named by `odata_type` (qualified, without
    /// `#`); the base variant when the name is unknown.
    fn for_odata_type(odata_type: &str) -> Self;

    /// The whole value from buffered JSON (when `@odata.type` is not the first member).
    fn from_json(value: serde_json::Value) -> Result<Self, serde_json::Error>;
}

// What follows is shared by the visitors of `wire`: generic over the
// deserializer only and kept out of line, so they are compiled once per deserializer.

/// The `expecting` text of an object visitor.
#[inline(never)]
fn expecting_object(f: &mut fmt::Formatter<'_>, schema_name: &str) -> fmt::Result {
    write!(f, "a {schema_name} object")
}

/// The next key of an object, borrowed from the input when it can be.
#[inline(never)]
fn next_key<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Option<Key<'de>>, A::Error> {
    map.next_key::<Key<'de>>()
}

/// The value of `@odata.type`.
#[inline(never)]
fn next_tag<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Option<String>, A::Error> {
    map.next_value()
}

/// The rest of an object whose first key is `first`, as JSON.
#[inline(never)]
fn buffer_object<'de, A: MapAccess<'de>>(
    first: Key<'de>,
    map: &mut A,
) -> Result<serde_json::Value, A::Error> {
    let mut buffered = serde_json::Map::new();
    let value = map.next_value::<serde_json::Value>()?;
    buffered.insert(first.into_string(), value);
    while let Some(key) = map.next_key::<String>()? {
        let value = map.next_value::<serde_json::Value>()?;
        buffered.insert(key, value);
    }
    Ok(serde_json::Value::Object(buffered))
}

/// Serializes the additional properties of an object into `map` (out of
/// line: it is the same for every type).
#[inline(never)]
pub fn serialize_additional<M: SerializeMap>(
    map: &mut M,
    properties: &BTreeMap<String, serde_json::Value>,
) -> Result<(), M::Error> {
    properties
        .iter()
        .try_for_each(|(k, v)| map.serialize_entry(k, v))
}

/// The `@odata.type` of a JSON object, without a leading `#`.
pub fn odata_type(value: &serde_json::Value) -> Option<&str> {
    let tag = value.get("@odata.type")?.as_str()?;
    Some(tag.strip_prefix('#').unwrap_or(tag))
}

/// Deserializes a boxed `T` out of a JSON value, mapping the error into `E`.
pub fn from_value<T: de::DeserializeOwned, E: de::Error>(
    value: serde_json::Value,
) -> Result<Box<T>, E> {
    serde_json::from_value(value)
        .map(Box::new)
        .map_err(E::custom)
}

/// A generated enum: its members are strings on the wire.
pub trait EnumMember: Sized {
    /// The wire name of the member.
    fn as_str(&self) -> &str;

    /// The member with the wire name `s` (an unknown name is kept as it is).
    fn from_wire(s: &str) -> Self;
}

/// Serializes an enum member as its wire name.
pub fn serialize_enum<T: EnumMember, S: Serializer>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(value.as_str())
}

/// Deserializes an enum member from its wire name. The string is read by
/// one visitor shared by every enum (borrowed from the input when it can be),
/// so each enum adds only its `from_wire` lookup, which is not generic.
pub fn deserialize_enum<'de, T: EnumMember, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    let name = wire_name(deserializer)?;
    Ok(T::from_wire(name.as_str()))
}

#[inline(never)]
fn wire_name<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Key<'de>, D::Error> {
    deserializer.deserialize_str(StrVisitor("an enum member name"))
}

/// A set of flags-enum members, sent as one comma-separated string
/// (`"keyEncipherment,digitalSignature"`). A set read as `"a, b"` (a space after
/// each comma, as .NET writes flags) is written back the same way.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Flags<T> {
    /// The members, in the order sent.
    pub members: Vec<T>,
    /// Whether a space follows each comma on the wire (`"a, b"`).
    pub spaced: bool,
}

impl<T> Default for Flags<T> {
    fn default() -> Self {
        Flags::new(Vec::new())
    }
}

impl<T> Flags<T> {
    /// The set of `members`, written `"a,b"`.
    pub fn new(members: Vec<T>) -> Self {
        Flags {
            members,
            spaced: false,
        }
    }
}

impl<T: EnumMember + PartialEq> Flags<T> {
    /// Whether `member` is in the set.
    pub fn contains(&self, member: &T) -> bool {
        self.members.contains(member)
    }
}

impl<T: EnumMember> fmt::Display for Flags<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let separator = if self.spaced { ", " } else { "," };
        for (i, member) in self.members.iter().enumerate() {
            if i > 0 {
                f.write_str(separator)?;
            }
            f.write_str(member.as_str())?;
        }
        Ok(())
    }
}

impl<T: EnumMember> From<&str> for Flags<T> {
    fn from(s: &str) -> Self {
        Flags {
            members: s
                .split(',')
                .map(str::trim)
                .filter(|m| !m.is_empty())
                .map(T::from_wire)
                .collect(),
            spaced: s.contains(", "),
        }
    }
}

impl<T: EnumMember> Serialize for Flags<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de, T: EnumMember> Deserialize<'de> for Flags<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let names = deserializer.deserialize_str(StrVisitor(
            "a comma-separated list of enum member names",
        ))?;
        Ok(Flags::from(names.as_str()))
    }
}

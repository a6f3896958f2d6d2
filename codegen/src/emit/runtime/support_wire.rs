//! The one bridge between serde's generic traits and the generated types'
//! member code, which is not generic.
//!
//! Serde's `Deserialize` and `Serialize` are generic over the (de)serializer, so
//! code written against them is compiled again in every crate and for every
//! (de)serializer that uses it. Here the generated types read and write their
//! members through two object-safe traits, [`ValueReader`] and [`ValueWriter`],
//! whose methods are the JSON shapes Graph's values take (a string, a number, an
//! object, an array, ...). Each type's member code is compiled once, in this
//! crate; only the adapters below (`Reader<D>`, `Writer<S>`) are compiled per
//! (de)serializer, once for all types. Unlike a fully erased data model, no
//! value is boxed on the way: each leaf is one virtual call.
//!
//! This file is copied verbatim from graph-docgen's templates.

use super::{buffer_object, expecting_object, next_key, next_tag, Key, Member, Object, StrVisitor};
use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{self, Serialize, SerializeMap, SerializeSeq, Serializer};
use std::fmt;
use std::marker::PhantomData;

/// A read or write stopped on an error of the (de)serializer. The error itself is
/// kept by the adapter that knows its type and is returned from there.
#[derive(Debug)]
pub struct Stop(());

/// A value of a generated type's field, read and written without naming the
/// (de)serializer: primitives, `edm` strings, enums, flags, objects, `AnyX`,
/// `serde_json::Value`, and `Vec`s of those (a boxed field is read and written through
/// [`read_boxed_field`] and [`serialize_boxed_field`]).
pub trait Wire {
    /// Reads the value; `None` for an explicit JSON `null`.
    fn read<'de>(reader: &mut dyn ValueReader<'de>) -> Result<Option<Self>, Stop>
    where
        Self: Sized;

    /// Writes the value.
    fn write(&self, writer: &mut dyn ValueWriter) -> Result<(), Stop>;

    /// Reads an array element, which may not be `null` (but as a `serde_json::Value`).
    fn read_element<'de>(reader: &mut dyn ValueReader<'de>) -> Result<Self, Stop>
    where
        Self: Sized,
    {
        match Self::read(reader)? {
            Some(value) => Ok(value),
            None => Err(reader.null_element()),
        }
    }

    /// Reads the value into `field` ([`read_field`]): an explicit `null` leaves `None`.
    fn read_into<'de>(reader: &mut dyn ValueReader<'de>, field: &mut Option<Self>) -> Result<Member, Stop>
    where
        Self: Sized,
    {
        let value = Self::read(reader)?;
        Ok(store(field, value))
    }
}

/// One value of the input, to be read once in one of its shapes.
pub trait ValueReader<'de> {
    /// A string, or `None` for `null`.
    fn string(&mut self) -> Result<Option<String>, Stop>;
    /// A boolean, or `None` for `null`.
    fn boolean(&mut self) -> Result<Option<bool>, Stop>;
    /// An `i8`, or `None` for `null`.
    fn int8(&mut self) -> Result<Option<i8>, Stop>;
    /// An `i16`, or `None` for `null`.
    fn int16(&mut self) -> Result<Option<i16>, Stop>;
    /// An `i32`, or `None` for `null`.
    fn int32(&mut self) -> Result<Option<i32>, Stop>;
    /// An `i64`, or `None` for `null`.
    fn int64(&mut self) -> Result<Option<i64>, Stop>;
    /// A `u8`, or `None` for `null`.
    fn uint8(&mut self) -> Result<Option<u8>, Stop>;
    /// An `f64`, or `None` for `null`.
    fn float64(&mut self) -> Result<Option<f64>, Stop>;
    /// Any JSON value (`null` is `Value::Null`).
    fn json(&mut self) -> Result<serde_json::Value, Stop>;
    /// An enum member's or flags set's wire text, or `None` for `null`.
    fn name(&mut self) -> Result<Option<Key<'de>>, Stop>;
    /// An object, read into `out`; `false` for `null`.
    fn object(&mut self, out: &mut dyn Object) -> Result<bool, Stop>;
    /// An object of a polymorphic family, its variant chosen by `@odata.type`; `false` for `null`.
    fn polymorphic(&mut self, out: &mut dyn Dispatch) -> Result<bool, Stop>;
    /// An array, each element handed to `each`; `false` for `null`.
    fn seq(&mut self, each: &mut dyn FnMut(&mut dyn ValueReader<'de>) -> Result<(), Stop>) -> Result<bool, Stop>;
    /// The error for a `null` element of an array whose elements are not optional.
    fn null_element(&mut self) -> Stop;
}

/// The place one value is written to, once.
pub trait ValueWriter {
    /// Writes a string.
    fn string(&mut self, v: &str) -> Result<(), Stop>;
    /// Writes a boolean.
    fn boolean(&mut self, v: bool) -> Result<(), Stop>;
    /// Writes an `i8`.
    fn int8(&mut self, v: i8) -> Result<(), Stop>;
    /// Writes an `i16`.
    fn int16(&mut self, v: i16) -> Result<(), Stop>;
    /// Writes an `i32`.
    fn int32(&mut self, v: i32) -> Result<(), Stop>;
    /// Writes an `i64`.
    fn int64(&mut self, v: i64) -> Result<(), Stop>;
    /// Writes a `u8`.
    fn uint8(&mut self, v: u8) -> Result<(), Stop>;
    /// Writes an `f64`.
    fn float64(&mut self, v: f64) -> Result<(), Stop>;
    /// Writes any JSON value.
    fn json(&mut self, v: &serde_json::Value) -> Result<(), Stop>;
    /// Writes an object: its known properties, then its unknown ones.
    fn object(&mut self, v: &dyn Object) -> Result<(), Stop>;
    /// Writes an array.
    fn seq(&mut self, items: &mut dyn ExactSizeIterator<Item = &dyn Wire>) -> Result<(), Stop>;
}

/// The members of the object being written.
pub trait PropertyWriter {
    /// Writes `key: value`.
    fn entry(&mut self, key: &str, value: &dyn Wire) -> Result<(), Stop>;
    /// Writes `key: null`.
    fn null_entry(&mut self, key: &str) -> Result<(), Stop>;
}

/// A generated `AnyX` enum behind a pointer: what the polymorphic reader fills.
pub trait Dispatch {
    /// Becomes an empty value of the variant named by `odata_type` (qualified, without `#`).
    fn select(&mut self, odata_type: &str);
    /// Becomes the value buffered in `value` (when `@odata.type` was not the first member).
    fn fill_from_json(&mut self, value: serde_json::Value) -> Result<(), serde_json::Error>;
    /// The chosen variant, to read the members into.
    fn object_mut(&mut self) -> &mut dyn Object;
    /// The qualified schema name, for error messages.
    fn family_name(&self) -> &'static str;
}

impl<T: super::Polymorphic> Dispatch for T {
    fn select(&mut self, odata_type: &str) {
        *self = T::for_odata_type(odata_type);
    }

    fn fill_from_json(&mut self, value: serde_json::Value) -> Result<(), serde_json::Error> {
        *self = T::from_json(value)?;
        Ok(())
    }

    fn object_mut(&mut self) -> &mut dyn Object {
        self
    }

    fn family_name(&self) -> &'static str {
        self.schema_name()
    }
}

// ---- Reading ----

/// Deserializes a generated object type from a JSON object.
pub fn deserialize_object<'de, T: Object + Default, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    let mut out = T::default();
    deserializer.deserialize_map(ObjectVisitor { out: &mut out })?;
    Ok(out)
}

/// Deserializes an `AnyX` enum. When `@odata.type` is the object's first
/// member (as Graph and its docs send it) the variant is chosen at once and the
/// other members are read straight into it; otherwise the object is buffered
/// as JSON first and the variant chosen from it.
pub fn deserialize_polymorphic<'de, T: super::Polymorphic, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    let mut out = T::default();
    deserializer.deserialize_map(PolymorphicVisitor { out: &mut out })?;
    Ok(out)
}

/// [`Wire::read`] of a generated object type.
pub fn read_object<T: Object + Default>(reader: &mut dyn ValueReader<'_>) -> Result<Option<T>, Stop> {
    let mut out = T::default();
    Ok(reader.object(&mut out)?.then_some(out))
}

/// [`Wire::read`] of a generated `AnyX` enum.
pub fn read_polymorphic<T: super::Polymorphic>(reader: &mut dyn ValueReader<'_>) -> Result<Option<T>, Stop> {
    let mut out = T::default();
    Ok(reader.polymorphic(&mut out)?.then_some(out))
}

/// Reads a member's value into its field: an explicit `null` leaves `None` and says so.
pub fn read_field<T: Wire>(reader: &mut dyn ValueReader<'_>, field: &mut Option<T>) -> Result<Member, Stop> {
    T::read_into(reader, field)
}

/// [`read_field`] of a boxed field (a struct that can reach its owner again). `Box`
/// has no `Wire` impl: it would overlap the one blanket impl of the generated types.
pub fn read_boxed_field<T: Wire>(reader: &mut dyn ValueReader<'_>, field: &mut Option<Box<T>>) -> Result<Member, Stop> {
    let value = T::read(reader)?;
    Ok(store(field, value.map(Box::new)))
}

/// Puts the value read into its field, and says what it was (an explicit `null` is
/// `None`). The field's old value (a repeated member's) is swapped out and dropped with
/// nothing else left to drop: `*field = value` would keep `value` to drop should the old
/// value's drop unwind, a landing pad and unwind table for each field type.
fn store<T>(field: &mut Option<T>, value: Option<T>) -> Member {
    let member = if value.is_none() { Member::Null } else { Member::Value };
    drop(std::mem::replace(field, value));
    member
}

/// What kind of generated type `Self` is: the one thing a generated type says to be
/// [`Wire`]. Each generated type implementing `Wire` itself was two more functions for
/// its crate to compile, for thousands of types; one blanket impl reads the kind instead.
pub trait Generated {
    /// [`ObjectKind`], [`PolymorphicKind`] or [`EnumKind`].
    type Kind;
}

/// The [`Generated::Kind`] of a struct (read by [`read_object`]).
pub enum ObjectKind {}

/// The [`Generated::Kind`] of an `AnyX` enum (read by [`read_polymorphic`]).
pub enum PolymorphicKind {}

/// The [`Generated::Kind`] of an enum of the schema (read by [`read_enum`]).
pub enum EnumKind {}

/// How a generated type of kind `K` is read and written (one impl per kind: they cannot
/// overlap, as `Wire` impls bounded by the kinds' traits could).
pub trait WireAs<K>: Sized {
    /// [`Wire::read`].
    fn read_as(reader: &mut dyn ValueReader<'_>) -> Result<Option<Self>, Stop>;
    /// [`Wire::write`].
    fn write_as(&self, writer: &mut dyn ValueWriter) -> Result<(), Stop>;
    /// [`Wire::read_into`].
    fn read_into_as(reader: &mut dyn ValueReader<'_>, field: &mut Option<Self>) -> Result<Member, Stop> {
        let value = Self::read_as(reader)?;
        Ok(store(field, value))
    }
}

/// Reads an object or an `AnyX` in place, in a default value that `field` holds while
/// `read` fills it. Read into a local first, the value would need dropping should the
/// reader unwind: a landing pad and unwind table for each type (on an error the field
/// holds what was read so far, and its owner is dropped with the error).
fn read_in_place<T: Default>(field: &mut Option<T>, read: impl FnOnce(&mut T) -> Result<bool, Stop>) -> Result<Member, Stop> {
    store(field, Some(T::default()));
    let present = match field {
        Some(out) => read(out)?,
        None => false,
    };
    Ok(if present { Member::Value } else { store(field, None) })
}

impl<T: Object + Default> WireAs<ObjectKind> for T {
    fn read_as(reader: &mut dyn ValueReader<'_>) -> Result<Option<Self>, Stop> {
        read_object(reader)
    }

    fn read_into_as(reader: &mut dyn ValueReader<'_>, field: &mut Option<Self>) -> Result<Member, Stop> {
        read_in_place(field, |out| reader.object(out))
    }

    fn write_as(&self, writer: &mut dyn ValueWriter) -> Result<(), Stop> {
        writer.object(self)
    }
}

impl<T: super::Polymorphic> WireAs<PolymorphicKind> for T {
    fn read_as(reader: &mut dyn ValueReader<'_>) -> Result<Option<Self>, Stop> {
        read_polymorphic(reader)
    }

    fn read_into_as(reader: &mut dyn ValueReader<'_>, field: &mut Option<Self>) -> Result<Member, Stop> {
        read_in_place(field, |out| reader.polymorphic(out))
    }

    fn write_as(&self, writer: &mut dyn ValueWriter) -> Result<(), Stop> {
        writer.object(self)
    }
}

impl<T: super::EnumMember> WireAs<EnumKind> for T {
    fn read_as(reader: &mut dyn ValueReader<'_>) -> Result<Option<Self>, Stop> {
        read_enum(reader)
    }

    fn write_as(&self, writer: &mut dyn ValueWriter) -> Result<(), Stop> {
        writer.string(self.as_str())
    }
}

impl<T: Generated + WireAs<<T as Generated>::Kind>> Wire for T {
    fn read<'de>(reader: &mut dyn ValueReader<'de>) -> Result<Option<Self>, Stop> {
        T::read_as(reader)
    }

    fn write(&self, writer: &mut dyn ValueWriter) -> Result<(), Stop> {
        self.write_as(writer)
    }

    fn read_into<'de>(reader: &mut dyn ValueReader<'de>, field: &mut Option<Self>) -> Result<Member, Stop> {
        T::read_into_as(reader, field)
    }
}

/// The adapter from one serde deserializer to [`ValueReader`]: compiled once
/// per deserializer type, for every generated type. Over serde's `UnitDeserializer`
/// it is the `null` that [`Object::clear`] reads a field from.
pub(super) struct Reader<'de, D: Deserializer<'de>> {
    de: Option<D>,
    error: Option<D::Error>,
    of: PhantomData<&'de ()>,
}

impl<'de, D: Deserializer<'de>> Reader<'de, D> {
    pub(super) fn new(de: D) -> Self {
        Reader { de: Some(de), error: None, of: PhantomData }
    }

    fn take(&mut self) -> Result<D, Stop> {
        match self.de.take() {
            Some(de) => Ok(de),
            None => Err(self.fail(de::Error::custom("a value was read twice"))),
        }
    }

    fn fail(&mut self, error: D::Error) -> Stop {
        self.error = Some(error);
        Stop(())
    }

    fn keep<T>(&mut self, result: Result<T, D::Error>) -> Result<T, Stop> {
        result.map_err(|e| self.fail(e))
    }

    /// The result for serde: the kept error on a stop; an unread value skipped.
    fn finish<T>(mut self, result: Result<T, Stop>) -> Result<T, D::Error> {
        match result {
            Ok(value) => {
                if let Some(de) = self.de.take() {
                    de::IgnoredAny::deserialize(de)?;
                }
                Ok(value)
            }
            Err(Stop(())) => Err(self
                .error
                .take()
                .unwrap_or_else(|| de::Error::custom("a value could not be read"))),
        }
    }

    fn optional<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<Option<S::Value>, Stop> {
        let de = self.take()?;
        let result = de.deserialize_option(Optional(seed));
        self.keep(result)
    }
}

macro_rules! read_primitives {
    ($($method:ident: $ty:ty),* $(,)?) => {
        $(
            fn $method(&mut self) -> Result<Option<$ty>, Stop> {
                let de = self.take()?;
                let result = Option::<$ty>::deserialize(de);
                self.keep(result)
            }
        )*
    };
}

impl<'de, D: Deserializer<'de>> ValueReader<'de> for Reader<'de, D> {
    read_primitives! {
        string: String,
        boolean: bool,
        int8: i8,
        int16: i16,
        int32: i32,
        int64: i64,
        uint8: u8,
        float64: f64,
    }

    fn json(&mut self) -> Result<serde_json::Value, Stop> {
        let de = self.take()?;
        let result = serde_json::Value::deserialize(de);
        self.keep(result)
    }

    fn name(&mut self) -> Result<Option<Key<'de>>, Stop> {
        self.optional(NameSeed)
    }

    fn object(&mut self, out: &mut dyn Object) -> Result<bool, Stop> {
        Ok(self.optional(ObjectVisitor { out })?.is_some())
    }

    fn polymorphic(&mut self, out: &mut dyn Dispatch) -> Result<bool, Stop> {
        Ok(self.optional(PolymorphicVisitor { out })?.is_some())
    }

    fn seq(&mut self, each: &mut dyn FnMut(&mut dyn ValueReader<'de>) -> Result<(), Stop>) -> Result<bool, Stop> {
        Ok(self.optional(SeqVisitor { each })?.is_some())
    }

    fn null_element(&mut self) -> Stop {
        self.fail(de::Error::invalid_type(de::Unexpected::Unit, &"an array element that is not null"))
    }
}

/// `null` as `None`, anything else handed to the seed.
struct Optional<S>(S);

impl<'de, S: DeserializeSeed<'de>> Visitor<'de> for Optional<S> {
    type Value = Option<S::Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        self.0.deserialize(deserializer).map(Some)
    }
}

/// Reads a string as a [`Key`], borrowed from the input when it can be.
struct NameSeed;

impl<'de> DeserializeSeed<'de> for NameSeed {
    type Value = Key<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key<'de>, D::Error> {
        deserializer.deserialize_str(StrVisitor("an enum member name"))
    }
}

/// Reads an object's members into `out`: one visitor for every generated type.
struct ObjectVisitor<'a> {
    out: &'a mut dyn Object,
}

impl<'de> DeserializeSeed<'de> for ObjectVisitor<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ObjectVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        expecting_object(f, self.out.schema_name())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        read_members(self.out, &mut map)
    }
}

/// Reads a polymorphic object into `out`, choosing its variant first.
struct PolymorphicVisitor<'a> {
    out: &'a mut dyn Dispatch,
}

impl<'de> DeserializeSeed<'de> for PolymorphicVisitor<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for PolymorphicVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        expecting_object(f, self.out.family_name())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Some(first) = next_key(&mut map)? else {
            return Ok(());
        };
        if first.as_str() == "@odata.type" {
            let tag = next_tag(&mut map)?;
            if let Some(tag) = &tag {
                self.out.select(tag.strip_prefix('#').unwrap_or(tag));
            }
            let out = self.out.object_mut();
            let held = out.held_mut();
            if tag.is_none() {
                held.nulls.insert("@odata.type");
            }
            *held.odata_type = tag;
            return read_members(out, &mut map);
        }
        let buffered = buffer_object(first, &mut map)?;
        self.out.fill_from_json(buffered).map_err(de::Error::custom)
    }
}

/// Hands each element of an array to `each`.
struct SeqVisitor<'a, 'de> {
    each: &'a mut dyn FnMut(&mut dyn ValueReader<'de>) -> Result<(), Stop>,
}

impl<'de> DeserializeSeed<'de> for SeqVisitor<'_, 'de> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for SeqVisitor<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(ElementSeed { each: &mut *self.each })?.is_some() {}
        Ok(())
    }
}

struct ElementSeed<'a, 'de> {
    each: &'a mut dyn FnMut(&mut dyn ValueReader<'de>) -> Result<(), Stop>,
}

impl<'de> DeserializeSeed<'de> for ElementSeed<'_, 'de> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        let mut reader = Reader::new(deserializer);
        let result = (self.each)(&mut reader);
        reader.finish(result)
    }
}

/// Reads the remaining members of an object into `out`: known ones into
/// their fields, unknown ones into its additional properties.
fn read_members<'de, A: MapAccess<'de>>(out: &mut dyn Object, map: &mut A) -> Result<(), A::Error> {
    while let Some(key) = next_key(map)? {
        map.next_value_seed(MemberSeed { out: &mut *out, key })?;
    }
    Ok(())
}

struct MemberSeed<'a, 'de> {
    out: &'a mut dyn Object,
    key: Key<'de>,
}

impl<'de> DeserializeSeed<'de> for MemberSeed<'_, 'de> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        let mut reader = Reader::new(deserializer);
        let result = read_member(self.out, self.key, &mut reader);
        reader.finish(result)
    }
}

/// One member: into its field, or kept as an unknown property.
#[inline(never)]
fn read_member<'de>(out: &mut dyn Object, key: Key<'de>, reader: &mut dyn ValueReader<'de>) -> Result<(), Stop> {
    match out.read_property(key.as_str(), reader)? {
        Member::Unknown => {
            let value = reader.json()?;
            out.held_mut().additional_properties.insert(key.into_string(), value);
        }
        Member::Null => out.held_mut().nulls.insert(key.into_string()),
        Member::Value => {}
    }
    Ok(())
}

// ---- Writing ----

/// Serializes a generated object type as a JSON object: known properties, then unknown ones.
pub fn serialize_object<S: Serializer>(value: &dyn Object, serializer: S) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(None)?;
    let mut entries = Entries { map: &mut map, error: None };
    if value.write_properties(&mut entries).is_err() {
        let error = entries.error.take();
        return Err(error.unwrap_or_else(|| ser::Error::custom("a property could not be written")));
    }
    super::serialize_additional(&mut map, value.held().additional_properties)?;
    map.end()
}

/// Serializes `key: value` into `map` when `value` is `Some`, `key: null` when it is
/// `None` and `nulls` holds `key`.
pub fn serialize_field<V: Wire>(
    map: &mut dyn PropertyWriter,
    key: &str,
    value: &Option<V>,
    nulls: &super::Nulls,
) -> Result<(), Stop> {
    write_entry(map, key, value.as_ref().map(|v| v as &dyn Wire), nulls)
}

/// [`serialize_field`] of a boxed field.
pub fn serialize_boxed_field<V: Wire>(
    map: &mut dyn PropertyWriter,
    key: &str,
    value: &Option<Box<V>>,
    nulls: &super::Nulls,
) -> Result<(), Stop> {
    write_entry(map, key, value.as_deref().map(|v| v as &dyn Wire), nulls)
}

/// The one rule of both: a value is written, a `None` only as the explicit `null` it was.
fn write_entry(map: &mut dyn PropertyWriter, key: &str, value: Option<&dyn Wire>, nulls: &super::Nulls) -> Result<(), Stop> {
    match value {
        Some(v) => map.entry(key, v),
        None if nulls.contains(key) => map.null_entry(key),
        None => Ok(()),
    }
}

/// The members of one object being serialized, behind [`PropertyWriter`].
struct Entries<'a, M: SerializeMap> {
    map: &'a mut M,
    error: Option<M::Error>,
}

impl<M: SerializeMap> PropertyWriter for Entries<'_, M> {
    fn entry(&mut self, key: &str, value: &dyn Wire) -> Result<(), Stop> {
        self.map.serialize_entry(key, &AsSerialize(value)).map_err(|e| {
            self.error = Some(e);
            Stop(())
        })
    }

    fn null_entry(&mut self, key: &str) -> Result<(), Stop> {
        self.map.serialize_entry(key, &()).map_err(|e| {
            self.error = Some(e);
            Stop(())
        })
    }
}

/// A [`Wire`] value as a serde `Serialize`.
struct AsSerialize<'a>(&'a dyn Wire);

impl Serialize for AsSerialize<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut writer = Writer { ser: Some(serializer), done: None };
        let result = self.0.write(&mut writer);
        match (result, writer.done) {
            (Ok(()), Some(Ok(ok))) => Ok(ok),
            (_, Some(Err(e))) => Err(e),
            _ => Err(ser::Error::custom("a value was not written")),
        }
    }
}

/// The adapter from one serde serializer to [`ValueWriter`]: compiled once per
/// serializer type, for every generated type.
struct Writer<S: Serializer> {
    ser: Option<S>,
    done: Option<Result<S::Ok, S::Error>>,
}

impl<S: Serializer> Writer<S> {
    fn put(&mut self, write: impl FnOnce(S) -> Result<S::Ok, S::Error>) -> Result<(), Stop> {
        let Some(ser) = self.ser.take() else {
            self.done = Some(Err(ser::Error::custom("a value was written twice")));
            return Err(Stop(()));
        };
        let result = write(ser);
        let failed = result.is_err();
        self.done = Some(result);
        if failed {
            Err(Stop(()))
        } else {
            Ok(())
        }
    }
}

impl<S: Serializer> ValueWriter for Writer<S> {
    fn string(&mut self, v: &str) -> Result<(), Stop> {
        self.put(|s| s.serialize_str(v))
    }
    fn boolean(&mut self, v: bool) -> Result<(), Stop> {
        self.put(|s| s.serialize_bool(v))
    }
    fn int8(&mut self, v: i8) -> Result<(), Stop> {
        self.put(|s| s.serialize_i8(v))
    }
    fn int16(&mut self, v: i16) -> Result<(), Stop> {
        self.put(|s| s.serialize_i16(v))
    }
    fn int32(&mut self, v: i32) -> Result<(), Stop> {
        self.put(|s| s.serialize_i32(v))
    }
    fn int64(&mut self, v: i64) -> Result<(), Stop> {
        self.put(|s| s.serialize_i64(v))
    }
    fn uint8(&mut self, v: u8) -> Result<(), Stop> {
        self.put(|s| s.serialize_u8(v))
    }
    fn float64(&mut self, v: f64) -> Result<(), Stop> {
        self.put(|s| s.serialize_f64(v))
    }
    fn json(&mut self, v: &serde_json::Value) -> Result<(), Stop> {
        self.put(|s| v.serialize(s))
    }
    fn object(&mut self, v: &dyn Object) -> Result<(), Stop> {
        self.put(|s| serialize_object(v, s))
    }
    fn seq(&mut self, items: &mut dyn ExactSizeIterator<Item = &dyn Wire>) -> Result<(), Stop> {
        self.put(|s| {
            let mut seq = s.serialize_seq(Some(items.len()))?;
            for item in items {
                seq.serialize_element(&AsSerialize(item))?;
            }
            seq.end()
        })
    }
}

// ---- The runtime's own `Wire` types ----

macro_rules! wire_primitives {
    ($($ty:ty: $method:ident),* $(,)?) => {
        $(
            impl Wire for $ty {
                fn read<'de>(reader: &mut dyn ValueReader<'de>) -> Result<Option<Self>, Stop> {
                    reader.$method()
                }

                fn write(&self, writer: &mut dyn ValueWriter) -> Result<(), Stop> {
                    writer.$method(*self)
                }
            }
        )*
    };
}

wire_primitives! {
    bool: boolean,
    i8: int8,
    i16: int16,
    i32: int32,
    i64: int64,
    u8: uint8,
    f64: float64,
}

impl Wire for String {
    fn read<'de>(reader: &mut dyn ValueReader<'de>) -> Result<Option<Self>, Stop> {
        reader.string()
    }

    fn write(&self, writer: &mut dyn ValueWriter) -> Result<(), Stop> {
        writer.string(self)
    }
}

impl Wire for serde_json::Value {
    fn read<'de>(reader: &mut dyn ValueReader<'de>) -> Result<Option<Self>, Stop> {
        Ok(match reader.json()? {
            serde_json::Value::Null => None,
            value => Some(value),
        })
    }

    fn write(&self, writer: &mut dyn ValueWriter) -> Result<(), Stop> {
        writer.json(self)
    }

    fn read_element<'de>(reader: &mut dyn ValueReader<'de>) -> Result<Self, Stop> {
        reader.json()
    }
}

impl<T: Wire> Wire for Vec<T> {
    fn read<'de>(reader: &mut dyn ValueReader<'de>) -> Result<Option<Self>, Stop> {
        let mut items = Vec::new();
        let present = reader.seq(&mut |element| {
            items.push(T::read_element(element)?);
            Ok(())
        })?;
        Ok(present.then_some(items))
    }

    fn write(&self, writer: &mut dyn ValueWriter) -> Result<(), Stop> {
        writer.seq(&mut self.iter().map(|item| item as &dyn Wire))
    }
}

impl<T: super::EnumMember> Wire for super::Flags<T> {
    fn read<'de>(reader: &mut dyn ValueReader<'de>) -> Result<Option<Self>, Stop> {
        Ok(reader.name()?.map(|names| super::Flags::from(names.as_str())))
    }

    fn write(&self, writer: &mut dyn ValueWriter) -> Result<(), Stop> {
        writer.string(&self.to_string())
    }
}

/// [`Wire::read`] of a generated enum.
pub fn read_enum<T: super::EnumMember>(reader: &mut dyn ValueReader<'_>) -> Result<Option<T>, Stop> {
    Ok(reader.name()?.map(|name| T::from_wire(name.as_str())))
}

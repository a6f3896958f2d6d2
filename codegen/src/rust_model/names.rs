//! Rust names for schema names.
//!
//! Rules (all deterministic):
//! * Sanitize first: every char that is not ASCII alphanumeric is a word
//!   separator (dots, `@`, non-ASCII letters); an empty result becomes
//!   `Type` / `Field` / `Value`.
//! * Types and enum variants are PascalCase, fields snake_case (heck).
//! * A leading digit gets a prefix: `N` for types and variants, `_` for fields.
//! * Rust keywords get a trailing `_` (`type` -> `type_`, `Self` -> `Self_`).
//! * Type names that would shadow a name the generated code uses (prelude,
//!   std, serde, runtime) get a trailing `_` (`Option` -> `Option_`).
//! * Collisions after conversion get `2`, `3`, ... in the order of the sorted
//!   wire names; the wire name itself is always kept for serde.

use crate::schema::{Schema, TypeKind};
use heck::{ToSnakeCase, ToUpperCamelCase};
use std::collections::{BTreeMap, BTreeSet};

/// Strict, reserved and edition-2018+ keywords (plus `gen`, reserved in 2024).
const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

/// Names the generated code uses unqualified or that the runtime files
/// (`support.rs`, `edm.rs`) define; a generated type must not shadow them.
pub const RESERVED_TYPE_NAMES: &[&str] = &[
    "Option",
    "Result",
    "Box",
    "Vec",
    "String",
    "Default",
    "Some",
    "None",
    "Ok",
    "Err",
    "Clone",
    "Copy",
    "Debug",
    "PartialEq",
    "Eq",
    "Hash",
    "Send",
    "Sync",
    "Sized",
    "Serialize",
    "Deserialize",
    "Serializer",
    "Deserializer",
    "Fn",
    "From",
    "Into",
    "Iterator",
    "ToString",
    "ToOwned",
    "Drop",
    "BTreeMap",
    "Map",
    "Value",
    "Flags",
    // support.rs
    "Key",
    "Member",
    "Nulls",
    "AdditionalProperties",
    "Field",
    "Inherits",
    "Object",
    "Held",
    "HeldMut",
    "Polymorphic",
    "EnumMember",
    // support/wire.rs
    "Stop",
    "Wire",
    "Generated",
    "ObjectKind",
    "PolymorphicKind",
    "EnumKind",
    "WireAs",
    "ValueReader",
    "ValueWriter",
    "PropertyWriter",
    "Dispatch",
    // edm.rs
    "DateTimeOffset",
    "Date",
    "TimeOfDay",
    "Duration",
    "Guid",
    "Binary",
    "Stream",
];

/// Field names every generated struct uses itself.
pub const RESERVED_FIELD_NAMES: &[&str] = &["odata_type", "additional_properties", "base"];

/// The catch-all variant of every generated enum.
pub const UNDOCUMENTED_VARIANT: &str = "Undocumented";

fn sanitize(raw: &str) -> String {
    raw.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

fn finish_pascal(mut s: String, empty: &str) -> String {
    if s.is_empty() {
        return empty.to_string();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, 'N');
    }
    if is_keyword(&s) {
        s.push('_');
    }
    s
}

/// `iosScepCertificateProfile` -> `IosScepCertificateProfile` (no shadowing check, see [`type_name`]).
pub fn pascal(raw: &str, empty: &str) -> String {
    finish_pascal(sanitize(raw).to_upper_camel_case(), empty)
}

/// The Rust name of a type from its bare or qualified schema name (last dot segment).
pub fn type_name(qualified: &str) -> String {
    let bare = qualified.rsplit('.').next().unwrap_or(qualified);
    let mut s = pascal(bare, "Type");
    if RESERVED_TYPE_NAMES.contains(&s.as_str()) {
        s.push('_');
    }
    s
}

/// `md5_96` -> `Md596`.
pub fn variant_name(raw: &str) -> String {
    pascal(raw, "Value")
}

/// `minOSVersion` -> `min_os_version`, `type` -> `type_`, `2fa` -> `_2fa`.
pub fn field_name(raw: &str) -> String {
    let mut s = sanitize(raw).to_snake_case();
    if s.is_empty() {
        return "field".to_string();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    if is_keyword(&s) {
        s.push('_');
    }
    s
}

/// `intune-deviceconfig` -> `intune_deviceconfig` (module name of an area).
pub fn module_name(area: &str) -> String {
    let s = field_name(area);
    if s == "field" && sanitize(area).trim_matches('_').is_empty() {
        return "misc".to_string();
    }
    s
}

/// Assigns unique names: `wanted` for each key in key order, then `2`, `3`, ... on collision.
#[derive(Debug, Default)]
pub struct Allocator {
    used: BTreeSet<String>,
}

impl Allocator {
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Allocator {
            used: reserved.iter().map(|s| s.to_string()).collect(),
        }
    }
    pub fn take(&mut self, wanted: String) -> String {
        if self.used.insert(wanted.clone()) {
            return wanted;
        }
        // `Self_` taken: `Self2`, not `Self_2` (which is not UpperCamelCase:
        // `non_camel_case_types` would fire). Snake-case names keep theirs (`type_2`).
        let stem = if wanted.starts_with(|c: char| c.is_ascii_uppercase()) {
            wanted.trim_end_matches('_')
        } else {
            wanted.as_str()
        };
        (2..)
            .map(|n| format!("{stem}{n}"))
            .find(|c| self.used.insert(c.clone()))
            .expect("some numbered name is free")
    }
}

/// Unique names for a list of wire names, resolved in sorted wire-name order.
pub fn unique_names(
    wire: impl IntoIterator<Item = String>,
    reserved: &[&str],
    convert: impl Fn(&str) -> String,
) -> BTreeMap<String, String> {
    let sorted: BTreeSet<String> = wire.into_iter().collect();
    let mut alloc = Allocator::with_reserved(reserved);
    sorted
        .into_iter()
        .map(|w| (w.clone(), alloc.take(convert(&w))))
        .collect()
}

/// The Rust names of every schema type, built once per crate.
#[derive(Debug, Default)]
pub struct NameTable {
    /// Qualified schema name -> Rust type name.
    types: BTreeMap<String, String>,
    /// Qualified schema name of a polymorphic base -> name of its `AnyT` enum.
    any: BTreeMap<String, String>,
}

impl NameTable {
    /// `polymorphic`: the qualified names of the types that get an `AnyT` enum.
    pub fn build(schema: &Schema, polymorphic: &BTreeSet<String>) -> Self {
        let mut alloc = Allocator::with_reserved(&[]);
        // schema.types is sorted by name; sort again so the table does not depend on it.
        let wire: BTreeSet<&str> = schema.types.iter().map(|t| t.name.as_str()).collect();
        let types: BTreeMap<String, String> = wire
            .into_iter()
            .map(|w| (w.to_string(), alloc.take(type_name(w))))
            .collect();
        let any = polymorphic
            .iter()
            .filter(|p| schema.type_def(p).is_some_and(|t| t.kind != TypeKind::Enum))
            .map(|p| {
                (
                    p.clone(),
                    alloc.take(format!("Any{}", types[p.as_str()].trim_end_matches('_'))),
                )
            })
            .collect();
        NameTable { types, any }
    }
    pub fn type_ident(&self, qualified: &str) -> Option<&str> {
        self.types.get(qualified).map(String::as_str)
    }
    pub fn any_ident(&self, qualified: &str) -> Option<&str> {
        self.any.get(qualified).map(String::as_str)
    }
}

/// A Rust identifier token for a name made by this module.
pub fn ident(name: &str) -> proc_macro2::Ident {
    proc_macro2::Ident::new(name, proc_macro2::Span::call_site())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_are_pascal_case() {
        assert_eq!(
            type_name("microsoft.graph.iosScepCertificateProfile"),
            "IosScepCertificateProfile"
        );
        assert_eq!(type_name("keyUsage"), "KeyUsage");
        assert_eq!(type_name("microsoft.graph.Option"), "Option_");
        assert_eq!(type_name("microsoft.graph.flags"), "Flags_");
        assert_eq!(type_name("microsoft.graph.self"), "Self_");
        assert_eq!(type_name("microsoft.graph.2fa"), "N2fa");
        assert_eq!(type_name("microsoft.graph.@@"), "Type");
    }

    #[test]
    fn fields_are_snake_case() {
        assert_eq!(field_name("minOSVersion"), "min_os_version");
        assert_eq!(field_name("type"), "type_");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("async"), "async_");
        assert_eq!(field_name("@odata.nextLink"), "odata_next_link");
        assert_eq!(field_name("2fa"), "_2fa");
        assert_eq!(field_name("ünïcode"), "n_code");
        assert_eq!(field_name("@"), "field");
    }

    #[test]
    fn variants_are_pascal_case() {
        assert_eq!(variant_name("md5_96"), "Md596");
        assert_eq!(variant_name("size1024"), "Size1024");
        assert_eq!(variant_name("self"), "Self_");
        assert_eq!(variant_name("3des"), "N3des");
        assert_eq!(variant_name(""), "Value");
    }

    #[test]
    fn collisions_are_numbered_in_wire_order() {
        let names = unique_names(
            [
                "keyUsage".to_string(),
                "key_usage".to_string(),
                "odataType".to_string(),
            ],
            RESERVED_FIELD_NAMES,
            field_name,
        );
        assert_eq!(names["keyUsage"], "key_usage");
        assert_eq!(names["key_usage"], "key_usage2");
        assert_eq!(names["odataType"], "odata_type2");
        let types = unique_names(
            [
                "Self".to_string(),
                "self".to_string(),
                "type".to_string(),
                "type_".to_string(),
            ],
            &[],
            |w| {
                if w.starts_with('t') {
                    field_name(w)
                } else {
                    type_name(w)
                }
            },
        );
        assert_eq!(types["Self"], "Self_");
        assert_eq!(
            types["self"], "Self2",
            "not `Self_2`: it must stay UpperCamelCase"
        );
        assert_eq!(types["type"], "type_");
        assert_eq!(types["type_"], "type_2");
    }

    #[test]
    fn modules_from_areas() {
        assert_eq!(module_name("intune-deviceconfig"), "intune_deviceconfig");
        assert_eq!(module_name(""), "misc");
    }
}

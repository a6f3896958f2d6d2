//! Type cells: `Prim`, `Prim collection`, `[name](link)`, `[name](link) collection`.

use super::inline::{significant, Inline};
use crate::facts::TypeRef;

/// The `Edm.*` spelling of a primitive type word, case-insensitively; `None` if
/// the word is not a primitive. `DateTime` means `DateTimeOffset` in these docs.
pub fn primitive(word: &str) -> Option<&'static str> {
    let w = word.trim().to_ascii_lowercase();
    let w = w.strip_prefix("edm.").unwrap_or(&w);
    Some(match w {
        "string" => "Edm.String",
        "int32" => "Edm.Int32",
        "int64" => "Edm.Int64",
        "int16" => "Edm.Int16",
        "boolean" => "Edm.Boolean",
        "double" => "Edm.Double",
        "single" => "Edm.Single",
        "byte" => "Edm.Byte",
        "sbyte" => "Edm.SByte",
        "decimal" => "Edm.Decimal",
        "datetimeoffset" | "datetime" => "Edm.DateTimeOffset",
        "date" => "Edm.Date",
        "timeofday" => "Edm.TimeOfDay",
        "duration" => "Edm.Duration",
        "guid" => "Edm.Guid",
        "binary" => "Edm.Binary",
        "stream" => "Edm.Stream",
        _ => return None,
    })
}

/// A bare type name from a link label or annotation: `microsoft.graph.X` -> `X`;
/// other namespaces stay qualified.
pub fn bare_name(name: &str) -> String {
    let name = name.trim().trim_start_matches('#');
    name.strip_prefix("microsoft.graph.")
        .unwrap_or(name)
        .to_string()
}

fn is_identifier(w: &str) -> bool {
    !w.is_empty()
        && w.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && w.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
}

/// Reads a type cell. `Err` carries the cell text when it is none of the known shapes.
pub fn read(inlines: &[Inline]) -> Result<TypeRef, String> {
    let parts = significant(inlines);
    let is_collection_word =
        |i: &Inline| matches!(i, Inline::Text(t) if t.trim().eq_ignore_ascii_case("collection"));
    match parts.as_slice() {
        [Inline::Link { label, .. }] => Ok(TypeRef {
            name: bare_name(label),
            collection: false,
            linked: true,
        }),
        [Inline::Link { label, .. }, c] if is_collection_word(c) => Ok(TypeRef {
            name: bare_name(label),
            collection: true,
            linked: true,
        }),
        [Inline::Text(t)] => {
            let words: Vec<&str> = t
                .split(super::inline::is_space)
                .filter(|w| !w.is_empty())
                .collect();
            let (word, collection) = match words.as_slice() {
                [w] => (*w, false),
                [w, c] if c.eq_ignore_ascii_case("collection") => (*w, true),
                _ => return Err(t.trim().to_string()),
            };
            if let Some(p) = primitive(word) {
                Ok(TypeRef {
                    name: p.to_string(),
                    collection,
                    linked: false,
                })
            } else if is_identifier(word) {
                Ok(TypeRef {
                    name: bare_name(word),
                    collection,
                    linked: false,
                })
            } else {
                Err(t.trim().to_string())
            }
        }
        _ => Err(super::inline::plain_text(inlines)),
    }
}

/// The stand-in type for an unreadable cell.
pub fn untyped(collection: bool) -> TypeRef {
    TypeRef {
        name: "Edm.Untyped".to_string(),
        collection,
        linked: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::inline::parse_fragment;

    fn ty(s: &str) -> Result<TypeRef, String> {
        read(&parse_fragment(s))
    }

    #[test]
    fn shapes() {
        assert_eq!(ty("String").unwrap().name, "Edm.String");
        assert_eq!(ty("GUID").unwrap().name, "Edm.Guid");
        assert_eq!(ty("DateTime").unwrap().name, "Edm.DateTimeOffset");
        let c = ty("String collection").unwrap();
        assert!(c.collection && !c.linked);
        let l = ty("[keySize](../resources/intune-shared-keysize.md)").unwrap();
        assert_eq!(
            (l.name.as_str(), l.collection, l.linked),
            ("keySize", false, true)
        );
        let lc = ty("[extendedKeyUsage](../resources/x.md) collection").unwrap();
        assert!(lc.collection && lc.linked);
        let u = ty("windowsAssignedAccessProfile collection").unwrap();
        assert_eq!(
            (u.name.as_str(), u.collection, u.linked),
            ("windowsAssignedAccessProfile", true, false)
        );
        assert!(ty("").is_err());
        assert!(ty("** Unknown Type `a.b.c` ** collection").is_err());
    }
}

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
        "int" | "integer" => "Edm.Int32",
        "bool" => "Edm.Boolean",
        "float" => "Edm.Single",
        "numeric" => "Edm.Decimal",
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

/// Words of JSON, not of OData, that hand-written tables write as types: `number`
/// (a JSON number, OData's `Double`) and `object` / `any` (any JSON value). No
/// Graph type has these names; `Json` is one (`microsoft.graph.Json`) and stays a name.
fn json_word(word: &str) -> Option<&'static str> {
    match word.trim().to_ascii_lowercase().as_str() {
        "number" => Some("Edm.Double"),
        "object" | "any" => Some("Edm.Untyped"),
        _ => None,
    }
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
///
/// Shapes: `Prim`, `Prim collection`, `[T](link)`, `[T](link) collection`, and
/// the hand-written variants: `Collection(Prim)`, `Collection([T](link))`, a
/// name in backticks or bold, a qualifier after a comma or in parentheses
/// (`string, maximum size 20`, `String (optional)`, `(Optional) String`), a
/// trailing `enum`, `resource` or `object` word, `int`/`integer`, `bool`,
/// `float`, `numeric`.
pub fn read(inlines: &[Inline]) -> Result<TypeRef, String> {
    let parts = significant(inlines);
    let links: Vec<&str> = parts
        .iter()
        .filter_map(|i| match i {
            Inline::Link { label, .. } => Some(label.as_str()),
            _ => None,
        })
        .collect();
    let text: String = parts
        .iter()
        .map(|i| match i {
            Inline::Link { .. } => " \u{0} ",
            other => other.plain(),
        })
        .collect();
    let shape = normalize(&text);
    match links.as_slice() {
        [label] => {
            let words: Vec<&str> = shape.split_whitespace().collect();
            let collection = match words.as_slice() {
                ["\u{0}"] => false,
                ["\u{0}", "collection"] | ["collection", "\u{0}"] => true,
                _ => return Err(super::inline::plain_text(inlines)),
            };
            Ok(TypeRef {
                name: bare_name(label.trim().trim_matches('*')),
                collection,
                linked: true,
            })
        }
        [] => {
            let words: Vec<&str> = shape.split_whitespace().collect();
            let (word, collection) = match words.as_slice() {
                // `(boolean or string or number) collection`: the element types were a
                // parenthetical; a collection of any JSON value.
                [c] if c.eq_ignore_ascii_case("collection") => return Ok(untyped(true)),
                [w] => (*w, false),
                [w, c] | [c, w] if c.eq_ignore_ascii_case("collection") => (*w, true),
                _ => return Err(text.trim().to_string()),
            };
            if let Some(p) = primitive(word).or_else(|| json_word(word)) {
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
                Err(text.trim().to_string())
            }
        }
        _ => Err(super::inline::plain_text(inlines)),
    }
}

/// A type cell's text reduced to its type words: `Collection(x)` as
/// `collection x`, parentheticals and anything after a comma dropped, a
/// trailing `enum`/`resource`/`object` word dropped, backticks removed.
fn normalize(text: &str) -> String {
    let t = text.replace('`', " ");
    let t = t.trim();
    let lower = t.to_ascii_lowercase();
    let t = if lower.starts_with("collection(") && t.ends_with(')') {
        format!("collection {}", &t["collection(".len()..t.len() - 1])
    } else {
        t.to_string()
    };
    // Drop parentheticals: `String (optional)`, `(Optional) String`.
    let mut out = String::new();
    let mut depth = 0usize;
    for c in t.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    let out = out.split(',').next().unwrap_or("").trim().to_string();
    let mut words: Vec<&str> = out.split_whitespace().collect();
    if words.len() == 2
        && ["enum", "resource", "object"].contains(&words[1].to_ascii_lowercase().as_str())
    {
        words.pop();
    }
    words.join(" ")
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
        assert_eq!(ty("`String`").unwrap().name, "Edm.String");
        assert_eq!(ty("`Edm.boolean `").unwrap().name, "Edm.Boolean");
        assert_eq!(ty("string, maximum size 20").unwrap().name, "Edm.String");
        assert_eq!(ty("string (url)").unwrap().name, "Edm.String");
        assert_eq!(ty("(Optional) String").unwrap().name, "Edm.String");
        assert_eq!(ty("Integer").unwrap().name, "Edm.Int32");
        assert_eq!(ty("number").unwrap().name, "Edm.Double");
        assert_eq!(ty("Object").unwrap().name, "Edm.Untyped");
        assert_eq!(ty("Json").unwrap().name, "Json");
        let any = ty("(boolean or string or number) collection").unwrap();
        assert!(any.collection && any.name == "Edm.Untyped");
        let c = ty("collection(string)").unwrap();
        assert!(c.collection && c.name == "Edm.String");
        let c = ty("Collection([columnDefinition](columndefinition.md))").unwrap();
        assert!(c.collection && c.linked && c.name == "columnDefinition");
        assert_eq!(
            ty("[itemAnalytics](x.md) resource").unwrap().name,
            "itemAnalytics"
        );
        assert_eq!(ty("fileHashType enum").unwrap().name, "fileHashType");
        assert_eq!(
            ty("**chatMessagePolicyViolationDlpActionType**")
                .unwrap()
                .name,
            "chatMessagePolicyViolationDlpActionType"
        );
        assert!(ty("[a](a.md) or [b](b.md)").is_err());
        assert!(ty("string/number").is_err());
        assert!(ty("** Unknown Type `a.b.c` ** collection").is_err());
    }
}

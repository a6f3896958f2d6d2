//! Path templates parsed once into segments, with one rule for each kind of segment.
//!
//! * `{name}` (the whole segment) is a [`Segment::Parameter`]; so is `{item-path}:`, the
//!   path-based addressing of drives and sites (`root:/{item-path}:/content`), whose value
//!   may hold `/` and which its `:` closes;
//! * `name(args)`, and the last segment of an action's or function's path, is a
//!   [`Segment::Call`] (its arguments as written, `key=value` or positional);
//! * a dotted name of identifiers (`microsoft.graph.iosVppApp`) is a [`Segment::Cast`];
//! * anything else is a [`Segment::Literal`] (`users`, `$value`, `root:`).
//!
//! The template string is kept as documented; the segments are derived from it,
//! so schema JSON shows both and a reader never has to split a path again.

use super::type_ref::TypeName;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One documented URL template (`/users/{id}/microsoft.graph.reminderView(...)`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PathTemplate {
    template: String,
    segments: Vec<Segment>,
}

/// One `/`-separated part of a path template.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Segment {
    Literal {
        text: String,
    },
    /// `{name}`: the name as written inside the braces (`id | userPrincipalName`).
    Parameter {
        name: String,
        /// `:` for an item path (`{item-path}:`): the value may span segments
        /// (`folder/file.xlsx`), and the `:` written after it closes it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        suffix: Option<String>,
    },
    /// A type cast: the rest of the path is about this derived type.
    Cast {
        #[serde(rename = "type")]
        type_name: TypeName,
    },
    /// An action or function (bound: `compare`, `microsoft.graph.delta`; or composed
    /// in the middle of a path: `range(address='A1')`).
    Call {
        /// As written before the parentheses (qualified when the docs qualify it).
        name: String,
        /// None when the call is written without parentheses (`/x/{id}/compare`).
        arguments: Option<Vec<Argument>>,
    },
}

/// An argument of a call segment, as written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Argument {
    /// None for a positional argument (`borders(<sideIndex>)`).
    pub name: Option<String>,
    pub value: String,
}

impl PathTemplate {
    /// Parses `template`; `ends_in_call` says that its last segment is the operation's
    /// own action or function (which may be written without parentheses).
    pub fn parse(template: &str, ends_in_call: bool) -> PathTemplate {
        let raw: Vec<&str> = template.split('/').filter(|s| !s.is_empty()).collect();
        let last = raw.len().saturating_sub(1);
        let segments = raw
            .iter()
            .enumerate()
            .map(|(i, s)| Segment::parse(s, ends_in_call && i == last))
            .collect();
        PathTemplate {
            template: template.to_string(),
            segments,
        }
    }

    /// The template as documented.
    pub fn as_str(&self) -> &str {
        &self.template
    }

    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// Whether a concrete URL path (`/users/42/findRooms(RoomList='x')`, no host, no
    /// query) is an instance of this template: as many segments, literals and casts equal
    /// ignoring ASCII case, any value for a `{param}` (any run of segments up to the one
    /// its `:` closes for an item path), and a call by its name (its unqualified name),
    /// whatever arguments the URL gives it.
    pub fn matches(&self, path: &str) -> bool {
        let parts: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let short = |n: &str| {
            n.rsplit('.')
                .next()
                .unwrap_or_default()
                .to_ascii_lowercase()
        };
        let mut at = 0;
        for seg in &self.segments {
            let Some(part) = parts.get(at) else {
                return false;
            };
            at += 1;
            let fits = match seg {
                // An item path runs to the first segment its suffix closes.
                Segment::Parameter {
                    suffix: Some(suffix),
                    ..
                } => {
                    let mut last = *part;
                    while !last.ends_with(suffix.as_str()) {
                        let Some(next) = parts.get(at) else {
                            return false;
                        };
                        last = next;
                        at += 1;
                    }
                    true
                }
                Segment::Parameter { .. } => true,
                Segment::Literal { text } => part.eq_ignore_ascii_case(text),
                Segment::Cast { type_name } => part.eq_ignore_ascii_case(type_name.as_str()),
                Segment::Call { name, .. } => {
                    short(part.split('(').next().unwrap_or_default()) == short(name)
                }
            };
            if !fits {
                return false;
            }
        }
        at == parts.len()
    }

    /// The `{param}` names, in order (repeats included).
    pub fn parameters(&self) -> impl Iterator<Item = &str> {
        self.segments.iter().filter_map(|s| match s {
            Segment::Parameter { name, .. } => Some(name.as_str()),
            _ => None,
        })
    }
}

impl Segment {
    fn parse(raw: &str, is_call: bool) -> Segment {
        if let Some(inner) = raw.strip_prefix('{') {
            let (name, suffix) = match inner.strip_suffix("}:") {
                Some(name) => (Some(name), Some(":".to_string())),
                None => (inner.strip_suffix('}'), None),
            };
            if let Some(name) = name.filter(|n| !n.contains(['{', '}'])) {
                return Segment::Parameter {
                    name: name.to_string(),
                    suffix,
                };
            }
        }
        if let Some((name, args)) = raw
            .strip_suffix(')')
            .and_then(|r| r.split_once('('))
            .filter(|(name, _)| !name.is_empty())
        {
            return Segment::Call {
                name: name.to_string(),
                arguments: Some(arguments(args)),
            };
        }
        if is_call {
            return Segment::Call {
                name: raw.to_string(),
                arguments: None,
            };
        }
        if raw.contains('.') && raw.split('.').all(is_identifier) {
            return Segment::Cast {
                type_name: TypeName::parse(raw),
            };
        }
        Segment::Literal {
            text: raw.to_string(),
        }
    }

    /// The segment as the template writes it.
    pub fn raw(&self) -> String {
        match self {
            Segment::Literal { text } => text.clone(),
            Segment::Parameter { name, suffix } => {
                format!("{{{name}}}{}", suffix.as_deref().unwrap_or(""))
            }
            Segment::Cast { type_name } => type_name.to_string(),
            Segment::Call {
                name,
                arguments: None,
            } => name.clone(),
            Segment::Call {
                name,
                arguments: Some(arguments),
            } => {
                let args: Vec<String> = arguments
                    .iter()
                    .map(|a| match &a.name {
                        Some(n) => format!("{n}={}", a.value),
                        None => a.value.clone(),
                    })
                    .collect();
                format!("{name}({})", args.join(","))
            }
        }
    }
}

impl AsRef<str> for PathTemplate {
    fn as_ref(&self) -> &str {
        &self.template
    }
}

/// A template whose last segment is not an operation's own call (see [`PathTemplate::parse`]).
impl From<&str> for PathTemplate {
    fn from(template: &str) -> PathTemplate {
        PathTemplate::parse(template, false)
    }
}

fn is_identifier(part: &str) -> bool {
    let mut chars = part.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `a=1,b='x'` -> named arguments; `<sideIndex>` -> one positional. Commas inside
/// quotes do not split.
fn arguments(text: &str) -> Vec<Argument> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '\'' => {
                quoted = !quoted;
                current.push(c);
            }
            ',' if !quoted => parts.push(std::mem::take(&mut current)),
            _ => current.push(c),
        }
    }
    if !current.is_empty() || !parts.is_empty() {
        parts.push(current);
    }
    parts
        .into_iter()
        .map(|p| match p.split_once('=') {
            Some((name, value)) if is_identifier(name.trim()) => Argument {
                name: Some(name.trim().to_string()),
                value: value.trim().to_string(),
            },
            _ => Argument {
                name: None,
                value: p.trim().to_string(),
            },
        })
        .collect()
}

#[derive(Serialize, Deserialize)]
struct PathJson {
    template: String,
    segments: Vec<Segment>,
}

impl Serialize for PathTemplate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        PathJson {
            template: self.template.clone(),
            segments: self.segments.clone(),
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for PathTemplate {
    /// The segments are read as written, so a schema file's reading of its paths is kept.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let json = PathJson::deserialize(deserializer)?;
        Ok(PathTemplate {
            template: json.template,
            segments: json.segments,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(template: &str, ends_in_call: bool) -> Vec<String> {
        PathTemplate::parse(template, ends_in_call)
            .segments()
            .iter()
            .map(|s| match s {
                Segment::Literal { text } => format!("lit {text}"),
                Segment::Parameter { name, suffix } => {
                    format!("param {name}{}", suffix.as_deref().unwrap_or(""))
                }
                Segment::Cast { type_name } => format!("cast {type_name}"),
                Segment::Call { name, arguments } => format!("call {name} {arguments:?}"),
            })
            .collect()
    }

    #[test]
    fn each_segment_kind_has_one_rule() {
        assert_eq!(
            kinds(
                "/users/{id | userPrincipalName}/microsoft.graph.user/$value",
                false
            ),
            [
                "lit users",
                "param id | userPrincipalName",
                "cast microsoft.graph.user",
                "lit $value"
            ]
        );
        assert_eq!(
            kinds("/drives/{drive-id}/root:/{item-path}:/content", false),
            [
                "lit drives",
                "param drive-id",
                "lit root:",
                "param item-path:",
                "lit content"
            ]
        );
        // The last segment of an action is its call, qualified or not, with or without ().
        assert_eq!(
            kinds(
                "/x/{id}/microsoft.management.services.api.updatePriorities",
                true
            ),
            [
                "lit x",
                "param id",
                "call microsoft.management.services.api.updatePriorities None"
            ]
        );
        assert_eq!(
            kinds("/a/range(address='A1,B2')/b", false)[1],
            r#"call range Some([Argument { name: Some("address"), value: "'A1,B2'" }])"#
        );
        assert_eq!(
            kinds("/t/borders(<sideIndex>)", false)[1],
            r#"call borders Some([Argument { name: None, value: "<sideIndex>" }])"#
        );
        // `...` (an elided path) is not a cast.
        assert_eq!(kinds("/a/.../b", false)[1], "lit ...");
    }

    #[test]
    fn a_url_matches_its_template_whatever_its_keys_and_arguments() {
        let function = PathTemplate::parse(
            "/reports/getEmailActivityCounts(period='{period_value}')",
            true,
        );
        assert!(function.matches("/reports/getEmailActivityCounts(period='D7')"));
        assert!(function.matches("/REPORTS/getEmailActivityCounts"));
        assert!(!function.matches("/reports/getEmailActivityUserCounts(period='D7')"));
        assert!(!function.matches("/reports"));
        let composed = PathTemplate::parse("/sheets/{id}/range(address='<address>')/format", false);
        assert!(composed.matches("/sheets/Sheet1/range(address='A1:B2')/format"));
        assert!(!composed.matches("/sheets/Sheet1/range(address='A1:B2')/fill"));
        let by_path: PathTemplate = "/me/drive/root:/{item-path}:/workbook".into();
        assert!(by_path.matches("/me/drive/root:/Book.xlsx:/workbook"));
        assert!(by_path.matches("/me/drive/root:/a/b/Book.xlsx:/workbook"));
        assert!(!by_path.matches("/me/drive/root:/Book.xlsx/workbook"));
        assert_eq!(by_path.parameters().collect::<Vec<_>>(), ["item-path"]);
        let cast: PathTemplate =
            "/deviceConfigurations/{id}/microsoft.graph.windows10GeneralConfiguration".into();
        assert!(
            cast.matches("/deviceConfigurations/7/microsoft.graph.windows10GeneralConfiguration")
        );
    }

    #[test]
    fn segments_write_back_as_the_template_and_round_trip_through_json() {
        for t in [
            "/me/calendarView(startDateTime={start},endDateTime={end})",
            "/users/{id}/microsoft.graph.x/y",
            "/drive/items/{id}/generateDownloadUri()/x",
        ] {
            let p = PathTemplate::parse(t, false);
            let raw: Vec<String> = p.segments().iter().map(Segment::raw).collect();
            assert_eq!(format!("/{}", raw.join("/")), t);
            let json = serde_json::to_string(&p).unwrap();
            assert_eq!(serde_json::from_str::<PathTemplate>(&json).unwrap(), p);
        }
    }
}

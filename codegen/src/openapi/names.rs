//! Names OpenAPI restricts: component keys (`^[a-zA-Z0-9.\-_]+$`), path
//! parameters (unique within a path), operationIds (unique within a document).

use crate::schema::Schema;
use std::collections::{BTreeMap, BTreeSet};

/// Every type's component key, one per type: the qualified name where it is
/// already a valid key (all of Intune's), else with each other character as `_`,
/// and `_2`, `_3` after a key taken by a type earlier in name order.
#[derive(Debug, Clone)]
pub struct ComponentKeys {
    keys: BTreeMap<String, String>,
}

impl ComponentKeys {
    pub fn new(schema: &Schema) -> ComponentKeys {
        let mut taken: BTreeSet<String> = schema
            .types
            .iter()
            .filter(|t| is_key(&t.name))
            .map(|t| t.name.to_string())
            .collect();
        let mut keys = BTreeMap::new();
        for t in &schema.types {
            let key = if is_key(&t.name) {
                t.name.to_string()
            } else {
                let base = replace_invalid(&t.name, |c| {
                    c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')
                });
                unique(&base, &mut taken)
            };
            keys.insert(t.name.to_string(), key);
        }
        ComponentKeys { keys }
    }

    /// The key of a type of the schema.
    pub fn key(&self, type_name: &str) -> Option<&str> {
        self.keys.get(type_name).map(String::as_str)
    }

    /// `#/components/schemas/<key>`.
    pub fn reference(&self, type_name: &str) -> Option<String> {
        self.key(type_name)
            .map(|k| format!("#/components/schemas/{k}"))
    }
}

fn is_key(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

/// `text` with every run of characters `keep` refuses written as one `_`, trimmed of `_`.
fn replace_invalid(text: &str, keep: impl Fn(char) -> bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if keep(c) {
            out.push(c);
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    let trimmed = out.trim_matches('_');
    if trimmed.is_empty() {
        "_".to_string()
    } else {
        trimmed.to_string()
    }
}

/// `base`, or `base_2`, `base_3`... when taken; the result is taken from then on.
fn unique(base: &str, taken: &mut BTreeSet<String>) -> String {
    crate::schema::names::unique(base, "_", taken)
}

/// A documented path template made fit for OpenAPI: a leading `/`, each
/// `{parameter}` named with letters, digits, `_`, `-` and `.` only (`{id |
/// userPrincipalName}` is `{id_userPrincipalName}`), and a name used twice in
/// one path numbered (`/a/{id}/b/{id}` is `/a/{id}/b/{id2}`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct PathTemplate {
    pub text: String,
    pub parameters: Vec<String>,
}

impl PathTemplate {
    pub fn new(documented: &str) -> PathTemplate {
        let mut text = String::with_capacity(documented.len() + 1);
        if !documented.starts_with('/') {
            text.push('/');
        }
        let mut parameters: Vec<String> = Vec::new();
        let mut rest = documented;
        while let Some(open) = rest.find('{') {
            let Some(len) = rest[open..].find('}') else {
                break;
            };
            text.push_str(&rest[..open]);
            let raw = &rest[open + 1..open + len];
            let base = replace_invalid(raw, |c| {
                c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')
            });
            let mut name = base.clone();
            let mut n = 2;
            while parameters.contains(&name) {
                name = format!("{base}{n}");
                n += 1;
            }
            text.push('{');
            text.push_str(&name);
            text.push('}');
            parameters.push(name);
            rest = &rest[open + len + 1..];
        }
        text.push_str(rest);
        PathTemplate { text, parameters }
    }

    /// The path with parameter names left out: OpenAPI holds templates of one
    /// shape (`/a/{x}` and `/a/{y}`) to be the same path.
    pub fn shape(&self) -> String {
        let mut shape = String::with_capacity(self.text.len());
        let mut in_param = false;
        for c in self.text.chars() {
            match c {
                '{' => {
                    in_param = true;
                    shape.push_str("{}");
                }
                '}' => in_param = false,
                _ if !in_param => shape.push(c),
                _ => {}
            }
        }
        shape
    }
}

/// operationIds derived from the method and the path, unique in one document:
/// `PATCH /deviceManagement/deviceConfigurations/{deviceConfigurationId}` is
/// `deviceManagement_deviceConfigurations_byDeviceConfigurationId_patch`: literal
/// segments as written, a parameter as `by<Name>`, a cast `microsoft.graph.x` as
/// `asX`, a function call as its name, `$ref`/`$value`/`$count` without the `$`;
/// then `_2`, `_3` for a second path that gives the same id (callers go in path order).
#[derive(Debug, Default)]
pub struct OperationIds {
    taken: BTreeSet<String>,
}

impl OperationIds {
    pub fn assign(&mut self, method: &str, path: &PathTemplate) -> String {
        let mut words: Vec<String> = path
            .text
            .split('/')
            .filter(|s| !s.is_empty())
            .map(segment_word)
            .collect();
        words.push(method.to_ascii_lowercase());
        let base = words.join("_");
        unique(&base, &mut self.taken)
    }
}

fn segment_word(segment: &str) -> String {
    let ident = |s: &str| replace_invalid(s, |c| c.is_ascii_alphanumeric() || c == '_');
    if let Some(name) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
        return format!("by{}", upper_first(&ident(name)));
    }
    // A function call `name(a='{a}')` or a key `items('{id}')`: its name.
    let head = segment.split('(').next().unwrap_or(segment);
    if let Some(cast) = head.strip_prefix("microsoft.graph.") {
        return format!("as{}", upper_first(&ident(cast)));
    }
    ident(head.trim_start_matches('$'))
}

fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_get_names_openapi_accepts_and_unique_in_their_path() {
        let p = PathTemplate::new("users/{id | userPrincipalName}/events/{id}/x/{id}");
        assert_eq!(p.text, "/users/{id_userPrincipalName}/events/{id}/x/{id2}");
        assert_eq!(p.parameters, ["id_userPrincipalName", "id", "id2"]);
        assert_eq!(p.shape(), "/users/{}/events/{}/x/{}");
        assert_eq!(
            PathTemplate::new("/a/{b").text,
            "/a/{b",
            "an unbalanced brace is left as written"
        );
    }

    #[test]
    fn operation_ids_read_like_the_path_and_never_repeat() {
        let mut ids = OperationIds::default();
        let path = PathTemplate::new(
            "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/microsoft.graph.iosScepCertificateProfile/managedDeviceCertificateStates/$ref",
        );
        assert_eq!(
            ids.assign("DELETE", &path),
            "deviceManagement_deviceConfigurations_byDeviceConfigurationId_asIosScepCertificateProfile_managedDeviceCertificateStates_ref_delete"
        );
        let f = PathTemplate::new("/reports/getTeamsUserActivityCounts(period='{period_value}')");
        assert_eq!(
            ids.assign("GET", &f),
            "reports_getTeamsUserActivityCounts_get"
        );
        // `/a/b-c` and `/a/b_c` read the same: the second is numbered.
        assert_eq!(ids.assign("GET", &PathTemplate::new("/a/b-c")), "a_b_c_get");
        assert_eq!(
            ids.assign("GET", &PathTemplate::new("/a/b_c")),
            "a_b_c_get_2"
        );
    }

    #[test]
    fn component_keys_are_valid_and_distinct() {
        let mut schema = Schema::default();
        for name in [
            "microsoft.graph.directory (deleted items)",
            "microsoft.graph.directory_deleted_items",
            "microsoft.graph.user",
        ] {
            schema.types.push(super::super::tests::type_named(name));
        }
        let keys = ComponentKeys::new(&schema);
        assert_eq!(
            keys.key("microsoft.graph.user"),
            Some("microsoft.graph.user")
        );
        assert_eq!(
            keys.key("microsoft.graph.directory_deleted_items"),
            Some("microsoft.graph.directory_deleted_items")
        );
        assert_eq!(
            keys.key("microsoft.graph.directory (deleted items)"),
            Some("microsoft.graph.directory_deleted_items_2")
        );
    }
}

//! What a page is: from the title's shape, front matter `doc_type` and the
//! page's sections.
//!
//! The hand-written pages do not classify by `doc_type` alone (api pages that
//! say `resourcePageType`, resource pages that say `apiPageType`, enum pages
//! that say `resourcePageType`), so the title's shape decides first:
//! `X enum type` is an enum page and `X resource type` (or `X resource`,
//! `X complex type`) a resource page whatever the `doc_type`; then `doc_type`
//! (`enumPageType`/`enumTypes`, `apiPageType`, `resourcePageType`,
//! `conceptualPageType`), where a `resourcePageType` page with an
//! `HTTP request` section is an operation page; without `doc_type`, an
//! operation title.

use super::inline::collapse_spaces;
use crate::facts::{OperationKind, PageKind};

/// The page kind by the title's shape, `doc_type` and whether the page has an
/// `HTTP request` section.
pub fn page_kind(doc_type: Option<&str>, title: &str, has_http_request: bool) -> Option<PageKind> {
    if enum_type_name(title).is_some() {
        return Some(PageKind::Enum);
    }
    if resource_type_name(title).is_some() {
        return Some(PageKind::Resource);
    }
    if let Some(dt) = doc_type.map(str::trim) {
        let dt = dt.to_ascii_lowercase();
        if dt.starts_with("enum") {
            return Some(PageKind::Enum);
        }
        if dt.starts_with("api") {
            return Some(PageKind::Operation);
        }
        if dt.starts_with("resource") {
            return Some(if has_http_request {
                PageKind::Operation
            } else {
                PageKind::Resource
            });
        }
        if dt.starts_with("conceptual") {
            return Some(PageKind::Other);
        }
    }
    if operation(title).is_some() {
        Some(PageKind::Operation)
    } else {
        None
    }
}

/// The title without a trailing parenthetical (`(deprecated)`, `(preview)`,
/// `(open extensions)`).
fn without_parenthetical(title: &str) -> &str {
    let t = title.trim();
    if t.ends_with(')') {
        if let Some(i) = t.rfind('(') {
            return t[..i].trim_end();
        }
    }
    t
}

/// One identifier (`keySize`, `microsoft.graph.callRecords.session`).
fn single_name(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()
        && s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_'))
    .then(|| s.to_string())
}

fn strip_suffix_word<'a>(title: &'a str, suffix: &str) -> Option<&'a str> {
    let t = title.trim();
    let lower = t.to_ascii_lowercase();
    if lower.ends_with(suffix) && t.len() > suffix.len() {
        let rest = t[..t.len() - suffix.len()].trim_end();
        // The suffix must be whole words.
        if t[..t.len() - suffix.len()].ends_with(' ') && !rest.is_empty() {
            return Some(rest);
        }
    }
    None
}

/// `X resource type` -> `X` (also `X resource`, `X complex type`, the
/// misspelt `X resouce type`, and any of them before a parenthetical). `X`
/// must be one name: `Use the Microsoft Search API` names no type.
pub fn resource_type_name(title: &str) -> Option<String> {
    let t = without_parenthetical(title);
    ["resource type", "resouce type", "complex type", "resource"]
        .iter()
        .find_map(|suffix| strip_suffix_word(t, suffix))
        .and_then(single_name)
}

/// `X enum type` -> `X` (before a parenthetical too); `X` must be one name.
pub fn enum_type_name(title: &str) -> Option<String> {
    strip_suffix_word(without_parenthetical(title), "enum type").and_then(single_name)
}

/// The operation a title names: its kind and, for CRUD, the type in the title;
/// for actions and functions, the name (the last word before `action`/`function`:
/// `Device management intent assign action` -> `assign`).
pub fn operation(title: &str) -> Option<(OperationKind, String)> {
    let title = collapse_spaces(without_parenthetical(title));
    for (suffix, kind) in [
        ("action", OperationKind::Action),
        ("function", OperationKind::Function),
    ] {
        if let Some(rest) = strip_suffix_word(&title, suffix) {
            let name = rest.rsplit(' ').next().unwrap_or(rest);
            return Some((kind, name.to_string()));
        }
    }
    let (verb, rest) = title.split_once(' ')?;
    let kind = match verb.to_ascii_lowercase().as_str() {
        "create" => OperationKind::Create,
        "get" => OperationKind::Get,
        "list" => OperationKind::List,
        "update" => OperationKind::Update,
        "delete" => OperationKind::Delete,
        _ => return None,
    };
    let ty = rest.trim();
    // A CRUD title names one type: `Create iosScepCertificateProfile`.
    if ty.is_empty() || ty.contains(' ') {
        return None;
    }
    Some((kind, ty.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        assert_eq!(
            page_kind(None, "keySize enum type", false),
            Some(PageKind::Enum)
        );
        assert_eq!(
            page_kind(None, "iosScepCertificateProfile resource type", false),
            Some(PageKind::Resource)
        );
        assert_eq!(
            page_kind(None, "Create iosScepCertificateProfile", true),
            Some(PageKind::Operation)
        );
        assert_eq!(
            page_kind(
                None,
                "How to protect your company app data with Microsoft Intune",
                false
            ),
            None
        );
        assert_eq!(
            page_kind(Some("apiPageType"), "whatever", true),
            Some(PageKind::Operation)
        );
        // The title's shape beats a doc_type that says otherwise.
        assert_eq!(
            page_kind(
                Some("resourcePageType"),
                "teamsAsyncOperationStatus enum type",
                false
            ),
            Some(PageKind::Enum)
        );
        assert_eq!(
            page_kind(Some("apiPageType"), "activateService resource type", false),
            Some(PageKind::Resource)
        );
        // An api page filed as a resource page: its HTTP request section says what it is.
        assert_eq!(
            page_kind(Some("resourcePageType"), "Create legalHold", true),
            Some(PageKind::Operation)
        );
        assert_eq!(
            page_kind(
                Some("resourcePageType_"),
                "Use the Microsoft Graph Security API",
                false
            ),
            Some(PageKind::Resource)
        );
        assert_eq!(
            page_kind(Some("conceptualPageType"), "Overview", false),
            Some(PageKind::Other)
        );
        assert_eq!(
            page_kind(Some("enumTypes"), "Enum values", false),
            Some(PageKind::Enum)
        );
        assert_eq!(
            resource_type_name("accessReview resource type (deprecated)").as_deref(),
            Some("accessReview")
        );
        assert_eq!(
            resource_type_name("approvalStage complex type").as_deref(),
            Some("approvalStage")
        );
        assert_eq!(
            resource_type_name("media resouce type").as_deref(),
            Some("media")
        );
        assert_eq!(
            resource_type_name("ListItem resource").as_deref(),
            Some("ListItem")
        );
        assert_eq!(
            resource_type_name("Use the Microsoft Search API to query data"),
            None
        );
        assert_eq!(
            resource_type_name("Configuring the invitation message"),
            None
        );
        assert_eq!(
            operation("Device management intent assign action"),
            Some((OperationKind::Action, "assign".into()))
        );
        assert_eq!(
            operation("Office client configuration assign  assign action"),
            Some((OperationKind::Action, "assign".into()))
        );
        assert_eq!(
            operation("getRemediationHistory function"),
            Some((OperationKind::Function, "getRemediationHistory".into()))
        );
        assert_eq!(
            operation("List iosScepCertificateProfiles"),
            Some((OperationKind::List, "iosScepCertificateProfiles".into()))
        );
        assert_eq!(resource_type_name("keySize enum type"), None);
    }
}

//! What a page is: from front matter `doc_type` or, on older pages, the title.

use super::inline::collapse_spaces;
use crate::facts::{OperationKind, PageKind};

/// The page kind by `doc_type` (authoritative when present) or by the title's shape.
pub fn page_kind(doc_type: Option<&str>, title: &str) -> Option<PageKind> {
    match doc_type.map(str::trim) {
        Some("apiPageType") => return Some(PageKind::Operation),
        Some("resourcePageType") => return Some(PageKind::Resource),
        Some("enumPageType") => return Some(PageKind::Enum),
        _ => {}
    }
    if resource_type_name(title).is_some() {
        Some(PageKind::Resource)
    } else if enum_type_name(title).is_some() {
        Some(PageKind::Enum)
    } else if operation(title).is_some() {
        Some(PageKind::Operation)
    } else {
        None
    }
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

/// `X resource type` -> `X`.
pub fn resource_type_name(title: &str) -> Option<String> {
    strip_suffix_word(title, "resource type").map(|s| s.rsplit(' ').next().unwrap_or(s).to_string())
}

/// `X enum type` -> `X`.
pub fn enum_type_name(title: &str) -> Option<String> {
    strip_suffix_word(title, "enum type").map(|s| s.rsplit(' ').next().unwrap_or(s).to_string())
}

/// The operation a title names: its kind and, for CRUD, the type in the title;
/// for actions and functions, the name (the last word before `action`/`function`:
/// `Device management intent assign action` -> `assign`).
pub fn operation(title: &str) -> Option<(OperationKind, String)> {
    let title = collapse_spaces(title);
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
        assert_eq!(page_kind(None, "keySize enum type"), Some(PageKind::Enum));
        assert_eq!(
            page_kind(None, "iosScepCertificateProfile resource type"),
            Some(PageKind::Resource)
        );
        assert_eq!(
            page_kind(None, "Create iosScepCertificateProfile"),
            Some(PageKind::Operation)
        );
        assert_eq!(
            page_kind(
                None,
                "How to protect your company app data with Microsoft Intune"
            ),
            None
        );
        assert_eq!(
            page_kind(Some("apiPageType"), "whatever"),
            Some(PageKind::Operation)
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

//! What a page is: from the title's shape, front matter `doc_type` and the
//! page's sections.
//!
//! The hand-written pages do not classify by `doc_type` alone (api pages that
//! say `resourcePageType`, resource pages that say `apiPageType`, enum pages
//! that say `resourcePageType`), so the title's shape decides first:
//! `X enum type` is an enum page and `X resource type` (or `X resource`,
//! `X complex type`) a resource page whatever the `doc_type`, unless it is an
//! operation title over an `HTTP request` section (`Get resource`); then `doc_type`
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
    // `Get resource` with an HTTP request is an operation on a type named `resource`.
    if has_http_request && operation(title).is_some() {
        return Some(PageKind::Operation);
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
pub(super) fn without_parenthetical(title: &str) -> &str {
    let t = title.trim();
    if t.ends_with(')') {
        if let Some(i) = t.rfind('(') {
            return t[..i].trim_end();
        }
    }
    t
}

/// One name (`keySize`, `microsoft.graph.callRecords.session`, even `3des`):
/// one word, without punctuation that cannot be in a type name.
fn single_name(s: &str) -> Option<String> {
    let s = s.trim();
    let bad = |c: char| {
        c.is_whitespace()
            || matches!(
                c,
                ':' | ',' | ';' | '(' | ')' | '/' | '{' | '}' | '=' | '$' | '\''
            )
    };
    (!s.is_empty() && !s.chars().any(bad)).then(|| s.to_string())
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

/// What an operation page documents: its kind, its name (`create`, ... for
/// CRUD, with a suffix for `$ref`, stream and `$count` paths; the action or
/// function name otherwise) and the type its title names or binds it to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationTitle {
    pub kind: OperationKind,
    pub name: String,
    /// CRUD: the one type the title names (`Create iosScepCertificateProfile`);
    /// actions and functions: the type of a `type: operation` title.
    pub ty: Option<String>,
}

/// The last segment of a path template that is not a type cast, without a
/// query string, and whether a `$ref`/`$value`/`$count`/`content` segment ends it.
fn path_tail(path: &str) -> (Option<&str>, Option<&'static str>) {
    let path = path.split('?').next().unwrap_or(path);
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let suffix = match segs.last().map(|s| s.to_ascii_lowercase()).as_deref() {
        Some("$ref") => Some("Ref"),
        Some("$value") | Some("content") => Some("Content"),
        Some("$count") => Some("Count"),
        _ => None,
    };
    let last = if suffix.is_some() {
        segs.len().checked_sub(2).map(|i| segs[i])
    } else {
        segs.last().copied()
    };
    (last, suffix)
}

/// A CRUD operation's name: its kind (`upsert` for an update by PUT), then the
/// path's `$ref`/stream/`$count` suffix (`createRef`, `getContent`).
fn crud_name(kind: OperationKind, method: &str, suffix: Option<&str>) -> String {
    let base = if kind == OperationKind::Update && method == "PUT" {
        "upsert"
    } else {
        kind.as_str()
    };
    format!("{base}{}", suffix.unwrap_or(""))
}

/// Whether a title verb's kind can be read with this HTTP method.
fn verb_fits(kind: OperationKind, method: &str) -> bool {
    match kind {
        OperationKind::Get | OperationKind::List => method == "GET",
        OperationKind::Create => method == "POST" || method == "PUT",
        OperationKind::Update => method == "PATCH" || method == "PUT",
        OperationKind::Delete => method == "DELETE",
        OperationKind::Action | OperationKind::Function => true,
    }
}

/// A function call segment `name(...)` -> `name`; `delta` -> `delta`.
fn function_segment(seg: &str) -> Option<String> {
    let seg = seg.strip_prefix("microsoft.graph.").unwrap_or(seg);
    if let Some(i) = seg.find('(') {
        return single_name(&seg[..i]).filter(|n| !n.contains('.'));
    }
    seg.eq_ignore_ascii_case("delta")
        .then(|| "delta".to_string())
}

/// An action name from a POST path's last segment (`assignLicense`,
/// `microsoft.graph.restore`); none for keys and casts to a type.
fn action_segment(seg: &str) -> Option<String> {
    if seg.starts_with('{') || seg.contains('=') {
        return None;
    }
    let seg = seg.strip_prefix("microsoft.graph.").unwrap_or(seg);
    let seg = seg.split('(').next().unwrap_or(seg);
    single_name(seg).filter(|n| !n.contains('.'))
}

/// The kind from the HTTP method and the path's shape alone: PATCH and PUT
/// update (PUT: upsert), DELETE deletes; GET of a key or a `key=value`
/// segment gets one, of `name(...)` or `delta` calls a function, else lists
/// (a singular last segment gets); POST to `$ref` adds a reference, other POSTs
/// call the action the last segment names.
fn kind_from_path(method: &str, path: &str) -> Option<(OperationKind, String)> {
    let (last, suffix) = path_tail(path);
    let crud = |k: OperationKind| Some((k, crud_name(k, method, suffix)));
    match method {
        "PATCH" | "PUT" => crud(OperationKind::Update),
        "DELETE" => crud(OperationKind::Delete),
        "GET" => {
            let last = last?;
            if suffix.is_none() {
                if let Some(f) = function_segment(last) {
                    return Some((OperationKind::Function, f));
                }
            }
            let key = last.starts_with('{') || last.contains('=');
            let singular = suffix.is_none() && !last.ends_with('s');
            if key || singular || suffix == Some("Content") {
                crud(OperationKind::Get)
            } else {
                crud(OperationKind::List)
            }
        }
        "POST" => {
            if suffix.is_some() {
                return crud(OperationKind::Create);
            }
            action_segment(last?).map(|a| (OperationKind::Action, a))
        }
        _ => None,
    }
}

/// The CRUD kind a title's verb names (`List`, `Enumerate`, `Get`, `Create`, `Add`,
/// `Update`, `Replace`, `Delete`, `Remove`; any case).
fn crud_verb(verb: &str) -> Option<OperationKind> {
    match verb.to_ascii_lowercase().as_str() {
        "list" | "enumerate" => Some(OperationKind::List),
        "get" => Some(OperationKind::Get),
        "create" | "add" => Some(OperationKind::Create),
        "update" | "replace" => Some(OperationKind::Update),
        "delete" | "remove" => Some(OperationKind::Delete),
        _ => None,
    }
}

/// What an operation page documents, from its title and the method and path of
/// its first template (`None` when neither tells). In order: the Intune title
/// shapes ([`operation`]); `type: operation` (a bound action, or a function
/// when read with GET); a title verb (`List`, `Enumerate`, `Get`, `Create`,
/// `Add`, `Update`, `Replace`, `Delete`, `Remove`) with the path's `$ref`,
/// stream or `$count` suffix; and the method and path shape alone
/// ([`kind_from_path`]) for other verbs and bare names.
pub fn operation_of(title: &str, first: Option<(&str, &str)>) -> Option<OperationTitle> {
    let suffix = first.and_then(|(_, p)| path_tail(p).1);
    let method = first.map(|(m, _)| m).unwrap_or("");
    let from_path = first.and_then(|(m, p)| kind_from_path(m, p));
    if let Some((kind, word)) = operation(title) {
        let crud = !matches!(kind, OperationKind::Action | OperationKind::Function);
        return Some(if crud {
            OperationTitle {
                kind,
                name: crud_name(kind, method, suffix),
                ty: Some(word),
            }
        } else {
            OperationTitle {
                kind,
                name: word,
                ty: None,
            }
        });
    }
    let title = collapse_spaces(without_parenthetical(title));
    // `user: delta`, `servicePrincipal: addPassword`, `orgContact: Get manager`.
    let (bound, rest) = match title.split_once(':') {
        Some((t, r)) if single_name(t).is_some() => {
            (Some(t.trim().to_string()), r.trim().to_string())
        }
        _ => (None, title.clone()),
    };
    if let (Some(ty), Some(op)) = (&bound, single_name(&rest)) {
        // `Chart: delete` over `DELETE /charts/{name}`: a CRUD verb that the method and
        // the path's shape both read as that verb is that CRUD call, not an action named
        // after it (`Range: delete` over `POST .../range/delete` stays an action). The
        // word before the colon is no type name here (`TableColumn` of the Excel pages,
        // whose type is `workbookTableColumn`): the target comes from the path, as for a
        // title of several words.
        if let (Some(k), Some((path_kind, name))) = (crud_verb(&op), &from_path) {
            if *path_kind == k && verb_fits(k, method) {
                return Some(OperationTitle {
                    kind: k,
                    name: name.clone(),
                    ty: None,
                });
            }
        }
        let get = first.is_some_and(|(m, _)| m == "GET");
        let kind = if get || op.eq_ignore_ascii_case("delta") {
            OperationKind::Function
        } else {
            OperationKind::Action
        };
        return Some(OperationTitle {
            kind,
            name: op,
            ty: Some(ty.clone()),
        });
    }
    let verb = rest.split(' ').next().unwrap_or("");
    let by_verb = crud_verb(verb);
    let kind_and_name = match (by_verb, &from_path) {
        // A GET titled `Get` that calls a function is that function.
        (Some(OperationKind::Get), Some((OperationKind::Function, f))) => {
            Some((OperationKind::Function, f.clone()))
        }
        // The verb fits the method (`Get member groups` over a POST is an action).
        (Some(k), _) if first.is_none() || verb_fits(k, method) => {
            Some((k, crud_name(k, method, suffix)))
        }
        (_, p) => p.clone(),
    };
    let (kind, name) = kind_and_name?;
    Some(OperationTitle {
        kind,
        name,
        ty: None,
    })
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
            page_kind(Some("apiPageType"), "Get resource", true),
            Some(PageKind::Operation)
        );
        assert_eq!(
            page_kind(Some("resourcePageType"), "List resource", false),
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

    fn op(title: &str, method: &str, path: &str) -> (OperationKind, String, Option<String>) {
        let o = operation_of(title, Some((method, path))).unwrap();
        (o.kind, o.name, o.ty)
    }

    #[test]
    fn hand_written_operation_titles() {
        use OperationKind::*;
        assert_eq!(
            op(
                "Create iosScepCertificateProfile",
                "POST",
                "/deviceManagement/deviceConfigurations"
            ),
            (
                Create,
                "create".into(),
                Some("iosScepCertificateProfile".into())
            )
        );
        assert_eq!(
            op(
                "servicePrincipal: addPassword",
                "POST",
                "/servicePrincipals/{id}/addPassword"
            ),
            (
                Action,
                "addPassword".into(),
                Some("servicePrincipal".into())
            )
        );
        assert_eq!(
            op("user: delta", "GET", "/users/delta"),
            (Function, "delta".into(), Some("user".into()))
        );
        assert_eq!(
            op(
                "List user devices",
                "GET",
                "/users/{id | userPrincipalName}/devices"
            ),
            (List, "list".into(), None)
        );
        assert_eq!(
            op("Add member", "POST", "/groups/{id}/members/$ref"),
            (Create, "createRef".into(), None)
        );
        assert_eq!(
            op("Remove owner", "DELETE", "/groups/{id}/owners/{id}/$ref"),
            (Delete, "deleteRef".into(), None)
        );
        assert_eq!(
            op(
                "Delete identityProvider from a b2cIdentityUserFlow (deprecated)",
                "DELETE",
                "/identity/b2cUserFlows/{id}/identityProviders/{id}/$ref"
            ),
            (Delete, "deleteRef".into(), None)
        );
        assert_eq!(
            op(
                "Grant permission",
                "POST",
                "/shares/{encoded-sharing-url}/permission/grant"
            ),
            (Action, "grant".into(), None)
        );
        assert_eq!(
            op(
                "Get email activity counts",
                "GET",
                "/reports/getEmailActivityCounts(period='{period_value}')"
            ),
            (Function, "getEmailActivityCounts".into(), None)
        );
        assert_eq!(
            op(
                "Replace shift",
                "PUT",
                "/teams/{teamId}/schedule/shifts/{shiftId}"
            ),
            (Update, "upsert".into(), None)
        );
        assert_eq!(
            op("Get member groups", "POST", "/me/getMemberGroups"),
            (Action, "getMemberGroups".into(), None)
        );
        assert_eq!(
            op("Download photo", "GET", "/me/photo/$value"),
            (Get, "getContent".into(), None)
        );
        assert_eq!(
            op("checkMemberGroups", "POST", "/me/checkMemberGroups"),
            (Action, "checkMemberGroups".into(), None)
        );
        assert_eq!(
            op(
                "Chart: delete",
                "DELETE",
                "/me/drive/items/{id}/workbook/worksheets/{id|name}/charts/{name}"
            ),
            (Delete, "delete".into(), None)
        );
        assert_eq!(
            op(
                "Range: delete",
                "POST",
                "/me/drive/items/{id}/workbook/names/{name}/range/delete"
            ),
            (Action, "delete".into(), Some("Range".into()))
        );
        assert_eq!(
            op("printer: create", "POST", "/print/printers/create"),
            (Action, "create".into(), Some("printer".into()))
        );
        assert_eq!(operation_of("Overview", None), None);
    }
}

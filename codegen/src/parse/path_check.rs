//! Whether a documented `METHOD /path` is well formed. Paths reach the
//! generated client as data (string literals, method names, doc text), never as
//! code; a path that is not a URL template is reported and skipped, so that a
//! reader of the generated crate never meets one.

/// The HTTP methods an operation page may document.
pub const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// The most segments a path may have: each is a node of the generated client;
/// the longest path of the Graph beta reference (2021-07) has 15.
pub const MAX_SEGMENTS: usize = 64;

/// What is wrong with `template` (a path with an optional query string), or `None`.
///
/// Outside `{parameters}`: the characters RFC 3986 allows in a path (unreserved,
/// `%`, sub-delimiters, `:` `@`), `<placeholders>`, and spaces only inside a
/// function call's parentheses. Inside braces: anything visible but braces and
/// `/`. No `.`/`..` segment, no empty segment, no quote, backslash or backtick.
pub fn template_problem(template: &str) -> Option<String> {
    let path = template.split_once('?').map_or(template, |(p, _)| p);
    if !path.starts_with('/') {
        return Some("does not start with `/`".into());
    }
    let mut in_param = false;
    let mut parens = 0usize;
    for c in path.chars() {
        if c.is_control() || crate::hidden_chars::classify(c).is_some() {
            return Some(format!("holds the control character U+{:04X}", c as u32));
        }
        if in_param {
            match c {
                '}' => in_param = false,
                '{' | '/' => return Some("a `{parameter}` is not closed before `/` or `{`".into()),
                _ => {}
            }
            continue;
        }
        match c {
            '{' => in_param = true,
            '}' => return Some("a `}` closes no `{parameter}`".into()),
            '(' => parens += 1,
            ')' => parens = parens.saturating_sub(1),
            ' ' if parens > 0 => {}
            '"' | '\\' | '`' => return Some(format!("holds `{c}`, which no URL path holds")),
            c if c.is_ascii_alphanumeric() || "-._~%!$&'()*+,;=:@/<>[]".contains(c) => {}
            c => return Some(format!("holds `{c}`, which is not allowed in a URL path")),
        }
    }
    if in_param {
        return Some("a `{parameter}` is not closed".into());
    }
    let segments: Vec<&str> = path[1..].split('/').collect();
    if segments.len() > 1 && segments[..segments.len() - 1].contains(&"") {
        return Some("has an empty segment (`//`)".into());
    }
    if segments.len() > MAX_SEGMENTS {
        return Some(format!(
            "has {} segments, more than the {MAX_SEGMENTS} a generated client path may have",
            segments.len()
        ));
    }
    if segments.iter().any(|s| *s == "." || *s == "..") {
        return Some("has a `.` or `..` segment".into());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::template_problem;

    #[test]
    fn documented_forms_are_well_formed() {
        for ok in [
            "/deviceManagement/deviceConfigurations/{deviceConfigurationId}",
            "/users/{id | userPrincipalName}/photo/$value",
            "/me/drive/root:/{item-path}:/content",
            "/reports/getEmailActivityUserDetail(period='{period_value}')",
            "/me/drive/items/{id}/workbook/worksheets/{id|name}/range(address='<address>')",
            "/workbook/range/resizedRange(deltaRows={n}, deltaColumns={n})",
            "/me/events/delta?startDateTime={start_datetime}&endDateTime={end}",
            "/sites?$filter=siteCollection/root ne null",
            "/users/{user-id}/",
            "/",
        ] {
            assert_eq!(template_problem(ok), None, "{ok}");
        }
    }

    #[test]
    fn hostile_forms_are_not() {
        for bad in [
            "/users/{id}\")); panic!(\"x",
            "/a/../../etc/passwd",
            "/a b/c",
            "/x/{{id}}/y",
            "/x/{id",
            "/x/id}",
            "/x//y",
            "/x/y\\z",
            "/x/`y`",
            "/x/\u{202E}y",
            "/x/\u{7}",
            "users",
            &"/s".repeat(super::MAX_SEGMENTS + 1),
        ] {
            assert!(template_problem(bad).is_some(), "{bad:?}");
        }
    }
}

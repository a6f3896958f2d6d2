// The helpers every operation's function in `src/client/dispatch.rs` uses, after
// `call` (see emit/client/dispatch.rs). A template: its items are spliced into
// that file's token stream, so prettyplease lays them out with the rest, and
// these plain comments do not reach the generated file.

#[allow(dead_code)] // unused when every area feature is off
fn from_json<T: serde::de::DeserializeOwned>(json: Option<serde_json::Value>) -> Result<T, String> {
    let json = json.ok_or("no body")?;
    serde_json::from_value(json).map_err(|e| format!("the body does not deserialize: {e}"))
}

/// The bytes of a byte body: a JSON string's text, or any other JSON value as written.
#[allow(dead_code)] // unused when no operation sends bytes
fn from_text(json: Option<serde_json::Value>) -> Result<crate::client::core::Content, String> {
    Ok(crate::client::core::Content::new(match json.ok_or("no body")? {
        serde_json::Value::String(text) => text,
        other => other.to_string(),
    }))
}

/// Matches `path` (`/a/b/c`, query dropped) against a template: literal segments
/// (ASCII case-insensitively), `None` for parameters, `{}:` for an item path (the
/// segments up to one that ends in `:`), and `name(a,b)` for a function
/// composed in the middle of the path (`range(address='A1')`); the values of the
/// parameters and of those functions' arguments are returned in order.
/// With `function`, the last segment is `function(args)` (or `function`), whose
/// arguments are returned as a JSON object.
#[allow(dead_code)] // unused when every area feature is off
fn match_path(
    path: &str,
    pattern: &[Option<&str>],
    function: Option<&str>,
) -> Option<(Vec<String>, Option<serde_json::Value>)> {
    let path = path.split('?').next().unwrap_or_default();
    let mut segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let mut args = None;
    if let Some(f) = function {
        let last = segs.pop()?;
        let (name, rest) = match last.find('(') {
            Some(i) => (&last[..i], Some(&last[i..])),
            None => (last, None),
        };
        if !name.eq_ignore_ascii_case(f) {
            return None;
        }
        let inner = match rest {
            Some(r) => r.strip_prefix('(')?.strip_suffix(')')?,
            None => "",
        };
        args = Some(function_args(inner)?);
    }
    let mut ids = Vec::new();
    let mut segs = segs.into_iter();
    for pat in pattern {
        let seg = segs.next()?;
        match pat {
            // An item path: every segment up to the one a `:` closes, `/` kept.
            Some("{}:") => {
                let mut parts = vec![seg];
                while !parts[parts.len() - 1].ends_with(':') {
                    parts.push(segs.next()?);
                }
                let joined = parts.join("/");
                ids.push(joined.trim_end_matches(':').to_string());
            }
            Some(lit) => match call_pattern(lit) {
                Some((name, arguments)) => {
                    let (seg_name, inner) = seg.strip_suffix(')')?.split_once('(')?;
                    if !seg_name.eq_ignore_ascii_case(name) {
                        return None;
                    }
                    ids.extend(call_values(inner, &arguments)?);
                }
                None if seg.eq_ignore_ascii_case(lit) => {}
                None => return None,
            },
            None => ids.push(seg.to_string()),
        }
    }
    if segs.next().is_some() {
        return None;
    }
    Some((ids, args))
}

/// `a='x',n=3,b=true` -> `{"a": "x", "n": 3, "b": true}` (`''` inside quotes is `'`); an
/// enum member `e=microsoft.graph.kind'one'` is `"one"`.
#[allow(dead_code)]
fn function_args(text: &str) -> Option<serde_json::Value> {
    let mut map = serde_json::Map::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        let eq = rest.find('=')?;
        let name = rest[..eq].trim().to_string();
        rest = rest[eq + 1..].trim_start();
        let value;
        // `microsoft.graph.kind'one'`: the enum's name, then the member quoted.
        let enum_name = rest
            .find('\'')
            .filter(|&q| q > 0 && rest[..q].chars().all(|c| c.is_alphanumeric() || c == '.' || c == '_'));
        if let Some(q) = enum_name {
            rest = &rest[q..];
        }
        if let Some(quoted) = rest.strip_prefix('\'') {
            let mut s = String::new();
            let mut chars = quoted.char_indices().peekable();
            let mut end = None;
            while let Some((i, c)) = chars.next() {
                if c == '\'' {
                    if chars.peek().map(|(_, c)| *c) == Some('\'') {
                        chars.next();
                        s.push('\'');
                    } else {
                        end = Some(i + 1);
                        break;
                    }
                } else {
                    s.push(c);
                }
            }
            value = serde_json::Value::String(s);
            rest = quoted[end?..].trim_start();
        } else {
            let end = rest.find(',').unwrap_or(rest.len());
            let raw = rest[..end].trim();
            value = serde_json::from_str(raw).unwrap_or_else(|_| serde_json::Value::String(raw.to_string()));
            rest = &rest[end..];
        }
        map.insert(name, value);
        rest = rest.strip_prefix(',').unwrap_or(rest).trim_start();
    }
    Some(serde_json::Value::Object(map))
}

/// `range(address)` -> (`range`, [`address`]): a call pattern of `match_path`; None for a
/// literal (no parentheses, or none of a name before them).
#[allow(dead_code)]
fn call_pattern(pattern: &str) -> Option<(&str, Vec<&str>)> {
    let (name, inner) = pattern.strip_suffix(')')?.split_once('(')?;
    if name.is_empty() || inner.contains(['\'', '=', '{', '<']) {
        return None;
    }
    Some((name, inner.split(',').filter(|a| !a.is_empty()).collect()))
}

/// The values of a composed call's arguments in the order of `names`: named
/// (`address='A1'`), or one positional (`'A1'`).
#[allow(dead_code)]
fn call_values(inner: &str, names: &[&str]) -> Option<Vec<String>> {
    let text = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if let Some(serde_json::Value::Object(map)) = function_args(inner) {
        return names
            .iter()
            .map(|n| map.iter().find(|(k, _)| k.eq_ignore_ascii_case(n)).map(|(_, v)| text(v)))
            .collect();
    }
    let positional = function_args(&format!("{}={inner}", names.first()?))?;
    (names.len() == 1).then(|| vec![text(&positional[names[0]])])
}

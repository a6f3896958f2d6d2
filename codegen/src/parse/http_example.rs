//! HTTP example blocks (`### Request` / `### Response`) and JSON bodies.
//!
//! A request block is `METHOD https://graph.microsoft.com/beta/...`, then
//! `Name: value` headers (some pages put a blank line before them), then a
//! blank line and the body. A response block is `HTTP/1.1 200 OK`, headers,
//! blank line, body.

use super::Ctx;
use crate::diag::{Code, Diagnostic};
use crate::facts::{is_json_media_type, ExampleFact, ExampleKind};

/// The trimmed body text starting at `first_line` (line of `text`'s first line),
/// its JSON, and the line of its first non-blank line. A body whose `Content-Type`
/// is not JSON (`image/jpeg`, `text/plain`) is bytes: kept as text, not parsed.
pub fn body(
    ctx: &mut Ctx,
    text: &str,
    first_line: u32,
    content_type: Option<&str>,
) -> (Option<String>, Option<serde_json::Value>, u32) {
    let lines: Vec<&str> = text.split('\n').collect();
    let Some(skip) = lines.iter().position(|l| !l.trim().is_empty()) else {
        return (None, None, first_line);
    };
    let at = first_line + skip as u32;
    let body = lines[skip..].join("\n").trim().to_string();
    if content_type.is_some_and(|t| !is_json_media_type(t)) {
        return (Some(body), None, at);
    }
    let json = match serde_json::from_str::<serde_json::Value>(&body) {
        Ok(v) => Some(v),
        Err(e) => {
            ctx.push(
                Diagnostic::warning(
                    Code::InvalidJson,
                    &ctx.at(at + e.line().saturating_sub(1) as u32),
                    format!("example body is not valid JSON: {e}"),
                )
                .with_help("make the block's body one JSON value, with nothing after it"),
            );
            None
        }
    };
    (Some(body), json, at)
}

fn is_header(line: &str) -> bool {
    match line.split_once(':') {
        Some((name, _)) => {
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        }
        None => false,
    }
}

/// `https://graph.microsoft.com/beta/x/y` -> `/x/y`; `None` if it is not such a URL.
fn url_path(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let slash = rest.find('/')?;
    let path = &rest[slash..];
    let path = ["/beta", "/v1.0"]
        .iter()
        .find_map(|v| {
            path.strip_prefix(v)
                .filter(|p| p.is_empty() || p.starts_with('/'))
        })
        .unwrap_or(path);
    if path.is_empty() || path.contains('*') {
        return None;
    }
    Some(path.to_string())
}

/// The value of the first `Content-Type` header among `lines` (any case), trimmed.
fn content_type(lines: &[&str]) -> Option<String> {
    lines.iter().find_map(|l| {
        let (name, value) = l.trim().split_once(':')?;
        (is_header(l.trim()) && name.trim().eq_ignore_ascii_case("content-type"))
            .then(|| value.trim().to_string())
            .filter(|v| !v.is_empty())
    })
}

/// Index of the first body line after the start line `i0` and the header lines.
fn body_start(lines: &[&str], mut i: usize) -> usize {
    // Blank lines before the headers happen (127 pages); headers end at the
    // first blank line or non-header line after them.
    let mut j = i;
    while j < lines.len() && lines[j].trim().is_empty() {
        j += 1;
    }
    if j < lines.len() && is_header(lines[j].trim()) {
        i = j;
        while i < lines.len() && is_header(lines[i].trim()) {
            i += 1;
        }
    }
    i
}

pub fn request(ctx: &mut Ctx, text: &str, first_line: u32) -> ExampleFact {
    let lines: Vec<&str> = text.split('\n').collect();
    let start = lines.iter().position(|l| !l.trim().is_empty()).unwrap_or(0);
    let line0 = first_line + start as u32;
    let mut method = None;
    let mut url = None;
    let mut next = start + 1;
    let first = lines.get(start).copied().unwrap_or("").trim();
    match first.split_once(char::is_whitespace) {
        Some((m, rest)) if !m.is_empty() && m.chars().all(|c| c.is_ascii_uppercase()) => {
            method = Some(m.to_string());
            // A URL with a multi-line argument list (`getX(ids=[` ... `])`) continues
            // until its brackets balance.
            let mut u = rest.trim().to_string();
            while next < lines.len() && unbalanced(&u) {
                u.push_str(lines[next].trim());
                next += 1;
            }
            url = url_path(&u);
            if url.is_none() {
                bad_request_line(ctx, line0, first);
            }
        }
        _ => bad_request_line(ctx, line0, first),
    }
    // A second request line in the same block: note it, it is not a body.
    while next < lines.len() && is_request_line(lines[next]) {
        ctx.push(
            Diagnostic::note(
                Code::BadRequestLine,
                &ctx.at(first_line + next as u32),
                "second request line in one example block; ignored",
            )
            .with_help("give each request its own block"),
        );
        next += 1;
    }
    let b = body_start(&lines, next);
    let content_type = content_type(lines.get(next..b).unwrap_or_default());
    let rest = lines.get(b..).map(|r| r.join("\n")).unwrap_or_default();
    let (body, json, at) = body(ctx, &rest, first_line + b as u32, content_type.as_deref());
    ExampleFact {
        kind: ExampleKind::Request,
        method,
        url,
        status: None,
        at: ctx.at(if body.is_some() { at } else { line0 }),
        body,
        content_type,
        json,
        annotated_type: None,
        annotated_collection: false,
    }
}

fn is_request_line(l: &str) -> bool {
    let l = l.trim();
    matches!(l.split_once(' '), Some((m, rest)) if ["GET", "POST", "PATCH", "PUT", "DELETE"].contains(&m) && (rest.starts_with('/') || rest.starts_with("http")))
}

fn unbalanced(u: &str) -> bool {
    let count = |c| u.matches(c).count();
    count('(') > count(')') || count('[') > count(']')
}

fn bad_request_line(ctx: &mut Ctx, line: u32, text: &str) {
    ctx.push(
        Diagnostic::warning(Code::BadRequestLine, &ctx.at(line), format!("request line `{text}` is not `METHOD https://graph.microsoft.com/<version>/<path>`"))
            .with_help("write the method and the full request URL"),
    );
}

pub fn response(ctx: &mut Ctx, text: &str, first_line: u32) -> ExampleFact {
    let lines: Vec<&str> = text.split('\n').collect();
    let start = lines.iter().position(|l| !l.trim().is_empty()).unwrap_or(0);
    let line0 = first_line + start as u32;
    let first = lines.get(start).copied().unwrap_or("").trim();
    let mut parts = first.split_whitespace();
    let status = match (
        parts.next(),
        parts.next().and_then(|c| c.parse::<u16>().ok()),
    ) {
        (Some(v), Some(code)) if v.starts_with("HTTP/") => Some(code),
        _ => {
            ctx.push(
                Diagnostic::warning(
                    Code::BadStatusLine,
                    &ctx.at(line0),
                    format!(
                        "response example starts with `{first}`, not `HTTP/1.1 <code> <reason>`"
                    ),
                )
                .with_help("start the response example with its status line"),
            );
            None
        }
    };
    let b = body_start(&lines, start + 1);
    let content_type = content_type(lines.get(start + 1..b).unwrap_or_default());
    let rest = lines.get(b..).map(|r| r.join("\n")).unwrap_or_default();
    let (body, json, at) = body(ctx, &rest, first_line + b as u32, content_type.as_deref());
    ExampleFact {
        kind: ExampleKind::Response,
        method: None,
        url: None,
        status,
        at: ctx.at(if body.is_some() { at } else { line0 }),
        body,
        content_type,
        json,
        annotated_type: None,
        annotated_collection: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> Ctx {
        Ctx {
            path: "p.md".into(),
            diags: Vec::new(),
            namespace: None,
        }
    }

    #[test]
    fn request_with_blank_before_headers() {
        let mut c = ctx();
        let e = request(&mut c, "POST https://graph.microsoft.com/beta/a/{id}/createToken\n\nContent-type: application/json\nContent-length: 35\n\n{\n  \"x\": 6\n}\n", 10);
        assert_eq!(e.method.as_deref(), Some("POST"));
        assert_eq!(e.url.as_deref(), Some("/a/{id}/createToken"));
        assert_eq!(e.at.line, 15);
        assert_eq!(e.json.unwrap()["x"], 6);
        assert!(c.diags.is_empty(), "{:?}", c.diags);
    }

    #[test]
    fn multi_line_url_and_no_body() {
        let mut c = ctx();
        let e = request(
            &mut c,
            "GET https://graph.microsoft.com/beta/dm/getX(ids=[\n  \"Ids value\"\n])\n",
            1,
        );
        assert_eq!(e.url.as_deref(), Some("/dm/getX(ids=[\"Ids value\"])"));
        assert!(e.body.is_none());
        assert!(c.diags.is_empty());
    }

    #[test]
    fn a_body_of_a_non_json_content_type_is_bytes_not_invalid_json() {
        let mut c = ctx();
        let e = request(
            &mut c,
            "PUT https://graph.microsoft.com/beta/me/photo/$value\nContent-type: image/jpeg\n\nBinary data for the image\n",
            1,
        );
        assert_eq!(e.content_type.as_deref(), Some("image/jpeg"));
        assert_eq!(e.body.as_deref(), Some("Binary data for the image"));
        assert!(e.json.is_none());
        assert!(c.diags.is_empty(), "{:?}", c.diags);
        let e = response(
            &mut c,
            "HTTP/1.1 200 OK\nContent-Type: application/json; charset=utf-8\n\n{\"a\": 1}\n",
            1,
        );
        assert_eq!(e.json.unwrap()["a"], 1);
        // Without a Content-Type, a body that is not JSON is still reported.
        let e = response(&mut c, "HTTP/1.1 200 OK\n\nnot json\n", 1);
        assert!(e.json.is_none());
        assert_eq!(c.diags.len(), 1, "{:?}", c.diags);
    }

    #[test]
    fn response_204() {
        let mut c = ctx();
        let e = response(&mut c, "HTTP/1.1 204 No Content\n", 5);
        assert_eq!(e.status, Some(204));
        assert!(e.body.is_none());
        assert_eq!(e.at.line, 5);
    }
}

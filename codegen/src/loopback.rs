//! The client over real HTTP: a minimal HTTP/1.1 server on 127.0.0.1 (ephemeral
//! port) that answers the docs' own examples, the cases built from the pages,
//! and the verdict on what the client sent and got back.
//!
//! The server is a few dozen lines over std's TcpListener (a thread per connection)
//! rather than hyper or axum: the client is the thing under test, and the server
//! only has to read a request with a Content-Length body and write a response.
//! `graph-docgen verify --client` and tests/tests/client_corpus.rs run it through
//! [`client_replay`]; tests/src/loopback.rs serves the same handlers on tokio.

use crate::check::equality::first_difference;
use crate::check::roundtrip::{Outcome, RoundtripReport};
use crate::facts::{carries_bytes_on, ExampleFact, ExampleKind, PageKind};
use crate::pipeline::Model;
use crate::schema::Operation;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::Path;

use std::sync::{Arc, Mutex};

/// One request the server received.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    /// The path and query as sent (percent-encoded).
    pub target: String,
    /// Header names lower-cased.
    pub headers: BTreeMap<String, String>,
    pub body: Vec<u8>,
}

/// What the server answers.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn json(status: u16, body: &Value) -> Response {
        Response {
            status,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.to_string().into_bytes(),
        }
    }
    pub fn graph_error(status: u16, code: &str, message: &str) -> Response {
        Response::json(
            status,
            &json!({"error": {"code": code, "message": message, "innerError": {"request-id": "loopback"}}}),
        )
    }
}

pub type Handler = Arc<dyn Fn(&Request) -> Response + Send + Sync>;

/// Starts the server on 127.0.0.1 with an ephemeral port: a thread accepts
/// connections, one thread serves each (keep-alive) connection. The threads live as
/// long as the process, or until the listener fails.
pub fn serve(handler: Handler) -> std::io::Result<SocketAddr> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    let addr = listener.local_addr()?;
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { return };
            let handler = handler.clone();
            std::thread::spawn(move || {
                let _ = connection(stream, handler);
            });
        }
    });
    Ok(addr)
}

/// Reads one request (head and `Content-Length` body) from the front of `buf`, reading
/// more from `read` as needed; None when the peer closed the connection.
pub fn read_request(
    buf: &mut Vec<u8>,
    read: &mut dyn FnMut(&mut [u8]) -> std::io::Result<usize>,
) -> std::io::Result<Option<Request>> {
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let mut chunk = [0u8; 8192];
        let n = read(&mut chunk)?;
        if n == 0 {
            return Ok(None);
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next().unwrap_or_default().split(' ');
    let (method, target) = (
        first.next().unwrap_or_default().to_string(),
        first.next().unwrap_or_default().to_string(),
    );
    let headers: BTreeMap<String, String> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let len: usize = headers
        .get("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    while buf.len() < head_end + len {
        let mut chunk = [0u8; 8192];
        let n = read(&mut chunk)?;
        if n == 0 {
            return Ok(None);
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let body = buf[head_end..head_end + len].to_vec();
    buf.drain(..head_end + len);
    Ok(Some(Request {
        method,
        target,
        headers,
        body,
    }))
}

/// The bytes of a response: status line, headers, `Content-Length` (none for 204/304), body.
pub fn response_bytes(response: &Response) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {} X\r\n", response.status);
    for (k, v) in &response.headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    let no_body = response.status == 204 || response.status == 304;
    if !no_body {
        out.push_str(&format!("Content-Length: {}\r\n", response.body.len()));
    }
    out.push_str("\r\n");
    let mut bytes = out.into_bytes();
    if !no_body {
        bytes.extend_from_slice(&response.body);
    }
    bytes
}

/// Serves requests on one keep-alive connection until the client closes it.
fn connection(mut stream: std::net::TcpStream, handler: Handler) -> std::io::Result<()> {
    use std::io::{Read, Write};
    let mut buf: Vec<u8> = Vec::new();
    let mut reader = stream.try_clone()?;
    while let Some(request) = read_request(&mut buf, &mut |chunk| reader.read(chunk))? {
        stream.write_all(&response_bytes(&handler(&request)))?;
    }
    Ok(())
}

/// Percent-decodes a URL path (lossy UTF-8).
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 3 <= b.len() {
            let hex = |c: u8| (c as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A documented path as compared: no query, no trailing `()` of a parameterless
/// function (OData allows both), function arguments sorted (they are named, so their
/// order means nothing) and their numbers as one spelling (`0.0` is `0`), ASCII lower
/// case (Graph paths are case-insensitive).
pub fn normalize_path(path: &str) -> String {
    let path = path.split('?').next().unwrap_or_default();
    let path = path
        .strip_suffix("()")
        .unwrap_or(path)
        .trim_end_matches('/');
    let path = match (path.rfind('('), path.ends_with(')')) {
        (Some(open), true) if !path[open..].contains('/') => {
            let mut args: Vec<String> = split_args(&path[open + 1..path.len() - 1])
                .iter()
                .map(|a| plain_number(&unqualified_enum(a)))
                .collect();
            args.sort();
            format!("{}({})", &path[..open], args.join(","))
        }
        _ => path.to_string(),
    };
    path.to_ascii_lowercase()
}

/// `e=microsoft.graph.kind'one'` -> `e='one'`: OData lets an enum member be written
/// with or without its enum's name.
fn unqualified_enum(arg: &str) -> String {
    let Some((name, value)) = arg.split_once('=') else {
        return arg.to_string();
    };
    match value.find('\'') {
        Some(q)
            if q > 0
                && value[..q]
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '.' || c == '_') =>
        {
            format!("{name}={}", &value[q..])
        }
        _ => arg.to_string(),
    }
}

/// Whether a call in the URL is given placeholders for arguments (`Cell(row=<row>)`,
/// `f(a={a})`): the page's template copied where an example belongs.
fn placeholder_arguments(path: &str) -> bool {
    path.split('/').any(|seg| {
        seg.split_once('(')
            .is_some_and(|(_, args)| args.contains(['<', '{']))
    })
}

/// `width=0.0` -> `width=0`: an unquoted number in its shortest spelling, so that a
/// `Double` the client writes `0.0` is the page's `0`.
fn plain_number(arg: &str) -> String {
    match arg.split_once('=') {
        Some((name, value)) => match value.parse::<f64>() {
            Ok(n) if n.is_finite() => format!("{name}={n}"),
            _ => arg.to_string(),
        },
        None => arg.to_string(),
    }
}

/// Splits `a='x,y',b=2` at the commas outside quotes.
fn split_args(text: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '\'' => {
                quoted = !quoted;
                out.last_mut().unwrap().push(c);
            }
            ',' if !quoted => out.push(String::new()),
            c => out.last_mut().unwrap().push(c),
        }
    }
    out.into_iter().map(|a| a.trim().to_string()).collect()
}

/// One request example with the response example after it, on one operation page.
#[derive(Debug, Clone)]
pub struct Case {
    pub operation: String,
    pub method: String,
    /// The example's method is the operation's (else the page's request line and its
    /// example disagree).
    pub documented_method: bool,
    /// The operation answers a page ([`Operation::answers_page`]).
    pub response_collection: bool,
    /// The documented URL path (host and version stripped), query dropped.
    pub path: String,
    /// The path is an instance of one of the operation's documented templates
    /// ([`PathTemplate::matches`](crate::schema::PathTemplate::matches)): then a client
    /// that finds no call for it is at fault, not the page.
    pub documented_path: bool,
    /// The documented request body: JSON, or for an operation that sends bytes its
    /// text as a JSON string (what the dispatcher takes).
    pub request_body: Option<Value>,
    /// The request body is bytes (compared byte for byte, not as JSON).
    pub request_bytes: bool,
    pub request_source: String,
    pub status: u16,
    pub response_text: Option<String>,
    pub response_body: Option<Value>,
    /// For an operation that answers bytes on this path: the documented response's
    /// `Content-Type` (`application/octet-stream` when it gives none); the typed answer
    /// is then the body's bytes.
    pub response_bytes: Option<String>,
    pub response_source: String,
}

/// Example pairs the cases could not be built from, by reason.
pub type Skipped = BTreeMap<&'static str, usize>;

/// Every example pair of every operation page in `model`.
pub fn cases(model: &Model) -> (Vec<Case>, Skipped) {
    let mut out = Vec::new();
    let mut skipped = Skipped::new();
    for page in &model.pages {
        if page.kind != Some(PageKind::Operation) {
            continue;
        }
        // A page can document two calls (`PATCH` and `PUT` on one path): each example
        // goes to the one of its method.
        let of_page: Vec<&Operation> = model
            .schema
            .operations
            .iter()
            .filter(|o| o.sources.iter().any(|s| s.file == page.path))
            .collect();
        let Some(&first_op) = of_page.first() else {
            if page.examples.iter().any(|e| e.kind == ExampleKind::Request) {
                *skipped
                    .entry("page without a schema operation")
                    .or_default() += 1;
            }
            continue;
        };
        let mut pending = None;
        for ex in &page.examples {
            match ex.kind {
                ExampleKind::Request => pending = Some(ex),
                ExampleKind::Response => {
                    let Some(req) = pending.take() else {
                        *skipped
                            .entry("response example without a request example")
                            .or_default() += 1;
                        continue;
                    };
                    let (Some(method), Some(url)) = (&req.method, &req.url) else {
                        *skipped
                            .entry("request example without method or URL")
                            .or_default() += 1;
                        continue;
                    };
                    let method = method.to_ascii_uppercase();
                    let op = of_page
                        .iter()
                        .copied()
                        .find(|o| o.method == method)
                        .unwrap_or(first_op);
                    // Bytes where the operation carries them on this URL.
                    let bytes = carries_bytes_on(&op.paths, url);
                    let request_bytes = bytes && op.request_body.is_bytes();
                    let response_bytes = (bytes && op.response_body.is_bytes()).then(|| {
                        ex.content_type
                            .clone()
                            .unwrap_or_else(|| "application/octet-stream".into())
                    });
                    let has_text =
                        |e: &ExampleFact| e.body.as_deref().is_some_and(|b| !b.trim().is_empty());
                    if has_text(req) && req.json.is_none() && !request_bytes {
                        *skipped.entry("request body is not JSON").or_default() += 1;
                        continue;
                    }
                    if has_text(ex) && ex.json.is_none() && response_bytes.is_none() {
                        *skipped.entry("response body is not JSON").or_default() += 1;
                        continue;
                    }
                    let request_body = match &req.body {
                        Some(text) if request_bytes => Some(Value::String(text.clone())),
                        _ => req.json.clone(),
                    };
                    let path = url.split('?').next().unwrap_or_default();
                    out.push(Case {
                        operation: op.name.clone(),
                        documented_method: op.method == method,
                        response_collection: op.answers_page(),
                        method,
                        path: path.to_string(),
                        documented_path: op.paths.iter().any(|t| t.matches(path)),
                        request_body,
                        request_bytes,
                        request_source: req.at.to_string(),
                        status: ex.status.unwrap_or(200),
                        response_text: ex.body.clone().filter(|b| !b.trim().is_empty()),
                        response_body: ex.json.clone(),
                        response_bytes,
                        response_source: ex.at.to_string(),
                    });
                }
                ExampleKind::Resource => {}
            }
        }
    }
    (out, skipped)
}

/// What the server recorded for each case (by index, from the `x-case` header).
pub type Received = Arc<Mutex<BTreeMap<usize, Request>>>;

/// The handler answering the cases: the request must carry `x-case: i` and match case
/// `i`'s documented method and path; it is recorded and answered with the documented
/// status and body.
pub fn examples_handler(cases: Arc<Vec<Case>>, received: Received) -> Handler {
    Arc::new(move |req: &Request| {
        let Some(i) = req
            .headers
            .get("x-case")
            .and_then(|v| v.parse::<usize>().ok())
        else {
            return Response::graph_error(400, "noCase", "no x-case header");
        };
        let Some(case) = cases.get(i) else {
            return Response::graph_error(400, "noCase", "unknown case");
        };
        received.lock().unwrap().insert(i, req.clone());
        // The documented path has no version: the client's base URL is `http://addr/v`.
        let sent = percent_decode(req.target.strip_prefix("/v").unwrap_or(&req.target));
        if !req.method.eq_ignore_ascii_case(&case.method)
            || normalize_path(&sent) != normalize_path(&case.path)
        {
            return Response::graph_error(
                404,
                "routeMismatch",
                &format!(
                    "expected {} {}, got {} {sent}",
                    case.method, case.path, req.method
                ),
            );
        }
        let content_type = case.response_bytes.as_deref().unwrap_or("application/json");
        Response {
            status: case.status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: case.response_text.clone().unwrap_or_default().into_bytes(),
        }
    })
}

/// How one case went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Passed,
    /// A defect of the generated models that the round-trip check reports for the same
    /// example (not of the client): counted apart, and that check must fail on it.
    ModelDefect(String),
    DocDefect(&'static str, String),
    GeneratorDefect(String),
}

/// What the client side reported for a case.
#[derive(Debug, Clone)]
pub enum ClientResult {
    /// The dispatcher did not build a call (unknown operation, path, body).
    NotBuilt(String),
    /// The call was sent; the typed response re-serialized, or the error.
    Sent(Result<Value, String>),
}

/// The value the typed response should equal: the body, or for `{"value": X}` of a
/// single result X (the client unwraps it), X; `null` when the operation returns nothing.
fn expected_response(case: &Case, got: &Value) -> Value {
    if case.response_bytes.is_some() {
        // A byte answer goes back to JSON as its bytes (`Content`'s serialization).
        let text = case.response_text.as_deref().unwrap_or_default();
        return json!(text.as_bytes());
    }
    let Some(body) = &case.response_body else {
        // No body was sent: the typed answer to an empty body is the empty value of
        // its type (`null`, an object with nothing set, a page of no items).
        let empty_page = |o: &serde_json::Map<String, Value>| {
            o.len() == 1
                && o.get("value")
                    .and_then(Value::as_array)
                    .is_some_and(Vec::is_empty)
        };
        let empty = got.is_null()
            || got
                .as_object()
                .is_some_and(|o| o.is_empty() || empty_page(o));
        return if empty { got.clone() } else { Value::Null };
    };
    if got.is_null() {
        return Value::Null;
    }
    let is_page = got
        .as_object()
        .is_some_and(|o| o.get("value").is_some_and(Value::is_array));
    match body.as_object() {
        Some(map)
            if !is_page
                && map.contains_key("value")
                && map.keys().all(|k| k == "value" || k.starts_with('@')) =>
        {
            map["value"].clone()
        }
        _ => body.clone(),
    }
}

/// Judges one case. `roundtrip`: the round-trip outcome of each example (by source), which
/// tells a doc defect (the example disagrees with its own tables) from a generator defect.
pub fn judge(
    case: &Case,
    result: &ClientResult,
    sent: Option<&Request>,
    roundtrip: &BTreeMap<String, Outcome>,
) -> Verdict {
    let verdict = judge_client(case, result, sent, roundtrip);
    let model_defect = [&case.request_source, &case.response_source]
        .iter()
        .any(|s| roundtrip.get(*s) == Some(&Outcome::GeneratorDefect));
    match verdict {
        Verdict::GeneratorDefect(m) if model_defect => Verdict::ModelDefect(m),
        v => v,
    }
}

fn judge_client(
    case: &Case,
    result: &ClientResult,
    sent: Option<&Request>,
    roundtrip: &BTreeMap<String, Outcome>,
) -> Verdict {
    let doc_defect = |source: &str| roundtrip.get(source) == Some(&Outcome::DocDefect);
    match result {
        ClientResult::NotBuilt(message) => {
            if message.contains("none of the documented paths") {
                if case.documented_path {
                    return Verdict::GeneratorDefect(format!(
                        "no call for a documented path: {message}"
                    ));
                }
                return Verdict::DocDefect(
                    "example URL is none of the documented paths",
                    message.clone(),
                );
            }
            if message.contains("no body") {
                return Verdict::DocDefect("request example has no body", message.clone());
            }
            if placeholder_arguments(&case.path) {
                return Verdict::DocDefect(
                    "example URL's function arguments are placeholders",
                    message.clone(),
                );
            }
            if doc_defect(&case.request_source) {
                return Verdict::DocDefect(
                    "request body disagrees with its tables",
                    message.clone(),
                );
            }
            Verdict::GeneratorDefect(format!("not built: {message}"))
        }
        ClientResult::Sent(response) => {
            let Some(sent) = sent else {
                return Verdict::GeneratorDefect("the server saw no request".into());
            };
            if let (true, Some(Value::String(text))) = (case.request_bytes, &case.request_body) {
                if sent.body != text.as_bytes() {
                    return Verdict::GeneratorDefect(format!(
                        "sent bytes differ: {:?}",
                        String::from_utf8_lossy(&sent.body)
                    ));
                }
                let content_type = sent.headers.get("content-type").map(String::as_str);
                if content_type.is_none_or(crate::facts::is_json_media_type) {
                    return Verdict::GeneratorDefect(format!(
                        "bytes sent as {content_type:?}, not their own type"
                    ));
                }
            } else if let Some(documented) = &case.request_body {
                let mut body: Value = match serde_json::from_slice(&sent.body) {
                    Ok(v) => v,
                    Err(_) if sent.body.is_empty() => {
                        return Verdict::DocDefect(
                            "request body the operation does not take",
                            String::new(),
                        )
                    }
                    Err(e) => {
                        return Verdict::GeneratorDefect(format!("sent body is not JSON: {e}"))
                    }
                };
                drop_filled_odata_type(case, documented, &mut body);
                if let Some(d) = first_difference(documented, &body) {
                    if doc_defect(&case.request_source) {
                        return Verdict::DocDefect("request body disagrees with its tables", d);
                    }
                    return Verdict::GeneratorDefect(format!("sent body differs: {d}"));
                }
            }
            match response {
                Err(e) if e.contains("routeMismatch") && !case.documented_method => {
                    Verdict::DocDefect(
                        "example method is not the one its page documents",
                        e.clone(),
                    )
                }
                Err(e) if e.contains("routeMismatch") && case.path.contains("//") => {
                    Verdict::DocDefect("example URL has an empty segment", e.clone())
                }
                Err(e) if e.contains("routeMismatch") => Verdict::GeneratorDefect(e.clone()),
                Err(e) if shape_disagrees(case) => Verdict::DocDefect(
                    "response example is not the shape its operation documents",
                    e.clone(),
                ),
                Err(e) if doc_defect(&case.response_source) => {
                    Verdict::DocDefect("response body disagrees with its tables", e.clone())
                }
                Err(e) if !(200..300).contains(&case.status) => Verdict::DocDefect(
                    "documented response is an error",
                    format!("{} {e}", case.status),
                ),
                Err(e) => Verdict::GeneratorDefect(format!("response: {e}")),
                Ok(got) => {
                    // HTTP gives a 204 no body: the documented one cannot arrive.
                    if case.status == 204 && case.response_body.is_some() {
                        return Verdict::DocDefect(
                            "204 No Content documented with a body",
                            String::new(),
                        );
                    }
                    if got.is_null()
                        && case.response_body.is_some()
                        && (200..300).contains(&case.status)
                        && case.status != 204
                    {
                        return Verdict::DocDefect(
                            "response body the operation does not document",
                            String::new(),
                        );
                    }
                    let expected = expected_response(case, got);
                    match first_difference(&expected, got) {
                        None => Verdict::Passed,
                        Some(d) if doc_defect(&case.response_source) => {
                            Verdict::DocDefect("response body disagrees with its tables", d)
                        }
                        Some(d) => Verdict::GeneratorDefect(format!("response differs: {d}")),
                    }
                }
            }
        }
    }
}

/// The documented response is a page (an object with a `value` array) where the
/// operation answers one value, or the other way round: the example and the page's
/// prose and annotations disagree (asked only of a body the client could not decode:
/// one value can have a `value` array property).
fn shape_disagrees(case: &Case) -> bool {
    match &case.response_body {
        Some(Value::Object(o)) => {
            o.get("value").is_some_and(Value::is_array) != case.response_collection
        }
        _ => false,
    }
}

/// A body of a type with derived types goes out with the `@odata.type` of the value sent
/// (Graph tells derived types apart by it): when the documented request has none and the
/// client named the operation's own type, that member is the client's, not a difference.
fn drop_filled_odata_type(case: &Case, documented: &Value, sent: &mut Value) {
    let Some(map) = sent.as_object_mut() else {
        return;
    };
    if documented.get("@odata.type").is_some() {
        return;
    }
    let own = case.operation.rsplit_once('.').map(|(t, _)| t);
    let named = map
        .get("@odata.type")
        .and_then(Value::as_str)
        .and_then(|t| t.rsplit('.').next());
    if matches!((own, named), (Some(own), Some(named)) if own.eq_ignore_ascii_case(named)) {
        map.remove("@odata.type");
    }
}

/// Counts of a run.
#[derive(Debug, Default)]
pub struct Report {
    pub passed: usize,
    pub doc_defects: BTreeMap<&'static str, usize>,
    pub generator_defects: Vec<String>,
    /// Failures the round-trip check also reports as generator defects (of the models).
    pub model_defects: Vec<String>,
}

impl Report {
    pub fn add(&mut self, case: &Case, verdict: Verdict) {
        match verdict {
            Verdict::Passed => self.passed += 1,
            Verdict::DocDefect(class, _) => *self.doc_defects.entry(class).or_default() += 1,
            Verdict::ModelDefect(m) => self
                .model_defects
                .push(format!("{} ({}): {m}", case.operation, case.request_source)),
            Verdict::GeneratorDefect(m) => self.generator_defects.push(format!(
                "{} {} {} ({}): {m}",
                case.operation, case.method, case.path, case.request_source
            )),
        }
    }
    pub fn failed(&self) -> usize {
        self.doc_defects.values().sum::<usize>()
            + self.generator_defects.len()
            + self.model_defects.len()
    }
    /// The counts by class, the first 30 model and generator defects, and a totals line.
    pub fn render(&self, label: &str) -> String {
        let mut out = String::new();
        for (class, n) in &self.doc_defects {
            out += &format!("{label}: doc defect [{class}]: {n}\n");
        }
        for m in self.model_defects.iter().take(30) {
            out += &format!("{label}: MODEL DEFECT (also a round-trip generator defect) {m}\n");
        }
        for g in self.generator_defects.iter().take(30) {
            out += &format!("{label}: GENERATOR DEFECT {g}\n");
        }
        out += &format!(
            "{label}: {} exercised, {} passed, {} doc defects, {} client generator defects, {} model defects (round-trip check)\n",
            self.passed + self.failed(),
            self.passed,
            self.doc_defects.values().sum::<usize>(),
            self.generator_defects.len(),
            self.model_defects.len()
        );
        out
    }
    pub fn print(&self, label: &str) {
        print!("{}", self.render(label));
    }
    /// `client: N passed, N failed`.
    pub fn summary_line(&self) -> String {
        format!("client: {} passed, {} failed", self.passed, self.failed())
    }
}

/// One request line for the client harness.
pub fn request_line(i: usize, op: &str, path: &str, body: Option<&Value>) -> String {
    json!({"i": i, "op": op, "path": path, "body": body}).to_string() + "\n"
}

/// Runs the client harness on `input` lines against `base_url`; one result per line.
pub fn run_client_harness(
    binary: &Path,
    base_url: &str,
    input: String,
) -> Result<Vec<ClientResult>, String> {
    let (stdout, _) = crate::harness::pipe_through(binary, &[base_url], input)?;
    stdout
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l)
                .map_err(|e| format!("{}: a reply is not JSON: {e}", binary.display()))?;
            Ok(if let Some(ok) = v.get("ok") {
                ClientResult::Sent(Ok(ok.clone()))
            } else if let Some(e) = v.get("err") {
                ClientResult::Sent(Err(e.as_str().unwrap_or_default().to_string()))
            } else {
                ClientResult::NotBuilt(v["notBuilt"].as_str().unwrap_or_default().to_string())
            })
        })
        .collect()
}

/// What a client replay found.
#[derive(Debug, Default)]
pub struct Replay {
    pub report: Report,
    /// Example pairs exercised.
    pub cases: usize,
    /// Pairs no case could be built from, by reason.
    pub skipped: Skipped,
}

/// Sends every example request of `model` through the client harness `binary`
/// ([`crate::harness::HarnessKind::Client`]) to a loopback server answering with the
/// documented response, and judges each pair; `roundtrip` (the round trip of the same
/// examples) tells doc defects from generator defects.
pub fn client_replay(
    binary: &Path,
    model: &Model,
    roundtrip: &RoundtripReport,
) -> Result<Replay, String> {
    let outcomes: BTreeMap<String, Outcome> = roundtrip
        .results
        .iter()
        .map(|r| (r.source.clone(), r.outcome))
        .collect();
    let (cases, skipped) = cases(model);
    let cases = Arc::new(cases);
    let received: Received = Arc::new(Mutex::new(BTreeMap::new()));
    let addr = serve(examples_handler(cases.clone(), received.clone()))
        .map_err(|e| format!("cannot listen on 127.0.0.1: {e}"))?;
    let input: String = cases
        .iter()
        .enumerate()
        .map(|(i, c)| request_line(i, &c.operation, &c.path, c.request_body.as_ref()))
        .collect();
    let results = run_client_harness(binary, &format!("http://{addr}/v"), input)?;
    if results.len() != cases.len() {
        return Err(format!(
            "{} answered {} of {} cases",
            binary.display(),
            results.len(),
            cases.len()
        ));
    }
    let mut report = Report::default();
    let received = received.lock().expect("the server thread did not panic");
    for (i, (case, result)) in cases.iter().zip(&results).enumerate() {
        report.add(case, judge(case, result, received.get(&i), &outcomes));
    }
    Ok(Replay {
        report,
        cases: cases.len(),
        skipped,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_compare_without_case_query_or_argument_order() {
        assert_eq!(
            normalize_path("/a/getX(b='1,2',a=3)?$top=1"),
            normalize_path("/A/getx(a=3,b='1,2')")
        );
        assert_eq!(normalize_path("/a/f()"), normalize_path("/a/f"));
        assert_eq!(
            normalize_path("/a/f(w=0.0,h=1.50,s='0.0')"),
            normalize_path("/a/f(h=1.5,w=0,s='0.0')")
        );
        assert_ne!(
            normalize_path("/a/f(s='0.0')"),
            normalize_path("/a/f(s='0')")
        );
        assert_ne!(normalize_path("/a/f(a=1)"), normalize_path("/a/f(a=2)"));
        assert_eq!(
            normalize_path("/a/f(e=microsoft.graph.kind'one',n=1)"),
            normalize_path("/a/f(n=1,e='one')")
        );
        assert_eq!(percent_decode("a%2Fb%20c%C3%BC%"), "a/b cü%");
    }

    /// A PATCH of `/x` documented with `status` and `response_body`.
    fn patch_case(status: u16, response_body: Option<Value>) -> Case {
        Case {
            operation: "x.update".into(),
            method: "PATCH".into(),
            documented_method: true,
            response_collection: false,
            path: "/x".into(),
            documented_path: true,
            request_body: None,
            request_bytes: false,
            request_source: "a.md:1".into(),
            status,
            response_text: response_body.as_ref().map(Value::to_string),
            response_body,
            response_bytes: None,
            response_source: "a.md:9".into(),
        }
    }

    fn sent_patch() -> Request {
        Request {
            method: "PATCH".into(),
            target: "/x".into(),
            headers: Default::default(),
            body: Vec::new(),
        }
    }

    fn verdict_of(case: &Case, response: Result<Value, String>) -> Verdict {
        let sent = sent_patch();
        judge(
            case,
            &ClientResult::Sent(response),
            Some(&sent),
            &BTreeMap::new(),
        )
    }

    #[test]
    fn placeholders_for_function_arguments_are_the_pages_fault() {
        let case = Case {
            path: "/sheets/{id|name}/Cell(row=<row>,column=<column>)".into(),
            ..patch_case(200, None)
        };
        let not_built = ClientResult::NotBuilt("the body does not deserialize: row".into());
        assert!(matches!(
            judge(&case, &not_built, None, &BTreeMap::new()),
            Verdict::DocDefect(class, _) if class.contains("placeholders")
        ));
        let real = Case {
            path: "/sheets/{id|name}/Cell(row=1,column=2)".into(),
            ..case
        };
        assert!(matches!(
            judge(&real, &not_built, None, &BTreeMap::new()),
            Verdict::GeneratorDefect(_)
        ));
    }

    #[test]
    fn no_call_for_a_documented_path_is_the_generators_fault() {
        let not_built =
            ClientResult::NotBuilt("/x is none of the documented paths of x.update".into());
        let documented = patch_case(200, None);
        assert!(matches!(
            judge(&documented, &not_built, None, &BTreeMap::new()),
            Verdict::GeneratorDefect(m) if m.contains("no call for a documented path")
        ));
        let elsewhere = Case {
            documented_path: false,
            ..documented
        };
        assert!(matches!(
            judge(&elsewhere, &not_built, None, &BTreeMap::new()),
            Verdict::DocDefect(class, _) if class.contains("none of the documented paths")
        ));
    }

    #[test]
    fn an_undocumented_body_expects_the_empty_value() {
        let case = patch_case(204, None);
        for empty in [json!(null), json!({}), json!({"value": []})] {
            assert_eq!(expected_response(&case, &empty), empty);
        }
        assert_eq!(expected_response(&case, &json!({"id": "1"})), Value::Null);
    }

    #[test]
    fn a_204_with_a_documented_body_is_a_doc_defect() {
        let case = patch_case(204, Some(json!({"id": "1"})));
        // The client read no body, as HTTP says for a 204.
        let verdict = verdict_of(&case, Ok(json!({})));
        assert!(
            matches!(verdict, Verdict::DocDefect(class, _) if class.starts_with("204")),
            "{verdict:?}"
        );
    }

    #[test]
    fn a_response_example_of_the_other_shape_is_a_doc_defect_when_it_does_not_decode() {
        let undecodable = || Err("invalid type: sequence, expected a x object".to_string());
        // One value documented, a page shown.
        let page = patch_case(200, Some(json!({"value": [{"id": "1"}]})));
        let verdict = verdict_of(&page, undecodable());
        assert!(
            matches!(verdict, Verdict::DocDefect(class, _) if class.contains("shape")),
            "{verdict:?}"
        );
        // The shapes agree: the failure is the generator's.
        let one = patch_case(200, Some(json!({"id": "1"})));
        assert!(matches!(
            verdict_of(&one, undecodable()),
            Verdict::GeneratorDefect(_)
        ));
        // A page documented, one value shown.
        let listed = Case {
            response_collection: true,
            ..one
        };
        let verdict = verdict_of(&listed, Err("missing field `value`".into()));
        assert!(matches!(verdict, Verdict::DocDefect(..)), "{verdict:?}");
    }

    #[test]
    fn a_route_mismatch_is_the_docs_only_where_the_example_leaves_its_page() {
        let mismatch = || Err("404 routeMismatch: expected PUT /x, got PATCH /x".to_string());
        let documented = patch_case(200, Some(json!({"id": "1"})));
        assert!(matches!(
            verdict_of(&documented, mismatch()),
            Verdict::GeneratorDefect(_)
        ));
        let other_method = Case {
            documented_method: false,
            ..documented.clone()
        };
        assert!(matches!(
            verdict_of(&other_method, mismatch()),
            Verdict::DocDefect(class, _) if class.contains("method")
        ));
        let empty_segment = Case {
            path: "/x//1".into(),
            ..documented
        };
        assert!(matches!(
            verdict_of(&empty_segment, mismatch()),
            Verdict::DocDefect(class, _) if class.contains("empty segment")
        ));
    }

    #[test]
    fn the_server_answers_requests_on_one_connection() {
        use std::io::{Read, Write};
        let addr = serve(Arc::new(|req: &Request| {
            Response::json(
                200,
                &json!({"method": req.method, "target": req.target, "len": req.body.len()}),
            )
        }))
        .unwrap();
        let mut s = std::net::TcpStream::connect(addr).unwrap();
        s.write_all(b"POST /a HTTP/1.1\r\nContent-Length: 3\r\n\r\nabcGET /b HTTP/1.1\r\n\r\n")
            .unwrap();
        let mut got = Vec::new();
        let mut chunk = [0u8; 1024];
        while !String::from_utf8_lossy(&got).contains("\"/b\"") {
            let n = s.read(&mut chunk).unwrap();
            assert!(n > 0, "closed early: {}", String::from_utf8_lossy(&got));
            got.extend_from_slice(&chunk[..n]);
        }
        let text = String::from_utf8_lossy(&got);
        assert_eq!(text.matches("HTTP/1.1 200 X\r\n").count(), 2, "{text}");
        assert!(
            text.contains(r#"{"len":3,"method":"POST","target":"/a"}"#),
            "{text}"
        );
    }
}

//! Operation pages: kind and name from the title, paths, permissions, request
//! body rows or parameters, response status and type, and the examples.

use super::inline::{is_space, significant, Inline};
use super::markdown::{Block, Doc};
use super::resource::{first_table, name_and_type, property_facts};
use super::{http_example, page_kind, table, type_cell, Ctx};
use crate::diag::{Code, Diagnostic};
use crate::facts::{
    carries_bytes_on, is_json_media_type, is_media_path, Body, ExampleFact, ExampleKind,
    OperationFact, OperationKind, PageFacts, ParameterFact, PathFact, Permissions, PropertySource,
    TypeRef,
};

pub fn read(ctx: &mut Ctx, doc: &Doc, title: &str, title_line: u32, facts: &mut PageFacts) {
    let blocks = &doc.blocks;
    let paths = paths(ctx, blocks, title_line);
    let first = paths
        .first()
        .map(|p| (p.method.as_str(), p.template.as_str()));
    let Some(page_kind::OperationTitle {
        kind,
        name,
        ty: title_type,
    }) = page_kind::operation_of(title, first)
    else {
        ctx.push(
            Diagnostic::warning(
                Code::UnknownPageKind,
                &ctx.at(title_line),
                format!("operation title `{title}` names no operation, and its HTTP request does not show one"),
            )
            .with_help(
                "title the page `Create|Get|List|Update|Delete <type>` or `<type>: <action>`, and document its `METHOD /path`",
            ),
        );
        return;
    };
    let crud = !matches!(kind, OperationKind::Action | OperationKind::Function);
    let desc = super::description_paragraph(blocks);
    let description = desc.map(|(_, t)| t.to_string());

    let (status, response_type) = response(ctx, blocks, title_line);
    // The description's first link to a resource page (action file names carry
    // the entity lower-cased; the link has its real spelling).
    let described = || {
        desc.and_then(|(inl, _)| {
            inl.iter().find_map(|i| match i {
                Inline::Link { label, href }
                    if href.contains("../resources/") && !label.trim().contains(' ') =>
                {
                    Some(type_cell::bare_name(label))
                }
                _ => None,
            })
        })
    };
    let linked_response = response_type
        .as_ref()
        .filter(|t| t.linked && !t.is_primitive())
        .map(|t| t.name.clone());
    let target_type = if crud {
        // A List title names the plural (`List iosScepCertificateProfiles`): the
        // linked response type is the singular; failing that, drop one `s`.
        // A title of several words names no type: the linked response type of a
        // read or a create, else none (the operation is then named after its
        // page, never merged with another page's operation by a guess).
        match (&kind, &title_type) {
            (OperationKind::List, _) if linked_response.is_some() => linked_response.clone(),
            (OperationKind::List, Some(t)) => Some(t.strip_suffix('s').unwrap_or(t).to_string()),
            (_, Some(t)) => Some(t.clone()),
            (OperationKind::Get | OperationKind::Create, None) if name == kind.as_str() => {
                linked_response.clone()
            }
            _ => None,
        }
    } else {
        title_type.clone().or_else(described)
    };

    let mut op = OperationFact {
        kind,
        name,
        target_type: target_type.clone(),
        description,
        paths,
        permissions: permissions(ctx, blocks),
        request_type: None,
        parameters: Vec::new(),
        no_request_body: false,
        response_type,
        status,
        request_headers: request_headers(ctx, blocks),
        request_body: Body::Json,
        response_body: Body::Json,
        at: ctx.at(title_line),
    };

    if let Some((_, bs)) = super::section(blocks, &["request body"]) {
        for b in bs {
            if let Block::Paragraph { inlines, text, .. } = b {
                let lower = text.to_ascii_lowercase();
                if lower.contains("do not supply a request body") {
                    op.no_request_body = true;
                }
                if crud && op.request_type.is_none() && lower.contains("json representation") {
                    op.request_type = link_after(inlines, "json representation")
                        .map(|l| TypeRef {
                            name: type_cell::bare_name(&l),
                            collection: false,
                            linked: true,
                        })
                        .or_else(|| {
                            target_type.clone().map(|n| TypeRef {
                                name: n,
                                collection: false,
                                linked: false,
                            })
                        });
                }
            }
        }
        if let Some(t) = first_table(bs) {
            if crud {
                // Rows of a type the page does not name cannot be placed.
                if let Some(on) = &target_type {
                    facts.properties.extend(property_facts(
                        ctx,
                        t,
                        on,
                        PropertySource::RequestBody,
                    ));
                }
            } else {
                op.parameters = parameter_facts(ctx, t);
            }
        }
    }
    // A function's parameters go in its URL, and its page lists them under their
    // own heading (`## Function parameters`, `## Query parameters`) rather than
    // under `## Request body`; `$` rows there are OData options, not parameters.
    if op.kind == OperationKind::Function && op.parameters.is_empty() {
        if let Some(t) = super::section(
            blocks,
            &["function parameters", "parameters", "query parameters"],
        )
        .and_then(|(_, bs)| first_table(bs))
        {
            op.parameters = parameter_facts(ctx, t);
            op.parameters.retain(|p| !p.name.starts_with('$'));
        }
    }

    examples(ctx, blocks, facts);
    (op.request_body, op.response_body) = bodies(&op, &facts.examples);
    reconcile_response(ctx, &mut op, &facts.examples, title_line);
    if let (Some(prose), Some(ex)) = (
        op.status,
        facts
            .examples
            .iter()
            .find(|e| e.kind == ExampleKind::Response && e.status.is_some()),
    ) {
        let shown = ex.status.unwrap_or(prose);
        if shown != prose {
            ctx.push(
                Diagnostic::warning(
                    Code::ResponseStatusMismatch,
                    &ctx.at(ex.at.line),
                    format!("the `## Response` prose says `{prose}`, the response example shows `{shown}`"),
                )
                .with_related(&ctx.at(title_line), "operation documented here")
                .with_help("make the prose and the example agree"),
            );
        }
    }
    facts.operations.push(op);
}

/// The response type the prose gives, corrected where every successful response
/// example with a body says otherwise (`response-shape-mismatch`):
/// * the prose names a primitive (`a string collection`) and every example's
///   annotation names one Graph type: the annotation's type (apidoctor checks the
///   annotation against its example; nothing checks the prose);
/// * the prose says a collection and every example body is one object (no `value`
///   array) that no annotation calls a collection: one value;
/// * the prose says one value and every example body has a `value` array, on a list
///   (its page) or where the annotation says a collection: a collection. Elsewhere an
///   object with a `value` array can be one value with that property.
fn reconcile_response(
    ctx: &mut Ctx,
    op: &mut OperationFact,
    examples: &[ExampleFact],
    title_line: u32,
) {
    let Some(prose) = op.response_type.clone() else {
        return;
    };
    let shown: Vec<&ExampleFact> = examples
        .iter()
        .filter(|e| e.kind == ExampleKind::Response && e.json.is_some())
        .filter(|e| e.status.is_none_or(|s| (200..300).contains(&s) && s != 204))
        .collect();
    let Some(first) = shown.first() else {
        return;
    };
    let annotated = |e: &ExampleFact| {
        e.annotated_type
            .clone()
            .map(|name| (name, e.annotated_collection))
    };
    let corrected = if prose.is_primitive() {
        annotated(first)
            .filter(|a| shown.iter().all(|e| annotated(e).as_ref() == Some(a)))
            .map(|(name, collection)| TypeRef {
                name,
                collection,
                linked: true,
            })
    } else if !prose.collection {
        // A list's `value` array is its page; elsewhere an annotation must say so.
        let page = |e: &ExampleFact| {
            (op.kind == OperationKind::List || e.annotated_collection)
                && e.json
                    .as_ref()
                    .and_then(|j| j.get("value"))
                    .is_some_and(|v| v.is_array())
        };
        shown.iter().all(|e| page(e)).then(|| TypeRef {
            collection: true,
            ..prose.clone()
        })
    } else {
        let one_object = |e: &ExampleFact| {
            !e.annotated_collection
                && e.json
                    .as_ref()
                    .and_then(|j| j.as_object())
                    .is_some_and(|o| !o.get("value").is_some_and(|v| v.is_array()))
        };
        shown.iter().all(|e| one_object(e)).then(|| TypeRef {
            collection: false,
            ..prose.clone()
        })
    };
    let Some(corrected) = corrected else {
        return;
    };
    let say = |t: &TypeRef| {
        let name = t.name.strip_prefix("Edm.").unwrap_or(&t.name);
        if t.collection {
            format!("a collection of `{name}`")
        } else {
            format!("one `{name}`")
        }
    };
    ctx.push(
        Diagnostic::warning(
            Code::ResponseShapeMismatch,
            &ctx.at(first.at.line),
            format!(
                "the `## Response` prose says {}, every response example shows {}",
                say(&prose),
                say(&corrected)
            ),
        )
        .with_related(&ctx.at(title_line), "operation documented here")
        .with_help("make the prose and the examples agree"),
    );
    op.response_type = Some(corrected);
}

/// Whether the operation's request and response bodies are JSON or bytes, from the
/// examples of its byte-carrying paths ([`carries_bytes_on`]: its `$value` paths when
/// it has some, else all; a response example goes with the request before it).
///
/// A body is bytes when no such example shows it as JSON (a JSON `Content-Type`, or a
/// body that parses without one), and an example shows it is not: a `Content-Type`
/// that is not JSON (a request's on a `PUT`/`POST`/`PATCH`; a response's on a 2xx
/// with a body, or a `200`), or a `302 Found` (a download redirected to its file,
/// type unknown). A `$value` path is a media stream by OData's rules: bytes unless an
/// example shows JSON, of the example's type when one gives it (a `GET` example's
/// `Content-Type`, which sends no body, documents what comes back).
fn bodies(op: &OperationFact, examples: &[ExampleFact]) -> (Body, Body) {
    let paths: Vec<String> = op.paths.iter().map(|p| p.template.clone()).collect();
    let media = paths.iter().any(|p| is_media_path(p));
    let method = op.paths.first().map(|p| p.method.as_str()).unwrap_or("");
    let sends_body = matches!(method, "PUT" | "POST" | "PATCH");
    let mut requests: Vec<&ExampleFact> = Vec::new();
    let mut responses: Vec<&ExampleFact> = Vec::new();
    let mut current_carries = !media;
    for ex in examples {
        match ex.kind {
            ExampleKind::Request => {
                // Without media paths every example counts (its URL may not parse).
                current_carries = !media
                    || ex
                        .url
                        .as_deref()
                        .is_some_and(|u| carries_bytes_on(&paths, u));
                if current_carries {
                    requests.push(ex);
                }
            }
            ExampleKind::Response if current_carries => responses.push(ex),
            _ => {}
        }
    }
    let shows_json = |e: &&ExampleFact| match &e.content_type {
        Some(t) => is_json_media_type(t),
        None => e.json.is_some(),
    };
    let other_type = |e: &&ExampleFact| e.content_type.clone().filter(|t| !is_json_media_type(t));
    let request = if !sends_body || requests.iter().any(shows_json) {
        Body::Json
    } else {
        match requests.iter().find_map(other_type) {
            Some(t) => Body::Bytes {
                content_type: Some(t),
            },
            None if media => Body::Bytes { content_type: None },
            None => Body::Json,
        }
    };
    let no_content =
        op.status == Some(204) || op.kind == OperationKind::Delete || method == "DELETE";
    let response = if no_content || responses.iter().any(shows_json) {
        Body::Json
    } else {
        let success_type = responses.iter().find_map(|e| {
            let status = e.status.unwrap_or(200);
            let shown = (200..300).contains(&status)
                && status != 204
                && (status == 200 || e.body.is_some());
            other_type(e).filter(|_| shown)
        });
        let redirect = op.status == Some(302) || responses.iter().any(|e| e.status == Some(302));
        let asked = || {
            requests
                .iter()
                .filter(|_| method == "GET")
                .find_map(other_type)
        };
        match success_type {
            Some(t) => Body::Bytes {
                content_type: Some(t),
            },
            None if redirect || (media && method == "GET") => Body::Bytes {
                content_type: asked(),
            },
            None => Body::Json,
        }
    };
    (request, response)
}

/// The label of the first link after `phrase` in a paragraph.
fn link_after(inlines: &[Inline], phrase: &str) -> Option<String> {
    let pos = inlines
        .iter()
        .position(|i| matches!(i, Inline::Text(t) if t.to_ascii_lowercase().contains(phrase)))?;
    inlines[pos..].iter().find_map(|i| match i {
        Inline::Link { label, .. } => Some(label.clone()),
        _ => None,
    })
}

/// The blocks under the first heading of any level whose text starts with
/// `HTTP request` (`## HTTP request`, `### HTTP Request`, `## HTTP Requests`,
/// `## HTTP request (to upload a new file)`), up to the next heading of its
/// level or above.
fn http_request_section(blocks: &[Block]) -> Option<&[Block]> {
    let (start, level) = blocks.iter().enumerate().find_map(|(i, b)| match b {
        Block::Heading { level, text, .. }
            if *level >= 2 && super::norm_heading(text).starts_with("http request") =>
        {
            Some((i, *level))
        }
        _ => None,
    })?;
    let rest = &blocks[start + 1..];
    let end = rest
        .iter()
        .position(|b| matches!(b, Block::Heading { level: l, .. } if *l <= level))
        .unwrap_or(rest.len());
    Some(&rest[..end])
}

/// A request line as a (method, path template): `METHOD /path`, also with the
/// method glued to the path (`DELETE/x`), a host and version before the path
/// (`https://graph.microsoft.com/beta/x`) or no leading slash (`x/y`). The
/// query string is not part of the template.
fn request_line(l: &str) -> Option<(String, String)> {
    let method_len = l.chars().take_while(|c| c.is_ascii_uppercase()).count();
    let (m, p) = l.split_at(method_len);
    let known = ["GET", "POST", "PUT", "PATCH", "DELETE"].contains(&m);
    if m.is_empty() || !(p.starts_with(char::is_whitespace) || (known && p.starts_with('/'))) {
        return None;
    }
    // `~/x`: the service root written as in a DocFX path.
    let mut p = p.trim().trim_start_matches('~');
    if let Some(rest) = p
        .strip_prefix("https://")
        .or_else(|| p.strip_prefix("http://"))
    {
        let path = rest.find('/').map(|i| &rest[i..]).unwrap_or("/");
        // The service version is not part of the template.
        p = ["/beta/", "/v1.0/"]
            .iter()
            .find_map(|v| {
                path.strip_prefix(v)
                    .map(|r| &path[path.len() - r.len() - 1..])
            })
            .unwrap_or(path);
    }
    // A version segment written without the host (`/beta/teams/{id}`).
    let p = ["/beta/", "/v1.0/"]
        .iter()
        .find_map(|v| p.strip_prefix(v).map(|r| &p[p.len() - r.len() - 1..]))
        .unwrap_or(p);
    let p = p.split('?').next().unwrap_or(p).trim_end();
    let leading = p.starts_with('/');
    let bare_path_start = p
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '{');
    if !(leading || (known && bare_path_start)) {
        return None;
    }
    let template = if leading {
        p.to_string()
    } else {
        format!("/{p}")
    };
    Some((m.to_string(), template))
}

/// Every `METHOD /path` line of the `HTTP request` section's code blocks.
fn paths(ctx: &mut Ctx, blocks: &[Block], title_line: u32) -> Vec<PathFact> {
    let Some(bs) = http_request_section(blocks) else {
        super::missing_section(ctx, title_line, "HTTP Request");
        return Vec::new();
    };
    let mut out = Vec::new();
    for b in bs {
        let Block::Code {
            text, first_line, ..
        } = b
        else {
            continue;
        };
        for (i, line) in text.split('\n').enumerate() {
            let l = line.trim();
            if l.is_empty() {
                continue;
            }
            let at = ctx.at(first_line + i as u32);
            match request_line(l) {
                Some((method, template))
                    if super::path_check::METHODS.contains(&method.as_str()) =>
                {
                    if let Some(problem) = super::path_check::template_problem(&template) {
                        ctx.push(
                            Diagnostic::warning(
                                Code::BadPathTemplate,
                                &at,
                                format!("the path `{template}` {problem}; skipped"),
                            )
                            .with_help(
                                "write the path as a URL template: `/segment/{parameter}/...`",
                            ),
                        );
                        continue;
                    }
                    let query = l.split_once('?').map_or("", |(_, q)| q);
                    out.push((
                        query.to_ascii_lowercase().contains("$expand="),
                        PathFact {
                            method,
                            template,
                            at,
                        },
                    ))
                }
                _ => ctx.push(
                    Diagnostic::warning(
                        Code::BadRequestLine,
                        &at,
                        format!("`{l}` is not `METHOD /path`; skipped"),
                    )
                    .with_help("write each path as `METHOD /segment/{id}/...`"),
                ),
            }
        }
    }
    // A line that expands another resource to this one, beside lines that address it
    // (`List manager`: `GET /me/manager`, then `GET /users?$expand=manager`), is that
    // resource's path, not this operation's.
    let addressed = out.iter().any(|(expands, _)| !expands);
    out.into_iter()
        .filter(|(expands, _)| !(addressed && *expands))
        .map(|(_, path)| path)
        .collect()
}

enum Who {
    Work,
    Personal,
    App,
}

/// The rows of a parameter table: name, type, description.
fn parameter_facts(ctx: &mut Ctx, t: &super::markdown::Table) -> Vec<ParameterFact> {
    table::data_rows(ctx, t)
        .into_iter()
        .map(|row| {
            let (name, ty) = name_and_type(ctx, &row);
            let description = row.cells.get(2).map(|c| c.text.clone()).unwrap_or_default();
            ParameterFact {
                name,
                ty,
                description,
                at: ctx.at(row.line),
            }
        })
        .collect()
}

/// The header names of the `## Request headers` table (`Authorization`,
/// `ConsistencyLevel`, ...), each once, in documented order.
fn request_headers(ctx: &mut Ctx, blocks: &[Block]) -> Vec<String> {
    let Some((_, bs)) = super::section(blocks, &["request headers", "request header"]) else {
        return Vec::new();
    };
    let Some(t) = first_table(bs) else {
        return Vec::new();
    };
    let mut names: Vec<String> = Vec::new();
    for row in table::data_rows(ctx, t) {
        let Some(cell) = row.cells.first() else {
            continue;
        };
        let name = cell
            .text
            .trim()
            .trim_matches(|c| c == '`' || c == '*')
            .trim();
        // A header name is one token of letters, digits and `-` (RFC 9110's token, in practice).
        if !name.is_empty()
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !names.iter().any(|n| n.eq_ignore_ascii_case(name))
        {
            names.push(name.to_string());
        }
    }
    names
}

fn permissions(ctx: &mut Ctx, blocks: &[Block]) -> Permissions {
    let mut perms = Permissions::default();
    let Some((_, bs)) = super::section(blocks, &["prerequisites", "permissions"]) else {
        return perms;
    };
    for b in bs {
        match b {
            Block::Table(t)
                if t.header.first().is_some_and(|h| {
                    h.text.to_ascii_lowercase().starts_with("permission type")
                }) =>
            {
                permission_table(ctx, t, &mut perms)
            }
            // The 2017 italic scope line: `*A.B.All; C.D.All*`.
            Block::Paragraph { inlines, .. } => {
                if let [Inline::Emphasis(s)] = significant(inlines).as_slice() {
                    perms.unclassified.extend(scopes(s));
                }
            }
            _ => {}
        }
    }
    perms
}

fn permission_table(ctx: &mut Ctx, t: &super::markdown::Table, perms: &mut Permissions) {
    let mut last: Option<Who> = None;
    for row in &t.rows {
        let Some(label) = row.cells.first() else {
            continue;
        };
        // GFM drops surplus cells (`| **Onboarding** | |Scope|`): read the value from the raw row.
        let raw = table::raw_cells(&row.raw);
        let value_inlines = if raw.len() > 2 {
            super::inline::parse_fragment(&raw[1..].join(" "))
        } else {
            row.cells
                .get(1)
                .map(|c| c.inlines.clone())
                .unwrap_or_default()
        };
        let value_text = super::inline::plain_text(&value_inlines);
        let l = label.text.to_ascii_lowercase();
        let who = if l.starts_with("delegated (work") {
            Some(Who::Work)
        } else if l.starts_with("delegated (personal") {
            Some(Who::Personal)
        } else if l.starts_with("application") {
            Some(Who::App)
        } else if label.inlines.iter().any(|i| matches!(i, Inline::Strong(_))) {
            // An indented workflow row (`&nbsp; **Onboarding**`, `**Apps**, **books**, or ...`):
            // its scopes belong to the permission type above it.
            None
        } else {
            ctx.push(
                Diagnostic::warning(Code::PermissionType, &ctx.at(row.line), format!("`{}` is not a permission type; row skipped", label.text))
                    .with_help("use `Delegated (work or school account)`, `Delegated (personal Microsoft account)` or `Application`"),
            );
            continue;
        };
        if who.is_some() {
            last = who;
        }
        // `**TODO: Determine scopes **` (not even valid bold: the space before `**`).
        if value_text
            .trim_start_matches('*')
            .trim_start()
            .to_ascii_uppercase()
            .starts_with("TODO")
        {
            ctx.push(
                Diagnostic::warning(
                    Code::PermissionTodo,
                    &ctx.at(row.line),
                    format!("permission cell is a placeholder: `{value_text}`; skipped"),
                )
                .with_help("list the scopes the operation needs"),
            );
            continue;
        }
        if value_text.to_ascii_lowercase().starts_with("not supported") {
            continue;
        }
        let list = match last {
            Some(Who::Work) => &mut perms.delegated_work,
            Some(Who::Personal) => &mut perms.delegated_personal,
            Some(Who::App) => &mut perms.application,
            None => continue,
        };
        for s in scopes(&value_text) {
            if !list.contains(&s) {
                list.push(s);
            }
        }
    }
}

fn scopes(s: &str) -> Vec<String> {
    s.split(|c: char| c == ',' || c == ';' || c == '|' || is_space(c))
        .map(|w| w.trim().trim_end_matches('.'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Status code and return type from the `## Response` prose:
/// ``returns a `200 OK` response code and a [T](L) object``.
fn response(ctx: &mut Ctx, blocks: &[Block], title_line: u32) -> (Option<u16>, Option<TypeRef>) {
    let Some((_, bs)) = super::section(blocks, &["response"]) else {
        super::missing_section(ctx, title_line, "Response");
        return (None, None);
    };
    for b in bs {
        let Block::Paragraph { inlines, .. } = b else {
            continue;
        };
        let Some(pos) = inlines
            .iter()
            .position(|i| matches!(i, Inline::Code(c) if status_code(c).is_some()))
        else {
            continue;
        };
        let status = match &inlines[pos] {
            Inline::Code(c) => status_code(c),
            _ => None,
        };
        return (status, return_type(&inlines[pos + 1..]));
    }
    (None, None)
}

fn status_code(c: &str) -> Option<u16> {
    let code = c.split_whitespace().next()?;
    (code.len() == 3).then(|| code.parse().ok()).flatten()
}

/// The type after the status code: a link (`a [T](L) object`, `a collection of
/// [T](L) objects`, `an array of [T](L) objects`, `the requested [T](L) objects`,
/// `a [T](L) collection`) or a primitive word (`a Boolean`, `a String collection`).
fn return_type(after: &[Inline]) -> Option<TypeRef> {
    let mut before = String::new();
    for (i, inline) in after.iter().enumerate() {
        match inline {
            Inline::Link { label, .. } => {
                let next = after
                    .get(i + 1)
                    .map(|n| n.plain().trim_start().to_ascii_lowercase())
                    .unwrap_or_default();
                let lower = before.to_ascii_lowercase();
                let collection = ["collection of", "array of", "list of"]
                    .iter()
                    .any(|w| lower.contains(w))
                    || ["collection", "array", "objects"]
                        .iter()
                        .any(|w| next.starts_with(w));
                return Some(TypeRef {
                    name: type_cell::bare_name(label),
                    collection,
                    linked: true,
                });
            }
            Inline::Text(t) => before.push_str(t),
            _ => return None,
        }
    }
    // No link: `... and a Boolean in the response body.`
    let words: Vec<&str> = before
        .split(|c: char| is_space(c) || c == '.')
        .filter(|w| !w.is_empty())
        .collect();
    let idx = words
        .iter()
        .position(|w| w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("an"))?;
    let word = words.get(idx + 1)?;
    let prim = type_cell::primitive(word)?;
    let collection = words
        .get(idx + 2)
        .is_some_and(|w| w.eq_ignore_ascii_case("collection"));
    Some(TypeRef {
        name: prim.to_string(),
        collection,
        linked: false,
    })
}

/// Whether a level-2 heading heads examples: `Example(s)`, or `Example` followed by
/// what it shows (`Example (upload a new file)`, `Example 2: ...`, `Example - ...`).
fn is_examples_heading(heading: &str) -> bool {
    let rest = heading
        .strip_prefix("examples")
        .or_else(|| heading.strip_prefix("example"));
    rest.is_some_and(|r| r.chars().next().is_none_or(|c| !c.is_alphabetic()))
}

/// Request and response examples under every `## Example(s)` section. A block is a
/// request or a response by the `### Request` / `### Response` heading over it, or,
/// where no such heading says it, by its `blockType` annotation.
fn examples(ctx: &mut Ctx, blocks: &[Block], facts: &mut PageFacts) {
    for section in super::sections_where(blocks, is_examples_heading) {
        examples_of(ctx, section, facts);
    }
}

fn examples_of(ctx: &mut Ctx, bs: &[Block], facts: &mut PageFacts) {
    let mut current: Option<ExampleKind> = None;
    // The `<!-- { "blockType": ..., "@odata.type": ... } -->` before a block.
    let mut annotated: Option<(String, bool)> = None;
    let mut annotated_kind: Option<ExampleKind> = None;
    for b in bs {
        match b {
            Block::Heading { text, .. } => {
                annotated = None;
                annotated_kind = None;
                current = match super::norm_heading(text).as_str() {
                    "request" => Some(ExampleKind::Request),
                    "response" => Some(ExampleKind::Response),
                    _ => None,
                }
            }
            Block::Html { text, line } => {
                let annotation = super::resource::annotation(ctx, text, *line);
                annotated_kind = annotation.as_ref().and_then(block_kind);
                annotated = annotation.and_then(|a| example_type(&a));
            }
            Block::Code {
                text, first_line, ..
            } => {
                let mut ex = match current.or(annotated_kind.take()) {
                    Some(ExampleKind::Request) => http_example::request(ctx, text, *first_line),
                    Some(ExampleKind::Response) => http_example::response(ctx, text, *first_line),
                    _ => continue,
                };
                if let Some((ty, collection)) = annotated.take() {
                    ex.annotated_type = Some(ty);
                    ex.annotated_collection = collection;
                }
                facts.examples.push(ex);
            }
            _ => {}
        }
    }
}

/// The kind a block annotation gives (`"blockType": "request"` or `"response"`).
fn block_kind(a: &serde_json::Value) -> Option<ExampleKind> {
    match a.get("blockType")?.as_str()? {
        "request" => Some(ExampleKind::Request),
        "response" => Some(ExampleKind::Response),
        _ => None,
    }
}

/// The type a request or response annotation gives its block: `@odata.type`
/// without `#`, `Collection(x)` as a collection of `x`, or `isCollection`
/// (`true` or `"true"`). Primitive and stream bodies (`stream`, `string`,
/// `Edm.*`) name no type.
fn example_type(a: &serde_json::Value) -> Option<(String, bool)> {
    let block = a.get("blockType").and_then(|v| v.as_str())?;
    if block != "request" && block != "response" {
        return None;
    }
    let raw = a
        .get("@odata.type")?
        .as_str()?
        .trim()
        .trim_start_matches('#');
    let (name, mut collection) = match raw.get(..11) {
        Some(p) if p.eq_ignore_ascii_case("collection(") && raw.ends_with(')') => {
            (raw[11..raw.len() - 1].trim().trim_start_matches('#'), true)
        }
        _ => (raw, false),
    };
    collection |= a
        .get("isCollection")
        .is_some_and(|v| v.as_bool() == Some(true) || v.as_str() == Some("true"));
    let primitive = name.is_empty()
        || name.to_ascii_lowercase().starts_with("edm.")
        || type_cell::primitive(name).is_some()
        || !name.contains('.');
    (!primitive).then(|| (type_cell::bare_name(name), collection))
}

#[cfg(test)]
mod tests {
    use super::request_line;

    #[test]
    fn request_lines() {
        let r = |l: &str| request_line(l).map(|(m, p)| format!("{m} {p}"));
        assert_eq!(
            r("GET /users/{id | userPrincipalName}").as_deref(),
            Some("GET /users/{id | userPrincipalName}")
        );
        assert_eq!(
            r("GET /users/{id}/x?$expand=a").as_deref(),
            Some("GET /users/{id}/x")
        );
        assert_eq!(
            r("DELETE/identity/b2xUserFlows/{id}").as_deref(),
            Some("DELETE /identity/b2xUserFlows/{id}")
        );
        assert_eq!(
            r("GET policies/activityBasedTimeoutPolicies").as_deref(),
            Some("GET /policies/activityBasedTimeoutPolicies")
        );
        assert_eq!(
            r("PATCH https://graph.microsoft.com/beta/policies/a").as_deref(),
            Some("PATCH /policies/a")
        );
        assert_eq!(
            r("GET /beta/teams/{id}/photo/$value").as_deref(),
            Some("GET /teams/{id}/photo/$value")
        );
        assert_eq!(r("or"), None);
        let t = |j: serde_json::Value| super::example_type(&j);
        assert_eq!(
            t(
                serde_json::json!({"blockType": "response", "@odata.type": "#microsoft.graph.user", "isCollection": "true"})
            ),
            Some(("user".to_string(), true))
        );
        assert_eq!(
            t(
                serde_json::json!({"blockType": "response", "@odata.type": "Collection(microsoft.graph.callRecords.session)"})
            ),
            Some(("callRecords.session".to_string(), true))
        );
        assert_eq!(
            t(serde_json::json!({"blockType": "response", "@odata.type": "stream"})),
            None
        );
        assert_eq!(
            t(serde_json::json!({"blockType": "ignored", "@odata.type": "microsoft.graph.a"})),
            None
        );
        assert_eq!(r("Content-Type: application/json"), None);
        assert_eq!(r("GET"), None);
    }
}

#[cfg(test)]
mod function_page_tests {
    const PAGE: &str = "---\ntitle: \"callRecord: getPstnCalls\"\ndoc_type: apiPageType\n---\n\n# callRecord: getPstnCalls\n\nNamespace: microsoft.graph.callRecords\n\nGet the PSTN calls.\n\n\
## HTTP request\n\n```http\nGET /communications/callRecords/getPstnCalls\n```\n\n\
## Function parameters\n\n|Parameter|Type|Description|\n|:---|:---|:---|\n\
|fromDateTime|DateTimeOffset|Start of the range.|\n|toDateTime|DateTimeOffset|End of the range.|\n\n\
## Request headers\n\n|Name|Description|\n|:---|:---|\n|Authorization|Bearer {token}. Required.|\n|ConsistencyLevel|eventual.|\n\n\
## Response\n\nIf successful, this function returns a `200 OK` response code.\n";

    /// A function's `## Function parameters` table gives its parameters (they go in the
    /// URL), and `## Request headers` its header names.
    #[test]
    fn function_parameters_and_request_headers_are_read() {
        let facts = crate::parse::parse_page("api/callrecords-callrecord-getpstncalls.md", PAGE);
        let op = facts.operations.first().expect("an operation");
        let params: Vec<(&str, &str)> = op
            .parameters
            .iter()
            .map(|p| (p.name.as_str(), p.ty.name.as_str()))
            .collect();
        assert_eq!(
            params,
            [
                ("fromDateTime", "Edm.DateTimeOffset"),
                ("toDateTime", "Edm.DateTimeOffset")
            ]
        );
        assert_eq!(op.request_headers, ["Authorization", "ConsistencyLevel"]);
        let at: Vec<u32> = op.parameters.iter().map(|p| p.at.line).collect();
        assert_eq!(at, [22, 23], "each parameter at its row");
    }
}

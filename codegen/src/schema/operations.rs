//! Operations: one per (type, operation) pair, merged across pages.
//!
//! The name is `<type>.<operation>` (`iosScepCertificateProfile.update`,
//! `deviceManagementIntent.compare`); a page whose type cannot be told is named
//! after its file. Several pages documenting the same operation (revisions)
//! merge when they document the same call (method, one value or a collection;
//! a page of another shape is another operation, named after its file): paths are the union in documented order (newest page first), the
//! other facts come from the newest page. The method comes from the path lines;
//! lines that disagree are `method-conflict` warnings.

use super::acc::Precedence;
use super::model::{Operation, Parameter, PathTemplate, TypeName, TypeRef};
use super::names::{bare, qualify};
use crate::diag::{Code, Diagnostic, Location};
use crate::facts::{self, Body, OperationFact, OperationKind, PageFacts};
use std::collections::{BTreeMap, BTreeSet};

pub fn merge_operations(
    pages: &[PageFacts],
    known_types: &BTreeSet<String>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Operation> {
    let mut by_lowercase: BTreeMap<String, Vec<&String>> = BTreeMap::new();
    for t in known_types {
        by_lowercase
            .entry(bare(t).to_lowercase())
            .or_default()
            .push(t);
    }
    let mut bound: Vec<(Precedence, String, OperationFact)> = Vec::new();
    for page in pages {
        for op in &page.operations {
            let mut op = op.clone();
            // A CRUD page without a type stays unbound: in `channel-post-tabs.md`
            // the word before the last is a verb, not a type.
            if op.target_type.is_none()
                && matches!(op.kind, OperationKind::Action | OperationKind::Function)
            {
                op.target_type = type_from_file_name(&page.path, &by_lowercase);
            }
            let name = match &op.target_type {
                Some(t) => format!("{}.{}", bare(&qualify(t)), op.name),
                None => file_stem(&page.path).to_string(),
            };
            for op in split_by_method(op) {
                bound.push((Precedence::new(page.era, &op.at), name.clone(), op));
            }
        }
    }
    let mut groups: BTreeMap<String, Vec<(Precedence, &OperationFact)>> = BTreeMap::new();
    for (precedence, name, op) in &bound {
        groups
            .entry(name.clone())
            .or_default()
            .push((precedence.clone(), op));
    }
    let mut out = Vec::new();
    for (name, mut facts) in groups {
        facts.sort_by(|a, b| a.0.cmp(&b.0));
        let shaped = split_by_shape(facts);
        report_shared_paths(&name, &shaped, diags);
        for (i, group) in shaped.iter().enumerate() {
            // The shape of the newest page keeps the name; another is another
            // operation, named after its newest page like an unbound one.
            let name = if i == 0 {
                name.clone()
            } else {
                file_stem(&group[0].1.at.file).to_string()
            };
            out.push(merge_one(name, group, diags));
        }
    }
    unique_names(&mut out);
    out
}

/// Operation names are keys (the client's dispatcher, the schema): a second shape
/// named after a page that also names the first (an unbound page documenting `PATCH`
/// and `PUT`) gets its method as a suffix (`x-update-put`), then a number.
fn unique_names(ops: &mut [Operation]) {
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for op in ops.iter_mut() {
        if seen.insert(op.name.clone()) {
            continue;
        }
        let by_method = format!("{}-{}", op.name, op.method.to_ascii_lowercase());
        op.name = super::names::unique(&by_method, "-", &mut seen);
    }
}

/// The pages of one operation, each with its precedence.
type Ranked<'a> = Vec<(Precedence, &'a OperationFact)>;

/// What a client call is: its method and whether it answers with a collection.
/// Pages of one name can document different calls (`List manager` answers one
/// `directoryObject` where `List members` answers a page of them; `Create team`
/// is a PUT on `/groups/{id}/team` and a POST on `/teams`): those are not
/// revisions of one operation.
fn shape(fact: &OperationFact) -> (String, bool) {
    let method = fact
        .paths
        .first()
        .map(|p| p.method.clone())
        .unwrap_or_else(|| default_method(fact.kind).to_string());
    let collection = match &fact.response_type {
        Some(t) => t.collection,
        None => fact.kind == OperationKind::List,
    };
    (method, collection)
}

/// One page that documents one path with two methods (`PATCH` and `PUT
/// /organization/{id}/branding`) documents two calls: one fact per method, each with
/// its paths, in the page's order. Other pages stay one fact (their path lines may
/// disagree: `method-conflict`).
fn split_by_method(op: OperationFact) -> Vec<OperationFact> {
    let two_methods = op.paths.iter().any(|a| {
        op.paths
            .iter()
            .any(|b| a.template == b.template && a.method != b.method)
    });
    if !two_methods {
        return vec![op];
    }
    let mut methods: Vec<&str> = Vec::new();
    for p in &op.paths {
        if !methods.contains(&p.method.as_str()) {
            methods.push(&p.method);
        }
    }
    methods
        .iter()
        .map(|m| OperationFact {
            paths: op
                .paths
                .iter()
                .filter(|p| p.method == *m)
                .cloned()
                .collect(),
            ..op.clone()
        })
        .collect()
}

/// The facts grouped by [`shape`], each group in precedence order. First (the
/// one that keeps the operation's name) is the group of the kind's own shape (a
/// list answers a collection, a create is a POST), else the newest page's.
fn split_by_shape(facts: Ranked) -> Vec<Ranked> {
    let mut groups: Vec<((String, bool), Ranked)> = Vec::new();
    for fact in facts {
        let key = shape(fact.1);
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, group)) => group.push(fact),
            None => groups.push((key, vec![fact])),
        }
    }
    let kind = groups[0].1[0].1.kind;
    let own = (
        default_method(kind).to_string(),
        kind == OperationKind::List,
    );
    // A stable sort: the other groups keep their precedence order.
    groups.sort_by_key(|(k, _)| *k != own);
    groups.into_iter().map(|(_, g)| g).collect()
}

/// Two shapes of one operation on the same path with different methods: the
/// pages disagree on one call (`method-conflict`), though each is kept.
fn report_shared_paths(name: &str, shaped: &[Ranked], diags: &mut Vec<Diagnostic>) {
    let Some((first, others)) = shaped.split_first() else {
        return;
    };
    let paths = |group: &[(Precedence, &OperationFact)]| -> Vec<facts::PathFact> {
        group
            .iter()
            .flat_map(|(_, f)| f.paths.iter().cloned())
            .collect()
    };
    let kept = paths(first);
    for other in others {
        for path in paths(other) {
            // One page giving a path two methods documents two calls ([`split_by_method`]).
            let Some(same) = kept.iter().find(|k| {
                k.template == path.template && k.method != path.method && k.at.file != path.at.file
            }) else {
                continue;
            };
            diags.push(
                Diagnostic::warning(
                    Code::MethodConflict,
                    &path.at,
                    format!(
                        "`{name}` is documented with {} here but {} elsewhere",
                        path.method, same.method
                    ),
                )
                .with_help("document the operation with the same HTTP method on every page")
                .with_related(&same.at, format!("{} here", same.method)),
            );
        }
    }
}

fn file_stem(path: &str) -> &str {
    path.rsplit('/')
        .next()
        .unwrap_or(path)
        .trim_end_matches(".md")
}

/// Actions and functions are bound to the type their file is named after:
/// `intune-<area>-<typelower>-<operation>.md` (or `_` separators in 2017 pages).
/// The lower-cased type must match exactly one known type.
fn type_from_file_name(
    path: &str,
    by_lowercase: &BTreeMap<String, Vec<&String>>,
) -> Option<String> {
    let stem = path.rsplit('/').next()?.strip_suffix(".md")?;
    let parts: Vec<&str> = stem.split(['-', '_']).collect();
    let entity = parts.len().checked_sub(2).and_then(|i| parts.get(i))?;
    match by_lowercase.get(*entity).map(Vec::as_slice) {
        Some([only]) => Some(bare(only).to_string()),
        _ => None,
    }
}

fn default_method(kind: OperationKind) -> &'static str {
    match kind {
        OperationKind::Create | OperationKind::Action => "POST",
        OperationKind::Get | OperationKind::List | OperationKind::Function => "GET",
        OperationKind::Update => "PATCH",
        OperationKind::Delete => "DELETE",
    }
}

fn merge_one(
    name: String,
    facts: &[(Precedence, &OperationFact)],
    diags: &mut Vec<Diagnostic>,
) -> Operation {
    let newest = facts[0].1;
    let mut paths: Vec<String> = Vec::new();
    let mut method: Option<(String, Location)> = None;
    for (_, fact) in facts {
        for path in &fact.paths {
            match &method {
                None => method = Some((path.method.clone(), path.at.clone())),
                Some((m, at)) if *m != path.method => diags.push(
                    Diagnostic::warning(
                        Code::MethodConflict,
                        &path.at,
                        format!(
                            "`{}` is documented with {} here but {} elsewhere",
                            name, path.method, m
                        ),
                    )
                    .with_help("document the operation with the same HTTP method on every page")
                    .with_related(at, format!("{m} here")),
                ),
                Some(_) => {}
            }
            if !paths.contains(&path.template) {
                paths.push(path.template.clone());
            }
        }
    }
    let ends_in_call = matches!(newest.kind, OperationKind::Action | OperationKind::Function);
    let paths: Vec<PathTemplate> = paths
        .iter()
        .map(|p| PathTemplate::parse(p, ends_in_call))
        .collect();
    let parameters = {
        let mut parameters: Vec<Parameter> = newest
            .parameters
            .iter()
            .map(|p| {
                let (ty, collection) = type_of(&p.ty);
                Parameter {
                    name: p.name.clone(),
                    ty: TypeRef::parse(&ty),
                    collection,
                    description: p.description.clone(),
                }
            })
            .collect();
        if newest.kind == OperationKind::Function {
            parameters.extend(arguments_without_rows(&paths, &parameters));
        }
        parameters
    };
    let mut path_parameters: Vec<String> = Vec::new();
    for path in &paths {
        for p in path.parameters() {
            if !path_parameters.iter().any(|x| x == p) {
                path_parameters.push(p.to_string());
            }
        }
    }
    let target = newest.target_type.as_deref().map(qualify);
    let target_ref = |collection| target.clone().map(|t| (t, collection));
    let request = newest
        .request_type
        .as_ref()
        .map(type_of)
        .or_else(|| match newest.kind {
            OperationKind::Create | OperationKind::Update if !newest.no_request_body => {
                target_ref(false)
            }
            _ => None,
        });
    // `204 No Content` answers with no body: no response type is assumed.
    let no_content = newest.status == Some(204);
    let response = newest
        .response_type
        .as_ref()
        .map(type_of)
        .or_else(|| match newest.kind {
            _ if no_content => None,
            OperationKind::Create | OperationKind::Update | OperationKind::Get => target_ref(false),
            OperationKind::List => target_ref(true),
            _ => None,
        });
    let permissions = facts
        .iter()
        .map(|(_, f)| &f.permissions)
        .find(|p| !p.is_empty())
        .cloned()
        .unwrap_or_default();
    let mut request_headers: Vec<String> = Vec::new();
    for name in facts.iter().flat_map(|(_, f)| &f.request_headers) {
        if !request_headers.iter().any(|h| h.eq_ignore_ascii_case(name)) {
            request_headers.push(name.clone());
        }
    }
    // Bytes where any page shows them (the others show no example of that path).
    let body_of = |side: fn(&OperationFact) -> &Body| {
        facts
            .iter()
            .map(|(_, f)| side(f))
            .find(|b| b.is_bytes())
            .cloned()
            .unwrap_or_default()
    };
    let mut sources: Vec<Location> = facts.iter().map(|(_, f)| f.at.clone()).collect();
    sources.sort();
    sources.dedup();
    Operation {
        name,
        kind: newest.kind,
        target_type: target.map(|t| TypeName::parse(&t)),
        method: method
            .map(|(m, _)| m)
            .unwrap_or_else(|| default_method(newest.kind).to_string()),
        paths,
        path_parameters,
        request_type: request.as_ref().map(|r| TypeRef::parse(&r.0)),
        request_collection: request.as_ref().is_some_and(|r| r.1),
        parameters,
        response_type: response.as_ref().map(|r| TypeRef::parse(&r.0)),
        response_collection: response.as_ref().is_some_and(|r| r.1),
        status: facts.iter().find_map(|(_, f)| f.status),
        permissions,
        request_headers,
        request_body: body_of(|f| &f.request_body),
        response_body: body_of(|f| &f.response_body),
        description: newest.description.clone().unwrap_or_default(),
        sources,
    }
}

/// The quoted arguments a function's documented call shows (`filterByCurrentUser(on='reviewer')`)
/// that no parameter row documents: strings the call takes, so the client can send them.
/// An unquoted one (`resizedRange(deltaRows={n})`) says no type, and is left to the
/// parameters' members kept as they are.
fn arguments_without_rows(paths: &[PathTemplate], documented: &[Parameter]) -> Vec<Parameter> {
    let mut out: Vec<Parameter> = Vec::new();
    for path in paths {
        let Some(super::model::Segment::Call {
            arguments: Some(arguments),
            ..
        }) = path.segments().last()
        else {
            continue;
        };
        for argument in arguments {
            let Some(name) = &argument.name else { continue };
            let known = documented
                .iter()
                .chain(&out)
                .any(|p| p.name.eq_ignore_ascii_case(name));
            if known || !argument.value.starts_with('\'') {
                continue;
            }
            out.push(Parameter {
                name: name.clone(),
                ty: TypeRef::parse("Edm.String"),
                collection: false,
                description: format!(
                    "Shown in the documented call `{}`; no parameter table lists it.",
                    path.segments().last().map(|s| s.raw()).unwrap_or_default()
                ),
            });
        }
    }
    out
}

fn type_of(t: &facts::TypeRef) -> (String, bool) {
    (qualify(&t.name), t.collection)
}

/// Whether an operation about a type shows the type is an entity: creating,
/// listing, deleting or calling an action or function on it does; a get or an
/// update does only by a key (`/x/{id}`), since a single-valued complex
/// property can be read and patched by its own path (`/me/mailboxSettings`).
pub fn marks_entity<'a>(kind: OperationKind, mut paths: impl Iterator<Item = &'a str>) -> bool {
    match kind {
        OperationKind::Get | OperationKind::Update => paths.any(|p| {
            p.split('/')
                .rfind(|s| !s.is_empty() && !s.starts_with('$'))
                .is_some_and(|s| s.starts_with('{') || s.contains('='))
        }),
        _ => true,
    }
}

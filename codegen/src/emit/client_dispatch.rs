//! `src/client/dispatch.rs` (cargo feature `registry`): an operation name, a
//! concrete URL path and a JSON body in (a byte body as a JSON string), the typed call out.
//!
//! The path is matched against the operation's documented templates; the match
//! is walked through the generated path methods, the body is deserialized into
//! the operation's request type and the response is read as its response type,
//! then serialized back to JSON (`Call::into_json`). So checking the docs'
//! examples through it exercises the same code a caller's typed call runs.

use super::client_ops::{
    cfg_all, op_features, request_type, sends_bytes, shared_operation, takes_any,
};
use super::client_trie::{walk_and_call, Segment, Trie};
use super::names::ident;
use super::names::{field_name, Allocator};
use super::{render, render_each, Ctx};
use crate::facts::OperationKind;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;

/// The file: `call` matches the operation name and hands over to that operation's
/// function, which tries its documented paths. One function per operation, so the
/// functions are built and printed on all cores.
pub fn emit(ctx: &Ctx, trie: &Trie, params: &BTreeMap<String, String>) -> String {
    let ops = &ctx.schema.operations;
    let mut alloc = Allocator::with_reserved(&["call", "from_json", "match_path", "function_args"]);
    let fns: Vec<String> = ops
        .iter()
        .map(|op| alloc.take(format!("call_{}", field_name(&op.name.replace('.', "_")))))
        .collect();
    let arms = ops.iter().zip(&fns).map(|(op, f)| {
        let cfg = cfg_all(&op_features(ctx, op));
        let (name, f) = (&op.name, ident(f));
        quote! { #cfg #name => #f(graph, operation, path, body), }
    });
    let body = if ops.is_empty() {
        quote! {
            let _ = (graph, operation, path, body);
            None
        }
    } else {
        quote! {
            match operation {
                #(#arms)*
                _ => None,
            }
        }
    };
    let head = render(head(body));
    let per_op = render_each(ops.len(), |i| {
        operation_fn(ctx, trie, params, &ops[i], &fns[i])
    });
    format!("{head}{per_op}")
}

/// The function that matches `path` against one operation's documented paths and builds its call.
fn operation_fn(
    ctx: &Ctx,
    trie: &Trie,
    params: &BTreeMap<String, String>,
    op: &crate::schema::Operation,
    fn_name: &str,
) -> TokenStream {
    let cfg = cfg_all(&op_features(ctx, op));
    let f = ident(fn_name);
    let doc = format!(" `{}` on `path`.", op.name);
    let mut tries = Vec::new();
    let mut seen = Vec::new();
    for template in &op.paths {
        if seen.contains(template) {
            continue;
        }
        seen.push(template.clone());
        let (segs, function) = walk_and_call(op, template);
        let Some((edges, node)) = trie.walk(&segs) else {
            continue;
        };
        let Some(at) = trie.nodes[node].ops.iter().find(|o| o.serves(&op.name)) else {
            continue;
        };
        let pattern = segs.iter().map(|s| match s {
            Segment::Param(_) => quote! { None },
            Segment::Literal(l) | Segment::Cast(l) => quote! { Some(#l) },
        });
        let mut k = 0usize;
        let walk = edges.iter().map(|e| {
            let m = ident(&e.method);
            if matches!(e.segment, Segment::Param(_)) {
                let i = k;
                k += 1;
                quote! { .#m(&ids[#i]) }
            } else {
                quote! { .#m() }
            }
        });
        let walk: Vec<TokenStream> = walk.collect();
        let m = ident(&at.method);
        let params_ty = params.get(&op.name).map(|p| {
            let p = ident(p);
            quote! { crate::client::params::#p }
        });
        // A method that takes `impl Into<AnyX>` gets the operation's own type when that
        // is one struct (the call a user of that type writes), else the `AnyX` itself.
        let method_op = shared_operation(at);
        let bytes = params_ty.is_none() && sends_bytes(&method_op, &at.template);
        let by_value = bytes || (params_ty.is_none() && takes_any(ctx, &method_op));
        let own = request_type(ctx, op).filter(|_| !by_value || !takes_any(ctx, op));
        let own = if by_value {
            own.or_else(|| request_type(ctx, &method_op))
        } else {
            own
        };
        // The typed argument, deserialized from the URL's arguments or the body.
        let arg: Option<TokenStream> = match (op.kind, &params_ty, own) {
            _ if bytes => Some(quote! { from_text(body) }),
            (OperationKind::Function, Some(p), _) => Some(quote! { from_json::<#p>(args) }),
            (OperationKind::Function, None, _) => None,
            (OperationKind::Action, Some(p), _) => Some(quote! { from_json::<#p>(body) }),
            (OperationKind::Get | OperationKind::List | OperationKind::Delete, _, _) => None,
            (_, _, Some(b)) if op.request_collection => {
                let b = request_type_elem(ctx, op).unwrap_or(b);
                Some(quote! { from_json::<Vec<#b>>(body) })
            }
            (_, _, Some(b)) => Some(quote! { from_json::<#b>(body) }),
            (_, _, None) => None,
        };
        let pass = if by_value {
            quote! { arg }
        } else {
            quote! { &arg }
        };
        let build = match arg {
            Some(arg) => quote! { #arg.map(|arg| graph #(#walk)* .#m(#pass).into_json()) },
            None => quote! { Ok(graph #(#walk)* .#m().into_json()) },
        };
        let func = match &function {
            Some(f) if op.kind == OperationKind::Function => quote! { Some(#f) },
            Some(f) => {
                // An action's name is a literal last segment.
                let _ = f;
                quote! { None }
            }
            None => quote! { None },
        };
        let pattern: Vec<TokenStream> = match (&function, op.kind) {
            (Some(f), OperationKind::Action) => {
                let mut p: Vec<TokenStream> = pattern.collect();
                p.push(quote! { Some(#f) });
                p
            }
            _ => pattern.collect(),
        };
        tries.push(quote! {
            if let Some((ids, args)) = match_path(path, &[#(#pattern),*], #func) {
                let _ = (&ids, &args);
                return Some(#build);
            }
        });
    }
    quote! {
        #cfg
        #[doc = #doc]
        fn #f(
            graph: &Graph,
            operation: &str,
            path: &str,
            body: Option<serde_json::Value>,
        ) -> Option<Result<Call<serde_json::Value>, String>> {
            let _ = (graph, &body);
            #(#tries)*
            Some(Err(format!("{path} is none of the documented paths of {operation}")))
        }
    }
}

/// `call` and the helpers every operation's function uses.
fn head(body: TokenStream) -> TokenStream {
    quote! {
        //! Operation name + concrete URL path + JSON body -> the typed call (cargo feature `registry`).

        use crate::client::core::Call;
        use crate::client::paths::Graph;

        /// The call of `operation` (`iosScepCertificateProfile.update`) on the concrete `path`
        /// (`/deviceManagement/deviceConfigurations/1`, a function with its arguments:
        /// `/x/getY(a='b')`) with the JSON `body`, answering JSON that went through the typed response.
        ///
        /// `None` for an unknown operation or one whose area features are off; an error when
        /// the path is none of the operation's documented paths or the body is not its request type.
        pub fn call(
            graph: &Graph,
            operation: &str,
            path: &str,
            body: Option<serde_json::Value>,
        ) -> Option<Result<Call<serde_json::Value>, String>> {
            #body
        }

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
        /// (ASCII case-insensitively) and `None` for parameters, whose values are returned.
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
            if segs.len() != pattern.len() {
                return None;
            }
            let mut ids = Vec::new();
            for (seg, pat) in segs.iter().zip(pattern) {
                match pat {
                    Some(lit) if seg.eq_ignore_ascii_case(lit) => {}
                    Some(_) => return None,
                    None => ids.push(seg.to_string()),
                }
            }
            Some((ids, args))
        }

        /// `a='x',n=3,b=true` -> `{"a": "x", "n": 3, "b": true}` (`''` inside quotes is `'`).
        #[allow(dead_code)]
        fn function_args(text: &str) -> Option<serde_json::Value> {
            let mut map = serde_json::Map::new();
            let mut rest = text.trim();
            while !rest.is_empty() {
                let eq = rest.find('=')?;
                let name = rest[..eq].trim().to_string();
                rest = rest[eq + 1..].trim_start();
                let value;
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
    }
}

fn request_type_elem(ctx: &Ctx, op: &crate::schema::Operation) -> Option<TokenStream> {
    Some(super::client_ops::rust_type(ctx, op.request_type.as_ref()?).0)
}

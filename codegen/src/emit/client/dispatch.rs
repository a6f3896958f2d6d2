//! `src/client/dispatch.rs` (cargo feature `registry`): an operation name, a
//! concrete URL path and a JSON body in (a byte body as a JSON string), the typed call out.
//!
//! The path is matched against the operation's documented templates; the match
//! is walked through the generated path methods, the body is deserialized into
//! the operation's request type and the response is read as its response type,
//! then serialized back to JSON (`Call::into_json`). So checking the docs'
//! examples through it exercises the same code a caller's typed call runs.

use super::ops::{cfg_all, op_features, request_type, sends_bytes, shared_operation, takes_any};
use crate::emit::{render, render_each, runtime};
use crate::rust_model::client_trie::walk_and_call;
use crate::rust_model::names::{field_name, ident, Allocator};
use crate::rust_model::RustModel;
use crate::schema::OperationKind;
use proc_macro2::TokenStream;
use quote::quote;

/// The file: `call` matches the operation name and hands over to that operation's
/// function, which tries its documented paths. One function per operation, so the
/// functions are built and printed on all cores.
pub fn emit(model: &RustModel) -> String {
    let ops = &model.schema.operations;
    let mut alloc = Allocator::with_reserved(&[
        "call",
        "from_json",
        "from_text",
        "match_path",
        "function_args",
    ]);
    let fns: Vec<String> = ops
        .iter()
        .map(|op| alloc.take(format!("call_{}", field_name(&op.name.replace('.', "_")))))
        .collect();
    let arms = ops.iter().zip(&fns).map(|(op, f)| {
        let cfg = cfg_all(&op_features(model, op));
        let (name, f) = (&op.name, ident(f));
        quote! { #cfg #name => #f(graph, operation, path, body), }
    });
    let body = if ops.is_empty() {
        quote! {
            let _ = (graph, operation, path, body);
            None
        }
    } else {
        // The last arm uses every argument, so that no warning comes when the area
        // features gate every other arm off.
        quote! {
            match operation {
                #(#arms)*
                _ => {
                    let _ = (graph, path, body);
                    None
                }
            }
        }
    };
    let head = render(head(body));
    let per_op = render_each(ops.len(), |i| operation_fn(model, &ops[i], &fns[i]));
    format!("{head}{per_op}")
}

/// The function that matches `path` against one operation's documented paths and builds its call.
fn operation_fn(model: &RustModel, op: &crate::schema::Operation, fn_name: &str) -> TokenStream {
    let cfg = cfg_all(&op_features(model, op));
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
        let Some((edges, node)) = model.trie.walk(&segs) else {
            continue;
        };
        let Some(at) = model.trie.nodes[node]
            .ops
            .iter()
            .find(|o| o.serves(&op.name))
        else {
            continue;
        };
        let pattern = segs.iter().map(|s| match s.pattern() {
            None => quote! { None },
            Some(p) => quote! { Some(#p) },
        });
        let mut k = 0usize;
        let walk = edges.iter().map(|e| {
            let m = ident(&e.method);
            let values = (k..k + e.segment.values()).map(|i| quote! { &ids[#i] });
            let walk = quote! { .#m(#(#values),*) };
            k += e.segment.values();
            walk
        });
        let walk: Vec<TokenStream> = walk.collect();
        let m = ident(&at.method);
        let params_ty = model.params.get(&op.name).map(|p| {
            let p = ident(p);
            quote! { crate::client::params::#p }
        });
        // A method that takes `impl Into<AnyX>` gets the operation's own type when that
        // is one struct (the call a user of that type writes), else the `AnyX` itself.
        let method_op = shared_operation(at);
        let bytes = params_ty.is_none() && sends_bytes(&method_op, &at.template);
        let by_value = bytes || (params_ty.is_none() && takes_any(model, &method_op));
        // In the `crates` layout an `AnyX` has only the variants its crate sees: a
        // type of a later crate is passed as the `AnyX` itself.
        let is_variant = || {
            let named = |o: &crate::schema::Operation| {
                o.request_body_type()
                    .and_then(|t| t.as_named().map(|n| n.as_str().to_string()))
            };
            match (named(op), named(&method_op)) {
                (Some(own), Some(any)) => model.has_variant(&any, &own),
                _ => true,
            }
        };
        let own = request_type(model, op)
            .filter(|_| !by_value || (!takes_any(model, op) && is_variant()));
        let own = if by_value {
            own.or_else(|| request_type(model, &method_op))
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
                let b = request_type_elem(model, op).unwrap_or(b);
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
    let helpers = runtime::items(runtime::DISPATCH_HELPERS);
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

        #helpers
    }
}

fn request_type_elem(model: &RustModel, op: &crate::schema::Operation) -> Option<TokenStream> {
    Some(model.rust_type(op.request_type.as_ref()?))
}

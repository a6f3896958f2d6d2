//! The operation methods of the client's path nodes, and the `XParameters`
//! structs of actions and functions (`src/client/params.rs`).
//!
//! | operation | method | returns |
//! |-----------|--------|---------|
//! | get       | `get()` | `Call<R, Read>` |
//! | list      | `list()` | `Call<Page<R>, Read>` |
//! | create / update | `create(&B)` / `update(&B)`; `create(impl Into<AnyX>)` for a type with derived types | `Call<R>` |
//! | delete    | `delete()` | `Call<()>` |
//! | action    | `name(&NameParameters)` (body), or `name()` | `Call<R>` |
//! | function  | `name(&NameParameters)` (in the URL: `name(a='x')`), or `name()` | `Call<R, Read>` |
//!
//! `R` is `()` for 204 or no documented response, `Page<X>` for collections,
//! `Content` (bytes and their media type) where the docs show bytes; a call that
//! sends bytes takes `content: Content` instead of its JSON body.
//! Every method is gated on the features of the types it uses and of its target
//! ([`op_features`]); the path structs on the features of the calls below them.

use crate::emit::docs;
use crate::rust_model::client_trie::OpAt;
use crate::rust_model::names::{self, ident};
use crate::rust_model::RustModel;
use crate::schema::operation_parts::carries_bytes_on;
use crate::schema::OperationKind;
use crate::schema::{Operation, TypeName, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;
use std::borrow::Cow;
use std::collections::BTreeSet;

/// The features an operation's types need ([`RustModel::type_feature`]): those it
/// sends and answers, and its target's (a delete or an action that names no type is
/// still its target's, so that one area's calls come without every area's paths).
pub fn op_features(model: &RustModel, op: &Operation) -> BTreeSet<String> {
    let mut types: Vec<TypeRef> = Vec::new();
    types.extend(op.target_type.clone().map(TypeRef::Named));
    types.extend(op.request_body_type());
    // The type the method answers: a get or list without a documented response
    // answers its target type.
    types.extend(op.response_body_type());
    types.extend(op.parameters.iter().map(|p| p.ty.clone()));
    types
        .iter()
        .filter_map(|t| match t {
            TypeRef::Named(name) => model.schema.type_def(name),
            TypeRef::Primitive(_) => None,
        })
        .map(|t| model.type_feature(&t.name))
        .collect()
}

/// `#[cfg(all(feature = "a", ...))]`, or nothing.
pub fn cfg_all(features: &BTreeSet<String>) -> TokenStream {
    if features.is_empty() {
        return TokenStream::new();
    }
    if features.len() == 1 {
        let f = features.iter();
        return quote! { #(#[cfg(feature = #f)])* };
    }
    let f = features.iter();
    quote! { #[cfg(all(#(feature = #f),*))] }
}

/// The response type of an operation, and how its answer is read (`core::Answer`).
pub fn response_type(model: &RustModel, op: &Operation) -> (TokenStream, TokenStream) {
    let unit = (
        quote! { () },
        quote! { crate::client::core::Answer::Nothing },
    );
    if op.status == Some(204) || op.kind == OperationKind::Delete {
        return unit;
    }
    let Some(name) = op.response_body_type() else {
        return unit;
    };
    let ty = model.rust_type(&name);
    if op.answers_page() {
        (
            quote! { crate::client::core::Page<#ty> },
            quote! { crate::client::core::Answer::Page },
        )
    } else {
        (ty, quote! { crate::client::core::Answer::Single })
    }
}

/// The request body type of a create/update, or of an action without parameters.
pub fn request_type(model: &RustModel, op: &Operation) -> Option<TokenStream> {
    let ty = model.rust_type(&op.request_body_type()?);
    Some(if op.request_collection {
        quote! { [#ty] }
    } else {
        ty
    })
}

fn doc_lines(op: &Operation, at: &OpAt) -> Vec<String> {
    let mut lines = docs::paragraphs(&op.description);
    if lines.is_empty() {
        lines.push("(no description in the docs)".into());
    }
    lines.push(format!("`{} {}`", op.method, at.template));
    let others: Vec<String> = op
        .paths
        .iter()
        .filter(|p| p.as_str() != at.template)
        .map(|p| format!("`{}`", p.as_str()))
        .collect();
    if !others.is_empty() {
        lines.push(format!("Also documented at: {}.", others.join(", ")));
    }
    let p = &op.permissions;
    let mut perms = Vec::new();
    for (label, scopes) in [
        ("delegated (work or school)", &p.delegated_work),
        ("delegated (personal)", &p.delegated_personal),
        ("application", &p.application),
        ("unclassified", &p.unclassified),
    ] {
        if !scopes.is_empty() {
            perms.push(format!("{label}: {}", scopes.join(", ")));
        }
    }
    if !perms.is_empty() {
        lines.push(format!("Permissions: {}.", docs::escape(&perms.join("; "))));
    }
    let side = |body: &crate::schema::Body| match body.content_type() {
        Some(t) => format!("bytes (`Content`) of type `{}`", docs::escape(t)),
        None => "bytes (`Content`)".to_string(),
    };
    if sends_bytes(op, &at.template) {
        lines.push(format!("Sends {}.", side(&op.request_body)));
    }
    if answers_bytes(op, &at.template) {
        lines.push(format!("Answers {}.", side(&op.response_body)));
    }
    if documents_consistency_level(op) {
        lines.push("The page documents the `ConsistencyLevel` header: `count()` and `search()` send `ConsistencyLevel: eventual`.".to_string());
    }
    let sources: Vec<String> = op.sources.iter().map(|s| format!("`{}`", s.file)).collect();
    lines.push(format!("Documented in {}.", sources.join(", ")));
    lines
}

/// The operation a method calls: the documented one, or, for a method several derived
/// types' operations share, one about their common base (its paths and pages the union of
/// theirs, answering nothing only when every one of them does).
pub fn shared_operation<'a>(at: &OpAt<'a>) -> Cow<'a, Operation> {
    let Some(base) = &at.shared_type else {
        return Cow::Borrowed(at.op);
    };
    let mut op = at.op.clone();
    let all = || std::iter::once(at.op).chain(at.also.iter().copied());
    let base_name = TypeName::parse(base);
    op.target_type = Some(base_name.clone());
    if all().any(|o| o.request_type.is_some()) {
        op.request_type = Some(TypeRef::Named(base_name.clone()));
    }
    if all().any(|o| o.response_type.is_some()) {
        op.response_type = Some(TypeRef::Named(base_name));
    }
    if !all().all(|o| o.status == Some(204)) {
        op.status = all().map(|o| o.status).find(|s| *s != Some(204)).flatten();
    }
    for other in &at.also {
        for p in &other.paths {
            if !op.paths.contains(p) {
                op.paths.push(p.clone());
            }
        }
        op.sources.extend(other.sources.iter().cloned());
    }
    op.sources.sort();
    op.sources.dedup();
    let short = base.rsplit('.').next().unwrap_or(base);
    op.description = format!(
        "`{}` of any `{short}`, whatever its derived type: the docs document it on this path for {} types derived from `{short}` (the pages below).",
        op.kind.as_str(),
        at.also.len() + 1,
    );
    Cow::Owned(op)
}

/// A body argument and the expression that serializes it. A polymorphic body is taken
/// as `impl Into<AnyX>` (any derived type), and its `@odata.type` filled when unset.
fn body_arg(model: &RustModel, op: &Operation) -> Option<(TokenStream, TokenStream)> {
    let b = request_type(model, op)?;
    let core = quote! { crate::client::core };
    if takes_any(model, op) {
        return Some((
            quote! { body: impl Into<#b> },
            quote! { {
                let mut body: #b = body.into();
                body.fill_odata_type();
                #core::json_body(&body)
            } },
        ));
    }
    Some((quote! { body: &#b }, quote! { #core::json_body(body) }))
}

/// Whether the operation's body is one value of a type with derived types (`AnyX`).
pub fn takes_any(model: &RustModel, op: &Operation) -> bool {
    let body = op.request_body_type();
    !op.request_collection
        && body
            .as_ref()
            .and_then(TypeRef::as_named)
            .is_some_and(|n| model.descendants.contains_key(n.as_str()))
}

/// Whether the operation's page documents the `ConsistencyLevel` request header.
fn documents_consistency_level(op: &Operation) -> bool {
    op.request_headers
        .iter()
        .any(|h| h.eq_ignore_ascii_case("consistencylevel"))
}

/// Whether the method of `at` sends its body as bytes ([`Body`] on the paths that carry them).
pub fn sends_bytes(op: &Operation, template: &str) -> bool {
    op.request_body.is_bytes() && carries_bytes_on(&op.paths, template)
}

/// Whether the method of `at` answers bytes: the response is, and it has a body.
pub fn answers_bytes(op: &Operation, template: &str) -> bool {
    op.response_body.is_bytes()
        && carries_bytes_on(&op.paths, template)
        && op.status != Some(204)
        && op.kind != OperationKind::Delete
}

/// The method of one operation on one node.
pub fn method(model: &RustModel, at: &OpAt) -> TokenStream {
    let op = &*shared_operation(at);
    let cfg = cfg_all(&op_features(model, op));
    let doc = docs::attrs(&doc_lines(op, at));
    let name = ident(&at.method);
    let core = quote! { crate::client::core };
    // `Accept` follows the operation: JSON calls ask for JSON (`Call::new`), byte
    // calls for their documented type, else anything.
    let (ret, answer, accept) = if answers_bytes(op, &at.template) {
        let accept = match op.response_body.content_type() {
            Some(t) => quote! { .accept(#t) },
            None => TokenStream::new(),
        };
        (
            quote! { #core::Content },
            quote! { #core::Answer::Bytes },
            accept,
        )
    } else {
        let (ret, answer) = response_type(model, op);
        (ret, answer, TokenStream::new())
    };
    let bytes_arg = sends_bytes(op, &at.template).then(|| {
        let default = match op.request_body.content_type() {
            Some(t) => quote! { Some(#t) },
            None => quote! { None },
        };
        (quote! { content: #core::Content }, default)
    });
    let method = ident(&op.method.to_ascii_uppercase());
    let params_ty = model.params.get(&op.name).map(|p| {
        let p = ident(p);
        quote! { crate::client::params::#p }
    });
    let consistency = if documents_consistency_level(op) {
        quote! { .documents_consistency_level() }
    } else {
        TokenStream::new()
    };
    match (op.kind, &at.last) {
        (OperationKind::Function, Some(last)) => {
            let (arg, value) = match &params_ty {
                Some(p) => (quote! { params: &#p }, quote! { params }),
                None => (quote! {}, quote! { &#core::NoParameters }),
            };
            quote! {
                #cfg #doc
                pub fn #name(&self, #arg) -> #core::Call<#ret, #core::Read> {
                    #core::Call::function(&self.url, #last, #value, #answer)#consistency #accept
                }
            }
        }
        (_, Some(last)) if params_ty.is_none() && bytes_arg.is_some() => {
            let (arg, default) = bytes_arg.unwrap_or_default();
            quote! {
                #cfg #doc
                pub fn #name(&self, #arg) -> #core::Call<#ret> {
                    #core::Call::with_content(http::Method::#method, &#core::push_literal(&self.url, #last), content, #default, #answer) #accept
                }
            }
        }
        (_, Some(last)) => {
            let (arg, body) = match (&params_ty, body_arg(model, op)) {
                (Some(p), _) => (quote! { params: &#p }, quote! { #core::json_body(params) }),
                (None, Some(arg_body)) => arg_body,
                (None, None) => (quote! {}, quote! { None }),
            };
            quote! {
                #cfg #doc
                pub fn #name(&self, #arg) -> #core::Call<#ret> {
                    #core::Call::new(http::Method::#method, &#core::push_literal(&self.url, #last), #body, #answer) #accept
                }
            }
        }
        (OperationKind::Get | OperationKind::List, None) => quote! {
            #cfg #doc
            pub fn #name(&self) -> #core::Call<#ret, #core::Read> {
                #core::Call::new(http::Method::#method, &self.url, None, #answer)#consistency #accept
            }
        },
        (kind, None) if kind != OperationKind::Delete && bytes_arg.is_some() => {
            let (arg, default) = bytes_arg.unwrap_or_default();
            quote! {
                #cfg #doc
                pub fn #name(&self, #arg) -> #core::Call<#ret> {
                    #core::Call::with_content(http::Method::#method, &self.url, content, #default, #answer) #accept
                }
            }
        }
        (_, None) => {
            let (arg, body) = match body_arg(model, op) {
                Some(arg_body) if op.kind != OperationKind::Delete => arg_body,
                _ => (quote! {}, quote! { None }),
            };
            quote! {
                #cfg #doc
                pub fn #name(&self, #arg) -> #core::Call<#ret> {
                    #core::Call::new(http::Method::#method, &self.url, #body, #answer) #accept
                }
            }
        }
    }
}

/// `src/client/params.rs`: one struct per action or function with parameters.
pub fn params_file(model: &RustModel) -> TokenStream {
    let params = &model.params;
    let items = model.schema.operations.iter().filter_map(|op| {
        let name = ident(params.get(&op.name)?);
        let cfg = cfg_all(&op_features(model, op));
        let fields = names::unique_names(
            op.parameters.iter().map(|p| p.name.clone()),
            names::RESERVED_FIELD_NAMES,
            names::field_name,
        );
        let mut defs = Vec::new();
        let mut ser = Vec::new();
        let mut de = Vec::new();
        for p in &op.parameters {
            let f = ident(&fields[&p.name]);
            let ty = model.rust_type(&p.ty);
            let ty = if p.collection { quote! { Vec<#ty> } } else { ty };
            let doc = docs::doc_or(&p.description, || format!("The `{}` parameter.", p.name));
            let wire = &p.name;
            defs.push(quote! { #doc pub #f: Option<#ty>, });
            ser.push(quote! { if let Some(v) = &self.#f { map.serialize_entry(#wire, v)?; } });
            de.push(quote! { #f: crate::client::core::take_member(&mut map, #wire)?, });
        }
        let kind = if op.kind == OperationKind::Function { "function (in the URL)" } else { "action (the JSON body)" };
        // OData writes these literals in a URL without quotes.
        let unquoted: Vec<&str> = op
            .parameters
            .iter()
            .filter(|p| !p.collection && matches!(p.ty.as_primitive(), Some("DateTimeOffset" | "Date" | "TimeOfDay" | "Guid")))
            .map(|p| p.name.as_str())
            .collect();
        let function_impl = (op.kind == OperationKind::Function).then(|| quote! {
            #cfg
            impl crate::client::core::FunctionParameters for #name {
                const UNQUOTED: &'static [&'static str] = &[#(#unquoted),*];
            }
        });
        let doc = format!(" Parameters of the `{}` {kind}.", op.name);
        Some(quote! {
            #cfg
            #[doc = #doc]
            #[derive(Debug, Clone, Default, PartialEq)]
            pub struct #name {
                #(#defs)*
                /// Members the docs do not list, kept as they are (a `BTreeMap` by `Deref`).
                pub additional_properties: crate::support::AdditionalProperties,
            }
            #cfg
            impl serde::Serialize for #name {
                fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                    use serde::ser::SerializeMap as _;
                    let mut map = s.serialize_map(None)?;
                    #(#ser)*
                    for (k, v) in &self.additional_properties {
                        map.serialize_entry(k, v)?;
                    }
                    map.end()
                }
            }
            #cfg
            impl<'de> serde::Deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                    let mut map = <serde_json::Map<String, serde_json::Value> as serde::Deserialize>::deserialize(d)?;
                    Ok(#name {
                        #(#de)*
                        additional_properties: map.into_iter().collect(),
                    })
                }
            }
            #function_impl
        })
    });
    quote! {
        //! The parameters of actions (sent as the JSON body) and functions (sent in the URL).
        #(#items)*
    }
}

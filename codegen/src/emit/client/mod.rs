//! The typed client of the generated crate (cargo feature `client`, on by default):
//!
//! * `src/client/mod.rs`: the module;
//! * `src/client/core.rs`, `src/client/executor.rs`, `src/client/identity.rs`: runtime
//!   templates (`runtime/client_core.rs`, `runtime/client_reqwest.rs`,
//!   `runtime/client_identity.rs`), copied verbatim (the last with the crate's name);
//! * `src/client/paths.rs`: one struct per path prefix of the docs ([`client_trie`](crate::rust_model::client_trie)),
//!   with the operation methods ([`ops`]), each compiled with the features of a call on
//!   it or below it;
//! * `src/client/params.rs`: parameters of actions and functions;
//! * `src/client/dispatch.rs` (with `registry`): operation name + concrete URL -> typed call
//!   ([`dispatch`]).

pub mod dispatch;
pub mod ops;

use crate::emit::runtime;
use crate::emit::{docs, render, render_each, render_items, HEADER};
use crate::rust_model::client_trie::Segment;
use crate::rust_model::names::{self, ident};
use crate::rust_model::RustModel;
use ops::{method, op_features, params_file, shared_operation};
use proc_macro2::{Ident, TokenStream};
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};

/// The module docs of `src/client/mod.rs`, with an example that compiles as a
/// doctest against any crate the generator writes (it names no generated path).
fn mod_doc(lib: &str) -> TokenStream {
    let lines = [
        " A typed client: follow the documented path the way the URL reads, then call the operation".to_string(),
        " (`client.users().by_id(\"id\").get()`, one method per segment); each call is a [`Call`].".to_string(),
        String::new(),
        " ```no_run".to_string(),
        " # #[cfg(feature = \"reqwest\")]".to_string(),
        format!(" # async fn example() -> Result<(), {lib}::client::GraphError> {{"),
        format!(" use {lib}::client::{{base_url, core::Answer, http::Method, Call, Page, Read}};"),
        format!(" use {lib}::client::executor::{{GraphClient, StaticToken}};"),
        String::new(),
        " let client = GraphClient::new(base_url::BETA, StaticToken::new(\"token\"));".to_string(),
        " // The generated paths build calls like this one; any URL can be called too.".to_string(),
        " let url = format!(\"{}/me/messages\", client.base_url());".to_string(),
        " let list: Call<Page<serde_json::Value>, Read> = Call::new(Method::GET, &url, None, Answer::Page);".to_string(),
        " let mut pages = client.pages(list.select(&[\"subject\"]).top(50));".to_string(),
        " while let Some(page) = pages.next().await {".to_string(),
        "     for message in page?.value {".to_string(),
        "         println!(\"{}\", message[\"subject\"]);".to_string(),
        "     }".to_string(),
        " }".to_string(),
        " # Ok(())".to_string(),
        " # }".to_string(),
        " ```".to_string(),
        String::new(),
        " Each operation returns a [`Call`]: an `http::Request` and how to read its".to_string(),
        " response, so any HTTP stack can send it. `executor` (feature `reqwest`)".to_string(),
        " sends it with reqwest, with tokens pinned to the Graph host, retries of".to_string(),
        " throttled calls and paging.".to_string(),
    ];
    quote! { #( #![doc = #lines] )* }
}

fn mod_rs(lib: &str) -> TokenStream {
    let doc = mod_doc(lib);
    quote! {
        #doc

        pub mod batch;
        pub mod core;
        pub mod params;
        pub mod paths;
        #[cfg(feature = "reqwest")]
        pub mod executor;
        #[cfg(feature = "azure-identity")]
        pub mod identity;
        #[cfg(feature = "registry")]
        pub mod dispatch;

        pub use self::core::{base_url, Call, GraphError, Page, Read, Write};
        pub use self::paths::Graph;
        /// The `http` crate the calls are made of.
        pub use http;
    }
}

/// When a node's struct is compiled: always, or when any of these features is on.
#[derive(Debug, Clone, PartialEq)]
enum Gate {
    Always,
    Any(BTreeSet<String>),
}

impl Gate {
    fn cfg(&self) -> TokenStream {
        match self {
            Gate::Always => TokenStream::new(),
            Gate::Any(features) if features.len() == 1 => {
                let f = features.iter();
                quote! { #(#[cfg(feature = #f)])* }
            }
            Gate::Any(features) => {
                let f = features.iter();
                quote! { #[cfg(any(#(feature = #f),*))] }
            }
        }
    }
}

/// Each node's gate: the features of the calls on it and below it, so that with one
/// area's features only the paths that lead to its calls are compiled; always for the
/// root and for a node with a call that needs no feature.
fn node_gates(model: &RustModel) -> Vec<Gate> {
    fn visit(model: &RustModel, i: usize, gates: &mut Vec<Option<Gate>>) -> Gate {
        if let Some(gate) = &gates[i] {
            return gate.clone();
        }
        let node = &model.trie.nodes[i];
        let mut features = BTreeSet::new();
        let mut always = i == 0;
        for at in &node.ops {
            let needs = op_features(model, &shared_operation(at));
            always |= needs.is_empty();
            features.extend(needs);
        }
        for e in &node.edges {
            match visit(model, e.child, gates) {
                Gate::Always => always = true,
                Gate::Any(f) => features.extend(f),
            }
        }
        let gate = if always {
            Gate::Always
        } else {
            Gate::Any(features)
        };
        gates[i] = Some(gate.clone());
        gate
    }
    let mut gates = vec![None; model.trie.nodes.len()];
    (0..gates.len())
        .map(|i| visit(model, i, &mut gates))
        .collect()
}

/// `src/client/paths.rs`: one struct per trie node, built and printed on all cores.
fn paths_rs(model: &RustModel) -> String {
    let trie = &model.trie;
    let gates = node_gates(model);
    let intro = render_items(quote! {
        //! One struct per documented path prefix; methods walk the path and call the operations.
    });
    let nodes = render_each(trie.nodes.len(), |i| {
        let node = &trie.nodes[i];
        let name = ident(&node.name);
        let cfg = gates[i].cfg();
        let edges = node.edges.iter().map(|e| {
            let m = ident(&e.method);
            let child = ident(&e.child_name);
            // The impl is compiled with the node's gate already: a child that has the
            // same one needs no gate of its own.
            let cfg = match &gates[e.child] {
                same if *same == gates[i] => TokenStream::new(),
                other => other.cfg(),
            };
            let walk = match &e.segment {
                Segment::Param(p) => {
                    let doc = format!(" `/{{{p}}}`: the item with this key.");
                    quote! {
                        #[doc = #doc]
                        pub fn #m(&self, id: &str) -> #child {
                            #child { url: crate::client::core::push_param(&self.url, id) }
                        }
                    }
                }
                Segment::ItemPath(p) => {
                    let doc = format!(" `/{{{p}}}:`: the item at this path (`folder/file.xlsx`; its `/` kept).");
                    quote! {
                        #[doc = #doc]
                        pub fn #m(&self, path: &str) -> #child {
                            #child { url: crate::client::core::push_item_path(&self.url, path) }
                        }
                    }
                }
                Segment::Call { name, arguments } => {
                    let doc = format!(" `/{}`: the function composed with these arguments.", e.segment.raw());
                    let params: Vec<Ident> = arguments.iter().map(|a| ident(&names::field_name(&a.name))).collect();
                    let wire = arguments.iter().map(|a| a.name.as_str());
                    let quoted = arguments.iter().map(|a| a.quoted);
                    quote! {
                        #[doc = #doc]
                        pub fn #m(&self, #(#params: &str),*) -> #child {
                            #child {
                                url: crate::client::core::push_call(&self.url, #name, &[#((#wire, #params, #quoted)),*]),
                            }
                        }
                    }
                }
                Segment::Literal(s) | Segment::Cast(s) => {
                    let doc = format!(" `/{s}`");
                    quote! {
                        #[doc = #doc]
                        pub fn #m(&self) -> #child {
                            #child { url: crate::client::core::push_literal(&self.url, #s) }
                        }
                    }
                }
            };
            quote! { #cfg #walk }
        });
        let ops = node.ops.iter().map(|at| method(model, at));
        let doc = if i == 0 {
            docs::attrs(&[
                "The service root: where every documented path starts.".to_string(),
                "`Graph::new(base_url::BETA)`; with `reqwest`, `GraphClient` derefs to one."
                    .to_string(),
            ])
        } else if node.aliases.is_empty() {
            let t = format!(" `{}`", node.template);
            quote! { #[doc = #t] }
        } else {
            let others: Vec<String> = node
                .aliases
                .iter()
                .map(|a| format!("`{}` ([`{}`])", a.template, a.name))
                .collect();
            docs::attrs(&[
                format!("`{}`", node.template),
                format!(
                    "Also the path of {}: the calls there are the same, so its type is an alias of this one.",
                    others.join(", ")
                ),
            ])
        };
        let aliases = node.aliases.iter().map(|a| {
            let alias = ident(&a.name);
            let doc = format!(
                " `{}`: the same calls as [`{}`] (`{}`).",
                a.template, node.name, node.template
            );
            quote! {
                #cfg
                #[doc = #doc]
                pub type #alias = #name;
            }
        });
        let ctor = if i == 0 {
            quote! {
                /// The root at `base_url` (`https://graph.microsoft.com/beta`; a trailing `/` is dropped).
                pub fn new(base_url: &str) -> Self {
                    Graph { url: base_url.trim_end_matches('/').to_string() }
                }
                /// The base URL.
                pub fn base_url(&self) -> &str {
                    &self.url
                }
            }
        } else {
            quote! {
                /// The URL of this path.
                pub fn url(&self) -> &str {
                    &self.url
                }
            }
        };
        // No `PartialEq`/`Eq`: a path handle is compared by its `url()`, and the two impls
        // of each of the beta reference's 3,038 nodes took a fifth of the client's check
        // (12.8 s -> 10.0 s for the facade; BENCHMARKS.md).
        quote! {
            #cfg
            #doc
            #[derive(Debug, Clone)]
            pub struct #name {
                url: String,
            }
            #cfg
            impl #name {
                #ctor
                #(#edges)*
                #(#ops)*
            }
            #(#aliases)*
        }
    });
    format!("{}{intro}{nodes}", HEADER)
}

/// The client's files keyed by crate-relative path.
/// The client's files; `crate_name` is the generated package's (its doctests name the library).
pub fn files(model: &RustModel, crate_name: &str) -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    let lib = crate_name.replace('-', "_");
    files.insert("src/client/mod.rs".to_string(), render(mod_rs(&lib)));
    files.insert("src/client/paths.rs".to_string(), paths_rs(model));
    files.insert(
        "src/client/params.rs".to_string(),
        render(params_file(model)),
    );
    files.insert("src/client/dispatch.rs".to_string(), dispatch::emit(model));
    files.insert(
        "src/client/core.rs".to_string(),
        format!("{}{}", HEADER, runtime::CORE),
    );
    files.insert(
        "src/client/executor.rs".to_string(),
        format!("{}{}", HEADER, runtime::EXECUTOR),
    );
    files.insert(
        "src/client/identity.rs".to_string(),
        format!(
            "{}{}",
            HEADER,
            runtime::IDENTITY.replace("graph_generated::", &format!("{lib}::"))
        ),
    );
    files.insert(
        "src/client/batch.rs".to_string(),
        format!("{}{}", HEADER, runtime::BATCH),
    );
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    /// docs-input documents calls of two areas under two path roots
    /// (`/deviceAppManagement` for `intune-apps`, `/deviceManagement` for
    /// `intune-deviceconfig`), and none that needs no feature: each root's paths come
    /// with their area's feature only, and the service root always.
    #[test]
    fn a_path_is_compiled_with_the_features_of_the_calls_below_it() {
        let docs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input");
        let loaded = crate::pipeline::load(&[docs], crate::pipeline::Progress::Never);
        let model = RustModel::new(&loaded.schema);
        let gates = node_gates(&model);
        assert_eq!(gates[0], Gate::Always);
        for (node, gate) in model.trie.nodes.iter().zip(&gates).skip(1) {
            let area = if node.template.starts_with("/deviceAppManagement") {
                "intune-apps"
            } else {
                assert!(
                    node.template.starts_with("/deviceManagement"),
                    "{}",
                    node.template
                );
                "intune-deviceconfig"
            };
            assert_eq!(
                *gate,
                Gate::Any(BTreeSet::from([area.to_string()])),
                "{}",
                node.template
            );
        }
        assert!(gates.len() > 2, "docs-input has paths under both roots");
    }
}

//! The crate around the types: `Cargo.toml`, `src/lib.rs`, one module file per
//! doc area (`src/intune_deviceconfig.rs`) and the feature wiring.
//!
//! One cargo feature per area; which references between areas are feature
//! dependencies and which are gated fields is decided in [`crate::rust_model::features`].
//! `AnyT` variants of derived types in other areas are gated on the variant.
//! `full` = every area, `default = ["full"]`; `registry` is opt-in.

use super::models::{enums, polymorphic, registry, structs};
use super::{docs, render, render_each, EmitOptions, HEADER};
use crate::rust_model::{features, names, Layout, RustModel};
use crate::schema::TypeDef;
use crate::schema::TypeKind;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;

/// A TOML basic string of `s`, every hidden character escaped.
pub fn toml_str(s: &str) -> String {
    // JSON string escapes are valid TOML basic-string escapes; serde_json escapes
    // control characters, and every other hidden one is escaped here too.
    let json = serde_json::to_string(s).expect("string serializes");
    json.chars()
        .map(|c| match crate::hidden_chars::classify(c) {
            Some(_) if c as u32 > 0xFFFF => format!("\\U{:08X}", c as u32),
            Some(_) => format!("\\u{:04X}", c as u32),
            None => c.to_string(),
        })
        .collect()
}

/// Dependencies of the client (`src/client/`).
const CLIENT_DEPS: &str = "\
# The client's requests and responses (small, no I/O).
http = \"1\"
# `Retry-After` given as an HTTP date (tiny, no dependencies).
httpdate = \"1\"
# The `reqwest` executor: rustls (no OpenSSL), no default features; tokio for retry waits.
reqwest = { version = \"0.12\", default-features = false, features = [\"rustls-tls\"], optional = true }
tokio = { version = \"1\", features = [\"time\"], optional = true }
# Pages and items as `Stream`s (the executor's paging; reqwest depends on it already).
futures-util = { version = \"0.3\", default-features = false, optional = true }
# `client::identity`: tokens from azure_identity's credentials (client secret or assertion,
# managed identity, workload identity, Azure CLI), Microsoft's own crate, which Microsoft
# keeps in step with Entra ID, and whose credentials cache and refresh tokens themselves.
# rustls only (no OpenSSL, no native-tls): not its `client_certificate` feature, which is OpenSSL. azure_core sends with its own reqwest (0.13, rustls
# over aws-lc-rs): a second reqwest beside the executor's 0.12, which credentials need so
# that they work with their default options.
azure_identity = { version = \"1\", default-features = false, optional = true }
azure_core = { version = \"1\", default-features = false, features = [\"reqwest\", \"reqwest_rustls\"], optional = true }
";

/// Features of the client.
const CLIENT_FEATURES: &str = "\
# `client`: the typed client (paths, operations, `Call`).
client = []
# `client::executor`: send calls with reqwest (async, rustls).
reqwest = [\"client\", \"dep:reqwest\", \"dep:tokio\", \"dep:futures-util\"]
# `client::identity`: `AzureIdentityToken`, a token provider over azure_identity's credentials.
azure-identity = [\"reqwest\", \"dep:azure_identity\", \"dep:azure_core\"]
";

/// What the facade of the `crates` layout adds to the single crate's `Cargo.toml`.
#[derive(Debug, Default)]
pub struct ManifestExtras {
    /// Dependency lines, after serde's.
    pub deps: String,
    /// Area -> what its feature enables (the features of its crates, two when its parts
    /// are apart); no other area's feature, since its crates bring what they need. Empty
    /// for the single crate, whose area features enable the areas they need.
    pub area_enables: BTreeMap<String, Vec<String>>,
    /// The features of the crates (`_unit-<slug>` -> its `dep:` and those of the crates it needs).
    pub unit_features: BTreeMap<String, Vec<String>>,
    /// Text at the end (`[workspace]`).
    pub tail: String,
}

/// `Cargo.toml`: the package, its dependencies and features (one per area).
pub fn cargo_toml(model: &RustModel, opts: &EmitOptions, extras: &ManifestExtras) -> String {
    let deps = features::area_deps(model);
    let mut out = String::new();
    out.push_str(&super::HEADER.replacen("//", "#", 1));
    out.push_str("[package]\n");
    out.push_str(&format!("name = {}\n", toml_str(&opts.crate_name)));
    out.push_str(&format!("version = {}\n", toml_str(&opts.crate_version)));
    out.push_str("edition = \"2021\"\n");
    out.push_str("description = \"Serde models for Microsoft Graph, generated from its reference docs by graph-docgen\"\n");
    out.push_str("\n[dependencies]\nserde = \"1\"\nserde_json = \"1\"\n");
    out.push_str(&extras.deps);
    out.push_str(CLIENT_DEPS);
    out.push_str("\n[features]\ndefault = [\"full\", \"client\"]\n");
    out.push_str(CLIENT_FEATURES);
    let all: Vec<String> = model.areas.values().map(|a| toml_str(&a.feature)).collect();
    out.push_str(&format!("full = [{}]\n", all.join(", ")));
    out.push_str("# `registry::roundtrip`: type name -> Rust type, for checking examples.\n");
    out.push_str("registry = []\n");
    for (area, a) in &model.areas {
        let list: Vec<String> = match model.layout {
            Layout::Single => deps[area]
                .iter()
                .map(|d| model.areas[d].feature.clone())
                .collect(),
            Layout::Crates => extras.area_enables.get(*area).cloned().unwrap_or_default(),
        };
        out.push_str(&feature_line(&a.feature, &list));
    }
    if !extras.unit_features.is_empty() {
        out.push_str("# Each crate of the workspace with the crates it needs (what the area features turn on).\n");
    }
    for (feature, list) in &extras.unit_features {
        out.push_str(&feature_line(feature, list));
    }
    out.push_str(&extras.tail);
    out
}

/// `"name" = ["a", "b"]` and a newline.
fn feature_line(name: &str, enables: &[String]) -> String {
    let list: Vec<String> = enables.iter().map(|f| toml_str(f)).collect();
    format!("{} = [{}]\n", toml_str(name), list.join(", "))
}

fn type_counts<'a>(model: &RustModel<'a>) -> BTreeMap<&'a str, usize> {
    let mut counts = BTreeMap::new();
    for t in &model.schema.types {
        *counts.entry(t.area.as_str()).or_insert(0) += 1;
    }
    counts
}

/// The crate's doc lines: what it is, and its features.
fn lib_doc_lines(model: &RustModel) -> Vec<String> {
    let counts = type_counts(model);
    let deps = features::area_deps(model);
    let mut lines: Vec<String> = vec![
        "Serde models for Microsoft Graph, generated from its reference documentation.".into(),
        String::new(),
        "Generated by graph-docgen from the Microsoft Graph reference pages; do not edit by hand, run `cargo xtask regenerate`.".into(),
        String::new(),
        "Every complex and entity type is a struct whose properties are all `Option` (inherited ones included),".into(),
        "with `odata_type` and `additional_properties` (what the schema does not know, kept so that it serializes back unchanged).".into(),
        "A type with derived types also has an `AnyX` enum chosen by `@odata.type`. Enums keep unknown values in `Undocumented`;".into(),
        "flags enums are `support::Flags` sets. Date, time, GUID and binary values keep their exact wire text (`edm`).".into(),
        String::new(),
        "# Features".into(),
        String::new(),
        "* `full` (default): every area below.".into(),
        "* `registry`: `registry::roundtrip`, type name to Rust type (and `client::dispatch` with `client`).".into(),
        "* `client` (default): the typed client, `client::Graph` and its paths; `reqwest`: its reqwest executor.".into(),
        "* `azure-identity`: `client::identity::AzureIdentityToken`, tokens from azure_identity's credentials (enables `reqwest`).".into(),
    ];
    if model.layout == Layout::Crates {
        lines.push("* `_unit-<crate>`: one crate of the workspace and the crates it needs; the area features turn them on.".into());
    }
    for (area, a) in &model.areas {
        let mut line = format!(
            "* `{}`: the `{}` area ({} types)",
            a.feature, area, counts[area]
        );
        if model.layout == Layout::Crates {
            line.push_str(", with the types of other areas it needs");
        } else if !deps[area].is_empty() {
            let d: Vec<String> = deps[area]
                .iter()
                .map(|d| format!("`{}`", model.areas[d].feature))
                .collect();
            line.push_str(&format!("; enables {}", d.join(", ")));
        }
        line.push('.');
        lines.push(line);
    }
    lines
}

/// The inner attributes of every crate that holds area types.
pub fn crate_lints() -> TokenStream {
    quote! {
        #![deny(missing_docs)]
        #![allow(
            clippy::enum_variant_names,
            reason = "variant names come from the docs, which often share a prefix or suffix (`sha1`, `sha2`...)"
        )]
    }
}

/// `src/lib.rs`: the crate's docs and lints, `runtime` (`edm`, `support`), the registry,
/// the client and `areas` (the types).
pub fn lib_rs(model: &RustModel, runtime: TokenStream, areas: TokenStream) -> String {
    let doc = docs::inner_attrs(&lib_doc_lines(model));
    let lints = crate_lints();
    render(quote! {
        #doc
        #lints

        #runtime
        #[cfg(feature = "registry")]
        pub mod registry;
        #[cfg(feature = "client")]
        pub mod client;

        #areas
    })
}

/// The single crate's area modules, each behind its feature.
fn area_modules(model: &RustModel) -> TokenStream {
    let modules = model.areas.iter().map(|(area, a)| {
        let (feature, module) = (&a.feature, names::ident(&a.module));
        let mdoc = format!(" Types of the `{area}` docs area.");
        quote! {
            #[cfg(feature = #feature)]
            #[doc = #mdoc]
            pub mod #module;
            #[cfg(feature = #feature)]
            pub use #module::*;
        }
    });
    quote! { #(#modules)* }
}

/// One area's module: its types in name order (those `part` keeps), each built and
/// printed on its own (on all cores).
pub fn area_rs(model: &RustModel, area: &str, part: impl Fn(&TypeDef) -> bool) -> String {
    let types: Vec<&TypeDef> = model
        .schema
        .types
        .iter()
        .filter(|t| t.area == area && part(t))
        .collect();
    let items = render_each(types.len(), |i| {
        let t = types[i];
        match t.kind {
            TypeKind::Enum => enums::emit(model, t),
            _ => {
                let s = structs::emit(model, t);
                let any = polymorphic::emit(model, t);
                quote! { #s #any }
            }
        }
    });
    format!("{HEADER}{items}")
}

/// Every file except the runtime templates.
pub fn files(model: &RustModel, opts: &EmitOptions) -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    files.insert(
        "Cargo.toml".to_string(),
        cargo_toml(model, opts, &ManifestExtras::default()),
    );
    files.insert(
        "src/lib.rs".to_string(),
        lib_rs(
            model,
            quote! { pub mod edm; pub mod support; },
            area_modules(model),
        ),
    );
    // The code is laid out by prettyplease, deterministically and without a toolchain;
    // rustfmt (e.g. `cargo fmt --all` in a workspace that holds the crate) must not re-lay it.
    files.insert(
        "rustfmt.toml".to_string(),
        "# @generated by graph-docgen. Do not edit: the code is laid out by prettyplease, not rustfmt.\ndisable_all_formatting = true\n".to_string(),
    );
    files.insert("src/registry.rs".to_string(), render(registry::emit(model)));
    for (area, a) in &model.areas {
        // An area whose parts are in two crates of the `crates` layout is printed
        // part by part where the workspace is laid out.
        if model.units.of_area(area).len() < 2 {
            files.insert(
                format!("src/{}.rs", a.module),
                area_rs(model, area, |_| true),
            );
        }
    }
    files
}

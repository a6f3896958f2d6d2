//! Golden cases as data: each folder of `tests/cases/<name>/` holds a docs tree
//! (`docs/`, pages exactly as written, bytes and line endings kept by
//! `.gitattributes`) and what the pipeline makes of it, reviewed once and kept
//! beside the pages:
//! - `diagnostics.snap`: every finding, one line each (`file:line severity code: message`);
//! - `schema.snap`: the schema JSON;
//! - `items.snap`: the emitted Rust of the docs' own areas (the runtime templates,
//!   the client and lib.rs are the same for every case and left out).
//!
//! A new case is a new folder with a `docs/` tree; `INSTA_UPDATE=always cargo
//! test -p graph-docgen --test cases` (or `cargo insta review`) writes or updates
//! its snapshots, and the diff is what a reviewer reads.

mod common;

use common::*;
use graph_docgen::emit::EmitOptions;
use graph_docgen::pipeline::{self, Progress};
use std::path::{Path, PathBuf};

fn cases_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases")
}

/// Every case folder, sorted by name.
fn case_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(cases_root())
        .expect("tests/cases exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("docs").is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// The Rust files that come from the docs' types: one per area.
fn is_area_file(path: &str) -> bool {
    path.starts_with("src/")
        && !path.starts_with("src/client/")
        && !matches!(
            path,
            "src/lib.rs" | "src/edm.rs" | "src/support.rs" | "src/registry.rs"
        )
}

#[test]
fn each_case_gives_its_reviewed_findings_schema_and_items() {
    let dirs = case_dirs();
    assert!(!dirs.is_empty(), "no case under {}", cases_root().display());
    for dir in dirs {
        let model = pipeline::load(&[dir.join("docs")], Progress::Never);
        sane(&model.diagnostics);
        let generated = pipeline::generate(&model, &EmitOptions::default());
        let findings: String = model
            .diagnostics
            .iter()
            .map(|d| {
                format!(
                    "{}:{} {} {}: {}\n",
                    d.file,
                    d.line,
                    d.severity.as_str(),
                    d.code,
                    d.message
                )
            })
            .collect();
        let items: String = generated
            .files
            .iter()
            .filter(|(path, _)| is_area_file(path))
            .map(|(path, text)| format!("// ---- {path}\n{text}"))
            .collect();
        insta::with_settings!({
            snapshot_path => dir.clone(),
            prepend_module_to_snapshot => false,
            omit_expression => true,
            description => dir.file_name().unwrap().to_string_lossy().to_string(),
        }, {
            insta::assert_snapshot!("diagnostics", findings);
            insta::assert_snapshot!("schema", pipeline::schema_json(&model.schema));
            insta::assert_snapshot!("items", items);
        });
    }
}

/// All the cases' pages in one docs tree, with a healthy page: what each page
/// says of itself (parse is one page, pure) is still reported where it was, the
/// healthy page is read, and the generated crate passes clippy with warnings denied.
#[test]
fn all_cases_together_and_the_generated_crate_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let mut alone = Vec::new();
    for dir in case_dirs() {
        let docs = dir.join("docs");
        copy_tree(&docs, tmp.path());
        let model = pipeline::load(&[docs], Progress::Never);
        alone.extend(
            model
                .pages
                .iter()
                .flat_map(|p| &p.diagnostics)
                .map(|d| (d.file.clone(), d.line, d.code)),
        );
    }
    write_docs(
        tmp.path(),
        &[resource_page(
            "healthy",
            None,
            &["|id|String|The id.|", "|ok|Boolean|Fine.|"],
        )],
    );
    let model = pipeline::load(&[tmp.path().to_path_buf()], Progress::Never);
    assert!(
        !alone.is_empty(),
        "the cases' pages have defects of their own"
    );
    for (file, line, code) in &alone {
        assert!(
            model
                .diagnostics
                .iter()
                .any(|d| &d.file == file && d.line == *line && d.code == *code),
            "`{code}` at {file}:{line} is lost among the other pages:\n{}",
            show(&model.diagnostics)
        );
    }
    let healthy = model
        .schema
        .type_def("microsoft.graph.healthy")
        .expect("the healthy page is read");
    assert_eq!(healthy.properties.len(), 2);
    let generated = pipeline::generate(&model, &EmitOptions::default());
    clippy_denying_warnings(&generated.files);
}

/// The `## Request headers` a page documents reach the schema, and a read
/// whose page documents `ConsistencyLevel` sends it with `count()` and
/// `search()` (the runtime side is tested over HTTP in tests/tests/client_loopback.rs).
#[test]
fn documented_request_headers_reach_the_schema_and_the_client() {
    let model = pipeline::load(
        &[cases_root().join("request-headers/docs")],
        Progress::Never,
    );
    let headers = |name: &str| {
        let op = model
            .schema
            .operations
            .iter()
            .find(|o| o.name == name)
            .unwrap_or_else(|| panic!("no {name} in {:?}", model.schema.operations));
        op.request_headers.clone()
    };
    assert_eq!(
        headers("widget.list"),
        ["Authorization", "ConsistencyLevel"]
    );
    assert_eq!(headers("widget.get"), ["Authorization"]);
    let generated = pipeline::generate(&model, &EmitOptions::default());
    let paths = &generated.files["src/client/paths.rs"];
    assert_eq!(
        paths.matches(".documents_consistency_level()").count(),
        1,
        "only the list documents the header:\n{paths}"
    );
}

/// Bodies as documented: a `$value` media path answers bytes of the example's
/// `Content-Type` (the same operation's other path stays JSON), an upload whose
/// example sends `image/png` takes bytes of that type, a `302 Found` download answers
/// bytes of any type; each call asks for what it answers (`Accept`). The runtime
/// side is tested over HTTP in tests/tests/client_loopback.rs.
#[test]
fn byte_bodies_reach_the_schema_and_the_client() {
    use graph_docgen::schema::Body;
    let model = pipeline::load(&[cases_root().join("byte-bodies/docs")], Progress::Never);
    let op = |name: &str| {
        model
            .schema
            .operations
            .iter()
            .find(|o| o.name == name)
            .unwrap_or_else(|| panic!("no {name} in {:?}", model.schema.operations))
    };
    let png = || Body::Bytes {
        content_type: Some("image/png".into()),
    };
    let get = op("widgetPhoto.get");
    assert_eq!(
        (&get.request_body, &get.response_body),
        (&Body::Json, &png())
    );
    let update = op("widgetPhoto.upsertContent");
    assert_eq!(
        (&update.request_body, &update.response_body),
        (&png(), &Body::Json)
    );
    let download = op("widget-get-manual");
    assert_eq!(download.response_body, Body::Bytes { content_type: None });
    // The pages' non-JSON bodies are bytes, not invalid JSON.
    assert!(
        !model.diagnostics.iter().any(|d| d.code == "invalid-json"),
        "{:?}",
        model.diagnostics
    );
    let generated = pipeline::generate(&model, &EmitOptions::default());
    let paths = &generated.files["src/client/paths.rs"];
    let method_of = |doc: &str| {
        let at = paths
            .find(doc)
            .unwrap_or_else(|| panic!("no `{doc}` in\n{paths}"));
        let rest = &paths[at..];
        // Compared without whitespace: prettyplease breaks long signatures.
        rest[..rest.find("\n    }").unwrap_or(rest.len())]
            .split_whitespace()
            .collect::<String>()
    };
    let photo = method_of("/// `GET /widgets/{id}/photo/$value`");
    assert!(
        photo.contains("Call<crate::client::core::Content,crate::client::core::Read"),
        "{photo}"
    );
    assert!(
        photo.contains("Answer::Bytes") && photo.contains(r#".accept("image/png")"#),
        "{photo}"
    );
    let metadata = method_of("/// `GET /widgets/{id}/photo`\n");
    assert!(
        metadata.contains("Answer::Single") && !metadata.contains("accept"),
        "{metadata}"
    );
    let upload = method_of("/// `PUT /widgets/{id}/photo/$value`");
    assert!(
        upload.contains("content:crate::client::core::Content"),
        "{upload}"
    );
    assert!(upload.contains(r#"content,Some("image/png")"#), "{upload}");
    let manual = method_of("/// `GET /widgets/{id}/manual/content`");
    assert!(
        manual.contains("Answer::Bytes") && !manual.contains(".accept("),
        "{manual}"
    );
}

/// One page documenting `PATCH` and `PUT` on one path documents two calls: the schema
/// keeps both (the `PUT` one named after the page) without a `method-conflict`, and the
/// client's path node gets `update()` (PATCH) and `replace()` (PUT). Each call reads the
/// answer its operation documents.
#[test]
fn calls_follow_the_documented_methods_and_answers() {
    let model = pipeline::load(
        &[cases_root().join("operation-shapes/docs")],
        Progress::Never,
    );
    let method_of = |name: &str| {
        let op = model.schema.operations.iter().find(|o| o.name == name);
        op.map(|o| (o.method.as_str(), o.paths[0].as_str()))
    };
    assert_eq!(method_of("widget.update"), Some(("PATCH", "/widgets/{id}")));
    assert_eq!(method_of("widget-update"), Some(("PUT", "/widgets/{id}")));
    // Unbound, both calls are named after the page: the second also after its method.
    let settings = "/gadgets/{id}/settings";
    assert_eq!(
        method_of("gadget-update-settings"),
        Some(("PATCH", settings))
    );
    assert_eq!(
        method_of("gadget-update-settings-put"),
        Some(("PUT", settings))
    );
    let mut names: Vec<&str> = model
        .schema
        .operations
        .iter()
        .map(|o| o.name.as_str())
        .collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(
        names.len(),
        model.schema.operations.len(),
        "operation names are unique"
    );
    assert!(
        !model
            .diagnostics
            .iter()
            .any(|d| d.code == "method-conflict" && d.file.ends_with("widget-update.md")),
        "{:?}",
        model.diagnostics
    );
    let generated = pipeline::generate(&model, &EmitOptions::default());
    let paths = &generated.files["src/client/paths.rs"];
    for call in ["pub fn update(", "pub fn replace("] {
        assert_eq!(paths.matches(call).count(), 2, "{call}:\n{paths}");
    }
    assert!(paths.contains("http::Method::PUT"), "{paths}");
    // `List widget` on `/gadgets/{id}/mainWidget` documents one widget: its call reads
    // one value, where `List widgets` reads a page.
    let main_widget = paths
        .split("impl GadgetsItemMainWidget")
        .nth(1)
        .and_then(|rest| rest.split("\nimpl ").next())
        .unwrap_or_else(|| panic!("no GadgetsItemMainWidget:\n{paths}"));
    assert!(main_widget.contains("Answer::Single"), "{main_widget}");
    assert!(paths.contains("Answer::Page"), "{paths}");
}

/// Paths that walk and call alike are one path node: `/me/widgets` and
/// `/users/{id}/widgets` list and get the same widgets, so the struct of the second is
/// a type alias of the first's, under the name it had, and the docs of each name the
/// other. `/me` and `/users/{id}` stay two nodes: only the second is deleted.
#[test]
fn paths_that_call_alike_share_one_node() {
    let model = pipeline::load(&[cases_root().join("alike-paths/docs")], Progress::Never);
    sane(&model.diagnostics);
    let generated = pipeline::generate(&model, &EmitOptions::default());
    let paths = &generated.files["src/client/paths.rs"];
    let mut structs: Vec<&str> = paths
        .lines()
        .filter_map(|l| l.strip_prefix("pub struct "))
        .map(|l| l.trim_end_matches(" {"))
        .collect();
    structs.sort_unstable();
    assert_eq!(
        structs,
        [
            "Graph",
            "Me",
            "MeWidgets",
            "MeWidgetsItem",
            "Users",
            "UsersItem"
        ],
        "{paths}"
    );
    assert!(
        paths.contains(
            "/// `/me/widgets`\n///\n/// Also the path of `/users/{id | userPrincipalName}/widgets` ([`UsersItemWidgets`]): the calls there are the same"
        ),
        "{paths}"
    );
    for alias in [
        "/// `/users/{id | userPrincipalName}/widgets`: the same calls as [`MeWidgets`] (`/me/widgets`).\npub type UsersItemWidgets = MeWidgets;",
        "pub type UsersItemWidgetsItem = MeWidgetsItem;",
    ] {
        assert!(paths.contains(alias), "no {alias}:\n{paths}");
    }
    let users_item = paths
        .split("impl UsersItem {")
        .nth(1)
        .unwrap_or_else(|| panic!("no UsersItem:\n{paths}"));
    assert!(
        users_item.contains("pub fn widgets(&self) -> UsersItemWidgets {"),
        "{users_item}"
    );
    assert!(users_item.contains("pub fn delete("), "{users_item}");
}

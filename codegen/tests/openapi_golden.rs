//! `graph-docgen openapi` on docs-input: the documents are the golden ones in
//! tests/openapi/ (`GRAPH_DOCGEN_BLESS=1 cargo test -p graph-docgen --test
//! openapi_golden` rewrites them after a reviewed change; openapi-consumer
//! builds its typify types from them), `--schema` gives the same bytes as
//! `--docs`, and a second run rewrites nothing.

use graph_docgen::openapi::{documents, OpenApiOptions};
use graph_docgen::output::{stale_files, write_tree};
use graph_docgen::pipeline::{load, schema_json, Progress};
use graph_docgen::schema::Schema;
use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_graph-docgen");

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[test]
fn docs_input_documents_are_the_golden_ones() {
    let model = load(&[root().join("docs-input")], Progress::Never);
    let files = documents(&model.schema, &OpenApiOptions::default());
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/openapi");
    if std::env::var_os("GRAPH_DOCGEN_BLESS").is_some() {
        write_tree(&golden, &files).unwrap();
    }
    let stale = stale_files(&golden, &files).unwrap();
    assert!(
        stale.is_empty(),
        "the OpenAPI documents of docs-input changed (review, then bless with GRAPH_DOCGEN_BLESS=1):\n{}",
        stale.join("\n")
    );
    // The schema read back from its JSON gives the same documents.
    let back = Schema::from_json(&schema_json(&model.schema)).unwrap();
    assert_eq!(documents(&back, &OpenApiOptions::default()), files);
}

fn run(args: &[&str]) -> std::process::Output {
    Command::new(BIN).args(args).output().unwrap()
}

#[test]
fn the_cli_writes_the_same_documents_from_docs_and_from_the_schema_json() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = root().join("docs-input");
    let docs = docs.to_str().unwrap();
    let schema = tmp.path().join("schema.json");
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    let s = |p: &Path| p.to_str().unwrap().to_string();
    let out = run(&["schema", "--docs", docs, "--out", &s(&schema), "-q"]);
    assert_eq!(out.status.code(), Some(0));
    let out = run(&["openapi", "--docs", docs, "--out", &s(&a), "-q"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(&["openapi", "--schema", &s(&schema), "--out", &s(&b)]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/openapi");
    for entry in std::fs::read_dir(&golden).unwrap() {
        let name = entry.unwrap().file_name();
        let expected = std::fs::read(golden.join(&name)).unwrap();
        assert_eq!(
            std::fs::read(a.join(&name)).unwrap(),
            expected,
            "{name:?} from --docs"
        );
        assert_eq!(
            std::fs::read(b.join(&name)).unwrap(),
            expected,
            "{name:?} from --schema"
        );
    }
    // A second run over the same schema writes nothing (docs-input has two areas, plus the marker file).
    let out = run(&["openapi", "--schema", &s(&schema), "--out", &s(&b)]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("(0 written, 3 unchanged, 0 removed)"),
        "{stderr}"
    );
    // A directory graph-docgen did not write is never replaced.
    let foreign = tmp.path().join("foreign");
    std::fs::create_dir(&foreign).unwrap();
    std::fs::write(foreign.join("mine.txt"), "mine").unwrap();
    let out = run(&["openapi", "--schema", &s(&schema), "--out", &s(&foreign)]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(foreign.join("mine.txt")).unwrap(),
        "mine"
    );
}

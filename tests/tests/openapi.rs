//! Every OpenAPI document `graph-docgen openapi` writes is valid OpenAPI 3.0.3
//! by openapi-spec-validator: docs-input's, the Intune corpus's and the whole
//! beta reference's (those two in ../shared: skipped with a message when absent,
//! a failure when CI=true; so is a missing validator).

use graph_docgen::openapi::{documents, OpenApiOptions};
use graph_docgen::output::write_tree;
use graph_docgen::pipeline::{load, Progress};
use graph_docgen_tests::openapi::{documents_in, validate, validator_available};
use graph_docgen_tests::{corpus_dir, docs_input, reference_dir, workspace_root};
use std::path::PathBuf;
use std::time::Instant;

/// Writes the documents of `docs` under target/openapi/NAME and validates them all.
fn documents_are_valid(name: &str, docs: PathBuf) {
    let model = load(&[docs], Progress::Never);
    let files = documents(&model.schema, &OpenApiOptions::default());
    let out = workspace_root().join("target/openapi").join(name);
    write_tree(&out, &files).expect("the documents are written");
    let written = documents_in(&out);
    // One document per area: every type's area, and the areas of the operations.
    let areas: std::collections::BTreeSet<&str> =
        model.schema.types.iter().map(|t| t.area.as_str()).collect();
    assert!(
        written.len() >= areas.len(),
        "{} documents, {} areas",
        written.len(),
        areas.len()
    );
    let sizes: Vec<u64> = written
        .iter()
        .map(|p| std::fs::metadata(p).expect("written").len())
        .collect();
    let started = Instant::now();
    let checked = validate(&written);
    println!(
        "openapi {name}: {} documents, {} bytes in all, largest {} bytes; validated in {:.1} s",
        written.len(),
        sizes.iter().sum::<u64>(),
        sizes.iter().max().copied().unwrap_or(0),
        started.elapsed().as_secs_f64()
    );
    if let Err(report) = checked {
        panic!("invalid OpenAPI documents in {}:\n{report}", out.display());
    }
}

#[test]
fn docs_input_documents_are_valid() {
    if validator_available() {
        documents_are_valid("docs-input", docs_input());
    }
}

#[test]
fn intune_documents_are_valid() {
    if let Some(corpus) = corpus_dir() {
        if validator_available() {
            documents_are_valid("intune", corpus);
        }
    }
}

#[test]
fn reference_documents_are_valid() {
    if let Some(reference) = reference_dir() {
        if validator_available() {
            documents_are_valid("reference", reference);
        }
    }
}

/// The check can fail: a document whose path parameter is not declared, and one
/// whose `$ref` names no schema, are reported by file.
#[test]
fn the_validator_rejects_an_invalid_document() {
    if !validator_available() {
        return;
    }
    let dir = workspace_root().join("target/openapi/invalid");
    std::fs::create_dir_all(&dir).unwrap();
    let (undeclared, dangling) = (dir.join("undeclared.json"), dir.join("dangling.json"));
    let info = serde_json::json!({"title": "t", "version": "1"});
    let undeclared_doc = serde_json::json!({"openapi": "3.0.3", "info": info,
        "paths": {"/a/{id}": {"get": {"responses": {"204": {"description": "No Content"}}}}}});
    let dangling_doc = serde_json::json!({"openapi": "3.0.3", "info": info,
        "paths": {"/a": {"get": {"responses": {"200": {"description": "OK",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/missing"}}}}}}}},
        "components": {"schemas": {}}});
    std::fs::write(&undeclared, undeclared_doc.to_string()).unwrap();
    std::fs::write(&dangling, dangling_doc.to_string()).unwrap();
    for file in [&undeclared, &dangling] {
        let report = validate(std::slice::from_ref(file)).unwrap_err();
        assert!(report.contains(file.to_str().unwrap()), "{report}");
    }
}

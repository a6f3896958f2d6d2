//! The schema file is a contract: every schema `graph-docgen schema` writes is valid
//! under the JSON Schema of its version (`codegen/schema/schema-v2.json`,
//! `schema-v1.json`), checked by a real validator; and version 1 stays what tools
//! written for it read, field for field: docs-input's v1 file is the one version 1
//! always wrote (`codegen/tests/schema-v1/docs-input.json`, written before version 2).
//! The Intune corpus and the beta reference (../shared) are checked too when present.

use graph_docgen::pipeline::{load, schema_json, Progress};
use graph_docgen::schema::{v1, Schema};
use graph_docgen_tests::json_schema::{validate, validator_available};
use graph_docgen_tests::{corpus_dir, docs_input, reference_dir, workspace_root};
use std::path::PathBuf;

fn contract(version: u32) -> PathBuf {
    workspace_root().join(format!("codegen/schema/schema-v{version}.json"))
}

/// Writes both versions of the schema of `docs` under target/schema-format/NAME.
fn write_both(name: &str, docs: PathBuf) -> (PathBuf, PathBuf) {
    let model = load(&[docs], Progress::Never);
    let dir = workspace_root().join("target/schema-format").join(name);
    std::fs::create_dir_all(&dir).expect("target is writable");
    let (v2_file, v1_file) = (dir.join("schema-v2.json"), dir.join("schema-v1.json"));
    std::fs::write(&v2_file, schema_json(&model.schema)).expect("written");
    std::fs::write(&v1_file, v1::to_json(&model.schema)).expect("written");
    (v2_file, v1_file)
}

fn both_are_valid(name: &str, docs: PathBuf) {
    let (v2_file, v1_file) = write_both(name, docs);
    if let Err(report) = validate(&contract(2), &[v2_file]) {
        panic!("{name}: schema v2 does not match codegen/schema/schema-v2.json:\n{report}");
    }
    if let Err(report) = validate(&contract(1), &[v1_file]) {
        panic!("{name}: schema v1 does not match codegen/schema/schema-v1.json:\n{report}");
    }
}

#[test]
fn docs_input_schemas_match_their_json_schemas() {
    if validator_available() {
        both_are_valid("docs-input", docs_input());
    }
}

#[test]
fn a_schema_that_drifts_from_the_contract_is_refused() {
    if !validator_available() {
        return;
    }
    let (v2_file, _) = write_both("docs-input-drift", docs_input());
    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&v2_file).unwrap()).unwrap();
    // A v1-style string where v2 has a type reference, and a member the contract lacks.
    json["types"][0]["properties"][0]["type"] = "Edm.String".into();
    json["operations"][0]["unknownMember"] = true.into();
    let drifted = v2_file.with_file_name("drifted.json");
    std::fs::write(&drifted, json.to_string()).unwrap();
    let report = validate(&contract(2), &[drifted]).expect_err("the drifted file is refused");
    assert!(report.contains("types/0/properties/0/type"), "{report}");
    assert!(report.contains("unknownMember"), "{report}");
}

#[test]
fn version_1_is_written_field_for_field_as_before() {
    let model = load(&[docs_input()], Progress::Never);
    let golden = workspace_root().join("codegen/tests/schema-v1/docs-input.json");
    let expected = std::fs::read_to_string(&golden).expect("the v1 golden file");
    assert!(
        v1::to_json(&model.schema) == expected,
        "`graph-docgen schema --schema-version 1` of docs-input differs from {}",
        golden.display()
    );
    // And the v1 file reads back to the same schema as the v2 file.
    let from_v1 = Schema::from_json(&expected).unwrap();
    assert_eq!(schema_json(&from_v1), schema_json(&model.schema));
}

#[test]
fn corpus_schemas_match_their_json_schemas() {
    if !validator_available() {
        return;
    }
    for (name, docs) in [
        ("intune", corpus_dir()),
        ("beta-reference", reference_dir()),
    ] {
        if let Some(docs) = docs {
            both_are_valid(name, docs);
        }
    }
}

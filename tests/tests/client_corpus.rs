//! The generated client over real HTTP for the whole beta corpus (in ../shared;
//! skipped with a message when absent, a failure when CI=true): the corpus crate
//! is generated under target/, a harness built against it with the `client`,
//! `reqwest` and `registry` features sends every documented example request to a
//! loopback server answering with the documented response. Doc defects are
//! counted by class; generator defects must be zero.

use graph_docgen::emit::EmitOptions;
use graph_docgen::loopback::client_replay;
use graph_docgen::output::write_tree;
use graph_docgen::pipeline::{generate, load, Progress};
use graph_docgen_tests::client_harness::write_client_harness;
use graph_docgen_tests::harness::{cargo, roundtrip_through};
use graph_docgen_tests::{corpus_dir, workspace_root};

#[test]
fn corpus_examples_over_http() {
    let Some(corpus) = corpus_dir() else { return };
    let model = load(&[corpus], Progress::Never);
    // The same crate directory as corpus.rs: its builds are reused.
    let out = workspace_root().join("target/corpus-crate");
    let target_dir = workspace_root().join("target/corpus-target");
    let opts = EmitOptions {
        crate_name: "graph-corpus".into(),
        ..EmitOptions::default()
    };
    write_tree(&out, &generate(&model, &opts).files).expect("write the corpus crate");

    let client = write_client_harness(&out, "graph-corpus");
    let (ok, secs, log) = cargo(&client, &target_dir, &["build", "--offline"]);
    println!("client harness build: {secs:.1} s");
    assert!(
        ok,
        "the client harness does not build:\n{}",
        &log[log.len().saturating_sub(4000)..]
    );
    let binary = target_dir.join("debug/client-harness");

    // The round trip of every example tells doc defects from generator defects; the
    // replay is `graph_docgen::loopback::client_replay`, which `verify --client` runs.
    let rt = roundtrip_through(&binary, &model.schema, &model.examples);
    let replay = client_replay(&binary, &model, &rt).expect("the client replay runs");
    println!(
        "example pairs: {}; skipped: {:?}",
        replay.cases, replay.skipped
    );
    let report = replay.report;
    report.print("corpus");
    println!(
        "client: {} passed, {} failed",
        report.passed,
        report.failed()
    );
    assert!(
        report.generator_defects.is_empty(),
        "{} generator defects",
        report.generator_defects.len()
    );
}

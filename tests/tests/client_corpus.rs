//! The generated client over real HTTP for the whole beta corpus (in ../shared;
//! skipped with a message when absent, a failure when CI=true): the corpus crate
//! is generated under target/, a harness built against it with the `client`,
//! `reqwest` and `registry` features sends every documented example request to a
//! loopback server answering with the documented response. Doc defects are
//! counted by class; generator defects must be zero.

use graph_docgen::check::roundtrip::Outcome;
use graph_docgen::emit::EmitOptions;
use graph_docgen::output::write_tree;
use graph_docgen::pipeline::{generate, load, Progress};
use graph_docgen_tests::client_harness::{request_line, run_client_harness, write_client_harness};
use graph_docgen_tests::harness::{cargo, roundtrip_through};
use graph_docgen_tests::loopback::{cases, examples_handler, judge, serve, Report};
use graph_docgen_tests::{corpus_dir, workspace_root};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

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

    // The round trip of every example tells doc defects from generator defects.
    let rt = roundtrip_through(&binary, &model.schema, &model.examples);
    let outcomes: BTreeMap<String, Outcome> = rt
        .results
        .iter()
        .map(|r| (r.source.clone(), r.outcome))
        .collect();

    let (cases, skipped) = cases(&model);
    println!("example pairs: {}; skipped: {skipped:?}", cases.len());
    let cases = Arc::new(cases);
    let received = Arc::new(Mutex::new(BTreeMap::new()));
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let addr = rt.block_on(serve(examples_handler(cases.clone(), received.clone())));
    let input: String = cases
        .iter()
        .enumerate()
        .map(|(i, c)| request_line(i, &c.operation, &c.path, c.request_body.as_ref()))
        .collect();
    let results = run_client_harness(&binary, &format!("http://{addr}/v"), input);
    assert_eq!(
        results.len(),
        cases.len(),
        "the harness answered every case"
    );
    let mut report = Report::default();
    let received = received.lock().unwrap();
    for (i, (case, result)) in cases.iter().zip(&results).enumerate() {
        report.add(case, judge(case, result, received.get(&i), &outcomes));
    }
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

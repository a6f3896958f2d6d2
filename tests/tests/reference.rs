//! The whole beta reference (in ../shared: 7,949 pages, the Intune pages and the
//! 3,786 hand-written ones; skipped with a message when absent, a failure when
//! CI=true): parsed with no panic, a crate that passes clippy with warnings denied
//! (all features) and whose areas compile alone, and every example round-tripped
//! through it and every example pair replayed through its client over loopback
//! HTTP, with zero generator defects. The same code path as `graph-docgen verify
//! --client`.

use graph_docgen::check::roundtrip::Outcome;
use graph_docgen::facts::PageKind;
use graph_docgen::pipeline::{load, Progress};
use graph_docgen_tests::harness::cargo;
use graph_docgen_tests::{reference_dir, workspace_root};

#[test]
fn reference_end_to_end() {
    let Some(reference) = reference_dir() else {
        return;
    };
    let model = load(&[reference], Progress::Never);
    assert!(
        !model.diagnostics.iter().any(|d| d.code == "internal-error"),
        "no parser panic"
    );
    let unknown_api = model
        .pages
        .iter()
        .filter(|p| p.path.starts_with("api/") && p.kind == Some(PageKind::Other))
        .count();
    println!("api pages of no kind: {unknown_api}");
    let features: std::collections::BTreeSet<&str> =
        model.schema.types.iter().map(|t| t.area.as_str()).collect();
    println!(
        "types: {}, operations: {}, areas (cargo features): {}",
        model.schema.types.len(),
        model.schema.operations.len(),
        features.len()
    );
    // crates.io accepts at most 300 features; the areas are products, not file names.
    assert!(features.len() <= 300, "{} areas", features.len());

    // Generate, build the client harness, round-trip and replay (verify --client).
    let work = workspace_root().join("target/reference");
    let verified = graph_docgen::verify::verify(&model, &work, true).expect("the crate builds");
    let report = &verified.report;
    for r in report
        .results
        .iter()
        .filter(|r| r.outcome == Outcome::GeneratorDefect)
        .take(20)
    {
        println!(
            "GENERATOR DEFECT {} {:?}: {:?}",
            r.source, r.type_name, r.messages
        );
    }
    for (class, n) in report.doc_defects_by_class() {
        println!("doc defects [{class}]: {n}");
    }
    println!("reference {}", report.summary_line());
    let client = verified.client.expect("the client replay ran");
    client.report.print("reference");
    println!(
        "reference client: {} passed, {} failed",
        client.report.passed,
        client.report.failed()
    );
    assert_eq!(
        report.count(Outcome::GeneratorDefect),
        0,
        "round-trip generator defects"
    );
    assert!(
        client.report.generator_defects.is_empty(),
        "{} client generator defects",
        client.report.generator_defects.len()
    );

    // The crate verify wrote: clippy with warnings denied, and one area alone.
    let krate = work.join("crate");
    let target = work.join("target");
    // Its own workspace (target/ is excluded from ours), resolved offline with our lock.
    std::fs::copy(
        workspace_root().join("Cargo.lock"),
        krate.join("Cargo.lock"),
    )
    .unwrap();
    let (ok, secs, log) = cargo(
        &krate,
        &target,
        &[
            "clippy",
            "--offline",
            "--all-features",
            "--",
            "-D",
            "warnings",
        ],
    );
    println!("reference crate: cargo clippy --all-features: {secs:.1} s");
    assert!(
        ok,
        "clippy findings:\n{}",
        &log[log.len().saturating_sub(4000)..]
    );
    let (ok, secs, log) = cargo(
        &krate,
        &target,
        &[
            "check",
            "--offline",
            "--no-default-features",
            "--features",
            "users",
        ],
    );
    println!("reference crate: cargo check, one area (users): {secs:.1} s");
    assert!(
        ok,
        "one area alone does not compile:\n{}",
        &log[log.len().saturating_sub(4000)..]
    );
}

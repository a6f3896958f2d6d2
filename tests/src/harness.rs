//! A generated crate built and driven from a test: the crate is written under
//! target/, a harness binary that depends on it is built with cargo
//! ([`crate::client_harness`]), and every instance to round-trip is piped
//! through it as JSON lines. The code is `graph_docgen::harness`, which
//! `graph-docgen verify` runs too; these wrappers panic instead of returning errors.

use graph_docgen::check::roundtrip::{Outcome, RoundtripReport};
use graph_docgen::schema::examples::PlannedExample;
use graph_docgen::schema::Schema;
use std::path::Path;

/// Runs cargo in `dir` with the shared target directory; returns (success, wall seconds, output).
pub fn cargo(dir: &Path, target_dir: &Path, args: &[&str]) -> (bool, f64, String) {
    graph_docgen::harness::cargo(dir, target_dir, args).expect("cargo runs")
}

/// `cargo check --offline --no-default-features --features FEATURES` of the crate or
/// workspace at `dir` (what a user who picks those features compiles); fails with the
/// end of cargo's log when it does not compile. Its seconds.
pub fn check_with_features(dir: &Path, target_dir: &Path, features: &str) -> f64 {
    let (ok, secs, log) = cargo(
        dir,
        target_dir,
        &[
            "check",
            "--offline",
            "--no-default-features",
            "--features",
            features,
        ],
    );
    assert!(
        ok,
        "cargo check --features {features} does not compile:\n{}",
        &log[log.len().saturating_sub(4000)..]
    );
    secs
}

/// Round-trips every planned example through the harness binary.
pub fn roundtrip_through(
    binary: &Path,
    schema: &Schema,
    examples: &[PlannedExample],
) -> RoundtripReport {
    graph_docgen::harness::roundtrip_through(binary, schema, examples)
        .expect("the harness answered every instance")
}

/// Asserts that `got` has as many examples of every outcome as `expected` (the same
/// examples through another build of the same schema).
pub fn assert_same_outcomes(got: &RoundtripReport, expected: &RoundtripReport) {
    for outcome in [
        Outcome::Passed,
        Outcome::DocDefect,
        Outcome::GeneratorDefect,
        Outcome::Skipped,
    ] {
        assert_eq!(
            got.count(outcome),
            expected.count(outcome),
            "{outcome:?}: the layout changes what the examples see"
        );
    }
}

/// `cargo clippy --offline ARGS -- -D warnings` in `dir`, with the workspace's
/// Cargo.lock copied there first; panics with the findings, else returns the wall seconds.
pub fn clippy_denying_warnings(dir: &Path, target_dir: &Path, args: &[&str]) -> f64 {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).expect("copy Cargo.lock");
    let mut all = vec!["clippy", "--offline"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--", "-D", "warnings"]);
    let (ok, secs, log) = cargo(dir, target_dir, &all);
    assert!(
        ok,
        "clippy findings:\n{}",
        &log[log.len().saturating_sub(4000)..]
    );
    secs
}

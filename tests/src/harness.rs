//! A generated crate built and driven from a test: the crate is written under
//! target/, a harness binary that depends on it is built with cargo
//! ([`crate::client_harness`]), and every instance to round-trip is piped
//! through it as JSON lines. The code is `graph_docgen::harness`, which
//! `graph-docgen verify` runs too; these wrappers panic instead of returning errors.

use graph_docgen::check::roundtrip::RoundtripReport;
use graph_docgen::schema::examples::PlannedExample;
use graph_docgen::schema::Schema;
use std::path::Path;

/// Runs cargo in `dir` with the shared target directory; returns (success, wall seconds, output).
pub fn cargo(dir: &Path, target_dir: &Path, args: &[&str]) -> (bool, f64, String) {
    graph_docgen::harness::cargo(dir, target_dir, args).expect("cargo runs")
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

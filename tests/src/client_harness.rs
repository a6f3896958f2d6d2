//! A harness binary for the client over a generated crate that is not a
//! dependency of the tests (the corpus crate under target/): it reads
//! `{"i", "op", "path", "body"}` lines, builds each call with the crate's
//! `client::dispatch`, sends it with the reqwest executor to the base URL given
//! as its argument (with `x-case: i`), and writes `{"ok": typed response as JSON}`,
//! `{"err": ...}` or `{"notBuilt": ...}` lines. Without an argument it speaks the
//! round-trip protocol of [`crate::harness`], so one build of the corpus crate serves both.
//! The harness crate is written by `graph_docgen::harness` (shared with `graph-docgen verify`).

use crate::loopback::ClientResult;
use graph_docgen::harness::HarnessKind;
use std::path::{Path, PathBuf};

/// Writes the harness crate beside the generated crate and returns its directory
/// (`graph_docgen::harness`, the code `graph-docgen verify` runs, with the client).
pub fn write_client_harness(generated: &Path, crate_name: &str) -> PathBuf {
    let dir = generated.with_file_name(format!(
        "{}-client-harness",
        generated.file_name().unwrap().to_string_lossy()
    ));
    graph_docgen::harness::write_harness(
        &dir,
        generated,
        crate_name,
        "client-harness",
        HarnessKind::Client,
    )
    .expect("write the client harness");
    dir
}

pub use graph_docgen::loopback::request_line;

/// Runs the harness on `input` lines against `base_url`; one result per line.
pub fn run_client_harness(binary: &Path, base_url: &str, input: String) -> Vec<ClientResult> {
    graph_docgen::loopback::run_client_harness(binary, base_url, input)
        .expect("the client harness runs")
}

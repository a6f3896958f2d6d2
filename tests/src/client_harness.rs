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
use serde_json::{json, Value};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

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

/// One request line for the harness.
pub fn request_line(i: usize, op: &str, path: &str, body: Option<&Value>) -> String {
    json!({"i": i, "op": op, "path": path, "body": body}).to_string() + "\n"
}

/// Runs the harness on `input` lines against `base_url`; one result per line.
pub fn run_client_harness(binary: &Path, base_url: &str, input: String) -> Vec<ClientResult> {
    let mut child = Command::new(binary)
        .arg(base_url)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("client harness runs");
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().expect("client harness finishes");
    writer.join().unwrap().unwrap();
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            if let Some(ok) = v.get("ok") {
                ClientResult::Sent(Ok(ok.clone()))
            } else if let Some(e) = v.get("err") {
                ClientResult::Sent(Err(e.as_str().unwrap_or_default().to_string()))
            } else {
                ClientResult::NotBuilt(v["notBuilt"].as_str().unwrap_or_default().to_string())
            }
        })
        .collect()
}

//! A harness binary for the client over a generated crate that is not a
//! dependency of the tests (the corpus crate under target/): it reads
//! `{"i", "op", "path", "body"}` lines, builds each call with the crate's
//! `client::dispatch`, sends it with the reqwest executor to the base URL given
//! as its argument (with `x-case: i`), and writes `{"ok": typed response as JSON}`,
//! `{"err": ...}` or `{"notBuilt": ...}` lines. Without an argument it speaks the
//! round-trip protocol of [`crate::harness`], so one build of the corpus crate serves both.

use crate::loopback::ClientResult;
use serde_json::{json, Value};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Writes the harness crate beside the generated crate and returns its directory.
pub fn write_client_harness(generated: &Path, crate_name: &str) -> PathBuf {
    let dir = generated.with_file_name(format!(
        "{}-client-harness",
        generated.file_name().unwrap().to_string_lossy()
    ));
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let lib = crate_name.replace('-', "_");
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"client-harness\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\n{crate_name} = {{ path = {:?}, features = [\"registry\", \"client\", \"reqwest\"] }}\nserde_json = \"1\"\ntokio = {{ version = \"1\", features = [\"rt\"] }}\n\n[workspace]\n",
            generated.display().to_string()
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("src/main.rs"),
        format!(
            r#"use std::io::{{BufRead, Write}};
use {lib}::client::executor::{{GraphClient, StaticToken}};
fn main() {{
    let Some(base) = std::env::args().nth(1) else {{ return roundtrip() }};
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let client = GraphClient::new(&base, StaticToken::new("loopback"));
    let mut out = std::io::BufWriter::new(std::io::stdout());
    for line in std::io::stdin().lock().lines() {{
        let input: serde_json::Value = serde_json::from_str(&line.unwrap()).unwrap();
        let body = input.get("body").cloned().filter(|b| !b.is_null());
        let reply = match {lib}::client::dispatch::call(client.graph(), input["op"].as_str().unwrap(), input["path"].as_str().unwrap(), body) {{
            None => serde_json::json!({{"notBuilt": "unknown operation"}}),
            Some(Err(e)) => serde_json::json!({{"notBuilt": e}}),
            Some(Ok(mut call)) => {{
                call.request_mut().headers_mut().insert("x-case", input["i"].to_string().parse().unwrap());
                match rt.block_on(client.send(&call)) {{
                    Ok(v) => serde_json::json!({{"ok": v}}),
                    Err(e) => serde_json::json!({{"err": e.to_string()}}),
                }}
            }}
        }};
        writeln!(out, "{{}}", reply).unwrap();
        out.flush().unwrap();
    }}
}}
/// Without a base URL: the round-trip protocol of harness.rs (one build serves both).
fn roundtrip() {{
    let mut out = std::io::BufWriter::new(std::io::stdout());
    for line in std::io::stdin().lock().lines() {{
        let mut input: serde_json::Value = serde_json::from_str(&line.unwrap()).unwrap();
        let ty = input["type"].as_str().unwrap().to_string();
        let reply = match {lib}::registry::roundtrip(&ty, input["json"].take()) {{
            None => serde_json::json!({{"missing": true}}),
            Some(Ok(v)) => serde_json::json!({{"ok": v}}),
            Some(Err(e)) => serde_json::json!({{"err": e.to_string()}}),
        }};
        writeln!(out, "{{}}", reply).unwrap();
    }}
}}
"#
        ),
    )
    .unwrap();
    if let Ok(lock) = std::fs::read(crate::workspace_root().join("Cargo.lock")) {
        std::fs::write(dir.join("Cargo.lock"), lock).unwrap();
    }
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

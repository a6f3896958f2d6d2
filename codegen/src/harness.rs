//! A generated crate built and driven from outside: a harness binary that depends
//! on the crate is written beside it and built with cargo, and every instance to
//! round-trip is piped through it as JSON lines (`{"type", "json"}` in, `{"ok": json}`,
//! `{"err": message}` or `{"missing": true}` out).
//!
//! `graph-docgen verify` and the corpus tests (tests/tests/corpus.rs,
//! client_corpus.rs) use this one code path. [`HarnessKind::Roundtrip`] builds
//! the crate's models and registry only; [`HarnessKind::Client`] also builds its
//! client with the reqwest executor, and then, given a base URL as its argument,
//! reads `{"i", "op", "path", "body"}` lines, builds each call with the crate's
//! `client::dispatch`, sends it (with `x-case: i`) and writes `{"ok": typed
//! response as JSON}`, `{"err": ...}` or `{"notBuilt": ...}` lines.

use crate::check::roundtrip::{self, RoundtripReport};
use crate::schema::examples::PlannedExample;
use crate::schema::Schema;
use serde_json::{json, Value};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

/// The workspace's lock file: a harness is built with the same dependency versions
/// as the generator's own tests (and, with them in cargo's cache, offline).
pub const WORKSPACE_LOCK: &str = include_str!("../../Cargo.lock");

/// What the harness binary can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HarnessKind {
    /// The round trip only: the crate without its client (`full` + `registry`).
    Roundtrip,
    /// The round trip and the client over HTTP (`registry`, `client`, `reqwest`).
    Client,
}

const ROUNDTRIP_FN: &str = r#"/// The round-trip protocol: `{"type", "json"}` lines in, one reply line each.
fn roundtrip() {
    let mut out = std::io::BufWriter::new(std::io::stdout());
    for line in std::io::stdin().lock().lines() {
        let mut input: serde_json::Value = serde_json::from_str(&line.unwrap()).unwrap();
        let ty = input["type"].as_str().unwrap().to_string();
        let reply = match LIB::registry::roundtrip(&ty, input["json"].take()) {
            None => serde_json::json!({"missing": true}),
            Some(Ok(v)) => serde_json::json!({"ok": v}),
            Some(Err(e)) => serde_json::json!({"err": e.to_string()}),
        };
        writeln!(out, "{}", reply).unwrap();
    }
}
"#;

const CLIENT_MAIN: &str = r#"use std::io::{BufRead, Write};
use LIB::client::executor::{GraphClient, StaticToken};
fn main() {
    let Some(base) = std::env::args().nth(1) else { return roundtrip() };
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let client = GraphClient::new(&base, StaticToken::new("loopback"));
    let mut out = std::io::BufWriter::new(std::io::stdout());
    for line in std::io::stdin().lock().lines() {
        let input: serde_json::Value = serde_json::from_str(&line.unwrap()).unwrap();
        let body = input.get("body").cloned().filter(|b| !b.is_null());
        let reply = match LIB::client::dispatch::call(client.graph(), input["op"].as_str().unwrap(), input["path"].as_str().unwrap(), body) {
            None => serde_json::json!({"notBuilt": "unknown operation"}),
            Some(Err(e)) => serde_json::json!({"notBuilt": e}),
            Some(Ok(mut call)) => {
                call.request_mut().headers_mut().insert("x-case", input["i"].to_string().parse().unwrap());
                match rt.block_on(client.send(&call)) {
                    Ok(v) => serde_json::json!({"ok": v}),
                    Err(e) => serde_json::json!({"err": e.to_string()}),
                }
            }
        };
        writeln!(out, "{}", reply).unwrap();
        out.flush().unwrap();
    }
}
"#;

/// The harness crate's files (`Cargo.toml`, `src/main.rs`), depending on the generated
/// crate at `generated` (package `crate_name`); its binary is named `name`.
pub fn harness_files(
    generated: &Path,
    crate_name: &str,
    name: &str,
    kind: HarnessKind,
) -> BTreeMap<String, String> {
    let lib = crate_name.replace('-', "_");
    let dep = match kind {
        HarnessKind::Roundtrip => format!(
            "{crate_name} = {{ path = {:?}, default-features = false, features = [\"full\", \"registry\"] }}\nserde_json = \"1\"\n",
            generated.display().to_string()
        ),
        HarnessKind::Client => format!(
            "{crate_name} = {{ path = {:?}, features = [\"registry\", \"client\", \"reqwest\"] }}\nserde_json = \"1\"\ntokio = {{ version = \"1\", features = [\"rt\"] }}\n",
            generated.display().to_string()
        ),
    };
    let cargo_toml = format!(
        "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\n{dep}\n[workspace]\n"
    );
    let main = match kind {
        HarnessKind::Roundtrip => format!(
            "use std::io::{{BufRead, Write}};\nfn main() {{\n    roundtrip()\n}}\n{ROUNDTRIP_FN}"
        ),
        HarnessKind::Client => format!(
            "{CLIENT_MAIN}/// Without a base URL: the round-trip protocol (one build serves both).\n{}",
            ROUNDTRIP_FN.trim_start_matches(|c| c != '\n').trim_start()
        ),
    }
    .replace("LIB", &lib);
    BTreeMap::from([
        ("Cargo.toml".to_string(), cargo_toml),
        ("src/main.rs".to_string(), main),
    ])
}

/// Writes the harness crate into `dir`, touching only files whose content changed (so
/// cargo rebuilds nothing when nothing changed); `Cargo.lock` is the workspace's, and
/// is written only when the directory has none (cargo keeps it up to date after that).
pub fn write_harness(
    dir: &Path,
    generated: &Path,
    crate_name: &str,
    name: &str,
    kind: HarnessKind,
) -> std::io::Result<()> {
    for (rel, text) in harness_files(generated, crate_name, name, kind) {
        let path = dir.join(rel);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            crate::output::write_file_atomic(&path, &text)?;
        }
    }
    let lock = dir.join("Cargo.lock");
    if !lock.exists() {
        crate::output::write_file_atomic(&lock, WORKSPACE_LOCK)?;
    }
    Ok(())
}

/// Runs cargo (`$CARGO`, else `cargo` on the PATH) in `dir` with `target_dir`;
/// returns (success, wall seconds, stderr + stdout).
pub fn cargo(dir: &Path, target_dir: &Path, args: &[&str]) -> std::io::Result<(bool, f64, String)> {
    let start = Instant::now();
    let program = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(program)
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target_dir)
        .env_remove("RUSTFLAGS")
        .output()?;
    let text = String::from_utf8_lossy(&output.stderr).into_owned()
        + &String::from_utf8_lossy(&output.stdout);
    Ok((output.status.success(), start.elapsed().as_secs_f64(), text))
}

/// Round-trips every planned example through the harness binary (one process, all
/// instances piped through it), and classifies them ([`roundtrip::run`]).
/// Runs `binary` with `args`, writes `input` to its stdin (from a thread, so that
/// a full stdout pipe cannot block it), and returns its stdout and exit output.
pub fn pipe_through(
    binary: &Path,
    args: &[&str],
    input: String,
) -> Result<(String, std::process::Output), String> {
    let mut child = Command::new(binary)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run {}: {e}", binary.display()))?;
    let mut stdin = child.stdin.take().expect("piped stdin");
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child
        .wait_with_output()
        .map_err(|e| format!("{}: {e}", binary.display()))?;
    writer
        .join()
        .expect("the writer thread")
        .map_err(|e| format!("cannot write to {}: {e}", binary.display()))?;
    Ok((String::from_utf8_lossy(&output.stdout).into_owned(), output))
}

pub fn roundtrip_through(
    binary: &Path,
    schema: &Schema,
    examples: &[PlannedExample],
) -> Result<RoundtripReport, String> {
    // First pass: collect the instances the check will ask for.
    let asked: RefCell<Vec<(String, Value)>> = RefCell::new(Vec::new());
    roundtrip::run(schema, examples, &|ty, json| {
        asked.borrow_mut().push((ty.to_string(), json));
        Some(Ok(Value::Null))
    });
    let asked = asked.into_inner();
    let input: String = asked
        .iter()
        .map(|(ty, json)| json!({"type": ty, "json": json}).to_string() + "\n")
        .collect();
    let (stdout, output) = pipe_through(binary, &[], input)?;
    let replies: Vec<Value> = stdout
        .lines()
        .map(serde_json::from_str)
        .collect::<Result<_, _>>()
        .map_err(|e| format!("{}: a reply is not JSON: {e}", binary.display()))?;
    if replies.len() != asked.len() {
        return Err(format!(
            "{} answered {} of {} instances (exit status {})",
            binary.display(),
            replies.len(),
            asked.len(),
            output.status
        ));
    }
    let mut answers: BTreeMap<(String, String), Option<Result<Value, String>>> = BTreeMap::new();
    for ((ty, json), reply) in asked.into_iter().zip(replies) {
        let answer = if let Some(v) = reply.get("ok") {
            Some(Ok(v.clone()))
        } else {
            reply
                .get("err")
                .map(|e| Err(e.as_str().unwrap_or_default().to_string()))
        };
        answers.insert((ty, json.to_string()), answer);
    }
    Ok(roundtrip::run(schema, examples, &|ty, json| {
        answers
            .get(&(ty.to_string(), json.to_string()))
            .cloned()
            .flatten()
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_harness_also_speaks_the_round_trip_protocol() {
        let files = harness_files(Path::new("/g"), "graph-x", "h", HarnessKind::Client);
        let main = &files["src/main.rs"];
        assert!(main.contains("fn roundtrip()") && main.contains("graph_x::client::dispatch"));
        assert!(files["Cargo.toml"].contains("\"reqwest\""));
        let files = harness_files(Path::new("/g"), "graph-x", "h", HarnessKind::Roundtrip);
        assert!(!files["src/main.rs"].contains("client"));
        assert!(files["Cargo.toml"].contains("default-features = false"));
        assert!(WORKSPACE_LOCK.contains("name = \"serde_json\""));
    }
}

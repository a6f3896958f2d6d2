//! A generated crate built and driven from a test: the crate is written under
//! target/, a harness binary that depends on it is built with cargo
//! ([`crate::client_harness`]), and every instance to round-trip is piped
//! through it as JSON lines.

use graph_docgen::check::roundtrip::{self, RoundtripReport};
use graph_docgen::examples::PlannedExample;
use graph_docgen::schema::Schema;
use serde_json::{json, Value};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

/// Runs cargo in `dir` with the shared target directory; returns (success, wall seconds, output).
pub fn cargo(dir: &Path, target_dir: &Path, args: &[&str]) -> (bool, f64, String) {
    let start = Instant::now();
    let output = Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target_dir)
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    let text = String::from_utf8_lossy(&output.stderr).into_owned()
        + &String::from_utf8_lossy(&output.stdout);
    (output.status.success(), start.elapsed().as_secs_f64(), text)
}

/// Round-trips every planned example through the harness binary.
pub fn roundtrip_through(
    binary: &Path,
    schema: &Schema,
    examples: &[PlannedExample],
) -> RoundtripReport {
    // First pass: collect the instances the check will ask for.
    let asked: RefCell<Vec<(String, Value)>> = RefCell::new(Vec::new());
    roundtrip::run(schema, examples, &|ty, json| {
        asked.borrow_mut().push((ty.to_string(), json));
        Some(Ok(Value::Null))
    });
    let asked = asked.into_inner();
    let mut child = Command::new(binary)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("harness runs");
    let mut stdin = child.stdin.take().unwrap();
    let input: String = asked
        .iter()
        .map(|(ty, json)| json!({"type": ty, "json": json}).to_string() + "\n")
        .collect();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().expect("harness finishes");
    writer.join().unwrap().unwrap();
    let replies: Vec<Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        replies.len(),
        asked.len(),
        "the harness answered every instance"
    );
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
    roundtrip::run(schema, examples, &|ty, json| {
        answers
            .get(&(ty.to_string(), json.to_string()))
            .cloned()
            .flatten()
    })
}

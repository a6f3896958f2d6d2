//! `cargo xtask bench-parse [DOCS]`: typed deserialization against
//! `serde_json::Value`, in MB/s, over every example instance of the docs.
//!
//! Builds (release) a small harness against the generated crate of
//! target/bench-crate (written by `bench`), feeds it every example instance
//! that deserializes into its type, and times `serde_json::from_str::<Value>`
//! and the typed `registry::parser` over the same texts (best of 5 passes).
//! The harness stays at target/bench-target/release/bench-parse, its input at
//! target/bench-parse-harness/instances.tsv; a second argument `typed` runs
//! the typed passes alone (for a profiler).

use graph_docgen::pipeline::{load, Progress};
use std::path::Path;
use std::process::Command;

const HARNESS_MAIN: &str = r#"
use std::time::Instant;
fn main() {
    let input = std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap();
    // The parser of each instance's type is looked up once, outside the timed loops.
    let items: Vec<(graph_bench::registry::Parser, String)> = input
        .lines()
        .filter_map(|l| {
            let (ty, json) = l.split_once('\t').unwrap();
            let parse = graph_bench::registry::parser(ty)?;
            parse(json).is_ok().then(|| (parse, json.to_string()))
        })
        .collect();
    let bytes: usize = items.iter().map(|(_, j)| j.len()).sum();
    let best = |f: &dyn Fn()| (0..5).map(|_| { let t = Instant::now(); f(); t.elapsed().as_secs_f64() }).fold(f64::MAX, f64::min);
    let value = best(&|| for (_, j) in &items { std::hint::black_box(serde_json::from_str::<serde_json::Value>(j).unwrap()); });
    let typed = best(&|| for (parse, j) in &items { std::hint::black_box(parse(j)).unwrap(); });
    let mbs = |s: f64| bytes as f64 / 1e6 / s;
    // `bench-parse instances.tsv typed`: the typed passes alone, to profile them.
    if std::env::args().nth(2).as_deref() == Some("typed") {
        let typed = best(&|| for (parse, j) in &items { std::hint::black_box(parse(j)).unwrap(); });
        println!("typed (generated): {:8.1} MB/s", mbs(typed));
        return;
    }
    println!("instances: {} ({:.1} MB of JSON)", items.len(), bytes as f64 / 1e6);
    println!("serde_json::Value: {:8.1} MB/s", mbs(value));
    println!("typed (generated): {:8.1} MB/s", mbs(typed));
    println!("typed / Value:     {:8.2}x", value / typed);
}
"#;

pub fn run(docs: &Path, crate_dir: &Path, target: &Path) {
    let model = load(&[docs.to_path_buf()], Progress::Never);
    let mut lines = String::new();
    for example in &model.examples {
        for instance in example
            .instances
            .iter()
            .filter(|i| !i.type_name.starts_with("Edm.") && !i.collection)
        {
            lines += &format!("{}\t{}\n", instance.type_name, instance.value);
        }
    }
    let harness = crate_dir.with_file_name("bench-parse-harness");
    crate::bench_compile::write_bench_crate(
        &harness,
        "bench-parse",
        crate_dir,
        r#", default-features = false, features = ["full", "registry"]"#,
        HARNESS_MAIN,
    );
    let input = harness.join("instances.tsv");
    std::fs::write(&input, lines).unwrap();
    let built =
        crate::bench_compile::timed_cargo(&harness, target, &["build", "--offline", "--release"]);
    assert!(built.ok, "the bench-parse harness builds");
    let out = Command::new(target.join("release/bench-parse"))
        .arg(&input)
        .output()
        .expect("harness runs");
    print!("{}", String::from_utf8_lossy(&out.stdout));
}

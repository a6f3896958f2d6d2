//! `cargo xtask bench-parse [DOCS]`: typed deserialization against
//! `serde_json::Value`, in MB/s, over every example instance of the docs.
//!
//! Builds (release) a small harness against the generated crate of
//! target/bench-crate (written by `bench`), feeds it every example instance
//! that deserializes into its type, and times `serde_json::from_str::<Value>`
//! and the typed `registry::parser` over the same texts (best of 5 passes), and
//! the same types with `#[derive(Deserialize)]` (`bench_derive`: one twin that
//! keeps unknown members as the generated types do, one that drops them).
//! The harness stays at target/bench-target/release/bench-parse, its input at
//! target/bench-parse-harness/instances.tsv; a second argument `typed` runs
//! the typed passes alone (for a profiler).

use graph_docgen::pipeline::{load, Progress};
use graph_docgen::rust_model::RustModel;
use std::path::Path;
use std::process::Command;

const HARNESS_MAIN: &str = r#"
use bench_derive_twin::{drop as derive_drop, keep as derive_keep};
use std::time::Instant;
type Twin = fn(&str) -> bool;
fn main() {
    let input = std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap();
    // The parsers of each instance's type are looked up once, outside the timed loops.
    // Only instances that the generated types and both derive twins all read are
    // timed, so that every pass reads the same bytes.
    let mut typed_only = 0;
    let mut items: Vec<(graph_bench::registry::Parser, Twin, Twin, String)> = Vec::new();
    for l in input.lines() {
        let (ty, json) = l.split_once('\t').unwrap();
        let Some(parse) = graph_bench::registry::parser(ty) else { continue };
        if parse(json).is_err() {
            continue;
        }
        match (derive_keep::parser(ty), derive_drop::parser(ty)) {
            (Some(keep), Some(drop)) if keep(json) && drop(json) => {
                items.push((parse, keep, drop, json.to_string()))
            }
            _ => typed_only += 1,
        }
    }
    let bytes: usize = items.iter().map(|i| i.3.len()).sum();
    let value_pass = || for (_, _, _, j) in &items { std::hint::black_box(serde_json::from_str::<serde_json::Value>(j).unwrap()); };
    let typed_pass = || for (parse, _, _, j) in &items { std::hint::black_box(parse(j)).unwrap(); };
    let keep_pass = || for (_, keep, _, j) in &items { assert!(keep(j)); };
    let drop_pass = || for (_, _, drop, j) in &items { assert!(drop(j)); };
    // `bench-parse instances.tsv <pass>`: five passes of one kind alone (`none`: only the
    // set-up), for an instruction count under callgrind.
    if let Some(only) = std::env::args().nth(2) {
        let pass: &dyn Fn() = match only.as_str() {
            "value" => &value_pass,
            "typed" => &typed_pass,
            "keep" => &keep_pass,
            "drop" => &drop_pass,
            _ => &|| {},
        };
        (0..5).for_each(|_| pass());
        return;
    }
    let best = |f: &dyn Fn()| (0..5).map(|_| { let t = Instant::now(); f(); t.elapsed().as_secs_f64() }).fold(f64::MAX, f64::min);
    let mbs = |s: f64| bytes as f64 / 1e6 / s;
    let value = best(&value_pass);
    let typed = best(&typed_pass);
    let keep = best(&keep_pass);
    let drop = best(&drop_pass);
    println!("instances: {} ({:.1} MB of JSON); {typed_only} more that only the generated types read", items.len(), bytes as f64 / 1e6);
    println!("serde_json::Value:                  {:8.1} MB/s", mbs(value));
    println!("typed (generated):                  {:8.1} MB/s", mbs(typed));
    println!("derive, unknown members kept:       {:8.1} MB/s", mbs(keep));
    println!("derive, unknown members dropped:    {:8.1} MB/s", mbs(drop));
    println!("typed / Value:                      {:8.2}x", value / typed);
    println!("typed / derive (kept):              {:8.2}x", keep / typed);
    println!("typed / derive (dropped):           {:8.2}x", drop / typed);
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
    let twin = crate_dir.with_file_name("bench-derive-twin");
    write_twin_crate(&twin, &RustModel::new(&model.schema));
    crate::bench_compile::write_bench_crate(
        &harness,
        "bench-parse",
        crate_dir,
        r#", default-features = false, features = ["full", "registry"]"#,
        &format!(
            "bench-derive-twin = {{ path = {:?} }}\n",
            twin.display().to_string()
        ),
        HARNESS_MAIN,
    );
    // The twins alone first, rebuilt (`lib.rs` touched, as bench-compile does) inside the
    // harness (its serde features, so that the harness build reuses them): what derive
    // costs to build, beside bench-compile's figures for
    // the generated crate.
    crate::bench_compile::touch(&twin.join("src/lib.rs"));
    let twins = crate::bench_compile::timed_cargo(
        &harness,
        target,
        &["build", "--offline", "--release", "-p", "bench-derive-twin"],
    );
    assert!(twins.ok, "the derive twins build");
    println!(
        "derive twins (2 x {} structs), cargo build --release: {:.1} s, {:.0} MiB",
        RustModel::new(&model.schema).fields.len(),
        twins.wall_s,
        twins.peak_mib
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

/// The crate of the two derive twins (`bench_derive`), written only where its text
/// changed, so that a rerun does not build them again.
fn write_twin_crate(dir: &Path, model: &RustModel) {
    std::fs::create_dir_all(dir.join("src")).expect("twin crate dir");
    let manifest = "[package]\nname = \"bench-derive-twin\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
                    [dependencies]\nserde = { version = \"1\", features = [\"derive\"] }\nserde_json = \"1\"\n\n[workspace]\n";
    let files = [
        ("Cargo.toml", manifest.to_string()),
        ("src/lib.rs", "//! The `#[derive(Deserialize)]` twins of the generated types (xtask/src/bench_derive.rs).\npub mod drop;\npub mod keep;\n".to_string()),
        ("src/keep.rs", crate::bench_derive::module(model, crate::bench_derive::Unknown::Keep)),
        ("src/drop.rs", crate::bench_derive::module(model, crate::bench_derive::Unknown::Drop)),
    ];
    for (file, text) in files {
        let path = dir.join(file);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(&path, text).expect("twin crate file");
        }
    }
    crate::bench_compile::copy_lock(dir);
}

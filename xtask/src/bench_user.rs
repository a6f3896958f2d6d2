//! The last step of `cargo xtask bench-compile`: what a user's own crate pays
//! for parsing and writing back some of the generated types.
//!
//! Serde's traits are generic over the (de)serializer, so the generated crate
//! cannot compile them for `serde_json` ahead of time: the user's crate
//! instantiates them, for each type it reads and every type reachable from it.
//! This builds (release) two user crates against target/bench-crate, one that
//! round-trips `COUNT` types through `serde_json::from_str`/`to_string` and a
//! baseline that round-trips `serde_json::Value` only, and reports both and
//! their difference.

use crate::bench_compile::{timed_cargo, touch, write_bench_crate};
use std::path::Path;

/// How many types the user crate reads.
const COUNT: usize = 50;

/// The Rust paths of the types (objects, polymorphic bases, enums) the
/// registry of `crate_dir` names, in its order: `crate::Foo` for `"microsoft.graph.foo" => ... roundtrip_as::<crate::Foo>`.
fn registry_type_paths(crate_dir: &Path) -> Vec<String> {
    let registry = std::fs::read_to_string(crate_dir.join("src/registry.rs")).unwrap_or_default();
    registry
        .split("roundtrip_as::<crate::")
        .skip(1)
        .filter_map(|rest| rest.split_once(">(").map(|(path, _)| path.to_string()))
        .collect()
}

/// `COUNT` of `paths`, evenly spread, so that every area is likely among them.
fn spread(paths: &[String]) -> Vec<&str> {
    let step = (paths.len() / COUNT).max(1);
    paths
        .iter()
        .step_by(step)
        .take(COUNT)
        .map(String::as_str)
        .collect()
}

fn main_rs(types: &[&str]) -> String {
    let calls: String = types
        .iter()
        .map(|t| format!("        roundtrip::<graph_bench::{t}>(&json),\n"))
        .collect();
    format!(
        "fn roundtrip<T: serde::de::DeserializeOwned + serde::Serialize>(json: &str) -> String {{\n    match serde_json::from_str::<T>(json) {{\n        Ok(value) => serde_json::to_string(&value).unwrap_or_default(),\n        Err(e) => e.to_string(),\n    }}\n}}\n\nfn main() {{\n    let json = std::env::args().nth(1).unwrap_or_default();\n    let out = [\n        roundtrip::<serde_json::Value>(&json),\n{calls}    ];\n    println!(\"{{}}\", out.concat().len());\n}}\n"
    )
}

/// The size of `binary` without its symbol table (`strip` to a copy): what a user who
/// sets `strip = true` ships. Release binaries keep their symbols by default, and the
/// generated types' long names are more than a third of the user crate's binary.
fn stripped_size(binary: &Path) -> Option<u64> {
    let copy = binary.with_extension("stripped");
    let ok = std::process::Command::new("strip")
        .arg("-o")
        .arg(&copy)
        .arg(binary)
        .status()
        .is_ok_and(|s| s.success());
    let size = std::fs::metadata(&copy).map(|m| m.len()).ok();
    let _ = std::fs::remove_file(&copy);
    size.filter(|_| ok)
}

/// Builds both user crates (the generated crate already built in release in
/// `target`) and prints their release build time, peak memory and binary size.
pub fn run(crate_dir: &Path, target: &Path) {
    let paths = registry_type_paths(crate_dir);
    let types = spread(&paths);
    let user = crate_dir.with_file_name("bench-user");
    let mut walls = Vec::new();
    for (label, chosen) in [
        ("user crate, serde_json::Value only".to_string(), &[][..]),
        (
            format!("user crate, {} generated types", types.len()),
            &types[..],
        ),
    ] {
        write_bench_crate(&user, "bench-user", crate_dir, "", "", &main_rs(chosen));
        // Dependencies first (a no-op after the generated crate's own release build).
        timed_cargo(&user, target, &["build", "--offline", "--release"]);
        touch(&user.join("src/main.rs"));
        let m = timed_cargo(&user, target, &["build", "--offline", "--release"]);
        let binary = target.join("release/bench-user");
        let size = std::fs::metadata(&binary).map(|m| m.len()).unwrap_or(0);
        println!(
            "{:<52} {:6.1} s wall, {:6.0} MiB peak, binary {:5.1} MB ({}){}",
            format!("cargo build --release, {label}"),
            m.wall_s,
            m.peak_mib,
            size as f64 / 1e6,
            stripped_size(&binary)
                .map(|s| format!("{:.1} MB stripped", s as f64 / 1e6))
                .unwrap_or_else(|| "no `strip` to size it stripped".into()),
            if m.ok { "" } else { "  FAILED" }
        );
        walls.push(m.wall_s);
    }
    if let [base, with_types] = walls[..] {
        println!(
            "{:<52} {:6.1} s ({:.2} s a type)",
            "  what the generated types add",
            with_types - base,
            (with_types - base) / types.len().max(1) as f64
        );
    }
}

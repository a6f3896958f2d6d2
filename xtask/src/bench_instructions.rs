//! `cargo xtask bench-instructions [DOCS] [--unit PACKAGE]...`: the instructions rustc
//! executes to check one member of the crates layout, counted by valgrind's callgrind.
//!
//! On the shared 2-core VM the wall time of the same check moves by 10-15% from one
//! run to the next, more than most changes to the generated code; the instruction
//! count repeats to the last digit, so a change to the generator can be measured on one
//! crate before the whole `bench-compile` is worth running (BENCHMARKS.md, "Fewer
//! functions a type"). Needs `valgrind` on the PATH; about 50 times as slow as the check.

use crate::bench_compile::{copy_lock, touch};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs rustc under callgrind for the crate named in `$GRAPH_BENCH_CALLGRIND_CRATE`,
/// and every other crate as it is (cargo calls it as `$RUSTC_WRAPPER rustc ARGS`).
const WRAPPER: &str = r#"#!/bin/sh
case " $* " in
  *" --crate-name $GRAPH_BENCH_CALLGRIND_CRATE "*)
    exec valgrind --tool=callgrind --cache-sim=no --branch-sim=no \
      --callgrind-out-file="$GRAPH_BENCH_CALLGRIND_OUT" "$@" 2>/dev/null ;;
  *) exec "$@" ;;
esac
"#;

/// The members of the layout at `ws_dir`: package name, source directory, bytes of source;
/// the area crates under `crates/` and the facade at the root (`--unit NAME`: its client).
fn members(ws_dir: &Path) -> Vec<(String, PathBuf, u64)> {
    let mut members = Vec::new();
    let areas = std::fs::read_dir(ws_dir.join("crates"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path());
    for dir in std::iter::once(ws_dir.to_path_buf()).chain(areas) {
        let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap_or_default();
        let Some(name) = manifest
            .lines()
            .find_map(|l| l.strip_prefix("name = \""))
            .and_then(|rest| rest.strip_suffix('"'))
        else {
            continue;
        };
        let bytes = bytes_under(&dir.join("src"));
        members.push((name.to_string(), dir, bytes));
    }
    members.sort();
    members
}

/// The bytes of the files under `dir`.
fn bytes_under(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => bytes_under(&e.path()),
            _ => e.metadata().map(|m| m.len()).unwrap_or(0),
        })
        .sum()
}

/// The member measured when none is named: the largest whose source is under 1 MB
/// (a minute or so under callgrind), the first by name among equals.
fn default_unit(members: &[(String, PathBuf, u64)]) -> Option<String> {
    members
        .iter()
        .filter(|(_, _, bytes)| *bytes < 1_000_000)
        .max_by_key(|(name, _, bytes)| (*bytes, std::cmp::Reverse(name.clone())))
        .map(|(name, _, _)| name.clone())
}

/// The total of a callgrind output file (its `summary:` line).
fn summary(out: &Path) -> Option<u64> {
    std::fs::read_to_string(out)
        .ok()?
        .lines()
        .find_map(|l| l.strip_prefix("summary:"))
        .and_then(|v| v.trim().parse().ok())
}

/// Checks the workspace at `ws_dir` once (dependencies and every member), then each
/// of `units` (default: see `default_unit`) again alone under callgrind.
pub fn run(ws_dir: &Path, target: &Path, units: &[String]) {
    copy_lock(ws_dir);
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(&cargo)
        .args(["check", "--offline", "--workspace", "--quiet"])
        .current_dir(ws_dir)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_INCREMENTAL", "0")
        .status();
    if !status.is_ok_and(|s| s.success()) {
        eprintln!("cargo check --workspace failed in {}", ws_dir.display());
        return;
    }
    let members = members(ws_dir);
    let units: Vec<String> = if units.is_empty() {
        default_unit(&members).into_iter().collect()
    } else {
        units.to_vec()
    };
    let wrapper = target.join("callgrind-rustc.sh");
    std::fs::create_dir_all(target).expect("target dir");
    std::fs::write(&wrapper, WRAPPER).expect("write the rustc wrapper");
    let _ = Command::new("chmod").arg("+x").arg(&wrapper).status();
    for unit in units {
        let Some((_, dir, bytes)) = members.iter().find(|(name, _, _)| *name == unit) else {
            eprintln!("no member named {unit} in {}", ws_dir.display());
            continue;
        };
        let out = target.join(format!("callgrind.{unit}.out"));
        let _ = std::fs::remove_file(&out);
        touch(&dir.join("src/lib.rs"));
        let status = Command::new(&cargo)
            .args(["check", "--offline", "--quiet", "-p", &unit])
            .current_dir(ws_dir)
            .env("CARGO_TARGET_DIR", target)
            .env("CARGO_INCREMENTAL", "0")
            .env("RUSTC_WRAPPER", &wrapper)
            .env("GRAPH_BENCH_CALLGRIND_CRATE", unit.replace('-', "_"))
            .env("GRAPH_BENCH_CALLGRIND_OUT", &out)
            .status();
        match (status.is_ok_and(|s| s.success()), summary(&out)) {
            (true, Some(count)) => println!(
                "{:<52} {:8.3} G instructions ({:.1} MB of source)",
                format!("rustc, cargo check -p {unit}"),
                count as f64 / 1e9,
                *bytes as f64 / 1e6
            ),
            _ => eprintln!(
                "{unit}: no count (is valgrind installed? see {})",
                out.display()
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_unit_is_the_largest_under_a_megabyte() {
        let m = |name: &str, bytes| (name.to_string(), PathBuf::new(), bytes);
        let members = [
            m("a", 900_000),
            m("b", 2_000_000),
            m("c", 900_000),
            m("d", 10),
        ];
        assert_eq!(default_unit(&members).as_deref(), Some("a"));
        assert_eq!(default_unit(&[m("b", 2_000_000)]), None);
    }

    #[test]
    fn the_members_are_the_area_crates_and_the_facade() {
        let ws = std::env::temp_dir().join(format!("bench-instr-ws-{}", std::process::id()));
        let package = |dir: &Path, name: &str, source: &str| {
            std::fs::create_dir_all(dir.join("src")).unwrap();
            std::fs::write(
                dir.join("Cargo.toml"),
                format!("[package]\nname = \"{name}\"\n"),
            )
            .unwrap();
            std::fs::write(dir.join("src/lib.rs"), source).unwrap();
        };
        package(&ws, "graph-x", "pub mod client;");
        package(
            &ws.join("crates/users"),
            "graph-x-users",
            "pub struct User;",
        );
        let found: Vec<(String, u64)> = members(&ws)
            .into_iter()
            .map(|(name, _, bytes)| (name, bytes))
            .collect();
        let _ = std::fs::remove_dir_all(&ws);
        assert_eq!(
            found,
            [
                ("graph-x".to_string(), 15),
                ("graph-x-users".to_string(), 16)
            ]
        );
    }

    #[test]
    fn the_count_is_the_summary_line() {
        let dir = std::env::temp_dir().join(format!("bench-instr-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let out = dir.join("callgrind.out");
        std::fs::write(
            &out,
            "version: 1\nevents: Ir\nsummary: 1982000000\ntotals: 1982000000\n",
        )
        .unwrap();
        assert_eq!(summary(&out), Some(1_982_000_000));
        std::fs::write(&out, "events: Ir\n").unwrap();
        assert_eq!(summary(&out), None);
        let _ = std::fs::remove_dir_all(&dir);
    }
}

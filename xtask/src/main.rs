//! `cargo xtask regenerate [--check]`: docs-input/ -> generated/.
//!
//! Like rust-analyzer's codegen: regenerate writes only the files whose content
//! changed; `--check` writes nothing, names every stale file and the command that
//! fixes it, and exits 1 when there is one.

use graph_docgen::emit::EmitOptions;
use graph_docgen::output::{stale_files, write_tree};
use graph_docgen::pipeline::{self, Progress};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod bench;
mod bench_compile;
mod bench_derive;
mod bench_instructions;
mod bench_parse;
mod bench_user;

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["regenerate"] => regenerate(false),
        ["regenerate", "--check"] => regenerate(true),
        ["bench", rest @ ..] => {
            bench::run(&docs_arg(rest), &workspace_root().join("target"));
            ExitCode::SUCCESS
        }
        ["bench-parse", rest @ ..] => {
            let docs = docs_arg(rest);
            bench::run(&docs, &workspace_root().join("target"));
            bench_parse::run(
                &docs,
                &workspace_root().join("target/bench-crate"),
                &workspace_root().join("target/bench-target"),
            );
            ExitCode::SUCCESS
        }
        ["bench-compile", rest @ ..] => {
            // `--layout crates` (or `single`) measures one layout; both by default.
            let (layouts, rest): (Vec<&str>, Vec<&str>) = match rest {
                ["--layout", l, rest @ ..] => (vec![*l], rest.to_vec()),
                rest => (vec!["single", "crates"], rest.to_vec()),
            };
            let docs = docs_arg(&rest);
            let crate_dir = workspace_root().join("target/bench-crate");
            let target = workspace_root().join("target/bench-target");
            bench::run(&docs, &workspace_root().join("target"));
            let area = bench_compile::one_area(&crate_dir);
            if layouts.contains(&"single") {
                println!("== the single crate");
                bench_compile::run(&crate_dir, &target, &area);
                bench_user::run(&crate_dir, &target);
            }
            if layouts.contains(&"crates") {
                println!("== the crates layout (generate --layout crates)");
                let ws_dir = workspace_root().join("target/bench-crates");
                bench::write_layout(&docs, &ws_dir, graph_docgen::rust_model::Layout::Crates);
                bench_compile::run_workspace(&ws_dir, &target, &area);
                bench_user::run(&ws_dir, &target);
            }
            ExitCode::SUCCESS
        }
        ["bench-instructions", rest @ ..] => {
            // DOCS first when given, then `--unit PACKAGE` any number of times.
            let (docs, rest) = match rest {
                [first, rest @ ..] if *first != "--unit" => (docs_arg(&[*first]), rest),
                rest => (docs_arg(&[]), rest),
            };
            let units: Vec<String> = rest
                .chunks(2)
                .filter_map(|pair| match pair {
                    ["--unit", unit] => Some(unit.to_string()),
                    _ => None,
                })
                .collect();
            let ws_dir = workspace_root().join("target/bench-crates");
            bench::write_layout(&docs, &ws_dir, graph_docgen::rust_model::Layout::Crates);
            bench_instructions::run(
                &ws_dir,
                &workspace_root().join("target/bench-target"),
                &units,
            );
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!(
                "usage: cargo xtask regenerate [--check] | bench [DOCS] | bench-compile [DOCS] | bench-parse [DOCS] | bench-instructions [DOCS] [--unit PACKAGE]...\n\n  regenerate          docs-input/ -> generated/ (writes only changed files)\n  regenerate --check  fail, naming the stale files, when generated/ is not what docs-input/ gives\n  bench [DOCS]        time each stage of the generator against the floor (default DOCS: the corpus in ../shared)\n  bench-compile [DOCS] time `cargo check`/`build --release` of the crate generated from DOCS\n  bench-parse [DOCS]  typed deserialization vs serde_json::Value over DOCS' examples, in MB/s\n  bench-instructions [DOCS] [--unit PACKAGE]...\n                      rustc's instructions (callgrind) to check a crate of the crates layout\n\nRun benches in release: `cargo xtask` builds xtask in dev with optimised dependencies; use `cargo run --release -p xtask -- bench`."
            );
            ExitCode::from(2)
        }
    }
}

fn docs_arg(rest: &[&str]) -> PathBuf {
    rest.first()
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("../shared/corpus/graph-docs-2021-07/beta"))
}

/// Writes (or, with `check`, compares) README.md's diagnostics list from
/// `codegen/src/diag/codes.rs`; false when it is stale under `check` or cannot be written.
fn readme_diagnostics(path: &std::path::Path, check: bool) -> bool {
    let readme = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", path.display());
            return false;
        }
    };
    let Some(fresh) = graph_docgen::diag::codes::with_readme_section(&readme) else {
        eprintln!("error: README.md lacks the diagnostics markers of codes::README_MARKERS");
        return false;
    };
    if fresh == readme {
        return true;
    }
    if check {
        eprintln!("stale: README.md (its diagnostics list differs from codegen/src/diag/codes.rs)");
        return false;
    }
    match graph_docgen::output::write_file_atomic(path, &fresh) {
        Ok(()) => {
            eprintln!("wrote README.md (diagnostics list)");
            true
        }
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", path.display());
            false
        }
    }
}

fn regenerate(check: bool) -> ExitCode {
    let root = workspace_root();
    let docs = root.join("docs-input");
    let out = root.join("generated");
    let model = pipeline::load(&[docs], Progress::Auto);
    let generated = pipeline::generate(&model, &EmitOptions::default());
    let errors = model
        .diagnostics
        .iter()
        .filter(|d| d.severity == graph_docgen::diag::Severity::Error)
        .count();
    eprintln!(
        "docs-input: {} pages, {} types, {} operations, {} diagnostics ({errors} errors; `graph-docgen check --docs docs-input` lists them)",
        model.pages.len(),
        model.schema.types.len(),
        model.schema.operations.len(),
        model.diagnostics.len()
    );
    if !readme_diagnostics(&root.join("README.md"), check) {
        return ExitCode::FAILURE;
    }
    if check {
        match stale_files(&out, &generated.files) {
            Ok(stale) if stale.is_empty() => {
                eprintln!("generated/ is up to date");
                ExitCode::SUCCESS
            }
            Ok(stale) => {
                for s in &stale {
                    eprintln!("stale: {s}");
                }
                eprintln!(
                    "generated/ is out of date with docs-input/: run `cargo xtask regenerate`"
                );
                ExitCode::FAILURE
            }
            Err(e) => {
                eprintln!("error: cannot read generated/: {e}");
                ExitCode::from(2)
            }
        }
    } else {
        match write_tree(&out, &generated.files) {
            Ok(report) => {
                for f in &report.written {
                    eprintln!("wrote generated/{f}");
                }
                for f in &report.removed {
                    eprintln!("removed generated/{f}");
                }
                eprintln!("{} files unchanged", report.unchanged);
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: cannot write generated/: {e}");
                ExitCode::from(2)
            }
        }
    }
}

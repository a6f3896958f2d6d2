//! `cargo xtask bench [DOCS]`: the generator's own speed over a docs tree
//! (default: the corpus in ../shared), stage by stage, against the floor.
//!
//! The floor is reading every page and one bare pulldown-cmark pass over it
//! (tables on), done the way the pipeline does it (on all cores) and also on one
//! core. Each figure is the best of 5 runs. Peak memory is the process's VmHWM.

use graph_docgen::emit::{emit_crate, EmitOptions};
use graph_docgen::output::write_tree;
use graph_docgen::parse::parse_page;
use graph_docgen::pipeline::from_pages;
use graph_docgen::rust_model::RustModel;
use graph_docgen::source::read_roots;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        let out = f();
        best = best.min(start.elapsed());
        last = Some(out);
    }
    (best, last.expect("at least one run"))
}

fn bare_pass(text: &str) -> usize {
    pulldown_cmark::Parser::new_ext(text, pulldown_cmark::Options::ENABLE_TABLES).count()
}

fn read_all(files: &[PathBuf]) -> Vec<String> {
    files
        .iter()
        .map(|f| String::from_utf8_lossy(&std::fs::read(f).unwrap()).into_owned())
        .collect()
}

pub fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map(|kb| kb / 1024.0)
        .unwrap_or(0.0)
}

pub fn run(docs: &Path, scratch: &Path) {
    let files: Vec<PathBuf> = graph_docgen_files(docs);
    let bytes: u64 = files
        .iter()
        .map(|f| std::fs::metadata(f).map(|m| m.len()).unwrap_or(0))
        .sum();
    println!(
        "docs: {} ({} pages, {:.1} MB), {} cores",
        docs.display(),
        files.len(),
        bytes as f64 / 1e6,
        rayon::current_num_threads()
    );

    let (floor_seq, _) = best_of(5, || {
        read_all(&files).iter().map(|t| bare_pass(t)).sum::<usize>()
    });
    let (floor_par, _) = best_of(5, || {
        files
            .par_iter()
            .map(|f| bare_pass(&String::from_utf8_lossy(&std::fs::read(f).unwrap())))
            .sum::<usize>()
    });
    let (read, source) = best_of(5, || read_roots(&[docs.to_path_buf()]));
    let (parse, pages) = best_of(5, || {
        source
            .pages
            .par_iter()
            .map(|p| parse_page(&p.rel_path, &p.text))
            .collect::<Vec<_>>()
    });
    let (merge, _) = best_of(5, || graph_docgen::schema::build_schema(&pages));
    let (schema, model) = best_of(5, || from_pages(pages.clone(), Vec::new()));
    let opts = EmitOptions {
        crate_name: "graph-bench".into(),
        ..EmitOptions::default()
    };
    let (emit, generated) = best_of(5, || emit_crate(&RustModel::new(&model.schema), &opts));
    let out = scratch.join("bench-crate");
    let _ = std::fs::remove_dir_all(&out);
    let start = Instant::now();
    write_tree(&out, &generated.files).expect("write");
    let write_first = start.elapsed();
    let (write_again, report) = best_of(5, || write_tree(&out, &generated.files).expect("write"));
    assert!(
        report.written.is_empty(),
        "an unchanged regeneration rewrites nothing"
    );
    let total = read + parse + schema + emit + write_first;
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "floor (read + bare pulldown-cmark), all cores: {:8.1} ms",
        ms(floor_par)
    );
    println!(
        "floor (read + bare pulldown-cmark), one core:  {:8.1} ms",
        ms(floor_seq)
    );
    println!(
        "read pages:                                    {:8.1} ms",
        ms(read)
    );
    println!(
        "parse (all cores):                             {:8.1} ms",
        ms(parse)
    );
    println!(
        "schema + example checks:                       {:8.1} ms",
        ms(schema)
    );
    println!(
        "  of which the schema merge:                   {:8.1} ms",
        ms(merge)
    );
    println!(
        "emit + pretty-print ({} files):               {:8.1} ms",
        generated.files.len(),
        ms(emit)
    );
    println!(
        "write (fresh):                                 {:8.1} ms",
        ms(write_first)
    );
    println!(
        "total:                                         {:8.1} ms",
        ms(total)
    );
    println!(
        "total / floor (all cores):                     {:8.2}",
        ms(total) / ms(floor_par)
    );
    println!(
        "total / floor (one core):                      {:8.2}",
        ms(total) / ms(floor_seq)
    );
    println!(
        "no-change regeneration write (0 files written): {:7.1} ms",
        ms(write_again)
    );
    println!(
        "peak memory (VmHWM):                           {:8.0} MiB",
        peak_rss_mib()
    );
    println!(
        "types {}, operations {}, generated {:.1} MB of Rust",
        model.schema.types.len(),
        model.schema.operations.len(),
        generated.files.values().map(|f| f.len()).sum::<usize>() as f64 / 1e6
    );
}

fn graph_docgen_files(docs: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![docs.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Writes the crate of `docs` in `layout` to `out` (fresh), named `graph-bench` as `run`'s.
pub fn write_layout(docs: &Path, out: &Path, layout: graph_docgen::rust_model::Layout) {
    let model = graph_docgen::pipeline::load(
        &[docs.to_path_buf()],
        graph_docgen::pipeline::Progress::Never,
    );
    let opts = EmitOptions {
        crate_name: "graph-bench".into(),
        layout,
        ..EmitOptions::default()
    };
    let _ = std::fs::remove_dir_all(out);
    write_tree(out, &graph_docgen::pipeline::generate(&model, &opts).files).expect("write");
}

//! `graph-docgen verify`: the round trip as a command, for any docs tree.
//!
//! The crate is generated into `WORK/crate` (written the way `generate` writes:
//! unchanged files keep their modification time), a round-trip harness
//! ([`crate::harness`], the code the corpus tests run) into `WORK/harness`, built
//! with cargo into `WORK/target` (dev profile), and every example is piped through
//! it. A second run over unchanged docs rewrites nothing, so cargo rebuilds nothing.

use crate::check::roundtrip::{ExampleResult, Outcome, RoundtripReport};
use crate::diag::{Code, Diagnostic, Location};
use crate::emit::EmitOptions;
use crate::harness::{self, HarnessKind};
use crate::output::write_tree;
use crate::pipeline::{self, Model};
use crate::rust_model::Layout;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The harness package (and binary) name.
pub const HARNESS_NAME: &str = "verify-harness";
/// The harness with the client (`--client`), in `WORK/client-harness`.
pub const CLIENT_HARNESS_NAME: &str = "verify-client-harness";

/// The default work directory: `graph-docgen-verify` in `$CARGO_TARGET_DIR`, else in `./target`.
pub fn default_work_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target"))
        .join("graph-docgen-verify")
}

/// What went wrong other than the examples.
#[derive(Debug)]
pub enum VerifyError {
    /// Writing, running cargo or the harness failed (exit status 2).
    Io(String),
    /// The generated crate or the harness does not compile: a generator defect (exit status 1).
    Build(String),
}

/// Wall times of the stages, in seconds.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    pub generate: f64,
    pub build: f64,
    pub roundtrip: f64,
}

/// A finished run.
#[derive(Debug)]
pub struct Verified {
    pub report: RoundtripReport,
    /// Files of the generated crate written (the rest were unchanged).
    pub written: usize,
    pub unchanged: usize,
    pub timings: Timings,
    /// With the client: every example pair replayed over loopback HTTP.
    pub client: Option<crate::loopback::Replay>,
}

/// Generates, builds and round-trips `model` in `work`; with `client`, the harness is
/// built with the crate's client too, and every example pair is replayed through it
/// over loopback HTTP ([`crate::loopback::client_replay`]). The crate is laid out
/// as `layout` says; the harness reads it through the same paths either way.
pub fn verify(
    model: &Model,
    work: &Path,
    client: bool,
    layout: Layout,
) -> Result<Verified, VerifyError> {
    let crate_name = "graph-verify";
    let (kind, name) = if client {
        (HarnessKind::Client, CLIENT_HARNESS_NAME)
    } else {
        (HarnessKind::Roundtrip, HARNESS_NAME)
    };
    let crate_dir = work.join("crate");
    let harness_dir = work.join(if client { "client-harness" } else { "harness" });
    let target_dir = work.join("target");
    std::fs::create_dir_all(work)
        .map_err(|e| VerifyError::Io(format!("cannot create {}: {e}", work.display())))?;
    // Absolute, so that the harness's path dependency holds from its own directory.
    let work = work
        .canonicalize()
        .map_err(|e| VerifyError::Io(format!("{}: {e}", work.display())))?;
    let (crate_dir, harness_dir, target_dir) = (
        work.join(crate_dir.file_name().unwrap()),
        work.join(harness_dir.file_name().unwrap()),
        work.join(target_dir.file_name().unwrap()),
    );

    let started = Instant::now();
    let opts = EmitOptions {
        crate_name: crate_name.into(),
        layout,
        ..EmitOptions::default()
    };
    let generated = pipeline::generate(model, &opts);
    let written = write_tree(&crate_dir, &generated.files)
        .map_err(|e| VerifyError::Io(format!("cannot write {}: {e}", crate_dir.display())))?;
    harness::write_harness(&harness_dir, &crate_dir, crate_name, name, kind)
        .map_err(|e| VerifyError::Io(format!("cannot write {}: {e}", harness_dir.display())))?;
    let generate = started.elapsed().as_secs_f64();

    eprintln!(
        "verify: cargo build of {} (the first build of a big docs tree takes minutes)",
        harness_dir.display()
    );
    let (ok, build, log) = harness::cargo(&harness_dir, &target_dir, &["build", "--quiet"])
        .map_err(|e| VerifyError::Io(format!("cannot run cargo: {e}")))?;
    if !ok {
        let tail = log[log.len().saturating_sub(4000)..].to_string();
        // rustc's errors are the generator's; anything else (no network, no toolchain) is the machine's.
        return Err(
            if log.contains("error[E") || log.contains("could not compile") {
                VerifyError::Build(tail)
            } else {
                VerifyError::Io(format!("cargo build failed:\n{tail}"))
            },
        );
    }
    let binary = target_dir
        .join("debug")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    let started = Instant::now();
    let report = harness::roundtrip_through(&binary, &model.schema, &model.examples)
        .map_err(VerifyError::Io)?;
    let client = if client {
        Some(crate::loopback::client_replay(&binary, model, &report).map_err(VerifyError::Io)?)
    } else {
        None
    };
    Ok(Verified {
        client,
        report,
        written: written.written.len(),
        unchanged: written.unchanged,
        timings: Timings {
            generate,
            build,
            roundtrip: started.elapsed().as_secs_f64(),
        },
    })
}

/// The client replay's summary object (`--format json` with `--client`).
pub fn client_json(replay: &crate::loopback::Replay) -> Value {
    let r = &replay.report;
    json!({"client": {
        "cases": replay.cases,
        "passed": r.passed,
        "failed": r.failed(),
        "docDefectsByClass": r.doc_defects,
        "generatorDefects": r.generator_defects,
        "modelDefects": r.model_defects,
        "skipped": replay.skipped,
    }})
}

/// `file`, `line` of an example's source (`beta/api/x.md:12`).
fn place(r: &ExampleResult) -> (String, u32) {
    match r.source.rsplit_once(':') {
        Some((file, line)) if line.parse::<u32>().is_ok() => {
            (file.to_string(), line.parse().unwrap_or(0))
        }
        _ => (r.source.clone(), 0),
    }
}

pub fn outcome_str(o: Outcome) -> &'static str {
    match o {
        Outcome::Passed => "passed",
        Outcome::DocDefect => "doc-defect",
        Outcome::GeneratorDefect => "generator-defect",
        Outcome::Skipped => "skipped",
    }
}

/// One JSON object per example outcome (`--format json`).
pub fn outcome_json(r: &ExampleResult) -> Value {
    let (file, line) = place(r);
    json!({
        "file": file,
        "line": line,
        "type": r.type_name,
        "outcome": outcome_str(r.outcome),
        "class": r.classes.first(),
        "classes": r.classes,
        "message": r.messages.join("; "),
    })
}

/// The closing JSON object: counts by outcome and doc defects by class.
pub fn summary_json(report: &RoundtripReport) -> Value {
    json!({"summary": {
        "passed": report.count(Outcome::Passed),
        "docDefect": report.count(Outcome::DocDefect),
        "generatorDefect": report.count(Outcome::GeneratorDefect),
        "skipped": report.count(Outcome::Skipped),
        "docDefectsByClass": report.doc_defects_by_class(),
    }})
}

/// The failures as diagnostics (`--format github|sarif`): a doc defect is a warning
/// `roundtrip-doc-defect`, a generator defect an error `roundtrip-generator-defect`.
pub fn findings(report: &RoundtripReport) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for r in &report.results {
        let (file, line) = place(r);
        let at = Location::new(file, line);
        let ty = r.type_name.as_deref().unwrap_or("-");
        let detail = r
            .messages
            .iter()
            .take(5)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n");
        match r.outcome {
            Outcome::DocDefect => out.push(
                Diagnostic::warning(
                    Code::RoundtripDocDefect,
                    &at,
                    format!(
                        "this example of `{ty}` does not round-trip: it disagrees with the schema [{}]\n{detail}",
                        r.classes.join(",")
                    ),
                )
                .with_help("correct the example (`graph-docgen check` says where, as `example-*` warnings)"),
            ),
            Outcome::GeneratorDefect => out.push(
                Diagnostic::error(
                    Code::RoundtripGeneratorDefect,
                    &at,
                    format!("this example of `{ty}` does not come back equal from the generated types\n{detail}"),
                )
                .with_help("a graph-docgen bug: report it with the page attached"),
            ),
            Outcome::Passed | Outcome::Skipped => {}
        }
    }
    out
}

//! The `graph-docgen` command line.

use clap::{Args, Parser, Subcommand, ValueEnum};
use graph_docgen::diag::paths::PathMapper;
use graph_docgen::diag::{github, sarif, Diagnostic, Severity};
use graph_docgen::emit::EmitOptions;
use graph_docgen::output::write_tree;
use graph_docgen::pipeline::{self, Model, Progress};
use graph_docgen::rust_model::Layout;
use graph_docgen::schema::Schema;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Generate Rust models, a typed client and a schema from Microsoft Graph reference pages.
///
/// Point it at one or more docs directories (a checkout of microsoft-graph-docs'
/// `api-reference`, or any folder of its pages). It reads every `*.md` page,
/// old formats and new, merges what they say into one schema, and reports what
/// is wrong with the docs as diagnostics with file and line.
///
/// Exit status: 0 when no doc errors were found (warnings allowed, unless
/// `--deny warnings`), 1 when doc errors (or denied warnings) were found,
/// 2 on a usage or I/O failure.
///
/// Examples:
///   graph-docgen check --docs docs-input
///   graph-docgen schema --docs docs-input --out schema.json
///   graph-docgen generate --docs docs-input --out generated
///   graph-docgen openapi --docs docs-input --out openapi
///   graph-docgen diff last-sync/schema.json docs/api-reference --deny breaking
#[derive(Parser)]
#[command(name = "graph-docgen", version, verbatim_doc_comment)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write a complete Rust crate (models, registry, schema.json) generated from the docs.
    ///
    /// The output directory is replaced atomically, and only files whose content
    /// changed are rewritten. A directory not written by graph-docgen is never replaced.
    Generate {
        #[command(flatten)]
        input: Input,
        /// The crate directory to write.
        #[arg(long)]
        out: PathBuf,
        /// The package name of the generated crate.
        #[arg(long, default_value = "graph-generated")]
        crate_name: String,
        /// One crate with a feature per area, or a workspace: a core crate, one crate per
        /// group of areas and the facade crate (same paths as the single crate).
        #[arg(long, value_enum, default_value_t = LayoutArg::Single)]
        layout: LayoutArg,
        /// Emit from a schema JSON written by `graph-docgen schema` instead of from
        /// `--docs` (the same output as the docs it came from).
        #[arg(long, conflicts_with = "docs")]
        schema: Option<PathBuf>,
    },
    /// Write the schema JSON (format in the README): types, properties, enums, operations.
    Schema {
        #[command(flatten)]
        input: Input,
        /// Write to this file instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
        /// The format version: 2 (type references, places and path segments as data) or
        /// 1 (the same facts as strings, field for field as tools written for v1 read it).
        #[arg(long, default_value_t = graph_docgen::schema::SCHEMA_VERSION, value_parser = clap::value_parser!(u32).range(1..=2))]
        schema_version: u32,
    },
    /// Report every doc defect found (nothing is written).
    Check {
        #[command(flatten)]
        input: Input,
    },
    /// What changed between two versions of the docs, and whether it breaks users.
    ///
    /// OLD and NEW are each a docs directory (or page) or a schema JSON written by
    /// `graph-docgen schema` (a file ending in `.json`). Every change of types,
    /// properties, enum members, operations and paths is listed with its sources and
    /// its impact on code written against the crate generated from OLD (breaking,
    /// additive or none); the last line is the semver bump the crate needs.
    /// Exit status: 0 (also with breaking changes, unless `--deny breaking`), 1 with
    /// `--deny breaking` and a breaking change, 2 on a usage or I/O failure.
    Diff {
        /// The earlier docs directory or schema JSON.
        old: PathBuf,
        /// The later docs directory or schema JSON.
        new: PathBuf,
        /// A line per change and a summary, or one JSON document (format in the README).
        #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
        format: DiffFormat,
        /// Exit with status 1 when a change is breaking (`--deny breaking`).
        #[arg(long, value_enum)]
        deny: Option<DenyDiff>,
    },
    /// Generate the crate, build a harness against it, and round-trip every JSON example.
    ///
    /// The crate goes to WORK/crate, the harness to WORK/harness, cargo's output to
    /// WORK/target (default WORK: `graph-docgen-verify` in `$CARGO_TARGET_DIR`, else in
    /// `./target`); a second run over unchanged docs rebuilds nothing. Prints every
    /// failure by file:line with its class, the doc-defect classes with counts, and
    /// `roundtrip: N passed, N failed, N skipped`. Exit status: 0 when there is no
    /// generator defect (doc defects allowed, unless `--deny doc-defects`), 1 otherwise
    /// (also when the generated crate does not compile), 2 on a usage or I/O failure.
    /// With `--client`, also `client: N passed, N failed` (client generator defects fail too).
    Verify {
        #[command(flatten)]
        args: VerifyArgs,
    },
    /// Write one OpenAPI 3.0.3 document per doc area (`<area>.json`), from the docs or a schema JSON.
    ///
    /// Each document is self-contained: the area's operations (paths, parameters,
    /// bodies, documented responses, paging, OAuth2 scopes) and every schema they
    /// and the area's types need, from other areas too. The output directory is
    /// replaced atomically, and only documents that changed are rewritten.
    Openapi {
        #[command(flatten)]
        input: Input,
        /// The directory to write (replaced whole; a directory not written by graph-docgen is refused).
        #[arg(long)]
        out: PathBuf,
        /// Read a schema JSON written by `graph-docgen schema` instead of `--docs`.
        #[arg(long, conflicts_with = "docs")]
        schema: Option<PathBuf>,
        /// The Graph version the docs describe: `info.version` and the server URL.
        #[arg(long, default_value = "beta")]
        api_version: String,
    },
    /// Write the docs' JSON examples with the type each should round-trip through (JSON).
    Examples {
        #[command(flatten)]
        input: Input,
        /// Write to this file instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

#[derive(Args)]
struct Input {
    /// A docs directory (or page); repeat for several. Paths in diagnostics are relative to it.
    #[arg(long = "docs", num_args = 1..)]
    docs: Vec<PathBuf>,
    /// How to print diagnostics: like rustc (stderr), one JSON object per line, GitHub
    /// workflow commands (`::warning file=..,line=..,title=CODE::..`), or one SARIF 2.1.0
    /// log (the last three on stdout).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// With `--format github|sarif`: write page paths relative to this directory
    /// (default: `$GITHUB_WORKSPACE` if set, else the current directory; a page
    /// outside it keeps its path relative to its docs root).
    #[arg(long, value_name = "DIR")]
    paths_from: Option<PathBuf>,
    /// Treat warnings as errors for the exit status (`--deny warnings`).
    #[arg(long, value_enum)]
    deny: Option<Deny>,
    /// Also print notes (they are always counted in the summary).
    #[arg(long)]
    notes: bool,
    /// Print no diagnostics, only the summary line.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Args)]
struct VerifyArgs {
    /// A docs directory (or page); repeat for several.
    #[arg(long = "docs", required = true, num_args = 1..)]
    docs: Vec<PathBuf>,
    /// Where the crate, the harness and cargo's output go.
    #[arg(long, value_name = "DIR")]
    work: Option<PathBuf>,
    /// The report: the failures and counts (stdout), one JSON object per example then a
    /// summary object, GitHub workflow commands, or a SARIF 2.1.0 log of the failures.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Exit with status 1 when an example has a doc defect (`--deny doc-defects`).
    #[arg(long, value_enum)]
    deny: Option<DenyVerify>,
    /// With `--format github|sarif`: page paths relative to this directory (as for `check`).
    #[arg(long, value_name = "DIR")]
    paths_from: Option<PathBuf>,
    /// Also replay every request/response example pair through the generated client
    /// over a loopback HTTP server (builds the client and reqwest: slower).
    #[arg(long)]
    client: bool,
    /// The layout of the generated crate the examples go through (as `generate --layout`).
    #[arg(long, value_enum, default_value_t = LayoutArg::Single)]
    layout: LayoutArg,
}

/// `--layout`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum LayoutArg {
    Single,
    Crates,
}

impl From<LayoutArg> for Layout {
    fn from(arg: LayoutArg) -> Layout {
        match arg {
            LayoutArg::Single => Layout::Single,
            LayoutArg::Crates => Layout::Crates,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DenyVerify {
    DocDefects,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Json,
    Github,
    Sarif,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Deny {
    Warnings,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DiffFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DenyDiff {
    Breaking,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Generate {
            input,
            out,
            crate_name,
            layout,
            schema,
        } => {
            let opts = EmitOptions {
                crate_name,
                layout: layout.into(),
                ..EmitOptions::default()
            };
            let (schema, diags) = schema_to_emit(&input, schema.as_ref())?;
            let generated = pipeline::generate_from_schema(&schema, &opts);
            let report = write_tree(&out, &generated.files)
                .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
            let code = report_diagnostics(&input, &diags);
            eprintln!(
                "generated {} ({} files written, {} unchanged, {} removed)",
                out.display(),
                report.written.len(),
                report.unchanged,
                report.removed.len()
            );
            Ok(code)
        }
        Command::Schema {
            input,
            out,
            schema_version,
        } => {
            let model = load(&input)?;
            let json = match schema_version {
                1 => graph_docgen::schema::v1::to_json(&model.schema),
                _ => pipeline::schema_json(&model.schema),
            };
            write_output(out.as_ref(), &json)?;
            Ok(report_diagnostics(&input, &model.diagnostics))
        }
        Command::Check { input } => {
            let model = load(&input)?;
            Ok(report_diagnostics(&input, &model.diagnostics))
        }
        Command::Diff {
            old,
            new,
            format,
            deny,
        } => {
            let old_schema = load_schema(&old)?;
            let new_schema = load_schema(&new)?;
            let report = graph_docgen::diff::diff(&old_schema, &new_schema);
            match format {
                DiffFormat::Human => print!("{}", report.render_human()),
                DiffFormat::Json => print!("{}", report.to_json()),
            }
            Ok(
                if deny == Some(DenyDiff::Breaking) && report.has_breaking() {
                    ExitCode::from(1)
                } else {
                    ExitCode::SUCCESS
                },
            )
        }
        Command::Verify { args } => verify(args),
        Command::Openapi {
            input,
            out,
            schema,
            api_version,
        } => {
            let (schema, diags) = schema_to_emit(&input, schema.as_ref())?;
            let opts = graph_docgen::openapi::OpenApiOptions { api_version };
            let files = graph_docgen::openapi::documents(&schema, &opts);
            let report = write_tree(&out, &files)
                .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
            let code = report_diagnostics(&input, &diags);
            eprintln!(
                "openapi: {} documents in {} ({} written, {} unchanged, {} removed)",
                files.len() - 1,
                out.display(),
                report.written.len(),
                report.unchanged,
                report.removed.len()
            );
            Ok(code)
        }
        Command::Examples { input, out } => {
            let model = load(&input)?;
            let mut json = graph_docgen::hidden_chars::to_json_pretty(&model.examples);
            json.push('\n');
            write_output(out.as_ref(), &json)?;
            Ok(report_diagnostics(&input, &model.diagnostics))
        }
    }
}

fn load(input: &Input) -> Result<Model, String> {
    if input.docs.is_empty() {
        return Err("pass the docs to read with --docs DIR".into());
    }
    let model = pipeline::load(
        &input.docs,
        if input.quiet {
            Progress::Never
        } else {
            Progress::Auto
        },
    );
    // A docs root that cannot be read is a usage/I-O failure, not a doc defect.
    if let Some(io) = model.diagnostics.iter().find(|d| d.code == "io") {
        return Err(format!("{}: {}", io.file, io.message));
    }
    Ok(model)
}

fn verify(args: VerifyArgs) -> Result<ExitCode, String> {
    use graph_docgen::check::roundtrip::Outcome;
    use graph_docgen::verify::{self, VerifyError};
    let model = pipeline::load(&args.docs, Progress::Auto);
    if let Some(io) = model.diagnostics.iter().find(|d| d.code == "io") {
        return Err(format!("{}: {}", io.file, io.message));
    }
    let work = args.work.clone().unwrap_or_else(verify::default_work_dir);
    let done = match verify::verify(&model, &work, args.client, args.layout.into()) {
        Ok(done) => done,
        Err(VerifyError::Io(message)) => return Err(message),
        Err(VerifyError::Build(log)) => {
            eprintln!("{log}");
            eprintln!(
                "error: the crate generated in {} does not compile (a generator defect)",
                work.join("crate").display()
            );
            return Ok(ExitCode::from(1));
        }
    };
    let report = &done.report;
    let t = &done.timings;
    eprintln!(
        "verify: {} ({} files written, {} unchanged) in {:.1} s; harness built in {:.1} s; round trip in {:.1} s",
        work.join("crate").display(),
        done.written,
        done.unchanged,
        t.generate,
        t.build,
        t.roundtrip
    );
    match args.format {
        Format::Human => {
            print!("{}", report.render());
            if let Some(replay) = &done.client {
                print!("{}", replay.report.render("client"));
                println!("{}", replay.report.summary_line());
            }
        }
        Format::Json => {
            for r in &report.results {
                println!("{}", verify::outcome_json(r));
            }
            println!("{}", verify::summary_json(report));
            if let Some(replay) = &done.client {
                println!("{}", verify::client_json(replay));
            }
        }
        Format::Github | Format::Sarif => {
            let paths = PathMapper::new(&args.docs, args.paths_from.as_deref());
            let map = |f: &str| paths.map(f);
            let findings = verify::findings(report);
            if args.format == Format::Github {
                for d in &findings {
                    println!("{}", github::command(d, &map));
                }
            } else {
                print!("{}", sarif::to_json(&findings, &map));
            }
            eprintln!("{}", report.summary_line());
            if let Some(replay) = &done.client {
                eprintln!("{}", replay.report.summary_line());
            }
        }
    }
    let client_defects = done
        .client
        .as_ref()
        .is_some_and(|c| !c.report.generator_defects.is_empty());
    let failing = report.count(Outcome::GeneratorDefect) > 0
        || client_defects
        || (args.deny == Some(DenyVerify::DocDefects) && report.count(Outcome::DocDefect) > 0);
    Ok(if failing {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// A side of `diff`: a schema JSON file (`*.json`), or docs to read.
fn load_schema(path: &PathBuf) -> Result<Schema, String> {
    let schema = if path.is_file() && path.extension().is_some_and(|e| e == "json") {
        // What the file says, as written: diff compares schemas, it does not repair them.
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        Schema::from_json(&text)
            .map_err(|e| format!("{}: not a schema JSON: {e}", path.display()))?
    } else {
        let model = pipeline::load(std::slice::from_ref(path), Progress::Never);
        if let Some(io) = model.diagnostics.iter().find(|d| d.code == "io") {
            return Err(format!("{}: {}", io.file, io.message));
        }
        model.schema
    };
    eprintln!(
        "{}: {} types, {} operations",
        path.display(),
        schema.types.len(),
        schema.operations.len()
    );
    Ok(schema)
}

/// What `generate` and `openapi` write from, with its findings: a schema JSON file
/// (`--schema`), validated as the schema stage validates what it builds, or the docs.
fn schema_to_emit(
    input: &Input,
    schema_file: Option<&PathBuf>,
) -> Result<(Schema, Vec<graph_docgen::diag::Diagnostic>), String> {
    let Some(path) = schema_file else {
        let model = load(input)?;
        return Ok((model.schema, model.diagnostics));
    };
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let read = graph_docgen::schema::read_schema(&text)
        .map_err(|e| format!("{}: not a schema JSON: {e}", path.display()))?;
    Ok((read.schema, read.diagnostics))
}

fn write_output(out: Option<&PathBuf>, text: &str) -> Result<(), String> {
    match out {
        Some(path) => graph_docgen::output::write_file_atomic(path, text)
            .map_err(|e| format!("cannot write {}: {e}", path.display())),
        None => {
            print!("{text}");
            Ok(())
        }
    }
}

/// Prints the diagnostics and a summary on stderr (JSON lines, workflow commands or a
/// SARIF log on stdout with `--format json|github|sarif`); returns the exit status they call for.
fn report_diagnostics(input: &Input, diags: &[Diagnostic]) -> ExitCode {
    let mut counts: BTreeMap<Severity, usize> = BTreeMap::new();
    let mut by_code: BTreeMap<&str, usize> = BTreeMap::new();
    let paths = matches!(input.format, Format::Github | Format::Sarif)
        .then(|| PathMapper::new(&input.docs, input.paths_from.as_deref()));
    let map = |f: &str| paths.as_ref().map(|p| p.map(f)).unwrap_or_default();
    for d in diags {
        *counts.entry(d.severity).or_default() += 1;
        *by_code.entry(d.code).or_default() += 1;
        let shown = !input.quiet && (d.severity > Severity::Note || input.notes);
        match input.format {
            Format::Json if !input.quiet => println!(
                "{}",
                serde_json::to_string(d).expect("diagnostics serialize")
            ),
            Format::Human if shown => eprintln!("{}", d.render_human()),
            Format::Github if shown => println!("{}", github::command(d, &map)),
            _ => {}
        }
    }
    if input.format == Format::Sarif {
        // The log is the output: every finding, notes included (viewers filter by level).
        print!("{}", sarif::to_json(diags, &map));
    }
    let n = |s| counts.get(&s).copied().unwrap_or(0);
    if input.format != Format::Json {
        let codes: Vec<String> = by_code.iter().map(|(c, n)| format!("{c}: {n}")).collect();
        if !codes.is_empty() {
            eprintln!("by code: {}", codes.join(", "));
        }
        eprintln!(
            "{} errors, {} warnings, {} notes",
            n(Severity::Error),
            n(Severity::Warning),
            n(Severity::Note)
        );
    }
    let failing =
        n(Severity::Error) > 0 || (input.deny == Some(Deny::Warnings) && n(Severity::Warning) > 0);
    if failing {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

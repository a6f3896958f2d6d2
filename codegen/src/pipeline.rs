//! Pipeline: the stages wired together, one direction.
//!
//! [`load`] runs source -> parse -> schema -> example checks and returns the
//! [`Model`]; [`generate`] resolves its schema into the Rust model and emits it. Pages are parsed on all cores; a
//! parser panic on one page (a bug) becomes an `internal-error` diagnostic for
//! that page and the run goes on with the others.

use crate::diag::{self, Code, Diagnostic, Location};
use crate::emit::{emit_crate, EmitOptions, GeneratedCrate};
use crate::facts::PageFacts;
use crate::parse::parse_page;
use crate::rust_model::RustModel;
use crate::schema::examples::PlannedExample;
use crate::schema::{build_schema, Schema};
use crate::source::{read_roots, SourcePage};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Everything known after reading the docs.
#[derive(Debug, Clone)]
pub struct Model {
    pub pages: Vec<PageFacts>,
    pub schema: Schema,
    pub examples: Vec<PlannedExample>,
    /// Sorted; from every stage.
    pub diagnostics: Vec<Diagnostic>,
}

/// Whether to show progress on stderr.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Only when stderr is a terminal and `CI` is not set.
    Auto,
    Never,
}

impl Progress {
    fn enabled(self) -> bool {
        self == Progress::Auto
            && std::io::stderr().is_terminal()
            && std::env::var_os("CI").is_none()
    }
}

/// Reads, parses and merges the pages under `roots`.
pub fn load(roots: &[PathBuf], progress: Progress) -> Model {
    let source = read_roots(roots);
    let show = progress.enabled();
    let done = AtomicUsize::new(0);
    let total = source.pages.len();
    let pages: Vec<PageFacts> = source
        .pages
        .par_iter()
        .map(|page| {
            let facts = parse_guarded(page);
            let n = done.fetch_add(1, Ordering::Relaxed) + 1;
            if show && (n.is_multiple_of(200) || n == total) {
                eprint!("\r    parsing {n}/{total} pages");
            }
            facts
        })
        .collect();
    if show {
        eprintln!();
    }
    from_pages(pages, source.diagnostics)
}

/// The schema stage and example checks over already-parsed pages.
pub fn from_pages(mut pages: Vec<PageFacts>, mut diagnostics: Vec<Diagnostic>) -> Model {
    // Names that differ from a documented type only in case are that type.
    diagnostics.extend(crate::schema::identity::unify_case(&mut pages));
    let build = build_schema(&pages);
    let examples = build.examples;
    diagnostics.extend(pages.iter().flat_map(|p| p.diagnostics.iter().cloned()));
    diagnostics.extend(build.diagnostics);
    diagnostics.extend(crate::check::validate::example_diagnostics(
        &build.schema,
        &examples,
    ));
    diag::sort_and_dedup(&mut diagnostics);
    Model {
        pages,
        schema: build.schema,
        examples,
        diagnostics,
    }
}

fn parse_guarded(page: &SourcePage) -> PageFacts {
    match std::panic::catch_unwind(|| parse_page(&page.rel_path, &page.text)) {
        Ok(facts) => facts,
        Err(_) => PageFacts {
            path: page.rel_path.clone(),
            diagnostics: vec![Diagnostic::error(
                Code::InternalError,
                &Location::new(page.rel_path.clone(), 1),
                "the parser failed on this page (a graph-docgen bug)",
            )
            .with_help("please report it with the page attached; the other pages were processed")],
            ..Default::default()
        },
    }
}

/// Emits the crate for the model, with the schema JSON beside it (`schema.json`).
pub fn generate(model: &Model, opts: &EmitOptions) -> GeneratedCrate {
    generate_from_schema(&model.schema, opts)
}

/// Emits the crate for a schema alone (`generate --schema`): emit reads nothing
/// else, so a schema read back from its JSON gives the same files as the docs it came from.
pub fn generate_from_schema(schema: &Schema, opts: &EmitOptions) -> GeneratedCrate {
    let mut generated = emit_crate(&RustModel::with_layout(schema, opts.layout), opts);
    generated
        .files
        .insert("schema.json".to_string(), schema_json(schema));
    generated
}

/// The schema as pretty JSON with a trailing newline (the `schema` command's output).
pub fn schema_json(schema: &Schema) -> String {
    let mut json = crate::hidden_chars::to_json_pretty(schema);
    json.push('\n');
    json
}

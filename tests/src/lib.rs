//! Workspace-level integration tests (in `tests/`): the checked-in generated
//! crate against the docs it was generated from.
//!
//! Shared helpers for those tests.

/// The README's Rust examples, compiled as doctests against the crate generated
/// from docs-input/ (a dev-dependency), so that they cannot drift from it.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeExamples;

pub mod client_harness;
pub mod harness;
pub mod json_schema;
pub mod loopback;
pub mod openapi;
pub mod python;

use std::path::PathBuf;

/// The workspace root.
/// The features the corpus and reference crates are linted with: every one but
/// `azure-identity`, whose code is the same template as the workspace crate's
/// (generated/, linted with `--all-features` by CI); building azure_identity's tree
/// (aws-lc-sys, a second reqwest) again for each of those crates would cost minutes.
pub const LINTED_FEATURES: &str = "full,client,reqwest,registry";

pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ is in the workspace")
        .to_path_buf()
}

/// `docs-input/`.
pub fn docs_input() -> PathBuf {
    workspace_root().join("docs-input")
}

/// The whole beta reference in `../shared` (`api/` and `resources/`, 7,949
/// pages), if present; skipped or a failure as [`corpus_dir`].
pub fn reference_dir() -> Option<PathBuf> {
    shared_dir("../shared/corpus/graph-docs-2021-07/beta-reference")
}

/// The beta Intune corpus in `../shared`, if present. When it is absent the
/// caller should skip: this prints why, and panics instead when `CI=true`
/// (CI must not pass by skipping the real job).
pub fn corpus_dir() -> Option<PathBuf> {
    shared_dir("../shared/corpus/graph-docs-2021-07/beta")
}

fn shared_dir(relative: &str) -> Option<PathBuf> {
    let dir = workspace_root().join(relative);
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("CI=true but the corpus is absent at {}", dir.display());
    }
    eprintln!(
        "SKIPPED: the corpus is absent at {} (tests over it were not run)",
        dir.display()
    );
    None
}

//! The checked-in generated/ crate is exactly what docs-input/ gives, and
//! generating twice gives byte-identical files (rust-analyzer's "codegen check
//! as a test").

use graph_docgen::emit::EmitOptions;
use graph_docgen::output::stale_files;
use graph_docgen::pipeline::{generate, load, Progress};
use graph_docgen_tests::{docs_input, workspace_root};

#[test]
fn generating_twice_is_byte_identical() {
    let first = generate(
        &load(&[docs_input()], Progress::Never),
        &EmitOptions::default(),
    );
    let second = generate(
        &load(&[docs_input()], Progress::Never),
        &EmitOptions::default(),
    );
    assert!(
        first.files.len() > 5,
        "a crate has a manifest, a lib.rs, area modules, runtime files"
    );
    assert_eq!(first.files, second.files);
}

#[test]
fn checked_in_crate_is_up_to_date() {
    let generated = generate(
        &load(&[docs_input()], Progress::Never),
        &EmitOptions::default(),
    );
    let stale = stale_files(&workspace_root().join("generated"), &generated.files).unwrap();
    assert!(
        stale.is_empty(),
        "generated/ is stale, run `cargo xtask regenerate`:\n{}",
        stale.join("\n")
    );
}

//! The `crates` layout (`generate --layout crates`) of docs-input: a workspace of a
//! core crate, one crate per group of areas and the facade. Through the facade,
//! every example round-trips and every example pair replays over loopback HTTP as
//! through the checked-in single crate; the workspace passes clippy with warnings
//! denied, and each area crate compiles alone.

use graph_docgen::check::roundtrip::{self, Outcome};
use graph_docgen::pipeline::{load, Progress};
use graph_docgen::rust_model::Layout;
use graph_docgen_tests::harness::{
    assert_same_outcomes, cargo, check_with_features, clippy_denying_warnings,
};
use graph_docgen_tests::{docs_input, workspace_root};

#[test]
fn docs_input_through_the_crates_layout() {
    let model = load(&[docs_input()], Progress::Never);
    let work = workspace_root().join("target/crates-layout");
    let verified = graph_docgen::verify::verify(&model, &work, true, Layout::Crates)
        .expect("the workspace and its client harness build");
    let report = &verified.report;
    print!("{}", report.render());

    // The checked-in single crate, through its registry, in this process.
    let single = roundtrip::run(&model.schema, &model.examples, &|ty, json| {
        graph_generated::registry::roundtrip(ty, json).map(|r| r.map_err(|e| e.to_string()))
    });
    assert_same_outcomes(report, &single);
    assert_eq!(report.count(Outcome::GeneratorDefect), 0);
    let client = &verified.client.as_ref().expect("replayed").report;
    client.print("crates layout client");
    assert!(client.passed > 0, "docs-input has request/response pairs");
    assert_eq!(client.failed(), 0, "every docs-input pair replays");

    // The workspace: a core, two area crates (docs-input's two areas depend on no
    // other area, so each is its own crate) and the facade.
    let krate = work.join("crate");
    for unit in ["core", "intune-apps", "intune-deviceconfig"] {
        assert!(
            krate.join("crates").join(unit).join("Cargo.toml").is_file(),
            "crates/{unit}"
        );
    }
    let target = work.join("target");
    let secs = clippy_denying_warnings(
        &krate,
        &target,
        &["--workspace", "--features", "full,client,registry"],
    );
    println!("crates layout: cargo clippy --workspace: {secs:.1} s");
    let (ok, _, log) = cargo(
        &krate,
        &target,
        &["check", "--offline", "-p", "graph-verify-intune-apps"],
    );
    assert!(
        ok,
        "one area crate alone:\n{}",
        &log[log.len().saturating_sub(4000)..]
    );
    // And through the facade, with the client: the calls that use the other area's
    // types are gated off with its crate.
    check_with_features(&krate, &target, "intune-apps,client");
}

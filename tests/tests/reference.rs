//! The whole beta reference (in ../shared: 7,949 pages, the Intune pages and the
//! 3,786 hand-written ones; skipped with a message when absent, a failure when
//! CI=true): parsed with no panic, in at most 300 areas, a crate that passes
//! clippy with warnings denied (all features) and whose `users` area compiles
//! alone with the client, and every example round-tripped through it with zero
//! generator defects (the code path of `graph-docgen verify`), at least 95% of its
//! JSON bodies typed; then the same through the `crates` layout (a workspace that
//! passes clippy, whose `users` feature turns on only the crates of `users` and
//! compiles with the client, in at most 300 features). The client replay over the
//! whole reference (`verify --client`) builds a harness too large for CI's budget
//! (about 3 minutes and 8 GiB), so it is not run here.

use graph_docgen::check::roundtrip::Outcome;
use graph_docgen::facts::PageKind;
use graph_docgen::pipeline::{load, Progress};
use graph_docgen::rust_model::{Layout, RustModel};
use graph_docgen_tests::harness::{
    assert_same_outcomes, cargo, check_with_features, clippy_denying_warnings,
};
use graph_docgen_tests::LINTED_FEATURES;
use graph_docgen_tests::{reference_dir, workspace_root};

#[test]
fn reference_end_to_end() {
    let Some(reference) = reference_dir() else {
        return;
    };
    let model = load(&[reference], Progress::Never);
    assert!(
        !model.diagnostics.iter().any(|d| d.code == "internal-error"),
        "no parser panic"
    );
    let unknown_api = model
        .pages
        .iter()
        .filter(|p| p.path.starts_with("api/") && p.kind == Some(PageKind::Other))
        .count();
    let areas: std::collections::BTreeSet<&str> =
        model.schema.types.iter().map(|t| t.area.as_str()).collect();
    println!(
        "api pages of no kind: {unknown_api}; types: {}, operations: {}, areas (cargo features): {}",
        model.schema.types.len(),
        model.schema.operations.len(),
        areas.len()
    );
    // crates.io accepts at most 300 features; the areas are products, not file names.
    assert!(areas.len() <= 300, "{} areas", areas.len());

    let work = workspace_root().join("target/reference");
    let verified = graph_docgen::verify::verify(&model, &work, false, Default::default())
        .expect("the crate builds");
    let report = &verified.report;
    for r in report
        .results
        .iter()
        .filter(|r| r.outcome == Outcome::GeneratorDefect)
        .take(20)
    {
        println!(
            "GENERATOR DEFECT {} {:?}: {:?}",
            r.source, r.type_name, r.messages
        );
    }
    for (class, n) in report.doc_defects_by_class() {
        println!("doc defects [{class}]: {n}");
    }
    println!("reference {}", report.summary_line());
    assert_eq!(
        report.count(Outcome::GeneratorDefect),
        0,
        "round-trip generator defects"
    );
    // Issue 10's goal: at least 95% of the JSON bodies on the pages are typed and
    // round-tripped (passed or a named doc defect). Every body that parses is planned;
    // the skipped ones are those no type was found for.
    let bodies = report.results.len();
    let untyped = report.count(Outcome::Skipped);
    println!("reference JSON bodies: {bodies}, untyped: {untyped}");
    assert!(
        untyped * 20 <= bodies,
        "{untyped} of {bodies} bodies have no type"
    );

    // The crate verify wrote: clippy with warnings denied, and one area alone.
    let krate = work.join("crate");
    let target = work.join("target");
    // Its own workspace (target/ is excluded from ours), resolved offline with our lock.
    std::fs::copy(
        workspace_root().join("Cargo.lock"),
        krate.join("Cargo.lock"),
    )
    .unwrap();
    let (ok, secs, log) = cargo(
        &krate,
        &target,
        &[
            "clippy",
            "--offline",
            "--features",
            LINTED_FEATURES,
            "--",
            "-D",
            "warnings",
        ],
    );
    println!("reference crate: cargo clippy (every feature but azure-identity): {secs:.1} s");
    assert!(
        ok,
        "clippy findings:\n{}",
        &log[log.len().saturating_sub(4000)..]
    );
    // `users`: the pages whose front matter says `ms.prod: users` (user.md and its
    // operations), with the client: its calls that answer types of areas `users` does
    // not turn on are gated off (a get or list answers its target type).
    let secs = check_with_features(&krate, &target, "users,client");
    println!("reference crate: cargo check, one area (users) and the client: {secs:.1} s");

    // The same docs in the `crates` layout: every example comes out as through the
    // single crate (the fields and variants a crate cannot see are kept as unknown
    // members), the workspace passes clippy, and the crate of `users` checks alone.
    // In the same work directory: the single crate is replaced by the workspace, and
    // cargo's target directory (serde, reqwest for clippy) is shared.
    let crates = graph_docgen::verify::verify(&model, &work, false, Layout::Crates)
        .expect("the workspace builds");
    println!("reference, crates layout {}", crates.report.summary_line());
    assert_same_outcomes(&crates.report, report);
    let secs = clippy_denying_warnings(
        &krate,
        &target,
        &["--workspace", "--features", LINTED_FEATURES],
    );
    println!("reference workspace: cargo clippy --workspace: {secs:.1} s");
    // The crates that hold `users` types: its shared part (what other areas need of
    // it) and the rest, apart when they do not need each other.
    let rust = RustModel::with_layout(&model.schema, Layout::Crates);
    let units = &rust.units;
    let users_units = units.of_area("users");
    assert!(!users_units.is_empty(), "a crate holds the users area");
    // What `users` types need of other areas (their base `directoryObject`, property
    // types) is in those areas' shared parts, so its crates depend on no other area's
    // rest: before areas were cut into parts, `users` needed a crate of ten areas.
    let rests: Vec<&str> = users_units
        .iter()
        .flat_map(|&u| &units.units[u].deps)
        .filter(|&&d| {
            units.units[d]
                .parts
                .iter()
                .any(|p| !p.shared && p.area != "users")
        })
        .map(|&d| units.units[d].slug.as_str())
        .collect();
    assert!(rests.is_empty(), "users needs the rest of {rests:?}");
    // Through the facade, the `users` feature turns on the crates of `users` (which
    // bring the shared parts they depend on), not the features of other areas.
    let manifest = std::fs::read_to_string(krate.join("Cargo.toml")).expect("facade manifest");
    let users_feature = manifest
        .lines()
        .find_map(|l| l.strip_prefix("\"users\" = "))
        .expect("a users feature");
    let own: Vec<String> = users_units
        .iter()
        .map(|&u| format!("\"{}\"", units.units[u].feature()))
        .collect();
    assert_eq!(users_feature, format!("[{}]", own.join(", ")));
    // crates.io accepts at most 300 features: one an area and one a crate, and the client's.
    let features = manifest
        .split("[features]")
        .nth(1)
        .and_then(|f| f.split("\n[").next())
        .expect("a [features] table")
        .lines()
        .filter(|l| l.contains(" = ["))
        .count();
    println!("reference workspace: {features} features");
    assert!(features <= 300, "{features} features");
    let secs = check_with_features(&krate, &target, "users,client");
    println!("reference workspace: cargo check --features users,client: {secs:.1} s");
}

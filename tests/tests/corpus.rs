//! The whole beta Intune corpus (in ../shared; skipped with a message when absent,
//! a failure when CI=true): parsed with no panic, one schema that meets stated
//! expectations, a generated crate that passes clippy with warnings denied (all
//! features, and one area alone), and every example round-tripped through it with
//! zero generator defects.
//!
//! The counts asserted are facts about the 2021-07 corpus (see
//! ../shared/docs/corpus-facts.md), not tuning knobs.

use graph_docgen::check::roundtrip::Outcome;
use graph_docgen::emit::EmitOptions;
use graph_docgen::facts::PageKind;
use graph_docgen::output::write_tree;
use graph_docgen::pipeline::{generate, load, Progress};
use graph_docgen::schema::TypeKind;
use graph_docgen_tests::client_harness::write_client_harness;
use graph_docgen_tests::harness::{cargo, roundtrip_through};
use graph_docgen_tests::LINTED_FEATURES;
use graph_docgen_tests::{corpus_dir, workspace_root};
use std::collections::BTreeMap;

#[test]
fn corpus_end_to_end() {
    let Some(corpus) = corpus_dir() else { return };
    let model = load(&[corpus], Progress::Never);

    // Pages by kind.
    let mut kinds: BTreeMap<Option<PageKind>, usize> = BTreeMap::new();
    for p in &model.pages {
        *kinds.entry(p.kind).or_default() += 1;
    }
    println!("pages by kind: {kinds:?}");
    assert_eq!(kinds[&Some(PageKind::Operation)], 2703);
    assert_eq!(kinds[&Some(PageKind::Resource)], 985);
    assert_eq!(kinds[&Some(PageKind::Enum)], 463);

    // Types.
    let schema = &model.schema;
    let count = |k| schema.types.iter().filter(|t| t.kind == k).count();
    let (entities, complexes, enums) = (
        count(TypeKind::Entity),
        count(TypeKind::Complex),
        count(TypeKind::Enum),
    );
    let documented = schema.types.iter().filter(|t| !t.inferred).count();
    let properties: usize = schema.types.iter().map(|t| t.properties.len()).sum();
    let navigation: usize = schema
        .types
        .iter()
        .flat_map(|t| &t.properties)
        .filter(|p| p.navigation)
        .count();
    let members: usize = schema.types.iter().map(|t| t.members.len()).sum();
    let flags = schema.types.iter().filter(|t| t.flags).count();
    println!(
        "types: {} ({entities} entity, {complexes} complex, {enums} enum; {documented} with a page), {properties} properties ({navigation} navigation), {members} enum members, {flags} flags enums, {} operations",
        schema.types.len(),
        schema.operations.len()
    );
    // Every page-defined type is in the schema, typed as its page says.
    assert!(
        documented >= 1448,
        "985 resource + 463 enum pages define 1,448 types; {documented} documented"
    );
    assert!(enums >= 463);
    assert!(members >= 2545, "the enum pages alone have 2,545 members");
    // Entities: the 557 pages with a keyProperty annotation, less the 5 whose type has no
    // such property, own or inherited (the template's annotation left on complex types:
    // report, officeClientCheckinStatus, officeUserCheckinSummary and the two office
    // assignment targets), spread over their inheritance trees.
    assert!(entities >= 552, "{entities} entities");
    // Spot checks.
    let scep = schema
        .type_def("microsoft.graph.iosScepCertificateProfile")
        .expect("iosScep");
    assert_eq!(
        scep.base.as_deref(),
        Some("microsoft.graph.iosCertificateProfileBase")
    );
    assert_eq!(scep.kind, TypeKind::Entity);
    let key_size = scep
        .properties
        .iter()
        .find(|p| p.name == "keySize")
        .expect("keySize");
    assert_eq!(key_size.ty.as_str(), "microsoft.graph.keySize");
    let arch = schema
        .type_def("microsoft.graph.windowsArchitecture")
        .expect("windowsArchitecture");
    assert!(
        arch.flags,
        "none 0, x86 1, x64 2, arm 4, neutral 8, arm64 16"
    );
    let depth = |name: &str| {
        let mut d = 0;
        let mut t = schema.type_def(name);
        while let Some(b) = t.and_then(|t| t.base.as_deref()) {
            d += 1;
            t = schema.type_def(b);
        }
        d
    };
    assert_eq!(depth("microsoft.graph.iosManagedAppProtection"), 3);
    let ops: BTreeMap<_, _> = schema
        .operations
        .iter()
        .map(|o| (o.name.as_str(), o))
        .collect();
    let get = ops["iosScepCertificateProfile.get"];
    assert_eq!(
        (get.method.as_str(), get.paths.len(), get.status),
        ("GET", 3, Some(200))
    );
    assert!(
        schema.operations.len() >= 2600,
        "{} operations",
        schema.operations.len()
    );
    assert!(
        !model.diagnostics.iter().any(|d| d.code == "internal-error"),
        "no parser panic"
    );

    // Generate the crate under target/ and compile it.
    let out = workspace_root().join("target/corpus-crate");
    let target_dir = workspace_root().join("target/corpus-target");
    let opts = EmitOptions {
        crate_name: "graph-corpus".into(),
        ..EmitOptions::default()
    };
    let generated = generate(&model, &opts);
    // The schema is the contract: read back from its JSON, it gives the same crate.
    let back =
        graph_docgen::schema::Schema::from_json(&graph_docgen::pipeline::schema_json(schema))
            .expect("the schema reads back");
    let from_schema = graph_docgen::pipeline::generate_from_schema(&back, &opts);
    assert!(
        from_schema.files == generated.files,
        "generate --schema differs from generate --docs on the corpus"
    );
    write_tree(&out, &generated.files).expect("write the corpus crate");
    if let Ok(lock) = std::fs::read(workspace_root().join("Cargo.lock")) {
        std::fs::write(out.join("Cargo.lock"), lock).unwrap();
    }
    let (ok, secs, log) = cargo(
        &out,
        &target_dir,
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
    println!("corpus crate: cargo clippy (every feature but azure-identity): {secs:.1} s");
    assert!(
        ok,
        "the corpus crate has clippy findings:\n{}",
        &log[log.len().saturating_sub(4000)..]
    );
    let (ok, secs, log) = cargo(
        &out,
        &target_dir,
        &[
            "check",
            "--offline",
            "--no-default-features",
            "--features",
            "intune-books",
        ],
    );
    println!("corpus crate: cargo check, one area (intune-books): {secs:.1} s");
    assert!(
        ok,
        "one area alone does not compile:\n{}",
        &log[log.len().saturating_sub(4000)..]
    );

    // Round trip every example through the compiled types.
    // The client harness also answers round-trip requests; client_corpus.rs builds the
    // same one against the same crate, so cargo builds it once for both tests.
    let harness = write_client_harness(&out, "graph-corpus");
    let (ok, secs, log) = cargo(&harness, &target_dir, &["build", "--offline"]);
    println!("harness build (dev profile): {secs:.1} s");
    assert!(
        ok,
        "the harness does not build:\n{}",
        &log[log.len().saturating_sub(4000)..]
    );
    let report = roundtrip_through(
        &target_dir.join("debug/client-harness"),
        schema,
        &model.examples,
    );
    let generator: Vec<_> = report
        .results
        .iter()
        .filter(|r| r.outcome == Outcome::GeneratorDefect)
        .collect();
    for r in generator.iter().take(20) {
        println!(
            "GENERATOR DEFECT {} {:?}: {:?}",
            r.source, r.type_name, r.messages
        );
    }
    for (class, n) in report.doc_defects_by_class() {
        println!("doc defects [{class}]: {n}");
    }
    println!("generator defects: {}", generator.len());
    println!("{}", report.summary_line());
    assert_eq!(generator.len(), 0, "generator defects");
    // 2,959 of the 4,192 examples pass as of the 2021-07 corpus; every other one has a doc defect.
    assert!(report.count(Outcome::Passed) >= 2900, "most examples pass");
}

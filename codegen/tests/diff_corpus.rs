//! `diff` over two snapshots of the whole beta reference, six months apart:
//! `../shared/corpus/graph-docs-2021-01/beta-reference` (OLD) and
//! `../shared/corpus/graph-docs-2021-07/beta-reference` (NEW). Skipped with a
//! visible `SKIPPED:` message when they are absent; fails when `CI=true`.
//! Run with `cargo test --release -p graph-docgen --test diff_corpus -- --nocapture`
//! to see the summary (the README's figures).

use graph_docgen::diff::{diff, Impact, Semver};
use graph_docgen::pipeline::{self, Progress};
use graph_docgen::schema::Schema;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::time::Instant;

fn shared(rel: &str) -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/corpus")
        .join(rel);
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("CI=true but the corpus is absent at {}", dir.display());
    }
    eprintln!(
        "SKIPPED: the corpus is absent at {} (the diff over it was not run)",
        dir.display()
    );
    None
}

#[test]
fn the_beta_reference_from_2021_01_to_2021_07() {
    let (Some(old_dir), Some(new_dir)) = (
        shared("graph-docs-2021-01/beta-reference"),
        shared("graph-docs-2021-07/beta-reference"),
    ) else {
        return;
    };
    let started = Instant::now();
    let old = pipeline::load(std::slice::from_ref(&old_dir), Progress::Never).schema;
    let new = pipeline::load(std::slice::from_ref(&new_dir), Progress::Never).schema;
    let loaded = started.elapsed();
    let started = Instant::now();
    let report = diff(&old, &new);
    let diffed = started.elapsed();
    eprintln!(
        "OLD {} types, {} operations; NEW {} types, {} operations; schemas in {loaded:?}, diff in {diffed:?}",
        old.types.len(),
        old.operations.len(),
        new.types.len(),
        new.operations.len()
    );
    let by = |kind: &str| -> Vec<&graph_docgen::diff::Change> {
        report.changes.iter().filter(|c| c.change == kind).collect()
    };

    // Types: type-added are exactly the names NEW has and OLD lacks (and the reverse),
    // so OLD's count plus the added minus the removed is NEW's count.
    let names =
        |s: &Schema| -> BTreeSet<String> { s.types.iter().map(|t| t.name.to_string()).collect() };
    let (old_names, new_names) = (names(&old), names(&new));
    let added: BTreeSet<String> = by("type-added")
        .iter()
        .map(|c| c.ty.clone().unwrap())
        .collect();
    let removed: BTreeSet<String> = by("type-removed")
        .iter()
        .map(|c| c.ty.clone().unwrap())
        .collect();
    assert_eq!(added, new_names.difference(&old_names).cloned().collect());
    assert_eq!(removed, old_names.difference(&new_names).cloned().collect());
    assert_eq!(
        old.types.len() + added.len() - removed.len(),
        new.types.len()
    );
    for c in by("type-added") {
        let t = new.type_def(c.ty.as_deref().unwrap()).unwrap();
        assert!(c.sources.old.is_empty());
        assert_eq!(
            c.sources.new,
            t.sources.iter().map(|s| s.to_string()).collect::<Vec<_>>()
        );
        assert_eq!(c.impact, Impact::Additive);
    }
    // Operations likewise.
    let ops =
        |s: &Schema| -> BTreeSet<String> { s.operations.iter().map(|o| o.name.clone()).collect() };
    let (old_ops, new_ops) = (ops(&old), ops(&new));
    let op_added: BTreeSet<String> = by("operation-added")
        .iter()
        .map(|c| c.name.clone().unwrap())
        .collect();
    let op_removed: BTreeSet<String> = by("operation-removed")
        .iter()
        .map(|c| c.name.clone().unwrap())
        .collect();
    assert_eq!(op_added, new_ops.difference(&old_ops).cloned().collect());
    assert_eq!(op_removed, old_ops.difference(&new_ops).cloned().collect());
    // Properties: an added one is declared by the type in NEW and not in OLD, on a type both have.
    for c in by("property-added") {
        let ty = c.ty.as_deref().unwrap();
        let declared = |s: &Schema| {
            s.type_def(ty)
                .unwrap()
                .properties
                .iter()
                .any(|p| Some(&p.name) == c.name.as_ref())
        };
        assert!(!declared(&old) && declared(&new), "{ty} {:?}", c.name);
    }
    for c in &report.changes {
        assert_eq!(c.breaking, c.impact == Impact::Breaking, "{c:?}");
    }

    // The search connector types moved from microsoft.graph to the
    // microsoft.graph.externalConnectors namespace: OLD's `resources/acl.md` (an `acl`
    // resource page in namespace microsoft.graph) is gone from NEW, which has
    // `resources/externalconnectors-acl.md` instead. Code naming OLD's `Acl` breaks: major.
    let acl_old = std::fs::read_to_string(old_dir.join("resources/acl.md")).unwrap();
    assert!(
        acl_old.contains("# acl resource type") && acl_old.contains("Namespace: microsoft.graph\n")
    );
    assert!(!new_dir.join("resources/acl.md").exists());
    let acl_new =
        std::fs::read_to_string(new_dir.join("resources/externalconnectors-acl.md")).unwrap();
    assert!(acl_new.contains("Namespace: microsoft.graph.externalConnectors"));
    let acl = report
        .changes
        .iter()
        .find(|c| c.change == "type-removed" && c.ty.as_deref() == Some("microsoft.graph.acl"))
        .expect("microsoft.graph.acl is removed");
    assert!(acl.breaking);
    assert!(acl
        .sources
        .old
        .iter()
        .any(|s| s.starts_with("resources/acl.md:")));
    assert!(acl.sources.new.is_empty());
    assert_eq!(report.semver, Semver::Major);

    // Deterministic, and the same from the schema JSON that `schema` writes.
    assert_eq!(diff(&old, &new), report);
    let reread = |s: &Schema| Schema::from_json(&pipeline::schema_json(s)).unwrap();
    assert_eq!(
        diff(&reread(&old), &reread(&new)).to_json(),
        report.to_json()
    );

    let counts: BTreeMap<&str, usize> = report.counts();
    let impacts = report.impacts();
    eprintln!("{counts:?}");
    eprintln!(
        "semver: {} ({} breaking, {} additive, {} none)",
        report.semver.as_str(),
        impacts.get(&Impact::Breaking).unwrap_or(&0),
        impacts.get(&Impact::Additive).unwrap_or(&0),
        impacts.get(&Impact::None).unwrap_or(&0)
    );
}

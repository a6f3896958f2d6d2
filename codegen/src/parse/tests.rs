//! Whole-page tests: small inline pages, the seed pages, and the corpus.

use super::parse_page;
use crate::facts::*;
use std::collections::BTreeMap;
use std::path::Path;

fn codes(f: &PageFacts) -> Vec<&'static str> {
    f.diagnostics.iter().map(|d| d.code).collect()
}

fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "md") {
            out.push(p);
        }
    }
}

/// Parses every page under `root`; keys are paths relative to `root`'s parent (`beta/api/x.md`).
fn parse_tree(root: &Path) -> Vec<PageFacts> {
    let mut files = Vec::new();
    walk(root, &mut files);
    files.sort();
    let base = root.parent().unwrap_or(root);
    files
        .iter()
        .map(|p| {
            let rel = p
                .strip_prefix(base)
                .unwrap_or(p)
                .to_string_lossy()
                .replace('\\', "/");
            let bytes = std::fs::read(p).expect("readable page");
            parse_page(&rel, &String::from_utf8_lossy(&bytes))
        })
        .collect()
}

#[test]
fn corpus_counts() {
    let root =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/graph-docs-2021-07/beta");
    if !root.is_dir() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "corpus missing at {}",
            root.display()
        );
        println!("skipping corpus_counts: {} is absent", root.display());
        return;
    }
    let pages = parse_tree(&root);
    assert_eq!(pages.len(), 4163);
    let mut kinds = BTreeMap::new();
    let mut ops = BTreeMap::new();
    let mut diag_counts: BTreeMap<&str, usize> = BTreeMap::new();
    for p in &pages {
        *kinds.entry(format!("{:?}", p.kind.unwrap())).or_insert(0) += 1;
        for o in &p.operations {
            *ops.entry(o.kind.as_str()).or_insert(0) += 1;
        }
        for d in &p.diagnostics {
            *diag_counts.entry(d.code).or_insert(0) += 1;
        }
    }
    println!("kinds {kinds:?}\nops {ops:?}\ndiagnostics {diag_counts:?}");
    let count = |f: &dyn Fn(&PageFacts) -> usize| pages.iter().map(f).sum::<usize>();
    let members = count(&|p| p.members.len());
    let based = count(&|p| {
        p.types
            .iter()
            .filter(|t| t.kind == Some(TypeKindHint::Resource) && t.base.is_some())
            .count()
    });
    let resource_json = count(&|p| {
        p.examples
            .iter()
            .filter(|e| e.kind == ExampleKind::Resource)
            .count()
    });
    let resource_json_valid = count(&|p| {
        p.examples
            .iter()
            .filter(|e| e.kind == ExampleKind::Resource && e.json.is_some())
            .count()
    });
    let op_invalid = count(&|p| {
        if p.kind == Some(PageKind::Operation) {
            p.diagnostics
                .iter()
                .filter(|d| d.code == "invalid-json")
                .count()
        } else {
            0
        }
    });
    let bodies = count(&|p| {
        p.examples
            .iter()
            .filter(|e| e.kind != ExampleKind::Resource && e.body.is_some())
            .count()
    });
    println!("members {members}, based {based}, resource json {resource_json} ({resource_json_valid} valid), example bodies {bodies}, op invalid-json {op_invalid}");

    assert_eq!(kinds.get("Operation"), Some(&2703));
    assert_eq!(kinds.get("Resource"), Some(&985));
    assert_eq!(kinds.get("Enum"), Some(&463));
    assert_eq!(kinds.get("Other"), Some(&12));
    let expect_ops = [
        ("get", 551),
        ("list", 505),
        ("update", 497),
        ("delete", 454),
        ("create", 453),
        ("action", 187),
        ("function", 56),
    ];
    for (k, n) in expect_ops {
        assert_eq!(ops.get(k), Some(&n), "{k}");
    }
    assert_eq!(members, 2545);
    assert_eq!(based, 459);
    assert_eq!(resource_json, 985);
    assert_eq!(resource_json_valid, 985);
    assert_eq!(op_invalid, 1);
}

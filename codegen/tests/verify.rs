//! `graph-docgen verify` end to end on docs-input and on a copy with a doc defect:
//! every format, the exit statuses, and a second run that rebuilds nothing; the client
//! replay of docs-input and of the `url-shapes` golden case.
//! (It builds a harness with cargo: a few seconds the first time.)

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_graph-docgen");

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(workspace())
        .env("CI", "true")
        .env_remove("GITHUB_WORKSPACE")
        .output()
        .expect("the binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn verify_docs_input_and_a_doc_defect() {
    // Kept between test runs (under target/, like the corpus crates), so reruns are quick.
    let work = workspace().join("target/verify-test");
    let work_s = work.to_str().unwrap();
    let out = run(&["verify", "--docs", "docs-input", "--work", work_s]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert_eq!(
        stdout.lines().last(),
        Some("roundtrip: 10 passed, 0 failed, 0 skipped"),
        "the five seed pages hold 10 bodies, all pass (as roundtrip_docs_input.rs says)"
    );
    let binary = work.join("target/debug/verify-harness");
    let built = std::fs::metadata(&binary).unwrap().modified().unwrap();

    // Unchanged docs: nothing written, nothing rebuilt.
    let out = run(&[
        "verify",
        "--docs",
        "docs-input",
        "--work",
        work_s,
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        text(&out.stderr).contains("(0 files written,"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(
        std::fs::metadata(&binary).unwrap().modified().unwrap(),
        built
    );
    let lines: Vec<serde_json::Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON lines"))
        .collect();
    assert_eq!(lines.len(), 11, "10 outcomes and the summary");
    for l in &lines[..10] {
        assert_eq!(l["outcome"], "passed");
        assert!(l["file"].as_str().unwrap().starts_with("beta/api/"));
        assert!(l["line"].as_u64().unwrap() > 0);
        assert!(l["type"].as_str().unwrap().starts_with("microsoft.graph."));
    }
    assert_eq!(lines[10]["summary"]["passed"], 10);
    assert_eq!(lines[10]["summary"]["generatorDefect"], 0);

    // A wrong-typed value in a request body: a doc defect, reported where it is.
    let docs = tempfile::tempdir_in(workspace().join("target")).unwrap();
    let copy = docs.path().join("docs");
    let page = "beta/api/intune_apps_enterprisecertificate_update.md";
    for e in std::fs::read_dir(workspace().join("docs-input/beta/api")).unwrap() {
        let e = e.unwrap();
        std::fs::create_dir_all(copy.join("beta/api")).unwrap();
        std::fs::copy(e.path(), copy.join("beta/api").join(e.file_name())).unwrap();
    }
    let original = std::fs::read_to_string(copy.join(page)).unwrap();
    std::fs::write(
        copy.join(page),
        original.replacen("\"certStatus\": 10,", "\"certStatus\": \"ten\",", 1),
    )
    .unwrap();
    let copy_s = copy.to_str().unwrap();
    let out = run(&["verify", "--docs", copy_s, "--work", work_s]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "doc defects alone pass: {}",
        text(&out.stderr)
    );
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains(&format!("{page}:")) && stdout.contains("doc defect [wrong-type]"),
        "{stdout}"
    );
    assert!(stdout.contains("doc defects [wrong-type]: 1"), "{stdout}");
    assert_eq!(
        stdout.lines().last(),
        Some("roundtrip: 9 passed, 1 failed, 0 skipped")
    );
    let denied = run(&[
        "verify",
        "--docs",
        copy_s,
        "--work",
        work_s,
        "--deny",
        "doc-defects",
    ]);
    assert_eq!(denied.status.code(), Some(1));

    // GitHub: one warning on the page's line, relative to the current directory.
    let rel = copy.strip_prefix(workspace()).unwrap().join(page);
    let out = run(&[
        "verify", "--docs", copy_s, "--work", work_s, "--format", "github",
    ]);
    let gh = text(&out.stdout);
    assert_eq!(gh.lines().count(), 1, "{gh}");
    let prefix = format!("::warning file={},line=", rel.display());
    assert!(gh.starts_with(&prefix), "{gh}");
    assert!(gh.contains(",title=roundtrip-doc-defect::"), "{gh}");
    // SARIF: the same finding.
    let out = run(&[
        "verify", "--docs", copy_s, "--work", work_s, "--format", "sarif",
    ]);
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    assert_eq!(results[0]["ruleId"], "roundtrip-doc-defect");
    assert_eq!(results[0]["level"], "warning");
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        rel.to_str().unwrap()
    );

    // With the client: every example pair of docs-input over loopback HTTP (as
    // tests/tests/client_loopback.rs: 5 of 5).
    let out = run(&[
        "verify",
        "--docs",
        "docs-input",
        "--work",
        work_s,
        "--client",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let tail: Vec<&str> = stdout.lines().rev().take(2).collect();
    assert_eq!(tail, ["client: 5 passed, 0 failed", "client: 5 exercised, 5 passed, 0 doc defects, 0 client generator defects, 0 model defects (round-trip check)"], "{stdout}");
    assert!(stdout.contains("roundtrip: 10 passed, 0 failed, 0 skipped"));

    // Functions written with their arguments in the path (`getGadgetCounts(period='{period_value}')`),
    // a function composed in the middle of one (`range(address='<address>')`) and an item
    // addressed by its path (`root:/{item-path}:`): the golden case's three pairs go through
    // the calls they document (they were reported as doc defects when the client took the
    // arguments for part of the name and the item path for a literal).
    let out = run(&[
        "verify",
        "--docs",
        "codegen/tests/cases/url-shapes/docs",
        "--work",
        work_s,
        "--client",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.ends_with("client: 3 passed, 0 failed\n"), "{stdout}");

    // Usage and I/O failures: 2.
    assert_eq!(run(&["verify"]).status.code(), Some(2));
    assert_eq!(
        run(&["verify", "--docs", "no-such-dir", "--work", work_s])
            .status
            .code(),
        Some(2)
    );
}

//! The binary end to end: exit statuses, `--format json`, atomic output under
//! SIGKILL, and unchanged files left untouched.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, SystemTime};

const BIN: &str = env!("CARGO_BIN_EXE_graph-docgen");

fn resource(name: &str, base: Option<&str>, rows: &[String]) -> String {
    let mut s = format!(
        "# {name} resource type\n\nNamespace: microsoft.graph\n\nA {name} for the tests.\n\n"
    );
    if let Some(b) = base {
        s.push_str(&format!("Inherits from [{b}](../resources/{b}.md)\n\n"));
    }
    s.push_str("## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n");
    for r in rows {
        s.push_str(r);
        s.push('\n');
    }
    s.push_str("\n## Relationships\n\nNone.\n");
    s
}

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A docs dir with one clean page (no diagnostics at all).
fn clean_docs(dir: &Path) {
    write(
        dir,
        "beta/resources/widget.md",
        &resource(
            "widget",
            None,
            &[
                "|id|String|The id.|".into(),
                "|size|Int32|The size.|".into(),
            ],
        ),
    );
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("CI", "true")
        .output()
        .expect("the binary runs")
}

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 temp path")
}

#[test]
fn exit_0_when_clean() {
    let dir = tempfile::tempdir().unwrap();
    clean_docs(dir.path());
    for cmd in ["check", "schema"] {
        let out = run(&[cmd, "--docs", path(dir.path()), "--deny", "warnings"]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{cmd}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let out = run(&[
        "generate",
        "--docs",
        path(dir.path()),
        "--out",
        path(&dir.path().join("out")),
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(dir.path().join("out/Cargo.toml").exists());
}

#[test]
fn exit_1_on_doc_errors_and_on_denied_warnings() {
    let dir = tempfile::tempdir().unwrap();
    // A warning only: an unreadable type cell.
    write(
        dir.path(),
        "beta/resources/warned.md",
        &resource(
            "warned",
            None,
            &["|id|String|The id.|".into(), "|x|Bogus type|X.|".into()],
        ),
    );
    let docs = path(dir.path());
    assert_eq!(run(&["check", "--docs", docs]).status.code(), Some(0));
    let denied = run(&["check", "--docs", docs, "--deny", "warnings"]);
    assert_eq!(denied.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&denied.stderr).contains("warning[type-cell]"));

    // An error: an inheritance cycle.
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "beta/resources/a.md",
        &resource("a", Some("b"), &["|x|String|X.|".into()]),
    );
    write(
        dir.path(),
        "beta/resources/b.md",
        &resource("b", Some("a"), &["|y|String|Y.|".into()]),
    );
    let docs = path(dir.path());
    let out = run(&["check", "--docs", docs]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("error[inheritance-cycle]"));
    // `generate` still writes the crate, and still fails.
    let gen = run(&[
        "generate",
        "--docs",
        docs,
        "--out",
        path(&dir.path().join("out")),
    ]);
    assert_eq!(gen.status.code(), Some(1));
    assert!(dir.path().join("out/Cargo.toml").exists());
}

#[test]
fn exit_2_on_usage_and_io_errors() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-dir");
    for args in [
        vec![],
        vec!["check"],
        vec!["frobnicate"],
        vec!["check", "--docs", path(dir.path()), "--bogus-flag"],
        vec!["check", "--docs", path(dir.path()), "--format", "xml"],
        vec!["check", "--docs", path(&missing)],
        vec!["schema", "--docs", path(&missing)],
    ] {
        let out = run(&args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // A foreign output directory is an I/O failure, and is left alone.
    clean_docs(dir.path());
    write(dir.path(), "foreign/precious.txt", "mine");
    let out = run(&[
        "generate",
        "--docs",
        path(&dir.path().join("beta")),
        "--out",
        path(&dir.path().join("foreign")),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("foreign/precious.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn json_format_is_one_diagnostic_per_line() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "beta/resources/warned.md",
        &resource(
            "warned",
            None,
            &[
                "|id|String|The id.|".into(),
                "|x|Bogus type|X.|".into(),
                "|few|String|".into(),
            ],
        ),
    );
    write(dir.path(), "beta/resources/empty.md", "");
    let out = run(&["check", "--docs", path(dir.path()), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines.len() >= 3, "{stdout}");
    let mut codes = Vec::new();
    for line in lines {
        let v: serde_json::Value = serde_json::from_str(line).expect("each line is JSON");
        for key in ["file", "code", "severity", "message", "help"] {
            assert!(v[key].is_string(), "`{key}` in {line}");
        }
        assert!(v["line"].as_u64().is_some_and(|l| l >= 1), "{line}");
        codes.push((
            v["file"].as_str().unwrap().to_string(),
            v["line"].as_u64().unwrap(),
            v["code"].as_str().unwrap().to_string(),
        ));
    }
    assert!(codes.contains(&("beta/resources/warned.md".into(), 12, "type-cell".into())));
    assert!(codes.contains(&(
        "beta/resources/warned.md".into(),
        13,
        "table-row-cells".into()
    )));
    assert!(codes.contains(&("beta/resources/empty.md".into(), 1, "empty-page".into())));
}

/// Every file under `dir` (with the hidden siblings' absence checked by the caller).
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(
                    p.strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                );
            }
        }
    }
    out
}

fn mtimes(dir: &Path) -> BTreeMap<PathBuf, SystemTime> {
    snapshot(dir)
        .into_keys()
        .map(|rel| {
            let m = std::fs::metadata(dir.join(&rel))
                .unwrap()
                .modified()
                .unwrap();
            (rel, m)
        })
        .collect()
}

/// A docs dir big enough that generating from it takes a while (seconds in a debug build).
fn big_docs(dir: &Path, types: usize, props: usize) {
    for t in 0..types {
        let rows: Vec<String> = (0..props)
            .map(|p| match p % 3 {
                0 => format!("|prop{p}|String|Property {p}.|"),
                1 => format!("|count{p}|Int64|Count {p}.|"),
                _ => format!(
                    "|link{p}|[type{}](../resources/type{}.md) collection|Link {p}.|",
                    (t + p) % types,
                    (t + p) % types
                ),
            })
            .collect();
        let base = (t > 0).then(|| format!("type{}", t / 2));
        write(
            dir,
            &format!("beta/resources/type{t}.md"),
            &resource(&format!("type{t}"), base.as_deref(), &rows),
        );
    }
}

#[test]
fn a_killed_generation_leaves_the_previous_output_intact() {
    let dir = tempfile::tempdir().unwrap();
    let small = dir.path().join("small");
    let big = dir.path().join("big");
    let out = dir.path().join("out");
    clean_docs(&small);
    big_docs(&big, 400, 40);
    let gen = |docs: &Path| {
        run(&[
            "generate",
            "--docs",
            path(docs),
            "--out",
            path(&out),
            "--quiet",
        ])
    };
    assert_eq!(gen(&small).status.code(), Some(0));
    let before = snapshot(&out);

    // How long a whole run takes here (into another dir), so that the kills
    // spread over all its phases: reading, parsing, emitting, writing, swapping.
    let started = std::time::Instant::now();
    let probe = run(&[
        "generate",
        "--docs",
        path(&big),
        "--out",
        path(&dir.path().join("probe")),
        "--quiet",
    ]);
    assert_eq!(probe.status.code(), Some(0));
    let full = started.elapsed();
    eprintln!("a full generation of the big docs takes {full:?}");

    let mut killed_midway = 0;
    for percent in [2, 20, 50, 80, 90, 95, 98, 100] {
        let delay = full * percent / 100;
        let mut child = Command::new(BIN)
            .args([
                "generate",
                "--docs",
                path(&big),
                "--out",
                path(&out),
                "--quiet",
            ])
            .env("CI", "true")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        if child.try_wait().unwrap().is_some() {
            // It finished before the kill: the big output is in; put the small one back.
            assert_eq!(gen(&small).status.code(), Some(0));
            assert_eq!(snapshot(&out), before);
            continue;
        }
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        killed_midway += 1;
        // Killed between the two renames of the swap, the previous tree is in
        // `.out.previous` (the next run puts it back); anywhere else it is in `out`.
        // Killed after the swap (while the old tree is being deleted, before the
        // process exits), `out` is the new tree, complete. Never a mix.
        let previous = dir.path().join(".out.previous");
        let survivor = if out.exists() { &out } else { &previous };
        let left = snapshot(survivor);
        assert!(
            left == before || left == snapshot(&dir.path().join("probe")),
            "after SIGKILL at {delay:?} the output is neither the previous one nor the new one"
        );
        // The next run recovers and writes the small docs' output again.
        let again = gen(&small);
        assert_eq!(again.status.code(), Some(0));
        assert_eq!(snapshot(&out), before);
    }
    eprintln!("killed mid-way {killed_midway} times");
    assert!(
        killed_midway >= 2,
        "generation was too quick to kill; make big_docs bigger"
    );
    // A complete run of the big docs succeeds after all that.
    assert_eq!(gen(&big).status.code(), Some(0));
    assert_eq!(snapshot(&out), snapshot(&dir.path().join("probe")));
    assert!(!dir.path().join(".out.staging").exists());
    assert!(!dir.path().join(".out.previous").exists());
}

#[test]
fn unchanged_files_are_not_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    let out = dir.path().join("out");
    clean_docs(&docs);
    write(
        &docs,
        "beta/resources/other.md",
        &resource("other", None, &["|id|String|The id.|".into()]),
    );
    let gen = || {
        let o = run(&[
            "generate",
            "--docs",
            path(&docs),
            "--out",
            path(&out),
            "--quiet",
        ]);
        assert_eq!(o.status.code(), Some(0));
        String::from_utf8_lossy(&o.stderr).into_owned()
    };
    gen();
    let first = snapshot(&out);
    let first_times = mtimes(&out);
    std::thread::sleep(Duration::from_millis(50));

    // Nothing changed: nothing is written.
    let stderr = gen();
    assert!(stderr.contains("(0 files written"), "{stderr}");
    assert_eq!(mtimes(&out), first_times);

    // One page changed: only the files whose content changed get a new mtime.
    write(
        &docs,
        "beta/resources/other.md",
        &resource(
            "other",
            None,
            &["|id|String|The id.|".into(), "|extra|Boolean|New.|".into()],
        ),
    );
    gen();
    let second = snapshot(&out);
    let second_times = mtimes(&out);
    let (mut kept, mut rewritten) = (0, 0);
    for (rel, bytes) in &second {
        match first.get(rel) {
            Some(old) if old == bytes => {
                assert_eq!(second_times[rel], first_times[rel], "{rel:?} was rewritten");
                kept += 1;
            }
            _ => {
                assert_ne!(first_times.get(rel), Some(&second_times[rel]));
                rewritten += 1;
            }
        }
    }
    assert!(
        kept > 0 && rewritten > 0,
        "kept {kept}, rewritten {rewritten}"
    );
}

/// The workspace root and `docs-input/` (the tests of `--format github|sarif` run there,
/// as a job's steps run at the checkout's root).
fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env("CI", "true")
        .env_remove("GITHUB_WORKSPACE")
        .output()
        .expect("the binary runs")
}

/// `(file, line, code, severity)` of every finding, from `--format json` (paths relative to the docs root).
fn json_findings(args: &[&str]) -> Vec<(String, u64, String, String)> {
    let out = run_in(&workspace(), &[args, &["--format", "json"]].concat());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["file"].as_str().unwrap().to_string(),
                v["line"].as_u64().unwrap(),
                v["code"].as_str().unwrap().to_string(),
                v["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Undoes GitHub's workflow-command escaping.
fn unescape(s: &str) -> String {
    s.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

#[test]
fn github_format_is_one_workflow_command_per_finding() {
    let root = workspace();
    let listed: Vec<&str> = graph_docgen::diag::codes::rules()
        .iter()
        .map(|r| r.code)
        .collect();
    for cmd in ["check", "generate"] {
        let out_dir = tempfile::tempdir().unwrap();
        let mut args = vec![cmd, "--docs", "docs-input", "--notes"];
        if cmd == "generate" {
            args.extend(["--out", path(out_dir.path())]);
        }
        let out = run_in(&root, &[&args[..], &["--format", "github"]].concat());
        assert_eq!(out.status.code(), Some(0), "{cmd}");
        let stdout = String::from_utf8(out.stdout).unwrap();
        let mut seen = Vec::new();
        for line in stdout.lines() {
            let rest = line.strip_prefix("::").expect("a workflow command");
            let (name, rest) = rest.split_once(' ').expect("properties follow the name");
            let (props, message) = rest.split_once("::").expect("`::` before the message");
            assert!(!message.is_empty() && !message.contains('\r'), "{line}");
            let props: BTreeMap<&str, String> = props
                .split(',')
                .map(|p| {
                    let (k, v) = p.split_once('=').expect("key=value");
                    assert!(!v.contains(':'), "a raw `:` in {line}");
                    (k, unescape(v))
                })
                .collect();
            let file = &props["file"];
            assert!(
                root.join(file).is_file(),
                "`{file}` is relative to the checkout"
            );
            let line_no: u64 = props["line"].parse().unwrap();
            assert!(line_no >= 1);
            let code = props["title"].clone();
            assert!(listed.contains(&code.as_str()), "{code}");
            let severity = match name {
                "error" => "error",
                "warning" => "warning",
                "notice" => "note",
                other => panic!("`{other}` is no workflow command"),
            };
            let rel = file.strip_prefix("docs-input/").unwrap().to_string();
            seen.push((rel, line_no, code, severity.to_string()));
        }
        // The same findings as `--format json`, in the same order.
        let expected = json_findings(&args);
        assert!(!expected.is_empty());
        assert_eq!(seen, expected, "{cmd}");
    }
}

#[test]
fn github_format_paths_follow_paths_from() {
    let root = workspace();
    let out = run_in(
        &root,
        &[
            "check",
            "--docs",
            "docs-input/beta",
            "--format",
            "github",
            "--paths-from",
            "docs-input",
        ],
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.lines().count() > 0);
    assert!(stdout
        .lines()
        .all(|l| l.contains(" file=beta/api/") && l.contains(",line=")));
}

#[test]
fn sarif_format_is_one_sarif_log() {
    let root = workspace();
    for cmd in ["check", "generate"] {
        let out_dir = tempfile::tempdir().unwrap();
        let mut args = vec![cmd, "--docs", "docs-input"];
        if cmd == "generate" {
            args.extend(["--out", path(out_dir.path())]);
        }
        let out = run_in(&root, &[&args[..], &["--format", "sarif"]].concat());
        assert_eq!(out.status.code(), Some(0), "{cmd}");
        let log: serde_json::Value =
            serde_json::from_slice(&out.stdout).expect("one JSON document");
        assert_eq!(log["version"], "2.1.0");
        assert!(log["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
        let runs = log["runs"].as_array().unwrap();
        assert_eq!(runs.len(), 1);
        let rules = runs[0]["tool"]["driver"]["rules"].as_array().unwrap();
        // Every listed code is a rule, with its fix as help.
        for r in graph_docgen::diag::codes::rules() {
            let rule = rules
                .iter()
                .find(|x| x["id"] == r.code)
                .expect("a rule per code");
            assert_eq!(rule["help"]["text"], format!("Fix: {}", r.fix));
        }
        let mut seen = Vec::new();
        for res in runs[0]["results"].as_array().unwrap() {
            let i = res["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[i]["id"], res["ruleId"]);
            let level = res["level"].as_str().unwrap();
            assert!(["error", "warning", "note"].contains(&level));
            let loc = &res["locations"][0]["physicalLocation"];
            let uri = loc["artifactLocation"]["uri"].as_str().unwrap();
            assert!(
                root.join(uri).is_file(),
                "`{uri}` is relative to the checkout"
            );
            assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
            seen.push((
                uri.strip_prefix("docs-input/").unwrap().to_string(),
                loc["region"]["startLine"].as_u64().unwrap(),
                res["ruleId"].as_str().unwrap().to_string(),
                level.to_string(),
            ));
        }
        // Every finding (notes too), as `--format json` gives them.
        let expected = json_findings(&args);
        assert!(!expected.is_empty());
        assert_eq!(seen, expected, "{cmd}");
    }
}

/// Copies `docs-input/` into `dest` (pages only).
fn copy_docs_input(dest: &Path) {
    common::copy_tree(&workspace().join("docs-input"), dest);
}

fn diff_json(old: &Path, new: &Path) -> serde_json::Value {
    let out = run(&["diff", path(old), path(new), "--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("one JSON document")
}

#[test]
fn diff_reports_what_an_edit_of_docs_input_changes() {
    let dir = tempfile::tempdir().unwrap();
    let old = workspace().join("docs-input");
    let new = dir.path().join("new");
    copy_docs_input(&new);
    let cert = "beta/api/intune_apps_enterprisecertificate_update.md";
    let text = std::fs::read_to_string(new.join(cert)).unwrap();
    let text = text.replace(
        "|certStatus|Int32|The Cert Status Provisioned or not Provisioned.|",
        "|certStatus|Int64|The Cert Status Provisioned or not Provisioned.|\n|notes|String|Notes.|",
    );
    std::fs::write(new.join(cert), text).unwrap();
    let state = "beta/api/intune_deviceconfig_manageddevicecertificatestate_update.md";
    std::fs::remove_file(new.join(state)).unwrap();
    write(
        &new,
        "beta/resources/widget.md",
        &resource("widget", None, &["|id|String|The id.|".into()]),
    );

    let report = diff_json(&old, &new);
    let changes = report["changes"].as_array().unwrap();
    let find = |change: &str, name: &str| {
        changes
            .iter()
            .find(|c| c["change"] == change && c["name"] == name)
            .unwrap_or_else(|| panic!("no {change} of {name} in {report:#}"))
    };
    let status = find("property-changed", "certStatus");
    assert_eq!(status["type"], "microsoft.graph.enterpriseCertificate");
    assert_eq!(status["aspect"], "type");
    assert_eq!(
        (&status["old"], &status["new"]),
        (&"Edm.Int32".into(), &"Edm.Int64".into())
    );
    assert_eq!(status["breaking"], true);
    assert_eq!(status["sources"]["old"][0], format!("{cert}:36"));
    assert_eq!(status["sources"]["new"][0], format!("{cert}:36"));
    let notes = find("property-added", "notes");
    assert_eq!(
        (&notes["breaking"], &notes["impact"]),
        (&false.into(), &"additive".into())
    );
    assert_eq!(notes["sources"]["new"][0], format!("{cert}:37"));
    assert!(notes["sources"]["old"].as_array().unwrap().is_empty());
    let removed = changes
        .iter()
        .find(|c| c["change"] == "operation-removed")
        .expect("the deleted page's operation");
    assert!(removed["sources"]["old"][0]
        .as_str()
        .unwrap()
        .starts_with(state));
    assert_eq!(removed["breaking"], true);
    let added = changes
        .iter()
        .find(|c| c["change"] == "type-added")
        .expect("the new page's type");
    assert_eq!(added["type"], "microsoft.graph.widget");
    assert_eq!(added["sources"]["new"][0], "beta/resources/widget.md:1");
    assert_eq!(report["semver"], "major");
    // `breaking` is `impact == "breaking"`.
    for c in changes {
        assert_eq!(c["breaking"], c["impact"] == "breaking", "{c}");
    }

    // `--deny breaking` fails on it; the human format ends with the bump.
    let denied = run(&["diff", path(&old), path(&new), "--deny", "breaking"]);
    assert_eq!(denied.status.code(), Some(1));
    let human = String::from_utf8(denied.stdout).unwrap();
    assert!(
        human.lines().last().unwrap().starts_with("semver: major ("),
        "{human}"
    );
    assert!(human.contains("breaking property-changed  microsoft.graph.enterpriseCertificate certStatus [type]: Edm.Int32 -> Edm.Int64"), "{human}");

    // Additions only: minor, and `--deny breaking` passes.
    let added_only = dir.path().join("added");
    copy_docs_input(&added_only);
    write(
        &added_only,
        "beta/resources/widget.md",
        &resource("widget", None, &["|id|String|The id.|".into()]),
    );
    assert_eq!(diff_json(&old, &added_only)["semver"], "minor");
    let ok = run(&["diff", path(&old), path(&added_only), "--deny", "breaking"]);
    assert_eq!(ok.status.code(), Some(0));

    // A schema JSON written by `schema` is the same side as its docs.
    let schema = dir.path().join("old.json");
    let out = run(&["schema", "--docs", path(&old), "--out", path(&schema), "-q"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        diff_json(&schema, &old),
        serde_json::json!({"changes": [], "semver": "patch"})
    );
    assert_eq!(diff_json(&schema, &new), report);

    // Usage and I/O failures: exit 2.
    let missing = dir.path().join("missing");
    let not_schema = dir.path().join("x.json");
    std::fs::write(&not_schema, "{\"types\": 1}").unwrap();
    for args in [
        vec!["diff", path(&old)],
        vec!["diff", path(&old), path(&missing)],
        vec!["diff", path(&not_schema), path(&old)],
        vec!["diff", path(&old), path(&old), "--deny", "warnings"],
    ] {
        assert_eq!(run(&args).status.code(), Some(2), "{args:?}");
    }
}

/// `generate --schema` emits from the contract alone: the crate written from
/// docs-input's schema JSON is byte for byte the one written from docs-input.
#[test]
fn generate_from_the_schema_json_equals_generate_from_the_docs() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = workspace().join("docs-input");
    let (from_docs, from_schema) = (tmp.path().join("a"), tmp.path().join("b"));
    let schema = tmp.path().join("schema.json");
    let out = run(&[
        "schema",
        "--docs",
        path(&docs),
        "--out",
        path(&schema),
        "-q",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let out = run(&[
        "generate",
        "--docs",
        path(&docs),
        "--out",
        path(&from_docs),
        "-q",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let out = run(&[
        "generate",
        "--schema",
        path(&schema),
        "--out",
        path(&from_schema),
        "-q",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (a, b) = (snapshot(&from_docs), snapshot(&from_schema));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (file, bytes) in &a {
        assert!(bytes == &b[file], "{} differs", file.display());
    }
    // Both or neither: `--schema` and `--docs` exclude each other.
    let out = run(&[
        "generate",
        "--schema",
        path(&schema),
        "--docs",
        path(&docs),
        "--out",
        path(&from_schema),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["generate", "--out", path(&from_schema)]);
    assert_eq!(out.status.code(), Some(2));
}

/// Validation runs once, in the schema stage: `check` and `generate` report the
/// same findings for the same docs, and a hand-edited schema JSON given to
/// `generate --schema` is held to the same rules before emit sees it.
#[test]
fn check_and_generate_report_the_same_and_a_schema_file_is_validated() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = workspace().join("docs-input");
    let out_dir = tmp.path().join("out");
    let check = json_findings(&["check", "--docs", path(&docs)]);
    let generate = json_findings(&["generate", "--docs", path(&docs), "--out", path(&out_dir)]);
    assert!(
        !check.is_empty(),
        "docs-input has findings (its pages' doc defects)"
    );
    assert_eq!(check, generate);

    let schema_path = tmp.path().join("schema.json");
    let out = run(&[
        "schema",
        "--docs",
        path(&docs),
        "--out",
        path(&schema_path),
        "-q",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let mut schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&schema_path).unwrap()).unwrap();
    // Break the contract the way a hand edit would: a property of an undefined
    // type, and a base that is not a type.
    let first = &mut schema["types"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|t| t["kind"] != "enum" && !t["properties"].as_array().unwrap().is_empty())
        .expect("a struct with properties");
    first["properties"][0]["type"] =
        serde_json::json!({"kind": "named", "namespace": "microsoft.graph", "name": "nowhere"});
    first["base"] = serde_json::json!({"namespace": "microsoft.graph", "name": "nobody"});
    let name = first["name"].as_str().unwrap().to_string();
    std::fs::write(&schema_path, serde_json::to_string(&schema).unwrap()).unwrap();
    let found = json_findings(&[
        "generate",
        "--schema",
        path(&schema_path),
        "--out",
        path(&out_dir),
    ]);
    let mut codes: Vec<&str> = found.iter().map(|f| f.2.as_str()).collect();
    codes.sort_unstable();
    assert_eq!(
        codes,
        ["unresolved-base", "unresolved-type"],
        "{found:?} ({name})"
    );
}

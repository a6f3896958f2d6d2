//! Fuzzing on stable: property tests (proptest) of the page parser and of the
//! whole pipeline, on pages assembled from page-like fragments (headings,
//! tables with random cells and pipes, fences, annotations, JSON, random bytes,
//! and lines of the seed pages in docs-input/), with random line endings; the
//! hand-written forms of the whole reference (titles, `Namespace:` lines, enum
//! tables in resource pages, annotations, path spellings); names and text with
//! bidi controls, zero-width and control characters; and sizes no real page has.
//! The pipeline property also asserts that no generated file holds a hidden character.
//!
//! cargo-fuzz needs a nightly toolchain; proptest runs with `cargo test`.
//! CI runs a small number of cases (256 for the parser, 128 for the pipeline).
//! For a long run set `PROPTEST_CASES` (it applies to both properties):
//!
//! ```text
//! PROPTEST_CASES=20000 cargo test -p graph-docgen --test fuzz -- --nocapture
//! ```
//!
//! Long run of 2026-12-01 (with the hand-written forms, hidden characters and
//! extreme sizes): 10,000 parser cases and 10,000 pipeline cases in 314 s on 2
//! shared cores, no findings.
//!
//! A failure is shrunk and printed; its seed is saved under
//! `codegen/tests/fuzz.proptest-regressions` (checked in: it is replayed first
//! on every run). Turn it into a named test in `bad_input.rs` or below too.

use graph_docgen::diag::Diagnostic;
use graph_docgen::emit::EmitOptions;
use graph_docgen::parse::parse_page;
use graph_docgen::pipeline::{self, Progress};
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence};

const SEED_PAGES: &[&str] = &[
    include_str!(
        "../../docs-input/beta/api/intune-deviceconfig-iosimportedpfxcertificateprofile-update.md"
    ),
    include_str!(
        "../../docs-input/beta/api/intune-deviceconfig-iosscepcertificateprofile-update.md"
    ),
    include_str!("../../docs-input/beta/api/intune_apps_enterprisecertificate_update.md"),
    include_str!(
        "../../docs-input/beta/api/intune_deviceconfig_iosscepcertificateprofile_create.md"
    ),
    include_str!(
        "../../docs-input/beta/api/intune_deviceconfig_manageddevicecertificatestate_update.md"
    ),
];

/// `PROPTEST_CASES` cases, else `default`; failures saved beside this file (cargo
/// runs tests in the package directory).
fn config(default: u32) -> Config {
    Config {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default),
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "tests/fuzz.proptest-regressions",
        ))),
        ..Config::default()
    }
}

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-zA-Z][a-zA-Z0-9]{0,8}",
        Just("type".to_string()),
        Just("Self".to_string()),
        Just("@odata.type".to_string()),
        Just("keyUsage".to_string()),
        Just("KeyUsage".to_string()),
        Just("Option".to_string()),
        Just("3des".to_string()),
        Just("café".to_string()),
        Just("a.b".to_string()),
        "\\PC{0,6}",
        // Characters a reader cannot see: bidi controls, zero-width, C0 controls.
        "[a-z\u{202A}-\u{202E}\u{2066}-\u{2069}\u{200B}-\u{200F}\u{0}-\u{1f}\u{2028}\u{FEFF}]{1,6}",
        Just("crate".to_string()),
        Just("super".to_string()),
        Just("Undocumented".to_string()),
        Just("serde_json".to_string()),
        Just("*/ #[doc(hidden)] } fn x() {} /*".to_string()),
    ]
}

fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        word(),
        Just("String".to_string()),
        Just("String collection".to_string()),
        Just("Int32".to_string()),
        Just("Boolean".to_string()),
        word().prop_map(|w| format!("[{w}](../resources/{w}.md)")),
        word().prop_map(|w| format!("[{w}](../resources/{w}.md) collection")),
        word().prop_map(|w| format!("a \\| {w}")),
        word().prop_map(|w| format!("`{w}|x`")),
        word().prop_map(|w| format!("**{w}**")),
        word().prop_map(|w| format!(
            "Inherited from [{w}]({w}.md). Possible values are: `a`, `{w}`."
        )),
        Just("&nbsp;".to_string()),
        Just("\\".to_string()),
        Just("|".to_string()),
    ]
}

fn table() -> impl Strategy<Value = String> {
    (
        1usize..5,
        prop::collection::vec(prop::collection::vec(cell(), 0..6), 0..8),
        any::<bool>(),
    )
        .prop_map(|(width, rows, leading)| {
            let mut s = format!(
                "|{}|\n|",
                ["Property", "Type", "Description", "Extra"][..width].join("|")
            );
            s.push_str(&":---|".repeat(width));
            s.push('\n');
            for r in rows {
                if leading {
                    s.push('|');
                }
                s.push_str(&r.join("|"));
                s.push_str("|\n");
            }
            s
        })
}

fn json() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("null".to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        word().prop_map(|w| format!("{w:?}")),
        Just("\"#microsoft.graph.x\"".to_string()),
    ];
    let value = leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(|v| format!("[{}]", v.join(", "))),
            prop::collection::vec((word(), inner), 0..4).prop_map(|kv| {
                let members: Vec<String> =
                    kv.iter().map(|(k, v)| format!("  {k:?}: {v}")).collect();
                format!("{{\n{}\n}}", members.join(",\n"))
            }),
        ]
    });
    (value, 0usize..3, word()).prop_map(|(v, damage, w)| match damage {
        0 => v,
        // Truncated, or with trailing text.
        1 => v.chars().take(v.chars().count() / 2).collect(),
        _ => format!("{v} {w}"),
    })
}

fn fence() -> impl Strategy<Value = String> {
    (
        prop_oneof![
            Just("```json"),
            Just("```http"),
            Just("```"),
            Just("~~~"),
            Just("````")
        ],
        prop_oneof![
            json(),
            json().prop_map(|j| format!(
                "POST https://graph.microsoft.com/beta/x/y\nContent-type: application/json\n\n{j}"
            )),
            json().prop_map(|j| format!("HTTP/1.1 200 OK\nContent-type: application/json\n\n{j}")),
            "[A-Z]{0,6} [ -~]{0,20}",
        ],
        any::<bool>(),
    )
        .prop_map(|(open, body, closed)| {
            let close = if closed {
                open.trim_end_matches(|c: char| c.is_ascii_alphabetic())
            } else {
                ""
            };
            format!("{open}\n{body}\n{close}\n")
        })
}

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        word().prop_map(|w| format!("# {w} resource type\n")),
        word().prop_map(|w| format!("# {w} enum type\n")),
        word().prop_map(|w| format!("# Create {w}\n")),
        word().prop_map(|w| format!("# {w} action\n")),
        // Hand-written title shapes and the lines under them.
        (word(), word()).prop_map(|(a, b)| format!("# {a}: {b}\n")),
        word().prop_map(|w| format!("# List {w} devices\n")),
        word().prop_map(|w| format!("# Add {w}\n")),
        (word(), word()).prop_map(|(a, b)| format!("# Delete {a} from a {b} (deprecated)\n")),
        word().prop_map(|w| format!("Namespace: microsoft.graph.{w}\n")),
        Just("Namespace: microsoft.graph\"; x\n".to_string()),
        word().prop_map(|w| format!("Derived from [{w}]({w}.md).\n")),
        word().prop_map(|w| format!("### {w} values\n\n|Member|Value|Description|\n|:---|:---|:---|\n|a|0|A.|\n|unknownFutureValue|1|Evolvable.|\n")),
        (prop_oneof![Just("GET"), Just("POST"), Just("PATCH"), Just("PUT"), Just("DELETE"), Just("FOO")], prop_oneof![
            Just("/users/{id | userPrincipalName}/photo/$value"),
            Just("/me/drive/root:/{item-path}:/content"),
            Just("/reports/getX(period='{period_value}')"),
            Just("/users/{id}\")); panic!(\"x"),
            Just("/a/../../etc/passwd"),
            Just("/x/{{id}}/y\\z"),
            Just("/users?$filter=a eq 'b'"),
        ]).prop_map(|(m, p)| format!("```http\n{m} {p}\n```\n")),
        word().prop_map(|w| format!("<!-- {{\n  \"blockType\": \"response\",\n  \"@odata.type\": \"#microsoft.graph.{w}\",\n  \"isCollection\": true,\n  \"truncated\": true,\n  \"baseType\": \"microsoft.graph.entity\"\n}} -->\n")),
        // Sizes no real page has: many rows, a long line, deep nesting.
        (100usize..2_000).prop_map(|n| {
            let mut s = "|Property|Type|Description|\n|:---|:---|:---|\n".to_string();
            for i in 0..n {
                s.push_str(&format!("|p{i}|String|Row {i}.|\n"));
            }
            s
        }),
        (10_000usize..100_000).prop_map(|n| format!("{}\n", "x".repeat(n))),
        (100usize..5_000).prop_map(|n| format!("{} deep\n", ">".repeat(n))),
        (100usize..1_000).prop_map(|n| format!("```json\n{}{}\n```\n", "[".repeat(n), "]".repeat(n))),
        prop_oneof![
            Just("## Properties"),
            Just("## Relationships"),
            Just("## JSON representation"),
            Just("## HTTP request"),
            Just("## Request body"),
            Just("## Response"),
            Just("## Example"),
            Just("### Request"),
            Just("### Response"),
            Just("## Members"),
            Just("## Permissions"),
            Just("## Methods"),
        ]
        .prop_map(|h| format!("{h}\n")),
        word().prop_map(|w| format!("Inherits from [{w}](../resources/{w}.md)\n")),
        word().prop_map(|w| format!("If successful, this method returns a `200 OK` response code and a [{w}](../resources/{w}.md) object.\n")),
        Just("---\ntitle: \"x resource type\"\ndoc_type: resourcePageType\n---\n".to_string()),
        Just("---\ntitle: broken\n".to_string()),
        table(),
        fence(),
        json().prop_map(|j| format!("<!-- {j} -->\n")),
        word().prop_map(|w| format!("<!-- {{\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"microsoft.graph.{w}\"\n}} -->\n")),
        "[ -~]{0,40}\n",
        // Lines of the seed pages, a run of them at a random place.
        (0..SEED_PAGES.len(), any::<prop::sample::Index>(), 1usize..30).prop_map(|(p, at, n)| {
            let lines: Vec<&str> = SEED_PAGES[p].lines().collect();
            let start = at.index(lines.len());
            let mut s = lines[start..(start + n).min(lines.len())].join("\n");
            s.push('\n');
            s
        }),
        // A whole seed page, cut at a random byte.
        (0..SEED_PAGES.len(), any::<prop::sample::Index>()).prop_map(|(p, at)| {
            let page = SEED_PAGES[p];
            let mut cut = at.index(page.len() + 1);
            while !page.is_char_boundary(cut) {
                cut -= 1;
            }
            page[..cut].to_string()
        }),
        "\n{1,3}",
    ]
}

/// A page as bytes: fragments, a line-ending style, sometimes a BOM or random bytes.
fn page_bytes() -> impl Strategy<Value = Vec<u8>> {
    (
        prop::collection::vec(fragment(), 0..12),
        0u8..3,
        any::<bool>(),
        prop::option::weighted(0.1, prop::collection::vec(any::<u8>(), 0..64)),
        any::<prop::sample::Index>(),
    )
        .prop_map(|(frags, eol, bom, noise, at)| {
            let text = frags.concat();
            let text = match eol {
                0 => text,
                1 => text.replace('\n', "\r\n"),
                _ => text.replace('\n', "\r"),
            };
            let mut bytes = if bom {
                b"\xEF\xBB\xBF".to_vec()
            } else {
                Vec::new()
            };
            bytes.extend(text.into_bytes());
            if let Some(noise) = noise {
                let i = at.index(bytes.len() + 1);
                bytes.splice(i..i, noise);
            }
            bytes
        })
}

#[track_caller]
fn check_diag(d: &Diagnostic, lines: u32) {
    assert!(d.help.is_some(), "no help: {d:?}");
    if d.file.ends_with(".md") {
        assert!(d.line >= 1, "line 0: {d:?}");
        assert!(d.line <= lines.max(1), "past the last line {lines}: {d:?}");
    }
    assert_ne!(d.code, "internal-error", "{d:?}");
}

fn line_count(bytes: &[u8]) -> u32 {
    let text = String::from_utf8_lossy(bytes)
        .replace("\r\n", "\n")
        .replace('\r', "\n");
    1 + text.matches('\n').count() as u32
}

proptest! {
    #![proptest_config(config(256))]

    /// The page parser never panics; every diagnostic points into the page and says what to fix.
    #[test]
    fn parser_never_panics(bytes in page_bytes()) {
        let (text, _) = graph_docgen::source::decode("beta/api/x.md", &bytes);
        let facts = parse_page("beta/api/x.md", &text);
        let lines = line_count(&bytes);
        for d in &facts.diagnostics {
            prop_assert_eq!(&d.file, "beta/api/x.md");
            check_diag(d, lines);
        }
    }
}

proptest! {
    #![proptest_config(config(128))]

    /// Several random pages through load and generate: no panic, no internal
    /// error, every diagnostic of a page has a line >= 1 and a help.
    #[test]
    fn pipeline_never_panics(pages in prop::collection::vec((0usize..4, page_bytes()), 1..6)) {
        let dir = tempfile::tempdir().unwrap();
        let mut lines = std::collections::BTreeMap::new();
        for (i, (folder, bytes)) in pages.iter().enumerate() {
            let folder = ["api", "resources", "enums", "."][*folder];
            let rel = format!("beta/{folder}/page{i}.md").replace("/./", "/");
            let path = dir.path().join(&rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, bytes).unwrap();
            lines.insert(rel, line_count(bytes));
        }
        let model = pipeline::load(&[dir.path().to_path_buf()], Progress::Never);
        let generated = pipeline::generate(&model, &EmitOptions::default());
        for d in &model.diagnostics {
            let n = lines.get(&d.file).copied().unwrap_or(u32::MAX);
            check_diag(d, n);
        }
        prop_assert!(generated.files.contains_key("Cargo.toml"));
        // Nothing a reader cannot see reaches a generated file (Trojan Source).
        for (path, text) in &generated.files {
            let hidden = text.chars().find(|&c| graph_docgen::hidden_chars::classify(c).is_some());
            prop_assert!(hidden.is_none(), "{} holds {:?}", path, hidden);
        }
    }
}

/// Asserts what every fuzz case asserts, on one page.
#[track_caller]
fn parse_ok(text: &str) {
    let facts = parse_page("beta/api/x.md", text);
    for d in &facts.diagnostics {
        check_diag(d, line_count(text.as_bytes()));
    }
}

// Regressions: the findings of the fuzz runs, minimised.

/// An empty response fence on the last line, unclosed: `bad-status-line`
/// pointed one line past the end of the page.
#[test]
fn regression_empty_unclosed_fence_at_the_end() {
    parse_ok("# Create x\n\n## Example\n\n### Response\n```http");
    parse_ok("# Create x\n\n## Example\n\n### Request\n```http");
    parse_ok("# x resource type\n\n## JSON representation\n```json");
}

//! Helpers shared by the tests that write their own docs pages: pages built in
//! the test, the pipeline run over them, diagnostics asserted by file and line,
//! and the generated crate checked by clippy with warnings denied.
#![allow(dead_code)] // each test crate uses some of them

use graph_docgen::diag::Diagnostic;
use graph_docgen::emit::{EmitOptions, GeneratedCrate};
use graph_docgen::pipeline::{self, Model, Progress};
use std::path::{Path, PathBuf};
use std::process::Command;

/// One page of the docs dir: its path under `beta/` and its bytes.
pub struct Page {
    pub path: String,
    pub bytes: Vec<u8>,
}

pub fn page(path: &str, text: impl Into<Vec<u8>>) -> Page {
    Page {
        path: format!("beta/{path}"),
        bytes: text.into(),
    }
}

/// A resource page: title, optional `Inherits from`, a properties table from
/// `rows` (written as they are: `|name|type|description|`), and a JSON block.
pub fn resource(name: &str, base: Option<&str>, rows: &[&str]) -> String {
    let mut s = format!(
        "# {name} resource type\n\nNamespace: microsoft.graph\n\nA {name} for the tests.\n\n"
    );
    if let Some(b) = base {
        s.push_str(&format!(
            "Inherits from [{b}](../resources/{}.md)\n\n",
            file_stem(b)
        ));
    }
    s.push_str("## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n");
    for r in rows {
        s.push_str(r);
        s.push('\n');
    }
    s.push_str("\n## Relationships\n\nNone.\n\n## JSON representation\n\n<!-- {\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"microsoft.graph.");
    s.push_str(name);
    s.push_str("\"\n} -->\n```json\n{\n  \"@odata.type\": \"#microsoft.graph.");
    s.push_str(name);
    s.push_str("\"\n}\n```\n");
    s
}

/// The file stem used for a type's page (names can hold characters no file would).
pub fn file_stem(name: &str) -> String {
    let mut out = String::from("t_");
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else {
            out.push_str(&format!("u{:x}", c as u32));
        }
    }
    // Case matters on disk for `keyUsage` vs `KeyUsage`: mark upper-case letters.
    out.chars()
        .flat_map(|c| {
            if c.is_ascii_uppercase() {
                vec!['^', c.to_ascii_lowercase()]
            } else {
                vec![c]
            }
        })
        .map(|c| if c == '^' { '_' } else { c })
        .collect()
}

pub fn resource_page(name: &str, base: Option<&str>, rows: &[&str]) -> Page {
    page(
        &format!("resources/{}.md", file_stem(name)),
        resource(name, base, rows),
    )
}

/// The 1-based line of the first line of `text` containing `needle`.
pub fn line_of(text: &[u8], needle: &str) -> u32 {
    let text = String::from_utf8_lossy(text);
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let i = text
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` is not in the page"));
    1 + text[..i].matches('\n').count() as u32
}

pub fn write_docs(dir: &Path, pages: &[Page]) {
    for p in pages {
        let path = dir.join(&p.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &p.bytes).unwrap();
    }
}

pub fn load(pages: &[Page]) -> (tempfile::TempDir, Model) {
    let dir = tempfile::tempdir().unwrap();
    write_docs(dir.path(), pages);
    let model = pipeline::load(&[dir.path().to_path_buf()], Progress::Never);
    (dir, model)
}

/// Loads and generates: the model, the crate, and the diagnostics (all found before emit).
pub fn run(pages: &[Page]) -> (Model, GeneratedCrate, Vec<Diagnostic>) {
    let (_dir, model) = load(pages);
    let generated = pipeline::generate(&model, &EmitOptions::default());
    let all = model.diagnostics.clone();
    sane(&all);
    (model, generated, all)
}

pub fn show(diags: &[Diagnostic]) -> String {
    diags
        .iter()
        .map(|d| format!("  {}:{} {} {}", d.file, d.line, d.code, d.message))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Asserts the diagnostic `code` is reported at `file:line`.
#[track_caller]
pub fn expect(diags: &[Diagnostic], file: &str, line: u32, code: &str) {
    let file = format!("beta/{file}");
    assert!(
        diags
            .iter()
            .any(|d| d.code == code && d.file == file && d.line == line),
        "expected {code} at {file}:{line}; got:\n{}",
        show(diags)
    );
}

/// What every run must satisfy: no internal error, every diagnostic has a
/// help, and a page's diagnostics point at a line of it.
#[track_caller]
pub fn sane(diags: &[Diagnostic]) {
    for d in diags {
        assert_ne!(d.code, "internal-error", "{}", show(diags));
        assert!(
            d.help.is_some(),
            "no help: {}:{} {} {}",
            d.file,
            d.line,
            d.code,
            d.message
        );
        if d.file.ends_with(".md") {
            assert!(d.line >= 1, "line 0: {}:{} {}", d.file, d.line, d.code);
        }
    }
}

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

/// Writes the generated crate standalone (its own `[workspace]`, the workspace's
/// Cargo.lock so it resolves offline) and runs clippy on it with warnings denied.
pub fn clippy_denying_warnings(files: &std::collections::BTreeMap<String, String>) {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let text = if path.ends_with("Cargo.toml") {
            format!("{text}\n[workspace]\n")
        } else {
            text.clone()
        };
        std::fs::write(path, text).unwrap();
    }
    std::fs::copy(
        workspace_root().join("Cargo.lock"),
        dir.path().join("Cargo.lock"),
    )
    .unwrap();
    let output = Command::new(env!("CARGO"))
        .args([
            "clippy",
            "--offline",
            "--all-targets",
            "--all-features",
            "--",
            "-D",
            "warnings",
        ])
        .current_dir(dir.path())
        // Shared with the emitter's compile test: serde is built once.
        .env(
            "CARGO_TARGET_DIR",
            workspace_root().join("target/emit-test"),
        )
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "the crate generated from the bad pages does not build clean:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Copies the tree under `from` into `to`, keeping relative paths and bytes.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

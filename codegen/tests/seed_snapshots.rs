//! Snapshots of what each seed page alone gives: its schema (the JSON contract)
//! and its diagnostics. A change to parsing or merging shows up here as a diff
//! to review (`INSTA_UPDATE=always cargo test` or `cargo insta review`).

use graph_docgen::parse::parse_page;
use graph_docgen::pipeline::{from_pages, schema_json};
use graph_docgen::source::read_roots;
use std::path::PathBuf;

fn docs_input() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs-input")
}

#[test]
fn schema_of_each_seed_page() {
    let source = read_roots(&[docs_input()]);
    assert_eq!(
        source.pages.len(),
        5,
        "docs-input holds the five seed pages"
    );
    for page in &source.pages {
        let model = from_pages(vec![parse_page(&page.rel_path, &page.text)], Vec::new());
        let name = page
            .rel_path
            .rsplit('/')
            .next()
            .unwrap()
            .trim_end_matches(".md")
            .to_string();
        insta::assert_snapshot!(format!("schema__{name}"), schema_json(&model.schema));
        let diagnostics: String = model.diagnostics.iter().map(|d| d.render_human()).collect();
        insta::assert_snapshot!(format!("diagnostics__{name}"), diagnostics);
    }
}

/// The emitted code of one type (a struct with enum, flags and date fields) and of one enum.
#[test]
fn emitted_code_of_one_type() {
    let source = read_roots(&[docs_input()]);
    let pages = source
        .pages
        .iter()
        .map(|p| parse_page(&p.rel_path, &p.text))
        .collect();
    let model = from_pages(pages, Vec::new());
    let generated =
        graph_docgen::pipeline::generate(&model, &graph_docgen::emit::EmitOptions::default());
    let area = &generated.files["src/intune_deviceconfig.rs"];
    insta::assert_snapshot!(
        "emit__managed_device_certificate_state",
        item(area, "pub struct ManagedDeviceCertificateState {")
    );
    insta::assert_snapshot!("emit__key_size", item(area, "pub enum KeySize {"));
}

/// The text of one item: from the doc comment above `start` to the end of its impls
/// (up to the next item's doc comment that starts a different type).
fn item(file: &str, start: &str) -> String {
    let at = file
        .find(start)
        .unwrap_or_else(|| panic!("{start} is emitted"));
    let begin = file[..at].rfind("\n}\n").map(|i| i + 3).unwrap_or(0);
    let name = start.split_whitespace().nth(2).unwrap();
    // Everything until the first item that is not about `name`.
    let mut end = at;
    for (offset, line) in file[at..].split_inclusive('\n').scan(at, |pos, l| {
        let here = *pos;
        *pos += l.len();
        Some((here, l))
    }) {
        end = offset + line.len();
        let starts_item = line.starts_with("pub ") || line.starts_with("impl");
        if starts_item && !line.contains(name) && offset > at {
            end = offset;
            break;
        }
    }
    let text = &file[begin..end];
    text[..text.rfind("\n}\n").map(|i| i + 3).unwrap_or(text.len())].to_string()
}

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

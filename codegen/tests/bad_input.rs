//! Bad inputs too large to keep as files (the small ones are golden cases in
//! `tests/cases/`, run by `tests/cases.rs`): every defect must give a diagnostic
//! with the right code, file and line, never a panic.

mod common;

use common::*;

/// A 20 MB page: read in full (no timing assert), and a defect at its end has the right line.
#[test]
fn a_20_mb_page_is_parsed() {
    let mut rows: Vec<String> = (0..200_000)
        .map(|i| format!("|prop{i}|String|Property number {i} of a very large page, with some words to make it long enough.|"))
        .collect();
    rows.push("|prop7|String|Listed twice.|".to_string());
    let refs: Vec<&str> = rows.iter().map(String::as_str).collect();
    let text = resource("huge", None, &refs);
    assert!(text.len() >= 20_000_000, "{} bytes", text.len());
    let p = page("resources/huge.md", text);
    let dup_line = line_of(&p.bytes, "|prop7|String|Listed twice.|");
    let p_bytes = p.bytes.clone();
    let (_dir, model) = load(&[p]);
    let t = model
        .schema
        .type_def("microsoft.graph.huge")
        .expect("parsed");
    // Every row is read; the type keeps the first MAX_PROPERTIES (`too-large-type`).
    assert_eq!(
        t.properties.len(),
        graph_docgen::schema::limits::MAX_PROPERTIES
    );
    // The page's JSON block shows none of the rows: one note says so for the whole block.
    let missing: Vec<_> = model
        .diagnostics
        .iter()
        .filter(|d| d.code == "resource-json-missing")
        .collect();
    assert_eq!(missing.len(), 1, "{}", show(&model.diagnostics));
    assert!(
        // Counted over the schema's type, which keeps MAX_PROPERTIES of the 200,000 rows.
        missing[0].message.contains(&format!(
            "{} of the properties",
            graph_docgen::schema::limits::MAX_PROPERTIES
        )),
        "{}",
        missing[0].message
    );
    assert_eq!(model.diagnostics.len(), 3, "{}", show(&model.diagnostics));
    expect(
        &model.diagnostics,
        "resources/huge.md",
        line_of(&p_bytes, "# huge resource type"),
        "too-large-type",
    );
    expect(
        &model.diagnostics,
        "resources/huge.md",
        dup_line,
        "duplicate-row",
    );
}

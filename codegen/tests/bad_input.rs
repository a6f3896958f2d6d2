//! Bad inputs the tests write themselves: every defect must give a diagnostic
//! with the right code, file and line (and a `help`), never a panic; the run
//! goes on with the other pages; and the crate generated from all of these
//! pages together still builds with warnings denied.

mod common;

use common::*;

/// Pages with defects, and the diagnostics they must give.
struct Case {
    name: &'static str,
    pages: Vec<Page>,
    /// (path under `beta/`, line, code)
    expected: Vec<(String, u32, &'static str)>,
}

impl Case {
    fn new(name: &'static str) -> Self {
        Case {
            name,
            pages: Vec::new(),
            expected: Vec::new(),
        }
    }
    /// Adds a page and expects `code` on the line holding `needle` (one per pair).
    fn page(mut self, p: Page, expected: &[(&str, &'static str)]) -> Self {
        for (needle, code) in expected {
            let line = line_of(&p.bytes, needle);
            self.expected
                .push((p.path.trim_start_matches("beta/").to_string(), line, code));
        }
        self.pages.push(p);
        self
    }
    fn at(mut self, path: &str, line: u32, code: &'static str) -> Self {
        self.expected.push((path.to_string(), line, code));
        self
    }
}

/// An operation page (`Create widget`) with a request and a response example.
fn operation(request_body: &str, response_body: &str) -> String {
    format!(
        "# Create widget\n\nCreate a [widget](../resources/t_widget.md).\n\n## HTTP request\n\n```http\nPOST /widgets\n```\n\n\
         ## Request body\n\nA [widget](../resources/t_widget.md) object.\n\n## Response\n\n\
         If successful, this method returns a `201 Created` response code and a [widget](../resources/t_widget.md) object in the response body.\n\n\
         ## Example\n\n### Request\n\n```http\nPOST https://graph.microsoft.com/beta/widgets\nContent-type: application/json\n\n{request_body}\n```\n\n\
         ### Response\n\n```http\nHTTP/1.1 201 Created\nContent-Type: application/json\n\n{response_body}\n```\n"
    )
}

/// Bytes that look like nothing: a fixed xorshift stream (no randomness between runs).
fn random_bytes(n: usize, mut seed: u64) -> Vec<u8> {
    (0..n)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        })
        .collect()
}

fn cases() -> Vec<Case> {
    let widget = resource_page(
        "widget",
        None,
        &["|id|String|The id.|", "|name|String|The name.|"],
    );
    let mut cases = vec![
        Case::new("truncated table").page(
            page(
                "resources/truncated.md",
                "# truncated resource type\n\nA truncated page.\n\n## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n|id|String|The id.|\n|name|Str",
            ),
            &[("|name|Str", "table-row-cells")],
        ),
        Case::new("truncated mid-sentence").page(
            page("resources/truncated2.md", "# truncated2 resource type\n\nA truncated pa"),
            &[("# truncated2", "missing-section")],
        ),
        Case::new("row cells").page(
            resource_page(
                "rowCells",
                None,
                &[
                    "|id|String|The id.|",
                    "|many|String|Cells a | b | c|",
                    "|few|String|",
                    "|piped|String|One \\| two, `a \\| b`.|",
                ],
            ),
            &[
                ("|many|", "table-row-extra-cells"),
                ("|few|", "table-row-cells"),
            ],
        ),
        Case::new("unclosed fence").page(
            page(
                "resources/unclosed.md",
                "# unclosedFence resource type\n\nA page.\n\n## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n|id|String|The id.|\n\n## JSON representation\n\n```json\n{\n  \"id\": \"String\"\n",
            ),
            &[("```json", "unclosed-code-block"), ("\"id\": \"String\"", "invalid-json")],
        ),
        Case::new("invalid JSON and trailing text")
            .page(
                page(
                    "api/widget-create.md",
                    operation(
                        "{\n  \"id\": \"x\",\n  \"name\": oops\n}",
                        "{\n  \"id\": \"x\"\n} and some trailing words",
                    ),
                ),
                &[
                    ("\"name\": oops", "invalid-json"),
                    ("} and some trailing", "invalid-json"),
                ],
            )
            .page(widget, &[]),
        Case::new("empty file").page(page("resources/empty.md", ""), &[]).at(
            "resources/empty.md",
            1,
            "empty-page",
        ),
        Case::new("blank file").page(page("resources/blank.md", "\n\n  \r\n"), &[]).at(
            "resources/blank.md",
            1,
            "empty-page",
        ),
    ];

    let noise = random_bytes(4096, 0x9e37_79b9_7f4a_7c15);
    let bad = noise
        .iter()
        .position(|&b| b >= 0x80)
        .expect("some high byte");
    let noise_line = 1 + noise[..bad].iter().filter(|&&b| b == b'\n').count() as u32;
    cases.push(
        Case::new("random bytes")
            .page(page("resources/noise.md", noise), &[])
            .at("resources/noise.md", noise_line, "invalid-utf8"),
    );

    let mut latin1 = resource(
        "latin1",
        None,
        &[
            "|id|String|The id.|",
            "|caf|String|Caf\u{0}\u{0} au lait.|",
            "|x|Bogus type here|X.|",
        ],
    )
    .into_bytes();
    // `é` in Latin-1: one byte 0xE9, invalid UTF-8.
    let at = latin1.windows(2).position(|w| w == [0, 0]).unwrap();
    latin1.splice(at..at + 2, [0xE9]);
    cases.push(Case::new("invalid UTF-8").page(
        page("resources/latin1.md", latin1),
        &[("|caf|", "invalid-utf8"), ("|x|Bogus", "type-cell")],
    ));

    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(
        resource(
            "withBom",
            None,
            &["|id|String|The id.|", "|x|Bogus type|X.|"],
        )
        .bytes(),
    );
    cases.push(Case::new("BOM").page(page("resources/bom.md", bom), &[("|x|Bogus", "type-cell")]));

    let crlf =
        resource("crlf", None, &["|id|String|The id.|", "|x|Bogus type|X.|"]).replace('\n', "\r\n");
    cases.push(Case::new("CRLF").page(
        page("resources/crlf.md", crlf),
        &[("|x|Bogus", "type-cell")],
    ));
    let cr = resource(
        "loneCr",
        None,
        &["|id|String|The id.|", "|x|Bogus type|X.|"],
    )
    .replace('\n', "\r");
    cases
        .push(Case::new("lone CR").page(page("resources/cr.md", cr), &[("|x|Bogus", "type-cell")]));
    let mixed = resource(
        "mixedEol",
        None,
        &["|id|String|The id.|", "|x|Bogus type|X.|"],
    )
    .replacen('\n', "\r\n", 3)
    .replacen('\n', "\r", 3);
    cases.push(Case::new("mixed line endings").page(
        page("resources/mixed.md", mixed),
        &[("|x|Bogus", "type-cell")],
    ));

    // Inheritance: a cycle of two, and a type inheriting from itself.
    cases.push(
        Case::new("inheritance cycle")
            .page(
                resource_page("cycleA", Some("cycleB"), &["|a|String|A.|"]),
                &[("Inherits from", "inheritance-cycle")],
            )
            .page(
                resource_page("cycleB", Some("cycleA"), &["|b|String|B.|"]),
                &[],
            ),
    );
    cases.push(Case::new("self inheritance").page(
        resource_page("selfish", Some("selfish"), &["|a|String|A.|"]),
        &[("Inherits from", "inheritance-cycle")],
    ));

    let missing = resource(
        "linker",
        None,
        &[
            "|id|String|The id.|",
            "|gone|[ghost](../resources/ghost.md)|Nowhere.|",
        ],
    );
    cases.push(Case::new("missing page").page(
        page("resources/t_linker.md", missing),
        &[("|gone|", "missing-page")],
    ));

    cases.push(
        Case::new("conflicting definitions")
            .page(
                page(
                    "resources/dup1.md",
                    resource(
                        "twice",
                        None,
                        &["|id|String|The id.|", "|size|Int32|Size.|"],
                    ),
                ),
                &[],
            )
            .page(
                page(
                    "resources/dup2.md",
                    resource(
                        "twice",
                        None,
                        &["|id|String|The id.|", "|size|String|Size.|"],
                    ),
                ),
                &[("|size|", "type-conflict")],
            ),
    );

    // Names that are Rust keywords, collide after case conversion, clash with
    // std or serde names, hold dots, start with a digit or are not ASCII.
    let mut names = Case::new("awkward names");
    let awkward = [
        "type",
        "ref",
        "self",
        "Self",
        "crate",
        "async",
        "keyUsage",
        "KeyUsage",
        "Option",
        "Result",
        "Box",
        "Vec",
        "String",
        "Default",
        "my.dotted",
        "3des",
        "café",
        "Serialize",
    ];
    for n in awkward {
        let link = format!(
            "|other|[Option](../resources/{}.md)|A link.|",
            file_stem("Option")
        );
        let rows = [
            "|id|String|The id.|",
            "|type|String|A keyword.|",
            "|ref|Int32|A keyword.|",
            "|self|Boolean|A keyword.|",
            "|Self|String|A keyword.|",
            "|crate|String|A keyword.|",
            "|async|String|A keyword.|",
            "|keyUsage|String|Camel.|",
            "|KeyUsage|String|Pascal.|",
            "|key_usage|String|Snake.|",
            "|Option|String|Std.|",
            "|Result|String|Std.|",
            "|Box|String|Std.|",
            "|Vec|String|Std.|",
            "|String|String|Std.|",
            "|Default|String|Std.|",
            "|odata.count|Int32|Dotted.|",
            "|3des|String|Digit first.|",
            "|naïve|String|Not ASCII.|",
            "|über|String|Not ASCII.|",
            "|odataType|String|Not the annotation.|",
            "|@odata.type|String|The annotation.|",
            link.as_str(),
        ];
        let p = resource_page(n, None, &rows);
        names = names.page(p, &[("|@odata.type|", "reserved-property")]);
    }
    cases.push(names);
    cases
}

#[test]
fn each_case_alone() {
    for case in cases() {
        let (_model, _crate, diags) = run(&case.pages);
        for (file, line, code) in &case.expected {
            expect(&diags, file, *line, code);
        }
        eprintln!("{}: ok\n{}", case.name, show(&diags));
    }
}

/// All the bad pages in one docs dir, with a healthy page: every defect is
/// still reported where it is, the healthy page is read, and the generated
/// crate passes clippy with warnings denied.
#[test]
fn all_cases_together_and_the_generated_crate_builds() {
    let cases = cases();
    let mut pages: Vec<Page> = Vec::new();
    for case in &cases {
        for p in &case.pages {
            if !pages.iter().any(|q| q.path == p.path) {
                pages.push(Page {
                    path: p.path.clone(),
                    bytes: p.bytes.clone(),
                });
            }
        }
    }
    pages.push(resource_page(
        "healthy",
        None,
        &["|id|String|The id.|", "|ok|Boolean|Fine.|"],
    ));
    let (model, generated, diags) = run(&pages);
    for case in &cases {
        for (file, line, code) in &case.expected {
            expect(&diags, file, *line, code);
        }
    }
    let healthy = model
        .schema
        .type_def("microsoft.graph.healthy")
        .expect("the healthy page is read");
    assert_eq!(healthy.properties.len(), 2);
    clippy_denying_warnings(&generated.files);
}
#[test]
fn escaped_pipes_do_not_split_cells() {
    let case = cases().into_iter().find(|c| c.name == "row cells").unwrap();
    let (model, _, diags) = run(&case.pages);
    let t = model.schema.type_def("microsoft.graph.rowCells").unwrap();
    let piped = t.properties.iter().find(|p| p.name == "piped").unwrap();
    assert_eq!(piped.ty, "Edm.String");
    assert!(
        piped.description.contains("One | two") && piped.description.contains("a | b"),
        "{:?}",
        piped.description
    );
    let line = line_of(&case.pages[0].bytes, "|piped|");
    assert!(
        !diags.iter().any(|d| d.line == line),
        "the escaped-pipe row is clean:\n{}",
        show(&diags)
    );
    // The raw `|` row keeps its surplus in the description.
    let many = t.properties.iter().find(|p| p.name == "many").unwrap();
    assert!(
        many.description.contains("a | b | c"),
        "{:?}",
        many.description
    );
}

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

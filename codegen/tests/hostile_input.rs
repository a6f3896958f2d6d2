//! Pages made to hurt, built in the test: Trojan Source characters, text that
//! tries to leave its doc comment, sizes no real page has, paths that are not
//! URLs, names that clash with the generated crate's own. None may panic; each
//! gives its diagnostic at its file and line; the crate generated from all of
//! them passes clippy with warnings denied; and no generated file holds a
//! character a reader cannot see.

mod common;

use common::*;
use graph_docgen::hidden_chars::classify;
use graph_docgen::parse::parse_page;

/// Descriptions and names holding bidi controls, controls, invisible characters
/// and text that would end a comment or open an attribute if printed raw.
fn trojan_page() -> Page {
    resource_page(
        "trojan",
        None,
        &[
            "|id|String|The id.|",
            "|access\u{202E}Level|String|Access level \u{202E}nimda\u{202C} for \u{2066}users\u{2069}.|",
            "|zero\u{200B}Width|String|Zero\u{200B}width and a soft\u{AD}hyphen.|",
            "|ctrl|String|A bell \u{7}, an escape \u{1B}[31m and a NUL \u{0} in one cell.|",
            "|separated|String|Line\u{2028}separator and paragraph\u{2029}separator.|",
            "|inject|String|Ends */ a comment, #[doc(hidden)] opens an attribute, } fn evil() {} /* and ```rust code.|",
            "|super|String|A keyword that cannot be raw.|",
        ],
    )
}

/// An enum whose members clash with the catch-all variant, with keywords, with
/// each other after case folding, and carry bidi controls.
fn clashing_enum_page() -> Page {
    page(
        "resources/t_clashing.md",
        "# clashing enum type\n\nNamespace: microsoft.graph\n\nMembers that clash.\n\n## Members\n\n|Member|Value|Description|\n|:---|:---|:---|\n\
         |Undocumented|0|Clashes with the catch-all.|\n|undocumented|1|And again, in lower case.|\n|self|2|A keyword.|\n|Self|3|A keyword.|\n\
         |crate|4|A keyword.|\n|super|5|A keyword.|\n|fooBar|6|Camel.|\n|FooBar|7|Pascal.|\n|foo_bar|8|Snake.|\n|123|9|A digit.|\n\
         |admin\u{202E}|10|Bidi \u{2067}inside\u{2069}.|\n",
    )
}

/// A type whose name holds a bidi isolate, and one named like runtime items.
fn odd_type_pages() -> Vec<Page> {
    vec![
        page(
            "resources/t_isolated.md",
            resource("isolated\u{2067}Name", None, &["|id|String|The id.|"]),
        ),
        resource_page(
            "EnumMember",
            None,
            &["|id|String|Clashes with a runtime trait.|"],
        ),
        resource_page(
            "Polymorphic",
            None,
            &["|id|String|Clashes with a runtime trait.|"],
        ),
        // A namespace line that is not a namespace.
        page(
            "resources/t_badns.md",
            resource("badNamespace", None, &["|id|String|The id.|"]).replace(
                "Namespace: microsoft.graph\n",
                "Namespace: microsoft.graph.x\"); fn evil() {} //\n",
            ),
        ),
        // An area (file-name prefix) that would be module `serde_json`.
        page(
            "resources/serde-json.md",
            resource("serdeJsonThing", None, &["|id|String|The id.|"]),
        ),
    ]
}

/// A chain of bases one level deeper than the limit, and more.
fn deep_chain_pages() -> Vec<Page> {
    let depth = graph_docgen::schema::bases::MAX_INHERITANCE_DEPTH + 8;
    (0..=depth)
        .map(|i| {
            let name = format!("chain{i:02}");
            let base = (i > 0).then(|| format!("chain{:02}", i - 1));
            resource_page(
                &name,
                base.as_deref(),
                &[&format!("|p{i:02}|String|Level {i}.|")],
            )
        })
        .collect()
}

/// 70,000 property rows (the page that made emit panic on a `u16`), and an enum of 70,000 members.
fn huge_type_pages() -> Vec<Page> {
    let rows: Vec<String> = (0..70_000)
        .map(|i| format!("|p{i:05}|String|Property {i}.|"))
        .collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let mut members = String::from(
        "# hugeEnum enum type\n\nNamespace: microsoft.graph\n\nMany members.\n\n## Members\n\n|Member|Value|Description|\n|:---|:---|:---|\n",
    );
    for i in 0..70_000 {
        members.push_str(&format!("|m{i:05}|{i}|Member {i}.|\n"));
    }
    vec![
        resource_page("huge", None, &rows),
        page("resources/t_hugeenum.md", members),
    ]
}

/// An operation page whose request lines try to be code, leave the tree, or are not URLs.
fn hostile_paths_page() -> Page {
    let long = "/s".repeat(graph_docgen::parse::MAX_PATH_SEGMENTS + 1);
    page(
        "api/trojan-get.md",
        format!(
            "# Get trojan\n\nGet a [trojan](../resources/t_trojan.md).\n\n## HTTP request\n\n```http\n\
             GET /trojans/{{id}}\")); panic!(\"x\n\
             GET /a/../../etc/passwd\n\
             GET /a b/c\n\
             GET /x/{{{{id}}}}/y\n\
             GET /x/y\\z\n\
             FOO /bar\n\
             GET {long}\n\
             GET /super/self/crate/Self/{{super}}/as/type\n\
             GET /trojans/{{trojan-id}}\n\
             ```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and a \
             [trojan](../resources/t_trojan.md) object in the response body.\n"
        ),
    )
}

fn hostile_pages() -> Vec<Page> {
    let mut pages = vec![trojan_page(), clashing_enum_page(), hostile_paths_page()];
    pages.extend(odd_type_pages());
    pages.extend(deep_chain_pages());
    pages.extend(huge_type_pages());
    pages
}

fn find<'a>(pages: &'a [Page], path: &str) -> &'a Page {
    pages
        .iter()
        .find(|p| p.path == format!("beta/{path}"))
        .unwrap_or_else(|| panic!("no page {path}"))
}

#[test]
fn each_defect_is_reported_where_it_is() {
    let pages = hostile_pages();
    let (model, _generated, diags) = run(&pages);
    let at = |path: &str, needle: &str, code: &str| {
        let line = line_of(&find(&pages, path).bytes, needle);
        expect(&diags, path, line, code);
    };
    let trojan = "resources/t_trojan.md";
    at(trojan, "|access", "bidi-control");
    at(trojan, "|zero", "invisible-character");
    at(trojan, "|ctrl|", "invisible-character");
    at(trojan, "|separated|", "invisible-character");
    at("resources/t_clashing.md", "|admin", "bidi-control");
    at("resources/t_isolated.md", "# isolated", "bidi-control");
    let severity = |needle: &str| {
        let line = line_of(&find(&pages, trojan).bytes, needle);
        diags
            .iter()
            .find(|d| d.file.ends_with("t_trojan.md") && d.line == line)
            .map(|d| d.severity)
    };
    use graph_docgen::diag::Severity;
    assert_eq!(
        severity("|zero"),
        Some(Severity::Note),
        "zero-width: a note"
    );
    assert_eq!(
        severity("|ctrl|"),
        Some(Severity::Warning),
        "controls: a warning"
    );

    let paths = "api/trojan-get.md";
    for needle in [
        "panic!",
        "/a/../",
        "/a b/",
        "/x/{{id}}",
        "/x/y\\z",
        "GET /s/s",
    ] {
        at(paths, needle, "bad-path-template");
    }
    at(paths, "FOO /bar", "bad-request-line");
    at("resources/t_badns.md", "Namespace:", "bad-namespace");
    assert!(
        model
            .schema
            .type_def("microsoft.graph.badNamespace")
            .is_some(),
        "the type stays in microsoft.graph"
    );
    let op = model
        .schema
        .operations
        .iter()
        .find(|o| o.name.starts_with("trojan"))
        .expect("the operation is read");
    assert_eq!(
        op.paths.iter().map(|p| p.as_str()).collect::<Vec<_>>(),
        [
            "/super/self/crate/Self/{super}/as/type",
            "/trojans/{trojan-id}"
        ],
        "only the well-formed paths are kept"
    );

    // The chain: the first type one level too deep loses its base.
    let limit = graph_docgen::schema::bases::MAX_INHERITANCE_DEPTH;
    let cut = format!("resources/t_chain{:02}.md", limit + 1);
    at(&cut, "Inherits from", "inheritance-too-deep");
    let cut_type = model
        .schema
        .type_def(&format!("microsoft.graph.chain{:02}", limit + 1))
        .unwrap();
    assert_eq!(cut_type.base, None);

    // The huge type and enum are cut to the limit, with a diagnostic on their title.
    at("resources/t_huge.md", "# huge", "too-large-type");
    at("resources/t_hugeenum.md", "# hugeEnum", "too-large-type");
    let huge = model.schema.type_def("microsoft.graph.huge").unwrap();
    assert_eq!(
        huge.properties.len(),
        graph_docgen::schema::limits::MAX_PROPERTIES
    );
    let huge_enum = model.schema.type_def("microsoft.graph.hugeEnum").unwrap();
    assert_eq!(
        huge_enum.members.len(),
        graph_docgen::schema::limits::MAX_MEMBERS
    );
}

/// The generated crate builds clean, and none of its files (Rust, Cargo.toml,
/// schema.json) holds a character a reader cannot see; text that tried to end
/// its comment stays inside a `///` line.
#[test]
fn the_generated_crate_shows_what_it_does_and_builds() {
    let pages = hostile_pages();
    let (_model, generated, _diags) = run(&pages);
    for (path, text) in &generated.files {
        for (i, line) in text.lines().enumerate() {
            assert!(
                line.chars().all(|c| classify(c).is_none()),
                "{path}:{}: a hidden character: {line:?}",
                i + 1
            );
        }
    }
    let models: String = generated
        .files
        .iter()
        .filter(|(p, _)| p.starts_with("src/") && !p.starts_with("src/client"))
        .map(|(_, t)| t.as_str())
        .collect();
    let inject = models
        .lines()
        .find(|l| l.contains("opens an attribute"))
        .expect("the injected description is in a doc comment");
    assert!(inject.trim_start().starts_with("///"), "{inject}");
    assert!(
        models.contains(r"Access level \u{202e}nimda\u{202c} for \u{2066}users\u{2069}."),
        "bidi controls show as escapes"
    );
    assert!(
        models.contains("Zerowidth and a softhyphen."),
        "zero-width characters are dropped"
    );
    assert!(
        models.contains(r#""access\u{202e}Level""#),
        "the wire name keeps its character, escaped"
    );
    let code_lines = models.lines().filter(|l| !l.trim_start().starts_with("//"));
    for l in code_lines {
        assert!(
            !l.contains("fn evil"),
            "an injected item outside a comment: {l}"
        );
    }
    clippy_denying_warnings(&generated.files);
}

/// Sizes no real page has, parsed alone: no panic, no hang, and diagnostics
/// that point into the page.
#[test]
fn extreme_shapes_parse() {
    let cols = 3_000;
    let wide = format!(
        "# wide resource type\n\n## Properties\n\n|{}|\n|{}|\n|{}|\n",
        (0..cols)
            .map(|i| format!("c{i}"))
            .collect::<Vec<_>>()
            .join("|"),
        vec!["---"; cols].join("|"),
        vec!["x"; cols].join("|"),
    );
    let nested_quotes = format!("# deep resource type\n\n{} x\n", ">".repeat(100_000));
    let nested_lists: String = std::iter::once("# lists resource type\n\n".to_string())
        .chain((0..5_000).map(|i| format!("{}- item\n", "  ".repeat(i))))
        .collect();
    let deep_json = format!(
        "# deepjson resource type\n\n## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n|p|String|P.|\n\n## JSON representation\n\n```json\n{}{}\n```\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let long_line = format!(
        "# longline resource type\n\n## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n|p|String|{}|\n",
        "word ".repeat(2_000_000)
    );
    let html = format!(
        "# html resource type\n\n{}x{}\n",
        "<div>".repeat(50_000),
        "</div>".repeat(50_000)
    );
    for (name, text) in [
        ("wide", wide),
        ("quotes", nested_quotes),
        ("lists", nested_lists),
        ("json", deep_json),
        ("longline", long_line),
        ("html", html),
    ] {
        let path = format!("beta/resources/{name}.md");
        let facts = parse_page(&path, &text);
        let lines = text.lines().count() as u32;
        for d in &facts.diagnostics {
            assert!(
                d.line >= 1 && d.line <= lines,
                "{name}: {}:{} {}",
                d.file,
                d.line,
                d.code
            );
            assert_ne!(d.code, "internal-error", "{name}");
        }
        if name == "json" {
            assert!(
                facts.diagnostics.iter().any(|d| d.code == "invalid-json"),
                "JSON nested past serde_json's limit of 128 is invalid-json"
            );
        }
        if name == "longline" {
            assert_eq!(facts.types.len(), 1, "the 10 MB row is read");
        }
    }
}

/// A resource page whose JSON block shows every one of its awkward properties.
fn page_with_example(name: &str, rows: &[(&str, &str, &str)]) -> Page {
    let table: Vec<String> = rows
        .iter()
        .map(|(n, t, _)| format!("|{n}|{t}|The `{n}` property.|"))
        .collect();
    let table: Vec<&str> = table.iter().map(String::as_str).collect();
    let mut text = resource(name, None, &table);
    let members: Vec<String> = rows
        .iter()
        .map(|(n, _, v)| format!("  {}: {v}", serde_json::to_string(n).unwrap()))
        .collect();
    text.push_str(&format!(
        "\n## Example\n\n<!-- {{\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"microsoft.graph.{name}\"\n}} -->\n```json\n{{\n  \"@odata.type\": \"#microsoft.graph.{name}\",\n{}\n}}\n```\n",
        members.join(",\n")
    ));
    page(&format!("resources/{}.md", file_stem(name)), text)
}

/// Names that clash with keywords, with the crate's own fields and runtime items,
/// and with each other after case folding, and wire names holding hidden
/// characters, round-trip through the generated crate: every JSON block comes
/// back equal (verify builds a harness against the crate, as the corpus tests do).
#[test]
fn clashing_names_round_trip() {
    let rows = [
        ("id", "String", "\"a\""),
        ("type", "String", "\"t\""),
        ("self", "Boolean", "true"),
        ("Self", "String", "\"S\""),
        ("crate", "String", "\"c\""),
        ("super", "Int32", "7"),
        ("keyUsage", "String", "\"camel\""),
        ("KeyUsage", "String", "\"pascal\""),
        ("key_usage", "String", "\"snake\""),
        ("odataType", "String", "\"not the annotation\""),
        ("odata_type", "String", "\"nor this\""),
        (
            "additional_properties",
            "String",
            "\"a field name of every struct\"",
        ),
        ("base", "String", "\"another\""),
        ("3des", "String", "\"digit\""),
        ("naïve", "String", "\"not ascii\""),
        ("access\u{202E}Level", "String", "\"bidi in the wire name\""),
        (
            "kind",
            "[clashing](../resources/t_clashing.md)",
            "\"Undocumented\"",
        ),
        (
            "other",
            "[clashing](../resources/t_clashing.md)",
            "\"undocumented\"",
        ),
        (
            "word",
            "[clashing](../resources/t_clashing.md)",
            "\"super\"",
        ),
    ];
    let pages = vec![
        page_with_example("awkward", &rows),
        page_with_example(
            "Option",
            &[("id", "String", "\"o\""), ("Some", "String", "\"s\"")],
        ),
        page_with_example("EnumMember", &[("id", "String", "\"e\"")]),
        clashing_enum_page(),
    ];
    let (dir, model) = load(&pages);
    let work = workspace_root().join("target/verify-hostile");
    let verified = graph_docgen::verify::verify(&model, &work, false, Default::default())
        .expect("the crate builds");
    drop(dir);
    let report = &verified.report;
    print!("{}", report.render());
    use graph_docgen::check::roundtrip::Outcome;
    assert_eq!(
        report.count(Outcome::Passed),
        3,
        "the three JSON blocks (awkward, Option, EnumMember) all come back equal"
    );
    assert_eq!(report.count(Outcome::GeneratorDefect), 0);
}

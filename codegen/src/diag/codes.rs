//! Every diagnostic code graph-docgen emits: one line each, `code` (severity):
//! what is wrong. Fix: what to do. (A test below fails when a code is emitted
//! but not listed here, or listed but no longer emitted.)
//!
//! Reading the docs (source):
//! - `io` (error): a docs root does not exist, or a page or directory cannot be read (exit status 2). Fix: pass an existing, readable directory to `--docs`.
//! - `duplicate-page` (warning): two docs roots hold the same relative page path; the later root's page is kept. Fix: pass each page once.
//! - `invalid-utf8` (warning): the page is not valid UTF-8; bad bytes were replaced by U+FFFD (line of the first bad byte). Fix: save the page as UTF-8.
//! - `page-too-large` (error): a page is larger than 256 MiB (`source::MAX_PAGE_BYTES`); not read. Fix: split the page, or remove what is not documentation.
//! - `link-outside-docs` (warning): a symbolic link among the pages leaves the docs tree or links a directory; not read (nothing outside the docs roots is ever read). Fix: copy the page into the docs tree.
//!
//! One page (parse):
//! - `empty-page` (warning): the page holds nothing but whitespace. Fix: write the page's content, or delete the file.
//! - `bidi-control` (warning): a line holds a Unicode bidirectional control (U+202A-U+202E, U+2066-U+2069), which makes text read differently from what it is (Trojan Source, CVE-2021-42574); the generated Rust shows it as a `\u{..}` escape. Fix: delete the character.
//! - `invisible-character` (warning, note): warning: a line holds a control character (C0/C1, line or paragraph separator), shown as a `\u{..}` escape in the generated Rust; note: a zero-width or other invisible character, dropped from doc comments. Fix: delete the character.
//! - `unknown-page-kind` (note, warning): note: neither `doc_type` nor the title says what the page is (conceptual pages), no facts read; warning: an operation page's title names no operation. Fix: give the page a `doc_type`, or title it `Create|Get|List|Update|Delete <type>` / `<name> action|function`.
//! - `missing-section` (warning): a section the page kind needs (`## Properties`, `## Members` and its table, `## HTTP Request`, `## Response`) is absent. Fix: add the section.
//! - `unclosed-code-block` (warning): a fenced code block runs to the end of the page. Fix: close the fence with ``` on its own line.
//! - `table-row-cells` (warning): a table row has too few cells, no leading `|`, or an empty first cell (rows that lost their name are skipped). Fix: give the row one cell per column, starting with `|`.
//! - `table-row-extra-cells` (note): a raw `|` split a row into surplus cells; they are re-joined into the last column. Fix: escape a literal pipe as `\|`.
//! - `table-row-continued` (note): a table row is broken over two physical lines; re-joined. Fix: keep each row on one line.
//! - `workflow-row` (note): a bold one-cell sub-header row (`|**Onboarding**|`) inside a data table is skipped. Fix: split the table instead.
//! - `duplicate-row` (warning): a name is listed twice in one table; the first row is kept. Fix: remove the repeated row.
//! - `type-cell` (warning): a type cell is none of `Prim`, `Prim collection`, `[T](link)`, `[T](link) collection` (read also: `Collection(x)`, backticks or bold around the name, a qualifier after a comma or in parentheses, a trailing `enum`/`resource`/`object`); typed `Edm.Untyped`. Fix: write the type in one of those forms.
//! - `enum-value` (warning): an enum member's value is not an integer. Fix: give each member a decimal integer value.
//! - `invalid-json` (warning): an example or resource JSON body does not parse (line of serde's error; trailing text included). Fix: make the block's body one JSON value, with nothing after it.
//! - `invalid-annotation` (warning): a `<!-- { ... } -->` block annotation is not valid JSON. Fix: fix the JSON inside the annotation.
//! - `bad-request-line` (warning, note): a line of `## HTTP Request` or an example request line is not `METHOD /path` (note: a second request line in one example block). Fix: write `METHOD /path` / one request per block.
//! - `bad-path-template` (warning): a documented path is not a URL template (quotes, backslashes, spaces outside a function call's parentheses, unbalanced braces, `.`/`..` or empty segments, control characters, more than 64 segments); skipped. Fix: write the path as `/segment/{parameter}/...`.
//! - `bad-namespace` (warning): a `Namespace:` line names something that is not a dotted name (letters, digits, `_`); the page's types stay in `microsoft.graph`. Fix: write `Namespace: microsoft.graph.<name>`.
//! - `bad-status-line` (warning): a response example does not start with `HTTP/1.1 <code> <reason>`. Fix: start it with its status line.
//! - `response-status-mismatch` (warning): the `## Response` prose and the response example give different status codes. Fix: make them agree.
//! - `permission-todo` (warning): a permission cell is a `**TODO ...**` placeholder; skipped. Fix: list the scopes the operation needs.
//! - `permission-type` (warning): a permission table row names no known permission type. Fix: use `Delegated (work or school account)`, `Delegated (personal Microsoft account)` or `Application`.
//! - `internal-error` (error): the parser panicked on this page (a graph-docgen bug); the other pages were processed. Fix: report it with the page attached.
//!
//! All pages merged (schema):
//! - `inheritance-cycle` (error): `Inherits from` lines form a cycle (or a type inherits from itself); one base is dropped. Fix: correct the `Inherits from` line it points at.
//! - `inheritance-too-deep` (warning): a chain of bases is deeper than 32 levels (`schema::bases::MAX_INHERITANCE_DEPTH`; rustc stops auto-deref at 128); the type one level too deep loses its base. Fix: flatten the hierarchy.
//! - `base-conflict` (warning): pages disagree on a type's base; the newer page wins. Fix: correct the wrong `Inherits from` line.
//! - `kind-conflict` (warning): a type has both an enum page and a resource page. Fix: keep one kind of page for it.
//! - `too-large-type` (warning): a type declares more than 1,000 properties or an enum has more than 1,000 members (`schema::limits`); the first 1,000 are kept, the rest round-trip as unknown members. Fix: split the type.
//! - `type-conflict` (warning): pages type the same property differently; the more specific type is kept. Fix: make the pages agree.
//! - `inherited-from-non-ancestor` (warning): a row says `Inherited from` a type that is not an ancestor. Fix: correct the `Inherited from` link or the `Inherits from` line.
//! - `inherited-property-missing` (warning): a row says `Inherited from` a type whose page does not list the property. Fix: add the row to the base's page, or correct the link.
//! - `property-missing` (warning): one page's table of a type lacks a property another page lists. Fix: add the row, or remove it from the other page.
//! - `member-conflict` (warning): pages give an enum member different values. Fix: give it the same value everywhere.
//! - `possible-value-not-member` (warning): a "Possible values" entry is not a member of the linked enum. Fix: correct the value or add the member to the enum page.
//! - `possible-values-incomplete` (note): a property's possible values miss members of its enum. Fix: list them all, or link the enum type.
//! - `method-conflict` (warning): pages document one operation with different HTTP methods. Fix: use one method everywhere.
//! - `missing-page` (warning): a link into a folder of the reference (one holding pages, or a sibling of one) points to a page that is not in the docs (the type is inferred from what mentions it); `[!INCLUDE]` targets and links elsewhere (snippet folders, above the docs root) are not page links. Fix: add the page, or fix the link.
//! - `link-case` (note): a link matches a page only if letter case is ignored, or a type name (a link label, a type cell) matches a documented type only if case is ignored; it is read as that type, never as a second one. Fix: write the link or the name with the page's exact case.
//! - `link-label` (note): a type name (a link label) names no documented type, but the link goes to the page of one; it is read as that type. Fix: write the label as the page's type name.
//!
//! The schema validated (schema stage, and a schema read by `generate --schema`; emit reports nothing):
//! - `reserved-property` (warning): a type declares a property `@odata.type`; dropped from the schema, every generated struct has `odata_type`. Fix: drop the row from the table.
//! - `unknown-primitive` (note): a property has an `Edm.*` type the generator does not know; kept in the schema, emitted as `serde_json::Value`. Fix: use a known primitive, or link the type.
//! - `unresolved-type` (warning): a property's type is not defined by the schema; typed `Edm.Untyped` (`serde_json::Value`). Fix: add the type's page, or fix the link.
//! - `unresolved-base` (warning): a type derives from a type the schema does not define, or from an enum; its base is dropped. Fix: add the base's page, or fix the `Inherits from` line.
//! - `base-cycle` (warning): the bases of a schema read from a file loop (the schema stage reports loops in the docs as `inheritance-cycle`); the base of the loop's first type by name is dropped. Fix: correct the `base` fields, or regenerate the schema from the docs.
//!
//! The docs' JSON examples against the schema (check):
//! - `example-value-wrapper` (warning): a single entity is wrapped as `{"value": {...}}`. Fix: make the body the entity itself.
//! - `example-unknown-property` (warning): a member the type and its ancestors do not have. Fix: correct the example or document the property.
//! - `example-wrong-type` (warning): a JSON value of the wrong kind for its property's type. Fix: correct the example's value.
//! - `example-placeholder` (warning): a string that is not a value of its primitive type (`"String (timestamp)"`, `"Guid"`). Fix: write a real value.
//! - `example-unknown-enum-value` (warning): a string that is not a member of its enum. Fix: use a member, or document the new member.
//! - `example-odata-type-mismatch` (warning): an `@odata.type` that is neither the expected type nor derived from it. Fix: correct the `@odata.type`.
//! - `resource-json-missing` (note): a resource page's JSON representation does not show properties its tables list (one note per block, naming them). Fix: add the properties to the JSON block.
//!
//! The round trip (verify):
//! - `roundtrip-doc-defect` (warning): an example does not round-trip because it disagrees with the schema (`verify --format github|sarif`; the classes are those of the `example-*` codes). Fix: correct the example as `check`'s `example-*` warnings say.
//! - `roundtrip-generator-defect` (error): an example deserialized but came back different, failed to deserialize with no doc defect to explain it, or has a type the crate lacks (a graph-docgen bug). Fix: report it with the page attached.

use std::sync::OnceLock;

/// One listed code, read from the list above (the README and the SARIF rules show the same text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub code: &'static str,
    /// As listed: `["note", "warning"]` for a code emitted at either severity.
    pub severities: Vec<&'static str>,
    /// What is wrong (the text before ` Fix: `).
    pub description: &'static str,
    /// What to do (the text after ` Fix: `).
    pub fix: &'static str,
    /// The stage that reports it, as its heading reads (`One page (parse)`).
    pub section: &'static str,
}

/// Every listed code, in listed order.
pub fn rules() -> &'static [Rule] {
    static RULES: OnceLock<Vec<Rule>> = OnceLock::new();
    RULES.get_or_init(|| {
        let mut section = "";
        include_str!("codes.rs")
            .lines()
            .filter_map(|line| {
                let text = line.strip_prefix("//! ")?;
                let Some(rest) = text.strip_prefix("- `") else {
                    if let Some(heading) = text.strip_suffix(':') {
                        section = heading;
                    }
                    return None;
                };
                let (code, rest) = rest.split_once('`')?;
                let (sev, rest) = rest.trim_start().strip_prefix('(')?.split_once(')')?;
                let rest = rest.trim_start().strip_prefix(':').unwrap_or(rest).trim();
                let (description, fix) = rest.split_once(" Fix: ").unwrap_or((rest, ""));
                Some(Rule {
                    code,
                    severities: sev.split(", ").collect(),
                    description,
                    fix,
                    section,
                })
            })
            .collect()
    })
}

/// The listed rule of `code`, if it is listed.
pub fn rule(code: &str) -> Option<&'static Rule> {
    rules().iter().find(|r| r.code == code)
}

/// The README's diagnostics list: every rule under its stage's heading, as
/// `cargo xtask regenerate` writes it between [`README_MARKERS`].
pub fn readme_section() -> String {
    let mut out = String::new();
    let mut section = None;
    for r in rules() {
        if section != Some(r.section) {
            section = Some(r.section);
            out.push_str(&format!("\n**{}**\n\n", r.section));
        }
        out.push_str(&format!(
            "- `{}` ({}): {} Fix: {}\n",
            r.code,
            r.severities.join(", "),
            r.description,
            r.fix
        ));
    }
    out.push('\n');
    out
}

/// The comments around the generated list in README.md.
pub const README_MARKERS: (&str, &str) = (
    "<!-- diagnostics: generated from codegen/src/diag/codes.rs by `cargo xtask regenerate` -->",
    "<!-- end of diagnostics -->",
);

/// `readme` with its diagnostics list replaced by [`readme_section`]; `None`
/// when the markers are missing.
pub fn with_readme_section(readme: &str) -> Option<String> {
    let (start, end) = README_MARKERS;
    let a = readme.find(start)? + start.len();
    let b = a + readme[a..].find(end)?;
    Some(format!(
        "{}\n{}{}",
        &readme[..a],
        readme_section(),
        &readme[b..]
    ))
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::Path;

    /// `code -> severities` as listed in the module docs above.
    fn listed() -> BTreeMap<String, BTreeSet<String>> {
        let mut out = BTreeMap::new();
        for line in include_str!("codes.rs").lines() {
            let Some(rest) = line.strip_prefix("//! - `") else {
                continue;
            };
            let (code, rest) = rest.split_once('`').expect("a closing backtick");
            let sev = rest
                .trim_start()
                .strip_prefix('(')
                .and_then(|r| r.split_once(')'))
                .map(|(s, _)| s)
                .unwrap_or_else(|| panic!("`{code}` has no (severity)"));
            assert!(line.contains(" Fix: "), "`{code}` does not say what to fix");
            let sevs = sev.split(", ").map(str::to_string).collect();
            assert!(
                out.insert(code.to_string(), sevs).is_none(),
                "`{code}` listed twice"
            );
        }
        out
    }

    fn rs_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                rs_files(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }

    /// The first string literal at the start of `s` (after whitespace), if any.
    fn literal(s: &str) -> Option<&str> {
        let s = s.trim_start().strip_prefix('"')?;
        Some(&s[..s.find('"')?])
    }

    /// `(code, severity)` of every diagnostic the sources construct.
    fn emitted() -> BTreeSet<(String, String)> {
        let mut files = Vec::new();
        rs_files(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut files,
        );
        let mut out = BTreeSet::new();
        for f in files {
            if f.ends_with("diag.rs") || f.ends_with("codes.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&f).unwrap();
            for sev in ["warning", "error", "note"] {
                for (i, _) in text.match_indices(&format!("Diagnostic::{sev}(")) {
                    let after = &text[i + "Diagnostic::(".len() + sev.len()..];
                    if let Some(code) = literal(after) {
                        out.insert((code.to_string(), sev.to_string()));
                    } else {
                        // A computed code: only the example checks do that, listed below.
                        assert!(
                            after.trim_start().starts_with("d.code()"),
                            "{}: a diagnostic code that is not a literal",
                            f.display()
                        );
                    }
                }
            }
            for (i, _) in text.match_indices("Diagnostic::new(") {
                let args = &text[i + "Diagnostic::new(".len()..];
                let sev = args.trim_start().strip_prefix("Severity::").and_then(|a| {
                    let (s, rest) = a.split_once(',')?;
                    Some((s.to_ascii_lowercase(), literal(rest)?))
                });
                if let Some((s, code)) = sev {
                    out.insert((code.to_string(), s));
                }
            }
            // The example checks map defect classes to `example-*` codes (all warnings).
            for piece in text.split('"').skip(1).step_by(2) {
                if piece.starts_with("example-")
                    && piece.len() > "example-".len()
                    && piece.chars().all(|c| c.is_ascii_lowercase() || c == '-')
                {
                    out.insert((piece.to_string(), "warning".to_string()));
                }
            }
        }
        out
    }

    #[test]
    fn the_readme_lists_every_code_as_codes_rs_does() {
        let readme = include_str!("../../../README.md");
        let fresh =
            super::with_readme_section(readme).expect("README.md has the diagnostics markers");
        assert!(
            fresh == readme,
            "README.md's diagnostics list is stale: run `cargo xtask regenerate`"
        );
        assert_eq!(super::rule("base-cycle").unwrap().section, "The schema validated (schema stage, and a schema read by `generate --schema`; emit reports nothing)");
    }

    #[test]
    fn rules_are_read_from_the_list() {
        let rules = super::rules();
        assert_eq!(rules.len(), listed().len());
        let r = super::rule("type-cell").unwrap();
        assert_eq!(r.severities, ["warning"]);
        assert!(r.description.starts_with("a type cell is none of"));
        assert!(
            r.fix.starts_with("write the type in one of those forms"),
            "{r:?}"
        );
        assert_eq!(
            super::rule("unknown-page-kind").unwrap().severities,
            ["note", "warning"]
        );
        assert!(rules
            .iter()
            .all(|r| !r.fix.is_empty() && !r.description.is_empty()));
    }

    #[test]
    fn every_emitted_code_is_listed_with_its_severity() {
        let listed = listed();
        let emitted = emitted();
        assert!(emitted.len() > 40, "the scan finds the codes: {emitted:?}");
        for (code, sev) in &emitted {
            let sevs = listed
                .get(code)
                .unwrap_or_else(|| panic!("`{code}` is emitted but not listed in diag/codes.rs"));
            assert!(
                sevs.contains(sev),
                "`{code}` is emitted as {sev} but listed as {sevs:?}"
            );
        }
        let emitted_codes: BTreeSet<&String> = emitted.iter().map(|(c, _)| c).collect();
        for code in listed.keys() {
            assert!(
                emitted_codes.contains(code),
                "`{code}` is listed in diag/codes.rs but no longer emitted"
            );
        }
    }
}

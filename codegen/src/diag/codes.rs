//! Every diagnostic code graph-docgen emits, as data: [`Code`] (what the stages
//! construct diagnostics with, so an unlisted code does not compile) and its
//! [`Rule`] (severities, what is wrong, what to fix, the stage that reports it).
//! The README's diagnostics section and the SARIF rules are written from this
//! list (`cargo xtask regenerate`; a test fails when the README is stale).

/// One listed code (the README and the SARIF rules show the same text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub code: &'static str,
    /// As listed: `["note", "warning"]` for a code emitted at either severity.
    pub severities: &'static [&'static str],
    /// What is wrong.
    pub description: &'static str,
    /// What to do.
    pub fix: &'static str,
    /// The stage that reports it, as its heading reads (`One page (parse)`).
    pub section: &'static str,
}

/// `section { Variant = "code" (severities): "what", fix "what to do"; ... }`,
/// in the order the README lists them.
macro_rules! codes {
    ($( $section:literal { $( $variant:ident = $code:literal ($($sev:ident),+): $description:literal, fix $fix:literal; )* } )*) => {
        /// A diagnostic code. Its text ([`Code::as_str`]) is stable: tools match on it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($( #[doc = $description] $variant, )*)*
        }

        /// Every rule, in listed order.
        static RULES: &[Rule] = &[
            $($( Rule {
                code: $code,
                severities: &[$(stringify!($sev)),+],
                description: $description,
                fix: $fix,
                section: $section,
            }, )*)*
        ];

        impl Code {
            /// Every code, in listed order (the order of [`rules`]).
            pub const ALL: &'static [Code] = &[$($(Code::$variant,)*)*];
        }
    };
}

impl Code {
    /// The code as diagnostics print it (`type-cell`).
    pub fn as_str(self) -> &'static str {
        self.rule().code
    }

    /// Its listed rule.
    pub fn rule(self) -> &'static Rule {
        &RULES[self as usize]
    }
}

codes! {
    "Reading the docs (source)" {
        Io = "io" (error):
            "a docs root does not exist, or a page or directory cannot be read (exit status 2).",
            fix "pass an existing, readable directory to `--docs`.";
        DuplicatePage = "duplicate-page" (warning):
            "two docs roots hold the same relative page path; the later root's page is kept.",
            fix "pass each page once.";
        InvalidUtf8 = "invalid-utf8" (warning):
            "the page is not valid UTF-8; bad bytes were replaced by U+FFFD (line of the first bad byte).",
            fix "save the page as UTF-8.";
        PageTooLarge = "page-too-large" (error):
            "a page is larger than 256 MiB (`source::MAX_PAGE_BYTES`); not read.",
            fix "split the page, or remove what is not documentation.";
        LinkOutsideDocs = "link-outside-docs" (warning):
            "a symbolic link among the pages leaves the docs tree or links a directory; not read (nothing outside the docs roots is ever read).",
            fix "copy the page into the docs tree.";
    }
    "One page (parse)" {
        EmptyPage = "empty-page" (warning):
            "the page holds nothing but whitespace.",
            fix "write the page's content, or delete the file.";
        BidiControl = "bidi-control" (warning):
            "a line holds a Unicode bidirectional control (U+202A-U+202E, U+2066-U+2069), which makes text read differently from what it is (Trojan Source, CVE-2021-42574); the generated Rust shows it as a `\\u{..}` escape.",
            fix "delete the character.";
        InvisibleCharacter = "invisible-character" (warning, note):
            "warning: a line holds a control character (C0/C1, line or paragraph separator), shown as a `\\u{..}` escape in the generated Rust; note: a zero-width or other invisible character, dropped from doc comments.",
            fix "delete the character.";
        UnknownPageKind = "unknown-page-kind" (note, warning):
            "note: neither `doc_type` nor the title says what the page is (conceptual pages), no facts read; warning: an operation page's title names no operation.",
            fix "give the page a `doc_type`, or title it `Create|Get|List|Update|Delete <type>` / `<name> action|function`.";
        MissingSection = "missing-section" (warning):
            "a section the page kind needs (`## Properties`, `## Members` and its table, `## HTTP Request`, `## Response`) is absent.",
            fix "add the section.";
        UnclosedCodeBlock = "unclosed-code-block" (warning):
            "a fenced code block runs to the end of the page.",
            fix "close the fence with ``` on its own line.";
        TableRowCells = "table-row-cells" (warning):
            "a table row has too few cells, no leading `|`, or an empty first cell (rows that lost their name are skipped).",
            fix "give the row one cell per column, starting with `|`.";
        TableRowExtraCells = "table-row-extra-cells" (note):
            "a raw `|` split a row into surplus cells; they are re-joined into the last column.",
            fix "escape a literal pipe as `\\|`.";
        TableRowContinued = "table-row-continued" (note):
            "a table row is broken over two physical lines; re-joined.",
            fix "keep each row on one line.";
        WorkflowRow = "workflow-row" (note):
            "a bold one-cell sub-header row (`|**Onboarding**|`) inside a data table is skipped.",
            fix "split the table instead.";
        DuplicateRow = "duplicate-row" (warning):
            "a name is listed twice in one table; the first row is kept.",
            fix "remove the repeated row.";
        TypeCell = "type-cell" (warning):
            "a type cell is none of `Prim`, `Prim collection`, `[T](link)`, `[T](link) collection` (read also: `Collection(x)`, backticks or bold around the name, a qualifier after a comma or in parentheses, a trailing `enum`/`resource`/`object`); typed `Edm.Untyped`.",
            fix "write the type in one of those forms.";
        EnumValue = "enum-value" (warning):
            "an enum member's value is not an integer.",
            fix "give each member a decimal integer value.";
        InvalidJson = "invalid-json" (warning):
            "an example or resource JSON body does not parse (line of serde's error; trailing text included).",
            fix "make the block's body one JSON value, with nothing after it.";
        InvalidAnnotation = "invalid-annotation" (warning):
            "a `<!-- { ... } -->` block annotation is not valid JSON.",
            fix "fix the JSON inside the annotation.";
        BadRequestLine = "bad-request-line" (warning, note):
            "a line of `## HTTP Request` or an example request line is not `METHOD /path` (note: a second request line in one example block).",
            fix "write `METHOD /path` / one request per block.";
        BadPathTemplate = "bad-path-template" (warning):
            "a documented path is not a URL template (quotes, backslashes, spaces outside a function call's parentheses, unbalanced braces, `.`/`..` or empty segments, control characters, more than 64 segments); skipped.",
            fix "write the path as `/segment/{parameter}/...`.";
        BadNamespace = "bad-namespace" (warning):
            "a `Namespace:` line names something that is not a dotted name (letters, digits, `_`); the page's types stay in `microsoft.graph`.",
            fix "write `Namespace: microsoft.graph.<name>`.";
        BadStatusLine = "bad-status-line" (warning):
            "a response example does not start with `HTTP/1.1 <code> <reason>`.",
            fix "start it with its status line.";
        ResponseStatusMismatch = "response-status-mismatch" (warning):
            "the `## Response` prose and the response example give different status codes.",
            fix "make them agree.";
        ResponseShapeMismatch = "response-shape-mismatch" (warning):
            "the `## Response` prose and every response example disagree on what comes back: the prose names a primitive where the examples' annotations name one Graph type, or a collection where every example body is one object; the examples' answer is kept.",
            fix "make the prose and the examples agree.";
        PermissionTodo = "permission-todo" (warning):
            "a permission cell is a `**TODO ...**` placeholder; skipped.",
            fix "list the scopes the operation needs.";
        PermissionType = "permission-type" (warning):
            "a permission table row names no known permission type.",
            fix "use `Delegated (work or school account)`, `Delegated (personal Microsoft account)` or `Application`.";
        InternalError = "internal-error" (error):
            "the parser panicked on this page (a graph-docgen bug); the other pages were processed.",
            fix "report it with the page attached.";
    }
    "All pages merged (schema)" {
        InheritanceCycle = "inheritance-cycle" (error):
            "`Inherits from` lines form a cycle (or a type inherits from itself); one base is dropped.",
            fix "correct the `Inherits from` line it points at.";
        InheritanceTooDeep = "inheritance-too-deep" (warning):
            "a chain of bases is deeper than 32 levels (`schema::bases::MAX_INHERITANCE_DEPTH`; rustc stops auto-deref at 128); the type one level too deep loses its base.",
            fix "flatten the hierarchy.";
        BaseConflict = "base-conflict" (warning):
            "pages disagree on a type's base; the newer page wins.",
            fix "correct the wrong `Inherits from` line.";
        KindConflict = "kind-conflict" (warning):
            "a type has both an enum page and a resource page.",
            fix "keep one kind of page for it.";
        TooLargeType = "too-large-type" (warning):
            "a type declares more than 1,000 properties or an enum has more than 1,000 members (`schema::limits`); the first 1,000 are kept, the rest round-trip as unknown members.",
            fix "split the type.";
        TypeConflict = "type-conflict" (warning):
            "pages type the same property differently; the more specific type is kept.",
            fix "make the pages agree.";
        InheritedFromNonAncestor = "inherited-from-non-ancestor" (warning):
            "a row says `Inherited from` a type that is not an ancestor.",
            fix "correct the `Inherited from` link or the `Inherits from` line.";
        InheritedPropertyMissing = "inherited-property-missing" (warning):
            "a row says `Inherited from` a type whose page does not list the property.",
            fix "add the row to the base's page, or correct the link.";
        PropertyMissing = "property-missing" (warning):
            "one page's table of a type lacks a property another page lists.",
            fix "add the row, or remove it from the other page.";
        MemberConflict = "member-conflict" (warning):
            "pages give an enum member different values.",
            fix "give it the same value everywhere.";
        PossibleValueNotMember = "possible-value-not-member" (warning):
            "a \"Possible values\" entry is not a member of the linked enum.",
            fix "correct the value or add the member to the enum page.";
        PossibleValuesIncomplete = "possible-values-incomplete" (note):
            "a property's possible values miss members of its enum.",
            fix "list them all, or link the enum type.";
        MethodConflict = "method-conflict" (warning):
            "pages document one operation with different HTTP methods.",
            fix "use one method everywhere.";
        MissingPage = "missing-page" (warning):
            "a link into a folder of the reference (one holding pages, or a sibling of one) points to a page that is not in the docs (the type is inferred from what mentions it); `[!INCLUDE]` targets and links elsewhere (snippet folders, above the docs root) are not page links.",
            fix "add the page, or fix the link.";
        TitleNamesNoType = "title-names-no-type" (note):
            "an operation's title names a word that no page documents as a type and nothing else describes (`Delete page`, whose type is `onenotePage`); the operation is bound to no type, and no empty type is made of the word.",
            fix "name the resource type in the title, or link it in the response section.";
        LinkCase = "link-case" (note):
            "a link matches a page only if letter case is ignored, or a type name (a link label, a type cell) matches a documented type only if case is ignored; it is read as that type, never as a second one.",
            fix "write the link or the name with the page's exact case.";
        LinkLabel = "link-label" (note):
            "a type name (a link label) names no documented type, but the link goes to the page of one; it is read as that type.",
            fix "write the label as the page's type name.";
    }
    "The schema validated (schema stage, and a schema read by `generate --schema`; emit reports nothing)" {
        ReservedProperty = "reserved-property" (warning):
            "a type declares a property `@odata.type`; dropped from the schema, every generated struct has `odata_type`.",
            fix "drop the row from the table.";
        UnknownPrimitive = "unknown-primitive" (note):
            "a property has an `Edm.*` type the generator does not know; kept in the schema, emitted as `serde_json::Value`.",
            fix "use a known primitive, or link the type.";
        UnresolvedType = "unresolved-type" (warning):
            "a property's type is not defined by the schema; typed `Edm.Untyped` (`serde_json::Value`).",
            fix "add the type's page, or fix the link.";
        UnresolvedBase = "unresolved-base" (warning):
            "a type derives from a type the schema does not define, or from an enum; its base is dropped.",
            fix "add the base's page, or fix the `Inherits from` line.";
        BaseCycle = "base-cycle" (warning):
            "the bases of a schema read from a file loop (the schema stage reports loops in the docs as `inheritance-cycle`); the base of the loop's first type by name is dropped.",
            fix "correct the `base` fields, or regenerate the schema from the docs.";
    }
    "The docs' JSON examples against the schema (check)" {
        ExampleValueWrapper = "example-value-wrapper" (warning):
            "a single entity is wrapped as `{\"value\": {...}}`.",
            fix "make the body the entity itself.";
        ExampleUnknownProperty = "example-unknown-property" (warning):
            "a member the type and its ancestors do not have.",
            fix "correct the example or document the property.";
        ExampleWrongType = "example-wrong-type" (warning):
            "a JSON value of the wrong kind for its property's type.",
            fix "correct the example's value.";
        ExamplePlaceholder = "example-placeholder" (warning):
            "a string that is not a value of its primitive type (`\"String (timestamp)\"`, `\"Guid\"`).",
            fix "write a real value.";
        ExampleUnknownEnumValue = "example-unknown-enum-value" (warning):
            "a string that is not a member of its enum.",
            fix "use a member, or document the new member.";
        ExampleOdataTypeMismatch = "example-odata-type-mismatch" (warning):
            "an `@odata.type` that is neither the expected type nor derived from it.",
            fix "correct the `@odata.type`.";
        ResourceJsonMissing = "resource-json-missing" (note):
            "a resource page's JSON representation does not show properties its tables list (one note per block, naming them).",
            fix "add the properties to the JSON block.";
    }
    "The round trip (verify)" {
        RoundtripDocDefect = "roundtrip-doc-defect" (warning):
            "an example does not round-trip because it disagrees with the schema (`verify --format github|sarif`; the classes are those of the `example-*` codes).",
            fix "correct the example as `check`'s `example-*` warnings say.";
        RoundtripGeneratorDefect = "roundtrip-generator-defect" (error):
            "an example deserialized but came back different, failed to deserialize with no doc defect to explain it, or has a type the crate lacks (a graph-docgen bug).",
            fix "report it with the page attached.";
    }
}

/// Every listed code, in listed order.
pub fn rules() -> &'static [Rule] {
    RULES
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
    use super::Code;
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::Path;

    /// `code -> severities` as listed.
    fn listed() -> BTreeMap<String, BTreeSet<String>> {
        let mut out = BTreeMap::new();
        for r in super::rules() {
            assert!(
                !r.fix.is_empty() && !r.description.is_empty(),
                "`{}` says what is wrong and what to fix",
                r.code
            );
            let sevs = r.severities.iter().map(|s| s.to_string()).collect();
            assert!(
                out.insert(r.code.to_string(), sevs).is_none(),
                "`{}` listed twice",
                r.code
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

    /// The code named by a `Code::Variant` path at the start of `s` (after whitespace).
    fn code_at(s: &str) -> Option<&'static str> {
        let s = s.trim_start().strip_prefix("Code::")?;
        let name: String = s
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        Code::ALL
            .iter()
            .find(|c| format!("{c:?}") == name)
            .map(|c| c.as_str())
    }

    /// `(code, severity)` of every diagnostic the sources construct, and every code they name.
    fn emitted() -> (BTreeSet<(String, String)>, BTreeSet<String>) {
        let mut files = Vec::new();
        rs_files(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut files,
        );
        let (mut built, mut named) = (BTreeSet::new(), BTreeSet::new());
        for f in files {
            if f.ends_with("codes.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&f).unwrap();
            for (i, _) in text.match_indices("Code::") {
                if let Some(code) = code_at(&text[i..]) {
                    named.insert(code.to_string());
                }
            }
            if f.ends_with("diag.rs") {
                continue;
            }
            for sev in ["warning", "error", "note"] {
                for (i, _) in text.match_indices(&format!("Diagnostic::{sev}(")) {
                    let after = &text[i + "Diagnostic::(".len() + sev.len()..];
                    if let Some(code) = code_at(after) {
                        built.insert((code.to_string(), sev.to_string()));
                    } else {
                        // A computed code: only the example checks do that (`DefectClass::code`, all warnings).
                        assert!(
                            after.trim_start().starts_with("d.code()"),
                            "{}: a diagnostic code that is not a `Code::` path",
                            f.display()
                        );
                    }
                }
            }
            for (i, _) in text.match_indices("Diagnostic::new(") {
                let args = &text[i + "Diagnostic::new(".len()..];
                let sev = args.trim_start().strip_prefix("Severity::").and_then(|a| {
                    let (s, rest) = a.split_once(',')?;
                    Some((s.to_ascii_lowercase(), code_at(rest)?))
                });
                if let Some((s, code)) = sev {
                    built.insert((code.to_string(), s));
                }
            }
        }
        for class in crate::check::validate::DefectClass::ALL {
            built.insert((class.code().as_str().to_string(), "warning".to_string()));
        }
        (built, named)
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

    /// A code is typed, so an unlisted one does not compile; this holds the rest:
    /// each is built at a severity it is listed with, and none is listed but unused.
    #[test]
    fn every_code_is_emitted_with_a_listed_severity() {
        let listed = listed();
        let (built, named) = emitted();
        assert!(built.len() > 40, "the scan finds the codes: {built:?}");
        for (code, sev) in &built {
            let sevs = &listed[code];
            assert!(
                sevs.contains(sev),
                "`{code}` is emitted as {sev} but listed as {sevs:?}"
            );
        }
        let built_codes: BTreeSet<&String> = built.iter().map(|(c, _)| c).collect();
        for code in listed.keys() {
            assert!(
                built_codes.contains(code) || named.contains(code),
                "`{code}` is listed in diag/codes.rs but no longer emitted"
            );
        }
    }

    #[test]
    fn code_order_is_rule_order() {
        for (i, c) in Code::ALL.iter().enumerate() {
            assert_eq!(*c as usize, i);
            assert_eq!(c.rule().code, super::rules()[i].code);
        }
        assert_eq!(Code::TypeCell.as_str(), "type-cell");
    }
}

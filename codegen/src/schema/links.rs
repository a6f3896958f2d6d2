//! Links: every link to a docs page must reach a page of the input.
//!
//! A link whose target exists only in another letter case is a note
//! (`link-case`: it breaks on case-sensitive file systems); a link to no page
//! is a warning (`missing-page`), once per page and target. Only links into a
//! folder of the reference are links to docs pages: a folder that holds pages
//! of the input, or a sibling of one (`resources/` beside `api/` when only some
//! pages are given). A target elsewhere (snippet folders, the page above the
//! docs root) is outside the reference and not checked; `[!INCLUDE]` targets
//! never get here (the parser leaves them out). Types are resolved
//! by link label, not by path, so a missing page never loses the type: it is
//! inferred from what mentions it.

use crate::diag::{Code, Diagnostic};
use crate::facts::PageFacts;
use std::collections::{BTreeMap, BTreeSet};

pub fn check_links(
    pages: &[PageFacts],
    page_paths: &BTreeSet<String>,
    diags: &mut Vec<Diagnostic>,
) {
    let lower: BTreeMap<String, &String> =
        page_paths.iter().map(|p| (p.to_lowercase(), p)).collect();
    // Folders holding pages and their parents, lower-cased (a link's folder may
    // differ in case too).
    let folders: BTreeSet<String> = page_paths
        .iter()
        .map(|p| folder(p).to_lowercase())
        .collect();
    let parents: BTreeSet<&str> = folders
        .iter()
        .filter(|f| !f.is_empty())
        .map(|f| folder(f))
        .collect();
    let in_reference = |target: &str| {
        let f = folder(target).to_lowercase();
        folders.contains(&f) || (!f.is_empty() && parents.contains(folder(&f)))
    };
    for page in pages {
        let mut reported = BTreeSet::new();
        for link in &page.links {
            let Some(target) = &link.target else { continue };
            if page_paths.contains(target)
                || !in_reference(target)
                || !reported.insert(target.clone())
            {
                continue;
            }
            match lower.get(&target.to_lowercase()) {
                Some(actual) => diags.push(
                    Diagnostic::note(Code::LinkCase, &link.at, format!("link to `{target}` matches `{actual}` only if case is ignored"))
                        .with_help(format!("write the link as `{actual}`")),
                ),
                None => diags.push(
                    Diagnostic::warning(Code::MissingPage, &link.at, format!("link `[{}]({})` points to a page that is not in the docs", link.label, link.href))
                        .with_help("add the page to the docs input, or fix the link; the type is inferred from what mentions it"),
                ),
            }
        }
    }
}

/// The folder part of a page path (`api/x.md` -> `api`; `x.md` -> ``).
fn folder(path: &str) -> &str {
    path.rfind('/').map(|i| &path[..i]).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Location;
    use crate::facts::LinkFact;

    fn link(target: &str) -> LinkFact {
        LinkFact {
            label: "x".into(),
            href: target.into(),
            target: Some(target.into()),
            at: Location::new("api/a.md", 3),
        }
    }

    #[test]
    fn only_links_into_page_folders_are_checked() {
        let page = PageFacts {
            path: "api/a.md".into(),
            links: vec![
                link("resources/b.md"),
                link("resources/B.md"),
                link("resources/missing.md"),
                link("includes/snippets/csharp/a-snippets.md"),
                link("index.md"),
                link("other/c.md"),
            ],
            ..Default::default()
        };
        let paths: BTreeSet<String> = ["api/a.md", "resources/b.md"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let mut diags = Vec::new();
        check_links(&[page], &paths, &mut diags);
        let got: Vec<_> = diags.iter().map(|d| d.code).collect();
        assert_eq!(got, ["link-case", "missing-page", "missing-page"]);
        assert!(diags[2].message.contains("other/c.md"));
    }
}

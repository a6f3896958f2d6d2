//! Links: every link to a docs page must reach a page of the input.
//!
//! A link whose target exists only in another letter case is a note
//! (`link-case`: it breaks on case-sensitive file systems); a link to no page
//! is a warning (`missing-page`), once per page and target. Types are resolved
//! by link label, not by path, so a missing page never loses the type: it is
//! inferred from what mentions it.

use crate::diag::Diagnostic;
use crate::facts::PageFacts;
use std::collections::{BTreeMap, BTreeSet};

pub fn check_links(
    pages: &[PageFacts],
    page_paths: &BTreeSet<String>,
    diags: &mut Vec<Diagnostic>,
) {
    let lower: BTreeMap<String, &String> =
        page_paths.iter().map(|p| (p.to_lowercase(), p)).collect();
    for page in pages {
        let mut reported = BTreeSet::new();
        for link in &page.links {
            let Some(target) = &link.target else { continue };
            if page_paths.contains(target) || !reported.insert(target.clone()) {
                continue;
            }
            match lower.get(&target.to_lowercase()) {
                Some(actual) => diags.push(
                    Diagnostic::note("link-case", &link.at, format!("link to `{target}` matches `{actual}` only if case is ignored"))
                        .with_help(format!("write the link as `{actual}`")),
                ),
                None => diags.push(
                    Diagnostic::warning("missing-page", &link.at, format!("link `[{}]({})` points to a page that is not in the docs", link.label, link.href))
                        .with_help("add the page to the docs input, or fix the link; the type is inferred from what mentions it"),
                ),
            }
        }
    }
}

//! Parse: one page's text in, its [`PageFacts`] out. Pure; never panics.

use crate::facts::PageFacts;

/// Parses one page. `path` is relative to the docs root (`beta/api/x.md`), with `/` separators.
pub fn parse_page(path: &str, text: &str) -> PageFacts {
    PageFacts {
        path: path.to_string(),
        ..Default::default()
    }
}

//! Source: find the pages under the docs roots and decode them.
//!
//! Pages are `*.md` files found by walkdir in a sorted, stable order. Their
//! bytes are decoded here so that the parser sees text only: a UTF-8 BOM is
//! stripped, invalid UTF-8 is replaced (with a diagnostic), and line endings
//! are left for the parser (which keeps line numbers right for CRLF and CR).

use crate::diag::{Diagnostic, Location};
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// One page read from disk.
#[derive(Debug, Clone)]
pub struct SourcePage {
    /// Path relative to its docs root, with `/` separators (`beta/api/x.md`).
    pub rel_path: String,
    pub text: String,
}

/// The pages found under the roots, and what went wrong finding them.
#[derive(Debug, Default)]
pub struct SourceSet {
    pub pages: Vec<SourcePage>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads every `*.md` page under each root. A root that is a file is read as one page.
/// Relative paths are taken from the root; when two roots give the same relative
/// path, the later root's page is kept and a diagnostic names both.
pub fn read_roots(roots: &[PathBuf]) -> SourceSet {
    let mut set = SourceSet::default();
    let mut seen = std::collections::BTreeMap::<String, String>::new();
    for root in roots {
        for (abs, rel) in list_pages(root, &mut set.diagnostics) {
            match std::fs::read(&abs) {
                Ok(bytes) => {
                    let (text, diag) = decode(&rel, &bytes);
                    set.diagnostics.extend(diag);
                    if let Some(previous_root) =
                        seen.insert(rel.clone(), root.display().to_string())
                    {
                        set.diagnostics.push(
                            Diagnostic::warning(
                                "duplicate-page",
                                &Location::new(rel.clone(), 1),
                                "the same page path is given by two docs roots",
                            )
                            .with_help(format!(
                                "`{previous_root}` and `{}` both hold it; the later root wins",
                                root.display()
                            )),
                        );
                        set.pages.retain(|p| p.rel_path != rel);
                    }
                    set.pages.push(SourcePage {
                        rel_path: rel,
                        text,
                    });
                }
                Err(err) => set.diagnostics.push(
                    Diagnostic::error(
                        "io",
                        &Location::new(rel, 0),
                        format!("cannot read page: {err}"),
                    )
                    .with_help("check the file's permissions"),
                ),
            }
        }
    }
    set.pages.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
    set
}

/// Decodes page bytes: strips a UTF-8 BOM; invalid UTF-8 is replaced by U+FFFD with a
/// diagnostic on the first bad line (the page is still parsed: nothing else is lost).
pub fn decode(rel_path: &str, bytes: &[u8]) -> (String, Option<Diagnostic>) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), None),
        Err(err) => {
            let valid = &bytes[..err.valid_up_to()];
            let line = 1 + valid.iter().filter(|&&b| b == b'\n').count() as u32;
            let diag = Diagnostic::warning(
                "invalid-utf8",
                &Location::new(rel_path, line),
                format!(
                    "the page is not valid UTF-8 (first bad byte at offset {})",
                    err.valid_up_to()
                ),
            )
            .with_help("save the page as UTF-8; bad bytes were replaced by U+FFFD");
            (String::from_utf8_lossy(bytes).into_owned(), Some(diag))
        }
    }
}

fn list_pages(root: &Path, diags: &mut Vec<Diagnostic>) -> Vec<(PathBuf, String)> {
    if root.is_file() {
        let name = root
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        return vec![(root.to_path_buf(), name)];
    }
    if !root.exists() {
        diags.push(
            Diagnostic::error(
                "io",
                &Location::new(root.display().to_string(), 0),
                "docs root does not exist",
            )
            .with_help("pass an existing directory to --docs"),
        );
        return Vec::new();
    }
    let mut out = Vec::new();
    for entry in WalkDir::new(root).sort_by_file_name() {
        match entry {
            Ok(entry)
                if entry.file_type().is_file()
                    && entry.path().extension().is_some_and(|e| e == "md") =>
            {
                let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
                let rel = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                out.push((entry.path().to_path_buf(), rel));
            }
            Ok(_) => {}
            Err(err) => diags.push(
                Diagnostic::error(
                    "io",
                    &Location::new(
                        err.path()
                            .map(|p| p.display().to_string())
                            .unwrap_or_default(),
                        0,
                    ),
                    format!("cannot walk docs directory: {err}"),
                )
                .with_help("check that the directory exists and is readable"),
            ),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_stripped() {
        let (text, diag) = decode("a.md", b"\xEF\xBB\xBF# Title\n");
        assert_eq!(text, "# Title\n");
        assert!(diag.is_none());
    }

    #[test]
    fn invalid_utf8_is_replaced_and_reported_on_its_line() {
        let (text, diag) = decode("a.md", b"# T\nok\nbad \xFF here\n");
        assert!(text.contains("bad \u{FFFD} here"));
        let diag = diag.expect("diagnostic");
        assert_eq!((diag.code, diag.line), ("invalid-utf8", 3));
    }

    #[test]
    fn pages_are_found_sorted_with_relative_paths() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("beta/api")).unwrap();
        std::fs::write(dir.path().join("beta/api/b.md"), "b").unwrap();
        std::fs::write(dir.path().join("beta/api/a.md"), "a").unwrap();
        std::fs::write(dir.path().join("beta/api/c.txt"), "c").unwrap();
        let set = read_roots(&[dir.path().to_path_buf()]);
        let paths: Vec<_> = set.pages.iter().map(|p| p.rel_path.as_str()).collect();
        assert_eq!(paths, ["beta/api/a.md", "beta/api/b.md"]);
        assert!(set.diagnostics.is_empty());
    }

    #[test]
    fn missing_root_is_an_io_error_not_a_panic() {
        let set = read_roots(&[PathBuf::from("/definitely/not/here")]);
        assert!(set.pages.is_empty());
        assert_eq!(set.diagnostics[0].code, "io");
    }
}

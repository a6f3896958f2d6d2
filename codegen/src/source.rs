//! Source: find the pages under the docs roots and decode them.
//!
//! Pages are `*.md` files found by walkdir in a sorted, stable order. Their
//! bytes are decoded here so that the parser sees text only: a UTF-8 BOM is
//! stripped, invalid UTF-8 is replaced (with a diagnostic), and line endings
//! are left for the parser (which keeps line numbers right for CRLF and CR).

use crate::diag::{Code, Diagnostic, Location};
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
            if let Some(d) = too_large(&abs, &rel) {
                set.diagnostics.push(d);
                continue;
            }
            match std::fs::read(&abs) {
                Ok(bytes) => {
                    let (text, diag) = decode(&rel, &bytes);
                    set.diagnostics.extend(diag);
                    if let Some(previous_root) =
                        seen.insert(rel.clone(), root.display().to_string())
                    {
                        set.diagnostics.push(
                            Diagnostic::warning(
                                Code::DuplicatePage,
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
                        Code::Io,
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

/// The largest page read, in bytes. Line numbers are `u32` and the parser holds a
/// few copies of a page at once; the largest page of the Graph reference is under
/// 1 MiB, so a page 256 times larger is a mistake (or an attack), not docs.
pub const MAX_PAGE_BYTES: u64 = 256 * 1024 * 1024;

/// `page-too-large` when the file at `abs` is larger than [`MAX_PAGE_BYTES`].
fn too_large(abs: &Path, rel: &str) -> Option<Diagnostic> {
    let len = std::fs::metadata(abs).ok()?.len();
    (len > MAX_PAGE_BYTES).then(|| {
        Diagnostic::error(
            Code::PageTooLarge,
            &Location::new(rel, 1),
            format!(
                "the page is {len} bytes, more than the {} MiB a page may have; not read",
                MAX_PAGE_BYTES / (1024 * 1024)
            ),
        )
        .with_help("split the page, or remove what is not documentation from it")
    })
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
                Code::InvalidUtf8,
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
                Code::Io,
                &Location::new(root.display().to_string(), 0),
                "docs root does not exist",
            )
            .with_help("pass an existing directory to --docs"),
        );
        return Vec::new();
    }
    let mut out = Vec::new();
    // Symbolic links are not followed by the walk; one to a page inside the root is
    // read, any other is reported: nothing outside the docs tree is ever read.
    let canonical_root = root.canonicalize().ok();
    for entry in WalkDir::new(root).sort_by_file_name() {
        match entry {
            Ok(entry)
                if entry.path_is_symlink()
                    && (entry.path().is_dir()
                        || entry.path().extension().is_some_and(|e| e == "md"))
                    && !symlink_inside(entry.path(), canonical_root.as_deref()) =>
            {
                let rel = relative(root, entry.path());
                diags.push(
                    Diagnostic::warning(
                        Code::LinkOutsideDocs,
                        &Location::new(rel, 1),
                        "a symbolic link that leaves the docs tree (or links a directory); not read",
                    )
                    .with_help("copy the page into the docs tree instead of linking to it"),
                );
            }
            Ok(entry)
                if (entry.file_type().is_file() || entry.path_is_symlink())
                    && entry.path().extension().is_some_and(|e| e == "md") =>
            {
                out.push((entry.path().to_path_buf(), relative(root, entry.path())));
            }
            Ok(_) => {}
            Err(err) => diags.push(
                Diagnostic::error(
                    Code::Io,
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

/// `path` relative to `root`, with `/` separators.
fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Whether the symbolic link at `link` resolves to a `.md` file inside `root` (canonical).
fn symlink_inside(link: &Path, root: Option<&Path>) -> bool {
    let (Some(root), Ok(target)) = (root, link.canonicalize()) else {
        return false;
    };
    target.starts_with(root) && target.is_file() && link.extension().is_some_and(|e| e == "md")
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

    #[cfg(unix)]
    #[test]
    fn symlinks_leaving_the_tree_are_not_read() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.md"), "# secret").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let api = dir.path().join("beta/api");
        std::fs::create_dir_all(&api).unwrap();
        std::fs::write(api.join("a.md"), "a").unwrap();
        let link = |target: &Path, name: &str| std::os::unix::fs::symlink(target, api.join(name));
        link(&outside.path().join("secret.md"), "out.md").unwrap();
        link(outside.path(), "outdir").unwrap();
        link(&api.join("a.md"), "alias.md").unwrap();
        let set = read_roots(&[dir.path().to_path_buf()]);
        let paths: Vec<_> = set.pages.iter().map(|p| p.rel_path.as_str()).collect();
        assert_eq!(
            paths,
            ["beta/api/a.md", "beta/api/alias.md"],
            "the link inside is read"
        );
        let flagged: Vec<_> = set
            .diagnostics
            .iter()
            .map(|d| (d.code, d.file.as_str()))
            .collect();
        assert_eq!(
            flagged,
            [
                ("link-outside-docs", "beta/api/out.md"),
                ("link-outside-docs", "beta/api/outdir")
            ]
        );
        assert!(set.pages.iter().all(|p| !p.text.contains("secret")));
    }

    #[test]
    fn a_page_over_the_size_limit_is_an_error_not_read() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("ok.md"), "# ok").unwrap();
        // Sparse: the length is past the limit, the disk holds almost nothing.
        let f = std::fs::File::create(dir.path().join("huge.md")).unwrap();
        f.set_len(MAX_PAGE_BYTES + 1).unwrap();
        let set = read_roots(&[dir.path().to_path_buf()]);
        let paths: Vec<_> = set.pages.iter().map(|p| p.rel_path.as_str()).collect();
        assert_eq!(paths, ["ok.md"]);
        assert_eq!(set.diagnostics.len(), 1);
        assert_eq!(
            (set.diagnostics[0].code, set.diagnostics[0].file.as_str()),
            ("page-too-large", "huge.md")
        );
    }

    #[test]
    fn missing_root_is_an_io_error_not_a_panic() {
        let set = read_roots(&[PathBuf::from("/definitely/not/here")]);
        assert!(set.pages.is_empty());
        assert_eq!(set.diagnostics[0].code, "io");
    }
}

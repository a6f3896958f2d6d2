//! Where a finding's file is, for tools that read paths from the repository root
//! (`--format github` and `--format sarif`).
//!
//! Diagnostics name a page relative to its docs root (`beta/api/x.md`). GitHub
//! places an annotation (and code scanning a SARIF result) by a path relative to
//! the repository checkout, `$GITHUB_WORKSPACE`, which is also the working
//! directory of a job's steps. So the page is found under its root (the last root
//! holding it, as the later root wins), and its path is made relative to the base:
//! `--paths-from DIR` if given, else `$GITHUB_WORKSPACE` if set, else the current
//! directory. A page outside the base keeps its docs-root-relative path.

use std::path::{Path, PathBuf};

/// Maps docs-root-relative paths to base-relative ones.
#[derive(Debug, Clone)]
pub struct PathMapper {
    /// (root as given, root canonicalized)
    roots: Vec<(PathBuf, Option<PathBuf>)>,
    base: Option<PathBuf>,
}

impl PathMapper {
    /// `base`: `None` for `$GITHUB_WORKSPACE` or else the current directory.
    pub fn new(roots: &[PathBuf], base: Option<&Path>) -> Self {
        let base = match base {
            Some(b) => Some(b.to_path_buf()),
            None => std::env::var_os("GITHUB_WORKSPACE")
                .filter(|w| !w.is_empty())
                .map(PathBuf::from)
                .or_else(|| std::env::current_dir().ok()),
        };
        PathMapper {
            roots: roots
                .iter()
                .map(|r| (r.clone(), r.canonicalize().ok()))
                .collect(),
            base: base.and_then(|b| b.canonicalize().ok()),
        }
    }

    /// The path of `rel` (as diagnostics give it) relative to the base, with `/`.
    pub fn map(&self, rel: &str) -> String {
        if rel.is_empty() {
            return String::new();
        }
        for (given, canonical) in self.roots.iter().rev() {
            let Some(root) = canonical else { continue };
            let abs = if root.is_file() {
                // A page given as a root: diagnostics name it by its file name.
                if given
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy() == rel)
                {
                    root.clone()
                } else {
                    continue;
                }
            } else {
                let p = root.join(rel);
                if !p.is_file() {
                    continue;
                }
                p
            };
            if let Some(inside) = self.base.as_ref().and_then(|b| abs.strip_prefix(b).ok()) {
                return slashed(inside);
            }
            return rel.to_string();
        }
        rel.to_string()
    }
}

fn slashed(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_relative_to_the_base_and_the_last_root_wins() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("repo/docs/a");
        let b = dir.path().join("repo/docs/b");
        std::fs::create_dir_all(a.join("beta")).unwrap();
        std::fs::create_dir_all(b.join("beta")).unwrap();
        std::fs::write(a.join("beta/x.md"), "x").unwrap();
        std::fs::write(a.join("beta/y.md"), "y").unwrap();
        std::fs::write(b.join("beta/x.md"), "x").unwrap();
        let m = PathMapper::new(&[a.clone(), b.clone()], Some(&dir.path().join("repo")));
        assert_eq!(m.map("beta/x.md"), "docs/b/beta/x.md");
        assert_eq!(m.map("beta/y.md"), "docs/a/beta/y.md");
        // Not a page of any root (a root that does not exist, say): as given.
        assert_eq!(m.map("nowhere.md"), "nowhere.md");
        // Outside the base: relative to the docs root.
        let m = PathMapper::new(std::slice::from_ref(&a), Some(&b));
        assert_eq!(m.map("beta/y.md"), "beta/y.md");
        // A page given as a root.
        let m = PathMapper::new(&[a.join("beta/y.md")], Some(dir.path()));
        assert_eq!(m.map("y.md"), "repo/docs/a/beta/y.md");
    }
}

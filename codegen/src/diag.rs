//! Diagnostics: what is wrong with the docs (or the run), where, and why.
//!
//! Every stage reports problems as [`Diagnostic`] values instead of failing;
//! the run goes on and the exit status tells the worst [`Severity`].
//!
//! The list of every code, its severity, meaning and fix is in [`codes`].

pub mod codes;
pub mod github;
pub mod paths;
pub mod sarif;

pub use codes::Code;

use serde::{Deserialize, Serialize};
use std::fmt::Write as _;

/// How bad a diagnostic is. Ordered: `Note < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a run.
    Note,
    /// A doc defect the generator worked around; fails a run under `--deny warnings`.
    Warning,
    /// A doc defect that lost information (a page or block could not be read).
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A place in a docs file: the path relative to its docs root, and a 1-based line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Location {
    pub file: String,
    pub line: u32,
}

impl Location {
    pub fn new(file: impl Into<String>, line: u32) -> Self {
        Location {
            file: file.into(),
            line,
        }
    }
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// One finding. `code` is stable (documented in the README); `message` says
/// what is wrong, `help` what to fix, `related` the other places involved
/// (for conflicts: the page that disagrees).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Diagnostic {
    pub file: String,
    pub line: u32,
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
}

/// Another place a diagnostic points at.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Related {
    pub file: String,
    pub line: u32,
    pub message: String,
}

impl Diagnostic {
    /// A finding of `code` at `severity`, which must be one its rule lists
    /// (checked in debug builds; a test checks every construction in the sources).
    pub fn new(severity: Severity, code: Code, at: &Location, message: impl Into<String>) -> Self {
        debug_assert!(
            code.rule().severities.contains(&severity.as_str()),
            "`{}` is not listed as {}",
            code.as_str(),
            severity.as_str()
        );
        Diagnostic {
            file: at.file.clone(),
            line: at.line,
            severity,
            code: code.as_str(),
            message: message.into(),
            help: None,
            related: Vec::new(),
        }
    }
    pub fn error(code: Code, at: &Location, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, at, message)
    }
    pub fn warning(code: Code, at: &Location, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, at, message)
    }
    pub fn note(code: Code, at: &Location, message: impl Into<String>) -> Self {
        Self::new(Severity::Note, code, at, message)
    }
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
    pub fn with_related(mut self, at: &Location, message: impl Into<String>) -> Self {
        self.related.push(Related {
            file: at.file.clone(),
            line: at.line,
            message: message.into(),
        });
        self
    }
    pub fn location(&self) -> Location {
        Location::new(self.file.clone(), self.line)
    }

    /// Renders the diagnostic the way rustc does:
    /// ```text
    /// warning[type-conflict]: property `keySize` ...
    ///   --> beta/api/x.md:57
    ///    = note: beta/api/y.md:70: declared `keySize` here
    ///    = help: ...
    /// ```
    ///
    /// Text quoted from the docs shows its hidden characters as escapes
    /// ([`crate::hidden_chars::visible`]): a terminal never receives a control
    /// sequence or a bidi override from a page.
    pub fn render_human(&self) -> String {
        use crate::hidden_chars::visible;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{}[{}]: {}",
            self.severity.as_str(),
            self.code,
            visible(&self.message)
        );
        let _ = writeln!(out, "  --> {}:{}", visible(&self.file), self.line);
        for r in &self.related {
            let _ = writeln!(
                out,
                "   = note: {}:{}: {}",
                visible(&r.file),
                r.line,
                visible(&r.message)
            );
        }
        if let Some(help) = &self.help {
            let _ = writeln!(out, "   = help: {}", visible(help));
        }
        out
    }
}

/// Sorts diagnostics into their reporting order (file, line, code, message) and drops exact repeats.
pub fn sort_and_dedup(diags: &mut Vec<Diagnostic>) {
    diags.sort();
    diags.dedup();
}

/// The worst severity among `diags`, if any.
pub fn worst(diags: &[Diagnostic]) -> Option<Severity> {
    diags.iter().map(|d| d.severity).max()
}

//! Diagnostics as GitHub Actions workflow commands (`--format github`).
//!
//! One line per finding, `::error file=F,line=L,title=CODE::message` (`::warning`,
//! `::notice` for notes), which GitHub shows on the pull request's lines when `F`
//! is relative to the repository checkout (see [`super::paths`]). Escaping is
//! GitHub's (`toolkit/packages/core/src/command.ts`): in the message `%`, `\r`, `\n`
//! become `%25`, `%0D`, `%0A`; in property values also `:` and `,` become `%3A`, `%2C`.

use super::{Diagnostic, Severity};

/// The workflow command's name for a severity.
pub fn command_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    }
}

/// Escapes a command's message (data).
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (`file=`, `title=`).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The workflow command for `d`; `map` turns a diagnostic's file into the
/// checkout-relative path (the related places' too). Line 0 (a finding about a whole root) gives no `line=`;
/// the help and the related places follow the message on lines of their own.
pub fn command(d: &Diagnostic, map: &dyn Fn(&str) -> String) -> String {
    let file = map(&d.file);
    let mut props = Vec::new();
    if !file.is_empty() {
        props.push(format!("file={}", escape_property(&file)));
    }
    if d.line > 0 {
        props.push(format!("line={}", d.line));
    }
    props.push(format!("title={}", escape_property(d.code)));
    let mut message = d.message.clone();
    for r in &d.related {
        message.push_str(&format!(
            "\nnote: {}:{}: {}",
            map(&r.file),
            r.line,
            r.message
        ));
    }
    if let Some(help) = &d.help {
        message.push_str(&format!("\nhelp: {help}"));
    }
    format!(
        "::{} {}::{}",
        command_name(d.severity),
        props.join(","),
        escape_data(&message)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Code, Location};

    #[test]
    fn a_finding_is_one_escaped_line() {
        let d = Diagnostic::new(
            Severity::Warning,
            Code::TypeCell,
            &Location::new("beta/resources/a,b.md", 12),
            "100% wrong: a\r\nb",
        )
        .with_help("write it: so")
        .with_related(&Location::new("beta/c.md", 3), "there");
        let line = command(&d, &|f| format!("docs/{f}"));
        assert_eq!(
            line,
            "::warning file=docs/beta/resources/a%2Cb.md,line=12,title=type-cell::100%25 wrong: a%0D%0Ab%0Anote: docs/beta/c.md:3: there%0Ahelp: write it: so"
        );
        assert!(!line.contains('\n'));
    }

    #[test]
    fn notes_are_notices_and_line_0_is_left_out() {
        // (Codes as listed: a test scans the sources for the codes they emit.)
        let d = Diagnostic::new(Severity::Note, Code::LinkCase, &Location::new("x", 0), "m");
        assert_eq!(
            command(&d, &|f| f.to_string()),
            "::notice file=x,title=link-case::m"
        );
        let e = Diagnostic::new(Severity::Error, Code::Io, &Location::new("x:y", 3), "m");
        assert_eq!(
            command(&e, &|f| f.to_string()),
            "::error file=x%3Ay,line=3,title=io::m"
        );
    }
}

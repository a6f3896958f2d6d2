//! Parse: one page's text in, its [`PageFacts`] out. Pure; never panics.
//!
//! The structure of a page comes from the pulldown-cmark event stream
//! ([`markdown`]); the page readers ([`resource`], [`enum_page`], [`operation`])
//! walk its blocks by section. Every defect becomes a diagnostic.
//!
//! The diagnostic codes it emits are listed, with the others, in
//! [`crate::diag::codes`].

mod description;
mod enum_page;
mod front_matter;
mod hidden;
mod http_example;
mod inline;
mod markdown;
mod operation;
mod page_kind;
mod path_check;
mod resource;
mod table;
mod type_cell;

#[cfg(test)]
mod tests;

pub use path_check::MAX_SEGMENTS as MAX_PATH_SEGMENTS;

use crate::diag::{Code, Diagnostic, Location};
use crate::facts::{FormatEra, LinkFact, PageFacts, PageKind};
use markdown::{Block, Doc};

/// Per-page context: where diagnostics point, and the diagnostics so far.
pub(crate) struct Ctx {
    path: String,
    diags: Vec<Diagnostic>,
    /// The page's `Namespace:` line below a `microsoft.graph` sub-namespace
    /// (`callRecords` for `Namespace: microsoft.graph.callRecords`).
    namespace: Option<String>,
}

impl Ctx {
    fn at(&self, line: u32) -> Location {
        Location::new(self.path.clone(), line)
    }
    fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }
    /// The name a page gives the type it documents, in the page's namespace: a
    /// bare `session` on a `Namespace: microsoft.graph.callRecords` page is
    /// `callRecords.session`; a name with a namespace keeps it.
    fn in_namespace(&self, name: String) -> String {
        match &self.namespace {
            Some(ns) if !name.contains('.') => format!("{ns}.{name}"),
            _ => name,
        }
    }
}

/// The sub-namespace of a `Namespace: microsoft.graph.x` line (`x`), if any:
/// `microsoft.graph` itself and a truncated `microsoft.graph.` give none. A
/// namespace that is not a dotted name (`a.b`, each part a letter or `_`, then
/// letters, digits or `_`) is data the generated code cannot hold: it is given
/// back as `Err((line, namespace))` and the page stays in `microsoft.graph`.
fn namespace_of(blocks: &[Block]) -> Result<Option<String>, (u32, String)> {
    let Some((line, ns)) = intro(blocks).iter().find_map(|b| match b {
        Block::Paragraph { text, line, .. } => {
            let rest = text.strip_prefix("Namespace:")?.trim();
            Some((*line, rest.split_whitespace().next()?.trim_end_matches('.')))
        }
        _ => None,
    }) else {
        return Ok(None);
    };
    let identifier = |s: &str| {
        s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    };
    if !ns.split('.').all(identifier) {
        return Err((line, ns.to_string()));
    }
    let Some(sub) = ns.strip_prefix("microsoft.graph.") else {
        return Ok(None);
    };
    // `microsoft.graph.ediscovery.ediscovery`: the namespace once.
    let sub = sub.split('.').next().unwrap_or(sub);
    Ok((!sub.is_empty()).then(|| sub.to_string()))
}

/// Parses one page. `path` is relative to the docs root (`beta/api/x.md`), with `/` separators.
pub fn parse_page(path: &str, text: &str) -> PageFacts {
    // One `\n` per line break of any style, so byte offsets map to the right lines.
    let text = text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .replace("\r\n", "\n")
        .replace('\r', "\n");
    if text.trim().is_empty() {
        return PageFacts {
            path: path.to_string(),
            area: area(path),
            kind: Some(PageKind::Other),
            diagnostics: vec![Diagnostic::warning(
                Code::EmptyPage,
                &Location::new(path, 1),
                "the page is empty",
            )
            .with_help("write the page's content, or delete the file")],
            ..Default::default()
        };
    }
    let (fm, md) = front_matter::split(&text);
    let doc = markdown::parse_blocks(&md);
    let namespace = namespace_of(&doc.blocks);
    let mut ctx = Ctx {
        path: path.to_string(),
        diags: Vec::new(),
        namespace: namespace.clone().unwrap_or_default(),
    };
    if let Err((line, ns)) = namespace {
        ctx.push(
            Diagnostic::warning(
                Code::BadNamespace,
                &ctx.at(line),
                format!("`{ns}` is not a namespace (dotted names of letters, digits and `_`); the page's types stay in microsoft.graph"),
            )
            .with_help("write the line as `Namespace: microsoft.graph` or `Namespace: microsoft.graph.<name>`"),
        );
    }
    hidden::report(&mut ctx, &text);
    let mut facts = PageFacts {
        path: path.to_string(),
        area: page_area(path, fm.as_ref()),
        namespace: ctx.namespace.clone(),
        era: Some(match &fm {
            None => FormatEra::Legacy,
            Some(f) if f.doc_type.is_some() => FormatEra::Typed,
            Some(_) => FormatEra::FrontMatter,
        }),
        ..Default::default()
    };

    let h1 = doc.blocks.iter().find_map(|b| match b {
        Block::Heading {
            level: 1,
            text,
            line,
        } => Some((text.clone(), *line)),
        _ => None,
    });
    // The H1 is what the page shows; the front-matter title is a search-engine
    // title that differs from it on hand-written pages (`fileHashType enum`
    // over `# fileHashType enum type`). The H1 wins; without one, the title.
    let title = h1
        .as_ref()
        .map(|h| h.0.clone())
        .filter(|t| !t.trim().is_empty())
        .or_else(|| fm.as_ref().and_then(|f| f.title.clone()))
        .map(|t| inline::collapse_spaces(&t))
        .filter(|t| !t.is_empty());
    let title_line = h1.as_ref().map(|h| h.1).unwrap_or(1);
    facts.title = title.clone();
    let doc_type = fm.as_ref().and_then(|f| f.doc_type.as_deref());
    let has_http_request = doc.blocks.iter().any(|b| {
        matches!(b, Block::Heading { level: 2.., text, .. } if norm_heading(text).starts_with("http request"))
    });
    let kind = page_kind::page_kind(doc_type, title.as_deref().unwrap_or(""), has_http_request);
    let title = title.unwrap_or_default();
    match kind {
        Some(PageKind::Resource) => resource::read(&mut ctx, &doc, &title, title_line, &mut facts),
        Some(PageKind::Enum) => enum_page::read(&mut ctx, &doc, &title, title_line, &mut facts),
        Some(PageKind::Operation) => {
            operation::read(&mut ctx, &doc, &title, title_line, &mut facts)
        }
        Some(PageKind::Other) | None => ctx.push(
            Diagnostic::note(
                Code::UnknownPageKind,
                &ctx.at(title_line),
                format!("page `{title}` is not a resource, enum or operation page; no facts read"),
            )
            .with_help("give the page a `doc_type` in its front matter if it documents an API"),
        ),
    }
    facts.kind = Some(kind.unwrap_or(PageKind::Other));

    for b in &doc.blocks {
        if let Block::Code {
            closed: false,
            line,
            ..
        } = b
        {
            ctx.push(
                Diagnostic::warning(
                    Code::UnclosedCodeBlock,
                    &ctx.at(*line),
                    "code block is not closed; it runs to the end of the page",
                )
                .with_help("close the fence with ``` on its own line"),
            );
        }
    }
    facts.links = links(path, &doc);
    facts.diagnostics = ctx.diags;
    facts
}

/// `intune-deviceconfig-x.md` / `intune_deviceconfig_x.md` -> `intune-deviceconfig`.
/// The doc area of a page, its cargo feature: the product its front matter
/// names (`ms.prod`, lower-cased, words joined by `-`: `identity-and-sign-in`,
/// `microsoft-teams`), `other` for a page that names none. Intune pages (and
/// the pages without front matter, all of Intune's older formats) are split by
/// their file names' first two words instead (`intune-deviceconfig`), since
/// one product of 4,000 pages is too large a unit to compile.
fn page_area(path: &str, front_matter: Option<&front_matter::FrontMatter>) -> Option<String> {
    let Some(fm) = front_matter else {
        return area(path);
    };
    let product: String = fm
        .product
        .as_deref()
        .unwrap_or_default()
        .to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    match product.as_str() {
        "intune" => area(path),
        "" => Some("other".to_string()),
        _ => Some(product),
    }
}

/// An area from the file name's first two words (`intune-apps-x.md` -> `intune-apps`).
fn area(path: &str) -> Option<String> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.strip_suffix(".md").unwrap_or(name);
    let mut segs = stem.split(['-', '_']);
    let (a, b) = (segs.next()?, segs.next()?);
    if a.is_empty() || b.is_empty() {
        return None;
    }
    Some(format!("{a}-{b}"))
}

/// Links to docs pages (relative `.md` hrefs), resolved against the page's
/// directory. The targets of `[!INCLUDE]` directives are text spliced in when the
/// docs are built (SDK snippets, notices), not pages: they are left out.
fn links(path: &str, doc: &Doc) -> Vec<LinkFact> {
    let dir: Vec<&str> = match path.rfind('/') {
        Some(i) => path[..i].split('/').filter(|s| !s.is_empty()).collect(),
        None => Vec::new(),
    };
    doc.links
        .iter()
        .filter(|l| !l.include)
        .filter_map(|l| {
            let href = l.href.trim();
            let file = href.split(['#', '?']).next().unwrap_or(href);
            if !file.to_ascii_lowercase().ends_with(".md")
                || file.contains("://")
                || file.starts_with('/')
            {
                return None;
            }
            Some(LinkFact {
                label: l.label.clone(),
                href: l.href.clone(),
                target: resolve(&dir, file),
                at: Location::new(path, l.line),
            })
        })
        .collect()
}

fn resolve(dir: &[&str], rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.to_vec();
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// Lower-cased with whitespace runs collapsed: how headings are compared.
fn norm_heading(s: &str) -> String {
    inline::collapse_spaces(s).to_lowercase()
}

/// The blocks under the first level-2 heading named one of `names` (compared
/// case- and space-insensitively), up to the next level-1 or level-2 heading.
fn section<'a>(blocks: &'a [Block], names: &[&str]) -> Option<(u32, &'a [Block])> {
    let start = blocks.iter().position(|b| {
        matches!(b, Block::Heading { level: 2, text, .. } if names.iter().any(|n| norm_heading(text) == *n))
    })?;
    let line = blocks[start].line();
    let rest = &blocks[start + 1..];
    let end = rest
        .iter()
        .position(|b| matches!(b, Block::Heading { level, .. } if *level <= 2))
        .unwrap_or(rest.len());
    Some((line, &rest[..end]))
}

/// The blocks under every level-2 heading `accepts` (given the normalized heading),
/// each up to the next level-1 or level-2 heading, in page order.
fn sections_where(blocks: &[Block], accepts: impl Fn(&str) -> bool) -> Vec<&[Block]> {
    let mut out = Vec::new();
    for (start, b) in blocks.iter().enumerate() {
        let Block::Heading { level: 2, text, .. } = b else {
            continue;
        };
        if !accepts(&norm_heading(text)) {
            continue;
        }
        let rest = &blocks[start + 1..];
        let end = rest
            .iter()
            .position(|b| matches!(b, Block::Heading { level, .. } if *level <= 2))
            .unwrap_or(rest.len());
        out.push(&rest[..end]);
    }
    out
}

/// The blocks between the H1 (or the page start) and the first level-2 heading.
fn intro(blocks: &[Block]) -> &[Block] {
    let start = blocks
        .iter()
        .position(|b| matches!(b, Block::Heading { level: 1, .. }))
        .map(|i| i + 1)
        .unwrap_or(0);
    let rest = &blocks[start..];
    let end = rest
        .iter()
        .position(|b| matches!(b, Block::Heading { level, .. } if *level <= 2))
        .unwrap_or(rest.len());
    &rest[..end]
}

/// The first prose paragraph of the intro: not in a blockquote, not `Namespace:`,
/// not an `[!INCLUDE]`, not the `Inherits from` line.
fn description_paragraph(blocks: &[Block]) -> Option<(&[inline::Inline], &str)> {
    intro(blocks).iter().find_map(|b| match b {
        Block::Paragraph {
            inlines,
            text,
            quoted: false,
            ..
        } => {
            let lower = text.to_ascii_lowercase();
            let boilerplate = lower.starts_with("namespace:")
                || lower.starts_with("[!include")
                || lower.starts_with("inherits from")
                || text.is_empty();
            (!boilerplate).then_some((inlines.as_slice(), text.as_str()))
        }
        _ => None,
    })
}

fn missing_section(ctx: &mut Ctx, line: u32, name: &str) {
    ctx.push(
        Diagnostic::warning(
            Code::MissingSection,
            &ctx.at(line),
            format!("page has no `## {name}` section"),
        )
        .with_help(format!("add a `## {name}` section")),
    );
}

//! Inline content of a paragraph, heading or table cell, flattened to what the
//! page readers need: plain text, code spans, links, and emphasised text.
//!
//! Emphasis is kept as its text only: the docs use `*A.B.All*` (scope lines)
//! and `**Onboarding**` (workflow labels) as markers, never nested formatting
//! that carries meaning.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Code(String),
    Link {
        label: String,
        href: String,
    },
    /// `**x**`: its text.
    Strong(String),
    /// `*x*`: its text.
    Emphasis(String),
}

impl Inline {
    /// The text a reader sees: a link shows its label.
    pub fn plain(&self) -> &str {
        match self {
            Inline::Text(t) | Inline::Code(t) | Inline::Strong(t) | Inline::Emphasis(t) => t,
            Inline::Link { label, .. } => label,
        }
    }

    pub fn is_blank_text(&self) -> bool {
        matches!(self, Inline::Text(t) if t.trim_matches(is_space).is_empty())
    }
}

/// Whitespace including the non-breaking space that `&nbsp;` decodes to.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}'
}

/// Plain text of a run of inlines, with `&nbsp;` turned into spaces, whitespace
/// runs collapsed, and the ends trimmed.
pub fn plain_text(inlines: &[Inline]) -> String {
    let joined: String = inlines.iter().map(Inline::plain).collect();
    collapse_spaces(&joined)
}

pub fn collapse_spaces(s: &str) -> String {
    s.split(is_space)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The inlines with blank text runs dropped: what a cell "consists of".
pub fn significant(inlines: &[Inline]) -> Vec<&Inline> {
    inlines.iter().filter(|i| !i.is_blank_text()).collect()
}

/// Accumulates inline events into [`Inline`] values. Text events arrive in
/// pieces (pulldown-cmark splits at entities and brackets), so adjacent text
/// is merged.
#[derive(Debug, Default)]
pub struct InlineBuilder {
    out: Vec<Inline>,
    /// Open link: its href and the label so far.
    link: Option<(String, String)>,
    /// Open emphasis/strong spans, innermost last: (is_strong, text so far).
    spans: Vec<(bool, String)>,
}

impl InlineBuilder {
    pub fn take(&mut self) -> Vec<Inline> {
        self.link = None;
        self.spans.clear();
        std::mem::take(&mut self.out)
    }

    pub fn text(&mut self, t: &str) {
        if let Some((_, label)) = &mut self.link {
            label.push_str(t);
        } else if let Some((_, s)) = self.spans.last_mut() {
            s.push_str(t);
        } else if let Some(Inline::Text(prev)) = self.out.last_mut() {
            prev.push_str(t);
        } else {
            self.out.push(Inline::Text(t.to_string()));
        }
    }

    pub fn code(&mut self, c: &str) {
        if let Some((_, label)) = &mut self.link {
            label.push_str(c);
        } else if let Some((_, s)) = self.spans.last_mut() {
            s.push_str(c);
        } else {
            self.out.push(Inline::Code(c.to_string()));
        }
    }

    pub fn start_link(&mut self, href: &str) {
        // A link inside a link cannot happen in CommonMark; if it did, the outer label keeps the text.
        if self.link.is_none() {
            self.link = Some((href.to_string(), String::new()));
        }
    }

    /// Whether the text before the open link ends with `[!INCLUDE ` (any case):
    /// the link is the target of an include directive.
    pub fn ends_with_include_marker(&self) -> bool {
        matches!(self.out.last(), Some(Inline::Text(t))
            if t.trim_end().to_ascii_lowercase().ends_with("[!include"))
    }

    /// Closes the open link and returns (label, href) for the page's link list.
    pub fn end_link(&mut self) -> Option<(String, String)> {
        let (href, label) = self.link.take()?;
        if let Some((_, s)) = self.spans.last_mut() {
            s.push_str(&label);
        } else {
            self.out.push(Inline::Link {
                label: label.clone(),
                href: href.clone(),
            });
        }
        Some((label, href))
    }

    pub fn start_span(&mut self, strong: bool) {
        if self.link.is_none() {
            self.spans.push((strong, String::new()));
        }
    }

    pub fn end_span(&mut self) {
        if self.link.is_some() {
            return;
        }
        let Some((strong, text)) = self.spans.pop() else {
            return;
        };
        if let Some((_, outer)) = self.spans.last_mut() {
            outer.push_str(&text);
        } else if strong {
            self.out.push(Inline::Strong(text));
        } else {
            self.out.push(Inline::Emphasis(text));
        }
    }
}

/// Parses a fragment of Markdown (a re-joined table cell) as inline content.
/// Used only where the table event stream dropped text (surplus cells).
pub fn parse_fragment(fragment: &str) -> Vec<Inline> {
    let mut b = InlineBuilder::default();
    for ev in Parser::new_ext(fragment, Options::empty()) {
        match ev {
            Event::Text(t) => b.text(&t),
            Event::Code(c) => b.code(&c),
            Event::SoftBreak | Event::HardBreak => b.text(" "),
            Event::Start(Tag::Link { dest_url, .. }) => b.start_link(&dest_url),
            Event::End(TagEnd::Link) => {
                b.end_link();
            }
            Event::Start(Tag::Emphasis) => b.start_span(false),
            Event::Start(Tag::Strong) => b.start_span(true),
            Event::End(TagEnd::Emphasis) | Event::End(TagEnd::Strong) => b.end_span(),
            _ => {}
        }
    }
    b.take()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragment_keeps_links_and_code() {
        let i =
            parse_fragment("Name (*.cer | *.crt). Inherited from [base](../resources/b.md) `x`");
        assert_eq!(
            plain_text(&i),
            "Name (*.cer | *.crt). Inherited from base x"
        );
        assert!(i
            .iter()
            .any(|x| matches!(x, Inline::Link { label, .. } if label == "base")));
        assert!(i.iter().any(|x| matches!(x, Inline::Code(c) if c == "x")));
    }
}

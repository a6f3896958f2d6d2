//! The pulldown-cmark event stream flattened into the blocks the page readers
//! walk: headings, paragraphs, tables, code blocks and HTML blocks, each with
//! its 1-based line. Every link outside code is also collected, with its line.

use super::inline::{plain_text, Inline, InlineBuilder};
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

#[derive(Debug, Clone)]
pub struct Cell {
    pub inlines: Vec<Inline>,
    /// Plain text (links as labels, `&nbsp;` as space, whitespace collapsed).
    pub text: String,
}

impl Cell {
    pub fn new(inlines: Vec<Inline>) -> Self {
        let text = plain_text(&inlines);
        Cell { inlines, text }
    }
}

#[derive(Debug, Clone)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub line: u32,
    /// The row's physical line as written (needed where GFM drops surplus cells).
    pub raw: String,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub header: Vec<Cell>,
    pub rows: Vec<Row>,
    pub line: u32,
}

#[derive(Debug, Clone)]
pub enum Block {
    Heading {
        level: u8,
        text: String,
        line: u32,
    },
    /// `quoted`: inside a blockquote (the `> **Note**` boilerplate).
    Paragraph {
        inlines: Vec<Inline>,
        text: String,
        line: u32,
        quoted: bool,
    },
    Table(Table),
    /// `first_line`: line of the first content line. `closed`: the fence was closed.
    Code {
        info: String,
        text: String,
        line: u32,
        first_line: u32,
        closed: bool,
    },
    Html {
        text: String,
        line: u32,
    },
}

impl Block {
    pub fn line(&self) -> u32 {
        match self {
            Block::Heading { line, .. }
            | Block::Paragraph { line, .. }
            | Block::Code { line, .. }
            | Block::Html { line, .. } => *line,
            Block::Table(t) => t.line,
        }
    }
}

#[derive(Debug, Clone)]
pub struct RawLink {
    pub label: String,
    pub href: String,
    pub line: u32,
    /// The link is the target of an `[!INCLUDE [label](path)]` directive (text
    /// spliced in when the docs are built), not a link a reader follows.
    pub include: bool,
}

#[derive(Debug, Default)]
pub struct Doc {
    pub blocks: Vec<Block>,
    pub links: Vec<RawLink>,
}

/// Byte offset -> 1-based line, built once per text.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    pub fn line(&self, offset: usize) -> u32 {
        self.starts.partition_point(|&s| s <= offset).max(1) as u32
    }
}

/// What is being built while inside a container block.
enum Open {
    None,
    Heading {
        level: u8,
        line: u32,
    },
    Paragraph {
        line: u32,
    },
    Code {
        info: String,
        text: String,
        range: Range<usize>,
        fenced: bool,
    },
    Html {
        text: String,
        line: u32,
    },
}

/// Parses `text` (already `\n`-normalised, front matter blanked) into blocks.
pub fn parse_blocks(text: &str) -> Doc {
    let normalized = delimiter_rows_without_tabs(text);
    let text: &str = &normalized;
    let lines = LineIndex::new(text);
    let mut doc = Doc::default();
    let mut b = InlineBuilder::default();
    let mut open = Open::None;
    let mut quote_depth = 0usize;
    let mut table: Option<Table> = None;
    let mut in_head = false;
    let mut row: Option<Row> = None;
    let mut link_line = 0u32;

    for (ev, range) in Parser::new_ext(text, Options::ENABLE_TABLES).into_offset_iter() {
        match ev {
            Event::Start(tag) => match tag {
                Tag::Heading { level, .. } => {
                    b.take();
                    open = Open::Heading {
                        level: level as u8,
                        line: lines.line(range.start),
                    };
                }
                Tag::Paragraph => {
                    b.take();
                    open = Open::Paragraph {
                        line: lines.line(range.start),
                    };
                }
                Tag::BlockQuote(_) => quote_depth += 1,
                Tag::CodeBlock(kind) => {
                    let (info, fenced) = match kind {
                        CodeBlockKind::Fenced(info) => (info.trim().to_string(), true),
                        CodeBlockKind::Indented => (String::new(), false),
                    };
                    open = Open::Code {
                        info,
                        text: String::new(),
                        range,
                        fenced,
                    };
                }
                Tag::HtmlBlock => {
                    open = Open::Html {
                        text: String::new(),
                        line: lines.line(range.start),
                    }
                }
                Tag::Table(_) => {
                    table = Some(Table {
                        header: Vec::new(),
                        rows: Vec::new(),
                        line: lines.line(range.start),
                    })
                }
                Tag::TableHead => in_head = true,
                Tag::TableRow => {
                    let raw = text
                        .get(range.clone())
                        .unwrap_or("")
                        .lines()
                        .next()
                        .unwrap_or("")
                        .to_string();
                    row = Some(Row {
                        cells: Vec::new(),
                        line: lines.line(range.start),
                        raw,
                    });
                }
                Tag::TableCell => {
                    b.take();
                }
                Tag::Link { dest_url, .. } => {
                    link_line = lines.line(range.start);
                    b.start_link(&dest_url);
                }
                Tag::Emphasis => b.start_span(false),
                Tag::Strong => b.start_span(true),
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Heading(_) => {
                    if let Open::Heading { level, line } = std::mem::replace(&mut open, Open::None)
                    {
                        let inl = b.take();
                        // `# [HTTP](#tab/http)` marks a code-sample tab, not a heading:
                        // it must not end the section it sits in.
                        let tab_marker = matches!(
                            super::inline::significant(&inl).as_slice(),
                            [Inline::Link { href, .. }] if href.starts_with("#tab/")
                        );
                        if !tab_marker {
                            doc.blocks.push(Block::Heading {
                                level,
                                text: plain_text(&inl),
                                line,
                            });
                        }
                    }
                }
                TagEnd::Paragraph => {
                    if let Open::Paragraph { line } = std::mem::replace(&mut open, Open::None) {
                        let inlines = b.take();
                        let text = plain_text(&inlines);
                        doc.blocks.push(Block::Paragraph {
                            inlines,
                            text,
                            line,
                            quoted: quote_depth > 0,
                        });
                    }
                }
                TagEnd::BlockQuote(_) => quote_depth = quote_depth.saturating_sub(1),
                TagEnd::CodeBlock => {
                    if let Open::Code {
                        info,
                        text: body,
                        range,
                        fenced,
                    } = std::mem::replace(&mut open, Open::None)
                    {
                        let src = text.get(range.clone()).unwrap_or("");
                        let line = lines.line(range.start);
                        // An empty fence on the page's last line has no content line:
                        // stay on the page (diagnostics about its content point at the fence).
                        let last_line = lines.line(text.len());
                        let first_line = if fenced {
                            (line + 1).min(last_line)
                        } else {
                            line
                        };
                        let closed = !fenced || fence_closed(src);
                        doc.blocks.push(Block::Code {
                            info,
                            text: body,
                            line,
                            first_line,
                            closed,
                        });
                    }
                }
                TagEnd::HtmlBlock => {
                    if let Open::Html { text: t, line } = std::mem::replace(&mut open, Open::None) {
                        doc.blocks.push(Block::Html { text: t, line });
                    }
                }
                TagEnd::Table => {
                    if let Some(t) = table.take() {
                        doc.blocks.push(Block::Table(t));
                    }
                }
                TagEnd::TableHead => in_head = false,
                TagEnd::TableRow => {
                    if let (Some(r), Some(t)) = (row.take(), table.as_mut()) {
                        t.rows.push(r);
                    }
                }
                TagEnd::TableCell => {
                    let cell = Cell::new(b.take());
                    if in_head {
                        if let Some(t) = table.as_mut() {
                            t.header.push(cell);
                        }
                    } else if let Some(r) = row.as_mut() {
                        r.cells.push(cell);
                    }
                }
                TagEnd::Link => {
                    let include = b.ends_with_include_marker();
                    if let Some((label, href)) = b.end_link() {
                        doc.links.push(RawLink {
                            label,
                            href,
                            line: link_line,
                            include,
                        });
                    }
                }
                TagEnd::Emphasis | TagEnd::Strong => b.end_span(),
                _ => {}
            },
            Event::Text(t) => match &mut open {
                Open::Code { text: body, .. } => body.push_str(&t),
                Open::Html { text: h, .. } => h.push_str(&t),
                _ => b.text(&t),
            },
            Event::Html(h) => match &mut open {
                Open::Html { text: buf, .. } => buf.push_str(&h),
                // An HTML block inside a paragraph cannot happen; keep it visible anyway.
                _ => doc.blocks.push(Block::Html {
                    text: h.to_string(),
                    line: lines.line(range.start),
                }),
            },
            Event::Code(c) => b.code(&c),
            Event::SoftBreak | Event::HardBreak => b.text(" "),
            _ => {}
        }
    }
    // A table left open by a truncated page still counts.
    if let Some(t) = table.take() {
        doc.blocks.push(Block::Table(t));
    }
    doc
}

/// Whether a fenced block's source ends with a closing fence (pulldown-cmark
/// silently closes a fence at the end of the document).
/// The text with tabs in table delimiter rows (`| --- |---\t\t| --- |`) made
/// spaces: the Markdown parser does not take such a row as a delimiter, and the
/// table above it is lost. One byte for one keeps every offset and line.
fn delimiter_rows_without_tabs(text: &str) -> std::borrow::Cow<'_, str> {
    let is_delimiter_row = |line: &str| {
        let t = line.trim();
        t.starts_with('|')
            && t.contains('-')
            && t.contains('\t')
            && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
    };
    if !text.lines().any(is_delimiter_row) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        if is_delimiter_row(line) {
            out.push_str(&line.replace('\t', " "));
        } else {
            out.push_str(line);
        }
    }
    std::borrow::Cow::Owned(out)
}

fn fence_closed(src: &str) -> bool {
    let mut ls = src.trim_end_matches('\n').lines();
    let Some(first) = ls.next() else { return false };
    let first = first.trim_start();
    let Some(ch) = first.chars().next() else {
        return false;
    };
    let open_len = first.chars().take_while(|&c| c == ch).count();
    let Some(last) = ls.last() else { return false };
    let last = last.trim();
    let close_len = last.chars().take_while(|&c| c == ch).count();
    close_len >= open_len && last.chars().all(|c| c == ch)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_and_lines() {
        let d = parse_blocks("# T\n\npara [a](x.md)\n## H\n|a|b|\n|-|-|\n|1|2|\n\n```json\n{}\n");
        assert!(matches!(
            &d.blocks[0],
            Block::Heading {
                level: 1,
                line: 1,
                ..
            }
        ));
        assert!(matches!(&d.blocks[1], Block::Paragraph { line: 3, .. }));
        // A heading interrupts the paragraph without a blank line.
        assert!(matches!(
            &d.blocks[2],
            Block::Heading {
                level: 2,
                line: 4,
                ..
            }
        ));
        let Block::Table(t) = &d.blocks[3] else {
            panic!("{:?}", d.blocks[3])
        };
        assert_eq!(t.rows[0].line, 7);
        assert_eq!(t.rows[0].raw, "|1|2|");
        assert!(matches!(
            &d.blocks[4],
            Block::Code {
                first_line: 10,
                closed: false,
                ..
            }
        ));
        assert_eq!(d.links[0].line, 3);
        assert!(!d.links[0].include);
    }

    #[test]
    fn a_delimiter_row_with_tabs_still_makes_a_table() {
        let d = parse_blocks("| Property | Type\t\t| Description |\n| --- |---\t \t\t| ---|\n| id | String\t| The key. |\n");
        let Some(Block::Table(t)) = d.blocks.first() else {
            panic!("no table: {:?}", d.blocks);
        };
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].line, 3);
        assert_eq!(t.rows[0].cells[1].text, "String");
    }

    #[test]
    fn tab_markers_are_not_headings() {
        let d = parse_blocks("## Example\n\n### Request\n\n# [HTTP](#tab/http)\n```http\nGET /me\n```\n# [C#](#tab/csharp)\n\n---\n");
        let headings = d
            .blocks
            .iter()
            .filter(|b| matches!(b, Block::Heading { .. }))
            .count();
        assert_eq!(headings, 2);
    }

    #[test]
    fn include_directives_are_marked() {
        let d =
            parse_blocks("[!INCLUDE [sample-code](../includes/snippets/a.md)]\n\nSee [x](x.md).\n");
        assert_eq!(d.links.len(), 2);
        assert!(d.links[0].include);
        assert!(!d.links[1].include);
    }
}

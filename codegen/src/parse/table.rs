//! Data-table rows as the docs meant them, repairing what GFM cannot see:
//! surplus cells from a raw `|` in a description, rows broken over two lines,
//! rows missing their first cell, bold workflow sub-header rows, duplicates.

use super::inline::{parse_fragment, significant, Inline};
use super::markdown::{Cell, Row, Table};
use super::Ctx;
use crate::diag::{Code, Diagnostic};
use std::collections::HashMap;

/// Splits a raw table row into its cell sources the way GFM does: on every
/// unescaped `|` (GFM splits inside code spans too), without the outer pipes.
pub fn raw_cells(raw: &str) -> Vec<&str> {
    let t = raw.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = if t.ends_with('|') && !t.ends_with("\\|") {
        &t[..t.len() - 1]
    } else {
        t
    };
    let mut cells = Vec::new();
    let mut start = 0;
    let bytes = t.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'|' && (i == 0 || bytes[i - 1] != b'\\') {
            cells.push(&t[start..i]);
            start = i + 1;
        }
    }
    cells.push(&t[start..]);
    cells
}

/// A cell that is only `**label**` (possibly with `&nbsp;` indentation).
pub fn is_bold_label(cell: &Cell) -> bool {
    matches!(significant(&cell.inlines).as_slice(), [Inline::Strong(_)])
}

/// The data rows of `table`: surplus cells re-joined into the last column,
/// continuation lines appended to the previous row, broken and workflow rows
/// skipped, and duplicate names (first column) dropped with a warning.
pub fn data_rows(ctx: &mut Ctx, table: &Table) -> Vec<Row> {
    let width = table.header.len();
    let mut out: Vec<Row> = Vec::new();
    let mut seen: HashMap<String, u32> = HashMap::new();
    for row in &table.rows {
        if row.cells.is_empty() {
            continue;
        }
        let mut row = row.clone();
        let has_leading_pipe = row.raw.trim_start().starts_with('|');
        let filled: Vec<usize> = (0..row.cells.len())
            .filter(|&i| !row.cells[i].text.is_empty())
            .collect();
        if !has_leading_pipe {
            if filled == [0] && !out.is_empty() {
                let prev = out.last_mut().expect("checked non-empty");
                if let Some(last) = prev.cells.last_mut() {
                    let mut inlines = std::mem::take(&mut last.inlines);
                    inlines.push(Inline::Text(" ".to_string()));
                    inlines.extend(row.cells[0].inlines.iter().cloned());
                    *last = Cell::new(inlines);
                }
                ctx.push(
                    Diagnostic::note(
                        Code::TableRowContinued,
                        &ctx.at(row.line),
                        "table row continues on this line; re-joined with the row above",
                    )
                    .with_help("keep each table row on one physical line"),
                );
            } else {
                ctx.push(
                    Diagnostic::warning(
                        Code::TableRowCells,
                        &ctx.at(row.line),
                        "table row without a leading `|` is missing cells; skipped",
                    )
                    .with_help("start the row with `|` and give it one cell per column"),
                );
            }
            continue;
        }
        let raw = raw_cells(&row.raw);
        if width >= 1 && raw.len() > width {
            let joined = raw[width - 1..].join("|");
            if let Some(last) = row.cells.get_mut(width - 1) {
                *last = Cell::new(parse_fragment(joined.trim()));
            }
            ctx.push(
                Diagnostic::note(
                    Code::TableRowExtraCells,
                    &ctx.at(row.line),
                    format!("table row has {} cells for {} columns (a raw `|` in the text); the surplus is re-joined into the last column", raw.len(), width),
                )
                .with_help("escape a literal pipe as `\\|`"),
            );
        }
        if is_bold_label(&row.cells[0]) && row.cells[1..].iter().all(|c| c.text.is_empty()) {
            ctx.push(
                Diagnostic::note(
                    Code::WorkflowRow,
                    &ctx.at(row.line),
                    format!("bold sub-header row `{}` skipped", row.cells[0].text),
                )
                .with_help("split the table per workflow instead of using sub-header rows"),
            );
            continue;
        }
        if raw.len() < width {
            ctx.push(
                Diagnostic::warning(
                    Code::TableRowCells,
                    &ctx.at(row.line),
                    format!("table row has {} cells for {} columns", raw.len(), width),
                )
                .with_help("give the row one cell per column"),
            );
        }
        if row.cells.first().is_some_and(|c| c.text.is_empty()) {
            ctx.push(
                Diagnostic::warning(
                    Code::TableRowCells,
                    &ctx.at(row.line),
                    "table row has an empty first cell; skipped",
                )
                .with_help("fill in the row's name"),
            );
            continue;
        }
        if let Some(&first_line) = seen.get(&row.cells[0].text) {
            ctx.push(
                Diagnostic::warning(
                    Code::DuplicateRow,
                    &ctx.at(row.line),
                    format!(
                        "`{}` is listed twice in this table; the first row is kept",
                        row.cells[0].text
                    ),
                )
                .with_related(&ctx.at(first_line), "first listed here")
                .with_help("remove the repeated row"),
            );
            continue;
        }
        seen.insert(row.cells[0].text.clone(), row.line);
        out.push(row);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_split() {
        assert_eq!(raw_cells("|a|b (*.x | *.y).|"), ["a", "b (*.x ", " *.y)."]);
        assert_eq!(raw_cells("x|y|"), ["x", "y"]);
        assert_eq!(raw_cells("|a\\|b|c|"), ["a\\|b", "c"]);
    }
}

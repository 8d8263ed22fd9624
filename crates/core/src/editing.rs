//! The program editor's keys, as text operations: Tab indents (the selected lines, or at the
//! caret), Shift+Tab dedents, Enter keeps the line's indentation and opens a block after `:`.
//! Pure, so the rules are tested natively; the view only applies the [`Edit`] it gets back.
//!
//! Positions are UTF-16 code units, as a text area's `selectionStart` counts them.

/// One indentation level (PEP 8's four spaces).
pub const INDENT: &str = "    ";

/// A change to make: replace `start..end` (UTF-16 units) with `insert`, then select
/// `select_start..select_end` in the new text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    /// Where the replaced range begins.
    pub start: u32,
    /// Where it ends.
    pub end: u32,
    /// What goes in its place.
    pub insert: String,
    /// The selection afterwards: its start…
    pub select_start: u32,
    /// …and its end (equal to the start: a caret).
    pub select_end: u32,
}

/// The text's UTF-16 offsets of each char boundary, to map selection positions to byte offsets.
fn byte_at(text: &str, utf16: u32) -> usize {
    let mut units = 0u32;
    for (i, c) in text.char_indices() {
        if units >= utf16 {
            return i;
        }
        units += c.len_utf16() as u32;
    }
    text.len()
}

fn utf16_len(s: &str) -> u32 {
    s.encode_utf16().count() as u32
}

/// The byte offset where the line holding byte `at` begins.
fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// Tab (`outdent` false) or Shift+Tab (true) with `start..end` selected.
///
/// A caret or a selection within one line: Tab inserts spaces to the next multiple of four
/// columns; Shift+Tab removes up to four spaces of the line's indentation. A selection over
/// several lines indents or dedents each of them, and stays on them.
pub fn tab(text: &str, start: u32, end: u32, outdent: bool) -> Option<Edit> {
    let (start, end) = (start.min(end), start.max(end));
    let (b_start, b_end) = (byte_at(text, start), byte_at(text, end));
    let first = line_start(text, b_start);
    let multi = text[b_start..b_end].contains('\n');
    if !multi && !outdent {
        let column = text[first..b_start].chars().count();
        let spaces = INDENT.len() - column % INDENT.len();
        let caret = start + spaces as u32;
        return Some(Edit {
            start,
            end,
            insert: " ".repeat(spaces),
            select_start: caret,
            select_end: caret,
        });
    }
    // Whole lines: from the first selected line's start to the last one's end (a selection
    // ending at a line's very start leaves that line alone).
    let last_end = if multi && b_end > 0 && text.as_bytes()[b_end - 1] == b'\n' {
        b_end - 1
    } else {
        text[b_end..].find('\n').map_or(text.len(), |i| b_end + i)
    };
    let block = &text[first..last_end];
    let mut out = String::with_capacity(block.len() + 16);
    let (mut removed_first, mut delta_total) = (0i64, 0i64);
    for (i, line) in block.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if outdent {
            let n = line.len() - line.trim_start_matches(' ').len();
            let cut = n.min(INDENT.len());
            out.push_str(&line[cut..]);
            if i == 0 {
                removed_first = cut as i64;
            }
            delta_total -= cut as i64;
        } else if line.trim().is_empty() {
            out.push_str(line);
        } else {
            out.push_str(INDENT);
            out.push_str(line);
            if i == 0 {
                removed_first = -(INDENT.len() as i64);
            }
            delta_total += INDENT.len() as i64;
        }
    }
    if out == block {
        return None;
    }
    let from = utf16_len(&text[..first]);
    let to = from + utf16_len(block);
    let shift = |pos: u32, delta: i64| (pos as i64 + delta).max(from as i64) as u32;
    let (select_start, select_end) = if multi {
        (shift(start, -removed_first), shift(end, delta_total))
    } else {
        (shift(start, -removed_first), shift(end, -removed_first))
    };
    Some(Edit {
        start: from,
        end: to,
        insert: out,
        select_start,
        select_end,
    })
}

/// Enter with `start..end` selected: a new line with the current line's indentation, one
/// level more after a line ending in `:` (a comment after it aside).
pub fn newline(text: &str, start: u32, end: u32) -> Edit {
    let (start, end) = (start.min(end), start.max(end));
    let b_start = byte_at(text, start);
    let first = line_start(text, b_start);
    let before = &text[first..b_start];
    let indent: String = before.chars().take_while(|c| *c == ' ').collect();
    let code = before.split('#').next().unwrap_or("").trim_end();
    let opens = code.ends_with(':');
    let insert = format!("\n{indent}{}", if opens { INDENT } else { "" });
    let caret = start + utf16_len(&insert);
    Edit {
        start,
        end,
        insert,
        select_start: caret,
        select_end: caret,
    }
}

/// Applies `edit` to `text` (what the view's text area does), for tests and for a view that
/// cannot edit in place.
pub fn apply(text: &str, edit: &Edit) -> String {
    let (a, b) = (byte_at(text, edit.start), byte_at(text, edit.end));
    format!("{}{}{}", &text[..a], edit.insert, &text[b..])
}

/// The program split into lines of highlighted pieces, for a view that draws a line a row
/// (numbers, marks and the error's line are per row). Every line of `source` gets a row, the
/// last one too when the text ends with a newline.
pub fn highlighted_lines(source: &str) -> Vec<Vec<(crate::highlight::Token, String)>> {
    let mut rows: Vec<Vec<(crate::highlight::Token, String)>> = vec![Vec::new()];
    for (token, piece) in crate::highlight::python(source) {
        for (i, part) in piece.split('\n').enumerate() {
            if i > 0 {
                rows.push(Vec::new());
            }
            if !part.is_empty() {
                rows.last_mut()
                    .expect("a row")
                    .push((token, part.to_string()));
            }
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, edit: Option<Edit>) -> (String, u32, u32) {
        let edit = edit.expect("an edit");
        (apply(text, &edit), edit.select_start, edit.select_end)
    }

    #[test]
    fn tab_at_a_caret_goes_to_the_next_four_columns() {
        assert_eq!(run("ab", tab("ab", 2, 2, false)), ("ab  ".into(), 4, 4));
        assert_eq!(
            run("x = 1", tab("x = 1", 0, 0, false)),
            ("    x = 1".into(), 4, 4)
        );
        // In a line's second line: columns count from that line's start.
        let t = "def f():\n  y";
        assert_eq!(run(t, tab(t, 11, 11, false)).0, "def f():\n    y");
    }

    #[test]
    fn shift_tab_removes_up_to_one_level() {
        let t = "if x:\n      y = 1";
        let (out, s, e) = run(t, tab(t, 12, 12, true));
        assert_eq!(out, "if x:\n  y = 1");
        assert_eq!((s, e), (8, 8));
        // Nothing to remove: no edit at all.
        assert_eq!(tab("y = 1", 2, 2, true), None);
    }

    #[test]
    fn a_selection_over_lines_indents_and_dedents_each_and_keeps_them_selected() {
        let t = "a\nb\n\nc\nd";
        // Select from "a" to the middle of "c": a, b, (empty stays empty), c indented.
        let (out, s, e) = run(t, tab(t, 0, 6, false));
        assert_eq!(out, "    a\n    b\n\n    c\nd");
        assert_eq!((s, e), (4, 18));
        let (back, s2, e2) = run(&out, tab(&out, s, e, true));
        assert_eq!(back, t);
        assert_eq!((s2, e2), (0, 6));
        // A selection ending at the start of a line leaves that line alone.
        let (out, _, _) = run(t, tab(t, 0, 2, false));
        assert_eq!(out, "    a\nb\n\nc\nd");
    }

    #[test]
    fn enter_keeps_indentation_and_opens_blocks() {
        let t = "async def main():";
        assert_eq!(
            run(t, Some(newline(t, 17, 17))),
            (format!("{t}\n    "), 22, 22)
        );
        let t = "    x = 1";
        assert_eq!(run(t, Some(newline(t, 9, 9))).0, "    x = 1\n    ");
        let t = "    for i in r:  # each";
        assert_eq!(run(t, Some(newline(t, 23, 23))).0, format!("{t}\n        "));
        // A selection is replaced.
        let t = "ab";
        assert_eq!(run(t, Some(newline(t, 0, 2))), ("\n".into(), 1, 1));
    }

    #[test]
    fn positions_are_utf16_units() {
        // "é" is one unit, "😀" two.
        let t = "s = '😀é'\nx";
        let end = utf16_len(t);
        assert_eq!(run(t, tab(t, end, end, false)).0, "s = '😀é'\nx   ");
        let caret = utf16_len("s = '😀é'");
        assert_eq!(apply(t, &newline(t, caret, caret)), "s = '😀é'\n\nx");
    }

    #[test]
    fn highlighted_lines_give_a_row_per_line_and_join_back() {
        let src = "async def f():\n    s = '''a\nb'''\n";
        let rows = highlighted_lines(src);
        assert_eq!(rows.len(), 4);
        let joined: Vec<String> = rows
            .iter()
            .map(|r| r.iter().map(|(_, s)| s.as_str()).collect())
            .collect();
        assert_eq!(joined.join("\n"), src);
        assert_eq!(rows[0][0].0, crate::highlight::Token::Keyword);
        assert_eq!(rows[2][0].0, crate::highlight::Token::Str);
    }
}

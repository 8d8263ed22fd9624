//! The form's parameters inside a program's text.
//!
//! A catalog program names each of its parameters once, as a module-level constant whose line is
//! marked with a comment naming the form's field:
//!
//! ```python
//! DELAYS = [1, 0.8, 0.5]  # param: delays
//! ```
//!
//! or, where the line would be too long for the pane, with the mark alone on the line above:
//!
//! ```python
//! # param: numbers
//! NUMBERS = [9637529763296797, 427920331, 157]
//! ```
//!
//! The right-hand side must be a Python literal: a number, a string, or a one-line list of them.
//! [`render`] writes the form's values into those literals, so a field changes exactly one
//! literal of the program and nothing else; [`read`] goes the other way, from a program
//! (perhaps edited by hand) back to the texts the form's fields would hold, or says why it
//! cannot (a marked line removed, a literal replaced by an expression). Speed is not a program
//! literal: it is the runtime's scale, not something the program says.
//!
//! Marks are found line by line, not with Python's tokenizer: a `# param:` inside a multi-line
//! string would be taken for a mark. That costs nothing for the catalog's programs and, for a
//! hand-edited program, at worst gives a reason instead of values.

use std::fmt;
use std::ops::Range;

use super::format::Words;
use super::scenario::{fmt_num, Mode, Params, Value};
use crate::words;
use awaitlab_i18n::Lang;

use super::comment::split_comment;
pub use super::comment::MARK;

/// Why a program's parameters cannot be read: where (a 1-based line, when one line is to blame)
/// and what, worded for the person who edited it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreadable {
    /// The line at fault, counting from 1.
    pub line: Option<usize>,
    /// What is wrong, said in the page's language when shown.
    pub message: Words,
}

impl Unreadable {
    fn at(line: usize, message: Words) -> Self {
        Unreadable {
            line: Some(line + 1),
            message,
        }
    }

    fn whole(message: Words) -> Self {
        Unreadable {
            line: None,
            message,
        }
    }

    /// The reason in `lang`, with its line.
    pub fn text(&self, lang: Lang) -> String {
        match self.line {
            Some(n) => words!("params-at-line", line = n, why = self.message.clone()).text(lang),
            None => self.message.text(lang),
        }
    }
}

impl fmt::Display for Unreadable {
    /// The reason in English.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl std::error::Error for Unreadable {}

/// One marked assignment found in a program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Marked {
    /// The parameter's id (`delays`).
    pub id: String,
    /// The assignment's line, counting from 0.
    pub line: usize,
    /// Where the literal is in that line (bytes).
    pub literal: Range<usize>,
    /// The literal as the form's field spells it (`1,0.8,0.5`).
    pub text: String,
}

/// The Python literal for a parameter's value: `3`, `0.8`, `[1, 0.8, 0.5]`, `["A", "B"]`.
/// Whole numbers are written without `.0`, as the form and the scenarios print them (`2`, so a
/// program's `print(seconds)` shows `2` as the Rust scenario's does).
pub fn literal(value: &Value) -> String {
    fn list<T>(items: &[T], each: impl Fn(&T) -> String) -> String {
        let items: Vec<String> = items.iter().map(each).collect();
        format!("[{}]", items.join(", "))
    }
    match value {
        Value::Int(n) => n.to_string(),
        Value::Number(x) => fmt_num(*x),
        Value::Ints(v) => list(v, i64::to_string),
        Value::Numbers(v) => list(v, |x| fmt_num(*x)),
        Value::U64s(v) => list(v, u64::to_string),
        Value::Names(v) | Value::Urls(v) => list(v, |s| py_str(s)),
    }
}

/// A double-quoted Python string literal.
fn py_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The program `template` with every marked literal replaced by the value `params` holds for
/// it. A mark whose parameter `params` lacks, or a marked line that cannot be read, keeps the
/// template's own text (the catalog's templates are all readable, and the form always has every
/// parameter: a test holds both).
pub fn render(template: &str, params: &Params) -> String {
    let marks = scan(template);
    let mut out = String::with_capacity(template.len() + 32);
    for (i, line) in template.split_inclusive('\n').enumerate() {
        let hit = marks.iter().find_map(|m| match m {
            Ok(m) if m.line == i => params.get(&m.id).map(|v| (m, v)),
            _ => None,
        });
        match hit {
            Some((m, value)) => {
                out.push_str(&line[..m.literal.start]);
                out.push_str(&literal(value));
                out.push_str(&line[m.literal.end..]);
            }
            None => out.push_str(line),
        }
    }
    out
}

/// `mode`'s program with `params` written into its marked literals (what the program pane
/// shows and what runs), or `None` for a mode without a program.
pub fn program(mode: &Mode, params: &Params) -> Option<String> {
    mode.program().map(|template| render(template, params))
}

/// Every marked line of `program`: each parameter's id and its literal as the form spells it,
/// in the program's order. Fails on the first mark that is not on a `NAME = literal` line, and
/// on a parameter marked twice.
pub fn read(program: &str) -> Result<Vec<(String, String)>, Unreadable> {
    let mut out: Vec<(String, String)> = Vec::new();
    for m in scan(program) {
        let m = m?;
        if out.iter().any(|(id, _)| *id == m.id) {
            return Err(Unreadable::at(
                m.line,
                words!("params-marked-twice", id = m.id),
            ));
        }
        out.push((m.id, m.text));
    }
    Ok(out)
}

/// [`read`], holding `program` to the parameters `template` marks: the texts come back in the
/// template's order, and a mark that was removed, or one the template does not have, is a
/// reason, not a value. This is how the page tells a program the form still describes from one
/// edited past it.
pub fn read_as(template: &str, program: &str) -> Result<Vec<(String, String)>, Unreadable> {
    let found = read(program)?;
    let expected = ids(template);
    if let Some((id, _)) = found.iter().find(|(id, _)| !expected.contains(id)) {
        return Err(Unreadable::whole(words!("params-no-such-field", id = id)));
    }
    expected
        .into_iter()
        .map(|id| match found.iter().find(|(k, _)| *k == id) {
            Some((_, text)) => Ok((id, text.clone())),
            None => Err(Unreadable::whole(words!("params-mark-gone", id = id))),
        })
        .collect()
}

/// The ids `template` marks, in order (unreadable marks left out).
pub fn ids(template: &str) -> Vec<String> {
    scan(template)
        .into_iter()
        .filter_map(Result::ok)
        .map(|m| m.id)
        .collect()
}

/// Every mark of `text`, read or not.
pub fn scan(text: &str) -> Vec<Result<Marked, Unreadable>> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let (code, comment) = split_comment(lines[i]);
        let id = match comment.map(mark_id) {
            Some(Some(id)) => id,
            _ => {
                i += 1;
                continue;
            }
        };
        let id = match id {
            Ok(id) => id,
            Err(msg) => {
                out.push(Err(Unreadable::at(i, msg)));
                i += 1;
                continue;
            }
        };
        if !code.trim().is_empty() {
            out.push(assignment(lines[i], code.len(), i, id));
            i += 1;
            continue;
        }
        // A mark on a line of its own names the assignment on the next line.
        let next = i + 1;
        let Some(line) = lines.get(next) else {
            out.push(Err(Unreadable::at(i, words!("params-mark-alone", id = id))));
            break;
        };
        let (code, comment) = split_comment(line);
        if comment.map(mark_id).is_some_and(|m| m.is_some()) {
            out.push(Err(Unreadable::at(
                next,
                words!("params-mark-after-mark", id = id),
            )));
        } else {
            out.push(assignment(line, code.len(), next, id));
        }
        i = next + 1;
    }
    out
}

/// The parameter a comment marks: `None` when the comment is no mark, `Some(Err)` when it is
/// one but its id is not well formed.
fn mark_id(comment: &str) -> Option<Result<String, Words>> {
    let rest = comment.trim_start().strip_prefix(MARK)?;
    let id = rest.trim();
    let well_formed = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    Some(if well_formed {
        Ok(id.to_string())
    } else {
        Err(words!("params-mark-malformed", text = shorten(id)))
    })
}

/// Reads `NAME = literal` from the first `code_len` bytes of `line` (line number `at`).
fn assignment(line: &str, code_len: usize, at: usize, id: String) -> Result<Marked, Unreadable> {
    let code = &line[..code_len];
    let fail =
        |why: Words| Unreadable::at(at, words!("params-at-field", id = id.as_str(), why = why));
    let start = code.len() - code.trim_start().len();
    let name_len = code[start..]
        .char_indices()
        .find(|&(k, c)| !(c == '_' || c.is_alphanumeric()) || (k == 0 && c.is_numeric()))
        .map_or(code.len() - start, |(k, _)| k);
    if name_len == 0 {
        return Err(fail(words!(
            "params-not-assignment",
            text = shorten(code.trim())
        )));
    }
    let after_name = start + name_len;
    let rest = &code[after_name..];
    let eq = after_name + (rest.len() - rest.trim_start().len());
    if !code[eq..].starts_with('=') || code[eq..].starts_with("==") {
        return Err(fail(words!(
            "params-not-assignment",
            text = shorten(code.trim())
        )));
    }
    let value_at = eq + 1 + (code[eq + 1..].len() - code[eq + 1..].trim_start().len());
    let mut p = Parser {
        s: code,
        at: value_at,
    };
    let text = p.value().map_err(fail)?;
    let end = p.at;
    if !code[end..].trim().is_empty() {
        return Err(fail(words!(
            "params-not-literal",
            text = shorten(code[value_at..].trim())
        )));
    }
    Ok(Marked {
        id,
        line: at,
        literal: value_at..end,
        text,
    })
}

/// At most 40 characters of `s`, for messages.
fn shorten(s: &str) -> String {
    if s.chars().count() <= 40 {
        s.to_string()
    } else {
        let head: String = s.chars().take(39).collect();
        format!("{head}…")
    }
}

/// A reader of one literal; `at` is a byte offset into `s`, always on a char boundary.
struct Parser<'a> {
    s: &'a str,
    at: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.s[self.at..].chars().next()
    }

    fn skip_spaces(&mut self) {
        while let Some(c) = self.peek().filter(|c| c.is_whitespace()) {
            self.at += c.len_utf8();
        }
    }

    /// A number, a string, or a list of them, as the form spells it (a list: its items joined
    /// by commas).
    fn value(&mut self) -> Result<String, Words> {
        match self.peek() {
            Some('[') => self.list(),
            Some('(') => Err(words!("params-tuple")),
            _ => self.item(),
        }
    }

    fn item(&mut self) -> Result<String, Words> {
        match self.peek() {
            Some('"' | '\'') => self.string(),
            Some(c) if c.is_ascii_digit() || c == '.' || c == '-' || c == '+' => self.number(),
            Some('[') => Err(words!("params-nested-list")),
            _ => Err(words!(
                "params-not-literal",
                text = shorten(self.s[self.at..].trim())
            )),
        }
    }

    fn list(&mut self) -> Result<String, Words> {
        self.at += 1; // `[`
        let mut items = Vec::new();
        loop {
            self.skip_spaces();
            if self.peek() == Some(']') {
                self.at += 1;
                return Ok(items.join(","));
            }
            let item = self.item()?;
            if item.contains(',') {
                return Err(words!("params-comma", item = shorten(&item)));
            }
            items.push(item);
            self.skip_spaces();
            match self.peek() {
                Some(',') => self.at += 1,
                Some(']') => {}
                None => {
                    return Err(words!("params-list-open"));
                }
                Some(_) => {
                    return Err(words!(
                        "params-list-items",
                        text = shorten(self.s[self.at..].trim())
                    ))
                }
            }
        }
    }

    fn string(&mut self) -> Result<String, Words> {
        let quote = self.peek().unwrap_or('"');
        let from = self.at + 1;
        for (k, c) in self.s[from..].char_indices() {
            if c == '\\' {
                return Err(words!("params-escapes"));
            }
            if c == quote {
                self.at = from + k + 1;
                return Ok(self.s[from..from + k].to_string());
            }
        }
        Err(words!("params-string-open"))
    }

    /// A Python decimal number (`3`, `-0.5`, `1e3`, `100_000`), as Rust's parsers read it:
    /// without underscores or a `+`.
    fn number(&mut self) -> Result<String, Words> {
        let mut out = String::new();
        match self.peek() {
            Some('-') => {
                out.push('-');
                self.at += 1;
            }
            Some('+') => self.at += 1,
            _ => {}
        }
        let int_part = self.digits()?;
        let mut is_int = true;
        if self.peek() == Some('.') {
            is_int = false;
            self.at += 1;
            let frac = self.digits()?;
            if int_part.is_empty() && frac.is_empty() {
                return Err(words!("params-not-number", text = "."));
            }
            out.push_str(&int_part);
            out.push('.');
            out.push_str(&frac);
        } else if int_part.is_empty() {
            return Err(words!(
                "params-not-number",
                text = shorten(self.s[self.at..].trim())
            ));
        } else {
            out.push_str(&int_part);
        }
        if let Some(e @ ('e' | 'E')) = self.peek() {
            is_int = false;
            self.at += 1;
            out.push(e);
            if let Some(sign @ ('-' | '+')) = self.peek() {
                self.at += 1;
                out.push(sign);
            }
            let exp = self.digits()?;
            if exp.is_empty() {
                return Err(words!("params-exponent"));
            }
            out.push_str(&exp);
        }
        if let Some(c) = self
            .peek()
            .filter(|c| c.is_alphanumeric() || *c == '_' || *c == '.')
        {
            return Err(words!("params-not-decimal", char = c));
        }
        if is_int
            && int_part.len() > 1
            && int_part.starts_with('0')
            && int_part.bytes().any(|b| b != b'0')
        {
            return Err(words!("params-leading-zeros", text = int_part));
        }
        Ok(out)
    }

    /// Digits with single underscores between them (Python's `digitpart`), underscores dropped.
    fn digits(&mut self) -> Result<String, Words> {
        let mut out = String::new();
        let mut underscore = false;
        while let Some(c) = self.peek() {
            if c.is_ascii_digit() {
                out.push(c);
                underscore = false;
            } else if c == '_' && !out.is_empty() && !underscore {
                underscore = true;
            } else {
                break;
            }
            self.at += 1;
        }
        if underscore {
            return Err(words!("params-underscore"));
        }
        Ok(out)
    }
}

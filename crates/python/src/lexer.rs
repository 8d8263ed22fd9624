//! The lexer: source text → tokens, with CPython 3.11's tokenizer rules (INDENT/DEDENT from an
//! indentation stack, tabs to multiples of 8, implicit joining inside brackets, `\` continuation)
//! and its error messages and positions. Strings stay whole tokens: the parser decodes them.

use crate::ast::{Pos, SyntaxError, SyntaxErrorKind};
use crate::token::{Tok, Token};

/// CPython's limit on open brackets (`too many nested parentheses` past it).
pub const MAX_LEVEL: usize = 200;
/// CPython's limit on indentation levels (`too many levels of indentation`).
pub const MAX_INDENT: usize = 100;

/// What the lexer found: the tokens up to the end (or up to an error, then an [`Tok::Error`]
/// token), and the error if any.
#[derive(Debug)]
pub struct Lexed {
    /// The tokens; the last is [`Tok::EndMarker`] or [`Tok::Error`].
    pub tokens: Vec<Token>,
    /// The first error, if the lexer stopped on one.
    pub error: Option<LexError>,
}

/// A lexer error and how it ranks against a parser error, as CPython ranks them.
#[derive(Clone, Debug)]
pub struct LexError {
    /// The error to report.
    pub error: SyntaxError,
    /// How it ranks.
    pub rank: LexErrorRank,
}

/// How a lexer error ranks against a parser error found earlier in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LexErrorRank {
    /// CPython raises it at once in its tokenizer, and after a failed parse it tokenizes the rest
    /// of the file, so this error wins over any parser error (unterminated strings, bad
    /// characters, bad numbers, bracket mismatches).
    Hard,
    /// Reported only if the parser gets this far (indentation errors, `\` misuse).
    Soft,
    /// The source ended inside brackets: `'(' was never closed` wins over a parser error only
    /// when the parser's error is on a later line than the bracket.
    Unclosed,
}

/// Tokenizes a whole module.
pub fn tokenize(src: &str) -> Lexed {
    let mut lx = Lexer::new(src, 0, src.len(), 1, 0, false);
    lx.run();
    Lexed {
        tokens: lx.tokens,
        error: lx.error,
    }
}

/// Tokenizes an f-string's replacement field, `src[start..end]`, as CPython does (as if inside
/// parentheses: no NEWLINE or INDENT tokens), with positions where the text sits in the source.
pub fn tokenize_fstring_expr(
    src: &str,
    start: usize,
    end: usize,
    line: u32,
    line_start: usize,
) -> Lexed {
    let mut lx = Lexer::new(src, start, end, line, line_start, true);
    lx.run();
    Lexed {
        tokens: lx.tokens,
        error: lx.error,
    }
}

struct Lexer<'s> {
    src: &'s str,
    b: &'s [u8],
    i: usize,
    end: usize,
    line: u32,
    line_start: usize,
    /// A known (byte index, column) on the current line, so columns are counted once.
    mark: (usize, u32),
    tokens: Vec<Token>,
    error: Option<LexError>,
    indents: Vec<(u32, u32)>,
    /// Open brackets: the character, its line and its column (1-based).
    parens: Vec<(u8, u32, u32)>,
    fstring: bool,
    /// Where a comment started on the current line.
    comment: Option<usize>,
    /// Bytes of the current line before this index are ASCII: a column is a byte offset.
    ascii_until: usize,
}

fn is_format_char(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}')
}

/// Whether CPython would print the character as is (`str.isprintable`), closely enough without
/// Unicode tables: controls, separators and format characters are not.
fn is_printable(c: char) -> bool {
    c == ' ' || !(c.is_control() || c.is_whitespace() || is_format_char(c))
}

/// The message CPython gives for a character that cannot be in an identifier.
pub fn invalid_character_message(c: char) -> String {
    if is_printable(c) {
        format!("invalid character '{c}' (U+{:04X})", c as u32)
    } else {
        format!("invalid non-printable character U+{:04X}", c as u32)
    }
}

impl<'s> Lexer<'s> {
    fn new(
        src: &'s str,
        start: usize,
        end: usize,
        line: u32,
        line_start: usize,
        fstring: bool,
    ) -> Self {
        let mut i = start;
        if !fstring && src.as_bytes().starts_with("\u{feff}".as_bytes()) {
            i = 3;
        }
        let line_start = if fstring { line_start } else { i };
        let mut lx = Lexer {
            src,
            b: src.as_bytes(),
            i,
            end,
            line,
            line_start,
            mark: (line_start, 0),
            tokens: Vec::with_capacity(if fstring { 8 } else { src.len() / 4 + 4 }),
            error: None,
            indents: if fstring { Vec::new() } else { vec![(0, 0)] },
            parens: Vec::new(),
            fstring,
            comment: None,
            ascii_until: line_start,
        };
        lx.ascii_until = lx.ascii_run(lx.line_start);
        lx
    }

    #[inline]
    fn peek(&self, k: usize) -> u8 {
        let j = self.i + k;
        if j < self.end {
            self.b[j]
        } else {
            0
        }
    }

    /// Column (0-based, in characters) of byte index `at` on the current line.
    #[inline]
    fn col0(&mut self, at: usize) -> u32 {
        if at <= self.ascii_until {
            return (at - self.line_start) as u32;
        }
        let (mi, mc) = if self.mark.0 >= self.line_start && self.mark.0 <= at {
            self.mark
        } else {
            (self.line_start, 0)
        };
        let slice = &self.b[mi..at];
        let col = if slice.is_ascii() {
            mc + slice.len() as u32
        } else {
            mc + self.src[mi..at].chars().count() as u32
        };
        self.mark = (at, col);
        col
    }

    #[inline]
    fn pos_at(&mut self, at: usize) -> Pos {
        Pos {
            line: self.line,
            col: self.col0(at) + 1,
        }
    }

    #[inline]
    fn push(&mut self, kind: Tok, start: usize, stop: usize) {
        let pos = self.pos_at(start);
        self.push_pos(kind, pos, start, stop);
    }

    #[inline]
    fn push_pos(&mut self, kind: Tok, pos: Pos, start: usize, stop: usize) {
        self.tokens.push(Token {
            kind,
            pos,
            start: start as u32,
            stop: stop as u32,
            level: self.parens.len().min(u16::MAX as usize) as u16,
        });
    }

    fn fail(&mut self, msg: String, pos: Pos, kind: SyntaxErrorKind, rank: LexErrorRank) {
        let at = self.i.min(self.end);
        self.push_pos(Tok::Error, pos, at, at);
        self.error = Some(LexError {
            error: SyntaxError { msg, pos, kind },
            rank,
        });
    }

    /// A tokenizer error at byte `at`, CPython's way: the column is the count of characters
    /// before `at` on the line (so it names the character just before `at`).
    fn fail_at(&mut self, msg: String, at: usize) {
        let col = self.col0(at);
        let pos = Pos {
            line: self.line,
            col,
        };
        self.fail(msg, pos, SyntaxErrorKind::Syntax, LexErrorRank::Hard);
    }

    #[inline]
    fn newline_len(&self, at: usize) -> usize {
        match (self.b.get(at), self.b.get(at + 1)) {
            (Some(b'\r'), Some(b'\n')) if at + 1 < self.end => 2,
            (Some(b'\n'), _) | (Some(b'\r'), _) if at < self.end => 1,
            _ => 0,
        }
    }

    fn next_line(&mut self, newline_at: usize) {
        self.comment = None;
        self.i = newline_at + self.newline_len(newline_at);
        self.line += 1;
        self.line_start = self.i;
        self.mark = (self.i, 0);
        self.ascii_until = self.ascii_run(self.i);
    }

    /// The end of the ASCII run from `start` (columns there are byte offsets).
    fn ascii_run(&self, start: usize) -> usize {
        let end = self.end.max(start);
        let from = start.min(end);
        from + self.b[from..end]
            .iter()
            .position(|&c| c >= 0x80 || c == b'\n' || c == b'\r')
            .unwrap_or(end - from)
    }

    /// Length in characters of the line starting at `start` (without its newline).
    fn line_len(&self, start: usize) -> u32 {
        let rest = &self.src[start.min(self.end)..self.end];
        let stop = rest.find(['\n', '\r']).unwrap_or(rest.len());
        rest[..stop].chars().count() as u32
    }

    fn run(&mut self) {
        let mut at_bol = !self.fstring;
        if self.fstring {
            // CPython wraps the field in parentheses.
            self.parens.push((b'(', 0, 0));
        }
        loop {
            if at_bol {
                at_bol = false;
                if !self.indentation() {
                    return;
                }
            }
            // Skip blanks.
            while matches!(self.peek(0), b' ' | b'\t' | b'\x0c') {
                self.i += 1;
            }
            let c = self.peek(0);
            if c == b'#' {
                self.comment = Some(self.i);
                while self.i < self.end && !matches!(self.b[self.i], b'\n' | b'\r') {
                    self.i += 1;
                }
                continue;
            }
            if self.i >= self.end {
                self.at_eof();
                return;
            }
            let start = self.i;
            if c == b'\n' || c == b'\r' {
                if self.parens.is_empty() {
                    // After a comment, CPython's NEWLINE token starts where the comment does.
                    let at = self.comment.unwrap_or(start);
                    self.push(Tok::Newline, at, start + self.newline_len(start));
                    at_bol = true;
                }
                self.next_line(start);
                continue;
            }
            if c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 {
                if !self.name_or_string() {
                    return;
                }
                continue;
            }
            if c.is_ascii_digit() || (c == b'.' && self.peek(1).is_ascii_digit()) {
                if !self.number() {
                    return;
                }
                continue;
            }
            if c == b'\'' || c == b'"' {
                if !self.string(start) {
                    return;
                }
                continue;
            }
            if c == b'\\' {
                let nl = self.newline_len(self.i + 1);
                if nl == 0 && self.i + 1 >= self.end {
                    let pos = Pos {
                        line: self.line,
                        col: self.line_len(self.line_start) + 1,
                    };
                    let msg = "unexpected EOF while parsing".to_string();
                    self.fail(msg, pos, SyntaxErrorKind::Syntax, LexErrorRank::Soft);
                    return;
                }
                if nl == 0 {
                    let pos = self.pos_at(self.i + 1);
                    let msg = "unexpected character after line continuation character".to_string();
                    self.fail(msg, pos, SyntaxErrorKind::Syntax, LexErrorRank::Soft);
                    return;
                }
                let line_start = self.line_start;
                self.next_line(self.i + 1);
                if self.i >= self.end {
                    let pos = Pos {
                        line: self.line - 1,
                        col: self.line_len(line_start) + 1,
                    };
                    let msg = "unexpected EOF while parsing".to_string();
                    self.fail(msg, pos, SyntaxErrorKind::Syntax, LexErrorRank::Soft);
                    return;
                }
                continue;
            }
            if !self.operator() {
                return;
            }
        }
    }

    /// Reads a line's indentation and emits INDENT/DEDENT; skips blank and comment-only lines.
    /// Returns false on an error.
    fn indentation(&mut self) -> bool {
        loop {
            let (mut col, mut altcol) = (0u32, 0u32);
            let mut j = self.i;
            while j < self.end {
                match self.b[j] {
                    b' ' => {
                        col += 1;
                        altcol += 1;
                    }
                    b'\t' => {
                        col = (col / 8 + 1) * 8;
                        altcol += 1;
                    }
                    b'\x0c' => {
                        col = 0;
                        altcol = 0;
                    }
                    _ => break,
                }
                j += 1;
            }
            let c = if j < self.end { self.b[j] } else { 0 };
            if j >= self.end {
                self.i = j;
                return true;
            }
            if c == b'#' || c == b'\n' || c == b'\r' {
                // A blank or comment-only line: no NEWLINE, no indentation change.
                let mut k = j;
                while k < self.end && !matches!(self.b[k], b'\n' | b'\r') {
                    k += 1;
                }
                if k >= self.end {
                    self.i = k;
                    return true;
                }
                self.next_line(k);
                continue;
            }
            self.i = j;
            if !self.parens.is_empty() {
                return true;
            }
            let (top, alttop) = *self.indents.last().unwrap();
            let first = self.pos_at(j);
            if col == top {
                if altcol != alttop {
                    return self.tab_error();
                }
            } else if col > top {
                if self.indents.len() >= MAX_INDENT {
                    let pos = Pos {
                        line: self.line,
                        col: 1,
                    };
                    let msg = "too many levels of indentation".to_string();
                    self.fail(msg, pos, SyntaxErrorKind::Indentation, LexErrorRank::Soft);
                    return false;
                }
                if altcol <= alttop {
                    return self.tab_error();
                }
                self.indents.push((col, altcol));
                self.push_pos(Tok::Indent, first, j, j);
            } else {
                // CPython checks the level it returns to before giving any DEDENT.
                let keep = self
                    .indents
                    .iter()
                    .rposition(|&(c, _)| c <= col)
                    .unwrap_or(0);
                let (top, alttop) = self.indents[keep];
                if col != top {
                    let pos = Pos {
                        line: self.line,
                        col: self.line_len(self.line_start) + 1,
                    };
                    let msg = "unindent does not match any outer indentation level".to_string();
                    self.fail(msg, pos, SyntaxErrorKind::Indentation, LexErrorRank::Soft);
                    return false;
                }
                if altcol != alttop {
                    return self.tab_error();
                }
                while self.indents.len() > keep + 1 {
                    self.indents.pop();
                    self.push_pos(Tok::Dedent, first, j, j);
                }
            }
            return true;
        }
    }

    fn tab_error(&mut self) -> bool {
        let pos = Pos {
            line: self.line,
            col: 1,
        };
        let msg = "inconsistent use of tabs and spaces in indentation".to_string();
        self.fail(msg, pos, SyntaxErrorKind::Tab, LexErrorRank::Soft);
        false
    }

    fn at_eof(&mut self) {
        if self.fstring {
            self.push(Tok::EndMarker, self.end, self.end);
            return;
        }
        // The position CPython gives errors at the end: just past the source's last line (the
        // line a final newline ends, not an empty one after it).
        let base = if self.src.starts_with('\u{feff}') {
            3
        } else {
            0
        };
        let (line, start) = if self.i == self.line_start && self.line > 1 && self.end > base {
            let mut k = self.end;
            if self.b[k - 1] == b'\n' {
                k -= 1;
            }
            if k > base && self.b[k - 1] == b'\r' {
                k -= 1;
            }
            let start = self.src[..k].rfind(['\n', '\r']).map_or(base, |p| p + 1);
            (self.line - 1, start.max(base))
        } else {
            (self.line, self.line_start)
        };
        let pos = Pos {
            line,
            col: self.line_len(start) + 1,
        };
        if let Some(&(c, l, col)) = self.parens.last() {
            let msg = format!("'{}' was never closed", c as char);
            let pos_paren = Pos { line: l, col };
            self.push_pos(Tok::Error, pos, self.end, self.end);
            self.error = Some(LexError {
                error: SyntaxError {
                    msg,
                    pos: pos_paren,
                    kind: SyntaxErrorKind::Syntax,
                },
                rank: LexErrorRank::Unclosed,
            });
            return;
        }
        let last = self.tokens.last().map(|t| t.kind);
        if !matches!(
            last,
            None | Some(Tok::Newline) | Some(Tok::Dedent) | Some(Tok::Indent)
        ) {
            let at = self.end;
            let p = self.pos_at(self.comment.unwrap_or(at));
            self.push_pos(Tok::Newline, p, at, at);
        }
        while self.indents.len() > 1 {
            self.indents.pop();
            self.push_pos(Tok::Dedent, pos, self.end, self.end);
        }
        self.push_pos(Tok::EndMarker, pos, self.end, self.end);
    }

    /// An identifier, a keyword, or a string with a prefix.
    fn name_or_string(&mut self) -> bool {
        let start = self.i;
        // String prefixes: b, r, u, f in CPython's allowed combinations.
        let (mut saw_b, mut saw_r, mut saw_u, mut saw_f) = (false, false, false, false);
        let mut j = self.i;
        while j < self.end {
            let c = self.b[j].to_ascii_lowercase();
            if c == b'b' && !(saw_b || saw_u || saw_f) {
                saw_b = true;
            } else if c == b'u' && !(saw_b || saw_u || saw_r || saw_f) {
                saw_u = true;
            } else if c == b'r' && !(saw_r || saw_u) {
                saw_r = true;
            } else if c == b'f' && !(saw_f || saw_b || saw_u) {
                saw_f = true;
            } else {
                break;
            }
            j += 1;
            if j < self.end && (self.b[j] == b'"' || self.b[j] == b'\'') {
                self.i = j;
                return self.string(start);
            }
        }
        // An identifier: CPython takes every ASCII letter, digit, `_` and non-ASCII character,
        // then checks the non-ASCII ones.
        let mut j = self.i;
        let mut nonascii = false;
        while j < self.end {
            let c = self.b[j];
            if c.is_ascii_alphanumeric() || c == b'_' {
                j += 1;
            } else if c >= 0x80 {
                nonascii = true;
                j += 1;
            } else {
                break;
            }
        }
        if nonascii {
            let text = &self.src[start..j];
            for (k, ch) in text.char_indices() {
                let ok = if k == 0 {
                    ch.is_alphabetic() || ch == '_'
                } else {
                    // Connector punctuation (full-width `＿`, `‿`) may continue an identifier.
                    ch.is_alphanumeric() || matches!(ch, '_' | '\u{ff3f}' | '\u{203f}' | '\u{2040}')
                };
                if !ok {
                    let after = start + k + ch.len_utf8();
                    self.i = after;
                    self.fail_at(invalid_character_message(ch), after);
                    return false;
                }
            }
        }
        self.i = j;
        let kind = Tok::keyword(&self.src[start..j]).unwrap_or(Tok::Name);
        self.push(kind, start, j);
        true
    }

    /// A string literal from `start` (its prefix); `self.i` is at the opening quote.
    fn string(&mut self, start: usize) -> bool {
        let quote = self.b[self.i];
        let triple = self.peek(1) == quote && self.peek(2) == quote;
        let first_line = self.line;
        let first_line_start = self.line_start;
        let start_pos = self.pos_at(start);
        self.i += if triple { 3 } else { 1 };
        loop {
            if self.i >= self.end {
                return self.unterminated(triple, start_pos, first_line, first_line_start);
            }
            let c = self.b[self.i];
            if c == quote {
                if !triple {
                    self.i += 1;
                    break;
                }
                if self.peek(1) == quote && self.peek(2) == quote {
                    self.i += 3;
                    break;
                }
                self.i += 1;
            } else if c == b'\n' || c == b'\r' {
                if !triple {
                    return self.unterminated(triple, start_pos, first_line, first_line_start);
                }
                self.next_line(self.i);
            } else if c == b'\\' {
                self.i += 1;
                if self.i < self.end {
                    let nl = self.newline_len(self.i);
                    if nl > 0 {
                        self.next_line(self.i);
                    } else {
                        self.i += 1;
                    }
                }
            } else {
                self.i += 1;
            }
        }
        let stop = self.i;
        self.push_pos(Tok::String, start_pos, start, stop);
        true
    }

    fn unterminated(
        &mut self,
        triple: bool,
        pos: Pos,
        first_line: u32,
        _line_start: usize,
    ) -> bool {
        // At the very end after a final newline, CPython still counts the last line.
        let after_newline =
            self.i >= self.end && self.i > 0 && matches!(self.b[self.i - 1], b'\n' | b'\r');
        let detected = if after_newline {
            self.line - 1
        } else {
            self.line
        };
        let msg = if triple {
            format!("unterminated triple-quoted string literal (detected at line {detected})")
        } else {
            format!("unterminated string literal (detected at line {detected})")
        };
        let pos = Pos {
            line: first_line,
            col: pos.col,
        };
        self.fail(msg, pos, SyntaxErrorKind::Syntax, LexErrorRank::Hard);
        false
    }

    fn digits(&mut self, ok: fn(u8) -> bool) {
        while self.i < self.end && ok(self.b[self.i]) {
            self.i += 1;
        }
    }

    /// CPython's `tok_decimal_tail`: digits with single underscores between them.
    fn decimal_tail(&mut self) -> bool {
        loop {
            self.digits(|c| c.is_ascii_digit());
            if self.peek(0) != b'_' {
                return true;
            }
            self.i += 1;
            if !self.peek(0).is_ascii_digit() {
                let at = self.i;
                self.fail_at("invalid decimal literal".into(), at);
                return false;
            }
        }
    }

    /// CPython's `verify_end_of_number`: a letter right after a number is an error, except the
    /// keywords that may follow one in valid code (`1if x else 2`).
    fn end_of_number(&mut self, kind: &str) -> bool {
        let c = self.peek(0);
        let rest = &self.b[self.i.min(self.end)..self.end];
        let keyword_follows = match c {
            b'a' => rest.starts_with(b"and"),
            b'e' => rest.starts_with(b"else"),
            b'f' => rest.starts_with(b"for"),
            b'i' => matches!(rest.get(1), Some(b'f' | b'n' | b's')),
            b'o' => rest.starts_with(b"or"),
            b'n' => rest.starts_with(b"not"),
            _ => false,
        };
        if !keyword_follows && (c.is_ascii_alphanumeric() || c == b'_') {
            let at = self.i;
            self.fail_at(format!("invalid {kind} literal"), at);
            return false;
        }
        true
    }

    fn number(&mut self) -> bool {
        let start = self.i;
        let c = self.b[self.i];
        if c == b'0' && matches!(self.peek(1), b'x' | b'X' | b'o' | b'O' | b'b' | b'B') {
            let radix = self.peek(1).to_ascii_lowercase();
            self.i += 2;
            let (kind, ok): (&str, fn(u8) -> bool) = match radix {
                b'x' => ("hexadecimal", |c| c.is_ascii_hexdigit()),
                b'o' => ("octal", |c| (b'0'..=b'7').contains(&c)),
                _ => ("binary", |c| c == b'0' || c == b'1'),
            };
            loop {
                if self.peek(0) == b'_' {
                    self.i += 1;
                }
                let d = self.peek(0);
                if !ok(d) {
                    if radix != b'x' && d.is_ascii_digit() {
                        self.i += 1;
                        let at = self.i;
                        self.fail_at(
                            format!("invalid digit '{}' in {kind} literal", d as char),
                            at,
                        );
                    } else {
                        let at = self.i;
                        self.fail_at(format!("invalid {kind} literal"), at);
                    }
                    return false;
                }
                self.digits(ok);
                if self.peek(0) != b'_' {
                    break;
                }
            }
            let d = self.peek(0);
            if radix != b'x' && d.is_ascii_digit() {
                self.i += 1;
                let at = self.i;
                self.fail_at(
                    format!("invalid digit '{}' in {kind} literal", d as char),
                    at,
                );
                return false;
            }
            if !self.end_of_number(kind) {
                return false;
            }
            self.push(Tok::Number, start, self.i);
            return true;
        }
        let mut is_float = false;
        if c == b'.' {
            // `.5`
            self.i += 1;
            if !self.decimal_tail() {
                return false;
            }
            is_float = true;
        } else if c == b'0' {
            // Zeros (a leading zero may only be followed by zeros, unless it's a float).
            self.i += 1;
            loop {
                if self.peek(0) == b'_' {
                    self.i += 1;
                    if !self.peek(0).is_ascii_digit() {
                        let at = self.i;
                        self.fail_at("invalid decimal literal".into(), at);
                        return false;
                    }
                }
                if self.peek(0) != b'0' {
                    break;
                }
                self.i += 1;
            }
            let zeros_end = self.i;
            let mut nonzero = false;
            if self.peek(0).is_ascii_digit() {
                nonzero = true;
                if !self.decimal_tail() {
                    return false;
                }
            }
            let d = self.peek(0);
            if d == b'.' || d == b'e' || d == b'E' || d == b'j' || d == b'J' {
                // A float or imaginary number: handled below.
            } else if nonzero {
                let _ = zeros_end;
                let pos = self.pos_at(start);
                let msg = "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers";
                self.fail(msg.into(), pos, SyntaxErrorKind::Syntax, LexErrorRank::Hard);
                return false;
            } else {
                if !self.end_of_number("decimal") {
                    return false;
                }
                self.push(Tok::Number, start, self.i);
                return true;
            }
        } else if !self.decimal_tail() {
            return false;
        }
        if !is_float && self.peek(0) == b'.' {
            self.i += 1;
            if self.peek(0).is_ascii_digit() && !self.decimal_tail() {
                return false;
            }
        }
        if matches!(self.peek(0), b'e' | b'E') {
            let e_at = self.i;
            self.i += 1;
            let s = self.peek(0);
            if s == b'+' || s == b'-' {
                self.i += 1;
                if !self.peek(0).is_ascii_digit() {
                    let at = self.i;
                    self.fail_at("invalid decimal literal".into(), at);
                    return false;
                }
            } else if !s.is_ascii_digit() {
                // `1else`: the number ends before the `e`.
                self.i = e_at;
                if !self.end_of_number("decimal") {
                    return false;
                }
                self.push(Tok::Number, start, self.i);
                return true;
            }
            if !self.decimal_tail() {
                return false;
            }
        }
        if matches!(self.peek(0), b'j' | b'J') {
            self.i += 1;
            if !self.end_of_number("imaginary") {
                return false;
            }
        } else if !self.end_of_number("decimal") {
            return false;
        }
        self.push(Tok::Number, start, self.i);
        true
    }

    fn operator(&mut self) -> bool {
        let start = self.i;
        let rest = &self.b[self.i..self.end];
        let mut len = 3.min(rest.len());
        let kind = loop {
            if len == 0 {
                break None;
            }
            if let Some(k) = Tok::operator(&rest[..len]) {
                break Some(k);
            }
            len -= 1;
        };
        let Some(kind) = kind else {
            // An ASCII character that starts no token.
            let c = self.b[self.i];
            self.i += 1;
            if (c as char).is_ascii_graphic() || c == b' ' {
                self.push(Tok::Unknown, start, self.i);
                return true;
            }
            let at = self.i;
            self.fail_at(invalid_character_message(c as char), at);
            return false;
        };
        self.i += len;
        match kind {
            Tok::LPar | Tok::LSqb | Tok::LBrace => {
                if self.parens.len() >= MAX_LEVEL {
                    let at = self.i;
                    self.fail_at("too many nested parentheses".into(), at);
                    return false;
                }
                let pos = self.pos_at(start);
                self.parens.push((self.b[start], pos.line, pos.col));
                // The token's level counts the bracket it opens, as CPython's does.
                self.push_pos(kind, pos, start, self.i);
            }
            Tok::RPar | Tok::RSqb | Tok::RBrace => {
                let c = self.b[start];
                let floor = usize::from(self.fstring);
                if self.parens.len() <= floor {
                    let at = self.i;
                    let msg = if self.fstring {
                        format!("f-string: unmatched '{}'", c as char)
                    } else {
                        format!("unmatched '{}'", c as char)
                    };
                    self.fail_at(msg, at);
                    return false;
                }
                let (open, line, _) = self.parens.pop().unwrap();
                let matches = matches!((open, c), (b'(', b')') | (b'[', b']') | (b'{', b'}'));
                if !matches {
                    let at = self.i;
                    let msg = if line != self.line {
                        format!(
                            "closing parenthesis '{}' does not match opening parenthesis '{}' on line {line}",
                            c as char, open as char
                        )
                    } else {
                        format!(
                            "closing parenthesis '{}' does not match opening parenthesis '{}'",
                            c as char, open as char
                        )
                    };
                    self.fail_at(msg, at);
                    return false;
                }
                self.push(kind, start, self.i);
            }
            _ => self.push(kind, start, self.i),
        }
        true
    }
}

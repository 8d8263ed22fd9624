//! Literals: numbers (ints of any size, floats, imaginary), strings and bytes with every prefix
//! and escape, implicit concatenation, and f-strings by CPython 3.11's rules (nested format
//! specs, conversions, `{{`/`}}`, the `=` form; the fields are parsed as expressions where they
//! sit in the source, so their positions are real).

use super::{expr, PResult, Parser, EXPR_COST};
use crate::ast::{Constant, Expr, ExprKind, Pos, SyntaxError};
use crate::lexer;
use crate::token::{Tok, Token};

/// A string-literal problem: a message CPython places at the token after the literal, or an
/// error with its own position (from an f-string's field).
enum StrErr {
    Here(String),
    At(Box<SyntaxError>),
}

type SResult<T> = Result<T, StrErr>;

/// An f-string being assembled: finished parts and the literal text not yet flushed.
struct Joined {
    parts: Vec<Expr>,
    buf: String,
    pos: Pos,
}

impl Joined {
    fn flush(&mut self) {
        if !self.buf.is_empty() {
            let s = std::mem::take(&mut self.buf);
            self.parts
                .push(expr(ExprKind::Constant(Constant::Str(s)), self.pos));
        }
    }
}

/// CPython's limit on digits in a decimal integer literal (`sys.get_int_max_str_digits()`).
const MAX_STR_DIGITS: usize = 4300;
/// Our limit on digits in a hexadecimal, octal or binary literal past 64 bits (converting one to
/// decimal takes quadratic time).
const MAX_RADIX_DIGITS: usize = 20_000;

/// Decimal digits of `digits` (in `radix`), for integers past 64 bits.
fn to_decimal(digits: &[u8], radix: u32) -> String {
    // Little-endian limbs of 10^9.
    let mut limbs: Vec<u64> = vec![0];
    for &d in digits {
        let v = (d as char).to_digit(radix).unwrap_or(0) as u64;
        let mut carry = v;
        for limb in limbs.iter_mut() {
            let x = *limb * radix as u64 + carry;
            *limb = x % 1_000_000_000;
            carry = x / 1_000_000_000;
        }
        while carry > 0 {
            limbs.push(carry % 1_000_000_000);
            carry /= 1_000_000_000;
        }
    }
    let mut s = limbs.last().map(|l| l.to_string()).unwrap_or_default();
    for l in limbs.iter().rev().skip(1) {
        s.push_str(&format!("{l:09}"));
    }
    s
}

impl Parser<'_> {
    /// The value of a number token (the lexer has checked its form).
    #[inline(never)]
    pub(super) fn number(&mut self, t: &Token) -> PResult<Constant> {
        let text = self.text(t);
        let clean: std::borrow::Cow<str> = if text.contains('_') {
            text.replace('_', "").into()
        } else {
            text.into()
        };
        let lower = clean.as_bytes().get(1).map(|b| b.to_ascii_lowercase());
        if clean.len() > 2 && clean.starts_with('0') && matches!(lower, Some(b'x' | b'o' | b'b')) {
            let radix = match lower {
                Some(b'x') => 16,
                Some(b'o') => 8,
                _ => 2,
            };
            let digits = &clean.as_bytes()[2..];
            return Ok(match u64::from_str_radix(&clean[2..], radix) {
                Ok(v) if v <= i64::MAX as u64 => Constant::Int(v as i64),
                _ if digits.len() > MAX_RADIX_DIGITS => {
                    let msg =
                        format!("integer literal too large: more than {MAX_RADIX_DIGITS} digits");
                    return Err(self.error(msg, t.pos));
                }
                _ => Constant::BigInt(to_decimal(digits, radix)),
            });
        }
        let last = clean.as_bytes()[clean.len() - 1];
        if last == b'j' || last == b'J' {
            return Ok(Constant::Imaginary(
                clean[..clean.len() - 1].parse().unwrap_or(0.0),
            ));
        }
        if clean.contains(['.', 'e', 'E']) {
            return Ok(Constant::Float(clean.parse().unwrap_or(0.0)));
        }
        Ok(match clean.parse::<i64>() {
            Ok(v) => Constant::Int(v),
            Err(_) => {
                let digits = clean.trim_start_matches('0');
                if digits.len() > MAX_STR_DIGITS {
                    let msg = format!(
                        "Exceeds the limit ({MAX_STR_DIGITS} digits) for integer string conversion: value has {} digits; use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge integer literals to avoid decimal conversion limits.",
                        digits.len()
                    );
                    return Err(self.error(
                        msg,
                        Pos {
                            line: t.pos.line,
                            col: 0,
                        },
                    ));
                }
                Constant::BigInt(if digits.is_empty() {
                    "0".into()
                } else {
                    digits.into()
                })
            }
        })
    }

    /// Adjacent string tokens, joined: a `Constant` (str or bytes) or a `JoinedStr` if any part
    /// is an f-string.
    #[inline(never)]
    pub(super) fn strings(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        let first = self.i;
        while self.kind() == Tok::String {
            self.bump();
        }
        let last = self.i;
        match self.strings_inner(first, last, pos) {
            Ok(e) => Ok(e),
            Err(StrErr::Here(msg)) => Err(self.error(msg, self.pos())),
            Err(StrErr::At(e)) => Err(e),
        }
    }

    fn strings_inner(&mut self, first: usize, last: usize, pos: Pos) -> SResult<Expr> {
        // Prefix flags of each token, then CPython's check that bytes are not mixed.
        let mut any_bytes = false;
        let mut any_f = false;
        for k in first..last {
            let t = self.toks[k];
            let (b, _, f) = prefix_flags(self.text(&t));
            if k > first && b != any_bytes {
                return Err(StrErr::Here(
                    "cannot mix bytes and nonbytes literals".into(),
                ));
            }
            any_bytes = b;
            any_f |= f;
        }
        if any_bytes {
            let mut out = Vec::new();
            for k in first..last {
                let t = self.toks[k];
                let (_, raw, _) = prefix_flags(self.text(&t));
                let (b0, b1) = body(self.text(&t));
                let text = &self.text(&t)[b0..b1];
                if !text.is_ascii() {
                    let e = self.error("bytes can only contain ASCII literal characters", t.pos);
                    return Err(StrErr::At(e));
                }
                decode_bytes(text, raw, &mut out)?;
            }
            return Ok(expr(ExprKind::Constant(Constant::Bytes(out)), pos));
        }
        let mut j = Joined {
            parts: Vec::new(),
            buf: String::new(),
            pos,
        };
        for k in first..last {
            let t = self.toks[k];
            let (_, raw, f) = prefix_flags(self.text(&t));
            let (b0, b1) = body(self.text(&t));
            let (s0, s1) = (t.start as usize + b0, t.start as usize + b1);
            if f {
                let mut s = s0;
                self.fstring(&t, raw, &mut s, s1, 0, &mut j)?;
            } else if raw {
                j.buf.push_str(&newlines(&self.src[s0..s1]));
            } else {
                decode_str(&self.src[s0..s1], &mut j.buf)?;
            }
        }
        if !any_f {
            return Ok(expr(ExprKind::Constant(Constant::Str(j.buf)), pos));
        }
        j.flush();
        Ok(expr(ExprKind::JoinedStr(j.parts), pos))
    }

    /// CPython's `fstring_parse`: literal parts and fields from `*s` to `end` (absolute byte
    /// offsets), into `out`; at `lvl` 1 (a format spec) it stops at the closing `}`.
    fn fstring(
        &mut self,
        t: &Token,
        raw: bool,
        s: &mut usize,
        end: usize,
        lvl: u32,
        out: &mut Joined,
    ) -> SResult<()> {
        let b = self.src.as_bytes();
        loop {
            // The literal part.
            let lit_start = *s;
            let mut doubled = false;
            while *s < end {
                let ch = b[*s];
                *s += 1;
                if !raw && ch == b'\\' && *s < end {
                    let c2 = b[*s];
                    *s += 1;
                    if c2 == b'N' {
                        if *s < end && b[*s] == b'{' {
                            while *s < end && b[*s] != b'}' {
                                *s += 1;
                            }
                            *s = (*s + 1).min(end);
                        }
                        continue;
                    }
                    if c2 != b'{' {
                        continue;
                    }
                    // `\{` leaves the backslash in the literal and the brace opens a field.
                }
                let ch = b[*s - 1];
                if ch == b'{' || ch == b'}' {
                    if lvl == 0 {
                        if *s < end && b[*s] == ch {
                            doubled = true;
                            break;
                        }
                        if ch == b'}' {
                            return Err(StrErr::Here("f-string: single '}' is not allowed".into()));
                        }
                    }
                    *s -= 1;
                    break;
                }
            }
            let lit_end = *s;
            if lit_end > lit_start {
                let text = &self.src[lit_start..lit_end];
                if raw {
                    out.buf.push_str(&newlines(text));
                } else {
                    decode_str(text, &mut out.buf)?;
                }
            }
            if doubled {
                *s += 1;
                continue;
            }
            if *s >= end || b[*s] == b'}' {
                break;
            }
            // A field: `{expr[=][!c][:spec]}`.
            self.fstring_field(t, raw, s, end, lvl, out)?;
        }
        if lvl == 0 && *s < end {
            return Err(StrErr::Here("f-string: unexpected end of string".into()));
        }
        if lvl != 0 && (*s >= end || b[*s] != b'}') {
            return Err(StrErr::Here("f-string: expecting '}'".into()));
        }
        Ok(())
    }

    fn fstring_field(
        &mut self,
        t: &Token,
        raw: bool,
        s: &mut usize,
        end: usize,
        lvl: u32,
        out: &mut Joined,
    ) -> SResult<()> {
        let b = self.src.as_bytes();
        if lvl >= 2 {
            return Err(StrErr::Here(
                "f-string: expressions nested too deeply".into(),
            ));
        }
        *s += 1;
        let expr_start = *s;
        let mut quote = 0u8;
        let mut triple = false;
        let mut stack: Vec<u8> = Vec::new();
        while *s < end {
            let ch = b[*s];
            if ch == b'\\' {
                return Err(StrErr::Here(
                    "f-string expression part cannot include a backslash".into(),
                ));
            }
            if quote != 0 {
                if ch == quote {
                    if triple {
                        if *s + 2 < end && b[*s + 1] == ch && b[*s + 2] == ch {
                            *s += 3;
                            quote = 0;
                            continue;
                        }
                    } else {
                        *s += 1;
                        quote = 0;
                        continue;
                    }
                }
                *s += 1;
                continue;
            }
            match ch {
                b'\'' | b'"' => {
                    if *s + 2 < end && b[*s + 1] == ch && b[*s + 2] == ch {
                        triple = true;
                        *s += 2;
                    } else {
                        triple = false;
                    }
                    quote = ch;
                }
                b'[' | b'{' | b'(' => {
                    if stack.len() >= lexer::MAX_LEVEL {
                        return Err(StrErr::Here("f-string: too many nested parenthesis".into()));
                    }
                    stack.push(ch);
                }
                b'#' => {
                    return Err(StrErr::Here(
                        "f-string expression part cannot include '#'".into(),
                    ))
                }
                b'!' | b':' | b'}' | b'=' | b'>' | b'<' if stack.is_empty() => {
                    let next = if *s + 1 < end { b[*s + 1] } else { 0 };
                    if next == b'=' && matches!(ch, b'!' | b'=' | b'<' | b'>') {
                        *s += 2;
                        continue;
                    }
                    if ch == b'>' || ch == b'<' {
                        *s += 1;
                        continue;
                    }
                    break;
                }
                b']' | b'}' | b')' => {
                    let Some(open) = stack.pop() else {
                        return Err(StrErr::Here(format!(
                            "f-string: unmatched '{}'",
                            ch as char
                        )));
                    };
                    if !matches!((open, ch), (b'(', b')') | (b'[', b']') | (b'{', b'}')) {
                        return Err(StrErr::Here(format!(
                            "f-string: closing parenthesis '{}' does not match opening parenthesis '{}'",
                            ch as char, open as char
                        )));
                    }
                }
                _ => {}
            }
            *s += 1;
        }
        let expr_end = *s;
        if quote != 0 {
            return Err(StrErr::Here("f-string: unterminated string".into()));
        }
        if let Some(&open) = stack.last() {
            return Err(StrErr::Here(format!(
                "f-string: unmatched '{}'",
                open as char
            )));
        }
        if *s >= end {
            return Err(StrErr::Here("f-string: expecting '}'".into()));
        }
        let value = self.fstring_expr(t, expr_start, expr_end)?;
        // `{x=}`: the text of the field, through the `=` and any blanks after it.
        let mut debug = false;
        if b[*s] == b'=' {
            *s += 1;
            while *s < end && matches!(b[*s], b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c') {
                *s += 1;
            }
            if *s >= end {
                return Err(StrErr::Here("f-string: expecting '}'".into()));
            }
            out.buf.push_str(&newlines(&self.src[expr_start..*s]));
            debug = true;
        }
        let mut conversion = None;
        if b[*s] == b'!' {
            *s += 1;
            if *s >= end {
                return Err(StrErr::Here("f-string: expecting '}'".into()));
            }
            let c = self.src[*s..].chars().next().unwrap_or('\0');
            *s += c.len_utf8();
            if !matches!(c, 's' | 'r' | 'a') {
                return Err(StrErr::Here(
                    "f-string: invalid conversion character: expected 's', 'r', or 'a'".into(),
                ));
            }
            conversion = Some(c);
        }
        let mut format_spec = None;
        if *s < end && b[*s] == b':' {
            *s += 1;
            if *s >= end {
                return Err(StrErr::Here("f-string: expecting '}'".into()));
            }
            let mut spec = Joined {
                parts: Vec::new(),
                buf: String::new(),
                pos: out.pos,
            };
            self.fstring(t, raw, s, end, lvl + 1, &mut spec)?;
            spec.flush();
            format_spec = Some(Box::new(expr(ExprKind::JoinedStr(spec.parts), out.pos)));
        }
        if *s >= end || b[*s] != b'}' {
            return Err(StrErr::Here("f-string: expecting '}'".into()));
        }
        *s += 1;
        if debug && format_spec.is_none() && conversion.is_none() {
            conversion = Some('r');
        }
        out.flush();
        let kind = ExprKind::FormattedValue {
            value: Box::new(value),
            conversion,
            format_spec,
        };
        out.parts.push(expr(kind, out.pos));
        Ok(())
    }

    /// Parses a replacement field's expression, `src[a..b]`, in place.
    fn fstring_expr(&mut self, t: &Token, a: usize, b: usize) -> SResult<Expr> {
        let text = &self.src[a..b];
        if text
            .bytes()
            .all(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'))
        {
            let next = self.src.as_bytes().get(b).copied().unwrap_or(0);
            if matches!(next, b'!' | b':' | b'=') {
                return Err(StrErr::Here(format!(
                    "f-string: expression required before '{}'",
                    next as char
                )));
            }
            return Err(StrErr::Here(
                "f-string: empty expression not allowed".into(),
            ));
        }
        // Where the field starts: the string token's line plus the line breaks before it.
        let before = &self.src[t.start as usize..a];
        let bytes = before.as_bytes();
        let breaks = (0..bytes.len())
            .filter(|&k| {
                bytes[k] == b'\n' || (bytes[k] == b'\r' && bytes.get(k + 1) != Some(&b'\n'))
            })
            .count();
        let line = t.pos.line + breaks as u32;
        let mut line_start = self.src[..a]
            .rfind(['\n', '\r'])
            .map(|k| k + 1)
            .unwrap_or(0);
        if line_start == 0 && self.src.starts_with('\u{feff}') {
            line_start = 3;
        }
        let lexed = lexer::tokenize_fstring_expr(self.src, a, b, line, line_start);
        let mut sub = Parser::new(
            self.src,
            lexed.tokens,
            lexed.error,
            self.depth + EXPR_COST,
            true,
        );
        let r = (|| {
            sub.enter(0)?;
            let e = if sub.kind() == Tok::Yield {
                sub.yield_expr()?
            } else {
                sub.star_expressions()?
            };
            if sub.kind() != Tok::EndMarker {
                return Err(sub.unexpected());
            }
            Ok(e)
        })();
        // CPython 3.11 places an error inside a field within the text `(field)` it parses.
        let start_col = lexer_col(self.src, line_start, a);
        r.map_err(|e| {
            let mut e = sub.rank(e);
            if e.pos.line == line && e.pos.col >= start_col {
                e.pos.col = e.pos.col - start_col + 2;
            }
            StrErr::At(e)
        })
    }
}

/// The 1-based character column of byte `at` on the line starting at byte `line_start`.
fn lexer_col(src: &str, line_start: usize, at: usize) -> u32 {
    src[line_start.min(at)..at].chars().count() as u32 + 1
}

/// (bytes, raw, f) of a string token's prefix.
fn prefix_flags(text: &str) -> (bool, bool, bool) {
    let mut flags = (false, false, false);
    for c in text.bytes() {
        match c {
            b'b' | b'B' => flags.0 = true,
            b'r' | b'R' => flags.1 = true,
            b'f' | b'F' => flags.2 = true,
            b'u' | b'U' => {}
            _ => break,
        }
    }
    flags
}

/// The byte range of a string token's body (between its quotes).
fn body(text: &str) -> (usize, usize) {
    let b = text.as_bytes();
    let q = b.iter().position(|&c| c == b'\'' || c == b'"').unwrap_or(0);
    let triple = b.len() >= q + 6 && b[q + 1] == b[q] && b[q + 2] == b[q];
    let n = if triple { 3 } else { 1 };
    (q + n, b.len().saturating_sub(n).max(q + n))
}

fn hex_value(digits: &str) -> Option<u32> {
    u32::from_str_radix(digits, 16).ok()
}

/// CPython's message for a bad escape at byte `start` of the body, running to byte `end`.
fn escape_error(start: usize, end: usize, what: &str) -> StrErr {
    StrErr::Here(format!(
        "(unicode error) 'unicodeescape' codec can't decode bytes in position {start}-{end}: {what}"
    ))
}

/// Counts the hex digits (at most `n`) at the start of `s`.
fn hex_run(s: &[u8], n: usize) -> usize {
    s.iter()
        .take(n)
        .take_while(|c| c.is_ascii_hexdigit())
        .count()
}

/// The text with CPython's newline translation (`\r\n` and `\r` read as `\n`).
fn newlines(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        text.into()
    }
}

/// Resolves the escapes of a (non-raw) string's body into `out`.
fn decode_str(text: &str, out: &mut String) -> SResult<()> {
    let text = &*newlines(text);
    let b = text.as_bytes();
    let mut i = 0;
    let mut run = 0;
    while i < b.len() {
        if b[i] != b'\\' {
            i += 1;
            continue;
        }
        out.push_str(&text[run..i]);
        let start = i;
        i += 1;
        let Some(&c) = b.get(i) else {
            out.push('\\');
            run = i;
            break;
        };
        i += 1;
        match c {
            b'\n' => {}
            b'\r' => {
                if b.get(i) == Some(&b'\n') {
                    i += 1;
                }
            }
            b'\\' => out.push('\\'),
            b'\'' => out.push('\''),
            b'"' => out.push('"'),
            b'a' => out.push('\x07'),
            b'b' => out.push('\x08'),
            b'f' => out.push('\x0c'),
            b'n' => out.push('\n'),
            b'r' => out.push('\r'),
            b't' => out.push('\t'),
            b'v' => out.push('\x0b'),
            b'0'..=b'7' => {
                let mut v = (c - b'0') as u32;
                let mut k = 0;
                while k < 2 && i < b.len() && (b'0'..=b'7').contains(&b[i]) {
                    v = v * 8 + (b[i] - b'0') as u32;
                    i += 1;
                    k += 1;
                }
                out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
            }
            b'x' | b'u' | b'U' => {
                let (n, what) = match c {
                    b'x' => (2, "truncated \\xXX escape"),
                    b'u' => (4, "truncated \\uXXXX escape"),
                    _ => (8, "truncated \\UXXXXXXXX escape"),
                };
                let got = hex_run(&b[i..], n);
                if got < n {
                    return Err(escape_error(start, start + 1 + got, what));
                }
                let v = hex_value(&text[i..i + n]).unwrap_or(0);
                i += n;
                match char::from_u32(v) {
                    Some(ch) => out.push(ch),
                    None if v > 0x10ffff => return Err(escape_error(start, i - 1, "illegal Unicode character")),
                    None => {
                        return Err(StrErr::Here(format!(
                            "(unicode error) surrogate escapes like '\\u{v:x}' are not supported here"
                        )))
                    }
                }
            }
            b'N' => {
                return Err(StrErr::Here(
                    "(unicode error) \\N{...} escapes are not supported here: write the character itself or use \\u"
                        .into(),
                ))
            }
            _ => {
                // An unknown escape keeps its backslash (CPython warns).
                out.push('\\');
                i = start + 1;
            }
        }
        run = i;
    }
    out.push_str(&text[run..]);
    Ok(())
}

/// Resolves the escapes of a bytes literal's body into `out`.
fn decode_bytes(text: &str, raw: bool, out: &mut Vec<u8>) -> SResult<()> {
    let text = &*newlines(text);
    let b = text.as_bytes();
    if raw {
        out.extend_from_slice(b);
        return Ok(());
    }
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        i += 1;
        if c != b'\\' {
            out.push(c);
            continue;
        }
        let start = i - 1;
        let Some(&e) = b.get(i) else {
            out.push(b'\\');
            break;
        };
        i += 1;
        match e {
            b'\n' => {}
            b'\r' => {
                if b.get(i) == Some(&b'\n') {
                    i += 1;
                }
            }
            b'\\' | b'\'' | b'"' => out.push(e),
            b'a' => out.push(7),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'v' => out.push(11),
            b'0'..=b'7' => {
                let mut v = (e - b'0') as u32;
                let mut k = 0;
                while k < 2 && i < b.len() && (b'0'..=b'7').contains(&b[i]) {
                    v = v * 8 + (b[i] - b'0') as u32;
                    i += 1;
                    k += 1;
                }
                out.push((v & 0xff) as u8);
            }
            b'x' => {
                if hex_run(&b[i..], 2) < 2 {
                    return Err(StrErr::Here(format!(
                        "(value error) invalid \\x escape at position {start}"
                    )));
                }
                out.push(hex_value(&text[i..i + 2]).unwrap_or(0) as u8);
                i += 2;
            }
            _ => {
                out.push(b'\\');
                i -= 1;
            }
        }
    }
    Ok(())
}

//! `repr(str)`, `ascii()` and `str.isprintable`, as CPython 3.11 writes them.

use super::unicode::{NONPRINTABLE_LONG, NONPRINTABLE_SHORT};
use std::fmt::Write;

/// CPython's `str.isprintable` for one character, which decides what `repr` escapes: false for
/// Unicode 14.0's categories Cc, Cf, Cs, Co, Cn, Zl, Zp and Zs except the ASCII space. Exact (a
/// generated table of about 2.9 KB), checked against CPython for every code point.
pub fn is_printable(c: char) -> bool {
    let cp = c as u32;
    if cp < 0x7f {
        return cp >= 0x20;
    }
    // The last short range starting at or before `cp`.
    let i = NONPRINTABLE_SHORT.partition_point(|&packed| packed >> 11 <= cp);
    if i > 0 {
        let packed = NONPRINTABLE_SHORT[i - 1];
        if cp <= (packed >> 11) + (packed & 0x7ff) {
            return false;
        }
    }
    let j = NONPRINTABLE_LONG.partition_point(|&(first, _)| first <= cp);
    !(j > 0 && cp <= NONPRINTABLE_LONG[j - 1].1)
}

/// `repr(s)`: CPython's quote choice (single quotes unless `s` has `'` and no `"`) and escapes
/// (`\\`, the quote, `\t \n \r`, `\xhh`/`\uhhhh`/`\Uhhhhhhhh` for non-printable characters only,
/// so printable text such as 中文 or emoji stays as it is).
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => push_escape(&mut out, c),
            c if (c as u32) < 0x7f || is_printable(c) => out.push(c),
            c => push_escape(&mut out, c),
        }
    }
    out.push(quote);
    out
}

/// `ascii(s)` for a str: its `repr` with every non-ASCII character escaped.
pub fn str_ascii(s: &str) -> String {
    ascii_escape(&str_repr(s))
}

/// What `ascii(obj)` does to `repr(obj)` (and `%a` to its argument): every non-ASCII character
/// becomes `\xhh`, `\uhhhh` or `\Uhhhhhhhh` (the `backslashreplace` error handler).
pub fn ascii_escape(repr: &str) -> String {
    if repr.is_ascii() {
        return repr.to_string();
    }
    let mut out = String::with_capacity(repr.len() + 8);
    for c in repr.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            push_escape(&mut out, c);
        }
    }
    out
}

fn push_escape(out: &mut String, c: char) {
    let cp = c as u32;
    // Writing to a String cannot fail.
    let _ = if cp <= 0xff {
        write!(out, "\\x{cp:02x}")
    } else if cp <= 0xffff {
        write!(out, "\\u{cp:04x}")
    } else {
        write!(out, "\\U{cp:08x}")
    };
}

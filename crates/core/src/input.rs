//! Input as people type it: the compatibility forms Chinese, Japanese and Korean input methods
//! produce, folded to the ASCII the parsers read.
//!
//! [`normalise`] is NFKC for the characters that matter in numbers, lists, names and URLs, without
//! a Unicode crate: full-width ASCII (U+FF01–U+FF5E, `３`, `，`, `．`, `－`) becomes ASCII and the
//! ideographic space a space, as NFKC does. Two more are what the person meant rather than what
//! NFKC says: with Chinese punctuation on, the `,` key types the enumeration comma `、` (or `，`)
//! and the `.` key the ideographic full stop `。`, so between items `、` is a comma and `。` a
//! decimal point. The minus sign `−` (U+2212, which the app itself prints) is a hyphen-minus.

use std::borrow::Cow;

/// `text` with full-width and ideographic forms folded to ASCII (see the module docs). Borrows
/// when there is nothing to fold, which is the common case.
pub fn normalise(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(fold).collect())
}

fn fold(c: char) -> char {
    match c {
        // Full-width ASCII: ！ … ～ → ! … ~ (NFKC).
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        // The ideographic space and the no-break space (NFKC: a space).
        '\u{3000}' | '\u{00A0}' => ' ',
        // 、 and its half-width form: the comma of a Chinese list.
        '\u{3001}' | '\u{FF64}' => ',',
        // 。 and its half-width form: what the `.` key types with Chinese punctuation on.
        '\u{3002}' | '\u{FF61}' => '.',
        '\u{2212}' => '-',
        _ => c,
    }
}

//! The format-spec mini-language (`format(x, spec)`, f-string `{x:spec}`, `str.format`):
//! `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`, parsed and applied to
//! ints, floats and strs as CPython 3.11's `Python/formatter_unicode.c` does, errors included.

use super::float_repr::{double_to_string, DtoaFlags};
use super::numbers::decimal_value;
use super::{PyErr, MAX_PADDED_LEN};

/// Which thousands separator the spec asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Grouping {
    None,
    Comma,
    Underscore,
    /// `_` with `b o x X`: every four digits.
    UnderscoreFour,
}

/// A parsed spec (CPython's `InternalFormatSpec`).
#[derive(Debug, Clone)]
struct Spec {
    fill: char,
    align: char,
    sign: Option<char>,
    no_neg_0: bool,
    alternate: bool,
    width: i64,
    grouping: Grouping,
    precision: Option<i64>,
    ty: Option<char>,
}

/// `format(n, spec)` for an int (i128 so big ints up to that size can use it later).
pub fn format_int(value: i128, spec: &str) -> Result<String, PyErr> {
    if spec.is_empty() {
        return Ok(value.to_string());
    }
    format_integer(value, spec, "int")
}

/// `format(b, spec)` for a bool: `str(b)` (`True`) for an empty spec, else formatted as the int
/// 0 or 1 (bool's `__format__` is int's), with `bool` in error messages.
pub fn format_bool(value: bool, spec: &str) -> Result<String, PyErr> {
    if spec.is_empty() {
        return Ok(if value { "True" } else { "False" }.to_string());
    }
    format_integer(value as i128, spec, "bool")
}

/// `format(x, spec)` for a float: types `e E f F g G n %` and none (like `g` with at least one
/// digit after the point, or `repr` when no precision is given).
pub fn format_float(value: f64, spec: &str) -> Result<String, PyErr> {
    if spec.is_empty() {
        return Ok(super::float_repr(value));
    }
    let parsed = parse(spec, "float", None, '>')?;
    match parsed.ty {
        None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%') => {
            format_float_internal(value, &parsed)
        }
        Some(t) => Err(unknown_type(t, "float")),
    }
}

/// `format(s, spec)` for a str: type `s` or none; precision truncates, widths count chars.
pub fn format_str(value: &str, spec: &str) -> Result<String, PyErr> {
    if spec.is_empty() {
        return Ok(value.to_string());
    }
    let parsed = parse(spec, "str", Some('s'), '<')?;
    if parsed.ty != Some('s') {
        return Err(unknown_type(parsed.ty.unwrap_or('s'), "str"));
    }
    if let Some(sign) = parsed.sign {
        return Err(PyErr::value(if sign == ' ' {
            "Space not allowed in string format specifier"
        } else {
            "Sign not allowed in string format specifier"
        }));
    }
    if parsed.no_neg_0 {
        return Err(PyErr::value(
            "Negative zero coercion (z) not allowed in string format specifier",
        ));
    }
    if parsed.alternate {
        return Err(PyErr::value(
            "Alternate form (#) not allowed in string format specifier",
        ));
    }
    if parsed.align == '=' {
        return Err(PyErr::value(
            "'=' alignment not allowed in string format specifier",
        ));
    }
    if parsed.width > MAX_PADDED_LEN {
        return Err(PyErr::memory());
    }
    let mut len = value.chars().count() as i64;
    let text = match parsed.precision {
        Some(p) if len >= p => {
            len = p;
            value.chars().take(p as usize).collect::<String>()
        }
        _ => value.to_string(),
    };
    Ok(pad(&text, len, &parsed))
}

/// `format(obj, spec)` for objects whose `__format__` is `object`'s (`None`, functions, …):
/// only the empty spec is allowed, and then the result is `str(obj)`, which the caller makes.
pub fn check_object_spec(type_name: &str, spec: &str) -> Result<(), PyErr> {
    if spec.is_empty() {
        Ok(())
    } else {
        Err(PyErr::type_err(format!(
            "unsupported format string passed to {type_name}.__format__"
        )))
    }
}

fn unknown_type(t: char, type_name: &str) -> PyErr {
    let code = t as u32;
    if code > 32 && code < 128 {
        PyErr::value(format!(
            "Unknown format code '{t}' for object of type '{type_name}'"
        ))
    } else {
        PyErr::value(format!(
            "Unknown format code '\\x{code:x}' for object of type '{type_name}'"
        ))
    }
}

/// Reads decimal digits (any Unicode Nd digit, as CPython) from `pos`; `None` when there were
/// none.
fn get_integer(chars: &[char], pos: &mut usize) -> Result<Option<i64>, PyErr> {
    let mut acc: i64 = 0;
    let start = *pos;
    while let Some(d) = chars.get(*pos).and_then(|&c| decimal_value(c)) {
        let d = i64::from(d);
        if acc > (i64::MAX - d) / 10 {
            return Err(PyErr::value("Too many decimal digits in format string"));
        }
        acc = acc * 10 + d;
        *pos += 1;
    }
    Ok((*pos > start).then_some(acc))
}

fn parse(
    spec: &str,
    type_name: &str,
    default_type: Option<char>,
    default_align: char,
) -> Result<Spec, PyErr> {
    let chars: Vec<char> = spec.chars().collect();
    let end = chars.len();
    let is_align = |c: char| matches!(c, '<' | '>' | '=' | '^');
    let mut s = Spec {
        fill: ' ',
        align: default_align,
        sign: None,
        no_neg_0: false,
        alternate: false,
        width: -1,
        grouping: Grouping::None,
        precision: None,
        ty: default_type,
    };
    let mut pos = 0;
    let mut fill_specified = false;
    let mut align_specified = false;
    if end >= 2 && is_align(chars[1]) {
        s.align = chars[1];
        s.fill = chars[0];
        fill_specified = true;
        align_specified = true;
        pos = 2;
    } else if end >= 1 && is_align(chars[0]) {
        s.align = chars[0];
        align_specified = true;
        pos = 1;
    }
    if pos < end && matches!(chars[pos], ' ' | '+' | '-') {
        s.sign = Some(chars[pos]);
        pos += 1;
    }
    if pos < end && chars[pos] == 'z' {
        s.no_neg_0 = true;
        pos += 1;
    }
    if pos < end && chars[pos] == '#' {
        s.alternate = true;
        pos += 1;
    }
    if !fill_specified && pos < end && chars[pos] == '0' {
        s.fill = '0';
        if !align_specified && default_align == '>' {
            s.align = '=';
        }
        pos += 1;
    }
    s.width = get_integer(&chars, &mut pos)?.unwrap_or(-1);
    let both = || PyErr::value("Cannot specify both ',' and '_'.");
    if pos < end && chars[pos] == ',' {
        s.grouping = Grouping::Comma;
        pos += 1;
    }
    if pos < end && chars[pos] == '_' {
        if s.grouping != Grouping::None {
            return Err(both());
        }
        s.grouping = Grouping::Underscore;
        pos += 1;
    }
    if pos < end && chars[pos] == ',' && s.grouping == Grouping::Underscore {
        return Err(both());
    }
    if pos < end && chars[pos] == '.' {
        pos += 1;
        match get_integer(&chars, &mut pos)? {
            Some(p) => s.precision = Some(p),
            None => return Err(PyErr::value("Format specifier missing precision")),
        }
    }
    if end - pos > 1 {
        return Err(PyErr::value(format!(
            "Invalid format specifier '{spec}' for object of type '{type_name}'"
        )));
    }
    if end - pos == 1 {
        s.ty = Some(chars[pos]);
    }
    if s.grouping != Grouping::None {
        match s.ty {
            None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => {}
            Some('b' | 'o' | 'x' | 'X') if s.grouping == Grouping::Underscore => {
                s.grouping = Grouping::UnderscoreFour;
            }
            Some(t) => {
                let sep = if s.grouping == Grouping::Comma {
                    ','
                } else {
                    '_'
                };
                let code = t as u32;
                return Err(PyErr::value(if code > 32 && code < 128 {
                    format!("Cannot specify '{sep}' with '{t}'.")
                } else {
                    format!("Cannot specify '{sep}' with '\\x{code:x}'.")
                }));
            }
        }
    }
    Ok(s)
}

fn format_integer(value: i128, spec: &str, type_name: &str) -> Result<String, PyErr> {
    let s = parse(spec, type_name, Some('d'), '>')?;
    let ty = s.ty.unwrap_or('d');
    match ty {
        'b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n' => {}
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => {
            // Correctly rounded, as PyLong_AsDouble.
            return format_float_internal(value as f64, &s);
        }
        t => return Err(unknown_type(t, type_name)),
    }
    if s.precision.is_some() {
        return Err(PyErr::value(
            "Precision not allowed in integer format specifier",
        ));
    }
    if s.no_neg_0 {
        return Err(PyErr::value(
            "Negative zero coercion (z) not allowed in integer format specifier",
        ));
    }
    if ty == 'c' {
        if s.sign.is_some() {
            return Err(PyErr::value(
                "Sign not allowed with integer format specifier 'c'",
            ));
        }
        if s.alternate {
            return Err(PyErr::value(
                "Alternate form (#) not allowed with integer format specifier 'c'",
            ));
        }
        if value > i128::from(i64::MAX) || value < i128::from(i64::MIN) {
            return Err(PyErr::new(
                super::Exc::OverflowError,
                "Python int too large to convert to C long",
            ));
        }
        if !(0..=0x10ffff).contains(&value) {
            return Err(PyErr::new(
                super::Exc::OverflowError,
                "%c arg not in range(0x110000)",
            ));
        }
        if s.width > MAX_PADDED_LEN {
            return Err(PyErr::memory());
        }
        let c = char::from_u32(value as u32).ok_or_else(|| surrogate(value as u32))?;
        return Ok(render_number(&s, false, "", "", false, &c.to_string()));
    }
    if s.width > MAX_PADDED_LEN {
        return Err(PyErr::memory());
    }
    let (base, prefix) = match ty {
        'b' => (2, "0b"),
        'o' => (8, "0o"),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        _ => (10, ""),
    };
    let magnitude = value.unsigned_abs();
    let mut digits = match base {
        2 => format!("{magnitude:b}"),
        8 => format!("{magnitude:o}"),
        16 => format!("{magnitude:x}"),
        _ => magnitude.to_string(),
    };
    if ty == 'X' {
        digits.make_ascii_uppercase();
    }
    let prefix = if s.alternate { prefix } else { "" };
    Ok(render_number(&s, value < 0, prefix, &digits, false, ""))
}

/// Our strings are Rust strings, which cannot hold a lone surrogate (CPython's can).
pub(crate) fn surrogate(code: u32) -> PyErr {
    PyErr::value(format!(
        "character U+{code:04X} is a surrogate, which AwaitLab's strings cannot hold"
    ))
}

fn format_float_internal(value: f64, s: &Spec) -> Result<String, PyErr> {
    let precision = s.precision;
    if precision.is_some_and(|p| p > i64::from(i32::MAX)) {
        return Err(PyErr::value("precision too big"));
    }
    if s.width > MAX_PADDED_LEN || precision.is_some_and(|p| p > MAX_PADDED_LEN) {
        return Err(PyErr::memory());
    }
    let mut flags = DtoaFlags {
        alt: s.alternate,
        no_neg_0: s.no_neg_0,
        ..DtoaFlags::default()
    };
    let mut value = value;
    let mut add_pct = false;
    let (mut code, default_precision) = match s.ty {
        None => {
            flags.add_dot_0 = true;
            (b'r', 0)
        }
        Some('n' | 'g') => (b'g', 6),
        Some('G') => (b'G', 6),
        Some('%') => {
            value *= 100.0;
            add_pct = true;
            (b'f', 6)
        }
        Some(t) => (t as u8, 6),
    };
    let precision = match precision {
        Some(p) => {
            if code == b'r' {
                code = b'g';
            }
            p as usize
        }
        None => default_precision,
    };
    if code.is_ascii_uppercase() {
        flags.upper = true;
        code = code.to_ascii_lowercase();
    }
    let mut buf = double_to_string(value, code, precision, flags);
    if add_pct {
        buf.push('%');
    }
    if s.sign.is_none_or(|c| c == '-')
        && s.width < 0
        && s.ty != Some('n')
        && s.grouping == Grouping::None
    {
        // CPython's fast path; the layout below would give the same text.
        return Ok(buf);
    }
    let (negative, body) = match buf.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, buf.as_str()),
    };
    let digits_end = body
        .bytes()
        .position(|b| !b.is_ascii_digit())
        .unwrap_or(body.len());
    let (digits, rest) = body.split_at(digits_end);
    let (has_decimal, remainder) = match rest.strip_prefix('.') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    Ok(render_number(
        s,
        negative,
        "",
        digits,
        has_decimal,
        remainder,
    ))
}

/// CPython's `calc_number_widths` + `fill_number`: lays out
/// `<lpad><sign><prefix><spad><grouped digits><.><remainder><rpad>`.
fn render_number(
    s: &Spec,
    negative: bool,
    prefix: &str,
    digits: &str,
    has_decimal: bool,
    remainder: &str,
) -> String {
    let sign = match (s.sign, negative) {
        (_, true) => Some('-'),
        (Some('+'), false) => Some('+'),
        (Some(' '), false) => Some(' '),
        _ => None,
    };
    // The 'n' presentation uses the C locale (CPython leaves LC_NUMERIC alone): no grouping.
    let grouping = match (s.ty, s.grouping) {
        (Some('n'), _) | (_, Grouping::None) => None,
        (_, Grouping::Comma) => Some((',', 3)),
        (_, Grouping::Underscore) => Some(('_', 3)),
        (_, Grouping::UnderscoreFour) => Some(('_', 4)),
    };
    let remainder_len = remainder.chars().count() as i64;
    let non_digit =
        sign.is_some() as i64 + prefix.len() as i64 + has_decimal as i64 + remainder_len;
    let min_width = if s.fill == '0' && s.align == '=' {
        s.width - non_digit
    } else {
        0
    };
    let grouped = if digits.is_empty() {
        String::new()
    } else {
        group_digits(digits.as_bytes(), min_width, grouping)
    };
    let padding = s.width - (non_digit + grouped.len() as i64);
    let (mut lpad, mut spad, mut rpad) = (0, 0, 0);
    if padding > 0 {
        match s.align {
            '<' => rpad = padding,
            '^' => {
                lpad = padding / 2;
                rpad = padding - lpad;
            }
            '=' => spad = padding,
            _ => lpad = padding,
        }
    }
    let mut out =
        String::with_capacity((non_digit + grouped.len() as i64 + padding.max(0)) as usize);
    push_fill(&mut out, s.fill, lpad);
    if let Some(c) = sign {
        out.push(c);
    }
    out.push_str(prefix);
    push_fill(&mut out, s.fill, spad);
    out.push_str(&grouped);
    if has_decimal {
        out.push('.');
    }
    out.push_str(remainder);
    push_fill(&mut out, s.fill, rpad);
    out
}

/// CPython's `_PyUnicode_InsertThousandsGrouping`: groups `digits` from the right and, for `0`
/// padding, pads with zeros (and separators between them) up to `min_width`.
fn group_digits(digits: &[u8], min_width: i64, grouping: Option<(char, i64)>) -> String {
    let mut min_width = min_width.max(0);
    let mut remaining = digits.len() as i64;
    let mut end = digits.len();
    // Built right to left, reversed at the end.
    let mut rev: Vec<char> = Vec::with_capacity(digits.len() * 4 / 3 + 2);
    let mut use_separator = false;
    let mut emit = |rev: &mut Vec<char>, n_chars: i64, n_zeros: i64, sep: Option<char>| {
        if let Some(sep) = sep {
            rev.push(sep);
        }
        let start = end - n_chars as usize;
        rev.extend(digits[start..end].iter().rev().map(|&b| b as char));
        end = start;
        rev.extend(std::iter::repeat_n('0', n_zeros as usize));
    };
    let mut finished = false;
    if let Some((sep, group)) = grouping {
        loop {
            let len = group.min(remaining.max(min_width).max(1));
            let n_zeros = (len - remaining).max(0);
            let n_chars = remaining.min(len).max(0);
            emit(&mut rev, n_chars, n_zeros, use_separator.then_some(sep));
            use_separator = true;
            remaining -= n_chars;
            min_width -= len;
            if remaining <= 0 && min_width <= 0 {
                finished = true;
                break;
            }
            min_width -= 1;
        }
    }
    if !finished {
        let len = remaining.max(min_width).max(1);
        let n_zeros = (len - remaining).max(0);
        let n_chars = remaining.min(len).max(0);
        let sep = grouping.and_then(|(sep, _)| use_separator.then_some(sep));
        emit(&mut rev, n_chars, n_zeros, sep);
    }
    rev.iter().rev().collect()
}

fn push_fill(out: &mut String, fill: char, n: i64) {
    for _ in 0..n.max(0) {
        out.push(fill);
    }
}

/// CPython's `calc_padding` + fill for strings: `text` is `len` chars long.
fn pad(text: &str, len: i64, s: &Spec) -> String {
    let total = if s.width > len { s.width } else { len };
    let lpad = match s.align {
        '>' => total - len,
        '^' => (total - len) / 2,
        _ => 0,
    };
    let rpad = total - len - lpad;
    let mut out = String::with_capacity(text.len() + (total - len) as usize * s.fill.len_utf8());
    push_fill(&mut out, s.fill, lpad);
    out.push_str(text);
    push_fill(&mut out, s.fill, rpad);
    out
}

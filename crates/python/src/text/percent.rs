//! printf-style `%` formatting of strs (`'%.4f %s' % (x, name)`, `'%(key)s' % mapping`), a port
//! of CPython 3.11's `PyUnicode_Format`: flags `-+ #0`, `*` widths and precisions, the
//! conversions `s r a c d i u o x X e E f F g G %`, and its error messages.

use super::float_repr::{double_to_string, DtoaFlags};
use super::numbers::Num;
use super::spec::surrogate;
use super::str_repr::ascii_escape;
use super::{Exc, PyErr, MAX_PADDED_LEN};

/// What `%` formatting needs from one of the interpreter's values. `str()` and `repr()` of a
/// user object may run Python code and raise, so they return the interpreter's error type and
/// are only called when the format needs them.
pub trait FormatArg: Sized {
    /// The interpreter's exception type; our own errors convert into it.
    type Error: From<PyErr>;

    /// The value as a number if it is one (int, bool as 0/1, float), else `None`.
    fn as_number(&self) -> Option<Num>;

    /// The text if the value is a str (`%c` takes a one-character str).
    fn as_str(&self) -> Option<&str>;

    /// `str(value)`, for `%s`.
    fn to_str(&self) -> Result<String, Self::Error>;

    /// `repr(value)`, for `%r` and `%a`.
    fn to_repr(&self) -> Result<String, Self::Error>;

    /// The Python type's name (`str`, `list`, …), for error messages.
    fn type_name(&self) -> String;

    /// True when the value, as the single right operand of `%`, counts as a mapping (it has
    /// `__getitem__` and is neither a tuple nor a str: a dict, but a list too), so `%(key)s`
    /// may look keys up in it and unused arguments are no error.
    fn is_mapping(&self) -> bool {
        false
    }

    /// `value[key]`, for `%(key)s`; only called when [`FormatArg::is_mapping`] is true.
    fn get_item(&self, key: &str) -> Result<Self, Self::Error>;
}

/// The right operand of `%`.
#[derive(Debug, Clone, Copy)]
pub enum PercentArgs<'a, A> {
    /// A tuple: its items are the arguments in order.
    Tuple(&'a [A]),
    /// Any other value: one argument, or a mapping for `%(key)s`.
    Single(&'a A),
}

/// Where the next argument comes from (CPython's `args`, `arglen`, `argidx`).
enum Source<'a, A> {
    Tuple(&'a [A]),
    Single(&'a A),
    Looked(A),
}

struct Ctx<'a, A> {
    chars: Vec<char>,
    pos: usize,
    cnt: i64,
    source: Source<'a, A>,
    arglen: i64,
    argidx: i64,
    dict: Option<&'a A>,
    /// A `%c` of a lone surrogate: raised at the end, so that any error CPython would raise
    /// comes first.
    surrogate: Option<u32>,
}

/// Which argument `next_arg` picked.
#[derive(Clone, Copy)]
enum Picked {
    Item(usize),
    Whole,
}

impl<A: FormatArg> Ctx<'_, A> {
    fn read(&self) -> char {
        self.chars.get(self.pos).copied().unwrap_or('\0')
    }

    /// Advances like CPython's `if (--fmtcnt >= 0) { ch = READ; fmtpos++; }`.
    fn advance(&mut self, ch: &mut char) -> bool {
        self.cnt -= 1;
        if self.cnt >= 0 {
            *ch = self.read();
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn next_arg(&mut self) -> Result<Picked, PyErr> {
        if self.argidx < self.arglen {
            let idx = self.argidx;
            self.argidx += 1;
            Ok(if self.arglen < 0 {
                Picked::Whole
            } else {
                Picked::Item(idx as usize)
            })
        } else {
            Err(PyErr::type_err("not enough arguments for format string"))
        }
    }

    fn get(&self, picked: Picked) -> &A {
        match (&self.source, picked) {
            (Source::Tuple(items), Picked::Item(i)) => &items[i],
            (Source::Tuple(items), Picked::Whole) => &items[0],
            (Source::Single(a), _) => a,
            (Source::Looked(a), _) => a,
        }
    }
}

const F_LJUST: u8 = 1;
const F_SIGN: u8 = 2;
const F_BLANK: u8 = 4;
const F_ALT: u8 = 8;
const F_ZERO: u8 = 16;

struct Arg {
    ch: char,
    flags: u8,
    width: i64,
    prec: i64,
    sign: bool,
    surrogate: Option<u32>,
}

/// `fmt % args` for a str `fmt`.
pub fn percent_format<A: FormatArg>(
    fmt: &str,
    args: PercentArgs<'_, A>,
) -> Result<String, A::Error> {
    let chars: Vec<char> = fmt.chars().collect();
    let cnt = chars.len() as i64;
    let (source, arglen, argidx, dict) = match args {
        PercentArgs::Tuple(items) => (Source::Tuple(items), items.len() as i64, 0, None),
        PercentArgs::Single(a) => (Source::Single(a), -1, -2, a.is_mapping().then_some(a)),
    };
    let mut ctx = Ctx {
        chars,
        pos: 0,
        cnt,
        source,
        arglen,
        argidx,
        dict,
        surrogate: None,
    };
    let mut out = String::with_capacity(fmt.len() + 16);
    loop {
        ctx.cnt -= 1;
        if ctx.cnt < 0 {
            break;
        }
        if ctx.read() != '%' {
            let start = ctx.pos;
            let mut end = start;
            while end < ctx.chars.len() && ctx.chars[end] != '%' {
                end += 1;
            }
            out.extend(&ctx.chars[start..end]);
            ctx.cnt -= (end - start - 1) as i64;
            ctx.pos = end;
        } else {
            ctx.pos += 1;
            format_one(&mut ctx, &mut out)?;
        }
    }
    if ctx.argidx < ctx.arglen && ctx.dict.is_none() {
        return Err(PyErr::type_err("not all arguments converted during string formatting").into());
    }
    if let Some(code) = ctx.surrogate {
        return Err(surrogate(code).into());
    }
    Ok(out)
}

fn format_one<A: FormatArg>(ctx: &mut Ctx<'_, A>, out: &mut String) -> Result<(), A::Error> {
    let mut arg = Arg {
        ch: ctx.read(),
        flags: 0,
        width: -1,
        prec: -1,
        sign: false,
        surrogate: None,
    };
    if arg.ch == '%' {
        ctx.pos += 1;
        ctx.cnt -= 1;
        out.push('%');
        return Ok(());
    }
    parse_arg(ctx, &mut arg)?;
    if arg.width > MAX_PADDED_LEN
        || (arg.prec > MAX_PADDED_LEN && !matches!(arg.ch, 's' | 'r' | 'a'))
    {
        return Err(PyErr::memory().into());
    }
    let picked = ctx.next_arg()?;
    let text = convert(ctx, &mut arg, picked)?;
    output(&mut arg, &text, out);
    if ctx.surrogate.is_none() {
        ctx.surrogate = arg.surrogate;
    }
    Ok(())
}

fn star_arg<A: FormatArg>(ctx: &mut Ctx<'_, A>) -> Result<i64, PyErr> {
    let picked = ctx.next_arg()?;
    match ctx.get(picked).as_number() {
        Some(Num::Int(n)) => Ok(n),
        _ => Err(PyErr::type_err("* wants int")),
    }
}

fn parse_arg<A: FormatArg>(ctx: &mut Ctx<'_, A>, arg: &mut Arg) -> Result<(), A::Error> {
    if ctx.read() == '(' {
        let Some(dict) = ctx.dict else {
            return Err(PyErr::type_err("format requires a mapping").into());
        };
        ctx.pos += 1;
        ctx.cnt -= 1;
        let keystart = ctx.pos;
        let mut depth = 1;
        while depth > 0 {
            ctx.cnt -= 1;
            if ctx.cnt < 0 {
                break;
            }
            arg.ch = ctx.read();
            if arg.ch == ')' {
                depth -= 1;
            } else if arg.ch == '(' {
                depth += 1;
            }
            ctx.pos += 1;
        }
        if ctx.cnt < 0 || depth > 0 {
            return Err(PyErr::value("incomplete format key").into());
        }
        let key: String = ctx.chars[keystart..ctx.pos - 1].iter().collect();
        let value = dict.get_item(&key)?;
        ctx.source = Source::Looked(value);
        ctx.arglen = -1;
        ctx.argidx = -2;
    }
    while ctx.advance(&mut arg.ch) {
        match arg.ch {
            '-' => arg.flags |= F_LJUST,
            '+' => arg.flags |= F_SIGN,
            ' ' => arg.flags |= F_BLANK,
            '#' => arg.flags |= F_ALT,
            '0' => arg.flags |= F_ZERO,
            _ => break,
        }
    }
    if arg.ch == '*' {
        let width = star_arg(ctx)?;
        arg.width = width;
        if width < 0 {
            arg.flags |= F_LJUST;
            arg.width = width.saturating_neg();
        }
        ctx.advance(&mut arg.ch);
    } else if arg.ch.is_ascii_digit() {
        arg.width = i64::from(arg.ch as u8 - b'0');
        while ctx.advance(&mut arg.ch) {
            if !arg.ch.is_ascii_digit() {
                break;
            }
            let d = i64::from(arg.ch as u8 - b'0');
            if arg.width > (i64::MAX - d) / 10 {
                return Err(PyErr::value("width too big").into());
            }
            arg.width = arg.width * 10 + d;
        }
    }
    if arg.ch == '.' {
        arg.prec = 0;
        ctx.advance(&mut arg.ch);
        if arg.ch == '*' {
            let prec = star_arg(ctx)?;
            if i32::try_from(prec).is_err() {
                return Err(PyErr::new(
                    Exc::OverflowError,
                    "Python int too large to convert to C int",
                )
                .into());
            }
            arg.prec = prec.max(0);
            ctx.advance(&mut arg.ch);
        } else if arg.ch.is_ascii_digit() {
            arg.prec = i64::from(arg.ch as u8 - b'0');
            while ctx.advance(&mut arg.ch) {
                if !arg.ch.is_ascii_digit() {
                    break;
                }
                let d = i64::from(arg.ch as u8 - b'0');
                if arg.prec > (i64::from(i32::MAX) - d) / 10 {
                    return Err(PyErr::value("precision too big").into());
                }
                arg.prec = arg.prec * 10 + d;
            }
        }
    }
    if ctx.cnt >= 0 && matches!(arg.ch, 'h' | 'l' | 'L') {
        ctx.advance(&mut arg.ch);
    }
    if ctx.cnt < 0 {
        return Err(PyErr::value("incomplete format").into());
    }
    Ok(())
}

/// The text of one conversion, before padding (CPython's `unicode_format_arg_format`).
fn convert<A: FormatArg>(
    ctx: &Ctx<'_, A>,
    arg: &mut Arg,
    picked: Picked,
) -> Result<String, A::Error> {
    let v = ctx.get(picked);
    match arg.ch {
        's' => v.to_str(),
        'r' => v.to_repr(),
        'a' => Ok(ascii_escape(&v.to_repr()?)),
        'i' | 'd' | 'u' | 'o' | 'x' | 'X' => {
            arg.sign = true;
            Ok(format_long(v, arg)?)
        }
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
            arg.sign = true;
            let x = match v.as_number() {
                Some(Num::Int(n)) => n as f64,
                Some(Num::Float(x)) => x,
                None => {
                    return Err(PyErr::type_err(format!(
                        "must be real number, not {}",
                        v.type_name()
                    ))
                    .into())
                }
            };
            let prec = if arg.prec < 0 { 6 } else { arg.prec as usize };
            let flags = DtoaFlags {
                alt: arg.flags & F_ALT != 0,
                upper: arg.ch.is_ascii_uppercase(),
                ..DtoaFlags::default()
            };
            Ok(double_to_string(
                x,
                arg.ch.to_ascii_lowercase() as u8,
                prec,
                flags,
            ))
        }
        'c' => {
            let wrong = || PyErr::type_err("%c requires int or char");
            let code = if let Some(s) = v.as_str() {
                let mut it = s.chars();
                match (it.next(), it.next()) {
                    (Some(c), None) => return Ok(c.to_string()),
                    _ => return Err(wrong().into()),
                }
            } else {
                match v.as_number() {
                    Some(Num::Int(n)) => n,
                    _ => return Err(wrong().into()),
                }
            };
            if !(0..=0x10ffff).contains(&code) {
                return Err(PyErr::new(Exc::OverflowError, "%c arg not in range(0x110000)").into());
            }
            let c = char::from_u32(code as u32).unwrap_or_else(|| {
                arg.surrogate = Some(code as u32);
                char::REPLACEMENT_CHARACTER
            });
            Ok(c.to_string())
        }
        ch => {
            let code = ch as u32;
            let shown = if (31..=126).contains(&code) { ch } else { '?' };
            Err(PyErr::value(format!(
                "unsupported format character '{shown}' (0x{code:x}) at index {}",
                ctx.pos - 1
            ))
            .into())
        }
    }
}

/// CPython's `mainformatlong` + `_PyUnicode_FormatLong`.
fn format_long<A: FormatArg>(v: &A, arg: &Arg) -> Result<String, PyErr> {
    let ch = arg.ch;
    let wrong = || {
        let what = if matches!(ch, 'o' | 'x' | 'X') {
            "an integer"
        } else {
            "a real number"
        };
        PyErr::type_err(format!(
            "%{ch} format: {what} is required, not {}",
            v.type_name()
        ))
    };
    // The magnitude's digits in the conversion's base, and the sign.
    let (negative, mut digits) = match v.as_number() {
        None => return Err(wrong()),
        Some(Num::Float(_)) if matches!(ch, 'o' | 'x' | 'X') => return Err(wrong()),
        Some(Num::Float(x)) => {
            // int(x): exact, however large.
            super::numbers::float_to_int(x).or_else(|e| match e.exc {
                Exc::Overflow => Ok(0),
                _ => Err(e),
            })?;
            let t = x.trunc();
            (t < 0.0, format!("{:.0}", t.abs()))
        }
        Some(Num::Int(n)) => {
            let m = n.unsigned_abs();
            let digits = match ch {
                'o' => format!("{m:o}"),
                'x' | 'X' => format!("{m:x}"),
                _ => m.to_string(),
            };
            (n < 0, digits)
        }
    };
    if ch == 'X' {
        digits.make_ascii_uppercase();
    }
    let mut s = String::with_capacity(digits.len() + 4);
    if negative {
        s.push('-');
    }
    if arg.flags & F_ALT != 0 {
        match ch {
            'o' => s.push_str("0o"),
            'x' => s.push_str("0x"),
            'X' => s.push_str("0X"),
            _ => {}
        }
    }
    let numdigits = digits.len() as i64;
    if arg.prec > numdigits {
        s.extend(std::iter::repeat_n('0', (arg.prec - numdigits) as usize));
    }
    s.push_str(&digits);
    Ok(s)
}

/// CPython's `unicode_format_arg_output`: sign, `0x` prefix, padding and truncation.
fn output(arg: &mut Arg, text: &str, out: &mut String) {
    let chars: Vec<char> = text.chars().collect();
    let mut len = chars.len() as i64;
    let fill = if arg.sign && arg.flags & F_ZERO != 0 {
        '0'
    } else {
        ' '
    };
    if (arg.width == -1 || arg.width <= len)
        && (arg.prec == -1 || arg.prec >= len)
        && arg.flags & (F_SIGN | F_BLANK) == 0
    {
        out.push_str(text);
        return;
    }
    if matches!(arg.ch, 's' | 'r' | 'a') && arg.prec >= 0 && len > arg.prec {
        len = arg.prec;
    }
    let mut pindex = 0usize;
    let mut signchar = None;
    if arg.sign {
        let first = chars.first().copied().unwrap_or('\0');
        if first == '-' || first == '+' {
            signchar = Some(first);
            len -= 1;
            pindex += 1;
        } else if arg.flags & F_SIGN != 0 {
            signchar = Some('+');
        } else if arg.flags & F_BLANK != 0 {
            signchar = Some(' ');
        } else {
            arg.sign = false;
        }
    }
    if arg.width < len {
        arg.width = len;
    }
    if arg.sign {
        if fill != ' ' {
            out.extend(signchar);
        }
        if arg.width > len {
            arg.width -= 1;
        }
    }
    let alt_prefix = arg.flags & F_ALT != 0 && matches!(arg.ch, 'x' | 'X' | 'o');
    if alt_prefix {
        if fill != ' ' {
            out.push('0');
            out.push(arg.ch);
            pindex += 2;
        }
        arg.width = (arg.width - 2).max(0);
        len -= 2;
    }
    if arg.width > len && arg.flags & F_LJUST == 0 {
        out.extend(std::iter::repeat_n(fill, (arg.width - len) as usize));
        arg.width = len;
    }
    if fill == ' ' {
        if arg.sign {
            out.extend(signchar);
        }
        if alt_prefix {
            out.push('0');
            out.push(arg.ch);
            pindex += 2;
        }
    }
    if len > 0 {
        out.extend(&chars[pindex..pindex + len as usize]);
    }
    if arg.width > len {
        out.extend(std::iter::repeat_n(' ', (arg.width - len) as usize));
    }
}

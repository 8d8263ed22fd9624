//! Python's numeric semantics where they differ from Rust's, on i64 ints and f64 floats: floor
//! division and modulo (the result takes the divisor's sign), `divmod`, `**` (a negative exponent
//! gives a float), `round` (ties to even; `round(x, n)` rounds the correctly rounded decimal
//! string, so `round(2.675, 2)` is `2.67`), correctly rounded int `/`, and `int()`/`float()` of
//! strings. Every int result that leaves i64 is reported as [`Exc::Overflow`], never wrapped.

use super::str_repr::str_repr;
use super::unicode::{DECIMAL_ZEROS, SPACES};
use super::{Exc, PyErr};

/// A Python number as `%` formatting and `**` see it; a bool is the int 0 or 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Num {
    /// An int (AwaitLab's ints are i64).
    Int(i64),
    /// A float.
    Float(f64),
}

/// The value of a Unicode decimal digit (category Nd, any script), as CPython's
/// `Py_UNICODE_TODECIMAL`: `int()`, `float()` and format-spec widths accept them all.
pub(crate) fn decimal_value(c: char) -> Option<u32> {
    let cp = c as u32;
    if cp < 0x80 {
        return c.to_digit(10);
    }
    let i = DECIMAL_ZEROS.partition_point(|&zero| zero <= cp);
    (i > 0 && cp - DECIMAL_ZEROS[i - 1] < 10).then(|| cp - DECIMAL_ZEROS[i - 1])
}

/// CPython's `str.isspace` (Unicode whitespace, including `\x1c`–`\x1f`, which Rust's
/// `char::is_whitespace` leaves out).
pub(crate) fn is_space(c: char) -> bool {
    SPACES.binary_search(&(c as u32)).is_ok()
}

/// `str(n)` for an int (also right for `i64::MIN`).
pub fn int_to_string(n: i64) -> String {
    n.to_string()
}

fn int_zero_division(msg: &str) -> PyErr {
    PyErr::new(Exc::ZeroDivisionError, msg)
}

/// `a // b` for ints: floors towards negative infinity (`-7 // 2 == -4`).
pub fn int_floordiv(a: i64, b: i64) -> Result<i64, PyErr> {
    int_divmod(a, b).map(|(q, _)| q).map_err(|e| match e.exc {
        Exc::ZeroDivisionError => int_zero_division("integer division or modulo by zero"),
        _ => e,
    })
}

/// `a % b` for ints: the result has the divisor's sign (`-7 % 2 == 1`, `7 % -2 == -1`).
pub fn int_mod(a: i64, b: i64) -> Result<i64, PyErr> {
    if b == 0 {
        return Err(int_zero_division("integer modulo by zero"));
    }
    if b == -1 {
        return Ok(0);
    }
    let r = a % b;
    Ok(if r != 0 && (r < 0) != (b < 0) {
        r + b
    } else {
        r
    })
}

/// `divmod(a, b)` for ints: `(a // b, a % b)`.
pub fn int_divmod(a: i64, b: i64) -> Result<(i64, i64), PyErr> {
    if b == 0 {
        return Err(int_zero_division("integer division or modulo by zero"));
    }
    let q = a.checked_div(b).ok_or_else(PyErr::overflow)?;
    let r = a - q * b;
    if r != 0 && (r < 0) != (b < 0) {
        Ok((q - 1, r + b))
    } else {
        Ok((q, r))
    }
}

/// `a / b` for ints, correctly rounded as CPython's `long_true_divide` (not `a as f64 / b as
/// f64`, which rounds twice for operands beyond 2**53).
pub fn int_truediv(a: i64, b: i64) -> Result<f64, PyErr> {
    if b == 0 {
        return Err(int_zero_division("division by zero"));
    }
    let negative = (a < 0) != (b < 0);
    let (na, nb) = (a.unsigned_abs() as u128, b.unsigned_abs() as u128);
    if na == 0 {
        return Ok(if negative { -0.0 } else { 0.0 });
    }
    let bits = |v: u128| 128 - v.leading_zeros() as i32;
    // Shift so the quotient has at least 55 bits; the remainder becomes a sticky bit below
    // the rounding bit, and u128 → f64 rounds to nearest even once.
    let shift = (bits(nb) + 55 - bits(na)).max(0);
    let scaled = na << shift;
    let (q, r) = (scaled / nb, scaled % nb);
    let magnitude = ((q | u128::from(r != 0)) as f64) * 2f64.powi(-shift);
    Ok(if negative { -magnitude } else { magnitude })
}

/// `base ** exp` for ints: an int for `exp >= 0` (or [`Exc::Overflow`] beyond i64), a float for
/// a negative exponent (`2 ** -1 == 0.5`; `0 ** -1` raises ZeroDivisionError).
pub fn int_pow(base: i64, exp: i64) -> Result<Num, PyErr> {
    if exp < 0 {
        return float_pow(base as f64, exp as f64).map(Num::Float);
    }
    let result = match base {
        0 => i64::from(exp == 0),
        1 => 1,
        -1 => {
            if exp % 2 == 0 {
                1
            } else {
                -1
            }
        }
        _ => u32::try_from(exp)
            .ok()
            .and_then(|e| base.checked_pow(e))
            .ok_or_else(PyErr::overflow)?,
    };
    Ok(Num::Int(result))
}

/// `pow(base, exp, modulus)` for ints, including a negative `exp` (a modular inverse, 3.8+)
/// and a negative modulus (the result takes its sign).
pub fn int_pow_mod(base: i64, exp: i64, modulus: i64) -> Result<i64, PyErr> {
    if modulus == 0 {
        return Err(PyErr::value("pow() 3rd argument cannot be 0"));
    }
    let m = i128::from(modulus).abs();
    let mut b = i128::from(base).rem_euclid(m);
    if exp < 0 {
        b = mod_inverse(b, m)
            .ok_or_else(|| PyErr::value("base is not invertible for the given modulus"))?;
    }
    let mut e = i128::from(exp).unsigned_abs();
    let mut result: i128 = 1 % m;
    while e > 0 {
        if e & 1 == 1 {
            result = result * b % m;
        }
        b = b * b % m;
        e >>= 1;
    }
    if modulus < 0 && result != 0 {
        result -= m;
    }
    Ok(result as i64)
}

fn mod_inverse(a: i128, m: i128) -> Option<i128> {
    let (mut old_r, mut r) = (a, m);
    let (mut old_s, mut s) = (1i128, 0i128);
    while r != 0 {
        let q = old_r / r;
        (old_r, r) = (r, old_r - q * r);
        (old_s, s) = (s, old_s - q * s);
    }
    (old_r == 1).then(|| old_s.rem_euclid(m))
}

/// `a / b` for floats.
pub fn float_truediv(a: f64, b: f64) -> Result<f64, PyErr> {
    if b == 0.0 {
        return Err(PyErr::new(Exc::ZeroDivisionError, "float division by zero"));
    }
    Ok(a / b)
}

/// CPython's `_float_div_mod`: the floored quotient (snapped to an integral value) and the
/// remainder with the divisor's sign.
fn float_div_mod(vx: f64, wx: f64) -> (f64, f64) {
    let mut m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = 0f64.copysign(wx);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0f64.copysign(vx / wx)
    };
    (floordiv, m)
}

/// `a // b` for floats (`-7.5 // 2 == -4.0`).
pub fn float_floordiv(a: f64, b: f64) -> Result<f64, PyErr> {
    if b == 0.0 {
        return Err(PyErr::new(
            Exc::ZeroDivisionError,
            "float floor division by zero",
        ));
    }
    Ok(float_div_mod(a, b).0)
}

/// `a % b` for floats: the divisor's sign (`-7.5 % 2 == 0.5`; `math.fmod` would give -1.5).
pub fn float_mod(a: f64, b: f64) -> Result<f64, PyErr> {
    if b == 0.0 {
        return Err(PyErr::new(Exc::ZeroDivisionError, "float modulo"));
    }
    let m = a % b;
    Ok(if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m + b
        } else {
            m
        }
    } else {
        0f64.copysign(b)
    })
}

/// `divmod(a, b)` for floats.
pub fn float_divmod(a: f64, b: f64) -> Result<(f64, f64), PyErr> {
    if b == 0.0 {
        return Err(PyErr::new(Exc::ZeroDivisionError, "float divmod()"));
    }
    Ok(float_div_mod(a, b))
}

fn is_odd_integer(x: f64) -> bool {
    x % 2.0 == 1.0 || x % 2.0 == -1.0
}

/// `a ** b` for floats with CPython's special cases (`0.0 ** -1` raises ZeroDivisionError,
/// `(-1) ** huge` is ±1, overflow raises OverflowError). A negative base with a fractional
/// exponent gives a complex in CPython; we have no complex numbers and raise ValueError.
pub fn float_pow(a: f64, b: f64) -> Result<f64, PyErr> {
    if b == 0.0 {
        return Ok(1.0);
    }
    if a.is_nan() {
        return Ok(a);
    }
    if b.is_nan() {
        return Ok(if a == 1.0 { 1.0 } else { b });
    }
    if b.is_infinite() {
        let a = a.abs();
        return Ok(if a == 1.0 {
            1.0
        } else if (b > 0.0) == (a > 1.0) {
            b.abs()
        } else {
            0.0
        });
    }
    if a.is_infinite() {
        let odd = is_odd_integer(b);
        return Ok(if b > 0.0 {
            if odd {
                a
            } else {
                a.abs()
            }
        } else if odd {
            0f64.copysign(a)
        } else {
            0.0
        });
    }
    if a == 0.0 {
        if b < 0.0 {
            return Err(PyErr::new(
                Exc::ZeroDivisionError,
                "0.0 cannot be raised to a negative power",
            ));
        }
        return Ok(if is_odd_integer(b) { a } else { 0.0 });
    }
    let mut a = a;
    let mut negate = false;
    if a < 0.0 {
        if b != b.floor() {
            return Err(PyErr::value(
                "negative number cannot be raised to a fractional power \
                 (CPython gives a complex; AwaitLab has no complex numbers)",
            ));
        }
        a = -a;
        negate = is_odd_integer(b);
    }
    if a == 1.0 {
        return Ok(if negate { -1.0 } else { 1.0 });
    }
    let r = a.powf(b);
    if r.is_infinite() {
        return Err(PyErr::new(
            Exc::OverflowError,
            "(34, 'Numerical result out of range')",
        ));
    }
    Ok(if negate { -r } else { r })
}

/// `int(x)` for a float: truncates towards zero.
pub fn float_to_int(x: f64) -> Result<i64, PyErr> {
    if x.is_nan() {
        return Err(PyErr::value("cannot convert float NaN to integer"));
    }
    if x.is_infinite() {
        return Err(PyErr::new(
            Exc::OverflowError,
            "cannot convert float infinity to integer",
        ));
    }
    let t = x.trunc();
    // -2**63 <= t < 2**63, both bounds exact in f64.
    if (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&t) {
        Ok(t as i64)
    } else {
        Err(PyErr::overflow())
    }
}

/// `float.is_integer()`.
pub fn float_is_integer(x: f64) -> bool {
    x.is_finite() && x == x.trunc()
}

/// `round(x)` for a float: the nearest int, ties to even (`round(0.5) == 0`, `round(1.5) == 2`).
pub fn round_float_to_int(x: f64) -> Result<i64, PyErr> {
    float_to_int(x.round_ties_even())
}

/// `round(x, ndigits)` for a float, exactly as CPython: round the exact binary value to a
/// decimal string (ties to even), then read it back (`round(2.675, 2) == 2.67` because 2.675 is
/// really 2.67499999…). `ndigits` may be negative (`round(1250.0, -2) == 1200.0`).
pub fn round_float(x: f64, ndigits: i64) -> Result<f64, PyErr> {
    if !x.is_finite() || ndigits > 323 {
        return Ok(x);
    }
    if ndigits < -308 {
        return Ok(0.0 * x);
    }
    let text = if ndigits >= 0 {
        format!("{:.*}", ndigits as usize, x)
    } else {
        round_to_tens(x, (-ndigits) as usize)
    };
    let rounded: f64 = text.parse().unwrap_or(f64::NAN);
    if rounded.is_infinite() {
        return Err(PyErr::new(
            Exc::OverflowError,
            "rounded value too large to represent",
        ));
    }
    Ok(rounded)
}

/// The decimal text of `x` rounded (ties to even) to a multiple of `10**k`, `k >= 1`.
fn round_to_tens(x: f64, k: usize) -> String {
    let ax = x.abs();
    let (int_digits, has_fraction) = if ax < 9_007_199_254_740_992.0 {
        let t = ax.trunc();
        ((t as u64).to_string(), ax != t)
    } else {
        // Integral: Rust prints its exact value.
        (format!("{ax:.0}"), false)
    };
    let padded = format!("{int_digits:0>width$}", width = k + 1);
    let (high, low) = padded.split_at(padded.len() - k);
    let half = format!("5{}", "0".repeat(k - 1));
    let up = match low.cmp(half.as_str()) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Less => false,
        std::cmp::Ordering::Equal => {
            has_fraction || high.bytes().last().is_some_and(|d| (d - b'0') % 2 == 1)
        }
    };
    let mut high: Vec<u8> = high.bytes().collect();
    if up {
        let mut i = high.len();
        loop {
            if i == 0 {
                high.insert(0, b'1');
                break;
            }
            i -= 1;
            if high[i] == b'9' {
                high[i] = b'0';
            } else {
                high[i] += 1;
                break;
            }
        }
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    format!("{sign}{}e{k}", String::from_utf8_lossy(&high))
}

/// `round(n, ndigits)` for an int: unchanged for `ndigits >= 0`, else rounded to a multiple of
/// `10**-ndigits`, ties to even (`round(25, -1) == 20`).
pub fn int_round(n: i64, ndigits: i64) -> Result<i64, PyErr> {
    if ndigits >= 0 {
        return Ok(n);
    }
    let k = ndigits.unsigned_abs();
    if k > 38 {
        return Ok(0);
    }
    let pow = 10i128.pow(k as u32);
    let v = i128::from(n);
    let (mut q, r) = (v.div_euclid(pow), v.rem_euclid(pow));
    if r > pow - r || (r == pow - r && q % 2 != 0) {
        q += 1;
    }
    i64::try_from(q * pow).map_err(|_| PyErr::overflow())
}

/// CPython's `_PyUnicode_TransformDecimalAndSpaceToASCII`: Unicode digits become ASCII digits,
/// Unicode whitespace a space, any other non-ASCII character `?`.
fn to_ascii(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| {
            if c.is_ascii() {
                c as u8
            } else if let Some(d) = decimal_value(c) {
                b'0' + d as u8
            } else if is_space(c) {
                b' '
            } else {
                b'?'
            }
        })
        .collect()
}

fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// The repr CPython's `%.200R` shows: at most 200 characters of it.
fn repr_200(s: &str) -> String {
    str_repr(s).chars().take(200).collect()
}

/// `int(s, base)` for a str: surrounding whitespace, a sign, `0x`/`0o`/`0b` prefixes (base 0 or
/// the matching base), single underscores between digits (and one after a prefix), Unicode
/// digits; CPython's messages (`invalid literal for int() with base 10: 'x'`, the 4300-digit
/// limit). A valid literal beyond i64 is [`Exc::Overflow`].
pub fn parse_int(s: &str, base: i64) -> Result<i64, PyErr> {
    if base != 0 && !(2..=36).contains(&base) {
        return Err(PyErr::value("int() base must be >= 2 and <= 36, or 0"));
    }
    let invalid = || {
        PyErr::value(format!(
            "invalid literal for int() with base {base}: {}",
            repr_200(s)
        ))
    };
    let bytes = to_ascii(s);
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let mut pos = 0;
    while pos < bytes.len() && is_ascii_space(bytes[pos]) {
        pos += 1;
    }
    let mut negative = false;
    if at(pos) == b'+' {
        pos += 1;
    } else if at(pos) == b'-' {
        pos += 1;
        negative = true;
    }
    let mut radix = base as u32;
    let mut error_if_nonzero = false;
    if radix == 0 {
        radix = match (at(pos), at(pos + 1).to_ascii_lowercase()) {
            (b'0', b'x') => 16,
            (b'0', b'o') => 8,
            (b'0', b'b') => 2,
            (b'0', _) => {
                error_if_nonzero = true;
                10
            }
            _ => 10,
        };
    }
    let prefix = match radix {
        16 => b'x',
        8 => b'o',
        2 => b'b',
        _ => 0,
    };
    if at(pos) == b'0' && prefix != 0 && at(pos + 1).to_ascii_lowercase() == prefix {
        pos += 2;
        if at(pos) == b'_' {
            pos += 1;
        }
    }
    if at(pos) == b'_' {
        return Err(invalid());
    }
    let digit = |b: u8| (b as char).to_digit(radix);
    let start = pos;
    let mut digits: Vec<u32> = Vec::new();
    let mut prev = 0u8;
    while pos < bytes.len() && (digit(bytes[pos]).is_some() || bytes[pos] == b'_') {
        let b = bytes[pos];
        if b == b'_' {
            if prev == b'_' {
                return Err(invalid());
            }
        } else {
            digits.extend(digit(b));
        }
        prev = b;
        pos += 1;
    }
    if prev == b'_' {
        return Err(invalid());
    }
    if !radix.is_power_of_two() && digits.len() > 4300 {
        return Err(PyErr::value(format!(
            "Exceeds the limit (4300 digits) for integer string conversion: value has {} \
             digits; use sys.set_int_max_str_digits() to increase the limit",
            digits.len()
        )));
    }
    if pos == start {
        return Err(invalid());
    }
    while pos < bytes.len() && is_ascii_space(bytes[pos]) {
        pos += 1;
    }
    if pos != bytes.len() {
        return Err(invalid());
    }
    if error_if_nonzero && digits.iter().any(|&d| d != 0) {
        return Err(invalid());
    }
    let mut value: i128 = 0;
    for d in digits {
        value = value * i128::from(radix) + i128::from(d);
        if value > 1 << 63 {
            return Err(PyErr::overflow());
        }
    }
    let value = if negative { -value } else { value };
    i64::try_from(value).map_err(|_| PyErr::overflow())
}

/// `float(s)` for a str: surrounding whitespace, a sign, decimal and exponent forms,
/// underscores between digits, `inf`/`infinity`/`nan` in any case, Unicode digits; otherwise
/// `could not convert string to float: 'abc'`. Out-of-range values become ±inf or ±0.0.
pub fn parse_float(s: &str) -> Result<f64, PyErr> {
    let invalid = || {
        PyErr::value(format!(
            "could not convert string to float: {}",
            str_repr(s)
        ))
    };
    let mut bytes = to_ascii(s);
    if bytes.contains(&b'_') {
        let mut cleaned = Vec::with_capacity(bytes.len());
        let mut prev = 0u8;
        for &b in &bytes {
            if b == b'_' {
                if !prev.is_ascii_digit() {
                    return Err(invalid());
                }
            } else {
                if prev == b'_' && !b.is_ascii_digit() {
                    return Err(invalid());
                }
                cleaned.push(b);
            }
            prev = b;
        }
        if prev == b'_' {
            return Err(invalid());
        }
        bytes = cleaned;
    }
    let text = std::str::from_utf8(&bytes).map_err(|_| invalid())?;
    let text = text.trim_matches(|c: char| c.is_ascii() && is_ascii_space(c as u8));
    let (negative, body) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let lower = body.to_ascii_lowercase();
    if lower == "inf" || lower == "infinity" {
        return Ok(if negative {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        });
    }
    if lower == "nan" {
        return Ok(if negative { -f64::NAN } else { f64::NAN });
    }
    if !is_decimal_literal(body.as_bytes()) {
        return Err(invalid());
    }
    let value: f64 = body.parse().map_err(|_| invalid())?;
    Ok(if negative { -value } else { value })
}

/// `digits [. digits] | . digits`, then an optional `e [sign] digits`: what CPython's strtod
/// consumes.
fn is_decimal_literal(b: &[u8]) -> bool {
    let mut i = 0;
    let count = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    let mut mantissa = count(&mut i);
    if i < b.len() && b[i] == b'.' {
        i += 1;
        mantissa += count(&mut i);
    }
    if mantissa == 0 {
        return false;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        if count(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

//! Floats to text as CPython 3.11's `PyOS_double_to_string` writes them: `repr`/`str`, the
//! `e f g` presentations shared by format specs and `%`, and `float.hex`. The digits come from
//! Rust's `f64` formatting (shortest round-trip for `{:e}`, correctly rounded for `{:.N}` and
//! `{:.Ne}`, ties to even like David Gay's dtoa); the layout around them is a port of CPython's
//! `format_float_short`.

use std::fmt::Write;

/// `repr(x)` and `str(x)` for a float: shortest round-trip digits, scientific notation when the
/// decimal exponent is below -4 or at least 16 (`1e+16`, `1.5e-05`), `.0` on integral values
/// (`100.0`), and `inf`, `-inf`, `nan`, `-0.0`.
pub fn float_repr(x: f64) -> String {
    double_to_string(
        x,
        b'r',
        0,
        DtoaFlags {
            add_dot_0: true,
            ..DtoaFlags::default()
        },
    )
}

/// `float.hex(x)`: `0x1.8000000000000p+1` for 3.0, `0x0.0p+0` for zero, `0x0.…p-1022` for
/// subnormals, `inf`/`nan` as in `repr`.
pub fn float_hex(x: f64) -> String {
    if !x.is_finite() {
        return float_repr(x);
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x == 0.0 {
        return format!("{sign}0x0.0p+0");
    }
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let mantissa = bits & ((1u64 << 52) - 1);
    let (lead, exp) = if biased == 0 {
        (0, -1022)
    } else {
        (1, biased - 1023)
    };
    format!("{sign}0x{lead}.{mantissa:013x}p{exp:+}")
}

/// The flags CPython passes to `PyOS_double_to_string` (`Py_DTSF_*`), plus the case of the
/// letters (`E F G` presentations).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct DtoaFlags {
    /// Always write a sign (`+` for non-negative values).
    pub sign: bool,
    /// Keep a `.0` on integral values and switch `g` to exponents one digit earlier.
    pub add_dot_0: bool,
    /// Alternate form (`#`): keep the decimal point and `g`'s trailing zeros.
    pub alt: bool,
    /// `z`: a negative zero (after rounding) loses its sign.
    pub no_neg_0: bool,
    /// Upper-case `E`, `INF`, `NAN`.
    pub upper: bool,
}

/// CPython's `PyOS_double_to_string(x, code, precision, flags)` for `code` in `e f g r` (the
/// upper-case presentations set `flags.upper`): returns the ASCII text.
pub(crate) fn double_to_string(x: f64, code: u8, precision: usize, flags: DtoaFlags) -> String {
    let mut out = String::new();
    let negative = x.is_sign_negative();
    if !x.is_finite() {
        // The sign of a nan is ignored.
        if negative && !x.is_nan() {
            out.push('-');
        } else if flags.sign {
            out.push('+');
        }
        out.push_str(match (x.is_nan(), flags.upper) {
            (true, false) => "nan",
            (true, true) => "NAN",
            (false, false) => "inf",
            (false, true) => "INF",
        });
        return out;
    }
    let ax = x.abs();
    // The precision as format_float_short sees it, and the digits dtoa would return.
    let (precision, (digits, decpt)) = match code {
        b'e' => (precision + 1, significant_digits(ax, precision + 1)),
        b'g' => {
            let p = precision.max(1);
            (p, significant_digits(ax, p))
        }
        b'f' => (precision, fixed_digits(ax, precision)),
        _ => (0, shortest_digits(ax)),
    };
    let precision = precision as i64;
    let digits_len = digits.len() as i64;
    let mut decpt = decpt;
    let mut sign = negative;
    if flags.no_neg_0 && sign && (digits.is_empty() || digits == "0") {
        sign = false;
    }

    let mut vdigits_end = digits_len;
    let mut use_exp = false;
    match code {
        b'e' => {
            use_exp = true;
            vdigits_end = precision;
        }
        b'f' => vdigits_end = decpt + precision,
        b'g' => {
            let limit = if flags.add_dot_0 {
                precision - 1
            } else {
                precision
            };
            if decpt <= -4 || decpt > limit {
                use_exp = true;
            }
            if flags.alt {
                vdigits_end = precision;
            }
        }
        _ => {
            if decpt <= -4 || decpt > 16 {
                use_exp = true;
            }
        }
    }
    let mut exp = 0;
    if use_exp {
        exp = decpt - 1;
        decpt = 1;
    }
    let vdigits_start = if decpt <= 0 { decpt - 1 } else { 0 };
    vdigits_end = if !use_exp && flags.add_dot_0 {
        vdigits_end.max(decpt + 1)
    } else {
        vdigits_end.max(decpt)
    };

    out.reserve((vdigits_end - vdigits_start + 8) as usize);
    if sign {
        out.push('-');
    } else if flags.sign {
        out.push('+');
    }
    let zeros = |out: &mut String, n: i64| {
        for _ in 0..n.max(0) {
            out.push('0');
        }
    };
    if decpt <= 0 {
        zeros(&mut out, decpt - vdigits_start);
        out.push('.');
        zeros(&mut out, -decpt);
    } else {
        zeros(&mut out, -vdigits_start);
    }
    if 0 < decpt && decpt <= digits_len {
        out.push_str(&digits[..decpt as usize]);
        out.push('.');
        out.push_str(&digits[decpt as usize..]);
    } else {
        out.push_str(&digits);
    }
    if digits_len < decpt {
        zeros(&mut out, decpt - digits_len);
        out.push('.');
        zeros(&mut out, vdigits_end - decpt);
    } else {
        zeros(&mut out, vdigits_end - digits_len);
    }
    if out.ends_with('.') && !flags.alt {
        out.pop();
    }
    if use_exp {
        out.push(if flags.upper { 'E' } else { 'e' });
        let _ = write!(out, "{exp:+03}");
    }
    out
}

/// dtoa mode 0 for a finite `ax >= 0`: the shortest digits that round-trip, and the position
/// of the decimal point relative to them (`0.015` → `("15", -1)`).
fn shortest_digits(ax: f64) -> (String, i64) {
    if ax == 0.0 {
        return ("0".to_string(), 1);
    }
    let (digits, decpt) = split_exp(&format!("{ax:e}"));
    // Two shortest candidates can be equally close to the value (its exact decimal ends in
    // 5 one digit further); Rust then picks the larger, dtoa the even one, which is the
    // correctly rounded one. Ties need at least 15 digits (a double has ~16).
    let n = digits.len();
    if n >= 15 && may_tie(ax, n) {
        let (even, even_decpt) = split_exp(&format!("{:.*e}", n - 1, ax));
        if even != digits && format!("{}e{}", even, even_decpt - n as i64).parse() == Ok(ax) {
            return (even, even_decpt);
        }
    }
    (digits, decpt)
}

/// Whether `ax`'s exact decimal expansion could have exactly `n + 1` significant digits,
/// ending in 5 (the only way two `n`-digit candidates can be equally close to it). With
/// `ax = m * 2**e` and `m` odd: for `e < 0` the expansion is `m * 5**-e` shifted, which must
/// stay below 10**18; for `e >= 0` its last nonzero digit is 5 only if `5**(e+1)` divides `m`.
fn may_tie(ax: f64, n: usize) -> bool {
    let bits = ax.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1u64 << 52) - 1);
    let (mut m, mut e) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1u64 << 52), biased - 1075)
    };
    let tz = m.trailing_zeros();
    m >>= tz;
    e += tz as i32;
    if e < 0 {
        let k = -e as u32;
        k <= 27 && u128::from(m) * 5u128.pow(k) < 10u128.pow(n as u32 + 1)
    } else {
        e < 23 && m % 5u64.pow(e as u32 + 1) == 0
    }
}

/// dtoa mode 2: `n >= 1` significant digits, correctly rounded, trailing zeros removed.
fn significant_digits(ax: f64, n: usize) -> (String, i64) {
    if ax == 0.0 {
        return ("0".to_string(), 1);
    }
    let (mut digits, decpt) = split_exp(&format!("{:.*e}", n - 1, ax));
    let kept = digits.trim_end_matches('0').len();
    digits.truncate(kept);
    (digits, decpt)
}

/// dtoa mode 3: correctly rounded to `n` digits after the point, leading and trailing zeros
/// removed; a nonzero value that rounds to zero gives no digits (as dtoa does).
fn fixed_digits(ax: f64, n: usize) -> (String, i64) {
    if ax == 0.0 {
        return ("0".to_string(), 1);
    }
    let text = format!("{ax:.n$}");
    let (int_part, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut decpt = int_part.len() as i64;
    let all: String = int_part.chars().chain(frac.chars()).collect();
    let trimmed = all.trim_start_matches('0');
    decpt -= (all.len() - trimmed.len()) as i64;
    let trimmed = trimmed.trim_end_matches('0');
    if trimmed.is_empty() {
        return (String::new(), -(n as i64));
    }
    (trimmed.to_string(), decpt)
}

/// Splits Rust's `d.ddde±x` into the digits and the decimal point's position.
fn split_exp(text: &str) -> (String, i64) {
    let (mantissa, exp) = text.split_once('e').unwrap_or((text, "0"));
    let exp: i64 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    (digits, exp + 1)
}

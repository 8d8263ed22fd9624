//! CPython's numbers-and-text rules as pure functions on Rust primitives: every place where
//! CPython 3.11 turns numbers into text or text into numbers (`repr`, `format()` specs, `%`,
//! `int()`, `float()`), and the numeric semantics where Python differs from Rust (floor division,
//! modulo, `**`, `round`). The interpreter's value model calls these; the golden tests compare
//! them byte for byte with a real CPython.
//!
//! Deliberate differences from CPython (each counted by the golden tests):
//! - ints are i64: a result beyond it is [`Exc::Overflow`] where CPython returns a big int;
//! - a Rust string cannot hold a lone surrogate, so `%c`/`format(n, 'c')` of U+D800–U+DFFF
//!   raise ValueError;
//! - there are no complex numbers: a negative float to a fractional power raises ValueError
//!   (CPython returns a complex, or raises OverflowError "complex exponentiation");
//! - a width or precision that would make a text longer than [`MAX_PADDED_LEN`] chars raises
//!   MemoryError up front (CPython tries, and may succeed, or raise MemoryError itself).

mod float_repr;
mod numbers;
mod percent;
mod spec;
mod str_repr;
mod unicode;

pub use float_repr::{float_hex, float_repr};
pub use numbers::{
    float_divmod, float_floordiv, float_is_integer, float_mod, float_pow, float_to_int,
    float_truediv, int_divmod, int_floordiv, int_mod, int_pow, int_pow_mod, int_round,
    int_to_string, int_truediv, parse_float, parse_int, round_float, round_float_to_int, Num,
};
pub use percent::{percent_format, FormatArg, PercentArgs};
pub use spec::{check_object_spec, format_bool, format_float, format_int, format_str};
pub use str_repr::{ascii_escape, is_printable, str_ascii, str_repr};

use std::fmt;

/// The Python exception a text or number operation raises, so the interpreter can raise the same
/// class CPython would.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exc {
    /// CPython's `ValueError`.
    ValueError,
    /// CPython's `TypeError`.
    TypeError,
    /// CPython's `OverflowError` (raised by CPython too, e.g. `int(float('inf'))`).
    OverflowError,
    /// CPython's `ZeroDivisionError`.
    ZeroDivisionError,
    /// CPython's `MemoryError` (message empty, as CPython's).
    MemoryError,
    /// Not CPython's: the exact result is an int outside i64, which CPython would return as a
    /// big int; our ints are i64, so we refuse instead of wrapping.
    Overflow,
}

impl Exc {
    /// The class name to show in a traceback (`Overflow` shows as `OverflowError`).
    pub fn name(self) -> &'static str {
        match self {
            Exc::ValueError => "ValueError",
            Exc::TypeError => "TypeError",
            Exc::OverflowError | Exc::Overflow => "OverflowError",
            Exc::ZeroDivisionError => "ZeroDivisionError",
            Exc::MemoryError => "MemoryError",
        }
    }
}

/// The largest width or precision we format: a program asking for more gets MemoryError
/// instead of taking the page down (a browser tab cannot hold CPython's gigabyte strings).
pub const MAX_PADDED_LEN: i64 = 100_000_000;

/// An exception raised by these functions: the class and CPython's exact message, so a
/// traceback reads as CPython's would.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PyErr {
    /// Which exception class.
    pub exc: Exc,
    /// The message, as CPython words it.
    pub msg: String,
}

impl PyErr {
    /// Builds an error from a class and message.
    pub fn new(exc: Exc, msg: impl Into<String>) -> Self {
        PyErr {
            exc,
            msg: msg.into(),
        }
    }

    pub(crate) fn value(msg: impl Into<String>) -> Self {
        Self::new(Exc::ValueError, msg)
    }

    pub(crate) fn type_err(msg: impl Into<String>) -> Self {
        Self::new(Exc::TypeError, msg)
    }

    /// A width or precision beyond [`MAX_PADDED_LEN`].
    pub(crate) fn memory() -> Self {
        Self::new(Exc::MemoryError, "")
    }

    /// The i64 limit was hit where CPython would produce a big int.
    pub(crate) fn overflow() -> Self {
        Self::new(
            Exc::Overflow,
            "integer result does not fit in 64 bits (AwaitLab's ints are 64-bit)",
        )
    }
}

impl fmt::Display for PyErr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.exc.name(), self.msg)
    }
}

impl std::error::Error for PyErr {}

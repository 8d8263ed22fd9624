//! The bytes that mark placeables in a compiled pattern: build/compile.rs writes them, the lookup
//! (lib.rs) reads them. They are control characters no message uses; the compiler refuses a text
//! that holds one, so text and markers cannot be confused.
//!
//! A compiled pattern is its text with, in place of each placeable:
//! - `VAR name END`: the value of variable `name`;
//! - `SELECT name END` then variants, each `VARIANT key END body` (`DEFAULT` for the `*[…]` one),
//!   then `SELECT_END`: the body of the first variant whose key matches `$name`, else the
//!   default's. A key that starts with a digit is a number, any other is a name (a plural
//!   category or a string).

/// A variable's value.
pub const VAR: u8 = 1;
/// Ends a variable's name, a selector's name, a variant's key.
pub const END: u8 = 2;
/// Starts a select expression.
pub const SELECT: u8 = 3;
/// Starts a variant.
pub const VARIANT: u8 = 4;
/// Starts the default variant.
pub const DEFAULT: u8 = 5;
/// Ends a select expression.
pub const SELECT_END: u8 = 6;
/// The whole pattern of an id the language does not define (the table has a slot per id).
pub const MISSING: u8 = 7;

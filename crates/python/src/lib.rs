//! AwaitLab's Python: a Python 3 subset interpreter whose programs run on AwaitLab's traced
//! runtime, so the program on screen is the program that runs.
//!
//! The pipeline reads like CPython's, one folder or file per stage: source text → tokens
//! (`lexer`) → syntax tree ([`ast`], built by `parser`) → bytecode (`compile`) → a VM with heap
//! frames (`vm`), so `await` suspends a task without Rust recursion. Values and their
//! CPython-exact text (`repr`, `str`, format specs, `%`) live beside it.

#![deny(missing_docs)]

pub mod ast;
pub mod lexer;
pub mod parser;
pub mod text;
pub mod token;

pub use parser::parse;

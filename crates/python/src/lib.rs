//! AwaitLab's Python: a Python 3 subset interpreter whose programs run on AwaitLab's traced
//! runtime, so the program on screen is the program that runs.
//!
//! The pipeline reads like CPython's, one folder or file per stage: source text → tokens
//! (`lexer`) → syntax tree ([`ast`], built by `parser`) → bytecode (`compile`) → a VM with heap
//! frames (`vm`), so `await` suspends a task without Rust recursion. Values and their
//! CPython-exact text (`repr`, `str`, format specs, `%`) live beside it.

#![deny(missing_docs)]

pub mod ast;
pub mod bigint;
pub mod builtins;
pub mod compile;
pub mod dict;
pub mod error;
pub mod lesson;
pub mod lexer;
pub mod modules;
pub mod object;
pub mod parser;
pub mod program;
pub mod text;
pub mod token;
pub mod types;
pub mod value;
pub mod vm;
pub mod worker;

pub use parser::parse;
pub use program::{calibrate, run_virtual, Costs, Program};

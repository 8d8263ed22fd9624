//! The pure core: everything that does not need a browser. The crate has no browser dependency
//! (its manifest holds none, and a test keeps it so), so the compiler keeps it pure; it builds and
//! tests natively.

#![deny(missing_docs)]

pub mod backend;
mod chrome_json;
pub mod clock;
pub mod comment;
pub mod compare;
pub mod console;
pub mod editing;
pub mod embed;
pub mod executor;
pub mod format;
pub mod guess;
pub mod highlight;
pub mod input;
pub mod kernels;
pub mod lab;
mod label;
pub mod layout;
pub mod lines;
pub mod loop_state;
pub mod narration;
pub mod number_theory;
pub mod page;
pub mod paint;
pub mod plain;
pub mod program_comments;
pub mod program_params;
pub mod run;
pub mod scenario;
pub mod scenarios;
pub mod stats;
pub mod steps;
pub mod svg;
pub mod trace;
pub mod trace_import;
pub mod until;
pub mod view_options;

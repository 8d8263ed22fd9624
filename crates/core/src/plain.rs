//! Plain data: what crosses from a run's loop to a worker and back (the arguments and result of
//! a Python job run in a pool's Web Worker). Only values that copy without sharing — numbers,
//! strings, and lists, tuples and dicts of them — as a process pool pickles them.

use serde::{Deserialize, Serialize};

/// A plain value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Plain {
    /// `None`.
    None,
    /// A boolean.
    Bool(bool),
    /// An int that fits in 64 bits.
    Int(i64),
    /// An int past 64 bits, as its decimal digits.
    BigInt(String),
    /// A float.
    Float(f64),
    /// A string.
    Str(String),
    /// A list.
    List(Vec<Plain>),
    /// A tuple.
    Tuple(Vec<Plain>),
    /// A dict, in insertion order.
    Dict(Vec<(Plain, Plain)>),
}

impl Plain {
    /// A short rendering for a span's label (`(1, 'A')`), cut at `max` characters.
    pub fn short(&self, max: usize) -> String {
        let full = self.render();
        if full.chars().count() <= max {
            full
        } else {
            let cut: String = full.chars().take(max.saturating_sub(1)).collect();
            format!("{cut}…")
        }
    }

    fn render(&self) -> String {
        let join = |items: &[Plain]| {
            items
                .iter()
                .map(Plain::render)
                .collect::<Vec<_>>()
                .join(", ")
        };
        match self {
            Plain::None => "None".into(),
            Plain::Bool(b) => if *b { "True" } else { "False" }.into(),
            Plain::Int(i) => i.to_string(),
            Plain::BigInt(d) => d.clone(),
            Plain::Float(f) => format!("{f}"),
            Plain::Str(s) => format!("'{s}'"),
            Plain::List(v) => format!("[{}]", join(v)),
            Plain::Tuple(v) if v.len() == 1 => format!("({},)", v[0].render()),
            Plain::Tuple(v) => format!("({})", join(v)),
            Plain::Dict(kv) => format!(
                "{{{}}}",
                kv.iter()
                    .map(|(k, v)| format!("{}: {}", k.render(), v.render()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}

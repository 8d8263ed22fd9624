//! Helpers shared by the browser test files.
#![allow(dead_code)] // each test file uses its own subset of these helpers

#[cfg(target_arch = "wasm32")]
pub mod browser;

/// Splits `a=1&b=2` into pairs (tests use plain values, no percent-escapes).
pub fn pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (k.to_string(), v.to_string()),
            None => (p.to_string(), String::new()),
        })
        .collect()
}

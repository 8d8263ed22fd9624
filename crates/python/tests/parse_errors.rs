//! SyntaxError parity with CPython 3.11: every snippet in tests/parse/errors.txt is compiled by
//! CPython (`compile(src, "<p>", "exec")`, through tests/parse/cpython_ref.py) and parsed by us.
//!
//! - The class (`SyntaxError`, `IndentationError`, `TabError`) and the line must always match.
//! - Cases named `!…` must match message and column too: every message the parser's brief lists
//!   (the ones learners meet most) and every other case we match today, so none regresses.
//! - For the others, message and column mismatches are counted and printed, not failed.
//! - Cases named `~…` are errors CPython raises after parsing (its compiler: `*a = 1`, `return`
//!   outside a function…): they belong to our compiler, so the parser must accept them.
//!
//! Columns are compared in characters from 1: CPython 3.11's `SyntaxError.offset` is already
//! converted from the UTF-8 byte offset to characters (cpython_ref.py passes it through).

#[path = "parse/common.rs"]
mod common;

use common::*;

#[test]
fn syntax_errors_match_cpython() {
    let cases = error_cases();
    assert!(cases.len() >= 60, "{} cases", cases.len());
    let reference = cpython("errors", &[crate_dir().join("tests/parse/errors.txt")]);
    let lines: Vec<&str> = reference.lines().collect();
    assert_eq!(lines.len(), cases.len());
    let mut failures = Vec::new();
    let mut soft = Vec::new();
    let mut exact = 0;
    for ((name, src), line) in cases.iter().zip(&lines) {
        let f: Vec<&str> = line.splitn(5, '\t').collect();
        assert_eq!(f[0], name);
        let ours = parse_big_stack(src);
        if name.starts_with('~') {
            assert_ne!(
                f[1], "OK",
                "{name}: CPython accepts it, so it is not a compiler-stage error"
            );
            if let Err(e) = ours {
                failures.push(format!(
                    "{name}: CPython's compiler raises {:?}; the parser must accept it, but: {e}",
                    f.get(4)
                ));
            }
            continue;
        }
        if f[1] == "OK" {
            if let Err(e) = ours {
                failures.push(format!("{name}: CPython accepts it, we say {e}"));
            }
            continue;
        }
        let (class, cline, ccol, cmsg) = (
            f[1],
            f[2].parse::<u32>().unwrap(),
            f[3].parse::<u32>().unwrap(),
            f[4],
        );
        let theirs = format!("{class}: {cmsg} (line {cline}, column {ccol})");
        let e = match ours {
            Ok(_) => {
                failures.push(format!("{name}: we accept it; CPython: {theirs}"));
                continue;
            }
            Err(e) => e,
        };
        if e.kind.name() != class || e.pos.line != cline {
            failures.push(format!(
                "{name}: class or line differ\n    ours:    {e}\n    CPython: {theirs}"
            ));
            continue;
        }
        let same = e.msg == cmsg && e.pos.col == ccol;
        if same {
            exact += 1;
        } else if name.starts_with('!') {
            failures.push(format!(
                "{name}: message or column differ\n    ours:    {e}\n    CPython: {theirs}"
            ));
        } else {
            soft.push(format!("{name}:\n    ours:    {e}\n    CPython: {theirs}"));
        }
    }
    println!(
        "{} cases: {} identical to CPython (class, message, line, column); {} unlisted cases differ in message or column only:",
        cases.len(),
        exact,
        soft.len()
    );
    for s in &soft {
        println!("  {s}");
    }
    assert!(
        failures.is_empty(),
        "{} cases fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

//! AST equality with CPython: every program under tests/parse/ is parsed by us and by CPython
//! 3.11 (`ast.parse`, through tests/parse/cpython_ref.py), both printed in one normalized text
//! (node names and fields as in ast.rs, 1-based line and character column on every node), and
//! the two must be identical.

#[path = "parse/common.rs"]
mod common;

use common::*;

fn first_difference(a: &str, b: &str) -> String {
    let k = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    let from = a[..k]
        .char_indices()
        .rev()
        .nth(80)
        .map(|(i, _)| i)
        .unwrap_or(0);
    let ours: String = a[from..].chars().take(240).collect();
    let theirs: String = b[from.min(b.len())..].chars().take(240).collect();
    format!("\n  ours:    …{ours}\n  CPython: …{theirs}")
}

#[test]
fn corpus_trees_match_cpython() {
    let dir = crate_dir().join("tests/parse");
    let files = files(&dir, "py");
    assert!(files.len() >= 30, "the corpus has {} programs", files.len());
    let reference = cpython("ast", &files);
    let mut failures = Vec::new();
    for (path, line) in files.iter().zip(reference.lines()) {
        let (_, theirs) = line.split_once('\t').expect("file<TAB>dump");
        let src = std::fs::read_to_string(path).expect("read");
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        match awaitlab_python::parse(&src) {
            Ok(m) => {
                let ours = dump(&m);
                if ours != theirs {
                    failures.push(format!(
                        "{name}: trees differ{}",
                        first_difference(&ours, theirs)
                    ));
                }
            }
            Err(e) => failures.push(format!("{name}: we refused it: {e}")),
        }
    }
    println!("{} programs compared with CPython's ast", files.len());
    assert!(
        failures.is_empty(),
        "{} of {} programs differ:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

//! The tutorials: every fenced code block of the asyncio tutorials (extracted and cleaned by
//! tests/parse/seeds/extract.py into tests/parse/seeds/*.py) is compiled by CPython 3.11 and
//! parsed by us. What CPython accepts we must accept; what CPython's parser rejects we must
//! reject, with the same class and line; what only CPython's compiler rejects (`'await' outside
//! function`) is our compiler's business, so the parser must accept it.

#[path = "parse/common.rs"]
mod common;

use common::*;

#[test]
fn tutorial_blocks_agree_with_cpython() {
    let files = files(&crate_dir().join("tests/parse/seeds"), "py");
    assert!(files.len() >= 45, "{} blocks", files.len());
    let reference = cpython("compile", &files);
    let (mut accepted, mut rejected, mut compiler, mut same_message) = (0, 0, 0, 0);
    let mut failures = Vec::new();
    for (path, line) in files.iter().zip(reference.lines()) {
        let f: Vec<&str> = line.splitn(5, '\t').collect();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let src = std::fs::read_to_string(path).expect("read");
        let ours = parse_big_stack(&src);
        match (f[1], ours) {
            ("OK", Ok(_)) => accepted += 1,
            ("COMPILER", Ok(_)) => compiler += 1,
            ("OK" | "COMPILER", Err(e)) => {
                failures.push(format!("{name}: CPython's parser accepts it; we say {e}"))
            }
            (class, Ok(_)) => failures.push(format!(
                "{name}: CPython says {class}: {}; we accept it",
                f[4]
            )),
            (class, Err(e)) => {
                rejected += 1;
                let (cline, ccol) = (f[2].parse::<u32>().unwrap(), f[3].parse::<u32>().unwrap());
                if e.kind.name() != class || e.pos.line != cline {
                    failures.push(format!(
                        "{name}: ours {e}; CPython {class}: {} (line {cline}, column {ccol})",
                        f[4]
                    ));
                } else if e.msg == f[4] && e.pos.col == ccol {
                    same_message += 1;
                }
            }
        }
    }
    println!(
        "{} tutorial blocks: {accepted} accepted by both, {compiler} left to the compiler ('await' outside function…), {rejected} rejected by both ({same_message} with CPython's exact message and column)",
        files.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

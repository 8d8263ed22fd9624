//! Robustness: thousands of generated and mutated inputs (truncations, character substitutions,
//! deletions and duplications of valid programs, random token soups, deep nesting) must each
//! give `Ok` or a `SyntaxError` placed inside the source — never a panic, a stack overflow or a
//! hang. Deterministic (a fixed-seed generator), so a failure reproduces.

#[path = "parse/common.rs"]
mod common;

use std::time::{Duration, Instant};

/// xorshift64*: small, deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
}

const CHARS: &[&str] = &[
    "(", ")", "[", "]", "{", "}", ":", ",", ";", ".", "=", "==", "+", "-", "*", "**", "/", "//",
    "@", "%", "<", ">", "!", "~", "&", "|", "^", "'", "\"", "'''", "\"\"\"", "\\", "\n", "\r\n",
    "\t", "    ", " ", "#", "0", "1", "0x", "1e", "_", "j", "f\"", "rb'", "{x}", "{{", "}}", "x",
    "async ", "await ", "def ", "class ", "lambda ", "if ", "else ", "for ", " in ", "not ", "is ",
    "yield ", "return ", "@", "，", "（", "）", "：", "“", "中", "\u{a0}", "\u{3000}", "\u{feff}",
    "\0", "$", "?", "`", ":=", "->", "...",
];

const TOKENS: &[&str] = &[
    "x", "y", "1", "2.5", "'s'", "f'{x}'", "b'b'", "(", ")", "[", "]", "{", "}", ",", ":", ";",
    ".", "=", "+=", "+", "-", "*", "**", "/", "not", "and", "or", "in", "is", "if", "else", "elif",
    "for", "while", "def", "class", "return", "yield", "from", "import", "as", "with", "async",
    "await", "try", "except", "finally", "lambda", "pass", "del", "global", "\n", "\n    ", "\n\t",
    ":=", "->", "@", "...", "None", "True", "raise", "assert", "print",
];

fn check(src: &str, worst: &mut (Duration, String)) {
    let start = Instant::now();
    let r = std::panic::catch_unwind(|| awaitlab_python::parse(src));
    let took = start.elapsed();
    if took > worst.0 {
        *worst = (took, src.chars().take(60).collect());
    }
    match r {
        Err(_) => panic!("the parser panicked on {src:?}"),
        Ok(Ok(_)) => {}
        Ok(Err(e)) => {
            let lines = src.split(['\n', '\r']).count() as u32 + 1;
            assert!(
                e.pos.line >= 1 && e.pos.line <= lines,
                "error outside the source: {e} for {src:?}"
            );
            assert!(!e.msg.is_empty());
        }
    }
}

fn mutate(rng: &mut Rng, src: &str) -> String {
    let chars: Vec<char> = src.chars().collect();
    let mut out: Vec<char> = chars.clone();
    for _ in 0..1 + rng.below(3) {
        if out.is_empty() {
            break;
        }
        let at = rng.below(out.len());
        match rng.below(5) {
            0 => {
                out[at] = rng.pick(CHARS).chars().next().unwrap_or(' ');
            }
            1 => {
                let piece: Vec<char> = rng.pick(CHARS).chars().collect();
                out.splice(at..at, piece);
            }
            2 => {
                let end = (at + 1 + rng.below(8)).min(out.len());
                out.drain(at..end);
            }
            3 => {
                let end = (at + 1 + rng.below(40)).min(out.len());
                let piece: Vec<char> = out[at..end].to_vec();
                out.splice(at..at, piece);
            }
            _ => {
                let end = (at + 1 + rng.below(20)).min(out.len());
                out.drain(at..end);
                let piece: Vec<char> = rng.pick(TOKENS).chars().collect();
                out.splice(at..at, piece);
            }
        }
    }
    out.into_iter().collect()
}

#[test]
fn never_panics_overflows_or_hangs() {
    let dir = common::crate_dir().join("tests/parse");
    let mut programs: Vec<String> = common::files(&dir, "py")
        .iter()
        .chain(common::files(&dir.join("seeds"), "py").iter())
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    programs.extend(common::error_cases().into_iter().map(|(_, s)| s));
    // wasm's 1 MiB of stack in release builds; debug builds need far more per frame.
    let stack = if cfg!(debug_assertions) {
        256 << 20
    } else {
        1 << 20
    };
    let count = std::thread::Builder::new()
        .stack_size(stack)
        .spawn(move || {
            let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
            let mut worst = (Duration::ZERO, String::new());
            let mut n = 0;
            for src in &programs {
                // Every program whole, and truncated at a dozen places.
                check(src, &mut worst);
                let chars: Vec<char> = src.chars().collect();
                for k in 1..12 {
                    let cut: String = chars[..chars.len() * k / 12].iter().collect();
                    check(&cut, &mut worst);
                    n += 1;
                }
                // Random mutations.
                for _ in 0..12 {
                    check(&mutate(&mut rng, src), &mut worst);
                    n += 1;
                }
            }
            // Token soups.
            for _ in 0..1500 {
                let len = 1 + rng.below(40);
                let soup: Vec<&str> = (0..len).map(|_| *rng.pick(TOKENS)).collect();
                check(&soup.join(" "), &mut worst);
                check(&soup.concat(), &mut worst);
                n += 2;
            }
            // Deep and random nesting.
            for _ in 0..200 {
                let depth = rng.below(400);
                let mut s = String::from("x = ");
                let mut closers = Vec::new();
                for _ in 0..depth {
                    let (o, c) = *rng.pick(&[
                        ("(", ")"),
                        ("[", "]"),
                        ("{", "}"),
                        ("f(", ")"),
                        ("-", ""),
                        ("not ", ""),
                        ("lambda: ", ""),
                        ("a if b else ", ""),
                        ("2 ** ", ""),
                        ("f'{", "}'"),
                    ]);
                    s.push_str(o);
                    closers.push(c);
                }
                s.push('1');
                let keep = if rng.below(4) == 0 {
                    rng.below(closers.len() + 1)
                } else {
                    closers.len()
                };
                for c in closers.iter().rev().take(keep) {
                    s.push_str(c);
                }
                s.push('\n');
                check(&s, &mut worst);
                n += 1;
            }
            println!(
                "{n} generated inputs; the slowest took {:?}: {:?}",
                worst.0, worst.1
            );
            assert!(
                worst.0 < Duration::from_secs(5),
                "a parse took {:?}",
                worst.0
            );
            n
        })
        .expect("thread")
        .join()
        .expect("no panic");
    assert!(count > 3000);
}

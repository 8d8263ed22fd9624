//! Robustness of the whole interpreter: the golden and catalog programs, mutated line by line
//! and seeded with hostile statements, must each compile to a `SyntaxError` or run to an end —
//! a result, a Python exception, a stall, or a limit — and never panic, overflow the stack or
//! hang. Deterministic (a fixed-seed generator), so a failure reproduces.

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
}

/// Statements that try to break the VM: self-reference, huge sizes, deep recursion,
/// re-entrancy, mutation during iteration, misuse of asyncio.
const HOSTILE: &[&str] = &[
    "x = []; x.append(x); print(x, len(str(x)))",
    "d = {}; d['d'] = d; print(d)",
    "def f(n): return f(n + 1)\nf(0)",
    "class A:\n    def __repr__(self): return repr(self)\nprint(A())",
    "class B:\n    def __eq__(self, o): return self == o\nprint(B() == B())",
    "a = 10 ** 10 ** 10",
    "s = 'x' * 10 ** 12",
    "l = [0] * 10 ** 10",
    "print([].pop())",
    "d = {}\nd[[]] = 1",
    "L = [1, 2, 3]\nfor v in L:\n    L.append(v)\n    if len(L) > 50: break\nprint(len(L))",
    "D = {1: 2}\nfor k in D:\n    D[k + 1] = 0",
    "raise 1",
    "del undefined_name",
    "import asyncio\nasync def g(): await g()\nasyncio.run(g())",
    "import asyncio\nasyncio.run(asyncio.sleep(1))\nasyncio.run(1)",
    "import asyncio\nloop = asyncio.get_event_loop()\nloop.run_until_complete(loop.run_until_complete(asyncio.sleep(0)))",
    "import asyncio\nasync def m():\n    t = asyncio.current_task()\n    t.cancel(); t.cancel()\n    await asyncio.sleep(0)\nasyncio.run(m())",
    "import asyncio\nasync def m():\n    await asyncio.gather(*[asyncio.sleep(0) for _ in range(300)])\nasyncio.run(m())",
    "import asyncio\nq = asyncio.Queue(1)\nasync def m():\n    await q.put(1); await q.put(2)\nasyncio.run(m())",
    "import asyncio\nl = asyncio.Lock()\nasync def m():\n    async with l:\n        async with l: pass\nasyncio.run(m())",
    "import asyncio\nasync def m():\n    await asyncio.wait_for(asyncio.sleep(10), 0)\nasyncio.run(m())",
    "g = (i for i in range(3))\nnext(g); g.close(); g.throw(ValueError)",
    "def gen():\n    yield from gen()\nlist(gen())",
    "it = iter([1]); next(it); next(it)",
    "print(sorted([3, 'a', 1]))",
    "print(int('9' * 5000))",
    "print(f'{1:{\"\"}>{10**9}}')",
    "while True: pass",
    "x = 1\nwhile x: x += 1",
    "import time\ntime.sleep(10 ** 9)",
    "exec('1')",
    "class C(C): pass",
    "class D(int): pass",
    "import functools\n@functools.lru_cache\ndef fib(n): return n if n < 2 else fib(n-1) + fib(n-2)\nprint(fib(300))",
    "import itertools\nprint(sum(itertools.count()))",
    "print(open('nope.txt').read())",
    "f = open('a.txt', 'w'); f.write('x' * 1000); f.close(); print(len(open('a.txt').read()))",
    "import json\nprint(json.loads('[' * 5000))",
    "print(eval('1'))",
    "super().__init__()",
    "print(*range(10 ** 7), sep='')",
    "print((lambda: (yield))())",
    "a, *b, c = range(2)",
    "x: int\nprint(x)",
    "nonlocal_ok = 1\ndef o():\n    v = 1\n    def i():\n        nonlocal v\n        v += 1\n        return v\n    return i()\nprint(o())",
];

fn corpus() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in [
        root.join("tests/programs/seeds"),
        root.join("tests/programs/own"),
        root.join("benches/programs"),
    ] {
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        for f in files {
            if f.extension().is_some_and(|e| e == "py") {
                if let Ok(s) = std::fs::read_to_string(&f) {
                    out.push(s);
                }
            }
        }
    }
    assert!(out.len() > 40, "the corpus was not found");
    out
}

fn mutate(rng: &mut Rng, src: &str) -> String {
    let mut lines: Vec<String> = src.lines().map(str::to_string).collect();
    for _ in 0..1 + rng.below(3) {
        if lines.is_empty() {
            break;
        }
        let i = rng.below(lines.len());
        match rng.below(7) {
            0 => {
                lines.remove(i);
            }
            1 => {
                let l = lines[i].clone();
                lines.insert(i, l);
            }
            2 => {
                let j = rng.below(lines.len());
                lines.swap(i, j);
            }
            3 => {
                // A hostile statement, indented as the line it goes before.
                let indent: String = lines[i].chars().take_while(|c| c.is_whitespace()).collect();
                let snippet = HOSTILE[rng.below(HOSTILE.len())];
                for (k, s) in snippet.lines().enumerate() {
                    lines.insert(i + k, format!("{indent}{s}"));
                }
            }
            4 => {
                let l = lines[i]
                    .replace("0.5", "-1")
                    .replace('1', "0")
                    .replace("range(", "range(10**6 + ");
                lines[i] = l;
            }
            5 => {
                let l = lines[i].replace("await ", "").replace("async ", "");
                lines[i] = l;
            }
            _ => {
                let l = lines[i].replace('(', "((").replace(')', "), None)");
                lines[i] = l;
            }
        }
    }
    lines.join("\n") + "\n"
}

fn run_one(src: &str, worst: &mut (Duration, String)) {
    let start = Instant::now();
    let r = std::panic::catch_unwind(|| {
        awaitlab_python::program::run_virtual_limited(src, 300_000).map(|run| run.stdout.len())
    });
    let took = start.elapsed();
    if took > worst.0 {
        *worst = (took, src.chars().take(300).collect());
    }
    if r.is_err() {
        panic!("the interpreter panicked on:\n{src}");
    }
}

#[test]
fn hostile_programs_never_panic_or_hang() {
    let mut rng = Rng(0x5eed_1234_abcd_0042);
    let corpus = corpus();
    let mut worst = (Duration::ZERO, String::new());
    let mut runs = 0;
    for snippet in HOSTILE {
        run_one(snippet, &mut worst);
        runs += 1;
    }
    for _ in 0..20 {
        for src in &corpus {
            let m = mutate(&mut rng, src);
            run_one(&m, &mut worst);
            runs += 1;
        }
    }
    println!("{runs} programs; slowest {:?}:\n{}", worst.0, worst.1);
    assert!(
        worst.0 < Duration::from_secs(20),
        "a program ran for {:?} despite the step limit:\n{}",
        worst.0,
        worst.1
    );
}

//! Limits: deep nesting gives a result or a SyntaxError, never a stack overflow, and the parser
//! is fast enough.
//!
//! In a release build (`cargo test --release -p awaitlab-python --test parse_limits`) every
//! worst case runs on a thread with 1 MiB of stack, wasm's default, so the caps are checked
//! against the stack the browser build has. Debug builds use many times more stack per frame, so
//! there the same inputs run on a large stack and only the results are checked.

#[path = "parse/common.rs"]
mod common;

use awaitlab_python::ast::SyntaxErrorKind;
use awaitlab_python::parse;
use std::time::Instant;

/// Parses `src` on a thread with wasm's stack in release builds (a large one in debug builds).
fn parse_on_small_stack(src: String) -> Result<(), (SyntaxErrorKind, String)> {
    let stack = if cfg!(debug_assertions) {
        256 << 20
    } else {
        1 << 20
    };
    std::thread::Builder::new()
        .stack_size(stack)
        .spawn(move || parse(&src).map(drop).map_err(|e| (e.kind, e.msg)))
        .expect("thread")
        .join()
        .expect("no panic, no overflow")
}

fn nest(open: &str, inner: &str, close: &str, n: usize) -> String {
    format!("x = {}{}{}\n", open.repeat(n), inner, close.repeat(n))
}

fn blocks(n: usize, inner: &str) -> String {
    let mut s = String::new();
    for i in 0..n {
        s.push_str(&" ".repeat(i));
        s.push_str("if x:\n");
    }
    s.push_str(&" ".repeat(n));
    s.push_str(inner);
    s.push('\n');
    s
}

const TOO_DEEP: &str = "too many nested expressions or blocks";

#[test]
fn deep_nesting_parses_or_is_refused() {
    let ok = |src: String| {
        assert_eq!(
            parse_on_small_stack(src.clone()),
            Ok(()),
            "{}",
            &src[..src.len().min(80)]
        )
    };
    let refused = |src: String, msg: &str| {
        let r = parse_on_small_stack(src.clone());
        assert_eq!(
            r.map_err(|e| e.1),
            Err(msg.to_string()),
            "{}",
            &src[..src.len().min(80)]
        );
    };
    // CPython's bracket limit: 200 open brackets parse, the 201st is refused.
    for (open, close) in [("(", ")"), ("[", "]"), ("{", "}"), ("f(", ")"), ("a[", "]")] {
        ok(nest(open, "1", close, 199));
        refused(nest(open, "1", close, 201), "too many nested parentheses");
    }
    ok(nest("(", "1", ")", 200));
    ok(nest("[(", "1", ")]", 100));
    ok(nest("{1: [", "2", "]}", 100));
    ok(nest("(lambda: ", "1", ")", 100));
    ok(nest("[x for x in ", "y", "]", 100));
    ok(nest("-(", "1", ")", 200));
    // Without brackets: lambdas, conditional expressions, `**`, `not`, unary minus.
    ok(format!("x = {}1\n", "lambda: ".repeat(200)));
    refused(format!("x = {}1\n", "lambda: ".repeat(1000)), TOO_DEEP);
    ok(format!("x = {}1\n", "1 if 2 else ".repeat(200)));
    refused(format!("x = {}1\n", "1 if 2 else ".repeat(2000)), TOO_DEEP);
    ok(format!("x = {}1\n", "2 ** ".repeat(500)));
    refused(format!("x = {}1\n", "2 ** ".repeat(5000)), TOO_DEEP);
    ok(format!("x = {}1\n", "-".repeat(900)));
    refused(format!("x = {}1\n", "-".repeat(100_000)), TOO_DEEP);
    ok(format!("x = {}1\n", "not ".repeat(900)));
    refused(format!("x = {}1\n", "not ".repeat(100_000)), TOO_DEEP);
    // Long chains build deep trees too (CPython's compiler gives up on them as well).
    ok(format!("x = 1{}\n", " + 1".repeat(900)));
    refused(format!("x = 1{}\n", " + 1".repeat(100_000)), TOO_DEEP);
    ok(format!("x = a{}\n", ".b".repeat(900)));
    refused(format!("x = a{}\n", ".b".repeat(100_000)), TOO_DEEP);
    refused(format!("x = f{}\n", "()".repeat(100_000)), TOO_DEEP);
    refused(format!("x = a{}\n", "[0]".repeat(100_000)), TOO_DEEP);
    let mut elifs = String::from("if a:\n    pass\n");
    elifs.push_str(&"elif b:\n    pass\n".repeat(500));
    ok(elifs);
    let mut elifs = String::from("if a:\n    pass\n");
    elifs.push_str(&"elif b:\n    pass\n".repeat(100_000));
    refused(elifs, TOO_DEEP);
    // Flat things are not nesting.
    ok(format!("x = [{}]\n", "1, ".repeat(100_000)));
    ok(format!("x = f({})\n", "a, ".repeat(100_000)));
    ok("x = 1\n".repeat(20_000));
    ok(format!("x = 1{}\n", " < 1".repeat(10_000)));
    ok(format!("x = 1{}\n", " and 1".repeat(10_000)));
    // Blocks: CPython's 100 indentation levels, with the deepest expressions inside.
    ok(blocks(99, "pass"));
    ok(blocks(99, &nest("(", "1", ")", 150)));
    ok(blocks(99, &nest("f(", "1", ")", 150)));
    ok(blocks(99, &format!("x = {}1", "lambda: ".repeat(140))));
    let r = parse_on_small_stack(blocks(100, "pass"));
    assert_eq!(
        r,
        Err((
            SyntaxErrorKind::Indentation,
            "too many levels of indentation".into()
        ))
    );
    // f-strings nest inside each other (four quote kinds) and each field may nest brackets.
    let inner = nest("(", "1", ")", 150);
    let inner = inner.trim_start_matches("x = ").trim_end();
    ok(format!(
        "x = f'''{{f\"\"\"{{f'{{f\"{{{inner}}}\"}}'}}\"\"\"}}'''\n"
    ));
}

#[test]
fn parse_speed() {
    // The largest program of the corpus and the largest tutorial block, each parsed 1000 times.
    // Printed, not asserted: `cargo test --release -p awaitlab-python -- --nocapture parse_speed`.
    let dir = common::crate_dir().join("tests/parse");
    let largest = |files: Vec<std::path::PathBuf>| {
        files
            .into_iter()
            .map(|p| {
                let s = std::fs::read_to_string(&p).unwrap();
                (p, s)
            })
            .filter(|(_, s)| parse(s).is_ok())
            .max_by_key(|(_, s)| s.len())
            .unwrap()
    };
    bench(largest(common::files(&dir, "py")));
    bench(largest(common::files(&dir.join("seeds"), "py")));
}

/// Nanoseconds this thread has run on a CPU (Linux), so a shared, busy machine does not inflate
/// the figure the way wall time does.
fn thread_cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

fn bench((path, src): (std::path::PathBuf, String)) {
    // 1000 parses in 10 batches: the mean wall time, the best batch, and the CPU time.
    let (mut best, mut total) = (f64::MAX, 0.0);
    let cpu_start = thread_cpu_ns();
    for _ in 0..10 {
        let start = Instant::now();
        for _ in 0..100 {
            std::hint::black_box(parse(std::hint::black_box(&src)).unwrap());
        }
        let t = start.elapsed().as_secs_f64();
        total += t;
        best = best.min(t / 100.0);
    }
    let cpu = match (cpu_start, thread_cpu_ns()) {
        (Some(a), Some(b)) => format!("{:.1} µs CPU time", (b - a) as f64 / 1000.0 / 1000.0),
        _ => "CPU time not available".into(),
    };
    println!(
        "parse_speed: {} ({} bytes, {} lines), per parse: {cpu}; wall {:.1} µs mean, {:.1} µs best batch ({} build)",
        path.file_name().unwrap().to_string_lossy(),
        src.len(),
        src.lines().count(),
        total / 1000.0 * 1e6,
        best * 1e6,
        if cfg!(debug_assertions) { "debug" } else { "release" }
    );
}

//! The interpreter against CPython 3.11: every golden program (the tutorials' and AwaitLab's own)
//! runs on the virtual clock here and in CPython (the runner in `tests/golden/`, at test time),
//! and their console lines must match — exactly, or within the manifest's tolerance. An
//! uncaught exception must end both runs with the same last traceback line.
//!
//! Programs the interpreter cannot run yet are listed in `NOT_YET` with the reason; the test
//! fails if one of them starts passing (so the list only shrinks) or if any other program
//! differs.

mod common;

use common::golden::{compare_lines, cpython_entry, programs, GoldenMode, ProgramEntry};

/// Programs that need what the interpreter does not have yet, and why.
const NOT_YET: &[(&str, &str)] = &[
    (
        "000_08_generator_requests.py",
        "needs the simulated requests module",
    ),
    (
        "000_10_aiohttp_tasks.py",
        "needs the simulated aiohttp module",
    ),
    (
        "001_10_ensure_future_outside_loop.py",
        "CPython deadlocks; the comparison of stalls is to come",
    ),
    (
        "003_00_gather_datetime.py",
        "needs __file__ (the runner gives the file's name)",
    ),
    (
        "003_02_sync_datetime.py",
        "needs __file__ (the runner gives the file's name)",
    ),
    ("call_soon_call_later.py", "TimerHandle.cancelled()"),
    (
        "countdown_sync.py",
        "repr of a float sum of sleeps: the clock counts whole microseconds",
    ),
    ("formatting.py", "2 ** 100 needs big ints"),
    (
        "generators_yield_from.py",
        "generator.close() must throw GeneratorExit",
    ),
    (
        "run_in_executor_virtual.py",
        "run_in_executor is not available to programs yet",
    ),
    (
        "runaway.py",
        "CPython's virtual-time limit: the comparison of limits is to come",
    ),
    ("task_exception_never_retrieved.py", "needs gc"),
    ("wait_for_timeout.py", "needs asyncio.timeout"),
];

/// What our run gives, in the runner's terms.
struct Ours {
    lines: Vec<String>,
    error: Option<String>,
}

fn run_ours(entry: &ProgramEntry) -> Result<Ours, String> {
    let source = std::fs::read_to_string(&entry.path).map_err(|e| e.to_string())?;
    let run = match awaitlab_python::run_virtual(&source) {
        Ok(run) => run,
        Err(e) => {
            return Ok(Ours {
                lines: Vec::new(),
                error: Some(format!("{}: {}", e.kind.name(), e.msg)),
            })
        }
    };
    // The last stderr line of a traceback is the error; a stall is CPython's runner's Deadlock.
    let error = match &run.trace.error {
        Some(e) if e.starts_with("stalled") || e.starts_with("deadlock") => {
            Some(format!("Deadlock: {e}"))
        }
        _ => run
            .stderr
            .iter()
            .rposition(|l| l.starts_with("Traceback (most recent call last):"))
            .and_then(|start| {
                run.stderr[start..]
                    .iter()
                    .find(|l| !l.starts_with(' ') && !l.starts_with("Traceback"))
                    .cloned()
            }),
    };
    Ok(Ours {
        lines: run.stdout,
        error,
    })
}

fn check(entry: &ProgramEntry) -> Result<(), String> {
    let cp = cpython_entry(entry).ok_or("skipped by the manifest")?;
    if let Some(h) = cp.harness_error() {
        return Err(format!("CPython runner failed: {h}"));
    }
    let ours = run_ours(entry)?;
    compare_lines(&cp.lines, &ours.lines, entry.tolerance)?;
    let theirs = cp.error.clone();
    let same_error = match (&theirs, &ours.error) {
        (None, None) => true,
        (Some(t), Some(o)) if t.starts_with("Deadlock") => o.starts_with("Deadlock"),
        (Some(t), Some(o)) => t == o,
        _ => false,
    };
    if !same_error {
        return Err(format!(
            "errors differ: CPython {:?}, AwaitLab {:?}",
            theirs, ours.error
        ));
    }
    Ok(())
}

#[test]
fn every_golden_program_prints_what_cpython_prints() {
    let mut failures = Vec::new();
    let mut passed = 0;
    let mut unexpected_passes = Vec::new();
    for entry in programs() {
        if entry.mode != GoldenMode::Virtual || entry.slow {
            continue;
        }
        let known = NOT_YET.iter().find(|(f, _)| *f == entry.file);
        match check(&entry) {
            Ok(()) => {
                passed += 1;
                if known.is_some() {
                    unexpected_passes.push(entry.file.clone());
                }
            }
            Err(e) if known.is_none() => failures.push(format!("== {}\n{e}", entry.file)),
            Err(_) => {}
        }
    }
    println!(
        "{passed} programs match CPython; {} listed as not yet",
        NOT_YET.len()
    );
    assert!(
        unexpected_passes.is_empty(),
        "these now pass: remove them from NOT_YET: {unexpected_passes:?}"
    );
    assert!(
        failures.is_empty(),
        "{} programs differ from CPython:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

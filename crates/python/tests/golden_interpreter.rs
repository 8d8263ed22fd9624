//! The interpreter against CPython 3.11: every golden program (the tutorials' and AwaitLab's own)
//! runs on the virtual clock here and in CPython (the runner in `tests/golden/`, at test time),
//! and their console lines must match — exactly, or within the manifest's tolerance. An
//! uncaught exception must end both runs with the same last traceback line.
//!
//! Programs the interpreter cannot run yet are listed in `NOT_YET` with the reason; the test
//! fails if one of them starts passing (so the list only shrinks) or if any other program
//! differs.

mod common;

use common::golden::{
    compare_lines, cpython_with, programs, GoldenMode, Limit, Mode, ProgramEntry,
};

/// Programs that need what the interpreter does not have yet, and why.
const NOT_YET: &[(&str, &str)] = &[];

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
    // An uncaught exception fails the main lane with the traceback's last line; a stall or the
    // time limit ends the run with the runner's Deadlock / VirtualTimeLimit.
    let error = match &run.trace.error() {
        Some(e) if e.starts_with("stalled") || e.starts_with("deadlock") => {
            Some(format!("Deadlock: {e}"))
        }
        Some(e) if e.contains("does not seem to end") => Some(format!("VirtualTimeLimit: {e}")),
        _ => match run.trace.tasks.first().and_then(|t| t.outcome.clone()) {
            Some(awaitlab_core::trace::Outcome::Failed(line)) => Some(line),
            _ => None,
        },
    };
    Ok(Ours {
        lines: run.stdout,
        error,
    })
}

fn check(entry: &ProgramEntry) -> Result<(), String> {
    if entry.mode == GoldenMode::Skip {
        return Err("skipped by the manifest".into());
    }
    // CPython runs the file under AwaitLab's name for programs, `main.py` (it shows in
    // `__file__` and in tracebacks).
    let mut args = entry.runner_args.clone();
    args.extend(["--file-name".to_string(), "main.py".to_string()]);
    let cp = cpython_with(&entry.path, Mode::Virtual, &args);
    if let (Some(h), None | Some(Limit::Wall)) = (cp.harness_error(), cp.limit) {
        return Err(format!("CPython runner failed: {h}"));
    }
    let ours = run_ours(entry)?;
    // Sums of sleeps: CPython's clock adds floats (0.8 + 0.8 + 0.8 = 2.4000000000000004), ours
    // counts whole microseconds; numbers a nanosecond apart are the same reading.
    let mut tolerance = entry.tolerance;
    tolerance.abs = Some(tolerance.abs.unwrap_or(0.0).max(1e-9));
    compare_lines(&cp.lines, &ours.lines, tolerance)?;
    let theirs = cp.error.clone();
    let same_error = match (&theirs, &ours.error, cp.limit) {
        (None, None, _) => true,
        (Some(_), Some(o), Some(Limit::Deadlock)) => o.starts_with("Deadlock"),
        (Some(_), Some(o), Some(Limit::Virtual)) => o.starts_with("VirtualTimeLimit"),
        (Some(t), Some(o), _) => t == o,
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

//! Tests of the golden-test harness itself (not of the interpreter): the CPython runner's
//! virtual and scaled clocks, its limits, `compare_lines`, and the manifests, with every
//! manifest program run once through CPython.
//!
//! Needs CPython 3.11 as `python3` (or `AWAITLAB_PYTHON`). `AWAITLAB_GOLDEN_SLOW=1` also runs
//! the CPU-bound programs (~25 s more).

mod common;

use std::path::Path;
use std::sync::Mutex;
use std::time::Instant;

use common::golden::{
    compare_lines, cpython, cpython_entry, cpython_with, own_program, parse_run, programs,
    seed_programs, GoldenMode, Limit, Mode, ProgramEntry, Suite, Tolerance,
};

fn own(name: &str) -> std::path::PathBuf {
    own_program(name)
}

fn s(lines: &[&str]) -> Vec<String> {
    lines.iter().map(|l| l.to_string()).collect()
}

/// The countdown lines (`'%.4f \t%s%s = %i'`) without the separators: (elapsed, name, n).
fn countdown_rows(lines: &[String]) -> Vec<(String, String, String)> {
    lines
        .iter()
        .filter(|l| !l.starts_with("---") && l.contains(" = "))
        .map(|l| {
            let (elapsed, rest) = l.split_once(' ').expect("elapsed first");
            let (name, n) = rest.trim().split_once(" = ").expect("name = n");
            (elapsed.to_string(), name.to_string(), n.to_string())
        })
        .collect()
}

#[test]
fn async_countdown_is_exact_on_the_virtual_clock() {
    let run = cpython(&own("countdown_async.py"), Mode::Virtual);
    assert_eq!(run.error, None, "{:?}", run.traceback);
    let rows = countdown_rows(&run.lines);
    let got: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|(e, name, n)| (e.as_str(), name.as_str(), n.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("0.5000", "C", "3"),
            ("0.8000", "B", "3"),
            ("1.0000", "A", "3"),
            // A's timer (0 + 1) and C's second (0.5 + 0.5) are both due at 1.0: A was
            // scheduled first, so it fires first.
            ("1.0000", "C", "2"),
            ("1.5000", "C", "1"),
            ("1.6000", "B", "2"),
            ("2.0000", "A", "2"),
            ("2.4000", "B", "1"),
            ("3.0000", "A", "1"),
        ]
    );
    // The indentation is one tab per letter after A, after the tab of the format.
    assert!(run.lines.contains(&"0.5000 \t\t\tC = 3".to_string()));
    assert_eq!(run.lines[run.lines.len() - 2], "Done.");
    assert_eq!(run.lines.last().unwrap(), "total 3.0");
    assert_eq!(run.elapsed, Some(3.0));
    assert!(run.stderr_lines.is_empty(), "{:?}", run.stderr_lines);
    assert!(run.trailing_newline);
}

#[test]
fn sync_countdown_adds_up_every_sleep() {
    let run = cpython(&own("countdown_sync.py"), Mode::Virtual);
    assert_eq!(run.error, None);
    let rows = countdown_rows(&run.lines);
    let names: String = rows.iter().map(|r| r.1.as_str()).collect();
    assert_eq!(names, "AAABBBCCC");
    let elapsed: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(
        elapsed,
        [
            "1.0000", "2.0000", "3.0000", "3.8000", "4.6000", "5.4000", "5.9000", "6.4000",
            "6.9000"
        ]
    );
    let total = run.elapsed.unwrap();
    assert!((total - 6.9).abs() < 1e-9, "{total}");
    // The float sum 1+1+1+0.8+0.8+0.8+0.5+0.5+0.5, as repr prints it.
    assert_eq!(run.lines.last().unwrap(), "total 6.8999999999999995");
}

#[test]
fn blocking_sleep_in_a_coroutine_delays_everything() {
    let run = cpython(&own("blocking_sleep_in_coroutine.py"), Mode::Virtual);
    assert_eq!(
        run.lines,
        s(&[
            "blocker starts time.sleep(2) at 0.50",
            "blocker wakes at 2.50",
            // The 1.0 tick comes due during the blocking sleep and fires late, at 2.5.
            "t tick at 2.50",
            "t tick at 3.50",
            "t tick at 4.50",
            "t tick at 5.50",
            "total 5.50 s",
        ])
    );
    assert_eq!(run.elapsed, Some(5.5));
}

#[test]
fn wait_for_times_out_with_3_11s_timeout_error() {
    let run = cpython(&own("wait_for_timeout.py"), Mode::Virtual);
    assert!(run
        .lines
        .contains(&"timed out at 2.5 TimeoutError TimeoutError() True".to_string()));
    assert!(run
        .lines
        .contains(&"asyncio.timeout expired at 3.0 TimeoutError".to_string()));
    assert_eq!(run.lines.last().unwrap(), "  slow: finally");
    // The uncaught one: the traceback's last line is the bare class name.
    assert_eq!(run.error.as_deref(), Some("TimeoutError"));
    assert_eq!(run.limit, None);
    assert_eq!(run.harness_error(), None);
    assert_eq!(run.elapsed, Some(3.25));
    assert_eq!(run.exit_code, Some(1));
}

#[test]
fn an_uncaught_exception_keeps_the_lines_before_it() {
    let run = cpython(&own("uncaught_exception.py"), Mode::Virtual);
    assert_eq!(
        run.lines,
        s(&["start", "dividing 1 by 2", "0.5", "dividing 1 by 0"])
    );
    assert_eq!(
        run.error.as_deref(),
        Some("ZeroDivisionError: division by zero")
    );
    let tb = run.traceback.unwrap();
    assert!(tb.contains("uncaught_exception.py"), "{tb}");
    assert!(tb.contains("return a / b"), "{tb}");
    assert!(run.stderr_lines.is_empty(), "{:?}", run.stderr_lines);
}

#[test]
fn a_runaway_program_stops_at_the_virtual_limit() {
    let run = cpython(&own("runaway.py"), Mode::Virtual);
    assert_eq!(run.limit, Some(Limit::Virtual));
    assert_eq!(
        run.error.as_deref(),
        Some("VirtualTimeLimit: the program ran for more than 3600 virtual seconds (runaway?)")
    );
    assert_eq!(run.lines.len(), 3, "{:?}", run.lines);
    assert_eq!(run.lines[2], "still running after 60 minutes");
    assert!(
        run.wall < 5.0,
        "the virtual limit is reached at once: {} s",
        run.wall
    );
    // A lower limit via the runner's option.
    let short = cpython_with(
        &own("runaway.py"),
        Mode::Virtual,
        &["--virtual-limit".to_string(), "100".to_string()],
    );
    assert_eq!(short.limit, Some(Limit::Virtual));
    assert!(short.lines.is_empty());
    assert_eq!(short.elapsed, Some(120.0));
}

#[test]
fn a_busy_loop_is_killed_at_the_wall_limit() {
    let dir = std::env::temp_dir().join(format!("awaitlab-golden-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("busy.py");
    std::fs::write(
        &path,
        "print('spinning', flush=True)\nwhile True:\n    pass\n",
    )
    .unwrap();
    let run = cpython_with(
        &path,
        Mode::Virtual,
        &["--wall-limit".to_string(), "1".to_string()],
    );
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(run.limit, Some(Limit::Wall));
    assert!(run.error.unwrap().starts_with("WallTimeLimit"));
    assert_eq!(run.lines, s(&["spinning"]));
    assert!(run.wall < 5.0, "{}", run.wall);
}

#[test]
fn a_loop_waiting_for_nothing_is_a_deadlock() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/programs/seeds/001_10_ensure_future_outside_loop.py");
    let run = cpython(&path, Mode::Virtual);
    assert_eq!(run.limit, Some(Limit::Deadlock));
    assert!(run.error.unwrap().starts_with("Deadlock: "));
    assert!(run.wall < 5.0, "{}", run.wall);
}

#[test]
fn a_task_exception_never_retrieved_is_logged_to_stderr() {
    let run = cpython(&own("task_exception_never_retrieved.py"), Mode::Virtual);
    assert_eq!(run.error, None);
    assert_eq!(run.lines.last().unwrap(), "program end");
    assert_eq!(run.stderr_lines[0], "Task exception was never retrieved");
    assert!(
        run.stderr_lines[1].starts_with("future: <Task finished name='Task-2' coro=<fails() done, defined at task_exception_never_retrieved.py:"),
        "{:?}",
        run.stderr_lines
    );
    assert_eq!(
        run.stderr_lines.last().unwrap(),
        "ValueError: nobody saw this"
    );
    // Logged once: the retrieved one (Task-3) logs nothing.
    let count = run
        .stderr_lines
        .iter()
        .filter(|l| l.contains("never retrieved"))
        .count();
    assert_eq!(count, 1);
}

#[test]
fn print_sep_and_end_are_kept() {
    let run = cpython(&own("formatting.py"), Mode::Virtual);
    assert!(run.lines.contains(&"a-b!".to_string()));
    assert!(run
        .lines
        .contains(&"no newline ... then the rest".to_string()));
    assert!(run.lines.contains(&"".to_string()));
    assert!(run.lines.contains(&"tab\there € ✓ 中文".to_string()));
    assert_eq!(
        run.lines[0],
        "0.30000000000000004 0.30000000000000004 0.30000000000000004 False"
    );
    let sleeps = cpython(&own("sleep0_round_robin.py"), Mode::Virtual);
    assert_eq!(
        sleeps.lines[0],
        "a0 b0 c0 a1 [b done] c1 a2 c2 [a done] c3 [c done] "
    );
}

#[test]
fn legacy_coroutines_fail_on_3_11_and_run_with_the_flag() {
    let path = own("legacy_coroutine_decorator.py");
    let plain = cpython(&path, Mode::Virtual);
    assert_eq!(
        plain.error.as_deref(),
        Some("AttributeError: module 'asyncio' has no attribute 'coroutine'")
    );
    let legacy = cpython_with(&path, Mode::Virtual, &["--legacy-coroutine".to_string()]);
    assert_eq!(legacy.error, None, "{:?}", legacy.traceback);
    assert_eq!(
        legacy.lines,
        s(&["outer got 2 4", "result: 6 at 2.0", "[10, 12] at 3.0"])
    );
    assert!(legacy.stderr_lines[0].contains("DeprecationWarning: \"@coroutine\" decorator"));
}

#[test]
fn fake_network_takes_the_configured_latency() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs/seeds/000_10_aiohttp_tasks.py");
    // By default a request answers at once, without a turn of the loop (as the interpreter's
    // prediction does): task One empties the queue before Two starts.
    let run = cpython(&path, Mode::Virtual);
    assert_eq!(run.error, None);
    assert_eq!(run.lines.last().unwrap(), "Total elapsed time: 0.0");
    assert!(
        run.lines.iter().all(|l| !l.starts_with("Task Two")),
        "{:?}",
        run.lines
    );
    let latency = |s: &str| {
        cpython_with(
            &path,
            Mode::Virtual,
            &["--latency".to_string(), s.to_string()],
        )
    };
    assert_eq!(
        latency("0.1").lines.last().unwrap(),
        "Total elapsed time: 0.4"
    );
    let slow = latency("1");
    assert_eq!(slow.lines.last().unwrap(), "Total elapsed time: 4.0");
    assert_eq!(slow.elapsed, Some(4.0));
}

#[test]
fn scaled_mode_approximates_the_virtual_output() {
    let path = own("countdown_async.py");
    let virtual_run = cpython(&path, Mode::Virtual);
    let scaled = cpython(&path, Mode::SCALED);
    assert_eq!(scaled.error, None);
    // Real time: wide enough for a loaded machine (1 scaled second is 50 ms real at ×20);
    // the manifests' own scaled comparisons use 0.3 on a quiet one.
    let tolerance = Tolerance::abs(1.0).unordered();
    if let Err(diff) = compare_lines(&virtual_run.lines, &scaled.lines, tolerance) {
        panic!("{diff}");
    }
    // Not exact, though.
    assert!(compare_lines(&virtual_run.lines, &scaled.lines, Tolerance::EXACT).is_err());
    let elapsed = scaled.elapsed.unwrap();
    assert!((elapsed - 3.0).abs() < 1.5, "{elapsed}");
}

// ---------------------------------------------------------------------------------------
// compare_lines
// ---------------------------------------------------------------------------------------

#[test]
fn compare_lines_is_exact_by_default() {
    let a = s(&["1.0000 A = 3", "Done."]);
    assert_eq!(compare_lines(&a, &a.clone(), Tolerance::EXACT), Ok(()));
    let b = s(&["1.0001 A = 3", "Done."]);
    let err = compare_lines(&a, &b, Tolerance::default()).unwrap_err();
    assert!(err.contains("differs at line 1"), "{err}");
    assert!(err.contains("- ") && err.contains("1.0000 A = 3"), "{err}");
    assert!(err.contains("+ ") && err.contains("1.0001 A = 3"), "{err}");
    // Missing and extra lines.
    let short = s(&["1.0000 A = 3"]);
    let err = compare_lines(&a, &short, Tolerance::EXACT).unwrap_err();
    assert!(
        err.contains("differs at line 2 (expected 2 lines, got 1)"),
        "{err}"
    );
    assert!(err.contains("<no more lines>"), "{err}");
    assert!(compare_lines(&short, &a, Tolerance::EXACT).is_err());
    // Whitespace counts.
    assert!(compare_lines(&s(&["a b"]), &s(&["a  b"]), Tolerance::EXACT).is_err());
    assert!(compare_lines(&s(&["x"]), &s(&["x "]), Tolerance::EXACT).is_err());
}

#[test]
fn compare_lines_shows_context_around_the_first_difference() {
    let expected = s(&["l1", "l2", "l3", "l4", "l5", "l6", "l7"]);
    let mut actual = expected.clone();
    actual[4] = "L5".into();
    let err = compare_lines(&expected, &actual, Tolerance::EXACT).unwrap_err();
    assert!(err.contains("differs at line 5"), "{err}");
    for context in ["   2 | l2", "   3 | l3", "   4 | l4", "- ", "+ ", "\"l6\""] {
        assert!(err.contains(context), "{context:?} missing in\n{err}");
    }
    assert!(!err.contains("   1 | l1"), "{err}");
}

#[test]
fn compare_lines_accepts_numbers_within_the_tolerance() {
    let expected = s(&[
        "0.5000 \t\t\tC = 3",
        "Took 5.26 seconds.",
        "at 2024-01-01 00:00:05",
    ]);
    let actual = s(&[
        "0.5029 \t\t\tC = 3",
        "Took 5.31 seconds.",
        "at 2024-01-01 00:00:05.004211",
    ]);
    assert_eq!(
        compare_lines(&expected, &actual, Tolerance::abs(0.1)),
        Ok(())
    );
    assert!(compare_lines(&expected, &actual, Tolerance::abs(0.001)).is_err());
    // Relative: 5.26 vs 5.31 is ~1 %.
    assert!(compare_lines(&expected[1..2], &actual[1..2], Tolerance::rel(0.02)).is_ok());
    assert!(compare_lines(&expected[1..2], &actual[1..2], Tolerance::rel(0.001)).is_err());
    // The text around the numbers must be the same.
    let other_text = s(&["0.5000 \t\t\tB = 3"]);
    assert!(compare_lines(&expected[..1], &other_text, Tolerance::abs(1.0)).is_err());
    let extra_number = s(&["0.5000 \t\t\tC = 3 4"]);
    assert!(compare_lines(&expected[..1], &extra_number, Tolerance::abs(1.0)).is_err());
    // Numbers glued to words are text: job1 is not job2 whatever the tolerance.
    assert!(compare_lines(&s(&["job1"]), &s(&["job2"]), Tolerance::abs(5.0)).is_err());
    // A sign is a sign only after a non-word character; exponents are numbers.
    assert!(compare_lines(&s(&["x -1.0"]), &s(&["x -1.05"]), Tolerance::abs(0.1)).is_ok());
    assert!(compare_lines(&s(&["1e-05 s"]), &s(&["1.2e-05 s"]), Tolerance::abs(1e-4)).is_ok());
    // Beyond the tolerance: the message names it.
    let err = compare_lines(&s(&["2.0000 A"]), &s(&["2.5000 A"]), Tolerance::abs(0.3)).unwrap_err();
    assert!(err.contains("abs Some(0.3)"), "{err}");
}

#[test]
fn compare_lines_unordered_lets_simultaneous_lines_swap() {
    let expected = s(&["1.0000 \tA = 3", "1.0000 \t\t\tC = 2", "1.5000 \t\t\tC = 1"]);
    let actual = s(&["1.0079 \t\t\tC = 2", "1.0052 \tA = 3", "1.5103 \t\t\tC = 1"]);
    assert!(compare_lines(&expected, &actual, Tolerance::abs(0.05)).is_err());
    assert_eq!(
        compare_lines(&expected, &actual, Tolerance::abs(0.05).unordered()),
        Ok(())
    );
    // Lines of one shape keep their relative order (a stable sort): C = 1 printed before
    // C = 2 is still a difference.
    let swapped = s(&["1.0052 \tA = 3", "1.5103 \t\t\tC = 1", "1.0079 \t\t\tC = 2"]);
    assert!(compare_lines(&expected, &swapped, Tolerance::abs(0.05).unordered()).is_err());
    // Unordered but exact: a multiset of identical lines.
    assert!(compare_lines(
        &s(&["b", "a"]),
        &s(&["a", "b"]),
        Tolerance::EXACT.unordered()
    )
    .is_ok());
    assert!(compare_lines(
        &s(&["b", "a"]),
        &s(&["a", "a"]),
        Tolerance::EXACT.unordered()
    )
    .is_err());
}

#[test]
fn compare_lines_can_mask_addresses() {
    let expected = s(&["<coroutine object func at 0x7f3a2c1b9e40>"]);
    let actual = s(&["<coroutine object func at 0x10a4f2d30>"]);
    assert!(compare_lines(&expected, &actual, Tolerance::EXACT).is_err());
    assert_eq!(
        compare_lines(&expected, &actual, Tolerance::addresses()),
        Ok(())
    );
    let other = s(&["<coroutine object other at 0x10a4f2d30>"]);
    assert!(compare_lines(&expected, &other, Tolerance::addresses()).is_err());
}

#[test]
fn parse_run_reads_the_runners_json() {
    let run = parse_run(
        r#"{"lines": ["a", ""], "trailing_newline": false, "stderr_lines": [],
            "error": "Deadlock: x", "traceback": null, "limit": "deadlock",
            "elapsed": 1.5, "wall": 0.2, "exit_code": 3, "mode": "virtual"}"#,
    )
    .unwrap();
    assert_eq!(run.lines, s(&["a", ""]));
    assert!(!run.trailing_newline);
    assert_eq!(run.limit, Some(Limit::Deadlock));
    assert_eq!(run.harness_error(), Some("Deadlock: x"));
    assert_eq!(run.elapsed, Some(1.5));
    assert!(parse_run("not json").is_err());
    assert!(parse_run(r#"{"lines": 3}"#).is_err());
}

// ---------------------------------------------------------------------------------------
// the manifests, and every program through CPython
// ---------------------------------------------------------------------------------------

#[test]
fn manifests_describe_existing_programs() {
    let all = programs();
    let seeds: Vec<&ProgramEntry> = all.iter().filter(|p| p.suite == Suite::Seeds).collect();
    let own: Vec<&ProgramEntry> = all.iter().filter(|p| p.suite == Suite::Own).collect();
    assert_eq!(seeds.len(), seed_programs().len());
    assert!(seeds.len() >= 25, "{} seed programs", seeds.len());
    assert!((20..=60).contains(&own.len()), "{} own programs", own.len());
    for p in &all {
        assert!(p.path.is_file(), "{} is missing", p.path.display());
        assert!(!p.demonstrates.is_empty(), "{}", p.file);
        assert!(p.expected_output.contains("EXPECTED.md#"), "{}", p.file);
        if p.mode == GoldenMode::Skip {
            assert!(p.mode_reason.is_some(), "{}: skip without a reason", p.file);
        }
        if p.mode == GoldenMode::Scaled {
            assert!(
                p.tolerance.abs.is_some() || p.tolerance.rel.is_some(),
                "{}: scaled needs a tolerance",
                p.file
            );
        }
        if p.modules.iter().any(|m| m == "asyncio") {
            assert!(!p.asyncio_apis.is_empty(), "{}", p.file);
        }
    }
    for p in &seeds {
        let text = std::fs::read_to_string(&p.path).unwrap();
        assert!(
            text.starts_with("# AwaitLab golden-test program"),
            "{}",
            p.file
        );
        assert!(text.contains("# seed: "), "{}", p.file);
        assert!(text.contains("# edits"), "{}", p.file);
    }
}

#[test]
fn every_manifest_program_runs_under_the_harness() {
    let slow_too = std::env::var("AWAITLAB_GOLDEN_SLOW").is_ok_and(|v| v == "1");
    let todo: Vec<ProgramEntry> = programs()
        .into_iter()
        .filter(|p| p.mode != GoldenMode::Skip && (slow_too || !p.slow))
        .collect();
    let skipped_slow = programs().iter().filter(|p| p.slow).count();
    let start = Instant::now();
    let queue = Mutex::new(todo.clone());
    let failures = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| loop {
                let Some(entry) = queue.lock().unwrap().pop() else {
                    break;
                };
                let run = cpython_entry(&entry).expect("not skip");
                let expected_limit = entry.expect_error.as_deref().is_some_and(|e| {
                    e.starts_with("VirtualTimeLimit") || e.starts_with("Deadlock")
                });
                let mut problems = Vec::new();
                if let Some(h) = run.harness_error() {
                    if !expected_limit {
                        problems.push(format!("harness error: {h}"));
                    }
                }
                if run.error != entry.expect_error {
                    problems.push(format!(
                        "ends with {:?}, the manifest expects {:?}",
                        run.error, entry.expect_error
                    ));
                }
                if entry.mode == GoldenMode::Virtual && run.wall > 8.0 && !entry.slow {
                    problems.push(format!("took {:.1} s of wall time", run.wall));
                }
                if !problems.is_empty() {
                    failures.lock().unwrap().push(format!(
                        "{}: {}",
                        entry.file,
                        problems.join("; ")
                    ));
                }
            });
        }
    });
    let wall = start.elapsed().as_secs_f64();
    println!(
        "ran {} manifest programs through CPython in {wall:.1} s of wall time ({} slow ones {})",
        todo.len(),
        skipped_slow,
        if slow_too {
            "included"
        } else {
            "left out: AWAITLAB_GOLDEN_SLOW=1 runs them"
        }
    );
    let failures = failures.into_inner().unwrap();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

//! The catalog's programs against the Rust scenarios they replace, and against CPython.
//!
//! Every mode with a program (`crates/core/programs/<scenario>/<mode>.py`) runs with its
//! default parameters, with [`SECOND_SETS`] where its form has lists and with [`SCALAR_SETS`]. For
//! each, the program is rendered for the parameters (`program_params::render`) and:
//!
//! - (a) the interpreter's predicted console equals the Rust scenario's, line for line;
//! - (b) the predicted totals agree within 1 µs real (not for `primes`: see [`CPU_BOUND`]);
//! - (c) every task lane of the Rust prediction has a lane of the same name in the program's
//!   (the program may have more: the module's own, `asyncio.run`'s main task); the modes of
//!   [`CALLS_NOT_TASKS`] are exempt, and say why;
//! - (d) CPython 3.11 runs the same file through the golden runner (virtual clock) and prints
//!   the same lines, floats within 1e-9 as in `golden_interpreter.rs` (defaults and
//!   [`SECOND_SETS`]); the modes of [`POOL_MODES`] on a scaled real clock instead, within
//!   [`POOL_TOLERANCE`].

mod common;

use std::path::PathBuf;

use awaitlab_core::program_params::render;
use awaitlab_core::run::{meta, predict};
use awaitlab_core::scenario::{parse_url, Config, Draft, Scenario};
use awaitlab_core::scenarios::{find, CATALOG};
use awaitlab_core::trace::{Source, Trace};
use awaitlab_python::Program;
use common::golden::{compare_lines, cpython_with, CpythonRun, Limit, Mode, Tolerance};

/// The second parameter sets of the scenarios whose forms have lists (the first set is the
/// defaults), for the modes each applies to: lists of other lengths and values, names other
/// than the tutorial's. Checked against the Rust scenario and against CPython.
const SECOND_SETS: &[(&str, &str)] = &[
    ("countdown", "letters=A,B&delays=0.3,0.2"),
    (
        "countdown",
        "letters=Xy,Z_2,Ä,W&delays=0.25,1.5,0.1,0&count=2",
    ),
    ("queue", "work=2,5,10,15,20&tasks=3"),
    ("parents", "interval=10&chores=12,30"),
    ("parents", "chores=5,5,1"),
    ("parents", "balance=120&amounts=30,50,60"),
    ("wait-timeout", "durations=0.5,3,1.5&timeout=1"),
    ("wait-timeout", "durations=0.2,0.4&timeout=5"),
    ("gather", "durations=1.5,0.5,3"),
    // One latency for all, more tasks than one each; absolute URLs (the prediction does not
    // send them).
    (
        "http",
        "urls=data/x.json,https://example.com/a?b=1,../up.json&latency=250&tasks=3",
    ),
    (
        "http",
        "urls=data/a.json,data/b.json,data/c.json&latency=0,1200,700&tasks=1",
    ),
    (
        "primes",
        "numbers=427920331,157,1000003,10000019,4294967297&yield-every=1000",
    ),
];

/// Other values for the scenarios whose parameters are single numbers, checked against the
/// Rust scenario only: the number takes the same path through the program as the default does
/// under CPython, and each CPython run costs a third of a second of start-up.
const SCALAR_SETS: &[(&str, &str)] = &[
    ("parents", "hold=0.5"),
    ("coroutines", "delay=0.5"),
    ("await", "delay=3"),
    ("tasks", "count=3&delay=0.5"),
    ("future", "delay=0.5&value=-42"),
    ("async-iterator", "count=3&delay=0.5"),
    ("async-context", "cleanup=2.5"),
    ("event-loop", "delay=2"),
    ("run-until-complete", "seconds=0.5"),
];

/// Scenarios whose defaults the test does not run: `primes` divides 9637529763296797 by 49
/// million odd numbers, minutes in the debug-built interpreter (its second set, with numbers
/// of up to ten digits, checks the same program).
const DEFAULTS_TOO_SLOW: &[&str] = &["primes"];

/// CPU-bound scenarios: the Rust prediction charges each division a nominal 3.9 ns, the
/// interpreter's prediction each long poll's instructions a nominal 10 ns, so their totals and
/// their `Took … seconds.` lines are the two cost models'. The other lines and the order are
/// compared; totals and `Took` lines are not.
const CPU_BOUND: &[&str] = &["primes"];

/// CPU-bound pool modes, with the end of the lines that give a job's answer. Each answer is
/// printed when its job's reply comes in, so the answers come in the order the jobs finish,
/// which is the cost model's: the Rust prediction charges a job 3.9 ns a division (427920331
/// takes 40 µs and replies after 157's), the interpreter's 10 ns an instruction once a job has
/// run 100,000 (its ≈ 93,000 are free, so it ties with 157 and, posted first, replies first),
/// CPython its real time. The answers are compared as a set, the other lines in order.
const ANSWERS_IN_FINISHING_ORDER: &[(&str, &str, &str)] = &[("primes", "pool", " prime number.")];

/// Modes whose functions run in a pool (threads or processes in CPython). The golden runner's
/// virtual clock cannot run them: the `time.sleep`s of parallel threads all advance its one
/// clock (sleeps of 5 and 10 s end at 5 and 15), and a process pool never gets its job
/// (`multiprocessing.connection.wait` with a zero timeout loops while the clock stands still).
/// CPython runs them scaled, at [`POOL_SCALE`], one at a time after the others, compared within
/// [`POOL_TOLERANCE`]; their `Took` lines, real CPU time, are not compared.
const POOL_MODES: &[(&str, &str)] = &[
    ("countdown", "pool"),
    ("gather", "threads"),
    ("primes", "pool"),
];

/// Real seconds are a tenth of the programs' (the longest, `gather`'s 10 s, takes 1 s).
const POOL_SCALE: f64 = 10.0;

/// Scaled times are late by thread start-up and each sleep's wake-up (a few ms real, tens of
/// scaled ms, more on a busy machine), and lines due at the same moment may come in either
/// order (`countdown`: C's second count and A's first, both at 1.0 s).
const POOL_TOLERANCE: Tolerance = Tolerance {
    abs: Some(0.3),
    rel: None,
    unordered: true,
    mask_addresses: false,
};

/// Modes whose Rust scenario draws each plain function call (or each generator the program's
/// own round-robin loop drives) as a lane of its own, while the Python program, being
/// synchronous, has no tasks: everything runs on the module's lane (which the test holds it
/// to instead).
const CALLS_NOT_TASKS: &[(&str, &str)] = &[
    ("countdown", "sync"),
    ("queue", "sync"),
    ("queue", "generator"),
    ("queue", "blocking"),
    ("gather", "sequential"),
    ("http", "sync"),
];

/// Extra arguments the CPython runner needs for a mode.
fn runner_args(scenario: &str, mode: &str) -> Vec<String> {
    match (scenario, mode) {
        // `@asyncio.coroutine` was removed in 3.11; the runner puts 3.10's back.
        ("coroutines", "legacy") => vec!["--legacy-coroutine".into()],
        _ => Vec::new(),
    }
}

/// One run to check: a mode of a scenario with parameters.
struct Case {
    scenario: &'static Scenario,
    draft: Draft,
    config: Config,
    /// The program for these parameters.
    program: String,
    /// `s=…&mode=…&…`, for messages.
    query: String,
}

fn case(query: String) -> Case {
    let pairs: Vec<(String, String)> = query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let request = parse_url(&CATALOG, &pairs);
    assert!(
        request.problems.is_empty(),
        "{query}: {:?}",
        request.problems
    );
    let scenario = find(request.draft.scenario).expect("a scenario");
    let config = request
        .draft
        .validate(scenario)
        .unwrap_or_else(|e| panic!("{query}: {e:?}"));
    let template = scenario
        .mode(config.mode)
        .and_then(|m| m.program())
        .expect("a mode with a program");
    Case {
        scenario,
        program: render(template, &config.params),
        draft: request.draft,
        config,
        query,
    }
}

/// Every mode with a program, with its defaults and the sets of `extra` that apply to it.
fn cases(extra: &[&[(&str, &str)]]) -> Vec<Case> {
    let mut out = Vec::new();
    for scenario in CATALOG.iter() {
        for mode in scenario.modes.iter().filter(|m| m.program().is_some()) {
            let base = format!("s={}&mode={}", scenario.id, mode.id);
            if !DEFAULTS_TOO_SLOW.contains(&scenario.id) {
                out.push(case(base.clone()));
            }
            let sets = extra.iter().flat_map(|sets| sets.iter());
            for (_, params) in sets.filter(|(s, _)| *s == scenario.id) {
                // Only the parameters this mode's form shows.
                let own: Vec<&str> = params
                    .split('&')
                    .filter(|kv| {
                        let id = kv.split('=').next().unwrap_or("");
                        scenario.param(id).is_some_and(|p| p.applies_to(mode.id))
                    })
                    .collect();
                if !own.is_empty() {
                    out.push(case(format!("{base}&{}", own.join("&"))));
                }
            }
        }
    }
    out
}

/// The interpreter's prediction of the case's program, at the case's speed; `charge_cpu`: as the
/// page predicts (CPU work costs time), or as CPython's golden runner does (it costs nothing).
fn predict_program(case: &Case, charge_cpu: bool) -> Trace {
    let program = Program::compile(&case.program)
        .unwrap_or_else(|e| panic!("{}: {e:?}\n{}", case.query, case.program));
    let meta = meta(&case.draft, &case.config, Source::Predicted);
    if charge_cpu {
        program.predict(meta, awaitlab_python::program::PREDICTION_STEPS)
    } else {
        program.predict_without_cpu(meta)
    }
}

/// The console, without the lines that report CPU time in CPU-bound scenarios (`Took … seconds.`):
/// the Rust prediction's cost model counts divisions, the interpreter's counts instructions.
fn comparable_lines(id: &str, mode: &str, trace: &Trace) -> Vec<String> {
    let lines = trace
        .lines()
        .iter()
        .filter(|l| !(CPU_BOUND.contains(&id) && l.starts_with("Took ")))
        .map(|l| l.to_string())
        .collect();
    answers_as_a_set(id, mode, lines)
}

/// The lines in order, but for the modes of [`ANSWERS_IN_FINISHING_ORDER`] the answers sorted
/// after the other lines.
fn answers_as_a_set(id: &str, mode: &str, lines: Vec<String>) -> Vec<String> {
    let Some(&(_, _, end)) = ANSWERS_IN_FINISHING_ORDER
        .iter()
        .find(|(s, m, _)| (*s, *m) == (id, mode))
    else {
        return lines;
    };
    let (mut answers, mut out): (Vec<String>, Vec<String>) =
        lines.into_iter().partition(|l| l.ends_with(end));
    answers.sort();
    out.extend(answers);
    out
}

/// Lanes that are tasks of the run (not the page's or a pool worker's), `main` and the program's
/// `<module>` aside.
fn task_lanes(trace: &Trace) -> Vec<&str> {
    trace
        .tasks
        .iter()
        .filter(|t| t.is_task() && t.name != "main" && t.name != "<module>")
        .map(|t| t.name.as_str())
        .collect()
}

#[test]
fn every_program_predicts_what_its_rust_scenario_predicts() {
    let cases = cases(&[SECOND_SETS, SCALAR_SETS]);
    let mut failures = Vec::new();
    for case in &cases {
        let (id, mode) = (case.scenario.id, case.config.mode);
        let rust = predict(case.scenario, &case.draft, case.config.clone());
        let ours = predict_program(case, true);
        let mut problems = Vec::new();
        // (a) the console.
        if comparable_lines(id, mode, &ours) != comparable_lines(id, mode, &rust) {
            problems.push(format!(
                "lines differ:\n  rust:    {:?}\n  program: {:?}",
                rust.lines(),
                ours.lines()
            ));
        }
        // A run that stops early must stop for the same reason (the deadlock).
        let stopped = |t: &Trace| t.early_end.as_ref().map(|e| e.kind());
        if stopped(&rust) != stopped(&ours) {
            problems.push(format!(
                "errors differ: rust {:?}, program {:?}",
                rust.early_end, ours.early_end
            ));
        }
        // (b) the totals.
        if !CPU_BOUND.contains(&id) {
            match (rust.total_us, ours.total_us) {
                (Some(r), Some(o)) if (r - o).abs() <= 1.0 => {}
                (r, o) => problems.push(format!("totals differ: rust {r:?} µs, program {o:?} µs")),
            }
        }
        // (c) the lanes: each of the Rust run's, as many times as it has it.
        let mut have = task_lanes(&ours);
        if CALLS_NOT_TASKS.contains(&(id, mode)) {
            if !have.is_empty() {
                problems.push(format!("a synchronous program with task lanes: {have:?}"));
            }
        } else {
            let missing: Vec<&str> = task_lanes(&rust)
                .into_iter()
                .filter(|name| match have.iter().position(|h| h == name) {
                    Some(at) => {
                        have.remove(at);
                        false
                    }
                    None => true,
                })
                .collect();
            if !missing.is_empty() {
                problems.push(format!(
                    "lanes missing from the program's run: {missing:?} (it has {:?})",
                    task_lanes(&ours)
                ));
            }
        }
        if !problems.is_empty() {
            failures.push(format!("== {}\n{}", case.query, problems.join("\n")));
        }
    }
    println!("{} runs compared with the Rust scenarios", cases.len());
    assert!(
        failures.is_empty(),
        "{} of {} runs differ from the Rust scenarios:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

#[test]
fn every_program_prints_what_cpython_prints() {
    let cases = cases(&[SECOND_SETS]);
    let dir = std::env::temp_dir().join(format!("awaitlab-catalog-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    // The interpreter's side, on this thread (the VM is not `Send`).
    let ours: Vec<Vec<String>> = cases
        .iter()
        .map(|c| {
            predict_program(c, false)
                .lines()
                .iter()
                .map(|l| l.to_string())
                .collect()
        })
        .collect();
    let pooled = |c: &Case| POOL_MODES.contains(&(c.scenario.id, c.config.mode));
    let files: Vec<(usize, PathBuf, Vec<String>)> = cases
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let path = dir.join(format!("{:02}_{}_{}.py", i, c.scenario.id, c.config.mode));
            std::fs::write(&path, &c.program).expect("write the program");
            (i, path, runner_args(c.scenario.id, c.config.mode))
        })
        .collect();
    let (scaled, exact): (Vec<_>, Vec<_>) = files.iter().partition(|(i, ..)| pooled(&cases[*i]));
    // CPython's side: on the virtual clock a few processes at a time, then the pool modes on
    // the scaled clock one at a time (their real sleeps are what they print).
    let mut runs: Vec<(usize, CpythonRun)> = std::thread::scope(|s| {
        let chunks: Vec<_> = exact
            .chunks(exact.len().div_ceil(4).max(1))
            .map(|chunk| {
                s.spawn(move || {
                    chunk
                        .iter()
                        .map(|(i, path, args)| (*i, cpython_with(path, Mode::Virtual, args)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        chunks
            .into_iter()
            .flat_map(|h| h.join().expect("a CPython thread"))
            .collect()
    });
    let scale = Mode::Scaled { scale: POOL_SCALE };
    runs.extend(
        scaled
            .iter()
            .map(|(i, path, args)| (*i, cpython_with(path, scale, args))),
    );
    runs.sort_by_key(|(i, _)| *i);
    let _ = std::fs::remove_dir_all(&dir);
    let mut failures = Vec::new();
    for ((case, ours), (_, cp)) in cases.iter().zip(&ours).zip(&runs) {
        let deadlock = (case.scenario.id, case.config.mode) == ("parents", "deadlock");
        let ended = match (&cp.error, cp.limit) {
            (None, _) => !deadlock,
            (Some(_), Some(Limit::Deadlock)) => deadlock,
            _ => false,
        };
        if !ended {
            failures.push(format!(
                "== {}\nCPython ended with {:?}\n{}",
                case.query,
                cp.error,
                cp.traceback.as_deref().unwrap_or("")
            ));
            continue;
        }
        let (id, mode) = (case.scenario.id, case.config.mode);
        let (tolerance, theirs, ours) = if pooled(case) {
            // Real CPU time, scaled: not the prediction's.
            let comparable = |lines: &[String]| {
                let kept = lines
                    .iter()
                    .filter(|l| !(CPU_BOUND.contains(&id) && l.starts_with("Took ")))
                    .cloned()
                    .collect();
                answers_as_a_set(id, mode, kept)
            };
            (POOL_TOLERANCE, comparable(&cp.lines), comparable(ours))
        } else {
            // Sums of sleeps: CPython's clock adds floats, ours counts whole microseconds.
            let exact = Tolerance {
                abs: Some(1e-9),
                ..Tolerance::EXACT
            };
            (exact, cp.lines.clone(), ours.clone())
        };
        if let Err(diff) = compare_lines(&theirs, &ours, tolerance) {
            failures.push(format!("== {}\n{diff}", case.query));
        }
    }
    println!("{} programs compared with CPython", cases.len());
    assert!(
        failures.is_empty(),
        "{} of {} programs print other lines than CPython:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

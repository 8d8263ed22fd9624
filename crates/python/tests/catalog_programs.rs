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
//!   [`SECOND_SETS`]).

mod common;

use std::path::PathBuf;

use awaitlab_core::program_params::render;
use awaitlab_core::run::{meta, predict};
use awaitlab_core::scenario::{parse_url, Config, Draft, Scenario};
use awaitlab_core::scenarios::{find, CATALOG};
use awaitlab_core::trace::{Source, Trace};
use awaitlab_python::Program;
use common::golden::{compare_lines, cpython_with, Limit, Mode, Tolerance};

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
fn comparable_lines(id: &str, trace: &Trace) -> Vec<String> {
    trace
        .lines()
        .iter()
        .filter(|l| !(CPU_BOUND.contains(&id) && l.starts_with("Took ")))
        .map(|l| l.to_string())
        .collect()
}

/// Lanes that are tasks of the run (not the page's or a pool worker's), `main` aside.
fn task_lanes(trace: &Trace) -> Vec<&str> {
    trace
        .tasks
        .iter()
        .filter(|t| !t.is_page && !t.is_worker && t.name != "main")
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
        if comparable_lines(id, &ours) != comparable_lines(id, &rust) {
            problems.push(format!(
                "lines differ:\n  rust:    {:?}\n  program: {:?}",
                rust.lines(),
                ours.lines()
            ));
        }
        // A run that stops early must stop for the same reason (the deadlock).
        let stopped = |t: &Trace| {
            t.error
                .as_deref()
                .map(|e| e.split(':').next().unwrap_or(e).to_string())
        };
        if stopped(&rust) != stopped(&ours) {
            problems.push(format!(
                "errors differ: rust {:?}, program {:?}",
                rust.error, ours.error
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
    let files: Vec<(PathBuf, Vec<String>)> = cases
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let path = dir.join(format!("{:02}_{}_{}.py", i, c.scenario.id, c.config.mode));
            std::fs::write(&path, &c.program).expect("write the program");
            (path, runner_args(c.scenario.id, c.config.mode))
        })
        .collect();
    // CPython's side, a few processes at a time.
    let runs: Vec<_> = std::thread::scope(|s| {
        let chunks: Vec<_> = files
            .chunks(files.len().div_ceil(4).max(1))
            .map(|chunk| {
                s.spawn(move || {
                    chunk
                        .iter()
                        .map(|(path, args)| cpython_with(path, Mode::Virtual, args))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        chunks
            .into_iter()
            .flat_map(|h| h.join().expect("a CPython thread"))
            .collect()
    });
    let _ = std::fs::remove_dir_all(&dir);
    let mut failures = Vec::new();
    for ((case, ours), cp) in cases.iter().zip(&ours).zip(&runs) {
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
        // Sums of sleeps: CPython's clock adds floats, ours counts whole microseconds.
        let tolerance = Tolerance {
            abs: Some(1e-9),
            ..Tolerance::EXACT
        };
        if let Err(diff) = compare_lines(&cp.lines, ours, tolerance) {
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

//! Browser benchmark of the Python interpreter (not a test: it asserts nothing about speed). Run
//! by `scripts/bench.sh`, which runs the same program files under CPython 3.11 in the same run
//! and prints the ratios into BENCHMARKS.md. Each program measures itself with
//! `time.perf_counter()`, which reads the run's clock: at 1000 ms per scenario second that is
//! real time on the page's own event loop.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use awaitlab::browser::clock::RealClock;
use awaitlab::browser::driver::drive;
use awaitlab_core::executor::Executor;
use awaitlab_core::lab::Lab;
use awaitlab_core::trace::{RunMeta, Source};
use awaitlab_python::Program;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const PROGRAMS: [(&str, &str); 2] = [
    (
        "trial_division",
        include_str!("../crates/python/benches/programs/trial_division.py"),
    ),
    (
        "sleep0_pingpong",
        include_str!("../crates/python/benches/programs/sleep0_pingpong.py"),
    ),
];

/// Runs `source` on the page's real loop at real-time speed and returns its console.
async fn run(source: &str) -> Vec<String> {
    let program = Program::compile(source).expect("the benchmark programs compile");
    let meta = RunMeta {
        scenario: "bench".into(),
        mode: "python".into(),
        params: Vec::new(),
        speed_ms_per_s: 1000.0,
        source: Source::Measured,
    };
    let exec = Executor::new(Rc::new(RealClock::start()), meta);
    let lab = Lab::predicted(exec.clone());
    let vm = program.start(&lab);
    drive(&exec).await;
    vm.flush_out();
    exec.trace().lines().iter().map(|l| l.to_string()).collect()
}

#[wasm_bindgen_test]
async fn interpreter_in_chromium() {
    // One warm-up run of each (wasm tier-up), then three measured; the median is reported.
    for (name, source) in PROGRAMS {
        let _ = run(source).await;
        let mut times = Vec::new();
        let mut count = String::new();
        for _ in 0..3 {
            let lines = run(source).await;
            for l in &lines {
                if let Some(v) = l.strip_prefix("elapsed ") {
                    times.push(v.parse::<f64>().unwrap_or(f64::NAN));
                } else {
                    count = l.clone();
                }
            }
        }
        times.sort_by(f64::total_cmp);
        let (min, med, max) = (times[0], times[times.len() / 2], times[times.len() - 1]);
        console_log!(
            "PYBENCH | {name} | AwaitLab (Chromium) | {count} | {:.1} ms (min {:.1}, max {:.1})",
            med * 1000.0,
            min * 1000.0,
            max * 1000.0
        );
    }
}

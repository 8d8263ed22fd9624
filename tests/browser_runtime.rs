//! The runtime on Chromium's real event loop: orderings match the prediction, measured totals fall
//! within a generous tolerance of it, and cancellation, Stop and stalls behave.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use awaitlab::browser::clock::RealClock;
use awaitlab::browser::driver::drive;
use awaitlab_core::executor::Executor;
use awaitlab_core::lab::{Lab, LabError, LabFuture};
use awaitlab_core::scenarios::CATALOG;
use awaitlab_core::trace::{EndReason, Kind, Outcome, RunMeta, Source, Trace};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;

use common::browser::{measure, stop_after};

fn lines_without_times(trace: &Trace) -> Vec<String> {
    trace
        .lines()
        .iter()
        .map(|l| {
            l.split_once(" \t")
                .map_or(l.to_string(), |(_, r)| r.to_string())
        })
        .map(|l| match l.split_once(": ") {
            // "Task One elapsed time: 15.0" → keep the words, drop the measured figure.
            Some((words, _)) if l.contains("elapsed") => words.to_string(),
            _ => l,
        })
        .collect()
}

#[wasm_bindgen_test]
async fn countdown_async_on_the_real_loop_matches_the_prediction() {
    let (measured, predicted) = measure("s=countdown&mode=async&speed=300").await;
    assert!(measured.early_end.is_none(), "{:?}", measured.early_end);
    assert_eq!(
        lines_without_times(&measured),
        lines_without_times(&predicted)
    );
    let total = measured.total_s().expect("total");
    // 3.0 s predicted; timers are never early, and a noisy 2-core machine may be late.
    assert!((3.0..4.5).contains(&total), "measured {total} s");
    assert!(measured
        .tasks
        .iter()
        .all(|t| t.outcome == Some(Outcome::Done)));
}

#[wasm_bindgen_test]
async fn queue_async_overlaps_and_blocking_adds_up() {
    let (measured, predicted) = measure("s=queue&mode=async&speed=20").await;
    assert_eq!(
        lines_without_times(&measured),
        lines_without_times(&predicted)
    );
    let total = measured.total_s().expect("total");
    assert!((17.0..21.0).contains(&total), "async measured {total} s");

    let (measured, predicted) = measure("s=queue&mode=blocking&speed=10").await;
    assert_eq!(
        lines_without_times(&measured),
        lines_without_times(&predicted)
    );
    let total = measured.total_s().expect("total");
    // A busy-wait holds the thread for at least its length: never less than the sum.
    assert!((32.0..38.0).contains(&total), "blocking measured {total} s");
    let blocked: f64 = measured
        .events
        .iter()
        .filter(|e| e.kind == Kind::Block)
        .map(|e| measured.meta.to_s(e.dur_us))
        .sum();
    assert!(blocked >= 32.0, "{blocked}");
}

#[wasm_bindgen_test]
async fn countdown_blocking_is_sequential_on_the_real_loop_too() {
    let (measured, predicted) = measure("s=countdown&mode=blocking&speed=20").await;
    assert_eq!(
        lines_without_times(&measured),
        lines_without_times(&predicted)
    );
    assert!(measured.total_s().expect("total") >= 6.9);
}

fn real_executor(speed_ms_per_s: f64) -> Rc<Executor> {
    let meta = RunMeta {
        scenario: "test".into(),
        mode: "test".into(),
        params: Vec::new(),
        speed_ms_per_s,
        source: Source::Measured,
    };
    Executor::new(Rc::new(RealClock::start()), meta)
}

#[wasm_bindgen_test]
async fn cancelling_a_sleeping_task_ends_it_and_its_joiner_sees_cancelled() {
    let exec = real_executor(10.0);
    let lab = Lab::predicted(exec.clone());
    let seen: Rc<RefCell<Option<Result<(), LabError>>>> = Rc::default();
    let seen2 = seen.clone();
    let lab2 = lab.clone();
    let _main = lab.spawn("main", async move {
        let sleeper = lab2.spawn("sleeper", {
            let lab = lab2.clone();
            async move {
                lab.sleep(100.0).await; // 1 s real: far longer than the test waits
                lab.print("woke up");
                Ok(())
            }
        });
        lab2.sleep(2.0).await; // 20 ms real
        sleeper.cancel();
        *seen2.borrow_mut() = Some(sleeper.await);
        Ok(())
    });
    drive(&exec).await;
    let trace = exec.trace();
    assert_eq!(*seen.borrow(), Some(Err(LabError::Cancelled)));
    let sleeper = trace.task_named("sleeper").expect("lane");
    assert_eq!(trace.tasks[sleeper].outcome, Some(Outcome::Cancelled));
    assert!(trace.lines().is_empty(), "a cancelled task printed");
    // Its sleep span was cut at the cancellation: inside the poll in which main, woken from its
    // 2 s sleep, cancelled it — not after 100 s.
    let sleeps: Vec<_> = trace.spans_of(sleeper, Kind::Sleep).collect();
    assert_eq!(sleeps.len(), 1, "{sleeps:?}");
    let woke = trace
        .spans_of(0, Kind::Sleep)
        .next()
        .expect("main slept")
        .end_us();
    let cancelling_poll = trace
        .spans_of(0, Kind::Run)
        .find(|p| p.start_us >= woke)
        .expect("main polled after its sleep");
    let cut = sleeps[0].end_us();
    assert!(
        cancelling_poll.start_us <= cut && cut <= cancelling_poll.end_us(),
        "cut at {cut} µs, main's poll {cancelling_poll:?}"
    );
    assert!(trace.total_s().expect("total") < 50.0);
}

#[wasm_bindgen_test]
async fn stop_ends_a_sleeping_run_at_once() {
    let trace = stop_after("s=queue&mode=async&speed=500", 50, |_| {}).await;
    assert_eq!(trace.early_end, Some(EndReason::Stopped));
    // 17 s at 500 ms/s would be 8.5 s real; it stopped after well under one.
    assert!(trace.total_us.expect("total") < 1_000_000.0);
    assert!(trace
        .tasks
        .iter()
        .all(|t| t.outcome == Some(Outcome::Cancelled)));
}

#[wasm_bindgen_test]
async fn a_future_nobody_resolves_is_reported_as_a_stall() {
    let exec = real_executor(10.0);
    let lab = Lab::predicted(exec.clone());
    let never: LabFuture<u32> = LabFuture::new();
    let _main = lab.spawn("main", async move {
        never.await;
        Ok(())
    });
    drive(&exec).await;
    let trace = exec.trace();
    let error = trace.error().expect("a stall");
    assert!(error.contains("stalled: main still waiting"), "{error}");
}

#[wasm_bindgen_test]
async fn a_future_resolved_by_another_task_wakes_its_waiter() {
    let exec = real_executor(10.0);
    let lab = Lab::predicted(exec.clone());
    let fut: LabFuture<u32> = LabFuture::new();
    let (setter_fut, lab2) = (fut.clone(), lab.clone());
    let lab3 = lab.clone();
    let _main = lab.spawn("main", async move {
        let _setter = lab2.spawn("setter", {
            let lab = lab2.clone();
            async move {
                lab.sleep(2.0).await;
                setter_fut.set_result(42);
                Ok(())
            }
        });
        let value = fut.await;
        lab3.print(format!("got {value} at {:.1}", lab3.now_s()));
        Ok(())
    });
    drive(&exec).await;
    let trace = exec.trace();
    assert_eq!(trace.lines().len(), 1);
    assert!(
        trace.lines()[0].starts_with("got 42 at "),
        "{:?}",
        trace.lines()
    );
    assert!(trace.total_s().expect("total") >= 2.0);
}

/// A line with its measured figures masked: numbers with a decimal point become `#`.
fn masked(line: &str) -> String {
    line.split_whitespace()
        .map(|w| {
            let bare = w.trim_end_matches(['.', ',']);
            if bare.contains('.') && bare.parse::<f64>().is_ok() {
                "#"
            } else {
                w
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[wasm_bindgen_test]
async fn every_building_block_scenario_prints_on_the_real_loop_what_was_predicted() {
    for scenario in CATALOG
        .iter()
        // http makes real requests: its own file, browser_http.rs, checks it.
        // CPU work and the browser's scheduling take real time, not scenario time: browser_cpu.rs
        // checks those.
        .filter(|s| !["countdown", "queue", "http", "primes", "loop-impl"].contains(&s.id))
    {
        for mode in scenario.modes {
            // Pool modes need the Trunk worker bin, which this runner cannot serve: the e2e tests
            // run them against dist/ (browser_pool.rs checks the page side here).
            if mode.id == "threads" {
                continue;
            }
            // Which of a message and a timer the browser runs first is its own choice: that mode
            // has its own test (browser_cpu.rs), of what the browser does promise.
            if (scenario.id, mode.id) == ("event-loop", "browser") {
                continue;
            }
            let query = format!("s={}&mode={}&speed=50", scenario.id, mode.id);
            let (measured, predicted) = measure(&query).await;
            // A deadlock must be detected on the real loop exactly as predicted.
            assert_eq!(measured.early_end, predicted.early_end, "{query}");
            let got: Vec<String> = measured.lines().iter().map(|l| masked(l)).collect();
            let want: Vec<String> = predicted.lines().iter().map(|l| masked(l)).collect();
            assert_eq!(got, want, "{query}");
            let (m, p) = (
                measured.total_s().expect("total"),
                predicted.total_s().expect("total"),
            );
            assert!(
                m >= p - 0.02 && m < p + 2.0,
                "{query}: measured {m} s, predicted {p} s"
            );
        }
    }
}

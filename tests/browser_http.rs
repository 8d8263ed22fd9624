//! The `http` scenario with real requests in Chromium: non-blocking fetches overlap and beat
//! blocking XMLHttpRequests, a 404 or a refused connection is a failed `io` span while the other
//! task carries on, a timeout aborts, and Stop aborts requests in flight.
//!
//! wasm-bindgen-test-runner serves the crate's own directory beside its page, so
//! `static/data/a.json` is a real same-origin file here and `static/data/missing.json` a real 404.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use awaitlab::browser::clock::RealClock;
use awaitlab::browser::driver::FRAME_BUDGET_US;
use awaitlab::browser::fetch::BrowserIo;
use awaitlab_core::backend::io::Io;
use awaitlab_core::backend::io::IoError;
use awaitlab_core::backend::Backends;
use awaitlab_core::executor::{Executor, Status};
use awaitlab_core::run;
use awaitlab_core::scenario::parse_url;
use awaitlab_core::scenarios::{find, CATALOG};
use awaitlab_core::trace::{EndReason, Event, Kind, Outcome, Source, Trace};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;

use common::browser::{measure, sleep_ms, stop_after};
use common::pairs;

const URLS: &str = "static/data/a.json,static/data/b.json,static/data/c.json,static/data/d.json,\
                    static/data/e.json,static/data/f.json,static/data/g.json";

fn io_spans(trace: &Trace) -> Vec<&Event> {
    trace.events.iter().filter(|e| e.kind == Kind::Io).collect()
}

/// Printed lines with the measured figures dropped ("Task One elapsed time").
fn words(trace: &Trace) -> Vec<String> {
    trace
        .lines()
        .iter()
        .map(|l| match l.split_once(": ") {
            Some((w, _)) if l.contains("elapsed time") => w.to_string(),
            _ => l.to_string(),
        })
        .collect()
}

#[wasm_bindgen_test]
async fn non_blocking_requests_overlap_and_beat_blocking_ones() {
    // The tutorial's figures as added latency (3.2 s in all), at 500 ms per scenario second: the
    // predicted events are at least 50 ms real apart, far more than a local request's jitter, so
    // the real order must be the predicted one.
    let query = |mode: &str| format!("s=http&mode={mode}&urls={URLS}&speed=500");
    let (sync, sync_predicted) = measure(&query("sync")).await;
    let (overlap, overlap_predicted) = measure(&query("async")).await;
    for (trace, predicted) in [(&sync, &sync_predicted), (&overlap, &overlap_predicted)] {
        assert!(trace.error().is_none(), "{:?}", trace.error());
        assert_eq!(words(trace), words(predicted));
        let io = io_spans(trace);
        assert_eq!(io.len(), 7);
        assert!(io.iter().all(|e| e.error.is_none()), "{io:?}");
        // Each request took at least its added latency (the predicted span of the same label).
        for e in &io {
            let p = io_spans(predicted)
                .into_iter()
                .find(|p| p.label == e.label)
                .expect("same label predicted");
            assert!(
                e.dur_us >= p.dur_us,
                "{}: {} < {}",
                e.label,
                e.dur_us,
                p.dur_us
            );
        }
        assert!(trace.tasks.iter().all(|t| t.outcome == Some(Outcome::Done)));
    }
    let (s, a) = (
        sync.total_s().expect("total"),
        overlap.total_s().expect("total"),
    );
    console_log!(
        "http, 7 same-origin files, +3.2 s in all at 500 ms/s: sync {s:.3} s (predicted {:?}), \
         async {a:.3} s (predicted {:?})",
        sync_predicted.total_s(),
        overlap_predicted.total_s()
    );
    // Blocking: never less than the sum of the added latency; the page was held throughout.
    assert!(s >= 3.2, "sync {s}");
    let blocked: f64 = sync
        .events
        .iter()
        .filter(|e| e.kind == Kind::Block)
        .map(|e| sync.meta.to_s(e.dur_us))
        .sum();
    assert!(blocked >= 3.2, "blocked {blocked}");
    // Non-blocking: about half, plus what the network adds.
    assert!(a >= 1.7, "async {a}");
    assert!(a < s, "async {a} s is not below sync {s} s");
    assert_eq!(
        overlap
            .events
            .iter()
            .filter(|e| e.kind == Kind::Block)
            .count(),
        0
    );
}

#[wasm_bindgen_test]
async fn a_404_is_a_failed_io_span_while_the_other_task_finishes() {
    for mode in ["async", "sync"] {
        let query = format!(
            "s=http&mode={mode}&urls=static/data/a.json,static/data/missing.json,\
             static/data/c.json,static/data/d.json&latency=100&speed=100"
        );
        let (trace, _) = measure(&query).await;
        assert!(trace.error().is_none(), "{mode}: {:?}", trace.error());
        let two = trace.task_named("Two").expect("Two");
        let failed: Vec<&Event> = io_spans(&trace)
            .into_iter()
            .filter(|e| e.error.is_some())
            .collect();
        assert_eq!(failed.len(), 1, "{mode}: {failed:?}");
        assert_eq!(failed[0].task, two);
        assert_eq!(
            failed[0].label,
            "GET static/data/missing.json (+100 ms added)"
        );
        let error = failed[0].error.as_deref().unwrap_or("");
        assert!(error.starts_with("HTTP 404"), "{mode}: {error}");
        assert!(
            trace
                .lines()
                .iter()
                .any(|l| l.starts_with("Task Two failed after ") && l.contains("HTTP 404")),
            "{mode}: {:?}",
            trace.lines()
        );
        // The failure ended nobody: all four URLs were requested and every task is done.
        assert_eq!(io_spans(&trace).len(), 4);
        assert!(trace.tasks.iter().all(|t| t.outcome == Some(Outcome::Done)));
        assert!(trace
            .lines()
            .last()
            .is_some_and(|l| l.starts_with("Total elapsed time")));
    }
}

#[wasm_bindgen_test]
async fn a_refused_connection_is_a_network_error_in_both_modes() {
    // Port 9 (discard) on the loopback: nothing listens, the connection is refused at once.
    for mode in ["async", "sync"] {
        let query = format!("s=http&mode={mode}&urls=http://127.0.0.1:9/x&latency=0");
        let (trace, _) = measure(&query).await;
        let io = io_spans(&trace);
        assert_eq!(io.len(), 1);
        let error = io[0].error.as_deref().unwrap_or("");
        assert!(error.starts_with("network error"), "{mode}: {error}");
        assert_eq!(trace.tasks[1].outcome, Some(Outcome::Done));
    }
}

#[wasm_bindgen_test]
async fn a_request_slower_than_the_timeout_is_aborted_and_says_so() {
    // The runner's own wasm file (megabytes, never cached: no-store) takes far longer than 1 ms.
    let io = BrowserIo::with_timeout_ms(1);
    let result = io.fetch("/wasm-bindgen-test_bg.wasm").await;
    let error = result.expect_err("a 1 ms timeout fires before the body is read");
    assert_eq!(
        error,
        IoError::TimedOut("timed out after 0.001 s (real time), request aborted".into())
    );
    assert_eq!(io.aborted(), 0, "a timeout is not a drop");
    // The same client with a sane timeout gets the file, and its bytes.
    let ok = BrowserIo::new()
        .fetch("static/data/a.json")
        .await
        .expect("the file");
    assert_eq!(ok.status, 200);
    assert!(ok.bytes > 20, "{ok:?}");
    let ok = BrowserIo::new()
        .fetch_blocking("static/data/a.json")
        .expect("the file, blocking");
    assert_eq!(ok.status, 200);
}

fn http_run(query: &str) -> (Rc<Executor>, Rc<BrowserIo>) {
    let request = parse_url(&CATALOG, &pairs(query));
    assert!(request.problems.is_empty(), "{:?}", request.problems);
    let scenario = find("http").expect("http");
    let config = request.draft.validate(scenario).expect("valid");
    let meta = run::meta(&request.draft, &config, Source::Measured);
    let exec = Executor::new(Rc::new(RealClock::start()), meta);
    let io = Rc::new(BrowserIo::new());
    let backends = Backends {
        io: io.clone(),
        ..Backends::predicted()
    };
    run::start(&exec, backends, scenario, config);
    (exec, io)
}

#[wasm_bindgen_test]
async fn stop_aborts_the_requests_in_flight() {
    let (exec, io) = http_run(
        "s=http&mode=async&urls=static/data/a.json,static/data/b.json,static/data/c.json&latency=0",
    );
    // One batch runs main and both tasks up to their fetch. No response can arrive while Rust
    // holds the thread, so both requests are in flight now.
    let status = exec.run_batch(f64::INFINITY, u64::MAX);
    assert_eq!(
        status,
        Status::Idle {
            next_deadline_us: None,
            io_pending: 2
        }
    );
    exec.finish(Some(EndReason::Stopped));
    assert_eq!(io.aborted(), 2, "both fetches were aborted");
    assert_eq!(exec.io_pending(), 0);
    let trace = exec.trace();
    let io_errors: Vec<Option<&str>> = io_spans(&trace)
        .iter()
        .map(|e| e.error.as_deref())
        .collect();
    assert_eq!(
        io_errors,
        [Some("cancelled: the request in flight was aborted"); 2]
    );
    assert!(trace
        .tasks
        .iter()
        .all(|t| t.outcome == Some(Outcome::Cancelled)));
    // The aborted promises settle later (waking tasks that are gone) without harm.
    sleep_ms(50).await;
    assert_eq!(exec.run_batch(FRAME_BUDGET_US, u64::MAX), Status::Finished);
    assert_eq!(exec.trace().events.len(), trace.events.len());
}

#[wasm_bindgen_test]
async fn the_stop_button_ends_a_run_waiting_out_its_added_latency() {
    let query = format!("s=http&mode=async&urls={URLS}&latency=5000&speed=100");
    let trace = stop_after(&query, 50, |run| {
        // Both tasks are waiting out their added latency: two io spans in progress.
        let waiting = run.executor().snapshot().events;
        assert_eq!(waiting.iter().filter(|e| e.kind == Kind::Io).count(), 2);
    })
    .await;
    assert_eq!(trace.early_end, Some(EndReason::Stopped));
    // 5 s at 100 ms/s would be 500 ms real per request; it stopped long before.
    assert!(trace.total_us.expect("total") < 400_000.0);
    let io = io_spans(&trace);
    assert_eq!(io.len(), 2);
    assert!(io.iter().all(|e| e.error.as_deref()
        == Some("cancelled during the added latency, before the request was sent")));
}

//! CPU-bound work and the browser's scheduling on Chromium's real event loop: primes in `yield`
//! mode let the small numbers finish first, `sync` prints in input order in one unbroken stretch,
//! and microtasks beat `setTimeout(0)`. Timing claims are loose: a 2-core machine is noisy.
#![cfg(target_arch = "wasm32")]

use awaitlab::browser::resources::resources;
use awaitlab::browser::schedule::hops_scheduled;
use awaitlab_core::trace::{EndReason, Kind, Outcome, Trace};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;

use common::browser::{measure, sleep_ms, stop_after};

/// The printed lines without the last one (`Took … seconds.`, a measured figure).
fn verdicts(trace: &Trace) -> Vec<String> {
    let mut lines: Vec<String> = trace.lines().iter().map(|l| l.to_string()).collect();
    let took = lines.pop().unwrap_or_default();
    assert!(
        took.starts_with("Took ") && took.ends_with(" seconds."),
        "{took}"
    );
    lines
}

const PRIMES: &str = "numbers=10000000000037,427920331,157";

#[wasm_bindgen_test]
async fn primes_yield_lets_the_small_numbers_finish_first() {
    let (measured, predicted) = measure(&format!(
        "s=primes&mode=yield&{PRIMES}&yield-every=10000&speed=100"
    ))
    .await;
    assert!(measured.early_end.is_none(), "{:?}", measured.early_end);
    let lines = verdicts(&measured);
    // 157 needs 5 divisions, 427920331 needs 10,342: two stretches of 10,000, so 157 is done
    // first; the big number (1,581,138) last.
    assert_eq!(
        lines,
        [
            "Processing 10000000000037...",
            "Processing 427920331...",
            "Processing 157...",
            "157 is a prime number.",
            "427920331 is a prime number.",
            "10000000000037 is a prime number.",
        ]
    );
    assert_eq!(lines, verdicts(&predicted));
    // The big number's lane took many turns: one CPU span and one poll per 10,000 divisions.
    let big = measured
        .task_named("is_prime(10000000000037)")
        .expect("lane");
    let stretches = measured.spans_of(big, Kind::Compute).count();
    assert_eq!(stretches, 159, "1,581,138 divisions in stretches of 10,000");
    assert!(measured.spans_of(big, Kind::Run).count() >= stretches);
    let divisions: f64 = measured
        .spans_of(big, Kind::Compute)
        .filter_map(|e| e.value)
        .sum();
    assert_eq!(divisions, 1_581_138.0);
}

#[wasm_bindgen_test]
async fn primes_sync_prints_in_input_order_in_one_unbroken_poll() {
    let (measured, predicted) = measure(&format!("s=primes&mode=sync&{PRIMES}&speed=100")).await;
    assert!(measured.early_end.is_none(), "{:?}", measured.early_end);
    let lines = verdicts(&measured);
    assert_eq!(
        lines,
        [
            "Processing 10000000000037...",
            "10000000000037 is a prime number.",
            "Processing 427920331...",
            "427920331 is a prime number.",
            "Processing 157...",
            "157 is a prime number.",
        ]
    );
    assert_eq!(lines, verdicts(&predicted));
    // One poll of main did everything: the page never got a turn in between.
    assert_eq!(measured.spans_of(0, Kind::Run).count(), 1);
    let cpu: f64 = measured.spans_of(0, Kind::Compute).map(|e| e.dur_us).sum();
    let total = measured.total_us.expect("total");
    assert!(cpu > 0.0 && cpu <= total, "cpu {cpu} µs of {total} µs");
    let took_s = measured
        .lines()
        .last()
        .and_then(|l| {
            l.strip_prefix("Took ")?
                .strip_suffix(" seconds.")?
                .parse()
                .ok()
        })
        .unwrap_or(f64::NAN);
    // The printed figure is real seconds (not scenario seconds): within a loose bound of the run.
    assert!(
        took_s >= 0.0 && took_s <= total / 1e6 + 0.01,
        "{took_s} s, total {total} µs"
    );
    wasm_bindgen_test::console_log!(
        "primes sync: {:.1} ns a division in this build",
        cpu * 1000.0 / 1_581_138.0
    );
}

#[wasm_bindgen_test]
async fn loop_impl_microtasks_beat_set_timeout_and_report_rates() {
    let (measured, predicted) = measure("s=loop-impl&mode=all&switches=100&speed=100").await;
    assert!(measured.early_end.is_none(), "{:?}", measured.early_end);
    let lines = measured.lines();
    assert_eq!(lines.len(), 3, "{lines:?}");
    for (line, name) in lines
        .iter()
        .zip(["microtask: ", "setTimeout(0): ", "MessageChannel: "])
    {
        assert!(line.starts_with(name), "{line}");
        assert!(!line.contains("nominal"), "{line}");
    }
    for line in predicted.lines() {
        assert!(line.contains("nominal"), "{line}");
    }
    let run_us = |name: &str| -> f64 {
        let lane = measured.task_named(name).expect(name);
        assert_eq!(measured.tasks[lane].outcome, Some(Outcome::Done));
        let spans: Vec<f64> = measured
            .spans_of(lane, Kind::Io)
            .map(|e| e.dur_us)
            .collect();
        assert_eq!(spans.len(), 1, "{name}: one span covers the run");
        spans[0]
    };
    let (micro, timeout, message) = (
        run_us("microtask"),
        run_us("setTimeout(0)"),
        run_us("MessageChannel"),
    );
    wasm_bindgen_test::console_log!(
        "100 switches: microtask {micro} µs, setTimeout(0) {timeout} µs, MessageChannel {message} µs"
    );
    assert!(
        micro < timeout,
        "microtask {micro} µs, setTimeout {timeout} µs"
    );
    assert!(
        message < timeout,
        "MessageChannel {message} µs, setTimeout {timeout} µs"
    );
    // Clamped: 94 of the 100 hops wait ≥ 4 ms, so even a generous bound holds.
    assert!(timeout >= 100_000.0, "setTimeout(0) took only {timeout} µs");
    // The timeout lane's span carries its rate.
    let lane = measured.task_named("setTimeout(0)").expect("lane");
    let rate = measured
        .spans_of(lane, Kind::Io)
        .find_map(|e| e.value)
        .expect("a rate");
    assert!(rate > 0.0 && rate < 1_000.0, "{rate} switches/s");
}

#[wasm_bindgen_test]
async fn stop_ends_a_set_timeout_ping_pong_and_it_stops_hopping() {
    let hops_at_start = hops_scheduled();
    let trace = stop_after(
        "s=loop-impl&mode=timeout&switches=2000&speed=100",
        100,
        |_| {},
    )
    .await;
    // It was hopping when stopped (≈4 ms a hop: some 20 in 100 ms).
    let hops_at_stop = hops_scheduled();
    assert!(
        hops_at_stop - hops_at_start >= 5,
        "{} hops",
        hops_at_stop - hops_at_start
    );
    assert_eq!(trace.early_end, Some(EndReason::Stopped));
    assert!(trace.total_us.expect("total") < 1_000_000.0);
    let lane = trace.task_named("setTimeout(0)").expect("lane");
    assert_eq!(trace.tasks[lane].outcome, Some(Outcome::Cancelled));
    assert!(trace.lines().is_empty());
    // The chain notices at its next hop and takes itself apart: no hop is scheduled after Stop
    // (a hop takes ≥ 4 ms, so 100 ms would see some 25 more), its timer is gone, nothing throws.
    sleep_ms(100).await;
    assert_eq!(
        hops_scheduled(),
        hops_at_stop,
        "the ping-pong went on hopping after Stop"
    );
    assert_eq!(resources().timers, 0, "{:?}", resources());
}

#[wasm_bindgen_test]
async fn call_soon_runs_before_a_microtask_and_a_microtask_before_any_task() {
    let (measured, _) = measure("s=event-loop&mode=browser&speed=100").await;
    assert!(measured.early_end.is_none(), "{:?}", measured.early_end);
    let lines = measured.lines();
    let at = |text: &str| {
        lines
            .iter()
            .position(|l| *l == text)
            .unwrap_or_else(|| panic!("{text:?} not in {lines:?}"))
    };
    assert_eq!(at("main: all four queued"), 0);
    assert!(at("call_soon callback ran") < at("microtask callback ran"));
    assert!(at("microtask callback ran") < at("MessageChannel callback ran"));
    assert!(at("microtask callback ran") < at("setTimeout(0) callback ran"));
}

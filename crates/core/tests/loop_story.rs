//! The loop's state and the narration, reconstructed from traces of the virtual executor (and a
//! hand-made measured one): which task is where at chosen moments, and what the story says, in
//! what order, as the playhead passes each event.

mod common;

use awaitlab_core::loop_state::{loop_at, Place};
use awaitlab_core::narration::{current, english, narrate, Says};
use awaitlab_core::trace::{Event, Kind, Source};
use common::predict_url;

fn story(query: &str) -> Vec<String> {
    narrate(&predict_url(query)).iter().map(english).collect()
}

#[test]
fn countdown_is_told_in_the_order_the_loop_runs_it() {
    let told = story("s=countdown&mode=async");
    assert_eq!(
        told[..7],
        [
            "main starts: the loop runs its first step.",
            "A starts: the loop runs its first step.",
            "A awaits sleep(1): the loop is free, so B runs.",
            "B starts: the loop runs its first step.",
            "B awaits sleep(0.8): the loop is free, so C runs.",
            "C starts: the loop runs its first step.",
            "C awaits sleep(0.5): no other task is ready, so the loop waits.",
        ]
    );
    // Each wake comes before the line its task then prints; C's last sleep wakes it to end.
    let at = |s: &str| {
        told.iter()
            .position(|t| t == s)
            .unwrap_or_else(|| panic!("{s} not told: {told:#?}"))
    };
    assert!(at("C's sleep(0.5) is over: C is ready again.") < at("C ends."));
    assert_eq!(told.last().map(String::as_str), Some("main ends."));
    assert_eq!(
        told.iter()
            .filter(|t| t.ends_with(" is ready again."))
            .count(),
        9
    );
}

#[test]
fn every_print_is_told_in_the_consoles_order() {
    for query in [
        "s=countdown&mode=async",
        "s=queue&mode=async",
        "s=tasks&mode=tasks",
    ] {
        let trace = predict_url(query);
        let printed: Vec<String> = narrate(&trace)
            .into_iter()
            .filter_map(|s| match s.says {
                Says::Prints { text } => Some(text),
                _ => None,
            })
            .collect();
        assert_eq!(printed, trace.lines(), "{query}");
    }
}

#[test]
fn blocking_and_jobs_are_told_as_what_they_do_to_the_loop() {
    let told = story("s=countdown&mode=blocking");
    let blocks: Vec<&String> = told
        .iter()
        .filter(|t| t.contains("blocks the loop"))
        .collect();
    assert_eq!(blocks.len(), 9, "{told:#?}");
    assert!(blocks[0].ends_with("no other task can run until it returns."));
    let trace = predict_url("s=countdown&mode=blocking");
    let us = trace.meta.us_per_s();
    let state = loop_at(&trace, 0.5 * us);
    let holder = state.running.expect("someone holds the loop");
    assert_eq!((holder.name.as_str(), holder.place), ("A", Place::Holding));
    assert!(state.timers.is_empty(), "{:?}", state.timers);
    let ready: Vec<&str> = state.ready.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(
        ready,
        ["B", "C"],
        "they wait their turn while A holds the loop"
    );

    let trace = predict_url("s=countdown&mode=pool");
    let jobs = loop_at(&trace, 0.5 * trace.meta.us_per_s());
    let waiting: Vec<(&str, Place)> = jobs
        .waiting
        .iter()
        .map(|e| (e.name.as_str(), e.place))
        .collect();
    assert!(
        waiting.contains(&("A", Place::Job)) && waiting.contains(&("C", Place::Job)),
        "{waiting:?}"
    );
    assert!(narrate(&trace)
        .iter()
        .map(english)
        .any(|t| t.starts_with("A hands a job to a worker")));
    assert_eq!(Place::Job.asyncio(), "run_in_executor");
    assert_eq!(Place::Job.browser(Source::Measured), "a Worker message");
    assert_eq!(Place::Job.browser(Source::Predicted), "the virtual clock");
}

#[test]
fn the_loop_at_a_moment_holds_timers_by_deadline_and_a_waiting_main() {
    let trace = predict_url("s=countdown&mode=async");
    let us = trace.meta.us_per_s();
    let state = loop_at(&trace, 0.6 * us);
    assert!(state.running.is_none() && state.ready.is_empty());
    let timers: Vec<(&str, &str, f64)> = state
        .timers
        .iter()
        .map(|e| (e.name.as_str(), e.what.as_str(), e.until_us.unwrap() / us))
        .collect();
    assert_eq!(
        timers,
        [
            ("B", "sleep(0.8)", 0.8),
            ("A", "sleep(1)", 1.0),
            ("C", "sleep(0.5)", 1.0)
        ]
    );
    let waiting: Vec<(&str, Place)> = state
        .waiting
        .iter()
        .map(|e| (e.name.as_str(), e.place))
        .collect();
    assert_eq!(
        waiting,
        [("main", Place::Future)],
        "main awaits gather's future"
    );
    // After the end nothing is alive; before the first event, nothing has been said.
    assert_eq!(loop_at(&trace, 3.5 * us), Default::default());
    let told = narrate(&trace);
    assert_eq!(current(&told, -1.0), None);
    assert_eq!(current(&told, 0.0), Some(6), "the seven sentences at 0 s");
    assert_eq!(current(&told, 10.0 * us), Some(told.len() - 1));
}

#[test]
fn a_measured_ready_queue_is_first_woken_first() {
    let mut trace = common::measured_trace(&["A", "B", "C"]);
    let span = |task, kind, label: &str, start_us, dur_us| Event {
        task,
        kind,
        label: label.into(),
        start_us,
        dur_us,
        value: None,
        error: None,
        line: None,
    };
    trace.events = vec![
        span(2, Kind::Run, "poll", 100.0, 80.0),
        span(1, Kind::Ready, "ready", 120.0, 100.0),
        span(0, Kind::Ready, "ready", 110.0, 150.0),
        span(0, Kind::Sleep, "sleep(1)", 0.0, 110.0),
    ];
    let state = loop_at(&trace, 150.0);
    assert_eq!(state.running.as_ref().map(|e| e.name.as_str()), Some("C"));
    let ready: Vec<&str> = state.ready.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(ready, ["A", "B"], "woken first, first in the queue");
    assert_eq!(Place::Ready.asyncio(), "call_soon");
    // Before A's timer fired it was asleep, not ready.
    assert_eq!(loop_at(&trace, 50.0).timers.len(), 1);
}

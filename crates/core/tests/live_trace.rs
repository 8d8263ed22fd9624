//! A live run's trace as views receive it: chunks of new events grown into a trace
//! ([`TraceFeed`]) and a span index extended with them, each checked against what copying the
//! whole trace and indexing it again gives.

mod common;

use std::rc::Rc;

use awaitlab_core::clock::{Clock, VirtualClock};
use awaitlab_core::executor::{Executor, Status};
use awaitlab_core::layout::{describe, step, SpanIndex, Viewport};
use awaitlab_core::steps::by_steps;
use awaitlab_core::trace::{Event, Kind, Outcome, Trace, TraceFeed};
use awaitlab_core::view_options::Lang;
use common::{live, predict_url};

/// Drives `exec` a few polls or one timer at a time, calling `look` between steps, and halfway to
/// each timer (so spans are open then).
fn drive_in_steps(exec: &Executor, clock: &VirtualClock, mut look: impl FnMut()) {
    loop {
        match exec.run_batch(f64::INFINITY, 3) {
            Status::Finished => break,
            Status::Busy => {}
            Status::Idle {
                next_deadline_us: Some(t),
                ..
            } => {
                clock.advance_to((clock.now_us() + t) / 2.0);
                look();
                clock.advance_to(t);
            }
            Status::Idle { .. } => exec.finish(Some(exec.stall())),
        }
        look();
    }
    look();
}

const RUNS: [&str; 5] = [
    "s=queue&mode=async",
    "s=queue&mode=blocking",
    "s=countdown&mode=pool",
    "s=parents&mode=deadlock",
    "s=wait-timeout&mode=cancel",
];

#[test]
fn a_trace_grown_from_chunks_is_the_snapshot_and_only_new_events_cross() {
    for query in RUNS {
        let (exec, clock) = live(query);
        let mut feed = TraceFeed::new(exec.trace());
        let mut chunks = 0;
        drive_in_steps(&exec, &clock, || {
            let before = feed.committed();
            let chunk = exec.chunk_since(before);
            // Only what was recorded since the last chunk crosses.
            assert_eq!(chunk.from, before);
            assert_eq!(
                chunk.events.len(),
                exec.with_trace(|t| t.events.len()) - before,
                "{query}"
            );
            let grown = feed.apply(chunk);
            assert_eq!(*grown, exec.snapshot(), "{query} after {chunks} chunks");
            chunks += 1;
        });
        assert!(chunks >= 3, "{query}: {chunks} chunks");
        assert_eq!(**feed.latest(), exec.trace(), "{query}: the end");
        // Nothing held the older traces: the feed never copied a whole trace.
        assert_eq!(feed.copies(), 0, "{query}");
    }
}

#[test]
fn a_feed_whose_older_trace_is_still_held_copies_and_stays_right() {
    let (exec, clock) = live("s=queue&mode=async");
    let mut feed = TraceFeed::new(exec.trace());
    let mut held = Vec::new();
    drive_in_steps(&exec, &clock, || {
        let grown = feed.apply(exec.chunk_since(feed.committed()));
        let expected = exec.snapshot();
        assert_eq!(*grown, expected);
        held.push((grown, expected));
    });
    assert!(feed.copies() > 0);
    // Every trace handed out stays as it was when it was handed out.
    for (grown, expected) in &held {
        assert_eq!(**grown, *expected);
    }
    // A chunk that does not follow on (one was lost) changes nothing.
    let mut stale = exec.chunk_since(0);
    stale.from = 1;
    let before = feed.latest().clone();
    assert!(Rc::ptr_eq(&feed.apply(stale), &before));
}

#[test]
fn a_span_index_extended_chunk_by_chunk_equals_one_built_at_once() {
    for query in RUNS {
        let (exec, clock) = live(query);
        let mut feed = TraceFeed::new(exec.trace());
        let mut index = SpanIndex::new(feed.latest());
        let mut stable = feed.committed();
        drive_in_steps(&exec, &clock, || {
            let trace = feed.apply(exec.chunk_since(feed.committed()));
            index.update(&trace, stable);
            stable = feed.committed();
            assert_eq!(index, SpanIndex::new(&trace), "{query}");
        });
        let trace = feed.latest().clone();
        assert!(index.len() >= 3, "{query}");
        // And it draws the same bars.
        let vp = Viewport::fit(trace.extent_us(), 600.0);
        assert_eq!(
            index.bars(&trace, &vp),
            SpanIndex::new(&trace).bars(&trace, &vp)
        );
    }
}

fn ev(task: usize, kind: Kind, start_us: f64, dur_us: f64, failed: bool) -> Event {
    Event {
        task,
        kind,
        label: kind.cat().into(),
        start_us,
        dur_us,
        value: None,
        error: failed.then(|| "boom".to_string()),
        line: None,
    }
}

fn empty_trace() -> Trace {
    common::measured_trace(&["main", "A"])
}

#[test]
fn spans_recorded_out_of_order_and_dropped_open_spans_keep_the_index_exact() {
    let mut trace = empty_trace();
    let mut index = SpanIndex::new(&trace);
    // Spans recorded when they end, so a long one that began early comes after later ones;
    // failures counted where they fall.
    let batches = [
        vec![
            ev(0, Kind::Run, 10.0, 5.0, false),
            ev(1, Kind::Run, 20.0, 5.0, true),
        ],
        vec![
            ev(0, Kind::Run, 40.0, 5.0, false),
            ev(0, Kind::Run, 30.0, 1.0, true),
        ],
        vec![
            ev(1, Kind::Sleep, 0.0, 90.0, false),
            ev(0, Kind::Print, 50.0, 0.0, false),
        ],
        vec![
            ev(0, Kind::Run, 35.0, 50.0, false),
            ev(1, Kind::Run, 5.0, 1.0, false),
        ],
    ];
    for batch in batches {
        let from = trace.events.len();
        trace.events.extend(batch);
        index.extend(&trace, from);
        assert_eq!(index, SpanIndex::new(&trace));
    }
    // Open spans at the end, replaced by the next snapshot's.
    let stable = trace.events.len();
    trace.events.push(ev(0, Kind::Sleep, 60.0, 10.0, false));
    trace.events.push(ev(1, Kind::Ready, 2.0, 100.0, false));
    index.extend(&trace, stable);
    assert_eq!(index, SpanIndex::new(&trace));
    trace.events.truncate(stable);
    trace.events.push(ev(0, Kind::Run, 33.0, 2.0, true));
    index.update(&trace, stable);
    assert_eq!(index, SpanIndex::new(&trace));
    assert_eq!(index.len(), 8);
}

#[test]
fn a_snapshot_of_many_lanes_each_opening_a_group_updates_to_the_index_built_anew() {
    // 2,000 tasks, every one with an open span in a group of its own (all in the ready queue
    // or asleep at once): the groups they open are merged in together, and the groups they
    // leave empty go, snapshot after snapshot.
    let trace = predict_url("s=scale&mode=async&tasks=2000&yields=0&sleeps=2&sleep=0.1");
    let (closed, sleeps): (Vec<Event>, Vec<Event>) = trace
        .events
        .iter()
        .cloned()
        .partition(|e| e.kind != Kind::Sleep);
    let mut live = trace.clone();
    live.events = closed;
    let stable = live.events.len();
    let mut index = SpanIndex::new(&live);
    for round in 0..3 {
        live.events.truncate(stable);
        // Each snapshot's open spans, a little longer each time (and half of them the next).
        live.events
            .extend(sleeps.iter().skip(round * sleeps.len() / 4).map(|e| Event {
                dur_us: e.dur_us + round as f64,
                ..e.clone()
            }));
        index.update(&live, stable);
        assert_eq!(index, SpanIndex::new(&live), "round {round}");
    }
}

#[test]
fn step_goes_to_the_next_and_previous_event_skipping_empty_polls() {
    let mut trace = empty_trace();
    trace.events = vec![
        ev(0, Kind::Run, 0.0, 2.0, false),
        ev(0, Kind::Run, 5.0, 0.0, false), // a poll that took no time: not a stop
        ev(1, Kind::Sleep, 10.0, 30.0, false),
        ev(0, Kind::Print, 10.3, 0.0, false),
        ev(0, Kind::Run, 40.0, 1.0, false),
    ];
    assert_eq!(step(&trace, 0.0, true, 0.5), Some(10.0));
    // Within the slack of the playhead is where it is, not the next event.
    assert_eq!(step(&trace, 10.0, true, 0.5), Some(40.0));
    assert_eq!(step(&trace, 10.0, true, 0.1), Some(10.3));
    assert_eq!(step(&trace, 40.0, true, 0.5), None);
    assert_eq!(step(&trace, 40.0, false, 0.5), Some(10.3));
    assert_eq!(step(&trace, 10.0, false, 0.5), Some(0.0));
    assert_eq!(step(&trace, 0.0, false, 0.5), None);
}

#[test]
fn step_walks_a_whole_predicted_run_in_time_order() {
    let trace = predict_url("s=countdown&mode=async");
    let mut at = -1.0;
    let mut stops = Vec::new();
    while let Some(t) = step(&trace, at, true, 0.5) {
        assert!(t > at);
        stops.push(t);
        at = t;
    }
    assert!(stops.len() > 5);
    // Back again, the same stops in reverse.
    let mut back = Vec::new();
    while let Some(t) = step(&trace, at, false, 0.5) {
        back.push(t);
        at = t;
    }
    back.reverse();
    assert_eq!(back, stops[..stops.len() - 1]);
}

#[test]
fn describe_names_the_task_state_operation_and_times() {
    let mut trace = empty_trace();
    trace.events = vec![
        Event {
            line: Some(7),
            value: Some(3.0),
            label: "sleep(0.8)".into(),
            ..ev(1, Kind::Sleep, 500_000.0, 800_000.0, false)
        },
        Event {
            label: "A\tdone".into(),
            ..ev(0, Kind::Print, 1_000_000.0, 0.0, false)
        },
        ev(1, Kind::End, 2_000_000.0, 0.0, false),
        ev(0, Kind::Io, 0.0, 1_500.0, true),
    ];
    trace.tasks[1].outcome = Some(Outcome::Failed("ValueError: x".into()));
    assert_eq!(
        describe(&trace, None, 0, Lang::En),
        "A · sleeping (timer) · line 7\nsleep(0.8) (value 3)\nat 0.500 s · lasted 0.800 s (800.00 ms real)"
    );
    assert_eq!(
        describe(&trace, None, 1, Lang::En),
        "main · print\n\"A done\"\nat 1.000 s"
    );
    assert_eq!(
        describe(&trace, None, 2, Lang::En),
        "A · ended\nfailed: ValueError: x\nat 2.000 s"
    );
    assert_eq!(
        describe(&trace, None, 3, Lang::En),
        "main · waiting on I/O\nio\nat 0.000 s · lasted 0.002 s (1.50 ms real)\nerror: boom"
    );
    assert_eq!(describe(&trace, None, 9, Lang::En), "");
}

#[test]
fn describe_adds_the_step_when_the_trace_is_drawn_by_steps() {
    let trace = predict_url("s=queue&mode=sync");
    let drawn = by_steps(&trace);
    let i = trace
        .events
        .iter()
        .position(|e| e.kind == Kind::Print)
        .expect("a print");
    let text = describe(&trace, Some(&drawn), i, Lang::En);
    let step_no = drawn.events[i].start_us.floor();
    assert!(text.contains(&format!("step {step_no:.0} · at ")), "{text}");
    assert!(!describe(&trace, None, i, Lang::En).contains("step "));
}

#[test]
fn describe_speaks_chinese_and_every_kind_has_words() {
    let mut trace = empty_trace();
    trace.events = vec![
        Event {
            line: Some(7),
            value: Some(3.0),
            label: "sleep(0.8)".into(),
            ..ev(1, Kind::Sleep, 500_000.0, 800_000.0, false)
        },
        ev(1, Kind::End, 2_000_000.0, 0.0, false),
    ];
    trace.tasks[1].outcome = Some(Outcome::Failed("ValueError: x".into()));
    assert_eq!(
        describe(&trace, None, 0, Lang::Zh),
        "A · 休眠（定时器） · 第 7 行\nsleep(0.8)（值 3）\n开始于 0.500 秒 · 持续 0.800 秒（实际 800.00 毫秒）"
    );
    assert_eq!(
        describe(&trace, None, 1, Lang::Zh),
        "A · 已结束\n失败：ValueError: x\n开始于 2.000 秒"
    );
    use awaitlab_core::layout::{kind_words, outcome_words};
    for kind in Kind::ALL {
        let (en, zh) = (kind_words(kind, Lang::En), kind_words(kind, Lang::Zh));
        assert!(!zh.is_empty() && zh != en, "{kind:?}: {zh}");
    }
    for outcome in [
        None,
        Some(Outcome::Done),
        Some(Outcome::Failed("x".into())),
        Some(Outcome::Cancelled),
    ] {
        let en = outcome_words(outcome.as_ref(), Lang::En);
        // The page's words for an ending are the export's.
        assert_eq!(en, outcome.as_ref().map_or("running", |o| o.label()));
        assert_ne!(outcome_words(outcome.as_ref(), Lang::Zh), en);
    }
}

//! Short lessons read by the loop's steps: a program that never waits takes no time, so its
//! timeline is laid out by polls and units of work instead.

mod common;

use awaitlab_core::layout::{bars, Viewport};
use awaitlab_core::steps::{by_steps, reads_by_steps};
use awaitlab_core::trace::Kind;
use common::predict_url;

#[test]
fn lessons_that_never_wait_read_by_steps_the_others_by_time() {
    for query in [
        "s=queue&mode=sync",
        "s=queue&mode=generator",
        "s=async-iterator",
        "s=event-loop&mode=call-soon",
    ] {
        assert!(reads_by_steps(&predict_url(query)), "{query}");
    }
    for query in [
        "s=countdown&mode=async",
        "s=queue&mode=async",
        "s=event-loop&mode=call-later",
        "s=primes&mode=sync",
        "s=async-iterator&delay=0.5",
    ] {
        assert!(!reads_by_steps(&predict_url(query)), "{query}");
    }
}

#[test]
fn queue_sync_shows_the_units_one_counted() {
    let trace = predict_url("s=queue&mode=sync");
    let steps = by_steps(&trace);
    assert_eq!(steps.events.len(), trace.events.len());
    let one = steps.task_named("One").expect("One");
    // One counts 15, 10, 5 and 2 units in one poll: the counts sit end to end, 32 steps in all.
    let counts: Vec<(f64, f64)> = steps
        .spans_of(one, Kind::Compute)
        .map(|e| (e.start_us, e.dur_us))
        .collect();
    assert_eq!(
        counts.iter().map(|c| c.1).collect::<Vec<_>>(),
        [15.0, 10.0, 5.0, 2.0]
    );
    for w in counts.windows(2) {
        assert!(w[1].0 >= w[0].0 + w[0].1, "{counts:?}");
    }
    let poll = steps.spans_of(one, Kind::Run).next().expect("poll");
    assert!(poll.dur_us >= 32.0, "{poll:?}");
    // Each item spans its own count, one after another.
    let items: Vec<(f64, f64)> = steps
        .spans_of(one, Kind::Scenario)
        .map(|e| (e.start_us, e.end_us()))
        .collect();
    assert_eq!(items.len(), 4);
    for (item, count) in items.iter().zip(&counts) {
        assert!(
            item.0 <= count.0 && item.1 >= count.0 + count.1,
            "{item:?} {count:?}"
        );
    }
    // Two runs after One and finds nothing: its poll starts where One's ended.
    let two = steps.task_named("Two").expect("Two");
    let two_poll = steps.spans_of(two, Kind::Run).next().expect("poll");
    assert!(two_poll.start_us >= poll.end_us());
    let total = steps.total_us.expect("total");
    assert!(total >= two_poll.end_us());
    // Drawn across a 600 px view, One's counting is most of the width, not a sliver.
    let vp = Viewport::fit(total, 600.0);
    let one_bars: f64 = bars(&steps, &vp)
        .iter()
        .filter(|b| b.lane == one && b.kind == Kind::Compute)
        .map(|b| b.w)
        .sum();
    assert!(one_bars > 300.0, "{one_bars}");
}

#[test]
fn generator_tasks_take_turns_step_by_step() {
    let steps = by_steps(&predict_url("s=queue&mode=generator"));
    let (one, two) = (
        steps.task_named("One").expect("One"),
        steps.task_named("Two").expect("Two"),
    );
    let mut polls: Vec<(f64, usize)> = steps
        .events
        .iter()
        .filter(|e| e.kind == Kind::Run && (e.task == one || e.task == two))
        .map(|e| (e.start_us, e.task))
        .collect();
    polls.sort_by(|a, b| a.0.total_cmp(&b.0));
    // Polls never overlap, and One and Two alternate while both have work.
    let lanes: Vec<usize> = polls.iter().map(|p| p.1).collect();
    assert_eq!(&lanes[..6], &[one, two, one, two, one, two]);
    let runs: Vec<_> = steps
        .events
        .iter()
        .filter(|e| e.kind == Kind::Run)
        .collect();
    for w in runs.windows(2) {
        assert!(w[1].start_us >= w[0].end_us() - 1e-9, "{w:?}");
    }
}

#[test]
fn lines_printed_in_one_poll_sit_apart_in_order() {
    let steps = by_steps(&predict_url("s=async-iterator"));
    let xs: Vec<f64> = steps.prints().map(|e| e.start_us).collect();
    assert_eq!(xs.len(), 10);
    for w in xs.windows(2) {
        assert!(w[1] > w[0], "{xs:?}");
    }
    let end = steps.total_us.expect("total");
    assert!(xs.iter().all(|&x| x <= end), "{xs:?} past {end}");
}

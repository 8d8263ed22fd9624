//! `scale`: many tasks created at once and gathered, on the virtual clock. The sleeps overlap,
//! so the total is `sleeps × sleep` whatever the number of tasks; each wake is one poll.

mod common;

use std::time::Instant;

use awaitlab_core::trace::{Kind, Outcome, Trace};
use common::predict_url;

/// The worker lanes (`t0`, `t1`, …), in spawn order.
fn workers(trace: &Trace) -> Vec<usize> {
    (0..trace.tasks.len())
        .filter(|&i| trace.tasks[i].name.starts_with('t'))
        .collect()
}

fn count(trace: &Trace, task: usize, kind: Kind) -> usize {
    trace.spans_of(task, kind).count()
}

#[test]
fn a_thousand_tasks_sleeping_twice_take_two_sleeps_not_two_thousand() {
    let trace = predict_url("s=scale&mode=async&tasks=1000&sleeps=2&sleep=0.1");
    assert!(trace.error().is_none(), "{:?}", trace.error());
    assert_eq!(trace.total_s(), Some(0.2));
    assert_eq!(trace.lines(), ["1000 tasks done in 0.20 seconds."]);
    let lanes = workers(&trace);
    assert_eq!(lanes.len(), 1000);
    assert_eq!(trace.tasks[lanes[999]].name, "t999");
    for &t in &lanes {
        assert_eq!(trace.tasks[t].outcome, Some(Outcome::Done));
        // First poll, then one per sleep's wake.
        assert_eq!(count(&trace, t, Kind::Run), 3, "{}", trace.tasks[t].name);
        let sleeps: Vec<(f64, f64)> = trace
            .spans_of(t, Kind::Sleep)
            .map(|e| (trace.meta.to_s(e.start_us), trace.meta.to_s(e.dur_us)))
            .collect();
        assert_eq!(sleeps, [(0.0, 0.1), (0.1, 0.1)]);
        // Every timer of a round fires at once: no task waits in the ready queue on the
        // virtual clock.
        assert_eq!(count(&trace, t, Kind::Ready), 0);
    }
    // Per worker: 3 polls, 2 sleeps, its end; main: 2 polls, a print, its end.
    assert_eq!(trace.events.len(), 1000 * 6 + 4);
}

#[test]
fn yields_are_polls_taken_in_turn_and_cost_no_scenario_time() {
    let trace = predict_url("s=scale&mode=async&tasks=10&yields=5&sleeps=1&sleep=0.5");
    assert_eq!(trace.total_s(), Some(0.5));
    let lanes = workers(&trace);
    for &t in &lanes {
        // First poll, five yields, one sleep's wake.
        assert_eq!(count(&trace, t, Kind::Run), 7);
        assert_eq!(count(&trace, t, Kind::Sleep), 1);
    }
    // The ready queue is first in, first out: the workers' first six polls go round the ten
    // tasks in spawn order six times before any sleep ends.
    let order: Vec<usize> = trace
        .events
        .iter()
        .filter(|e| e.kind == Kind::Run && lanes.contains(&e.task))
        .map(|e| e.task)
        .collect();
    let rounds: Vec<usize> = (0..6).flat_map(|_| lanes.iter().copied()).collect();
    assert_eq!(order[..60], rounds[..]);
    assert!(trace.events.iter().all(|e| e.kind != Kind::Run
        || !lanes.contains(&e.task)
        || e.start_us == 0.0
        || trace.meta.to_s(e.start_us) == 0.5));
}

#[test]
fn a_sleep_of_zero_is_a_yield_and_no_sleeps_end_at_once() {
    let zero = predict_url("s=scale&mode=async&tasks=50&sleeps=3&sleep=0");
    assert_eq!(zero.total_s(), Some(0.0));
    let lanes = workers(&zero);
    assert_eq!(lanes.len(), 50);
    for &t in &lanes {
        assert_eq!(count(&zero, t, Kind::Run), 4);
        assert_eq!(count(&zero, t, Kind::Sleep), 0);
    }
    let none = predict_url("s=scale&mode=async&tasks=3&sleeps=0");
    assert_eq!(none.total_s(), Some(0.0));
    assert_eq!(none.lines(), ["3 tasks done in 0.00 seconds."]);
    for t in workers(&none) {
        assert_eq!(count(&none, t, Kind::Run), 1);
    }
}

#[test]
fn the_form_refuses_more_than_100_000_tasks() {
    let scenario = awaitlab_core::scenarios::find("scale").expect("scale");
    let mut draft = awaitlab_core::scenario::Draft::defaults(scenario);
    draft.set_text("tasks", "100001".into());
    let errors = draft.validate(scenario).expect_err("too many tasks");
    assert_eq!(errors[0].param, "tasks");
    draft.set_text("tasks", "100000".into());
    assert!(draft.validate(scenario).is_ok());
}

#[test]
fn a_hundred_thousand_tasks_run_to_the_end_on_the_virtual_clock() {
    let t0 = Instant::now();
    let trace = predict_url("s=scale&mode=async&tasks=100000&sleeps=1&sleep=1");
    let took = t0.elapsed();
    assert!(trace.error().is_none(), "{:?}", trace.error());
    assert_eq!(trace.total_s(), Some(1.0));
    assert_eq!(trace.lines(), ["100000 tasks done in 1.00 seconds."]);
    // Per worker: 2 polls, a sleep, its end; main: 2 polls, a print, its end.
    assert_eq!(trace.events.len(), 100_000 * 4 + 4);
    assert!(workers(&trace)
        .iter()
        .all(|&t| trace.tasks[t].outcome == Some(Outcome::Done)));
    println!(
        "100,000 tasks × 1 sleep predicted in {:.0} ms ({} events)",
        took.as_secs_f64() * 1000.0,
        trace.events.len()
    );
}

//! The parents thought experiments on the virtual clock: polling against events, a deadlock that
//! is detected and named, and a lost update fixed by a lock.

mod common;

use awaitlab_core::trace::{Kind, Outcome};
use common::predict_url;

#[test]
fn polling_every_15_wastes_checks_and_answers_late() {
    let trace = predict_url("s=parents&mode=polling");
    // Chores buzz at 27 (children), 40 (washer), 50 (dryer); the parent looks at 15, 30, 45, 60:
    // 3 + 3 + 2 + 1 checks, of which 3 + 2 + 1 find nothing.
    assert_eq!(
        trace.lines(),
        [
            "children buzzes",
            "children: handled 3.0 late",
            "washer buzzes",
            "washer: handled 5.0 late",
            "dryer buzzes",
            "dryer: handled 10.0 late",
            "9 checks, 6 wasted; worst wait 10.0 (dryer)",
        ]
    );
    assert_eq!(trace.total_s(), Some(60.0));
}

#[test]
fn polling_more_often_wastes_more_and_waits_less() {
    let trace = predict_url("s=parents&mode=polling&interval=2");
    let summary = trace
        .lines()
        .last()
        .map(|l| l.to_string())
        .unwrap_or_default();
    // 25 looks at 2, 4, … 50, each at every chore not yet handled: the washer and dryer, due at
    // 40 and 50, are caught by the looks at 40 and 50 (their buzzers were set first, so they ring
    // first): 13 × 3 + 3 + 5 × 2 + 2 + 4 × 1 + 1 = 59 checks, all but 3 wasted.
    assert_eq!(summary, "59 checks, 56 wasted; worst wait 1.0 (children)");
    assert_eq!(trace.total_s(), Some(50.0));
}

#[test]
fn an_event_driven_parent_handles_each_chore_at_once() {
    let trace = predict_url("s=parents&mode=events");
    assert_eq!(
        trace.lines(),
        [
            "children buzzes",
            "children: handled at once",
            "washer buzzes",
            "washer: handled at once",
            "dryer buzzes",
            "dryer: handled at once",
            "3 wake-ups, 0 wasted; worst wait 0.0",
        ]
    );
    assert_eq!(trace.total_s(), Some(50.0));
    let parent = trace.task_named("parent").expect("lane");
    // Woken once per chore, never in between.
    assert_eq!(trace.spans_of(parent, Kind::Run).count(), 4);
}

#[test]
fn two_parents_taking_machines_in_opposite_orders_deadlock_and_the_cycle_is_named() {
    let trace = predict_url("s=parents&mode=deadlock");
    assert_eq!(
        trace.lines(),
        [
            "Parent A takes the first machine",
            "Parent B takes the first machine",
            "Parent A reaches for the other machine",
            "Parent B reaches for the other machine",
        ]
    );
    let error = trace.error().expect("a deadlock");
    assert_eq!(
        error,
        "deadlock: Parent A waits for the washer (held by Parent B); \
         Parent B waits for the dryer (held by Parent A)"
    );
    assert_eq!(trace.total_s(), Some(1.0));
    // Each parent's wait is on its lane, marked as never acquired.
    for who in ["Parent A", "Parent B"] {
        let id = trace.task_named(who).expect("lane");
        let waits: Vec<_> = trace
            .spans_of(id, Kind::Scenario)
            .filter(|e| e.label.starts_with("wait for"))
            .collect();
        assert_eq!(waits.len(), 1, "{who}");
        assert_eq!(waits[0].error.as_deref(), Some("never acquired"));
        assert_eq!(trace.tasks[id].outcome, Some(Outcome::Cancelled));
    }
}

#[test]
fn racing_parents_overdraw_the_account_and_lose_an_update() {
    let trace = predict_url("s=parents&mode=race");
    assert_eq!(
        trace.lines(),
        [
            "Parent C reads 100",
            "Parent D reads 100",
            "Parent C pays 80, writes 20",
            "Parent D pays 50, writes 50",
            "Final balance 50: spent 130 of 100 (should be -30: a stale write overwrote another)",
        ]
    );
    assert_eq!(trace.total_s(), Some(1.0));
}

#[test]
fn a_lock_makes_read_await_write_one_step() {
    let trace = predict_url("s=parents&mode=locked");
    assert_eq!(
        trace.lines(),
        [
            "Parent C reads 100",
            "Parent C pays 80, writes 20",
            "Parent D reads 20",
            "Parent D: 20 < 50, check refused",
            "Final balance 20: spent 80 of 100 (consistent)",
        ]
    );
    assert_eq!(trace.total_s(), Some(2.0));
    let d = trace.task_named("Parent D").expect("lane");
    let waited: Vec<f64> = trace
        .spans_of(d, Kind::Scenario)
        .filter(|e| e.label == "wait for the account")
        .map(|e| trace.meta.to_s(e.dur_us))
        .collect();
    assert_eq!(waited, [1.0]);
}

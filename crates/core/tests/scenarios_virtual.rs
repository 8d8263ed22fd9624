//! The tutorials' orderings and totals, checked exactly on the virtual clock.

mod common;

use awaitlab_core::trace::{Kind, Outcome};
use common::{countdown_lines, predict_url};

fn expect_lines(actual: &[String], expected: &[&str]) {
    let actual: Vec<&str> = actual.iter().map(String::as_str).collect();
    assert_eq!(actual, expected);
}

#[test]
fn countdown_sync_runs_each_letter_to_the_end_in_6_9_s() {
    let trace = predict_url("s=countdown&mode=sync");
    expect_lines(
        &countdown_lines(&trace),
        &[
            "A = 3", "A = 2", "A = 1", "B = 3", "B = 2", "B = 1", "C = 3", "C = 2", "C = 1",
            "Done.",
        ],
    );
    assert_eq!(trace.total_s(), Some(6.9));
    assert!(trace.error().is_none());
}

#[test]
fn countdown_async_interleaves_as_the_tutorial_prints_in_3_s() {
    let trace = predict_url("s=countdown&mode=async");
    expect_lines(
        &countdown_lines(&trace),
        &[
            "C = 3", "B = 3", "A = 3", "C = 2", "C = 1", "B = 2", "A = 2", "B = 1", "A = 1",
            "Done.",
        ],
    );
    assert_eq!(trace.total_s(), Some(3.0));
    // The first line is printed at 0.5 s, with the tutorial's 4-decimal timestamp.
    assert!(
        trace.lines()[0].starts_with("0.5000 \t\t\tC = 3"),
        "{:?}",
        trace.lines()[0]
    );
}

#[test]
fn countdown_blocking_tasks_are_sequential_again() {
    let trace = predict_url("s=countdown&mode=blocking");
    expect_lines(
        &countdown_lines(&trace),
        &[
            "A = 3", "A = 2", "A = 1", "B = 3", "B = 2", "B = 1", "C = 3", "C = 2", "C = 1",
            "Done.",
        ],
    );
    assert_eq!(trace.total_s(), Some(6.9));
    // Every wait is a blocking span; none is a sleep.
    let blocks = trace
        .events
        .iter()
        .filter(|e| e.kind == Kind::Block)
        .count();
    let sleeps = trace
        .events
        .iter()
        .filter(|e| e.kind == Kind::Sleep)
        .count();
    assert_eq!((blocks, sleeps), (9, 0));
}

#[test]
fn countdown_blocking_leaves_b_and_c_ready_while_a_holds_the_loop() {
    let trace = predict_url("s=countdown&mode=blocking");
    let b = trace.task_named("B").expect("lane B");
    let ready_s: f64 = trace
        .spans_of(b, Kind::Ready)
        .map(|e| trace.meta.to_s(e.dur_us))
        .sum();
    // B was spawned at 0 and first polled when A ended at 3 s.
    assert!((ready_s - 3.0).abs() < 1e-9, "{ready_s}");
}

#[test]
fn countdown_parameters_change_the_run() {
    let trace = predict_url("s=countdown&mode=async&letters=X,Y&delays=2,0.5&count=2");
    expect_lines(
        &countdown_lines(&trace),
        &["Y = 2", "Y = 1", "X = 2", "X = 1", "Done."],
    );
    assert_eq!(trace.total_s(), Some(4.0));
    let names: Vec<&str> = trace.tasks.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["main", "X", "Y"]);
}

#[test]
fn queue_sync_one_does_all_the_work() {
    let trace = predict_url("s=queue&mode=sync");
    assert_eq!(
        trace.lines(),
        [
            "Task One running",
            "Task One total: 15",
            "Task One running",
            "Task One total: 10",
            "Task One running",
            "Task One total: 5",
            "Task One running",
            "Task One total: 2",
            "Task Two nothing to do",
        ]
    );
    let one = trace.task_named("One").expect("lane One");
    let items: Vec<f64> = trace
        .spans_of(one, Kind::Scenario)
        .filter_map(|e| e.value)
        .collect();
    assert_eq!(items, [15.0, 10.0, 5.0, 2.0]);
}

#[test]
fn queue_generator_takes_turns_as_the_tutorial_prints() {
    let trace = predict_url("s=queue&mode=generator");
    assert_eq!(
        trace.lines(),
        [
            "Task One running",
            "Task Two running",
            "Task Two total: 10",
            "Task Two running",
            "Task One total: 15",
            "Task One running",
            "Task Two total: 5",
            "Task One total: 2",
        ]
    );
    // One yield per counted unit: One counts 15 + 2, so it is polled 17 times after its first.
    let one = trace.task_named("One").expect("lane One");
    assert_eq!(trace.spans_of(one, Kind::Run).count(), 18);
}

#[test]
fn queue_blocking_takes_the_sum_32_s() {
    let trace = predict_url("s=queue&mode=blocking");
    assert_eq!(
        trace.lines(),
        [
            "Task One running",
            "Task One elapsed time: 15.0",
            "Task Two running",
            "Task Two elapsed time: 10.0",
            "Task One running",
            "Task One elapsed time: 5.0",
            "Task Two running",
            "Task Two elapsed time: 2.0",
            "Total elapsed time: 32.0",
        ]
    );
    assert_eq!(trace.total_s(), Some(32.0));
}

#[test]
fn queue_async_overlaps_the_sleeps_17_s() {
    let trace = predict_url("s=queue&mode=async");
    assert_eq!(
        trace.lines(),
        [
            "Task One running",
            "Task Two running",
            "Task Two elapsed time: 10.0",
            "Task Two running",
            "Task One elapsed time: 15.0",
            "Task One running",
            "Task Two elapsed time: 5.0",
            "Task One elapsed time: 2.0",
            "Total elapsed time: 17.0",
        ]
    );
    assert_eq!(trace.total_s(), Some(17.0));
    // One slept 15 + 2, Two 10 + 5.
    let slept = |name: &str| -> Vec<f64> {
        let id = trace.task_named(name).expect("lane");
        trace
            .spans_of(id, Kind::Sleep)
            .map(|e| trace.meta.to_s(e.dur_us))
            .collect()
    };
    assert_eq!(slept("One"), [15.0, 2.0]);
    assert_eq!(slept("Two"), [10.0, 5.0]);
}

#[test]
fn queue_three_tasks_with_the_other_tutorials_work() {
    let trace = predict_url("s=queue&mode=async&work=2,5,10,15,20&tasks=3");
    // One takes 2, Two 5, Three 10; One (free at 2) takes 15, Two (free at 5) takes 20.
    assert_eq!(trace.total_s(), Some(25.0));
    let names: Vec<&str> = trace.tasks.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["main", "One", "Two", "Three"]);
    let items = |name: &str| -> Vec<f64> {
        let id = trace.task_named(name).expect("lane");
        trace
            .spans_of(id, Kind::Scenario)
            .filter_map(|e| e.value)
            .collect()
    };
    assert_eq!(items("One"), [2.0, 15.0]);
    assert_eq!(items("Two"), [5.0, 20.0]);
    assert_eq!(items("Three"), [10.0]);
    assert!(trace.tasks.iter().all(|t| t.outcome == Some(Outcome::Done)));
}

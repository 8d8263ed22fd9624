//! The asyncio building blocks, checked against the tutorials' orderings and totals on the virtual
//! clock.

mod common;

use awaitlab_core::trace::{Kind, Outcome};
use common::predict_url;

#[test]
fn coroutines_print_1_3_then_2_4_after_2_s_in_both_syntaxes() {
    for mode in ["modern", "legacy"] {
        let trace = predict_url(&format!("s=coroutines&mode={mode}"));
        assert_eq!(trace.lines(), ["1", "3", "2", "4"], "{mode}");
        assert_eq!(trace.total_s(), Some(2.0), "{mode}");
        let at: Vec<f64> = trace
            .prints()
            .map(|e| trace.meta.to_s(e.start_us))
            .collect();
        assert_eq!(at, [0.0, 0.0, 2.0, 2.0], "{mode}");
    }
}

#[test]
fn awaiting_a_coroutine_twice_takes_4_s_and_two_tasks_take_2_s() {
    let trace = predict_url("s=await&mode=sequential");
    assert_eq!(
        trace.lines(),
        [
            "Coroutine code is running",
            "start",
            "end",
            "IO request ends, response is success",
            "start",
            "end",
            "IO request ends, response is success",
        ]
    );
    assert_eq!(trace.total_s(), Some(4.0));
    // Awaited in place: everything happens on main's lane.
    assert_eq!(trace.tasks.len(), 1);
    let trace = predict_url("s=await&mode=tasks");
    assert_eq!(
        trace.lines(),
        [
            "Coroutine code is running",
            "start",
            "start",
            "end",
            "end",
            "IO request ends, response is success",
            "IO request ends, response is success",
        ]
    );
    assert_eq!(trace.total_s(), Some(2.0));
}

#[test]
fn tasks_start_only_when_main_yields() {
    let trace = predict_url("s=tasks");
    assert_eq!(
        trace.lines(),
        [
            "main start",
            "main end",
            "1",
            "1",
            "2",
            "2",
            "success success"
        ]
    );
    assert_eq!(trace.total_s(), Some(2.0));
    let trace = predict_url("s=tasks&count=3&delay=0.5");
    assert_eq!(trace.lines().last(), Some(&"success success success"));
    assert_eq!(trace.total_s(), Some(0.5));
}

#[test]
fn wait_with_a_timeout_leaves_both_2_s_tasks_pending_at_1_s() {
    let trace = predict_url("s=wait-timeout&mode=wait");
    assert_eq!(
        trace.lines(),
        ["start 2", "start 2", "done: 0 pending: 2", "end 2", "end 2"]
    );
    assert_eq!(trace.total_s(), Some(2.0));

    let trace = predict_url("s=wait-timeout&mode=cancel&durations=0.5,1,3&timeout=1.5");
    assert_eq!(
        trace.lines(),
        [
            "start 0.5",
            "start 1",
            "start 3",
            "end 0.5",
            "end 1",
            "done: 2 pending: 1"
        ]
    );
    assert_eq!(trace.total_s(), Some(1.5));
    let outcomes: Vec<_> = trace
        .tasks
        .iter()
        .skip(1)
        .map(|t| t.outcome.clone())
        .collect();
    assert_eq!(
        outcomes,
        [
            Some(Outcome::Done),
            Some(Outcome::Done),
            Some(Outcome::Cancelled)
        ]
    );
}

#[test]
fn a_future_wakes_its_awaiter_when_another_task_sets_it() {
    let trace = predict_url("s=future");
    assert_eq!(trace.lines(), ["666"]);
    assert_eq!(trace.total_s(), Some(2.0));
    let print = trace.prints().next().expect("a print");
    assert_eq!(trace.meta.to_s(print.start_us), 2.0);
    assert_eq!(trace.tasks[print.task].name, "main");
    // main waited idle for 2 s: one poll before, one after.
    assert_eq!(trace.spans_of(0, Kind::Run).count(), 2);
}

#[test]
fn async_for_counts_to_10_in_one_poll_or_one_sleep_per_item() {
    let trace = predict_url("s=async-iterator");
    let expected: Vec<String> = (1..=10).map(|i| i.to_string()).collect();
    assert_eq!(trace.lines(), expected);
    assert_eq!(trace.total_s(), Some(0.0));
    assert_eq!(trace.spans_of(0, Kind::Run).count(), 1);
    let trace = predict_url("s=async-iterator&count=4&delay=0.5");
    assert_eq!(trace.lines(), ["1", "2", "3", "4"]);
    // Four items and the final step that raises StopAsyncIteration each sleep first.
    assert_eq!(trace.total_s(), Some(2.5));
}

#[test]
fn async_with_runs_enter_body_exit_and_exit_sees_the_error() {
    let trace = predict_url("s=async-context&mode=ok");
    assert_eq!(
        trace.lines(),
        [
            "__aenter__ called",
            "inside async with",
            "test",
            "__aexit__ called None",
            "cleanup done",
            "after async with",
        ]
    );
    assert_eq!(trace.total_s(), Some(1.0));
    let trace = predict_url("s=async-context&mode=error&cleanup=0.5");
    assert_eq!(
        trace.lines(),
        [
            "__aenter__ called",
            "inside async with",
            "__aexit__ called <class 'ValueError'>",
            "cleanup done",
            "main caught ValueError('boom')",
        ]
    );
    assert_eq!(trace.total_s(), Some(0.5));
}

#[test]
fn run_until_complete_runs_the_task_and_reads_its_result() {
    let trace = predict_url("s=run-until-complete");
    assert_eq!(
        trace.lines(),
        [
            "Creation of tasks started",
            "Task takes 3 seconds to complete",
            "Task status: task has been completed",
        ]
    );
    assert_eq!(trace.total_s(), Some(3.0));
}

#[test]
fn gather_takes_the_longest_and_sequential_the_sum() {
    let trace = predict_url("s=gather&mode=gather");
    assert_eq!(
        trace.lines(),
        [
            "starting task 0.000",
            "starting task 0.000",
            "stopping task 5.000",
            "stopping task 10.000",
            "executed in 10.00 seconds.",
        ]
    );
    let trace = predict_url("s=gather&mode=sequential");
    assert_eq!(
        trace.lines(),
        [
            "starting task 0.000",
            "stopping task 5.000",
            "starting task 5.000",
            "stopping task 15.000",
            "executed in 15.00 seconds.",
        ]
    );
    assert_eq!(
        trace
            .events
            .iter()
            .filter(|e| e.kind == Kind::Block)
            .count(),
        2
    );
    let names: Vec<&str> = trace.tasks.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["main", "task(5)", "task(10)"]);
    // Equal durations still get distinct lane names.
    let trace = predict_url("s=gather&durations=1,1");
    let names: Vec<&str> = trace.tasks.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["main", "task(1)", "task(1) #2"]);
}

#[test]
fn call_soon_handlers_run_once_the_loop_turns_and_stop_ends_run_forever() {
    let trace = predict_url("s=event-loop&mode=call-soon");
    assert_eq!(
        trace.lines(),
        [
            "Loop is being started",
            "Calling event handler",
            "Calling event handler",
            "Loop is being stopped",
            "Loop is being closed",
        ]
    );
    assert_eq!(trace.total_s(), Some(0.0));
}

#[test]
fn call_later_zero_runs_after_call_soon_callbacks_queued_after_it() {
    let trace = predict_url("s=event-loop&mode=call-later");
    assert_eq!(
        trace.lines(),
        [
            "main goes on",
            "call_soon 1",
            "call_soon 2",
            "call_later(0)"
        ]
    );
    assert_eq!(trace.total_s(), Some(0.5));
    let trace = predict_url("s=event-loop&mode=call-later&delay=2");
    assert_eq!(trace.lines().last(), Some(&"call_later(2)"));
    assert_eq!(trace.total_s(), Some(2.5));
}

#[test]
fn the_predicted_browser_queues_run_call_soon_then_the_microtask_then_the_tasks() {
    let trace = predict_url("s=event-loop&mode=browser");
    assert_eq!(
        trace.lines(),
        [
            "main: all four queued",
            "call_soon callback ran",
            "microtask callback ran",
            "MessageChannel callback ran",
            "setTimeout(0) callback ran",
        ]
    );
    // The nominal 1 ms timer check is the longest wait.
    assert_eq!(trace.total_s(), Some(0.01));
    let io: Vec<&str> = trace
        .events
        .iter()
        .filter(|e| e.kind == awaitlab_core::trace::Kind::Io)
        .map(|e| e.label.as_str())
        .collect();
    assert_eq!(io.len(), 3);
    assert!(io.contains(&"setTimeout(cb, 0)"));
}

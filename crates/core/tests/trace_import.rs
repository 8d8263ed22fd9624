//! Reopening an export: every catalog prediction, a comparison's two runs and a measured run
//! that ended early read back from `Trace::to_chrome_json` into the trace that wrote it (up to the
//! export's rounding of µs to 3 decimals) and export again to the same bytes; files that are not
//! AwaitLab traces, or are damaged, hostile or huge, give the error that says so and never panic.

mod common;

use awaitlab_core::compare::merged_chrome_text;
use awaitlab_core::page::{add_page_lane, PageSamples};
use awaitlab_core::run::predict;
use awaitlab_core::scenario::Draft;
use awaitlab_core::scenarios::CATALOG;
use awaitlab_core::trace::{
    EndReason, Event, Kind, LaneKind, Outcome, Placement, Source, TaskInfo, Trace,
};
use awaitlab_core::trace_import::{
    from_chrome_json, ImportError, Opened, Place, MAX_BYTES, MAX_EVENTS,
};
use common::predict_url;
use serde_json::{json, Value};

/// Within the export's rounding of µs (3 decimals) and ms.
fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 0.001 + 1e-9 * a.abs().max(b.abs())
}

fn close_opt(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => close(a, b),
        (a, b) => a.is_none() && b.is_none(),
    }
}

/// `read` is `orig` up to the rounding of times; panics naming the first difference.
fn assert_same(orig: &Trace, read: &Trace, what: &str) {
    assert_eq!(orig.meta, read.meta, "{what}: meta");
    assert_eq!(orig.placement, read.placement, "{what}: placement");
    assert_eq!(orig.early_end, read.early_end, "{what}: early end");
    assert!(close_opt(orig.total_us, read.total_us), "{what}: total");
    assert!(
        close_opt(orig.longest_hold_us, read.longest_hold_us),
        "{what}: longest hold"
    );
    assert_eq!(orig.tasks.len(), read.tasks.len(), "{what}: lanes");
    for (a, b) in orig.tasks.iter().zip(&read.tasks) {
        assert_eq!(
            (&a.name, a.lane, &a.outcome),
            (&b.name, b.lane, &b.outcome),
            "{what}"
        );
        assert!(close(a.spawned_us, b.spawned_us), "{what}: {}", a.name);
        assert!(close_opt(a.ended_us, b.ended_us), "{what}: {}", a.name);
    }
    assert_eq!(orig.events.len(), read.events.len(), "{what}: events");
    for (i, (a, b)) in orig.events.iter().zip(&read.events).enumerate() {
        let same = a.task == b.task
            && a.kind == b.kind
            && a.label == b.label
            && a.value == b.value
            && a.error == b.error
            && a.line == b.line
            && close(a.start_us, b.start_us)
            && close(a.dur_us, b.dur_us);
        assert!(same, "{what}: event {i}: {a:?} read as {b:?}");
    }
    match (&orig.page, &read.page) {
        (Some(a), Some(b)) => {
            assert_eq!(
                (a.dropped_frames, a.frames, a.long_tasks),
                (b.dropped_frames, b.frames, b.long_tasks),
                "{what}"
            );
            assert!(close(a.longest_frame_ms, b.longest_frame_ms), "{what}");
            assert!(close(a.long_task_ms, b.long_task_ms), "{what}");
            assert!(close(a.max_lag_ms, b.max_lag_ms), "{what}");
            assert_eq!(a.click_latencies_ms.len(), b.click_latencies_ms.len());
            for (x, y) in a.click_latencies_ms.iter().zip(&b.click_latencies_ms) {
                assert!(close(*x, *y), "{what}: click");
            }
        }
        (a, b) => assert_eq!(a.is_none(), b.is_none(), "{what}: page stats"),
    }
}

/// Exports `trace`, reads it back, checks it is the same trace and that it exports to the same
/// bytes; returns what was read.
fn round_trip(trace: &Trace, predicted_total_s: Option<f64>, what: &str) -> Opened {
    let text = trace.to_chrome_text(predicted_total_s);
    let opened = from_chrome_json(&text).unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(opened.second.is_none(), "{what}");
    assert_same(trace, &opened.first.trace, what);
    assert_eq!(
        opened.first.predicted_total_s.is_some(),
        predicted_total_s.is_some(),
        "{what}"
    );
    assert_eq!(opened.to_chrome_text(), text, "{what}: re-export");
    opened
}

#[test]
fn every_catalog_prediction_reads_back_as_it_was_exported() {
    let mut runs = 0;
    for scenario in CATALOG.iter() {
        for mode in scenario.modes {
            let mut draft = Draft::defaults(scenario);
            draft.mode = mode.id;
            let config = draft.validate(scenario).expect("valid defaults");
            let trace = predict(scenario, &draft, config);
            let what = format!("{} {}", scenario.id, mode.id);
            round_trip(&trace, trace.total_s(), &what);
            runs += 1;
        }
    }
    assert!(runs > 20, "{runs} runs");
}

#[test]
fn what_the_catalog_covers_reads_back_lanes_params_and_ends() {
    // The catalog's traces hold workers' lanes, cancelled tasks, a deadlock, values and several
    // parameters: the round trip above is only as good as what they hold (a failed task is the
    // measured run's below).
    let mut seen = (false, false, false, false, false);
    for scenario in CATALOG.iter() {
        for mode in scenario.modes {
            let mut draft = Draft::defaults(scenario);
            draft.mode = mode.id;
            let trace = predict(scenario, &draft, draft.validate(scenario).unwrap());
            seen.0 |= trace.tasks.iter().any(|t| t.lane == LaneKind::Worker);
            seen.1 |= trace
                .tasks
                .iter()
                .any(|t| t.outcome == Some(Outcome::Cancelled));
            seen.2 |= trace.early_end.is_some();
            seen.3 |= trace.events.iter().any(|e| e.value.is_some());
            seen.4 |= trace.meta.params.len() > 1;
        }
    }
    assert_eq!(seen, (true, true, true, true, true));
}

#[test]
fn a_program_line_a_worker_loop_and_a_long_hold_read_back() {
    let mut trace = predict_url("s=countdown&mode=async&speed=37.5");
    trace.placement = Placement::Worker;
    trace.longest_hold_us = Some(1234.56789);
    for (i, e) in trace.events.iter_mut().enumerate() {
        e.line = Some(i as u32 % 7 + 1);
    }
    // Times that do not fall on 0.001 µs, and one at a rounding boundary of the seconds.
    trace.events[3].start_us += 0.000_499_9;
    trace.events[4].start_us = 1_234_567.891_5;
    let opened = round_trip(&trace, Some(2.9999999), "lines");
    assert_eq!(opened.first.predicted_total_s, Some(3.0));
}

/// A measured run of the blocking countdown, ended by `why` at 0.9 s, its page lane and stats
/// recorded, one task failed with a message and an end with its own label and error.
fn measured_run(why: EndReason) -> Trace {
    let mut trace = predict_url("s=countdown&mode=async");
    trace.meta.source = Source::Measured;
    trace.total_us = None;
    trace.events.retain(|e| e.end_us() <= 90_000.0);
    for task in &mut trace.tasks {
        task.ended_us = None;
        task.outcome = None;
    }
    trace.tasks[1].ended_us = Some(45_000.123_456);
    trace.tasks[1].outcome = Some(Outcome::Failed("ValueError: bad \"input\"\n".into()));
    trace.events.push(Event {
        task: 1,
        kind: Kind::End,
        label: "raised".into(),
        start_us: 45_000.123_456,
        dur_us: 0.0,
        value: Some(-2.5),
        error: Some("its own".into()),
        line: Some(12),
    });
    add_page_lane(
        &mut trace,
        &PageSamples {
            frames: vec![0.0, 16.7, 33.4, 83.3333, 100.0],
            long_tasks: vec![(20.0, 61.111_11)],
            lags: vec![(30.0, 4.444_444)],
            clicks: vec![(40.0, 12.345_678), (60.0, 0.1)],
            // A stretch in a background tab: its time is exported and read back.
            hidden: vec![(85.0, 97.654_321)],
        },
    );
    trace.end_abruptly(90_000.0, why);
    trace.longest_hold_us = Some(50_000.0);
    trace
}

#[test]
fn a_measured_run_that_ended_early_reads_back_with_its_page() {
    for why in [
        EndReason::Stopped,
        EndReason::Failed("the loop worker stopped: out of memory".into()),
        EndReason::Deadlock("A waits for B, B for A".into()),
        EndReason::Stalled("nothing to wake main".into()),
        EndReason::CutShort("the prediction stopped after 10 s".into()),
        EndReason::Runaway("stopped".into()),
        EndReason::Refused("it needs the page".into()),
    ] {
        let trace = measured_run(why.clone());
        assert!(trace.page.is_some());
        assert!(trace.tasks.iter().any(|t| t.lane == LaneKind::Page));
        let opened = round_trip(&trace, Some(3.0), why.kind());
        let read = &opened.first.trace;
        assert_eq!(read.early_end, Some(why));
        assert_eq!(
            read.tasks[1].outcome,
            Some(Outcome::Failed("ValueError: bad \"input\"\n".into()))
        );
        let end = read
            .events
            .iter()
            .find(|e| e.kind == Kind::End && e.task == 1)
            .expect("the failed task's end");
        assert_eq!(
            (end.label.as_str(), end.error.as_deref()),
            ("raised", Some("its own"))
        );
    }
}

#[test]
fn a_comparison_reads_back_both_runs() {
    let a = predict_url("s=countdown&mode=sync");
    let b = predict_url("s=countdown&mode=async");
    let text = merged_chrome_text((&a, Some(6.0)), (&b, None));
    let opened = from_chrome_json(&text).expect("a comparison");
    assert_same(&a, &opened.first.trace, "first");
    let second = opened.second.as_ref().expect("the compared run");
    assert_same(&b, &second.trace, "second");
    assert_eq!(opened.first.predicted_total_s, Some(6.0));
    assert_eq!(second.predicted_total_s, None);
    assert_eq!(opened.to_chrome_text(), text);

    // A measured run compared with another that was stopped.
    let m = measured_run(EndReason::Stopped);
    let text = merged_chrome_text((&a, Some(6.0)), (&m, Some(3.0)));
    let opened = from_chrome_json(&text).expect("a comparison");
    assert_same(
        &m,
        &opened.second.as_ref().unwrap().trace,
        "measured second",
    );
    assert_eq!(opened.to_chrome_text(), text);
}

/// Removes what the format added for reading back: an export as AwaitLab wrote it before.
fn as_old_export(mut json: Value) -> Value {
    for key in [
        "awaitlab_format",
        "param_order",
        "total_us",
        "longest_hold_us",
    ] {
        json["otherData"].as_object_mut().unwrap().remove(key);
    }
    for e in json["traceEvents"].as_array_mut().unwrap() {
        let args = e["args"].as_object_mut().unwrap();
        for key in [
            "lane",
            "spawned_us",
            "ended_us",
            "outcome",
            "outcome_error",
            "label",
            "event_error",
        ] {
            args.remove(key);
        }
    }
    json
}

#[test]
fn an_export_from_before_the_format_carried_lanes_reads_back_from_names_and_ends() {
    let trace = predict_url("s=countdown&mode=pool");
    let old = as_old_export(trace.to_chrome_json(trace.total_s()));
    let read = from_chrome_json(&old.to_string())
        .expect("an old export")
        .first
        .trace;
    assert_eq!(read.tasks.len(), trace.tasks.len());
    for (a, b) in trace.tasks.iter().zip(&read.tasks) {
        assert_eq!((&a.name, a.lane), (&b.name, b.lane));
        if a.is_task() {
            assert_eq!(a.outcome, b.outcome, "{}", a.name);
            assert!(close_opt(a.ended_us, b.ended_us), "{}", a.name);
        }
    }
    assert!(close_opt(trace.total_us, read.total_us));
    assert_eq!(read.events.len(), trace.events.len());

    let measured = measured_run(EndReason::Failed("gone".into()));
    let old = as_old_export(measured.to_chrome_json(None));
    let read = from_chrome_json(&old.to_string()).expect("old").first.trace;
    assert_eq!(read.early_end, measured.early_end);
    assert!(close_opt(read.total_us, measured.total_us));
    assert_eq!(read.tasks.last().map(|t| t.lane), Some(LaneKind::Page));
    assert!(read.page.is_some());
}

fn small_export() -> Value {
    let mut trace = predict_url("s=countdown&mode=async");
    trace.tasks[2].outcome = Some(Outcome::Failed("boom".into()));
    trace.events[2].value = Some(1.5);
    trace.events[2].line = Some(3);
    add_page_lane(&mut trace, &PageSamples::default());
    trace.to_chrome_json(Some(3.0))
}

fn open(json: &Value) -> Result<Opened, ImportError> {
    from_chrome_json(&json.to_string())
}

fn unreadable_at(result: Result<Opened, ImportError>) -> (Place, String) {
    match result {
        Err(ImportError::Unreadable { place, field, .. }) => (place, field),
        other => panic!("expected an unreadable field, got {other:?}"),
    }
}

#[test]
fn files_that_are_not_awaitlab_traces_say_what_they_are() {
    let not_json = |text: &str| {
        let e = from_chrome_json(text).expect_err(text);
        assert!(matches!(e, ImportError::NotJson { .. }), "{text:?}: {e:?}");
        assert!(e.to_string().starts_with("this file is not JSON"), "{e}");
    };
    for text in [
        "",
        "   ",
        "{",
        "{\"traceEvents\": [}",
        "NaN",
        "{\"traceEvents\": [{\"ts\": NaN}]}",
        "{\"traceEvents\": [{\"ts\": Infinity}]}",
        "{\"traceEvents\": [{\"ts\": 1e400}]}",
        "{\"traceEvents\": []} trailing",
        "\"\\ud800\"",
        "<html></html>",
    ] {
        not_json(text);
    }
    for text in [
        "[]",
        "{}",
        "42",
        "\"trace\"",
        "null",
        "[1, 2]",
        "{\"traceEvents\": 3}",
    ] {
        let e = from_chrome_json(text).expect_err(text);
        assert_eq!(e, ImportError::NotATrace, "{text}");
        assert!(e.to_string().contains("not a trace"), "{e}");
    }
    // Chrome's own profiler, in the array form and in the object form.
    let chrome = json!([
        {"name": "RunTask", "cat": "disabled-by-default-devtools.timeline", "ph": "X",
         "ts": 1.0, "dur": 2.0, "pid": 5, "tid": 7, "args": {}},
        {"name": "thread_name", "ph": "M", "pid": 5, "tid": 7, "args": {"name": "CrRendererMain"}}
    ]);
    let e = open(&chrome).expect_err("array form");
    assert!(matches!(e, ImportError::NotAwaitLab { .. }), "{e:?}");
    assert!(e.to_string().contains("not one AwaitLab exported"), "{e}");
    let object = json!({"traceEvents": chrome, "metadata": {"cpu-brand": "x"}});
    assert!(matches!(
        open(&object),
        Err(ImportError::NotAwaitLab { .. })
    ));
    let other = json!({"traceEvents": chrome, "otherData": {"version": "Chrome 120"}});
    assert!(matches!(open(&other), Err(ImportError::NotAwaitLab { .. })));
    // A byte-order mark is not a problem.
    let text = format!("\u{feff}{}", small_export());
    assert!(from_chrome_json(&text).is_ok());
}

#[test]
fn a_file_from_a_newer_awaitlab_is_refused_as_such() {
    let mut json = small_export();
    json["otherData"]["awaitlab_format"] = json!(2);
    let e = open(&json).expect_err("newer");
    assert_eq!(e, ImportError::NewerFormat { found: 2 });
    assert!(e.to_string().contains("newer AwaitLab"), "{e}");
}

#[test]
fn too_large_files_are_refused_before_they_are_read() {
    let huge = format!(
        "{{\"otherData\": {{}}, \"junk\": \"{}\"}}",
        "x".repeat(60_000_000)
    );
    let e = from_chrome_json(&huge).expect_err("60 MB");
    assert_eq!(e, ImportError::TooLarge { bytes: huge.len() });
    assert!(e.to_string().contains("at most 50 MB"), "{e}");
    assert!(huge.len() > MAX_BYTES);

    // More events than allowed, each tiny: counted, not kept.
    let mut text = String::from("{\"otherData\": {\"scenario\": \"x\", \"mode\": \"y\", \"source\": \"predicted\"}, \"traceEvents\": [");
    text.push_str(&"{},".repeat(MAX_EVENTS + 10));
    text.push_str("{}]}");
    assert!(text.len() < MAX_BYTES);
    let e = from_chrome_json(&text).expect_err("too many");
    assert_eq!(
        e,
        ImportError::TooManyEvents {
            count: MAX_EVENTS + 11
        }
    );
    assert!(e.to_string().contains("2000000 events"), "{e}");
}

#[test]
fn deep_nesting_is_skipped_without_recursion() {
    let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    assert_eq!(
        from_chrome_json(&deep(1_000_000)),
        Err(ImportError::NotATrace)
    );
    let deep_objects = format!("{}1{}", "{\"a\":".repeat(100_000), "}".repeat(100_000));
    assert_eq!(from_chrome_json(&deep_objects), Err(ImportError::NotATrace));
    // Deep inside an event's args and otherData: skipped, then refused or read for what it is.
    let mut json = small_export();
    let text = json.to_string().replacen(
        "\"t_s\":",
        &format!("\"deep\":{},\"t_s\":", deep(500_000)),
        1,
    );
    assert!(
        from_chrome_json(&text).is_ok(),
        "an unknown deep arg is skipped"
    );
    json["otherData"]["page"] = json!("PLACEHOLDER");
    let text = json.to_string().replace("\"PLACEHOLDER\"", &deep(500_000));
    let (place, field) = unreadable_at(from_chrome_json(&text));
    assert_eq!((place, field.as_str()), (Place::OtherData, "page"));
}

#[test]
fn huge_numbers_in_the_file_allocate_nothing() {
    let json = small_export();
    let tid_of_first_span = json["traceEvents"]
        .as_array()
        .unwrap()
        .iter()
        .position(|e| e["ph"] == "X")
        .unwrap();
    for tid in [
        json!(4e9),
        json!(4_000_000_000u64),
        json!(100_001),
        json!(1e300),
    ] {
        let mut bad = json.clone();
        bad["traceEvents"][tid_of_first_span]["tid"] = tid.clone();
        let (place, field) = unreadable_at(open(&bad));
        assert_eq!(
            (place, field.as_str()),
            (Place::Event(tid_of_first_span), "tid"),
            "{tid}"
        );
    }
    // Within the cap but past the lanes the file names.
    let mut bad = json.clone();
    bad["traceEvents"][tid_of_first_span]["tid"] = json!(99_999);
    let e = open(&bad).expect_err("no such lane");
    assert!(e.to_string().contains("lanes (thread_name events)"), "{e}");
    // A thread_name far beyond the others.
    let mut bad = json.clone();
    bad["traceEvents"][1]["tid"] = json!(90_000);
    let (place, field) = unreadable_at(open(&bad));
    assert_eq!((place, field.as_str()), (Place::Event(1), "tid"));
    // Two names for one lane.
    let mut bad = json.clone();
    bad["traceEvents"][2]["tid"] = json!(0);
    assert!(open(&bad).is_err());
    // A huge event and a huge otherData are refused, not kept.
    let mut bad = json.clone();
    let many: serde_json::Map<String, Value> =
        (0..20_000).map(|i| (format!("k{i}"), json!(i))).collect();
    bad["traceEvents"][3]["args"] = Value::Object(many);
    let e = open(&bad).expect_err("a huge event");
    assert!(e.to_string().contains("holds more than"), "{e}");
    let mut bad = json.clone();
    let many: serde_json::Map<String, Value> = (0..1_100_000)
        .map(|i| (format!("p{i}"), json!("v")))
        .collect();
    bad["otherData"]["params"] = Value::Object(many);
    let (place, field) = unreadable_at(open(&bad));
    assert_eq!((place, field.as_str()), (Place::OtherData, ""));
    // A long list where a number is expected: kept only up to the event's budget.
    let mut bad = json.clone();
    let span = tid_of_first_span;
    bad["traceEvents"][span]["ts"] = json!(vec![0; 1_000_000]);
    let e = open(&bad).expect_err("a list for a time");
    assert!(
        e.to_string()
            .contains(&format!("traceEvents[{span}] holds more than")),
        "{e}"
    );
    bad["traceEvents"][span]["ts"] = json!(vec![0; 1_000]);
    let (place, field) = unreadable_at(open(&bad));
    assert_eq!((place, field.as_str()), (Place::Event(span), "ts"));
}

#[test]
fn times_that_are_not_times_are_refused() {
    let json = small_export();
    let span = json["traceEvents"]
        .as_array()
        .unwrap()
        .iter()
        .position(|e| e["ph"] == "X")
        .unwrap();
    for (key, value) in [
        ("ts", json!("NaN")),
        ("ts", json!("Infinity")),
        ("ts", json!(-1.0)),
        ("ts", json!(2e15)),
        ("ts", json!("12")),
        ("dur", json!(-0.5)),
        ("dur", json!("inf")),
        ("dur", Value::Null),
    ] {
        let mut bad = json.clone();
        bad["traceEvents"][span][key] = value.clone();
        let e = open(&bad).expect_err(key);
        let ImportError::Unreadable { place, field, .. } = &e else {
            panic!("{e:?}")
        };
        assert_eq!(
            (*place, field.as_str()),
            (Place::Event(span), key),
            "{value}"
        );
        assert!(
            e.to_string()
                .contains(&format!("traceEvents[{span}].{key}")),
            "{e}"
        );
    }
    for (key, value) in [
        ("speed", json!(0)),
        ("speed", json!(-100)),
        ("speed", json!("NaN")),
        ("total_us", json!(-1)),
        ("predicted_total_s", json!("3")),
    ] {
        let mut bad = json.clone();
        bad["otherData"][key] = value.clone();
        let (place, field) = unreadable_at(open(&bad));
        assert_eq!((place, field.as_str()), (Place::OtherData, key), "{value}");
    }
}

/// Every key of every event, of its args and of `otherData` (and its page) with every wrong
/// type, and removed: an error or a trace, never a panic; where the key is one the trace needs,
/// the error names it.
/// Sets the value at `path` below `root` to `value`, or removes the key when `value` is the
/// string `REMOVE`.
fn set_at(root: &mut Value, path: &[&str], value: &Value) {
    let mut at = root;
    for p in &path[..path.len() - 1] {
        at = &mut at[*p];
    }
    let last = path[path.len() - 1];
    if value == "REMOVE" {
        at.as_object_mut().unwrap().remove(last);
    } else {
        at[last] = value.clone();
    }
}

#[test]
fn wrong_types_for_every_field_never_panic_and_name_the_field() {
    let json = small_export();
    let wrong = [
        json!("x"),
        json!(-1),
        json!(1.5),
        json!(4e9),
        json!(true),
        json!([1, 2]),
        json!({"a": 1}),
        Value::Null,
    ];
    // Keys the reader does not need: any value goes.
    let ignored = ["t_s", "s", "displayTimeUnit", "measured_total_s"];
    let events = json["traceEvents"].as_array().unwrap().clone();
    let mut checked = 0;
    for (i, e) in events.iter().enumerate() {
        let mut paths: Vec<(Vec<&str>, String)> = Vec::new();
        for key in e.as_object().unwrap().keys() {
            paths.push((vec![key], key.clone()));
        }
        for key in e["args"].as_object().unwrap().keys() {
            paths.push((vec!["args", key], format!("args.{key}")));
        }
        for (path, name) in paths {
            for value in wrong.iter().chain([&Value::String("REMOVE".into())]) {
                let mut bad = json.clone();
                set_at(&mut bad["traceEvents"][i], &path, value);
                let last = path[path.len() - 1];
                let result = open(&bad);
                checked += 1;
                if let Err(ImportError::Unreadable { place, field, .. }) = &result {
                    let names_it = *place == Place::Event(i)
                        && (field == &name
                            || name.starts_with(&format!("{field}."))
                            || field.starts_with(&format!("{name}.")));
                    assert!(names_it, "{name} = {value} at {i}: {result:?}");
                }
                if result.is_ok() {
                    // Accepted: the value was of a kind the field takes, or the field is not read.
                    let accepts = ignored.contains(&last)
                        || *value == Value::Null
                        || value == "REMOVE"
                        || matches!(
                            (last, value),
                            ("value", Value::Number(_))
                                | (
                                    "tid" | "ts" | "dur" | "spawned_us" | "ended_us",
                                    Value::Number(_)
                                )
                                | (
                                    "name" | "text" | "error" | "label" | "outcome_error",
                                    Value::String(_)
                                )
                                | ("event_error", Value::Bool(_))
                                | ("args", Value::Object(_))
                                | ("line", Value::Number(_))
                        )
                        || (e["name"] == "process_name");
                    assert!(accepts, "{name} = {value} at {i} was accepted");
                }
            }
        }
    }
    let other = json["otherData"].as_object().unwrap().clone();
    let mut paths: Vec<Vec<&str>> = other.keys().map(|k| vec![k.as_str()]).collect();
    for key in json["otherData"]["page"].as_object().unwrap().keys() {
        paths.push(vec!["page", key]);
    }
    for key in json["otherData"]["params"].as_object().unwrap().keys() {
        paths.push(vec!["params", key]);
    }
    for path in paths {
        for value in wrong.iter().chain([&Value::String("REMOVE".into())]) {
            let mut bad = json.clone();
            set_at(&mut bad["otherData"], &path, value);
            let last = path[path.len() - 1];
            let result = open(&bad);
            checked += 1;
            let name = path.join(".");
            match &result {
                Err(ImportError::Unreadable { place, field, .. }) => {
                    assert_eq!(*place, Place::OtherData, "{name} = {value}");
                    assert!(
                        field == &name
                            || name.starts_with(&format!("{field}."))
                            || field.starts_with(&format!("{name}."))
                            || field.is_empty()
                            // Parameters missing from `params` are named by its order.
                            || (name.starts_with("params") && field == "param_order"),
                        "{name} = {value}: {result:?}"
                    );
                }
                Err(ImportError::NotAwaitLab { .. }) => {
                    assert!(value == "REMOVE" && ["scenario", "mode", "source"].contains(&last));
                }
                Err(ImportError::NewerFormat { .. }) => assert_eq!(last, "awaitlab_format"),
                Err(e) => panic!("{name} = {value}: {e:?}"),
                Ok(_) => {}
            }
        }
    }
    assert!(checked > 500, "{checked}");
}

#[test]
fn events_that_do_not_belong_to_an_awaitlab_trace_are_named() {
    let json = small_export();
    let span = json["traceEvents"]
        .as_array()
        .unwrap()
        .iter()
        .position(|e| e["ph"] == "X")
        .unwrap();
    let cases: Vec<(&str, Value, &str)> = vec![
        ("cat", json!("devtools.timeline"), "cat"),
        ("ph", json!("B"), "ph"),
        ("ph", json!("i"), "ph"),
        ("pid", json!(3), "pid"),
        ("pid", json!(2), "pid"),
        ("args", json!([1]), "args"),
    ];
    for (key, value, field) in cases {
        let mut bad = json.clone();
        bad["traceEvents"][span][key] = value.clone();
        let (place, got) = unreadable_at(open(&bad));
        assert_eq!(
            (place, got.as_str()),
            (Place::Event(span), field),
            "{key} = {value}"
        );
    }
    let mut bad = json.clone();
    bad["traceEvents"][span] = json!(7);
    let e = open(&bad).expect_err("an event that is a number");
    assert_eq!(
        e.to_string(),
        format!("this AwaitLab trace cannot be read: traceEvents[{span}] should be an object, found the number 7")
    );
    let mut bad = json.clone();
    bad["otherData"]["param_order"] = json!(["delays", "delays"]);
    let (place, field) = unreadable_at(open(&bad));
    assert_eq!((place, field.as_str()), (Place::OtherData, "param_order"));
    let mut bad = json.clone();
    bad["otherData"]["compare"] = json!(3);
    let (place, field) = unreadable_at(open(&bad));
    assert_eq!((place, field.as_str()), (Place::Compare, ""));
    let mut bad = json.clone();
    bad["otherData"]["end"] = json!("exploded");
    let (place, field) = unreadable_at(open(&bad));
    assert_eq!((place, field.as_str()), (Place::OtherData, "end"));
}

#[test]
fn a_lane_without_events_and_a_trace_without_lanes_read_back() {
    let mut trace = predict_url("s=countdown&mode=async");
    trace.tasks.push(TaskInfo {
        name: "idle \u{1F600} \"lane\"".into(),
        spawned_us: 7.0,
        ended_us: None,
        outcome: None,
        lane: LaneKind::Task,
    });
    round_trip(&trace, None, "idle lane");
    let mut empty = Trace::new(trace.meta.clone());
    empty.meta.params.clear();
    round_trip(&empty, None, "empty");
}

#[test]
fn why_a_file_cannot_be_opened_is_said_in_the_pages_language() {
    use awaitlab_core::view_options::Lang;
    let e =
        from_chrome_json(r#"[{"ph": "X", "name": "a", "ts": 0, "dur": 1, "pid": 1, "tid": 1}]"#)
            .unwrap_err();
    assert_eq!(e.to_string(), e.words().text(Lang::En));
    assert!(e.to_string().contains("bare list of events"), "{e}");
    let zh = e.words().text(Lang::Zh);
    assert!(zh.contains("只是一个事件列表"), "{zh}");
    let zh = from_chrome_json("not json")
        .unwrap_err()
        .words()
        .text(Lang::Zh);
    assert!(zh.starts_with("这个文件不是 JSON"), "{zh}");
}

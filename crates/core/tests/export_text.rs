//! The export written straight to text (`Trace::to_chrome_text`, `compare::merged_chrome_text`)
//! is byte for byte what the `serde_json::Value` tree it replaced printed: that tree's code is
//! kept here, as it was, and both are compared on varied traces (prints, failed and cancelled
//! ends, errors, values, lines, page stats with a hidden stretch, early ends, odd numbers,
//! repeated parameters, two runs merged).

mod common;

use awaitlab_core::compare::{merged_chrome_text, write_merged_chrome_json};
use awaitlab_core::page::{add_page_lane, PageSamples};
use awaitlab_core::run::predict;
use awaitlab_core::scenario::Draft;
use awaitlab_core::scenarios::CATALOG;
use awaitlab_core::trace::{
    EndReason, Event, Kind, Outcome, Placement, Source, Trace, FORMAT_VERSION,
};
use common::predict_url;
use serde_json::{json, Map, Value};

fn round3(x: f64) -> f64 {
    (x * 1e3).round() / 1e3
}

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// `Trace::to_chrome_json` as it was before the export was written as text: a `Value` tree.
fn legacy_chrome_json(trace: &Trace, predicted_total_s: Option<f64>) -> Value {
    let this = trace;
    let meta = &this.meta;
    let mut events = Vec::with_capacity(this.events.len() + this.tasks.len() + 1);
    events.push(json!({
        "ph": "M", "pid": 1, "tid": 0, "name": "process_name",
        "args": { "name": format!("AwaitLab {} ({})", meta.scenario, meta.mode) }
    }));
    // Besides the name Perfetto shows, each lane carries what the trace holds of it, so an
    // export reads back into the same trace (`trace_import`).
    for (tid, task) in this.tasks.iter().enumerate() {
        let mut args = Map::new();
        args.insert("name".into(), json!(task.name));
        args.insert("lane".into(), json!(task.lane.id()));
        args.insert("spawned_us".into(), json!(round3(task.spawned_us)));
        if let Some(ended) = task.ended_us {
            args.insert("ended_us".into(), json!(round3(ended)));
        }
        if let Some(outcome) = &task.outcome {
            args.insert("outcome".into(), json!(outcome.label()));
            if let Outcome::Failed(msg) = outcome {
                args.insert("outcome_error".into(), json!(msg));
            }
        }
        events.push(json!({
            "ph": "M", "pid": 1, "tid": tid, "name": "thread_name", "args": args
        }));
    }
    for e in &this.events {
        let mut args = Map::new();
        // Seconds from the µs the file holds (rounded), so a trace read back from the file
        // exports the same seconds again.
        args.insert("t_s".into(), json!(round6(meta.to_s(round3(e.start_us)))));
        let name = match e.kind {
            Kind::Print => {
                args.insert("text".into(), json!(e.label));
                "print".to_string()
            }
            Kind::End => {
                let outcome = this.tasks.get(e.task).and_then(|t| t.outcome.as_ref());
                if let Some(Outcome::Failed(msg)) = outcome {
                    args.insert("error".into(), json!(msg));
                }
                let name = outcome.map_or("end", Outcome::label);
                // The event's own label and error, where the name and `error` (the lane's
                // outcome) do not already say them.
                if e.label != name {
                    args.insert("label".into(), json!(e.label));
                }
                if e.error.is_some() {
                    args.insert("event_error".into(), json!(true));
                }
                name.to_string()
            }
            _ => e.label.to_string(),
        };
        if let Some(v) = e.value {
            args.insert("value".into(), json!(v));
        }
        if let Some(err) = &e.error {
            args.insert("error".into(), json!(err));
        }
        if let Some(line) = e.line {
            args.insert("line".into(), json!(line));
        }
        let mut ev = json!({
            "name": name, "cat": e.kind.cat(), "pid": 1, "tid": e.task,
            "ts": round3(e.start_us), "args": args,
        });
        if e.kind.is_instant() {
            ev["ph"] = json!("i");
            ev["s"] = json!("t");
        } else {
            ev["ph"] = json!("X");
            ev["dur"] = json!(round3(e.dur_us));
        }
        events.push(ev);
    }
    let params: Map<String, Value> = meta
        .params
        .iter()
        .map(|(k, v)| (k.clone(), json!(v)))
        .collect();
    let mut other = json!({
        "scenario": meta.scenario,
        "mode": meta.mode,
        "params": params,
        "speed": meta.speed_ms_per_s,
        "loop": this.placement.id(),
        "source": match meta.source { Source::Predicted => "predicted", Source::Measured => "measured" },
        "predicted_total_s": predicted_total_s.map(round6),
        "measured_total_s": match meta.source {
            Source::Measured => this.total_us.map(|us| round6(meta.to_s(round3(us)))),
            Source::Predicted => None,
        },
        "awaitlab_format": FORMAT_VERSION,
        "param_order": meta.params.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(),
    });
    if let Some(total) = this.total_us {
        other["total_us"] = json!(round3(total));
    }
    if let Some(hold) = this.longest_hold_us {
        other["longest_hold_us"] = json!(round3(hold));
    }
    if let Some(end) = &this.early_end {
        other["end"] = json!(end.kind());
        other["error"] = json!(end.to_string());
    }
    if let Some(page) = &this.page {
        other["page"] = json!({
            "longest_frame_ms": round3(page.longest_frame_ms),
            "dropped_frames": page.dropped_frames,
            "frames": page.frames,
            "long_tasks": page.long_tasks,
            "long_task_ms": round3(page.long_task_ms),
            "max_lag_ms": round3(page.max_lag_ms),
            "click_latencies_ms": page.click_latencies_ms.iter().map(|&x| round3(x)).collect::<Vec<_>>(),
        });
        if page.hidden_ms > 0.0 {
            other["page"]["hidden_ms"] = json!(round3(page.hidden_ms));
        }
    }
    json!({ "traceEvents": events, "displayTimeUnit": "ms", "otherData": other })
}

/// `compare::merged_chrome_json` as it was: two `Value` trees merged.
fn legacy_merged(first: &Value, second: &Value) -> Value {
    let mut merged = first.clone();
    let moved: Vec<Value> = second["traceEvents"]
        .as_array()
        .map(|events| {
            events
                .iter()
                .map(|e| {
                    let mut e = e.clone();
                    e["pid"] = json!(2);
                    e
                })
                .collect()
        })
        .unwrap_or_default();
    if let Some(events) = merged["traceEvents"].as_array_mut() {
        events.extend(moved);
    }
    merged["otherData"]["compare"] = second["otherData"].clone();
    merged
}

/// A writer that keeps each write apart, as the download's parts are.
#[derive(Default)]
struct Pieces(Vec<Vec<u8>>);

impl std::io::Write for Pieces {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.push(buf.to_vec());
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The new text is the old tree's text, for `trace` with and without a predicted total.
fn assert_same_text(trace: &Trace, predicted_total_s: Option<f64>, what: &str) {
    let old = legacy_chrome_json(trace, predicted_total_s).to_string();
    let new = trace.to_chrome_text(predicted_total_s);
    if old != new {
        let at = old
            .bytes()
            .zip(new.bytes())
            .position(|(a, b)| a != b)
            .unwrap_or(old.len().min(new.len()));
        let from = at.saturating_sub(120);
        panic!(
            "{what}: differs at byte {at}:\nold …{}\nnew …{}",
            &old[from..(at + 120).min(old.len())],
            &new[from..(at + 120).min(new.len())]
        );
    }
    // Written in pieces, it is the same file.
    let mut pieces = Pieces::default();
    trace
        .write_chrome_json(predicted_total_s, &mut pieces)
        .unwrap();
    assert_eq!(pieces.0.concat(), old.as_bytes(), "{what}");
    // The Value form tests read is the same file.
    assert_eq!(
        trace.to_chrome_json(predicted_total_s).to_string(),
        old,
        "{what}"
    );
}

/// A measured run of the countdown ended by `why`: page lane and stats (a hidden stretch among
/// them), a failed task with a message, an end with its own label, error and value, a print with
/// quotes and a newline, a span with an error, lines, odd times.
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
    trace.tasks[2].outcome = Some(Outcome::Failed("its lane's".into()));
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
    // An end of a failed lane without an error of its own, and one whose label is the name.
    for (label, error) in [("failed", None), ("x", None), ("failed", Some("e"))] {
        trace.events.push(Event {
            task: 2,
            kind: Kind::End,
            label: label.into(),
            start_us: 46_000.000_5,
            dur_us: 0.0,
            value: None,
            error: error.map(Into::into),
            line: None,
        });
    }
    // An end on a lane that does not exist, a print, a span that failed.
    trace.events.push(Event {
        task: 99,
        kind: Kind::End,
        label: "end".into(),
        start_us: 1.0,
        dur_us: 0.0,
        value: None,
        error: None,
        line: None,
    });
    trace.events.push(Event {
        task: 0,
        kind: Kind::Print,
        label: "he said \"hi\"\tand left\n✓ \u{1}".into(),
        start_us: 2.000_000_1,
        dur_us: 0.0,
        value: Some(3.0),
        error: None,
        line: Some(4),
    });
    trace.events.push(Event {
        task: 1,
        kind: Kind::Io,
        label: "GET /x".into(),
        start_us: 1e-7,
        dur_us: 123_456_789.987_654_3,
        value: Some(1e21),
        error: Some("timeout".into()),
        line: Some(0),
    });
    add_page_lane(
        &mut trace,
        &PageSamples {
            frames: vec![0.0, 16.7, 33.4, 83.3333, 100.0],
            long_tasks: vec![(20.0, 61.111_11)],
            lags: vec![(30.0, 4.444_444)],
            clicks: vec![(40.0, 12.345_678), (60.0, 0.1)],
            hidden: vec![(85.0, 97.654_321)],
        },
    );
    trace.end_abruptly(90_000.0, why);
    trace.longest_hold_us = Some(50_000.000_4);
    trace
}

#[test]
fn every_catalog_prediction_exports_the_same_text() {
    for scenario in CATALOG.iter() {
        for mode in scenario.modes {
            let mut draft = Draft::defaults(scenario);
            draft.mode = mode.id;
            let config = draft.validate(scenario).expect("valid defaults");
            let trace = predict(scenario, &draft, config);
            let what = format!("{} {}", scenario.id, mode.id);
            assert_same_text(&trace, trace.total_s(), &what);
            assert_same_text(&trace, None, &what);
        }
    }
}

#[test]
fn measured_runs_that_ended_early_export_the_same_text() {
    for why in [
        EndReason::Stopped,
        EndReason::Failed("the loop worker stopped: out of memory".into()),
        EndReason::Deadlock("A waits for B, B for A".into()),
        EndReason::Stalled("nothing to wake main".into()),
        EndReason::CutShort("the prediction stopped after 10 s".into()),
        EndReason::Runaway("stopped".into()),
        EndReason::Refused("it needs the page".into()),
    ] {
        let mut trace = measured_run(why.clone());
        assert!(trace.page.as_ref().is_some_and(|p| p.hidden_ms > 0.0));
        assert_same_text(&trace, Some(3.0), why.kind());
        assert_same_text(&trace, Some(2.999_999_99), why.kind());
        // Without the hidden stretch, and with no page at all.
        trace.page.as_mut().unwrap().hidden_ms = 0.0;
        assert_same_text(&trace, None, why.kind());
        trace.page = None;
        assert_same_text(&trace, Some(f64::NAN), why.kind());
    }
}

#[test]
fn odd_metadata_exports_the_same_text() {
    let mut trace = predict_url("s=countdown&mode=async&speed=37.5");
    trace.placement = Placement::Worker;
    trace.longest_hold_us = Some(1_234.567_89);
    // Parameters out of order, repeated (an object keeps the last), with characters to escape.
    trace.meta.params = vec![
        ("z".into(), "1".into()),
        ("a\"b".into(), "x\ny".into()),
        ("z".into(), "2".into()),
        ("m".into(), String::new()),
    ];
    trace.meta.scenario = "sc\u{e9}nario \"q\"".into();
    for (i, e) in trace.events.iter_mut().enumerate() {
        e.line = Some(i as u32 % 7 + 1);
        if i % 3 == 0 {
            e.value = Some(i as f64 / 7.0);
        }
    }
    trace.events[3].start_us += 0.000_499_9;
    trace.events[4].start_us = 1_234_567.891_5;
    trace.events[5].start_us = -0.0;
    trace.events[6].dur_us = f64::INFINITY;
    trace.events[7].value = Some(f64::NAN);
    trace.tasks[0].spawned_us = 0.000_5;
    trace.tasks[1].outcome = Some(Outcome::Cancelled);
    assert_same_text(&trace, Some(2.999_999_9), "odd");
    trace.meta.source = Source::Measured;
    assert_same_text(&trace, Some(2.999_999_9), "odd measured");
    trace.total_us = None;
    assert_same_text(&trace, None, "odd unfinished");
    // Nothing at all.
    let mut empty = Trace::new(trace.meta.clone());
    empty.meta.params.clear();
    assert_same_text(&empty, None, "empty");
}

#[test]
fn a_comparison_exports_the_same_text() {
    let a = predict_url("s=countdown&mode=sync");
    let b = predict_url("s=countdown&mode=async");
    let m = measured_run(EndReason::Stopped);
    for (first, second) in [(&a, &b), (&a, &m), (&m, &a), (&m, &m)] {
        for totals in [(Some(6.0), None), (None, Some(3.000_000_4))] {
            let old = legacy_merged(
                &legacy_chrome_json(first, totals.0),
                &legacy_chrome_json(second, totals.1),
            )
            .to_string();
            let new = merged_chrome_text((first, totals.0), (second, totals.1));
            assert_eq!(new, old);
            let mut written = Vec::new();
            write_merged_chrome_json((first, totals.0), (second, totals.1), &mut written).unwrap();
            assert_eq!(written, old.as_bytes());
        }
    }
}

#[test]
fn the_format_version_is_the_one_exported() {
    let trace = predict_url("s=countdown&mode=async");
    let json = trace.to_chrome_json(None);
    assert_eq!(json["otherData"]["awaitlab_format"], json!(FORMAT_VERSION));
}

//! Two runs compared: the speed-up from two totals, the chart's shared scale, and both runs in one
//! exported trace — checked on the predictions of countdown's sync and async modes (6.9 s in
//! turn against ≈3 s at once).

mod common;

use awaitlab_core::compare::{bars, measured, merged_chrome_text, predicted, speed_up, Totals};
use common::predict_url;

#[test]
fn the_speed_up_is_the_slower_total_over_the_faster() {
    let sync = predict_url("s=countdown&mode=sync");
    let all_at_once = predict_url("s=countdown&mode=async");
    let (a, b) = (sync.total_s().unwrap(), all_at_once.total_s().unwrap());
    assert!((a - 6.9).abs() < 1e-9, "{a}");
    let up = speed_up(a, b).unwrap();
    assert_eq!(up.faster, 1);
    assert!((up.times - a / b).abs() < 1e-12);
    assert!(up.times > 2.0 && up.times < 2.5, "{}", up.times);
    // The other way round, the same speed-up with the first run faster.
    assert_eq!(speed_up(b, a).unwrap().faster, 0);
    assert_eq!(speed_up(2.0, 2.0).unwrap().times, 1.0);
    for bad in [0.0, -1.0, f64::NAN, f64::INFINITY] {
        assert_eq!(speed_up(bad, 1.0), None);
        assert_eq!(speed_up(1.0, bad), None);
    }
    // From totals: measured only when both runs were measured.
    let first = Totals {
        predicted_s: Some(a),
        measured_s: Some(7.0),
    };
    let second = Totals {
        predicted_s: Some(b),
        measured_s: None,
    };
    assert_eq!(measured(first, second), None);
    assert_eq!(predicted(first, second).unwrap().faster, 1);
}

#[test]
fn the_bars_share_one_scale() {
    let runs = [
        Totals {
            predicted_s: Some(6.9),
            measured_s: Some(6.95),
        },
        Totals {
            predicted_s: Some(3.0),
            measured_s: None,
        },
    ];
    let b = bars(&runs);
    assert_eq!(b[0].1, Some(1.0));
    assert!((b[0].0.unwrap() - 6.9 / 6.95).abs() < 1e-12);
    assert!((b[1].0.unwrap() - 3.0 / 6.95).abs() < 1e-12);
    assert_eq!(b[1].1, None);
    assert_eq!(bars(&[Totals::default()]), [(None, None)]);
}

#[test]
fn both_runs_export_as_one_trace_with_two_processes() {
    let a = predict_url("s=countdown&mode=sync");
    let b = predict_url("s=countdown&mode=async");
    let (ja, jb) = (a.to_chrome_json(a.total_s()), b.to_chrome_json(b.total_s()));
    let merged: serde_json::Value =
        serde_json::from_str(&merged_chrome_text((&a, a.total_s()), (&b, b.total_s()))).unwrap();
    let events = merged["traceEvents"].as_array().unwrap();
    assert_eq!(
        events.len(),
        ja["traceEvents"].as_array().unwrap().len() + jb["traceEvents"].as_array().unwrap().len()
    );
    let names: Vec<&str> = events
        .iter()
        .filter(|e| e["name"] == "process_name")
        .map(|e| e["args"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["AwaitLab countdown (sync)", "AwaitLab countdown (async)"]
    );
    let pids: std::collections::BTreeSet<i64> =
        events.iter().map(|e| e["pid"].as_i64().unwrap()).collect();
    assert_eq!(pids.into_iter().collect::<Vec<_>>(), [1, 2]);
    assert_eq!(merged["otherData"]["mode"], "sync");
    assert_eq!(merged["otherData"]["compare"]["mode"], "async");
    assert_eq!(
        merged["otherData"]["compare"]["predicted_total_s"],
        jb["otherData"]["predicted_total_s"]
    );
}

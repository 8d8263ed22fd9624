//! The `http` scenario on the virtual clock: the tutorial's orderings and totals with the added
//! latency, parameter validation, and the I/O seam (failures, cancellation aborting a request)
//! with a scripted `Io` standing in for the browser.

mod common;

use std::cell::Cell;
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use awaitlab_core::backend::io::{check_url, FetchFuture, FetchOk, Io, IoError};
use awaitlab_core::backend::Backends;
use awaitlab_core::clock::{Clock, VirtualClock};
use awaitlab_core::executor::{Executor, Status};
use awaitlab_core::scenario::{parse_url, Draft};
use awaitlab_core::scenarios::{find, CATALOG};
use awaitlab_core::trace::{EndReason, Kind, Outcome, Trace};
use common::{pairs, predict_url};

fn io_spans(trace: &Trace) -> Vec<(&str, &str, f64, f64, Option<&str>)> {
    trace
        .events
        .iter()
        .filter(|e| e.kind == Kind::Io)
        .map(|e| {
            (
                trace.tasks[e.task].name.as_str(),
                e.label.as_str(),
                trace.meta.to_s(e.start_us),
                trace.meta.to_s(e.end_us()),
                e.error.as_deref(),
            )
        })
        .collect()
}

#[test]
fn sync_requests_take_turns_and_add_up_to_the_sum_of_the_latencies() {
    let trace = predict_url("s=http&mode=sync");
    assert_eq!(
        trace.lines(),
        [
            "Task One getting URL: data/a.json",
            "Task One elapsed time: 0.3",
            "Task Two getting URL: data/b.json",
            "Task Two elapsed time: 0.8",
            "Task One getting URL: data/c.json",
            "Task One elapsed time: 0.4",
            "Task Two getting URL: data/d.json",
            "Task Two elapsed time: 0.3",
            "Task One getting URL: data/e.json",
            "Task One elapsed time: 0.5",
            "Task Two getting URL: data/f.json",
            "Task Two elapsed time: 0.5",
            "Task One getting URL: data/g.json",
            "Task One elapsed time: 0.4",
            "Total elapsed time: 3.2",
        ]
    );
    assert_eq!(trace.total_s(), Some(3.2));
    // Each request is one io span and one block span over the same interval, end to end.
    let io = io_spans(&trace);
    assert_eq!(io.len(), 7);
    assert_eq!(
        io[0],
        ("One", "GET data/a.json (+300 ms added)", 0.0, 0.3, None)
    );
    assert_eq!(io[1].1, "GET data/b.json (+800 ms added)");
    assert!((io[1].2 - 0.3).abs() < 1e-9 && (io[1].3 - 1.1).abs() < 1e-9);
    let blocks: Vec<_> = trace
        .events
        .iter()
        .filter(|e| e.kind == Kind::Block)
        .collect();
    assert_eq!(blocks.len(), 7);
    assert_eq!(blocks[0].label, "blocking GET data/a.json (+300 ms added)");
    let blocked_s: f64 = blocks.iter().map(|e| trace.meta.to_s(e.dur_us)).sum();
    assert!((blocked_s - 3.2).abs() < 1e-9, "{blocked_s}");
}

#[test]
fn async_requests_overlap_and_take_about_half() {
    let trace = predict_url("s=http&mode=async");
    assert_eq!(
        trace.lines(),
        [
            "Task One getting URL: data/a.json",
            "Task Two getting URL: data/b.json",
            "Task One elapsed time: 0.3",
            "Task One getting URL: data/c.json",
            "Task One elapsed time: 0.4",
            "Task One getting URL: data/d.json",
            "Task Two elapsed time: 0.8",
            "Task Two getting URL: data/e.json",
            "Task One elapsed time: 0.3",
            "Task One getting URL: data/f.json",
            "Task Two elapsed time: 0.5",
            "Task Two getting URL: data/g.json",
            "Task One elapsed time: 0.5",
            "Task Two elapsed time: 0.4",
            "Total elapsed time: 1.7",
        ]
    );
    assert_eq!(trace.total_s(), Some(1.7));
    assert_eq!(
        trace
            .events
            .iter()
            .filter(|e| e.kind == Kind::Block)
            .count(),
        0
    );
    // The two lanes wait on I/O at the same time: One's first request lies within Two's.
    let io = io_spans(&trace);
    assert_eq!(io.len(), 7);
    assert_eq!(
        io[0],
        ("One", "GET data/a.json (+300 ms added)", 0.0, 0.3, None)
    );
    let two_first = io.iter().find(|s| s.0 == "Two").expect("Two's request");
    assert_eq!((two_first.2, two_first.3), (0.0, 0.8));
    // Nothing is left counted as pending I/O, and every task is done.
    assert!(trace.tasks.iter().all(|t| t.outcome == Some(Outcome::Done)));
}

#[test]
fn one_task_per_url_takes_the_slowest_and_one_latency_applies_to_all() {
    let trace = predict_url("s=http&mode=async&tasks=7");
    assert_eq!(trace.total_s(), Some(0.8));
    assert_eq!(trace.tasks.len(), 8);
    let trace = predict_url("s=http&mode=async&tasks=1");
    assert_eq!(trace.total_s(), Some(3.2));
    let trace = predict_url("s=http&mode=sync&latency=200");
    assert_eq!(trace.total_s(), Some(1.4));
    assert!(io_spans(&trace)
        .iter()
        .all(|s| s.1.ends_with("(+200 ms added)")));
    // 7 URLs of 0.2 s on two tasks: four rounds.
    let trace = predict_url("s=http&mode=async&latency=200");
    assert_eq!(trace.total_s(), Some(0.8));
    // No added latency: the label says nothing was added, and the prediction is instant.
    let trace = predict_url("s=http&mode=async&latency=0&urls=https://example.org/a,/b");
    assert_eq!(trace.total_s(), Some(0.0));
    let labels: Vec<&str> = io_spans(&trace).iter().map(|s| s.1).collect();
    assert_eq!(labels, ["GET https://example.org/a", "GET /b"]);
}

#[test]
fn latency_must_be_one_value_or_one_per_url() {
    let request = parse_url(&CATALOG, &pairs("s=http&latency=100,200,300"));
    assert_eq!(request.problems.len(), 1, "{:?}", request.problems);
    assert_eq!(request.problems[0].param, "latency");
    assert_eq!(
        request.problems[0].message,
        "give one latency for all URLs, or one per URL: 7 URLs, 3 latencies; keeping \
         300,800,400,300,500,500,400"
    );
    let scenario = find("http").expect("http");
    let mut draft = Draft::defaults(scenario);
    draft.set_text("urls", "data/a.json,data/b.json".into());
    let errors = draft
        .validate(scenario)
        .expect_err("7 latencies for 2 URLs");
    assert_eq!(errors[0].param, "latency");
    draft.set_text("latency", "50,60".into());
    assert!(draft.validate(scenario).is_ok());
    draft.set_text("latency", "50".into());
    assert!(draft.validate(scenario).is_ok());
    draft.set_text("latency", "-1".into());
    let errors = draft.validate(scenario).expect_err("negative");
    assert_eq!(
        errors[0].message,
        "item 1 is -1; each must be between 0 and 10000"
    );
    draft.set_text("latency", "0.5".into());
    assert!(draft.validate(scenario).is_err());
}

#[test]
fn urls_must_be_http_or_relative() {
    let scenario = find("http").expect("http");
    let spec = scenario.param("urls").expect("urls");
    for ok in [
        "data/a.json",
        "/abs/path?x=1",
        "../up.txt",
        "http://127.0.0.1:8080/x",
        "HTTPS://example.org",
        "data/a:b.json",
    ] {
        assert!(spec.parse(ok).is_ok(), "{ok}: {:?}", spec.parse(ok));
    }
    let err = |text: &str| spec.parse(text).expect_err(text);
    assert_eq!(
        err("data/a.json,ftp://x/y"),
        "URL 2 (\"ftp://x/y\") uses \"ftp:\"; only http://, https:// or relative URLs (like \
         data/a.json) are allowed"
    );
    assert!(err("javascript:alert(1)").contains("uses \"javascript:\""));
    assert!(err("data:text/plain,hi").contains("uses \"data:\""));
    assert!(err("file:///etc/passwd").contains("uses \"file:\""));
    assert!(err("//example.org/x").contains("write http:// or https://"));
    assert!(err("http:example.org").contains("needs // after http:"));
    assert!(err("https:///x").contains("has no host"));
    assert!(err("data/a b.json").contains("may not hold ' '"));
    assert_eq!(err(""), "needs at least one item (comma-separated)");
    assert_eq!(err("a,,b"), "item 2 is empty");
    let long = format!("data/{}.json", "x".repeat(200));
    assert_eq!(err(&long), "URL 1 is 210 characters long; at most 200");
    let many = ["data/a.json"; 21].join(",");
    assert_eq!(err(&many), "at most 20 items (21 given)");
    assert!(check_url("http://h", 8).is_ok());
    assert!(check_url("http://hx", 8).is_err());
    // A bad URL in the address bar is named, and the defaults are kept.
    let request = parse_url(&CATALOG, &pairs("s=http&urls=ftp://x"));
    assert_eq!(request.problems.len(), 1);
    assert!(request.problems[0].message.ends_with(&format!(
        "keeping {}",
        awaitlab_core::scenarios::http::DEFAULT_URLS
    )));
}

#[test]
fn urls_stay_readable_in_the_share_link_and_round_trip() {
    let scenario = find("http").expect("http");
    let mut draft = Draft::defaults(scenario);
    draft.mode = "async";
    draft.set_text("urls", "data/a.json,https://example.org/x.json".into());
    draft.set_text("latency", "100".into());
    let query = draft.to_query();
    assert_eq!(
        query,
        "s=http&mode=async&urls=data/a.json,https://example.org/x.json&tasks=2&latency=100&speed=1000"
    );
    let back = parse_url(&CATALOG, &pairs(&query));
    assert!(back.problems.is_empty(), "{:?}", back.problems);
    assert_eq!(back.draft, draft);
}

#[test]
fn a_sync_run_that_would_freeze_the_page_too_long_is_refused() {
    let request = parse_url(&CATALOG, &pairs("s=http&mode=sync&latency=5000&speed=1000"));
    assert_eq!(request.problems.len(), 1, "{:?}", request.problems);
    assert_eq!(request.problems[0].param, "speed");
    assert!(request.problems[0]
        .message
        .contains("freeze the page for 35.0 s"));
    // The same requests without blocking are fine.
    let request = parse_url(
        &CATALOG,
        &pairs("s=http&mode=async&latency=5000&speed=1000"),
    );
    assert!(request.problems.is_empty(), "{:?}", request.problems);
}

#[test]
fn the_export_has_io_spans_with_their_labels() {
    let trace = predict_url("s=http&mode=async&speed=1000");
    let json = trace.to_chrome_json(trace.total_s());
    let events = json["traceEvents"].as_array().expect("array");
    let io: Vec<(&str, f64)> = events
        .iter()
        .filter(|e| e["ph"] == "X" && e["cat"] == "io")
        .map(|e| {
            (
                e["name"].as_str().unwrap_or(""),
                e["dur"].as_f64().unwrap_or(-1.0),
            )
        })
        .collect();
    assert_eq!(io.len(), 7);
    // 0.3 s at 1000 ms per second: 300,000 µs, exactly the added latency.
    assert_eq!(io[0], ("GET data/a.json (+300 ms added)", 300_000.0));
    assert_eq!(
        json["otherData"]["params"]["latency"],
        "300,800,400,300,500,500,400"
    );
}

/// A scripted `Io`: per-URL outcomes; `hang` URLs never answer (until dropped, which counts as
/// an abort). It counts the requests and the aborts it saw.
#[derive(Default)]
struct ScriptedIo {
    fail: HashMap<String, IoError>,
    hang: Vec<String>,
    sent: Cell<usize>,
    aborted: Rc<Cell<usize>>,
}

struct Hanging {
    aborted: Rc<Cell<usize>>,
}

impl Future for Hanging {
    type Output = Result<FetchOk, IoError>;
    fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Self::Output> {
        Poll::Pending
    }
}

impl Drop for Hanging {
    fn drop(&mut self) {
        self.aborted.set(self.aborted.get() + 1);
    }
}

impl Io for ScriptedIo {
    fn fetch(&self, url: &str) -> FetchFuture {
        self.sent.set(self.sent.get() + 1);
        if self.hang.iter().any(|h| h == url) {
            return Box::pin(Hanging {
                aborted: self.aborted.clone(),
            });
        }
        Box::pin(std::future::ready(self.fetch_blocking(url)))
    }

    fn fetch_blocking(&self, url: &str) -> Result<FetchOk, IoError> {
        match self.fail.get(url) {
            Some(msg) => Err(msg.clone()),
            None => Ok(FetchOk {
                status: 200,
                bytes: 10,
            }),
        }
    }
}

/// Starts `query`'s scenario on a virtual clock with `io` installed; returns the loop and clock.
fn start_with(query: &str, io: Rc<dyn Io>) -> (Rc<Executor>, Rc<VirtualClock>) {
    let backends = Backends {
        io,
        ..Backends::predicted()
    };
    common::live_with(query, backends)
}

/// Runs to the end on the virtual clock (the predict loop, with the scripted I/O).
fn run_to_end(exec: &Executor, clock: &VirtualClock) {
    for _ in 0..10_000 {
        match exec.run_batch(f64::INFINITY, 10_000) {
            Status::Finished => return,
            Status::Busy => {}
            Status::Idle {
                next_deadline_us: Some(t),
                ..
            } => {
                clock.advance_to(t);
            }
            Status::Idle { .. } => return exec.finish(Some(exec.stall())),
        }
    }
    panic!("did not end");
}

#[test]
fn a_failed_request_is_a_failed_io_span_and_a_line_and_the_other_task_goes_on() {
    for mode in ["async", "sync"] {
        let io = Rc::new(ScriptedIo {
            fail: HashMap::from([(
                "data/b.json".to_string(),
                IoError::Http {
                    status: 404,
                    text: "Not Found".into(),
                },
            )]),
            ..ScriptedIo::default()
        });
        let (exec, clock) = start_with(&format!("s=http&mode={mode}"), io.clone());
        run_to_end(&exec, &clock);
        let trace = exec.trace();
        assert!(trace.error().is_none(), "{mode}: {:?}", trace.error());
        assert_eq!(io.sent.get(), if mode == "async" { 7 } else { 0 });
        let failed: Vec<_> = io_spans(&trace)
            .into_iter()
            .filter(|s| s.4.is_some())
            .collect();
        assert_eq!(
            failed,
            [(
                "Two",
                "GET data/b.json (+800 ms added)",
                if mode == "sync" { 0.3 } else { 0.0 },
                if mode == "sync" { 1.1 } else { 0.8 },
                Some("HTTP 404 Not Found")
            )],
            "{mode}"
        );
        let line = "Task Two failed after 0.8: HTTP 404 Not Found";
        assert!(trace.lines().contains(&line), "{mode}: {:?}", trace.lines());
        // Every URL was still fetched and both tasks ended normally.
        assert_eq!(io_spans(&trace).len(), 7);
        assert!(trace.tasks.iter().all(|t| t.outcome == Some(Outcome::Done)));
        assert_eq!(
            trace.lines().last(),
            Some(&if mode == "sync" {
                "Total elapsed time: 3.2"
            } else {
                "Total elapsed time: 1.7"
            })
        );
        if mode == "sync" {
            // The blocking span carries the error too: it is the one drawn on top.
            let block = trace
                .events
                .iter()
                .find(|e| e.kind == Kind::Block && e.error.is_some())
                .expect("a failed block span");
            assert_eq!(block.label, "blocking GET data/b.json (+800 ms added)");
        }
    }
}

#[test]
fn stopping_a_run_aborts_requests_in_flight_and_clears_pending_io() {
    let io = Rc::new(ScriptedIo {
        hang: vec!["slow/1".into(), "slow/2".into()],
        ..ScriptedIo::default()
    });
    let (exec, clock) = start_with(
        "s=http&mode=async&urls=slow/1,slow/2,slow/3&latency=0",
        io.clone(),
    );
    let status = exec.run_batch(f64::INFINITY, 10_000);
    assert_eq!(
        status,
        Status::Idle {
            next_deadline_us: None,
            io_pending: 2
        }
    );
    assert_eq!(exec.io_pending(), 2);
    // The live view shows both requests as open io spans.
    clock.advance_to(500_000.0);
    let live = exec.snapshot();
    assert_eq!(
        live.events
            .iter()
            .filter(|e| e.kind == Kind::Io && e.dur_us == 500_000.0)
            .count(),
        2
    );
    exec.finish(Some(EndReason::Stopped));
    assert_eq!(io.aborted.get(), 2, "both requests were aborted");
    assert_eq!(exec.io_pending(), 0);
    let trace = exec.trace();
    let spans = io_spans(&trace);
    assert_eq!(spans.len(), 2);
    for s in &spans {
        assert_eq!(s.4, Some("cancelled: the request in flight was aborted"));
        // Cut at the Stop: 0.5 s real, at http's default 1000 ms per scenario second.
        assert_eq!(s.3, 0.5);
    }
    assert!(trace
        .tasks
        .iter()
        .all(|t| t.outcome == Some(Outcome::Cancelled)));
}

#[test]
fn cancelling_during_the_added_latency_sends_nothing() {
    let io = Rc::new(ScriptedIo::default());
    let (exec, clock) = start_with("s=http&mode=async&latency=1000", io.clone());
    assert!(matches!(
        exec.run_batch(f64::INFINITY, 10_000),
        Status::Idle {
            next_deadline_us: Some(_),
            io_pending: 0
        }
    ));
    clock.advance_to(50_000.0);
    exec.finish(Some(EndReason::Stopped));
    assert_eq!(io.sent.get(), 0);
    assert_eq!(exec.next_deadline_us(), None);
    let trace = exec.trace();
    let spans = io_spans(&trace);
    assert_eq!(spans.len(), 2);
    assert!(spans
        .iter()
        .all(|s| s.4 == Some("cancelled during the added latency, before the request was sent")));
}

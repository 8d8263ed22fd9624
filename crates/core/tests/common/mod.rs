//! Helpers shared by the core's test files.
#![allow(dead_code)] // each test file uses its own subset of these helpers

use std::rc::Rc;

use awaitlab_core::backend::Backends;
use awaitlab_core::clock::VirtualClock;
use awaitlab_core::executor::Executor;
use awaitlab_core::run::{meta, predict, start};
use awaitlab_core::scenario::parse_url;
use awaitlab_core::scenarios::{find, CATALOG};
use awaitlab_core::trace::{LaneKind, RunMeta, Source, TaskInfo, Trace};

/// Splits `a=1&b=2` into pairs (tests use plain values, no percent-escapes).
pub fn pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (k.to_string(), v.to_string()),
            None => (p.to_string(), String::new()),
        })
        .collect()
}

/// The predicted (virtual-time) trace of the run a URL query describes; panics if the URL has
/// problems, since a test's URL should be valid.
pub fn predict_url(query: &str) -> Trace {
    let request = parse_url(&CATALOG, &pairs(query));
    assert!(request.problems.is_empty(), "{:?}", request.problems);
    let scenario = find(request.draft.scenario).expect("scenario");
    let config = request.draft.validate(scenario).expect("valid draft");
    predict(scenario, &request.draft, config)
}

/// The printed lines with their leading timestamp and tabs removed (`"C = 3"`).
pub fn countdown_lines(trace: &Trace) -> Vec<String> {
    trace
        .lines()
        .iter()
        .map(|l| match l.split_once(" \t") {
            Some((_, rest)) => rest.trim_start_matches('\t').to_string(),
            None => l.to_string(),
        })
        .collect()
}

/// A real (not virtual) clock that moves only when told — or when a task blocks — so tests can
/// check the measured paths deterministically.
#[derive(Default)]
pub struct ManualClock(pub std::cell::Cell<f64>);

impl awaitlab_core::clock::Clock for ManualClock {
    fn now_us(&self) -> f64 {
        self.0.get()
    }

    fn block_until(&self, until_us: f64) {
        self.0.set(self.0.get().max(until_us));
    }

    fn advance_to(&self, _until_us: f64) -> bool {
        false
    }
}

/// An empty measured trace (1000 ms per scenario second) with one task lane per name, alive from
/// 0 and not ended, for tests that lay events out by hand.
pub fn measured_trace(names: &[&str]) -> Trace {
    let mut trace = Trace::new(RunMeta {
        scenario: "t".into(),
        mode: "t".into(),
        params: Vec::new(),
        speed_ms_per_s: 1000.0,
        source: Source::Measured,
    });
    for name in names {
        trace.tasks.push(TaskInfo {
            name: name.to_string(),
            spawned_us: 0.0,
            ended_us: None,
            outcome: None,
            lane: LaneKind::Task,
        });
    }
    trace
}

/// A run of the scenario `query` describes, on a virtual clock, recording as if measured, ready
/// to be driven by hand.
pub fn live(query: &str) -> (Rc<Executor>, Rc<VirtualClock>) {
    live_with(query, Backends::predicted())
}

/// [`live`] with `backends` installed (a scripted network, say).
#[allow(dead_code)]
pub fn live_with(query: &str, backends: Backends) -> (Rc<Executor>, Rc<VirtualClock>) {
    let request = parse_url(&CATALOG, &pairs(query));
    assert!(request.problems.is_empty(), "{:?}", request.problems);
    let scenario = find(request.draft.scenario).expect("scenario");
    let config = request.draft.validate(scenario).expect("valid");
    let clock = Rc::new(VirtualClock::new());
    let exec = Executor::new(
        clock.clone(),
        meta(&request.draft, &config, Source::Measured),
    );
    start(&exec, backends, scenario, config);
    (exec, clock)
}

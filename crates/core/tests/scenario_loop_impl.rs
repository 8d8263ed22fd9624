//! `loop-impl`: the prediction's nominal costs, exactly on the virtual clock; one lane per way with
//! its rate; the `setTimeout(0)` limit; and a measured figure from a scheduler, on a clock that is
//! not virtual.

mod common;

use common::ManualClock;

use std::cell::Cell;
use std::rc::Rc;

use awaitlab_core::backend::schedule::{PingPongFuture, Scheduler, Way};
use awaitlab_core::backend::Backends;
use awaitlab_core::executor::{Executor, Status};
use awaitlab_core::format::{fmt_rate, fmt_us};
use awaitlab_core::run;
use awaitlab_core::scenario::{parse_url, Draft};
use awaitlab_core::scenarios::loop_impl::MAX_TIMEOUT_SWITCHES;
use awaitlab_core::scenarios::{find, CATALOG};
use awaitlab_core::trace::{Kind, Outcome, Source};
use common::{pairs, predict_url};

#[test]
fn nominal_costs_per_way() {
    assert_eq!(Way::Microtask.nominal_ns(1000), 100_000);
    assert_eq!(Way::Message.nominal_ns(1000), 5_000_000);
    // The first 5 nested timeouts run unclamped (charged like a task), then 4 ms each.
    assert_eq!(Way::Timeout.nominal_ns(3), 15_000);
    assert_eq!(Way::Timeout.nominal_ns(5), 25_000);
    assert_eq!(Way::Timeout.nominal_ns(6), 4_025_000);
    assert_eq!(Way::Timeout.nominal_ns(1000), 3_980_025_000);
    for way in Way::ALL {
        assert_eq!(Way::from_id(way.id()), Some(way));
    }
}

#[test]
fn all_three_ways_run_one_after_another_with_their_nominal_rates() {
    let trace = predict_url("s=loop-impl&mode=all&switches=1000");
    assert!(trace.error().is_none(), "{:?}", trace.error());
    assert_eq!(
        trace.lines(),
        [
            "microtask: 10.0 M switches/s (nominal)",
            "setTimeout(0): 251 switches/s (nominal)",
            "MessageChannel: 200 k switches/s (nominal)",
        ]
    );
    // Exactly the sum of the nominal costs, in real µs.
    assert_eq!(trace.total_us, Some(100.0 + 3_980_025.0 + 5_000.0));
    let names: Vec<&str> = trace.tasks.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        ["main", "microtask", "setTimeout(0)", "MessageChannel"]
    );
    // One span per lane covers its run, labelled with the call, carrying switches per second.
    let spans: Vec<(usize, String, f64, f64)> = trace
        .events
        .iter()
        .filter(|e| e.kind == Kind::Io)
        .map(|e| (e.task, e.label.to_string(), e.start_us, e.dur_us))
        .collect();
    assert_eq!(
        spans,
        [
            (
                1,
                "Promise.resolve().then(hop) ×1000 (nominal): 0.10 µs each".to_string(),
                0.0,
                100.0
            ),
            (
                2,
                "setTimeout(hop, 0) ×1000 (nominal): 3.98 ms each".to_string(),
                100.0,
                3_980_025.0
            ),
            (
                3,
                "port.postMessage() ×1000 (nominal): 5.00 µs each".to_string(),
                3_980_125.0,
                5_000.0
            ),
        ]
    );
    let rates: Vec<f64> = trace
        .events
        .iter()
        .filter(|e| e.kind == Kind::Io)
        .filter_map(|e| e.value)
        .collect();
    for (rate, want) in rates.iter().zip([1e7, 1000.0 / 3.980_025, 2e5]) {
        assert!((rate / want - 1.0).abs() < 1e-12, "{rate} vs {want}");
    }
    assert_eq!(rates.len(), 3);
    // The loop itself only waits: each lane is polled twice, before and after its ping-pong.
    for lane in 1..=3 {
        assert_eq!(trace.spans_of(lane, Kind::Run).count(), 2);
        assert_eq!(trace.tasks[lane].outcome, Some(Outcome::Done));
    }
}

#[test]
fn one_way_modes_run_one_lane_and_allow_longer_runs() {
    let trace = predict_url("s=loop-impl&mode=microtask&switches=1000000");
    assert_eq!(trace.lines(), ["microtask: 10.0 M switches/s (nominal)"]);
    assert_eq!(trace.total_us, Some(100_000.0));
    assert_eq!(trace.tasks.len(), 2);
    let trace = predict_url("s=loop-impl&mode=message&switches=20000");
    assert_eq!(trace.total_us, Some(100_000.0));
    let trace = predict_url("s=loop-impl&mode=timeout&switches=10");
    assert_eq!(trace.lines(), ["setTimeout(0): 499 switches/s (nominal)"]);
    assert_eq!(trace.total_us, Some(20_025.0));
    // The speed only stretches the axis: these are real microseconds.
    let slow = predict_url("s=loop-impl&mode=timeout&switches=10&speed=5000");
    assert_eq!(slow.total_us, trace.total_us);
}

#[test]
fn switches_are_bounded_and_set_timeout_more_tightly() {
    let scenario = find("loop-impl").expect("loop-impl");
    let check = |mode: &'static str, switches: &str| {
        let mut draft = Draft::defaults(scenario);
        draft.mode = mode;
        draft.set_text("switches", switches.to_string());
        draft.validate(scenario).map(|_| ()).map_err(|e| {
            e.into_iter()
                .map(|e| (e.param, e.message))
                .collect::<Vec<_>>()
        })
    };
    assert_eq!(
        check("all", "5"),
        Err(vec![(
            "switches".to_string(),
            "must be between 10 and 1000000".to_string()
        )])
    );
    assert!(check("microtask", "1000001").is_err());
    assert_eq!(MAX_TIMEOUT_SWITCHES, 2_500);
    assert!(check("timeout", "2500").is_ok());
    assert_eq!(
        check("all", "2501"),
        Err(vec![(
            "switches".to_string(),
            "setTimeout(0) is clamped to ≥ 4 ms a hop: 2501 switches would take about 10 s; at \
             most 2500 with setTimeout (the other modes allow more)"
                .to_string()
        )])
    );
    assert!(check("timeout", "3000").is_err());
    assert!(check("microtask", "1000000").is_ok());
    assert!(check("message", "1000000").is_ok());
    // From a URL: reported, and the default kept.
    let request = parse_url(&CATALOG, &pairs("s=loop-impl&mode=all&switches=9000"));
    assert_eq!(request.problems.len(), 1);
    assert!(request.problems[0].message.contains("clamped"));
    assert_eq!(request.draft.text("switches"), "1000");
}

#[test]
fn rates_and_durations_read_with_three_figures() {
    assert_eq!(fmt_rate(10_000_000.0), "10.0 M");
    assert_eq!(fmt_rate(3_456_789.0), "3.46 M");
    assert_eq!(fmt_rate(92_100.0), "92.1 k");
    assert_eq!(fmt_rate(238.4), "238");
    assert_eq!(fmt_rate(2.5), "2.50");
    assert_eq!(fmt_us(0.1), "0.10 µs");
    assert_eq!(fmt_us(12.44), "12.4 µs");
    assert_eq!(fmt_us(4_190.0), "4.19 ms");
    assert_eq!(fmt_us(4_190_000.0), "4.19 s");
}

/// Answers every ping-pong with a fixed measurement, moving the clock as if it took that long.
struct FixedScheduler {
    clock: Rc<ManualClock>,
    asked: Cell<u32>,
}

impl Scheduler for FixedScheduler {
    fn ping_pong(&self, way: Way, switches: u32) -> PingPongFuture {
        self.asked.set(self.asked.get() + 1);
        let us = match way {
            Way::Microtask => 250.0,
            Way::Timeout => 4_200_000.0,
            Way::Message => 12_000.0,
        };
        assert_eq!(switches, 1000);
        let clock = self.clock.clone();
        Box::pin(async move {
            clock.0.set(clock.0.get() + us);
            Ok(us)
        })
    }
}

#[test]
fn on_a_real_clock_the_scheduler_measures_and_nothing_says_nominal() {
    let scenario = find("loop-impl").expect("loop-impl");
    let draft = Draft::defaults(scenario);
    let config = draft.validate(scenario).expect("valid");
    let clock = Rc::new(ManualClock::default());
    let exec = Executor::new(clock.clone(), run::meta(&draft, &config, Source::Measured));
    let scheduler = Rc::new(FixedScheduler {
        clock: clock.clone(),
        asked: Cell::new(0),
    });
    let backends = Backends {
        scheduler: Some(scheduler.clone()),
        ..Backends::predicted()
    };
    run::start(&exec, backends, scenario, config);
    let mut batches = 0;
    while exec.run_batch(f64::INFINITY, u64::MAX) != Status::Finished {
        batches += 1;
        assert!(batches < 100, "the run did not end");
    }
    assert_eq!(scheduler.asked.get(), 3);
    let trace = exec.trace();
    assert!(trace.error().is_none(), "{:?}", trace.error());
    assert_eq!(
        trace.lines(),
        [
            "microtask: 4.00 M switches/s",
            "setTimeout(0): 238 switches/s",
            "MessageChannel: 83.3 k switches/s",
        ]
    );
    let labels: Vec<&str> = trace
        .events
        .iter()
        .filter(|e| e.kind == Kind::Io)
        .map(|e| e.label.as_str())
        .collect();
    assert_eq!(
        labels,
        [
            "Promise.resolve().then(hop) ×1000: 0.25 µs each",
            "setTimeout(hop, 0) ×1000: 4.20 ms each",
            "port.postMessage() ×1000: 12.0 µs each"
        ]
    );
    assert_eq!(trace.total_us, Some(250.0 + 4_200_000.0 + 12_000.0));
    // Every ping-pong counted as I/O while it lasted, and none is left counted.
    assert_eq!(exec.io_pending(), 0);
}

#[test]
fn a_ping_pong_too_fast_for_the_clock_says_so() {
    struct Instant;
    impl Scheduler for Instant {
        fn ping_pong(&self, _way: Way, _switches: u32) -> PingPongFuture {
            Box::pin(std::future::ready(Ok(0.0)))
        }
    }
    let scenario = find("loop-impl").expect("loop-impl");
    let mut draft = Draft::defaults(scenario);
    draft.mode = "microtask";
    let config = draft.validate(scenario).expect("valid");
    let exec = Executor::new(
        Rc::new(ManualClock::default()),
        run::meta(&draft, &config, Source::Measured),
    );
    let backends = Backends {
        scheduler: Some(Rc::new(Instant)),
        ..Backends::predicted()
    };
    run::start(&exec, backends, scenario, config);
    while exec.run_batch(f64::INFINITY, u64::MAX) != Status::Finished {}
    let trace = exec.trace();
    assert_eq!(
        trace.lines(),
        ["microtask: too fast for the clock; raise switches"]
    );
    let span = trace
        .events
        .iter()
        .find(|e| e.kind == Kind::Io)
        .expect("span");
    assert_eq!(span.value, None);
}

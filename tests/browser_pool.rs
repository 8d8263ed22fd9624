//! The worker pool on Chromium's real loop. Most tests point the pool at a script that does not
//! exist, so every worker fails to load: such a failure fails each job with a message (never
//! hangs), the pool replaces the worker and goes on, and a run using a pool ends, stops and runs
//! again. One test uses the real worker of the release build (`dist/worker.js`, which the test
//! runner serves from the crate's directory): a job that panics fails alone and the next job runs
//! on a fresh worker. Parallel speed, Stop terminating busy workers and a second run are tested
//! end to end in tests/e2e/app.test.mjs against the built dist/.
#![cfg(target_arch = "wasm32")]

mod common;

use std::cell::RefCell;
use std::rc::Rc;

use awaitlab::browser::driver::LiveRun;
use awaitlab::browser::pool::{BrowserPool, WorkerScript};
use awaitlab_core::backend::pool::Pool;
use awaitlab_core::clock::VirtualClock;
use awaitlab_core::executor::Executor;
use awaitlab_core::kernels::{Job, JobOutput};
use awaitlab_core::scenario::parse_url;
use awaitlab_core::scenarios::{find, CATALOG};
use awaitlab_core::trace::{EndReason, Kind, LaneKind, RunMeta, Source, Trace};
use common::browser::sleep_ms;
use common::pairs;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn missing() -> WorkerScript {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .expect("base");
    WorkerScript {
        url: web_sys::Url::new_with_base("no-such-worker.js", &base)
            .expect("url")
            .href(),
        module: false,
    }
}

/// The real worker script of the release build: the test runner serves the crate's directory,
/// so `dist/worker.js` is reachable once `trunk build --release` has run (scripts/test.sh builds
/// it before the browser tests).
fn built_worker() -> WorkerScript {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .expect("base");
    WorkerScript {
        url: web_sys::Url::new_with_base("dist/worker.js", &base)
            .expect("url")
            .href(),
        module: false,
    }
}

fn meta() -> RunMeta {
    RunMeta {
        scenario: "t".into(),
        mode: "t".into(),
        params: Vec::new(),
        speed_ms_per_s: 100.0,
        source: Source::Measured,
    }
}

#[wasm_bindgen_test]
async fn a_worker_that_dies_fails_its_job_and_the_pool_goes_on() {
    let exec = Executor::new(Rc::new(VirtualClock::new()), meta());
    let pool = BrowserPool::new(missing(), 0.0, 2, exec);
    let first = pool.submit(Job::IsPrime(157), Box::new(|_, _, _| {}));
    let report = first.await;
    let err = report.result.expect_err("the worker cannot load");
    assert!(err.starts_with("the worker died: "), "{err}");
    assert!(report.worker.is_some());
    // The pool replaced the worker and takes the next job (which fails the same way here).
    let second = pool.submit(Job::Noop, Box::new(|_, _, _| {})).await;
    assert!(second.result.is_err());
    let stats = pool.stats();
    assert!(stats.terminated >= 2, "{stats:?}");
    assert!(stats.spawned >= 3, "{stats:?}");
    assert_eq!(stats.failed, 2);
}

#[wasm_bindgen_test]
async fn shutting_down_fails_waiting_jobs_at_once() {
    let exec = Executor::new(Rc::new(VirtualClock::new()), meta());
    let pool = BrowserPool::new(missing(), 0.0, 1, exec);
    let jobs: Vec<_> = (0..3)
        .map(|_| pool.submit(Job::Sleep { us: 1e6 }, Box::new(|_, _, _| {})))
        .collect();
    pool.shutdown();
    for job in jobs {
        assert!(job.await.result.is_err());
    }
}

async fn run(query: &str, stop_after_ms: Option<u32>) -> Trace {
    let request = parse_url(&CATALOG, &pairs(query));
    assert!(request.problems.is_empty(), "{:?}", request.problems);
    let scenario = find(request.draft.scenario).expect("scenario");
    let config = request.draft.validate(scenario).expect("valid");
    let slot: Rc<RefCell<Option<Trace>>> = Rc::default();
    let done = slot.clone();
    let live = LiveRun::start_with_workers(
        scenario,
        &request.draft,
        config,
        Some(missing()),
        move |t| *done.borrow_mut() = Some(t),
    );
    if let Some(ms) = stop_after_ms {
        sleep_ms(ms).await;
        live.stop();
    }
    while slot.borrow().is_none() {
        sleep_ms(5).await;
    }
    drop(live);
    let trace = slot.borrow_mut().take().expect("trace");
    trace
}

#[wasm_bindgen_test]
async fn a_run_whose_workers_die_ends_with_each_failure_printed_and_runs_again() {
    for _ in 0..2 {
        let trace = run("s=primes&mode=pool&workers=2&numbers=157,1009", None).await;
        assert!(trace.error().is_none(), "{:?}", trace.error());
        let failed: Vec<&str> = trace
            .lines()
            .into_iter()
            .filter(|l| l.contains("the job failed: the worker died"))
            .collect();
        assert_eq!(failed.len(), 2, "{:?}", trace.lines());
        // The failures are on the worker lanes and the awaiting tasks' lanes.
        let lanes: Vec<&str> = trace
            .tasks
            .iter()
            .filter(|t| t.lane == LaneKind::Worker)
            .map(|t| t.name.as_str())
            .collect();
        assert_eq!(lanes, ["worker 1", "worker 2"]);
        let awaits = trace
            .events
            .iter()
            .filter(|e| e.kind == Kind::Io && e.label.starts_with("await job #"))
            .filter(|e| e.error.is_some())
            .count();
        assert_eq!(awaits, 2);
    }
}

#[wasm_bindgen_test]
async fn stop_during_a_pool_run_ends_it_at_once() {
    let trace = run("s=gather&mode=threads&speed=1000", Some(50)).await;
    // Stopped, or ended by its workers' failures first: either way not after the 10 s sleeps.
    assert!(trace.early_end.is_none() || trace.early_end == Some(EndReason::Stopped));
    assert!(
        trace.total_s().unwrap_or(99.0) < 5.0,
        "{:?}",
        trace.total_s()
    );
}

#[wasm_bindgen_test]
async fn a_job_that_panics_in_a_real_worker_fails_alone_and_the_pool_goes_on() {
    let exec = Executor::new(Rc::new(VirtualClock::new()), meta());
    let pool = BrowserPool::new(built_worker(), 0.0, 1, exec);
    let first = pool
        .submit(Job::IsPrime(1009), Box::new(|_, _, _| {}))
        .await;
    assert!(
        matches!(first.result, Ok(JobOutput::Prime { prime: true, .. })),
        "{:?} (is dist/ built?)",
        first.result
    );
    let bad = pool
        .submit(Job::Panic("a kernel bug".into()), Box::new(|_, _, _| {}))
        .await;
    let err = bad.result.expect_err("the job panicked");
    assert!(err.contains("a kernel bug"), "{err}");
    // The worker was replaced: the next job runs on a fresh one and gets its answer.
    let next = pool
        .submit(Job::IsPrime(1000), Box::new(|_, _, _| {}))
        .await;
    assert!(
        matches!(next.result, Ok(JobOutput::Prime { prime: false, .. })),
        "{:?}",
        next.result
    );
    let stats = pool.stats();
    assert_eq!(stats.failed, 1, "{stats:?}");
    assert!(stats.terminated >= 1, "{stats:?}");
}

//! The worker pool on Chromium's real loop. Some tests point the pool at a script that does not
//! exist, so every worker fails to load: such a failure fails each job with a message naming the
//! file (never hangs), and a run using the pool fails with it and runs again. Others use the real
//! worker of the release build (`dist/worker.js`, which the test runner serves from the crate's
//! directory): a job that panics fails alone and the next job runs on a fresh worker; Stop ends a
//! run at once and terminates its busy workers. Parallel speed and a second run are tested end to
//! end in tests/e2e/app.test.mjs against the built dist/.
#![cfg(target_arch = "wasm32")]

mod common;

use std::cell::RefCell;
use std::rc::Rc;

use awaitlab::browser::driver::LiveRun;
use awaitlab::browser::pool::{spare_workers, BrowserPool, WorkerScript};
use awaitlab::browser::resources::resources;
use awaitlab_core::backend::pool::{JobError, Pool};
use awaitlab_core::clock::VirtualClock;
use awaitlab_core::executor::Executor;
use awaitlab_core::kernels::{Job, JobOutput};
use awaitlab_core::scenario::parse_url;
use awaitlab_core::scenarios::{find, CATALOG};
use awaitlab_core::trace::{EndReason, RunMeta, Source, Trace};
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
        url: web_sys::Url::new_with_base("dist/no-such-worker.js", &base)
            .expect("url")
            .href(),
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
    assert!(matches!(err, JobError::WorkerDied(_)), "{err}");
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

async fn run(query: &str, workers: WorkerScript) -> Trace {
    let request = parse_url(&CATALOG, &pairs(query));
    assert!(request.problems.is_empty(), "{:?}", request.problems);
    let scenario = find(request.draft.scenario).expect("scenario");
    let config = request.draft.validate(scenario).expect("valid");
    let slot: Rc<RefCell<Option<Trace>>> = Rc::default();
    let done = slot.clone();
    let live =
        LiveRun::start_with_workers(scenario, &request.draft, config, Some(workers), move |t| {
            *done.borrow_mut() = Some(t)
        });
    // Bounded: a run that never ends fails the test instead of hanging it.
    for _ in 0..2000 {
        if slot.borrow().is_some() {
            break;
        }
        sleep_ms(5).await;
    }
    drop(live);
    let trace = slot.borrow_mut().take().expect("the run ended");
    trace
}

#[wasm_bindgen_test]
async fn a_run_whose_workers_cannot_load_fails_naming_the_file_and_runs_again() {
    for _ in 0..2 {
        let trace = run("s=primes&mode=pool&workers=2&numbers=157,1009", missing()).await;
        let error = trace.error().unwrap_or_default();
        assert!(
            error.starts_with("the pool's workers cannot start: cannot load no-such-worker.js"),
            "{error}"
        );
        assert!(
            trace.total_s().unwrap_or(99.0) < 5.0,
            "{:?}",
            trace.total_s()
        );
        // The run ended at the failure: no job ran, nothing was printed as if it had.
        assert!(
            !trace.lines().iter().any(|l| l.contains("prime number")),
            "{:?}",
            trace.lines()
        );
        // Nothing is left running: every worker the pool started was terminated.
        assert_eq!(resources().workers, spare_workers(), "{:?}", resources());
    }
}

#[wasm_bindgen_test]
async fn stop_during_a_pool_run_ends_it_at_once() {
    let request = parse_url(&CATALOG, &pairs("s=countdown&mode=pool&speed=1000"));
    let scenario = find(request.draft.scenario).expect("scenario");
    let config = request.draft.validate(scenario).expect("valid");
    let slot: Rc<RefCell<Option<(Trace, f64)>>> = Rc::default();
    let done = slot.clone();
    let now_ms = || {
        web_sys::window()
            .and_then(|w| w.performance())
            .map_or(0.0, |p| p.now())
    };
    let live = LiveRun::start_with_workers(
        scenario,
        &request.draft,
        config,
        Some(built_worker()),
        move |t| *done.borrow_mut() = Some((t, now_ms())),
    );
    // Wait until the three countdowns run on their workers (C prints first, after 0.5 s): each
    // worker is then busy for seconds more.
    let exec = live.executor().clone();
    for _ in 0..2000 {
        if !exec.snapshot().lines().is_empty() {
            break;
        }
        sleep_ms(5).await;
    }
    let lines_before = exec.snapshot().lines().len();
    assert!(
        lines_before >= 1,
        "no countdown line within 10 s (is dist/ built?)"
    );
    assert!(slot.borrow().is_none(), "the run ended before Stop");
    let busy = resources().workers;
    assert!(
        busy >= spare_workers() + 3,
        "{:?}, {} spares",
        resources(),
        spare_workers()
    );
    let stopped_at_ms = now_ms();
    let stopped_at_us = exec.now_us();
    live.stop();
    // Stop terminates the busy workers at once, not when their jobs would end.
    assert_eq!(resources().workers, spare_workers(), "{:?}", resources());
    for _ in 0..40 {
        if slot.borrow().is_some() {
            break;
        }
        sleep_ms(5).await;
    }
    let (trace, ended_at_ms) = slot
        .borrow_mut()
        .take()
        .expect("the run ended within 200 ms of Stop");
    drop(live);
    assert_eq!(trace.early_end, Some(EndReason::Stopped));
    assert!(
        ended_at_ms - stopped_at_ms < 200.0,
        "ended {} ms after Stop",
        ended_at_ms - stopped_at_ms
    );
    let total_us = trace.total_us.expect("total");
    assert!(
        total_us >= stopped_at_us && total_us < stopped_at_us + 50_000.0,
        "ended at {total_us} µs, stopped at {stopped_at_us} µs"
    );
    // The countdowns were cut short: A alone would print 3 lines over 3 s.
    assert!(trace.lines().len() < 9, "{:?}", trace.lines());
    // No busy worker goes on printing after Stop.
    sleep_ms(600).await;
    assert_eq!(resources().workers, spare_workers(), "{:?}", resources());
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
    assert_eq!(err, JobError::Panicked("a kernel bug".into()));
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

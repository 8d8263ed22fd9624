//! Drives the executor on the page's own event loop: runs a batch, gives the page a turn while
//! busy, and parks on one timer for the earliest deadline while idle.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use gloo_timers::future::TimeoutFuture;

use super::clock::RealClock;
use super::fetch::BrowserIo;
use super::pool::{report_cores, BrowserPoolMaker, WorkerScript};
use super::schedule::BrowserScheduler;
use awaitlab_core::executor::{Executor, Status};
use awaitlab_core::run;
use awaitlab_core::scenario::{Config, Draft, Scenario};
use awaitlab_core::trace::{Source, Trace};

/// How long one batch may keep the page's thread before giving the page a turn (about half a
/// frame at 60 fps). A blocking task overruns it: that is the lesson of blocking.
pub const FRAME_BUDGET_US: f64 = 8_000.0;

/// The message a run stopped by the person carries in its trace.
pub const STOPPED: &str = "stopped by the Stop button";

/// A run in progress on the page's loop. Dropping it stops the run.
#[must_use = "the run is stopped when the handle is dropped"]
pub struct LiveRun {
    exec: Rc<Executor>,
    origin_ms: f64,
}

impl LiveRun {
    /// Starts `scenario` now; `on_end` gets the finished trace (also after Stop). Its worker
    /// pools run the Trunk worker bin next to the page.
    pub fn start(
        scenario: &Scenario,
        draft: &Draft,
        config: Config,
        on_end: impl FnOnce(Trace) + 'static,
    ) -> Self {
        Self::start_with_workers(scenario, draft, config, WorkerScript::trunk().ok(), on_end)
    }

    /// Like [`LiveRun::start`], with the worker pools running `workers` (none: the pools are
    /// modelled, as in the prediction).
    pub fn start_with_workers(
        scenario: &Scenario,
        draft: &Draft,
        config: Config,
        workers: Option<WorkerScript>,
        on_end: impl FnOnce(Trace) + 'static,
    ) -> Self {
        let meta = run::meta(draft, &config, Source::Measured);
        let clock = RealClock::start();
        let origin_ms = clock.origin_ms();
        let exec = Executor::new(Rc::new(clock), meta);
        // Real HTTP: requests are aborted when their task is cancelled (Stop drops them all).
        exec.set_io(Rc::new(BrowserIo::new()));
        // The page's own scheduling (microtasks, setTimeout, MessageChannel), for ping-pongs.
        exec.set_scheduler(Rc::new(BrowserScheduler));
        // Real Web Workers for `run_in_executor`; dropping a pool (Stop) terminates them.
        report_cores();
        if let Some(script) = workers {
            exec.set_pool_maker(Rc::new(BrowserPoolMaker::new(script, origin_ms)));
        }
        run::start(&exec, scenario, config);
        let driven = exec.clone();
        wasm_bindgen_futures::spawn_local(async move {
            drive(&driven).await;
            on_end(driven.trace());
        });
        LiveRun { exec, origin_ms }
    }

    /// The `performance.now()` reading at which the run's clock reads zero.
    pub fn origin_ms(&self) -> f64 {
        self.origin_ms
    }

    /// The loop, for reading its trace while it runs.
    pub fn executor(&self) -> &Rc<Executor> {
        &self.exec
    }

    /// Stops the run: every task is cancelled and the trace ends now.
    pub fn stop(&self) {
        self.exec.finish(Some(STOPPED.to_string()));
    }
}

impl Drop for LiveRun {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The loop's driver: batches until the run ends.
pub async fn drive(exec: &Rc<Executor>) {
    loop {
        match exec.run_batch(FRAME_BUDGET_US, u64::MAX) {
            Status::Finished => return,
            Status::Busy => TimeoutFuture::new(0).await,
            Status::Idle {
                next_deadline_us,
                io_pending,
            } => {
                if next_deadline_us.is_none() && io_pending == 0 && !exec.has_wakes() {
                    exec.finish(Some(exec.stall_message()));
                    return;
                }
                let timer = next_deadline_us.map(|deadline| {
                    let wait_ms = ((deadline - exec.now_us()) / 1000.0).ceil().max(0.0);
                    TimeoutFuture::new(wait_ms.min(u32::MAX as f64) as u32)
                });
                Park {
                    exec: exec.clone(),
                    timer,
                }
                .await;
            }
        }
    }
}

/// Waits for the earliest timer, a wake from outside the loop (a fetch), or the end of the run.
struct Park {
    exec: Rc<Executor>,
    timer: Option<TimeoutFuture>,
}

impl Future for Park {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.exec.is_finished() || self.exec.has_wakes() {
            return Poll::Ready(());
        }
        self.exec.set_driver_waker(cx.waker().clone());
        if let Some(timer) = self.timer.as_mut() {
            if Pin::new(timer).poll(cx).is_ready() {
                return Poll::Ready(());
            }
        }
        Poll::Pending
    }
}

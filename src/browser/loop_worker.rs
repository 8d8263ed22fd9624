//! Loop placement: a run's event loop in a dedicated Web Worker (`loop=worker`), so the page stays
//! live while the scenario blocks. Same scenario code, same executor, same trace.
//!
//! - The worker is the Trunk worker bin `src/bin/loop_worker.rs` (`loop_worker.js` next to the
//!   page, its URL resolved against `document.baseURI`), an [`OwnedWorker`] like the pool's. A
//!   worker that cannot load (or crashes) ends the run with the reason, naming the file.
//! - The page sends [`LoopInput::Start`] with the draft as query pairs; the worker parses and
//!   validates them with the same core code ([`parse_url`], [`Draft::validate`]), runs the
//!   executor on a real clock (the worker's own `performance`), and replies
//!   [`LoopOutput::Started`] with its clock's zero as an absolute time, a
//!   [`LoopOutput::Chunk`] of what the trace recorded since the last one every [`SNAPSHOT_MS`]
//!   (also while a task blocks the worker's thread, so a blocking span grows on the page's
//!   timeline; only new events cross, and the page grows its trace from them), and
//!   [`LoopOutput::Ended`] with the final trace and the loop lag measured inside the worker.
//! - The worker has real HTTP (`fetch`, and synchronous XHR, which workers allow) but no worker
//!   pool and no page scheduling: those modes are refused before a run starts
//!   ([`awaitlab_core::scenario::worker_refusal`]).
//! - Dropping the page's handle ([`LoopRun`]) terminates the worker: nothing keeps running.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use gloo_timers::callback::Interval;
use serde::{Deserialize, Serialize};

use super::clock::{epoch_ms, global_performance, RealClock};
use super::driver::{drive, SharedFeed};
use super::fetch::BrowserIo;
use super::owned_worker::{OwnedWorker, WorkerEvent};
use super::pool::beside_page;
use super::resources::{Held, Resource};
use super::worker_scope::{serve, Replier};
use awaitlab_core::backend::Backends;
use awaitlab_core::clock::Clock;
use awaitlab_core::executor::Executor;
use awaitlab_core::scenario::{parse_url, Draft};
use awaitlab_core::scenarios::CATALOG;
use awaitlab_core::trace::{EndReason, Placement, RunMeta, Source, Trace, TraceChunk, TraceFeed};
use awaitlab_python::lesson::{Blocked, Plan};

/// How often the worker posts a snapshot of the trace to the page, in ms.
pub const SNAPSHOT_MS: u32 = 100;

/// How often the worker's lag probe expects to run, in ms (as the page's meter).
pub const LAG_PERIOD_MS: u32 = 50;

/// The loop worker's file, next to the page.
pub const LOOP_WORKER_JS: &str = "loop_worker.js";

/// What the page sends the loop worker.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum LoopInput {
    /// Run the scenario the query pairs describe (`s`, `mode`, parameters, `speed`).
    Start {
        /// The draft as decoded query pairs ([`Draft::to_pairs`]).
        pairs: Vec<(String, String)>,
    },
}

/// What the loop worker sends back. Times in traces are the worker clock's (µs since its zero).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum LoopOutput {
    /// The run's clock started: its zero as `performance.timeOrigin + performance.now()`, ms.
    Started {
        /// The zero, absolute.
        zero_epoch_ms: f64,
    },
    /// What the trace recorded since the last chunk, open spans drawn up to `now_us`.
    Chunk {
        /// The new events and the open spans.
        chunk: TraceChunk,
        /// The worker clock's time.
        now_us: f64,
    },
    /// The run ended.
    Ended {
        /// The final trace.
        trace: Trace,
        /// The worker's lag probes: (when, how late), ms since the run's zero.
        lags: Vec<(f64, f64)>,
    },
    /// The run could not start (invalid values, a mode the worker cannot run).
    Refused(String),
}

/// The loop worker script's entry point: one run per worker.
pub fn register_loop_worker() {
    let started = Cell::new(false);
    serve::<LoopInput, LoopOutput>(move |input, replier| {
        let refuse = |message: String| {
            let _ = replier.send(&LoopOutput::Refused(message));
        };
        let LoopInput::Start { pairs } = match input {
            Ok(input) => input,
            Err(e) => return refuse(e.to_string()),
        };
        if started.replace(true) {
            return refuse("this loop worker already ran".into());
        }
        if let Err(message) = start_in_worker(replier, &pairs) {
            refuse(message);
        }
    });
}

/// A real clock that, while a task holds the thread, calls `tick` every [`SNAPSHOT_MS`] (the
/// loop worker posts a snapshot from it, so the page sees the blocking span grow).
struct TickingClock {
    inner: RealClock,
    tick: RefCell<Option<Box<dyn Fn()>>>,
}

impl Clock for TickingClock {
    fn now_us(&self) -> f64 {
        self.inner.now_us()
    }

    fn block_until(&self, until_us: f64) {
        let step_us = f64::from(SNAPSHOT_MS) * 1000.0;
        loop {
            let now = self.inner.now_us();
            if now >= until_us {
                return;
            }
            self.inner.block_until(until_us.min(now + step_us));
            if self.inner.now_us() < until_us {
                if let Some(tick) = self.tick.borrow().as_ref() {
                    tick();
                }
            }
        }
    }

    fn advance_to(&self, _until_us: f64) -> bool {
        false
    }
}

/// The events recorded since the last chunk (`sent` counts those already posted) and the spans
/// still open: what the page needs to grow its copy of the trace.
fn chunk(exec: &Executor, sent: &Cell<usize>) -> LoopOutput {
    let chunk = exec.chunk_since(sent.get());
    sent.set(chunk.from + chunk.events.len());
    LoopOutput::Chunk {
        chunk,
        now_us: exec.now_us(),
    }
}

/// Parses, validates and starts the run inside the worker.
fn start_in_worker(
    replier: &Replier<LoopOutput>,
    pairs: &[(String, String)],
) -> Result<(), String> {
    let request = parse_url(&CATALOG, pairs);
    if let Some(problem) = request.problems.first() {
        return Err(problem.to_string());
    }
    let draft = request.draft;
    // The page's own rules: an edited program needs only its speed, the mode's program or
    // scenario a valid form.
    let plan = Plan::from_draft(&draft).map_err(|blocked| match blocked {
        Blocked::Form(errors) => errors
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; "),
        Blocked::Syntax(e) => e.to_string(),
    })?;
    let clock = Rc::new(TickingClock {
        inner: RealClock::start(),
        tick: RefCell::new(None),
    });
    let origin_ms = clock.inner.origin_ms();
    let time_origin = global_performance().map_or(0.0, |p| p.time_origin());
    let exec = Executor::new(clock.clone(), plan.meta(&draft, Source::Measured));
    // Events already posted to the page.
    let sent = Rc::new(Cell::new(0usize));
    {
        let (replier, weak, sent) = (replier.clone(), Rc::downgrade(&exec), sent.clone());
        *clock.tick.borrow_mut() = Some(Box::new(move || {
            if let Some(exec) = weak.upgrade() {
                let _ = replier.send(&chunk(&exec, &sent));
            }
        }));
    }
    let _ = replier.send(&LoopOutput::Started {
        zero_epoch_ms: time_origin + origin_ms,
    });
    // The loop lag, measured here where the loop is: how late a periodic timer fires.
    let lags: Rc<RefCell<Vec<(f64, f64)>>> = Rc::default();
    let last_probe = Rc::new(std::cell::Cell::new(clock.now_us()));
    let lag_probe = {
        let (lags, clock, last) = (lags.clone(), clock.clone(), last_probe.clone());
        Interval::new(LAG_PERIOD_MS, move || {
            let now = clock.now_us();
            let late_ms = ((now - last.replace(now)) / 1000.0 - f64::from(LAG_PERIOD_MS)).max(0.0);
            lags.borrow_mut().push((now / 1000.0, late_ms));
        })
    };
    let snapshots = {
        let (replier, weak) = (replier.clone(), Rc::downgrade(&exec));
        Interval::new(SNAPSHOT_MS, move || {
            if let Some(exec) = weak.upgrade().filter(|e| !e.is_finished()) {
                let _ = replier.send(&chunk(&exec, &sent));
            }
        })
    };
    // A program's lanes flush their last line themselves; the VM is torn down when the run ends.
    // Real requests; no pool and no page queues here: a job or a page callback fails saying so
    // (modes that need them are refused before this, from their declared needs).
    let backends = Backends {
        io: Rc::new(BrowserIo::new()),
        ..Backends::predicted()
    }
    .without_pools("a loop worker has no worker pool of its own: run it with loop=page");
    let vm = plan.start(&exec, backends);
    let replier = replier.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let held = drive(&exec).await;
        if let Some(vm) = vm {
            vm.tear_down();
        }
        drop((lag_probe, snapshots));
        // A probe still waiting when the run ends (the loop held the thread to its end) was late
        // by that much already.
        let now = exec.now_us();
        let late_ms = ((now - last_probe.get()) / 1000.0 - f64::from(LAG_PERIOD_MS)).max(0.0);
        if late_ms > 0.0 {
            lags.borrow_mut().push((now / 1000.0, late_ms));
        }
        clock.tick.borrow_mut().take();
        let mut trace = exec.take_trace();
        trace.placement = Placement::Worker;
        trace.longest_hold_us = Some(held);
        let lags = lags.borrow().clone();
        // The page ends the run by its own bounds should this reply be lost.
        let _ = replier.send(&LoopOutput::Ended { trace, lags });
    });
    Ok(())
}

/// The loop worker script's URL: [`LOOP_WORKER_JS`] resolved against `document.baseURI`.
pub fn loop_worker_url() -> Result<String, String> {
    beside_page(LOOP_WORKER_JS).map_err(|e| e.to_string())
}

type OnProgress = Box<dyn Fn(Rc<Trace>, f64)>;
type OnEnd = Box<dyn FnOnce(Trace, Vec<(f64, f64)>, f64)>;

struct RunShared {
    /// The run's zero, absolute (ms); an estimate (when Start was posted) until the worker says.
    zero_epoch_ms: Cell<f64>,
    finished: Cell<bool>,
    /// The trace grown from the worker's chunks (at first empty): what views draw, and what Stop
    /// ends.
    feed: SharedFeed,
    on_progress: OnProgress,
    on_end: RefCell<Option<OnEnd>>,
    worker: RefCell<Option<OwnedWorker<LoopInput, LoopOutput>>>,
    /// The run's loop (in the worker) counted alive on the page while its handle lives.
    _loop: Held,
}

impl RunShared {
    fn origin_ms(&self) -> f64 {
        let time_origin = global_performance().map_or(0.0, |p| p.time_origin());
        self.zero_epoch_ms.get() - time_origin
    }

    fn now_us(&self) -> f64 {
        (epoch_ms() - self.zero_epoch_ms.get()) * 1000.0
    }

    /// Ends the run on the page's side: terminates the worker and hands `trace` over.
    fn end(&self, trace: Trace, lags: Vec<(f64, f64)>) {
        if self.finished.replace(true) {
            return;
        }
        // Dropping the worker clears its handlers and terminates it.
        let worker = self.worker.borrow_mut().take();
        drop(worker);
        let on_end = self.on_end.borrow_mut().take();
        if let Some(on_end) = on_end {
            on_end(trace, lags, self.origin_ms());
        }
    }

    /// Ends the run with the last snapshot cut at now, `why` saying why.
    fn end_abruptly(&self, why: EndReason) {
        if self.finished.get() {
            return;
        }
        let mut trace = (**self.feed.borrow().latest()).clone();
        trace.end_abruptly(self.now_us().max(0.0), why);
        self.end(trace, Vec::new());
    }

    fn on_output(&self, output: LoopOutput) {
        if self.finished.get() {
            return;
        }
        match output {
            LoopOutput::Started { zero_epoch_ms } => self.zero_epoch_ms.set(zero_epoch_ms),
            LoopOutput::Chunk { chunk, now_us } => {
                let trace = self.feed.borrow_mut().apply(chunk);
                (self.on_progress)(trace, now_us);
            }
            LoopOutput::Ended { trace, lags } => self.end(trace, lags),
            LoopOutput::Refused(message) => {
                let mut trace = (**self.feed.borrow().latest()).clone();
                trace.end_abruptly(
                    0.0,
                    EndReason::Refused(format!("the loop worker refused the run: {message}")),
                );
                self.end(trace, Vec::new());
            }
        }
    }
}

/// A loop worker run's clock, read on the page: cheap to clone, compared by identity.
#[derive(Clone)]
pub struct LoopClock(Rc<RunShared>);

impl LoopClock {
    /// The worker clock's time.
    pub fn now_us(&self) -> f64 {
        self.0.now_us()
    }

    /// Whether the run has ended.
    pub fn is_finished(&self) -> bool {
        self.0.finished.get()
    }
}

/// A run whose loop is in a worker, seen from the page. Dropping it terminates the worker.
#[must_use = "the worker is terminated when the handle is dropped"]
pub struct LoopRun {
    shared: Rc<RunShared>,
}

impl LoopRun {
    /// Starts `draft` (described by `meta`) in a fresh loop worker. `on_progress` gets each
    /// snapshot and the worker clock's time; `on_end` the final trace, the worker's lag probes
    /// and [`LoopRun::origin_ms`] (also after Stop, or when the worker fails to load or crashes).
    pub fn start(
        draft: &Draft,
        meta: RunMeta,
        on_progress: impl Fn(Rc<Trace>, f64) + 'static,
        on_end: impl FnOnce(Trace, Vec<(f64, f64)>, f64) + 'static,
    ) -> Result<Self, String> {
        let url = loop_worker_url()?;
        let mut empty = Trace::new(meta);
        empty.placement = Placement::Worker;
        let shared = Rc::new(RunShared {
            _loop: Held::new(Resource::Loop),
            zero_epoch_ms: Cell::new(epoch_ms()),
            finished: Cell::new(false),
            feed: Rc::new(RefCell::new(TraceFeed::new(empty))),
            on_progress: Box::new(on_progress),
            on_end: RefCell::new(Some(Box::new(on_end))),
            worker: RefCell::new(None),
        });
        let weak: Weak<RunShared> = Rc::downgrade(&shared);
        let worker = OwnedWorker::spawn(&url, move |event| {
            let Some(shared) = weak.upgrade() else {
                return;
            };
            match event {
                WorkerEvent::Ready => {}
                WorkerEvent::Message(output) => shared.on_output(output),
                WorkerEvent::Failed(error) => shared.end_abruptly(EndReason::Failed(format!(
                    "the loop worker failed: {error}"
                ))),
            }
        })
        .map_err(|e| e.to_string())?;
        worker
            .post(&LoopInput::Start {
                pairs: draft.to_pairs(),
            })
            .map_err(|e| e.to_string())?;
        *shared.worker.borrow_mut() = Some(worker);
        Ok(LoopRun { shared })
    }

    /// The worker clock's time, read on the page (through `performance.timeOrigin`).
    pub fn now_us(&self) -> f64 {
        self.shared.now_us()
    }

    /// The page's `performance.now()` reading at which the worker's clock read zero.
    pub fn origin_ms(&self) -> f64 {
        self.shared.origin_ms()
    }

    /// Whether the run has ended (or was stopped).
    pub fn is_finished(&self) -> bool {
        self.shared.finished.get()
    }

    /// The run's clock as the page reads it, for views that animate a live run.
    pub fn clock(&self) -> LoopClock {
        LoopClock(self.shared.clone())
    }

    /// The run's trace as the page grows it from the worker's chunks.
    pub fn feed(&self) -> SharedFeed {
        self.shared.feed.clone()
    }

    /// Stops the run: the worker is terminated at once (even while a task blocks its thread) and
    /// the last snapshot, cut at now, ends the run.
    pub fn stop(&self) {
        self.shared.end_abruptly(EndReason::Stopped);
    }
}

impl Drop for LoopRun {
    fn drop(&mut self) {
        drop(self.shared.on_end.borrow_mut().take());
        self.shared.finished.set(true);
        let worker = self.shared.worker.borrow_mut().take();
        drop(worker);
    }
}

//! Drives the executor on the page's own event loop: runs a batch, gives the page a turn (a
//! `MessageChannel` message) once the loop's own work has taken a frame's budget, and parks on one
//! timer for the earliest deadline while idle.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use super::clock::{held_us, RealClock};
use super::fetch::BrowserIo;
use super::frame::PageTurns;
use super::pool::{report_cores, BrowserPoolMaker, WorkerScript};
use super::resources::{sleep, Sleep};
use super::schedule::BrowserScheduler;
use awaitlab_core::backend::pool::VirtualPoolMaker;
use awaitlab_core::backend::Backends;
use awaitlab_core::executor::{Executor, Status};
use awaitlab_core::scenario::{Config, Draft, Scenario};
use awaitlab_core::trace::{EndReason, Source, Trace, TraceFeed};
use awaitlab_python::lesson::Plan;

/// How long one batch may keep the page's thread before giving the page a turn (about half a
/// frame at 60 fps). A blocking task overruns it: that is the lesson of blocking.
pub const FRAME_BUDGET_US: f64 = 8_000.0;

/// Blocking calls that have held the page this long since its last turn have frozen it: the
/// person sees the freeze, which is the lesson, and a turn would only add a wait CPython never
/// has.
const FROZEN_US: f64 = 50_000.0;

/// The loop's own work allowed between turns once the page is frozen (see [`FROZEN_US`]).
const FROZEN_BUDGET_US: f64 = 250_000.0;

/// The longest the page goes without a turn, whatever the program does (its Stop button must
/// work): the freeze limit that validation and the interpreter apply to blocking calls.
const MAX_HOLD_US: f64 = awaitlab_core::scenarios::MAX_FREEZE_S * 1e6;

/// Why a page run without a worker script has no pool.
const NO_WORKER_SCRIPT: &str =
    "the page found no worker script (worker.js), so it cannot start Web Workers";

/// A run in progress on the page's loop. Dropping it stops the run.
///
/// A run is made in two steps so that its clock does not pay for the page's own work: [`new`]
/// builds the loop (the page may then render "Running…" and settle), [`begin`] zeroes the clock,
/// spawns the scenario's main task and drives the loop from the next microtask on.
///
/// [`new`]: LiveRun::new
/// [`begin`]: LiveRun::begin
#[must_use = "the run is stopped when the handle is dropped"]
pub struct LiveRun {
    exec: Rc<Executor>,
    clock: Rc<RealClock>,
    clock_started: std::cell::Cell<bool>,
    start: RefCell<Option<Pending>>,
    /// Made ahead (its message channel included), so that making it is not part of the run.
    driver: RefCell<Option<Driver>>,
    /// The trace as views see it while it runs, grown from the loop's chunks.
    feed: LiveFeed,
}

/// A live run's trace on the page, shared by whoever reads it ([`TraceFeed`] behind a `RefCell`).
pub type SharedFeed = Rc<RefCell<TraceFeed>>;

/// What views of a live run on the page read: each [`LiveFeed::next`] takes the events the loop
/// recorded since the last one (not a copy of the whole trace: the page shares its thread with the
/// loop it measures) and gives the trace as it stands.
#[derive(Clone)]
pub struct LiveFeed {
    exec: Rc<Executor>,
    feed: SharedFeed,
}

impl LiveFeed {
    /// A feed of `exec`'s trace, from what it holds now.
    pub fn new(exec: Rc<Executor>) -> Self {
        let feed = Rc::new(RefCell::new(TraceFeed::new(exec.trace())));
        LiveFeed { exec, feed }
    }

    /// The trace as it stands, open spans drawn up to now. The new events move from the loop
    /// to the feed ([`Executor::take_chunk`]): the page holds a run's trace once, not also in
    /// the loop.
    pub fn next(&self) -> Rc<Trace> {
        let chunk = self.exec.take_chunk();
        self.feed.borrow_mut().apply(chunk)
    }

    /// The whole trace of a run that has ended: its last events taken, the trace moved out of
    /// the feed (copied only if a view still holds it).
    pub fn finish(&self) -> Trace {
        drop(self.next());
        self.feed.borrow_mut().take_trace()
    }

    /// The feed itself (the timeline extends its span index along it).
    pub fn shared(&self) -> &SharedFeed {
        &self.feed
    }
}

/// What [`LiveRun::begin`] needs and [`LiveRun::new`] already knows.
struct Pending {
    plan: Plan,
    workers: Option<WorkerScript>,
}

impl LiveRun {
    /// Starts `scenario` now; `on_end` gets the finished trace (also after Stop). Its worker
    /// pools run the Trunk worker bin next to the page.
    pub fn start(
        scenario: &'static Scenario,
        draft: &Draft,
        config: Config,
        on_end: impl FnOnce(Trace) + 'static,
    ) -> Self {
        Self::start_with_workers(scenario, draft, config, WorkerScript::trunk().ok(), on_end)
    }

    /// Starts `plan` (a scenario or a program) now, as [`LiveRun::start`].
    pub fn start_plan(plan: Plan, draft: &Draft, on_end: impl FnOnce(Trace) + 'static) -> Self {
        let run = Self::new(plan, draft, WorkerScript::trunk().ok());
        run.start_clock();
        run.begin(on_end);
        run
    }

    /// Like [`LiveRun::start`], with the worker pools running `workers` (none: the pools are
    /// modelled, as in the prediction).
    pub fn start_with_workers(
        scenario: &'static Scenario,
        draft: &Draft,
        config: Config,
        workers: Option<WorkerScript>,
        on_end: impl FnOnce(Trace) + 'static,
    ) -> Self {
        let run = Self::new(Plan::Scenario(scenario, config), draft, workers);
        run.start_clock();
        run.begin(on_end);
        run
    }

    /// A run of `plan` ready to [`begin`](LiveRun::begin): its loop exists (views may read
    /// its clock), but no task runs and its clock is not zeroed yet.
    pub fn new(plan: Plan, draft: &Draft, workers: Option<WorkerScript>) -> Self {
        let meta = plan.meta(draft, Source::Measured);
        let clock = Rc::new(RealClock::start());
        let exec = Executor::new(clock.clone(), meta);
        report_cores();
        let driver = RefCell::new(Some(Driver::new(exec.clone())));
        LiveRun {
            feed: LiveFeed::new(exec.clone()),
            exec,
            clock,
            driver,
            clock_started: std::cell::Cell::new(false),
            start: RefCell::new(Some(Pending { plan, workers })),
        }
    }

    /// Zeroes the run's clock: call it just before [`LiveRun::begin`] (which does, if not).
    pub fn start_clock(&self) {
        if !self.clock_started.replace(true) {
            self.clock.restart();
        }
    }

    /// Spawns the main task and drives the loop until the run ends; `on_end` gets the finished
    /// trace (also after Stop). The first batch runs now, before this returns — a run that only
    /// blocks may end within it — and the rest from the page's event loop. A second call does
    /// nothing.
    pub fn begin(&self, on_end: impl FnOnce(Trace) + 'static) {
        let Some(pending) = self.start.borrow_mut().take() else {
            return;
        };
        if self.exec.is_finished() {
            // Stopped before it began: nothing ran.
            on_end(self.feed.finish());
            return;
        }
        self.start_clock();
        let backends = Backends {
            // Real HTTP: requests are aborted when their task is cancelled (Stop drops them all).
            io: Rc::new(BrowserIo::new()),
            // The page's own scheduling (microtasks, setTimeout, MessageChannel), for ping-pongs.
            scheduler: Some(Rc::new(BrowserScheduler)),
            pools: Rc::new(VirtualPoolMaker::default()),
        };
        // Real Web Workers for `run_in_executor`; dropping a pool (Stop) terminates them. A
        // page that found no worker script says so rather than model a pool in a measured run.
        let backends = match pending.workers {
            Some(script) => backends.with_pools(Rc::new(BrowserPoolMaker::new(
                script,
                self.clock.origin_ms(),
            ))),
            None => backends.without_pools(NO_WORKER_SCRIPT),
        };
        // A program's lanes flush their last line themselves; its VM is torn down when the run
        // ends (a run stopped mid-way leaves Python objects that hold one another and the loop).
        let vm = pending.plan.start(&self.exec, backends);
        let mut driver = self
            .driver
            .borrow_mut()
            .take()
            .unwrap_or_else(|| Driver::new(self.exec.clone()));
        driver.held_from = self.exec.now_us();
        let first = driver.step();
        let feed = self.feed.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let held = driver.run(first).await;
            if let Some(vm) = vm {
                vm.tear_down();
            }
            // The loop handed its events to the feed as views read them: the feed has them all.
            let mut trace = feed.finish();
            trace.longest_hold_us = Some(held);
            on_end(trace);
        });
    }

    /// The `performance.now()` reading at which the run's clock reads zero (once begun).
    pub fn origin_ms(&self) -> f64 {
        self.clock.origin_ms()
    }

    /// The loop, for reading its trace while it runs.
    pub fn executor(&self) -> &Rc<Executor> {
        &self.exec
    }

    /// The run's trace as views of it grow it (see [`LiveFeed`]).
    pub fn feed(&self) -> &LiveFeed {
        &self.feed
    }

    /// Stops the run: every task is cancelled and the trace ends now.
    pub fn stop(&self) {
        self.exec.finish(Some(EndReason::Stopped));
    }
}

impl Drop for LiveRun {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The loop's driver: batches until the run ends; returns the longest time it held the thread
/// without giving the page a turn, in real µs.
///
/// A batch may take [`FRAME_BUDGET_US`] of the loop's own work (polls that do not block) before
/// the page gets a turn, through a `MessageChannel` message (microseconds, where `setTimeout(0)`
/// is clamped to ≥ 4 ms). Time a task spends in a blocking call (a busy-wait sleep, a synchronous
/// request) does not count: as in CPython, code that never awaits never hands the loop — and here
/// the page — a turn between its blocking calls, so a program of blocking sleeps takes the sum of
/// its sleeps and the page stays frozen throughout, which is the lesson. A run that never blocks
/// still gives the page a turn every 8 ms; once blocking calls have frozen the page, the loop's
/// own work may take [`FROZEN_BUDGET_US`] first; and no stretch outlasts [`MAX_HOLD_US`].
pub async fn drive(exec: &Rc<Executor>) -> f64 {
    let mut driver = Driver::new(exec.clone());
    let first = driver.step();
    driver.run(first).await
}

/// What the driver waits for between batches.
enum Wait {
    /// The run has ended.
    Done,
    /// A turn for the page, the loop still busy.
    Turn,
    /// The loop is idle until its earliest timer, if any, or a wake from outside.
    Park(Option<f64>),
}

/// The driver's state between batches (see [`drive`]).
struct Driver {
    exec: Rc<Executor>,
    turns: PageTurns,
    longest_hold: f64,
    held_from: f64,
}

impl Driver {
    fn new(exec: Rc<Executor>) -> Self {
        let held_from = exec.now_us();
        Driver {
            exec,
            turns: PageTurns::new(),
            longest_hold: 0.0,
            held_from,
        }
    }

    /// Runs batches until the loop needs the page: its own work took the budget, it is idle, or
    /// the run ended.
    fn step(&mut self) -> Wait {
        let exec = &self.exec;
        exec.set_held_since(self.held_from);
        super::clock::note_turn();
        let held_at_start = held_us();
        let mut own_work = 0.0;
        let wait = loop {
            // Once the program's blocking calls have frozen the page, a turn mid-run would only
            // show a wait CPython never has (and pay for the page's repaint of the freeze): the
            // loop's own work then gets a larger budget. The hold is capped either way.
            let frozen = held_us() - held_at_start >= FROZEN_US;
            let budget = if frozen {
                FROZEN_BUDGET_US
            } else {
                FRAME_BUDGET_US
            };
            if own_work >= budget || exec.now_us() - self.held_from >= MAX_HOLD_US {
                break Wait::Turn;
            }
            let (t0, held0) = (exec.now_us(), held_us());
            match exec.run_batch(budget - own_work, u64::MAX) {
                Status::Finished => break Wait::Done,
                Status::Busy => {
                    own_work += ((exec.now_us() - t0) - (held_us() - held0)).max(0.0);
                }
                Status::Idle {
                    next_deadline_us,
                    io_pending,
                } => {
                    if next_deadline_us.is_none() && io_pending == 0 && !exec.has_wakes() {
                        exec.finish(Some(exec.stall()));
                        break Wait::Done;
                    }
                    break Wait::Park(next_deadline_us);
                }
            }
        };
        self.longest_hold = self.longest_hold.max(exec.now_us() - self.held_from);
        wait
    }

    /// Waits and steps until the run ends; returns the longest hold.
    async fn run(&mut self, mut wait: Wait) -> f64 {
        loop {
            match wait {
                Wait::Done => {
                    super::clock::forget_turn();
                    return self.longest_hold;
                }
                Wait::Turn => self.turns.next().await,
                Wait::Park(deadline) => {
                    let timer = deadline.map(|deadline| {
                        let wait_ms = ((deadline - self.exec.now_us()) / 1000.0).ceil().max(0.0);
                        sleep(wait_ms.min(u32::MAX as f64) as u32)
                    });
                    Park {
                        exec: self.exec.clone(),
                        timer,
                    }
                    .await;
                }
            }
            self.held_from = self.exec.now_us();
            wait = self.step();
        }
    }
}

/// Waits for the earliest timer, a wake from outside the loop (a fetch), or the end of the run.
struct Park {
    exec: Rc<Executor>,
    timer: Option<Sleep>,
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

//! Real worker pools for the core's [`Pool`] seam: Web Workers ([`OwnedWorker`]), each running
//! the same pure kernels as the prediction ([`awaitlab_core::kernels`]).
//!
//! - The worker script is the Trunk worker bin (`src/bin/worker.rs`, `worker.js` next to the
//!   page, its URL resolved against `document.baseURI`, so the app works under any sub-path).
//! - A job that panics reports its message from the worker's panic hook before the worker dies;
//!   a worker that crashes fires `error`. Either way the job fails with the message, the worker
//!   is terminated and a fresh one takes its place for the next job. A worker that cannot load
//!   (a missing or broken file, no answer in time) fails its job and the run, naming the file: a
//!   fresh one would fail the same way.
//! - Dropping the pool (or a job's future) terminates the workers still running a job: nothing
//!   keeps running after Stop. Idle workers go back to a few loaded spares (started once a pool
//!   mode is on screen, see [`warm_up`]), so a run's pool starts warm and the first job's `post`
//!   span is the message's cost rather than a worker's start-up.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::task::{Context, Poll, Waker};

use serde::{Deserialize, Serialize};

use super::clock::epoch_ms;
use super::owned_worker::{OwnedWorker, WorkerError, WorkerEvent};
use super::resources;
use super::worker_scope::{serve, Replier};
use awaitlab_core::backend::pool::{
    JobError, JobFuture, JobReport, LineSink, Pool, PoolMaker, MAX_AUTO_WORKERS,
};
use awaitlab_core::executor::Executor;
use awaitlab_core::kernels::{self, Job, JobOutput};
use awaitlab_core::trace::EndReason;

/// A job as posted to a worker.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Request {
    /// The pool's number for it.
    pub id: u64,
    /// The kernel and its arguments.
    pub job: Job,
}

/// What a worker sends back. Times are absolute (`performance.timeOrigin + performance.now()`,
/// in ms), so the page can place them on its own clock.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Reply {
    /// The job printed a line.
    Line {
        /// The job.
        id: u64,
        /// When.
        at_ms: f64,
        /// What.
        text: String,
    },
    /// The job ended.
    Done {
        /// The job.
        id: u64,
        /// When the kernel started.
        started_ms: f64,
        /// When it ended.
        ended_ms: f64,
        /// Its result, or why it failed.
        result: Result<JobOutput, JobError>,
        /// Whether the worker is unusable now (the kernel panicked).
        fatal: bool,
    },
    /// The worker could not read a request (the page and the worker disagree on the format).
    Unreadable(String),
}

/// The job the worker is running, for the panic hook to report.
type Running = (Replier<Reply>, u64, f64);

thread_local! {
    static RUNNING: RefCell<Option<Running>> = const { RefCell::new(None) };
}

/// Runs one request's kernel in the worker and replies.
fn run_job(req: Request, replier: &Replier<Reply>) {
    let id = req.id;
    let started_ms = epoch_ms();
    RUNNING.with_borrow_mut(|r| *r = Some((replier.clone(), id, started_ms)));
    let python = awaitlab_python::worker::Kernel::default();
    let clock: Rc<dyn Fn() -> f64> = Rc::new(|| epoch_ms() * 1000.0);
    // A reply that cannot be posted is lost; the page's bounds (Stop, the run's end) cover it.
    let result = kernels::run(
        &req.job,
        &|| epoch_ms() * 1000.0,
        &mut |at_us, text| {
            let _ = replier.send(&Reply::Line {
                id,
                at_ms: at_us / 1000.0,
                text,
            });
        },
        Some((&python, clock)),
    )
    .map_err(JobError::Raised);
    RUNNING.with_borrow_mut(|r| *r = None);
    let _ = replier.send(&Reply::Done {
        id,
        started_ms,
        ended_ms: epoch_ms(),
        result,
        fatal: false,
    });
}

/// The worker script's entry point: reports panics as failed jobs, then serves requests.
pub fn register_worker() {
    std::panic::set_hook(Box::new(|info| {
        let payload = info.payload();
        let msg = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| info.to_string());
        if let Some((replier, id, started_ms)) = RUNNING.with_borrow_mut(Option::take) {
            let _ = replier.send(&Reply::Done {
                id,
                started_ms,
                ended_ms: epoch_ms(),
                result: Err(JobError::Panicked(msg)),
                fatal: true,
            });
        }
    }));
    serve::<Request, Reply>(|request, replier| match request {
        Ok(req) => run_job(req, replier),
        Err(e) => {
            let _ = replier.send(&Reply::Unreadable(e.to_string()));
        }
    });
}

/// Which script the workers run: a Trunk worker bin (its wasm is the `_bg.wasm` beside it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkerScript {
    /// Its absolute URL.
    pub url: String,
}

/// The worker bin's file, next to the page.
pub const WORKER_JS: &str = "worker.js";

impl WorkerScript {
    /// The Trunk worker bin, [`WORKER_JS`] resolved against `document.baseURI`.
    pub fn trunk() -> Result<Self, WorkerError> {
        Ok(WorkerScript {
            url: beside_page(WORKER_JS)?,
        })
    }
}

/// `file` resolved against `document.baseURI`: a Trunk bin next to the page, under any sub-path.
pub fn beside_page(file: &str) -> Result<String, WorkerError> {
    let url_error = |base: &str| WorkerError::Url {
        file: file.to_string(),
        base: base.to_string(),
    };
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .ok_or_else(|| url_error("no document"))?;
    web_sys::Url::new_with_base(file, &base)
        .map(|u| u.href())
        .map_err(|_| url_error(&base))
}

/// One per core as the browser reports it (`navigator.hardwareConcurrency`), told to the core
/// for `workers=0`; returns it.
pub fn report_cores() -> usize {
    let cores = web_sys::window()
        .map(|w| w.navigator().hardware_concurrency())
        .filter(|c| c.is_finite() && *c >= 1.0)
        .map_or(1, |c| c as usize);
    awaitlab_core::backend::pool::set_cores(cores);
    cores.min(MAX_AUTO_WORKERS)
}

/// Makes the pools of a run on the page's loop.
pub struct BrowserPoolMaker {
    script: WorkerScript,
    origin_ms: f64,
}

impl BrowserPoolMaker {
    /// Pools running `script`, for a run whose clock reads zero at `performance.now()` =
    /// `origin_ms`.
    pub fn new(script: WorkerScript, origin_ms: f64) -> Self {
        BrowserPoolMaker { script, origin_ms }
    }
}

impl PoolMaker for BrowserPoolMaker {
    fn make(&self, exec: &Rc<Executor>, workers: usize) -> Rc<dyn Pool> {
        Rc::new(BrowserPool::new(
            self.script.clone(),
            self.origin_ms,
            workers,
            exec.clone(),
        ))
    }
}

/// A pool of Web Workers. Dropping it terminates them all.
pub struct BrowserPool {
    shared: Rc<RefCell<Shared>>,
}

struct Shared {
    script: WorkerScript,
    /// `performance.timeOrigin + origin_ms`: the run's zero as an absolute time.
    zero_epoch_ms: f64,
    exec: Rc<Executor>,
    slots: Vec<Slot>,
    queue: VecDeque<u64>,
    jobs: HashMap<u64, JobState>,
    next_id: u64,
    closed: bool,
    stats: PoolStats,
}

/// Counters, for tests and the curious.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PoolStats {
    /// Workers started.
    pub spawned: usize,
    /// Workers terminated (replaced after a failure, abandoned, or at shutdown).
    pub terminated: usize,
    /// Jobs that failed.
    pub failed: usize,
}

#[derive(Default)]
struct Slot {
    live: Option<Live>,
    job: Option<u64>,
    /// Bumped whenever the worker is replaced, so a dead worker's late messages are ignored.
    generation: u64,
}

/// A worker of the pool (or a spare), with what its handler shares with the pool.
struct Live {
    worker: OwnedWorker<Request, Reply>,
    /// Where its messages go: the pool and slot that own it now (none while it is a spare).
    route: Rc<RefCell<Route>>,
    health: Rc<Cell<Health>>,
    url: String,
}

/// How a worker is doing, as its events tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Health {
    /// Loading its wasm.
    Loading,
    /// Loaded (said `ready`).
    Ready,
    /// Answered a job: its interpreter is warm.
    Warm,
    /// It crashed after loading: it cannot be used again, a fresh one may do.
    Crashed,
    /// It never loaded: a fresh one would fail the same way.
    NotLoaded,
}

impl Health {
    fn usable(self) -> bool {
        matches!(self, Health::Loading | Health::Ready | Health::Warm)
    }
}

#[derive(Clone, Default)]
struct Route {
    shared: Weak<RefCell<Shared>>,
    slot: usize,
    generation: u64,
}

/// Most idle, loaded workers kept between runs.
pub const MAX_SPARE_WORKERS: usize = 8;

thread_local! {
    /// Loaded workers doing nothing, kept so that a run's pool starts warm: a pool adopts them
    /// and gives back the ones that end idle. They run nothing while they wait.
    static SPARE: RefCell<Vec<Live>> = const { RefCell::new(Vec::new()) };
}

/// The id of the no-op job [`warm_up`] sends a new spare, whose reply says it has loaded.
const PING_ID: u64 = u64::MAX;

/// The warm-up's job: a little Python, so that a spare has compiled and run the interpreter's
/// common paths (parse, compile, loops, calls, formatting) before a run's first job needs them
/// — a cold interpreter made a first run's jobs late by tens of milliseconds. Long enough (about
/// 3 million instructions, ≈20 ms) for the engine to have optimised the interpreter's hot loop.
fn warm_up_job() -> Job {
    const SOURCE: &str = "import time\n\n\ndef warm_up(n):\n    total = 0\n    for i in range(n):\n        \
                          if i % 3 == 0:\n            total += i * i\n    text = f\"{total:.2f} {n}\"\n    \
                          time.sleep(0)\n    return [len(text), str(total)]\n";
    Job::Python(awaitlab_core::kernels::PythonJob {
        source: SOURCE.to_string(),
        function: "warm_up".to_string(),
        args: vec![awaitlab_core::plain::Plain::Int(400_000)],
        us_per_s: 1_000_000.0,
        clock_origin_us: 0.0,
    })
}

/// Starts workers running `script` ahead of time, up to `count` spares (the page does this once a
/// pool mode is on screen, so that the first run does not pay for their start-up). Each new spare
/// is sent a warm-up job ([`warm_up_job`]): its reply tells [`ready`] that the worker has loaded.
/// A spare that cannot start is left out: the run's pool reports why when it needs a worker.
pub fn warm_up(script: &WorkerScript, count: usize) {
    let _ = try_warm_up(script, count);
}

/// [`warm_up`], returning why a worker could not be started, if one could not.
fn try_warm_up(script: &WorkerScript, count: usize) -> Result<(), WorkerError> {
    SPARE.with_borrow_mut(|sp| sp.retain(|l| l.health.get().usable()));
    let have = SPARE.with_borrow(|s| s.iter().filter(|l| l.url == script.url).count());
    for _ in have..count.min(MAX_SPARE_WORKERS) {
        let live = start_worker(script)?;
        live.worker.post(&Request {
            id: PING_ID,
            job: warm_up_job(),
        })?;
        SPARE.with_borrow_mut(|s| s.push(live));
    }
    Ok(())
}

/// How many spares running `script` have loaded (answered a job).
pub fn loaded_spares(script: &WorkerScript) -> usize {
    SPARE.with_borrow(|s| {
        s.iter()
            .filter(|l| l.url == script.url && l.health.get() == Health::Warm)
            .count()
    })
}

thread_local! {
    /// The script of the last worker that failed to load, until [`ready`] hears of it.
    static LOAD_FAILED: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Drops spares that failed (from a microtask: the failure is heard inside the worker's own
/// handler) and remembers a script that failed to load.
fn forget_failed_spares(url: Option<String>) {
    if let Some(url) = url {
        LOAD_FAILED.with_borrow_mut(|f| *f = Some(url));
    }
    wasm_bindgen_futures::spawn_local(async {
        let failed: Vec<Live> = SPARE.with_borrow_mut(|sp| {
            let (keep, gone) = sp.drain(..).partition(|l| l.health.get().usable());
            *sp = keep;
            gone
        });
        drop(failed);
    });
}

/// Warms up `count` spares running `script` and waits until they have loaded, or `timeout_ms`
/// has passed, or one failed to load (the run's pool then reports why, naming the file; starting
/// more that fail the same way would only load the machine).
pub async fn ready(script: &WorkerScript, count: usize, timeout_ms: f64) {
    let want = count.min(MAX_SPARE_WORKERS);
    let start = epoch_ms();
    let failed = || {
        LOAD_FAILED.with_borrow_mut(|f| {
            let failed = f.as_ref() == Some(&script.url);
            if failed {
                *f = None;
            }
            failed
        })
    };
    while !failed()
        && try_warm_up(script, count).is_ok()
        && loaded_spares(script) < want
        && epoch_ms() - start < timeout_ms
    {
        // Spares that crashed while loading are replaced by the next warm-up.
        resources::sleep(10).await;
    }
}

/// How many loaded idle workers are kept for the next run.
pub fn spare_workers() -> usize {
    SPARE.with_borrow(Vec::len)
}

struct JobState {
    job: Option<Job>,
    lines: LineSink,
    worker: Option<usize>,
    posted_us: Option<f64>,
    report: Option<JobReport>,
    waker: Option<Waker>,
}

impl BrowserPool {
    /// A pool of `workers` workers running `script`, recording on `exec` whose clock reads zero at
    /// `performance.now()` = `origin_ms`. Its workers start at once (loading takes a moment; the
    /// first job's `post` span includes it).
    pub fn new(script: WorkerScript, origin_ms: f64, workers: usize, exec: Rc<Executor>) -> Self {
        let time_origin = web_sys::window()
            .and_then(|w| w.performance())
            .map_or(0.0, |p| p.time_origin());
        let shared = Rc::new(RefCell::new(Shared {
            script,
            zero_epoch_ms: time_origin + origin_ms,
            exec,
            slots: (0..workers.max(1)).map(|_| Slot::default()).collect(),
            queue: VecDeque::new(),
            jobs: HashMap::new(),
            next_id: 1,
            closed: false,
            stats: PoolStats::default(),
        }));
        for slot in 0..workers.max(1) {
            // A worker that cannot start leaves its slot empty: the first job given to that slot
            // tries again and fails the run with the reason (see `pump`).
            let _ = spawn_into(&shared, slot);
        }
        BrowserPool { shared }
    }

    /// Its counters so far.
    pub fn stats(&self) -> PoolStats {
        self.shared.borrow().stats
    }
}

impl Drop for BrowserPool {
    fn drop(&mut self) {
        self.shutdown();
    }
}

impl Pool for BrowserPool {
    fn workers(&self) -> usize {
        self.shared.borrow().slots.len()
    }

    fn submit(&self, mut job: Job, lines: LineSink) -> JobFuture {
        let id = {
            let mut sh = self.shared.borrow_mut();
            if let Job::Python(p) = &mut job {
                // The worker reads the run's time from the same zero (epoch µs).
                p.clock_origin_us = sh.zero_epoch_ms * 1000.0;
            }
            let id = sh.next_id;
            sh.next_id += 1;
            sh.jobs.insert(
                id,
                JobState {
                    job: Some(job),
                    lines,
                    worker: None,
                    posted_us: None,
                    report: None,
                    waker: None,
                },
            );
            sh.queue.push_back(id);
            id
        };
        pump(&self.shared);
        Box::pin(BrowserJob {
            shared: self.shared.clone(),
            id,
        })
    }

    fn shutdown(&self) {
        let wakers = {
            let mut sh = self.shared.borrow_mut();
            sh.closed = true;
            for slot in 0..sh.slots.len() {
                release(&mut sh, slot);
            }
            sh.queue.clear();
            let ids: Vec<u64> = sh.jobs.keys().copied().collect();
            ids.into_iter()
                .filter_map(|id| fail(&mut sh, id, JobError::Gone("the pool was shut down".into())))
                .collect::<Vec<_>>()
        };
        wakers.into_iter().for_each(Waker::wake);
    }
}

/// A job's future on the page.
struct BrowserJob {
    shared: Rc<RefCell<Shared>>,
    id: u64,
}

impl Future for BrowserJob {
    type Output = JobReport;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<JobReport> {
        let mut sh = self.shared.borrow_mut();
        let Some(state) = sh.jobs.get_mut(&self.id) else {
            return Poll::Ready(JobReport {
                worker: None,
                posted_us: None,
                ran_us: None,
                result: Err(JobError::Gone("it was abandoned".into())),
            });
        };
        if let Some(report) = state.report.take() {
            sh.jobs.remove(&self.id);
            return Poll::Ready(report);
        }
        state.waker = Some(cx.waker().clone());
        Poll::Pending
    }
}

impl Drop for BrowserJob {
    fn drop(&mut self) {
        {
            let mut sh = self.shared.borrow_mut();
            let Some(state) = sh.jobs.remove(&self.id) else {
                return;
            };
            sh.queue.retain(|&q| q != self.id);
            // Abandoned while its worker runs it: that worker is stopped and replaced.
            if let Some(slot) = state.worker {
                if state.report.is_none() && sh.slots[slot].job == Some(self.id) {
                    kill(&mut sh, slot);
                }
            }
        }
        pump(&self.shared);
    }
}

/// At shutdown: an idle, healthy worker goes back to the spares; a busy one is terminated.
fn release(sh: &mut Shared, slot: usize) {
    let Some(s) = sh.slots.get_mut(slot) else {
        return;
    };
    if s.job.is_none() {
        if let Some(live) = s.live.take() {
            let room = SPARE.with_borrow(|sp| sp.len() < MAX_SPARE_WORKERS);
            if room && live.health.get().usable() {
                *live.route.borrow_mut() = Route::default();
                SPARE.with_borrow_mut(|sp| sp.push(live));
                return;
            }
            s.live = Some(live);
        }
    }
    kill(sh, slot);
}

/// Terminates a slot's worker (if any: dropping it clears its handlers and terminates it) and
/// frees the slot; a fresh worker is started when a job needs it.
fn kill(sh: &mut Shared, slot: usize) {
    let Some(s) = sh.slots.get_mut(slot) else {
        return;
    };
    s.job = None;
    s.generation += 1;
    if let Some(live) = s.live.take() {
        *live.route.borrow_mut() = Route::default();
        drop(live);
        sh.stats.terminated += 1;
    }
}

/// Ends a job with an error; returns its waker.
fn fail(sh: &mut Shared, id: u64, error: JobError) -> Option<Waker> {
    let now = sh.exec.now_us();
    let state = sh.jobs.get_mut(&id)?;
    if state.report.is_some() {
        return None;
    }
    state.report = Some(JobReport {
        worker: state.worker,
        posted_us: state.posted_us.or(Some(now)),
        ran_us: None,
        result: Err(error),
    });
    sh.stats.failed += 1;
    state.waker.take()
}

/// Puts a worker in `slot`: a loaded spare if there is one, else a new one.
fn spawn_into(shared: &Rc<RefCell<Shared>>, slot: usize) -> Result<(), WorkerError> {
    let (script, generation) = {
        let sh = shared.borrow();
        (sh.script.clone(), sh.slots[slot].generation)
    };
    let spare = SPARE.with_borrow_mut(|sp| {
        sp.retain(|l| l.health.get().usable());
        let at = sp.iter().position(|l| l.url == script.url)?;
        Some(sp.swap_remove(at))
    });
    let fresh = spare.is_none();
    let live = match spare {
        Some(live) => live,
        None => start_worker(&script)?,
    };
    *live.route.borrow_mut() = Route {
        shared: Rc::downgrade(shared),
        slot,
        generation,
    };
    let mut sh = shared.borrow_mut();
    if fresh {
        sh.stats.spawned += 1;
    }
    sh.slots[slot].live = Some(live);
    Ok(())
}

/// Starts a worker running `script`, its messages routed to nobody yet.
fn start_worker(script: &WorkerScript) -> Result<Live, WorkerError> {
    let route: Rc<RefCell<Route>> = Rc::default();
    let health = Rc::new(Cell::new(Health::Loading));
    let (to, health_of, url) = (route.clone(), health.clone(), script.url.clone());
    let on_event = move |event: WorkerEvent<Reply>| {
        let r = to.borrow().clone();
        match event {
            WorkerEvent::Ready => health_of.set(Health::Ready),
            WorkerEvent::Message(reply) => {
                health_of.set(Health::Warm);
                // The warm-up's no-op answers for the worker alone, whoever owns it by now.
                if !matches!(
                    reply,
                    Reply::Done { id: PING_ID, .. } | Reply::Line { id: PING_ID, .. }
                ) {
                    on_reply(&r.shared, r.slot, r.generation, reply);
                }
            }
            WorkerEvent::Failed(error) => {
                let load_failure = error.is_load_failure();
                health_of.set(if load_failure {
                    Health::NotLoaded
                } else {
                    Health::Crashed
                });
                forget_failed_spares(load_failure.then(|| url.clone()));
                on_crash(&r.shared, r.slot, r.generation, error, false);
            }
        }
    };
    Ok(Live {
        worker: OwnedWorker::spawn(&script.url, on_event)?,
        route,
        health,
        url: script.url.clone(),
    })
}

/// Gives queued jobs to free workers, starting fresh workers where one was replaced.
fn pump(shared: &Rc<RefCell<Shared>>) {
    loop {
        let next = {
            let mut sh = shared.borrow_mut();
            if sh.closed {
                return;
            }
            let Some(slot) = sh.slots.iter().position(|s| s.job.is_none()) else {
                return;
            };
            let Some(id) = sh.queue.pop_front() else {
                return;
            };
            sh.slots[slot].job = Some(id);
            (slot, id, sh.slots[slot].live.is_none())
        };
        let (slot, id, needs_worker) = next;
        let generation = shared.borrow().slots[slot].generation;
        if needs_worker {
            if let Err(error) = spawn_into(shared, slot) {
                on_crash(&Rc::downgrade(shared), slot, generation, error, true);
                continue;
            }
        }
        let posted = {
            let mut sh = shared.borrow_mut();
            let now = sh.exec.now_us();
            let job = sh.jobs.get_mut(&id).and_then(|state| {
                state.worker = Some(slot);
                state.posted_us = Some(now);
                state.job.take()
            });
            match (job, sh.slots[slot].live.as_ref()) {
                (Some(job), Some(live)) => live.worker.post(&Request { id, job }),
                _ => Ok(()),
            }
        };
        if let Err(error) = posted {
            on_crash(&Rc::downgrade(shared), slot, generation, error, true);
        }
    }
}

/// Whether a message comes from a worker that has since been replaced in `slot` (a reply or crash
/// of a terminated worker must not touch its successor's job).
fn is_stale(sh: &Shared, slot: usize, generation: u64) -> bool {
    sh.slots
        .get(slot)
        .is_none_or(|s| s.generation != generation)
}

fn on_reply(weak: &Weak<RefCell<Shared>>, slot: usize, generation: u64, reply: Reply) {
    let Some(shared) = weak.upgrade() else {
        return;
    };
    let waker = {
        let mut sh = shared.borrow_mut();
        if is_stale(&sh, slot, generation) {
            return;
        }
        // A worker's time on the run's clock, never past the run's now: the reply is here, so
        // it happened by now. Read through absolute times (a worker's clock and the page's, each
        // coarse, rounded at 1.7e12 ms), a job's last line could land a hair ahead of the run's
        // clock: it was held back as not yet due, then dropped when the run ended at once
        // (`Executor::record_at`) — about one run in a thousand of countdown pool lost a line.
        let zero = sh.zero_epoch_ms;
        let now_us = sh.exec.now_us();
        let to_run = |ms: f64, zero: f64| ((ms - zero) * 1000.0).min(now_us);
        match reply {
            Reply::Line { id, at_ms, text } => {
                if let Some(state) = sh.jobs.get(&id) {
                    (state.lines)(slot, to_run(at_ms, zero), text);
                }
                None
            }
            Reply::Done {
                id,
                started_ms,
                ended_ms,
                result,
                fatal,
            } => {
                if result.is_err() {
                    sh.stats.failed += 1;
                }
                let waker = sh.jobs.get_mut(&id).and_then(|state| {
                    state.report = Some(JobReport {
                        worker: Some(slot),
                        posted_us: state.posted_us,
                        ran_us: Some((to_run(started_ms, zero), to_run(ended_ms, zero))),
                        result,
                    });
                    state.waker.take()
                });
                if fatal {
                    kill(&mut sh, slot);
                } else {
                    sh.slots[slot].job = None;
                }
                waker
            }
            Reply::Unreadable(message) => {
                drop(sh);
                let error = WorkerError::Crashed(format!("it could not read its job: {message}"));
                on_crash(weak, slot, generation, error, false);
                return;
            }
        }
    };
    if let Some(waker) = waker {
        waker.wake();
    }
    pump(&shared);
}

/// A worker in `slot` failed: its job fails with the reason and the worker is terminated. A
/// worker that never loaded fails the whole run too (naming the file): a fresh one would fail
/// the same way, and the run would measure nothing. The run ends first, so that no task sees its
/// job fail and ends the run as if all had gone well; `in_poll` (a job being submitted, inside a
/// task's poll) defers that to the next microtask.
fn on_crash(
    weak: &Weak<RefCell<Shared>>,
    slot: usize,
    generation: u64,
    error: WorkerError,
    in_poll: bool,
) {
    let Some(shared) = weak.upgrade() else {
        return;
    };
    let (job, exec) = {
        let mut sh = shared.borrow_mut();
        if is_stale(&sh, slot, generation) {
            return;
        }
        let job = sh.slots[slot].job;
        kill(&mut sh, slot);
        (job, sh.exec.clone())
    };
    let load_failure = error.is_load_failure();
    let end = move || {
        if load_failure {
            exec.finish(Some(EndReason::Failed(format!(
                "the pool's workers cannot start: {error}"
            ))));
        }
        let died = JobError::WorkerDied(error.to_string());
        let waker = job.and_then(|id| fail(&mut shared.borrow_mut(), id, died));
        if let Some(waker) = waker {
            waker.wake();
        }
        if !load_failure {
            pump(&shared);
        }
    };
    if load_failure && in_poll {
        wasm_bindgen_futures::spawn_local(async move { end() });
    } else {
        end();
    }
}

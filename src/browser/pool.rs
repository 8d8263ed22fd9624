//! Real worker pools for the core's [`Pool`] seam: Web Workers through `gloo-worker`, each running
//! the same pure kernels as the prediction ([`awaitlab_core::kernels`]).
//!
//! - The worker script is the Trunk worker bin (`src/bin/worker.rs`, `worker.js` next to the
//!   page), a classic script: it is spawned with `as_module(false)` from a URL resolved against
//!   `document.baseURI`, so the app works under any sub-path.
//! - `gloo-worker` does the messaging (bincode over `postMessage`) and the start-up (messages wait
//!   until the worker has loaded its wasm), but does not hand out the `Worker` object it creates,
//!   which the pool needs to `terminate()` a busy worker and to hear its `error` event. So the one
//!   synchronous `spawn` call runs with the global `Worker` constructor wrapped in a `Proxy` that
//!   keeps the instance; the original is put back before `spawn` returns.
//! - A job that panics reports its message from the worker's panic hook before the worker dies;
//!   a worker that crashes or fails to load fires `error`. Either way the job fails with the
//!   message, the worker is terminated and a fresh one takes its place for the next job.
//! - Dropping the pool (or a job's future) terminates the workers still running a job: nothing
//!   keeps running after Stop. Idle workers go back to a few loaded spares (started once a pool
//!   mode is on screen, see [`warm_up`]), so a run's pool starts warm and the first job's `post` span is the
//!   message's cost rather than a worker's start-up.

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::task::{Context, Poll, Waker};

use gloo_worker::{HandlerId, Registrable, Worker, WorkerBridge, WorkerScope, WorkerSpawner};
use serde::{Deserialize, Serialize};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use awaitlab_core::backend::pool::{
    JobFuture, JobReport, LineSink, Pool, PoolMaker, MAX_AUTO_WORKERS,
};
use awaitlab_core::executor::Executor;
use awaitlab_core::kernels::{self, Job, JobOutput};

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
        result: Result<JobOutput, String>,
        /// Whether the worker is unusable now (the kernel panicked).
        fatal: bool,
    },
}

/// The worker side: runs each request's kernel and replies.
pub struct KernelWorker;

type Running = (WorkerScope<KernelWorker>, HandlerId, u64, f64);

thread_local! {
    /// The job the worker is running, for the panic hook to report.
    static RUNNING: RefCell<Option<Running>> = const { RefCell::new(None) };
}

/// `performance.timeOrigin + performance.now()` in this thread (page or worker), in ms.
fn epoch_ms() -> f64 {
    let global = js_sys::global();
    let performance = js_sys::Reflect::get(&global, &JsValue::from_str("performance"))
        .ok()
        .and_then(|p| p.dyn_into::<web_sys::Performance>().ok());
    match performance {
        Some(p) => p.time_origin() + p.now(),
        None => js_sys::Date::now(),
    }
}

impl Worker for KernelWorker {
    type Message = ();
    type Input = Request;
    type Output = Reply;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        KernelWorker
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _msg: ()) {}

    fn received(&mut self, scope: &WorkerScope<Self>, req: Request, who: HandlerId) {
        let id = req.id;
        let started_ms = epoch_ms();
        RUNNING.with_borrow_mut(|r| *r = Some((scope.clone(), who, id, started_ms)));
        let python = awaitlab_python::worker::Kernel::default();
        let clock: std::rc::Rc<dyn Fn() -> f64> = std::rc::Rc::new(|| epoch_ms() * 1000.0);
        let result = kernels::run(
            &req.job,
            &|| epoch_ms() * 1000.0,
            &mut |at_us, text| {
                scope.respond(
                    who,
                    Reply::Line {
                        id,
                        at_ms: at_us / 1000.0,
                        text,
                    },
                )
            },
            Some((&python, clock)),
        );
        RUNNING.with_borrow_mut(|r| *r = None);
        scope.respond(
            who,
            Reply::Done {
                id,
                started_ms,
                ended_ms: epoch_ms(),
                result,
                fatal: false,
            },
        );
    }
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
        if let Some((scope, who, id, started_ms)) = RUNNING.with_borrow_mut(Option::take) {
            scope.respond(
                who,
                Reply::Done {
                    id,
                    started_ms,
                    ended_ms: epoch_ms(),
                    result: Err(format!("the job panicked: {msg}")),
                    fatal: true,
                },
            );
        }
    }));
    KernelWorker::registrar().register();
}

/// Which script the workers run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkerScript {
    /// Its absolute URL.
    pub url: String,
    /// Whether it is an ES module whose default export initialises the wasm (a classic script
    /// defines `wasm_bindgen` instead, as Trunk's worker bin does).
    pub module: bool,
}

/// The worker bin's file, next to the page.
pub const WORKER_JS: &str = "worker.js";

impl WorkerScript {
    /// The Trunk worker bin, [`WORKER_JS`] resolved against `document.baseURI`.
    pub fn trunk() -> Result<Self, String> {
        let base = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.base_uri().ok().flatten())
            .ok_or("no document to resolve the worker script against")?;
        let url = web_sys::Url::new_with_base(WORKER_JS, &base)
            .map_err(|_| format!("cannot resolve {WORKER_JS} against {base}"))?;
        Ok(WorkerScript {
            url: url.href(),
            module: false,
        })
    }
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

struct Live {
    _bridge: WorkerBridge<KernelWorker>,
    raw: Option<web_sys::Worker>,
    /// Where its messages go: the pool and slot that own it now (none while it is a spare).
    route: Rc<RefCell<Route>>,
    /// Set by its `error` event: it cannot be used again.
    dead: Rc<std::cell::Cell<bool>>,
    /// Set by its first reply: it has loaded its wasm and runs jobs.
    loaded: Rc<std::cell::Cell<bool>>,
    url: String,
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
pub fn warm_up(script: &WorkerScript, count: usize) {
    let have = SPARE.with_borrow(|s| s.iter().filter(|l| l.url == script.url).count());
    for _ in have..count.min(MAX_SPARE_WORKERS) {
        let live = start_worker(script);
        live._bridge.send(Request {
            id: PING_ID,
            job: warm_up_job(),
        });
        SPARE.with_borrow_mut(|s| s.push(live));
    }
}

/// How many spares running `script` have loaded (answered a job).
pub fn loaded_spares(script: &WorkerScript) -> usize {
    SPARE.with_borrow(|s| {
        s.iter()
            .filter(|l| l.url == script.url && l.loaded.get() && !l.dead.get())
            .count()
    })
}

/// Warms up `count` spares running `script` and waits until they have loaded, or `timeout_ms`
/// has passed (a worker that cannot load then fails its job in the run, with the message).
pub async fn ready(script: &WorkerScript, count: usize, timeout_ms: f64) {
    warm_up(script, count);
    let want = count.min(MAX_SPARE_WORKERS);
    let start = epoch_ms();
    while loaded_spares(script) < want && epoch_ms() - start < timeout_ms {
        gloo_timers::future::TimeoutFuture::new(10).await;
        // Replace spares that died while loading.
        SPARE.with_borrow_mut(|sp| sp.retain(|l| !l.dead.get()));
        warm_up(script, count);
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
            spawn_into(&shared, slot);
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
                .filter_map(|id| fail(&mut sh, id, "the pool was shut down".into()))
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
                result: Err("the job is gone".into()),
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
            if room && !live.dead.get() {
                *live.route.borrow_mut() = Route::default();
                SPARE.with_borrow_mut(|sp| sp.push(live));
                return;
            }
            s.live = Some(live);
        }
    }
    kill(sh, slot);
}

/// Terminates a slot's worker (if any) and frees the slot; a fresh worker is started when a job
/// needs it.
fn kill(sh: &mut Shared, slot: usize) {
    let Some(s) = sh.slots.get_mut(slot) else {
        return;
    };
    s.job = None;
    s.generation += 1;
    if let Some(live) = s.live.take() {
        *live.route.borrow_mut() = Route::default();
        if let Some(raw) = &live.raw {
            raw.set_onerror(None);
            raw.terminate();
        }
        sh.stats.terminated += 1;
    }
}

/// Ends a job with an error; returns its waker.
fn fail(sh: &mut Shared, id: u64, message: String) -> Option<Waker> {
    let now = sh.exec.now_us();
    let state = sh.jobs.get_mut(&id)?;
    if state.report.is_some() {
        return None;
    }
    state.report = Some(JobReport {
        worker: state.worker,
        posted_us: state.posted_us.or(Some(now)),
        ran_us: None,
        result: Err(message),
    });
    sh.stats.failed += 1;
    state.waker.take()
}

/// Puts a worker in `slot`: a loaded spare if there is one, else a new one.
fn spawn_into(shared: &Rc<RefCell<Shared>>, slot: usize) {
    let (script, generation) = {
        let sh = shared.borrow();
        (sh.script.clone(), sh.slots[slot].generation)
    };
    let spare = SPARE.with_borrow_mut(|sp| {
        sp.retain(|l| !l.dead.get());
        let at = sp.iter().position(|l| l.url == script.url)?;
        Some(sp.swap_remove(at))
    });
    let fresh = spare.is_none();
    let live = spare.unwrap_or_else(|| start_worker(&script));
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
}

/// Starts a worker running `script`, its messages routed to nobody yet.
fn start_worker(script: &WorkerScript) -> Live {
    let route: Rc<RefCell<Route>> = Rc::default();
    let dead: Rc<std::cell::Cell<bool>> = Rc::default();
    let loaded: Rc<std::cell::Cell<bool>> = Rc::default();
    let to = route.clone();
    let has_loaded = loaded.clone();
    let on_reply = move |reply: Reply| {
        has_loaded.set(true);
        // The warm-up's no-op answers for the worker alone, whoever owns it by now.
        if matches!(
            reply,
            Reply::Done { id: PING_ID, .. } | Reply::Line { id: PING_ID, .. }
        ) {
            return;
        }
        let r = to.borrow().clone();
        on_reply(&r.shared, r.slot, r.generation, reply);
    };
    let mut spawner = WorkerSpawner::<KernelWorker>::new();
    spawner.callback(on_reply).as_module(script.module);
    let (bridge, raw) = capture_worker(|| spawner.spawn(&script.url));
    if let Some(raw) = &raw {
        let (to, dead) = (route.clone(), dead.clone());
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            e.prevent_default();
            dead.set(true);
            let message = js_sys::Reflect::get(&e, &JsValue::from_str("message"))
                .ok()
                .and_then(|m| m.as_string())
                .filter(|m| !m.is_empty())
                .unwrap_or_else(|| "it failed to load or crashed".to_string());
            let r = to.borrow().clone();
            on_crash(
                &r.shared,
                r.slot,
                r.generation,
                format!("the worker died: {message}"),
            );
        });
        raw.set_onerror(Some(on_error.into_js_value().unchecked_ref()));
    }
    Live {
        _bridge: bridge,
        raw,
        route,
        dead,
        loaded,
        url: script.url.clone(),
    }
}

/// Runs gloo's `spawn` with the global `Worker` constructor wrapped so that the instance it
/// creates is kept (gloo does not expose it, and terminating a busy worker needs it).
pub(crate) fn capture_worker<T>(spawn: impl FnOnce() -> T) -> (T, Option<web_sys::Worker>) {
    let global: JsValue = js_sys::global().into();
    let key = JsValue::from_str("Worker");
    let Ok(original) = js_sys::Reflect::get(&global, &key) else {
        return (spawn(), None);
    };
    let captured: Rc<RefCell<Option<JsValue>>> = Rc::default();
    let keep = captured.clone();
    let construct = Closure::<dyn FnMut(JsValue, js_sys::Array) -> Result<JsValue, JsValue>>::new(
        move |target: JsValue, args: js_sys::Array| {
            let made =
                js_sys::Reflect::construct(target.unchecked_ref::<js_sys::Function>(), &args)?;
            *keep.borrow_mut() = Some(made.clone());
            Ok(made)
        },
    );
    let handler = js_sys::Object::new();
    let proxied = js_sys::Reflect::set(
        &handler,
        &JsValue::from_str("construct"),
        construct.as_ref(),
    )
    .and_then(|_| {
        let proxy = js_sys::Proxy::new(&original, &handler);
        js_sys::Reflect::set(&global, &key, &proxy)
    })
    .unwrap_or(false);
    let made = spawn();
    if proxied {
        let _ = js_sys::Reflect::set(&global, &key, &original);
    }
    drop(construct);
    let raw = captured
        .borrow_mut()
        .take()
        .and_then(|w| w.dyn_into::<web_sys::Worker>().ok());
    (made, raw)
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
        if needs_worker {
            spawn_into(shared, slot);
        }
        let mut sh = shared.borrow_mut();
        let now = sh.exec.now_us();
        let job = sh.jobs.get_mut(&id).and_then(|state| {
            state.worker = Some(slot);
            state.posted_us = Some(now);
            state.job.take()
        });
        if let (Some(job), Some(live)) = (job, sh.slots[slot].live.as_ref()) {
            live._bridge.send(Request { id, job });
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
        let to_run = |ms: f64, zero: f64| (ms - zero) * 1000.0;
        let zero = sh.zero_epoch_ms;
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
        }
    };
    if let Some(waker) = waker {
        waker.wake();
    }
    pump(&shared);
}

fn on_crash(weak: &Weak<RefCell<Shared>>, slot: usize, generation: u64, message: String) {
    let Some(shared) = weak.upgrade() else {
        return;
    };
    let waker = {
        let mut sh = shared.borrow_mut();
        if is_stale(&sh, slot, generation) {
            return;
        }
        let job = sh.slots[slot].job;
        kill(&mut sh, slot);
        job.and_then(|id| fail(&mut sh, id, message))
    };
    if let Some(waker) = waker {
        waker.wake();
    }
    pump(&shared);
}

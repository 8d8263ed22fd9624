//! The worker-pool seam (`loop.run_in_executor(pool, …)`): scenarios submit a [`Job`] and await
//! its result while the loop goes on. The core defines the [`Pool`] trait, the virtual pool of the
//! prediction (a job takes its nominal cost on a worker lane, so N workers run N jobs at once in
//! virtual time); the runtime API that records every job on the timeline is `lab::pool`. The browser adapter (`browser::pool`) implements the trait with Web
//! Workers. Like the clock, this is what lets the same scenario code predict and measure.
//!
//! On the timeline each worker is a lane. A job is three spans there: `post job #3` (the request
//! travelling to the worker, and on a fresh worker its start-up), the kernel itself (`compute`,
//! labelled with the task that awaits it) and `reply job #3` (the answer travelling back). The
//! awaiting task's lane shows one `io` span, `await job #3 on worker 2`, over the whole wait.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::executor::Executor;
use crate::kernels::{model, Job, JobOutput, PythonKernel};
use crate::until::Until;

/// What became of one job. Times are the run's clock (real microseconds since the run began).
#[derive(Clone, Debug, PartialEq)]
pub struct JobReport {
    /// The worker (0-based) it was given to, if it got one.
    pub worker: Option<usize>,
    /// When it was posted to that worker.
    pub posted_us: Option<f64>,
    /// When the kernel started and ended on the worker, if it ran.
    pub ran_us: Option<(f64, f64)>,
    /// The kernel's result, or why there is none (it raised, panicked, the worker crashed).
    pub result: Result<JobOutput, JobError>,
}

/// Why a job gave no result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum JobError {
    /// The kernel ended with an error of its own: a Python job's exception line
    /// (`ValueError: bad`), or arguments refused before any work.
    #[error("{0}")]
    Raised(String),
    /// The kernel panicked (its worker is replaced).
    #[error("the job panicked: {0}")]
    Panicked(String),
    /// Its worker died or could not start.
    #[error("the worker died: {0}")]
    WorkerDied(String),
    /// There are no workers to run it, and why.
    #[error("{0}")]
    NoWorkers(String),
    /// The pool was shut down, or the job abandoned, before it ended.
    #[error("the job is gone: {0}")]
    Gone(String),
}

/// A job in flight. It wakes its task through the task's waker when the reply is in. Dropping it
/// early abandons the job: a real pool terminates the worker running it.
pub type JobFuture = Pin<Box<dyn Future<Output = JobReport>>>;

/// Where a pool delivers the lines a job prints: `(worker, time, text)`, the time on the run's
/// clock (it may be ahead of the clock for a model; the runtime holds such lines back).
pub type LineSink = Box<dyn Fn(usize, f64, String)>;

/// A pool of workers, each running one job at a time; jobs beyond the free workers wait in
/// order. Dropping it (or [`Pool::shutdown`]) ends every worker, busy or not.
pub trait Pool {
    /// How many workers it has.
    fn workers(&self) -> usize;

    /// Queues `job` for the next free worker and returns its future.
    fn submit(&self, job: Job, lines: LineSink) -> JobFuture;

    /// Ends every worker now; jobs not finished fail.
    fn shutdown(&self);
}

/// Makes the pools of one run (part of its [`Backends`](super::Backends); the browser's are real
/// workers).
pub trait PoolMaker {
    /// A pool of `workers` workers for the run on `exec`.
    fn make(&self, exec: &Rc<Executor>, workers: usize) -> Rc<dyn Pool>;
}

/// Nominal cost, in real microseconds, of posting a job to a worker in the prediction.
pub const POST_US: f64 = 64.0;
/// Nominal cost, in real microseconds, of a worker's reply reaching the loop in the prediction.
pub const REPLY_US: f64 = 64.0;
/// Most workers `workers=0` (one per core) gives.
pub const MAX_AUTO_WORKERS: usize = 4;

thread_local! {
    static CORES: Cell<usize> = const { Cell::new(2) };
}

/// Tells the core how many cores the machine has (the browser reports
/// `navigator.hardwareConcurrency`); until then it assumes 2.
pub fn set_cores(cores: usize) {
    CORES.with(|c| c.set(cores.max(1)));
}

/// Workers for a `workers` parameter: itself if positive; for 0, one per core, at most
/// [`MAX_AUTO_WORKERS`].
pub fn resolve_workers(param: i64) -> usize {
    if param > 0 {
        param as usize
    } else {
        CORES.with(Cell::get).clamp(1, MAX_AUTO_WORKERS)
    }
}

/// The prediction's pools. A program's prediction hands it the interpreter
/// ([`VirtualPoolMaker::with_python`]) so Python jobs can be modelled too.
#[derive(Clone)]
pub struct VirtualPoolMaker {
    python: Option<Rc<dyn PythonKernel>>,
    /// Modelled cost of posting a job and of its reply, each (µs).
    handoff_us: f64,
}

impl Default for VirtualPoolMaker {
    fn default() -> Self {
        VirtualPoolMaker {
            python: None,
            handoff_us: POST_US,
        }
    }
}

impl VirtualPoolMaker {
    /// Pools whose Python jobs `python` models.
    pub fn with_python(python: Rc<dyn PythonKernel>) -> Self {
        VirtualPoolMaker {
            python: Some(python),
            ..Self::default()
        }
    }

    /// The same, with posting and replying taking `us` each (0: as a thread pool on CPython's
    /// virtual clock, where handing a job over takes no time).
    pub fn handoff(mut self, us: f64) -> Self {
        self.handoff_us = us.max(0.0);
        self
    }
}

impl PoolMaker for VirtualPoolMaker {
    fn make(&self, exec: &Rc<Executor>, workers: usize) -> Rc<dyn Pool> {
        Rc::new(VirtualPool {
            exec: exec.clone(),
            free_at_us: RefCell::new(vec![0.0; workers.max(1)]),
            python: self.python.clone(),
            handoff_us: self.handoff_us,
        })
    }
}

/// A pool in virtual time: a job goes to the worker free soonest, is posted when that worker's
/// previous reply is in, takes [`POST_US`] (or its maker's handoff), its kernel's modelled cost
/// ([`model`]), then as long again for the reply. Nothing runs: the job's future is a timer at
/// the reply's time.
pub struct VirtualPool {
    exec: Rc<Executor>,
    /// When each worker's last reply is in.
    free_at_us: RefCell<Vec<f64>>,
    /// Models Python jobs, when the run is a program's.
    python: Option<Rc<dyn PythonKernel>>,
    /// Modelled cost of posting a job and of its reply, each (µs).
    handoff_us: f64,
}

impl Pool for VirtualPool {
    fn workers(&self) -> usize {
        self.free_at_us.borrow().len()
    }

    fn submit(&self, job: Job, lines: LineSink) -> JobFuture {
        let now = self.exec.now_us();
        let mut free = self.free_at_us.borrow_mut();
        let worker = (0..free.len())
            .min_by(|&a, &b| free[a].total_cmp(&free[b]))
            .unwrap_or(0);
        let posted = free.get(worker).copied().unwrap_or(0.0).max(now);
        let started = posted + self.handoff_us;
        let modelled = model(&job, self.python.as_deref(), started);
        let ended = started + modelled.cost_us;
        let replied = ended + self.handoff_us;
        if let Some(slot) = free.get_mut(worker) {
            *slot = replied;
        }
        for (after_us, text) in modelled.lines {
            lines(worker, started + after_us, text);
        }
        let report = JobReport {
            worker: Some(worker),
            posted_us: Some(posted),
            ran_us: Some((started, ended)),
            result: modelled.result.map_err(JobError::Raised),
        };
        let until = Until::new(&self.exec, replied);
        Box::pin(async move {
            until.await;
            report
        })
    }

    fn shutdown(&self) {}
}

/// Makes pools whose jobs fail at once, saying why: the backends of a loop with no workers of its
/// own (a loop worker), so that no run passes a modelled pool off as a measured one.
pub struct RefusingPoolMaker {
    /// Why there are no workers, worded to end "… cannot run …".
    pub why: &'static str,
}

impl PoolMaker for RefusingPoolMaker {
    fn make(&self, _exec: &Rc<Executor>, workers: usize) -> Rc<dyn Pool> {
        Rc::new(RefusingPool {
            workers: workers.max(1),
            why: self.why,
        })
    }
}

struct RefusingPool {
    workers: usize,
    why: &'static str,
}

impl Pool for RefusingPool {
    fn workers(&self) -> usize {
        self.workers
    }

    fn submit(&self, _job: Job, _lines: LineSink) -> JobFuture {
        let report = JobReport {
            worker: None,
            posted_us: None,
            ran_us: None,
            result: Err(JobError::NoWorkers(self.why.to_string())),
        };
        Box::pin(std::future::ready(report))
    }

    fn shutdown(&self) {}
}

//! The worker-pool seam (`loop.run_in_executor(pool, …)`): scenarios submit a [`Job`] and await
//! its result while the loop goes on. The core defines the [`Pool`] trait, the virtual pool of the
//! prediction (a job takes its nominal cost on a worker lane, so N workers run N jobs at once in
//! virtual time) and the runtime API ([`Lab::pool`], [`LabPool::run_in_executor`]) that records
//! every job on the timeline. The browser adapter (`browser::pool`) implements the trait with Web
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
use std::task::{Context, Poll};

use super::executor::Executor;
use super::kernels::{model, Job, JobOutput, PythonKernel};
use super::lab::{Lab, Until};
use super::trace::{Event, Kind, TaskId};

/// What became of one job. Times are the run's clock (real microseconds since the run began).
#[derive(Clone, Debug, PartialEq)]
pub struct JobReport {
    /// The worker (0-based) it was given to, if it got one.
    pub worker: Option<usize>,
    /// When it was posted to that worker.
    pub posted_us: Option<f64>,
    /// When the kernel started and ended on the worker, if it ran.
    pub ran_us: Option<(f64, f64)>,
    /// The kernel's result, or why there is none (it panicked, the worker crashed).
    pub result: Result<JobOutput, String>,
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

/// Makes the pools of one run (installed on the executor; the browser driver installs real
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
            result: modelled.result,
        };
        let until = Until::new(&self.exec, replied);
        Box::pin(async move {
            until.await;
            report
        })
    }

    fn shutdown(&self) {}
}

impl Lab {
    /// A pool of `workers` workers for this run (`ProcessPoolExecutor(max_workers=workers)`):
    /// real Web Workers in the browser, modelled ones in the prediction. Its lanes appear on the
    /// timeline with its first job. Dropping the last handle ends its workers, busy or not.
    pub fn pool(&self, workers: usize) -> LabPool {
        let exec = self.executor().clone();
        let workers = workers.max(1);
        let pool = exec.pool_maker().make(&exec, workers);
        LabPool {
            inner: Rc::new(PoolShared {
                exec,
                pool,
                lanes: RefCell::new(Vec::new()),
                next_job: Cell::new(1),
            }),
        }
    }
}

/// A worker pool of the run. Cheap to clone; the workers end when the last clone is dropped.
#[derive(Clone)]
pub struct LabPool {
    inner: Rc<PoolShared>,
}

struct PoolShared {
    exec: Rc<Executor>,
    pool: Rc<dyn Pool>,
    lanes: RefCell<Vec<TaskId>>,
    next_job: Cell<u64>,
}

impl Drop for PoolShared {
    fn drop(&mut self) {
        self.pool.shutdown();
    }
}

impl PoolShared {
    /// The workers' lanes, added on first use (after the tasks spawned so far).
    fn lanes(&self) -> Vec<TaskId> {
        let mut lanes = self.lanes.borrow_mut();
        if lanes.is_empty() {
            *lanes = (1..=self.pool.workers())
                .map(|i| self.exec.add_worker_lane(&format!("worker {i}")))
                .collect();
        }
        lanes.clone()
    }
}

impl LabPool {
    /// How many workers it has.
    pub fn workers(&self) -> usize {
        self.inner.pool.workers()
    }

    /// The workers' lanes (empty until the first job).
    pub fn lanes(&self) -> Vec<TaskId> {
        self.inner.lanes.borrow().clone()
    }

    /// Runs `job` on the next free worker (`await loop.run_in_executor(pool, f, *args)`): the
    /// task gives the loop back until the reply is in. Fails with the kernel's message if it
    /// panicked or its worker crashed; the pool replaces that worker and goes on.
    pub fn run_in_executor(&self, job: Job) -> RunJob {
        RunJob {
            shared: self.inner.clone(),
            job: Some(job),
            state: None,
        }
    }
}

/// The future of [`LabPool::run_in_executor`]. Dropping it early abandons the job (a real pool
/// terminates its worker) and records the wait as cancelled.
pub struct RunJob {
    shared: Rc<PoolShared>,
    job: Option<Job>,
    state: Option<Submitted>,
}

struct Submitted {
    id: u64,
    task: TaskId,
    label: String,
    start_us: f64,
    open: u64,
    future: JobFuture,
}

impl RunJob {
    fn submit(&mut self, job: Job) {
        let shared = &self.shared;
        let exec = &shared.exec;
        let id = shared.next_job.get();
        shared.next_job.set(id + 1);
        let task = exec.current();
        let now = exec.now_us();
        let label = job.label(exec.us_per_s());
        let lanes = shared.lanes();
        let open = exec.open_span(Event {
            task,
            kind: Kind::Io,
            label: format!("await job #{id} {label}"),
            start_us: now,
            dur_us: 0.0,
            value: None,
            error: None,
            line: None,
        });
        let stamp = job.stamps_lines();
        let sink_exec = exec.clone();
        let sink: LineSink = Box::new(move |worker, at_us, text| {
            let Some(&lane) = lanes.get(worker) else {
                return;
            };
            let label = if stamp {
                format!("{:.4} \t{text}", at_us / sink_exec.us_per_s())
            } else {
                text
            };
            sink_exec.record_at(Event {
                task: lane,
                kind: Kind::Print,
                label,
                start_us: at_us,
                dur_us: 0.0,
                value: None,
                error: None,
                line: None,
            });
        });
        let future = shared.pool.submit(job, sink);
        exec.io_begin();
        self.state = Some(Submitted {
            id,
            task,
            label,
            start_us: now,
            open,
            future,
        });
    }

    fn record(&self, sub: &Submitted, report: &JobReport) {
        let exec = &self.shared.exec;
        let now = exec.now_us();
        let error = report.result.as_ref().err().cloned();
        let lane = report
            .worker
            .and_then(|w| self.shared.lanes.borrow().get(w).copied());
        let task_name = exec.with_trace(|t| {
            t.tasks
                .get(sub.task)
                .map_or_else(String::new, |i| i.name.clone())
        });
        let span = |task, label: String, from: f64, to: f64, value, error| Event {
            task,
            kind: Kind::Io,
            label,
            start_us: from,
            dur_us: (to - from).max(0.0),
            value,
            error,
            line: None,
        };
        if let (Some(lane), Some(posted)) = (lane, report.posted_us) {
            let posted = posted.clamp(sub.start_us, now);
            match report.ran_us {
                Some((started, ended)) => {
                    let started = started.clamp(posted, now);
                    let ended = ended.clamp(started, now);
                    exec.record(span(
                        lane,
                        format!("post job #{}", sub.id),
                        posted,
                        started,
                        None,
                        None,
                    ));
                    let value = match &report.result {
                        Ok(JobOutput::Prime { divisions, .. }) => Some(*divisions as f64),
                        _ => None,
                    };
                    exec.record(Event {
                        kind: Kind::Compute,
                        ..span(
                            lane,
                            format!("job #{} {} for {task_name}", sub.id, sub.label),
                            started,
                            ended,
                            value,
                            error.clone(),
                        )
                    });
                    exec.record(span(
                        lane,
                        format!("reply job #{}", sub.id),
                        ended,
                        now,
                        None,
                        None,
                    ));
                }
                None => exec.record(span(
                    lane,
                    format!("post job #{}", sub.id),
                    posted,
                    now,
                    None,
                    error.clone(),
                )),
            }
        }
        let on = report
            .worker
            .map_or_else(String::new, |w| format!(" on worker {}", w + 1));
        exec.record(span(
            sub.task,
            format!("await job #{} {}{on}", sub.id, sub.label),
            sub.start_us,
            now,
            None,
            error,
        ));
    }
}

impl Future for RunJob {
    type Output = Result<JobOutput, String>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        if let Some(job) = this.job.take() {
            this.submit(job);
        }
        let Some(sub) = this.state.as_mut() else {
            return Poll::Ready(Err("job polled after it ended".into()));
        };
        let Poll::Ready(report) = sub.future.as_mut().poll(cx) else {
            return Poll::Pending;
        };
        let Some(sub) = this.state.take() else {
            return Poll::Ready(Err("job polled after it ended".into()));
        };
        let exec = &this.shared.exec;
        exec.io_end();
        exec.close_span(sub.open);
        this.record(&sub, &report);
        Poll::Ready(report.result)
    }
}

impl Drop for RunJob {
    fn drop(&mut self) {
        let Some(sub) = self.state.take() else {
            return;
        };
        let exec = &self.shared.exec;
        exec.io_end();
        exec.close_span(sub.open);
        let now = exec.now_us();
        exec.record(Event {
            task: sub.task,
            kind: Kind::Io,
            label: format!("await job #{} {}", sub.id, sub.label),
            start_us: sub.start_us,
            dur_us: (now - sub.start_us).max(0.0),
            value: None,
            error: Some("cancelled: the job was abandoned and its worker ended".into()),
            line: None,
        });
        // Dropping the job's future abandons it (a real pool terminates its worker).
        drop(sub.future);
    }
}

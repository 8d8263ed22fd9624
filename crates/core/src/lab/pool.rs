//! `Lab::pool` and `run_in_executor`: jobs handed to the run's worker pool (real Web Workers or
//! modelled ones), each recorded on its worker's lane as post / compute / reply spans and on the
//! awaiting task's lane as one wait.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use super::Lab;
use crate::backend::pool::{JobError, JobFuture, JobReport, LineSink, Pool};
use crate::executor::Executor;
use crate::kernels::{Job, JobOutput};
use crate::trace::{Event, Kind, TaskId};

impl Lab {
    /// A pool of `workers` workers for this run (`ProcessPoolExecutor(max_workers=workers)`):
    /// real Web Workers in the browser, modelled ones in the prediction. Its lanes appear on the
    /// timeline with its first job. Dropping the last handle ends its workers, busy or not.
    pub fn pool(&self, workers: usize) -> LabPool {
        let exec = self.executor().clone();
        let workers = workers.max(1);
        let pool = self.backends.pools.make(&exec, workers);
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
            label: format!("await job #{id} {label}").into(),
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
                label: label.into(),
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
        let error = report.result.as_ref().err().map(ToString::to_string);
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
            label: label.into(),
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
    type Output = Result<JobOutput, JobError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        if let Some(job) = this.job.take() {
            this.submit(job);
        }
        let Some(sub) = this.state.as_mut() else {
            return Poll::Ready(Err(JobError::Gone("polled after it ended".into())));
        };
        let Poll::Ready(report) = sub.future.as_mut().poll(cx) else {
            return Poll::Pending;
        };
        let Some(sub) = this.state.take() else {
            return Poll::Ready(Err(JobError::Gone("polled after it ended".into())));
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
            label: format!("await job #{} {}", sub.id, sub.label).into(),
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

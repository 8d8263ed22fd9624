//! `Lab::ping_pong` and `Lab::post_once`: hops scheduled on the host's own queues (microtask,
//! `setTimeout(0)`, `MessageChannel`), measured on a real loop or charged their nominal cost.

use std::future::Future;
use std::rc::Rc;

use super::Lab;
use crate::backend::schedule::{PingPong, PingPongFuture, ScheduleError, Way};
use crate::executor::Executor;
use crate::format::fmt_us;
use crate::trace::{Event, Kind, TaskId};
use crate::until::Until;

impl Lab {
    /// Runs `switches` hops of a ping-pong scheduled `way` and waits for it without blocking the
    /// loop (the task gives the loop back; the executor counts the ping-pong as I/O). One `io`
    /// span covers it, labelled with the JavaScript call, its value the switches per second.
    ///
    /// On a real clock with a [`Scheduler`] installed, the browser really does it. Otherwise (the
    /// prediction) it takes [`Way::nominal_ns`], and the span's label says `nominal`. The finished
    /// span's label ends with the time per switch: `setTimeout(hop, 0) ×1000: 4.19 ms each`.
    pub async fn ping_pong(&self, way: Way, switches: u32) -> Result<PingPong, ScheduleError> {
        let exec = self.executor().clone();
        let start = exec.now_us();
        let task = exec.current();
        let scheduler = match exec.clock().is_virtual() {
            true => None,
            false => self.backends.scheduler.clone(),
        };
        let nominal = scheduler.is_none();
        let label = format!(
            "{} ×{switches}{}",
            way.call(),
            if nominal { " (nominal)" } else { "" }
        );
        let mut guard = SpanGuard::open(&exec, task, &label, start);
        let result = match scheduler {
            Some(scheduler) => {
                guard.counts_io();
                scheduler.ping_pong(way, switches).await
            }
            None => {
                let us = way.nominal_ns(u64::from(switches)) as f64 / 1000.0;
                Until::new(&exec, start + us).await;
                Ok(us)
            }
        };
        let outcome = result.map(|elapsed_us| PingPong {
            switches,
            elapsed_us,
            nominal,
        });
        // The span covers the whole wait (a browser's untimed warm-up hops included); its value
        // is the rate of the timed hops.
        let end = exec.now_us();
        guard.close();
        let label = match &outcome {
            Ok(p) if p.elapsed_us > 0.0 && switches > 0 => format!(
                "{label}: {} each",
                fmt_us(p.elapsed_us / f64::from(switches))
            ),
            _ => label,
        };
        exec.record(Event {
            task,
            kind: Kind::Io,
            label: label.into(),
            start_us: start,
            dur_us: (end - start).max(0.0),
            value: outcome.as_ref().ok().and_then(PingPong::rate),
            error: outcome.as_ref().err().map(ToString::to_string),
            line: None,
        });
        outcome
    }
}

impl Lab {
    /// Schedules one callback `way` now, in the caller's poll, and returns a future of its having
    /// run: callbacks queued one after another keep that order whatever the loop does next. On
    /// the page the browser's own queue decides when (a microtask before any task; a message or
    /// a timer as a task of their own); in the prediction [`Way::nominal_once_ns`]. An `io` span
    /// on the awaiting task's lane covers the wait.
    pub fn post_once(&self, way: Way) -> impl Future<Output = Result<f64, ScheduleError>> {
        let exec = self.executor().clone();
        let start = exec.now_us();
        let label = way.call_once().to_string();
        let wait: Result<Posted, ScheduleError> = if exec.clock().is_virtual() {
            let us = way.nominal_once_ns() as f64 / 1000.0;
            Ok(Posted::Nominal(Until::new(&exec, start + us), us))
        } else {
            // A real loop without the browser's queues (a worker) cannot honestly pretend.
            match self.backends.scheduler.clone() {
                Some(scheduler) => {
                    let io = IoCount::begin(&exec);
                    Ok(Posted::Real(scheduler.post_once(way), io))
                }
                None => Err(ScheduleError::NoScheduler),
            }
        };
        async move {
            let result = match wait {
                Ok(Posted::Nominal(until, us)) => {
                    until.await;
                    Ok(us)
                }
                Ok(Posted::Real(future, io)) => {
                    let result = future.await;
                    drop(io);
                    result
                }
                Err(msg) => Err(msg),
            };
            exec.record(Event {
                task: exec.current(),
                kind: Kind::Io,
                label: label.into(),
                start_us: start,
                dur_us: (exec.now_us() - start).max(0.0),
                value: None,
                error: result.as_ref().err().map(ToString::to_string),
                line: None,
            });
            result
        }
    }
}

/// A callback queued by [`Lab::post_once`]: the browser's, or the prediction's nominal wait.
enum Posted {
    Real(PingPongFuture, IoCount),
    Nominal(Until, f64),
}

/// Counts an operation outside the loop as pending I/O until dropped.
struct IoCount {
    exec: Rc<Executor>,
}

impl IoCount {
    fn begin(exec: &Rc<Executor>) -> Self {
        exec.io_begin();
        IoCount { exec: exec.clone() }
    }
}

impl Drop for IoCount {
    fn drop(&mut self) {
        self.exec.io_end();
    }
}

/// Keeps the ping-pong's span open (drawn growing in live views) and its I/O counted until the
/// ping-pong ends or is dropped (the task cancelled, Stop).
struct SpanGuard {
    exec: Rc<Executor>,
    open: Option<u64>,
    io: bool,
}

impl SpanGuard {
    fn open(exec: &Rc<Executor>, task: TaskId, label: &str, start_us: f64) -> Self {
        let open = exec.open_span(Event {
            task,
            kind: Kind::Io,
            label: label.into(),
            start_us,
            dur_us: 0.0,
            value: None,
            error: None,
            line: None,
        });
        SpanGuard {
            exec: exec.clone(),
            open: Some(open),
            io: false,
        }
    }

    fn counts_io(&mut self) {
        self.exec.io_begin();
        self.io = true;
    }

    fn close(&mut self) {
        if let Some(open) = self.open.take() {
            self.exec.close_span(open);
        }
        if std::mem::take(&mut self.io) {
            self.exec.io_end();
        }
    }
}

impl Drop for SpanGuard {
    fn drop(&mut self) {
        self.close();
    }
}

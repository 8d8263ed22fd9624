//! The scheduling seam: the ways a browser can run the next piece of work — a microtask, a
//! `setTimeout(0)` task, a `MessageChannel` task — measured by a ping-pong of task switches. The
//! core defines the ways, their nominal costs (the prediction) and the [`Scheduler`] trait; the
//! browser adapter (`browser::schedule`) implements it with the real APIs. Like the clock, this is
//! what lets the same scenario code predict and measure.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use super::executor::Executor;
use super::lab::{Lab, Until};
use super::trace::{Event, Kind, TaskId};

/// One way of handing control to the next callback.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Way {
    /// `Promise.resolve().then(hop)`: the hop runs before the browser does anything else — no
    /// rendering, no input, no other task in between.
    Microtask,
    /// `setTimeout(hop, 0)`: a task, and after 5 nested levels the browser clamps it to ≥ 4 ms.
    Timeout,
    /// `port.postMessage()` on a `MessageChannel`: a task too, but never clamped.
    Message,
}

/// Nominal cost of one microtask hop, in nanoseconds.
pub const MICROTASK_NS: u64 = 100;
/// Nominal cost of one `MessageChannel` hop (a full task of the event loop), in nanoseconds.
pub const MESSAGE_NS: u64 = 5_000;
/// The clamp on a nested `setTimeout(0)`, in nanoseconds (4 ms, from the HTML standard).
pub const TIMEOUT_CLAMP_NS: u64 = 4_000_000;
/// How many nested `setTimeout(0)` hops run unclamped first (nesting levels 1 to 5): each is
/// charged like a `MessageChannel` task.
pub const UNCLAMPED_TIMEOUTS: u64 = 5;

impl Way {
    /// All three, in the order the scenario runs them.
    pub const ALL: [Way; 3] = [Way::Microtask, Way::Timeout, Way::Message];

    /// Mode and URL id: `microtask`, `timeout`, `message`.
    pub fn id(self) -> &'static str {
        match self {
            Way::Microtask => "microtask",
            Way::Timeout => "timeout",
            Way::Message => "message",
        }
    }

    /// The name a person knows it by (lane name and printed line).
    pub fn name(self) -> &'static str {
        match self {
            Way::Microtask => "microtask",
            Way::Timeout => "setTimeout(0)",
            Way::Message => "MessageChannel",
        }
    }

    /// The JavaScript call that schedules one hop.
    pub fn call(self) -> &'static str {
        match self {
            Way::Microtask => "Promise.resolve().then(hop)",
            Way::Timeout => "setTimeout(hop, 0)",
            Way::Message => "port.postMessage()",
        }
    }

    /// The way called `id`.
    pub fn from_id(id: &str) -> Option<Way> {
        Way::ALL.into_iter().find(|w| w.id() == id)
    }

    /// The prediction's cost of one lone callback, in nanoseconds: a microtask runs as soon as
    /// the current task ends (0.1 µs), a message is the next task (5 µs), and a timer waits for
    /// the browser's next timer check (1 ms, nominal).
    pub fn nominal_once_ns(self) -> u64 {
        match self {
            Way::Microtask => MICROTASK_NS,
            Way::Message => MESSAGE_NS,
            Way::Timeout => 1_000_000,
        }
    }

    /// The JavaScript call that schedules one lone callback.
    pub fn call_once(self) -> &'static str {
        match self {
            Way::Microtask => "Promise.resolve().then(cb)",
            Way::Timeout => "setTimeout(cb, 0)",
            Way::Message => "port.postMessage(…) → onmessage",
        }
    }

    /// The prediction's cost of `switches` hops, in nanoseconds: 0.1 µs per microtask, 5 µs per
    /// `MessageChannel` task, and for `setTimeout(0)` 5 µs for each of the first
    /// [`UNCLAMPED_TIMEOUTS`] hops, then the 4 ms clamp for every further one. Nominal figures,
    /// not measurements.
    pub fn nominal_ns(self, switches: u64) -> u64 {
        match self {
            Way::Microtask => switches * MICROTASK_NS,
            Way::Message => switches * MESSAGE_NS,
            Way::Timeout => {
                let free = switches.min(UNCLAMPED_TIMEOUTS);
                free * MESSAGE_NS + (switches - free) * TIMEOUT_CLAMP_NS
            }
        }
    }
}

/// A ping-pong in progress: it resolves with the real microseconds from scheduling the first timed
/// hop to running the last (an adapter may make untimed warm-up hops first), or with why it could
/// not run. Dropping it stops the ping-pong.
pub type PingPongFuture = Pin<Box<dyn Future<Output = Result<f64, String>>>>;

/// Runs ping-pongs on a real event loop (the browser adapter implements it).
pub trait Scheduler {
    /// Starts bouncing control `switches` times, each hop scheduling the next `way`. The future
    /// wakes its task through the task's waker once the last hop has run.
    fn ping_pong(&self, way: Way, switches: u32) -> PingPongFuture;

    /// Schedules one callback `way`, with no warm-up, and resolves when it has run: what a
    /// single `setTimeout(cb, 0)`, `postMessage` or `.then(cb)` does. By default one hop of a
    /// ping-pong.
    fn post_once(&self, way: Way) -> PingPongFuture {
        self.ping_pong(way, 1)
    }
}

/// What a ping-pong took.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PingPong {
    /// The hops made.
    pub switches: u32,
    /// How long they took, in real microseconds.
    pub elapsed_us: f64,
    /// Whether the figure comes from the nominal cost model (the prediction) rather than from a
    /// measurement.
    pub nominal: bool,
}

impl PingPong {
    /// Switches per second, if the time is long enough to tell (a run shorter than the clock's
    /// resolution measures as 0).
    pub fn rate(&self) -> Option<f64> {
        (self.elapsed_us > 0.0).then(|| f64::from(self.switches) / (self.elapsed_us / 1e6))
    }
}

/// Formats a rate with three significant figures and a unit: `3.45 M`, `92.1 k`, `238`.
pub fn fmt_rate(per_s: f64) -> String {
    let (x, unit) = if per_s >= 1e6 {
        (per_s / 1e6, " M")
    } else if per_s >= 1e3 {
        (per_s / 1e3, " k")
    } else {
        (per_s, "")
    };
    let digits = if x >= 100.0 {
        0
    } else if x >= 10.0 {
        1
    } else {
        2
    };
    format!("{x:.digits$}{unit}")
}

/// Microseconds in the unit that suits them: `0.29 µs`, `12.4 µs`, `4.19 ms`, `4.19 s`.
pub fn fmt_us(us: f64) -> String {
    let (x, unit) = if us >= 1e6 {
        (us / 1e6, "s")
    } else if us >= 1e3 {
        (us / 1e3, "ms")
    } else {
        (us, "µs")
    };
    let digits = if x >= 100.0 {
        0
    } else if x >= 10.0 {
        1
    } else {
        2
    };
    format!("{x:.digits$} {unit}")
}

impl Lab {
    /// Runs `switches` hops of a ping-pong scheduled `way` and waits for it without blocking the
    /// loop (the task gives the loop back; the executor counts the ping-pong as I/O). One `io`
    /// span covers it, labelled with the JavaScript call, its value the switches per second.
    ///
    /// On a real clock with a [`Scheduler`] installed, the browser really does it. Otherwise (the
    /// prediction) it takes [`Way::nominal_ns`], and the span's label says `nominal`. The finished
    /// span's label ends with the time per switch: `setTimeout(hop, 0) ×1000: 4.19 ms each`.
    pub async fn ping_pong(&self, way: Way, switches: u32) -> Result<PingPong, String> {
        let exec = self.executor().clone();
        let start = exec.now_us();
        let task = exec.current();
        let scheduler = match exec.clock().is_virtual() {
            true => None,
            false => exec.scheduler(),
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
            label,
            start_us: start,
            dur_us: (end - start).max(0.0),
            value: outcome.as_ref().ok().and_then(PingPong::rate),
            error: outcome.as_ref().err().cloned(),
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
    pub fn post_once(&self, way: Way) -> impl Future<Output = Result<f64, String>> {
        let exec = self.executor().clone();
        let start = exec.now_us();
        let label = way.call_once().to_string();
        let wait: Result<Posted, String> = if exec.clock().is_virtual() {
            let us = way.nominal_once_ns() as f64 / 1000.0;
            Ok(Posted::Nominal(Until::new(&exec, start + us), us))
        } else {
            // A real loop without the browser's queues (a worker) cannot honestly pretend.
            match exec.scheduler() {
                Some(scheduler) => {
                    let io = IoCount::begin(&exec);
                    Ok(Posted::Real(scheduler.post_once(way), io))
                }
                None => Err("no browser scheduler on this loop".to_string()),
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
                label,
                start_us: start,
                dur_us: (exec.now_us() - start).max(0.0),
                value: None,
                error: result.as_ref().err().cloned(),
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
            label: label.to_string(),
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

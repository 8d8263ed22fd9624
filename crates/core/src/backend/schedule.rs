//! The scheduling seam: the ways a browser can run the next piece of work — a microtask, a
//! `setTimeout(0)` task, a `MessageChannel` task — measured by a ping-pong of task switches. The
//! core defines the ways, their nominal costs (the prediction) and the [`Scheduler`] trait; the
//! browser adapter (`browser::schedule`) implements it with the real APIs. Like the clock, this is
//! what lets the same scenario code predict and measure.

use std::future::Future;
use std::pin::Pin;

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
pub type PingPongFuture = Pin<Box<dyn Future<Output = Result<f64, ScheduleError>>>>;

/// Why a hop could not be scheduled.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    /// This loop has no host queues to schedule on (a loop worker has no page).
    #[error("no browser scheduler on this loop")]
    NoScheduler,
    /// The host refused to schedule a hop, in its words.
    #[error("{0}")]
    Refused(String),
    /// The ping-pong had already ended.
    #[error("the ping-pong already ended")]
    Ended,
}

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

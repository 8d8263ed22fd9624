//! Counts of what this thread holds that must not outlive a run — live workers, the handlers
//! they hold, pending timers, fetches in flight — read by `window.awaitlab.resources()` and tests.
//!
//! The owned types count themselves: each holds a [`Held`], which counts one on creation and
//! uncounts it on drop, so the figures are facts about what is alive, not guesses. A timer is
//! counted while it is pending: until it fires or is cancelled by dropping its handle.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use gloo_timers::callback::{Interval, Timeout};
use gloo_timers::future::TimeoutFuture;

/// What is alive right now on this thread.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Resources {
    /// Web Workers started and not yet terminated ([`super::owned_worker::OwnedWorker`]).
    pub workers: usize,
    /// Event handlers (closures) the page holds on workers.
    pub listeners: usize,
    /// Timers set through this module and not yet fired or cancelled.
    pub timers: usize,
    /// `fetch` requests in flight (and synchronous requests while they hold the thread).
    pub fetches: usize,
    /// Event loops alive: a page run's (its clock, which the loop holds to its end, counts it)
    /// and a loop worker's run. A loop kept alive after its run, by a leak, shows here.
    pub loops: usize,
}

/// Which count a [`Held`] is part of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resource {
    /// A live worker.
    Worker,
    /// A live event loop.
    Loop,
    /// A handler held on a worker.
    Listener,
    /// A pending timer.
    Timer,
    /// A request in flight.
    Fetch,
}

thread_local! {
    static COUNTS: Cell<Resources> = const {
        Cell::new(Resources { workers: 0, listeners: 0, timers: 0, fetches: 0, loops: 0 })
    };
}

/// The counts now.
pub fn resources() -> Resources {
    COUNTS.get()
}

fn add(resource: Resource, delta: isize) {
    let mut counts = COUNTS.get();
    let slot = match resource {
        Resource::Worker => &mut counts.workers,
        Resource::Listener => &mut counts.listeners,
        Resource::Timer => &mut counts.timers,
        Resource::Fetch => &mut counts.fetches,
        Resource::Loop => &mut counts.loops,
    };
    *slot = slot.saturating_add_signed(delta);
    COUNTS.set(counts);
}

/// One counted resource: counted while this value lives.
#[must_use = "the resource is uncounted when this is dropped"]
#[derive(Debug)]
pub struct Held(Resource);

impl Held {
    /// Counts one `resource` until the returned value is dropped.
    pub fn new(resource: Resource) -> Self {
        add(resource, 1);
        Held(resource)
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        add(self.0, -1);
    }
}

/// A `setTimeout` callback (gloo's [`Timeout`]), counted until it fires; dropping the handle
/// cancels it.
#[must_use = "the timer is cancelled when the handle is dropped"]
pub struct Timer {
    _timeout: Timeout,
    _pending: Rc<Cell<Option<Held>>>,
}

impl Timer {
    /// Calls `f` after `ms` milliseconds, unless the handle is dropped first.
    pub fn new(ms: u32, f: impl FnOnce() + 'static) -> Self {
        let pending = Rc::new(Cell::new(Some(Held::new(Resource::Timer))));
        let fired = pending.clone();
        let timeout = Timeout::new(ms, move || {
            drop(fired.take());
            f();
        });
        Timer {
            _timeout: timeout,
            _pending: pending,
        }
    }
}

/// A `setInterval` callback (gloo's [`Interval`]), counted while the handle lives.
#[must_use = "the interval is cleared when the handle is dropped"]
pub struct Ticker {
    _interval: Interval,
    _held: Held,
}

impl Ticker {
    /// Calls `f` every `ms` milliseconds until the handle is dropped.
    pub fn new(ms: u32, f: impl FnMut() + 'static) -> Self {
        Ticker {
            _interval: Interval::new(ms, f),
            _held: Held::new(Resource::Timer),
        }
    }
}

/// A future that resolves after `ms` milliseconds (gloo's [`TimeoutFuture`]), counted until it
/// resolves or is dropped.
#[must_use = "futures do nothing unless awaited"]
pub struct Sleep {
    inner: TimeoutFuture,
    held: Option<Held>,
}

/// Resolves after `ms` milliseconds.
pub fn sleep(ms: u32) -> Sleep {
    Sleep {
        inner: TimeoutFuture::new(ms),
        held: Some(Held::new(Resource::Timer)),
    }
}

impl Future for Sleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let ready = Pin::new(&mut self.inner).poll(cx);
        if ready.is_ready() {
            self.held = None;
        }
        ready
    }
}

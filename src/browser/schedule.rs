//! The browser's own scheduling, for ping-pongs: each hop schedules the next as a microtask
//! (`Promise.resolve().then`), a `setTimeout(0)` task or a `MessageChannel` task, and the last hop
//! reports how long they all took (`performance.now()`).
//!
//! Microtask and `MessageChannel` ping-pongs first make [`WARM_UP_HOPS`] untimed hops of the same
//! kind: on a fresh page the first calls compile the callback and the JavaScript glue, a one-off
//! cost of a few milliseconds that would otherwise swamp a short run. `setTimeout(0)` gets none:
//! its first hops are the unclamped ones, and the clamp is what it shows. The engine keeps
//! optimising for thousands of hops more, so a second run on the same page still reads faster.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use js_sys::Promise;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{MessageChannel, Performance, Window};

use super::resources::{Held, Resource};
use awaitlab_core::backend::schedule::{PingPongFuture, ScheduleError, Scheduler, Way};

thread_local! {
    /// Hops scheduled on this thread so far, of every ping-pong: a stopped ping-pong schedules
    /// no more (tests read it through [`hops_scheduled`]).
    static HOPS: Cell<u64> = const { Cell::new(0) };
}

/// How many hops ping-pongs have scheduled on this thread so far.
pub fn hops_scheduled() -> u64 {
    HOPS.get()
}

/// Runs ping-pongs with the page's scheduling APIs.
#[derive(Clone, Copy, Debug, Default)]
pub struct BrowserScheduler;

impl Scheduler for BrowserScheduler {
    fn ping_pong(&self, way: Way, switches: u32) -> PingPongFuture {
        if switches == 0 {
            return Box::pin(std::future::ready(Ok(0.0)));
        }
        match Chain::start(way, switches, true) {
            Ok(chain) => Box::pin(Wait { chain }),
            Err(msg) => Box::pin(std::future::ready(Err(msg))),
        }
    }

    fn post_once(&self, way: Way) -> PingPongFuture {
        // No warm-up: the point is where one lone callback lands among the browser's queues.
        match Chain::start(way, 1, false) {
            Ok(chain) => Box::pin(Wait { chain }),
            Err(msg) => Box::pin(std::future::ready(Err(msg))),
        }
    }
}

type Hop = Closure<dyn FnMut(JsValue)>;

/// Untimed hops before a microtask or `MessageChannel` ping-pong is timed.
pub const WARM_UP_HOPS: u32 = 200;

/// One ping-pong in progress. The hop closure holds the chain (and the chain the closure) until
/// the last hop, or the first hop after a cancellation, breaks the cycle.
struct Chain {
    way: Way,
    window: Window,
    performance: Option<Performance>,
    channel: Option<MessageChannel>,
    /// An already-resolved promise: each microtask hop is one `.then` on it.
    resolved: Promise,
    /// Untimed hops still to make before the timed ones.
    warm_up: Cell<u32>,
    left: Cell<u32>,
    t0_ms: Cell<f64>,
    cancelled: Cell<bool>,
    result: RefCell<Option<Result<f64, ScheduleError>>>,
    waker: RefCell<Option<Waker>>,
    hop: RefCell<Option<Hop>>,
    /// The `setTimeout` hop pending, counted as a timer until it runs.
    timer: RefCell<Option<Held>>,
}

fn js_error(e: JsValue) -> ScheduleError {
    ScheduleError::Refused(
        e.as_string()
            .or_else(|| {
                e.dyn_ref::<js_sys::Error>()
                    .map(|e| String::from(e.message()))
            })
            .unwrap_or_else(|| "the browser refused to schedule the next hop".to_string()),
    )
}

impl Chain {
    fn start(way: Way, switches: u32, warm_up: bool) -> Result<Rc<Chain>, ScheduleError> {
        let window = web_sys::window().ok_or(ScheduleError::NoScheduler)?;
        let channel = match way {
            Way::Message => Some(MessageChannel::new().map_err(js_error)?),
            _ => None,
        };
        let chain = Rc::new(Chain {
            way,
            performance: window.performance(),
            window,
            channel,
            resolved: Promise::resolve(&JsValue::UNDEFINED),
            warm_up: Cell::new(match way {
                Way::Microtask | Way::Message if warm_up => WARM_UP_HOPS,
                _ => 0,
            }),
            left: Cell::new(switches),
            t0_ms: Cell::new(0.0),
            cancelled: Cell::new(false),
            result: RefCell::new(None),
            waker: RefCell::new(None),
            hop: RefCell::new(None),
            timer: RefCell::new(None),
        });
        let inner = chain.clone();
        let hop: Hop = Closure::new(move |_: JsValue| inner.on_hop());
        if let Some(channel) = &chain.channel {
            channel
                .port1()
                .set_onmessage(Some(hop.as_ref().unchecked_ref()));
        }
        *chain.hop.borrow_mut() = Some(hop);
        chain.t0_ms.set(chain.now_ms());
        if let Err(msg) = chain.schedule() {
            chain.finish(Some(Err(msg)));
        }
        Ok(chain)
    }

    fn now_ms(&self) -> f64 {
        self.performance.as_ref().map_or(0.0, Performance::now)
    }

    /// Schedules the next hop.
    fn schedule(&self) -> Result<(), ScheduleError> {
        let hop = self.hop.borrow();
        let hop = hop.as_ref().ok_or(ScheduleError::Ended)?;
        HOPS.set(HOPS.get() + 1);
        match self.way {
            Way::Microtask => {
                // The returned promise is not needed: the hop itself schedules the next.
                let _ = self.resolved.then(hop);
            }
            Way::Timeout => {
                self.window
                    .set_timeout_with_callback_and_timeout_and_arguments_0(
                        hop.as_ref().unchecked_ref(),
                        0,
                    )
                    .map_err(js_error)?;
                *self.timer.borrow_mut() = Some(Held::new(Resource::Timer));
            }
            Way::Message => {
                let channel = self
                    .channel
                    .as_ref()
                    .ok_or_else(|| ScheduleError::Refused("no MessageChannel".into()))?;
                channel
                    .port2()
                    .post_message(&JsValue::UNDEFINED)
                    .map_err(js_error)?;
            }
        }
        Ok(())
    }

    fn on_hop(&self) {
        drop(self.timer.borrow_mut().take());
        if self.cancelled.get() {
            self.finish(None);
            return;
        }
        let warm_up = self.warm_up.get();
        if warm_up > 0 {
            self.warm_up.set(warm_up - 1);
            if warm_up == 1 {
                // The timed hops start with the one scheduled now.
                self.t0_ms.set(self.now_ms());
            }
            if let Err(msg) = self.schedule() {
                self.finish(Some(Err(msg)));
            }
            return;
        }
        let left = self.left.get().saturating_sub(1);
        self.left.set(left);
        if left == 0 {
            let elapsed_us = (self.now_ms() - self.t0_ms.get()) * 1000.0;
            self.finish(Some(Ok(elapsed_us)));
        } else if let Err(msg) = self.schedule() {
            self.finish(Some(Err(msg)));
        }
    }

    /// Reports `result` (if any), wakes the waiting task and takes the chain apart. The hop
    /// closure may be the caller, so it is dropped later, from a timer, not now.
    fn finish(&self, result: Option<Result<f64, ScheduleError>>) {
        if let Some(result) = result {
            *self.result.borrow_mut() = Some(result);
        }
        if let Some(waker) = self.waker.borrow_mut().take() {
            waker.wake();
        }
        if let Some(channel) = &self.channel {
            channel.port1().set_onmessage(None);
            channel.port1().close();
            channel.port2().close();
        }
        if let Some(hop) = self.hop.borrow_mut().take() {
            let pending = Held::new(Resource::Timer);
            let dropper = Closure::once_into_js(move || drop((hop, pending)));
            // Should the timer fail, the closure stays alive (leaked) rather than freed mid-call.
            let _ = self
                .window
                .set_timeout_with_callback(dropper.unchecked_ref());
        }
    }
}

/// The future the loop's task awaits. Dropping it cancels the ping-pong at its next hop.
struct Wait {
    chain: Rc<Chain>,
}

impl Future for Wait {
    type Output = Result<f64, ScheduleError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if let Some(result) = self.chain.result.borrow_mut().take() {
            return Poll::Ready(result);
        }
        *self.chain.waker.borrow_mut() = Some(cx.waker().clone());
        Poll::Pending
    }
}

impl Drop for Wait {
    fn drop(&mut self) {
        self.chain.cancelled.set(true);
    }
}

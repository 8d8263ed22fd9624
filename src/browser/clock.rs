//! The real clock: `performance.now()` with the `Performance` object looked up once (≈100 ns a
//! call, against ≈1 µs through `window()` each time). It reads the global scope's `performance`,
//! so it works on the page and in a worker (where there is no `window`).

use std::cell::Cell;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::Performance;

use super::resources::{Held, Resource};
use awaitlab_core::clock::Clock;

thread_local! {
    /// Real microseconds this thread has spent held by blocking calls (busy-wait sleeps,
    /// synchronous requests) since it started: the driver leaves them out of its batch budget.
    static HELD_US: Cell<f64> = const { Cell::new(0.0) };
}

thread_local! {
    /// `performance.now()` when the driver last resumed after giving the thread a turn, ms.
    static LAST_TURN_MS: Cell<f64> = const { Cell::new(f64::NAN) };
}

/// Notes that the thread has just had a turn (the driver calls it as it resumes): blocking
/// requests count the freeze limit from here.
pub fn note_turn() {
    LAST_TURN_MS.set(global_performance().map_or(0.0, |p| p.now()));
}

/// Forgets the last turn (the driver's run ended): requests outside a run count from nothing.
pub fn forget_turn() {
    LAST_TURN_MS.set(f64::NAN);
}

/// Real milliseconds since [`note_turn`] (0 outside a run).
pub fn since_turn_ms() -> f64 {
    let last = LAST_TURN_MS.get();
    if last.is_nan() {
        return 0.0;
    }
    (global_performance().map_or(0.0, |p| p.now()) - last).max(0.0)
}

/// Real microseconds this thread has spent held by blocking calls so far (see [`note_held`]).
pub fn held_us() -> f64 {
    HELD_US.get()
}

/// Counts `us` real microseconds during which a blocking call held this thread.
pub fn note_held(us: f64) {
    HELD_US.set(HELD_US.get() + us.max(0.0));
}

/// Real time since the run began, read from the page's high-resolution clock.
pub struct RealClock {
    performance: Option<Performance>,
    origin_ms: Cell<f64>,
    /// A run's loop holds its clock to its end: while the clock lives, a loop is counted alive.
    _loop: Held,
}

impl RealClock {
    /// A clock whose zero is now.
    pub fn start() -> Self {
        let performance = global_performance();
        let origin_ms = performance.as_ref().map_or(0.0, Performance::now);
        RealClock {
            performance,
            origin_ms: Cell::new(origin_ms),
            _loop: Held::new(Resource::Loop),
        }
    }

    /// The `performance.now()` reading that is this clock's zero.
    pub fn origin_ms(&self) -> f64 {
        self.origin_ms.get()
    }

    /// Moves the zero to now (a run prepared ahead starts its clock when it starts running).
    pub fn restart(&self) {
        self.origin_ms.set(self.now_ms());
    }

    fn now_ms(&self) -> f64 {
        match &self.performance {
            Some(p) => p.now(),
            None => js_sys::Date::now(),
        }
    }
}

impl Clock for RealClock {
    fn now_us(&self) -> f64 {
        (self.now_ms() - self.origin_ms.get()) * 1000.0
    }

    /// Busy-waits: the thread really is held, which is what a blocking call does.
    fn block_until(&self, until_us: f64) {
        let start = self.now_us();
        let mut now = start;
        while now < until_us {
            std::hint::spin_loop();
            now = self.now_us();
        }
        note_held(now - start);
    }

    fn advance_to(&self, _until_us: f64) -> bool {
        false
    }
}

/// The global scope's `performance` (the page's `window.performance`, or a worker's).
pub fn global_performance() -> Option<Performance> {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("performance"))
        .ok()
        .and_then(|p| p.dyn_into::<Performance>().ok())
}

thread_local! {
    /// This thread's `performance` and its `timeOrigin` (fixed for the thread's life), looked
    /// up once: a pool job's interpreter reads this clock every thousand instructions, and a
    /// lookup by name is several calls into JavaScript and a string each time.
    static PERFORMANCE: Option<(Performance, f64)> = global_performance().map(|p| {
        let origin = p.time_origin();
        (p, origin)
    });
}

/// `performance.timeOrigin + performance.now()` in this thread (page or worker), in ms: a time
/// both sides of a `postMessage` read alike.
pub fn epoch_ms() -> f64 {
    PERFORMANCE.with(|p| match p {
        Some((performance, origin)) => origin + performance.now(),
        None => js_sys::Date::now(),
    })
}

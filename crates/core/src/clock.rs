//! The clock the executor reads: one trait, a virtual implementation here and a real one in the
//! browser adapter. This is the seam that lets the same scenario code predict and measure.

use std::cell::Cell;

/// A source of time for one run, in real microseconds since the run began.
pub trait Clock {
    /// The current time.
    fn now_us(&self) -> f64;

    /// Holds the thread until `until_us` (the analogue of `time.sleep`): a real clock busy-waits,
    /// the virtual clock jumps.
    fn block_until(&self, until_us: f64);

    /// Moves an idle loop forward to `until_us`. Only a virtual clock can; a real loop waits on a
    /// timer instead, so a real clock returns `false`.
    fn advance_to(&self, until_us: f64) -> bool;

    /// Whether this clock models time instead of measuring it. Work that takes real time on a real
    /// loop (CPU work, the browser's own scheduling) then advances it by a stated cost model
    /// instead of running for real.
    fn is_virtual(&self) -> bool {
        false
    }
}

/// Deterministic time: it only moves when the loop is idle (to the next timer) or a task blocks.
/// Polls take no virtual time, which is what makes the predicted trace exact; CPU work recorded with
/// `Lab::compute` advances it by its stated cost model.
#[derive(Debug, Default)]
pub struct VirtualClock {
    now_us: Cell<f64>,
}

impl VirtualClock {
    /// A clock at zero.
    pub fn new() -> Self {
        Self::default()
    }
}

impl Clock for VirtualClock {
    fn now_us(&self) -> f64 {
        self.now_us.get()
    }

    fn block_until(&self, until_us: f64) {
        self.advance_to(until_us);
    }

    fn advance_to(&self, until_us: f64) -> bool {
        if until_us > self.now_us.get() {
            self.now_us.set(until_us);
        }
        true
    }

    fn is_virtual(&self) -> bool {
        true
    }
}

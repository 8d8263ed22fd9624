//! A wait for a moment on the loop's clock: what modelled work (a nominal callback, a virtual
//! worker job) waits on. A timer on the executor, removed if the wait is dropped.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use super::executor::Executor;
use super::trace::TaskId;

/// Waits until the loop's clock reaches a deadline (a timer on the loop); the timer goes if the
/// wait is dropped. What modelled work (a nominal callback, a virtual worker job) waits on.
pub struct Until {
    exec: Rc<Executor>,
    deadline_us: f64,
    timer: Option<u64>,
    timer_task: Option<TaskId>,
}

impl Until {
    /// A wait that ends when `exec`'s clock reaches `deadline_us`.
    pub fn new(exec: &Rc<Executor>, deadline_us: f64) -> Self {
        Until {
            exec: exec.clone(),
            deadline_us,
            timer: None,
            timer_task: None,
        }
    }
}

impl Future for Until {
    type Output = ();

    fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        let this = self.get_mut();
        if this.exec.now_us() >= this.deadline_us {
            if let Some(timer) = this.timer.take() {
                this.exec.remove_timer(timer);
            }
            return Poll::Ready(());
        }
        // The timer wakes whichever task polls it now (a job submitted by one task may be
        // awaited by another).
        let task = this.exec.current();
        if this.timer_task != Some(task) {
            if let Some(timer) = this.timer.take() {
                this.exec.remove_timer(timer);
            }
            this.timer = Some(this.exec.add_timer(this.deadline_us, task));
            this.timer_task = Some(task);
        }
        Poll::Pending
    }
}

impl Drop for Until {
    fn drop(&mut self) {
        if let Some(timer) = self.timer.take() {
            self.exec.remove_timer(timer);
        }
    }
}

//! An async lock (`asyncio.Lock`): one task holds it at a time, the others wait without blocking
//! the loop. Waits are recorded on the timeline and reported to the executor, so a run where tasks
//! wait on each other's locks is stopped and the cycle named.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use super::Lab;
use crate::executor::Executor;
use crate::trace::{Event, Kind, TaskId};

struct LockState {
    name: String,
    holder: Option<TaskId>,
    waiters: VecDeque<(TaskId, Waker)>,
}

/// A named async lock shared by cloning.
#[derive(Clone)]
pub struct Lock {
    state: Rc<RefCell<LockState>>,
    exec: Rc<Executor>,
}

impl Lock {
    /// A free lock called `name` (the name appears in waits and deadlock messages).
    pub fn new(lab: &Lab, name: &str) -> Self {
        Lock {
            state: Rc::new(RefCell::new(LockState {
                name: name.to_string(),
                holder: None,
                waiters: VecDeque::new(),
            })),
            exec: lab.executor().clone(),
        }
    }

    /// Waits until the lock is free and takes it; it is released when the guard is dropped.
    pub fn acquire(&self) -> Acquire {
        Acquire {
            lock: self.clone(),
            waiting: None,
        }
    }

    /// The task holding it, if any.
    pub fn holder(&self) -> Option<TaskId> {
        self.state.borrow().holder
    }
}

/// The future of [`Lock::acquire`].
pub struct Acquire {
    lock: Lock,
    /// (task, start, open-span key) while waiting.
    waiting: Option<(TaskId, f64, u64)>,
}

impl Acquire {
    fn stop_waiting(&mut self, error: Option<String>) {
        if let Some((task, start, key)) = self.waiting.take() {
            let exec = &self.lock.exec;
            exec.close_span(key);
            exec.set_waiting_on(task, None);
            let name = self.lock.state.borrow().name.clone();
            exec.record(Event {
                task,
                kind: Kind::Scenario,
                label: format!("wait for {name}").into(),
                start_us: start,
                dur_us: (exec.now_us() - start).max(0.0),
                value: None,
                error,
                line: None,
            });
        }
    }
}

impl Future for Acquire {
    type Output = LockGuard;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<LockGuard> {
        let task = self.lock.exec.current();
        let (free, name, holder) = {
            let st = self.lock.state.borrow();
            (st.holder.is_none(), st.name.clone(), st.holder)
        };
        if free {
            self.lock.state.borrow_mut().holder = Some(task);
            self.stop_waiting(None);
            return Poll::Ready(LockGuard {
                lock: self.lock.clone(),
            });
        }
        {
            let mut st = self.lock.state.borrow_mut();
            if !st.waiters.iter().any(|(t, _)| *t == task) {
                st.waiters.push_back((task, cx.waker().clone()));
            }
        }
        self.lock
            .exec
            .set_waiting_on(task, Some((name.clone(), holder)));
        if self.waiting.is_none() {
            let now = self.lock.exec.now_us();
            let key = self.lock.exec.open_span(Event {
                task,
                kind: Kind::Scenario,
                label: format!("wait for {name}").into(),
                start_us: now,
                dur_us: 0.0,
                value: None,
                error: None,
                line: None,
            });
            self.waiting = Some((task, now, key));
        }
        Poll::Pending
    }
}

impl Drop for Acquire {
    fn drop(&mut self) {
        if let Some((task, _, _)) = self.waiting {
            self.lock
                .state
                .borrow_mut()
                .waiters
                .retain(|(t, _)| *t != task);
            self.stop_waiting(Some("never acquired".into()));
        }
    }
}

/// Holds a [`Lock`]; dropping it releases the lock and wakes the first waiter.
pub struct LockGuard {
    lock: Lock,
}

impl Drop for LockGuard {
    fn drop(&mut self) {
        let next = {
            let mut st = self.lock.state.borrow_mut();
            st.holder = None;
            st.waiters.pop_front()
        };
        if let Some((_, waker)) = next {
            waker.wake();
        }
    }
}

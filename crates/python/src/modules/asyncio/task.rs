//! Tasks: each Python task (and the module's own code, and each `call_soon` callback) is one
//! runtime task — a lane on the timeline — whose future steps the VM. When the VM suspends on a
//! runtime operation the future holds it and returns `Pending`; `task.cancel()` makes the next
//! poll throw `CancelledError` where the task waits, so `finally` and `__aexit__` run, as in
//! CPython.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::task::{Context, Poll, Waker};

use awaitlab_core::trace::{Outcome as LaneEnd, TaskId};

use super::future::{cancelled_error, FutCore, FutState};
use crate::error::PyErr;
use crate::object::{Class, Native};
use crate::types::with_types;
use crate::value::Value;
use crate::vm::frame::Frame;
use crate::vm::{call, Args, Awaiting, Outcome, Pending, Vm};

/// An `asyncio.Task`.
pub struct TaskObj {
    /// Its future state.
    pub core: Rc<FutCore>,
    /// `get_name()` (`Task-2`, or what `name=` gave).
    pub name: RefCell<String>,
    /// The coroutine's `__qualname__` (for `repr`).
    pub coro_name: Rc<str>,
    /// The coroutine object (`get_coro()`).
    pub coro: Value,
    /// Its lane, once spawned.
    pub lane: Cell<Option<TaskId>>,
    /// A cancellation asked for and not yet delivered (`Some(msg)`).
    pub cancel_requested: RefCell<Option<Option<String>>>,
    /// Cancellations requested in its life (`cancelling()`).
    pub cancels: Cell<u32>,
    /// The waker of its runtime task, to deliver a cancellation.
    pub waker: RefCell<Option<Waker>>,
    /// Deadlines of `asyncio.timeout` blocks it is in.
    pub timeouts: RefCell<Vec<Rc<super::timeout::Arm>>>,
    /// The loop it belongs to: it only moves while that loop runs.
    pub loop_id: u64,
}

thread_local! {
    pub(super) static TASK_CLASS: Rc<Class> = {
        let c = crate::vm::call::plain_class("Task", "asyncio");
        super::methods::install_task_methods(&c);
        c
    };
}

impl TaskObj {
    /// Asks for cancellation: the task's next poll throws `CancelledError` where it waits.
    pub fn request_cancel(&self, msg: Option<String>) -> bool {
        if self.core.done() {
            return false;
        }
        *self.cancel_requested.borrow_mut() = Some(msg);
        self.cancels.set(self.cancels.get() + 1);
        if let Some(w) = self.waker.borrow().as_ref() {
            w.wake_by_ref();
        }
        true
    }
}

impl Native for TaskObj {
    fn class(&self) -> Rc<Class> {
        TASK_CLASS.with(|c| c.clone())
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }

    fn repr(&self, vm: &Vm) -> Option<String> {
        let name = self.name.borrow();
        let state = match self.core.state() {
            FutState::Pending => format!(
                "<Task pending name='{name}' coro=<{}() running>>",
                self.coro_name
            ),
            FutState::Done(v) => format!(
                "<Task finished name='{name}' coro=<{}() done> result={}>",
                self.coro_name,
                crate::vm::text::repr(vm, &v).unwrap_or_default()
            ),
            FutState::Failed(e) => format!(
                "<Task finished name='{name}' coro=<{}() done> exception={}>",
                self.coro_name,
                crate::vm::text::repr(vm, &e.value()).unwrap_or_default()
            ),
            FutState::Cancelled(_) => {
                format!(
                    "<Task cancelled name='{name}' coro=<{}() done>>",
                    self.coro_name
                )
            }
        };
        Some(state)
    }
}

/// What a runtime task starts with.
pub enum Start {
    /// Await this coroutine (a task).
    Await(Value),
    /// Call this (a `call_soon` callback).
    Call(Value, Args),
    /// Run this frame (the module's top level).
    Frame(Box<Frame>),
    /// Wait this many scenario seconds, then call (`call_later`).
    Later(f64, Value, Args),
}

/// Which kind of lane.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum LaneRole {
    /// The module's top level (lane 0, `main`): its end ends the run.
    Module,
    /// An `asyncio.Task`.
    Task,
    /// A callback the loop runs (`call_soon`, `call_later`, done callbacks).
    Callback,
}

/// The runtime task's future: steps the VM.
pub struct PyTask {
    vm: Rc<Vm>,
    stack: Vec<Frame>,
    pending: Option<Pending>,
    start: Option<Start>,
    task: Option<Rc<TaskObj>>,
    kind: LaneRole,
    /// For `call_later`: the call to make once the wait is over.
    then: Option<(Value, Args)>,
    /// The loop it belongs to (`None`: the module's own lane, which always runs).
    loop_id: Option<u64>,
}

impl PyTask {
    fn outcome_of_start(&mut self, start: Start) -> Outcome {
        let vm = self.vm.clone();
        let awaiting = match start {
            Start::Await(aw) => vm.start_await(aw, None),
            Start::Call(f, args) => match call::prepare(&vm, &f, args) {
                Ok(call::Prepared::Value(v)) => Ok(Awaiting::Value(v)),
                Ok(call::Prepared::Frame(frame)) => Ok(Awaiting::Frame(frame)),
                Ok(call::Prepared::Await(aw)) => vm.start_await(aw, None),
                Err(e) => Err(e),
            },
            Start::Frame(frame) => Ok(Awaiting::Frame(frame)),
            Start::Later(secs, f, args) => {
                self.then = Some((f, args));
                let sleep = vm.lab.sleep(secs);
                Ok(Awaiting::Pending(Pending::new(async move {
                    sleep.await;
                    Ok(Value::None)
                })))
            }
        };
        match awaiting {
            Ok(Awaiting::Value(v)) => Outcome::Return(v),
            Ok(Awaiting::Pending(p)) => Outcome::Suspend(p),
            Ok(Awaiting::Frame(frame)) => {
                self.stack.push(*frame);
                vm.run(&mut self.stack, 0)
            }
            Err(e) => Outcome::Raise(e),
        }
    }

    fn finish_ok(&mut self, v: Value) -> LaneEnd {
        let vm = self.vm.clone();
        if let Some(task) = &self.task {
            let me = Value::Native(task.clone());
            let _ = task.core.finish(&vm, FutState::Done(v), &me);
        }
        if self.kind == LaneRole::Module {
            vm.flush_out();
            super::report_unretrieved(&vm);
        }
        LaneEnd::Done
    }

    fn finish_err(&mut self, e: PyErr) -> LaneEnd {
        let vm = self.vm.clone();
        let cancelled = with_types(|t| e.is(&t.cancelled_error));
        if e.is_abort() {
            let msg = e.message().unwrap_or_else(|| "stopped".into());
            vm.flush_out();
            vm.write_err(&msg);
            if let Some(why) = e.abort_reason() {
                vm.lab.executor().finish(Some(why));
            }
            return LaneEnd::Failed(msg);
        }
        if let Some(task) = &self.task {
            let me = Value::Native(task.clone());
            let state = if cancelled {
                FutState::Cancelled(e.message())
            } else {
                FutState::Failed(e.clone())
            };
            let _ = task.core.finish(&vm, state, &me);
            return if cancelled {
                LaneEnd::Cancelled
            } else {
                LaneEnd::Failed(super::exception_line(&vm, &e))
            };
        }
        if cancelled {
            return LaneEnd::Cancelled;
        }
        if self.kind == LaneRole::Module && with_types(|t| e.is(&t.system_exit)) {
            if let Some(msg) = e.message() {
                vm.write_err(&msg);
            }
            return LaneEnd::Done;
        }
        vm.flush_out();
        if self.kind == LaneRole::Callback {
            vm.write_err("Exception in callback");
        }
        super::print_traceback(&vm, &e);
        if self.kind == LaneRole::Module {
            super::report_unretrieved(&vm);
        }
        LaneEnd::Failed(super::exception_line(&vm, &e))
    }
}

impl Future for PyTask {
    type Output = LaneEnd;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<LaneEnd> {
        let this = self.get_mut();
        let vm = this.vm.clone();
        if let Some(id) = this.loop_id {
            if vm.asyncio.running_loop.get() != Some(id) {
                // Its loop is not running: wait for it to start (CPython's tasks only move on
                // their own loop).
                vm.asyncio.parked.borrow_mut().push(cx.waker().clone());
                return Poll::Pending;
            }
        }
        vm.poll_started_us.set(vm.lab.executor().now_us());
        vm.poll_started_steps.set(vm.steps_total());
        *vm.waker.borrow_mut() = Some(cx.waker().clone());
        vm.lab
            .executor()
            .set_line(this.stack.last().map(|f| f.line()));
        if let Some(task) = &this.task {
            *task.waker.borrow_mut() = Some(cx.waker().clone());
            *vm.asyncio.current.borrow_mut() = Some(task.clone());
        } else {
            *vm.asyncio.current.borrow_mut() = None;
        }
        if let Some(task) = &this.task {
            // An `asyncio.timeout` deadline that passed cancels the task, as its timer would.
            let now = vm.lab.executor().now_us();
            let due: Vec<_> = task
                .timeouts
                .borrow()
                .iter()
                .filter(|a| !a.fired.get() && a.deadline_us.get() <= now)
                .cloned()
                .collect();
            for arm in due {
                arm.fired.set(true);
                task.request_cancel(None);
            }
        }
        let mut next: Option<Outcome> = None;
        let cancel = this
            .task
            .as_ref()
            .and_then(|t| t.cancel_requested.borrow_mut().take());
        if let Some(msg) = cancel {
            let forwarded = match &this.pending {
                Some(p) => p
                    .on_cancel
                    .as_ref()
                    .is_some_and(|hook| hook(&vm, msg.clone())),
                None => false,
            };
            if !forwarded {
                this.pending = None;
                if this.start.take().is_some() {
                    // Cancelled before its first step: the coroutine never runs.
                    return Poll::Ready(this.finish_err(cancelled_error(msg)));
                }
                next = Some(resume(&vm, &mut this.stack, Err(cancelled_error(msg))));
            }
        }
        loop {
            let outcome = match next.take() {
                Some(o) => o,
                None => {
                    if let Some(p) = this.pending.as_mut() {
                        match p.fut.as_mut().poll(cx) {
                            Poll::Pending => return Poll::Pending,
                            Poll::Ready(r) => {
                                this.pending = None;
                                resume(&vm, &mut this.stack, r)
                            }
                        }
                    } else if let Some(start) = this.start.take() {
                        this.outcome_of_start(start)
                    } else {
                        return Poll::Ready(LaneEnd::Done);
                    }
                }
            };
            match outcome {
                Outcome::Suspend(p) => this.pending = Some(p),
                Outcome::Return(v) | Outcome::Yield(v) => {
                    if let Some((f, args)) = this.then.take() {
                        next = Some(this.outcome_of_start(Start::Call(f, args)));
                        continue;
                    }
                    return Poll::Ready(this.finish_ok(v));
                }
                Outcome::Raise(e) => return Poll::Ready(this.finish_err(e)),
            }
        }
    }
}

/// Delivers a finished operation's result to the task's frames, or — when the task awaited a
/// native operation directly, with no frame of its own — makes it the task's result.
fn resume(vm: &Vm, stack: &mut Vec<Frame>, r: crate::error::PyResult<Value>) -> Outcome {
    if stack.is_empty() {
        return match r {
            Ok(v) => Outcome::Return(v),
            Err(e) => Outcome::Raise(e),
        };
    }
    vm.resume(stack, r)
}

/// Starts a runtime task on the VM's loop (it first runs when the loop gets to it).
pub fn spawn(
    vm: &Vm,
    lane: &str,
    start: Start,
    task: Option<Rc<TaskObj>>,
    kind: LaneRole,
    loop_id: Option<u64>,
) -> TaskId {
    let fut = PyTask {
        vm: vm.rc(),
        stack: Vec::new(),
        pending: None,
        start: Some(start),
        task: task.clone(),
        kind,
        then: None,
        loop_id,
    };
    let id = vm
        .lab
        .executor()
        .spawn_raw(lane, Box::pin(fut), Box::new(|| {}));
    if let Some(t) = task {
        t.lane.set(Some(id));
    }
    id
}

/// `asyncio.create_task(coro, name=…)`: a task object and its lane.
pub fn create_task(vm: &Vm, coro: Value, name: Option<String>, loop_id: u64) -> Rc<TaskObj> {
    let n = vm.asyncio.next_task_number();
    let coro_name: Rc<str> = match &coro {
        Value::Gen(g) => g.qualname.clone(),
        Value::Native(n) => match n.as_any().downcast_ref::<super::future::NativeCoro>() {
            Some(c) => Rc::from(c.name),
            None if n.as_any().is::<super::future::FutureObj>() => Rc::from("run_in_executor"),
            None => Rc::from("coroutine"),
        },
        _ => Rc::from("coroutine"),
    };
    let explicit = name.is_some();
    let name = name.unwrap_or_else(|| format!("Task-{n}"));
    let task = Rc::new(TaskObj {
        core: FutCore::new(),
        name: RefCell::new(name.clone()),
        coro_name: coro_name.clone(),
        coro: coro.clone(),
        lane: Cell::new(None),
        cancel_requested: RefCell::new(None),
        cancels: Cell::new(0),
        waker: RefCell::new(None),
        timeouts: RefCell::default(),
        loop_id,
    });
    let weak: Weak<TaskObj> = Rc::downgrade(&task);
    *task.core.cancel_hook.borrow_mut() = Some(Rc::new(move |msg| {
        weak.upgrade().is_some_and(|t| t.request_cancel(msg))
    }));
    vm.asyncio.tasks.borrow_mut().push(task.clone());
    let lane = if explicit {
        name
    } else {
        let short = coro_name
            .rsplit('.')
            .next()
            .unwrap_or(&coro_name)
            .to_string();
        format!("{short} ({name})")
    };
    spawn(
        vm,
        &lane,
        Start::Await(coro),
        Some(task.clone()),
        LaneRole::Task,
        Some(loop_id),
    );
    task
}

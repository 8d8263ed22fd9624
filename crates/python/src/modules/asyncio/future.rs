//! The state every asyncio future shares (`Future`, `Task`, the future `gather` returns):
//! pending → result, exception or cancelled; who waits; what runs when it is done. And the
//! small awaitables that are not futures: `sleep`, an already-known value.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use crate::error::{PyErr, PyResult};
use crate::object::{Class, Native};
use crate::types::with_types;
use crate::value::Value;
use crate::vm::{Pending, Vm};

/// Where a future is.
#[derive(Clone)]
pub enum FutState {
    /// Not done.
    Pending,
    /// Done with a result.
    Done(Value),
    /// Done with an exception.
    Failed(PyErr),
    /// Cancelled, with the message given to `cancel(msg)`.
    Cancelled(Option<String>),
}

type RustCallback = Box<dyn FnOnce(&FutState)>;

/// What `cancel()` does for a future with a will of its own (a task, `gather`).
pub type CancelFn = Rc<dyn Fn(Option<String>) -> bool>;

/// Starts a native coroutine's operation when it is first awaited.
pub type StartFn = Box<dyn FnOnce(&Vm) -> PyResult<crate::vm::Awaiting>>;

/// The shared state of one future.
#[derive(Default)]
pub struct FutCore {
    state: RefCell<Option<FutState>>,
    waiters: RefCell<Vec<Waker>>,
    /// Python callbacks (`add_done_callback`), run by the loop once it is done.
    callbacks: RefCell<Vec<Value>>,
    /// Rust callbacks (`gather`, `wait`, `as_completed`), run as it becomes done.
    rust_callbacks: RefCell<Vec<RustCallback>>,
    /// Its exception was looked at (`await`, `result()`, `exception()`).
    pub retrieved: Cell<bool>,
    /// What `cancel()` does besides marking it (a task asks its coroutine; `gather` cancels its
    /// children). Returns whether the cancellation was taken.
    pub cancel_hook: RefCell<Option<CancelFn>>,
    /// The operation that completes it, for a future nobody else completes (a job posted to a
    /// pool): the first task to await it drives it.
    pub driver: RefCell<Option<Pending>>,
}

impl FutCore {
    /// A pending future.
    pub fn new() -> Rc<FutCore> {
        Rc::default()
    }

    /// Its state.
    pub fn state(&self) -> FutState {
        self.state.borrow().clone().unwrap_or(FutState::Pending)
    }

    /// Whether it is done (any way).
    pub fn done(&self) -> bool {
        !matches!(self.state(), FutState::Pending)
    }

    /// Whether it was cancelled.
    pub fn cancelled(&self) -> bool {
        matches!(self.state(), FutState::Cancelled(_))
    }

    /// Completes it (a second completion is refused with `InvalidStateError`). `me` is the
    /// Python object callbacks receive.
    pub fn finish(&self, vm: &Vm, state: FutState, me: &Value) -> PyResult<()> {
        if self.done() {
            return Err(PyErr::invalid_state("invalid state"));
        }
        *self.state.borrow_mut() = Some(state.clone());
        for w in self.waiters.borrow_mut().drain(..) {
            w.wake();
        }
        let rust: Vec<RustCallback> = self.rust_callbacks.borrow_mut().drain(..).collect();
        for cb in rust {
            cb(&state);
        }
        let callbacks: Vec<Value> = self.callbacks.borrow_mut().drain(..).collect();
        for cb in callbacks {
            super::loop_obj::call_soon(vm, cb, vec![me.clone()], "done callback");
        }
        Ok(())
    }

    /// Completes a future only Rust waits on (the waiters of locks, queues, events): no Python
    /// callbacks can be attached to it. Does nothing if it is already done.
    pub fn resolve(&self, state: FutState) {
        if self.done() {
            return;
        }
        *self.state.borrow_mut() = Some(state.clone());
        for w in self.waiters.borrow_mut().drain(..) {
            w.wake();
        }
        let rust: Vec<RustCallback> = self.rust_callbacks.borrow_mut().drain(..).collect();
        for cb in rust {
            cb(&state);
        }
    }

    /// Lets go of everything it would call or wake (the run is over, so nothing will): its
    /// waiters, callbacks and cancel hook hold other futures, tasks and the VM, and a future that
    /// never completed would otherwise keep them — and the run's loop — alive in a cycle.
    pub fn let_go(&self) {
        self.waiters.borrow_mut().clear();
        self.callbacks.borrow_mut().clear();
        self.rust_callbacks.borrow_mut().clear();
        self.cancel_hook.borrow_mut().take();
        self.driver.borrow_mut().take();
    }

    /// Runs `f` once it is done (at once if it already is).
    pub fn on_done(&self, f: impl FnOnce(&FutState) + 'static) {
        match self.state() {
            FutState::Pending => self.rust_callbacks.borrow_mut().push(Box::new(f)),
            state => f(&state),
        }
    }

    /// Whether it waits for a task to drive it (see [`FutCore::driver`]).
    pub fn needs_driver(&self) -> bool {
        self.driver.borrow().is_some()
    }

    /// `add_done_callback(fn)`.
    pub fn add_callback(&self, vm: &Vm, cb: Value, me: &Value) {
        if self.done() {
            super::loop_obj::call_soon(vm, cb, vec![me.clone()], "done callback");
        } else {
            self.callbacks.borrow_mut().push(cb);
        }
    }

    /// `remove_done_callback(fn)`: how many were removed.
    pub fn remove_callback(&self, cb: &Value) -> usize {
        let mut list = self.callbacks.borrow_mut();
        let before = list.len();
        list.retain(|c| !c.is(cb));
        before - list.len()
    }

    /// `result()`: the value, the exception, `CancelledError`, or `InvalidStateError` if pending.
    pub fn result(&self) -> PyResult<Value> {
        self.retrieved.set(true);
        match self.state() {
            FutState::Pending => Err(PyErr::invalid_state("Result is not set.")),
            FutState::Done(v) => Ok(v),
            FutState::Failed(e) => Err(e),
            FutState::Cancelled(msg) => Err(cancelled_error(msg)),
        }
    }

    /// `exception()`.
    pub fn exception(&self) -> PyResult<Value> {
        self.retrieved.set(true);
        match self.state() {
            FutState::Pending => Err(PyErr::invalid_state("Exception is not set.")),
            FutState::Done(_) => Ok(Value::None),
            FutState::Failed(e) => Ok(e.value()),
            FutState::Cancelled(msg) => Err(cancelled_error(msg)),
        }
    }

    /// `cancel(msg)`: a pending future's hook decides (a task asks its coroutine); a plain
    /// future is cancelled at once.
    pub fn cancel(&self, vm: &Vm, msg: Option<String>, me: &Value) -> bool {
        if self.done() {
            return false;
        }
        let hook = self.cancel_hook.borrow().clone();
        match hook {
            Some(hook) => hook(msg),
            None => {
                let _ = self.finish(vm, FutState::Cancelled(msg), me);
                true
            }
        }
    }

    /// A Rust future that is ready when this one is done, with its result.
    pub fn wait(self: &Rc<Self>) -> WaitFut {
        WaitFut { core: self.clone() }
    }

    /// Awaiting this future: its result if done; otherwise a pending operation whose
    /// cancellation cancels this future, as CPython's `Task` cancels what it waits on.
    pub fn awaiting(self: &Rc<Self>, vm: &Vm, me: &Value) -> PyResult<crate::vm::Awaiting> {
        if self.done() {
            return self.result().map(crate::vm::Awaiting::Value);
        }
        let driver = self.driver.borrow_mut().take();
        if let Some(driver) = driver {
            // Drive the operation, then complete the future with its outcome (callbacks and
            // other waiters see it too).
            let (core, me, vm) = (self.clone(), me.clone(), vm.rc());
            let fut = driver.fut;
            return Ok(crate::vm::Awaiting::Pending(Pending {
                fut: Box::pin(async move {
                    let r = fut.await;
                    let state = match &r {
                        Ok(v) => FutState::Done(v.clone()),
                        Err(e) => FutState::Failed(e.clone()),
                    };
                    let _ = core.finish(&vm, state, &me);
                    core.retrieved.set(true);
                    r
                }),
                on_cancel: driver.on_cancel,
            }));
        }
        let _ = vm;
        let core = self.clone();
        let me = me.clone();
        let on_cancel: crate::vm::CancelHook = Rc::new(move |vm, msg| core.cancel(vm, msg, &me));
        Ok(crate::vm::Awaiting::Pending(Pending {
            fut: Box::pin(self.wait()),
            on_cancel: Some(on_cancel),
        }))
    }
}

/// The `CancelledError` for a cancelled future.
pub fn cancelled_error(msg: Option<String>) -> PyErr {
    let class = with_types(|t| t.cancelled_error.clone());
    match msg {
        Some(m) => PyErr::new(&class, m),
        None => PyErr::bare(&class),
    }
}

/// Waits for a [`FutCore`].
pub struct WaitFut {
    core: Rc<FutCore>,
}

impl Future for WaitFut {
    type Output = PyResult<Value>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if self.core.done() {
            return Poll::Ready(self.core.result());
        }
        let mut waiters = self.core.waiters.borrow_mut();
        if !waiters.iter().any(|w| w.will_wake(cx.waker())) {
            waiters.push(cx.waker().clone());
        }
        Poll::Pending
    }
}

/// `asyncio.Future()` / `loop.create_future()`.
pub struct FutureObj {
    /// Its state.
    pub core: Rc<FutCore>,
}

thread_local! {
    pub(super) static FUTURE_CLASS: Rc<Class> = {
        let c = crate::vm::call::plain_class("Future", "asyncio");
        super::methods::install_future_methods(&c);
        c
    };
}

impl Native for FutureObj {
    fn class(&self) -> Rc<Class> {
        FUTURE_CLASS.with(|c| c.clone())
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }

    fn repr(&self, vm: &Vm) -> Option<String> {
        Some(match self.core.state() {
            FutState::Pending => "<Future pending>".to_string(),
            FutState::Done(v) => format!(
                "<Future finished result={}>",
                crate::vm::text::repr(vm, &v).unwrap_or_default()
            ),
            FutState::Failed(e) => format!(
                "<Future finished exception={}>",
                crate::vm::text::repr(vm, &e.value()).unwrap_or_default()
            ),
            FutState::Cancelled(_) => "<Future cancelled>".to_string(),
        })
    }
}

/// A new pending `asyncio.Future`.
pub fn new_future() -> (Value, Rc<FutCore>) {
    let core = FutCore::new();
    (
        Value::Native(Rc::new(FutureObj { core: core.clone() })),
        core,
    )
}

/// What `await` does with a native awaitable: `asyncio.sleep(…)` and friends are objects of
/// class `coroutine` that start their operation when first awaited.
pub struct NativeCoro {
    /// `sleep`, `wait`, `gather`… (for `repr`).
    pub name: &'static str,
    /// Starts the operation (once).
    pub start: RefCell<Option<StartFn>>,
}

impl Native for NativeCoro {
    fn class(&self) -> Rc<Class> {
        with_types(|t| t.coroutine.clone())
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }

    fn repr(&self, _vm: &Vm) -> Option<String> {
        Some(format!(
            "<coroutine object {} at {:#x}>",
            self.name, self as *const Self as usize
        ))
    }
}

/// A native coroutine running `start` when awaited.
pub fn native_coro(
    name: &'static str,
    start: impl FnOnce(&Vm) -> PyResult<crate::vm::Awaiting> + 'static,
) -> Value {
    Value::Native(Rc::new(NativeCoro {
        name,
        start: RefCell::new(Some(Box::new(start))),
    }))
}

/// A native coroutine whose result is already known.
pub fn ready(name: &'static str, v: Value) -> Value {
    native_coro(name, move |_| Ok(crate::vm::Awaiting::Value(v)))
}

/// A native coroutine that waits for a Rust future.
pub fn pending_coro(
    name: &'static str,
    fut: impl Future<Output = PyResult<Value>> + 'static,
) -> Value {
    native_coro(name, move |_| {
        Ok(crate::vm::Awaiting::Pending(Pending::new(fut)))
    })
}

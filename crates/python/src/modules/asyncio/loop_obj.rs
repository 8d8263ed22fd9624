//! The event loop object (`get_event_loop()`, `new_event_loop()`): the legacy API the older
//! tutorials use — `run_until_complete`, `run_forever` + `stop`, `call_soon`, `call_later`,
//! `time` — on the run's one real loop. Each callback runs on a lane of its own, as in the
//! catalog's `event-loop` scenario.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use awaitlab_core::trace::TaskId;

use super::future::{new_future, pending_coro};
use super::task::{spawn, LaneRole, Start};
use crate::builtins::{add_methods, num_arg};
use crate::error::{PyErr, PyResult};
use crate::object::{Class, Native};
use crate::value::Value;
use crate::vm::{Args, Control, Vm};

/// A loop object: a number; the run has one real loop, and a task moves only while its loop
/// is the one running.
struct LoopObj {
    id: u64,
}

/// A scheduled callback (`call_soon`/`call_later`'s `Handle`).
struct Handle {
    lane: TaskId,
    when: Option<f64>,
    cancelled: std::cell::Cell<bool>,
}

thread_local! {
    static LOOP_CLASS: Rc<Class> = {
        let c = crate::vm::call::plain_class("_UnixSelectorEventLoop", "asyncio.unix_events");
        add_methods(
            &c,
            "loop",
            &[
                ("stop", stop),
                ("close", close),
                ("is_running", is_running),
                ("is_closed", is_closed),
                ("call_soon", call_soon_m),
                ("call_soon_threadsafe", call_soon_m),
                ("call_later", call_later_m),
                ("call_at", call_at_m),
                ("time", time),
                ("create_task", create_task_m),
                ("create_future", create_future),
                ("run_in_executor", run_in_executor),
                ("set_debug", noop),
                ("get_debug", get_debug),
                ("shutdown_asyncgens", shutdown_asyncgens),
                ("shutdown_default_executor", shutdown_asyncgens),
            ],
        );
        let mut attrs = c.attrs.borrow_mut();
        attrs.insert(
            "run_until_complete".into(),
            crate::builtins::control("run_until_complete", run_until_complete),
        );
        attrs.insert("run_forever".into(), crate::builtins::control("run_forever", run_forever));
        drop(attrs);
        c
    };
    static HANDLE_CLASS: Rc<Class> = {
        let c = crate::vm::call::plain_class("TimerHandle", "asyncio.events");
        add_methods(
            &c,
            "TimerHandle",
            &[("cancel", handle_cancel), ("cancelled", handle_cancelled), ("when", handle_when)],
        );
        c
    };
}

/// The loop's class.
pub fn loop_class() -> Rc<Class> {
    LOOP_CLASS.with(|c| c.clone())
}

impl Native for LoopObj {
    fn class(&self) -> Rc<Class> {
        loop_class()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn repr(&self, vm: &Vm) -> Option<String> {
        Some(format!(
            "<_UnixSelectorEventLoop running={} closed={} debug=False>",
            py_bool(vm.asyncio.running_loop.get() == Some(self.id)),
            py_bool(vm.asyncio.closed.borrow().contains(&self.id))
        ))
    }
}

fn py_bool(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

impl Native for Handle {
    fn class(&self) -> Rc<Class> {
        HANDLE_CLASS.with(|c| c.clone())
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// The loop object numbered `id`.
pub fn loop_value(vm: &Vm, id: u64) -> Value {
    vm.asyncio
        .loops
        .borrow_mut()
        .entry(id)
        .or_insert_with(|| Value::Native(Rc::new(LoopObj { id })))
        .clone()
}

fn loop_id(args: &Args) -> PyResult<u64> {
    match args.pos.first() {
        Some(Value::Native(n)) => n
            .as_any()
            .downcast_ref::<LoopObj>()
            .map(|l| l.id)
            .ok_or_else(|| PyErr::type_error("expected an event loop")),
        _ => Err(PyErr::type_error("expected an event loop")),
    }
}

pub(super) fn get_event_loop(vm: &Vm, _args: Args) -> PyResult<Value> {
    Ok(loop_value(vm, vm.asyncio.current_loop()))
}

pub(super) fn get_running_loop(vm: &Vm, _args: Args) -> PyResult<Value> {
    match vm.asyncio.running_loop.get() {
        Some(id) => Ok(loop_value(vm, id)),
        None => Err(PyErr::runtime_error("no running event loop")),
    }
}

pub(super) fn new_event_loop(vm: &Vm, _args: Args) -> PyResult<Value> {
    let id = vm.asyncio.new_loop();
    Ok(loop_value(vm, id))
}

pub(super) fn set_event_loop(_vm: &Vm, args: Args) -> PyResult<Value> {
    if let Some(Value::Native(n)) = args.pos.first() {
        if let Some(l) = n.as_any().downcast_ref::<LoopObj>() {
            _vm.asyncio.default_loop.set(l.id);
        }
    }
    Ok(Value::None)
}

fn check_idle(vm: &Vm, id: u64) -> PyResult<()> {
    if vm.asyncio.closed.borrow().contains(&id) {
        return Err(PyErr::runtime_error("Event loop is closed"));
    }
    if vm.asyncio.running() {
        return Err(PyErr::runtime_error("This event loop is already running"));
    }
    Ok(())
}

fn run_until_complete(vm: &Vm, args: Args) -> PyResult<Control> {
    args.check("run_until_complete", 2, 2)?;
    let id = loop_id(&args)?;
    check_idle(vm, id)?;
    Ok(Control::Await(super::run_until(
        vm,
        args.pos[1].clone(),
        false,
        id,
    )?))
}

fn run_forever(vm: &Vm, args: Args) -> PyResult<Control> {
    args.check("run_forever", 1, 1)?;
    let id = loop_id(&args)?;
    check_idle(vm, id)?;
    vm.asyncio.start_loop(id);
    vm.asyncio.stop_requested.set(false);
    Ok(Control::Await(pending_coro(
        "run_forever",
        UntilStopped { vm: vm.rc() },
    )))
}

struct UntilStopped {
    vm: Rc<Vm>,
}

impl Future for UntilStopped {
    type Output = PyResult<Value>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if self.vm.asyncio.stop_requested.replace(false) {
            self.vm.asyncio.running_loop.set(None);
            return Poll::Ready(Ok(Value::None));
        }
        *self.vm.asyncio.stop_waker.borrow_mut() = Some(cx.waker().clone());
        Poll::Pending
    }
}

fn stop(vm: &Vm, _args: Args) -> PyResult<Value> {
    vm.asyncio.stop_requested.set(true);
    if let Some(w) = vm.asyncio.stop_waker.borrow_mut().take() {
        w.wake();
    }
    Ok(Value::None)
}

fn close(vm: &Vm, args: Args) -> PyResult<Value> {
    let id = loop_id(&args)?;
    if vm.asyncio.running_loop.get() == Some(id) {
        return Err(PyErr::runtime_error("Cannot close a running event loop"));
    }
    vm.asyncio.closed.borrow_mut().insert(id);
    Ok(Value::None)
}

fn is_running(vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(
        vm.asyncio.running_loop.get() == Some(loop_id(&args)?),
    ))
}

fn is_closed(vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(
        vm.asyncio.closed.borrow().contains(&loop_id(&args)?),
    ))
}

/// The name of a callback for its lane (`call_soon print`).
fn callable_name(v: &Value) -> String {
    match v {
        Value::Function(f) => f.code.name.to_string(),
        Value::Builtin(b) => b.name.to_string(),
        Value::Method(m) => callable_name(&m.func),
        _ => crate::object::type_name(v),
    }
}

/// `loop.call_soon(cb, *args)`: the callback runs, on a lane of its own, when the loop next
/// turns.
pub fn call_soon(vm: &Vm, cb: Value, args: Vec<Value>, what: &str) -> TaskId {
    call_soon_on(vm, cb, args, what, vm.asyncio.current_loop())
}

/// `call_soon` on loop `id`.
pub fn call_soon_on(vm: &Vm, cb: Value, args: Vec<Value>, what: &str, id: u64) -> TaskId {
    let lane = format!("{what} {}", callable_name(&cb));
    spawn(
        vm,
        &lane,
        Start::Call(cb, Args::new(args)),
        None,
        LaneRole::Callback,
        Some(id),
    )
}

fn call_soon_m(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let _context = args.take_kw("context");
    args.check("call_soon", 2, usize::MAX)?;
    let id = loop_id(&args)?;
    let mut pos = args.pos.into_iter().skip(1);
    let cb = pos.next().unwrap_or(Value::None);
    let lane = call_soon_on(vm, cb, pos.collect(), "call_soon", id);
    Ok(Value::Native(Rc::new(Handle {
        lane,
        when: None,
        cancelled: Default::default(),
    })))
}

fn schedule_later(
    vm: &Vm,
    loop_id: u64,
    delay: f64,
    cb: Value,
    args: Vec<Value>,
    what: &str,
) -> Value {
    let lane = format!("{what} {}", callable_name(&cb));
    let id = spawn(
        vm,
        &lane,
        Start::Later(delay.max(0.0), cb, Args::new(args)),
        None,
        LaneRole::Callback,
        Some(loop_id),
    );
    Value::Native(Rc::new(Handle {
        lane: id,
        when: Some(vm.lab.now_s() + delay.max(0.0)),
        cancelled: Default::default(),
    }))
}

fn call_later_m(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let _context = args.take_kw("context");
    args.check("call_later", 3, usize::MAX)?;
    let id = loop_id(&args)?;
    let delay = num_arg(&args.pos[1], "delay")?;
    let mut pos = args.pos.into_iter().skip(2);
    let cb = pos.next().unwrap_or(Value::None);
    Ok(schedule_later(
        vm,
        id,
        delay,
        cb,
        pos.collect(),
        "call_later",
    ))
}

fn call_at_m(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let _context = args.take_kw("context");
    args.check("call_at", 3, usize::MAX)?;
    let id = loop_id(&args)?;
    let when = num_arg(&args.pos[1], "when")?;
    let mut pos = args.pos.into_iter().skip(2);
    let cb = pos.next().unwrap_or(Value::None);
    let delay = when - vm.lab.now_s();
    Ok(schedule_later(vm, id, delay, cb, pos.collect(), "call_at"))
}

fn handle_of(args: &Args) -> Option<&Handle> {
    match args.pos.first() {
        Some(Value::Native(n)) => n.as_any().downcast_ref::<Handle>(),
        _ => None,
    }
}

fn handle_cancel(vm: &Vm, args: Args) -> PyResult<Value> {
    if let Some(h) = handle_of(&args) {
        if !h.cancelled.replace(true) {
            vm.lab.executor().cancel(h.lane);
        }
    }
    Ok(Value::None)
}

fn handle_cancelled(_vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(
        handle_of(&args).is_some_and(|h| h.cancelled.get()),
    ))
}

fn handle_when(_vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(handle_of(&args)
        .and_then(|h| h.when)
        .map_or(Value::None, Value::Float))
}

fn time(vm: &Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::Float(vm.lab.now_s()))
}

fn create_task_m(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let id = loop_id(&args)?;
    args.pos.remove(0);
    super::create_task_on(vm, args, id)
}

fn create_future(_vm: &Vm, _args: Args) -> PyResult<Value> {
    Ok(new_future().0)
}

fn run_in_executor(vm: &Vm, args: Args) -> PyResult<Value> {
    super::pools::run_in_executor(vm, args)
}

fn noop(_vm: &Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::None)
}

fn get_debug(_vm: &Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::Bool(false))
}

fn shutdown_asyncgens(_vm: &Vm, _args: Args) -> PyResult<Value> {
    Ok(super::done_awaitable(Value::None))
}

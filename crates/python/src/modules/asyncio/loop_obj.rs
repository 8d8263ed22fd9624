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
use super::task::{spawn, LaneKind, Start};
use crate::builtins::{add_methods, num_arg};
use crate::error::{PyErr, PyResult};
use crate::object::{Class, Native};
use crate::value::Value;
use crate::vm::{Args, Control, Vm};

/// The loop object.
struct LoopObj;

/// A scheduled callback (`call_soon`/`call_later`'s `Handle`).
struct Handle {
    lane: TaskId,
    when: Option<f64>,
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
        add_methods(&c, "TimerHandle", &[("cancel", handle_cancel), ("when", handle_when)]);
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
            py_bool(vm.asyncio.running.get()),
            py_bool(vm.asyncio.closed.get())
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

fn the_loop(vm: &Vm) -> Value {
    vm.asyncio
        .loop_value
        .borrow_mut()
        .get_or_insert_with(|| Value::Native(Rc::new(LoopObj)))
        .clone()
}

pub(super) fn get_event_loop(vm: &Vm, _args: Args) -> PyResult<Value> {
    Ok(the_loop(vm))
}

pub(super) fn get_running_loop(vm: &Vm, _args: Args) -> PyResult<Value> {
    if !vm.asyncio.running.get() && vm.asyncio.current.borrow().is_none() {
        return Err(PyErr::runtime_error("no running event loop"));
    }
    Ok(the_loop(vm))
}

pub(super) fn new_event_loop(vm: &Vm, _args: Args) -> PyResult<Value> {
    vm.asyncio.closed.set(false);
    Ok(the_loop(vm))
}

pub(super) fn set_event_loop(_vm: &Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::None)
}

fn check_idle(vm: &Vm) -> PyResult<()> {
    if vm.asyncio.closed.get() {
        return Err(PyErr::runtime_error("Event loop is closed"));
    }
    if vm.asyncio.running.get() {
        return Err(PyErr::runtime_error("This event loop is already running"));
    }
    Ok(())
}

fn run_until_complete(vm: &Vm, args: Args) -> PyResult<Control> {
    args.check("run_until_complete", 2, 2)?;
    check_idle(vm)?;
    Ok(Control::Await(super::run_until(
        vm,
        args.pos[1].clone(),
        false,
    )?))
}

fn run_forever(vm: &Vm, args: Args) -> PyResult<Control> {
    args.check("run_forever", 1, 1)?;
    check_idle(vm)?;
    vm.asyncio.running.set(true);
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
            self.vm.asyncio.running.set(false);
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

fn close(vm: &Vm, _args: Args) -> PyResult<Value> {
    if vm.asyncio.running.get() {
        return Err(PyErr::runtime_error("Cannot close a running event loop"));
    }
    vm.asyncio.closed.set(true);
    Ok(Value::None)
}

fn is_running(vm: &Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::Bool(vm.asyncio.running.get()))
}

fn is_closed(vm: &Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::Bool(vm.asyncio.closed.get()))
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
    let lane = format!("{what} {}", callable_name(&cb));
    spawn(
        vm,
        &lane,
        Start::Call(cb, Args::new(args)),
        None,
        LaneKind::Callback,
    )
}

fn call_soon_m(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let _context = args.take_kw("context");
    args.check("call_soon", 2, usize::MAX)?;
    let mut pos = args.pos.into_iter().skip(1);
    let cb = pos.next().unwrap_or(Value::None);
    let lane = call_soon(vm, cb, pos.collect(), "call_soon");
    Ok(Value::Native(Rc::new(Handle { lane, when: None })))
}

fn schedule_later(vm: &Vm, delay: f64, cb: Value, args: Vec<Value>, what: &str) -> Value {
    let lane = format!("{what} {}", callable_name(&cb));
    let id = spawn(
        vm,
        &lane,
        Start::Later(delay.max(0.0), cb, Args::new(args)),
        None,
        LaneKind::Callback,
    );
    Value::Native(Rc::new(Handle {
        lane: id,
        when: Some(vm.lab.now_s() + delay.max(0.0)),
    }))
}

fn call_later_m(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let _context = args.take_kw("context");
    args.check("call_later", 3, usize::MAX)?;
    let delay = num_arg(&args.pos[1], "delay")?;
    let mut pos = args.pos.into_iter().skip(2);
    let cb = pos.next().unwrap_or(Value::None);
    Ok(schedule_later(vm, delay, cb, pos.collect(), "call_later"))
}

fn call_at_m(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let _context = args.take_kw("context");
    args.check("call_at", 3, usize::MAX)?;
    let when = num_arg(&args.pos[1], "when")?;
    let mut pos = args.pos.into_iter().skip(2);
    let cb = pos.next().unwrap_or(Value::None);
    let delay = when - vm.lab.now_s();
    Ok(schedule_later(vm, delay, cb, pos.collect(), "call_at"))
}

fn handle_of(args: &Args) -> Option<(TaskId, Option<f64>)> {
    match args.pos.first() {
        Some(Value::Native(n)) => n
            .as_any()
            .downcast_ref::<Handle>()
            .map(|h| (h.lane, h.when)),
        _ => None,
    }
}

fn handle_cancel(vm: &Vm, args: Args) -> PyResult<Value> {
    if let Some((lane, _)) = handle_of(&args) {
        vm.lab.executor().cancel(lane);
    }
    Ok(Value::None)
}

fn handle_when(_vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(handle_of(&args)
        .and_then(|(_, w)| w)
        .map_or(Value::None, Value::Float))
}

fn time(vm: &Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::Float(vm.lab.now_s()))
}

fn create_task_m(vm: &Vm, mut args: Args) -> PyResult<Value> {
    args.pos.remove(0);
    super::create_task_fn(vm, args)
}

fn create_future(_vm: &Vm, _args: Args) -> PyResult<Value> {
    Ok(new_future().0)
}

fn run_in_executor(_vm: &Vm, _args: Args) -> PyResult<Value> {
    Err(PyErr::not_implemented(
        "run_in_executor is not available to programs in AwaitLab yet \
         (the catalog's pool modes run their jobs in Web Workers)",
    ))
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

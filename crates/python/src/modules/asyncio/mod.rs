//! `asyncio`, on AwaitLab's runtime: every task is a lane, `sleep` is the runtime's timer (a
//! sleep span), `run` runs the main coroutine as a task and cancels what is left when it ends,
//! and `gather`, `wait`, `wait_for` and `as_completed` return and raise what CPython's do.
//! Also `concurrent.futures` and `queue` (the parts programs reach through asyncio).

mod future;
mod loop_obj;
mod methods;
mod pools;
mod sync;
mod task;
mod timeout;

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use awaitlab_core::lab::Lab;

pub use future::{FutCore, FutState};
pub use task::{create_task, spawn, LaneRole, Start, TaskObj};

use super::make_module;
use crate::builtins::{control, func, num_arg};
use crate::error::{Abort, PyErr, PyResult};
use crate::object::{GenKind, Namespace};
use crate::types::with_types;
use crate::value::Value;
use crate::vm::{iter, Args, Awaiting, Control, Pending, Vm};
pub(crate) use future::native_coro;
use future::{pending_coro, ready};

/// asyncio's state for one run.
#[derive(Default)]
pub struct State {
    task_counter: Cell<u64>,
    /// Every task made, in creation order.
    pub tasks: RefCell<Vec<Rc<TaskObj>>>,
    /// The task being polled.
    pub current: RefCell<Option<Rc<TaskObj>>>,
    /// The loop running now (inside `asyncio.run` / `run_until_complete` / `run_forever`):
    /// loops are numbered; tasks and callbacks belong to one and only move while it runs, as
    /// in CPython (a task made before `asyncio.run` waits forever on the old loop).
    pub running_loop: Cell<Option<u64>>,
    /// The loop `get_event_loop()` gives.
    pub default_loop: Cell<u64>,
    next_loop: Cell<u64>,
    /// Wakers of tasks whose loop is not running, woken when a loop starts.
    pub parked: RefCell<Vec<std::task::Waker>>,
    /// Loop objects by number.
    pub loops: RefCell<std::collections::HashMap<u64, Value>>,
    /// Set by `loop.stop()`; ends `run_forever`.
    pub stop_requested: Cell<bool>,
    /// Wakes `run_forever` when `stop()` is called.
    pub stop_waker: RefCell<Option<std::task::Waker>>,
    /// The loop object (`get_event_loop()`), made once.
    pub loop_value: RefCell<Option<Value>>,
    /// Loops that were closed.
    pub closed: RefCell<std::collections::HashSet<u64>>,
    /// The loop's default executor (`run_in_executor(None, …)`), made on first use.
    pub default_pool: RefCell<Option<awaitlab_core::lab::pool::LabPool>>,
}

impl State {
    /// Lets go of the run's tasks and loops once it is over (see [`crate::vm::Vm::tear_down`]):
    /// a task stopped mid-run is left pending, its future holding what it waited with.
    pub fn let_go(&self) {
        let tasks = std::mem::take(&mut *self.tasks.borrow_mut());
        for task in &tasks {
            task.core.let_go();
            task.waker.borrow_mut().take();
            task.timeouts.borrow_mut().clear();
            if let crate::value::Value::Gen(g) = &task.coro {
                *g.state.borrow_mut() = crate::object::GenState::Done;
            }
        }
        drop(tasks);
        self.current.borrow_mut().take();
        self.parked.borrow_mut().clear();
        self.loops.borrow_mut().clear();
        self.stop_waker.borrow_mut().take();
        self.loop_value.borrow_mut().take();
        self.default_pool.borrow_mut().take();
    }

    /// Whether a loop is running.
    pub fn running(&self) -> bool {
        self.running_loop.get().is_some()
    }

    /// A new loop's number.
    pub fn new_loop(&self) -> u64 {
        let n = self.next_loop.get().max(2);
        self.next_loop.set(n + 1);
        n
    }

    /// The default loop's number (1 until `set_event_loop` or `asyncio.run` changes it).
    pub fn default_loop(&self) -> u64 {
        self.default_loop.get().max(1)
    }

    /// The loop new tasks and callbacks belong to: the running one, else the default one.
    pub fn current_loop(&self) -> u64 {
        self.running_loop
            .get()
            .unwrap_or_else(|| self.default_loop())
    }

    /// Starts running loop `id`: tasks waiting for it may move again.
    pub fn start_loop(&self, id: u64) {
        self.running_loop.set(Some(id));
        for w in self.parked.borrow_mut().drain(..) {
            w.wake();
        }
    }

    /// The next `Task-N` number.
    pub fn next_task_number(&self) -> u64 {
        let n = self.task_counter.get() + 1;
        self.task_counter.set(n);
        n
    }
}

/// `await asyncio.sleep(0)` and a bare `yield` in a legacy coroutine: give the loop one turn.
pub fn yield_once(lab: &Lab) -> impl Future<Output = PyResult<Value>> {
    let y = lab.yield_now();
    async move {
        y.await;
        Ok(Value::None)
    }
}

/// The freeze guard for a blocking call: on the page's real loop, a call that would hold the
/// thread past the limit stops the run with a message instead of freezing the tab.
pub fn check_freeze(vm: &Vm, secs: f64) -> PyResult<()> {
    let exec = vm.lab.executor();
    if exec.clock().is_virtual() {
        return Ok(());
    }
    let held = exec.now_us() - vm.held_since_us() + vm.lab.s_to_us(secs);
    if held > vm.freeze_limit_us.get() {
        return Err(PyErr::abort(
            Abort::Runaway,
            format!(
                "stopped: time.sleep({}) would freeze the page for {:.0} s (the limit is {:.0} s; \
             lower the speed or the duration)",
                awaitlab_core::format::fmt_s(secs),
                held / 1e6,
                vm.freeze_limit_us.get() / 1e6
            ),
        ));
    }
    Ok(())
}

/// What `await v` does for values that are not coroutine objects.
pub fn await_value(vm: &Vm, v: &Value) -> PyResult<Awaiting> {
    if let Value::Native(n) = v {
        if let Some(t) = n.as_any().downcast_ref::<TaskObj>() {
            return t.core.awaiting(vm, v);
        }
        if let Some(f) = n.as_any().downcast_ref::<future::FutureObj>() {
            return f.core.awaiting(vm, v);
        }
        if let Some(c) = n.as_any().downcast_ref::<future::NativeCoro>() {
            let start = c.start.borrow_mut().take();
            return match start {
                Some(start) => start(vm),
                None => Err(PyErr::runtime_error(
                    "cannot reuse already awaited coroutine",
                )),
            };
        }
    }
    if let Value::Gen(g) = v {
        if g.kind == GenKind::Generator && g.legacy.get() {
            return vm.start_await(v.clone(), None);
        }
    }
    if let Some(aw) = super::net::await_request(vm, v) {
        return await_value(vm, &aw);
    }
    let class = crate::types::class_of(v);
    if let Some(m) = class.lookup("__await__") {
        let it = vm.call(&m, Args::new(vec![v.clone()]))?;
        return match &it {
            Value::Gen(g) => {
                g.legacy.set(true);
                vm.start_await(it.clone(), None)
            }
            other => await_value(vm, other),
        };
    }
    Err(PyErr::type_error(format!(
        "object {} can't be used in 'await' expression",
        crate::object::type_name(v)
    )))
}

/// Whether `v` can be awaited.
pub fn is_awaitable(v: &Value) -> bool {
    match v {
        Value::Gen(g) => g.kind == GenKind::Coroutine || g.legacy.get(),
        Value::Native(n) => {
            n.as_any().is::<TaskObj>()
                || n.as_any().is::<future::FutureObj>()
                || n.as_any().is::<future::NativeCoro>()
        }
        other => crate::types::class_of(other).lookup("__await__").is_some(),
    }
}

/// A task or future to wait on for `v` (`ensure_future`): coroutines become tasks.
pub fn ensure_future(vm: &Vm, v: &Value) -> PyResult<(Value, Rc<FutCore>)> {
    if let Value::Native(n) = v {
        if let Some(t) = n.as_any().downcast_ref::<TaskObj>() {
            return Ok((v.clone(), t.core.clone()));
        }
        if let Some(f) = n.as_any().downcast_ref::<future::FutureObj>() {
            if !f.core.needs_driver() {
                return Ok((v.clone(), f.core.clone()));
            }
            // A pool's job waits to be driven: a task does it (gather, wait and wait_for
            // watch the task).
        }
    }
    if is_awaitable(v) {
        let t = create_task(vm, v.clone(), None, vm.asyncio.current_loop());
        let core = t.core.clone();
        return Ok((Value::Native(t), core));
    }
    Err(PyErr::type_error(
        "An asyncio.Future, a coroutine or an awaitable is required",
    ))
}

/// `ClassName: message` — the last line of a traceback (CPython's `format_exception_only`).
pub fn exception_line(vm: &Vm, e: &PyErr) -> String {
    let class = e.class();
    let name = if &*class.module == "builtins" || &*class.module == "__main__" {
        class.name.to_string()
    } else {
        format!("{}.{}", class.module, class.name)
    };
    match crate::vm::text::str(vm, &e.value()) {
        Ok(s) if !s.is_empty() => format!("{name}: {s}"),
        _ => name,
    }
}

/// Prints a Python traceback for an uncaught exception (to the console, as stderr).
pub fn print_traceback(vm: &Vm, e: &PyErr) {
    let mut lines = vec!["Traceback (most recent call last):".to_string()];
    let tb = e.state().traceback.borrow().clone();
    for entry in tb.iter().rev() {
        lines.push(format!(
            "  File \"main.py\", line {}, in {}",
            entry.line, entry.name
        ));
        if let Some(src) = vm.source_line(entry.line) {
            if !src.is_empty() {
                lines.push(format!("    {src}"));
            }
        }
    }
    lines.push(exception_line(vm, e));
    vm.write_err(&lines.join("\n"));
}

/// asyncio's "Task exception was never retrieved", for failed tasks nobody awaited (at the end
/// of the program, when every task is gone).
pub fn report_unretrieved(vm: &Vm) {
    report_failed(vm, false);
}

/// `gc.collect()`: the same report for failed tasks no variable holds any more — CPython logs
/// it when the task object is freed, which reference counting does at once.
pub fn report_unreferenced(vm: &Vm) {
    report_failed(vm, true);
}

fn report_failed(vm: &Vm, only_unreferenced: bool) {
    let tasks: Vec<Rc<TaskObj>> = vm.asyncio.tasks.borrow().clone();
    for t in tasks {
        // Held by the registry and by this loop's copy only: nothing else refers to it.
        if only_unreferenced && Rc::strong_count(&t) > 2 {
            continue;
        }
        if let FutState::Failed(e) = t.core.state() {
            if !t.core.retrieved.replace(true) {
                vm.write_err("Task exception was never retrieved");
                vm.write_err(&format!(
                    "future: <Task finished name='{}' coro=<{}() done> exception={}>",
                    t.name.borrow(),
                    t.coro_name,
                    crate::vm::text::repr(vm, &e.value()).unwrap_or_default()
                ));
                print_traceback(vm, &e);
            }
        }
    }
}

// ----- module functions -----

fn run(vm: &Vm, mut args: Args) -> PyResult<Control> {
    let _debug = args.take_kw("debug");
    args.check("run", 1, 1)?;
    if vm.asyncio.running() {
        return Err(PyErr::runtime_error(
            "asyncio.run() cannot be called from a running event loop",
        ));
    }
    let coro = args.pos[0].clone();
    let is_coro = matches!(&coro, Value::Gen(g) if g.kind == GenKind::Coroutine || g.legacy.get())
        || matches!(&coro, Value::Native(n) if n.as_any().is::<future::NativeCoro>());
    if !is_coro {
        return Err(PyErr::value_error(format!(
            "a coroutine was expected, got {}",
            crate::vm::text::repr(vm, &coro)?
        )));
    }
    // asyncio.run makes a loop of its own and makes it the current one while it runs.
    let id = vm.asyncio.new_loop();
    vm.asyncio.default_loop.set(id);
    Ok(Control::Await(run_until(vm, coro, true, id)?))
}

/// Runs `aw` as a task of loop `id` and waits for it on the module's lane (`asyncio.run` when
/// `cancel_rest`, `loop.run_until_complete` otherwise).
pub fn run_until(vm: &Vm, aw: Value, cancel_rest: bool, id: u64) -> PyResult<Value> {
    vm.asyncio.start_loop(id);
    let (_, core) = ensure_future(vm, &aw)?;
    let vmrc = vm.rc();
    Ok(pending_coro("run", async move {
        let result = core.wait().await;
        if cancel_rest {
            // As asyncio.run: cancel what is left and let it finish its cleanup.
            let left: Vec<Rc<TaskObj>> = vmrc
                .asyncio
                .tasks
                .borrow()
                .iter()
                .filter(|t| !t.core.done())
                .cloned()
                .collect();
            for t in &left {
                t.request_cancel(None);
            }
            for t in &left {
                let _ = t.core.wait().await;
                t.core.retrieved.set(true);
            }
        }
        vmrc.asyncio.running_loop.set(None);
        if cancel_rest {
            // After asyncio.run, get_event_loop() makes a fresh loop.
            let fresh = vmrc.asyncio.new_loop();
            vmrc.asyncio.default_loop.set(fresh);
        }
        result
    }))
}

fn sleep(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let result = args.take_kw("result");
    args.check("sleep", 1, 2)?;
    let secs = num_arg(&args.pos[0], "sleep() argument").map_err(|_| {
        PyErr::type_error(format!(
            "'<=' not supported between instances of '{}' and 'int'",
            crate::object::type_name(&args.pos[0])
        ))
    })?;
    let result = result
        .or_else(|| args.pos.get(1).cloned())
        .unwrap_or(Value::None);
    if secs <= 0.0 || secs.is_nan() {
        let y = vm.lab.yield_now();
        return Ok(pending_coro("sleep", async move {
            y.await;
            Ok(result)
        }));
    }
    let lab = vm.lab.clone();
    Ok(native_coro("sleep", move |_| {
        let s = lab.sleep(secs);
        Ok(Awaiting::Pending(Pending::new(async move {
            s.await;
            Ok(result)
        })))
    }))
}

fn create_task_fn(vm: &Vm, args: Args) -> PyResult<Value> {
    if !vm.asyncio.running() {
        return Err(PyErr::runtime_error("no running event loop"));
    }
    create_task_on(vm, args, vm.asyncio.current_loop())
}

/// `create_task` on loop `loop_id` (`loop.create_task` works before the loop runs).
pub fn create_task_on(vm: &Vm, mut args: Args, loop_id: u64) -> PyResult<Value> {
    let name = args.take_kw("name");
    let _context = args.take_kw("context");
    args.check("create_task", 1, 1)?;
    let coro = args.pos[0].clone();
    let ok = matches!(&coro, Value::Gen(g) if g.kind == GenKind::Coroutine || g.legacy.get())
        || matches!(&coro, Value::Native(n) if n.as_any().is::<future::NativeCoro>());
    if !ok {
        return Err(PyErr::type_error(format!(
            "a coroutine was expected, got {}",
            crate::vm::text::repr(vm, &coro)?
        )));
    }
    let name = match name {
        Some(Value::None) | None => None,
        Some(n) => Some(crate::vm::text::str(vm, &n)?),
    };
    Ok(Value::Native(create_task(vm, coro, name, loop_id)))
}

fn ensure_future_fn(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check_pos("ensure_future", 1, 1)?;
    Ok(ensure_future(vm, &args.pos[0])?.0)
}

fn current_task(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("current_task", 0, 1)?;
    if !vm.asyncio.running() && vm.asyncio.current.borrow().is_none() {
        return Err(PyErr::runtime_error("no running event loop"));
    }
    Ok(match vm.asyncio.current.borrow().as_ref() {
        Some(t) => Value::Native(t.clone()),
        None => Value::None,
    })
}

fn all_tasks(vm: &Vm, _args: Args) -> PyResult<Value> {
    let mut s = crate::dict::Set::new();
    for t in vm.asyncio.tasks.borrow().iter().filter(|t| !t.core.done()) {
        let _ = s.insert(Value::Native(t.clone()), Value::None);
    }
    Ok(Value::Set(Rc::new(RefCell::new(s))))
}

fn gather(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let return_exceptions = match args.take_kw("return_exceptions") {
        Some(v) => vm.truthy(&v)?,
        None => false,
    };
    args.no_more_kw("gather")?;
    let mut children = Vec::new();
    for a in &args.pos {
        children.push(ensure_future(vm, a)?);
    }
    let (outer_value, outer) = future::new_future();
    let n = children.len();
    if n == 0 {
        outer.finish(vm, FutState::Done(Value::list(Vec::new())), &outer_value)?;
        return Ok(outer_value);
    }
    // Cancelling the gather cancels every child.
    {
        let kids: Vec<(Value, Rc<FutCore>)> = children.clone();
        let vmrc = vm.rc();
        *outer.cancel_hook.borrow_mut() = Some(Rc::new(move |msg| {
            let mut any = false;
            for (v, c) in &kids {
                any |= c.cancel(&vmrc, msg.clone(), v);
            }
            any
        }));
    }
    let results: Rc<RefCell<Vec<Option<Value>>>> = Rc::new(RefCell::new(vec![None; n]));
    let left = Rc::new(Cell::new(n));
    for (i, (_, child)) in children.iter().enumerate() {
        let (outer, outer_value) = (outer.clone(), outer_value.clone());
        let (results, left) = (results.clone(), left.clone());
        let child2 = child.clone();
        let vmrc = vm.rc();
        child.on_done(move |state| {
            if outer.done() {
                if !matches!(state, FutState::Cancelled(_)) {
                    child2.retrieved.set(true);
                }
                return;
            }
            let value = match state {
                FutState::Done(v) => v.clone(),
                FutState::Failed(e) => {
                    child2.retrieved.set(true);
                    if !return_exceptions {
                        let _ = outer.finish(&vmrc, FutState::Failed(e.clone()), &outer_value);
                        return;
                    }
                    e.value()
                }
                FutState::Cancelled(msg) => {
                    let err = future::cancelled_error(msg.clone());
                    if !return_exceptions {
                        let _ = outer.finish(&vmrc, FutState::Failed(err), &outer_value);
                        return;
                    }
                    err.value()
                }
                FutState::Pending => return,
            };
            results.borrow_mut()[i] = Some(value);
            left.set(left.get() - 1);
            if left.get() == 0 {
                let list = results
                    .borrow_mut()
                    .drain(..)
                    .map(|v| v.unwrap_or(Value::None))
                    .collect();
                let _ = outer.finish(&vmrc, FutState::Done(Value::list(list)), &outer_value);
            }
        });
    }
    Ok(outer_value)
}

/// `return_when` values.
const FIRST_COMPLETED: &str = "FIRST_COMPLETED";
const FIRST_EXCEPTION: &str = "FIRST_EXCEPTION";
const ALL_COMPLETED: &str = "ALL_COMPLETED";

fn wait(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let timeout = args.arg(1, "timeout");
    let return_when = args.arg(2, "return_when");
    args.check_pos("wait", 1, 3)?;
    let items = iter::collect(vm, &args.pos[0])?;
    if items.is_empty() {
        return Err(PyErr::value_error("Set of Tasks/Futures is empty."));
    }
    let when = match &return_when {
        None => ALL_COMPLETED.to_string(),
        Some(Value::Str(s)) => s.to_string(),
        Some(other) => crate::vm::text::str(vm, other)?,
    };
    if ![FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED].contains(&when.as_str()) {
        return Err(PyErr::value_error(format!(
            "Invalid return_when value: {when}"
        )));
    }
    let mut futs = Vec::new();
    for a in &items {
        futs.push(ensure_future(vm, a)?);
    }
    let timeout = match timeout {
        None | Some(Value::None) => None,
        Some(t) => Some(num_arg(&t, "timeout")?),
    };
    let lab = vm.lab.clone();
    Ok(pending_coro(
        "wait",
        WaitAll {
            futs,
            when,
            timeout: timeout.map(|t| Box::pin(lab.sleep(t))),
            signal: Rc::new(RefCell::new(None)),
            armed: false,
        },
    ))
}

struct WaitAll {
    futs: Vec<(Value, Rc<FutCore>)>,
    when: String,
    timeout: Option<Pin<Box<awaitlab_core::lab::Sleep>>>,
    /// The waiting task's waker, woken once the condition holds — not at every completion:
    /// as with CPython's waiter future, the task is not ready (no "ready" bar on its lane)
    /// until `wait` can return.
    signal: Rc<RefCell<Option<std::task::Waker>>>,
    /// Whether the futures' callbacks are registered.
    armed: bool,
}

/// Whether `wait(…, return_when=when)` can return, its futures as they are.
fn wait_is_over(cores: &[Rc<FutCore>], when: &str) -> bool {
    let done = cores.iter().filter(|c| c.done()).count();
    match when {
        FIRST_COMPLETED => done > 0,
        FIRST_EXCEPTION => {
            done == cores.len()
                || cores
                    .iter()
                    .any(|c| matches!(c.state(), FutState::Failed(_)))
        }
        _ => done == cores.len(),
    }
}

impl Future for WaitAll {
    type Output = PyResult<Value>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let cores: Vec<Rc<FutCore>> = self.futs.iter().map(|(_, c)| c.clone()).collect();
        let finished = wait_is_over(&cores, &self.when);
        let timed_out = match self.timeout.as_mut() {
            Some(t) => t.as_mut().poll(cx).is_ready(),
            None => false,
        };
        if finished || timed_out {
            let mut done = crate::dict::Set::new();
            let mut pending = crate::dict::Set::new();
            for (v, c) in &self.futs {
                let target = if c.done() { &mut done } else { &mut pending };
                let _ = target.insert(v.clone(), Value::None);
            }
            let wrap = |s| Value::Set(Rc::new(RefCell::new(s)));
            return Poll::Ready(Ok(Value::tuple(vec![wrap(done), wrap(pending)])));
        }
        *self.signal.borrow_mut() = Some(cx.waker().clone());
        if !self.armed {
            self.armed = true;
            // Weak: a future left pending (a timeout) must not keep the others alive.
            let weak: Rc<Vec<std::rc::Weak<FutCore>>> =
                Rc::new(cores.iter().map(Rc::downgrade).collect());
            for c in &cores {
                let (weak, signal, when) = (weak.clone(), self.signal.clone(), self.when.clone());
                c.on_done(move |_| {
                    let cores: Vec<Rc<FutCore>> = weak.iter().filter_map(|w| w.upgrade()).collect();
                    if cores.len() == weak.len() && wait_is_over(&cores, &when) {
                        if let Some(w) = signal.borrow_mut().take() {
                            w.wake();
                        }
                    }
                });
            }
        }
        Poll::Pending
    }
}

fn wait_for(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let timeout = args.arg(1, "timeout");
    args.check_pos("wait_for", 1, 2)?;
    let (fut_value, core) = ensure_future(vm, &args.pos[0])?;
    let timeout = match timeout {
        None | Some(Value::None) => None,
        Some(t) => Some(num_arg(&t, "timeout")?),
    };
    let lab = vm.lab.clone();
    let vmrc = vm.rc();
    let cancel_core = core.clone();
    let cancel_value = fut_value.clone();
    Ok(native_coro("wait_for", move |_| {
        let fut = async move {
            let Some(t) = timeout else {
                return core.wait().await;
            };
            if t <= 0.0 && !core.done() {
                core.cancel(&vmrc, None, &fut_value);
                let _ = core.wait().await;
                return Err(PyErr::timeout_error(""));
            }
            let outcome = Race {
                a: Box::pin(core.wait()),
                b: Box::pin(lab.sleep(t)),
            }
            .await;
            match outcome {
                Some(r) => r,
                None => {
                    // Timed out: cancel the inner task, wait for it to finish, then raise.
                    core.cancel(&vmrc, None, &fut_value);
                    let r = core.wait().await;
                    core.retrieved.set(true);
                    match r {
                        Err(e) if !with_types(|t| e.is(&t.cancelled_error)) => Err(e),
                        Ok(v) if !core.cancelled() => Ok(v),
                        _ => Err(PyErr::bare(&with_types(|t| t.timeout_error.clone()))),
                    }
                }
            }
        };
        let on_cancel: crate::vm::CancelHook =
            Rc::new(move |vm, msg| cancel_core.cancel(vm, msg, &cancel_value));
        Ok(Awaiting::Pending(Pending {
            fut: Box::pin(fut),
            on_cancel: Some(on_cancel),
        }))
    }))
}

/// The first of two futures: `Some` when `a` finishes first, `None` when `b` does.
struct Race<A, B> {
    a: Pin<Box<A>>,
    b: Pin<Box<B>>,
}

impl<A: Future, B: Future> Future for Race<A, B> {
    type Output = Option<A::Output>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if let Poll::Ready(v) = self.a.as_mut().poll(cx) {
            return Poll::Ready(Some(v));
        }
        if self.b.as_mut().poll(cx).is_ready() {
            return Poll::Ready(None);
        }
        Poll::Pending
    }
}

fn as_completed(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let timeout = args.take_kw("timeout");
    args.check("as_completed", 1, 1)?;
    let items = iter::collect(vm, &args.pos[0])?;
    let finished: Rc<RefCell<std::collections::VecDeque<Rc<FutCore>>>> = Rc::default();
    let waker: Rc<RefCell<Vec<std::task::Waker>>> = Rc::default();
    for a in &items {
        let (_, core) = ensure_future(vm, a)?;
        let (finished, waker, c) = (finished.clone(), waker.clone(), core.clone());
        core.on_done(move |_| {
            finished.borrow_mut().push_back(c.clone());
            for w in waker.borrow_mut().drain(..) {
                w.wake();
            }
        });
    }
    let timeout = match timeout {
        None | Some(Value::None) => None,
        Some(t) => Some(num_arg(&t, "timeout")?),
    };
    let deadline = timeout.map(|t| vm.lab.now_s() + t);
    let mut out = Vec::new();
    for _ in 0..items.len() {
        let (finished, waker, lab) = (finished.clone(), waker.clone(), vm.lab.clone());
        out.push(native_coro("_wait_for_one", move |_| {
            let fut = NextDone {
                finished,
                waker,
                timeout: deadline.map(|d| Box::pin(lab.sleep((d - lab.now_s()).max(0.0)))),
            };
            Ok(Awaiting::Pending(Pending::new(fut)))
        }));
    }
    Ok(Value::Iter(Rc::new(RefCell::new(
        crate::object::IterState::Values(out.into_iter()),
    ))))
}

struct NextDone {
    finished: Rc<RefCell<std::collections::VecDeque<Rc<FutCore>>>>,
    waker: Rc<RefCell<Vec<std::task::Waker>>>,
    timeout: Option<Pin<Box<awaitlab_core::lab::Sleep>>>,
}

impl Future for NextDone {
    type Output = PyResult<Value>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if let Some(core) = self.finished.borrow_mut().pop_front() {
            return Poll::Ready(core.result());
        }
        if let Some(t) = self.timeout.as_mut() {
            if t.as_mut().poll(cx).is_ready() {
                return Poll::Ready(Err(PyErr::bare(&with_types(|t| t.timeout_error.clone()))));
            }
        }
        self.waker.borrow_mut().push(cx.waker().clone());
        Poll::Pending
    }
}

fn iscoroutine(_vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("iscoroutine", 1, 1)?;
    Ok(Value::Bool(match &args.pos[0] {
        Value::Gen(g) => g.kind == GenKind::Coroutine || g.legacy.get(),
        Value::Native(n) => n.as_any().is::<future::NativeCoro>(),
        _ => false,
    }))
}

fn isfuture(_vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("isfuture", 1, 1)?;
    Ok(Value::Bool(match &args.pos[0] {
        Value::Native(n) => n.as_any().is::<TaskObj>() || n.as_any().is::<future::FutureObj>(),
        _ => false,
    }))
}

fn iscoroutinefunction(_vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("iscoroutinefunction", 1, 1)?;
    Ok(Value::Bool(match &args.pos[0] {
        Value::Function(f) => f.code.flags.coroutine || f.legacy_coroutine.get(),
        Value::Method(m) => matches!(&m.func, Value::Function(f) if f.code.flags.coroutine),
        _ => false,
    }))
}

/// `@asyncio.coroutine` (removed in 3.11; the tutorials of 3.4–3.10 use it): the function's
/// generators are awaited like coroutines and their `yield from` awaits.
fn coroutine(_vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("coroutine", 1, 1)?;
    if let Value::Function(f) = &args.pos[0] {
        if f.code.flags.generator && !f.code.flags.coroutine {
            f.legacy_coroutine.set(true);
        } else if !f.code.flags.coroutine {
            // A plain function: CPython wrapped it so calling it gives an awaitable.
            f.legacy_coroutine.set(true);
        }
    }
    Ok(args.pos[0].clone())
}

fn shield(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("shield", 1, 1)?;
    let (_, core) = ensure_future(vm, &args.pos[0])?;
    Ok(pending_coro("shield", core.wait()))
}

/// The `asyncio` module of a run.
pub fn module(vm: &Vm) -> Value {
    let ns = Namespace::default();
    {
        let mut m = ns.borrow_mut();
        let fns: &[(&str, crate::builtins::NativeFn)] = &[
            ("sleep", sleep),
            ("create_task", create_task_fn),
            ("ensure_future", ensure_future_fn),
            ("current_task", current_task),
            ("all_tasks", all_tasks),
            ("gather", gather),
            ("wait", wait),
            ("wait_for", wait_for),
            ("as_completed", as_completed),
            ("iscoroutine", iscoroutine),
            ("isfuture", isfuture),
            ("iscoroutinefunction", iscoroutinefunction),
            ("coroutine", coroutine),
            ("shield", shield),
            ("timeout", timeout::timeout),
            ("to_thread", pools::to_thread),
            ("timeout_at", timeout::timeout_at),
            ("get_event_loop", loop_obj::get_event_loop),
            ("get_running_loop", loop_obj::get_running_loop),
            ("new_event_loop", loop_obj::new_event_loop),
            ("set_event_loop", loop_obj::set_event_loop),
        ];
        for (name, f) in fns {
            m.insert((*name).into(), func(name, *f));
        }
        m.insert("run".into(), control("run", run));
        for c in [FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED] {
            m.insert(c.into(), Value::str(c));
        }
        with_types(|t| {
            m.insert(
                "CancelledError".into(),
                Value::Class(t.cancelled_error.clone()),
            );
            m.insert("TimeoutError".into(), Value::Class(t.timeout_error.clone()));
            m.insert(
                "InvalidStateError".into(),
                Value::Class(t.invalid_state_error.clone()),
            );
            m.insert("QueueEmpty".into(), Value::Class(t.queue_empty.clone()));
            m.insert("QueueFull".into(), Value::Class(t.queue_full.clone()));
        });
        m.insert(
            "Future".into(),
            Value::Class(future::FUTURE_CLASS.with(|c| c.clone())),
        );
        m.insert(
            "Task".into(),
            Value::Class(task::TASK_CLASS.with(|c| c.clone())),
        );
        sync::install(&mut m);
        m.insert(
            "AbstractEventLoop".into(),
            Value::Class(loop_obj::loop_class()),
        );
    }
    let _ = vm;
    make_module("asyncio", ns)
}

/// `concurrent.futures`: the pools are not here yet; the exceptions and constants are.
pub fn futures_module(_vm: &Vm) -> Value {
    let ns = Namespace::default();
    {
        let mut m = ns.borrow_mut();
        for c in [FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED] {
            m.insert(c.into(), Value::str(c));
        }
        with_types(|t| {
            m.insert("TimeoutError".into(), Value::Class(t.timeout_error.clone()));
            m.insert(
                "CancelledError".into(),
                Value::Class(t.cancelled_error.clone()),
            );
        });
        let (thread, process) = pools::classes();
        m.insert("ThreadPoolExecutor".into(), thread);
        m.insert("ProcessPoolExecutor".into(), process);
    }
    make_module("concurrent.futures", ns)
}

/// `queue`: the thread-safe queue's exceptions (its `Queue` needs threads, which AwaitLab does
/// not have).
pub fn queue_module(_vm: &Vm) -> Value {
    let ns = Namespace::default();
    {
        let mut m = ns.borrow_mut();
        with_types(|t| {
            m.insert("Empty".into(), Value::Class(t.sync_queue_empty.clone()));
            m.insert("Full".into(), Value::Class(t.sync_queue_full.clone()));
        });
        sync::install_sync_queue(&mut m);
    }
    make_module("queue", ns)
}

/// A done awaitable (`__aexit__` of the primitives).
pub(crate) fn done_awaitable(v: Value) -> Value {
    ready("coroutine", v)
}

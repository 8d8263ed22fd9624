//! The virtual machine: runs a stack of heap frames until the bottom one returns, an exception
//! escapes it, or the task must wait for the runtime (a sleep, a future). Calls, generators and
//! awaited coroutines push frames instead of recursing in Rust, so a suspended task is just its
//! `Vec<Frame>`.

pub mod attr;
pub mod call;
mod exec;
pub mod frame;
pub mod iter;
pub mod ops;
pub mod text;

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use awaitlab_core::lab::Lab;

use crate::error::{PyErr, PyResult};
use crate::object::{GenKind, GenState, Generator, Module, Namespace};
use crate::types::with_types;
use crate::value::Value;
use frame::{Frame, Resume, Role};

/// Arguments of a call: positional, then keyword.
#[derive(Default)]
pub struct Args {
    /// Positional arguments.
    pub pos: Vec<Value>,
    /// Keyword arguments in call order.
    pub kw: Vec<(Rc<str>, Value)>,
}

impl Args {
    /// Positional arguments only.
    pub fn new(pos: Vec<Value>) -> Args {
        Args {
            pos,
            kw: Vec::new(),
        }
    }
}

/// What a control built-in asks the run loop to do.
pub enum Control {
    /// Its result.
    Value(Value),
    /// Run this frame (its role says where its result goes).
    Frame(Box<Frame>),
    /// Await this awaitable on the caller's behalf (`asyncio.run`, `run_until_complete`): the
    /// result becomes the call's result.
    Await(Value),
}

/// What cancelling a waiting task does to the operation it waits on (see [`Pending`]).
pub type CancelHook = Rc<dyn Fn(&Vm, Option<String>) -> bool>;

/// A runtime operation a task waits for: it resolves to the `await` expression's value or
/// raises in the awaiting frame.
pub struct Pending {
    /// The operation.
    pub fut: Pin<Box<dyn Future<Output = PyResult<Value>>>>,
    /// What cancelling the waiting task does to the operation: awaiting a task or future,
    /// CPython cancels *that* and the waiter learns of it through its result (`true`); for a
    /// sleep there is nothing to ask, so the `CancelledError` is thrown at once (`None` or
    /// `false`).
    pub on_cancel: Option<crate::vm::CancelHook>,
}

impl Pending {
    /// An operation with no cancellation of its own.
    pub fn new(fut: impl Future<Output = PyResult<Value>> + 'static) -> Pending {
        Pending {
            fut: Box::pin(fut),
            on_cancel: None,
        }
    }
}

/// How a run of the VM ended.
pub enum Outcome {
    /// The bottom frame returned.
    Return(Value),
    /// The bottom frame was a generator that yielded (native iteration of a generator).
    Yield(Value),
    /// An exception escaped the bottom frame.
    Raise(PyErr),
    /// The task waits: resume it with the pending operation's result.
    Suspend(Pending),
}

/// What the instruction loop of one frame hands back to the run loop.
pub(crate) enum Event {
    Push(Box<Frame>),
    Return(Value),
    Yield(Value),
    Error(PyErr),
    Await(Value),
}

/// Instructions a poll may run before the prediction charges CPU time for them (see
/// [`Vm::cpu_ns_per_step`]).
pub const CPU_FREE_STEPS: u64 = 100_000;

/// The prediction's nominal cost of one instruction, in real nanoseconds (measured for the
/// trial-division loop in Chromium on this project's machine; BENCHMARKS.md has the figure).
pub const NOMINAL_NS_PER_STEP: f64 = 10.0;

/// Most frames one task may stack (`RecursionError` past it), as CPython's default limit.
pub const MAX_DEPTH: usize = 1000;

/// Most nested synchronous runs (a `__repr__` calling `sorted` with a key calling …): each is a
/// Rust call, and wasm's stack is small.
pub const MAX_NESTED: u32 = 24;

/// The interpreter of one program run: its modules, the builtins, and its link to the runtime.
pub struct Vm {
    /// The runtime the program's tasks, sleeps and prints go to.
    pub lab: Lab,
    /// The builtins namespace.
    pub builtins: Rc<Namespace>,
    /// Imported modules by name.
    pub modules: RefCell<HashMap<Rc<str>, Value>>,
    /// `__main__`'s globals.
    pub main: Rc<Module>,
    /// The program's source lines, for tracebacks.
    pub source: Vec<String>,
    nested: Cell<u32>,
    /// Instructions executed so far, counted in stretches of the check interval.
    pub steps: Cell<u64>,
    /// Instructions left before the next check of the clock and the limits.
    pub(crate) budget: Cell<u64>,
    /// The waker of the runtime task being polled (a job posted now wakes it).
    pub waker: RefCell<Option<std::task::Waker>>,
    /// Text printed without a newline yet.
    pub out: RefCell<String>,
    /// Lines written to `sys.stderr` (tracebacks, asyncio's warnings), also shown in the console.
    pub stderr: RefCell<Vec<String>>,
    /// Every console line in order, `true` for stderr (tests compare stdout with CPython's).
    pub console: RefCell<Vec<(bool, String)>>,
    /// asyncio's state for this run (tasks, the loop).
    pub asyncio: crate::modules::asyncio::State,
    /// The seed-able generator behind `random`.
    pub rng: RefCell<crate::modules::random::Mt>,
    /// The run's in-memory files (`open`, `os.listdir`…).
    pub files: crate::builtins::files::FileSystem,
    /// Stops the run when a single poll holds the thread longer than this (real µs).
    pub freeze_limit_us: Cell<f64>,
    /// When the current poll began (real µs on the run's clock).
    pub poll_started_us: Cell<f64>,
    /// Most instructions one run may take on the virtual clock.
    pub step_limit: Cell<u64>,
    /// The prediction's cost of CPU work, in real nanoseconds per instruction, charged to the
    /// virtual clock once a poll has run more than [`CPU_FREE_STEPS`] instructions (so a
    /// CPU-bound program is predicted to take time, while ordinary polls stay free, as the Rust
    /// scenarios' polls are). 0 turns it off (the golden tests, whose CPython runner charges
    /// nothing for CPU).
    pub cpu_ns_per_step: Cell<f64>,
    /// `steps` when the current poll began.
    pub poll_started_steps: Cell<u64>,
    /// Itself, for built-ins that start tasks (a task's future owns the VM it runs on).
    me: std::rc::Weak<Vm>,
}

impl Vm {
    /// A VM for one run of a program with this source on `lab`.
    pub fn new(lab: Lab, source: &str) -> Rc<Vm> {
        let builtins = Rc::new(crate::builtins::namespace());
        let globals: Rc<Namespace> = Rc::default();
        globals
            .borrow_mut()
            .insert(Rc::from("__name__"), Value::str("__main__"));
        // A program is the file `main.py` (tracebacks name it so too).
        globals
            .borrow_mut()
            .insert(Rc::from("__file__"), Value::str("main.py"));
        let main = Rc::new(Module {
            name: Rc::from("__main__"),
            attrs: globals,
        });
        Rc::new_cyclic(|me| Vm {
            me: me.clone(),
            lab,
            builtins,
            modules: RefCell::new(HashMap::new()),
            main,
            source: source.lines().map(str::to_string).collect(),
            nested: Cell::new(0),
            steps: Cell::new(0),
            budget: Cell::new(0),
            out: RefCell::new(String::new()),
            waker: RefCell::new(None),
            stderr: RefCell::new(Vec::new()),
            console: RefCell::new(Vec::new()),
            asyncio: Default::default(),
            rng: RefCell::default(),
            files: Default::default(),
            freeze_limit_us: Cell::new(20_000_000.0),
            poll_started_us: Cell::new(0.0),
            step_limit: Cell::new(200_000_000),
            cpu_ns_per_step: Cell::new(0.0),
            poll_started_steps: Cell::new(0),
        })
    }

    /// The VM as a shared handle (for futures that outlive a built-in's call).
    pub fn rc(&self) -> Rc<Vm> {
        self.me.upgrade().expect("the VM is alive while it runs")
    }

    /// Writes program output: complete lines become console lines on the timeline.
    pub fn write_out(&self, text: &str) {
        let mut out = self.out.borrow_mut();
        out.push_str(text);
        while let Some(nl) = out.find('\n') {
            let line: String = out.drain(..=nl).collect();
            let line = line.trim_end_matches('\n');
            self.console.borrow_mut().push((false, line.to_string()));
            self.lab
                .print_valued(line, Some(self.steps_in_poll() as f64));
        }
    }

    /// Instructions run since the current poll began (exact: the executing frame keeps its
    /// count in the VM before every instruction that may call out).
    pub fn steps_in_poll(&self) -> u64 {
        self.steps_total()
            .saturating_sub(self.poll_started_steps.get())
    }

    /// Instructions run so far, exactly (`steps` counts whole chunks; the budget left in the
    /// current one says how far into it the VM is).
    pub fn steps_total(&self) -> u64 {
        let left = self.budget.get().min(exec::CHECK_EVERY);
        self.steps.get() + (exec::CHECK_EVERY - left)
    }

    /// Since when the page (or worker) has been held without a turn, in real µs on the run's
    /// clock: from the driver's last turn if it says (a program that blocks in every poll
    /// freezes the page across polls), else from the current poll's start.
    pub fn held_since_us(&self) -> f64 {
        self.lab
            .executor()
            .held_since_us()
            .min(self.poll_started_us.get())
    }

    /// Lets go of what the program built, once its run is over (ended, stopped or cut short):
    /// the Python objects of a run stopped mid-way (pending tasks and futures, their callbacks,
    /// suspended coroutines, the module's globals) hold one another and, through the runtime,
    /// the run's loop; without this they would keep it all alive in reference cycles. The
    /// console and the trace are kept.
    pub fn tear_down(&self) {
        self.asyncio.let_go();
        self.waker.borrow_mut().take();
        let modules = std::mem::take(&mut *self.modules.borrow_mut());
        drop(modules);
        let globals = std::mem::take(&mut *self.main.attrs.borrow_mut());
        drop(globals);
    }

    /// Prints what is left of an unfinished line (at the end of the run).
    pub fn flush_out(&self) {
        let rest = std::mem::take(&mut *self.out.borrow_mut());
        if !rest.is_empty() {
            self.console.borrow_mut().push((false, rest.clone()));
            self.lab.print(rest);
        }
    }

    /// Writes to `sys.stderr`: kept apart for tests, and shown in the console.
    pub fn write_err(&self, text: &str) {
        self.flush_out();
        for line in text.trim_end_matches('\n').split('\n') {
            self.stderr.borrow_mut().push(line.to_string());
            self.console.borrow_mut().push((true, line.to_string()));
            self.lab.print(line);
        }
    }

    /// Runs the frames of `stack` above `base` until the frame at `base` returns or an exception
    /// escapes it, or until the task must wait.
    pub fn run(&self, stack: &mut Vec<Frame>, base: usize) -> Outcome {
        self.run_from(stack, base, None)
    }

    /// [`Vm::run`], with an exception the top frame did not handle already on its way out.
    fn run_from(&self, stack: &mut Vec<Frame>, base: usize, raising: Option<PyErr>) -> Outcome {
        let mut raising = raising;
        loop {
            let event = match raising.take() {
                Some(e) => Event::Error(e),
                None => match stack.last_mut() {
                    Some(top) => self.exec(top),
                    None => return Outcome::Return(Value::None),
                },
            };
            match event {
                Event::Push(frame) => raising = self.push_frame(stack, *frame),
                Event::Return(v) => {
                    let frame = stack.pop().expect("a frame returned");
                    let at_base = stack.len() <= base;
                    match self.deliver_return(stack, frame, v, at_base) {
                        Ok(Some(out)) => return out,
                        Ok(None) => {}
                        Err(e) => {
                            if at_base {
                                return Outcome::Raise(e);
                            }
                            raising = self.raise_in_top(stack, e);
                        }
                    }
                }
                Event::Yield(v) => match self.deliver_yield(stack, base, v) {
                    Ok(Some(out)) => return out,
                    Ok(None) => {}
                    Err(e) => raising = self.raise_in_top(stack, e),
                },
                Event::Error(e) => {
                    let frame = stack.pop().expect("a frame raised");
                    let e = self.finish_on_error(frame, e);
                    if stack.len() <= base {
                        return Outcome::Raise(e);
                    }
                    raising = self.raise_in_top(stack, e);
                }
                Event::Await(aw) => match self.start_await(aw, stack.last().map(|f| &f.role)) {
                    Ok(Awaiting::Value(v)) => {
                        if let Some(top) = stack.last_mut() {
                            top.stack.push(v);
                        }
                    }
                    Ok(Awaiting::Frame(frame)) => raising = self.push_frame(stack, *frame),
                    Ok(Awaiting::Pending(p)) => return Outcome::Suspend(p),
                    Err(e) => raising = self.raise_in_top(stack, e),
                },
            }
        }
    }

    /// Resumes a suspended task: the awaited operation's result goes to the top frame (or raises
    /// there), then the run goes on.
    pub fn resume(&self, stack: &mut Vec<Frame>, result: PyResult<Value>) -> Outcome {
        match result {
            Ok(v) => {
                if let Some(top) = stack.last_mut() {
                    top.stack.push(v);
                }
                self.run(stack, 0)
            }
            Err(e) => {
                let unhandled = self.raise_in_top(stack, e);
                self.run_from(stack, 0, unhandled)
            }
        }
    }

    /// Bookkeeping for a frame an exception leaves: its generator or coroutine is finished; a
    /// `StopIteration` escaping a generator becomes a `RuntimeError` (PEP 479).
    fn finish_on_error(&self, frame: Frame, e: PyErr) -> PyErr {
        match &frame.role {
            Role::Gen { gen, .. } | Role::Awaited { coro: gen } => {
                *gen.state.borrow_mut() = GenState::Done;
                let stop = with_types(|t| t.stop_iteration.clone());
                if e.is(&stop) {
                    let what = match gen.kind {
                        GenKind::Generator => "generator",
                        GenKind::Coroutine => "coroutine",
                        GenKind::AsyncGenerator => "async generator",
                    };
                    let r = PyErr::runtime_error(format!("{what} raised StopIteration"));
                    *r.state().context.borrow_mut() = Some(e.value());
                    return r;
                }
                e
            }
            _ => e,
        }
    }

    /// Pushes `frame` (a call or an awaited coroutine), or — past [`MAX_DEPTH`] — raises
    /// `RecursionError` in the top frame instead; returns what is then on its way out.
    fn push_frame(&self, stack: &mut Vec<Frame>, frame: Frame) -> Option<PyErr> {
        if stack.len() >= MAX_DEPTH {
            return self.raise_in_top(
                stack,
                PyErr::recursion_error("maximum recursion depth exceeded"),
            );
        }
        stack.push(frame);
        None
    }

    /// Raises `e` in the top frame at its current instruction: records the traceback line and
    /// jumps to a handler if one is open. Returns the exception when the frame does not handle
    /// it.
    pub(crate) fn raise_in_top(&self, stack: &mut [Frame], e: PyErr) -> Option<PyErr> {
        let top = stack.last_mut()?;
        self.raise_in(top, e).err()
    }

    /// Records where `e` passes and, unless it is AwaitLab's own stop, jumps to the innermost
    /// open handler of `f`.
    pub(crate) fn raise_in(&self, f: &mut Frame, e: PyErr) -> Result<(), PyErr> {
        e.push_traceback(&f.code.name, f.line(), f.id);
        if e.is_abort() {
            return Err(e);
        }
        let Some(block) = f.blocks.pop() else {
            return Err(e);
        };
        f.stack.truncate(block.depth as usize);
        f.handled.truncate(block.handled as usize);
        f.receivers.truncate(block.receivers as usize);
        f.stack.push(e.value());
        f.ip = block.handler as usize;
        Ok(())
    }

    fn deliver_return(
        &self,
        stack: &mut [Frame],
        frame: Frame,
        v: Value,
        at_base: bool,
    ) -> PyResult<Option<Outcome>> {
        let value = match frame.role {
            Role::Base | Role::Call => v,
            Role::Init(instance) => {
                if !v.is_none() {
                    return Err(PyErr::type_error(format!(
                        "__init__() should return None, not '{}'",
                        crate::object::type_name(&v)
                    )));
                }
                instance
            }
            Role::ClassBody { bases } => {
                let ns = frame.namespace.clone().unwrap_or_default();
                let class = call::build_class(self, &frame.code, ns, bases)?;
                if let Some(i) = frame.code.cellvars.iter().position(|c| &**c == "__class__") {
                    *frame.cells[i].borrow_mut() = Some(class.clone());
                }
                class
            }
            Role::Awaited { coro } => {
                *coro.state.borrow_mut() = GenState::Done;
                if coro.kind == GenKind::AsyncGenerator {
                    // An async generator that ends answers its `__anext__` so.
                    return Err(PyErr::bare(&with_types(|t| t.stop_async_iteration.clone())));
                }
                v
            }
            Role::Gen { gen, how } => {
                *gen.state.borrow_mut() = GenState::Done;
                match how {
                    Resume::Next => return Err(PyErr::stop_iteration(v)),
                    Resume::ForIter(target) => {
                        if at_base {
                            return Ok(Some(Outcome::Raise(PyErr::stop_iteration(v))));
                        }
                        let caller = stack.last_mut().expect("a caller");
                        caller.stack.pop();
                        caller.ip = target as usize;
                        return Ok(None);
                    }
                    Resume::YieldFrom => {
                        if at_base {
                            return Ok(Some(Outcome::Raise(PyErr::stop_iteration(v))));
                        }
                        let caller = stack.last_mut().expect("a caller");
                        caller.stack.pop(); // the sub-iterator
                        caller.stack.push(v);
                        caller.ip += 1; // past the YieldFrom it was parked on
                        return Ok(None);
                    }
                }
            }
        };
        if at_base {
            return Ok(Some(Outcome::Return(value)));
        }
        stack.last_mut().expect("a caller").stack.push(value);
        Ok(None)
    }

    fn deliver_yield(
        &self,
        stack: &mut Vec<Frame>,
        base: usize,
        v: Value,
    ) -> PyResult<Option<Outcome>> {
        loop {
            let top = stack.last().expect("a yielding frame");
            match &top.role {
                Role::Gen { gen, how } => {
                    let (gen, how) = (gen.clone(), *how);
                    let frame = stack.pop().expect("the generator's frame");
                    *gen.state.borrow_mut() = GenState::Suspended(Box::new(frame));
                    if stack.len() <= base {
                        return Ok(Some(Outcome::Yield(v)));
                    }
                    match how {
                        Resume::ForIter(_) | Resume::Next => {
                            stack.last_mut().expect("a caller").stack.push(v);
                            return Ok(None);
                        }
                        // The delegating generator yields the same value to its own caller
                        // (it stays parked on its YieldFrom).
                        Resume::YieldFrom => continue,
                    }
                }
                Role::Awaited { coro } if coro.legacy.get() => {
                    // A bare `yield` in an `@asyncio.coroutine`: give the loop one turn.
                    return Ok(Some(Outcome::Suspend(Pending::new(
                        crate::modules::asyncio::yield_once(&self.lab),
                    ))));
                }
                Role::Awaited { coro } if coro.kind == GenKind::AsyncGenerator => {
                    // An async generator's `yield` answers the `__anext__` awaiting it.
                    let coro = coro.clone();
                    let frame = stack.pop().expect("the async generator's frame");
                    *coro.state.borrow_mut() = GenState::Suspended(Box::new(frame));
                    if stack.len() <= base {
                        return Ok(Some(Outcome::Return(v)));
                    }
                    stack.last_mut().expect("a caller").stack.push(v);
                    return Ok(None);
                }
                _ => {
                    return Err(PyErr::runtime_error(
                        "yield outside a generator's own frame (AwaitLab bug)",
                    ));
                }
            }
        }
    }

    /// Starts awaiting `aw` from a frame with role `role`.
    pub(crate) fn start_await(&self, aw: Value, _role: Option<&Role>) -> PyResult<Awaiting> {
        match &aw {
            Value::Gen(g)
                if g.kind == GenKind::Coroutine
                    || g.kind == GenKind::AsyncGenerator
                    || g.legacy.get() =>
            {
                let frame = take_frame(g, "coroutine")?;
                let mut frame = frame;
                frame.role = Role::Awaited { coro: g.clone() };
                if g.started.replace(true) {
                    frame.stack.push(Value::None);
                }
                Ok(Awaiting::Frame(frame))
            }
            Value::Gen(g) if g.kind == GenKind::Generator => Err(PyErr::type_error(format!(
                "object generator can't be used in 'await' expression{}",
                ""
            ))),
            _ => crate::modules::asyncio::await_value(self, &aw),
        }
    }

    /// Calls `callable` and runs it to the end right here (a nested run, for built-ins that call
    /// back into Python: `sorted(key=…)`, `__repr__`, `map`).
    pub fn call(&self, callable: &Value, args: Args) -> PyResult<Value> {
        match call::prepare(self, callable, args)? {
            call::Prepared::Value(v) => Ok(v),
            call::Prepared::Frame(frame) => self.run_nested(*frame),
            call::Prepared::Await(_) => Err(PyErr::runtime_error(
                "this call needs the event loop, which cannot run inside a synchronous call here",
            )),
        }
    }

    /// Runs `frame` to its end in a nested run.
    pub fn run_nested(&self, mut frame: Frame) -> PyResult<Value> {
        if self.nested.get() >= MAX_NESTED {
            return Err(PyErr::recursion_error(
                "maximum recursion depth exceeded (nested calls from built-ins)",
            ));
        }
        if matches!(frame.role, Role::Call) {
            frame.role = Role::Base;
        }
        self.nested.set(self.nested.get() + 1);
        let mut stack = vec![frame];
        let out = self.run(&mut stack, 0);
        self.nested.set(self.nested.get() - 1);
        match out {
            Outcome::Return(v) | Outcome::Yield(v) => Ok(v),
            Outcome::Raise(e) => Err(e),
            Outcome::Suspend(_) => Err(PyErr::runtime_error(
                "cannot await inside a synchronous call (a __repr__, a sort key, map…)",
            )),
        }
    }

    /// Resumes a generator natively (`next(gen)` from Rust): `Ok(Some(v))` for a yielded value,
    /// `Ok(None)` when it is exhausted.
    pub fn gen_next(&self, g: &Rc<Generator>, sent: Value) -> PyResult<Option<Value>> {
        let mut frame = match take_frame(g, "generator") {
            Ok(f) => f,
            Err(e) => {
                if matches!(*g.state.borrow(), GenState::Done) {
                    return Ok(None);
                }
                return Err(e);
            }
        };
        if g.started.replace(true) {
            frame.stack.push(sent);
        }
        frame.role = Role::Gen {
            gen: g.clone(),
            how: Resume::Next,
        };
        if self.nested.get() >= MAX_NESTED {
            *g.state.borrow_mut() = GenState::Suspended(frame);
            return Err(PyErr::recursion_error("maximum recursion depth exceeded"));
        }
        self.nested.set(self.nested.get() + 1);
        let mut stack = vec![*frame];
        let out = self.run(&mut stack, 0);
        self.nested.set(self.nested.get() - 1);
        match out {
            Outcome::Yield(v) => Ok(Some(v)),
            Outcome::Return(_) => Ok(None),
            Outcome::Raise(e) => {
                if e.is(&with_types(|t| t.stop_iteration.clone())) {
                    Ok(None)
                } else {
                    Err(e)
                }
            }
            Outcome::Suspend(_) => Err(PyErr::runtime_error(
                "a generator cannot await (use an async generator)",
            )),
        }
    }

    /// Throws `e` into a suspended generator where it waits (`gen.throw`, `gen.close`):
    /// `Ok(Some(v))` if it yields, `Ok(None)` if it returns, the exception if it lets one out.
    pub fn gen_throw(&self, g: &Rc<Generator>, e: PyErr) -> PyResult<Option<Value>> {
        if matches!(*g.state.borrow(), GenState::Done) {
            return Err(e);
        }
        if !g.started.get() {
            // Never started: it ends at once, without running its body.
            *g.state.borrow_mut() = GenState::Done;
            return Err(e);
        }
        let mut frame = take_frame(g, "generator")?;
        frame.role = Role::Gen {
            gen: g.clone(),
            how: Resume::Next,
        };
        if self.nested.get() >= MAX_NESTED {
            *g.state.borrow_mut() = GenState::Suspended(frame);
            return Err(PyErr::recursion_error("maximum recursion depth exceeded"));
        }
        self.nested.set(self.nested.get() + 1);
        let mut stack = vec![*frame];
        let unhandled = self.raise_in_top(&mut stack, e);
        let out = self.run_from(&mut stack, 0, unhandled);
        self.nested.set(self.nested.get() - 1);
        match out {
            Outcome::Yield(v) => Ok(Some(v)),
            Outcome::Return(_) => Ok(None),
            Outcome::Raise(e) if e.is(&with_types(|t| t.stop_iteration.clone())) => Ok(None),
            Outcome::Raise(e) => Err(e),
            Outcome::Suspend(_) => Err(PyErr::runtime_error(
                "a generator cannot await (use an async generator)",
            )),
        }
    }

    /// Looks a name up in the builtins.
    pub fn builtin(&self, name: &str) -> Option<Value> {
        self.builtins.borrow().get(name).cloned()
    }

    /// The source text of line `n` (from 1), trimmed, for tracebacks.
    pub fn source_line(&self, n: u32) -> Option<&str> {
        self.source
            .get((n as usize).checked_sub(1)?)
            .map(|l| l.trim())
    }
}

/// What starting an await gives.
pub enum Awaiting {
    /// Already done: the value.
    Value(Value),
    /// A coroutine's frame to run on the task's stack.
    Frame(Box<Frame>),
    /// A runtime operation to wait for.
    Pending(Pending),
}

/// Takes a generator's frame to run it, refusing one that is running or finished.
pub(crate) fn take_frame(g: &Rc<Generator>, what: &str) -> PyResult<Box<Frame>> {
    let mut state = g.state.borrow_mut();
    match std::mem::replace(&mut *state, GenState::Running) {
        GenState::Suspended(frame) => Ok(frame),
        GenState::Running => {
            *state = GenState::Running;
            Err(PyErr::value_error(format!("{what} already executing")))
        }
        GenState::Done => {
            *state = GenState::Done;
            Err(PyErr::runtime_error(format!(
                "cannot reuse already awaited {what}"
            )))
        }
    }
}

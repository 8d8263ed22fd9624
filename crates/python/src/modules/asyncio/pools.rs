//! Executor pools: `loop.run_in_executor(pool, f, *args)`, `asyncio.to_thread(f, *args)` and
//! `concurrent.futures`' `ThreadPoolExecutor`/`ProcessPoolExecutor`. A job runs `f` in one of
//! the pool's Web Workers (a worker lane on the timeline) — a process pool's semantics for both
//! kinds: the worker loads the program's definitions and gets copies of the arguments, so `f`
//! must be defined at the program's top level and its arguments must be plain data. The job is
//! posted when `run_in_executor` is called, as CPython starts it then, and the loop goes on.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use awaitlab_core::backend::pool::{resolve_workers, JobError};
use awaitlab_core::kernels::{Job, JobOutput, PythonJob};
use awaitlab_core::lab::pool::{LabPool, RunJob};

use crate::builtins::{add_methods, int_arg};
use crate::error::{Abort, PyErr, PyResult};
use crate::object::{Class, Native};
use crate::types::with_types;
use crate::value::Value;
use crate::vm::{Args, Pending, Vm};

/// A `ThreadPoolExecutor` / `ProcessPoolExecutor`.
pub struct PoolObj {
    kind: &'static str,
    workers: usize,
    pool: RefCell<Option<LabPool>>,
}

thread_local! {
    static THREAD_POOL: Rc<Class> = pool_class("ThreadPoolExecutor", thread_new);
    static PROCESS_POOL: Rc<Class> = pool_class("ProcessPoolExecutor", process_new);
}

fn pool_class(name: &str, new: crate::types::NewFn) -> Rc<Class> {
    let c = crate::vm::call::plain_class(name, "concurrent.futures");
    add_methods(
        &c,
        "Executor",
        &[
            ("submit", submit),
            ("map", map),
            ("shutdown", shutdown),
            ("__enter__", enter),
            ("__exit__", exit),
        ],
    );
    c.new.set(Some(new));
    c
}

impl Native for PoolObj {
    fn class(&self) -> Rc<Class> {
        if self.kind == "ThreadPoolExecutor" {
            THREAD_POOL.with(|c| c.clone())
        } else {
            PROCESS_POOL.with(|c| c.clone())
        }
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn get_field(&self, name: &str) -> Option<Value> {
        (name == "_max_workers").then_some(Value::Int(self.workers as i64))
    }
}

impl PoolObj {
    /// The run's pool behind this executor (its worker lanes appear with the first job).
    fn lab_pool(&self, vm: &Vm) -> LabPool {
        self.pool
            .borrow_mut()
            .get_or_insert_with(|| vm.lab.pool(self.workers))
            .clone()
    }
}

fn make(kind: &'static str, mut args: Args) -> PyResult<Value> {
    let workers = match args.arg(0, "max_workers") {
        None | Some(Value::None) => resolve_workers(0),
        Some(v) => {
            let n = int_arg(&v, "max_workers")?;
            if n <= 0 {
                return Err(PyErr::value_error("max_workers must be greater than 0"));
            }
            // Each worker is a Web Worker: more than a handful only queues jobs in the browser.
            (n as usize).min(16)
        }
    };
    let _ = args.take_kw("thread_name_prefix");
    let _ = args.take_kw("mp_context");
    Ok(Value::Native(Rc::new(PoolObj {
        kind,
        workers,
        pool: RefCell::new(None),
    })))
}

fn thread_new(_vm: &Vm, _c: &Rc<Class>, args: Args) -> PyResult<Value> {
    make("ThreadPoolExecutor", args)
}

fn process_new(_vm: &Vm, _c: &Rc<Class>, args: Args) -> PyResult<Value> {
    make("ProcessPoolExecutor", args)
}

fn this(args: &Args) -> PyResult<&PoolObj> {
    match args.pos.first() {
        Some(Value::Native(n)) => n
            .as_any()
            .downcast_ref::<PoolObj>()
            .ok_or_else(|| PyErr::type_error("expected an executor")),
        _ => Err(PyErr::type_error("expected an executor")),
    }
}

fn enter(_vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(args.pos.first().cloned().unwrap_or(Value::None))
}

fn shutdown(_vm: &Vm, args: Args) -> PyResult<Value> {
    // Dropping the run's handle ends the workers once the jobs in flight let go of it.
    this(&args)?.pool.borrow_mut().take();
    Ok(Value::None)
}

fn exit(vm: &Vm, args: Args) -> PyResult<Value> {
    shutdown(vm, Args::new(args.pos.into_iter().take(1).collect()))?;
    Ok(Value::Bool(false))
}

fn submit(_vm: &Vm, _args: Args) -> PyResult<Value> {
    Err(PyErr::not_implemented(
        "executor.submit() gives a future only a thread can wait on; in AwaitLab use \
         `await loop.run_in_executor(pool, f, *args)` (or asyncio.to_thread)",
    ))
}

fn map(_vm: &Vm, _args: Args) -> PyResult<Value> {
    Err(PyErr::not_implemented(
        "executor.map() waits on the loop's own thread; in AwaitLab gather \
         `loop.run_in_executor(pool, f, x)` for each x",
    ))
}

/// The job a call of `f(*args)` becomes: `f` must be a function defined at the program's top
/// level (the worker finds it by name), its arguments plain data.
fn python_job(vm: &Vm, f: &Value, args: &[Value]) -> PyResult<Job> {
    let describe = || crate::vm::text::repr(vm, f).unwrap_or_default();
    if let Value::Builtin(b) = f {
        // A built-in (`sum`, `len`) the worker finds by name too.
        if vm.builtin(&b.name).is_some_and(|g| g.is(f)) {
            return plain_job(vm, b.name.to_string(), args);
        }
    }
    let Value::Function(func) = f else {
        return Err(PyErr::type_error(format!(
            "cannot send {} to a worker: AwaitLab's pools run functions defined at the top level \
             of the program",
            describe()
        )));
    };
    let name = func.code.name.to_string();
    let top_level = !func.code.qualname.contains('<')
        && vm
            .main
            .attrs
            .borrow()
            .get(name.as_str())
            .is_some_and(|g| g.is(f));
    if !top_level {
        return Err(PyErr::type_error(format!(
            "cannot send {} to a worker: it is not defined at the top level of the program \
             (a worker loads the program's definitions and finds the function by its name)",
            describe()
        )));
    }
    plain_job(vm, name, args)
}

fn plain_job(vm: &Vm, name: String, args: &[Value]) -> PyResult<Job> {
    let args = args
        .iter()
        .map(crate::worker::to_plain)
        .collect::<PyResult<Vec<_>>>()?;
    let mut source = vm.source.join("\n");
    source.push('\n');
    Ok(Job::Python(PythonJob {
        source,
        function: name,
        args,
        us_per_s: vm.lab.executor().us_per_s(),
        clock_origin_us: 0.0,
    }))
}

/// The exception a failed job raises in the awaiting task: a built-in class by its name, with
/// the message (`ValueError: bad`), else a `RuntimeError` carrying the whole line.
fn job_error(line: &str) -> PyErr {
    // A modelled job that met the prediction's step limit stops the prediction, as the
    // program's own steps would.
    if let Some(msg) = line.strip_prefix("awaitlab.AwaitLabStop: ") {
        return PyErr::abort(Abort::StepLimit, msg.to_string());
    }
    if let Some((name, msg)) = line.split_once(": ") {
        let class = with_types(|t| {
            t.builtin_exceptions()
                .into_iter()
                .find(|c| &*c.name == name)
                .cloned()
        });
        if let Some(class) = class {
            return PyErr::new(&class, msg);
        }
    }
    let bare = with_types(|t| {
        t.builtin_exceptions()
            .into_iter()
            .find(|c| &*c.name == line)
            .cloned()
    });
    match bare {
        Some(class) => PyErr::bare(&class),
        None => PyErr::runtime_error(format!("the job failed in its worker: {line}")),
    }
}

/// Posts `f(*args)` to `pool` now and gives the awaitable of its result.
fn post(vm: &Vm, pool: &LabPool, f: &Value, args: &[Value]) -> PyResult<Value> {
    let job = python_job(vm, f, args)?;
    let mut run = Box::pin(pool.run_in_executor(job));
    // Submit at once (CPython starts the job when run_in_executor is called), waking the task
    // that called it; whoever awaits the result polls it from then on.
    let waker = vm
        .waker
        .borrow()
        .clone()
        .unwrap_or_else(|| Waker::from(std::sync::Arc::new(NoWake)));
    let early = match run.as_mut().poll(&mut Context::from_waker(&waker)) {
        Poll::Ready(r) => Some(r),
        Poll::Pending => None,
    };
    let job = JobResult { run, early };
    // An asyncio future (as CPython's run_in_executor gives), completed by whoever awaits it.
    let (value, core) = super::future::new_future();
    *core.driver.borrow_mut() = Some(Pending::new(job));
    Ok(value)
}

struct NoWake;

impl std::task::Wake for NoWake {
    fn wake(self: std::sync::Arc<Self>) {}
}

/// The rest of a posted job, as the awaiting task sees it.
struct JobResult {
    run: Pin<Box<RunJob>>,
    early: Option<Result<JobOutput, JobError>>,
}

impl Future for JobResult {
    type Output = PyResult<Value>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let out = match self.early.take() {
            Some(r) => r,
            None => match self.run.as_mut().poll(cx) {
                Poll::Ready(r) => r,
                Poll::Pending => return Poll::Pending,
            },
        };
        Poll::Ready(match out {
            Ok(JobOutput::Value(p)) => Ok(crate::worker::to_value(&p)),
            Ok(_) => Ok(Value::None),
            Err(JobError::Raised(line)) => Err(job_error(&line)),
            Err(other) => Err(PyErr::runtime_error(format!(
                "the job failed in its worker: {other}"
            ))),
        })
    }
}

/// `loop.run_in_executor(executor, f, *args)` (`executor` `None`: the loop's default pool).
pub fn run_in_executor(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("run_in_executor", 3, usize::MAX)?;
    let executor = &args.pos[1];
    let pool = match executor {
        Value::None => default_pool(vm),
        Value::Native(n) => match n.as_any().downcast_ref::<PoolObj>() {
            Some(p) => p.lab_pool(vm),
            None => return Err(PyErr::type_error("executor must be an Executor or None")),
        },
        _ => return Err(PyErr::type_error("executor must be an Executor or None")),
    };
    post(vm, &pool, &args.pos[2], &args.pos[3..])
}

/// `asyncio.to_thread(f, *args)`: the default pool.
pub fn to_thread(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("to_thread", 1, usize::MAX)?;
    let pool = default_pool(vm);
    post(vm, &pool, &args.pos[0], &args.pos[1..])
}

fn default_pool(vm: &Vm) -> LabPool {
    vm.asyncio
        .default_pool
        .borrow_mut()
        .get_or_insert_with(|| vm.lab.pool(resolve_workers(0)))
        .clone()
}

/// The executor classes, for `concurrent.futures`.
pub fn classes() -> (Value, Value) {
    (
        Value::Class(THREAD_POOL.with(|c| c.clone())),
        Value::Class(PROCESS_POOL.with(|c| c.clone())),
    )
}

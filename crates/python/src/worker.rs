//! Python jobs for worker pools (`run_in_executor`): a worker loads the program's definitions —
//! its imports, functions, classes and constants, not the rest of its top-level code (as a
//! process pool's worker imports the module without running its `__main__` part) — and calls
//! the function with plain arguments. The same code runs the job for real in a Web Worker and
//! models it for the prediction on a virtual clock.

use std::rc::Rc;

use awaitlab_core::backend::Backends;
use awaitlab_core::clock::{Clock, VirtualClock};
use awaitlab_core::executor::Executor;
use awaitlab_core::kernels::{JobOutput, Modelled, PythonJob, PythonKernel};
use awaitlab_core::lab::Lab;
use awaitlab_core::plain::Plain;
use awaitlab_core::trace::{Kind, RunMeta, Source};

/// Why a job running in a worker cannot start a pool of its own.
const NO_NESTED_POOLS: &str = "a job running in a worker cannot start worker pools of its own";

use crate::ast::{ExprKind, Module, StmtKind};
use crate::dict::Dict;
use crate::error::{PyErr, PyResult};
use crate::value::Value;
use crate::vm::frame::{Frame, Role};
use crate::vm::{Args, Vm, NOMINAL_NS_PER_STEP};

/// The interpreter as a pool's Python kernel.
#[derive(Clone, Copy, Debug)]
pub struct Kernel {
    /// Most instructions a modelled job (the prediction's) may take: the prediction's own
    /// limit, so that predicting a job that computes for long stops as predicting the program
    /// does, instead of holding the page.
    pub model_steps: u64,
}

impl Default for Kernel {
    fn default() -> Self {
        Kernel {
            model_steps: 200_000_000,
        }
    }
}

/// A clock read from a function (a worker's `performance.now()`), busy-waiting to block.
struct FnClock(Rc<dyn Fn() -> f64>);

impl Clock for FnClock {
    fn now_us(&self) -> f64 {
        (self.0)()
    }

    fn block_until(&self, until_us: f64) {
        while (self.0)() < until_us {
            std::hint::spin_loop();
        }
    }

    fn advance_to(&self, _until_us: f64) -> bool {
        false
    }
}

/// The clock of a job: time 0 when it starts.
struct FromStart {
    clock: Rc<dyn Clock>,
    start_us: f64,
}

impl Clock for FromStart {
    fn now_us(&self) -> f64 {
        self.clock.now_us() - self.start_us
    }

    fn block_until(&self, until_us: f64) {
        self.clock.block_until(until_us + self.start_us);
    }

    fn advance_to(&self, until_us: f64) -> bool {
        self.clock.advance_to(until_us + self.start_us)
    }

    fn is_virtual(&self) -> bool {
        self.clock.is_virtual()
    }
}

/// Whether an expression runs code when evaluated (a call, an await): then an assignment of it
/// is program, not definition (`LETTERS = [("A", 1)]` is loaded; `results = main()` is not).
fn runs_code(e: &crate::ast::Expr) -> bool {
    use crate::ast::ExprKind as K;
    let any = |v: &[crate::ast::Expr]| v.iter().any(runs_code);
    match &e.kind {
        K::Call { .. } | K::Await(_) | K::Yield(_) | K::YieldFrom(_) => true,
        K::ListComp { .. } | K::SetComp { .. } | K::DictComp { .. } | K::GeneratorExp { .. } => {
            true
        }
        K::BoolOp { values, .. } => any(values),
        K::BinOp { left, right, .. } => runs_code(left) || runs_code(right),
        K::UnaryOp { operand, .. } => runs_code(operand),
        K::IfExp { test, body, orelse } => runs_code(test) || runs_code(body) || runs_code(orelse),
        K::Dict { keys, values } => keys.iter().flatten().any(runs_code) || any(values),
        K::Set(v) | K::List(v) | K::Tuple(v) | K::JoinedStr(v) => any(v),
        K::Compare {
            left, comparators, ..
        } => runs_code(left) || any(comparators),
        K::FormattedValue { value, .. } | K::Starred(value) => runs_code(value),
        K::Attribute { value, .. } => runs_code(value),
        K::Subscript { value, slice } => runs_code(value) || runs_code(slice),
        K::NamedExpr { value, .. } => runs_code(value),
        K::Slice { lower, upper, step } => [lower, upper, step]
            .into_iter()
            .flatten()
            .any(|x| runs_code(x)),
        K::Lambda { .. } | K::Constant(_) | K::Name(_) => false,
    }
}

/// Whether a top-level statement is a definition a worker loads.
fn is_definition(kind: &StmtKind) -> bool {
    let calls = runs_code;
    match kind {
        StmtKind::Import(_)
        | StmtKind::ImportFrom { .. }
        | StmtKind::FunctionDef(_)
        | StmtKind::ClassDef(_)
        | StmtKind::Global(_) => true,
        StmtKind::Assign { value, .. } => !calls(value),
        StmtKind::AnnAssign { value, .. } => value.as_ref().is_none_or(|v| !calls(v)),
        _ => false,
    }
}

/// A program's definitions only.
fn definitions(source: &str) -> Result<Rc<crate::compile::code::Code>, String> {
    let module = crate::parse(source).map_err(|e| e.to_string())?;
    let kept = Module {
        body: module
            .body
            .into_iter()
            .filter(|s| is_definition(&s.kind) && !matches!(&s.kind, StmtKind::Expr(e) if matches!(e.kind, ExprKind::Constant(_))))
            .collect(),
    };
    crate::compile::compile_module(&kept).map_err(|e| e.to_string())
}

/// A plain argument as a Python value.
pub fn to_value(p: &Plain) -> Value {
    match p {
        Plain::None => Value::None,
        Plain::Bool(b) => Value::Bool(*b),
        Plain::Int(i) => Value::Int(*i),
        Plain::BigInt(d) => crate::bigint::BigInt::parse(d).map_or(Value::None, Value::from_big),
        Plain::Float(f) => Value::Float(*f),
        Plain::Str(s) => Value::str(s),
        Plain::List(v) => Value::list(v.iter().map(to_value).collect()),
        Plain::Tuple(v) => Value::tuple(v.iter().map(to_value).collect()),
        Plain::Dict(kv) => {
            let mut d = Dict::new();
            for (k, v) in kv {
                let _ = d.insert(to_value(k), to_value(v));
            }
            Value::dict(d)
        }
    }
}

/// A Python value as plain data for a worker, or why it cannot cross (`TypeError`, as pickling
/// a function or an open file fails in CPython).
pub fn to_plain(v: &Value) -> PyResult<Plain> {
    Ok(match v {
        Value::None => Plain::None,
        Value::Bool(b) => Plain::Bool(*b),
        Value::Int(i) => Plain::Int(*i),
        Value::BigInt(b) => Plain::BigInt(b.to_decimal()),
        Value::Float(f) => Plain::Float(*f),
        Value::Str(s) => Plain::Str(s.to_string()),
        Value::List(l) => Plain::List(
            l.borrow()
                .clone()
                .iter()
                .map(to_plain)
                .collect::<PyResult<_>>()?,
        ),
        Value::Tuple(t) => Plain::Tuple(t.iter().map(to_plain).collect::<PyResult<_>>()?),
        Value::Dict(d) => {
            let items: Vec<(Value, Value)> = d
                .borrow()
                .items()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            Plain::Dict(
                items
                    .iter()
                    .map(|(k, v)| Ok((to_plain(k)?, to_plain(v)?)))
                    .collect::<PyResult<_>>()?,
            )
        }
        other => {
            return Err(PyErr::type_error(format!(
                "cannot send a '{}' object to a worker (AwaitLab's pools copy numbers, strings, \
                 lists, tuples and dicts, as a process pool pickles them)",
                crate::object::type_name(other)
            )))
        }
    })
}

/// What running a job gives: its result or error line, and the lines it printed (µs after its
/// start).
struct Ran {
    result: Result<Plain, String>,
    lines: Vec<(f64, String)>,
    end_us: f64,
}

fn run_on(job: &PythonJob, clock: Rc<dyn Clock>, charge_cpu: bool, step_limit: u64) -> Ran {
    let meta = RunMeta {
        scenario: "job".into(),
        mode: "python".into(),
        params: Vec::new(),
        speed_ms_per_s: job.us_per_s / 1000.0,
        source: if clock.is_virtual() {
            Source::Predicted
        } else {
            Source::Measured
        },
    };
    let real = !clock.is_virtual();
    let exec = Executor::new(clock, meta);
    let backends = match real {
        true => Backends::predicted().without_pools(NO_NESTED_POOLS),
        false => Backends::predicted(),
    };
    let lab = Lab::new(exec.clone(), backends);
    let vm = Vm::new(lab, &job.source);
    vm.freeze_limit_us.set(f64::INFINITY);
    vm.step_limit.set(step_limit);
    if charge_cpu {
        vm.cpu_ns_per_step.set(NOMINAL_NS_PER_STEP);
    }
    vm.main
        .attrs
        .borrow_mut()
        .insert(Rc::from("__name__"), Value::str("__mp_main__"));
    let result = (|| -> PyResult<Value> {
        let code = definitions(&job.source).map_err(PyErr::runtime_error)?;
        let mut frame = Frame::new(code, vm.main.attrs.clone(), &[]);
        frame.role = Role::Base;
        vm.run_nested(frame)?;
        let f = vm
            .main
            .attrs
            .borrow()
            .get(job.function.as_str())
            .cloned()
            .or_else(|| vm.builtin(&job.function));
        let Some(f) = f else {
            return Err(PyErr::name_error(format!(
                "name '{}' is not defined in the worker (a job's function must be defined at \
                 the top level of the program)",
                job.function
            )));
        };
        let args = job.args.iter().map(to_value).collect();
        vm.call(&f, Args::new(args))
    })();
    vm.flush_out();
    let lines = exec.with_trace(|t| {
        t.events
            .iter()
            .filter(|e| e.kind == Kind::Print)
            .map(|e| (e.start_us, e.label.to_string()))
            .collect()
    });
    let end_us = exec.now_us();
    let result = match result {
        Ok(v) => to_plain(&v).map_err(|e| crate::modules::asyncio::exception_line(&vm, &e)),
        Err(e) => Err(crate::modules::asyncio::exception_line(&vm, &e)),
    };
    Ran {
        result,
        lines,
        end_us,
    }
}

impl PythonKernel for Kernel {
    fn run(
        &self,
        job: &PythonJob,
        now_us: Rc<dyn Fn() -> f64>,
        print: &mut dyn FnMut(f64, String),
    ) -> Result<Plain, String> {
        let base: Rc<dyn Clock> = Rc::new(FnClock(now_us));
        // Time 0 is the run's start (a job's perf_counter reads the run's time, as a thread's
        // does); without an origin, the job's own start.
        let start_us = if job.clock_origin_us > 0.0 {
            job.clock_origin_us
        } else {
            base.now_us()
        };
        let ran = run_on(
            job,
            Rc::new(FromStart {
                clock: base,
                start_us,
            }),
            false,
            Kernel::default().model_steps,
        );
        for (at, text) in ran.lines {
            print(start_us + at, text);
        }
        ran.result
    }

    fn model(&self, job: &PythonJob, start_us: f64) -> Modelled {
        let clock = Rc::new(VirtualClock::new());
        clock.advance_to(start_us);
        let ran = run_on(job, clock, true, self.model_steps);
        Modelled {
            cost_us: (ran.end_us - start_us).max(0.0),
            lines: ran
                .lines
                .into_iter()
                .map(|(at, text)| ((at - start_us).max(0.0), text))
                .collect(),
            result: ran.result.map(JobOutput::Value),
        }
    }
}

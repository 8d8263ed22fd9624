//! `asyncio.timeout(delay)` and `timeout_at(when)` (3.11): an async context manager that
//! cancels the task it runs in at the deadline and turns that cancellation into `TimeoutError`
//! when the block exits. The deadline is a timer on the task's own lane (no extra lane): the
//! task's next poll past it delivers the cancellation.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use super::future::ready;
use super::task::TaskObj;
use crate::builtins::{add_methods, num_arg};
use crate::error::{PyErr, PyResult};
use crate::object::{Class, Native};
use crate::types::with_types;
use crate::value::Value;
use crate::vm::{Args, Vm};

/// A deadline armed on a task.
pub struct Arm {
    /// Real microseconds on the run's clock.
    pub deadline_us: Cell<f64>,
    /// Whether it fired (the task was cancelled for it).
    pub fired: Cell<bool>,
    timer: Cell<Option<u64>>,
}

/// The context manager.
struct Timeout {
    when_s: Cell<Option<f64>>,
    task: RefCell<Option<Rc<TaskObj>>>,
    arm: RefCell<Option<Rc<Arm>>>,
}

thread_local! {
    static TIMEOUT_CLASS: Rc<Class> = {
        let c = crate::vm::call::plain_class("Timeout", "asyncio.timeouts");
        add_methods(
            &c,
            "Timeout",
            &[
                ("__aenter__", aenter),
                ("__aexit__", aexit),
                ("reschedule", reschedule),
                ("when", when),
                ("expired", expired),
            ],
        );
        c
    };
}

impl Native for Timeout {
    fn class(&self) -> Rc<Class> {
        TIMEOUT_CLASS.with(|c| c.clone())
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn this(args: &Args) -> PyResult<&Timeout> {
    match args.pos.first() {
        Some(Value::Native(n)) => n
            .as_any()
            .downcast_ref::<Timeout>()
            .ok_or_else(|| PyErr::type_error("expected an asyncio.Timeout")),
        _ => Err(PyErr::type_error("expected an asyncio.Timeout")),
    }
}

fn make(when_s: Option<f64>) -> Value {
    Value::Native(Rc::new(Timeout {
        when_s: Cell::new(when_s),
        task: RefCell::new(None),
        arm: RefCell::new(None),
    }))
}

/// `asyncio.timeout(delay)`.
pub fn timeout(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("timeout", 1, 1)?;
    Ok(match &args.pos[0] {
        Value::None => make(None),
        d => make(Some(vm.lab.now_s() + num_arg(d, "delay")?)),
    })
}

/// `asyncio.timeout_at(when)`.
pub fn timeout_at(_vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("timeout_at", 1, 1)?;
    Ok(match &args.pos[0] {
        Value::None => make(None),
        w => make(Some(num_arg(w, "when")?)),
    })
}

fn arm(vm: &Vm, t: &Timeout) {
    let (Some(when), Some(task)) = (t.when_s.get(), t.task.borrow().clone()) else {
        return;
    };
    let exec = vm.lab.executor();
    let deadline_us = vm.lab.s_to_us(when).max(exec.now_us());
    let arm = Rc::new(Arm {
        deadline_us: Cell::new(deadline_us),
        fired: Cell::new(false),
        timer: Cell::new(None),
    });
    if let Some(lane) = task.lane.get() {
        arm.timer.set(Some(exec.add_timer(deadline_us, lane)));
    }
    task.timeouts.borrow_mut().push(arm.clone());
    *t.arm.borrow_mut() = Some(arm);
}

fn disarm(vm: &Vm, t: &Timeout) -> Option<Rc<Arm>> {
    let arm = t.arm.borrow_mut().take()?;
    if let Some(timer) = arm.timer.take() {
        vm.lab.executor().remove_timer(timer);
    }
    if let Some(task) = t.task.borrow().as_ref() {
        task.timeouts.borrow_mut().retain(|a| !Rc::ptr_eq(a, &arm));
    }
    Some(arm)
}

fn aenter(vm: &Vm, args: Args) -> PyResult<Value> {
    let t = this(&args)?;
    let task = vm.asyncio.current.borrow().clone();
    let Some(task) = task else {
        return Err(PyErr::runtime_error("Timeout should be used inside a task"));
    };
    *t.task.borrow_mut() = Some(task);
    arm(vm, t);
    Ok(ready("__aenter__", args.pos[0].clone()))
}

fn aexit(vm: &Vm, args: Args) -> PyResult<Value> {
    let t = this(&args)?;
    let fired = disarm(vm, t).is_some_and(|a| a.fired.get());
    let cancelled = with_types(
        |ty| matches!(args.pos.get(1), Some(Value::Class(c)) if c.is_subclass(&ty.cancelled_error)),
    );
    if fired && cancelled {
        if let Some(task) = t.task.borrow().as_ref() {
            task.cancels.set(task.cancels.get().saturating_sub(1));
        }
        let err = PyErr::bare(&with_types(|ty| ty.timeout_error.clone()));
        if let Some(exc) = args.pos.get(2) {
            *err.state().cause.borrow_mut() = Some(exc.clone());
        }
        return Err(err);
    }
    Ok(ready("__aexit__", Value::None))
}

fn reschedule(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("reschedule", 2, 2)?;
    let t = this(&args)?;
    let when = match &args.pos[1] {
        Value::None => None,
        w => Some(num_arg(w, "when")?),
    };
    disarm(vm, t);
    t.when_s.set(when);
    arm(vm, t);
    Ok(Value::None)
}

fn when(_vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(this(&args)?.when_s.get().map_or(Value::None, Value::Float))
}

fn expired(_vm: &Vm, args: Args) -> PyResult<Value> {
    let t = this(&args)?;
    Ok(Value::Bool(
        t.arm.borrow().as_ref().is_some_and(|a| a.fired.get()),
    ))
}

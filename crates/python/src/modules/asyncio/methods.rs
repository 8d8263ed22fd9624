//! The methods of `asyncio.Task` and `asyncio.Future`.

use std::rc::Rc;

use super::future::{FutCore, FutState, FutureObj};
use super::task::TaskObj;
use crate::builtins::add_methods;
use crate::error::{PyErr, PyResult};
use crate::object::Class;
use crate::value::Value;
use crate::vm::{text, Args, Vm};

pub(super) fn install_task_methods(c: &Rc<Class>) {
    add_methods(
        c,
        "Task",
        &[
            ("cancel", cancel),
            ("cancelled", cancelled),
            ("done", done),
            ("result", result),
            ("exception", exception),
            ("add_done_callback", add_done_callback),
            ("remove_done_callback", remove_done_callback),
            ("get_name", get_name),
            ("set_name", set_name),
            ("get_coro", get_coro),
            ("cancelling", cancelling),
            ("uncancel", uncancel),
        ],
    );
}

pub(super) fn install_future_methods(c: &Rc<Class>) {
    add_methods(
        c,
        "Future",
        &[
            ("cancel", cancel),
            ("cancelled", cancelled),
            ("done", done),
            ("result", result),
            ("exception", exception),
            ("set_result", set_result),
            ("set_exception", set_exception),
            ("add_done_callback", add_done_callback),
            ("remove_done_callback", remove_done_callback),
        ],
    );
    c.new.set(Some(future_new));
}

fn future_new(_vm: &Vm, _c: &Rc<Class>, _args: Args) -> PyResult<Value> {
    Ok(super::future::new_future().0)
}

fn core(args: &Args) -> PyResult<(Rc<FutCore>, Value)> {
    if let Some(v @ Value::Native(n)) = args.pos.first() {
        if let Some(t) = n.as_any().downcast_ref::<TaskObj>() {
            return Ok((t.core.clone(), v.clone()));
        }
        if let Some(f) = n.as_any().downcast_ref::<FutureObj>() {
            return Ok((f.core.clone(), v.clone()));
        }
    }
    Err(PyErr::type_error("expected an asyncio.Future or Task"))
}

fn task(args: &Args) -> PyResult<&TaskObj> {
    if let Some(Value::Native(n)) = args.pos.first() {
        if let Some(t) = n.as_any().downcast_ref::<TaskObj>() {
            return Ok(t);
        }
    }
    Err(PyErr::type_error("expected an asyncio.Task"))
}

fn cancel(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let msg = args.take_kw("msg").or_else(|| args.pos.get(1).cloned());
    let msg = match msg {
        None | Some(Value::None) => None,
        Some(m) => Some(text::str(vm, &m)?),
    };
    let (core, me) = core(&args)?;
    Ok(Value::Bool(core.cancel(vm, msg, &me)))
}

fn cancelled(_vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(core(&args)?.0.cancelled()))
}

fn done(_vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(core(&args)?.0.done()))
}

fn result(_vm: &Vm, args: Args) -> PyResult<Value> {
    core(&args)?.0.result()
}

fn exception(_vm: &Vm, args: Args) -> PyResult<Value> {
    core(&args)?.0.exception()
}

fn set_result(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("set_result", 2, 2)?;
    let (core, me) = core(&args)?;
    core.finish(vm, FutState::Done(args.pos[1].clone()), &me)?;
    Ok(Value::None)
}

fn set_exception(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("set_exception", 2, 2)?;
    let (core, me) = core(&args)?;
    let e = crate::vm::call::make_exception(vm, args.pos[1].clone())?;
    core.finish(vm, FutState::Failed(e), &me)?;
    Ok(Value::None)
}

fn add_done_callback(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let _context = args.take_kw("context");
    args.check("add_done_callback", 2, 2)?;
    let (core, me) = core(&args)?;
    core.add_callback(vm, args.pos[1].clone(), &me);
    Ok(Value::None)
}

fn remove_done_callback(_vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("remove_done_callback", 2, 2)?;
    let (core, _) = core(&args)?;
    Ok(Value::Int(core.remove_callback(&args.pos[1]) as i64))
}

fn get_name(_vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(Value::str(&task(&args)?.name.borrow()))
}

fn set_name(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("set_name", 2, 2)?;
    let name = text::str(vm, &args.pos[1])?;
    *task(&args)?.name.borrow_mut() = name;
    Ok(Value::None)
}

fn get_coro(_vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(task(&args)?.coro.clone())
}

fn cancelling(_vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Int(task(&args)?.cancels.get() as i64))
}

fn uncancel(_vm: &Vm, args: Args) -> PyResult<Value> {
    let t = task(&args)?;
    t.cancels.set(t.cancels.get().saturating_sub(1));
    Ok(Value::Int(t.cancels.get() as i64))
}

//! Methods of `object`, exceptions, generators, properties and numbers.

use std::rc::Rc;

use super::{add_methods, control, int_arg};
use crate::error::{PyErr, PyResult};
use crate::object::{Descriptor, GenKind, GenState};
use crate::types::{with_types, Types};
use crate::value::Value;
use crate::vm::frame::{Resume, Role};
use crate::vm::{take_frame, Args, Control, Vm};

pub(super) fn install(t: &Types) {
    add_methods(&t.object, "object", &[("__init__", object_init)]);
    add_methods(
        &t.base_exception,
        "BaseException",
        &[("__init__", exc_init), ("with_traceback", with_traceback)],
    );
    for class in [&t.generator, &t.coroutine] {
        class
            .attrs
            .borrow_mut()
            .insert(Rc::from("send"), control("send", send));
        add_methods(class, "generator", &[("close", close), ("throw", throw)]);
    }
    t.generator
        .attrs
        .borrow_mut()
        .insert(Rc::from("__next__"), control("__next__", next));
    add_methods(&t.generator, "generator", &[("__iter__", identity)]);
    add_methods(
        &t.iterator,
        "iterator",
        &[("__iter__", identity), ("__next__", iter_next)],
    );
    add_methods(
        &t.property,
        "property",
        &[("setter", property_setter), ("getter", property_getter)],
    );
    add_methods(
        &t.int,
        "int",
        &[("bit_length", bit_length), ("conjugate", identity)],
    );
    add_methods(&t.float, "float", &[("is_integer", is_integer)]);
}

fn object_init(_vm: &Vm, args: Args) -> PyResult<Value> {
    if args.pos.len() > 1 || !args.kw.is_empty() {
        return Err(PyErr::type_error(
            "object.__init__() takes exactly one argument (the instance to initialize)",
        ));
    }
    Ok(Value::None)
}

fn exc_init(_vm: &Vm, args: Args) -> PyResult<Value> {
    if let Some(Value::Instance(i)) = args.pos.first() {
        if let Some(state) = &i.exc {
            *state.args.borrow_mut() = args.pos[1..].to_vec();
        }
    }
    Ok(Value::None)
}

fn with_traceback(_vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(args.pos.first().cloned().unwrap_or(Value::None))
}

fn gen_of(args: &Args) -> PyResult<Rc<crate::object::Generator>> {
    match args.pos.first() {
        Some(Value::Gen(g)) => Ok(g.clone()),
        _ => Err(PyErr::type_error("expected a generator")),
    }
}

fn resume(args: &Args, sent: Value) -> PyResult<Control> {
    let g = gen_of(args)?;
    if matches!(*g.state.borrow(), GenState::Done) {
        return Err(PyErr::stop_iteration(Value::None));
    }
    if !g.started.get() && !sent.is_none() {
        return Err(PyErr::type_error(
            "can't send non-None value to a just-started generator",
        ));
    }
    let what = if g.kind == GenKind::Coroutine {
        "coroutine"
    } else {
        "generator"
    };
    let mut frame = take_frame(&g, what)?;
    if g.started.replace(true) {
        frame.stack.push(sent);
    }
    frame.role = Role::Gen {
        gen: g.clone(),
        how: Resume::Next,
    };
    Ok(Control::Frame(frame))
}

fn send(_vm: &Vm, args: Args) -> PyResult<Control> {
    args.check("send", 2, 2)?;
    resume(&args, args.pos[1].clone())
}

fn next(_vm: &Vm, args: Args) -> PyResult<Control> {
    resume(&args, Value::None)
}

fn close(vm: &Vm, args: Args) -> PyResult<Value> {
    let g = gen_of(&args)?;
    let exit = with_types(|t| t.generator_exit.clone());
    match vm.gen_throw(&g, PyErr::bare(&exit)) {
        Ok(Some(_)) => Err(PyErr::runtime_error("generator ignored GeneratorExit")),
        Ok(None) => Ok(Value::None),
        Err(e) if e.is(&exit) => Ok(Value::None),
        Err(e) => Err(e),
    }
}

fn throw(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("throw", 2, 4)?;
    let g = gen_of(&args)?;
    let mut exc = args.pos[1].clone();
    if let (Value::Class(_), Some(v)) = (&exc, args.pos.get(2)) {
        if !v.is_none() {
            exc = vm.call(&exc, Args::new(vec![v.clone()]))?;
        }
    }
    let err = crate::vm::call::make_exception(vm, exc)?;
    match vm.gen_throw(&g, err)? {
        Some(v) => Ok(v),
        None => Err(PyErr::stop_iteration(Value::None)),
    }
}

fn identity(_vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(args.pos.first().cloned().unwrap_or(Value::None))
}

fn iter_next(vm: &Vm, args: Args) -> PyResult<Value> {
    let it = args.pos.first().cloned().unwrap_or(Value::None);
    match crate::vm::iter::next(vm, &it)? {
        Some(v) => Ok(v),
        None => Err(PyErr::stop_iteration(Value::None)),
    }
}

fn property_parts(args: &Args) -> PyResult<(Value, Option<Value>)> {
    match args.pos.first() {
        Some(Value::Descriptor(d)) => match &**d {
            Descriptor::Property { fget, fset } => Ok((fget.clone(), fset.clone())),
            _ => Err(PyErr::type_error("expected a property")),
        },
        _ => Err(PyErr::type_error("expected a property")),
    }
}

fn property_setter(_vm: &Vm, args: Args) -> PyResult<Value> {
    let (fget, _) = property_parts(&args)?;
    let fset = args.pos.get(1).cloned();
    Ok(Value::Descriptor(Rc::new(Descriptor::Property {
        fget,
        fset,
    })))
}

fn property_getter(_vm: &Vm, args: Args) -> PyResult<Value> {
    let (_, fset) = property_parts(&args)?;
    let fget = args.pos.get(1).cloned().unwrap_or(Value::None);
    Ok(Value::Descriptor(Rc::new(Descriptor::Property {
        fget,
        fset,
    })))
}

fn bit_length(_vm: &Vm, args: Args) -> PyResult<Value> {
    let i = int_arg(args.pos.first().unwrap_or(&Value::None), "self")?;
    Ok(Value::Int(64 - i.unsigned_abs().leading_zeros() as i64))
}

fn is_integer(_vm: &Vm, args: Args) -> PyResult<Value> {
    match args.pos.first() {
        Some(Value::Float(x)) => Ok(Value::Bool(crate::text::float_is_integer(*x))),
        _ => Err(PyErr::type_error("expected a float")),
    }
}

/// Whether `v` is `object.__init__` (a class without an `__init__` of its own).
pub fn is_object_init(v: &Value) -> bool {
    matches!(v, Value::Builtin(b) if b.owner == Some("object"))
}

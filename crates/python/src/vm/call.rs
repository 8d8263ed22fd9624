//! Calling anything callable, making instances and classes, and turning what `raise` is given
//! into an exception.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::compile::code::Code;
use crate::error::{new_exception, PyErr, PyResult};
use crate::object::{
    BuiltinFn, Class, ClassKind, Descriptor, Function, GenKind, GenState, Generator, Instance,
    Namespace,
};
use crate::types::{class_of, make_class, with_types};
use crate::value::Value;
use crate::vm::frame::{bind, Role};
use crate::vm::{attr, Args, Control, Vm};

/// What a call needs before it has a value.
pub enum Prepared {
    /// The call is done: its result.
    Value(Value),
    /// Run this frame; its result is the call's.
    Frame(Box<crate::vm::frame::Frame>),
    /// Await this on the caller's behalf.
    Await(Value),
}

/// Starts a call: built-ins run at once, Python functions give a frame to run.
pub fn prepare(vm: &Vm, callable: &Value, mut args: Args) -> PyResult<Prepared> {
    match callable {
        Value::Function(func) => call_function(func, args),
        Value::Builtin(b) => match b.func {
            BuiltinFn::Plain(f) => Ok(Prepared::Value(f(vm, args)?)),
            BuiltinFn::Control(f) => Ok(match f(vm, args)? {
                Control::Value(v) => Prepared::Value(v),
                Control::Frame(frame) => Prepared::Frame(frame),
                Control::Await(aw) => Prepared::Await(aw),
            }),
        },
        Value::Method(m) => {
            args.pos.insert(0, m.receiver.clone());
            prepare(vm, &m.func, args)
        }
        Value::Class(c) => instantiate(vm, c, args),
        Value::Descriptor(d) => match &**d {
            Descriptor::StaticMethod(f) => prepare(vm, f, args),
            _ => Err(not_callable(callable)),
        },
        Value::Instance(_) | Value::Native(_) => {
            let class = class_of(callable);
            match class.lookup("__call__") {
                Some(call) => {
                    args.pos.insert(0, callable.clone());
                    prepare(vm, &call, args)
                }
                None => Err(not_callable(callable)),
            }
        }
        _ => Err(not_callable(callable)),
    }
}

fn not_callable(v: &Value) -> PyErr {
    PyErr::type_error(format!(
        "'{}' object is not callable",
        crate::object::type_name(v)
    ))
}

/// Calls a Python function: a frame to run, or — for generator and coroutine functions — the
/// generator or coroutine object, which runs later.
pub fn call_function(func: &Rc<Function>, args: Args) -> PyResult<Prepared> {
    let frame = bind(func, args)?;
    let flags = func.code.flags;
    if flags.generator || flags.coroutine {
        let kind = match (flags.generator, flags.coroutine) {
            (true, true) => GenKind::AsyncGenerator,
            (false, true) => GenKind::Coroutine,
            _ => GenKind::Generator,
        };
        return Ok(Prepared::Value(Value::Gen(Rc::new(Generator {
            kind,
            state: RefCell::new(GenState::Suspended(Box::new(frame))),
            qualname: func.code.qualname.clone(),
            started: Cell::new(false),
            legacy: Cell::new(kind == GenKind::Generator && func.legacy_coroutine.get()),
        }))));
    }
    Ok(Prepared::Frame(Box::new(frame)))
}

/// `Class(args)`: a built-in's constructor, or a new instance and its `__init__`.
pub fn instantiate(vm: &Vm, class: &Rc<Class>, mut args: Args) -> PyResult<Prepared> {
    if let Some(new) = class.lineage().find_map(|c| c.new.get()) {
        if class.kind != ClassKind::Plain && class.kind != ClassKind::Exception {
            return Ok(Prepared::Value(new(vm, class, args)?));
        }
    }
    let instance = match class.kind {
        ClassKind::Exception => {
            let user_init = matches!(class.lookup("__init__"), Some(Value::Function(_)));
            if !user_init && !args.kw.is_empty() {
                return Err(PyErr::type_error(format!(
                    "{}() takes no keyword arguments",
                    class.name
                )));
            }
            // `BaseException.__new__` keeps the call's arguments as `args`; an `__init__` calling
            // `super().__init__(…)` replaces them.
            Value::Instance(new_exception(class, args.pos.clone()))
        }
        ClassKind::Plain => Value::Instance(Rc::new(Instance {
            class: class.clone(),
            attrs: Default::default(),
            exc: None,
        })),
        _ => {
            return Err(PyErr::type_error(format!(
                "cannot create '{}' instances",
                class.qualified_name()
            )))
        }
    };
    match class.lookup("__init__") {
        Some(Value::Function(init)) => {
            args.pos.insert(0, instance.clone());
            let mut frame = bind(&init, args)?;
            frame.role = Role::Init(instance);
            Ok(Prepared::Frame(Box::new(frame)))
        }
        Some(other)
            if class.kind == ClassKind::Plain && !crate::builtins::is_object_init(&other) =>
        {
            args.pos.insert(0, instance.clone());
            vm.call(&other, args)?;
            Ok(Prepared::Value(instance))
        }
        _ => {
            if class.kind == ClassKind::Plain && (!args.pos.is_empty() || !args.kw.is_empty()) {
                return Err(PyErr::type_error(format!(
                    "{}() takes no arguments",
                    class.name
                )));
            }
            Ok(Prepared::Value(instance))
        }
    }
}

/// Makes the class a class body produced: its bases, MRO and namespace.
pub fn build_class(
    _vm: &Vm,
    code: &Rc<Code>,
    ns: Rc<Namespace>,
    bases: Vec<Value>,
) -> PyResult<Value> {
    let mut base_classes = Vec::new();
    for b in &bases {
        match b {
            Value::Class(c) => {
                if c.kind == ClassKind::Builtin && !with_types(|t| Rc::ptr_eq(c, &t.object)) {
                    return Err(PyErr::not_implemented(format!(
                        "subclassing the built-in type '{}' is not supported in AwaitLab",
                        c.name
                    )));
                }
                if c.kind == ClassKind::Native {
                    return Err(PyErr::not_implemented(format!(
                        "subclassing '{}' is not supported in AwaitLab",
                        c.qualified_name()
                    )));
                }
                base_classes.push(c.clone());
            }
            other => {
                return Err(PyErr::type_error(format!(
                    "bases must be types, not {}",
                    crate::object::type_name(other)
                )))
            }
        }
    }
    if base_classes.is_empty() {
        base_classes.push(with_types(|t| t.object.clone()));
    }
    let kind = if base_classes.iter().any(|b| b.kind == ClassKind::Exception) {
        ClassKind::Exception
    } else {
        ClassKind::Plain
    };
    let mro = c3(&base_classes).ok_or_else(|| {
        PyErr::type_error(
            "Cannot create a consistent method resolution order (MRO) for bases".to_string(),
        )
    })?;
    let module = ns
        .borrow()
        .get("__module__")
        .and_then(|m| m.as_str().map(str::to_string))
        .unwrap_or_else(|| "__main__".into());
    let attrs: crate::object::NameMap = ns.borrow().clone();
    let class = Class {
        name: code.name.clone(),
        module: Rc::from(module.as_str()),
        bases: base_classes,
        mro,
        attrs: RefCell::new(attrs),
        kind,
        frozen: false,
        new: Cell::new(None),
    };
    Ok(Value::Class(Rc::new(class)))
}

/// C3 linearisation of the bases (the MRO after the class itself).
fn c3(bases: &[Rc<Class>]) -> Option<Vec<Rc<Class>>> {
    let mut seqs: Vec<Vec<Rc<Class>>> = bases
        .iter()
        .map(|b| b.lineage().cloned().collect())
        .collect();
    seqs.push(bases.to_vec());
    let mut out: Vec<Rc<Class>> = Vec::new();
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Some(out);
        }
        let head = seqs.iter().find_map(|s| {
            let h = &s[0];
            let in_tail = seqs.iter().any(|t| t[1..].iter().any(|c| Rc::ptr_eq(c, h)));
            (!in_tail).then(|| h.clone())
        })?;
        for s in seqs.iter_mut() {
            if Rc::ptr_eq(&s[0], &head) {
                s.remove(0);
            }
        }
        out.push(head);
    }
}

/// A new user-visible class made from Rust (asyncio's types use [`make_class`] directly).
pub fn plain_class(name: &str, module: &str) -> Rc<Class> {
    make_class(
        name,
        module,
        vec![with_types(|t| t.object.clone())],
        ClassKind::Native,
        None,
    )
}

/// What `raise x` raises: an instance as it is, a class instantiated with no arguments.
pub fn make_exception(vm: &Vm, v: Value) -> PyResult<PyErr> {
    match &v {
        Value::Instance(i) if i.exc.is_some() => Ok(PyErr(i.clone())),
        Value::Class(c) if c.kind == ClassKind::Exception => {
            let made = vm.call(&v, Args::default())?;
            match made {
                Value::Instance(i) if i.exc.is_some() => Ok(PyErr(i)),
                _ => Err(PyErr::type_error(
                    "calling the exception class did not give an exception",
                )),
            }
        }
        _ => Err(PyErr::type_error(
            "exceptions must derive from BaseException",
        )),
    }
}

/// `except t` matching `exc`: `t` is a class or a tuple of classes.
pub fn exception_matches(exc: &Value, t: &Value) -> PyResult<bool> {
    match t {
        Value::Class(c) => {
            if c.kind != ClassKind::Exception {
                return Err(PyErr::type_error(
                    "catching classes that do not inherit from BaseException is not allowed",
                ));
            }
            Ok(class_of(exc).is_subclass(c))
        }
        Value::Tuple(items) => {
            for item in items.iter() {
                if exception_matches(exc, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => Err(PyErr::type_error(
            "catching classes that do not inherit from BaseException is not allowed",
        )),
    }
}

/// `obj.name(args)` from Rust.
pub fn call_method(vm: &Vm, obj: &Value, name: &str, args: Vec<Value>) -> PyResult<Value> {
    let m = attr::getattr(vm, obj, name)?;
    vm.call(&m, Args::new(args))
}

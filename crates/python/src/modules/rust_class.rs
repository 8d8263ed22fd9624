//! Classes written in Rust whose instances are ordinary instances (`collections.deque`,
//! `datetime.date`…): methods are built-ins in the class, the Rust state sits in a hidden
//! attribute. So the VM's operators reach their dunders as they reach a Python class's, and a
//! program can subclass them (`class LRU(OrderedDict)`), as in CPython.

use std::cell::RefCell;
use std::rc::Rc;

use crate::builtins::{add_methods, func, NativeFn};
use crate::error::{PyErr, PyResult};
use crate::object::{Class, ClassKind, Descriptor, Instance};
use crate::types::{make_class, with_types};
use crate::value::Value;
use crate::vm::Args;

/// The hidden attribute holding an instance's Rust state.
pub const STATE: &str = "__awaitlab_state__";

/// A class of `module`, deriving from `bases` (or `object`), with these methods.
pub fn class(
    name: &'static str,
    module: &str,
    bases: Vec<Rc<Class>>,
    methods: &[(&str, NativeFn)],
) -> Rc<Class> {
    let bases = if bases.is_empty() {
        vec![with_types(|t| t.object.clone())]
    } else {
        bases
    };
    let c = make_class(name, module, bases, ClassKind::Plain, None);
    add_methods(&c, name, methods);
    c
}

/// Adds read-only properties (`deque.maxlen`, `date.year`).
pub fn properties(class: &Rc<Class>, props: &[(&str, NativeFn)]) {
    let mut attrs = class.attrs.borrow_mut();
    for (name, f) in props {
        attrs.insert(
            Rc::from(*name),
            Value::Descriptor(Rc::new(Descriptor::Property {
                fget: func(name, *f),
                fset: None,
            })),
        );
    }
}

/// Adds class methods (`datetime.now`, `OrderedDict.fromkeys`).
pub fn class_methods(class: &Rc<Class>, methods: &[(&str, NativeFn)]) {
    let mut attrs = class.attrs.borrow_mut();
    for (name, f) in methods {
        attrs.insert(
            Rc::from(*name),
            Value::Descriptor(Rc::new(Descriptor::ClassMethod(func(name, *f)))),
        );
    }
}

/// A new instance of `class` holding `state`.
pub fn instance(class: &Rc<Class>, state: Value) -> Value {
    let mut attrs = crate::object::NameMap::default();
    attrs.insert(Rc::from(STATE), state);
    Value::Instance(Rc::new(Instance {
        class: class.clone(),
        attrs: RefCell::new(attrs),
        exc: None,
    }))
}

/// The receiver of a method, checked to be an instance of `class`.
pub fn receiver<'a>(args: &'a Args, class: &Rc<Class>, method: &str) -> PyResult<&'a Rc<Instance>> {
    match args.pos.first() {
        Some(Value::Instance(i)) if i.class.is_subclass(class) => Ok(i),
        Some(other) => Err(PyErr::type_error(format!(
            "descriptor '{method}' for '{}' objects doesn't apply to a '{}' object",
            class.qualified_name(),
            crate::object::type_name(other)
        ))),
        None => Err(PyErr::type_error(format!(
            "descriptor '{method}' of '{}' object needs an argument",
            class.qualified_name()
        ))),
    }
}

/// The stored state of an instance, if it has one.
pub fn state(i: &Instance) -> Option<Value> {
    i.attrs.borrow().get(STATE).cloned()
}

/// Stores an instance's state.
pub fn set_state(i: &Instance, v: Value) {
    i.attrs.borrow_mut().insert(Rc::from(STATE), v);
}

/// Binds a call's arguments (after `self`) to parameter names, as CPython's argument parser
/// does for built-in methods: `None` for those not given.
pub fn params(args: Args, fname: &str, names: &[&str]) -> PyResult<Vec<Option<Value>>> {
    if args.pos.len() > names.len() {
        return Err(PyErr::type_error(format!(
            "{fname}() takes at most {} argument{} ({} given)",
            names.len(),
            if names.len() == 1 { "" } else { "s" },
            args.pos.len()
        )));
    }
    let mut out: Vec<Option<Value>> = vec![None; names.len()];
    for (i, v) in args.pos.into_iter().enumerate() {
        out[i] = Some(v);
    }
    for (k, v) in args.kw {
        match names.iter().position(|n| *n == &*k) {
            Some(i) if out[i].is_none() => out[i] = Some(v),
            Some(i) => {
                return Err(PyErr::type_error(format!(
                    "argument for {fname}() given by name ('{k}') and position ({})",
                    i + 1
                )))
            }
            None => {
                return Err(PyErr::type_error(format!(
                    "{fname}() got an unexpected keyword argument '{k}'"
                )))
            }
        }
    }
    Ok(out)
}

/// The arguments after `self`.
pub fn rest(mut args: Args) -> Args {
    if !args.pos.is_empty() {
        args.pos.remove(0);
    }
    args
}

/// The name of the instance's class, as reprs of subclasses show it.
pub fn type_name(i: &Instance) -> String {
    i.class.name.to_string()
}

thread_local! {
    /// How deep Rust methods of these classes are inside one another (a deque comparing the
    /// deques inside it): built-in calls do not pass through the VM's nesting count.
    static DEPTH: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    /// Instances whose `repr` is being built.
    static IN_REPR: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` one level deeper, with a `RecursionError` past the VM's nesting limit instead of
/// a Rust stack overflow (two deques containing each other, compared).
pub fn nested<T>(f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    let depth = DEPTH.with(|d| {
        d.set(d.get() + 1);
        d.get()
    });
    let out = if depth > crate::vm::MAX_NESTED {
        Err(PyErr::recursion_error(
            "maximum recursion depth exceeded while calling a Python object",
        ))
    } else {
        f()
    };
    DEPTH.with(|d| d.set(d.get() - 1));
    out
}

/// The `repr` of an instance that may contain itself: `recursive` when it is already being
/// shown further out (CPython's `Py_ReprEnter`).
pub fn repr_guard(
    i: &Instance,
    recursive: &str,
    f: impl FnOnce() -> PyResult<String>,
) -> PyResult<String> {
    let id = i as *const Instance as usize;
    if IN_REPR.with(|s| s.borrow().contains(&id)) {
        return Ok(recursive.to_string());
    }
    IN_REPR.with(|s| s.borrow_mut().push(id));
    let out = nested(f);
    IN_REPR.with(|s| {
        s.borrow_mut().retain(|x| *x != id);
    });
    out
}

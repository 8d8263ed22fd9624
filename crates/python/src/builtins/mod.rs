//! The builtins: functions (`print`, `len`, `sorted`…), the constructors of built-in types
//! (`int("3")`), and the methods of built-in types (`str.split`, `list.append`…), one file per
//! family.

mod ctors;
mod dict_methods;
pub mod files;
mod functions;
mod list_methods;
mod object_methods;
mod str_methods;

use std::rc::Rc;

use crate::error::{PyErr, PyResult};
use crate::object::{Builtin, BuiltinFn, Namespace};
use crate::types::Types;
use crate::value::Value;
use crate::vm::{Args, Control, Vm};

pub use ctors::constructor_for;
pub use object_methods::is_object_init;

/// The shape of a plain built-in: the VM, the arguments, a value or an exception.
pub type NativeFn = fn(&Vm, Args) -> PyResult<Value>;

/// A built-in function value.
pub fn func(name: &str, f: fn(&Vm, Args) -> PyResult<Value>) -> Value {
    Value::Builtin(Rc::new(Builtin {
        name: Rc::from(name),
        func: BuiltinFn::Plain(f),
        owner: None,
    }))
}

/// A built-in that asks the run loop for something (a frame, an await).
pub fn control(name: &str, f: fn(&Vm, Args) -> PyResult<Control>) -> Value {
    Value::Builtin(Rc::new(Builtin {
        name: Rc::from(name),
        func: BuiltinFn::Control(f),
        owner: None,
    }))
}

/// Adds methods to a built-in class: each takes the object as its first argument.
pub fn add_methods(
    class: &Rc<crate::object::Class>,
    owner: &'static str,
    methods: &[(&str, crate::builtins::NativeFn)],
) {
    let mut attrs = class.attrs.borrow_mut();
    for (name, f) in methods {
        attrs.insert(
            Rc::from(*name),
            Value::Builtin(Rc::new(Builtin {
                name: Rc::from(*name),
                func: BuiltinFn::Plain(*f),
                owner: Some(owner),
            })),
        );
    }
}

/// Fills the built-in classes' methods (called once when the classes are made).
pub fn install_type_methods(t: &Types) {
    ctors::install_types(t);
    str_methods::install(t);
    list_methods::install(t);
    dict_methods::install(t);
    object_methods::install(t);
}

/// The `builtins` namespace of a run.
pub fn namespace() -> Namespace {
    let ns = Namespace::default();
    functions::install(&ns);
    ctors::install(&ns);
    crate::types::with_types(|t| {
        let mut ns = ns.borrow_mut();
        for c in t.builtin_exceptions() {
            ns.insert(c.name.clone(), Value::Class(c.clone()));
        }
        ns.insert(Rc::from("Ellipsis"), crate::types::ellipsis());
        ns.insert(Rc::from("NotImplemented"), crate::types::not_implemented());
    });
    ns
}

/// Argument checks with CPython's messages.
impl Args {
    /// Requires between `min` and `max` positional arguments and no keywords.
    pub fn check(&self, name: &str, min: usize, max: usize) -> PyResult<()> {
        if let Some((k, _)) = self.kw.first() {
            return Err(PyErr::type_error(format!(
                "{name}() got an unexpected keyword argument '{k}'"
            )));
        }
        self.check_pos(name, min, max)
    }

    /// Requires between `min` and `max` positional arguments (keywords are the caller's).
    pub fn check_pos(&self, name: &str, min: usize, max: usize) -> PyResult<()> {
        let n = self.pos.len();
        if n < min || n > max {
            let expect = if min == max {
                format!(
                    "{name}() takes exactly {min} argument{}",
                    if min == 1 { "" } else { "s" }
                )
            } else if n < min {
                format!(
                    "{name}() takes at least {min} argument{}",
                    if min == 1 { "" } else { "s" }
                )
            } else {
                format!(
                    "{name}() takes at most {max} argument{}",
                    if max == 1 { "" } else { "s" }
                )
            };
            return Err(PyErr::type_error(format!("{expect} ({n} given)")));
        }
        Ok(())
    }

    /// Takes keyword `name` out of the call, if given.
    pub fn take_kw(&mut self, name: &str) -> Option<Value> {
        let i = self.kw.iter().position(|(k, _)| &**k == name)?;
        Some(self.kw.remove(i).1)
    }

    /// Positional `i`, or keyword `name`.
    pub fn arg(&mut self, i: usize, name: &str) -> Option<Value> {
        match self.take_kw(name) {
            Some(v) => Some(v),
            None => self.pos.get(i).cloned(),
        }
    }

    /// Fails on keywords nobody took.
    pub fn no_more_kw(&self, name: &str) -> PyResult<()> {
        match self.kw.first() {
            Some((k, _)) => Err(PyErr::type_error(format!(
                "{name}() got an unexpected keyword argument '{k}'"
            ))),
            None => Ok(()),
        }
    }
}

/// An int argument, with CPython's message when it is not one.
pub fn int_arg(v: &Value, what: &str) -> PyResult<i64> {
    if let Value::BigInt(_) = v {
        return Err(PyErr::overflow(
            "Python int too large to convert to C ssize_t",
        ));
    }
    v.as_int_like().ok_or_else(|| {
        PyErr::type_error(format!(
            "{what} must be an integer, not {}",
            crate::object::type_name(v)
        ))
    })
}

/// A number argument (int or float) as `f64`.
pub fn num_arg(v: &Value, what: &str) -> PyResult<f64> {
    v.as_f64().ok_or_else(|| {
        PyErr::type_error(format!(
            "{what} must be a real number, not {}",
            crate::object::type_name(v)
        ))
    })
}

/// A str argument.
pub fn str_arg<'a>(v: &'a Value, what: &str) -> PyResult<&'a str> {
    v.as_str().ok_or_else(|| {
        PyErr::type_error(format!(
            "{what} must be str, not {}",
            crate::object::type_name(v)
        ))
    })
}

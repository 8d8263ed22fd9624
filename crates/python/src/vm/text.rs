//! `repr()`, `str()` and `format()` of every value, as CPython 3.11 writes them. Numbers and
//! strings go through [`crate::text`] (checked against CPython byte for byte); containers,
//! classes and instances are assembled here, calling `__repr__`/`__str__`/`__format__` when a
//! class defines them.

use std::cell::RefCell;

use crate::error::{PyErr, PyResult};
use crate::object::{ClassKind, Descriptor, GenKind};
use crate::text as t;
use crate::types::{class_of, with_types};
use crate::value::Value;
use crate::vm::ops::text_err;
use crate::vm::{Args, Vm};

thread_local! {
    /// Containers whose `repr` is being built (a list containing itself prints `[...]`).
    static IN_REPR: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

fn guarded(
    v: &Value,
    open: &str,
    close: &str,
    f: impl FnOnce() -> PyResult<String>,
) -> PyResult<String> {
    let id = v.identity();
    let seen = IN_REPR.with(|s| s.borrow().contains(&id));
    if seen {
        return Ok(format!("{open}...{close}"));
    }
    IN_REPR.with(|s| s.borrow_mut().push(id));
    let out = f();
    IN_REPR.with(|s| {
        s.borrow_mut().pop();
    });
    out
}

/// An address for `<… object at 0x…>`.
pub fn addr(v: &Value) -> String {
    format!("{:#x}", v.identity())
}

fn join(vm: &Vm, items: &[Value]) -> PyResult<String> {
    let mut out = String::new();
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&repr(vm, x)?);
    }
    Ok(out)
}

/// `repr(v)`.
pub fn repr(vm: &Vm, v: &Value) -> PyResult<String> {
    Ok(match v {
        Value::None => "None".into(),
        Value::Bool(b) => if *b { "True" } else { "False" }.into(),
        Value::Int(i) => i.to_string(),
        Value::BigInt(b) => {
            let digits = b.to_decimal();
            if digits.len() > 4300 {
                return Err(PyErr::value_error(format!(
                    "Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit ({} digits here)",
                    digits.trim_start_matches('-').len()
                )));
            }
            digits
        }
        Value::Float(x) => t::float_repr(*x),
        Value::Str(s) => t::str_repr(s),
        Value::List(l) => {
            let items = l.borrow().clone();
            guarded(v, "[", "]", || Ok(format!("[{}]", join(vm, &items)?)))?
        }
        Value::Tuple(items) => {
            if items.len() == 1 {
                format!("({},)", repr(vm, &items[0])?)
            } else {
                guarded(v, "(", ")", || Ok(format!("({})", join(vm, items)?)))?
            }
        }
        Value::Dict(d) => {
            let items: Vec<(Value, Value)> = d
                .borrow()
                .items()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            guarded(v, "{", "}", || {
                let mut out = String::from("{");
                for (i, (k, x)) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(&repr(vm, k)?);
                    out.push_str(": ");
                    out.push_str(&repr(vm, x)?);
                }
                out.push('}');
                Ok(out)
            })?
        }
        Value::Set(s) => {
            let items: Vec<Value> = s.borrow().keys().cloned().collect();
            if items.is_empty() {
                "set()".into()
            } else {
                guarded(v, "{", "}", || Ok(format!("{{{}}}", join(vm, &items)?)))?
            }
        }
        Value::FrozenSet(s) => {
            let items: Vec<Value> = s.keys().cloned().collect();
            if items.is_empty() {
                "frozenset()".into()
            } else {
                format!("frozenset({{{}}})", join(vm, &items)?)
            }
        }
        Value::Range(r) => {
            if r.step == 1 {
                format!("range({}, {})", r.start, r.stop)
            } else {
                format!("range({}, {}, {})", r.start, r.stop, r.step)
            }
        }
        Value::Slice(s) => format!(
            "slice({}, {}, {})",
            repr(vm, &s.start)?,
            repr(vm, &s.stop)?,
            repr(vm, &s.step)?
        ),
        Value::Function(f) => match f.attrs.borrow().get("__qualname__") {
            // `functools.wraps` gives a wrapper the wrapped function's name.
            Some(Value::Str(q)) => format!("<function {q} at {}>", addr(v)),
            _ => format!("<function {} at {}>", f.code.qualname, addr(v)),
        },
        Value::Builtin(b) => match b.owner {
            Some(owner) => format!("<method '{}' of '{owner}' objects>", b.name),
            None => format!("<built-in function {}>", b.name),
        },
        Value::Method(m) => match &m.func {
            Value::Builtin(b) => format!(
                "<built-in method {} of {} object at {}>",
                b.name,
                crate::object::type_name(&m.receiver),
                addr(&m.receiver)
            ),
            Value::Function(f) => format!(
                "<bound method {} of {}>",
                f.code.qualname,
                repr(vm, &m.receiver)?
            ),
            other => format!("<bound method of {}>", repr(vm, other)?),
        },
        Value::Descriptor(d) => match &**d {
            Descriptor::Property { .. } => format!("<property object at {}>", addr(v)),
            Descriptor::StaticMethod(f) => format!("<staticmethod({})>", repr(vm, f)?),
            Descriptor::ClassMethod(f) => format!("<classmethod({})>", repr(vm, f)?),
        },
        Value::Class(c) => format!("<class '{}'>", c.qualified_name()),
        Value::Module(m) => format!("<module '{}' (built-in)>", m.name),
        Value::Gen(g) => {
            let kind = match g.kind {
                GenKind::Generator => "generator",
                GenKind::Coroutine => "coroutine",
                GenKind::AsyncGenerator => "async_generator",
            };
            format!("<{kind} object {} at {}>", g.qualname, addr(v))
        }
        Value::Iter(_) => format!("<iterator object at {}>", addr(v)),
        Value::Native(n) => match n.repr(vm) {
            Some(s) => s,
            None => format!("<{} object at {}>", n.class().qualified_name(), addr(v)),
        },
        Value::Instance(i) => {
            if let Some(m) = user_method(&i.class, "__repr__") {
                return as_text(vm.call(&m, Args::new(vec![v.clone()]))?, "__repr__");
            }
            if let Some(state) = &i.exc {
                let args = state.args.borrow().clone();
                if args.len() == 1 {
                    format!("{}({})", i.class.name, repr(vm, &args[0])?)
                } else {
                    format!("{}({})", i.class.name, join(vm, &args)?)
                }
            } else if with_types(|t| std::rc::Rc::ptr_eq(&i.class, &t.ellipsis_type)) {
                "Ellipsis".into()
            } else if with_types(|t| std::rc::Rc::ptr_eq(&i.class, &t.not_implemented_type)) {
                "NotImplemented".into()
            } else {
                format!("<{} object at {}>", i.class.qualified_name(), addr(v))
            }
        }
    })
}

/// A method a Python class defines itself (not `object`'s default).
fn user_method(class: &std::rc::Rc<crate::object::Class>, name: &str) -> Option<Value> {
    class
        .lineage()
        .filter(|c| c.kind != ClassKind::Builtin)
        .find_map(|c| c.attrs.borrow().get(name).cloned())
        .filter(|m| matches!(m, Value::Function(_) | Value::Method(_) | Value::Builtin(_)))
}

fn as_text(v: Value, what: &str) -> PyResult<String> {
    match v {
        Value::Str(s) => Ok(s.to_string()),
        other => Err(PyErr::type_error(format!(
            "{what} returned non-string (type {})",
            crate::object::type_name(&other)
        ))),
    }
}

/// `str(v)`.
pub fn str(vm: &Vm, v: &Value) -> PyResult<String> {
    match v {
        Value::Str(s) => Ok(s.to_string()),
        Value::Instance(i) => {
            if let Some(m) = user_method(&i.class, "__str__") {
                return as_text(vm.call(&m, Args::new(vec![v.clone()]))?, "__str__");
            }
            if let Some(state) = &i.exc {
                if user_method(&i.class, "__repr__").is_none() {
                    let args = state.args.borrow().clone();
                    let key_error = with_types(|t| t.key_error.clone());
                    return match args.len() {
                        0 => Ok(String::new()),
                        1 if i.class.is_subclass(&key_error) => repr(vm, &args[0]),
                        1 => str(vm, &args[0]),
                        _ => repr(vm, &Value::tuple(args)),
                    };
                }
            }
            repr(vm, v)
        }
        _ => repr(vm, v),
    }
}

/// `format(v, spec)`.
pub fn format(vm: &Vm, v: &Value, spec: &str) -> PyResult<String> {
    match v {
        Value::Int(i) => t::format_int(*i as i128, spec).map_err(text_err),
        Value::BigInt(b) => {
            // Past i128, only the digits with width and alignment (what programs print).
            let digits = b.to_decimal();
            match digits.parse::<i128>() {
                Ok(i) => t::format_int(i, spec).map_err(text_err),
                Err(_) if spec.is_empty() || spec == "d" => Ok(digits),
                Err(_) => t::format_str(&digits, spec.trim_end_matches('d')).map_err(text_err),
            }
        }
        Value::Bool(b) => t::format_bool(*b, spec).map_err(text_err),
        Value::Float(x) => t::format_float(*x, spec).map_err(text_err),
        Value::Str(s) => t::format_str(s, spec).map_err(text_err),
        Value::Instance(i) if user_method(&i.class, "__format__").is_some() => {
            let m = user_method(&i.class, "__format__").unwrap_or(Value::None);
            as_text(
                vm.call(&m, Args::new(vec![v.clone(), Value::str(spec)]))?,
                "__format__",
            )
        }
        other => {
            if spec.is_empty() {
                return str(vm, other);
            }
            let name = class_of(other).name.to_string();
            t::check_object_spec(&name, spec).map_err(text_err)?;
            str(vm, other)
        }
    }
}

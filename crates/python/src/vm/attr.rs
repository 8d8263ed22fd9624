//! Attribute access: `obj.name` for instances (instance dict, then the class's MRO, with
//! properties, static and class methods), classes, modules, functions, and the built-in types
//! whose methods are built-ins in their class.

use std::rc::Rc;

use crate::error::{PyErr, PyResult};
use crate::object::{BoundMethod, ClassKind, Descriptor};
use crate::types::{class_of, with_types};
use crate::value::Value;
use crate::vm::{Args, Vm};

/// `obj.name`.
pub fn getattr(vm: &Vm, obj: &Value, name: &str) -> PyResult<Value> {
    match find(vm, obj, name)? {
        Some(v) => Ok(v),
        None => {
            // `__getattr__` is the last resort, as in CPython.
            if let Value::Instance(i) = obj {
                if let Some(hook) = i.class.lookup("__getattr__") {
                    return vm.call(&hook, Args::new(vec![obj.clone(), Value::str(name)]));
                }
            }
            Err(no_attribute(obj, name))
        }
    }
}

/// Whether `obj.name` exists (`hasattr`).
pub fn hasattr(vm: &Vm, obj: &Value, name: &str) -> PyResult<bool> {
    match getattr(vm, obj, name) {
        Ok(_) => Ok(true),
        Err(e) if e.is(&with_types(|t| t.attribute_error.clone())) => Ok(false),
        Err(e) => Err(e),
    }
}

/// CPython's `AttributeError` for a missing attribute.
pub fn no_attribute(obj: &Value, name: &str) -> PyErr {
    let msg = match obj {
        Value::Module(m) => format!("module '{}' has no attribute '{name}'", m.name),
        Value::Class(c) => format!("type object '{}' has no attribute '{name}'", c.name),
        other => format!(
            "'{}' object has no attribute '{name}'",
            crate::object::type_name(other)
        ),
    };
    PyErr::attribute_error(msg)
}

/// Binds a class attribute found for `obj` (functions become methods).
fn bind(vm: &Vm, obj: &Value, found: Value) -> PyResult<Value> {
    Ok(match found {
        Value::Function(_) | Value::Builtin(_) => Value::Method(Rc::new(BoundMethod {
            receiver: obj.clone(),
            func: found,
        })),
        Value::Descriptor(d) => match &*d {
            Descriptor::Property { fget, .. } => vm.call(fget, Args::new(vec![obj.clone()]))?,
            Descriptor::StaticMethod(f) => f.clone(),
            Descriptor::ClassMethod(f) => Value::Method(Rc::new(BoundMethod {
                receiver: Value::Class(class_of(obj)),
                func: f.clone(),
            })),
        },
        other => other,
    })
}

fn find(vm: &Vm, obj: &Value, name: &str) -> PyResult<Option<Value>> {
    match obj {
        Value::Instance(i) => {
            let in_class = i.class.lookup(name);
            if let Some(Value::Descriptor(d)) = &in_class {
                if matches!(**d, Descriptor::Property { .. }) {
                    return bind(vm, obj, Value::Descriptor(d.clone())).map(Some);
                }
            }
            if let Some(v) = i.attrs.borrow().get(name) {
                return Ok(Some(v.clone()));
            }
            if let Some(state) = &i.exc {
                let special = match name {
                    "args" => Some(Value::tuple(state.args.borrow().clone())),
                    "__cause__" => Some(state.cause.borrow().clone().unwrap_or(Value::None)),
                    "__context__" => Some(state.context.borrow().clone().unwrap_or(Value::None)),
                    "__suppress_context__" => Some(Value::Bool(state.suppress_context.get())),
                    "__traceback__" => Some(Value::None),
                    "value"
                        if i.class
                            .is_subclass(&with_types(|t| t.stop_iteration.clone())) =>
                    {
                        Some(state.args.borrow().first().cloned().unwrap_or(Value::None))
                    }
                    _ => None,
                };
                if special.is_some() {
                    return Ok(special);
                }
            }
            match name {
                "__class__" => return Ok(Some(Value::Class(i.class.clone()))),
                "__dict__" => {
                    let mut d = crate::dict::Dict::new();
                    for (k, v) in i.attrs.borrow().iter() {
                        let _ = d.insert(Value::Str(k.clone()), v.clone());
                    }
                    return Ok(Some(Value::dict(d)));
                }
                _ => {}
            }
            match in_class {
                Some(found) => bind(vm, obj, found).map(Some),
                None => Ok(None),
            }
        }
        Value::Class(c) => {
            let special = match name {
                "__name__" => Some(Value::Str(c.name.clone())),
                "__qualname__" => c
                    .attrs
                    .borrow()
                    .get("__qualname__")
                    .cloned()
                    .or_else(|| Some(Value::Str(c.name.clone()))),
                "__module__" => Some(Value::Str(c.module.clone())),
                "__bases__" => Some(Value::tuple(
                    c.bases.iter().map(|b| Value::Class(b.clone())).collect(),
                )),
                "__mro__" => Some(Value::tuple(
                    c.lineage().map(|b| Value::Class(b.clone())).collect(),
                )),
                "__doc__" => Some(
                    c.attrs
                        .borrow()
                        .get("__doc__")
                        .cloned()
                        .unwrap_or(Value::None),
                ),
                _ => None,
            };
            if special.is_some() {
                return Ok(special);
            }
            Ok(match c.lookup(name) {
                Some(Value::Descriptor(d)) => match &*d {
                    Descriptor::StaticMethod(f) => Some(f.clone()),
                    Descriptor::ClassMethod(f) => Some(Value::Method(Rc::new(BoundMethod {
                        receiver: obj.clone(),
                        func: f.clone(),
                    }))),
                    Descriptor::Property { .. } => Some(Value::Descriptor(d.clone())),
                },
                other => other,
            })
        }
        Value::Module(m) => Ok(match name {
            "__name__" => Some(Value::Str(m.name.clone())),
            _ => m.attrs.borrow().get(name).cloned(),
        }),
        Value::Function(f) => Ok(match name {
            "__name__" => Some(
                f.attrs
                    .borrow()
                    .get("__name__")
                    .cloned()
                    .unwrap_or_else(|| Value::Str(f.code.name.clone())),
            ),
            "__qualname__" => Some(
                f.attrs
                    .borrow()
                    .get("__qualname__")
                    .cloned()
                    .unwrap_or_else(|| Value::Str(f.code.qualname.clone())),
            ),
            "__module__" => f.globals.borrow().get("__name__").cloned(),
            "__doc__" => Some(
                f.attrs
                    .borrow()
                    .get("__doc__")
                    .cloned()
                    .unwrap_or(Value::None),
            ),
            _ => match f.attrs.borrow().get(name).cloned() {
                Some(v) => Some(v),
                None => generic(vm, obj, name)?,
            },
        }),
        Value::Builtin(b) => Ok(match name {
            "__name__" | "__qualname__" => Some(Value::Str(b.name.clone())),
            _ => None,
        }),
        Value::Method(m) => Ok(match name {
            "__self__" => Some(m.receiver.clone()),
            "__func__" => Some(m.func.clone()),
            _ => find(vm, &m.func, name)?,
        }),
        Value::Native(n) => match n.get_field(name) {
            Some(v) => Ok(Some(v)),
            None => generic(vm, obj, name),
        },
        Value::Int(i) => Ok(match name {
            "real" | "numerator" => Some(Value::Int(*i)),
            "imag" => Some(Value::Int(0)),
            "denominator" => Some(Value::Int(1)),
            _ => generic(vm, obj, name)?,
        }),
        Value::Float(x) => Ok(match name {
            "real" => Some(Value::Float(*x)),
            "imag" => Some(Value::Float(0.0)),
            _ => generic(vm, obj, name)?,
        }),
        Value::Range(r) => Ok(match name {
            "start" => Some(Value::Int(r.start)),
            "stop" => Some(Value::Int(r.stop)),
            "step" => Some(Value::Int(r.step)),
            _ => generic(vm, obj, name)?,
        }),
        Value::Slice(s) => Ok(match name {
            "start" => Some(s.start.clone()),
            "stop" => Some(s.stop.clone()),
            "step" => Some(s.step.clone()),
            _ => generic(vm, obj, name)?,
        }),
        Value::Gen(g) => Ok(match name {
            "__name__" => Some(Value::str(
                g.qualname.rsplit('.').next().unwrap_or(&g.qualname),
            )),
            "__qualname__" => Some(Value::Str(g.qualname.clone())),
            _ => generic(vm, obj, name)?,
        }),
        _ => generic(vm, obj, name),
    }
}

/// Methods of built-in types and natives: built-ins in their class, bound to the object.
fn generic(vm: &Vm, obj: &Value, name: &str) -> PyResult<Option<Value>> {
    if name == "__class__" {
        return Ok(Some(Value::Class(class_of(obj))));
    }
    match class_of(obj).lookup(name) {
        Some(found) => bind(vm, obj, found).map(Some),
        None => Ok(None),
    }
}

/// `obj.name` about to be called: the callable and, for a method, its receiver — without making a
/// bound method object (the common `obj.method(…)` path).
pub fn load_method(vm: &Vm, obj: Value, name: &str) -> PyResult<(Value, Option<Value>)> {
    let class = match &obj {
        Value::Instance(i) => {
            if i.attrs.borrow().contains_key(name) {
                return Ok((getattr(vm, &obj, name)?, None));
            }
            i.class.clone()
        }
        Value::Class(_) | Value::Module(_) | Value::Function(_) | Value::Method(_) => {
            return Ok((getattr(vm, &obj, name)?, None))
        }
        Value::Native(n) => {
            if let Some(v) = n.get_field(name) {
                return Ok((v, None));
            }
            n.class()
        }
        other => class_of(other),
    };
    match class.lookup(name) {
        Some(f @ (Value::Function(_) | Value::Builtin(_))) => Ok((f, Some(obj))),
        _ => Ok((getattr(vm, &obj, name)?, None)),
    }
}

/// `obj.name = v`.
pub fn setattr(vm: &Vm, obj: &Value, name: &str, v: Value) -> PyResult<()> {
    match obj {
        Value::Instance(i) => {
            if let Some(Value::Descriptor(d)) = i.class.lookup(name) {
                if let Descriptor::Property { fset, .. } = &*d {
                    return match fset {
                        Some(setter) => {
                            vm.call(setter, Args::new(vec![obj.clone(), v]))?;
                            Ok(())
                        }
                        None => Err(PyErr::attribute_error(format!(
                            "property '{name}' of '{}' object has no setter",
                            i.class.name
                        ))),
                    };
                }
            }
            if i.exc.is_some() && name == "args" {
                if let Some(state) = &i.exc {
                    *state.args.borrow_mut() = crate::vm::iter::collect(vm, &v)?;
                }
                return Ok(());
            }
            if i.exc.is_some() && name == "__cause__" {
                if let Some(state) = &i.exc {
                    *state.cause.borrow_mut() = (!v.is_none()).then_some(v);
                }
                return Ok(());
            }
            i.attrs.borrow_mut().insert(Rc::from(name), v);
            Ok(())
        }
        Value::Class(c) => {
            if c.frozen || c.kind == ClassKind::Builtin {
                return Err(PyErr::type_error(format!(
                    "cannot set '{name}' attribute of immutable type '{}'",
                    c.name
                )));
            }
            c.attrs.borrow_mut().insert(Rc::from(name), v);
            Ok(())
        }
        Value::Function(f) => {
            f.attrs.borrow_mut().insert(Rc::from(name), v);
            Ok(())
        }
        Value::Module(m) => {
            m.attrs.borrow_mut().insert(Rc::from(name), v);
            Ok(())
        }
        other => Err(PyErr::attribute_error(format!(
            "'{}' object has no attribute '{name}'",
            crate::object::type_name(other)
        ))),
    }
}

/// `del obj.name`.
pub fn delattr(_vm: &Vm, obj: &Value, name: &str) -> PyResult<()> {
    let removed = match obj {
        Value::Instance(i) => i.attrs.borrow_mut().remove(name).is_some(),
        Value::Class(c) if !c.frozen => c.attrs.borrow_mut().remove(name).is_some(),
        Value::Function(f) => f.attrs.borrow_mut().remove(name).is_some(),
        Value::Module(m) => m.attrs.borrow_mut().remove(name).is_some(),
        _ => false,
    };
    if removed {
        Ok(())
    } else {
        Err(no_attribute(obj, name))
    }
}

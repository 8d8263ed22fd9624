//! Calling a built-in type: `int("42")`, `str(x)`, `list(gen)`, `dict(a=1)`, `range(3)`, and the
//! iterator makers `enumerate`, `zip`, `map`, `filter`, `reversed`.

use std::cell::RefCell;
use std::rc::Rc;

use super::{func, int_arg};
use crate::dict::{Dict, Set};
use crate::error::{PyErr, PyResult};
use crate::object::{Class, Descriptor, IterState, Namespace, RangeObj, SliceObj};
use crate::text as t;
use crate::types::{class_of, with_types, NewFn, Types};
use crate::value::Value;
use crate::vm::ops::{dict_update, set_insert, text_err};
use crate::vm::{iter, text, Args, Vm};

/// The constructor a built-in class uses.
pub fn constructor_for(class: &Rc<Class>) -> Option<NewFn> {
    class.lineage().find_map(|c| c.new.get())
}

pub(super) fn install_types(t: &Types) {
    let pairs: &[(&Rc<Class>, NewFn)] = &[
        (&t.int, int_new),
        (&t.bool_, bool_new),
        (&t.float, float_new),
        (&t.str, str_new),
        (&t.list, list_new),
        (&t.tuple, tuple_new),
        (&t.dict, dict_new),
        (&t.set, set_new),
        (&t.frozenset, frozenset_new),
        (&t.range, range_new),
        (&t.slice, slice_new),
        (&t.type_, type_new),
        (&t.property, property_new),
        (&t.staticmethod, staticmethod_new),
        (&t.classmethod, classmethod_new),
    ];
    for (class, new) in pairs {
        class.new.set(Some(*new));
    }
}

pub(super) fn install(ns: &Namespace) {
    with_types(|t| {
        let mut ns = ns.borrow_mut();
        for c in [
            &t.int,
            &t.bool_,
            &t.float,
            &t.str,
            &t.list,
            &t.tuple,
            &t.dict,
            &t.set,
            &t.frozenset,
            &t.range,
            &t.slice,
            &t.type_,
            &t.object,
            &t.property,
            &t.staticmethod,
            &t.classmethod,
        ] {
            ns.insert(c.name.clone(), Value::Class(c.clone()));
        }
    });
    let fns: &[(&str, crate::builtins::NativeFn)] = &[
        ("enumerate", enumerate),
        ("zip", zip),
        ("map", map),
        ("filter", filter),
        ("reversed", reversed),
        ("super", super_fn),
    ];
    let mut ns = ns.borrow_mut();
    for (name, f) in fns {
        ns.insert(Rc::from(*name), func(name, *f));
    }
}

fn int_new(vm: &Vm, _c: &Rc<Class>, mut args: Args) -> PyResult<Value> {
    let base = args.take_kw("base");
    args.check("int", 0, 2)?;
    let base = base.or_else(|| args.pos.get(1).cloned());
    let Some(x) = args.pos.first() else {
        return Ok(Value::Int(0));
    };
    if let Some(base) = base {
        let b = int_arg(&base, "'base'")?;
        return match x {
            Value::Str(s) => parse_int_any(s, b),
            _ => Err(PyErr::type_error(
                "int() can't convert non-string with explicit base",
            )),
        };
    }
    Ok(match x {
        Value::Int(i) => Value::Int(*i),
        Value::BigInt(_) => x.clone(),
        Value::Bool(b) => Value::Int(*b as i64),
        Value::Float(f) => match t::float_to_int(*f) {
            Ok(i) => Value::Int(i),
            Err(e) if e.exc == t::Exc::Overflow => {
                // Past 64 bits: the float's exact integer value (its digits, from `{:.0}`).
                match crate::bigint::BigInt::parse(&format!("{:.0}", f.trunc())) {
                    Some(b) => Value::from_big(b),
                    None => return Err(text_err(e)),
                }
            }
            Err(e) => return Err(text_err(e)),
        },
        Value::Str(s) => parse_int_any(s, 10)?,
        other => match class_of(other)
            .lookup("__int__")
            .or_else(|| class_of(other).lookup("__index__"))
        {
            Some(m) => vm.call(&m, Args::new(vec![other.clone()]))?,
            None => {
                return Err(PyErr::type_error(format!(
                "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                crate::object::type_name(other)
            )))
            }
        },
    })
}

/// `int(text, base)`, with ints past 64 bits for base 10.
fn parse_int_any(s: &str, base: i64) -> PyResult<Value> {
    match t::parse_int(s, base) {
        Ok(i) => Ok(Value::Int(i)),
        Err(e) if e.exc == t::Exc::Overflow && (base == 10 || base == 0) => {
            let cleaned: String = s.trim().chars().filter(|c| *c != '_').collect();
            match crate::bigint::BigInt::parse(&cleaned) {
                Some(b) => Ok(Value::from_big(b)),
                None => Err(text_err(e)),
            }
        }
        Err(e) => Err(text_err(e)),
    }
}

fn bool_new(vm: &Vm, _c: &Rc<Class>, args: Args) -> PyResult<Value> {
    args.check("bool", 0, 1)?;
    Ok(Value::Bool(match args.pos.first() {
        Some(v) => vm.truthy(v)?,
        None => false,
    }))
}

fn float_new(vm: &Vm, _c: &Rc<Class>, args: Args) -> PyResult<Value> {
    args.check("float", 0, 1)?;
    Ok(match args.pos.first() {
        None => Value::Float(0.0),
        Some(Value::Float(f)) => Value::Float(*f),
        Some(Value::Int(i)) => Value::Float(*i as f64),
        Some(Value::BigInt(b)) => {
            let f = b.to_f64();
            if !f.is_finite() {
                return Err(PyErr::overflow("int too large to convert to float"));
            }
            Value::Float(f)
        }
        Some(Value::Bool(b)) => Value::Float(*b as i64 as f64),
        Some(Value::Str(s)) => Value::Float(t::parse_float(s).map_err(text_err)?),
        Some(other) => match class_of(other).lookup("__float__") {
            Some(m) => vm.call(&m, Args::new(vec![other.clone()]))?,
            None => {
                return Err(PyErr::type_error(format!(
                    "float() argument must be a string or a real number, not '{}'",
                    crate::object::type_name(other)
                )))
            }
        },
    })
}

fn str_new(vm: &Vm, _c: &Rc<Class>, args: Args) -> PyResult<Value> {
    args.check("str", 0, 3)?;
    Ok(match args.pos.first() {
        None => Value::str(""),
        Some(v) => Value::from(text::str(vm, v)?),
    })
}

fn list_new(vm: &Vm, _c: &Rc<Class>, args: Args) -> PyResult<Value> {
    args.check("list", 0, 1)?;
    Ok(Value::list(match args.pos.first() {
        None => Vec::new(),
        Some(v) => iter::collect(vm, v)?,
    }))
}

fn tuple_new(vm: &Vm, _c: &Rc<Class>, args: Args) -> PyResult<Value> {
    args.check("tuple", 0, 1)?;
    Ok(match args.pos.first() {
        None => Value::tuple(Vec::new()),
        Some(Value::Tuple(t)) => Value::Tuple(t.clone()),
        Some(v) => Value::tuple(iter::collect(vm, v)?),
    })
}

fn dict_new(vm: &Vm, _c: &Rc<Class>, args: Args) -> PyResult<Value> {
    args.check_pos("dict", 0, 1)?;
    let d = Value::dict(Dict::new());
    if let Some(src) = args.pos.first() {
        dict_update(vm, &d, src)?;
    }
    if let Value::Dict(dd) = &d {
        let mut dd = dd.borrow_mut();
        for (k, v) in args.kw {
            let _ = dd.insert(Value::Str(k), v);
        }
    }
    Ok(d)
}

fn collect_set(vm: &Vm, args: &Args, name: &str) -> PyResult<Set> {
    args.check(name, 0, 1)?;
    let mut s = Set::new();
    if let Some(v) = args.pos.first() {
        for x in iter::collect(vm, v)? {
            set_insert(&mut s, x)?;
        }
    }
    Ok(s)
}

fn set_new(vm: &Vm, _c: &Rc<Class>, args: Args) -> PyResult<Value> {
    Ok(Value::Set(Rc::new(RefCell::new(collect_set(
        vm, &args, "set",
    )?))))
}

fn frozenset_new(vm: &Vm, _c: &Rc<Class>, args: Args) -> PyResult<Value> {
    Ok(Value::FrozenSet(Rc::new(collect_set(
        vm,
        &args,
        "frozenset",
    )?)))
}

fn range_new(_vm: &Vm, _c: &Rc<Class>, args: Args) -> PyResult<Value> {
    args.check("range", 1, 3)?;
    let ints: Vec<i64> = args
        .pos
        .iter()
        .map(|v| {
            v.as_int_like().ok_or_else(|| {
                PyErr::type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    crate::object::type_name(v)
                ))
            })
        })
        .collect::<PyResult<_>>()?;
    let (start, stop, step) = match ints[..] {
        [stop] => (0, stop, 1),
        [start, stop] => (start, stop, 1),
        [start, stop, step] => (start, stop, step),
        _ => (0, 0, 1),
    };
    if step == 0 {
        return Err(PyErr::value_error("range() arg 3 must not be zero"));
    }
    Ok(Value::Range(Rc::new(RangeObj { start, stop, step })))
}

fn slice_new(_vm: &Vm, _c: &Rc<Class>, args: Args) -> PyResult<Value> {
    args.check("slice", 1, 3)?;
    let p = &args.pos;
    let (start, stop, step) = match p.len() {
        1 => (Value::None, p[0].clone(), Value::None),
        2 => (p[0].clone(), p[1].clone(), Value::None),
        _ => (p[0].clone(), p[1].clone(), p[2].clone()),
    };
    Ok(Value::Slice(Rc::new(SliceObj { start, stop, step })))
}

fn type_new(_vm: &Vm, _c: &Rc<Class>, args: Args) -> PyResult<Value> {
    match args.pos.len() {
        1 => Ok(Value::Class(class_of(&args.pos[0]))),
        _ => Err(PyErr::not_implemented(
            "type() with three arguments is not supported in AwaitLab (use a class statement)",
        )),
    }
}

fn property_new(_vm: &Vm, _c: &Rc<Class>, mut args: Args) -> PyResult<Value> {
    let fget = args.arg(0, "fget").unwrap_or(Value::None);
    let fset = args.arg(1, "fset").filter(|v| !v.is_none());
    let _ = args.take_kw("fdel");
    let _ = args.take_kw("doc");
    Ok(Value::Descriptor(Rc::new(Descriptor::Property {
        fget,
        fset,
    })))
}

fn staticmethod_new(_vm: &Vm, _c: &Rc<Class>, args: Args) -> PyResult<Value> {
    args.check("staticmethod", 1, 1)?;
    Ok(Value::Descriptor(Rc::new(Descriptor::StaticMethod(
        args.pos[0].clone(),
    ))))
}

fn classmethod_new(_vm: &Vm, _c: &Rc<Class>, args: Args) -> PyResult<Value> {
    args.check("classmethod", 1, 1)?;
    Ok(Value::Descriptor(Rc::new(Descriptor::ClassMethod(
        args.pos[0].clone(),
    ))))
}

fn wrap(state: IterState) -> Value {
    Value::Iter(Rc::new(RefCell::new(state)))
}

fn enumerate(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let start = args.take_kw("start");
    args.check("enumerate", 1, 2)?;
    let start = match start.or_else(|| args.pos.get(1).cloned()) {
        Some(s) => int_arg(&s, "'start'")?,
        None => 0,
    };
    let it = iter::iter(vm, args.pos[0].clone())?;
    Ok(wrap(IterState::Enumerate(it, start)))
}

fn zip(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let _strict = args.take_kw("strict");
    args.no_more_kw("zip")?;
    let iters = args
        .pos
        .into_iter()
        .map(|v| iter::iter(vm, v))
        .collect::<PyResult<Vec<_>>>()?;
    if iters.is_empty() {
        return Ok(wrap(IterState::Exhausted));
    }
    Ok(wrap(IterState::Zip(iters)))
}

fn map(vm: &Vm, args: Args) -> PyResult<Value> {
    if args.pos.len() < 2 {
        return Err(PyErr::type_error("map() must have at least two arguments."));
    }
    let mut pos = args.pos.into_iter();
    let f = pos.next().unwrap_or(Value::None);
    let iters = pos
        .map(|v| iter::iter(vm, v))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(wrap(IterState::Map(f, iters)))
}

fn filter(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("filter", 2, 2)?;
    let it = iter::iter(vm, args.pos[1].clone())?;
    Ok(wrap(IterState::Filter(args.pos[0].clone(), it)))
}

fn reversed(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("reversed", 1, 1)?;
    let v = &args.pos[0];
    let items = match v {
        Value::List(_) | Value::Tuple(_) | Value::Str(_) | Value::Range(_) => iter::collect(vm, v)?,
        Value::Dict(d) => d.borrow().keys().cloned().collect(),
        other => match class_of(other).lookup("__reversed__") {
            Some(m) => return vm.call(&m, Args::new(vec![other.clone()])),
            None => {
                return Err(PyErr::type_error(format!(
                    "'{}' object is not reversible",
                    crate::object::type_name(other)
                )))
            }
        },
    };
    Ok(wrap(IterState::Values(
        items.into_iter().rev().collect::<Vec<_>>().into_iter(),
    )))
}

fn super_fn(vm: &Vm, args: Args) -> PyResult<Value> {
    if args.pos.is_empty() {
        return Err(PyErr::runtime_error("super(): no arguments"));
    }
    super::functions::make_super(vm, &args)
}

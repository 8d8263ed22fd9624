//! `list` and `tuple` methods.

use std::cell::RefCell;
use std::rc::Rc;

use super::{add_methods, int_arg};
use crate::error::{PyErr, PyResult};
use crate::types::Types;
use crate::value::Value;
use crate::vm::{iter, ops, Args, Vm};

pub(super) fn install(t: &Types) {
    add_methods(
        &t.list,
        "list",
        &[
            ("append", append),
            ("extend", extend),
            ("pop", pop),
            ("insert", insert),
            ("remove", remove),
            ("index", index),
            ("count", count),
            ("sort", sort),
            ("reverse", reverse),
            ("copy", copy),
            ("clear", clear),
        ],
    );
    add_methods(&t.tuple, "tuple", &[("index", index), ("count", count)]);
}

fn this(args: &Args, name: &str) -> PyResult<Rc<RefCell<Vec<Value>>>> {
    match args.pos.first() {
        Some(Value::List(l)) => Ok(l.clone()),
        _ => Err(PyErr::type_error(format!(
            "descriptor '{name}' for 'list' objects doesn't apply to this object"
        ))),
    }
}

fn items_of(args: &Args) -> PyResult<Vec<Value>> {
    match args.pos.first() {
        Some(Value::List(l)) => Ok(l.borrow().clone()),
        Some(Value::Tuple(t)) => Ok(t.to_vec()),
        _ => Err(PyErr::type_error("expected a list or tuple")),
    }
}

fn append(_vm: &Vm, args: Args) -> PyResult<Value> {
    let l = this(&args, "append")?;
    args.check("append", 2, 2)?;
    l.borrow_mut().push(args.pos[1].clone());
    Ok(Value::None)
}

fn extend(vm: &Vm, args: Args) -> PyResult<Value> {
    let l = this(&args, "extend")?;
    args.check("extend", 2, 2)?;
    let items = iter::collect(vm, &args.pos[1])?;
    l.borrow_mut().extend(items);
    Ok(Value::None)
}

fn pop(_vm: &Vm, args: Args) -> PyResult<Value> {
    let l = this(&args, "pop")?;
    args.check("pop", 1, 2)?;
    let mut l = l.borrow_mut();
    if l.is_empty() {
        return Err(PyErr::index_error("pop from empty list"));
    }
    let i = match args.pos.get(1) {
        Some(i) => {
            let i = int_arg(i, "index")?;
            let n = l.len() as i64;
            let j = if i < 0 { i + n } else { i };
            if j < 0 || j >= n {
                return Err(PyErr::index_error("pop index out of range"));
            }
            j as usize
        }
        None => l.len() - 1,
    };
    Ok(l.remove(i))
}

fn insert(_vm: &Vm, args: Args) -> PyResult<Value> {
    let l = this(&args, "insert")?;
    args.check("insert", 3, 3)?;
    let mut l = l.borrow_mut();
    let n = l.len() as i64;
    let i = int_arg(&args.pos[1], "index")?;
    let j = if i < 0 { (i + n).max(0) } else { i.min(n) };
    l.insert(j as usize, args.pos[2].clone());
    Ok(Value::None)
}

fn remove(vm: &Vm, args: Args) -> PyResult<Value> {
    let l = this(&args, "remove")?;
    args.check("remove", 2, 2)?;
    let items = l.borrow().clone();
    for (i, x) in items.iter().enumerate() {
        if ops::eq(vm, x, &args.pos[1])? {
            l.borrow_mut().remove(i);
            return Ok(Value::None);
        }
    }
    Err(PyErr::value_error("list.remove(x): x not in list"))
}

fn index(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("index", 2, 4)?;
    let items = items_of(&args)?;
    let n = items.len() as i64;
    let bound = |i: usize, d: i64| -> PyResult<usize> {
        let v = match args.pos.get(i) {
            Some(v) => int_arg(v, "slice indices")?,
            None => d,
        };
        Ok((if v < 0 { v + n } else { v }).clamp(0, n) as usize)
    };
    let (start, end) = (bound(2, 0)?, bound(3, n)?);
    for (i, x) in items.iter().enumerate().take(end).skip(start) {
        if ops::eq(vm, x, &args.pos[1])? {
            return Ok(Value::Int(i as i64));
        }
    }
    let what = if matches!(args.pos[0], Value::Tuple(_)) {
        "tuple.index(x): x not in tuple".to_string()
    } else {
        format!(
            "{} is not in list",
            crate::vm::text::repr(vm, &args.pos[1])?
        )
    };
    Err(PyErr::value_error(what))
}

fn count(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("count", 2, 2)?;
    let mut n = 0;
    for x in items_of(&args)? {
        if ops::eq(vm, &x, &args.pos[1])? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

fn sort(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let l = this(&args, "sort")?;
    let key = args.take_kw("key");
    let reverse = match args.take_kw("reverse") {
        Some(r) => vm.truthy(&r)?,
        None => false,
    };
    args.check("sort", 1, 1)?;
    let mut items = std::mem::take(&mut *l.borrow_mut());
    let r = super::functions::sort_values(vm, &mut items, key.as_ref(), reverse);
    *l.borrow_mut() = items;
    r?;
    Ok(Value::None)
}

fn reverse(_vm: &Vm, args: Args) -> PyResult<Value> {
    this(&args, "reverse")?.borrow_mut().reverse();
    Ok(Value::None)
}

fn copy(_vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(Value::list(this(&args, "copy")?.borrow().clone()))
}

fn clear(_vm: &Vm, args: Args) -> PyResult<Value> {
    this(&args, "clear")?.borrow_mut().clear();
    Ok(Value::None)
}

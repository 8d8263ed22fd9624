//! `dict` and `set` methods, and the dict views (`d.keys()` prints as `dict_keys([...])`).

use std::cell::RefCell;
use std::rc::Rc;

use super::add_methods;
use crate::dict::{Dict, Set};
use crate::error::{PyErr, PyResult};
use crate::object::{Class, DictView, IterState, Native};
use crate::types::{with_types, Types};
use crate::value::Value;
use crate::vm::ops::{dict_insert, dict_update, set_insert, unhashable};
use crate::vm::{iter, text, Args, Vm};

pub(super) fn install(t: &Types) {
    add_methods(
        &t.dict,
        "dict",
        &[
            ("get", get),
            ("keys", keys),
            ("values", values),
            ("items", items),
            ("pop", pop),
            ("popitem", popitem),
            ("setdefault", setdefault),
            ("update", update),
            ("copy", copy),
            ("clear", clear),
        ],
    );
    t.dict.attrs.borrow_mut().insert(
        Rc::from("fromkeys"),
        Value::Descriptor(Rc::new(crate::object::Descriptor::ClassMethod(
            super::func("fromkeys", fromkeys),
        ))),
    );
    for (class, owner) in [
        (&t.dict_keys, "dict_keys"),
        (&t.dict_values, "dict_values"),
        (&t.dict_items, "dict_items"),
    ] {
        add_methods(
            class,
            owner,
            &[("__iter__", view_iter), ("__len__", view_len)],
        );
    }
    add_methods(
        &t.set,
        "set",
        &[
            ("add", add),
            ("remove", set_remove),
            ("discard", discard),
            ("pop", set_pop),
            ("update", set_update),
            ("union", union),
            ("intersection", intersection),
            ("difference", difference),
            ("symmetric_difference", symmetric_difference),
            ("issubset", issubset),
            ("issuperset", issuperset),
            ("isdisjoint", isdisjoint),
            ("copy", set_copy),
            ("clear", set_clear),
        ],
    );
    add_methods(
        &t.frozenset,
        "frozenset",
        &[
            ("union", union),
            ("intersection", intersection),
            ("difference", difference),
            ("symmetric_difference", symmetric_difference),
            ("issubset", issubset),
            ("issuperset", issuperset),
            ("isdisjoint", isdisjoint),
            ("copy", set_copy),
        ],
    );
}

fn this(args: &Args) -> PyResult<Rc<RefCell<Dict>>> {
    match args.pos.first() {
        Some(Value::Dict(d)) => Ok(d.clone()),
        _ => Err(PyErr::type_error("descriptor requires a 'dict' object")),
    }
}

fn get(_vm: &Vm, args: Args) -> PyResult<Value> {
    let d = this(&args)?;
    args.check("get", 2, 3)?;
    let found = d
        .borrow()
        .get(&args.pos[1])
        .map_err(|_| unhashable(&args.pos[1]))?;
    Ok(found.unwrap_or_else(|| args.pos.get(2).cloned().unwrap_or(Value::None)))
}

/// A live view of a dict's keys, values or items.
struct View {
    dict: Rc<RefCell<Dict>>,
    view: DictView,
}

impl View {
    fn values(&self) -> Vec<Value> {
        let d = self.dict.borrow();
        match self.view {
            DictView::Keys => d.keys().cloned().collect(),
            DictView::Values => d.values().cloned().collect(),
            DictView::Items => d
                .items()
                .map(|(k, v)| Value::tuple(vec![k.clone(), v.clone()]))
                .collect(),
        }
    }
}

impl Native for View {
    fn class(&self) -> Rc<Class> {
        with_types(|t| match self.view {
            DictView::Keys => t.dict_keys.clone(),
            DictView::Values => t.dict_values.clone(),
            DictView::Items => t.dict_items.clone(),
        })
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }

    fn repr(&self, vm: &Vm) -> Option<String> {
        let inner = text::repr(vm, &Value::list(self.values())).ok()?;
        Some(format!("{}({inner})", self.class().name))
    }

    fn get_field(&self, name: &str) -> Option<Value> {
        (name == "__len__").then(|| Value::Int(self.dict.borrow().len() as i64))
    }
}

fn view(args: &Args, view: DictView) -> PyResult<Value> {
    Ok(Value::Native(Rc::new(View {
        dict: this(args)?,
        view,
    })))
}

fn keys(_vm: &Vm, args: Args) -> PyResult<Value> {
    view(&args, DictView::Keys)
}

fn values(_vm: &Vm, args: Args) -> PyResult<Value> {
    view(&args, DictView::Values)
}

fn items(_vm: &Vm, args: Args) -> PyResult<Value> {
    view(&args, DictView::Items)
}

fn view_of(args: &Args) -> PyResult<(Rc<RefCell<Dict>>, DictView)> {
    if let Some(Value::Native(n)) = args.pos.first() {
        if let Some(v) = n.as_any().downcast_ref::<View>() {
            return Ok((v.dict.clone(), v.view));
        }
    }
    Err(PyErr::type_error("expected a dict view"))
}

fn view_iter(_vm: &Vm, args: Args) -> PyResult<Value> {
    let (d, view) = view_of(&args)?;
    let n = d.borrow().len();
    Ok(Value::Iter(Rc::new(RefCell::new(IterState::Dict(
        d, 0, n, view,
    )))))
}

fn view_len(_vm: &Vm, args: Args) -> PyResult<Value> {
    let (d, _) = view_of(&args)?;
    let n = d.borrow().len();
    Ok(Value::Int(n as i64))
}

fn pop(_vm: &Vm, args: Args) -> PyResult<Value> {
    let d = this(&args)?;
    args.check("pop", 2, 3)?;
    let removed = d
        .borrow_mut()
        .remove(&args.pos[1])
        .map_err(|_| unhashable(&args.pos[1]))?;
    match (removed, args.pos.get(2)) {
        (Some(v), _) => Ok(v),
        (None, Some(default)) => Ok(default.clone()),
        (None, None) => Err(PyErr::key_error(args.pos[1].clone())),
    }
}

fn popitem(_vm: &Vm, args: Args) -> PyResult<Value> {
    let d = this(&args)?;
    let last = d.borrow_mut().pop_last();
    match last {
        Some((k, v)) => Ok(Value::tuple(vec![k, v])),
        None => Err(PyErr::key_error_msg("popitem(): dictionary is empty")),
    }
}

fn setdefault(_vm: &Vm, args: Args) -> PyResult<Value> {
    let d = this(&args)?;
    args.check("setdefault", 2, 3)?;
    let found = d
        .borrow()
        .get(&args.pos[1])
        .map_err(|_| unhashable(&args.pos[1]))?;
    match found {
        Some(v) => Ok(v),
        None => {
            let v = args.pos.get(2).cloned().unwrap_or(Value::None);
            dict_insert(&mut d.borrow_mut(), args.pos[1].clone(), v.clone())?;
            Ok(v)
        }
    }
}

fn update(vm: &Vm, args: Args) -> PyResult<Value> {
    let d = this(&args)?;
    args.check_pos("update", 1, 2)?;
    let target = Value::Dict(d.clone());
    if let Some(src) = args.pos.get(1) {
        dict_update(vm, &target, src)?;
    }
    let mut d = d.borrow_mut();
    for (k, v) in args.kw {
        dict_insert(&mut d, Value::Str(k), v)?;
    }
    Ok(Value::None)
}

fn copy(_vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(Value::dict(this(&args)?.borrow().clone()))
}

fn clear(_vm: &Vm, args: Args) -> PyResult<Value> {
    this(&args)?.borrow_mut().clear();
    Ok(Value::None)
}

fn fromkeys(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("fromkeys", 2, 3)?;
    let v = args.pos.get(2).cloned().unwrap_or(Value::None);
    let mut d = Dict::new();
    for k in iter::collect(vm, &args.pos[1])? {
        dict_insert(&mut d, k, v.clone())?;
    }
    Ok(Value::dict(d))
}

fn set_this(args: &Args) -> PyResult<Rc<RefCell<Set>>> {
    match args.pos.first() {
        Some(Value::Set(s)) => Ok(s.clone()),
        _ => Err(PyErr::type_error("descriptor requires a 'set' object")),
    }
}

fn set_items(v: &Value) -> Vec<Value> {
    match v {
        Value::Set(s) => s.borrow().keys().cloned().collect(),
        Value::FrozenSet(s) => s.keys().cloned().collect(),
        _ => Vec::new(),
    }
}

fn add(_vm: &Vm, args: Args) -> PyResult<Value> {
    let s = set_this(&args)?;
    args.check("add", 2, 2)?;
    set_insert(&mut s.borrow_mut(), args.pos[1].clone())?;
    Ok(Value::None)
}

fn set_remove(_vm: &Vm, args: Args) -> PyResult<Value> {
    let s = set_this(&args)?;
    args.check("remove", 2, 2)?;
    let removed = s
        .borrow_mut()
        .remove(&args.pos[1])
        .map_err(|_| unhashable(&args.pos[1]))?;
    match removed {
        Some(_) => Ok(Value::None),
        None => Err(PyErr::key_error(args.pos[1].clone())),
    }
}

fn discard(_vm: &Vm, args: Args) -> PyResult<Value> {
    let s = set_this(&args)?;
    args.check("discard", 2, 2)?;
    s.borrow_mut()
        .remove(&args.pos[1])
        .map_err(|_| unhashable(&args.pos[1]))?;
    Ok(Value::None)
}

fn set_pop(_vm: &Vm, args: Args) -> PyResult<Value> {
    let s = set_this(&args)?;
    let first = s.borrow().keys().next().cloned();
    match first {
        Some(k) => {
            let _ = s.borrow_mut().remove(&k);
            Ok(k)
        }
        None => Err(PyErr::key_error_msg("pop from an empty set")),
    }
}

fn set_update(vm: &Vm, args: Args) -> PyResult<Value> {
    let s = set_this(&args)?;
    for other in &args.pos[1..] {
        for k in iter::collect(vm, other)? {
            set_insert(&mut s.borrow_mut(), k)?;
        }
    }
    Ok(Value::None)
}

fn same_kind(args: &Args, set: Set) -> Value {
    match args.pos.first() {
        Some(Value::FrozenSet(_)) => Value::FrozenSet(Rc::new(set)),
        _ => Value::Set(Rc::new(RefCell::new(set))),
    }
}

fn others(vm: &Vm, args: &Args) -> PyResult<Vec<Set>> {
    let mut out = Vec::new();
    for o in &args.pos[1..] {
        let mut s = Set::new();
        for k in iter::collect(vm, o)? {
            set_insert(&mut s, k)?;
        }
        out.push(s);
    }
    Ok(out)
}

fn union(vm: &Vm, args: Args) -> PyResult<Value> {
    let mut out = Set::new();
    for k in set_items(&args.pos[0]) {
        set_insert(&mut out, k)?;
    }
    for o in others(vm, &args)? {
        for k in o.keys() {
            set_insert(&mut out, k.clone())?;
        }
    }
    Ok(same_kind(&args, out))
}

fn intersection(vm: &Vm, args: Args) -> PyResult<Value> {
    let others = others(vm, &args)?;
    let mut out = Set::new();
    for k in set_items(&args.pos[0]) {
        if others.iter().all(|o| o.contains(&k)) {
            set_insert(&mut out, k)?;
        }
    }
    Ok(same_kind(&args, out))
}

fn difference(vm: &Vm, args: Args) -> PyResult<Value> {
    let others = others(vm, &args)?;
    let mut out = Set::new();
    for k in set_items(&args.pos[0]) {
        if !others.iter().any(|o| o.contains(&k)) {
            set_insert(&mut out, k)?;
        }
    }
    Ok(same_kind(&args, out))
}

fn symmetric_difference(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("symmetric_difference", 2, 2)?;
    let other = others(vm, &args)?.pop().unwrap_or_default();
    let mine = set_items(&args.pos[0]);
    let mut out = Set::new();
    for k in &mine {
        if !other.contains(k) {
            set_insert(&mut out, k.clone())?;
        }
    }
    for k in other.keys() {
        if !mine.iter().any(|m| crate::dict::key_eq(m, k)) {
            set_insert(&mut out, k.clone())?;
        }
    }
    Ok(same_kind(&args, out))
}

fn issubset(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("issubset", 2, 2)?;
    let other = others(vm, &args)?.pop().unwrap_or_default();
    Ok(Value::Bool(
        set_items(&args.pos[0]).iter().all(|k| other.contains(k)),
    ))
}

fn issuperset(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("issuperset", 2, 2)?;
    let other = others(vm, &args)?.pop().unwrap_or_default();
    let mine = set_items(&args.pos[0]);
    let all = other
        .keys()
        .all(|k| mine.iter().any(|m| crate::dict::key_eq(m, k)));
    Ok(Value::Bool(all))
}

fn isdisjoint(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("isdisjoint", 2, 2)?;
    let other = others(vm, &args)?.pop().unwrap_or_default();
    Ok(Value::Bool(
        !set_items(&args.pos[0]).iter().any(|k| other.contains(k)),
    ))
}

fn set_copy(_vm: &Vm, args: Args) -> PyResult<Value> {
    let mut out = Set::new();
    for k in set_items(&args.pos[0]) {
        set_insert(&mut out, k)?;
    }
    Ok(same_kind(&args, out))
}

fn set_clear(_vm: &Vm, args: Args) -> PyResult<Value> {
    set_this(&args)?.borrow_mut().clear();
    Ok(Value::None)
}

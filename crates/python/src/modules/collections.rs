//! `collections`: `deque`, `defaultdict`, `Counter`, `OrderedDict` and `namedtuple`, as
//! CPython 3.11 behaves (reprs, errors, `maxlen`, `most_common` order, `__missing__`).
//!
//! Their instances are ordinary instances of classes written in Rust (see [`super::rust_class`]):
//! a deque keeps a `VecDeque`, the dict-like classes keep a real `dict` (their other dict methods
//! — `items`, `get`, `setdefault`… — are the dict's own, found through `__getattr__`), and a
//! named tuple keeps a tuple. Known differences: they are not `dict`/`tuple` subclasses for
//! `isinstance`, and as dict keys or set members they hash by identity, as every instance does
//! in AwaitLab.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use super::make_module;
use super::rust_class::{self as rc, instance, params, receiver, rest};
use crate::ast::{BinOp, CmpOp};
use crate::builtins::{func, NativeFn};
use crate::dict::Dict;
use crate::error::{PyErr, PyResult};
use crate::object::{Class, DictView, Instance, IterState, Namespace, Native};
use crate::types::{class_of, with_types};
use crate::value::Value;
use crate::vm::ops::{self, unhashable};
use crate::vm::{attr, iter, text, Args, Vm};

fn iter_values(items: Vec<Value>) -> Value {
    Value::Iter(Rc::new(RefCell::new(IterState::Values(items.into_iter()))))
}

fn not_implemented() -> Value {
    crate::types::not_implemented()
}

fn equal(vm: &Vm, a: &Value, b: &Value) -> PyResult<bool> {
    if a.is(b) {
        return Ok(true);
    }
    let r = ops::compare(vm, CmpOp::Eq, a, b)?;
    vm.truthy(&r)
}

fn int_index(v: &Value) -> PyResult<i64> {
    v.as_int_like().ok_or_else(|| {
        PyErr::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            crate::object::type_name(v)
        ))
    })
}

// ===================================================================================== deque

/// A deque's items and bound.
struct DequeState {
    items: RefCell<VecDeque<Value>>,
    maxlen: Cell<Option<usize>>,
}

thread_local! {
    static STATE_CLASS: Rc<Class> = crate::vm::call::plain_class("state", "collections");
    static DEQUE: Rc<Class> = {
        let c = rc::class("deque", "collections", vec![], &[]);
        crate::builtins::add_methods(
            &c,
            "collections.deque",
            &[
                ("__init__", deque_init),
                ("append", deque_append),
                ("appendleft", deque_appendleft),
                ("pop", deque_pop),
                ("popleft", deque_popleft),
                ("extend", deque_extend),
                ("extendleft", deque_extendleft),
                ("rotate", deque_rotate),
                ("clear", deque_clear),
                ("copy", deque_copy),
                ("__copy__", deque_copy),
                ("count", deque_count),
                ("index", deque_index),
                ("insert", deque_insert),
                ("remove", deque_remove),
                ("reverse", deque_reverse),
                ("__len__", deque_len),
                ("__iter__", deque_iter),
                ("__reversed__", deque_reversed),
                ("__getitem__", deque_getitem),
                ("__setitem__", deque_setitem),
                ("__delitem__", deque_delitem),
                ("__contains__", deque_contains),
                ("__repr__", deque_repr),
                ("__eq__", deque_eq),
                ("__lt__", deque_lt),
                ("__le__", deque_le),
                ("__gt__", deque_gt),
                ("__ge__", deque_ge),
                ("__add__", deque_add),
                ("__iadd__", deque_iadd),
            ],
        );
        rc::properties(&c, &[("maxlen", deque_maxlen)]);
        c
    };
}

impl Native for DequeState {
    fn class(&self) -> Rc<Class> {
        STATE_CLASS.with(|c| c.clone())
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

impl DequeState {
    fn new(items: VecDeque<Value>, maxlen: Option<usize>) -> Rc<DequeState> {
        Rc::new(DequeState {
            items: RefCell::new(items),
            maxlen: Cell::new(maxlen),
        })
    }

    fn push_back(&self, v: Value) {
        let mut items = self.items.borrow_mut();
        if self.maxlen.get() == Some(0) {
            return;
        }
        items.push_back(v);
        if self.maxlen.get().is_some_and(|m| items.len() > m) {
            items.pop_front();
        }
    }

    fn push_front(&self, v: Value) {
        let mut items = self.items.borrow_mut();
        if self.maxlen.get() == Some(0) {
            return;
        }
        items.push_front(v);
        if self.maxlen.get().is_some_and(|m| items.len() > m) {
            items.pop_back();
        }
    }

    fn snapshot(&self) -> Vec<Value> {
        self.items.borrow().iter().cloned().collect()
    }
}

fn deque_class() -> Rc<Class> {
    DEQUE.with(|c| c.clone())
}

/// The deque behind `args.pos[0]` (made empty if a subclass's `__init__` skipped ours).
fn deque_of(args: &Args, method: &str) -> PyResult<Rc<DequeState>> {
    let i = receiver(args, &deque_class(), method)?;
    deque_state(i)
}

fn deque_state(i: &Instance) -> PyResult<Rc<DequeState>> {
    if let Some(Value::Native(n)) = rc::state(i) {
        let any: Rc<dyn std::any::Any> = n;
        if let Ok(d) = any.downcast::<DequeState>() {
            return Ok(d);
        }
    }
    let d = DequeState::new(VecDeque::new(), None);
    rc::set_state(i, Value::Native(d.clone()));
    Ok(d)
}

fn new_deque(class: &Rc<Class>, items: VecDeque<Value>, maxlen: Option<usize>) -> Value {
    instance(class, Value::Native(DequeState::new(items, maxlen)))
}

fn deque_init(vm: &Vm, args: Args) -> PyResult<Value> {
    let d = deque_of(&args, "__init__")?;
    let p = params(rest(args), "deque", &["iterable", "maxlen"])?;
    let maxlen = match &p[1] {
        None | Some(Value::None) => None,
        Some(v) => {
            let m = int_index(v)?;
            if m < 0 {
                return Err(PyErr::value_error("maxlen must be non-negative"));
            }
            Some(m as usize)
        }
    };
    d.maxlen.set(maxlen);
    d.items.borrow_mut().clear();
    if let Some(src) = &p[0] {
        for v in iter::collect(vm, src)? {
            d.push_back(v);
        }
    }
    Ok(Value::None)
}

fn one_arg(args: &Args, name: &str) -> PyResult<Value> {
    if !args.kw.is_empty() {
        return Err(PyErr::type_error(format!(
            "deque.{name}() takes no keyword arguments"
        )));
    }
    match args.pos.len() {
        2 => Ok(args.pos[1].clone()),
        n => Err(PyErr::type_error(format!(
            "deque.{name}() takes exactly one argument ({} given)",
            n.saturating_sub(1)
        ))),
    }
}

fn no_args(args: &Args, name: &str) -> PyResult<()> {
    if args.pos.len() > 1 || !args.kw.is_empty() {
        return Err(PyErr::type_error(format!(
            "deque.{name}() takes no arguments ({} given)",
            args.pos.len().saturating_sub(1) + args.kw.len()
        )));
    }
    Ok(())
}

fn deque_append(_vm: &Vm, args: Args) -> PyResult<Value> {
    let d = deque_of(&args, "append")?;
    d.push_back(one_arg(&args, "append")?);
    Ok(Value::None)
}

fn deque_appendleft(_vm: &Vm, args: Args) -> PyResult<Value> {
    let d = deque_of(&args, "appendleft")?;
    d.push_front(one_arg(&args, "appendleft")?);
    Ok(Value::None)
}

fn empty_pop() -> PyErr {
    PyErr::index_error("pop from an empty deque")
}

fn deque_pop(_vm: &Vm, args: Args) -> PyResult<Value> {
    let d = deque_of(&args, "pop")?;
    no_args(&args, "pop")?;
    let v = d.items.borrow_mut().pop_back();
    v.ok_or_else(empty_pop)
}

fn deque_popleft(_vm: &Vm, args: Args) -> PyResult<Value> {
    let d = deque_of(&args, "popleft")?;
    no_args(&args, "popleft")?;
    let v = d.items.borrow_mut().pop_front();
    v.ok_or_else(empty_pop)
}

fn deque_extend(vm: &Vm, args: Args) -> PyResult<Value> {
    let d = deque_of(&args, "extend")?;
    let src = one_arg(&args, "extend")?;
    for v in iter::collect(vm, &src)? {
        d.push_back(v);
    }
    Ok(Value::None)
}

fn deque_extendleft(vm: &Vm, args: Args) -> PyResult<Value> {
    let d = deque_of(&args, "extendleft")?;
    let src = one_arg(&args, "extendleft")?;
    for v in iter::collect(vm, &src)? {
        d.push_front(v);
    }
    Ok(Value::None)
}

fn deque_rotate(_vm: &Vm, args: Args) -> PyResult<Value> {
    let d = deque_of(&args, "rotate")?;
    if args.pos.len() > 2 || !args.kw.is_empty() {
        return Err(PyErr::type_error(format!(
            "rotate expected at most 1 argument, got {}",
            args.pos.len() - 1 + args.kw.len()
        )));
    }
    let n = match args.pos.get(1) {
        Some(v) => int_index(v)?,
        None => 1,
    };
    let mut items = d.items.borrow_mut();
    let len = items.len() as i64;
    if len > 1 {
        let k = n.rem_euclid(len) as usize;
        items.rotate_right(k);
    }
    Ok(Value::None)
}

fn deque_clear(_vm: &Vm, args: Args) -> PyResult<Value> {
    let d = deque_of(&args, "clear")?;
    no_args(&args, "clear")?;
    d.items.borrow_mut().clear();
    Ok(Value::None)
}

fn deque_copy(_vm: &Vm, args: Args) -> PyResult<Value> {
    let i = receiver(&args, &deque_class(), "copy")?;
    let d = deque_state(i)?;
    let items = d.items.borrow().clone();
    Ok(new_deque(&i.class, items, d.maxlen.get()))
}

/// `deque_count`, one level deeper (see [`rc::nested`]).
fn deque_count(vm: &Vm, args: Args) -> PyResult<Value> {
    rc::nested(|| deque_count_body(vm, args))
}

fn deque_count_body(vm: &Vm, args: Args) -> PyResult<Value> {
    let d = deque_of(&args, "count")?;
    let x = one_arg(&args, "count")?;
    let mut n = 0;
    for v in d.snapshot() {
        if equal(vm, &v, &x)? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

/// `deque_index`, one level deeper (see [`rc::nested`]).
fn deque_index(vm: &Vm, args: Args) -> PyResult<Value> {
    rc::nested(|| deque_index_body(vm, args))
}

fn deque_index_body(vm: &Vm, args: Args) -> PyResult<Value> {
    let d = deque_of(&args, "index")?;
    if args.pos.len() < 2 || args.pos.len() > 4 {
        return Err(PyErr::type_error(format!(
            "index expected at least 1 argument, got {}",
            args.pos.len().saturating_sub(1)
        )));
    }
    let x = args.pos[1].clone();
    let items = d.snapshot();
    let n = items.len() as i64;
    let bound = |v: Option<&Value>, default: i64| -> PyResult<usize> {
        let i = match v {
            Some(v) => int_index(v)?,
            None => default,
        };
        let i = if i < 0 { (i + n).max(0) } else { i.min(n) };
        Ok(i as usize)
    };
    let start = bound(args.pos.get(2), 0)?;
    let stop = bound(args.pos.get(3), n)?;
    for (i, v) in items.iter().enumerate().take(stop).skip(start) {
        if equal(vm, v, &x)? {
            return Ok(Value::Int(i as i64));
        }
    }
    Err(PyErr::value_error(format!(
        "{} is not in deque",
        text::repr(vm, &x)?
    )))
}

fn deque_insert(_vm: &Vm, args: Args) -> PyResult<Value> {
    let d = deque_of(&args, "insert")?;
    if args.pos.len() != 3 {
        return Err(PyErr::type_error(format!(
            "insert expected 2 arguments, got {}",
            args.pos.len().saturating_sub(1)
        )));
    }
    let i = int_index(&args.pos[1])?;
    let mut items = d.items.borrow_mut();
    if d.maxlen.get().is_some_and(|m| items.len() >= m) {
        return Err(PyErr::index_error("deque already at its maximum size"));
    }
    let n = items.len() as i64;
    let at = if i < 0 { (i + n).max(0) } else { i.min(n) } as usize;
    items.insert(at, args.pos[2].clone());
    Ok(Value::None)
}

/// `deque_remove`, one level deeper (see [`rc::nested`]).
fn deque_remove(vm: &Vm, args: Args) -> PyResult<Value> {
    rc::nested(|| deque_remove_body(vm, args))
}

fn deque_remove_body(vm: &Vm, args: Args) -> PyResult<Value> {
    let d = deque_of(&args, "remove")?;
    let x = one_arg(&args, "remove")?;
    for (i, v) in d.snapshot().iter().enumerate() {
        if equal(vm, v, &x)? {
            let mut items = d.items.borrow_mut();
            if i < items.len() {
                items.remove(i);
            }
            return Ok(Value::None);
        }
    }
    Err(PyErr::value_error(format!(
        "{} is not in deque",
        text::repr(vm, &x)?
    )))
}

fn deque_reverse(_vm: &Vm, args: Args) -> PyResult<Value> {
    let d = deque_of(&args, "reverse")?;
    no_args(&args, "reverse")?;
    d.items.borrow_mut().make_contiguous().reverse();
    Ok(Value::None)
}

fn deque_len(_vm: &Vm, args: Args) -> PyResult<Value> {
    let d = deque_of(&args, "__len__")?;
    let n = d.items.borrow().len();
    Ok(Value::Int(n as i64))
}

fn deque_iter(_vm: &Vm, args: Args) -> PyResult<Value> {
    let d = deque_of(&args, "__iter__")?;
    Ok(iter_values(d.snapshot()))
}

fn deque_reversed(_vm: &Vm, args: Args) -> PyResult<Value> {
    let d = deque_of(&args, "__reversed__")?;
    let mut items = d.snapshot();
    items.reverse();
    Ok(iter_values(items))
}

fn deque_position(d: &DequeState, idx: &Value) -> PyResult<usize> {
    let Some(i) = idx.as_int_like() else {
        return Err(PyErr::type_error(format!(
            "sequence index must be integer, not '{}'",
            crate::object::type_name(idx)
        )));
    };
    let n = d.items.borrow().len() as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(PyErr::index_error("deque index out of range"));
    }
    Ok(j as usize)
}

fn deque_getitem(_vm: &Vm, args: Args) -> PyResult<Value> {
    let d = deque_of(&args, "__getitem__")?;
    let i = deque_position(&d, &one_arg(&args, "__getitem__")?)?;
    let v = d.items.borrow().get(i).cloned();
    v.ok_or_else(|| PyErr::index_error("deque index out of range"))
}

fn deque_setitem(_vm: &Vm, args: Args) -> PyResult<Value> {
    let d = deque_of(&args, "__setitem__")?;
    if args.pos.len() != 3 {
        return Err(PyErr::type_error("expected 2 arguments"));
    }
    let i = deque_position(&d, &args.pos[1])?;
    if let Some(slot) = d.items.borrow_mut().get_mut(i) {
        *slot = args.pos[2].clone();
    }
    Ok(Value::None)
}

fn deque_delitem(_vm: &Vm, args: Args) -> PyResult<Value> {
    let d = deque_of(&args, "__delitem__")?;
    let i = deque_position(&d, &one_arg(&args, "__delitem__")?)?;
    d.items.borrow_mut().remove(i);
    Ok(Value::None)
}

/// `deque_contains`, one level deeper (see [`rc::nested`]).
fn deque_contains(vm: &Vm, args: Args) -> PyResult<Value> {
    rc::nested(|| deque_contains_body(vm, args))
}

fn deque_contains_body(vm: &Vm, args: Args) -> PyResult<Value> {
    let d = deque_of(&args, "__contains__")?;
    let x = one_arg(&args, "__contains__")?;
    for v in d.snapshot() {
        if equal(vm, &v, &x)? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn deque_repr(vm: &Vm, args: Args) -> PyResult<Value> {
    let i = receiver(&args, &deque_class(), "__repr__")?;
    let d = deque_state(i)?;
    let text = rc::repr_guard(i, "[...]", || {
        let items = text::repr(vm, &Value::list(d.snapshot()))?;
        Ok(match d.maxlen.get() {
            Some(m) => format!("{}({items}, maxlen={m})", rc::type_name(i)),
            None => format!("{}({items})", rc::type_name(i)),
        })
    })?;
    Ok(Value::from(text))
}

/// `deque_compare`, one level deeper (see [`rc::nested`]).
fn deque_compare(vm: &Vm, args: Args, op: CmpOp) -> PyResult<Value> {
    rc::nested(|| deque_compare_body(vm, args, op))
}

fn deque_compare_body(vm: &Vm, args: Args, op: CmpOp) -> PyResult<Value> {
    let d = deque_of(&args, "__eq__")?;
    let other = match args.pos.get(1) {
        Some(Value::Instance(o)) if o.class.is_subclass(&deque_class()) => deque_state(o)?,
        _ => return Ok(not_implemented()),
    };
    let (a, b) = (Value::list(d.snapshot()), Value::list(other.snapshot()));
    ops::compare(vm, op, &a, &b)
}

fn deque_eq(vm: &Vm, args: Args) -> PyResult<Value> {
    deque_compare(vm, args, CmpOp::Eq)
}

fn deque_lt(vm: &Vm, args: Args) -> PyResult<Value> {
    deque_compare(vm, args, CmpOp::Lt)
}

fn deque_le(vm: &Vm, args: Args) -> PyResult<Value> {
    deque_compare(vm, args, CmpOp::LtE)
}

fn deque_gt(vm: &Vm, args: Args) -> PyResult<Value> {
    deque_compare(vm, args, CmpOp::Gt)
}

fn deque_ge(vm: &Vm, args: Args) -> PyResult<Value> {
    deque_compare(vm, args, CmpOp::GtE)
}

fn deque_add(_vm: &Vm, args: Args) -> PyResult<Value> {
    let i = receiver(&args, &deque_class(), "__add__")?;
    let d = deque_state(i)?;
    let other = match args.pos.get(1) {
        Some(Value::Instance(o)) if o.class.is_subclass(&deque_class()) => deque_state(o)?,
        Some(other) => {
            return Err(PyErr::type_error(format!(
                "can only concatenate deque (not \"{}\") to deque",
                crate::object::type_name(other)
            )))
        }
        None => return Ok(not_implemented()),
    };
    let out = DequeState::new(d.items.borrow().clone(), d.maxlen.get());
    for v in other.snapshot() {
        out.push_back(v);
    }
    Ok(instance(&i.class, Value::Native(out)))
}

fn deque_iadd(vm: &Vm, args: Args) -> PyResult<Value> {
    let me = args.pos.first().cloned().unwrap_or(Value::None);
    deque_extend(vm, args)?;
    Ok(me)
}

fn deque_maxlen(_vm: &Vm, args: Args) -> PyResult<Value> {
    let d = deque_of(&args, "maxlen")?;
    Ok(d.maxlen.get().map_or(Value::None, |m| Value::Int(m as i64)))
}

// ========================================================== defaultdict, Counter, OrderedDict

/// Which dict-like class a method serves (for messages and the checks of `self`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Flavor {
    Default,
    Counter,
    Ordered,
}

thread_local! {
    static DEFAULTDICT: Rc<Class> = rc::class(
        "defaultdict",
        "collections",
        vec![],
        &[
            ("__init__", dd_init),
            ("__getitem__", dd_getitem),
            ("__missing__", dd_missing),
            ("__repr__", dd_repr),
            ("copy", dd_copy),
            ("__copy__", dd_copy),
            ("__setitem__", dl_setitem),
            ("__delitem__", dl_delitem),
            ("__contains__", dl_contains),
            ("__len__", dl_len),
            ("__iter__", dl_iter),
            ("__reversed__", dl_reversed),
            ("__eq__", dl_eq),
            ("__getattr__", dl_getattr),
        ],
    );
    static COUNTER: Rc<Class> = {
        let c = rc::class(
            "Counter",
            "collections",
            vec![],
            &[
                ("__init__", counter_init),
                ("update", counter_update),
                ("subtract", counter_subtract),
                ("__getitem__", counter_getitem),
                ("__missing__", counter_missing),
                ("__delitem__", counter_delitem),
                ("most_common", counter_most_common),
                ("elements", counter_elements),
                ("total", counter_total),
                ("__repr__", counter_repr),
                ("copy", counter_copy),
                ("__copy__", counter_copy),
                ("__eq__", counter_eq),
                ("__add__", counter_add),
                ("__sub__", counter_sub),
                ("__or__", counter_or),
                ("__and__", counter_and),
                ("__pos__", counter_pos),
                ("__neg__", counter_neg),
                ("__iadd__", counter_iadd),
                ("__isub__", counter_isub),
                ("__setitem__", dl_setitem),
                ("__contains__", dl_contains),
                ("__len__", dl_len),
                ("__iter__", dl_iter),
                ("__reversed__", dl_reversed),
                ("__getattr__", dl_getattr),
            ],
        );
        c.attrs
            .borrow_mut()
            .insert(Rc::from("fromkeys"), func("fromkeys", counter_fromkeys));
        c
    };
    static ORDEREDDICT: Rc<Class> = {
        let c = rc::class(
            "OrderedDict",
            "collections",
            vec![],
            &[
                ("__init__", od_init),
                ("__getitem__", od_getitem),
                ("move_to_end", od_move_to_end),
                ("popitem", od_popitem),
                ("__repr__", od_repr),
                ("__eq__", od_eq),
                ("copy", od_copy),
                ("__copy__", od_copy),
                ("keys", od_keys),
                ("values", od_values),
                ("items", od_items),
                ("__setitem__", dl_setitem),
                ("__delitem__", dl_delitem),
                ("__contains__", dl_contains),
                ("__len__", dl_len),
                ("__iter__", dl_iter),
                ("__reversed__", dl_reversed),
                ("__getattr__", dl_getattr),
            ],
        );
        rc::class_methods(&c, &[("fromkeys", od_fromkeys)]);
        c
    };
}

fn flavor_class(f: Flavor) -> Rc<Class> {
    match f {
        Flavor::Default => DEFAULTDICT.with(|c| c.clone()),
        Flavor::Counter => COUNTER.with(|c| c.clone()),
        Flavor::Ordered => ORDEREDDICT.with(|c| c.clone()),
    }
}

/// The flavor of a dict-like instance, if it is one.
fn flavor_of(i: &Instance) -> Option<Flavor> {
    [Flavor::Default, Flavor::Counter, Flavor::Ordered]
        .into_iter()
        .find(|f| i.class.is_subclass(&flavor_class(*f)))
}

/// The receiver of a dict-like method and its dict.
fn dict_recv(args: &Args, method: &str) -> PyResult<(Rc<Instance>, Rc<RefCell<Dict>>)> {
    match args.pos.first() {
        Some(Value::Instance(i)) if flavor_of(i).is_some() => {
            let d = dict_state(i);
            Ok((i.clone(), d))
        }
        Some(other) => Err(PyErr::type_error(format!(
            "descriptor '{method}' requires a 'dict' object but received a '{}'",
            crate::object::type_name(other)
        ))),
        None => Err(PyErr::type_error(format!(
            "descriptor '{method}' needs an argument"
        ))),
    }
}

fn dict_state(i: &Instance) -> Rc<RefCell<Dict>> {
    if let Some(Value::Dict(d)) = rc::state(i) {
        return d;
    }
    let d = Rc::new(RefCell::new(Dict::new()));
    rc::set_state(i, Value::Dict(d.clone()));
    d
}

/// The dict inside `v` when it is a dict or one of this module's dict-like instances (for
/// `update`, `==` and `json`).
pub fn dict_inside(v: &Value) -> Option<Rc<RefCell<Dict>>> {
    match v {
        Value::Dict(d) => Some(d.clone()),
        Value::Instance(i) if flavor_of(i).is_some() => Some(dict_state(i)),
        _ => None,
    }
}

/// The values of a named tuple (`json` encodes it as an array, as CPython does a tuple
/// subclass).
pub fn tuple_inside(v: &Value) -> Option<Rc<Vec<Value>>> {
    match v {
        Value::Instance(i) if i.class.lookup("_fields").is_some() => match rc::state(i) {
            Some(Value::Tuple(t)) => Some(t),
            _ => None,
        },
        _ => None,
    }
}

fn new_dictlike(class: &Rc<Class>, d: Dict) -> (Value, Rc<RefCell<Dict>>) {
    let d = Rc::new(RefCell::new(d));
    (instance(class, Value::Dict(d.clone())), d)
}

fn arg1(args: &Args, name: &str) -> PyResult<Value> {
    match args.pos.len() {
        2 if args.kw.is_empty() => Ok(args.pos[1].clone()),
        n => Err(PyErr::type_error(format!(
            "{name}() takes exactly one argument ({} given)",
            n.saturating_sub(1) + args.kw.len()
        ))),
    }
}

fn get(d: &RefCell<Dict>, k: &Value) -> PyResult<Option<Value>> {
    d.borrow().get(k).map_err(|_| unhashable(k))
}

fn set(d: &RefCell<Dict>, k: Value, v: Value) -> PyResult<()> {
    ops::dict_insert(&mut d.borrow_mut(), k, v)
}

/// `dict.update(*args, **kwargs)` semantics onto `d`.
fn update_from(vm: &Vm, d: &Rc<RefCell<Dict>>, args: Args, name: &str) -> PyResult<()> {
    if args.pos.len() > 1 {
        return Err(PyErr::type_error(format!(
            "{name} expected at most 1 argument, got {}",
            args.pos.len()
        )));
    }
    if let Some(src) = args.pos.first() {
        ops::dict_update(vm, &Value::Dict(d.clone()), src)?;
    }
    for (k, v) in args.kw {
        set(d, Value::Str(k), v)?;
    }
    Ok(())
}

fn dl_setitem(_vm: &Vm, args: Args) -> PyResult<Value> {
    let (_, d) = dict_recv(&args, "__setitem__")?;
    if args.pos.len() != 3 {
        return Err(PyErr::type_error("expected 2 arguments"));
    }
    set(&d, args.pos[1].clone(), args.pos[2].clone())?;
    Ok(Value::None)
}

fn dl_delitem(_vm: &Vm, args: Args) -> PyResult<Value> {
    let (_, d) = dict_recv(&args, "__delitem__")?;
    let k = arg1(&args, "__delitem__")?;
    let removed = d.borrow_mut().remove(&k).map_err(|_| unhashable(&k))?;
    match removed {
        Some(_) => Ok(Value::None),
        None => Err(PyErr::key_error(k)),
    }
}

fn dl_contains(_vm: &Vm, args: Args) -> PyResult<Value> {
    let (_, d) = dict_recv(&args, "__contains__")?;
    let k = arg1(&args, "__contains__")?;
    let found = d.borrow().contains_key(&k).map_err(|_| unhashable(&k))?;
    Ok(Value::Bool(found))
}

fn dl_len(_vm: &Vm, args: Args) -> PyResult<Value> {
    let (_, d) = dict_recv(&args, "__len__")?;
    let n = d.borrow().len();
    Ok(Value::Int(n as i64))
}

fn dl_iter(_vm: &Vm, args: Args) -> PyResult<Value> {
    let (_, d) = dict_recv(&args, "__iter__")?;
    let n = d.borrow().len();
    Ok(Value::Iter(Rc::new(RefCell::new(IterState::Dict(
        d,
        0,
        n,
        DictView::Keys,
    )))))
}

fn dl_reversed(_vm: &Vm, args: Args) -> PyResult<Value> {
    let (_, d) = dict_recv(&args, "__reversed__")?;
    let mut keys: Vec<Value> = d.borrow().keys().cloned().collect();
    keys.reverse();
    Ok(iter_values(keys))
}

/// `dl_eq`, one level deeper (see [`rc::nested`]).
fn dl_eq(vm: &Vm, args: Args) -> PyResult<Value> {
    rc::nested(|| dl_eq_body(vm, args))
}

fn dl_eq_body(vm: &Vm, args: Args) -> PyResult<Value> {
    let (_, d) = dict_recv(&args, "__eq__")?;
    match args.pos.get(1).and_then(dict_inside) {
        Some(other) => Ok(Value::Bool(ops::eq(
            vm,
            &Value::Dict(d),
            &Value::Dict(other),
        )?)),
        None => Ok(not_implemented()),
    }
}

/// The other dict methods (`items`, `keys`, `get`, `setdefault`, `pop`…) are the dict's own.
fn dl_getattr(vm: &Vm, args: Args) -> PyResult<Value> {
    let (i, d) = dict_recv(&args, "__getattr__")?;
    let name = match args.pos.get(1) {
        Some(Value::Str(s)) => s.clone(),
        _ => return Err(PyErr::type_error("attribute name must be string")),
    };
    let me = Value::Instance(i);
    if name.starts_with("__") {
        return Err(attr::no_attribute(&me, &name));
    }
    match attr::getattr(vm, &Value::Dict(d), &name) {
        Ok(v) => Ok(v),
        Err(e) if e.is(&with_types(|t| t.attribute_error.clone())) => {
            Err(attr::no_attribute(&me, &name))
        }
        Err(e) => Err(e),
    }
}

fn items_of(d: &RefCell<Dict>) -> Vec<(Value, Value)> {
    d.borrow()
        .items()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

// ----- defaultdict -----

fn default_factory(i: &Instance) -> Value {
    i.attrs
        .borrow()
        .get("default_factory")
        .cloned()
        .unwrap_or(Value::None)
}

fn is_callable(v: &Value) -> bool {
    match v {
        Value::Function(_) | Value::Builtin(_) | Value::Method(_) | Value::Class(_) => true,
        other => class_of(other).lookup("__call__").is_some(),
    }
}

fn dd_init(vm: &Vm, args: Args) -> PyResult<Value> {
    let (i, d) = dict_recv(&args, "__init__")?;
    let mut args = rest(args);
    let factory = if args.pos.is_empty() {
        Value::None
    } else {
        args.pos.remove(0)
    };
    if !factory.is_none() && !is_callable(&factory) {
        return Err(PyErr::type_error("first argument must be callable or None"));
    }
    i.attrs
        .borrow_mut()
        .insert(Rc::from("default_factory"), factory);
    update_from(vm, &d, args, "dict")?;
    Ok(Value::None)
}

fn dd_getitem(vm: &Vm, args: Args) -> PyResult<Value> {
    let (i, d) = dict_recv(&args, "__getitem__")?;
    let k = arg1(&args, "__getitem__")?;
    if let Some(v) = get(&d, &k)? {
        return Ok(v);
    }
    match i.class.lookup("__missing__") {
        Some(m) => vm.call(&m, Args::new(vec![Value::Instance(i), k])),
        None => Err(PyErr::key_error(k)),
    }
}

fn dd_missing(vm: &Vm, args: Args) -> PyResult<Value> {
    let (i, d) = dict_recv(&args, "__missing__")?;
    let k = arg1(&args, "__missing__")?;
    let factory = default_factory(&i);
    if factory.is_none() {
        return Err(PyErr::key_error(k));
    }
    let v = vm.call(&factory, Args::default())?;
    set(&d, k, v.clone())?;
    Ok(v)
}

fn dd_repr(vm: &Vm, args: Args) -> PyResult<Value> {
    let (i, d) = dict_recv(&args, "__repr__")?;
    // The dict's own guard shows `{...}` where it contains itself, as CPython does.
    let text = rc::nested(|| {
        let factory = text::repr(vm, &default_factory(&i))?;
        let inner = text::repr(vm, &Value::Dict(d))?;
        Ok(format!("{}({factory}, {inner})", rc::type_name(&i)))
    })?;
    Ok(Value::from(text))
}

fn dd_copy(_vm: &Vm, args: Args) -> PyResult<Value> {
    let (i, d) = dict_recv(&args, "copy")?;
    let copy = d.borrow().clone();
    let (v, _) = new_dictlike(&i.class, copy);
    if let Value::Instance(new) = &v {
        new.attrs
            .borrow_mut()
            .insert(Rc::from("default_factory"), default_factory(&i));
    }
    Ok(v)
}

// ----- Counter -----

fn counter_class() -> Rc<Class> {
    COUNTER.with(|c| c.clone())
}

fn counter_init(vm: &Vm, args: Args) -> PyResult<Value> {
    let (_, d) = dict_recv(&args, "__init__")?;
    d.borrow_mut().clear();
    counter_update(vm, args)
}

/// `Counter.update` (`sign` 1) and `Counter.subtract` (`sign` -1).
fn count_into(vm: &Vm, args: Args, sign: i64, name: &str) -> PyResult<Value> {
    let (_, d) = dict_recv(&args, name)?;
    let mut args = rest(args);
    if args.pos.len() > 1 {
        return Err(PyErr::type_error(format!(
            "expected at most 1 arguments, got {}",
            args.pos.len()
        )));
    }
    let op = if sign > 0 { BinOp::Add } else { BinOp::Sub };
    let src = args.pos.pop().filter(|v| !v.is_none());
    let kw: Vec<(Value, Value)> = std::mem::take(&mut args.kw)
        .into_iter()
        .map(|(k, v)| (Value::Str(k), v))
        .collect();
    let add_pair = |k: Value, n: Value| -> PyResult<()> {
        let old = get(&d, &k)?.unwrap_or(Value::Int(0));
        let new = if sign > 0 {
            // CPython: `count + self.get(elem, 0)`.
            ops::binary(vm, op, &n, &old)?
        } else {
            ops::binary(vm, op, &old, &n)?
        };
        set(&d, k, new)
    };
    if let Some(src) = src {
        if let Some(other) = dict_inside(&src) {
            for (k, n) in items_of(&other) {
                add_pair(k, n)?;
            }
        } else {
            let it = iter::iter(vm, src)?;
            while let Some(k) = iter::next(vm, &it)? {
                add_pair(k, Value::Int(1))?;
            }
        }
    }
    for (k, n) in kw {
        add_pair(k, n)?;
    }
    Ok(Value::None)
}

fn counter_update(vm: &Vm, args: Args) -> PyResult<Value> {
    count_into(vm, args, 1, "update")
}

fn counter_subtract(vm: &Vm, args: Args) -> PyResult<Value> {
    count_into(vm, args, -1, "subtract")
}

fn counter_getitem(vm: &Vm, args: Args) -> PyResult<Value> {
    let (i, d) = dict_recv(&args, "__getitem__")?;
    let k = arg1(&args, "__getitem__")?;
    if let Some(v) = get(&d, &k)? {
        return Ok(v);
    }
    match i.class.lookup("__missing__") {
        Some(m) => vm.call(&m, Args::new(vec![Value::Instance(i), k])),
        None => Ok(Value::Int(0)),
    }
}

fn counter_missing(_vm: &Vm, args: Args) -> PyResult<Value> {
    dict_recv(&args, "__missing__")?;
    Ok(Value::Int(0))
}

fn counter_delitem(_vm: &Vm, args: Args) -> PyResult<Value> {
    let (_, d) = dict_recv(&args, "__delitem__")?;
    let k = arg1(&args, "__delitem__")?;
    d.borrow_mut().remove(&k).map_err(|_| unhashable(&k))?;
    Ok(Value::None)
}

/// Items by count, largest first; equal counts keep their insertion order.
fn by_count(vm: &Vm, d: &RefCell<Dict>) -> PyResult<Vec<(Value, Value)>> {
    let mut items = items_of(d);
    let failure: RefCell<Option<PyErr>> = RefCell::new(None);
    let less = |a: &Value, b: &Value| -> bool {
        if failure.borrow().is_some() {
            return false;
        }
        match ops::compare(vm, CmpOp::Lt, a, b).and_then(|r| vm.truthy(&r)) {
            Ok(x) => x,
            Err(e) => {
                *failure.borrow_mut() = Some(e);
                false
            }
        }
    };
    items.sort_by(|(_, a), (_, b)| {
        if less(b, a) {
            std::cmp::Ordering::Less
        } else if less(a, b) {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    });
    if let Some(e) = failure.into_inner() {
        return Err(e);
    }
    Ok(items)
}

fn pairs(items: Vec<(Value, Value)>) -> Value {
    Value::list(
        items
            .into_iter()
            .map(|(k, v)| Value::tuple(vec![k, v]))
            .collect(),
    )
}

fn counter_most_common(vm: &Vm, args: Args) -> PyResult<Value> {
    let (_, d) = dict_recv(&args, "most_common")?;
    let p = params(rest(args), "most_common", &["n"])?;
    let mut items = by_count(vm, &d)?;
    if let Some(n) = p[0].as_ref().filter(|v| !v.is_none()) {
        let n = int_index(n)?.max(0) as usize;
        items.truncate(n);
    }
    Ok(pairs(items))
}

fn counter_elements(_vm: &Vm, args: Args) -> PyResult<Value> {
    let (_, d) = dict_recv(&args, "elements")?;
    let mut out = Vec::new();
    for (k, n) in items_of(&d) {
        let n = int_index(&n)?;
        if n > 0 {
            if out.len() + n as usize > 50_000_000 {
                return Err(PyErr::new(
                    &with_types(|t| t.memory_error.clone()),
                    "Counter.elements(): more than 50 million items for AwaitLab",
                ));
            }
            out.extend(std::iter::repeat_n(k, n as usize));
        }
    }
    Ok(iter_values(out))
}

fn counter_total(vm: &Vm, args: Args) -> PyResult<Value> {
    let (_, d) = dict_recv(&args, "total")?;
    let mut total = Value::Int(0);
    for (_, n) in items_of(&d) {
        total = ops::binary(vm, BinOp::Add, &total, &n)?;
    }
    Ok(total)
}

fn counter_repr(vm: &Vm, args: Args) -> PyResult<Value> {
    let (i, d) = dict_recv(&args, "__repr__")?;
    let name = rc::type_name(&i);
    if d.borrow().is_empty() {
        return Ok(Value::from(format!("{name}()")));
    }
    let text = rc::repr_guard(&i, "...", || {
        let inner = match by_count(vm, &d) {
            Ok(items) => {
                let mut sorted = Dict::new();
                for (k, v) in items {
                    ops::dict_insert(&mut sorted, k, v)?;
                }
                text::repr(vm, &Value::dict(sorted))?
            }
            // Counts that do not order (CPython falls back to the dict as it is).
            Err(_) => text::repr(vm, &Value::Dict(d.clone()))?,
        };
        Ok(format!("{name}({inner})"))
    })?;
    Ok(Value::from(text))
}

fn counter_copy(_vm: &Vm, args: Args) -> PyResult<Value> {
    let (i, d) = dict_recv(&args, "copy")?;
    let copy = d.borrow().clone();
    Ok(new_dictlike(&i.class, copy).0)
}

fn counter_fromkeys(_vm: &Vm, _args: Args) -> PyResult<Value> {
    Err(PyErr::not_implemented(
        "Counter.fromkeys() is undefined.  Use Counter(iterable) instead.",
    ))
}

/// The other operand of a Counter operator, when it is a Counter.
fn other_counter(args: &Args) -> Option<Rc<RefCell<Dict>>> {
    match args.pos.get(1) {
        Some(Value::Instance(o)) if o.class.is_subclass(&counter_class()) => Some(dict_state(o)),
        _ => None,
    }
}

fn positive(vm: &Vm, v: &Value) -> PyResult<bool> {
    let r = ops::compare(vm, CmpOp::Gt, v, &Value::Int(0))?;
    vm.truthy(&r)
}

fn negative(vm: &Vm, v: &Value) -> PyResult<bool> {
    let r = ops::compare(vm, CmpOp::Lt, v, &Value::Int(0))?;
    vm.truthy(&r)
}

/// `Counter` `+ - | &` as Lib/collections/__init__.py computes them.
fn counter_binop(vm: &Vm, args: Args, op: BinOp) -> PyResult<Value> {
    let (_, d) = dict_recv(&args, "__add__")?;
    let Some(other) = other_counter(&args) else {
        return Ok(not_implemented());
    };
    let mut out = Dict::new();
    for (k, count) in items_of(&d) {
        let theirs = get(&other, &k)?.unwrap_or(Value::Int(0));
        let new = match op {
            BinOp::Add => ops::binary(vm, BinOp::Add, &count, &theirs)?,
            BinOp::Sub => ops::binary(vm, BinOp::Sub, &count, &theirs)?,
            BinOp::BitOr => {
                let lt = ops::compare(vm, CmpOp::Lt, &count, &theirs)?;
                if vm.truthy(&lt)? {
                    theirs
                } else {
                    count
                }
            }
            _ => {
                let lt = ops::compare(vm, CmpOp::Lt, &count, &theirs)?;
                if vm.truthy(&lt)? {
                    count
                } else {
                    theirs
                }
            }
        };
        if positive(vm, &new)? {
            ops::dict_insert(&mut out, k, new)?;
        }
    }
    if op != BinOp::BitAnd {
        for (k, count) in items_of(&other) {
            if get(&d, &k)?.is_some() {
                continue;
            }
            if op == BinOp::Sub {
                if negative(vm, &count)? {
                    let new = ops::binary(vm, BinOp::Sub, &Value::Int(0), &count)?;
                    ops::dict_insert(&mut out, k, new)?;
                }
            } else if positive(vm, &count)? {
                ops::dict_insert(&mut out, k, count)?;
            }
        }
    }
    Ok(new_dictlike(&counter_class(), out).0)
}

fn counter_add(vm: &Vm, args: Args) -> PyResult<Value> {
    counter_binop(vm, args, BinOp::Add)
}

fn counter_sub(vm: &Vm, args: Args) -> PyResult<Value> {
    counter_binop(vm, args, BinOp::Sub)
}

fn counter_or(vm: &Vm, args: Args) -> PyResult<Value> {
    counter_binop(vm, args, BinOp::BitOr)
}

fn counter_and(vm: &Vm, args: Args) -> PyResult<Value> {
    counter_binop(vm, args, BinOp::BitAnd)
}

fn counter_sign(vm: &Vm, args: Args, keep_negative: bool) -> PyResult<Value> {
    let (_, d) = dict_recv(&args, "__pos__")?;
    let mut out = Dict::new();
    for (k, count) in items_of(&d) {
        if keep_negative {
            if negative(vm, &count)? {
                let v = ops::binary(vm, BinOp::Sub, &Value::Int(0), &count)?;
                ops::dict_insert(&mut out, k, v)?;
            }
        } else if positive(vm, &count)? {
            ops::dict_insert(&mut out, k, count)?;
        }
    }
    Ok(new_dictlike(&counter_class(), out).0)
}

fn counter_pos(vm: &Vm, args: Args) -> PyResult<Value> {
    counter_sign(vm, args, false)
}

fn counter_neg(vm: &Vm, args: Args) -> PyResult<Value> {
    counter_sign(vm, args, true)
}

/// `c += other` / `c -= other`: in place, then only positive counts stay.
fn counter_inplace(vm: &Vm, args: Args, sign: i64) -> PyResult<Value> {
    let (i, d) = dict_recv(&args, "__iadd__")?;
    if other_counter(&args).is_none() {
        return Ok(not_implemented());
    }
    let me = Value::Instance(i);
    let other = args.pos[1].clone();
    count_into(vm, Args::new(vec![me.clone(), other]), sign, "__iadd__")?;
    for (k, count) in items_of(&d) {
        if !positive(vm, &count)? {
            d.borrow_mut().remove(&k).map_err(|_| unhashable(&k))?;
        }
    }
    Ok(me)
}

fn counter_iadd(vm: &Vm, args: Args) -> PyResult<Value> {
    counter_inplace(vm, args, 1)
}

fn counter_isub(vm: &Vm, args: Args) -> PyResult<Value> {
    counter_inplace(vm, args, -1)
}

/// `counter_eq`, one level deeper (see [`rc::nested`]).
fn counter_eq(vm: &Vm, args: Args) -> PyResult<Value> {
    rc::nested(|| counter_eq_body(vm, args))
}

fn counter_eq_body(vm: &Vm, args: Args) -> PyResult<Value> {
    let (_, d) = dict_recv(&args, "__eq__")?;
    let Some(other) = other_counter(&args) else {
        return match args.pos.get(1).and_then(dict_inside) {
            Some(o) => Ok(Value::Bool(ops::eq(vm, &Value::Dict(d), &Value::Dict(o))?)),
            None => Ok(not_implemented()),
        };
    };
    // Missing elements count as zero (3.10+).
    for (a, b) in [(&d, &other), (&other, &d)] {
        for (k, count) in items_of(a) {
            let theirs = get(b, &k)?.unwrap_or(Value::Int(0));
            if !equal(vm, &count, &theirs)? {
                return Ok(Value::Bool(false));
            }
        }
    }
    Ok(Value::Bool(true))
}

// ----- OrderedDict -----

fn od_init(vm: &Vm, args: Args) -> PyResult<Value> {
    let (_, d) = dict_recv(&args, "__init__")?;
    update_from(vm, &d, rest(args), "OrderedDict")?;
    Ok(Value::None)
}

fn od_getitem(_vm: &Vm, args: Args) -> PyResult<Value> {
    let (_, d) = dict_recv(&args, "__getitem__")?;
    let k = arg1(&args, "__getitem__")?;
    get(&d, &k)?.ok_or_else(|| PyErr::key_error(k))
}

fn od_move_to_end(_vm: &Vm, args: Args) -> PyResult<Value> {
    let (_, d) = dict_recv(&args, "move_to_end")?;
    let p = params(rest(args), "move_to_end", &["key", "last"])?;
    let Some(k) = p[0].clone() else {
        return Err(PyErr::type_error(
            "move_to_end() missing required argument 'key' (pos 1)",
        ));
    };
    let last = p[1]
        .as_ref()
        .is_none_or(|v| !matches!(v, Value::Bool(false)));
    let mut dict = d.borrow_mut();
    let Some(v) = dict.remove(&k).map_err(|_| unhashable(&k))? else {
        return Err(PyErr::key_error(k));
    };
    if last {
        dict.insert(k, v).map_err(|_| unhashable(&Value::None))?;
    } else {
        let mut front = Dict::new();
        let _ = front.insert(k, v);
        for (a, b) in dict.items() {
            let _ = front.insert(a.clone(), b.clone());
        }
        *dict = front;
    }
    Ok(Value::None)
}

fn od_popitem(_vm: &Vm, args: Args) -> PyResult<Value> {
    let (_, d) = dict_recv(&args, "popitem")?;
    let p = params(rest(args), "popitem", &["last"])?;
    let last = p[0]
        .as_ref()
        .is_none_or(|v| !matches!(v, Value::Bool(false)));
    let mut dict = d.borrow_mut();
    let item = if last {
        dict.pop_last()
    } else {
        let first = dict.items().next().map(|(k, v)| (k.clone(), v.clone()));
        if let Some((k, _)) = &first {
            let _ = dict.remove(k);
        }
        first
    };
    match item {
        Some((k, v)) => Ok(Value::tuple(vec![k, v])),
        None => Err(PyErr::key_error(Value::str("dictionary is empty"))),
    }
}

fn od_repr(vm: &Vm, args: Args) -> PyResult<Value> {
    let (i, d) = dict_recv(&args, "__repr__")?;
    let name = rc::type_name(&i);
    let items = items_of(&d);
    if items.is_empty() {
        return Ok(Value::from(format!("{name}()")));
    }
    let text = rc::repr_guard(&i, "...", || {
        Ok(format!("{name}({})", text::repr(vm, &pairs(items))?))
    })?;
    Ok(Value::from(text))
}

/// `od_eq`, one level deeper (see [`rc::nested`]).
fn od_eq(vm: &Vm, args: Args) -> PyResult<Value> {
    rc::nested(|| od_eq_body(vm, args))
}

fn od_eq_body(vm: &Vm, args: Args) -> PyResult<Value> {
    let (_, d) = dict_recv(&args, "__eq__")?;
    match args.pos.get(1) {
        Some(Value::Instance(o)) if flavor_of(o) == Some(Flavor::Ordered) => {
            let (a, b) = (pairs(items_of(&d)), pairs(items_of(&dict_state(o))));
            ops::compare(vm, CmpOp::Eq, &a, &b)
        }
        Some(other) => match dict_inside(other) {
            Some(o) => Ok(Value::Bool(ops::eq(vm, &Value::Dict(d), &Value::Dict(o))?)),
            None => Ok(not_implemented()),
        },
        None => Ok(not_implemented()),
    }
}

fn od_copy(_vm: &Vm, args: Args) -> PyResult<Value> {
    let (i, d) = dict_recv(&args, "copy")?;
    let copy = d.borrow().clone();
    Ok(new_dictlike(&i.class, copy).0)
}

fn od_fromkeys(vm: &Vm, args: Args) -> PyResult<Value> {
    let class = match args.pos.first() {
        Some(Value::Class(c)) => c.clone(),
        _ => ORDEREDDICT.with(|c| c.clone()),
    };
    let p = params(rest(args), "fromkeys", &["iterable", "value"])?;
    let Some(src) = p[0].clone() else {
        return Err(PyErr::type_error(
            "fromkeys() missing required argument 'iterable' (pos 1)",
        ));
    };
    let value = p[1].clone().unwrap_or(Value::None);
    let mut out = Dict::new();
    for k in iter::collect(vm, &src)? {
        ops::dict_insert(&mut out, k, value.clone())?;
    }
    Ok(new_dictlike(&class, out).0)
}

/// `OrderedDict`'s views print as `odict_keys([...])`.
struct OdView {
    dict: Rc<RefCell<Dict>>,
    view: DictView,
}

thread_local! {
    static OD_VIEWS: [Rc<Class>; 3] = ["odict_keys", "odict_values", "odict_items"].map(|name| {
        let c = crate::vm::call::plain_class(name, "builtins");
        crate::builtins::add_methods(&c, "odict_view", &[("__iter__", od_view_iter), ("__len__", od_view_len)]);
        c
    });
}

impl Native for OdView {
    fn class(&self) -> Rc<Class> {
        let i = match self.view {
            DictView::Keys => 0,
            DictView::Values => 1,
            DictView::Items => 2,
        };
        OD_VIEWS.with(|c| c[i].clone())
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

impl OdView {
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

fn od_view(args: &Args, view: DictView) -> PyResult<Value> {
    let (_, dict) = dict_recv(args, "keys")?;
    if args.pos.len() > 1 || !args.kw.is_empty() {
        return Err(PyErr::type_error("expected no arguments"));
    }
    Ok(Value::Native(Rc::new(OdView { dict, view })))
}

fn od_keys(_vm: &Vm, args: Args) -> PyResult<Value> {
    od_view(&args, DictView::Keys)
}

fn od_values(_vm: &Vm, args: Args) -> PyResult<Value> {
    od_view(&args, DictView::Values)
}

fn od_items(_vm: &Vm, args: Args) -> PyResult<Value> {
    od_view(&args, DictView::Items)
}

fn od_view_of(args: &Args) -> PyResult<Rc<dyn Native>> {
    match args.pos.first() {
        Some(Value::Native(n)) if n.as_any().is::<OdView>() => Ok(n.clone()),
        _ => Err(PyErr::type_error("expected an OrderedDict view")),
    }
}

fn od_view_iter(_vm: &Vm, args: Args) -> PyResult<Value> {
    let n = od_view_of(&args)?;
    let Some(v) = n.as_any().downcast_ref::<OdView>() else {
        return Err(PyErr::type_error("expected an OrderedDict view"));
    };
    let len = v.dict.borrow().len();
    Ok(Value::Iter(Rc::new(RefCell::new(IterState::Dict(
        v.dict.clone(),
        0,
        len,
        v.view,
    )))))
}

fn od_view_len(_vm: &Vm, args: Args) -> PyResult<Value> {
    let n = od_view_of(&args)?;
    let Some(v) = n.as_any().downcast_ref::<OdView>() else {
        return Err(PyErr::type_error("expected an OrderedDict view"));
    };
    let len = v.dict.borrow().len();
    Ok(Value::Int(len as i64))
}

// ================================================================================ namedtuple

const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c == '_' || c.is_alphabetic() => {}
        _ => return false,
    }
    chars.all(|c| c == '_' || c.is_alphanumeric())
}

thread_local! {
    /// The methods every named tuple class gets (its class is made per call).
    static NT_METHODS: Vec<(&'static str, NativeFn)> = vec![
        ("__init__", nt_init),
        ("__repr__", nt_repr),
        ("__getitem__", nt_getitem),
        ("__len__", nt_len),
        ("__iter__", nt_iter),
        ("__contains__", nt_contains),
        ("__eq__", nt_eq),
        ("__lt__", nt_lt),
        ("__le__", nt_le),
        ("__gt__", nt_gt),
        ("__ge__", nt_ge),
        ("__add__", nt_add),
        ("__getattr__", nt_getattr),
        ("_asdict", nt_asdict),
        ("_replace", nt_replace),
        ("count", nt_count),
        ("index", nt_index),
    ];
}

fn namedtuple(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let rename = args.take_kw("rename");
    let defaults = args.take_kw("defaults");
    let module = args.take_kw("module");
    let p = params(args, "namedtuple", &["typename", "field_names"])?;
    let (Some(typename), Some(fields)) = (p[0].clone(), p[1].clone()) else {
        return Err(PyErr::type_error(format!(
            "namedtuple() missing required argument '{}'",
            if p[0].is_none() {
                "typename"
            } else {
                "field_names"
            }
        )));
    };
    let typename = match &typename {
        Value::Str(s) => s.to_string(),
        other => text::str(vm, other)?,
    };
    let mut names: Vec<String> = match &fields {
        Value::Str(s) => s
            .replace(',', " ")
            .split_whitespace()
            .map(str::to_string)
            .collect(),
        other => iter::collect(vm, other)?
            .iter()
            .map(|v| text::str(vm, v))
            .collect::<PyResult<_>>()?,
    };
    let rename = match rename {
        Some(r) => vm.truthy(&r)?,
        None => false,
    };
    if rename {
        let mut seen: Vec<String> = Vec::new();
        for (i, name) in names.iter_mut().enumerate() {
            if !is_identifier(name)
                || KEYWORDS.contains(&name.as_str())
                || name.starts_with('_')
                || seen.contains(name)
            {
                *name = format!("_{i}");
            }
            seen.push(name.clone());
        }
    }
    for name in std::iter::once(&typename).chain(names.iter()) {
        if !is_identifier(name) {
            return Err(PyErr::value_error(format!(
                "Type names and field names must be valid identifiers: {}",
                crate::text::str_repr(name)
            )));
        }
        if KEYWORDS.contains(&name.as_str()) {
            return Err(PyErr::value_error(format!(
                "Type names and field names cannot be a keyword: {}",
                crate::text::str_repr(name)
            )));
        }
    }
    let mut seen: Vec<&str> = Vec::new();
    for name in &names {
        if name.starts_with('_') && !rename {
            return Err(PyErr::value_error(format!(
                "Field names cannot start with an underscore: {}",
                crate::text::str_repr(name)
            )));
        }
        if seen.contains(&name.as_str()) {
            return Err(PyErr::value_error(format!(
                "Encountered duplicate field name: {}",
                crate::text::str_repr(name)
            )));
        }
        seen.push(name);
    }
    let defaults = match defaults.filter(|d| !d.is_none()) {
        Some(d) => iter::collect(vm, &d)?,
        None => Vec::new(),
    };
    if defaults.len() > names.len() {
        return Err(PyErr::type_error(
            "Got more default values than field names",
        ));
    }
    let module = match module.filter(|m| !m.is_none()) {
        Some(m) => text::str(vm, &m)?,
        None => "__main__".to_string(),
    };
    let class = crate::types::make_class(
        &typename,
        &module,
        vec![with_types(|t| t.object.clone())],
        crate::object::ClassKind::Plain,
        None,
    );
    NT_METHODS.with(|methods| {
        let mut attrs = class.attrs.borrow_mut();
        for (name, f) in methods {
            attrs.insert(Rc::from(*name), func(name, *f));
        }
    });
    rc::class_methods(&class, &[("_make", nt_make)]);
    {
        let mut attrs = class.attrs.borrow_mut();
        let field_values: Vec<Value> = names.iter().map(|n| Value::from(n.as_str())).collect();
        attrs.insert(Rc::from("_fields"), Value::tuple(field_values));
        let mut fd = Dict::new();
        let first_default = names.len() - defaults.len();
        for (name, v) in names[first_default..].iter().zip(defaults) {
            let _ = fd.insert(Value::from(name.as_str()), v);
        }
        attrs.insert(Rc::from("_field_defaults"), Value::dict(fd));
        attrs.insert(Rc::from("__qualname__"), Value::from(typename.as_str()));
    }
    Ok(Value::Class(class))
}

/// A named tuple instance's class fields and values.
/// A named tuple instance, its class's fields and its values.
type NtParts = (Rc<Instance>, Vec<Rc<str>>, Rc<Vec<Value>>);

fn nt_parts(v: &Value) -> PyResult<NtParts> {
    let Value::Instance(i) = v else {
        return Err(PyErr::type_error("expected a named tuple"));
    };
    let fields = nt_fields(&i.class)?;
    let values = match rc::state(i) {
        Some(Value::Tuple(t)) => t,
        _ => Rc::new(vec![Value::None; fields.len()]),
    };
    Ok((i.clone(), fields, values))
}

fn nt_fields(class: &Rc<Class>) -> PyResult<Vec<Rc<str>>> {
    match class.lookup("_fields") {
        Some(Value::Tuple(t)) => Ok(t
            .iter()
            .map(|f| match f {
                Value::Str(s) => s.clone(),
                _ => Rc::from(""),
            })
            .collect()),
        _ => Err(PyErr::type_error("expected a named tuple class")),
    }
}

fn nt_self(args: &Args) -> PyResult<NtParts> {
    match args.pos.first() {
        Some(v) => nt_parts(v),
        None => Err(PyErr::type_error("expected a named tuple")),
    }
}

/// Binds `__new__`'s arguments to the fields, with the messages of the `__new__` CPython
/// generates (`Point.__new__() missing 1 required positional argument: 'y'`).
fn nt_bind(class: &Rc<Class>, args: Args) -> PyResult<Vec<Value>> {
    let fields = nt_fields(class)?;
    let name = format!("{}.__new__()", class.name);
    let n = fields.len();
    if args.pos.len() > n {
        return Err(PyErr::type_error(format!(
            "{name} takes {} positional argument{} but {} {} given",
            n + 1,
            if n == 0 { "" } else { "s" },
            args.pos.len() + 1,
            if args.pos.is_empty() { "was" } else { "were" }
        )));
    }
    let mut slots: Vec<Option<Value>> = vec![None; n];
    for (i, v) in args.pos.into_iter().enumerate() {
        slots[i] = Some(v);
    }
    for (k, v) in args.kw {
        match fields.iter().position(|f| *f == k) {
            Some(i) if slots[i].is_some() => {
                return Err(PyErr::type_error(format!(
                    "{name} got multiple values for argument '{k}'"
                )))
            }
            Some(i) => slots[i] = Some(v),
            None => {
                return Err(PyErr::type_error(format!(
                    "{name} got an unexpected keyword argument '{k}'"
                )))
            }
        }
    }
    let defaults = match class.lookup("_field_defaults") {
        Some(Value::Dict(d)) => d.borrow().clone(),
        _ => Dict::new(),
    };
    let mut missing = Vec::new();
    for (i, slot) in slots.iter_mut().enumerate() {
        if slot.is_none() {
            match defaults.get(&Value::Str(fields[i].clone())) {
                Ok(Some(v)) => *slot = Some(v),
                _ => missing.push(format!("'{}'", fields[i])),
            }
        }
    }
    if !missing.is_empty() {
        let list = match missing.len() {
            1 => missing[0].clone(),
            2 => format!("{} and {}", missing[0], missing[1]),
            _ => format!(
                "{}, and {}",
                missing[..missing.len() - 1].join(", "),
                missing[missing.len() - 1]
            ),
        };
        return Err(PyErr::type_error(format!(
            "{name} missing {} required positional argument{}: {list}",
            missing.len(),
            if missing.len() == 1 { "" } else { "s" }
        )));
    }
    Ok(slots
        .into_iter()
        .map(|s| s.unwrap_or(Value::None))
        .collect())
}

fn nt_init(_vm: &Vm, args: Args) -> PyResult<Value> {
    let Some(Value::Instance(i)) = args.pos.first().cloned() else {
        return Err(PyErr::type_error("expected a named tuple"));
    };
    let values = nt_bind(&i.class, rest(args))?;
    rc::set_state(&i, Value::tuple(values));
    Ok(Value::None)
}

fn nt_make(vm: &Vm, args: Args) -> PyResult<Value> {
    let Some(Value::Class(class)) = args.pos.first().cloned() else {
        return Err(PyErr::type_error("_make() needs the class"));
    };
    let p = params(rest(args), "_make", &["iterable"])?;
    let Some(src) = p[0].clone() else {
        return Err(PyErr::type_error(
            "_make() missing 1 required positional argument: 'iterable'",
        ));
    };
    let values = iter::collect(vm, &src)?;
    let n = nt_fields(&class)?.len();
    if values.len() != n {
        return Err(PyErr::type_error(format!(
            "Expected {n} arguments, got {}",
            values.len()
        )));
    }
    Ok(instance(&class, Value::tuple(values)))
}

fn nt_repr(vm: &Vm, args: Args) -> PyResult<Value> {
    let (i, fields, values) = nt_self(&args)?;
    let mut parts = Vec::with_capacity(fields.len());
    for (f, v) in fields.iter().zip(values.iter()) {
        parts.push(format!("{f}={}", text::repr(vm, v)?));
    }
    Ok(Value::from(format!(
        "{}({})",
        rc::type_name(&i),
        parts.join(", ")
    )))
}

fn nt_getitem(vm: &Vm, args: Args) -> PyResult<Value> {
    let (_, _, values) = nt_self(&args)?;
    let idx = args.pos.get(1).cloned().unwrap_or(Value::None);
    ops::getitem(vm, &Value::Tuple(values), &idx)
}

fn nt_len(_vm: &Vm, args: Args) -> PyResult<Value> {
    let (_, _, values) = nt_self(&args)?;
    Ok(Value::Int(values.len() as i64))
}

fn nt_iter(_vm: &Vm, args: Args) -> PyResult<Value> {
    let (_, _, values) = nt_self(&args)?;
    Ok(Value::Iter(Rc::new(RefCell::new(IterState::Tuple(
        values, 0,
    )))))
}

/// `nt_contains`, one level deeper (see [`rc::nested`]).
fn nt_contains(vm: &Vm, args: Args) -> PyResult<Value> {
    rc::nested(|| nt_contains_body(vm, args))
}

fn nt_contains_body(vm: &Vm, args: Args) -> PyResult<Value> {
    let (_, _, values) = nt_self(&args)?;
    let x = args.pos.get(1).cloned().unwrap_or(Value::None);
    Ok(Value::Bool(ops::contains(vm, &Value::Tuple(values), &x)?))
}

/// The other operand as a tuple: a tuple or a named tuple.
fn as_tuple(v: Option<&Value>) -> Option<Value> {
    match v? {
        Value::Tuple(t) => Some(Value::Tuple(t.clone())),
        other @ Value::Instance(_) => match nt_parts(other) {
            Ok((_, _, values)) => Some(Value::Tuple(values)),
            Err(_) => None,
        },
        _ => None,
    }
}

/// `nt_compare`, one level deeper (see [`rc::nested`]).
fn nt_compare(vm: &Vm, args: Args, op: CmpOp) -> PyResult<Value> {
    rc::nested(|| nt_compare_body(vm, args, op))
}

fn nt_compare_body(vm: &Vm, args: Args, op: CmpOp) -> PyResult<Value> {
    let (_, _, values) = nt_self(&args)?;
    match as_tuple(args.pos.get(1)) {
        Some(other) => ops::compare(vm, op, &Value::Tuple(values), &other),
        None => Ok(not_implemented()),
    }
}

fn nt_eq(vm: &Vm, args: Args) -> PyResult<Value> {
    nt_compare(vm, args, CmpOp::Eq)
}

fn nt_lt(vm: &Vm, args: Args) -> PyResult<Value> {
    nt_compare(vm, args, CmpOp::Lt)
}

fn nt_le(vm: &Vm, args: Args) -> PyResult<Value> {
    nt_compare(vm, args, CmpOp::LtE)
}

fn nt_gt(vm: &Vm, args: Args) -> PyResult<Value> {
    nt_compare(vm, args, CmpOp::Gt)
}

fn nt_ge(vm: &Vm, args: Args) -> PyResult<Value> {
    nt_compare(vm, args, CmpOp::GtE)
}

fn nt_add(vm: &Vm, args: Args) -> PyResult<Value> {
    let (_, _, values) = nt_self(&args)?;
    match as_tuple(args.pos.get(1)) {
        Some(other) => ops::binary(vm, BinOp::Add, &Value::Tuple(values), &other),
        None => Ok(not_implemented()),
    }
}

fn nt_getattr(_vm: &Vm, args: Args) -> PyResult<Value> {
    let (i, fields, values) = nt_self(&args)?;
    let name = match args.pos.get(1) {
        Some(Value::Str(s)) => s.clone(),
        _ => return Err(PyErr::type_error("attribute name must be string")),
    };
    match fields.iter().position(|f| *f == name) {
        Some(k) => Ok(values.get(k).cloned().unwrap_or(Value::None)),
        None => Err(attr::no_attribute(&Value::Instance(i), &name)),
    }
}

fn nt_asdict(_vm: &Vm, args: Args) -> PyResult<Value> {
    let (_, fields, values) = nt_self(&args)?;
    let mut d = Dict::new();
    for (f, v) in fields.iter().zip(values.iter()) {
        let _ = d.insert(Value::Str(f.clone()), v.clone());
    }
    Ok(Value::dict(d))
}

fn nt_replace(vm: &Vm, args: Args) -> PyResult<Value> {
    let (i, fields, values) = nt_self(&args)?;
    if args.pos.len() > 1 {
        return Err(PyErr::type_error(format!(
            "{}._replace() takes 1 positional argument but {} were given",
            i.class.name,
            args.pos.len()
        )));
    }
    let mut new = values.to_vec();
    let mut unknown = Vec::new();
    for (k, v) in args.kw {
        match fields.iter().position(|f| *f == k) {
            Some(j) => new[j] = v,
            None => unknown.push(Value::Str(k)),
        }
    }
    if !unknown.is_empty() {
        return Err(PyErr::value_error(format!(
            "Got unexpected field names: {}",
            text::repr(vm, &Value::list(unknown))?
        )));
    }
    Ok(instance(&i.class, Value::tuple(new)))
}

/// `nt_count`, one level deeper (see [`rc::nested`]).
fn nt_count(vm: &Vm, args: Args) -> PyResult<Value> {
    rc::nested(|| nt_count_body(vm, args))
}

fn nt_count_body(vm: &Vm, args: Args) -> PyResult<Value> {
    let (_, _, values) = nt_self(&args)?;
    let x = args.pos.get(1).cloned().unwrap_or(Value::None);
    let mut n = 0;
    for v in values.iter() {
        if equal(vm, v, &x)? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

/// `nt_index`, one level deeper (see [`rc::nested`]).
fn nt_index(vm: &Vm, args: Args) -> PyResult<Value> {
    rc::nested(|| nt_index_body(vm, args))
}

fn nt_index_body(vm: &Vm, args: Args) -> PyResult<Value> {
    let (_, _, values) = nt_self(&args)?;
    let x = args.pos.get(1).cloned().unwrap_or(Value::None);
    for (k, v) in values.iter().enumerate() {
        if equal(vm, v, &x)? {
            return Ok(Value::Int(k as i64));
        }
    }
    Err(PyErr::value_error("tuple.index(x): x not in tuple"))
}

// ============================================================================ the module

pub(super) fn module() -> Value {
    let ns = Namespace::default();
    {
        let mut m = ns.borrow_mut();
        m.insert(Rc::from("deque"), Value::Class(deque_class()));
        for f in [Flavor::Default, Flavor::Counter, Flavor::Ordered] {
            let c = flavor_class(f);
            m.insert(c.name.clone(), Value::Class(c));
        }
        m.insert(Rc::from("namedtuple"), func("namedtuple", namedtuple));
    }
    make_module("collections", ns)
}

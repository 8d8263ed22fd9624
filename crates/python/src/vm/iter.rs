//! Iteration: `iter()` and `next()` over built-in containers, generators (resumed natively when
//! Rust code iterates them), and classes with `__iter__`/`__next__`; unpacking; async iteration.

use std::rc::Rc;

use crate::error::{PyErr, PyResult};
use crate::object::{DictView, GenKind, IterState};
use crate::types::{class_of, with_types};
use crate::value::Value;
use crate::vm::frame::Frame;
use crate::vm::{attr, Args, Vm};

fn wrap(state: IterState) -> Value {
    Value::Iter(Rc::new(std::cell::RefCell::new(state)))
}

/// `iter(v)`. `frame` is the frame asking (a `yield from` of a coroutine in an
/// `@asyncio.coroutine` is allowed there).
pub fn get_iter(vm: &Vm, v: Value, frame: &Frame) -> PyResult<Value> {
    if let Value::Gen(g) = &v {
        if g.kind != GenKind::Generator {
            let legacy = matches!(&frame.role, crate::vm::frame::Role::Awaited { coro } if coro.legacy.get())
                || matches!(&frame.role, crate::vm::frame::Role::Gen { gen, .. } if gen.legacy.get());
            if legacy {
                return Ok(v);
            }
        }
    }
    if let Value::Native(_) = &v {
        let legacy =
            matches!(&frame.role, crate::vm::frame::Role::Awaited { coro } if coro.legacy.get());
        if legacy {
            return Ok(v);
        }
    }
    iter(vm, v)
}

/// `iter(v)` from Rust.
pub fn iter(vm: &Vm, v: Value) -> PyResult<Value> {
    Ok(match v {
        Value::List(l) => wrap(IterState::List(l, 0)),
        Value::Tuple(t) => wrap(IterState::Tuple(t, 0)),
        Value::Range(r) => wrap(IterState::Range {
            next: r.start,
            left: r.len(),
            step: r.step,
        }),
        Value::Str(s) => wrap(IterState::Str(s, 0)),
        Value::Dict(d) => {
            let n = d.borrow().len();
            wrap(IterState::Dict(d, 0, n, DictView::Keys))
        }
        Value::Set(s) => {
            let items: Vec<Value> = s.borrow().keys().cloned().collect();
            wrap(IterState::Values(items.into_iter()))
        }
        Value::FrozenSet(s) => {
            let items: Vec<Value> = s.keys().cloned().collect();
            wrap(IterState::Values(items.into_iter()))
        }
        Value::Iter(_) => v,
        Value::Gen(ref g) if g.kind == GenKind::Generator => v,
        Value::Instance(ref i) => match i.class.lookup("__iter__") {
            Some(m) => {
                let it = vm.call(&m, Args::new(vec![v.clone()]))?;
                let has_next = matches!(it, Value::Iter(_) | Value::Gen(_))
                    || class_of(&it).lookup("__next__").is_some();
                if !has_next {
                    return Err(PyErr::type_error(format!(
                        "iter() returned non-iterator of type '{}'",
                        crate::object::type_name(&it)
                    )));
                }
                it
            }
            None if i.class.lookup("__getitem__").is_some() => {
                // The old sequence protocol: __getitem__(0), (1), … until IndexError.
                let mut items = Vec::new();
                let getitem = i.class.lookup("__getitem__").unwrap_or(Value::None);
                for k in 0.. {
                    match vm.call(&getitem, Args::new(vec![v.clone(), Value::Int(k)])) {
                        Ok(x) => items.push(x),
                        Err(e) if e.is(&with_types(|t| t.index_error.clone())) => break,
                        Err(e) => return Err(e),
                    }
                }
                wrap(IterState::Values(items.into_iter()))
            }
            None => return Err(not_iterable(&v)),
        },
        Value::Native(ref n) if n.class().lookup("__iter__").is_some() => {
            let m = n.class().lookup("__iter__").unwrap_or(Value::None);
            vm.call(&m, Args::new(vec![v.clone()]))?
        }
        other => return Err(not_iterable(&other)),
    })
}

fn not_iterable(v: &Value) -> PyErr {
    PyErr::type_error(format!(
        "'{}' object is not iterable",
        crate::object::type_name(v)
    ))
}

/// `next(it)`: `None` when exhausted.
pub fn next(vm: &Vm, it: &Value) -> PyResult<Option<Value>> {
    match it {
        Value::Iter(state) => next_builtin(vm, state),
        Value::Gen(g) if g.kind == GenKind::Generator => vm.gen_next(g, Value::None),
        other => {
            let Some(m) = class_of(other).lookup("__next__") else {
                return Err(PyErr::type_error(format!(
                    "'{}' object is not an iterator",
                    crate::object::type_name(other)
                )));
            };
            match vm.call(&m, Args::new(vec![other.clone()])) {
                Ok(v) => Ok(Some(v)),
                Err(e) if e.is(&with_types(|t| t.stop_iteration.clone())) => Ok(None),
                Err(e) => Err(e),
            }
        }
    }
}

fn next_builtin(vm: &Vm, state: &std::cell::RefCell<IterState>) -> PyResult<Option<Value>> {
    let mut s = state.borrow_mut();
    let out = match &mut *s {
        IterState::List(l, i) => {
            let item = l.borrow().get(*i).cloned();
            *i += 1;
            item
        }
        IterState::Tuple(t, i) => {
            let item = t.get(*i).cloned();
            *i += 1;
            item
        }
        IterState::Range { next, left, step } => {
            if *left <= 0 {
                None
            } else {
                let v = *next;
                *left -= 1;
                *next = next.wrapping_add(*step);
                Some(Value::Int(v))
            }
        }
        IterState::Str(text, pos) => match text[*pos..].chars().next() {
            Some(c) => {
                *pos += c.len_utf8();
                Some(Value::from(c.to_string()))
            }
            None => None,
        },
        IterState::Dict(d, slot, size, view) => {
            let d2 = d.borrow();
            if d2.len() != *size {
                return Err(PyErr::runtime_error(
                    "dictionary changed size during iteration",
                ));
            }
            let mut found = None;
            while let Some(entry) = d2.slot(*slot) {
                *slot += 1;
                if let Some((k, v)) = entry {
                    found = Some(match view {
                        DictView::Keys => k.clone(),
                        DictView::Values => v.clone(),
                        DictView::Items => Value::tuple(vec![k.clone(), v.clone()]),
                    });
                    break;
                }
            }
            found
        }
        IterState::Values(items) => items.next(),
        IterState::Exhausted => None,
        // Iterators that call back into Python: release the borrow first.
        _ => {
            let taken = std::mem::replace(&mut *s, IterState::Exhausted);
            drop(s);
            let (result, back) = next_calling(vm, taken)?;
            *state.borrow_mut() = back;
            return Ok(result);
        }
    };
    if out.is_none() {
        *s = IterState::Exhausted;
    }
    Ok(out)
}

/// `next` for iterators whose step runs Python code (`map`, `filter`, `zip`, `enumerate` over a
/// generator): the state is taken out while it runs and put back after.
fn next_calling(vm: &Vm, state: IterState) -> PyResult<(Option<Value>, IterState)> {
    Ok(match state {
        IterState::Enumerate(inner, i) => match next(vm, &inner)? {
            Some(v) => (
                Some(Value::tuple(vec![Value::Int(i), v])),
                IterState::Enumerate(inner, i + 1),
            ),
            None => (None, IterState::Exhausted),
        },
        IterState::Zip(iters) => {
            let mut items = Vec::with_capacity(iters.len());
            for it in &iters {
                match next(vm, it)? {
                    Some(v) => items.push(v),
                    None => return Ok((None, IterState::Exhausted)),
                }
            }
            if items.is_empty() {
                (None, IterState::Exhausted)
            } else {
                (Some(Value::tuple(items)), IterState::Zip(iters))
            }
        }
        IterState::Map(func, iters) => {
            let mut args = Vec::with_capacity(iters.len());
            for it in &iters {
                match next(vm, it)? {
                    Some(v) => args.push(v),
                    None => return Ok((None, IterState::Exhausted)),
                }
            }
            let v = vm.call(&func, Args::new(args))?;
            (Some(v), IterState::Map(func, iters))
        }
        IterState::Filter(func, inner) => loop {
            match next(vm, &inner)? {
                Some(v) => {
                    let keep = if func.is_none() {
                        vm.truthy(&v)?
                    } else {
                        let r = vm.call(&func, Args::new(vec![v.clone()]))?;
                        vm.truthy(&r)?
                    };
                    if keep {
                        break (Some(v), IterState::Filter(func, inner));
                    }
                }
                None => break (None, IterState::Exhausted),
            }
        },
        IterState::CallUntil(func, sentinel) => {
            let v = vm.call(&func, Args::default())?;
            if crate::vm::ops::eq(vm, &v, &sentinel)? {
                (None, IterState::Exhausted)
            } else {
                (Some(v), IterState::CallUntil(func, sentinel))
            }
        }
        other => (None, other),
    })
}

/// Every item of an iterable.
pub fn collect(vm: &Vm, v: &Value) -> PyResult<Vec<Value>> {
    match v {
        Value::List(l) => return Ok(l.borrow().clone()),
        Value::Tuple(t) => return Ok(t.to_vec()),
        _ => {}
    }
    let it = iter(vm, v.clone())?;
    let mut out = Vec::new();
    while let Some(x) = next(vm, &it)? {
        out.push(x);
        // Long collections are work too: they meet the step and freeze limits.
        vm.tick()?;
        if out.len() > 50_000_000 {
            return Err(PyErr::new(
                &with_types(|t| t.memory_error.clone()),
                "more than 50 million items: AwaitLab stopped collecting them",
            ));
        }
    }
    Ok(out)
}

/// Unpacks `v` into exactly `n` items, or (`after` given) `n` items, a list of the middle, and
/// `after` items — in order.
pub fn unpack(vm: &Vm, v: &Value, n: usize, after: Option<usize>) -> PyResult<Vec<Value>> {
    let items = collect(vm, v).map_err(|e| {
        if e.is(&with_types(|t| t.type_error.clone())) {
            PyErr::type_error(format!(
                "cannot unpack non-iterable {} object",
                crate::object::type_name(v)
            ))
        } else {
            e
        }
    })?;
    match after {
        None => {
            if items.len() < n {
                return Err(PyErr::value_error(format!(
                    "not enough values to unpack (expected {n}, got {})",
                    items.len()
                )));
            }
            if items.len() > n {
                return Err(PyErr::value_error(format!(
                    "too many values to unpack (expected {n})"
                )));
            }
            Ok(items)
        }
        Some(after) => {
            if items.len() < n + after {
                return Err(PyErr::value_error(format!(
                    "not enough values to unpack (expected at least {}, got {})",
                    n + after,
                    items.len()
                )));
            }
            let mut items = items;
            let tail = items.split_off(items.len() - after);
            let middle = items.split_off(n);
            items.push(Value::list(middle));
            items.extend(tail);
            Ok(items)
        }
    }
}

/// `aiter(v)` for `async for`.
pub fn get_aiter(vm: &Vm, v: Value) -> PyResult<Value> {
    if let Value::Gen(g) = &v {
        if g.kind == GenKind::AsyncGenerator {
            return Ok(v);
        }
    }
    match class_of(&v).lookup("__aiter__") {
        Some(m) => vm.call(&m, Args::new(vec![v.clone()])),
        None => Err(PyErr::type_error(format!(
            "'async for' requires an object with __aiter__ method, got {}",
            crate::object::type_name(&v)
        ))),
    }
}

/// The awaitable of one step of `async for` (`it.__anext__()`).
pub fn anext_awaitable(vm: &Vm, it: &Value) -> PyResult<Value> {
    if let Value::Gen(g) = it {
        if g.kind == GenKind::AsyncGenerator {
            return Ok(it.clone());
        }
    }
    let v = attr::getattr(vm, it, "__anext__").map_err(|_| {
        PyErr::type_error(format!(
            "'async for' received an object from __aiter__ that does not implement __anext__: {}",
            crate::object::type_name(it)
        ))
    })?;
    vm.call(&v, Args::default())
}

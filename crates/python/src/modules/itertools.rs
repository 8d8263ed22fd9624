//! `itertools`: CPython's lazy iterators as native objects with `__iter__`/`__next__`, so an
//! infinite `count()` in a `for … break` loop produces one item per step. Each iterator's state
//! is taken out of its cell while a step runs (a step may call back into Python: a predicate, a
//! key function, another iterator), so re-entering it finds it exhausted instead of panicking.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use super::make_module;
use crate::ast::{BinOp, CmpOp};
use crate::builtins::{add_methods, func, NativeFn};
use crate::error::{PyErr, PyResult};
use crate::object::{Class, Namespace, Native};
use crate::types::with_types;
use crate::value::Value;
use crate::vm::{iter, ops, text, Args, Vm};

/// Most tuples `product` (pools × `repeat`) or `tee` may set up: past it, a `MemoryError`
/// instead of an allocation the page cannot hold.
const MAX_POOLS: usize = 1_000_000;

/// The iterator kinds, each a class of its own (`<class 'itertools.count'>`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Count,
    Cycle,
    Repeat,
    Chain,
    Islice,
    Accumulate,
    Product,
    Permutations,
    Combinations,
    CombinationsWithReplacement,
    GroupBy,
    Grouper,
    ZipLongest,
    TakeWhile,
    DropWhile,
    StarMap,
    FilterFalse,
    Compress,
    Pairwise,
    Tee,
}

const KINDS: [(Kind, &str); 20] = [
    (Kind::Count, "count"),
    (Kind::Cycle, "cycle"),
    (Kind::Repeat, "repeat"),
    (Kind::Chain, "chain"),
    (Kind::Islice, "islice"),
    (Kind::Accumulate, "accumulate"),
    (Kind::Product, "product"),
    (Kind::Permutations, "permutations"),
    (Kind::Combinations, "combinations"),
    (
        Kind::CombinationsWithReplacement,
        "combinations_with_replacement",
    ),
    (Kind::GroupBy, "groupby"),
    (Kind::Grouper, "_grouper"),
    (Kind::ZipLongest, "zip_longest"),
    (Kind::TakeWhile, "takewhile"),
    (Kind::DropWhile, "dropwhile"),
    (Kind::StarMap, "starmap"),
    (Kind::FilterFalse, "filterfalse"),
    (Kind::Compress, "compress"),
    (Kind::Pairwise, "pairwise"),
    (Kind::Tee, "_tee"),
];

fn constructor(kind: Kind) -> Option<crate::types::NewFn> {
    Some(match kind {
        Kind::Count => count_new,
        Kind::Cycle => cycle_new,
        Kind::Repeat => repeat_new,
        Kind::Chain => chain_new,
        Kind::Islice => islice_new,
        Kind::Accumulate => accumulate_new,
        Kind::Product => product_new,
        Kind::Permutations => permutations_new,
        Kind::Combinations => combinations_new,
        Kind::CombinationsWithReplacement => cwr_new,
        Kind::GroupBy => groupby_new,
        Kind::ZipLongest => zip_longest_new,
        Kind::TakeWhile => takewhile_new,
        Kind::DropWhile => dropwhile_new,
        Kind::StarMap => starmap_new,
        Kind::FilterFalse => filterfalse_new,
        Kind::Compress => compress_new,
        Kind::Pairwise => pairwise_new,
        Kind::Grouper | Kind::Tee => return None,
    })
}

thread_local! {
    static CLASSES: Vec<Rc<Class>> = KINDS
        .iter()
        .map(|(kind, name)| {
            let c = crate::vm::call::plain_class(name, "itertools");
            add_methods(&c, name, &[("__iter__", iter_self), ("__next__", next_item)]);
            c.new.set(constructor(*kind));
            if *kind == Kind::Chain {
                c.attrs
                    .borrow_mut()
                    .insert(Rc::from("from_iterable"), func("from_iterable", chain_from_iterable));
            }
            c
        })
        .collect();
}

fn class_of_kind(kind: Kind) -> Rc<Class> {
    let i = KINDS.iter().position(|(k, _)| *k == kind).unwrap_or(0);
    CLASSES.with(|c| c[i].clone())
}

/// One itertools iterator.
struct Itertool {
    kind: Kind,
    state: RefCell<State>,
}

/// `groupby`'s state, shared with its groups (advancing the `groupby` ends the current group).
struct GroupBy {
    it: Value,
    key: Value,
    tgtkey: Option<Value>,
    currkey: Option<Value>,
    currvalue: Option<Value>,
    /// The number of the group being iterated (0: none).
    current: u64,
    groups: u64,
}

/// `tee`'s shared buffer: items some of the copies have not seen yet.
struct TeeShared {
    it: Value,
    buffer: VecDeque<Value>,
    /// Index (in the whole stream) of `buffer[0]`.
    base: usize,
    /// Each copy's next index.
    positions: Vec<usize>,
    exhausted: bool,
}

enum State {
    Count {
        next: Value,
        step: Value,
    },
    Cycle {
        it: Option<Value>,
        saved: Vec<Value>,
        at: usize,
    },
    Repeat {
        obj: Value,
        left: Option<i64>,
    },
    Chain {
        sources: Value,
        active: Option<Value>,
    },
    Islice {
        it: Value,
        next: usize,
        stop: Option<usize>,
        step: usize,
        count: usize,
    },
    Accumulate {
        it: Value,
        func: Value,
        total: Option<Value>,
        initial: Option<Value>,
    },
    /// `product`, `permutations`, `combinations`, `combinations_with_replacement`: the pools
    /// and the indices of the last result (`None` before the first).
    Indices {
        pools: Vec<Rc<Vec<Value>>>,
        indices: Option<Vec<usize>>,
        cycles: Vec<usize>,
        r: usize,
    },
    GroupBy(Rc<RefCell<GroupBy>>),
    Grouper {
        parent: Rc<RefCell<GroupBy>>,
        tgtkey: Value,
        number: u64,
    },
    ZipLongest {
        its: Vec<Option<Value>>,
        fill: Value,
        active: usize,
    },
    TakeWhile {
        pred: Value,
        it: Value,
    },
    DropWhile {
        pred: Value,
        it: Value,
        dropping: bool,
    },
    StarMap {
        func: Value,
        it: Value,
    },
    FilterFalse {
        pred: Value,
        it: Value,
    },
    Compress {
        data: Value,
        selectors: Value,
    },
    Pairwise {
        it: Value,
        last: Option<Value>,
    },
    Tee {
        shared: Rc<RefCell<TeeShared>>,
        index: usize,
    },
    Done,
}

impl Native for Itertool {
    fn class(&self) -> Rc<Class> {
        class_of_kind(self.kind)
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }

    fn repr(&self, vm: &Vm) -> Option<String> {
        // Copies of the values, so a `__repr__` in Python never meets a borrowed state.
        let parts = match &*self.state.try_borrow().ok()? {
            State::Count { next, step } => {
                let step_is_one = matches!(step, Value::Int(1));
                Some(("count", next.clone(), (!step_is_one).then(|| step.clone())))
            }
            State::Repeat { obj, left } => {
                Some(("repeat", obj.clone(), left.map(|n| Value::Int(n.max(0)))))
            }
            _ => None,
        };
        let (name, first, second) = parts?;
        let mut out = format!("{name}({}", text::repr(vm, &first).ok()?);
        if let Some(s) = second {
            out.push_str(", ");
            out.push_str(&text::repr(vm, &s).ok()?);
        }
        out.push(')');
        Some(out)
    }
}

fn make(kind: Kind, state: State) -> Value {
    Value::Native(Rc::new(Itertool {
        kind,
        state: RefCell::new(state),
    }))
}

fn this(args: &Args) -> PyResult<Rc<dyn Native>> {
    match args.pos.first() {
        Some(Value::Native(n)) if n.as_any().is::<Itertool>() => Ok(n.clone()),
        _ => Err(PyErr::type_error("descriptor requires an itertools object")),
    }
}

fn iter_self(_vm: &Vm, args: Args) -> PyResult<Value> {
    this(&args)?;
    Ok(args.pos[0].clone())
}

fn next_item(vm: &Vm, args: Args) -> PyResult<Value> {
    let n = this(&args)?;
    let Some(it) = n.as_any().downcast_ref::<Itertool>() else {
        return Err(PyErr::type_error("descriptor requires an itertools object"));
    };
    vm.tick()?;
    let mut state = std::mem::replace(&mut *it.state.borrow_mut(), State::Done);
    let result = step(vm, it.kind, &mut state);
    match (&result, state) {
        // An exhausted iterator lets go of its inputs; `repeat` keeps its object for its repr.
        (Ok(None), State::Repeat { obj, .. }) => {
            *it.state.borrow_mut() = State::Repeat { obj, left: Some(0) }
        }
        (Ok(None), _) => {}
        (_, state) => *it.state.borrow_mut() = state,
    }
    match result? {
        Some(v) => Ok(v),
        None => Err(PyErr::stop_iteration(Value::None)),
    }
}

fn truthy_call(vm: &Vm, f: &Value, v: &Value) -> PyResult<bool> {
    let r = if f.is_none() {
        v.clone()
    } else {
        vm.call(f, Args::new(vec![v.clone()]))?
    };
    vm.truthy(&r)
}

fn equal(vm: &Vm, a: &Value, b: &Value) -> PyResult<bool> {
    if a.is(b) {
        return Ok(true);
    }
    let r = ops::compare(vm, CmpOp::Eq, a, b)?;
    vm.truthy(&r)
}

/// One step of an iterator: `Ok(None)` when it is exhausted.
fn step(vm: &Vm, kind: Kind, state: &mut State) -> PyResult<Option<Value>> {
    match state {
        State::Count { next, step } => {
            let v = next.clone();
            *next = ops::binary(vm, BinOp::Add, next, step)?;
            Ok(Some(v))
        }
        State::Cycle { it, saved, at } => {
            if let Some(source) = it {
                match iter::next(vm, source)? {
                    Some(v) => {
                        saved.push(v.clone());
                        return Ok(Some(v));
                    }
                    None => *it = None,
                }
            }
            if saved.is_empty() {
                return Ok(None);
            }
            let v = saved[*at % saved.len()].clone();
            *at = (*at + 1) % saved.len();
            Ok(Some(v))
        }
        State::Repeat { obj, left } => match left {
            None => Ok(Some(obj.clone())),
            Some(n) if *n > 0 => {
                *n -= 1;
                Ok(Some(obj.clone()))
            }
            Some(_) => Ok(None),
        },
        State::Chain { sources, active } => loop {
            vm.tick()?;
            if let Some(a) = active {
                if let Some(v) = iter::next(vm, a)? {
                    return Ok(Some(v));
                }
                *active = None;
            }
            match iter::next(vm, sources)? {
                Some(src) => *active = Some(iter::iter(vm, src)?),
                None => return Ok(None),
            }
        },
        State::Islice {
            it,
            next,
            stop,
            step,
            count,
        } => {
            while *count < *next {
                vm.tick()?;
                if iter::next(vm, it)?.is_none() {
                    return Ok(None);
                }
                *count += 1;
            }
            if stop.is_some_and(|s| *count >= s) {
                return Ok(None);
            }
            let Some(v) = iter::next(vm, it)? else {
                return Ok(None);
            };
            *count += 1;
            let old = *next;
            *next = next.saturating_add(*step);
            if let Some(s) = stop {
                if *next < old || *next > *s {
                    *next = *s;
                }
            }
            Ok(Some(v))
        }
        State::Accumulate {
            it,
            func,
            total,
            initial,
        } => {
            if let Some(first) = initial.take() {
                *total = Some(first.clone());
                return Ok(Some(first));
            }
            let Some(v) = iter::next(vm, it)? else {
                return Ok(None);
            };
            let new = match total.take() {
                None => v,
                Some(t) if func.is_none() => ops::binary(vm, BinOp::Add, &t, &v)?,
                Some(t) => vm.call(func, Args::new(vec![t, v]))?,
            };
            *total = Some(new.clone());
            Ok(Some(new))
        }
        State::Indices { .. } => Ok(state.combinatoric(kind)),
        State::GroupBy(g) => groupby_next(vm, g),
        State::Grouper {
            parent,
            tgtkey,
            number,
        } => grouper_next(vm, parent, tgtkey, *number),
        State::ZipLongest { its, fill, active } => {
            if *active == 0 || its.is_empty() {
                return Ok(None);
            }
            let mut out = Vec::with_capacity(its.len());
            for slot in its.iter_mut() {
                let item = match slot {
                    None => fill.clone(),
                    Some(it) => match iter::next(vm, it)? {
                        Some(v) => v,
                        None => {
                            *active -= 1;
                            if *active == 0 {
                                return Ok(None);
                            }
                            *slot = None;
                            fill.clone()
                        }
                    },
                };
                out.push(item);
            }
            Ok(Some(Value::tuple(out)))
        }
        State::TakeWhile { pred, it } => {
            let Some(v) = iter::next(vm, it)? else {
                return Ok(None);
            };
            if truthy_call(vm, pred, &v)? {
                Ok(Some(v))
            } else {
                Ok(None)
            }
        }
        State::DropWhile { pred, it, dropping } => loop {
            vm.tick()?;
            let Some(v) = iter::next(vm, it)? else {
                return Ok(None);
            };
            if !*dropping || !truthy_call(vm, pred, &v)? {
                *dropping = false;
                return Ok(Some(v));
            }
        },
        State::StarMap { func, it } => {
            let Some(v) = iter::next(vm, it)? else {
                return Ok(None);
            };
            let args = iter::collect(vm, &v)?;
            vm.call(func, Args::new(args)).map(Some)
        }
        State::FilterFalse { pred, it } => loop {
            vm.tick()?;
            let Some(v) = iter::next(vm, it)? else {
                return Ok(None);
            };
            if !truthy_call(vm, pred, &v)? {
                return Ok(Some(v));
            }
        },
        State::Compress { data, selectors } => loop {
            vm.tick()?;
            let Some(d) = iter::next(vm, data)? else {
                return Ok(None);
            };
            let Some(s) = iter::next(vm, selectors)? else {
                return Ok(None);
            };
            if vm.truthy(&s)? {
                return Ok(Some(d));
            }
        },
        State::Pairwise { it, last } => {
            let prev = match last.take() {
                Some(v) => v,
                None => match iter::next(vm, it)? {
                    Some(v) => v,
                    None => return Ok(None),
                },
            };
            let Some(v) = iter::next(vm, it)? else {
                return Ok(None);
            };
            *last = Some(v.clone());
            Ok(Some(Value::tuple(vec![prev, v])))
        }
        State::Tee { shared, index } => tee_next(vm, shared, *index),
        State::Done => Ok(None),
    }
}

// ----- constructors -----

fn no_kw(args: &Args, name: &str) -> PyResult<()> {
    if args.kw.is_empty() {
        Ok(())
    } else {
        Err(PyErr::type_error(format!(
            "{name}() takes no keyword arguments"
        )))
    }
}

fn expect_args(args: &Args, name: &str, min: usize, max: usize) -> PyResult<()> {
    no_kw(args, name)?;
    let n = args.pos.len();
    if n < min {
        return Err(PyErr::type_error(format!(
            "{name} expected {}{min} argument{}, got {n}",
            if min == max { "" } else { "at least " },
            if min == 1 { "" } else { "s" }
        )));
    }
    if n > max {
        return Err(PyErr::type_error(format!(
            "{name} expected {}{max} argument{}, got {n}",
            if min == max { "" } else { "at most " },
            if max == 1 { "" } else { "s" }
        )));
    }
    Ok(())
}

fn is_number(v: &Value) -> bool {
    matches!(v, Value::Int(_) | Value::Bool(_) | Value::Float(_)) || matches!(v, Value::Instance(_))
}

fn count_new(_vm: &Vm, _c: &Rc<Class>, mut args: Args) -> PyResult<Value> {
    let start = args.arg(0, "start").unwrap_or(Value::Int(0));
    let step = args.arg(1, "step").unwrap_or(Value::Int(1));
    args.no_more_kw("count")?;
    args.check_pos("count", 0, 2)?;
    if !is_number(&start) || !is_number(&step) {
        return Err(PyErr::type_error("a number is required"));
    }
    Ok(make(Kind::Count, State::Count { next: start, step }))
}

fn cycle_new(vm: &Vm, _c: &Rc<Class>, args: Args) -> PyResult<Value> {
    expect_args(&args, "cycle", 1, 1)?;
    let it = iter::iter(vm, args.pos[0].clone())?;
    Ok(make(
        Kind::Cycle,
        State::Cycle {
            it: Some(it),
            saved: Vec::new(),
            at: 0,
        },
    ))
}

fn repeat_new(_vm: &Vm, _c: &Rc<Class>, mut args: Args) -> PyResult<Value> {
    let obj = args.arg(0, "object");
    let times = args.arg(1, "times");
    args.no_more_kw("repeat")?;
    let Some(obj) = obj else {
        return Err(PyErr::type_error(
            "repeat() missing required argument 'object' (pos 1)",
        ));
    };
    if args.pos.len() > 2 {
        return Err(PyErr::type_error(format!(
            "repeat() takes at most 2 arguments ({} given)",
            args.pos.len()
        )));
    }
    let left = match times {
        None => None,
        Some(t) => Some(t.as_int_like().ok_or_else(|| {
            PyErr::type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                crate::object::type_name(&t)
            ))
        })?),
    };
    Ok(make(
        Kind::Repeat,
        State::Repeat {
            obj,
            left: left.map(|n| n.max(0)),
        },
    ))
}

fn chain_new(vm: &Vm, _c: &Rc<Class>, args: Args) -> PyResult<Value> {
    no_kw(&args, "chain")?;
    let sources = iter::iter(vm, Value::tuple(args.pos))?;
    Ok(make(
        Kind::Chain,
        State::Chain {
            sources,
            active: None,
        },
    ))
}

fn chain_from_iterable(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("from_iterable", 1, 1)?;
    let sources = iter::iter(vm, args.pos[0].clone())?;
    Ok(make(
        Kind::Chain,
        State::Chain {
            sources,
            active: None,
        },
    ))
}

/// An islice argument as CPython reads it: `None` is -1 (`stop`) or the default; anything but an
/// int is -1 too (its error is replaced by islice's own).
fn islice_arg(v: Option<&Value>, none: i64) -> i64 {
    match v {
        None | Some(Value::None) => none,
        Some(v) => v.as_int_like().unwrap_or(-1),
    }
}

fn islice_new(vm: &Vm, _c: &Rc<Class>, args: Args) -> PyResult<Value> {
    expect_args(&args, "islice", 2, 4)?;
    let stop_msg = "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
    let stop_given = |v: &Value| !v.is_none() && islice_arg(Some(v), -1) == -1;
    let (start, stop) = if args.pos.len() == 2 {
        if stop_given(&args.pos[1]) {
            return Err(PyErr::value_error(stop_msg));
        }
        (0, islice_arg(args.pos.get(1), -1))
    } else {
        let start = islice_arg(args.pos.get(1), 0);
        if stop_given(&args.pos[2]) {
            return Err(PyErr::value_error(stop_msg));
        }
        (start, islice_arg(args.pos.get(2), -1))
    };
    if start < 0 || stop < -1 {
        return Err(PyErr::value_error(
            "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.",
        ));
    }
    let step = islice_arg(args.pos.get(3), 1);
    if step < 1 {
        return Err(PyErr::value_error(
            "Step for islice() must be a positive integer or None.",
        ));
    }
    let it = iter::iter(vm, args.pos[0].clone())?;
    Ok(make(
        Kind::Islice,
        State::Islice {
            it,
            next: start as usize,
            stop: (stop >= 0).then_some(stop as usize),
            step: step as usize,
            count: 0,
        },
    ))
}

fn accumulate_new(vm: &Vm, _c: &Rc<Class>, mut args: Args) -> PyResult<Value> {
    let iterable = args.arg(0, "iterable");
    let func = args.arg(1, "func").unwrap_or(Value::None);
    let initial = args.take_kw("initial").filter(|v| !v.is_none());
    args.no_more_kw("accumulate")?;
    let Some(iterable) = iterable else {
        return Err(PyErr::type_error(
            "accumulate() missing required argument 'iterable' (pos 1)",
        ));
    };
    let it = iter::iter(vm, iterable)?;
    Ok(make(
        Kind::Accumulate,
        State::Accumulate {
            it,
            func,
            total: None,
            initial,
        },
    ))
}

fn pool(vm: &Vm, v: &Value) -> PyResult<Rc<Vec<Value>>> {
    Ok(Rc::new(iter::collect(vm, v)?))
}

fn too_many() -> PyErr {
    PyErr::new(
        &with_types(|t| t.memory_error.clone()),
        format!("itertools: more than {MAX_POOLS} pools for AwaitLab"),
    )
}

fn product_new(vm: &Vm, _c: &Rc<Class>, mut args: Args) -> PyResult<Value> {
    let repeat = match args.take_kw("repeat") {
        Some(r) => r.as_int_like().ok_or_else(|| {
            PyErr::type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                crate::object::type_name(&r)
            ))
        })?,
        None => 1,
    };
    no_kw(&args, "product")?;
    if repeat < 0 {
        return Err(PyErr::value_error("repeat argument cannot be negative"));
    }
    let repeat = repeat as usize;
    if args.pos.len().saturating_mul(repeat) > MAX_POOLS {
        return Err(too_many());
    }
    let mut base = Vec::with_capacity(args.pos.len());
    for a in &args.pos {
        base.push(pool(vm, a)?);
    }
    let mut pools = Vec::with_capacity(base.len() * repeat);
    for _ in 0..repeat {
        pools.extend(base.iter().cloned());
    }
    let r = pools.len();
    Ok(make(
        Kind::Product,
        State::Indices {
            pools,
            indices: None,
            cycles: Vec::new(),
            r,
        },
    ))
}

fn r_arg(v: Option<Value>, default: usize) -> PyResult<usize> {
    match v {
        None | Some(Value::None) => Ok(default),
        Some(v) => match v.as_int_like() {
            Some(r) if r >= 0 => Ok(r as usize),
            Some(_) => Err(PyErr::value_error("r must be non-negative")),
            None => Err(PyErr::type_error(format!(
                "Expected int as r, got {}",
                crate::object::type_name(&v)
            ))),
        },
    }
}

fn permutations_new(vm: &Vm, _c: &Rc<Class>, mut args: Args) -> PyResult<Value> {
    let iterable = args.arg(0, "iterable");
    let r = args.arg(1, "r");
    args.no_more_kw("permutations")?;
    let Some(iterable) = iterable else {
        return Err(PyErr::type_error(
            "permutations() missing required argument 'iterable' (pos 1)",
        ));
    };
    let p = pool(vm, &iterable)?;
    let r = r_arg(r, p.len())?;
    Ok(make(
        Kind::Permutations,
        State::Indices {
            pools: vec![p],
            indices: None,
            cycles: Vec::new(),
            r,
        },
    ))
}

fn combinations_kind(vm: &Vm, mut args: Args, kind: Kind, name: &str) -> PyResult<Value> {
    let iterable = args.arg(0, "iterable");
    let r = args.arg(1, "r");
    args.no_more_kw(name)?;
    let (Some(iterable), Some(r)) = (iterable, r) else {
        return Err(PyErr::type_error(format!(
            "{name}() missing required argument '{}' (pos {})",
            if args.pos.is_empty() { "iterable" } else { "r" },
            if args.pos.is_empty() { 1 } else { 2 }
        )));
    };
    let p = pool(vm, &iterable)?;
    let r = r_arg(Some(r), 0)?;
    Ok(make(
        kind,
        State::Indices {
            pools: vec![p],
            indices: None,
            cycles: Vec::new(),
            r,
        },
    ))
}

fn combinations_new(vm: &Vm, _c: &Rc<Class>, args: Args) -> PyResult<Value> {
    combinations_kind(vm, args, Kind::Combinations, "combinations")
}

fn cwr_new(vm: &Vm, _c: &Rc<Class>, args: Args) -> PyResult<Value> {
    combinations_kind(
        vm,
        args,
        Kind::CombinationsWithReplacement,
        "combinations_with_replacement",
    )
}

fn groupby_new(vm: &Vm, _c: &Rc<Class>, mut args: Args) -> PyResult<Value> {
    let iterable = args.arg(0, "iterable");
    let key = args.arg(1, "key").unwrap_or(Value::None);
    args.no_more_kw("groupby")?;
    let Some(iterable) = iterable else {
        return Err(PyErr::type_error(
            "groupby() missing required argument 'iterable' (pos 1)",
        ));
    };
    let it = iter::iter(vm, iterable)?;
    Ok(make(
        Kind::GroupBy,
        State::GroupBy(Rc::new(RefCell::new(GroupBy {
            it,
            key,
            tgtkey: None,
            currkey: None,
            currvalue: None,
            current: 0,
            groups: 0,
        }))),
    ))
}

fn zip_longest_new(vm: &Vm, _c: &Rc<Class>, mut args: Args) -> PyResult<Value> {
    let fill = args.take_kw("fillvalue").unwrap_or(Value::None);
    if !args.kw.is_empty() {
        return Err(PyErr::type_error(
            "zip_longest() got an unexpected keyword argument",
        ));
    }
    let mut its = Vec::with_capacity(args.pos.len());
    for a in args.pos {
        its.push(Some(iter::iter(vm, a)?));
    }
    let active = its.len();
    Ok(make(
        Kind::ZipLongest,
        State::ZipLongest { its, fill, active },
    ))
}

fn pred_and_iter(vm: &Vm, args: &Args, name: &str) -> PyResult<(Value, Value)> {
    expect_args(args, name, 2, 2)?;
    Ok((args.pos[0].clone(), iter::iter(vm, args.pos[1].clone())?))
}

fn takewhile_new(vm: &Vm, _c: &Rc<Class>, args: Args) -> PyResult<Value> {
    let (pred, it) = pred_and_iter(vm, &args, "takewhile")?;
    Ok(make(Kind::TakeWhile, State::TakeWhile { pred, it }))
}

fn dropwhile_new(vm: &Vm, _c: &Rc<Class>, args: Args) -> PyResult<Value> {
    let (pred, it) = pred_and_iter(vm, &args, "dropwhile")?;
    Ok(make(
        Kind::DropWhile,
        State::DropWhile {
            pred,
            it,
            dropping: true,
        },
    ))
}

fn starmap_new(vm: &Vm, _c: &Rc<Class>, args: Args) -> PyResult<Value> {
    let (func, it) = pred_and_iter(vm, &args, "starmap")?;
    Ok(make(Kind::StarMap, State::StarMap { func, it }))
}

fn filterfalse_new(vm: &Vm, _c: &Rc<Class>, args: Args) -> PyResult<Value> {
    let (pred, it) = pred_and_iter(vm, &args, "filterfalse")?;
    Ok(make(Kind::FilterFalse, State::FilterFalse { pred, it }))
}

fn compress_new(vm: &Vm, _c: &Rc<Class>, mut args: Args) -> PyResult<Value> {
    let data = args.arg(0, "data");
    let selectors = args.arg(1, "selectors");
    args.no_more_kw("compress")?;
    let (Some(data), Some(selectors)) = (data, selectors) else {
        return Err(PyErr::type_error(format!(
            "compress() missing required argument '{}' (pos {})",
            if args.pos.is_empty() {
                "data"
            } else {
                "selectors"
            },
            if args.pos.is_empty() { 1 } else { 2 }
        )));
    };
    Ok(make(
        Kind::Compress,
        State::Compress {
            data: iter::iter(vm, data)?,
            selectors: iter::iter(vm, selectors)?,
        },
    ))
}

fn pairwise_new(vm: &Vm, _c: &Rc<Class>, args: Args) -> PyResult<Value> {
    expect_args(&args, "pairwise", 1, 1)?;
    Ok(make(
        Kind::Pairwise,
        State::Pairwise {
            it: iter::iter(vm, args.pos[0].clone())?,
            last: None,
        },
    ))
}

fn tee(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("tee", 1, 2)?;
    let n = match args.pos.get(1) {
        Some(v) => v.as_int_like().ok_or_else(|| {
            PyErr::type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                crate::object::type_name(v)
            ))
        })?,
        None => 2,
    };
    if n < 0 {
        return Err(PyErr::value_error("n must be >= 0"));
    }
    if n as usize > MAX_POOLS {
        return Err(too_many());
    }
    let it = iter::iter(vm, args.pos[0].clone())?;
    let shared = Rc::new(RefCell::new(TeeShared {
        it,
        buffer: VecDeque::new(),
        base: 0,
        positions: vec![0; n as usize],
        exhausted: false,
    }));
    let copies = (0..n as usize)
        .map(|index| {
            make(
                Kind::Tee,
                State::Tee {
                    shared: shared.clone(),
                    index,
                },
            )
        })
        .collect();
    Ok(Value::tuple(copies))
}

// ----- combinatorics (the algorithms of the itertools documentation) -----

impl State {
    fn combinatoric(&mut self, kind: Kind) -> Option<Value> {
        let State::Indices {
            pools,
            indices,
            cycles,
            r,
        } = self
        else {
            return None;
        };
        let r = *r;
        let pick = |pools: &[Rc<Vec<Value>>], idx: &[usize], per_pool: bool| -> Value {
            Value::tuple(
                idx.iter()
                    .enumerate()
                    .map(|(i, &j)| pools[if per_pool { i } else { 0 }][j].clone())
                    .collect(),
            )
        };
        match kind {
            Kind::Product => {
                match indices {
                    None => {
                        if pools.iter().any(|p| p.is_empty()) {
                            return None;
                        }
                        *indices = Some(vec![0; r]);
                    }
                    Some(idx) => {
                        let mut i = r;
                        loop {
                            if i == 0 {
                                return None;
                            }
                            i -= 1;
                            idx[i] += 1;
                            if idx[i] < pools[i].len() {
                                break;
                            }
                            idx[i] = 0;
                        }
                    }
                }
                indices.as_ref().map(|idx| pick(pools, idx, true))
            }
            Kind::Permutations => {
                let n = pools[0].len();
                if r > n {
                    return None;
                }
                match indices {
                    None => {
                        *indices = Some((0..n).collect());
                        *cycles = (n - r + 1..=n).rev().collect();
                    }
                    Some(idx) => {
                        let mut i = r;
                        loop {
                            if i == 0 {
                                return None;
                            }
                            i -= 1;
                            cycles[i] -= 1;
                            if cycles[i] == 0 {
                                let moved = idx.remove(i);
                                idx.push(moved);
                                cycles[i] = n - i;
                            } else {
                                let j = cycles[i];
                                idx.swap(i, n - j);
                                break;
                            }
                        }
                    }
                }
                indices.as_ref().map(|idx| pick(pools, &idx[..r], false))
            }
            Kind::Combinations => {
                let n = pools[0].len();
                if r > n {
                    return None;
                }
                match indices {
                    None => *indices = Some((0..r).collect()),
                    Some(idx) => {
                        let mut i = r;
                        loop {
                            if i == 0 {
                                return None;
                            }
                            i -= 1;
                            if idx[i] != i + n - r {
                                break;
                            }
                        }
                        idx[i] += 1;
                        for j in i + 1..r {
                            idx[j] = idx[j - 1] + 1;
                        }
                    }
                }
                indices.as_ref().map(|idx| pick(pools, idx, false))
            }
            _ => {
                // combinations_with_replacement
                let n = pools[0].len();
                if n == 0 && r > 0 {
                    return None;
                }
                match indices {
                    None => *indices = Some(vec![0; r]),
                    Some(idx) => {
                        let mut i = r;
                        loop {
                            if i == 0 {
                                return None;
                            }
                            i -= 1;
                            if idx[i] != n - 1 {
                                break;
                            }
                        }
                        let v = idx[i] + 1;
                        for x in idx[i..].iter_mut() {
                            *x = v;
                        }
                    }
                }
                indices.as_ref().map(|idx| pick(pools, idx, false))
            }
        }
    }
}

// ----- groupby (CPython's Modules/itertoolsmodule.c, step for step) -----

/// Reads the next item and its key into the shared state; `false` when the input is exhausted.
fn groupby_step(vm: &Vm, g: &RefCell<GroupBy>) -> PyResult<bool> {
    let (it, key) = {
        let g = g.borrow();
        (g.it.clone(), g.key.clone())
    };
    let Some(v) = iter::next(vm, &it)? else {
        return Ok(false);
    };
    let k = if key.is_none() {
        v.clone()
    } else {
        vm.call(&key, Args::new(vec![v.clone()]))?
    };
    let mut g = g.borrow_mut();
    g.currvalue = Some(v);
    g.currkey = Some(k);
    Ok(true)
}

fn groupby_next(vm: &Vm, g: &Rc<RefCell<GroupBy>>) -> PyResult<Option<Value>> {
    g.borrow_mut().current = 0;
    loop {
        let (tgt, curr) = {
            let b = g.borrow();
            (b.tgtkey.clone(), b.currkey.clone())
        };
        match (tgt, curr) {
            (_, None) => {}
            (None, Some(_)) => break,
            (Some(t), Some(c)) => {
                if !equal(vm, &t, &c)? {
                    break;
                }
            }
        }
        if !groupby_step(vm, g)? {
            return Ok(None);
        }
    }
    let mut b = g.borrow_mut();
    let key = b.currkey.clone().unwrap_or(Value::None);
    b.tgtkey = Some(key.clone());
    b.groups += 1;
    let number = b.groups;
    b.current = number;
    drop(b);
    let grouper = make(
        Kind::Grouper,
        State::Grouper {
            parent: g.clone(),
            tgtkey: key.clone(),
            number,
        },
    );
    Ok(Some(Value::tuple(vec![key, grouper])))
}

fn grouper_next(
    vm: &Vm,
    g: &Rc<RefCell<GroupBy>>,
    tgtkey: &Value,
    number: u64,
) -> PyResult<Option<Value>> {
    if g.borrow().current != number {
        return Ok(None);
    }
    if g.borrow().currvalue.is_none() && !groupby_step(vm, g)? {
        return Ok(None);
    }
    let curr = g.borrow().currkey.clone().unwrap_or(Value::None);
    if !equal(vm, tgtkey, &curr)? {
        return Ok(None);
    }
    let mut b = g.borrow_mut();
    b.currkey = None;
    Ok(b.currvalue.take())
}

// ----- tee -----

fn tee_next(vm: &Vm, shared: &Rc<RefCell<TeeShared>>, index: usize) -> PyResult<Option<Value>> {
    let (pos, base, len, it, exhausted) = {
        let s = shared.borrow();
        (
            s.positions[index],
            s.base,
            s.buffer.len(),
            s.it.clone(),
            s.exhausted,
        )
    };
    let v = if pos < base + len {
        shared.borrow().buffer[pos - base].clone()
    } else {
        if exhausted {
            return Ok(None);
        }
        match iter::next(vm, &it)? {
            Some(v) => {
                let mut s = shared.borrow_mut();
                if s.buffer.len() >= 50_000_000 {
                    return Err(PyErr::new(
                        &with_types(|t| t.memory_error.clone()),
                        "tee buffer past 50 million items: AwaitLab stopped it",
                    ));
                }
                s.buffer.push_back(v.clone());
                v
            }
            None => {
                shared.borrow_mut().exhausted = true;
                return Ok(None);
            }
        }
    };
    let mut s = shared.borrow_mut();
    s.positions[index] = pos + 1;
    let lowest = s.positions.iter().copied().min().unwrap_or(0);
    while s.base < lowest && !s.buffer.is_empty() {
        s.buffer.pop_front();
        s.base += 1;
    }
    Ok(Some(v))
}

// ----- the module -----

pub(super) fn module() -> Value {
    let ns = Namespace::default();
    {
        let mut m = ns.borrow_mut();
        for (kind, name) in KINDS {
            if !matches!(kind, Kind::Grouper | Kind::Tee) {
                m.insert(Rc::from(name), Value::Class(class_of_kind(kind)));
            }
        }
        let fns: &[(&str, NativeFn)] = &[("tee", tee)];
        for (name, f) in fns {
            m.insert(Rc::from(*name), func(name, *f));
        }
    }
    make_module("itertools", ns)
}

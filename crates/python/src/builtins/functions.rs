//! Built-in functions: `print`, `len`, `sorted`, `min`/`max`, `sum`, `round`, `isinstance`…

use std::cell::Cell;
use std::rc::Rc;

use super::{control, func, int_arg};
use crate::ast::{BinOp, CmpOp};
use crate::dict::py_hash;
use crate::error::{PyErr, PyResult};
use crate::object::{BoundMethod, Class, GenKind, GenState, IterState, Namespace};
use crate::text as t;
use crate::types::{class_of, isinstance, with_types};
use crate::value::Value;
use crate::vm::frame::{Resume, Role};
use crate::vm::ops::{self, text_err};
use crate::vm::{attr, iter, take_frame, text, Args, Control, Vm};

pub(super) fn install(ns: &Namespace) {
    let plain: &[(&str, crate::builtins::NativeFn)] = &[
        ("print", print),
        ("len", len),
        ("repr", repr),
        ("ascii", ascii),
        ("abs", abs),
        ("min", min),
        ("max", max),
        ("sum", sum),
        ("sorted", sorted),
        ("iter", iter_fn),
        ("round", round),
        ("ord", ord),
        ("chr", chr),
        ("hasattr", hasattr),
        ("getattr", getattr),
        ("setattr", setattr),
        ("delattr", delattr),
        ("id", id),
        ("hash", hash),
        ("any", any),
        ("all", all),
        ("divmod", divmod),
        ("pow", pow),
        ("isinstance", isinstance_fn),
        ("issubclass", issubclass),
        ("callable", callable),
        ("format", format),
        ("hex", hex),
        ("oct", oct),
        ("bin", bin),
        ("input", input),
        ("open", super::files::open),
        ("vars", vars),
        ("dir", dir),
        ("exit", exit),
        ("quit", exit),
        ("globals", globals),
        ("locals", globals),
        ("aiter", aiter),
    ];
    let mut ns = ns.borrow_mut();
    for (name, f) in plain {
        ns.insert(Rc::from(*name), func(name, *f));
    }
    ns.insert(Rc::from("next"), control("next", next));
    ns.insert(Rc::from("anext"), func("anext", anext));
}

fn print(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let sep = args.take_kw("sep");
    let end = args.take_kw("end");
    let file = args.take_kw("file");
    let _flush = args.take_kw("flush");
    args.no_more_kw("print")?;
    let text_of = |v: Option<Value>, default: &str, what: &str| -> PyResult<String> {
        match v {
            None | Some(Value::None) => Ok(default.to_string()),
            Some(Value::Str(s)) => Ok(s.to_string()),
            Some(other) => Err(PyErr::type_error(format!(
                "{what} must be None or a string, not {}",
                crate::object::type_name(&other)
            ))),
        }
    };
    let sep = text_of(sep, " ", "sep")?;
    let end = text_of(end, "\n", "end")?;
    let mut out = String::new();
    for (i, a) in args.pos.iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        out.push_str(&text::str(vm, a)?);
    }
    out.push_str(&end);
    match file {
        None | Some(Value::None) => vm.write_out(&out),
        Some(f) => {
            if crate::modules::sys::is_stderr(&f) {
                vm.write_err(&out);
            } else if crate::modules::sys::is_stdout(&f) {
                vm.write_out(&out);
            } else {
                let write = attr::getattr(vm, &f, "write")?;
                vm.call(&write, Args::new(vec![Value::from(out)]))?;
            }
        }
    }
    Ok(Value::None)
}

/// `len(v)`.
pub fn length(vm: &Vm, v: &Value) -> PyResult<i64> {
    Ok(match v {
        Value::Str(s) => {
            if s.is_ascii() {
                s.len() as i64
            } else {
                s.chars().count() as i64
            }
        }
        Value::List(l) => l.borrow().len() as i64,
        Value::Tuple(t) => t.len() as i64,
        Value::Dict(d) => d.borrow().len() as i64,
        Value::Set(s) => s.borrow().len() as i64,
        Value::FrozenSet(s) => s.len() as i64,
        Value::Range(r) => r.len(),
        other => match class_of(other).lookup("__len__") {
            Some(m) => {
                let r = vm.call(&m, Args::new(vec![other.clone()]))?;
                r.as_int_like().ok_or_else(|| {
                    PyErr::type_error(format!(
                        "'{}' object cannot be interpreted as an integer",
                        crate::object::type_name(&r)
                    ))
                })?
            }
            None => {
                return Err(PyErr::type_error(format!(
                    "object of type '{}' has no len()",
                    crate::object::type_name(other)
                )))
            }
        },
    })
}

fn len(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("len", 1, 1)?;
    Ok(Value::Int(length(vm, &args.pos[0])?))
}

fn repr(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("repr", 1, 1)?;
    Ok(Value::from(text::repr(vm, &args.pos[0])?))
}

fn ascii(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("ascii", 1, 1)?;
    Ok(Value::from(t::ascii_escape(&text::repr(vm, &args.pos[0])?)))
}

fn abs(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("abs", 1, 1)?;
    Ok(match &args.pos[0] {
        Value::Int(i) => match i.checked_abs() {
            Some(a) => Value::Int(a),
            None => Value::from_big(crate::bigint::BigInt::from_i128((*i as i128).abs())),
        },
        Value::BigInt(b) => Value::from_big(b.abs()),
        Value::Bool(b) => Value::Int(*b as i64),
        Value::Float(x) => Value::Float(x.abs()),
        other => match class_of(other).lookup("__abs__") {
            Some(m) => vm.call(&m, Args::new(vec![other.clone()]))?,
            None => {
                return Err(PyErr::type_error(format!(
                    "bad operand type for abs(): '{}'",
                    crate::object::type_name(other)
                )))
            }
        },
    })
}

/// Sorts values by `keys` (compared with `<`), stably; the first comparison error wins.
pub fn sort_values(
    vm: &Vm,
    items: &mut Vec<Value>,
    key: Option<&Value>,
    reverse: bool,
) -> PyResult<()> {
    let keys: Vec<Value> = match key {
        Some(k) if !k.is_none() => items
            .iter()
            .map(|x| vm.call(k, Args::new(vec![x.clone()])))
            .collect::<PyResult<_>>()?,
        _ => items.clone(),
    };
    let mut order: Vec<usize> = (0..items.len()).collect();
    let failure: Cell<Option<PyErr>> = Cell::new(None);
    let less = |a: &Value, b: &Value| -> bool {
        let prev = failure.take();
        if prev.is_some() {
            failure.set(prev);
            return false;
        }
        match ops::compare(vm, CmpOp::Lt, a, b).and_then(|r| vm.truthy(&r)) {
            Ok(b) => b,
            Err(e) => {
                failure.set(Some(e));
                false
            }
        }
    };
    order.sort_by(|&i, &j| {
        let (a, b) = (&keys[i], &keys[j]);
        let (a, b) = if reverse { (b, a) } else { (a, b) };
        if less(a, b) {
            std::cmp::Ordering::Less
        } else if less(b, a) {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    });
    if let Some(e) = failure.take() {
        return Err(e);
    }
    let sorted: Vec<Value> = order.into_iter().map(|i| items[i].clone()).collect();
    *items = sorted;
    Ok(())
}

fn sorted(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let key = args.take_kw("key");
    let reverse = args.take_kw("reverse");
    args.check("sorted", 1, 1)?;
    let reverse = match reverse {
        Some(r) => vm.truthy(&r)?,
        None => false,
    };
    let mut items = iter::collect(vm, &args.pos[0])?;
    sort_values(vm, &mut items, key.as_ref(), reverse)?;
    Ok(Value::list(items))
}

fn extreme(vm: &Vm, mut args: Args, name: &str, op: CmpOp) -> PyResult<Value> {
    let key = args.take_kw("key");
    let default = args.take_kw("default");
    args.no_more_kw(name)?;
    let items = match args.pos.len() {
        0 => {
            return Err(PyErr::type_error(format!(
                "{name} expected at least 1 argument, got 0"
            )))
        }
        1 => iter::collect(vm, &args.pos[0])?,
        _ => {
            if default.is_some() {
                return Err(PyErr::type_error(format!(
                    "Cannot specify a default for {name}() with multiple positional arguments"
                )));
            }
            args.pos
        }
    };
    let mut best: Option<(Value, Value)> = None;
    for x in items {
        let k = match &key {
            Some(k) if !k.is_none() => vm.call(k, Args::new(vec![x.clone()]))?,
            _ => x.clone(),
        };
        best = match best {
            None => Some((x, k)),
            Some((bx, bk)) => {
                if vm.truthy(&ops::compare(vm, op, &k, &bk)?)? {
                    Some((x, k))
                } else {
                    Some((bx, bk))
                }
            }
        };
    }
    match best {
        Some((x, _)) => Ok(x),
        None => {
            default.ok_or_else(|| PyErr::value_error(format!("{name}() arg is an empty sequence")))
        }
    }
}

fn min(vm: &Vm, args: Args) -> PyResult<Value> {
    extreme(vm, args, "min", CmpOp::Lt)
}

fn max(vm: &Vm, args: Args) -> PyResult<Value> {
    extreme(vm, args, "max", CmpOp::Gt)
}

fn sum(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let start = args.take_kw("start");
    args.check("sum", 1, 2)?;
    let mut total = start
        .or_else(|| args.pos.get(1).cloned())
        .unwrap_or(Value::Int(0));
    if total.as_str().is_some() {
        return Err(PyErr::type_error(
            "sum() can't sum strings [use ''.join(seq) instead]",
        ));
    }
    let it = iter::iter(vm, args.pos[0].clone())?;
    while let Some(x) = iter::next(vm, &it)? {
        total = match (&total, &x) {
            (Value::Int(a), Value::Int(b)) if a.checked_add(*b).is_some() => Value::Int(a + b),
            (Value::Float(a), Value::Float(b)) => Value::Float(a + b),
            _ => ops::binary(vm, BinOp::Add, &total, &x)?,
        };
    }
    Ok(total)
}

fn iter_fn(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("iter", 1, 2)?;
    if args.pos.len() == 2 {
        return Ok(Value::Iter(Rc::new(std::cell::RefCell::new(
            IterState::CallUntil(args.pos[0].clone(), args.pos[1].clone()),
        ))));
    }
    iter::iter(vm, args.pos[0].clone())
}

/// `next(it[, default])`. A generator's frame runs on the caller's stack (no nested run), unless
/// a default is given.
fn next(vm: &Vm, args: Args) -> PyResult<Control> {
    args.check("next", 1, 2)?;
    let it = &args.pos[0];
    if let (Value::Gen(g), 1) = (it, args.pos.len()) {
        if g.kind == GenKind::Generator {
            if matches!(*g.state.borrow(), GenState::Done) {
                return Err(PyErr::stop_iteration(Value::None));
            }
            let mut frame = take_frame(g, "generator")?;
            if g.started.replace(true) {
                frame.stack.push(Value::None);
            }
            frame.role = Role::Gen {
                gen: g.clone(),
                how: Resume::Next,
            };
            return Ok(Control::Frame(frame));
        }
    }
    let is_iter =
        matches!(it, Value::Iter(_) | Value::Gen(_)) || class_of(it).lookup("__next__").is_some();
    if !is_iter {
        return Err(PyErr::type_error(format!(
            "'{}' object is not an iterator",
            crate::object::type_name(it)
        )));
    }
    match iter::next(vm, it)? {
        Some(v) => Ok(Control::Value(v)),
        None => match args.pos.get(1) {
            Some(d) => Ok(Control::Value(d.clone())),
            None => Err(PyErr::stop_iteration(Value::None)),
        },
    }
}

fn round(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let nd = args.take_kw("ndigits");
    args.check("round", 1, 2)?;
    let nd = nd
        .or_else(|| args.pos.get(1).cloned())
        .filter(|v| !v.is_none());
    match (&args.pos[0], nd) {
        (Value::Float(x), None) => Ok(Value::Int(t::round_float_to_int(*x).map_err(text_err)?)),
        (Value::Float(x), Some(n)) => Ok(Value::Float(
            t::round_float(*x, int_arg(&n, "'ndigits'")?).map_err(text_err)?,
        )),
        (v @ (Value::Int(_) | Value::Bool(_)), None) => {
            Ok(Value::Int(v.as_int_like().unwrap_or(0)))
        }
        (v @ (Value::Int(_) | Value::Bool(_)), Some(n)) => Ok(Value::Int(
            t::int_round(v.as_int_like().unwrap_or(0), int_arg(&n, "'ndigits'")?)
                .map_err(text_err)?,
        )),
        (other, nd) => match class_of(other).lookup("__round__") {
            Some(m) => {
                let mut a = vec![other.clone()];
                a.extend(nd);
                vm.call(&m, Args::new(a))
            }
            None => Err(PyErr::type_error(format!(
                "type {} doesn't define __round__ method",
                crate::object::type_name(other)
            ))),
        },
    }
}

fn ord(_vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("ord", 1, 1)?;
    match &args.pos[0] {
        Value::Str(s) => {
            let mut chars = s.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Ok(Value::Int(c as i64)),
                _ => Err(PyErr::type_error(format!(
                    "ord() expected a character, but string of length {} found",
                    s.chars().count()
                ))),
            }
        }
        other => Err(PyErr::type_error(format!(
            "ord() expected string of length 1, but {} found",
            crate::object::type_name(other)
        ))),
    }
}

fn chr(_vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("chr", 1, 1)?;
    let i = int_arg(&args.pos[0], "an integer")?;
    let c = u32::try_from(i)
        .ok()
        .filter(|&c| c <= 0x10ffff)
        .ok_or_else(|| PyErr::value_error("chr() arg not in range(0x110000)"))?;
    match char::from_u32(c) {
        Some(c) => Ok(Value::from(c.to_string())),
        None => Err(PyErr::value_error(
            "chr() of a surrogate code point is not supported in AwaitLab",
        )),
    }
}

fn name_arg(v: &Value) -> PyResult<&str> {
    v.as_str().ok_or_else(|| {
        PyErr::type_error(format!(
            "attribute name must be string, not '{}'",
            crate::object::type_name(v)
        ))
    })
}

fn hasattr(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("hasattr", 2, 2)?;
    Ok(Value::Bool(attr::hasattr(
        vm,
        &args.pos[0],
        name_arg(&args.pos[1])?,
    )?))
}

fn getattr(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("getattr", 2, 3)?;
    let name = name_arg(&args.pos[1])?;
    match attr::getattr(vm, &args.pos[0], name) {
        Ok(v) => Ok(v),
        Err(e) if args.pos.len() == 3 && e.is(&with_types(|t| t.attribute_error.clone())) => {
            Ok(args.pos[2].clone())
        }
        Err(e) => Err(e),
    }
}

fn setattr(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("setattr", 3, 3)?;
    attr::setattr(
        vm,
        &args.pos[0],
        name_arg(&args.pos[1])?,
        args.pos[2].clone(),
    )?;
    Ok(Value::None)
}

fn delattr(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("delattr", 2, 2)?;
    attr::delattr(vm, &args.pos[0], name_arg(&args.pos[1])?)?;
    Ok(Value::None)
}

fn id(_vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("id", 1, 1)?;
    let v = &args.pos[0];
    Ok(Value::Int(match v.identity() {
        0 => v.as_f64().map_or(0, |x| x.to_bits() as i64 & 0xffff_ffff) + 0x1000,
        n => n as i64,
    }))
}

fn hash(_vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("hash", 1, 1)?;
    let v = &args.pos[0];
    if let Value::BigInt(b) = v {
        return Ok(Value::Int((b.hash() >> 2) as i64));
    }
    // CPython hashes small ints to themselves (and -1 to -2); programs sometimes print it.
    if let Some(i) = v.as_int_like() {
        return Ok(Value::Int(if i == -1 { -2 } else { i }));
    }
    match py_hash(v) {
        Some(h) => Ok(Value::Int((h >> 1) as i64)),
        None => Err(ops::unhashable(v)),
    }
}

fn any(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("any", 1, 1)?;
    let it = iter::iter(vm, args.pos[0].clone())?;
    while let Some(x) = iter::next(vm, &it)? {
        if vm.truthy(&x)? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn all(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("all", 1, 1)?;
    let it = iter::iter(vm, args.pos[0].clone())?;
    while let Some(x) = iter::next(vm, &it)? {
        if !vm.truthy(&x)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

fn divmod(_vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("divmod", 2, 2)?;
    let (a, b) = (&args.pos[0], &args.pos[1]);
    if matches!(a, Value::BigInt(_)) || matches!(b, Value::BigInt(_)) {
        if let (Some(_), Some(_)) = (a.as_big(), b.as_big()) {
            let q = ops::binary(_vm, BinOp::FloorDiv, a, b)?;
            let r = ops::binary(_vm, BinOp::Mod, a, b)?;
            return Ok(Value::tuple(vec![q, r]));
        }
    }
    if let (Some(x), Some(y)) = (a.as_int_like(), b.as_int_like()) {
        let (q, r) = t::int_divmod(x, y).map_err(text_err)?;
        return Ok(Value::tuple(vec![Value::Int(q), Value::Int(r)]));
    }
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => {
            let (q, r) = t::float_divmod(x, y).map_err(text_err)?;
            Ok(Value::tuple(vec![Value::Float(q), Value::Float(r)]))
        }
        _ => Err(PyErr::type_error(format!(
            "unsupported operand type(s) for divmod(): '{}' and '{}'",
            crate::object::type_name(a),
            crate::object::type_name(b)
        ))),
    }
}

fn pow(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("pow", 2, 3)?;
    if args.pos.len() == 3 {
        let (b, e, m) = (
            int_arg(&args.pos[0], "pow() 1st argument")?,
            int_arg(&args.pos[1], "pow() 2nd argument")?,
            int_arg(&args.pos[2], "pow() 3rd argument")?,
        );
        return Ok(Value::Int(t::int_pow_mod(b, e, m).map_err(text_err)?));
    }
    ops::binary(vm, BinOp::Pow, &args.pos[0], &args.pos[1])
}

fn classes_of(v: &Value, name: &str) -> PyResult<Vec<Rc<Class>>> {
    match v {
        Value::Class(c) => Ok(vec![c.clone()]),
        Value::Tuple(items) => {
            let mut out = Vec::new();
            for i in items.iter() {
                out.extend(classes_of(i, name)?);
            }
            Ok(out)
        }
        _ => Err(PyErr::type_error(format!(
            "{name}() arg 2 must be a type, a tuple of types, or a union"
        ))),
    }
}

fn isinstance_fn(_vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("isinstance", 2, 2)?;
    let classes = classes_of(&args.pos[1], "isinstance")?;
    Ok(Value::Bool(
        classes.iter().any(|c| isinstance(&args.pos[0], c)),
    ))
}

fn issubclass(_vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("issubclass", 2, 2)?;
    let Value::Class(c) = &args.pos[0] else {
        return Err(PyErr::type_error("issubclass() arg 1 must be a class"));
    };
    let classes = classes_of(&args.pos[1], "issubclass")?;
    Ok(Value::Bool(classes.iter().any(|k| c.is_subclass(k))))
}

fn callable(_vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("callable", 1, 1)?;
    let v = &args.pos[0];
    Ok(Value::Bool(match v {
        Value::Function(_) | Value::Builtin(_) | Value::Method(_) | Value::Class(_) => true,
        other => class_of(other).lookup("__call__").is_some(),
    }))
}

fn format(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("format", 1, 2)?;
    let spec = match args.pos.get(1) {
        Some(Value::Str(s)) => s.to_string(),
        Some(other) => {
            return Err(PyErr::type_error(format!(
                "format() argument 2 must be str, not {}",
                crate::object::type_name(other)
            )))
        }
        None => String::new(),
    };
    Ok(Value::from(text::format(vm, &args.pos[0], &spec)?))
}

fn radix(args: &Args, name: &str, spec: &str) -> PyResult<Value> {
    args.check(name, 1, 1)?;
    let i = args.pos[0].as_int_like().ok_or_else(|| {
        PyErr::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            crate::object::type_name(&args.pos[0])
        ))
    })?;
    Ok(Value::from(
        t::format_int(i as i128, spec).map_err(text_err)?,
    ))
}

fn hex(_vm: &Vm, args: Args) -> PyResult<Value> {
    radix(&args, "hex", "#x")
}

fn oct(_vm: &Vm, args: Args) -> PyResult<Value> {
    radix(&args, "oct", "#o")
}

fn bin(_vm: &Vm, args: Args) -> PyResult<Value> {
    radix(&args, "bin", "#b")
}

fn input(_vm: &Vm, _args: Args) -> PyResult<Value> {
    Err(PyErr::new(
        &with_types(|t| t.eof_error.clone()),
        "input() is not available in AwaitLab: programs run without a keyboard (put the value in the program)",
    ))
}

fn vars(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("vars", 0, 1)?;
    match args.pos.first() {
        Some(v) => attr::getattr(vm, v, "__dict__"),
        None => globals(vm, Args::default()),
    }
}

fn globals(vm: &Vm, _args: Args) -> PyResult<Value> {
    let mut d = crate::dict::Dict::new();
    for (k, v) in vm.main.attrs.borrow().iter() {
        let _ = d.insert(Value::Str(k.clone()), v.clone());
    }
    Ok(Value::dict(d))
}

fn dir(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("dir", 0, 1)?;
    let mut names: Vec<String> = match args.pos.first() {
        None => vm
            .main
            .attrs
            .borrow()
            .keys()
            .map(|k| k.to_string())
            .collect(),
        Some(Value::Module(m)) => m.attrs.borrow().keys().map(|k| k.to_string()).collect(),
        Some(v) => {
            let mut names: Vec<String> = Vec::new();
            if let Value::Instance(i) = v {
                names.extend(i.attrs.borrow().keys().map(|k| k.to_string()));
            }
            let class = match v {
                Value::Class(c) => c.clone(),
                other => class_of(other),
            };
            for c in class.lineage() {
                names.extend(c.attrs.borrow().keys().map(|k| k.to_string()));
            }
            names
        }
    };
    names.sort();
    names.dedup();
    Ok(Value::list(names.into_iter().map(Value::from).collect()))
}

fn exit(_vm: &Vm, args: Args) -> PyResult<Value> {
    let class = with_types(|t| t.system_exit.clone());
    Err(PyErr::with_args(&class, args.pos))
}

fn aiter(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("aiter", 1, 1)?;
    iter::get_aiter(vm, args.pos[0].clone())
}

fn anext(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("anext", 1, 1)?;
    iter::anext_awaitable(vm, &args.pos[0])
}

/// `super(cls, obj)`: a proxy whose attributes come from the classes after `cls` in `obj`'s MRO.
pub(super) fn make_super(_vm: &Vm, args: &Args) -> PyResult<Value> {
    args.check("super", 2, 2)?;
    let Value::Class(cls) = &args.pos[0] else {
        return Err(PyErr::type_error("super() argument 1 must be a type"));
    };
    let obj = args.pos[1].clone();
    let start = match &obj {
        Value::Class(c) => c.clone(),
        other => class_of(other),
    };
    if !start.is_subclass(cls) {
        return Err(PyErr::type_error(
            "super(type, obj): obj must be an instance or subtype of type",
        ));
    }
    Ok(Value::Native(Rc::new(SuperProxy {
        after: cls.clone(),
        start,
        obj,
    })))
}

struct SuperProxy {
    after: Rc<Class>,
    start: Rc<Class>,
    obj: Value,
}

thread_local! {
    static SUPER: Rc<Class> = crate::vm::call::plain_class("super", "builtins");
}

impl crate::object::Native for SuperProxy {
    fn class(&self) -> Rc<Class> {
        SUPER.with(|c| c.clone())
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }

    fn get_field(&self, name: &str) -> Option<Value> {
        let mut lineage = self
            .start
            .lineage()
            .skip_while(|c| !Rc::ptr_eq(c, &self.after));
        lineage.next();
        let found = lineage.find_map(|c| c.attrs.borrow().get(name).cloned())?;
        Some(match found {
            f @ (Value::Function(_) | Value::Builtin(_)) => Value::Method(Rc::new(BoundMethod {
                receiver: self.obj.clone(),
                func: f,
            })),
            Value::Descriptor(d) => match &*d {
                crate::object::Descriptor::ClassMethod(f) => Value::Method(Rc::new(BoundMethod {
                    receiver: Value::Class(self.start.clone()),
                    func: f.clone(),
                })),
                crate::object::Descriptor::StaticMethod(f) => f.clone(),
                _ => Value::Descriptor(d.clone()),
            },
            other => other,
        })
    }
}

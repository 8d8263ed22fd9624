//! Operators: arithmetic with Python's rules (floor division, modulo sign, int overflow as an
//! error), comparisons, containment, indexing and slicing, truth. Built-in types are handled
//! here; instances of Python classes reach their dunder methods.

use std::cell::RefCell;
use std::rc::Rc;

use crate::ast::{BinOp, CmpOp, UnaryOp};
use crate::dict::{Dict, Set};
use crate::error::{PyErr, PyResult};
use crate::object::type_name;
use crate::text as t;
use crate::types::{class_of, with_types};
use crate::value::Value;
use crate::vm::{attr, iter, Args, Vm};

/// The error for an int result past 64 bits.
pub fn int_overflow() -> PyErr {
    PyErr::overflow("integer result does not fit in 64 bits (AwaitLab's ints are 64-bit)")
}

/// Converts an error of the text library into the Python exception CPython raises.
pub fn text_err(e: t::PyErr) -> PyErr {
    match e.exc {
        t::Exc::ValueError => PyErr::value_error(e.msg),
        t::Exc::TypeError => PyErr::type_error(e.msg),
        t::Exc::ZeroDivisionError => PyErr::zero_division(e.msg),
        t::Exc::OverflowError | t::Exc::Overflow => PyErr::overflow(e.msg),
        t::Exc::MemoryError => PyErr::new(&with_types(|t| t.memory_error.clone()), e.msg),
    }
}

fn op_symbol(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "+",
        BinOp::Sub => "-",
        BinOp::Mult => "*",
        BinOp::MatMult => "@",
        BinOp::Div => "/",
        BinOp::Mod => "%",
        BinOp::Pow => "** or pow()",
        BinOp::LShift => "<<",
        BinOp::RShift => ">>",
        BinOp::BitOr => "|",
        BinOp::BitXor => "^",
        BinOp::BitAnd => "&",
        BinOp::FloorDiv => "//",
    }
}

fn dunder(op: BinOp) -> (&'static str, &'static str) {
    match op {
        BinOp::Add => ("__add__", "__radd__"),
        BinOp::Sub => ("__sub__", "__rsub__"),
        BinOp::Mult => ("__mul__", "__rmul__"),
        BinOp::MatMult => ("__matmul__", "__rmatmul__"),
        BinOp::Div => ("__truediv__", "__rtruediv__"),
        BinOp::Mod => ("__mod__", "__rmod__"),
        BinOp::Pow => ("__pow__", "__rpow__"),
        BinOp::LShift => ("__lshift__", "__rlshift__"),
        BinOp::RShift => ("__rshift__", "__rrshift__"),
        BinOp::BitOr => ("__or__", "__ror__"),
        BinOp::BitXor => ("__xor__", "__rxor__"),
        BinOp::BitAnd => ("__and__", "__rand__"),
        BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__"),
    }
}

fn unsupported(op: BinOp, a: &Value, b: &Value) -> PyErr {
    PyErr::type_error(format!(
        "unsupported operand type(s) for {}: '{}' and '{}'",
        op_symbol(op),
        type_name(a),
        type_name(b)
    ))
}

/// `a op b`.
pub fn binary(vm: &Vm, op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
    if let Some(v) = builtin_binary(vm, op, a, b)? {
        return Ok(v);
    }
    // User-defined operators: `a.__op__(b)`, then `b.__rop__(a)`.
    let (fwd, rev) = dunder(op);
    if let Value::Instance(i) = a {
        if let Some(m) = i.class.lookup(fwd) {
            let r = vm.call(&m, Args::new(vec![a.clone(), b.clone()]))?;
            if !is_not_implemented(&r) {
                return Ok(r);
            }
        }
    }
    if let Value::Instance(i) = b {
        if let Some(m) = i.class.lookup(rev) {
            let r = vm.call(&m, Args::new(vec![b.clone(), a.clone()]))?;
            if !is_not_implemented(&r) {
                return Ok(r);
            }
        }
    }
    Err(unsupported(op, a, b))
}

fn is_not_implemented(v: &Value) -> bool {
    v.is(&crate::types::not_implemented())
}

fn builtin_binary(vm: &Vm, op: BinOp, a: &Value, b: &Value) -> PyResult<Option<Value>> {
    use Value::*;
    if matches!(a, BigInt(_)) || matches!(b, BigInt(_)) {
        if let (Some(x), Some(y)) = (a.as_big(), b.as_big()) {
            return big_binary(op, &x, &y).map(Some);
        }
    }
    // Integers (bool counts as int).
    if let (Some(x), Some(y)) = (a.as_int_like(), b.as_int_like()) {
        if !(matches!(a, Bool(_)) && matches!(b, Bool(_)) && is_bitwise(op)) {
            return int_binary(op, x, y).map(Some);
        }
        let r = match op {
            BinOp::BitAnd => x & y,
            BinOp::BitOr => x | y,
            _ => x ^ y,
        };
        return Ok(Some(Bool(r != 0)));
    }
    // Floats, or a float and an int.
    if matches!(a, Float(_)) || matches!(b, Float(_)) {
        if let (Some(x), Some(y)) = (a.as_f64(), b.as_f64()) {
            return float_binary(op, x, y, a, b).map(Some);
        }
    }
    Ok(Some(match (op, a, b) {
        (BinOp::Add, Str(x), Str(y)) => {
            let mut s = String::with_capacity(x.len() + y.len());
            s.push_str(x);
            s.push_str(y);
            Value::from(s)
        }
        (BinOp::Mult, Str(s), n) | (BinOp::Mult, n, Str(s)) if n.as_int_like().is_some() => {
            let n = n.as_int_like().unwrap_or(0).max(0) as usize;
            check_size(s.len().saturating_mul(n))?;
            Value::from(s.repeat(n))
        }
        (BinOp::Mod, Str(fmt), args) => Value::from(percent(vm, fmt, args)?),
        (BinOp::Add, List(x), List(y)) => {
            let mut v = x.borrow().clone();
            v.extend(y.borrow().iter().cloned());
            Value::list(v)
        }
        (BinOp::Add, Tuple(x), Tuple(y)) => {
            let mut v = x.to_vec();
            v.extend(y.iter().cloned());
            Value::tuple(v)
        }
        (BinOp::Mult, List(l), n) | (BinOp::Mult, n, List(l)) if n.as_int_like().is_some() => {
            Value::list(repeat(&l.borrow(), n.as_int_like().unwrap_or(0))?)
        }
        (BinOp::Mult, Tuple(l), n) | (BinOp::Mult, n, Tuple(l)) if n.as_int_like().is_some() => {
            Value::tuple(repeat(l, n.as_int_like().unwrap_or(0))?)
        }
        (
            BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor,
            Set(_) | FrozenSet(_),
            Set(_) | FrozenSet(_),
        ) => set_op(op, a, b)?,
        (BinOp::BitOr, Dict(x), Dict(y)) => {
            let mut d = x.borrow().clone();
            for (k, v) in y.borrow().items() {
                dict_insert(&mut d, k.clone(), v.clone())?;
            }
            Value::dict(d)
        }
        _ => return Ok(Option::None),
    }))
}

fn is_bitwise(op: BinOp) -> bool {
    matches!(op, BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor)
}

fn check_size(n: usize) -> PyResult<()> {
    if n > 100_000_000 {
        return Err(PyErr::new(
            &with_types(|t| t.memory_error.clone()),
            "result too large for AwaitLab (more than 100 million items)",
        ));
    }
    Ok(())
}

fn repeat(items: &[Value], n: i64) -> PyResult<Vec<Value>> {
    let n = n.max(0) as usize;
    check_size(items.len().saturating_mul(n))?;
    let mut out = Vec::with_capacity(items.len() * n);
    for _ in 0..n {
        out.extend(items.iter().cloned());
    }
    Ok(out)
}

fn big_err(e: crate::bigint::BigError) -> PyErr {
    match e {
        crate::bigint::BigError::ZeroDivision => {
            PyErr::zero_division("integer division or modulo by zero")
        }
        crate::bigint::BigError::NegativeShift => PyErr::value_error("negative shift count"),
        crate::bigint::BigError::TooLarge => PyErr::new(
            &with_types(|t| t.memory_error.clone()),
            "integer too large for AwaitLab (more than about 100,000 digits)",
        ),
    }
}

/// Arithmetic on ints past 64 bits (results that fit go back to `Int`).
fn big_binary(op: BinOp, x: &crate::bigint::BigInt, y: &crate::bigint::BigInt) -> PyResult<Value> {
    let shift = |n: &crate::bigint::BigInt| -> PyResult<i64> {
        n.to_i64()
            .ok_or_else(|| PyErr::overflow("too many digits in integer"))
    };
    Ok(Value::from_big(match op {
        BinOp::Add => x.add(y).map_err(big_err)?,
        BinOp::Sub => x.sub(y).map_err(big_err)?,
        BinOp::Mult => x.mul(y).map_err(big_err)?,
        BinOp::FloorDiv => x.divmod(y).map_err(big_err)?.0,
        BinOp::Mod => x.divmod(y).map_err(big_err)?.1,
        BinOp::Div => {
            if y.is_zero() {
                return Err(PyErr::zero_division("division by zero"));
            }
            let r = x.to_f64() / y.to_f64();
            if !r.is_finite() {
                return Err(PyErr::overflow(
                    "integer division result too large for a float",
                ));
            }
            return Ok(Value::Float(r));
        }
        BinOp::Pow => {
            if y.is_negative() {
                return Ok(Value::Float(x.to_f64().powf(y.to_f64())));
            }
            let e = y
                .to_i64()
                .ok_or_else(|| big_err(crate::bigint::BigError::TooLarge))?;
            x.pow(e as u64).map_err(big_err)?
        }
        BinOp::LShift => x.shl(shift(y)?).map_err(big_err)?,
        BinOp::RShift => x.shr(shift(y)?).map_err(big_err)?,
        _ => {
            return Err(PyErr::not_implemented(format!(
                "'{}' on integers past 64 bits is not supported in AwaitLab",
                op_symbol(op)
            )))
        }
    }))
}

/// Integer arithmetic with Python's semantics.
pub fn int_binary(op: BinOp, x: i64, y: i64) -> PyResult<Value> {
    let big = |op| {
        big_binary(
            op,
            &crate::bigint::BigInt::from_i128(x as i128),
            &crate::bigint::BigInt::from_i128(y as i128),
        )
    };
    Ok(match op {
        BinOp::Add => match x.checked_add(y) {
            Some(r) => Value::Int(r),
            None => return big(op),
        },
        BinOp::Sub => match x.checked_sub(y) {
            Some(r) => Value::Int(r),
            None => return big(op),
        },
        BinOp::Mult => match x.checked_mul(y) {
            Some(r) => Value::Int(r),
            None => return big(op),
        },
        BinOp::FloorDiv => match t::int_floordiv(x, y) {
            Ok(r) => Value::Int(r),
            Err(e) if e.exc == t::Exc::Overflow => return big(op),
            Err(e) => return Err(text_err(e)),
        },
        BinOp::Mod => Value::Int(t::int_mod(x, y).map_err(text_err)?),
        BinOp::Div => Value::Float(t::int_truediv(x, y).map_err(text_err)?),
        BinOp::Pow => match t::int_pow(x, y) {
            Ok(t::Num::Int(i)) => Value::Int(i),
            Ok(t::Num::Float(f)) => Value::Float(f),
            Err(e) if e.exc == t::Exc::Overflow => return big(op),
            Err(e) => return Err(text_err(e)),
        },
        BinOp::LShift => {
            if y < 0 {
                return Err(PyErr::value_error("negative shift count"));
            }
            if x == 0 {
                Value::Int(0)
            } else if y >= 63 || (x.unsigned_abs().leading_zeros() as i64) <= y {
                return big(op);
            } else {
                Value::Int(x << y)
            }
        }
        BinOp::RShift => {
            if y < 0 {
                return Err(PyErr::value_error("negative shift count"));
            }
            Value::Int(if y >= 64 {
                if x < 0 {
                    -1
                } else {
                    0
                }
            } else {
                x >> y
            })
        }
        BinOp::BitAnd => Value::Int(x & y),
        BinOp::BitOr => Value::Int(x | y),
        BinOp::BitXor => Value::Int(x ^ y),
        BinOp::MatMult => {
            return Err(PyErr::type_error(
                "unsupported operand type(s) for @: 'int' and 'int'",
            ))
        }
    })
}

fn float_binary(op: BinOp, x: f64, y: f64, a: &Value, b: &Value) -> PyResult<Value> {
    Ok(Value::Float(match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mult => x * y,
        BinOp::Div => t::float_truediv(x, y).map_err(text_err)?,
        BinOp::FloorDiv => t::float_floordiv(x, y).map_err(text_err)?,
        BinOp::Mod => t::float_mod(x, y).map_err(text_err)?,
        BinOp::Pow => t::float_pow(x, y).map_err(text_err)?,
        _ => return Err(unsupported(op, a, b)),
    }))
}

fn set_op(op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
    let left: Vec<Value> = set_items(a);
    let right_set = set_of(b);
    let mut out = Set::new();
    match op {
        BinOp::BitOr => {
            for k in left {
                set_insert(&mut out, k)?;
            }
            for k in right_set.keys() {
                set_insert(&mut out, k.clone())?;
            }
        }
        BinOp::BitAnd => {
            for k in left {
                if right_set.contains(&k) {
                    set_insert(&mut out, k)?;
                }
            }
        }
        BinOp::Sub => {
            for k in left {
                if !right_set.contains(&k) {
                    set_insert(&mut out, k)?;
                }
            }
        }
        _ => {
            let left_set = set_of(a);
            for k in left {
                if !right_set.contains(&k) {
                    set_insert(&mut out, k)?;
                }
            }
            for k in right_set.keys() {
                if !left_set.contains(k) {
                    set_insert(&mut out, k.clone())?;
                }
            }
        }
    }
    Ok(match a {
        Value::FrozenSet(_) => Value::FrozenSet(Rc::new(out)),
        _ => Value::Set(Rc::new(RefCell::new(out))),
    })
}

fn set_items(v: &Value) -> Vec<Value> {
    match v {
        Value::Set(s) => s.borrow().keys().cloned().collect(),
        Value::FrozenSet(s) => s.keys().cloned().collect(),
        _ => Vec::new(),
    }
}

fn set_of(v: &Value) -> Set {
    match v {
        Value::Set(s) => s.borrow().clone(),
        Value::FrozenSet(s) => (**s).clone(),
        _ => Set::new(),
    }
}

/// Adds to a set, refusing unhashable items with CPython's message.
pub fn set_insert(s: &mut Set, k: Value) -> PyResult<()> {
    s.insert(k.clone(), Value::None).map_err(|_| unhashable(&k))
}

/// Sets a dict item, refusing unhashable keys.
pub fn dict_insert(d: &mut Dict, k: Value, v: Value) -> PyResult<()> {
    d.insert(k.clone(), v).map_err(|_| unhashable(&k))
}

/// `TypeError: unhashable type: 'list'`.
pub fn unhashable(k: &Value) -> PyErr {
    // A tuple is unhashable because of an item: CPython names the item's type.
    let inner = match k {
        Value::Tuple(items) => items
            .iter()
            .find(|x| crate::dict::py_hash(x).is_none())
            .map(unhashable),
        _ => None,
    };
    inner.unwrap_or_else(|| PyErr::type_error(format!("unhashable type: '{}'", type_name(k))))
}

/// `target.update(source)` for dicts (`{**a}`, `dict.update`).
pub fn dict_update(vm: &Vm, target: &Value, source: &Value) -> PyResult<()> {
    let Value::Dict(target) = target else {
        return Err(PyErr::type_error("update target is not a dict"));
    };
    let pairs: Vec<(Value, Value)> = match source {
        Value::Dict(d) => d
            .borrow()
            .items()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        // A mapping that is not a dict (`collections.Counter`, a class with `keys` and
        // `__getitem__`): its keys and items, as CPython's `PyDict_Merge` reads them.
        other if matches!(other, Value::Instance(_)) && attr::hasattr(vm, other, "keys")? => {
            let keys = crate::vm::call::call_method(vm, other, "keys", Vec::new())?;
            let mut pairs = Vec::new();
            for k in iter::collect(vm, &keys)? {
                let v = getitem(vm, other, &k)?;
                pairs.push((k, v));
            }
            pairs
        }
        other => {
            let mut pairs = Vec::new();
            for item in iter::collect(vm, other).map_err(|_| {
                PyErr::type_error(format!("'{}' object is not a mapping", type_name(other)))
            })? {
                let kv = iter::collect(vm, &item)?;
                if kv.len() != 2 {
                    return Err(PyErr::value_error(format!(
                        "dictionary update sequence element has length {}; 2 is required",
                        kv.len()
                    )));
                }
                pairs.push((kv[0].clone(), kv[1].clone()));
            }
            pairs
        }
    };
    let mut d = target.borrow_mut();
    for (k, v) in pairs {
        dict_insert(&mut d, k, v)?;
    }
    Ok(())
}

fn percent(vm: &Vm, fmt: &str, args: &Value) -> PyResult<String> {
    let arg = PArg {
        vm,
        v: args.clone(),
    };
    let pargs = match args {
        Value::Tuple(items) => {
            let list: Vec<PArg> = items.iter().map(|v| PArg { vm, v: v.clone() }).collect();
            return t::percent_format(fmt, t::PercentArgs::Tuple(&list)).map_err(|e| match e {
                PercentErr::Py(e) => e,
                PercentErr::Text(e) => text_err(e),
            });
        }
        _ => t::PercentArgs::Single(&arg),
    };
    t::percent_format(fmt, pargs).map_err(|e| match e {
        PercentErr::Py(e) => e,
        PercentErr::Text(e) => text_err(e),
    })
}

/// An argument of `%` formatting.
struct PArg<'a> {
    vm: &'a Vm,
    v: Value,
}

/// Errors from `%`: the text library's, or one raised by a `__str__`/`__repr__`.
pub enum PercentErr {
    /// Raised by Python code.
    Py(PyErr),
    /// Raised by the formatting rules.
    Text(t::PyErr),
}

impl From<t::PyErr> for PercentErr {
    fn from(e: t::PyErr) -> Self {
        PercentErr::Text(e)
    }
}

impl t::FormatArg for PArg<'_> {
    type Error = PercentErr;

    fn as_number(&self) -> Option<t::Num> {
        match &self.v {
            Value::Int(i) => Some(t::Num::Int(*i)),
            Value::Bool(b) => Some(t::Num::Int(*b as i64)),
            Value::Float(f) => Some(t::Num::Float(*f)),
            _ => None,
        }
    }

    fn as_str(&self) -> Option<&str> {
        self.v.as_str()
    }

    fn to_str(&self) -> Result<String, PercentErr> {
        crate::vm::text::str(self.vm, &self.v).map_err(PercentErr::Py)
    }

    fn to_repr(&self) -> Result<String, PercentErr> {
        crate::vm::text::repr(self.vm, &self.v).map_err(PercentErr::Py)
    }

    fn type_name(&self) -> String {
        type_name(&self.v)
    }

    fn is_mapping(&self) -> bool {
        matches!(self.v, Value::Dict(_))
    }

    fn get_item(&self, key: &str) -> Result<Self, PercentErr> {
        match getitem(self.vm, &self.v, &Value::str(key)) {
            Ok(v) => Ok(PArg { vm: self.vm, v }),
            Err(e) => Err(PercentErr::Py(e)),
        }
    }
}

/// `a op= b`: lists, sets and dicts change in place; everything else is `a op b`.
pub fn inplace(vm: &Vm, op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
    match (op, a) {
        (BinOp::Add, Value::List(l)) => {
            let items = iter::collect(vm, b)?;
            l.borrow_mut().extend(items);
            return Ok(a.clone());
        }
        (BinOp::BitOr, Value::Set(s)) if matches!(b, Value::Set(_) | Value::FrozenSet(_)) => {
            for k in set_items(b) {
                set_insert(&mut s.borrow_mut(), k)?;
            }
            return Ok(a.clone());
        }
        (BinOp::BitOr, Value::Dict(_)) if matches!(b, Value::Dict(_)) => {
            dict_update(vm, a, b)?;
            return Ok(a.clone());
        }
        _ => {}
    }
    if let Value::Instance(i) = a {
        let name = format!("__i{}", &dunder(op).0[2..]);
        if let Some(m) = i.class.lookup(&name) {
            let r = vm.call(&m, Args::new(vec![a.clone(), b.clone()]))?;
            if !is_not_implemented(&r) {
                return Ok(r);
            }
        }
    }
    binary(vm, op, a, b)
}

/// `op a`.
pub fn unary(vm: &Vm, op: UnaryOp, a: &Value) -> PyResult<Value> {
    Ok(match (op, a) {
        (UnaryOp::Not, v) => Value::Bool(!vm.truthy(v)?),
        (UnaryOp::USub, Value::Int(i)) => match i.checked_neg() {
            Some(n) => Value::Int(n),
            None => Value::from_big(crate::bigint::BigInt::from_i128(-(*i as i128))),
        },
        (UnaryOp::USub, Value::BigInt(b)) => Value::from_big(b.neg()),
        (UnaryOp::UAdd, Value::BigInt(_)) => a.clone(),
        (UnaryOp::Invert, Value::BigInt(b)) => Value::from_big(
            b.neg()
                .sub(&crate::bigint::BigInt::from_i128(1))
                .map_err(big_err)?,
        ),
        (UnaryOp::USub, Value::Bool(b)) => Value::Int(-(*b as i64)),
        (UnaryOp::USub, Value::Float(x)) => Value::Float(-x),
        (UnaryOp::UAdd, Value::Int(i)) => Value::Int(*i),
        (UnaryOp::UAdd, Value::Bool(b)) => Value::Int(*b as i64),
        (UnaryOp::UAdd, Value::Float(x)) => Value::Float(*x),
        (UnaryOp::Invert, Value::Int(i)) => Value::Int(!i),
        (UnaryOp::Invert, Value::Bool(b)) => Value::Int(!(*b as i64)),
        (_, Value::Instance(i)) => {
            let name = match op {
                UnaryOp::USub => "__neg__",
                UnaryOp::UAdd => "__pos__",
                _ => "__invert__",
            };
            match i.class.lookup(name) {
                Some(m) => vm.call(&m, Args::new(vec![a.clone()]))?,
                None => return Err(bad_unary(op, a)),
            }
        }
        _ => return Err(bad_unary(op, a)),
    })
}

fn bad_unary(op: UnaryOp, a: &Value) -> PyErr {
    let sym = match op {
        UnaryOp::USub => "-",
        UnaryOp::UAdd => "+",
        UnaryOp::Invert => "~",
        UnaryOp::Not => "not",
    };
    PyErr::type_error(format!(
        "bad operand type for unary {sym}: '{}'",
        type_name(a)
    ))
}

/// `a cmp b`.
pub fn compare(vm: &Vm, op: CmpOp, a: &Value, b: &Value) -> PyResult<Value> {
    Ok(Value::Bool(match op {
        CmpOp::Is => a.is(b),
        CmpOp::IsNot => !a.is(b),
        CmpOp::In => contains(vm, b, a)?,
        CmpOp::NotIn => !contains(vm, b, a)?,
        CmpOp::Eq => return rich_eq(vm, a, b, false),
        CmpOp::NotEq => return rich_eq(vm, a, b, true),
        _ => return order(vm, op, a, b),
    }))
}

fn rich_eq(vm: &Vm, a: &Value, b: &Value, negate: bool) -> PyResult<Value> {
    let (fwd, rev) = if negate {
        ("__ne__", "__ne__")
    } else {
        ("__eq__", "__eq__")
    };
    for (x, y, name) in [(a, b, fwd), (b, a, rev)] {
        if let Value::Instance(i) = x {
            if let Some(m) = i.class.lookup(name) {
                let r = vm.call(&m, Args::new(vec![x.clone(), y.clone()]))?;
                if !is_not_implemented(&r) {
                    return Ok(r);
                }
            } else if negate {
                if let Some(m) = i.class.lookup("__eq__") {
                    let r = vm.call(&m, Args::new(vec![x.clone(), y.clone()]))?;
                    if !is_not_implemented(&r) {
                        return Ok(Value::Bool(!vm.truthy(&r)?));
                    }
                }
            }
        }
    }
    let eq = eq(vm, a, b)?;
    Ok(Value::Bool(eq != negate))
}

/// `a == b` for built-in values (instances: identity unless `__eq__` says otherwise).
pub fn eq(vm: &Vm, a: &Value, b: &Value) -> PyResult<bool> {
    use Value::*;
    Ok(match (a, b) {
        (Int(x), Int(y)) => x == y,
        (Str(x), Str(y)) => x == y,
        (None, None) => true,
        (BigInt(x), BigInt(y)) => x == y,
        (BigInt(_), Int(_) | Bool(_)) | (Int(_) | Bool(_), BigInt(_)) => false,
        (BigInt(x), Float(f)) | (Float(f), BigInt(x)) => x.to_f64() == *f && f.fract() == 0.0,
        (Int(_) | Bool(_) | Float(_), Int(_) | Bool(_) | Float(_)) => {
            match (a.as_int_like(), b.as_int_like()) {
                (Some(x), Some(y)) => x == y,
                (Option::None, Option::None) => a.as_f64() == b.as_f64(),
                // An int and a float: equal only when exactly equal (ints past 2^53 too).
                (Some(i), Option::None) | (Option::None, Some(i)) => {
                    let f = a
                        .as_f64()
                        .filter(|_| matches!(a, Float(_)))
                        .or(b.as_f64())
                        .unwrap_or(f64::NAN);
                    f.is_finite() && f.fract() == 0.0 && f.abs() < 9.2e18 && f as i64 == i
                }
            }
        }
        (List(x), List(y)) => {
            if Rc::ptr_eq(x, y) {
                return Ok(true);
            }
            let (x, y) = (x.borrow().clone(), y.borrow().clone());
            seq_eq(vm, &x, &y)?
        }
        (Tuple(x), Tuple(y)) => seq_eq(vm, x, y)?,
        (Dict(x), Dict(y)) => {
            let (x, y) = (x.borrow().clone(), y.borrow().clone());
            if x.len() != y.len() {
                return Ok(false);
            }
            for (k, v) in x.items() {
                match y.get(k) {
                    Ok(Some(w)) => {
                        if !eq(vm, v, &w)? {
                            return Ok(false);
                        }
                    }
                    _ => return Ok(false),
                }
            }
            true
        }
        (Set(_) | FrozenSet(_), Set(_) | FrozenSet(_)) => {
            let (x, y) = (set_of(a), set_of(b));
            x.len() == y.len() && x.keys().all(|k| y.contains(k))
        }
        (Range(x), Range(y)) => {
            let (lx, ly) = (x.len(), y.len());
            lx == ly && (lx == 0 || (x.start == y.start && (lx == 1 || x.step == y.step)))
        }
        _ => a.is(b),
    })
}

fn seq_eq(vm: &Vm, x: &[Value], y: &[Value]) -> PyResult<bool> {
    if x.len() != y.len() {
        return Ok(false);
    }
    for (p, q) in x.iter().zip(y) {
        if !p.is(q) && !vm.truthy(&compare(vm, CmpOp::Eq, p, q)?)? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn order(vm: &Vm, op: CmpOp, a: &Value, b: &Value) -> PyResult<Value> {
    use std::cmp::Ordering;
    let ord: Option<Ordering> = match (a, b) {
        (Value::Str(x), Value::Str(y)) => Some(x.cmp(y)),
        (Value::BigInt(_), _) | (_, Value::BigInt(_))
            if a.as_big().is_some() && b.as_big().is_some() =>
        {
            a.as_big().zip(b.as_big()).map(|(x, y)| x.compare(&y))
        }
        (Value::BigInt(_), Value::Float(_)) | (Value::Float(_), Value::BigInt(_)) => a
            .as_f64()
            .zip(b.as_f64())
            .and_then(|(x, y)| x.partial_cmp(&y)),
        (Value::Int(x), Value::Int(y)) => Some(x.cmp(y)),
        (
            Value::Int(_) | Value::Bool(_) | Value::Float(_),
            Value::Int(_) | Value::Bool(_) | Value::Float(_),
        ) => match (a.as_int_like(), b.as_int_like()) {
            (Some(x), Some(y)) => Some(x.cmp(&y)),
            _ => {
                let (x, y) = (a.as_f64().unwrap_or(0.0), b.as_f64().unwrap_or(0.0));
                if x.is_nan() || y.is_nan() {
                    return Ok(Value::Bool(false));
                }
                x.partial_cmp(&y)
            }
        },
        (Value::List(x), Value::List(y)) => {
            let (x, y) = (x.borrow().clone(), y.borrow().clone());
            return seq_order(vm, op, &x, &y);
        }
        (Value::Tuple(x), Value::Tuple(y)) => return seq_order(vm, op, x, y),
        (Value::Set(_) | Value::FrozenSet(_), Value::Set(_) | Value::FrozenSet(_)) => {
            let (x, y) = (set_of(a), set_of(b));
            let sub = x.keys().all(|k| y.contains(k));
            let sup = y.keys().all(|k| x.contains(k));
            return Ok(Value::Bool(match op {
                CmpOp::LtE => sub,
                CmpOp::Lt => sub && x.len() < y.len(),
                CmpOp::GtE => sup,
                _ => sup && x.len() > y.len(),
            }));
        }
        _ => None,
    };
    if let Some(ord) = ord {
        return Ok(Value::Bool(match op {
            CmpOp::Lt => ord == Ordering::Less,
            CmpOp::LtE => ord != Ordering::Greater,
            CmpOp::Gt => ord == Ordering::Greater,
            _ => ord != Ordering::Less,
        }));
    }
    let (fwd, rev) = match op {
        CmpOp::Lt => ("__lt__", "__gt__"),
        CmpOp::LtE => ("__le__", "__ge__"),
        CmpOp::Gt => ("__gt__", "__lt__"),
        _ => ("__ge__", "__le__"),
    };
    for (x, y, name) in [(a, b, fwd), (b, a, rev)] {
        if let Value::Instance(i) = x {
            if let Some(m) = i.class.lookup(name) {
                let r = vm.call(&m, Args::new(vec![x.clone(), y.clone()]))?;
                if !is_not_implemented(&r) {
                    return Ok(r);
                }
            }
        }
    }
    let sym = match op {
        CmpOp::Lt => "<",
        CmpOp::LtE => "<=",
        CmpOp::Gt => ">",
        _ => ">=",
    };
    Err(PyErr::type_error(format!(
        "'{sym}' not supported between instances of '{}' and '{}'",
        type_name(a),
        type_name(b)
    )))
}

fn seq_order(vm: &Vm, op: CmpOp, x: &[Value], y: &[Value]) -> PyResult<Value> {
    for (p, q) in x.iter().zip(y) {
        if !eq(vm, p, q)? {
            return order(vm, op, p, q);
        }
    }
    let (lx, ly) = (x.len(), y.len());
    Ok(Value::Bool(match op {
        CmpOp::Lt => lx < ly,
        CmpOp::LtE => lx <= ly,
        CmpOp::Gt => lx > ly,
        _ => lx >= ly,
    }))
}

/// `item in container`.
pub fn contains(vm: &Vm, container: &Value, item: &Value) -> PyResult<bool> {
    match container {
        Value::Str(s) => match item {
            Value::Str(sub) => Ok(s.contains(&**sub)),
            other => Err(PyErr::type_error(format!(
                "'in <string>' requires string as left operand, not {}",
                type_name(other)
            ))),
        },
        Value::Dict(d) => d.borrow().contains_key(item).map_err(|_| unhashable(item)),
        Value::Set(s) => s.borrow().contains_key(item).map_err(|_| unhashable(item)),
        Value::FrozenSet(s) => s.contains_key(item).map_err(|_| unhashable(item)),
        Value::Range(r) => Ok(match item.as_int_like() {
            Some(i) => {
                let n = r.len();
                n > 0 && {
                    let off = i as i128 - r.start as i128;
                    off % r.step as i128 == 0 && {
                        let k = off / r.step as i128;
                        k >= 0 && k < n as i128
                    }
                }
            }
            None => false,
        }),
        Value::List(l) => {
            let items = l.borrow().clone();
            seq_contains(vm, &items, item)
        }
        Value::Tuple(t) => seq_contains(vm, t, item),
        Value::Instance(i) if i.class.lookup("__contains__").is_some() => {
            let m = i.class.lookup("__contains__").unwrap_or(Value::None);
            let r = vm.call(&m, Args::new(vec![container.clone(), item.clone()]))?;
            vm.truthy(&r)
        }
        other => {
            let items = iter::collect(vm, other).map_err(|_| {
                PyErr::type_error(format!(
                    "argument of type '{}' is not iterable",
                    type_name(other)
                ))
            })?;
            seq_contains(vm, &items, item)
        }
    }
}

fn seq_contains(vm: &Vm, items: &[Value], item: &Value) -> PyResult<bool> {
    for x in items {
        if x.is(item) || eq(vm, x, item)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// A Python index into a sequence of `len` items (negative from the end).
pub fn index(i: &Value, len: usize, what: &str) -> PyResult<usize> {
    let Some(i) = i.as_int_like() else {
        return Err(PyErr::type_error(format!(
            "{what} indices must be integers or slices, not {}",
            type_name(i)
        )));
    };
    let n = len as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(PyErr::index_error(format!("{what} index out of range")));
    }
    Ok(j as usize)
}

/// Resolves a slice against a length: (start, stop, step) as `slice.indices` gives.
pub fn slice_indices(s: &crate::object::SliceObj, len: usize) -> PyResult<(i64, i64, i64)> {
    let as_i = |v: &Value, what: &str| -> PyResult<Option<i64>> {
        match v {
            Value::None => Ok(None),
            other => other.as_int_like().map(Some).ok_or_else(|| {
                PyErr::type_error(format!(
                    "slice indices must be integers or None or have an __index__ method{what}"
                ))
            }),
        }
    };
    let step = as_i(&s.step, "")?.unwrap_or(1);
    if step == 0 {
        return Err(PyErr::value_error("slice step cannot be zero"));
    }
    let n = len as i64;
    let clamp = |v: Option<i64>, default: i64, lo: i64, hi: i64| -> i64 {
        match v {
            None => default,
            Some(x) => {
                let x = if x < 0 { x + n } else { x };
                x.clamp(lo, hi)
            }
        }
    };
    let (start, stop) = if step > 0 {
        (
            clamp(as_i(&s.start, "")?, 0, 0, n),
            clamp(as_i(&s.stop, "")?, n, 0, n),
        )
    } else {
        (
            clamp(as_i(&s.start, "")?, n - 1, -1, n - 1),
            clamp(as_i(&s.stop, "")?, -1, -1, n - 1),
        )
    };
    Ok((start, stop, step))
}

fn slice_positions(s: &crate::object::SliceObj, len: usize) -> PyResult<Vec<usize>> {
    let (start, stop, step) = slice_indices(s, len)?;
    let mut out = Vec::new();
    let mut i = start;
    while (step > 0 && i < stop) || (step < 0 && i > stop) {
        out.push(i as usize);
        i += step;
    }
    Ok(out)
}

/// `obj[idx]`.
pub fn getitem(vm: &Vm, obj: &Value, idx: &Value) -> PyResult<Value> {
    match (obj, idx) {
        (Value::List(l), Value::Slice(s)) => {
            let l = l.borrow();
            let picked = slice_positions(s, l.len())?;
            Ok(Value::list(
                picked.into_iter().map(|i| l[i].clone()).collect(),
            ))
        }
        (Value::List(l), _) => {
            let l = l.borrow();
            Ok(l[index(idx, l.len(), "list")?].clone())
        }
        (Value::Tuple(t), Value::Slice(s)) => {
            let picked = slice_positions(s, t.len())?;
            Ok(Value::tuple(
                picked.into_iter().map(|i| t[i].clone()).collect(),
            ))
        }
        (Value::Tuple(t), _) => Ok(t[index(idx, t.len(), "tuple")?].clone()),
        (Value::Str(s), Value::Slice(sl)) => {
            let chars: Vec<char> = s.chars().collect();
            let picked = slice_positions(sl, chars.len())?;
            Ok(Value::from(
                picked.into_iter().map(|i| chars[i]).collect::<String>(),
            ))
        }
        (Value::Str(s), _) => {
            if s.is_ascii() {
                let i = index(idx, s.len(), "string")?;
                return Ok(Value::str(&s[i..=i]));
            }
            let n = s.chars().count();
            let i = index(idx, n, "string")?;
            Ok(Value::from(
                s.chars().nth(i).map(String::from).unwrap_or_default(),
            ))
        }
        (Value::Dict(d), _) => {
            let found = d.borrow().get(idx).map_err(|_| unhashable(idx))?;
            match found {
                Some(v) => Ok(v),
                None => Err(PyErr::key_error(idx.clone())),
            }
        }
        (Value::Range(r), Value::Slice(s)) => {
            let (start, _stop, step) = slice_indices(s, r.len() as usize)?;
            let picked = slice_positions(s, r.len() as usize)?;
            let new_start = r.at(start);
            let new_step = r.step * step;
            let new_stop = new_start + new_step * picked.len() as i64;
            Ok(Value::Range(Rc::new(crate::object::RangeObj {
                start: new_start,
                stop: new_stop,
                step: new_step,
            })))
        }
        (Value::Range(r), _) => {
            let i = index(idx, r.len() as usize, "range object")?;
            Ok(Value::Int(r.at(i as i64)))
        }
        (Value::Instance(i), _) => match i.class.lookup("__getitem__") {
            Some(m) => vm.call(&m, Args::new(vec![obj.clone(), idx.clone()])),
            None => Err(not_subscriptable(obj)),
        },
        (Value::Class(c), _)
            if with_types(|t| {
                [&t.list, &t.dict, &t.tuple, &t.set, &t.type_]
                    .iter()
                    .any(|x| Rc::ptr_eq(x, c))
            }) =>
        {
            // `list[int]` in annotations: a generic alias; AwaitLab keeps the class.
            Ok(obj.clone())
        }
        _ => Err(not_subscriptable(obj)),
    }
}

fn not_subscriptable(obj: &Value) -> PyErr {
    PyErr::type_error(format!("'{}' object is not subscriptable", type_name(obj)))
}

/// `obj[idx] = v`.
pub fn setitem(vm: &Vm, obj: &Value, idx: Value, v: Value) -> PyResult<()> {
    match obj {
        Value::List(l) => {
            if let Value::Slice(s) = &idx {
                let new = iter::collect(vm, &v)?;
                let mut l = l.borrow_mut();
                let (start, stop, step) = slice_indices(s, l.len())?;
                if step == 1 {
                    let stop = stop.max(start);
                    l.splice(start as usize..stop as usize, new);
                    return Ok(());
                }
                let picked = slice_positions(s, l.len())?;
                if picked.len() != new.len() {
                    return Err(PyErr::value_error(format!(
                        "attempt to assign sequence of size {} to extended slice of size {}",
                        new.len(),
                        picked.len()
                    )));
                }
                for (i, x) in picked.into_iter().zip(new) {
                    l[i] = x;
                }
                return Ok(());
            }
            let mut l = l.borrow_mut();
            let i = index(&idx, l.len(), "list assignment")?;
            l[i] = v;
            Ok(())
        }
        Value::Dict(d) => dict_insert(&mut d.borrow_mut(), idx, v),
        Value::Instance(i) => match i.class.lookup("__setitem__") {
            Some(m) => {
                vm.call(&m, Args::new(vec![obj.clone(), idx, v]))?;
                Ok(())
            }
            None => Err(PyErr::type_error(format!(
                "'{}' object does not support item assignment",
                type_name(obj)
            ))),
        },
        _ => Err(PyErr::type_error(format!(
            "'{}' object does not support item assignment",
            type_name(obj)
        ))),
    }
}

/// `del obj[idx]`.
pub fn delitem(vm: &Vm, obj: &Value, idx: &Value) -> PyResult<()> {
    match obj {
        Value::List(l) => {
            if let Value::Slice(s) = idx {
                let mut l = l.borrow_mut();
                let mut picked = slice_positions(s, l.len())?;
                picked.sort_unstable();
                for i in picked.into_iter().rev() {
                    l.remove(i);
                }
                return Ok(());
            }
            let mut l = l.borrow_mut();
            let i = index(idx, l.len(), "list assignment")?;
            l.remove(i);
            Ok(())
        }
        Value::Dict(d) => {
            let removed = d.borrow_mut().remove(idx).map_err(|_| unhashable(idx))?;
            match removed {
                Some(_) => Ok(()),
                None => Err(PyErr::key_error(idx.clone())),
            }
        }
        Value::Instance(i) => match i.class.lookup("__delitem__") {
            Some(m) => {
                vm.call(&m, Args::new(vec![obj.clone(), idx.clone()]))?;
                Ok(())
            }
            None => Err(PyErr::type_error(format!(
                "'{}' object doesn't support item deletion",
                type_name(obj)
            ))),
        },
        _ => Err(PyErr::type_error(format!(
            "'{}' object doesn't support item deletion",
            type_name(obj)
        ))),
    }
}

impl Vm {
    /// `bool(v)`.
    pub fn truthy(&self, v: &Value) -> PyResult<bool> {
        Ok(match v {
            Value::Bool(b) => *b,
            Value::None => false,
            Value::Int(i) => *i != 0,
            Value::BigInt(_) => true,
            Value::Float(x) => *x != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::List(l) => !l.borrow().is_empty(),
            Value::Tuple(t) => !t.is_empty(),
            Value::Dict(d) => !d.borrow().is_empty(),
            Value::Set(s) => !s.borrow().is_empty(),
            Value::FrozenSet(s) => !s.is_empty(),
            Value::Range(r) => !r.is_empty(),
            Value::Instance(i) => {
                if let Some(m) = i.class.lookup("__bool__") {
                    let r = self.call(&m, Args::new(vec![v.clone()]))?;
                    match r {
                        Value::Bool(b) => b,
                        other => {
                            return Err(PyErr::type_error(format!(
                                "__bool__ should return bool, returned {}",
                                type_name(&other)
                            )))
                        }
                    }
                } else if let Some(m) = i.class.lookup("__len__") {
                    let r = self.call(&m, Args::new(vec![v.clone()]))?;
                    r.as_int_like().unwrap_or(0) != 0
                } else {
                    true
                }
            }
            Value::Native(n) => n
                .get_field("__len__")
                .is_none_or(|l| l.as_int_like() != Some(0)),
            _ => true,
        })
    }
}

/// The class of a value, for isinstance-style checks in built-ins.
pub fn is_instance_of(v: &Value, class: &Rc<crate::object::Class>) -> bool {
    class_of(v).is_subclass(class)
}

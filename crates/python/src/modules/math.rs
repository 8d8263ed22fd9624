//! `math`: the functions tutorials and learners use, with CPython's errors (`math domain
//! error`) and its int results (`floor`, `ceil`, `isqrt`, `factorial`, `gcd`).

use super::make_module;
use crate::builtins::{func, int_arg, num_arg};
use crate::error::{PyErr, PyResult};
use crate::object::Namespace;
use crate::value::Value;
use crate::vm::ops::int_overflow;
use crate::vm::{iter, Args, Vm};

fn domain() -> PyErr {
    PyErr::value_error("math domain error")
}

fn x(args: &Args, name: &str) -> PyResult<f64> {
    args.check(name, 1, 1)?;
    num_arg(&args.pos[0], "must be real number").map_err(|_| {
        PyErr::type_error(format!(
            "must be real number, not {}",
            crate::object::type_name(&args.pos[0])
        ))
    })
}

fn real(v: f64) -> PyResult<Value> {
    if v.is_nan() {
        return Err(domain());
    }
    Ok(Value::Float(v))
}

fn to_int(v: f64) -> PyResult<Value> {
    if v.is_nan() {
        return Err(PyErr::value_error("cannot convert float NaN to integer"));
    }
    if v.is_infinite() {
        return Err(PyErr::overflow("cannot convert float infinity to integer"));
    }
    if v.abs() >= 9.223_372_036_854_776e18 {
        return Err(int_overflow());
    }
    Ok(Value::Int(v as i64))
}

macro_rules! unary {
    ($($name:ident => $body:expr),* $(,)?) => {
        $(
            fn $name(_vm: &Vm, args: Args) -> PyResult<Value> {
                let v = x(&args, stringify!($name))?;
                let f: fn(f64) -> PyResult<Value> = $body;
                f(v)
            }
        )*
    };
}

unary! {
    sqrt => |v| if v < 0.0 { Err(domain()) } else { real(v.sqrt()) },
    exp => |v| { let r = v.exp(); if r.is_infinite() && v.is_finite() { Err(PyErr::overflow("math range error")) } else { real(r) } },
    log2 => |v| if v <= 0.0 { Err(domain()) } else { real(v.log2()) },
    log10 => |v| if v <= 0.0 { Err(domain()) } else { real(v.log10()) },
    sin => |v| real(v.sin()),
    cos => |v| real(v.cos()),
    tan => |v| real(v.tan()),
    asin => |v| if v.abs() > 1.0 { Err(domain()) } else { real(v.asin()) },
    acos => |v| if v.abs() > 1.0 { Err(domain()) } else { real(v.acos()) },
    atan => |v| real(v.atan()),
    fabs => |v| real(v.abs()),
    degrees => |v| real(v.to_degrees()),
    radians => |v| real(v.to_radians()),
    floor => |v| to_int(v.floor()),
    ceil => |v| to_int(v.ceil()),
    trunc => |v| to_int(v.trunc()),
    isnan => |v| Ok(Value::Bool(v.is_nan())),
    isinf => |v| Ok(Value::Bool(v.is_infinite())),
    isfinite => |v| Ok(Value::Bool(v.is_finite())),
}

fn floor_int(vm: &Vm, args: Args) -> PyResult<Value> {
    if let Some(i) = args.pos.first().and_then(Value::as_int_like) {
        return Ok(Value::Int(i));
    }
    floor(vm, args)
}

fn ceil_int(vm: &Vm, args: Args) -> PyResult<Value> {
    if let Some(i) = args.pos.first().and_then(Value::as_int_like) {
        return Ok(Value::Int(i));
    }
    ceil(vm, args)
}

fn log(_vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("log", 1, 2)?;
    let v = num_arg(&args.pos[0], "must be real number")?;
    if v <= 0.0 {
        return Err(domain());
    }
    match args.pos.get(1) {
        Some(b) => {
            let b = num_arg(b, "must be real number")?;
            if b <= 0.0 || b == 1.0 {
                return Err(if b == 1.0 {
                    PyErr::zero_division("float division by zero")
                } else {
                    domain()
                });
            }
            real(v.ln() / b.ln())
        }
        None => real(v.ln()),
    }
}

fn pow(_vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("pow", 2, 2)?;
    let (a, b) = (
        num_arg(&args.pos[0], "must be real number")?,
        num_arg(&args.pos[1], "must be real number")?,
    );
    if a == 0.0 && b < 0.0 {
        return Err(domain());
    }
    let r = a.powf(b);
    if r.is_nan() && !a.is_nan() && !b.is_nan() {
        return Err(domain());
    }
    if r.is_infinite() && a.is_finite() && b.is_finite() {
        return Err(PyErr::overflow("math range error"));
    }
    Ok(Value::Float(r))
}

fn atan2(_vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("atan2", 2, 2)?;
    let (y, x) = (
        num_arg(&args.pos[0], "must be real number")?,
        num_arg(&args.pos[1], "must be real number")?,
    );
    real(y.atan2(x))
}

fn hypot(_vm: &Vm, args: Args) -> PyResult<Value> {
    let mut acc = 0.0f64;
    for a in &args.pos {
        let v = num_arg(a, "must be real number")?;
        acc = acc.hypot(v);
    }
    Ok(Value::Float(acc))
}

fn fmod(_vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("fmod", 2, 2)?;
    let (a, b) = (
        num_arg(&args.pos[0], "must be real number")?,
        num_arg(&args.pos[1], "must be real number")?,
    );
    if b == 0.0 || a.is_infinite() {
        return Err(domain());
    }
    Ok(Value::Float(a % b))
}

fn isqrt(_vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("isqrt", 1, 1)?;
    let n = int_arg(&args.pos[0], "isqrt() argument")?;
    if n < 0 {
        return Err(PyErr::value_error("isqrt() argument must be nonnegative"));
    }
    let mut r = (n as f64).sqrt() as i64;
    while r > 0 && r.checked_mul(r).is_none_or(|sq| sq > n) {
        r -= 1;
    }
    while (r + 1).checked_mul(r + 1).is_some_and(|sq| sq <= n) {
        r += 1;
    }
    Ok(Value::Int(r))
}

fn gcd(_vm: &Vm, args: Args) -> PyResult<Value> {
    let mut g: i64 = 0;
    for a in &args.pos {
        let mut b = int_arg(a, "gcd() argument")?
            .checked_abs()
            .ok_or_else(int_overflow)?;
        while b != 0 {
            (g, b) = (b, g % b);
        }
    }
    Ok(Value::Int(g))
}

fn factorial(_vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("factorial", 1, 1)?;
    let n = int_arg(&args.pos[0], "factorial() argument")?;
    if n < 0 {
        return Err(PyErr::value_error(
            "factorial() not defined for negative values",
        ));
    }
    if n > 20_000 {
        return Err(PyErr::new(
            &crate::types::with_types(|t| t.memory_error.clone()),
            "factorial() argument too large for AwaitLab",
        ));
    }
    let mut r = crate::bigint::BigInt::from_i128(1);
    for i in 2..=n {
        r = r
            .mul(&crate::bigint::BigInt::from_i128(i as i128))
            .map_err(|_| PyErr::overflow("factorial() result too large for AwaitLab"))?;
    }
    Ok(Value::from_big(r))
}

fn prod(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check_pos("prod", 1, 1)?;
    let mut acc = Value::Int(1);
    for v in iter::collect(vm, &args.pos[0])? {
        acc = crate::vm::ops::binary(vm, crate::ast::BinOp::Mult, &acc, &v)?;
    }
    Ok(acc)
}

fn isclose(_vm: &Vm, mut args: Args) -> PyResult<Value> {
    let rel = args.take_kw("rel_tol");
    let abs = args.take_kw("abs_tol");
    args.check("isclose", 2, 2)?;
    let a = num_arg(&args.pos[0], "must be real number")?;
    let b = num_arg(&args.pos[1], "must be real number")?;
    let rel = rel.map_or(Ok(1e-9), |v| num_arg(&v, "rel_tol"))?;
    let abs = abs.map_or(Ok(0.0), |v| num_arg(&v, "abs_tol"))?;
    if a == b {
        return Ok(Value::Bool(true));
    }
    if a.is_infinite() || b.is_infinite() {
        return Ok(Value::Bool(false));
    }
    let d = (a - b).abs();
    Ok(Value::Bool(
        d <= (rel * b.abs()).max(rel * a.abs()) || d <= abs,
    ))
}

fn copysign(_vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("copysign", 2, 2)?;
    let a = num_arg(&args.pos[0], "must be real number")?;
    let b = num_arg(&args.pos[1], "must be real number")?;
    Ok(Value::Float(a.copysign(b)))
}

pub(super) fn module() -> Value {
    let ns = Namespace::default();
    {
        let mut m = ns.borrow_mut();
        let fns: &[(&str, crate::builtins::NativeFn)] = &[
            ("sqrt", sqrt),
            ("exp", exp),
            ("log", log),
            ("log2", log2),
            ("log10", log10),
            ("sin", sin),
            ("cos", cos),
            ("tan", tan),
            ("asin", asin),
            ("acos", acos),
            ("atan", atan),
            ("atan2", atan2),
            ("fabs", fabs),
            ("degrees", degrees),
            ("radians", radians),
            ("floor", floor_int),
            ("ceil", ceil_int),
            ("trunc", trunc),
            ("isnan", isnan),
            ("isinf", isinf),
            ("isfinite", isfinite),
            ("pow", pow),
            ("hypot", hypot),
            ("fmod", fmod),
            ("isqrt", isqrt),
            ("gcd", gcd),
            ("factorial", factorial),
            ("prod", prod),
            ("isclose", isclose),
            ("copysign", copysign),
        ];
        for (name, f) in fns {
            m.insert((*name).into(), func(name, *f));
        }
        m.insert("pi".into(), Value::Float(std::f64::consts::PI));
        m.insert("e".into(), Value::Float(std::f64::consts::E));
        m.insert("tau".into(), Value::Float(std::f64::consts::TAU));
        m.insert("inf".into(), Value::Float(f64::INFINITY));
        m.insert("nan".into(), Value::Float(f64::NAN));
    }
    make_module("math", ns)
}

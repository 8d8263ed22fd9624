//! `operator`: the operators as functions (`operator.add`, `operator.lt`…) for `reduce`,
//! `accumulate`, `map` and sort keys, and the callables `itemgetter`, `attrgetter` and
//! `methodcaller`.

use std::rc::Rc;

use super::make_module;
use crate::ast::{BinOp, CmpOp, UnaryOp};
use crate::builtins::{add_methods, func, NativeFn};
use crate::error::{PyErr, PyResult};
use crate::object::{Class, Namespace, Native};
use crate::value::Value;
use crate::vm::{attr, ops, text, Args, Vm};

fn two(args: &Args, name: &str) -> PyResult<(Value, Value)> {
    args.check(name, 2, 2)?;
    Ok((args.pos[0].clone(), args.pos[1].clone()))
}

macro_rules! binops {
    ($($name:ident => $op:expr),* $(,)?) => {
        $(
            fn $name(vm: &Vm, args: Args) -> PyResult<Value> {
                let (a, b) = two(&args, stringify!($name).trim_end_matches('_'))?;
                ops::binary(vm, $op, &a, &b)
            }
        )*
    };
}

binops! {
    add => BinOp::Add,
    sub => BinOp::Sub,
    mul => BinOp::Mult,
    truediv => BinOp::Div,
    floordiv => BinOp::FloorDiv,
    mod_ => BinOp::Mod,
    pow => BinOp::Pow,
    and_ => BinOp::BitAnd,
    or_ => BinOp::BitOr,
    xor => BinOp::BitXor,
    lshift => BinOp::LShift,
    rshift => BinOp::RShift,
    matmul => BinOp::MatMult,
}

macro_rules! cmpops {
    ($($name:ident => $op:expr),* $(,)?) => {
        $(
            fn $name(vm: &Vm, args: Args) -> PyResult<Value> {
                let (a, b) = two(&args, stringify!($name).trim_end_matches('_'))?;
                ops::compare(vm, $op, &a, &b)
            }
        )*
    };
}

cmpops! {
    lt => CmpOp::Lt,
    le => CmpOp::LtE,
    eq => CmpOp::Eq,
    ne => CmpOp::NotEq,
    gt => CmpOp::Gt,
    ge => CmpOp::GtE,
    is_ => CmpOp::Is,
    is_not => CmpOp::IsNot,
}

fn contains(vm: &Vm, args: Args) -> PyResult<Value> {
    let (a, b) = two(&args, "contains")?;
    Ok(Value::Bool(ops::contains(vm, &a, &b)?))
}

fn concat(vm: &Vm, args: Args) -> PyResult<Value> {
    let (a, b) = two(&args, "concat")?;
    let seq = |v: &Value| matches!(v, Value::Str(_) | Value::List(_) | Value::Tuple(_));
    if !seq(&a) {
        return Err(PyErr::type_error(format!(
            "'{}' object can't be concatenated",
            crate::object::type_name(&a)
        )));
    }
    ops::binary(vm, BinOp::Add, &a, &b)
}

fn getitem(vm: &Vm, args: Args) -> PyResult<Value> {
    let (a, b) = two(&args, "getitem")?;
    ops::getitem(vm, &a, &b)
}

fn setitem(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("setitem", 3, 3)?;
    ops::setitem(vm, &args.pos[0], args.pos[1].clone(), args.pos[2].clone())?;
    Ok(Value::None)
}

fn delitem(vm: &Vm, args: Args) -> PyResult<Value> {
    let (a, b) = two(&args, "delitem")?;
    ops::delitem(vm, &a, &b)?;
    Ok(Value::None)
}

fn one(args: &Args, name: &str) -> PyResult<Value> {
    args.check(name, 1, 1)?;
    Ok(args.pos[0].clone())
}

fn neg(vm: &Vm, args: Args) -> PyResult<Value> {
    ops::unary(vm, UnaryOp::USub, &one(&args, "neg")?)
}

fn pos(vm: &Vm, args: Args) -> PyResult<Value> {
    ops::unary(vm, UnaryOp::UAdd, &one(&args, "pos")?)
}

fn invert(vm: &Vm, args: Args) -> PyResult<Value> {
    ops::unary(vm, UnaryOp::Invert, &one(&args, "invert")?)
}

fn not_(vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(!vm.truthy(&one(&args, "not_")?)?))
}

fn truth(vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(vm.truthy(&one(&args, "truth")?)?))
}

fn abs(vm: &Vm, args: Args) -> PyResult<Value> {
    let v = one(&args, "abs")?;
    let f = vm.builtin("abs").unwrap_or(Value::None);
    vm.call(&f, Args::new(vec![v]))
}

fn index(_vm: &Vm, args: Args) -> PyResult<Value> {
    let v = one(&args, "index")?;
    v.as_int_like().map(Value::Int).ok_or_else(|| {
        PyErr::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            crate::object::type_name(&v)
        ))
    })
}

// ----- itemgetter, attrgetter, methodcaller -----

/// What an `itemgetter`/`attrgetter`/`methodcaller` object does when called.
enum Getter {
    Item(Vec<Value>),
    Attr(Vec<Vec<Rc<str>>>),
    Method(Rc<str>, Args),
}

struct GetterObj(Getter);

thread_local! {
    static ITEMGETTER: Rc<Class> = getter_class("itemgetter", itemgetter_new);
    static ATTRGETTER: Rc<Class> = getter_class("attrgetter", attrgetter_new);
    static METHODCALLER: Rc<Class> = getter_class("methodcaller", methodcaller_new);
}

fn getter_class(name: &'static str, new: crate::types::NewFn) -> Rc<Class> {
    let c = crate::vm::call::plain_class(name, "operator");
    add_methods(&c, name, &[("__call__", getter_call)]);
    c.new.set(Some(new));
    c
}

impl Native for GetterObj {
    fn class(&self) -> Rc<Class> {
        match self.0 {
            Getter::Item(_) => ITEMGETTER.with(|c| c.clone()),
            Getter::Attr(_) => ATTRGETTER.with(|c| c.clone()),
            Getter::Method(..) => METHODCALLER.with(|c| c.clone()),
        }
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }

    fn repr(&self, vm: &Vm) -> Option<String> {
        let reprs = |items: &[Value]| -> Option<String> {
            let parts: Vec<String> = items
                .iter()
                .map(|v| text::repr(vm, v))
                .collect::<PyResult<_>>()
                .ok()?;
            Some(parts.join(", "))
        };
        Some(match &self.0 {
            Getter::Item(items) => format!("operator.itemgetter({})", reprs(items)?),
            Getter::Attr(paths) => {
                let names: Vec<Value> = paths.iter().map(|p| Value::from(p.join("."))).collect();
                format!("operator.attrgetter({})", reprs(&names)?)
            }
            Getter::Method(name, args) => {
                let mut parts = vec![text::repr(vm, &Value::Str(name.clone())).ok()?];
                for a in &args.pos {
                    parts.push(text::repr(vm, a).ok()?);
                }
                for (k, v) in &args.kw {
                    parts.push(format!("{k}={}", text::repr(vm, v).ok()?));
                }
                format!("operator.methodcaller({})", parts.join(", "))
            }
        })
    }
}

fn itemgetter_new(_vm: &Vm, _c: &Rc<Class>, args: Args) -> PyResult<Value> {
    if args.pos.is_empty() {
        return Err(PyErr::type_error("itemgetter expected 1 argument, got 0"));
    }
    Ok(Value::Native(Rc::new(GetterObj(Getter::Item(args.pos)))))
}

fn attrgetter_new(_vm: &Vm, _c: &Rc<Class>, args: Args) -> PyResult<Value> {
    if args.pos.is_empty() {
        return Err(PyErr::type_error("attrgetter expected 1 argument, got 0"));
    }
    let mut paths = Vec::new();
    for a in &args.pos {
        let Some(s) = a.as_str() else {
            return Err(PyErr::type_error("attribute name must be a string"));
        };
        paths.push(s.split('.').map(Rc::from).collect());
    }
    Ok(Value::Native(Rc::new(GetterObj(Getter::Attr(paths)))))
}

fn methodcaller_new(_vm: &Vm, _c: &Rc<Class>, mut args: Args) -> PyResult<Value> {
    if args.pos.is_empty() {
        return Err(PyErr::type_error(
            "methodcaller needs at least one argument, the method name",
        ));
    }
    let name = match args.pos.remove(0) {
        Value::Str(s) => s,
        _ => return Err(PyErr::type_error("method name must be a string")),
    };
    Ok(Value::Native(Rc::new(GetterObj(Getter::Method(
        name, args,
    )))))
}

fn getter_call(vm: &Vm, args: Args) -> PyResult<Value> {
    let Some(Value::Native(n)) = args.pos.first() else {
        return Err(PyErr::type_error("expected an operator getter"));
    };
    let n = n.clone();
    let Some(g) = n.as_any().downcast_ref::<GetterObj>() else {
        return Err(PyErr::type_error("expected an operator getter"));
    };
    let name = match g.0 {
        Getter::Item(_) => "itemgetter",
        Getter::Attr(_) => "attrgetter",
        Getter::Method(..) => "methodcaller",
    };
    if !args.kw.is_empty() {
        return Err(PyErr::type_error(format!(
            "{name}() takes no keyword arguments"
        )));
    }
    if args.pos.len() != 2 {
        return Err(PyErr::type_error(format!(
            "{name} expected 1 argument, got {}",
            args.pos.len() - 1
        )));
    }
    let obj = &args.pos[1];
    match &g.0 {
        Getter::Item(items) => {
            let mut out = Vec::with_capacity(items.len());
            for i in items {
                out.push(ops::getitem(vm, obj, i)?);
            }
            Ok(if out.len() == 1 {
                out.swap_remove(0)
            } else {
                Value::tuple(out)
            })
        }
        Getter::Attr(paths) => {
            let mut out = Vec::with_capacity(paths.len());
            for path in paths {
                let mut v = obj.clone();
                for part in path {
                    v = attr::getattr(vm, &v, part)?;
                }
                out.push(v);
            }
            Ok(if out.len() == 1 {
                out.swap_remove(0)
            } else {
                Value::tuple(out)
            })
        }
        Getter::Method(name, margs) => {
            let m = attr::getattr(vm, obj, name)?;
            vm.call(
                &m,
                Args {
                    pos: margs.pos.clone(),
                    kw: margs.kw.clone(),
                },
            )
        }
    }
}

pub(super) fn module() -> Value {
    let ns = Namespace::default();
    {
        let mut m = ns.borrow_mut();
        let fns: &[(&str, NativeFn)] = &[
            ("add", add),
            ("sub", sub),
            ("mul", mul),
            ("truediv", truediv),
            ("floordiv", floordiv),
            ("mod", mod_),
            ("pow", pow),
            ("and_", and_),
            ("or_", or_),
            ("xor", xor),
            ("lshift", lshift),
            ("rshift", rshift),
            ("matmul", matmul),
            ("lt", lt),
            ("le", le),
            ("eq", eq),
            ("ne", ne),
            ("gt", gt),
            ("ge", ge),
            ("is_", is_),
            ("is_not", is_not),
            ("contains", contains),
            ("concat", concat),
            ("getitem", getitem),
            ("setitem", setitem),
            ("delitem", delitem),
            ("neg", neg),
            ("pos", pos),
            ("invert", invert),
            ("inv", invert),
            ("not_", not_),
            ("truth", truth),
            ("abs", abs),
            ("index", index),
        ];
        for (name, f) in fns {
            m.insert(Rc::from(*name), func(name, *f));
        }
        m.insert(
            Rc::from("itemgetter"),
            Value::Class(ITEMGETTER.with(|c| c.clone())),
        );
        m.insert(
            Rc::from("attrgetter"),
            Value::Class(ATTRGETTER.with(|c| c.clone())),
        );
        m.insert(
            Rc::from("methodcaller"),
            Value::Class(METHODCALLER.with(|c| c.clone())),
        );
    }
    make_module("operator", ns)
}

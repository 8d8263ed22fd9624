//! The value model: one enum, 16 bytes, cheap to clone. Immutable values are shared `Rc`s;
//! mutable containers are `Rc<RefCell<…>>`, so aliasing behaves as in Python (`b = a;
//! b.append(1)` changes `a`). Objects with behaviour of their own (classes, instances,
//! functions, generators, asyncio objects) live in [`crate::object`].

use std::cell::RefCell;
use std::rc::Rc;

use crate::dict::{Dict, Set};
use crate::object::{
    BoundMethod, Builtin, Class, Descriptor, Function, Generator, Instance, IterState, Module,
    Native, RangeObj, SliceObj,
};

/// A Python value.
#[derive(Clone)]
pub enum Value {
    /// `None`.
    None,
    /// `True` / `False`.
    Bool(bool),
    /// `int` that fits in 64 bits (every int that does is this variant).
    Int(i64),
    /// `int` past 64 bits.
    BigInt(Rc<crate::bigint::BigInt>),
    /// `float`.
    Float(f64),
    /// `str`.
    Str(Rc<str>),
    /// `tuple`.
    Tuple(Rc<Vec<Value>>),
    /// `list`.
    List(Rc<RefCell<Vec<Value>>>),
    /// `dict`.
    Dict(Rc<RefCell<Dict>>),
    /// `set`.
    Set(Rc<RefCell<Set>>),
    /// `frozenset`.
    FrozenSet(Rc<Set>),
    /// `range`.
    Range(Rc<RangeObj>),
    /// `slice`.
    Slice(Rc<SliceObj>),
    /// A function defined in Python.
    Function(Rc<Function>),
    /// A function written in Rust (`len`, `asyncio.sleep`, `str.upper`).
    Builtin(Rc<Builtin>),
    /// A function bound to its `self`.
    Method(Rc<BoundMethod>),
    /// `property`, `staticmethod`, `classmethod`.
    Descriptor(Rc<Descriptor>),
    /// A class (also the built-in types: `int`, `ValueError`).
    Class(Rc<Class>),
    /// An instance of a class defined in Python, or of an exception class.
    Instance(Rc<Instance>),
    /// A module (`asyncio`, `time`, `__main__`).
    Module(Rc<Module>),
    /// A generator or coroutine object.
    Gen(Rc<Generator>),
    /// An iterator over a built-in container (or `map`, `zip`, `enumerate`…).
    Iter(Rc<RefCell<IterState>>),
    /// An object implemented in Rust with a class of its own (asyncio's tasks, futures, queues).
    Native(Rc<dyn Native>),
}

impl Value {
    /// A `str` value.
    pub fn str(s: &str) -> Value {
        Value::Str(Rc::from(s))
    }

    /// A `tuple` value.
    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(Rc::new(items))
    }

    /// A `list` value.
    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Rc::new(RefCell::new(items)))
    }

    /// A `dict` value.
    pub fn dict(d: Dict) -> Value {
        Value::Dict(Rc::new(RefCell::new(d)))
    }

    /// The object's identity (`id()`, `is`): the address of its heap part; 0 for values that
    /// have none (numbers, `None`, booleans), which `is` compares by value instead.
    pub fn identity(&self) -> usize {
        fn addr<T: ?Sized>(rc: &Rc<T>) -> usize {
            Rc::as_ptr(rc) as *const u8 as usize
        }
        match self {
            Value::None | Value::Bool(_) | Value::Int(_) | Value::Float(_) => 0,
            Value::Str(r) => addr(r),
            Value::BigInt(r) => addr(r),
            Value::Tuple(r) => addr(r),
            Value::List(r) => addr(r),
            Value::Dict(r) => addr(r),
            Value::Set(r) => addr(r),
            Value::FrozenSet(r) => addr(r),
            Value::Range(r) => addr(r),
            Value::Slice(r) => addr(r),
            Value::Function(r) => addr(r),
            Value::Builtin(r) => addr(r),
            Value::Method(r) => addr(r),
            Value::Descriptor(r) => addr(r),
            Value::Class(r) => addr(r),
            Value::Instance(r) => addr(r),
            Value::Module(r) => addr(r),
            Value::Gen(r) => addr(r),
            Value::Iter(r) => addr(r),
            Value::Native(r) => addr(r),
        }
    }

    /// `a is b`.
    pub fn is(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::None, Value::None) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            // Small ints are cached in CPython, so `is` on equal ints is usually true.
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            _ => {
                let (a, b) = (self.identity(), other.identity());
                a != 0 && a == b
            }
        }
    }

    /// An int from a big integer: `Int` when it fits in 64 bits.
    pub fn from_big(b: crate::bigint::BigInt) -> Value {
        match b.to_i64() {
            Some(i) => Value::Int(i),
            None => Value::BigInt(Rc::new(b)),
        }
    }

    /// Any int (`int`, `bool`, big) as a big integer.
    pub fn as_big(&self) -> Option<crate::bigint::BigInt> {
        match self {
            Value::Int(i) => Some(crate::bigint::BigInt::from_i128(*i as i128)),
            Value::Bool(b) => Some(crate::bigint::BigInt::from_i128(*b as i128)),
            Value::BigInt(b) => Some((**b).clone()),
            _ => None,
        }
    }

    /// An int-like value (`int`, `bool`) as an `i64`.
    pub fn as_int_like(&self) -> Option<i64> {
        match self {
            Value::Int(i) => Some(*i),
            Value::Bool(b) => Some(*b as i64),
            _ => None,
        }
    }

    /// A number (`int`, `bool`, `float`) as an `f64`.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Int(i) => Some(*i as f64),
            Value::BigInt(b) => Some(b.to_f64()),
            Value::Bool(b) => Some(*b as i64 as f64),
            Value::Float(f) => Some(*f),
            _ => None,
        }
    }

    /// The `str` inside, if it is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// Whether this is `None`.
    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::None => write!(f, "None"),
            Value::Bool(b) => write!(f, "{}", if *b { "True" } else { "False" }),
            Value::Int(i) => write!(f, "{i}"),
            Value::BigInt(b) => write!(f, "{}", b.to_decimal()),
            Value::Float(x) => write!(f, "{x:?}"),
            Value::Str(s) => write!(f, "{s:?}"),
            Value::Tuple(t) => f.debug_tuple("").field(&t).finish(),
            Value::List(l) => write!(f, "{:?}", l.borrow()),
            other => write!(f, "<{}>", crate::object::type_name(other)),
        }
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

impl From<i64> for Value {
    fn from(i: i64) -> Self {
        Value::Int(i)
    }
}

impl From<f64> for Value {
    fn from(x: f64) -> Self {
        Value::Float(x)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::str(s)
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::Str(Rc::from(s))
    }
}

//! Objects with behaviour: classes (built-in types included), instances, functions and methods,
//! modules, generators and coroutines, iterators, and the trait for objects written in Rust.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use crate::compile::code::Code;
use crate::error::PyResult;
use crate::value::Value;
use crate::vm::frame::Frame;
use crate::vm::{Args, Control, Vm};

/// Names to values with a fast hash (names are short; SipHash's resistance to flooding is not
/// needed for a program's own identifiers).
pub type NameMap = HashMap<Rc<str>, Value, std::hash::BuildHasherDefault<crate::dict::FxHasher>>;

/// A namespace: a module's globals, a class's attributes, an instance's `__dict__`.
pub type Namespace = RefCell<NameMap>;

/// What kind of built-in behaviour a class has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClassKind {
    /// A class defined in Python (or `object` itself).
    Plain,
    /// A built-in value type: calling it converts (`int("3")`), its instances are [`Value`]s.
    Builtin,
    /// `BaseException` and every class derived from it: instances carry exception state.
    Exception,
    /// A type implemented by a [`Native`] object (asyncio's `Task`, `Queue`…).
    Native,
}

/// A class. Built-in types are classes too, so `type(x)`, `isinstance` and `except` treat
/// them alike.
pub struct Class {
    /// `__name__`.
    pub name: Rc<str>,
    /// `__module__` (`builtins`, `asyncio`, `__main__`).
    pub module: Rc<str>,
    /// Direct bases.
    pub bases: Vec<Rc<Class>>,
    /// The method resolution order after the class itself (C3 linearisation).
    pub mro: Vec<Rc<Class>>,
    /// Its attributes (methods, class variables).
    pub attrs: Namespace,
    /// Its built-in behaviour.
    pub kind: ClassKind,
    /// Built-in classes cannot be changed (`int.x = 1` is a `TypeError`, as in CPython).
    pub frozen: bool,
    /// For built-in types: how to construct one from arguments (`int(…)`); set once, when the
    /// built-in classes are made.
    pub new: Cell<Option<crate::types::NewFn>>,
}

impl Class {
    /// The class itself followed by its MRO.
    pub fn lineage(self: &Rc<Self>) -> impl Iterator<Item = &Rc<Class>> {
        std::iter::once(self).chain(self.mro.iter())
    }

    /// Whether `self` is `other` or derives from it.
    pub fn is_subclass(self: &Rc<Self>, other: &Rc<Class>) -> bool {
        self.lineage().any(|c| Rc::ptr_eq(c, other))
    }

    /// Finds an attribute along the MRO.
    pub fn lookup(self: &Rc<Self>, name: &str) -> Option<Value> {
        self.lineage()
            .find_map(|c| c.attrs.borrow().get(name).cloned())
    }

    /// `module.Name` as `repr` shows it (`<class '__main__.Job'>`, `<class 'int'>`).
    pub fn qualified_name(&self) -> String {
        if &*self.module == "builtins" {
            self.name.to_string()
        } else {
            format!("{}.{}", self.module, self.name)
        }
    }
}

/// An instance of a Python-defined class (or of an exception class).
pub struct Instance {
    /// Its class.
    pub class: Rc<Class>,
    /// Its `__dict__`.
    pub attrs: Namespace,
    /// Exception state, for instances of exception classes.
    pub exc: Option<ExcState>,
}

/// What an exception instance carries besides its attributes.
#[derive(Default)]
pub struct ExcState {
    /// `args`.
    pub args: RefCell<Vec<Value>>,
    /// Where it passed through: (function name, line), innermost last, as a traceback prints.
    pub traceback: RefCell<Vec<TracebackEntry>>,
    /// `__cause__` (`raise … from …`).
    pub cause: RefCell<Option<Value>>,
    /// `__context__` (raised while handling another).
    pub context: RefCell<Option<Value>>,
    /// Set by `raise … from …`: the context is not shown.
    pub suppress_context: Cell<bool>,
}

/// One line of a traceback.
#[derive(Clone, Debug, PartialEq)]
pub struct TracebackEntry {
    /// The function (`<module>` at top level).
    pub name: Rc<str>,
    /// The line, from 1.
    pub line: u32,
    /// Which activation (a re-raise in the same frame adds no line, as in CPython).
    pub frame: u64,
}

/// A function defined in Python.
pub struct Function {
    /// Its code.
    pub code: Rc<Code>,
    /// The module globals it sees.
    pub globals: Rc<Namespace>,
    /// Defaults of the last positional parameters.
    pub defaults: Vec<Value>,
    /// Defaults of keyword-only parameters.
    pub kwdefaults: Vec<(Rc<str>, Value)>,
    /// Cells of the variables it closes over, in `code.freevars` order.
    pub closure: Vec<crate::vm::frame::CellRef>,
    /// Marked by `@asyncio.coroutine`: its generators are awaited like coroutines (3.4–3.10).
    pub legacy_coroutine: Cell<bool>,
    /// Attributes set on the function (`f.calls = 0`), and `__name__` when it was changed.
    pub attrs: Namespace,
}

/// A function written in Rust.
pub struct Builtin {
    /// Its name as `repr` shows it.
    pub name: Rc<str>,
    /// What it does.
    pub func: BuiltinFn,
    /// For methods of built-in types: the type's name (`<method 'append' of 'list' objects>`).
    pub owner: Option<&'static str>,
}

/// The two shapes of a built-in: most return a value; a few ask the VM to do something a
/// Rust function cannot do alone (push a frame, await).
#[derive(Clone, Copy)]
pub enum BuiltinFn {
    /// Returns a value.
    Plain(fn(&Vm, Args) -> PyResult<Value>),
    /// Returns an instruction for the VM's run loop.
    Control(fn(&Vm, Args) -> PyResult<Control>),
}

/// A callable bound to its first argument (`obj.method`).
pub struct BoundMethod {
    /// The object (`self`).
    pub receiver: Value,
    /// The function.
    pub func: Value,
}

/// The built-in descriptors a class body can use.
pub enum Descriptor {
    /// `@property` (with an optional setter).
    Property {
        /// The getter.
        fget: Value,
        /// The setter, once `@x.setter` gave one.
        fset: Option<Value>,
    },
    /// `@staticmethod`.
    StaticMethod(Value),
    /// `@classmethod`.
    ClassMethod(Value),
}

/// A module.
pub struct Module {
    /// `__name__`.
    pub name: Rc<str>,
    /// Its attributes.
    pub attrs: Rc<Namespace>,
}

/// `range(start, stop, step)`.
#[derive(Clone, Debug, PartialEq)]
pub struct RangeObj {
    /// Start.
    pub start: i64,
    /// Stop (exclusive).
    pub stop: i64,
    /// Step (never 0).
    pub step: i64,
}

impl RangeObj {
    /// Number of items.
    pub fn len(&self) -> i64 {
        let (lo, hi, step) = (self.start as i128, self.stop as i128, self.step as i128);
        let n = if step > 0 && lo < hi {
            (hi - lo - 1) / step + 1
        } else if step < 0 && lo > hi {
            (lo - hi - 1) / (-step) + 1
        } else {
            0
        };
        n as i64
    }

    /// Whether it is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Item `i` (0 ≤ i < len).
    pub fn at(&self, i: i64) -> i64 {
        self.start + i * self.step
    }
}

/// `slice(start, stop, step)`.
pub struct SliceObj {
    /// Start.
    pub start: Value,
    /// Stop.
    pub stop: Value,
    /// Step.
    pub step: Value,
}

/// Which kind of generator object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GenKind {
    /// A generator (`def` with `yield`).
    Generator,
    /// A coroutine (`async def`).
    Coroutine,
    /// An async generator (`async def` with `yield`).
    AsyncGenerator,
}

/// Where a generator or coroutine is in its life.
pub enum GenState {
    /// Suspended (or not started): its frame waits here.
    Suspended(Box<Frame>),
    /// Its frame is on a stack, running (or awaiting as part of a task).
    Running,
    /// Finished.
    Done,
}

/// A generator or coroutine object.
pub struct Generator {
    /// Which kind.
    pub kind: GenKind,
    /// Its frame, while suspended.
    pub state: RefCell<GenState>,
    /// The function's `__qualname__` (`<coroutine object count_down at …>`).
    pub qualname: Rc<str>,
    /// Whether it has started (a coroutine never started warns "was never awaited").
    pub started: Cell<bool>,
    /// A generator from an `@asyncio.coroutine` function (or returned by `__await__`): awaited
    /// like a coroutine, its `yield from` awaits.
    pub legacy: Cell<bool>,
}

/// A built-in iterator's state.
pub enum IterState {
    /// Over a list (by index, so appends during iteration are seen, as in Python).
    List(Rc<RefCell<Vec<Value>>>, usize),
    /// Over a tuple.
    Tuple(Rc<Vec<Value>>, usize),
    /// Over a range.
    Range {
        /// Next value.
        next: i64,
        /// Items left.
        left: i64,
        /// Step.
        step: i64,
    },
    /// Over a string's characters (byte offset of the next one).
    Str(Rc<str>, usize),
    /// Over a dict's keys, values or items (storage slot, size at start).
    Dict(Rc<RefCell<crate::dict::Dict>>, usize, usize, DictView),
    /// Over a snapshot (sets, reversed, sorted views): plain values.
    Values(std::vec::IntoIter<Value>),
    /// `enumerate(it, start)`.
    Enumerate(Value, i64),
    /// `zip(*its)`.
    Zip(Vec<Value>),
    /// `map(f, *its)`.
    Map(Value, Vec<Value>),
    /// `filter(f, it)`.
    Filter(Value, Value),
    /// `iter(callable, sentinel)`.
    CallUntil(Value, Value),
    /// Finished.
    Exhausted,
}

/// Which part of a dict an iterator yields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DictView {
    /// Keys.
    Keys,
    /// Values.
    Values,
    /// `(key, value)` tuples.
    Items,
}

/// An object implemented in Rust (asyncio's `Task`, `Future`, `Queue`, `Lock`, the loop…).
/// Its methods are built-ins in its class's attributes, taking the object as first argument.
pub trait Native: Any {
    /// Its class (for `type()`, `isinstance` and method lookup).
    fn class(&self) -> Rc<Class>;
    /// For downcasting in its methods.
    fn as_any(&self) -> &dyn Any;
    /// `repr()`; `None`: the default `<Name object at 0x…>`.
    fn repr(&self, _vm: &Vm) -> Option<String> {
        None
    }
    /// An attribute that is data rather than a method (`task.name`, `queue.maxsize`).
    fn get_field(&self, _name: &str) -> Option<Value> {
        None
    }
}

/// The type name `type(v).__name__` gives.
pub fn type_name(v: &Value) -> String {
    crate::types::class_of(v).name.to_string()
}

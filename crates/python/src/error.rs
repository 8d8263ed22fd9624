//! Python exceptions as Rust errors: a `PyErr` is an exception instance, so `except` clauses,
//! `raise` and Rust code pass the same object around.

use std::rc::Rc;

use crate::object::{Class, ExcState, Instance, TracebackEntry};
use crate::types::{self, with_types};
use crate::value::Value;
use awaitlab_core::trace::EndReason;

/// Why AwaitLab stops a program.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Abort {
    /// The prediction's step limit: the program computes for long, or does not end.
    StepLimit = 1,
    /// It held the page past the freeze limit.
    Runaway = 2,
    /// The run has already ended (Stop): the program's tasks unwind.
    RunOver = 3,
}

/// A raised exception.
#[derive(Clone)]
pub struct PyErr(pub Rc<Instance>);

/// What fallible interpreter operations return.
pub type PyResult<T> = Result<T, PyErr>;

impl PyErr {
    /// An exception of `class` with one message argument.
    pub fn new(class: &Rc<Class>, msg: impl Into<String>) -> PyErr {
        PyErr::with_args(class, vec![Value::from(msg.into())])
    }

    /// An exception of `class` with these arguments.
    pub fn with_args(class: &Rc<Class>, args: Vec<Value>) -> PyErr {
        PyErr(new_exception(class, args))
    }

    /// The exception as a Python value.
    pub fn value(&self) -> Value {
        Value::Instance(self.0.clone())
    }

    /// Its class.
    pub fn class(&self) -> &Rc<Class> {
        &self.0.class
    }

    /// Whether it is an instance of `class` (or a subclass).
    pub fn is(&self, class: &Rc<Class>) -> bool {
        self.0.class.is_subclass(class)
    }

    /// The exception state (every exception instance has one).
    pub fn state(&self) -> &ExcState {
        self.0
            .exc
            .as_ref()
            .expect("exception instances carry exception state")
    }

    /// Adds a traceback line (the exception passed through this function at this line), unless
    /// the same frame already has one (a re-raise in a handler keeps the original line).
    pub fn push_traceback(&self, name: &Rc<str>, line: u32, frame: u64) {
        let mut tb = self.state().traceback.borrow_mut();
        if tb.last().is_some_and(|t| t.frame == frame) {
            return;
        }
        tb.push(TracebackEntry {
            name: name.clone(),
            line,
            frame,
        });
    }

    /// `args`.
    pub fn args(&self) -> Vec<Value> {
        self.state().args.borrow().clone()
    }

    /// The first argument as text, when it is a string (the message of built-in errors).
    pub fn message(&self) -> Option<String> {
        self.args()
            .first()
            .and_then(|a| a.as_str().map(str::to_string))
    }

    /// Whether this is AwaitLab's own abort (freeze limit, step limit): no handler may catch it.
    pub fn is_abort(&self) -> bool {
        with_types(|t| self.is(&t.abort))
    }

    /// AwaitLab's own stop of the program (`awaitlab.AwaitLabStop`), which no handler may catch:
    /// `why` says which, `msg` is the sentence the page shows.
    pub fn abort(why: Abort, msg: impl Into<String>) -> PyErr {
        let class = with_types(|t| t.abort.clone());
        PyErr::with_args(
            &class,
            vec![Value::from(msg.into()), Value::Int(why as i64)],
        )
    }

    /// How the run ends when this abort reaches the top of a task (`None`: not an abort, or one
    /// that only follows the run's end).
    pub fn abort_reason(&self) -> Option<EndReason> {
        if !self.is_abort() {
            return None;
        }
        let msg = self.message().unwrap_or_else(|| "stopped".into());
        let code = self.args().get(1).and_then(Value::as_int_like);
        match code {
            Some(c) if c == Abort::StepLimit as i64 => Some(EndReason::CutShort(msg)),
            Some(c) if c == Abort::Runaway as i64 => Some(EndReason::Runaway(msg)),
            _ => None,
        }
    }
}

/// Makes an exception instance of `class` with `args`.
pub fn new_exception(class: &Rc<Class>, args: Vec<Value>) -> Rc<Instance> {
    let state = ExcState::default();
    *state.args.borrow_mut() = args;
    Rc::new(Instance {
        class: class.clone(),
        attrs: Default::default(),
        exc: Some(state),
    })
}

macro_rules! error_ctor {
    ($($fn_name:ident => $field:ident),* $(,)?) => {
        impl PyErr {
            $(
                #[doc = concat!("A `", stringify!($field), "` with a message.")]
                pub fn $fn_name(msg: impl Into<String>) -> PyErr {
                    let class = types::with_types(|t| t.$field.clone());
                    PyErr::new(&class, msg)
                }
            )*
        }
    };
}

error_ctor! {
    type_error => type_error,
    value_error => value_error,
    name_error => name_error,
    attribute_error => attribute_error,
    index_error => index_error,
    key_error_msg => key_error,
    zero_division => zero_division_error,
    overflow => overflow_error,
    runtime_error => runtime_error,
    recursion_error => recursion_error,
    not_implemented => not_implemented_error,
    import_error => module_not_found_error,
    unbound_local => unbound_local_error,
    assertion_error => assertion_error,
    stop_async_iteration => stop_async_iteration,
    timeout_error => timeout_error,
    cancelled => cancelled_error,
    invalid_state => invalid_state_error,
}

impl PyErr {
    /// `KeyError(key)` (its `str` is the key's `repr`).
    pub fn key_error(key: Value) -> PyErr {
        let class = with_types(|t| t.key_error.clone());
        PyErr::with_args(&class, vec![key])
    }

    /// `StopIteration(value)`.
    pub fn stop_iteration(value: Value) -> PyErr {
        let class = with_types(|t| t.stop_iteration.clone());
        let args = if value.is_none() { vec![] } else { vec![value] };
        PyErr::with_args(&class, args)
    }

    /// An exception of a class with no arguments (`CancelledError()`).
    pub fn bare(class: &Rc<Class>) -> PyErr {
        PyErr::with_args(class, Vec::new())
    }
}

impl std::fmt::Debug for PyErr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {:?}", self.class().name, self.args())
    }
}

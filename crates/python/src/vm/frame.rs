//! Frames live on the heap, in a `Vec` per task: a call pushes one, a return pops it, and a task
//! that awaits keeps its whole stack of frames as it is — no Rust recursion, so suspending is
//! free. Binding arguments to parameters (with CPython's error messages) happens here too.

use std::cell::RefCell;
use std::rc::Rc;

use crate::compile::code::Code;
use crate::error::{PyErr, PyResult};
use crate::object::{Function, Generator, Namespace};
use crate::value::Value;
use crate::vm::Args;

/// A variable captured by an inner function: shared by the frames that see it.
pub type CellRef = Rc<RefCell<Option<Value>>>;

/// What happens when a frame returns or yields: who gets the value.
pub enum Role {
    /// The bottom of a run: its return ends the run.
    Base,
    /// A call from bytecode: the result goes on the caller's stack.
    Call,
    /// `__init__` of a new instance: the result must be `None`; the instance goes on the
    /// caller's stack.
    Init(Value),
    /// A class body: its namespace becomes the class.
    ClassBody {
        /// The class's bases.
        bases: Vec<Value>,
    },
    /// A generator resumed by `next`, `for`, `send` or `yield from`.
    Gen {
        /// The generator object.
        gen: Rc<Generator>,
        /// Who resumed it.
        how: Resume,
    },
    /// A coroutine being awaited (it stays on the task's stack while the task is suspended).
    Awaited {
        /// The coroutine object.
        coro: Rc<Generator>,
    },
}

/// Who resumed a generator, which decides what its yield and return mean to the caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resume {
    /// A `for` loop (`ForIter`): return ends the loop (jump to the target).
    ForIter(u32),
    /// `next()` or `send()`: return raises `StopIteration(value)` in the caller.
    Next,
    /// `yield from` in the caller: a yield is passed up, a return is the expression's value.
    YieldFrom,
}

/// A `try` entered: where its handler is, and what to restore when an exception arrives.
#[derive(Clone, Copy, Debug)]
pub struct Block {
    /// The handler's first instruction.
    pub handler: u32,
    /// Stack depth at entry.
    pub depth: u32,
    /// Exceptions being handled at entry.
    pub handled: u32,
    /// Method receivers waiting for their call at entry.
    pub receivers: u32,
}

/// One activation of a code object.
pub struct Frame {
    /// The code.
    pub code: Rc<Code>,
    /// The next instruction.
    pub ip: usize,
    /// The value stack.
    pub stack: Vec<Value>,
    /// Fast locals (`None`: unbound).
    pub locals: Vec<Option<Value>>,
    /// Cells: the code's cellvars, then its freevars.
    pub cells: Vec<CellRef>,
    /// The module's globals.
    pub globals: Rc<Namespace>,
    /// A class body's namespace (names go here instead of fast locals).
    pub namespace: Option<Rc<Namespace>>,
    /// Open `try` blocks.
    pub blocks: Vec<Block>,
    /// Exceptions being handled (`except` clauses and `finally` entered by an exception).
    pub handled: Vec<Value>,
    /// The receiver of each method loaded by `LoadMethod` whose `CallMethod` is still to come
    /// (`None`: the attribute was not a method, call it as it is).
    pub receivers: Vec<Option<Value>>,
    /// Who gets the result.
    pub role: Role,
    /// A number of its own (tracebacks tell frames of the same function apart by it).
    pub id: u64,
}

thread_local! {
    static NEXT_FRAME: std::cell::Cell<u64> = const { std::cell::Cell::new(1) };
}

impl Frame {
    /// A frame for `code` with no arguments bound (module top level, class body).
    pub fn new(code: Rc<Code>, globals: Rc<Namespace>, closure: &[CellRef]) -> Frame {
        let mut cells = Vec::with_capacity(code.cellvars.len() + closure.len());
        for _ in 0..code.cellvars.len() {
            cells.push(Rc::new(RefCell::new(None)));
        }
        cells.extend(closure.iter().cloned());
        Frame {
            locals: vec![None; code.varnames.len()],
            stack: Vec::with_capacity(8),
            code,
            ip: 0,
            cells,
            globals,
            namespace: None,
            blocks: Vec::new(),
            handled: Vec::new(),
            receivers: Vec::new(),
            role: Role::Call,
            id: NEXT_FRAME.with(|n| {
                let id = n.get();
                n.set(id + 1);
                id
            }),
        }
    }

    /// The source line being executed (of the last instruction started).
    pub fn line(&self) -> u32 {
        self.code.line_at(self.ip.saturating_sub(1) as u32)
    }

    /// Moves parameters that inner functions capture into their cells (done once the arguments
    /// are bound).
    pub fn fill_cells_from_params(&mut self) {
        for &(var, cell) in &self.code.cell_params {
            let v = self.locals[var as usize].take();
            *self.cells[cell as usize].borrow_mut() = v;
        }
    }
}

/// Binds `args` to `func`'s parameters in a new frame, as CPython does, with its messages.
pub fn bind(func: &Rc<Function>, mut args: Args) -> PyResult<Frame> {
    let code = &func.code;
    let mut frame = Frame::new(code.clone(), func.globals.clone(), &func.closure);
    // The common call: exactly the positional parameters, nothing else.
    if args.kw.is_empty()
        && !code.flags.varargs
        && !code.flags.varkw
        && code.kwonlyargcount == 0
        && args.pos.len() == code.argcount as usize
    {
        for (slot, v) in frame.locals.iter_mut().zip(args.pos) {
            *slot = Some(v);
        }
        frame.fill_cells_from_params();
        return Ok(frame);
    }
    let qual = &code.qualname;
    let argcount = code.argcount as usize;
    let kwonly = code.kwonlyargcount as usize;
    let npos = args.pos.len();
    // Positional arguments.
    let direct = npos.min(argcount);
    for (slot, v) in frame.locals.iter_mut().zip(args.pos.drain(..direct)) {
        *slot = Some(v);
    }
    let mut var_slot = argcount + kwonly;
    if code.flags.varargs {
        frame.locals[var_slot] = Some(Value::tuple(std::mem::take(&mut args.pos)));
        var_slot += 1;
    } else if npos > argcount {
        let given_kw = args
            .kw
            .iter()
            .filter(|(k, _)| {
                code.varnames[..argcount + kwonly]
                    .iter()
                    .skip(argcount)
                    .any(|n| n == k)
            })
            .count();
        let required = argcount - func.defaults.len().min(argcount);
        let takes = if func.defaults.is_empty() {
            format!(
                "{argcount} positional argument{}",
                if argcount == 1 { "" } else { "s" }
            )
        } else {
            format!("from {required} to {argcount} positional arguments")
        };
        let given = if given_kw > 0 {
            format!(
                "{npos} positional argument{} (and {given_kw} keyword-only argument{}) were given",
                if npos == 1 { "" } else { "s" },
                if given_kw == 1 { "" } else { "s" }
            )
        } else if npos == 1 {
            "1 was given".to_string()
        } else {
            format!("{npos} were given")
        };
        return Err(PyErr::type_error(format!(
            "{qual}() takes {takes} but {given}"
        )));
    }
    // Keyword arguments.
    let mut extra_kw: Option<crate::dict::Dict> = code.flags.varkw.then(crate::dict::Dict::new);
    let mut posonly_as_kw = Vec::new();
    for (name, v) in args.kw {
        let found = code.varnames[..argcount + kwonly]
            .iter()
            .position(|n| **n == *name);
        match found {
            Some(i) if i < code.posonlyargcount as usize => {
                if let Some(extra) = extra_kw.as_mut() {
                    let _ = extra.insert(Value::Str(name), v);
                } else {
                    posonly_as_kw.push(name);
                }
            }
            Some(i) => {
                if frame.locals[i].is_some() {
                    return Err(PyErr::type_error(format!(
                        "{qual}() got multiple values for argument '{name}'"
                    )));
                }
                frame.locals[i] = Some(v);
            }
            None => match extra_kw.as_mut() {
                Some(extra) => {
                    let _ = extra.insert(Value::Str(name), v);
                }
                None => {
                    return Err(PyErr::type_error(format!(
                        "{qual}() got an unexpected keyword argument '{name}'"
                    )))
                }
            },
        }
    }
    if !posonly_as_kw.is_empty() {
        let names: Vec<String> = posonly_as_kw.iter().map(|n| format!("'{n}'")).collect();
        return Err(PyErr::type_error(format!(
            "{qual}() got some positional-only arguments passed as keyword arguments: {}",
            names.join(", ")
        )));
    }
    if let Some(extra) = extra_kw {
        frame.locals[var_slot] = Some(Value::dict(extra));
    }
    // Defaults, then what is still missing.
    let first_default = argcount - func.defaults.len().min(argcount);
    let mut missing = Vec::new();
    for i in 0..argcount {
        if frame.locals[i].is_none() {
            if i >= first_default {
                frame.locals[i] = Some(func.defaults[i - first_default].clone());
            } else {
                missing.push(code.varnames[i].clone());
            }
        }
    }
    if !missing.is_empty() {
        return Err(missing_error(qual, "positional", &missing));
    }
    for i in argcount..argcount + kwonly {
        if frame.locals[i].is_none() {
            let name = &code.varnames[i];
            match func.kwdefaults.iter().find(|(k, _)| k == name) {
                Some((_, v)) => frame.locals[i] = Some(v.clone()),
                None => missing.push(name.clone()),
            }
        }
    }
    if !missing.is_empty() {
        return Err(missing_error(qual, "keyword-only", &missing));
    }
    frame.fill_cells_from_params();
    Ok(frame)
}

fn missing_error(qual: &str, kind: &str, names: &[Rc<str>]) -> PyErr {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    let list = match quoted.len() {
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        _ => format!(
            "{}, and {}",
            quoted[..quoted.len() - 1].join(", "),
            quoted[quoted.len() - 1]
        ),
    };
    PyErr::type_error(format!(
        "{qual}() missing {} required {kind} argument{}: {list}",
        names.len(),
        if names.len() == 1 { "" } else { "s" }
    ))
}

//! The instruction loop of one frame. It runs until something only the run loop can handle: a
//! call into Python (a new frame), a return, a yield, an await, or an exception the frame does
//! not handle.

use std::rc::Rc;

use crate::ast::{BinOp, CmpOp};
use crate::compile::code::Op;
use crate::error::{Abort, PyErr, PyResult};
use crate::object::{Function, GenKind, GenState, Namespace};
use crate::types::{class_of, with_types};
use crate::value::Value;
use crate::vm::call::{self, Prepared};
use crate::vm::frame::{Block, Frame, Resume, Role};
use crate::vm::{attr, iter, ops, take_frame, text, Args, Event, Vm};

/// Every this many instructions the VM looks at the clock (or its step budget).
pub(crate) const CHECK_EVERY: u64 = 1024;

impl Vm {
    pub(crate) fn exec(&self, f: &mut Frame) -> Event {
        let code = f.code.clone();
        let ops = &code.ops[..];
        // Steps are counted down locally (the VM keeps what is left between calls, so a run of
        // many short frames is checked as often as one long loop) and added to `self.steps`
        // at each check, so the common instruction pays no memory write for the count.
        let mut budget = self.budget.get().clamp(1, CHECK_EVERY);
        let leave = |budget: u64| self.budget.set(budget);
        loop {
            let Some(&op) = ops.get(f.ip) else {
                leave(budget);
                return Event::Return(Value::None);
            };
            f.ip += 1;
            budget -= 1;
            if budget == 0 {
                self.steps.set(self.steps.get() + CHECK_EVERY);
                budget = CHECK_EVERY;
                if let Err(e) = self.check_limits() {
                    if let Err(e) = self.raise_in(f, e) {
                        leave(budget);
                        return Event::Error(e);
                    }
                    continue;
                }
            }
            // The hot instructions of loops over ints, handled without leaving this loop and
            // without dropping or cloning values through the general paths.
            if let Some(done) = fast(f, op) {
                if done {
                    continue;
                }
            }
            // What may call out (a print) can read the exact count: see `Vm::steps_in_poll`.
            self.budget.set(budget);
            match self.step(f, op) {
                Ok(None) => {}
                Ok(Some(event)) => {
                    leave(budget);
                    if matches!(event, Event::Await(_)) {
                        // The line a task waits at: its sleep, fetch or poll names it.
                        self.lab.executor().set_line(Some(f.line()));
                    }
                    return event;
                }
                Err(e) => {
                    if let Err(e) = self.raise_in(f, e) {
                        leave(budget);
                        return Event::Error(e);
                    }
                }
            }
        }
    }

    /// Counts one step of work done in a loop written in Rust (an `itertools` iterator), so a
    /// runaway loop there (`sum(itertools.count())`) meets the same limits as one in bytecode.
    pub(crate) fn tick(&self) -> PyResult<()> {
        let left = self.budget.get().clamp(1, CHECK_EVERY) - 1;
        if left == 0 {
            self.steps.set(self.steps.get() + CHECK_EVERY);
            self.budget.set(CHECK_EVERY);
            self.check_limits()
        } else {
            self.budget.set(left);
            Ok(())
        }
    }

    /// Stops a run that holds the thread too long without awaiting (on the real clock) or takes
    /// too many steps (on the virtual clock): an error no `except` can catch.
    fn check_limits(&self) -> PyResult<()> {
        let exec = self.lab.executor();
        if exec.clock().is_virtual() {
            let limit = self.step_limit.get();
            if self.steps.get() > limit {
                let steps = if limit >= 1_000_000 {
                    format!("{} million", limit / 1_000_000)
                } else {
                    limit.to_string()
                };
                return Err(PyErr::abort(
                    Abort::StepLimit,
                    format!(
                        "{} {steps} steps: the program computes for a long time, or does not end \
                     (run it to measure it)",
                        awaitlab_core::trace::PREDICTION_CUT
                    ),
                ));
            }
            let ns = self.cpu_ns_per_step.get();
            let in_poll = self
                .steps
                .get()
                .saturating_sub(self.poll_started_steps.get());
            if ns > 0.0 && in_poll > crate::vm::CPU_FREE_STEPS {
                // CPU work takes time in the prediction too: charge the last stretch.
                let charge = if in_poll - CHECK_EVERY <= crate::vm::CPU_FREE_STEPS {
                    in_poll
                } else {
                    CHECK_EVERY
                };
                exec.clock()
                    .block_until(exec.now_us() + charge as f64 * ns / 1000.0);
            }
        } else {
            let held = exec.now_us() - self.held_since_us();
            if held > self.freeze_limit_us.get() {
                return Err(PyErr::abort(
                    Abort::Runaway,
                    format!(
                    "stopped: the program kept the page frozen for {:.0} s (it blocks or computes \
                     without awaiting anything that waits)",
                    held / 1e6
                ),
                ));
            }
        }
        if exec.is_finished() {
            return Err(PyErr::abort(Abort::RunOver, "stopped"));
        }
        Ok(())
    }

    #[inline(always)]
    fn step(&self, f: &mut Frame, op: Op) -> PyResult<Option<Event>> {
        match op {
            Op::Nop => {}
            Op::LoadConst(i) => {
                let v = f.code.consts[i as usize].clone();
                f.stack.push(v);
            }
            Op::LoadFast(i) => match &f.locals[i as usize] {
                Some(v) => {
                    let v = v.clone();
                    f.stack.push(v);
                }
                None => {
                    return Err(PyErr::unbound_local(format!(
                        "cannot access local variable '{}' where it is not associated with a value",
                        f.code.varnames[i as usize]
                    )))
                }
            },
            Op::StoreFast(i) => {
                let v = pop(f);
                f.locals[i as usize] = Some(v);
            }
            Op::DeleteFast(i) => {
                if f.locals[i as usize].take().is_none() {
                    return Err(PyErr::unbound_local(format!(
                        "cannot access local variable '{}' where it is not associated with a value",
                        f.code.varnames[i as usize]
                    )));
                }
            }
            Op::LoadDeref(i) => {
                let v = f.cells[i as usize].borrow().clone();
                match v {
                    Some(v) => f.stack.push(v),
                    None => return Err(unbound_cell(f, i)),
                }
            }
            Op::StoreDeref(i) => {
                let v = pop(f);
                *f.cells[i as usize].borrow_mut() = Some(v);
            }
            Op::DeleteDeref(i) => {
                if f.cells[i as usize].borrow_mut().take().is_none() {
                    return Err(unbound_cell(f, i));
                }
            }
            Op::LoadGlobal(i) => {
                let name = &f.code.names[i as usize];
                let found = f.globals.borrow().get(name).cloned();
                match found.or_else(|| self.builtins.borrow().get(name).cloned()) {
                    Some(v) => f.stack.push(v),
                    None => return Err(name_error(name)),
                }
            }
            Op::StoreGlobal(i) => {
                let v = pop(f);
                let name = f.code.names[i as usize].clone();
                f.globals.borrow_mut().insert(name, v);
            }
            Op::DeleteGlobal(i) => {
                let name = &f.code.names[i as usize];
                if f.globals.borrow_mut().remove(name).is_none() {
                    return Err(name_error(name));
                }
            }
            Op::LoadName(i) => {
                let name = &f.code.names[i as usize];
                let local = f
                    .namespace
                    .as_ref()
                    .and_then(|ns| ns.borrow().get(name).cloned());
                let found = local
                    .or_else(|| f.globals.borrow().get(name).cloned())
                    .or_else(|| self.builtins.borrow().get(name).cloned());
                match found {
                    Some(v) => f.stack.push(v),
                    None => return Err(name_error(name)),
                }
            }
            Op::StoreName(i) => {
                let v = pop(f);
                let name = f.code.names[i as usize].clone();
                namespace_of(f).borrow_mut().insert(name, v);
            }
            Op::DeleteName(i) => {
                let name = f.code.names[i as usize].clone();
                if namespace_of(f).borrow_mut().remove(&name).is_none() {
                    return Err(name_error(&name));
                }
            }
            Op::LoadAttr(i) => {
                let obj = pop(f);
                let v = attr::getattr(self, &obj, &f.code.names[i as usize])?;
                f.stack.push(v);
            }
            Op::StoreAttr(i) => {
                let obj = pop(f);
                let v = pop(f);
                attr::setattr(self, &obj, &f.code.names[i as usize], v)?;
            }
            Op::DeleteAttr(i) => {
                let obj = pop(f);
                attr::delattr(self, &obj, &f.code.names[i as usize])?;
            }
            Op::LoadMethod(i) => {
                let obj = pop(f);
                let (callable, receiver) = attr::load_method(self, obj, &f.code.names[i as usize])?;
                f.stack.push(callable);
                f.receivers.push(receiver);
            }
            Op::CallMethod(n) => {
                let n = n as usize;
                let at = f.stack.len() - n;
                let receiver = f.receivers.pop().flatten();
                let mut pos = Vec::with_capacity(n + 1);
                if let Some(r) = receiver {
                    pos.push(r);
                }
                pos.extend(f.stack.drain(at..));
                let callee = pop(f);
                return self.call_from(f, callee, Args::new(pos));
            }
            Op::BinarySubscr => {
                let idx = pop(f);
                let obj = pop(f);
                let v = ops::getitem(self, &obj, &idx)?;
                f.stack.push(v);
            }
            Op::StoreSubscr => {
                let idx = pop(f);
                let obj = pop(f);
                let v = pop(f);
                ops::setitem(self, &obj, idx, v)?;
            }
            Op::DeleteSubscr => {
                let idx = pop(f);
                let obj = pop(f);
                ops::delitem(self, &obj, &idx)?;
            }
            Op::BuildSlice(n) => {
                let step = if n == 3 { pop(f) } else { Value::None };
                let stop = pop(f);
                let start = pop(f);
                f.stack.push(Value::Slice(Rc::new(crate::object::SliceObj {
                    start,
                    stop,
                    step,
                })));
            }
            Op::PopTop => {
                f.stack.pop();
            }
            Op::DupTop => {
                let v = top(f).clone();
                f.stack.push(v);
            }
            Op::DupTopTwo => {
                let n = f.stack.len();
                let (a, b) = (f.stack[n - 2].clone(), f.stack[n - 1].clone());
                f.stack.push(a);
                f.stack.push(b);
            }
            Op::RotTwo => {
                let n = f.stack.len();
                f.stack.swap(n - 1, n - 2);
            }
            Op::RotThree => {
                let v = pop(f);
                let n = f.stack.len();
                f.stack.insert(n - 2, v);
            }
            Op::RotFour => {
                let v = pop(f);
                let n = f.stack.len();
                f.stack.insert(n - 3, v);
            }
            Op::Binary(op) => {
                let b = pop(f);
                let a = pop(f);
                let v = ops::binary(self, op, &a, &b)?;
                f.stack.push(v);
            }
            Op::Inplace(op) => {
                let b = pop(f);
                let a = pop(f);
                let v = ops::inplace(self, op, &a, &b)?;
                f.stack.push(v);
            }
            Op::Unary(op) => {
                let a = pop(f);
                let v = ops::unary(self, op, &a)?;
                f.stack.push(v);
            }
            Op::Compare(op) => {
                let b = pop(f);
                let a = pop(f);
                let v = match (op, &a, &b) {
                    (CmpOp::Lt, Value::Int(x), Value::Int(y)) => x < y,
                    (CmpOp::LtE, Value::Int(x), Value::Int(y)) => x <= y,
                    (CmpOp::Gt, Value::Int(x), Value::Int(y)) => x > y,
                    (CmpOp::GtE, Value::Int(x), Value::Int(y)) => x >= y,
                    (CmpOp::Eq, Value::Int(x), Value::Int(y)) => x == y,
                    (CmpOp::NotEq, Value::Int(x), Value::Int(y)) => x != y,
                    _ => {
                        return ops::compare(self, op, &a, &b).map(|v| {
                            f.stack.push(v);
                            None
                        })
                    }
                };
                f.stack.push(Value::Bool(v));
            }
            Op::Jump(t) => f.ip = t as usize,
            Op::PopJumpIfFalse(t) => {
                let v = pop(f);
                if !self.truthy(&v)? {
                    f.ip = t as usize;
                }
            }
            Op::PopJumpIfTrue(t) => {
                let v = pop(f);
                if self.truthy(&v)? {
                    f.ip = t as usize;
                }
            }
            Op::JumpIfFalseOrPop(t) => {
                if self.truthy(top(f))? {
                    f.stack.pop();
                } else {
                    f.ip = t as usize;
                }
            }
            Op::JumpIfTrueOrPop(t) => {
                if self.truthy(top(f))? {
                    f.ip = t as usize;
                } else {
                    f.stack.pop();
                }
            }
            Op::GetIter => {
                let v = pop(f);
                let it = iter::get_iter(self, v, f)?;
                f.stack.push(it);
            }
            Op::ForIter(t) => {
                let it = top(f).clone();
                if let Value::Gen(g) = &it {
                    if g.kind == GenKind::Generator {
                        if matches!(*g.state.borrow(), GenState::Done) {
                            f.stack.pop();
                            f.ip = t as usize;
                            return Ok(None);
                        }
                        let mut frame = take_frame(g, "generator")?;
                        if g.started.replace(true) {
                            frame.stack.push(Value::None);
                        }
                        frame.role = Role::Gen {
                            gen: g.clone(),
                            how: Resume::ForIter(t),
                        };
                        return Ok(Some(Event::Push(frame)));
                    }
                }
                match iter::next(self, &it)? {
                    Some(v) => f.stack.push(v),
                    None => {
                        f.stack.pop();
                        f.ip = t as usize;
                    }
                }
            }
            Op::GetAIter => {
                let v = pop(f);
                let it = iter::get_aiter(self, v)?;
                f.stack.push(it);
            }
            Op::GetANext => {
                let it = top(f).clone();
                let aw = iter::anext_awaitable(self, &it)?;
                f.stack.push(aw);
            }
            Op::EndAsyncFor => {
                let exc = pop(f);
                let stop = with_types(|t| t.stop_async_iteration.clone());
                if crate::types::isinstance(&exc, &stop) {
                    f.stack.pop(); // the async iterator
                } else {
                    return Err(as_err(exc));
                }
            }
            Op::BuildTuple(n) => {
                let items = take_n(f, n);
                f.stack.push(Value::tuple(items));
            }
            Op::BuildList(n) => {
                let items = take_n(f, n);
                f.stack.push(Value::list(items));
            }
            Op::BuildSet(n) => {
                let items = take_n(f, n);
                let mut set = crate::dict::Set::new();
                for i in items {
                    ops::set_insert(&mut set, i)?;
                }
                f.stack
                    .push(Value::Set(Rc::new(std::cell::RefCell::new(set))));
            }
            Op::BuildMap(n) => {
                let items = take_n(f, n * 2);
                let mut d = crate::dict::Dict::new();
                let mut it = items.into_iter();
                while let (Some(k), Some(v)) = (it.next(), it.next()) {
                    ops::dict_insert(&mut d, k, v)?;
                }
                f.stack.push(Value::dict(d));
            }
            Op::BuildString(n) => {
                let parts = take_n(f, n);
                let mut s = String::new();
                for p in &parts {
                    if let Value::Str(p) = p {
                        s.push_str(p);
                    }
                }
                f.stack.push(Value::from(s));
            }
            Op::FormatValue(flags) => {
                let spec = if flags & 4 != 0 { Some(pop(f)) } else { None };
                let v = pop(f);
                let v = match flags & 3 {
                    1 => Value::from(text::str(self, &v)?),
                    2 => Value::from(text::repr(self, &v)?),
                    3 => Value::from(crate::text::ascii_escape(&text::repr(self, &v)?)),
                    _ => v,
                };
                let spec = match &spec {
                    Some(Value::Str(s)) => s.to_string(),
                    _ => String::new(),
                };
                let out = text::format(self, &v, &spec)?;
                f.stack.push(Value::from(out));
            }
            Op::ListAppend(n) => {
                let v = pop(f);
                let at = f.stack.len() - n as usize;
                if let Value::List(l) = &f.stack[at] {
                    l.borrow_mut().push(v);
                }
            }
            Op::SetAdd(n) => {
                let v = pop(f);
                let at = f.stack.len() - n as usize;
                if let Value::Set(s) = &f.stack[at] {
                    ops::set_insert(&mut s.borrow_mut(), v)?;
                }
            }
            Op::MapAdd(n) => {
                let v = pop(f);
                let k = pop(f);
                let at = f.stack.len() - n as usize;
                if let Value::Dict(d) = &f.stack[at] {
                    ops::dict_insert(&mut d.borrow_mut(), k, v)?;
                }
            }
            Op::ListExtend(n) => {
                let v = pop(f);
                let items = iter::collect(self, &v)?;
                let at = f.stack.len() - n as usize;
                if let Value::List(l) = &f.stack[at] {
                    l.borrow_mut().extend(items);
                }
            }
            Op::SetUpdate(n) => {
                let v = pop(f);
                let items = iter::collect(self, &v)?;
                let at = f.stack.len() - n as usize;
                if let Value::Set(s) = &f.stack[at] {
                    let mut s = s.borrow_mut();
                    for i in items {
                        ops::set_insert(&mut s, i)?;
                    }
                }
            }
            Op::DictUpdate(n) => {
                let v = pop(f);
                let at = f.stack.len() - n as usize;
                let target = f.stack[at].clone();
                ops::dict_update(self, &target, &v)?;
            }
            Op::ListToTuple => {
                let v = pop(f);
                let items = match &v {
                    Value::List(l) => l.borrow().clone(),
                    other => iter::collect(self, other)?,
                };
                f.stack.push(Value::tuple(items));
            }
            Op::UnpackSequence(n) => {
                let v = pop(f);
                let items = iter::unpack(self, &v, n as usize, None)?;
                f.stack.extend(items.into_iter().rev());
            }
            Op::UnpackEx(before, after) => {
                let v = pop(f);
                let items = iter::unpack(self, &v, before as usize, Some(after as usize))?;
                f.stack.extend(items.into_iter().rev());
            }
            Op::MakeFunction(ci, flags) => {
                let kwdefaults = if flags & 2 != 0 { Some(pop(f)) } else { None };
                let defaults = if flags & 1 != 0 { Some(pop(f)) } else { None };
                let inner = f.code.codes[ci as usize].clone();
                let closure = if flags & 8 != 0 {
                    inner
                        .freevars
                        .iter()
                        .map(|name| cell_named(f, name))
                        .collect()
                } else {
                    Vec::new()
                };
                let defaults = match defaults {
                    Some(Value::Tuple(t)) => t.to_vec(),
                    _ => Vec::new(),
                };
                let kwdefaults = match kwdefaults {
                    Some(Value::Dict(d)) => d
                        .borrow()
                        .items()
                        .filter_map(|(k, v)| match k {
                            Value::Str(k) => Some((k.clone(), v.clone())),
                            _ => None,
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                let func = Function {
                    code: inner,
                    globals: f.globals.clone(),
                    defaults,
                    kwdefaults,
                    closure,
                    legacy_coroutine: Default::default(),
                    attrs: Default::default(),
                };
                f.stack.push(Value::Function(Rc::new(func)));
            }
            Op::Call(n) => {
                let at = f.stack.len() - n as usize;
                let pos: Vec<Value> = f.stack.drain(at..).collect();
                let callee = pop(f);
                return self.call_from(f, callee, Args::new(pos));
            }
            Op::CallKw(n, names) => {
                let names = match &f.code.consts[names as usize] {
                    Value::Tuple(t) => t.clone(),
                    _ => Rc::new(Vec::new()),
                };
                let at = f.stack.len() - n as usize;
                let mut all: Vec<Value> = f.stack.drain(at..).collect();
                let kw_values = all.split_off(all.len() - names.len());
                let kw = names
                    .iter()
                    .zip(kw_values)
                    .filter_map(|(k, v)| match k {
                        Value::Str(k) => Some((k.clone(), v)),
                        _ => None,
                    })
                    .collect();
                let callee = pop(f);
                return self.call_from(f, callee, Args { pos: all, kw });
            }
            Op::CallEx(flags) => {
                let kwargs = if flags & 1 != 0 { Some(pop(f)) } else { None };
                let args = pop(f);
                let callee = pop(f);
                let pos = match args {
                    Value::Tuple(t) => t.to_vec(),
                    other => iter::collect(self, &other)?,
                };
                let mut kw = Vec::new();
                if let Some(Value::Dict(d)) = kwargs {
                    for (k, v) in d.borrow().items() {
                        match k {
                            Value::Str(k) => kw.push((k.clone(), v.clone())),
                            _ => return Err(PyErr::type_error("keywords must be strings")),
                        }
                    }
                }
                return self.call_from(f, callee, Args { pos, kw });
            }
            Op::Return => {
                let v = f.stack.pop().unwrap_or(Value::None);
                return Ok(Some(Event::Return(v)));
            }
            Op::YieldValue => {
                let v = pop(f);
                return Ok(Some(Event::Yield(v)));
            }
            Op::YieldFrom => {
                let sent = pop(f);
                if let Role::Awaited { coro } = &f.role {
                    if coro.legacy.get() {
                        // `yield from` in an `@asyncio.coroutine` is an await.
                        let aw = pop(f);
                        return Ok(Some(Event::Await(aw)));
                    }
                }
                let sub = top(f).clone();
                if let Value::Gen(g) = &sub {
                    if g.kind == GenKind::Generator {
                        let mut frame = match take_frame(g, "generator") {
                            Ok(frame) => frame,
                            Err(_) if matches!(*g.state.borrow(), GenState::Done) => {
                                f.stack.pop();
                                f.stack.push(Value::None);
                                return Ok(None);
                            }
                            Err(e) => return Err(e),
                        };
                        if g.started.replace(true) {
                            frame.stack.push(sent);
                        }
                        frame.role = Role::Gen {
                            gen: g.clone(),
                            how: Resume::YieldFrom,
                        };
                        f.ip -= 1;
                        return Ok(Some(Event::Push(frame)));
                    }
                }
                match iter::next(self, &sub)? {
                    Some(v) => {
                        f.ip -= 1;
                        return Ok(Some(Event::Yield(v)));
                    }
                    None => {
                        f.stack.pop();
                        f.stack.push(Value::None);
                    }
                }
            }
            Op::GetAwaitable => {}
            Op::Await => {
                let aw = pop(f);
                return Ok(Some(Event::Await(aw)));
            }
            Op::BuildClass(n) => {
                let bases = take_n(f, n);
                let body = pop(f);
                let Value::Function(body) = body else {
                    return Err(PyErr::type_error("class body is not a function"));
                };
                let mut frame = Frame::new(body.code.clone(), f.globals.clone(), &body.closure);
                let ns: Namespace = Default::default();
                let module = f
                    .globals
                    .borrow()
                    .get("__name__")
                    .cloned()
                    .unwrap_or_else(|| Value::str("__main__"));
                ns.borrow_mut().insert(Rc::from("__module__"), module);
                frame.namespace = Some(Rc::new(ns));
                frame.role = Role::ClassBody { bases };
                return Ok(Some(Event::Push(Box::new(frame))));
            }
            Op::ReturnNamespace => return Ok(Some(Event::Return(Value::None))),
            Op::Raise(n) => {
                return Err(match n {
                    0 => match f.handled.last() {
                        Some(e) => as_err(e.clone()),
                        None => PyErr::runtime_error("No active exception to reraise"),
                    },
                    1 => {
                        let exc = pop(f);
                        call::make_exception(self, exc)?
                    }
                    _ => {
                        let cause = pop(f);
                        let exc = call::make_exception(self, pop(f))?;
                        let cause = if cause.is_none() {
                            None
                        } else {
                            Some(call::make_exception(self, cause)?.value())
                        };
                        *exc.state().cause.borrow_mut() = cause;
                        exc.state().suppress_context.set(true);
                        exc
                    }
                });
            }
            Op::PushExcInfo => {
                let e = top(f).clone();
                f.handled.push(e);
            }
            Op::PopExcept => {
                f.handled.pop();
            }
            Op::CheckExcMatch => {
                let t = pop(f);
                let exc = top(f).clone();
                let matched = call::exception_matches(&exc, &t)?;
                f.stack.push(Value::Bool(matched));
            }
            Op::Reraise => {
                let exc = pop(f);
                f.handled.pop();
                return Err(as_err(exc));
            }
            Op::BeforeWith => {
                let mgr = pop(f);
                let (exit, enter) = context_methods(self, &mgr, "__enter__", "__exit__", "")?;
                f.stack.push(exit);
                let v = self.call(&enter, Args::default())?;
                f.stack.push(v);
            }
            Op::BeforeAsyncWith => {
                let mgr = pop(f);
                let (exit, enter) =
                    context_methods(self, &mgr, "__aenter__", "__aexit__", "asynchronous ")?;
                f.stack.push(exit);
                let aw = self.call(&enter, Args::default())?;
                f.stack.push(aw);
            }
            Op::WithExceptStart => {
                let n = f.stack.len();
                let exc = f.stack[n - 1].clone();
                let exit = f.stack[n - 2].clone();
                let typ = Value::Class(class_of(&exc));
                let v = self.call(&exit, Args::new(vec![typ, exc, Value::None]))?;
                f.stack.push(v);
            }
            Op::ImportName(i, leaf) => {
                let name = f.code.names[i as usize].clone();
                let module = crate::modules::import(self, &name, leaf == 1)?;
                f.stack.push(module);
            }
            Op::ImportFrom(i) => {
                let module = top(f).clone();
                let name = f.code.names[i as usize].clone();
                let mname = match &module {
                    Value::Module(m) => m.name.to_string(),
                    _ => "?".into(),
                };
                let v = match attr::getattr(self, &module, &name) {
                    Ok(v) => v,
                    // `from concurrent import futures`: a submodule, imported on the way.
                    Err(_) => crate::modules::import(self, &format!("{mname}.{name}"), true)
                        .map_err(|_| {
                            PyErr::new(
                                &with_types(|t| t.import_error.clone()),
                                format!(
                                    "cannot import name '{name}' from '{mname}' (AwaitLab provides part of this module)"
                                ),
                            )
                        })?,
                };
                f.stack.push(v);
            }
            Op::ImportStar => {
                let module = pop(f);
                if let Value::Module(m) = module {
                    let items: Vec<(Rc<str>, Value)> = m
                        .attrs
                        .borrow()
                        .iter()
                        .filter(|(k, _)| !k.starts_with('_'))
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect();
                    let ns = namespace_of(f);
                    let mut ns = ns.borrow_mut();
                    for (k, v) in items {
                        ns.insert(k, v);
                    }
                }
            }
            Op::LoadAssertionError => {
                f.stack
                    .push(Value::Class(with_types(|t| t.assertion_error.clone())));
            }
            Op::SetupFinally(t) => f.blocks.push(Block {
                handler: t,
                depth: f.stack.len() as u32,
                handled: f.handled.len() as u32,
                receivers: f.receivers.len() as u32,
            }),
            Op::PopBlock => {
                f.blocks.pop();
            }
        }
        Ok(None)
    }

    /// A call from bytecode: built-ins run here; Python functions become a new frame.
    fn call_from(&self, f: &mut Frame, callee: Value, args: Args) -> PyResult<Option<Event>> {
        // What a built-in records (a print, a blocking sleep, a task spawned) names this line.
        self.lab.executor().set_line(Some(f.line()));
        match call::prepare(self, &callee, args)? {
            Prepared::Value(v) => {
                f.stack.push(v);
                Ok(None)
            }
            Prepared::Frame(frame) => Ok(Some(Event::Push(frame))),
            Prepared::Await(aw) => Ok(Some(Event::Await(aw))),
        }
    }
}

/// Runs `op` if it is a hot instruction on ints or booleans: `Some(true)` when done, `None` to
/// take the general path. Values known to be ints are discarded with `mem::forget` (they own
/// nothing), which spares a call to the drop glue per operand.
#[inline(always)]
fn fast(f: &mut Frame, op: Op) -> Option<bool> {
    match op {
        Op::LoadFast(i) => match f.locals.get(i as usize) {
            Some(Some(Value::Int(x))) => {
                let x = *x;
                f.stack.push(Value::Int(x));
                Some(true)
            }
            Some(Some(Value::Bool(b))) => {
                let b = *b;
                f.stack.push(Value::Bool(b));
                Some(true)
            }
            _ => None,
        },
        Op::LoadConst(i) => match f.code.consts.get(i as usize) {
            Some(Value::Int(x)) => {
                let x = *x;
                f.stack.push(Value::Int(x));
                Some(true)
            }
            _ => None,
        },
        Op::StoreFast(i) => {
            let slot = f.locals.get_mut(i as usize)?;
            if !matches!(
                slot,
                None | Some(Value::Int(_) | Value::Bool(_) | Value::Float(_))
            ) {
                return None;
            }
            let v = f.stack.pop()?;
            std::mem::forget(slot.replace(v));
            Some(true)
        }
        Op::Binary(op) | Op::Inplace(op) => {
            let n = f.stack.len();
            if n < 2 {
                return None;
            }
            let (Value::Int(x), Value::Int(y)) = (&f.stack[n - 2], &f.stack[n - 1]) else {
                return None;
            };
            let (x, y) = (*x, *y);
            let r = match op {
                BinOp::Add => x.checked_add(y)?,
                BinOp::Sub => x.checked_sub(y)?,
                BinOp::Mult => x.checked_mul(y)?,
                BinOp::Mod if y > 0 && x >= 0 => x % y,
                BinOp::FloorDiv if y > 0 && x >= 0 => x / y,
                _ => return None,
            };
            std::mem::forget(f.stack.pop());
            std::mem::forget(std::mem::replace(&mut f.stack[n - 2], Value::Int(r)));
            Some(true)
        }
        Op::Compare(op) => {
            let n = f.stack.len();
            if n < 2 {
                return None;
            }
            let (Value::Int(x), Value::Int(y)) = (&f.stack[n - 2], &f.stack[n - 1]) else {
                return None;
            };
            let r = match op {
                CmpOp::Lt => x < y,
                CmpOp::LtE => x <= y,
                CmpOp::Gt => x > y,
                CmpOp::GtE => x >= y,
                CmpOp::Eq => x == y,
                CmpOp::NotEq => x != y,
                _ => return None,
            };
            std::mem::forget(f.stack.pop());
            std::mem::forget(std::mem::replace(&mut f.stack[n - 2], Value::Bool(r)));
            Some(true)
        }
        Op::PopJumpIfFalse(t) | Op::PopJumpIfTrue(t) => {
            let b = match f.stack.last() {
                Some(Value::Bool(b)) => *b,
                Some(Value::Int(i)) => *i != 0,
                _ => return None,
            };
            std::mem::forget(f.stack.pop());
            if b == matches!(op, Op::PopJumpIfTrue(_)) {
                f.ip = t as usize;
            }
            Some(true)
        }
        Op::Jump(t) => {
            f.ip = t as usize;
            Some(true)
        }
        Op::ForIter(t) => {
            let Some(Value::Iter(it)) = f.stack.last() else {
                return None;
            };
            let next = match &mut *it.borrow_mut() {
                crate::object::IterState::Range { next, left, step } => {
                    if *left <= 0 {
                        None
                    } else {
                        let v = *next;
                        *left -= 1;
                        *next = next.wrapping_add(*step);
                        Some(v)
                    }
                }
                _ => return None,
            };
            match next {
                Some(v) => f.stack.push(Value::Int(v)),
                None => {
                    f.stack.pop();
                    f.ip = t as usize;
                }
            }
            Some(true)
        }
        _ => None,
    }
}

#[inline(always)]
fn pop(f: &mut Frame) -> Value {
    f.stack.pop().unwrap_or(Value::None)
}

#[inline(always)]
fn top(f: &Frame) -> &Value {
    f.stack.last().unwrap_or(&Value::None)
}

fn take_n(f: &mut Frame, n: u32) -> Vec<Value> {
    let at = f.stack.len().saturating_sub(n as usize);
    f.stack.drain(at..).collect()
}

fn namespace_of(f: &Frame) -> Rc<Namespace> {
    f.namespace.clone().unwrap_or_else(|| f.globals.clone())
}

fn name_error(name: &str) -> PyErr {
    PyErr::name_error(format!("name '{name}' is not defined"))
}

fn unbound_cell(f: &Frame, i: u32) -> PyErr {
    let i = i as usize;
    let ncell = f.code.cellvars.len();
    if i < ncell {
        PyErr::unbound_local(format!(
            "cannot access local variable '{}' where it is not associated with a value",
            f.code.cellvars[i]
        ))
    } else {
        PyErr::name_error(format!(
            "cannot access free variable '{}' where it is not associated with a value in enclosing scope",
            f.code.freevars.get(i - ncell).map_or("?", |n| n)
        ))
    }
}

fn cell_named(f: &Frame, name: &str) -> crate::vm::frame::CellRef {
    let ncell = f.code.cellvars.len();
    let i = f
        .code
        .cellvars
        .iter()
        .position(|c| &**c == name)
        .or_else(|| {
            f.code
                .freevars
                .iter()
                .position(|c| &**c == name)
                .map(|i| i + ncell)
        });
    match i {
        Some(i) => f.cells[i].clone(),
        None => Rc::new(std::cell::RefCell::new(None)),
    }
}

/// The exception an `except`/`finally` handler holds, as an error to raise again.
pub(crate) fn as_err(v: Value) -> PyErr {
    match v {
        Value::Instance(i) if i.exc.is_some() => PyErr(i),
        _ => PyErr::runtime_error("re-raised something that is not an exception"),
    }
}

fn context_methods(
    vm: &Vm,
    mgr: &Value,
    enter: &str,
    exit: &str,
    what: &str,
) -> PyResult<(Value, Value)> {
    let missing = || {
        PyErr::type_error(format!(
            "'{}' object does not support the {what}context manager protocol",
            crate::object::type_name(mgr)
        ))
    };
    let exit_m = attr::getattr(vm, mgr, exit).map_err(|_| missing())?;
    let enter_m = attr::getattr(vm, mgr, enter).map_err(|_| missing())?;
    Ok((exit_m, enter_m))
}

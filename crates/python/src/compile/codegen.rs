//! Walks the syntax tree and emits bytecode, one code object per function, lambda,
//! comprehension and class body.
//!
//! Exceptions use a block stack at run time (`SetupFinally`/`PopBlock`, as CPython ≤ 3.10):
//! simple to get right, and a `try` costs two cheap instructions. `return`, `break` and
//! `continue` leaving a `try`/`with`/loop emit the cleanup inline (the `finally` body, the
//! `__exit__` call, popping the iterator) as CPython's compiler does, so no run-time "why" codes
//! are needed.

use std::collections::HashMap;
use std::rc::Rc;

use super::code::{Code, CodeFlags, Op};
use super::symtable::{ScopeKind, Sym, SymTable};
use crate::ast::*;
use crate::value::Value;

type CResult<T = ()> = Result<T, SyntaxError>;

fn err(msg: impl Into<String>, pos: Pos) -> SyntaxError {
    SyntaxError {
        msg: msg.into(),
        pos,
        kind: SyntaxErrorKind::Syntax,
    }
}

/// What a `break`, `continue` or `return` must clean up on its way out.
enum FBlock<'a> {
    /// A loop: where `continue` goes, the jumps `break` makes (patched to the loop's end), and
    /// whether an iterator sits on the stack (a `for`).
    Loop {
        head: u32,
        breaks: Vec<usize>,
        has_iter: bool,
    },
    /// The body of a `try` with a `finally`: leaving runs the `finally` body.
    TryFinally(&'a [Stmt]),
    /// The body of a `try` with `except` clauses: leaving pops the handler.
    TryExcept,
    /// Inside a `finally` entered by an exception (it is on the stack and being handled).
    FinallyHandler,
    /// Inside an `except` clause (the exception is being handled; `name` is bound to it).
    ExceptHandler(Option<String>),
    /// The body of a `with`: its `__exit__` is on the stack.
    With { is_async: bool },
}

struct Unit<'a> {
    scope: usize,
    name: Rc<str>,
    qualname: Rc<str>,
    ops: Vec<Op>,
    lines: Vec<u32>,
    consts: Vec<Value>,
    names: Vec<Rc<str>>,
    name_index: HashMap<Rc<str>, u32>,
    varnames: Vec<Rc<str>>,
    var_index: HashMap<String, u32>,
    cellvars: Vec<Rc<str>>,
    freevars: Vec<Rc<str>>,
    codes: Vec<Rc<Code>>,
    fblocks: Vec<FBlock<'a>>,
    line: u32,
    flags: CodeFlags,
    argcount: u32,
    posonlyargcount: u32,
    kwonlyargcount: u32,
    first_line: u32,
    kind: ScopeKind,
    is_async: bool,
}

/// The code generator for one module.
pub(super) struct Codegen<'a> {
    table: &'a SymTable,
    units: Vec<Unit<'a>>,
}

impl<'a> Codegen<'a> {
    /// Compiles a module's top level.
    pub(super) fn module(table: &'a SymTable, module: &'a Module) -> CResult<Rc<Code>> {
        let mut g = Codegen {
            table,
            units: Vec::new(),
        };
        g.push_unit(0, "<module>", "<module>", 1);
        g.unit().flags.module = true;
        g.stmts(&module.body)?;
        g.load_const(Value::None);
        g.emit(Op::Return);
        Ok(g.pop_unit())
    }

    fn unit(&mut self) -> &mut Unit<'a> {
        self.units
            .last_mut()
            .expect("a unit is open while compiling")
    }

    fn push_unit(&mut self, scope: usize, name: &str, qualname: &str, first_line: u32) {
        let s = &self.table.scopes[scope];
        let mut unit = Unit {
            scope,
            name: Rc::from(name),
            qualname: Rc::from(qualname),
            ops: Vec::new(),
            lines: Vec::new(),
            consts: Vec::new(),
            names: Vec::new(),
            name_index: HashMap::new(),
            varnames: Vec::new(),
            var_index: HashMap::new(),
            cellvars: s.cellvars.iter().map(|c| Rc::from(c.as_str())).collect(),
            freevars: s.freevars.iter().map(|c| Rc::from(c.as_str())).collect(),
            codes: Vec::new(),
            fblocks: Vec::new(),
            line: first_line,
            flags: CodeFlags::default(),
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            first_line,
            kind: s.kind,
            is_async: s.is_async,
        };
        if s.kind == ScopeKind::Function {
            for p in &s.params {
                unit.add_var(p);
            }
            for l in s.locals_in_order() {
                unit.add_var(l);
            }
        }
        unit.flags.class_body = s.kind == ScopeKind::Class;
        unit.flags.generator = s.is_generator;
        unit.flags.coroutine = s.is_async;
        self.units.push(unit);
    }

    fn pop_unit(&mut self) -> Rc<Code> {
        let u = self.units.pop().expect("a unit to close");
        let cell_params = u
            .cellvars
            .iter()
            .enumerate()
            .filter_map(|(ci, name)| {
                u.var_index
                    .get(&**name)
                    .filter(|&&vi| vi < u.argcount + u.kwonlyargcount + 2)
                    .filter(|_| {
                        self.table.scopes[u.scope]
                            .params
                            .iter()
                            .any(|p| **p == **name)
                    })
                    .map(|&vi| (vi, ci as u32))
            })
            .collect();
        Rc::new(Code {
            name: u.name,
            qualname: u.qualname,
            ops: u.ops,
            lines: u.lines,
            consts: u.consts,
            names: u.names,
            varnames: u.varnames,
            cellvars: u.cellvars,
            freevars: u.freevars,
            cell_params,
            argcount: u.argcount,
            posonlyargcount: u.posonlyargcount,
            kwonlyargcount: u.kwonlyargcount,
            flags: u.flags,
            codes: u.codes,
            first_line: u.first_line,
        })
    }

    fn emit(&mut self, op: Op) -> usize {
        let u = self.unit();
        u.ops.push(op);
        u.lines.push(u.line);
        u.ops.len() - 1
    }

    fn here(&mut self) -> u32 {
        self.unit().ops.len() as u32
    }

    /// Points the jump at `at` to `target`.
    fn patch(&mut self, at: usize, target: u32) {
        let op = &mut self.unit().ops[at];
        *op = match *op {
            Op::Jump(_) => Op::Jump(target),
            Op::PopJumpIfFalse(_) => Op::PopJumpIfFalse(target),
            Op::PopJumpIfTrue(_) => Op::PopJumpIfTrue(target),
            Op::JumpIfFalseOrPop(_) => Op::JumpIfFalseOrPop(target),
            Op::JumpIfTrueOrPop(_) => Op::JumpIfTrueOrPop(target),
            Op::ForIter(_) => Op::ForIter(target),
            Op::SetupFinally(_) => Op::SetupFinally(target),
            other => other,
        };
    }

    fn patch_here(&mut self, at: usize) {
        let here = self.here();
        self.patch(at, here);
    }

    fn load_const(&mut self, v: Value) {
        let u = self.unit();
        let found = u.consts.iter().position(|c| same_const(c, &v));
        let i = match found {
            Some(i) => i,
            None => {
                u.consts.push(v);
                u.consts.len() - 1
            }
        };
        self.emit(Op::LoadConst(i as u32));
    }

    fn name_idx(&mut self, name: &str) -> u32 {
        let u = self.unit();
        if let Some(&i) = u.name_index.get(name) {
            return i;
        }
        let rc: Rc<str> = Rc::from(name);
        let i = u.names.len() as u32;
        u.names.push(rc.clone());
        u.name_index.insert(rc, i);
        i
    }

    fn cell_idx(&mut self, name: &str) -> u32 {
        let u = self.unit();
        if let Some(i) = u.cellvars.iter().position(|c| &**c == name) {
            return i as u32;
        }
        let i = u.freevars.iter().position(|c| &**c == name).unwrap_or(0);
        (u.cellvars.len() + i) as u32
    }

    fn sym(&self, name: &str) -> Sym {
        let u = self.units.last().expect("a unit");
        self.table.scopes[u.scope].sym(name)
    }

    fn with_line<T>(&mut self, pos: Pos, f: impl FnOnce(&mut Self) -> T) -> T {
        let saved = self.unit().line;
        if pos.line > 0 {
            self.unit().line = pos.line;
        }
        let r = f(self);
        self.unit().line = saved;
        r
    }

    // ----- names -----

    fn load_name(&mut self, name: &str) {
        let op = match (self.unit().kind, self.sym(name)) {
            (ScopeKind::Module, _) => Op::LoadGlobal(self.name_idx(name)),
            (ScopeKind::Class, Sym::Free) => Op::LoadDeref(self.cell_idx(name)),
            (ScopeKind::Class, Sym::Global) => Op::LoadGlobal(self.name_idx(name)),
            (ScopeKind::Class, _) => Op::LoadName(self.name_idx(name)),
            (_, Sym::Local) => Op::LoadFast(self.unit().var_index[name]),
            (_, Sym::Cell | Sym::Free) => Op::LoadDeref(self.cell_idx(name)),
            (_, _) => Op::LoadGlobal(self.name_idx(name)),
        };
        self.emit(op);
    }

    fn store_name(&mut self, name: &str) {
        let op = match (self.unit().kind, self.sym(name)) {
            (ScopeKind::Module, _) => Op::StoreGlobal(self.name_idx(name)),
            (ScopeKind::Class, Sym::Global) => Op::StoreGlobal(self.name_idx(name)),
            (ScopeKind::Class, Sym::Free) if !self.class_binds(name) => {
                Op::StoreDeref(self.cell_idx(name))
            }
            (ScopeKind::Class, _) => Op::StoreName(self.name_idx(name)),
            (_, Sym::Local) => Op::StoreFast(self.unit().var_index[name]),
            (_, Sym::Cell | Sym::Free) => Op::StoreDeref(self.cell_idx(name)),
            (_, _) => Op::StoreGlobal(self.name_idx(name)),
        };
        self.emit(op);
    }

    fn class_binds(&self, name: &str) -> bool {
        let u = self.units.last().expect("a unit");
        self.table.scopes[u.scope].symbols.get(name) == Some(&Sym::ClassLocal)
    }

    fn delete_name(&mut self, name: &str) {
        let op = match (self.unit().kind, self.sym(name)) {
            (ScopeKind::Module, _) | (_, Sym::Global) => Op::DeleteGlobal(self.name_idx(name)),
            (ScopeKind::Class, _) => Op::DeleteName(self.name_idx(name)),
            (_, Sym::Local) => Op::DeleteFast(self.unit().var_index[name]),
            (_, Sym::Cell | Sym::Free) => Op::DeleteDeref(self.cell_idx(name)),
            (_, _) => Op::DeleteGlobal(self.name_idx(name)),
        };
        self.emit(op);
    }

    // ----- statements -----

    fn stmts(&mut self, body: &'a [Stmt]) -> CResult {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn stmt(&mut self, s: &'a Stmt) -> CResult {
        self.unit().line = s.pos.line;
        match &s.kind {
            StmtKind::Expr(e) => {
                if matches!(e.kind, ExprKind::Constant(_)) {
                    return Ok(()); // docstrings and `...`
                }
                self.expr(e)?;
                self.emit(Op::PopTop);
            }
            StmtKind::Assign { targets, value } => {
                self.expr(value)?;
                for (i, t) in targets.iter().enumerate() {
                    if i + 1 < targets.len() {
                        self.emit(Op::DupTop);
                    }
                    self.store_target(t)?;
                }
            }
            StmtKind::AugAssign { target, op, value } => self.aug_assign(target, *op, value)?,
            StmtKind::AnnAssign { target, value, .. } => {
                if let Some(v) = value {
                    self.expr(v)?;
                    self.store_target(target)?;
                }
            }
            StmtKind::Delete(targets) => {
                for t in targets {
                    self.delete_target(t)?;
                }
            }
            StmtKind::Pass => {}
            StmtKind::If { test, body, orelse } => {
                self.expr(test)?;
                let to_else = self.emit(Op::PopJumpIfFalse(0));
                self.stmts(body)?;
                if orelse.is_empty() {
                    self.patch_here(to_else);
                } else {
                    let to_end = self.emit(Op::Jump(0));
                    self.patch_here(to_else);
                    self.stmts(orelse)?;
                    self.patch_here(to_end);
                }
            }
            StmtKind::While { test, body, orelse } => {
                let head = self.here();
                self.expr(test)?;
                let to_else = self.emit(Op::PopJumpIfFalse(0));
                self.unit().fblocks.push(FBlock::Loop {
                    head,
                    breaks: Vec::new(),
                    has_iter: false,
                });
                self.stmts(body)?;
                self.emit(Op::Jump(head));
                let breaks = self.pop_loop();
                self.patch_here(to_else);
                self.stmts(orelse)?;
                for b in breaks {
                    self.patch_here(b);
                }
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
                is_async,
            } => {
                if *is_async {
                    self.async_for(s.pos, target, iter, body, orelse)?;
                } else {
                    self.expr(iter)?;
                    self.emit(Op::GetIter);
                    let head = self.here();
                    let exit = self.emit(Op::ForIter(0));
                    self.store_target(target)?;
                    self.unit().fblocks.push(FBlock::Loop {
                        head,
                        breaks: Vec::new(),
                        has_iter: true,
                    });
                    self.stmts(body)?;
                    self.emit(Op::Jump(head));
                    let breaks = self.pop_loop();
                    self.patch_here(exit);
                    self.stmts(orelse)?;
                    for b in breaks {
                        self.patch_here(b);
                    }
                }
            }
            StmtKind::Break => {
                let Some(lp) = self.unwind_to_loop(false) else {
                    return Err(err("'break' outside loop", s.pos));
                };
                let has_iter =
                    matches!(self.unit().fblocks[lp], FBlock::Loop { has_iter: true, .. });
                if has_iter {
                    self.emit(Op::PopTop);
                }
                let j = self.emit(Op::Jump(0));
                if let FBlock::Loop { breaks, .. } = &mut self.unit().fblocks[lp] {
                    breaks.push(j);
                }
            }
            StmtKind::Continue => {
                let Some(lp) = self.unwind_to_loop(false) else {
                    return Err(err("'continue' not properly in loop", s.pos));
                };
                if let FBlock::Loop { head, .. } = self.unit().fblocks[lp] {
                    self.emit(Op::Jump(head));
                }
            }
            StmtKind::Return(value) => {
                if self.unit().kind != ScopeKind::Function {
                    return Err(err("'return' outside function", s.pos));
                }
                if value.is_some() && self.unit().flags.generator && self.unit().is_async {
                    return Err(err("'return' with value in async generator", s.pos));
                }
                match value {
                    Some(v) => self.expr(v)?,
                    None => self.load_const(Value::None),
                }
                self.unwind_all(true)?;
                self.emit(Op::Return);
            }
            StmtKind::Raise { exc, cause } => match (exc, cause) {
                (None, _) => {
                    self.emit(Op::Raise(0));
                }
                (Some(e), None) => {
                    self.expr(e)?;
                    self.emit(Op::Raise(1));
                }
                (Some(e), Some(c)) => {
                    self.expr(e)?;
                    self.expr(c)?;
                    self.emit(Op::Raise(2));
                }
            },
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                if finalbody.is_empty() {
                    self.try_except(body, handlers, orelse)?;
                } else {
                    self.try_finally(s, body, handlers, orelse, finalbody)?;
                }
            }
            StmtKind::With {
                items,
                body,
                is_async,
            } => {
                if *is_async && !self.unit().is_async {
                    return Err(err("'async with' outside async function", s.pos));
                }
                self.with(items, body, *is_async)?;
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test)?;
                let ok = self.emit(Op::PopJumpIfTrue(0));
                self.emit(Op::LoadAssertionError);
                if let Some(m) = msg {
                    self.expr(m)?;
                    self.emit(Op::Call(1));
                }
                self.emit(Op::Raise(1));
                self.patch_here(ok);
            }
            StmtKind::Import(aliases) => {
                for a in aliases {
                    let idx = self.name_idx(&a.name);
                    match &a.asname {
                        Some(asname) => {
                            self.emit(Op::ImportName(idx, 1));
                            self.store_name(asname);
                        }
                        None => {
                            self.emit(Op::ImportName(idx, 0));
                            let top = a.name.split('.').next().unwrap_or(&a.name).to_string();
                            self.store_name(&top);
                        }
                    }
                }
            }
            StmtKind::ImportFrom {
                module,
                names,
                level,
            } => {
                if *level > 0 {
                    return Err(err(
                        "attempted relative import with no known parent package",
                        s.pos,
                    ));
                }
                let module = module.clone().unwrap_or_default();
                let idx = self.name_idx(&module);
                self.emit(Op::ImportName(idx, 1));
                for a in names {
                    if a.name == "*" {
                        self.emit(Op::ImportStar);
                        return Ok(());
                    }
                    let n = self.name_idx(&a.name);
                    self.emit(Op::ImportFrom(n));
                    let bound = a.asname.as_ref().unwrap_or(&a.name).clone();
                    self.store_name(&bound);
                }
                self.emit(Op::PopTop);
            }
            StmtKind::Global(_) | StmtKind::Nonlocal(_) => {}
            StmtKind::FunctionDef(f) => self.function_def(f, s.pos)?,
            StmtKind::ClassDef(c) => self.class_def(c, s.pos)?,
        }
        Ok(())
    }

    fn pop_loop(&mut self) -> Vec<usize> {
        match self.unit().fblocks.pop() {
            Some(FBlock::Loop { breaks, .. }) => breaks,
            _ => Vec::new(),
        }
    }

    /// Emits the cleanup of the blocks between here and the innermost loop; returns that loop's
    /// index in the block stack.
    fn unwind_to_loop(&mut self, preserve_tos: bool) -> Option<usize> {
        let mut i = self.unit().fblocks.len();
        while i > 0 {
            i -= 1;
            if matches!(self.unit().fblocks[i], FBlock::Loop { .. }) {
                return Some(i);
            }
            if self.unwind_block(i, preserve_tos).is_err() {
                return None;
            }
        }
        None
    }

    /// Emits the cleanup of every open block (a `return`).
    fn unwind_all(&mut self, preserve_tos: bool) -> CResult {
        let mut i = self.unit().fblocks.len();
        while i > 0 {
            i -= 1;
            if let FBlock::Loop { has_iter: true, .. } = self.unit().fblocks[i] {
                if preserve_tos {
                    self.emit(Op::RotTwo);
                }
                self.emit(Op::PopTop);
                continue;
            }
            self.unwind_block(i, preserve_tos)?;
        }
        Ok(())
    }

    /// Emits what leaving block `i` needs. The blocks above it are set aside while a `finally`
    /// body is compiled inline, so a `return` inside that body unwinds only the outer ones.
    fn unwind_block(&mut self, i: usize, preserve_tos: bool) -> CResult {
        match &self.unit().fblocks[i] {
            FBlock::Loop { .. } => {}
            FBlock::TryExcept => {
                self.emit(Op::PopBlock);
            }
            FBlock::TryFinally(body) => {
                let body: &'a [Stmt] = body;
                self.emit(Op::PopBlock);
                let saved = self.unit().fblocks.split_off(i);
                let r = self.stmts(body);
                self.unit().fblocks.extend(saved);
                r?;
            }
            FBlock::FinallyHandler => {
                self.emit(Op::PopExcept);
                if preserve_tos {
                    self.emit(Op::RotTwo);
                }
                self.emit(Op::PopTop);
            }
            FBlock::ExceptHandler(name) => {
                let name = name.clone();
                self.emit(Op::PopExcept);
                if let Some(n) = name {
                    self.load_const(Value::None);
                    self.store_name(&n);
                    self.delete_name(&n);
                }
            }
            FBlock::With { is_async } => {
                let is_async = *is_async;
                self.emit(Op::PopBlock);
                if preserve_tos {
                    self.emit(Op::RotTwo);
                }
                self.exit_call(is_async);
            }
        }
        Ok(())
    }

    /// Calls the `__exit__` on TOS with `(None, None, None)` and drops its result.
    fn exit_call(&mut self, is_async: bool) {
        for _ in 0..3 {
            self.load_const(Value::None);
        }
        self.emit(Op::Call(3));
        if is_async {
            self.emit(Op::Await);
        }
        self.emit(Op::PopTop);
    }

    fn try_except(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ExceptHandler],
        orelse: &'a [Stmt],
    ) -> CResult {
        let setup = self.emit(Op::SetupFinally(0));
        self.unit().fblocks.push(FBlock::TryExcept);
        self.stmts(body)?;
        self.unit().fblocks.pop();
        self.emit(Op::PopBlock);
        self.stmts(orelse)?;
        let mut to_end = vec![self.emit(Op::Jump(0))];
        self.patch_here(setup);
        self.emit(Op::PushExcInfo);
        for (i, h) in handlers.iter().enumerate() {
            self.unit().line = h.pos.line;
            let next = match &h.typ {
                Some(t) => {
                    self.expr(t)?;
                    self.emit(Op::CheckExcMatch);
                    Some(self.emit(Op::PopJumpIfFalse(0)))
                }
                None => {
                    if i + 1 < handlers.len() {
                        return Err(err("default 'except:' must be last", h.pos));
                    }
                    None
                }
            };
            match &h.name {
                Some(n) => self.store_name(n),
                None => {
                    self.emit(Op::PopTop);
                }
            }
            self.unit()
                .fblocks
                .push(FBlock::ExceptHandler(h.name.clone()));
            self.stmts(&h.body)?;
            self.unit().fblocks.pop();
            self.emit(Op::PopExcept);
            if let Some(n) = &h.name {
                self.load_const(Value::None);
                self.store_name(n);
                self.delete_name(n);
            }
            to_end.push(self.emit(Op::Jump(0)));
            if let Some(next) = next {
                self.patch_here(next);
            }
        }
        // No clause matched: the exception goes on.
        self.emit(Op::Reraise);
        for j in to_end {
            self.patch_here(j);
        }
        Ok(())
    }

    fn try_finally(
        &mut self,
        s: &'a Stmt,
        body: &'a [Stmt],
        handlers: &'a [ExceptHandler],
        orelse: &'a [Stmt],
        finalbody: &'a [Stmt],
    ) -> CResult {
        let setup = self.emit(Op::SetupFinally(0));
        self.unit().fblocks.push(FBlock::TryFinally(finalbody));
        if handlers.is_empty() {
            self.stmts(body)?;
            self.stmts(orelse)?;
        } else {
            self.unit().line = s.pos.line;
            self.try_except(body, handlers, orelse)?;
        }
        self.unit().fblocks.pop();
        self.emit(Op::PopBlock);
        self.stmts(finalbody)?;
        let to_end = self.emit(Op::Jump(0));
        self.patch_here(setup);
        self.emit(Op::PushExcInfo);
        self.unit().fblocks.push(FBlock::FinallyHandler);
        self.stmts(finalbody)?;
        self.unit().fblocks.pop();
        self.emit(Op::Reraise);
        self.patch_here(to_end);
        Ok(())
    }

    fn with(&mut self, items: &'a [WithItem], body: &'a [Stmt], is_async: bool) -> CResult {
        let Some((item, rest)) = items.split_first() else {
            return self.stmts(body);
        };
        self.expr(&item.context_expr)?;
        if is_async {
            self.emit(Op::BeforeAsyncWith);
            self.emit(Op::Await);
        } else {
            self.emit(Op::BeforeWith);
        }
        match &item.optional_vars {
            Some(t) => self.store_target(t)?,
            None => {
                self.emit(Op::PopTop);
            }
        }
        let setup = self.emit(Op::SetupFinally(0));
        self.unit().fblocks.push(FBlock::With { is_async });
        if rest.is_empty() {
            self.stmts(body)?;
        } else {
            self.with(rest, body, is_async)?;
        }
        self.unit().fblocks.pop();
        self.emit(Op::PopBlock);
        self.exit_call(is_async);
        let to_end = self.emit(Op::Jump(0));
        // The body raised: stack is [exit, exc].
        self.patch_here(setup);
        self.emit(Op::PushExcInfo);
        self.emit(Op::WithExceptStart);
        if is_async {
            self.emit(Op::Await);
        }
        let swallow = self.emit(Op::PopJumpIfTrue(0));
        self.emit(Op::Reraise);
        self.patch_here(swallow);
        self.emit(Op::PopTop); // the exception
        self.emit(Op::PopExcept);
        self.emit(Op::PopTop); // __exit__
        self.patch_here(to_end);
        Ok(())
    }

    fn async_for(
        &mut self,
        pos: Pos,
        target: &'a Expr,
        iter: &'a Expr,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
    ) -> CResult {
        if !self.unit().is_async {
            return Err(err("'async for' outside async function", pos));
        }
        self.expr(iter)?;
        self.emit(Op::GetAIter);
        let head = self.here();
        let setup = self.emit(Op::SetupFinally(0));
        self.emit(Op::GetANext);
        self.emit(Op::Await);
        self.emit(Op::PopBlock);
        self.store_target(target)?;
        self.unit().fblocks.push(FBlock::Loop {
            head,
            breaks: Vec::new(),
            has_iter: true,
        });
        self.stmts(body)?;
        self.emit(Op::Jump(head));
        let breaks = self.pop_loop();
        self.patch_here(setup);
        self.emit(Op::EndAsyncFor);
        self.stmts(orelse)?;
        for b in breaks {
            self.patch_here(b);
        }
        Ok(())
    }

    fn aug_assign(&mut self, target: &'a Expr, op: BinOp, value: &'a Expr) -> CResult {
        match &target.kind {
            ExprKind::Name(n) => {
                self.load_name(n);
                self.expr(value)?;
                self.emit(Op::Inplace(op));
                self.store_name(n);
            }
            ExprKind::Attribute { value: obj, attr } => {
                self.expr(obj)?;
                self.emit(Op::DupTop);
                let idx = self.name_idx(attr);
                self.emit(Op::LoadAttr(idx));
                self.expr(value)?;
                self.emit(Op::Inplace(op));
                self.emit(Op::RotTwo);
                self.emit(Op::StoreAttr(idx));
            }
            ExprKind::Subscript { value: obj, slice } => {
                self.expr(obj)?;
                self.expr(slice)?;
                self.emit(Op::DupTopTwo);
                self.emit(Op::BinarySubscr);
                self.expr(value)?;
                self.emit(Op::Inplace(op));
                self.emit(Op::RotThree);
                self.emit(Op::StoreSubscr);
            }
            _ => {
                return Err(err(
                    format!(
                        "'{}' is an illegal expression for augmented assignment",
                        describe(target)
                    ),
                    target.pos,
                ))
            }
        }
        Ok(())
    }

    fn store_target(&mut self, t: &'a Expr) -> CResult {
        match &t.kind {
            ExprKind::Name(n) => self.store_name(n),
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let idx = self.name_idx(attr);
                self.emit(Op::StoreAttr(idx));
            }
            ExprKind::Subscript { value, slice } => {
                self.expr(value)?;
                self.expr(slice)?;
                self.emit(Op::StoreSubscr);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let star = items
                    .iter()
                    .position(|i| matches!(i.kind, ExprKind::Starred(_)));
                match star {
                    Some(at) => {
                        if items
                            .iter()
                            .skip(at + 1)
                            .any(|i| matches!(i.kind, ExprKind::Starred(_)))
                        {
                            return Err(err("multiple starred expressions in assignment", t.pos));
                        }
                        let after = items.len() - at - 1;
                        self.emit(Op::UnpackEx(at as u32, after as u32));
                    }
                    None => {
                        self.emit(Op::UnpackSequence(items.len() as u32));
                    }
                }
                for i in items {
                    match &i.kind {
                        ExprKind::Starred(inner) => self.store_target(inner)?,
                        _ => self.store_target(i)?,
                    }
                }
            }
            ExprKind::Starred(_) => {
                return Err(err(
                    "starred assignment target must be in a list or tuple",
                    t.pos,
                ))
            }
            _ => return Err(err(format!("cannot assign to {}", describe(t)), t.pos)),
        }
        Ok(())
    }

    fn delete_target(&mut self, t: &'a Expr) -> CResult {
        match &t.kind {
            ExprKind::Name(n) => self.delete_name(n),
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let idx = self.name_idx(attr);
                self.emit(Op::DeleteAttr(idx));
            }
            ExprKind::Subscript { value, slice } => {
                self.expr(value)?;
                self.expr(slice)?;
                self.emit(Op::DeleteSubscr);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for i in items {
                    self.delete_target(i)?;
                }
            }
            _ => return Err(err(format!("cannot delete {}", describe(t)), t.pos)),
        }
        Ok(())
    }

    // ----- definitions -----

    fn qualname_for(&self, name: &str) -> String {
        let u = self.units.last().expect("a unit");
        match u.kind {
            ScopeKind::Module => name.to_string(),
            ScopeKind::Class => format!("{}.{name}", u.qualname),
            ScopeKind::Function => format!("{}.<locals>.{name}", u.qualname),
        }
    }

    /// Pushes defaults (and kw-defaults), compiles the function body in its own unit, and emits
    /// `MakeFunction`.
    fn make_function(
        &mut self,
        scope: usize,
        name: &str,
        args: &'a Arguments,
        first_line: u32,
        body: impl FnOnce(&mut Self) -> CResult,
    ) -> CResult {
        let mut flags = 0;
        if !args.defaults.is_empty() {
            for d in &args.defaults {
                self.expr(d)?;
            }
            self.emit(Op::BuildTuple(args.defaults.len() as u32));
            flags |= 1;
        }
        let kw: Vec<(&Arg, &Expr)> = args
            .kwonlyargs
            .iter()
            .zip(&args.kw_defaults)
            .filter_map(|(a, d)| d.as_ref().map(|d| (a, d)))
            .collect();
        if !kw.is_empty() {
            for (a, d) in &kw {
                self.load_const(Value::str(&a.name));
                self.expr(d)?;
            }
            self.emit(Op::BuildMap(kw.len() as u32));
            flags |= 2;
        }
        let qualname = self.qualname_for(name);
        self.push_unit(scope, name, &qualname, first_line);
        {
            let u = self.unit();
            u.argcount = (args.posonlyargs.len() + args.args.len()) as u32;
            u.posonlyargcount = args.posonlyargs.len() as u32;
            u.kwonlyargcount = args.kwonlyargs.len() as u32;
            u.flags.varargs = args.vararg.is_some();
            u.flags.varkw = args.kwarg.is_some();
        }
        body(self)?;
        let code = self.pop_unit();
        if !code.freevars.is_empty() {
            // The VM finds the closure's cells in this frame by name (no stack traffic).
            flags |= 8;
        }
        let u = self.unit();
        u.codes.push(code);
        let ci = (u.codes.len() - 1) as u32;
        self.emit(Op::MakeFunction(ci, flags));
        Ok(())
    }

    fn function_def(&mut self, f: &'a FunctionDef, pos: Pos) -> CResult {
        for d in &f.decorators {
            self.expr(d)?;
        }
        let scope = self
            .table
            .scope_of(f)
            .ok_or_else(|| err("internal: function scope missing", pos))?;
        let line = f.def_pos.line.max(pos.line);
        self.unit().line = line;
        self.make_function(scope, &f.name, &f.args, line, |g| {
            g.stmts(&f.body)?;
            g.load_const(Value::None);
            g.emit(Op::Return);
            Ok(())
        })?;
        for _ in &f.decorators {
            self.emit(Op::Call(1));
        }
        self.store_name(&f.name);
        Ok(())
    }

    fn class_def(&mut self, c: &'a ClassDef, pos: Pos) -> CResult {
        if let Some(k) = c.keywords.first() {
            return Err(err(
                format!(
                    "class keyword '{}' is not supported in AwaitLab",
                    k.arg.as_deref().unwrap_or("**")
                ),
                k.pos,
            ));
        }
        for d in &c.decorators {
            self.expr(d)?;
        }
        let scope = self
            .table
            .scope_of(c)
            .ok_or_else(|| err("internal: class scope missing", pos))?;
        let line = c.def_pos.line.max(pos.line);
        self.unit().line = line;
        let qualname = self.qualname_for(&c.name);
        self.make_function(scope, &c.name, &NO_ARGS, line, |g| {
            g.unit().qualname = Rc::from(qualname.as_str());
            g.load_const(Value::str(&qualname));
            let q = g.name_idx("__qualname__");
            g.emit(Op::StoreName(q));
            g.stmts(&c.body)?;
            g.emit(Op::ReturnNamespace);
            Ok(())
        })?;
        for b in &c.bases {
            self.expr(b)?;
        }
        self.emit(Op::BuildClass(c.bases.len() as u32));
        for _ in &c.decorators {
            self.emit(Op::Call(1));
        }
        self.store_name(&c.name);
        Ok(())
    }

    // ----- expressions -----

    fn expr(&mut self, e: &'a Expr) -> CResult {
        self.with_line(e.pos, |g| g.expr_inner(e))
    }

    fn expr_inner(&mut self, e: &'a Expr) -> CResult {
        match &e.kind {
            ExprKind::Constant(c) => {
                let v = self.constant(c, e.pos)?;
                self.load_const(v);
            }
            ExprKind::Name(n) => self.load_name(n),
            ExprKind::BinOp { left, op, right } => {
                self.expr(left)?;
                self.expr(right)?;
                self.emit(Op::Binary(*op));
            }
            ExprKind::UnaryOp { op, operand } => {
                self.expr(operand)?;
                self.emit(Op::Unary(*op));
            }
            ExprKind::BoolOp { op, values } => {
                let mut jumps = Vec::new();
                for (i, v) in values.iter().enumerate() {
                    self.expr(v)?;
                    if i + 1 < values.len() {
                        jumps.push(self.emit(match op {
                            BoolOp::And => Op::JumpIfFalseOrPop(0),
                            BoolOp::Or => Op::JumpIfTrueOrPop(0),
                        }));
                    }
                }
                for j in jumps {
                    self.patch_here(j);
                }
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => self.compare(left, ops, comparators)?,
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test)?;
                let to_else = self.emit(Op::PopJumpIfFalse(0));
                self.expr(body)?;
                let to_end = self.emit(Op::Jump(0));
                self.patch_here(to_else);
                self.expr(orelse)?;
                self.patch_here(to_end);
            }
            ExprKind::NamedExpr { target, value } => {
                self.expr(value)?;
                self.emit(Op::DupTop);
                self.store_target(target)?;
            }
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let idx = self.name_idx(attr);
                self.emit(Op::LoadAttr(idx));
            }
            ExprKind::Subscript { value, slice } => {
                self.expr(value)?;
                self.expr(slice)?;
                self.emit(Op::BinarySubscr);
            }
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper] {
                    match part {
                        Some(p) => self.expr(p)?,
                        None => self.load_const(Value::None),
                    }
                }
                match step {
                    Some(s) => {
                        self.expr(s)?;
                        self.emit(Op::BuildSlice(3));
                    }
                    None => {
                        self.emit(Op::BuildSlice(2));
                    }
                }
            }
            ExprKind::Tuple(items) => {
                if items.iter().any(|i| matches!(i.kind, ExprKind::Starred(_))) {
                    self.starred_list(items)?;
                    self.emit(Op::ListToTuple);
                } else {
                    for i in items {
                        self.expr(i)?;
                    }
                    self.emit(Op::BuildTuple(items.len() as u32));
                }
            }
            ExprKind::List(items) => {
                if items.iter().any(|i| matches!(i.kind, ExprKind::Starred(_))) {
                    self.starred_list(items)?;
                } else {
                    for i in items {
                        self.expr(i)?;
                    }
                    self.emit(Op::BuildList(items.len() as u32));
                }
            }
            ExprKind::Set(items) => {
                let mut plain = 0;
                let mut built = false;
                for i in items {
                    if let ExprKind::Starred(inner) = &i.kind {
                        if !built {
                            self.emit(Op::BuildSet(plain));
                            built = true;
                            plain = 0;
                        }
                        self.expr(inner)?;
                        self.emit(Op::SetUpdate(1));
                    } else {
                        self.expr(i)?;
                        if built {
                            self.emit(Op::SetAdd(1));
                        } else {
                            plain += 1;
                        }
                    }
                }
                if !built {
                    self.emit(Op::BuildSet(plain));
                }
            }
            ExprKind::Dict { keys, values } => {
                let mut pending = 0;
                let mut built = false;
                for (k, v) in keys.iter().zip(values) {
                    match k {
                        Some(k) => {
                            self.expr(k)?;
                            self.expr(v)?;
                            if built {
                                self.emit(Op::MapAdd(1));
                            } else {
                                pending += 1;
                            }
                        }
                        None => {
                            if !built {
                                self.emit(Op::BuildMap(pending));
                                built = true;
                            }
                            self.expr(v)?;
                            self.emit(Op::DictUpdate(1));
                        }
                    }
                }
                if !built {
                    self.emit(Op::BuildMap(pending));
                }
            }
            ExprKind::JoinedStr(parts) => {
                for p in parts {
                    self.expr(p)?;
                }
                if parts.len() != 1 || !matches!(parts[0].kind, ExprKind::FormattedValue { .. }) {
                    self.emit(Op::BuildString(parts.len() as u32));
                }
            }
            ExprKind::FormattedValue {
                value,
                conversion,
                format_spec,
            } => {
                self.expr(value)?;
                let mut flags = match conversion {
                    None => 0,
                    Some('s') => 1,
                    Some('r') => 2,
                    Some('a') => 3,
                    Some(c) => {
                        return Err(err(
                            format!("f-string: invalid conversion character '{c}': expected 's', 'r', or 'a'"),
                            e.pos,
                        ))
                    }
                };
                if let Some(spec) = format_spec {
                    self.expr(spec)?;
                    flags |= 4;
                }
                self.emit(Op::FormatValue(flags));
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => self.call(func, args, keywords)?,
            ExprKind::Lambda { args, body } => {
                let scope = self
                    .table
                    .scope_of(e)
                    .ok_or_else(|| err("internal: lambda scope missing", e.pos))?;
                self.make_function(scope, "<lambda>", args, e.pos.line, |g| {
                    g.expr(body)?;
                    g.emit(Op::Return);
                    Ok(())
                })?;
            }
            ExprKind::ListComp { elt, generators } => {
                self.comprehension(e, "<listcomp>", generators, Comp::List(elt))?
            }
            ExprKind::SetComp { elt, generators } => {
                self.comprehension(e, "<setcomp>", generators, Comp::Set(elt))?
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self.comprehension(e, "<dictcomp>", generators, Comp::Dict(key, value))?,
            ExprKind::GeneratorExp { elt, generators } => {
                self.comprehension(e, "<genexpr>", generators, Comp::Gen(elt))?
            }
            ExprKind::Await(v) => {
                let (kind, is_async) = (self.unit().kind, self.unit().is_async);
                let in_comprehension = self.unit().name.starts_with('<');
                match kind {
                    ScopeKind::Function if is_async => {}
                    ScopeKind::Function if in_comprehension && self.enclosing_is_async() => {
                        // An await in a comprehension of an async function: the
                        // comprehension becomes a coroutine (see `comprehension`).
                    }
                    ScopeKind::Function => {
                        return Err(err("'await' outside async function", e.pos))
                    }
                    _ => return Err(err("'await' outside function", e.pos)),
                }
                self.expr(v)?;
                self.emit(Op::Await);
            }
            ExprKind::Yield(v) => {
                if self.unit().kind != ScopeKind::Function {
                    return Err(err("'yield' outside function", e.pos));
                }
                match v {
                    Some(v) => self.expr(v)?,
                    None => self.load_const(Value::None),
                }
                self.emit(Op::YieldValue);
            }
            ExprKind::YieldFrom(v) => {
                if self.unit().kind != ScopeKind::Function {
                    return Err(err("'yield' outside function", e.pos));
                }
                if self.unit().is_async {
                    return Err(err("'yield from' inside async function", e.pos));
                }
                self.expr(v)?;
                self.emit(Op::GetIter);
                self.load_const(Value::None);
                self.emit(Op::YieldFrom);
            }
            ExprKind::Starred(_) => {
                return Err(err("can't use starred expression here", e.pos));
            }
        }
        Ok(())
    }

    fn enclosing_is_async(&self) -> bool {
        self.units
            .iter()
            .rev()
            .skip(1)
            .find(|u| !u.name.starts_with('<') || u.kind != ScopeKind::Function)
            .is_some_and(|u| u.is_async)
    }

    fn constant(&mut self, c: &Constant, pos: Pos) -> CResult<Value> {
        Ok(match c {
            Constant::None => Value::None,
            Constant::Bool(b) => Value::Bool(*b),
            Constant::Int(i) => Value::Int(*i),
            Constant::Float(f) => Value::Float(*f),
            Constant::Str(s) => Value::str(s),
            Constant::Ellipsis => crate::types::ellipsis(),
            Constant::BigInt(digits) => match crate::bigint::BigInt::parse(digits) {
                Some(b) => Value::from_big(b),
                None => {
                    return Err(err(
                        "integer literal too large for AwaitLab (more than 100,000 digits)",
                        pos,
                    ))
                }
            },
            Constant::Imaginary(_) => {
                return Err(err("complex numbers are not supported in AwaitLab", pos))
            }
            Constant::Bytes(_) => {
                return Err(err("bytes literals are not supported in AwaitLab yet", pos))
            }
        })
    }

    /// A list built from items some of which are `*starred`.
    fn starred_list(&mut self, items: &'a [Expr]) -> CResult {
        let mut plain = 0;
        let mut built = false;
        for i in items {
            if let ExprKind::Starred(inner) = &i.kind {
                if !built {
                    self.emit(Op::BuildList(plain));
                    built = true;
                }
                self.expr(inner)?;
                self.emit(Op::ListExtend(1));
            } else {
                self.expr(i)?;
                if built {
                    self.emit(Op::ListAppend(1));
                } else {
                    plain += 1;
                }
            }
        }
        if !built {
            self.emit(Op::BuildList(plain));
        }
        Ok(())
    }

    fn compare(&mut self, left: &'a Expr, ops: &[CmpOp], comparators: &'a [Expr]) -> CResult {
        self.expr(left)?;
        if ops.len() == 1 {
            self.expr(&comparators[0])?;
            self.emit(Op::Compare(ops[0]));
            return Ok(());
        }
        let mut cleanups = Vec::new();
        for (i, (op, c)) in ops.iter().zip(comparators).enumerate() {
            self.expr(c)?;
            if i + 1 < ops.len() {
                self.emit(Op::DupTop);
                self.emit(Op::RotThree);
                self.emit(Op::Compare(*op));
                cleanups.push(self.emit(Op::JumpIfFalseOrPop(0)));
            } else {
                self.emit(Op::Compare(*op));
            }
        }
        let to_end = self.emit(Op::Jump(0));
        for c in cleanups {
            self.patch_here(c);
        }
        self.emit(Op::RotTwo);
        self.emit(Op::PopTop);
        self.patch_here(to_end);
        Ok(())
    }

    fn call(&mut self, func: &'a Expr, args: &'a [Expr], keywords: &'a [Keyword]) -> CResult {
        let starred = args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_)))
            || keywords.iter().any(|k| k.arg.is_none());
        // `super()` in a method: `super(__class__, <first parameter>)`, as CPython's compiler
        // arranges through the `__class__` cell.
        if let ExprKind::Name(n) = &func.kind {
            if n == "super" && args.is_empty() && keywords.is_empty() {
                if let Some(first) = self.first_param() {
                    self.load_name("super");
                    self.load_name("__class__");
                    self.load_name(&first);
                    self.emit(Op::Call(2));
                    return Ok(());
                }
            }
        }
        if let ExprKind::Attribute { value, attr } = &func.kind {
            if !starred && keywords.is_empty() {
                self.expr(value)?;
                let idx = self.name_idx(attr);
                self.emit(Op::LoadMethod(idx));
                for a in args {
                    self.expr(a)?;
                }
                self.with_line(func.pos, |g| g.emit(Op::CallMethod(args.len() as u32)));
                return Ok(());
            }
        }
        self.expr(func)?;
        if starred {
            self.starred_list(args)?;
            self.emit(Op::ListToTuple);
            if keywords.is_empty() {
                self.emit(Op::CallEx(0));
            } else {
                let mut pending = 0;
                let mut built = false;
                for k in keywords {
                    match &k.arg {
                        Some(name) => {
                            self.load_const(Value::str(name));
                            self.expr(&k.value)?;
                            if built {
                                self.emit(Op::MapAdd(1));
                            } else {
                                pending += 1;
                            }
                        }
                        None => {
                            if !built {
                                self.emit(Op::BuildMap(pending));
                                built = true;
                            }
                            self.expr(&k.value)?;
                            self.emit(Op::DictUpdate(1));
                        }
                    }
                }
                if !built {
                    self.emit(Op::BuildMap(pending));
                }
                self.emit(Op::CallEx(1));
            }
            return Ok(());
        }
        for a in args {
            self.expr(a)?;
        }
        if keywords.is_empty() {
            self.emit(Op::Call(args.len() as u32));
        } else {
            for k in keywords {
                self.expr(&k.value)?;
            }
            let names: Vec<Value> = keywords
                .iter()
                .map(|k| Value::str(k.arg.as_deref().unwrap_or_default()))
                .collect();
            let u = self.unit();
            u.consts.push(Value::tuple(names));
            let ci = (u.consts.len() - 1) as u32;
            self.emit(Op::CallKw((args.len() + keywords.len()) as u32, ci));
        }
        Ok(())
    }

    fn first_param(&self) -> Option<String> {
        let u = self.units.last()?;
        if u.kind != ScopeKind::Function || u.argcount == 0 {
            return None;
        }
        self.table.scopes[u.scope].params.first().cloned()
    }

    fn comprehension(
        &mut self,
        e: &'a Expr,
        name: &str,
        generators: &'a [Comprehension],
        what: Comp<'a>,
    ) -> CResult {
        let scope = self
            .table
            .scope_of(e)
            .ok_or_else(|| err("internal: comprehension scope missing", e.pos))?;
        let is_async = self.table.scopes[scope].has_await;
        if is_async && !(self.unit().is_async || self.enclosing_is_async()) {
            return Err(err(
                "asynchronous comprehension outside of an asynchronous function",
                e.pos,
            ));
        }
        if is_async && matches!(what, Comp::Gen(_)) {
            return Err(err(
                "asynchronous generator expressions are not supported in AwaitLab",
                e.pos,
            ));
        }
        let Some(first) = generators.first() else {
            return Err(err("comprehension without a for clause", e.pos));
        };
        self.make_function(scope, name, &NO_ARGS, e.pos.line, |g| {
            {
                let u = g.unit();
                u.argcount = 1;
                u.is_async = is_async;
                u.flags.coroutine = is_async;
            }
            match what {
                Comp::List(_) => {
                    g.emit(Op::BuildList(0));
                }
                Comp::Set(_) => {
                    g.emit(Op::BuildSet(0));
                }
                Comp::Dict(..) => {
                    g.emit(Op::BuildMap(0));
                }
                Comp::Gen(_) => {}
            }
            g.comp_loop(generators, 0, what)?;
            if matches!(what, Comp::Gen(_)) {
                g.load_const(Value::None);
            }
            g.emit(Op::Return);
            Ok(())
        })?;
        self.expr(&first.iter)?;
        if first.is_async {
            self.emit(Op::GetAIter);
        } else {
            self.emit(Op::GetIter);
        }
        self.emit(Op::Call(1));
        if is_async {
            self.emit(Op::Await);
        }
        Ok(())
    }

    fn comp_loop(&mut self, gens: &'a [Comprehension], i: usize, what: Comp<'a>) -> CResult {
        let g = &gens[i];
        if i == 0 {
            let dot0 = self.unit().var_index[".0"];
            self.emit(Op::LoadFast(dot0));
        } else {
            self.expr(&g.iter)?;
            self.emit(if g.is_async {
                Op::GetAIter
            } else {
                Op::GetIter
            });
        }
        let head = self.here();
        let (exit, setup) = if g.is_async {
            let setup = self.emit(Op::SetupFinally(0));
            self.emit(Op::GetANext);
            self.emit(Op::Await);
            self.emit(Op::PopBlock);
            (None, Some(setup))
        } else {
            (Some(self.emit(Op::ForIter(0))), None)
        };
        self.store_target(&g.target)?;
        let mut skips = Vec::new();
        for cond in &g.ifs {
            self.expr(cond)?;
            skips.push(self.emit(Op::PopJumpIfFalse(head)));
        }
        if i + 1 < gens.len() {
            self.comp_loop(gens, i + 1, what)?;
        } else {
            let depth = (gens.len() + 1) as u32;
            match what {
                Comp::List(elt) => {
                    self.expr(elt)?;
                    self.emit(Op::ListAppend(depth));
                }
                Comp::Set(elt) => {
                    self.expr(elt)?;
                    self.emit(Op::SetAdd(depth));
                }
                Comp::Dict(k, v) => {
                    self.expr(k)?;
                    self.expr(v)?;
                    self.emit(Op::MapAdd(depth));
                }
                Comp::Gen(elt) => {
                    self.expr(elt)?;
                    self.emit(Op::YieldValue);
                    self.emit(Op::PopTop);
                }
            }
        }
        self.emit(Op::Jump(head));
        if let Some(exit) = exit {
            self.patch_here(exit);
        }
        if let Some(setup) = setup {
            self.patch_here(setup);
            self.emit(Op::EndAsyncFor);
        }
        Ok(())
    }
}

/// The parameters of a class body or comprehension (the comprehension's `.0` is added by hand).
static NO_ARGS: Arguments = Arguments {
    posonlyargs: Vec::new(),
    args: Vec::new(),
    vararg: None,
    kwonlyargs: Vec::new(),
    kw_defaults: Vec::new(),
    kwarg: None,
    defaults: Vec::new(),
};

#[derive(Clone, Copy)]
enum Comp<'a> {
    List(&'a Expr),
    Set(&'a Expr),
    Dict(&'a Expr, &'a Expr),
    Gen(&'a Expr),
}

fn same_const(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::None, Value::None) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Int(x), Value::Int(y)) => x == y,
        (Value::Float(x), Value::Float(y)) => x.to_bits() == y.to_bits(),
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::BigInt(x), Value::BigInt(y)) => x == y,
        _ => false,
    }
}

/// How CPython names an expression in "cannot assign to …" messages.
fn describe(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Call { .. } => "function call",
        ExprKind::Constant(Constant::None) => "None",
        ExprKind::Constant(Constant::Bool(true)) => "True",
        ExprKind::Constant(Constant::Bool(false)) => "False",
        ExprKind::Constant(Constant::Ellipsis) => "ellipsis",
        ExprKind::Constant(_) => "literal",
        ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::BoolOp { .. } => "expression",
        ExprKind::Compare { .. } => "comparison",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::Await(_) => "await expression",
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) => "yield expression",
        ExprKind::JoinedStr(_) | ExprKind::FormattedValue { .. } => "f-string expression",
        ExprKind::Dict { .. } => "dict literal",
        ExprKind::Set(_) => "set display",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::SetComp { .. } => "set comprehension",
        ExprKind::DictComp { .. } => "dict comprehension",
        ExprKind::GeneratorExp { .. } => "generator expression",
        ExprKind::NamedExpr { .. } => "named expression",
        _ => "expression",
    }
}

impl Unit<'_> {
    fn add_var(&mut self, name: &str) {
        if !self.var_index.contains_key(name) {
            self.var_index
                .insert(name.to_string(), self.varnames.len() as u32);
            self.varnames.push(Rc::from(name));
        }
    }
}

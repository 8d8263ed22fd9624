//! Scopes: which names are local, global, or captured from an enclosing function, decided once
//! for the whole module before any code is generated (as CPython's `symtable.c` does), so the
//! compiler can emit fast-local, cell and global accesses.

use std::collections::{HashMap, HashSet};

use crate::ast::*;

/// What kind of scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    /// The module's top level.
    Module,
    /// A `def`, `lambda` or comprehension.
    Function,
    /// A class body.
    Class,
}

/// Where a name lives in a scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sym {
    /// A fast local of a function.
    Local,
    /// A local of a function that inner functions capture.
    Cell,
    /// Captured from an enclosing function.
    Free,
    /// Declared `global`, or at module level.
    Global,
    /// Not bound here nor in an enclosing function: a global or a builtin.
    GlobalImplicit,
    /// Bound in a class body: its namespace.
    ClassLocal,
}

/// One scope's names.
#[derive(Debug)]
pub struct Scope {
    /// What kind.
    pub kind: ScopeKind,
    /// The function's or class's name (`<module>`, `<lambda>`, `<listcomp>`).
    pub name: String,
    /// The enclosing scope.
    pub parent: Option<usize>,
    /// Parameters in order.
    pub params: Vec<String>,
    bound: HashSet<String>,
    bound_order: Vec<String>,
    used: HashSet<String>,
    used_order: Vec<String>,
    declared_global: HashSet<String>,
    declared_nonlocal: HashSet<String>,
    /// Where each name lives.
    pub symbols: HashMap<String, Sym>,
    /// Cells this scope creates, in order.
    pub cellvars: Vec<String>,
    /// Cells this scope receives from its closure, in order.
    pub freevars: Vec<String>,
    /// Contains `yield`.
    pub is_generator: bool,
    /// `async def`.
    pub is_async: bool,
    /// Contains `await` (or `async for`/`async with`).
    pub has_await: bool,
    /// A function in a class that uses `super` or `__class__`.
    pub needs_class_cell: bool,
}

impl Scope {
    fn new(kind: ScopeKind, name: &str, parent: Option<usize>) -> Self {
        Scope {
            kind,
            name: name.to_string(),
            parent,
            params: Vec::new(),
            bound: HashSet::new(),
            bound_order: Vec::new(),
            used: HashSet::new(),
            used_order: Vec::new(),
            declared_global: HashSet::new(),
            declared_nonlocal: HashSet::new(),
            symbols: HashMap::new(),
            cellvars: Vec::new(),
            freevars: Vec::new(),
            is_generator: false,
            is_async: false,
            has_await: false,
            needs_class_cell: false,
        }
    }

    fn bind(&mut self, name: &str) {
        if self.bound.insert(name.to_string()) {
            self.bound_order.push(name.to_string());
        }
    }

    fn use_name(&mut self, name: &str) {
        if self.used.insert(name.to_string()) {
            self.used_order.push(name.to_string());
        }
    }

    /// Where `name` lives (names the analysis never saw are implicit globals, or class-local
    /// lookups in a class body).
    pub fn sym(&self, name: &str) -> Sym {
        self.symbols.get(name).copied().unwrap_or(match self.kind {
            ScopeKind::Module => Sym::Global,
            _ => Sym::GlobalImplicit,
        })
    }

    /// Bound names in order of first binding (the fast locals after the parameters).
    pub fn locals_in_order(&self) -> impl Iterator<Item = &String> {
        self.bound_order
            .iter()
            .filter(|n| matches!(self.symbols.get(*n), Some(Sym::Local)))
    }
}

/// Every scope of a module, found by the address of the node that opens it.
pub struct SymTable {
    /// Scopes in pre-order; 0 is the module.
    pub scopes: Vec<Scope>,
    by_node: HashMap<usize, usize>,
}

/// A problem found while analysing scopes (a `SyntaxError`).
pub type ScopeError = SyntaxError;

fn err(msg: impl Into<String>, pos: Pos) -> ScopeError {
    SyntaxError {
        msg: msg.into(),
        pos,
        kind: SyntaxErrorKind::Syntax,
    }
}

/// The key a node's scope is stored under.
pub fn node_key<T>(node: &T) -> usize {
    node as *const T as usize
}

impl SymTable {
    /// Analyses a module.
    pub fn build(module: &Module) -> Result<SymTable, ScopeError> {
        let mut b = Builder {
            scopes: vec![Scope::new(ScopeKind::Module, "<module>", None)],
            by_node: HashMap::new(),
            current: 0,
        };
        b.stmts(&module.body)?;
        let mut table = SymTable {
            scopes: b.scopes,
            by_node: b.by_node,
        };
        table.resolve()?;
        Ok(table)
    }

    /// The scope opened by `node` (a `FunctionDef`, `ClassDef`, lambda or comprehension `Expr`).
    pub fn scope_of<T>(&self, node: &T) -> Option<usize> {
        self.by_node.get(&node_key(node)).copied()
    }

    fn resolve(&mut self) -> Result<(), ScopeError> {
        for id in 0..self.scopes.len() {
            let names: Vec<String> = {
                let s = &self.scopes[id];
                let mut all = s.bound_order.clone();
                all.extend(
                    s.used_order
                        .iter()
                        .filter(|n| !s.bound.contains(*n))
                        .cloned(),
                );
                for n in &s.declared_nonlocal {
                    if !all.contains(n) {
                        all.push(n.clone());
                    }
                }
                all
            };
            if self.scopes[id].needs_class_cell {
                self.capture(id, "__class__", true);
            }
            for name in names {
                let sym = self.classify(id, &name)?;
                self.scopes[id].symbols.entry(name).or_insert(sym);
            }
        }
        Ok(())
    }

    /// Decides where `name`, seen in scope `id`, lives; records captures along the way.
    fn classify(&mut self, id: usize, name: &str) -> Result<Sym, ScopeError> {
        let s = &self.scopes[id];
        if let Some(sym) = s.symbols.get(name) {
            return Ok(*sym);
        }
        if s.declared_global.contains(name) {
            return Ok(Sym::Global);
        }
        if s.declared_nonlocal.contains(name) {
            if self.capture(id, name, false) {
                return Ok(Sym::Free);
            }
            return Err(err(
                format!("no binding for nonlocal '{name}' found"),
                Pos::default(),
            ));
        }
        if s.bound.contains(name) {
            return Ok(match s.kind {
                ScopeKind::Module => Sym::Global,
                ScopeKind::Class => Sym::ClassLocal,
                ScopeKind::Function => Sym::Local,
            });
        }
        if s.kind == ScopeKind::Module {
            return Ok(Sym::Global);
        }
        if self.capture(id, name, false) {
            return Ok(Sym::Free);
        }
        Ok(Sym::GlobalImplicit)
    }

    /// Looks for `name` bound in a function enclosing scope `id` (class scopes do not provide
    /// bindings to inner scopes, except the implicit `__class__` cell when `class_cell`). When
    /// found, the binder gets a cell and every scope from `id` up to it a free variable.
    fn capture(&mut self, id: usize, name: &str, class_cell: bool) -> bool {
        let mut chain = vec![id];
        let mut at = self.scopes[id].parent;
        while let Some(p) = at {
            let scope = &self.scopes[p];
            if class_cell && scope.kind == ScopeKind::Class {
                self.make_cell(p, name);
                self.make_free(&chain, name);
                return true;
            }
            if scope.kind == ScopeKind::Function {
                if scope.declared_global.contains(name) {
                    return false;
                }
                let binds = scope.bound.contains(name) && !scope.declared_nonlocal.contains(name);
                if binds {
                    self.make_cell(p, name);
                    self.make_free(&chain, name);
                    return true;
                }
                if scope.declared_nonlocal.contains(name)
                    || scope.freevars.iter().any(|f| f == name)
                {
                    // Already captured further out: pass it through.
                    chain.push(p);
                    let outer = self.scopes[p].parent;
                    at = outer;
                    continue;
                }
            }
            if scope.kind == ScopeKind::Module {
                return false;
            }
            chain.push(p);
            at = scope.parent;
        }
        false
    }

    fn make_cell(&mut self, id: usize, name: &str) {
        let s = &mut self.scopes[id];
        if !s.cellvars.iter().any(|c| c == name) {
            s.cellvars.push(name.to_string());
        }
        if s.kind == ScopeKind::Function {
            s.symbols.insert(name.to_string(), Sym::Cell);
        }
    }

    fn make_free(&mut self, chain: &[usize], name: &str) {
        for &c in chain {
            let s = &mut self.scopes[c];
            if !s.freevars.iter().any(|f| f == name) {
                s.freevars.push(name.to_string());
            }
            // A class keeps its own binding of the name, if it has one; the free variable only
            // passes the cell through to its methods.
            if s.kind == ScopeKind::Function || !s.bound.contains(name) {
                s.symbols.insert(name.to_string(), Sym::Free);
            }
        }
    }
}

struct Builder {
    scopes: Vec<Scope>,
    by_node: HashMap<usize, usize>,
    current: usize,
}

impl Builder {
    fn cur(&mut self) -> &mut Scope {
        &mut self.scopes[self.current]
    }

    fn enter(&mut self, kind: ScopeKind, name: &str, key: usize) -> usize {
        let id = self.scopes.len();
        self.scopes.push(Scope::new(kind, name, Some(self.current)));
        self.by_node.insert(key, id);
        let prev = self.current;
        self.current = id;
        prev
    }

    fn stmts(&mut self, body: &[Stmt]) -> Result<(), ScopeError> {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn declare(&mut self, names: &[String], global: bool, pos: Pos) -> Result<(), ScopeError> {
        let kind = self.cur().kind;
        for n in names {
            let s = self.cur();
            if s.params.contains(n) {
                let what = if global { "global" } else { "nonlocal" };
                return Err(err(format!("name '{n}' is parameter and {what}"), pos));
            }
            if s.used.contains(n) || s.bound.contains(n) {
                let what = if global { "global" } else { "nonlocal" };
                let how = if s.bound.contains(n) {
                    "assigned to"
                } else {
                    "used"
                };
                return Err(err(
                    format!("name '{n}' is {how} prior to {what} declaration"),
                    pos,
                ));
            }
            if global {
                s.declared_global.insert(n.clone());
            } else {
                if kind == ScopeKind::Module {
                    return Err(err("nonlocal declaration not allowed at module level", pos));
                }
                s.declared_nonlocal.insert(n.clone());
            }
        }
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt) -> Result<(), ScopeError> {
        match &s.kind {
            StmtKind::FunctionDef(f) => {
                for d in &f.decorators {
                    self.expr(d)?;
                }
                self.defaults(&f.args)?;
                self.cur().bind(&f.name);
                let prev = self.enter(ScopeKind::Function, &f.name, node_key(&**f));
                self.cur().is_async = f.is_async;
                self.params(&f.args);
                self.stmts(&f.body)?;
                self.current = prev;
            }
            StmtKind::ClassDef(c) => {
                for d in &c.decorators {
                    self.expr(d)?;
                }
                for b in &c.bases {
                    self.expr(b)?;
                }
                for k in &c.keywords {
                    self.expr(&k.value)?;
                }
                self.cur().bind(&c.name);
                let prev = self.enter(ScopeKind::Class, &c.name, node_key(&**c));
                self.stmts(&c.body)?;
                self.current = prev;
            }
            StmtKind::Return(v) => {
                if let Some(v) = v {
                    self.expr(v)?;
                }
            }
            StmtKind::Delete(targets) => {
                for t in targets {
                    self.target(t)?;
                }
            }
            StmtKind::Assign { targets, value } => {
                self.expr(value)?;
                for t in targets {
                    self.target(t)?;
                }
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(value)?;
                if let ExprKind::Name(n) = &target.kind {
                    self.cur().use_name(n);
                }
                self.target(target)?;
            }
            StmtKind::AnnAssign { target, value, .. } => {
                if let Some(v) = value {
                    self.expr(v)?;
                    self.target(target)?;
                } else if let ExprKind::Name(n) = &target.kind {
                    // `x: int` alone makes x local in a function, as in CPython.
                    self.cur().bind(n);
                } else {
                    self.target(target)?;
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
                    self.cur().has_await = true;
                }
                self.expr(iter)?;
                self.target(target)?;
                self.stmts(body)?;
                self.stmts(orelse)?;
            }
            StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                self.expr(test)?;
                self.stmts(body)?;
                self.stmts(orelse)?;
            }
            StmtKind::With {
                items,
                body,
                is_async,
            } => {
                if *is_async {
                    self.cur().has_await = true;
                }
                for item in items {
                    self.expr(&item.context_expr)?;
                    if let Some(t) = &item.optional_vars {
                        self.target(t)?;
                    }
                }
                self.stmts(body)?;
            }
            StmtKind::Raise { exc, cause } => {
                for e in exc.iter().chain(cause.iter()) {
                    self.expr(e)?;
                }
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                self.stmts(body)?;
                for h in handlers {
                    if let Some(t) = &h.typ {
                        self.expr(t)?;
                    }
                    if let Some(n) = &h.name {
                        self.cur().bind(n);
                    }
                    self.stmts(&h.body)?;
                }
                self.stmts(orelse)?;
                self.stmts(finalbody)?;
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test)?;
                if let Some(m) = msg {
                    self.expr(m)?;
                }
            }
            StmtKind::Import(aliases) => {
                for a in aliases {
                    let bound = match &a.asname {
                        Some(n) => n.clone(),
                        None => a.name.split('.').next().unwrap_or(&a.name).to_string(),
                    };
                    self.cur().bind(&bound);
                }
            }
            StmtKind::ImportFrom { names, .. } => {
                for a in names {
                    if a.name == "*" {
                        if self.cur().kind != ScopeKind::Module {
                            return Err(err("import * only allowed at module level", a.pos));
                        }
                        continue;
                    }
                    let bound = a.asname.clone().unwrap_or_else(|| a.name.clone());
                    self.cur().bind(&bound);
                }
            }
            StmtKind::Global(names) => self.declare(names, true, s.pos)?,
            StmtKind::Nonlocal(names) => self.declare(names, false, s.pos)?,
            StmtKind::Expr(e) => self.expr(e)?,
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => {}
        }
        Ok(())
    }

    fn defaults(&mut self, args: &Arguments) -> Result<(), ScopeError> {
        for d in &args.defaults {
            self.expr(d)?;
        }
        for d in args.kw_defaults.iter().flatten() {
            self.expr(d)?;
        }
        Ok(())
    }

    fn params(&mut self, args: &Arguments) {
        let names: Vec<String> = args
            .posonlyargs
            .iter()
            .chain(&args.args)
            .chain(&args.kwonlyargs)
            .chain(args.vararg.iter())
            .chain(args.kwarg.iter())
            .map(|a| a.name.clone())
            .collect();
        for n in names {
            self.cur().params.push(n.clone());
            self.cur().bind(&n);
        }
    }

    fn target(&mut self, t: &Expr) -> Result<(), ScopeError> {
        match &t.kind {
            ExprKind::Name(n) => {
                self.cur().bind(n);
                Ok(())
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for i in items {
                    self.target(i)?;
                }
                Ok(())
            }
            ExprKind::Starred(inner) => self.target(inner),
            _ => self.expr(t),
        }
    }

    fn comprehension(
        &mut self,
        key: usize,
        name: &str,
        generators: &[Comprehension],
        elts: &[&Expr],
    ) -> Result<(), ScopeError> {
        // The first iterable is evaluated in the enclosing scope.
        if let Some(first) = generators.first() {
            self.expr(&first.iter)?;
        }
        let prev = self.enter(ScopeKind::Function, name, key);
        self.cur().params.push(".0".into());
        self.cur().bind(".0");
        if name == "<genexpr>" {
            self.cur().is_generator = true;
        }
        for (i, g) in generators.iter().enumerate() {
            if g.is_async {
                self.cur().has_await = true;
            }
            if i > 0 {
                self.expr(&g.iter)?;
            }
            self.target(&g.target)?;
            for cond in &g.ifs {
                self.expr(cond)?;
            }
        }
        for e in elts {
            self.expr(e)?;
        }
        self.current = prev;
        Ok(())
    }

    fn expr(&mut self, e: &Expr) -> Result<(), ScopeError> {
        match &e.kind {
            ExprKind::Name(n) => {
                self.cur().use_name(n);
                if (n == "super" || n == "__class__") && self.cur().kind == ScopeKind::Function {
                    self.cur().needs_class_cell = true;
                }
            }
            ExprKind::BoolOp { values, .. } => {
                for v in values {
                    self.expr(v)?;
                }
            }
            ExprKind::NamedExpr { target, value } => {
                self.expr(value)?;
                // In a comprehension, the walrus binds in the enclosing function (PEP 572).
                let mut at = self.current;
                while self.scopes[at].name.starts_with('<')
                    && self.scopes[at].name.ends_with("comp>")
                    || self.scopes[at].name == "<genexpr>"
                {
                    match self.scopes[at].parent {
                        Some(p) => at = p,
                        None => break,
                    }
                }
                if let ExprKind::Name(n) = &target.kind {
                    if at != self.current {
                        self.scopes[at].bind(n);
                        self.cur().use_name(n);
                        self.cur().declared_nonlocal.insert(n.clone());
                        if self.scopes[at].kind == ScopeKind::Module {
                            self.cur().declared_nonlocal.remove(n);
                            self.cur().declared_global.insert(n.clone());
                        }
                    } else {
                        self.cur().bind(n);
                    }
                }
            }
            ExprKind::BinOp { left, right, .. } => {
                self.expr(left)?;
                self.expr(right)?;
            }
            ExprKind::UnaryOp { operand, .. } => self.expr(operand)?,
            ExprKind::Lambda { args, body } => {
                self.defaults(args)?;
                let prev = self.enter(ScopeKind::Function, "<lambda>", node_key(e));
                self.params(args);
                self.expr(body)?;
                self.current = prev;
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test)?;
                self.expr(body)?;
                self.expr(orelse)?;
            }
            ExprKind::Dict { keys, values } => {
                for k in keys.iter().flatten() {
                    self.expr(k)?;
                }
                for v in values {
                    self.expr(v)?;
                }
            }
            ExprKind::Set(items) | ExprKind::List(items) | ExprKind::Tuple(items) => {
                for i in items {
                    self.expr(i)?;
                }
            }
            ExprKind::ListComp { elt, generators } => {
                self.comprehension(node_key(e), "<listcomp>", generators, &[elt])?
            }
            ExprKind::SetComp { elt, generators } => {
                self.comprehension(node_key(e), "<setcomp>", generators, &[elt])?
            }
            ExprKind::GeneratorExp { elt, generators } => {
                self.comprehension(node_key(e), "<genexpr>", generators, &[elt])?
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self.comprehension(node_key(e), "<dictcomp>", generators, &[key, value])?,
            ExprKind::Await(v) => {
                self.cur().has_await = true;
                self.expr(v)?;
            }
            ExprKind::Yield(v) => {
                self.cur().is_generator = true;
                if let Some(v) = v {
                    self.expr(v)?;
                }
            }
            ExprKind::YieldFrom(v) => {
                self.cur().is_generator = true;
                self.expr(v)?;
            }
            ExprKind::Compare {
                left, comparators, ..
            } => {
                self.expr(left)?;
                for c in comparators {
                    self.expr(c)?;
                }
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.expr(func)?;
                for a in args {
                    self.expr(a)?;
                }
                for k in keywords {
                    self.expr(&k.value)?;
                }
            }
            ExprKind::FormattedValue {
                value, format_spec, ..
            } => {
                self.expr(value)?;
                if let Some(s) = format_spec {
                    self.expr(s)?;
                }
            }
            ExprKind::JoinedStr(parts) => {
                for p in parts {
                    self.expr(p)?;
                }
            }
            ExprKind::Constant(_) => {}
            ExprKind::Attribute { value, .. } => self.expr(value)?,
            ExprKind::Subscript { value, slice } => {
                self.expr(value)?;
                self.expr(slice)?;
            }
            ExprKind::Starred(v) => self.expr(v)?,
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper, step].into_iter().flatten() {
                    self.expr(part)?;
                }
            }
        }
        Ok(())
    }
}

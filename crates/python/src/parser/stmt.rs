//! Statements: simple statements (assignments, imports, `del`, `raise`, …) and compound ones
//! (`if`, loops, `try`, `with`, definitions), with blocks and CPython's block errors.

use super::targets::{expr_name, invalid_target, TargetsKind};
use super::{PResult, Parser, EXPR_COST};
use crate::ast::{
    Alias, BinOp, ClassDef, ExceptHandler, Expr, ExprKind, FunctionDef, Module, Pos, Stmt,
    StmtKind, WithItem,
};
use crate::token::Tok;

fn stmt(kind: StmtKind, pos: Pos) -> Stmt {
    Stmt { kind, pos }
}

/// The operator of an augmented assignment token.
fn aug_op(kind: Tok) -> Option<BinOp> {
    Some(match kind {
        Tok::PlusEqual => BinOp::Add,
        Tok::MinEqual => BinOp::Sub,
        Tok::StarEqual => BinOp::Mult,
        Tok::AtEqual => BinOp::MatMult,
        Tok::SlashEqual => BinOp::Div,
        Tok::PercentEqual => BinOp::Mod,
        Tok::DoubleStarEqual => BinOp::Pow,
        Tok::LeftShiftEqual => BinOp::LShift,
        Tok::RightShiftEqual => BinOp::RShift,
        Tok::VBarEqual => BinOp::BitOr,
        Tok::CircumflexEqual => BinOp::BitXor,
        Tok::AmperEqual => BinOp::BitAnd,
        Tok::DoubleSlashEqual => BinOp::FloorDiv,
        _ => return None,
    })
}

impl Parser<'_> {
    pub(super) fn file(&mut self) -> PResult<Module> {
        let mut body = Vec::new();
        while self.kind() != Tok::EndMarker {
            self.statement(&mut body)?;
        }
        Ok(Module { body })
    }

    /// One statement line (simple statements joined by `;` count as one) into `out`.
    fn statement(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        match self.kind() {
            Tok::Def
            | Tok::At
            | Tok::Class
            | Tok::If
            | Tok::While
            | Tok::For
            | Tok::Try
            | Tok::With => {
                let s = self.compound()?;
                out.push(s);
                Ok(())
            }
            Tok::Async => {
                let s = self.compound()?;
                out.push(s);
                Ok(())
            }
            _ => self.simple_stmts(out),
        }
    }

    fn simple_stmts(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        loop {
            let s = self.simple_stmt()?;
            out.push(s);
            if self.eat(Tok::Semi) {
                if self.eat(Tok::Newline) {
                    return Ok(());
                }
                continue;
            }
            if self.eat(Tok::Newline) {
                return Ok(());
            }
            return Err(self.unexpected());
        }
    }

    #[inline(never)]
    fn simple_stmt(&mut self) -> PResult<Stmt> {
        let pos = self.pos();
        let kind = match self.kind() {
            Tok::Pass => {
                self.bump();
                StmtKind::Pass
            }
            Tok::Break => {
                self.bump();
                StmtKind::Break
            }
            Tok::Continue => {
                self.bump();
                StmtKind::Continue
            }
            Tok::Return => {
                self.bump();
                let value = if self.starts_expression() {
                    Some(self.star_expressions()?)
                } else {
                    None
                };
                StmtKind::Return(value)
            }
            Tok::Raise => {
                self.bump();
                if self.starts_expression() {
                    let exc = self.expression()?;
                    let cause = if self.eat(Tok::From) {
                        Some(self.expression()?)
                    } else {
                        None
                    };
                    StmtKind::Raise {
                        exc: Some(exc),
                        cause,
                    }
                } else {
                    StmtKind::Raise {
                        exc: None,
                        cause: None,
                    }
                }
            }
            Tok::Global | Tok::Nonlocal => {
                let global = self.kind() == Tok::Global;
                self.bump();
                let mut names = vec![self.name()?.0];
                while self.eat(Tok::Comma) {
                    names.push(self.name()?.0);
                }
                if global {
                    StmtKind::Global(names)
                } else {
                    StmtKind::Nonlocal(names)
                }
            }
            Tok::Assert => {
                self.bump();
                let test = self.expression()?;
                let msg = if self.eat(Tok::Comma) {
                    Some(self.expression()?)
                } else {
                    None
                };
                StmtKind::Assert { test, msg }
            }
            Tok::Del => self.del_stmt()?,
            Tok::Import => self.import_name()?,
            Tok::From => self.import_from()?,
            _ => return self.expr_stmt(),
        };
        Ok(stmt(kind, pos))
    }

    #[inline(never)]
    fn del_stmt(&mut self) -> PResult<StmtKind> {
        self.bump();
        let mut targets = Vec::new();
        loop {
            let t = self.star_expression()?;
            targets.push(t);
            if !self.eat(Tok::Comma) || !self.starts_expression() {
                break;
            }
        }
        for t in &targets {
            if let Some(bad) = invalid_target(t, TargetsKind::Del) {
                return Err(self.error(format!("cannot delete {}", expr_name(bad)), bad.pos));
            }
        }
        if !matches!(self.kind(), Tok::Semi | Tok::Newline) {
            return Err(self.unexpected());
        }
        Ok(StmtKind::Delete(targets))
    }

    fn dotted_name(&mut self) -> PResult<(String, Pos)> {
        let (mut name, pos) = self.name()?;
        while self.eat(Tok::Dot) {
            name.push('.');
            name.push_str(&self.name()?.0);
        }
        Ok((name, pos))
    }

    #[inline(never)]
    fn import_name(&mut self) -> PResult<StmtKind> {
        self.bump();
        let mut names = Vec::new();
        loop {
            let (name, pos) = self.dotted_name()?;
            let asname = if self.eat(Tok::As) {
                Some(self.name()?.0)
            } else {
                None
            };
            names.push(Alias { name, asname, pos });
            if !self.eat(Tok::Comma) {
                break;
            }
        }
        Ok(StmtKind::Import(names))
    }

    #[inline(never)]
    fn import_from(&mut self) -> PResult<StmtKind> {
        self.bump();
        let mut level = 0;
        loop {
            match self.kind() {
                Tok::Dot => level += 1,
                Tok::Ellipsis => level += 3,
                _ => break,
            }
            self.bump();
        }
        let module = if level == 0 || self.kind() == Tok::Name {
            Some(self.dotted_name()?.0)
        } else {
            None
        };
        self.expect(Tok::Import)?;
        let mut names = Vec::new();
        if self.kind() == Tok::Star {
            let pos = self.pos();
            self.bump();
            names.push(Alias {
                name: "*".into(),
                asname: None,
                pos,
            });
        } else {
            let paren = self.eat(Tok::LPar);
            loop {
                let (name, pos) = self.name()?;
                let asname = if self.eat(Tok::As) {
                    Some(self.name()?.0)
                } else {
                    None
                };
                names.push(Alias { name, asname, pos });
                if !self.eat(Tok::Comma) {
                    break;
                }
                if paren && self.kind() == Tok::RPar {
                    break;
                }
                if !paren && self.kind() == Tok::Newline {
                    return Err(self.error(
                        "trailing comma not allowed without surrounding parentheses",
                        self.pos(),
                    ));
                }
            }
            if paren {
                self.expect(Tok::RPar)?;
            }
        }
        Ok(StmtKind::ImportFrom {
            module,
            names,
            level,
        })
    }

    /// An expression statement, an assignment (plain, augmented or annotated).
    #[inline(never)]
    fn expr_stmt(&mut self) -> PResult<Stmt> {
        let pos = self.pos();
        let start = self.i;
        if self.kind() == Tok::Yield {
            let y = self.yield_expr()?;
            if self.kind() == Tok::Equal {
                return Err(self.error("assignment to yield expression not possible", y.pos));
            }
            return Ok(stmt(StmtKind::Expr(y), pos));
        }
        let first = self.star_expressions()?;
        let first_end = self.i;
        match self.kind() {
            Tok::Equal => {
                let mut targets = vec![first];
                let mut value;
                loop {
                    self.bump();
                    let v = if self.kind() == Tok::Yield {
                        self.yield_expr()
                    } else {
                        self.star_expressions()
                    };
                    value = match v {
                        Ok(v) => v,
                        // CPython's error pass checks the targets before the value: a bad
                        // target is the error even when the value is broken too.
                        Err(e) if !self.hit_lex_error => {
                            self.check_assign_targets(&targets, start, first_end)?;
                            return Err(e);
                        }
                        Err(e) => return Err(e),
                    };
                    if self.kind() != Tok::Equal {
                        break;
                    }
                    targets.push(value);
                }
                self.check_assign_targets(&targets, start, first_end)?;
                Ok(stmt(StmtKind::Assign { targets, value }, pos))
            }
            Tok::Colon => {
                let valid = matches!(
                    first.kind,
                    ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. }
                );
                // CPython's messages for a bad target need an annotation after the colon.
                if !valid
                    && self
                        .speculate(|p| {
                            p.bump();
                            p.expression()
                        })
                        .is_none()
                {
                    return Err(self.unexpected());
                }
                match &first.kind {
                    ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => {
                    }
                    ExprKind::Tuple(_) | ExprKind::List(_) => {
                        let what = if matches!(first.kind, ExprKind::List(_)) {
                            "list"
                        } else {
                            "tuple"
                        };
                        return Err(self.error(
                            format!("only single target (not {what}) can be annotated"),
                            first.pos,
                        ));
                    }
                    _ => {
                        return Err(self.error("illegal target for annotation", first.pos));
                    }
                }
                self.bump();
                let annotation = self.expression()?;
                let value = if self.eat(Tok::Equal) {
                    Some(if self.kind() == Tok::Yield {
                        self.yield_expr()?
                    } else {
                        self.star_expressions()?
                    })
                } else {
                    None
                };
                Ok(stmt(
                    StmtKind::AnnAssign {
                        target: first,
                        annotation,
                        value,
                    },
                    pos,
                ))
            }
            k => {
                if let Some(op) = aug_op(k) {
                    if !matches!(
                        first.kind,
                        ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. }
                    ) {
                        // CPython's message needs a value after the operator.
                        let has_value = self
                            .speculate(|p| {
                                p.bump();
                                if p.kind() == Tok::Yield {
                                    p.yield_expr()
                                } else {
                                    p.star_expressions()
                                }
                            })
                            .is_some();
                        if !has_value {
                            return Err(self.unexpected());
                        }
                        let msg = format!(
                            "'{}' is an illegal expression for augmented assignment",
                            expr_name(&first)
                        );
                        return Err(self.error(msg, first.pos));
                    }
                    self.bump();
                    let value = if self.kind() == Tok::Yield {
                        self.yield_expr()?
                    } else {
                        self.star_expressions()?
                    };
                    return Ok(stmt(
                        StmtKind::AugAssign {
                            target: first,
                            op,
                            value,
                        },
                        pos,
                    ));
                }
                Ok(stmt(StmtKind::Expr(first), pos))
            }
        }
    }

    /// Assignment targets, with CPython's messages: `cannot assign to X here. Maybe you meant
    /// '==' instead of '='?` when the first target (or its last element) is the culprit and a
    /// single value follows, else `cannot assign to X`.
    #[inline(never)]
    fn check_assign_targets(
        &mut self,
        targets: &[Expr],
        start: usize,
        first_end: usize,
    ) -> PResult<()> {
        let Some(first) = targets.first() else {
            return Ok(());
        };
        let any_bad = targets.iter().any(|t| {
            invalid_target(t, TargetsKind::Star).is_some()
                || matches!(t.kind, ExprKind::Yield(_) | ExprKind::YieldFrom(_))
        });
        if any_bad {
            // CPython's invalid_named_expression, reached through the first target (or the last
            // element of a first target that is a bare tuple) and the value after it.
            let (last, last_start) = match &first.kind {
                ExprKind::Tuple(elts) if !self.parenthesized(start, first_end) => (
                    elts.last().unwrap_or(first),
                    self.find_token(elts.last().map(|e| e.pos)),
                ),
                _ => (first, start),
            };
            if matches!(last.kind, ExprKind::Name(_))
                && last_start + 1 == first_end
                && self.value_is_single(first_end)
            {
                let msg = "invalid syntax. Maybe you meant '==' or ':=' instead of '='?";
                return Err(self.error(msg, last.pos));
            }
            if self.is_bitwise_or_level(last, last_start, first_end) {
                let excluded = matches!(
                    last.kind,
                    ExprKind::List(_) | ExprKind::Tuple(_) | ExprKind::GeneratorExp { .. }
                ) || matches!(
                    self.toks[last_start].kind,
                    Tok::True | Tok::False | Tok::None
                );
                if !excluded && self.value_is_single(first_end) {
                    let msg = format!(
                        "cannot assign to {} here. Maybe you meant '==' instead of '='?",
                        expr_name(last)
                    );
                    return Err(self.error(msg, last.pos));
                }
            }
        }
        for t in targets {
            if let ExprKind::Yield(_) | ExprKind::YieldFrom(_) = t.kind {
                return Err(self.error("assignment to yield expression not possible", t.pos));
            }
            if let Some(bad) = invalid_target(t, TargetsKind::Star) {
                return Err(self.error(format!("cannot assign to {}", expr_name(bad)), bad.pos));
            }
        }
        Ok(())
    }

    /// The index of the token at `pos` (searching the statement so far), for hints.
    fn find_token(&self, pos: Option<Pos>) -> usize {
        let Some(pos) = pos else { return self.i };
        self.toks[..self.i]
            .iter()
            .rposition(|t| t.pos == pos)
            .unwrap_or(self.i)
    }

    /// After the first target (ending at token `first_end`): `= bitwise_or` not followed by
    /// `=` or `:=` (CPython's condition for the "Maybe you meant '=='" hint).
    fn value_is_single(&mut self, first_end: usize) -> bool {
        let here = self.i;
        self.i = first_end;
        let ok = self.kind() == Tok::Equal && {
            self.bump();
            self.speculate(|p| p.bitwise_or())
                .map(|(_, end)| {
                    !matches!(
                        self.toks[end.min(self.toks.len() - 1)].kind,
                        Tok::Equal | Tok::ColonEqual
                    )
                })
                .unwrap_or(false)
        };
        self.i = here;
        ok
    }

    // Compound statements.

    fn compound(&mut self) -> PResult<Stmt> {
        self.enter(EXPR_COST)?;
        let r = self.compound_inner();
        self.leave(EXPR_COST);
        r
    }

    fn compound_inner(&mut self) -> PResult<Stmt> {
        let pos = self.pos();
        match self.kind() {
            Tok::At => {
                let mut decorators = Vec::new();
                while self.eat(Tok::At) {
                    decorators.push(self.named_expression()?);
                    self.expect(Tok::Newline)?;
                }
                match self.kind() {
                    Tok::Def => self.funcdef(decorators, pos, false),
                    Tok::Async if self.peek_kind(1) == Tok::Def => {
                        self.funcdef(decorators, pos, true)
                    }
                    Tok::Class => self.classdef(decorators, pos),
                    _ => Err(self.unexpected()),
                }
            }
            Tok::Def => self.funcdef(Vec::new(), pos, false),
            Tok::Class => self.classdef(Vec::new(), pos),
            Tok::If => self.if_stmt(),
            Tok::While => self.while_stmt(),
            Tok::For => self.for_stmt(pos, false),
            Tok::Try => self.try_stmt(),
            Tok::With => self.with_stmt(pos, false),
            Tok::Async => match self.peek_kind(1) {
                Tok::Def => self.funcdef(Vec::new(), pos, true),
                Tok::For => {
                    self.bump();
                    self.for_stmt(pos, true)
                }
                Tok::With => {
                    self.bump();
                    self.with_stmt(pos, true)
                }
                _ => {
                    self.bump();
                    Err(self.unexpected())
                }
            },
            _ => Err(self.unexpected()),
        }
    }

    /// `':' block` after a header; `what` names the statement for the indentation error, and
    /// `line` is the line CPython names in it.
    fn colon_block(&mut self, what: &str, line: u32) -> PResult<Vec<Stmt>> {
        if self.kind() == Tok::Newline {
            return Err(self.error("expected ':'", self.pos()));
        }
        self.expect(Tok::Colon)?;
        self.block(what, line)
    }

    fn block(&mut self, what: &str, line: u32) -> PResult<Vec<Stmt>> {
        let mut body = Vec::new();
        if !self.eat(Tok::Newline) {
            self.simple_stmts(&mut body)?;
            return Ok(body);
        }
        if self.kind() != Tok::Indent {
            if self.kind() == Tok::Error {
                return Err(self.unexpected());
            }
            return Err(self.indentation_error(
                format!("expected an indented block after {what} on line {line}"),
                self.pos(),
            ));
        }
        self.bump();
        self.blocks += 1;
        loop {
            self.statement(&mut body)?;
            if self.eat(Tok::Dedent) || self.kind() == Tok::EndMarker {
                self.blocks -= 1;
                return Ok(body);
            }
        }
    }

    fn else_block(&mut self) -> PResult<Vec<Stmt>> {
        if self.kind() != Tok::Else {
            return Ok(Vec::new());
        }
        let line = self.pos().line;
        self.bump();
        self.expect_forced(Tok::Colon, ":")?;
        self.block("'else' statement", line)
    }

    #[inline(never)]
    fn if_stmt(&mut self) -> PResult<Stmt> {
        let pos = self.pos();
        let keyword = self.kind();
        self.bump();
        let test = self.named_expression()?;
        let what = if keyword == Tok::If {
            "'if' statement"
        } else {
            "'elif' statement"
        };
        let line = if keyword == Tok::If {
            test.pos.line
        } else {
            pos.line
        };
        let body = self.colon_block(what, line)?;
        let orelse = if self.kind() == Tok::Elif {
            self.enter(1)?;
            let r = self.if_stmt();
            self.leave(1);
            vec![r?]
        } else {
            self.else_block()?
        };
        Ok(stmt(StmtKind::If { test, body, orelse }, pos))
    }

    #[inline(never)]
    fn while_stmt(&mut self) -> PResult<Stmt> {
        let pos = self.pos();
        self.bump();
        let test = self.named_expression()?;
        let body = self.colon_block("'while' statement", pos.line)?;
        let orelse = self.else_block()?;
        Ok(stmt(StmtKind::While { test, body, orelse }, pos))
    }

    #[inline(never)]
    fn for_stmt(&mut self, pos: Pos, is_async: bool) -> PResult<Stmt> {
        let line = self.pos().line;
        self.bump();
        let target = self.for_targets()?;
        self.expect(Tok::In)?;
        let iter = self.star_expressions()?;
        let body = self.colon_block("'for' statement", line)?;
        let orelse = self.else_block()?;
        Ok(stmt(
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
                is_async,
            },
            pos,
        ))
    }

    #[inline(never)]
    fn try_stmt(&mut self) -> PResult<Stmt> {
        let pos = self.pos();
        self.bump();
        self.expect_forced(Tok::Colon, ":")?;
        let body = self.block("'try' statement", pos.line)?;
        let mut handlers = Vec::new();
        while self.kind() == Tok::Except {
            handlers.push(self.except_block()?);
        }
        let orelse = if handlers.is_empty() {
            Vec::new()
        } else {
            self.else_block()?
        };
        let finalbody = if self.kind() == Tok::Finally {
            let line = self.pos().line;
            self.bump();
            self.expect_forced(Tok::Colon, ":")?;
            self.block("'finally' statement", line)?
        } else {
            Vec::new()
        };
        if handlers.is_empty() && finalbody.is_empty() {
            if self.kind() == Tok::Error {
                return Err(self.unexpected());
            }
            let at = self.peek_pos_after_dedents();
            return Err(self.error("expected 'except' or 'finally' block", at));
        }
        Ok(stmt(
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            },
            pos,
        ))
    }

    /// Where CPython's lookahead after a block lands: past its DEDENTs, at the next token
    /// (an INDENT there is placed, as CPython does, just before the line's first token).
    fn peek_pos_after_dedents(&mut self) -> Pos {
        let mut k = self.i;
        while k < self.toks.len() - 1 && self.toks[k].kind == Tok::Dedent {
            k += 1;
        }
        self.far = self.far.max(k);
        let t = self.toks[k];
        if t.kind == Tok::Indent {
            return Pos {
                line: t.pos.line,
                col: t.pos.col - 1,
            };
        }
        t.pos
    }

    #[inline(never)]
    fn except_block(&mut self) -> PResult<ExceptHandler> {
        let pos = self.pos();
        self.bump();
        if self.kind() == Tok::Colon {
            self.bump();
            let body = self.block("'except' statement", pos.line)?;
            return Ok(ExceptHandler {
                typ: None,
                name: None,
                body,
                pos,
            });
        }
        if self.kind() == Tok::Newline {
            return Err(self.error("expected ':'", self.pos()));
        }
        if self.kind() == Tok::Star {
            if matches!(self.peek_kind(1), Tok::Newline | Tok::Colon) {
                self.bump();
                return Err(self.error("expected one or more exception types", self.pos()));
            }
            return Err(self.error("'except*' (exception groups) is not supported", self.pos()));
        }
        let typ = self.expression()?;
        if self.kind() == Tok::Comma {
            // `except A, B:` (Python 2).
            let ok = self
                .speculate(|p| {
                    p.bump();
                    p.expressions()?;
                    if p.eat(Tok::As) {
                        p.name()?;
                    }
                    p.expect(Tok::Colon)
                })
                .is_some();
            if ok {
                return Err(self.error("multiple exception types must be parenthesized", typ.pos));
            }
        }
        let name = if self.eat(Tok::As) {
            Some(self.name()?.0)
        } else {
            None
        };
        let body = self.colon_block("'except' statement", pos.line)?;
        Ok(ExceptHandler {
            typ: Some(typ),
            name,
            body,
            pos,
        })
    }

    #[inline(never)]
    fn with_stmt(&mut self, pos: Pos, is_async: bool) -> PResult<Stmt> {
        let line = self.pos().line;
        self.bump();
        // `with (a as b, c):` — parenthesized items, if the parentheses close before the colon.
        if self.kind() == Tok::LPar {
            let items = self.speculate(|p| {
                p.bump();
                let mut items = Vec::new();
                loop {
                    items.push(p.with_item()?);
                    if !p.eat(Tok::Comma) || p.kind() == Tok::RPar {
                        break;
                    }
                }
                p.expect(Tok::RPar)?;
                if !matches!(p.kind(), Tok::Colon | Tok::Newline) {
                    return Err(p.unexpected());
                }
                Ok(items)
            });
            if items.is_none() {
                // Not parenthesized items; but CPython's error pass tries them first, so an
                // error hint inside them (a forgotten comma) is its message.
                let here = self.i;
                let r = self.with_paren_items();
                if let Err(e) = r {
                    if e.msg != "invalid syntax" && !self.hit_lex_error {
                        return Err(e);
                    }
                }
                self.i = here;
            }
            if let Some((_, end)) = items {
                // Parse again for real (the speculative parse had no error hints).
                let _ = end;
                self.bump();
                let mut items = Vec::new();
                loop {
                    items.push(self.with_item()?);
                    if !self.eat(Tok::Comma) || self.kind() == Tok::RPar {
                        break;
                    }
                }
                self.expect(Tok::RPar)?;
                let body = self.colon_block("'with' statement", line)?;
                return Ok(stmt(
                    StmtKind::With {
                        items,
                        body,
                        is_async,
                    },
                    pos,
                ));
            }
        }
        let mut items = Vec::new();
        loop {
            items.push(self.with_item()?);
            if !self.eat(Tok::Comma) {
                break;
            }
        }
        let body = self.colon_block("'with' statement", line)?;
        Ok(stmt(
            StmtKind::With {
                items,
                body,
                is_async,
            },
            pos,
        ))
    }

    /// `(item, item, …)` followed by `:`, as a with statement's parenthesized items.
    fn with_paren_items(&mut self) -> PResult<()> {
        self.bump();
        loop {
            self.with_item()?;
            if !self.eat(Tok::Comma) || self.kind() == Tok::RPar {
                break;
            }
        }
        self.expect(Tok::RPar)?;
        if !matches!(self.kind(), Tok::Colon | Tok::Newline) {
            return Err(self.unexpected());
        }
        Ok(())
    }

    fn with_item(&mut self) -> PResult<WithItem> {
        let context_expr = self.expression()?;
        let optional_vars = if self.eat(Tok::As) {
            let start = self.i;
            let t = self.star_target()?;
            if matches!(
                self.kind(),
                Tok::Comma | Tok::RPar | Tok::Colon | Tok::Newline
            ) {
                if let Some(bad) = invalid_target(&t, TargetsKind::Star) {
                    return Err(self.error(format!("cannot assign to {}", expr_name(bad)), bad.pos));
                }
            } else {
                // CPython's invalid_with_item: `as` followed by any expression.
                self.i = start;
                let e = self.expression()?;
                if matches!(self.kind(), Tok::Comma | Tok::RPar | Tok::Colon) {
                    if let Some(bad) = invalid_target(&e, TargetsKind::Star) {
                        return Err(
                            self.error(format!("cannot assign to {}", expr_name(bad)), bad.pos)
                        );
                    }
                }
                return Err(self.unexpected());
            }
            Some(t)
        } else {
            None
        };
        Ok(WithItem {
            context_expr,
            optional_vars,
        })
    }

    #[inline(never)]
    fn funcdef(&mut self, decorators: Vec<Expr>, pos: Pos, is_async: bool) -> PResult<Stmt> {
        let def_pos = self.pos();
        if is_async {
            self.bump();
        }
        let def_line = self.pos().line;
        self.bump();
        let (name, _) = self.name()?;
        self.expect_forced(Tok::LPar, "(")?;
        let args = self.parameters(Tok::RPar)?;
        self.expect(Tok::RPar)?;
        let returns = if self.kind() == Tok::RArrow {
            // An arrow without a valid annotation: CPython drops the optional `-> annotation`
            // and expects the colon at the arrow.
            if self
                .speculate(|p| {
                    p.bump();
                    p.expression()
                })
                .is_none()
            {
                return Err(self.error("expected ':'", self.pos()));
            }
            self.bump();
            Some(self.expression()?)
        } else {
            None
        };
        self.expect_forced(Tok::Colon, ":")?;
        let body = self.block("function definition", def_line)?;
        let def = FunctionDef {
            name,
            args,
            body,
            decorators,
            returns,
            is_async,
            def_pos,
        };
        Ok(stmt(StmtKind::FunctionDef(Box::new(def)), pos))
    }

    #[inline(never)]
    fn classdef(&mut self, decorators: Vec<Expr>, pos: Pos) -> PResult<Stmt> {
        let def_pos = self.pos();
        self.bump();
        let (name, _) = self.name()?;
        let (bases, keywords) = if self.eat(Tok::LPar) {
            let (args, keywords) = self.call_arguments()?;
            (args, keywords)
        } else {
            (Vec::new(), Vec::new())
        };
        let body = self.colon_block("class definition", def_pos.line)?;
        let def = ClassDef {
            name,
            bases,
            keywords,
            body,
            decorators,
            def_pos,
        };
        Ok(stmt(StmtKind::ClassDef(Box::new(def)), pos))
    }
}

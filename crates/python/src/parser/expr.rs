//! Expressions, by precedence: lambda < if-else < or < and < not < comparisons < | < ^ < & <
//! shifts < + - < * / // % @ < unary < ** < await < primary (calls, attributes, subscripts) <
//! atoms (names, literals, displays, comprehensions). Binary operators use precedence climbing
//! and prefix operators loops, so a nesting level costs few stack frames.

use super::targets::expr_name;
use super::{boxed, expr, PResult, Parser, EXPR_COST};
use crate::ast::{
    BinOp, BoolOp, CmpOp, Comprehension, Constant, Expr, ExprKind, Keyword, Pos, UnaryOp,
};
use crate::token::Tok;

/// What stands for the part of a trial parse that parsed before a dangling operator or trailer:
/// trial parses are measured (where they end, whether they parse), not kept, and a name is a
/// valid target for the one check that looks inside them.
fn placeholder(pos: Pos) -> Expr {
    expr(ExprKind::Name(String::new()), pos)
}

fn binop(kind: Tok) -> Option<(BinOp, u8)> {
    Some(match kind {
        Tok::VBar => (BinOp::BitOr, 1),
        Tok::Circumflex => (BinOp::BitXor, 2),
        Tok::Amper => (BinOp::BitAnd, 3),
        Tok::LeftShift => (BinOp::LShift, 4),
        Tok::RightShift => (BinOp::RShift, 4),
        Tok::Plus => (BinOp::Add, 5),
        Tok::Minus => (BinOp::Sub, 5),
        Tok::Star => (BinOp::Mult, 6),
        Tok::Slash => (BinOp::Div, 6),
        Tok::DoubleSlash => (BinOp::FloorDiv, 6),
        Tok::Percent => (BinOp::Mod, 6),
        Tok::At => (BinOp::MatMult, 6),
        _ => return None,
    })
}

impl Parser<'_> {
    /// Whether the current token can start an expression.
    pub(super) fn starts_expression(&self) -> bool {
        matches!(
            self.kind(),
            Tok::Name
                | Tok::Number
                | Tok::String
                | Tok::LPar
                | Tok::LSqb
                | Tok::LBrace
                | Tok::Minus
                | Tok::Plus
                | Tok::Tilde
                | Tok::Star
                | Tok::Not
                | Tok::Lambda
                | Tok::Await
                | Tok::None
                | Tok::True
                | Tok::False
                | Tok::Ellipsis
        )
    }

    /// `a, *b, c` (a tuple when there is a comma) — what statements hold.
    pub(super) fn star_expressions(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        let first = self.star_expression()?;
        if self.kind() != Tok::Comma {
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat(Tok::Comma) {
            if !self.starts_expression() {
                break;
            }
            elts.push(self.star_expression()?);
        }
        Ok(expr(ExprKind::Tuple(elts), pos))
    }

    /// `a, b` of plain expressions (an `except` clause's CPython `expressions`).
    pub(super) fn expressions(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        let first = self.expression()?;
        if self.kind() != Tok::Comma {
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat(Tok::Comma) {
            if !self.starts_expression() {
                break;
            }
            elts.push(self.expression()?);
        }
        Ok(expr(ExprKind::Tuple(elts), pos))
    }

    pub(super) fn star_expression(&mut self) -> PResult<Expr> {
        if self.kind() == Tok::Star {
            return self.starred_bitwise_or();
        }
        self.expression()
    }

    #[inline(always)]
    pub(super) fn star_named_expression(&mut self) -> PResult<Expr> {
        if self.kind() == Tok::Star {
            return self.starred_bitwise_or();
        }
        self.named_expression()
    }

    /// `*x` in a display or an assignment.
    #[inline(never)]
    fn starred_bitwise_or(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        self.bump();
        let value = self.bitwise_or()?;
        Ok(expr(ExprKind::Starred(boxed(value)), pos))
    }

    /// `name := value` or an expression, with CPython's hints for a stray `=` or `:=`.
    pub(super) fn named_expression(&mut self) -> PResult<Expr> {
        if self.kind() == Tok::Name && self.peek_kind(1) == Tok::ColonEqual {
            return self.walrus();
        }
        let start = self.i;
        let e = self.expression()?;
        if !self.speculating && matches!(self.kind(), Tok::ColonEqual | Tok::Equal) {
            return self.named_hints(e, start);
        }
        Ok(e)
    }

    /// A named expression followed by `:=` or `=`: CPython's messages, if any apply.
    #[inline(never)]
    fn named_hints(&mut self, e: Expr, start: usize) -> PResult<Expr> {
        {
            if self.kind() == Tok::ColonEqual {
                // CPython's message needs a value after the `:=`.
                let has_value = self
                    .speculate(|p| {
                        p.bump();
                        p.expression()
                    })
                    .is_some();
                if !has_value {
                    return Err(self.unexpected());
                }
                let msg = format!("cannot use assignment expressions with {}", expr_name(&e));
                return Err(self.error(msg, e.pos));
            }
            if self.kind() == Tok::Equal {
                self.stray_equal_hint(&e, start)?;
            }
        }
        Ok(e)
    }

    #[inline(never)]
    fn walrus(&mut self) -> PResult<Expr> {
        let (name, pos) = self.name()?;
        self.bump();
        let value = self.expression()?;
        let target = expr(ExprKind::Name(name), pos);
        Ok(expr(
            ExprKind::NamedExpr {
                target: boxed(target),
                value: boxed(value),
            },
            pos,
        ))
    }

    /// CPython's invalid_named_expression: `if x = 1:` and `if f() = 1:`.
    #[inline(never)]
    fn stray_equal_hint(&mut self, e: &Expr, start: usize) -> PResult<()> {
        let end = self.i;
        let single = self.value_is_single_at(end);
        if !single {
            return Ok(());
        }
        if matches!(e.kind, ExprKind::Name(_)) && start + 1 == end {
            return Err(self.error(
                "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                e.pos,
            ));
        }
        let first = self.toks[start].kind;
        let excluded = matches!(first, Tok::True | Tok::False | Tok::None)
            || matches!(
                e.kind,
                ExprKind::List(_) | ExprKind::Tuple(_) | ExprKind::GeneratorExp { .. }
            );
        if !excluded && self.is_bitwise_or_level(e, start, end) {
            let msg = format!(
                "cannot assign to {} here. Maybe you meant '==' instead of '='?",
                expr_name(e)
            );
            return Err(self.error(msg, e.pos));
        }
        Ok(())
    }

    /// At an `=` (token `at`): whether `= bitwise_or` follows, not followed by `=` or `:=`.
    fn value_is_single_at(&mut self, at: usize) -> bool {
        let here = self.i;
        self.i = at;
        let mut ok = false;
        if self.kind() == Tok::Equal {
            self.bump();
            if let Some((_, end)) = self.speculate(|p| p.bitwise_or()) {
                let next = self.toks[end.min(self.toks.len() - 1)].kind;
                ok = !matches!(next, Tok::Equal | Tok::ColonEqual);
            }
        }
        self.i = here;
        ok
    }

    /// Whether `e` (tokens `start..end`) is what CPython's `bitwise_or` rule would have read.
    pub(super) fn is_bitwise_or_level(&self, e: &Expr, start: usize, end: usize) -> bool {
        self.parenthesized(start, end)
            || !matches!(
                e.kind,
                ExprKind::Compare { .. }
                    | ExprKind::BoolOp { .. }
                    | ExprKind::UnaryOp {
                        op: UnaryOp::Not,
                        ..
                    }
                    | ExprKind::IfExp { .. }
                    | ExprKind::Lambda { .. }
                    | ExprKind::NamedExpr { .. }
                    | ExprKind::Starred(_)
                    | ExprKind::Yield(_)
                    | ExprKind::YieldFrom(_)
            )
    }

    pub(super) fn expression(&mut self) -> PResult<Expr> {
        self.enter(EXPR_COST)?;
        let r = self.expression_inner();
        self.leave(EXPR_COST);
        r
    }

    fn expression_inner(&mut self) -> PResult<Expr> {
        if self.kind() == Tok::Lambda {
            return self.lambdef();
        }
        let start = self.i;
        let pos = self.pos();
        let d = self.disjunction()?;
        if self.kind() == Tok::If {
            return self.ifexp_tail(d, pos);
        }
        if matches!(
            self.kind(),
            Tok::Name
                | Tok::Number
                | Tok::String
                | Tok::LBrace
                | Tok::LPar
                | Tok::LSqb
                | Tok::Tilde
                | Tok::Not
                | Tok::Lambda
                | Tok::Await
                | Tok::None
                | Tok::True
                | Tok::False
                | Tok::Ellipsis
        ) {
            if self.speculating {
                // CPython's error pass would try the next expression here: it reads on.
                self.peek_kind(1);
            } else {
                self.juxtaposed_hint(&d, start)?;
            }
        }
        Ok(d)
    }

    #[inline(never)]
    fn ifexp_tail(&mut self, d: Expr, pos: Pos) -> PResult<Expr> {
        self.bump();
        let test = self.disjunction()?;
        if self.kind() != Tok::Else {
            if !self.speculating && self.kind() != Tok::Colon && self.kind() != Tok::Error {
                return Err(self.error("expected 'else' after 'if' expression", d.pos));
            }
            return Err(self.unexpected());
        }
        self.bump();
        let orelse = self.expression()?;
        let kind = ExprKind::IfExp {
            test: boxed(test),
            body: boxed(d),
            orelse: boxed(orelse),
        };
        Ok(expr(kind, pos))
    }

    /// Two expressions side by side: CPython's "Perhaps you forgot a comma?" (inside brackets)
    /// and "Missing parentheses in call to 'print'".
    #[inline(never)]
    fn juxtaposed_hint(&mut self, d: &Expr, start: usize) -> PResult<()> {
        let t0 = self.toks[start];
        let name_string =
            t0.kind == Tok::Name && self.toks.get(start + 1).map(|t| t.kind) == Some(Tok::String);
        let soft_keyword = t0.kind == Tok::Name && matches!(self.text(&t0), "match" | "case" | "_");
        let legacy = match &d.kind {
            ExprKind::Name(n) if n == "print" || n == "exec" => Some(n.clone()),
            _ => None,
        };
        if !name_string && !soft_keyword {
            if let Some((_, end)) = self.speculate(|p| p.expression()) {
                if legacy.is_none() && end > 0 && self.toks[end - 1].level > 0 {
                    return Err(self.error("invalid syntax. Perhaps you forgot a comma?", d.pos));
                }
            }
        }
        if let Some(n) = legacy {
            if start + 1 == self.i
                && self.kind() != Tok::LPar
                && self.speculate(|p| p.star_expressions()).is_some()
            {
                let msg = format!("Missing parentheses in call to '{n}'. Did you mean {n}(...)?");
                return Err(self.error(msg, d.pos));
            }
        }
        Ok(())
    }

    #[inline(never)]
    fn lambdef(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        self.bump();
        let args = self.parameters(Tok::Colon)?;
        self.expect(Tok::Colon)?;
        let body = self.expression()?;
        Ok(expr(
            ExprKind::Lambda {
                args: Box::new(args),
                body: boxed(body),
            },
            pos,
        ))
    }

    fn disjunction(&mut self) -> PResult<Expr> {
        self.climb(1)
    }

    pub(super) fn bitwise_or(&mut self) -> PResult<Expr> {
        self.climb(5)
    }

    /// The precedence of the operator at the current token: `or` 1, `and` 2, (`not` 3, a
    /// prefix), comparisons 4, `|` 5, `^` 6, `&` 7, shifts 8, `+ -` 9, `* / // % @` 10.
    fn op_prec(&mut self) -> Option<u8> {
        Some(match self.kind() {
            Tok::Or => 1,
            Tok::And => 2,
            Tok::EqEqual
            | Tok::NotEqual
            | Tok::Less
            | Tok::LessEqual
            | Tok::Greater
            | Tok::GreaterEqual => 4,
            Tok::In | Tok::Is => 4,
            Tok::Not if self.peek_kind(1) == Tok::In => 4,
            k => return binop(k).map(|(_, p)| p + 4),
        })
    }

    /// Everything from `or` down to the arithmetic operators, by precedence climbing: one frame
    /// pair per operator level actually used, so a bracketed expression costs few frames.
    fn climb(&mut self, min: u8) -> PResult<Expr> {
        let pos = self.pos();
        let mut left = if min <= 3 && self.kind() == Tok::Not {
            self.not_expr()?
        } else {
            self.factor()?
        };
        let mut chain = 0;
        while let Some(prec) = self.op_prec() {
            if prec < min {
                break;
            }
            self.enter(1)?;
            chain += 1;
            if self.speculating {
                // Like CPython's PEG rules, a trial parse keeps what parsed and leaves a
                // dangling operator to whatever comes next (`print x +` reads `print x`). What
                // parsed is only measured, so a placeholder stands for it (no tree copies).
                let save = self.i;
                match self.climb_step(left, prec, pos) {
                    Ok(e) => left = e,
                    Err(_) => {
                        self.i = save;
                        left = placeholder(pos);
                        break;
                    }
                }
                continue;
            }
            left = self.climb_step(left, prec, pos)?;
        }
        self.leave(chain);
        Ok(left)
    }

    /// One operator (or one chain of `or`, `and` or comparisons) after `left`.
    #[inline(never)]
    fn climb_step(&mut self, left: Expr, prec: u8, pos: Pos) -> PResult<Expr> {
        match prec {
            1 | 2 => {
                let (tok, op) = if prec == 1 {
                    (Tok::Or, BoolOp::Or)
                } else {
                    (Tok::And, BoolOp::And)
                };
                let mut values = vec![left];
                while self.eat(tok) {
                    values.push(self.climb(prec + 1)?);
                }
                Ok(expr(ExprKind::BoolOp { op, values }, pos))
            }
            4 => {
                let mut ops = Vec::new();
                let mut comparators = Vec::new();
                loop {
                    let op = match self.kind() {
                        Tok::EqEqual => CmpOp::Eq,
                        Tok::NotEqual => CmpOp::NotEq,
                        Tok::Less => CmpOp::Lt,
                        Tok::LessEqual => CmpOp::LtE,
                        Tok::Greater => CmpOp::Gt,
                        Tok::GreaterEqual => CmpOp::GtE,
                        Tok::In => CmpOp::In,
                        Tok::Not if self.peek_kind(1) == Tok::In => {
                            self.bump();
                            CmpOp::NotIn
                        }
                        Tok::Is if self.peek_kind(1) == Tok::Not => {
                            self.bump();
                            CmpOp::IsNot
                        }
                        Tok::Is => CmpOp::Is,
                        _ => break,
                    };
                    self.bump();
                    ops.push(op);
                    comparators.push(self.climb(5)?);
                }
                Ok(expr(
                    ExprKind::Compare {
                        left: boxed(left),
                        ops,
                        comparators,
                    },
                    pos,
                ))
            }
            _ => {
                let Some((op, _)) = binop(self.kind()) else {
                    return Err(self.unexpected());
                };
                self.bump();
                let right = self.climb(prec + 1)?;
                Ok(expr(
                    ExprKind::BinOp {
                        left: boxed(left),
                        op,
                        right: boxed(right),
                    },
                    pos,
                ))
            }
        }
    }

    /// `not … x` (iteratively: a thousand `not`s cost no stack).
    #[inline(never)]
    fn not_expr(&mut self) -> PResult<Expr> {
        let mut nots = Vec::new();
        while self.kind() == Tok::Not {
            nots.push(self.pos());
            self.bump();
            self.enter(1)?;
        }
        let mut e = self.climb(4)?;
        for &pos in nots.iter().rev() {
            e = expr(
                ExprKind::UnaryOp {
                    op: UnaryOp::Not,
                    operand: boxed(e),
                },
                pos,
            );
        }
        self.leave(nots.len() as u32);
        Ok(e)
    }

    fn factor(&mut self) -> PResult<Expr> {
        let op = |k| match k {
            Tok::Minus => Some(UnaryOp::USub),
            Tok::Plus => Some(UnaryOp::UAdd),
            Tok::Tilde => Some(UnaryOp::Invert),
            _ => None,
        };
        if op(self.kind()).is_none() {
            return self.power();
        }
        self.unary_ops()
    }

    /// Prefix `-`, `+`, `~` (iteratively: a thousand of them cost no stack).
    #[inline(never)]
    fn unary_ops(&mut self) -> PResult<Expr> {
        let op = |k| match k {
            Tok::Minus => Some(UnaryOp::USub),
            Tok::Plus => Some(UnaryOp::UAdd),
            Tok::Tilde => Some(UnaryOp::Invert),
            _ => None,
        };
        let mut ops = Vec::new();
        while let Some(o) = op(self.kind()) {
            ops.push((o, self.pos()));
            self.bump();
            self.enter(1)?;
        }
        let mut e = self.power()?;
        for &(o, pos) in ops.iter().rev() {
            e = expr(
                ExprKind::UnaryOp {
                    op: o,
                    operand: boxed(e),
                },
                pos,
            );
        }
        self.leave(ops.len() as u32);
        Ok(e)
    }

    fn power(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        let base = self.await_primary()?;
        if self.kind() != Tok::DoubleStar {
            return Ok(base);
        }
        self.power_tail(base, pos)
    }

    #[inline(never)]
    fn power_tail(&mut self, base: Expr, pos: Pos) -> PResult<Expr> {
        self.bump();
        self.enter(1)?;
        let exp = self.factor()?;
        self.leave(1);
        Ok(expr(
            ExprKind::BinOp {
                left: boxed(base),
                op: BinOp::Pow,
                right: boxed(exp),
            },
            pos,
        ))
    }

    fn await_primary(&mut self) -> PResult<Expr> {
        if self.kind() == Tok::Await {
            return self.await_expr();
        }
        self.primary()
    }

    #[inline(never)]
    fn await_expr(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        self.bump();
        let e = self.primary()?;
        Ok(expr(ExprKind::Await(boxed(e)), pos))
    }

    /// An atom and its trailers: `.name`, `(args)`, `[slices]`.
    pub(super) fn primary(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        let e = self.atom()?;
        if !matches!(self.kind(), Tok::Dot | Tok::LPar | Tok::LSqb) {
            return Ok(e);
        }
        self.trailers(e, pos)
    }

    /// `.name`, `(args)` and `[index]` after a primary.
    #[inline(never)]
    fn trailers(&mut self, mut e: Expr, pos: Pos) -> PResult<Expr> {
        let mut chain = 0;
        loop {
            if self.speculating && matches!(self.kind(), Tok::Dot | Tok::LPar | Tok::LSqb) {
                // Like CPython's PEG rules, a trial parse keeps the primary it has when a
                // trailer after it does not parse (`f(a b` reads `f`), as a placeholder.
                let save = self.i;
                match self.trailer(e, pos) {
                    Ok(next) => e = next,
                    Err(_) => {
                        self.i = save;
                        e = placeholder(pos);
                        break;
                    }
                }
                self.enter(1)?;
                chain += 1;
                continue;
            }
            match self.kind() {
                Tok::Dot => {
                    self.bump();
                    let (attr, _) = self.name()?;
                    e = expr(
                        ExprKind::Attribute {
                            value: boxed(e),
                            attr,
                        },
                        pos,
                    );
                }
                Tok::LPar => {
                    self.bump();
                    let (args, keywords) = self.call_arguments()?;
                    e = expr(
                        ExprKind::Call {
                            func: boxed(e),
                            args,
                            keywords,
                        },
                        pos,
                    );
                }
                Tok::LSqb => {
                    self.bump();
                    let slice = self.slices()?;
                    e = expr(
                        ExprKind::Subscript {
                            value: boxed(e),
                            slice: boxed(slice),
                        },
                        pos,
                    );
                }
                _ => break,
            }
            self.enter(1)?;
            chain += 1;
        }
        self.leave(chain);
        Ok(e)
    }

    /// One trailer after `e` (for trial parses).
    fn trailer(&mut self, e: Expr, pos: Pos) -> PResult<Expr> {
        let kind = match self.kind() {
            Tok::Dot => {
                self.bump();
                let (attr, _) = self.name()?;
                ExprKind::Attribute {
                    value: boxed(e),
                    attr,
                }
            }
            Tok::LPar => {
                self.bump();
                let (args, keywords) = self.call_arguments()?;
                ExprKind::Call {
                    func: boxed(e),
                    args,
                    keywords,
                }
            }
            _ => {
                self.bump();
                let slice = self.slices()?;
                ExprKind::Subscript {
                    value: boxed(e),
                    slice: boxed(slice),
                }
            }
        };
        Ok(expr(kind, pos))
    }

    /// A call's arguments after its `(`, through its `)`. A lone generator argument
    /// (`sum(x for x in y)`) becomes a `GeneratorExp` placed at the `(`, as in CPython.
    #[inline(never)]
    pub(super) fn call_arguments(&mut self) -> PResult<(Vec<Expr>, Vec<Keyword>)> {
        let lpar = self.toks[self.i - 1].pos;
        let mut args: Vec<Expr> = Vec::new();
        let mut keywords: Vec<Keyword> = Vec::new();
        let mut late: Option<&'static str> = None;
        let mut seen_kw = false;
        let mut seen_dstar = false;
        while self.kind() != Tok::RPar {
            let pos = self.pos();
            match self.kind() {
                Tok::Star => {
                    self.bump();
                    let value = self.expression()?;
                    if seen_dstar && late.is_none() {
                        let first = args
                            .first()
                            .map(|a| a.pos)
                            .or(keywords.first().map(|k| k.pos))
                            .unwrap_or(pos);
                        return Err(self.error(
                            "iterable argument unpacking follows keyword argument unpacking",
                            first,
                        ));
                    }
                    args.push(expr(ExprKind::Starred(boxed(value)), pos));
                }
                Tok::DoubleStar => {
                    self.bump();
                    let value = self.expression()?;
                    keywords.push(Keyword {
                        arg: None,
                        value,
                        pos,
                    });
                    seen_dstar = true;
                }
                Tok::True | Tok::False | Tok::None if self.peek_kind(1) == Tok::Equal => {
                    let t = *self.tok();
                    return Err(self.error(format!("cannot assign to {}", self.text(&t)), pos));
                }
                Tok::Name if self.peek_kind(1) == Tok::Equal => {
                    let (name, _) = self.name()?;
                    self.bump();
                    let value = self.expression()?;
                    if self.is_comp_for()
                        && !self.speculating
                        && self.speculate(|p| p.comp_for()).is_some()
                    {
                        return Err(self.error(
                            "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                            pos,
                        ));
                    }
                    keywords.push(Keyword {
                        arg: Some(name),
                        value,
                        pos,
                    });
                    seen_kw = true;
                }
                _ => {
                    let start = self.i;
                    let value = if self.kind() == Tok::Name && self.peek_kind(1) == Tok::ColonEqual
                    {
                        self.walrus()?
                    } else {
                        self.expression()?
                    };
                    if matches!(self.kind(), Tok::For)
                        || (self.kind() == Tok::Async && self.peek_kind(1) == Tok::For)
                    {
                        let generators = self.comp_for()?;
                        let alone =
                            args.is_empty() && keywords.is_empty() && self.kind() == Tok::RPar;
                        if !alone {
                            return Err(
                                self.error("Generator expression must be parenthesized", value.pos)
                            );
                        }
                        let g = ExprKind::GeneratorExp {
                            elt: boxed(value),
                            generators,
                        };
                        args.push(expr(g, lpar));
                        break;
                    }
                    if self.kind() == Tok::Equal && !self.speculating {
                        let _ = start;
                        return Err(self.error(
                            "expression cannot contain assignment, perhaps you meant \"==\"?",
                            value.pos,
                        ));
                    }
                    if late.is_none() {
                        if seen_dstar {
                            late = Some("positional argument follows keyword argument unpacking");
                        } else if seen_kw {
                            late = Some("positional argument follows keyword argument");
                        }
                    }
                    args.push(value);
                }
            }
            if !self.eat(Tok::Comma) {
                break;
            }
        }
        if let Some(msg) = late {
            if self.kind() != Tok::Error {
                return Err(self.error(msg, self.pos()));
            }
        }
        self.expect(Tok::RPar)?;
        Ok((args, keywords))
    }

    /// A subscript's index after its `[`, through its `]`: an expression, a slice, or a tuple
    /// of them.
    #[inline(never)]
    fn slices(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        let first = self.slice()?;
        if self.kind() != Tok::Comma && !matches!(first.kind, ExprKind::Starred(_)) {
            self.expect(Tok::RSqb)?;
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat(Tok::Comma) {
            if self.kind() == Tok::RSqb {
                break;
            }
            elts.push(self.slice()?);
        }
        self.expect(Tok::RSqb)?;
        Ok(expr(ExprKind::Tuple(elts), pos))
    }

    fn slice(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        if self.kind() == Tok::Star {
            self.bump();
            let value = self.expression()?;
            return Ok(expr(ExprKind::Starred(boxed(value)), pos));
        }
        let lower = if self.kind() == Tok::Colon {
            None
        } else if self.kind() == Tok::Name && self.peek_kind(1) == Tok::ColonEqual {
            return self.walrus();
        } else {
            let e = self.expression()?;
            if self.kind() != Tok::Colon {
                return Ok(e);
            }
            Some(boxed(e))
        };
        self.expect(Tok::Colon)?;
        let upper = if self.starts_expression() && self.kind() != Tok::Star {
            Some(boxed(self.expression()?))
        } else {
            None
        };
        let step = if self.eat(Tok::Colon) {
            if self.starts_expression() && self.kind() != Tok::Star {
                Some(boxed(self.expression()?))
            } else {
                None
            }
        } else {
            None
        };
        Ok(expr(ExprKind::Slice { lower, upper, step }, pos))
    }

    #[inline(never)]
    pub(super) fn yield_expr(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        self.bump();
        if self.eat(Tok::From) {
            let value = self.expression()?;
            return Ok(expr(ExprKind::YieldFrom(boxed(value)), pos));
        }
        let value = if self.starts_expression() {
            Some(boxed(self.star_expressions()?))
        } else {
            None
        };
        Ok(expr(ExprKind::Yield(value), pos))
    }

    fn atom(&mut self) -> PResult<Expr> {
        let t = *self.tok();
        let pos = t.pos;
        let kind = match t.kind {
            Tok::Name => {
                self.bump();
                ExprKind::Name(self.ident(&t))
            }
            Tok::True | Tok::False | Tok::None | Tok::Ellipsis => {
                self.bump();
                ExprKind::Constant(match t.kind {
                    Tok::True => Constant::Bool(true),
                    Tok::False => Constant::Bool(false),
                    Tok::None => Constant::None,
                    _ => Constant::Ellipsis,
                })
            }
            Tok::Number => {
                self.bump();
                ExprKind::Constant(self.number(&t)?)
            }
            Tok::String => return self.strings(),
            Tok::LPar => return self.paren_atom(),
            Tok::LSqb => return self.list_atom(),
            Tok::LBrace => return self.brace_atom(),
            _ => return Err(self.unexpected()),
        };
        Ok(expr(kind, pos))
    }

    fn is_comp_for(&mut self) -> bool {
        self.kind() == Tok::For || (self.kind() == Tok::Async && self.peek_kind(1) == Tok::For)
    }

    /// `(…)`: an empty tuple, a group, a tuple, a generator expression or a yield.
    #[inline(never)]
    fn paren_atom(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        self.bump();
        if self.eat(Tok::RPar) {
            return Ok(expr(ExprKind::Tuple(Vec::new()), pos));
        }
        if self.kind() == Tok::Yield {
            let y = self.yield_expr()?;
            self.expect(Tok::RPar)?;
            return Ok(y);
        }
        let first = self.star_named_expression()?;
        if self.kind() == Tok::RPar && !matches!(first.kind, ExprKind::Starred(_)) {
            self.bump();
            return Ok(first);
        }
        self.paren_rest(first, pos)
    }

    /// The rest of a parenthesized form after its first element.
    #[inline(never)]
    fn paren_rest(&mut self, first: Expr, pos: Pos) -> PResult<Expr> {
        if self.is_comp_for() {
            if matches!(first.kind, ExprKind::Starred(_)) {
                if self.speculate(|p| p.comp_for()).is_none() {
                    return Err(self.unexpected());
                }
                return Err(self.error(
                    "iterable unpacking cannot be used in comprehension",
                    first.pos,
                ));
            }
            let generators = self.comp_for()?;
            self.expect(Tok::RPar)?;
            return Ok(expr(
                ExprKind::GeneratorExp {
                    elt: boxed(first),
                    generators,
                },
                pos,
            ));
        }
        if self.kind() == Tok::RPar {
            if matches!(first.kind, ExprKind::Starred(_)) {
                return Err(self.error("cannot use starred expression here", first.pos));
            }
            self.bump();
            return Ok(first);
        }
        if self.kind() != Tok::Comma {
            return Err(self.unexpected());
        }
        let mut elts = vec![first];
        while self.eat(Tok::Comma) {
            if self.kind() == Tok::RPar {
                break;
            }
            elts.push(self.star_named_expression()?);
        }
        self.expect(Tok::RPar)?;
        Ok(expr(ExprKind::Tuple(elts), pos))
    }

    /// `[…]`: a list display or a list comprehension.
    #[inline(never)]
    fn list_atom(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        self.bump();
        if self.eat(Tok::RSqb) {
            return Ok(expr(ExprKind::List(Vec::new()), pos));
        }
        let first = self.star_named_expression()?;
        if self.is_comp_for() {
            if matches!(first.kind, ExprKind::Starred(_)) {
                if self.speculate(|p| p.comp_for()).is_none() {
                    return Err(self.unexpected());
                }
                return Err(self.error(
                    "iterable unpacking cannot be used in comprehension",
                    first.pos,
                ));
            }
            let generators = self.comp_for()?;
            self.expect(Tok::RSqb)?;
            return Ok(expr(
                ExprKind::ListComp {
                    elt: boxed(first),
                    generators,
                },
                pos,
            ));
        }
        let mut elts = vec![first];
        while self.eat(Tok::Comma) {
            if self.kind() == Tok::RSqb {
                break;
            }
            elts.push(self.star_named_expression()?);
        }
        if self.is_comp_for() {
            if self.speculate(|p| p.comp_for()).is_none() {
                return Err(self.unexpected());
            }
            return Err(self.error(
                "did you forget parentheses around the comprehension target?",
                elts[0].pos,
            ));
        }
        self.expect(Tok::RSqb)?;
        Ok(expr(ExprKind::List(elts), pos))
    }

    /// `{…}`: a dict or set display, or a dict or set comprehension.
    #[inline(never)]
    fn brace_atom(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        self.bump();
        if self.eat(Tok::RBrace) {
            return Ok(expr(
                ExprKind::Dict {
                    keys: Vec::new(),
                    values: Vec::new(),
                },
                pos,
            ));
        }
        if self.kind() == Tok::DoubleStar {
            return self.dict_rest(pos, Vec::new(), Vec::new());
        }
        let bare_walrus = self.kind() == Tok::Name && self.peek_kind(1) == Tok::ColonEqual;
        let first = self.star_named_expression()?;
        if self.kind() == Tok::Colon && !bare_walrus && !matches!(first.kind, ExprKind::Starred(_))
        {
            let colon = self.pos();
            self.bump();
            let value = self.dict_value(colon)?;
            if self.is_comp_for() {
                let generators = self.comp_for()?;
                self.expect(Tok::RBrace)?;
                let kind = ExprKind::DictComp {
                    key: boxed(first),
                    value: boxed(value),
                    generators,
                };
                return Ok(expr(kind, pos));
            }
            return self.dict_rest(pos, vec![Some(first)], vec![value]);
        }
        if self.is_comp_for() {
            if matches!(first.kind, ExprKind::Starred(_)) {
                if self.speculate(|p| p.comp_for()).is_none() {
                    return Err(self.unexpected());
                }
                return Err(self.error(
                    "iterable unpacking cannot be used in comprehension",
                    first.pos,
                ));
            }
            let generators = self.comp_for()?;
            self.expect(Tok::RBrace)?;
            return Ok(expr(
                ExprKind::SetComp {
                    elt: boxed(first),
                    generators,
                },
                pos,
            ));
        }
        let mut elts = vec![first];
        while self.eat(Tok::Comma) {
            if self.kind() == Tok::RBrace {
                break;
            }
            elts.push(self.star_named_expression()?);
        }
        if self.is_comp_for() {
            if self.speculate(|p| p.comp_for()).is_none() {
                return Err(self.unexpected());
            }
            return Err(self.error(
                "did you forget parentheses around the comprehension target?",
                elts[0].pos,
            ));
        }
        self.expect(Tok::RBrace)?;
        Ok(expr(ExprKind::Set(elts), pos))
    }

    fn dict_value(&mut self, colon: Pos) -> PResult<Expr> {
        match self.kind() {
            Tok::RBrace | Tok::Comma => {
                Err(self.error("expression expected after dictionary key and ':'", colon))
            }
            Tok::Star => {
                let star = self.pos();
                // CPython's first pass reads the starred value before failing.
                self.speculate(|p| {
                    p.bump();
                    p.bitwise_or()
                });
                Err(self.error(
                    "cannot use a starred expression in a dictionary value",
                    star,
                ))
            }
            _ => self.expression(),
        }
    }

    /// The rest of a dict display after its first item (if any), through the `}`.
    #[inline(never)]
    fn dict_rest(
        &mut self,
        pos: Pos,
        mut keys: Vec<Option<Expr>>,
        mut values: Vec<Expr>,
    ) -> PResult<Expr> {
        let mut first = keys.is_empty();
        loop {
            if !first {
                if !self.eat(Tok::Comma) {
                    break;
                }
                if self.kind() == Tok::RBrace {
                    break;
                }
            }
            first = false;
            if self.eat(Tok::DoubleStar) {
                keys.push(None);
                values.push(self.bitwise_or()?);
                continue;
            }
            let key = self.expression()?;
            if self.kind() != Tok::Colon {
                return Err(self.unexpected());
            }
            let colon = self.pos();
            self.bump();
            keys.push(Some(key));
            values.push(self.dict_value(colon)?);
        }
        self.expect(Tok::RBrace)?;
        Ok(expr(ExprKind::Dict { keys, values }, pos))
    }

    /// A comprehension's `[async] for target in iter [if cond]…` clauses.
    #[inline(never)]
    pub(super) fn comp_for(&mut self) -> PResult<Vec<Comprehension>> {
        let mut generators = Vec::new();
        while self.is_comp_for() {
            let is_async = self.eat(Tok::Async);
            self.bump();
            let target = self.for_targets()?;
            self.expect(Tok::In)?;
            let iter = self.disjunction()?;
            let mut ifs = Vec::new();
            while self.eat(Tok::If) {
                ifs.push(self.disjunction()?);
            }
            generators.push(Comprehension {
                target,
                iter,
                ifs,
                is_async,
            });
        }
        Ok(generators)
    }
}

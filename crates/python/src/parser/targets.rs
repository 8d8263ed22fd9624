//! Assignment targets (`for` variables, `with … as`, comprehension variables) and the checks
//! behind CPython's `cannot assign to …` / `cannot delete …` messages.

use super::{expr, PResult, Parser};
use crate::ast::{CmpOp, Constant, Expr, ExprKind};
use crate::token::Tok;

/// Which statement the targets are for (CPython's `TARGETS_TYPE`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum TargetsKind {
    /// Assignment and `with … as`.
    Star,
    /// A `for` loop or comprehension (`for a in b` parses as a comparison first).
    For,
    /// `del`.
    Del,
}

/// The first part of `e` that cannot be assigned to (or deleted), as CPython finds it.
pub(super) fn invalid_target(e: &Expr, kind: TargetsKind) -> Option<&Expr> {
    match &e.kind {
        ExprKind::List(elts) | ExprKind::Tuple(elts) => {
            elts.iter().find_map(|x| invalid_target(x, kind))
        }
        ExprKind::Starred(value) => {
            if kind == TargetsKind::Del {
                Some(e)
            } else {
                invalid_target(value, kind)
            }
        }
        ExprKind::Compare { left, ops, .. } => {
            if kind == TargetsKind::For {
                if ops.first() == Some(&CmpOp::In) {
                    invalid_target(left, kind)
                } else {
                    None
                }
            } else {
                Some(e)
            }
        }
        ExprKind::Name(_) | ExprKind::Subscript { .. } | ExprKind::Attribute { .. } => None,
        _ => Some(e),
    }
}

/// How CPython names an expression in messages (`_PyPegen_get_expr_name`).
pub(super) fn expr_name(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Attribute { .. } => "attribute",
        ExprKind::Subscript { .. } => "subscript",
        ExprKind::Starred(_) => "starred",
        ExprKind::Name(_) => "name",
        ExprKind::List(_) => "list",
        ExprKind::Tuple(_) => "tuple",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::Call { .. } => "function call",
        ExprKind::BoolOp { .. } | ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::GeneratorExp { .. } => "generator expression",
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) => "yield expression",
        ExprKind::Await(_) => "await expression",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::SetComp { .. } => "set comprehension",
        ExprKind::DictComp { .. } => "dict comprehension",
        ExprKind::Dict { .. } => "dict literal",
        ExprKind::Set(_) => "set display",
        ExprKind::JoinedStr(_) | ExprKind::FormattedValue { .. } => "f-string expression",
        ExprKind::Constant(c) => match c {
            Constant::None => "None",
            Constant::Bool(true) => "True",
            Constant::Bool(false) => "False",
            Constant::Ellipsis => "ellipsis",
            _ => "literal",
        },
        ExprKind::Compare { .. } => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::NamedExpr { .. } => "named expression",
        ExprKind::Slice { .. } => "slice",
    }
}

impl Parser<'_> {
    /// One target: `*target`, or a primary (a name, attribute, subscript, or a parenthesized or
    /// bracketed list of targets). Checked by the caller.
    pub(super) fn star_target(&mut self) -> PResult<Expr> {
        if self.kind() == Tok::Star {
            let pos = self.pos();
            self.bump();
            if self.kind() == Tok::Star {
                return Err(self.unexpected());
            }
            let inner = self.star_target()?;
            return Ok(expr(ExprKind::Starred(Box::new(inner)), pos));
        }
        self.primary()
    }

    /// `star_targets` of a `for` (statement or comprehension) up to `in`, with CPython's
    /// `cannot assign to …` when they are not targets.
    #[inline(never)]
    pub(super) fn for_targets(&mut self) -> PResult<Expr> {
        let start = self.i;
        let pos = self.pos();
        let r = self.star_targets_list(pos);
        match r {
            Ok(t) if self.kind() == Tok::In => {
                if let Some(bad) = invalid_target(&t, TargetsKind::For) {
                    return Err(self.error(format!("cannot assign to {}", expr_name(bad)), bad.pos));
                }
                Ok(t)
            }
            other => {
                // CPython's invalid_for_target: read them as expressions to name the culprit.
                let fail = match other {
                    Ok(_) => self.unexpected(),
                    Err(e) => e,
                };
                if self.hit_lex_error || self.speculating {
                    return Err(fail);
                }
                let here = self.i;
                self.i = start;
                if let Some((e, _)) = self.speculate(|p| p.star_expressions()) {
                    if let Some(bad) = invalid_target(&e, TargetsKind::For) {
                        return Err(
                            self.error(format!("cannot assign to {}", expr_name(bad)), bad.pos)
                        );
                    }
                }
                self.i = here;
                Err(fail)
            }
        }
    }

    fn star_targets_list(&mut self, pos: crate::ast::Pos) -> PResult<Expr> {
        let first = self.star_target()?;
        if self.kind() != Tok::Comma {
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat(Tok::Comma) {
            if matches!(self.kind(), Tok::In | Tok::Equal) {
                break;
            }
            elts.push(self.star_target()?);
        }
        Ok(expr(ExprKind::Tuple(elts), pos))
    }
}

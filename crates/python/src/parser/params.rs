//! Parameter lists of `def` and `lambda`: positional-only (`/`), defaults, `*args` or a bare
//! `*`, keyword-only parameters, `**kwargs`, annotations (for `def` only), with CPython's
//! messages for misplaced ones.

use super::{PResult, Parser};
use crate::ast::{Arg, Arguments};
use crate::token::Tok;

impl Parser<'_> {
    /// Parameters up to (not including) `end`: `)` for a `def`, `:` for a `lambda`.
    #[inline(never)]
    pub(super) fn parameters(&mut self, end: Tok) -> PResult<Arguments> {
        let annotated = end == Tok::RPar;
        let mut a = Arguments::default();
        let mut after_star = false;
        let mut seen_slash = false;
        while self.kind() != end {
            let pos = self.pos();
            match self.kind() {
                Tok::Name => {
                    let arg = self.param(annotated)?;
                    let default = self.param_default()?;
                    if after_star {
                        a.kwonlyargs.push(arg);
                        a.kw_defaults.push(default);
                    } else {
                        match default {
                            Some(d) => a.defaults.push(d),
                            None if !a.defaults.is_empty()
                                && matches!(self.kind(), k if k == end || k == Tok::Comma) =>
                            {
                                return Err(self.error(
                                    "non-default argument follows default argument",
                                    arg.pos,
                                ));
                            }
                            None => {}
                        }
                        a.args.push(arg);
                    }
                }
                Tok::Slash => {
                    if after_star {
                        return Err(self.error("/ must be ahead of *", pos));
                    }
                    if seen_slash {
                        return Err(self.error("/ may appear only once", pos));
                    }
                    if a.args.is_empty() {
                        if self.peek_kind(1) != Tok::Comma {
                            return Err(self.unexpected());
                        }
                        return Err(self.error("at least one argument must precede /", pos));
                    }
                    self.bump();
                    seen_slash = true;
                    a.posonlyargs = std::mem::take(&mut a.args);
                }
                Tok::Star => {
                    // CPython's message needs a parameter or a comma after the second `*`.
                    let then = self.look(1);
                    let param_follows = then == Tok::Comma
                        || (then == Tok::Name
                            && matches!(self.look(2), k if k == Tok::Comma || k == end || (annotated && k == Tok::Colon)));
                    if after_star && param_follows {
                        return Err(self.error("* argument may appear only once", pos));
                    }
                    if after_star {
                        return Err(self.unexpected());
                    }
                    self.bump();
                    after_star = true;
                    if self.kind() == Tok::Name {
                        a.vararg = Some(self.vararg_param(annotated)?);
                        if self.kind() == Tok::Equal {
                            return Err(self.error(
                                "var-positional argument cannot have default value",
                                self.pos(),
                            ));
                        }
                    } else {
                        // A bare `*` must be followed by a keyword-only parameter.
                        let bare_end = self.kind() == end
                            || (self.kind() == Tok::Comma
                                && matches!(self.peek_kind(1), k if k == end || k == Tok::DoubleStar));
                        if bare_end {
                            return Err(self.error("named arguments must follow bare *", pos));
                        }
                    }
                }
                Tok::DoubleStar => {
                    self.bump();
                    a.kwarg = Some(self.param(annotated)?);
                    if self.kind() == Tok::Equal {
                        return Err(self
                            .error("var-keyword argument cannot have default value", self.pos()));
                    }
                    if self.eat(Tok::Comma) && self.kind() != end {
                        if matches!(
                            self.kind(),
                            Tok::Name | Tok::Star | Tok::DoubleStar | Tok::Slash
                        ) {
                            return Err(self.error(
                                "arguments cannot follow var-keyword argument",
                                self.pos(),
                            ));
                        }
                        return Err(self.unexpected());
                    }
                    break;
                }
                _ => return Err(self.unexpected()),
            }
            if !self.eat(Tok::Comma) {
                break;
            }
        }
        Ok(a)
    }

    /// `*args`, whose annotation may be starred (`*args: *Ts`, PEP 646).
    fn vararg_param(&mut self, annotated: bool) -> PResult<Arg> {
        if annotated && self.peek_kind(1) == Tok::Colon && self.peek_kind(2) == Tok::Star {
            let (name, pos) = self.name()?;
            self.bump();
            let annotation = Some(self.star_expression()?);
            return Ok(Arg {
                name,
                annotation,
                pos,
            });
        }
        self.param(annotated)
    }

    fn param(&mut self, annotated: bool) -> PResult<Arg> {
        let (name, pos) = self.name()?;
        let annotation = if annotated && self.eat(Tok::Colon) {
            Some(self.expression()?)
        } else {
            None
        };
        Ok(Arg {
            name,
            annotation,
            pos,
        })
    }

    fn param_default(&mut self) -> PResult<Option<crate::ast::Expr>> {
        if self.kind() != Tok::Equal {
            return Ok(None);
        }
        let eq = self.pos();
        self.bump();
        if matches!(self.kind(), Tok::RPar | Tok::Comma) {
            return Err(self.error("expected default value expression", eq));
        }
        Ok(Some(self.expression()?))
    }
}

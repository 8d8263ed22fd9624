//! The recursive-descent parser: tokens → [`crate::ast`], following CPython 3.11's grammar for
//! the subset, with its error messages and positions (including the hints of its second,
//! error-reporting pass, applied where our single pass fails).
//!
//! One file per concept: statements, expressions, parameters, literals (numbers, strings,
//! f-strings), and assignment targets.

mod expr;
mod literal;
mod params;
mod stmt;
mod targets;

use crate::ast::{Expr, ExprKind, Module, Pos, SyntaxError, SyntaxErrorKind};
use crate::lexer::{self, LexError, LexErrorRank};
use crate::token::{Tok, Token};

/// Parses a whole program.
///
/// Never panics and never recurses without bound: nesting is capped (200 open brackets and 100
/// indentation levels as in CPython, and [`MAX_DEPTH`] for expressions), past which it returns a
/// `SyntaxError` instead of overflowing the (small, in wasm) stack.
pub fn parse(source: &str) -> Result<Module, SyntaxError> {
    if let Some(at) = source.find('\0') {
        // CPython refuses such a source before reading it (and gives no position); we point at
        // the first NUL.
        let before = &source[..at];
        let line = before.matches('\n').count() as u32 + 1;
        let col = before[before.rfind('\n').map_or(0, |k| k + 1)..]
            .chars()
            .count() as u32
            + 1;
        return Err(SyntaxError {
            msg: "source code string cannot contain null bytes".into(),
            pos: Pos { line, col },
            kind: SyntaxErrorKind::Syntax,
        });
    }
    let lexed = lexer::tokenize(source);
    let mut p = Parser::new(source, lexed.tokens, lexed.error, 0, false);
    match p.file() {
        Ok(module) => Ok(module),
        Err(e) => Err(*p.rank(e)),
    }
}

/// How deep expressions and blocks may nest, in units (a bracketed or nested expression costs
/// [`EXPR_COST`], a unary operator, a `**`, an operator in a chain or a trailer costs one):
/// deep enough for any real program, shallow enough that parsing, dropping and compiling the
/// tree fit in wasm's 1 MiB stack.
pub const MAX_DEPTH: u32 = 1500;
/// The depth a nested expression or block costs (it takes about a dozen stack frames).
const EXPR_COST: u32 = 4;

type PResult<T> = Result<T, Box<SyntaxError>>;

pub(crate) struct Parser<'s> {
    src: &'s str,
    toks: Vec<Token>,
    i: usize,
    depth: u32,
    lex_error: Option<LexError>,
    /// Parsing an f-string's replacement field: messages get CPython's `f-string: ` prefix.
    fstring: bool,
    /// Trying a parse only to choose an error message: no further hints (CPython's
    /// `_without_invalid` rules), so a hint never searches recursively.
    speculating: bool,
    /// The parser stopped on the lexer's error token.
    hit_lex_error: bool,
    /// The furthest token looked at, hints included (CPython compares its line with an
    /// unclosed bracket's).
    far: usize,
    /// The furthest token looked at outside hints (CPython's first pass): where a generic
    /// `invalid syntax` is placed.
    far_first: usize,
    /// The error is CPython's `unexpected indent`/`unindent` from its first pass, which no
    /// later tokenizer error replaces.
    final_error: bool,
    /// How many indented blocks enclose the current statement.
    blocks: u32,
}

impl<'s> Parser<'s> {
    fn new(
        src: &'s str,
        toks: Vec<Token>,
        lex_error: Option<LexError>,
        depth: u32,
        fstring: bool,
    ) -> Self {
        Parser {
            src,
            toks,
            i: 0,
            depth,
            lex_error,
            fstring,
            speculating: false,
            hit_lex_error: false,
            far: 0,
            far_first: 0,
            final_error: false,
            blocks: 0,
        }
    }

    /// Chooses between the parser's error and the lexer's, as CPython does: a tokenizer error
    /// anywhere in the file wins (CPython tokenizes the rest of the file after a failed parse),
    /// an unclosed bracket wins over an error on a later line, other lexer errors only if the
    /// parser got that far.
    fn rank(&mut self, e: Box<SyntaxError>) -> Box<SyntaxError> {
        let Some(lex) = &self.lex_error else { return e };
        if self.final_error {
            return e;
        }
        // CPython raises a tokenizer error as soon as it reads that far, even in a lookahead.
        if self.hit_lex_error || self.far >= self.toks.len() - 1 {
            return Box::new(lex.error.clone());
        }
        match lex.rank {
            LexErrorRank::Hard => Box::new(lex.error.clone()),
            // An error on a later line than the unclosed bracket (CPython compares the line of
            // the furthest token it read).
            LexErrorRank::Unclosed
                if self.toks[self.far.min(self.toks.len() - 1)].pos.line > lex.error.pos.line =>
            {
                Box::new(lex.error.clone())
            }
            _ => e,
        }
    }

    // Tokens.

    #[inline]
    fn tok(&self) -> &Token {
        &self.toks[self.i.min(self.toks.len() - 1)]
    }

    #[inline]
    fn kind(&self) -> Tok {
        self.tok().kind
    }

    #[inline]
    fn peek_kind(&mut self, k: usize) -> Tok {
        self.far = self.far.max(self.i + k);
        if !self.speculating {
            self.far_first = self.far_first.max(self.i + k);
        }
        self.toks[(self.i + k).min(self.toks.len() - 1)].kind
    }

    #[inline]
    /// The kind `k` tokens ahead, without counting it as read (for our own heuristics, which
    /// CPython's parser does not share).
    fn look(&self, k: usize) -> Tok {
        self.toks[(self.i + k).min(self.toks.len() - 1)].kind
    }

    fn pos(&self) -> Pos {
        self.tok().pos
    }

    #[inline]
    fn bump(&mut self) {
        if self.i < self.toks.len() - 1 {
            self.i += 1;
            self.far = self.far.max(self.i);
            if !self.speculating {
                self.far_first = self.far_first.max(self.i);
            }
        }
    }

    #[inline]
    fn eat(&mut self, kind: Tok) -> bool {
        if self.kind() == kind {
            self.bump();
            true
        } else {
            false
        }
    }

    #[inline]
    fn text(&self, t: &Token) -> &'s str {
        &self.src[t.start as usize..t.stop as usize]
    }

    fn expect(&mut self, kind: Tok) -> PResult<()> {
        if self.eat(kind) {
            Ok(())
        } else {
            Err(self.unexpected())
        }
    }

    /// CPython's forced token (`&&':'`): `expected ':'` at whatever is there instead.
    fn expect_forced(&mut self, kind: Tok, spelled: &str) -> PResult<()> {
        if self.eat(kind) {
            return Ok(());
        }
        if self.kind() == Tok::Error {
            return Err(self.unexpected());
        }
        Err(self.error(format!("expected '{spelled}'"), self.pos()))
    }

    fn name(&mut self) -> PResult<(String, Pos)> {
        if self.kind() != Tok::Name {
            return Err(self.unexpected());
        }
        let t = *self.tok();
        self.bump();
        Ok((self.ident(&t), t.pos))
    }

    /// A name token's identifier. CPython reads identifiers in NFKC form; without Unicode
    /// tables we apply the part learners meet: full-width letters, digits and `＿` (typed with
    /// a Chinese input method) read as their ASCII forms, so `ｐｒｉｎｔ` is `print`.
    fn ident(&self, t: &Token) -> String {
        let text = self.text(t);
        if text.is_ascii() {
            return text.to_string();
        }
        text.chars()
            .map(|c| match c {
                '\u{ff10}'..='\u{ff19}'
                | '\u{ff21}'..='\u{ff3a}'
                | '\u{ff41}'..='\u{ff5a}'
                | '\u{ff3f}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
                _ => c,
            })
            .collect()
    }

    // Errors.

    #[cold]
    #[inline(never)]
    fn error(&self, msg: impl Into<String>, pos: Pos) -> Box<SyntaxError> {
        let msg = msg.into();
        let msg = if self.fstring {
            format!("f-string: {msg}")
        } else {
            msg
        };
        Box::new(SyntaxError {
            msg,
            pos,
            kind: SyntaxErrorKind::Syntax,
        })
    }

    #[cold]
    #[inline(never)]
    fn indentation_error(&self, msg: impl Into<String>, pos: Pos) -> Box<SyntaxError> {
        let mut e = self.error(msg, pos);
        e.kind = SyntaxErrorKind::Indentation;
        e
    }

    /// CPython's generic error at the token where parsing stopped.
    #[cold]
    #[inline(never)]
    fn unexpected(&mut self) -> Box<SyntaxError> {
        // CPython places it at the furthest token its first pass read (a lookahead may have
        // read one past the token that failed).
        let at = self.i.max(self.far_first).min(self.toks.len() - 1);
        let t = self.toks[at];
        match t.kind {
            Tok::Error => {
                self.hit_lex_error = true;
                let e = self.lex_error.as_ref().map(|l| l.error.clone());
                Box::new(e.unwrap_or(SyntaxError {
                    msg: "invalid syntax".into(),
                    pos: t.pos,
                    kind: SyntaxErrorKind::Syntax,
                }))
            }
            Tok::Indent
                if self.blocks > 0 && self.toks.get(at + 1).map(|n| n.kind) == Some(Tok::Error) =>
            {
                // Inside a block, CPython reads past the INDENT (into the lexer's error) before
                // failing.
                self.hit_lex_error = true;
                Box::new(
                    self.lex_error
                        .as_ref()
                        .map(|l| l.error.clone())
                        .unwrap_or(SyntaxError {
                            msg: "invalid syntax".into(),
                            pos: t.pos,
                            kind: SyntaxErrorKind::Syntax,
                        }),
                )
            }
            Tok::Indent => {
                // CPython reports it just before the first token of the line.
                let pos = Pos {
                    line: t.pos.line,
                    col: t.pos.col - 1,
                };
                self.final_error = !self.speculating;
                self.indentation_error("unexpected indent", pos)
            }
            Tok::Dedent => {
                self.final_error = !self.speculating;
                let pos = Pos {
                    line: t.pos.line,
                    col: t.pos.col - 1,
                };
                self.indentation_error("unexpected unindent", pos)
            }
            _ => self.error("invalid syntax", t.pos),
        }
    }

    /// Counts `cost` units of nesting; past [`MAX_DEPTH`] the input is refused.
    fn enter(&mut self, cost: u32) -> PResult<()> {
        self.depth += cost;
        if self.depth > MAX_DEPTH {
            return Err(self.error("too many nested expressions or blocks", self.pos()));
        }
        Ok(())
    }

    fn leave(&mut self, cost: u32) {
        self.depth -= cost;
    }

    /// Runs `f` only to see whether it would parse here, then goes back; no hints inside.
    fn speculate<T>(&mut self, f: impl FnOnce(&mut Self) -> PResult<T>) -> Option<(T, usize)> {
        let (i, depth, spec, hit) = (self.i, self.depth, self.speculating, self.hit_lex_error);
        self.speculating = true;
        let r = f(self);
        let end = self.i;
        self.i = i;
        self.depth = depth;
        self.speculating = spec;
        self.hit_lex_error = hit;
        r.ok().map(|v| (v, end))
    }

    /// Whether the token at index `start` is a `(` whose matching `)` is the token just before
    /// index `end` (the expression between was written in parentheses).
    fn parenthesized(&self, start: usize, end: usize) -> bool {
        if end == 0
            || start >= end
            || self.toks[start].kind != Tok::LPar
            || self.toks[end - 1].kind != Tok::RPar
        {
            return false;
        }
        let mut depth = 0usize;
        for (k, t) in self.toks[start..end].iter().enumerate() {
            match t.kind {
                Tok::LPar | Tok::LSqb | Tok::LBrace => depth += 1,
                Tok::RPar | Tok::RSqb | Tok::RBrace => {
                    depth -= 1;
                    if depth == 0 {
                        return start + k == end - 1;
                    }
                }
                _ => {}
            }
        }
        false
    }
}

fn boxed(e: Expr) -> Box<Expr> {
    Box::new(e)
}

fn expr(kind: ExprKind, pos: Pos) -> Expr {
    Expr { kind, pos }
}

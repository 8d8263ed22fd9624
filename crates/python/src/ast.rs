//! The syntax tree: what the parser builds and the compiler reads. Shaped like CPython's `ast`
//! module (same node names and fields, so `ast.dump` output is a guide), trimmed to what AwaitLab
//! runs, with a position on every statement and expression for tracebacks and the editor.

/// A place in the source: line from 1, column from 1, counted in characters (not bytes), as
/// CPython reports a `SyntaxError`'s `offset` for ASCII text and as an editor shows it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    /// Line, from 1.
    pub line: u32,
    /// Column, from 1, in characters.
    pub col: u32,
}

/// A whole program (`ast.Module`).
#[derive(Clone, Debug, PartialEq)]
pub struct Module {
    /// Its statements in order.
    pub body: Vec<Stmt>,
}

/// A statement and where it starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Stmt {
    /// What it is.
    pub kind: StmtKind,
    /// Where it starts (for a decorated definition: the first decorator's `@`, as CPython 3.8+
    /// reports the `def` line — see [`FunctionDef::def_pos`]).
    pub pos: Pos,
}

/// The statements of the subset.
#[derive(Clone, Debug, PartialEq)]
pub enum StmtKind {
    /// `def` / `async def`.
    FunctionDef(Box<FunctionDef>),
    /// `class Name(bases): …`.
    ClassDef(Box<ClassDef>),
    /// `return [value]`.
    Return(Option<Expr>),
    /// `del a, b[0], c.x`.
    Delete(Vec<Expr>),
    /// `a = b = value` (targets left to right; each may be a name, attribute, subscript, or a
    /// tuple/list of targets, possibly with one starred).
    Assign {
        /// One or more targets.
        targets: Vec<Expr>,
        /// The value assigned to each.
        value: Expr,
    },
    /// `target op= value`.
    AugAssign {
        /// A name, attribute or subscript.
        target: Expr,
        /// The operator (`+` for `+=`).
        op: BinOp,
        /// The right-hand side.
        value: Expr,
    },
    /// `target: annotation [= value]` (the annotation is parsed, then ignored at run time).
    AnnAssign {
        /// A name, attribute or subscript.
        target: Expr,
        /// The annotation.
        annotation: Expr,
        /// The value, if any.
        value: Option<Expr>,
    },
    /// `for` / `async for`.
    For {
        /// The loop variable(s).
        target: Expr,
        /// What is iterated.
        iter: Expr,
        /// The loop body.
        body: Vec<Stmt>,
        /// The `else:` block (runs when the loop ends without `break`).
        orelse: Vec<Stmt>,
        /// `async for`.
        is_async: bool,
    },
    /// `while test: … else: …`.
    While {
        /// The condition.
        test: Expr,
        /// The loop body.
        body: Vec<Stmt>,
        /// The `else:` block.
        orelse: Vec<Stmt>,
    },
    /// `if test: … elif …: … else: …` (`elif` nests another `If` alone in `orelse`).
    If {
        /// The condition.
        test: Expr,
        /// The `if` block.
        body: Vec<Stmt>,
        /// The `elif`/`else` part.
        orelse: Vec<Stmt>,
    },
    /// `with` / `async with`.
    With {
        /// `expr [as target]`, one per item.
        items: Vec<WithItem>,
        /// The block.
        body: Vec<Stmt>,
        /// `async with`.
        is_async: bool,
    },
    /// `raise [exc [from cause]]`.
    Raise {
        /// The exception (a class or an instance); none re-raises the one being handled.
        exc: Option<Expr>,
        /// `from cause`.
        cause: Option<Expr>,
    },
    /// `try: … except …: … else: … finally: …`.
    Try {
        /// The `try` block.
        body: Vec<Stmt>,
        /// The `except` clauses in order.
        handlers: Vec<ExceptHandler>,
        /// The `else:` block (runs when the body raised nothing).
        orelse: Vec<Stmt>,
        /// The `finally:` block.
        finalbody: Vec<Stmt>,
    },
    /// `assert test[, msg]`.
    Assert {
        /// The condition.
        test: Expr,
        /// The message.
        msg: Option<Expr>,
    },
    /// `import a.b as c, d`.
    Import(Vec<Alias>),
    /// `from module import a as b, c` / `from . import x` / `from m import *`.
    ImportFrom {
        /// The module (`concurrent.futures`); none for `from . import x`.
        module: Option<String>,
        /// The imported names (`*` for a star import).
        names: Vec<Alias>,
        /// Leading dots.
        level: u32,
    },
    /// `global a, b`.
    Global(Vec<String>),
    /// `nonlocal a, b`.
    Nonlocal(Vec<String>),
    /// An expression on its own (a call, usually).
    Expr(Expr),
    /// `pass`.
    Pass,
    /// `break`.
    Break,
    /// `continue`.
    Continue,
}

/// A function definition.
#[derive(Clone, Debug, PartialEq)]
pub struct FunctionDef {
    /// Its name.
    pub name: String,
    /// Its parameters.
    pub args: Arguments,
    /// Its body.
    pub body: Vec<Stmt>,
    /// Decorators, outermost first (applied last to first).
    pub decorators: Vec<Expr>,
    /// The `-> annotation`, ignored at run time.
    pub returns: Option<Expr>,
    /// `async def`.
    pub is_async: bool,
    /// Where the `def` (or `async`) keyword is: the line tracebacks name for the definition.
    pub def_pos: Pos,
}

/// A class definition.
#[derive(Clone, Debug, PartialEq)]
pub struct ClassDef {
    /// Its name.
    pub name: String,
    /// Base classes, in order.
    pub bases: Vec<Expr>,
    /// Keywords in the bases' parentheses (`metaclass=…`); kept so they can be refused clearly.
    pub keywords: Vec<Keyword>,
    /// The class body.
    pub body: Vec<Stmt>,
    /// Decorators, outermost first.
    pub decorators: Vec<Expr>,
    /// Where the `class` keyword is.
    pub def_pos: Pos,
}

/// A function's parameters, as `ast.arguments` holds them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Arguments {
    /// Positional-only parameters (before `/`).
    pub posonlyargs: Vec<Arg>,
    /// Ordinary parameters.
    pub args: Vec<Arg>,
    /// `*args`.
    pub vararg: Option<Arg>,
    /// Keyword-only parameters (after `*` or `*args`).
    pub kwonlyargs: Vec<Arg>,
    /// Defaults of the keyword-only parameters, one per parameter (`None`: required).
    pub kw_defaults: Vec<Option<Expr>>,
    /// `**kwargs`.
    pub kwarg: Option<Arg>,
    /// Defaults of the last `defaults.len()` of `posonlyargs + args`.
    pub defaults: Vec<Expr>,
}

/// One parameter.
#[derive(Clone, Debug, PartialEq)]
pub struct Arg {
    /// Its name.
    pub name: String,
    /// Its annotation, ignored at run time.
    pub annotation: Option<Expr>,
    /// Where it is.
    pub pos: Pos,
}

/// `name=value` in a call, or `**mapping` (`arg` is `None`).
#[derive(Clone, Debug, PartialEq)]
pub struct Keyword {
    /// The keyword, or `None` for `**mapping`.
    pub arg: Option<String>,
    /// The value.
    pub value: Expr,
    /// Where it starts.
    pub pos: Pos,
}

/// `import name as asname`.
#[derive(Clone, Debug, PartialEq)]
pub struct Alias {
    /// The dotted name (`concurrent.futures`), or `*`.
    pub name: String,
    /// `as` name.
    pub asname: Option<String>,
    /// Where it is.
    pub pos: Pos,
}

/// `expr [as target]` in a `with`.
#[derive(Clone, Debug, PartialEq)]
pub struct WithItem {
    /// The context manager.
    pub context_expr: Expr,
    /// Where `__enter__`'s result goes.
    pub optional_vars: Option<Expr>,
}

/// `except [type [as name]]: body`.
#[derive(Clone, Debug, PartialEq)]
pub struct ExceptHandler {
    /// The exception class (or a tuple of them); none catches everything.
    pub typ: Option<Expr>,
    /// `as name`.
    pub name: Option<String>,
    /// The handler.
    pub body: Vec<Stmt>,
    /// Where `except` is.
    pub pos: Pos,
}

/// An expression and where it starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// What it is.
    pub kind: ExprKind,
    /// Where it starts.
    pub pos: Pos,
}

/// The expressions of the subset.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// `a and b and c` / `a or b`.
    BoolOp {
        /// `and` or `or`.
        op: BoolOp,
        /// Two or more operands.
        values: Vec<Expr>,
    },
    /// `(target := value)`.
    NamedExpr {
        /// A name.
        target: Box<Expr>,
        /// The value.
        value: Box<Expr>,
    },
    /// `left op right`.
    BinOp {
        /// Left operand.
        left: Box<Expr>,
        /// The operator.
        op: BinOp,
        /// Right operand.
        right: Box<Expr>,
    },
    /// `op operand`.
    UnaryOp {
        /// The operator.
        op: UnaryOp,
        /// The operand.
        operand: Box<Expr>,
    },
    /// `lambda args: body`.
    Lambda {
        /// Its parameters.
        args: Box<Arguments>,
        /// Its body.
        body: Box<Expr>,
    },
    /// `body if test else orelse`.
    IfExp {
        /// The condition.
        test: Box<Expr>,
        /// Value when true.
        body: Box<Expr>,
        /// Value when false.
        orelse: Box<Expr>,
    },
    /// `{k: v, **m}`: a `None` key is a `**` spread of the value.
    Dict {
        /// Keys (`None`: spread).
        keys: Vec<Option<Expr>>,
        /// Values.
        values: Vec<Expr>,
    },
    /// `{a, b}`.
    Set(Vec<Expr>),
    /// `[elt for … in … if …]`.
    ListComp {
        /// The element.
        elt: Box<Expr>,
        /// The `for` clauses.
        generators: Vec<Comprehension>,
    },
    /// `{elt for …}`.
    SetComp {
        /// The element.
        elt: Box<Expr>,
        /// The `for` clauses.
        generators: Vec<Comprehension>,
    },
    /// `{key: value for …}`.
    DictComp {
        /// The key.
        key: Box<Expr>,
        /// The value.
        value: Box<Expr>,
        /// The `for` clauses.
        generators: Vec<Comprehension>,
    },
    /// `(elt for …)`.
    GeneratorExp {
        /// The element.
        elt: Box<Expr>,
        /// The `for` clauses.
        generators: Vec<Comprehension>,
    },
    /// `await value`.
    Await(Box<Expr>),
    /// `yield [value]`.
    Yield(Option<Box<Expr>>),
    /// `yield from value`.
    YieldFrom(Box<Expr>),
    /// `left op1 c1 op2 c2 …` (chained).
    Compare {
        /// The first operand.
        left: Box<Expr>,
        /// The operators.
        ops: Vec<CmpOp>,
        /// The operands after each operator.
        comparators: Vec<Expr>,
    },
    /// `func(args, keywords)`; `args` may hold `Starred` (`*xs`), `keywords` `**m` spreads.
    Call {
        /// What is called.
        func: Box<Expr>,
        /// Positional arguments.
        args: Vec<Expr>,
        /// Keyword arguments.
        keywords: Vec<Keyword>,
    },
    /// One `{…}` of an f-string: the value, its `!r`/`!s`/`!a` conversion, and its format spec
    /// (itself a `JoinedStr`, since a spec may hold nested fields: `{x:{width}}`).
    FormattedValue {
        /// The value.
        value: Box<Expr>,
        /// `'r'`, `'s'` or `'a'`.
        conversion: Option<char>,
        /// The spec after `:`.
        format_spec: Option<Box<Expr>>,
    },
    /// An f-string: literal parts (`Constant` strings) and `FormattedValue`s in order. The `=`
    /// debugging form (`{x=}`) is expanded by the parser into the literal `x=` and a
    /// `FormattedValue` with conversion `'r'` (when no spec or conversion is given), as CPython does.
    JoinedStr(Vec<Expr>),
    /// A literal.
    Constant(Constant),
    /// `value.attr`.
    Attribute {
        /// The object.
        value: Box<Expr>,
        /// The attribute's name.
        attr: String,
    },
    /// `value[slice]` (a `Slice` node for `a:b:c`; a `Tuple` for `a, b`).
    Subscript {
        /// The object.
        value: Box<Expr>,
        /// The index, slice, or tuple of them.
        slice: Box<Expr>,
    },
    /// `*value` in a call, a list/tuple/set display, or an assignment target.
    Starred(Box<Expr>),
    /// A name.
    Name(String),
    /// `[a, b]`.
    List(Vec<Expr>),
    /// `(a, b)` or `a, b`.
    Tuple(Vec<Expr>),
    /// `lower:upper:step` inside a subscript.
    Slice {
        /// Start.
        lower: Option<Box<Expr>>,
        /// Stop.
        upper: Option<Box<Expr>>,
        /// Step.
        step: Option<Box<Expr>>,
    },
}

/// A literal value.
#[derive(Clone, Debug, PartialEq)]
pub enum Constant {
    /// `None`.
    None,
    /// `True` / `False`.
    Bool(bool),
    /// An integer that fits in 64 bits.
    Int(i64),
    /// An integer literal too large for 64 bits, as its decimal digits (the interpreter decides
    /// what to do with it; it must not be silently wrong).
    BigInt(String),
    /// A float (`1.5`, `1e3`, `1_000.0`).
    Float(f64),
    /// An imaginary literal (`2j`): its imaginary part.
    Imaginary(f64),
    /// A string (escapes resolved; adjacent literals already joined).
    Str(String),
    /// A bytes literal.
    Bytes(Vec<u8>),
    /// `...`.
    Ellipsis,
}

/// One `for target in iter if cond…` clause of a comprehension.
#[derive(Clone, Debug, PartialEq)]
pub struct Comprehension {
    /// The loop variable(s).
    pub target: Expr,
    /// What is iterated.
    pub iter: Expr,
    /// The `if` filters.
    pub ifs: Vec<Expr>,
    /// `async for`.
    pub is_async: bool,
}

/// `and` / `or`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoolOp {
    /// `and`.
    And,
    /// `or`.
    Or,
}

/// Binary operators (also the operator of an augmented assignment).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinOp {
    /// `+`.
    Add,
    /// `-`.
    Sub,
    /// `*`.
    Mult,
    /// `@`.
    MatMult,
    /// `/`.
    Div,
    /// `%`.
    Mod,
    /// `**`.
    Pow,
    /// `<<`.
    LShift,
    /// `>>`.
    RShift,
    /// `|`.
    BitOr,
    /// `^`.
    BitXor,
    /// `&`.
    BitAnd,
    /// `//`.
    FloorDiv,
}

/// Unary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    /// `~`.
    Invert,
    /// `not`.
    Not,
    /// `+`.
    UAdd,
    /// `-`.
    USub,
}

/// Comparison operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    /// `==`.
    Eq,
    /// `!=`.
    NotEq,
    /// `<`.
    Lt,
    /// `<=`.
    LtE,
    /// `>`.
    Gt,
    /// `>=`.
    GtE,
    /// `is`.
    Is,
    /// `is not`.
    IsNot,
    /// `in`.
    In,
    /// `not in`.
    NotIn,
}

/// A syntax error: CPython's message where it has one, and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// The message as CPython 3.11 words it (`invalid syntax`, `expected ':'`,
    /// `unterminated string literal (detected at line 3)`).
    pub msg: String,
    /// Where: line from 1, column from 1 in characters (CPython's `lineno` and `offset`).
    pub pos: Pos,
    /// `IndentationError` or `TabError` rather than a plain `SyntaxError` (CPython's subclasses).
    pub kind: SyntaxErrorKind,
}

/// Which `SyntaxError` class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyntaxErrorKind {
    /// `SyntaxError`.
    Syntax,
    /// `IndentationError`.
    Indentation,
    /// `TabError`.
    Tab,
}

impl SyntaxErrorKind {
    /// The class name.
    pub fn name(self) -> &'static str {
        match self {
            SyntaxErrorKind::Syntax => "SyntaxError",
            SyntaxErrorKind::Indentation => "IndentationError",
            SyntaxErrorKind::Tab => "TabError",
        }
    }
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {} (line {}, column {})",
            self.kind.name(),
            self.msg,
            self.pos.line,
            self.pos.col
        )
    }
}

impl std::error::Error for SyntaxError {}

//! Shared by the parser's tests: our tree printed in the normalized text that
//! `cpython_ref.py` prints CPython's in, the error-corpus format, and running CPython.
#![allow(dead_code)]

use awaitlab_python::ast::*;
use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The crate's folder (tests run from anywhere).
pub fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `python3 tests/parse/cpython_ref.py MODE ARGS…` and returns its output.
pub fn cpython(mode: &str, args: &[PathBuf]) -> String {
    let dir = crate_dir();
    let out = Command::new("python3")
        .arg(dir.join("tests/parse/cpython_ref.py"))
        .arg(mode)
        .args(args)
        .current_dir(&dir)
        .output()
        .expect("python3 (CPython 3.11) runs: these tests compare with it");
    assert!(
        out.status.success(),
        "cpython_ref.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Parses on a thread with a large stack: debug builds use many times the stack of a release
/// build (whose limits the `parse_limits` tests check), and some corpus cases nest deeply.
pub fn parse_big_stack(src: &str) -> Result<Module, SyntaxError> {
    let src = src.to_string();
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || awaitlab_python::parse(&src))
        .expect("thread")
        .join()
        .expect("the parser does not panic")
}

/// The programs in `dir` (`NN_name.py`, numbered: helper scripts beside them are not programs),
/// sorted.
pub fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("fixture folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some(ext))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()))
        })
        .collect();
    v.sort();
    v
}

/// `\n`, `\t`, `\r` and `\\` in an error-corpus line.
pub fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('\\') => out.push('\\'),
            Some(o) => {
                out.push('\\');
                out.push(o);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// The error corpus: (name, source) pairs.
pub fn error_cases() -> Vec<(String, String)> {
    let text =
        std::fs::read_to_string(crate_dir().join("tests/parse/errors.txt")).expect("errors.txt");
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (name, src) = l.split_once(" | ").expect("`name | source`");
            (name.to_string(), unescape(src))
        })
        .collect()
}

fn esc(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        if (' '..'\x7f').contains(&c) && c != '\\' && c != '"' {
            out.push(c);
        } else {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
    out.push('"');
}

fn esc_bytes(b: &[u8], out: &mut String) {
    out.push_str("b\"");
    for &c in b {
        if (32..127).contains(&c) && c != b'\\' && c != b'"' {
            out.push(c as char);
        } else {
            let _ = write!(out, "\\x{c:02x}");
        }
    }
    out.push('"');
}

/// Prints a module the way `cpython_ref.py ast` prints CPython's.
pub fn dump(m: &Module) -> String {
    let mut d = Dumper {
        out: String::new(),
        no_pos: 0,
    };
    d.out.push_str("Module(");
    d.stmts(&m.body);
    d.out.push(')');
    d.out
}

struct Dumper {
    out: String,
    no_pos: u32,
}

impl Dumper {
    fn pos(&mut self, p: Pos) {
        if self.no_pos > 0 {
            self.out.push_str("@?");
        } else {
            let _ = write!(self.out, "@{}:{}", p.line, p.col);
        }
    }

    fn s(&mut self, s: &str) {
        self.out.push_str(s);
    }

    fn b(&mut self, v: bool) {
        self.s(if v { "true" } else { "false" });
    }

    fn stmts(&mut self, v: &[Stmt]) {
        self.s("[");
        for (i, x) in v.iter().enumerate() {
            if i > 0 {
                self.s(", ");
            }
            self.stmt(x);
        }
        self.s("]");
    }

    fn exprs(&mut self, v: &[Expr]) {
        self.s("[");
        for (i, x) in v.iter().enumerate() {
            if i > 0 {
                self.s(", ");
            }
            self.expr(x);
        }
        self.s("]");
    }

    fn opt(&mut self, e: &Option<Expr>) {
        match e {
            Some(e) => self.expr(e),
            None => self.s("-"),
        }
    }

    fn optb(&mut self, e: &Option<Box<Expr>>) {
        match e {
            Some(e) => self.expr(e),
            None => self.s("-"),
        }
    }

    fn arg(&mut self, a: &Arg) {
        self.s("Arg");
        self.pos(a.pos);
        let _ = write!(self.out, "({}, ", a.name);
        self.opt(&a.annotation);
        self.s(")");
    }

    fn args_list(&mut self, v: &[Arg]) {
        self.s("[");
        for (i, a) in v.iter().enumerate() {
            if i > 0 {
                self.s(", ");
            }
            self.arg(a);
        }
        self.s("]");
    }

    fn arguments(&mut self, a: &Arguments) {
        self.s("Arguments(posonlyargs=");
        self.args_list(&a.posonlyargs);
        self.s(", args=");
        self.args_list(&a.args);
        self.s(", vararg=");
        match &a.vararg {
            Some(v) => self.arg(v),
            None => self.s("-"),
        }
        self.s(", kwonlyargs=");
        self.args_list(&a.kwonlyargs);
        self.s(", kw_defaults=[");
        for (i, d) in a.kw_defaults.iter().enumerate() {
            if i > 0 {
                self.s(", ");
            }
            self.opt(d);
        }
        self.s("], kwarg=");
        match &a.kwarg {
            Some(v) => self.arg(v),
            None => self.s("-"),
        }
        self.s(", defaults=");
        self.exprs(&a.defaults);
        self.s(")");
    }

    fn keywords(&mut self, v: &[Keyword]) {
        self.s("[");
        for (i, k) in v.iter().enumerate() {
            if i > 0 {
                self.s(", ");
            }
            self.s("Keyword");
            self.pos(k.pos);
            let _ = write!(self.out, "({}, ", k.arg.as_deref().unwrap_or("-"));
            self.expr(&k.value);
            self.s(")");
        }
        self.s("]");
    }

    fn aliases(&mut self, v: &[Alias]) {
        self.s("[");
        for (i, a) in v.iter().enumerate() {
            if i > 0 {
                self.s(", ");
            }
            self.s("Alias");
            self.pos(a.pos);
            let _ = write!(
                self.out,
                "({}, {})",
                a.name,
                a.asname.as_deref().unwrap_or("-")
            );
        }
        self.s("]");
    }

    fn def_pos(&mut self, p: Pos) {
        if self.no_pos > 0 {
            self.s("?");
        } else {
            let _ = write!(self.out, "{}:{}", p.line, p.col);
        }
    }

    fn stmt(&mut self, st: &Stmt) {
        let p = st.pos;
        match &st.kind {
            StmtKind::FunctionDef(f) => {
                self.s("FunctionDef");
                self.pos(p);
                let _ = write!(self.out, "(name={}, args=", f.name);
                self.arguments(&f.args);
                self.s(", body=");
                self.stmts(&f.body);
                self.s(", decorators=");
                self.exprs(&f.decorators);
                self.s(", returns=");
                self.opt(&f.returns);
                self.s(", is_async=");
                self.b(f.is_async);
                self.s(", def_pos=");
                self.def_pos(f.def_pos);
                self.s(")");
            }
            StmtKind::ClassDef(c) => {
                self.s("ClassDef");
                self.pos(p);
                let _ = write!(self.out, "(name={}, bases=", c.name);
                self.exprs(&c.bases);
                self.s(", keywords=");
                self.keywords(&c.keywords);
                self.s(", body=");
                self.stmts(&c.body);
                self.s(", decorators=");
                self.exprs(&c.decorators);
                self.s(", def_pos=");
                self.def_pos(c.def_pos);
                self.s(")");
            }
            StmtKind::Return(v) => {
                self.s("Return");
                self.pos(p);
                self.s("(");
                self.opt(v);
                self.s(")");
            }
            StmtKind::Delete(v) => {
                self.s("Delete");
                self.pos(p);
                self.s("(");
                self.exprs(v);
                self.s(")");
            }
            StmtKind::Assign { targets, value } => {
                self.s("Assign");
                self.pos(p);
                self.s("(targets=");
                self.exprs(targets);
                self.s(", value=");
                self.expr(value);
                self.s(")");
            }
            StmtKind::AugAssign { target, op, value } => {
                self.s("AugAssign");
                self.pos(p);
                self.s("(target=");
                self.expr(target);
                let _ = write!(self.out, ", op={}, value=", binop(*op));
                self.expr(value);
                self.s(")");
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
            } => {
                self.s("AnnAssign");
                self.pos(p);
                self.s("(target=");
                self.expr(target);
                self.s(", annotation=");
                self.expr(annotation);
                self.s(", value=");
                self.opt(value);
                self.s(")");
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
                is_async,
            } => {
                self.s("For");
                self.pos(p);
                self.s("(target=");
                self.expr(target);
                self.s(", iter=");
                self.expr(iter);
                self.s(", body=");
                self.stmts(body);
                self.s(", orelse=");
                self.stmts(orelse);
                self.s(", is_async=");
                self.b(*is_async);
                self.s(")");
            }
            StmtKind::While { test, body, orelse } => {
                self.s("While");
                self.pos(p);
                self.s("(test=");
                self.expr(test);
                self.s(", body=");
                self.stmts(body);
                self.s(", orelse=");
                self.stmts(orelse);
                self.s(")");
            }
            StmtKind::If { test, body, orelse } => {
                self.s("If");
                self.pos(p);
                self.s("(test=");
                self.expr(test);
                self.s(", body=");
                self.stmts(body);
                self.s(", orelse=");
                self.stmts(orelse);
                self.s(")");
            }
            StmtKind::With {
                items,
                body,
                is_async,
            } => {
                self.s("With");
                self.pos(p);
                self.s("(items=[");
                for (i, it) in items.iter().enumerate() {
                    if i > 0 {
                        self.s(", ");
                    }
                    self.s("WithItem(");
                    self.expr(&it.context_expr);
                    self.s(", ");
                    self.opt(&it.optional_vars);
                    self.s(")");
                }
                self.s("], body=");
                self.stmts(body);
                self.s(", is_async=");
                self.b(*is_async);
                self.s(")");
            }
            StmtKind::Raise { exc, cause } => {
                self.s("Raise");
                self.pos(p);
                self.s("(exc=");
                self.opt(exc);
                self.s(", cause=");
                self.opt(cause);
                self.s(")");
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                self.s("Try");
                self.pos(p);
                self.s("(body=");
                self.stmts(body);
                self.s(", handlers=[");
                for (i, h) in handlers.iter().enumerate() {
                    if i > 0 {
                        self.s(", ");
                    }
                    self.s("ExceptHandler");
                    self.pos(h.pos);
                    self.s("(typ=");
                    self.opt(&h.typ);
                    let _ = write!(
                        self.out,
                        ", name={}, body=",
                        h.name.as_deref().unwrap_or("-")
                    );
                    self.stmts(&h.body);
                    self.s(")");
                }
                self.s("], orelse=");
                self.stmts(orelse);
                self.s(", finalbody=");
                self.stmts(finalbody);
                self.s(")");
            }
            StmtKind::Assert { test, msg } => {
                self.s("Assert");
                self.pos(p);
                self.s("(test=");
                self.expr(test);
                self.s(", msg=");
                self.opt(msg);
                self.s(")");
            }
            StmtKind::Import(names) => {
                self.s("Import");
                self.pos(p);
                self.s("(");
                self.aliases(names);
                self.s(")");
            }
            StmtKind::ImportFrom {
                module,
                names,
                level,
            } => {
                self.s("ImportFrom");
                self.pos(p);
                let _ = write!(
                    self.out,
                    "(module={}, names=",
                    module.as_deref().unwrap_or("-")
                );
                self.aliases(names);
                let _ = write!(self.out, ", level={level})");
            }
            StmtKind::Global(n) | StmtKind::Nonlocal(n) => {
                self.s(if matches!(st.kind, StmtKind::Global(_)) {
                    "Global"
                } else {
                    "Nonlocal"
                });
                self.pos(p);
                let _ = write!(self.out, "({})", n.join(", "));
            }
            StmtKind::Expr(e) => {
                self.s("Expr");
                self.pos(p);
                self.s("(");
                self.expr(e);
                self.s(")");
            }
            StmtKind::Pass => {
                self.s("Pass");
                self.pos(p);
            }
            StmtKind::Break => {
                self.s("Break");
                self.pos(p);
            }
            StmtKind::Continue => {
                self.s("Continue");
                self.pos(p);
            }
        }
    }

    fn comps(&mut self, v: &[Comprehension]) {
        self.s("[");
        for (i, c) in v.iter().enumerate() {
            if i > 0 {
                self.s(", ");
            }
            self.s("Comprehension(target=");
            self.expr(&c.target);
            self.s(", iter=");
            self.expr(&c.iter);
            self.s(", ifs=");
            self.exprs(&c.ifs);
            self.s(", is_async=");
            self.b(c.is_async);
            self.s(")");
        }
        self.s("]");
    }

    fn constant(&mut self, c: &Constant) {
        match c {
            Constant::None => self.s("None"),
            Constant::Bool(b) => {
                self.s("Bool(");
                self.b(*b);
                self.s(")");
            }
            Constant::Ellipsis => self.s("Ellipsis"),
            Constant::Int(i) => {
                let _ = write!(self.out, "Int({i})");
            }
            Constant::BigInt(s) => {
                let _ = write!(self.out, "BigInt({s})");
            }
            Constant::Float(f) => {
                let _ = write!(self.out, "Float(0x{:016x})", f.to_bits());
            }
            Constant::Imaginary(f) => {
                let _ = write!(self.out, "Imaginary(0x{:016x})", f.to_bits());
            }
            Constant::Str(s) => {
                self.s("Str(");
                esc(s, &mut self.out);
                self.s(")");
            }
            Constant::Bytes(b) => {
                self.s("Bytes(");
                esc_bytes(b, &mut self.out);
                self.s(")");
            }
        }
    }

    fn expr(&mut self, e: &Expr) {
        let p = e.pos;
        macro_rules! head {
            ($n:expr) => {{
                self.s($n);
                self.pos(p);
                self.s("(");
            }};
        }
        match &e.kind {
            ExprKind::BoolOp { op, values } => {
                head!("BoolOp");
                self.s(if *op == BoolOp::And { "And, " } else { "Or, " });
                self.exprs(values);
            }
            ExprKind::NamedExpr { target, value } => {
                head!("NamedExpr");
                self.expr(target);
                self.s(", ");
                self.expr(value);
            }
            ExprKind::BinOp { left, op, right } => {
                head!("BinOp");
                self.expr(left);
                let _ = write!(self.out, ", {}, ", binop(*op));
                self.expr(right);
            }
            ExprKind::UnaryOp { op, operand } => {
                head!("UnaryOp");
                let name = match op {
                    UnaryOp::Invert => "Invert",
                    UnaryOp::Not => "Not",
                    UnaryOp::UAdd => "UAdd",
                    UnaryOp::USub => "USub",
                };
                let _ = write!(self.out, "{name}, ");
                self.expr(operand);
            }
            ExprKind::Lambda { args, body } => {
                head!("Lambda");
                self.arguments(args);
                self.s(", ");
                self.expr(body);
            }
            ExprKind::IfExp { test, body, orelse } => {
                head!("IfExp");
                self.expr(test);
                self.s(", ");
                self.expr(body);
                self.s(", ");
                self.expr(orelse);
            }
            ExprKind::Dict { keys, values } => {
                head!("Dict");
                self.s("keys=[");
                for (i, k) in keys.iter().enumerate() {
                    if i > 0 {
                        self.s(", ");
                    }
                    self.opt(k);
                }
                self.s("], values=");
                self.exprs(values);
            }
            ExprKind::Set(v) => {
                head!("Set");
                self.exprs(v);
            }
            ExprKind::ListComp { elt, generators } => {
                head!("ListComp");
                self.expr(elt);
                self.s(", ");
                self.comps(generators);
            }
            ExprKind::SetComp { elt, generators } => {
                head!("SetComp");
                self.expr(elt);
                self.s(", ");
                self.comps(generators);
            }
            ExprKind::GeneratorExp { elt, generators } => {
                head!("GeneratorExp");
                self.expr(elt);
                self.s(", ");
                self.comps(generators);
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => {
                head!("DictComp");
                self.expr(key);
                self.s(", ");
                self.expr(value);
                self.s(", ");
                self.comps(generators);
            }
            ExprKind::Await(v) => {
                head!("Await");
                self.expr(v);
            }
            ExprKind::Yield(v) => {
                head!("Yield");
                self.optb(v);
            }
            ExprKind::YieldFrom(v) => {
                head!("YieldFrom");
                self.expr(v);
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => {
                head!("Compare");
                self.expr(left);
                self.s(", [");
                for (i, o) in ops.iter().enumerate() {
                    if i > 0 {
                        self.s(", ");
                    }
                    let _ = write!(self.out, "{o:?}");
                }
                self.s("], ");
                self.exprs(comparators);
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                head!("Call");
                self.expr(func);
                self.s(", ");
                self.exprs(args);
                self.s(", ");
                self.keywords(keywords);
            }
            ExprKind::FormattedValue {
                value,
                conversion,
                format_spec,
            } => {
                head!("FormattedValue");
                self.expr(value);
                match conversion {
                    Some(c) => {
                        let _ = write!(self.out, ", {c}, ");
                    }
                    None => self.s(", -, "),
                }
                self.optb(format_spec);
            }
            ExprKind::JoinedStr(v) => {
                head!("JoinedStr");
                self.no_pos += 1;
                self.exprs(v);
                self.no_pos -= 1;
            }
            ExprKind::Constant(c) => {
                head!("Constant");
                self.constant(c);
            }
            ExprKind::Attribute { value, attr } => {
                head!("Attribute");
                self.expr(value);
                let _ = write!(self.out, ", {attr}");
            }
            ExprKind::Subscript { value, slice } => {
                head!("Subscript");
                self.expr(value);
                self.s(", ");
                self.expr(slice);
            }
            ExprKind::Starred(v) => {
                head!("Starred");
                self.expr(v);
            }
            ExprKind::Name(n) => {
                head!("Name");
                self.s(n);
            }
            ExprKind::List(v) => {
                head!("List");
                self.exprs(v);
            }
            ExprKind::Tuple(v) => {
                head!("Tuple");
                self.exprs(v);
            }
            ExprKind::Slice { lower, upper, step } => {
                head!("Slice");
                self.optb(lower);
                self.s(", ");
                self.optb(upper);
                self.s(", ");
                self.optb(step);
            }
        }
        self.s(")");
    }
}

fn binop(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "Add",
        BinOp::Sub => "Sub",
        BinOp::Mult => "Mult",
        BinOp::MatMult => "MatMult",
        BinOp::Div => "Div",
        BinOp::Mod => "Mod",
        BinOp::Pow => "Pow",
        BinOp::LShift => "LShift",
        BinOp::RShift => "RShift",
        BinOp::BitOr => "BitOr",
        BinOp::BitXor => "BitXor",
        BinOp::BitAnd => "BitAnd",
        BinOp::FloorDiv => "FloorDiv",
    }
}

"""CPython's view of the parse corpus, printed in the same normalized text as the Rust tests' dumper
(tests/parse_ast.rs) prints our tree, so the two can be compared line for line.

  python3 cpython_ref.py ast FILE...      one line per file: the file name, a tab, the dump
  python3 cpython_ref.py errors FILE      one line per case: name, class, line, col, message
  python3 cpython_ref.py compile FILE...  one line per file: the file name, a tab, OK or the error

Normalizations (where our tree deliberately differs from CPython's `ast`):
- Node and field names are ast.rs's: `is_async` instead of Async* node classes, `decorators`,
  `typ` for an except handler's type, `Arg.name`, no `ctx`, no `type_comment`, no `kind` on
  Constant (the `u` prefix), no end positions.
- Positions are 1-based lines and 1-based columns counted in characters: CPython's col_offset is a
  0-based UTF-8 byte offset, converted here through the source line.
- A decorated def/class statement starts at its first decorator's `@` (ast.rs documents this);
  CPython puts the statement at the `def`/`class` keyword, which we keep as `def_pos`.
- Constants are typed by value: bool, int (i64) or BigInt (decimal digits past i64), float and
  imaginary as the bits of the f64, str and bytes escaped the same way on both sides.
- Inside an f-string, CPython 3.11 gives the literal parts and the FormattedValue nodes the
  position of the whole JoinedStr; we do the same. CPython 3.11's positions for expressions inside
  the replacement fields are unreliable in some cases (multi-line triple-quoted strings,
  implicitly concatenated parts, nested format specs), so positions of every node inside a
  JoinedStr are dropped (printed as @?) on both sides: the nodes and values still compare.
"""
import ast
import struct
import sys


def esc(s):
    out = []
    for ch in s:
        o = ord(ch)
        if 32 <= o < 127 and ch not in '\\"':
            out.append(ch)
        else:
            out.append("\\u{%x}" % o)
    return '"' + "".join(out) + '"'


def esc_bytes(b):
    out = []
    for o in b:
        if 32 <= o < 127 and o not in (0x5C, 0x22):
            out.append(chr(o))
        else:
            out.append("\\x%02x" % o)
    return 'b"' + "".join(out) + '"'


def fbits(x):
    return "0x" + struct.pack(">d", x).hex()


class Dumper:
    def __init__(self, source):
        self.lines = source.splitlines(keepends=True)
        self.no_pos = 0

    def col(self, line, col_offset):
        text = self.lines[line - 1].encode("utf-8")
        return len(text[:col_offset].decode("utf-8", errors="replace")) + 1

    def pos(self, node):
        if self.no_pos:
            return "@?"
        return "@%d:%d" % (node.lineno, self.col(node.lineno, node.col_offset))

    def at_sign(self, dec):
        # The `@` before a decorator expression: the last one before it in the source (only
        # blanks and opening parentheses can stand between them).
        line = dec.lineno
        before = b"".join(l.encode("utf-8") for l in self.lines[:line - 1]) + self.lines[line - 1].encode("utf-8")[:dec.col_offset]
        at = before.rfind(b"@")
        assert at >= 0
        at_line = before.count(b"\n", 0, at) + 1
        line_start = before.rfind(b"\n", 0, at) + 1
        return "@%d:%d" % (at_line, self.col(at_line, at - line_start))

    def opt(self, x):
        return "-" if x is None else self.node(x)

    def lst(self, xs):
        return "[" + ", ".join(self.node(x) for x in xs) + "]"

    def body(self, xs):
        return self.lst(xs)

    def args(self, a):
        return "Arguments(posonlyargs=%s, args=%s, vararg=%s, kwonlyargs=%s, kw_defaults=%s, kwarg=%s, defaults=%s)" % (
            self.lst(a.posonlyargs), self.lst(a.args), self.opt(a.vararg), self.lst(a.kwonlyargs),
            "[" + ", ".join(self.opt(d) for d in a.kw_defaults) + "]", self.opt(a.kwarg), self.lst(a.defaults))

    def const(self, v):
        if v is None:
            return "None"
        if v is True or v is False:
            return "Bool(%s)" % ("true" if v else "false")
        if v is Ellipsis:
            return "Ellipsis"
        if isinstance(v, int):
            return "Int(%d)" % v if v <= 2**63 - 1 else "BigInt(%d)" % v
        if isinstance(v, float):
            return "Float(%s)" % fbits(v)
        if isinstance(v, complex):
            return "Imaginary(%s)" % fbits(v.imag)
        if isinstance(v, str):
            return "Str(%s)" % esc(v)
        if isinstance(v, bytes):
            return "Bytes(%s)" % esc_bytes(v)
        raise TypeError(type(v))

    def node(self, n):
        t = type(n).__name__
        P = self.pos
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)):
            start = self.at_sign(n.decorator_list[0]) if n.decorator_list and not self.no_pos else P(n)
            return "FunctionDef%s(name=%s, args=%s, body=%s, decorators=%s, returns=%s, is_async=%s, def_pos=%s)" % (
                start, n.name, self.args(n.args), self.body(n.body), self.lst(n.decorator_list), self.opt(n.returns),
                "true" if t.startswith("Async") else "false", P(n)[1:])
        if isinstance(n, ast.ClassDef):
            start = self.at_sign(n.decorator_list[0]) if n.decorator_list and not self.no_pos else P(n)
            return "ClassDef%s(name=%s, bases=%s, keywords=%s, body=%s, decorators=%s, def_pos=%s)" % (
                start, n.name, self.lst(n.bases), self.lst(n.keywords), self.body(n.body), self.lst(n.decorator_list), P(n)[1:])
        if isinstance(n, ast.Return):
            return "Return%s(%s)" % (P(n), self.opt(n.value))
        if isinstance(n, ast.Delete):
            return "Delete%s(%s)" % (P(n), self.lst(n.targets))
        if isinstance(n, ast.Assign):
            return "Assign%s(targets=%s, value=%s)" % (P(n), self.lst(n.targets), self.node(n.value))
        if isinstance(n, ast.AugAssign):
            return "AugAssign%s(target=%s, op=%s, value=%s)" % (P(n), self.node(n.target), type(n.op).__name__, self.node(n.value))
        if isinstance(n, ast.AnnAssign):
            return "AnnAssign%s(target=%s, annotation=%s, value=%s)" % (P(n), self.node(n.target), self.node(n.annotation), self.opt(n.value))
        if isinstance(n, (ast.For, ast.AsyncFor)):
            return "For%s(target=%s, iter=%s, body=%s, orelse=%s, is_async=%s)" % (
                P(n), self.node(n.target), self.node(n.iter), self.body(n.body), self.body(n.orelse),
                "true" if t.startswith("Async") else "false")
        if isinstance(n, ast.While):
            return "While%s(test=%s, body=%s, orelse=%s)" % (P(n), self.node(n.test), self.body(n.body), self.body(n.orelse))
        if isinstance(n, ast.If):
            return "If%s(test=%s, body=%s, orelse=%s)" % (P(n), self.node(n.test), self.body(n.body), self.body(n.orelse))
        if isinstance(n, (ast.With, ast.AsyncWith)):
            return "With%s(items=%s, body=%s, is_async=%s)" % (P(n), self.lst(n.items), self.body(n.body),
                                                                 "true" if t.startswith("Async") else "false")
        if isinstance(n, ast.withitem):
            return "WithItem(%s, %s)" % (self.node(n.context_expr), self.opt(n.optional_vars))
        if isinstance(n, ast.Raise):
            return "Raise%s(exc=%s, cause=%s)" % (P(n), self.opt(n.exc), self.opt(n.cause))
        if isinstance(n, ast.Try):
            return "Try%s(body=%s, handlers=%s, orelse=%s, finalbody=%s)" % (
                P(n), self.body(n.body), self.lst(n.handlers), self.body(n.orelse), self.body(n.finalbody))
        if isinstance(n, ast.ExceptHandler):
            return "ExceptHandler%s(typ=%s, name=%s, body=%s)" % (P(n), self.opt(n.type), n.name or "-", self.body(n.body))
        if isinstance(n, ast.Assert):
            return "Assert%s(test=%s, msg=%s)" % (P(n), self.node(n.test), self.opt(n.msg))
        if isinstance(n, ast.Import):
            return "Import%s(%s)" % (P(n), self.lst(n.names))
        if isinstance(n, ast.ImportFrom):
            return "ImportFrom%s(module=%s, names=%s, level=%d)" % (P(n), n.module or "-", self.lst(n.names), n.level)
        if isinstance(n, ast.alias):
            return "Alias%s(%s, %s)" % (P(n), n.name, n.asname or "-")
        if isinstance(n, ast.Global):
            return "Global%s(%s)" % (P(n), ", ".join(n.names))
        if isinstance(n, ast.Nonlocal):
            return "Nonlocal%s(%s)" % (P(n), ", ".join(n.names))
        if isinstance(n, ast.Expr):
            return "Expr%s(%s)" % (P(n), self.node(n.value))
        if isinstance(n, (ast.Pass, ast.Break, ast.Continue)):
            return t + P(n)
        if isinstance(n, ast.arg):
            return "Arg%s(%s, %s)" % (P(n), n.arg, self.opt(n.annotation))
        if isinstance(n, ast.keyword):
            return "Keyword%s(%s, %s)" % (P(n), n.arg or "-", self.node(n.value))
        if isinstance(n, ast.comprehension):
            return "Comprehension(target=%s, iter=%s, ifs=%s, is_async=%s)" % (
                self.node(n.target), self.node(n.iter), self.lst(n.ifs), "true" if n.is_async else "false")
        # Expressions.
        if isinstance(n, ast.BoolOp):
            return "BoolOp%s(%s, %s)" % (P(n), type(n.op).__name__, self.lst(n.values))
        if isinstance(n, ast.NamedExpr):
            return "NamedExpr%s(%s, %s)" % (P(n), self.node(n.target), self.node(n.value))
        if isinstance(n, ast.BinOp):
            return "BinOp%s(%s, %s, %s)" % (P(n), self.node(n.left), type(n.op).__name__, self.node(n.right))
        if isinstance(n, ast.UnaryOp):
            return "UnaryOp%s(%s, %s)" % (P(n), type(n.op).__name__, self.node(n.operand))
        if isinstance(n, ast.Lambda):
            return "Lambda%s(%s, %s)" % (P(n), self.args(n.args), self.node(n.body))
        if isinstance(n, ast.IfExp):
            return "IfExp%s(%s, %s, %s)" % (P(n), self.node(n.test), self.node(n.body), self.node(n.orelse))
        if isinstance(n, ast.Dict):
            return "Dict%s(keys=[%s], values=%s)" % (P(n), ", ".join(self.opt(k) for k in n.keys), self.lst(n.values))
        if isinstance(n, ast.Set):
            return "Set%s(%s)" % (P(n), self.lst(n.elts))
        if isinstance(n, (ast.ListComp, ast.SetComp, ast.GeneratorExp)):
            return "%s%s(%s, %s)" % (t, P(n), self.node(n.elt), self.lst(n.generators))
        if isinstance(n, ast.DictComp):
            return "DictComp%s(%s, %s, %s)" % (P(n), self.node(n.key), self.node(n.value), self.lst(n.generators))
        if isinstance(n, ast.Await):
            return "Await%s(%s)" % (P(n), self.node(n.value))
        if isinstance(n, ast.Yield):
            return "Yield%s(%s)" % (P(n), self.opt(n.value))
        if isinstance(n, ast.YieldFrom):
            return "YieldFrom%s(%s)" % (P(n), self.node(n.value))
        if isinstance(n, ast.Compare):
            return "Compare%s(%s, [%s], %s)" % (P(n), self.node(n.left), ", ".join(type(o).__name__ for o in n.ops), self.lst(n.comparators))
        if isinstance(n, ast.Call):
            return "Call%s(%s, %s, %s)" % (P(n), self.node(n.func), self.lst(n.args), self.lst(n.keywords))
        if isinstance(n, ast.FormattedValue):
            conv = "-" if n.conversion == -1 else chr(n.conversion)
            return "FormattedValue%s(%s, %s, %s)" % (P(n), self.node(n.value), conv, self.opt(n.format_spec))
        if isinstance(n, ast.JoinedStr):
            p = P(n)
            self.no_pos += 1
            inner = self.lst(n.values)
            self.no_pos -= 1
            return "JoinedStr%s(%s)" % (p, inner)
        if isinstance(n, ast.Constant):
            return "Constant%s(%s)" % (P(n), self.const(n.value))
        if isinstance(n, ast.Attribute):
            return "Attribute%s(%s, %s)" % (P(n), self.node(n.value), n.attr)
        if isinstance(n, ast.Subscript):
            return "Subscript%s(%s, %s)" % (P(n), self.node(n.value), self.node(n.slice))
        if isinstance(n, ast.Starred):
            return "Starred%s(%s)" % (P(n), self.node(n.value))
        if isinstance(n, ast.Name):
            return "Name%s(%s)" % (P(n), n.id)
        if isinstance(n, ast.List):
            return "List%s(%s)" % (P(n), self.lst(n.elts))
        if isinstance(n, ast.Tuple):
            return "Tuple%s(%s)" % (P(n), self.lst(n.elts))
        if isinstance(n, ast.Slice):
            return "Slice%s(%s, %s, %s)" % (P(n), self.opt(n.lower), self.opt(n.upper), self.opt(n.step))
        raise TypeError("node outside the subset: " + t)


def dump_file(path):
    with open(path, "rb") as f:
        raw = f.read()
    source = raw.decode("utf-8-sig")
    tree = ast.parse(raw, path)
    return "Module(%s)" % Dumper(source).body(tree.body)


def unescape(s):
    out = []
    i = 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            n = s[i + 1]
            out.append({"n": "\n", "t": "\t", "r": "\r", "\\": "\\"}.get(n, "\\" + n))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def verdict(src):
    """(class, line, col, msg) of compile()'s SyntaxError, col in characters from 1, or None."""
    try:
        compile(src, "<p>", "exec")
        return None
    except SyntaxError as e:
        # 3.11 already counts `offset` in characters (it converts the byte offset through the
        # line's text), so it needs no conversion here; a missing offset reads as 0.
        return (type(e).__name__, e.lineno or 0, e.offset or 0, e.msg)
    except (MemoryError, RecursionError) as e:
        return (type(e).__name__, 0, 0, str(e))


def main():
    mode, files = sys.argv[1], sys.argv[2:]
    out = sys.stdout
    if mode == "ast":
        for path in files:
            out.write("%s\t%s\n" % (path, dump_file(path)))
    elif mode == "errors":
        with open(files[0], encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                if not line or line.startswith("#"):
                    continue
                name, _, src = line.partition(" | ")
                v = verdict(unescape(src))
                if v is None:
                    out.write("%s\tOK\n" % name)
                else:
                    out.write("%s\t%s\t%d\t%d\t%s\n" % ((name,) + v))
    elif mode == "compile":
        # OK; or CPython's parser's error; or COMPILER and the error its compiler raises after
        # parsing ('await' outside function…), which is our compiler's to raise, not our parser's.
        for path in files:
            with open(path, encoding="utf-8") as f:
                src = f.read()
            v = verdict(src)
            if v is None:
                out.write("%s\tOK\n" % path)
                continue
            try:
                ast.parse(src)
                out.write("%s\tCOMPILER\t%s\n" % (path, v[3]))
            except SyntaxError:
                out.write("%s\t%s\t%d\t%d\t%s\n" % ((path,) + v))
    else:
        raise SystemExit("unknown mode " + mode)


if __name__ == "__main__":
    main()

//! The lexer's tricky parts, checked directly: indentation (INDENT/DEDENT, tabs, blank and
//! comment lines, brackets, continuation), numbers, string escapes and f-strings.

use awaitlab_python::ast::{Constant, ExprKind, Pos, StmtKind, SyntaxErrorKind};
use awaitlab_python::lexer::tokenize;
use awaitlab_python::parse;
use awaitlab_python::token::Tok;

fn kinds(src: &str) -> Vec<Tok> {
    let lexed = tokenize(src);
    assert!(lexed.error.is_none(), "{src:?}: {:?}", lexed.error);
    lexed.tokens.iter().map(|t| t.kind).collect()
}

/// The value of `x = <literal>`.
fn value(src: &str) -> Constant {
    let m = parse(&format!("x = {src}\n")).unwrap_or_else(|e| panic!("{src}: {e}"));
    match &m.body[0].kind {
        StmtKind::Assign { value, .. } => match &value.kind {
            ExprKind::Constant(c) => c.clone(),
            other => panic!("{src}: {other:?}"),
        },
        other => panic!("{other:?}"),
    }
}

fn err(src: &str) -> (SyntaxErrorKind, String, Pos) {
    let e = parse(src).expect_err(src);
    (e.kind, e.msg, e.pos)
}

#[test]
fn indentation_makes_indent_and_dedent_tokens() {
    use Tok::*;
    let src = "if a:\n    b\n    if c:\n        d\ne\n";
    assert_eq!(
        kinds(src),
        [
            If, Name, Colon, Newline, Indent, Name, Newline, If, Name, Colon, Newline, Indent,
            Name, Newline, Dedent, Dedent, Name, Newline, EndMarker
        ]
    );
    // Blank lines, comment-only lines (at any indentation) and a missing final newline.
    let src = "if a:\n\n    # c\n  # odd\n    b\n\n# end";
    assert_eq!(
        kinds(src),
        [If, Name, Colon, Newline, Indent, Name, Newline, Dedent, EndMarker]
    );
    // Inside brackets and after `\`, line breaks and indentation mean nothing.
    let src = "x = (1,\n        2)\ny = 1 + \\\n      2\n";
    assert_eq!(
        kinds(src),
        [
            Name, Equal, LPar, Number, Comma, Number, RPar, Newline, Name, Equal, Number, Plus,
            Number, Newline, EndMarker
        ]
    );
}

#[test]
fn tabs_count_to_the_next_multiple_of_eight() {
    // A tab, and eight spaces after a tab-indented block's header, mix consistently only when
    // both readings (tab = 8 columns and tab = 1 column) agree on the order.
    assert!(parse("if a:\n\tb\n\tif c:\n\t    d\n").is_ok());
    assert!(parse("if a:\n\tb\n").is_ok());
    let (kind, msg, pos) = err("if a:\n        b\n\tc\n");
    assert_eq!(
        (kind, msg.as_str(), pos.line),
        (
            SyntaxErrorKind::Tab,
            "inconsistent use of tabs and spaces in indentation",
            3
        )
    );
    let (kind, msg, _) = err("if a:\n  b\n c\n");
    assert_eq!(
        (kind, msg.as_str()),
        (
            SyntaxErrorKind::Indentation,
            "unindent does not match any outer indentation level"
        )
    );
}

#[test]
fn line_endings_and_bom() {
    let a = parse("x = 1\ny = [1,\n 2]\n").unwrap();
    assert_eq!(parse("x = 1\r\ny = [1,\r\n 2]\r\n").unwrap(), a);
    assert_eq!(parse("x = 1\ry = [1,\r 2]\r").unwrap(), a);
    assert_eq!(parse("\u{feff}x = 1\ny = [1,\n 2]").unwrap(), a);
    assert_eq!(parse("").unwrap().body.len(), 0);
    assert_eq!(parse("\n\n# only a comment\n   \n").unwrap().body.len(), 0);
}

#[test]
fn columns_count_characters() {
    let m = parse("名字 = 'é' + 值\n").unwrap();
    let StmtKind::Assign { value, .. } = &m.body[0].kind else {
        panic!()
    };
    let ExprKind::BinOp { right, .. } = &value.kind else {
        panic!()
    };
    assert_eq!(right.pos, Pos { line: 1, col: 12 });
    let (_, msg, pos) = err("print(\"好\")，\n");
    assert_eq!(
        (msg.as_str(), pos),
        ("invalid character '，' (U+FF0C)", Pos { line: 1, col: 11 })
    );
}

#[test]
fn numbers() {
    assert_eq!(value("0"), Constant::Int(0));
    assert_eq!(value("1_000_000"), Constant::Int(1_000_000));
    assert_eq!(value("0x_Ff"), Constant::Int(255));
    assert_eq!(value("0o17"), Constant::Int(15));
    assert_eq!(value("0B101"), Constant::Int(5));
    assert_eq!(value("9223372036854775807"), Constant::Int(i64::MAX));
    assert_eq!(
        value("9223372036854775808"),
        Constant::BigInt("9223372036854775808".into())
    );
    assert_eq!(
        value("0xFFFFFFFFFFFFFFFFFFFF"),
        Constant::BigInt("1208925819614629174706175".into())
    );
    assert_eq!(value("0b1"), Constant::Int(1));
    assert_eq!(value("1."), Constant::Float(1.0));
    assert_eq!(value(".5"), Constant::Float(0.5));
    assert_eq!(value("1e-3"), Constant::Float(0.001));
    assert_eq!(value("1_000.5"), Constant::Float(1000.5));
    assert_eq!(value("1E+2"), Constant::Float(100.0));
    assert_eq!(value("2j"), Constant::Imaginary(2.0));
    assert_eq!(value("1.5J"), Constant::Imaginary(1.5));
    assert_eq!(value("00"), Constant::Int(0));
    assert_eq!(value("09.5"), Constant::Float(9.5));
    for (src, msg) in [
        ("x = 1abc\n", "invalid decimal literal"),
        ("x = 1__0\n", "invalid decimal literal"),
        ("x = 1_\n", "invalid decimal literal"),
        ("x = 0x\n", "invalid hexadecimal literal"),
        ("x = 0b12\n", "invalid digit '2' in binary literal"),
        ("x = 0o9\n", "invalid digit '9' in octal literal"),
        ("x = 012\n", "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers"),
        ("x = 1.5x\n", "invalid decimal literal"),
        ("x = 3jx\n", "invalid imaginary literal"),
    ] {
        assert_eq!(err(src).1, msg, "{src}");
    }
    // A keyword may follow a number directly, as CPython allows (with a warning).
    assert!(parse("x = 1if y else 2\n").is_ok());
}

#[test]
fn string_escapes() {
    assert_eq!(value(r#""\n\t\\\'\"""#), Constant::Str("\n\t\\'\"".into()));
    assert_eq!(
        value(r#""\a\b\f\v\0""#),
        Constant::Str("\x07\x08\x0c\x0b\0".into())
    );
    assert_eq!(
        value(r#""\x41\101\u4e2d\U0001F600""#),
        Constant::Str("AA中😀".into())
    );
    assert_eq!(value(r#""\q""#), Constant::Str("\\q".into()));
    assert_eq!(value("\"a\\\nb\""), Constant::Str("ab".into()));
    assert_eq!(value(r#"r"\n\d""#), Constant::Str("\\n\\d".into()));
    assert_eq!(
        value(r#"b"\x00\xff\u1234""#),
        Constant::Bytes(b"\x00\xff\\u1234".to_vec())
    );
    assert_eq!(value(r#"Rb'\n'"#), Constant::Bytes(b"\\n".to_vec()));
    assert_eq!(value("'''a\nb'''"), Constant::Str("a\nb".into()));
    assert_eq!(value("'a' \"b\" '''c'''"), Constant::Str("abc".into()));
    assert_eq!(value("U'x' 'y'"), Constant::Str("xy".into()));
    assert!(err("x = '\\N{DASH}'\n").1.contains("\\N{...}"));
    assert!(err("x = '\\u12'\n").1.contains("truncated \\uXXXX escape"));
    assert_eq!(
        err("x = b'a' 'b'\n").1,
        "cannot mix bytes and nonbytes literals"
    );
    assert_eq!(
        err("x = 'abc\n").1,
        "unterminated string literal (detected at line 1)"
    );
    assert_eq!(
        err("x = '''abc\n\n").1,
        "unterminated triple-quoted string literal (detected at line 2)"
    );
}

#[test]
fn fstrings() {
    let m = parse("f'a{x!r:>{w}}b{{c}}{y=}{z = :.2f}'\n").unwrap();
    let StmtKind::Expr(e) = &m.body[0].kind else {
        panic!()
    };
    let ExprKind::JoinedStr(parts) = &e.kind else {
        panic!("{e:?}")
    };
    let texts: Vec<String> = parts
        .iter()
        .map(|p| match &p.kind {
            ExprKind::Constant(Constant::Str(s)) => format!("'{s}'"),
            ExprKind::FormattedValue {
                conversion,
                format_spec,
                ..
            } => {
                format!("{{{:?} {}}}", conversion, format_spec.is_some())
            }
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        texts,
        [
            "'a'",
            "{Some('r') true}",
            "'b{c}y='",
            "{Some('r') false}",
            "'z = '",
            "{None true}"
        ]
    );
    // The field's expression is parsed where it sits: its position is real.
    let m = parse("s = f'ab{ x }'\n").unwrap();
    let StmtKind::Assign { value, .. } = &m.body[0].kind else {
        panic!()
    };
    let ExprKind::JoinedStr(parts) = &value.kind else {
        panic!()
    };
    let ExprKind::FormattedValue { value: x, .. } = &parts[1].kind else {
        panic!()
    };
    assert_eq!(x.pos, Pos { line: 1, col: 11 });
    for (src, msg) in [
        ("f'{x'\n", "f-string: expecting '}'"),
        ("f'{}'\n", "f-string: empty expression not allowed"),
        ("f'}'\n", "f-string: single '}' is not allowed"),
        (
            "f'{x!z}'\n",
            "f-string: invalid conversion character: expected 's', 'r', or 'a'",
        ),
        ("f'{x#}'\n", "f-string expression part cannot include '#'"),
        (
            "f'{\"\\n\"}'\n",
            "f-string expression part cannot include a backslash",
        ),
        (
            "f'{a b}'\n",
            "f-string: invalid syntax. Perhaps you forgot a comma?",
        ),
    ] {
        assert_eq!(err(src).1, msg, "{src}");
    }
}

#[test]
fn brackets() {
    assert_eq!(
        err("x = (1, 2]\n").1,
        "closing parenthesis ']' does not match opening parenthesis '('"
    );
    assert_eq!(err("x = 1)\n").1, "unmatched ')'");
    assert_eq!(err("x = [1,\n2\n").1, "'[' was never closed");
    let deep = format!("x = {}1{}\n", "(".repeat(200), ")".repeat(200));
    let src = deep.clone();
    let ok = std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || parse(&src).is_ok())
        .unwrap()
        .join()
        .unwrap();
    assert!(ok);
    let deeper = format!("x = {}1{}\n", "(".repeat(201), ")".repeat(201));
    let e = tokenize(&deeper).error.expect("an error").error;
    assert_eq!(
        (e.msg.as_str(), e.pos),
        ("too many nested parentheses", Pos { line: 1, col: 205 })
    );
}

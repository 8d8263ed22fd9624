//! Golden tests for `awaitlab_python::text`: thousands of generated cases (hand-picked edges
//! plus a deterministic PRNG), each run through our functions and, in one batch per test,
//! through CPython 3.11 (`tests/text/cpython_oracle.py`), compared byte for byte, errors
//! included. Run with `--nocapture` to see how many cases each test compared.

#[path = "text/oracle.rs"]
mod oracle;

use awaitlab_python::text::{self, FormatArg, Num, PercentArgs, PyErr};
use oracle::{compare, err, float_bits, outcome, Outcome, Rng};
use serde_json::{json, Value};

/// A Python value as the tests need it; the interpreter's own values implement the same trait.
#[derive(Debug, Clone)]
enum V {
    Int(i64),
    Float(f64),
    Str(String),
    Bool(bool),
    None,
    List(Vec<V>),
    Tuple(Vec<V>),
    Dict(Vec<(String, V)>),
}

/// The interpreter's error type stands in here: any exception, ours converted into it.
#[derive(Debug)]
struct TestErr(String, String);

impl From<PyErr> for TestErr {
    fn from(e: PyErr) -> Self {
        match err(&e) {
            Outcome::Err(class, msg) => TestErr(class, msg),
            _ => unreachable!(),
        }
    }
}

impl V {
    fn json(&self) -> Value {
        match self {
            V::Int(n) => json!(["i", n.to_string()]),
            V::Float(x) => json!(["f", float_bits(*x)]),
            V::Str(s) => json!(["s", s]),
            V::Bool(b) => json!(["b", b]),
            V::None => json!(["n"]),
            V::List(items) => json!(["l", items.iter().map(V::json).collect::<Vec<_>>()]),
            V::Tuple(items) => json!(["t", items.iter().map(V::json).collect::<Vec<_>>()]),
            V::Dict(items) => json!([
                "d",
                items
                    .iter()
                    .map(|(k, v)| json!([k, v.json()]))
                    .collect::<Vec<_>>()
            ]),
        }
    }

    fn repr(&self) -> String {
        match self {
            V::Str(s) => text::str_repr(s),
            V::List(items) => format!(
                "[{}]",
                items.iter().map(V::repr).collect::<Vec<_>>().join(", ")
            ),
            V::Tuple(items) if items.len() == 1 => format!("({},)", items[0].repr()),
            V::Tuple(items) => format!(
                "({})",
                items.iter().map(V::repr).collect::<Vec<_>>().join(", ")
            ),
            V::Dict(items) => format!(
                "{{{}}}",
                items
                    .iter()
                    .map(|(k, v)| format!("{}: {}", text::str_repr(k), v.repr()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            other => other.str(),
        }
    }

    fn str(&self) -> String {
        match self {
            V::Int(n) => text::int_to_string(*n),
            V::Float(x) => text::float_repr(*x),
            V::Str(s) => s.clone(),
            V::Bool(b) => if *b { "True" } else { "False" }.to_string(),
            V::None => "None".to_string(),
            other => other.repr(),
        }
    }
}

impl FormatArg for V {
    type Error = TestErr;

    fn as_number(&self) -> Option<Num> {
        match self {
            V::Int(n) => Some(Num::Int(*n)),
            V::Bool(b) => Some(Num::Int(i64::from(*b))),
            V::Float(x) => Some(Num::Float(*x)),
            _ => None,
        }
    }

    fn as_str(&self) -> Option<&str> {
        match self {
            V::Str(s) => Some(s),
            _ => None,
        }
    }

    fn to_str(&self) -> Result<String, TestErr> {
        Ok(self.str())
    }

    fn to_repr(&self) -> Result<String, TestErr> {
        Ok(self.repr())
    }

    fn type_name(&self) -> String {
        match self {
            V::Int(_) => "int",
            V::Float(_) => "float",
            V::Str(_) => "str",
            V::Bool(_) => "bool",
            V::None => "NoneType",
            V::List(_) => "list",
            V::Tuple(_) => "tuple",
            V::Dict(_) => "dict",
        }
        .to_string()
    }

    fn is_mapping(&self) -> bool {
        matches!(self, V::Dict(_) | V::List(_))
    }

    fn get_item(&self, key: &str) -> Result<V, TestErr> {
        match self {
            V::Dict(items) => items
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
                .ok_or_else(|| TestErr("KeyError".into(), text::str_repr(key))),
            _ => Err(TestErr(
                "TypeError".into(),
                format!(
                    "{} indices must be integers or slices, not str",
                    self.type_name()
                ),
            )),
        }
    }
}

fn show_float(x: f64) -> String {
    text::float_repr(x)
}

fn show_num(n: Num) -> String {
    match n {
        Num::Int(i) => i.to_string(),
        Num::Float(x) => text::float_repr(x),
    }
}

#[test]
fn float_repr_and_hex_match_cpython() {
    let mut rng = Rng::new(1);
    let mut floats: Vec<f64> = vec![
        0.0,
        -0.0,
        1.0,
        100.0,
        0.1,
        1e16,
        1e15,
        9999999999999998.0,
        1.5e-5,
        1e-5,
        1e-4,
        0.0001,
        12345678901234567890.0,
        1e22,
        1e23,
        5e-324,
        f64::MAX,
        f64::MIN_POSITIVE,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
        2.675,
        0.3,
        1.0 / 3.0,
        2e16 + 8.0,
    ];
    for _ in 0..20000 {
        floats.push(rng.float());
    }
    let mut cases = Vec::new();
    let mut ours = Vec::new();
    for &x in &floats {
        cases.push(json!(["repr_float", float_bits(x)]));
        ours.push(Outcome::Ok(text::float_repr(x)));
    }
    for &x in floats.iter().take(5000) {
        cases.push(json!(["float_hex", float_bits(x)]));
        ours.push(Outcome::Ok(text::float_hex(x)));
        cases.push(json!(["is_integer", float_bits(x)]));
        ours.push(Outcome::Ok(
            if text::float_is_integer(x) {
                "True"
            } else {
                "False"
            }
            .to_string(),
        ));
    }
    compare("float repr, float.hex, is_integer", &cases, &ours);
}

/// What a random spec is for: usually one valid for the value's kind (`'i'` int, `'f'`
/// float, `'s'` str), sometimes anything the grammar allows, sometimes broken on purpose.
fn random_spec(rng: &mut Rng, kind: char) -> String {
    let any = rng.chance(30);
    let (int, float, str) = (
        kind == 'i' && !any,
        kind == 'f' && !any,
        kind == 's' && !any,
    );
    let mut s = String::new();
    if rng.chance(40) {
        if rng.chance(50) {
            s.push(rng.pick(&[' ', '*', '0', 'x', '中', '€', '<', '=', '😀', '_', ',', '.']));
        }
        s.push(if str {
            rng.pick(&['<', '>', '^'])
        } else {
            rng.pick(&['<', '>', '=', '^'])
        });
    }
    if !str && rng.chance(25) {
        s.push(rng.pick(&['+', '-', ' ']));
    }
    if !str && !int && rng.chance(8) {
        s.push('z');
    }
    if !str && rng.chance(15) {
        s.push('#');
    }
    if rng.chance(20) {
        s.push('0');
    }
    if rng.chance(50) {
        let max = if rng.chance(90) { 25 } else { 60 };
        s.push_str(&rng.range(0, max).to_string());
    }
    let grouping = !str && rng.chance(25);
    if grouping {
        let seps: &[&str] = if any {
            &[",", "_", ",", "_", ",_", "_,"]
        } else {
            &[",", "_"]
        };
        s.push_str(rng.pick(seps));
    }
    if !int && rng.chance(45) {
        s.push('.');
        if !rng.chance(3) {
            let max = rng.pick(&[3, 10, 20, 60, 400]);
            s.push_str(&rng.range(0, max).to_string());
        }
    }
    if rng.chance(75) {
        let types: &[char] = match (int, float, str, grouping) {
            (true, ..) if !grouping => &['b', 'c', 'd', 'o', 'x', 'X', 'n', 'e', 'f', 'g', '%'],
            (true, ..) => &['d', 'x', 'b', 'o', 'X', 'e', 'f', 'g', '%'],
            (_, true, _, false) => &['e', 'E', 'f', 'F', 'g', 'G', 'n', '%'],
            (_, true, _, true) => &['e', 'E', 'f', 'F', 'g', 'G', '%'],
            (_, _, true, _) => &['s'],
            _ => &[
                'b', 'c', 'd', 'o', 'x', 'X', 'n', 'e', 'E', 'f', 'F', 'g', 'G', '%', 's', 'y',
                'Z', 'é', '\u{1}',
            ],
        };
        s.push(rng.pick(types));
    }
    if any && rng.chance(5) {
        s.push(rng.pick(&['d', 'x', '!', '5']));
    }
    s
}

#[test]
fn format_specs_match_cpython() {
    let mut rng = Rng::new(2);
    let fixed = [
        "",
        "d",
        "5",
        "<5",
        ">5",
        "^5",
        "=5",
        "*^9",
        "中^7",
        "+",
        " ",
        "-",
        "z",
        "#",
        "0",
        "05",
        "010",
        ",",
        "_",
        ",d",
        "_x",
        "_b",
        "_o",
        "#_x",
        "#010_x",
        "010,",
        "015,.2f",
        ",.3%",
        ".0f",
        ".1f",
        ".2f",
        ".3e",
        "E",
        ".0e",
        "g",
        ".0g",
        "#g",
        "#.3g",
        "G",
        "%",
        ".1%",
        "c",
        "s",
        ".3s",
        "x",
        "X",
        "#X",
        "#o",
        "#b",
        "n",
        ",n",
        "xx",
        ",_",
        "_,",
        ".",
        "z.2f",
        "+.2f",
        " .2f",
        "=+10.3f",
        "99999999999999999999",
        ".99999999999",
        "e",
        "F",
        ".12",
        ".2",
        "#",
        "#.0f",
        "#.0e",
        "=",
        "0=10",
        "x<10",
        "<010",
        "0<10",
    ];
    let mut cases = Vec::new();
    let mut ours = Vec::new();
    let push = |v: &V, spec: &str, cases: &mut Vec<Value>, ours: &mut Vec<Outcome>| {
        cases.push(json!(["format", v.json(), spec]));
        let r = match v {
            V::Int(n) => text::format_int(i128::from(*n), spec),
            V::Float(x) => text::format_float(*x, spec),
            V::Str(s) => text::format_str(s, spec),
            V::Bool(b) => text::format_bool(*b, spec),
            other => text::check_object_spec(&other.type_name(), spec).map(|()| other.str()),
        };
        ours.push(outcome(r, |s| s));
    };
    let specials = [
        V::Int(0),
        V::Int(-1),
        V::Int(i64::MIN),
        V::Int(i64::MAX),
        V::Int(1234567),
        V::Int(65),
        V::Int(0x10ffff),
        V::Int(0x110000),
        V::Int(0xd800),
        V::Float(-0.0),
        V::Float(0.0),
        V::Float(-0.0001),
        V::Float(f64::INFINITY),
        V::Float(f64::NEG_INFINITY),
        V::Float(f64::NAN),
        V::Float(1234567.891),
        V::Float(2.675),
        V::Float(0.125),
        V::Float(1e16),
        V::Float(1e22),
        V::Float(5e-324),
        V::Str(String::new()),
        V::Str("abc".into()),
        V::Str("中文😀".into()),
        V::Bool(true),
        V::Bool(false),
        V::None,
        V::List(vec![V::Int(1)]),
    ];
    for v in &specials {
        for spec in fixed {
            push(v, spec, &mut cases, &mut ours);
        }
    }
    let strs = ["", "a", "hello", "中文", "tab\there", "😀x", "  "];
    for _ in 0..30000 {
        let v = match rng.below(10) {
            0..=3 => V::Int(rng.int()),
            4..=7 => V::Float(rng.float()),
            8 => V::Str(rng.pick(&strs).to_string()),
            _ => V::Bool(rng.chance(50)),
        };
        let kind = match v {
            V::Float(_) => 'f',
            V::Str(_) => 's',
            _ => 'i',
        };
        let spec = random_spec(&mut rng, kind);
        push(&v, &spec, &mut cases, &mut ours);
    }
    // Ints beyond i64 (format_int takes i128, for big ints later).
    for _ in 0..3000 {
        let spec = random_spec(&mut rng, 'i');
        let big = (i128::from(rng.int()) << rng.below(64)) + i128::from(rng.int());
        cases.push(json!(["format", ["i", big.to_string()], spec]));
        ours.push(outcome(text::format_int(big, &spec), |s| s));
    }
    compare(
        "format specs (int, i128, float, str, bool, None, list)",
        &cases,
        &ours,
    );
}

/// A random value of the kind a conversion usually gets, sometimes any kind.
fn random_arg(rng: &mut Rng, conversion: char) -> V {
    let kind = if rng.chance(12) {
        rng.below(6)
    } else {
        match conversion {
            'd' | 'i' | 'u' | 'o' | 'x' | 'X' | 'c' => rng.pick(&[0, 0, 0, 1, 3]),
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => rng.pick(&[1, 1, 1, 0, 3]),
            _ => rng.below(6),
        }
    };
    match kind {
        0 => V::Int(if conversion == 'c' && rng.chance(80) {
            rng.range(0, 0x11000)
        } else {
            rng.int()
        }),
        1 => V::Float(rng.float()),
        2 => V::Str(
            rng.pick(&["", "x", "abc", "it's", "中文", "a\nb", "😀", "\"q\""])
                .to_string(),
        ),
        3 => V::Bool(rng.chance(50)),
        4 => V::None,
        _ => V::List(vec![V::Int(1), V::Str("a".into())]),
    }
}

#[test]
fn percent_formatting_matches_cpython() {
    let mut rng = Rng::new(3);
    let fixed: Vec<(&str, V)> = vec![
        (
            "%.4f \t%s%s = %i",
            V::Tuple(vec![
                V::Float(1234.567891),
                V::Str("a".into()),
                V::Str("b".into()),
                V::Int(42),
            ]),
        ),
        (
            "%(name)s is %(age)d",
            V::Dict(vec![
                ("name".into(), V::Str("Ann".into())),
                ("age".into(), V::Float(41.9)),
            ]),
        ),
        ("%5.1f%%", V::Float(99.44)),
        ("%r", V::Str("it's".into())),
        ("%a", V::Str("中文".into())),
        ("%c%c", V::Tuple(vec![V::Int(65), V::Str("中".into())])),
        ("%x %X %#x %#X %#o", V::Tuple(vec![V::Int(255); 5])),
        ("%e %E %g %G", V::Tuple(vec![V::Float(1234.5); 4])),
        ("%d", V::Float(-3.99)),
        ("%d", V::Float(1e20)),
        ("%d", V::Float(f64::NAN)),
        ("%d", V::Float(f64::INFINITY)),
        (
            "%*d|%-*d|%.*f",
            V::Tuple(vec![
                V::Int(5),
                V::Int(42),
                V::Int(-5),
                V::Int(42),
                V::Int(2),
                V::Float(1.0),
            ]),
        ),
        ("%s %s", V::Tuple(vec![V::Int(1)])),
        ("%s", V::Tuple(vec![V::Int(1), V::Int(2)])),
        ("%d", V::Str("x".into())),
        ("%x", V::Float(1.0)),
        ("%f", V::Str("x".into())),
        ("abc%y", V::Int(1)),
        ("%(a)s", V::Int(1)),
        ("%(a", V::Dict(vec![("a".into(), V::Int(1))])),
        ("%(b)s", V::Dict(vec![("a".into(), V::Int(1))])),
        ("%(a)s", V::List(vec![V::Int(1)])),
        ("hi", V::List(vec![])),
        ("hi", V::Int(5)),
        ("%", V::Tuple(vec![])),
        ("%5", V::Int(1)),
        ("%-", V::Int(1)),
        ("%(a)%", V::Dict(vec![("a".into(), V::Int(1))])),
        ("%s %(a)s", V::Dict(vec![("a".into(), V::Int(1))])),
        ("%(a)s %s", V::Dict(vec![("a".into(), V::Int(1))])),
        ("%c", V::Int(-1)),
        ("%c", V::Int(0x110000)),
        ("%c", V::Int(0xdc00)),
        ("%c", V::Str("ab".into())),
        ("%c", V::Float(65.0)),
        ("%*d", V::Tuple(vec![V::Float(1.0), V::Int(2)])),
        ("%.*f", V::Tuple(vec![V::Int(1 << 40), V::Float(2.0)])),
        (
            "%ld %hd %Lf",
            V::Tuple(vec![V::Int(1), V::Int(2), V::Float(3.0)]),
        ),
        (
            "%05d|%-05d|%+05d|% 05d|%+ d",
            V::Tuple(vec![
                V::Int(-42),
                V::Int(-42),
                V::Int(42),
                V::Int(42),
                V::Int(42),
            ]),
        ),
        (
            "%#08x|%#-8x|%08.3x|%-#8.3o",
            V::Tuple(vec![V::Int(-255), V::Int(255), V::Int(255), V::Int(8)]),
        ),
        (
            "%.3s|%-6.2r|%5a",
            V::Tuple(vec![
                V::Str("abcdef".into()),
                V::Str("xyz".into()),
                V::Str("é".into()),
            ]),
        ),
        ("%s", V::Tuple(vec![V::Tuple(vec![V::Int(1), V::Int(2)])])),
        ("%s", V::Dict(vec![("k".into(), V::None)])),
        ("%s|%r", V::Tuple(vec![V::Bool(true), V::None])),
        ("%d|%f|%x|%c", V::Tuple(vec![V::Bool(true); 4])),
        (
            "%20.10e|%-+12.4g|%#.0f|%#g",
            V::Tuple(vec![
                V::Float(-1.0 / 3.0),
                V::Float(1e-10),
                V::Float(2.5),
                V::Float(1.0),
            ]),
        ),
        (
            "%F|%E|%G",
            V::Tuple(vec![
                V::Float(f64::INFINITY),
                V::Float(f64::NAN),
                V::Float(f64::NEG_INFINITY),
            ]),
        ),
        (
            "%010.2f|%-010.2f|%+010.2f",
            V::Tuple(vec![
                V::Float(f64::NEG_INFINITY),
                V::Float(-1.5),
                V::Float(f64::NAN),
            ]),
        ),
    ];
    let mut cases = Vec::new();
    let mut ours = Vec::new();
    let push = |fmt: &str, args: &V, cases: &mut Vec<Value>, ours: &mut Vec<Outcome>| {
        cases.push(json!(["percent", fmt, args.json()]));
        let r = match args {
            V::Tuple(items) => text::percent_format(fmt, PercentArgs::Tuple(items)),
            other => text::percent_format(fmt, PercentArgs::Single(other)),
        };
        ours.push(match r {
            Ok(s) => Outcome::Ok(s),
            Err(TestErr(class, msg)) => Outcome::Err(class, msg),
        });
    };
    for (fmt, args) in &fixed {
        push(fmt, args, &mut cases, &mut ours);
    }
    let conversions = [
        's', 'r', 'a', 'd', 'i', 'u', 'o', 'x', 'X', 'e', 'E', 'f', 'F', 'g', 'G', 'c', '%',
    ];
    let texts = ["", "x = ", " ", "中文 ", "\t", "(", ")", "é"];
    for _ in 0..20000 {
        let use_dict = rng.chance(15);
        let mut fmt = String::new();
        let mut items = Vec::new();
        let mut dict: Vec<(String, V)> = Vec::new();
        for _ in 0..rng.range(1, 3) {
            fmt.push_str(rng.pick(&texts));
            fmt.push('%');
            let mut conversion = rng.pick(&conversions);
            if rng.chance(2) {
                conversion = rng.pick(&['y', 'k', '\u{7f}', 'é', ' ']);
            }
            if use_dict {
                let key = rng.pick(&["a", "b", "key(1)", ""]).to_string();
                fmt.push_str(&format!("({key})"));
                if !dict.iter().any(|(k, _)| *k == key) && !rng.chance(3) {
                    dict.push((key, random_arg(&mut rng, conversion)));
                }
            }
            for flag in ['-', '+', ' ', '#', '0'] {
                if rng.chance(12) {
                    fmt.push(flag);
                }
            }
            if rng.chance(40) {
                if !use_dict && rng.chance(20) {
                    fmt.push('*');
                    items.push(V::Int(rng.range(-15, 15)));
                } else {
                    fmt.push_str(&rng.range(0, 20).to_string());
                }
            }
            if rng.chance(35) {
                fmt.push('.');
                if !use_dict && rng.chance(15) {
                    fmt.push('*');
                    items.push(V::Int(rng.range(-3, 25)));
                } else if !rng.chance(5) {
                    let max = if rng.chance(90) { 20 } else { 120 };
                    fmt.push_str(&rng.range(0, max).to_string());
                }
            }
            if rng.chance(3) {
                fmt.push(rng.pick(&['h', 'l', 'L']));
            }
            fmt.push(conversion);
            if conversion != '%' {
                items.push(random_arg(&mut rng, conversion));
            }
        }
        if rng.chance(30) {
            fmt.push_str(rng.pick(&texts));
        }
        if rng.chance(4) {
            items.pop();
        } else if rng.chance(4) {
            items.push(V::Int(7));
        }
        let args = if use_dict {
            V::Dict(dict)
        } else if items.len() == 1 && rng.chance(50) {
            items.pop().unwrap()
        } else {
            V::Tuple(items)
        };
        push(&fmt, &args, &mut cases, &mut ours);
    }
    compare("% formatting", &cases, &ours);
}

#[test]
fn int_arithmetic_matches_cpython() {
    let mut rng = Rng::new(4);
    let mut pairs: Vec<(i64, i64)> = Vec::new();
    let edges = [
        0,
        1,
        -1,
        2,
        -2,
        7,
        -7,
        10,
        i64::MAX,
        i64::MIN,
        i64::MIN + 1,
        1 << 53,
        (1 << 53) + 1,
    ];
    for &a in &edges {
        for &b in &edges {
            pairs.push((a, b));
        }
    }
    for _ in 0..6000 {
        pairs.push((rng.int(), rng.int()));
    }
    let mut cases = Vec::new();
    let mut ours = Vec::new();
    for &(a, b) in &pairs {
        let (sa, sb) = (a.to_string(), b.to_string());
        cases.push(json!(["int_op", "floordiv", sa, sb]));
        ours.push(outcome(text::int_floordiv(a, b), |q| q.to_string()));
        cases.push(json!(["int_op", "mod", sa, sb]));
        ours.push(outcome(text::int_mod(a, b), |r| r.to_string()));
        cases.push(json!(["int_op", "divmod", sa, sb]));
        ours.push(outcome(text::int_divmod(a, b), |(q, r)| {
            format!("({q}, {r})")
        }));
        cases.push(json!(["int_op", "truediv", sa, sb]));
        ours.push(outcome(text::int_truediv(a, b), show_float));
        cases.push(json!(["int_op", "str", sa, sb]));
        ours.push(Outcome::Ok(text::int_to_string(a)));
        // round(int, n): mostly negative n.
        let n = if rng.chance(80) {
            rng.range(-25, 0)
        } else {
            rng.range(-60, 5)
        };
        cases.push(json!(["int_op", "round", sa, n.to_string()]));
        ours.push(outcome(text::int_round(a, n), |r| r.to_string()));
        // a ** e with exponents that fit or just overflow.
        let base = if rng.chance(50) {
            rng.range(-20, 20)
        } else {
            a
        };
        let e = match rng.below(4) {
            0 => rng.range(-6, -1),
            1 => rng.range(0, 64),
            2 => rng.range(0, 4),
            _ => rng.pick(&[0, 1, 63, 64, 1000, i64::MAX]),
        };
        if !(e > 1000 && base.unsigned_abs() > 1) {
            cases.push(json!(["int_op", "pow", base.to_string(), e.to_string()]));
            ours.push(outcome(text::int_pow(base, e), show_num));
        }
        let m = if rng.chance(50) {
            rng.range(-50, 50)
        } else {
            b
        };
        let e3 = if rng.chance(50) {
            rng.range(-5, 100)
        } else {
            rng.int()
        };
        cases.push(json!([
            "pow3",
            base.to_string(),
            e3.to_string(),
            m.to_string()
        ]));
        ours.push(outcome(text::int_pow_mod(base, e3, m), |r| r.to_string()));
    }
    compare(
        "int //, %, divmod, /, **, pow(a, b, m), round(n, k), str",
        &cases,
        &ours,
    );
}

#[test]
fn float_arithmetic_and_rounding_match_cpython() {
    let mut rng = Rng::new(5);
    let mut cases = Vec::new();
    let mut ours = Vec::new();
    let specials = [
        0.0,
        -0.0,
        1.0,
        -1.0,
        2.0,
        -7.5,
        0.5,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
        1e308,
        5e-324,
        3.0,
    ];
    let mut pairs = Vec::new();
    for &a in &specials {
        for &b in &specials {
            pairs.push((a, b));
        }
    }
    for _ in 0..8000 {
        let b = if rng.chance(30) {
            rng.range(-9, 9) as f64
        } else {
            rng.float()
        };
        pairs.push((rng.float(), b));
    }
    for &(a, b) in &pairs {
        let (sa, sb) = (float_bits(a), float_bits(b));
        cases.push(json!(["float_op", "floordiv", sa, sb]));
        ours.push(outcome(text::float_floordiv(a, b), show_float));
        cases.push(json!(["float_op", "mod", sa, sb]));
        ours.push(outcome(text::float_mod(a, b), show_float));
        cases.push(json!(["float_op", "divmod", sa, sb]));
        ours.push(outcome(text::float_divmod(a, b), |(q, r)| {
            format!("({}, {})", show_float(q), show_float(r))
        }));
        cases.push(json!(["float_op", "truediv", sa, sb]));
        ours.push(outcome(text::float_truediv(a, b), show_float));
        let e = if rng.chance(50) {
            rng.range(-40, 40) as f64
        } else {
            b
        };
        cases.push(json!(["float_op", "pow", sa, float_bits(e)]));
        ours.push(outcome(text::float_pow(a, e), show_float));
    }
    // round(x), round(x, n) and int(x).
    let mut xs: Vec<f64> = vec![
        2.675, 0.5, 1.5, 2.5, -0.5, -1.5, 0.125, 0.375, 1e22, 1.7e308, 5e-324, 1234.5, 1250.0,
        1350.0, -0.0,
    ];
    for _ in 0..12000 {
        xs.push(rng.float());
    }
    // Exact halves and their neighbours at every small ndigits.
    for &x in &[
        0.125f64, 0.375, 2.675, 1.005, 0.5, 2.5, 1234.5, 1250.0, 1e22, 5e-324, 0.045,
    ] {
        for x in [
            x,
            -x,
            f64::from_bits(x.to_bits() + 1),
            f64::from_bits(x.to_bits() - 1),
        ] {
            for n in -4..=6 {
                cases.push(json!(["round_float", float_bits(x), n.to_string()]));
                ours.push(outcome(text::round_float(x, n), show_float));
            }
        }
    }
    for &x in &xs {
        cases.push(json!(["round_float", float_bits(x), null]));
        ours.push(outcome(text::round_float_to_int(x), |r| r.to_string()));
        cases.push(json!(["int_of_float", float_bits(x)]));
        ours.push(outcome(text::float_to_int(x), |r| r.to_string()));
        let n = match rng.below(6) {
            0 => rng.range(-330, 340),
            1 => rng.range(-25, 0),
            _ => rng.range(0, 20),
        };
        cases.push(json!(["round_float", float_bits(x), n.to_string()]));
        ours.push(outcome(text::round_float(x, n), show_float));
    }
    compare(
        "float //, %, divmod, /, **, round(x), round(x, n), int(x)",
        &cases,
        &ours,
    );
}

/// A random would-be int literal: valid most of the time, broken in every CPython-relevant way.
fn random_int_literal(rng: &mut Rng) -> (String, i64) {
    let base = match rng.below(10) {
        0..=3 => 10,
        4 | 5 => 0,
        6 => 16,
        7 => rng.pick(&[2, 8, 36, 1, 37, -1, 3, 7]),
        _ => rng.range(2, 36),
    };
    let mut s = String::new();
    let spaces = [
        " ", "\t", "\n", "\u{a0}", "\u{3000}", "\u{1c}", "\u{85}", "\u{2028}", "  ",
    ];
    if rng.chance(20) {
        s.push_str(rng.pick(&spaces));
    }
    if rng.chance(25) {
        s.push(rng.pick(&['+', '-']));
    }
    if rng.chance(25) {
        s.push_str(rng.pick(&["0x", "0X", "0o", "0b", "0B", "0", "00", "0x_", "0_"]));
    }
    let radix = if (2..=36).contains(&base) {
        base as u32
    } else {
        rng.pick(&[10u32, 16, 8, 2]).to_owned()
    };
    let n = match rng.below(6) {
        0 => rng.range(0, 2),
        1..=3 => rng.range(1, 12),
        4 => rng.range(12, 22),
        _ => rng.range(22, 70),
    };
    for i in 0..n {
        if i > 0 && rng.chance(8) {
            s.push('_');
            if rng.chance(10) {
                s.push('_');
            }
        }
        let d = rng.below(u64::from(radix)) as u32;
        let mut c = std::char::from_digit(d, radix).unwrap();
        if rng.chance(20) {
            c = c.to_ascii_uppercase();
        }
        if radix == 10 && rng.chance(3) {
            c = char::from_u32(rng.pick(&[0x660u32, 0x966, 0xff10, 0x1d7ce]) + d).unwrap();
        }
        s.push(c);
    }
    if rng.chance(5) {
        s.push(rng.pick(&['_', 'z', '.', 'é', '😀', '\0', 'g']));
    }
    if rng.chance(20) {
        s.push_str(rng.pick(&spaces));
    }
    if rng.chance(2) {
        s = "7".repeat(rng.range(4290, 4310) as usize);
    }
    (s, base)
}

#[test]
fn int_and_float_parsing_match_cpython() {
    let mut rng = Rng::new(6);
    let mut cases = Vec::new();
    let mut ours = Vec::new();
    let fixed_ints: [(&str, i64); 24] = [
        ("0", 10),
        ("-0", 10),
        (" 42 ", 10),
        ("x", 10),
        ("", 10),
        ("1_000", 10),
        ("_1", 10),
        ("1_", 10),
        ("1__0", 10),
        ("0x_1f", 0),
        (" 0x_1f ", 0),
        ("010", 0),
        ("00", 0),
        ("0_0", 0),
        ("0x", 16),
        ("0b101", 0),
        ("9223372036854775807", 10),
        ("-9223372036854775808", 10),
        ("9223372036854775808", 10),
        ("zz", 36),
        ("1", 1),
        ("1", 37),
        ("٣", 10),
        ("fF", 16),
    ];
    let mut ints: Vec<(String, i64)> = fixed_ints
        .iter()
        .map(|(s, b)| (s.to_string(), *b))
        .collect();
    ints.push(("x".repeat(300), 10));
    for _ in 0..15000 {
        ints.push(random_int_literal(&mut rng));
    }
    for (s, base) in &ints {
        cases.push(json!(["parse_int", s, base.to_string()]));
        ours.push(outcome(text::parse_int(s, *base), |n| n.to_string()));
    }
    let fixed_floats = [
        "1.5",
        " 1.5 ",
        "-0",
        "+.5",
        "1.",
        ".",
        "",
        "e5",
        "1e5",
        "1e",
        "1e+",
        "1E-5",
        "inf",
        "-Infinity",
        "nAn",
        "+nan",
        "infinit",
        "1_0",
        "_1",
        "1__0",
        "1_.5",
        "1._5",
        "1e5_0",
        "1e_5",
        "0x10",
        "١.٥",
        "1e400",
        "-1e400",
        "1e-400",
        "\u{a0}2\u{3000}",
        "abc",
        "1 2",
        "2.675",
        "0.1",
        "1_000.000_1",
        "in_f",
        "- 1",
        "+-1",
        "1.5\0",
        "9007199254740993",
    ];
    let mut floats: Vec<String> = fixed_floats.iter().map(|s| s.to_string()).collect();
    // Long and extreme literals: correct rounding needs every digit.
    floats.push(format!("0.{}1", "0".repeat(400)));
    floats.push(format!("1{}e-300", "0".repeat(300)));
    floats.push("1e99999999999999999999".to_string());
    floats.push("-1e-99999999999999999999".to_string());
    floats.push(format!("9007199254740993{}", "0".repeat(50)));
    floats.push(format!("2.{}e-308", "2250738585072011".repeat(40)));
    for _ in 0..200 {
        let digits: String = (0..rng.range(17, 800))
            .map(|_| char::from(b'0' + rng.below(10) as u8))
            .collect();
        floats.push(format!("{digits}e{}", rng.range(-1100, 300)));
    }
    for _ in 0..15000 {
        let mut s = String::new();
        if rng.chance(10) {
            s.push_str(rng.pick(&[" ", "\t", "\u{a0}", "\n "]));
        }
        if rng.chance(25) {
            s.push(rng.pick(&['+', '-']));
        }
        if rng.chance(8) {
            s.push_str(rng.pick(&[
                "inf", "INF", "Infinity", "nan", "NaN", "infinity", "in", "nanx",
            ]));
        } else {
            let digits = |rng: &mut Rng, s: &mut String, n: i64| {
                for i in 0..n {
                    if i > 0 && rng.chance(6) {
                        s.push('_');
                    }
                    s.push(char::from(b'0' + rng.below(10) as u8));
                }
            };
            let n = rng.range(0, 20);
            digits(&mut rng, &mut s, n);
            if rng.chance(60) {
                s.push('.');
                let n = rng.range(0, 20);
                digits(&mut rng, &mut s, n);
            }
            if rng.chance(40) {
                s.push(rng.pick(&['e', 'E']));
                if rng.chance(50) {
                    s.push(rng.pick(&['+', '-']));
                }
                let n = rng.range(0, 4);
                digits(&mut rng, &mut s, n);
            }
        }
        if rng.chance(5) {
            s.push(rng.pick(&['_', 'x', '.', 'é', ' ']));
        }
        floats.push(s);
    }
    for s in &floats {
        cases.push(json!(["parse_float", s]));
        ours.push(outcome(text::parse_float(s), show_float));
    }
    compare("int(str, base) and float(str)", &cases, &ours);
}

#[test]
fn str_repr_and_ascii_match_cpython() {
    let mut rng = Rng::new(7);
    let mut strings: Vec<String> = [
        "",
        "a",
        "it's",
        "say \"hi\"",
        "both ' and \"",
        "back\\slash",
        "\n\t\r",
        "\0\x1b\x7f",
        "中文",
        "😀",
        "\u{a0}\u{3000}",
        "\u{200b}\u{200f}\u{202a}\u{2066}\u{feff}",
        "\u{2028}\u{2029}",
        "\u{e000}\u{f8ff}",
        "\u{10ffff}",
        "\u{85}\u{ad}",
        "é",
        "\u{300}",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // Every code point (but surrogates) once, 256 per string.
    let mut cp = 0u32;
    while cp < 0x110000 {
        strings.push(
            (cp..(cp + 256).min(0x110000))
                .filter_map(char::from_u32)
                .collect(),
        );
        cp += 256;
    }
    let pools: [&[u32]; 5] = [
        &[0x20, 0x7e],
        &[0, 0x20],
        &[0x80, 0x3000],
        &[0x1f000, 0x1faff],
        &[0, 0x10ffff],
    ];
    for _ in 0..5000 {
        let mut s = String::new();
        for _ in 0..rng.range(0, 12) {
            let pool = rng.pick(&pools);
            let c = rng.range(i64::from(pool[0]), i64::from(pool[1])) as u32;
            s.extend(char::from_u32(c));
            if rng.chance(10) {
                s.push(rng.pick(&['\'', '"', '\\']));
            }
        }
        strings.push(s);
    }
    let mut cases = Vec::new();
    let mut ours = Vec::new();
    for s in &strings {
        cases.push(json!(["repr_str", s]));
        ours.push(Outcome::Ok(text::str_repr(s)));
        cases.push(json!(["ascii_str", s]));
        ours.push(Outcome::Ok(text::str_ascii(s)));
    }
    compare("str repr and ascii (every code point)", &cases, &ours);
}

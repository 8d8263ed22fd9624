//! `json`: `dumps`/`dump` with CPython's exact text (separators, `indent`, `sort_keys`,
//! `ensure_ascii`, `default`, floats as `repr`, `NaN`/`Infinity`) and `loads`/`load` with the
//! C scanner's error messages and positions (`Expecting value: line 1 column 1 (char 0)`).
//! The dict-like `collections` classes encode as objects and named tuples as arrays, as their
//! CPython counterparts (dict and tuple subclasses) do.

use std::rc::Rc;

use super::make_module;
use crate::builtins::{func, NativeFn};
use crate::dict::Dict;
use crate::error::{PyErr, PyResult};
use crate::object::{Class, ClassKind, Namespace};
use crate::types::{make_class, with_types};
use crate::value::Value;
use crate::vm::{attr, ops, text, Args, Vm};

thread_local! {
    static DECODE_ERROR: Rc<Class> = with_types(|t| {
        make_class(
            "JSONDecodeError",
            "json.decoder",
            vec![t.value_error.clone()],
            ClassKind::Exception,
            None,
        )
    });
}

/// Most nested containers `dumps`/`loads` go through (CPython's recursion limit shows there).
const MAX_DEPTH: usize = 900;

// =============================================================================== encoding

struct Encoder<'a> {
    vm: &'a Vm,
    indent: Option<String>,
    item_sep: String,
    key_sep: String,
    sort_keys: bool,
    skip_keys: bool,
    ensure_ascii: bool,
    allow_nan: bool,
    default: Option<Value>,
    /// Containers being encoded (for "Circular reference detected").
    stack: Vec<usize>,
}

/// A JSON string literal of `s`.
fn quote(s: &str, ensure_ascii: bool, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c if ensure_ascii && (c as u32) > 0x7e => {
                let mut buf = [0u16; 2];
                for unit in c.encode_utf16(&mut buf) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

impl Encoder<'_> {
    fn float(&self, x: f64) -> PyResult<String> {
        if x.is_finite() {
            return Ok(crate::text::float_repr(x));
        }
        if !self.allow_nan {
            return Err(PyErr::value_error(
                "Out of range float values are not JSON compliant",
            ));
        }
        Ok(if x.is_nan() {
            "NaN"
        } else if x > 0.0 {
            "Infinity"
        } else {
            "-Infinity"
        }
        .to_string())
    }

    fn enter(&mut self, v: &Value) -> PyResult<()> {
        let id = v.identity();
        if self.stack.contains(&id) {
            return Err(PyErr::value_error("Circular reference detected"));
        }
        if self.stack.len() >= MAX_DEPTH {
            return Err(PyErr::recursion_error(
                "maximum recursion depth exceeded while encoding a JSON object",
            ));
        }
        self.stack.push(id);
        Ok(())
    }

    fn encode(&mut self, v: &Value, level: usize, out: &mut String) -> PyResult<()> {
        match v {
            Value::None => out.push_str("null"),
            Value::Bool(true) => out.push_str("true"),
            Value::Bool(false) => out.push_str("false"),
            Value::Int(i) => out.push_str(&i.to_string()),
            Value::Float(x) => out.push_str(&self.float(*x)?),
            Value::Str(s) => quote(s, self.ensure_ascii, out),
            Value::List(l) => {
                let items = l.borrow().clone();
                self.enter(v)?;
                self.array(&items, level, out)?;
                self.stack.pop();
            }
            Value::Tuple(t) => {
                let items = t.to_vec();
                self.array(&items, level, out)?;
            }
            Value::Dict(d) => {
                let d = d.clone();
                self.enter(v)?;
                self.object(&d.borrow().clone(), level, out)?;
                self.stack.pop();
            }
            other => {
                if let Some(d) = super::collections::dict_inside(other) {
                    self.enter(other)?;
                    let snapshot = d.borrow().clone();
                    self.object(&snapshot, level, out)?;
                    self.stack.pop();
                    return Ok(());
                }
                if let Some(items) = super::collections::tuple_inside(other) {
                    return self.array(&items, level, out);
                }
                let Some(default) = self.default.clone() else {
                    return Err(PyErr::type_error(format!(
                        "Object of type {} is not JSON serializable",
                        crate::object::type_name(other)
                    )));
                };
                self.enter(other)?;
                let replaced = self.vm.call(&default, Args::new(vec![other.clone()]))?;
                self.encode(&replaced, level, out)?;
                self.stack.pop();
            }
        }
        Ok(())
    }

    fn newline(&self, level: usize, out: &mut String) {
        if let Some(ind) = &self.indent {
            out.push('\n');
            for _ in 0..level {
                out.push_str(ind);
            }
        }
    }

    fn array(&mut self, items: &[Value], level: usize, out: &mut String) -> PyResult<()> {
        if items.is_empty() {
            out.push_str("[]");
            return Ok(());
        }
        out.push('[');
        self.newline(level + 1, out);
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(&self.item_sep);
                self.newline(level + 1, out);
            }
            self.encode(item, level + 1, out)?;
        }
        self.newline(level, out);
        out.push(']');
        Ok(())
    }

    fn key(&self, k: &Value) -> PyResult<Option<String>> {
        Ok(Some(match k {
            Value::Str(s) => s.to_string(),
            Value::Float(x) => self.float(*x)?,
            Value::Bool(true) => "true".into(),
            Value::Bool(false) => "false".into(),
            Value::None => "null".into(),
            Value::Int(i) => i.to_string(),
            other => {
                if self.skip_keys {
                    return Ok(None);
                }
                return Err(PyErr::type_error(format!(
                    "keys must be str, int, float, bool or None, not {}",
                    crate::object::type_name(other)
                )));
            }
        }))
    }

    fn object(&mut self, d: &Dict, level: usize, out: &mut String) -> PyResult<()> {
        if d.is_empty() {
            out.push_str("{}");
            return Ok(());
        }
        let mut items: Vec<(Value, Value)> =
            d.items().map(|(k, v)| (k.clone(), v.clone())).collect();
        if self.sort_keys {
            let keys: Vec<Value> = items.iter().map(|(k, _)| k.clone()).collect();
            let order = sort_order(self.vm, &keys)?;
            items = order.into_iter().map(|i| items[i].clone()).collect();
        }
        out.push('{');
        self.newline(level + 1, out);
        let mut first = true;
        for (k, v) in &items {
            let Some(key) = self.key(k)? else {
                continue;
            };
            if !first {
                out.push_str(&self.item_sep);
                self.newline(level + 1, out);
            }
            first = false;
            quote(&key, self.ensure_ascii, out);
            out.push_str(&self.key_sep);
            self.encode(v, level + 1, out)?;
        }
        self.newline(level, out);
        out.push('}');
        Ok(())
    }
}

/// The stable order of `keys` under `<` (as `sorted(d.items())` sorts dict keys).
fn sort_order(vm: &Vm, keys: &[Value]) -> PyResult<Vec<usize>> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    let failure: std::cell::RefCell<Option<PyErr>> = Default::default();
    let less = |a: &Value, b: &Value| -> bool {
        if failure.borrow().is_some() {
            return false;
        }
        match ops::compare(vm, crate::ast::CmpOp::Lt, a, b).and_then(|r| vm.truthy(&r)) {
            Ok(x) => x,
            Err(e) => {
                *failure.borrow_mut() = Some(e);
                false
            }
        }
    };
    order.sort_by(|&i, &j| {
        if less(&keys[i], &keys[j]) {
            std::cmp::Ordering::Less
        } else if less(&keys[j], &keys[i]) {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    });
    match failure.into_inner() {
        Some(e) => Err(e),
        None => Ok(order),
    }
}

fn str_option(v: Option<Value>, what: &str) -> PyResult<Option<String>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(Value::Str(s)) => Ok(Some(s.to_string())),
        Some(other) => Err(PyErr::type_error(format!(
            "{what} must be str, not {}",
            crate::object::type_name(&other)
        ))),
    }
}

fn dumps_text(vm: &Vm, obj: &Value, mut args: Args) -> PyResult<String> {
    let truthy = |v: Option<Value>, default: bool| -> PyResult<bool> {
        match v {
            Some(v) => vm.truthy(&v),
            None => Ok(default),
        }
    };
    let skip_keys = truthy(args.take_kw("skipkeys"), false)?;
    let ensure_ascii = truthy(args.take_kw("ensure_ascii"), true)?;
    let _check_circular = args.take_kw("check_circular");
    let allow_nan = truthy(args.take_kw("allow_nan"), true)?;
    let sort_keys = truthy(args.take_kw("sort_keys"), false)?;
    if let Some(cls) = args.take_kw("cls").filter(|c| !c.is_none()) {
        return Err(PyErr::not_implemented(format!(
            "json: cls={} is not supported in AwaitLab (use default=)",
            text::repr(vm, &cls)?
        )));
    }
    let indent =
        match args.take_kw("indent") {
            None | Some(Value::None) => None,
            Some(Value::Str(s)) => Some(s.to_string()),
            Some(v) => match v.as_int_like() {
                Some(n) if n > 100_000 => return Err(PyErr::new(
                    &with_types(|t| t.memory_error.clone()),
                    "json.dumps: an indent of more than 100000 spaces is too large for AwaitLab",
                )),
                Some(n) => Some(" ".repeat(n.max(0) as usize)),
                None => {
                    return Err(PyErr::type_error(format!(
                        "can't multiply sequence by non-int of type '{}'",
                        crate::object::type_name(&v)
                    )))
                }
            },
        };
    let (item_sep, key_sep) = match args.take_kw("separators") {
        None | Some(Value::None) => (
            if indent.is_some() { "," } else { ", " }.to_string(),
            ": ".to_string(),
        ),
        Some(v) => {
            let parts = crate::vm::iter::collect(vm, &v)?;
            if parts.len() != 2 {
                return Err(PyErr::value_error(format!(
                    "{} values to unpack (expected 2)",
                    if parts.len() < 2 {
                        "not enough"
                    } else {
                        "too many"
                    }
                )));
            }
            (
                str_option(Some(parts[0].clone()), "item separator")?.unwrap_or_default(),
                str_option(Some(parts[1].clone()), "key separator")?.unwrap_or_default(),
            )
        }
    };
    let default = args.take_kw("default").filter(|d| !d.is_none());
    args.no_more_kw("dumps")?;
    let mut enc = Encoder {
        vm,
        indent,
        item_sep,
        key_sep,
        sort_keys,
        skip_keys,
        ensure_ascii,
        allow_nan,
        default,
        stack: Vec::new(),
    };
    let mut out = String::new();
    enc.encode(obj, 0, &mut out)?;
    Ok(out)
}

fn dumps(vm: &Vm, mut args: Args) -> PyResult<Value> {
    if args.pos.len() != 1 {
        return Err(PyErr::type_error(format!(
            "dumps() takes 1 positional argument but {} were given",
            args.pos.len()
        )));
    }
    let obj = args.pos.remove(0);
    Ok(Value::from(dumps_text(vm, &obj, args)?))
}

fn dump(vm: &Vm, mut args: Args) -> PyResult<Value> {
    if args.pos.len() != 2 {
        return Err(PyErr::type_error(format!(
            "dump() missing {} required positional argument{}",
            2usize.saturating_sub(args.pos.len()),
            if args.pos.len() == 1 { "" } else { "s" }
        )));
    }
    let fp = args.pos.remove(1);
    let obj = args.pos.remove(0);
    let text = dumps_text(vm, &obj, args)?;
    let write = attr::getattr(vm, &fp, "write")?;
    vm.call(&write, Args::new(vec![Value::from(text)]))?;
    Ok(Value::None)
}

// =============================================================================== decoding

/// Why decoding stopped: a `JSONDecodeError` message at a position, or "Expecting value" at
/// one (the scanner's `StopIteration`), or a Python error (an `object_hook`'s).
enum Fail {
    At(&'static str, usize),
    Py(PyErr),
}

impl From<PyErr> for Fail {
    fn from(e: PyErr) -> Self {
        Fail::Py(e)
    }
}

struct Decoder<'a> {
    vm: &'a Vm,
    s: Vec<char>,
    object_hook: Option<Value>,
    depth: usize,
}

fn is_ws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

impl Decoder<'_> {
    fn skip_ws(&self, mut i: usize) -> usize {
        while i < self.s.len() && is_ws(self.s[i]) {
            i += 1;
        }
        i
    }

    fn at(&self, i: usize) -> Option<char> {
        self.s.get(i).copied()
    }

    fn starts(&self, i: usize, word: &str) -> bool {
        let w: Vec<char> = word.chars().collect();
        self.s.len() >= i + w.len() && self.s[i..i + w.len()] == w[..]
    }

    /// One JSON value at `i`: the value and the index after it.
    fn scan(&mut self, i: usize) -> Result<(Value, usize), Fail> {
        let Some(c) = self.at(i) else {
            return Err(Fail::At("Expecting value", i));
        };
        match c {
            '"' => {
                let (s, end) = self.string(i + 1)?;
                return Ok((Value::from(s), end));
            }
            '{' | '[' => {
                if self.depth >= MAX_DEPTH {
                    return Err(Fail::Py(PyErr::recursion_error(
                        "maximum recursion depth exceeded while decoding a JSON document",
                    )));
                }
                self.depth += 1;
                let r = if c == '{' {
                    self.object(i + 1)
                } else {
                    self.array(i + 1)
                };
                self.depth -= 1;
                return r;
            }
            'n' if self.starts(i, "null") => return Ok((Value::None, i + 4)),
            't' if self.starts(i, "true") => return Ok((Value::Bool(true), i + 4)),
            'f' if self.starts(i, "false") => return Ok((Value::Bool(false), i + 5)),
            'N' if self.starts(i, "NaN") => return Ok((Value::Float(f64::NAN), i + 3)),
            'I' if self.starts(i, "Infinity") => return Ok((Value::Float(f64::INFINITY), i + 8)),
            '-' if self.starts(i, "-Infinity") => {
                return Ok((Value::Float(f64::NEG_INFINITY), i + 9))
            }
            _ => {}
        }
        self.number(i)
    }

    fn number(&self, start: usize) -> Result<(Value, usize), Fail> {
        let digit = |i: usize| self.at(i).is_some_and(|c| c.is_ascii_digit());
        let mut i = start;
        if self.at(i) == Some('-') {
            i += 1;
        }
        match self.at(i) {
            Some('1'..='9') => {
                i += 1;
                while digit(i) {
                    i += 1;
                }
            }
            Some('0') => i += 1,
            _ => return Err(Fail::At("Expecting value", start)),
        }
        let mut is_float = false;
        if self.at(i) == Some('.') && digit(i + 1) {
            is_float = true;
            i += 2;
            while digit(i) {
                i += 1;
            }
        }
        if matches!(self.at(i), Some('e' | 'E')) {
            let e_start = i;
            i += 1;
            if matches!(self.at(i), Some('-' | '+')) {
                i += 1;
            }
            while digit(i) {
                i += 1;
            }
            if digit(i - 1) {
                is_float = true;
            } else {
                i = e_start;
            }
        }
        let text: String = self.s[start..i].iter().collect();
        let v = if is_float {
            Value::Float(crate::text::parse_float(&text).map_err(|e| Fail::Py(ops::text_err(e)))?)
        } else {
            Value::Int(crate::text::parse_int(&text, 10).map_err(|e| Fail::Py(ops::text_err(e)))?)
        };
        Ok((v, i))
    }

    /// A string whose opening quote is at `begin - 1`.
    fn string(&self, begin: usize) -> Result<(String, usize), Fail> {
        let unterminated = Fail::At("Unterminated string starting at", begin - 1);
        let mut out = String::new();
        let mut i = begin;
        loop {
            let Some(c) = self.at(i) else {
                return Err(unterminated);
            };
            match c {
                '"' => return Ok((out, i + 1)),
                '\\' => {
                    let Some(esc) = self.at(i + 1) else {
                        return Err(unterminated);
                    };
                    if esc == 'u' {
                        let (cp, next) = self.unicode_escape(i + 1)?;
                        out.push(cp);
                        i = next;
                        continue;
                    }
                    out.push(match esc {
                        '"' => '"',
                        '\\' => '\\',
                        '/' => '/',
                        'b' => '\u{8}',
                        'f' => '\u{c}',
                        'n' => '\n',
                        'r' => '\r',
                        't' => '\t',
                        _ => return Err(Fail::At("Invalid \\escape", i)),
                    });
                    i += 2;
                }
                c if (c as u32) < 0x20 => return Err(Fail::At("Invalid control character at", i)),
                c => {
                    out.push(c);
                    i += 1;
                }
            }
        }
    }

    fn hex4(&self, at: usize) -> Option<u32> {
        if at + 4 > self.s.len() {
            return None;
        }
        let text: String = self.s[at..at + 4].iter().collect();
        if !text.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        u32::from_str_radix(&text, 16).ok()
    }

    /// `\uXXXX` (with `u` at `u_at`), joining a surrogate pair: the character and the index
    /// after the escape.
    fn unicode_escape(&self, u_at: usize) -> Result<(char, usize), Fail> {
        let bad = Fail::At("Invalid \\uXXXX escape", u_at);
        if u_at + 4 >= self.s.len() {
            return Err(bad);
        }
        let Some(mut cp) = self.hex4(u_at + 1) else {
            return Err(bad);
        };
        let mut next = u_at + 5;
        if (0xd800..=0xdbff).contains(&cp)
            && self.at(next) == Some('\\')
            && self.at(next + 1) == Some('u')
        {
            if let Some(low) = self.hex4(next + 2) {
                if (0xdc00..=0xdfff).contains(&low) {
                    cp = 0x10000 + (((cp - 0xd800) << 10) | (low - 0xdc00));
                    next += 6;
                }
            } else {
                return Err(Fail::At("Invalid \\uXXXX escape", next + 1));
            }
        }
        // A lone surrogate cannot be a Rust char: U+FFFD stands in for it.
        Ok((char::from_u32(cp).unwrap_or('\u{fffd}'), next))
    }

    fn object(&mut self, start: usize) -> Result<(Value, usize), Fail> {
        let mut d = Dict::new();
        let mut i = self.skip_ws(start);
        if self.at(i) != Some('}') {
            loop {
                if self.at(i) != Some('"') {
                    return Err(Fail::At(
                        "Expecting property name enclosed in double quotes",
                        i,
                    ));
                }
                let (key, next) = self.string(i + 1)?;
                i = self.skip_ws(next);
                if self.at(i) != Some(':') {
                    return Err(Fail::At("Expecting ':' delimiter", i));
                }
                i = self.skip_ws(i + 1);
                let (v, next) = self.scan(i)?;
                let _ = d.insert(Value::from(key), v);
                i = self.skip_ws(next);
                if self.at(i) == Some('}') {
                    break;
                }
                if self.at(i) != Some(',') {
                    return Err(Fail::At("Expecting ',' delimiter", i));
                }
                i = self.skip_ws(i + 1);
            }
        }
        let obj = Value::dict(d);
        let obj = match &self.object_hook {
            Some(hook) => self.vm.call(hook, Args::new(vec![obj]))?,
            None => obj,
        };
        Ok((obj, i + 1))
    }

    fn array(&mut self, start: usize) -> Result<(Value, usize), Fail> {
        let mut items = Vec::new();
        let mut i = self.skip_ws(start);
        if self.at(i) != Some(']') {
            loop {
                let (v, next) = self.scan(i)?;
                items.push(v);
                i = self.skip_ws(next);
                if self.at(i) == Some(']') {
                    break;
                }
                if self.at(i) != Some(',') {
                    return Err(Fail::At("Expecting ',' delimiter", i));
                }
                i = self.skip_ws(i + 1);
            }
        }
        Ok((Value::list(items), i + 1))
    }
}

/// `JSONDecodeError(msg, doc, pos)` with its `line 1 column 2 (char 1)` message and attributes.
fn decode_error(doc: &[char], msg: &str, pos: usize) -> PyErr {
    let before = &doc[..pos.min(doc.len())];
    let lineno = before.iter().filter(|c| **c == '\n').count() + 1;
    let colno = match before.iter().rposition(|c| *c == '\n') {
        Some(nl) => pos - nl,
        None => pos + 1,
    };
    let class = DECODE_ERROR.with(|c| c.clone());
    let e = PyErr::new(
        &class,
        format!("{msg}: line {lineno} column {colno} (char {pos})"),
    );
    let mut attrs = e.0.attrs.borrow_mut();
    attrs.insert(Rc::from("msg"), Value::str(msg));
    attrs.insert(Rc::from("doc"), Value::from(doc.iter().collect::<String>()));
    attrs.insert(Rc::from("pos"), Value::Int(pos as i64));
    attrs.insert(Rc::from("lineno"), Value::Int(lineno as i64));
    attrs.insert(Rc::from("colno"), Value::Int(colno as i64));
    drop(attrs);
    e
}

fn loads_text(vm: &Vm, text: &str, mut args: Args) -> PyResult<Value> {
    let object_hook = args.take_kw("object_hook").filter(|h| !h.is_none());
    let _strict = args.take_kw("strict");
    for name in [
        "cls",
        "parse_float",
        "parse_int",
        "parse_constant",
        "object_pairs_hook",
    ] {
        if args.take_kw(name).is_some_and(|v| !v.is_none()) {
            return Err(PyErr::not_implemented(format!(
                "json.loads({name}=...) is not supported in AwaitLab"
            )));
        }
    }
    args.no_more_kw("loads")?;
    let mut dec = Decoder {
        vm,
        s: text.chars().collect(),
        object_hook,
        depth: 0,
    };
    if dec.s.first() == Some(&'\u{feff}') {
        return Err(decode_error(
            &dec.s,
            "Unexpected UTF-8 BOM (decode using utf-8-sig)",
            0,
        ));
    }
    let start = dec.skip_ws(0);
    let (v, end) = match dec.scan(start) {
        Ok(r) => r,
        Err(Fail::At(msg, pos)) => return Err(decode_error(&dec.s, msg, pos)),
        Err(Fail::Py(e)) => return Err(e),
    };
    let end = dec.skip_ws(end);
    if end != dec.s.len() {
        return Err(decode_error(&dec.s, "Extra data", end));
    }
    Ok(v)
}

fn loads(vm: &Vm, mut args: Args) -> PyResult<Value> {
    if args.pos.len() != 1 {
        return Err(PyErr::type_error(format!(
            "loads() takes 1 positional argument but {} were given",
            args.pos.len()
        )));
    }
    let s = args.pos.remove(0);
    match &s {
        Value::Str(text) => loads_text(vm, text, args),
        other => Err(PyErr::type_error(format!(
            "the JSON object must be str, bytes or bytearray, not {}",
            crate::object::type_name(other)
        ))),
    }
}

fn load(vm: &Vm, mut args: Args) -> PyResult<Value> {
    if args.pos.len() != 1 {
        return Err(PyErr::type_error(format!(
            "load() takes 1 positional argument but {} were given",
            args.pos.len()
        )));
    }
    let fp = args.pos.remove(0);
    let read = attr::getattr(vm, &fp, "read")?;
    match vm.call(&read, Args::default())? {
        Value::Str(text) => loads_text(vm, &text, args),
        other => Err(PyErr::type_error(format!(
            "the JSON object must be str, bytes or bytearray, not {}",
            crate::object::type_name(&other)
        ))),
    }
}

pub(super) fn module() -> Value {
    let ns = Namespace::default();
    {
        let mut m = ns.borrow_mut();
        let fns: &[(&str, NativeFn)] = &[
            ("dumps", dumps),
            ("dump", dump),
            ("loads", loads),
            ("load", load),
        ];
        for (name, f) in fns {
            m.insert(Rc::from(*name), func(name, *f));
        }
        m.insert(
            Rc::from("JSONDecodeError"),
            Value::Class(DECODE_ERROR.with(|c| c.clone())),
        );
    }
    make_module("json", ns)
}

//! `str` methods, with CPython's behaviour on the edge cases programs meet (`split()` with no
//! separator collapses whitespace, `format` fields, `center` padding on the right first…).

use std::rc::Rc;

use super::{add_methods, int_arg, str_arg};
use crate::error::{PyErr, PyResult};
use crate::types::Types;
use crate::value::Value;
use crate::vm::ops;
use crate::vm::{attr, iter, text, Args, Vm};

pub(super) fn install(t: &Types) {
    add_methods(
        &t.str,
        "str",
        &[
            ("join", join),
            ("split", split),
            ("rsplit", rsplit),
            ("splitlines", splitlines),
            ("strip", strip),
            ("lstrip", lstrip),
            ("rstrip", rstrip),
            ("upper", upper),
            ("lower", lower),
            ("title", title),
            ("capitalize", capitalize),
            ("swapcase", swapcase),
            ("casefold", lower),
            ("replace", replace),
            ("startswith", startswith),
            ("endswith", endswith),
            ("find", find),
            ("rfind", rfind),
            ("index", index),
            ("rindex", rindex),
            ("count", count),
            ("format", format),
            ("center", center),
            ("ljust", ljust),
            ("rjust", rjust),
            ("zfill", zfill),
            ("isdigit", isdigit),
            ("isdecimal", isdigit),
            ("isnumeric", isnumeric),
            ("isalpha", isalpha),
            ("isalnum", isalnum),
            ("isspace", isspace),
            ("isupper", isupper),
            ("islower", islower),
            ("isidentifier", isidentifier),
            ("partition", partition),
            ("rpartition", rpartition),
            ("removeprefix", removeprefix),
            ("removesuffix", removesuffix),
            ("expandtabs", expandtabs),
            ("encode", encode),
            ("__len__", len),
        ],
    );
}

fn this(args: &Args) -> PyResult<Rc<str>> {
    match args.pos.first() {
        Some(Value::Str(s)) => Ok(s.clone()),
        Some(other) => Err(PyErr::type_error(format!(
            "descriptor requires a 'str' object but received a '{}'",
            crate::object::type_name(other)
        ))),
        None => Err(PyErr::type_error("unbound method needs an argument")),
    }
}

fn s(v: String) -> PyResult<Value> {
    Ok(Value::from(v))
}

fn join(vm: &Vm, args: Args) -> PyResult<Value> {
    let sep = this(&args)?;
    args.check("join", 2, 2)?;
    let items = iter::collect(vm, &args.pos[1])?;
    let mut out = String::new();
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        match x {
            Value::Str(p) => out.push_str(p),
            other => {
                return Err(PyErr::type_error(format!(
                    "sequence item {i}: expected str instance, {} found",
                    crate::object::type_name(other)
                )))
            }
        }
    }
    s(out)
}

fn sep_and_max(args: &mut Args) -> PyResult<(Option<String>, i64)> {
    let sep = args.arg(1, "sep");
    let max = args.arg(2, "maxsplit");
    let sep = match sep {
        None | Some(Value::None) => None,
        Some(Value::Str(s)) => {
            if s.is_empty() {
                return Err(PyErr::value_error("empty separator"));
            }
            Some(s.to_string())
        }
        Some(other) => {
            return Err(PyErr::type_error(format!(
                "must be str or None, not {}",
                crate::object::type_name(&other)
            )))
        }
    };
    let max = match max {
        Some(m) => int_arg(&m, "maxsplit")?,
        None => -1,
    };
    Ok((sep, max))
}

fn split(_vm: &Vm, mut args: Args) -> PyResult<Value> {
    let text = this(&args)?;
    let (sep, max) = sep_and_max(&mut args)?;
    let parts: Vec<String> = match sep {
        Some(sep) => {
            if max < 0 {
                text.split(sep.as_str()).map(str::to_string).collect()
            } else {
                text.splitn(max as usize + 1, sep.as_str())
                    .map(str::to_string)
                    .collect()
            }
        }
        None => {
            let mut out = Vec::new();
            let mut rest = text.trim_start();
            while !rest.is_empty() {
                if max >= 0 && out.len() as i64 == max {
                    out.push(rest.to_string());
                    break;
                }
                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                out.push(rest[..end].to_string());
                rest = rest[end..].trim_start();
            }
            out
        }
    };
    Ok(Value::list(parts.into_iter().map(Value::from).collect()))
}

fn rsplit(_vm: &Vm, mut args: Args) -> PyResult<Value> {
    let text = this(&args)?;
    let (sep, max) = sep_and_max(&mut args)?;
    let mut parts: Vec<String> = match sep {
        Some(sep) => {
            if max < 0 {
                text.rsplit(sep.as_str()).map(str::to_string).collect()
            } else {
                text.rsplitn(max as usize + 1, sep.as_str())
                    .map(str::to_string)
                    .collect()
            }
        }
        None => {
            let mut out = Vec::new();
            let mut rest = text.trim_end();
            while !rest.is_empty() {
                if max >= 0 && out.len() as i64 == max {
                    out.push(rest.to_string());
                    break;
                }
                let start = rest.rfind(char::is_whitespace).map_or(0, |i| {
                    i + rest[i..].chars().next().map_or(1, char::len_utf8)
                });
                out.push(rest[start..].to_string());
                rest = rest[..start].trim_end();
            }
            out
        }
    };
    parts.reverse();
    Ok(Value::list(parts.into_iter().map(Value::from).collect()))
}

fn splitlines(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let text = this(&args)?;
    let keep = match args.arg(1, "keepends") {
        Some(k) => vm.truthy(&k)?,
        None => false,
    };
    let mut out = Vec::new();
    let mut start = 0;
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'\n' || c == b'\r' {
            let end = if c == b'\r' && i + 1 < b.len() && b[i + 1] == b'\n' {
                i + 2
            } else {
                i + 1
            };
            out.push(Value::str(&text[start..if keep { end } else { i }]));
            start = end;
            i = end;
        } else {
            i += 1;
        }
    }
    if start < b.len() {
        out.push(Value::str(&text[start..]));
    }
    Ok(Value::list(out))
}

fn chars_arg(args: &Args) -> PyResult<Option<Vec<char>>> {
    match args.pos.get(1) {
        None | Some(Value::None) => Ok(None),
        Some(Value::Str(s)) => Ok(Some(s.chars().collect())),
        Some(other) => Err(PyErr::type_error(format!(
            "strip arg must be None or str, not {}",
            crate::object::type_name(other)
        ))),
    }
}

fn strip_with(args: Args, left: bool, right: bool) -> PyResult<Value> {
    let text = this(&args)?;
    let chars = chars_arg(&args)?;
    let pred = |c: char| match &chars {
        Some(cs) => cs.contains(&c),
        None => c.is_whitespace(),
    };
    let mut out: &str = &text;
    if left {
        out = out.trim_start_matches(pred);
    }
    if right {
        out = out.trim_end_matches(pred);
    }
    Ok(Value::str(out))
}

fn strip(_vm: &Vm, args: Args) -> PyResult<Value> {
    strip_with(args, true, true)
}

fn lstrip(_vm: &Vm, args: Args) -> PyResult<Value> {
    strip_with(args, true, false)
}

fn rstrip(_vm: &Vm, args: Args) -> PyResult<Value> {
    strip_with(args, false, true)
}

fn upper(_vm: &Vm, args: Args) -> PyResult<Value> {
    s(this(&args)?.to_uppercase())
}

fn lower(_vm: &Vm, args: Args) -> PyResult<Value> {
    s(this(&args)?.to_lowercase())
}

fn title(_vm: &Vm, args: Args) -> PyResult<Value> {
    let text = this(&args)?;
    let mut out = String::with_capacity(text.len());
    let mut prev_cased = false;
    for c in text.chars() {
        if prev_cased {
            out.extend(c.to_lowercase());
        } else {
            out.extend(c.to_uppercase());
        }
        prev_cased = c.is_alphabetic();
    }
    s(out)
}

fn capitalize(_vm: &Vm, args: Args) -> PyResult<Value> {
    let text = this(&args)?;
    let mut chars = text.chars();
    let out = match chars.next() {
        Some(first) => first
            .to_uppercase()
            .chain(chars.flat_map(char::to_lowercase))
            .collect(),
        None => String::new(),
    };
    s(out)
}

fn swapcase(_vm: &Vm, args: Args) -> PyResult<Value> {
    let text = this(&args)?;
    s(text
        .chars()
        .flat_map(|c| {
            if c.is_uppercase() {
                c.to_lowercase().collect::<Vec<_>>()
            } else {
                c.to_uppercase().collect::<Vec<_>>()
            }
        })
        .collect())
}

fn replace(_vm: &Vm, args: Args) -> PyResult<Value> {
    let text = this(&args)?;
    args.check("replace", 3, 4)?;
    let old = str_arg(&args.pos[1], "replace() argument 1")?;
    let new = str_arg(&args.pos[2], "replace() argument 2")?;
    let count = match args.pos.get(3) {
        Some(c) => int_arg(c, "count")?,
        None => -1,
    };
    if count < 0 {
        return s(text.replace(old, new));
    }
    s(text.replacen(old, new, count as usize))
}

/// The `[start:end]` window of `text` as a char range, from optional arguments at `at`.
fn window(args: &Args, at: usize, text: &str) -> PyResult<(usize, usize)> {
    let n = text.chars().count();
    let get = |i: usize, default: i64| -> PyResult<i64> {
        match args.pos.get(i) {
            None | Some(Value::None) => Ok(default),
            Some(v) => int_arg(v, "slice indices"),
        }
    };
    let fix = |x: i64| -> usize {
        let x = if x < 0 { x + n as i64 } else { x };
        x.clamp(0, n as i64) as usize
    };
    Ok((fix(get(at, 0)?), fix(get(at + 1, n as i64)?)))
}

fn char_slice(text: &str, start: usize, end: usize) -> &str {
    let bs = text
        .char_indices()
        .nth(start)
        .map_or(text.len(), |(i, _)| i);
    let be = text.char_indices().nth(end).map_or(text.len(), |(i, _)| i);
    &text[bs..be.max(bs)]
}

fn prefix_test(args: Args, name: &str, at_end: bool) -> PyResult<Value> {
    let text = this(&args)?;
    args.check(name, 2, 4)?;
    let (start, end) = window(&args, 2, &text)?;
    let hay = char_slice(&text, start, end);
    let test = |p: &str| {
        if at_end {
            hay.ends_with(p)
        } else {
            hay.starts_with(p)
        }
    };
    Ok(Value::Bool(match &args.pos[1] {
        Value::Str(p) => test(p),
        Value::Tuple(items) => items.iter().any(|i| i.as_str().is_some_and(test)),
        other => {
            return Err(PyErr::type_error(format!(
                "{name} first arg must be str or a tuple of str, not {}",
                crate::object::type_name(other)
            )))
        }
    }))
}

fn startswith(_vm: &Vm, args: Args) -> PyResult<Value> {
    prefix_test(args, "startswith", false)
}

fn endswith(_vm: &Vm, args: Args) -> PyResult<Value> {
    prefix_test(args, "endswith", true)
}

fn find_in(args: &Args, name: &str, reverse: bool) -> PyResult<i64> {
    let text = this(args)?;
    args.check(name, 2, 4)?;
    let needle = str_arg(&args.pos[1], "must be")?;
    let (start, end) = window(args, 2, &text)?;
    if start > end {
        return Ok(-1);
    }
    let hay = char_slice(&text, start, end);
    let found = if reverse {
        hay.rfind(needle)
    } else {
        hay.find(needle)
    };
    Ok(match found {
        Some(b) => (start + hay[..b].chars().count()) as i64,
        None => -1,
    })
}

fn find(_vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Int(find_in(&args, "find", false)?))
}

fn rfind(_vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Int(find_in(&args, "rfind", true)?))
}

fn index(_vm: &Vm, args: Args) -> PyResult<Value> {
    match find_in(&args, "index", false)? {
        -1 => Err(PyErr::value_error("substring not found")),
        i => Ok(Value::Int(i)),
    }
}

fn rindex(_vm: &Vm, args: Args) -> PyResult<Value> {
    match find_in(&args, "rindex", true)? {
        -1 => Err(PyErr::value_error("substring not found")),
        i => Ok(Value::Int(i)),
    }
}

fn count(_vm: &Vm, args: Args) -> PyResult<Value> {
    let text = this(&args)?;
    args.check("count", 2, 4)?;
    let needle = str_arg(&args.pos[1], "must be")?;
    let (start, end) = window(&args, 2, &text)?;
    let hay = char_slice(&text, start, end);
    let n = if needle.is_empty() {
        hay.chars().count() + 1
    } else {
        hay.matches(needle).count()
    };
    Ok(Value::Int(n as i64))
}

/// `str.format`: `{}`, `{0}`, `{name}`, `{0.attr}`, `{0[key]}`, conversions and specs (with
/// nested fields in the spec).
fn format(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let template = this(&args)?;
    let pos: Vec<Value> = args.pos.drain(1..).collect();
    let kw = std::mem::take(&mut args.kw);
    let mut auto = 0usize;
    let out = format_template(vm, &template, &pos, &kw, &mut auto, 0)?;
    s(out)
}

fn format_template(
    vm: &Vm,
    template: &str,
    pos: &[Value],
    kw: &[(Rc<str>, Value)],
    auto: &mut usize,
    depth: u32,
) -> PyResult<String> {
    if depth > 2 {
        return Err(PyErr::value_error("Max string recursion exceeded"));
    }
    let mut out = String::new();
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                out.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                out.push('}');
            }
            '}' => {
                return Err(PyErr::value_error(
                    "Single '}' encountered in format string",
                ))
            }
            '{' => {
                let mut field = String::new();
                let mut nest = 0;
                loop {
                    match chars.next() {
                        None => {
                            return Err(PyErr::value_error("expected '}' before end of string"))
                        }
                        Some('{') => {
                            nest += 1;
                            field.push('{');
                        }
                        Some('}') if nest > 0 => {
                            nest -= 1;
                            field.push('}');
                        }
                        Some('}') => break,
                        Some(ch) => field.push(ch),
                    }
                }
                out.push_str(&format_field(vm, &field, pos, kw, auto, depth)?);
            }
            other => out.push(other),
        }
    }
    Ok(out)
}

fn format_field(
    vm: &Vm,
    field: &str,
    pos: &[Value],
    kw: &[(Rc<str>, Value)],
    auto: &mut usize,
    depth: u32,
) -> PyResult<String> {
    // name[!conv][:spec]
    let (head, spec) = match field.find(':') {
        Some(i) => (&field[..i], &field[i + 1..]),
        None => (field, ""),
    };
    let (name, conv) = match head.find('!') {
        Some(i) => (&head[..i], Some(&head[i + 1..])),
        None => (head, None),
    };
    let first_end = name.find(['.', '[']).unwrap_or(name.len());
    let (first, mut rest) = name.split_at(first_end);
    let mut v = if first.is_empty() {
        let v = pos.get(*auto).cloned().ok_or_else(|| {
            PyErr::index_error(format!(
                "Replacement index {} out of range for positional args tuple",
                *auto
            ))
        })?;
        *auto += 1;
        v
    } else if let Ok(i) = first.parse::<usize>() {
        pos.get(i).cloned().ok_or_else(|| {
            PyErr::index_error(format!(
                "Replacement index {i} out of range for positional args tuple"
            ))
        })?
    } else {
        kw.iter()
            .find(|(k, _)| &**k == first)
            .map(|(_, v)| v.clone())
            .ok_or_else(|| PyErr::key_error(Value::str(first)))?
    };
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            let end = r.find(['.', '[']).unwrap_or(r.len());
            v = attr::getattr(vm, &v, &r[..end])?;
            rest = &r[end..];
        } else if let Some(r) = rest.strip_prefix('[') {
            let end = r
                .find(']')
                .ok_or_else(|| PyErr::value_error("Missing ']' in format string"))?;
            let key = &r[..end];
            let k = match key.parse::<i64>() {
                Ok(i) => Value::Int(i),
                Err(_) => Value::str(key),
            };
            v = ops::getitem(vm, &v, &k)?;
            rest = &r[end + 1..];
        } else {
            break;
        }
    }
    let v = match conv {
        None => v,
        Some("r") => Value::from(text::repr(vm, &v)?),
        Some("s") => Value::from(text::str(vm, &v)?),
        Some("a") => Value::from(crate::text::ascii_escape(&text::repr(vm, &v)?)),
        Some(other) => {
            return Err(PyErr::value_error(format!(
                "Unknown conversion specifier {other}"
            )))
        }
    };
    let spec = if spec.contains('{') {
        format_template(vm, spec, pos, kw, auto, depth + 1)?
    } else {
        spec.to_string()
    };
    text::format(vm, &v, &spec)
}

fn pad_args(args: &Args, name: &str) -> PyResult<(Rc<str>, usize, char)> {
    let text = this(args)?;
    args.check(name, 2, 3)?;
    let width = int_arg(&args.pos[1], "width")?.max(0) as usize;
    let fill = match args.pos.get(2) {
        Some(Value::Str(f)) if f.chars().count() == 1 => f.chars().next().unwrap_or(' '),
        Some(_) => {
            return Err(PyErr::type_error(
                "The fill character must be exactly one character long",
            ))
        }
        None => ' ',
    };
    Ok((text, width, fill))
}

fn center(_vm: &Vm, args: Args) -> PyResult<Value> {
    let (text, width, fill) = pad_args(&args, "center")?;
    let n = text.chars().count();
    if width <= n {
        return Ok(Value::Str(text));
    }
    let total = width - n;
    // CPython puts the extra character on the left when the text's length is odd.
    let left = total / 2 + (total & n & 1);
    let right = total - left;
    let f = fill.to_string();
    s(format!("{}{}{}", f.repeat(left), text, f.repeat(right)))
}

fn ljust(_vm: &Vm, args: Args) -> PyResult<Value> {
    let (text, width, fill) = pad_args(&args, "ljust")?;
    let n = text.chars().count();
    s(format!(
        "{}{}",
        text,
        fill.to_string().repeat(width.saturating_sub(n))
    ))
}

fn rjust(_vm: &Vm, args: Args) -> PyResult<Value> {
    let (text, width, fill) = pad_args(&args, "rjust")?;
    let n = text.chars().count();
    s(format!(
        "{}{}",
        fill.to_string().repeat(width.saturating_sub(n)),
        text
    ))
}

fn zfill(_vm: &Vm, args: Args) -> PyResult<Value> {
    let text = this(&args)?;
    args.check("zfill", 2, 2)?;
    let width = int_arg(&args.pos[1], "width")?.max(0) as usize;
    let n = text.chars().count();
    if width <= n {
        return Ok(Value::Str(text));
    }
    let zeros = "0".repeat(width - n);
    let (sign, digits) = match text.chars().next() {
        Some(c @ ('+' | '-')) => (c.to_string(), &text[1..]),
        _ => (String::new(), &text[..]),
    };
    s(format!("{sign}{zeros}{digits}"))
}

fn pred(args: Args, f: impl Fn(char) -> bool) -> PyResult<Value> {
    let text = this(&args)?;
    Ok(Value::Bool(!text.is_empty() && text.chars().all(f)))
}

fn isdigit(_vm: &Vm, args: Args) -> PyResult<Value> {
    pred(args, |c| {
        c.is_ascii_digit() || (c.is_numeric() && c.is_ascii_digit())
    })
}

fn isnumeric(_vm: &Vm, args: Args) -> PyResult<Value> {
    pred(args, char::is_numeric)
}

fn isalpha(_vm: &Vm, args: Args) -> PyResult<Value> {
    pred(args, char::is_alphabetic)
}

fn isalnum(_vm: &Vm, args: Args) -> PyResult<Value> {
    pred(args, char::is_alphanumeric)
}

fn isspace(_vm: &Vm, args: Args) -> PyResult<Value> {
    pred(args, char::is_whitespace)
}

fn cased(args: Args, upper: bool) -> PyResult<Value> {
    let text = this(&args)?;
    let mut any = false;
    for c in text.chars() {
        if c.is_uppercase() || c.is_lowercase() {
            any = true;
            if c.is_uppercase() != upper {
                return Ok(Value::Bool(false));
            }
        }
    }
    Ok(Value::Bool(any))
}

fn isupper(_vm: &Vm, args: Args) -> PyResult<Value> {
    cased(args, true)
}

fn islower(_vm: &Vm, args: Args) -> PyResult<Value> {
    cased(args, false)
}

fn isidentifier(_vm: &Vm, args: Args) -> PyResult<Value> {
    let text = this(&args)?;
    let mut chars = text.chars();
    Ok(Value::Bool(match chars.next() {
        Some(c) if c == '_' || c.is_alphabetic() => chars.all(|c| c == '_' || c.is_alphanumeric()),
        _ => false,
    }))
}

fn part(args: Args, reverse: bool) -> PyResult<Value> {
    let text = this(&args)?;
    args.check("partition", 2, 2)?;
    let sep = str_arg(&args.pos[1], "must be")?;
    if sep.is_empty() {
        return Err(PyErr::value_error("empty separator"));
    }
    let found = if reverse {
        text.rfind(sep)
    } else {
        text.find(sep)
    };
    let parts = match found {
        Some(i) => [&text[..i], sep, &text[i + sep.len()..]],
        None if reverse => ["", "", &text[..]],
        None => [&text[..], "", ""],
    };
    Ok(Value::tuple(parts.iter().map(|p| Value::str(p)).collect()))
}

fn partition(_vm: &Vm, args: Args) -> PyResult<Value> {
    part(args, false)
}

fn rpartition(_vm: &Vm, args: Args) -> PyResult<Value> {
    part(args, true)
}

fn removeprefix(_vm: &Vm, args: Args) -> PyResult<Value> {
    let text = this(&args)?;
    args.check("removeprefix", 2, 2)?;
    let p = str_arg(&args.pos[1], "removeprefix() argument")?;
    Ok(Value::str(text.strip_prefix(p).unwrap_or(&text)))
}

fn removesuffix(_vm: &Vm, args: Args) -> PyResult<Value> {
    let text = this(&args)?;
    args.check("removesuffix", 2, 2)?;
    let p = str_arg(&args.pos[1], "removesuffix() argument")?;
    Ok(Value::str(text.strip_suffix(p).unwrap_or(&text)))
}

fn expandtabs(_vm: &Vm, args: Args) -> PyResult<Value> {
    let text = this(&args)?;
    let size = match args.pos.get(1) {
        Some(v) => int_arg(v, "tabsize")?.max(0) as usize,
        None => 8,
    };
    let mut out = String::new();
    let mut col = 0;
    for c in text.chars() {
        match c {
            '\t' => {
                if size > 0 {
                    let n = size - col % size;
                    out.push_str(&" ".repeat(n));
                    col += n;
                }
            }
            '\n' | '\r' => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    s(out)
}

fn encode(_vm: &Vm, _args: Args) -> PyResult<Value> {
    Err(PyErr::not_implemented(
        "bytes are not supported in AwaitLab yet (str.encode)",
    ))
}

fn len(vm: &Vm, args: Args) -> PyResult<Value> {
    let v = args.pos.first().cloned().unwrap_or(Value::None);
    Ok(Value::Int(super::functions::length(vm, &v)?))
}

//! The modules a program can import, each bound to the run's runtime where it touches time,
//! tasks or output. Anything else is a clear "not available in AwaitLab" error.

pub mod asyncio;
pub mod collections;
mod datetime;
mod itertools;
mod json;
mod math;
pub mod net;
mod operator;
mod os;
pub mod random;
mod rust_class;
pub mod sys;
mod time;

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use crate::compile::code::Code;
use crate::error::{PyErr, PyResult};
use crate::object::{Module, Namespace};
use crate::types::with_types;
use crate::value::Value;
use crate::vm::frame::{Frame, Role};
use crate::vm::Vm;

/// Makes a module object from a filled namespace.
pub fn make_module(name: &str, ns: Namespace) -> Value {
    ns.borrow_mut()
        .insert(Rc::from("__name__"), Value::str(name));
    Value::Module(Rc::new(Module {
        name: Rc::from(name),
        attrs: Rc::new(ns),
    }))
}

/// Modules written in Python: compiled once per thread when first imported, then run in a fresh
/// namespace in each run that imports them (their classes and functions are the run's own).
const PY_SOURCES: &[(&str, &str)] = &[
    ("codetiming", include_str!("py/codetiming.py")),
    ("functools", include_str!("py/functools.py")),
    ("string", include_str!("py/string.py")),
    ("textwrap", include_str!("py/textwrap.py")),
    ("heapq", include_str!("py/heapq.py")),
    ("bisect", include_str!("py/bisect.py")),
    ("typing", include_str!("py/typing.py")),
];

thread_local! {
    static PY_CODE: RefCell<HashMap<&'static str, Rc<Code>>> = RefCell::default();
}

/// Library code has no lines of the learner's program: its frames show line 0 in a traceback
/// rather than some unrelated line of `main.py`, and the timeline shows no line for them.
fn strip_lines(code: &mut Rc<Code>) {
    if let Some(c) = Rc::get_mut(code) {
        c.lines.iter_mut().for_each(|l| *l = 0);
        c.first_line = 0;
        c.codes.iter_mut().for_each(strip_lines);
    }
}

/// The compiled code of an embedded Python module.
fn py_code(name: &'static str, source: &str) -> PyResult<Rc<Code>> {
    if let Some(code) = PY_CODE.with(|c| c.borrow().get(name).cloned()) {
        return Ok(code);
    }
    let compiled = crate::parse(source).and_then(|m| crate::compile::compile_module(&m));
    let mut code = compiled.map_err(|e| {
        PyErr::import_error(format!(
            "AwaitLab's module '{name}' does not compile (line {}: {}): an AwaitLab bug",
            e.pos.line, e.msg
        ))
    })?;
    strip_lines(&mut code);
    PY_CODE.with(|c| c.borrow_mut().insert(name, code.clone()));
    Ok(code)
}

/// Runs an embedded Python module's code in a fresh module namespace.
fn py_module(vm: &Vm, name: &'static str, source: &str) -> PyResult<Value> {
    let code = py_code(name, source)?;
    let ns: Rc<Namespace> = Rc::default();
    ns.borrow_mut()
        .insert(Rc::from("__name__"), Value::str(name));
    let mut frame = Frame::new(code, ns.clone(), &[]);
    frame.role = Role::Base;
    vm.run_nested(frame)?;
    Ok(Value::Module(Rc::new(Module {
        name: Rc::from(name),
        attrs: ns,
    })))
}

fn build(vm: &Vm, name: &str) -> PyResult<Option<Value>> {
    if let Some((name, source)) = PY_SOURCES.iter().find(|(n, _)| *n == name) {
        return py_module(vm, name, source).map(Some);
    }
    Ok(Some(match name {
        "asyncio" => asyncio::module(vm),
        "time" => time::module(),
        "sys" => sys::module(),
        "math" => math::module(),
        "itertools" => itertools::module(),
        "collections" => collections::module(),
        "datetime" => datetime::module(),
        "os" => {
            // `os.path` is one module whichever is imported first.
            let cached = vm.modules.borrow().get("os.path").cloned();
            let path = cached.unwrap_or_else(|| {
                let p = os::path_module();
                vm.modules
                    .borrow_mut()
                    .insert(Rc::from("os.path"), p.clone());
                p
            });
            os::module(path)
        }
        "os.path" | "posixpath" => os::path_module(),
        "io" => os::io_module(),
        "json" => json::module(),
        "operator" => operator::module(),
        "random" => random::module(),
        "concurrent" => make_module("concurrent", Namespace::default()),
        "concurrent.futures" => asyncio::futures_module(vm),
        "queue" => asyncio::queue_module(vm),
        "gc" => gc_module(),
        "requests" => net::requests_module(),
        "requests.exceptions" => net::requests_exceptions_module(),
        "aiohttp" => net::aiohttp_module(),
        "asyncio.exceptions" | "asyncio.tasks" | "asyncio.queues" | "asyncio.events" => {
            return build(vm, "asyncio")
        }
        _ => return Ok(None),
    }))
}

/// `gc`: collection is reference counting's job in AwaitLab, as it mostly is in CPython;
/// `collect()` reports failed tasks nobody holds any more, as their freeing does in CPython.
fn gc_module() -> Value {
    fn collect(vm: &Vm, _args: crate::vm::Args) -> PyResult<Value> {
        asyncio::report_unreferenced(vm);
        Ok(Value::Int(0))
    }
    fn noop(_vm: &Vm, _args: crate::vm::Args) -> PyResult<Value> {
        Ok(Value::None)
    }
    fn enabled(_vm: &Vm, _args: crate::vm::Args) -> PyResult<Value> {
        Ok(Value::Bool(true))
    }
    let ns = Namespace::default();
    {
        let mut m = ns.borrow_mut();
        m.insert("collect".into(), crate::builtins::func("collect", collect));
        m.insert("enable".into(), crate::builtins::func("enable", noop));
        m.insert("disable".into(), crate::builtins::func("disable", noop));
        m.insert(
            "isenabled".into(),
            crate::builtins::func("isenabled", enabled),
        );
    }
    make_module("gc", ns)
}

/// Why a module is not there, in the learner's terms.
fn unavailable(name: &str) -> String {
    let why = match name.split('.').next().unwrap_or(name) {
        "threading" | "multiprocessing" | "_thread" => {
            "AwaitLab runs one thread per page; use asyncio tasks, or concurrent.futures' pools \
             (their jobs run in Web Workers)"
        }
        "uvloop" => "AwaitLab's event loop is the browser's; there is no other loop to install",
        "urllib" | "http" | "socket" | "ssl" => {
            "programs reach the network through requests and aiohttp (the run's own GET requests)"
        }
        "pathlib" | "shutil" | "subprocess" => {
            "programs run in the browser, without processes; open(), os and os.path work on \
             in-memory files"
        }
        _ => {
            "AwaitLab provides asyncio, time, math, random, sys, queue, concurrent.futures, \
             collections, datetime, functools, itertools, operator, heapq, bisect, json, \
             string, textwrap, typing, os, io and codetiming"
        }
    };
    format!("No module named '{name}' (not available in AwaitLab: {why})")
}

/// `import name`: the module (cached per run). `leaf`: the named module itself rather than its
/// top-level package (`import a.b` binds `a`; `import a.b as c` and `from a.b import x` want
/// `a.b`).
pub fn import(vm: &Vm, name: &str, leaf: bool) -> PyResult<Value> {
    let get = |n: &str| -> PyResult<Value> {
        if let Some(m) = vm.modules.borrow().get(n) {
            return Ok(m.clone());
        }
        match build(vm, n)? {
            Some(m) => {
                vm.modules.borrow_mut().insert(Rc::from(n), m.clone());
                Ok(m)
            }
            None => Err(PyErr::new(
                &with_types(|t| t.module_not_found_error.clone()),
                unavailable(n),
            )),
        }
    };
    let full = get(name)?;
    if let Some((top, _)) = name.split_once('.') {
        let top_mod = get(top)?;
        // `concurrent.futures` is an attribute of `concurrent` once imported.
        if let (Value::Module(t), Some(last)) = (&top_mod, name.rsplit('.').next()) {
            t.attrs
                .borrow_mut()
                .entry(Rc::from(last))
                .or_insert_with(|| full.clone());
        }
        if !leaf {
            return Ok(top_mod);
        }
    }
    Ok(full)
}

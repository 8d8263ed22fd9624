//! The modules a program can import, each bound to the run's runtime where it touches time,
//! tasks or output. Anything else is a clear "not available in AwaitLab" error.

pub mod asyncio;
mod math;
pub mod net;
pub mod random;
pub mod sys;
mod time;

use std::rc::Rc;

use crate::error::{PyErr, PyResult};
use crate::object::{Module, Namespace};
use crate::types::with_types;
use crate::value::Value;
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

fn build(vm: &Vm, name: &str) -> PyResult<Option<Value>> {
    Ok(Some(match name {
        "asyncio" => asyncio::module(vm),
        "time" => time::module(),
        "sys" => sys::module(),
        "math" => math::module(),
        "random" => random::module(),
        "concurrent" => make_module("concurrent", Namespace::default()),
        "concurrent.futures" => asyncio::futures_module(vm),
        "queue" => asyncio::queue_module(vm),
        "requests" => net::requests_module(),
        "aiohttp" => net::aiohttp_module(),
        "asyncio.exceptions" | "asyncio.tasks" | "asyncio.queues" | "asyncio.events" => {
            return build(vm, "asyncio")
        }
        _ => return Ok(None),
    }))
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
            "programs reach the network through requests and aiohttp (simulated: 0.1 s a request)"
        }
        "os" | "pathlib" | "shutil" | "subprocess" | "io" => {
            "programs run in the browser, without files or processes"
        }
        _ => "AwaitLab provides asyncio, time, math, random, sys, queue and concurrent.futures",
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

//! `requests` and `aiohttp` on a simulated network: every request takes
//! [`LATENCY_S`] of the run's time and returns the same small page, in the prediction and in
//! the measured run alike (a browser page cannot reach arbitrary sites, and a lesson about
//! waiting should not depend on someone else's server). `requests.get` holds the thread — a
//! blocking span, the page freezes — and `aiohttp`'s `session.get` waits on the loop: the two
//! programs of the Real Python tutorial show the difference. The golden tests' CPython runner
//! fakes the network the same way, so outputs match.

use std::rc::Rc;

use awaitlab_core::backend::io::VirtualIo;
use awaitlab_core::lab::Lab;

use super::asyncio::check_freeze;
use super::make_module;
use crate::builtins::{add_methods, func, NativeFn};
use crate::error::{PyErr, PyResult};
use crate::object::{Class, Namespace, Native};
use crate::value::Value;
use crate::vm::{text, Args, Awaiting, Pending, Vm};

/// How long every simulated request takes, in scenario seconds.
pub const LATENCY_S: f64 = 0.1;

/// Size of the simulated page, in bytes.
pub const BODY_SIZE: usize = 1024;

const HEAD: &str = "<!doctype html><html><head><title>AwaitLab offline page</title></head><body>";
const TAIL: &str = "</body></html>\n";

/// The simulated page: a small HTML document of [`BODY_SIZE`] bytes.
pub fn body() -> String {
    let fill = BODY_SIZE - HEAD.len() - TAIL.len();
    format!("{HEAD}{}{TAIL}", ".".repeat(fill))
}

fn url_arg(vm: &Vm, args: &mut Args, at: usize) -> PyResult<String> {
    match args.arg(at, "url") {
        Some(v) => text::str(vm, &v),
        None => Err(PyErr::type_error(
            "get() missing 1 required positional argument: 'url'",
        )),
    }
}

/// A response: `requests.Response` or `aiohttp.ClientResponse`.
struct Response {
    url: String,
    aio: bool,
}

thread_local! {
    static RESPONSE: Rc<Class> = {
        let c = crate::vm::call::plain_class("Response", "requests.models");
        add_methods(&c, "Response", &[("json", json), ("raise_for_status", noop), ("close", noop)]);
        c
    };
    static CLIENT_RESPONSE: Rc<Class> = {
        let c = crate::vm::call::plain_class("ClientResponse", "aiohttp.client_reqrep");
        add_methods(
            &c,
            "ClientResponse",
            &[
                ("text", aio_text),
                ("read", aio_text),
                ("json", aio_json),
                ("raise_for_status", noop),
                ("release", noop),
                ("close", noop),
                ("__aenter__", aio_enter_self),
                ("__aexit__", aio_exit),
            ],
        );
        c
    };
    static SESSION: Rc<Class> = {
        let c = crate::vm::call::plain_class("Session", "requests.sessions");
        add_methods(
            &c,
            "Session",
            &[
                ("get", session_get),
                ("post", session_get),
                ("close", noop),
                ("__enter__", identity),
                ("__exit__", noop),
            ],
        );
        c.new.set(Some(session_new));
        c
    };
    static CLIENT_SESSION: Rc<Class> = {
        let c = crate::vm::call::plain_class("ClientSession", "aiohttp.client");
        add_methods(
            &c,
            "ClientSession",
            &[
                ("get", aio_get),
                ("post", aio_get),
                ("close", aio_close),
                ("__aenter__", aio_enter_self),
                ("__aexit__", aio_exit),
            ],
        );
        c.new.set(Some(client_session_new));
        c
    };
    static REQUEST_CM: Rc<Class> = {
        let c = crate::vm::call::plain_class("_RequestContextManager", "aiohttp.client");
        add_methods(
            &c,
            "_RequestContextManager",
            &[("__aenter__", request_enter), ("__aexit__", aio_exit)],
        );
        c
    };
}

impl Native for Response {
    fn class(&self) -> Rc<Class> {
        if self.aio {
            CLIENT_RESPONSE.with(|c| c.clone())
        } else {
            RESPONSE.with(|c| c.clone())
        }
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn repr(&self, _vm: &Vm) -> Option<String> {
        Some(if self.aio {
            format!("<ClientResponse({}) [200 OK]>", self.url)
        } else {
            "<Response [200]>".into()
        })
    }
    fn get_field(&self, name: &str) -> Option<Value> {
        Some(match name {
            "status_code" | "status" => Value::Int(200),
            "ok" => Value::Bool(true),
            "reason" => Value::str("OK"),
            "url" => Value::str(&self.url),
            "encoding" => Value::str("utf-8"),
            "text" | "content" if !self.aio => Value::from(body()),
            "content_type" => Value::str("text/html"),
            "headers" => {
                let mut d = crate::dict::Dict::new();
                let _ = d.insert(
                    Value::str("Content-Type"),
                    Value::str("text/html; charset=utf-8"),
                );
                let _ = d.insert(
                    Value::str("Content-Length"),
                    Value::from(BODY_SIZE.to_string()),
                );
                Value::dict(d)
            }
            _ => return None,
        })
    }
}

/// A session object (both libraries): stateless on a simulated network.
struct Session {
    aio: bool,
}

impl Native for Session {
    fn class(&self) -> Rc<Class> {
        if self.aio {
            CLIENT_SESSION.with(|c| c.clone())
        } else {
            SESSION.with(|c| c.clone())
        }
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// What `session.get(url)` returns in aiohttp: awaitable, and an async context manager.
struct RequestCm {
    url: String,
}

impl Native for RequestCm {
    fn class(&self) -> Rc<Class> {
        REQUEST_CM.with(|c| c.clone())
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn noop(_vm: &Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::None)
}

fn identity(_vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(args.pos.first().cloned().unwrap_or(Value::None))
}

fn json(_vm: &Vm, _args: Args) -> PyResult<Value> {
    Err(PyErr::value_error(
        "Expecting value: line 1 column 1 (char 0) (the simulated page is HTML)",
    ))
}

/// The run's loop with the simulated network: each request succeeds at once after its
/// [`LATENCY_S`] (the run's own I/O, real in a measured run, is for the catalog's `http`
/// scenario's files).
fn simulated(lab: &Lab) -> Lab {
    lab.with_io(Rc::new(VirtualIo))
}

/// A blocking request: the thread is held for the latency (a `block` span and an `io` span).
fn blocking_get(vm: &Vm, url: String) -> PyResult<Value> {
    check_freeze(vm, LATENCY_S)?;
    vm.flush_out();
    simulated(&vm.lab)
        .fetch_blocking(&url, LATENCY_S)
        .map_err(|e| {
            PyErr::new(
                &crate::types::with_types(|t| t.connection_error.clone()),
                e.to_string(),
            )
        })?;
    Ok(Value::Native(Rc::new(Response { url, aio: false })))
}

fn get(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let url = url_arg(vm, &mut args, 0)?;
    blocking_get(vm, url)
}

fn session_get(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let url = url_arg(vm, &mut args, 1)?;
    blocking_get(vm, url)
}

fn session_new(_vm: &Vm, _c: &Rc<Class>, _args: Args) -> PyResult<Value> {
    Ok(Value::Native(Rc::new(Session { aio: false })))
}

fn client_session_new(_vm: &Vm, _c: &Rc<Class>, _args: Args) -> PyResult<Value> {
    Ok(Value::Native(Rc::new(Session { aio: true })))
}

/// A non-blocking request: the task waits on the loop for the latency (an `io` span).
fn fetch_awaitable(vm: &Vm, url: String) -> Value {
    let lab = simulated(&vm.lab);
    super::asyncio::native_coro("get", move |_| {
        let fetch = lab.fetch(&url, LATENCY_S);
        Ok(Awaiting::Pending(Pending::new(async move {
            fetch.await.map_err(|e| {
                PyErr::new(
                    &crate::types::with_types(|t| t.connection_error.clone()),
                    e.to_string(),
                )
            })?;
            Ok(Value::Native(Rc::new(Response { url, aio: true })))
        })))
    })
}

fn aio_get(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let url = url_arg(vm, &mut args, 1)?;
    Ok(Value::Native(Rc::new(RequestCm { url })))
}

fn request_enter(vm: &Vm, args: Args) -> PyResult<Value> {
    match args.pos.first() {
        Some(Value::Native(n)) => match n.as_any().downcast_ref::<RequestCm>() {
            Some(cm) => Ok(fetch_awaitable(vm, cm.url.clone())),
            None => Err(PyErr::type_error("expected a request")),
        },
        _ => Err(PyErr::type_error("expected a request")),
    }
}

fn aio_enter_self(_vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(super::asyncio::done_awaitable(
        args.pos.first().cloned().unwrap_or(Value::None),
    ))
}

fn aio_exit(_vm: &Vm, _args: Args) -> PyResult<Value> {
    Ok(super::asyncio::done_awaitable(Value::None))
}

fn aio_close(_vm: &Vm, _args: Args) -> PyResult<Value> {
    Ok(super::asyncio::done_awaitable(Value::None))
}

fn aio_text(_vm: &Vm, _args: Args) -> PyResult<Value> {
    Ok(super::asyncio::done_awaitable(Value::from(body())))
}

fn aio_json(_vm: &Vm, _args: Args) -> PyResult<Value> {
    Err(PyErr::value_error(
        "Attempt to decode JSON with unexpected mimetype: text/html",
    ))
}

/// `await session.get(url)` without `async with`: the request context manager is awaitable.
pub fn await_request(vm: &Vm, v: &Value) -> Option<Value> {
    match v {
        Value::Native(n) => n
            .as_any()
            .downcast_ref::<RequestCm>()
            .map(|cm| fetch_awaitable(vm, cm.url.clone())),
        _ => None,
    }
}

/// The `requests` module.
pub fn requests_module() -> Value {
    let ns = Namespace::default();
    {
        let mut m = ns.borrow_mut();
        let fns: &[(&str, NativeFn)] = &[("get", get), ("post", get), ("head", get)];
        for (name, f) in fns {
            m.insert((*name).into(), func(name, *f));
        }
        m.insert("Session".into(), Value::Class(SESSION.with(|c| c.clone())));
        m.insert(
            "ConnectionError".into(),
            Value::Class(crate::types::with_types(|t| t.connection_error.clone())),
        );
    }
    make_module("requests", ns)
}

/// The `aiohttp` module.
pub fn aiohttp_module() -> Value {
    let ns = Namespace::default();
    {
        let mut m = ns.borrow_mut();
        m.insert(
            "ClientSession".into(),
            Value::Class(CLIENT_SESSION.with(|c| c.clone())),
        );
        m.insert(
            "ClientError".into(),
            Value::Class(crate::types::with_types(|t| t.connection_error.clone())),
        );
    }
    make_module("aiohttp", ns)
}

//! `requests` and `aiohttp` on the run's own network, as the catalog's `http` scenario uses it:
//! `requests.get(url)` is the run's blocking request ([`Lab::fetch_blocking`]: the thread is
//! held, a `block` span and an `io` span) and `aiohttp`'s `session.get(url)` its non-blocking
//! fetch ([`Lab::fetch`]: the task waits on the loop, an `io` span). In the browser they are
//! real requests; in the prediction they go to [`VirtualIo`](awaitlab_core::backend::io::VirtualIo),
//! where a request succeeds at once — so the prediction counts only the waiting a program adds
//! itself (`time.sleep`, `asyncio.sleep`), exactly as the Rust scenario counts only its added
//! latency, and the golden tests' CPython fakes answer at once too (`tests/golden/shims`).
//!
//! URLs are held to what the `http` form accepts ([`check_url`]); a failed request is a Python
//! exception: a 404 is a response whose `raise_for_status()` raises, no answer at all raises at
//! once (`requests.exceptions.ConnectionError`, `aiohttp.ClientConnectorError`). The run's I/O
//! reports a body's size, not its text, so `text` is empty (the prediction cannot know it).

use std::rc::Rc;

use awaitlab_core::backend::io::{check_url, FetchOk, IoError};
use awaitlab_core::lab::Lab;
use awaitlab_core::scenarios::http::URL_MAX_CHARS;

use super::asyncio::check_freeze;
use super::make_module;
use crate::builtins::{add_methods, func, NativeFn};
use crate::error::{PyErr, PyResult};
use crate::object::{Class, ClassKind, Namespace, Native};
use crate::types::{make_class, with_types};
use crate::value::Value;
use crate::vm::{text, Args, Awaiting, Pending, Vm};

fn url_arg(vm: &Vm, args: &mut Args, at: usize) -> PyResult<String> {
    match args.arg(at, "url") {
        Some(v) => text::str(vm, &v),
        None => Err(PyErr::type_error(
            "get() missing 1 required positional argument: 'url'",
        )),
    }
}

/// The exception classes of both libraries, with their real modules and bases (trimmed to the
/// ones a request here can raise).
struct Errors {
    request_exception: Rc<Class>,
    http_error: Rc<Class>,
    connection_error: Rc<Class>,
    timeout: Rc<Class>,
    invalid_url: Rc<Class>,
    client_error: Rc<Class>,
    client_response_error: Rc<Class>,
    client_connection_error: Rc<Class>,
    client_connector_error: Rc<Class>,
    server_timeout_error: Rc<Class>,
    client_invalid_url: Rc<Class>,
}

impl Errors {
    fn new() -> Errors {
        let exc = |name: &str, module: &str, bases: &[&Rc<Class>]| {
            let bases = bases.iter().map(|&b| b.clone()).collect();
            make_class(name, module, bases, ClassKind::Exception, None)
        };
        let (exception, os_error, value_error, timeout_error) = with_types(|t| {
            (
                t.exception.clone(),
                t.os_error.clone(),
                t.value_error.clone(),
                t.timeout_error.clone(),
            )
        });
        const R: &str = "requests.exceptions";
        const A: &str = "aiohttp.client_exceptions";
        let request_exception = exc("RequestException", R, &[&os_error]);
        let client_error = exc("ClientError", A, &[&exception]);
        let client_connection_error = exc("ClientConnectionError", A, &[&client_error]);
        Errors {
            http_error: exc("HTTPError", R, &[&request_exception]),
            connection_error: exc("ConnectionError", R, &[&request_exception]),
            timeout: exc("Timeout", R, &[&request_exception]),
            invalid_url: exc("InvalidURL", R, &[&request_exception, &value_error]),
            request_exception,
            client_response_error: exc("ClientResponseError", A, &[&client_error]),
            client_connector_error: exc(
                "ClientConnectorError",
                A,
                &[&client_connection_error, &os_error],
            ),
            server_timeout_error: exc(
                "ServerTimeoutError",
                A,
                &[&client_connection_error, &timeout_error],
            ),
            client_invalid_url: exc("InvalidURL", A, &[&client_error, &value_error]),
            client_error,
            client_connection_error,
        }
    }
}

/// A response: `requests.Response` or `aiohttp.ClientResponse`.
struct Response {
    url: String,
    aio: bool,
    status: u16,
    /// The status text (`OK`, `Not Found`).
    reason: String,
    /// Bytes of body read (UTF-16 code units for a text body in the browser).
    bytes: usize,
}

thread_local! {
    static ERRORS: Errors = Errors::new();
    static RESPONSE: Rc<Class> = {
        let c = crate::vm::call::plain_class("Response", "requests.models");
        add_methods(
            &c,
            "Response",
            &[("json", json), ("raise_for_status", raise_for_status), ("close", noop)],
        );
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
                ("raise_for_status", raise_for_status),
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

fn errors<R>(f: impl FnOnce(&Errors) -> R) -> R {
    ERRORS.with(f)
}

/// The status text a server usually sends, for a status that came without one (HTTP/2).
fn reason_for(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "",
    }
}

impl Response {
    /// What a request gave: a response (a 404 too: only `raise_for_status` raises for it, as in
    /// both libraries), or the exception for a request that got no answer.
    fn from(url: String, aio: bool, result: Result<FetchOk, IoError>) -> PyResult<Response> {
        let (status, reason, bytes) = match result {
            Ok(ok) => (ok.status, String::new(), ok.bytes),
            Err(IoError::Http { status, text }) => (status, text, 0),
            Err(e) => return Err(no_answer(aio, &e)),
        };
        let reason = match reason.is_empty() {
            true => reason_for(status).to_string(),
            false => reason,
        };
        Ok(Response {
            url,
            aio,
            status,
            reason,
            bytes,
        })
    }

    /// `ok` in both libraries: no 4xx or 5xx.
    fn ok(&self) -> bool {
        self.status < 400
    }
}

/// The exception for a request that got no answer: its class is the library's, its message the
/// run's I/O's (`network error (offline, refused by CORS, …)`).
fn no_answer(aio: bool, e: &IoError) -> PyErr {
    let timed_out = matches!(e, IoError::TimedOut(_));
    let class = errors(|x| match (aio, timed_out) {
        (false, false) => x.connection_error.clone(),
        (false, true) => x.timeout.clone(),
        (true, false) => x.client_connector_error.clone(),
        (true, true) => x.server_timeout_error.clone(),
    });
    PyErr::new(&class, e.to_string())
}

/// A URL the `http` form would refuse, refused as the library refuses a malformed one: an
/// `InvalidURL` raised on the call's line, saying why.
fn checked(vm: &Vm, url: String, aio: bool) -> PyResult<String> {
    match check_url(&url, URL_MAX_CHARS) {
        Ok(()) => Ok(url),
        Err(why) => {
            let class = errors(|x| match aio {
                false => x.invalid_url.clone(),
                true => x.client_invalid_url.clone(),
            });
            let shown = text::repr(vm, &Value::from(url))?;
            Err(PyErr::new(&class, format!("Invalid URL {shown}: {why}")))
        }
    }
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
            format!(
                "<ClientResponse({}) [{} {}]>",
                self.url, self.status, self.reason
            )
        } else {
            format!("<Response [{}]>", self.status)
        })
    }
    fn get_field(&self, name: &str) -> Option<Value> {
        Some(match name {
            "status_code" if !self.aio => Value::Int(self.status.into()),
            "status" if self.aio => Value::Int(self.status.into()),
            "ok" => Value::Bool(self.ok()),
            "reason" => Value::str(&self.reason),
            "url" => Value::str(&self.url),
            "encoding" => Value::str("utf-8"),
            "text" | "content" if !self.aio => Value::str(""),
            "headers" => {
                let mut d = crate::dict::Dict::new();
                let _ = d.insert(
                    Value::str("Content-Length"),
                    Value::from(self.bytes.to_string()),
                );
                Value::dict(d)
            }
            _ => return None,
        })
    }
}

/// A session object (both libraries): it holds nothing, each request stands alone.
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

/// `self` of a response method.
fn this(args: &Args) -> PyResult<&Response> {
    match args.pos.first() {
        Some(Value::Native(n)) => n.as_any().downcast_ref::<Response>(),
        _ => None,
    }
    .ok_or_else(|| PyErr::type_error("expected a response"))
}

/// `raise_for_status()`: the library's exception, in its words, for a 4xx or 5xx.
fn raise_for_status(vm: &Vm, args: Args) -> PyResult<Value> {
    let r = this(&args)?;
    if r.ok() {
        return Ok(Value::None);
    }
    if r.aio {
        let message = text::repr(vm, &Value::str(&r.reason))?;
        let url = text::repr(vm, &Value::str(&r.url))?;
        let class = errors(|x| x.client_response_error.clone());
        return Err(PyErr::new(
            &class,
            format!("{}, message={message}, url={url}", r.status),
        ));
    }
    let side = match r.status {
        400..=499 => "Client",
        _ => "Server",
    };
    let class = errors(|x| x.http_error.clone());
    Err(PyErr::new(
        &class,
        format!("{} {side} Error: {} for url: {}", r.status, r.reason, r.url),
    ))
}

fn json(_vm: &Vm, _args: Args) -> PyResult<Value> {
    Err(PyErr::value_error(
        "Expecting value: line 1 column 1 (char 0) (AwaitLab keeps a response's size, not its body)",
    ))
}

/// A blocking request through the run's I/O: the thread is held until it is over.
fn blocking_get(vm: &Vm, url: String) -> PyResult<Value> {
    let url = checked(vm, url, false)?;
    check_freeze(vm, 0.0)?;
    vm.flush_out();
    let result = vm.lab.fetch_blocking(&url, 0.0);
    Ok(Value::Native(Rc::new(Response::from(url, false, result)?)))
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

/// A non-blocking request through the run's I/O: the task gives the loop back until it is over.
fn fetch_awaitable(lab: &Lab, url: String) -> Value {
    let lab = lab.clone();
    super::asyncio::native_coro("get", move |_| {
        let fetch = lab.fetch(&url, 0.0);
        Ok(Awaiting::Pending(Pending::new(async move {
            let result = fetch.await;
            Ok(Value::Native(Rc::new(Response::from(url, true, result)?)))
        })))
    })
}

fn aio_get(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let url = url_arg(vm, &mut args, 1)?;
    let url = checked(vm, url, true)?;
    Ok(Value::Native(Rc::new(RequestCm { url })))
}

fn request_enter(vm: &Vm, args: Args) -> PyResult<Value> {
    match args.pos.first() {
        Some(Value::Native(n)) => match n.as_any().downcast_ref::<RequestCm>() {
            Some(cm) => Ok(fetch_awaitable(&vm.lab, cm.url.clone())),
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
    Ok(super::asyncio::done_awaitable(Value::str("")))
}

fn aio_json(_vm: &Vm, _args: Args) -> PyResult<Value> {
    Err(PyErr::value_error(
        "Attempt to decode JSON: AwaitLab keeps a response's size, not its body",
    ))
}

/// `await session.get(url)` without `async with`: the request context manager is awaitable.
pub fn await_request(vm: &Vm, v: &Value) -> Option<Value> {
    match v {
        Value::Native(n) => n
            .as_any()
            .downcast_ref::<RequestCm>()
            .map(|cm| fetch_awaitable(&vm.lab, cm.url.clone())),
        _ => None,
    }
}

/// `requests`' exception classes, by name: both `requests` and `requests.exceptions` hold them.
fn insert_requests_errors(m: &mut crate::object::NameMap) {
    errors(|x| {
        for c in [
            &x.request_exception,
            &x.http_error,
            &x.connection_error,
            &x.timeout,
            &x.invalid_url,
        ] {
            m.insert(c.name.to_string().into(), Value::Class(c.clone()));
        }
    });
}

/// `requests.exceptions`.
pub fn requests_exceptions_module() -> Value {
    let ns = Namespace::default();
    insert_requests_errors(&mut ns.borrow_mut());
    make_module("requests.exceptions", ns)
}

/// The `requests` module.
pub fn requests_module() -> Value {
    let ns = Namespace::default();
    {
        let mut m = ns.borrow_mut();
        let fns: &[(&str, NativeFn)] = &[("get", get)];
        for (name, f) in fns {
            m.insert((*name).into(), func(name, *f));
        }
        m.insert("Session".into(), Value::Class(SESSION.with(|c| c.clone())));
        insert_requests_errors(&mut m);
        m.insert("exceptions".into(), requests_exceptions_module());
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
        errors(|x| {
            for c in [
                &x.client_error,
                &x.client_response_error,
                &x.client_connection_error,
                &x.client_connector_error,
                &x.server_timeout_error,
                &x.client_invalid_url,
            ] {
                m.insert(c.name.to_string().into(), Value::Class(c.clone()));
            }
        });
    }
    make_module("aiohttp", ns)
}

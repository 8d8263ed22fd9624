//! Real HTTP for the core's [`Io`] seam: non-blocking `fetch` with an `AbortController` that is
//! aborted when the request's future is dropped (a cancelled task, Stop) or when it times out, and
//! a synchronous `XMLHttpRequest` for the blocking mode, which really holds the page's thread.
//!
//! A blocking request counts against the freeze limit ([`MAX_FREEZE_S`]) like a blocking sleep:
//! it is not sent once the thread has been held that long since its last turn, and in a worker
//! (`loop=worker`) it times out when the limit is reached. On the page's thread browsers forbid a
//! timeout on a synchronous request, so one request to a slow host could hold the tab without
//! limit: a link whose run would make blocking requests to another origin does not run by itself
//! ([`autorun_refusal`]); a person who presses Run has chosen to.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, RequestCache, RequestInit, Response, XmlHttpRequest};

use super::resources::{Held, Resource, Timer};
use awaitlab_core::backend::io::{FetchFuture, FetchOk, Io, IoError};
use awaitlab_core::scenario::Draft;
use awaitlab_core::scenarios::{find, MAX_FREEZE_S};
use awaitlab_core::trace::Placement;

/// How long a non-blocking request may take, in real milliseconds, before it is aborted and
/// reported as timed out. It counts from when the request is sent, after the added latency, and is
/// real time whatever the speed: it guards against a server that never answers. A synchronous
/// request on the page cannot have one (browsers refuse a timeout on the page's thread); see the
/// module's notes.
pub const FETCH_TIMEOUT_MS: u32 = 10_000;

/// The page's HTTP client. Cheap; one per run.
pub struct BrowserIo {
    timeout_ms: u32,
    aborted: Rc<Cell<usize>>,
}

impl Default for BrowserIo {
    fn default() -> Self {
        Self::new()
    }
}

impl BrowserIo {
    /// A client whose requests time out after [`FETCH_TIMEOUT_MS`].
    pub fn new() -> Self {
        Self::with_timeout_ms(FETCH_TIMEOUT_MS)
    }

    /// A client whose requests time out after `timeout_ms` real milliseconds.
    pub fn with_timeout_ms(timeout_ms: u32) -> Self {
        BrowserIo {
            timeout_ms,
            aborted: Rc::default(),
        }
    }

    /// How many of its requests were aborted because their future was dropped before the response
    /// was read (a cancelled task, Stop). Timeouts are not counted here.
    pub fn aborted(&self) -> usize {
        self.aborted.get()
    }
}

/// Aborts the request when dropped, unless it is over: the RAII handle of one `fetch` (counted
/// in flight while it lives).
struct AbortOnDrop {
    controller: AbortController,
    over: bool,
    aborted: Rc<Cell<usize>>,
    _in_flight: Held,
}

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if !self.over {
            self.controller.abort();
            self.aborted.set(self.aborted.get() + 1);
        }
    }
}

impl Io for BrowserIo {
    fn fetch(&self, url: &str) -> FetchFuture {
        let url = url.to_string();
        let timeout_ms = self.timeout_ms;
        let aborted = self.aborted.clone();
        Box::pin(async move {
            let controller = AbortController::new().map_err(|e| {
                IoError::NotSent(format!("cannot start the request: {}", js_error(&e)))
            })?;
            let mut guard = AbortOnDrop {
                controller: controller.clone(),
                over: false,
                aborted,
                _in_flight: Held::new(Resource::Fetch),
            };
            let timed_out = Rc::new(Cell::new(false));
            // Cancelled (clearTimeout) when dropped, with the request or after it.
            let _timer = {
                let (controller, timed_out) = (controller.clone(), timed_out.clone());
                Timer::new(timeout_ms, move || {
                    timed_out.set(true);
                    controller.abort();
                })
            };
            let result = get(&url, &controller).await;
            guard.over = true;
            match result {
                Err(_) if timed_out.get() => Err(IoError::TimedOut(format!(
                    "timed out after {} s (real time), request aborted",
                    f64::from(timeout_ms) / 1000.0
                ))),
                other => other,
            }
        })
    }

    fn fetch_blocking(&self, url: &str) -> Result<FetchOk, IoError> {
        // The thread is held for the whole synchronous request: the driver leaves it out of its
        // batch budget, as it does a blocking sleep.
        let start = super::clock::global_performance().map_or(0.0, |p| p.now());
        let left_ms = MAX_FREEZE_S * 1000.0 - super::clock::since_turn_ms();
        if left_ms <= 0.0 {
            return Err(IoError::NotSent(format!(
                "not sent: the thread has been held for {MAX_FREEZE_S} s without a turn, the freeze limit"
            )));
        }
        let _in_flight = Held::new(Resource::Fetch);
        let result = Self::get_blocking(url, left_ms);
        let end = super::clock::global_performance().map_or(0.0, |p| p.now());
        super::clock::note_held((end - start) * 1000.0);
        result
    }
}

impl BrowserIo {
    /// One synchronous `GET`; in a worker it times out after `left_ms` (the page cannot have a
    /// timeout on a synchronous request).
    fn get_blocking(url: &str, left_ms: f64) -> Result<FetchOk, IoError> {
        let xhr = XmlHttpRequest::new()
            .map_err(|e| IoError::NotSent(format!("cannot start the request: {}", js_error(&e))))?;
        xhr.open_with_async("GET", url, false)
            .map_err(|e| IoError::NotSent(format!("cannot request {url}: {}", js_error(&e))))?;
        if web_sys::window().is_none() {
            xhr.set_timeout(left_ms.ceil().min(f64::from(u32::MAX)) as u32);
        }
        xhr.send()
            .map_err(|e| match js_field(&e, "name").as_deref() {
                Some("TimeoutError") => IoError::TimedOut(format!(
                    "timed out after {:.1} s, when the thread had been held for the freeze limit \
                 ({MAX_FREEZE_S} s); request aborted",
                    left_ms / 1000.0
                )),
                _ => network_error(&e),
            })?;
        let status = xhr.status().map_err(|e| network_error(&e))?;
        if status == 0 {
            return Err(network_error(&JsValue::UNDEFINED));
        }
        if !(200..300).contains(&status) {
            return Err(http_error(status, &xhr.status_text().unwrap_or_default()));
        }
        let bytes = xhr.response_text().ok().flatten().map_or(0, |s| s.len());
        Ok(FetchOk { status, bytes })
    }
}

/// Why a link's run must not start by itself (`autorun=1`), if it must not: its blocking requests
/// would go to another origin from the page's thread, where nothing can bound them. The `http`
/// `sync` form says where its requests go; a program of the link's own that imports `requests`
/// (whose `get` is a blocking request) could send them anywhere, so it waits for Run too.
pub fn autorun_refusal(draft: &Draft) -> Option<String> {
    if draft.placement != Placement::Page {
        return None;
    }
    if let Some(code) = &draft.code {
        return awaitlab_python::program::imports(code, "requests").then(|| {
            "Not run automatically: this link's program imports requests, whose blocking \
             requests may go to another site, and a blocking request on this page's thread cannot \
             be given a timeout, so a slow host could freeze the tab without limit. Press Run if \
             you trust it, or run it with the loop in a worker (where requests time out)."
                .to_string()
        });
    }
    let scenario = find(draft.scenario).filter(|s| s.id == "http" && draft.mode == "sync")?;
    let config = draft.validate(scenario).ok()?;
    let page = web_sys::window()?.location();
    let (origin, base) = (page.origin().ok()?, page.href().ok()?);
    let elsewhere: Vec<&str> = config
        .params
        .urls("urls")
        .iter()
        .filter(|url| {
            web_sys::Url::new_with_base(url, &base).map_or(true, |u| u.origin() != origin)
        })
        .map(String::as_str)
        .collect();
    let first = elsewhere.first()?;
    Some(format!(
        "Not run automatically: this link's blocking requests go to another site ({first}{}), \
         and a blocking request on this page's thread cannot be given a timeout, so a slow host \
         could freeze the tab without limit. Press Run if you trust it, or run it with the loop \
         in a worker (where requests time out) or in async mode.",
        if elsewhere.len() > 1 {
            format!(" and {} more", elsewhere.len() - 1)
        } else {
            String::new()
        }
    ))
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// The global scope's `fetch`: the page's, or a loop worker's (which has no `window`).
    #[wasm_bindgen(js_name = fetch, catch)]
    fn global_fetch(input: &str, init: &RequestInit) -> Result<js_sys::Promise, JsValue>;
}

/// One `GET` through `fetch`, reading the whole body; aborted through `controller`.
async fn get(url: &str, controller: &AbortController) -> Result<FetchOk, IoError> {
    let init = RequestInit::new();
    init.set_method("GET");
    // A real request every run, not the browser's cached copy.
    init.set_cache(RequestCache::NoStore);
    init.set_signal(Some(&controller.signal()));
    let response = JsFuture::from(global_fetch(url, &init).map_err(|e| network_error(&e))?)
        .await
        .map_err(|e| network_error(&e))?;
    let response: Response = response.dyn_into().map_err(|_| IoError::Network {
        detail: "fetch gave something other than a Response".into(),
    })?;
    let status = response.status();
    if !response.ok() {
        return Err(http_error(status, &response.status_text()));
    }
    let text = response.text().map_err(|e| network_error(&e))?;
    let body = JsFuture::from(text).await.map_err(|e| network_error(&e))?;
    Ok(FetchOk {
        status,
        bytes: body.as_string().map_or(0, |s| s.len()),
    })
}

/// `HTTP 404 Not Found` (HTTP/2 responses have no status text: `HTTP 404`).
fn http_error(status: u16, text: &str) -> IoError {
    IoError::Http {
        status,
        text: text.to_string(),
    }
}

/// A failure before any response, or an abort.
fn network_error(e: &JsValue) -> IoError {
    let detail = js_error(e);
    match js_field(e, "name").as_deref() {
        Some("AbortError") => IoError::Aborted(detail),
        _ => IoError::Network { detail },
    }
}

/// The message of a thrown JS value (an `Error`, a `DOMException` or a string).
fn js_error(e: &JsValue) -> String {
    js_field(e, "message")
        .filter(|m| !m.is_empty())
        .or_else(|| e.as_string())
        .unwrap_or_default()
}

fn js_field(e: &JsValue, field: &str) -> Option<String> {
    if !e.is_object() {
        return None;
    }
    js_sys::Reflect::get(e, &JsValue::from_str(field))
        .ok()
        .and_then(|v| v.as_string())
}

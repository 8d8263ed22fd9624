//! One Web Worker the page owns: made by a constructor that can fail, it holds the
//! `web_sys::Worker` and its handlers, and dropping it clears every handler and terminates it.
//!
//! Why not gloo-worker: its spawner neither hands out the `Worker` (needed to terminate a busy one
//! and to hear its `error` event) nor ever clears the `onmessage` closure that holds the worker (a
//! JS↔wasm cycle: one leaked listener per worker), and it panics when `new Worker` throws.
//!
//! Start-up: the worker runs `worker_boot.js` (a static file beside the bins, so a
//! Content-Security-Policy of `worker-src 'self'` allows it), which imports the Trunk worker bin's
//! glue (`worker.js`), instantiates its wasm (`worker_bg.wasm`) and posts `ready` — or posts what
//! failed, naming the file: a wasm that fails to load rejects a promise inside the worker, which
//! the page's `error` event never hears. Messages posted before `ready` wait in a
//! queue. A worker that says neither within [`READY_TIMEOUT_MS`] has failed too.
//!
//! Messages are bincode bytes both ways (as gloo-worker's codec: compact and quick for the loop
//! worker's large traces), and the bytes' buffer is transferred, not copied. An unreadable message
//! is an error value, never a panic.

use std::cell::{Cell, RefCell};
use std::marker::PhantomData;
use std::rc::Rc;

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::MessageEvent;

use super::resources::{Held, Resource, Timer};

/// How long a worker may take to load before it counts as failed, in ms. Generous: a loaded
/// machine compiling the interpreter's wasm takes a few seconds; a missing or broken file is
/// reported at once by the bootstrap, so this bound only ends a load that hangs.
pub const READY_TIMEOUT_MS: u32 = 15_000;

/// Why a worker could not be started or used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WorkerError {
    /// The script's URL cannot be made absolute.
    #[error("cannot resolve {file} against {base}")]
    Url {
        /// The script's file name.
        file: String,
        /// What it was resolved against.
        base: String,
    },
    /// The browser refused to create the worker (`new Worker` threw).
    #[error("the browser refused to start a worker for {file}: {message}")]
    Spawn {
        /// The script's file name.
        file: String,
        /// The browser's words.
        message: String,
    },
    /// A file of the worker failed to load or to start (a 404, a broken wasm, a panic at start).
    #[error("cannot load {file}: {message}")]
    Load {
        /// The file that failed (the script or its wasm).
        file: String,
        /// Why.
        message: String,
    },
    /// The worker did not say it was ready within [`READY_TIMEOUT_MS`].
    #[error("{file} did not load within {} s", READY_TIMEOUT_MS / 1000)]
    Timeout {
        /// The wasm file it was loading.
        file: String,
    },
    /// The worker threw after it had loaded (its `error` event).
    #[error("{0}")]
    Crashed(String),
    /// A message could not be encoded, posted or read.
    #[error("a worker message could not be {0}")]
    Message(String),
}

impl WorkerError {
    /// Whether the worker never started (its files did not load): a fresh worker would fail the
    /// same way, so there is no point replacing it.
    pub fn is_load_failure(&self) -> bool {
        matches!(
            self,
            WorkerError::Spawn { .. } | WorkerError::Load { .. } | WorkerError::Timeout { .. }
        )
    }
}

/// What the worker tells its owner.
#[derive(Debug)]
pub enum WorkerEvent<Out> {
    /// Its wasm has loaded; queued messages have been posted.
    Ready,
    /// A message from the worker's Rust code.
    Message(Out),
    /// It failed (the first failure only; nothing follows it).
    Failed(WorkerError),
}

/// The last path segment of `url`: the file a message names.
pub fn file_name(url: &str) -> String {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    path.rsplit('/').next().unwrap_or(path).to_string()
}

/// Bincode bytes of `value`.
pub(crate) fn encode(value: &impl Serialize) -> Result<js_sys::Uint8Array, WorkerError> {
    let bytes =
        bincode::serialize(value).map_err(|e| WorkerError::Message(format!("encoded: {e}")))?;
    Ok(js_sys::Uint8Array::from(bytes.as_slice()))
}

/// The value in a message's bincode bytes.
pub(crate) fn decode<T: DeserializeOwned>(data: &JsValue) -> Result<T, WorkerError> {
    let bytes = data
        .dyn_ref::<js_sys::Uint8Array>()
        .ok_or_else(|| WorkerError::Message("read: it is not bytes".into()))?
        .to_vec();
    bincode::deserialize(&bytes).map_err(|e| WorkerError::Message(format!("read: {e}")))
}

/// Posts `bytes` through `post` (a worker's or a worker scope's `postMessage`), handing its buffer
/// over rather than copying it.
pub(crate) fn post_bytes(
    bytes: &js_sys::Uint8Array,
    post: impl FnOnce(&JsValue, &JsValue) -> Result<(), JsValue>,
) -> Result<(), WorkerError> {
    let transfer = js_sys::Array::of1(&bytes.buffer());
    post(bytes, &transfer).map_err(|e| WorkerError::Message(format!("posted: {}", js_text(&e))))
}

/// A thrown value's message (an `Error`, a `DOMException`, an `ErrorEvent` or a string).
pub(crate) fn js_text(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| {
            js_sys::Reflect::get(e, &JsValue::from_str("message"))
                .ok()
                .and_then(|m| m.as_string())
        })
        .filter(|m| !m.is_empty())
        .unwrap_or_else(|| "no reason given".to_string())
}

/// The script that starts a worker bin (see the module docs), beside the bins.
pub const BOOT_JS: &str = "worker_boot.js";

/// The boot script's URL for the bin at `js_url` (absolute), beside it, and the worker's name,
/// which tells the boot script the bin's glue and wasm (absolute URLs, beside it too).
fn boot(js_url: &str, wasm_url: &str) -> (String, String) {
    let path = js_url.split(['?', '#']).next().unwrap_or(js_url);
    let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
    let encode = |s: &str| String::from(js_sys::encode_uri_component(s));
    let name = format!("js={}&wasm={}", encode(path), encode(wasm_url));
    (format!("{dir}{BOOT_JS}"), name)
}

/// What the handlers share with the owner (never the worker itself: no cycle through wasm).
struct State<Out> {
    /// Messages waiting for `ready`; `None` once it came.
    queue: RefCell<Option<Vec<js_sys::Uint8Array>>>,
    failed: Cell<bool>,
    /// The start-up deadline, until `ready`.
    deadline: RefCell<Option<Timer>>,
    wasm_file: String,
    on_event: Box<dyn Fn(WorkerEvent<Out>)>,
}

impl<Out: DeserializeOwned> State<Out> {
    fn fail(&self, error: WorkerError) {
        if self.failed.replace(true) {
            return;
        }
        self.queue.borrow_mut().take();
        drop(self.deadline.borrow_mut().take());
        (self.on_event)(WorkerEvent::Failed(error));
    }

    fn ready(&self, worker: Option<web_sys::Worker>) {
        drop(self.deadline.borrow_mut().take());
        let queued = self.queue.borrow_mut().take().unwrap_or_default();
        for bytes in queued {
            let posted = match &worker {
                Some(w) => post_bytes(&bytes, |m, t| w.post_message_with_transfer(m, t)),
                None => Err(WorkerError::Message("posted: no worker".into())),
            };
            if let Err(e) = posted {
                self.fail(e);
                return;
            }
        }
        (self.on_event)(WorkerEvent::Ready);
    }

    fn on_message(&self, e: &MessageEvent) {
        if self.failed.get() {
            return;
        }
        let data = e.data();
        if data.is_instance_of::<js_sys::Uint8Array>() {
            match decode(&data) {
                Ok(out) => (self.on_event)(WorkerEvent::Message(out)),
                Err(error) => self.fail(error),
            }
            return;
        }
        let field = |name: &str| {
            js_sys::Reflect::get(&data, &JsValue::from_str(name))
                .ok()
                .and_then(|v| v.as_string())
        };
        match field("awaitlab").as_deref() {
            Some("ready") => self.ready(e.target().and_then(|t| t.dyn_into().ok())),
            Some("failed") => self.fail(WorkerError::Load {
                file: field("file").unwrap_or_default(),
                message: field("message").unwrap_or_default(),
            }),
            _ => self.fail(WorkerError::Message(
                "read: it is neither bytes nor a start-up report".into(),
            )),
        }
    }

    fn on_error(&self, e: &web_sys::Event) {
        e.prevent_default();
        let message = js_text(e);
        if self.queue.borrow().is_some() {
            // Before `ready`, what failed is the boot script itself (it reports its bin's files).
            self.fail(WorkerError::Load {
                file: BOOT_JS.to_string(),
                message,
            });
        } else {
            self.fail(WorkerError::Crashed(message));
        }
    }
}

type Handler<E> = Closure<dyn FnMut(E)>;

/// A Web Worker running a Trunk worker bin, owned by the page. `In` is what the page posts,
/// `Out` what the worker's Rust code posts back. Dropping it terminates the worker.
#[must_use = "the worker is terminated when this is dropped"]
pub struct OwnedWorker<In, Out> {
    worker: web_sys::Worker,
    state: Rc<State<Out>>,
    _on_message: Handler<MessageEvent>,
    _on_error: Handler<web_sys::Event>,
    _on_message_error: Handler<MessageEvent>,
    _held: [Held; 4],
    _in: PhantomData<fn(In)>,
}

impl<In: Serialize, Out: DeserializeOwned + 'static> OwnedWorker<In, Out> {
    /// Starts a worker running the Trunk worker bin at `js_url` (absolute; its wasm is the
    /// `_bg.wasm` beside it). `on_event` hears it: [`WorkerEvent::Ready`] once loaded, each
    /// message, and its first failure (then nothing more).
    pub fn spawn(
        js_url: &str,
        on_event: impl Fn(WorkerEvent<Out>) + 'static,
    ) -> Result<Self, WorkerError> {
        let file = file_name(js_url);
        let wasm_url = match js_url.split(['?', '#']).next() {
            Some(path) if path.ends_with(".js") => {
                format!("{}_bg.wasm", &path[..path.len() - 3])
            }
            _ => {
                return Err(WorkerError::Spawn {
                    file,
                    message: "a worker script's name must end in .js".into(),
                })
            }
        };
        let spawn_error = |message: String| WorkerError::Spawn {
            file: file.clone(),
            message,
        };
        let wasm_file = file_name(&wasm_url);
        let (boot_url, name) = boot(js_url, &wasm_url);
        let options = web_sys::WorkerOptions::new();
        options.set_name(&name);
        let worker = web_sys::Worker::new_with_options(&boot_url, &options)
            .map_err(|e| spawn_error(js_text(&e)))?;
        let state = Rc::new(State {
            queue: RefCell::new(Some(Vec::new())),
            failed: Cell::new(false),
            deadline: RefCell::new(None),
            wasm_file,
            on_event: Box::new(on_event),
        });
        let on_message: Handler<MessageEvent> = {
            let state = state.clone();
            Closure::new(move |e: MessageEvent| state.on_message(&e))
        };
        let on_error: Handler<web_sys::Event> = {
            let state = state.clone();
            Closure::new(move |e: web_sys::Event| state.on_error(&e))
        };
        let on_message_error: Handler<MessageEvent> = {
            let state = state.clone();
            Closure::new(move |_: MessageEvent| {
                state.fail(WorkerError::Message(
                    "read: the browser could not deserialise it".into(),
                ))
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        worker.set_onmessageerror(Some(on_message_error.as_ref().unchecked_ref()));
        let deadline = {
            let weak = Rc::downgrade(&state);
            let file = state.wasm_file.clone();
            Timer::new(READY_TIMEOUT_MS, move || {
                if let Some(state) = weak.upgrade() {
                    state.fail(WorkerError::Timeout { file });
                }
            })
        };
        *state.deadline.borrow_mut() = Some(deadline);
        Ok(OwnedWorker {
            worker,
            state,
            _on_message: on_message,
            _on_error: on_error,
            _on_message_error: on_message_error,
            _held: [
                Held::new(Resource::Worker),
                Held::new(Resource::Listener),
                Held::new(Resource::Listener),
                Held::new(Resource::Listener),
            ],
            _in: PhantomData,
        })
    }

    /// Posts `message` (queued until the worker is ready).
    pub fn post(&self, message: &In) -> Result<(), WorkerError> {
        if self.state.failed.get() {
            return Err(WorkerError::Message("posted: the worker has failed".into()));
        }
        let bytes = encode(message)?;
        if let Some(queue) = self.state.queue.borrow_mut().as_mut() {
            queue.push(bytes);
            return Ok(());
        }
        post_bytes(&bytes, |m, t| self.worker.post_message_with_transfer(m, t))
    }

    /// Whether it has loaded (said `ready`) and not failed.
    pub fn is_ready(&self) -> bool {
        self.state.queue.borrow().is_none() && !self.state.failed.get()
    }

    /// Whether it has failed (see [`WorkerEvent::Failed`]).
    pub fn has_failed(&self) -> bool {
        self.state.failed.get()
    }
}

impl<In, Out> Drop for OwnedWorker<In, Out> {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.set_onmessageerror(None);
        self.worker.terminate();
        // Its start-up deadline goes with it (cancelled, uncounted).
        drop(self.state.deadline.borrow_mut().take());
    }
}

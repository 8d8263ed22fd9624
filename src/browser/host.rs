//! The link between an embedded AwaitLab and the page that frames it: `message` events from the
//! parent window in, `postMessage` to it out, and the content's height as it changes. Only the
//! transport lives here; what a message means is `awaitlab_core::embed`'s.
//!
//! Accepted: messages whose `source` is the parent window, from any origin unless the URL's
//! `host-origin` pins one (then only that origin, and the embed posts only to it). A message is
//! read as JSON data; nothing in it is ever rendered as markup or run as script.

use std::rc::Rc;

use awaitlab_core::embed::host_message::{self, Incoming};
use awaitlab_core::view_options::ViewOptions;
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Largest message read, in bytes of JSON (a program is at most 100 KB; room for its escapes).
const MAX_MESSAGE_BYTES: u32 = 400_000;

/// Posts to the host page: to its pinned origin, or to whichever page frames this one.
#[derive(Clone)]
pub struct Poster {
    parent: web_sys::Window,
    target: String,
}

impl Poster {
    /// Posts `message` (a JSON object) to the host page; nothing when a `host-origin` that could
    /// not be read names no host.
    pub fn post(&self, message: &Value) {
        if self.target.is_empty() {
            return;
        }
        if let Ok(data) = js_sys::JSON::parse(&message.to_string()) {
            let _ = self.parent.post_message(&data, &self.target);
        }
    }
}

/// A resize observer and the callback it calls (kept alive with it).
type HeightWatch = (web_sys::ResizeObserver, Closure<dyn Fn(js_sys::Array)>);

/// The embed's end of the link; dropping it removes the listener and the observer.
pub struct HostLink {
    poster: Poster,
    on_message: Closure<dyn Fn(web_sys::MessageEvent)>,
    observer: Option<HeightWatch>,
}

impl HostLink {
    /// Connects when the page is framed (`None` on a page of its own). `deliver` gets each
    /// well-formed request and each invalid AwaitLab message (to be answered with an error).
    pub fn connect(view: &ViewOptions, deliver: impl Fn(Incoming) + 'static) -> Option<Self> {
        let window = web_sys::window()?;
        let parent = window.parent().ok().flatten()?;
        if js_sys::Object::is(&parent, &window) {
            return None;
        }
        let view = Rc::new(view.clone());
        let target = match &view.host_origin {
            Some(origin) => origin.clone(),
            None => "*".to_string(),
        };
        let from = parent.clone();
        let accepts = view.clone();
        let on_message =
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                let from_parent = e.source().is_some_and(|s| js_sys::Object::is(&s, &from));
                if !from_parent || !accepts.accepts(&e.origin()) {
                    return;
                }
                // Only plain data: a string, a cyclic object or a BigInt is not a message of ours.
                let data = e.data();
                if !data.is_object() {
                    return;
                }
                let Ok(text) = js_sys::JSON::stringify(&data) else {
                    return;
                };
                if text.length() > MAX_MESSAGE_BYTES {
                    deliver(Incoming::Invalid {
                        id: None,
                        message: format!("message larger than {} KB", MAX_MESSAGE_BYTES / 1000),
                    });
                    return;
                }
                let Ok(value) = serde_json::from_str::<Value>(&String::from(text)) else {
                    return;
                };
                match host_message::read(&value) {
                    Incoming::Ignored => {}
                    incoming => deliver(incoming),
                }
            });
        if window
            .add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref())
            .is_err()
        {
            return None;
        }
        Some(HostLink {
            poster: Poster { parent, target },
            on_message,
            observer: None,
        })
    }

    /// Posts `message` to the host page.
    pub fn post(&self, message: &Value) {
        self.poster.post(message);
    }

    /// What posts to the host, for callbacks that outlive a borrow of the link.
    pub fn poster(&self) -> Poster {
        self.poster.clone()
    }

    /// Calls `on_height` with `element`'s height in CSS pixels now and whenever it changes.
    pub fn watch_height(&mut self, element: &web_sys::Element, on_height: impl Fn(f64) + 'static) {
        let measured = element.clone();
        let last = std::cell::Cell::new(-1.0);
        let report = move || {
            let height = measured.get_bounding_client_rect().height().ceil();
            if height != last.get() {
                last.set(height);
                on_height(height);
            }
        };
        report();
        let callback =
            Closure::<dyn Fn(js_sys::Array)>::new(move |_entries: js_sys::Array| report());
        if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
            observer.observe(element);
            self.observer = Some((observer, callback));
        }
    }
}

impl Drop for HostLink {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            let _ = window.remove_event_listener_with_callback(
                "message",
                self.on_message.as_ref().unchecked_ref(),
            );
        }
        if let Some((observer, _)) = &self.observer {
            observer.disconnect();
        }
    }
}

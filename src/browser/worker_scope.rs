//! The worker's side of an [`OwnedWorker`](super::owned_worker::OwnedWorker): reads the page's
//! messages from the `DedicatedWorkerGlobalScope` and posts replies, both as bincode bytes. The
//! bootstrap says `ready` once the wasm's `main` (which calls [`serve`]) has returned.

use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use super::owned_worker::{decode, encode, post_bytes, WorkerError};

/// Posts replies to the page. Cheap to clone.
pub struct Replier<Out> {
    scope: DedicatedWorkerGlobalScope,
    _out: PhantomData<fn(Out)>,
}

impl<Out> Clone for Replier<Out> {
    fn clone(&self) -> Self {
        Replier {
            scope: self.scope.clone(),
            _out: PhantomData,
        }
    }
}

impl<Out: Serialize> Replier<Out> {
    /// The replier of this worker, if this thread is a dedicated worker.
    pub fn here() -> Option<Self> {
        let scope = JsValue::from(js_sys::global())
            .dyn_into::<DedicatedWorkerGlobalScope>()
            .ok()?;
        Some(Replier {
            scope,
            _out: PhantomData,
        })
    }

    /// Posts `reply` to the page. A reply that cannot be posted is lost (the page's owner then
    /// hears nothing and ends the job or run by its own bounds).
    pub fn send(&self, reply: &Out) -> Result<(), WorkerError> {
        let bytes = encode(reply)?;
        post_bytes(&bytes, |m, t| self.scope.post_message_with_transfer(m, t))
    }
}

/// Serves the page's messages for the worker's lifetime: `on_message` gets each one decoded (or
/// why it could not be read) and a [`Replier`]. Does nothing outside a dedicated worker.
pub fn serve<In: DeserializeOwned + 'static, Out: Serialize + 'static>(
    mut on_message: impl FnMut(Result<In, WorkerError>, &Replier<Out>) + 'static,
) {
    let Some(replier) = Replier::<Out>::here() else {
        return;
    };
    let scope = replier.scope.clone();
    let handler = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        on_message(decode(&e.data()), &replier);
    });
    scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    // The handler lives as long as the worker: the page terminates the worker to end it.
    handler.forget();
}

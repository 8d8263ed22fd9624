//! Animation frames and turns of the page's event loop, as RAII handles and futures.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Calls a function on every animation frame until it returns `false` or the handle is dropped.
#[must_use = "the loop stops when the handle is dropped"]
pub struct AnimationLoop {
    state: Rc<RefCell<LoopState>>,
}

struct LoopState {
    id: Option<i32>,
    closure: Option<Closure<dyn FnMut(f64)>>,
}

impl AnimationLoop {
    /// Starts calling `tick(timestamp_ms)` each frame.
    pub fn start(mut tick: impl FnMut(f64) -> bool + 'static) -> Self {
        let state = Rc::new(RefCell::new(LoopState {
            id: None,
            closure: None,
        }));
        let weak = Rc::downgrade(&state);
        let closure = Closure::<dyn FnMut(f64)>::new(move |ts: f64| {
            let Some(state) = weak.upgrade() else { return };
            if !tick(ts) {
                state.borrow_mut().id = None;
                return;
            }
            let id = {
                let st = state.borrow();
                st.closure.as_ref().and_then(request)
            };
            state.borrow_mut().id = id;
        });
        let id = request(&closure);
        {
            let mut st = state.borrow_mut();
            st.id = id;
            st.closure = Some(closure);
        }
        AnimationLoop { state }
    }
}

fn request(closure: &Closure<dyn FnMut(f64)>) -> Option<i32> {
    web_sys::window()?
        .request_animation_frame(closure.as_ref().unchecked_ref())
        .ok()
}

impl Drop for AnimationLoop {
    fn drop(&mut self) {
        let id = self.state.borrow_mut().id.take();
        if let (Some(id), Some(window)) = (id, web_sys::window()) {
            let _ = window.cancel_animation_frame(id);
        }
    }
}

/// Resolves after the page has had a chance to paint (one animation frame, then one task), so a
/// "Running…" state is on screen before a run that may freeze the page starts.
pub async fn after_paint() {
    let (tx, rx) = futures_channel();
    let closure = Closure::once(move |_: f64| tx());
    if let Some(window) = web_sys::window() {
        if window
            .request_animation_frame(closure.as_ref().unchecked_ref())
            .is_err()
        {
            return;
        }
    }
    rx.await;
    gloo_timers::future::TimeoutFuture::new(0).await;
}

/// A minimal one-shot signal: the sender is a plain closure, the receiver a future.
fn futures_channel() -> (impl FnOnce(), Signal) {
    let shared = Rc::new(RefCell::new((false, None::<std::task::Waker>)));
    let tx_shared = shared.clone();
    let tx = move || {
        let mut s = tx_shared.borrow_mut();
        s.0 = true;
        if let Some(w) = s.1.take() {
            w.wake();
        }
    };
    (tx, Signal { shared })
}

/// The receiving end of [`futures_channel`].
struct Signal {
    shared: Rc<RefCell<(bool, Option<std::task::Waker>)>>,
}

impl std::future::Future for Signal {
    type Output = ();

    fn poll(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<()> {
        let mut s = self.shared.borrow_mut();
        if s.0 {
            std::task::Poll::Ready(())
        } else {
            s.1 = Some(cx.waker().clone());
            std::task::Poll::Pending
        }
    }
}

/// Turns of the event loop given back to the page (or worker) through a `MessageChannel`: each
/// [`PageTurns::next`] posts a message and resolves when it arrives, one task later. Unlike
/// `setTimeout(0)`, which the browser clamps to ≥ 4 ms once timers nest, a message costs
/// microseconds, and the page still paints and handles input between turns. Works on the page and
/// in workers; where `MessageChannel` is missing it falls back to `setTimeout(0)`.
pub struct PageTurns {
    channel: Option<web_sys::MessageChannel>,
    shared: Rc<RefCell<(bool, Option<std::task::Waker>)>>,
    _on_message: Option<Closure<dyn FnMut(wasm_bindgen::JsValue)>>,
}

impl PageTurns {
    /// A channel for turns.
    pub fn new() -> Self {
        let shared: Rc<RefCell<(bool, Option<std::task::Waker>)>> = Rc::default();
        let channel = web_sys::MessageChannel::new().ok();
        let on_message = channel.as_ref().map(|channel| {
            let shared = shared.clone();
            let closure = Closure::<dyn FnMut(wasm_bindgen::JsValue)>::new(move |_| {
                let mut s = shared.borrow_mut();
                s.0 = true;
                if let Some(w) = s.1.take() {
                    w.wake();
                }
            });
            channel
                .port1()
                .set_onmessage(Some(closure.as_ref().unchecked_ref()));
            closure
        });
        PageTurns {
            channel,
            shared,
            _on_message: on_message,
        }
    }

    /// Resolves once the page has had a turn.
    pub async fn next(&self) {
        let Some(channel) = &self.channel else {
            gloo_timers::future::TimeoutFuture::new(0).await;
            return;
        };
        self.shared.borrow_mut().0 = false;
        if channel
            .port2()
            .post_message(&wasm_bindgen::JsValue::UNDEFINED)
            .is_err()
        {
            gloo_timers::future::TimeoutFuture::new(0).await;
            return;
        }
        Signal {
            shared: self.shared.clone(),
        }
        .await;
    }
}

impl Default for PageTurns {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for PageTurns {
    fn drop(&mut self) {
        if let Some(channel) = &self.channel {
            channel.port1().set_onmessage(None);
            channel.port1().close();
            channel.port2().close();
        }
    }
}

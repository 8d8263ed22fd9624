//! Waiting for the page to finish its own start-up before a run's clock starts: a shared link or an
//! embedded demo is always a first run, and it must not measure the page loading (its fonts, first
//! paints, the wasm compiler tiering up, workers starting) as if the scenario were slow.

use std::cell::Cell;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use super::frame::after_paint;

thread_local! {
    /// Whether the page has settled once: later runs only wait for a paint.
    static SETTLED: Cell<bool> = const { Cell::new(false) };
}

/// Longest the page waits for itself to settle before a first run, ms: past this the run starts
/// anyway (a page that never idles should not hang the run).
pub const SETTLE_TIMEOUT_MS: u32 = 3_000;

/// Resolves once the page has settled: loaded (`load` fired), its fonts ready, two frames painted,
/// and an idle period seen (`requestIdleCallback`, which runs when the browser has no start-up
/// work left), each bounded by [`SETTLE_TIMEOUT_MS`]. Only the first call after load waits for
/// all of this; later calls wait for one paint.
pub async fn page_settled() {
    if SETTLED.get() {
        after_paint().await;
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let document = window.document();
    if document
        .as_ref()
        .is_some_and(|d| d.ready_state() != "complete")
    {
        let loaded = promise_of(|resolve| {
            let _ = window.add_event_listener_with_callback("load", &resolve);
        });
        bounded(loaded).await;
    }
    // document.fonts.ready: the fonts the page uses have loaded (or failed).
    let fonts = document
        .as_ref()
        .and_then(|d| js_sys::Reflect::get(d, &JsValue::from_str("fonts")).ok())
        .and_then(|f| js_sys::Reflect::get(&f, &JsValue::from_str("ready")).ok())
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok());
    if let Some(fonts) = fonts {
        bounded(fonts).await;
    }
    after_paint().await;
    after_paint().await;
    // An idle period: the browser has no task of its own left to run.
    let idle = js_sys::Reflect::get(&window, &JsValue::from_str("requestIdleCallback"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    if let Some(request_idle) = idle {
        let window = window.clone();
        let idled = promise_of(move |resolve| {
            let options = js_sys::Object::new();
            let _ = js_sys::Reflect::set(
                &options,
                &JsValue::from_str("timeout"),
                &JsValue::from(SETTLE_TIMEOUT_MS),
            );
            let _ = request_idle.call2(&window, &resolve, &options);
        });
        bounded(idled).await;
    }
    SETTLED.set(true);
}

/// A promise resolved by whatever `arm` hands its resolve function to.
fn promise_of(arm: impl FnOnce(js_sys::Function)) -> js_sys::Promise {
    let mut arm = Some(arm);
    js_sys::Promise::new(&mut |resolve, _reject| {
        if let Some(arm) = arm.take() {
            arm(resolve);
        }
    })
}

/// Awaits `promise`, or [`SETTLE_TIMEOUT_MS`], whichever comes first; never fails.
async fn bounded(promise: js_sys::Promise) {
    let timeout = promise_of(|resolve| {
        if let Some(window) = web_sys::window() {
            let done = Closure::once_into_js(move || {
                let _ = resolve.call0(&JsValue::UNDEFINED);
            });
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                done.unchecked_ref(),
                SETTLE_TIMEOUT_MS as i32,
            );
        }
    });
    let race = js_sys::Promise::race(&js_sys::Array::of2(&promise, &timeout));
    let _ = wasm_bindgen_futures::JsFuture::from(race).await;
}

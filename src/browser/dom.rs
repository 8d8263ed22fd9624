//! Small page-level effects: the run-state attribute, the `window.awaitlab` automation API,
//! downloading a file (text or a blob), and the clipboard.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use awaitlab_core::trace::Trace;
use awaitlab_core::view_options::{Theme, ViewOptions};

/// Sets `document.documentElement.dataset.runState` (`idle`, `running`, `done`, `error`), which
/// tests and embedding pages wait on.
pub fn set_run_state(state: &str) {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element());
    if let Some(el) = root.and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.dataset().set("runState", state);
    }
}

/// Removes index.html's boot screen (`#boot`, the download's progress): the app has drawn.
pub fn end_boot_screen() {
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
}

/// The last run's trace and its prediction's total, shared with `window.awaitlab.trace()`: the
/// Chrome-trace JSON is made only when asked for, not at every run's end.
pub type TraceSlot = Rc<RefCell<Option<(Rc<Trace>, Option<f64>)>>>;

thread_local! {
    /// What the timeline last drew, as JSON text, for `window.awaitlab.view()`.
    static VIEW: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Records what the timeline shows (its axis, the visible range, where the tasks' activity lies,
/// the gutter and each lane's name as drawn), for `window.awaitlab.view()`.
pub fn set_view(view: &serde_json::Value) {
    VIEW.with_borrow_mut(|v| *v = Some(view.to_string()));
}

/// Installs `window.awaitlab` with `trace()`, which returns the last run's trace as a JSON object
/// (or `null` before the first run), `view()`, what the timeline shows (see [`set_view`]),
/// `resources()`, what the page holds now (see [`resources_json`]), and the exports of what the
/// timeline shows (the measured run, else the prediction; the whole run): `svg()`, the SVG
/// document as a string, `png()`, a `Promise` of the PNG as a `data:image/png;base64,…` URL, and
/// `consoleText()`, the printed lines, one per line — each `null` when the timeline shows
/// nothing. The closures live as long as the page.
pub fn install_api(slot: TraceSlot) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let trace = Closure::<dyn Fn() -> JsValue>::new(move || match &*slot.borrow() {
        Some((trace, predicted_total)) => {
            let text = trace.to_chrome_text(*predicted_total);
            js_sys::JSON::parse(&text).unwrap_or(JsValue::NULL)
        }
        None => JsValue::NULL,
    });
    let view = Closure::<dyn Fn() -> JsValue>::new(move || {
        VIEW.with_borrow(|v| match v.as_deref() {
            Some(text) => js_sys::JSON::parse(text).unwrap_or(JsValue::NULL),
            None => JsValue::NULL,
        })
    });
    let resources = Closure::<dyn Fn() -> JsValue>::new(|| {
        js_sys::JSON::parse(&resources_json().to_string()).unwrap_or(JsValue::NULL)
    });
    let svg = Closure::<dyn Fn() -> JsValue>::new(|| {
        super::export::svg().map_or(JsValue::NULL, |text| JsValue::from_str(&text))
    });
    let png = Closure::<dyn Fn() -> JsValue>::new(|| {
        let url = super::export::png_data_url().map_or(JsValue::NULL, |u| JsValue::from_str(&u));
        js_sys::Promise::resolve(&url).into()
    });
    let console_text = Closure::<dyn Fn() -> JsValue>::new(|| {
        super::export::console().map_or(JsValue::NULL, |text| JsValue::from_str(&text))
    });
    let api = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&api, &"trace".into(), trace.as_ref());
    let _ = js_sys::Reflect::set(&api, &"view".into(), view.as_ref());
    let _ = js_sys::Reflect::set(&api, &"resources".into(), resources.as_ref());
    let _ = js_sys::Reflect::set(&api, &"svg".into(), svg.as_ref());
    let _ = js_sys::Reflect::set(&api, &"png".into(), png.as_ref());
    let _ = js_sys::Reflect::set(&api, &"consoleText".into(), console_text.as_ref());
    view.forget();
    resources.forget();
    svg.forget();
    png.forget();
    console_text.forget();
    let _ = js_sys::Reflect::set(&api, &"version".into(), &env!("CARGO_PKG_VERSION").into());
    let _ = js_sys::Reflect::set(&window, &"awaitlab".into(), &api);
    // The API is meant to outlive every component: hand the closure to JS for good.
    trace.forget();
}

/// What the page holds now, counted by the owned types themselves ([`super::resources`]):
/// `workers` alive, `listeners` (handlers held on them), pending `timers`, `fetches` in flight,
/// `loops` alive (a run's event loop, on the page or in a loop worker), `spareWorkers`, the idle
/// loaded workers kept on purpose for the next pool run (each holds one worker and its three
/// handlers; nothing else should be left once a run has ended), and `wasmBytes`, the size of
/// the page's wasm memory.
pub fn resources_json() -> serde_json::Value {
    let r = super::resources::resources();
    serde_json::json!({
        "workers": r.workers,
        "listeners": r.listeners,
        "timers": r.timers,
        "fetches": r.fetches,
        "loops": r.loops,
        "spareWorkers": super::pool::spare_workers(),
        "wasmBytes": wasm_memory_bytes(),
    })
}

/// The size of this thread's wasm memory, bytes (it only grows: its high-water mark).
fn wasm_memory_bytes() -> f64 {
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .map_or(0.0, |m| {
            m.buffer()
                .dyn_into::<js_sys::ArrayBuffer>()
                .map_or(0.0, |b| f64::from(b.byte_length()))
        })
}

/// Offers `text` as a file download named `filename`.
pub fn download(filename: &str, text: &str, mime: &str) -> Result<(), String> {
    let fail = |e: JsValue| format!("could not save {filename}: {e:?}");
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(fail)?;
    download_blob(filename, &blob)
}

/// Offers what `write` writes as a file download named `filename`, sent to the file in pieces of
/// [`DOWNLOAD_PIECE`] bytes as it is written: a large file (a 100,000-event trace's JSON is over
/// 10 MB) is never whole in wasm memory, which keeps its high-water mark for good.
pub fn download_written(
    filename: &str,
    mime: &str,
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<(), String> {
    let fail = |e: JsValue| format!("could not save {filename}: {e:?}");
    let mut pieces = BlobPieces {
        parts: js_sys::Array::new(),
        buf: Vec::with_capacity(DOWNLOAD_PIECE),
    };
    write(&mut pieces).map_err(|e| format!("could not save {filename}: {e}"))?;
    std::io::Write::flush(&mut pieces).map_err(|e| format!("could not save {filename}: {e}"))?;
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&pieces.parts, &options)
        .map_err(fail)?;
    download_blob(filename, &blob)
}

/// The bytes [`download_written`] gathers before it hands them to the page as one part.
pub const DOWNLOAD_PIECE: usize = 1 << 20;

/// A writer that hands its bytes to JS in pieces (`Uint8Array`s, the parts of a `Blob`).
struct BlobPieces {
    parts: js_sys::Array,
    buf: Vec<u8>,
}

impl std::io::Write for BlobPieces {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if self.buf.len() + bytes.len() > DOWNLOAD_PIECE {
            self.flush()?;
        }
        self.buf.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if !self.buf.is_empty() {
            self.parts
                .push(&js_sys::Uint8Array::from(self.buf.as_slice()));
            self.buf.clear();
        }
        Ok(())
    }
}

/// Offers `blob` (an image, say) as a file download named `filename`.
pub fn download_blob(filename: &str, blob: &web_sys::Blob) -> Result<(), String> {
    let fail = |e: JsValue| format!("could not save {filename}: {e:?}");
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(fail)?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(fail)?
        .dyn_into()
        .map_err(|_| "could not create a link".to_string())?;
    anchor.set_href(&url);
    anchor.set_download(filename);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Copies `text` to the clipboard if the page may; returns whether it tried.
pub fn copy_to_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let clipboard = js_sys::Reflect::get(&window.navigator(), &"clipboard".into())
        .ok()
        .filter(|c| !c.is_undefined());
    let Some(clipboard) = clipboard else {
        return false;
    };
    let write = js_sys::Reflect::get(&clipboard, &"writeText".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    match write {
        Some(f) => f.call1(&clipboard, &text.into()).is_ok(),
        None => false,
    }
}

/// Whether the person asked for less motion.
pub fn prefers_reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

/// Marks the root element with the URL's view options: `data-theme="light|dark"` (absent: the
/// system's) and `data-embed` (the compact layout for an iframe). The stylesheet reads them.
pub fn set_view_options(view: &ViewOptions) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let _ = match view.theme {
        Theme::Auto => root.remove_attribute("data-theme"),
        theme => root.set_attribute("data-theme", theme.id()),
    };
    let _ = if view.embed {
        root.set_attribute("data-embed", "")
    } else {
        root.remove_attribute("data-embed")
    };
    // Screen readers pick their voice, and the browser its CJK font, by it.
    let _ = root.set_attribute("lang", view.lang.tag());
    // The words of the "new version" notice, which static/register_sw.js shows.
    let _ = root.set_attribute("data-sw-ready", &awaitlab_i18n::tr!(view.lang, "sw-ready"));
    let _ = root.set_attribute(
        "data-sw-reload",
        &awaitlab_i18n::tr!(view.lang, "sw-reload"),
    );
}

/// The browser's languages, most wanted first (`navigator.languages`).
pub fn browser_languages() -> Vec<String> {
    web_sys::window()
        .map(|w| w.navigator().languages())
        .map(|list| list.iter().filter_map(|v| v.as_string()).collect())
        .unwrap_or_default()
}

/// The theme the URL chose: `Some(true)` dark, `Some(false)` light, `None` the system's.
pub fn theme_is_dark() -> Option<bool> {
    let theme = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|root| root.get_attribute("data-theme"))?;
    match theme.as_str() {
        "dark" => Some(true),
        "light" => Some(false),
        _ => None,
    }
}

/// Sets the document's title (the tab's name, and what history and bookmarks show).
pub fn set_title(title: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(title);
    }
}

/// Calls `on_pop` whenever the person goes Back or Forward (`popstate`); the listener is removed
/// when the returned handle is dropped.
#[must_use = "the listener is removed when the handle is dropped"]
pub fn on_popstate(on_pop: impl Fn() + 'static) -> impl Drop {
    Listener::add("popstate", on_pop)
}

/// A window event listener, removed on drop.
struct Listener {
    event: &'static str,
    closure: Closure<dyn Fn()>,
}

impl Listener {
    fn add(event: &'static str, f: impl Fn() + 'static) -> Self {
        let closure = Closure::<dyn Fn()>::new(f);
        if let Some(w) = web_sys::window() {
            let _ = w.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
        }
        Listener { event, closure }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        if let Some(w) = web_sys::window() {
            let _ = w.remove_event_listener_with_callback(
                self.event,
                self.closure.as_ref().unchecked_ref(),
            );
        }
    }
}

/// Moves the focus to the element matching `selector`, if there is one.
pub fn focus(selector: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Moves the focus to the element matching `selector` when the focus is on one matching `from`,
/// so the person keeps their place when what they were on stops applying.
pub fn move_focus(from: &str, selector: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let on_from = document
        .active_element()
        .is_some_and(|el| el.matches(from).unwrap_or(false));
    if !on_from {
        return;
    }
    if let Some(el) = document
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Applies an editor key's [`Edit`](awaitlab_core::editing::Edit) to a text area as typing
/// would: through `insertText`, so the browser's undo takes it back and an `input` event
/// follows; where that command is missing, by replacing the range and announcing the input.
pub fn apply_text_edit(area: &web_sys::HtmlTextAreaElement, edit: &awaitlab_core::editing::Edit) {
    let _ = area.set_selection_range(edit.start, edit.end);
    let command = if edit.insert.is_empty() {
        "delete"
    } else {
        "insertText"
    };
    let done = area
        .owner_document()
        .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
        .and_then(|d| {
            d.exec_command_with_show_ui_and_value(command, false, &edit.insert)
                .ok()
        })
        .unwrap_or(false);
    if !done {
        let _ = area.set_range_text(&edit.insert);
        if let Ok(event) = web_sys::Event::new_with_event_init_dict("input", &{
            let init = web_sys::EventInit::new();
            init.set_bubbles(true);
            init
        }) {
            let _ = area.dispatch_event(&event);
        }
    }
    let _ = area.set_selection_range(edit.select_start, edit.select_end);
}

/// Sets CSS properties of the element behind `node` through the CSSOM, never a `style`
/// attribute (which a Content-Security-Policy without 'unsafe-inline' for styles refuses).
pub fn set_css(node: &yew::NodeRef, properties: &[(&str, String)]) {
    if let Some(element) = node.cast::<web_sys::HtmlElement>() {
        let style = element.style();
        for (name, value) in properties {
            let _ = style.set_property(name, value);
        }
    }
}

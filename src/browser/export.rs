//! The exports of what the timeline shows: the whole run as SVG (the core's writer, laid out with
//! this page's text measurements), as PNG (an offscreen canvas at the device pixel ratio, painted
//! by the same routine as the page's canvas) and the console as text. The timeline records what
//! it draws ([`set_shown`]); the export buttons and `window.awaitlab` read it.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use super::canvas::Canvas2d;
use awaitlab_core::console::console_text;
use awaitlab_core::paint::{paint_whole_run, Scene, DARK, LIGHT};
use awaitlab_core::svg::timeline_svg;
use awaitlab_core::trace::Trace;

/// What the timeline shows: the traces as drawn, and how.
pub struct Shown {
    /// The measured trace if there is one, else the prediction, as drawn (by steps or by time).
    pub primary: Rc<Trace>,
    /// `primary` as recorded (its times): the console lists its prints.
    pub recorded: Rc<Trace>,
    /// The prediction as drawn.
    pub predicted: Option<Rc<Trace>>,
    /// Whether `primary` is the prediction.
    pub primary_is_prediction: bool,
    /// Whether the axis is the loop's steps.
    pub steps: bool,
    /// Whether the dark theme is on.
    pub dark: bool,
    /// The timeline's width on screen, CSS px.
    pub width_px: f64,
    /// The page's language.
    pub lang: awaitlab_core::view_options::Lang,
}

thread_local! {
    static SHOWN: RefCell<Option<Shown>> = const { RefCell::new(None) };
}

/// Records what the timeline shows now (`None`: nothing).
pub fn set_shown(shown: Option<Shown>) {
    SHOWN.with_borrow_mut(|s| *s = shown);
}

/// Calls `f` with the scene on screen, if there is one.
fn with_scene<R>(f: impl FnOnce(&Scene) -> R) -> Option<R> {
    SHOWN.with_borrow(|shown| {
        let shown = shown.as_ref()?;
        let scene = Scene {
            primary: &shown.primary,
            predicted: shown.predicted.as_deref(),
            primary_is_prediction: shown.primary_is_prediction,
            steps: shown.steps,
            width_px: shown.width_px,
            palette: if shown.dark { &DARK } else { &LIGHT },
            lang: shown.lang,
        };
        Some(f(&scene))
    })
}

/// A canvas not in the page, and its 2D context.
fn offscreen_canvas() -> Option<(HtmlCanvasElement, CanvasRenderingContext2d)> {
    let canvas: HtmlCanvasElement = web_sys::window()?
        .document()?
        .create_element("canvas")
        .ok()?
        .dyn_into()
        .ok()?;
    let ctx = canvas
        .get_context("2d")
        .ok()
        .flatten()?
        .dyn_into::<CanvasRenderingContext2d>()
        .ok()?;
    Some((canvas, ctx))
}

/// The whole run on screen as an SVG document, its labels measured as this page's canvas
/// measures them (so it wraps and fits them exactly as the timeline does); `None` when the
/// timeline shows nothing.
pub fn svg() -> Option<String> {
    let (_, ctx) = offscreen_canvas()?;
    let measure = move |font: &str, text: &str| {
        ctx.set_font(font);
        ctx.measure_text(text).map_or(0.0, |m| m.width())
    };
    with_scene(|scene| timeline_svg(scene, Box::new(measure)))
}

/// The whole run on screen painted on an offscreen canvas as wide as the timeline, at the
/// device pixel ratio: its pixel size is the CSS size times the ratio.
pub fn png_canvas() -> Option<HtmlCanvasElement> {
    let dpr = web_sys::window()?.device_pixel_ratio().max(1.0);
    let (canvas, ctx) = offscreen_canvas()?;
    with_scene(|scene| {
        canvas.set_width((scene.width_px * dpr).round() as u32);
        canvas.set_height((scene.height_px() * dpr).round() as u32);
        let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
        paint_whole_run(&mut Canvas2d(&ctx), scene);
    })?;
    Some(canvas)
}

/// The PNG as a `data:image/png;base64,…` URL.
pub fn png_data_url() -> Option<String> {
    png_canvas()?.to_data_url_with_type("image/png").ok()
}

/// Encodes the PNG and hands its blob to `done` (`None` when there is nothing to draw or the
/// browser could not encode it).
pub fn png_blob(done: impl FnOnce(Option<web_sys::Blob>) + 'static) {
    let Some(canvas) = png_canvas() else {
        done(None);
        return;
    };
    let done = Rc::new(RefCell::new(Some(done)));
    let on_blob = {
        let done = done.clone();
        Closure::once_into_js(move |blob: Option<web_sys::Blob>| {
            if let Some(done) = done.borrow_mut().take() {
                done(blob);
            }
        })
    };
    if canvas.to_blob(on_blob.unchecked_ref()).is_err() {
        if let Some(done) = done.borrow_mut().take() {
            done(None);
        }
    }
}

/// The console as text: each printed line, one per line (see
/// [`awaitlab_core::console::console_text`]); `None` when nothing is shown.
pub fn console() -> Option<String> {
    SHOWN.with_borrow(|shown| {
        let shown = shown.as_ref()?;
        Some(console_text(&shown.recorded, &shown.primary))
    })
}

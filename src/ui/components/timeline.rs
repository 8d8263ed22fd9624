//! The timeline view: a canvas with one lane per task, the playhead, zoom, pan, scrub and a tooltip.
//! Geometry comes from `awaitlab_core::layout`, drawing from `ui::paint`; this file holds only interaction.

use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{HtmlCanvasElement, KeyboardEvent, MouseEvent, WheelEvent};
use yew::prelude::*;

use crate::browser::frame::AnimationLoop;
use crate::ui::paint::{self, Frame, GUTTER_PX};
use awaitlab_core::executor::Executor;
use awaitlab_core::layout::{hit, SpanIndex, Viewport};
use awaitlab_core::trace::{Kind, Trace};

/// What the timeline shows.
#[derive(Properties)]
pub struct TimelineProps {
    /// The run on the page's loop, finished or in progress.
    pub measured: Option<Rc<Trace>>,
    /// The virtual-time prediction for the same form.
    pub predicted: Option<Rc<Trace>>,
    /// Playhead, real µs.
    pub playhead_us: f64,
    /// The loop of a run in progress: the playhead follows its clock, and seeking is off.
    pub live: Option<LiveClock>,
    /// The person moved the playhead (click, drag, arrow keys).
    pub on_seek: Callback<f64>,
}

/// Traces compare by identity: a new snapshot is a new `Rc`, and comparing whole traces on every
/// frame would cost as much as drawing them.
impl PartialEq for TimelineProps {
    fn eq(&self, other: &Self) -> bool {
        fn same(a: &Option<Rc<Trace>>, b: &Option<Rc<Trace>>) -> bool {
            match (a, b) {
                (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                (None, None) => true,
                _ => false,
            }
        }
        same(&self.measured, &other.measured)
            && same(&self.predicted, &other.predicted)
            && self.playhead_us == other.playhead_us
            && self.live == other.live
            && self.on_seek == other.on_seek
    }
}

/// What the timeline reads of a live run: its clock and whether it has ended.
pub trait LiveSource {
    /// The run's clock, real µs since it began.
    fn now_us(&self) -> f64;
    /// Whether the run has ended.
    fn is_finished(&self) -> bool;
}

impl LiveSource for Executor {
    fn now_us(&self) -> f64 {
        Executor::now_us(self)
    }

    fn is_finished(&self) -> bool {
        Executor::is_finished(self)
    }
}

impl LiveSource for crate::browser::loop_worker::LoopClock {
    fn now_us(&self) -> f64 {
        crate::browser::loop_worker::LoopClock::now_us(self)
    }

    fn is_finished(&self) -> bool {
        crate::browser::loop_worker::LoopClock::is_finished(self)
    }
}

/// The clock of a live run (a loop on the page, or in a worker), compared by identity.
#[derive(Clone)]
pub struct LiveClock(pub Rc<dyn LiveSource>);

impl PartialEq for LiveClock {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::addr_eq(Rc::as_ptr(&self.0), Rc::as_ptr(&other.0))
    }
}

#[derive(Clone, PartialEq)]
struct Hover {
    x: f64,
    y: f64,
    text: String,
}

#[derive(Clone, Copy, PartialEq)]
enum Drag {
    None,
    Scrub,
    Pan { last_x: f64 },
}

/// The timeline component.
#[function_component(Timeline)]
pub fn timeline(props: &TimelineProps) -> Html {
    let canvas_ref = use_node_ref();
    let overlay_ref = use_node_ref();
    // While live, how far the run has outgrown the prediction (the view widens in steps).
    let grown_us = use_state(|| 0.0f64);
    // The person's zoom/pan as (start, end) µs; `None` fits the run.
    let zoom = use_state(|| None::<(f64, f64)>);
    let hover = use_state(|| None::<Hover>);
    let drag = use_mut_ref(|| Drag::None);
    // The canvas's CSS width as of the last full draw: the per-frame overlay reads this instead of
    // asking the page for layout on every frame.
    let width_cache = use_mut_ref(|| 0.0f64);
    let resized = use_state(|| 0u32);

    // Repaint when the window is resized (the canvas follows its box's width).
    {
        let resized = resized.clone();
        use_effect_with((), move |_| {
            let closure = Closure::<dyn Fn()>::new(move || resized.set(*resized + 1));
            let window = web_sys::window();
            if let Some(w) = &window {
                let _ =
                    w.add_event_listener_with_callback("resize", closure.as_ref().unchecked_ref());
            }
            move || {
                if let Some(w) = window {
                    let _ = w.remove_event_listener_with_callback(
                        "resize",
                        closure.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }

    let primary = props.measured.clone().or_else(|| props.predicted.clone());
    let is_prediction = props.measured.is_none();
    // Span indexes are rebuilt only when a trace changes (a new snapshot is a new Rc).
    let primary_index = {
        let trace = primary.clone();
        use_memo(identity(&primary), move |_| {
            trace.as_deref().map(SpanIndex::new)
        })
    };
    let predicted_index = {
        let trace = props.predicted.clone();
        use_memo(identity(&props.predicted), move |_| {
            trace.as_deref().map(SpanIndex::new)
        })
    };
    let lanes = primary.as_ref().map_or(0, |t| t.tasks.len());
    let height = paint::height_for(lanes);
    let extent_us = {
        let pred = props
            .predicted
            .as_ref()
            .and_then(|p| p.total_us)
            .unwrap_or(0.0);
        let meas = props.measured.as_ref().map_or(0.0, |t| t.extent_us());
        let grown = if props.live.is_some() { *grown_us } else { 0.0 };
        pred.max(meas).max(grown)
    };
    let live = props.live.is_some();
    let view_for = {
        let zoom = *zoom;
        move |width_px: f64| -> Viewport {
            let plot = (width_px - GUTTER_PX).max(1.0);
            match zoom {
                Some((start_us, end_us)) => Viewport {
                    start_us,
                    end_us,
                    width_px: plot,
                },
                None => Viewport::fit(extent_us, plot),
            }
        }
    };

    // Paint the lanes after every render; the overlay carries the playhead.
    {
        let (canvas_ref, overlay_ref) = (canvas_ref.clone(), overlay_ref.clone());
        let primary = primary.clone();
        let predicted = props.predicted.clone();
        let (primary_index, predicted_index) = (primary_index.clone(), predicted_index.clone());
        let playhead_us = props.playhead_us;
        let width_cache = width_cache.clone();
        use_effect(move || {
            let canvas = canvas_ref.cast::<HtmlCanvasElement>();
            if let (Some(canvas), None) = (&canvas, primary.as_deref()) {
                // No valid form, no prediction: leave no stale lanes behind the message.
                let width = css_width(canvas);
                if let Some(ctx) = prepare(canvas, width, height) {
                    ctx.clear_rect(0.0, 0.0, width, height);
                }
            }
            if let (Some(canvas), Some(trace), Some(index)) =
                (canvas, primary.as_deref(), primary_index.as_ref())
            {
                let predicted = predicted.as_deref().zip(predicted_index.as_ref().as_ref());
                let frame = Frame {
                    primary: trace,
                    primary_index: index,
                    predicted,
                    primary_is_prediction: is_prediction,
                    view: view_for(0.0),
                    width_px: 0.0,
                    height_px: height,
                    palette: palette(),
                };
                *width_cache.borrow_mut() = draw(&canvas, frame, view_for);
            }
            if let Some(overlay) = overlay_ref.cast::<HtmlCanvasElement>() {
                let at = if live || is_prediction {
                    f64::NAN
                } else {
                    playhead_us
                };
                draw_playhead(&overlay, view_for, at, *width_cache.borrow(), height);
            }
        });
    }

    // While a run is live, only the overlay is redrawn each frame, at the loop's own clock: the
    // measured loop shares this thread, so the view must cost it as little as possible.
    {
        let overlay_ref = overlay_ref.clone();
        let grown_us = grown_us.clone();
        let width_cache = width_cache.clone();
        use_effect_with(
            (props.live.clone(), *zoom, extent_us),
            move |(clock, zoom, _)| {
                let fit = zoom.is_none();
                let ticker = clock.clone().map(|LiveClock(exec)| {
                    AnimationLoop::start(move |_| {
                        if exec.is_finished() {
                            return false;
                        }
                        let now = exec.now_us();
                        if let Some(overlay) = overlay_ref.cast::<HtmlCanvasElement>() {
                            let width = *width_cache.borrow();
                            let vp = draw_playhead(&overlay, view_for, now, width, height);
                            if fit && now > vp.end_us * 0.98 {
                                grown_us.set(now * 1.25);
                            }
                        }
                        true
                    })
                });
                move || drop(ticker)
            },
        );
    }

    let width_of = |canvas_ref: &NodeRef| -> f64 {
        canvas_ref
            .cast::<HtmlCanvasElement>()
            .map_or(800.0, |c| c.get_bounding_client_rect().width())
    };
    let pos = |canvas_ref: &NodeRef, e: &MouseEvent| -> (f64, f64) {
        match canvas_ref.cast::<HtmlCanvasElement>() {
            Some(c) => {
                let r = c.get_bounding_client_rect();
                (
                    e.client_x() as f64 - r.left(),
                    e.client_y() as f64 - r.top(),
                )
            }
            None => (0.0, 0.0),
        }
    };

    let onwheel = {
        let (canvas_ref, zoom) = (canvas_ref.clone(), zoom.clone());
        Callback::from(move |e: WheelEvent| {
            e.prevent_default();
            let width = width_of(&canvas_ref);
            let vp = view_for(width);
            let (x, _) = pos(&canvas_ref, &e);
            let next = if e.shift_key() {
                let d = if e.delta_x() != 0.0 {
                    e.delta_x()
                } else {
                    e.delta_y()
                };
                vp.pan(d)
            } else {
                vp.zoom((e.delta_y() * 0.0015).exp(), (x - GUTTER_PX).max(0.0))
            };
            zoom.set(Some((next.start_us, next.end_us)));
        })
    };

    let onmousedown = {
        let (canvas_ref, drag, on_seek) = (canvas_ref.clone(), drag.clone(), props.on_seek.clone());
        Callback::from(move |e: MouseEvent| {
            let (x, _) = pos(&canvas_ref, &e);
            if e.shift_key() || e.alt_key() || e.button() == 1 {
                *drag.borrow_mut() = Drag::Pan { last_x: x };
            } else if !live && x >= GUTTER_PX {
                *drag.borrow_mut() = Drag::Scrub;
                let vp = view_for(width_of(&canvas_ref));
                on_seek.emit(vp.us_at(x - GUTTER_PX).max(0.0));
            }
        })
    };

    let onmousemove = {
        let (canvas_ref, drag, on_seek) = (canvas_ref.clone(), drag.clone(), props.on_seek.clone());
        let (zoom, hover, primary) = (zoom.clone(), hover.clone(), primary.clone());
        Callback::from(move |e: MouseEvent| {
            let (x, y) = pos(&canvas_ref, &e);
            let vp = view_for(width_of(&canvas_ref));
            let state = *drag.borrow();
            match state {
                Drag::Pan { last_x } => {
                    let next = vp.pan(last_x - x);
                    zoom.set(Some((next.start_us, next.end_us)));
                    *drag.borrow_mut() = Drag::Pan { last_x: x };
                }
                Drag::Scrub => on_seek.emit(vp.us_at(x - GUTTER_PX).max(0.0)),
                Drag::None => {}
            }
            let found = primary.as_ref().and_then(|trace| {
                let lane = paint::lane_at(y, trace.tasks.len())?;
                if x < GUTTER_PX {
                    // The lane's name in full (the gutter may shorten it).
                    let task = trace.tasks.get(lane)?;
                    let outcome = task.outcome.as_ref().map_or("running", |o| o.label());
                    return Some(format!("{}\n{outcome}", task.name));
                }
                let i = hit(trace, &vp, lane, x - GUTTER_PX)?;
                Some(describe(trace, i))
            });
            let next = found.map(|text| Hover { x, y, text });
            if *hover != next {
                hover.set(next);
            }
        })
    };

    let end_drag = {
        let drag = drag.clone();
        Callback::from(move |_: MouseEvent| *drag.borrow_mut() = Drag::None)
    };
    let onmouseleave = {
        let (drag, hover) = (drag.clone(), hover.clone());
        Callback::from(move |_: MouseEvent| {
            *drag.borrow_mut() = Drag::None;
            hover.set(None);
        })
    };
    let ondblclick = {
        let zoom = zoom.clone();
        Callback::from(move |_: MouseEvent| zoom.set(None))
    };

    let onkeydown = {
        let (canvas_ref, zoom, on_seek, primary) = (
            canvas_ref.clone(),
            zoom.clone(),
            props.on_seek.clone(),
            primary.clone(),
        );
        let playhead = props.playhead_us;
        Callback::from(move |e: KeyboardEvent| {
            let width = width_of(&canvas_ref);
            let vp = view_for(width);
            let centre = (width - GUTTER_PX) / 2.0;
            match e.key().as_str() {
                "ArrowRight" | "ArrowLeft" if !live => {
                    if let Some(trace) = primary.as_ref() {
                        let forward = e.key() == "ArrowRight";
                        if let Some(t) = step(trace, playhead, forward) {
                            on_seek.emit(t);
                        }
                        e.prevent_default();
                    }
                }
                "+" | "=" => zoom.set(Some(tuple(vp.zoom(0.7, centre)))),
                "-" | "_" => zoom.set(Some(tuple(vp.zoom(1.0 / 0.7, centre)))),
                "0" | "Home" => zoom.set(None),
                _ => {}
            }
        })
    };

    let tooltip = hover.as_ref().map(|h| {
        let style = format!("left:{}px;top:{}px", h.x + 14.0, h.y + 12.0);
        html! { <div class="tooltip" role="tooltip" {style}>{ h.text.clone() }</div> }
    });
    let empty = primary.is_none();
    html! {
        <div class="timeline-wrap">
            <canvas ref={overlay_ref} class="timeline-overlay" aria-hidden="true"
                style={format!("height:{height}px")} />
            <canvas
                ref={canvas_ref}
                class="timeline"
                tabindex="0"
                role="img"
                aria-label="Timeline: one lane per task; arrow keys step between events, + and - zoom, 0 resets"
                style={format!("height:{height}px")}
                {onwheel} {onmousedown} {onmousemove} onmouseup={end_drag} {onmouseleave} {ondblclick} {onkeydown}
            />
            { tooltip }
            if empty {
                <p class="timeline-empty">{ "Fix the highlighted parameters to see the prediction." }</p>
            }
        </div>
    }
}

fn tuple(vp: Viewport) -> (f64, f64) {
    (vp.start_us, vp.end_us)
}

/// The next (or previous) event start after (before) `from_us`.
fn step(trace: &Trace, from_us: f64, forward: bool) -> Option<f64> {
    let times = trace
        .events
        .iter()
        .filter(|e| e.kind != Kind::Run || e.dur_us > 0.0)
        .map(|e| e.start_us);
    const EPS: f64 = 0.5;
    if forward {
        times.filter(|&t| t > from_us + EPS).reduce(f64::min)
    } else {
        times.filter(|&t| t < from_us - EPS).reduce(f64::max)
    }
}

/// The tooltip text for an event: task, state, operation, start and duration.
fn describe(trace: &Trace, i: usize) -> String {
    let e = &trace.events[i];
    let task = trace.tasks.get(e.task).map_or("?", |t| t.name.as_str());
    let state = match e.kind {
        Kind::Run => "running on the loop",
        Kind::Block => "blocking the loop",
        Kind::Sleep => "sleeping (timer)",
        Kind::Io => "waiting on I/O",
        Kind::Ready => "ready, waiting for the loop",
        Kind::Compute => "CPU work",
        Kind::Scenario => "work item",
        Kind::Print => "print",
        Kind::End => "ended",
        Kind::Frozen => "page frozen: no frame painted",
    };
    let meta = &trace.meta;
    let mut text = format!("{task} · {state}\n");
    match e.kind {
        Kind::Print => text.push_str(&format!("\"{}\"\n", e.label.replace('\t', " "))),
        Kind::End => {
            let outcome = trace.tasks.get(e.task).and_then(|t| t.outcome.as_ref());
            text.push_str(outcome.map_or("ended", |o| o.label()));
            if let Some(awaitlab_core::trace::Outcome::Failed(msg)) = outcome {
                text.push_str(&format!(": {msg}"));
            }
            text.push('\n');
        }
        _ => {
            text.push_str(&e.label);
            if let Some(v) = e.value {
                text.push_str(&format!(" (value {v})"));
            }
            text.push('\n');
        }
    }
    text.push_str(&format!("at {:.3} s", meta.to_s(e.start_us)));
    if !e.kind.is_instant() {
        text.push_str(&format!(
            " · lasted {:.3} s ({:.2} ms real)",
            meta.to_s(e.dur_us),
            e.dur_us / 1000.0
        ));
    }
    if let Some(err) = &e.error {
        text.push_str(&format!("\nerror: {err}"));
    }
    text
}

/// Sizes a canvas to `width` × `height` CSS px at the device pixel ratio; returns its 2D context.
fn prepare(
    canvas: &HtmlCanvasElement,
    width: f64,
    height: f64,
) -> Option<web_sys::CanvasRenderingContext2d> {
    let window = web_sys::window()?;
    let dpr = window.device_pixel_ratio().max(1.0);
    let (w_px, h_px) = ((width * dpr).round() as u32, (height * dpr).round() as u32);
    if canvas.width() != w_px {
        canvas.set_width(w_px);
    }
    if canvas.height() != h_px {
        canvas.set_height(h_px);
    }
    let ctx = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())?;
    let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
    Some(ctx)
}

/// The canvas's CSS width (reading it forces layout: once per draw).
fn css_width(canvas: &HtmlCanvasElement) -> f64 {
    canvas.get_bounding_client_rect().width().max(200.0)
}

fn palette() -> &'static paint::Palette {
    let dark = web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches());
    if dark {
        &paint::DARK
    } else {
        &paint::LIGHT
    }
}

/// Paints `frame` on `canvas`, sized to the canvas's current width; returns that width.
fn draw(canvas: &HtmlCanvasElement, mut frame: Frame, view_for: impl Fn(f64) -> Viewport) -> f64 {
    let width = css_width(canvas);
    if let Some(ctx) = prepare(canvas, width, frame.height_px) {
        frame.view = view_for(width);
        frame.width_px = width;
        paint::paint(&ctx, &frame);
    }
    width
}

/// A trace's identity for memoising: its allocation and size.
fn identity(trace: &Option<Rc<Trace>>) -> (usize, usize) {
    trace
        .as_ref()
        .map_or((0, 0), |t| (Rc::as_ptr(t) as usize, t.events.len()))
}

/// Draws the playhead at `at_us` (nothing for NaN) on a canvas `width` CSS px wide (0: measure
/// it); returns the view used.
fn draw_playhead(
    canvas: &HtmlCanvasElement,
    view_for: impl Fn(f64) -> Viewport,
    at_us: f64,
    width: f64,
    height: f64,
) -> Viewport {
    let width = if width > 0.0 {
        width
    } else {
        css_width(canvas)
    };
    let vp = view_for(width);
    if let Some(ctx) = prepare(canvas, width, height) {
        paint::paint_playhead(&ctx, &vp, at_us, width, height, palette());
    }
    vp
}

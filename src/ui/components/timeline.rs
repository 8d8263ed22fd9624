//! The timeline view: a canvas with one lane per task, the playhead, zoom, pan, scrub and a tooltip.
//! Geometry comes from `awaitlab_core::layout`, drawing from `ui::paint`; this file holds only interaction.
//!
//! Input comes as pointer events, so a mouse, a pen and fingers all work: press or tap to place
//! the playhead, drag to scrub; with a mouse, wheel to zoom and shift+wheel or shift+drag to pan;
//! with two fingers, pinch to zoom and move to pan.

use std::collections::HashMap;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{HtmlCanvasElement, KeyboardEvent, MouseEvent, PointerEvent, WheelEvent};
use yew::prelude::*;

use crate::browser::frame::AnimationLoop;
use crate::ui::paint::{self, Frame, GUTTER_MIN_PX};
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
    /// The traces as recorded, when `measured` and `predicted` are laid out by steps: the
    /// tooltip gives their times.
    pub recorded: (Option<Rc<Trace>>, Option<Rc<Trace>>),
    /// Whether the traces are laid out by the loop's steps rather than by time.
    pub steps: bool,
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
            && same(&self.recorded.0, &other.recorded.0)
            && same(&self.recorded.1, &other.recorded.1)
            && self.steps == other.steps
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
    Pan {
        last_x: f64,
    },
    /// Two fingers down: the view when they landed, their distance and midpoint then.
    Pinch {
        view: (f64, f64),
        distance: f64,
        mid_x: f64,
    },
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
    // Pointers down on the canvas (a mouse button, a pen, each finger): where they are.
    let pointers = use_mut_ref(HashMap::<i32, (f64, f64)>::new);
    // The gutter's width as of the last full draw (it fits the longest lane name).
    let gutter_cache = use_mut_ref(|| GUTTER_MIN_PX);
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
    // The primary trace as recorded (its times), when it is drawn laid out by steps.
    let describe_source = if is_prediction {
        props.recorded.1.clone()
    } else {
        props.recorded.0.clone()
    };
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
        let gutter_cache = gutter_cache.clone();
        move |width_px: f64| -> Viewport {
            let plot = (width_px - *gutter_cache.borrow()).max(1.0);
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
        let (width_cache, gutter_cache) = (width_cache.clone(), gutter_cache.clone());
        let steps = props.steps;
        let view_for = view_for.clone();
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
                    steps,
                    gutter_px: *gutter_cache.borrow(),
                    view: view_for(0.0),
                    width_px: 0.0,
                    height_px: height,
                    palette: palette(),
                };
                *width_cache.borrow_mut() = draw(&canvas, frame, &gutter_cache, &view_for);
            }
            if let Some(overlay) = overlay_ref.cast::<HtmlCanvasElement>() {
                let at = if live || is_prediction {
                    f64::NAN
                } else {
                    playhead_us
                };
                let gutter = *gutter_cache.borrow();
                draw_playhead(
                    &overlay,
                    &view_for,
                    (gutter, at),
                    *width_cache.borrow(),
                    height,
                );
            }
        });
    }

    // While a run is live, only the overlay is redrawn each frame, at the loop's own clock: the
    // measured loop shares this thread, so the view must cost it as little as possible.
    {
        let overlay_ref = overlay_ref.clone();
        let grown_us = grown_us.clone();
        let (width_cache, gutter_cache) = (width_cache.clone(), gutter_cache.clone());
        let view_for = view_for.clone();
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
                            let gutter = *gutter_cache.borrow();
                            let vp =
                                draw_playhead(&overlay, &view_for, (gutter, now), width, height);
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
        let view_for = view_for.clone();
        let (canvas_ref, zoom, gutter_cache) =
            (canvas_ref.clone(), zoom.clone(), gutter_cache.clone());
        Callback::from(move |e: WheelEvent| {
            e.prevent_default();
            let width = width_of(&canvas_ref);
            let vp = view_for(width);
            let (x, _) = pos(&canvas_ref, &e);
            let gutter = *gutter_cache.borrow();
            let next = if e.shift_key() {
                let d = if e.delta_x() != 0.0 {
                    e.delta_x()
                } else {
                    e.delta_y()
                };
                vp.pan(d)
            } else {
                vp.zoom((e.delta_y() * 0.0015).exp(), (x - gutter).max(0.0))
            };
            zoom.set(Some((next.start_us, next.end_us)));
        })
    };

    // The tooltip for what is under (x, y): a lane's name in the gutter, else the event there.
    let hover_at = {
        let (primary, hover, gutter_cache) = (primary.clone(), hover.clone(), gutter_cache.clone());
        let describe_from = describe_source.clone();
        move |vp: &Viewport, x: f64, y: f64| {
            let gutter = *gutter_cache.borrow();
            let found = primary.as_ref().and_then(|trace| {
                let lane = paint::lane_at(y, trace.tasks.len())?;
                if x < gutter {
                    // The lane's name in full.
                    let task = trace.tasks.get(lane)?;
                    let outcome = task.outcome.as_ref().map_or("running", |o| o.label());
                    return Some(format!("{}\n{outcome}", task.name));
                }
                let i = hit(trace, vp, lane, x - gutter)?;
                Some(describe(
                    describe_from.as_deref().unwrap_or(trace),
                    trace,
                    i,
                ))
            });
            let next = found.map(|text| Hover { x, y, text });
            if *hover != next {
                hover.set(next);
            }
        }
    };

    let onpointerdown = {
        let view_for = view_for.clone();
        let (canvas_ref, drag, on_seek) = (canvas_ref.clone(), drag.clone(), props.on_seek.clone());
        let (pointers, gutter_cache) = (pointers.clone(), gutter_cache.clone());
        let hover_at = hover_at.clone();
        Callback::from(move |e: PointerEvent| {
            let (x, y) = pos(&canvas_ref, &e);
            if let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() {
                // Keep getting this pointer's moves while it drags outside the canvas.
                let _ = canvas.set_pointer_capture(e.pointer_id());
            }
            let mut down = pointers.borrow_mut();
            if e.is_primary() {
                // The first pointer of a new gesture: none of an earlier one is still down.
                down.clear();
            }
            down.insert(e.pointer_id(), (x, y));
            let vp = view_for(width_of(&canvas_ref));
            let gutter = *gutter_cache.borrow();
            if down.len() == 2 {
                // A second finger: pinch to zoom, move to pan.
                let mut at = down.values();
                let (a, b) = (at.next().copied(), at.next().copied());
                if let (Some(a), Some(b)) = (a, b) {
                    *drag.borrow_mut() = Drag::Pinch {
                        view: tuple(vp),
                        distance: (a.0 - b.0).hypot(a.1 - b.1).max(1.0),
                        mid_x: (a.0 + b.0) / 2.0 - gutter,
                    };
                }
                return;
            }
            if down.len() > 2 {
                return;
            }
            if e.pointer_type() == "mouse" && (e.shift_key() || e.alt_key() || e.button() == 1) {
                *drag.borrow_mut() = Drag::Pan { last_x: x };
            } else if !live && x >= gutter {
                *drag.borrow_mut() = Drag::Scrub;
                on_seek.emit(vp.us_at(x - gutter).max(0.0));
            }
            if e.pointer_type() != "mouse" {
                // No hover on a touch screen: a tap shows what is there.
                hover_at(&vp, x, y);
            }
        })
    };

    let onpointermove = {
        let view_for = view_for.clone();
        let (canvas_ref, drag, on_seek) = (canvas_ref.clone(), drag.clone(), props.on_seek.clone());
        let (zoom, pointers, gutter_cache) = (zoom.clone(), pointers.clone(), gutter_cache.clone());
        let hover_at = hover_at.clone();
        Callback::from(move |e: PointerEvent| {
            let (x, y) = pos(&canvas_ref, &e);
            let width = width_of(&canvas_ref);
            let vp = view_for(width);
            let gutter = *gutter_cache.borrow();
            let down = {
                let mut down = pointers.borrow_mut();
                if let Some(p) = down.get_mut(&e.pointer_id()) {
                    *p = (x, y);
                }
                down.values().copied().collect::<Vec<_>>()
            };
            let state = *drag.borrow();
            match state {
                Drag::Pinch {
                    view,
                    distance,
                    mid_x,
                } if down.len() >= 2 => {
                    let (a, b) = (down[0], down[1]);
                    let now_distance = (a.0 - b.0).hypot(a.1 - b.1).max(1.0);
                    let now_mid = (a.0 + b.0) / 2.0 - gutter;
                    let plot = (width - gutter).max(1.0);
                    let span = ((view.1 - view.0) * distance / now_distance)
                        .max(awaitlab_core::layout::MIN_SPAN_US);
                    // The time under the fingers' first midpoint stays under their midpoint now.
                    let anchor = view.0 + mid_x / plot * (view.1 - view.0);
                    let start = anchor - now_mid / plot * span;
                    zoom.set(Some((start, start + span)));
                    return;
                }
                Drag::Pan { last_x } => {
                    let next = vp.pan(last_x - x);
                    zoom.set(Some((next.start_us, next.end_us)));
                    *drag.borrow_mut() = Drag::Pan { last_x: x };
                }
                Drag::Scrub => on_seek.emit(vp.us_at(x - gutter).max(0.0)),
                Drag::Pinch { .. } | Drag::None => {}
            }
            if e.pointer_type() == "mouse" || state == Drag::Scrub {
                hover_at(&vp, x, y);
            }
        })
    };

    let end_pointer = {
        let (drag, pointers) = (drag.clone(), pointers.clone());
        Callback::from(move |e: PointerEvent| {
            let mut down = pointers.borrow_mut();
            down.remove(&e.pointer_id());
            // Lifting one finger of two ends the pinch; the other does not start a scrub.
            if down.is_empty() || matches!(*drag.borrow(), Drag::Pinch { .. }) {
                *drag.borrow_mut() = Drag::None;
            }
        })
    };
    let onpointerleave = {
        let (hover, pointers) = (hover.clone(), pointers.clone());
        Callback::from(move |e: PointerEvent| {
            if e.pointer_type() == "mouse" && pointers.borrow().is_empty() {
                hover.set(None);
            }
        })
    };
    let ondblclick = {
        let zoom = zoom.clone();
        Callback::from(move |_: MouseEvent| zoom.set(None))
    };

    let onkeydown = {
        let view_for = view_for.clone();
        let (canvas_ref, zoom, on_seek, primary) = (
            canvas_ref.clone(),
            zoom.clone(),
            props.on_seek.clone(),
            primary.clone(),
        );
        let gutter_cache = gutter_cache.clone();
        let steps = props.steps;
        let playhead = props.playhead_us;
        Callback::from(move |e: KeyboardEvent| {
            let width = width_of(&canvas_ref);
            let vp = view_for(width);
            let centre = (width - *gutter_cache.borrow()) / 2.0;
            match e.key().as_str() {
                "ArrowRight" | "ArrowLeft" if !live => {
                    if let Some(trace) = primary.as_ref() {
                        let forward = e.key() == "ArrowRight";
                        let slack = if steps { 1e-6 } else { 0.5 };
                        if let Some(t) = step(trace, playhead, forward, slack) {
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
                aria-label={if props.steps {
                    "Timeline by the loop's steps: one lane per task; arrow keys step between events, + and - zoom, 0 resets"
                } else {
                    "Timeline: one lane per task; arrow keys step between events, + and - zoom, 0 resets"
                }}
                style={format!("height:{height}px")}
                {onwheel} {onpointerdown} {onpointermove} onpointerup={end_pointer.clone()}
                onpointercancel={end_pointer} {onpointerleave} {ondblclick} {onkeydown}
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

/// The next (or previous) event start after (before) `from_us`, by more than `slack`.
fn step(trace: &Trace, from_us: f64, forward: bool, slack: f64) -> Option<f64> {
    let times = trace
        .events
        .iter()
        .filter(|e| e.kind != Kind::Run || e.dur_us > 0.0)
        .map(|e| e.start_us);
    if forward {
        times.filter(|&t| t > from_us + slack).reduce(f64::min)
    } else {
        times.filter(|&t| t < from_us - slack).reduce(f64::max)
    }
}

/// The tooltip text for event `i`: task, state, operation, start and duration, read from the trace
/// as `recorded` (its times); `drawn` is the same trace as laid out, which adds the step when it
/// is laid out by steps.
fn describe(recorded: &Trace, drawn: &Trace, i: usize) -> String {
    let trace = recorded;
    let Some(e) = trace.events.get(i) else {
        return String::new();
    };
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
    let mut text = format!("{task} · {state}");
    if let Some(line) = e.line {
        text.push_str(&format!(" · line {line}"));
    }
    text.push('\n');
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
    if !std::ptr::eq(recorded, drawn) {
        if let Some(d) = drawn.events.get(i) {
            text.push_str(&format!("step {:.0} · ", d.start_us.floor()));
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

/// Paints `frame` on `canvas`, sized to the canvas's current width, with a gutter that fits its
/// lane names (kept in `gutter`); returns that width.
fn draw(
    canvas: &HtmlCanvasElement,
    mut frame: Frame,
    gutter: &std::cell::RefCell<f64>,
    view_for: &dyn Fn(f64) -> Viewport,
) -> f64 {
    let width = css_width(canvas);
    if let Some(ctx) = prepare(canvas, width, frame.height_px) {
        *gutter.borrow_mut() = paint::gutter_for(&ctx, frame.primary, width);
        frame.gutter_px = *gutter.borrow();
        frame.view = view_for(width);
        frame.width_px = width;
        let labels = paint::paint(&ctx, &frame);
        let trace = frame.primary;
        let activity = activity_us(trace);
        crate::browser::dom::set_view(&serde_json::json!({
            "axis": if frame.steps { "steps" } else { "seconds" },
            "start": frame.view.start_us,
            "end": frame.view.end_us,
            "activity": activity.map(|(a, b)| [a, b]),
            "width": width,
            "gutter": frame.gutter_px,
            "lanes": trace.tasks.iter().zip(labels).map(|(t, lines)| {
                serde_json::json!({ "name": t.name, "lines": lines })
            }).collect::<Vec<_>>(),
            "measured": !frame.primary_is_prediction,
        }));
    }
    width
}

/// Where the tasks' own activity lies (not the page's lane or the workers'), on the trace's axis.
fn activity_us(trace: &Trace) -> Option<(f64, f64)> {
    let tasks =
        |e: &&awaitlab_core::trace::Event| trace.tasks.get(e.task).is_some_and(|t| t.is_task());
    let spans = trace.events.iter().filter(tasks);
    let start = spans.clone().map(|e| e.start_us).reduce(f64::min)?;
    let end = spans.map(|e| e.end_us()).reduce(f64::max)?;
    Some((start, end))
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
    view_for: &dyn Fn(f64) -> Viewport,
    (gutter, at_us): (f64, f64),
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
        paint::paint_playhead(&ctx, &vp, (gutter, at_us), width, height, palette());
    }
    vp
}

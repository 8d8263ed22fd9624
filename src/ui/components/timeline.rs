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

use crate::browser::driver::SharedFeed;
use crate::browser::export;
use crate::browser::frame::AnimationLoop;
use crate::ui::i18n::{tr, use_lang};
use crate::ui::paint::{self, Frame, GUTTER_MIN_PX};
use awaitlab_core::executor::Executor;
use awaitlab_core::layout::{describe, hit, outcome_words, step, SpanIndex, Viewport};
use awaitlab_core::paint::TextWidths;
use awaitlab_core::trace::Trace;
use awaitlab_core::view_options::Theme;

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
    /// The colours asked for (the system's, or the person's choice): the canvas follows them.
    #[prop_or_default]
    pub theme: Theme,
    /// The axis reaches at least this far (real µs): two timelines compared share one axis.
    #[prop_or_default]
    pub axis_us: f64,
    /// A second timeline (a comparison's): it does not stand for the page in
    /// `window.awaitlab.view()` or the exports, which are the first timeline's.
    #[prop_or_default]
    pub secondary: bool,
    /// Another timeline's trace whose lane names this gutter must fit too, so two timelines
    /// compared start their axes at the same x.
    #[prop_or_default]
    pub gutter_with: Option<Rc<Trace>>,
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
            && self.theme == other.theme
            && self.axis_us.to_bits() == other.axis_us.to_bits()
            && self.secondary == other.secondary
            && same(&self.gutter_with, &other.gutter_with)
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

/// The clock of a live run (a loop on the page, or in a worker), compared by identity, and the
/// feed its trace grows from (the timeline extends its span index along it).
#[derive(Clone)]
pub struct LiveClock {
    /// The run's clock.
    pub source: Rc<dyn LiveSource>,
    /// The run's trace as views grow it.
    pub feed: Option<SharedFeed>,
}

impl PartialEq for LiveClock {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::addr_eq(Rc::as_ptr(&self.source), Rc::as_ptr(&other.source))
    }
}

/// The tooltip, and the event it describes, outlined on the overlay.
#[derive(Clone, PartialEq)]
struct Hover {
    x: f64,
    y: f64,
    text: String,
    mark: Option<Mark>,
}

/// An event outlined on the overlay: its lane and extent on the drawn axis.
#[derive(Clone, Copy, PartialEq, Debug)]
struct Mark {
    lane: usize,
    start_us: f64,
    end_us: f64,
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

/// A canvas's 2D context, asked for once, and the size its backing store was last given.
#[derive(Default)]
struct Surface {
    ctx: Option<web_sys::CanvasRenderingContext2d>,
    size: (u32, u32, u64),
    /// The device pixel ratio its transform scales by.
    dpr: f64,
    /// Text widths measured on it (lane names), kept from draw to draw.
    widths: TextWidths,
}

/// The span index of the trace drawn last: built once per trace, or extended along a live run's
/// feed with the events since.
#[derive(Default)]
struct IndexCache {
    /// The trace indexed (its allocation and length, as [`identity`] gives them).
    trace: (usize, usize),
    /// The feed it was grown along, how many of its events were final then, and its generation.
    feed: Option<(usize, usize, u64)>,
    index: SpanIndex,
}

/// The timeline component.
#[function_component(Timeline)]
pub fn timeline(props: &TimelineProps) -> Html {
    let lang = use_lang();
    let canvas_ref = use_node_ref();
    let overlay_ref = use_node_ref();
    // The lanes' box, as tall as all the lanes: the two canvases stick to the window's top
    // inside it, and pointers are placed on the lanes from its top.
    let wrap_ref = use_node_ref();
    let tooltip_ref = use_node_ref();
    // While live, how far the run has outgrown the prediction (the view widens in steps).
    let grown_us = use_state(|| 0.0f64);
    // The person's zoom/pan as (start, end) µs; `None` fits the run.
    let zoom = use_state(|| None::<(f64, f64)>);
    let hover = use_state(|| None::<Hover>);
    let drag = use_mut_ref(|| Drag::None);
    // While a drag scrubs, the overlay's playhead follows the pointer at once; the page (the
    // program's marks, the loop, the console, all re-rendered for a seek) follows as often as
    // it can keep up with (see [`SeekGate`]).
    let scrub_at = use_state(|| None::<f64>);
    let seek_gate = use_mut_ref(SeekGate::default);

    // Pointers down on the canvas (a mouse button, a pen, each finger): where they are.
    let pointers = use_mut_ref(HashMap::<i32, (f64, f64)>::new);
    // The gutter's width as of the last full draw (it fits the longest lane name).
    let gutter_cache = use_mut_ref(|| GUTTER_MIN_PX);
    // The canvas's CSS width as of the last full draw: the per-frame overlay reads this instead of
    // asking the page for layout on every frame.
    let width_cache = use_mut_ref(|| 0.0f64);
    let resized = use_state(|| 0u32);
    // The lanes' and the overlay's contexts, asked for once.
    let lanes_surface = use_mut_ref(Surface::default);
    let overlay_surface = use_mut_ref(Surface::default);
    // The event outlined on the overlay (the live ticker redraws it with the playhead).
    let outline = use_mut_ref(|| None::<Mark>);
    // The overlay is only as tall as the window (a canvas as tall as 500 lanes would go to the
    // compositor whole at every frame of a scrub), kept in view by `position: sticky` over the
    // lanes: how far down the lanes its top is now (see [`sticky_top`]), and what it drew last,
    // to draw again there when the page scrolls.
    let overlay_top = use_mut_ref(|| 0.0f64);
    let last_overlay = use_mut_ref(|| None::<(Overlay, f64)>);
    // The lanes' canvas is as tall as the window too, sticky beside the overlay (a canvas as
    // tall as 1,000 lanes held 190 MB of pixels, and a live run's resize of it stalled the page
    // for a tenth of a second): it paints the band of lanes in view, again when the page
    // scrolls, through what the last paint kept here, with the band's top it painted.
    let repaint_lanes = use_mut_ref(|| None::<Rc<dyn Fn(f64)>>);
    let lanes_top = use_mut_ref(|| f64::NAN);
    // The colour scheme, followed through a media query listener rather than asked every frame.
    let dark = use_state(prefers_dark);
    let primary_cache = use_mut_ref(IndexCache::default);
    let predicted_cache = use_mut_ref(IndexCache::default);

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
    // Repaint in the colours the person chose (the root's data-theme is set before this runs).
    {
        let dark = dark.clone();
        use_effect_with(props.theme, move |_| dark.set(prefers_dark()));
    }
    // Repaint when the colour scheme changes.
    {
        let dark = dark.clone();
        use_effect_with((), move |_| {
            let query = web_sys::window()
                .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten());
            let closure = { Closure::<dyn Fn()>::new(move || dark.set(prefers_dark())) };
            if let Some(q) = &query {
                let _ =
                    q.add_event_listener_with_callback("change", closure.as_ref().unchecked_ref());
            }
            move || {
                if let Some(q) = query {
                    let _ = q.remove_event_listener_with_callback(
                        "change",
                        closure.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }
    let palette: &'static paint::Palette = if *dark { &paint::DARK } else { &paint::LIGHT };

    let primary = props.measured.clone().or_else(|| props.predicted.clone());
    let is_prediction = props.measured.is_none();
    // The primary trace as recorded (its times), when it is drawn laid out by steps.
    let describe_source = if is_prediction {
        props.recorded.1.clone()
    } else {
        props.recorded.0.clone()
    };
    let feed = props.live.as_ref().and_then(|l| l.feed.clone());
    // A live run's trace grows: the lanes repaint when it does, though its allocation may be
    // reused (the feed takes turns between two traces).
    let primary_key = (
        identity(&primary),
        feed.as_ref().map(|f| f.borrow().generation()),
    );
    let lanes = primary.as_ref().map_or(0, |t| t.tasks.len());
    let height = paint::height_for(lanes);
    let overlay_h = overlay_height(height);
    let extent_us = {
        let pred = props
            .predicted
            .as_ref()
            .and_then(|p| p.total_us)
            .unwrap_or(0.0);
        let meas = props.measured.as_ref().map_or(0.0, |t| t.extent_us());
        let grown = if props.live.is_some() { *grown_us } else { 0.0 };
        pred.max(meas).max(grown).max(props.axis_us)
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

    // Paint the lanes when what they show changes — the traces, the view, the size, the theme —
    // and not for a playhead or a tooltip, which the overlay carries.
    {
        let canvas_ref = canvas_ref.clone();
        let primary = primary.clone();
        let predicted = props.predicted.clone();
        let props_predicted = props.predicted.clone();
        let (primary_cache, predicted_cache) = (primary_cache.clone(), predicted_cache.clone());
        let (width_cache, gutter_cache) = (width_cache.clone(), gutter_cache.clone());
        let surface = lanes_surface.clone();
        let steps = props.steps;
        let view_for = view_for.clone();
        let feed = feed.clone();
        let (recorded, dark_on) = (describe_source.clone(), *dark);
        let secondary = props.secondary;
        let gutter_with = props.gutter_with.clone();
        let overlay_top = overlay_top.clone();
        let (wrap_ref, repaint_lanes, lanes_top) =
            (wrap_ref.clone(), repaint_lanes.clone(), lanes_top.clone());
        let deps = (
            primary_key,
            (identity(&props.predicted), identity(&props.gutter_with)),
            (steps, is_prediction, *dark, lang),
            (*zoom).map(|(a, b)| (a.to_bits(), b.to_bits())),
            extent_us.to_bits(),
            (*resized, height.to_bits(), overlay_h.to_bits()),
        );
        use_effect_with(deps, move |_| {
            let canvas = canvas_ref.cast::<HtmlCanvasElement>();
            // The band of the lanes the window shows, where both canvases stick.
            let top = sticky_top(top_of(&wrap_ref), height, overlay_h);
            *overlay_top.borrow_mut() = top;
            if let (Some(canvas), None) = (&canvas, primary.as_deref()) {
                *repaint_lanes.borrow_mut() = None;
                // No valid form, no prediction: leave no stale lanes behind the message.
                let width = css_width(canvas);
                let mut surface = surface.borrow_mut();
                if let Some(ctx) = prepare(canvas, &mut surface, width, overlay_h) {
                    let dpr = surface.dpr;
                    let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
                    ctx.clear_rect(0.0, 0.0, width, overlay_h);
                }
                if !secondary {
                    export::set_shown(None);
                }
            }
            if let (Some(canvas), Some(trace)) = (canvas, primary.clone()) {
                let paint_at = {
                    let (trace, lanes_top) = (trace.clone(), lanes_top.clone());
                    move |top: f64, publish: bool| -> f64 {
                        let mut cache = primary_cache.borrow_mut();
                        let index = index_for(&mut cache, &trace, feed.as_ref());
                        let mut pred_cache = predicted_cache.borrow_mut();
                        let predicted = predicted
                            .as_ref()
                            .map(|p| (&**p, index_for(&mut pred_cache, p, None)));
                        let frame = Frame {
                            primary: &trace,
                            primary_index: index,
                            predicted,
                            primary_is_prediction: is_prediction,
                            steps,
                            gutter_px: *gutter_cache.borrow(),
                            view: view_for(0.0),
                            width_px: 0.0,
                            height_px: height,
                            shown: (top, overlay_h),
                            palette,
                            lang,
                        };
                        *lanes_top.borrow_mut() = top;
                        draw(
                            &canvas,
                            &mut surface.borrow_mut(),
                            frame,
                            &gutter_cache,
                            &view_for,
                            publish,
                            gutter_with.as_deref(),
                        )
                    }
                };
                let width_px = paint_at(top, !secondary);
                *repaint_lanes.borrow_mut() = Some(Rc::new(move |top| {
                    paint_at(top, false);
                }));
                *width_cache.borrow_mut() = width_px;
                if secondary {
                    return;
                }
                // What the exports draw again: these traces, whole, at this width.
                export::set_shown(Some(export::Shown {
                    primary: trace.clone(),
                    recorded: recorded.unwrap_or_else(|| trace.clone()),
                    predicted: props_predicted,
                    primary_is_prediction: is_prediction,
                    steps,
                    dark: dark_on,
                    width_px,
                    lang,
                }));
            }
        });
    }

    // The overlay: the playhead and the outline of the event under the pointer. Cheap, so it
    // follows every seek and hover; it also repaints after the lanes (their view may have moved).
    {
        let overlay_ref = overlay_ref.clone();
        let (width_cache, gutter_cache) = (width_cache.clone(), gutter_cache.clone());
        let (surface, outline) = (overlay_surface.clone(), outline.clone());
        let (overlay_top, last_overlay) = (overlay_top.clone(), last_overlay.clone());
        let view_for = view_for.clone();
        let mark = hover.as_ref().and_then(|h| h.mark);
        let at = if live || is_prediction {
            f64::NAN
        } else {
            scrub_at.unwrap_or(props.playhead_us)
        };
        let deps = (
            at.to_bits(),
            mark.map(|m| (m.lane, m.start_us.to_bits(), m.end_us.to_bits())),
            primary_key,
            (*dark, *resized, height.to_bits(), extent_us.to_bits()),
            (*zoom).map(|(a, b)| (a.to_bits(), b.to_bits())),
            overlay_h.to_bits(),
        );
        use_effect_with(deps, move |_| {
            *outline.borrow_mut() = mark;
            if let Some(overlay) = overlay_ref.cast::<HtmlCanvasElement>() {
                let gutter = *gutter_cache.borrow();
                let drawn = Overlay {
                    gutter,
                    at_us: at,
                    mark,
                    palette,
                    height,
                    shown: (*overlay_top.borrow(), overlay_h),
                };
                let vp = draw_overlay(
                    &overlay,
                    &mut surface.borrow_mut(),
                    &view_for,
                    drawn,
                    *width_cache.borrow(),
                );
                *last_overlay.borrow_mut() = Some((drawn, vp.width_px));
            }
        });
    }

    // When the page scrolls, both canvases stay in view (sticky) and their drawings move the
    // other way: the lanes in view are painted, the playhead and the outline stay on them.
    {
        let (wrap_ref, overlay_ref) = (wrap_ref.clone(), overlay_ref.clone());
        let (surface, overlay_top, last_overlay) = (
            overlay_surface.clone(),
            overlay_top.clone(),
            last_overlay.clone(),
        );
        let (repaint_lanes, lanes_top) = (repaint_lanes.clone(), lanes_top.clone());
        let (width_cache, view_for) = (width_cache.clone(), view_for.clone());
        use_effect_with((height.to_bits(), overlay_h.to_bits()), move |_| {
            let on_scroll = Closure::<dyn Fn()>::new(move || {
                let top = sticky_top(top_of(&wrap_ref), height, overlay_h);
                // The lanes' band moves with the scroll (a pointer may have moved the
                // overlay's already: each keeps the top it drew at).
                let moved = top != *lanes_top.borrow();
                let repaint = repaint_lanes.borrow().clone();
                if let (Some(repaint), true) = (repaint, moved) {
                    repaint(top);
                }
                if top == *overlay_top.borrow() {
                    return;
                }
                *overlay_top.borrow_mut() = top;
                let (Some(overlay), Some((mut drawn, _))) = (
                    overlay_ref.cast::<HtmlCanvasElement>(),
                    *last_overlay.borrow(),
                ) else {
                    return;
                };
                drawn.shown.0 = top;
                draw_overlay(
                    &overlay,
                    &mut surface.borrow_mut(),
                    &view_for,
                    drawn,
                    *width_cache.borrow(),
                );
                *last_overlay.borrow_mut() = Some((drawn, *width_cache.borrow()));
            });
            let window = web_sys::window();
            if let Some(w) = &window {
                let options = web_sys::AddEventListenerOptions::new();
                options.set_passive(true);
                let _ = w.add_event_listener_with_callback_and_add_event_listener_options(
                    "scroll",
                    on_scroll.as_ref().unchecked_ref(),
                    &options,
                );
            }
            move || {
                if let Some(w) = window {
                    let _ = w.remove_event_listener_with_callback(
                        "scroll",
                        on_scroll.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }

    // While a run is live, only the overlay is redrawn each frame, at the loop's own clock: the
    // measured loop shares this thread, so the view must cost it as little as possible.
    {
        let overlay_ref = overlay_ref.clone();
        let grown_us = grown_us.clone();
        let (width_cache, gutter_cache) = (width_cache.clone(), gutter_cache.clone());
        let (surface, outline) = (overlay_surface.clone(), outline.clone());
        let overlay_top = overlay_top.clone();
        let view_for = view_for.clone();
        // The lanes' height is a dependency too: a ticker drawing at a height the lanes have left
        // would resize the overlay back and forth at every snapshot.
        use_effect_with(
            (
                props.live.clone(),
                *zoom,
                extent_us,
                *dark,
                (height.to_bits(), overlay_h.to_bits()),
            ),
            move |(clock, zoom, _, _, _)| {
                let fit = zoom.is_none();
                let ticker = clock.clone().map(|LiveClock { source: exec, .. }| {
                    AnimationLoop::start(move |_| {
                        if exec.is_finished() {
                            return false;
                        }
                        let now = exec.now_us();
                        if let Some(overlay) = overlay_ref.cast::<HtmlCanvasElement>() {
                            let width = *width_cache.borrow();
                            let gutter = *gutter_cache.borrow();
                            let vp = draw_overlay(
                                &overlay,
                                &mut surface.borrow_mut(),
                                &view_for,
                                Overlay {
                                    gutter,
                                    at_us: now,
                                    mark: *outline.borrow(),
                                    palette,
                                    height,
                                    shown: (*overlay_top.borrow(), overlay_h),
                                },
                                width,
                            );
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
    // Where a pointer is on the lanes (and, from the same read of their box, where the overlay
    // sits on them now: a scrub redraws it).
    let pos = {
        let (overlay_top, wrap_ref) = (overlay_top.clone(), wrap_ref.clone());
        move |e: &MouseEvent| -> (f64, f64) {
            match wrap_ref.cast::<web_sys::Element>() {
                Some(w) => {
                    let r = w.get_bounding_client_rect();
                    *overlay_top.borrow_mut() = sticky_top(r.top(), height, overlay_h);
                    (
                        e.client_x() as f64 - r.left(),
                        e.client_y() as f64 - r.top(),
                    )
                }
                None => (0.0, 0.0),
            }
        }
    };

    let onwheel = {
        let view_for = view_for.clone();
        let (canvas_ref, zoom, gutter_cache) =
            (canvas_ref.clone(), zoom.clone(), gutter_cache.clone());
        let pos = pos.clone();
        Callback::from(move |e: WheelEvent| {
            e.prevent_default();
            let width = width_of(&canvas_ref);
            let vp = view_for(width);
            let (x, _) = pos(&e);
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
                    let outcome = outcome_words(task.outcome.as_ref(), lang);
                    return Some((format!("{}\n{outcome}", task.shown_name(lang)), None));
                }
                let i = hit(trace, vp, lane, x - gutter)?;
                let e = trace.events.get(i)?;
                let mark = Mark {
                    lane,
                    start_us: e.start_us,
                    end_us: e.end_us(),
                };
                let text = match describe_from.as_deref() {
                    Some(recorded) => describe(recorded, Some(trace), i, lang),
                    None => describe(trace, None, i, lang),
                };
                Some((text, Some(mark)))
            });
            let next = found.map(|(text, mark)| Hover { x, y, text, mark });
            if *hover != next {
                hover.set(next);
            }
        }
    };

    let onpointerdown = {
        let view_for = view_for.clone();
        let (scrub_at, seek_gate) = (scrub_at.clone(), seek_gate.clone());
        let (canvas_ref, drag, on_seek) = (canvas_ref.clone(), drag.clone(), props.on_seek.clone());
        let (pointers, gutter_cache) = (pointers.clone(), gutter_cache.clone());
        let hover_at = hover_at.clone();
        let pos = pos.clone();
        Callback::from(move |e: PointerEvent| {
            let (x, y) = pos(&e);
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
                // A second finger: pinch to zoom, move to pan (a scrub begun ends where it was).
                SeekGate::flush(&seek_gate, &on_seek);
                scrub_at.set(None);
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
                let at = vp.us_at(x - gutter).max(0.0);
                scrub_at.set(Some(at));
                SeekGate::offer(&seek_gate, &on_seek, at);
            }
            if e.pointer_type() != "mouse" {
                // No hover on a touch screen: a tap shows what is there.
                hover_at(&vp, x, y);
            }
        })
    };

    let onpointermove = {
        let view_for = view_for.clone();
        let (scrub_at, seek_gate) = (scrub_at.clone(), seek_gate.clone());
        let (canvas_ref, drag, on_seek) = (canvas_ref.clone(), drag.clone(), props.on_seek.clone());
        let (zoom, pointers, gutter_cache) = (zoom.clone(), pointers.clone(), gutter_cache.clone());
        let hover_at = hover_at.clone();
        let pos = pos.clone();
        Callback::from(move |e: PointerEvent| {
            let (x, y) = pos(&e);
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
                Drag::Scrub => {
                    let at = vp.us_at(x - gutter).max(0.0);
                    scrub_at.set(Some(at));
                    SeekGate::offer(&seek_gate, &on_seek, at);
                }
                Drag::Pinch { .. } | Drag::None => {}
            }
            if e.pointer_type() == "mouse" || state == Drag::Scrub {
                hover_at(&vp, x, y);
            }
        })
    };

    let end_pointer = {
        let (drag, pointers) = (drag.clone(), pointers.clone());
        let (scrub_at, seek_gate, on_seek) =
            (scrub_at.clone(), seek_gate.clone(), props.on_seek.clone());
        Callback::from(move |e: PointerEvent| {
            let mut down = pointers.borrow_mut();
            down.remove(&e.pointer_id());
            // Lifting one finger of two ends the pinch; the other does not start a scrub.
            if down.is_empty() || matches!(*drag.borrow(), Drag::Pinch { .. }) {
                // The page gets where a scrub ended, and the overlay follows the page again.
                SeekGate::flush(&seek_gate, &on_seek);
                scrub_at.set(None);
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

    // Sizes and positions go through the CSSOM, never a `style` attribute: a page under a
    // Content-Security-Policy without 'unsafe-inline' for styles refuses those.
    {
        let (canvas_ref, overlay_ref) = (canvas_ref.clone(), overlay_ref.clone());
        let wrap_ref = wrap_ref.clone();
        use_effect_with((height.to_bits(), overlay_h.to_bits()), move |_| {
            // The lanes' box is as tall as the lanes; both canvases, as tall as the window.
            crate::browser::dom::set_css(&wrap_ref, &[("min-height", format!("{height}px"))]);
            for canvas in [&canvas_ref, &overlay_ref] {
                crate::browser::dom::set_css(canvas, &[("height", format!("{overlay_h}px"))]);
            }
        });
    }
    {
        let tooltip_ref = tooltip_ref.clone();
        let at = hover
            .as_ref()
            .map(|h| ((h.x + 14.0).to_bits(), (h.y + 12.0).to_bits()));
        use_effect_with(at, move |at| {
            if let Some((x, y)) = at {
                let (x, y) = (f64::from_bits(*x), f64::from_bits(*y));
                // Beside the pointer, on its left where the right would cut it off (a phone).
                let fits = |el: &web_sys::HtmlElement| {
                    // Measured at the left edge, where its width is its own.
                    let _ = el.style().set_property("left", "0px");
                    let room = el
                        .offset_parent()
                        .map_or(f64::INFINITY, |p| f64::from(p.client_width()));
                    let width = f64::from(el.offset_width());
                    match x + width > room {
                        true => (x - 28.0 - width).max(0.0),
                        false => x,
                    }
                };
                let left = tooltip_ref
                    .cast::<web_sys::HtmlElement>()
                    .map_or(x, |el| fits(&el));
                crate::browser::dom::set_css(
                    &tooltip_ref,
                    &[("left", format!("{left}px")), ("top", format!("{y}px"))],
                );
            }
        });
    }
    {
        // How long the page took to render the last seek passed on, its layout included (the
        // frame would lay it out next anyway): effects run once every component has rendered.
        let (seek_gate, canvas_ref) = (seek_gate.clone(), canvas_ref.clone());
        use_effect(move || {
            if seek_gate.borrow().timing.is_some() {
                if let Some(c) = canvas_ref.cast::<HtmlCanvasElement>() {
                    let _ = c.get_bounding_client_rect();
                }
                seek_gate.borrow_mut().rendered(now_ms());
            }
        });
    }
    let tooltip = hover.as_ref().map(|h| {
        html! { <div ref={tooltip_ref.clone()} class="tooltip" role="tooltip">{ h.text.clone() }</div> }
    });
    let empty = primary.is_none();
    html! {
        <div class="timeline-wrap" ref={wrap_ref}>
            // The overlay rides over the lanes' box, sticking to the top of the window.
            <div class="timeline-overlay-track" aria-hidden="true">
                <canvas ref={overlay_ref} class="timeline-overlay" />
            </div>
            <canvas
                ref={canvas_ref}
                class="timeline"
                tabindex="0"
                role="img"
                aria-label={if props.steps {
                    tr!(lang, "timeline-label-steps")
                } else {
                    tr!(lang, "timeline-label")
                }}
                {onwheel} {onpointerdown} {onpointermove} onpointerup={end_pointer.clone()}
                onpointercancel={end_pointer} {onpointerleave} {ondblclick} {onkeydown}
            />
            // One stable child for what comes and goes: Yew matches unkeyed children from the
            // end, so a tooltip appearing beside the canvases would have it re-create them (blank,
            // since the lanes repaint only when what they show changes). Its children are
            // positioned against the wrap, as before.
            <div class="timeline-notes">
                { tooltip }
                if empty {
                    <p class="timeline-empty">{ tr!(lang, "timeline-empty") }</p>
                }
            </div>
        </div>
    }
}

fn tuple(vp: Viewport) -> (f64, f64) {
    (vp.start_us, vp.end_us)
}

/// Sizes a canvas to `width` × `height` CSS px at the device pixel ratio; returns its 2D context,
/// asked for once and kept in `surface` (resizing the backing store resets its transform, so the
/// transform is set again only then).
fn prepare(
    canvas: &HtmlCanvasElement,
    surface: &mut Surface,
    width: f64,
    height: f64,
) -> Option<web_sys::CanvasRenderingContext2d> {
    let window = web_sys::window()?;
    let dpr = window.device_pixel_ratio().max(1.0);
    let (w_px, h_px) = ((width * dpr).round() as u32, (height * dpr).round() as u32);
    // A context belongs to one element: Yew may hand this view a new canvas (it re-creates
    // elements it cannot match), and a context kept from the old one would draw where no one
    // looks — or on the lanes.
    let stale = surface
        .ctx
        .as_ref()
        .is_some_and(|ctx| ctx.canvas().as_ref() != Some(canvas));
    if surface.ctx.is_none() || stale {
        surface.ctx = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok());
        surface.size = (0, 0, 0);
        surface.widths = TextWidths::default();
    }
    let ctx = surface.ctx.clone()?;
    let size = (w_px, h_px, dpr.to_bits());
    if surface.size != size || canvas.width() != w_px || canvas.height() != h_px {
        if canvas.width() != w_px {
            canvas.set_width(w_px);
        }
        if canvas.height() != h_px {
            canvas.set_height(h_px);
        }
        let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
        if surface.size.2 != size.2 {
            // Text is measured in CSS px, but a new pixel ratio may hint glyphs otherwise.
            surface.widths = TextWidths::default();
        }
        surface.size = size;
        surface.dpr = dpr;
    }
    Some(ctx)
}

/// The canvas's CSS width (reading it forces layout: once per draw).
fn css_width(canvas: &HtmlCanvasElement) -> f64 {
    canvas.get_bounding_client_rect().width().max(200.0)
}

/// Whether the page is in dark mode now (later changes arrive through a listener): as the URL's
/// `theme` says, else as the system prefers.
fn prefers_dark() -> bool {
    if let Some(dark) = crate::browser::dom::theme_is_dark() {
        return dark;
    }
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// The span index for `trace`, from `cache`: kept when the trace is the one indexed last,
/// extended with the new events when it is a live run's next step along `feed`, else built anew.
fn index_for<'a>(
    cache: &'a mut IndexCache,
    trace: &Rc<Trace>,
    feed: Option<&SharedFeed>,
) -> &'a SpanIndex {
    let id = identity_of(trace);
    let grown = feed.and_then(|f| {
        let feed = f.borrow();
        feed.is_latest(trace).then(|| {
            (
                Rc::as_ptr(f) as *const () as usize,
                feed.committed(),
                feed.generation(),
            )
        })
    });
    match (grown, cache.feed) {
        (Some((feed, committed, generation)), Some((was, stable, seen))) if feed == was => {
            if generation != seen || cache.trace != id {
                cache.index.update(trace, stable);
            }
            cache.feed = Some((feed, committed, generation));
        }
        (Some(grown), _) => {
            cache.index = SpanIndex::new(trace);
            cache.feed = Some(grown);
        }
        (None, _) => {
            if cache.feed.is_some() || cache.trace != id {
                cache.index = SpanIndex::new(trace);
                cache.feed = None;
            }
        }
    }
    cache.trace = id;
    &cache.index
}

/// Paints `frame` on `canvas`, sized to the canvas's current width, with a gutter that fits its
/// lane names (kept in `gutter`), the band `frame.shown` of the lanes; returns that width.
fn draw(
    canvas: &HtmlCanvasElement,
    surface: &mut Surface,
    mut frame: Frame,
    gutter: &std::cell::RefCell<f64>,
    view_for: &dyn Fn(f64) -> Viewport,
    publish: bool,
    gutter_with: Option<&Trace>,
) -> f64 {
    let width = css_width(canvas);
    let (top, shown_px) = frame.shown;
    if let Some(ctx) = prepare(canvas, surface, width, shown_px) {
        // The lanes' coordinates, moved up to the band shown.
        let dpr = surface.dpr;
        let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, -top * dpr);
        let widths = &mut surface.widths;
        let other = gutter_with.map_or(0.0, |t| {
            paint::gutter_for(&ctx, t, width, frame.lang, widths)
        });
        *gutter.borrow_mut() =
            paint::gutter_for(&ctx, frame.primary, width, frame.lang, widths).max(other);
        frame.gutter_px = *gutter.borrow();
        frame.view = view_for(width);
        frame.width_px = width;
        let labels = paint::paint(&ctx, &frame, &mut surface.widths);
        let trace = frame.primary;
        let activity = activity_us(trace);
        if !publish {
            return width;
        }
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
    trace.as_ref().map_or((0, 0), identity_of)
}

fn identity_of(trace: &Rc<Trace>) -> (usize, usize) {
    (Rc::as_ptr(trace) as usize, trace.events.len())
}

/// Milliseconds on the page's clock (`performance.now()`).
fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// A drag's seeks, passed on to the page no more often than it can follow them: a seek
/// re-renders the program's marks, the loop at the playhead and the console — for 500 tasks
/// far longer than a frame — while the overlay's playhead costs next to nothing. After a seek
/// whose render took `c` ms, the next one waits `2c` ms after that render (so the scrub keeps
/// two thirds of the time for its own frames); positions in between are held, and the latest
/// is passed on when the wait is over, or when the drag ends. A page that renders a seek
/// within a frame gets every one.
#[derive(Default)]
struct SeekGate {
    /// When the last seek was passed on, or its render ended once timed, ms.
    last_ms: f64,
    /// How long the page took to render the last seek timed, ms.
    cost_ms: f64,
    /// When the seek passed on last was, while its render is not timed yet.
    timing: Option<f64>,
    /// The latest position not passed on yet.
    held: Option<f64>,
    /// Passes on the held position when the wait is over.
    timer: Option<gloo_timers::callback::Timeout>,
}

impl SeekGate {
    /// The page has rendered (an effect runs): times the seek passed on last.
    fn rendered(&mut self, now: f64) {
        if let Some(t) = self.timing.take() {
            self.cost_ms = (now - t).max(0.0);
            // The wait counts from the end of the render.
            self.last_ms = now;
        }
    }

    /// A drag is at `us`: passes it on now if the wait is over, else holds it.
    fn offer(gate: &Rc<std::cell::RefCell<SeekGate>>, on_seek: &Callback<f64>, us: f64) {
        let now = now_ms();
        let wait = {
            let mut g = gate.borrow_mut();
            let wait = g.last_ms + 2.0 * g.cost_ms - now;
            if wait > 0.0 {
                g.held = Some(us);
                if g.timer.is_none() {
                    let (gate, on_seek) = (gate.clone(), on_seek.clone());
                    g.timer = Some(gloo_timers::callback::Timeout::new(
                        wait.ceil() as u32,
                        move || {
                            // Fired: not dropped (cleared) from inside its own callback.
                            if let Some(fired) = gate.borrow_mut().timer.take() {
                                fired.forget();
                            }
                            SeekGate::flush(&gate, &on_seek);
                        },
                    ));
                }
            }
            wait
        };
        if wait <= 0.0 {
            SeekGate::pass(gate, on_seek, us, now);
        }
    }

    /// Passes on the position held, if any (the drag ended, or the wait is over).
    fn flush(gate: &Rc<std::cell::RefCell<SeekGate>>, on_seek: &Callback<f64>) {
        let held = {
            let mut g = gate.borrow_mut();
            g.timer = None;
            g.held.take()
        };
        if let Some(us) = held {
            SeekGate::pass(gate, on_seek, us, now_ms());
        }
    }

    fn pass(gate: &Rc<std::cell::RefCell<SeekGate>>, on_seek: &Callback<f64>, us: f64, now: f64) {
        {
            let mut g = gate.borrow_mut();
            g.held = None;
            g.timer = None;
            g.last_ms = now;
            g.timing = Some(now);
        }
        on_seek.emit(us);
    }
}

/// What the overlay shows.
#[derive(Clone, Copy)]
struct Overlay {
    gutter: f64,
    /// The playhead (nothing for NaN).
    at_us: f64,
    /// The event under the pointer.
    mark: Option<Mark>,
    palette: &'static paint::Palette,
    /// The lanes' height, CSS px.
    height: f64,
    /// The part of the lanes the overlay covers: its top on them and its height, CSS px.
    shown: (f64, f64),
}

/// The overlay's height for lanes `height` CSS px tall: theirs, or the window's if less.
/// The top of the lanes' box in the window, CSS px.
fn top_of(wrap: &NodeRef) -> f64 {
    wrap.cast::<web_sys::Element>()
        .map_or(0.0, |w| w.get_bounding_client_rect().top())
}

fn overlay_height(height: f64) -> f64 {
    let window = web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
        .filter(|h| *h >= 1.0);
    window.map_or(height, |w| height.min(w.ceil()))
}

/// Where an overlay `shown_px` tall, sticking to the window's top over lanes `height` px tall
/// whose top is at `lanes_top` in the window, sits on them: as far down as the lanes have
/// scrolled up, within their box.
/// On whole device pixels, as the page draws the two canvases: their drawings line up exactly.
fn sticky_top(lanes_top: f64, height: f64, shown_px: f64) -> f64 {
    let dpr = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio().max(1.0));
    let top = (-lanes_top).clamp(0.0, (height - shown_px).max(0.0));
    (top * dpr).round() / dpr
}

/// Draws the overlay on a canvas `width` CSS px wide (0: measure it), in the lanes' coordinates
/// moved up by the overlay's top on them; returns the view used.
fn draw_overlay(
    canvas: &HtmlCanvasElement,
    surface: &mut Surface,
    view_for: &dyn Fn(f64) -> Viewport,
    overlay: Overlay,
    width: f64,
) -> Viewport {
    let width = if width > 0.0 {
        width
    } else {
        css_width(canvas)
    };
    let vp = view_for(width);
    let Overlay {
        gutter,
        at_us,
        mark,
        palette,
        height,
        shown: (top, shown_px),
    } = overlay;
    if let Some(ctx) = prepare(canvas, surface, width, shown_px) {
        let dpr = surface.dpr;
        let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, -top * dpr);
        paint::paint_playhead(&ctx, &vp, (gutter, at_us), width, height, palette);
        if let Some(m) = mark {
            paint::paint_outline(
                &ctx,
                &vp,
                gutter,
                (m.lane, m.start_us, m.end_us),
                width,
                palette,
            );
        }
    }
    vp
}

//! Paints the timeline on a 2D canvas from what `awaitlab_core::layout` computes. Only drawing calls here:
//! every position comes from the layout.

use wasm_bindgen::JsValue;
use web_sys::CanvasRenderingContext2d as Ctx;

use awaitlab_core::layout::{markers, ticks, Bar, SpanIndex, Viewport};
use awaitlab_core::steps::step_ticks;
use awaitlab_core::trace::{Kind, Outcome, Trace};

/// Narrowest left gutter for lane names, px (it widens to fit the longest name, see
/// [`gutter_for`]).
pub const GUTTER_MIN_PX: f64 = 72.0;
/// Widest gutter, px, and at most this share of the canvas: longer names wrap onto two lines.
pub const GUTTER_MAX_PX: f64 = 240.0;
const GUTTER_MAX_SHARE: f64 = 0.34;
/// Padding around a lane name in the gutter, px.
const LABEL_PAD_PX: f64 = 10.0;
const LANE_FONT: &str = "600 12px ui-sans-serif, system-ui, sans-serif";
/// Most lines a lane's name takes in the gutter (a lane is 38 px high).
pub const MAX_LABEL_LINES: usize = 3;
const OTHER_LANE_FONT: &str = "italic 12px ui-sans-serif, system-ui, sans-serif";
/// Height of the axis strip at the top, px.
pub const AXIS_PX: f64 = 26.0;
/// Height of one lane, px.
pub const LANE_PX: f64 = 38.0;
/// Measured bar: offset from the lane's top and height.
const BAR_Y: f64 = 7.0;
const BAR_H: f64 = 18.0;
/// Predicted strip under it.
const PRED_Y: f64 = 28.0;
const PRED_H: f64 = 5.0;

/// Colours for one theme (Okabe–Ito for the states).
pub struct Palette {
    /// Page background.
    pub bg: &'static str,
    /// Text.
    pub text: &'static str,
    /// Secondary text.
    pub muted: &'static str,
    /// Grid lines and lane separators.
    pub grid: &'static str,
    /// Print markers.
    pub print: &'static str,
    /// The playhead.
    pub playhead: &'static str,
    /// The band behind lanes that are not tasks (workers, the page).
    pub band: &'static str,
}

/// The light theme.
pub const LIGHT: Palette = Palette {
    bg: "#ffffff",
    text: "#1d2330",
    muted: "#6b7385",
    grid: "#e6e9ef",
    print: "#1d2330",
    playhead: "#c8102e",
    band: "#f5f6f9",
};

/// The dark theme.
pub const DARK: Palette = Palette {
    bg: "#151922",
    text: "#e8ebf2",
    muted: "#9aa3b5",
    grid: "#2a3140",
    print: "#e8ebf2",
    playhead: "#ff5a6e",
    band: "#1a1f2a",
};

/// The colour of a state.
pub fn colour(kind: Kind) -> &'static str {
    match kind {
        Kind::Run => "#0072B2",
        Kind::Block => "#D55E00",
        Kind::Sleep => "#56B4E9",
        Kind::Io => "#009E73",
        Kind::Ready => "#E69F00",
        Kind::Compute => "#CC79A7",
        Kind::Scenario => "#8a8f99",
        Kind::Print | Kind::End => "#1d2330",
        Kind::Frozen => "#7a7f8c",
    }
}

/// What one frame shows.
pub struct Frame<'a> {
    /// Lanes come from this trace (measured if there is one, else predicted).
    pub primary: &'a Trace,
    /// Its spans, indexed once per trace.
    pub primary_index: &'a SpanIndex,
    /// The predicted trace, drawn as a thin strip under each lane with the same name.
    pub predicted: Option<(&'a Trace, &'a SpanIndex)>,
    /// Whether `primary` is the prediction itself (drawn faded, with no strip).
    pub primary_is_prediction: bool,
    /// Whether the traces are laid out by the loop's steps (see `awaitlab_core::steps`), not time.
    pub steps: bool,
    /// The gutter's width for lane names, px (see [`gutter_for`]).
    pub gutter_px: f64,
    /// The visible time range and width of the plot area (excluding the gutter).
    pub view: Viewport,
    /// Canvas size in CSS px.
    pub width_px: f64,
    /// Canvas height in CSS px.
    pub height_px: f64,
    /// Theme.
    pub palette: &'a Palette,
}

/// The canvas height needed for `lanes` lanes.
pub fn height_for(lanes: usize) -> f64 {
    AXIS_PX + LANE_PX * lanes.max(1) as f64 + 6.0
}

/// The lane under a y, if any.
pub fn lane_at(y: f64, lanes: usize) -> Option<usize> {
    if y < AXIS_PX {
        return None;
    }
    let lane = ((y - AXIS_PX) / LANE_PX) as usize;
    (lane < lanes).then_some(lane)
}

fn lane_top(lane: usize) -> f64 {
    AXIS_PX + LANE_PX * lane as f64
}

/// Paints a whole frame; returns each lane's name as drawn (one or two lines).
pub fn paint(ctx: &Ctx, f: &Frame) -> Vec<Vec<String>> {
    let mut labels = Vec::with_capacity(f.primary.tasks.len());
    let p = f.palette;
    ctx.set_fill_style_str(p.bg);
    ctx.fill_rect(0.0, 0.0, f.width_px, f.height_px);
    let lanes = f.primary.tasks.len();
    let us_per_s = f.primary.meta.us_per_s();

    let gutter = f.gutter_px;
    // Axis and grid.
    ctx.set_font("11px ui-sans-serif, system-ui, sans-serif");
    ctx.set_text_baseline("middle");
    let axis = if f.steps {
        step_ticks(&f.view, 90.0)
    } else {
        ticks(&f.view, us_per_s, 90.0)
    };
    for tick in axis {
        let x = gutter + tick.x;
        if x < gutter - 0.5 || x > f.width_px {
            continue;
        }
        ctx.set_fill_style_str(p.grid);
        ctx.fill_rect(x.round(), AXIS_PX - 4.0, 1.0, f.height_px - AXIS_PX + 4.0);
        ctx.set_fill_style_str(p.muted);
        ctx.set_text_align("center");
        let _ = ctx.fill_text(&tick.label, x, AXIS_PX / 2.0);
    }

    // Lane names and separators.
    ctx.set_text_align("right");
    ctx.set_font("600 12px ui-sans-serif, system-ui, sans-serif");
    for (lane, task) in f.primary.tasks.iter().enumerate() {
        let top = lane_top(lane);
        // Lanes that are not tasks of the loop — worker threads, the page itself — sit on a tinted
        // band with a quieter label, so they read as a different kind of row.
        let other = !task.is_task();
        if other {
            ctx.set_fill_style_str(p.band);
            ctx.fill_rect(0.0, top, f.width_px, LANE_PX - 1.0);
        }
        ctx.set_fill_style_str(p.grid);
        ctx.fill_rect(0.0, top + LANE_PX - 1.0, f.width_px, 1.0);
        ctx.set_fill_style_str(if other { p.muted } else { p.text });
        ctx.set_font(if other { OTHER_LANE_FONT } else { LANE_FONT });
        // A name too long for the gutter is set a size smaller, then wraps onto more lines,
        // rather than losing its middle.
        let room = gutter - 2.0 * LABEL_PAD_PX + 4.0;
        if ctx.measure_text(&task.name).map_or(0.0, |m| m.width()) > room {
            ctx.set_font(if other {
                "italic 11px ui-sans-serif, system-ui, sans-serif"
            } else {
                "600 11px ui-sans-serif, system-ui, sans-serif"
            });
        }
        let lines = wrap_text(ctx, &task.name, room);
        let mid = top + (LANE_PX - 1.0) / 2.0;
        let step = if lines.len() > 2 { 11.5 } else { 13.0 };
        let first = if lines.len() > 1 {
            mid - step * (lines.len() - 1) as f64 / 2.0
        } else {
            top + BAR_Y + BAR_H / 2.0
        };
        for (k, line) in lines.iter().enumerate() {
            let _ = ctx.fill_text(line, gutter - LABEL_PAD_PX, first + step * k as f64);
        }
        labels.push(lines);
    }

    // Clip the plot area so zoomed bars don't spill into the gutter.
    ctx.save();
    ctx.begin_path();
    ctx.rect(gutter, 0.0, f.width_px - gutter, f.height_px);
    ctx.clip();

    if let (Some((pred, index)), false) = (f.predicted, f.primary_is_prediction) {
        paint_predicted_strips(ctx, f, pred, index);
    }
    let alpha = if f.primary_is_prediction { 0.55 } else { 1.0 };
    ctx.set_global_alpha(alpha);
    for bar in f.primary_index.bars(f.primary, &f.view) {
        paint_bar(ctx, &bar, gutter, lane_top(bar.lane) + BAR_Y, BAR_H);
    }
    ctx.set_global_alpha(1.0);
    paint_markers(ctx, f);
    paint_totals(ctx, f);

    ctx.restore();
    if lanes == 0 {
        ctx.set_fill_style_str(p.muted);
        ctx.set_text_align("left");
        let _ = ctx.fill_text("no tasks yet", gutter + 8.0, AXIS_PX + 16.0);
    }
    labels
}

/// The gutter's width for `trace`'s lane names on a canvas `width_px` wide: the longest name
/// fits on one line if it can, between [`GUTTER_MIN_PX`] and [`GUTTER_MAX_PX`] (and a third of
/// the canvas); longer names wrap (see [`wrap_text`]).
pub fn gutter_for(ctx: &Ctx, trace: &Trace, width_px: f64) -> f64 {
    let widest = trace
        .tasks
        .iter()
        .map(|t| {
            ctx.set_font(if !t.is_task() {
                OTHER_LANE_FONT
            } else {
                LANE_FONT
            });
            ctx.measure_text(&t.name).map_or(0.0, |m| m.width())
        })
        .fold(0.0, f64::max);
    let most = GUTTER_MAX_PX
        .min(width_px * GUTTER_MAX_SHARE)
        .max(GUTTER_MIN_PX);
    (widest + 2.0 * LABEL_PAD_PX)
        .clamp(GUTTER_MIN_PX, most)
        .ceil()
}

/// `text` in as few lines of `max_px` as it needs, at most [`MAX_LABEL_LINES`]: each broken after
/// a `(`, `,`, `.`, `_`, `-`, `/` or space where one is near the end (or anywhere, if none is),
/// and only a last line still too long ends with an ellipsis (the tooltip shows the name whole).
pub fn wrap_text(ctx: &Ctx, text: &str, max_px: f64) -> Vec<String> {
    let width = |t: &[char]| {
        ctx.measure_text(&t.iter().collect::<String>())
            .map_or(0.0, |m| m.width())
    };
    let mut rest: Vec<char> = text.chars().collect();
    let mut lines = Vec::new();
    while !rest.is_empty() {
        if width(&rest) <= max_px {
            lines.push(rest.iter().collect::<String>());
            break;
        }
        if lines.len() + 1 == MAX_LABEL_LINES {
            let mut keep = rest.len();
            let last = loop {
                let mut candidate = rest[..keep].to_vec();
                candidate.push('…');
                if keep == 0 || width(&candidate) <= max_px {
                    break candidate.into_iter().collect::<String>();
                }
                keep -= 1;
            };
            lines.push(last);
            break;
        }
        // The longest head that fits, ending at a natural break if one is in its second half.
        let mut fits = 1;
        while fits < rest.len() && width(&rest[..=fits]) <= max_px {
            fits += 1;
        }
        let natural = (1..fits)
            .rev()
            .find(|&k| matches!(rest[k - 1], '(' | ',' | '.' | '_' | ' ' | '-' | '/'));
        let cut = natural.filter(|&k| k * 2 >= fits).unwrap_or(fits);
        lines.push(
            rest[..cut]
                .iter()
                .collect::<String>()
                .trim_end()
                .to_string(),
        );
        rest = rest[cut..]
            .iter()
            .copied()
            .skip_while(|c| *c == ' ')
            .collect();
    }
    lines
}

/// Paints the playhead on the (transparent) overlay canvas: the only thing redrawn every frame
/// while a run is live, so drawing costs the measured loop as little as possible.
pub fn paint_playhead(
    ctx: &Ctx,
    view: &Viewport,
    (gutter, playhead_us): (f64, f64),
    width_px: f64,
    height_px: f64,
    palette: &Palette,
) {
    ctx.clear_rect(0.0, 0.0, width_px, height_px);
    let x = gutter + view.x(playhead_us);
    if !(gutter..=width_px).contains(&x) {
        return;
    }
    ctx.set_fill_style_str(palette.playhead);
    ctx.fill_rect(x - 1.0, AXIS_PX - 2.0, 2.0, height_px - AXIS_PX);
    ctx.begin_path();
    ctx.move_to(x - 5.0, AXIS_PX - 8.0);
    ctx.line_to(x + 5.0, AXIS_PX - 8.0);
    ctx.line_to(x, AXIS_PX - 1.0);
    ctx.close_path();
    ctx.fill();
}

/// Outlines the event under the pointer on the overlay: `(lane, start_us, end_us)` on the drawn
/// axis (an instant gets a narrow box). Drawn after [`paint_playhead`], which clears the overlay.
pub fn paint_outline(
    ctx: &Ctx,
    view: &Viewport,
    gutter: f64,
    (lane, start_us, end_us): (usize, f64, f64),
    width_px: f64,
    palette: &Palette,
) {
    let x0 = (gutter + view.x(start_us)).max(gutter - 2.0);
    let x1 = (gutter + view.x(end_us)).min(width_px + 2.0);
    if x1 < gutter || x0 > width_px {
        return;
    }
    let (x0, x1) = if x1 - x0 < 4.0 {
        let mid = (x0 + x1) / 2.0;
        (mid - 2.0, mid + 2.0)
    } else {
        (x0, x1)
    };
    let top = lane_top(lane) + BAR_Y - 2.5;
    ctx.save();
    ctx.begin_path();
    ctx.rect(
        gutter,
        0.0,
        width_px - gutter,
        AXIS_PX + LANE_PX * (lane + 1) as f64,
    );
    ctx.clip();
    ctx.set_stroke_style_str(palette.text);
    ctx.set_line_width(1.5);
    ctx.stroke_rect(x0 - 0.5, top, x1 - x0 + 1.0, BAR_H + 5.0);
    ctx.restore();
}

fn paint_bar(ctx: &Ctx, bar: &Bar, gutter: f64, y: f64, h: f64) {
    let x = gutter + bar.x;
    match bar.kind {
        Kind::Sleep | Kind::Io => {
            ctx.set_global_alpha(ctx.global_alpha() * 0.45);
            ctx.set_fill_style_str(colour(bar.kind));
            ctx.fill_rect(x, y, bar.w, h);
            ctx.set_global_alpha(ctx.global_alpha() / 0.45);
            ctx.set_fill_style_str(colour(bar.kind));
            ctx.fill_rect(x, y + h - 2.0, bar.w, 2.0);
        }
        Kind::Ready => {
            ctx.set_fill_style_str(colour(bar.kind));
            ctx.fill_rect(x, y + h / 2.0 - 2.0, bar.w.max(1.0), 4.0);
        }
        Kind::Block => {
            ctx.set_fill_style_str(colour(bar.kind));
            ctx.fill_rect(x, y, bar.w, h);
            hatch(ctx, x, y, bar.w, h);
        }
        Kind::Scenario => {
            ctx.set_fill_style_str(colour(bar.kind));
            ctx.fill_rect(x, y - 4.0, bar.w, 1.5);
            ctx.fill_rect(x, y - 5.0, 1.0, 3.5);
        }
        Kind::Run | Kind::Compute => {
            ctx.set_fill_style_str(colour(bar.kind));
            ctx.fill_rect(x, y + 1.0, bar.w, h - 2.0);
        }
        Kind::Frozen => {
            ctx.set_fill_style_str(colour(bar.kind));
            ctx.fill_rect(x, y + 2.0, bar.w, h - 4.0);
            hatch(ctx, x, y + 2.0, bar.w, h - 4.0);
        }
        Kind::Print | Kind::End => {}
    }
    if bar.failed {
        ctx.set_fill_style_str("#d0021b");
        ctx.fill_rect(x + bar.w - 3.0, y - 1.0, 3.0, h + 2.0);
    }
}

/// Diagonal white lines over a blocking span, so it reads without colour too.
fn hatch(ctx: &Ctx, x: f64, y: f64, w: f64, h: f64) {
    if w < 4.0 {
        return;
    }
    ctx.save();
    ctx.begin_path();
    ctx.rect(x, y, w, h);
    ctx.clip();
    ctx.set_stroke_style_str("rgba(255,255,255,0.55)");
    ctx.set_line_width(1.5);
    ctx.begin_path();
    let mut k = x - h;
    while k < x + w {
        ctx.move_to(k, y + h);
        ctx.line_to(k + h, y);
        k += 7.0;
    }
    ctx.stroke();
    ctx.restore();
}

fn paint_predicted_strips(ctx: &Ctx, f: &Frame, pred: &Trace, index: &SpanIndex) {
    // Map predicted lanes onto measured lanes by name.
    let lane_of: Vec<Option<usize>> = pred
        .tasks
        .iter()
        .map(|t| f.primary.task_named(&t.name))
        .collect();
    ctx.set_global_alpha(0.7);
    for bar in index.bars(pred, &f.view) {
        let Some(Some(lane)) = lane_of.get(bar.lane) else {
            continue;
        };
        if matches!(bar.kind, Kind::Scenario | Kind::Run) {
            continue;
        }
        let mut b = bar.clone();
        b.lane = *lane;
        let y = lane_top(*lane) + PRED_Y;
        ctx.set_fill_style_str(colour(b.kind));
        ctx.fill_rect(f.gutter_px + b.x, y, b.w.max(0.5), PRED_H);
    }
    ctx.set_global_alpha(1.0);
}

fn paint_markers(ctx: &Ctx, f: &Frame) {
    let trace = f.primary;
    for m in markers(trace, &f.view) {
        let e = &trace.events[m.event];
        let x = f.gutter_px + m.x;
        let top = lane_top(m.lane) + BAR_Y;
        match e.kind {
            Kind::Print => {
                ctx.set_fill_style_str(f.palette.print);
                ctx.begin_path();
                ctx.move_to(x - 3.5, top - 6.0);
                ctx.line_to(x + 3.5, top - 6.0);
                ctx.line_to(x, top);
                ctx.close_path();
                ctx.fill();
            }
            Kind::End => {
                let outcome = trace.tasks.get(m.lane).and_then(|t| t.outcome.as_ref());
                match outcome {
                    Some(Outcome::Failed(_)) => {
                        ctx.set_fill_style_str("#d0021b");
                        ctx.fill_rect(x - 1.0, top - 2.0, 4.0, BAR_H + 4.0);
                    }
                    Some(Outcome::Cancelled) => {
                        ctx.set_stroke_style_str(f.palette.muted);
                        ctx.set_line_width(2.0);
                        ctx.begin_path();
                        ctx.move_to(x, top - 2.0);
                        ctx.line_to(x, top + BAR_H + 2.0);
                        ctx.move_to(x - 4.0, top + BAR_H + 2.0);
                        ctx.line_to(x + 4.0, top - 2.0);
                        ctx.stroke();
                    }
                    _ => {
                        ctx.set_fill_style_str(f.palette.muted);
                        ctx.fill_rect(x, top + 2.0, 1.5, BAR_H - 4.0);
                    }
                }
            }
            _ => {}
        }
    }
}

fn paint_totals(ctx: &Ctx, f: &Frame) {
    let meta = &f.primary.meta;
    let bottom = f.height_px;
    ctx.set_font("11px ui-sans-serif, system-ui, sans-serif");
    ctx.set_text_align("left");
    if let Some(pred_us) = f.predicted.and_then(|(p, _)| p.total_us) {
        let x = f.gutter_px + f.view.x(pred_us);
        ctx.set_stroke_style_str(f.palette.muted);
        ctx.set_line_width(1.0);
        let dash = js_sys::Array::of2(&JsValue::from(4.0), &JsValue::from(3.0));
        let _ = ctx.set_line_dash(&dash);
        ctx.begin_path();
        ctx.move_to(x + 0.5, AXIS_PX);
        ctx.line_to(x + 0.5, bottom);
        ctx.stroke();
        let _ = ctx.set_line_dash(&js_sys::Array::new());
        let label = if f.steps {
            format!("predicted {} steps", fmt_steps(pred_us))
        } else {
            format!("predicted {:.1} s", meta.to_s(pred_us))
        };
        ctx.set_fill_style_str(f.palette.muted);
        if x > f.width_px - 110.0 {
            ctx.set_text_align("right");
            let _ = ctx.fill_text(&label, x - 4.0, bottom - 8.0);
            ctx.set_text_align("left");
        } else {
            let _ = ctx.fill_text(&label, x + 4.0, bottom - 8.0);
        }
    }
    if let (Some(total_us), false) = (f.primary.total_us, f.primary_is_prediction) {
        let x = f.gutter_px + f.view.x(total_us);
        ctx.set_fill_style_str(f.palette.text);
        ctx.fill_rect(x, AXIS_PX, 1.0, bottom - AXIS_PX);
        let label = if f.steps {
            format!("measured {} steps", fmt_steps(total_us))
        } else {
            format!("measured {:.2} s", meta.to_s(total_us))
        };
        if x > f.width_px - 110.0 {
            ctx.set_text_align("right");
            let _ = ctx.fill_text(&label, x - 4.0, AXIS_PX + 8.0);
            ctx.set_text_align("left");
        } else {
            let _ = ctx.fill_text(&label, x + 4.0, AXIS_PX + 8.0);
        }
    }
}

/// A step count as the axis writes it (a poll's prints take fractions of a step).
fn fmt_steps(x: f64) -> String {
    let text = format!("{x:.1}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

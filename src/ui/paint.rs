//! The timeline's drawing on the page: the lanes through the core's one paint routine
//! (`awaitlab_core::paint`, which the SVG and PNG exports share) on a canvas, and the overlay's
//! playhead and outline, drawn only here.

use web_sys::CanvasRenderingContext2d as Ctx;

use crate::browser::canvas::Canvas2d;
use awaitlab_core::layout::Viewport;
pub use awaitlab_core::paint::{height_for, lane_at, Frame, Palette, DARK, GUTTER_MIN_PX, LIGHT};
use awaitlab_core::paint::{
    lane_top, Lean, Surface as _, TextWidths, AXIS_PX, BAR_H, BAR_Y, LANE_PX,
};
use awaitlab_core::trace::Trace;
use awaitlab_core::view_options::Lang;

/// Paints a whole frame; returns each lane's name as drawn (one or more lines). The canvas gets
/// only the state changes that change something (see [`Lean`]), and text is measured through
/// `widths`, kept from the draws before; the paint is wrapped in a save/restore, so the context's
/// state is the same after it as before.
pub fn paint(ctx: &Ctx, f: &Frame, widths: &mut TextWidths) -> Vec<Vec<String>> {
    let mut s = Lean::new(Canvas2d(ctx), std::mem::take(widths));
    s.save();
    let labels = awaitlab_core::paint::paint(&mut s, f);
    s.restore();
    *widths = s.into_widths();
    labels
}

/// The gutter's width for `trace`'s lane names (see [`awaitlab_core::paint::gutter_for`]),
/// measured through `widths`.
pub fn gutter_for(
    ctx: &Ctx,
    trace: &Trace,
    width_px: f64,
    lang: Lang,
    widths: &mut TextWidths,
) -> f64 {
    let mut s = Lean::new(Canvas2d(ctx), std::mem::take(widths));
    let gutter = awaitlab_core::paint::gutter_for(&mut s, trace, width_px, lang);
    *widths = s.into_widths();
    gutter
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

//! Paints the timeline from what [`crate::layout`] computes onto any [`Surface`]: the page's
//! canvas, a PNG's offscreen canvas and the SVG writer ([`crate::svg`]) are all fed by the one
//! routine here, so an export has the canvas's colours, hatching and labels by construction.
//! Only drawing calls here: every position comes from the layout.

use awaitlab_i18n::{tr, Lang};

use crate::layout::{markers, ticks, Bar, SpanIndex, Viewport};
use crate::steps::step_ticks;
use crate::trace::{Kind, Outcome, Trace};

/// Narrowest left gutter for lane names, px (it widens to fit the longest name, see
/// [`gutter_for`]).
pub const GUTTER_MIN_PX: f64 = 72.0;
/// Widest gutter, px, and at most this share of the canvas: longer names wrap onto two lines.
pub const GUTTER_MAX_PX: f64 = 240.0;
const GUTTER_MAX_SHARE: f64 = 0.34;
/// Padding around a lane name in the gutter, px.
const LABEL_PAD_PX: f64 = 10.0;
/// The typeface of every label (the canvas's and the SVG's `font-family`).
pub const FONT_FAMILY: &str = "ui-sans-serif, system-ui, sans-serif";
const AXIS_FONT: &str = "11px ui-sans-serif, system-ui, sans-serif";
const LANE_FONT: &str = "600 12px ui-sans-serif, system-ui, sans-serif";
const LANE_FONT_SMALL: &str = "600 11px ui-sans-serif, system-ui, sans-serif";
const OTHER_LANE_FONT: &str = "italic 12px ui-sans-serif, system-ui, sans-serif";
const OTHER_LANE_FONT_SMALL: &str = "italic 11px ui-sans-serif, system-ui, sans-serif";
/// Most lines a lane's name takes in the gutter (a lane is 38 px high).
pub const MAX_LABEL_LINES: usize = 3;
/// Height of the axis strip at the top, px.
pub const AXIS_PX: f64 = 26.0;
/// Height of one lane, px.
pub const LANE_PX: f64 = 38.0;
/// Measured bar: offset from the lane's top and height.
pub const BAR_Y: f64 = 7.0;
/// Height of a measured bar, px.
pub const BAR_H: f64 = 18.0;
/// Predicted strip under it.
const PRED_Y: f64 = 28.0;
const PRED_H: f64 = 5.0;
/// The hatching over blocking and frozen spans: lines rising at 45°, this far apart
/// horizontally, this wide, in this colour.
pub const HATCH_GAP_PX: f64 = 7.0;
/// Width of a hatching line, px.
pub const HATCH_LINE_PX: f64 = 1.5;
/// Colour of a hatching line.
pub const HATCH_COLOUR: &str = "rgba(255,255,255,0.55)";
/// The upright stripes over a worker's job: this far apart, px.
pub const STRIPE_GAP_PX: f64 = 5.0;
/// A failed span's end mark and a failed task's end.
const FAILED: &str = "#d0021b";

/// How text sits horizontally on its point (the canvas's `textAlign`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// Starts at the point.
    Left,
    /// Centred on it.
    Center,
    /// Ends at it.
    Right,
}

/// How text sits vertically on its point (the canvas's `textBaseline`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Baseline {
    /// The alphabetic baseline (the canvas's default).
    Alphabetic,
    /// The middle of the em box.
    Middle,
}

/// What the timeline is drawn on: the few operations of a 2D canvas it uses, in CSS px. The state
/// (colours, font, alpha, clip) carries from call to call as a canvas's does, and
/// [`save`](Surface::save)/[`restore`](Surface::restore) keep and bring it back.
pub trait Surface {
    /// The fill colour (a CSS colour: `#rrggbb` or `rgba(r,g,b,a)`).
    fn set_fill(&mut self, colour: &str);
    /// The stroke colour.
    fn set_stroke(&mut self, colour: &str);
    /// The stroke's width, px.
    fn set_line_width(&mut self, px: f64);
    /// The stroke's dashes, px (empty: solid).
    fn set_line_dash(&mut self, dash: &[f64]);
    /// The opacity of what is drawn next, 0 to 1.
    fn set_alpha(&mut self, alpha: f64);
    /// The opacity now.
    fn alpha(&self) -> f64;
    /// The font, as CSS's `font` shorthand (`600 12px ui-sans-serif, system-ui, sans-serif`).
    fn set_font(&mut self, font: &str);
    /// Where text sits horizontally.
    fn set_text_align(&mut self, align: Align);
    /// Where text sits vertically.
    fn set_text_baseline(&mut self, baseline: Baseline);
    /// Fills a rectangle.
    fn fill_rect(&mut self, x: f64, y: f64, w: f64, h: f64);
    /// Writes one line of text.
    fn fill_text(&mut self, text: &str, x: f64, y: f64);
    /// How wide `text` is in the current font, px.
    fn measure_text(&self, text: &str) -> f64;
    /// Starts a new path.
    fn begin_path(&mut self);
    /// Moves the path's pen.
    fn move_to(&mut self, x: f64, y: f64);
    /// Draws the path's next segment.
    fn line_to(&mut self, x: f64, y: f64);
    /// Closes the path's current figure.
    fn close_path(&mut self);
    /// Fills the path.
    fn fill(&mut self);
    /// Strokes the path.
    fn stroke(&mut self);
    /// Keeps the state (colours, font, alpha, clip).
    fn save(&mut self);
    /// Brings back the state last kept.
    fn restore(&mut self);
    /// Draws only inside this rectangle (and the clip before it) until the next `restore`.
    fn clip_rect(&mut self, x: f64, y: f64, w: f64, h: f64);
    /// Hatches a rectangle with [`HATCH_COLOUR`] lines rising at 45°, [`HATCH_GAP_PX`] apart,
    /// so a span reads without colour too. The default draws the lines; a surface with patterns
    /// (SVG) fills the rectangle with the same lines as a pattern.
    fn hatch(&mut self, x: f64, y: f64, w: f64, h: f64) {
        self.save();
        self.clip_rect(x, y, w, h);
        self.set_stroke(HATCH_COLOUR);
        self.set_line_width(HATCH_LINE_PX);
        self.begin_path();
        let mut k = x - h;
        while k < x + w {
            self.move_to(k, y + h);
            self.line_to(k + h, y);
            k += HATCH_GAP_PX;
        }
        self.stroke();
        self.restore();
    }
    /// Stripes a rectangle with upright [`HATCH_COLOUR`] lines [`STRIPE_GAP_PX`] apart (a
    /// worker's job, told from a poll without its colour). The default draws the lines; a
    /// surface with patterns (SVG) fills the rectangle with the same lines as a pattern.
    fn stripes(&mut self, x: f64, y: f64, w: f64, h: f64) {
        self.save();
        self.clip_rect(x, y, w, h);
        self.set_stroke(HATCH_COLOUR);
        self.set_line_width(HATCH_LINE_PX);
        self.begin_path();
        let mut k = x + STRIPE_GAP_PX / 2.0;
        while k < x + w {
            self.move_to(k, y);
            self.line_to(k, y + h);
            k += STRIPE_GAP_PX;
        }
        self.stroke();
        self.restore();
    }
    /// Starts a group of drawing calls that belong together (`class`: `lane-label`, `bars`, …),
    /// with a `title` for what it shows. Nothing on a canvas; a group in an SVG.
    fn begin_group(&mut self, _class: &str, _title: Option<&str>) {}
    /// Ends the group last begun.
    fn end_group(&mut self) {}
}

/// Text widths measured once, kept by font and text: a lane's name is measured several times a
/// draw (the gutter's width, the size it is set in, where it wraps) and again at every redraw,
/// and a canvas's `measureText` costs more than the rectangles around it. Kept across draws by
/// whoever draws again (the timeline), cleared when it grows past [`TextWidths::MOST`] entries.
#[derive(Debug, Default, Clone)]
pub struct TextWidths {
    /// By font, then by text (looked up by `&str`, without building a key).
    widths: std::collections::HashMap<String, std::collections::HashMap<String, f64>>,
    len: usize,
}

impl TextWidths {
    /// Most widths kept before the cache starts over.
    pub const MOST: usize = 8192;

    /// The width of `text` in `font`, if measured before.
    pub fn get(&self, font: &str, text: &str) -> Option<f64> {
        self.widths.get(font)?.get(text).copied()
    }

    /// Keeps a width measured.
    pub fn put(&mut self, font: &str, text: &str, width: f64) {
        if self.len >= Self::MOST {
            self.widths.clear();
            self.len = 0;
        }
        let by_text = match self.widths.get_mut(font) {
            Some(m) => m,
            None => self.widths.entry(font.to_string()).or_default(),
        };
        if by_text.insert(text.to_string(), width).is_none() {
            self.len += 1;
        }
    }

    /// How many widths it holds.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// The drawing state a [`Lean`] surface knows it has set (`None`: not known).
#[derive(Clone, Debug, Default, PartialEq)]
struct Known {
    fill: Option<String>,
    stroke: Option<String>,
    line_width: Option<f64>,
    dash: Option<Vec<f64>>,
    alpha: Option<f64>,
    font: Option<String>,
    align: Option<Align>,
    baseline: Option<Baseline>,
}

/// A [`Surface`] that passes on only the state changes that change something: it remembers what
/// it set (across [`save`](Surface::save)/[`restore`](Surface::restore), as a canvas does) and
/// skips a colour, alpha, font, alignment or line set to the value already in force, answers
/// [`alpha`](Surface::alpha) itself, and measures text through a [`TextWidths`] cache. What is
/// drawn is the same, call for call: every drawing call still reaches the surface, in order, with
/// the state it would have had. A bar sets its colour, but bars come grouped by kind (see
/// [`crate::layout::SpanIndex::bars`]), so most sets repeat the one before — and on a canvas each
/// set passes a string out of wasm.
pub struct Lean<S> {
    inner: S,
    known: Known,
    saved: Vec<Known>,
    widths: std::cell::RefCell<TextWidths>,
}

impl<S: Surface> Lean<S> {
    /// `inner`, whose state is not known yet (the first set of each kind goes through), with the
    /// widths measured before.
    pub fn new(inner: S, widths: TextWidths) -> Self {
        Lean {
            inner,
            known: Known::default(),
            saved: Vec::new(),
            widths: std::cell::RefCell::new(widths),
        }
    }

    /// The widths measured, to keep for the next draw.
    pub fn into_widths(self) -> TextWidths {
        self.widths.into_inner()
    }

    /// The surface drawn on.
    pub fn inner(&self) -> &S {
        &self.inner
    }
}

/// Sets `slot` to `value` and returns true if it held something else.
fn changes<T: PartialEq + Clone>(slot: &mut Option<T>, value: &T) -> bool {
    if slot.as_ref() == Some(value) {
        return false;
    }
    *slot = Some(value.clone());
    true
}

/// Like [`changes`] for a string kept in place (no allocation when it repeats).
fn changes_str(slot: &mut Option<String>, value: &str) -> bool {
    match slot {
        Some(s) if s == value => false,
        Some(s) => {
            s.clear();
            s.push_str(value);
            true
        }
        None => {
            *slot = Some(value.to_string());
            true
        }
    }
}

impl<S: Surface> Surface for Lean<S> {
    fn set_fill(&mut self, colour: &str) {
        if changes_str(&mut self.known.fill, colour) {
            self.inner.set_fill(colour);
        }
    }
    fn set_stroke(&mut self, colour: &str) {
        if changes_str(&mut self.known.stroke, colour) {
            self.inner.set_stroke(colour);
        }
    }
    fn set_line_width(&mut self, px: f64) {
        if changes(&mut self.known.line_width, &px) {
            self.inner.set_line_width(px);
        }
    }
    fn set_line_dash(&mut self, dash: &[f64]) {
        if self.known.dash.as_deref() != Some(dash) {
            self.known.dash = Some(dash.to_vec());
            self.inner.set_line_dash(dash);
        }
    }
    fn set_alpha(&mut self, alpha: f64) {
        if changes(&mut self.known.alpha, &alpha) {
            self.inner.set_alpha(alpha);
        }
    }
    fn alpha(&self) -> f64 {
        self.known.alpha.unwrap_or_else(|| self.inner.alpha())
    }
    fn set_font(&mut self, font: &str) {
        if changes_str(&mut self.known.font, font) {
            self.inner.set_font(font);
        }
    }
    fn set_text_align(&mut self, align: Align) {
        if changes(&mut self.known.align, &align) {
            self.inner.set_text_align(align);
        }
    }
    fn set_text_baseline(&mut self, baseline: Baseline) {
        if changes(&mut self.known.baseline, &baseline) {
            self.inner.set_text_baseline(baseline);
        }
    }
    fn fill_rect(&mut self, x: f64, y: f64, w: f64, h: f64) {
        self.inner.fill_rect(x, y, w, h);
    }
    fn fill_text(&mut self, text: &str, x: f64, y: f64) {
        self.inner.fill_text(text, x, y);
    }
    fn measure_text(&self, text: &str) -> f64 {
        let Some(font) = self.known.font.as_deref() else {
            return self.inner.measure_text(text);
        };
        if let Some(w) = self.widths.borrow().get(font, text) {
            return w;
        }
        let w = self.inner.measure_text(text);
        self.widths.borrow_mut().put(font, text, w);
        w
    }
    fn begin_path(&mut self) {
        self.inner.begin_path();
    }
    fn move_to(&mut self, x: f64, y: f64) {
        self.inner.move_to(x, y);
    }
    fn line_to(&mut self, x: f64, y: f64) {
        self.inner.line_to(x, y);
    }
    fn close_path(&mut self) {
        self.inner.close_path();
    }
    fn fill(&mut self) {
        self.inner.fill();
    }
    fn stroke(&mut self) {
        self.inner.stroke();
    }
    fn save(&mut self) {
        self.saved.push(self.known.clone());
        self.inner.save();
    }
    fn restore(&mut self) {
        // A restore with nothing saved leaves a canvas as it is.
        if let Some(known) = self.saved.pop() {
            self.known = known;
        }
        self.inner.restore();
    }
    fn clip_rect(&mut self, x: f64, y: f64, w: f64, h: f64) {
        self.inner.clip_rect(x, y, w, h);
    }
    // Hatching and stripes are the surface's own (a pattern in an SVG), inside a save/restore:
    // the state known is the same after them.
    fn hatch(&mut self, x: f64, y: f64, w: f64, h: f64) {
        self.inner.hatch(x, y, w, h);
    }
    fn stripes(&mut self, x: f64, y: f64, w: f64, h: f64) {
        self.inner.stripes(x, y, w, h);
    }
    fn begin_group(&mut self, class: &str, title: Option<&str>) {
        self.inner.begin_group(class, title);
    }
    fn end_group(&mut self) {
        self.inner.end_group();
    }
}

/// Colours for one theme (Okabe–Ito for the states).
#[derive(Debug, PartialEq)]
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
    /// Whether the traces are laid out by the loop's steps (see `crate::steps`), not time.
    pub steps: bool,
    /// The gutter's width for lane names, px (see [`gutter_for`]).
    pub gutter_px: f64,
    /// The visible time range and width of the plot area (excluding the gutter).
    pub view: Viewport,
    /// Canvas size in CSS px.
    pub width_px: f64,
    /// Canvas height in CSS px.
    pub height_px: f64,
    /// The band of the lanes the surface shows, CSS px: its top and height (the page's canvas is
    /// only as tall as the window and follows the scroll; an export shows them all, up to
    /// [`CANVAS_MAX_PX`]). Lanes outside it are not painted, nor their names measured.
    pub shown: (f64, f64),
    /// Theme.
    pub palette: &'a Palette,
    /// The language of the words drawn (the totals' labels, an empty run's note).
    pub lang: Lang,
}

impl Frame<'_> {
    /// Whether any of `lane` is in the band shown.
    fn shows(&self, lane: usize) -> bool {
        let top = lane_top(lane);
        top + LANE_PX > self.shown.0 && top < self.shown.0 + self.shown.1
    }

    /// The lanes in the band shown.
    fn shown_lanes(&self) -> std::ops::Range<usize> {
        let first = ((self.shown.0 - AXIS_PX) / LANE_PX).floor().max(0.0) as usize;
        let end = ((self.shown.0 + self.shown.1 - AXIS_PX) / LANE_PX)
            .ceil()
            .max(0.0) as usize;
        first..end.max(first)
    }
}

/// The tallest canvas a browser draws, CSS px (Chromium's limit on a side; Firefox's and
/// Safari's are near it): an export (a picture of every lane) stops there.
pub const CANVAS_MAX_PX: f64 = 32_767.0;

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

/// The y of a lane's top, px.
pub fn lane_top(lane: usize) -> f64 {
    AXIS_PX + LANE_PX * lane as f64
}

/// What is on screen, to draw again whole (an export): the traces as the timeline shows them.
pub struct Scene<'a> {
    /// The measured trace if there is one, else the prediction.
    pub primary: &'a Trace,
    /// The prediction, when `primary` is a measured run (its strips) or the prediction itself.
    pub predicted: Option<&'a Trace>,
    /// Whether `primary` is the prediction.
    pub primary_is_prediction: bool,
    /// Whether the traces are laid out by the loop's steps.
    pub steps: bool,
    /// Width in CSS px (the timeline's on screen).
    pub width_px: f64,
    /// Theme.
    pub palette: &'a Palette,
    /// The language of its words (totals, notes).
    pub lang: Lang,
}

impl Scene<'_> {
    /// Height in CSS px: the timeline's for these lanes.
    pub fn height_px(&self) -> f64 {
        height_for(self.primary.tasks.len())
    }

    /// The time the whole run takes on the axis: as far as the prediction's total or the
    /// measured trace reaches, whichever is later (the timeline fits the same).
    pub fn extent_us(&self) -> f64 {
        let pred = self.predicted.and_then(|p| p.total_us).unwrap_or(0.0);
        let meas = if self.primary_is_prediction {
            0.0
        } else {
            self.primary.extent_us()
        };
        pred.max(meas)
    }
}

/// Paints the whole run of `scene` (fitted as the timeline fits it, with its gutter); returns
/// each lane's name as drawn.
pub fn paint_whole_run(s: &mut impl Surface, scene: &Scene) -> Vec<Vec<String>> {
    let primary_index = SpanIndex::new(scene.primary);
    let predicted_index = scene.predicted.map(SpanIndex::new);
    let gutter_px = gutter_for(s, scene.primary, scene.width_px, scene.lang);
    let frame = Frame {
        primary: scene.primary,
        primary_index: &primary_index,
        predicted: scene.predicted.zip(predicted_index.as_ref()),
        primary_is_prediction: scene.primary_is_prediction,
        steps: scene.steps,
        gutter_px,
        view: Viewport::fit(scene.extent_us(), (scene.width_px - gutter_px).max(1.0)),
        width_px: scene.width_px,
        height_px: scene.height_px(),
        shown: (0.0, scene.height_px().min(CANVAS_MAX_PX)),
        palette: scene.palette,
        lang: scene.lang,
    };
    paint(s, &frame)
}

/// Paints a whole frame; returns each lane's name as drawn (one or more lines).
pub fn paint(s: &mut impl Surface, f: &Frame) -> Vec<Vec<String>> {
    let mut labels = Vec::with_capacity(f.primary.tasks.len());
    let p = f.palette;
    s.set_fill(p.bg);
    s.fill_rect(0.0, 0.0, f.width_px, f.height_px);
    let lanes = f.primary.tasks.len();
    let us_per_s = f.primary.meta.us_per_s();

    let gutter = f.gutter_px;
    // Axis and grid.
    s.begin_group("axis", None);
    s.set_font(AXIS_FONT);
    s.set_text_baseline(Baseline::Middle);
    let axis = if f.steps {
        step_ticks(&f.view, 90.0, f.lang)
    } else {
        ticks(&f.view, us_per_s, 90.0, f.lang)
    };
    let axis: Vec<_> = axis
        .into_iter()
        .map(|tick| (gutter + tick.x, tick.label))
        .filter(|(x, _)| *x >= gutter - 0.5 && *x <= f.width_px)
        .collect();
    for (x, label) in &axis {
        s.set_fill(p.grid);
        s.fill_rect(x.round(), AXIS_PX - 4.0, 1.0, f.height_px - AXIS_PX + 4.0);
        s.set_fill(p.muted);
        s.set_text_align(Align::Center);
        s.fill_text(label, *x, AXIS_PX / 2.0);
    }
    s.end_group();

    // Lane names and separators.
    s.set_text_align(Align::Right);
    for (lane, task) in f.primary.tasks.iter().enumerate() {
        let top = lane_top(lane);
        if !f.shows(lane) {
            // Out of the band shown: nothing of it would show.
            labels.push(Vec::new());
            continue;
        }
        // Lanes that are not tasks of the loop — worker threads, the page itself — sit on a tinted
        // band with a quieter label, so they read as a different kind of row.
        let other = !task.is_task();
        if other {
            s.set_fill(p.band);
            s.fill_rect(0.0, top, f.width_px, LANE_PX - 1.0);
        }
        s.set_fill(p.grid);
        s.fill_rect(0.0, top + LANE_PX - 1.0, f.width_px, 1.0);
        s.set_fill(if other { p.muted } else { p.text });
        s.set_font(if other { OTHER_LANE_FONT } else { LANE_FONT });
        // A name too long for the gutter is set a size smaller, then wraps onto more lines,
        // rather than losing its middle.
        let room = gutter - 2.0 * LABEL_PAD_PX + 4.0;
        let name = task.shown_name(f.lang);
        if s.measure_text(&name) > room {
            s.set_font(if other {
                OTHER_LANE_FONT_SMALL
            } else {
                LANE_FONT_SMALL
            });
        }
        let lines = wrap_text(s, &name, room);
        let mid = top + (LANE_PX - 1.0) / 2.0;
        let step = if lines.len() > 2 { 11.5 } else { 13.0 };
        let first = if lines.len() > 1 {
            mid - step * (lines.len() - 1) as f64 / 2.0
        } else {
            top + BAR_Y + BAR_H / 2.0
        };
        s.begin_group("lane-label", Some(&name));
        for (k, line) in lines.iter().enumerate() {
            s.fill_text(line, gutter - LABEL_PAD_PX, first + step * k as f64);
        }
        s.end_group();
        labels.push(lines);
    }

    // Clip the plot area so zoomed bars don't spill into the gutter.
    s.save();
    s.clip_rect(gutter, 0.0, f.width_px - gutter, f.height_px);

    if let (Some((pred, index)), false) = (f.predicted, f.primary_is_prediction) {
        s.begin_group("predicted", Some(&tr!(f.lang, "canvas-the-prediction")));
        paint_predicted_strips(s, f, pred, index);
        s.end_group();
    }
    let alpha = if f.primary_is_prediction { 0.55 } else { 1.0 };
    s.set_alpha(alpha);
    let bars = if f.primary_is_prediction {
        tr!(f.lang, "canvas-bars-predicted")
    } else {
        tr!(f.lang, "canvas-bars-measured")
    };
    s.begin_group("bars", Some(&bars));
    let lanes_shown = f.shown_lanes();
    for bar in f
        .primary_index
        .bars_where(f.primary, &f.view, |lane| lanes_shown.contains(&lane))
    {
        paint_bar(s, &bar, gutter, lane_top(bar.lane) + BAR_Y, BAR_H);
    }
    s.end_group();
    s.set_alpha(1.0);
    s.begin_group("markers", None);
    paint_markers(s, f);
    s.end_group();
    s.begin_group("totals", None);
    paint_totals(s, f);
    s.end_group();

    s.restore();
    // Scrolled down the lanes, the axis's labels stay at the top of the band shown.
    if f.shown.0 > 0.0 {
        s.begin_group("axis-shown", None);
        s.set_fill(p.bg);
        s.fill_rect(0.0, f.shown.0, f.width_px, AXIS_PX - 4.0);
        s.set_font(AXIS_FONT);
        s.set_text_baseline(Baseline::Middle);
        s.set_fill(p.muted);
        s.set_text_align(Align::Center);
        for (x, label) in &axis {
            s.fill_text(label, *x, f.shown.0 + AXIS_PX / 2.0);
        }
        s.end_group();
    }
    if lanes == 0 {
        s.set_fill(p.muted);
        s.set_text_align(Align::Left);
        s.fill_text(
            &tr!(f.lang, "canvas-no-tasks"),
            gutter + 8.0,
            AXIS_PX + 16.0,
        );
    }
    labels
}

/// How many lanes' names the gutter is made to fit: measuring 10,000 names took a live run's
/// redraw 100 ms, and the gutter would widen as the page scrolls. A longer name further down
/// wraps, as any name past the widest gutter does.
pub const GUTTER_LANES: usize = 1000;

/// The gutter's width for `trace`'s lane names on a canvas `width_px` wide: the longest name
/// fits on one line if it can, between [`GUTTER_MIN_PX`] and [`GUTTER_MAX_PX`] (and a third of
/// the canvas); longer names wrap (see [`wrap_text`]). Only the first [`GUTTER_LANES`] names
/// are measured.
pub fn gutter_for(s: &mut impl Surface, trace: &Trace, width_px: f64, lang: Lang) -> f64 {
    let widest = trace
        .tasks
        .iter()
        .take(GUTTER_LANES)
        .map(|t| {
            s.set_font(if !t.is_task() {
                OTHER_LANE_FONT
            } else {
                LANE_FONT
            });
            s.measure_text(&t.shown_name(lang))
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
pub fn wrap_text(s: &impl Surface, text: &str, max_px: f64) -> Vec<String> {
    let width = |t: &[char]| s.measure_text(&t.iter().collect::<String>());
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

fn paint_bar(s: &mut impl Surface, bar: &Bar, gutter: f64, y: f64, h: f64) {
    let x = gutter + bar.x;
    match bar.kind {
        Kind::Sleep | Kind::Io => {
            s.set_alpha(s.alpha() * 0.45);
            s.set_fill(colour(bar.kind));
            s.fill_rect(x, y, bar.w, h);
            s.set_alpha(s.alpha() / 0.45);
            if bar.kind == Kind::Sleep {
                s.set_fill(colour(bar.kind));
                s.fill_rect(x, y + h - 2.0, bar.w, 2.0);
            } else {
                // I/O differs from a sleep by more than its colour: dashed edges, top and bottom.
                dashed_edges(s, colour(bar.kind), x, y, bar.w, h);
            }
        }
        Kind::Ready => {
            s.set_fill(colour(bar.kind));
            s.fill_rect(x, y + h / 2.0 - 2.0, bar.w.max(1.0), 4.0);
        }
        Kind::Block => {
            s.set_fill(colour(bar.kind));
            s.fill_rect(x, y, bar.w, h);
            if bar.w >= 4.0 {
                s.hatch(x, y, bar.w, h);
            }
        }
        Kind::Scenario => {
            s.set_fill(colour(bar.kind));
            s.fill_rect(x, y - 4.0, bar.w, 1.5);
            s.fill_rect(x, y - 5.0, 1.0, 3.5);
        }
        Kind::Run => {
            s.set_fill(colour(bar.kind));
            s.fill_rect(x, y + 1.0, bar.w, h - 2.0);
        }
        Kind::Compute => {
            // A worker's job differs from a poll on the loop by more than its colour: stripes.
            s.set_fill(colour(bar.kind));
            s.fill_rect(x, y + 1.0, bar.w, h - 2.0);
            if bar.w >= 4.0 {
                s.stripes(x, y + 1.0, bar.w, h - 2.0);
            }
        }
        Kind::Frozen => {
            s.set_fill(colour(bar.kind));
            s.fill_rect(x, y + 2.0, bar.w, h - 4.0);
            if bar.w >= 4.0 {
                s.hatch(x, y + 2.0, bar.w, h - 4.0);
            }
        }
        Kind::Print | Kind::End => {}
    }
    if bar.failed {
        s.set_fill(FAILED);
        s.fill_rect(x + bar.w - 3.0, y - 1.0, 3.0, h + 2.0);
    }
}

/// The dashes of an I/O span's edges, px: on, off.
pub const IO_DASH_PX: [f64; 2] = [4.0, 3.0];

/// An I/O span's top and bottom edges, dashed in `colour`.
fn dashed_edges(s: &mut impl Surface, colour: &str, x: f64, y: f64, w: f64, h: f64) {
    s.save();
    s.set_stroke(colour);
    s.set_line_width(2.0);
    s.set_line_dash(&IO_DASH_PX);
    s.begin_path();
    for edge in [y + 1.0, y + h - 1.0] {
        s.move_to(x, edge);
        s.line_to(x + w, edge);
    }
    s.stroke();
    s.restore();
}

fn paint_predicted_strips(s: &mut impl Surface, f: &Frame, pred: &Trace, index: &SpanIndex) {
    // Map predicted lanes onto measured lanes by name: through a map, as a run may have
    // 100,000 lanes (a search per lane made every live repaint of 10,000 tasks quadratic).
    let mut by_name: std::collections::HashMap<&str, usize> =
        std::collections::HashMap::with_capacity(f.primary.tasks.len());
    for (i, t) in f.primary.tasks.iter().enumerate() {
        // The first lane of a name, as `Trace::task_named` finds it.
        by_name.entry(t.name.as_str()).or_insert(i);
    }
    let lane_of: Vec<Option<usize>> = pred
        .tasks
        .iter()
        .map(|t| by_name.get(t.name.as_str()).copied())
        .collect();
    s.set_alpha(0.7);
    let shows = |lane: usize| {
        lane_of
            .get(lane)
            .copied()
            .flatten()
            .is_some_and(|l| f.shows(l))
    };
    for bar in index.bars_where(pred, &f.view, shows) {
        let Some(Some(lane)) = lane_of.get(bar.lane) else {
            continue;
        };
        if matches!(bar.kind, Kind::Scenario | Kind::Run) {
            continue;
        }
        let y = lane_top(*lane) + PRED_Y;
        s.set_fill(colour(bar.kind));
        s.fill_rect(f.gutter_px + bar.x, y, bar.w.max(0.5), PRED_H);
    }
    s.set_alpha(1.0);
}

fn paint_markers(s: &mut impl Surface, f: &Frame) {
    let trace = f.primary;
    for m in markers(trace, &f.view) {
        if !f.shows(m.lane) {
            continue;
        }
        let e = &trace.events[m.event];
        let x = f.gutter_px + m.x;
        let top = lane_top(m.lane) + BAR_Y;
        match e.kind {
            Kind::Print => {
                s.set_fill(f.palette.print);
                s.begin_path();
                s.move_to(x - 3.5, top - 6.0);
                s.line_to(x + 3.5, top - 6.0);
                s.line_to(x, top);
                s.close_path();
                s.fill();
            }
            Kind::End => {
                let outcome = trace.tasks.get(m.lane).and_then(|t| t.outcome.as_ref());
                match outcome {
                    Some(Outcome::Failed(_)) => {
                        s.set_fill(FAILED);
                        s.fill_rect(x - 1.0, top - 2.0, 4.0, BAR_H + 4.0);
                    }
                    Some(Outcome::Cancelled) => {
                        s.set_stroke(f.palette.muted);
                        s.set_line_width(2.0);
                        s.begin_path();
                        s.move_to(x, top - 2.0);
                        s.line_to(x, top + BAR_H + 2.0);
                        s.move_to(x - 4.0, top + BAR_H + 2.0);
                        s.line_to(x + 4.0, top - 2.0);
                        s.stroke();
                    }
                    _ => {
                        s.set_fill(f.palette.muted);
                        s.fill_rect(x, top + 2.0, 1.5, BAR_H - 4.0);
                    }
                }
            }
            _ => {}
        }
    }
}

fn paint_totals(s: &mut impl Surface, f: &Frame) {
    let meta = &f.primary.meta;
    let bottom = f.height_px;
    s.set_font(AXIS_FONT);
    s.set_text_align(Align::Left);
    if let Some(pred_us) = f.predicted.and_then(|(p, _)| p.total_us) {
        let x = f.gutter_px + f.view.x(pred_us);
        s.set_stroke(f.palette.muted);
        s.set_line_width(1.0);
        s.set_line_dash(&[4.0, 3.0]);
        s.begin_path();
        s.move_to(x + 0.5, AXIS_PX);
        s.line_to(x + 0.5, bottom);
        s.stroke();
        s.set_line_dash(&[]);
        let label = if f.steps {
            tr!(f.lang, "canvas-predicted-steps", n = fmt_steps(pred_us))
        } else {
            tr!(
                f.lang,
                "canvas-predicted",
                s = format!("{:.1}", meta.to_s(pred_us))
            )
        };
        s.set_fill(f.palette.muted);
        if x > f.width_px - 110.0 {
            s.set_text_align(Align::Right);
            s.fill_text(&label, x - 4.0, bottom - 8.0);
            s.set_text_align(Align::Left);
        } else {
            s.fill_text(&label, x + 4.0, bottom - 8.0);
        }
    }
    if let (Some(total_us), false) = (f.primary.total_us, f.primary_is_prediction) {
        let x = f.gutter_px + f.view.x(total_us);
        s.set_fill(f.palette.text);
        s.fill_rect(x, AXIS_PX, 1.0, bottom - AXIS_PX);
        let label = if f.steps {
            tr!(f.lang, "canvas-measured-steps", n = fmt_steps(total_us))
        } else {
            tr!(
                f.lang,
                "canvas-measured",
                s = format!("{:.2}", meta.to_s(total_us))
            )
        };
        if x > f.width_px - 110.0 {
            s.set_text_align(Align::Right);
            s.fill_text(&label, x - 4.0, AXIS_PX + 8.0);
            s.set_text_align(Align::Left);
        } else {
            s.fill_text(&label, x + 4.0, AXIS_PX + 8.0);
        }
    }
}

/// A step count as the axis writes it (a poll's prints take fractions of a step).
fn fmt_steps(x: f64) -> String {
    let text = format!("{x:.1}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

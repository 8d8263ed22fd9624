//! The timeline's canvas gets its drawing through `paint::Lean`, which passes on only the state
//! changes that change something and measures text once: every drawing call must reach the
//! surface in the same order with the same state as without it, for every mode of the catalog.

use std::cell::Cell;

use awaitlab_core::paint::{
    paint_whole_run, Align, Baseline, Lean, Scene, Surface, TextWidths, DARK, LIGHT,
};
use awaitlab_core::scenario::Draft;
use awaitlab_core::scenarios::CATALOG;
use awaitlab_core::trace::Trace;

/// A canvas's state, as far as the paint sets it.
#[derive(Clone, Debug, Default, PartialEq)]
struct State {
    fill: String,
    stroke: String,
    line_width: f64,
    dash: Vec<f64>,
    alpha: f64,
    font: String,
    align: Option<Align>,
    baseline: Option<Baseline>,
    clips: usize,
}

/// A surface that keeps state as a canvas does and records each drawing call with the state it
/// was drawn in, and how many state sets and measurements it was asked for.
#[derive(Default)]
struct Recorder {
    state: State,
    saved: Vec<State>,
    drawn: Vec<String>,
    sets: usize,
    measured: Cell<usize>,
}

impl Recorder {
    fn draw(&mut self, what: String) {
        self.drawn.push(format!("{what} in {:?}", self.state));
    }
}

impl Surface for Recorder {
    fn set_fill(&mut self, colour: &str) {
        self.sets += 1;
        self.state.fill = colour.to_string();
    }
    fn set_stroke(&mut self, colour: &str) {
        self.sets += 1;
        self.state.stroke = colour.to_string();
    }
    fn set_line_width(&mut self, px: f64) {
        self.sets += 1;
        self.state.line_width = px;
    }
    fn set_line_dash(&mut self, dash: &[f64]) {
        self.sets += 1;
        self.state.dash = dash.to_vec();
    }
    fn set_alpha(&mut self, alpha: f64) {
        self.sets += 1;
        self.state.alpha = alpha;
    }
    fn alpha(&self) -> f64 {
        self.state.alpha
    }
    fn set_font(&mut self, font: &str) {
        self.sets += 1;
        self.state.font = font.to_string();
    }
    fn set_text_align(&mut self, align: Align) {
        self.sets += 1;
        self.state.align = Some(align);
    }
    fn set_text_baseline(&mut self, baseline: Baseline) {
        self.sets += 1;
        self.state.baseline = Some(baseline);
    }
    fn fill_rect(&mut self, x: f64, y: f64, w: f64, h: f64) {
        self.draw(format!("fillRect {x} {y} {w} {h}"));
    }
    fn fill_text(&mut self, text: &str, x: f64, y: f64) {
        self.draw(format!("fillText {text:?} {x} {y}"));
    }
    fn measure_text(&self, text: &str) -> f64 {
        self.measured.set(self.measured.get() + 1);
        // Wider for wider fonts, so a font set late would show.
        let size = if self.state.font.contains("11px") {
            6.5
        } else {
            7.0
        };
        text.chars().count() as f64 * size
    }
    fn begin_path(&mut self) {
        self.draw("beginPath".into());
    }
    fn move_to(&mut self, x: f64, y: f64) {
        self.draw(format!("moveTo {x} {y}"));
    }
    fn line_to(&mut self, x: f64, y: f64) {
        self.draw(format!("lineTo {x} {y}"));
    }
    fn close_path(&mut self) {
        self.draw("closePath".into());
    }
    fn fill(&mut self) {
        self.draw("fill".into());
    }
    fn stroke(&mut self) {
        self.draw("stroke".into());
    }
    fn save(&mut self) {
        self.saved.push(self.state.clone());
    }
    fn restore(&mut self) {
        if let Some(s) = self.saved.pop() {
            self.state = s;
        }
    }
    fn clip_rect(&mut self, x: f64, y: f64, w: f64, h: f64) {
        self.state.clips += 1;
        self.draw(format!("clip {x} {y} {w} {h}"));
    }
}

fn scene<'a>(primary: &'a Trace, predicted: Option<&'a Trace>, dark: bool) -> Scene<'a> {
    Scene {
        primary,
        predicted,
        primary_is_prediction: predicted.is_none(),
        steps: false,
        width_px: 900.0,
        palette: if dark { &DARK } else { &LIGHT },
        lang: awaitlab_core::view_options::Lang::En,
    }
}

fn predictions() -> Vec<(String, Trace)> {
    let mut out = Vec::new();
    for scenario in CATALOG.iter() {
        for mode in scenario.modes {
            let mut draft = Draft::defaults(scenario);
            draft.mode = mode.id;
            let config = draft.validate(scenario).expect("valid defaults");
            let trace = awaitlab_core::run::predict(scenario, &draft, config);
            out.push((format!("{} {}", scenario.id, mode.id), trace));
        }
    }
    out
}

#[test]
fn lean_draws_the_same_calls_in_the_same_state_for_every_mode() {
    let mut fewer = 0;
    for (name, trace) in predictions() {
        for (predicted, dark) in [(None, false), (Some(&trace), true)] {
            let s = scene(&trace, predicted, dark);
            let mut plain = Recorder::default();
            let plain_labels = paint_whole_run(&mut plain, &s);
            let mut lean = Lean::new(Recorder::default(), TextWidths::default());
            let lean_labels = paint_whole_run(&mut lean, &s);
            assert_eq!(plain_labels, lean_labels, "{name}");
            assert_eq!(plain.drawn, lean.inner().drawn, "{name}");
            assert!(lean.inner().sets <= plain.sets, "{name}");
            if lean.inner().sets < plain.sets {
                fewer += 1;
            }
        }
    }
    assert!(fewer > 0, "no paint repeated a state set");
}

#[test]
fn text_widths_carry_over_so_a_second_draw_measures_nothing() {
    let (_, trace) = predictions()
        .into_iter()
        .max_by_key(|(_, t)| t.tasks.len())
        .expect("a scenario");
    let s = scene(&trace, None, false);
    let mut first = Lean::new(Recorder::default(), TextWidths::default());
    let labels = paint_whole_run(&mut first, &s);
    assert!(first.inner().measured.get() > 0);
    let widths = first.into_widths();
    assert!(!widths.is_empty());
    let mut second = Lean::new(Recorder::default(), widths);
    assert_eq!(paint_whole_run(&mut second, &s), labels);
    assert_eq!(second.inner().measured.get(), 0);
}

#[test]
fn a_restore_brings_back_the_state_known_before_the_save() {
    let mut s = Lean::new(Recorder::default(), TextWidths::default());
    s.set_fill("#000");
    s.save();
    s.set_fill("#fff");
    s.restore();
    // The canvas is back to #000: setting it again is skipped, setting #fff is not.
    s.set_fill("#000");
    s.fill_rect(0.0, 0.0, 1.0, 1.0);
    s.set_fill("#fff");
    s.fill_rect(0.0, 0.0, 1.0, 1.0);
    assert_eq!(s.inner().sets, 3);
    let drawn = &s.inner().drawn;
    assert!(drawn[0].contains("fill: \"#000\""), "{drawn:?}");
    assert!(drawn[1].contains("fill: \"#fff\""), "{drawn:?}");
}

#[test]
fn text_widths_start_over_when_full() {
    let mut w = TextWidths::default();
    for k in 0..TextWidths::MOST {
        w.put("12px x", &k.to_string(), 1.0);
    }
    assert_eq!(w.len(), TextWidths::MOST);
    w.put("12px x", "one more", 2.0);
    assert_eq!(w.len(), 1);
    assert_eq!(w.get("12px x", "one more"), Some(2.0));
    assert_eq!(w.get("12px x", "0"), None);
    assert_eq!(w.get("11px x", "one more"), None);
}

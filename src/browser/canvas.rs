//! A 2D canvas as a drawing [`Surface`]: the page's timeline and the PNG export paint through it
//! with the core's one paint routine (`awaitlab_core::paint`), as the SVG writer does.

use wasm_bindgen::JsValue;
use web_sys::CanvasRenderingContext2d as Ctx;

use awaitlab_core::paint::{Align, Baseline, Surface};

/// A canvas's 2D context, drawn on in CSS px (the caller sets the device pixel ratio's scale).
pub struct Canvas2d<'a>(pub &'a Ctx);

impl Surface for Canvas2d<'_> {
    fn set_fill(&mut self, colour: &str) {
        self.0.set_fill_style_str(colour);
    }

    fn set_stroke(&mut self, colour: &str) {
        self.0.set_stroke_style_str(colour);
    }

    fn set_line_width(&mut self, px: f64) {
        self.0.set_line_width(px);
    }

    fn set_line_dash(&mut self, dash: &[f64]) {
        let segments: js_sys::Array = dash.iter().map(|d| JsValue::from(*d)).collect();
        let _ = self.0.set_line_dash(&segments);
    }

    fn set_alpha(&mut self, alpha: f64) {
        self.0.set_global_alpha(alpha);
    }

    fn alpha(&self) -> f64 {
        self.0.global_alpha()
    }

    fn set_font(&mut self, font: &str) {
        self.0.set_font(font);
    }

    fn set_text_align(&mut self, align: Align) {
        self.0.set_text_align(match align {
            Align::Left => "left",
            Align::Center => "center",
            Align::Right => "right",
        });
    }

    fn set_text_baseline(&mut self, baseline: Baseline) {
        self.0.set_text_baseline(match baseline {
            Baseline::Alphabetic => "alphabetic",
            Baseline::Middle => "middle",
        });
    }

    fn fill_rect(&mut self, x: f64, y: f64, w: f64, h: f64) {
        self.0.fill_rect(x, y, w, h);
    }

    fn fill_text(&mut self, text: &str, x: f64, y: f64) {
        let _ = self.0.fill_text(text, x, y);
    }

    fn measure_text(&self, text: &str) -> f64 {
        self.0.measure_text(text).map_or(0.0, |m| m.width())
    }

    fn begin_path(&mut self) {
        self.0.begin_path();
    }

    fn move_to(&mut self, x: f64, y: f64) {
        self.0.move_to(x, y);
    }

    fn line_to(&mut self, x: f64, y: f64) {
        self.0.line_to(x, y);
    }

    fn close_path(&mut self) {
        self.0.close_path();
    }

    fn fill(&mut self) {
        self.0.fill();
    }

    fn stroke(&mut self) {
        self.0.stroke();
    }

    fn save(&mut self) {
        self.0.save();
    }

    fn restore(&mut self) {
        self.0.restore();
    }

    fn clip_rect(&mut self, x: f64, y: f64, w: f64, h: f64) {
        self.0.begin_path();
        self.0.rect(x, y, w, h);
        self.0.clip();
    }
}

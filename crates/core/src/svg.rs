//! The timeline as an SVG document: a [`Surface`] that writes elements instead of pixels, fed by
//! the same [`crate::paint`] routine as the page's canvas — so the file has the canvas's colours,
//! hatching and labels by construction. Text stays text (`<text>` with the canvas's font), the
//! hatching is a `<pattern>`, the plot's clip a `<clipPath>`. Program text and task names are
//! someone else's input: every string is escaped for XML, and characters XML 1.0 cannot hold are
//! replaced.

use std::fmt::Write;

use crate::paint::{
    paint_whole_run, Align, Baseline, Scene, Surface, HATCH_COLOUR, HATCH_GAP_PX, HATCH_LINE_PX,
    STRIPE_GAP_PX,
};

/// Measures text for the layout (gutter width, wrapping): `(font, text)` → width in px, the font
/// as CSS's `font` shorthand. In the browser the export measures with a canvas, so the SVG is laid
/// out exactly as the page's timeline; elsewhere [`estimate_width`] stands in.
pub type Measure = Box<dyn Fn(&str, &str) -> f64>;

/// The whole run of `scene` as an SVG document, `scene.width_px` wide, laid out with `measure`.
pub fn timeline_svg(scene: &Scene, measure: Measure) -> String {
    let mut svg = SvgSurface::new(scene.width_px, scene.height_px(), measure);
    let (scenario, mode) = (&scene.primary.meta.scenario, &scene.primary.meta.mode);
    let title = if scene.primary_is_prediction {
        awaitlab_i18n::tr!(
            scene.lang,
            "svg-title-predicted",
            scenario = scenario,
            mode = mode
        )
    } else {
        awaitlab_i18n::tr!(
            scene.lang,
            "svg-title-measured",
            scenario = scenario,
            mode = mode
        )
    };
    svg.set_title(&title);
    paint_whole_run(&mut svg, scene);
    svg.finish()
}

/// A generous width for `text` in `font` without a browser to ask, px: per-character widths of a
/// typical sans-serif (narrow punctuation, wide capitals, full-width CJK), a little more for bold.
/// It errs wide, so a label laid out with it is not cut off or run into its neighbour.
pub fn estimate_width(font: &str, text: &str) -> f64 {
    let FontSpec { size, weight, .. } = FontSpec::parse(font);
    let em: f64 = text
        .chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | '.' | ',' | '\'' | '!' | '|' | ':' | ';' | ' ' => 0.3,
            'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '-' | '"' | '/' => 0.4,
            'm' | 'w' | 'M' | 'W' | '@' | '%' => 0.9,
            'A'..='Z' | '&' => 0.7,
            '0'..='9' => 0.58,
            c if c.is_ascii() => 0.58,
            c if is_wide(c) => 1.0,
            _ => 0.65,
        })
        .sum();
    let bold = if weight.parse::<u32>().is_ok_and(|w| w >= 600) || weight == "bold" {
        1.07
    } else {
        1.0
    };
    em * size * bold
}

/// East Asian wide characters (CJK, kana, Hangul, full-width forms) and emoji take a full em.
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x1F300..=0x1FAFF
        | 0x20000..=0x3FFFD)
}

/// `text` made safe as XML 1.0 character data or an attribute value: `&`, `<`, `>`, `"` and `'`
/// become entities, tabs and line breaks a space (a label is one line, as the canvas draws it),
/// and characters XML 1.0 forbids (other C0 controls, U+FFFE, U+FFFF) and C1 controls become
/// U+FFFD, so a hostile name can neither break the document nor hide in it.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{fffe}' | '\u{ffff}' => {
                out.push('\u{fffd}')
            }
            c => out.push(c),
        }
    }
    out
}

/// A number as an attribute writes it: at most two decimals, no trailing zeros.
fn num(x: f64) -> String {
    if !x.is_finite() {
        return "0".into();
    }
    let text = format!("{x:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    match text {
        "-0" | "" => "0".into(),
        t => t.to_string(),
    }
}

/// A CSS colour split into an SVG paint and an opacity: `rgba(r,g,b,a)` → `rgb(r,g,b)` and `a`
/// (SVG 1.1's paint has no alpha); anything else as it is, opaque.
fn paint_of(colour: &str) -> (String, f64) {
    let c = colour.trim();
    if let Some(inner) = c.strip_prefix("rgba(").and_then(|r| r.strip_suffix(')')) {
        let parts: Vec<&str> = inner.split(',').map(str::trim).collect();
        if let [r, g, b, a] = parts[..] {
            let alpha = a.parse::<f64>().unwrap_or(1.0).clamp(0.0, 1.0);
            return (format!("rgb({r},{g},{b})"), alpha);
        }
    }
    (c.to_string(), 1.0)
}

/// CSS's `font` shorthand in parts: `[style] [weight] <size>px <family>`.
struct FontSpec {
    style: String,
    weight: String,
    size: f64,
    family: String,
}

impl FontSpec {
    fn parse(font: &str) -> FontSpec {
        let mut spec = FontSpec {
            style: "normal".into(),
            weight: "normal".into(),
            size: 10.0,
            family: "sans-serif".into(),
        };
        let mut rest = font.trim();
        while let Some((word, after)) = rest.split_once(' ') {
            if let Some(px) = word.strip_suffix("px") {
                spec.size = px.parse().unwrap_or(10.0);
                spec.family = after.trim().to_string();
                break;
            }
            match word {
                "italic" | "oblique" => spec.style = word.into(),
                "normal" => {}
                w => spec.weight = w.into(),
            }
            rest = after.trim_start();
        }
        spec
    }
}

/// The drawing state a canvas keeps (and `save`/`restore` stack).
#[derive(Clone)]
struct State {
    fill: String,
    stroke: String,
    line_width: f64,
    dash: Vec<f64>,
    alpha: f64,
    font: String,
    align: Align,
    baseline: Baseline,
    /// Clip groups opened since the matching `save`.
    clips: usize,
}

/// An SVG document being drawn: a [`Surface`] that appends elements.
pub struct SvgSurface {
    width_px: f64,
    height_px: f64,
    title: Option<String>,
    measure: Measure,
    state: State,
    saved: Vec<State>,
    defs: String,
    body: String,
    path: String,
    clips: usize,
    hatch: bool,
    stripes: bool,
    groups: usize,
}

impl SvgSurface {
    /// An empty drawing `width_px` × `height_px`, measuring text with `measure`.
    pub fn new(width_px: f64, height_px: f64, measure: Measure) -> Self {
        SvgSurface {
            width_px,
            height_px,
            title: None,
            measure,
            // A canvas's initial state.
            state: State {
                fill: "#000000".into(),
                stroke: "#000000".into(),
                line_width: 1.0,
                dash: Vec::new(),
                alpha: 1.0,
                font: "10px sans-serif".into(),
                align: Align::Left,
                baseline: Baseline::Alphabetic,
                clips: 0,
            },
            saved: Vec::new(),
            defs: String::new(),
            body: String::new(),
            path: String::new(),
            clips: 0,
            hatch: false,
            stripes: false,
            groups: 0,
        }
    }

    /// The document's `<title>` (what a viewer names it, and what a screen reader reads).
    pub fn set_title(&mut self, title: &str) {
        self.title = Some(title.to_string());
    }

    /// The document.
    pub fn finish(mut self) -> String {
        // Whatever a caller left open: every clip group still open, every group.
        let mut open = self.state.clips;
        while let Some(state) = self.saved.pop() {
            open += state.clips;
        }
        for _ in 0..open + self.groups {
            self.body.push_str("</g>");
        }
        let (w, h) = (num(self.width_px), num(self.height_px));
        let mut out = String::new();
        let _ = write!(
            out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" \
             viewBox=\"0 0 {w} {h}\" role=\"img\">\n"
        );
        if let Some(title) = &self.title {
            let _ = writeln!(out, "<title>{}</title>", escape(title));
        }
        if !self.defs.is_empty() {
            let _ = writeln!(out, "<defs>{}</defs>", self.defs);
        }
        out.push_str(&self.body);
        out.push_str("</svg>\n");
        out
    }

    /// ` fill="…"` with its opacity (the colour's times the global alpha).
    fn fill_attrs(&self) -> String {
        let (paint, alpha) = paint_of(&self.state.fill);
        let alpha = alpha * self.state.alpha;
        let mut out = format!(" fill=\"{}\"", escape(&paint));
        if alpha < 1.0 {
            let _ = write!(out, " fill-opacity=\"{}\"", num(alpha));
        }
        out
    }

    fn define_hatch(&mut self) {
        if self.hatch {
            return;
        }
        self.hatch = true;
        let (paint, alpha) = paint_of(HATCH_COLOUR);
        let g = HATCH_GAP_PX;
        // Lines x + y = n·gap across one tile, with the corners' neighbours so they join.
        let _ = write!(
            self.defs,
            "<pattern id=\"awaitlab-hatch\" patternUnits=\"userSpaceOnUse\" width=\"{g}\" \
             height=\"{g}\"><path d=\"M-1 1L1 -1M0 {g}L{g} 0M{a} {b}L{b} {a}\" stroke=\"{paint}\" \
             stroke-opacity=\"{alpha}\" stroke-width=\"{w}\" fill=\"none\"/></pattern>",
            g = num(g),
            a = num(g - 1.0),
            b = num(g + 1.0),
            alpha = num(alpha),
            w = num(HATCH_LINE_PX),
        );
    }
}

impl SvgSurface {
    fn define_stripes(&mut self) {
        if self.stripes {
            return;
        }
        self.stripes = true;
        let (paint, alpha) = paint_of(HATCH_COLOUR);
        let g = STRIPE_GAP_PX;
        // One upright line in the middle of each tile, as the canvas draws them.
        let _ = write!(
            self.defs,
            "<pattern id=\"awaitlab-stripes\" patternUnits=\"userSpaceOnUse\" width=\"{g}\" \
             height=\"{g}\"><path d=\"M{m} 0V{g}\" stroke=\"{paint}\" stroke-opacity=\"{alpha}\" \
             stroke-width=\"{w}\" fill=\"none\"/></pattern>",
            g = num(g),
            m = num(g / 2.0),
            alpha = num(alpha),
            w = num(HATCH_LINE_PX),
        );
    }

    /// A rectangle filled with one of the patterns defined above.
    fn pattern_rect(&mut self, class: &str, pattern: &str, x: f64, y: f64, w: f64, h: f64) {
        let opacity = if self.state.alpha < 1.0 {
            format!(" opacity=\"{}\"", num(self.state.alpha))
        } else {
            String::new()
        };
        let _ = writeln!(
            self.body,
            "<rect class=\"{class}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" \
             fill=\"url(#{pattern})\"{opacity}/>",
            num(x),
            num(y),
            num(w),
            num(h)
        );
    }
}

impl Surface for SvgSurface {
    fn set_fill(&mut self, colour: &str) {
        self.state.fill = colour.to_string();
    }

    fn set_stroke(&mut self, colour: &str) {
        self.state.stroke = colour.to_string();
    }

    fn set_line_width(&mut self, px: f64) {
        self.state.line_width = px;
    }

    fn set_line_dash(&mut self, dash: &[f64]) {
        self.state.dash = dash.to_vec();
    }

    fn set_alpha(&mut self, alpha: f64) {
        self.state.alpha = alpha.clamp(0.0, 1.0);
    }

    fn alpha(&self) -> f64 {
        self.state.alpha
    }

    fn set_font(&mut self, font: &str) {
        self.state.font = font.to_string();
    }

    fn set_text_align(&mut self, align: Align) {
        self.state.align = align;
    }

    fn set_text_baseline(&mut self, baseline: Baseline) {
        self.state.baseline = baseline;
    }

    fn fill_rect(&mut self, x: f64, y: f64, w: f64, h: f64) {
        // A canvas draws a negative size from the other corner, and nothing for zero.
        let (x, w) = if w < 0.0 { (x + w, -w) } else { (x, w) };
        let (y, h) = if h < 0.0 { (y + h, -h) } else { (y, h) };
        if w == 0.0 || h == 0.0 || !(x + y + w + h).is_finite() {
            return;
        }
        let fill = self.fill_attrs();
        let _ = writeln!(
            self.body,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"{fill}/>",
            num(x),
            num(y),
            num(w),
            num(h)
        );
    }

    fn fill_text(&mut self, text: &str, x: f64, y: f64) {
        let font = FontSpec::parse(&self.state.font);
        let anchor = match self.state.align {
            Align::Left => "start",
            Align::Center => "middle",
            Align::Right => "end",
        };
        let mut attrs = format!(
            "x=\"{}\" y=\"{}\" font-family=\"{}\" font-size=\"{}\"",
            num(x),
            num(y),
            escape(&font.family),
            num(font.size)
        );
        if font.weight != "normal" {
            let _ = write!(attrs, " font-weight=\"{}\"", escape(&font.weight));
        }
        if font.style != "normal" {
            let _ = write!(attrs, " font-style=\"{}\"", escape(&font.style));
        }
        if anchor != "start" {
            let _ = write!(attrs, " text-anchor=\"{anchor}\"");
        }
        // The canvas's `middle` is the middle of the em box: SVG's `central`.
        if self.state.baseline == Baseline::Middle {
            attrs.push_str(" dominant-baseline=\"central\"");
        }
        attrs.push_str(&self.fill_attrs());
        let _ = writeln!(
            self.body,
            "<text {attrs} xml:space=\"preserve\">{}</text>",
            escape(text)
        );
    }

    fn measure_text(&self, text: &str) -> f64 {
        (self.measure)(&self.state.font, text)
    }

    fn begin_path(&mut self) {
        self.path.clear();
    }

    fn move_to(&mut self, x: f64, y: f64) {
        let _ = write!(self.path, "M{} {}", num(x), num(y));
    }

    fn line_to(&mut self, x: f64, y: f64) {
        let _ = write!(self.path, "L{} {}", num(x), num(y));
    }

    fn close_path(&mut self) {
        self.path.push('Z');
    }

    fn fill(&mut self) {
        if self.path.is_empty() {
            return;
        }
        let fill = self.fill_attrs();
        let _ = writeln!(self.body, "<path d=\"{}\"{fill}/>", self.path);
    }

    fn stroke(&mut self) {
        if self.path.is_empty() {
            return;
        }
        let (paint, alpha) = paint_of(&self.state.stroke);
        let alpha = alpha * self.state.alpha;
        let mut attrs = format!(
            " fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"",
            escape(&paint),
            num(self.state.line_width)
        );
        if alpha < 1.0 {
            let _ = write!(attrs, " stroke-opacity=\"{}\"", num(alpha));
        }
        if !self.state.dash.is_empty() {
            let dash: Vec<String> = self.state.dash.iter().map(|d| num(*d)).collect();
            let _ = write!(attrs, " stroke-dasharray=\"{}\"", dash.join(" "));
        }
        let _ = writeln!(self.body, "<path d=\"{}\"{attrs}/>", self.path);
    }

    fn save(&mut self) {
        let mut next = self.state.clone();
        next.clips = 0;
        self.saved.push(std::mem::replace(&mut self.state, next));
    }

    fn restore(&mut self) {
        let Some(previous) = self.saved.pop() else {
            return;
        };
        for _ in 0..self.state.clips {
            self.body.push_str("</g>\n");
        }
        self.state = previous;
    }

    fn clip_rect(&mut self, x: f64, y: f64, w: f64, h: f64) {
        self.clips += 1;
        let id = format!("awaitlab-clip{}", self.clips);
        let _ = write!(
            self.defs,
            "<clipPath id=\"{id}\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/></clipPath>",
            num(x),
            num(y),
            num(w.max(0.0)),
            num(h.max(0.0))
        );
        let _ = writeln!(self.body, "<g clip-path=\"url(#{id})\">");
        self.state.clips += 1;
    }

    fn hatch(&mut self, x: f64, y: f64, w: f64, h: f64) {
        self.define_hatch();
        self.pattern_rect("hatch", "awaitlab-hatch", x, y, w, h);
    }

    fn stripes(&mut self, x: f64, y: f64, w: f64, h: f64) {
        self.define_stripes();
        self.pattern_rect("stripes", "awaitlab-stripes", x, y, w, h);
    }

    fn begin_group(&mut self, class: &str, title: Option<&str>) {
        self.groups += 1;
        let _ = write!(self.body, "<g class=\"{}\">", escape(class));
        if let Some(title) = title {
            let _ = write!(self.body, "<title>{}</title>", escape(title));
        }
        self.body.push('\n');
    }

    fn end_group(&mut self) {
        if self.groups > 0 {
            self.groups -= 1;
            self.body.push_str("</g>\n");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_replaces_what_xml_cannot_hold() {
        assert_eq!(
            escape("<script>&\"'\u{1}\u{7}\n\u{fffe}é"),
            "&lt;script&gt;&amp;&quot;&apos;\u{fffd}\u{fffd} \u{fffd}é"
        );
    }

    #[test]
    fn numbers_and_colours_are_written_as_svg_reads_them() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(2.345), "2.35");
        assert_eq!(num(f64::NAN), "0");
        assert_eq!(paint_of("#0072B2"), ("#0072B2".to_string(), 1.0));
        assert_eq!(
            paint_of("rgba(255,255,255,0.55)"),
            ("rgb(255,255,255)".to_string(), 0.55)
        );
    }

    #[test]
    fn fonts_split_into_style_weight_size_and_family() {
        let f = FontSpec::parse("italic 11px ui-sans-serif, system-ui, sans-serif");
        assert_eq!(
            (f.style.as_str(), f.weight.as_str(), f.size),
            ("italic", "normal", 11.0)
        );
        assert_eq!(f.family, "ui-sans-serif, system-ui, sans-serif");
        let f = FontSpec::parse("600 12px ui-sans-serif");
        assert_eq!((f.weight.as_str(), f.size), ("600", 12.0));
        assert!(estimate_width("600 12px x", "WWW") > estimate_width("12px x", "iii") * 2.0);
    }
}

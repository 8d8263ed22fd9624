//! The timeline's SVG export, read back with a real XML parser: traces from the virtual executor
//! drawn by the same paint routine as the page's canvas, so the file has one label per lane, the
//! palette's colours for the states present, the hatching where the loop or the page was held,
//! and hostile lane names escaped.

mod common;

use awaitlab_core::page::{add_page_lane, PageSamples};
use awaitlab_core::paint::{colour, height_for, lane_top, Scene, LANE_PX, LIGHT};
use awaitlab_core::scenario::Draft;
use awaitlab_core::scenarios::CATALOG;
use awaitlab_core::steps::{by_steps, reads_by_steps};
use awaitlab_core::svg::{estimate_width, timeline_svg};
use awaitlab_core::trace::{Kind, Source, Trace};
use common::predict_url;
use roxmltree::{Document, Node};

const WIDTH_PX: f64 = 900.0;

fn svg_of(primary: &Trace, predicted: Option<&Trace>, is_prediction: bool) -> String {
    let scene = Scene {
        primary,
        predicted,
        primary_is_prediction: is_prediction,
        steps: false,
        width_px: WIDTH_PX,
        palette: &LIGHT,
        lang: awaitlab_core::view_options::Lang::En,
    };
    timeline_svg(&scene, Box::new(estimate_width))
}

/// `predicted` drawn as if measured (the prediction as its strips) by the timeline's own paint,
/// on a drawing `height` px tall that shows the band `shown` of the lanes, fitted to
/// `extent_us`: the lanes' names as drawn, and the SVG.
fn paint_as_measured(
    predicted: &Trace,
    height: f64,
    shown: (f64, f64),
    extent_us: f64,
    lang: awaitlab_core::view_options::Lang,
) -> (Vec<Vec<String>>, String) {
    use awaitlab_core::layout::{SpanIndex, Viewport};
    use awaitlab_core::paint::{gutter_for, paint, Frame};
    use awaitlab_core::svg::SvgSurface;

    let mut measured = predicted.clone();
    measured.meta.source = Source::Measured;
    let (index, pred_index) = (SpanIndex::new(&measured), SpanIndex::new(predicted));
    let mut s = SvgSurface::new(WIDTH_PX, height, Box::new(estimate_width));
    let gutter_px = gutter_for(&mut s, &measured, WIDTH_PX, lang);
    let frame = Frame {
        primary: &measured,
        primary_index: &index,
        predicted: Some((predicted, &pred_index)),
        primary_is_prediction: false,
        steps: false,
        gutter_px,
        view: Viewport::fit(extent_us, WIDTH_PX - gutter_px),
        width_px: WIDTH_PX,
        height_px: height,
        shown,
        palette: &LIGHT,
        lang,
    };
    let labels = paint(&mut s, &frame);
    (labels, s.finish())
}

/// A measured run as the page would have it: the prediction's events, marked measured, with the
/// page's lane holding a frozen stretch of 300 ms.
fn measured_with_a_frozen_page(query: &str) -> Trace {
    let mut trace = predict_url(query);
    trace.meta.source = Source::Measured;
    let mut frames: Vec<f64> = (0..10).map(|i| i as f64 * 16.7).collect();
    frames.extend((0..5).map(|i| 450.3 + i as f64 * 16.7));
    add_page_lane(
        &mut trace,
        &PageSamples {
            frames,
            ..PageSamples::default()
        },
    );
    trace
}

fn groups<'a>(doc: &'a Document, class: &str) -> Vec<Node<'a, 'a>> {
    doc.descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("class") == Some(class))
        .collect()
}

fn texts<'a>(node: Node<'a, 'a>) -> Vec<Node<'a, 'a>> {
    node.descendants()
        .filter(|n| n.has_tag_name("text"))
        .collect()
}

fn title(node: Node) -> Option<String> {
    node.children()
        .find(|n| n.has_tag_name("title"))
        .and_then(|t| t.text())
        .map(str::to_string)
}

/// The fills of the rectangles drawn as the run's bars.
fn bar_fills(doc: &Document) -> Vec<String> {
    groups(doc, "bars")
        .iter()
        .flat_map(|g| g.descendants())
        .filter(|n| n.has_tag_name("rect"))
        .filter_map(|n| n.attribute("fill").map(str::to_string))
        .collect()
}

/// The span kinds of `trace` that take time (a zero-length span draws nothing, on a canvas too).
fn span_kinds(trace: &Trace) -> Vec<Kind> {
    let mut kinds: Vec<Kind> = trace
        .events
        .iter()
        .filter(|e| e.dur_us > 0.0 && !e.kind.is_instant() && e.kind != Kind::Scenario)
        .map(|e| e.kind)
        .collect();
    kinds.sort_by_key(|k| k.cat());
    kinds.dedup();
    kinds
}

/// Each lane's label: the name in its title, its lines as drawn; and every line fits left of the
/// plot and inside its own lane (nothing clipped, nothing over its neighbour).
fn lane_labels(doc: &Document) -> Vec<(String, Vec<String>)> {
    let plot_left = doc
        .descendants()
        .find(|n| n.has_tag_name("clipPath"))
        .and_then(|c| c.first_element_child())
        .and_then(|r| r.attribute("x"))
        .and_then(|x| x.parse::<f64>().ok())
        .expect("the plot's clip");
    groups(doc, "lane-label")
        .into_iter()
        .enumerate()
        .map(|(lane, g)| {
            let lines = texts(g)
                .iter()
                .map(|t| {
                    let text = t.text().unwrap_or("").to_string();
                    let attr = |name: &str| t.attribute(name).unwrap_or("");
                    let num = |name: &str| attr(name).parse::<f64>().expect(name);
                    let font = format!(
                        "{} {} {}px {}",
                        attr("font-style"),
                        attr("font-weight"),
                        attr("font-size"),
                        attr("font-family")
                    );
                    // Right-aligned before the plot, starting inside the picture.
                    assert_eq!(attr("text-anchor"), "end");
                    assert!(num("x") < plot_left, "{text} runs into the plot");
                    assert!(
                        num("x") - estimate_width(&font, &text) >= 0.0,
                        "{text} is cut off on the left"
                    );
                    let y = num("y");
                    assert!(
                        y > lane_top(lane) && y < lane_top(lane) + LANE_PX,
                        "{text} sits outside lane {lane}"
                    );
                    text
                })
                .collect();
            (title(g).expect("the lane's name"), lines)
        })
        .collect()
}

#[test]
fn a_prediction_has_a_label_per_lane_and_the_palettes_colours() {
    let trace = predict_url("s=countdown&mode=async&speed=100");
    let svg = svg_of(&trace, Some(&trace), true);
    let doc = Document::parse(&svg).expect("well-formed SVG");
    let root = doc.root_element();
    assert!(root.has_tag_name(("http://www.w3.org/2000/svg", "svg")));
    assert_eq!(root.attribute("width"), Some("900"));
    let height = height_for(trace.tasks.len());
    assert_eq!(root.attribute("height"), Some(height.to_string().as_str()));

    let labels = lane_labels(&doc);
    let names: Vec<&str> = trace.tasks.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["main", "A", "B", "C"]);
    let drawn: Vec<&str> = labels.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(drawn, names);
    for (name, lines) in &labels {
        assert_eq!(
            lines,
            std::slice::from_ref(name),
            "a short name is one line"
        );
    }

    let fills = bar_fills(&doc);
    let kinds = span_kinds(&trace);
    assert!(kinds.contains(&Kind::Sleep), "{kinds:?}");
    for kind in &kinds {
        assert!(
            fills.iter().any(|f| f == colour(*kind)),
            "no {kind:?} bar in {}",
            colour(*kind)
        );
    }
    // Nothing blocks here: no hatching.
    assert!(!svg.contains("awaitlab-hatch"));
    // The prediction shown on its own is faded, as on the canvas.
    assert!(groups(&doc, "bars")[0]
        .descendants()
        .filter(|n| n.has_tag_name("rect"))
        .all(|r| r.attribute("fill-opacity").is_some()));
    // The axis's labels are text, every half second of the 3.0 s run.
    let ticks: Vec<&str> = texts(groups(&doc, "axis")[0])
        .iter()
        .filter_map(|t| t.text())
        .collect();
    assert_eq!(
        ticks,
        ["0.0 s", "0.5 s", "1.0 s", "1.5 s", "2.0 s", "2.5 s", "3.0 s"]
    );
}

#[test]
fn blocking_spans_and_a_frozen_page_are_hatched_with_a_pattern() {
    let predicted = predict_url("s=countdown&mode=blocking&speed=100");
    let measured = measured_with_a_frozen_page("s=countdown&mode=blocking&speed=100");
    let svg = svg_of(&measured, Some(&predicted), false);
    let doc = Document::parse(&svg).expect("well-formed SVG");

    let patterns: Vec<Node> = doc
        .descendants()
        .filter(|n| n.has_tag_name("pattern"))
        .collect();
    assert_eq!(patterns.len(), 1, "one hatch pattern, defined once");
    assert_eq!(patterns[0].attribute("id"), Some("awaitlab-hatch"));
    assert_eq!(
        patterns[0].parent().map(|p| p.tag_name().name()),
        Some("defs")
    );
    let hatched: Vec<Node> = doc
        .descendants()
        .filter(|n| n.attribute("fill") == Some("url(#awaitlab-hatch)"))
        .collect();
    // One hatch over each blocking sleep and over the freeze (all wider than 4 px here).
    let blocks = measured
        .events
        .iter()
        .filter(|e| matches!(e.kind, Kind::Block | Kind::Frozen) && e.dur_us > 0.0)
        .count();
    assert!(blocks >= 2);
    assert_eq!(
        hatched.len(),
        blocks,
        "a hatch over each blocking or frozen span"
    );

    let fills = bar_fills(&doc);
    for kind in [Kind::Block, Kind::Frozen] {
        assert!(fills.iter().any(|f| f == colour(kind)), "{kind:?}");
    }
    // The measured bars are opaque; the prediction is the strips under them.
    let strips = groups(&doc, "predicted");
    assert_eq!(strips.len(), 1);
    assert!(strips[0]
        .descendants()
        .any(|n| n.attribute("fill") == Some(colour(Kind::Block))));
    // The page's lane is labelled in italics, as on the canvas.
    let labels = groups(&doc, "lane-label");
    assert_eq!(labels.len(), measured.tasks.len());
    let page = labels.last().expect("the page's lane");
    assert_eq!(title(*page).as_deref(), Some("page"));
    assert_eq!(texts(*page)[0].attribute("font-style"), Some("italic"));
    // The measured total is written on the plot.
    assert!(texts(groups(&doc, "totals")[0])
        .iter()
        .any(|t| t.text().is_some_and(|s| s.starts_with("measured "))));
}

#[test]
fn hostile_lane_names_are_escaped_and_long_ones_wrap() {
    let mut trace = predict_url("s=countdown&mode=async&speed=100");
    let hostile = "<script>&\"'\u{1}</script>";
    let long = "a_task_with_a_rather_long_name_that_wraps(\"<b>\", 'x'&y)";
    trace.tasks[1].name = hostile.to_string();
    trace.tasks[2].name = long.to_string();
    let svg = svg_of(&trace, Some(&trace), true);
    // The name never appears as markup, and the control character is gone.
    assert!(!svg.contains("<script>"));
    assert!(!svg.contains('\u{1}'));
    let doc = Document::parse(&svg).expect("well-formed SVG");
    assert!(!doc.descendants().any(|n| n.has_tag_name("script")));
    let labels = lane_labels(&doc);
    assert_eq!(labels.len(), trace.tasks.len());
    assert_eq!(labels[1].0, "<script>&\"'\u{fffd}</script>");
    assert_eq!(labels[1].1.concat(), "<script>&\"'\u{fffd}</script>");
    // The long name takes more than one line, and its lines hold the whole name in order.
    let (name, lines) = &labels[2];
    assert_eq!(name, long);
    assert!(lines.len() > 1, "{lines:?}");
    let joined: String = lines.concat();
    let last = lines.last().expect("a line");
    if last.ends_with('…') {
        assert!(long.starts_with(joined.trim_end_matches('…')));
    } else {
        assert_eq!(joined.replace(' ', ""), long.replace(' ', ""));
    }
}

#[test]
fn every_mode_of_the_catalog_exports_a_well_formed_svg() {
    for scenario in CATALOG.iter() {
        for mode in scenario.modes {
            let mut draft = Draft::defaults(scenario);
            draft.mode = mode.id;
            let config = draft.validate(scenario).expect("valid defaults");
            let trace = awaitlab_core::run::predict(scenario, &draft, config);
            let steps = reads_by_steps(&trace);
            let shown = if steps { by_steps(&trace) } else { trace };
            let scene = Scene {
                primary: &shown,
                predicted: Some(&shown),
                primary_is_prediction: true,
                steps,
                width_px: 375.0,
                palette: &LIGHT,
                lang: awaitlab_core::view_options::Lang::En,
            };
            let svg = timeline_svg(&scene, Box::new(estimate_width));
            let doc = Document::parse(&svg)
                .unwrap_or_else(|e| panic!("{} {}: {e}", scenario.id, mode.id));
            assert_eq!(
                groups(&doc, "lane-label").len(),
                shown.tasks.len(),
                "{} {}",
                scenario.id,
                mode.id
            );
        }
    }
}

#[test]
fn the_canvas_words_its_totals_in_the_pages_language() {
    use awaitlab_core::view_options::Lang;

    let predicted = predict_url("s=countdown&mode=async");
    let drawn = |lang: Lang| paint_as_measured(&predicted, 200.0, (0.0, 200.0), 3.5e6, lang).1;
    let (en, zh) = (drawn(Lang::En), drawn(Lang::Zh));
    assert!(
        en.contains(">predicted 3.0 s<") && en.contains(">measured 3.00 s<"),
        "{en}"
    );
    assert!(
        zh.contains(">预测 3.0 秒<") && zh.contains(">实测 3.00 秒<"),
        "{zh}"
    );
    assert!(!zh.contains("predicted 3.0 s"));
}

#[test]
fn io_spans_have_dashed_edges_and_a_workers_jobs_are_striped() {
    // Colour is not the only difference (issue 10: spans also differ by pattern): a sleep has a
    // solid bottom edge, an I/O wait dashed edges; a poll is plain, a worker's job striped.
    for (query, io_at_least, jobs_at_least) in
        [("s=http&mode=async", 2, 0), ("s=primes&mode=pool", 0, 2)]
    {
        let trace = predict_url(query);
        let count = |kind: Kind| {
            trace
                .events
                .iter()
                .filter(|e| e.kind == kind && e.dur_us > 0.0)
                .count()
        };
        let (io, jobs) = (count(Kind::Io), count(Kind::Compute));
        assert!(
            io >= io_at_least && jobs >= jobs_at_least,
            "{query}: {io} {jobs}"
        );
        let svg = svg_of(&trace, None, false);
        let doc = Document::parse(&svg).expect("well-formed SVG");
        let dashed: Vec<Node> = doc
            .descendants()
            .filter(|n| {
                n.attribute("stroke-dasharray") == Some("4 3")
                    && n.attribute("stroke") == Some(colour(Kind::Io))
            })
            .collect();
        // One dashed path per I/O bar (the layout may draw touching spans as one bar).
        assert!(dashed.len() <= io, "{query}: {} of {io}", dashed.len());
        assert_eq!(
            dashed.is_empty(),
            io == 0,
            "{query}: {} of {io}",
            dashed.len()
        );
        for path in dashed {
            // Two edges: two moves.
            let d = path.attribute("d").unwrap_or_default();
            assert_eq!(d.matches('M').count(), 2, "{d}");
        }
        let striped = doc
            .descendants()
            .filter(|n| n.attribute("fill") == Some("url(#awaitlab-stripes)"))
            .count();
        let patterns = doc
            .descendants()
            .filter(|n| n.has_tag_name("pattern") && n.attribute("id") == Some("awaitlab-stripes"))
            .count();
        // Jobs narrower than 4 px go without stripes (they would be one line).
        assert!(striped <= jobs, "{query}: {striped} of {jobs}");
        assert_eq!(striped >= 1, jobs >= 1, "{query}: {striped} of {jobs}");
        assert_eq!(
            patterns,
            usize::from(jobs >= 1),
            "{query}: stripes defined once"
        );
    }
}

#[test]
fn a_band_of_the_lanes_paints_only_its_lanes_names_bars_and_strips() {
    use awaitlab_core::view_options::Lang;

    // 60 tasks, each with bars and a predicted strip on its own lane.
    let predicted = predict_url("s=scale&mode=async&tasks=60&yields=2&sleeps=1&sleep=0.1");
    let lanes = predicted.tasks.len();
    assert!(lanes > 60, "{lanes} lanes");
    let height = height_for(lanes);
    let total_us = predicted.total_us.expect("a total");
    let paint_band =
        |shown: (f64, f64)| paint_as_measured(&predicted, height, shown, total_us, Lang::En);
    // Lanes 20 to 29 whole, and the bottom half of lane 19.
    let band = (lane_top(20) - LANE_PX / 2.0, LANE_PX * 10.5);
    let (labels, svg) = paint_band(band);
    let named: Vec<usize> = (0..lanes).filter(|&l| !labels[l].is_empty()).collect();
    assert_eq!(named, (19..30).collect::<Vec<_>>());
    let doc = Document::parse(&svg).expect("well-formed");
    let ys = |class: &str| -> Vec<f64> {
        groups(&doc, class)
            .iter()
            .flat_map(|g| g.descendants())
            .filter(|n| n.has_tag_name("rect"))
            .filter_map(|n| n.attribute("y")?.parse().ok())
            .collect()
    };
    for class in ["bars", "predicted"] {
        let ys = ys(class);
        assert!(!ys.is_empty(), "{class}: nothing painted");
        let lanes_of: std::collections::BTreeSet<usize> = ys
            .iter()
            .map(|y| ((y - lane_top(0)) / LANE_PX).floor() as usize)
            .collect();
        assert_eq!(
            lanes_of,
            (19..30).collect(),
            "{class}: painted on lanes {lanes_of:?}"
        );
    }
    // The axis's labels are drawn again at the band's top, over the lanes there.
    let words = |doc: &Document, class: &str| -> Vec<String> {
        groups(doc, class)
            .iter()
            .flat_map(|g| texts(*g))
            .filter_map(|t| t.text().map(str::to_string))
            .collect()
    };
    let axis = words(&doc, "axis");
    assert!(axis.len() >= 3, "{axis:?}");
    assert_eq!(words(&doc, "axis-shown"), axis);
    // The whole height shows every lane, and the axis once.
    let (all, svg) = paint_band((0.0, height));
    assert!(all.iter().all(|l| !l.is_empty()));
    let doc = Document::parse(&svg).expect("well-formed");
    assert!(groups(&doc, "axis-shown").is_empty());
}

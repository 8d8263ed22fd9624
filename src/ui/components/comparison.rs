//! The comparison's verdict (`compare=<mode>`): how many times faster one mode was than the
//! other, from the two measured totals, and the predicted totals (a sum of waits against their
//! max) drawn under the measured ones on one scale. The figures are the core's
//! (`awaitlab_core::compare`); bars are SVG rectangles, sized by attributes (no inline styles,
//! so a strict CSP allows them).

use yew::prelude::*;

use crate::ui::i18n::{tr, use_lang};
use awaitlab_core::compare::{bars, measured, predicted, Totals};
use awaitlab_core::format::fmt_s;

/// One side of the comparison.
#[derive(Clone, PartialEq)]
pub struct Side {
    /// The mode's label.
    pub label: String,
    /// Its totals.
    pub totals: Totals,
}

/// What the verdict needs.
#[derive(Properties, PartialEq)]
pub struct ComparisonProps {
    /// The run on screen first.
    pub first: Side,
    /// The run compared with it.
    pub second: Side,
    /// Whether the runs are under way.
    pub busy: bool,
}

/// Times as the verdict writes them (`2.3`).
fn times(x: f64) -> String {
    format!("{:.1}", x)
}

/// The verdict and the chart.
#[function_component(Comparison)]
pub fn comparison(props: &ComparisonProps) -> Html {
    let lang = use_lang();
    let (a, b) = (props.first.totals, props.second.totals);
    let sides = [&props.first, &props.second];
    let verdict = match measured(a, b) {
        Some(up) if up.times < 1.005 => tr!(
            lang,
            "compare-same",
            s = fmt_s(a.measured_s.unwrap_or_default())
        ),
        Some(up) => {
            let (fast, slow) = (sides[up.faster], sides[1 - up.faster]);
            tr!(
                lang,
                "compare-faster",
                faster = fast.label.clone(),
                slower = slow.label.clone(),
                times = times(up.times),
                fast_s = fmt_s(fast.totals.measured_s.unwrap_or_default()),
                slow_s = fmt_s(slow.totals.measured_s.unwrap_or_default())
            )
        }
        None if props.busy => tr!(lang, "compare-measuring"),
        None => tr!(lang, "compare-run-both"),
    };
    let predicted_line = predicted(a, b).map(|up| {
        tr!(
            lang,
            "compare-predicted",
            first = props.first.label.clone(),
            first_s = fmt_s(a.predicted_s.unwrap_or_default()),
            second = props.second.label.clone(),
            second_s = fmt_s(b.predicted_s.unwrap_or_default()),
            times = times(up.times)
        )
    });
    let scale = bars(&[a, b]);
    let rows = sides.iter().zip(scale).map(|(side, (p, m))| {
        let width = |x: Option<f64>| format!("{:.2}", x.unwrap_or(0.0) * 100.0);
        let cell = |x: Option<f64>| x.map_or_else(|| "—".to_string(), |s| format!("{} s", fmt_s(s)));
        html! {
            <tr>
                <th scope="row">{ side.label.clone() }</th>
                <td class="num">{ cell(side.totals.predicted_s) }</td>
                <td class="num">{ cell(side.totals.measured_s) }</td>
                <td class="bar-cell">
                    <svg class="compare-bar" viewBox="0 0 100 12" preserveAspectRatio="none" aria-hidden="true">
                        <rect class="predicted" x="0" y="0" width={width(p)} height="4" />
                        <rect class="measured" x="0" y="5" width={width(m)} height="7" />
                    </svg>
                </td>
            </tr>
        }
    });
    let data = |x: Option<f64>| x.map(|s| s.to_string()).unwrap_or_default();
    let up = measured(a, b);
    html! {
        <section class="card comparison" aria-labelledby="comparison-heading" data-testid="comparison"
            data-first-s={data(a.measured_s)} data-second-s={data(b.measured_s)}
            data-times={up.map(|u| u.times.to_string()).unwrap_or_default()}
            data-faster={up.map(|u| u.faster.to_string()).unwrap_or_default()}>
            <h2 id="comparison-heading">{ tr!(lang, "compare-heading") }</h2>
            <p class="verdict" data-testid="compare-verdict" aria-live="polite"><strong>{ verdict }</strong></p>
            if let Some(line) = predicted_line {
                <p class="note">{ line }</p>
            }
            <table class="compare-table">
                <thead>
                    <tr>
                        <th scope="col">{ tr!(lang, "compare-col-mode") }</th>
                        <th scope="col">{ tr!(lang, "compare-col-predicted") }</th>
                        <th scope="col">{ tr!(lang, "compare-col-measured") }</th>
                        <th scope="col"><span class="sr-only">{ tr!(lang, "compare-col-bars") }</span></th>
                    </tr>
                </thead>
                <tbody>{ for rows }</tbody>
            </table>
            <p class="note legend-note">
                <span class="key predicted" aria-hidden="true"></span>{ tr!(lang, "compare-key-predicted") }
                <span class="key measured" aria-hidden="true"></span>{ tr!(lang, "compare-key-measured") }
            </p>
        </section>
    }
}

//! The console pane: printed lines with their scenario time; the line the playhead last passed is
//! highlighted, later ones are dimmed.

use yew::prelude::*;

use awaitlab_core::trace::{Kind, Trace};

/// Renders the console of `trace` at `playhead`. `shown` is the same trace as the timeline draws
/// it (laid out by steps, or `trace` itself): the playhead is on its axis, so lines are ordered
/// and highlighted by it, while the times shown are the recorded ones.
pub fn view(trace: Option<&Trace>, shown: Option<&Trace>, playhead: f64, live: bool) -> Html {
    let Some(trace) = trace else {
        return html! { <p class="muted">{ "Nothing printed yet." }</p> };
    };
    let shown = shown
        .filter(|s| s.events.len() == trace.events.len())
        .unwrap_or(trace);
    // In time order: lines a worker printed reach the page after the loop's own later lines,
    // and at fast speeds that shows (ties keep the order they were printed in).
    let mut prints: Vec<usize> = (0..trace.events.len())
        .filter(|&i| trace.events[i].kind == Kind::Print)
        .collect();
    if prints.is_empty() {
        return html! { <p class="muted">{ "Nothing printed yet." }</p> };
    }
    prints.sort_by(|&a, &b| {
        shown.events[a]
            .start_us
            .total_cmp(&shown.events[b].start_us)
    });
    // Half a microsecond of slack on a time axis; steps are exact.
    let slack = if std::ptr::eq(shown, trace) {
        0.5
    } else {
        1e-6
    };
    let current = prints
        .iter()
        .rposition(|&i| shown.events[i].start_us <= playhead + slack);
    let lines = prints.iter().enumerate().map(|(k, &i)| {
        let e = &trace.events[i];
        let class = match current {
            Some(c) if k == c => "line current",
            Some(c) if k < c => "line past",
            _ if live => "line past",
            _ => "line future",
        };
        let task = trace.tasks.get(e.task).map_or("", |t| t.name.as_str());
        html! {
            <li {class}>
                <span class="t">{ format!("{:7.3} s", trace.meta.to_s(e.start_us)) }</span>
                <span class="who">{ task }</span>
                <span class="text">{ e.label.clone() }</span>
            </li>
        }
    });
    // Focusable: a long console scrolls, and keyboards scroll what has the focus.
    html! {
        <ol class="console-lines" data-testid="console" tabindex="0" aria-label="Printed lines">
            { for lines }
        </ol>
    }
}

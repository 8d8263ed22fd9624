//! The console pane: printed lines with their scenario time; the line the playhead last passed is
//! highlighted, later ones are dimmed.

use yew::prelude::*;

use awaitlab_core::trace::Trace;

/// Renders the console of `trace` at `playhead_us`.
pub fn view(trace: Option<&Trace>, playhead_us: f64, live: bool) -> Html {
    let Some(trace) = trace else {
        return html! { <p class="muted">{ "Nothing printed yet." }</p> };
    };
    // In time order: lines a worker printed reach the page after the loop's own later lines,
    // and at fast speeds that shows (ties keep the order they were printed in).
    let mut prints: Vec<_> = trace.prints().collect();
    prints.sort_by(|a, b| a.start_us.total_cmp(&b.start_us));
    if prints.is_empty() {
        return html! { <p class="muted">{ "Nothing printed yet." }</p> };
    }
    let current = prints.iter().rposition(|e| e.start_us <= playhead_us + 0.5);
    let lines = prints.iter().enumerate().map(|(i, e)| {
        let class = match current {
            Some(c) if i == c => "line current",
            Some(c) if i < c => "line past",
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
    html! { <ol class="console-lines" data-testid="console">{ for lines }</ol> }
}

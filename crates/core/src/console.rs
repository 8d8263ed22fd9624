//! The console's lines: what `print` printed, in the order the console pane lists them, and the
//! same as plain text for the export.

use crate::trace::{Kind, Trace};

/// The print events of `trace` in the console's order: by their time on `shown`, the axis the
/// timeline draws (`trace` itself, or the same events laid out by steps; ties keep the order
/// they were printed in). Lines a worker printed reach the page after the loop's own later lines,
/// and at fast speeds that shows, so time and not arrival orders them.
pub fn print_order(trace: &Trace, shown: &Trace) -> Vec<usize> {
    let shown = if shown.events.len() == trace.events.len() {
        shown
    } else {
        trace
    };
    let mut events: Vec<usize> = (0..trace.events.len())
        .filter(|&i| trace.events[i].kind == Kind::Print)
        .collect();
    events.sort_by(|&a, &b| {
        shown.events[a]
            .start_us
            .total_cmp(&shown.events[b].start_us)
    });
    events
}

/// The console as text: each printed line as the console shows its text, one per line, each
/// ending with a line break (empty when nothing was printed).
pub fn console_text(trace: &Trace, shown: &Trace) -> String {
    print_order(trace, shown)
        .into_iter()
        .map(|i| format!("{}\n", trace.events[i].label))
        .collect()
}

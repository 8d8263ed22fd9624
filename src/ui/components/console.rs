//! The console pane: printed lines with their scenario time; the line the playhead last passed is
//! highlighted, later ones are dimmed.
//!
//! Two components, so a moving playhead (Replay, scrubbing) costs a binary search: [`Console`]
//! finds the current line, and [`Lines`] re-renders only when that line, the trace or the phase
//! changes.

use std::rc::Rc;

use yew::prelude::*;

use crate::ui::components::summary::same_trace;
use crate::ui::i18n::{tr, use_lang};
use awaitlab_core::console::print_order;
use awaitlab_core::trace::Trace;

/// What the console shows.
#[derive(Properties)]
pub struct ConsoleProps {
    /// The trace whose lines are shown (the run's, else the prediction's).
    pub trace: Option<Rc<Trace>>,
    /// The same trace as the timeline draws it (laid out by steps, or `trace` itself): the
    /// playhead is on its axis, so lines are ordered and highlighted by it, while the times shown
    /// are the recorded ones.
    pub shown: Option<Rc<Trace>>,
    /// The playhead, on `shown`'s axis.
    pub playhead: f64,
    /// Whether a run is in progress (every line printed so far is past).
    pub live: bool,
}

impl PartialEq for ConsoleProps {
    fn eq(&self, other: &Self) -> bool {
        same_trace(&self.trace, &other.trace)
            && same_trace(&self.shown, &other.shown)
            && self.playhead.to_bits() == other.playhead.to_bits()
            && self.live == other.live
    }
}

/// The printed lines of a trace in the order the console lists them, and where each is on the
/// playhead's axis.
#[derive(PartialEq)]
struct Prints {
    /// Event indices.
    events: Vec<usize>,
    /// Their times on the shown axis, ascending.
    at: Vec<f64>,
}

/// The console pane.
#[function_component(Console)]
pub fn console(props: &ConsoleProps) -> Html {
    let lang = use_lang();
    let trace = props.trace.clone();
    let shown = props
        .shown
        .clone()
        .filter(|s| {
            trace
                .as_ref()
                .is_some_and(|t| s.events.len() == t.events.len())
        })
        .or_else(|| trace.clone());
    let key = (
        trace
            .as_ref()
            .map(|t| (Rc::as_ptr(t) as usize, t.events.len())),
        shown.as_ref().map(|t| Rc::as_ptr(t) as usize),
    );
    let prints = {
        let (trace, shown) = (trace.clone(), shown.clone());
        use_memo(key, move |_| prints_of(trace.as_deref(), shown.as_deref()))
    };
    let (Some(trace), Some(shown)) = (trace, shown) else {
        return html! { <p class="muted">{ tr!(lang, "console-empty") }</p> };
    };
    // Half a microsecond of slack on a time axis; steps are exact.
    let slack = if Rc::ptr_eq(&shown, &trace) {
        0.5
    } else {
        1e-6
    };
    let passed = prints.at.partition_point(|&t| t <= props.playhead + slack);
    let current = passed.checked_sub(1);
    html! { <Lines {trace} {prints} {current} live={props.live} /> }
}

/// In the console's order (see [`print_order`]), with each line's time on the shown axis.
fn prints_of(trace: Option<&Trace>, shown: Option<&Trace>) -> Prints {
    let (Some(trace), Some(shown)) = (trace, shown) else {
        return Prints {
            events: Vec::new(),
            at: Vec::new(),
        };
    };
    let events = print_order(trace, shown);
    let at = events.iter().map(|&i| shown.events[i].start_us).collect();
    Prints { events, at }
}

#[derive(Properties)]
struct LinesProps {
    trace: Rc<Trace>,
    prints: Rc<Prints>,
    current: Option<usize>,
    live: bool,
}

impl PartialEq for LinesProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.trace, &other.trace)
            && Rc::ptr_eq(&self.prints, &other.prints)
            && self.current == other.current
            && self.live == other.live
    }
}

/// The lines themselves.
#[function_component(Lines)]
fn lines(props: &LinesProps) -> Html {
    let lang = use_lang();
    let trace = &props.trace;
    if props.prints.events.is_empty() {
        return html! { <p class="muted">{ tr!(lang, "console-empty") }</p> };
    }
    let current = props.current;
    let lines = props.prints.events.iter().enumerate().map(|(k, &i)| {
        let e = &trace.events[i];
        let class = match current {
            Some(c) if k == c => "line current",
            Some(c) if k < c => "line past",
            _ if props.live => "line past",
            _ => "line future",
        };
        let task = trace.tasks.get(e.task).map_or("", |t| t.name.as_str());
        html! {
            <li {class}>
                <span class="t">{ tr!(lang, "console-time", s = format!("{:7.3}", trace.meta.to_s(e.start_us))) }</span>
                <span class="who">{ task }</span>
                <span class="text">{ e.label.to_string() }</span>
            </li>
        }
    });
    // Focusable: a long console scrolls, and keyboards scroll what has the focus.
    html! {
        <ol class="console-lines" data-testid="console" tabindex="0" aria-label={tr!(lang, "console-label")}>
            { for lines }
        </ol>
    }
}

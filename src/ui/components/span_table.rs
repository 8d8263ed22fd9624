//! The timeline as a table: every span and instant of the run (or of the prediction) with its
//! task, what it was, when and for how long — the canvas's text alternative, for screen readers
//! and for reading exact figures. Built only while open (a run may hold 100,000 events).

use std::rc::Rc;

use yew::prelude::*;

use crate::ui::components::summary::same_trace;
use crate::ui::i18n::{tr, use_lang};
use awaitlab_core::format::fmt_s;
use awaitlab_core::layout::{kind_words, what_words};
use awaitlab_core::trace::{Kind, Trace};

/// Most rows the table shows (the export has them all).
const MAX_ROWS: usize = 2_000;

/// What the table shows.
#[derive(Properties)]
pub struct SpanTableProps {
    /// The trace as recorded (its times).
    pub trace: Rc<Trace>,
}

impl PartialEq for SpanTableProps {
    fn eq(&self, other: &Self) -> bool {
        same_trace(&Some(self.trace.clone()), &Some(other.trace.clone()))
    }
}

/// A folded table of the trace's events in time order.
#[function_component(SpanTable)]
pub fn span_table(props: &SpanTableProps) -> Html {
    let lang = use_lang();
    let open = use_state(|| false);
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            if let Some(details) = e.target_dyn_into::<web_sys::HtmlDetailsElement>() {
                open.set(details.open());
            }
        })
    };
    let trace = &props.trace;
    let rows = if *open {
        let mut order: Vec<usize> = (0..trace.events.len())
            .filter(|&i| trace.events[i].kind != Kind::Ready || trace.events[i].dur_us > 0.0)
            .collect();
        order.sort_by(|&a, &b| {
            trace.events[a]
                .start_us
                .total_cmp(&trace.events[b].start_us)
        });
        let total = order.len();
        let s = |us: f64| fmt_s(trace.meta.to_s(us));
        let rows = order.into_iter().take(MAX_ROWS).map(|i| {
            let e = &trace.events[i];
            let task = trace
                .tasks
                .get(e.task)
                .map_or_else(|| "?".to_string(), |t| t.shown_name(lang).into_owned());
            let what = if e.kind == Kind::Ready { String::new() } else { what_words(e, lang) };
            html! {
                <tr>
                    <td>{ s(e.start_us) }</td>
                    <td>{ if e.kind.is_instant() { String::new() } else { s(e.dur_us) } }</td>
                    <th scope="row">{ task }</th>
                    <td>{ kind_words(e.kind, lang) }</td>
                    <td class="what">{ what }{ e.error.as_ref().map(|m| format!(" — {m}")).unwrap_or_default() }</td>
                </tr>
            }
        });
        html! {
            <>
                if total > MAX_ROWS {
                    <p class="hint">{ tr!(lang, "spans-first", shown = MAX_ROWS.to_string(), total = total.to_string()) }</p>
                }
                <div class="span-table-wrap" tabindex="0" role="region" aria-label={tr!(lang, "spans-label")}>
                    <table class="stats span-table" data-testid="span-table">
                        <thead><tr>
                            <th scope="col">{ tr!(lang, "spans-start") }</th>
                            <th scope="col">{ tr!(lang, "spans-for") }</th>
                            <th scope="col">{ tr!(lang, "spans-task") }</th>
                            <th scope="col">{ tr!(lang, "spans-state") }</th>
                            <th scope="col">{ tr!(lang, "spans-what") }</th>
                        </tr></thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                </div>
            </>
        }
    } else {
        Html::default()
    };
    html! {
        <details class="card spans" {ontoggle} data-testid="spans">
            <summary>{ tr!(lang, "spans") }</summary>
            { rows }
        </details>
    }
}

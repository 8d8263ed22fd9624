//! The summary: measured total against predicted, per-task busy / ready / idle time and polls, and
//! how long the page was frozen.

use std::rc::Rc;

use yew::prelude::*;

use awaitlab_core::scenario::fmt_num;
use awaitlab_core::stats::{longest_hold_us, task_stats, SpeedFloor, HONEST_WAIT_MS};
use awaitlab_core::trace::{EndReason, Outcome, Placement, Trace};

/// What to say when `speed` is below the speed `floor` of a run, if it is: the form shows it
/// beside the speed field and the summary beside the totals.
pub fn speed_warning(speed: f64, floor: SpeedFloor) -> Option<String> {
    if speed >= floor.min_speed_ms_per_s {
        return None;
    }
    let real_ms = floor.shortest_wait_s * speed;
    let least = floor.min_speed_ms_per_s.ceil();
    let advice = if least <= awaitlab_core::scenario::SPEED_MAX {
        format!("use {} ms/s or more for honest timing", fmt_num(least))
    } else {
        "lengthen the shortest wait for honest timing".to_string()
    };
    Some(format!(
        "Too fast to show honestly: at {} ms/s the shortest wait ({} s) lasts {} ms real, and under \
         {} ms the browser's timers (1–4 ms late) and frames (16.7 ms) show in the totals; {advice}.",
        fmt_num(speed),
        awaitlab_core::format::fmt_s(floor.shortest_wait_s),
        fmt_ms(real_ms),
        fmt_num(HONEST_WAIT_MS),
    ))
}

/// A task's name with line-break opportunities after `(` and `,`, so `is_prime(9637529763296797)`
/// can wrap at its parenthesis rather than widen the table or break inside the number.
fn breakable(name: &str) -> Html {
    let mut parts = Vec::new();
    let mut piece = String::new();
    for c in name.chars() {
        piece.push(c);
        if matches!(c, '(' | ',') {
            parts.push(html! { <>{ std::mem::take(&mut piece) }<wbr /></> });
        }
    }
    parts.push(html! { { piece } });
    html! { <>{ for parts }</> }
}

fn fmt_ms(ms: f64) -> String {
    if ms >= 10.0 {
        format!("{ms:.0}")
    } else {
        format!("{ms:.2}")
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_string()
    }
}

/// What the summary shows.
#[derive(Properties)]
pub struct SummaryProps {
    /// The run (finished, or its last snapshot).
    pub measured: Option<Rc<Trace>>,
    /// The prediction.
    pub predicted: Option<Rc<Trace>>,
    /// The run's clock at its last snapshot, real µs.
    pub now_us: f64,
    /// The speed below which the run cannot be shown honestly.
    pub floor: Option<SpeedFloor>,
}

/// Traces compare by identity (a new snapshot is a new `Rc`), so a seek or a keystroke elsewhere
/// does not work the figures out again.
impl PartialEq for SummaryProps {
    fn eq(&self, other: &Self) -> bool {
        same_trace(&self.measured, &other.measured)
            && same_trace(&self.predicted, &other.predicted)
            && self.now_us.to_bits() == other.now_us.to_bits()
            && self.floor == other.floor
    }
}

/// Whether two optional traces are the same one (by identity).
pub fn same_trace(a: &Option<Rc<Trace>>, b: &Option<Rc<Trace>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => Rc::ptr_eq(a, b),
        (None, None) => true,
        _ => false,
    }
}

/// The summary pane, re-rendered only when its traces or figures change.
#[function_component(Summary)]
pub fn summary(props: &SummaryProps) -> Html {
    view(
        props.measured.as_deref(),
        props.predicted.as_deref(),
        props.now_us,
        props.floor,
    )
}

/// Renders the summary of `measured` (or of the prediction alone, before a run); `floor` is the
/// speed below which the run cannot be shown honestly.
pub fn view(
    measured: Option<&Trace>,
    predicted: Option<&Trace>,
    now_us: f64,
    floor: Option<SpeedFloor>,
) -> Html {
    let Some(trace) = measured.or(predicted) else {
        return html! { <p class="muted">{ "No run yet." }</p> };
    };
    let meta = &trace.meta;
    let s = |us: f64| format!("{:.2}", meta.to_s(us));
    let predicted_total = predicted.and_then(Trace::total_s);
    let measured_total = measured.and_then(Trace::total_s);
    let stopped = measured.is_some_and(|m| m.early_end == Some(EndReason::Stopped));
    // A prediction cut short (a program that computes for long) knows only a lower bound: no
    // difference from a measurement, and it says so.
    let cut_totals = predicted.filter(|p| p.cut_short()).map(|_| {
        let p = predicted_total.unwrap_or(0.0);
        let (head, tail) = match measured_total {
            Some(m) if stopped => (format!("stopped at {m:.2} s"), String::new()),
            Some(m) => (format!("measured {m:.2} s"), String::new()),
            None if measured.is_some() => ("running…".to_string(), String::new()),
            None => (String::new(), " — press Run to measure it".to_string()),
        };
        let sep = if head.is_empty() { "" } else { " · " };
        html! {
            <p class="totals" data-testid="totals">
                <strong>{ head }</strong>
                { format!("{sep}predicted more than {p:.2} s: the prediction stops after a few \
                           million instructions{tail}") }
            </p>
        }
    });
    let totals = if let Some(t) = cut_totals {
        t
    } else {
        match (measured_total, predicted_total) {
            // Stopped by the person: how far it got, not a difference from a run it did not finish.
            (Some(m), Some(p)) if stopped => html! {
                <p class="totals" data-testid="totals">
                    <strong>{ format!("stopped at {m:.2} s") }</strong>
                    { format!(" of {p:.2} s predicted") }
                </p>
            },
            (Some(m), Some(p)) => {
                let diff = m - p;
                html! {
                    <p class="totals" data-testid="totals">
                        <strong>{ format!("measured {m:.2} s") }</strong>
                        { format!(" · predicted {p:.2} s · {}{:.2} s ({:.1} ms real at {} ms/s)",
                            if diff >= 0.0 { "+" } else { "−" }, diff.abs(),
                            diff.abs() * meta.speed_ms_per_s, meta.speed_ms_per_s) }
                    </p>
                }
            }
            (None, Some(p)) if measured.is_some() => html! {
                <p class="totals" data-testid="totals">{ format!("running… predicted {p:.2} s") }</p>
            },
            (None, Some(p)) => html! {
                <p class="totals" data-testid="totals">
                    <strong>{ format!("predicted {p:.2} s") }</strong>
                    { format!(" ({:.2} s real at {} ms/s) — press Run to measure",
                        p * meta.speed_ms_per_s / 1000.0, meta.speed_ms_per_s) }
                </p>
            },
            _ => html! {},
        }
    };
    let speed_note = floor
        .and_then(|f| speed_warning(meta.speed_ms_per_s, f))
        .map(|text| html! { <p class="speed-note" data-testid="speed-note">{ text }</p> });
    let frozen_us = measured.map_or(0.0, longest_hold_us);
    let in_worker = trace.placement == Placement::Worker;
    let frozen = (frozen_us > 50_000.0).then(|| {
        let note = if in_worker {
            format!("The loop worker was blocked for {:.2} s real at a stretch: no other task could run, \
                     but the loop is not on this page's thread, so the page stayed live.", frozen_us / 1e6)
        } else {
            format!("The page was frozen for {:.2} s real at a stretch — that is what blocking the loop means: \
                     no clicks, no painting, no other task.", frozen_us / 1e6)
        };
        html! { <p class="frozen-note" data-testid="frozen-note">{ note }</p> }
    });
    let error = trace
        .error()
        .map(|e| html! { <p class="run-error">{ e }</p> });
    let page = measured.and_then(|m| m.page.as_ref()).map(|p| {
        let clicks = if p.click_latencies_ms.is_empty() {
            String::new()
        } else {
            let waits: Vec<String> = p
                .click_latencies_ms
                .iter()
                .map(|ms| format!("{ms:.0}"))
                .collect();
            format!(" · your clicks waited {} ms", waits.join(", "))
        };
        let figures = format!(
            "longest frame {:.0} ms · {} frames dropped · {} long tasks ({:.0} ms) · {} up to {:.0} ms{clicks}",
            p.longest_frame_ms, p.dropped_frames, p.long_tasks, p.long_task_ms,
            if in_worker { "loop lag (in the worker)" } else { "timer lag" },
            p.max_lag_ms
        );
        html! {
            <p class="page-stats" data-testid="page-stats">
                <strong>{ "The page: " }</strong>{ figures }
            </p>
        }
    });
    let rows = task_stats(trace, now_us).into_iter().map(|r| {
        let outcome = match &r.outcome {
            None => "running".to_string(),
            Some(Outcome::Failed(m)) => format!("failed: {m}"),
            Some(o) => o.label().to_string(),
        };
        html! {
            <tr>
                <th scope="row">
                    { breakable(&r.name) }
                    // On a narrow screen the outcome sits under the name (its column is hidden).
                    <span class="outcome-inline">{ outcome.clone() }</span>
                </th>
                <td>{ s(r.busy_us) }</td>
                <td>{ s(r.blocked_us) }</td>
                <td>{ s(r.ready_us) }</td>
                <td>{ s(r.idle_us) }</td>
                <td>{ r.polls }</td>
                <td class="outcome">{ outcome }</td>
            </tr>
        }
    });
    html! {
        <>
            { totals }
            { speed_note }
            { frozen }
            { page }
            { error }
            <table class="stats">
                <caption>{ "Each task, in scenario seconds" }</caption>
                <thead><tr>
                    <th scope="col">{ "task" }</th>
                    <th scope="col" title="time being polled on the loop, scenario seconds">{ "busy" }</th>
                    <th scope="col" title="of which blocking the loop, scenario seconds">{ "blocking" }</th>
                    <th scope="col" title="woken, waiting for the loop to get to it, scenario seconds">{ "ready" }</th>
                    <th scope="col" title="waiting on a timer, I/O or another task, scenario seconds">{ "idle" }</th>
                    <th scope="col">{ "polls" }</th>
                    <th scope="col" class="outcome">{ "outcome" }</th>
                </tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        </>
    }
}

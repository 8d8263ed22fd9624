//! The summary: measured total against predicted, per-task busy / ready / idle time and polls, and
//! how long the page was frozen.

use std::rc::Rc;

use yew::prelude::*;

use crate::ui::i18n::{tr, use_lang, Lang};
use awaitlab_core::layout::outcome_words;
use awaitlab_core::scenario::fmt_num;
use awaitlab_core::stats::{longest_hold_us, task_stats, SpeedFloor, HONEST_WAIT_MS};
use awaitlab_core::trace::{EndReason, Outcome, Placement, Trace};

/// What to say in `lang` when `speed` is below the speed `floor` of a run, if it is: the form
/// shows it beside the speed field and the summary beside the totals.
pub fn speed_warning_in(lang: Lang, speed: f64, floor: SpeedFloor) -> Option<String> {
    if speed >= floor.min_speed_ms_per_s {
        return None;
    }
    let real_ms = floor.shortest_wait_s * speed;
    let least = floor.min_speed_ms_per_s.ceil();
    let advice = if least <= awaitlab_core::scenario::SPEED_MAX {
        tr!(lang, "speed-advice-faster", least = fmt_num(least))
    } else {
        tr!(lang, "speed-advice-lengthen")
    };
    Some(tr!(
        lang,
        "speed-warning",
        speed = fmt_num(speed),
        wait = awaitlab_core::format::fmt_s(floor.shortest_wait_s),
        real = fmt_ms(real_ms),
        honest = fmt_num(HONEST_WAIT_MS),
        advice = advice,
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

/// Most tasks the table lists, in lane order; the rest are counted. A run of 10,000 tasks would
/// otherwise build 90,000 elements, rebuilt at every snapshot of the live run (the page's turns,
/// which the run's measurement includes).
const LISTED_TASKS: usize = 50;

/// The summary pane, re-rendered only when its traces or figures change.
#[function_component(Summary)]
pub fn summary(props: &SummaryProps) -> Html {
    let lang = use_lang();
    view(
        lang,
        props.measured.as_deref(),
        props.predicted.as_deref(),
        props.now_us,
        props.floor,
    )
}

/// Renders the summary of `measured` (or of the prediction alone, before a run); `floor` is the
/// speed below which the run cannot be shown honestly.
pub fn view(
    lang: Lang,
    measured: Option<&Trace>,
    predicted: Option<&Trace>,
    now_us: f64,
    floor: Option<SpeedFloor>,
) -> Html {
    let Some(trace) = measured.or(predicted) else {
        return html! { <p class="muted">{ tr!(lang, "summary-none") }</p> };
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
        let p = format!("{p:.2}");
        let head = match measured_total {
            Some(m) if stopped => tr!(lang, "summary-stopped-at", s = format!("{m:.2}")),
            Some(m) => tr!(lang, "summary-measured", s = format!("{m:.2}")),
            None if measured.is_some() => tr!(lang, "summary-running"),
            None => String::new(),
        };
        let rest = if head.is_empty() {
            tr!(lang, "summary-cut-unmeasured", s = p)
        } else {
            format!(" · {}", tr!(lang, "summary-cut", s = p))
        };
        html! {
            <p class="totals" data-testid="totals">
                <strong>{ head }</strong>
                { rest }
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
                    <strong>{ tr!(lang, "summary-stopped-at", s = format!("{m:.2}")) }</strong>
                    { tr!(lang, "summary-of-predicted", s = format!("{p:.2}")) }
                </p>
            },
            (Some(m), Some(p)) => {
                let diff = m - p;
                html! {
                    <p class="totals" data-testid="totals">
                        <strong>{ tr!(lang, "summary-measured", s = format!("{m:.2}")) }</strong>
                        { " · " }
                        { tr!(lang, "summary-versus",
                            predicted = format!("{p:.2}"),
                            diff = format!("{}{:.2}", if diff >= 0.0 { "+" } else { "−" }, diff.abs()),
                            ms = format!("{:.1}", diff.abs() * meta.speed_ms_per_s),
                            speed = meta.speed_ms_per_s.to_string()) }
                    </p>
                }
            }
            (None, Some(p)) if measured.is_some() => html! {
                <p class="totals" data-testid="totals">{ tr!(lang, "summary-running-predicted", s = format!("{p:.2}")) }</p>
            },
            (None, Some(p)) => html! {
                <p class="totals" data-testid="totals">
                    <strong>{ tr!(lang, "summary-predicted", s = format!("{p:.2}")) }</strong>
                    { tr!(lang, "summary-predicted-real",
                        s = format!("{:.2}", p * meta.speed_ms_per_s / 1000.0),
                        speed = meta.speed_ms_per_s.to_string()) }
                </p>
            },
            _ => html! {},
        }
    };
    let speed_note = floor
        .and_then(|f| speed_warning_in(lang, meta.speed_ms_per_s, f))
        .map(|text| html! { <p class="speed-note" data-testid="speed-note">{ text }</p> });
    let frozen_us = measured.map_or(0.0, longest_hold_us);
    let in_worker = trace.placement == Placement::Worker;
    let frozen = (frozen_us > 50_000.0).then(|| {
        let s = format!("{:.2}", frozen_us / 1e6);
        let note = if in_worker {
            tr!(lang, "summary-worker-blocked", s = s)
        } else {
            tr!(lang, "summary-page-frozen", s = s)
        };
        html! { <p class="frozen-note" data-testid="frozen-note">{ note }</p> }
    });
    // A run measured partly in a background tab: its times include the browser's throttling.
    let hidden = measured
        .and_then(|m| m.page.as_ref())
        .filter(|p| p.hidden_ms > 0.0)
        .map(|p| {
            let note = tr!(
                lang,
                "summary-hidden",
                s = format!("{:.2}", p.hidden_ms / 1000.0)
            );
            html! { <p class="speed-note" role="note" data-testid="hidden-note">{ note }</p> }
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
            let list = waits.join(tr!(lang, "summary-list-sep").as_str());
            format!(" · {}", tr!(lang, "summary-clicks", ms = list))
        };
        let lag = if in_worker {
            tr!(lang, "summary-lag-worker")
        } else {
            tr!(lang, "summary-lag-timer")
        };
        let figures = tr!(
            lang,
            "summary-page-figures",
            frame = format!("{:.0}", p.longest_frame_ms),
            dropped = p.dropped_frames.to_string(),
            long = p.long_tasks.to_string(),
            long_ms = format!("{:.0}", p.long_task_ms),
            lag = lag,
            lag_ms = format!("{:.0}", p.max_lag_ms),
        ) + &clicks;
        html! {
            <p class="page-stats" data-testid="page-stats">
                <strong>{ tr!(lang, "summary-page") }</strong>{ figures }
            </p>
        }
    });
    let stats = task_stats(trace, now_us);
    let unlisted = stats.len().saturating_sub(LISTED_TASKS);
    let rows = stats.into_iter().take(LISTED_TASKS).map(|r| {
        let outcome = match &r.outcome {
            Some(Outcome::Failed(m)) => tr!(lang, "tip-failed", error = m),
            o => outcome_words(o.as_ref(), lang),
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
            { hidden }
            { page }
            { error }
            <table class="stats">
                <caption>{ tr!(lang, "summary-caption") }</caption>
                <thead><tr>
                    <th scope="col">{ tr!(lang, "summary-task") }</th>
                    <th scope="col" title={tr!(lang, "summary-busy.title")}>{ tr!(lang, "summary-busy") }</th>
                    <th scope="col" title={tr!(lang, "summary-blocking.title")}>{ tr!(lang, "summary-blocking") }</th>
                    <th scope="col" title={tr!(lang, "summary-ready.title")}>{ tr!(lang, "summary-ready") }</th>
                    <th scope="col" title={tr!(lang, "summary-idle.title")}>{ tr!(lang, "summary-idle") }</th>
                    <th scope="col">{ tr!(lang, "summary-polls") }</th>
                    <th scope="col" class="outcome">{ tr!(lang, "summary-outcome") }</th>
                </tr></thead>
                <tbody>
                    { for rows }
                    if unlisted > 0 {
                        <tr class="more" data-testid="stats-more">
                            <td colspan="7" class="muted">{ tr!(lang, "summary-more-tasks", n = unlisted) }</td>
                        </tr>
                    }
                </tbody>
            </table>
        </>
    }
}

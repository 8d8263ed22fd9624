//! "The loop": what asyncio's loop holds at the playhead (the task on it, the ready queue, the
//! timers with their deadlines, the tasks waiting on I/O, a job or a future), each with asyncio's
//! name and the browser mechanism under it, and the run told in sentences that follow the
//! playhead, announced politely to screen readers. Both are the core's reconstructions from the
//! trace (`loop_state`, `narration`); this view only shows them and steps through them.

use std::rc::Rc;

use yew::prelude::*;

use crate::ui::components::summary::same_trace;
use crate::ui::i18n::{tr, use_lang};
use awaitlab_core::format::fmt_s;
use awaitlab_core::loop_state::{loop_at, Entry};
use awaitlab_core::narration::{current, narrate, say};
use awaitlab_core::trace::Trace;

/// What the panel shows.
#[derive(Properties)]
pub struct LoopViewProps {
    /// The trace as the timeline draws it (the playhead is on its axis).
    pub trace: Rc<Trace>,
    /// The playhead.
    pub playhead_us: f64,
    /// Whether the axis is the loop's steps rather than time.
    pub steps: bool,
    /// Move the playhead (to a sentence's moment).
    pub on_seek: Callback<f64>,
    /// Which of two compared runs it tells (`None`: the page's only run).
    #[prop_or_default]
    pub run: Option<AttrValue>,
    /// It tells the compared (second) run: not announced, as one live region speaks (the
    /// first run's).
    #[prop_or_default]
    pub second: bool,
}

impl PartialEq for LoopViewProps {
    fn eq(&self, other: &Self) -> bool {
        same_trace(&Some(self.trace.clone()), &Some(other.trace.clone()))
            && self.playhead_us.to_bits() == other.playhead_us.to_bits()
            && self.steps == other.steps
            && self.on_seek == other.on_seek
            && self.run == other.run
            && self.second == other.second
    }
}

/// Sentences of the transcript shown before and after the current one.
const AROUND: usize = 5;

/// Most tasks a place lists; the rest are counted ("and 9,980 more"). A run of 10,000 tasks has
/// them all in one queue at once, and listing them would cost the page a frame's worth of DOM at
/// every snapshot of the live run — time the run's own measurement would then include.
const LISTED: usize = 12;

/// The loop's state and the narration, side by side (stacked on narrow screens).
#[function_component(LoopView)]
pub fn loop_view(props: &LoopViewProps) -> Html {
    let lang = use_lang();
    let trace = props.trace.clone();
    let story = {
        let trace = trace.clone();
        use_memo(
            (Rc::as_ptr(&trace) as usize, trace.events.len()),
            move |_| narrate(&trace),
        )
    };
    // A sentence picked with ◀/▶ among several at one moment (a virtual clock says much in no
    // time); forgotten once the playhead is elsewhere.
    let picked = use_state(|| None::<usize>);
    let at = props.playhead_us;
    let reached = current(&story, at);
    let shown = match *picked {
        Some(i)
            if story.get(i).is_some_and(|s| s.at_us <= at)
                && reached.is_some_and(|r| story[r].at_us == story[i].at_us) =>
        {
            Some(i)
        }
        _ => reached,
    };
    let step = |forward: bool| {
        let (picked, story, on_seek) = (picked.clone(), story.clone(), props.on_seek.clone());
        Callback::from(move |_: MouseEvent| {
            let next = match (shown, forward) {
                (None, true) => Some(0),
                (Some(i), true) if i + 1 < story.len() => Some(i + 1),
                (Some(i), false) if i > 0 => Some(i - 1),
                _ => None,
            };
            if let Some(n) = next {
                picked.set(Some(n));
                on_seek.emit(story[n].at_us);
            }
        })
    };
    let state = loop_at(&trace, at);
    let heading = if props.steps {
        tr!(lang, "loop-title-playhead")
    } else {
        tr!(lang, "loop-title-at", s = fmt_s(trace.meta.to_s(at)))
    };
    let label = match &props.run {
        None => tr!(lang, "loop-label"),
        Some(run) => tr!(lang, "loop-label-run", run = run.as_str()),
    };
    let (live, testid) = if props.second {
        ("off", "loop-compared")
    } else {
        ("polite", "loop")
    };
    let source = trace.meta.source;
    let row = |e: &Entry| {
        let until = match (e.until_us, props.steps) {
            (Some(u), false) if e.place == awaitlab_core::loop_state::Place::Timer => {
                let due = tr!(lang, "loop-due", s = fmt_s(trace.meta.to_s(u)));
                format!(" · {due}")
            }
            _ => String::new(),
        };
        html! {
            <li>
                <strong>{ e.name.clone() }</strong>
                if !e.what.is_empty() { { " " }<code>{ e.what.clone() }</code> }
                { until }
                <br />
                <small class="muted">
                    <code>{ e.place.asyncio(lang) }</code>{ " · " }{ e.place.browser(source, lang) }
                </small>
            </li>
        }
    };
    let place = |title: String, entries: Vec<&Entry>, empty: String, testid: &'static str| {
        html! {
            <div class="loop-place" data-testid={testid}>
                <h3>{ title }</h3>
                if entries.is_empty() {
                    <p class="muted">{ empty }</p>
                } else {
                    <ol>
                        { for entries.iter().take(LISTED).map(|e| row(e)) }
                        if entries.len() > LISTED {
                            <li class="muted" data-testid="loop-more">{ tr!(lang, "loop-more", n = entries.len() - LISTED) }</li>
                        }
                    </ol>
                }
            </div>
        }
    };
    let transcript = match shown {
        None => {
            html! { <p class="muted">{ tr!(lang, "loop-story-hint") }</p> }
        }
        Some(i) => {
            let from = i.saturating_sub(AROUND);
            let to = (i + AROUND + 1).min(story.len());
            let items = (from..to).map(|k| {
                let class = if k == i { "said current" } else if k < i { "said past" } else { "said future" };
                html! {
                    <li {class} aria-current={(k == i).then_some("step")}>{ say(lang, &story[k]) }</li>
                }
            });
            // The numbers sit in the list's padding: a long story's (sentence 1205) needs more.
            let digits = to.to_string().len().clamp(2, 6);
            let class = format!("transcript digits-{digits}");
            html! { <ol {class} start={(from + 1).to_string()} tabindex="0" aria-label={tr!(lang, "loop-story-label")} data-testid="transcript">{ for items }</ol> }
        }
    };
    let now = shown.map(|i| say(lang, &story[i])).unwrap_or_default();
    html! {
        <section class="card loop-card" aria-label={label} data-testid={testid}>
            <h2>
                { heading }
                if let Some(run) = &props.run {
                    <span class="mode-tag">{ run.clone() }</span>
                }
            </h2>
            <div class="loop-grid">
                <div class="loop-places">
                    { place(tr!(lang, "loop-running"), state.running.iter().collect(), tr!(lang, "loop-running-empty"), "loop-running") }
                    { place(tr!(lang, "loop-ready"), state.ready.iter().collect(), tr!(lang, "loop-ready-empty"), "loop-ready") }
                    { place(tr!(lang, "loop-timers"), state.timers.iter().collect(), tr!(lang, "loop-timers-empty"), "loop-timers") }
                    { place(tr!(lang, "loop-waiting"), state.waiting.iter().collect(), tr!(lang, "loop-waiting-empty"), "loop-waiting") }
                </div>
                <div class="narration">
                    <div class="story-nav">
                        <button type="button" class="ghost" onclick={step(false)} disabled={shown.is_none_or(|i| i == 0)}
                            aria-label={tr!(lang, "loop-story-back")} data-testid="story-back">{ "◀" }</button>
                        <span class="muted">{ match shown {
                            Some(i) => tr!(lang, "loop-sentence-of", n = (i + 1).to_string(), total = story.len().to_string()),
                            None => tr!(lang, "loop-sentences", total = story.len().to_string()),
                        } }</span>
                        <button type="button" class="ghost" onclick={step(true)} disabled={shown.is_some_and(|i| i + 1 >= story.len())}
                            aria-label={tr!(lang, "loop-story-next")} data-testid="story-next">{ "▶" }</button>
                    </div>
                    <p class="story-now" aria-live={live} data-testid="story-now">{ now }</p>
                    { transcript }
                </div>
            </div>
        </section>
    }
}

//! The controls: scenario picker, mode switch, the parameter form generated from the scenario's
//! schema (validated as you type), and the run buttons.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::ui::state::{Action, AppState};
use awaitlab_core::scenario::{ParamKind, Scenario};
use awaitlab_core::scenarios::CATALOG;
use awaitlab_core::trace::Placement;

/// The intents the buttons send; the app performs them.
#[derive(Clone)]
pub struct Intents {
    /// Changes to state.
    pub dispatch: UseReducerDispatcher<AppState>,
    /// Run pressed.
    pub on_run: Callback<()>,
    /// Stop pressed.
    pub on_stop: Callback<()>,
    /// Replay pressed.
    pub on_replay: Callback<()>,
}

/// The scenario picker, grouped by topic.
pub fn picker(state: &AppState, intents: &Intents) -> Html {
    let mut topics: Vec<&str> = Vec::new();
    for s in CATALOG.iter() {
        if !topics.contains(&s.topic) {
            topics.push(s.topic);
        }
    }
    let dispatch = intents.dispatch.clone();
    let onchange = Callback::from(move |e: Event| {
        if let Some(select) = e.target_dyn_into::<HtmlSelectElement>() {
            dispatch.dispatch(Action::SelectScenario(select.value()));
        }
    });
    let groups = topics.into_iter().map(|topic| {
        let options = CATALOG.iter().filter(|s| s.topic == topic).map(|s| {
            html! { <option value={s.id} selected={s.id == state.draft.scenario}>{ s.title }</option> }
        });
        html! { <optgroup label={topic}>{ for options }</optgroup> }
    });
    html! {
        <label class="picker">
            <span class="sr-only">{ "Scenario" }</span>
            <select {onchange} disabled={state.phase.busy()} data-testid="scenario">{ for groups }</select>
        </label>
    }
}

/// The mode switch of `scenario`.
pub fn modes(scenario: &Scenario, state: &AppState, intents: &Intents) -> Html {
    let buttons = scenario.modes.iter().map(|m| {
        let dispatch = intents.dispatch.clone();
        let id = m.id;
        let active = m.id == state.draft.mode;
        html! {
            <button type="button" class={classes!("mode", active.then_some("active"))}
                aria-pressed={active.to_string()} disabled={state.phase.busy()}
                onclick={Callback::from(move |_| dispatch.dispatch(Action::SelectMode(id.to_string())))}>
                { m.label }
            </button>
        }
    });
    html! { <div class="modes" role="group" aria-label="Mode">{ for buttons }</div> }
}

fn field(
    id: &'static str,
    label: &str,
    help: String,
    value: &str,
    error: Option<String>,
    disabled: bool,
    dispatch: UseReducerDispatcher<AppState>,
) -> Html {
    let oninput = Callback::from(move |e: InputEvent| {
        if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
            dispatch.dispatch(Action::Edit(id, input.value()));
        }
    });
    let input_id = format!("param-{id}");
    let msg_id = format!("msg-{id}");
    let invalid = error.is_some();
    html! {
        <div class={classes!("field", invalid.then_some("invalid"))}>
            <label for={input_id.clone()}>{ label.to_string() }</label>
            <input id={input_id} name={id} type="text" spellcheck="false" autocomplete="off"
                value={value.to_string()} {oninput} {disabled}
                aria-invalid={invalid.to_string()} aria-describedby={msg_id.clone()} />
            <small id={msg_id} class={if invalid { "error" } else { "help" }} role={invalid.then_some("alert")}>
                { error.unwrap_or(help) }
            </small>
        </div>
    }
}

fn bounds(kind: &ParamKind) -> String {
    match *kind {
        ParamKind::Int { min, max } => format!("{min}–{max}"),
        ParamKind::Number { min, max } => format!("{min}–{max} s"),
        ParamKind::IntList { min, max, max_len } => {
            format!("up to {max_len} items, each {min}–{max}")
        }
        ParamKind::NumberList { min, max, max_len } => {
            format!("up to {max_len} items, each {min}–{max} s")
        }
        ParamKind::NameList { max_len, .. } => format!("up to {max_len} names"),
        ParamKind::U64List { min, max, max_len } => {
            format!("up to {max_len} items, each {min}–{max}")
        }
        ParamKind::UrlList { max_len, max_chars } => {
            format!("up to {max_len} http(s) or relative URLs, each up to {max_chars} characters")
        }
    }
}

/// The loop placement switch (`loop: page | worker`), with why a mode cannot run in a worker.
fn placement(state: &AppState, intents: &Intents) -> Html {
    let busy = state.phase.busy();
    let buttons = Placement::ALL.into_iter().map(|p| {
        let dispatch = intents.dispatch.clone();
        let active = state.draft.placement == p;
        let title = match p {
            Placement::Page => {
                "the loop runs on this page's main thread: blocking freezes the page"
            }
            Placement::Worker => "the loop runs in a dedicated Web Worker: the page stays live",
        };
        html! {
            <button type="button" class={classes!("mode", active.then_some("active"))}
                aria-pressed={active.to_string()} disabled={busy} {title}
                data-testid={format!("loop-{}", p.id())}
                onclick={Callback::from(move |_| dispatch.dispatch(Action::SetPlacement(p)))}>
                { p.id() }
            </button>
        }
    });
    let error = state.error_for("loop").map(|e| {
        html! { <small class="error" role="alert" data-testid="loop-error">{ e.message.clone() }</small> }
    });
    html! {
        <div class="placement">
            <span class="placement-label">{ "loop:" }</span>
            <div class="modes" role="group" aria-label="Where the event loop runs">{ for buttons }</div>
            { error }
        </div>
    }
}

/// The parameter form and run buttons.
pub fn form(scenario: &Scenario, state: &AppState, intents: &Intents) -> Html {
    let busy = state.phase.busy();
    let fields = scenario
        .params
        .iter()
        .filter(|p| p.applies_to(state.draft.mode))
        .map(|p| {
            field(
                p.id,
                p.label,
                format!("{} ({})", p.help, bounds(&p.kind)),
                state.draft.text(p.id),
                state.error_for(p.id).map(|e| e.message.clone()),
                busy,
                intents.dispatch.clone(),
            )
        });
    let speed = field(
        "speed",
        "speed",
        "real milliseconds per scenario second (1–10000)".into(),
        &state.draft.speed,
        state.error_for("speed").map(|e| e.message.clone()),
        busy,
        intents.dispatch.clone(),
    );
    let can_run = state.config.is_some() && !busy;
    let on_run = intents.on_run.clone();
    let on_stop = intents.on_stop.clone();
    let on_replay = intents.on_replay.clone();
    let reset = {
        let dispatch = intents.dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::Reset))
    };
    let onsubmit = Callback::from(move |e: SubmitEvent| {
        e.prevent_default();
        if can_run {
            on_run.emit(());
        }
    });
    let has_run = state
        .measured
        .as_ref()
        .is_some_and(|t| t.total_us.is_some());
    html! {
        <form class="card params" {onsubmit} novalidate=true aria-label="Parameters">
            <h2>{ "Parameters" }</h2>
            { for fields }
            { speed }
            <div class="buttons">
                <button type="submit" class="run" disabled={!can_run} data-testid="run"
                    title={match (state.config.is_some(), state.draft.placement) {
                        (false, _) => "fix the highlighted fields first",
                        (true, Placement::Page) => "run on this page's event loop",
                        (true, Placement::Worker) => "run on a loop in a Web Worker",
                    }}>
                    { if busy { "Running…" } else { "▶ Run" } }
                </button>
                <button type="button" class="stop" disabled={!busy} data-testid="stop"
                    onclick={Callback::from(move |_| on_stop.emit(()))}>{ "■ Stop" }</button>
                <button type="button" disabled={busy || !has_run}
                    onclick={Callback::from(move |_| on_replay.emit(()))}>{ "↻ Replay" }</button>
                <button type="button" class="link" disabled={busy} onclick={reset}>{ "defaults" }</button>
            </div>
            { placement(state, intents) }
        </form>
    }
}

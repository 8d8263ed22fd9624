//! The controls: scenario picker, mode switch, the parameter form generated from the scenario's
//! schema (validated as you type), and the run buttons.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::ui::components::summary::speed_warning_in;
use crate::ui::i18n::{tr, Lang};
use crate::ui::state::{Action, AppState, PageState};
use awaitlab_core::scenario::{ParamKind, Scenario};
use awaitlab_core::scenarios::CATALOG;
use awaitlab_core::trace::Placement;
use awaitlab_python::lesson::FormLink;

/// The intents the buttons send; the app performs them.
#[derive(Clone)]
pub struct Intents {
    /// Changes to state.
    pub dispatch: UseReducerDispatcher<PageState>,
    /// Run pressed.
    pub on_run: Callback<()>,
    /// Stop pressed.
    pub on_stop: Callback<()>,
    /// Replay pressed.
    pub on_replay: Callback<()>,
}

/// The scenario picker, grouped by topic.
pub fn picker(state: &AppState, intents: &Intents) -> Html {
    let lang = state.view.lang;
    // The first scenario of each topic, in catalog order: it names the group.
    let mut firsts: Vec<&Scenario> = Vec::new();
    for s in CATALOG.iter() {
        if !firsts.iter().any(|f| f.topic == s.topic) {
            firsts.push(s);
        }
    }
    let dispatch = intents.dispatch.clone();
    let onchange = Callback::from(move |e: Event| {
        if let Some(select) = e.target_dyn_into::<HtmlSelectElement>() {
            dispatch.dispatch(Action::SelectScenario(select.value()));
        }
    });
    let groups = firsts.into_iter().map(|first| {
        let options = CATALOG.iter().filter(|s| s.topic == first.topic).map(|s| {
            html! { <option value={s.id} selected={s.id == state.draft.scenario}>{ s.title_in(lang) }</option> }
        });
        html! { <optgroup label={first.topic_in(lang)}>{ for options }</optgroup> }
    });
    html! {
        <label class="picker">
            <span class="sr-only">{ tr!(lang, "controls-scenario") }</span>
            <select {onchange} disabled={state.phase.busy()} data-testid="scenario">{ for groups }</select>
        </label>
    }
}

/// The mode switch of `scenario`.
pub fn modes(scenario: &Scenario, state: &AppState, intents: &Intents) -> Html {
    let lang = state.view.lang;
    let buttons = scenario.modes.iter().map(|m| {
        let dispatch = intents.dispatch.clone();
        let id = m.id;
        let active = m.id == state.draft.mode;
        html! {
            <button type="button" class={classes!("mode", active.then_some("active"))}
                aria-pressed={active.to_string()} disabled={state.phase.busy()}
                data-testid={format!("mode-{id}")}
                onclick={Callback::from(move |_| dispatch.dispatch(Action::SelectMode(id.to_string())))}>
                { m.label_in(scenario, lang) }
            </button>
        }
    });
    html! {
        <div class="modes" role="group" aria-label={tr!(lang, "controls-mode")}>{ for buttons }</div>
    }
}

/// What a field says under it: its help, a warning (valid, but worth knowing) or an error.
enum Note {
    Help(String),
    Warning(String),
    Error(String),
}

fn field(
    id: &'static str,
    label: &str,
    note: Note,
    value: &str,
    read_only: bool,
    dispatch: UseReducerDispatcher<PageState>,
) -> Html {
    let oninput = Callback::from(move |e: InputEvent| {
        if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
            dispatch.dispatch(Action::Edit(id, input.value()));
        }
    });
    let input_id = format!("param-{id}");
    let msg_id = format!("msg-{id}");
    let invalid = matches!(note, Note::Error(_));
    let (class, role, text) = match note {
        Note::Help(t) => ("help", None, t),
        Note::Warning(t) => ("warning", Some("status"), t),
        Note::Error(t) => ("error", Some("alert"), t),
    };
    // While a run is in progress (or while the form does not describe the program) the field is
    // read-only rather than disabled, so that a person who pressed Enter in it keeps their place
    // (a disabled field drops the focus to the page).
    html! {
        <div class={classes!("field", invalid.then_some("invalid"))}>
            <label for={input_id.clone()}>{ label.to_string() }</label>
            <input id={input_id} name={id} type="text" spellcheck="false" autocomplete="off"
                inputmode={if id == "speed" { Some("decimal") } else { None }}
                value={value.to_string()} {oninput} readonly={read_only}
                aria-invalid={invalid.to_string()} aria-describedby={msg_id.clone()} />
            <small id={msg_id} {class} {role}>{ text }</small>
        </div>
    }
}

/// The speed field's hint: its unit and bounds, and the least honest speed for this run.
fn speed_help(lang: Lang, floor: Option<awaitlab_core::stats::SpeedFloor>) -> String {
    let least = floor
        .map(|f| f.min_speed_ms_per_s.ceil())
        .filter(|&least| least > awaitlab_core::scenario::SPEED_MIN);
    match least {
        Some(least) => tr!(
            lang,
            "controls-speed-help-honest",
            least = awaitlab_core::scenario::fmt_num(least)
        ),
        None => tr!(lang, "controls-speed-help"),
    }
}

/// A parameter's bounds, as its hint ends. Numbers are written by Rust (`0.1`, `60`), and a
/// list's length is a bound, not a count: text, so no plural form is chosen.
fn bounds(lang: Lang, kind: &ParamKind) -> String {
    match *kind {
        ParamKind::Int { min, max } => {
            tr!(
                lang,
                "controls-bounds-int",
                min = min.to_string(),
                max = max.to_string()
            )
        }
        ParamKind::Number { min, max } => {
            tr!(
                lang,
                "controls-bounds-number",
                min = min.to_string(),
                max = max.to_string()
            )
        }
        ParamKind::IntList { min, max, max_len } => tr!(
            lang,
            "controls-bounds-int-list",
            min = min.to_string(),
            max = max.to_string(),
            max_len = max_len.to_string()
        ),
        ParamKind::NumberList { min, max, max_len } => tr!(
            lang,
            "controls-bounds-number-list",
            min = min.to_string(),
            max = max.to_string(),
            max_len = max_len.to_string()
        ),
        ParamKind::NameList { max_len, .. } => {
            tr!(
                lang,
                "controls-bounds-name-list",
                max_len = max_len.to_string()
            )
        }
        ParamKind::U64List { min, max, max_len } => tr!(
            lang,
            "controls-bounds-int-list",
            min = min.to_string(),
            max = max.to_string(),
            max_len = max_len.to_string()
        ),
        ParamKind::UrlList { max_len, max_chars } => tr!(
            lang,
            "controls-bounds-url-list",
            max_len = max_len.to_string(),
            max_chars = max_chars.to_string()
        ),
    }
}

/// What the form means for an edited program: its fields still set the program's marked
/// values, or the program was edited past them (with why), and the way back to the original.
fn program_note(state: &AppState, intents: &Intents) -> Html {
    let Some(doc) = state.document.as_ref().filter(|d| d.edited) else {
        return Html::default();
    };
    let lang = state.view.lang;
    let text = match &doc.form {
        FormLink::Follows => tr!(lang, "controls-form-follows"),
        FormLink::Detached(why) => tr!(lang, "controls-form-detached", why = why.text(lang)),
        FormLink::Unrelated => tr!(lang, "controls-form-unrelated"),
    };
    let dispatch = intents.dispatch.clone();
    let busy = state.phase.busy();
    html! {
        <div class="program-note" role="status" data-testid="form-note">
            <p>{ text }</p>
            <button type="button" class="link" disabled={busy} data-testid="revert"
                onclick={Callback::from(move |_| dispatch.dispatch(Action::RevertProgram))}>
                { tr!(lang, "controls-back-to-original") }
            </button>
        </div>
    }
}

/// The loop placement switch (`loop: page | worker`), with why a mode cannot run in a worker.
fn placement(state: &AppState, intents: &Intents) -> Html {
    let lang = state.view.lang;
    let busy = state.phase.busy();
    let buttons = Placement::ALL.into_iter().map(|p| {
        let dispatch = intents.dispatch.clone();
        let active = state.draft.placement == p;
        let (label, title) = match p {
            Placement::Page => (
                tr!(lang, "controls-loop-page"),
                tr!(lang, "controls-loop-page-title"),
            ),
            Placement::Worker => (
                tr!(lang, "controls-loop-worker"),
                tr!(lang, "controls-loop-worker-title"),
            ),
        };
        html! {
            <button type="button" class={classes!("mode", active.then_some("active"))}
                aria-pressed={active.to_string()} disabled={busy} {title}
                data-testid={format!("loop-{}", p.id())}
                onclick={Callback::from(move |_| dispatch.dispatch(Action::SetPlacement(p)))}>
                { label }
            </button>
        }
    });
    let error = state.error_for("loop").map(|e| {
        html! { <small class="error" role="alert" data-testid="loop-error">{ e.message_in(lang) }</small> }
    });
    html! {
        <div class="placement">
            <span class="placement-label">{ tr!(lang, "controls-loop-label") }</span>
            <div class="modes" role="group" aria-label={tr!(lang, "controls-loop-switch")}>{ for buttons }</div>
            { error }
        </div>
    }
}

/// The parameter form and run buttons.
pub fn form(scenario: &Scenario, state: &AppState, intents: &Intents) -> Html {
    let lang = state.view.lang;
    let busy = state.phase.busy();
    let set_aside = !state.form_follows();
    let fields = scenario
        .params
        .iter()
        .filter(|p| p.applies_to(state.draft.mode))
        .map(|p| {
            let note = match state.error_for(p.id) {
                Some(e) => Note::Error(e.message_in(lang)),
                None => Note::Help(tr!(
                    lang,
                    "controls-field-help",
                    help = p.help_in(scenario, lang),
                    bounds = bounds(lang, &p.kind)
                )),
            };
            field(
                p.id,
                &p.label_in(scenario, lang),
                note,
                state.draft.text(p.id),
                busy || set_aside,
                intents.dispatch.clone(),
            )
        });
    let speed_note = match (state.error_for("speed"), &state.config, state.floor) {
        (Some(e), _, _) => Note::Error(e.message_in(lang)),
        (None, Some(config), Some(floor)) => {
            match speed_warning_in(state.view.lang, config.speed_ms_per_s, floor) {
                Some(text) => Note::Warning(text),
                None => Note::Help(speed_help(lang, Some(floor))),
            }
        }
        _ => Note::Help(speed_help(lang, state.floor)),
    };
    let speed = field(
        "speed",
        "speed",
        speed_note,
        &state.draft.speed,
        busy,
        intents.dispatch.clone(),
    );
    let can_run = state.runnable && !busy;
    let on_run = intents.on_run.clone();
    let onsubmit = Callback::from(move |e: SubmitEvent| {
        e.prevent_default();
        if can_run {
            on_run.emit(());
        }
    });
    html! {
        <form class="card params" {onsubmit} novalidate=true aria-label={tr!(lang, "controls-parameters")}>
            <h2>{ tr!(lang, "controls-parameters") }</h2>
            { program_note(state, intents) }
            { for fields }
            { speed }
            // An embed shows its run buttons above the timeline, outside the folded form.
            if !state.view.embed {
                { run_buttons(state, intents) }
            }
            { placement(state, intents) }
        </form>
    }
}

/// Run, Stop, Replay (and, on the whole page, back to the defaults). Run submits the form when
/// it is inside one; an embed's, above its timeline, runs on click.
pub fn run_buttons(state: &AppState, intents: &Intents) -> Html {
    let lang = state.view.lang;
    let busy = state.phase.busy();
    let can_run = state.runnable && !busy;
    let on_run = intents.on_run.clone();
    let on_stop = intents.on_stop.clone();
    let on_replay = intents.on_replay.clone();
    let reset = {
        let dispatch = intents.dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::Reset))
    };
    let embedded = state.view.embed;
    let (run_type, on_run_click) = if embedded {
        (
            "button",
            Callback::from(move |_: MouseEvent| {
                if can_run {
                    on_run.emit(())
                }
            }),
        )
    } else {
        ("submit", Callback::noop())
    };
    let has_run = state
        .measured
        .as_ref()
        .is_some_and(|t| t.total_us.is_some());
    html! {
            <div class="buttons">
                // Run and Stop stay focusable through a run (aria-disabled, not disabled): a
                // disabled button drops the focus to the page, and the person with it.
                <button type={run_type} class="run" disabled={!state.runnable} data-testid="run"
                    onclick={on_run_click}
                    aria-disabled={busy.then_some("true")}
                    title={match (state.why_not_in(lang), state.draft.placement) {
                        (Some(why), _) => why,
                        (None, Placement::Page) => tr!(lang, "controls-run-title-page"),
                        (None, Placement::Worker) => tr!(lang, "controls-run-title-worker"),
                    }}>
                    { if busy { tr!(lang, "controls-running") } else { tr!(lang, "controls-run") } }
                </button>
                <button type="button" class="stop" data-testid="stop"
                    aria-disabled={(!busy).then_some("true")}
                    onclick={Callback::from(move |_| if busy { on_stop.emit(()) })}>{ tr!(lang, "controls-stop") }</button>
                <button type="button" disabled={busy || !has_run}
                    data-testid="replay"
                    onclick={Callback::from(move |_| on_replay.emit(()))}>{ tr!(lang, "controls-replay") }</button>
                if !embedded {
                    <button type="button" class="link" disabled={busy} onclick={reset}>{ tr!(lang, "controls-defaults") }</button>
                }
            </div>
    }
}

//! The program pane: the program that runs — editable, its syntax error marked before anything
//! runs, each task's line marked while a run is scrubbed — or, for a mode built on browser
//! mechanisms Python has no words for, the illustration of its Rust scenario; and what to look
//! at.

use std::rc::Rc;

use yew::prelude::*;

use awaitlab_core::lines::TaskLine;
use awaitlab_core::scenarios::{find, CATALOG};
use awaitlab_python::lesson::{Document, FormLink};

use crate::ui::components::editor::{Editor, EditorError, LineMark};
use crate::ui::i18n::{tr, use_lang};

/// What the pane shows.
#[derive(Properties, PartialEq)]
pub struct ProgramProps {
    /// The scenario's id.
    pub scenario: &'static str,
    /// The mode's id.
    pub mode: &'static str,
    /// The program, when the mode runs one (`None`: an illustration).
    pub document: Option<Document>,
    /// Changes to the program made other than by typing (see the editor).
    pub revision: u64,
    /// Each task's line at the playhead.
    pub marks: Rc<Vec<TaskLine>>,
    /// Whether a run is in progress (the program cannot change under it).
    pub busy: bool,
    /// The person typed: the whole new text.
    pub on_edit: Callback<String>,
    /// Back to the mode's own program.
    pub on_revert: Callback<()>,
    /// The program is the page's own (an embed of a live code block): no mode to go back to,
    /// and no mode's notes.
    #[prop_or_default]
    pub own_program: bool,
}

/// The program pane.
#[function_component(Program)]
pub fn program(props: &ProgramProps) -> Html {
    let lang = use_lang();
    let scenario = find(props.scenario).unwrap_or(&CATALOG[0]);
    let mode = scenario.mode(props.mode).unwrap_or(scenario.default_mode());
    let (text, read_only, status): (Rc<str>, bool, Html) = match &props.document {
        Some(doc) => {
            let status = if props.own_program {
                html! {
                    <p class="program-status" data-testid="program-status">
                        { tr!(lang, "program-own-status") }
                    </p>
                }
            } else if doc.edited {
                let on_revert = props.on_revert.clone();
                html! {
                    <p class="program-status edited" data-testid="program-status">
                        <span class="tag">{ tr!(lang, "program-edited-tag") }</span>
                        { format!(" {} ", tr!(lang, "program-edited-status")) }
                        <button type="button" class="link" disabled={props.busy}
                            onclick={Callback::from(move |_| on_revert.emit(()))}>
                            { tr!(lang, "controls-back-to-original") }
                        </button>
                    </p>
                }
            } else {
                html! {
                    <p class="program-status" data-testid="program-status">
                        { tr!(lang, "program-status") }
                    </p>
                }
            };
            (doc.text.clone(), props.busy, status)
        }
        None => {
            let why = mode.program_missing_in(scenario, lang).unwrap_or_default();
            let status = html! {
                <p class="program-status illustration" data-testid="program-status">
                    <span class="tag">{ tr!(lang, "program-illustration-tag") }</span>
                    { format!(" {}", tr!(lang, "program-illustration-status", why = why)) }
                </p>
            };
            (Rc::from(mode.python_in(lang).as_ref()), true, status)
        }
    };
    let error = props
        .document
        .as_ref()
        .and_then(|d| d.syntax_error())
        .map(|e| EditorError {
            line: e.pos.line,
            column: e.pos.col,
            message: format!("{}: {}", e.kind.name(), e.msg),
        });
    let marks: Vec<LineMark> = props
        .marks
        .iter()
        .map(|m| LineMark {
            line: m.line,
            label: m.name.clone(),
        })
        .collect();
    html! {
        <section class="card program" aria-label={tr!(lang, "program-pane")}>
            if !props.own_program {
                <h2>{ tr!(lang, "program-look-at") }</h2>
                <p class="note">
                    if props.document.as_ref().is_some_and(|d| d.edited && d.form != FormLink::Follows) {
                        <strong>{ tr!(lang, "program-about-own") }</strong>
                    }
                    { mode.note_in(scenario, lang) }
                </p>
            }
            <h2 id="program-title">{ tr!(lang, "program-title") }</h2>
            { status }
            <Editor key={format!("{}/{}", props.scenario, props.mode)} {text} revision={props.revision} {read_only} {error} {marks} on_input={props.on_edit.clone()}
                label={tr!(lang, "program-editor-label")} />
        </section>
    }
}

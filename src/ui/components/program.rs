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
    let scenario = find(props.scenario).unwrap_or(&CATALOG[0]);
    let mode = scenario.mode(props.mode).unwrap_or(scenario.default_mode());
    let (text, read_only, status): (Rc<str>, bool, Html) = match &props.document {
        Some(doc) => {
            let status = if props.own_program {
                html! {
                    <p class="program-status" data-testid="program-status">
                        { "Run runs this program as it is: edit it and run it again." }
                    </p>
                }
            } else if doc.edited {
                let on_revert = props.on_revert.clone();
                html! {
                    <p class="program-status edited" data-testid="program-status">
                        <span class="tag">{ "edited" }</span>
                        { " This is your program: Run runs it as it is. " }
                        <button type="button" class="link" disabled={props.busy}
                            onclick={Callback::from(move |_| on_revert.emit(()))}>
                            { "Back to the original program" }
                        </button>
                    </p>
                }
            } else {
                html! {
                    <p class="program-status" data-testid="program-status">
                        { "This is the program Run runs: edit it, or change the parameters, which are its marked values." }
                    </p>
                }
            };
            (doc.text.clone(), props.busy, status)
        }
        None => {
            let why = mode.program_missing().unwrap_or("");
            let status = html! {
                <p class="program-status illustration" data-testid="program-status">
                    <span class="tag">{ "illustration" }</span>
                    { format!(" This mode runs the lesson's Rust scenario, not this text: it {why}.") }
                </p>
            };
            (Rc::from(mode.python()), true, status)
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
        <section class="card program" aria-label="The program">
            if !props.own_program {
                <h2>{ "What to look at" }</h2>
                <p class="note">
                    if props.document.as_ref().is_some_and(|d| d.edited && d.form != FormLink::Follows) {
                        <strong>{ "About the mode's own program: " }</strong>
                    }
                    { mode.note }
                </p>
            }
            <h2 id="program-title">{ "The program (Python)" }</h2>
            { status }
            <Editor key={format!("{}/{}", props.scenario, props.mode)} {text} revision={props.revision} {read_only} {error} {marks} on_input={props.on_edit.clone()}
                label="The program in Python" />
        </section>
    }
}

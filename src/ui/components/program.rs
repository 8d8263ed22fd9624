//! The program pane: the mode's Python (its program, or an illustration where it has none),
//! highlighted, and what to look at.

use yew::prelude::*;

use awaitlab_core::highlight::python;
use awaitlab_core::scenario::Mode;
use awaitlab_core::scenarios::{find, CATALOG};

/// Which program to show.
#[derive(Properties, PartialEq)]
pub struct ProgramProps {
    /// The scenario's id.
    pub scenario: &'static str,
    /// The mode's id.
    pub mode: &'static str,
}

/// The program pane, re-rendered only when the scenario or mode changes (not on every frame of
/// a run: highlighting is work the page would take from the run it measures).
#[function_component(Program)]
pub fn program(props: &ProgramProps) -> Html {
    let scenario = find(props.scenario).unwrap_or(&CATALOG[0]);
    let mode = scenario.mode(props.mode).unwrap_or(scenario.default_mode());
    view(mode)
}

/// Renders `mode`'s program and note.
pub fn view(mode: &Mode) -> Html {
    let pieces = python(mode.python()).into_iter().map(|(tok, text)| {
        let class = tok.class();
        if class.is_empty() {
            html! { { text } }
        } else {
            html! { <span {class}>{ text }</span> }
        }
    });
    html! {
        <section class="card program" aria-label="The program">
            <h2>{ "What to look at" }</h2>
            <p class="note">{ mode.note }</p>
            <h2>{ "The program (Python)" }</h2>
            // Focusable: a long line scrolls sideways, and keyboards scroll what has the focus.
            <pre tabindex="0" aria-label="The program in Python"><code>{ for pieces }</code></pre>
        </section>
    }
}

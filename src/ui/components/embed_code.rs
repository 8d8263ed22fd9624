//! "Embed": the markup that puts what is on screen into another page — an `<iframe>`, or a live
//! block for `embed.js` — each ready to copy. The snippets are the core's
//! (`awaitlab_core::embed::snippet`); this view only shows them.

use yew::prelude::*;

use crate::browser::dom;
use crate::ui::i18n::{tr, use_lang};
use awaitlab_core::embed::snippet;
use awaitlab_core::scenario::Draft;
use awaitlab_core::scenarios::find;
use awaitlab_core::view_options::ViewOptions;

/// What the snippets embed.
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The form and program on screen.
    pub draft: Draft,
    /// The page's theme and language (an embed keeps them).
    pub view: ViewOptions,
}

/// The "Embed" button and, when open, its panel of snippets (a row of its own under the header).
#[function_component(EmbedCode)]
pub fn embed_code(props: &Props) -> Html {
    let lang = use_lang();
    let open = use_state(|| false);
    let said = use_state(|| None::<String>);
    let toggle = {
        let (open, said) = (open.clone(), said.clone());
        Callback::from(move |_: MouseEvent| {
            open.set(!*open);
            said.set(None);
        })
    };
    let button = html! {
        <button key="button" type="button" class="ghost" aria-expanded={if *open { "true" } else { "false" }}
            aria-controls="embed-panel" onclick={toggle} data-testid="embed-code">{ tr!(lang, "embed-button") }</button>
    };
    if !*open {
        // Keyed, so the button stays the same element open or closed and keeps the focus (Yew
        // matches unkeyed children from the end).
        return html! { <>{ button }</> };
    }
    let page = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let scenario = find(props.draft.scenario);
    let title = match scenario {
        Some(s) => tr!(
            lang,
            "embed-frame-title",
            scenario = s.title_in(lang),
            mode = s
                .mode(props.draft.mode)
                .map_or(props.draft.mode.to_string(), |m| m.label_in(s, lang))
        ),
        None => "AwaitLab".to_string(),
    };
    let frame = snippet::iframe(&page, &props.draft, &props.view, &title);
    let block = snippet::live_block(&page, &props.draft, &props.view);
    // What to say once copied, and what when the clipboard is not there.
    let copy = |(copied, by_hand): (String, String), text: String| {
        let said = said.clone();
        Callback::from(move |_: MouseEvent| {
            said.set(Some(if dom::copy_to_clipboard(&text) {
                copied.clone()
            } else {
                by_hand.clone()
            }))
        })
    };
    let iframe_said = (
        tr!(lang, "embed-copied-iframe"),
        tr!(lang, "embed-select-iframe"),
    );
    let block_said = (
        tr!(lang, "embed-copied-block"),
        tr!(lang, "embed-select-block"),
    );
    let onkeydown = {
        let open = open.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                open.set(false);
                dom::focus("[data-testid=embed-code]");
            }
        })
    };
    html! {
        <>
            { button }
            <div key="panel" class="embed-panel card" id="embed-panel" role="group" aria-label={tr!(lang, "embed-panel")}
                {onkeydown} data-testid="embed-panel">
                <p class="hint">{ tr!(lang, "embed-hint") }</p>
                <label for="embed-iframe">{ tr!(lang, "embed-iframe") }</label>
                <textarea id="embed-iframe" readonly=true rows="3" spellcheck="false"
                    value={frame.clone()} data-testid="embed-iframe" />
                <button type="button" class="ghost" onclick={copy(iframe_said, frame)}>{ tr!(lang, "embed-copy-iframe") }</button>
                <label for="embed-block">{ tr!(lang, "embed-block") }</label>
                <textarea id="embed-block" readonly=true rows="5" spellcheck="false"
                    value={block.clone()} data-testid="embed-block" />
                <button type="button" class="ghost" onclick={copy(block_said, block)}>{ tr!(lang, "embed-copy-block") }</button>
                <p class="hint" role="status">{ (*said).clone().unwrap_or_default() }</p>
            </div>
        </>
    }
}

//! The export menu in the header: the run as a Chrome trace (JSON), the timeline as SVG or PNG,
//! and the console as text. A `<details>` disclosure, so it is a keyboard-operable button on any
//! screen and takes one button's room on a phone; Escape closes it, and so does leaving it.
//! What the timeline shows comes from `browser::export` (the same as `window.awaitlab.svg()`,
//! `png()` and `consoleText()`); the trace's JSON from the root, which holds the run.

use wasm_bindgen::JsCast;
use web_sys::{FocusEvent, HtmlDetailsElement, HtmlElement, KeyboardEvent, Node};
use yew::prelude::*;

use crate::browser::{dom, export};
use crate::ui::i18n::{tr, use_lang, Lang};

/// What the export menu needs.
#[derive(Properties, PartialEq)]
pub struct ExportProps {
    /// A run is in progress: nothing to export yet.
    pub busy: bool,
    /// The files' name without its extension (`awaitlab-countdown-async`).
    pub name: AttrValue,
    /// Downloads the trace as Chrome-trace JSON.
    pub on_trace: Callback<MouseEvent>,
    /// Says something went wrong (a banner).
    pub on_notice: Callback<String>,
    /// A trace file the person picked to open: its name and text.
    pub on_open: Callback<(String, String)>,
}

/// Closes the menu; with `focus`, hands the focus back to its button.
fn close(details: &NodeRef, focus: bool) {
    if let Some(details) = details.cast::<HtmlDetailsElement>() {
        details.set_open(false);
        if focus {
            if let Some(summary) = details
                .query_selector("summary")
                .ok()
                .flatten()
                .and_then(|s| s.dyn_into::<HtmlElement>().ok())
            {
                let _ = summary.focus();
            }
        }
    }
}

/// Says there is nothing to export.
fn nothing(lang: Lang, on_notice: &Callback<String>) {
    on_notice.emit(tr!(lang, "export-nothing"));
}

/// Downloads `text` as `file` (of type `mime`), or says why not.
fn save_text(
    lang: Lang,
    file: &str,
    text: Option<String>,
    mime: &str,
    on_notice: &Callback<String>,
) {
    match text {
        Some(text) => {
            if let Err(e) = dom::download(file, &text, mime) {
                on_notice.emit(e);
            }
        }
        None => nothing(lang, on_notice),
    }
}

/// A menu item that saves `props.name` + `.ext` with `save(file name, on_notice)`, then closes
/// the menu.
fn item(
    details: &NodeRef,
    props: &ExportProps,
    ext: &'static str,
    save: impl Fn(&str, &Callback<String>) + 'static,
) -> Callback<MouseEvent> {
    let (details, name, on_notice) = (details.clone(), props.name.clone(), props.on_notice.clone());
    Callback::from(move |_: MouseEvent| {
        save(&format!("{name}.{ext}"), &on_notice);
        close(&details, true);
    })
}

/// The export menu.
#[function_component(Export)]
pub fn export_menu(props: &ExportProps) -> Html {
    let lang = use_lang();
    let details = use_node_ref();
    // A run starting closes the menu (its items are off until the run ends).
    {
        let details = details.clone();
        use_effect_with(props.busy, move |busy| {
            if *busy {
                close(&details, false);
            }
        });
    }
    let on_trace = {
        let (details, on_trace) = (details.clone(), props.on_trace.clone());
        Callback::from(move |e: MouseEvent| {
            on_trace.emit(e);
            close(&details, true);
        })
    };
    let on_svg = item(&details, props, "svg", move |file, on_notice| {
        save_text(lang, file, export::svg(), "image/svg+xml", on_notice)
    });
    let on_png = item(&details, props, "png", move |file, on_notice| {
        let (file, on_notice) = (file.to_string(), on_notice.clone());
        export::png_blob(move |blob| match blob {
            Some(blob) => {
                if let Err(e) = dom::download_blob(&file, &blob) {
                    on_notice.emit(e);
                }
            }
            None => nothing(lang, &on_notice),
        })
    });
    let on_console = item(&details, props, "txt", move |file, on_notice| {
        save_text(
            lang,
            file,
            export::console(),
            "text/plain;charset=utf-8",
            on_notice,
        )
    });
    let onkeydown = {
        let details = details.clone();
        Callback::from(move |e: KeyboardEvent| {
            let open = details
                .cast::<HtmlDetailsElement>()
                .is_some_and(|d| d.open());
            if e.key() == "Escape" && open {
                e.prevent_default();
                close(&details, true);
            }
        })
    };
    // Tabbing or clicking away closes the menu.
    let onfocusout = {
        let details = details.clone();
        Callback::from(move |e: FocusEvent| {
            let inside = match (details.get(), e.related_target()) {
                (Some(menu), Some(to)) => to
                    .dyn_ref::<Node>()
                    .is_some_and(|to| menu.contains(Some(to))),
                _ => false,
            };
            if !inside {
                close(&details, false);
            }
        })
    };
    // Open: a file input styled as the menu's last item; the file is read as text and handed
    // to the root, which parses it (core `trace_import`).
    let on_file = {
        let (details, on_open, on_notice) = (
            details.clone(),
            props.on_open.clone(),
            props.on_notice.clone(),
        );
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            // The same file picked again is a change too.
            input.set_value("");
            close(&details, true);
            let (on_open, on_notice, name) = (on_open.clone(), on_notice.clone(), file.name());
            wasm_bindgen_futures::spawn_local(async move {
                match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                    Ok(text) => on_open.emit((name, text.as_string().unwrap_or_default())),
                    Err(_) => {
                        on_notice.emit(tr!(lang, "open-failed", file = name.as_str(), why = "?"))
                    }
                }
            });
        })
    };
    let busy = props.busy;
    html! {
        <details class="export" ref={details} {onkeydown} {onfocusout} data-testid="export-menu">
            <summary title={tr!(lang, "export-title")}>
                { tr!(lang, "export") }
            </summary>
            <div class="export-items" role="group" aria-label={tr!(lang, "export-menu")}>
                <button type="button" class="ghost" onclick={on_trace} disabled={busy} data-testid="export"
                    title={tr!(lang, "export-trace-title")}>
                    { tr!(lang, "export-trace") }
                </button>
                <button type="button" class="ghost" onclick={on_svg} disabled={busy} data-testid="export-svg"
                    title={tr!(lang, "export-svg-title")}>
                    { tr!(lang, "export-svg") }
                </button>
                <button type="button" class="ghost" onclick={on_png} disabled={busy} data-testid="export-png"
                    title={tr!(lang, "export-png-title")}>
                    { tr!(lang, "export-png") }
                </button>
                <button type="button" class="ghost" onclick={on_console} disabled={busy} data-testid="export-console"
                    title={tr!(lang, "export-console-title")}>
                    { tr!(lang, "export-console") }
                </button>
                <label class={classes!("ghost", "open-file", busy.then_some("disabled"))} title={tr!(lang, "export-open-title")}>
                    { tr!(lang, "export-open") }
                    <input type="file" accept=".json,application/json" onchange={on_file} disabled={busy}
                        data-testid="open-trace" />
                </label>
            </div>
        </details>
    }
}

//! The program editor: a text area laid exactly over its highlighted copy, so typing is the
//! browser's own (its caret, selection, IME, paste and undo) while the person sees colours, line
//! numbers, the syntax error's line and each task's current line. Tab indents and Enter keeps
//! the indentation (the rules are pure: [`awaitlab_core::editing`]); Escape then Tab leaves the
//! editor, as keyboard users expect of a field that takes Tab.

use std::rc::Rc;

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use awaitlab_core::editing::{highlighted_lines, newline, tab};

use crate::browser::dom::apply_text_edit;
use crate::ui::i18n::{tr, use_lang};

/// A syntax error to mark.
#[derive(Clone, Debug, PartialEq)]
pub struct EditorError {
    /// Line, from 1.
    pub line: u32,
    /// Column, from 1.
    pub column: u32,
    /// The message.
    pub message: String,
}

/// A line to mark with a label (a task at that line).
#[derive(Clone, Debug, PartialEq)]
pub struct LineMark {
    /// Line, from 1.
    pub line: u32,
    /// The label.
    pub label: String,
}

/// The editor's properties.
#[derive(Properties, PartialEq)]
pub struct EditorProps {
    /// The text.
    pub text: Rc<str>,
    /// Bumped when the text changed other than by typing here: only then is the text area
    /// re-written (typing's own echoes must not: they lag behind the keys).
    pub revision: u64,
    /// Whether it cannot be edited.
    pub read_only: bool,
    /// The syntax error, if any.
    pub error: Option<EditorError>,
    /// Marked lines.
    pub marks: Vec<LineMark>,
    /// The new text after each edit.
    pub on_input: Callback<String>,
    /// The accessible name.
    pub label: AttrValue,
}

/// The editor.
#[function_component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    let lang = use_lang();
    let area = use_node_ref();
    // The text area is not re-written on every keystroke (that would empty its undo history,
    // and an echo of an earlier key would undo the later ones): only when the text changes
    // from outside (a field, Back to the original, another mode).
    {
        let (area, text) = (area.clone(), props.text.clone());
        use_effect_with(props.revision, move |_| {
            if let Some(a) = area.cast::<HtmlTextAreaElement>() {
                if a.value() != *text {
                    a.set_value(&text);
                }
            }
        });
    }
    let leaving = use_mut_ref(|| false);
    let onkeydown = {
        let read_only = props.read_only;
        let leaving = leaving.clone();
        Callback::from(move |e: KeyboardEvent| {
            let plain = !(e.ctrl_key() || e.alt_key() || e.meta_key() || e.is_composing());
            let key = e.key();
            let was_leaving = std::mem::replace(&mut *leaving.borrow_mut(), key == "Escape");
            if read_only || !plain {
                return;
            }
            let Some(a) = e.target_dyn_into::<HtmlTextAreaElement>() else {
                return;
            };
            let (start, end) = (
                a.selection_start().ok().flatten().unwrap_or(0),
                a.selection_end().ok().flatten().unwrap_or(0),
            );
            let edit = match key.as_str() {
                "Tab" if !was_leaving => {
                    e.prevent_default();
                    tab(&a.value(), start, end, e.shift_key())
                }
                "Enter" if !e.shift_key() => {
                    e.prevent_default();
                    Some(newline(&a.value(), start, end))
                }
                _ => None,
            };
            if let Some(edit) = edit {
                apply_text_edit(&a, &edit);
            }
        })
    };
    let on_input = props.on_input.clone();
    let oninput = Callback::from(move |e: InputEvent| {
        if let Some(area) = e.target_dyn_into::<HtmlTextAreaElement>() {
            on_input.emit(area.value());
        }
    });

    let rows = highlighted_lines(&props.text);
    let digits = rows.len().to_string().len().max(2);
    let error_line = props.error.as_ref().map(|e| e.line);
    let rows = rows.into_iter().enumerate().map(|(i, pieces)| {
        let n = i as u32 + 1;
        let names: Vec<&str> = props
            .marks
            .iter()
            .filter(|m| m.line == n)
            .map(|m| m.label.as_str())
            .collect();
        let class = classes!(
            "row",
            (error_line == Some(n)).then_some("error-line"),
            (!names.is_empty()).then_some("current")
        );
        let badge = (!names.is_empty()).then(|| {
            html! { <span class="at">{ format!("◀ {}", names.join(", ")) }</span> }
        });
        html! {
            <span {class} data-line={n.to_string()}>
                <span class="ln">{ n }</span>
                { for pieces.into_iter().map(|(t, s)| html! { <span class={t.class()}>{ s }</span> }) }
                { "\n" }
                { badge }
            </span>
        }
    });
    // The error and the marks are always there (empty when there is nothing to say): Yew
    // matches unkeyed children from the end, so a child that comes and goes would shift the
    // text area onto a new element and lose the person's focus and undo history.
    let error = props.error.as_ref().map(|e| {
        tr!(
            lang,
            "editor-error",
            line = e.line.to_string(),
            column = e.column.to_string(),
            message = e.message.as_str()
        )
    });
    let marks = props.marks.iter().enumerate().map(|(i, m)| {
        let before = if i == 0 {
            tr!(lang, "editor-marks")
        } else {
            tr!(lang, "editor-marks-separator")
        };
        let mark = tr!(
            lang,
            "editor-mark",
            task = m.label.as_str(),
            line = m.line.to_string()
        );
        html! {
            <>
                { before }
                <span data-line={m.line.to_string()}>{ mark }</span>
            </>
        }
    });
    // The gutter's width goes through the CSSOM, not a `style` attribute (which a strict
    // Content-Security-Policy refuses).
    let wrap = use_node_ref();
    {
        let wrap = wrap.clone();
        use_effect_with(digits, move |digits| {
            crate::browser::dom::set_css(&wrap, &[("--gutter", format!("{}ch", digits + 2))]);
        });
    }
    html! {
        <div class={classes!("editor", props.read_only.then_some("read-only"),
            (!props.marks.is_empty()).then_some("marked"))} data-testid="editor">
            <div class="code-wrap" ref={wrap}>
                <pre class="code-view" aria-hidden="true">{ for rows }</pre>
                <textarea ref={area} class="code-input" spellcheck="false" autocomplete="off"
                    autocapitalize="off" data-testid="code" wrap="soft"
                    aria-label={props.label.clone()} aria-describedby="editor-keys"
                    aria-invalid={props.error.is_some().then_some("true")}
                    readonly={props.read_only} {oninput} {onkeydown} />
            </div>
            <p class="editor-keys" id="editor-keys">
                { tr!(lang, "editor-keys") }
            </p>
            <p class="error syntax" role="alert" data-testid="syntax-error" hidden={error.is_none()}>
                { error.unwrap_or_default() }
            </p>
            <p class="line-marks" data-testid="line-marks" hidden={props.marks.is_empty()}>
                { for marks }
            </p>
        </div>
    }
}

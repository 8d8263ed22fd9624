//! The markup a documentation author pastes to embed what is on screen: an `<iframe>`, or a live
//! block for `embed.js` (a `<pre data-awaitlab>` holding the program, readable where scripts are
//! off, or a `<div data-awaitlab="?s=…">` for a catalog scenario).

use super::{link_pairs, query};
use crate::scenario::Draft;
use crate::view_options::ViewOptions;

/// `text` safe inside an HTML attribute value in double quotes, or as element text.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The folder the app is served from (`https://x.org/awaitlab/` for
/// `https://x.org/awaitlab/index.html`): `embed.js` lives there, and the app answers there.
pub fn app_folder(page: &str) -> String {
    let page = page.split(['?', '#']).next().unwrap_or_default();
    match page.rfind('/') {
        Some(i) => page[..=i].to_string(),
        None => format!("{page}/"),
    }
}

/// What an embed of `draft` asks in its URL besides `embed=1` (its program too when `with_code`).
fn embed_pairs(draft: &Draft, view: &ViewOptions, with_code: bool) -> Vec<(String, String)> {
    link_pairs(draft, view, false)
        .into_iter()
        .filter(|(k, _)| with_code || k != "code")
        .collect()
}

/// An `<iframe>` showing `draft` embedded, from the app at `page`.
pub fn iframe(page: &str, draft: &Draft, view: &ViewOptions, title: &str) -> String {
    let mut pairs = vec![("embed".to_string(), "1".to_string())];
    pairs.extend(embed_pairs(draft, view, true));
    let src = format!("{}?{}", app_folder(page), query(&pairs));
    format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"560\" loading=\"lazy\" \
         allow=\"clipboard-write\"></iframe>",
        escape_html(&src),
        escape_html(title)
    )
}

/// A live block for `embed.js` showing `draft`, and the script tag that makes it live.
pub fn live_block(page: &str, draft: &Draft, view: &ViewOptions) -> String {
    let script = format!(
        "<script src=\"{}embed.js\" defer></script>",
        escape_html(&app_folder(page))
    );
    let options = query(&embed_pairs(draft, view, false));
    match &draft.code {
        Some(code) => format!(
            "<pre data-awaitlab=\"{}\">{}</pre>\n{script}",
            escape_html(&options),
            escape_html(code)
        ),
        None => format!(
            "<div data-awaitlab=\"?{}\"></div>\n{script}",
            escape_html(&options)
        ),
    }
}

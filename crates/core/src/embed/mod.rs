//! AwaitLab inside another page: the messages a host page and an embed exchange
//! ([`host_message`], [`outgoing`]) and the snippets that embed what is on screen ([`snippet`]).
//! Everything here is data in, data out: the browser adapter only moves it across `postMessage`.

pub mod host_message;
pub mod outgoing;
pub mod snippet;

/// Every message of the host API has a `type` starting so; others are not AwaitLab's.
pub const PREFIX: &str = "awaitlab:";

use crate::scenario::{encode_component, Draft};
use crate::view_options::ViewOptions;

/// The query pairs of a link to `draft` shown as `view` says: the form, then the view options
/// (`embedded`: a link for the embed itself, keeping `embed` and the host's pin; else for the
/// whole page), then the program last, so a long one does not hide the rest.
pub fn link_pairs(draft: &Draft, view: &ViewOptions, embedded: bool) -> Vec<(String, String)> {
    let mut pairs = draft.to_pairs();
    let code = pairs
        .iter()
        .position(|(k, _)| k == "code")
        .map(|i| pairs.remove(i));
    pairs.extend(view.to_pairs(embedded));
    pairs.extend(code);
    pairs
}

/// `pairs` as a query string (without the `?`).
pub fn query(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", encode_component(v)))
        .collect::<Vec<_>>()
        .join("&")
}

//! The page's URL: reading the query and rewriting it (without reloading) to match the form.

/// The query's decoded `(key, value)` pairs, in order.
pub fn query_pairs() -> Vec<(String, String)> {
    let Some(search) = web_sys::window().and_then(|w| w.location().search().ok()) else {
        return Vec::new();
    };
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
        return Vec::new();
    };
    let mut pairs = Vec::new();
    if let Ok(Some(iter)) = js_sys::try_iter(&params) {
        for entry in iter.flatten() {
            let entry = js_sys::Array::from(&entry);
            let key = entry.get(0).as_string().unwrap_or_default();
            let value = entry.get(1).as_string().unwrap_or_default();
            pairs.push((key, value));
        }
    }
    pairs
}

/// Replaces the query with `query` (no reload, no new history entry), keeping the path, so the
/// address bar is always a link to what is on screen. Does nothing when it already reads so.
pub fn replace_query(query: &str) {
    set_query(query, false);
}

/// Sets the query to `query` as a new history entry (no reload), so Back returns to the one
/// before. Does nothing when the address already reads so.
pub fn push_query(query: &str) {
    set_query(query, true);
}

fn set_query(query: &str, push: bool) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let search = format!("?{query}");
    if location.search().is_ok_and(|s| s == search) {
        return;
    }
    let path = location.pathname().unwrap_or_default();
    if let Ok(history) = window.history() {
        let url = format!("{path}{search}");
        let null = wasm_bindgen::JsValue::NULL;
        let _ = if push {
            history.push_state_with_url(&null, "", Some(&url))
        } else {
            history.replace_state_with_url(&null, "", Some(&url))
        };
    }
}

/// The full address of the page with `query`, for sharing.
pub fn share_url(query: &str) -> String {
    let Some(window) = web_sys::window() else {
        return format!("?{query}");
    };
    let loc = window.location();
    let origin = loc.origin().unwrap_or_default();
    let path = loc.pathname().unwrap_or_default();
    format!("{origin}{path}?{query}")
}

//! What an embed tells its host page, as JSON objects `{type: "awaitlab:…", …}`: `ready` once it
//! can be steered, `state` at every change of its run's state, `trace` in answer to `get-trace`,
//! `resize` when its content's height changes, `error` for a message it could not follow.

use serde_json::{json, Value};

use super::PREFIX;
use crate::scenario::Draft;

fn typed(kind: &str, mut fields: Value) -> Value {
    if let Some(object) = fields.as_object_mut() {
        object.insert("type".into(), Value::String(format!("{PREFIX}{kind}")));
    }
    fields
}

fn with_id(mut message: Value, id: Option<&Value>) -> Value {
    if let (Some(id), Some(object)) = (id, message.as_object_mut()) {
        object.insert("id".into(), id.clone());
    }
    message
}

/// The embed can be steered: its version and what it shows.
pub fn ready(version: &str, draft: &Draft) -> Value {
    typed(
        "ready",
        json!({ "version": version, "scenario": draft.scenario, "mode": draft.mode,
                "edited": draft.code.is_some() }),
    )
}

/// The run's state: `idle`, `running`, `done` or `error` (with the run's message), and what the
/// last run measured and its prediction said, in scenario seconds.
pub fn state(
    state: &str,
    draft: &Draft,
    measured_s: Option<f64>,
    predicted_s: Option<f64>,
    error: Option<String>,
) -> Value {
    typed(
        "state",
        json!({ "state": state, "scenario": draft.scenario, "mode": draft.mode,
                "measured_s": measured_s, "predicted_s": predicted_s, "error": error }),
    )
}

/// The trace asked for (Chrome trace-event JSON, as Export writes it), or `null` before any.
pub fn trace(id: Option<&Value>, trace: Option<Value>) -> Value {
    with_id(
        typed("trace", json!({ "trace": trace.unwrap_or(Value::Null) })),
        id,
    )
}

/// The content's height in CSS pixels: the host sizes its iframe to it.
pub fn resize(height: f64) -> Value {
    typed("resize", json!({ "height": height.max(0.0).ceil() }))
}

/// A message that could not be followed, and why.
pub fn error(id: Option<&Value>, message: &str) -> Value {
    with_id(typed("error", json!({ "message": message })), id)
}

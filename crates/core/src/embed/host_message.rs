//! What a host page may ask an embed, read from the message's JSON. A message is checked field
//! by field: a wrong shape is answered with an `awaitlab:error` naming the field, a type that is
//! not AwaitLab's (or one this version does not know) is ignored, and nothing a host sends is
//! ever rendered as markup or run as script — it becomes a form and a program, as a link would.

use serde_json::Value;

use super::PREFIX;
use crate::scenario::{Draft, MAX_CODE_BYTES};
use crate::scenarios::find;

/// What a host asks.
#[derive(Clone, Debug, PartialEq)]
pub enum HostMessage {
    /// Press Run.
    Run,
    /// Press Stop.
    Stop,
    /// Show another scenario, mode, parameters, program or speed.
    Set(SetRequest),
    /// Send the run's trace (`awaitlab:trace`).
    GetTrace,
}

/// A message with the host's own `id` (a string or number echoed in the answer), if it gave one.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    /// The host's correlation id.
    pub id: Option<Value>,
    /// What it asks.
    pub message: HostMessage,
}

/// What reading a message gave.
#[derive(Clone, Debug, PartialEq)]
pub enum Incoming {
    /// Not a message for AwaitLab (another library's, or a type this version does not know).
    Ignored,
    /// A well-formed request.
    Request(Request),
    /// An AwaitLab message of the wrong shape: why, and the host's id if it could be read.
    Invalid {
        /// The host's correlation id.
        id: Option<Value>,
        /// What is wrong, naming the field.
        message: String,
    },
}

/// The fields of a `set` message (each optional; what is not given stays as it is).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SetRequest {
    /// `scenario`: another scenario (its defaults, unless `params` says otherwise).
    pub scenario: Option<String>,
    /// `mode`.
    pub mode: Option<String>,
    /// `params`: the scenario's parameters, as the URL spells them.
    pub params: Vec<(String, String)>,
    /// `speed`: scenario milliseconds per second.
    pub speed: Option<String>,
    /// `code`.
    pub code: CodeChange,
}

/// What a `set` does to the program.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum CodeChange {
    /// `code` absent: the program stays (unless the scenario or mode changes).
    #[default]
    Keep,
    /// `code: "…"`: run this program.
    Set(String),
    /// `code: null`: the mode's own program again.
    Clear,
}

/// Most parameters one `set` may carry (a scenario has at most a handful).
const MAX_PARAMS: usize = 32;
/// Longest id, scenario, mode, parameter name or value a message may carry, in characters.
const MAX_WORD: usize = 10_000;
/// Keys of the URL that are not parameters: a host sets them through the message's own fields
/// (and the view options, `view_options::KEYS`, not at all).
const NOT_PARAMS: [&str; 5] = ["s", "mode", "code", "speed", "autorun"];

/// Whether `key` is one a `set` may not carry among its parameters.
fn not_a_param(key: &str) -> bool {
    NOT_PARAMS.contains(&key)
        || crate::view_options::KEYS.contains(&key)
        || key.starts_with(crate::view_options::VERSUS)
}

/// Reads a host's message (the `data` of a `message` event, as JSON).
pub fn read(value: &Value) -> Incoming {
    let Some(object) = value.as_object() else {
        return Incoming::Ignored;
    };
    let Some(kind) = object
        .get("type")
        .and_then(Value::as_str)
        .and_then(|t| t.strip_prefix(PREFIX))
    else {
        return Incoming::Ignored;
    };
    let id = match object.get("id") {
        None | Some(Value::Null) => None,
        Some(v @ Value::String(s)) if s.chars().count() <= 200 => Some(v.clone()),
        Some(v @ Value::Number(_)) => Some(v.clone()),
        Some(_) => {
            return Incoming::Invalid {
                id: None,
                message: "id must be a string of at most 200 characters or a number".into(),
            }
        }
    };
    let allowed: &[&str] = match kind {
        "run" | "stop" | "get-trace" => &[],
        "set" => &["scenario", "mode", "params", "speed", "code"],
        // An embed's own messages echoed back, or a newer host's: not for this version.
        _ => return Incoming::Ignored,
    };
    if let Some(extra) = object
        .keys()
        .find(|k| *k != "type" && *k != "id" && !allowed.contains(&k.as_str()))
    {
        return Incoming::Invalid {
            id,
            message: format!(
                "{PREFIX}{kind} has no field {}{}",
                crate::format::quote(extra),
                if allowed.is_empty() {
                    String::new()
                } else {
                    format!(" (it has: {})", allowed.join(", "))
                }
            ),
        };
    }
    let message = match kind {
        "run" => HostMessage::Run,
        "stop" => HostMessage::Stop,
        "get-trace" => HostMessage::GetTrace,
        _ => match read_set(object) {
            Ok(set) => HostMessage::Set(set),
            Err(message) => return Incoming::Invalid { id, message },
        },
    };
    Incoming::Request(Request { id, message })
}

fn read_set(object: &serde_json::Map<String, Value>) -> Result<SetRequest, String> {
    let word = |field: &str| -> Result<Option<String>, String> {
        match object.get(field) {
            None => Ok(None),
            Some(Value::String(s)) if s.chars().count() <= MAX_WORD => Ok(Some(s.clone())),
            Some(_) => Err(format!(
                "set: {field} must be a string of at most {MAX_WORD} characters"
            )),
        }
    };
    let mut set = SetRequest {
        scenario: word("scenario")?,
        mode: word("mode")?,
        ..SetRequest::default()
    };
    set.speed = match object.get("speed") {
        None => None,
        Some(v) => Some(
            scalar(v).ok_or("set: speed must be a number or a string (ms per scenario second)")?,
        ),
    };
    set.code = match object.get("code") {
        None => CodeChange::Keep,
        Some(Value::Null) => CodeChange::Clear,
        Some(Value::String(s)) if s.len() <= MAX_CODE_BYTES => CodeChange::Set(s.clone()),
        Some(Value::String(s)) => {
            return Err(format!(
                "set: code is {} KB; at most {} KB fit in AwaitLab",
                s.len().div_ceil(1000),
                MAX_CODE_BYTES / 1000
            ))
        }
        Some(_) => return Err("set: code must be a string (the program) or null".into()),
    };
    match object.get("params") {
        None => {}
        Some(Value::Object(params)) => {
            if params.len() > MAX_PARAMS {
                return Err(format!("set: at most {MAX_PARAMS} params"));
            }
            for (key, value) in params {
                if key.chars().count() > 64 || not_a_param(key) {
                    return Err(format!(
                        "set: params holds the scenario's parameters; {} is not one{}",
                        crate::format::quote(key),
                        if not_a_param(key) {
                            " (it is a field of the message, or a link's)"
                        } else {
                            ""
                        }
                    ));
                }
                let text = match value {
                    Value::Array(items) => items
                        .iter()
                        .map(scalar)
                        .collect::<Option<Vec<_>>>()
                        .map(|items| items.join(",")),
                    other => scalar(other),
                };
                match text {
                    Some(text) if text.chars().count() <= MAX_WORD => {
                        set.params.push((key.clone(), text))
                    }
                    _ => {
                        return Err(format!(
                            "set: params.{key} must be a number, a string or a list of them"
                        ))
                    }
                }
            }
        }
        Some(_) => {
            return Err("set: params must be an object, e.g. {\"delays\": [1, 0.8, 0.5]}".into())
        }
    }
    Ok(set)
}

/// A number or a string as the URL would spell it.
fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

impl SetRequest {
    /// The query pairs of what is on screen after this `set`, for
    /// [`parse_url`](crate::scenario::parse_url) to check as it checks a link: the same
    /// scenario keeps its values (the ones given replace theirs), another starts from its
    /// defaults, and a program edited for one mode does not follow the page to another.
    pub fn pairs_after(&self, current: &Draft) -> Vec<(String, String)> {
        let same_scenario = self
            .scenario
            .as_deref()
            .is_none_or(|s| s == current.scenario);
        let mut pairs = if same_scenario {
            // Values still at their defaults are left out, as a link leaves them out, so a list
            // the host gives alone brings its followers to its length (`follow_lengths`).
            let defaults = find(current.scenario);
            let at_default = |key: &str, value: &str| {
                defaults
                    .and_then(|s| s.param(key))
                    .is_some_and(|spec| spec.default == value)
            };
            current
                .to_pairs()
                .into_iter()
                .filter(|(k, v)| !at_default(k, v))
                .collect()
        } else {
            vec![("s".to_string(), self.scenario.clone().unwrap_or_default())]
        };
        let put = |pairs: &mut Vec<(String, String)>, key: &str, value: &str| match pairs
            .iter_mut()
            .find(|(k, _)| k == key)
        {
            Some(pair) => pair.1 = value.to_string(),
            None => pairs.push((key.to_string(), value.to_string())),
        };
        if let Some(mode) = &self.mode {
            if same_scenario && mode != current.mode && self.code == CodeChange::Keep {
                pairs.retain(|(k, _)| k != "code");
            }
            put(&mut pairs, "mode", mode);
        }
        for (key, value) in &self.params {
            put(&mut pairs, key, value);
        }
        if let Some(speed) = &self.speed {
            put(&mut pairs, "speed", speed);
        }
        match &self.code {
            CodeChange::Keep => {}
            CodeChange::Clear => pairs.retain(|(k, _)| k != "code"),
            CodeChange::Set(code) => {
                pairs.retain(|(k, _)| k != "code");
                pairs.push(("code".to_string(), code.clone()));
            }
        }
        pairs
    }
}

//! Scenario metadata and parameters: the schema each scenario declares, parsing and validating what a
//! person types or a URL carries, and the URL query that reproduces a run.

use std::borrow::Cow;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use super::backend::io::check_url_words;
use super::format::{label, quote_words, Words, QUOTE_MAX_CHARS};
use super::input::normalise;
use super::lab::{Lab, LabResult};
use super::program_comments::in_lang;
use super::trace::Placement;
use super::view_options::ViewOptions;
use crate::words;
use awaitlab_i18n::{tr, Lang};

/// A scenario's main task.
pub type MainFuture = Pin<Box<dyn Future<Output = LabResult>>>;

/// One tutorial program and its variants.
pub struct Scenario {
    /// URL id (`countdown`).
    pub id: &'static str,
    /// Picker group: the id of its words (`topic-<topic>`, [`Scenario::topic_in`]).
    pub topic: &'static str,
    /// The speed its form starts with, in real ms per scenario second: 100 for most, 1000 (real
    /// time) where real-world latencies are the point (`http`).
    pub speed_ms_per_s: f64,
    /// The tutorial's variants of the program.
    pub modes: &'static [Mode],
    /// Its parameters, in form order.
    pub params: &'static [ParamSpec],
    /// Checks that span several parameters (lists that must be as long as each other, a run that
    /// would freeze the page too long).
    pub check: fn(&Config) -> Vec<ParamError>,
    /// Starts the program as the run's main task.
    pub main: fn(Lab, Config) -> MainFuture,
}

impl Scenario {
    /// What `mode` needs besides a loop (nothing, for a mode it does not have).
    pub fn needs(&self, mode: &str) -> Needs {
        self.mode(mode).map_or(Needs::NOTHING, |m| m.needs)
    }

    /// The mode with URL id `id`.
    pub fn mode(&self, id: &str) -> Option<&'static Mode> {
        self.modes.iter().find(|m| m.id == id)
    }

    /// The parameter called `id`.
    pub fn param(&self, id: &str) -> Option<&'static ParamSpec> {
        self.params.iter().find(|p| p.id == id)
    }

    /// The first mode, used when none is given.
    pub fn default_mode(&self) -> &'static Mode {
        &self.modes[0]
    }

    /// Its title in `lang` (picker, page title, headings).
    pub fn title_in(&self, lang: Lang) -> String {
        tr(lang, &format!("scenario-{}", self.id))
    }

    /// Its picker group in `lang`.
    pub fn topic_in(&self, lang: Lang) -> String {
        tr(lang, &format!("topic-{}", self.topic))
    }

    /// The ids of every message it needs, its modes' and parameters' included: built at run
    /// time, so tests/catalog_words.rs walks them for both languages.
    pub fn message_ids(&self) -> Vec<String> {
        let mut ids = vec![
            format!("scenario-{}", self.id),
            format!("topic-{}", self.topic),
        ];
        ids.extend(self.modes.iter().flat_map(|m| m.message_ids(self)));
        ids.extend(self.params.iter().flat_map(|p| p.message_ids(self)));
        ids
    }
}

/// One variant of a scenario.
pub struct Mode {
    /// URL id (`async`).
    pub id: &'static str,
    // Its words — the button label (`mode-<scenario>-<id>`, [`Mode::label_in`]), what to look
    // at on the timeline (`.note`) and why an illustration has no program (`.missing`) — are
    // in scenarios.ftl only, as a scenario's title is.
    /// Its Python: a program the interpreter runs, or an illustration.
    pub code: Code,
    /// What it needs besides a loop: the page loads workers ahead of a pool mode's run, and the
    /// loop worker refuses a mode that needs what only the page has.
    pub needs: Needs,
}

/// What a mode needs besides a loop, declared beside its code so that a new mode cannot be left
/// out of a table somewhere else.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Needs {
    /// It hands jobs to a pool of Web Workers (`run_in_executor`), which the page starts.
    pub pool: bool,
    /// It schedules callbacks on the page's own queues (microtasks, `setTimeout`,
    /// `MessageChannel`).
    pub page_queues: bool,
}

impl Needs {
    /// A loop and nothing else: it runs on the page or in a loop worker alike.
    pub const NOTHING: Needs = Needs {
        pool: false,
        page_queues: false,
    };
    /// A worker pool.
    pub const WORKER_POOL: Needs = Needs {
        pool: true,
        page_queues: false,
    };
    /// The page's queues.
    pub const PAGE_QUEUES: Needs = Needs {
        pool: false,
        page_queues: true,
    };

    /// Why a run that needs this cannot have its loop in a worker, if it cannot: a loop worker
    /// has no pool of its own and no page to schedule callbacks on.
    pub fn worker_refusal(self) -> Option<Words> {
        if self.page_queues {
            Some(words!("error-worker-page-queues"))
        } else if self.pool {
            Some(words!("error-worker-pool"))
        } else {
            None
        }
    }
}

impl Mode {
    /// The program (`crates/core/programs/<scenario>/<mode>.py`, its parameters marked for
    /// [`crate::program_params`]), if this mode has one.
    pub fn program(&self) -> Option<&'static str> {
        match self.code {
            Code::Program(text) => Some(text),
            Code::Illustration { .. } => None,
        }
    }

    /// The message of this mode of `scenario`: its label; `.note` and `.missing` attributes.
    fn message(&self, scenario: &Scenario) -> String {
        format!("mode-{}-{}", scenario.id, self.id)
    }

    /// Its button label in `lang`.
    pub fn label_in(&self, scenario: &Scenario, lang: Lang) -> String {
        tr(lang, &self.message(scenario))
    }

    /// What to look at on the timeline, in two or three sentences, in `lang`.
    pub fn note_in(&self, scenario: &Scenario, lang: Lang) -> String {
        tr(lang, &format!("{}.note", self.message(scenario)))
    }

    /// Why this mode has no program (the mechanism the interpreter lacks), if it has none: a
    /// clause that follows "it", in `lang`.
    pub fn program_missing_in(&self, scenario: &Scenario, lang: Lang) -> Option<String> {
        match self.code {
            Code::Program(_) => None,
            Code::Illustration { .. } => {
                Some(tr(lang, &format!("{}.missing", self.message(scenario))))
            }
        }
    }

    /// The ids of every message this mode of `scenario` needs (tests check both languages).
    pub fn message_ids(&self, scenario: &Scenario) -> Vec<String> {
        let id = self.message(scenario);
        let mut ids = vec![id.clone(), format!("{id}.note")];
        if self.program().is_none() {
            ids.push(format!("{id}.missing"));
        }
        ids
    }

    /// The Python the program pane shows: the program with the default parameters, or the
    /// illustration.
    pub fn python(&self) -> &'static str {
        match self.code {
            Code::Program(text) | Code::Illustration { python: text, .. } => text,
        }
    }

    /// [`Mode::program`] with its comments in `lang` (the code is the same, line for line).
    pub fn program_in(&self, lang: Lang) -> Option<Cow<'static, str>> {
        self.program().map(|text| in_lang(text, lang))
    }

    /// [`Mode::python`] with its comments in `lang`.
    pub fn python_in(&self, lang: Lang) -> Cow<'static, str> {
        in_lang(self.python(), lang)
    }
}

/// A mode's Python. Either a real program or an illustration (its reason is the mode's
/// `.missing` message), so no mode can have neither (or both).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Code {
    /// A Python program the interpreter runs, with the default parameters written in as marked
    /// literals (see [`crate::program_params`]).
    Program(&'static str),
    /// A short Python illustration of what the Rust scenario does, for a mode the interpreter
    /// cannot run yet.
    Illustration {
        /// The illustration.
        python: &'static str,
    },
}

/// The type and bounds of a parameter.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ParamKind {
    /// A whole number.
    Int {
        /// Smallest allowed.
        min: i64,
        /// Largest allowed.
        max: i64,
    },
    /// A number (a duration in scenario seconds).
    Number {
        /// Smallest allowed.
        min: f64,
        /// Largest allowed.
        max: f64,
    },
    /// A comma-separated list of whole numbers.
    IntList {
        /// Smallest allowed item.
        min: i64,
        /// Largest allowed item.
        max: i64,
        /// Most items allowed.
        max_len: usize,
    },
    /// A comma-separated list of numbers (durations in scenario seconds).
    NumberList {
        /// Smallest allowed item.
        min: f64,
        /// Largest allowed item.
        max: f64,
        /// Most items allowed.
        max_len: usize,
    },
    /// A comma-separated list of short names (letters, letters and digits).
    NameList {
        /// Most items allowed.
        max_len: usize,
        /// Longest name allowed, in characters.
        max_chars: usize,
    },
    /// A comma-separated list of unsigned 64-bit whole numbers (numbers past JavaScript's exact
    /// integers, 2^53, stay exact: they are parsed and kept in Rust's `u64`).
    U64List {
        /// Smallest allowed item.
        min: u64,
        /// Largest allowed item.
        max: u64,
        /// Most items allowed.
        max_len: usize,
    },
    /// A comma-separated list of URLs: absolute `http://` or `https://`, or relative to the page
    /// (`data/a.json`). Other schemes (`file:`, `data:`, `javascript:`) are refused.
    UrlList {
        /// Most items allowed.
        max_len: usize,
        /// Longest URL allowed, in characters.
        max_chars: usize,
    },
}

/// One parameter of a scenario.
pub struct ParamSpec {
    /// URL name (kebab-case). Its form label (the program's marked name, the same in every
    /// language) and the hint under the field are `param-<scenario>-<id>` and its `.help` in
    /// scenarios.ftl.
    pub id: &'static str,
    /// Type and bounds.
    pub kind: ParamKind,
    /// The tutorial's value, as typed.
    pub default: &'static str,
    /// The modes it matters in; empty: all. The form shows it only there, and elsewhere an
    /// invalid value falls back to the default instead of blocking the run.
    pub modes: &'static [&'static str],
}

impl ParamSpec {
    /// A duration of 0–60 scenario seconds that matters in every mode:
    /// the most common parameter of the catalog (`delay`, `timeout`, `cleanup`…).
    pub const fn seconds(id: &'static str, default: &'static str) -> Self {
        ParamSpec {
            id,
            kind: ParamKind::Number {
                min: 0.0,
                max: 60.0,
            },
            default,
            modes: &[],
        }
    }

    /// The message of this parameter of `scenario`: its label, and `.help`.
    fn message(&self, scenario: &Scenario) -> String {
        format!("param-{}-{}", scenario.id, self.id)
    }

    /// Its form label in `lang`.
    pub fn label_in(&self, scenario: &Scenario, lang: Lang) -> String {
        tr(lang, &self.message(scenario))
    }

    /// The hint under its field (units, meaning) in `lang`.
    pub fn help_in(&self, scenario: &Scenario, lang: Lang) -> String {
        tr(lang, &format!("{}.help", self.message(scenario)))
    }

    /// The ids of every message this parameter of `scenario` needs.
    pub fn message_ids(&self, scenario: &Scenario) -> Vec<String> {
        let id = self.message(scenario);
        vec![id.clone(), format!("{id}.help")]
    }

    /// Whether the parameter matters in `mode`.
    pub fn applies_to(&self, mode: &str) -> bool {
        self.modes.is_empty() || self.modes.contains(&mode)
    }
}

/// A parsed parameter value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// From [`ParamKind::Int`].
    Int(i64),
    /// From [`ParamKind::Number`].
    Number(f64),
    /// From [`ParamKind::IntList`].
    Ints(Vec<i64>),
    /// From [`ParamKind::NumberList`].
    Numbers(Vec<f64>),
    /// From [`ParamKind::NameList`].
    Names(Vec<String>),
    /// From [`ParamKind::U64List`].
    U64s(Vec<u64>),
    /// From [`ParamKind::UrlList`].
    Urls(Vec<String>),
}

impl Value {
    /// How many items it holds (1 for a single number).
    pub fn len(&self) -> usize {
        match self {
            Value::Int(_) | Value::Number(_) => 1,
            Value::Ints(v) => v.len(),
            Value::Numbers(v) => v.len(),
            Value::Names(v) | Value::Urls(v) => v.len(),
            Value::U64s(v) => v.len(),
        }
    }

    /// Whether it holds no item (lists are never empty once parsed).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A problem with one parameter (or with the URL), worded for the person who typed it.
#[derive(Clone, Debug, PartialEq)]
pub struct ParamError {
    /// The parameter it concerns (`delays`), or `s`/`mode`/`speed` for the URL's own.
    pub param: String,
    /// What is wrong and what is allowed, in English (tests, logs and the host API read it).
    pub message: String,
    /// The same, for any language (see [`ParamError::message_in`]).
    pub words: Words,
}

impl ParamError {
    /// A problem with `param`, in words said the same in every language.
    pub fn new(param: &str, message: impl Into<String>) -> Self {
        let message = message.into();
        ParamError {
            param: param.to_string(),
            words: Words::Text(message.clone()),
            message,
        }
    }

    /// A problem with `param`, in words any language can say.
    pub fn said(param: &str, words: Words) -> Self {
        ParamError {
            param: param.to_string(),
            message: words.text(Lang::En),
            words,
        }
    }

    /// What is wrong, in `lang`.
    pub fn message_in(&self, lang: Lang) -> String {
        self.words.text(lang)
    }
}

impl std::fmt::Display for ParamError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.param, self.message)
    }
}

impl ParamSpec {
    /// Parses and bounds-checks `text` as this parameter. Full-width and ideographic forms
    /// (`３`, `1，0.8，0.5`, `、`) are read as their ASCII (see [`normalise`]).
    pub fn parse(&self, text: &str) -> Result<Value, String> {
        self.parse_words(text).map_err(|w| w.text(Lang::En))
    }

    /// [`ParamSpec::parse`], its problem in words any language can say.
    pub fn parse_words(&self, text: &str) -> Result<Value, Words> {
        let text = normalise(text);
        let text = text.trim();
        match self.kind {
            ParamKind::Int { min, max } => {
                let n = parse_int(text, min, max)
                    .map_err(|m| words!("error-value", value = quote_words(text), why = m))?;
                if n < min || n > max {
                    return Err(words!("error-between", min = min, max = max));
                }
                Ok(Value::Int(n))
            }
            ParamKind::Number { min, max } => {
                let x = parse_number(text)?;
                if x < min || x > max {
                    return Err(words!("error-between-s", min = min, max = max));
                }
                Ok(Value::Number(x))
            }
            ParamKind::IntList { min, max, max_len } => {
                let items = parse_list(text, max_len, min, max, false, |item| {
                    parse_int(item, min, max)
                        .map_err(|m| words!("error-item-value", value = quote_words(item), why = m))
                })?;
                Ok(Value::Ints(items))
            }
            ParamKind::NumberList { min, max, max_len } => {
                let items = parse_list(text, max_len, min, max, true, |item| {
                    parse_float(item)
                        .map_err(|m| words!("error-item-value", value = quote_words(item), why = m))
                })?;
                Ok(Value::Numbers(items))
            }
            ParamKind::NameList { max_len, max_chars } => {
                let items = split_list(text, max_len)?;
                for (i, item) in items.iter().enumerate() {
                    if item.chars().count() > max_chars {
                        return Err(words!("error-name-long", at = i + 1, max = max_chars));
                    }
                    if !item.chars().all(|c| c.is_alphanumeric() || c == '_') {
                        return Err(words!(
                            "error-name-chars",
                            at = i + 1,
                            value = quote_words(item)
                        ));
                    }
                }
                let mut seen = std::collections::HashSet::new();
                if let Some(dup) = items.iter().find(|n| !seen.insert(n.as_str())) {
                    return Err(words!("error-name-twice", value = quote_words(dup)));
                }
                Ok(Value::Names(items))
            }
            ParamKind::U64List { min, max, max_len } => {
                let items = parse_list(text, max_len, min, max, false, |item| {
                    item.parse::<u64>().map_err(|_| {
                        let (negative, digits) = match item.strip_prefix('-') {
                            Some(rest) => (true, rest),
                            None => (false, item),
                        };
                        let whole =
                            !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
                        if whole && negative {
                            words!("error-negative", value = item, min = min, max = max)
                        } else if whole {
                            words!("error-too-large", max = max)
                        } else {
                            words!("error-item-not-whole", value = quote_words(item))
                        }
                    })
                })?;
                Ok(Value::U64s(items))
            }
            ParamKind::UrlList { max_len, max_chars } => {
                let items = split_list(text, max_len)?;
                for (i, item) in items.iter().enumerate() {
                    check_url_words(item, max_chars).map_err(|msg| {
                        if item.chars().count() <= 60 {
                            words!(
                                "error-url-value",
                                at = i + 1,
                                value = quote_words(item),
                                why = msg
                            )
                        } else {
                            words!("error-url", at = i + 1, why = msg)
                        }
                    })?;
                }
                Ok(Value::Urls(items))
            }
        }
    }
}

fn parse_number(text: &str) -> Result<f64, Words> {
    parse_float(text).map_err(|m| words!("error-value", value = quote_words(text), why = m))
}

/// Reads a whole number; the message (after the quoted text) says why not: digits past the
/// 64-bit range are "too large" (or "too small"), not "not a whole number".
fn parse_int(text: &str, min: i64, max: i64) -> Result<i64, Words> {
    text.parse::<i64>().map_err(|_| {
        let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
        let whole = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
        if whole && text.starts_with('-') {
            words!("error-too-small", min = min)
        } else if whole {
            words!("error-too-large", max = max)
        } else {
            not_a(words!("error-a-whole-number"), text)
        }
    })
}

/// Reads a finite number (`1e400` is too large, not "not a number").
fn parse_float(text: &str) -> Result<f64, Words> {
    match text.parse::<f64>() {
        Ok(x) if x.is_finite() => Ok(x),
        Ok(_) if !text.contains(['i', 'I', 'n', 'N']) => Err(words!("error-too-large-duration")),
        _ => Err(not_a(words!("error-a-number"), text)),
    }
}

/// "is not a number", with the reason when a character explains it: a letter or symbol the
/// parser cannot read as a digit is named, so `1;2` says `;` is not a comma.
fn not_a(what: Words, text: &str) -> Words {
    let odd = text
        .chars()
        .find(|c| !(c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E')));
    match odd {
        Some(';') | Some(':') | Some('/') | Some(' ') => {
            words!("error-not-a-separator", what = what)
        }
        Some(c) if !c.is_ascii() => words!(
            "error-not-a-character",
            what = what,
            character = quote_words(&c.to_string()),
            code = format!("U+{:04X}", c as u32)
        ),
        _ => words!("error-not-a", what = what),
    }
}

/// Parses a comma-separated list whose items `parse_item` reads and must lie in `min..=max`
/// (`seconds`: the bounds are durations). Messages name the item: `item 2 ("x") is not a
/// number`, `item 3 is 90; each must be between 0 and 60 s`.
fn parse_list<T: PartialOrd + std::fmt::Display>(
    text: &str,
    max_len: usize,
    min: T,
    max: T,
    seconds: bool,
    parse_item: impl Fn(&str) -> Result<T, Words>,
) -> Result<Vec<T>, Words> {
    let items = split_list(text, max_len)?;
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let at = i + 1;
        let x = parse_item(item).map_err(|why| words!("error-item", at = at, why = why))?;
        if x < min || x > max {
            let value = match item.chars().count() > QUOTE_MAX_CHARS {
                true => quote_words(item),
                false => Words::Text(item.clone()),
            };
            return Err(match seconds {
                true => words!(
                    "error-item-between-s",
                    at = at,
                    value = value,
                    min = min,
                    max = max
                ),
                false => words!(
                    "error-item-between",
                    at = at,
                    value = value,
                    min = min,
                    max = max
                ),
            });
        }
        out.push(x);
    }
    Ok(out)
}

fn split_list(text: &str, max_len: usize) -> Result<Vec<String>, Words> {
    if text.is_empty() {
        return Err(words!("error-list-empty"));
    }
    let items: Vec<String> = text.split(',').map(|s| s.trim().to_string()).collect();
    if let Some(i) = items.iter().position(String::is_empty) {
        return Err(words!("error-item-empty", at = i + 1));
    }
    if items.len() > max_len {
        return Err(words!(
            "error-list-long",
            max = max_len,
            given = items.len()
        ));
    }
    Ok(items)
}

/// Parsed values of a scenario's parameters, in schema order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Params {
    values: Vec<(&'static str, Value)>,
}

impl Params {
    /// Sets a parameter's value.
    pub fn set(&mut self, id: &'static str, value: Value) {
        match self.values.iter_mut().find(|(k, _)| *k == id) {
            Some(slot) => slot.1 = value,
            None => self.values.push((id, value)),
        }
    }

    /// The value of `id`, if set.
    pub fn get(&self, id: &str) -> Option<&Value> {
        self.values.iter().find(|(k, _)| *k == id).map(|(_, v)| v)
    }

    /// A whole-number parameter (0 when absent: validation guarantees presence).
    pub fn int(&self, id: &str) -> i64 {
        match self.get(id) {
            Some(Value::Int(n)) => *n,
            _ => 0,
        }
    }

    /// A number parameter (0 when absent).
    pub fn number(&self, id: &str) -> f64 {
        match self.get(id) {
            Some(Value::Number(x)) => *x,
            _ => 0.0,
        }
    }

    /// A whole-number list parameter.
    pub fn ints(&self, id: &str) -> &[i64] {
        match self.get(id) {
            Some(Value::Ints(v)) => v,
            _ => &[],
        }
    }

    /// A number list parameter.
    pub fn numbers(&self, id: &str) -> &[f64] {
        match self.get(id) {
            Some(Value::Numbers(v)) => v,
            _ => &[],
        }
    }

    /// A name list parameter.
    pub fn names(&self, id: &str) -> &[String] {
        match self.get(id) {
            Some(Value::Names(v)) => v,
            _ => &[],
        }
    }

    /// An unsigned 64-bit list parameter.
    pub fn u64s(&self, id: &str) -> &[u64] {
        match self.get(id) {
            Some(Value::U64s(v)) => v,
            _ => &[],
        }
    }

    /// A URL list parameter.
    pub fn urls(&self, id: &str) -> &[String] {
        match self.get(id) {
            Some(Value::Urls(v)) => v,
            _ => &[],
        }
    }
}

/// Real milliseconds per scenario second: bounds and default.
pub const SPEED_DEFAULT: f64 = 100.0;
/// Fastest allowed speed (1 ms per scenario second).
pub const SPEED_MIN: f64 = 1.0;
/// Slowest allowed speed (10 s per scenario second).
pub const SPEED_MAX: f64 = 10_000.0;

/// Parses the speed field (full-width digits too, see [`normalise`]).
pub fn parse_speed(text: &str) -> Result<f64, String> {
    parse_speed_words(text).map_err(|w| w.text(Lang::En))
}

/// [`parse_speed`], its problem in words any language can say.
pub fn parse_speed_words(text: &str) -> Result<f64, Words> {
    let text = normalise(text);
    let text = text.trim();
    let x = parse_number(text)?;
    if !(SPEED_MIN..=SPEED_MAX).contains(&x) {
        return Err(words!("error-speed", min = SPEED_MIN, max = SPEED_MAX));
    }
    Ok(x)
}

/// Everything a run needs: mode, parameters, speed.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// The mode id.
    pub mode: &'static str,
    /// Parsed parameters.
    pub params: Params,
    /// Real milliseconds per scenario second.
    pub speed_ms_per_s: f64,
}

/// The form's text for each field: what the person typed, valid or not.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    /// The scenario.
    pub scenario: &'static str,
    /// The mode id.
    pub mode: &'static str,
    /// One text per parameter, in schema order.
    pub texts: Vec<(&'static str, String)>,
    /// The speed field's text.
    pub speed: String,
    /// Where the run's event loop runs (`loop=page|worker`).
    pub placement: Placement,
    /// The program as the person edited it (or a link carried it, `code=`): it runs instead of
    /// the mode's own. `None`: the mode's program (or scenario) as the form writes it.
    pub code: Option<Rc<str>>,
}

/// Longest program a link or the editor may carry, in bytes (a tutorial program is 1–3 KB; a
/// URL of this size still opens in every current browser).
pub const MAX_CODE_BYTES: usize = 100_000;

/// `text` as a program: line ends as `\n` (a pasted Windows or old-Mac text), or why not.
pub fn parse_code(text: &str) -> Result<Rc<str>, String> {
    parse_code_words(text).map_err(|w| w.text(Lang::En))
}

/// [`parse_code`], its problem in words any language can say.
pub fn parse_code_words(text: &str) -> Result<Rc<str>, Words> {
    if text.len() > MAX_CODE_BYTES {
        return Err(words!(
            "error-code-size",
            size = text.len().div_ceil(1000),
            max = MAX_CODE_BYTES / 1000
        ));
    }
    Ok(Rc::from(text.replace("\r\n", "\n").replace('\r', "\n")))
}

/// Why `mode` of `scenario` cannot run with its loop in a worker, if it cannot (see
/// [`Needs::worker_refusal`]). `None`: it can.
pub fn worker_refusal(scenario: &Scenario, mode: &str) -> Option<String> {
    worker_refusal_words(scenario, mode).map(|w| w.text(Lang::En))
}

/// [`worker_refusal`], in words any language can say.
pub fn worker_refusal_words(scenario: &Scenario, mode: &str) -> Option<Words> {
    let refused = scenario.needs(mode).worker_refusal()?;
    Some(words!(
        "error-worker",
        scenario = scenario.id,
        mode = mode,
        why = refused
    ))
}

impl Draft {
    /// The scenario's defaults.
    pub fn defaults(scenario: &'static Scenario) -> Self {
        Draft {
            scenario: scenario.id,
            mode: scenario.default_mode().id,
            texts: scenario
                .params
                .iter()
                .map(|p| (p.id, p.default.to_string()))
                .collect(),
            speed: fmt_num(scenario.speed_ms_per_s),
            placement: Placement::Page,
            code: None,
        }
    }

    /// The text of field `id`.
    pub fn text(&self, id: &str) -> &str {
        self.texts
            .iter()
            .find(|(k, _)| *k == id)
            .map_or("", |(_, v)| v.as_str())
    }

    /// Replaces the text of field `id` (`speed` included).
    pub fn set_text(&mut self, id: &str, text: String) {
        if id == "speed" {
            self.speed = text;
        } else if let Some(slot) = self.texts.iter_mut().find(|(k, _)| *k == id) {
            slot.1 = text;
        }
    }

    /// Validates every field and the cross-field checks. Either a runnable config or every problem,
    /// each naming its field.
    pub fn validate(&self, scenario: &Scenario) -> Result<Config, Vec<ParamError>> {
        let mut errors = Vec::new();
        let mut params = Params::default();
        for spec in scenario.params {
            match spec.parse_words(self.text(spec.id)) {
                Ok(v) => params.set(spec.id, v),
                Err(msg) if spec.applies_to(self.mode) => {
                    errors.push(ParamError::said(spec.id, msg))
                }
                // A field hidden in this mode cannot be fixed here: run with its default.
                Err(_) => {
                    if let Ok(v) = spec.parse(spec.default) {
                        params.set(spec.id, v);
                    }
                }
            }
        }
        let speed = parse_speed_words(&self.speed).unwrap_or_else(|msg| {
            errors.push(ParamError::said("speed", msg));
            SPEED_DEFAULT
        });
        if self.placement == Placement::Worker {
            if let Some(msg) = worker_refusal_words(scenario, self.mode) {
                errors.push(ParamError::said("loop", msg));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let config = Config {
            mode: self.mode,
            params,
            speed_ms_per_s: speed,
        };
        let cross = (scenario.check)(&config);
        if cross.is_empty() {
            Ok(config)
        } else {
            Err(cross)
        }
    }

    /// The URL query that reproduces this draft (`s=…&mode=…&…&speed=…`, then `loop=worker`
    /// when the loop runs in a worker), values as typed.
    pub fn to_query(&self) -> String {
        self.to_pairs()
            .iter()
            .map(|(k, v)| format!("{k}={}", encode_component(v)))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// The draft as decoded query pairs, as [`parse_url`] reads them (what a loop worker is sent).
    pub fn to_pairs(&self) -> Vec<(String, String)> {
        let mut pairs = vec![
            ("s".to_string(), self.scenario.to_string()),
            ("mode".to_string(), self.mode.to_string()),
        ];
        // A link carries what the form means: full-width forms folded to ASCII.
        for (k, v) in &self.texts {
            pairs.push((k.to_string(), normalise(v).trim().to_string()));
        }
        pairs.push((
            "speed".to_string(),
            normalise(&self.speed).trim().to_string(),
        ));
        if self.placement != Placement::Page {
            pairs.push(("loop".to_string(), self.placement.id().to_string()));
        }
        // Last: a long program does not hide the rest of a link.
        if let Some(code) = &self.code {
            pairs.push(("code".to_string(), code.to_string()));
        }
        pairs
    }

    /// The parameters as the URL spells them, for the trace's `otherData.params`.
    pub fn params_for_trace(&self) -> Vec<(String, String)> {
        self.texts
            .iter()
            .map(|(k, v)| (k.to_string(), v.trim().to_string()))
            .collect()
    }
}

/// Formats a number without a needless `.0`.
pub fn fmt_num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// Percent-encodes what a query value must not hold literally (commas, and the `/` and `:` of
/// URLs, stay readable).
pub fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        match b {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'_'
            | b'.'
            | b'~'
            | b','
            | b'/'
            | b':' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// What a URL asked for, after checking it against the catalog.
#[derive(Clone, Debug, PartialEq)]
pub struct UrlRequest {
    /// The form to show: the URL's valid values over the scenario's defaults.
    pub draft: Draft,
    /// Whether to run at once.
    pub autorun: bool,
    /// What in the URL was ignored and why.
    pub problems: Vec<ParamError>,
    /// How the page is shown (`embed`, `theme`, `lang`, `host-origin`).
    pub view: ViewOptions,
}

/// Reads decoded query pairs (`s`, `mode`, parameters, `speed`, `autorun`). Unknown or invalid
/// values are reported and replaced by defaults; nothing here fails. A link naming a scenario or
/// mode that does not exist does not autorun: what is on screen is not what it asked for. A list
/// given alone brings the lists that must match it to its length (see [`follow_lengths`]).
pub fn parse_url(catalog: &'static [Scenario], pairs: &[(String, String)]) -> UrlRequest {
    let mut problems = Vec::new();
    let mut unknown = false;
    let get = |key: &str| pairs.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v);
    let scenario = match get("s") {
        None => &catalog[0],
        Some(id) => catalog.iter().find(|s| s.id == id).unwrap_or_else(|| {
            let known: Vec<&str> = catalog.iter().map(|s| s.id).collect();
            unknown = true;
            problems.push(ParamError::said(
                "s",
                words!(
                    "error-url-scenario",
                    value = quote_words(id),
                    known = known.join(", "),
                    shown = catalog[0].id
                ),
            ));
            &catalog[0]
        }),
    };
    let mut draft = Draft::defaults(scenario);
    if let Some(mode) = get("mode") {
        match scenario.mode(mode) {
            Some(m) => draft.mode = m.id,
            None => {
                let known: Vec<&str> = scenario.modes.iter().map(|m| m.id).collect();
                unknown = true;
                problems.push(ParamError::said(
                    "mode",
                    words!(
                        "error-url-mode",
                        scenario = scenario.id,
                        value = quote_words(mode),
                        known = known.join(", "),
                        shown = draft.mode
                    ),
                ));
            }
        }
    }
    let mut autorun = false;
    let mut view = ViewOptions::default();
    for (key, value) in pairs {
        if let Some(reading) = view.read(key, value) {
            if let Err(words) = reading {
                problems.push(ParamError::said(key, words));
            }
            continue;
        }
        match key.as_str() {
            "s" | "mode" => {}
            "code" => match parse_code_words(value) {
                Ok(code) => draft.code = Some(code),
                Err(msg) => {
                    // The program asked for cannot be shown: running another would mislead.
                    unknown = true;
                    problems.push(ParamError::said(
                        "code",
                        words!("error-url-not-used", why = msg),
                    ))
                }
            },
            "loop" => match Placement::parse(value) {
                Some(p) => match worker_refusal_words(scenario, draft.mode) {
                    Some(msg) if p == Placement::Worker => problems.push(ParamError::said(
                        "loop",
                        words!("error-url-using-page", why = msg),
                    )),
                    _ => draft.placement = p,
                },
                None => problems.push(ParamError::said(
                    "loop",
                    words!("error-url-loop", value = quote_words(value)),
                )),
            },
            "autorun" => match value.as_str() {
                "1" | "true" | "" => autorun = true,
                "0" | "false" => autorun = false,
                other => problems.push(ParamError::said(
                    "autorun",
                    words!("error-url-autorun", value = quote_words(other)),
                )),
            },
            "speed" => match parse_speed_words(value) {
                Ok(_) => draft.speed = value.trim().to_string(),
                Err(msg) => problems.push(ParamError::said(
                    "speed",
                    words!("error-url-keeping", why = msg, value = &draft.speed),
                )),
            },
            _ => match scenario.param(key) {
                Some(spec) => match spec.parse_words(value) {
                    Ok(_) => draft.set_text(spec.id, value.trim().to_string()),
                    Err(msg) => problems.push(ParamError::said(
                        key,
                        words!("error-url-keeping", why = msg, value = spec.default),
                    )),
                },
                None => problems.push(ParamError::said(
                    &label(key),
                    words!(
                        "error-url-param",
                        scenario = scenario.id,
                        value = quote_words(key)
                    ),
                )),
            },
        }
    }
    // A list given alone: the lists that must be as long as it follow it.
    let given = |id: &str| pairs.iter().any(|(k, _)| k == id);
    for (key, _) in pairs {
        if let Some(spec) = scenario.param(key) {
            if draft.text(spec.id) != spec.default {
                follow_lengths(scenario, &mut draft, spec.id, given);
            }
        }
    }
    // Values valid one by one may still clash (lists of different lengths): keep the defaults
    // of the fields involved, and say so.
    if let Err(errors) = draft.validate(scenario) {
        for e in errors {
            let default = scenario.param(&e.param).map(|p| p.default.to_string());
            if let Some(default) = default {
                draft.set_text(&e.param, default.clone());
                problems.push(ParamError::said(
                    &e.param,
                    words!("error-url-keeping", why = e.words, value = default),
                ));
            } else {
                problems.push(e);
            }
        }
        if draft.validate(scenario).is_err() {
            let mode = draft.mode;
            let speed = draft.speed.clone();
            let placement = draft.placement;
            let code = draft.code.take();
            draft = Draft::defaults(scenario);
            draft.mode = mode;
            draft.speed = speed;
            draft.placement = placement;
            draft.code = code;
            if draft.validate(scenario).is_err() {
                draft.speed = fmt_num(scenario.speed_ms_per_s);
            }
        }
    }
    if unknown && autorun {
        autorun = false;
        problems.push(ParamError::said("autorun", words!("error-url-no-autorun")));
    }
    UrlRequest {
        draft,
        autorun,
        problems,
        view,
    }
}

/// Two list parameters of one scenario that must be as long as each other: when a person or a
/// link gives `leader` and leaves `follower` as it was, the follower is cut or extended to match
/// instead of refusing the run. `one_for_all`: a follower of one item already fits any leader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LengthLink {
    /// The scenario.
    pub scenario: &'static str,
    /// The list given.
    pub leader: &'static str,
    /// The list that follows its length.
    pub follower: &'static str,
    /// Whether a single item of the follower stands for every item of the leader.
    pub one_for_all: bool,
}

/// The catalog's lists that must match in length (each scenario's `check` refuses a mismatch).
pub const LENGTH_LINKS: &[LengthLink] = &[
    LengthLink {
        scenario: "http",
        leader: "urls",
        follower: "latency",
        one_for_all: true,
    },
    LengthLink {
        scenario: "countdown",
        leader: "letters",
        follower: "delays",
        one_for_all: false,
    },
    LengthLink {
        scenario: "countdown",
        leader: "delays",
        follower: "letters",
        one_for_all: false,
    },
];

/// Makes the lists that follow `leader` as long as it, unless `kept` says the person set them
/// (they then mean what they typed, and a mismatch is reported instead). Numbers are cut or the
/// last one repeated; names are cut or extended with capital letters not yet used. Returns the
/// followers changed. Nothing changes while the leader itself does not parse.
pub fn follow_lengths(
    scenario: &Scenario,
    draft: &mut Draft,
    leader: &str,
    kept: impl Fn(&str) -> bool,
) -> Vec<&'static str> {
    let mut changed = Vec::new();
    let Some(lead_spec) = scenario.param(leader) else {
        return changed;
    };
    let Ok(lead) = lead_spec.parse(draft.text(leader)) else {
        return changed;
    };
    let n = lead.len();
    for link in LENGTH_LINKS
        .iter()
        .filter(|l| l.scenario == scenario.id && l.leader == leader && !kept(l.follower))
    {
        let Some(spec) = scenario.param(link.follower) else {
            continue;
        };
        let text = normalise(draft.text(link.follower)).into_owned();
        let mut items: Vec<String> = text.split(',').map(|s| s.trim().to_string()).collect();
        if items.iter().any(String::is_empty)
            || items.len() == n
            || (link.one_for_all && items.len() == 1)
            || n == 0
        {
            continue;
        }
        if items.len() > n {
            items.truncate(n);
        } else if matches!(spec.kind, ParamKind::NameList { .. }) {
            let mut letters = ('A'..='Z').map(String::from);
            while items.len() < n {
                match letters.find(|l| !items.contains(l)) {
                    Some(l) => items.push(l),
                    None => break,
                }
            }
        } else {
            let last = items.last().cloned().unwrap_or_default();
            items.resize(n, last);
        }
        draft.set_text(link.follower, items.join(","));
        changed.push(link.follower);
    }
    changed
}

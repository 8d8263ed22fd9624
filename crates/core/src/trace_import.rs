//! Reading an exported trace back: the Chrome trace-event JSON that [`Trace::to_chrome_text`]
//! writes (and, for two compared runs, [`merged_chrome_text`]) into the traces it was made from,
//! so a person can reopen an export in AwaitLab.
//!
//! The text is whatever a person picked, so it is read with bounded work and memory — its size,
//! its number of events, how many values are kept of one event and of `otherData`, its lanes, its
//! times — and every problem is an [`ImportError`] that says what is wrong, never a panic. Only
//! the parts of the file a trace needs are kept: the rest is skipped as it is read, without
//! building it (serde_json skips nested values without recursion, so depth cannot overflow the
//! stack).

use std::cell::Cell;
use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::compare::merged_chrome_text;
use crate::format::Words;
use crate::trace::{
    EndReason, Event, Kind, LaneKind, Outcome, PageStats, Placement, RunMeta, Source, TaskInfo,
    Trace, FORMAT_VERSION,
};
use crate::words;
use awaitlab_i18n::Lang;

/// The largest text read (50 MB): a longer run's export is not a trace a person reads on a page.
pub const MAX_BYTES: usize = 50_000_000;
/// The most events read.
pub const MAX_EVENTS: usize = 2_000_000;
/// The highest lane number (`tid`) read: a lane costs memory however few events name it.
pub const MAX_LANES: usize = 100_000;
/// The latest time read, µs (about 32 years): beyond it a time is a corrupt number, not a run.
pub const MAX_TIME_US: f64 = 1e15;
/// Values kept of one event (its keys and its args'), so one huge event cannot fill memory.
const EVENT_VALUES: usize = 10_000;
/// Values kept of `otherData` (parameters, the page's click latencies, the compared run's).
const OTHER_VALUES: usize = 1_000_000;

/// An export read back.
#[derive(Clone, Debug, PartialEq)]
pub struct Opened {
    /// The run exported (process 1).
    pub first: OpenedRun,
    /// The run it was compared with (process 2 and `otherData.compare`), for a comparison's
    /// export.
    pub second: Option<OpenedRun>,
}

/// One run of an export.
#[derive(Clone, Debug, PartialEq)]
pub struct OpenedRun {
    /// The run as it was recorded (times rounded to the export's 0.001 µs).
    pub trace: Trace,
    /// The prediction's total the export carried beside it, scenario seconds
    /// (`otherData.predicted_total_s`): a measured run's file holds its prediction's total only.
    pub predicted_total_s: Option<f64>,
}

impl Opened {
    /// The file again, as AwaitLab exports it: a file it exported reads back to the same text.
    pub fn to_chrome_text(&self) -> String {
        let first = (&self.first.trace, self.first.predicted_total_s);
        match &self.second {
            Some(second) => merged_chrome_text(first, (&second.trace, second.predicted_total_s)),
            None => first.0.to_chrome_text(first.1),
        }
    }
}

/// Where in the file a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// The event at this index of `traceEvents` (from 0).
    Event(usize),
    /// The file's `otherData`: the run's details.
    OtherData,
    /// `otherData.compare`: the compared run's details.
    Compare,
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Event(n) => write!(f, "traceEvents[{n}]"),
            Place::OtherData => f.write_str("otherData"),
            Place::Compare => f.write_str("otherData.compare"),
        }
    }
}

/// Why a file could not be opened as an AwaitLab trace: each says it for the person who picked
/// the file, in the page's language ([`ImportError::words`]; `Display` is the English).
#[derive(Clone, Debug, PartialEq)]
pub enum ImportError {
    /// The text is longer than [`MAX_BYTES`].
    TooLarge {
        /// The text's length in bytes.
        bytes: usize,
    },
    /// The trace has more than [`MAX_EVENTS`] events.
    TooManyEvents {
        /// How many events the file lists.
        count: usize,
    },
    /// The text is not JSON.
    NotJson {
        /// What the JSON reader found wrong, and where.
        detail: String,
    },
    /// JSON, but not a trace (no `traceEvents` list).
    NotATrace,
    /// A Chrome trace, but not one AwaitLab made (Chrome's own profiler's, for example).
    NotAwaitLab {
        /// What is missing.
        why: NotOurs,
    },
    /// Made by a newer AwaitLab, whose additions this one cannot know.
    NewerFormat {
        /// The file's `otherData.awaitlab_format`.
        found: u64,
    },
    /// Made by AwaitLab, but a field cannot be read (the file was edited or damaged).
    Unreadable {
        /// Where.
        place: Place,
        /// The field (`ts`, `args.text`, `page.frames`), or empty for the whole place.
        field: String,
        /// What is wrong with it (the reader's words, in English: they name JSON values).
        problem: String,
    },
}

/// What a Chrome trace lacks to be one of AwaitLab's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotOurs {
    /// A bare list of events.
    BareList,
    /// No `otherData`.
    NoRunDetails,
    /// An `otherData` that is not an AwaitLab run's.
    OtherRun,
}

impl ImportError {
    /// What it says, as words the page shows in its language.
    pub fn words(&self) -> Words {
        match self {
            ImportError::TooLarge { bytes } => {
                words!("open-too-large", mb = format!("{:.1}", *bytes as f64 / 1e6))
            }
            ImportError::TooManyEvents { count } => {
                words!("open-too-many", count = count, max = MAX_EVENTS)
            }
            ImportError::NotJson { detail } => words!("open-not-json", detail = detail),
            ImportError::NotATrace => words!("open-not-trace"),
            ImportError::NotAwaitLab { why } => words!(
                "open-not-awaitlab",
                why = match why {
                    NotOurs::BareList => words!("open-why-bare-list"),
                    NotOurs::NoRunDetails => words!("open-why-no-details"),
                    NotOurs::OtherRun => words!("open-why-other-run"),
                }
            ),
            ImportError::NewerFormat { found } => {
                words!("open-newer", found = found, ours = FORMAT_VERSION)
            }
            ImportError::Unreadable {
                place,
                field,
                problem,
            } => {
                let sep = if field.is_empty() { "" } else { "." };
                words!(
                    "open-unreadable",
                    field = format!("{place}{sep}{field}"),
                    problem = problem
                )
            }
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.words().text(Lang::En))
    }
}

impl std::error::Error for ImportError {}

/// Reads an export of [`Trace::to_chrome_text`] or [`merged_chrome_text`] back into its runs.
/// Exports from before the format carried every lane's details read too, their lanes' kinds and
/// ends taken from names and end events.
pub fn from_chrome_json(text: &str) -> Result<Opened, ImportError> {
    if text.len() > MAX_BYTES {
        return Err(ImportError::TooLarge { bytes: text.len() });
    }
    // A file saved by some editors starts with a byte-order mark, which is not JSON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut file = File::default();
    let mut reader = serde_json::Deserializer::from_str(text);
    TopSeed { file: &mut file }
        .deserialize(&mut reader)
        .and_then(|()| reader.end())
        .map_err(json_error)?;
    file.open()
}

/// The JSON reader's own errors are the text's syntax (its recursion limit is never reached: the
/// readers keep a few levels and skip deeper ones without recursion).
fn json_error(e: serde_json::Error) -> ImportError {
    ImportError::NotJson {
        detail: e.to_string(),
    }
}

/// What the text holds at the top.
#[derive(Debug, Default, PartialEq)]
enum Shape {
    /// A JSON object (a trace in the object form, or some other object).
    #[default]
    Object,
    /// A JSON array (Chrome's array form of a trace, or some other list).
    Array {
        /// Whether its items look like trace events (objects with a `ph`).
        events: bool,
    },
    /// A string, number, boolean or null.
    Scalar,
}

/// What reading the text found.
#[derive(Debug, Default)]
struct File {
    shape: Shape,
    /// `None` without a `traceEvents`; `Some(false)` when it is not a list.
    events_listed: Option<bool>,
    /// Events counted (all, also those past the limit).
    count: usize,
    /// Events read, while none was unreadable and the limit was not reached.
    items: Vec<Item>,
    /// The first unreadable event's problem.
    first_error: Option<ImportError>,
    other: Option<Field>,
    other_too_big: bool,
}

/// One event, read.
#[derive(Debug)]
enum Item {
    /// `thread_name`: a lane.
    Lane {
        at: usize,
        pid: u8,
        tid: usize,
        lane: LaneArgs,
    },
    /// A span or an instant.
    Event {
        at: usize,
        pid: u8,
        event: Event,
        /// For an end: its name and `args.error`, which tell an old export's outcome.
        end: Option<(String, Option<String>)>,
    },
}

#[derive(Debug)]
struct LaneArgs {
    name: String,
    kind: Option<LaneKind>,
    spawned_us: Option<f64>,
    ended_us: Option<f64>,
    outcome: Option<Outcome>,
}

/// A JSON value as far as it is kept: lists and objects deeper than their reader's depth, or
/// past its budget, are skipped and stand as [`Field::Skipped`].
#[derive(Debug)]
enum Field {
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    List(Vec<Field>),
    Dict(Vec<(String, Field)>),
    Skipped,
}

/// How many values a reader may still keep; once spent, the rest is skipped and `over` set.
struct Budget {
    left: Cell<usize>,
    over: Cell<bool>,
}

impl Budget {
    fn new(values: usize) -> Self {
        Budget {
            left: Cell::new(values),
            over: Cell::new(false),
        }
    }

    fn take(&self) -> bool {
        match self.left.get() {
            0 => {
                self.over.set(true);
                false
            }
            n => {
                self.left.set(n - 1);
                true
            }
        }
    }
}

/// Reads a [`Field`], keeping lists and objects `depth` levels down.
#[derive(Clone, Copy)]
struct FieldSeed<'b> {
    depth: u8,
    budget: &'b Budget,
}

impl<'de> DeserializeSeed<'de> for FieldSeed<'_> {
    type Value = Field;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Field, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for FieldSeed<'_> {
    type Value = Field;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Field, E> {
        Ok(Field::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Field, E> {
        Ok(Field::Num(v as f64))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Field, E> {
        Ok(Field::Num(v as f64))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Field, E> {
        Ok(Field::Num(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Field, E> {
        Ok(if self.budget.over.get() {
            Field::Skipped
        } else {
            Field::Str(v.to_owned())
        })
    }
    fn visit_string<E>(self, v: String) -> Result<Field, E> {
        Ok(Field::Str(v))
    }
    fn visit_unit<E>(self) -> Result<Field, E> {
        Ok(Field::Null)
    }
    fn visit_none<E>(self) -> Result<Field, E> {
        Ok(Field::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Field, A::Error> {
        let mut items = Vec::new();
        let inner = FieldSeed {
            depth: self.depth.saturating_sub(1),
            budget: self.budget,
        };
        while self.depth > 0 && !self.budget.over.get() {
            match seq.next_element_seed(inner)? {
                Some(item) if self.budget.take() => items.push(item),
                Some(_) => {}
                None => return Ok(Field::List(items)),
            }
        }
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Field::Skipped)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Field, A::Error> {
        let mut entries = Vec::new();
        let inner = FieldSeed {
            depth: self.depth.saturating_sub(1),
            budget: self.budget,
        };
        while self.depth > 0 && !self.budget.over.get() {
            let Some(key) = map.next_key::<String>()? else {
                return Ok(Field::Dict(entries));
            };
            let value = map.next_value_seed(inner)?;
            if self.budget.take() {
                entries.push((key, value));
            }
        }
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Field::Skipped)
    }
}

/// Reads the text's top: the object's `traceEvents` and `otherData` (the rest skipped), or what
/// else it is.
struct TopSeed<'f> {
    file: &'f mut File,
}

impl<'de> DeserializeSeed<'de> for TopSeed<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for TopSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        self.file.shape = Shape::Scalar;
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        self.file.shape = Shape::Scalar;
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        self.file.shape = Shape::Scalar;
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        self.file.shape = Shape::Scalar;
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        self.file.shape = Shape::Scalar;
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        self.file.shape = Shape::Scalar;
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        // Chrome's array form: a list of events and nothing else, so no AwaitLab run details.
        let mut events = false;
        loop {
            let budget = Budget::new(100);
            let item = if events {
                seq.next_element::<IgnoredAny>()?.map(|_| Field::Null)
            } else {
                seq.next_element_seed(FieldSeed {
                    depth: 1,
                    budget: &budget,
                })?
            };
            match item {
                Some(Field::Dict(entries)) => {
                    events |= entries
                        .iter()
                        .any(|(k, v)| k == "ph" && matches!(v, Field::Str(_)))
                }
                Some(_) => {}
                None => break,
            }
        }
        self.file.shape = Shape::Array { events };
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.file.shape = Shape::Object;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "traceEvents" => map.next_value_seed(EventsSeed {
                    file: &mut *self.file,
                })?,
                "otherData" => {
                    let budget = Budget::new(OTHER_VALUES);
                    let other = map.next_value_seed(FieldSeed {
                        depth: 4,
                        budget: &budget,
                    })?;
                    self.file.other_too_big = budget.over.get();
                    self.file.other = Some(other);
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// Reads `traceEvents`, one event at a time into an [`Item`]: after the first unreadable event,
/// or past [`MAX_EVENTS`], the rest are only counted.
struct EventsSeed<'f> {
    file: &'f mut File,
}

impl<'de> DeserializeSeed<'de> for EventsSeed<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl EventsSeed<'_> {
    fn not_a_list<E>(self) -> Result<(), E> {
        self.file.events_listed = Some(false);
        Ok(())
    }
}

impl<'de> Visitor<'de> for EventsSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of trace events")
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        self.not_a_list()
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        self.not_a_list()
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        self.not_a_list()
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        self.not_a_list()
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        self.not_a_list()
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        self.not_a_list()
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        self.not_a_list()
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let file = self.file;
        file.events_listed = Some(true);
        loop {
            let at = file.count;
            if file.first_error.is_some() || at >= MAX_EVENTS {
                match seq.next_element::<IgnoredAny>()? {
                    Some(_) => file.count += 1,
                    None => return Ok(()),
                }
                continue;
            }
            let budget = Budget::new(EVENT_VALUES);
            let Some(field) = seq.next_element_seed(FieldSeed {
                depth: 2,
                budget: &budget,
            })?
            else {
                return Ok(());
            };
            file.count += 1;
            let read = if budget.over.get() {
                Err(unreadable(
                    Place::Event(at),
                    "",
                    format!("holds more than {EVENT_VALUES} values"),
                ))
            } else {
                item(at, field)
            };
            match read {
                Ok(Some(item)) => file.items.push(item),
                Ok(None) => {}
                Err(e) => {
                    file.first_error = Some(e);
                    file.items = Vec::new();
                }
            }
        }
    }
}

fn unreadable(place: Place, field: &str, problem: impl Into<String>) -> ImportError {
    ImportError::Unreadable {
        place,
        field: field.to_string(),
        problem: problem.into(),
    }
}

/// A field's value as a problem names it.
fn describe(field: &Field) -> String {
    match field {
        Field::Null => "null".into(),
        Field::Bool(b) => b.to_string(),
        Field::Num(x) => format!("the number {x}"),
        Field::Str(s) if s.chars().count() > 40 => {
            format!("the text {:?}…", s.chars().take(40).collect::<String>())
        }
        Field::Str(s) => format!("the text {s:?}"),
        Field::List(_) => "a list".into(),
        Field::Dict(_) => "an object".into(),
        Field::Skipped => "a nested list or object".into(),
    }
}

/// An object of the file, read with the place and path its problems name.
struct Obj<'f> {
    entries: &'f [(String, Field)],
    place: Place,
    path: &'static str,
}

impl<'f> Obj<'f> {
    fn of(field: &'f Field, place: Place, path: &'static str) -> Result<Self, ImportError> {
        match field {
            Field::Dict(entries) => Ok(Obj {
                entries,
                place,
                path,
            }),
            other => Err(unreadable(
                place,
                path.trim_end_matches('.'),
                format!("should be an object, found {}", describe(other)),
            )),
        }
    }

    fn bad(&self, key: &str, problem: impl Into<String>) -> ImportError {
        unreadable(self.place, &format!("{}{key}", self.path), problem)
    }

    fn wrong(&self, key: &str, want: &str, found: &Field) -> ImportError {
        self.bad(key, format!("should be {want}, found {}", describe(found)))
    }

    /// The value of `key` (a repeated key's last, as JavaScript reads it); null counts as absent.
    fn get(&self, key: &str) -> Option<&'f Field> {
        self.entries
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
            .filter(|v| !matches!(v, Field::Null))
    }

    fn need<T>(&self, key: &str, found: Option<T>) -> Result<T, ImportError> {
        found.ok_or_else(|| self.bad(key, "is missing"))
    }

    fn opt_str(&self, key: &str) -> Result<Option<&'f str>, ImportError> {
        match self.get(key) {
            None => Ok(None),
            Some(Field::Str(s)) => Ok(Some(s)),
            Some(other) => Err(self.wrong(key, "text", other)),
        }
    }

    fn str(&self, key: &str) -> Result<&'f str, ImportError> {
        self.need(key, self.opt_str(key)?)
    }

    fn opt_num(&self, key: &str) -> Result<Option<f64>, ImportError> {
        match self.get(key) {
            None => Ok(None),
            Some(Field::Num(x)) => Ok(Some(*x)),
            Some(other) => Err(self.wrong(key, "a number", other)),
        }
    }

    /// A time or length (µs, ms or s): a number from 0 to [`MAX_TIME_US`].
    fn opt_time(&self, key: &str) -> Result<Option<f64>, ImportError> {
        match self.opt_num(key)? {
            Some(x) if !(0.0..=MAX_TIME_US).contains(&x) => Err(self.bad(
                key,
                format!("should be a time from 0 to {MAX_TIME_US:e}, found {x}"),
            )),
            x => Ok(x),
        }
    }

    fn time(&self, key: &str) -> Result<f64, ImportError> {
        self.need(key, self.opt_time(key)?)
    }

    fn opt_int(&self, key: &str, max: u64) -> Result<Option<u64>, ImportError> {
        match self.opt_num(key)? {
            None => Ok(None),
            Some(x) if x.fract() == 0.0 && (0.0..=max as f64).contains(&x) => Ok(Some(x as u64)),
            Some(x) => Err(self.bad(
                key,
                format!("should be a whole number from 0 to {max}, found {x}"),
            )),
        }
    }

    fn int(&self, key: &str, max: u64) -> Result<u64, ImportError> {
        self.need(key, self.opt_int(key, max)?)
    }

    fn opt_bool(&self, key: &str) -> Result<Option<bool>, ImportError> {
        match self.get(key) {
            None => Ok(None),
            Some(Field::Bool(b)) => Ok(Some(*b)),
            Some(other) => Err(self.wrong(key, "true or false", other)),
        }
    }

    fn opt_obj(&self, key: &str, path: &'static str) -> Result<Option<Obj<'f>>, ImportError> {
        match self.get(key) {
            None => Ok(None),
            Some(field) => Obj::of(field, self.place, path).map(Some),
        }
    }

    fn obj(&self, key: &str, path: &'static str) -> Result<Obj<'f>, ImportError> {
        self.need(key, self.opt_obj(key, path)?)
    }

    fn opt_list(&self, key: &str) -> Result<Option<&'f [Field]>, ImportError> {
        match self.get(key) {
            None => Ok(None),
            Some(Field::List(items)) => Ok(Some(items)),
            Some(other) => Err(self.wrong(key, "a list", other)),
        }
    }
}

fn kind_of_cat(cat: &str) -> Option<Kind> {
    Kind::ALL.into_iter().find(|k| k.cat() == cat)
}

fn lane_kind(id: &str) -> Option<LaneKind> {
    [LaneKind::Task, LaneKind::Worker, LaneKind::Page]
        .into_iter()
        .find(|k| k.id() == id)
}

impl Item {
    fn pid(&self) -> u8 {
        match self {
            Item::Lane { pid, .. } | Item::Event { pid, .. } => *pid,
        }
    }

    fn at(&self) -> usize {
        match self {
            Item::Lane { at, .. } | Item::Event { at, .. } => *at,
        }
    }
}

/// Reads the event at index `at` of `traceEvents` (`None`: a `process_name`, which carries
/// nothing the trace needs).
fn item(at: usize, field: Field) -> Result<Option<Item>, ImportError> {
    let place = Place::Event(at);
    let ev = Obj::of(&field, place, "")?;
    let ph = ev.str("ph")?;
    let pid = match ev.int("pid", u64::MAX)? {
        1 => 1,
        2 => 2,
        n => {
            return Err(ev.bad(
                "pid",
                format!("should be 1 or 2 (the run or the compared run), found {n}"),
            ))
        }
    };
    let tid = ev.int("tid", MAX_LANES as u64)? as usize;
    let name = ev.str("name")?;
    match ph {
        "M" => match name {
            "process_name" => Ok(None),
            "thread_name" => {
                let args = ev.obj("args", "args.")?;
                let kind = match args.opt_str("lane")? {
                    None => None,
                    Some(id) => Some(lane_kind(id).ok_or_else(|| {
                        args.bad(
                            "lane",
                            format!("should be task, worker or page, found {id:?}"),
                        )
                    })?),
                };
                let outcome = match args.opt_str("outcome")? {
                    None => None,
                    Some("done") => Some(Outcome::Done),
                    Some("cancelled") => Some(Outcome::Cancelled),
                    Some("failed") => Some(Outcome::Failed(args.str("outcome_error")?.to_string())),
                    Some(other) => {
                        return Err(args.bad(
                            "outcome",
                            format!("should be done, failed or cancelled, found {other:?}"),
                        ))
                    }
                };
                Ok(Some(Item::Lane {
                    at,
                    pid,
                    tid,
                    lane: LaneArgs {
                        name: args.str("name")?.to_string(),
                        kind,
                        spawned_us: args.opt_time("spawned_us")?,
                        ended_us: args.opt_time("ended_us")?,
                        outcome,
                    },
                }))
            }
            other => Err(ev.bad(
                "name",
                format!(
                    "should be process_name or thread_name for a metadata event, found {other:?}"
                ),
            )),
        },
        "X" | "i" => {
            let cat = ev.str("cat")?;
            let kind = kind_of_cat(cat).ok_or_else(|| {
                let cats: Vec<&str> = Kind::ALL.iter().map(|k| k.cat()).collect();
                ev.bad(
                    "cat",
                    format!("should be one of {}, found {cat:?}", cats.join(", ")),
                )
            })?;
            let want = if kind.is_instant() { "i" } else { "X" };
            if ph != want {
                return Err(ev.bad(
                    "ph",
                    format!("should be {want} for a {cat} event, found {ph}"),
                ));
            }
            let start_us = ev.time("ts")?;
            let dur_us = if ph == "X" { ev.time("dur")? } else { 0.0 };
            let args = ev.obj("args", "args.")?;
            let error = args.opt_str("error")?;
            let (label, own_error, end) = match kind {
                Kind::Print => (args.str("text")?, error, None),
                Kind::End => {
                    let own = args.opt_bool("event_error")?.unwrap_or(false);
                    let label = args.opt_str("label")?.unwrap_or(name);
                    let own_error = if own { Some(args.str("error")?) } else { None };
                    let end = Some((name.to_string(), error.map(str::to_string)));
                    (label, own_error, end)
                }
                _ => (name, error, None),
            };
            let line = args.opt_int("line", u32::MAX.into())?;
            let event = Event {
                task: tid,
                kind,
                label: label.into(),
                start_us,
                dur_us,
                value: args.opt_num("value")?,
                error: own_error.map(str::to_string),
                line: line.and_then(|l| u32::try_from(l).ok()),
            };
            Ok(Some(Item::Event {
                at,
                pid,
                event,
                end,
            }))
        }
        other => Err(ev.bad(
            "ph",
            format!("should be X (a span), i (an instant) or M (a name), found {other:?}"),
        )),
    }
}

impl File {
    fn open(mut self) -> Result<Opened, ImportError> {
        match self.shape {
            Shape::Scalar | Shape::Array { events: false } => return Err(ImportError::NotATrace),
            Shape::Array { events: true } => {
                return Err(ImportError::NotAwaitLab {
                    why: NotOurs::BareList,
                })
            }
            Shape::Object => {}
        }
        if self.events_listed != Some(true) {
            return Err(ImportError::NotATrace);
        }
        let other = match self.other.take() {
            None | Some(Field::Null) => {
                return Err(ImportError::NotAwaitLab {
                    why: NotOurs::NoRunDetails,
                })
            }
            Some(other) => other,
        };
        let made_by_awaitlab = matches!(&other, Field::Dict(entries)
            if entries.iter().any(|(k, _)| k == "awaitlab_format")
                || ["scenario", "mode", "source"].iter().all(|key| entries.iter().any(|(k, _)| k == key)));
        // Past its budget the details may not have been kept: refused for its size below.
        if !made_by_awaitlab && !self.other_too_big {
            return Err(ImportError::NotAwaitLab {
                why: NotOurs::OtherRun,
            });
        }
        if self.other_too_big {
            return Err(unreadable(
                Place::OtherData,
                "",
                format!("holds more than {OTHER_VALUES} values"),
            ));
        }
        if self.count > MAX_EVENTS {
            return Err(ImportError::TooManyEvents { count: self.count });
        }
        if let Some(e) = self.first_error.take() {
            return Err(e);
        }
        let other = Obj::of(&other, Place::OtherData, "")?;
        let compare = match other.get("compare") {
            None => None,
            Some(compare) => Some(Obj::of(compare, Place::Compare, "")?),
        };
        let (one, two): (Vec<Item>, Vec<Item>) = std::mem::take(&mut self.items)
            .into_iter()
            .partition(|i| i.pid() == 1);
        let second = match (compare, two.first()) {
            (Some(compare), _) => Some(run(two, &compare)?),
            (None, Some(stray)) => {
                return Err(unreadable(
                    Place::Event(stray.at()),
                    "pid",
                    "is 2, the compared run, but otherData has no compare",
                ))
            }
            (None, None) => None,
        };
        let first = run(one, &other)?;
        Ok(Opened { first, second })
    }
}

/// One process's run from its events, its details in `other`.
fn run(items: Vec<Item>, other: &Obj) -> Result<OpenedRun, ImportError> {
    let versioned = match other.opt_int("awaitlab_format", u64::MAX)? {
        Some(found) if found > u64::from(FORMAT_VERSION) => {
            return Err(ImportError::NewerFormat { found })
        }
        found => found.is_some(),
    };
    let meta = meta(other)?;

    // The lanes: one thread_name per tid, numbered from 0, so a tid cannot ask for more lanes
    // than the file names.
    let count = items
        .iter()
        .filter(|i| matches!(i, Item::Lane { .. }))
        .count();
    let mut by_tid: Vec<Option<(usize, LaneArgs)>> = Vec::new();
    by_tid.resize_with(count, || None);
    let mut events = Vec::with_capacity(items.len() - count);
    let mut ends: Vec<Option<(f64, String, Option<String>)>> = vec![None; count];
    for i in items {
        match i {
            Item::Lane { at, tid, lane, .. } => match by_tid.get_mut(tid) {
                None => {
                    return Err(unreadable(
                        Place::Event(at),
                        "tid",
                        format!(
                            "is {tid}, but the run names {count} lanes (thread_name events), \
                             numbered from 0"
                        ),
                    ))
                }
                Some(Some(_)) => {
                    return Err(unreadable(
                        Place::Event(at),
                        "tid",
                        format!("names lane {tid} a second time"),
                    ))
                }
                Some(slot) => *slot = Some((at, lane)),
            },
            Item::Event { at, event, end, .. } => {
                if event.task >= count {
                    return Err(unreadable(
                        Place::Event(at),
                        "tid",
                        format!(
                            "is {}, but the run has {count} lanes (thread_name events)",
                            event.task
                        ),
                    ));
                }
                if let Some((name, error)) = end {
                    ends[event.task] = Some((event.start_us, name, error));
                }
                events.push(event);
            }
        }
    }

    let mut tasks = Vec::with_capacity(count);
    for (tid, lane) in by_tid.into_iter().enumerate() {
        let Some((at, lane)) = lane else {
            // Not reached: `count` distinct tids below `count` fill every slot.
            return Err(unreadable(
                other.place,
                "",
                format!("has no thread_name for lane {tid}"),
            ));
        };
        let lane_place = Obj {
            entries: &[],
            place: Place::Event(at),
            path: "args.",
        };
        let info = if versioned {
            TaskInfo {
                spawned_us: lane_place.need("spawned_us", lane.spawned_us)?,
                ended_us: lane.ended_us,
                outcome: lane.outcome,
                lane: lane_place.need("lane", lane.kind)?,
                name: lane.name,
            }
        } else {
            // An export from before lanes carried their details: what its names and ends say.
            let end = ends[tid].take();
            TaskInfo {
                spawned_us: lane.spawned_us.unwrap_or_else(|| {
                    events
                        .iter()
                        .find(|e| e.task == tid)
                        .map_or(0.0, |e| e.start_us)
                }),
                ended_us: lane.ended_us.or(end.as_ref().map(|e| e.0)),
                outcome: lane.outcome.or_else(|| match end? {
                    (_, name, _) if name == "done" => Some(Outcome::Done),
                    (_, name, _) if name == "cancelled" => Some(Outcome::Cancelled),
                    (_, name, error) if name == "failed" => {
                        Some(Outcome::Failed(error.unwrap_or_default()))
                    }
                    _ => None,
                }),
                lane: lane.kind.unwrap_or_else(|| old_lane_kind(&lane.name)),
                name: lane.name,
            }
        };
        tasks.push(info);
    }

    let predicted_total_s = other.opt_time("predicted_total_s")?;
    let total_us = match other.opt_time("total_us")? {
        Some(total) => Some(total),
        None if versioned => None,
        None => {
            let total_s = match meta.source {
                Source::Measured => other.opt_time("measured_total_s")?,
                Source::Predicted => predicted_total_s,
            };
            total_s.map(|s| s * meta.us_per_s())
        }
    };
    let early_end = match other.opt_str("end")? {
        None => None,
        Some("stopped") => Some(EndReason::Stopped),
        Some(kind) => {
            let why = || other.str("error").map(str::to_string);
            Some(match kind {
                "deadlock" => EndReason::Deadlock(why()?),
                "stalled" => EndReason::Stalled(why()?),
                "cut-short" => EndReason::CutShort(why()?),
                "runaway" => EndReason::Runaway(why()?),
                "failed" => EndReason::Failed(why()?),
                "refused" => EndReason::Refused(why()?),
                _ => {
                    return Err(other.bad(
                        "end",
                        format!("should be stopped, deadlock, stalled, cut-short, runaway, failed or refused, found {kind:?}"),
                    ))
                }
            })
        }
    };
    let placement = match other.opt_str("loop")? {
        None => Placement::Page,
        Some(id) => Placement::ALL
            .into_iter()
            .find(|p| p.id() == id)
            .ok_or_else(|| other.bad("loop", format!("should be page or worker, found {id:?}")))?,
    };
    let page = other
        .opt_obj("page", "page.")?
        .map(|p| page_stats(&p))
        .transpose()?;
    let trace = Trace {
        meta,
        tasks,
        events,
        total_us,
        early_end,
        page,
        placement,
        longest_hold_us: other.opt_time("longest_hold_us")?,
    };
    Ok(OpenedRun {
        trace,
        predicted_total_s,
    })
}

/// An old export's lane kind, from the names AwaitLab gives the page's and workers' lanes.
fn old_lane_kind(name: &str) -> LaneKind {
    if name == "page" {
        LaneKind::Page
    } else if name
        .strip_prefix("worker ")
        .is_some_and(|n| n.parse::<u32>().is_ok())
    {
        LaneKind::Worker
    } else {
        LaneKind::Task
    }
}

fn meta(other: &Obj) -> Result<RunMeta, ImportError> {
    let speed = other.opt_num("speed")?;
    let speed_ms_per_s = match speed {
        Some(x) if x > 0.0 && x <= MAX_TIME_US => x,
        Some(x) => {
            return Err(other.bad(
                "speed",
                format!("should be real milliseconds per second, above 0, found {x}"),
            ))
        }
        None => return Err(other.bad("speed", "is missing")),
    };
    let source = match other.str("source")? {
        "predicted" => Source::Predicted,
        "measured" => Source::Measured,
        s => {
            return Err(other.bad(
                "source",
                format!("should be predicted or measured, found {s:?}"),
            ))
        }
    };
    let mut params = BTreeMap::new();
    if let Some(given) = other.opt_obj("params", "params.")? {
        for (key, value) in given.entries {
            match value {
                Field::Str(v) => {
                    params.insert(key.as_str(), v.as_str());
                }
                other => return Err(given.wrong(key, "text", other)),
            }
        }
    }
    // The object's keys come back sorted; `param_order` keeps the form's order.
    let params = match other.opt_list("param_order")? {
        None => params
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        Some(order) => {
            let mut ordered = Vec::with_capacity(order.len());
            for key in order {
                let Field::Str(key) = key else {
                    return Err(other.wrong("param_order", "a list of parameter names", key));
                };
                let Some(value) = params.remove(key.as_str()) else {
                    return Err(other.bad(
                        "param_order",
                        format!("names {key:?}, which params does not hold (or names it twice)"),
                    ));
                };
                ordered.push((key.clone(), value.to_string()));
            }
            if let Some(key) = params.keys().next() {
                return Err(other.bad(
                    "param_order",
                    format!("does not name the parameter {key:?}"),
                ));
            }
            ordered
        }
    };
    Ok(RunMeta {
        scenario: other.str("scenario")?.to_string(),
        mode: other.str("mode")?.to_string(),
        params,
        speed_ms_per_s,
        source,
    })
}

fn page_stats(page: &Obj) -> Result<PageStats, ImportError> {
    let count = |key: &str| page.int(key, u32::MAX.into()).map(|n| n as u32);
    let mut clicks = Vec::new();
    for click in page.opt_list("click_latencies_ms")?.unwrap_or_default() {
        match click {
            Field::Num(x) if (0.0..=MAX_TIME_US).contains(x) => clicks.push(*x),
            other => return Err(page.wrong("click_latencies_ms", "a list of times (ms)", other)),
        }
    }
    Ok(PageStats {
        longest_frame_ms: page.time("longest_frame_ms")?,
        dropped_frames: count("dropped_frames")?,
        frames: count("frames")?,
        long_tasks: count("long_tasks")?,
        long_task_ms: page.time("long_task_ms")?,
        max_lag_ms: page.time("max_lag_ms")?,
        click_latencies_ms: clicks,
        hidden_ms: page.opt_time("hidden_ms")?.unwrap_or(0.0),
    })
}

//! The Chrome Trace export written straight to text: one pass over the trace, no JSON tree.
//!
//! A `serde_json::Value` tree of a 100,000-event trace took about 2 KB of memory per event (wasm
//! memory never shrinks) and most of the export's time. These borrowed serializers write the very
//! bytes that tree printed: objects' keys in alphabetical order (a `Value` object, without
//! serde_json's `preserve_order`, is sorted), numbers through the same serializer, times rounded
//! the same way (`tests/export_text.rs` compares the two on varied traces).

use std::collections::BTreeMap;

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

use serde_json::Value;

use crate::trace::{round3, round6, Kind, Outcome, Source, Trace, FORMAT_VERSION};

impl Trace {
    /// The trace in the Chrome Trace Event Format (JSON object form), which Perfetto and
    /// chrome://tracing open. `predicted_total_s` comes from the predicted run of the same
    /// scenario so a measured export carries both totals.
    ///
    /// Beyond what Perfetto reads, the export holds all the trace does, so `trace_import` reads
    /// it back: each `thread_name`'s args the lane's `lane` kind, `spawned_us`, `ended_us`,
    /// `outcome` and `outcome_error`; an end's `label` and `event_error` where they differ from
    /// what the event shows; `otherData`'s `awaitlab_format`, `param_order`, `total_us` and
    /// `longest_hold_us`. Times are µs rounded to 3 decimals; seconds are derived from them.
    ///
    /// Written straight to text, in one pass (no JSON tree: a 100,000-event trace exports in a
    /// fraction of the time and memory); keys in alphabetical order.
    pub fn to_chrome_text(&self, predicted_total_s: Option<f64>) -> String {
        ChromeFile::one(self, predicted_total_s).to_text()
    }

    /// [`Trace::to_chrome_text`] written to `out` as it goes (the Export menu sends it to the
    /// download in pieces, so the whole text is never in wasm memory).
    pub fn write_chrome_json(
        &self,
        predicted_total_s: Option<f64>,
        out: impl std::io::Write,
    ) -> std::io::Result<()> {
        ChromeFile::one(self, predicted_total_s).write_to(out)
    }

    /// [`Trace::to_chrome_text`] read into a JSON value, for reading its fields (tests, the
    /// embed's `get-trace` answer). It costs far more memory than the text: the export does not
    /// use it.
    pub fn to_chrome_json(&self, predicted_total_s: Option<f64>) -> Value {
        serde_json::from_str(&self.to_chrome_text(predicted_total_s)).expect("the export is JSON")
    }
}

/// One run of an export: its trace, the prediction's total it carries, its process id.
#[derive(Clone, Copy)]
struct Run<'a> {
    trace: &'a Trace,
    predicted_total_s: Option<f64>,
    pid: u32,
}

/// The whole file: one run, or two compared runs (the second as process 2, its `otherData`
/// under `compare`).
pub(crate) struct ChromeFile<'a> {
    first: Run<'a>,
    second: Option<Run<'a>>,
}

impl<'a> ChromeFile<'a> {
    /// The file of one run.
    pub(crate) fn one(trace: &'a Trace, predicted_total_s: Option<f64>) -> Self {
        ChromeFile {
            first: Run {
                trace,
                predicted_total_s,
                pid: 1,
            },
            second: None,
        }
    }

    /// The file of two compared runs.
    pub(crate) fn two(first: (&'a Trace, Option<f64>), second: (&'a Trace, Option<f64>)) -> Self {
        ChromeFile {
            first: Run {
                trace: first.0,
                predicted_total_s: first.1,
                pid: 1,
            },
            second: Some(Run {
                trace: second.0,
                predicted_total_s: second.1,
                pid: 2,
            }),
        }
    }

    /// Writes the file to `out` as it goes (`out` may send it on in pieces: nothing holds the
    /// whole text).
    pub(crate) fn write_to(&self, out: impl std::io::Write) -> std::io::Result<()> {
        serde_json::to_writer(out, self).map_err(std::io::Error::from)
    }

    /// The file as text.
    pub(crate) fn to_text(&self) -> String {
        let runs = [Some(self.first), self.second];
        let events: usize = runs.iter().flatten().map(|r| r.trace.events.len()).sum();
        // About 140 bytes an event: one allocation for most files.
        let mut out = Vec::with_capacity(4096 + events * 160);
        serde_json::to_writer(&mut out, self).expect("writing JSON to memory does not fail");
        String::from_utf8(out).expect("serde_json writes UTF-8")
    }
}

impl Serialize for ChromeFile<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(3))?;
        map.serialize_entry("displayTimeUnit", "ms")?;
        map.serialize_entry(
            "otherData",
            &OtherData {
                run: self.first,
                compare: self.second,
            },
        )?;
        map.serialize_entry("traceEvents", &TraceEvents(self))?;
        map.end()
    }
}

/// Every event of the file, run after run, streamed (no list of them is built).
struct TraceEvents<'a, 'b>(&'b ChromeFile<'a>);

impl Serialize for TraceEvents<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(None)?;
        for run in [Some(self.0.first), self.0.second].into_iter().flatten() {
            let trace = run.trace;
            let meta = &trace.meta;
            seq.serialize_element(&Metadata {
                pid: run.pid,
                tid: 0,
                name: "process_name",
                args: MetaArgs::Process(&format!("AwaitLab {} ({})", meta.scenario, meta.mode)),
            })?;
            // Besides the name Perfetto shows, each lane carries what the trace holds of it, so
            // an export reads back into the same trace (`trace_import`).
            for (tid, task) in trace.tasks.iter().enumerate() {
                seq.serialize_element(&Metadata {
                    pid: run.pid,
                    tid,
                    name: "thread_name",
                    args: MetaArgs::Thread(task),
                })?;
            }
            for e in &trace.events {
                seq.serialize_element(&EventOut {
                    trace,
                    event: e,
                    pid: run.pid,
                })?;
            }
        }
        seq.end()
    }
}

/// A `ph: "M"` event: the process's or a lane's name.
struct Metadata<'a> {
    pid: u32,
    tid: usize,
    name: &'static str,
    args: MetaArgs<'a>,
}

enum MetaArgs<'a> {
    Process(&'a str),
    Thread(&'a crate::trace::TaskInfo),
}

impl Serialize for Metadata<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(5))?;
        map.serialize_entry("args", &self.args)?;
        map.serialize_entry("name", self.name)?;
        map.serialize_entry("ph", "M")?;
        map.serialize_entry("pid", &self.pid)?;
        map.serialize_entry("tid", &self.tid)?;
        map.end()
    }
}

impl Serialize for MetaArgs<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        match self {
            MetaArgs::Process(name) => map.serialize_entry("name", name)?,
            MetaArgs::Thread(task) => {
                if let Some(ended) = task.ended_us {
                    map.serialize_entry("ended_us", &round3(ended))?;
                }
                map.serialize_entry("lane", task.lane.id())?;
                map.serialize_entry("name", &task.name)?;
                if let Some(outcome) = &task.outcome {
                    map.serialize_entry("outcome", outcome.label())?;
                    if let Outcome::Failed(msg) = outcome {
                        map.serialize_entry("outcome_error", msg)?;
                    }
                }
                map.serialize_entry("spawned_us", &round3(task.spawned_us))?;
            }
        }
        map.end()
    }
}

/// One event of the trace.
struct EventOut<'a> {
    trace: &'a Trace,
    event: &'a crate::trace::Event,
    pid: u32,
}

impl Serialize for EventOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let e = self.event;
        // An end's name is its lane's outcome; a print's is `print`.
        let outcome = match e.kind {
            Kind::End => self
                .trace
                .tasks
                .get(e.task)
                .and_then(|t| t.outcome.as_ref()),
            _ => None,
        };
        let name: &str = match e.kind {
            Kind::Print => "print",
            Kind::End => outcome.map_or("end", Outcome::label),
            _ => &e.label,
        };
        let mut map = s.serialize_map(None)?;
        map.serialize_entry(
            "args",
            &EventArgs {
                trace: self.trace,
                event: e,
                outcome,
                name,
            },
        )?;
        map.serialize_entry("cat", e.kind.cat())?;
        let instant = e.kind.is_instant();
        if !instant {
            map.serialize_entry("dur", &round3(e.dur_us))?;
        }
        map.serialize_entry("name", name)?;
        map.serialize_entry("ph", if instant { "i" } else { "X" })?;
        map.serialize_entry("pid", &self.pid)?;
        if instant {
            map.serialize_entry("s", "t")?;
        }
        map.serialize_entry("tid", &e.task)?;
        map.serialize_entry("ts", &round3(e.start_us))?;
        map.end()
    }
}

struct EventArgs<'a> {
    trace: &'a Trace,
    event: &'a crate::trace::Event,
    outcome: Option<&'a Outcome>,
    name: &'a str,
}

impl Serialize for EventArgs<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let e = self.event;
        let mut map = s.serialize_map(None)?;
        // The event's own error, else (an end) its lane's failure.
        match (&e.error, self.outcome) {
            (Some(err), _) => map.serialize_entry("error", err)?,
            (None, Some(Outcome::Failed(msg))) => map.serialize_entry("error", msg)?,
            _ => {}
        }
        if e.kind == Kind::End {
            // The event's own error and label, where the name and `error` (the lane's outcome)
            // do not already say them.
            if e.error.is_some() {
                map.serialize_entry("event_error", &true)?;
            }
            if *e.label != *self.name {
                map.serialize_entry("label", &e.label)?;
            }
        }
        if let Some(line) = e.line {
            map.serialize_entry("line", &line)?;
        }
        // Seconds from the µs the file holds (rounded), so a trace read back from the file
        // exports the same seconds again.
        let t_s = round6(self.trace.meta.to_s(round3(e.start_us)));
        map.serialize_entry("t_s", &t_s)?;
        if e.kind == Kind::Print {
            map.serialize_entry("text", &e.label)?;
        }
        if let Some(v) = e.value {
            map.serialize_entry("value", &v)?;
        }
        map.end()
    }
}

/// A run's `otherData`, with the compared run's under `compare`.
struct OtherData<'a> {
    run: Run<'a>,
    compare: Option<Run<'a>>,
}

impl Serialize for OtherData<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let trace = self.run.trace;
        let meta = &trace.meta;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("awaitlab_format", &FORMAT_VERSION)?;
        if let Some(run) = self.compare {
            map.serialize_entry("compare", &OtherData { run, compare: None })?;
        }
        if let Some(end) = &trace.early_end {
            map.serialize_entry("end", end.kind())?;
            map.serialize_entry("error", &end.to_string())?;
        }
        if let Some(hold) = trace.longest_hold_us {
            map.serialize_entry("longest_hold_us", &round3(hold))?;
        }
        map.serialize_entry("loop", trace.placement.id())?;
        let measured = match meta.source {
            Source::Measured => trace.total_us.map(|us| round6(meta.to_s(round3(us)))),
            Source::Predicted => None,
        };
        map.serialize_entry("measured_total_s", &measured)?;
        map.serialize_entry("mode", &meta.mode)?;
        if let Some(page) = &trace.page {
            map.serialize_entry("page", &PageOut(page))?;
        }
        let order: Vec<&str> = meta.params.iter().map(|(k, _)| k.as_str()).collect();
        map.serialize_entry("param_order", &order)?;
        // An object: sorted, and a repeated name keeps its last value.
        let params: BTreeMap<&str, &str> = meta
            .params
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        map.serialize_entry("params", &params)?;
        map.serialize_entry("predicted_total_s", &self.run.predicted_total_s.map(round6))?;
        map.serialize_entry("scenario", &meta.scenario)?;
        let source = match meta.source {
            Source::Predicted => "predicted",
            Source::Measured => "measured",
        };
        map.serialize_entry("source", source)?;
        map.serialize_entry("speed", &meta.speed_ms_per_s)?;
        if let Some(total) = trace.total_us {
            map.serialize_entry("total_us", &round3(total))?;
        }
        map.end()
    }
}

struct PageOut<'a>(&'a crate::trace::PageStats);

impl Serialize for PageOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let page = self.0;
        let mut map = s.serialize_map(None)?;
        let clicks: Vec<f64> = page.click_latencies_ms.iter().map(|&x| round3(x)).collect();
        map.serialize_entry("click_latencies_ms", &clicks)?;
        map.serialize_entry("dropped_frames", &page.dropped_frames)?;
        map.serialize_entry("frames", &page.frames)?;
        if page.hidden_ms > 0.0 {
            map.serialize_entry("hidden_ms", &round3(page.hidden_ms))?;
        }
        map.serialize_entry("long_task_ms", &round3(page.long_task_ms))?;
        map.serialize_entry("long_tasks", &page.long_tasks)?;
        map.serialize_entry("longest_frame_ms", &round3(page.longest_frame_ms))?;
        map.serialize_entry("max_lag_ms", &round3(page.max_lag_ms))?;
        map.end()
    }
}

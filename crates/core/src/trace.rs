//! The trace: the one event type every view, test and export reads, and its Chrome Trace export.
//!
//! Times are real microseconds since the run began (`*_us`); scenario seconds are derived from them
//! through the run's speed, never stored separately, so the two can't drift apart.

use std::borrow::Cow;

use awaitlab_i18n::{tr, tr_with, Arg, Lang};
use serde::{Deserialize, Serialize};

pub use crate::label::Label;

/// The version of what `Trace::to_chrome_text` adds to the Chrome format so a trace reads
/// back (`otherData.awaitlab_format`): a reader refuses a newer one instead of misreading it.
pub const FORMAT_VERSION: u32 = 1;

/// How the message of a prediction cut short by its step limit begins.
pub const PREDICTION_CUT: &str = "the prediction stopped after";

/// Why a run ended other than by its main task returning. Each carries the sentence the page
/// shows, except [`EndReason::Stopped`], which the page does not report as a problem.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum EndReason {
    /// The person pressed Stop.
    #[error("stopped by the Stop button")]
    Stopped,
    /// Tasks wait for each other's locks; the message names the cycle.
    #[error("{0}")]
    Deadlock(String),
    /// Tasks are left waiting with nothing (no timer, no I/O) to wake them.
    #[error("{0}")]
    Stalled(String),
    /// A prediction reached its step limit: its total is only how far it got.
    #[error("{0}")]
    CutShort(String),
    /// The run did not seem to end, or held the page past the freeze limit, and was stopped.
    #[error("{0}")]
    Runaway(String),
    /// What runs the loop failed (a loop worker died or could not start).
    #[error("{0}")]
    Failed(String),
    /// The loop worker refused the run (it needs what only the page has).
    #[error("{0}")]
    Refused(String),
}

impl EndReason {
    /// A word for the export and for tests: `stopped`, `deadlock`, `stalled`, `cut-short`,
    /// `runaway`, `failed`, `refused`.
    pub fn kind(&self) -> &'static str {
        match self {
            EndReason::Stopped => "stopped",
            EndReason::Deadlock(_) => "deadlock",
            EndReason::Stalled(_) => "stalled",
            EndReason::CutShort(_) => "cut-short",
            EndReason::Runaway(_) => "runaway",
            EndReason::Failed(_) => "failed",
            EndReason::Refused(_) => "refused",
        }
    }
}

/// Index of a lane (a task, or later a worker) in [`Trace::tasks`].
pub type TaskId = usize;

/// Fails to compile when a kind is added and [`Kind::ALL`] does not list it yet (the array's
/// length then no longer matches either).
const _: fn(Kind) = |kind| match kind {
    Kind::Run
    | Kind::Block
    | Kind::Sleep
    | Kind::Io
    | Kind::Ready
    | Kind::Compute
    | Kind::Scenario
    | Kind::Print
    | Kind::End
    | Kind::Frozen => {}
};

/// What an event records. The names follow the export's `cat` field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Kind {
    /// The task was being polled on the loop.
    Run,
    /// The task held the loop's thread (a blocking sleep): nothing else could run.
    Block,
    /// The task awaited a timer.
    Sleep,
    /// The task awaited I/O.
    Io,
    /// The task was woken and waited for the loop to poll it.
    Ready,
    /// Real CPU work done by the task.
    Compute,
    /// A span the scenario itself names (for example one work `item`).
    Scenario,
    /// A console line (an instant).
    Print,
    /// The task ended (an instant); its outcome is in [`TaskInfo::outcome`].
    End,
    /// The page painted no frame for this long (on the `page` lane).
    Frozen,
}

impl Kind {
    /// Every kind (a reopened export reads each `cat` back to the kind that wrote it; tests go
    /// through them all).
    pub const ALL: [Kind; 10] = [
        Kind::Run,
        Kind::Block,
        Kind::Sleep,
        Kind::Io,
        Kind::Ready,
        Kind::Compute,
        Kind::Scenario,
        Kind::Print,
        Kind::End,
        Kind::Frozen,
    ];

    /// The export's `cat` value.
    pub fn cat(self) -> &'static str {
        match self {
            Kind::Run => "run",
            Kind::Block => "block",
            Kind::Sleep => "sleep",
            Kind::Io => "io",
            Kind::Ready => "ready",
            Kind::Compute => "compute",
            Kind::Scenario => "scenario",
            Kind::Print => "console",
            Kind::End => "task",
            Kind::Frozen => "frozen",
        }
    }

    /// Whether this kind is a point in time rather than a span.
    pub fn is_instant(self) -> bool {
        matches!(self, Kind::Print | Kind::End)
    }
}

/// How a task ended.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Outcome {
    /// Returned normally.
    Done,
    /// Returned an error, with its message.
    Failed(String),
    /// Was cancelled before it finished.
    Cancelled,
}

impl Outcome {
    /// A one-word label for views and the export.
    pub fn label(&self) -> &'static str {
        match self {
            Outcome::Done => "done",
            Outcome::Failed(_) => "failed",
            Outcome::Cancelled => "cancelled",
        }
    }
}

/// One thing that happened during a run: a span (`dur_us > 0` or a span kind) or an instant.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// The lane it belongs to.
    pub task: TaskId,
    /// What it records.
    pub kind: Kind,
    /// The operation (`sleep(0.8)`, `poll`, `item`) or, for a print, the printed text (inline
    /// when short: see [`Label`]).
    pub label: Label,
    /// Start, in real microseconds since the run began.
    pub start_us: f64,
    /// Length in real microseconds; 0 for instants.
    pub dur_us: f64,
    /// A scenario value attached to the span (the work item's size, for example).
    pub value: Option<f64>,
    /// Set when the operation failed, with its message.
    pub error: Option<String>,
    /// The line of the program that caused it (a Python program's source line; `None` for
    /// the Rust scenarios and for what the loop does on its own, like a task waiting its turn).
    #[serde(default)]
    pub line: Option<u32>,
}

impl Event {
    /// End, in real microseconds.
    pub fn end_us(&self) -> f64 {
        self.start_us + self.dur_us
    }
}

/// A lane of the timeline: one task as the tutorial names it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TaskInfo {
    /// The tutorial's name for it ("One", "A", "main").
    pub name: String,
    /// When it was spawned, in real microseconds.
    pub spawned_us: f64,
    /// When it ended, if it has.
    pub ended_us: Option<f64>,
    /// How it ended, if it has.
    pub outcome: Option<Outcome>,
    /// What the lane is: a task of the run, a pool's worker, or the page.
    pub lane: LaneKind,
}

impl TaskInfo {
    /// Whether the lane is a task of the run (not a worker's or the page's lane).
    pub fn is_task(&self) -> bool {
        self.lane == LaneKind::Task
    }

    /// The lane's name as the page shows it in `lang`: a task keeps its program's name (it is
    /// the program's word); the page's lane and a pool's workers (`worker 2`) are the page's
    /// words. The trace keeps `name` as recorded, so an export reads the same in any language.
    pub fn shown_name(&self, lang: Lang) -> Cow<'_, str> {
        match self.lane {
            LaneKind::Task => Cow::Borrowed(&self.name),
            LaneKind::Page if self.name == "page" => Cow::Owned(tr(lang, "lane-page")),
            LaneKind::Worker => match self.name.strip_prefix("worker ").map(str::parse::<u32>) {
                Some(Ok(n)) => Cow::Owned(tr_with(lang, "lane-worker", &[("n", Arg::from(n))])),
                _ => Cow::Borrowed(&self.name),
            },
            LaneKind::Page => Cow::Borrowed(&self.name),
        }
    }
}

/// What a lane of the timeline shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum LaneKind {
    /// A task of the run.
    #[default]
    Task,
    /// A worker of a pool (`run_in_executor`): its spans are the jobs it ran, linked by label to
    /// the tasks that awaited them.
    Worker,
    /// The page's own responsiveness (the meter).
    Page,
}

impl LaneKind {
    /// The export's spelling (`task`, `worker`, `page`).
    pub fn id(self) -> &'static str {
        match self {
            LaneKind::Task => "task",
            LaneKind::Worker => "worker",
            LaneKind::Page => "page",
        }
    }
}

/// Which environment produced a trace.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Source {
    /// The deterministic virtual-time executor: what the scenario should do.
    Predicted,
    /// The browser's real event loop: what it did.
    Measured,
}

/// What a run was: scenario, mode, parameters and speed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunMeta {
    /// Scenario id (`countdown`).
    pub scenario: String,
    /// Mode id (`async`).
    pub mode: String,
    /// Parameters as the URL spells them, in schema order.
    pub params: Vec<(String, String)>,
    /// Real milliseconds per scenario second.
    pub speed_ms_per_s: f64,
    /// Which environment ran it.
    pub source: Source,
}

impl RunMeta {
    /// Real microseconds in one scenario second.
    pub fn us_per_s(&self) -> f64 {
        self.speed_ms_per_s * 1000.0
    }

    /// Converts real microseconds to scenario seconds.
    pub fn to_s(&self, us: f64) -> f64 {
        us / self.us_per_s()
    }
}

/// Everything a run recorded: append-only while it runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Trace {
    /// What was run.
    pub meta: RunMeta,
    /// The lanes, indexed by [`TaskId`].
    pub tasks: Vec<TaskInfo>,
    /// Every event in the order recorded.
    pub events: Vec<Event>,
    /// Real microseconds from start to the end of the run, once it has ended.
    pub total_us: Option<f64>,
    /// Why the run ended other than by its main task returning, if it did.
    pub early_end: Option<EndReason>,
    /// How responsive the page stayed during a measured run.
    pub page: Option<PageStats>,
    /// Where the run's event loop ran (the page's main thread or a loop worker).
    #[serde(default)]
    pub placement: Placement,
    /// The longest time the browser driver held the loop's thread at a stretch without giving
    /// the page (or the loop worker) a turn, real µs: several polls in a row when blocking calls
    /// follow each other. `None` for predictions and live snapshots.
    #[serde(default)]
    pub longest_hold_us: Option<f64>,
}

/// Where a run's event loop runs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Placement {
    /// The page's main thread: a blocking task freezes the page (the honest lesson).
    #[default]
    Page,
    /// A dedicated Web Worker: the page stays live while the loop blocks.
    Worker,
}

impl Placement {
    /// Both placements, in the switch's order.
    pub const ALL: [Placement; 2] = [Placement::Page, Placement::Worker];

    /// The URL's and the export's spelling (`page`, `worker`).
    pub fn id(self) -> &'static str {
        match self {
            Placement::Page => "page",
            Placement::Worker => "worker",
        }
    }

    /// Reads the URL's spelling.
    pub fn parse(text: &str) -> Option<Placement> {
        Placement::ALL.into_iter().find(|p| p.id() == text.trim())
    }
}

impl Trace {
    /// An empty trace for a run about to start.
    pub fn new(meta: RunMeta) -> Self {
        Trace {
            meta,
            tasks: Vec::new(),
            events: Vec::new(),
            total_us: None,
            early_end: None,
            page: None,
            placement: Placement::Page,
            longest_hold_us: None,
        }
    }

    /// Ends a run that could not end itself (its loop worker was terminated): the total is
    /// `now_us`, spans still growing are cut there, tasks still alive are cancelled, and `why`
    /// says why. What the loop recorded before stays as it was.
    pub fn end_abruptly(&mut self, now_us: f64, why: EndReason) {
        if self.total_us.is_some() {
            return;
        }
        let now_us = now_us.max(self.extent_us());
        self.total_us = Some(now_us);
        self.early_end = Some(why);
        let mut ends = Vec::new();
        for (id, task) in self.tasks.iter_mut().enumerate() {
            if task.ended_us.is_some() {
                continue;
            }
            task.ended_us = Some(now_us);
            if task.is_task() {
                task.outcome = Some(Outcome::Cancelled);
                ends.push(Event {
                    task: id,
                    kind: Kind::End,
                    label: Outcome::Cancelled.label().into(),
                    start_us: now_us,
                    dur_us: 0.0,
                    value: None,
                    error: None,
                    line: None,
                });
            }
        }
        self.events.extend(ends);
    }

    /// Whether this prediction stopped before the end (a program that computes for long): its
    /// total is then only how far it got, a lower bound.
    pub fn cut_short(&self) -> bool {
        self.meta.source == Source::Predicted
            && matches!(self.early_end, Some(EndReason::CutShort(_)))
    }

    /// Why the run ended early, as the page says it (`None`: it ended by itself, or has not
    /// ended).
    pub fn error(&self) -> Option<String> {
        self.early_end.as_ref().map(EndReason::to_string)
    }

    /// Total in scenario seconds, once the run has ended.
    pub fn total_s(&self) -> Option<f64> {
        self.total_us.map(|us| self.meta.to_s(us))
    }

    /// A copy of the trace with its first `events` events only, in a list with room for
    /// `capacity` (at least those).
    fn copy_with_room(&self, events: usize, capacity: usize) -> Trace {
        let kept = &self.events[..events.min(self.events.len())];
        let mut list = Vec::with_capacity(capacity.max(kept.len()));
        list.extend_from_slice(kept);
        Trace {
            meta: self.meta.clone(),
            tasks: self.tasks.clone(),
            events: list,
            total_us: self.total_us,
            early_end: self.early_end.clone(),
            page: self.page.clone(),
            placement: self.placement,
            longest_hold_us: self.longest_hold_us,
        }
    }

    /// The latest time anything in the trace reaches (for drawing a run still in progress).
    pub fn extent_us(&self) -> f64 {
        let events = self.events.iter().map(Event::end_us);
        let tasks = self.tasks.iter().filter_map(|t| t.ended_us);
        events.chain(tasks).chain(self.total_us).fold(0.0, f64::max)
    }

    /// The console: printed lines with their time, in print order.
    pub fn prints(&self) -> impl Iterator<Item = &Event> {
        self.events.iter().filter(|e| e.kind == Kind::Print)
    }

    /// The printed lines alone, in order.
    pub fn lines(&self) -> Vec<&str> {
        self.prints().map(|e| e.label.as_str()).collect()
    }

    /// Looks a lane up by the task's name.
    pub fn task_named(&self, name: &str) -> Option<TaskId> {
        self.tasks.iter().position(|t| t.name == name)
    }

    /// Events of one lane and kind, in recorded order.
    pub fn spans_of(&self, task: TaskId, kind: Kind) -> impl Iterator<Item = &Event> {
        self.events
            .iter()
            .filter(move |e| e.task == task && e.kind == kind)
    }
}

/// What a live run recorded since its last snapshot: the events appended after the first
/// [`TraceChunk::from`], plus the spans still in progress drawn up to now. A view of a live run
/// applies chunks to a [`TraceFeed`] instead of copying the whole trace every time (a loop worker
/// posts them, so only the new events cross to the page).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TraceChunk {
    /// How many of the trace's events the receiver already has (this chunk's first event's index).
    pub from: usize,
    /// The events recorded since then, in recorded order; they never change afterwards.
    pub events: Vec<Event>,
    /// Spans still in progress (a sleep, a blocking call, a task waiting in the ready queue),
    /// drawn up to the time of the chunk: they replace the previous chunk's.
    pub open: Vec<Event>,
    /// The lanes as they stand (a handful; an ended task's outcome changes them).
    pub tasks: Vec<TaskInfo>,
    /// The total, once the run has ended.
    pub total_us: Option<f64>,
    /// Why the run ended early, if it did.
    pub early_end: Option<EndReason>,
}

/// A live run's trace on the viewing side, grown from [`TraceChunk`]s: each [`TraceFeed::apply`]
/// costs the events that arrived, not the whole trace.
///
/// Views hold a trace as an `Rc<Trace>` and compare it by identity, so each chunk must give them a
/// new `Rc` — but copying every event into it would cost the whole trace again. The feed keeps two
/// traces and takes turns: the one it gave out before last is no longer held by any view once the
/// views have re-rendered, so it is taken back and brought up to date with the last two chunks'
/// events. Only if a view still holds it is the newest copied ([`TraceFeed::copies`] counts that).
#[derive(Debug)]
pub struct TraceFeed {
    latest: std::rc::Rc<Trace>,
    /// Events of `latest` that are final (the rest are its open spans).
    committed: usize,
    spare: Option<std::rc::Rc<Trace>>,
    /// Final events of `spare`.
    spare_committed: usize,
    copies: usize,
    generation: u64,
}

impl TraceFeed {
    /// A feed starting from `trace` (usually empty), all of whose events are final.
    pub fn new(trace: Trace) -> Self {
        TraceFeed {
            committed: trace.events.len(),
            latest: std::rc::Rc::new(trace),
            spare: None,
            spare_committed: 0,
            copies: 0,
            generation: 0,
        }
    }

    /// The trace as of the last chunk.
    pub fn latest(&self) -> &std::rc::Rc<Trace> {
        &self.latest
    }

    /// How many of the latest trace's events are final: the next chunk starts there, and its
    /// open spans come after them.
    pub fn committed(&self) -> usize {
        self.committed
    }

    /// How many chunks found the older trace still held by a view, and copied the newest instead.
    pub fn copies(&self) -> usize {
        self.copies
    }

    /// How many chunks it has taken: a trace's allocation may be reused, this number is not.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Whether `trace` is the feed's latest (views use this to extend what they built for the
    /// trace before instead of starting over).
    pub fn is_latest(&self, trace: &std::rc::Rc<Trace>) -> bool {
        std::rc::Rc::ptr_eq(&self.latest, trace)
    }

    /// The trace as of the last chunk, taken out of the feed for good (a run that has ended):
    /// the older trace is let go first, and the latest is moved out, not copied, unless a view
    /// still holds it; its final events only (no open span). The feed is left empty (a chunk
    /// applied afterwards is ignored).
    pub fn take_trace(&mut self) -> Trace {
        self.spare = None;
        let mut empty = Trace::new(self.latest.meta.clone());
        empty.placement = self.latest.placement;
        let latest = std::mem::replace(&mut self.latest, std::rc::Rc::new(empty));
        let committed = std::mem::take(&mut self.committed);
        self.spare_committed = 0;
        self.generation += 1;
        // A copy when a view holds it, with a little room: the page adds its lane's spans.
        let mut trace = std::rc::Rc::try_unwrap(latest).unwrap_or_else(|held| {
            held.copy_with_room(committed, committed + committed / 100 + 64)
        });
        // Its final events only: spans still open are not part of a finished trace.
        trace.events.truncate(committed);
        trace
    }

    /// Adds a chunk; returns the new trace. A chunk that does not start where the feed's final
    /// events end (one was lost) is ignored, and the latest trace is returned unchanged.
    pub fn apply(&mut self, mut chunk: TraceChunk) -> std::rc::Rc<Trace> {
        if chunk.from != self.committed {
            return self.latest.clone();
        }
        let (mut next, mut have) = match self.spare.take().map(std::rc::Rc::try_unwrap) {
            Some(Ok(trace)) => (trace, self.spare_committed),
            held => {
                // The first chunk has no older trace to take back (the one it copies is the
                // feed's first, usually empty).
                if held.is_some() {
                    self.copies += 1;
                }
                // Its final events, copied into room for the chunk's (a clone would be full,
                // and grow again at once: two copies' worth of memory for a moment).
                // With none yet, the chunk's list becomes the trace's (below): no room.
                let need = self.committed + chunk.events.len() + chunk.open.len();
                let room = if self.committed == 0 {
                    0
                } else {
                    need + need / 4
                };
                (
                    self.latest.copy_with_room(self.committed, room),
                    self.committed,
                )
            }
        };
        next.events.truncate(have);
        // A feed's first events (often a whole run that held the page to its end): the chunk's
        // list becomes the trace's, not copied into it.
        if next.events.is_empty() && self.committed == 0 {
            next.events = std::mem::take(&mut chunk.events);
        }
        // Room for what comes, grown by a quarter rather than doubled: the feed holds two
        // traces, and wasm memory keeps its high-water mark, so a doubled list's spare room
        // (up to a whole trace) would be paid twice, for good.
        let need = self.committed.max(next.events.len()) + chunk.events.len() + chunk.open.len();
        let room = next.events.capacity();
        if need > room {
            let grown = need.max(room + room / 4);
            next.events.reserve_exact(grown - next.events.len());
        }
        if have < self.committed {
            next.events
                .extend_from_slice(&self.latest.events[have..self.committed]);
            have = self.committed;
        }
        next.events.extend(chunk.events);
        let committed = next.events.len();
        debug_assert!(committed >= have);
        next.events.extend(chunk.open);
        next.tasks = chunk.tasks;
        next.total_us = chunk.total_us;
        next.early_end = chunk.early_end;
        let next = std::rc::Rc::new(next);
        self.spare = Some(std::mem::replace(&mut self.latest, next.clone()));
        self.spare_committed = self.committed;
        self.committed = committed;
        self.generation += 1;
        next
    }
}

pub(crate) fn round3(x: f64) -> f64 {
    (x * 1e3).round() / 1e3
}

pub(crate) fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// The page's responsiveness during a run (see `page`): the figures the summary shows and the
/// export carries.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PageStats {
    /// Longest time between two frames, ms.
    pub longest_frame_ms: f64,
    /// Frames missed against 60 fps.
    pub dropped_frames: u32,
    /// Frames painted.
    pub frames: u32,
    /// How many long tasks the browser reported.
    pub long_tasks: u32,
    /// Their total length, ms.
    pub long_task_ms: f64,
    /// The worst timer lateness, ms.
    pub max_lag_ms: f64,
    /// Each probe click's wait for its handler, ms.
    pub click_latencies_ms: Vec<f64>,
    /// How long the tab was in the background during the run, ms: browsers throttle timers
    /// there (to once a second, or less), so that time is the browser's, not the program's.
    #[serde(default)]
    pub hidden_ms: f64,
}

/// An event's size on the page (wasm32): a trace holds 100,000 and more, each several times
/// over while a run is live (`tests/trace_memory.rs` holds the native size and a run's memory).
/// 72 bytes with its label inline; it was 72 plus a 16-byte-or-more allocation per label.
#[cfg(target_arch = "wasm32")]
const _: () = assert!(std::mem::size_of::<Event>() <= 72);

//! What asyncio's event loop holds at a moment of a run — the task it is running, the ready
//! queue, the timers with their deadlines, the tasks waiting on I/O, on an executor's job or on a
//! future — reconstructed from the trace alone, so it works the same for a live run, a replay, a
//! prediction and an exported trace read back. Each place is named as asyncio names it and with
//! the browser mechanism AwaitLab runs it on.

use awaitlab_i18n::{tr, Lang};

use super::trace::{Kind, Source, TaskId, Trace};

/// Where a task is, as the loop sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// Being polled (its step runs on the loop).
    Running,
    /// Holding the loop's thread (a blocking call, CPU work): nothing else can run.
    Holding,
    /// Woken, in the ready queue.
    Ready,
    /// Asleep until a timer's deadline.
    Timer,
    /// Awaiting I/O (a request).
    Io,
    /// Awaiting a job handed to an executor (a pool's worker).
    Job,
    /// Awaiting something the trace does not name: a future, a queue, an event, another task.
    Future,
}

impl Place {
    /// asyncio's name for what put the task there: code in every language, with a translated
    /// note where the name alone would mislead.
    pub fn asyncio(self, lang: Lang) -> String {
        match self {
            Place::Running => "Task.__step".into(),
            Place::Holding => tr!(lang, "asyncio-holding"),
            Place::Ready => "call_soon".into(),
            Place::Timer => "call_later".into(),
            Place::Io => tr!(lang, "asyncio-io"),
            Place::Job => "run_in_executor".into(),
            Place::Future => "Future.set_result".into(),
        }
    }

    /// The browser mechanism AwaitLab runs it on (on the virtual clock: none, it is modelled).
    pub fn browser(self, source: Source, lang: Lang) -> String {
        if source == Source::Predicted {
            return tr!(lang, "browser-virtual");
        }
        match self {
            Place::Running => tr!(lang, "browser-running"),
            Place::Holding => tr!(lang, "browser-holding"),
            Place::Ready => tr!(lang, "browser-ready"),
            Place::Timer => tr!(lang, "browser-timer"),
            Place::Io => tr!(lang, "browser-io"),
            Place::Job => tr!(lang, "browser-job"),
            Place::Future => tr!(lang, "browser-future"),
        }
    }

    /// Every place, in the panel's order (tests word each in both languages).
    pub const ALL: [Place; 7] = [
        Place::Running,
        Place::Holding,
        Place::Ready,
        Place::Timer,
        Place::Io,
        Place::Job,
        Place::Future,
    ];
}

/// One task in one of the loop's places.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The task.
    pub task: TaskId,
    /// Its lane's name.
    pub name: String,
    /// Where it is.
    pub place: Place,
    /// What it awaits or does (`sleep(0.8)`, `poll`), as the trace labels it; empty when the
    /// trace names nothing.
    pub what: String,
    /// Since when, in real microseconds.
    pub since_us: f64,
    /// Until when, when the trace knows (a timer's deadline, a span's end).
    pub until_us: Option<f64>,
}

/// The loop at one moment.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LoopState {
    /// The task on the loop (running or holding it), if any.
    pub running: Option<Entry>,
    /// The ready queue, first woken first.
    pub ready: Vec<Entry>,
    /// Tasks asleep, nearest deadline first.
    pub timers: Vec<Entry>,
    /// Tasks awaiting I/O, an executor's job, or a future, in lane order.
    pub waiting: Vec<Entry>,
}

/// What the loop holds at `t_us` of `trace`: every task alive then (spawned, not ended) in one
/// place. A span covers `[start, end)`; a task with none at `t_us` awaits a future.
pub fn loop_at(trace: &Trace, t_us: f64) -> LoopState {
    // Per task, the span covering t (the latest to start, if several).
    let mut covering: Vec<Option<usize>> = vec![None; trace.tasks.len()];
    for (i, e) in trace.events.iter().enumerate() {
        if e.dur_us <= 0.0 || e.start_us > t_us || e.end_us() <= t_us {
            continue;
        }
        if !matches!(
            e.kind,
            Kind::Run | Kind::Block | Kind::Compute | Kind::Ready | Kind::Sleep | Kind::Io
        ) {
            continue;
        }
        let Some(slot) = covering.get_mut(e.task) else {
            continue;
        };
        // A blocking span outranks the poll it happens in (the poll is what holds the loop).
        let better = match *slot {
            None => true,
            Some(j) => {
                let old = &trace.events[j];
                rank(e.kind) > rank(old.kind)
                    || (rank(e.kind) == rank(old.kind) && e.start_us >= old.start_us)
            }
        };
        if better {
            *slot = Some(i);
        }
    }
    let mut state = LoopState::default();
    for (task, info) in trace.tasks.iter().enumerate() {
        if !info.is_task() || info.spawned_us > t_us || info.ended_us.is_some_and(|end| end <= t_us)
        {
            continue;
        }
        let entry = match covering[task] {
            Some(i) => {
                let e = &trace.events[i];
                let place = match e.kind {
                    Kind::Run => Place::Running,
                    Kind::Block | Kind::Compute => Place::Holding,
                    Kind::Ready => Place::Ready,
                    Kind::Sleep => Place::Timer,
                    _ if e.label.starts_with("await job") => Place::Job,
                    _ => Place::Io,
                };
                Entry {
                    task,
                    name: info.name.clone(),
                    place,
                    what: if e.kind == Kind::Ready {
                        String::new()
                    } else {
                        e.label.to_string()
                    },
                    since_us: e.start_us,
                    until_us: Some(e.end_us()),
                }
            }
            None => Entry {
                task,
                name: info.name.clone(),
                place: Place::Future,
                what: String::new(),
                since_us: last_end_before(trace, task, t_us).unwrap_or(info.spawned_us),
                until_us: None,
            },
        };
        match entry.place {
            Place::Running | Place::Holding => {
                // Two on the loop at once cannot be; keep the one that began last (a measured
                // trace's spans may touch within a microsecond).
                if state
                    .running
                    .as_ref()
                    .is_none_or(|r| entry.since_us >= r.since_us)
                {
                    if let Some(r) = state.running.replace(entry) {
                        state.waiting.push(r);
                    }
                } else {
                    state.waiting.push(entry);
                }
            }
            Place::Ready => state.ready.push(entry),
            Place::Timer => state.timers.push(entry),
            _ => state.waiting.push(entry),
        }
    }
    state
        .ready
        .sort_by(|a, b| a.since_us.total_cmp(&b.since_us));
    state.timers.sort_by(|a, b| {
        let (a, b) = (
            a.until_us.unwrap_or(f64::MAX),
            b.until_us.unwrap_or(f64::MAX),
        );
        a.total_cmp(&b)
    });
    state
}

/// Which span says most about where a task is when several cover the same moment.
fn rank(kind: Kind) -> u8 {
    match kind {
        Kind::Block | Kind::Compute => 3,
        Kind::Run => 2,
        Kind::Sleep | Kind::Io => 1,
        _ => 0,
    }
}

/// When `task`'s last span before `t_us` ended (it has awaited since).
fn last_end_before(trace: &Trace, task: TaskId, t_us: f64) -> Option<f64> {
    trace
        .events
        .iter()
        .filter(|e| e.task == task && e.dur_us > 0.0 && e.end_us() <= t_us)
        .map(|e| e.end_us())
        .reduce(f64::max)
}

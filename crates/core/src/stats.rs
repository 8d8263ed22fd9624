//! Per-task figures read off a trace: busy, ready and idle time and poll counts (tokio-console's
//! columns), and the run's totals.

use super::trace::{Kind, LaneKind, Outcome, TaskId, Trace};

/// One row of the summary table. Times in real microseconds.
#[derive(Clone, Debug, PartialEq)]
pub struct TaskStats {
    /// The lane.
    pub task: TaskId,
    /// The task's name.
    pub name: String,
    /// Time being polled (includes blocking inside a poll).
    pub busy_us: f64,
    /// Of which, blocking the loop.
    pub blocked_us: f64,
    /// Time woken but waiting for the loop.
    pub ready_us: f64,
    /// Time alive and neither busy nor ready: awaiting a timer, I/O or another task.
    pub idle_us: f64,
    /// How often it was polled.
    pub polls: usize,
    /// How it ended, if it has.
    pub outcome: Option<Outcome>,
}

/// Figures for every task, in lane order (the page's own lane and a pool's worker lanes are not
/// tasks and are left out). A
/// task still running counts up to `now_us`.
pub fn task_stats(trace: &Trace, now_us: f64) -> Vec<TaskStats> {
    let mut rows: Vec<TaskStats> = trace
        .tasks
        .iter()
        .enumerate()
        .map(|(task, info)| TaskStats {
            task,
            name: info.name.clone(),
            busy_us: 0.0,
            blocked_us: 0.0,
            ready_us: 0.0,
            idle_us: 0.0,
            polls: 0,
            outcome: info.outcome.clone(),
        })
        .collect();
    for e in &trace.events {
        let Some(row) = rows.get_mut(e.task) else {
            continue;
        };
        match e.kind {
            Kind::Run => {
                row.busy_us += e.dur_us;
                row.polls += 1;
            }
            Kind::Block => row.blocked_us += e.dur_us,
            Kind::Ready => row.ready_us += e.dur_us,
            _ => {}
        }
    }
    for (row, info) in rows.iter_mut().zip(&trace.tasks) {
        let end = info.ended_us.or(trace.total_us).unwrap_or(now_us);
        let alive = (end - info.spawned_us).max(0.0);
        row.idle_us = (alive - row.busy_us - row.ready_us).max(0.0);
    }
    rows.retain(|r| trace.tasks[r.task].is_task());
    rows
}

/// The longest time the loop's thread was held at a stretch, in real microseconds (how long the
/// page was frozen, when the loop is the page's thread): what the browser driver measured between
/// the turns it gave the page — polls that block one after another hold it together — or, for a
/// trace without that figure (a live snapshot), the longest poll. A task that calls several
/// blocking sleeps in one poll holds the thread for all of them together.
pub fn longest_hold_us(trace: &Trace) -> f64 {
    let longest_poll = trace
        .events
        .iter()
        .filter(|e| e.kind == Kind::Run)
        .map(|e| e.dur_us)
        .fold(0.0, f64::max);
    trace.longest_hold_us.unwrap_or(0.0).max(longest_poll)
}

/// The shortest real time a timed wait may last for a run to show it honestly, in ms: the
/// browser's timers fire 1–4 ms late (4 ms once nested), and a frame is 16.7 ms.
pub const HONEST_WAIT_MS: f64 = 20.0;

/// The slowest speed below which a run of this prediction cannot be shown honestly, with the
/// shortest timed wait it is derived from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SpeedFloor {
    /// The shortest timed wait, in scenario seconds.
    pub shortest_wait_s: f64,
    /// The least speed (real ms per scenario second) at which that wait lasts
    /// [`HONEST_WAIT_MS`] real.
    pub min_speed_ms_per_s: f64,
}

/// The speed floor of a run, read off its prediction: the shortest timed wait in it — a sleep, a
/// blocking sleep, a request's added latency, a worker's sleeping job or the time between a
/// worker's printed lines — must last at least [`HONEST_WAIT_MS`] real. Work that takes real time
/// whatever the speed (CPU work, ping-pongs, the network itself) sets no floor: the speed only
/// stretches its axis. `None` when nothing in the run waits on a timer.
pub fn speed_floor(predicted: &Trace) -> Option<SpeedFloor> {
    let mut shortest = f64::INFINITY;
    for e in &predicted.events {
        let lane = predicted.tasks.get(e.task);
        let on_worker = lane.is_some_and(|t| t.lane == LaneKind::Worker);
        let timed = match e.kind {
            Kind::Sleep | Kind::Block => true,
            Kind::Io => !on_worker && e.label.starts_with("GET ") && e.label.contains(" added)"),
            // A worker's job that waits (a blocking countdown or sleep), not one that computes.
            Kind::Compute => on_worker && e.value.is_none(),
            _ => false,
        };
        if timed && e.dur_us > 0.0 {
            shortest = shortest.min(e.dur_us);
        }
    }
    // A worker's printed lines: a countdown prints once per delay.
    for (lane, info) in predicted.tasks.iter().enumerate() {
        if info.lane != LaneKind::Worker {
            continue;
        }
        let prints: Vec<f64> = predicted
            .spans_of(lane, Kind::Print)
            .map(|e| e.start_us)
            .collect();
        for w in prints.windows(2) {
            if w[1] > w[0] {
                shortest = shortest.min(w[1] - w[0]);
            }
        }
    }
    if !shortest.is_finite() {
        return None;
    }
    let shortest_wait_s = predicted.meta.to_s(shortest);
    Some(SpeedFloor {
        shortest_wait_s,
        min_speed_ms_per_s: HONEST_WAIT_MS / shortest_wait_s,
    })
}

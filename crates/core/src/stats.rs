//! Per-task figures read off a trace: busy, ready and idle time and poll counts (tokio-console's
//! columns), and the run's totals.

use super::trace::{Kind, Outcome, TaskId, Trace};

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
    rows.retain(|r| !trace.tasks[r.task].is_page && !trace.tasks[r.task].is_worker);
    rows
}

/// The longest time the loop's thread was held at a stretch, in real microseconds: the longest
/// poll (how long the page was frozen, when the loop is the page's thread). A task that calls
/// several blocking sleeps in one poll holds the thread for all of them together.
pub fn longest_hold_us(trace: &Trace) -> f64 {
    trace
        .events
        .iter()
        .filter(|e| e.kind == Kind::Run)
        .map(|e| e.dur_us)
        .fold(0.0, f64::max)
}

//! Where each task is in its program at a moment of a run: the line of its latest event that
//! names one and began at or before that moment. The program pane marks these lines as the
//! playhead moves, so scrubbing a run shows which code each task is at.

use super::trace::{TaskId, Trace};

/// A task's line at a moment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskLine {
    /// The task.
    pub task: TaskId,
    /// Its lane's name (`main`, `A`, `coro (Task-2)`).
    pub name: String,
    /// The program line, from 1.
    pub line: u32,
}

/// Every task of `trace` that is alive at `t_us` (spawned, not yet ended) and has reached a
/// line by then, with that line; in lane order. Pool workers and the page's lane have no
/// program lines and are left out.
pub fn lines_at(trace: &Trace, t_us: f64) -> Vec<TaskLine> {
    let mut latest: Vec<Option<(f64, u32)>> = vec![None; trace.tasks.len()];
    for e in &trace.events {
        let (Some(line), Some(slot)) = (e.line, latest.get_mut(e.task)) else {
            continue;
        };
        if e.start_us <= t_us && slot.is_none_or(|(at, _)| e.start_us >= at) {
            *slot = Some((e.start_us, line));
        }
    }
    trace
        .tasks
        .iter()
        .enumerate()
        .filter(|(_, info)| info.is_task())
        .filter(|(_, info)| info.spawned_us <= t_us && info.ended_us.is_none_or(|end| end >= t_us))
        .filter_map(|(task, info)| {
            latest[task].map(|(_, line)| TaskLine {
                task,
                name: info.name.clone(),
                line,
            })
        })
        .collect()
}

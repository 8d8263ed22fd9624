//! The loop's steps as a timeline's axis, for programs whose lesson is the order things run in
//! rather than how long they take: a program that never waits on a timer (`queue` `sync` and
//! `generator`, `async-iterator` without a delay, `event-loop` `call-soon`) takes no scenario time
//! at all, so on a time axis every task is a sliver at one instant.
//!
//! [`by_steps`] lays a trace out on an axis of steps instead: each poll is one step wide, or as
//! many as the units of work it counted (a `count to 15` is 15 steps), so the units show; a print
//! takes a fraction of a step, so lines printed in one poll sit apart, and a program's print
//! sits after the instructions its poll ran before it ([`INSTRUCTIONS_PER_STEP`]). Everything comes from the
//! order the loop recorded events in, which is the same for the prediction and the measured run.
//! The result is a [`Trace`] whose `*_us` fields are step positions (one µs per step), with the
//! same events at the same indices, so views that draw a trace draw it unchanged and a hit on
//! event `i` describes event `i` of the original.

use std::collections::HashMap;

use super::layout::{nice_step, Tick, Viewport};
use super::trace::{Event, Kind, TaskId, Trace};
use awaitlab_i18n::{tr, Lang};

/// How far a printed line moves the cursor within a poll, in steps.
const PRINT_STEP: f64 = 0.25;

/// A program's instructions per step: a print carries how many its poll had run before it
/// ([`Event::value`]), so a line printed after a long loop sits further along than one printed
/// after a short one — the work shows, as a scenario's counted units do.
pub const INSTRUCTIONS_PER_STEP: f64 = 10.0;

/// Whether a trace is best read by steps: its prediction takes no scenario time (nothing in it
/// waits on a timer), so time would show nothing.
pub fn reads_by_steps(predicted: &Trace) -> bool {
    predicted.total_us == Some(0.0) && predicted.events.iter().any(|e| e.kind == Kind::Run)
}

/// `trace` laid out by the loop's steps (see the module docs).
pub fn by_steps(trace: &Trace) -> Trace {
    let mut out = trace.clone();
    let events = &trace.events;
    // (time, position) at every poll boundary, to place what is known only by its time.
    let mut marks: Vec<(f64, f64)> = vec![(0.0, 0.0)];
    let at_time = |marks: &[(f64, f64)], t: f64| -> f64 {
        let i = marks.partition_point(|&(time, _)| time <= t);
        marks[i.saturating_sub(1)].1
    };
    // Where each task's last poll ended, and where same-named spans of a task last ended.
    let mut last_poll_end: HashMap<TaskId, f64> = HashMap::new();
    let mut first_poll: HashMap<TaskId, f64> = HashMap::new();
    let mut span_end: HashMap<(TaskId, Kind, &str), f64> = HashMap::new();
    let mut cursor = 0.0;
    let mut group_start = 0;
    let mut i = 0;
    while i < events.len() {
        if events[i].kind != Kind::Run || is_other_lane(trace, events[i].task) {
            i += 1;
            continue;
        }
        // Events group_start..i were recorded during this poll (and a Ready just before it).
        let run = &events[i];
        let task = run.task;
        let poll_start = cursor;
        first_poll.entry(task).or_insert(poll_start);
        let mut pos = poll_start;
        for (e, placed) in events[group_start..i]
            .iter()
            .zip(&mut out.events[group_start..i])
        {
            if is_other_lane(trace, e.task) || e.task != task {
                let x = at_time(&marks, e.start_us);
                set(placed, x, x + if e.dur_us > 0.0 { 0.5 } else { 0.0 });
                continue;
            }
            match e.kind {
                Kind::Ready => {
                    let from = at_time(&marks, e.start_us).min(poll_start);
                    set(placed, from, poll_start);
                }
                Kind::Print | Kind::End => {
                    // A program's line sits after the work its poll did before it.
                    if let (Kind::Print, Some(done)) = (e.kind, e.value) {
                        pos = pos.max(poll_start + done.max(0.0) / INSTRUCTIONS_PER_STEP);
                    }
                    set(placed, pos, pos);
                    pos += PRINT_STEP;
                }
                Kind::Compute => {
                    let units = e.value.unwrap_or(1.0).max(0.0);
                    set(placed, pos, pos + units);
                    pos += units;
                }
                Kind::Block => {
                    set(placed, pos, pos + 1.0);
                    pos += 1.0;
                }
                // Spans that end here and began in an earlier poll, or earlier in this one.
                Kind::Scenario => {
                    let key = (task, e.kind, e.label.as_str());
                    let from = span_end
                        .get(&key)
                        .copied()
                        .or_else(|| first_poll.get(&task).copied())
                        .unwrap_or(poll_start)
                        .min(pos);
                    set(placed, from, pos);
                    span_end.insert(key, pos);
                }
                _ => {
                    // A wait that ends as this poll begins began where the task's last poll ended.
                    let from = last_poll_end.get(&task).copied().unwrap_or(poll_start);
                    set(placed, from.min(poll_start), poll_start);
                }
            }
        }
        let width = (pos - poll_start).max(1.0);
        let poll_end = poll_start + width;
        set(&mut out.events[i], poll_start, poll_end);
        marks.push((run.start_us, poll_start));
        marks.push((run.end_us(), poll_end));
        last_poll_end.insert(task, poll_end);
        cursor = poll_end;
        i += 1;
        // The task's end is recorded right after its last poll.
        if events
            .get(i)
            .is_some_and(|e| e.kind == Kind::End && e.task == task)
        {
            set(&mut out.events[i], poll_end, poll_end);
            i += 1;
        }
        group_start = i;
    }
    // What came after the last poll (the page's lane, a worker's late lines): by time.
    marks.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (e, placed) in events[group_start..]
        .iter()
        .zip(&mut out.events[group_start..])
    {
        let from = at_time(&marks, e.start_us);
        let to = at_time(&marks, e.end_us()).max(from);
        set(placed, from, to);
    }
    // Each lane from its first poll to its end; lanes that are not tasks span the run.
    let mut ends: HashMap<TaskId, f64> = HashMap::new();
    for e in out.events.iter().filter(|e| e.kind == Kind::End) {
        ends.insert(e.task, e.start_us);
    }
    out.total_us = trace.total_us.map(|_| cursor);
    for (task, info) in out.tasks.iter_mut().enumerate() {
        info.spawned_us = first_poll.get(&task).copied().unwrap_or(0.0);
        info.ended_us = trace.tasks[task]
            .ended_us
            .map(|_| ends.get(&task).copied().unwrap_or(cursor));
    }
    out.longest_hold_us = None;
    out
}

/// Lanes that are not tasks of the loop: the page's and a pool's workers.
fn is_other_lane(trace: &Trace, task: TaskId) -> bool {
    trace.tasks.get(task).is_none_or(|t| !t.is_task())
}

fn set(e: &mut Event, from: f64, to: f64) {
    e.start_us = from;
    e.dur_us = (to - from).max(0.0);
}

/// Axis ticks for a trace laid out by [`by_steps`]: whole steps at a round interval, about one per
/// `min_gap_px`, labelled `0`, `10`, `20 steps` (the unit on the last, in `lang`).
pub fn step_ticks(vp: &Viewport, min_gap_px: f64, lang: Lang) -> Vec<Tick> {
    let span = vp.end_us - vp.start_us;
    if span <= 0.0 || !span.is_finite() {
        return Vec::new();
    }
    let step = nice_step(span * min_gap_px / vp.width_px).max(1.0);
    let first = (vp.start_us / step).ceil() as i64;
    let last = (vp.end_us / step).floor() as i64;
    let mut ticks: Vec<Tick> = (first..=last)
        .take(1000)
        .map(|k| {
            let n = k as f64 * step;
            Tick {
                x: vp.x(n),
                label: format!("{n:.0}"),
            }
        })
        .collect();
    if let Some(last) = ticks.last_mut() {
        let n = last.label.parse::<u64>().unwrap_or(0);
        last.label = tr!(lang, "axis-steps", n = n);
    }
    ticks
}

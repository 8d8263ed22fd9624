//! The page's own responsiveness during a run, from raw samples the browser adapter collects:
//! animation-frame times, long tasks, timer lateness (loop lag) and click latency. Pure, so the
//! figures and the page lane are tested natively.

use serde::{Deserialize, Serialize};

use super::trace::{Event, Kind, LaneKind, PageStats, TaskInfo, Trace};

/// A frame interval at 60 fps, in ms.
pub const FRAME_MS: f64 = 1000.0 / 60.0;
/// A gap between frames longer than this shows on the timeline as the page frozen, in ms.
pub const FROZEN_GAP_MS: f64 = 50.0;

/// What the page measured about itself during a run. Times in ms since the run began.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PageSamples {
    /// Animation-frame timestamps.
    pub frames: Vec<f64>,
    /// Long tasks the browser reported: (start, duration).
    pub long_tasks: Vec<(f64, f64)>,
    /// Timer lateness probes: (when, how late).
    pub lags: Vec<(f64, f64)>,
    /// Clicks on the probe: (when clicked, how long until the handler ran).
    pub clicks: Vec<(f64, f64)>,
    /// When the tab was in the background: (from, to). A hidden tab paints no frames and its
    /// timers are throttled: its gaps between frames are not the page frozen by the run.
    pub hidden: Vec<(f64, f64)>,
}

impl PageSamples {
    /// Moves every sample by `by_ms` (samples taken against one zero, placed against another:
    /// the page's meter against a loop worker's clock).
    pub fn shift(&mut self, by_ms: f64) {
        self.frames.iter_mut().for_each(|t| *t += by_ms);
        for (t, _) in self
            .long_tasks
            .iter_mut()
            .chain(self.lags.iter_mut())
            .chain(self.clicks.iter_mut())
        {
            *t += by_ms;
        }
        for (from, to) in &mut self.hidden {
            *from += by_ms;
            *to += by_ms;
        }
    }

    /// Whether the stretch from `from` to `to` overlaps a time the tab was hidden.
    pub fn hidden_during(&self, from: f64, to: f64) -> bool {
        self.hidden.iter().any(|&(a, b)| a < to && from < b)
    }
}

/// Summarises the samples.
pub fn stats(s: &PageSamples) -> PageStats {
    // A gap while the tab was hidden is the browser's (no frames in the background), not a
    // freeze; the time hidden is reported on its own.
    let gaps = s
        .frames
        .windows(2)
        .filter(|w| !s.hidden_during(w[0], w[1]))
        .map(|w| w[1] - w[0]);
    let mut longest: f64 = 0.0;
    let mut dropped = 0u32;
    for gap in gaps {
        longest = longest.max(gap);
        // A gap of n frame intervals means n - 1 frames were missed (with a little slack).
        let missed = (gap / FRAME_MS + 0.25).floor() - 1.0;
        if missed > 0.0 {
            dropped += missed as u32;
        }
    }
    PageStats {
        longest_frame_ms: longest,
        dropped_frames: dropped,
        frames: s.frames.len() as u32,
        long_tasks: s.long_tasks.len() as u32,
        // `+ 0.0` turns the empty sum's -0 into 0.
        long_task_ms: s.long_tasks.iter().map(|t| t.1).sum::<f64>() + 0.0,
        max_lag_ms: s.lags.iter().map(|l| l.1).fold(0.0, f64::max),
        click_latencies_ms: s.clicks.iter().map(|c| c.1).collect(),
        hidden_ms: s.hidden.iter().map(|&(a, b)| (b - a).max(0.0)).sum::<f64>() + 0.0,
    }
}

/// Adds a `page` lane to `trace`: one `frozen` span per gap between frames longer than
/// [`FROZEN_GAP_MS`], so a blocked page is visible as such next to the task that blocked it.
pub fn add_page_lane(trace: &mut Trace, samples: &PageSamples) {
    let lane = trace.tasks.len();
    let end_us = trace.total_us.unwrap_or_else(|| trace.extent_us());
    trace.tasks.push(TaskInfo {
        name: "page".into(),
        spawned_us: 0.0,
        ended_us: Some(end_us),
        outcome: None,
        lane: LaneKind::Page,
    });
    // Gathered first, then added at once: a trace's list is often full (taken from a live
    // run's feed), and a push would double it, a whole trace's worth of memory more.
    let mut frozen = Vec::new();
    for w in samples.frames.windows(2) {
        let gap = w[1] - w[0];
        if gap > FROZEN_GAP_MS && !samples.hidden_during(w[0], w[1]) {
            frozen.push(Event {
                task: lane,
                kind: Kind::Frozen,
                label: format!("no frame for {gap:.0} ms").into(),
                start_us: w[0] * 1000.0,
                dur_us: gap * 1000.0,
                value: Some(gap),
                error: None,
                line: None,
            });
        }
    }
    trace.events.reserve_exact(frozen.len());
    trace.events.extend(frozen);
    trace.page = Some(stats(samples));
}

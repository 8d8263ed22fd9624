//! Timeline geometry: trace + viewport → bars, markers and axis ticks in pixels. Pure math, so the
//! canvas view only paints what this returns, and tests can check what lands where.

use super::trace::{Kind, Trace};

/// The visible slice of time and the width it is drawn into.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    /// Left edge, real microseconds.
    pub start_us: f64,
    /// Right edge, real microseconds.
    pub end_us: f64,
    /// Drawing width in CSS pixels.
    pub width_px: f64,
}

/// Narrowest view allowed when zooming in: 10 µs of real time.
pub const MIN_SPAN_US: f64 = 10.0;

impl Viewport {
    /// A view showing `0..extent_us` with a little room on the right.
    pub fn fit(extent_us: f64, width_px: f64) -> Self {
        let end = if extent_us > 0.0 {
            extent_us * 1.04
        } else {
            1.0
        };
        Viewport {
            start_us: 0.0,
            end_us: end,
            width_px: width_px.max(1.0),
        }
    }

    /// Microseconds per pixel.
    pub fn us_per_px(&self) -> f64 {
        (self.end_us - self.start_us) / self.width_px
    }

    /// The x of a time.
    pub fn x(&self, us: f64) -> f64 {
        (us - self.start_us) / self.us_per_px()
    }

    /// The time at an x.
    pub fn us_at(&self, x: f64) -> f64 {
        self.start_us + x * self.us_per_px()
    }

    /// Zooms by `factor` (< 1 zooms in) keeping the time under `anchor_x` where it is.
    pub fn zoom(&self, factor: f64, anchor_x: f64) -> Self {
        let anchor = self.us_at(anchor_x);
        let span = ((self.end_us - self.start_us) * factor).max(MIN_SPAN_US);
        let left = anchor - span * (anchor_x / self.width_px);
        Viewport {
            start_us: left,
            end_us: left + span,
            width_px: self.width_px,
        }
    }

    /// Moves the view by `dx_px` pixels (positive shows later times).
    pub fn pan(&self, dx_px: f64) -> Self {
        let d = dx_px * self.us_per_px();
        Viewport {
            start_us: self.start_us + d,
            end_us: self.end_us + d,
            width_px: self.width_px,
        }
    }
}

/// A span to paint: possibly several spans merged (level of detail).
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    /// The lane (task index).
    pub lane: usize,
    /// The state it shows.
    pub kind: Kind,
    /// Left edge, px.
    pub x: f64,
    /// Width, px (at least the minimum visible width for states that would vanish).
    pub w: f64,
    /// Index of the first event it stands for.
    pub event: usize,
    /// How many events it stands for.
    pub merged: usize,
    /// Whether any of them failed.
    pub failed: bool,
}

/// A point to paint: a print or a task's end.
#[derive(Clone, Debug, PartialEq)]
pub struct Marker {
    /// The lane.
    pub lane: usize,
    /// Position, px.
    pub x: f64,
    /// Index of the event.
    pub event: usize,
}

/// Paint order: later kinds are drawn over earlier ones.
pub fn paint_rank(kind: Kind) -> u8 {
    match kind {
        Kind::Scenario => 0,
        Kind::Sleep | Kind::Io => 1,
        Kind::Ready => 2,
        Kind::Run => 3,
        Kind::Compute => 4,
        Kind::Block => 5,
        Kind::Print | Kind::End => 6,
        Kind::Frozen => 5,
    }
}

/// The trace's spans grouped by paint rank, lane and kind, each group sorted by start, with a
/// running maximum of ends so the visible slice is found by binary search. Built once per trace
/// snapshot, not per frame: that keeps a 100,000-span trace smooth to zoom and pan.
#[derive(Clone, Debug, Default)]
pub struct SpanIndex {
    groups: Vec<Group>,
}

#[derive(Clone, Debug)]
struct Group {
    lane: usize,
    kind: Kind,
    /// Event indices sorted by start.
    events: Vec<usize>,
    /// Their starts, kept beside them so binary searches stay in cache.
    starts: Vec<f64>,
    /// `max_end[i]` is the latest end among `events[..=i]`.
    max_end: Vec<f64>,
    /// `failed_before[i]` counts failed spans among `events[..i]`.
    failed_before: Vec<u32>,
}

impl SpanIndex {
    /// Indexes every span of `trace`.
    pub fn new(trace: &Trace) -> Self {
        let ev = &trace.events;
        // Sort compact keys, not events: the comparator then never leaves the cache. Starts are
        // non-negative, so their bit patterns order like the numbers.
        let mut keys: Vec<(u8, usize, u8, u64, usize)> = ev
            .iter()
            .enumerate()
            .filter(|(_, e)| !e.kind.is_instant())
            .map(|(i, e)| {
                let start = e.start_us.max(0.0).to_bits();
                (paint_rank(e.kind), e.task, e.kind as u8, start, i)
            })
            .collect();
        keys.sort_unstable();
        let order = keys.into_iter().map(|k| k.4);
        let mut groups: Vec<Group> = Vec::new();
        for i in order {
            let e = &ev[i];
            let same = groups
                .last()
                .is_some_and(|g| g.lane == e.task && g.kind == e.kind);
            if !same {
                groups.push(Group {
                    lane: e.task,
                    kind: e.kind,
                    events: Vec::new(),
                    starts: Vec::new(),
                    max_end: Vec::new(),
                    failed_before: vec![0],
                });
            }
            if let Some(g) = groups.last_mut() {
                let prev = g.max_end.last().copied().unwrap_or(f64::NEG_INFINITY);
                let failed = g.failed_before.last().copied().unwrap_or(0);
                g.events.push(i);
                g.starts.push(e.start_us);
                g.max_end.push(prev.max(e.end_us()));
                g.failed_before.push(failed + u32::from(e.error.is_some()));
            }
        }
        SpanIndex { groups }
    }

    /// How many spans it holds.
    pub fn len(&self) -> usize {
        self.groups.iter().map(|g| g.events.len()).sum()
    }

    /// Whether it holds no span.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// Spans in view as bars, in painting order (by kind, then lane, then time). Spans narrower
    /// than a pixel that touch their neighbour are merged, so 100,000 polls draw as a few hundred
    /// bars.
    pub fn bars(&self, trace: &Trace, vp: &Viewport) -> Vec<Bar> {
        let ev = &trace.events;
        let mut out: Vec<Bar> = Vec::new();
        for g in &self.groups {
            // First span that could reach into view, then every span starting before its end.
            let from = g.max_end.partition_point(|&end| end < vp.start_us);
            let to = from + g.starts[from..].partition_point(|&t| t <= vp.end_us);
            let first_of_group = out.len();
            let mut k = from;
            while k < to {
                let i = g.events[k];
                let e = &ev[i];
                k += 1;
                if e.end_us() < vp.start_us {
                    continue;
                }
                let x0 = vp.x(e.start_us).max(-1.0);
                let x1 = vp.x(e.end_us()).min(vp.width_px + 1.0);
                let w = (x1 - x0).max(min_width(e.kind));
                let merged = out.len() > first_of_group
                    && out.last_mut().is_some_and(|last| {
                        let gap = x0 - (last.x + last.w);
                        if gap < 1.0 && (w < 1.0 || last.w < 1.0 || gap < 0.0) {
                            let right = (x0 + w).max(last.x + last.w);
                            last.w = right - last.x;
                            last.merged += 1;
                            last.failed |= e.error.is_some();
                            true
                        } else {
                            false
                        }
                    });
                if !merged {
                    out.push(Bar {
                        lane: e.task,
                        kind: e.kind,
                        x: x0,
                        w,
                        event: i,
                        merged: 1,
                        failed: e.error.is_some(),
                    });
                }
                // Level of detail: every later span that starts within this bar's last pixel
                // merges into it, so jump over them at once instead of visiting each.
                if let Some(last) = out.last_mut() {
                    let pixel_end_us = vp.us_at((last.x + last.w).floor() + 1.0);
                    let skip = g.starts[k..to].partition_point(|&t| t < pixel_end_us);
                    if skip > 1 {
                        let end = k + skip;
                        let right = vp.x(g.max_end[end - 1]).min(vp.width_px + 1.0);
                        last.w = last.w.max(right - last.x);
                        last.merged += skip;
                        last.failed |= g.failed_before[end] > g.failed_before[k];
                        k = end;
                    }
                }
            }
        }
        out
    }
}

/// Spans in view as bars (see [`SpanIndex::bars`]); builds the index, so views that draw many
/// frames of one trace keep a [`SpanIndex`] instead.
pub fn bars(trace: &Trace, vp: &Viewport) -> Vec<Bar> {
    SpanIndex::new(trace).bars(trace, vp)
}

/// States that must stay visible however short: a 2 µs poll is still a poll.
fn min_width(kind: Kind) -> f64 {
    match kind {
        Kind::Run | Kind::Block | Kind::Compute => 1.0,
        _ => 0.0,
    }
}

/// Instants in view (prints and task ends).
pub fn markers(trace: &Trace, vp: &Viewport) -> Vec<Marker> {
    trace
        .events
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            e.kind.is_instant() && e.start_us >= vp.start_us && e.start_us <= vp.end_us
        })
        .map(|(i, e)| Marker {
            lane: e.task,
            x: vp.x(e.start_us),
            event: i,
        })
        .collect()
}

/// An axis tick.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// Position, px.
    pub x: f64,
    /// Label in scenario seconds (`1.5 s`).
    pub label: String,
}

/// Ticks at a round step of scenario seconds, about one per `min_gap_px`.
pub fn ticks(vp: &Viewport, us_per_s: f64, min_gap_px: f64) -> Vec<Tick> {
    let span_s = (vp.end_us - vp.start_us) / us_per_s;
    if span_s <= 0.0 || !span_s.is_finite() {
        return Vec::new();
    }
    let raw = span_s * min_gap_px / vp.width_px;
    let step = nice_step(raw);
    let first = (vp.start_us / us_per_s / step).ceil() as i64;
    let last = (vp.end_us / us_per_s / step).floor() as i64;
    let decimals = (-step.log10().floor()).max(0.0) as usize;
    (first..=last)
        .take(1000)
        .map(|k| {
            let s = k as f64 * step;
            Tick {
                x: vp.x(s * us_per_s),
                label: format!("{s:.decimals$} s"),
            }
        })
        .collect()
}

/// The smallest of 1, 2, 5 × 10ⁿ at least `raw`.
pub fn nice_step(raw: f64) -> f64 {
    let exp = raw.log10().floor();
    let base = 10f64.powf(exp);
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * base)
        .find(|&s| s >= raw * 0.999_999)
        .unwrap_or(10.0 * base)
}

/// The event under the pointer on `lane` at `x`: a marker within 4 px first, else the narrowest
/// span there (so a poll inside a sleep is found, not the sleep).
pub fn hit(trace: &Trace, vp: &Viewport, lane: usize, x: f64) -> Option<usize> {
    let t = vp.us_at(x);
    let tol = 4.0 * vp.us_per_px();
    let slack = vp.us_per_px();
    // One pass, no allocation: this runs on every pointer move.
    let mut marker: Option<(usize, f64)> = None;
    let mut span: Option<(usize, f64)> = None;
    for (i, e) in trace.events.iter().enumerate() {
        if e.task != lane {
            continue;
        }
        if e.kind.is_instant() {
            let d = (e.start_us - t).abs();
            if d <= tol && marker.is_none_or(|(_, best)| d < best) {
                marker = Some((i, d));
            }
        } else if e.start_us - slack <= t
            && t <= e.end_us() + slack
            && span.is_none_or(|(_, best)| e.dur_us < best)
        {
            span = Some((i, e.dur_us));
        }
    }
    marker.or(span).map(|(i, _)| i)
}

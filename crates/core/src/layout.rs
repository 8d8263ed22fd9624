//! Timeline geometry: trace + viewport → bars, markers and axis ticks in pixels. Pure math, so the
//! canvas view only paints what this returns, and tests can check what lands where.

use awaitlab_i18n::{tr, Lang};

use super::trace::{Event, Kind, Outcome, Trace};

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
/// running maximum of ends so the visible slice is found by binary search. Built once per trace,
/// not per frame: that keeps a 100,000-span trace smooth to zoom and pan; a live run's grows with
/// its events ([`SpanIndex::extend`]) instead of being built again for every snapshot.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SpanIndex {
    groups: Vec<Group>,
}

#[derive(Clone, Debug, PartialEq)]
struct Group {
    lane: usize,
    kind: Kind,
    /// Event indices sorted by start (then by index).
    events: Vec<usize>,
    /// Their starts, kept beside them so binary searches stay in cache.
    starts: Vec<f64>,
    /// `max_end[i]` is the latest end among `events[..=i]`.
    max_end: Vec<f64>,
    /// `failed_before[i]` counts failed spans among `events[..i]`.
    failed_before: Vec<u32>,
    /// The largest event index in the group (what [`SpanIndex::truncate`] looks for).
    last_event: usize,
}

/// A group's place in painting order: paint rank, lane, kind.
type GroupKey = (u8, usize, u8);

/// The order of groups: by paint rank, then lane, then kind.
fn group_key(lane: usize, kind: Kind) -> GroupKey {
    (paint_rank(kind), lane, kind as u8)
}

/// The order of spans within a group: by start, then by index. Starts are non-negative, so their
/// bit patterns order like the numbers.
fn span_key(start_us: f64, i: usize) -> (u64, usize) {
    (start_us.max(0.0).to_bits(), i)
}

impl Group {
    fn new(lane: usize, kind: Kind) -> Self {
        Group {
            lane,
            kind,
            events: Vec::new(),
            starts: Vec::new(),
            max_end: Vec::new(),
            failed_before: vec![0],
            last_event: 0,
        }
    }

    fn key(&self) -> GroupKey {
        group_key(self.lane, self.kind)
    }

    /// Adds span `i` (`e`) in its place: at the end, as spans mostly come, else where its start
    /// puts it.
    fn add(&mut self, i: usize, e: &Event, ev: &[Event]) {
        let mine = span_key(e.start_us, i);
        let last = self.events.last().map(|&j| span_key(ev[j].start_us, j));
        if last.is_none_or(|last| last < mine) {
            self.push(i, e);
            return;
        }
        let p = self
            .events
            .partition_point(|&j| span_key(ev[j].start_us, j) < mine);
        self.events.insert(p, i);
        self.starts.insert(p, e.start_us);
        self.last_event = self.last_event.max(i);
        self.refresh_from(p, ev);
    }

    /// Appends span `i`, which starts no earlier than every span in the group.
    fn push(&mut self, i: usize, e: &super::trace::Event) {
        let prev = self.max_end.last().copied().unwrap_or(f64::NEG_INFINITY);
        let failed = self.failed_before.last().copied().unwrap_or(0);
        self.events.push(i);
        self.starts.push(e.start_us);
        self.max_end.push(prev.max(e.end_us()));
        self.failed_before
            .push(failed + u32::from(e.error.is_some()));
        self.last_event = self.last_event.max(i);
    }

    /// Recomputes the running figures from position `from` on.
    fn refresh_from(&mut self, from: usize, ev: &[super::trace::Event]) {
        let mut max = if from == 0 {
            f64::NEG_INFINITY
        } else {
            self.max_end[from - 1]
        };
        let mut failed = self.failed_before[from];
        self.max_end.truncate(from);
        self.failed_before.truncate(from + 1);
        for &i in &self.events[from..] {
            let e = &ev[i];
            max = max.max(e.end_us());
            failed += u32::from(e.error.is_some());
            self.max_end.push(max);
            self.failed_before.push(failed);
        }
    }
}

impl SpanIndex {
    /// Indexes every span of `trace`.
    pub fn new(trace: &Trace) -> Self {
        let ev = &trace.events;
        // Sort compact keys, not events: the comparator then never leaves the cache.
        let mut keys: Vec<(GroupKey, (u64, usize))> = ev
            .iter()
            .enumerate()
            .filter(|(_, e)| !e.kind.is_instant())
            .map(|(i, e)| (group_key(e.task, e.kind), span_key(e.start_us, i)))
            .collect();
        keys.sort_unstable();
        let order = keys.into_iter().map(|k| k.1 .1);
        let mut groups: Vec<Group> = Vec::new();
        for i in order {
            let e = &ev[i];
            let same = groups
                .last()
                .is_some_and(|g| g.lane == e.task && g.kind == e.kind);
            if !same {
                groups.push(Group::new(e.task, e.kind));
            }
            if let Some(g) = groups.last_mut() {
                g.push(i, e);
            }
        }
        SpanIndex { groups }
    }

    /// Adds the spans among `trace`'s events from index `from` on, as if the index had been built
    /// from the whole trace: the same as [`SpanIndex::new`] gives for it, when the index held the
    /// spans of exactly `trace.events[..from]` before. A span that starts before others already in
    /// its group (rare: a span is recorded when it ends) is inserted in its place.
    pub fn extend(&mut self, trace: &Trace, from: usize) {
        let ev = &trace.events;
        // Groups the new events open are gathered apart and merged in once: inserting each into
        // the sorted list shifted every group after it, and a live snapshot of 10,000 tasks
        // waiting in the ready queue opens 10,000 groups (10,000 × 30,000 moves a snapshot).
        let mut fresh: Vec<Group> = Vec::new();
        let mut fresh_at: std::collections::HashMap<GroupKey, usize> =
            std::collections::HashMap::new();
        for (i, e) in ev.iter().enumerate().skip(from) {
            if e.kind.is_instant() {
                continue;
            }
            let key = group_key(e.task, e.kind);
            let g = match self.groups.binary_search_by_key(&key, Group::key) {
                Ok(at) => &mut self.groups[at],
                Err(_) => {
                    let at = *fresh_at.entry(key).or_insert_with(|| {
                        fresh.push(Group::new(e.task, e.kind));
                        fresh.len() - 1
                    });
                    &mut fresh[at]
                }
            };
            g.add(i, e, ev);
        }
        if !fresh.is_empty() {
            fresh.sort_unstable_by_key(Group::key);
            let old = std::mem::take(&mut self.groups);
            self.groups.reserve(old.len() + fresh.len());
            let (mut a, mut b) = (old.into_iter().peekable(), fresh.into_iter().peekable());
            loop {
                let take_old = match (a.peek(), b.peek()) {
                    (Some(x), Some(y)) => x.key() < y.key(),
                    (Some(_), None) => true,
                    (None, Some(_)) => false,
                    (None, None) => break,
                };
                let next = if take_old { a.next() } else { b.next() };
                self.groups.extend(next);
            }
        }
    }

    /// Drops the spans of events from index `len` on (a live run's open spans, which the next
    /// snapshot replaces). Only groups that hold such a span are touched.
    pub fn truncate(&mut self, trace: &Trace, len: usize) {
        let ev = &trace.events;
        for g in &mut self.groups {
            if g.events.is_empty() || g.last_event < len {
                continue;
            }
            let first = g.events.iter().position(|&i| i >= len).unwrap_or(0);
            if g.events[first..].iter().all(|&i| i >= len) {
                // The usual case: the spans to drop are the group's last (open spans end a
                // group), so it is cut where they begin, without building it anew.
                g.events.truncate(first);
                g.starts.truncate(first);
                g.last_event = g.events.iter().copied().max().unwrap_or(0);
                g.refresh_from(first, ev);
                continue;
            }
            let (events, starts): (Vec<usize>, Vec<f64>) = g
                .events
                .iter()
                .zip(&g.starts)
                .filter(|(&i, _)| i < len)
                .map(|(&i, &s)| (i, s))
                .unzip();
            g.events = events;
            g.starts = starts;
            g.last_event = g.events.iter().copied().max().unwrap_or(0);
            g.refresh_from(first.min(g.events.len()), ev);
        }
        self.groups.retain(|g| !g.events.is_empty());
    }

    /// Brings the index of a trace that grew up to date: the first `stable` events are the same
    /// as when it was last updated, later ones may have changed (open spans) or be new.
    pub fn update(&mut self, trace: &Trace, stable: usize) {
        self.truncate(trace, stable);
        self.extend(trace, stable);
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
        self.bars_where(trace, vp, |_| true)
    }

    /// [`bars`](Self::bars) of the lanes `keep` keeps (those a canvas shows: a run of 10,000
    /// lanes shows a window's worth).
    pub fn bars_where(
        &self,
        trace: &Trace,
        vp: &Viewport,
        keep: impl Fn(usize) -> bool,
    ) -> Vec<Bar> {
        let ev = &trace.events;
        let mut out: Vec<Bar> = Vec::new();
        for g in &self.groups {
            if !keep(g.lane) {
                continue;
            }
            // First span that could reach into view, then every span starting before its end.
            let from = g.max_end.partition_point(|&end| end < vp.start_us);
            let to = from + g.starts[from..].partition_point(|&t| t <= vp.end_us);
            let first_of_group = out.len();
            let mut k = from;
            while k < to {
                let i = g.events[k];
                k += 1;
                let Some(e) = ev.get(i) else { continue };
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

/// Ticks at a round step of scenario seconds, about one per `min_gap_px`, labelled in `lang`.
pub fn ticks(vp: &Viewport, us_per_s: f64, min_gap_px: f64, lang: Lang) -> Vec<Tick> {
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
                label: tr!(lang, "axis-seconds", s = format!("{s:.decimals$}")),
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

/// The start of the next event after `from_us` (`forward`), or of the previous one before it, by
/// more than `slack` (what ←/→ on the timeline step to). Zero-length polls are skipped: they are
/// never drawn wider than a pixel of their own.
pub fn step(trace: &Trace, from_us: f64, forward: bool, slack: f64) -> Option<f64> {
    let times = trace
        .events
        .iter()
        .filter(|e| e.kind != Kind::Run || e.dur_us > 0.0)
        .map(|e| e.start_us);
    if forward {
        times.filter(|&t| t > from_us + slack).reduce(f64::min)
    } else {
        times.filter(|&t| t < from_us - slack).reduce(f64::max)
    }
}

/// What a span of `kind` means, in the legend's words (the tooltip and the table say it so).
pub fn kind_words(kind: Kind, lang: Lang) -> String {
    match kind {
        Kind::Run => tr!(lang, "kind-run"),
        Kind::Block => tr!(lang, "kind-block"),
        Kind::Sleep => tr!(lang, "kind-sleep"),
        Kind::Io => tr!(lang, "kind-io"),
        Kind::Ready => tr!(lang, "kind-ready"),
        Kind::Compute => tr!(lang, "kind-compute"),
        Kind::Scenario => tr!(lang, "kind-scenario"),
        Kind::Print => tr!(lang, "kind-print"),
        Kind::End => tr!(lang, "kind-end"),
        Kind::Frozen => tr!(lang, "kind-frozen"),
    }
}

/// How a task ended (`None`: it has not yet), in a word: the tooltip, the gutter and the
/// summary say it so (the export keeps [`Outcome::label`]).
pub fn outcome_words(outcome: Option<&Outcome>, lang: Lang) -> String {
    match outcome {
        None => tr!(lang, "outcome-running"),
        Some(Outcome::Done) => tr!(lang, "outcome-done"),
        Some(Outcome::Failed(_)) => tr!(lang, "outcome-failed"),
        Some(Outcome::Cancelled) => tr!(lang, "outcome-cancelled"),
    }
}

/// What event `e` was, as the tooltip and the table show it: its label, except a frozen page's,
/// which the page words (the trace keeps the English label for the export).
pub fn what_words(e: &Event, lang: Lang) -> String {
    match (e.kind, e.value) {
        (Kind::Frozen, Some(ms)) => tr!(lang, "frozen-label", ms = format!("{ms:.0}")),
        _ => e.label.to_string(),
    }
}

/// The tooltip text for event `i`: task, state, operation, start and duration, read from the
/// trace as `recorded` (its times); `drawn` is the same trace as laid out by the loop's steps,
/// when it is (the text then adds the event's step).
pub fn describe(recorded: &Trace, drawn: Option<&Trace>, i: usize, lang: Lang) -> String {
    let trace = recorded;
    let Some(e) = trace.events.get(i) else {
        return String::new();
    };
    let task = trace.tasks.get(e.task).map_or("?", |t| t.name.as_str());
    let state = kind_words(e.kind, lang);
    let meta = &trace.meta;
    let mut text = format!("{task} · {state}");
    if let Some(line) = e.line {
        let line = tr!(lang, "tip-line", line = line.to_string());
        text.push_str(&format!(" · {line}"));
    }
    text.push('\n');
    match e.kind {
        Kind::Print => {
            let printed = e.label.replace('\t', " ");
            text.push_str(&tr!(lang, "tip-print", text = printed));
            text.push('\n');
        }
        Kind::End => {
            let outcome = trace.tasks.get(e.task).and_then(|t| t.outcome.as_ref());
            match outcome {
                Some(Outcome::Failed(msg)) => text.push_str(&tr!(lang, "tip-failed", error = msg)),
                Some(o) => text.push_str(&outcome_words(Some(o), lang)),
                None => text.push_str(&tr!(lang, "kind-end")),
            }
            text.push('\n');
        }
        _ => {
            let what = what_words(e, lang);
            match e.value {
                Some(v) => {
                    text.push_str(&tr!(lang, "tip-value", what = what, value = v.to_string()))
                }
                None => text.push_str(&what),
            }
            text.push('\n');
        }
    }
    if let Some(d) = drawn.and_then(|d| d.events.get(i)) {
        let step = tr!(
            lang,
            "tip-step",
            step = format!("{:.0}", d.start_us.floor())
        );
        text.push_str(&format!("{step} · "));
    }
    let at = format!("{:.3}", meta.to_s(e.start_us));
    text.push_str(&tr!(lang, "tip-at", s = at));
    if !e.kind.is_instant() {
        let lasted = tr!(
            lang,
            "tip-lasted",
            s = format!("{:.3}", meta.to_s(e.dur_us)),
            ms = format!("{:.2}", e.dur_us / 1000.0)
        );
        text.push_str(&format!(" · {lasted}"));
    }
    if let Some(err) = &e.error {
        text.push('\n');
        text.push_str(&tr!(lang, "tip-error", error = err));
    }
    text
}

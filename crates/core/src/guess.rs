//! A learner's guess before a run, and how it scored: the console's lines put in the order they
//! expect and the total time they expect, checked line by line against what the run printed and
//! how long it took. The lines to order come from the prediction (the virtual-clock run), shuffled
//! so the starting order gives nothing away; the answer is always the measured run.

use crate::console::print_order;
use crate::input::normalise;
use crate::trace::Trace;

/// What `trace` printed, in the console's order.
pub fn printed(trace: &Trace) -> Vec<String> {
    print_order(trace, trace)
        .into_iter()
        .map(|i| trace.events[i].label.to_string())
        .collect()
}

/// `lines` in an order to start guessing from: the same for the same lines (a reload, a test),
/// and never the right one when there is more than one way to order them.
pub fn shuffled(lines: &[String]) -> Vec<String> {
    let mut out = lines.to_vec();
    // FNV-1a over the lines seeds a small xorshift: no dependency, and the same every time.
    let mut seed: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in lines.iter().flat_map(|l| l.bytes().chain([0])) {
        seed = (seed ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for i in (1..out.len()).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        out.swap(i, j);
    }
    if out == lines && lines.iter().any(|l| *l != lines[0]) {
        // Landed on the answer: rotate until it is not (some rotation differs, as not all lines
        // are equal).
        while out == lines {
            out.rotate_left(1);
        }
    }
    out
}

/// One line of the guess against the run.
#[derive(Clone, Debug, PartialEq)]
pub struct LineScore {
    /// The line the learner put here.
    pub guessed: String,
    /// The line the run printed here (`None` past the run's last line).
    pub actual: Option<String>,
}

impl LineScore {
    /// Whether the learner put the right line here.
    pub fn right(&self) -> bool {
        self.actual.as_deref() == Some(self.guessed.as_str())
    }
}

/// The total time guessed against the run's.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TotalScore {
    /// The learner's guess, scenario seconds.
    pub guessed_s: f64,
    /// The measured total, scenario seconds.
    pub measured_s: f64,
}

impl TotalScore {
    /// Within a tenth of the measured total (or 0.1 s of a short one): a measured run is a
    /// little late by nature, and the lesson is sum against max, not the last digit.
    pub fn close(&self) -> bool {
        (self.guessed_s - self.measured_s).abs() <= (0.1 * self.measured_s).max(0.1)
    }
}

/// A guess scored.
#[derive(Clone, Debug, PartialEq)]
pub struct Score {
    /// Line by line, in the learner's order.
    pub lines: Vec<LineScore>,
    /// Lines the run printed that the guess did not reach (when the run printed more than the
    /// prediction did: a run stopped or failed differently).
    pub unguessed: Vec<String>,
    /// The total, when the learner gave one and the run has one.
    pub total: Option<TotalScore>,
}

impl Score {
    /// How many lines are where the run printed them.
    pub fn in_place(&self) -> usize {
        self.lines.iter().filter(|l| l.right()).count()
    }

    /// How many lines the run printed.
    pub fn of(&self) -> usize {
        self.lines.iter().filter(|l| l.actual.is_some()).count() + self.unguessed.len()
    }
}

/// Scores `order` (the learner's lines) and `total` against the run's printed lines and its
/// measured total.
pub fn score(
    order: &[String],
    total: Option<f64>,
    actual: &[String],
    measured_s: Option<f64>,
) -> Score {
    let lines = order
        .iter()
        .enumerate()
        .map(|(i, guessed)| LineScore {
            guessed: guessed.clone(),
            actual: actual.get(i).cloned(),
        })
        .collect();
    let unguessed = actual.iter().skip(order.len()).cloned().collect();
    let total = total
        .zip(measured_s)
        .map(|(guessed_s, measured_s)| TotalScore {
            guessed_s,
            measured_s,
        });
    Score {
        lines,
        unguessed,
        total,
    }
}

/// Reads a guessed total as typed (`3`, `2.5`, `３`, `2。5`, `3 s`): `None` when it is not a
/// number of seconds from 0 up (then the guess is of the order only).
pub fn read_total(text: &str) -> Option<f64> {
    let text = normalise(text);
    let text = text.trim();
    let text = text
        .strip_suffix('s')
        .or_else(|| text.strip_suffix('秒'))
        .unwrap_or(text)
        .trim();
    let value: f64 = text.parse().ok()?;
    (0.0..1e9).contains(&value).then_some(value)
}

/// `items` with the one at `from` moved to `to` (clamped to the list; nothing moves when
/// `from` is past it).
pub fn moved<T: Clone>(items: &[T], from: usize, to: usize) -> Vec<T> {
    let mut out = items.to_vec();
    if from < out.len() {
        let item = out.remove(from);
        out.insert(to.min(out.len()), item);
    }
    out
}

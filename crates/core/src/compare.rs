//! Two runs of one scenario compared (`compare=<mode>`): how many times faster the quicker run
//! was, from the measured totals, beside what the predictions said (a sum of waits against
//! their max is the tutorials' lesson); and both runs in one exported trace.

use crate::chrome_json::ChromeFile;
use crate::trace::Trace;

/// One run of a comparison, in scenario seconds.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Totals {
    /// The prediction's total.
    pub predicted_s: Option<f64>,
    /// The measured total (a run that ended normally).
    pub measured_s: Option<f64>,
}

/// How many times faster one run was than the other.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SpeedUp {
    /// Which run was faster: 0 the first, 1 the second.
    pub faster: usize,
    /// The slower total over the faster one (1 when they are equal).
    pub times: f64,
}

/// The speed-up between totals `a` and `b` (`None` unless both are positive and finite).
pub fn speed_up(a: f64, b: f64) -> Option<SpeedUp> {
    let ok = |x: f64| x.is_finite() && x > 0.0;
    if !ok(a) || !ok(b) {
        return None;
    }
    Some(if b < a {
        SpeedUp {
            faster: 1,
            times: a / b,
        }
    } else {
        SpeedUp {
            faster: 0,
            times: b / a,
        }
    })
}

/// The measured speed-up of `a` and `b`.
pub fn measured(a: Totals, b: Totals) -> Option<SpeedUp> {
    speed_up(a.measured_s?, b.measured_s?)
}

/// The predicted speed-up of `a` and `b`.
pub fn predicted(a: Totals, b: Totals) -> Option<SpeedUp> {
    speed_up(a.predicted_s?, b.predicted_s?)
}

/// The chart's bars: each run's predicted and measured totals as fractions of the longest of
/// them all, so the four bars share one scale.
pub fn bars(runs: &[Totals]) -> Vec<(Option<f64>, Option<f64>)> {
    let longest = runs
        .iter()
        .flat_map(|t| [t.predicted_s, t.measured_s])
        .flatten()
        .filter(|x| x.is_finite())
        .fold(0.0_f64, f64::max);
    let part = |x: Option<f64>| {
        x.filter(|x| x.is_finite() && longest > 0.0)
            .map(|x| (x / longest).clamp(0.0, 1.0))
    };
    runs.iter()
        .map(|t| (part(t.predicted_s), part(t.measured_s)))
        .collect()
}

/// Two runs as one Chrome trace file: the first run as process 1, the second as process 2, each
/// named by its mode; `otherData` is the first's, with the second's under `compare`. Perfetto
/// shows them one above the other on one time axis. Each run comes with the prediction's total
/// its export carries (see [`Trace::to_chrome_text`]); written straight to text, as one run's is.
pub fn merged_chrome_text(first: (&Trace, Option<f64>), second: (&Trace, Option<f64>)) -> String {
    ChromeFile::two(first, second).to_text()
}

/// [`merged_chrome_text`] written to `out` as it goes.
pub fn write_merged_chrome_json(
    first: (&Trace, Option<f64>),
    second: (&Trace, Option<f64>),
    out: impl std::io::Write,
) -> std::io::Result<()> {
    ChromeFile::two(first, second).write_to(out)
}

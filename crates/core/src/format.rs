//! Numbers as the page writes them: seconds as a tutorial does, rates and durations in the unit
//! that suits them. A leaf, so every layer can format without importing the runtime.

/// Seconds as the tutorial writes them: `1`, `0.8`, `0.5`.
pub fn fmt_s(s: f64) -> String {
    let text = format!("{s:.3}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Formats a rate with three significant figures and a unit: `3.45 M`, `92.1 k`, `238`.
pub fn fmt_rate(per_s: f64) -> String {
    let (x, unit) = if per_s >= 1e6 {
        (per_s / 1e6, " M")
    } else if per_s >= 1e3 {
        (per_s / 1e3, " k")
    } else {
        (per_s, "")
    };
    let digits = if x >= 100.0 {
        0
    } else if x >= 10.0 {
        1
    } else {
        2
    };
    format!("{x:.digits$}{unit}")
}

/// Microseconds in the unit that suits them: `0.29 µs`, `12.4 µs`, `4.19 ms`, `4.19 s`.
pub fn fmt_us(us: f64) -> String {
    let (x, unit) = if us >= 1e6 {
        (us / 1e6, "s")
    } else if us >= 1e3 {
        (us / 1e3, "ms")
    } else {
        (us, "µs")
    };
    let digits = if x >= 100.0 {
        0
    } else if x >= 10.0 {
        1
    } else {
        2
    };
    format!("{x:.digits$} {unit}")
}

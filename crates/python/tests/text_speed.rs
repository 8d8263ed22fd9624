//! A speed sanity check for the hottest text paths, printed, not asserted (the figure that
//! matters is the release one: `cargo test --release -p awaitlab-python --test text_speed --
//! --nocapture`).

use awaitlab_python::text;
use std::hint::black_box;
use std::time::Instant;

/// `typical`: values a tutorial prints (0.001 to 1e6, short and long decimals); otherwise
/// random bit patterns across all exponents, whose fixed-point forms run to 300 digits.
fn floats(n: usize, typical: bool) -> Vec<f64> {
    let mut state = 0x1234_5678_9abc_def0u64;
    (0..n)
        .map(|i| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            if typical {
                let unit = (state >> 11) as f64 / (1u64 << 53) as f64;
                match i % 3 {
                    0 => (state % 1_000_000) as f64 / 1000.0,
                    1 => unit * 10f64.powi((state % 10) as i32 - 3),
                    _ => (state % 100_000) as f64,
                }
            } else {
                let x = f64::from_bits(state);
                if x.is_finite() {
                    x
                } else {
                    1.5
                }
            }
        })
        .collect()
}

fn per_call(name: &str, xs: &[f64], f: impl Fn(f64) -> String) {
    let start = Instant::now();
    let mut bytes = 0;
    for &x in xs {
        bytes += black_box(f(black_box(x))).len();
    }
    let ns = start.elapsed().as_nanos() as f64 / xs.len() as f64;
    let profile = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    println!(
        "{name}: {ns:.0} ns per call ({profile} build, {} calls, {bytes} bytes)",
        xs.len()
    );
}

#[test]
fn text_speed_figures() {
    let n = if cfg!(debug_assertions) {
        20_000
    } else {
        300_000
    };
    for (label, typical) in [("typical floats", true), ("all exponents", false)] {
        println!("{label}:");
        let xs = floats(n, typical);
        per_call("  float_repr", &xs, text::float_repr);
        per_call("  format_float(x, \".4f\")", &xs, |x| {
            text::format_float(x, ".4f").unwrap_or_default()
        });
        per_call("  for scale, Rust's format!(\"{x:e}\")", &xs, |x| {
            format!("{x:e}")
        });
        per_call("  for scale, Rust's format!(\"{x:.4}\")", &xs, |x| {
            format!("{x:.4}")
        });
    }
}

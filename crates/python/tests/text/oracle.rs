//! Shared by the golden tests: a deterministic PRNG, one batched CPython run per test, and the
//! byte-for-byte comparison with its tally of deliberate differences.

#![allow(dead_code)]

use awaitlab_python::text::{Exc, PyErr};
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Write;
use std::process::{Command, Stdio};

/// SplitMix64: deterministic, so every run compares the same cases.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }
    /// Ints of every magnitude, with i64's edges and small values favoured.
    pub fn int(&mut self) -> i64 {
        match self.below(10) {
            0 => self.pick(&[
                0,
                1,
                -1,
                i64::MAX,
                i64::MIN,
                i64::MAX - 1,
                i64::MIN + 1,
                2,
                -2,
            ]),
            1..=3 => self.range(-1000, 1000),
            4 => self.next() as i64,
            _ => {
                let bits = self.below(63) as u32;
                let v = (self.next() >> (63 - bits)) as i64;
                if self.chance(50) {
                    -v
                } else {
                    v
                }
            }
        }
    }
    /// Floats across all exponents (subnormals included), specials, integers, exact halves
    /// and short decimals.
    pub fn float(&mut self) -> f64 {
        let sign = if self.chance(50) { -1.0 } else { 1.0 };
        match self.below(12) {
            0 => {
                self.pick(&[
                    0.0,
                    -0.0,
                    f64::INFINITY,
                    f64::NEG_INFINITY,
                    f64::NAN,
                    f64::MAX,
                    f64::MIN_POSITIVE,
                    5e-324,
                    1e16,
                    1e22,
                    2.675,
                    0.125,
                    0.5,
                    1.5,
                    2.5,
                    1e-5,
                    9_999_999_999_999_998.0,
                    123456789012345680.0,
                    0.1,
                ]) * sign
            }
            1..=3 => f64::from_bits(self.next()),
            4 => sign * self.range(0, 100_000) as f64,
            5 => sign * (self.range(-2000, 2000) as f64 + 0.5) / (1u64 << self.below(12)) as f64,
            6 => sign * 10f64.powi(self.range(-30, 30) as i32) * self.range(1, 9) as f64,
            7 => sign * (self.next() >> self.below(64)) as f64,
            8 => f64::from_bits(self.below(1 << 52)), // subnormal
            _ => {
                // A short decimal like 2.675 or 1.2345e-7.
                let digits = self.range(1, 99999);
                let exp = self.range(-12, 20);
                format!("{}e{exp}", digits).parse::<f64>().unwrap() * sign
            }
        }
    }
}

/// One result: CPython's or ours.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The result's text (a str, or the repr of a number or tuple).
    Ok(String),
    /// An exception: class and message.
    Err(String, String),
    /// CPython's result held a lone surrogate.
    Surrogate,
}

/// Our error as an outcome; our i64 overflow keeps a class of its own so it is never mistaken
/// for CPython's OverflowError.
pub fn err(e: &PyErr) -> Outcome {
    let class = if e.exc == Exc::Overflow {
        "Overflow(i64)".to_string()
    } else {
        e.exc.name().to_string()
    };
    Outcome::Err(class, e.msg.clone())
}

pub fn outcome<T, F: FnOnce(T) -> String>(r: Result<T, PyErr>, show: F) -> Outcome {
    match r {
        Ok(v) => Outcome::Ok(show(v)),
        Err(e) => err(&e),
    }
}

pub fn float_bits(x: f64) -> String {
    format!("{:016x}", x.to_bits())
}

/// Runs every case through one python3 process.
pub fn cpython(cases: &[Value]) -> Vec<Outcome> {
    let version = python_version();
    assert!(
        version.starts_with("3.11."),
        "the golden tests compare with CPython 3.11, but python3 is {version:?}"
    );
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/text/cpython_oracle.py");
    let mut child = Command::new("python3")
        .arg(script)
        .env("PYTHONIOENCODING", "utf-8")
        .env("PYTHONUTF8", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 (CPython 3.11) must be on PATH for the golden tests");
    let mut stdin = child.stdin.take().expect("stdin");
    let input: String = cases.iter().map(|c| c.to_string() + "\n").collect();
    let writer = std::thread::spawn(move || {
        stdin.write_all(input.as_bytes()).expect("write cases");
    });
    let output = child.wait_with_output().expect("python3 output");
    writer.join().expect("writer thread");
    assert!(output.status.success(), "the oracle failed");
    let text = String::from_utf8(output.stdout).expect("utf-8");
    let results: Vec<Outcome> = text
        .lines()
        .map(|line| {
            let v: Value = serde_json::from_str(line).expect("oracle json");
            match v[0].as_str() {
                Some("ok") => Outcome::Ok(v[1].as_str().unwrap().to_string()),
                Some("err") => Outcome::Err(
                    v[1].as_str().unwrap().to_string(),
                    v[2].as_str().unwrap().to_string(),
                ),
                _ => Outcome::Surrogate,
            }
        })
        .collect();
    assert_eq!(results.len(), cases.len(), "one answer per case");
    results
}

/// Whether `text` holds an integer outside i64 (CPython's big-int results).
fn has_big_int(text: &str) -> bool {
    if text.contains("big int") {
        return true;
    }
    text.split(|c: char| !(c.is_ascii_digit() || c == '-'))
        .filter(|t| t.chars().any(|c| c.is_ascii_digit()))
        .any(|t| t.parse::<i64>().is_err())
}

/// Why ours may differ from CPython's on purpose, if it does.
fn deliberate(ours: &Outcome, theirs: &Outcome) -> Option<&'static str> {
    match (ours, theirs) {
        (Outcome::Err(class, _), Outcome::Ok(text))
            if class == "Overflow(i64)" && has_big_int(text) =>
        {
            Some("an int beyond i64, which CPython returns as a big int: we raise Overflow")
        }
        (Outcome::Err(_, msg), Outcome::Surrogate) if msg.contains("surrogate") => {
            Some("a lone surrogate, which a Rust string cannot hold: we raise ValueError")
        }
        (Outcome::Err(_, msg), Outcome::Ok(text))
            if text == "complex" && msg.contains("complex") =>
        {
            Some("a complex result (negative ** fractional): we have no complex, we raise")
        }
        (Outcome::Err(_, msg), Outcome::Err(_, theirs))
            if theirs == "complex exponentiation" && msg.contains("complex") =>
        {
            Some("a complex result (negative ** fractional): we have no complex, we raise")
        }
        _ => None,
    }
}

/// Compares ours with CPython's case by case and reports.
pub fn compare(name: &str, cases: &[Value], ours: &[Outcome]) {
    let theirs = cpython(cases);
    let mut same = 0;
    let mut differences: BTreeMap<&str, usize> = BTreeMap::new();
    let mut failures = Vec::new();
    for ((case, ours), theirs) in cases.iter().zip(ours).zip(&theirs) {
        if ours == theirs {
            same += 1;
        } else if let Some(why) = deliberate(ours, theirs) {
            *differences.entry(why).or_default() += 1;
        } else {
            let mut case = case.to_string();
            if case.len() > 400 {
                case = format!("{}…", case.chars().take(400).collect::<String>());
            }
            failures.push(format!(
                "{case}\n    ours:    {ours:?}\n    CPython: {theirs:?}"
            ));
        }
    }
    let raised = theirs
        .iter()
        .filter(|t| matches!(t, Outcome::Err(..)))
        .count();
    println!(
        "{name}: {} cases compared with CPython {} ({} results, {raised} exceptions): {same} \
         identical, {} deliberate differences, {} failures",
        cases.len(),
        python_version(),
        cases.len() - raised,
        differences.values().sum::<usize>(),
        failures.len()
    );
    for (why, n) in &differences {
        println!("    deliberate ({n}): {why}");
    }
    if !failures.is_empty() {
        for f in failures.iter().take(40) {
            println!("MISMATCH {f}");
        }
        panic!("{name}: {} cases differ from CPython", failures.len());
    }
}

fn python_version() -> String {
    Command::new("python3")
        .arg("--version")
        .output()
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .trim()
                .replace("Python ", "")
        })
        .unwrap_or_default()
}

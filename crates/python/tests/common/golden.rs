//! Golden-test helpers: run a program under CPython 3.11 with `tests/golden/cpython_run.py`,
//! compare console output line by line, and read the programs' manifests.
//!
//! The standard is CPython's own output at test time (nothing expected is stored): a golden
//! test runs [`cpython`] (or [`cpython_entry`]) on a file, runs the interpreter on the same
//! file, and calls [`compare_lines`]. `tests/golden/README.md` states what the runner does
//! (virtual clock from 0.0, `time.time()` = 1704067200.0 + clock, fake network latency 0 s,
//! the limits) and so what the interpreter must mimic.
//!
//! Python: `python3` on `PATH`, or the executable named by `AWAITLAB_PYTHON`; it should be
//! CPython 3.11 (the runner warns on stderr otherwise).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// `crates/python/tests`.
pub fn tests_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests")
}

/// The runner script, `tests/golden/cpython_run.py`.
pub fn runner_path() -> PathBuf {
    tests_dir().join("golden").join("cpython_run.py")
}

/// The Python executable the runner is started with.
pub fn python() -> String {
    std::env::var("AWAITLAB_PYTHON").unwrap_or_else(|_| "python3".to_string())
}

/// How CPython's clock runs (the runner's `--mode`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Mode {
    /// Exact and instant: timers and `time.sleep` move a virtual clock (the default).
    Virtual,
    /// Real time, every sleep and timeout divided by `scale` and every clock reading
    /// multiplied back (for threads and processes); compare with a [`Tolerance`].
    Scaled {
        /// The factor (the runner's default is 20).
        scale: f64,
    },
}

impl Mode {
    /// Scaled mode at the runner's default factor, 20.
    pub const SCALED: Mode = Mode::Scaled { scale: 20.0 };

    fn args(self) -> Vec<String> {
        match self {
            Mode::Virtual => vec!["--mode".into(), "virtual".into()],
            Mode::Scaled { scale } => vec![
                "--mode".into(),
                "scaled".into(),
                "--scale".into(),
                scale.to_string(),
            ],
        }
    }
}

/// Which limit ended a run early.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// The clock passed `--virtual-limit` (3600 s): a runaway program.
    Virtual,
    /// Real time passed `--wall-limit` (10 s): the process group was killed.
    Wall,
    /// The event loop had nothing ready, no timer, no I/O and no thread to wait for
    /// (CPython would hang forever).
    Deadlock,
}

/// What CPython printed, as the runner reports it.
#[derive(Clone, Debug, PartialEq)]
pub struct CpythonRun {
    /// stdout split on `\n` (a final `\n` ends the last line, it does not start an empty one).
    pub lines: Vec<String>,
    /// Whether stdout ended with `\n`.
    pub trailing_newline: bool,
    /// stderr: warnings, asyncio's logs ("Task exception was never retrieved"), the
    /// program's own stderr prints; never the uncaught exception's traceback.
    pub stderr_lines: Vec<String>,
    /// The uncaught exception (`ValueError: msg`, `TimeoutError`), a limit's message
    /// (`VirtualTimeLimit: …`, `WallTimeLimit: …`, `Deadlock: …`) or `RunnerError: …`.
    pub error: Option<String>,
    /// The full traceback of the uncaught exception, for reading.
    pub traceback: Option<String>,
    /// The limit that ended the run, if any.
    pub limit: Option<Limit>,
    /// Clock seconds (virtual or scaled) from the program's start to the end of its
    /// top-level code; `None` if the runner could not tell.
    pub elapsed: Option<f64>,
    /// Real seconds the run took.
    pub wall: f64,
    /// The process's exit code (0, 1 after an uncaught exception, 3 after a limit).
    pub exit_code: Option<i64>,
}

impl CpythonRun {
    /// A failure of the harness rather than of the program: a limit, or the runner itself.
    pub fn harness_error(&self) -> Option<&str> {
        let error = self.error.as_deref()?;
        if self.limit.is_some() || error.starts_with("RunnerError") {
            Some(error)
        } else {
            None
        }
    }
}

/// Runs `path` under CPython in `mode` with the runner's defaults.
pub fn cpython(path: &Path, mode: Mode) -> CpythonRun {
    cpython_with(path, mode, &[])
}

/// Runs `path` under CPython in `mode` with further runner arguments
/// (`--legacy-coroutine`, `--latency 0.5`, `--wall-limit 1`, …).
pub fn cpython_with(path: &Path, mode: Mode, extra_args: &[String]) -> CpythonRun {
    let output = Command::new(python())
        // -S: no site-packages (the runner needs only the standard library), and faster.
        .arg("-S")
        .arg(runner_path())
        .arg(path)
        .args(mode.args())
        .args(extra_args)
        .output()
        .unwrap_or_else(|e| panic!("cannot start {} (CPython 3.11 is needed): {e}", python()));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "cpython_run.py failed on {}: {}\n{}",
        path.display(),
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    parse_run(&stdout).unwrap_or_else(|e| {
        panic!(
            "cpython_run.py printed no valid result for {}: {e}\n{stdout}",
            path.display()
        )
    })
}

/// Runs a manifest entry the way its golden test does (its mode and runner arguments);
/// `None` for a `skip` entry.
pub fn cpython_entry(entry: &ProgramEntry) -> Option<CpythonRun> {
    let mode = match entry.mode {
        GoldenMode::Virtual => Mode::Virtual,
        GoldenMode::Scaled => Mode::SCALED,
        GoldenMode::Skip => return None,
    };
    let mut args = entry.runner_args.clone();
    if entry.slow {
        // CPU-bound programs need seconds of real CPU even on the virtual clock.
        args.extend(["--wall-limit".to_string(), "120".to_string()]);
    }
    Some(cpython_with(&entry.path, mode, &args))
}

/// Parses the runner's JSON.
pub fn parse_run(json: &str) -> Result<CpythonRun, String> {
    let v: Value = serde_json::from_str(json.trim()).map_err(|e| e.to_string())?;
    let strings = |key: &str| -> Result<Vec<String>, String> {
        v[key]
            .as_array()
            .ok_or_else(|| format!("`{key}` is not a list"))?
            .iter()
            .map(|s| {
                s.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| format!("`{key}` has a non-string"))
            })
            .collect()
    };
    let limit = match v["limit"].as_str() {
        None => None,
        Some("virtual") => Some(Limit::Virtual),
        Some("wall") => Some(Limit::Wall),
        Some("deadlock") => Some(Limit::Deadlock),
        Some(other) => return Err(format!("unknown limit {other:?}")),
    };
    Ok(CpythonRun {
        lines: strings("lines")?,
        trailing_newline: v["trailing_newline"].as_bool().unwrap_or(true),
        stderr_lines: strings("stderr_lines")?,
        error: v["error"].as_str().map(str::to_string),
        traceback: v["traceback"].as_str().map(str::to_string),
        limit,
        elapsed: v["elapsed"].as_f64(),
        wall: v["wall"].as_f64().unwrap_or(0.0),
        exit_code: v["exit_code"].as_i64(),
    })
}

// ------------------------------------------------------------------------------------------
// compare_lines
// ------------------------------------------------------------------------------------------

/// How two outputs may differ and still match. The default is exact equality (virtual mode).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Tolerance {
    /// Numbers may differ by this many units (seconds, for elapsed prints).
    pub abs: Option<f64>,
    /// Numbers may differ by this fraction of the larger one.
    pub rel: Option<f64>,
    /// Compare the lines as a multiset: both sides are stably sorted by their text with
    /// numbers (and addresses) masked, so lines printed at the same moment may swap while
    /// each line keeps its order among lines of the same shape.
    pub unordered: bool,
    /// `0x…` hex addresses (object reprs) match any address.
    pub mask_addresses: bool,
}

impl Tolerance {
    /// Exact equality.
    pub const EXACT: Tolerance = Tolerance {
        abs: None,
        rel: None,
        unordered: false,
        mask_addresses: false,
    };

    /// Numbers within `seconds` of each other match.
    pub fn abs(seconds: f64) -> Tolerance {
        Tolerance {
            abs: Some(seconds),
            ..Tolerance::EXACT
        }
    }

    /// Numbers within `fraction` of the larger one match.
    pub fn rel(fraction: f64) -> Tolerance {
        Tolerance {
            rel: Some(fraction),
            ..Tolerance::EXACT
        }
    }

    /// Exact, but any `0x…` address matches any other.
    pub fn addresses() -> Tolerance {
        Tolerance {
            mask_addresses: true,
            ..Tolerance::EXACT
        }
    }

    /// The same tolerance, comparing lines as a multiset.
    pub fn unordered(self) -> Tolerance {
        Tolerance {
            unordered: true,
            ..self
        }
    }

    fn numeric(&self) -> bool {
        self.abs.is_some() || self.rel.is_some()
    }

    fn numbers_match(&self, x: f64, y: f64) -> bool {
        if x == y {
            return true;
        }
        let d = (x - y).abs();
        self.abs.is_some_and(|a| d <= a) || self.rel.is_some_and(|r| d <= r * x.abs().max(y.abs()))
    }
}

/// One piece of a line: text, or a number.
#[derive(Debug, PartialEq)]
enum Piece<'a> {
    Text(&'a str),
    Number(f64),
}

/// Splits a line into text and numbers. A number is `-?digits(.digits)?([eE][+-]?digits)?`
/// standing on its own: not glued to a word before it (`job1`, `x2` are text; `Task-2` ends
/// in the number 2) nor after it (`3rd`, `0x1f` are text); `-` is a sign only after a
/// non-word character (in `2024-01-01` it is text).
fn pieces(line: &str) -> Vec<Piece<'_>> {
    let b = line.as_bytes();
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let digits_from = |mut j: usize| {
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        j
    };
    let mut out = Vec::new();
    let mut text_start = 0;
    let mut i = 0;
    while i < b.len() {
        let prev = if i > 0 { Some(b[i - 1]) } else { None };
        let digit_start = b[i].is_ascii_digit() && !prev.is_some_and(word);
        let sign_start = b[i] == b'-'
            && b.get(i + 1).is_some_and(u8::is_ascii_digit)
            && !prev.is_some_and(|p| word(p) || p == b'.');
        if !digit_start && !sign_start {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = digits_from(if sign_start { i + 1 } else { i });
        if b.get(j) == Some(&b'.') && b.get(j + 1).is_some_and(u8::is_ascii_digit) {
            j = digits_from(j + 1);
        }
        if matches!(b.get(j), Some(b'e' | b'E')) {
            let k = if matches!(b.get(j + 1), Some(b'+' | b'-')) {
                j + 2
            } else {
                j + 1
            };
            if b.get(k).is_some_and(u8::is_ascii_digit) {
                j = digits_from(k);
            }
        }
        if b.get(j).is_some_and(|&c| word(c)) {
            // Glued to what follows: a word, not a number.
            while j < b.len() && word(b[j]) {
                j += 1;
            }
            i = j;
            continue;
        }
        let src = &line[start..j];
        if let Ok(x) = src.parse::<f64>() {
            if text_start < start {
                out.push(Piece::Text(&line[text_start..start]));
            }
            out.push(Piece::Number(x));
            text_start = j;
        }
        i = j;
    }
    if text_start < line.len() {
        out.push(Piece::Text(&line[text_start..]));
    }
    out
}

/// `0x` followed by hex digits → `0x…`.
fn mask_addresses(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let b = line.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'0'
            && i + 2 < b.len()
            && b[i + 1] == b'x'
            && b[i + 2].is_ascii_hexdigit()
            && !(i > 0 && b[i - 1].is_ascii_alphanumeric())
        {
            out.push_str("0x…");
            i += 2;
            while i < b.len() && b[i].is_ascii_hexdigit() {
                i += 1;
            }
        } else {
            let ch = line[i..].chars().next().expect("in bounds");
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

/// The line's shape: numbers replaced by `#` (the key `unordered` sorts by).
fn shape(line: &str) -> String {
    pieces(line)
        .iter()
        .map(|p| match p {
            Piece::Text(t) => *t,
            Piece::Number(_) => "#",
        })
        .collect()
}

fn line_matches(expected: &str, actual: &str, tol: &Tolerance) -> bool {
    if expected == actual {
        return true;
    }
    if !tol.numeric() {
        return false;
    }
    let (e, a) = (pieces(expected), pieces(actual));
    e.len() == a.len()
        && e.iter().zip(&a).all(|(x, y)| match (x, y) {
            (Piece::Text(s), Piece::Text(t)) => s == t,
            (Piece::Number(x), Piece::Number(y)) => tol.numbers_match(*x, *y),
            _ => false,
        })
}

/// Compares CPython's lines (`expected`) with the interpreter's (`actual`). Exact by default;
/// with a [`Tolerance`], numbers that differ match when the text around them is the same and
/// each pair is within it. The error is a readable diff: the first differing line, expected
/// against actual, with the lines around it.
pub fn compare_lines(
    expected: &[String],
    actual: &[String],
    tolerance: Tolerance,
) -> Result<(), String> {
    let prepare = |lines: &[String]| -> Vec<String> {
        let mut v: Vec<String> = lines
            .iter()
            .map(|l| {
                if tolerance.mask_addresses {
                    mask_addresses(l)
                } else {
                    l.clone()
                }
            })
            .collect();
        if tolerance.unordered {
            v.sort_by_cached_key(|l| shape(l));
        }
        v
    };
    let (e, a) = (prepare(expected), prepare(actual));
    let first_diff = (0..e.len().max(a.len())).find(|&i| match (e.get(i), a.get(i)) {
        (Some(x), Some(y)) => !line_matches(x, y, &tolerance),
        _ => true,
    });
    let Some(i) = first_diff else {
        return Ok(());
    };
    let mut msg = String::new();
    let _ = writeln!(
        msg,
        "output differs at line {} (expected {} lines, got {}){}{}",
        i + 1,
        e.len(),
        a.len(),
        if tolerance.numeric() {
            format!(
                "; numbers within abs {:?} / rel {:?}",
                tolerance.abs, tolerance.rel
            )
        } else {
            String::new()
        },
        if tolerance.unordered {
            "; lines sorted by shape (unordered)"
        } else {
            ""
        }
    );
    let from = i.saturating_sub(3);
    for (k, line) in e.iter().enumerate().take(i).skip(from) {
        let _ = writeln!(msg, "  {:>4} | {}", k + 1, line);
    }
    match e.get(i) {
        Some(line) => {
            let _ = writeln!(msg, "- {:>4} | {}    (expected, CPython)", i + 1, line);
        }
        None => {
            let _ = writeln!(
                msg,
                "- {:>4} | <no more lines>    (expected, CPython)",
                i + 1
            );
        }
    }
    match a.get(i) {
        Some(line) => {
            let _ = writeln!(msg, "+ {:>4} | {}    (actual)", i + 1, line);
        }
        None => {
            let _ = writeln!(msg, "+ {:>4} | <no more lines>    (actual)", i + 1);
        }
    }
    for k in i + 1..(i + 4).min(e.len().max(a.len())) {
        let _ = writeln!(
            msg,
            "  {:>4} | expected {:?}\n         | actual   {:?}",
            k + 1,
            e.get(k).map(String::as_str).unwrap_or("<none>"),
            a.get(k).map(String::as_str).unwrap_or("<none>")
        );
    }
    Err(msg)
}

// ------------------------------------------------------------------------------------------
// manifests
// ------------------------------------------------------------------------------------------

/// A program's golden mode in the manifest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GoldenMode {
    /// Run on the virtual clock, compare exactly (or with the entry's tolerance).
    Virtual,
    /// Run at real speed scaled down, compare with the entry's tolerance.
    Scaled,
    /// Not run: `mode_reason` says why.
    Skip,
}

/// Which set a program belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Suite {
    /// Extracted from the tutorial seeds (`tests/programs/seeds/`).
    Seeds,
    /// AwaitLab's own edge cases (`tests/programs/own/`).
    Own,
}

/// One program of a manifest.
#[derive(Clone, Debug)]
pub struct ProgramEntry {
    /// Which manifest it comes from.
    pub suite: Suite,
    /// The file name, e.g. `002_03_countdown_async.py`.
    pub file: String,
    /// The absolute path of the program.
    pub path: PathBuf,
    /// What it demonstrates (one line).
    pub demonstrates: String,
    /// Its golden mode.
    pub mode: GoldenMode,
    /// Why it is `skip` (or `scaled`).
    pub mode_reason: Option<String>,
    /// Further runner arguments its golden run needs (`--legacy-coroutine`).
    pub runner_args: Vec<String>,
    /// The error CPython's golden run ends with (`None`: it ends normally).
    pub expect_error: Option<String>,
    /// How its output may differ.
    pub tolerance: Tolerance,
    /// CPU-bound: seconds of real CPU even on the virtual clock.
    pub slow: bool,
    /// Modules it imports.
    pub modules: Vec<String>,
    /// asyncio APIs it uses (`asyncio.gather`, `loop.run_until_complete`, …).
    pub asyncio_apis: Vec<String>,
    /// Where its CPython output is shown for reading (`EXPECTED.md#…`).
    pub expected_output: String,
    /// Notes (CPython 3.11 surprises, what the interpreter must do).
    pub notes: Option<String>,
}

fn parse_tolerance(v: &Value) -> Result<Tolerance, String> {
    match v {
        Value::Null => Ok(Tolerance::EXACT),
        Value::String(s) if s == "exact" => Ok(Tolerance::EXACT),
        Value::String(s) if s == "addresses" => Ok(Tolerance::addresses()),
        Value::Object(o) => {
            for key in o.keys() {
                if !["abs", "rel", "unordered", "addresses"].contains(&key.as_str()) {
                    return Err(format!("unknown compare key {key:?}"));
                }
            }
            Ok(Tolerance {
                abs: o.get("abs").and_then(Value::as_f64),
                rel: o.get("rel").and_then(Value::as_f64),
                unordered: o.get("unordered").and_then(Value::as_bool).unwrap_or(false),
                mask_addresses: o.get("addresses").and_then(Value::as_bool).unwrap_or(false),
            })
        }
        other => Err(format!("unknown compare {other}")),
    }
}

fn read_manifest(suite: Suite) -> Vec<ProgramEntry> {
    let dir = tests_dir().join("programs").join(match suite {
        Suite::Seeds => "seeds",
        Suite::Own => "own",
    });
    let path = dir.join("MANIFEST.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let v: Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()));
    let strs = |p: &Value, key: &str| -> Vec<String> {
        p[key]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    };
    let opt = |p: &Value, key: &str| p[key].as_str().map(str::to_string);
    v["programs"]
        .as_array()
        .unwrap_or_else(|| panic!("{}: no `programs` list", path.display()))
        .iter()
        .map(|p| {
            let file = opt(p, "file").expect("every program has a file");
            let mode = match p["mode"].as_str() {
                Some("virtual") => GoldenMode::Virtual,
                Some("scaled") => GoldenMode::Scaled,
                Some("skip") => GoldenMode::Skip,
                other => panic!("{file}: unknown mode {other:?}"),
            };
            ProgramEntry {
                suite,
                path: dir.join(&file),
                demonstrates: opt(p, "demonstrates").unwrap_or_default(),
                mode,
                mode_reason: opt(p, "mode_reason"),
                runner_args: strs(p, "runner_args"),
                expect_error: opt(p, "expect_error"),
                tolerance: parse_tolerance(&p["compare"]).unwrap_or_else(|e| panic!("{file}: {e}")),
                slow: p["slow"].as_bool().unwrap_or(false),
                modules: strs(p, "modules"),
                asyncio_apis: strs(p, "asyncio_apis"),
                expected_output: opt(p, "expected_output").unwrap_or_default(),
                notes: opt(p, "notes"),
                file,
            }
        })
        .collect()
}

/// Every golden program: the seeds' (`tests/programs/seeds/MANIFEST.json`) then AwaitLab's
/// own edge cases (`tests/programs/own/MANIFEST.json`).
pub fn programs() -> Vec<ProgramEntry> {
    let mut all = read_manifest(Suite::Seeds);
    all.extend(read_manifest(Suite::Own));
    all
}

/// The programs extracted from the tutorial seeds.
pub fn seed_programs() -> Vec<ProgramEntry> {
    read_manifest(Suite::Seeds)
}

/// AwaitLab's own edge-case programs.
pub fn own_programs() -> Vec<ProgramEntry> {
    read_manifest(Suite::Own)
}

/// The path of one of the own programs, `tests/programs/own/<name>`.
pub fn own_program(name: &str) -> PathBuf {
    tests_dir().join("programs").join("own").join(name)
}

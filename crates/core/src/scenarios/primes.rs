//! `primes`: is each of 9637529763296797, 427920331 and 157 prime? Trial division by every odd
//! number up to the square root — pure CPU work, the concurrency book's example of a task async
//! cannot speed up. Checked one after another (the page freezes until done), or as tasks that give
//! the loop a turn every N divisions (the small numbers finish first, the total gets no shorter),
//! or as jobs for a pool of workers (in parallel, off the loop: the total is about the longest).
//!
//! CPU work takes real time, not scenario time. On the real loop the divisions really run, for as
//! long as they take. The prediction does not divide: it knows the answer and the number of
//! divisions from [`first_divisor`] (Miller–Rabin and Pollard's rho, microseconds even for
//! 16-digit numbers) and charges [`NS_PER_DIVISION`] for each division, in real time — the speed
//! setting converts that to scenario seconds for the axis like everything else, it does not scale
//! it. Switching tasks costs nothing in the prediction.

use std::cell::{OnceCell, RefCell};
use std::collections::VecDeque;

use super::MAX_FREEZE_S;
use crate::kernels::{Job, JobOutput};
use crate::lab::{Lab, LabResult};
use crate::pool::{resolve_workers, LabPool};
use crate::scenario::{Code, Config, MainFuture, Mode, ParamError, ParamKind, ParamSpec, Scenario};

/// The cost model: real nanoseconds one trial division (a 64-bit `%` and the loop around it) is
/// charged in the prediction: 1/256 µs ≈ 3.9 ns, a power of two so that virtual times add up
/// exactly, a little above the ≈ 3 ns release wasm measured in Chromium on the reference machine
/// (2 cores; a 49-million-division check took about 140–160 ms).
pub const NS_PER_DIVISION: f64 = 3.906_25;

/// Most divisions one number may need (√n / 2 for a prime n): about 4 s at the nominal cost. The
/// largest prime this allows is about 4 × 10^18; the largest 64-bit primes would take 2.1 billion
/// divisions.
pub const MAX_DIVISIONS: u64 = 1_000_000_000;

/// Most divisions a `sync` run may make in all: it is one blocking stretch, and the page is frozen
/// throughout. A quarter of [`MAX_FREEZE_S`] at the nominal cost, leaving room for a machine
/// several times slower.
pub const MAX_SYNC_DIVISIONS: u64 = (MAX_FREEZE_S * 0.25 * 1e9 / NS_PER_DIVISION) as u64;

// A `yield` stretch is at most one number's divisions, so it never freezes the page longer than
// a `sync` run may.
const _: () = assert!(MAX_DIVISIONS <= MAX_SYNC_DIVISIONS);

/// Most turns a `yield` run may give the loop: each is a poll and a few events on the timeline.
pub const MAX_YIELDS: u64 = 100_000;

/// The scenario.
pub const SCENARIO: Scenario = Scenario {
    id: "primes",
    title: "Primes: CPU-bound work on the loop",
    topic: "CPU-bound work and executors",
    speed_ms_per_s: 1000.0,
    modes: &[
        Mode {
            id: "sync",
            label: "sync",
            code: Code::Program(include_str!("../../programs/primes/sync.py")),
            note: "One loop checks the numbers in order — 49 million divisions of Python — in a \
                   single poll with no await: the page is frozen until all three are done (a few \
                   seconds here, about as long as CPython takes), and 157 waits behind the big \
                   number. CPU work takes real time; this scenario runs at 1000 ms per scenario \
                   second, so Took prints real seconds.",
        },
        Mode {
            id: "yield",
            label: "yield",
            code: Code::Program(include_str!("../../programs/primes/yield.py")),
            note: "Each number is a task that gives the loop a turn every 100,000 divisions: 157 and \
                   427920331 finish within the big number's first turns, and the page stays \
                   responsive. The total is no shorter — the same divisions on one thread — and on \
                   the real loop longer: many polls, and orange gaps where the page took its turn. \
                   Took prints real seconds at the default speed (1000 ms per scenario second).",
        },
        Mode {
            id: "pool",
            label: "pool",
            code: Code::Program(include_str!("../../programs/primes/pool.py")),
            note: "Each check is a job for a pool of Web Workers (workers=0: one per core, at most \
                   4): the divisions run on the worker lanes, in parallel, while the tasks only \
                   await and the page stays responsive. With two or more big numbers and two or \
                   more cores the total drops to about the longest check; the small post and reply \
                   spans are the cost of talking to a worker (the first post includes its start-up).",
        },
    ],
    params: &[
        ParamSpec {
            id: "numbers",
            label: "numbers",
            kind: ParamKind::U64List {
                min: 2,
                max: u64::MAX,
                max_len: 8,
            },
            default: "9637529763296797,427920331,157",
            help: "whole numbers to test by trial division (kept exact in 64 bits)",
            modes: &[],
        },
        ParamSpec {
            id: "yield-every",
            label: "yield every",
            kind: ParamKind::Int {
                min: 1,
                max: 1_000_000_000,
            },
            default: "100000",
            help: "divisions between turns given to the loop",
            modes: &["yield"],
        },
        ParamSpec {
            id: "workers",
            label: "workers",
            kind: ParamKind::Int { min: 0, max: 8 },
            default: "0",
            help: "Web Workers in the pool; 0: one per core (at most 4)",
            modes: &["pool"],
        },
    ],
    check,
    main,
};

fn check(config: &Config) -> Vec<ParamError> {
    let numbers = config.params.u64s("numbers");
    let mut total = 0u64;
    let mut yields = 0u64;
    let every = config.params.int("yield-every").max(1) as u64;
    for (i, &n) in numbers.iter().enumerate() {
        let (_, steps) = divisions(n);
        if steps > MAX_DIVISIONS {
            let why = match first_divisor(n) {
                None => format!("{n} is prime"),
                Some(p) => format!("the smallest factor of {n} is {p}"),
            };
            return vec![ParamError::new(
                "numbers",
                format!(
                    "item {}: {why}, so trial division would take {} divisions (about {:.0} s); \
                     at most {} per number",
                    i + 1,
                    group(steps),
                    nominal_s(steps),
                    group(MAX_DIVISIONS)
                ),
            )];
        }
        total += steps;
        yields += steps / every;
    }
    match config.mode {
        "sync" if total > MAX_SYNC_DIVISIONS => vec![ParamError::new(
            "numbers",
            format!(
                "sync holds the page for every division: {} in all, about {:.0} s frozen; \
                 at most {} (≈ {:.0} s)",
                group(total),
                nominal_s(total),
                group(MAX_SYNC_DIVISIONS),
                nominal_s(MAX_SYNC_DIVISIONS)
            ),
        )],
        "yield" if yields > MAX_YIELDS => vec![ParamError::new(
            "yield-every",
            format!(
                "{} turns in all ({} divisions, one turn every {}); at most {}: raise it or \
                 lower the numbers",
                group(yields),
                group(total),
                group(every),
                group(MAX_YIELDS)
            ),
        )],
        _ => Vec::new(),
    }
}

/// Seconds the cost model charges for `steps` divisions.
fn nominal_s(steps: u64) -> f64 {
    steps as f64 * NS_PER_DIVISION / 1e9
}

/// `49085460` → `49,085,460`.
pub fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn main(lab: Lab, config: Config) -> MainFuture {
    Box::pin(async move {
        let numbers = config.params.u64s("numbers").to_vec();
        let every = config.params.int("yield-every").max(1) as u64;
        let start_us = lab.executor().now_us();
        match config.mode {
            "sync" => {
                for &n in &numbers {
                    check_sync(&lab, n);
                }
            }
            "yield" => {
                let handles = numbers
                    .iter()
                    .enumerate()
                    .map(|(i, &n)| {
                        let name = lane_name(&numbers, i);
                        lab.spawn(&name, check_yielding(lab.clone(), n, every))
                    })
                    .collect();
                for result in lab.gather(handles).await {
                    result?;
                }
            }
            _ => {
                // Every check is a job for the pool; the tasks only await.
                let pool = lab.pool(resolve_workers(config.params.int("workers")));
                let handles = numbers
                    .iter()
                    .enumerate()
                    .map(|(i, &n)| {
                        let name = lane_name(&numbers, i);
                        lab.spawn(&name, check_in_pool(lab.clone(), pool.clone(), n))
                    })
                    .collect();
                drop(pool);
                for result in lab.gather(handles).await {
                    result?;
                }
            }
        }
        // CPU time is real time: the tutorial's wall-clock figure, in real seconds.
        let took_s = (lab.executor().now_us() - start_us) / 1e6;
        lab.print(format!("Took {took_s:.2} seconds."));
        Ok(())
    })
}

/// `is_prime(157)`, with `#2` for a number given twice.
fn lane_name(numbers: &[u64], i: usize) -> String {
    let n = numbers[i];
    if numbers[..i].contains(&n) {
        format!("is_prime({n}) #{}", i + 1)
    } else {
        format!("is_prime({n})")
    }
}

fn verdict(n: u64, prime: bool) -> String {
    if prime {
        format!("{n} is a prime number.")
    } else {
        format!("{n} is not a prime number.")
    }
}

/// The whole check in one go: one CPU span, the loop held throughout.
fn check_sync(lab: &Lab, n: u64) {
    lab.print(format!("Processing {n}..."));
    let prime = lab.compute(
        format!("is_prime({n})"),
        NS_PER_DIVISION,
        || divide_all(n),
        || divisions(n),
    );
    lab.print(verdict(n, prime));
}

/// The check as a job on a worker: the task awaits it, giving the loop back. A job that fails
/// (its worker crashed) is printed and does not stop the other checks.
async fn check_in_pool(lab: Lab, pool: LabPool, n: u64) -> LabResult {
    lab.print(format!("Processing {n}..."));
    match pool.run_in_executor(Job::IsPrime(n)).await {
        Ok(JobOutput::Prime { prime, .. }) => lab.print(verdict(n, prime)),
        Ok(other) => lab.print(format!("{n}: unexpected answer {other:?}")),
        Err(msg) => lab.print(format!("{n}: the job failed: {msg}")),
    }
    Ok(())
}

/// The check as a task: a CPU span of at most `every` divisions, then a turn for the loop.
async fn check_yielding(lab: Lab, n: u64, every: u64) -> LabResult {
    lab.print(format!("Processing {n}..."));
    if n == 2 || n % 2 == 0 {
        lab.print(verdict(n, n == 2));
        return Ok(());
    }
    let limit = n.isqrt();
    // Only the prediction needs it, and only once.
    let known = OnceCell::new();
    let mut from = 3;
    let mut turn = 1u64;
    loop {
        let stretch = lab.compute(
            format!("is_prime({n}) #{turn}"),
            NS_PER_DIVISION,
            || divide(n, from, limit, every),
            || divide_model(*known.get_or_init(|| first_divisor(n)), from, limit, every),
        );
        match stretch {
            Stretch::Divisor(_) => {
                lab.print(verdict(n, false));
                return Ok(());
            }
            Stretch::Prime => {
                lab.print(verdict(n, true));
                return Ok(());
            }
            Stretch::More(next) => from = next,
        }
        lab.yield_now().await;
        turn += 1;
    }
}

/// Where a stretch of trial division stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stretch {
    /// This odd number divides n: n is not prime.
    Divisor(u64),
    /// Every odd number up to √n has been tried: n is prime.
    Prime,
    /// The stretch's budget is spent; go on from this odd number.
    More(u64),
}

/// Trial division of an odd `n` by the odd numbers `from`, `from + 2`, … up to `limit` (√n,
/// rounded down), at most `max_steps` of them: the real work. Returns where it stopped and how
/// many divisions it made.
pub fn divide(n: u64, from: u64, limit: u64, max_steps: u64) -> (Stretch, u64) {
    let remaining = if from > limit {
        0
    } else {
        (limit - from) / 2 + 1
    };
    let steps = remaining.min(max_steps);
    if steps > 0 {
        // The last odd number of this stretch (≤ limit ≤ 2^32, so nothing overflows).
        let last = from + 2 * (steps - 1);
        let mut d = from;
        while d <= last {
            if n % d == 0 {
                return (Stretch::Divisor(d), (d - from) / 2 + 1);
            }
            d += 2;
        }
    }
    if steps == remaining {
        (Stretch::Prime, steps)
    } else {
        (Stretch::More(from + 2 * steps), steps)
    }
}

/// The same answer as [`divide`] without dividing, from `first` (what [`first_divisor`] says).
pub fn divide_model(first: Option<u64>, from: u64, limit: u64, max_steps: u64) -> (Stretch, u64) {
    let remaining = if from > limit {
        0
    } else {
        (limit - from) / 2 + 1
    };
    if let Some(p) = first.filter(|&p| p >= from) {
        let steps = (p - from) / 2 + 1;
        if steps <= max_steps {
            return (Stretch::Divisor(p), steps);
        }
    }
    if remaining <= max_steps {
        (Stretch::Prime, remaining)
    } else {
        (Stretch::More(from + 2 * max_steps), max_steps)
    }
}

/// The tutorial's whole check, really dividing: whether `n` is prime, and the divisions made.
pub fn divide_all(n: u64) -> (bool, u64) {
    if n < 2 {
        return (false, 0);
    }
    if n == 2 || n % 2 == 0 {
        return (n == 2, 0);
    }
    let (stretch, steps) = divide(n, 3, n.isqrt(), u64::MAX);
    (stretch == Stretch::Prime, steps)
}

/// The prediction's answer to [`divide_all`]: whether `n` is prime and how many divisions trial
/// division makes, worked out without doing them.
pub fn divisions(n: u64) -> (bool, u64) {
    if n < 2 {
        return (false, 0);
    }
    if n == 2 || n % 2 == 0 {
        return (n == 2, 0);
    }
    let (stretch, steps) = divide_model(first_divisor(n), 3, n.isqrt(), u64::MAX);
    (stretch == Stretch::Prime, steps)
}

/// The first odd number ≥ 3 that divides an odd `n` — its smallest prime factor — or `None` if
/// `n` is prime (or 1). Even `n` give `Some(2)`. Fast for any `u64`: a little trial division,
/// then Miller–Rabin and Pollard's rho.
pub fn first_divisor(n: u64) -> Option<u64> {
    if n < 4 {
        return None;
    }
    if n % 2 == 0 {
        return Some(2);
    }
    let mut d = 3;
    while d <= 1_000 {
        if d * d > n {
            return None;
        }
        if n % d == 0 {
            return Some(d);
        }
        d += 2;
    }
    // Checking the form, predicting and each task ask about the same numbers on every keystroke;
    // the hardest (two 32-bit factors) take tens of milliseconds in wasm, so remember answers.
    thread_local! {
        static KNOWN: RefCell<VecDeque<(u64, Option<u64>)>> = const {
            RefCell::new(VecDeque::new())
        };
    }
    if let Some(known) = KNOWN.with_borrow(|k| k.iter().find(|(m, _)| *m == n).map(|(_, f)| *f)) {
        return known;
    }
    let factor = smallest_factor(n);
    KNOWN.with_borrow_mut(|k| {
        if k.len() >= 64 {
            k.pop_front();
        }
        k.push_back((n, factor));
    });
    factor
}

/// The smallest prime factor of an odd `n` with no factor up to 1000, or `None` if it is prime.
fn smallest_factor(n: u64) -> Option<u64> {
    if is_prime(n) {
        return None;
    }
    let mut stack = vec![n];
    let mut smallest = u64::MAX;
    while let Some(m) = stack.pop() {
        if is_prime(m) {
            smallest = smallest.min(m);
        } else {
            let f = rho(m);
            stack.push(f);
            stack.push(m / f);
        }
    }
    Some(smallest)
}

fn mul_mod(a: u64, b: u64, m: u64) -> u64 {
    ((u128::from(a) * u128::from(b)) % u128::from(m)) as u64
}

fn pow_mod(mut base: u64, mut exp: u64, m: u64) -> u64 {
    let mut acc = 1 % m;
    base %= m;
    while exp > 0 {
        if exp & 1 == 1 {
            acc = mul_mod(acc, base, m);
        }
        base = mul_mod(base, base, m);
        exp >>= 1;
    }
    acc
}

/// Deterministic Miller–Rabin: these twelve bases decide every `u64`.
pub fn is_prime(n: u64) -> bool {
    const BASES: [u64; 12] = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37];
    if n < 2 {
        return false;
    }
    for p in BASES {
        if n % p == 0 {
            return n == p;
        }
    }
    let s = (n - 1).trailing_zeros();
    let d = (n - 1) >> s;
    'bases: for a in BASES {
        let mut x = pow_mod(a, d, n);
        if x == 1 || x == n - 1 {
            continue;
        }
        for _ in 1..s {
            x = mul_mod(x, x, n);
            if x == n - 1 {
                continue 'bases;
            }
        }
        return false;
    }
    true
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// A factor of a composite odd `n` other than 1 and `n` (Pollard's rho, Brent's variant, with
/// the gcds batched). Deterministic: it tries c = 1, 2, … until one splits `n`.
fn rho(n: u64) -> u64 {
    for c in 1..n {
        let f = |x: u64| ((u128::from(x) * u128::from(x) + u128::from(c)) % u128::from(n)) as u64;
        let (mut y, mut r, mut q) = (2u64, 1u64, 1u64);
        let (mut x, mut ys, mut g) = (y, y, 1u64);
        while g == 1 {
            x = y;
            for _ in 0..r {
                y = f(y);
            }
            let mut k = 0;
            while k < r && g == 1 {
                ys = y;
                for _ in 0..128.min(r - k) {
                    y = f(y);
                    q = mul_mod(q, x.abs_diff(y), n);
                }
                g = gcd(q, n);
                k += 128;
            }
            r *= 2;
        }
        if g == n {
            // The batch overshot: redo its steps one at a time.
            loop {
                ys = f(ys);
                g = gcd(x.abs_diff(ys), n);
                if g > 1 {
                    break;
                }
            }
        }
        if g != n {
            return g;
        }
    }
    n
}

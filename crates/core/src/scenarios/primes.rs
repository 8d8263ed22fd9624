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

use std::cell::OnceCell;

use super::MAX_FREEZE_S;
use crate::backend::pool::resolve_workers;
use crate::kernels::{Job, JobOutput};
use crate::lab::pool::LabPool;
use crate::lab::{Lab, LabResult};
use crate::number_theory::{
    divide, divide_all, divide_model, divisions, first_divisor, Stretch, MAX_DIVISIONS,
    NS_PER_DIVISION,
};
use crate::scenario::{
    Code, Config, MainFuture, Mode, Needs, ParamError, ParamKind, ParamSpec, Scenario,
};

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
    topic: "cpu-bound-work-and-executors",
    speed_ms_per_s: 1000.0,
    modes: &[
        Mode {
            id: "sync",
            needs: Needs::NOTHING,
            code: Code::Program(include_str!("../../programs/primes/sync.py")),
        },
        Mode {
            id: "yield",
            needs: Needs::NOTHING,
            code: Code::Program(include_str!("../../programs/primes/yield.py")),
        },
        Mode {
            id: "pool",
            needs: Needs::WORKER_POOL,
            code: Code::Program(include_str!("../../programs/primes/pool.py")),
        },
    ],
    params: &[
        ParamSpec {
            id: "numbers",
            kind: ParamKind::U64List {
                min: 2,
                max: u64::MAX,
                max_len: 8,
            },
            default: "9637529763296797,427920331,157",
            modes: &[],
        },
        ParamSpec {
            id: "yield-every",
            kind: ParamKind::Int {
                min: 1,
                max: 1_000_000_000,
            },
            default: "100000",
            modes: &["yield"],
        },
        ParamSpec {
            id: "workers",
            kind: ParamKind::Int { min: 0, max: 8 },
            default: "0",
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
                None => crate::words!("check-primes-prime", n = n),
                Some(p) => crate::words!("check-primes-factor", n = n, p = p),
            };
            return vec![ParamError::said(
                "numbers",
                crate::words!(
                    "check-primes-divisions",
                    at = i + 1,
                    why = why,
                    divisions = group(steps),
                    seconds = format!("{:.0}", nominal_s(steps)),
                    max = group(MAX_DIVISIONS)
                ),
            )];
        }
        total += steps;
        yields += steps / every;
    }
    match config.mode {
        "sync" if total > MAX_SYNC_DIVISIONS => vec![ParamError::said(
            "numbers",
            crate::words!(
                "check-primes-sync",
                divisions = group(total),
                seconds = format!("{:.0}", nominal_s(total)),
                max = group(MAX_SYNC_DIVISIONS),
                max_seconds = format!("{:.0}", nominal_s(MAX_SYNC_DIVISIONS))
            ),
        )],
        "yield" if yields > MAX_YIELDS => vec![ParamError::said(
            "yield-every",
            crate::words!(
                "check-primes-yields",
                turns = group(yields),
                divisions = group(total),
                every = group(every),
                max = group(MAX_YIELDS)
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

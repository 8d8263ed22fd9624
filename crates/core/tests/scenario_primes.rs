//! `primes`: the prediction's shortcut (no division done) agrees with real trial division, the
//! tutorial's orderings and wording, the cost model's totals exactly on the virtual clock, and the
//! limits that keep a person from freezing the page for minutes.

mod common;

use common::ManualClock;

use std::cell::Cell;
use std::rc::Rc;

use awaitlab_core::clock::{Clock, VirtualClock};
use awaitlab_core::executor::{Executor, Status};
use awaitlab_core::lab::Lab;
use awaitlab_core::number_theory::{
    divide, divide_all, divide_model, divisions, first_divisor, is_prime, Stretch, MAX_DIVISIONS,
    NS_PER_DIVISION,
};
use awaitlab_core::scenario::{parse_url, Draft};
use awaitlab_core::scenarios::primes::{group, MAX_SYNC_DIVISIONS, MAX_YIELDS};
use awaitlab_core::scenarios::{find, CATALOG, MAX_FREEZE_S};
use awaitlab_core::trace::{Kind, RunMeta, Source, Trace};
use common::{pairs, predict_url};

/// Divisions of the tutorial's three numbers: √n / 2, less the even candidates.
const BIG: u64 = 49_085_460;
const MID: u64 = 10_342;
const SMALL: u64 = 5;

/// What the cost model charges for `steps` divisions, in real µs (exact: 1/256 µs each).
fn cost_us(steps: u64) -> f64 {
    steps as f64 / 256.0
}

fn errors(query: &str) -> Vec<(String, String)> {
    let request = parse_url(&CATALOG, &pairs(query));
    let scenario = find("primes").expect("primes");
    let mut draft = Draft::defaults(scenario);
    for (k, v) in pairs(query) {
        if k == "mode" {
            draft.mode = scenario.mode(&v).expect("mode").id;
        } else if k != "s" {
            draft.set_text(&k, v);
        }
    }
    // The URL reader reports the same problems (with "keeping …" added).
    assert!(!request.problems.is_empty(), "{query} was accepted");
    match draft.validate(scenario) {
        Ok(_) => Vec::new(),
        Err(errors) => errors.into_iter().map(|e| (e.param, e.message)).collect(),
    }
}

#[test]
fn the_cost_model_is_a_power_of_two_fraction_of_a_microsecond() {
    assert_eq!(NS_PER_DIVISION / 1000.0, 1.0 / 256.0);
    // The sync limit keeps the nominal freeze at a quarter of the page's limit.
    assert_eq!(MAX_SYNC_DIVISIONS, 1_280_000_000);
    assert!(MAX_SYNC_DIVISIONS as f64 * NS_PER_DIVISION / 1e9 <= MAX_FREEZE_S / 4.0);
}

#[test]
fn the_prediction_knows_what_trial_division_finds_without_dividing() {
    for n in 2..60_000u64 {
        assert_eq!(divisions(n), divide_all(n), "{n}");
    }
    // Odd numbers of about 40 bits (xorshift, fixed seed).
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..3_000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let n = (x >> 24) | 1;
        assert_eq!(divisions(n), divide_all(n), "{n}");
    }
    // Squares of primes (the divisor is √n itself), semiprimes, Carmichael numbers.
    for n in [
        1_000_003u64 * 1_000_003,
        999_983 * 1_000_003,
        65_537 * 4_294_967_291,
        561,
        41_041,
        825_265,
        321_197_185,
        2_147_483_647,
    ] {
        assert_eq!(divisions(n), divide_all(n), "{n}");
    }
    assert_eq!(divisions(9_637_529_763_296_797), (true, BIG));
    assert_eq!(divisions(427_920_331), (true, MID));
    assert_eq!(divisions(157), (true, SMALL));
    // Past JavaScript's exact integers: 2^64 − 1 = 3 × 5 × 17 × … is found at once.
    assert_eq!(divisions(u64::MAX), (false, 1));
    assert_eq!(first_divisor(u64::MAX), Some(3));
    assert_eq!(divisions(1 << 63), (false, 0));
}

#[test]
fn stretches_of_the_model_match_stretches_of_real_division() {
    for n in [
        1_000_003u64 * 1_000_003,
        999_983 * 1_000_033,
        4_294_967_291,
        157,
        9,
        25,
    ] {
        let limit = n.isqrt();
        let first = first_divisor(n);
        for max_steps in [1, 2, 3, 7, 100, 499_990, 499_991, 499_992, 1_000_000] {
            let mut from = 3;
            loop {
                let real = divide(n, from, limit, max_steps);
                assert_eq!(
                    divide_model(first, from, limit, max_steps),
                    real,
                    "{n} from {from} by {max_steps}"
                );
                match real.0 {
                    Stretch::More(next) => from = next,
                    _ => break,
                }
            }
        }
    }
}

#[test]
fn miller_rabin_decides_64_bit_numbers() {
    assert!(is_prime(18_446_744_073_709_551_557)); // the largest 64-bit prime
    assert!(!is_prime(18_446_744_073_709_551_559));
    assert!(is_prime(9_637_529_763_296_797));
    assert!(!is_prime(3_215_031_751)); // a strong pseudoprime to bases 2, 3, 5 and 7
    assert!(!is_prime(4_294_967_291 * 4_294_967_279));
    assert_eq!(
        first_divisor(4_294_967_291 * 4_294_967_279),
        Some(4_294_967_279)
    );
    let small: Vec<u64> = (0..60).filter(|&n| is_prime(n)).collect();
    assert_eq!(
        small,
        [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59]
    );
}

#[test]
fn sync_checks_in_input_order_in_one_poll_and_takes_the_sum_of_the_costs() {
    let trace = predict_url("s=primes&mode=sync");
    assert!(trace.error().is_none(), "{:?}", trace.error());
    assert_eq!(
        trace.lines(),
        [
            "Processing 9637529763296797...",
            "9637529763296797 is a prime number.",
            "Processing 427920331...",
            "427920331 is a prime number.",
            "Processing 157...",
            "157 is a prime number.",
            "Took 0.19 seconds.",
        ]
    );
    let total = cost_us(BIG) + cost_us(MID) + cost_us(SMALL);
    assert_eq!(trace.total_us, Some(total));
    assert_eq!(total, 191_780.496_093_75);
    // One lane, one poll: nothing else could run, not even the page.
    assert_eq!(trace.tasks.len(), 1);
    assert_eq!(trace.spans_of(0, Kind::Run).count(), 1);
    let cpu: Vec<(String, f64, Option<f64>)> = trace
        .spans_of(0, Kind::Compute)
        .map(|e| (e.label.to_string(), e.dur_us, e.value))
        .collect();
    assert_eq!(
        cpu,
        [
            (
                "is_prime(9637529763296797)".to_string(),
                cost_us(BIG),
                Some(BIG as f64)
            ),
            (
                "is_prime(427920331)".to_string(),
                cost_us(MID),
                Some(MID as f64)
            ),
            (
                "is_prime(157)".to_string(),
                cost_us(SMALL),
                Some(SMALL as f64)
            ),
        ]
    );
}

#[test]
fn cpu_time_is_real_time_whatever_the_speed() {
    let slow = predict_url("s=primes&mode=sync&speed=1000");
    let fast = predict_url("s=primes&mode=sync&speed=10");
    assert_eq!(slow.total_us, fast.total_us);
    assert_eq!(slow.lines(), fast.lines());
    // Only the axis changes: 0.19 real s is 0.19 scenario s at 1000 ms/s, 19 at 10 ms/s.
    let (a, b) = (
        slow.total_s().expect("total"),
        fast.total_s().expect("total"),
    );
    assert!((b / a - 100.0).abs() < 1e-9, "{a} {b}");
}

#[test]
fn yield_lets_the_small_numbers_finish_first_in_the_same_total() {
    let trace = predict_url("s=primes&mode=yield");
    assert!(trace.error().is_none(), "{:?}", trace.error());
    // The tutorial's order: 427920331 and 157 finish inside the big number's first turns.
    assert_eq!(
        trace.lines(),
        [
            "Processing 9637529763296797...",
            "Processing 427920331...",
            "427920331 is a prime number.",
            "Processing 157...",
            "157 is a prime number.",
            "9637529763296797 is a prime number.",
            "Took 0.19 seconds.",
        ]
    );
    // Switching costs nothing in the prediction: the same total as sync, to the bit.
    let total = cost_us(BIG) + cost_us(MID) + cost_us(SMALL);
    assert_eq!(trace.total_us, Some(total));
    let names: Vec<&str> = trace.tasks.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "main",
            "is_prime(9637529763296797)",
            "is_prime(427920331)",
            "is_prime(157)"
        ]
    );
    // 49,085,460 divisions in stretches of 100,000: 491 CPU spans, 491 polls.
    let big = 1;
    assert_eq!(trace.spans_of(big, Kind::Compute).count(), 491);
    assert_eq!(trace.spans_of(big, Kind::Run).count(), 491);
    let divided: f64 = trace
        .spans_of(big, Kind::Compute)
        .filter_map(|e| e.value)
        .sum();
    assert_eq!(divided, BIG as f64);
    // 157 is done once the big number's first stretch and 427920331's check are over.
    let done_157 = trace
        .prints()
        .find(|e| e.label == "157 is a prime number.")
        .expect("157");
    assert_eq!(
        done_157.start_us,
        cost_us(100_000) + cost_us(MID) + cost_us(SMALL)
    );
    // Meanwhile the big number waited, ready, for the other two.
    let ready: f64 = trace.spans_of(big, Kind::Ready).map(|e| e.dur_us).sum();
    assert_eq!(ready, cost_us(MID) + cost_us(SMALL));
}

#[test]
fn a_shorter_turn_lets_157_overtake_427920331() {
    let trace =
        predict_url("s=primes&mode=yield&numbers=10000000000037,427920331,157&yield-every=10000");
    assert_eq!(
        &trace.lines()[..6],
        [
            "Processing 10000000000037...",
            "Processing 427920331...",
            "Processing 157...",
            "157 is a prime number.",
            "427920331 is a prime number.",
            "10000000000037 is a prime number.",
        ]
    );
    // √(10000000000037) = 3162277.66…: 1,581,138 odd candidates, 159 stretches.
    assert_eq!(trace.spans_of(1, Kind::Compute).count(), 159);
    let total = cost_us(1_581_138) + cost_us(MID) + cost_us(SMALL);
    assert_eq!(trace.total_us, Some(total));
}

#[test]
fn even_numbers_two_and_numbers_past_2_to_the_53_are_printed_exactly() {
    let trace = predict_url("s=primes&mode=sync&numbers=2,4,9,18446744073709551615");
    assert_eq!(
        &trace.lines()[..8],
        [
            "Processing 2...",
            "2 is a prime number.",
            "Processing 4...",
            "4 is not a prime number.",
            "Processing 9...",
            "9 is not a prime number.",
            "Processing 18446744073709551615...",
            "18446744073709551615 is not a prime number.",
        ]
    );
    let trace = predict_url("s=primes&mode=yield&numbers=9,2,9");
    assert_eq!(
        trace.lines()[..6],
        [
            "Processing 9...",
            "9 is not a prime number.",
            "Processing 2...",
            "2 is a prime number.",
            "Processing 9...",
            "9 is not a prime number.",
        ]
    );
    // A number given twice gets its own lane.
    let names: Vec<&str> = trace.tasks.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        ["main", "is_prime(9)", "is_prime(2)", "is_prime(9) #3"]
    );
}

#[test]
fn bad_numbers_are_refused_with_the_reason() {
    let cases: [(&str, &str); 5] = [
        (
            "numbers=1,7",
            "item 1 is 1; each must be between 2 and 18446744073709551615",
        ),
        (
            "numbers=18446744073709551616",
            "item 1 is too large: the largest allowed is 18446744073709551615",
        ),
        (
            "numbers=7,-5",
            "item 2 (-5) is negative; each must be 2–18446744073709551615",
        ),
        ("numbers=12x", "item 1 (\"12x\") is not a whole number"),
        (
            "numbers=2,3,5,7,11,13,17,19,23",
            "at most 8 items (9 given)",
        ),
    ];
    for (query, message) in cases {
        let errs = errors(&format!("s=primes&mode=sync&{query}"));
        assert_eq!(
            errs,
            [("numbers".to_string(), message.to_string())],
            "{query}"
        );
    }
}

#[test]
fn numbers_whose_trial_division_would_take_minutes_are_refused() {
    // The largest 64-bit prime: 2^31 − 1 divisions.
    let errs = errors("s=primes&mode=yield&numbers=157,18446744073709551557");
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].0, "numbers");
    assert_eq!(
        errs[0].1,
        "item 2: 18446744073709551557 is prime, so trial division would take 2,147,483,647 \
         divisions (about 8 s); at most 1,000,000,000 per number"
    );
    // A product of two 32-bit primes: prime-free up to its smallest factor.
    let errs = errors("s=primes&mode=sync&numbers=18446743979220271189");
    assert!(
        errs[0].1.starts_with(
            "item 1: the smallest factor of 18446743979220271189 is 4294967279, so trial \
             division would take 2,147,483,639 divisions"
        ),
        "{errs:?}"
    );
    // Yet a huge number with a small factor is fine: it is found at once.
    assert!(
        predict_url("s=primes&mode=sync&numbers=18446744073709551615")
            .early_end
            .is_none()
    );
}

/// The first prime at or above `n`.
fn next_prime(mut n: u64) -> u64 {
    while !is_prime(n) {
        n += 1;
    }
    n
}

#[test]
fn sync_refuses_more_blocking_than_the_page_should_bear_but_yield_takes_it() {
    // Two primes needing about 800 million divisions each: 1.6 billion, over the sync limit.
    let p = next_prime(2_560_000_000_000_000_000);
    let q = next_prime(p + 1);
    let (_, steps) = divisions(p);
    assert!(
        steps <= MAX_DIVISIONS && 2 * steps > MAX_SYNC_DIVISIONS,
        "{steps}"
    );
    let errs = errors(&format!("s=primes&mode=sync&numbers={p},{q}"));
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].0, "numbers");
    let total = steps + divisions(q).1;
    assert_eq!(
        errs[0].1,
        format!(
            "sync holds the page for every division: {} in all, about 6 s frozen; at most \
             1,280,000,000 (≈ 5 s)",
            group(total)
        )
    );
    // In turns of 100,000 the page stays responsive, so yield accepts it.
    let scenario = find("primes").expect("primes");
    let mut draft = Draft::defaults(scenario);
    draft.mode = "yield";
    draft.set_text("numbers", format!("{p},{q}"));
    assert!(draft.validate(scenario).is_ok());
}

#[test]
fn too_many_turns_are_refused_on_yield_every() {
    let errs = errors("s=primes&mode=yield&yield-every=100");
    assert_eq!(
        errs,
        [(
            "yield-every".to_string(),
            format!(
                "{} turns in all ({} divisions, one turn every 100); at most {}: raise it or \
                 lower the numbers",
                group(BIG / 100 + MID / 100 + SMALL / 100),
                group(BIG + MID + SMALL),
                group(MAX_YIELDS)
            )
        )]
    );
    // Small numbers may yield after every division.
    let trace = predict_url("s=primes&mode=yield&numbers=157,1009&yield-every=1");
    assert!(trace.error().is_none());
    assert_eq!(trace.spans_of(1, Kind::Compute).count(), 5);
}

#[test]
fn the_pool_mode_runs_each_check_as_a_job_on_a_worker() {
    let scenario = find("primes").expect("primes");
    assert_eq!(
        scenario
            .mode("pool")
            .expect("pool")
            .label_in(scenario, awaitlab_core::view_options::Lang::En),
        "pool"
    );
    let request = parse_url(&CATALOG, &pairs("s=primes&mode=pool&workers=2&autorun=1"));
    assert!(request.problems.is_empty(), "{:?}", request.problems);
    assert!(request.draft.validate(scenario).is_ok());
    let trace = predict_url("s=primes&mode=pool&workers=2");
    assert!(trace.error().is_none(), "{:?}", trace.error());
    // The small numbers finish first, on the second worker; the big one alone on the first.
    assert_eq!(
        &trace.lines()[3..6],
        [
            "427920331 is a prime number.",
            "157 is a prime number.",
            "9637529763296797 is a prime number."
        ]
    );
}

fn meta() -> RunMeta {
    RunMeta {
        scenario: "t".into(),
        mode: "t".into(),
        params: Vec::new(),
        speed_ms_per_s: 100.0,
        source: Source::Measured,
    }
}

fn run_compute(clock: Rc<dyn Clock>) -> (Trace, Rc<Cell<(u32, u32)>>) {
    let exec = Executor::new(clock, meta());
    let lab = Lab::predicted(exec.clone());
    let calls = Rc::new(Cell::new((0u32, 0u32)));
    let (lab2, calls2) = (lab.clone(), calls.clone());
    drop(lab.spawn("main", async move {
        let answer = lab2.compute(
            "work",
            1000.0,
            || {
                let (w, m) = calls2.get();
                calls2.set((w + 1, m));
                (42, 7)
            },
            || {
                let (w, m) = calls2.get();
                calls2.set((w, m + 1));
                (42, 7)
            },
        );
        assert_eq!(answer, 42);
        Ok(())
    }));
    assert_eq!(exec.run_batch(f64::INFINITY, u64::MAX), Status::Finished);
    (exec.trace(), calls)
}

#[test]
fn compute_runs_the_work_on_a_real_clock_and_the_model_on_a_virtual_one() {
    let (trace, calls) = run_compute(Rc::new(ManualClock::default()));
    assert_eq!(calls.get(), (1, 0));
    let span = trace.spans_of(0, Kind::Compute).next().expect("span");
    // The real clock did not move: the span is as long as the work really took.
    assert_eq!((span.dur_us, span.value), (0.0, Some(7.0)));

    let (trace, calls) = run_compute(Rc::new(VirtualClock::new()));
    assert_eq!(calls.get(), (0, 1));
    let span = trace.spans_of(0, Kind::Compute).next().expect("span");
    // 7 steps at 1000 ns: 7 µs on the virtual clock.
    assert_eq!(
        (span.label.as_str(), span.dur_us, span.value),
        ("work", 7.0, Some(7.0))
    );
    assert_eq!(trace.total_us, Some(7.0));
}

//! Trial division and the number theory that predicts its cost: the kernels the worker pool runs
//! and the `primes` scenario's checks share it, so it sits below both.

use std::cell::RefCell;
use std::collections::VecDeque;

/// The cost model: real nanoseconds one trial division (a 64-bit `%` and the loop around it) is
/// charged in the prediction: 1/256 µs ≈ 3.9 ns, a power of two so that virtual times add up
/// exactly, a little above the ≈ 3 ns release wasm measured in Chromium on the reference machine
/// (2 cores; a 49-million-division check took about 140–160 ms).
pub const NS_PER_DIVISION: f64 = 3.906_25;

/// Most divisions one number may need (√n / 2 for a prime n): about 4 s at the nominal cost. The
/// largest prime this allows is about 4 × 10^18; the largest 64-bit primes would take 2.1 billion
/// divisions.
pub const MAX_DIVISIONS: u64 = 1_000_000_000;

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

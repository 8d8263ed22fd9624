//! `random`: CPython's Mersenne Twister and its algorithms (`random`, `randint`, `choice`,
//! `shuffle`, `sample`, `uniform`), so `random.seed(42)` gives CPython's numbers. Each run starts
//! from the same seed, so a prediction and its measured run draw the same numbers.

use super::make_module;
use crate::builtins::{func, int_arg, num_arg};
use crate::error::{PyErr, PyResult};
use crate::object::Namespace;
use crate::value::Value;
use crate::vm::{iter, Args, Vm};

const N: usize = 624;
const M: usize = 397;

/// MT19937, as CPython's `_random` module has it.
#[derive(Clone)]
pub struct Mt {
    state: Vec<u32>,
    index: usize,
}

impl Default for Mt {
    fn default() -> Self {
        let mut mt = Mt {
            state: vec![0; N],
            index: N,
        };
        mt.seed_u64(0);
        mt
    }
}

impl Mt {
    fn init_genrand(&mut self, s: u32) {
        self.state[0] = s;
        for i in 1..N {
            let prev = self.state[i - 1];
            self.state[i] = 1_812_433_253u32
                .wrapping_mul(prev ^ (prev >> 30))
                .wrapping_add(i as u32);
        }
        self.index = N;
    }

    fn init_by_array(&mut self, key: &[u32]) {
        self.init_genrand(19_650_218);
        let (mut i, mut j) = (1usize, 0usize);
        let mut k = N.max(key.len());
        while k > 0 {
            let prev = self.state[i - 1];
            self.state[i] = (self.state[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(key[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                self.state[0] = self.state[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
            k -= 1;
        }
        k = N - 1;
        while k > 0 {
            let prev = self.state[i - 1];
            self.state[i] = (self.state[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_566_083_941))
                .wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                self.state[0] = self.state[N - 1];
                i = 1;
            }
            k -= 1;
        }
        self.state[0] = 0x8000_0000;
        self.index = N;
    }

    /// `random.seed(n)` for a non-negative int (CPython seeds with `abs(n)`).
    pub fn seed_u64(&mut self, n: u64) {
        let mut key = Vec::new();
        let mut x = n;
        while x > 0 {
            key.push(x as u32);
            x >>= 32;
        }
        if key.is_empty() {
            key.push(0);
        }
        self.init_by_array(&key);
    }

    fn next_u32(&mut self) -> u32 {
        if self.index >= N {
            for i in 0..N {
                let y = (self.state[i] & 0x8000_0000) | (self.state[(i + 1) % N] & 0x7fff_ffff);
                let mut v = self.state[(i + M) % N] ^ (y >> 1);
                if y & 1 != 0 {
                    v ^= 0x9908_b0df;
                }
                self.state[i] = v;
            }
            self.index = 0;
        }
        let mut y = self.state[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^= y >> 18;
        y
    }

    /// `random.random()`: 53 random bits in [0, 1).
    pub fn random(&mut self) -> f64 {
        let a = (self.next_u32() >> 5) as f64;
        let b = (self.next_u32() >> 6) as f64;
        (a * 67_108_864.0 + b) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `getrandbits(k)` for k ≤ 64.
    fn getrandbits(&mut self, k: u32) -> u64 {
        if k == 0 {
            return 0;
        }
        if k <= 32 {
            return (self.next_u32() >> (32 - k)) as u64;
        }
        let lo = self.next_u32() as u64;
        let hi = (self.next_u32() >> (64 - k)) as u64;
        lo | (hi << 32)
    }

    /// `_randbelow(n)`: a uniform int in [0, n).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        let k = 64 - n.leading_zeros();
        loop {
            let r = self.getrandbits(k);
            if r < n {
                return r;
            }
        }
    }
}

fn with_rng<R>(vm: &Vm, f: impl FnOnce(&mut Mt) -> R) -> R {
    f(&mut vm.rng.borrow_mut())
}

fn seed(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("seed", 0, 2)?;
    let n = match args.pos.first() {
        None | Some(Value::None) => 0,
        Some(Value::Int(i)) => i.unsigned_abs(),
        Some(Value::Bool(b)) => *b as u64,
        Some(Value::Float(f)) => crate::dict::py_hash(&Value::Float(*f)).unwrap_or(0) >> 1,
        Some(Value::Str(s)) => crate::dict::py_hash(&Value::Str(s.clone())).unwrap_or(0),
        Some(other) => {
            return Err(PyErr::type_error(format!(
                "The only supported seed types are: None,\nint, float, str, bytes, and bytearray. (got {})",
                crate::object::type_name(other)
            )))
        }
    };
    with_rng(vm, |r| r.seed_u64(n));
    Ok(Value::None)
}

fn random(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("random", 0, 0)?;
    Ok(Value::Float(with_rng(vm, Mt::random)))
}

fn uniform(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("uniform", 2, 2)?;
    let a = num_arg(&args.pos[0], "a")?;
    let b = num_arg(&args.pos[1], "b")?;
    Ok(Value::Float(a + (b - a) * with_rng(vm, Mt::random)))
}

fn randrange_of(vm: &Vm, start: i64, stop: Option<i64>, step: i64) -> PyResult<i64> {
    let Some(stop) = stop else {
        if start <= 0 {
            return Err(PyErr::value_error("empty range for randrange()"));
        }
        return Ok(with_rng(vm, |r| r.below(start as u64)) as i64);
    };
    let width = stop as i128 - start as i128;
    if step == 1 {
        if width <= 0 {
            return Err(PyErr::value_error(format!(
                "empty range for randrange() ({start}, {stop}, {width})"
            )));
        }
        return Ok(start + with_rng(vm, |r| r.below(width as u64)) as i64);
    }
    if step == 0 {
        return Err(PyErr::value_error("zero step for randrange()"));
    }
    let n = if step > 0 {
        (width + step as i128 - 1) / step as i128
    } else {
        (width + step as i128 + 1) / step as i128
    };
    if n <= 0 {
        return Err(PyErr::value_error("empty range for randrange()"));
    }
    Ok(start + step * with_rng(vm, |r| r.below(n as u64)) as i64)
}

fn randrange(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("randrange", 1, 3)?;
    let start = int_arg(&args.pos[0], "randrange() argument")?;
    let stop = match args.pos.get(1) {
        Some(v) => Some(int_arg(v, "randrange() argument")?),
        None => None,
    };
    let step = match args.pos.get(2) {
        Some(v) => int_arg(v, "randrange() argument")?,
        None => 1,
    };
    Ok(Value::Int(randrange_of(vm, start, stop, step)?))
}

fn randint(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("randint", 2, 2)?;
    let a = int_arg(&args.pos[0], "randint() argument")?;
    let b = int_arg(&args.pos[1], "randint() argument")?;
    let stop = b.checked_add(1).ok_or_else(crate::vm::ops::int_overflow)?;
    Ok(Value::Int(randrange_of(vm, a, Some(stop), 1)?))
}

fn choice(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("choice", 1, 1)?;
    let items = iter::collect(vm, &args.pos[0])?;
    if items.is_empty() {
        return Err(PyErr::index_error("Cannot choose from an empty sequence"));
    }
    let i = with_rng(vm, |r| r.below(items.len() as u64)) as usize;
    Ok(items[i].clone())
}

fn shuffle(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("shuffle", 1, 1)?;
    let Value::List(l) = &args.pos[0] else {
        return Err(PyErr::type_error("shuffle() needs a list"));
    };
    let mut items = l.borrow().clone();
    for i in (1..items.len()).rev() {
        let j = with_rng(vm, |r| r.below(i as u64 + 1)) as usize;
        items.swap(i, j);
    }
    *l.borrow_mut() = items;
    Ok(Value::None)
}

fn sample(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let k = args.take_kw("k");
    args.check("sample", 1, 2)?;
    let population = iter::collect(vm, &args.pos[0])?;
    let k = match k.or_else(|| args.pos.get(1).cloned()) {
        Some(k) => int_arg(&k, "k")?,
        None => {
            return Err(PyErr::type_error(
                "sample() missing 1 required positional argument: 'k'",
            ))
        }
    };
    let n = population.len() as i64;
    if k < 0 || k > n {
        return Err(PyErr::value_error(
            "Sample larger than population or is negative",
        ));
    }
    let k = k as usize;
    let n = n as usize;
    let mut setsize = 21usize;
    if k > 5 {
        let mut p = 1usize;
        let target = 3 * k;
        let mut e = 0;
        while p < target {
            p *= 4;
            e += 1;
        }
        setsize += 4usize.pow(e);
    }
    let mut result = Vec::with_capacity(k);
    if n <= setsize {
        let mut pool = population.clone();
        for i in 0..k {
            let j = with_rng(vm, |r| r.below((n - i) as u64)) as usize;
            result.push(pool[j].clone());
            pool[j] = pool[n - i - 1].clone();
        }
    } else {
        let mut selected = std::collections::HashSet::new();
        for _ in 0..k {
            let mut j = with_rng(vm, |r| r.below(n as u64)) as usize;
            while selected.contains(&j) {
                j = with_rng(vm, |r| r.below(n as u64)) as usize;
            }
            selected.insert(j);
            result.push(population[j].clone());
        }
    }
    Ok(Value::list(result))
}

pub(super) fn module() -> Value {
    let ns = Namespace::default();
    {
        let mut m = ns.borrow_mut();
        let fns: &[(&str, crate::builtins::NativeFn)] = &[
            ("seed", seed),
            ("random", random),
            ("uniform", uniform),
            ("randrange", randrange),
            ("randint", randint),
            ("choice", choice),
            ("shuffle", shuffle),
            ("sample", sample),
        ];
        for (name, f) in fns {
            m.insert((*name).into(), func(name, *f));
        }
    }
    make_module("random", ns)
}

//! `dict` and `set`: insertion-ordered hash tables keyed by Python values, with Python's key
//! rules (`1`, `1.0` and `True` are one key; lists are unhashable). User classes hash by identity
//! (their `__hash__`/`__eq__` are not consulted: documented in the README's subset).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::rc::Rc;

use crate::value::Value;

/// Python's hash of a value, or `None` when the value is unhashable (`list`, `dict`, `set`).
/// Numbers that compare equal hash equal, as Python requires (`hash(1) == hash(1.0)`).
pub fn py_hash(v: &Value) -> Option<u64> {
    Some(match v {
        Value::None => 0x9e37_79b9,
        Value::Bool(b) => hash_int(*b as i64),
        Value::Int(i) => hash_int(*i),
        Value::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 9.2e18 {
                hash_int(*f as i64)
            } else {
                mix(f.to_bits())
            }
        }
        Value::Str(s) => hash_str(s),
        Value::BigInt(b) => b.hash(),
        Value::Tuple(items) => {
            let mut h: u64 = 0x345678;
            for item in items.iter() {
                h = mix(h ^ py_hash(item)?).wrapping_mul(1_000_003);
            }
            h
        }
        Value::FrozenSet(set) => {
            let mut h: u64 = 0x1f2e3d;
            for k in set.keys() {
                h ^= mix(py_hash(k)?);
            }
            h
        }
        Value::List(_) | Value::Dict(_) | Value::Set(_) | Value::Slice(_) => return None,
        other => mix(other.identity() as u64),
    })
}

fn hash_int(i: i64) -> u64 {
    mix(i as u64)
}

fn hash_str(s: &str) -> u64 {
    // FNV-1a: fast for the short names programs use as keys.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.as_bytes() {
        h ^= *b as u64;
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    h
}

fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x
}

/// Key equality as a dict sees it: by value for numbers, strings, tuples, frozensets and
/// `None`; by identity for everything else.
pub fn key_eq(a: &Value, b: &Value) -> bool {
    use Value::*;
    match (a, b) {
        (None, None) => true,
        (Str(x), Str(y)) => x == y,
        (BigInt(x), BigInt(y)) => x == y,
        (Int(_) | Bool(_) | Float(_), Int(_) | Bool(_) | Float(_)) => num_eq(a, b),
        (Tuple(x), Tuple(y)) => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| key_eq(p, q))
        }
        (FrozenSet(x), FrozenSet(y)) => x.len() == y.len() && x.keys().all(|k| y.contains(k)),
        _ => a.identity() == b.identity() && a.identity() != 0,
    }
}

fn num_eq(a: &Value, b: &Value) -> bool {
    match (a.as_int_like(), b.as_int_like()) {
        (Some(x), Some(y)) => x == y,
        _ => match (a.as_f64(), b.as_f64()) {
            (Some(x), Some(y)) => x == y,
            _ => false,
        },
    }
}

/// The Firefox hasher (a multiply and a rotate per word): fast for short keys such as names.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ i as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// Passes the precomputed Python hash straight through.
#[derive(Default)]
struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) ^ *b as u64;
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

#[derive(Clone)]
struct Key {
    hash: u64,
    value: Value,
}

impl Hash for Key {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Self) -> bool {
        self.hash == other.hash && key_eq(&self.value, &other.value)
    }
}

impl Eq for Key {}

type Index = HashMap<Key, usize, BuildHasherDefault<PassThrough>>;

/// Why a key could not be used: it is unhashable (the caller words the `TypeError`).
#[derive(Debug)]
pub struct Unhashable;

/// An insertion-ordered map of Python values (`dict`), also the body of `set`.
#[derive(Clone, Default)]
pub struct Dict {
    index: Index,
    entries: Vec<Option<(Value, Value)>>,
    live: usize,
}

impl Dict {
    /// An empty dict.
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.live
    }

    /// Whether it is empty.
    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    fn key(k: &Value) -> Result<Key, Unhashable> {
        Ok(Key {
            hash: py_hash(k).ok_or(Unhashable)?,
            value: k.clone(),
        })
    }

    /// The value for `k`.
    pub fn get(&self, k: &Value) -> Result<Option<Value>, Unhashable> {
        let key = Self::key(k)?;
        Ok(self
            .index
            .get(&key)
            .and_then(|&i| self.entries[i].as_ref().map(|(_, v)| v.clone())))
    }

    /// Whether `k` is a key.
    pub fn contains_key(&self, k: &Value) -> Result<bool, Unhashable> {
        Ok(self.index.contains_key(&Self::key(k)?))
    }

    /// Whether `k` is a key (an unhashable `k` is not).
    pub fn contains(&self, k: &Value) -> bool {
        self.contains_key(k).unwrap_or(false)
    }

    /// Sets `k` to `v`; an existing key keeps its place (and its original key object).
    pub fn insert(&mut self, k: Value, v: Value) -> Result<(), Unhashable> {
        let key = Self::key(&k)?;
        if let Some(&i) = self.index.get(&key) {
            if let Some(entry) = self.entries[i].as_mut() {
                entry.1 = v;
            }
            return Ok(());
        }
        self.index.insert(key, self.entries.len());
        self.entries.push(Some((k, v)));
        self.live += 1;
        Ok(())
    }

    /// Removes `k`, returning its value.
    pub fn remove(&mut self, k: &Value) -> Result<Option<Value>, Unhashable> {
        let key = Self::key(k)?;
        let Some(i) = self.index.remove(&key) else {
            return Ok(None);
        };
        let old = self.entries[i].take().map(|(_, v)| v);
        self.live -= 1;
        if self.entries.len() > 32 && self.live * 2 < self.entries.len() {
            self.compact();
        }
        Ok(old)
    }

    fn compact(&mut self) {
        let entries: Vec<(Value, Value)> = self.entries.drain(..).flatten().collect();
        self.index.clear();
        self.live = 0;
        for (k, v) in entries {
            let _ = self.insert(k, v);
        }
    }

    /// Removes and returns the last entry (`popitem`).
    pub fn pop_last(&mut self) -> Option<(Value, Value)> {
        while let Some(last) = self.entries.pop() {
            if let Some((k, v)) = last {
                if let Ok(key) = Self::key(&k) {
                    self.index.remove(&key);
                }
                self.live -= 1;
                return Some((k, v));
            }
        }
        None
    }

    /// Removes every entry.
    pub fn clear(&mut self) {
        self.index.clear();
        self.entries.clear();
        self.live = 0;
    }

    /// Keys in insertion order.
    pub fn keys(&self) -> impl Iterator<Item = &Value> {
        self.entries.iter().flatten().map(|(k, _)| k)
    }

    /// Values in insertion order.
    pub fn values(&self) -> impl Iterator<Item = &Value> {
        self.entries.iter().flatten().map(|(_, v)| v)
    }

    /// Entries in insertion order.
    pub fn items(&self) -> impl Iterator<Item = (&Value, &Value)> {
        self.entries.iter().flatten().map(|(k, v)| (k, v))
    }

    /// The entry at position `i` of the underlying storage, for iterators that must survive
    /// mutation checks: `None` past the end, `Some(None)` for a removed slot.
    pub fn slot(&self, i: usize) -> Option<Option<(&Value, &Value)>> {
        self.entries.get(i).map(|e| e.as_ref().map(|(k, v)| (k, v)))
    }

    /// Size of the underlying storage (for iterators).
    pub fn slots(&self) -> usize {
        self.entries.len()
    }
}

/// A set: a [`Dict`] whose values are unused.
pub type Set = Dict;

/// A shared, growable dict.
pub type DictRef = Rc<std::cell::RefCell<Dict>>;

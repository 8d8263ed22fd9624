//! Integers past 64 bits (`2 ** 100`, `factorial(30)`): sign and magnitude in base-2³² limbs,
//! with the arithmetic Python programs reach — `+ - * // % **`, comparisons, shifts, `str`.
//! A result that fits in an `i64` goes back to `Value::Int`, so the common path never sees this
//! type. Sizes are capped (a `MemoryError` past [`MAX_LIMBS`]) so a program cannot take the tab
//! down with `10 ** 10 ** 9`.

use std::cmp::Ordering;

/// Most 32-bit limbs an integer may have (about 100,000 decimal digits).
pub const MAX_LIMBS: usize = 10_500;

/// An integer of any size (within [`MAX_LIMBS`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BigInt {
    /// Negative (never true for zero).
    neg: bool,
    /// Magnitude, least significant limb first, no trailing zero limbs.
    mag: Vec<u32>,
}

/// Why an operation could not give a result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BigError {
    /// Division or modulo by zero.
    ZeroDivision,
    /// The result would be larger than [`MAX_LIMBS`].
    TooLarge,
    /// A negative shift count.
    NegativeShift,
}

fn trim(mut v: Vec<u32>) -> Vec<u32> {
    while v.last() == Some(&0) {
        v.pop();
    }
    v
}

fn cmp_mag(a: &[u32], b: &[u32]) -> Ordering {
    if a.len() != b.len() {
        return a.len().cmp(&b.len());
    }
    for (x, y) in a.iter().rev().zip(b.iter().rev()) {
        if x != y {
            return x.cmp(y);
        }
    }
    Ordering::Equal
}

fn add_mag(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    let mut out = Vec::with_capacity(long.len() + 1);
    let mut carry = 0u64;
    for (i, &l) in long.iter().enumerate() {
        let s = l as u64 + *short.get(i).unwrap_or(&0) as u64 + carry;
        out.push(s as u32);
        carry = s >> 32;
    }
    if carry > 0 {
        out.push(carry as u32);
    }
    out
}

/// `a - b` for `a >= b`.
fn sub_mag(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len());
    let mut borrow = 0i64;
    for (i, &x) in a.iter().enumerate() {
        let mut d = x as i64 - *b.get(i).unwrap_or(&0) as i64 - borrow;
        if d < 0 {
            d += 1 << 32;
            borrow = 1;
        } else {
            borrow = 0;
        }
        out.push(d as u32);
    }
    trim(out)
}

fn mul_mag(a: &[u32], b: &[u32]) -> Vec<u32> {
    if a.is_empty() || b.is_empty() {
        return Vec::new();
    }
    let mut out = vec![0u32; a.len() + b.len()];
    for (i, &x) in a.iter().enumerate() {
        let mut carry = 0u64;
        for (j, &y) in b.iter().enumerate() {
            let t = out[i + j] as u64 + x as u64 * y as u64 + carry;
            out[i + j] = t as u32;
            carry = t >> 32;
        }
        let mut k = i + b.len();
        while carry > 0 {
            let t = out[k] as u64 + carry;
            out[k] = t as u32;
            carry = t >> 32;
            k += 1;
        }
    }
    trim(out)
}

/// Divides by a small number: (quotient, remainder).
fn divmod_small(a: &[u32], d: u32) -> (Vec<u32>, u32) {
    let mut out = vec![0u32; a.len()];
    let mut rem = 0u64;
    for i in (0..a.len()).rev() {
        let cur = (rem << 32) | a[i] as u64;
        out[i] = (cur / d as u64) as u32;
        rem = cur % d as u64;
    }
    (trim(out), rem as u32)
}

fn bits(a: &[u32]) -> usize {
    match a.last() {
        Some(&top) => (a.len() - 1) * 32 + (32 - top.leading_zeros() as usize),
        None => 0,
    }
}

fn shl_mag(a: &[u32], n: usize) -> Vec<u32> {
    if a.is_empty() {
        return Vec::new();
    }
    let (limbs, rest) = (n / 32, n % 32);
    let mut out = vec![0u32; limbs];
    let mut carry = 0u32;
    for &x in a {
        if rest == 0 {
            out.push(x);
        } else {
            out.push((x << rest) | carry);
            carry = x >> (32 - rest);
        }
    }
    if carry > 0 {
        out.push(carry);
    }
    trim(out)
}

fn shr_mag(a: &[u32], n: usize) -> Vec<u32> {
    let (limbs, rest) = (n / 32, n % 32);
    if limbs >= a.len() {
        return Vec::new();
    }
    let src = &a[limbs..];
    let mut out = Vec::with_capacity(src.len());
    for i in 0..src.len() {
        let lo = src[i] >> rest;
        let hi = if rest == 0 {
            0
        } else {
            src.get(i + 1).map_or(0, |&h| h << (32 - rest))
        };
        out.push(lo | hi);
    }
    trim(out)
}

/// Long division of magnitudes, bit by bit from the top (simple and fast enough for the sizes
/// programs print).
fn divmod_mag(a: &[u32], b: &[u32]) -> (Vec<u32>, Vec<u32>) {
    if cmp_mag(a, b) == Ordering::Less {
        return (Vec::new(), a.to_vec());
    }
    if b.len() == 1 {
        let (q, r) = divmod_small(a, b[0]);
        return (q, trim(vec![r]));
    }
    let n = bits(a);
    let mut q = vec![0u32; a.len()];
    let mut r: Vec<u32> = Vec::new();
    for i in (0..n).rev() {
        r = shl_mag(&r, 1);
        if (a[i / 32] >> (i % 32)) & 1 == 1 {
            if r.is_empty() {
                r.push(1);
            } else {
                r[0] |= 1;
            }
        }
        if cmp_mag(&r, b) != Ordering::Less {
            r = sub_mag(&r, b);
            q[i / 32] |= 1 << (i % 32);
        }
    }
    (trim(q), r)
}

impl BigInt {
    fn new(neg: bool, mag: Vec<u32>) -> Result<BigInt, BigError> {
        let mag = trim(mag);
        if mag.len() > MAX_LIMBS {
            return Err(BigError::TooLarge);
        }
        Ok(BigInt {
            neg: neg && !mag.is_empty(),
            mag,
        })
    }

    /// From a 128-bit integer.
    pub fn from_i128(v: i128) -> BigInt {
        let mut m = v.unsigned_abs();
        let mut mag = Vec::new();
        while m > 0 {
            mag.push(m as u32);
            m >>= 32;
        }
        BigInt { neg: v < 0, mag }
    }

    /// As an `i64`, if it fits.
    pub fn to_i64(&self) -> Option<i64> {
        if self.mag.len() > 2 {
            return None;
        }
        let m = self
            .mag
            .iter()
            .rev()
            .fold(0u128, |acc, &l| (acc << 32) | l as u128);
        let v = if self.neg { -(m as i128) } else { m as i128 };
        i64::try_from(v).ok()
    }

    /// Whether it is below zero.
    pub fn is_negative(&self) -> bool {
        self.neg
    }

    /// Whether it is zero.
    pub fn is_zero(&self) -> bool {
        self.mag.is_empty()
    }

    /// Nearest `f64` (infinite when too large, as `float(n)` raises `OverflowError` for).
    pub fn to_f64(&self) -> f64 {
        let m = self
            .mag
            .iter()
            .rev()
            .fold(0f64, |acc, &l| acc * 4_294_967_296.0 + l as f64);
        if self.neg {
            -m
        } else {
            m
        }
    }

    /// Parses decimal digits (an optional sign; underscores already removed).
    pub fn parse(text: &str) -> Option<BigInt> {
        let (neg, digits) = match text.strip_prefix('-') {
            Some(d) => (true, d),
            None => (false, text.strip_prefix('+').unwrap_or(text)),
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let mut mag: Vec<u32> = Vec::new();
        for chunk in digits.as_bytes().chunks(9) {
            let mut scale = 1u64;
            let mut val = 0u64;
            for &b in chunk {
                val = val * 10 + (b - b'0') as u64;
                scale *= 10;
            }
            // mag = mag * scale + val
            let mut carry = val;
            for limb in mag.iter_mut() {
                let t = *limb as u64 * scale + carry;
                *limb = t as u32;
                carry = t >> 32;
            }
            while carry > 0 {
                mag.push(carry as u32);
                carry >>= 32;
            }
            if mag.len() > MAX_LIMBS {
                return None;
            }
        }
        BigInt::new(neg, mag).ok()
    }

    /// `a + b`.
    pub fn add(&self, other: &BigInt) -> Result<BigInt, BigError> {
        if self.neg == other.neg {
            return BigInt::new(self.neg, add_mag(&self.mag, &other.mag));
        }
        match cmp_mag(&self.mag, &other.mag) {
            Ordering::Less => BigInt::new(other.neg, sub_mag(&other.mag, &self.mag)),
            _ => BigInt::new(self.neg, sub_mag(&self.mag, &other.mag)),
        }
    }

    /// `-a`.
    pub fn neg(&self) -> BigInt {
        BigInt {
            neg: !self.neg && !self.mag.is_empty(),
            mag: self.mag.clone(),
        }
    }

    /// `|a|`.
    pub fn abs(&self) -> BigInt {
        BigInt {
            neg: false,
            mag: self.mag.clone(),
        }
    }

    /// `a - b`.
    pub fn sub(&self, other: &BigInt) -> Result<BigInt, BigError> {
        self.add(&other.neg())
    }

    /// `a * b`.
    pub fn mul(&self, other: &BigInt) -> Result<BigInt, BigError> {
        if self.mag.len() + other.mag.len() > MAX_LIMBS + 1 {
            return Err(BigError::TooLarge);
        }
        BigInt::new(self.neg != other.neg, mul_mag(&self.mag, &other.mag))
    }

    /// Python's `divmod(a, b)`: the quotient rounds toward minus infinity and the remainder
    /// takes the divisor's sign.
    pub fn divmod(&self, other: &BigInt) -> Result<(BigInt, BigInt), BigError> {
        if other.is_zero() {
            return Err(BigError::ZeroDivision);
        }
        let (q, r) = divmod_mag(&self.mag, &other.mag);
        let mut q = BigInt::new(self.neg != other.neg, q)?;
        let mut r = BigInt::new(self.neg, r)?;
        if !r.is_zero() && r.neg != other.neg {
            q = q.sub(&BigInt::from_i128(1))?;
            r = r.add(other)?;
        }
        Ok((q, r))
    }

    /// `a ** e` for `e >= 0`.
    pub fn pow(&self, mut e: u64) -> Result<BigInt, BigError> {
        let bits_needed = bits(&self.mag) as u64 * e;
        if bits_needed > (MAX_LIMBS as u64) * 32 {
            return Err(BigError::TooLarge);
        }
        let mut base = self.clone();
        let mut acc = BigInt::from_i128(1);
        while e > 0 {
            if e & 1 == 1 {
                acc = acc.mul(&base)?;
            }
            e >>= 1;
            if e > 0 {
                base = base.mul(&base)?;
            }
        }
        Ok(acc)
    }

    /// `a << n`.
    pub fn shl(&self, n: i64) -> Result<BigInt, BigError> {
        if n < 0 {
            return Err(BigError::NegativeShift);
        }
        if bits(&self.mag) as u64 + n as u64 > MAX_LIMBS as u64 * 32 {
            return Err(BigError::TooLarge);
        }
        BigInt::new(self.neg, shl_mag(&self.mag, n as usize))
    }

    /// `a >> n` (rounding toward minus infinity, as Python's).
    pub fn shr(&self, n: i64) -> Result<BigInt, BigError> {
        if n < 0 {
            return Err(BigError::NegativeShift);
        }
        if self.neg {
            // -((-a - 1) >> n) - 1
            let m1 = self.neg().sub(&BigInt::from_i128(1))?;
            let shifted = BigInt::new(false, shr_mag(&m1.mag, n as usize))?;
            return shifted.neg().sub(&BigInt::from_i128(1));
        }
        BigInt::new(false, shr_mag(&self.mag, n as usize))
    }

    /// Orders two integers.
    pub fn compare(&self, other: &BigInt) -> Ordering {
        match (self.neg, other.neg) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => cmp_mag(&self.mag, &other.mag),
            (true, true) => cmp_mag(&other.mag, &self.mag),
        }
    }

    /// Decimal digits, with a `-` when negative.
    pub fn to_decimal(&self) -> String {
        if self.mag.is_empty() {
            return "0".into();
        }
        let mut chunks = Vec::new();
        let mut cur = self.mag.clone();
        while !cur.is_empty() {
            let (q, r) = divmod_small(&cur, 1_000_000_000);
            chunks.push(r);
            cur = q;
        }
        let mut out = String::new();
        if self.neg {
            out.push('-');
        }
        if let Some(top) = chunks.pop() {
            out.push_str(&top.to_string());
        }
        for c in chunks.iter().rev() {
            out.push_str(&format!("{c:09}"));
        }
        out
    }

    /// A hash consistent with `i64` hashing for values that fit (they never reach here) and
    /// stable for the rest.
    pub fn hash(&self) -> u64 {
        let mut h: u64 = if self.neg { 0x9e37 } else { 0x7f4a };
        for &l in &self.mag {
            h = (h.rotate_left(5) ^ l as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
        h
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_arithmetic() {
        let a = BigInt::parse("1267650600228229401496703205376").unwrap();
        assert_eq!(a.to_decimal(), "1267650600228229401496703205376");
        assert_eq!(BigInt::from_i128(2).pow(100).unwrap(), a);
        let b = BigInt::parse("-98765432109876543210").unwrap();
        let (q, r) = a.divmod(&b).unwrap();
        // Python: divmod(2**100, -98765432109876543210)
        assert_eq!(q.to_decimal(), "-12834962326");
        assert_eq!(r.to_decimal(), "-13146723114757901084");
        assert_eq!(q.mul(&b).unwrap().add(&r).unwrap(), a);
        assert_eq!(BigInt::from_i128(-5).shr(1).unwrap().to_i64(), Some(-3));
        assert_eq!(BigInt::from_i128(i64::MIN as i128).to_i64(), Some(i64::MIN));
        assert!(BigInt::from_i128(10).pow(200_000).is_err());
    }
}

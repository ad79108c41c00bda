//! Averaged multiclass perceptron over hashed sparse features.
//!
//! Features are `u64` hashes (see [`mix`]). Training uses [`Trainer`], a
//! dense row of weights per feature, allocated the first time a feature takes
//! part in an update; [`Trainer::freeze`] averages the weights, drops the
//! near-zero ones and packs the rest into [`Weights`], a compact sparse table
//! that is what the model file stores and what prediction reads.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::codec::{Decoder, Encoder};
use crate::Error;

/// Mixes `value` into the hash `seed`.
#[inline]
pub(crate) fn mix(seed: u64, value: u64) -> u64 {
    let x = (seed ^ value.wrapping_mul(0x9E37_79B9_7F4A_7C15)).wrapping_mul(0xD6E8_FEB8_6659_FD93);
    x ^ (x >> 29)
}

/// A feature hash from a template id and two values.
#[inline]
pub(crate) fn feat(template: u64, a: u64, b: u64) -> u64 {
    mix(mix(mix(0x51_7CC1_B727_220A, template), a), b)
}

/// A stable 64-bit hash of a string (FNV-1a, then mixed).
pub(crate) fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in s.bytes() {
        h ^= u64::from(byte);
        h = h.wrapping_mul(0x0000_0100_0000_01B3);
    }
    mix(h, 0x2545_F491_4F6C_DD1D)
}

/// Hasher for keys that are already well-mixed hashes.
#[derive(Default)]
pub(crate) struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = mix(self.0, u64::from(b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A hash map keyed by pre-hashed `u64`s.
pub(crate) type HashMap64<V> = HashMap<u64, V, BuildHasherDefault<IdentityHasher>>;

/// Averaged perceptron under training.
pub(crate) struct Trainer {
    n_classes: usize,
    index: HashMap64<u32>,
    weights: Vec<f32>,
    /// Sum of `step * delta`, for averaging (Daumé's trick).
    scaled: Vec<f64>,
    step: u64,
}

impl Trainer {
    pub(crate) fn new(n_classes: usize) -> Trainer {
        Trainer {
            n_classes,
            index: HashMap64::default(),
            weights: Vec::new(),
            scaled: Vec::new(),
            step: 1,
        }
    }

    /// Adds the current (non-averaged) scores of `features` to `scores`.
    pub(crate) fn score(&self, features: &[u64], scores: &mut [f32]) {
        let n = self.n_classes;
        for f in features {
            if let Some(&row) = self.index.get(f) {
                let row = &self.weights[row as usize * n..(row as usize + 1) * n];
                for (s, w) in scores.iter_mut().zip(row) {
                    *s += w;
                }
            }
        }
    }

    fn row(&mut self, feature: u64) -> usize {
        let n = self.n_classes;
        let next = self.index.len() as u32;
        let row = *self.index.entry(feature).or_insert(next);
        if row == next {
            self.weights.resize(self.weights.len() + n, 0.0);
            self.scaled.resize(self.scaled.len() + n, 0.0);
        }
        row as usize * n
    }

    /// Moves the weights of `features` towards `gold` and away from `guess`.
    pub(crate) fn update(&mut self, features: &[u64], gold: usize, guess: usize, amount: f32) {
        if gold == guess {
            return;
        }
        let step = self.step as f64;
        for &f in features {
            let base = self.row(f);
            self.weights[base + gold] += amount;
            self.scaled[base + gold] += step * f64::from(amount);
            self.weights[base + guess] -= amount;
            self.scaled[base + guess] -= step * f64::from(amount);
        }
    }

    /// Counts one training instance (for averaging).
    pub(crate) fn tick(&mut self) {
        self.step += 1;
    }

    /// Averages, prunes weights with magnitude below `threshold` and packs.
    pub(crate) fn freeze(&self, threshold: f32) -> Weights {
        let n = self.n_classes;
        let step = self.step as f64;
        let mut keys: Vec<(u64, u32)> = self.index.iter().map(|(&k, &r)| (k, r)).collect();
        keys.sort_unstable();
        let mut rows: Vec<(u64, Vec<(u16, f32)>)> = Vec::with_capacity(keys.len());
        for (key, row) in keys {
            let base = row as usize * n;
            let mut entries = Vec::new();
            for c in 0..n {
                let avg = f64::from(self.weights[base + c]) - self.scaled[base + c] / step;
                let avg = avg as f32;
                if avg.abs() >= threshold {
                    entries.push((c as u16, avg));
                }
            }
            if !entries.is_empty() {
                rows.push((key, entries));
            }
        }
        Weights::build(n, &rows)
    }
}

/// Frozen sparse weights: an open-addressing table from feature fingerprint
/// to a row of `(class, weight)` entries.
#[derive(Clone, Debug, Default)]
pub(crate) struct Weights {
    n_classes: usize,
    mask: usize,
    /// Fingerprint per slot, 0 = empty.
    slot_fp: Vec<u32>,
    /// Row per slot.
    slot_row: Vec<u32>,
    /// Row `r` is entries `row_start[r]..row_start[r + 1]`.
    row_start: Vec<u32>,
    class: Vec<u16>,
    weight: Vec<f32>,
}

#[inline]
fn fingerprint(key: u64) -> u32 {
    ((key >> 32) as u32) | 1
}

impl Weights {
    fn build(n_classes: usize, rows: &[(u64, Vec<(u16, f32)>)]) -> Weights {
        let capacity = (rows.len() * 4 / 3 + 1).next_power_of_two().max(16);
        let mask = capacity - 1;
        let mut w = Weights {
            n_classes,
            mask,
            slot_fp: vec![0; capacity],
            slot_row: vec![0; capacity],
            row_start: Vec::with_capacity(rows.len() + 1),
            class: Vec::new(),
            weight: Vec::new(),
        };
        w.row_start.push(0);
        for (r, (key, entries)) in rows.iter().enumerate() {
            let mut slot = (*key as usize) & mask;
            while w.slot_fp[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            w.slot_fp[slot] = fingerprint(*key);
            w.slot_row[slot] = r as u32;
            for &(c, x) in entries {
                w.class.push(c);
                w.weight.push(x);
            }
            w.row_start.push(w.class.len() as u32);
        }
        w
    }

    /// Number of classes.
    pub(crate) fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Number of stored weights.
    pub(crate) fn len(&self) -> usize {
        self.weight.len()
    }

    #[inline]
    fn find(&self, key: u64) -> Option<usize> {
        if self.slot_fp.is_empty() {
            return None;
        }
        let fp = fingerprint(key);
        let mut slot = (key as usize) & self.mask;
        loop {
            let found = self.slot_fp[slot];
            if found == fp {
                return Some(self.slot_row[slot] as usize);
            }
            if found == 0 {
                return None;
            }
            slot = (slot + 1) & self.mask;
        }
    }

    /// Adds the scores of `features` to `scores` (`scores.len() == n_classes`).
    #[inline]
    pub(crate) fn score(&self, features: &[u64], scores: &mut [f32]) {
        for &f in features {
            if let Some(row) = self.find(f) {
                let (a, b) = (self.row_start[row] as usize, self.row_start[row + 1] as usize);
                for (&c, &x) in self.class[a..b].iter().zip(&self.weight[a..b]) {
                    if let Some(s) = scores.get_mut(c as usize) {
                        *s += x;
                    }
                }
            }
        }
    }

    pub(crate) fn encode(&self, out: &mut Encoder) {
        out.u32(self.n_classes as u32);
        out.u32(self.slot_fp.len() as u32);
        out.u32s(&self.slot_fp);
        out.u32s(&self.slot_row);
        out.u32s(&self.row_start);
        out.u16s(&self.class);
        out.f32s(&self.weight);
    }

    pub(crate) fn decode(input: &mut Decoder<'_>) -> Result<Weights, Error> {
        let n_classes = input.u32()? as usize;
        let capacity = input.u32()? as usize;
        if !capacity.is_power_of_two() {
            return Err(Error::corrupt("weight table size is not a power of two"));
        }
        let slot_fp = input.u32s()?;
        let slot_row = input.u32s()?;
        let row_start = input.u32s()?;
        let class = input.u16s()?;
        let weight = input.f32s()?;
        let n_rows = row_start.len().saturating_sub(1);
        let consistent = slot_fp.len() == capacity
            && slot_row.len() == capacity
            && !row_start.is_empty()
            && class.len() == weight.len()
            && row_start.windows(2).all(|w| w[0] <= w[1])
            && row_start.last().is_some_and(|&end| end as usize == class.len())
            && slot_fp
                .iter()
                .zip(&slot_row)
                .all(|(&fp, &r)| fp == 0 || (r as usize) < n_rows)
            && slot_fp.iter().any(|&fp| fp == 0)
            && class.iter().all(|&c| (c as usize) < n_classes);
        if !consistent {
            return Err(Error::corrupt("inconsistent weight table"));
        }
        Ok(Weights {
            n_classes,
            mask: capacity - 1,
            slot_fp,
            slot_row,
            row_start,
            class,
            weight,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_problem() {
        let mut t = Trainer::new(2);
        let data = [(vec![1u64, 10], 0usize), (vec![2, 10], 1), (vec![1, 11], 0), (vec![2, 11], 1)];
        for _ in 0..5 {
            for (f, gold) in &data {
                let mut s = [0.0; 2];
                t.score(f, &mut s);
                let guess = usize::from(s[1] > s[0]);
                t.update(f, *gold, guess, 1.0);
                t.tick();
            }
        }
        let w = t.freeze(1e-6);
        for (f, gold) in &data {
            let mut s = [0.0; 2];
            w.score(f, &mut s);
            assert_eq!(usize::from(s[1] > s[0]), *gold);
        }
        let mut enc = Encoder::default();
        w.encode(&mut enc);
        let bytes = enc.into_bytes();
        let back = Weights::decode(&mut Decoder::new(&bytes)).unwrap();
        assert_eq!(back.len(), w.len());
    }
}

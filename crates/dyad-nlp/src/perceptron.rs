//! Averaged multiclass perceptron over hashed sparse features.
//!
//! Features are `u64` hashes (see [`mix`]). Training uses [`Trainer`], a
//! dense row of weights per feature, allocated the first time a feature takes
//! part in an update; [`Trainer::freeze`] averages the weights, drops the
//! near-zero ones and packs the rest into [`Weights`], a compact sparse table
//! that is what the model file stores and what prediction reads.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::Error;
use crate::codec::{Decoder, Encoder};

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
    /// Updates per row.
    updates: Vec<u32>,
    step: u64,
}

impl Trainer {
    pub(crate) fn new(n_classes: usize) -> Trainer {
        Trainer {
            n_classes,
            index: HashMap64::default(),
            weights: Vec::new(),
            scaled: Vec::new(),
            updates: Vec::new(),
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
            self.updates.push(0);
        }
        self.updates[row as usize] = self.updates[row as usize].saturating_add(1);
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

    /// Averages, drops rows updated fewer than `min_updates` times and
    /// weights with magnitude below `threshold`, and packs.
    pub(crate) fn freeze(&self, threshold: f32, min_updates: u32) -> Weights {
        let n = self.n_classes;
        let step = self.step as f64;
        let mut keys: Vec<(u64, u32)> = self.index.iter().map(|(&k, &r)| (k, r)).collect();
        keys.sort_unstable();
        let mut rows: Vec<(u64, Vec<(u16, f32)>)> = Vec::with_capacity(keys.len());
        for (key, row) in keys {
            if self.updates[row as usize] < min_updates {
                continue;
            }
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
/// to a row of per-class weights, quantised to `i16`.
///
/// Each slot is two words. The first is `fingerprint << 32 | start` (0 =
/// empty). Tables of at most [`INLINE`] classes keep the row in the second
/// word (one `i16` per class), so a lookup touches one cache line; larger
/// tables keep sparse rows in `entries`: `entries[start]` is the row length,
/// then one `class | weight << 16` per entry. The slot's second word, which
/// the file does not store, holds a copy of rows of one or two entries, or
/// else the row's length (see [`row_word`]), so that lookups of short rows
/// touch one cache line and longer rows can be fetched before they are read.
/// One
/// table's weights share one scale, which argmax ignores, so scores are sums
/// of the quantised values.
#[derive(Clone, Debug, Default)]
pub(crate) struct Weights {
    n_classes: usize,
    mask: usize,
    slots: Vec<[u64; 2]>,
    entries: Vec<u32>,
}

/// Largest class count stored inline in the slots.
const INLINE: usize = 4;

/// Features looked up together by [`Weights::score`].
const BATCH: usize = 32;

#[inline]
fn fingerprint(key: u64) -> u64 {
    (key >> 32) | 1
}

/// The second slot word of a sparse row: a row of one or two entries packed
/// in the word (entries are never 0, their weight being non-zero), or else
/// the row's length in the high half.
fn row_word(row: &[u32]) -> u64 {
    match row {
        [a] if *a != 0 => u64::from(*a),
        [a, b] if *a != 0 => u64::from(*a) | u64::from(*b) << 32,
        _ => (row.len() as u64) << 32,
    }
}

#[inline]
fn quantised(e: u32) -> f32 {
    f32::from((e >> 16) as u16 as i16)
}

impl Weights {
    fn build(n_classes: usize, rows: &[(u64, Vec<(u16, f32)>)]) -> Weights {
        let max = rows
            .iter()
            .flat_map(|(_, e)| e.iter().map(|(_, w)| w.abs()))
            .fold(0.0f32, f32::max);
        let scale = if max > 0.0 { 32767.0 / max } else { 1.0 };
        let quantised: Vec<(u64, Vec<u32>)> = rows
            .iter()
            .filter_map(|(key, entries)| {
                let row: Vec<u32> = entries
                    .iter()
                    .filter_map(|&(c, w)| {
                        let q = (w * scale).round() as i16;
                        (q != 0).then_some(u32::from(c) | u32::from(q as u16) << 16)
                    })
                    .collect();
                (!row.is_empty()).then_some((*key, row))
            })
            .collect();
        let capacity = (quantised.len() * 4 / 3 + 1).next_power_of_two().max(16);
        let mask = capacity - 1;
        let mut w = Weights {
            n_classes,
            mask,
            slots: vec![[0, 0]; capacity],
            entries: Vec::new(),
        };
        for (key, row) in quantised {
            let mut slot = (key as usize) & mask;
            while w.slots[slot][0] != 0 {
                slot = (slot + 1) & mask;
            }
            w.place(slot, key, &row);
        }
        w
    }

    fn place(&mut self, slot: usize, key: u64, row: &[u32]) {
        if self.n_classes <= INLINE {
            let mut packed = 0u64;
            for &e in row {
                packed |= u64::from(e >> 16) << (16 * (e & 0xFFFF));
            }
            self.slots[slot] = [fingerprint(key) << 32, packed];
        } else {
            self.slots[slot] = [
                fingerprint(key) << 32 | self.entries.len() as u64,
                row_word(row),
            ];
            self.entries.push(row.len() as u32);
            self.entries.extend_from_slice(row);
        }
    }

    /// Whether the table holds no rows.
    pub(crate) fn is_empty(&self) -> bool {
        if self.n_classes > INLINE {
            self.entries.is_empty()
        } else {
            self.slots.iter().all(|s| s[0] == 0)
        }
    }

    /// Number of classes.
    pub(crate) fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Number of stored (non-zero) weights.
    pub(crate) fn len(&self) -> usize {
        if self.n_classes <= INLINE {
            self.slots
                .iter()
                .map(|s| (0..4).filter(|k| (s[1] >> (16 * k)) & 0xFFFF != 0).count())
                .sum()
        } else {
            self.entries.len() - self.slots.iter().filter(|s| s[0] != 0).count()
        }
    }

    /// The row at an occupied slot as `class | weight << 16` entries.
    fn row(&self, slot: [u64; 2], out: &mut Vec<u32>) {
        out.clear();
        if self.n_classes <= INLINE {
            for c in 0..self.n_classes {
                let q = ((slot[1] >> (16 * c)) & 0xFFFF) as u32;
                if q != 0 {
                    out.push(c as u32 | q << 16);
                }
            }
        } else {
            let start = (slot[0] & 0xFFFF_FFFF) as usize;
            let len = self.entries[start] as usize;
            out.extend_from_slice(&self.entries[start + 1..start + 1 + len]);
        }
    }

    /// Drops weights whose magnitude is below `fraction` of the largest.
    pub(crate) fn prune(&mut self, fraction: f32) {
        let limit = fraction * 32767.0;
        let old = std::mem::take(&mut self.entries);
        let old_self = Weights {
            n_classes: self.n_classes,
            mask: self.mask,
            slots: Vec::new(),
            entries: old,
        };
        let mut row = Vec::new();
        for i in 0..self.slots.len() {
            let slot = self.slots[i];
            if slot[0] == 0 {
                continue;
            }
            old_self.row(slot, &mut row);
            row.retain(|&e| quantised(e).abs() >= limit);
            // A key with the slot's fingerprint.
            self.place(i, slot[0] >> 32 << 32, &row);
        }
    }

    /// Adds the scores of `features` to `scores` (`scores.len() == n_classes`).
    ///
    /// The table is far larger than the caches, so nearly every lookup is a
    /// cache miss. Features are looked up in batches, first touching every
    /// home slot of the batch (independent loads whose misses overlap), then
    /// probing; long sparse rows are likewise touched before they are summed.
    /// Scores are sums of small integers, exact in `f32`, so the order of
    /// the additions does not matter.
    #[inline]
    pub(crate) fn score(&self, features: &[u64], scores: &mut [f32]) {
        if self.slots.is_empty() {
            return;
        }
        for batch in features.chunks(BATCH) {
            self.touch_homes(batch);
            let mut rows = [(0usize, 0usize); BATCH];
            let mut n = 0;
            let mut touch = 0u32;
            for &f in batch {
                if let Some(found) = self.find(f)
                    && let Some(row) = self.add_slot(found, scores, &mut touch)
                {
                    rows[n] = row;
                    n += 1;
                }
            }
            std::hint::black_box(touch);
            for &(start, len) in &rows[..n] {
                self.add_row(start, len, scores);
            }
        }
    }

    /// Adds the scores of groups of features, all looked up together so that
    /// the lookups of all groups overlap: group `g` is `features[ends[g - 1]
    /// ..ends[g]]` (from 0 for the first) and its scores are the `g`-th of
    /// `ends.len()` equal parts of `scores`.
    pub(crate) fn score_groups(&self, features: &[u64], ends: &[usize], scores: &mut [f32]) {
        if self.slots.is_empty() || ends.is_empty() {
            return;
        }
        let stride = scores.len() / ends.len();
        self.touch_homes(features);
        let mut rows: Vec<(usize, usize, usize)> = Vec::new();
        let mut touch = 0u32;
        let mut begin = 0;
        for (g, &end) in ends.iter().enumerate() {
            let out = &mut scores[g * stride..(g + 1) * stride];
            for &f in features.get(begin..end).unwrap_or_default() {
                if let Some(found) = self.find(f)
                    && let Some((start, len)) = self.add_slot(found, out, &mut touch)
                {
                    rows.push((g, start, len));
                }
            }
            begin = end;
        }
        std::hint::black_box(touch);
        for (g, start, len) in rows {
            self.add_row(start, len, &mut scores[g * stride..(g + 1) * stride]);
        }
    }

    /// Loads the home slot of every feature, so that their cache misses
    /// overlap before the slots are probed.
    #[inline]
    fn touch_homes(&self, features: &[u64]) {
        let mut touch = 0u64;
        for &f in features {
            touch ^= self.slots[(f as usize) & self.mask][0];
        }
        std::hint::black_box(touch);
    }

    /// The slot holding feature `f`, if any.
    #[inline]
    fn find(&self, f: u64) -> Option<[u64; 2]> {
        let fp = fingerprint(f);
        let mut slot = (f as usize) & self.mask;
        loop {
            let found = self.slots[slot];
            if found[0] >> 32 == fp {
                return Some(found);
            }
            if found[0] == 0 {
                return None;
            }
            slot = (slot + 1) & self.mask;
        }
    }

    /// Adds the row of an occupied slot to `scores` if it is inline or
    /// short; else returns where its entries start and how many there are,
    /// after loading one entry per cache line of them into `touch`.
    #[inline]
    fn add_slot(
        &self,
        found: [u64; 2],
        scores: &mut [f32],
        touch: &mut u32,
    ) -> Option<(usize, usize)> {
        if self.n_classes <= INLINE {
            let n = self.n_classes.min(scores.len());
            for (c, s) in scores[..n].iter_mut().enumerate() {
                *s += f32::from((found[1] >> (16 * c)) as u16 as i16);
            }
            return None;
        }
        let (low, high) = (found[1] as u32, (found[1] >> 32) as u32);
        if low != 0 {
            for e in [low, high] {
                if e != 0
                    && let Some(s) = scores.get_mut((e & 0xFFFF) as usize)
                {
                    *s += quantised(e);
                }
            }
            return None;
        }
        let start = (found[0] & 0xFFFF_FFFF) as usize + 1;
        let len = high as usize;
        for e in self.entries[start..start + len].iter().step_by(16) {
            *touch ^= e;
        }
        Some((start, len))
    }

    /// Adds the `len` sparse entries from `start` to `scores`.
    #[inline]
    fn add_row(&self, start: usize, len: usize, scores: &mut [f32]) {
        for &e in &self.entries[start..start + len] {
            if let Some(s) = scores.get_mut((e & 0xFFFF) as usize) {
                *s += quantised(e);
            }
        }
    }

    /// Writes the table: the slot count, then only the occupied slots, each
    /// as the gap from the previous occupied slot and its words (the second
    /// word only for inline rows), then the sparse rows. Empty slots, about
    /// half of the table, are not stored.
    pub(crate) fn encode(&self, out: &mut Encoder) {
        out.u32(self.n_classes as u32);
        out.u32(self.slots.len() as u32);
        let inline = self.n_classes <= INLINE;
        let occupied = self.slots.iter().filter(|s| s[0] != 0).count();
        out.u32(occupied as u32);
        let mut last = 0usize;
        for (i, slot) in self.slots.iter().enumerate() {
            if slot[0] == 0 {
                continue;
            }
            out.varint((i - last) as u64);
            last = i;
            out.u64(slot[0]);
            if inline {
                out.u64(slot[1]);
            }
        }
        out.u32s(&self.entries);
    }

    fn decode_slots(input: &mut Decoder<'_>, inline: bool) -> Result<Vec<[u64; 2]>, Error> {
        let capacity = input.u32()? as usize;
        let occupied = input.u32()? as usize;
        if !capacity.is_power_of_two() || occupied >= capacity || occupied > input.remaining() / 9 {
            return Err(Error::corrupt("bad weight table size"));
        }
        let mut slots = vec![[0u64; 2]; capacity];
        let mut at = 0usize;
        for k in 0..occupied {
            let gap = input.varint()? as usize;
            if (k > 0 && gap == 0) || gap >= capacity - at {
                return Err(Error::corrupt("bad weight table slot"));
            }
            at += gap;
            let first = input.u64()?;
            let second = if inline { input.u64()? } else { 0 };
            if first == 0 {
                return Err(Error::corrupt("bad weight table slot"));
            }
            slots[at] = [first, second];
        }
        Ok(slots)
    }

    pub(crate) fn decode(input: &mut Decoder<'_>) -> Result<Weights, Error> {
        let n_classes = input.u32()? as usize;
        let inline = n_classes <= INLINE;
        let slots = if input.version == 1 {
            let slots = input.u64_pairs()?;
            if !slots.len().is_power_of_two() || !slots.iter().any(|s| s[0] == 0) {
                return Err(Error::corrupt("bad weight table size"));
            }
            slots
        } else {
            Weights::decode_slots(input, inline)?
        };
        let capacity = slots.len();
        let entries = input.u32s()?;
        let mut slots = slots;
        if !inline {
            for slot in &mut slots {
                if slot[0] == 0 {
                    continue;
                }
                let start = (slot[0] & 0xFFFF_FFFF) as usize;
                let len = entries.get(start).copied().unwrap_or(u32::MAX) as usize;
                let row = entries.get(start + 1..start.saturating_add(1).saturating_add(len));
                let ok =
                    row.is_some_and(|row| row.iter().all(|&e| ((e & 0xFFFF) as usize) < n_classes));
                if !ok {
                    return Err(Error::corrupt("inconsistent weight table"));
                }
                slot[1] = row.map_or(0, row_word);
            }
        }
        Ok(Weights {
            n_classes,
            mask: capacity - 1,
            slots,
            entries,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sparse tables (rows short and long, before and after a round trip
    /// through the file format) score each feature with its row, and a batch
    /// of features, more than one lookup batch long, with the sum of rows.
    #[test]
    fn sparse_scores_are_row_sums() {
        let n = 12;
        let mut t = Trainer::new(n);
        let mut rng = crate::Rng::new(7);
        for _ in 0..1500 {
            let f: Vec<u64> = (0..3).map(|_| rng.next_u64() % 2000).collect();
            let gold = (rng.next_u64() % n as u64) as usize;
            let guess = (rng.next_u64() % n as u64) as usize;
            t.update(&f, gold, guess, 1.0);
            t.tick();
        }
        let w = t.freeze(1e-6, 1);
        let mut enc = Encoder::default();
        w.encode(&mut enc);
        let bytes = enc.into_bytes();
        let back = Weights::decode(&mut Decoder::new(&bytes, crate::VERSION)).expect("decodes");
        let mut row = Vec::new();
        let mut lengths = [0usize; 4];
        let features: Vec<u64> = (0..2100).collect();
        let batch = &features[..100];
        let mut expected = vec![0.0f32; n];
        for table in [&w, &back] {
            for &f in &features {
                let mut want = vec![0.0f32; n];
                if let Some(slot) = table.find(f) {
                    table.row(slot, &mut row);
                    lengths[row.len().min(3)] += 1;
                    for &e in &row {
                        want[(e & 0xFFFF) as usize] += quantised(e);
                    }
                }
                let mut got = vec![0.0f32; n];
                table.score(&[f], &mut got);
                assert_eq!(got, want, "feature {f}");
                if batch.contains(&f) {
                    for (e, x) in expected.iter_mut().zip(&want) {
                        *e += x;
                    }
                }
            }
        }
        assert!(lengths[1] + lengths[2] > 0 && lengths[3] > 0, "{lengths:?}");
        for table in [&w, &back] {
            let mut got = vec![0.0f32; n];
            table.score(batch, &mut got);
            let half: Vec<f32> = expected.iter().map(|x| x / 2.0).collect();
            assert_eq!(got, half);
        }
    }

    #[test]
    fn learns_a_separable_problem() {
        let mut t = Trainer::new(2);
        let data = [
            (vec![1u64, 10], 0usize),
            (vec![2, 10], 1),
            (vec![1, 11], 0),
            (vec![2, 11], 1),
        ];
        for _ in 0..5 {
            for (f, gold) in &data {
                let mut s = [0.0; 2];
                t.score(f, &mut s);
                let guess = usize::from(s[1] > s[0]);
                t.update(f, *gold, guess, 1.0);
                t.tick();
            }
        }
        let w = t.freeze(1e-6, 1);
        for (f, gold) in &data {
            let mut s = [0.0; 2];
            w.score(f, &mut s);
            assert_eq!(usize::from(s[1] > s[0]), *gold);
        }
        let mut enc = Encoder::default();
        w.encode(&mut enc);
        let bytes = enc.into_bytes();
        let back = Weights::decode(&mut Decoder::new(&bytes, crate::VERSION)).expect("decodes");
        assert_eq!(back.len(), w.len());
        assert_eq!(back.slots, w.slots);
        assert_eq!(back.entries, w.entries);
        // Only occupied slots are stored.
        assert!(bytes.len() < w.slots.len() * 16);
        for cut in 0..bytes.len() {
            assert!(Weights::decode(&mut Decoder::new(&bytes[..cut], crate::VERSION)).is_err());
        }
    }
}

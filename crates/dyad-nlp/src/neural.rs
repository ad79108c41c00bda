//! Graph-based dependency parser: a bidirectional LSTM over word, tag,
//! suffix and shape embeddings, a biaffine arc scorer (Dozat & Manning
//! 2017) choosing each word's head, and a label classifier over the
//! dependent and its head. Trained with Adam on the cross-entropy of the
//! gold head and label; written by hand (no tensor library) for dyad.
//!
//! The tree is the best projective one with a single word on the root
//! ([`eisner`]); for sentences over [`EXACT_MAX`] words each word's best
//! head is taken and [`to_tree`] repairs cycles and extra roots.

// Numeric kernels index several arrays in step; index loops read best.
#![allow(clippy::needless_range_loop)]

use std::collections::HashMap;
use std::sync::OnceLock;
use std::time::Instant;

use crate::codec::{Decoder, Encoder};
use crate::parser::Tree;
use crate::tagger::Tok;
use crate::{Error, Labels, Rng};

/// Suffix hash buckets (the last three letters).
const SUFFIXES: usize = 4096;
/// Word shape hash buckets.
const SHAPES: usize = 1024;
/// Word ids 0 and 1: unknown word, the artificial root.
const UNKNOWN: u32 = 0;
const ROOT: u32 = 1;

/// Sizes of the network and training settings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NeuralConfig {
    /// Word embedding size.
    pub word_dim: usize,
    /// Tag embedding size.
    pub tag_dim: usize,
    /// LSTM state size per direction.
    pub hidden: usize,
    /// Arc scorer size.
    pub arc_dim: usize,
    /// Label classifier size.
    pub label_dim: usize,
    /// Passes over the training data.
    pub epochs: usize,
    /// Adam learning rate.
    pub learning_rate: f32,
    /// Learning rate factor after each epoch.
    pub decay: f32,
    /// Sentences per update.
    pub batch: usize,
    /// Whether the network also predicts each word's tag class from its
    /// LSTM state, replacing the tagger's (which it reads as an input).
    pub tags: bool,
}

impl Default for NeuralConfig {
    fn default() -> NeuralConfig {
        NeuralConfig {
            word_dim: 100,
            tag_dim: 32,
            hidden: 160,
            arc_dim: 128,
            label_dim: 64,
            epochs: 30,
            learning_rate: 0.002,
            decay: 0.95,
            batch: 32,
            tags: true,
        }
    }
}

const SUFFIX_DIM: usize = 16;
const SHAPE_DIM: usize = 16;
const DROP_IN: f32 = 0.33;
const DROP_HIDDEN: f32 = 0.33;
const WORD_DROP: f32 = 0.25;
/// Decay of the weight average kept during training (per update), once
/// past the first few hundred updates.
const AVERAGE_DECAY: f32 = 0.999;
/// Sentences per gradient shard: shards are computed in parallel and summed
/// in order, so the model does not depend on the number of threads.
const SHARD: usize = 16;

/// Tensor indices of one LSTM direction.
#[derive(Clone, Copy, Debug)]
struct Lstm {
    w: usize,
    u: usize,
    b: usize,
}

/// The trained network.
#[derive(Clone, Debug)]
pub(crate) struct NeuralParser {
    cfg: NeuralConfig,
    /// Lowercased form hash → word id (2…).
    words: HashMap<u64, u32>,
    /// Training count of each word id (for word dropout).
    counts: Vec<u32>,
    /// Number of tag classes (ids 2… in the tag table).
    n_tags: usize,
    pub(crate) labels: Labels,
    t: Vec<Vec<f32>>,
    /// Per embedding table (words, tags, suffixes, shapes), each row
    /// multiplied by its columns of the two LSTM input matrices (forward
    /// then backward gates), made on first use: at run time the input
    /// projection is a sum of four such rows.
    projected: [Vec<OnceLock<Box<[f32]>>>; 4],
    /// The arc scorer's bilinear matrix transposed.
    uarc_t: Vec<f32>,
    /// The arc and label projections stacked (`[W_ad; W_ah; W_ld; W_lh]`)
    /// and blocked ([`block_f32`]): one pass over each position's LSTM
    /// output.
    heads_b: Vec<f32>,
    /// The LSTM recurrent matrices (forward, backward) in bfloat16
    /// ([`pack_bf16`]).
    recurrent: [Vec<u32>; 2],
}

// tensor slots
const EW: usize = 0;
const ET: usize = 1;
const ES: usize = 2;
const EC: usize = 3;
const LSTM_F: Lstm = Lstm { w: 4, u: 5, b: 6 };
const LSTM_B: Lstm = Lstm { w: 7, u: 8, b: 9 };
const WAD: usize = 10;
const BAD: usize = 11;
const WAH: usize = 12;
const BAH: usize = 13;
const UARC: usize = 14;
const VARC: usize = 15;
const WLD: usize = 16;
const WLH: usize = 17;
const BL: usize = 18;
const WOUT: usize = 19;
const BOUT: usize = 20;
/// The tag classifier (with [`NeuralConfig::tags`]).
const WTAG: usize = 21;
const BTAG: usize = 22;
const N_TENSORS: usize = 23;

/// What the run-time network gives for a sentence: arc scores of each word
/// (`scores[i - 1][j]`: word `i` headed by position `j`), the label
/// projections of the dependents and of the heads, flat (`label_dim` per
/// position), and the tags.
struct Run {
    scores: Vec<Vec<f32>>,
    ld: Vec<f32>,
    lh: Vec<f32>,
    /// The best tag class of each position (position 0 the root), with
    /// [`NeuralConfig::tags`]; else empty.
    tags: Vec<u16>,
}

/// One sentence in id form, position 0 the root.
#[derive(Clone, Debug, Default)]
pub(crate) struct Sent {
    w: Vec<u32>,
    t: Vec<u32>,
    s: Vec<u32>,
    c: Vec<u32>,
    /// Gold heads (position of the head, 0 = root) and labels; empty at run
    /// time.
    heads: Vec<u32>,
    labels: Vec<u16>,
    /// Gold tag classes (training with [`NeuralConfig::tags`]).
    gold_tags: Vec<u16>,
}

/// A training sentence: tokens, (jackknifed) tags, 0-based heads with `n`
/// the root, and label ids.
pub(crate) struct NeuralGold<'a> {
    pub(crate) toks: &'a [Tok],
    pub(crate) tags: &'a [u16],
    pub(crate) heads: &'a [u32],
    pub(crate) labels: &'a [u16],
    /// Gold tag classes.
    pub(crate) gold_tags: &'a [u16],
}

// ------------------------------------------------------------------ math

#[inline]
fn dot(a: &[f32], b: &[f32]) -> f32 {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let mut acc = [0f32; 8];
    let ca = a.chunks_exact(8);
    let cb = b.chunks_exact(8);
    let (ra, rb) = (ca.remainder(), cb.remainder());
    for (x, y) in ca.zip(cb) {
        for k in 0..8 {
            acc[k] += x[k] * y[k];
        }
    }
    let mut s: f32 = acc.iter().sum();
    for (x, y) in ra.iter().zip(rb) {
        s += x * y;
    }
    s
}

/// [`dot`] with fused multiply-adds when `FMA` (compiled into code for
/// CPUs that have them).
#[inline(always)]
fn dot_k<const FMA: bool>(a: &[f32], b: &[f32]) -> f32 {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let mut acc = [0f32; 16];
    let ca = a.chunks_exact(16);
    let cb = b.chunks_exact(16);
    let (ra, rb) = (ca.remainder(), cb.remainder());
    for (x, y) in ca.zip(cb) {
        for k in 0..16 {
            acc[k] = if FMA {
                x[k].mul_add(y[k], acc[k])
            } else {
                acc[k] + x[k] * y[k]
            };
        }
    }
    let mut s: f32 = acc.iter().sum();
    for (x, y) in ra.iter().zip(rb) {
        s += x * y;
    }
    s
}

/// `y += W x` with `W` given transposed (`wt`: `x.len()` rows of
/// `y.len()`): sums of scaled columns in blocks of 64 outputs held in
/// registers, with no horizontal sums.
#[inline(always)]
fn matvec_cols_k<const FMA: bool>(wt: &[f32], x: &[f32], y: &mut [f32]) {
    const B: usize = 64;
    let rows = y.len();
    let mut start = 0;
    while start + B <= rows {
        let mut acc = [0f32; B];
        acc.copy_from_slice(&y[start..start + B]);
        for (c, &xc) in x.iter().enumerate() {
            let col = &wt[c * rows + start..c * rows + start + B];
            for k in 0..B {
                acc[k] = if FMA {
                    col[k].mul_add(xc, acc[k])
                } else {
                    acc[k] + col[k] * xc
                };
            }
        }
        y[start..start + B].copy_from_slice(&acc);
        start += B;
    }
    for (r, yr) in y.iter_mut().enumerate().skip(start) {
        for (c, &xc) in x.iter().enumerate() {
            *yr += wt[c * rows + r] * xc;
        }
    }
}

/// Rows per block of the blocked matrices ([`block_f32`], [`pack_bf16`]).
const BLOCK: usize = 32;

/// Rows per block of [`pack_bf16`]: eight independent sums of 16 lanes,
/// enough to hide the latency of fused multiply-adds.
const BF16_BLOCK: usize = 128;

/// `rows` rounded up to a whole number of blocks of `block`.
fn padded(rows: usize, block: usize) -> usize {
    rows.div_ceil(block) * block
}

/// `W` (`rows` × `cols`, row-major) in blocks of `block` rows, each
/// block column after column (`block` values a column), so that a
/// matrix-vector product reads it front to back; rows past `rows` are 0.
fn block_f32(w: &[f32], rows: usize, cols: usize, block: usize) -> Vec<f32> {
    let mut out = vec![0.0; padded(rows, block) * cols];
    for r in 0..rows {
        for c in 0..cols {
            out[(r / block) * block * cols + c * block + r % block] = w[r * cols + c];
        }
    }
    out
}

/// `acc + w x` over 16 lanes (one AVX-512 register, two AVX2 ones).
#[inline(always)]
fn fma16<const FMA: bool>(acc: [f32; 16], w: [f32; 16], x: f32) -> [f32; 16] {
    std::array::from_fn(|k| {
        if FMA {
            w[k].mul_add(x, acc[k])
        } else {
            acc[k] + w[k] * x
        }
    })
}

/// `y_t += W x_t` for `T` vectors at once, `W` made by [`block_f32`]
/// (`x[c][t]`: element `c` of vector `t`; `y`: `T` rows of the padded row
/// count), in sub-blocks of `S` × 16 rows (one for AVX2's registers, two
/// for AVX-512's): each weight is loaded once for the `T` vectors.
#[inline(always)]
fn matmat_k<const FMA: bool, const S: usize, const T: usize>(
    wb: &[f32],
    x: &[[f32; T]],
    y: &mut [f32],
) {
    let cols = x.len();
    let rows = y.len() / T;
    for (blk, block) in wb.chunks_exact(cols * BLOCK).enumerate() {
        for sub in (0..BLOCK).step_by(16 * S) {
            let mut acc = [[[0f32; 16]; S]; T];
            let (cols, _) = block.as_chunks::<BLOCK>();
            for (col, xc) in cols.iter().zip(x) {
                let (lanes, _) = col[sub..].as_chunks::<16>();
                for (s, &w) in lanes.iter().take(S).enumerate() {
                    for (a, &xt) in acc.iter_mut().zip(xc) {
                        a[s] = fma16::<FMA>(a[s], w, xt);
                    }
                }
            }
            for (t, a) in acc.into_iter().enumerate() {
                let start = t * rows + blk * BLOCK + sub;
                for (s, lanes) in a.into_iter().enumerate() {
                    for (j, v) in lanes.into_iter().enumerate() {
                        y[start + 16 * s + j] += v;
                    }
                }
            }
        }
    }
}

/// `x` rounded to the nearest bfloat16 (the top half of its bits).
fn bf16_bits(x: f32) -> u32 {
    let b = x.to_bits();
    b.wrapping_add(0x7fff + ((b >> 16) & 1)) >> 16
}

/// `x` through bfloat16: what [`pack_bf16`] keeps of a weight.
#[cfg(test)]
fn bf16_round(x: f32) -> f32 {
    f32::from_bits(bf16_bits(x) << 16)
}

/// `W` (`rows` × `cols`, row-major) blocked as by [`block_f32`] in blocks
/// of [`BF16_BLOCK`] rows and rounded to bfloat16, two values a word:
/// within a block's column, word `16 q + k` holds row `32 q + k` in its
/// low half and row `32 q + 16 + k` in its high half, so that unpacking
/// is a shift and a mask. Half the memory traffic of `f32`, which bounds
/// the LSTM recurrence at run time.
fn pack_bf16(w: &[f32], rows: usize, cols: usize) -> Vec<u32> {
    let blocked = block_f32(w, rows, cols, BF16_BLOCK);
    blocked
        .chunks_exact(32)
        .flat_map(|col| (0..16).map(move |k| bf16_bits(col[k]) | bf16_bits(col[16 + k]) << 16))
        .collect()
}

/// `y += W x` with `W` made by [`pack_bf16`] (`y` of the padded row
/// count).
#[inline(always)]
fn matvec_bf16_k<const FMA: bool>(wp: &[u32], x: &[f32], y: &mut [f32]) {
    const Q: usize = BF16_BLOCK / 32;
    for (yb, block) in y
        .chunks_exact_mut(BF16_BLOCK)
        .zip(wp.chunks_exact(x.len() * BF16_BLOCK / 2))
    {
        let mut acc = [[[0f32; 16]; 2]; Q];
        let (cols, _) = block.as_chunks::<{ BF16_BLOCK / 2 }>();
        for (col, &xc) in cols.iter().zip(x) {
            let (quarters, _) = col.as_chunks::<16>();
            for (a, w) in acc.iter_mut().zip(quarters) {
                a[0] = fma16::<FMA>(a[0], w.map(|w| f32::from_bits(w << 16)), xc);
                a[1] = fma16::<FMA>(a[1], w.map(|w| f32::from_bits(w & 0xffff_0000)), xc);
            }
        }
        for (q, a) in acc.into_iter().enumerate() {
            for (h, lanes) in a.into_iter().enumerate() {
                for (j, v) in lanes.into_iter().enumerate() {
                    yb[32 * q + 16 * h + j] += v;
                }
            }
        }
    }
}

/// `W` (`rows` × `cols`) transposed.
fn transpose(w: &[f32], rows: usize, cols: usize) -> Vec<f32> {
    let mut t = vec![0.0; w.len()];
    for r in 0..rows {
        for c in 0..cols {
            t[c * rows + r] = w[r * cols + c];
        }
    }
    t
}

#[inline]
fn axpy(alpha: f32, x: &[f32], y: &mut [f32]) {
    for (yi, xi) in y.iter_mut().zip(x) {
        *yi += alpha * xi;
    }
}

/// `y += W x`, `W` with `y.len()` rows of `x.len()` columns.
fn matvec(w: &[f32], x: &[f32], y: &mut [f32]) {
    let cols = x.len();
    for (r, yr) in y.iter_mut().enumerate() {
        *yr += dot(&w[r * cols..(r + 1) * cols], x);
    }
}

/// `xg += Wᵀ yg`.
fn matvec_t(w: &[f32], yg: &[f32], xg: &mut [f32]) {
    let cols = xg.len();
    for (r, &g) in yg.iter().enumerate() {
        if g != 0.0 {
            axpy(g, &w[r * cols..(r + 1) * cols], xg);
        }
    }
}

/// `Wg += yg xᵀ`.
fn outer(wg: &mut [f32], yg: &[f32], x: &[f32]) {
    let cols = x.len();
    for (r, &g) in yg.iter().enumerate() {
        if g != 0.0 {
            axpy(g, x, &mut wg[r * cols..(r + 1) * cols]);
        }
    }
}

#[inline]
fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

/// `eˣ` to about 2e-7 relative error, branch-free so loops over it
/// vectorise: `2ⁿ · p(r)` with `x = n ln 2 + r`, `|r| ≤ ln 2 / 2`.
#[inline(always)]
fn exp_fast(x: f32) -> f32 {
    let x = x.clamp(-87.0, 88.0);
    let n = (x * std::f32::consts::LOG2_E).round();
    let r = n.mul_add(-std::f32::consts::LN_2, x);
    let p = 1.0
        + r * (1.0
            + r * (0.5
                + r * (1.0 / 6.0 + r * (1.0 / 24.0 + r * (1.0 / 120.0 + r * (1.0 / 720.0))))));
    p * f32::from_bits(((n as i32 + 127) as u32) << 23)
}

#[inline(always)]
fn sigmoid_fast(x: f32) -> f32 {
    1.0 / (1.0 + exp_fast(-x))
}

#[inline(always)]
fn tanh_fast(x: f32) -> f32 {
    2.0 * sigmoid_fast(2.0 * x) - 1.0
}

fn unit(rng: &mut Rng) -> f32 {
    (rng.next_u64() >> 40) as f32 / (1u64 << 24) as f32
}

fn dropout(v: &mut [f32], p: f32, rng: &mut Rng) -> Vec<f32> {
    let keep = 1.0 - p;
    v.iter_mut()
        .map(|x| {
            let m = if unit(rng) < keep { 1.0 / keep } else { 0.0 };
            *x *= m;
            m
        })
        .collect()
}

// ------------------------------------------------------------------ network

impl NeuralParser {
    fn din(&self) -> usize {
        self.cfg.word_dim + self.cfg.tag_dim + SUFFIX_DIM + SHAPE_DIM
    }

    fn shapes(cfg: &NeuralConfig, vocab: usize, tags: usize, labels: usize) -> Vec<(usize, usize)> {
        let din = cfg.word_dim + cfg.tag_dim + SUFFIX_DIM + SHAPE_DIM;
        let (h, r) = (cfg.hidden, 2 * cfg.hidden);
        let mut s = vec![
            (vocab, cfg.word_dim),
            (tags + 2, cfg.tag_dim),
            (SUFFIXES, SUFFIX_DIM),
            (SHAPES, SHAPE_DIM),
        ];
        for _ in 0..2 {
            s.extend([(4 * h, din), (4 * h, h), (4 * h, 1)]);
        }
        s.extend([
            (cfg.arc_dim, r),
            (cfg.arc_dim, 1),
            (cfg.arc_dim, r),
            (cfg.arc_dim, 1),
            (cfg.arc_dim, cfg.arc_dim),
            (cfg.arc_dim, 1),
            (cfg.label_dim, r),
            (cfg.label_dim, r),
            (cfg.label_dim, 1),
            (labels, cfg.label_dim),
            (labels, 1),
        ]);
        if cfg.tags {
            s.extend([(tags, r), (tags, 1)]);
        }
        s
    }

    fn init(
        cfg: NeuralConfig,
        words: HashMap<u64, u32>,
        counts: Vec<u32>,
        n_tags: usize,
        labels: Labels,
        rng: &mut Rng,
    ) -> NeuralParser {
        let shapes = Self::shapes(&cfg, counts.len(), n_tags, labels.len());
        let mut t = Vec::with_capacity(N_TENSORS);
        for (k, &(rows, cols)) in shapes.iter().enumerate() {
            let scale = match k {
                EW | ET | ES | EC => 0.1,
                _ if cols == 1 || k == UARC => 0.0,
                _ => (6.0 / (rows + cols) as f32).sqrt(),
            };
            t.push(
                (0..rows * cols)
                    .map(|_| (unit(rng) * 2.0 - 1.0) * scale)
                    .collect::<Vec<f32>>(),
            );
        }
        let h = cfg.hidden;
        for b in [LSTM_F.b, LSTM_B.b] {
            // forget gates start open
            t[b][h..2 * h].iter_mut().for_each(|x| *x = 1.0);
        }
        NeuralParser::from_weights(cfg, words, counts, n_tags, labels, t)
    }

    /// A parser with weights `t` (shaped as [`NeuralParser::shapes`]), its
    /// run-time matrices made.
    fn from_weights(
        cfg: NeuralConfig,
        words: HashMap<u64, u32>,
        counts: Vec<u32>,
        n_tags: usize,
        labels: Labels,
        t: Vec<Vec<f32>>,
    ) -> NeuralParser {
        let mut net = NeuralParser {
            cfg,
            words,
            counts,
            n_tags,
            labels,
            t,
            projected: Default::default(),
            uarc_t: Vec::new(),
            heads_b: Vec::new(),
            recurrent: Default::default(),
        };
        net.reset_projections();
        net
    }

    /// Empties the projection caches and makes the run-time matrices again
    /// (after the weights change).
    fn reset_projections(&mut self) {
        let rows = |table: usize, dim: usize| self.t[table].len() / dim.max(1);
        let sizes = [
            rows(EW, self.cfg.word_dim),
            rows(ET, self.cfg.tag_dim),
            rows(ES, SUFFIX_DIM),
            rows(EC, SHAPE_DIM),
        ];
        for (cache, size) in self.projected.iter_mut().zip(sizes) {
            *cache = (0..size).map(|_| OnceLock::new()).collect();
        }
        let (h, r) = (self.cfg.hidden, 2 * self.cfg.hidden);
        let (da, dl) = (self.cfg.arc_dim, self.cfg.label_dim);
        self.uarc_t = transpose(&self.t[UARC], da, da);
        let mut stacked = Vec::with_capacity((2 * da + 2 * dl + self.tag_rows()) * r);
        for k in [WAD, WAH, WLD, WLH, WTAG] {
            if let Some(w) = self.t.get(k) {
                stacked.extend_from_slice(w);
            }
        }
        self.heads_b = block_f32(&stacked, stacked.len() / r.max(1), r, BLOCK);
        for (d, ix) in [LSTM_F, LSTM_B].into_iter().enumerate() {
            self.recurrent[d] = pack_bf16(&self.t[ix.u], 4 * h, h);
        }
    }

    /// Row `id` of embedding table `table` through the LSTM input
    /// matrices: `[W_f[:, cols] e; W_b[:, cols] e]`.
    fn projection(&self, table: usize, id: u32) -> &[f32] {
        static EMPTY: [f32; 0] = [];
        let Some(cell) = self.projected[table].get(id as usize) else {
            return &EMPTY;
        };
        cell.get_or_init(|| {
            let c = &self.cfg;
            let dims = [c.word_dim, c.tag_dim, SUFFIX_DIM, SHAPE_DIM];
            let off: usize = dims[..table].iter().sum();
            let dim = dims[table];
            let e = &self.t[table][id as usize * dim..(id as usize + 1) * dim];
            let din = self.din();
            let g = 4 * c.hidden;
            let mut out = vec![0.0f32; 2 * g];
            for (d, w) in [LSTM_F.w, LSTM_B.w].into_iter().enumerate() {
                let w = &self.t[w];
                for (r, o) in out[d * g..(d + 1) * g].iter_mut().enumerate() {
                    *o = dot(&w[r * din + off..r * din + off + dim], e);
                }
            }
            out.into_boxed_slice()
        })
    }

    /// Rows of the tag classifier: the tag classes, or 0 without one.
    fn tag_rows(&self) -> usize {
        if self.cfg.tags { self.n_tags } else { 0 }
    }

    fn zeros(&self) -> Vec<Vec<f32>> {
        self.t.iter().map(|v| vec![0.0; v.len()]).collect()
    }

    /// Number of weights.
    pub(crate) fn len(&self) -> usize {
        self.t.iter().map(Vec::len).sum()
    }

    /// The sentence `toks` with tag classes `tags` in id form.
    fn sentence(&self, toks: &[Tok], tags: &[u16]) -> Sent {
        let n = toks.len() + 1;
        let mut s = Sent {
            w: Vec::with_capacity(n),
            t: Vec::with_capacity(n),
            s: Vec::with_capacity(n),
            c: Vec::with_capacity(n),
            heads: Vec::new(),
            labels: Vec::new(),
            gold_tags: Vec::new(),
        };
        s.w.push(ROOT);
        s.t.push(1);
        s.s.push(0);
        s.c.push(0);
        for (tok, &tag) in toks.iter().zip(tags) {
            s.w.push(self.words.get(&tok.lower).copied().unwrap_or(UNKNOWN));
            let tag = usize::from(tag);
            s.t.push(if tag < self.n_tags { tag as u32 + 2 } else { 0 });
            s.s.push((tok.suffix3() % (SUFFIXES as u64 - 1)) as u32 + 1);
            s.c.push((tok.shape() % (SHAPES as u64 - 1)) as u32 + 1);
        }
        s
    }

    fn embed(&self, s: &Sent, words: &[u32]) -> Vec<Vec<f32>> {
        let c = &self.cfg;
        let row = |ti: usize, id: u32, d: usize| {
            let id = id as usize;
            &self.t[ti][id * d..(id + 1) * d]
        };
        (0..s.w.len())
            .map(|i| {
                let mut x = Vec::with_capacity(self.din());
                x.extend_from_slice(row(EW, words[i], c.word_dim));
                x.extend_from_slice(row(ET, s.t[i], c.tag_dim));
                x.extend_from_slice(row(ES, s.s[i], SUFFIX_DIM));
                x.extend_from_slice(row(EC, s.c[i], SHAPE_DIM));
                x
            })
            .collect()
    }
}

struct Direction {
    gates: Vec<Vec<f32>>,
    c: Vec<Vec<f32>>,
    tc: Vec<Vec<f32>>,
    h: Vec<Vec<f32>>,
}

fn lstm_forward(net: &NeuralParser, ix: Lstm, inputs: &[Vec<f32>], reverse: bool) -> Direction {
    let h = net.cfg.hidden;
    let n = inputs.len();
    let mut d = Direction {
        gates: vec![Vec::new(); n],
        c: vec![Vec::new(); n],
        tc: vec![Vec::new(); n],
        h: vec![Vec::new(); n],
    };
    let (w, u, b) = (&net.t[ix.w], &net.t[ix.u], &net.t[ix.b]);
    let mut prev_h = vec![0.0; h];
    let mut prev_c = vec![0.0; h];
    for k in 0..n {
        let t = if reverse { n - 1 - k } else { k };
        let mut z = b.clone();
        matvec(w, &inputs[t], &mut z);
        matvec(u, &prev_h, &mut z);
        for x in &mut z[..3 * h] {
            *x = sigmoid(*x);
        }
        for x in &mut z[3 * h..] {
            *x = x.tanh();
        }
        let mut c = vec![0.0; h];
        let mut tc = vec![0.0; h];
        let mut hh = vec![0.0; h];
        for j in 0..h {
            c[j] = z[h + j] * prev_c[j] + z[j] * z[3 * h + j];
            tc[j] = c[j].tanh();
            hh[j] = z[2 * h + j] * tc[j];
        }
        prev_h.clone_from(&hh);
        prev_c.clone_from(&c);
        d.gates[t] = z;
        d.c[t] = c;
        d.tc[t] = tc;
        d.h[t] = hh;
    }
    d
}

#[allow(clippy::too_many_arguments)]
fn lstm_backward(
    net: &NeuralParser,
    g: &mut [Vec<f32>],
    ix: Lstm,
    inputs: &[Vec<f32>],
    d: &Direction,
    dh_out: &[Vec<f32>],
    offset: usize,
    reverse: bool,
    dinputs: &mut [Vec<f32>],
) {
    let h = net.cfg.hidden;
    let n = inputs.len();
    let zero = vec![0.0; h];
    let mut dh_next = vec![0.0; h];
    let mut dc_next = vec![0.0; h];
    let mut dz = vec![0.0; 4 * h];
    for k in 0..n {
        let t = if reverse { k } else { n - 1 - k };
        let prev = if reverse {
            (t + 1 < n).then_some(t + 1)
        } else {
            t.checked_sub(1)
        };
        let (prev_h, prev_c) = match prev {
            Some(p) => (&d.h[p], &d.c[p]),
            None => (&zero, &zero),
        };
        let z = &d.gates[t];
        let tc = &d.tc[t];
        for j in 0..h {
            let dh = dh_out[t][offset + j] + dh_next[j];
            let (i, f, o, gg) = (z[j], z[h + j], z[2 * h + j], z[3 * h + j]);
            let dcc = dc_next[j] + dh * o * (1.0 - tc[j] * tc[j]);
            dz[j] = dcc * gg * i * (1.0 - i);
            dz[h + j] = dcc * prev_c[j] * f * (1.0 - f);
            dz[2 * h + j] = dh * tc[j] * o * (1.0 - o);
            dz[3 * h + j] = dcc * i * (1.0 - gg * gg);
            dc_next[j] = dcc * f;
        }
        axpy(1.0, &dz, &mut g[ix.b]);
        outer(&mut g[ix.w], &dz, &inputs[t]);
        outer(&mut g[ix.u], &dz, prev_h);
        matvec_t(&net.t[ix.w], &dz, &mut dinputs[t]);
        dh_next.iter_mut().for_each(|x| *x = 0.0);
        matvec_t(&net.t[ix.u], &dz, &mut dh_next);
    }
}

/// Forward pass state kept for the backward pass.
struct Forward {
    x: Vec<Vec<f32>>,
    x_mask: Vec<Vec<f32>>,
    words: Vec<u32>,
    dirs: [Direction; 2],
    r: Vec<Vec<f32>>,
    r_mask: Vec<Vec<f32>>,
}

fn encode(net: &NeuralParser, s: &Sent, mut train: Option<&mut Rng>) -> Forward {
    let mut words = s.w.clone();
    if let Some(rng) = train.as_mut() {
        for w in &mut words {
            if *w > ROOT {
                let c = net.counts.get(*w as usize).copied().unwrap_or(1) as f32;
                if unit(rng) < WORD_DROP / (WORD_DROP + c) {
                    *w = UNKNOWN;
                }
            }
        }
    }
    let mut x = net.embed(s, &words);
    let mut x_mask = Vec::new();
    if let Some(rng) = train.as_mut() {
        for v in &mut x {
            x_mask.push(dropout(v, DROP_IN, rng));
        }
    }
    let f = lstm_forward(net, LSTM_F, &x, false);
    let b = lstm_forward(net, LSTM_B, &x, true);
    let h = net.cfg.hidden;
    let mut r = Vec::with_capacity(x.len());
    let mut r_mask = Vec::new();
    for t in 0..x.len() {
        let mut o = Vec::with_capacity(2 * h);
        o.extend_from_slice(&f.h[t]);
        o.extend_from_slice(&b.h[t]);
        if let Some(rng) = train.as_mut() {
            r_mask.push(dropout(&mut o, DROP_HIDDEN, rng));
        }
        r.push(o);
    }
    Forward {
        x,
        x_mask,
        words,
        dirs: [f, b],
        r,
        r_mask,
    }
}

/// Scores arcs and labels over `r`. With `grads`, returns the loss against
/// `s`'s gold heads and labels and adds the gradient of `r` to `dr`; else
/// returns the best head and label of each word.
fn score(
    net: &NeuralParser,
    r: &[Vec<f32>],
    s: &Sent,
    mut grads: Option<&mut [Vec<f32>]>,
    dr: &mut [Vec<f32>],
    mut rng: Option<&mut Rng>,
) -> (f32, Vec<Vec<f32>>, Vec<u16>) {
    let (n, da, dl) = (r.len(), net.cfg.arc_dim, net.cfg.label_dim);
    let mut hd = vec![vec![0.0; da]; n];
    let mut hh = vec![vec![0.0; da]; n];
    let mut ld = vec![vec![0.0; dl]; n];
    let mut lh = vec![vec![0.0; dl]; n];
    let (mut mask_d, mut mask_h) = (Vec::new(), Vec::new());
    for t in 0..n {
        hd[t].copy_from_slice(&net.t[BAD]);
        matvec(&net.t[WAD], &r[t], &mut hd[t]);
        hd[t].iter_mut().for_each(|x| *x = x.max(0.0));
        hh[t].copy_from_slice(&net.t[BAH]);
        matvec(&net.t[WAH], &r[t], &mut hh[t]);
        hh[t].iter_mut().for_each(|x| *x = x.max(0.0));
        if let Some(rng) = rng.as_mut() {
            mask_d.push(dropout(&mut hd[t], DROP_HIDDEN, rng));
            mask_h.push(dropout(&mut hh[t], DROP_HIDDEN, rng));
        }
        matvec(&net.t[WLD], &r[t], &mut ld[t]);
        matvec(&net.t[WLH], &r[t], &mut lh[t]);
    }
    let v = &net.t[VARC];
    let hv: Vec<f32> = hh.iter().map(|x| dot(x, v)).collect();
    let training = grads.is_some();
    let mut loss = 0.0;
    let mut all_scores = Vec::new();
    let mut labels = vec![0u16; n];
    let mut dhd = vec![vec![0.0f32; da]; if training { n } else { 0 }];
    let mut dhh = vec![vec![0.0f32; da]; if training { n } else { 0 }];
    let mut dld = vec![vec![0.0f32; dl]; if training { n } else { 0 }];
    let mut dlh = vec![vec![0.0f32; dl]; if training { n } else { 0 }];
    let mut a = vec![0.0f32; da];
    for i in 1..n {
        a.iter_mut().for_each(|x| *x = 0.0);
        matvec(&net.t[UARC], &hd[i], &mut a);
        let mut scores = vec![f32::NEG_INFINITY; n];
        let (mut best, mut mx) = (0, f32::NEG_INFINITY);
        for j in 0..n {
            if j != i {
                scores[j] = dot(&hh[j], &a) + hv[j];
                if scores[j] > mx {
                    mx = scores[j];
                    best = j;
                }
            }
        }
        let head = if training { s.heads[i] as usize } else { best };
        if let Some(g) = grads.as_mut() {
            let z: f32 = (0..n)
                .filter(|&j| j != i)
                .map(|j| (scores[j] - mx).exp())
                .sum();
            let logz = mx + z.ln();
            loss += logz - scores[head];
            let mut da_vec = vec![0.0f32; da];
            for j in 0..n {
                if j == i {
                    continue;
                }
                let mut ds = (scores[j] - logz).exp();
                if j == head {
                    ds -= 1.0;
                }
                if ds.abs() < 1e-7 {
                    continue;
                }
                axpy(ds, &a, &mut dhh[j]);
                axpy(ds, v, &mut dhh[j]);
                axpy(ds, &hh[j], &mut da_vec);
                axpy(ds, &hh[j], &mut g[VARC]);
            }
            outer(&mut g[UARC], &da_vec, &hd[i]);
            matvec_t(&net.t[UARC], &da_vec, &mut dhd[i]);
        }
        // label of the arc head → i
        let mut hid = net.t[BL].clone();
        axpy(1.0, &ld[i], &mut hid);
        axpy(1.0, &lh[head], &mut hid);
        hid.iter_mut().for_each(|x| *x = x.max(0.0));
        let mut logits = net.t[BOUT].clone();
        matvec(&net.t[WOUT], &hid, &mut logits);
        let (mut bl, mut bv) = (0usize, f32::NEG_INFINITY);
        for (k, &x) in logits.iter().enumerate() {
            if x > bv {
                bv = x;
                bl = k;
            }
        }
        labels[i] = bl as u16;
        if let Some(g) = grads.as_mut() {
            let (l, dlog) = softmax_loss(&logits, usize::from(s.labels[i]));
            loss += l;
            axpy(1.0, &dlog, &mut g[BOUT]);
            outer(&mut g[WOUT], &dlog, &hid);
            let mut dhid = vec![0.0; dl];
            matvec_t(&net.t[WOUT], &dlog, &mut dhid);
            for (d, &x) in dhid.iter_mut().zip(&hid) {
                if x <= 0.0 {
                    *d = 0.0;
                }
            }
            axpy(1.0, &dhid, &mut g[BL]);
            axpy(1.0, &dhid, &mut dld[i]);
            axpy(1.0, &dhid, &mut dlh[head]);
        } else {
            all_scores.push(scores);
        }
    }
    if let Some(g) = grads.as_mut()
        && net.cfg.tags
    {
        // the tag of each word, from its LSTM state
        for i in 1..n {
            let Some(gold) = s.gold_tags.get(i).map(|&t| usize::from(t)) else {
                continue;
            };
            let mut logits = net.t[BTAG].clone();
            matvec(&net.t[WTAG], &r[i], &mut logits);
            if gold >= logits.len() {
                continue;
            }
            let (l, dlog) = softmax_loss(&logits, gold);
            loss += l;
            axpy(1.0, &dlog, &mut g[BTAG]);
            outer(&mut g[WTAG], &dlog, &r[i]);
            matvec_t(&net.t[WTAG], &dlog, &mut dr[i]);
        }
    }
    if let Some(g) = grads {
        for t in 0..n {
            for k in 0..da {
                dhd[t][k] *= mask_d.get(t).map_or(1.0, |m| m[k]);
                if hd[t][k] <= 0.0 {
                    dhd[t][k] = 0.0;
                }
                dhh[t][k] *= mask_h.get(t).map_or(1.0, |m| m[k]);
                if hh[t][k] <= 0.0 {
                    dhh[t][k] = 0.0;
                }
            }
            axpy(1.0, &dhd[t], &mut g[BAD]);
            outer(&mut g[WAD], &dhd[t], &r[t]);
            matvec_t(&net.t[WAD], &dhd[t], &mut dr[t]);
            axpy(1.0, &dhh[t], &mut g[BAH]);
            outer(&mut g[WAH], &dhh[t], &r[t]);
            matvec_t(&net.t[WAH], &dhh[t], &mut dr[t]);
            outer(&mut g[WLD], &dld[t], &r[t]);
            matvec_t(&net.t[WLD], &dld[t], &mut dr[t]);
            outer(&mut g[WLH], &dlh[t], &r[t]);
            matvec_t(&net.t[WLH], &dlh[t], &mut dr[t]);
        }
    }
    (loss, all_scores, labels)
}

/// Cross-entropy of `logits` against class `gold`, and its gradient.
fn softmax_loss(logits: &[f32], gold: usize) -> (f32, Vec<f32>) {
    let mx = logits.iter().fold(f32::NEG_INFINITY, |a, &b| a.max(b));
    let z: f32 = logits.iter().map(|x| (x - mx).exp()).sum();
    let logz = mx + z.ln();
    let mut dlog: Vec<f32> = logits.iter().map(|x| (x - logz).exp()).collect();
    dlog[gold] -= 1.0;
    (logz - logits[gold], dlog)
}

/// Forward and backward over one sentence; adds gradients to `g`.
fn learn(net: &NeuralParser, s: &Sent, g: &mut [Vec<f32>], rng: &mut Rng) -> f32 {
    let f = encode(net, s, Some(rng));
    let n = s.w.len();
    let h = net.cfg.hidden;
    let mut dr = vec![vec![0.0f32; 2 * h]; n];
    let (loss, _, _) = score(net, &f.r, s, Some(g), &mut dr, Some(rng));
    for (d, m) in dr.iter_mut().zip(&f.r_mask) {
        for (x, y) in d.iter_mut().zip(m) {
            *x *= y;
        }
    }
    let mut dx = vec![vec![0.0f32; net.din()]; n];
    lstm_backward(net, g, LSTM_F, &f.x, &f.dirs[0], &dr, 0, false, &mut dx);
    lstm_backward(net, g, LSTM_B, &f.x, &f.dirs[1], &dr, h, true, &mut dx);
    let c = &net.cfg;
    for t in 0..n {
        if let Some(m) = f.x_mask.get(t) {
            for (x, y) in dx[t].iter_mut().zip(m) {
                *x *= y;
            }
        }
        let mut off = 0;
        for (ti, id, dim) in [
            (EW, f.words[t], c.word_dim),
            (ET, s.t[t], c.tag_dim),
            (ES, s.s[t], SUFFIX_DIM),
            (EC, s.c[t], SHAPE_DIM),
        ] {
            let id = id as usize;
            axpy(
                1.0,
                &dx[t][off..off + dim],
                &mut g[ti][id * dim..(id + 1) * dim],
            );
            off += dim;
        }
    }
    loss
}

/// How far above a word's best head score its root score is put when the
/// caller names it the root: far enough for any decoder to choose it.
const ROOT_HINT: f32 = 30.0;

/// The score of an arc the caller rules out: below any the network gives,
/// finite so that the decoders' sums stay finite.
const FORBIDDEN: f32 = -1.0e4;

/// Longest sentence decoded exactly ([`eisner`], cubic time); longer ones
/// keep their best heads, repaired by [`to_tree`].
const EXACT_MAX: usize = 150;

/// The best projective tree with one word on the root (Eisner 1996) under
/// `scores` (as in [`to_tree`]), each word's scores normalised to log
/// probabilities over its heads.
pub(crate) fn eisner(scores: &[Vec<f32>]) -> Vec<u32> {
    let n = scores.len();
    let mut head = vec![0u32; n + 1];
    if n == 0 {
        return head;
    }
    // sc[h][d]: log p(head h | word d), positions 0..=n
    let mut sc = vec![vec![f32::NEG_INFINITY; n + 1]; n + 1];
    for d in 1..=n {
        let row = &scores[d - 1];
        let mx = row.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        let z: f32 = row
            .iter()
            .filter(|x| x.is_finite())
            .map(|x| (x - mx).exp())
            .sum();
        let logz = mx + z.ln();
        for h in 0..=n {
            if h != d && row[h].is_finite() {
                sc[h][d] = row[h] - logz;
            }
        }
    }
    let m = n + 1;
    let idx = |a: usize, b: usize| a * m + b;
    // over words 1..=n: complete spans headed left (cl) / right (cr),
    // incomplete spans with the arc left→right (il) or right→left (ir)
    let neg = f32::NEG_INFINITY;
    let (mut cl, mut cr, mut il, mut ir) = (
        vec![neg; m * m],
        vec![neg; m * m],
        vec![neg; m * m],
        vec![neg; m * m],
    );
    let (mut bcl, mut bcr, mut bi) = (
        vec![0usize; m * m],
        vec![0usize; m * m],
        vec![0usize; m * m],
    );
    for a in 1..=n {
        cl[idx(a, a)] = 0.0;
        cr[idx(a, a)] = 0.0;
    }
    for len in 1..n {
        for a in 1..=n - len {
            let b = a + len;
            let (mut best, mut arg) = (neg, a);
            for r in a..b {
                let v = cl[idx(a, r)] + cr[idx(r + 1, b)];
                if v > best {
                    best = v;
                    arg = r;
                }
            }
            il[idx(a, b)] = best + sc[a][b];
            ir[idx(a, b)] = best + sc[b][a];
            bi[idx(a, b)] = arg;
            let (mut best, mut arg) = (neg, a);
            for r in a + 1..=b {
                let v = il[idx(a, r)] + cl[idx(r, b)];
                if v > best {
                    best = v;
                    arg = r;
                }
            }
            cl[idx(a, b)] = best;
            bcl[idx(a, b)] = arg;
            let (mut best, mut arg) = (neg, a);
            for r in a..b {
                let v = cr[idx(a, r)] + ir[idx(r, b)];
                if v > best {
                    best = v;
                    arg = r;
                }
            }
            cr[idx(a, b)] = best;
            bcr[idx(a, b)] = arg;
        }
    }
    let (mut best, mut root) = (neg, 1);
    for r in 1..=n {
        let v = sc[0][r] + cr[idx(1, r)] + cl[idx(r, n)];
        if v > best {
            best = v;
            root = r;
        }
    }
    if !best.is_finite() {
        return to_tree(scores);
    }
    head[root] = 0;
    // (span, kind): 0 complete-left, 1 complete-right, 2 incomplete a→b,
    // 3 incomplete b→a
    let mut stack = vec![(1, root, 1u8), (root, n, 0u8)];
    while let Some((a, b, kind)) = stack.pop() {
        if a >= b {
            continue;
        }
        match kind {
            0 => {
                let r = bcl[idx(a, b)];
                stack.push((a, r, 2));
                stack.push((r, b, 0));
            }
            1 => {
                let r = bcr[idx(a, b)];
                stack.push((a, r, 1));
                stack.push((r, b, 3));
            }
            _ => {
                if kind == 2 {
                    head[b] = a as u32;
                } else {
                    head[a] = b as u32;
                }
                let r = bi[idx(a, b)];
                stack.push((a, r, 0));
                stack.push((r + 1, b, 1));
            }
        }
    }
    head
}

/// Turns per-word head choices into a tree over positions `0..=n` (0 the
/// root): the word whose root arc scores best is the only one on the
/// root; other root children, and a word of each cycle, are attached to
/// their best head outside the cycle that keeps the tree acyclic, or to
/// the root word.
pub(crate) fn to_tree(scores: &[Vec<f32>]) -> Vec<u32> {
    // scores[i - 1][j]: word i (1-based) headed by position j
    let n = scores.len();
    let mut head = vec![0u32; n + 1];
    for i in 1..=n {
        let row = &scores[i - 1];
        let mut best = 0;
        for j in 0..=n {
            if j != i && row[j] > row[best] {
                best = j;
            }
        }
        head[i] = best as u32;
    }
    if n == 0 {
        return head;
    }
    // one root word: the best-scoring root arc among those choosing it, or
    // overall when none does
    let candidates: Vec<usize> = (1..=n).filter(|&i| head[i] == 0).collect();
    let pool: Vec<usize> = if candidates.is_empty() {
        (1..=n).collect()
    } else {
        candidates
    };
    let root = pool
        .iter()
        .copied()
        .max_by(|&a, &b| {
            scores[a - 1][0]
                .total_cmp(&scores[b - 1][0])
                .then(b.cmp(&a))
        })
        .unwrap_or(1);
    head[root] = 0;
    for i in 1..=n {
        if i != root && head[i] == 0 {
            head[i] = root as u32;
        }
    }
    // break cycles: every word must reach the root word
    let reaches = |head: &[u32], i: usize| -> bool {
        let mut at = i;
        for _ in 0..=n {
            if at == root {
                return true;
            }
            at = head[at] as usize;
        }
        false
    };
    for i in 1..=n {
        if reaches(&head, i) {
            continue;
        }
        // the cycle i leads into
        let mut at = i;
        let mut seen = vec![false; n + 1];
        while !seen[at] {
            seen[at] = true;
            at = head[at] as usize;
        }
        let mut cycle = vec![at];
        let mut k = head[at] as usize;
        while k != at {
            cycle.push(k);
            k = head[k] as usize;
        }
        let in_cycle = |x: usize| cycle.contains(&x);
        // best re-attachment of a cycle word to a word that reaches the root
        let mut best: Option<(f32, usize, usize)> = None;
        for &c in &cycle {
            for j in 1..=n {
                if j != c && !in_cycle(j) && reaches(&head, j) {
                    let gain = scores[c - 1][j] - scores[c - 1][head[c] as usize];
                    if best.is_none_or(|(b, _, _)| gain > b) {
                        best = Some((gain, c, j));
                    }
                }
            }
        }
        match best {
            Some((_, c, j)) => head[c] = j as u32,
            None => head[cycle[0]] = root as u32,
        }
    }
    head
}

struct Adam {
    m: Vec<Vec<f32>>,
    v: Vec<Vec<f32>>,
    steps: i32,
    lr: f32,
}

impl Adam {
    const B1: f32 = 0.9;
    const B2: f32 = 0.9;

    fn step(&mut self, t: &mut [Vec<f32>], g: &[Vec<f32>]) {
        self.steps += 1;
        let c1 = 1.0 - Self::B1.powi(self.steps);
        let c2 = 1.0 - Self::B2.powi(self.steps);
        let lr = self.lr * c2.sqrt() / c1;
        for ((p, gr), (m, v)) in t
            .iter_mut()
            .zip(g)
            .zip(self.m.iter_mut().zip(self.v.iter_mut()))
        {
            for k in 0..p.len() {
                let gk = gr[k];
                if gk == 0.0 && m[k] == 0.0 {
                    continue;
                }
                m[k] = Self::B1 * m[k] + (1.0 - Self::B1) * gk;
                v[k] = Self::B2 * v[k] + (1.0 - Self::B2) * gk * gk;
                p[k] -= lr * m[k] / (v[k].sqrt() + 1e-8);
            }
        }
    }
}

impl NeuralParser {
    /// Trains on `data`. After each epoch `report(epoch, parser, loss,
    /// seconds)` scores the running average of the weights (an exponential
    /// moving average over updates, which generalises better than the last
    /// weights) on development data; the average that scored best is
    /// returned.
    pub(crate) fn train(
        data: &[NeuralGold<'_>],
        labels: Labels,
        n_tags: usize,
        cfg: NeuralConfig,
        seed: u64,
        threads: usize,
        mut report: impl FnMut(usize, &NeuralParser, f32, f64) -> f64,
    ) -> NeuralParser {
        let mut counts_by_hash: HashMap<u64, u32> = HashMap::new();
        for s in data {
            for t in s.toks {
                *counts_by_hash.entry(t.lower).or_insert(0) += 1;
            }
        }
        let mut frequent: Vec<(u64, u32)> = counts_by_hash
            .into_iter()
            .filter(|&(_, c)| c >= 2)
            .collect();
        frequent.sort_unstable();
        let mut words = HashMap::with_capacity(frequent.len());
        let mut counts = vec![0, 0];
        for (w, c) in frequent {
            words.insert(w, counts.len() as u32);
            counts.push(c);
        }
        let mut rng = Rng::new(seed ^ 0x6E65_7572);
        let mut net = NeuralParser::init(cfg, words, counts, n_tags, labels, &mut rng);
        let sents: Vec<Sent> = data
            .iter()
            .filter_map(|d| {
                let mut s = net.sentence(d.toks, d.tags);
                let n = d.toks.len() as u32;
                if d.heads.len() != d.toks.len() || d.labels.len() != d.toks.len() {
                    return None;
                }
                s.heads.push(0);
                s.labels.push(0);
                for (&h, &l) in d.heads.iter().zip(d.labels) {
                    if h > n || usize::from(l) >= net.labels.len() {
                        return None;
                    }
                    s.heads.push(if h == n { 0 } else { h + 1 });
                    s.labels.push(l);
                }
                if d.gold_tags.len() == d.toks.len() {
                    s.gold_tags.push(0);
                    s.gold_tags.extend_from_slice(d.gold_tags);
                }
                Some(s)
            })
            .collect();
        let mut adam = Adam {
            m: net.zeros(),
            v: net.zeros(),
            steps: 0,
            lr: cfg.learning_rate,
        };
        let mut order: Vec<usize> = (0..sents.len()).collect();
        let threads = threads.max(1);
        let mut average = net.t.clone();
        let mut best: Option<(f64, Vec<Vec<f32>>)> = None;
        for epoch in 0..cfg.epochs {
            let start = Instant::now();
            rng.shuffle(&mut order);
            let mut total = 0.0f64;
            let mut tokens = 0usize;
            for batch in order.chunks(cfg.batch.max(1)) {
                let shards: Vec<(&[usize], u64)> =
                    batch.chunks(SHARD).map(|c| (c, rng.next_u64())).collect();
                let net_ref = &net;
                let sents_ref = &sents;
                let run = |(part, seed): (&[usize], u64)| {
                    let mut g = net_ref.zeros();
                    let mut r = Rng::new(seed);
                    let mut loss = 0.0f32;
                    for &k in part {
                        loss += learn(net_ref, &sents_ref[k], &mut g, &mut r);
                    }
                    (g, loss)
                };
                let results: Vec<(Vec<Vec<f32>>, f32)> = if threads == 1 || shards.len() == 1 {
                    shards.into_iter().map(run).collect()
                } else {
                    let per = shards.len().div_ceil(threads);
                    std::thread::scope(|scope| {
                        let handles: Vec<_> = shards
                            .chunks(per)
                            .map(|group| {
                                let group = group.to_vec();
                                scope.spawn(move || group.into_iter().map(run).collect::<Vec<_>>())
                            })
                            .collect();
                        handles
                            .into_iter()
                            .flat_map(|h| h.join().unwrap_or_default())
                            .collect()
                    })
                };
                let mut results = results.into_iter();
                let Some((mut g, mut loss)) = results.next() else {
                    continue;
                };
                for (g2, l2) in results {
                    for (a, b) in g.iter_mut().zip(&g2) {
                        axpy(1.0, b, a);
                    }
                    loss += l2;
                }
                tokens += batch.iter().map(|&k| sents[k].w.len() - 1).sum::<usize>();
                total += f64::from(loss);
                let norm = g
                    .iter()
                    .flat_map(|v| v.iter())
                    .map(|x| x * x)
                    .sum::<f32>()
                    .sqrt();
                if norm > 5.0 {
                    let scale = 5.0 / norm;
                    g.iter_mut()
                        .flat_map(|v| v.iter_mut())
                        .for_each(|x| *x *= scale);
                }
                adam.step(&mut net.t, &g);
                // (shorter memory early on, while the weights move fast)
                let steps = adam.steps as f32;
                let decay = AVERAGE_DECAY.min((1.0 + steps) / (10.0 + steps));
                for (a, w) in average.iter_mut().zip(&net.t) {
                    for (x, y) in a.iter_mut().zip(w) {
                        *x = decay * *x + (1.0 - decay) * y;
                    }
                }
            }
            adam.lr *= cfg.decay;
            let mut averaged = net.clone();
            averaged.t.clone_from(&average);
            averaged.reset_projections();
            let score = report(
                epoch,
                &averaged,
                (total / tokens.max(1) as f64) as f32,
                start.elapsed().as_secs_f64(),
            );
            if best.as_ref().is_none_or(|(b, _)| score > *b) {
                best = Some((score, average.clone()));
            }
        }
        if let Some((_, weights)) = best {
            net.t = weights;
        }
        net.reset_projections();
        net
    }

    /// Parses one sentence: 0-based heads (`n` = root) and label ids;
    /// word `root` (0-based), where given, on the root; none of the arcs
    /// `forbidden` (dependent, head; 0-based, `n` the root).
    pub(crate) fn parse(
        &self,
        toks: &[Tok],
        tags: &[u16],
        root: Option<usize>,
        forbidden: &[(u32, u32)],
    ) -> Tree {
        let n = toks.len();
        if n == 0 {
            return Tree::default();
        }
        let s = self.sentence(toks, tags);
        let Run {
            mut scores,
            ld,
            lh,
            tags,
        } = self.run(&s);
        if let Some(row) = root.and_then(|r| scores.get_mut(r)) {
            row[0] = row.iter().fold(row[0], |a, &b| a.max(b)) + ROOT_HINT;
        }
        for &(d, h) in forbidden {
            let h = if h as usize >= n { 0 } else { h as usize + 1 };
            if let Some(x) = scores.get_mut(d as usize).and_then(|row| row.get_mut(h)) {
                *x = FORBIDDEN;
            }
        }
        let heads = if n <= EXACT_MAX {
            eisner(&scores)
        } else {
            to_tree(&scores)
        };
        let labels = self.label(&ld, &lh, &heads);
        Tree {
            heads: heads[1..]
                .iter()
                .map(|&h| if h == 0 { n as u32 } else { h - 1 })
                .collect(),
            labels: labels[1..].to_vec(),
            tags: tags.get(1..).map(<[u16]>::to_vec).unwrap_or_default(),
        }
    }

    /// The network at run time (no dropout): arc scores of each word
    /// (`scores[i - 1][j]`: word `i` headed by position `j`) and the label
    /// projections of each position, flat (`label_dim` per position).
    fn run(&self, s: &Sent) -> Run {
        #[cfg(target_arch = "x86_64")]
        {
            use std::arch::is_x86_feature_detected as has;
            let avx2 = has!("avx2") && has!("fma");
            let compiled: Option<unsafe fn(&NeuralParser, &Sent) -> Run> =
                if avx2 && has!("avx512f") {
                    Some(NeuralParser::run_avx512)
                } else if avx2 {
                    Some(NeuralParser::run_avx2)
                } else {
                    None
                };
            if let Some(run) = compiled {
                // SAFETY: `run` only needs the CPU features checked above.
                #[allow(unsafe_code)]
                return unsafe { run(self, s) };
            }
        }
        self.run_with::<false, 1>(s)
    }

    /// [`NeuralParser::run`] compiled for AVX2 and FMA, for CPUs that have
    /// them (tagging and parsing about 1.25× faster in all).
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2,fma")]
    fn run_avx2(&self, s: &Sent) -> Run {
        self.run_with::<true, 1>(s)
    }

    /// [`NeuralParser::run`] compiled for AVX-512, for CPUs that have it: the
    /// blocked products work on 32 rows at a time (tagging and parsing
    /// about 1.1× faster than with AVX2 in all).
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx512f,avx2,fma")]
    fn run_avx512(&self, s: &Sent) -> Run {
        self.run_with::<true, 2>(s)
    }

    #[inline(always)]
    fn run_with<const FMA: bool, const S: usize>(&self, s: &Sent) -> Run {
        let c = &self.cfg;
        let (n, h, g) = (s.w.len(), c.hidden, 4 * c.hidden);
        // input projections, both directions
        let mut zin = vec![0.0f32; n * 2 * g];
        for t in 0..n {
            let z = &mut zin[t * 2 * g..(t + 1) * 2 * g];
            z[..g].copy_from_slice(&self.t[LSTM_F.b]);
            z[g..].copy_from_slice(&self.t[LSTM_B.b]);
            for (table, id) in [(EW, s.w[t]), (ET, s.t[t]), (ES, s.s[t]), (EC, s.c[t])] {
                axpy(1.0, self.projection(table, id), z);
            }
        }
        // recurrences
        let mut r = vec![0.0f32; n * 2 * h];
        let mut z = vec![0.0f32; padded(g, BF16_BLOCK)];
        for (d, packed) in self.recurrent.iter().enumerate() {
            let mut prev_h = vec![0.0f32; h];
            let mut prev_c = vec![0.0f32; h];
            for k in 0..n {
                let t = if d == 1 { n - 1 - k } else { k };
                z[..g].copy_from_slice(&zin[t * 2 * g + d * g..t * 2 * g + (d + 1) * g]);
                matvec_bf16_k::<FMA>(packed, &prev_h, &mut z);
                let out = &mut r[t * 2 * h + d * h..t * 2 * h + (d + 1) * h];
                for x in &mut z[..3 * h] {
                    *x = sigmoid_fast(*x);
                }
                for x in &mut z[3 * h..] {
                    *x = tanh_fast(*x);
                }
                for j in 0..h {
                    prev_c[j] = z[h + j] * prev_c[j] + z[j] * z[3 * h + j];
                }
                for j in 0..h {
                    out[j] = z[2 * h + j] * tanh_fast(prev_c[j]);
                }
                prev_h.copy_from_slice(out);
            }
        }
        // arc and label projections, four positions at a time
        let (da, dl) = (c.arc_dim, c.label_dim);
        let nt = self.tag_rows();
        let m = padded(2 * da + 2 * dl + nt, BLOCK);
        let mut proj = vec![0.0f32; n * m];
        let mut t = 0;
        while t + 4 <= n {
            let x: Vec<[f32; 4]> = (0..2 * h)
                .map(|k| std::array::from_fn(|q| r[(t + q) * 2 * h + k]))
                .collect();
            matmat_k::<FMA, S, 4>(&self.heads_b, &x, &mut proj[t * m..(t + 4) * m]);
            t += 4;
        }
        while t < n {
            let x: Vec<[f32; 1]> = r[t * 2 * h..(t + 1) * 2 * h].iter().map(|&v| [v]).collect();
            matmat_k::<FMA, S, 1>(&self.heads_b, &x, &mut proj[t * m..(t + 1) * m]);
            t += 1;
        }
        let mut hd = vec![0.0f32; n * da];
        let mut hh = vec![0.0f32; n * da];
        let mut ld = vec![0.0f32; n * dl];
        let mut lh = vec![0.0f32; n * dl];
        for t in 0..n {
            let p = &proj[t * m..(t + 1) * m];
            for (k, x) in hd[t * da..(t + 1) * da].iter_mut().enumerate() {
                *x = (p[k] + self.t[BAD][k]).max(0.0);
            }
            for (k, x) in hh[t * da..(t + 1) * da].iter_mut().enumerate() {
                *x = (p[da + k] + self.t[BAH][k]).max(0.0);
            }
            ld[t * dl..(t + 1) * dl].copy_from_slice(&p[2 * da..2 * da + dl]);
            lh[t * dl..(t + 1) * dl].copy_from_slice(&p[2 * da + dl..2 * da + 2 * dl]);
        }
        let v = &self.t[VARC];
        let mut hv = vec![0.0f32; n];
        for (j, x) in hv.iter_mut().enumerate() {
            *x = dot_k::<FMA>(&hh[j * da..(j + 1) * da], v);
        }
        let mut a = vec![0.0f32; da];
        let mut scores = Vec::with_capacity(n.saturating_sub(1));
        for i in 1..n {
            a.iter_mut().for_each(|x| *x = 0.0);
            matvec_cols_k::<FMA>(&self.uarc_t, &hd[i * da..(i + 1) * da], &mut a);
            let mut row = vec![f32::NEG_INFINITY; n];
            for (j, x) in row.iter_mut().enumerate() {
                if j != i {
                    *x = dot_k::<FMA>(&hh[j * da..(j + 1) * da], &a) + hv[j];
                }
            }
            scores.push(row);
        }
        let mut tags = Vec::new();
        if nt > 0 {
            tags.push(0);
            for t in 1..n {
                let logits = &proj[t * m + 2 * da + 2 * dl..t * m + 2 * da + 2 * dl + nt];
                let mut best = 0;
                for (k, (&x, &b)) in logits.iter().zip(&self.t[BTAG]).enumerate() {
                    if x + b > logits[best] + self.t[BTAG][best] {
                        best = k;
                    }
                }
                tags.push(best as u16);
            }
        }
        Run {
            scores,
            ld,
            lh,
            tags,
        }
    }

    /// The best label of each word given its head, from the flat label
    /// projections `ld`, `lh`; words on the root are `root`.
    fn label(&self, ld: &[f32], lh: &[f32], heads: &[u32]) -> Vec<u16> {
        let dl = self.cfg.label_dim;
        let root = self.labels.id("root");
        let n = heads.len();
        let mut out = vec![0u16; n];
        let mut hid = vec![0.0f32; dl];
        let mut logits = vec![0.0f32; self.labels.len()];
        for i in 1..n {
            let h = heads[i] as usize;
            if h == 0
                && let Some(root) = root
            {
                out[i] = root;
                continue;
            }
            hid.copy_from_slice(&self.t[BL]);
            axpy(1.0, &ld[i * dl..(i + 1) * dl], &mut hid);
            axpy(1.0, &lh[h * dl..(h + 1) * dl], &mut hid);
            hid.iter_mut().for_each(|x| *x = x.max(0.0));
            logits.copy_from_slice(&self.t[BOUT]);
            matvec(&self.t[WOUT], &hid, &mut logits);
            let mut best = None;
            for (k, &x) in logits.iter().enumerate() {
                if Some(k as u16) != root && best.is_none_or(|b: usize| x > logits[b]) {
                    best = Some(k);
                }
            }
            out[i] = best.unwrap_or(0) as u16;
        }
        out
    }

    pub(crate) fn encode(&self, out: &mut Encoder) {
        let c = &self.cfg;
        for x in [
            c.word_dim,
            c.tag_dim,
            c.hidden,
            c.arc_dim,
            c.label_dim,
            self.n_tags,
        ] {
            out.u32(x as u32);
        }
        self.labels.encode(out);
        let mut words: Vec<(u64, u32)> = self.words.iter().map(|(&w, &i)| (w, i)).collect();
        words.sort_unstable_by_key(|&(_, i)| i);
        out.u32(words.len() as u32);
        for (w, _) in &words {
            out.u64(*w);
        }
        out.u32s(&self.counts);
        for t in &self.t {
            out.f32s(t);
        }
    }

    /// Whether the network predicts tags ([`NeuralConfig::tags`]).
    pub(crate) fn tags(&self) -> bool {
        self.cfg.tags
    }

    /// Reads a parser written by [`NeuralParser::encode`]; `tags` says
    /// whether it has a tag classifier (recorded by the caller).
    pub(crate) fn decode(input: &mut Decoder<'_>, tags: bool) -> Result<NeuralParser, Error> {
        let mut dims = [0usize; 6];
        for d in &mut dims {
            *d = input.u32()? as usize;
            if *d > 4096 {
                return Err(Error::corrupt("neural parser dimension too large"));
            }
        }
        let cfg = NeuralConfig {
            word_dim: dims[0],
            tag_dim: dims[1],
            hidden: dims[2],
            arc_dim: dims[3],
            label_dim: dims[4],
            tags,
            ..NeuralConfig::default()
        };
        let n_tags = dims[5];
        let labels = Labels::decode(input)?;
        let n_words = input.u32()? as usize;
        if n_words > input.remaining() / 8 {
            return Err(Error::corrupt("word table longer than the file"));
        }
        let mut words = HashMap::with_capacity(n_words);
        for i in 0..n_words {
            words.insert(input.u64()?, i as u32 + 2);
        }
        let counts = input.u32s()?;
        if counts.len() != n_words + 2 {
            return Err(Error::corrupt("word counts do not match the word table"));
        }
        let shapes = Self::shapes(&cfg, counts.len(), n_tags, labels.len());
        let mut t = Vec::with_capacity(N_TENSORS);
        for (rows, cols) in shapes {
            let v = input.f32s()?;
            if v.len() != rows * cols {
                return Err(Error::corrupt("tensor of the wrong size"));
            }
            t.push(v);
        }
        Ok(NeuralParser::from_weights(
            cfg, words, counts, n_tags, labels, t,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> (NeuralParser, Vec<Tok>, Vec<u16>) {
        let cfg = NeuralConfig {
            word_dim: 6,
            tag_dim: 4,
            hidden: 5,
            arc_dim: 4,
            label_dim: 3,
            ..NeuralConfig::default()
        };
        let toks: Vec<Tok> = ["Police", "arrested", "the", "protesters", "."]
            .iter()
            .map(|w| Tok::new(w))
            .collect();
        let mut words = HashMap::new();
        let mut counts = vec![0, 0];
        for t in &toks[..3] {
            words.insert(t.lower, counts.len() as u32);
            counts.push(3);
        }
        let labels = Labels::from_names(
            ["root", "nsubj", "obj", "det", "punct"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
        );
        let mut rng = Rng::new(7);
        let mut net = NeuralParser::init(cfg, words, counts, 6, labels, &mut rng);
        // non-zero biaffine weights, so every path carries gradient
        for x in &mut net.t[UARC] {
            *x = (unit(&mut rng) - 0.5) * 0.5;
        }
        net.reset_projections();
        (net, toks, vec![0, 1, 2, 0, 3])
    }

    fn gold(net: &NeuralParser, toks: &[Tok], tags: &[u16]) -> Sent {
        let mut s = net.sentence(toks, tags);
        s.heads = vec![0, 2, 0, 4, 2, 2];
        s.labels = vec![0, 1, 0, 3, 2, 4];
        s.gold_tags = vec![0, 0, 1, 2, 5, 3];
        s
    }

    /// Loss without dropout (the gradient check needs a fixed function).
    fn loss(net: &NeuralParser, s: &Sent) -> f32 {
        let f = encode(net, s, None);
        let mut g = net.zeros();
        let mut dr = vec![vec![0.0; 2 * net.cfg.hidden]; s.w.len()];
        score(net, &f.r, s, Some(&mut g), &mut dr, None).0
    }

    #[test]
    fn gradients_match_finite_differences() {
        let (mut net, toks, tags) = tiny();
        let s = gold(&net, &toks, &tags);
        // analytic gradient without dropout: encode/score with no rng
        let f = encode(&net, &s, None);
        let mut g = net.zeros();
        let h = net.cfg.hidden;
        let mut dr = vec![vec![0.0f32; 2 * h]; s.w.len()];
        score(&net, &f.r, &s, Some(&mut g), &mut dr, None);
        let mut dx = vec![vec![0.0f32; net.din()]; s.w.len()];
        lstm_backward(
            &net, &mut g, LSTM_F, &f.x, &f.dirs[0], &dr, 0, false, &mut dx,
        );
        lstm_backward(
            &net, &mut g, LSTM_B, &f.x, &f.dirs[1], &dr, h, true, &mut dx,
        );
        let mut checked = 0;
        for ti in [
            LSTM_F.w, LSTM_B.u, LSTM_F.b, WAD, WAH, UARC, VARC, WLD, WLH, WOUT, WTAG, BTAG,
        ] {
            for k in [0, 3, net.t[ti].len() / 2, net.t[ti].len() - 1] {
                let eps = 1e-2;
                let orig = net.t[ti][k];
                net.t[ti][k] = orig + eps;
                let up = loss(&net, &s);
                net.t[ti][k] = orig - eps;
                let down = loss(&net, &s);
                net.t[ti][k] = orig;
                let numeric = (up - down) / (2.0 * eps);
                let analytic = g[ti][k];
                assert!(
                    (numeric - analytic).abs() <= 2e-2 * (1.0 + numeric.abs()),
                    "tensor {ti} [{k}]: numeric {numeric} analytic {analytic}"
                );
                checked += 1;
            }
        }
        assert_eq!(checked, 48);
    }

    #[test]
    fn training_fits_a_sentence_and_parses_it() {
        let (net, toks, tags) = tiny();
        let heads = [1u32, 5, 3, 1, 1];
        let labels = [1u16, 0, 3, 2, 4];
        // gold tags that differ from the input tags in two places
        let gold_tags = [5u16, 1, 4, 0, 3];
        let data: Vec<NeuralGold<'_>> = (0..8)
            .map(|_| NeuralGold {
                toks: &toks,
                tags: &tags,
                heads: &heads,
                labels: &labels,
                gold_tags: &gold_tags,
            })
            .collect();
        let cfg = NeuralConfig {
            hidden: 16,
            arc_dim: 16,
            label_dim: 16,
            epochs: 60,
            batch: 4,
            learning_rate: 0.01,
            ..net.cfg
        };
        let trained = NeuralParser::train(&data, net.labels.clone(), 6, cfg, 3, 2, |e, _, _, _| {
            e as f64
        });
        let tree = trained.parse(&toks, &tags, None, &[]);
        assert_eq!(tree.heads, heads);
        assert_eq!(tree.labels, labels);
        assert_eq!(tree.tags, gold_tags);
        // the same seed gives the same model, whatever the thread count
        let again = NeuralParser::train(&data, net.labels.clone(), 6, cfg, 3, 1, |e, _, _, _| {
            e as f64
        });
        assert_eq!(again.t, trained.t);
    }

    #[test]
    fn fast_exponentials_are_accurate() {
        let mut x = -30.0f32;
        while x < 30.0 {
            let e = x.exp();
            assert!((exp_fast(x) - e).abs() <= 1e-6 * e, "exp {x}");
            assert!((sigmoid_fast(x) - sigmoid(x)).abs() < 1e-6, "sigmoid {x}");
            assert!((tanh_fast(x) - x.tanh()).abs() < 1e-6, "tanh {x}");
            x += 0.0137;
        }
        assert!(exp_fast(-1000.0) >= 0.0 && exp_fast(1000.0).is_finite());
    }

    #[test]
    fn the_run_time_network_computes_what_training_does() {
        let (net, toks, tags) = tiny();
        let s = net.sentence(&toks, &tags);
        // The run-time network keeps the recurrent weights in bfloat16.
        let mut rounded = net.clone();
        for ix in [LSTM_F, LSTM_B] {
            rounded.t[ix.u].iter_mut().for_each(|w| *w = bf16_round(*w));
        }
        let f = encode(&rounded, &s, None);
        let mut dr = Vec::new();
        let (_, slow, _) = score(&rounded, &f.r, &s, None, &mut dr, None);
        let fast = net.run(&s).scores;
        assert_eq!(slow.len(), fast.len());
        for (a, b) in slow.iter().zip(&fast) {
            for (x, y) in a.iter().zip(b) {
                assert!(x == y || (x - y).abs() < 1e-4, "{x} vs {y}");
            }
        }
    }

    /// A deterministic test matrix of `n` values in (-1, 1).
    fn values(n: usize, seed: u64) -> Vec<f32> {
        let mut rng = Rng::new(seed);
        (0..n).map(|_| unit(&mut rng) * 2.0 - 1.0).collect()
    }

    #[test]
    fn blocked_products_match_plain_ones() {
        for (rows, cols) in [(5, 3), (32, 7), (45, 20), (96, 33)] {
            let w = values(rows * cols, rows as u64);
            let xs: Vec<Vec<f32>> = (0..4).map(|t| values(cols, 100 + t)).collect();
            let plain = |x: &[f32]| -> Vec<f32> {
                let mut y = vec![0.0; rows];
                matvec(&w, x, &mut y);
                y
            };
            let blocked = block_f32(&w, rows, cols, BLOCK);
            let m = padded(rows, BLOCK);
            let x4: Vec<[f32; 4]> = (0..cols)
                .map(|c| std::array::from_fn(|t| xs[t][c]))
                .collect();
            let mut y4 = vec![0.0; 4 * m];
            matmat_k::<true, 2, 4>(&blocked, &x4, &mut y4);
            let x1: Vec<[f32; 1]> = xs[0].iter().map(|&v| [v]).collect();
            let mut y1 = vec![0.0; m];
            matmat_k::<false, 1, 1>(&blocked, &x1, &mut y1);
            for t in 0..4 {
                let want = plain(&xs[t]);
                for r in 0..rows {
                    assert!(
                        (y4[t * m + r] - want[r]).abs() < 1e-4,
                        "{rows}x{cols} t{t} r{r}"
                    );
                }
                assert!(y4[t * m + rows..(t + 1) * m].iter().all(|&v| v == 0.0));
            }
            for r in 0..rows {
                assert!((y1[r] - plain(&xs[0])[r]).abs() < 1e-4);
            }
            // bfloat16: the same product with each weight rounded
            let rounded: Vec<f32> = w.iter().map(|&v| bf16_round(v)).collect();
            let mut want = vec![0.0; rows];
            matvec(&rounded, &xs[1], &mut want);
            let packed = pack_bf16(&w, rows, cols);
            let mut y = vec![0.0; padded(rows, BF16_BLOCK)];
            matvec_bf16_k::<true>(&packed, &xs[1], &mut y);
            for r in 0..rows {
                assert!((y[r] - want[r]).abs() < 1e-4, "bf16 {rows}x{cols} r{r}");
                assert!((y[r] - plain(&xs[1])[r]).abs() < 0.01 * cols as f32);
            }
        }
    }

    #[test]
    fn bfloat16_rounds_to_nearest() {
        for x in [0.0f32, 1.0, -2.5, 0.1, 1e-30, 3.0e38, -7.77e-3] {
            let r = bf16_round(x);
            assert_eq!(r.to_bits() & 0xffff, 0);
            assert!((r - x).abs() <= x.abs() / 256.0, "{x} -> {r}");
        }
        // halfway between two bfloat16 values: to the even one
        assert_eq!(
            bf16_round(f32::from_bits(0x3f80_8000)).to_bits(),
            0x3f80_0000
        );
        assert_eq!(
            bf16_round(f32::from_bits(0x3f81_8000)).to_bits(),
            0x3f82_0000
        );
    }

    #[test]
    fn encoding_round_trips() {
        let (net, toks, tags) = tiny();
        let mut enc = Encoder::default();
        net.encode(&mut enc);
        let bytes = enc.into_bytes();
        let back =
            NeuralParser::decode(&mut Decoder::new(&bytes, crate::VERSION), net.tags()).unwrap();
        assert_eq!(back.t, net.t);
        assert_eq!(
            back.parse(&toks, &tags, None, &[]).heads,
            net.parse(&toks, &tags, None, &[]).heads
        );
        for cut in [0, 10, bytes.len() / 2, bytes.len() - 1] {
            assert!(
                NeuralParser::decode(&mut Decoder::new(&bytes[..cut], crate::VERSION), net.tags())
                    .is_err()
            );
        }
    }

    #[test]
    fn eisner_finds_the_best_projective_tree() {
        let mut rng = Rng::new(5);
        for n in [1usize, 2, 3, 5, 6] {
            for _ in 0..30 {
                let scores: Vec<Vec<f32>> = (0..n)
                    .map(|i| {
                        (0..=n)
                            .map(|j| {
                                if j == i + 1 {
                                    f32::NEG_INFINITY
                                } else {
                                    unit(&mut rng) * 4.0
                                }
                            })
                            .collect()
                    })
                    .collect();
                let got = eisner(&scores);
                // brute force over all head assignments
                let logp: Vec<Vec<f32>> = scores
                    .iter()
                    .map(|row| {
                        let z: f32 = row.iter().filter(|x| x.is_finite()).map(|x| x.exp()).sum();
                        row.iter().map(|x| x - z.ln()).collect()
                    })
                    .collect();
                let total =
                    |h: &[u32]| -> f32 { (1..=n).map(|d| logp[d - 1][h[d] as usize]).sum() };
                let mut best = f32::NEG_INFINITY;
                let mut h = vec![0u32; n + 1];
                let count = (n + 1).pow(n as u32);
                for code in 0..count {
                    let mut c = code;
                    for d in 1..=n {
                        h[d] = (c % (n + 1)) as u32;
                        c /= n + 1;
                    }
                    if is_projective_tree(&h) {
                        best = best.max(total(&h));
                    }
                }
                assert!(is_projective_tree(&got), "{got:?}");
                assert!(
                    (total(&got) - best).abs() < 1e-4,
                    "{got:?}: {} vs {best}",
                    total(&got)
                );
            }
        }
    }

    /// One word on the root, no cycles, no crossing arcs.
    fn is_projective_tree(h: &[u32]) -> bool {
        let n = h.len() - 1;
        if (1..=n).filter(|&d| h[d] == 0).count() != 1 {
            return false;
        }
        for d in 1..=n {
            if h[d] as usize == d {
                return false;
            }
            let (mut at, mut steps) = (d, 0);
            while at != 0 {
                at = h[at] as usize;
                steps += 1;
                if steps > n {
                    return false;
                }
            }
        }
        for a in 1..=n {
            for b in 1..=n {
                let (a0, a1) = (a.min(h[a] as usize), a.max(h[a] as usize));
                let (b0, b1) = (b.min(h[b] as usize), b.max(h[b] as usize));
                if a0 < b0 && b0 < a1 && a1 < b1 {
                    return false;
                }
            }
        }
        true
    }

    #[test]
    fn heads_always_form_a_tree() {
        let mut rng = Rng::new(11);
        for n in [1usize, 2, 3, 7, 30] {
            for _ in 0..50 {
                let scores: Vec<Vec<f32>> = (0..n)
                    .map(|_| (0..=n).map(|_| unit(&mut rng)).collect())
                    .collect();
                let heads = to_tree(&scores);
                assert_eq!(heads.len(), n + 1);
                assert_eq!((1..=n).filter(|&i| heads[i] == 0).count(), 1);
                for i in 1..=n {
                    let mut at = i;
                    let mut steps = 0;
                    while at != 0 {
                        at = heads[at] as usize;
                        steps += 1;
                        assert!(steps <= n, "cycle through {i}: {heads:?}");
                    }
                }
            }
        }
    }
}

//! The numeric kernels of the network (dot products, matrix products in
//! plain, blocked and bfloat16 form, fast exponentials, dropout), and the
//! one call into code compiled for AVX2/FMA or AVX-512, made after checking
//! that the CPU has them.

use super::{NeuralParser, Run, Sent};
use crate::Rng;

#[inline]
pub(super) fn dot(a: &[f32], b: &[f32]) -> f32 {
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
pub(super) fn dot_k<const FMA: bool>(a: &[f32], b: &[f32]) -> f32 {
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
pub(super) fn matvec_cols_k<const FMA: bool>(wt: &[f32], x: &[f32], y: &mut [f32]) {
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
pub(super) const BLOCK: usize = 32;

/// Rows per block of [`pack_bf16`]: eight independent sums of 16 lanes,
/// enough to hide the latency of fused multiply-adds.
pub(super) const BF16_BLOCK: usize = 128;

/// `rows` rounded up to a whole number of blocks of `block`.
pub(super) fn padded(rows: usize, block: usize) -> usize {
    rows.div_ceil(block) * block
}

/// `W` (`rows` × `cols`, row-major) in blocks of `block` rows, each
/// block column after column (`block` values a column), so that a
/// matrix-vector product reads it front to back; rows past `rows` are 0.
pub(super) fn block_f32(w: &[f32], rows: usize, cols: usize, block: usize) -> Vec<f32> {
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
pub(super) fn fma16<const FMA: bool>(acc: [f32; 16], w: [f32; 16], x: f32) -> [f32; 16] {
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
pub(super) fn matmat_k<const FMA: bool, const S: usize, const T: usize>(
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
pub(super) fn bf16_bits(x: f32) -> u32 {
    let b = x.to_bits();
    b.wrapping_add(0x7fff + ((b >> 16) & 1)) >> 16
}

/// `x` through bfloat16: what [`pack_bf16`] keeps of a weight.
#[cfg(test)]
pub(super) fn bf16_round(x: f32) -> f32 {
    f32::from_bits(bf16_bits(x) << 16)
}

/// `W` (`rows` × `cols`, row-major) blocked as by [`block_f32`] in blocks
/// of [`BF16_BLOCK`] rows and rounded to bfloat16, two values a word:
/// within a block's column, word `16 q + k` holds row `32 q + k` in its
/// low half and row `32 q + 16 + k` in its high half, so that unpacking
/// is a shift and a mask. Half the memory traffic of `f32`, which bounds
/// the LSTM recurrence at run time.
pub(super) fn pack_bf16(w: &[f32], rows: usize, cols: usize) -> Vec<u32> {
    let blocked = block_f32(w, rows, cols, BF16_BLOCK);
    blocked
        .chunks_exact(32)
        .flat_map(|col| (0..16).map(move |k| bf16_bits(col[k]) | bf16_bits(col[16 + k]) << 16))
        .collect()
}

/// `y += W x` with `W` made by [`pack_bf16`] (`y` of the padded row
/// count).
#[inline(always)]
pub(super) fn matvec_bf16_k<const FMA: bool>(wp: &[u32], x: &[f32], y: &mut [f32]) {
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
pub(super) fn transpose(w: &[f32], rows: usize, cols: usize) -> Vec<f32> {
    let mut t = vec![0.0; w.len()];
    for r in 0..rows {
        for c in 0..cols {
            t[c * rows + r] = w[r * cols + c];
        }
    }
    t
}

#[inline]
pub(super) fn axpy(alpha: f32, x: &[f32], y: &mut [f32]) {
    for (yi, xi) in y.iter_mut().zip(x) {
        *yi += alpha * xi;
    }
}

/// `y += W x`, `W` with `y.len()` rows of `x.len()` columns.
pub(super) fn matvec(w: &[f32], x: &[f32], y: &mut [f32]) {
    let cols = x.len();
    for (r, yr) in y.iter_mut().enumerate() {
        *yr += dot(&w[r * cols..(r + 1) * cols], x);
    }
}

/// `xg += Wᵀ yg`.
pub(super) fn matvec_t(w: &[f32], yg: &[f32], xg: &mut [f32]) {
    let cols = xg.len();
    for (r, &g) in yg.iter().enumerate() {
        if g != 0.0 {
            axpy(g, &w[r * cols..(r + 1) * cols], xg);
        }
    }
}

/// `Wg += yg xᵀ`.
pub(super) fn outer(wg: &mut [f32], yg: &[f32], x: &[f32]) {
    let cols = x.len();
    for (r, &g) in yg.iter().enumerate() {
        if g != 0.0 {
            axpy(g, x, &mut wg[r * cols..(r + 1) * cols]);
        }
    }
}

#[inline]
pub(super) fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

/// `eˣ` to about 2e-7 relative error, branch-free so loops over it
/// vectorise: `2ⁿ · p(r)` with `x = n ln 2 + r`, `|r| ≤ ln 2 / 2`.
#[inline(always)]
pub(super) fn exp_fast(x: f32) -> f32 {
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
pub(super) fn sigmoid_fast(x: f32) -> f32 {
    1.0 / (1.0 + exp_fast(-x))
}

#[inline(always)]
pub(super) fn tanh_fast(x: f32) -> f32 {
    2.0 * sigmoid_fast(2.0 * x) - 1.0
}

pub(super) fn unit(rng: &mut Rng) -> f32 {
    (rng.next_u64() >> 40) as f32 / (1u64 << 24) as f32
}

pub(super) fn dropout(v: &mut [f32], p: f32, rng: &mut Rng) -> Vec<f32> {
    let keep = 1.0 - p;
    v.iter_mut()
        .map(|x| {
            let m = if unit(rng) < keep { 1.0 / keep } else { 0.0 };
            *x *= m;
            m
        })
        .collect()
}

// ------------------------------------------ CPU dispatch (the one `unsafe`)

impl NeuralParser {
    /// The network at run time (no dropout): arc scores of each word
    /// (`scores[i - 1][j]`: word `i` headed by position `j`) and the label
    /// projections of each position, flat (`label_dim` per position).
    pub(super) fn run(&self, s: &Sent) -> Run {
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
}

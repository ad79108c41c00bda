//! Parsing at run time: the network without dropout, computed in the
//! blocked and bfloat16 forms [`NeuralParser::reset_projections`] makes,
//! then decoded and labelled.

use super::decoding::{EXACT_MAX, eisner, to_tree};
use super::kernels::{
    BF16_BLOCK, BLOCK, axpy, dot_k, matmat_k, matvec, matvec_bf16_k, matvec_cols_k, padded,
    sigmoid_fast, tanh_fast,
};
use super::*;
use crate::parser::Tree;

/// How far above a word's best head score its root score is put when the
/// caller names it the root: far enough for any decoder to choose it.
const ROOT_HINT: f32 = 30.0;

/// The score of an arc the caller rules out: below any the network gives,
/// finite so that the decoders' sums stay finite.
const FORBIDDEN: f32 = -1.0e4;

impl NeuralParser {
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

    /// [`NeuralParser::run`] for one set of CPU features: fused
    /// multiply-adds with `FMA`, `S` × 16 rows per blocked sub-product.
    #[inline(always)]
    pub(super) fn run_with<const FMA: bool, const S: usize>(&self, s: &Sent) -> Run {
        let n = s.w.len();
        let zin = self.input_projections(s);
        let r = self.recurrences::<FMA>(&zin, n);
        let proj = self.head_projections::<FMA, S>(&r, n);
        let (hd, hh, ld, lh) = self.split_projections(&proj, n);
        let scores = self.arc_scores::<FMA>(&hd, &hh, n);
        let tags = self.tag_classes(&proj, n);
        Run {
            scores,
            ld,
            lh,
            tags,
        }
    }

    /// The LSTM input projections of each position, both directions (`2 ×
    /// 4 × hidden` a position), biases included.
    #[inline(always)]
    fn input_projections(&self, s: &Sent) -> Vec<f32> {
        let c = &self.cfg;
        let (n, g) = (s.w.len(), 4 * c.hidden);
        let mut zin = vec![0.0f32; n * 2 * g];
        for t in 0..n {
            let z = &mut zin[t * 2 * g..(t + 1) * 2 * g];
            z[..g].copy_from_slice(&self.t[LSTM_F.b]);
            z[g..].copy_from_slice(&self.t[LSTM_B.b]);
            for (table, id) in [(EW, s.w[t]), (ET, s.t[t]), (ES, s.s[t]), (EC, s.c[t])] {
                axpy(1.0, self.projection(table, id), z);
            }
        }
        zin
    }

    /// The LSTM recurrences over the `n` positions' input projections
    /// `zin`: the BiLSTM state of each position (forward then backward,
    /// `2 × hidden` a position).
    #[inline(always)]
    fn recurrences<const FMA: bool>(&self, zin: &[f32], n: usize) -> Vec<f32> {
        let c = &self.cfg;
        let (h, g) = (c.hidden, 4 * c.hidden);
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
        r
    }

    /// Rows of the stacked arc, label and tag projections
    /// ([`NeuralParser::heads_b`]), padded to whole blocks.
    #[inline(always)]
    fn stacked_rows(&self) -> usize {
        let c = &self.cfg;
        padded(2 * c.arc_dim + 2 * c.label_dim + self.tag_rows(), BLOCK)
    }

    /// The arc, label and tag projections of the BiLSTM states `r`, four
    /// positions at a time ([`NeuralParser::stacked_rows`] a position).
    #[inline(always)]
    fn head_projections<const FMA: bool, const S: usize>(&self, r: &[f32], n: usize) -> Vec<f32> {
        let h = self.cfg.hidden;
        let m = self.stacked_rows();
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
        proj
    }

    /// The stacked projections `proj` taken apart: the arc projections as
    /// dependent and as head (biases added, through ReLU) and the label
    /// projections as dependent and as head, each flat.
    #[inline(always)]
    fn split_projections(
        &self,
        proj: &[f32],
        n: usize,
    ) -> (Vec<f32>, Vec<f32>, Vec<f32>, Vec<f32>) {
        let (da, dl) = (self.cfg.arc_dim, self.cfg.label_dim);
        let m = self.stacked_rows();
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
        (hd, hh, ld, lh)
    }

    /// The biaffine arc scores of each word (`scores[i - 1][j]`: word `i`
    /// headed by position `j`) from the flat arc projections `hd`, `hh`.
    #[inline(always)]
    fn arc_scores<const FMA: bool>(&self, hd: &[f32], hh: &[f32], n: usize) -> Vec<Vec<f32>> {
        let da = self.cfg.arc_dim;
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
        scores
    }

    /// The best tag class of each position (0 for the root) from the
    /// stacked projections `proj`; empty without a tag classifier.
    #[inline(always)]
    fn tag_classes(&self, proj: &[f32], n: usize) -> Vec<u16> {
        let (da, dl) = (self.cfg.arc_dim, self.cfg.label_dim);
        let nt = self.tag_rows();
        let m = self.stacked_rows();
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
        tags
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
}

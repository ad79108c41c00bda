//! The network's weights: their shapes and initialisation, the run-time
//! forms made from them, and sentences turned into the ids the network
//! reads.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::kernels::{BLOCK, block_f32, dot, pack_bf16, transpose, unit};
use super::*;
use crate::tagger::Tok;
use crate::{Labels, Rng};

impl NeuralParser {
    pub(super) fn din(&self) -> usize {
        self.cfg.word_dim + self.cfg.tag_dim + SUFFIX_DIM + SHAPE_DIM
    }

    pub(super) fn shapes(
        cfg: &NeuralConfig,
        vocab: usize,
        tags: usize,
        labels: usize,
    ) -> Vec<(usize, usize)> {
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

    pub(super) fn init(
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
    pub(super) fn from_weights(
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
    pub(super) fn reset_projections(&mut self) {
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
    pub(super) fn projection(&self, table: usize, id: u32) -> &[f32] {
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
    pub(super) fn tag_rows(&self) -> usize {
        if self.cfg.tags { self.n_tags } else { 0 }
    }

    pub(super) fn zeros(&self) -> Vec<Vec<f32>> {
        self.t.iter().map(|v| vec![0.0; v.len()]).collect()
    }

    /// Number of weights.
    pub(crate) fn len(&self) -> usize {
        self.t.iter().map(Vec::len).sum()
    }

    /// The sentence `toks` with tag classes `tags` in id form.
    pub(super) fn sentence(&self, toks: &[Tok], tags: &[u16]) -> Sent {
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

    pub(super) fn embed(&self, s: &Sent, words: &[u32]) -> Vec<Vec<f32>> {
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

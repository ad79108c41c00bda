//! Training: Adam over shards of sentences computed in parallel, with an
//! exponential moving average of the weights.

use std::collections::HashMap;
use std::time::Instant;

use super::biaffine::score;
use super::kernels::axpy;
use super::lstm::{encode, lstm_backward};
use super::*;
use crate::Rng;

pub(super) struct Adam {
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

/// A shard of a batch: the indices of its sentences and its dropout seed.
type Shard<'a> = (&'a [usize], u64);

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
        let (words, counts) = vocabulary(data);
        let mut rng = Rng::new(seed ^ 0x6E65_7572);
        let mut net = NeuralParser::init(cfg, words, counts, n_tags, labels, &mut rng);
        let sents: Vec<Sent> = data.iter().filter_map(|d| net.gold_sentence(d)).collect();
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
                let shards: Vec<Shard<'_>> =
                    batch.chunks(SHARD).map(|c| (c, rng.next_u64())).collect();
                let Some((mut g, loss)) = gradient(&net, &sents, shards, threads) else {
                    continue;
                };
                tokens += batch.iter().map(|&k| sents[k].w.len() - 1).sum::<usize>();
                total += f64::from(loss);
                clip(&mut g);
                adam.step(&mut net.t, &g);
                update_average(&mut average, &net.t, adam.steps);
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

    /// The training sentence `d` in id form, with its gold heads, labels and
    /// (where given) tags; `None` when its heads or labels do not fit.
    fn gold_sentence(&self, d: &NeuralGold<'_>) -> Option<Sent> {
        let mut s = self.sentence(d.toks, d.tags);
        let n = d.toks.len() as u32;
        if d.heads.len() != d.toks.len() || d.labels.len() != d.toks.len() {
            return None;
        }
        s.heads.push(0);
        s.labels.push(0);
        for (&h, &l) in d.heads.iter().zip(d.labels) {
            if h > n || usize::from(l) >= self.labels.len() {
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
    }
}

/// The words seen at least twice in `data` (by lowercased form hash), with
/// ids from 2 in hash order, and the training count of each id.
fn vocabulary(data: &[NeuralGold<'_>]) -> (HashMap<u64, u32>, Vec<u32>) {
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
    (words, counts)
}

/// The gradient and loss of a batch's `shards`, computed on up to `threads`
/// threads and summed in shard order (so they do not depend on the thread
/// count); `None` without shards.
fn gradient(
    net: &NeuralParser,
    sents: &[Sent],
    shards: Vec<Shard<'_>>,
    threads: usize,
) -> Option<(Vec<Vec<f32>>, f32)> {
    let run = |(part, seed): Shard<'_>| {
        let mut g = net.zeros();
        let mut r = Rng::new(seed);
        let mut loss = 0.0f32;
        for &k in part {
            loss += learn(net, &sents[k], &mut g, &mut r);
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
    let (mut g, mut loss) = results.next()?;
    for (g2, l2) in results {
        for (a, b) in g.iter_mut().zip(&g2) {
            axpy(1.0, b, a);
        }
        loss += l2;
    }
    Some((g, loss))
}

/// Scales the gradient `g` down to a norm of at most 5.
fn clip(g: &mut [Vec<f32>]) {
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
}

/// Moves the weight average towards the weights `t` after update `steps`.
fn update_average(average: &mut [Vec<f32>], t: &[Vec<f32>], steps: i32) {
    // (shorter memory early on, while the weights move fast)
    let steps = steps as f32;
    let decay = AVERAGE_DECAY.min((1.0 + steps) / (10.0 + steps));
    for (a, w) in average.iter_mut().zip(t) {
        for (x, y) in a.iter_mut().zip(w) {
            *x = decay * *x + (1.0 - decay) * y;
        }
    }
}

/// Forward and backward over one sentence; adds gradients to `g`.
pub(super) fn learn(net: &NeuralParser, s: &Sent, g: &mut [Vec<f32>], rng: &mut Rng) -> f32 {
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

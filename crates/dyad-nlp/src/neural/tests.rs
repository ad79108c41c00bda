//! Tests of the neural parser: gradients, training, the run-time network,
//! the kernels, encoding and decoding.

use std::collections::HashMap;

use super::biaffine::score;
use super::decoding::{eisner, to_tree};
use super::kernels::*;
use super::lstm::{encode, lstm_backward};
use super::*;
use crate::codec::{Decoder, Encoder};
use crate::{Labels, Rng};

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
    let back = NeuralParser::decode(&mut Decoder::new(&bytes, crate::VERSION), net.tags()).unwrap();
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
            let total = |h: &[u32]| -> f32 { (1..=n).map(|d| logp[d - 1][h[d] as usize]).sum() };
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

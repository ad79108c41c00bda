//! The arc scorer and label classifier as training runs them: scores,
//! loss and gradients over the BiLSTM states of a sentence.

use super::kernels::{axpy, dot, dropout, matvec, matvec_t, outer};
use super::*;
use crate::Rng;

/// Scores arcs and labels over `r`. With `grads`, returns the loss against
/// `s`'s gold heads and labels and adds the gradient of `r` to `dr`; else
/// returns the best head and label of each word.
pub(super) fn score(
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
pub(super) fn softmax_loss(logits: &[f32], gold: usize) -> (f32, Vec<f32>) {
    let mx = logits.iter().fold(f32::NEG_INFINITY, |a, &b| a.max(b));
    let z: f32 = logits.iter().map(|x| (x - mx).exp()).sum();
    let logz = mx + z.ln();
    let mut dlog: Vec<f32> = logits.iter().map(|x| (x - logz).exp()).collect();
    dlog[gold] -= 1.0;
    (logz - logits[gold], dlog)
}

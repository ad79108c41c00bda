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
    rng: Option<&mut Rng>,
) -> (f32, Vec<Vec<f32>>, Vec<u16>) {
    let n = r.len();
    let training = grads.is_some();
    let mut layer = Layer::new(net, r, rng, training);
    let mut loss = 0.0;
    let mut all_scores = Vec::new();
    let mut labels = vec![0u16; n];
    let mut a = vec![0.0f32; net.cfg.arc_dim];
    for i in 1..n {
        let (scores, best, mx) = layer.arcs(i, &mut a);
        let head = if training { s.heads[i] as usize } else { best };
        if let Some(g) = grads.as_mut() {
            loss += layer.arc_gradient(&scores, mx, i, head, &a, g);
        }
        // label of the arc head → i
        let (hid, logits) = layer.label_logits(i, head);
        labels[i] = best_label(&logits) as u16;
        if let Some(g) = grads.as_mut() {
            let gold = usize::from(s.labels[i]);
            loss += layer.label_gradient(&hid, &logits, gold, (i, head), g);
        } else {
            all_scores.push(scores);
        }
    }
    if let Some(g) = grads.as_mut()
        && net.cfg.tags
    {
        tag_loss(net, r, s, g, dr, &mut loss);
    }
    if let Some(g) = grads {
        layer.backward(r, g, dr);
    }
    (loss, all_scores, labels)
}

/// The arc and label projections of each position of a sentence (the arc
/// ones through ReLU and, in training, dropout), and the gradients that
/// flow back into them (empty without training).
struct Layer<'a> {
    net: &'a NeuralParser,
    /// Arc projections of each position as a dependent and as a head.
    hd: Vec<Vec<f32>>,
    hh: Vec<Vec<f32>>,
    /// Label projections of each position as a dependent and as a head.
    ld: Vec<Vec<f32>>,
    lh: Vec<Vec<f32>>,
    /// Dropout masks of `hd` and `hh` (training only).
    mask_d: Vec<Vec<f32>>,
    mask_h: Vec<Vec<f32>>,
    /// Each head projection times the head bias vector `v`.
    hv: Vec<f32>,
    dhd: Vec<Vec<f32>>,
    dhh: Vec<Vec<f32>>,
    dld: Vec<Vec<f32>>,
    dlh: Vec<Vec<f32>>,
}

impl<'a> Layer<'a> {
    /// Projects the BiLSTM states `r`, with dropout when `rng` is given,
    /// and makes room for gradients when `training`.
    fn new(
        net: &'a NeuralParser,
        r: &[Vec<f32>],
        mut rng: Option<&mut Rng>,
        training: bool,
    ) -> Layer<'a> {
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
        let m = if training { n } else { 0 };
        Layer {
            net,
            hd,
            hh,
            ld,
            lh,
            mask_d,
            mask_h,
            hv,
            dhd: vec![vec![0.0f32; da]; m],
            dhh: vec![vec![0.0f32; da]; m],
            dld: vec![vec![0.0f32; dl]; m],
            dlh: vec![vec![0.0f32; dl]; m],
        }
    }

    /// The scores of word `i`'s heads (`-∞` for itself), the best head and
    /// its score; leaves `U hd[i]` in `a`.
    fn arcs(&self, i: usize, a: &mut [f32]) -> (Vec<f32>, usize, f32) {
        let n = self.hd.len();
        a.iter_mut().for_each(|x| *x = 0.0);
        matvec(&self.net.t[UARC], &self.hd[i], a);
        let mut scores = vec![f32::NEG_INFINITY; n];
        let (mut best, mut mx) = (0, f32::NEG_INFINITY);
        for j in 0..n {
            if j != i {
                scores[j] = dot(&self.hh[j], a) + self.hv[j];
                if scores[j] > mx {
                    mx = scores[j];
                    best = j;
                }
            }
        }
        (scores, best, mx)
    }

    /// The loss of word `i`'s head `head` under `scores` (best score `mx`,
    /// `a` as [`Layer::arcs`] leaves it); adds the gradients.
    fn arc_gradient(
        &mut self,
        scores: &[f32],
        mx: f32,
        i: usize,
        head: usize,
        a: &[f32],
        g: &mut [Vec<f32>],
    ) -> f32 {
        let net = self.net;
        let (n, v) = (scores.len(), &net.t[VARC]);
        let z: f32 = (0..n)
            .filter(|&j| j != i)
            .map(|j| (scores[j] - mx).exp())
            .sum();
        let logz = mx + z.ln();
        let loss = logz - scores[head];
        let mut da_vec = vec![0.0f32; net.cfg.arc_dim];
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
            axpy(ds, a, &mut self.dhh[j]);
            axpy(ds, v, &mut self.dhh[j]);
            axpy(ds, &self.hh[j], &mut da_vec);
            axpy(ds, &self.hh[j], &mut g[VARC]);
        }
        outer(&mut g[UARC], &da_vec, &self.hd[i]);
        matvec_t(&net.t[UARC], &da_vec, &mut self.dhd[i]);
        loss
    }

    /// The label classifier's hidden layer and logits for the arc
    /// `head` → `i`.
    fn label_logits(&self, i: usize, head: usize) -> (Vec<f32>, Vec<f32>) {
        let t = &self.net.t;
        let mut hid = t[BL].clone();
        axpy(1.0, &self.ld[i], &mut hid);
        axpy(1.0, &self.lh[head], &mut hid);
        hid.iter_mut().for_each(|x| *x = x.max(0.0));
        let mut logits = t[BOUT].clone();
        matvec(&t[WOUT], &hid, &mut logits);
        (hid, logits)
    }

    /// The loss of label `gold` on the arc `(i, head)` given the classifier's
    /// `hid` and `logits`; adds the gradients.
    fn label_gradient(
        &mut self,
        hid: &[f32],
        logits: &[f32],
        gold: usize,
        (i, head): (usize, usize),
        g: &mut [Vec<f32>],
    ) -> f32 {
        let net = self.net;
        let (l, dlog) = softmax_loss(logits, gold);
        axpy(1.0, &dlog, &mut g[BOUT]);
        outer(&mut g[WOUT], &dlog, hid);
        let mut dhid = vec![0.0; net.cfg.label_dim];
        matvec_t(&net.t[WOUT], &dlog, &mut dhid);
        for (d, &x) in dhid.iter_mut().zip(hid) {
            if x <= 0.0 {
                *d = 0.0;
            }
        }
        axpy(1.0, &dhid, &mut g[BL]);
        axpy(1.0, &dhid, &mut self.dld[i]);
        axpy(1.0, &dhid, &mut self.dlh[head]);
        l
    }

    /// Back through the projections (dropout and ReLU included) to the
    /// weights and to the BiLSTM states `r` (into `dr`).
    fn backward(&mut self, r: &[Vec<f32>], g: &mut [Vec<f32>], dr: &mut [Vec<f32>]) {
        let net = self.net;
        for t in 0..r.len() {
            for k in 0..net.cfg.arc_dim {
                self.dhd[t][k] *= self.mask_d.get(t).map_or(1.0, |m| m[k]);
                if self.hd[t][k] <= 0.0 {
                    self.dhd[t][k] = 0.0;
                }
                self.dhh[t][k] *= self.mask_h.get(t).map_or(1.0, |m| m[k]);
                if self.hh[t][k] <= 0.0 {
                    self.dhh[t][k] = 0.0;
                }
            }
            axpy(1.0, &self.dhd[t], &mut g[BAD]);
            outer(&mut g[WAD], &self.dhd[t], &r[t]);
            matvec_t(&net.t[WAD], &self.dhd[t], &mut dr[t]);
            axpy(1.0, &self.dhh[t], &mut g[BAH]);
            outer(&mut g[WAH], &self.dhh[t], &r[t]);
            matvec_t(&net.t[WAH], &self.dhh[t], &mut dr[t]);
            outer(&mut g[WLD], &self.dld[t], &r[t]);
            matvec_t(&net.t[WLD], &self.dld[t], &mut dr[t]);
            outer(&mut g[WLH], &self.dlh[t], &r[t]);
            matvec_t(&net.t[WLH], &self.dlh[t], &mut dr[t]);
        }
    }
}

/// The label with the highest logit (the first of equals).
fn best_label(logits: &[f32]) -> usize {
    let (mut bl, mut bv) = (0usize, f32::NEG_INFINITY);
    for (k, &x) in logits.iter().enumerate() {
        if x > bv {
            bv = x;
            bl = k;
        }
    }
    bl
}

/// Adds the loss of the tag classifier on each word (from its BiLSTM state
/// in `r`) to `loss`, and its gradients to `g` and `dr`.
fn tag_loss(
    net: &NeuralParser,
    r: &[Vec<f32>],
    s: &Sent,
    g: &mut [Vec<f32>],
    dr: &mut [Vec<f32>],
    loss: &mut f32,
) {
    for i in 1..r.len() {
        let Some(gold) = s.gold_tags.get(i).map(|&t| usize::from(t)) else {
            continue;
        };
        let mut logits = net.t[BTAG].clone();
        matvec(&net.t[WTAG], &r[i], &mut logits);
        if gold >= logits.len() {
            continue;
        }
        let (l, dlog) = softmax_loss(&logits, gold);
        *loss += l;
        axpy(1.0, &dlog, &mut g[BTAG]);
        outer(&mut g[WTAG], &dlog, &r[i]);
        matvec_t(&net.t[WTAG], &dlog, &mut dr[i]);
    }
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

//! The bidirectional LSTM as training runs it: the forward pass keeping
//! what the backward pass needs, and the backward pass.

use super::kernels::{axpy, dropout, matvec, matvec_t, outer, sigmoid, unit};
use super::*;
use crate::Rng;

pub(super) struct Direction {
    pub(super) gates: Vec<Vec<f32>>,
    pub(super) c: Vec<Vec<f32>>,
    pub(super) tc: Vec<Vec<f32>>,
    pub(super) h: Vec<Vec<f32>>,
}

pub(super) fn lstm_forward(
    net: &NeuralParser,
    ix: Lstm,
    inputs: &[Vec<f32>],
    reverse: bool,
) -> Direction {
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
pub(super) fn lstm_backward(
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
pub(super) struct Forward {
    pub(super) x: Vec<Vec<f32>>,
    pub(super) x_mask: Vec<Vec<f32>>,
    pub(super) words: Vec<u32>,
    pub(super) dirs: [Direction; 2],
    pub(super) r: Vec<Vec<f32>>,
    pub(super) r_mask: Vec<Vec<f32>>,
}

pub(super) fn encode(net: &NeuralParser, s: &Sent, mut train: Option<&mut Rng>) -> Forward {
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

//! Graph-based dependency parser: a bidirectional LSTM over word, tag,
//! suffix and shape embeddings, a biaffine arc scorer (Dozat & Manning
//! 2017) choosing each word's head, and a label classifier over the
//! dependent and its head. Trained with Adam on the cross-entropy of the
//! gold head and label; written by hand (no tensor library) for dyad.
//!
//! The tree is the best projective one with a single word on the root
//! ([`decoding::eisner`]); for sentences over [`decoding::EXACT_MAX`] words
//! each word's best head is taken and [`decoding::to_tree`] repairs cycles
//! and extra roots.
//!
//! The parts: [`kernels`] (vector arithmetic, and the one call into code
//! compiled for AVX2/FMA or AVX-512), [`network`] (the weights, their
//! run-time forms and the input features), [`lstm`] (the training-time
//! BiLSTM, forward and backward), [`biaffine`] (the training-time arc
//! scorer and label classifier), [`train`], [`infer`] (the run-time
//! network), [`decoding`] (heads to trees) and [`encoding`] (the model
//! file).

// Numeric kernels index several arrays in step; index loops read best.
#![allow(clippy::needless_range_loop)]

mod biaffine;
mod decoding;
mod encoding;
mod infer;
mod kernels;
mod lstm;
mod network;
#[cfg(test)]
mod tests;
mod train;

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::Labels;
use crate::tagger::Tok;

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
    /// and blocked ([`kernels::block_f32`]): one pass over each position's LSTM
    /// output.
    heads_b: Vec<f32>,
    /// The LSTM recurrent matrices (forward, backward) in bfloat16
    /// ([`kernels::pack_bf16`]).
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

//! Scoring a [`Model`] against gold CoNLL-U with gold tokenisation: the
//! model annotates the gold words, and `dyad_eval` scores the result as it
//! scores any system ([`dyad_eval::score_gold_words`]).

use std::time::Instant;

use dyad_eval::{Prf, SystemWord};

use crate::Model;

/// Accuracies (percent) of a model on gold sentences, CoNLL 2018 style, over
/// all syntactic words (punctuation included).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scores {
    /// Universal part of speech.
    pub upos: f64,
    /// English part of speech.
    pub xpos: f64,
    /// Whole FEATS string.
    pub feats: f64,
    /// Lemma, exact match.
    pub lemma: f64,
    /// Unlabelled attachment.
    pub uas: f64,
    /// Labelled attachment, comparing the universal relation only (the part
    /// before `:`), as the CoNLL 2018 shared task does.
    pub las: f64,
    /// Labelled attachment comparing full relations with subtypes.
    pub las_full: f64,
    /// Words scored.
    pub words: usize,
    /// Words tagged, lemmatised and parsed per second (one thread).
    pub tokens_per_s: f64,
}

/// Annotates every gold sentence from its gold words and scores the result.
pub fn evaluate(model: &Model, gold: &[dyad_conllu::Sentence]) -> Scores {
    let mut system: Vec<SystemWord> = Vec::new();
    let mut seconds = 0.0;
    for s in gold {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let t0 = Instant::now();
        let out = model.annotate(&forms);
        seconds += t0.elapsed().as_secs_f64();
        let base = system.len();
        system.extend(out.into_iter().map(|a| SystemWord {
            upos: a.upos,
            xpos: a.xpos,
            feats: a.feats,
            lemma: a.lemma,
            head: (a.head > 0).then(|| base + a.head as usize - 1),
            deprel: a.deprel,
            ..SystemWord::default()
        }));
    }
    let scores = dyad_eval::score_gold_words(gold, &system);
    let words = scores.words.correct;
    let pct = |p: &Prf| 100.0 * p.correct as f64 / words.max(1) as f64;
    Scores {
        upos: pct(&scores.upos),
        xpos: pct(&scores.xpos),
        feats: pct(&scores.feats),
        lemma: pct(&scores.lemma),
        uas: pct(&scores.uas),
        las: pct(&scores.las),
        las_full: pct(&scores.las_full),
        words,
        tokens_per_s: if seconds > 0.0 {
            words as f64 / seconds
        } else {
            0.0
        },
    }
}

//! Scoring a [`Model`] against gold CoNLL-U with gold tokenisation.

use std::time::Instant;

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

fn universal(rel: &str) -> &str {
    rel.split(':').next().unwrap_or(rel)
}

/// Annotates every gold sentence from its gold words and scores the result.
pub fn evaluate(model: &Model, gold: &[dyad_conllu::Sentence]) -> Scores {
    let mut counts = [0usize; 7];
    let mut words = 0;
    let mut seconds = 0.0;
    for s in gold {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let t0 = Instant::now();
        let out = model.annotate(&forms);
        seconds += t0.elapsed().as_secs_f64();
        for (a, w) in out.iter().zip(&s.words) {
            let head_ok = w.head == Some(a.head);
            let hits = [
                a.upos == w.upos,
                a.xpos == w.xpos,
                a.feats == w.feats,
                a.lemma == w.lemma,
                head_ok,
                head_ok && universal(&a.deprel) == universal(&w.deprel),
                head_ok && a.deprel == w.deprel,
            ];
            for (c, hit) in counts.iter_mut().zip(hits) {
                *c += usize::from(hit);
            }
            words += 1;
        }
    }
    let pct = |c: usize| 100.0 * c as f64 / words.max(1) as f64;
    Scores {
        upos: pct(counts[0]),
        xpos: pct(counts[1]),
        feats: pct(counts[2]),
        lemma: pct(counts[3]),
        uas: pct(counts[4]),
        las: pct(counts[5]),
        las_full: pct(counts[6]),
        words,
        tokens_per_s: if seconds > 0.0 {
            words as f64 / seconds
        } else {
            0.0
        },
    }
}

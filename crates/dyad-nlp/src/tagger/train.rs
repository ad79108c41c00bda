//! Training the tagger: the lexicon (ambiguity classes, words sure of
//! their class, FEATS seen with each class), then perceptron epochs.

use std::collections::HashMap;

use super::{Part, START, TagGold, Tagger, argmax, best_of, previous_tags, second_features};
use crate::Labels;
use crate::perceptron::{HashMap64, Trainer, mix};

/// Counts of the classes seen with each word.
type ClassCounts = HashMap64<HashMap<u16, u32>>;

impl Tagger {
    /// Trains a tagger on `data`; `report` receives a line per epoch.
    pub(crate) fn train(
        data: &[TagGold],
        classes: Labels,
        feats: Labels,
        epochs: usize,
        seed: u64,
        mut report: impl FnMut(usize, &Tagger),
    ) -> Tagger {
        let (counts, form_counts, feats_counts) = count_classes(data, classes.len());
        let mut tagger = Tagger {
            ambiguity: ambiguity_classes(&counts),
            sure: sure_classes(&form_counts),
            feats_candidates: feats_candidates(feats_counts),
            ..Tagger::default()
        };
        tagger.classes = classes;
        tagger.feats = feats;
        let mut trainer = Trainer::new(tagger.classes.len());
        let mut ftrainer = Trainer::new(tagger.feats.len());
        let mut order: Vec<usize> = (0..data.len()).collect();
        let mut rng = crate::Rng::new(seed);
        let mut buf = Vec::with_capacity(64);
        let mut scores = vec![0.0f32; tagger.classes.len()];
        let mut fscores = vec![0.0f32; tagger.feats.len()];
        let mut tags: Vec<u16> = Vec::new();
        tagger.weights = trainer.freeze(1e-3, 2);
        tagger.feats_weights = ftrainer.freeze(1e-3, 1);
        tagger.second = Trainer::new(tagger.classes.len()).freeze(1e-3, 1);
        for epoch in 0..epochs {
            rng.shuffle(&mut order);
            for &s in &order {
                let gold = &data[s];
                tagger.learn_classes(gold, &mut trainer, &mut buf, &mut scores, &mut tags);
                tagger.learn_feats(gold, &mut ftrainer, &mut buf, &mut fscores);
            }
            tagger.weights = trainer.freeze(1e-3, 2);
            tagger.feats_weights = ftrainer.freeze(1e-3, 1);
            report(epoch, &tagger);
        }
        tagger
    }

    /// Tags `gold` left to right with `trainer`, learning from each mistake;
    /// the guesses are left in `tags`.
    fn learn_classes(
        &self,
        gold: &TagGold,
        trainer: &mut Trainer,
        buf: &mut Vec<u64>,
        scores: &mut [f32],
        tags: &mut Vec<u16>,
    ) {
        tags.clear();
        for i in 0..gold.toks.len() {
            let p1 = if i >= 1 {
                u64::from(tags[i - 1])
            } else {
                START
            };
            let p2 = if i >= 2 {
                u64::from(tags[i - 2])
            } else {
                START
            };
            if let Some(&c) = self.sure.get(&gold.toks[i].form) {
                tags.push(c);
                continue;
            }
            self.features(&gold.toks, i, (p1, p2), Part::All, buf);
            scores.fill(0.0);
            trainer.score(buf, scores);
            let guess = argmax(scores);
            trainer.update(buf, gold.class[i] as usize, guess, 1.0);
            trainer.tick();
            tags.push(guess as u16);
        }
    }

    /// Learns the FEATS of `gold`'s words from their gold tags with
    /// `ftrainer`.
    fn learn_feats(
        &self,
        gold: &TagGold,
        ftrainer: &mut Trainer,
        buf: &mut Vec<u64>,
        fscores: &mut [f32],
    ) {
        for i in 0..gold.toks.len() {
            let cands = &self.feats_candidates[gold.class[i] as usize];
            if cands.len() > 1 {
                self.feats_features(&gold.toks, i, &gold.class, buf);
                fscores.fill(0.0);
                ftrainer.score(buf, fscores);
                let guess = best_of(cands, fscores);
                ftrainer.update(buf, gold.feats[i] as usize, guess as usize, 1.0);
                ftrainer.tick();
            }
        }
    }

    /// Trains the second pass on `data` with first-pass tags `first` (from
    /// taggers that did not see the sentence).
    pub(crate) fn train_second(
        &mut self,
        data: &[TagGold],
        first: &[Vec<u16>],
        epochs: usize,
        seed: u64,
        mut report: impl FnMut(usize, &Tagger),
    ) {
        let mut trainer = Trainer::new(self.classes.len());
        let mut order: Vec<usize> = (0..data.len()).collect();
        let mut rng = crate::Rng::new(seed);
        let mut buf = Vec::with_capacity(96);
        let mut scores = vec![0.0f32; self.classes.len()];
        let mut tags: Vec<u16> = Vec::new();
        for epoch in 0..epochs {
            rng.shuffle(&mut order);
            for &s in &order {
                let gold = &data[s];
                tags.clear();
                for i in 0..gold.toks.len() {
                    if let Some(&c) = self.sure.get(&gold.toks[i].form) {
                        tags.push(c);
                        continue;
                    }
                    let (p1, p2) = previous_tags(&tags, i);
                    self.features(&gold.toks, i, (p1, p2), Part::All, &mut buf);
                    second_features(&first[s], &gold.toks, i, p1, Part::All, &mut buf);
                    scores.fill(0.0);
                    trainer.score(&buf, &mut scores);
                    let guess = argmax(&scores);
                    trainer.update(&buf, gold.class[i] as usize, guess, 1.0);
                    trainer.tick();
                    tags.push(guess as u16);
                }
            }
            self.second = trainer.freeze(1e-3, 2);
            report(epoch, self);
        }
    }
}

/// The classes seen with each lowercased word and with each form, and the
/// FEATS seen with each of the `n_classes` classes.
fn count_classes(
    data: &[TagGold],
    n_classes: usize,
) -> (ClassCounts, ClassCounts, Vec<HashMap<u16, u32>>) {
    let mut counts: ClassCounts = HashMap64::default();
    let mut form_counts: ClassCounts = HashMap64::default();
    let mut feats_counts: Vec<HashMap<u16, u32>> = vec![HashMap::new(); n_classes];
    for s in data {
        for (j, t) in s.toks.iter().enumerate() {
            *counts
                .entry(t.lower)
                .or_default()
                .entry(s.class[j])
                .or_default() += 1;
            *form_counts
                .entry(t.form)
                .or_default()
                .entry(s.class[j])
                .or_default() += 1;
            *feats_counts[s.class[j] as usize]
                .entry(s.feats[j])
                .or_default() += 1;
        }
    }
    (counts, form_counts, feats_counts)
}

/// Ambiguity classes of frequent words: the most frequent class and a hash
/// of the usual ones (each at least a tenth of the word's count).
fn ambiguity_classes(counts: &ClassCounts) -> HashMap64<(u16, u64)> {
    let mut ambiguity = HashMap64::default();
    for (&w, dist) in counts {
        let total: u32 = dist.values().sum();
        if total >= 3 {
            let (&best, _) = dist
                .iter()
                .max_by_key(|&(c, n)| (*n, std::cmp::Reverse(*c)))
                .unwrap_or((&0, &0));
            let mut usual: Vec<u16> = dist
                .iter()
                .filter(|&(_, &n)| n * 10 >= total)
                .map(|(&c, _)| c)
                .collect();
            usual.sort_unstable();
            let sig = usual.iter().fold(0x5161, |h, &c| mix(h, u64::from(c)));
            ambiguity.insert(w, (best, sig));
        }
    }
    ambiguity
}

/// Forms seen at least 20 times that take one class at least 99.5% of the
/// time, with that class.
fn sure_classes(form_counts: &ClassCounts) -> HashMap64<u16> {
    let mut sure = HashMap64::default();
    for (&w, dist) in form_counts {
        let total: u32 = dist.values().sum();
        let best = dist
            .iter()
            .max_by_key(|&(c, n)| (*n, std::cmp::Reverse(*c)));
        if let Some((&c, &n)) = best
            && total >= 20
            && f64::from(n) >= 0.995 * f64::from(total)
        {
            sure.insert(w, c);
        }
    }
    sure
}

/// The FEATS seen with each class, most frequent first.
fn feats_candidates(feats_counts: Vec<HashMap<u16, u32>>) -> Vec<Vec<u16>> {
    feats_counts
        .into_iter()
        .map(|dist| {
            let mut v: Vec<(u16, u32)> = dist.into_iter().collect();
            v.sort_by_key(|&(f, n)| (std::cmp::Reverse(n), f));
            v.into_iter().map(|(f, _)| f).collect()
        })
        .collect()
}

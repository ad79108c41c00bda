//! Scoring tags, lemmas and dependency trees over aligned words, as the
//! CoNLL 2018 shared task does.
//!
//! A system word is aligned to a gold word when both sit in the same surface
//! token span, at the same position in it, with the same form (ignoring
//! case). Every score is an F1: correct / gold and correct / system words;
//! with gold tokenisation both are the same accuracy. LAS compares the
//! universal part of the relation (`obl` for `obl:tmod`), as the shared task's
//! script does; a head is correct when the system head is aligned to the
//! gold head (or both are the root).
//!
//! [`score_parse`] aligns words of a system's own segmentation;
//! [`score_gold_words`] scores words of the gold segmentation, aligned one
//! to one. Both count hits the same way.

use std::collections::HashMap;

use dyad_conllu::Sentence;

use crate::{GoldText, Prf};

/// One word of a system's output over the text of a [`GoldText`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SystemWord {
    /// Byte span of its surface token in the gold text.
    pub token: (usize, usize),
    /// Position of the word in its surface token.
    pub position: usize,
    /// Word form.
    pub form: String,
    /// Universal part of speech.
    pub upos: String,
    /// Language-specific part of speech.
    pub xpos: String,
    /// Morphological features (the whole FEATS string).
    pub feats: String,
    /// Lemma.
    pub lemma: String,
    /// Index (into the same slice of system words) of the head; `None` for
    /// the root.
    pub head: Option<usize>,
    /// Dependency relation.
    pub deprel: String,
}

/// Scores of tagging and parsing over aligned words.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ParseScores {
    /// Word segmentation.
    pub words: Prf,
    /// Universal POS.
    pub upos: Prf,
    /// Language-specific POS.
    pub xpos: Prf,
    /// Morphological features (the whole FEATS string).
    pub feats: Prf,
    /// Lemmas.
    pub lemma: Prf,
    /// Unlabelled attachment.
    pub uas: Prf,
    /// Labelled attachment (universal relation).
    pub las: Prf,
    /// Labelled attachment comparing full relations, subtypes included.
    pub las_full: Prf,
}

/// Scores `system` against the gold `sentences` whose text `gold` is.
pub fn score_parse(sentences: &[Sentence], gold: &GoldText, system: &[SystemWord]) -> ParseScores {
    let key = |span: (usize, usize), position: usize, form: &str| {
        (span.0, span.1, position, form.to_lowercase())
    };
    let gold_index: HashMap<_, usize> = gold
        .segmentation
        .words
        .iter()
        .enumerate()
        .map(|(i, (s, e, p, f))| (key((*s, *e), *p, f), i))
        .collect();
    let aligned: Vec<Option<usize>> = system
        .iter()
        .map(|w| gold_index.get(&key(w.token, w.position, &w.form)).copied())
        .collect();
    let n_gold = gold.segmentation.words.len();
    score_aligned(sentences, &gold.word_ids, n_gold, system, &aligned)
}

/// Scores `system`, the words of the gold `sentences` in order (system word
/// `k` is gold word `k`; `token`, `position` and `form` are not read), as
/// when a system is given the gold tokenisation.
pub fn score_gold_words(sentences: &[Sentence], system: &[SystemWord]) -> ParseScores {
    let word_ids: Vec<(usize, usize)> = sentences
        .iter()
        .enumerate()
        .flat_map(|(i, s)| (0..s.words.len()).map(move |j| (i, j)))
        .collect();
    let aligned: Vec<Option<usize>> = (0..system.len())
        .map(|k| (k < word_ids.len()).then_some(k))
        .collect();
    score_aligned(sentences, &word_ids, word_ids.len(), system, &aligned)
}

/// Scores `system` with each word aligned to the gold word `aligned` names
/// (an index into `word_ids`, the sentence and word index of each gold
/// word), against `n_gold` gold words.
fn score_aligned(
    sentences: &[Sentence],
    word_ids: &[(usize, usize)],
    n_gold: usize,
    system: &[SystemWord],
    aligned: &[Option<usize>],
) -> ParseScores {
    // Global gold index of each (sentence, word).
    let global: HashMap<(usize, usize), usize> = word_ids
        .iter()
        .enumerate()
        .map(|(i, id)| (*id, i))
        .collect();
    let universal = |rel: &str| rel.split(':').next().unwrap_or(rel).to_string();
    let mut correct = [0usize; 8];
    for (w, gold_word) in system.iter().zip(aligned) {
        let Some(g) = *gold_word else { continue };
        let (sentence, word) = word_ids[g];
        let Some(gold_analysis) = sentences.get(sentence).and_then(|s| s.words.get(word)) else {
            continue;
        };
        correct[0] += 1;
        correct[1] += usize::from(w.upos == gold_analysis.upos);
        correct[2] += usize::from(w.xpos == gold_analysis.xpos);
        correct[3] += usize::from(w.feats == gold_analysis.feats);
        correct[4] += usize::from(w.lemma == gold_analysis.lemma);
        let gold_head = match gold_analysis.head {
            Some(0) | None => None,
            Some(h) => global.get(&(sentence, h as usize - 1)).copied(),
        };
        let system_head = w.head.and_then(|h| aligned.get(h).copied().flatten());
        let head_ok = match (w.head, gold_analysis.head) {
            (None, Some(0)) => true,
            (Some(_), Some(h)) if h > 0 => system_head.is_some() && system_head == gold_head,
            _ => false,
        };
        correct[5] += usize::from(head_ok);
        correct[6] +=
            usize::from(head_ok && universal(&w.deprel) == universal(&gold_analysis.deprel));
        correct[7] += usize::from(head_ok && w.deprel == gold_analysis.deprel);
    }
    let prf = |c: usize| Prf::new(n_gold, system.len(), c);
    ParseScores {
        words: prf(correct[0]),
        upos: prf(correct[1]),
        xpos: prf(correct[2]),
        feats: prf(correct[3]),
        lemma: prf(correct[4]),
        uas: prf(correct[5]),
        las: prf(correct[6]),
        las_full: prf(correct[7]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOLD: &str = "# text = Troops left Mosul.\n1\tTroops\ttroop\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n2\tleft\tleave\tVERB\tVBD\t_\t0\troot\t_\t_\n3\tMosul\tMosul\tPROPN\tNNP\t_\t2\tobj\t_\tSpaceAfter=No\n4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";

    fn word(
        token: (usize, usize),
        form: &str,
        upos: &str,
        head: Option<usize>,
        deprel: &str,
    ) -> SystemWord {
        SystemWord {
            token,
            form: form.into(),
            upos: upos.into(),
            head,
            deprel: deprel.into(),
            ..SystemWord::default()
        }
    }

    #[test]
    fn scores_heads_through_the_alignment() {
        let sentences: Vec<Sentence> = dyad_conllu::Reader::new(GOLD.as_bytes())
            .collect::<Result<_, _>>()
            .unwrap();
        let gold = GoldText::from_conllu(&sentences);
        assert_eq!(gold.text, "Troops left Mosul.");
        // "Mosul." as one token: words 3 and 4 of gold are missed.
        let system = [
            word((0, 6), "Troops", "NOUN", Some(1), "nsubj"),
            word((7, 11), "left", "VERB", None, "root"),
            word((12, 18), "Mosul.", "PROPN", Some(1), "obj"),
        ];
        let scores = score_parse(&sentences, &gold, &system);
        assert_eq!(scores.words.correct, 2);
        assert_eq!((scores.words.gold, scores.words.system), (4, 3));
        assert_eq!(scores.upos.correct, 2);
        assert_eq!(scores.las.correct, 2);
        // A wrong label costs LAS, not UAS; subtypes are ignored.
        let system = [
            word((0, 6), "Troops", "NOUN", Some(1), "nsubj:pass"),
            word((7, 11), "left", "VERB", None, "root"),
        ];
        let scores = score_parse(&sentences, &gold, &system);
        assert_eq!((scores.uas.correct, scores.las.correct), (2, 2));
        let system = [
            word((0, 6), "Troops", "NOUN", Some(1), "obj"),
            word((7, 11), "left", "VERB", Some(0), "root"),
        ];
        let scores = score_parse(&sentences, &gold, &system);
        // Troops: right head, wrong label; left: not the root.
        assert_eq!((scores.uas.correct, scores.las.correct), (1, 0));
    }

    #[test]
    fn scores_gold_words_one_to_one() {
        let sentences: Vec<Sentence> = dyad_conllu::Reader::new(GOLD.as_bytes())
            .collect::<Result<_, _>>()
            .unwrap();
        let mut system = vec![
            word((0, 0), "", "NOUN", Some(1), "nsubj:pass"),
            word((0, 0), "", "VERB", None, "root"),
            word((0, 0), "", "PROPN", Some(1), "obj"),
            word((0, 0), "", "PUNCT", Some(2), "punct"),
        ];
        system[0].lemma = "troop".into();
        system[1].xpos = "VBD".into();
        system[2].feats = "_".into();
        let scores = score_gold_words(&sentences, &system);
        assert_eq!((scores.words.gold, scores.words.system), (4, 4));
        assert_eq!(scores.words.correct, 4);
        assert_eq!(scores.upos.correct, 4);
        assert_eq!((scores.xpos.correct, scores.lemma.correct), (1, 1));
        assert_eq!(scores.feats.correct, 1);
        // Word 4 is headed by "Mosul", not "left"; "nsubj:pass" is
        // right in LAS, wrong with subtypes.
        assert_eq!(scores.uas.correct, 3);
        assert_eq!((scores.las.correct, scores.las_full.correct), (3, 2));
        // A system word past the gold words is not aligned.
        system.push(word((0, 0), "", "X", Some(0), "dep"));
        let scores = score_gold_words(&sentences, &system);
        assert_eq!((scores.words.correct, scores.words.system), (4, 5));
    }
}

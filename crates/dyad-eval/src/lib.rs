//! Scoring dyad's output against gold CoNLL-U, the way the CoNLL 2018 shared
//! task scores it.
//!
//! [`GoldText::from_conllu`] rebuilds the raw text of a treebank (sentences
//! of a paragraph joined by a space, paragraphs and documents separated by a
//! blank line) and records where each gold sentence, surface token and word
//! lies in it. A system segments that text; [`score_segmentation`] then
//! counts exact span matches. Because gold and system share one text,
//! matching character spans is the CoNLL 2018 character-offset alignment.
//!
//! Words: a multiword token ("don't") holds several words ("do", "n't");
//! a system word matches a gold word when their surface tokens match, they
//! sit at the same position in it and their forms agree (case-insensitive).
//!
//! Tags, lemmas and trees: [`score_parse`] aligns a system's words to the
//! gold words the same way and scores UPOS, XPOS, FEATS, lemma, UAS and LAS;
//! [`score_gold_words`] scores a system given the gold words.
//!
//! This crate reads no files and runs no model: callers pass sentences and
//! segmentations in.
//!
//! ```
//! use dyad_eval::{GoldText, Segmentation, score_segmentation};
//!
//! let conllu = "# newpar\n# text = Hi.\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\tSpaceAfter=No\n2\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_\n\n";
//! let sentences: Vec<_> = dyad_conllu::Reader::new(conllu.as_bytes()).collect::<Result<_, _>>().unwrap();
//! let gold = GoldText::from_conllu(&sentences);
//! assert_eq!(gold.text, "Hi.");
//! let system = Segmentation {
//!     sentences: vec![(0, 3)],
//!     tokens: vec![(0, 2), (2, 3)],
//!     words: vec![(0, 2, 0, "Hi".into()), (2, 3, 0, ".".into())],
//! };
//! let scores = score_segmentation(&gold.segmentation, &system);
//! assert_eq!(scores.tokens.f1, 1.0);
//! ```

pub mod events;
mod parse;

use dyad_conllu::Sentence;

pub use parse::{ParseScores, SystemWord, score_gold_words, score_parse};

/// Precision, recall and F1 of one kind of unit.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Prf {
    /// Units in the gold standard.
    pub gold: usize,
    /// Units the system produced.
    pub system: usize,
    /// Units in both.
    pub correct: usize,
    /// correct / system.
    pub precision: f64,
    /// correct / gold.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
}

impl Prf {
    /// Scores from counts.
    pub fn new(gold: usize, system: usize, correct: usize) -> Prf {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let precision = ratio(correct, system);
        let recall = ratio(correct, gold);
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Prf {
            gold,
            system,
            correct,
            precision,
            recall,
            f1,
        }
    }
}

/// A segmentation of one text, as byte spans into it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Segmentation {
    /// Sentence spans, in order.
    pub sentences: Vec<(usize, usize)>,
    /// Surface token spans, in order.
    pub tokens: Vec<(usize, usize)>,
    /// Words: the span of their surface token, their position in it, and
    /// their form.
    pub words: Vec<(usize, usize, usize, String)>,
}

/// The scores of a segmentation.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SegmentScores {
    /// Surface tokens.
    pub tokens: Prf,
    /// Syntactic words.
    pub words: Prf,
    /// Sentences.
    pub sentences: Prf,
}

/// A treebank's raw text and its gold segmentation.
#[derive(Clone, Debug, Default)]
pub struct GoldText {
    /// The raw text.
    pub text: String,
    /// Where the gold units are in it.
    pub segmentation: Segmentation,
    /// For each entry of `segmentation.words`: the index of its gold
    /// sentence and of the word in that sentence's `words`.
    pub word_ids: Vec<(usize, usize)>,
    /// Gold tokens whose form could not be found in the sentence text.
    pub unaligned_tokens: usize,
}

impl GoldText {
    /// Rebuilds the raw text of `sentences` and locates every gold unit.
    pub fn from_conllu(sentences: &[Sentence]) -> GoldText {
        let mut gold = GoldText::default();
        for (sentence_index, sentence) in sentences.iter().enumerate() {
            if !gold.text.is_empty() {
                let new_paragraph = sentence.newpar || sentence.newdoc.is_some();
                gold.text.push_str(if new_paragraph { "\n\n" } else { " " });
            }
            let base = gold.text.len();
            let raw = sentence.raw_text();
            gold.text.push_str(&raw);
            let mut cursor = 0;
            let mut first = None;
            let mut last = base;
            for token in sentence.surface_tokens() {
                let Some(at) = locate(&raw, cursor, token.form) else {
                    gold.unaligned_tokens += 1;
                    continue;
                };
                let (start, end) = (base + at, base + at + token.form.len());
                cursor = at + token.form.len();
                first.get_or_insert(start);
                last = end;
                gold.segmentation.tokens.push((start, end));
                for (position, word) in sentence.words[token.words.clone()].iter().enumerate() {
                    gold.segmentation
                        .words
                        .push((start, end, position, word.form.to_lowercase()));
                    gold.word_ids
                        .push((sentence_index, token.words.start + position));
                }
            }
            gold.segmentation
                .sentences
                .push((first.unwrap_or(base), last.max(first.unwrap_or(base))));
        }
        gold
    }
}

/// Finds `form` in `text` at or after `cursor`, skipping whitespace first.
fn locate(text: &str, cursor: usize, form: &str) -> Option<usize> {
    let rest = text.get(cursor..)?;
    let skipped = rest.len() - rest.trim_start().len();
    if rest[skipped..].starts_with(form) {
        return Some(cursor + skipped);
    }
    rest.find(form).map(|at| cursor + at)
}

/// Counts exact matches of spans between two sorted span lists.
fn matches<T: Ord>(gold: &[T], system: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < gold.len() && j < system.len() {
        match gold[i].cmp(&system[j]) {
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    n
}

/// Scores `system` against `gold` (both over the same text).
pub fn score_segmentation(gold: &Segmentation, system: &Segmentation) -> SegmentScores {
    let sorted = |v: &[(usize, usize)]| {
        let mut v = v.to_vec();
        v.sort_unstable();
        v
    };
    let (gold_tokens, system_tokens) = (sorted(&gold.tokens), sorted(&system.tokens));
    let (gold_sentences, system_sentences) = (sorted(&gold.sentences), sorted(&system.sentences));
    let lower = |v: &[(usize, usize, usize, String)]| {
        let mut v: Vec<_> = v
            .iter()
            .map(|(s, e, p, f)| (*s, *e, *p, f.to_lowercase()))
            .collect();
        v.sort_unstable();
        v
    };
    let (gold_words, system_words) = (lower(&gold.words), lower(&system.words));
    SegmentScores {
        tokens: Prf::new(
            gold_tokens.len(),
            system_tokens.len(),
            matches(&gold_tokens, &system_tokens),
        ),
        words: Prf::new(
            gold_words.len(),
            system_words.len(),
            matches(&gold_words, &system_words),
        ),
        sentences: Prf::new(
            gold_sentences.len(),
            system_sentences.len(),
            matches(&gold_sentences, &system_sentences),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<Sentence> {
        dyad_conllu::Reader::new(text.as_bytes())
            .collect::<Result<_, _>>()
            .unwrap()
    }

    const DOC: &str = "# newdoc id = d\n# newpar id = p\n# text = I don't.\n1\tI\t_\t_\t_\t_\t2\tnsubj\t_\t_\n2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n2\tdo\t_\t_\t_\t_\t0\troot\t_\t_\n3\tn't\t_\t_\t_\t_\t2\tadvmod\t_\t_\n4\t.\t_\t_\t_\t_\t2\tpunct\t_\t_\n\n# text = Ok\n1\tOk\t_\t_\t_\t_\t0\troot\t_\t_\n\n# newpar id = p2\n# text = Bye\n1\tBye\t_\t_\t_\t_\t0\troot\t_\t_\n\n";

    #[test]
    fn rebuilds_text_with_paragraphs() {
        let gold = GoldText::from_conllu(&read(DOC));
        assert_eq!(gold.text, "I don't. Ok\n\nBye");
        assert_eq!(
            gold.segmentation.tokens,
            [(0, 1), (2, 7), (7, 8), (9, 11), (13, 16)]
        );
        assert_eq!(gold.segmentation.sentences, [(0, 8), (9, 11), (13, 16)]);
        assert_eq!(gold.segmentation.words.len(), 6);
        assert_eq!(
            gold.word_ids,
            [(0, 0), (0, 1), (0, 2), (0, 3), (1, 0), (2, 0)]
        );
    }

    #[test]
    fn scores_partial_segmentation() {
        let gold = GoldText::from_conllu(&read(DOC));
        // A system that misses the first boundary and splits "don't" into two tokens.
        let system = Segmentation {
            sentences: vec![(0, 11), (13, 16)],
            tokens: vec![(0, 1), (2, 4), (4, 7), (7, 8), (9, 11), (13, 16)],
            words: vec![
                (0, 1, 0, "I".into()),
                (2, 4, 0, "do".into()),
                (4, 7, 0, "n't".into()),
                (7, 8, 0, ".".into()),
                (9, 11, 0, "Ok".into()),
                (13, 16, 0, "Bye".into()),
            ],
        };
        let scores = score_segmentation(&gold.segmentation, &system);
        assert_eq!(
            (
                scores.tokens.correct,
                scores.tokens.gold,
                scores.tokens.system
            ),
            (4, 5, 6)
        );
        assert_eq!((scores.sentences.correct, scores.sentences.gold), (1, 3));
        assert_eq!(scores.words.correct, 4);
        assert!((scores.sentences.f1 - 0.4).abs() < 1e-9);
    }
}

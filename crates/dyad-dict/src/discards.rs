//! The discard list: phrases whose presence stops a sentence (or, with a
//! leading `+`, a whole story) from being coded.
//!
//! ```text
//! AFRICAN NATIONS CUP   # sentence-level discard
//! +ACADEMY AWARD        # story-level discard
//! BATSMEN_              # must end at a word boundary (otherwise a stem)
//! ```

use crate::diag::{Sink, syntax};
use crate::phrase::{Phrase, PhraseIndex, Slot, same_word};
use crate::{Diagnostic, Provenance, source};

/// What a discard phrase stops from being coded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DiscardScope {
    /// The sentence containing the phrase.
    Sentence,
    /// The whole story containing the phrase (`+` prefix).
    Story,
}

/// One discard phrase.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiscardEntry {
    /// The phrase, upper-cased. `phrase.exact()` is true when it ended with
    /// `_` (the last word must match whole); otherwise the last word is a
    /// stem and matches any word it starts.
    pub phrase: Phrase,
    /// What it stops from being coded.
    pub scope: DiscardScope,
    /// Where it was written.
    pub provenance: Provenance,
}

impl DiscardEntry {
    fn matches_at<S: AsRef<str>>(&self, tokens: &[S]) -> bool {
        let n = self.phrase.len();
        let Some(window) = tokens.get(..n) else {
            return false;
        };
        self.phrase
            .words()
            .zip(window)
            .enumerate()
            .all(|(i, (w, t))| {
                let t = t.as_ref();
                if i + 1 == n && !self.phrase.exact() {
                    starts_with_word(t, w)
                } else {
                    same_word(w, t)
                }
            })
    }
}

fn starts_with_word(token: &str, stem: &str) -> bool {
    token
        .get(..stem.len())
        .is_some_and(|prefix| same_word(stem, prefix))
}

/// The discard list.
#[derive(Clone, Debug, Default)]
pub struct DiscardDict {
    entries: Vec<DiscardEntry>,
    index: PhraseIndex,
}

impl DiscardDict {
    /// An empty list.
    pub fn new() -> DiscardDict {
        DiscardDict::default()
    }

    /// Parses one discard file's text and adds its entries; returns the diagnostics.
    pub fn add_text(&mut self, file: &str, text: &str) -> Vec<Diagnostic> {
        Sink::collect(file, |sink| self.parse(text, sink)).1
    }

    fn parse(&mut self, text: &str, sink: &mut Sink<'_>) {
        for line in source::lines(text, sink) {
            let trimmed = line.text.trim();
            let (scope, phrase) = match trimmed.strip_prefix('+') {
                Some(rest) => (DiscardScope::Story, rest),
                None => (DiscardScope::Sentence, trimmed),
            };
            if phrase.contains(['[', ']']) {
                sink.push(
                    line.number,
                    syntax("discards take no code; brackets kept as words", trimmed),
                );
            }
            match Phrase::parse(phrase) {
                Some(phrase) => {
                    self.index.insert(&phrase, self.entries.len(), 0);
                    self.entries.push(DiscardEntry {
                        phrase,
                        scope,
                        provenance: sink.at(line.number),
                    });
                }
                None => sink.push(
                    line.number,
                    syntax("discard has no words; skipped", trimmed),
                ),
            }
        }
        self.index.finish();
    }

    /// Parses one discard file's bytes (UTF-8; bad bytes are reported).
    pub fn add_bytes(&mut self, file: &str, bytes: &[u8]) -> Vec<Diagnostic> {
        source::read_decoded(file, bytes, |text| ((), self.add_text(file, text))).1
    }

    /// Every entry, in load order.
    pub fn entries(&self) -> &[DiscardEntry] {
        &self.entries
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The first discard phrase found in `tokens` (a sentence's words), if
    /// any; story-level phrases are preferred over sentence-level ones.
    pub fn find<S: AsRef<str>>(&self, tokens: &[S]) -> Option<&DiscardEntry> {
        let mut found: Option<&DiscardEntry> = None;
        for start in 0..tokens.len() {
            let rest = tokens.get(start..).unwrap_or(&[]);
            let Some(first) = rest.first() else { break };
            let word = first.as_ref();
            // the first word is whole unless the phrase is one stem word
            let slots = self.index.candidates(word).iter();
            let stems = (1..word.len())
                .filter(|&i| word.is_char_boundary(i))
                .flat_map(|i| self.index.candidates(word.get(..i).unwrap_or("")).iter());
            for slot in slots.chain(stems) {
                let Some(entry) = self.entry(*slot) else {
                    continue;
                };
                if entry.matches_at(rest) {
                    if entry.scope == DiscardScope::Story {
                        return Some(entry);
                    }
                    found = found.or(Some(entry));
                }
            }
        }
        found
    }

    fn entry(&self, slot: Slot) -> Option<&DiscardEntry> {
        self.entries.get(slot.item as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(t: &str) -> Vec<&str> {
        t.split(' ').collect()
    }

    #[test]
    fn find_discards() {
        let mut d = DiscardDict::new();
        let diags = d.add_text(
            "d.txt",
            "AFRICAN NATIONS CUP # x\n+ACADEMY AWARD\nBATSMEN_\nBASEBALL\n+\n",
        );
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].line, 5);
        assert_eq!(d.len(), 4);
        assert_eq!(
            d.find(&s("the african nations cup began")).map(|e| e.scope),
            Some(DiscardScope::Sentence)
        );
        assert_eq!(
            d.find(&s("won an Academy Awards prize")).map(|e| e.scope),
            Some(DiscardScope::Story)
        );
        assert!(d.find(&s("two batsmen out")).is_some());
        assert!(d.find(&s("two batsmenx out")).is_none());
        assert!(d.find(&s("baseballs everywhere")).is_some());
        assert!(d.find(&s("nothing here")).is_none());
    }
}

//! Phrases (word sequences) and a first-word index for longest-match lookup.

use std::collections::HashMap;
use std::fmt;

/// How two neighbouring words of a [`Phrase`] were joined in the dictionary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Join {
    /// Joined by `_`: the words must be consecutive.
    Adjacent,
    /// Joined by a blank. In agent phrases this allows other words in
    /// between; PETRARCH treats it like `_` in actor phrases.
    Gap,
}

/// A dictionary phrase: upper-cased words and how they were joined, stored
/// as one string.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Phrase {
    /// The words, upper-cased, separated by single blanks.
    text: Box<str>,
    /// Bit `i` set: words `i` and `i + 1` were joined by a blank ([`Join::Gap`]).
    gaps: u64,
    /// The number of words.
    len: u32,
    /// The phrase ended with `_`.
    exact: bool,
}

impl Phrase {
    /// Parses a phrase written with blanks and/or underscores between words,
    /// e.g. `UNITED_STATES_` or `HAMAS WING`. Returns `None` when there is
    /// no word.
    pub fn parse(text: &str) -> Option<Phrase> {
        let text = text.trim();
        let exact = text.ends_with('_');
        let mut out = String::with_capacity(text.len());
        let mut gaps = 0u64;
        let mut len = 0u32;
        let mut pending: Option<Join> = None;
        let mut in_word = false;
        for c in text.chars() {
            let join = match c {
                '_' => Some(Join::Adjacent),
                c if c.is_whitespace() => Some(Join::Gap),
                _ => None,
            };
            match join {
                Some(j) => {
                    if in_word {
                        in_word = false;
                        pending = Some(j);
                    } else if pending == Some(Join::Gap) && j == Join::Adjacent {
                        pending = Some(j);
                    }
                }
                None => {
                    if !in_word {
                        if len > 0 {
                            out.push(' ');
                            if pending == Some(Join::Gap) && len <= 64 {
                                gaps |= 1 << (len - 1);
                            }
                        }
                        pending = None;
                        in_word = true;
                        len = len.saturating_add(1);
                    }
                    if c.is_lowercase() {
                        out.extend(c.to_uppercase());
                    } else {
                        out.push(c);
                    }
                }
            }
        }
        if len == 0 {
            return None;
        }
        Some(Phrase {
            text: out.into_boxed_str(),
            gaps,
            len,
            exact,
        })
    }

    /// A phrase of consecutive words.
    pub fn from_words<S: AsRef<str>>(words: &[S]) -> Phrase {
        let words: Vec<Box<str>> = words
            .iter()
            .map(|w| upper(w.as_ref().trim()))
            .filter(|w| !w.is_empty())
            .collect();
        Phrase {
            text: words.join(" ").into_boxed_str(),
            gaps: 0,
            len: u32::try_from(words.len()).unwrap_or(u32::MAX),
            exact: false,
        }
    }

    /// The words, upper-cased.
    pub fn words(&self) -> impl DoubleEndedIterator<Item = &str> + '_ {
        self.text.split(' ')
    }

    /// The words joined by single blanks, e.g. `UNITED STATES`.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// How words `i` and `i + 1` were joined (`Adjacent` past the end).
    pub fn join(&self, i: usize) -> Join {
        if i < 64 && self.gaps & (1 << i) != 0 {
            Join::Gap
        } else {
            Join::Adjacent
        }
    }

    /// Whether the phrase ended with `_`: in TABARI dictionaries this asks
    /// for the last word to match exactly rather than as a stem.
    pub fn exact(&self) -> bool {
        self.exact
    }

    /// The number of words.
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// Whether the phrase has no words (never true for a parsed phrase).
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whether the phrase's words equal `tokens` (case-insensitively, joins
    /// ignored).
    pub fn matches<S: AsRef<str>>(&self, tokens: &[S]) -> bool {
        self.len() == tokens.len()
            && self
                .words()
                .zip(tokens)
                .all(|(w, t)| same_word(w, t.as_ref()))
    }

    /// The same phrase with its last word replaced by `word` (upper-cased),
    /// not marked exact.
    pub fn with_last_word(&self, word: &str) -> Phrase {
        let head = match self.text.rfind(' ') {
            Some(i) => self.text.get(..=i).unwrap_or(""),
            None => "",
        };
        Phrase {
            text: format!("{head}{}", upper(word)).into_boxed_str(),
            gaps: self.gaps,
            len: self.len,
            exact: false,
        }
    }

    /// The words joined by single blanks, e.g. `UNITED STATES`.
    pub fn key(&self) -> String {
        self.text.to_string()
    }

    fn first(&self) -> &str {
        self.words().next().unwrap_or("")
    }
}

impl fmt::Display for Phrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, w) in self.words().enumerate() {
            if i > 0 {
                let sep = match self.join(i - 1) {
                    Join::Gap => " ",
                    Join::Adjacent => "_",
                };
                f.write_str(sep)?;
            }
            f.write_str(w)?;
        }
        if self.exact {
            f.write_str("_")?;
        }
        Ok(())
    }
}

pub(crate) fn upper(word: &str) -> Box<str> {
    if word.bytes().any(|b| b.is_ascii_lowercase()) || !word.is_ascii() {
        word.to_uppercase().into_boxed_str()
    } else {
        Box::from(word)
    }
}

/// Case-insensitive word equality; `dict` is already upper-case.
pub(crate) fn same_word(dict: &str, token: &str) -> bool {
    if token.is_ascii() {
        dict.eq_ignore_ascii_case(token)
    } else {
        *dict == *token.to_uppercase()
    }
}

/// One phrase reachable from the index: `(item, sub, length)`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Slot {
    pub(crate) item: u32,
    pub(crate) sub: u32,
    pub(crate) len: u32,
}

/// First-word index over phrases stored elsewhere; candidates for one first
/// word are kept longest first, then in load order.
#[derive(Clone, Debug, Default)]
pub(crate) struct PhraseIndex {
    by_first: HashMap<Box<str>, Vec<Slot>>,
    /// The longest first word, in bytes.
    longest_first: usize,
}

impl PhraseIndex {
    pub(crate) fn insert(&mut self, phrase: &Phrase, item: usize, sub: usize) {
        let first = phrase.first();
        let (false, Ok(item), Ok(sub), Ok(len)) = (
            first.is_empty(),
            u32::try_from(item),
            u32::try_from(sub),
            u32::try_from(phrase.len()),
        ) else {
            return;
        };
        let slot = Slot { item, sub, len };
        self.longest_first = self.longest_first.max(first.len());
        match self.by_first.get_mut(first) {
            Some(slots) => slots.push(slot),
            None => {
                self.by_first.insert(Box::from(first), vec![slot]);
            }
        }
    }

    /// Sorts candidate lists; call once after all inserts.
    pub(crate) fn finish(&mut self) {
        for slots in self.by_first.values_mut() {
            slots.sort_by(|a, b| b.len.cmp(&a.len).then(a.item.cmp(&b.item)));
        }
    }

    /// Candidates whose first word is `word`, longest first.
    pub(crate) fn candidates(&self, word: &str) -> &[Slot] {
        // upper-casing shrinks a word's bytes at most fourfold: a longer
        // word is no first word, and is not upper-cased on every lookup (a
        // 100 kB token took seconds)
        if word.len() > 4 * self.longest_first {
            return &[];
        }
        let found = if word.is_ascii() && !word.bytes().any(|b| b.is_ascii_lowercase()) {
            self.by_first.get(word)
        } else {
            self.by_first.get(&*upper(word))
        };
        found.map(Vec::as_slice).unwrap_or(&[])
    }

    /// The longest phrase that `tokens` starts with, resolved by `get`.
    pub(crate) fn longest<'d, S: AsRef<str>>(
        &self,
        tokens: &[S],
        get: impl Fn(Slot) -> Option<&'d Phrase>,
    ) -> Option<Slot> {
        let first = tokens.first()?;
        self.candidates(first.as_ref())
            .iter()
            .copied()
            .find(|slot| {
                let len = slot.len as usize;
                len <= tokens.len()
                    && tokens
                        .get(..len)
                        .is_some_and(|t| get(*slot).is_some_and(|p| p.matches(t)))
            })
    }

    /// Every phrase equal to `tokens`, in load order.
    pub(crate) fn exact<'d, S: AsRef<str>>(
        &self,
        tokens: &[S],
        get: impl Fn(Slot) -> Option<&'d Phrase>,
    ) -> Vec<Slot> {
        let Some(first) = tokens.first() else {
            return Vec::new();
        };
        let mut found: Vec<Slot> = self
            .candidates(first.as_ref())
            .iter()
            .copied()
            .filter(|slot| get(*slot).is_some_and(|p| p.matches(tokens)))
            .collect();
        found.sort_by_key(|s| (s.item, s.sub));
        found
    }
}

/// Splits a phrase given as one string (`"united states"`, `"UNITED_STATES"`)
/// into words.
pub(crate) fn split_words(text: &str) -> Vec<&str> {
    text.split(|c: char| c.is_whitespace() || c == '_')
        .filter(|w| !w.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_phrases() {
        let p = Phrase::parse("UNITED_STATES_").expect("test value");
        assert_eq!(p.key(), "UNITED STATES");
        assert!(p.exact());
        assert_eq!(p.join(0), Join::Adjacent);
        let p = Phrase::parse("  hamas  wing ").expect("test value");
        assert_eq!(p.key(), "HAMAS WING");
        assert!(!p.exact());
        assert_eq!(p.join(0), Join::Gap);
        assert_eq!(p.len(), 2);
        assert_eq!(p.to_string(), "HAMAS WING");
        assert!(Phrase::parse(" _ ").is_none());
        assert!(p.matches(&["Hamas", "WING"]));
        assert!(!p.matches(&["Hamas"]));
    }

    #[test]
    fn a_word_longer_than_any_first_word_has_no_candidates() {
        let p = Phrase::parse("hamas wing").expect("test value");
        let mut index = PhraseIndex::default();
        index.insert(&p, 0, 0);
        index.finish();
        assert_eq!(index.candidates("Hamas").len(), 1);
        assert_eq!(index.candidates("HAMAS").len(), 1);
        assert!(index.candidates(&"hamas".repeat(20)).is_empty());
        let get = |_: Slot| Some(&p);
        assert!(index.longest(&["hamas", "wing"], get).is_some());
        assert!(
            index
                .longest(&["x".repeat(100_000), "wing".into()], get)
                .is_none()
        );
    }
}

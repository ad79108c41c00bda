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

/// A dictionary phrase: upper-cased words and how they were joined.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Phrase {
    /// The words, upper-cased, e.g. `["UNITED", "STATES"]`.
    pub words: Vec<Box<str>>,
    /// `joins[i]` joins `words[i]` and `words[i + 1]`.
    pub joins: Vec<Join>,
    /// The phrase ended with `_`: in TABARI dictionaries this asks for the
    /// last word to match exactly rather than as a stem.
    pub exact: bool,
}

impl Phrase {
    /// Parses a phrase written with blanks and/or underscores between words,
    /// e.g. `UNITED_STATES_` or `HAMAS WING`. Returns `None` when there is
    /// no word.
    pub fn parse(text: &str) -> Option<Phrase> {
        let text = text.trim();
        let exact = text.ends_with('_');
        let mut words = Vec::new();
        let mut joins = Vec::new();
        let mut word = String::new();
        let mut pending: Option<Join> = None;
        for c in text.chars() {
            let join = match c {
                '_' => Some(Join::Adjacent),
                c if c.is_whitespace() => Some(Join::Gap),
                _ => None,
            };
            match join {
                Some(j) => {
                    if !word.is_empty() {
                        words.push(upper(&word));
                        word.clear();
                        pending = Some(j);
                    } else if pending == Some(Join::Gap) && j == Join::Adjacent {
                        pending = Some(j);
                    }
                }
                None => {
                    if let (Some(j), false) = (pending.take(), words.is_empty()) {
                        joins.push(j);
                    }
                    word.push(c);
                }
            }
        }
        if !word.is_empty() {
            words.push(upper(&word));
        }
        if words.is_empty() {
            return None;
        }
        joins.truncate(words.len().saturating_sub(1));
        Some(Phrase {
            words,
            joins,
            exact,
        })
    }

    /// A phrase of consecutive words.
    pub fn from_words<S: AsRef<str>>(words: &[S]) -> Phrase {
        let words: Vec<Box<str>> = words.iter().map(|w| upper(w.as_ref())).collect();
        let joins = vec![Join::Adjacent; words.len().saturating_sub(1)];
        Phrase {
            words,
            joins,
            exact: false,
        }
    }

    /// The number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether the phrase has no words (never true for a parsed phrase).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether the phrase's words equal `tokens` (case-insensitively, joins
    /// ignored).
    pub fn matches<S: AsRef<str>>(&self, tokens: &[S]) -> bool {
        self.words.len() == tokens.len()
            && self
                .words
                .iter()
                .zip(tokens)
                .all(|(w, t)| same_word(w, t.as_ref()))
    }

    /// The words joined by single blanks, e.g. `UNITED STATES`.
    pub fn key(&self) -> String {
        self.words.join(" ")
    }
}

impl fmt::Display for Phrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, w) in self.words.iter().enumerate() {
            if i > 0 {
                let sep = match self.joins.get(i - 1) {
                    Some(Join::Gap) => " ",
                    _ => "_",
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
}

impl PhraseIndex {
    pub(crate) fn insert(&mut self, phrase: &Phrase, item: usize, sub: usize) {
        let (Some(first), Ok(item), Ok(sub), Ok(len)) = (
            phrase.words.first(),
            u32::try_from(item),
            u32::try_from(sub),
            u32::try_from(phrase.len()),
        ) else {
            return;
        };
        self.by_first
            .entry(first.clone())
            .or_default()
            .push(Slot { item, sub, len });
    }

    /// Sorts candidate lists; call once after all inserts.
    pub(crate) fn finish(&mut self) {
        for slots in self.by_first.values_mut() {
            slots.sort_by(|a, b| b.len.cmp(&a.len).then(a.item.cmp(&b.item)));
        }
    }

    /// Candidates whose first word is `word`, longest first.
    pub(crate) fn candidates(&self, word: &str) -> &[Slot] {
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
        self.candidates(first.as_ref()).iter().copied().find(|slot| {
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
        let p = Phrase::parse("UNITED_STATES_").unwrap();
        assert_eq!(p.key(), "UNITED STATES");
        assert!(p.exact);
        assert_eq!(p.joins, vec![Join::Adjacent]);
        let p = Phrase::parse("  hamas  wing ").unwrap();
        assert_eq!(p.key(), "HAMAS WING");
        assert!(!p.exact);
        assert_eq!(p.joins, vec![Join::Gap]);
        assert_eq!(p.to_string(), "HAMAS WING");
        assert!(Phrase::parse(" _ ").is_none());
        assert!(p.matches(&["Hamas", "WING"]));
        assert!(!p.matches(&["Hamas"]));
    }
}

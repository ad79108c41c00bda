//! One name, one sense per document: a town the document names on its own
//! ("Dublin") is the same place where the name modifies another
//! capitalised word ("Dublin Arts Council", "Paris Library"), a position
//! that [`crate::Gazetteer::find_toponyms`] alone leaves out (there such a
//! word is usually part of a person's or an organisation's name).

use std::collections::HashSet;

use dyad_core::Sentence;

use crate::gazetteer::Gazetteer;
use crate::normalize;
use crate::toponym::Toponym;

/// Prepositions that make the name after them a place.
const LOCATIVE: &[&str] = &[
    "in",
    "at",
    "near",
    "from",
    "to",
    "into",
    "outside",
    "around",
    "across",
    "throughout",
    "toward",
    "towards",
    "through",
    "of",
];

/// The further mentions of the single-word toponyms of `found` (sentence
/// index, toponym) that follow a locative preposition somewhere, in
/// `sentences`: the same word, capitalised, not inside a
/// found toponym and not after another name word ("Mayor Dublin", "Ann
/// Paris"), at a word that is not one of `surnames`.
pub(crate) fn same_name_mentions(
    gazetteer: &Gazetteer,
    text: &str,
    sentences: &[Sentence],
    found: &[(usize, Toponym)],
    surnames: &HashSet<String>,
) -> Vec<(usize, Toponym)> {
    // Only names the document uses as a place somewhere: after a locative
    // preposition ("in Dublin", "from Gainesville"), not only at a
    // sentence's start where a person could stand ("Patrick worked").
    let names: HashSet<String> = found
        .iter()
        .filter(|(_, t)| t.end == t.first + 1 && !t.candidates.is_empty() && !t.is_adjectival())
        .filter(|(s, t)| {
            t.first
                .checked_sub(1)
                .and_then(|p| sentences.get(*s)?.tokens.get(p))
                .is_none_or(|p| LOCATIVE.contains(&crate::form(p, text).to_lowercase().as_str()))
        })
        .filter_map(|(_, t)| text.get(t.span.bytes()).map(normalize::key))
        .collect();
    let mut out = Vec::new();
    if names.is_empty() {
        return out;
    }
    for (s, sentence) in sentences.iter().enumerate() {
        let covered = |start: u32| {
            found
                .iter()
                .any(|(fs, t)| *fs == s && t.span.byte_start <= start && start < t.span.byte_end)
        };
        for (i, token) in sentence.tokens.iter().enumerate() {
            let word = crate::form(token, text);
            if !word.starts_with(char::is_uppercase) || !word.chars().any(char::is_lowercase) {
                continue;
            }
            let key = normalize::key(word);
            if !names.contains(&key) || surnames.contains(&key) || covered(token.span.byte_start) {
                continue;
            }
            let prev = i
                .checked_sub(1)
                .and_then(|p| sentence.tokens.get(p))
                .map_or("", |t| crate::form(t, text));
            if prev.starts_with(char::is_uppercase) && prev.chars().any(char::is_lowercase) {
                continue;
            }
            out.push((
                s,
                Toponym {
                    span: token.span,
                    first: i,
                    end: i + 1,
                    candidates: gazetteer.candidates_of_key(&key),
                },
            ));
        }
    }
    out
}

//! Places that are places: capitalised words that are gazetteer names but
//! that the document explains as something else.
//!
//! - calendar words: months, weekdays, holidays ("August", "Christmas");
//! - people: a single word that the document also writes as the last word
//!   of a person's name ("John Bolton" … "Bolton said"), or after a title
//!   ("Mr Rubio");
//! - whatever the caller's dictionaries explain ([`crate::ResolveContext`]'s
//!   `not_places`: actors, groups, organisations, persons).
//!
//! Only single-word names that are not countries, first-level divisions or
//! continents are dropped as people: "Georgia Smith" does not remove the
//! country Georgia from a story.

use std::collections::HashSet;

use dyad_core::{Sentence, Span};

use crate::date::WEEKDAYS;
use crate::gazetteer::{DEMONYM, Feature, Gazetteer, PLACE};
use crate::normalize;
use crate::toponym::Toponym;

/// Month names, holidays and other calendar words (normalised keys): never
/// a place when capitalised in running text.
pub(crate) const CALENDAR: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "christmas",
    "christmas eve",
    "christmas day",
    "new year",
    "new year's day",
    "new year's eve",
    "easter",
    "easter sunday",
    "good friday",
    "lent",
    "advent",
    "ramadan",
    "eid",
    "eid al-fitr",
    "eid al-adha",
    "ashura",
    "nowruz",
    "hajj",
    "passover",
    "hanukkah",
    "yom kippur",
    "rosh hashanah",
    "diwali",
    "thanksgiving",
    "halloween",
    "independence day",
    "memorial day",
    "labor day",
    "boxing day",
    "sabbath",
];

/// Titles before a surname ("Mr Bolton", "President Assad").
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sen",
    "senator",
    "rep",
    "gov",
    "governor",
    "gen",
    "general",
    "lt",
    "col",
    "colonel",
    "sgt",
    "capt",
    "captain",
    "major",
    "president",
    "judge",
    "officer",
    "deputy",
    "minister",
    "secretary",
    "ambassador",
    "prince",
    "king",
    "queen",
    "sheikh",
    "emir",
    "ayatollah",
    "imam",
    "pope",
    "chancellor",
    "premier",
    "envoy",
    "spokesman",
    "spokeswoman",
    "lord",
    "lady",
    "sir",
    "rev",
    "pastor",
    "father",
    "sister",
    "brother",
];

/// Capitalised words before a place name that make a longer place name,
/// not a person's ("Mount Sinjar", "Eastern Ghouta", "Camp Roj").
const PLACE_WORDS: &[&str] = &[
    "mount",
    "mt",
    "lake",
    "camp",
    "fort",
    "port",
    "cape",
    "gulf",
    "sea",
    "river",
    "al",
    "el",
    "st",
    "san",
    "santa",
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "greater",
    "upper",
    "lower",
    "new",
    "old",
    "little",
    "great",
    "outer",
    "inner",
    "downtown",
    "the",
    "in",
    "at",
    "of",
    "from",
    "to",
    "and",
    "for",
    "by",
    "on",
    "near",
    "into",
    "across",
    "but",
    "as",
    "when",
    "while",
    "if",
    "after",
    "before",
    "since",
    "during",
    "like",
    "with",
    "via",
    "both",
    "between",
    "throughout",
    "outside",
    "inside",
    "around",
];

/// Whether `word` starts with a capital and has a lower-case letter (a
/// name word, not an acronym).
fn is_name_word(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().any(char::is_lowercase)
        && word
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
}

/// Whether `word` is a middle initial ("M." or "M" before a split ".").
fn is_initial(word: &str) -> bool {
    let letters = word.trim_end_matches('.');
    letters.chars().count() == 1 && letters.chars().all(char::is_uppercase)
}

/// Capitalised words that open a sentence before a town's name but are
/// no given name ("Another Gainesville business", "Every Dublin school").
const DETERMINERS: &[&str] = &[
    "another", "every", "each", "this", "that", "these", "those", "some", "any", "no", "one",
    "many", "most", "several", "other", "our", "their", "his", "her", "its", "my", "your", "all",
    "a", "an", "what", "which", "whose", "such", "few", "both", "either", "neither",
];

/// Words after a name that make it a person's ("Bell said").
const SPEECH: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "explained",
    "wrote",
    "asked",
];

/// The keys of single words that `gazetteer` has as a place that is not a
/// country, first-level division or continent.
fn is_weak_place(gazetteer: &Gazetteer, key: &str) -> bool {
    let entries = gazetteer.lookup_key(key);
    !entries.is_empty()
        && !entries
            .iter()
            .filter_map(|&e| gazetteer.place(e & PLACE))
            .any(|p| {
                matches!(
                    p.feature,
                    Feature::Country | Feature::Admin1 | Feature::Continent
                )
            })
}

/// Whether `key` is any gazetteer name.
fn is_place(gazetteer: &Gazetteer, key: &str) -> bool {
    !gazetteer.lookup_key(key).is_empty()
}

/// Whether `key` names a country, first-level division or continent, or is
/// a demonym ("Kurdish Afrin" is not a person).
fn is_strong_or_demonym(gazetteer: &Gazetteer, key: &str) -> bool {
    gazetteer.lookup_key(key).iter().any(|&e| {
        e & DEMONYM != 0
            || gazetteer.place(e & PLACE).is_some_and(|p| {
                matches!(
                    p.feature,
                    Feature::Country | Feature::Admin1 | Feature::Continent
                )
            })
    })
}

/// The surnames of the people `sentences` name, as normalised keys: the
/// last word of "Given Surname" (two name words, the first not a country,
/// division, demonym or place word such as "Mount", the pair not a place
/// name) and a name word after a title
/// ("President Assad"). Only words that are weak places (towns) are kept:
/// they are the ones that could be mistaken for a place.
pub(crate) fn surnames(
    gazetteer: &Gazetteer,
    text: &str,
    sentences: &[Sentence],
) -> HashSet<String> {
    let mut out = HashSet::new();
    for sentence in sentences {
        let words: Vec<&str> = sentence
            .tokens
            .iter()
            .map(|t| crate::form(t, text))
            .collect();
        for i in 1..words.len() {
            let (prev, word) = (words[i - 1], words[i]);
            if !is_name_word(word) {
                continue;
            }
            let key = normalize::key(word);
            if !is_weak_place(gazetteer, &key) {
                continue;
            }
            let next = words.get(i + 1).copied().unwrap_or("");
            if is_name_word(next) {
                continue;
            }
            // "Tyrise M. Bell": a given name and an initial before it.
            let before_initial = match (prev, i.checked_sub(2).map(|p| words[p])) {
                (".", Some(initial)) if is_initial(initial) => i.checked_sub(3).map(|p| words[p]),
                (initial, before) if is_initial(initial) && initial.ends_with('.') => before,
                _ => None,
            };
            if before_initial.is_some_and(is_name_word) || SPEECH.contains(&next) {
                out.insert(key);
                continue;
            }
            let prev_key = normalize::key(prev.trim_end_matches('.'));
            let titled = TITLES.contains(&prev_key.as_str());
            // A tagger's reading, when there is one, says whether the word
            // before is a name ("Another Gainesville business" is not).
            let prev_upos = sentence.analysis.get(i - 1).map(|a| a.upos.as_str());
            let given = is_name_word(prev)
                && prev_upos.is_none_or(|u| u == "PROPN")
                && !DETERMINERS.contains(&prev_key.as_str())
                && !PLACE_WORDS.contains(&prev_key.as_str())
                && !CALENDAR.contains(&prev_key.as_str())
                && !WEEKDAYS.contains(&prev_key.as_str())
                && !is_strong_or_demonym(gazetteer, &prev_key)
                && !is_place(gazetteer, &format!("{prev_key} {key}"));
            if titled || given {
                out.insert(key);
            }
        }
    }
    out
}

/// Whether a toponym is explained as something other than a place: a
/// calendar word, one of `surnames` (single weak words only), or inside
/// one of `not_places` (byte spans).
pub(crate) fn explained(
    gazetteer: &Gazetteer,
    toponym: &Toponym,
    text: &str,
    surnames: &HashSet<String>,
    not_places: &[Span],
) -> bool {
    let key = text
        .get(toponym.span.bytes())
        .map(normalize::key)
        .unwrap_or_default();
    if CALENDAR.contains(&key.as_str()) {
        return true;
    }
    if toponym.end - toponym.first == 1 && surnames.contains(&key) && is_weak_place(gazetteer, &key)
    {
        return true;
    }
    not_places
        .iter()
        .any(|s| s.byte_start <= toponym.span.byte_start && toponym.span.byte_end <= s.byte_end)
}

#[cfg(test)]
mod tests {
    use std::sync::OnceLock;

    use dyad_core::{BlockKind, DocumentBuilder};

    use super::*;
    use crate::ResolveContext;
    use crate::locate::DocumentPlaces;

    fn gazetteer() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(Gazetteer::builtin)
    }

    /// The texts of the toponyms kept in `text` with `not_places` given as
    /// (start, end) of substrings.
    fn kept(text: &str, not_places: &[&str]) -> Vec<String> {
        let mut builder = DocumentBuilder::new("t");
        builder.push_block(BlockKind::Body, text);
        let mut doc = builder.finish();
        dyad_text::Segmenter::new().segment(&mut doc);
        let spans: Vec<Span> = not_places
            .iter()
            .filter_map(|needle| {
                let start = doc.text.find(needle)?;
                let end = start + needle.len();
                Some(Span {
                    byte_start: start as u32,
                    byte_end: end as u32,
                    char_start: doc.text[..start].chars().count() as u32,
                    char_end: doc.text[..end].chars().count() as u32,
                })
            })
            .collect();
        let context = ResolveContext {
            not_places: &spans,
            ..ResolveContext::default()
        };
        let places = DocumentPlaces::new(gazetteer(), &doc, &context);
        places
            .mentions()
            .iter()
            .map(|(_, t, _)| doc.text[t.span.bytes()].to_string())
            .collect()
    }

    #[test]
    fn months_and_holidays_are_not_places() {
        let found = kept(
            "In August the fighting resumed in Aleppo. By Christmas it had reached Idlib.",
            &[],
        );
        assert_eq!(found, ["Aleppo", "Idlib"]);
    }

    #[test]
    fn a_surname_is_not_a_place_anywhere_in_the_story() {
        let found = kept(
            "John Bolton arrived in Ankara. Bolton met officials. Later Mr Rubio spoke. \
             Rubio left for Damascus.",
            &[],
        );
        assert_eq!(found, ["Ankara", "Damascus"]);
    }

    #[test]
    fn a_person_named_like_a_country_keeps_the_country() {
        let found = kept("Tom Georgia spoke. Tensions rose in Georgia.", &[]);
        assert_eq!(
            found.last().map(String::as_str),
            Some("Georgia"),
            "{found:?}"
        );
    }

    #[test]
    fn place_words_before_a_name_do_not_make_a_person() {
        let mut builder = DocumentBuilder::new("t");
        builder.push_block(
            BlockKind::Body,
            "Fighting in Eastern Ghouta, near Mount Sinjar and in Camp Roj went on.",
        );
        let mut doc = builder.finish();
        dyad_text::Segmenter::new().segment(&mut doc);
        let found = surnames(gazetteer(), &doc.text, &doc.sentences);
        assert!(found.is_empty(), "{found:?}");
        assert_eq!(
            kept(&doc.text, &[]).first().map(String::as_str),
            Some("Eastern Ghouta")
        );
    }

    #[test]
    fn dictionary_actors_are_not_places() {
        let text = "Nato warned Shabab fighters. Troops moved to Mogadishu.";
        assert_eq!(kept(text, &["Nato", "Shabab"]), ["Mogadishu"]);
    }
}

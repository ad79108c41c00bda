//! Toponym recognition: gazetteer lookup over capitalised token sequences,
//! minus common words and person names (resolution is in `resolve.rs`).

use dyad_core::{Analysis, Span, Token};

use crate::date::WEEKDAYS;
use crate::gazetteer::{ALTERNATE, DEMONYM, Feature, Gazetteer, PLACE, Place};
use crate::normalize;
use crate::source::SourceProfile;

/// A place name found in a sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Toponym {
    /// Where the name is in the document's text.
    pub span: Span,
    /// The sentence tokens the name covers, `first..end`.
    pub first: usize,
    /// One past the last token.
    pub end: usize,
    /// The gazetteer places the name may denote, best prior first.
    pub candidates: Vec<Candidate>,
}

impl Toponym {
    /// Whether the name is a demonym or adjective ("Iraqi", "Russians")
    /// rather than the place's name.
    pub fn is_adjectival(&self) -> bool {
        !self.candidates.is_empty() && self.candidates.iter().all(|c| c.demonym)
    }
}

/// One place a toponym may denote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// Index of the place in the gazetteer ([`Gazetteer::place`]).
    pub place: u32,
    /// Matched through an alternate name, not the preferred one.
    pub alternate: bool,
    /// Matched through a demonym ("Iraqi").
    pub demonym: bool,
}

/// What resolution may use beyond the toponyms themselves.
#[derive(Clone, Copy, Debug, Default)]
pub struct ResolveContext<'a> {
    /// ISO-3 countries of the event's actors ("IRQ", "IRN").
    pub actor_countries: &'a [&'a str],
    /// Byte spans of the text that are explained as something other than
    /// a place (actors, groups, organisations or people that the caller's
    /// dictionaries name: "Nato", "Shabab", "Rubio"); a toponym inside one
    /// is dropped by [`crate::DocumentPlaces::new`].
    pub not_places: &'a [dyad_core::Span],
    /// The home region of the document's source, learnt from its other
    /// documents ([`SourceProfile::from_documents`]), when known.
    pub home: Option<&'a SourceProfile>,
}

/// Single words that are place names but far more often something else
/// when capitalised (sentence starts, titles, organisations, surnames);
/// the weekday names of [`WEEKDAYS`] count too.
const STOP: &[&str] = &[
    "a",
    "about",
    "after",
    "all",
    "along",
    "also",
    "an",
    "and",
    "as",
    "at",
    "back",
    "bad",
    "bath",
    "beach",
    "best",
    "big",
    "bay",
    "but",
    "by",
    "can",
    "center",
    "central",
    "chance",
    "church",
    "city",
    "college",
    "come",
    "commerce",
    "congress",
    "council",
    "county",
    "court",
    "date",
    "day",
    "deal",
    "early",
    "east",
    "eagle",
    "energy",
    "enterprise",
    "even",
    "fair",
    "faith",
    "federal",
    "fire",
    "for",
    "friendship",
    "from",
    "general",
    "golden",
    "good",
    "grand",
    "green",
    "guard",
    "harmony",
    "he",
    "her",
    "him",
    "his",
    "home",
    "hope",
    "house",
    "i",
    "if",
    "in",
    "independence",
    "industry",
    "is",
    "it",
    "its",
    "just",
    "justice",
    "king",
    "lake",
    "liberty",
    "lincoln",
    "long",
    "love",
    "magnolia",
    "main",
    "march",
    "may",
    "media",
    "mercy",
    "mobile",
    "more",
    "mount",
    "national",
    "new",
    "news",
    "nice",
    "no",
    "north",
    "not",
    "now",
    "of",
    "on",
    "one",
    "or",
    "orange",
    "our",
    "park",
    "peace",
    "people",
    "police",
    "post",
    "president",
    "progress",
    "reading",
    "republic",
    "river",
    "rock",
    "royal",
    "sale",
    "school",
    "she",
    "so",
    "south",
    "split",
    "spring",
    "star",
    "state",
    "story",
    "street",
    "sweet",
    "that",
    "the",
    "their",
    "there",
    "they",
    "this",
    "to",
    "today",
    "union",
    "unity",
    "university",
    "up",
    "valley",
    "victoria",
    "view",
    "village",
    "we",
    "west",
    "when",
    "white",
    "why",
    "will",
    "with",
    "you",
    "young",
    "your",
    "man",
    "mission",
    "obama",
    "bush",
    "clinton",
    "jackson",
    "henry",
    "franklin",
    "hamilton",
    "madison",
    "monroe",
    "marion",
    "warren",
    "wayne",
    "grant",
    "lee",
    "taylor",
    "mayor",
    "sheriff",
    "office",
    "department",
    "board",
    "bill",
    "power",
    "supreme",
    "leader",
    "federal",
    "global",
    "trinity",
    "paradise",
    "surprise",
    "buffalo",
    // Generic names of first-level divisions ("Eastern Province" →
    // "Eastern", Nigeria's "Delta", Cameroon's "Centre").
    "eastern",
    "western",
    "northern",
    "southern",
    "capital",
    "centre",
    "coast",
    "islands",
    "interior",
    "upper",
    "lower",
    "middle",
    "littoral",
    "lakes",
    "highlands",
    "plateau",
    "delta",
    "nord",
    "sud",
    "est",
    "ouest",
    "centro",
    "norte",
    "sur",
    "oriental",
    "occidental",
    "distrito federal",
];

/// Words before a capitalised name that make it a person's name.
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "dr",
    "sen",
    "rep",
    "gov",
    "gen",
    "lt",
    "col",
    "sgt",
    "capt",
    "president",
    "judge",
    "officer",
    "deputy",
    "coach",
    "pastor",
    "rev",
    "father",
    "sister",
    "brother",
    "st",
    "saint",
];

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Words that may sit inside a multi-word name in lower case.
fn is_connector(word: &str) -> bool {
    matches!(
        word,
        "of" | "de"
            | "del"
            | "la"
            | "le"
            | "du"
            | "des"
            | "el"
            | "al"
            | "upon"
            | "on"
            | "and"
            | "am"
            | "an"
            | "der"
            | "do"
            | "da"
            | "dos"
            | "das"
            | "-"
            | ","
            | "'s"
            | "the"
    )
}

impl Gazetteer {
    /// The place names in one sentence: the longest capitalised token
    /// sequences that are gazetteer names, minus common-word and
    /// person-name hits. `analysis` (one entry per token, or empty) helps:
    /// a single word that is not tagged `PROPN` is only a place when it is
    /// a country, a US state or a continent.
    pub fn find_toponyms(
        &self,
        text: &str,
        tokens: &[Token],
        analysis: &[Analysis],
    ) -> Vec<Toponym> {
        let words: Vec<&str> = tokens.iter().map(|t| crate::form(t, text)).collect();
        let tagged = analysis.len() == tokens.len();
        let max_words = self.max_words().min(6);
        let mut out = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let word = words[i];
            if !is_capitalised(word) {
                i += 1;
                continue;
            }
            let mut found = None;
            for n in (1..=max_words.min(tokens.len() - i)).rev() {
                let last = words[i + n - 1];
                if !is_capitalised(last)
                    || (n > 1
                        && !words[i..i + n]
                            .iter()
                            .all(|w| is_capitalised(w) || is_connector(w) || *w == "."))
                {
                    continue;
                }
                let span = tokens[i].span.cover(&tokens[i + n - 1].span);
                let Some(surface) = text.get(span.bytes()) else {
                    continue;
                };
                let key = normalize::key(surface);
                let candidates = self.entries_of_key(&key);
                if candidates.is_empty() {
                    continue;
                }
                found = Some((n, span, key, candidates));
                break;
            }
            let Some((n, span, key, candidates)) = found else {
                i += 1;
                continue;
            };
            let strong = candidates
                .iter()
                .filter_map(|&c| self.place(c & PLACE))
                .any(is_strong);
            if n == 1
                && (!self.keep_single(&words, i, &key, strong, tagged.then_some(analysis))
                    || (self.only_villages(&candidates) && !place_cue(&words, i)))
            {
                i += 1;
                continue;
            }
            // A longer capitalised name ends with a place name ("Operation
            // Olive Branch", "President George Washington").
            if n > 1 && !strong && ends_longer_name(&words, i) {
                i += n;
                continue;
            }
            // An abbreviation ("La.", "Calif.") only after "City,".
            if key.ends_with('.')
                && !key[..key.len() - 1].contains('.')
                && !(i >= 2 && words[i - 1] == "," && is_capitalised(words[i - 2]))
            {
                i += 1;
                continue;
            }
            let candidates = self.candidates_of_key(&key);
            out.push(Toponym {
                span,
                first: i,
                end: i + n,
                candidates,
            });
            i += n;
        }
        out
    }

    /// The index entries of a normalised name: its gazetteer places, else
    /// those of a name derived from one ("South Ossetians", "Hamilton
    /// Township").
    fn entries_of_key(&self, key: &str) -> std::borrow::Cow<'_, [u32]> {
        match self.lookup_key(key) {
            [] => std::borrow::Cow::Owned(crate::derived::derived(self, key)),
            entries => std::borrow::Cow::Borrowed(entries),
        }
    }

    /// The candidates of a normalised name, best prior first.
    pub(crate) fn candidates_of_key(&self, key: &str) -> Vec<Candidate> {
        let mut candidates: Vec<Candidate> = self
            .entries_of_key(key)
            .iter()
            .map(|&e| Candidate {
                place: e & PLACE,
                alternate: e & ALTERNATE != 0,
                demonym: e & DEMONYM != 0,
            })
            .collect();
        candidates.sort_by(|a, b| {
            self.candidate_prior(b)
                .total_cmp(&self.candidate_prior(a))
                .then(a.place.cmp(&b.place))
        });
        candidates
    }

    /// Whether every place of `entries` is a village (a town of fewer than
    /// [`VILLAGE`] people): a one-word name of villages only ("Omar",
    /// "Front", "War") is far more often something else.
    fn only_villages(&self, entries: &[u32]) -> bool {
        entries.iter().all(|&e| {
            self.place(e & PLACE)
                .is_some_and(|p| p.feature == Feature::City && p.population < VILLAGE)
        })
    }

    /// Whether a one-word match at `i` is kept.
    fn keep_single(
        &self,
        words: &[&str],
        i: usize,
        key: &str,
        strong: bool,
        analysis: Option<&[Analysis]>,
    ) -> bool {
        let word = words[i];
        if key.len() < 3 && !word.contains('.') && word != "UK" && word != "US" {
            return false;
        }
        if STOP.contains(&key) || WEEKDAYS.contains(&key) {
            return false;
        }
        // All capitals: a heading or an acronym, not a name (except "U.S."),
        // unless it is a dateline ("BEIRUT -- ...", "WINONA, Minn. --").
        if word.chars().filter(|c| c.is_alphabetic()).count() > 3
            && !word.chars().any(char::is_lowercase)
            && !is_dateline(words, i)
        {
            return false;
        }
        if let Some(analysis) = analysis {
            let upos = analysis.get(i).map(|a| a.upos.as_str()).unwrap_or("");
            if upos != "PROPN" && !strong {
                return false;
            }
        }
        if strong {
            return true;
        }
        // Part of a longer capitalised name ("Raquel Henry", "Henry Ford").
        let prev = if i > 0 { words[i - 1] } else { "" };
        let prev_lower = prev.trim_end_matches('.').to_lowercase();
        if TITLES.contains(&prev_lower.as_str()) {
            return false;
        }
        let sentence_start = i == 0 || matches!(prev, "\"" | "“" | "(" | "'" | "‘" | "-" | "—");
        if !sentence_start && is_capitalised(prev) && !is_preposition_like(&prev_lower) {
            return false;
        }
        let next = words.get(i + 1).copied().unwrap_or("");
        if matches!(
            next,
            "said" | "says" | "told" | "added" | "explained" | "wrote"
        ) {
            return false;
        }
        // Followed by another capitalised word: an organisation, title or
        // person ("Supreme Leader", "Henry Ford"); by a middle initial
        // ("Michael R. Pannell") or an ampersand ("Stevens & Wilkinson").
        let initial = next.trim_end_matches('.');
        if (is_capitalised(next) && next.chars().any(char::is_lowercase))
            || (initial.chars().count() == 1 && is_capitalised(initial))
            || next == "&"
            || prev == "&"
        {
            return false;
        }
        true
    }
}

/// Towns smaller than this are villages ([`Gazetteer::only_villages`]).
const VILLAGE: u64 = 1_000;

/// Whether the words around `i` say that it names a place: a locative
/// preposition before it ("in Harwinton", "near Winside"), a state or
/// country after a comma ("Winside, Neb."), or a dateline.
fn place_cue(words: &[&str], i: usize) -> bool {
    let before = i
        .checked_sub(1)
        .and_then(|b| words.get(b))
        .map(|w| w.to_lowercase());
    matches!(
        before.as_deref(),
        Some("in" | "at" | "near" | "from" | "outside" | "of" | "to" | "into" | "around")
    ) || (words.get(i + 1) == Some(&",") && words.get(i + 2).is_some_and(|w| is_capitalised(w)))
        || is_dateline(words, i)
}

/// Whether the word at `i` opens its sentence and is followed by a
/// dateline's dash, colon, comma or parenthesis ("BEIRUT --", "CHARLESTON,
/// W.Va. --", "GAZA (Reuters)").
fn is_dateline(words: &[&str], i: usize) -> bool {
    i == 0
        && words
            .get(1)
            .is_some_and(|w| matches!(*w, "--" | "-" | "—" | "–" | ":" | "," | "("))
}

/// Whether the word before `i` is a capitalised name word (not a
/// preposition, direction or common word), so that the name at `i` ends a
/// longer name.
fn ends_longer_name(words: &[&str], i: usize) -> bool {
    let Some(prev) = i.checked_sub(1).and_then(|p| words.get(p)) else {
        return false;
    };
    let prev_lower = prev.to_lowercase();
    is_capitalised(prev)
        && prev.chars().any(char::is_lowercase)
        && !is_preposition_like(&prev_lower)
        && !STOP.contains(&prev_lower.as_str())
}

/// Whether a place is well known enough for its name alone to be a
/// toponym wherever it appears: a country, continent or region, a US
/// state, or another first-level division of 500,000 people or more
/// (not the Isle of Man's parish "Michael").
pub(crate) fn is_strong(place: &Place) -> bool {
    match place.feature {
        Feature::Country | Feature::Continent | Feature::Region => true,
        Feature::Admin1 => &*place.country == "USA" || place.population >= 500_000,
        Feature::City | Feature::Admin2 => false,
    }
}

fn is_preposition_like(word: &str) -> bool {
    matches!(
        word,
        "in" | "at"
            | "near"
            | "from"
            | "to"
            | "of"
            | "the"
            | "and"
            | "for"
            | "on"
            | "by"
            | "with"
            | "into"
            | "outside"
            | "across"
            | "throughout"
            | "around"
            | "between"
            | "via"
            | "toward"
            | "towards"
            | "through"
            | "about"
            | "over"
            | "both"
            | "downtown"
            | "north"
            | "south"
            | "east"
            | "west"
            | "northern"
            | "southern"
            | "eastern"
            | "western"
            | "central"
            | "rural"
            | "greater"
            | "metro"
            | "while"
            | "since"
            | "like"
    )
}

#[cfg(test)]
#[path = "toponym_tests.rs"]
mod tests;

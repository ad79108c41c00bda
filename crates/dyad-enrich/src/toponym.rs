//! Toponym recognition (gazetteer lookup over capitalised token sequences)
//! and resolution (population and feature priors, "City, State" patterns,
//! the document's other places and the event's actor countries).

use dyad_core::{Analysis, Span, Token};

use crate::date::WEEKDAYS;
use crate::doc_context::{ACTOR_WEIGHT, DocContext, HOME_WEIGHT, ROUNDS};
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
                let candidates = self.lookup_key(&key);
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
            if n == 1 && !self.keep_single(&words, i, &key, strong, tagged.then_some(analysis)) {
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

    /// The candidates of a normalised name, best prior first.
    pub(crate) fn candidates_of_key(&self, key: &str) -> Vec<Candidate> {
        let mut candidates: Vec<Candidate> = self
            .lookup_key(key)
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

    /// The prior of a candidate: the place's prior, less for a match
    /// through an alternate name.
    fn candidate_prior(&self, candidate: &Candidate) -> f64 {
        let preferred = if candidate.alternate {
            -4.0
        } else {
            PREFERRED
                .iter()
                .find(|(id, _)| self.place(candidate.place).is_some_and(|p| p.id == *id))
                .map_or(0.0, |(_, bonus)| *bonus)
        };
        prior_of(self.place(candidate.place)) + preferred
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

    /// Chooses one place for each toponym of a document (`None` when a
    /// toponym has no candidate): first by prior and "City, State"
    /// patterns, then again with the document's countries and states and
    /// the actors' countries as context.
    pub fn resolve(
        &self,
        toponyms: &[Toponym],
        text: &str,
        context: &ResolveContext<'_>,
    ) -> Vec<Option<u32>> {
        // Pass 1: priors and adjacent qualifiers.
        let qualifiers: Vec<Option<usize>> = (0..toponyms.len())
            .map(|k| qualifier_of(toponyms, k, text))
            .collect();
        let first: Vec<Option<u32>> = toponyms
            .iter()
            .enumerate()
            .map(|(k, t)| self.best(t, k, toponyms, &qualifiers, None, context))
            .collect();
        let mut doc = DocContext::new(self, toponyms, text);
        let mut chosen = first;
        // Each round re-reads the document with the previous round's
        // choices, so that one early wrong pick does not stay the evidence.
        for _ in 0..ROUNDS {
            doc.clear();
            for (k, c) in chosen.iter().enumerate() {
                if let Some(place) = c.and_then(|c| self.place(c)) {
                    doc.add(k, place, self.admin1(place));
                }
            }
            chosen = toponyms
                .iter()
                .enumerate()
                .map(|(k, t)| self.best(t, k, toponyms, &qualifiers, Some(&doc), context))
                .collect();
        }
        chosen
    }

    fn best(
        &self,
        toponym: &Toponym,
        k: usize,
        toponyms: &[Toponym],
        qualifiers: &[Option<usize>],
        doc: Option<&DocContext>,
        context: &ResolveContext<'_>,
    ) -> Option<u32> {
        let qualifier = qualifiers
            .get(k)
            .copied()
            .flatten()
            .and_then(|q| toponyms.get(q));
        // The toponym this one qualifies ("Seattle" of "Seattle, Washington").
        let qualified = k
            .checked_sub(1)
            .filter(|&before| qualifiers.get(before).copied().flatten() == Some(k))
            .and_then(|before| toponyms.get(before));
        let fits = |outer: &Toponym, inner: &Place, outer_is_qualifier: bool| {
            outer
                .candidates
                .iter()
                .filter_map(|oc| self.place(oc.place))
                .any(|op| {
                    if outer_is_qualifier {
                        self.contains(op, inner)
                    } else {
                        self.contains(inner, op)
                    }
                })
        };
        toponym
            .candidates
            .iter()
            .filter_map(|c| self.place(c.place).map(|p| (c, p)))
            .map(|(c, p)| {
                let mut score = self.candidate_prior(c);
                if qualifier.is_some_and(|q| fits(q, p, true))
                    || qualified.is_some_and(|q| fits(q, p, false))
                {
                    score += 20.0;
                }
                if context.actor_countries.contains(&&*p.country) {
                    score += ACTOR_WEIGHT;
                }
                if let Some(home) = context.home {
                    score += HOME_WEIGHT * home.share(self, p);
                }
                if let Some(doc) = doc {
                    score += doc.score(k, p, self.admin1(p));
                }
                (c.place, score)
            })
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|(c, _)| c)
    }
}

impl Gazetteer {
    /// Whether `outer` (a country or first-level division) contains
    /// `inner`.
    fn contains(&self, outer: &Place, inner: &Place) -> bool {
        match outer.feature {
            Feature::Country => outer.country == inner.country && inner.feature != Feature::Country,
            Feature::Admin1 => {
                outer.country == inner.country
                    && inner.feature != Feature::Admin1
                    && self.admin1(outer).is_some()
                    && self.admin1(outer) == self.admin1(inner)
            }
            _ => false,
        }
    }
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
fn is_strong(place: &Place) -> bool {
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

/// Places that news usually means by a name despite a namesake with a
/// larger prior, with their prior bonus (GeoNames id): "Washington" is the
/// capital, not the state, unless a qualifier ("Seattle, Washington") or
/// several other places of the state say otherwise.
const PREFERRED: &[(u32, f64)] = &[(4_140_963, 9.0)];

/// The prior score of a place: log population plus a bonus for countries,
/// states and continents.
pub(crate) fn prior_of(place: Option<&Place>) -> f64 {
    let Some(place) = place else {
        return f64::MIN;
    };
    let feature = match place.feature {
        Feature::Continent => 12.0,
        Feature::Region => 11.0,
        Feature::Country => 10.0,
        Feature::Admin1 => 6.0,
        Feature::Admin2 => 9.0,
        Feature::City => 0.0,
    };
    ((place.population as f64) + 10.0).ln()
        + feature
        + FAME_WEIGHT * (f64::from(place.names) + 1.0).ln()
}

/// Weight of the log number of a place's alternate names in its prior:
/// the well-known namesake ("Geneva", "Vienna", "Damascus") wins over
/// small towns of the same name unless the document says otherwise.
const FAME_WEIGHT: f64 = 1.5;

/// The toponym right after `k` separated by a comma ("Alexandria, La."),
/// when it can qualify it (a country or a state).
fn qualifier_of(toponyms: &[Toponym], k: usize, text: &str) -> Option<usize> {
    let this = toponyms.get(k)?;
    let next = toponyms.get(k + 1)?;
    let between = text.get(this.span.byte_end as usize..next.span.byte_start as usize)?;
    (between.trim() == ",").then_some(k + 1)
}

#[cfg(test)]
#[path = "toponym_tests.rs"]
mod tests;

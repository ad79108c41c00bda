//! Per-event location: the place of the event's clause ("attacked … in
//! Baghdad"), else of its sentence, else of the sentence before in the same
//! paragraph, else the document's main place when no actor country of the
//! event contradicts it.

use dyad_core::{Analysis, BlockKind, Document, Span};

use crate::gazetteer::{Feature, Gazetteer, Place, distance_km};
use crate::toponym::{ResolveContext, Toponym};

/// An event's location, with the fields of the record's `location` object.
#[derive(Clone, Debug, PartialEq)]
pub struct Location {
    /// The text of the mention the location comes from.
    pub text: String,
    /// Where that mention is.
    pub span: dyad_core::Span,
    /// The gazetteer's name of the place.
    pub name: String,
    /// ISO 3166-1 alpha-3 country code, `None` for a continent or a sea.
    pub country: Option<String>,
    /// First-level division, when known.
    pub admin1: Option<String>,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Kind of place.
    pub feature: Feature,
    /// `geonames:ID`, `fips:CODE` or `dyad:ID`.
    pub gazetteer_id: String,
    /// How the location was chosen.
    pub basis: LocationBasis,
}

/// Where an event's location comes from (the record's `location.source`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LocationBasis {
    /// A place of the event's own clause ("attacked … in Baghdad").
    Clause,
    /// A place elsewhere in the event's sentence.
    Sentence,
    /// A place in the sentence before, in the same paragraph ("a meeting
    /// held in Baghdad. … Soleimani arrived by helicopter").
    PreviousSentence,
    /// The document's main place (dateline, else most mentioned).
    Document,
}

impl LocationBasis {
    /// The record's `location.source` value: `clause`, `sentence`,
    /// `previous_sentence` or `document`.
    pub fn as_str(&self) -> &'static str {
        match self {
            LocationBasis::Clause => "clause",
            LocationBasis::Sentence => "sentence",
            LocationBasis::PreviousSentence => "previous_sentence",
            LocationBasis::Document => "document",
        }
    }
}

/// What is known of one event when locating it.
#[derive(Clone, Copy, Debug, Default)]
pub struct EventQuery<'a> {
    /// The event's sentence.
    pub sentence_index: usize,
    /// The event's verb (token index in the sentence).
    pub verb: usize,
    /// Where the event's source actor is written (and any other span that
    /// cannot be its place): a place name that is the event's source
    /// ("Turkey attacked Afrin") is not its place. A target may be ("the
    /// US will withdraw from Syria").
    pub actor_spans: &'a [Span],
    /// The ISO-3 countries of the event's source and target (those known):
    /// when both are known and neither is the document's main place's
    /// country, that place is not the event's.
    pub actor_countries: &'a [&'a str],
}

/// Dependency relations that open a new clause below the event's verb.
const CLAUSAL: &[&str] = &[
    "ccomp",
    "advcl",
    "acl",
    "acl:relcl",
    "parataxis",
    "csubj",
    "csubj:pass",
];

/// A resolved toponym: (sentence index, toponym, chosen place).
type Mention = (usize, Toponym, Option<u32>);

/// The toponyms of a whole document, each with its sentence and resolved
/// place; build once per document and ask [`DocumentPlaces::locate_query`]
/// for each event.
#[derive(Clone, Debug)]
pub struct DocumentPlaces<'g> {
    gazetteer: &'g Gazetteer,
    /// (sentence index, toponym, chosen place).
    mentions: Vec<(usize, Toponym, Option<u32>)>,
}

impl<'g> DocumentPlaces<'g> {
    /// Finds and resolves the toponyms of `doc`, with `context` (the actors'
    /// countries, the spans that are not places, the source's home region)
    /// as a prior. Calendar words, the surnames the document uses and
    /// `context.not_places` are not toponyms; a town inside a street or
    /// road name ("Dublin Road") is the street's (a mention without a
    /// place); a name the document uses as a place is one also where it
    /// modifies another capitalised word ("Dublin Arts Council").
    pub fn new(
        gazetteer: &'g Gazetteer,
        doc: &Document,
        context: &ResolveContext<'_>,
    ) -> DocumentPlaces<'g> {
        let found = crate::detect::document_toponyms(gazetteer, doc, context.not_places);
        let toponyms: Vec<Toponym> = found.iter().map(|(_, t)| t.clone()).collect();
        let chosen = gazetteer.resolve(&toponyms, &doc.text, context);
        let mentions = found
            .into_iter()
            .zip(chosen)
            .map(|((s, t), c)| (s, t, c))
            .collect();
        DocumentPlaces {
            gazetteer,
            mentions,
        }
    }

    /// The resolved toponyms: (sentence index, toponym, place index).
    pub fn mentions(&self) -> &[(usize, Toponym, Option<u32>)] {
        &self.mentions
    }

    /// The location of the event whose verb is token `verb` of sentence
    /// `sentence_index`, knowing nothing of its actors.
    pub fn locate(&self, doc: &Document, sentence_index: usize, verb: usize) -> Option<Location> {
        self.locate_query(
            doc,
            &EventQuery {
                sentence_index,
                verb,
                ..EventQuery::default()
            },
        )
    }

    /// The location of one event: the place of its clause, else of its
    /// sentence (one with a locative preposition first, then the nearest
    /// the verb, then the most specific), else of the
    /// sentence before in the same paragraph, else the document's main
    /// place unless both actors are of other countries. Place
    /// names that are the event's actors or modifiers ("US-backed", "Syria's
    /// army") are not its place.
    pub fn locate_query(&self, doc: &Document, query: &EventQuery<'_>) -> Option<Location> {
        let s = query.sentence_index;
        let analysis = doc
            .sentences
            .get(s)
            .map(|sentence| sentence.analysis.as_slice())
            .unwrap_or(&[]);
        let in_sentence: Vec<&Mention> = self
            .mentions
            .iter()
            .filter(|m| m.0 == s && self.usable(doc, m) && !is_actor(m, query.actor_spans))
            .collect();
        let in_clause: Vec<&Mention> = in_sentence
            .iter()
            .copied()
            .filter(|m| in_clause(analysis, query.verb, &m.1))
            .collect();
        let words: Vec<&str> = doc
            .sentences
            .get(s)
            .map(|sentence| {
                sentence
                    .tokens
                    .iter()
                    .map(|t| crate::form(t, &doc.text))
                    .collect()
            })
            .unwrap_or_default();
        // A place with a locative preposition ("in Syria") first, then the
        // one nearest the verb, then the most specific.
        // A more specific place of the same country in the same tier then
        // wins ("refugees from Syria … in the Raqqa hinterland" → Raqqa).
        let nearest = |ms: &[&'_ Mention]| -> Option<Mention> {
            let best = ms.iter().min_by_key(|(_, t, c)| {
                (
                    !is_locative(analysis, &words, t),
                    t.first.abs_diff(query.verb),
                    self.specificity(*c),
                )
            })?;
            let country = |m: &Mention| {
                m.2.and_then(|c| self.gazetteer.place(c))
                    .map(|p| p.country.clone())
            };
            let finer = ms
                .iter()
                .filter(|m| {
                    self.specificity(m.2) < self.specificity(best.2)
                        && country(m).is_some()
                        && country(m) == country(best)
                })
                .min_by_key(|(_, t, c)| (self.specificity(*c), t.first.abs_diff(query.verb)));
            Some((*finer.unwrap_or(best)).clone())
        };
        if let Some(m) = nearest(&in_clause) {
            return self.location(doc, &m, LocationBasis::Clause);
        }
        if let Some(m) = nearest(&in_sentence) {
            return self.location(doc, &m, LocationBasis::Sentence);
        }
        if let Some(m) = self.previous_place(doc, s) {
            return self.location(doc, m, LocationBasis::PreviousSentence);
        }
        let m = self.document_place(doc)?;
        let country = self.gazetteer.place(m.2?).map(|p| &*p.country)?;
        // Two actors with countries, neither the place's ("Trump called
        // May" in a Syria story), contradict it; a foreign actor alone
        // ("Russia bombed …") does not.
        let contradicted =
            query.actor_countries.len() >= 2 && !query.actor_countries.contains(&country);
        if contradicted {
            return None;
        }
        self.location(doc, m, LocationBasis::Document)
    }

    /// Whether a mention can be an event's place: resolved, not a demonym,
    /// not a modifier of a noun ("US-backed forces", "Syria's army").
    fn usable(&self, doc: &Document, m: &Mention) -> bool {
        m.2.is_some() && !m.1.is_adjectival() && !is_modifier(doc, m.0, &m.1)
    }

    /// How specific the chosen place is: 0 for a city up to 4 for a
    /// continent, 5 for none.
    fn specificity(&self, chosen: Option<u32>) -> u8 {
        chosen
            .and_then(|c| self.gazetteer.place(c))
            .map_or(5, |p| match p.feature {
                Feature::City => 0,
                Feature::Admin2 => 1,
                Feature::Admin1 | Feature::Region => 2,
                Feature::Country => 3,
                Feature::Continent => 4,
            })
    }

    /// A place in the sentence before `sentence_index` when both are of the
    /// same block: its most specific, the last of those.
    fn previous_place(&self, doc: &Document, sentence_index: usize) -> Option<&Mention> {
        let block = |i: usize| doc.sentences.get(i).map(|s| s.block);
        let prev = sentence_index.checked_sub(1)?;
        if block(prev).is_none() || block(prev) != block(sentence_index) {
            return None;
        }
        self.mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.0 == prev && self.usable(doc, m))
            .min_by_key(|(k, (_, _, c))| (self.specificity(*c), std::cmp::Reverse(*k)))
            .map(|(_, m)| m)
    }

    /// The document's main place: the dateline's, else the most general
    /// mention of the most mentioned country. Modifiers ("US-backed")
    /// and demonyms do not count.
    fn document_place(&self, doc: &Document) -> Option<&Mention> {
        let usable = || self.mentions.iter().filter(|m| self.usable(doc, m));
        let dateline = usable().find(|(s, _, _)| {
            doc.sentences
                .get(*s)
                .and_then(|sentence| doc.blocks.get(sentence.block))
                .is_some_and(|b| b.kind == BlockKind::Dateline)
        });
        if dateline.is_some() {
            return dateline;
        }
        // The country named most often (by any of its places; the first
        // among equals), then its most general mention: a story about
        // Idlib, Afrin and Syria is in Syria even if "the US" comes up
        // as often as "Syria" itself.
        let country_of = |m: &Mention| {
            m.2.and_then(|c| self.gazetteer.place(c))
                .map(|p| p.country.clone())
                .filter(|c| !c.is_empty())
        };
        let mut counts: Vec<(Box<str>, usize, usize)> = Vec::new();
        for (k, m) in usable().enumerate() {
            let Some(country) = country_of(m) else {
                continue;
            };
            match counts.iter_mut().find(|(c, _, _)| *c == country) {
                Some(entry) => entry.1 += 1,
                None => counts.push((country, 1, k)),
            }
        }
        let main = counts
            .iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))?;
        usable()
            .filter(|m| country_of(m).as_ref() == Some(&main.0))
            .enumerate()
            .max_by_key(|(k, m)| (self.specificity(m.2), std::cmp::Reverse(*k)))
            .map(|(_, m)| m)
    }

    /// The country of a region that spans several ("Euphrates", "Black
    /// Sea") in this document: the country of the document's main place
    /// when that place lies within [`REGION_COUNTRY_KM`] of the region's
    /// point ("west of the Euphrates" in a Syria story is in Syria).
    fn region_country(&self, doc: &Document, region: &Place) -> Option<String> {
        let main = self.gazetteer.place(self.document_place(doc)?.2?)?;
        (!main.country.is_empty()
            && distance_km(region.lat, region.lon, main.lat, main.lon) <= REGION_COUNTRY_KM)
            .then(|| main.country.to_string())
    }

    fn location(
        &self,
        doc: &Document,
        mention: &Mention,
        basis: LocationBasis,
    ) -> Option<Location> {
        let place = self.gazetteer.place(mention.2?)?;
        let country = if place.country.is_empty() && place.feature == Feature::Region {
            self.region_country(doc, place)
        } else {
            (!place.country.is_empty()).then(|| place.country.to_string())
        };
        Some(Location {
            text: doc.text.get(mention.1.span.bytes())?.to_string(),
            span: mention.1.span,
            name: place.name.to_string(),
            country,
            admin1: self.gazetteer.admin1(place).map(str::to_string),
            lat: place.lat,
            lon: place.lon,
            feature: place.feature,
            gazetteer_id: self.gazetteer.gazetteer_id(place),
            basis,
        })
    }
}

/// How near (km) the document's main place must be to a region that spans
/// countries for the region to take its country.
const REGION_COUNTRY_KM: f64 = 500.0;

/// Prepositions that make a place the scene of what its clause tells.
const LOCATIVE: &[&str] = &[
    "in",
    "at",
    "near",
    "outside",
    "inside",
    "across",
    "throughout",
    "around",
    "within",
    "into",
    "on",
    "from",
];

/// Whether one of the toponym's tokens has a locative preposition as its
/// `case` dependent ("in Syria", "into Syria").
fn is_locative(analysis: &[Analysis], words: &[&str], t: &Toponym) -> bool {
    analysis.iter().enumerate().any(|(j, a)| {
        a.deprel == "case"
            && (t.first + 1..=t.end).contains(&(a.head as usize))
            && words
                .get(j)
                .is_some_and(|w| LOCATIVE.contains(&w.to_lowercase().as_str()))
    })
}

/// Whether the mention overlaps one of the event's actor spans.
fn is_actor(m: &Mention, actor_spans: &[Span]) -> bool {
    actor_spans
        .iter()
        .any(|a| a.byte_start < m.1.span.byte_end && m.1.span.byte_start < a.byte_end)
}

/// Whether the toponym modifies a noun rather than naming a place: a
/// compound or possessive ("US forces", "Syria's army", "Iran's
/// borders") or the first part of a hyphenated word ("US-backed").
fn is_modifier(doc: &Document, sentence_index: usize, t: &Toponym) -> bool {
    let Some(sentence) = doc.sentences.get(sentence_index) else {
        return false;
    };
    let next = sentence.tokens.get(t.end).map(|next| {
        (
            next.span.byte_start == t.span.byte_end,
            crate::form(next, &doc.text),
        )
    });
    let hyphen = matches!(next, Some((true, "-")));
    let possessive = matches!(next, Some((_, "'s" | "’s" | "'" | "’")));
    let last = sentence.analysis.get(t.end.saturating_sub(1));
    let head_outside = last.is_some_and(|a| {
        let head = a.head as usize;
        head == 0 || head > t.end || head <= t.first
    });
    let relation = last.is_some_and(|a| matches!(a.deprel.as_str(), "compound" | "nmod:poss"));
    hyphen || possessive || (relation && head_outside)
}

/// Whether the toponym is in the clause of `verb`: one of its tokens
/// depends on the verb through relations that do not open another clause
/// (a verb-attached "in Baghdad", an object's "offensive on Afrin"), or
/// it is the noun the verb's relative clause describes.
fn in_clause(analysis: &[Analysis], verb: usize, t: &Toponym) -> bool {
    if analysis.is_empty() {
        return false;
    }
    // The noun a relative clause describes ("Afrin, which is controlled by
    // the PYD").
    let relative_head = analysis.get(verb).is_some_and(|a| {
        matches!(a.deprel.as_str(), "acl" | "acl:relcl")
            && (t.first + 1..=t.end).contains(&(a.head as usize))
    });
    relative_head
        || (t.first..t.end).any(|i| {
            let mut at = i;
            for _ in 0..analysis.len() {
                if at == verb {
                    return true;
                }
                let Some(a) = analysis.get(at) else {
                    return false;
                };
                if CLAUSAL.contains(&a.deprel.as_str())
                    || (a.deprel == "conj" && a.upos == "VERB")
                    || a.head == 0
                {
                    return false;
                }
                at = a.head as usize - 1;
            }
            false
        })
}

impl Gazetteer {
    /// The location of the event whose verb is token `verb` of sentence
    /// `sentence_index` of `doc`, with the actors' ISO-3 countries as a
    /// prior. Finds and resolves the document's toponyms on every call;
    /// use [`DocumentPlaces`] to locate many events of one document.
    pub fn locate_event(
        &self,
        doc: &Document,
        sentence_index: usize,
        verb: usize,
        actor_countries: &[&str],
    ) -> Option<Location> {
        let context = ResolveContext {
            actor_countries,
            ..ResolveContext::default()
        };
        DocumentPlaces::new(self, doc, &context).locate_query(
            doc,
            &EventQuery {
                sentence_index,
                verb,
                actor_spans: &[],
                actor_countries,
            },
        )
    }
}

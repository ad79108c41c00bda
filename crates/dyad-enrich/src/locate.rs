//! Per-event location: the place attached to the event's verb ("in
//! Baghdad"), else the sentence's place, else the document's main place.

use dyad_core::{BlockKind, Document};

use crate::gazetteer::{Feature, Gazetteer};
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
    /// ISO 3166-1 alpha-3 country code, `None` for a continent.
    pub country: Option<String>,
    /// First-level division, when known (US places only).
    pub admin1: Option<String>,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Kind of place.
    pub feature: Feature,
    /// `geonames:ID` or `fips:CODE`.
    pub gazetteer_id: String,
    /// How the location was chosen.
    pub basis: LocationBasis,
}

/// Where an event's location comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LocationBasis {
    /// A place attached to the event's verb ("attacked … in Baghdad").
    Verb,
    /// A place elsewhere in the event's sentence.
    Sentence,
    /// A place in the sentence before, in the same paragraph ("a meeting
    /// held in Baghdad. … Soleimani arrived by helicopter").
    Previous,
    /// The document's main place (dateline, else most mentioned).
    Document,
}

/// Prepositions that make a place the event's location.
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
];

/// A resolved toponym: (sentence index, toponym, chosen place).
type Mention = (usize, Toponym, Option<u32>);

/// The toponyms of a whole document, each with its sentence and resolved
/// place; build once per document and ask [`DocumentPlaces::locate`] for
/// each event.
#[derive(Clone, Debug)]
pub struct DocumentPlaces<'g> {
    gazetteer: &'g Gazetteer,
    /// (sentence index, toponym, chosen place).
    mentions: Vec<(usize, Toponym, Option<u32>)>,
}

impl<'g> DocumentPlaces<'g> {
    /// Finds and resolves the toponyms of `doc`, with `context` (the actors'
    /// countries) as a prior.
    pub fn new(
        gazetteer: &'g Gazetteer,
        doc: &Document,
        context: &ResolveContext<'_>,
    ) -> DocumentPlaces<'g> {
        let mut found = Vec::new();
        for (s, sentence) in doc.sentences.iter().enumerate() {
            for t in gazetteer.find_toponyms(&doc.text, &sentence.tokens, &sentence.analysis) {
                found.push((s, t));
            }
        }
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
    /// `sentence_index`.
    pub fn locate(&self, doc: &Document, sentence_index: usize, verb: usize) -> Option<Location> {
        let in_sentence: Vec<&Mention> = self
            .mentions
            .iter()
            .filter(|(s, t, c)| *s == sentence_index && c.is_some() && !t.is_adjectival())
            .collect();
        // 1. Attached to the verb through obl/nmod with a locative case.
        if let Some(m) = attached_to_verb(doc, sentence_index, verb, &in_sentence) {
            return self.location(doc, m, LocationBasis::Verb);
        }
        // 2. The sentence: the most specific place, nearest the verb.
        let best = in_sentence
            .iter()
            .min_by_key(|(_, t, c)| (self.specificity(*c), t.first.abs_diff(verb)));
        if let Some(m) = best {
            return self.location(doc, m, LocationBasis::Sentence);
        }
        // 3. A place in the previous sentence of the same paragraph.
        if let Some(m) = self.previous_place(doc, sentence_index) {
            return self.location(doc, m, LocationBasis::Previous);
        }
        // 4. The document: the dateline's place, else the most mentioned.
        let m = self.document_place(doc)?;
        self.location(doc, m, LocationBasis::Document)
    }

    /// How specific the chosen place is: 0 for a city up to 4 for a
    /// continent, 5 for none.
    fn specificity(&self, chosen: Option<u32>) -> u8 {
        chosen
            .and_then(|c| self.gazetteer.place(c))
            .map_or(5, |p| match p.feature {
                Feature::City => 0,
                Feature::Admin2 => 1,
                Feature::Admin1 => 2,
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
            .filter(|(_, (s, t, c))| *s == prev && !t.is_adjectival() && c.is_some())
            .min_by_key(|(k, (_, _, c))| (self.specificity(*c), std::cmp::Reverse(*k)))
            .map(|(_, m)| m)
    }

    /// The document's main place: the dateline's, else the most mentioned
    /// (the first mentioned among equals).
    fn document_place(&self, doc: &Document) -> Option<&Mention> {
        let usable = || {
            self.mentions
                .iter()
                .filter(|(_, t, c)| c.is_some() && !t.is_adjectival())
        };
        let dateline = usable().find(|(s, _, _)| {
            doc.sentences
                .get(*s)
                .and_then(|sentence| doc.blocks.get(sentence.block))
                .is_some_and(|b| b.kind == BlockKind::Dateline)
        });
        if dateline.is_some() {
            return dateline;
        }
        let mut counts: Vec<(u32, usize, usize)> = Vec::new();
        for (k, (_, _, c)) in usable().enumerate() {
            let Some(c) = *c else { continue };
            match counts.iter_mut().find(|(p, _, _)| *p == c) {
                Some(entry) => entry.1 += 1,
                None => counts.push((c, 1, k)),
            }
        }
        let main = counts
            .iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))?;
        usable().find(|(_, _, c)| *c == Some(main.0))
    }

    fn location(
        &self,
        doc: &Document,
        mention: &Mention,
        basis: LocationBasis,
    ) -> Option<Location> {
        let place = self.gazetteer.place(mention.2?)?;
        Some(Location {
            text: doc.text.get(mention.1.span.bytes())?.to_string(),
            span: mention.1.span,
            name: place.name.to_string(),
            country: (!place.country.is_empty()).then(|| place.country.to_string()),
            admin1: self.gazetteer.admin1(place).map(str::to_string),
            lat: place.lat,
            lon: place.lon,
            feature: place.feature,
            gazetteer_id: self.gazetteer.gazetteer_id(place),
            basis,
        })
    }
}

/// The first of `in_sentence` (the usable mentions of sentence
/// `sentence_index`) attached to the verb through obl/nmod with a locative
/// case.
fn attached_to_verb<'m>(
    doc: &Document,
    sentence_index: usize,
    verb: usize,
    in_sentence: &[&'m Mention],
) -> Option<&'m Mention> {
    let analysis = doc
        .sentences
        .get(sentence_index)
        .map(|s| s.analysis.as_slice())
        .unwrap_or(&[]);
    let words: Vec<&str> = doc
        .sentences
        .get(sentence_index)
        .map(|s| s.tokens.iter().map(|t| crate::form(t, &doc.text)).collect())
        .unwrap_or_default();
    let attached = in_sentence.iter().find(|(_, t, _)| {
        (t.first..t.end).any(|i| {
            let Some(a) = analysis.get(i) else {
                return false;
            };
            let to_verb = a.head as usize == verb + 1
                || analysis
                    .get((a.head as usize).wrapping_sub(1))
                    .is_some_and(|h| h.head as usize == verb + 1 && h.deprel.starts_with("obl"));
            let relation = a.deprel.starts_with("obl") || a.deprel.starts_with("nmod");
            let locative = analysis.iter().enumerate().any(|(j, c)| {
                c.head as usize == i + 1
                    && c.deprel == "case"
                    && words
                        .get(j)
                        .is_some_and(|w| LOCATIVE.contains(&w.to_lowercase().as_str()))
            });
            to_verb && relation && locative
        })
    });
    attached.copied()
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
        let context = ResolveContext { actor_countries };
        DocumentPlaces::new(self, doc, &context).locate(doc, sentence_index, verb)
    }
}

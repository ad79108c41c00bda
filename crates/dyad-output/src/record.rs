//! The `dyad.event/1` record: the one serialisable form of a coded event
//! (STYLE.md convention 9), exactly as `shared/event-record.md` specifies.

use dyad_code::{Actor, Event};
use dyad_core::{Date, Document, Span};
use serde::Serialize;

/// The record's schema name.
pub const SCHEMA_NAME: &str = "dyad.event/1";

/// The JSON Schema of the record.
pub const SCHEMA: &str = include_str!("../../../schema/dyad.event-1.schema.json");

/// One event, as written by `dyad code`.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct EventRecord {
    /// Always `dyad.event/1`.
    pub schema: &'static str,
    /// `{doc_id}-{sentence_index}-{n}`, n counting the sentence's events.
    pub event_id: String,
    /// The document id.
    pub doc_id: String,
    /// The document title.
    pub doc_title: Option<String>,
    /// The document date, ISO 8601.
    pub doc_date: Option<String>,
    /// Index of the sentence in the document.
    pub sentence_index: usize,
    /// The sentence text.
    pub sentence: String,
    /// The sentence's `[start, end)` char offsets.
    pub sentence_span: [u32; 2],
    /// Who did it.
    pub source: ActorRecord,
    /// To whom.
    pub target: ActorRecord,
    /// CAMEO code with leading zeros.
    pub cameo: String,
    /// Its first two digits.
    pub cameo_root: String,
    /// Goldstein score; null for codes outside CAMEO.
    pub goldstein: Option<f64>,
    /// QuadClass 1–4; null for codes outside CAMEO.
    pub quad_class: Option<u8>,
    /// PLOVER event type and mode; null when the code has no mapping.
    pub plover: Option<PloverRecord>,
    /// The verb is negated.
    pub negated: bool,
    /// `asserted` | `reported` | `planned` | `threatened` | `hypothetical` | `denied`.
    pub modality: &'static str,
    /// Who reported the event.
    pub attribution: Option<AttributionRecord>,
    /// The event date, ISO 8601 (first day of the period for coarse
    /// precisions); null when unknown.
    pub event_date: Option<String>,
    /// `day` | `week` | `month` | `year` for a date resolved from the text,
    /// `publication` for the document-date default; null when unknown.
    pub event_date_precision: Option<&'static str>,
    /// Where it happened; null when no place was found.
    pub location: Option<LocationRecord>,
    /// Why the event was coded.
    pub evidence: Evidence,
    /// Confidence (not estimated yet: null).
    pub confidence: Option<f64>,
    /// Cross-document cluster (`c1`, `c2` …) with `--cluster`, else null.
    pub cluster_id: Option<String>,
    /// Events in the cluster with `--cluster`, else null.
    pub mentions: Option<usize>,
    /// Distinct outlets in the cluster with `--cluster`, else null.
    pub sources: Option<usize>,
}

/// What the enrichment stage found for one event, as plain data.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Enrichment {
    /// The event date (first day of the period for coarse precisions).
    pub date: Option<Date>,
    /// `day` | `week` | `month` | `year` | `publication`, or `None` when
    /// the date is unknown.
    pub precision: Option<&'static str>,
    /// The event's place.
    pub location: Option<LocationRecord>,
}

impl Enrichment {
    /// The default: the document's date, precision `publication`, no place.
    pub fn publication(doc: &Document) -> Enrichment {
        Enrichment {
            date: doc.meta.date,
            precision: doc.meta.date.map(|_| "publication"),
            location: None,
        }
    }
}

/// An actor of the record.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ActorRecord {
    /// The phrase as written.
    pub text: String,
    /// Its char offsets.
    pub span: [u32; 2],
    /// The actor code.
    pub code: String,
    /// ISO 3166-1 alpha-3 country, when the code starts with one.
    pub country: Option<String>,
    /// Sector codes.
    pub agents: Vec<String>,
    /// The dictionary entry's name.
    pub entity: Option<String>,
    /// The actor dictionary `file:line` that gave the code.
    pub dictionary: Option<String>,
}

/// PLOVER type and mode.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct PloverRecord {
    /// One of the 16 PLOVER types, in capitals.
    pub event_type: String,
    /// Lower-case mode, or null.
    pub mode: Option<String>,
}

/// The reporter of an event.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct AttributionRecord {
    /// The phrase.
    pub text: String,
    /// Its actor code, if known.
    pub code: Option<String>,
    /// Its char offsets.
    pub span: [u32; 2],
}

/// A resolved location.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct LocationRecord {
    /// As written.
    pub text: String,
    /// Gazetteer name.
    pub name: Option<String>,
    /// Country ISO-3.
    pub country: Option<String>,
    /// First-level division.
    pub admin1: Option<String>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// Feature class, e.g. `city`.
    pub feature: Option<String>,
    /// Gazetteer id.
    pub gazetteer_id: Option<String>,
    /// Which rule chose the place: `clause` (the event's clause names it),
    /// `sentence`, `previous_sentence` or `document` (the document's main
    /// place).
    pub source: Option<String>,
}

/// Why an event was coded.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Evidence {
    /// The verb as written.
    pub verb: String,
    /// Its char offsets.
    pub verb_span: [u32; 2],
    /// The verb pattern that matched; null when the verb's own code applied.
    pub pattern: Option<String>,
    /// The verb dictionary `file:line` of the pattern (or verb).
    pub rule: String,
    /// Every actor and agent dictionary `file:line` that fired.
    pub actor_rules: Vec<String>,
}

fn span(s: Span) -> [u32; 2] {
    s.chars()
}

impl ActorRecord {
    /// Converts an actor.
    pub fn new(actor: &Actor) -> ActorRecord {
        ActorRecord {
            text: actor.text.clone(),
            span: span(actor.span),
            code: actor.code.clone(),
            country: actor.country.clone(),
            agents: actor.agents.clone(),
            entity: actor.entity.clone(),
            dictionary: actor.dictionary.as_ref().map(ToString::to_string),
        }
    }
}

impl EventRecord {
    /// The record of `event`, the `ordinal`-th event of its sentence in
    /// `doc`, dated by the document (precision `publication`), without a
    /// place.
    pub fn new(doc: &Document, event: &Event, ordinal: usize) -> EventRecord {
        EventRecord::enriched(doc, event, ordinal, &Enrichment::publication(doc))
    }

    /// The record of `event` with the enrichment stage's date and place.
    pub fn enriched(
        doc: &Document,
        event: &Event,
        ordinal: usize,
        enrichment: &Enrichment,
    ) -> EventRecord {
        let sentence = doc.sentences.get(event.sentence_index);
        let cameo = dyad_cameo::lookup(&event.cameo);
        let doc_date = doc.meta.date.map(|d| d.to_string());
        let actor_rules = [&event.source, &event.target]
            .iter()
            .flat_map(|a| a.dictionary.iter().chain(&a.agent_dictionary))
            .map(ToString::to_string)
            .collect();
        EventRecord {
            schema: SCHEMA_NAME,
            event_id: format!("{}-{}-{ordinal}", doc.meta.id, event.sentence_index),
            doc_id: doc.meta.id.clone(),
            doc_title: doc.meta.title.clone(),
            doc_date,
            sentence_index: event.sentence_index,
            sentence: sentence
                .map(|s| doc.text.get(s.span.bytes()).unwrap_or("").to_string())
                .unwrap_or_default(),
            sentence_span: sentence.map(|s| span(s.span)).unwrap_or([0, 0]),
            source: ActorRecord::new(&event.source),
            target: ActorRecord::new(&event.target),
            cameo: event.cameo.clone(),
            cameo_root: event.cameo.chars().take(2).collect(),
            goldstein: cameo.map(|c| c.goldstein),
            quad_class: cameo.map(|c| c.quad_class.as_u8()),
            plover: cameo
                .and_then(|c| c.plover_type(event.promised))
                .map(|(ty, mode)| PloverRecord {
                    event_type: ty.as_str().to_string(),
                    mode: mode.map(str::to_string),
                }),
            negated: event.negated,
            modality: event.modality.as_str(),
            attribution: event.attribution.as_ref().map(|a| AttributionRecord {
                text: a.text.clone(),
                code: a.code.clone(),
                span: span(a.span),
            }),
            event_date: enrichment.date.map(|d| d.to_string()),
            event_date_precision: enrichment.date.and(enrichment.precision),
            location: enrichment.location.clone(),
            evidence: Evidence {
                verb: event.verb.clone(),
                verb_span: span(event.verb_span),
                pattern: event.pattern.clone(),
                rule: event.rule.to_string(),
                actor_rules,
            },
            confidence: None,
            cluster_id: None,
            mentions: None,
            sources: None,
        }
    }
}

/// The records of all `events` of `doc`, numbering events per sentence,
/// dated by the document.
pub fn records(doc: &Document, events: &[Event]) -> Vec<EventRecord> {
    records_enriched(doc, events, &[])
}

/// The records of all `events` of `doc` with `enrichments[i]` for event
/// `i` (the publication default where `enrichments` is shorter).
pub fn records_enriched(
    doc: &Document,
    events: &[Event],
    enrichments: &[Enrichment],
) -> Vec<EventRecord> {
    let default = Enrichment::publication(doc);
    let mut out = Vec::with_capacity(events.len());
    let mut last = None;
    let mut ordinal = 0;
    for (i, e) in events.iter().enumerate() {
        if last == Some(e.sentence_index) {
            ordinal += 1;
        } else {
            ordinal = 0;
            last = Some(e.sentence_index);
        }
        let enrichment = enrichments.get(i).unwrap_or(&default);
        let mut record = EventRecord::enriched(doc, e, ordinal, enrichment);
        record.confidence = Some(crate::confidence::confidence(&record));
        out.push(record);
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;

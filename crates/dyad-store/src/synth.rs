//! Synthetic documents and events, deterministic from a seed, for load
//! tests and the bulk-loading benchmark (`dyad db synth`): real
//! `dyad.event/1` records with valid spans into a real cleaned text, drawn
//! from small tables of actors, verbs and places.

use dyad_core::{Date, Document, Meta, Origin, Sentence, Span};
use dyad_output::{ActorRecord, EventRecord, Evidence, LocationRecord, PloverRecord, SCHEMA_NAME};

/// Actor phrase, code, country.
const ACTORS: &[(&str, &str, &str)] = &[
    ("Turkish troops", "TURMIL", "TUR"),
    ("Iraqi officials", "IRQGOV", "IRQ"),
    ("Iranian forces", "IRNMIL", "IRN"),
    ("the US government", "USAGOV", "USA"),
    ("Syrian rebels", "SYRREB", "SYR"),
    ("Russian diplomats", "RUSGOV", "RUS"),
    ("Israeli soldiers", "ISRMIL", "ISR"),
    ("Egyptian protesters", "EGYCVL", "EGY"),
    ("Ukrainian ministers", "UKRGOV", "UKR"),
    ("French envoys", "FRAGOV", "FRA"),
];

/// Verb, CAMEO code, Goldstein, QuadClass, PLOVER type.
const VERBS: &[(&str, &str, f64, u8, &str)] = &[
    ("attacked", "190", -10.0, 4, "ASSAULT"),
    ("met", "040", 1.0, 1, "CONSULT"),
    ("accused", "112", -2.0, 3, "ACCUSE"),
    ("protested against", "141", -6.5, 3, "PROTEST"),
    ("aided", "070", 7.0, 2, "AID"),
    ("threatened", "130", -4.4, 3, "THREATEN"),
    ("agreed with", "030", 4.0, 1, "AGREE"),
    ("sanctioned", "163", -8.0, 4, "SANCTION"),
];

/// Place, country, latitude, longitude.
const PLACES: &[(&str, &str, f64, f64)] = &[
    ("Baghdad", "IRQ", 33.34, 44.40),
    ("Ankara", "TUR", 39.93, 32.86),
    ("Tehran", "IRN", 35.69, 51.42),
    ("Damascus", "SYR", 33.51, 36.29),
    ("Kyiv", "UKR", 50.45, 30.52),
    ("Cairo", "EGY", 30.04, 31.24),
    ("Moscow", "RUS", 55.75, 37.62),
    ("Washington", "USA", 38.90, -77.04),
    ("Paris", "FRA", 48.85, 2.35),
    ("Jerusalem", "ISR", 31.77, 35.21),
];

/// Sentences (each with one event) per synthetic document.
pub const EVENTS_PER_DOCUMENT: usize = 3;

/// A xorshift generator: deterministic, good enough to spread values.
struct Rng(u64);

impl Rng {
    fn pick(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// Synthetic document number `n` of the run `prefix` (its id is
/// `{prefix}-{n}`) and its events, one per sentence; dates fall in
/// 2018–2019. (Long because it writes out one whole document and event
/// record, field by field: split, the pieces would only pass the same
/// locals around.)
pub fn document(prefix: &str, n: u64) -> (Document, Vec<EventRecord>) {
    let mut rng = Rng(n.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let date = day(n % 730);
    let mut doc = Document {
        meta: Meta {
            id: format!("{prefix}-{n}"),
            title: Some(format!("Synthetic report {n}")),
            date: Some(date),
            date_text: Some(date.to_string()),
            url: Some("synthetic".to_string()),
            origin: Origin {
                path: "synthetic".to_string(),
                line: None,
            },
        },
        ..Document::default()
    };
    let mut specs = Vec::new();
    for _ in 0..EVENTS_PER_DOCUMENT {
        let source_idx = rng.pick(ACTORS.len());
        let source = ACTORS[source_idx];
        // any other actor
        let target = ACTORS[(source_idx + 1 + rng.pick(ACTORS.len() - 1)) % ACTORS.len()];
        let verb = VERBS[rng.pick(VERBS.len())];
        let place = PLACES[rng.pick(PLACES.len())];
        if !doc.text.is_empty() {
            doc.text.push(' ');
        }
        let s_start = doc.text.len();
        let source_span = push(&mut doc.text, &capitalise(source.0));
        doc.text.push(' ');
        let verb_span = push(&mut doc.text, verb.0);
        doc.text.push(' ');
        let target_span = push(&mut doc.text, target.0);
        doc.text.push_str(" in ");
        push(&mut doc.text, place.0);
        doc.text.push('.');
        let sentence = span(s_start, doc.text.len());
        doc.sentences.push(Sentence {
            span: sentence,
            ..Sentence::default()
        });
        specs.push((
            source,
            target,
            verb,
            place,
            source_span,
            verb_span,
            target_span,
        ));
    }
    let events = specs
        .into_iter()
        .enumerate()
        .map(|(i, (source, target, verb, place, s, v, t))| {
            let sentence = doc.sentences[i].span;
            EventRecord {
                schema: SCHEMA_NAME,
                event_id: format!("{}-{i}-0", doc.meta.id),
                doc_id: doc.meta.id.clone(),
                doc_title: doc.meta.title.clone(),
                doc_date: Some(date.to_string()),
                sentence_index: i,
                sentence: doc.text[sentence.bytes()].to_string(),
                sentence_span: sentence.chars(),
                source: actor(&doc.text, s, source),
                target: actor(&doc.text, t, target),
                cameo: verb.1.to_string(),
                cameo_root: verb.1[..2].to_string(),
                goldstein: Some(verb.2),
                quad_class: Some(verb.3),
                plover: Some(PloverRecord {
                    event_type: verb.4.to_string(),
                    mode: None,
                }),
                negated: false,
                modality: "asserted",
                attribution: None,
                event_date: Some(date.to_string()),
                event_date_precision: Some("publication"),
                location: Some(LocationRecord {
                    text: place.0.to_string(),
                    name: Some(place.0.to_string()),
                    country: Some(place.1.to_string()),
                    admin1: None,
                    lat: Some(place.2),
                    lon: Some(place.3),
                    feature: Some("city".to_string()),
                    gazetteer_id: None,
                    source: Some("sentence".to_string()),
                }),
                evidence: Evidence {
                    verb: verb.0.to_string(),
                    verb_span: v.chars(),
                    pattern: None,
                    rule: "synthetic".to_string(),
                    actor_rules: Vec::new(),
                },
                confidence: None,
                cluster_id: None,
                mentions: None,
                sources: None,
            }
        })
        .collect();
    (doc, events)
}

fn actor(text: &str, at: Span, (_, code, country): (&str, &str, &str)) -> ActorRecord {
    ActorRecord {
        text: text[at.bytes()].to_string(),
        span: at.chars(),
        code: code.to_string(),
        country: Some(country.to_string()),
        agents: vec![code[3..].to_string()],
        entity: None,
        dictionary: Some("synthetic".to_string()),
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Appends `s` (ASCII) and returns its span.
fn push(text: &mut String, s: &str) -> Span {
    let start = text.len();
    text.push_str(s);
    span(start, text.len())
}

fn span(start: usize, end: usize) -> Span {
    // the texts are ASCII and short: byte and char offsets agree
    let (start, end) = (start as u32, end as u32);
    Span {
        byte_start: start,
        byte_end: end,
        char_start: start,
        char_end: end,
    }
}

/// Day `n` counted from 2018-01-01.
fn day(n: u64) -> Date {
    let days = i64::try_from(n).unwrap_or(0);
    Date::from_ymd(2018, 1, 1).map_or_else(|| Date::from_days(days), |d| d.add_days(days))
}

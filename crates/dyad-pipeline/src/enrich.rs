//! Enrichment and clustering: event dates and places from `dyad-enrich`
//! turned into `dyad-output`'s plain [`Enrichment`], and cross-document
//! clusters from `dyad-cluster` written into the records.

use dyad_cluster::EventKey;
use dyad_code::Event;
use dyad_core::{Date, Document, Span};
use dyad_dict::Dictionaries;
use dyad_enrich::{
    DateInput, DocumentPlaces, EventQuery, Gazetteer, Location, ResolveContext, narrative_anchors,
    resolve_date,
};
use dyad_output::{Enrichment, EventRecord, LocationRecord};

use crate::profile::SourceProfiles;

/// Cross-document clustering of a whole run's events: records are pushed
/// document by document (in input order) and numbered into clusters when
/// the run ends, which is why clustering buffers every record.
pub struct Clusterer {
    window_days: i64,
    records: Vec<EventRecord>,
    keys: Vec<EventKey>,
}

impl Clusterer {
    /// A clusterer joining mentions at most `window_days` apart.
    pub fn new(window_days: i64) -> Clusterer {
        Clusterer {
            window_days,
            records: Vec::new(),
            keys: Vec::new(),
        }
    }

    /// Holds the records of `doc` until [`Clusterer::finish`].
    pub fn push(&mut self, doc: &Document, records: Vec<EventRecord>) {
        let outlet = outlet(doc);
        self.keys
            .extend(records.iter().map(|r| cluster_key(r, &outlet)));
        self.records.extend(records);
    }

    /// Every record pushed, in order, with its `cluster_id`, `mentions`
    /// and `sources` set.
    pub fn finish(mut self) -> Vec<EventRecord> {
        apply_clusters(&mut self.records, &self.keys, self.window_days);
        self.records
    }
}

/// The date and place of every event of `doc`, in event order. The
/// document's toponyms are found and resolved once, with all its events'
/// actor countries as a prior; words that the actor and agent dictionaries
/// of `dicts` explain as anything but a country or its capital (groups,
/// organisations, people: "Nato", "Shabab", "Rubio") are not places. A
/// visit (CAMEO 042) with no target actor ("Soleimani arrived by
/// helicopter", coded with `--one-sided`) gets its place's country as
/// target when that is not the visitor's own.
pub fn enrich_events(
    gazetteer: &Gazetteer,
    dicts: &Dictionaries,
    doc: &Document,
    events: &mut [Event],
) -> Vec<Enrichment> {
    enrich_events_with(gazetteer, dicts, doc, events, None)
}

/// [`enrich_events`], with the places resolved again with the home region
/// of the document's outlet when `profiles` are given: the evidence of
/// the outlet's other documents (this document's own first reading is
/// taken out of its outlet's profile).
pub fn enrich_events_with(
    gazetteer: &Gazetteer,
    dicts: &Dictionaries,
    doc: &Document,
    events: &mut [Event],
    profiles: Option<&SourceProfiles>,
) -> Vec<Enrichment> {
    if events.is_empty() {
        return Vec::new();
    }
    let countries = actor_countries(events);
    let not_places = explained_spans(dicts, doc);
    let alone = ResolveContext {
        actor_countries: &countries,
        not_places: &not_places,
        home: None,
    };
    let home = profiles
        .and_then(|p| p.profile(&outlet(doc)))
        .map(|profile| profile.without_document(gazetteer, &read_alone(gazetteer, doc, &alone)));
    let context = ResolveContext {
        home: home.as_ref(),
        ..alone
    };
    let places = DocumentPlaces::new(gazetteer, doc, &context);
    let anchors = narrative_anchors(&doc.text, &doc.sentences, doc.meta.date);
    events
        .iter_mut()
        .map(|event| {
            let Some(sentence) = doc.sentences.get(event.sentence_index) else {
                return Enrichment::publication(doc);
            };
            let verb = sentence
                .tokens
                .iter()
                .position(|t| t.span.byte_start == event.verb_span.byte_start);
            let date = resolve_date(&DateInput {
                text: &doc.text,
                tokens: &sentence.tokens,
                analysis: &sentence.analysis,
                verb,
                publication: doc.meta.date,
                anchor: anchors.get(event.sentence_index).copied().flatten(),
            });
            let actor_spans = [event.source.span];
            let actor_countries: Vec<&str> = [&event.source.country, &event.target.country]
                .into_iter()
                .filter_map(|c| c.as_deref())
                .collect();
            let location = verb.and_then(|verb| {
                places.locate_query(
                    doc,
                    &EventQuery {
                        sentence_index: event.sentence_index,
                        verb,
                        actor_spans: &actor_spans,
                        actor_countries: &actor_countries,
                    },
                )
            });
            if let Some(place) = &location {
                visited(event, place);
                locals(event, place);
            }
            let location = location.map(location_record);
            Enrichment {
                date: date.date,
                precision: date.precision.as_str(),
                location,
            }
        })
        .collect()
}

/// The places chosen for the toponyms of `doc` with `context` (in
/// [`DocumentPlaces::mentions`] order).
pub(crate) fn read_alone(
    gazetteer: &Gazetteer,
    doc: &Document,
    context: &ResolveContext<'_>,
) -> Vec<Option<u32>> {
    DocumentPlaces::new(gazetteer, doc, context)
        .mentions()
        .iter()
        .map(|(_, _, c)| *c)
        .collect()
}

/// The ISO-3 countries of the actors of `events`, sorted and without
/// repeats: the prior with which [`enrich_events`] resolves a document's
/// places.
pub fn actor_countries(events: &[Event]) -> Vec<&str> {
    let mut countries: Vec<&str> = events
        .iter()
        .flat_map(|e| [&e.source.country, &e.target.country])
        .filter_map(|c| c.as_deref())
        .collect();
    countries.sort_unstable();
    countries.dedup();
    countries
}

/// The byte spans of `doc` that the actor and agent dictionaries explain
/// as something other than a place: every longest actor match whose code
/// is not a bare country code (a country's name or capital stays a place),
/// and every agent match.
pub fn explained_spans(dicts: &Dictionaries, doc: &Document) -> Vec<Span> {
    let mut out = Vec::new();
    for sentence in &doc.sentences {
        let words: Vec<&str> = sentence.tokens.iter().map(|t| t.form(&doc.text)).collect();
        let mut i = 0;
        while i < words.len() {
            // place names are capitalised: a match starting at a lower-case
            // word ("police", "the") cannot explain one away, and looking
            // up every word of the document twice cost ~5 % of a run
            if !words[i].starts_with(char::is_uppercase) {
                i += 1;
                continue;
            }
            let actor = dicts.actors.longest_match(&words[i..]).map(|m| {
                let country_only = m.entry.code_on(doc.meta.date).is_some_and(|c| {
                    c.code.len() == 3 && c.code.chars().all(|ch| ch.is_ascii_uppercase())
                });
                (m.len, !country_only)
            });
            let agent = dicts
                .agents
                .longest_match(&words[i..])
                .map(|m| (m.len, true));
            let (len, explains) = match (actor, agent) {
                (Some(a), Some(g)) if g.0 > a.0 => g,
                (Some(a), _) => a,
                (None, Some(g)) => g,
                (None, None) => (0, false),
            };
            if len == 0 {
                i += 1;
                continue;
            }
            if explains
                && let (Some(first), Some(last)) =
                    (sentence.tokens.get(i), sentence.tokens.get(i + len - 1))
            {
                out.push(first.span.cover(&last.span));
            }
            i += len;
        }
    }
    out
}

/// Gives the people of a place the place's country: an actor of unknown
/// country whose agents are all local ones (civilians, residents, police,
/// legislators, courts, local opposition: "18 people had been injured …
/// in eastern Ghouta", "Residents have condemned") is of the country the
/// event happened in, when its clause, sentence or the sentence before
/// names that place. Soldiers, officials, rebels and refugees travel and
/// are left alone, as is an event placed only by the document's main
/// place.
fn locals(event: &mut Event, place: &Location) {
    let Some(country) = &place.country else {
        return;
    };
    if place.basis == dyad_enrich::LocationBasis::Document {
        return;
    }
    for actor in [&mut event.source, &mut event.target] {
        let local = !actor.agents.is_empty()
            && actor
                .agents
                .iter()
                .all(|a| LOCAL_AGENTS.contains(&a.as_str()));
        if actor.country.is_none() && local && actor.code.starts_with("---") {
            actor.code = format!("{country}{}", &actor.code[3..]);
            actor.country = Some(country.clone());
        }
    }
}

/// Sectors whose members are, in news, mostly of the place they are in.
const LOCAL_AGENTS: &[&str] = &[
    "CVL", "COP", "LEG", "JUD", "OPP", "LAB", "EDU", "HLH", "AGR",
];

/// Makes the country of `place` the target of a visit that has none.
fn visited(event: &mut Event, place: &Location) {
    let Some(country) = &place.country else {
        return;
    };
    if event.cameo != "042"
        || event.target.code != "---"
        || event.source.country.as_ref() == Some(country)
    {
        return;
    }
    event.target = dyad_code::Actor {
        text: place.text.clone(),
        span: place.span,
        code: country.clone(),
        country: Some(country.clone()),
        agents: Vec::new(),
        entity: Some(place.name.clone()),
        dictionary: None,
        agent_dictionary: Vec::new(),
        head: event.target.head,
    };
}

/// The record's view of a gazetteer location.
fn location_record(l: Location) -> LocationRecord {
    LocationRecord {
        text: l.text,
        name: Some(l.name),
        country: l.country,
        admin1: l.admin1,
        lat: Some(round(l.lat)),
        lon: Some(round(l.lon)),
        feature: Some(l.feature.as_str().to_string()),
        gazetteer_id: Some(l.gazetteer_id),
        source: Some(l.basis.as_str().to_string()),
    }
}

fn round(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

/// The outlet of a document for counting `sources`: its URL's host (without
/// `www.`), else the URL or source field as given, else the document id.
pub fn outlet(doc: &Document) -> String {
    let Some(url) = doc
        .meta
        .url
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty())
    else {
        return doc.meta.id.clone();
    };
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    host.strip_prefix("www.").unwrap_or(host).to_lowercase()
}

/// The clustering key of a record whose document's outlet is `outlet`.
pub fn cluster_key(record: &EventRecord, outlet: &str) -> EventKey {
    let code = |c: &str| (c != "---").then(|| c.to_string());
    EventKey {
        document: record.doc_id.clone(),
        outlet: outlet.to_string(),
        source: code(&record.source.code),
        target: code(&record.target.code),
        cameo_root: record.cameo_root.clone(),
        day: record
            .event_date
            .as_deref()
            .and_then(Date::parse)
            .map(|d| d.to_days()),
        place: record
            .location
            .as_ref()
            .and_then(|l| l.gazetteer_id.clone().or_else(|| l.name.clone())),
    }
}

/// Clusters `records` (keys in the same order) and sets their
/// `cluster_id`, `mentions` and `sources`.
pub fn apply_clusters(records: &mut [EventRecord], keys: &[EventKey], window_days: i64) {
    let assignments = dyad_cluster::cluster(keys, window_days);
    for (record, a) in records.iter_mut().zip(assignments) {
        record.cluster_id = Some(a.cluster_id);
        record.mentions = Some(a.mentions);
        record.sources = Some(a.sources);
    }
}

/// A human-readable summary of clustered records for stderr: counts, the
/// distribution of mentions per cluster, and the `examples` largest
/// multi-document clusters with their members.
pub fn cluster_report(records: &[EventRecord], examples: usize) -> Vec<String> {
    let mut clusters: Vec<(&str, Vec<&EventRecord>)> = Vec::new();
    for r in records {
        let Some(id) = r.cluster_id.as_deref() else {
            continue;
        };
        match clusters.iter_mut().find(|(c, _)| *c == id) {
            Some((_, members)) => members.push(r),
            None => clusters.push((id, vec![r])),
        }
    }
    let mut lines = vec![format!(
        "dyad: cluster report: {} events in {} clusters",
        records.len(),
        clusters.len()
    )];
    let mut histogram: Vec<(usize, usize)> = Vec::new();
    for (_, members) in &clusters {
        match histogram.iter_mut().find(|(m, _)| *m == members.len()) {
            Some((_, n)) => *n += 1,
            None => histogram.push((members.len(), 1)),
        }
    }
    histogram.sort_unstable();
    let parts: Vec<String> = histogram.iter().map(|(m, n)| format!("{n}×{m}")).collect();
    lines.push(format!(
        "dyad: clusters by mentions (clusters×mentions): {}",
        parts.join(", ")
    ));
    let mut shown: Vec<&(&str, Vec<&EventRecord>)> = clusters
        .iter()
        .filter(|(_, m)| {
            let first = &m[0].doc_id;
            m.iter().any(|r| r.doc_id != *first)
        })
        .collect();
    shown.sort_by_key(|(_, m)| std::cmp::Reverse(m.len()));
    for (id, members) in shown.into_iter().take(examples) {
        let first = members[0];
        lines.push(format!(
            "dyad: cluster {id}: {} {} {} ({} mentions, {} sources)",
            first.source.code,
            first.cameo_root,
            first.target.code,
            members.len(),
            first.sources.unwrap_or(0)
        ));
        for r in members.iter().take(5) {
            let place = r
                .location
                .as_ref()
                .and_then(|l| l.name.as_deref())
                .unwrap_or("-");
            let sentence: String = r.sentence.chars().take(110).collect();
            lines.push(format!(
                "dyad:   {} {} {} {place}: {sentence}",
                r.doc_id,
                r.event_date.as_deref().unwrap_or("-"),
                r.cameo
            ));
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_core::DocumentBuilder;

    #[test]
    fn outlet_is_the_url_host_or_the_document() {
        let mut doc = DocumentBuilder::new("d1").finish();
        assert_eq!(outlet(&doc), "d1");
        doc.meta.url = Some("https://www.theguardian.com/world/2019/x".into());
        assert_eq!(outlet(&doc), "theguardian.com");
        doc.meta.url = Some("Guardian".into());
        assert_eq!(outlet(&doc), "guardian");
    }
}

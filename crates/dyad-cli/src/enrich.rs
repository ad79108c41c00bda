//! `dyad code`'s enrichment and clustering glue: event dates and places
//! from `dyad-enrich` turned into `dyad-record`'s plain [`Enrichment`], and
//! cross-document clusters from `dyad-cluster` written into the records.

use std::io::Write;

use dyad_cluster::EventKey;
use dyad_code::Event;
use dyad_core::{Date, Document};
use dyad_enrich::{DateInput, DocumentPlaces, Gazetteer, Location, ResolveContext, resolve_date};
use dyad_output::{Enrichment, EventRecord, LocationRecord};

/// The enrichment stage of one `dyad code` run: the gazetteer (loaded once
/// per run) and the clustering options.
pub struct Stage {
    gazetteer: Gazetteer,
    /// `--cluster-window` days when clustering, else `None`.
    cluster_window: Option<i64>,
    /// Print a cluster summary on stderr.
    report: bool,
}

/// One document's records with their clustering keys (kept only when
/// clustering).
#[derive(Default)]
pub struct Enriched {
    /// The records, in event order.
    pub records: Vec<EventRecord>,
    /// One key per record when clustering, else empty.
    pub keys: Vec<EventKey>,
}

impl Stage {
    /// Loads the built-in gazetteer; `cluster_window` is `Some(days)` with
    /// `--cluster`.
    pub fn new(cluster_window: Option<i64>, report: bool) -> Stage {
        Stage {
            gazetteer: Gazetteer::builtin(),
            cluster_window,
            report,
        }
    }

    /// Whether records must be buffered for clustering.
    pub fn clustering(&self) -> bool {
        self.cluster_window.is_some()
    }

    /// The enriched records of `events` of `doc`.
    pub fn records(&self, doc: &Document, events: &mut [Event]) -> Enriched {
        let enrichments = enrich_events(&self.gazetteer, doc, events);
        let records = dyad_output::records_enriched(doc, events, &enrichments);
        let keys = if self.clustering() {
            let outlet = outlet(doc);
            records.iter().map(|r| cluster_key(r, &outlet)).collect()
        } else {
            Vec::new()
        };
        Enriched { records, keys }
    }

    /// Clusters the buffered records of a whole run and writes them, in
    /// input order, as JSON lines.
    pub fn finish(&self, mut all: Enriched, out: &mut dyn Write) -> anyhow::Result<()> {
        if let Some(window) = self.cluster_window {
            apply_clusters(&mut all.records, &all.keys, window);
            if self.report {
                for line in cluster_report(&all.records, 3) {
                    eprintln!("{line}");
                }
            }
        }
        for record in &all.records {
            serde_json::to_writer(&mut *out, record)?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }
}

/// The date and place of every event of `doc`, in event order. The
/// document's toponyms are found and resolved once, with all its events'
/// actor countries as a prior. A visit (CAMEO 042) with no target actor
/// ("Soleimani arrived by helicopter", coded with `--one-sided`) gets its
/// place's country as target when that is not the visitor's own.
pub fn enrich_events(
    gazetteer: &Gazetteer,
    doc: &Document,
    events: &mut [Event],
) -> Vec<Enrichment> {
    if events.is_empty() {
        return Vec::new();
    }
    let mut countries: Vec<&str> = events
        .iter()
        .flat_map(|e| [&e.source.country, &e.target.country])
        .filter_map(|c| c.as_deref())
        .collect();
    countries.sort_unstable();
    countries.dedup();
    let context = ResolveContext {
        actor_countries: &countries,
    };
    let places = DocumentPlaces::new(gazetteer, doc, &context);
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
            });
            let location = verb.and_then(|v| places.locate(doc, event.sentence_index, v));
            if let Some(place) = &location {
                visited(event, place);
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

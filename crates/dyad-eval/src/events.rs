//! Scoring coded events against hand-coded gold events
//! (`shared/gold-events.md`).
//!
//! A gold file is JSON Lines, one [`GoldDocument`] per line, read with
//! [`read_gold`]. A coder's events are passed in a plain form,
//! [`SystemEvent`], whose offsets are char (Unicode scalar) offsets into
//! the gold document's `text`; [`score`] matches them to the gold events
//! and returns [`EventScores`].
//!
//! Matching: a system event matches a gold event when it belongs to the
//! same document, its sentence contains the gold trigger or its own
//! trigger span overlaps it, and its PLOVER type is the gold one. System
//! events without a PLOVER type (statements), without any span in the
//! gold text, or starting at or after the document's `annotated_chars` are
//! ignored. Matching is one-to-one (a maximum matching per document; among
//! several candidates of a gold event, one with equal actor codes, then
//! one with equal countries, then one whose trigger overlaps, is tried
//! first). It is done three times: on the type alone, on the type and both
//! actors' countries (`null` = `null`), and on the type and both actor
//! codes.
//!
//! Field accuracy is measured over the type-level matches; see
//! [`FieldScores`].

mod matching;
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;

use std::collections::BTreeMap;
use std::io::BufRead;

use serde::Deserialize;
use serde_json::{Value, json};

use crate::Prf;

pub use matching::Level;

/// One hand-coded document of a gold file.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct GoldDocument {
    /// The document id (`guardian-NNNN`).
    pub doc_id: String,
    /// The publication date, ISO 8601.
    #[serde(default)]
    pub date: Option<String>,
    /// The headline.
    #[serde(default)]
    pub title: Option<String>,
    /// The article text; gold offsets are char offsets into it.
    pub text: String,
    /// The first `annotated_chars` chars were coded exhaustively.
    pub annotated_chars: usize,
    /// The gold events.
    #[serde(default)]
    pub events: Vec<GoldEvent>,
}

/// One hand-coded event.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct GoldEvent {
    /// The trigger words.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub trigger: String,
    /// The trigger's `[start, end)` char offsets into the text.
    pub trigger_span: [usize; 2],
    /// The clause stating the event.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub quote: String,
    /// The PLOVER type, in capitals.
    pub plover: String,
    /// The PLOVER mode.
    #[serde(default)]
    pub mode: Option<String>,
    /// The closest CAMEO code.
    #[serde(default)]
    pub cameo: Option<String>,
    /// Who did it.
    #[serde(default)]
    pub source: Option<GoldActor>,
    /// To whom; null when the text names none.
    #[serde(default)]
    pub target: Option<GoldActor>,
    /// `asserted`, `reported`, `planned`, `threatened`, `hypothetical`,
    /// `denied`.
    #[serde(default)]
    pub modality: Option<String>,
    /// The text says it did not happen.
    #[serde(default)]
    pub negated: bool,
    /// When it happened (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`); null when the
    /// text gives no time.
    #[serde(default)]
    pub event_date: Option<String>,
    /// `day`, `week`, `month` or `year`.
    #[serde(default)]
    pub event_date_precision: Option<String>,
    /// Where it happened.
    #[serde(default)]
    pub place: Option<GoldPlace>,
    /// Who reports it; null when the newspaper states it.
    #[serde(default)]
    pub attribution: Option<String>,
}

/// An actor of a gold event.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct GoldActor {
    /// As written.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub text: String,
    /// CAMEO-style actor code.
    #[serde(default)]
    pub code: Option<String>,
    /// ISO-3 country, null for groups with none.
    #[serde(default)]
    pub country: Option<String>,
}

/// The place of a gold event.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct GoldPlace {
    /// The place name.
    #[serde(default)]
    pub name: Option<String>,
    /// Its ISO-3 country.
    #[serde(default)]
    pub country: Option<String>,
}

/// A coder's event in plain form. Spans are `[start, end)` char offsets
/// into the gold document's `text`; `None` where the event lies outside it
/// (a headline, say).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SystemEvent {
    /// The gold document it belongs to.
    pub doc_id: String,
    /// Its sentence.
    pub sentence_span: Option<[usize; 2]>,
    /// Its trigger (verb) words.
    pub trigger_span: Option<[usize; 2]>,
    /// PLOVER type in capitals; `None` for a statement without one.
    pub plover: Option<String>,
    /// Source actor code (`None` when missing).
    pub source_code: Option<String>,
    /// Source country.
    pub source_country: Option<String>,
    /// Target actor code (`None` when missing).
    pub target_code: Option<String>,
    /// Target country.
    pub target_country: Option<String>,
    /// Event date, ISO 8601 (first day of the period).
    pub event_date: Option<String>,
    /// `day`, `week`, `month`, `year`, or another word such as
    /// `publication` for a default.
    pub event_date_precision: Option<String>,
    /// Place name.
    pub place_name: Option<String>,
    /// Place country, ISO-3.
    pub place_country: Option<String>,
    /// Modality word, as in the gold.
    pub modality: Option<String>,
    /// Who reports it.
    pub attribution: Option<String>,
    /// The coder's confidence in [0, 1], when it gives one.
    pub confidence: Option<f64>,
}

/// Scored events whose confidence falls in one bin, and how many of them
/// were right.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct CalibrationBin {
    /// The bin's lower bound (it covers `[low, low + 0.2)`, the last one
    /// up to 1 inclusive).
    pub low: f64,
    /// Scored events in the bin.
    pub events: usize,
    /// Of these, matched at type level.
    pub type_right: usize,
    /// Of these, matched with both actors' countries right too.
    pub country_right: usize,
}

/// Calibration bins: 0–0.2, 0.2–0.4, 0.4–0.6, 0.6–0.8, 0.8–1.
const BINS: usize = 5;

/// Reads a string that may be `null` (as empty).
fn null_as_empty<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(d)?.unwrap_or_default())
}

/// Why a gold file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum GoldError {
    /// Reading failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The error.
        source: std::io::Error,
    },
    /// A line is not a valid gold document.
    #[error("{path}:{line}: {message}")]
    Line {
        /// The file.
        path: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// Reads a gold JSONL file (`path` names it in errors). Blank lines are
/// skipped; a line that is not a gold document, or whose trigger spans do
/// not fit its text, is an error naming `path:line`.
pub fn read_gold(reader: impl BufRead, path: &str) -> Result<Vec<GoldDocument>, GoldError> {
    let mut docs = Vec::new();
    for (i, line) in reader.lines().enumerate() {
        let line = line.map_err(|source| GoldError::Io {
            path: path.to_string(),
            source,
        })?;
        if line.trim().is_empty() {
            continue;
        }
        let error = |message: String| GoldError::Line {
            path: path.to_string(),
            line: i + 1,
            message,
        };
        let doc: GoldDocument =
            serde_json::from_str(&line).map_err(|e| error(format!("not a gold document: {e}")))?;
        check_document(&doc).map_err(error)?;
        docs.push(doc);
    }
    Ok(docs)
}

/// Checks that every trigger span fits the text.
fn check_document(doc: &GoldDocument) -> Result<(), String> {
    let chars = doc.text.chars().count();
    for (n, e) in doc.events.iter().enumerate() {
        let [start, end] = e.trigger_span;
        if start > end || end > chars {
            return Err(format!(
                "{}: event {n}: trigger_span [{start}, {end}] outside the text ({chars} chars)",
                doc.doc_id
            ));
        }
    }
    Ok(())
}

/// A share of right answers.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Share {
    /// Right answers.
    pub right: usize,
    /// Cases counted.
    pub total: usize,
}

impl Share {
    /// `right / total`, 0 when nothing was counted.
    pub fn value(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.right as f64 / self.total as f64
        }
    }

    fn count(&mut self, right: bool) {
        self.total += 1;
        self.right += usize::from(right);
    }
}

/// Field accuracy over the type-level matches.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct FieldScores {
    /// Matches whose gold event has a date: the system date has the gold
    /// precision and the same value at that precision (same day; within
    /// six days for `week`; same month; same year).
    pub date: Share,
    /// Matches whose gold event has a date: the same value at the gold
    /// precision, whatever the system's precision.
    pub date_value: Share,
    /// Matches whose gold event has a place with a country: the system
    /// place has that country.
    pub place_country: Share,
    /// Matches whose gold event has a place with a name: the system place
    /// name equals it (case-insensitive) or one contains the other.
    pub place_name: Share,
    /// All matches: the same modality.
    pub modality: Share,
    /// All matches: both without attribution, or both with one whose
    /// texts are equal or one contains the other (case-insensitive).
    pub attribution: Share,
}

/// One matched pair: indices into the document's gold events and into the
/// system events passed to [`score`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pair {
    /// Index of the document in the gold documents.
    pub doc: usize,
    /// Index of the gold event in the document's events.
    pub gold: usize,
    /// Index of the system event.
    pub system: usize,
}

/// The scores of a coder against a gold file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventScores {
    /// Gold documents.
    pub documents: usize,
    /// System events ignored for lacking a PLOVER type.
    pub ignored_statements: usize,
    /// System events ignored as outside the annotated text (past
    /// `annotated_chars`, in no gold document, or with no span in the
    /// gold text).
    pub ignored_outside: usize,
    /// Matching on the type.
    pub types: Prf,
    /// Matching on the type and both actors' countries.
    pub countries: Prf,
    /// Matching on the type and both actor codes.
    pub codes: Prf,
    /// Type-level matching per PLOVER type.
    pub per_type: BTreeMap<String, Prf>,
    /// Field accuracy over the type-level matches.
    pub fields: FieldScores,
    /// The type-level matches.
    pub matches: Vec<Pair>,
    /// Gold events not matched at type level: (document, event) indices.
    pub missed: Vec<(usize, usize)>,
    /// Scored system events not matched at type level.
    pub false_events: Vec<usize>,
    /// Scored system events with a confidence, binned by it (empty when
    /// none has one).
    pub calibration: Vec<CalibrationBin>,
}

/// Scores `system` (events of any of the `gold` documents, by doc id)
/// against `gold`.
pub fn score(gold: &[GoldDocument], system: &[SystemEvent]) -> EventScores {
    let mut scores = EventScores {
        documents: gold.len(),
        ..EventScores::default()
    };
    let by_id: BTreeMap<&str, usize> = gold
        .iter()
        .enumerate()
        .map(|(i, d)| (d.doc_id.as_str(), i))
        .collect();
    let mut per_doc: Vec<Vec<usize>> = vec![Vec::new(); gold.len()];
    for (i, e) in system.iter().enumerate() {
        if e.plover.is_none() {
            scores.ignored_statements += 1;
            continue;
        }
        match by_id.get(e.doc_id.as_str()) {
            Some(&d) if matching::inside(&gold[d], e) => per_doc[d].push(i),
            _ => scores.ignored_outside += 1,
        }
    }
    let mut counts = [(0usize, 0usize, 0usize); 3];
    // per system event: matched at type level, at country level
    let mut right = vec![[false; 2]; system.len()];
    let mut per_type: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    for (d, doc) in gold.iter().enumerate() {
        let events: Vec<&SystemEvent> = per_doc[d].iter().map(|&i| &system[i]).collect();
        for (level, count) in Level::ALL.iter().zip(counts.iter_mut()) {
            let pairs = matching::match_document(doc, &events, *level);
            if let Some(k) = [Level::Type, Level::Country]
                .iter()
                .position(|l| l == level)
            {
                for &(_, s) in &pairs {
                    right[per_doc[d][s]][k] = true;
                }
            }
            *count = (
                count.0 + doc.events.len(),
                count.1 + events.len(),
                count.2 + pairs.len(),
            );
            if *level == Level::Type {
                record_type_level(&mut scores, &mut per_type, d, doc, &per_doc[d], &pairs);
            }
        }
        for &i in &per_doc[d] {
            if let Some(ty) = &system[i].plover {
                per_type.entry(ty.clone()).or_default().1 += 1;
            }
        }
    }
    let prf = |(g, s, c): (usize, usize, usize)| Prf::new(g, s, c);
    scores.types = prf(counts[0]);
    scores.countries = prf(counts[1]);
    scores.codes = prf(counts[2]);
    scores.per_type = per_type.into_iter().map(|(k, v)| (k, prf(v))).collect();
    scores.fields = field_scores(gold, system, &scores.matches);
    scores.calibration = calibration(system, per_doc.iter().flatten().copied(), &right);
    scores
}

/// Bins the scored events `scored` (indices into `system`) by confidence.
fn calibration(
    system: &[SystemEvent],
    scored: impl Iterator<Item = usize>,
    right: &[[bool; 2]],
) -> Vec<CalibrationBin> {
    let mut bins: Vec<CalibrationBin> = (0..BINS)
        .map(|b| CalibrationBin {
            low: b as f64 / BINS as f64,
            ..CalibrationBin::default()
        })
        .collect();
    let mut any = false;
    for i in scored {
        let Some(c) = system[i].confidence else {
            continue;
        };
        any = true;
        let b = ((c.clamp(0.0, 1.0) * BINS as f64) as usize).min(BINS - 1);
        bins[b].events += 1;
        bins[b].type_right += usize::from(right[i][0]);
        bins[b].country_right += usize::from(right[i][1]);
    }
    if any { bins } else { Vec::new() }
}

/// Records the type-level matches of document `d`: pairs, misses, false
/// events and per-type gold and matched counts.
fn record_type_level(
    scores: &mut EventScores,
    per_type: &mut BTreeMap<String, (usize, usize, usize)>,
    d: usize,
    doc: &GoldDocument,
    system: &[usize],
    pairs: &[(usize, usize)],
) {
    let mut gold_matched = vec![false; doc.events.len()];
    let mut system_matched = vec![false; system.len()];
    for &(g, s) in pairs {
        gold_matched[g] = true;
        system_matched[s] = true;
        per_type.entry(doc.events[g].plover.clone()).or_default().2 += 1;
        scores.matches.push(Pair {
            doc: d,
            gold: g,
            system: system[s],
        });
    }
    for (g, e) in doc.events.iter().enumerate() {
        per_type.entry(e.plover.clone()).or_default().0 += 1;
        if !gold_matched[g] {
            scores.missed.push((d, g));
        }
    }
    for (s, &i) in system.iter().enumerate() {
        if !system_matched[s] {
            scores.false_events.push(i);
        }
    }
}

/// Field accuracy over `matches`.
fn field_scores(gold: &[GoldDocument], system: &[SystemEvent], matches: &[Pair]) -> FieldScores {
    let mut f = FieldScores::default();
    for p in matches {
        let (g, s) = (&gold[p.doc].events[p.gold], &system[p.system]);
        if let Some(date) = &g.event_date {
            let precision = g.event_date_precision.as_deref().unwrap_or("day");
            let value = s
                .event_date
                .as_deref()
                .is_some_and(|sd| matching::same_date(date, sd, precision));
            f.date_value.count(value);
            f.date
                .count(value && s.event_date_precision.as_deref() == Some(precision));
        }
        if let Some(place) = &g.place {
            if let Some(country) = &place.country {
                let right = s
                    .place_country
                    .as_deref()
                    .is_some_and(|c| c.eq_ignore_ascii_case(country));
                f.place_country.count(right);
            }
            if let Some(name) = &place.name {
                f.place_name
                    .count(matching::similar(Some(name), s.place_name.as_deref()));
            }
        }
        let modality = |m: Option<&str>| m.unwrap_or("asserted").to_ascii_lowercase();
        f.modality
            .count(modality(g.modality.as_deref()) == modality(s.modality.as_deref()));
        let attribution = match (&g.attribution, &s.attribution) {
            (None, None) => true,
            (Some(a), b) => matching::similar(Some(a), b.as_deref()),
            (None, Some(_)) => false,
        };
        f.attribution.count(attribution);
    }
    f
}

/// Rounds to four decimals for the JSON summary.
fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

fn prf_json(p: &Prf) -> Value {
    json!({
        "gold": p.gold,
        "system": p.system,
        "matched": p.correct,
        "precision": round4(p.precision),
        "recall": round4(p.recall),
        "f1": round4(p.f1),
    })
}

fn share_json(s: &Share) -> Value {
    json!({"right": s.right, "total": s.total, "share": round4(s.value())})
}

impl EventScores {
    /// The scores as one JSON object (values rounded to four decimals):
    ///
    /// - `documents`, `gold_events`, `system_events` (scored),
    ///   `ignored_statements`, `ignored_outside`: counts;
    /// - `type`, `country`, `code`: matching on the type; on the type and
    ///   both countries; on the type and both codes — each an object with
    ///   `gold`, `system`, `matched`, `precision`, `recall`, `f1`;
    /// - `per_type`: that object per PLOVER type (type-level matching);
    /// - `fields`: over type-level matches, `date` (value and precision,
    ///   gold events with a date only), `date_value`, `place_country`,
    ///   `place_name` (gold events with a place only), `modality`,
    ///   `attribution` — each `{right, total, share}`.
    pub fn to_json(&self) -> Value {
        let per_type: serde_json::Map<String, Value> = self
            .per_type
            .iter()
            .map(|(k, p)| (k.clone(), prf_json(p)))
            .collect();
        let f = &self.fields;
        json!({
            "documents": self.documents,
            "gold_events": self.types.gold,
            "system_events": self.types.system,
            "ignored_statements": self.ignored_statements,
            "ignored_outside": self.ignored_outside,
            "type": prf_json(&self.types),
            "country": prf_json(&self.countries),
            "code": prf_json(&self.codes),
            "per_type": per_type,
            "calibration": self.calibration.iter().map(|b| json!({
                "low": b.low,
                "events": b.events,
                "type_right": b.type_right,
                "country_right": b.country_right,
            })).collect::<Vec<_>>(),
            "fields": {
                "date": share_json(&f.date),
                "date_value": share_json(&f.date_value),
                "place_country": share_json(&f.place_country),
                "place_name": share_json(&f.place_name),
                "modality": share_json(&f.modality),
                "attribution": share_json(&f.attribution),
            },
        })
    }
}

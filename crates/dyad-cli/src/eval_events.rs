//! `dyad eval events --gold FILE`: dyad's events against hand-coded gold
//! events (`shared/gold-events.md`), scored by [`dyad_eval::events`].
//!
//! Each gold document is read as `dyad code` reads a JSONL record (fields
//! `doc_id`, `title`, `date`, `text`) and coded by the whole pipeline; its
//! events' spans are carried from dyad's cleaned text back to the gold
//! `text` by aligning the two once per document.
//!
//! Output: a header with counts; precision, recall and F1 when the type
//! must agree, when the type and both actors' countries must (null =
//! null), and when the type and both actor codes must; a per-type table;
//! field accuracy over the type-level matches. The last line is JSON, as
//! [`dyad_eval::events::EventScores::to_json`] documents:
//! `documents`, `gold_events`, `system_events`, `ignored_statements`,
//! `ignored_outside`; `type`, `country`, `code` and `per_type.<TYPE>`
//! (each `{gold, system, matched, precision, recall, f1}`); `fields`
//! (`date`, `date_value`, `place_country`, `place_name`, `modality`,
//! `attribution`, each `{right, total, share}`).

use std::collections::HashMap;
use std::fs::File;
use std::io::BufReader;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use dyad_core::{BlockKind, Document};
use dyad_eval::Prf;
use dyad_eval::events::{EventScores, GoldDocument, Share, SystemEvent, read_gold, score};
use dyad_output::EventRecord;
use dyad_pipeline::{PipelineConfig, Require, executor};

use crate::args::{DictArgs, named};
use crate::code::dict_source;

/// How far ahead in the gold text a char of dyad's text is looked for.
const ALIGN_WINDOW: usize = 64;

/// `dyad eval events`
#[derive(Debug, Args)]
#[command(after_long_help = JSON_HELP)]
pub struct EvalEventsArgs {
    /// The gold file: JSON Lines as `shared/gold-events.md` describes.
    #[arg(long, value_name = "FILE")]
    pub gold: PathBuf,
    /// Which dictionaries (default: dyad's built-in ones).
    #[command(flatten)]
    pub dicts: DictArgs,
    /// Which actors an event needs, as `dyad code --require`: `dyad`
    /// (both), `source` (a source; the target may be missing), `one`
    /// (either).
    #[arg(long, value_parser = named::<Require>(Require::NAMES), default_value = "one", conflicts_with = "one_sided")]
    pub require: Require,
    /// Short for `--require one`, as `dyad code --one-sided`.
    #[arg(long)]
    pub one_sided: bool,
    /// Score only events whose confidence is at least this, as `dyad
    /// code --min-confidence`.
    #[arg(long, value_name = "P", default_value_t = 0.0)]
    pub min_confidence: f64,
    /// Print missed gold events, matched events whose actors' countries
    /// differ from the gold (ACTORS) and false dyad events, with their
    /// sentence, on stderr.
    #[arg(long)]
    pub show_errors: bool,
}

const JSON_HELP: &str = "The last line is JSON: documents, gold_events, system_events \
(scored), ignored_statements (dyad events without a PLOVER type), ignored_outside (past \
annotated_chars or outside the gold text); type, country, code: matching on the PLOVER type; \
on the type and both actors' countries (null = null); on the type and both actor codes -- \
each {gold, system, matched, precision, recall, f1}; per_type.<TYPE>: the same for type-level \
matching; fields: over type-level matches, date (value and precision; only gold events with a \
date), date_value (value only), place_country, place_name (only gold events with a place), \
modality, attribution -- each {right, total, share}; calibration: scored events binned by \
confidence ({low, events, type_right, country_right}, bins of 0.2).";

/// One coded gold document: its dyad events in plain form, and the
/// sentence of each (for `--show-errors`).
struct Coded {
    doc_id: String,
    events: Vec<SystemEvent>,
    sentences: Vec<String>,
}

/// Runs `dyad eval events`.
pub fn run(args: &EvalEventsArgs) -> anyhow::Result<ExitCode> {
    let path = args.gold.display().to_string();
    let file = File::open(&args.gold).with_context(|| format!("cannot open {path}"))?;
    let gold = read_gold(BufReader::new(file), &path)?;
    anyhow::ensure!(!gold.is_empty(), "no gold documents in {path}");
    let pipeline = crate::code::pipeline(PipelineConfig {
        dicts: dict_source(&args.dicts),
        require: crate::args::require(args.require, args.one_sided),
        allow_empty_dicts: args.dicts.allow_empty_dicts,
        min_confidence: args.min_confidence,
        ..PipelineConfig::default()
    })?;
    let texts: HashMap<&str, &str> = gold
        .iter()
        .map(|d| (d.doc_id.as_str(), d.text.as_str()))
        .collect();
    let ingest = dyad_ingest::Config {
        format: Some(dyad_ingest::Format::Jsonl),
        fields: dyad_ingest::Fields {
            id: "doc_id".to_string(),
            title: "title".to_string(),
            date: "date".to_string(),
            text: "text".to_string(),
            url: String::new(),
        },
    };
    let items = dyad_ingest::read_inputs(vec![args.gold.clone()], ingest);
    let mut coded: HashMap<String, Coded> = HashMap::new();
    executor::run(
        items,
        |doc: Document| {
            let processed = pipeline.process(doc);
            let text = texts.get(processed.document.meta.id.as_str()).copied();
            plain_events(&processed.document, &processed.events, text.unwrap_or(""))
        },
        |result| {
            let c = result.map_err(|e| anyhow::anyhow!("{e}"))?;
            coded.insert(c.doc_id.clone(), c);
            Ok::<(), anyhow::Error>(())
        },
        |_| {},
    )?;
    let mut system = Vec::new();
    let mut sentences = Vec::new();
    for doc in &gold {
        if let Some(c) = coded.remove(&doc.doc_id) {
            system.extend(c.events);
            sentences.extend(c.sentences);
        }
    }
    let scores = score(&gold, &system);
    if args.show_errors {
        show_errors(&gold, &system, &sentences, &scores);
    }
    report(&scores)?;
    Ok(ExitCode::SUCCESS)
}

/// Dyad's events of `doc` in plain form, spans carried to `gold_text`.
fn plain_events(doc: &Document, events: &[EventRecord], gold_text: &str) -> Coded {
    let map = align(doc, gold_text);
    // an unknown country (`---COP`) compares as none (`COP`)
    let code = |c: &str| {
        let c = c.strip_prefix("---").unwrap_or(c);
        Some(c.to_string()).filter(|c| !c.is_empty())
    };
    let plain = events
        .iter()
        .map(|e| SystemEvent {
            doc_id: e.doc_id.clone(),
            sentence_span: map_span(&map, e.sentence_span),
            trigger_span: map_span(&map, e.evidence.verb_span),
            plover: e.plover.as_ref().map(|p| p.event_type.clone()),
            source_code: code(&e.source.code),
            source_country: e.source.country.clone(),
            target_code: code(&e.target.code),
            target_country: e.target.country.clone(),
            event_date: e.event_date.clone(),
            event_date_precision: e.event_date_precision.map(str::to_string),
            place_name: e
                .location
                .as_ref()
                .map(|l| l.name.clone().unwrap_or_else(|| l.text.clone())),
            place_country: e.location.as_ref().and_then(|l| l.country.clone()),
            modality: Some(e.modality.to_string()),
            attribution: e.attribution.as_ref().map(|a| a.text.clone()),
            confidence: e.confidence,
        })
        .collect();
    let sentences = events
        .iter()
        .map(|e| {
            let what = e.plover.as_ref().map_or("-", |p| p.event_type.as_str());
            format!(
                "{} {what} {} ({}) | {}",
                e.source.code,
                e.target.code,
                e.evidence.verb,
                e.sentence.replace('\n', " ")
            )
        })
        .collect();
    Coded {
        doc_id: doc.meta.id.clone(),
        events: plain,
        sentences,
    }
}

/// For each char of `doc.text`, the gold char it stands for: dyad's text
/// is the gold text cleaned (whitespace folded, control chars dropped),
/// after a headline block that the gold text lacks. Each non-space char
/// outside the headline is looked for a little ahead of the last one
/// found; headline chars, spaces and chars not found map to nothing.
fn align(doc: &Document, gold_text: &str) -> Vec<Option<usize>> {
    let gold: Vec<char> = gold_text.chars().collect();
    let titles: Vec<[u32; 2]> = doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Title)
        .map(|b| b.span.chars())
        .collect();
    let in_title = |i: usize| {
        titles
            .iter()
            .any(|&[s, e]| (s as usize) <= i && i < e as usize)
    };
    let mut map = Vec::new();
    let mut cursor = 0;
    for (i, c) in doc.text.chars().enumerate() {
        let mut found = None;
        if !c.is_whitespace() && !in_title(i) {
            let ahead = gold.get(cursor..).unwrap_or_default();
            if let Some(k) = ahead.iter().take(ALIGN_WINDOW).position(|&g| g == c) {
                found = Some(cursor + k);
                cursor += k + 1;
            }
        }
        map.push(found);
    }
    map
}

/// The gold span of dyad's char span `[start, end)`: from its first to
/// its last aligned char.
fn map_span(map: &[Option<usize>], [start, end]: [u32; 2]) -> Option<[usize; 2]> {
    let chars = map.get(start as usize..(end as usize).min(map.len()))?;
    let first = chars.iter().flatten().next()?;
    let last = chars.iter().rev().flatten().next()?;
    Some([*first, last + 1])
}

/// Prints the missed gold events, the matched ones whose actors' countries
/// differ, and the false dyad events on stderr.
fn show_errors(
    gold: &[GoldDocument],
    system: &[SystemEvent],
    sentences: &[String],
    s: &EventScores,
) {
    let code = |a: &Option<dyad_eval::events::GoldActor>| {
        a.as_ref()
            .and_then(|a| a.code.clone())
            .unwrap_or_else(|| "-".to_string())
    };
    // "guardian-0003 [30, 35] IRQGOV CONSULT USAGOV"
    let gold_event = |doc: &GoldDocument, e: &dyad_eval::events::GoldEvent| {
        format!(
            "{} [{}, {}] {} {} {}",
            doc.doc_id,
            e.trigger_span[0],
            e.trigger_span[1],
            code(&e.source),
            e.plover,
            code(&e.target)
        )
    };
    for &(d, g) in &s.missed {
        let (doc, e) = (&gold[d], &gold[d].events[g]);
        let quote = if e.quote.is_empty() {
            gold_sentence(&doc.text, e.trigger_span)
        } else {
            e.quote.replace('\n', " ")
        };
        err_line!("MISSED {} ({}) | {quote}", gold_event(doc, e), e.trigger);
    }
    for m in &s.matches {
        let (doc, e, d) = (&gold[m.doc], &gold[m.doc].events[m.gold], &system[m.system]);
        let country =
            |a: &Option<dyad_eval::events::GoldActor>| a.as_ref().and_then(|a| a.country.clone());
        if country(&e.source) == d.source_country && country(&e.target) == d.target_country {
            continue;
        }
        let sentence = sentences.get(m.system).map_or("", String::as_str);
        err_line!("ACTORS {} | dyad {sentence}", gold_event(doc, e));
    }
    for &i in &s.false_events {
        let e = &system[i];
        let at = e
            .trigger_span
            .map_or("?".to_string(), |[a, b]| format!("[{a}, {b}]"));
        let sentence = sentences.get(i).map_or("", String::as_str);
        err_line!("FALSE {} {at} {sentence}", e.doc_id);
    }
}

/// The sentence of `text` around the char span `[start, end)`: from after
/// the last sentence end before it to the next one after it.
fn gold_sentence(text: &str, [start, end]: [usize; 2]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let is_end = |c: &char| matches!(c, '.' | '!' | '?' | '\n');
    let from = chars
        .get(..start)
        .and_then(|before| before.iter().rposition(is_end))
        .map_or(0, |i| i + 1);
    let to = chars
        .get(end..)
        .and_then(|after| after.iter().position(is_end))
        .map_or(chars.len(), |i| end + i + 1);
    chars
        .get(from..to)
        .unwrap_or_default()
        .iter()
        .collect::<String>()
        .trim()
        .replace('\n', " ")
}

fn prf_line(name: &str, p: &Prf) -> std::io::Result<()> {
    out_line!(
        "{name:<12} gold {:>5} system {:>5} matched {:>5}  P {:.3}  R {:.3}  F1 {:.3}",
        p.gold,
        p.system,
        p.correct,
        p.precision,
        p.recall,
        p.f1
    )
}

fn share_line(name: &str, s: &Share, note: &str) -> std::io::Result<()> {
    out_line!(
        "  {name:<14} {:>5} / {:<5} {:.3}{note}",
        s.right,
        s.total,
        s.value()
    )
}

/// Prints the report, the last line as JSON.
fn report(s: &EventScores) -> std::io::Result<()> {
    out_line!(
        "{} documents: {} gold events, {} dyad events scored ({} statements without a PLOVER type and {} outside the annotated text ignored)",
        s.documents,
        s.types.gold,
        s.types.system,
        s.ignored_statements,
        s.ignored_outside
    )?;
    prf_line("type", &s.types)?;
    prf_line("+countries", &s.countries)?;
    prf_line("+codes", &s.codes)?;
    out_line!(
        "{:<10} {:>5} {:>6} {:>7} {:>6} {:>6} {:>6}",
        "type",
        "gold",
        "system",
        "matched",
        "P",
        "R",
        "F1"
    )?;
    for (ty, p) in &s.per_type {
        out_line!(
            "{ty:<10} {:>5} {:>6} {:>7} {:>6.3} {:>6.3} {:>6.3}",
            p.gold,
            p.system,
            p.correct,
            p.precision,
            p.recall,
            p.f1
        )?;
    }
    let f = &s.fields;
    out_line!("over {} type-level matches:", s.types.correct)?;
    share_line(
        "date",
        &f.date,
        "  (value and precision; gold events with a date only)",
    )?;
    share_line(
        "date value",
        &f.date_value,
        "  (value at the gold precision)",
    )?;
    share_line(
        "place country",
        &f.place_country,
        "  (gold events with a place only)",
    )?;
    share_line(
        "place name",
        &f.place_name,
        "  (gold events with a place only)",
    )?;
    share_line("modality", &f.modality, "")?;
    share_line("attribution", &f.attribution, "")?;
    if !s.calibration.is_empty() {
        out_line!("confidence   events  type right  countries right")?;
        for b in &s.calibration {
            let share = |n: usize| {
                if b.events == 0 {
                    "     -".to_string()
                } else {
                    format!("{:>6.3}", n as f64 / b.events as f64)
                }
            };
            out_line!(
                "{:.1}-{:.1}    {:>6}      {}           {}",
                b.low,
                b.low + 0.2,
                b.events,
                share(b.type_right),
                share(b.country_right)
            )?;
        }
    }
    out_line!("{}", s.to_json())?;
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use dyad_core::{BlockKind, DocumentBuilder};

    use super::{align, gold_sentence, map_span};

    #[test]
    fn spans_are_carried_back_to_the_gold_text() {
        let gold = "  Chad \u{200b}attacked\r\n\r\n\r\nNiger\t on   Monday.";
        let mut builder = DocumentBuilder::new("d");
        builder.push_block(BlockKind::Title, "Niger attacked");
        builder.push_block(BlockKind::Body, gold.trim_start());
        let doc = builder.finish();
        assert_eq!(
            doc.text,
            "Niger attacked\n\nChad attacked\n\nNiger  on   Monday."
        );
        let map = align(&doc, gold);
        let chars: Vec<char> = gold.chars().collect();
        let slice = |[s, e]: [usize; 2]| chars[s..e].iter().collect::<String>();
        // "attacked" of the body, and the whole body
        assert_eq!(slice(map_span(&map, [21, 29]).unwrap()), "attacked");
        assert_eq!(
            slice(map_span(&map, [16, 50]).unwrap()),
            "Chad \u{200b}attacked\r\n\r\n\r\nNiger\t on   Monday."
        );
        // the headline is not in the gold text
        assert_eq!(map_span(&map, [0, 14]), None);
    }

    #[test]
    fn gold_sentence_around_a_span() {
        let text = "One. Chad attacked Niger. Three";
        assert_eq!(gold_sentence(text, [10, 18]), "Chad attacked Niger.");
        assert_eq!(gold_sentence(text, [26, 31]), "Three");
    }
}

//! `dyad eval plover --csv FILE`: story-level PLOVER event types against
//! labelled stories (NGEC's synthetic set,
//! `../shared/data/ngec/gpt_synthetic_events_2023-10-19_19.csv`: a `text`
//! and a PLOVER `label` per row).
//!
//! Each story is coded with `dyad code`'s dictionaries (dyad's built-in set
//! by default); its types are the PLOVER types of its non-negated events.
//! A story is a hit when its label is among them.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use dyad_cameo::PloverType;
use dyad_code::Event;
use dyad_core::Document;
use dyad_pipeline::{PipelineConfig, Require, executor};

use crate::args::{DictArgs, named};
use crate::code::dict_source;
use crate::eval::round4;

/// `dyad eval plover`
#[derive(Debug, Args)]
pub struct EvalPloverArgs {
    /// CSV with a header row, a text column and a PLOVER label column.
    #[arg(long, value_name = "FILE")]
    pub csv: PathBuf,
    /// The column holding the story.
    #[arg(long, default_value = "text", value_name = "NAME")]
    pub text_field: String,
    /// The column holding the PLOVER type.
    #[arg(long, default_value = "label", value_name = "NAME")]
    pub label_field: String,
    /// The column holding the story's headline, coded as its title (the
    /// synthetic set's `prompt`: the filled-in headline and dateline the
    /// story was written to continue); empty for none.
    #[arg(long, default_value = "prompt", value_name = "NAME")]
    pub title_field: String,
    /// Which dictionaries (default: dyad's built-in ones).
    #[command(flatten)]
    pub dicts: DictArgs,
    /// Print every missed story (label, dyad's events, its start) on stderr.
    #[arg(long)]
    pub show_errors: bool,
    /// Score every K-th story only (for quick tuning runs).
    #[arg(long, default_value_t = 1, value_name = "K")]
    pub every: usize,
    /// Which actors an event needs, as `dyad code --require`: `dyad`
    /// (both), `source` (a source; the target may be missing), `one`
    /// (either).
    #[arg(long, value_parser = named::<Require>(Require::NAMES), default_value = "one", conflicts_with = "one_sided")]
    pub require: Require,
    /// Short for `--require one`, as `dyad code --one-sided`.
    #[arg(long)]
    pub one_sided: bool,
    /// With `--show-errors`, only stories with this label.
    #[arg(long, value_name = "TYPE")]
    pub only: Option<String>,
}

/// One story's outcome.
struct Story {
    row: u64,
    label: String,
    types: Vec<PloverType>,
    events: Vec<String>,
    start: String,
}

#[derive(Default)]
struct PerType {
    stories: usize,
    hits: usize,
    off_label: usize,
    no_events: usize,
    produced: BTreeMap<PloverType, usize>,
}

/// Runs `dyad eval plover`.
pub fn run(args: &EvalPloverArgs) -> anyhow::Result<ExitCode> {
    let pipeline = crate::code::pipeline(PipelineConfig {
        dicts: dict_source(&args.dicts),
        require: crate::args::require(args.require, args.one_sided),
        explain: false,
        model: None,
        allow_empty_dicts: args.dicts.allow_empty_dicts,
        ..PipelineConfig::default()
    })?;
    // the label travels as the document id; the headline (the synthetic
    // set's `title` column holds unfilled templates, its `prompt` the
    // filled-in headline) as title; no date
    let ingest = dyad_ingest::Config {
        format: Some(dyad_ingest::Format::Csv),
        fields: dyad_ingest::Fields {
            id: args.label_field.clone(),
            title: args.title_field.clone(),
            date: String::new(),
            text: args.text_field.clone(),
            url: String::new(),
        },
    };
    anyhow::ensure!(args.csv.is_file(), "{} not found", args.csv.display());
    let every = args.every.max(1);
    let items = dyad_ingest::read_inputs(vec![args.csv.clone()], ingest)
        .enumerate()
        .filter(move |(i, _)| i % every == 0)
        .map(|(_, item)| item);
    let mut stories = Vec::new();
    let mut unreadable = 0usize;
    executor::run(
        items,
        |mut doc: Document| {
            pipeline.annotate(&mut doc);
            let coded = pipeline.code(&doc);
            story(&doc, &coded.events)
        },
        |result| {
            match result {
                Ok(s) => stories.push(s),
                Err(_) => unreadable += 1,
            }
            Ok::<(), anyhow::Error>(())
        },
        |_| {},
    )?;
    anyhow::ensure!(!stories.is_empty(), "no stories in {}", args.csv.display());
    let tally = tally(&stories, args);
    report(&tally, stories.len(), unreadable)?;
    Ok(ExitCode::SUCCESS)
}

/// Story counts, overall and per label.
#[derive(Default)]
struct Tally {
    per_type: BTreeMap<String, PerType>,
    hits: usize,
    off_label: usize,
    no_events: usize,
}

/// Counts hits, off-label types and stories without events, printing
/// the misses `--show-errors` asks for.
fn tally(stories: &[Story], args: &EvalPloverArgs) -> Tally {
    let mut tally = Tally::default();
    for s in stories {
        let label = PloverType::parse(&s.label);
        let hit = label.is_some_and(|l| s.types.contains(&l));
        let off = s.types.iter().any(|t| Some(*t) != label);
        let t = tally
            .per_type
            .entry(s.label.trim().to_uppercase())
            .or_default();
        t.stories += 1;
        t.hits += usize::from(hit);
        t.off_label += usize::from(off);
        t.no_events += usize::from(s.types.is_empty());
        for ty in &s.types {
            *t.produced.entry(*ty).or_default() += 1;
        }
        tally.hits += usize::from(hit);
        tally.off_label += usize::from(off);
        tally.no_events += usize::from(s.types.is_empty());
        let shown = args
            .only
            .as_deref()
            .is_none_or(|only| only.eq_ignore_ascii_case(s.label.trim()));
        if args.show_errors && !hit && shown {
            let types: Vec<&str> = s.types.iter().map(|t| t.as_str()).collect();
            err_line!("MISS row {} {} got [{}]", s.row, s.label, types.join(" "));
            err_line!("  | {}", s.start);
            for e in &s.events {
                err_line!("  - {e}");
            }
        }
    }
    tally
}

fn share(k: usize, n: usize) -> f64 {
    if n == 0 { 0.0 } else { k as f64 / n as f64 }
}

/// Prints the per-label table and the totals, the last line as JSON.
fn report(tally: &Tally, n: usize, unreadable: usize) -> std::io::Result<()> {
    out_line!(
        "{:<10} {:>6} {:>7} {:>9} {:>9}  most produced",
        "label",
        "n",
        "recall",
        "off-label",
        "no-event"
    )?;
    let mut recall = serde_json::Map::new();
    for (label, t) in &tally.per_type {
        let mut produced: Vec<_> = t.produced.iter().collect();
        produced.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let top: Vec<String> = produced
            .iter()
            .take(4)
            .map(|(ty, k)| format!("{ty} {k}"))
            .collect();
        out_line!(
            "{:<10} {:>6} {:>7.3} {:>9.3} {:>9.3}  {}",
            label,
            t.stories,
            share(t.hits, t.stories),
            share(t.off_label, t.stories),
            share(t.no_events, t.stories),
            top.join(", ")
        )?;
        recall.insert(
            label.clone(),
            serde_json::json!(round4(share(t.hits, t.stories))),
        );
    }
    out_line!(
        "{n} stories ({unreadable} unreadable rows): label among dyad's types {:.3}; \
         a type other than the label {:.3}; no event {:.3}",
        share(tally.hits, n),
        share(tally.off_label, n),
        share(tally.no_events, n)
    )?;
    out_line!(
        "{}",
        serde_json::json!({
            "stories": n,
            "unreadable": unreadable,
            "label_found": round4(share(tally.hits, n)),
            "off_label": round4(share(tally.off_label, n)),
            "no_event": round4(share(tally.no_events, n)),
            "recall": recall,
        })
    )?;
    Ok(())
}

fn story(doc: &Document, events: &[Event]) -> Story {
    let mut types = Vec::new();
    let mut lines = Vec::new();
    for e in events.iter().filter(|e| !e.negated) {
        let ty = dyad_cameo::lookup(&e.cameo)
            .and_then(|c| c.plover_type(e.promised))
            .map(|(ty, _)| ty);
        if let Some(ty) = ty
            && !types.contains(&ty)
        {
            types.push(ty);
        }
        let sentence = doc
            .sentences
            .get(e.sentence_index)
            .and_then(|s| doc.text.get(s.span.bytes()))
            .unwrap_or("");
        lines.push(format!(
            "{} {} {} {} ({}) {} | {}",
            e.source.code,
            e.cameo,
            e.target.code,
            ty.map_or("-", PloverType::as_str),
            e.verb,
            e.rule,
            sentence.replace('\n', " ")
        ));
    }
    types.sort();
    let start: String = doc.text.chars().take(300).collect();
    Story {
        row: doc.meta.origin.line.unwrap_or(0),
        label: doc.meta.id.clone(),
        types,
        events: lines,
        start: start.replace('\n', " "),
    }
}

//! `dyad eval petrarch`: code PETRARCH unit-test records and score exact
//! (source, target, code) triples against their gold.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use dyad_code::{Config, Environment, Record};
use dyad_dict::DictFiles;
use dyad_pipeline::{DictSource, Pipeline, PipelineConfig, Require};

use crate::args::EvalPetrarchArgs;
use crate::eval::round4;

/// Runs `dyad eval petrarch`.
pub fn run(args: &EvalPetrarchArgs) -> anyhow::Result<ExitCode> {
    let file = crate::code::read_records(&args.records)?;
    let files = dictionary_files(args, &file.environment)?;
    let pipeline = crate::code::pipeline(PipelineConfig {
        dicts: DictSource::PetrarchFiles(files),
        require: Require::Dyad,
        explain: args.explain,
        model: None,
        allow_empty_dicts: false,
        ..PipelineConfig::default()
    })?;
    let mut score = Score::default();
    for record in &file.records {
        score_record(&pipeline, record, args, &mut score)?;
    }
    report(&score)?;
    Ok(ExitCode::SUCCESS)
}

/// The dictionary files: those the flags give, else those the records'
/// `<Environment>` names, in `--dicts`; each must exist.
fn dictionary_files(args: &EvalPetrarchArgs, env: &Environment) -> anyhow::Result<DictFiles> {
    if let Some(dir) = &args.dicts {
        anyhow::ensure!(
            dir.is_dir(),
            "dictionary folder {} not found",
            dir.display()
        );
    }
    let in_dir = |name: &str| -> anyhow::Result<PathBuf> {
        match &args.dicts {
            Some(dir) => Ok(dir.join(name)),
            None => anyhow::bail!(
                "the records name the dictionary {name}: pass --dicts DIR where it is, \
                 or give every dictionary with --verbs, --actors, --agents, --discards"
            ),
        }
    };
    let pick = |given: &Option<PathBuf>,
                named: &Option<String>,
                what: &str|
     -> anyhow::Result<Option<PathBuf>> {
        match (given, named) {
            (Some(p), _) => Ok(Some(p.clone())),
            (None, Some(name)) => Ok(Some(in_dir(name)?)),
            (None, None) => {
                err_line!("dyad: warning: no {what} dictionary given or named by the records");
                Ok(None)
            }
        }
    };
    let actors = if args.actors.is_empty() {
        env.actors
            .iter()
            .map(|a| in_dir(a))
            .collect::<anyhow::Result<_>>()?
    } else {
        args.actors.clone()
    };
    let files = DictFiles {
        verbs: pick(&args.verbs, &env.verbs, "verb")?,
        actors,
        agents: pick(&args.agents, &env.agents, "agent")?,
        discards: pick(&args.discards, &env.discards, "discard")?,
        issues: None,
    };
    let all: Vec<&Path> = files
        .verbs
        .iter()
        .chain(&files.actors)
        .chain(&files.agents)
        .chain(&files.discards)
        .map(PathBuf::as_path)
        .collect();
    err_line!(
        "dyad: dictionaries: {}",
        all.iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    Ok(files)
}

/// Codes one record (with its embedded parse, or dyad's own) under the
/// options its `<Config>` tags set, and adds it to `score`.
fn score_record(
    pipeline: &Pipeline,
    record: &Record,
    args: &EvalPetrarchArgs,
    score: &mut Score,
) -> anyhow::Result<()> {
    let own_parse;
    let document = if args.use_parses {
        &record.document
    } else {
        // dyad segments, tags and parses the text itself
        let mut doc = record.document.clone();
        doc.sentences.clear();
        pipeline.annotate(&mut doc);
        own_parse = doc;
        &own_parse
    };
    for w in &record.warnings {
        err_line!(
            "dyad: warning: record {} (line {}): {w}",
            record.id,
            record.line
        );
    }
    let config = Config {
        require: if record.options.require_dyad {
            dyad_code::Require::Dyad
        } else {
            dyad_code::Require::One
        },
        new_actor_length: record.options.new_actor_length,
        commas: Some(record.options.commas),
        petrarch_readings: true,
        ..*pipeline.coder_config()
    };
    let coded = pipeline.coder().code(document, &config);
    let mut predicted: Vec<Triple> = Vec::new();
    for e in coded.events.iter().filter(|e| !e.negated) {
        let triple = (
            e.source.code.clone(),
            e.target.code.clone(),
            e.cameo.clone(),
        );
        if !predicted.contains(&triple) {
            predicted.push(triple);
        }
    }
    let (matched, missed, false_pos) = compare(record, &predicted);
    score.records += 1;
    score.gold += record.gold.len();
    score.matched += matched;
    score.missed += missed.len();
    score.false_positives += false_pos.len();
    if args.show_errors && (!missed.is_empty() || !false_pos.is_empty()) {
        out_line!(
            "== {} ({}, line {}): {}",
            record.id,
            record.category,
            record.line,
            document.text
        )?;
        for (what, triples) in [("missed", &missed), ("false ", &false_pos)] {
            for t in triples {
                out_line!("   {what} {} {} {}", t.0, t.1, t.2)?;
            }
        }
        for line in coded.traces.iter().flat_map(|t| &t.lines) {
            out_line!("   | {line}")?;
        }
    }
    Ok(())
}

/// Prints the score, the last line as JSON.
fn report(score: &Score) -> std::io::Result<()> {
    let recall = ratio(score.matched, score.gold);
    let precision = ratio(score.matched, score.matched + score.false_positives);
    out_line!(
        "{} records, {} gold events: {} matched, {} missed, {} false positives; \
         recall {:.4}, precision {:.4}",
        score.records,
        score.gold,
        score.matched,
        score.missed,
        score.false_positives,
        recall,
        precision
    )?;
    out_line!(
        "{}",
        serde_json::json!({
            "records": score.records,
            "gold_events": score.gold,
            "matched": score.matched,
            "missed": score.missed,
            "false_positives": score.false_positives,
            "recall": round4(recall),
            "precision": round4(precision),
        })
    )
}

#[derive(Debug, Default)]
struct Score {
    records: usize,
    gold: usize,
    matched: usize,
    missed: usize,
    false_positives: usize,
}

type Triple = (String, String, String);

/// Matches gold and predicted triples one to one.
fn compare(record: &Record, predicted: &[Triple]) -> (usize, Vec<Triple>, Vec<Triple>) {
    let mut unused: Vec<Option<&Triple>> = predicted.iter().map(Some).collect();
    let mut matched = 0;
    let mut missed = Vec::new();
    for g in &record.gold {
        let found = unused
            .iter_mut()
            .find(|p| p.is_some_and(|(s, t, c)| *s == g.source && *t == g.target && *c == g.code));
        match found {
            Some(slot) => {
                *slot = None;
                matched += 1;
            }
            None => missed.push((g.source.clone(), g.target.clone(), g.code.clone())),
        }
    }
    let false_pos = unused.into_iter().flatten().cloned().collect();
    (matched, missed, false_pos)
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

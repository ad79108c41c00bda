//! `dyad eval petrarch`: code PETRARCH unit-test records and score exact
//! (source, target, code) triples against their gold.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use dyad_code::{Coder, Config, Record};
use dyad_dict::DictFiles;

use crate::args::EvalPetrarchArgs;
use crate::code::{dict_dir, load_dicts};
use crate::eval::round4;

/// Runs `dyad eval petrarch`.
pub fn run(args: &EvalPetrarchArgs) -> anyhow::Result<ExitCode> {
    let text = std::fs::read_to_string(&args.records)
        .with_context(|| format!("cannot read {}", args.records.display()))?;
    let file = dyad_code::read_records(&text);
    let dir = dict_dir(args.dicts.as_deref())?;
    let env = &file.environment;
    let pick = |given: &Option<PathBuf>,
                named: &Option<String>,
                what: &str|
     -> anyhow::Result<Option<PathBuf>> {
        match (given, named) {
            (Some(p), _) => Ok(Some(p.clone())),
            (None, Some(name)) => Ok(Some(dir.join(name))),
            (None, None) => {
                eprintln!("dyad: warning: no {what} dictionary given or named by the records");
                Ok(None)
            }
        }
    };
    let files = DictFiles {
        verbs: pick(&args.verbs, &env.verbs, "verb")?,
        actors: if args.actors.is_empty() {
            env.actors.iter().map(|a| dir.join(a)).collect()
        } else {
            args.actors.clone()
        },
        agents: pick(&args.agents, &env.agents, "agent")?,
        discards: pick(&args.discards, &env.discards, "discard")?,
        issues: None,
    };
    for path in files
        .verbs
        .iter()
        .chain(&files.actors)
        .chain(&files.agents)
        .chain(&files.discards)
    {
        anyhow::ensure!(path.is_file(), "dictionary {} not found", path.display());
    }
    eprintln!(
        "dyad: dictionaries: verbs {}, actors {}, agents {}, discards {}",
        show(files.verbs.as_deref()),
        files
            .actors
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", "),
        show(files.agents.as_deref()),
        show(files.discards.as_deref())
    );
    let coder = Coder::new(load_dicts(&files)?);
    for (at, synset) in coder.skipped_patterns() {
        eprintln!("dyad: warning: {at}: pattern names unknown synset &{synset}; skipped");
    }
    let config = Config {
        explain: args.explain,
        ..Config::default()
    };
    // Without --use-parses dyad segments, tags and parses the text itself.
    let model = if args.use_parses {
        None
    } else {
        Some(dyad_nlp::Model::english().context("cannot load the built-in English model")?)
    };
    let segmenter = dyad_text::Segmenter::new();
    let mut score = Score::default();
    for record in &file.records {
        let own_parse;
        let document = match &model {
            None => &record.document,
            Some(model) => {
                let mut doc = record.document.clone();
                doc.sentences.clear();
                segmenter.segment(&mut doc);
                crate::nlp::annotate_document(model, &mut doc);
                own_parse = doc;
                &own_parse
            }
        };
        for w in &record.warnings {
            eprintln!(
                "dyad: warning: record {} (line {}): {w}",
                record.id, record.line
            );
        }
        // the records' `<Config>` options in force for this record
        let config = Config {
            require_dyad: record.options.require_dyad,
            new_actor_length: record.options.new_actor_length,
            commas: Some(record.options.commas),
            ..config
        };
        let coded = coder.code(document, &config);
        let mut predicted: Vec<(String, String, String)> = Vec::new();
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
            println!(
                "== {} ({}, line {}): {}",
                record.id, record.category, record.line, document.text
            );
            for m in &missed {
                println!("   missed {} {} {}", m.0, m.1, m.2);
            }
            for f in &false_pos {
                println!("   false  {} {} {}", f.0, f.1, f.2);
            }
            for t in &coded.traces {
                for line in &t.lines {
                    println!("   | {line}");
                }
            }
        }
    }
    let recall = ratio(score.matched, score.gold);
    let precision = ratio(score.matched, score.matched + score.false_positives);
    println!(
        "{} records, {} gold events: {} matched, {} missed, {} false positives; \
         recall {:.4}, precision {:.4}",
        score.records,
        score.gold,
        score.matched,
        score.missed,
        score.false_positives,
        recall,
        precision
    );
    println!(
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
    );
    Ok(ExitCode::SUCCESS)
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

fn show(path: Option<&Path>) -> String {
    path.map_or_else(|| "-".to_string(), |p| p.display().to_string())
}

//! `dyad eval geo --lgl FILE`: toponym detection and resolution on the LGL
//! corpus.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use clap::Args;
use dyad_enrich::Gazetteer;
use dyad_enrich::lgl::{Detection, evaluate_prepared, read_lgl};

use crate::eval::round4;

/// `dyad eval geo`
#[derive(Debug, Args)]
pub struct EvalGeoArgs {
    /// The LGL corpus file (`lgl.xml`).
    #[arg(long, value_name = "FILE")]
    pub lgl: PathBuf,
    /// List every wrongly resolved toponym on stderr.
    #[arg(long)]
    pub show_errors: bool,
}

/// Runs `dyad eval geo`: one line per mode, gold toponyms (resolution only)
/// then dyad's own detection; the last line is the own-detection JSON.
pub fn run(args: &EvalGeoArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let gazetteer = Gazetteer::builtin();
    anyhow::ensure!(
        !gazetteer.is_empty(),
        "the built-in gazetteer could not be loaded"
    );
    let load_seconds = started.elapsed().as_secs_f64();
    let articles =
        read_lgl(&args.lgl).with_context(|| format!("cannot read {}", args.lgl.display()))?;
    // The pipeline's tagger and dictionaries: dyad's own detection sees
    // the parts of speech and the actor and agent names that `dyad code`
    // sees.
    let model = dyad_nlp::Model::english().context("cannot load the built-in English model")?;
    let dicts = dyad_dict::builtin_dictionaries();
    let prepare = |doc: &mut dyad_core::Document| {
        for sentence in &mut doc.sentences {
            let forms: Vec<&str> = sentence.tokens.iter().map(|t| t.form(&doc.text)).collect();
            sentence.analysis = model.annotate(&forms);
        }
        dyad_pipeline::explained_spans(&dicts, doc)
    };
    for (mode, detection) in [("gold", Detection::Gold), ("dyad", Detection::Own)] {
        let s = evaluate_prepared(&gazetteer, &articles, detection, &prepare);
        if args.show_errors {
            for (id, phrase, chosen, km) in &s.misses {
                err_line!("{mode}\t{id}\t{phrase}\t{chosen}\t{km:.0}");
            }
            for (id, start, text, kind) in &s.detection_errors {
                err_line!("{kind}\t{id}\t{text}\t{start}");
            }
        }
        out_line!(
            "{}",
            serde_json::json!({
                "detection": mode,
                "toponyms": s.toponyms,
                "detection_precision": s.detection_precision.map(round4),
                "detection_recall": s.detection_recall.map(round4),
                "detection_f1": s.detection_f1.map(round4),
                "accuracy_161km": round4(s.accuracy_161km),
                "mean_error_km": round4(s.mean_error_km),
                "unresolved": s.unresolved,
                "gazetteer_load_s": round4(load_seconds),
            })
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

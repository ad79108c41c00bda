//! `dyad eval geo --lgl FILE`: toponym detection and resolution on the LGL
//! corpus.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use clap::Args;
use dyad_enrich::Gazetteer;
use dyad_enrich::lgl::{Detection, GeoScores, evaluate_prepared, read_lgl};

use dyad_pipeline::{PipelineConfig, Require};

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

/// Runs `dyad eval geo`. The first line is what `dyad code` does (every
/// article read on its own with the pipeline's tagger, coder and
/// dictionaries): resolution of the gold toponyms, then own detection; the
/// second line the same with the source home region, which needs a corpus
/// of the source's other articles (`dyad code --source-profile`). Then
/// one JSON line per mode (gold, then own detection, last), its top-level
/// figures the pipeline's and the source home region's in
/// `with_source_profile`.
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
    // The pipeline of `dyad code` with its defaults: the toponyms are found
    // and resolved as there, with the tagger's parts of speech, the names
    // the actor and agent dictionaries explain, and the coded events'
    // actor countries.
    let pipeline = crate::code::pipeline(PipelineConfig {
        require: Require::One,
        ..PipelineConfig::default()
    })?;
    let prepare = |doc: &mut dyad_core::Document| pipeline.prepare_places(doc);
    let gold = evaluate_prepared(&gazetteer, &articles, Detection::Gold, &prepare);
    let own = evaluate_prepared(&gazetteer, &articles, Detection::Own, &prepare);
    if args.show_errors {
        for (mode, evaluation) in [("gold", &gold), ("dyad", &own)] {
            for (id, phrase, chosen, km) in &evaluation.pipeline.misses {
                err_line!("{mode}\t{id}\t{phrase}\t{chosen}\t{km:.0}");
            }
            for (id, start, text, kind) in &evaluation.pipeline.detection_errors {
                err_line!("{kind}\t{id}\t{text}\t{start}");
            }
        }
    }
    out_line!(
        "pipeline (dyad code, each article alone): {}",
        summary(&gold.pipeline, &own.pipeline)
    )?;
    out_line!(
        "with_source_profile (needs the source's other articles; dyad code --source-profile): {}",
        summary(&gold.with_source_profile, &own.with_source_profile)
    )?;
    for (mode, evaluation) in [("gold", &gold), ("dyad", &own)] {
        let s = &evaluation.pipeline;
        let home = &evaluation.with_source_profile;
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
                "with_source_profile": {
                    "accuracy_161km": round4(home.accuracy_161km),
                    "mean_error_km": round4(home.mean_error_km),
                    "unresolved": home.unresolved,
                },
                "gazetteer_load_s": round4(load_seconds),
            })
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// One human-readable line of figures: gold toponyms resolved, then own
/// detection and its resolution.
fn summary(gold: &GeoScores, own: &GeoScores) -> String {
    format!(
        "gold toponyms {:.4} within 161 km (of {}, mean error {:.0} km, {} unresolved); \
         own detection F1 {:.4} (P {:.4}, R {:.4}), {:.4} of the correctly detected within 161 km",
        gold.accuracy_161km,
        gold.toponyms,
        gold.mean_error_km,
        gold.unresolved,
        own.detection_f1.unwrap_or(0.0),
        own.detection_precision.unwrap_or(0.0),
        own.detection_recall.unwrap_or(0.0),
        own.accuracy_161km,
    )
}

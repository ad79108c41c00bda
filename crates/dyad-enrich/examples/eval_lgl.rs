//! Evaluates dyad's geoparsing on the LGL corpus.
//!
//! ```text
//! cargo run --release -p dyad-enrich --example eval_lgl -- ../shared/data/geo/lgl.xml
//! ```
//!
//! Prints one JSON line per detection mode (`gold`: the gold toponym spans,
//! resolution only; `own`: dyad's recogniser), the `own` line last; each
//! article resolved alone as `dyad code` does (no tagger or dictionaries
//! here), with the source-profile figures in `with_source_profile`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use dyad_enrich::Gazetteer;
use dyad_enrich::lgl::{Detection, evaluate, read_lgl};

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: eval_lgl LGL.xml");
        return ExitCode::from(2);
    };
    let started = Instant::now();
    let gazetteer = Gazetteer::builtin();
    eprintln!(
        "gazetteer: {} places loaded in {:.3} s",
        gazetteer.len(),
        started.elapsed().as_secs_f64()
    );
    let articles = match read_lgl(&PathBuf::from(&path)) {
        Ok(articles) => articles,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    for (mode, detection) in [("gold", Detection::Gold), ("own", Detection::Own)] {
        let evaluation = evaluate(&gazetteer, &articles, detection);
        let p = &evaluation.pipeline;
        let line = serde_json::json!({
            "mode": mode,
            "toponyms": p.toponyms,
            "detection_precision": p.detection_precision,
            "detection_recall": p.detection_recall,
            "detection_f1": p.detection_f1,
            "accuracy_161km": p.accuracy_161km,
            "mean_error_km": p.mean_error_km,
            "unresolved": p.unresolved,
            "gold_spans": p.gold_spans,
            "detected": p.detected,
            "with_source_profile": {
                "accuracy_161km": evaluation.with_source_profile.accuracy_161km,
                "mean_error_km": evaluation.with_source_profile.mean_error_km,
                "unresolved": evaluation.with_source_profile.unresolved,
            },
        });
        if std::env::args().any(|a| a == "--misses") {
            for (id, phrase, chosen, km) in &p.misses {
                eprintln!("{mode}\t{id}\t{phrase}\t{chosen}\t{km:.0}");
            }
            for (id, start, text, kind) in &p.detection_errors {
                eprintln!("{kind}\t{id}\t{text}\t{start}");
            }
        }
        println!("{line}");
    }
    ExitCode::SUCCESS
}

//! Evaluates dyad's geoparsing on the LGL corpus.
//!
//! ```text
//! cargo run --release -p dyad-enrich --example eval_lgl -- ../shared/data/geo/lgl.xml
//! ```
//!
//! Prints one JSON line per detection mode (`gold`: the gold toponym spans,
//! resolution only; `own`: dyad's recogniser), the `own` line last.

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
        let s = evaluate(&gazetteer, &articles, detection);
        let line = serde_json::json!({
            "mode": mode,
            "toponyms": s.toponyms,
            "detection_precision": s.detection_precision,
            "detection_recall": s.detection_recall,
            "detection_f1": s.detection_f1,
            "accuracy_161km": s.accuracy_161km,
            "mean_error_km": s.mean_error_km,
            "unresolved": s.unresolved,
            "gold_spans": s.gold_spans,
            "detected": s.detected,
        });
        if std::env::args().any(|a| a == "--misses") {
            for (id, phrase, chosen, km) in &s.misses {
                eprintln!("{mode}\t{id}\t{phrase}\t{chosen}\t{km:.0}");
            }
            for (id, start, text, kind) in &s.detection_errors {
                eprintln!("{kind}\t{id}\t{text}\t{start}");
            }
        }
        println!("{line}");
    }
    ExitCode::SUCCESS
}

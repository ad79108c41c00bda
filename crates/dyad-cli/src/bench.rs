//! `dyad bench …`: throughput measurements.
//!
//! Inputs are read once into memory; only the stage under test is timed.

use std::process::ExitCode;
use std::time::Instant;

use dyad_core::Document;
use dyad_text::Segmenter;
use rayon::prelude::*;

use crate::args::BenchSegmentArgs;
use crate::eval::round4;
use crate::parse::ingest_config;

/// `dyad bench segment INPUT...`.
pub fn segment(args: &BenchSegmentArgs) -> anyhow::Result<ExitCode> {
    let mut docs: Vec<Document> = Vec::new();
    let mut errors = 0usize;
    for item in dyad_ingest::read_inputs(args.input.inputs.clone(), ingest_config(&args.input)) {
        match item {
            Ok(mut doc) => {
                doc.sentences.clear();
                docs.push(doc);
            }
            Err(_) => errors += 1,
        }
    }
    anyhow::ensure!(
        !docs.is_empty(),
        "no documents to segment ({errors} errors)"
    );
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let segmenter = Segmenter::new();
    let rounds = args.rounds.max(1);

    let mut sentences = 0usize;
    let mut single = f64::MAX;
    for _ in 0..rounds {
        let mut work = docs.clone();
        let started = Instant::now();
        for doc in &mut work {
            segmenter.segment(doc);
        }
        single = single.min(started.elapsed().as_secs_f64());
        sentences = work.iter().map(|d| d.sentences.len()).sum();
    }
    let threads = rayon::current_num_threads();
    let mut parallel = f64::MAX;
    for _ in 0..rounds {
        let mut work = docs.clone();
        let started = Instant::now();
        work.par_iter_mut().for_each(|doc| segmenter.segment(doc));
        parallel = parallel.min(started.elapsed().as_secs_f64());
    }
    let report = |name: &str, seconds: f64| {
        out_line!(
            "{name:<16} {:>10.0} docs/s {:>8.1} MB/s {:>10.0} sentences/s",
            docs.len() as f64 / seconds,
            bytes as f64 / 1e6 / seconds,
            sentences as f64 / seconds
        )
    };
    out_line!(
        "{} documents, {:.1} MB of text, {} sentences, {} read errors, best of {rounds}",
        docs.len(),
        bytes as f64 / 1e6,
        sentences,
        errors
    )?;
    report("1 thread", single)?;
    report(&format!("{threads} threads"), parallel)?;
    let json = serde_json::json!({
        "documents": docs.len(),
        "mb": round4(bytes as f64 / 1e6),
        "sentences": sentences,
        "single_thread": {
            "docs_per_s": (docs.len() as f64 / single).round(),
            "mb_per_s": round4(bytes as f64 / 1e6 / single),
            "sentences_per_s": (sentences as f64 / single).round(),
        },
        "all_threads": {
            "threads": threads,
            "docs_per_s": (docs.len() as f64 / parallel).round(),
            "mb_per_s": round4(bytes as f64 / 1e6 / parallel),
            "sentences_per_s": (sentences as f64 / parallel).round(),
        },
    });
    out_line!("{json}")?;
    Ok(ExitCode::SUCCESS)
}

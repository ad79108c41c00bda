//! Loads a dictionary set and prints entry counts, diagnostics and the time
//! taken: `cargo run --release -p dyad-dict --example load_dicts -- DIR`
//! (DIR defaults to `../shared/data/petrarch2/dictionaries`). With
//! `--verbs FILE`, `--actors FILE`, `--agents FILE`, `--discards FILE` only
//! those files are read.

use dyad_dict::{DictFiles, Dictionaries};
use std::path::PathBuf;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut files = DictFiles::default();
    let mut dir = None;
    while let Some(arg) = args.next() {
        let mut value = || args.next().map(PathBuf::from).ok_or("missing value");
        match arg.as_str() {
            "--verbs" => files.verbs = Some(value()?),
            "--actors" => files.actors.push(value()?),
            "--agents" => files.agents = Some(value()?),
            "--discards" => files.discards = Some(value()?),
            "--issues" => files.issues = Some(value()?),
            _ => dir = Some(PathBuf::from(arg)),
        }
    }
    if files == DictFiles::default() {
        let dir = dir.unwrap_or_else(|| PathBuf::from("../shared/data/petrarch2/dictionaries"));
        files = DictFiles::phoenix(&dir);
    }
    let start = Instant::now();
    let (dicts, diags) = Dictionaries::load(&files)?;
    let elapsed = start.elapsed();
    for d in &diags {
        println!("{d}");
    }
    println!(
        "synsets {} blocks {} verbs {} verb-words {} patterns {} transformations {}",
        dicts.verbs.synsets().len(),
        dicts.verbs.blocks().len(),
        dicts.verbs.verb_count(),
        dicts.verbs.form_count(),
        dicts.verbs.pattern_count(),
        dicts.verbs.transformations().len()
    );
    println!(
        "actor entries {} actor phrases {} agent entries {} discards {} issues {} (categories {})",
        dicts.actors.len(),
        dicts.actors.phrase_count(),
        dicts.agents.len(),
        dicts.discards.len(),
        dicts.issues.len(),
        dicts.issues.categories().len()
    );
    println!("diagnostics {}", diags.len());
    println!("load time {:.1} ms", elapsed.as_secs_f64() * 1000.0);
    Ok(())
}

//! `dyad-fuzz`: mutation fuzzing of dyad's parsers of outside input.
//!
//! ```sh
//! cargo run --release -p dyad-fuzz -- --target html --seconds 600
//! cargo run --release -p dyad-fuzz -- --seconds 60   # every target in turn
//! ```
//!
//! Prints executions, findings and the slowest input per target; each
//! finding is written to `--out DIR` (default `fuzz-findings/`) as
//! `<target>-<n>.bin` with a `.txt` saying what happened. Exit status 1
//! when anything was found.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use clap::Parser;
use dyad_fuzz::{Options, Target, fuzz};

/// Mutation fuzzing of dyad's input parsers.
#[derive(Debug, Parser)]
struct Args {
    /// Target (html, xml, csv, jsonl, sgml, conllu, text, petrarch-dicts,
    /// dyad-dicts); every target in turn when left out.
    #[arg(long)]
    target: Option<String>,
    /// Seconds per target.
    #[arg(long, default_value_t = 60)]
    seconds: u64,
    /// Inputs per target at most.
    #[arg(long, default_value_t = u64::MAX)]
    executions: u64,
    /// The generator's seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// An input slower than this many seconds is a finding.
    #[arg(long, default_value_t = 5.0)]
    slow: f64,
    /// Where findings are written.
    #[arg(long, default_value = "fuzz-findings")]
    out: PathBuf,
}

fn main() -> ExitCode {
    match run(Args::parse()) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(err) => {
            eprintln!("dyad-fuzz: error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn run(args: Args) -> anyhow::Result<bool> {
    let targets = match &args.target {
        Some(name) => {
            vec![Target::from_name(name).with_context(|| format!("unknown target {name}"))?]
        }
        None => Target::ALL.to_vec(),
    };
    let scratch = std::env::temp_dir().join(format!("dyad-fuzz-{}", std::process::id()));
    std::fs::create_dir_all(&scratch)?;
    // panics are expected findings: keep their messages off the terminal
    std::panic::set_hook(Box::new(|_| {}));
    let mut clean = true;
    for target in targets {
        let options = Options {
            duration: Duration::from_secs(args.seconds),
            max_executions: args.executions,
            seed: args.seed,
            slow: Duration::from_secs_f64(args.slow),
            scratch: scratch.clone(),
        };
        let report = fuzz(target, &options);
        println!(
            "{:<15} {:>10} executions in {} s, {} findings, slowest input {:.3} s",
            target.name(),
            report.executions,
            args.seconds,
            report.findings.len(),
            report.slowest_s
        );
        if !report.findings.is_empty() {
            clean = false;
            std::fs::create_dir_all(&args.out)?;
            for (n, finding) in report.findings.iter().enumerate().take(20) {
                let stem = args.out.join(format!("{}-{n}", target.name()));
                std::fs::write(stem.with_extension("bin"), &finding.input)?;
                std::fs::write(stem.with_extension("txt"), &finding.what)?;
                println!("  {}: {}", stem.display(), finding.what);
            }
        }
    }
    let _ = std::fs::remove_dir_all(&scratch);
    Ok(clean)
}

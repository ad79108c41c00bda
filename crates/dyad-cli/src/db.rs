//! `dyad code --db FILE` (load into an event store) and `dyad db …`
//! (stats, migrate, synth).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use anyhow::Context;
use clap::{Args, Subcommand};
use dyad_pipeline::{PipelineConfig, Processed, executor};
use dyad_store::{Loader, Store, content_hash};

use crate::args::CodeArgs;
use crate::output;

/// `dyad db …`
#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// What an event store holds: documents, sentences, events, dates,
    /// events per PLOVER type, and its loads.
    Stats(DbStatsArgs),
    /// Bring an event store made by an older dyad to the current schema.
    Migrate(DbFileArgs),
    /// Fill an event store with synthetic documents and events (three per
    /// document), for load tests; prints the loading rate.
    Synth(DbSynthArgs),
}

/// An event store file.
#[derive(Debug, Args)]
pub struct DbFileArgs {
    /// The SQLite event store.
    #[arg(value_name = "FILE")]
    pub db: PathBuf,
}

/// `dyad db stats`
#[derive(Debug, Args)]
pub struct DbStatsArgs {
    /// The SQLite event store.
    #[arg(value_name = "FILE")]
    pub db: PathBuf,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

/// `dyad db synth`
#[derive(Debug, Args)]
pub struct DbSynthArgs {
    /// The SQLite event store (created when absent).
    #[arg(value_name = "FILE")]
    pub db: PathBuf,
    /// Synthetic documents to load (three events each).
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub documents: u64,
    /// Document ids are `PREFIX-n`; loading the same prefix and count
    /// again adds nothing.
    #[arg(long, value_name = "PREFIX", default_value = "synth")]
    pub prefix: String,
}

/// Runs `dyad db …`.
pub fn run(command: &DbCommand) -> anyhow::Result<ExitCode> {
    match command {
        DbCommand::Stats(args) => stats(args),
        DbCommand::Migrate(args) => {
            let before = read_version(&args.db)?;
            let store = Store::open(&args.db).with_context(|| context(&args.db))?;
            let after = dyad_store::schema::version(store.connection())?;
            out_line!("{}: schema version {before} → {after}", args.db.display())?;
            Ok(ExitCode::SUCCESS)
        }
        DbCommand::Synth(args) => synth(args),
    }
}

fn context(db: &Path) -> String {
    format!("event store {}", db.display())
}

/// The schema version of a store file, without migrating it.
fn read_version(db: &Path) -> anyhow::Result<u32> {
    match Store::open_read_only(db) {
        Ok(store) => Ok(dyad_store::schema::version(store.connection())?),
        Err(dyad_store::StoreError::TooOld { found, .. }) => Ok(found),
        Err(err) => Err(anyhow::Error::new(err).context(context(db))),
    }
}

fn stats(args: &DbStatsArgs) -> anyhow::Result<ExitCode> {
    let store = Store::open_read_only(&args.db).with_context(|| context(&args.db))?;
    let stats = store.stats()?;
    if args.json {
        out_line!("{}", serde_json::to_string(&stats)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    out_line!(
        "{} (schema version {})",
        args.db.display(),
        stats.schema_version
    )?;
    out_line!(
        "{} documents, {} sentences, {} events ({} with coordinates)",
        stats.documents,
        stats.sentences,
        stats.events,
        stats.events_with_coordinates
    )?;
    if let (Some(first), Some(last)) = (&stats.first_date, &stats.last_date) {
        out_line!("dates {first} to {last}")?;
    }
    for (kind, n) in &stats.by_type {
        out_line!("  {:<10} {n}", kind.as_deref().unwrap_or("(none)"))?;
    }
    for (i, load) in stats.loads.iter().enumerate() {
        out_line!(
            "load {}: {} added, {} replaced, {} unchanged, {} events, {:.2} s",
            i + 1,
            load.added,
            load.replaced,
            load.skipped,
            load.events,
            load.seconds
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

fn synth(args: &DbSynthArgs) -> anyhow::Result<ExitCode> {
    let mut store = Store::open(&args.db).with_context(|| context(&args.db))?;
    let mut loader = store.loader()?;
    let started = Instant::now();
    for n in 0..args.documents {
        let (doc, events) = dyad_store::synth::document(&args.prefix, n);
        loader.put(&doc, &events)?;
    }
    let counts = loader.finish()?;
    let seconds = started.elapsed().as_secs_f64();
    out_line!(
        "{}: {} documents added, {} unchanged, {} events in {seconds:.2} s ({:.0} events/s)",
        args.db.display(),
        counts.added,
        counts.skipped,
        counts.events,
        counts.events as f64 / seconds.max(1e-9)
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Runs `dyad code --db FILE`: documents already stored with the same
/// content are left out before the pipeline, so a second run over the same
/// input only reads it.
pub fn code(args: &CodeArgs, db: &Path) -> anyhow::Result<ExitCode> {
    let pipeline = crate::code::pipeline(PipelineConfig {
        dicts: crate::code::dict_source(&args.dicts),
        require: crate::args::require(args.require, args.one_sided),
        explain: args.explain,
        model: None,
        allow_empty_dicts: args.dicts.allow_empty_dicts,
        ..PipelineConfig::default()
    })?;
    let mut store = Store::open(db).with_context(|| context(db))?;
    let known: HashMap<String, String> = {
        let loader = store.loader()?;
        loader.known().clone()
    };
    let unchanged = AtomicU64::new(0);
    let items = crate::parse::read_inputs(&args.input)?.filter(|item| match item {
        Ok(doc) if known.get(&doc.meta.id) == Some(&content_hash(doc)) => {
            unchanged.fetch_add(1, Ordering::Relaxed);
            false
        }
        _ => true,
    });
    let mut errors = output::ErrorSink::new(output::open(
        args.errors.as_deref(),
        output::Fallback::Stderr,
    )?);
    let mut loader = store.loader()?;
    let show_progress = !args.quiet && !args.explain;
    let progress = crate::progress::Progress::new(show_progress);
    let totals = executor::run(
        items,
        |doc| {
            let mut done = pipeline.process(doc);
            // the store keeps sentence spans and text, not the parse
            for sentence in &mut done.document.sentences {
                sentence.tokens = Vec::new();
                sentence.analysis = Vec::new();
            }
            done
        },
        |result| take(&mut loader, &mut errors, result),
        |totals| progress.update(totals),
    )?;
    progress.finish();
    loader.skip(unchanged.load(Ordering::Relaxed));
    let counts = loader.finish()?;
    errors.finish()?;
    err_line!(
        "dyad: {}: {} documents added, {} replaced, {} unchanged, {} events, {} errors, {:.2} s",
        db.display(),
        counts.added,
        counts.replaced,
        counts.skipped,
        counts.events,
        totals.errors,
        counts.seconds
    );
    Ok(if args.strict && totals.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Stores one document's outcome, or writes its error record.
fn take(
    loader: &mut Loader<'_>,
    errors: &mut output::ErrorSink,
    result: Result<Processed, dyad_core::DocError>,
) -> anyhow::Result<()> {
    let done = match result {
        Ok(done) => done,
        Err(err) => return errors.write(&err),
    };
    for warning in &done.document.warnings {
        err_line!(
            "dyad: warning: {}: {warning}",
            done.document.meta.origin.path
        );
    }
    for line in crate::code::diagnostic_lines(&done) {
        err_line!("{line}");
    }
    loader.put(&done.document, &done.events)?;
    Ok(())
}

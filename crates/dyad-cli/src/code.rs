//! `dyad code` and `dyad bench code`: flags → [`PipelineConfig`] →
//! [`Pipeline`] → writer.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use dyad_code::{Coder, Config, Scratch};
use dyad_dict::Diagnostic;
use dyad_output::{Format, Writer};
use dyad_pipeline::{
    Clusterer, DiagnosticKind, DictSource, Pipeline, PipelineConfig, Processed, SourceProfiles,
    cluster_report, executor,
};

use crate::args::{BenchCodeArgs, CodeArgs, DictArgs, DictFormat, EmitKind};
use crate::eval::round4;
use crate::output;
use crate::parse::read_inputs;

/// Where `--dicts`/`--dict-format` say the dictionaries are.
pub fn dict_source(args: &DictArgs) -> DictSource {
    match (&args.dicts, args.dict_format) {
        (None, _) => DictSource::Builtin,
        (Some(dir), DictFormat::Dyad) => DictSource::Dyad(dir.clone()),
        (Some(dir), DictFormat::Petrarch) => DictSource::Petrarch(dir.clone()),
    }
}

/// Builds the pipeline, reporting dictionary problems and skipped patterns
/// on stderr as warnings.
pub fn pipeline(config: PipelineConfig) -> anyhow::Result<Pipeline> {
    let pipeline = Pipeline::new(config)?;
    report_diagnostics(pipeline.dictionary_diagnostics());
    for warning in pipeline.dictionary_warnings() {
        err_line!("dyad: warning: {warning}");
    }
    for (at, synset) in pipeline.coder().skipped_patterns() {
        err_line!("dyad: warning: {at}: pattern names unknown synset &{synset}; skipped");
    }
    Ok(pipeline)
}

/// Reports dictionary problems on stderr: counts per file, and the first
/// few with file:line.
pub fn report_diagnostics(diagnostics: &[Diagnostic]) {
    if diagnostics.is_empty() {
        return;
    }
    let mut per_file: Vec<(String, usize)> = Vec::new();
    for d in diagnostics {
        match per_file.iter_mut().find(|(f, _)| **f == *d.file) {
            Some((_, n)) => *n += 1,
            None => per_file.push((d.file.to_string(), 1)),
        }
    }
    let counts: Vec<String> = per_file.iter().map(|(f, n)| format!("{f}: {n}")).collect();
    err_line!(
        "dyad: warning: {} dictionary problems ({})",
        diagnostics.len(),
        counts.join(", ")
    );
    const SHOWN: usize = 10;
    for d in diagnostics.iter().take(SHOWN) {
        err_line!("dyad: warning: {d}");
    }
    if diagnostics.len() > SHOWN {
        err_line!("dyad: warning: … and {} more", diagnostics.len() - SHOWN);
    }
}

/// The lines `dyad code` prints on stderr for a document's diagnostics:
/// each sentence's trace under a `# doc sentence N` header, then warnings.
pub fn diagnostic_lines(done: &Processed) -> Vec<String> {
    let id = &done.document.meta.id;
    let mut lines = Vec::new();
    let mut traced = None;
    for d in &done.diagnostics {
        let sentence = d.sentence.unwrap_or(0);
        match d.kind {
            DiagnosticKind::Trace => {
                if traced != Some(sentence) {
                    lines.push(format!("# {id} sentence {sentence}"));
                    traced = Some(sentence);
                }
                lines.push(format!("  {}", d.message));
            }
            DiagnosticKind::Warning => {
                lines.push(format!(
                    "dyad: warning: {id} sentence {sentence}: {}",
                    d.message
                ));
            }
        }
    }
    lines
}

/// Where `dyad code` writes: documents as JSON lines, or events through
/// a `dyad-output` writer.
enum Sink {
    Documents(Box<dyn Write + Send>),
    Events(Box<dyn Writer + Send>),
}

/// Checks the output flags and opens the output.
fn sink(args: &CodeArgs) -> anyhow::Result<Sink> {
    anyhow::ensure!(
        args.emit == EmitKind::Events || args.to == Format::Jsonl,
        "--emit documents writes JSON lines only (leave out --to {})",
        args.to
    );
    anyhow::ensure!(
        args.to != Format::Parquet || args.output.is_some(),
        "--to parquet needs --output FILE (Parquet is a binary file, not a stream)"
    );
    anyhow::ensure!(
        args.to.is_built(),
        "this dyad was built without the `parquet` feature"
    );
    output::distinct(args.output.as_deref(), args.errors.as_deref())?;
    let out = output::open(args.output.as_deref(), output::Fallback::Stdout)?;
    Ok(match args.emit {
        EmitKind::Documents => Sink::Documents(out),
        EmitKind::Events => Sink::Events(dyad_output::writer(args.to, out)?),
    })
}

/// What a `dyad code` run writes to and counts as documents come out of
/// the pipeline, in input order.
struct Writing {
    sink: Sink,
    errors: output::ErrorSink,
    clusterer: Option<Clusterer>,
    unparsed: usize,
    fields: dyad_ingest::FieldCounts,
}

impl Writing {
    /// Writes one document's outcome (or holds its events for clustering).
    fn take(&mut self, result: Result<Processed, dyad_core::DocError>) -> anyhow::Result<()> {
        let done = match result {
            Ok(done) => done,
            Err(err) => return self.errors.write(&err),
        };
        for warning in &done.document.warnings {
            err_line!(
                "dyad: warning: {}: {warning}",
                done.document.meta.origin.path
            );
        }
        for line in diagnostic_lines(&done) {
            err_line!("{line}");
        }
        self.unparsed += done.unparsed;
        self.fields.observe(&done.document);
        match (&mut self.sink, &mut self.clusterer) {
            (Sink::Documents(out), _) => {
                let mut bytes = Vec::new();
                dyad_output::write_document_json(&done.document, &mut bytes)?;
                out.write_all(&bytes)?;
            }
            (Sink::Events(_), Some(clusterer)) => clusterer.push(&done.document, done.events),
            (Sink::Events(events), None) => events.write_events(&done.events)?,
        }
        Ok(())
    }

    /// Writes the clustered events, completes and flushes the outputs, and
    /// warns about what was not coded.
    fn finish(self, args: &CodeArgs) -> anyhow::Result<()> {
        match self.sink {
            Sink::Documents(mut out) => out.flush()?,
            Sink::Events(mut events) => {
                if let Some(clusterer) = self.clusterer {
                    let records = clusterer.finish();
                    if args.cluster_report {
                        for line in cluster_report(&records, 3) {
                            err_line!("{line}");
                        }
                    }
                    events.write_events(&records)?;
                }
                events.finish()?;
            }
        }
        self.errors.finish()?;
        crate::parse::warn_empty_fields(&args.input, &self.fields);
        if self.unparsed > 0 {
            err_line!(
                "dyad: warning: {} sentences have no dependency analysis and were not coded",
                self.unparsed
            );
        }
        Ok(())
    }
}

/// Runs `dyad code`.
pub fn run(args: &CodeArgs) -> anyhow::Result<ExitCode> {
    if let Some(db) = &args.db {
        return crate::db::code(args, db);
    }
    let pipeline = pipeline(PipelineConfig {
        dicts: dict_source(&args.dicts),
        require: crate::args::require(args.require, args.one_sided),
        explain: args.explain,
        model: None,
        allow_empty_dicts: args.dicts.allow_empty_dicts,
        statements: args.statements,
        min_confidence: args.min_confidence,
        ..PipelineConfig::default()
    })?;
    let profiles = if args.source_profile {
        Some(source_profiles(&pipeline, args)?)
    } else {
        None
    };
    let items = read_inputs(&args.input)?;
    let mut writing = Writing {
        sink: sink(args)?,
        errors: output::ErrorSink::new(output::open(
            args.errors.as_deref(),
            output::Fallback::Stderr,
        )?),
        clusterer: args.cluster.then(|| Clusterer::new(args.cluster_window)),
        unparsed: 0,
        fields: dyad_ingest::FieldCounts::default(),
    };
    let show_progress = !args.quiet && !args.explain;
    let progress = crate::progress::Progress::new(show_progress);
    let totals = executor::run(
        items,
        |doc| {
            let mut done = pipeline.process_with(doc, profiles.as_ref());
            if args.emit == EmitKind::Events {
                // the records carry what is written: keep a batch's memory
                // to its events, not its parsed documents
                done.document.sentences = Vec::new();
                done.document.blocks = Vec::new();
                done.document.text = String::new();
            }
            done
        },
        |result| writing.take(result),
        |totals| progress.update(totals),
    )?;
    progress.finish();
    writing.finish(args)?;
    if show_progress {
        err_line!(
            "dyad: {} documents, {} errors",
            totals.documents,
            totals.errors
        );
    }
    Ok(if args.strict && totals.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The first pass of `--source-profile`: every input document's places,
/// read on their own, counted per outlet. Documents that cannot be read
/// are skipped here (the coding pass reports them).
fn source_profiles(pipeline: &Pipeline, args: &CodeArgs) -> anyhow::Result<SourceProfiles> {
    anyhow::ensure!(
        !args.input.inputs.iter().any(|p| p.as_os_str() == "-"),
        "--source-profile reads the inputs twice: give files or folders, not stdin (-)"
    );
    let gazetteer = pipeline.gazetteer();
    let mut profiles = SourceProfiles::default();
    executor::run(
        read_inputs(&args.input)?,
        |doc| pipeline.first_reading(doc),
        |result| -> anyhow::Result<()> {
            if let Ok(reading) = result {
                profiles.add(gazetteer, &reading);
            }
            Ok(())
        },
        |_| {},
    )?;
    Ok(profiles)
}

/// Runs `dyad bench code`: single-thread coding of pre-parsed sentences
/// with the full Phoenix dictionaries.
pub fn bench(args: &BenchCodeArgs) -> anyhow::Result<ExitCode> {
    let path = &args.records;
    let docs: Vec<dyad_core::Document> = read_records(path)?
        .records
        .into_iter()
        .map(|r| r.document)
        .filter(|d| d.sentences.iter().any(|s| !s.analysis.is_empty()))
        .collect();
    anyhow::ensure!(
        !docs.is_empty(),
        "no parsed sentences in {}",
        path.display()
    );
    let started = Instant::now();
    let loaded = DictSource::Petrarch(args.dicts.clone()).load()?;
    report_diagnostics(&loaded.diagnostics);
    let coder = Coder::new(loaded.dictionaries);
    let load_s = started.elapsed().as_secs_f64();
    let config = Config::default();
    let mut scratch = Scratch::default();
    let target = args.sentences.max(docs.len());
    let mut best = f64::MAX;
    let mut events = 0usize;
    for _ in 0..args.rounds.max(1) {
        events = 0;
        let started = Instant::now();
        for doc in docs.iter().cycle().take(target) {
            events += coder.code_with(doc, &config, &mut scratch).events.len();
        }
        best = best.min(started.elapsed().as_secs_f64());
    }
    let rate = target as f64 / best;
    out_line!(
        "{} distinct sentences cycled to {target}; dictionaries loaded in {load_s:.2} s; \
         {events} events; 1 thread: {rate:.0} sentences/s (best of {})",
        docs.len(),
        args.rounds.max(1)
    )?;
    out_line!(
        "{}",
        serde_json::json!({
            "sentences": target,
            "distinct_sentences": docs.len(),
            "events": events,
            "dict_load_s": round4(load_s),
            "seconds": round4(best),
            "sentences_per_s": rate.round(),
        })
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Reads PETRARCH unit-test records (with their embedded parses).
pub fn read_records(path: &Path) -> anyhow::Result<dyad_code::RecordFile> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(dyad_code::read_records(&text))
}

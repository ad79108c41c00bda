//! `dyad code` and `dyad bench code`, and the dictionary loading they share
//! with `dyad eval petrarch`.

use std::borrow::Cow;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use dyad_code::{Coder, Config, Event, Scratch};
use dyad_core::Document;
use dyad_dict::{Diagnostic, DictFiles, Dictionaries, DyadDicts};

use crate::args::{BenchCodeArgs, CodeArgs, DictArgs, DictFormat, EmitKind};
use crate::eval::round4;
use crate::parse::ingest_config;
use crate::{output, pipeline};

/// Where the shared PETRARCH2 dictionaries are, relative to the working
/// directory: the default of `dyad eval petrarch` and `dyad bench code`
/// (`dyad code` defaults to dyad's built-in dictionaries).
pub const DEFAULT_DICTS: &str = "../shared/data/petrarch2/dictionaries";

/// The dictionary folder: the given one, else [`DEFAULT_DICTS`] when it
/// exists, else a setup error.
pub fn dict_dir(given: Option<&Path>) -> anyhow::Result<PathBuf> {
    if let Some(dir) = given {
        anyhow::ensure!(
            dir.is_dir(),
            "dictionary folder {} not found",
            dir.display()
        );
        return Ok(dir.to_path_buf());
    }
    let default = PathBuf::from(DEFAULT_DICTS);
    anyhow::ensure!(
        default.is_dir(),
        "no dictionaries: pass --dicts DIR with PETRARCH2 dictionaries \
         (CAMEO.2.0.txt, Phoenix.*.actors.txt, Phoenix.agents.txt, Phoenix.discards.txt); \
         {DEFAULT_DICTS} does not exist here"
    );
    Ok(default)
}

/// Loads `files`, reporting dictionary problems on stderr as warnings
/// (counts per file, and the first few with file:line).
pub fn load_dicts(files: &DictFiles) -> anyhow::Result<Dictionaries> {
    let started = Instant::now();
    let (dicts, diagnostics) = Dictionaries::load(files).context("cannot load dictionaries")?;
    report_diagnostics(&diagnostics);
    if !diagnostics.is_empty() {
        eprintln!(
            "dyad: dictionaries loaded in {:.2} s: {} verb patterns, {} actor phrases, {} agents",
            started.elapsed().as_secs_f64(),
            dicts.verbs.pattern_count(),
            dicts.actors.phrase_count(),
            dicts.agents.len()
        );
    }
    Ok(dicts)
}

fn report_diagnostics(diagnostics: &[Diagnostic]) {
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
    eprintln!(
        "dyad: warning: {} dictionary problems ({})",
        diagnostics.len(),
        counts.join(", ")
    );
    const SHOWN: usize = 10;
    for d in diagnostics.iter().take(SHOWN) {
        eprintln!("dyad: warning: {d}");
    }
    if diagnostics.len() > SHOWN {
        eprintln!("dyad: warning: … and {} more", diagnostics.len() - SHOWN);
    }
}

/// The dictionaries of `dyad code` and `dyad eval plover`: dyad's
/// built-in set without `--dicts` (nothing is read), else the folder in
/// `--dict-format`. The dyad-format set comes back too, to name the holders
/// of role phrases ([`name_holders`]).
pub fn coder_dictionaries(
    args: &DictArgs,
) -> anyhow::Result<(Dictionaries, Option<Cow<'static, DyadDicts>>)> {
    let Some(given) = args.dicts.as_deref() else {
        let builtin = dyad_dict::builtin();
        return Ok((builtin.to_dictionaries(), Some(Cow::Borrowed(builtin))));
    };
    let dir = dict_dir(Some(given))?;
    match args.dict_format {
        DictFormat::Dyad => {
            let (dyad, diagnostics) = DyadDicts::load_dir(&dir)
                .with_context(|| format!("cannot load dictionaries from {}", dir.display()))?;
            report_diagnostics(&diagnostics);
            Ok((dyad.to_dictionaries(), Some(Cow::Owned(dyad))))
        }
        DictFormat::Petrarch => {
            let files = DictFiles::phoenix(&dir);
            for path in files.verbs.iter().chain(&files.actors) {
                anyhow::ensure!(
                    path.is_file(),
                    "dictionary {} not found (expected the PETRARCH2 Phoenix set in {}; \
                     use --dict-format dyad for a folder in dyad's format)",
                    path.display(),
                    dir.display()
                );
            }
            Ok((load_dicts(&files)?, None))
        }
    }
}

/// Names the office holder as the `entity` of actors coded through a role
/// phrase ("the Iraqi prime minister" → Adel Abdul Mahdi on 2019-10-31).
pub fn name_holders(dyad: Option<&DyadDicts>, events: &mut [Event]) {
    let Some(dyad) = dyad else { return };
    for actor in events
        .iter_mut()
        .flat_map(|e| [&mut e.source, &mut e.target])
    {
        if let Some(holder) = actor.dictionary.as_ref().and_then(|p| dyad.holder(p)) {
            actor.entity = Some(holder.to_string());
        }
    }
}

/// Runs `dyad code`.
pub fn run(args: &CodeArgs) -> anyhow::Result<ExitCode> {
    let (dicts, dyad) = coder_dictionaries(&args.dicts)?;
    let coder = Coder::new(dicts);
    for (at, synset) in coder.skipped_patterns() {
        eprintln!("dyad: warning: {at}: pattern names unknown synset &{synset}; skipped");
    }
    let model = dyad_nlp::Model::english().context("cannot load the built-in English model")?;
    let mut out = output::open(args.output.as_deref(), output::Fallback::Stdout)?;
    let mut errors = output::open(args.errors.as_deref(), output::Fallback::Stderr)?;
    let config = crate::args::Require::of(args.require, args.one_sided).config(args.explain);
    let emit = args.emit;
    let stage = crate::enrich::Stage::new(
        args.cluster.then_some(args.cluster_window),
        args.cluster_report,
    );
    let mut buffered = crate::enrich::Enriched::default();
    let items = dyad_ingest::read_inputs(args.input.inputs.clone(), ingest_config(&args.input));
    let show_progress = !args.quiet && !args.explain;
    let mut unparsed = 0u64;
    let totals = pipeline::run(
        items,
        show_progress,
        |doc: Document| code_document(&coder, dyad.as_deref(), &model, &config, &stage, emit, doc),
        |result| {
            match result {
                Ok(done) => {
                    for line in &done.stderr {
                        eprintln!("{line}");
                    }
                    unparsed += done.unparsed;
                    out.write_all(&done.bytes?)?;
                    buffered.records.extend(done.enriched.records);
                    buffered.keys.extend(done.enriched.keys);
                }
                Err(err) => output::write_error(&err, &mut errors)?,
            }
            Ok(())
        },
    )?;
    stage.finish(buffered, &mut out)?;
    out.flush()?;
    errors.flush()?;
    if unparsed > 0 {
        eprintln!(
            "dyad: warning: {unparsed} sentences have no dependency analysis and were not coded"
        );
    }
    if show_progress {
        eprintln!(
            "dyad: {} documents, {} errors",
            totals.documents, totals.errors
        );
    }
    Ok(if args.strict && totals.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

struct Done {
    bytes: anyhow::Result<Vec<u8>>,
    stderr: Vec<String>,
    unparsed: u64,
    /// Records held back for clustering (empty when not clustering).
    enriched: crate::enrich::Enriched,
}

/// Codes one document into its output lines. Documents read from PETRARCH
/// records with `<Parse>` keep that analysis; others are segmented (unless
/// the input was) and tagged and parsed with dyad's model; events are
/// dated and located by `stage` and, when clustering, held back in
/// [`Done::enriched`] instead of written.
fn code_document(
    coder: &Coder,
    dyad: Option<&DyadDicts>,
    model: &dyad_nlp::Model,
    config: &Config,
    stage: &crate::enrich::Stage,
    emit: EmitKind,
    mut doc: Document,
) -> Done {
    if doc.sentences.is_empty() {
        dyad_text::Segmenter::new().segment(&mut doc);
    }
    crate::nlp::annotate_document(model, &mut doc);
    let unparsed = doc
        .sentences
        .iter()
        .filter(|s| s.analysis.is_empty() && !s.tokens.is_empty())
        .count() as u64;
    let mut coded = coder.code(&doc, config);
    name_holders(dyad, &mut coded.events);
    dyad_code::infer_countries(&mut coded);
    let mut stderr = Vec::new();
    for t in &coded.traces {
        stderr.push(format!("# {} sentence {}", doc.meta.id, t.sentence_index));
        stderr.extend(t.lines.iter().map(|l| format!("  {l}")));
    }
    for d in &coded.diagnostics {
        stderr.push(format!(
            "dyad: warning: {} sentence {}: {}",
            doc.meta.id, d.sentence_index, d.message
        ));
    }
    let mut enriched = crate::enrich::Enriched::default();
    let bytes = match emit {
        EmitKind::Documents => {
            let mut bytes = Vec::new();
            output::write_document_json(&doc, &mut bytes)
                .map(|()| bytes)
                .map_err(anyhow::Error::from)
        }
        EmitKind::Events => {
            let mut bytes = Vec::new();
            let mut result = Ok(());
            let records = stage.records(&doc, &mut coded.events);
            if stage.clustering() {
                enriched = records;
            } else {
                for record in &records.records {
                    if let Err(e) = serde_json::to_writer(&mut bytes, record) {
                        result = Err(anyhow::Error::from(e));
                        break;
                    }
                    bytes.push(b'\n');
                }
            }
            result.map(|()| bytes)
        }
    };
    Done {
        bytes,
        stderr,
        unparsed,
        enriched,
    }
}

/// Where the universal-petrarch unit-test records are by default.
pub const DEFAULT_RECORDS: &str =
    "../shared/data/universal-petrarch/PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml";

/// Runs `dyad bench code`: single-thread coding of pre-parsed sentences
/// with the full Phoenix dictionaries.
pub fn bench(args: &BenchCodeArgs) -> anyhow::Result<ExitCode> {
    let dir = dict_dir(args.dicts.as_deref())?;
    let path = args
        .records
        .clone()
        .unwrap_or_else(|| PathBuf::from(DEFAULT_RECORDS));
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let docs: Vec<Document> = dyad_code::read_records(&text)
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
    let coder = Coder::new(load_dicts(&DictFiles::phoenix(&dir))?);
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
    println!(
        "{} distinct sentences cycled to {target}; dictionaries loaded in {load_s:.2} s; \
         {events} events; 1 thread: {rate:.0} sentences/s (best of {})",
        docs.len(),
        args.rounds.max(1)
    );
    println!(
        "{}",
        serde_json::json!({
            "sentences": target,
            "distinct_sentences": docs.len(),
            "events": events,
            "dict_load_s": round4(load_s),
            "seconds": round4(best),
            "sentences_per_s": rate.round(),
        })
    );
    Ok(ExitCode::SUCCESS)
}

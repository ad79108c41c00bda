//! `dyad parse`: read, segment, write documents.

use std::io::Write;
use std::process::ExitCode;

use dyad_core::Document;
use dyad_ingest::{Field, FieldCounts};
use dyad_pipeline::{Pipeline, PipelineConfig, executor};
use dyad_text::Segmenter;

use crate::args::{InputArgs, ParseArgs};
use crate::output;

/// Runs `dyad parse`.
pub fn run(args: &ParseArgs) -> anyhow::Result<ExitCode> {
    let items = read_inputs(&args.input)?;
    output::distinct(args.output.as_deref(), args.errors.as_deref())?;
    let mut out = output::open(args.output.as_deref(), output::Fallback::Stdout)?;
    let mut errors = output::ErrorSink::new(output::open(
        args.errors.as_deref(),
        output::Fallback::Stderr,
    )?);
    let segmenter = Segmenter::new();
    // tagging and parsing read the built-in dictionaries' names and verbs
    let pipeline = if args.segment_only {
        None
    } else {
        Some(Pipeline::new(PipelineConfig {
            model: Some(args.model.load()?),
            ..PipelineConfig::default()
        })?)
    };
    let to = args.to;
    let mut fields = FieldCounts::default();
    let show_progress = !args.quiet;
    let progress = crate::progress::Progress::new(show_progress);
    let started = std::time::Instant::now();
    let totals = executor::run(
        items,
        |mut doc: Document| {
            match &pipeline {
                Some(pipeline) => pipeline.annotate(&mut doc),
                None if doc.sentences.is_empty() => segmenter.segment(&mut doc),
                None => {}
            }
            let mut bytes = Vec::with_capacity(doc.text.len() * 4);
            let written = to.write(&doc, &mut bytes).map_err(anyhow::Error::from);
            let warnings: Vec<String> = doc
                .warnings
                .iter()
                .map(|w| format!("{}: {w}", doc.meta.origin.path))
                .collect();
            let has = (doc.meta.date_text.is_some(), doc.meta.url.is_some());
            (written.map(|()| bytes), warnings, has)
        },
        |result| {
            match result {
                Ok((bytes, warnings, (date, url))) => {
                    fields.documents += 1;
                    fields.with_date += u64::from(date);
                    fields.with_url += u64::from(url);
                    for warning in warnings {
                        err_line!("dyad: warning: {warning}");
                    }
                    out.write_all(&bytes?)?;
                }
                Err(err) => errors.write(&err)?,
            }
            Ok::<(), anyhow::Error>(())
        },
        |totals| progress.update(totals),
    )?;
    progress.finish();
    warn_empty_fields(&args.input, &fields);
    out.flush()?;
    errors.finish()?;
    if show_progress {
        err_line!(
            "dyad: {} documents, {} errors, {:.1} MB of text in {:.2} s",
            totals.documents,
            totals.errors,
            totals.bytes as f64 / 1e6,
            started.elapsed().as_secs_f64()
        );
    }
    Ok(if args.strict && totals.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Checks the inputs the flags name, then opens the document stream (ids
/// made unique). A path that does not exist, or a field named with
/// `--*-field` that a CSV header or first JSON object lacks, is a setup
/// error that lists the fields there are.
pub fn read_inputs(
    input: &InputArgs,
) -> anyhow::Result<impl Iterator<Item = Result<Document, dyad_core::DocError>> + Send + use<>> {
    let config = ingest_config(input);
    dyad_ingest::check_inputs(&input.inputs, &config, &named_fields(input))?;
    let max_bytes = usize::try_from(input.max_document_mb)? * 1024 * 1024;
    let items = dyad_ingest::read_inputs(input.inputs.clone(), config)
        .map(move |item| dyad_pipeline::cap_document(item, max_bytes));
    Ok(dyad_pipeline::UniqueIds::new(items))
}

/// The fields the user named with `--*-field`.
pub fn named_fields(input: &InputArgs) -> Vec<Field> {
    [
        (Field::Id, &input.id_field),
        (Field::Title, &input.title_field),
        (Field::Date, &input.date_field),
        (Field::Text, &input.text_field),
        (Field::Url, &input.url_field),
    ]
    .into_iter()
    .filter(|(_, name)| name.is_some())
    .map(|(field, _)| field)
    .collect()
}

/// Warns once per named date or URL field no document had a value for.
pub fn warn_empty_fields(input: &InputArgs, counts: &FieldCounts) {
    let config = ingest_config(input);
    for warning in counts.warnings(&config.fields, &named_fields(input)) {
        err_line!("dyad: warning: {warning}");
    }
}

/// The ingest configuration the input flags describe.
pub fn ingest_config(input: &InputArgs) -> dyad_ingest::Config {
    let name = |given: &Option<String>, default: &str| {
        given.clone().unwrap_or_else(|| default.to_string())
    };
    dyad_ingest::Config {
        format: input.format,
        fields: dyad_ingest::Fields {
            id: name(&input.id_field, "id"),
            title: name(&input.title_field, "title"),
            date: name(&input.date_field, "date"),
            text: name(&input.text_field, "text"),
            url: name(&input.url_field, "url"),
        },
    }
}

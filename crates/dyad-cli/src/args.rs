//! Command-line arguments: each flag defined once, with its help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use dyad_pipeline::Require;

/// The most worker threads `--threads` accepts: more only adds overhead
/// (1,000 threads ran 70 times slower than 2 on a 2-core machine).
pub const MAX_THREADS: u64 = 256;

/// dyad: political event data from news text.
#[derive(Debug, Parser)]
#[command(name = "dyad", version, about, long_about = None)]
pub struct Cli {
    /// Worker threads, 1 to 256 (default: one per core; 0 is refused:
    /// leave the flag out for one per core).
    #[arg(long, global = true, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=MAX_THREADS))]
    pub threads: Option<u64>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read documents, split them into sentences and tokens, and write one
    /// JSON document per line (or CoNLL-U).
    Parse(ParseArgs),
    /// Measure accuracy against gold data.
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Measure speed.
    #[command(subcommand)]
    Bench(BenchCommand),
    /// Code events (who did what to whom) from parsed documents and write
    /// one `dyad.event/1` JSON record per line.
    Code(CodeArgs),
    /// Train models from data.
    #[command(subcommand)]
    Train(TrainCommand),
    /// Check, query and import dictionaries.
    #[command(subcommand)]
    Dict(crate::dict::DictCommand),
    /// Inspect, migrate or fill an event store (`dyad code --db FILE`).
    #[command(subcommand)]
    Db(crate::db::DbCommand),
    /// Select events from an event store by actor, country, type, CAMEO
    /// code, date, place or sentence text, or count them (`--aggregate`).
    Query(crate::query::QueryArgs),
    /// Serve an event store's JSON API and the web page to explore it.
    Serve(crate::serve::ServeArgs),
}

/// `dyad train …`
#[derive(Debug, Subcommand)]
pub enum TrainCommand {
    /// Train the tagger, lemmatiser and dependency parser on a CoNLL-U
    /// treebank.
    Nlp(crate::nlp::TrainNlpArgs),
}

/// `dyad eval …`
#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Segment the raw text of a CoNLL-U file and score tokens, words and
    /// sentences like the CoNLL 2018 shared task; the last line is JSON.
    Segment(EvalSegmentArgs),
    /// Code PETRARCH unit-test records and score (source, target, code)
    /// triples against their gold; the last line is JSON.
    Petrarch(EvalPetrarchArgs),
    /// Tag and parse a CoNLL-U file (from its raw text, or its gold words
    /// with `--gold-tokens`) and score UPOS, XPOS, lemma, UAS and LAS; the
    /// last line is JSON.
    Parse(crate::nlp::EvalParseArgs),
    /// Detect and resolve toponyms in the LGL geoparsing corpus, with gold
    /// toponyms and with dyad's own detection; the last line is JSON.
    Geo(crate::eval_geo::EvalGeoArgs),
    /// Code stories labelled with a PLOVER event type (NGEC's synthetic
    /// CSV) with dyad's dictionaries and score how often the label is among
    /// the story's event types; the last line is JSON.
    Plover(crate::eval_plover::EvalPloverArgs),
    /// Code the documents of a gold event file (`shared/gold-events.md`)
    /// and score dyad's events against the hand-coded ones: type-,
    /// country- and code-level precision, recall and F1, per type, and
    /// field accuracy; the last line is JSON.
    Events(crate::eval_events::EvalEventsArgs),
}

/// `dyad bench …`
#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Segmentation throughput, single-thread and all threads; the last line
    /// is JSON.
    Segment(BenchSegmentArgs),
    /// Coding throughput on pre-parsed sentences, single-thread, with the
    /// full Phoenix dictionaries; the last line is JSON.
    Code(BenchCodeArgs),
    /// Tagging and parsing throughput (tokens/s), single-thread and all
    /// threads, and peak memory; the last line is JSON.
    Parse(crate::nlp::BenchParseArgs),
    /// A bounded load test of a running `dyad serve`: p50/p99 latency of
    /// the event list, one event and the timeline at N concurrent clients;
    /// the last line is JSON.
    Serve(crate::bench_serve::BenchServeArgs),
}

/// Input selection shared by the commands that read documents.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Files or folders to read (folders recursively); `-` reads stdin.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Input format; by default chosen from each file's extension
    /// (`.txt`, `.html`, `.jsonl`, `.csv`, `.xml`, `.conllu`, `.sgm`, each
    /// optionally `.gz`). Stdin defaults to text.
    #[arg(long, value_parser = named::<dyad_ingest::Format>(dyad_ingest::Format::NAMES))]
    pub format: Option<dyad_ingest::Format>,
    /// Documents with more text than this many MiB become error records
    /// (tagging and parsing memory grows with a document's words).
    #[arg(long, value_name = "MIB", default_value_t = 16, value_parser = clap::value_parser!(u64).range(1..=256))]
    pub max_document_mb: u64,
    /// JSONL/CSV field holding the document id (default `id`; a field named
    /// here that a file lacks is an error, `""` for none).
    #[arg(long, value_name = "NAME")]
    pub id_field: Option<String>,
    /// JSONL/CSV field holding the title (default `title`; a field named
    /// here that a file lacks is an error, `""` for none).
    #[arg(long, value_name = "NAME")]
    pub title_field: Option<String>,
    /// JSONL/CSV field holding the publication date (default `date`; a field named
    /// here that a file lacks is an error, `""` for none).
    #[arg(long, value_name = "NAME")]
    pub date_field: Option<String>,
    /// JSONL/CSV field holding the text (default `text`; a field named
    /// here that a file lacks is an error, `""` for none).
    #[arg(long, value_name = "NAME")]
    pub text_field: Option<String>,
    /// JSONL/CSV field holding the source or URL (default `url`; a field named
    /// here that a file lacks is an error, `""` for none).
    #[arg(long, value_name = "NAME")]
    pub url_field: Option<String>,
}

/// `dyad parse`
#[derive(Debug, Args)]
pub struct ParseArgs {
    /// What to read.
    #[command(flatten)]
    pub input: InputArgs,
    /// Write output here instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Write error records (`dyad.error/1` JSON lines) here instead of stderr.
    #[arg(long, value_name = "FILE")]
    pub errors: Option<PathBuf>,
    /// Output format: `jsonl` (`dyad.document/1` records) or `conllu`.
    #[arg(long = "to", value_parser = named::<dyad_output::DocumentFormat>(&["jsonl", "conllu"]), default_value = "jsonl")]
    pub to: dyad_output::DocumentFormat,
    /// Exit with status 1 if any document could not be read.
    #[arg(long)]
    pub strict: bool,
    /// Never show a progress bar.
    #[arg(long)]
    pub quiet: bool,
    /// Only split sentences and tokens: no tagging or parsing.
    #[arg(long)]
    pub segment_only: bool,
    /// The tagging and parsing model.
    #[command(flatten)]
    pub model: crate::nlp::ModelArgs,
}

/// `dyad eval segment`
#[derive(Debug, Args)]
pub struct EvalSegmentArgs {
    /// Gold CoNLL-U file.
    #[arg(long, value_name = "FILE")]
    pub conllu: PathBuf,
    /// Print each sentence-boundary error (for development).
    #[arg(long)]
    pub show_errors: bool,
}

/// `dyad bench segment`
#[derive(Debug, Args)]
pub struct BenchSegmentArgs {
    /// What to read.
    #[command(flatten)]
    pub input: InputArgs,
    /// Repeat the measurement this many times and keep the fastest.
    #[arg(long, default_value_t = 3)]
    pub rounds: usize,
}

/// Dictionary selection shared by the coding commands.
#[derive(Debug, Args)]
pub struct DictArgs {
    /// Dictionary folder (e.g. `../shared/data/petrarch2/dictionaries`).
    /// Default: dyad's built-in dictionaries (`dicts/`, embedded in the
    /// binary; no file is read).
    #[arg(long, value_name = "DIR")]
    pub dicts: Option<PathBuf>,
    /// Format of the `--dicts` folder.
    #[arg(long, value_enum, default_value_t)]
    pub dict_format: DictFormat,
    /// Run even when the `--dicts` set has no verbs or no actors (nothing
    /// is coded; a warning says so). Without it such a set is an error.
    #[arg(long)]
    pub allow_empty_dicts: bool,
}

/// Dictionary formats.
#[derive(Debug, Clone, Copy, Default, ValueEnum, PartialEq, Eq)]
pub enum DictFormat {
    /// PETRARCH2 verbs/actors/agents/discards files (the Phoenix set).
    #[default]
    Petrarch,
    /// A folder in dyad's own format (`*.txt` as in `dicts/`).
    Dyad,
}

/// A clap parser for a library enum named by its `FromStr` names, so
/// each set of values is defined once, in the library that owns it.
pub fn named<T>(names: &'static [&'static str]) -> impl clap::builder::TypedValueParser<Value = T>
where
    T: std::str::FromStr + Clone + Send + Sync + 'static,
    T::Err: Into<Box<dyn std::error::Error + Send + Sync + 'static>>,
{
    clap::builder::TypedValueParser::try_map(clap::builder::PossibleValuesParser::new(names), |s| {
        s.parse::<T>()
    })
}

/// The coding requirement `--require` and `--one-sided` ask for.
pub fn require(require: Require, one_sided: bool) -> Require {
    if one_sided { Require::One } else { require }
}

/// What `dyad code` writes.
#[derive(Debug, Clone, Copy, Default, ValueEnum, PartialEq, Eq)]
pub enum EmitKind {
    /// One `dyad.event/1` record per event.
    #[default]
    Events,
    /// The documents (as `dyad parse` writes them), which the event spans
    /// point into.
    Documents,
}

/// `dyad code`
#[derive(Debug, Args)]
pub struct CodeArgs {
    /// What to read.
    #[command(flatten)]
    pub input: InputArgs,
    /// Which dictionaries.
    #[command(flatten)]
    pub dicts: DictArgs,
    /// Print a human-readable trace per sentence on stderr (actors, verbs,
    /// patterns tried and matched, why something was not coded).
    #[arg(long)]
    pub explain: bool,
    /// Which actors an event needs: `one` (either; the default, best F1 on
    /// hand-coded real news), `source` (a source; a missing target is the
    /// null actor `---`), `dyad` (both, as PETRARCH).
    #[arg(long, value_parser = named::<Require>(Require::NAMES), default_value = "one", conflicts_with = "one_sided")]
    pub require: Require,
    /// Short for `--require one` (the default).
    #[arg(long)]
    pub one_sided: bool,
    /// Also write statements: events without PLOVER content (CAMEO 01x,
    /// "X said …"), which hand coders do not count as events.
    #[arg(long)]
    pub statements: bool,
    /// Write only events whose `confidence` is at least this (0 to 1;
    /// the README's calibration table says how often each level is right).
    #[arg(long, value_name = "P", default_value_t = 0.0, value_parser = confidence_level)]
    pub min_confidence: f64,
    /// What to write.
    #[arg(long, value_enum, default_value_t)]
    pub emit: EmitKind,
    /// Event output format: `jsonl` (`dyad.event/1` records), `csv` or
    /// `tsv` (one flat row per event, columns in `docs/output.md`), or
    /// `parquet` (the same columns, typed; needs `--output FILE`).
    #[arg(long = "to", value_parser = named::<dyad_output::Format>(&["jsonl", "csv", "tsv", "parquet"]), default_value = "jsonl")]
    pub to: dyad_output::Format,
    /// Write output here instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Write error records (`dyad.error/1` JSON lines) here instead of stderr.
    #[arg(long, value_name = "FILE")]
    pub errors: Option<PathBuf>,
    /// Exit with status 1 if any document could not be read.
    #[arg(long)]
    pub strict: bool,
    /// Never show a progress bar.
    #[arg(long)]
    pub quiet: bool,
    /// Group events of different documents that are the same real-world
    /// event (same source, target and CAMEO root, dates within
    /// `--cluster-window`, same place when known) and fill each record's
    /// `cluster_id`, `mentions` and `sources`. Buffers all records in memory
    /// (the one non-streaming mode); output stays in input order.
    #[arg(long)]
    pub cluster: bool,
    /// Days an event's date may be from its cluster's first date.
    #[arg(long, value_name = "DAYS", default_value_t = 3, requires = "cluster")]
    pub cluster_window: i64,
    /// With `--cluster`, print a summary on stderr: clusters, mentions per
    /// cluster, the three largest multi-document clusters.
    #[arg(long, requires = "cluster")]
    pub cluster_report: bool,
    /// Load documents, sentences and events into this SQLite event store
    /// (created when absent) instead of writing records: a document stored
    /// with the same id and content is skipped, a changed one replaced.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["output", "to", "emit", "cluster"])]
    pub db: Option<PathBuf>,
    /// Resolve event places with each outlet's home region: a first pass
    /// over the inputs reads every document's places and counts, per
    /// outlet (the URL's host, else the document), the first-level
    /// divisions they lie in; each document's places are then resolved
    /// again with the evidence of its outlet's other documents ("Paris" in
    /// a paper about Texas towns is Paris, Texas). Reads and tags the
    /// inputs twice (about twice the time); not with stdin. The output
    /// does not depend on the number of threads or the order of inputs.
    #[arg(long, conflicts_with = "db")]
    pub source_profile: bool,
}

/// `dyad eval petrarch`
#[derive(Debug, Args)]
pub struct EvalPetrarchArgs {
    /// PETRARCH unit-test records (XML with `<EventCoding>` gold).
    #[arg(long, value_name = "FILE")]
    pub records: PathBuf,
    /// Dictionary folder; files the records' `<Environment>` names are
    /// looked up here (needed unless every file is given by the flags
    /// below).
    #[arg(long, value_name = "DIR")]
    pub dicts: Option<PathBuf>,
    /// Verb dictionary (instead of the Environment's).
    #[arg(long, value_name = "FILE")]
    pub verbs: Option<PathBuf>,
    /// Actor dictionaries (instead of the Environment's); repeatable.
    #[arg(long, value_name = "FILE")]
    pub actors: Vec<PathBuf>,
    /// Agent dictionary (instead of the Environment's).
    #[arg(long, value_name = "FILE")]
    pub agents: Option<PathBuf>,
    /// Discard list (instead of the Environment's).
    #[arg(long, value_name = "FILE")]
    pub discards: Option<PathBuf>,
    /// Use the UD parse embedded in each record instead of parsing.
    #[arg(long)]
    pub use_parses: bool,
    /// Print every record with a missed or false event.
    #[arg(long)]
    pub show_errors: bool,
    /// With `--show-errors`, add the coder's trace.
    #[arg(long)]
    pub explain: bool,
}

/// `dyad bench code`
#[derive(Debug, Args)]
pub struct BenchCodeArgs {
    /// Pre-parsed input (PETRARCH records with `<Parse>`), e.g. the
    /// universal-petrarch unit-test records.
    #[arg(long, value_name = "FILE")]
    pub records: PathBuf,
    /// Dictionary folder with the PETRARCH2 Phoenix set.
    #[arg(long, value_name = "DIR")]
    pub dicts: PathBuf,
    /// Sentences to code per round (the input is cycled).
    #[arg(long, default_value_t = 200_000)]
    pub sentences: usize,
    /// Repeat the measurement this many times and keep the fastest.
    #[arg(long, default_value_t = 3)]
    pub rounds: usize,
}

/// Parses `--min-confidence`: a number from 0 to 1.
fn confidence_level(text: &str) -> Result<f64, String> {
    let p: f64 = text
        .parse()
        .map_err(|_| format!("{text:?} is not a number"))?;
    if (0.0..=1.0).contains(&p) {
        Ok(p)
    } else {
        Err(format!("{p} is outside 0 to 1"))
    }
}

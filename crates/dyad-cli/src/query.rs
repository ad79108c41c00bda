//! `dyad query`: events or aggregate tables from an event store.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, ValueEnum};
use dyad_core::Date;
use dyad_store::{Aggregate, Bucket, Filter, GroupBy, Store};

use crate::args::named;

/// The filters shared by `dyad query` (and the API's query parameters).
#[derive(Debug, Args)]
pub struct FilterArgs {
    /// Source or target actor code starting with this (`IRQ`, `IRQGOV`).
    #[arg(long, value_name = "CODE")]
    pub actor: Option<String>,
    /// Source or target country, ISO 3166-1 alpha-3 (`TUR`).
    #[arg(long, value_name = "ISO3")]
    pub country: Option<String>,
    /// PLOVER event type (`ASSAULT`, `PROTEST` …).
    #[arg(long = "type", value_name = "PLOVER")]
    pub plover_type: Option<String>,
    /// CAMEO code starting with these digits (`19`, `042`).
    #[arg(long, value_name = "PREFIX")]
    pub cameo: Option<String>,
    /// QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal
    /// conflict, 4 material conflict.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=4))]
    pub quad_class: Option<u8>,
    /// First date (the event date, else the document date), `YYYY-MM-DD`.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub from: Option<Date>,
    /// Last date, inclusive, `YYYY-MM-DD`.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub until: Option<Date>,
    /// The place's name contains this (any case).
    #[arg(long, value_name = "TEXT")]
    pub place: Option<String>,
    /// Full-text query over the event's sentence (SQLite FTS5 syntax:
    /// `protest AND Baghdad`, `"air strike"`, `kurd*`).
    #[arg(long, value_name = "QUERY")]
    pub text: Option<String>,
}

impl FilterArgs {
    /// The store filter.
    pub fn filter(&self) -> Filter {
        Filter {
            actor: self.actor.clone(),
            country: self.country.clone(),
            plover_type: self.plover_type.clone(),
            cameo: self.cameo.clone(),
            quad_class: self.quad_class,
            from: self.from,
            to: self.until,
            place: self.place.clone(),
            text: self.text.clone(),
            doc_id: None,
        }
    }
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text)
        .filter(|d| d.to_string() == text)
        .ok_or_else(|| format!("{text:?} is not a date of the form YYYY-MM-DD"))
}

/// The aggregate tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AggregateKind {
    /// Events per day, week or month (`--per`), split by `--by`, with
    /// Goldstein sums.
    Timeline,
    /// Top source → target actor pairs.
    Dyads,
    /// Top source → target country pairs.
    CountryDyads,
    /// Events per country of the event's place.
    Countries,
    /// Events per place, with coordinates.
    Places,
}

/// Output formats of `dyad query`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum QueryFormat {
    /// One JSON object per line (events: the stored `dyad.event/1` records).
    #[default]
    Jsonl,
    /// Comma-separated rows with a header (events: the columns of `dyad
    /// code --to csv`).
    Csv,
    /// Tab-separated rows with a header.
    Tsv,
}

/// `dyad query`
#[derive(Debug, Args)]
pub struct QueryArgs {
    /// The SQLite event store.
    #[arg(value_name = "FILE")]
    pub db: PathBuf,
    /// Which events.
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Count instead of listing events.
    #[arg(long, value_enum, value_name = "TABLE")]
    pub aggregate: Option<AggregateKind>,
    /// Timeline buckets.
    #[arg(long, value_parser = named::<Bucket>(Bucket::NAMES), default_value = "week")]
    pub per: Bucket,
    /// What timeline counts are split by.
    #[arg(long, value_parser = named::<GroupBy>(GroupBy::NAMES), default_value = "plover")]
    pub by: GroupBy,
    /// The most events (default all) or ranked rows (default 20).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub limit: Option<u64>,
    /// Output format.
    #[arg(long = "to", value_enum, default_value_t)]
    pub to: QueryFormat,
}

/// Runs `dyad query`.
pub fn run(args: &QueryArgs) -> anyhow::Result<ExitCode> {
    let store = Store::open_read_only(&args.db)
        .with_context(|| format!("event store {}", args.db.display()))?;
    let filter = args.filter.filter();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match args.aggregate {
        None => {
            let limit = args.limit;
            match args.to {
                QueryFormat::Jsonl => {
                    store.for_each_event(&filter, limit, |json| {
                        out.write_all(json.as_bytes())
                            .and_then(|()| out.write_all(b"\n"))
                            .map_err(io_error)
                    })?;
                }
                QueryFormat::Csv | QueryFormat::Tsv => {
                    let delimiter = if args.to == QueryFormat::Csv {
                        b','
                    } else {
                        b'\t'
                    };
                    let mut flat = dyad_store::flat::FlatWriter::new(&mut out, delimiter)?;
                    store.for_each_event(&filter, limit, |json| flat.write_json(json))?;
                    flat.finish()?;
                }
            }
        }
        Some(kind) => {
            let limit = usize::try_from(args.limit.unwrap_or(20))?;
            let aggregate = match kind {
                AggregateKind::Timeline => Aggregate::Timeline {
                    per: args.per,
                    by: args.by,
                },
                AggregateKind::Dyads => Aggregate::Dyads {
                    countries: false,
                    limit,
                },
                AggregateKind::CountryDyads => Aggregate::Dyads {
                    countries: true,
                    limit,
                },
                AggregateKind::Countries => Aggregate::Countries { limit },
                AggregateKind::Places => Aggregate::Places { limit },
            };
            let rows = store.aggregate(aggregate, &filter)?;
            write_rows(&mut out, &rows, args.to)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// A write error as a store error (the closure's error type).
fn io_error(err: std::io::Error) -> dyad_store::StoreError {
    dyad_store::StoreError::Invalid {
        name: "output",
        message: err.to_string(),
    }
}

/// Writes aggregate rows as JSON lines or a table with a header.
fn write_rows(
    out: &mut impl Write,
    rows: &[dyad_store::AggregateRow],
    to: QueryFormat,
) -> anyhow::Result<()> {
    if to == QueryFormat::Jsonl {
        for row in rows {
            serde_json::to_writer(&mut *out, row)?;
            out.write_all(b"\n")?;
        }
        return Ok(());
    }
    let delimiter = if to == QueryFormat::Csv { b',' } else { b'\t' };
    let mut csv = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    csv.write_record([
        "bucket",
        "key",
        "target",
        "country",
        "lat",
        "lon",
        "count",
        "goldstein",
    ])?;
    let text = |s: &Option<String>| s.clone().unwrap_or_default();
    let float = |x: Option<f64>| x.map(|x| x.to_string()).unwrap_or_default();
    for row in rows {
        csv.write_record([
            text(&row.bucket),
            text(&row.key),
            text(&row.target),
            text(&row.country),
            float(row.lat),
            float(row.lon),
            row.count.to_string(),
            row.goldstein.to_string(),
        ])?;
    }
    csv.flush()?;
    Ok(())
}

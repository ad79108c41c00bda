//! Event writers: one [`Writer`] per output [`Format`].

use std::fmt;
use std::io::Write;
use std::str::FromStr;

use crate::flat::{self, Cell};
use crate::{EventRecord, OutputError};

/// A sink of `dyad.event/1` records in one format.
///
/// Records are written in the order given; [`Writer::finish`] must be
/// called once at the end (it writes what a format keeps for last, such as
/// Parquet's footer, and flushes the output).
pub trait Writer {
    /// Writes one event.
    fn write_event(&mut self, record: &EventRecord) -> Result<(), OutputError>;

    /// Writes the events in order.
    fn write_events(&mut self, records: &[EventRecord]) -> Result<(), OutputError> {
        records.iter().try_for_each(|r| self.write_event(r))
    }

    /// Completes the output and flushes it.
    fn finish(self: Box<Self>) -> Result<(), OutputError>;
}

/// The output formats of event records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// `dyad.event/1` JSON lines.
    Jsonl,
    /// Comma-separated flat rows with a header ([`flat::columns`]).
    Csv,
    /// Tab-separated flat rows with a header ([`flat::columns`]).
    Tsv,
    /// A Parquet file with the flat columns, typed (cargo feature
    /// `parquet`).
    Parquet,
}

impl Format {
    /// Every format, in the order `--help` lists them.
    pub const ALL: [Format; 4] = [Format::Jsonl, Format::Csv, Format::Tsv, Format::Parquet];

    /// The format's name, as [`FromStr`] reads it.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::Parquet => "parquet",
        }
    }

    /// Whether this build can write the format.
    pub fn is_built(self) -> bool {
        self != Format::Parquet || cfg!(feature = "parquet")
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Format {
    type Err = OutputError;

    fn from_str(s: &str) -> Result<Format, OutputError> {
        Format::ALL
            .into_iter()
            .find(|f| f.as_str() == s)
            .ok_or_else(|| OutputError::UnknownFormat {
                name: s.to_string(),
                expected: "jsonl, csv, tsv, parquet",
            })
    }
}

/// A writer of `format` to `out`.
pub fn writer<W: Write + Send + 'static>(
    format: Format,
    out: W,
) -> Result<Box<dyn Writer + Send>, OutputError> {
    Ok(match format {
        Format::Jsonl => Box::new(JsonlWriter::new(out)),
        Format::Csv => Box::new(CsvWriter::new(out, b',')?),
        Format::Tsv => Box::new(CsvWriter::new(out, b'\t')?),
        #[cfg(feature = "parquet")]
        Format::Parquet => Box::new(crate::ParquetWriter::new(out)?),
        #[cfg(not(feature = "parquet"))]
        Format::Parquet => return Err(OutputError::NotBuilt(format)),
    })
}

/// Appends `record` as one `dyad.event/1` JSON line to `out`.
pub fn write_event_json(record: &EventRecord, out: &mut Vec<u8>) -> Result<(), OutputError> {
    serde_json::to_writer(&mut *out, record)?;
    out.push(b'\n');
    Ok(())
}

/// `dyad.event/1` JSON lines: one compact object per event.
#[derive(Debug)]
pub struct JsonlWriter<W: Write> {
    out: W,
    line: Vec<u8>,
}

impl<W: Write> JsonlWriter<W> {
    /// A writer to `out` (buffer it: each record is one `write_all`).
    pub fn new(out: W) -> JsonlWriter<W> {
        JsonlWriter {
            out,
            line: Vec::new(),
        }
    }
}

impl<W: Write> Writer for JsonlWriter<W> {
    fn write_event(&mut self, record: &EventRecord) -> Result<(), OutputError> {
        self.line.clear();
        write_event_json(record, &mut self.line)?;
        self.out.write_all(&self.line)?;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<(), OutputError> {
        self.out.flush()?;
        Ok(())
    }
}

/// CSV or TSV: a header row of the [`flat::columns`] names, then one row per
/// event. Nulls are empty fields; text has its line breaks (and, in TSV,
/// tabs) replaced by spaces; a field holding the delimiter or a quote is
/// quoted, `"` doubled; rows end with `\n`.
pub struct CsvWriter<W: Write> {
    csv: csv::Writer<W>,
    tsv: bool,
    row: Vec<String>,
}

impl<W: Write> fmt::Debug for CsvWriter<W> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CsvWriter").field("tsv", &self.tsv).finish()
    }
}

impl<W: Write> CsvWriter<W> {
    /// A writer to `out` separating fields by `delimiter` (`b','` for CSV,
    /// `b'\t'` for TSV); writes the header row.
    pub fn new(out: W, delimiter: u8) -> Result<CsvWriter<W>, OutputError> {
        let mut csv = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(out);
        csv.write_record(flat::columns().iter().map(flat::Column::name))?;
        Ok(CsvWriter {
            csv,
            tsv: delimiter == b'\t',
            row: Vec::new(),
        })
    }
}

impl<W: Write> Writer for CsvWriter<W> {
    fn write_event(&mut self, record: &EventRecord) -> Result<(), OutputError> {
        let tsv = self.tsv;
        self.row.clear();
        self.row.extend(
            flat::columns()
                .iter()
                .map(|c| csv_field(c.cell(record), tsv)),
        );
        self.csv.write_record(&self.row)?;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<(), OutputError> {
        self.csv.flush()?;
        Ok(())
    }
}

/// The CSV text of `cell`: floats as in JSON, line breaks (and tabs in TSV)
/// as spaces.
fn csv_field(cell: Cell<'_>, tsv: bool) -> String {
    match cell {
        Cell::Null => String::new(),
        Cell::Text(s) => s
            .chars()
            .map(|c| match c {
                '\n' | '\r' => ' ',
                '\t' if tsv => ' ',
                c => c,
            })
            .collect(),
        Cell::Integer(n) => n.to_string(),
        Cell::Float(x) => serde_json::Number::from_f64(x)
            .map(|n| n.to_string())
            .unwrap_or_default(),
        Cell::Boolean(b) => b.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_round_trip_through_their_names() {
        for format in Format::ALL {
            assert_eq!(format.to_string().parse::<Format>().ok(), Some(format));
        }
        assert!(matches!(
            "json".parse::<Format>(),
            Err(OutputError::UnknownFormat { name, .. }) if name == "json"
        ));
    }

    #[test]
    fn parquet_needs_its_feature() {
        let made = writer(Format::Parquet, std::io::sink());
        if cfg!(feature = "parquet") {
            assert!(made.is_ok() && Format::Parquet.is_built());
        } else {
            assert!(matches!(made, Err(OutputError::NotBuilt(Format::Parquet))));
            assert!(!Format::Parquet.is_built());
        }
    }

    #[test]
    fn csv_fields_lose_line_breaks_and_keep_codes() {
        let text = |s: &'static str| Cell::Text(s.into());
        assert_eq!(csv_field(text("a\r\nb\tc"), false), "a  b\tc");
        assert_eq!(csv_field(text("a\r\nb\tc"), true), "a  b c");
        assert_eq!(csv_field(text("010"), false), "010");
        assert_eq!(csv_field(Cell::Float(-10.0), false), "-10.0");
        assert_eq!(csv_field(Cell::Float(35.69), false), "35.69");
        assert_eq!(csv_field(Cell::Null, false), "");
        assert_eq!(csv_field(Cell::Boolean(false), false), "false");
    }
}

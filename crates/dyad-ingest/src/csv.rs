//! CSV with a header row: one document per row, fields found by header name
//! (see [`Fields`]).
//!
//! Rows are streamed with the `csv` crate in flexible mode and decoded field
//! by field. A row whose number of fields differs from the header's is
//! malformed and yields one error record naming its line; so does a row
//! with an empty text. A header without the text column is one error record
//! for the whole file.
//!
//! A quoted field whose closing quote never comes runs to the end of the
//! file and swallows every row after it; the row it opens in yields one
//! error record naming its line (and saying the rest of the file was not
//! read as rows) instead of a document. The rows before it are read as
//! usual.

use std::io::Read;

use crate::record::{self, Record};
use crate::source::Source;
use crate::walk::Items;
use crate::{Fields, Item, decode};

/// Reads the rows of `source`.
pub(crate) fn read(source: Source, fields: Fields) -> Items {
    let path = source.path.clone();
    let stem = source.stem.clone();
    let gzip = source.gzip;
    let reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .from_reader(QuoteTracker {
            inner: source.reader,
            state: QuoteState::default(),
        });
    Box::new(CsvReader {
        reader,
        shell: Source {
            path,
            stem,
            gzip,
            reader: Box::new(std::io::empty()),
        },
        fields,
        columns: None,
        row: 0,
        record: csv::ByteRecord::new(),
        done: false,
    })
}

/// Where the bytes read so far leave the CSV quoting, following the `csv`
/// crate's rules (a quote opens a quoted field only at the start of a
/// field; `""` inside one is a quote).
#[derive(Debug, Default)]
struct QuoteState {
    /// Inside a quoted field.
    quoted: bool,
    /// Just after a quote inside a quoted field (it closes the field unless
    /// another quote follows).
    after_quote: bool,
    /// Inside an unquoted field (a quote there is a plain character).
    in_field: bool,
    /// Bytes seen so far.
    offset: u64,
    /// Byte offset and 1-based line of the quote that opened the current
    /// quoted field.
    opened_at: (u64, u64),
    /// Lines seen so far, less one.
    newlines: u64,
    /// The end of the input has been read.
    eof: bool,
}

impl QuoteState {
    fn feed(&mut self, bytes: &[u8]) {
        for &b in bytes {
            if self.quoted {
                if self.after_quote {
                    self.after_quote = false;
                    if b != b'"' {
                        self.quoted = false;
                        self.in_field = !matches!(b, b',' | b'\n' | b'\r');
                    }
                } else if b == b'"' {
                    self.after_quote = true;
                }
            } else if !self.in_field && b == b'"' {
                self.quoted = true;
                self.opened_at = (self.offset, self.newlines + 1);
            } else {
                self.in_field = !matches!(b, b',' | b'\n' | b'\r');
            }
            if b == b'\n' {
                self.newlines += 1;
            }
            self.offset += 1;
        }
    }

    /// The byte offset and line of a quote still open at the end of the
    /// input.
    fn unclosed(&self) -> Option<(u64, u64)> {
        (self.eof && self.quoted && !self.after_quote).then_some(self.opened_at)
    }
}

/// Passes the input through to the `csv` reader, following its quoting in
/// a [`QuoteState`].
struct QuoteTracker {
    inner: Box<dyn std::io::BufRead + Send>,
    state: QuoteState,
}

impl Read for QuoteTracker {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(out)?;
        if n == 0 && !out.is_empty() {
            self.state.eof = true;
        }
        self.state.feed(&out[..n]);
        Ok(n)
    }
}

/// Column indexes of the configured fields.
struct Columns {
    count: usize,
    id: Option<usize>,
    title: Option<usize>,
    date: Option<usize>,
    text: usize,
    url: Option<usize>,
}

struct CsvReader {
    reader: csv::Reader<QuoteTracker>,
    /// The source's names (its reader moved into `reader`).
    shell: Source,
    fields: Fields,
    columns: Option<Columns>,
    row: u64,
    record: csv::ByteRecord,
    done: bool,
}

impl CsvReader {
    fn read_header(&mut self) -> Result<Columns, dyad_core::DocError> {
        let header = match self.reader.byte_headers() {
            Ok(header) => header.clone(),
            Err(err) => {
                return Err(self.csv_error(&err));
            }
        };
        let names: Vec<String> = header
            .iter()
            .map(|name| {
                let (name, _) = decode::decode(name);
                name.trim().to_string()
            })
            .collect();
        let find = |field: &str| names.iter().position(|name| name == field.trim());
        let Some(text) = find(&self.fields.text) else {
            let message = format!("no `{}` column in the csv header", self.fields.text);
            return Err(self.shell.error(Some(1), message));
        };
        Ok(Columns {
            count: names.len(),
            id: find(&self.fields.id),
            title: find(&self.fields.title),
            date: find(&self.fields.date),
            text,
            url: find(&self.fields.url),
        })
    }

    fn csv_error(&self, err: &csv::Error) -> dyad_core::DocError {
        let line = err.position().map(|p| p.line());
        match err.kind() {
            csv::ErrorKind::Io(io) => self.shell.io_error(io, line),
            _ => self.shell.error(line, format!("malformed csv: {err}")),
        }
    }

    /// The error record for the row just read when it holds a quote never
    /// closed (it then runs to the end of the input).
    fn unclosed_quote(&self) -> Option<dyad_core::DocError> {
        let (offset, line) = self.reader.get_ref().state.unclosed()?;
        let start = self.record.position()?.byte();
        (start <= offset).then(|| {
            self.shell.error(
                Some(line),
                "malformed csv: a quoted field opened here is never closed; \
                 the rest of the file is not read as rows",
            )
        })
    }

    fn row_document(&self, columns: &Columns, line: u64) -> Item {
        if let Some(err) = self.unclosed_quote() {
            return Err(err);
        }
        if self.record.len() != columns.count {
            let message = format!(
                "malformed csv row: {} fields, the header has {}",
                self.record.len(),
                columns.count
            );
            return Err(self.shell.error(Some(line), message));
        }
        let mut warnings = Vec::new();
        let mut get = |index: Option<usize>| {
            let bytes = self.record.get(index?)?;
            let (value, warning) = decode::decode(bytes);
            if let Some(warning) = warning
                && !warnings.iter().any(|w| w == warning)
            {
                warnings.push(warning.to_string());
            }
            Some(value.into_owned())
        };
        let record = Record {
            id: get(columns.id),
            title: get(columns.title),
            date: get(columns.date),
            text: get(Some(columns.text)),
            url: get(columns.url),
            warnings,
        };
        let fallback_id = format!("{}-{}", self.shell.stem, self.row);
        record::document(
            record,
            &self.shell.path,
            line,
            fallback_id,
            &self.fields.text,
        )
    }
}

impl Iterator for CsvReader {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        if self.done {
            return None;
        }
        let columns = match self.columns.take() {
            Some(columns) => columns,
            None => match self.read_header() {
                Ok(columns) => columns,
                Err(err) => {
                    self.done = true;
                    return Some(Err(err));
                }
            },
        };
        let item = match self.reader.read_byte_record(&mut self.record) {
            Ok(false) => {
                self.done = true;
                None
            }
            Ok(true) => {
                self.row += 1;
                let line = self.record.position().map_or(0, |p| p.line());
                Some(self.row_document(&columns, line))
            }
            Err(err) => {
                if matches!(err.kind(), csv::ErrorKind::Io(_)) {
                    self.done = true;
                }
                self.row += 1;
                Some(Err(self.csv_error(&err)))
            }
        };
        self.columns = Some(columns);
        item
    }
}

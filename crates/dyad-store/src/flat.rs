//! Stored records as flat CSV/TSV rows, with the columns and cell text of
//! `dyad code --to csv` (`dyad.event.flat/1`, `docs/output.md`).
//!
//! The store keeps each record as its `dyad.event/1` JSON; this module
//! flattens that JSON by the same rules as `dyad_output::flat` (nested keys
//! joined with `_`, spans as `_start`/`_end`, code lists joined with `;`),
//! and a test checks both give the same rows.

use std::collections::HashMap;
use std::io::Write;

use serde_json::Value as Json;

use crate::StoreError;

/// Writes flat rows of stored records: the header first, then one row per
/// [`FlatWriter::write_json`].
pub struct FlatWriter<W: Write> {
    csv: csv::Writer<W>,
    tsv: bool,
    cells: HashMap<String, String>,
}

impl<W: Write> std::fmt::Debug for FlatWriter<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FlatWriter")
            .field("tsv", &self.tsv)
            .finish()
    }
}

impl<W: Write> FlatWriter<W> {
    /// A writer to `out` separating fields by `delimiter` (`b','` or
    /// `b'\t'`); writes the header row.
    pub fn new(out: W, delimiter: u8) -> Result<FlatWriter<W>, StoreError> {
        let mut csv = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(out);
        csv.write_record(dyad_output::flat::columns().iter().map(|c| c.name()))
            .map_err(csv_error)?;
        Ok(FlatWriter {
            csv,
            tsv: delimiter == b'\t',
            cells: HashMap::new(),
        })
    }

    /// Writes the row of one stored record, given as its JSON text.
    pub fn write_json(&mut self, record: &str) -> Result<(), StoreError> {
        let value: Json = serde_json::from_str(record)?;
        self.cells.clear();
        flatten("", &value, self.tsv, &mut self.cells);
        let cells = &self.cells;
        let row = dyad_output::flat::columns()
            .iter()
            .map(|c| cells.get(c.name()).map_or("", String::as_str));
        self.csv.write_record(row).map_err(csv_error)
    }

    /// Flushes the output.
    pub fn finish(mut self) -> Result<(), StoreError> {
        self.csv.flush().map_err(|e| csv_error(e.into()))
    }
}

fn csv_error(err: csv::Error) -> StoreError {
    StoreError::invalid("output", err.to_string())
}

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}_{key}")
    }
}

/// Adds the cells of `value` under the column-name prefix `name`.
fn flatten(name: &str, value: &Json, tsv: bool, cells: &mut HashMap<String, String>) {
    match value {
        Json::Null => {}
        Json::Object(map) => {
            for (key, value) in map {
                flatten(&join(name, key), value, tsv, cells);
            }
        }
        Json::Array(items) if name.ends_with("span") && items.len() == 2 => {
            cells.insert(format!("{name}_start"), items[0].to_string());
            cells.insert(format!("{name}_end"), items[1].to_string());
        }
        Json::Array(items) => {
            let texts: Vec<String> = items
                .iter()
                .map(|item| match item {
                    Json::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect();
            cells.insert(name.to_string(), clean(&texts.join(";"), tsv));
        }
        Json::String(s) => {
            cells.insert(name.to_string(), clean(s, tsv));
        }
        Json::Bool(b) => {
            cells.insert(name.to_string(), b.to_string());
        }
        Json::Number(n) => {
            cells.insert(name.to_string(), n.to_string());
        }
    }
}

/// Line breaks (and tabs in TSV) as spaces, as `dyad code --to csv` writes.
fn clean(text: &str, tsv: bool) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\r' => ' ',
            '\t' if tsv => ' ',
            c => c,
        })
        .collect()
}

//! CSV and TSV parse with the `csv` crate into the documented columns, one
//! row per JSONL record, text without line breaks; JSONL is the record as
//! `serde_json` writes it.

#![allow(clippy::unwrap_used)]

mod common;

use std::sync::{Arc, Mutex};

use dyad_output::flat::{self, ColumnType};
use dyad_output::{EventRecord, Format, Writer, writer};
use serde_json::Value;

/// A `Write` whose bytes can be read after the writer is finished.
#[derive(Clone, Default)]
struct Shared(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn written(format: Format, records: &[EventRecord]) -> Vec<u8> {
    let out = Shared::default();
    let mut w: Box<dyn Writer + Send> = writer(format, out.clone()).unwrap();
    for record in records {
        w.write_event(record).unwrap();
    }
    w.finish().unwrap();
    out.0.lock().unwrap().clone()
}

/// The documented column names, from `docs/output.md`.
fn documented_columns() -> Vec<String> {
    common::documented_columns()
        .into_iter()
        .map(|row| row[0].clone())
        .collect()
}

/// What a CSV field must hold for the flat JSON `value`.
fn csv_text(value: &Value, tsv: bool) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s
            .replace(['\n', '\r'], " ")
            .replace('\t', if tsv { " " } else { "\t" }),
        other => other.to_string(),
    }
}

fn check(format: Format, delimiter: u8) {
    let records = common::records();
    let bytes = written(format, &records);
    let text = String::from_utf8(bytes.clone()).unwrap();
    // One line per row: no line break survives inside a field.
    assert_eq!(text.lines().count(), records.len() + 1);
    assert!(!text.contains('\r'));
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .from_reader(bytes.as_slice());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(header, documented_columns());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), records.len());
    let tsv = delimiter == b'\t';
    for (record, row) in records.iter().zip(&rows) {
        let expected = common::flatten(&common::json(record));
        assert_eq!(row.len(), header.len());
        for (name, field) in header.iter().zip(row) {
            assert_eq!(
                field,
                csv_text(&expected[name], tsv),
                "{name} of {}",
                record.event_id
            );
        }
    }
    // Codes keep their leading zeros.
    let cameo = header.iter().position(|h| h == "cameo").unwrap();
    assert_eq!(&rows[1][cameo], "010");
}

#[test]
fn csv_parses_into_the_documented_columns() {
    check(Format::Csv, b',');
}

#[test]
fn tsv_parses_into_the_documented_columns() {
    check(Format::Tsv, b'\t');
}

#[test]
fn an_empty_run_writes_the_header() {
    let text = String::from_utf8(written(Format::Csv, &[])).unwrap();
    let names: Vec<&str> = flat::columns().iter().map(flat::Column::name).collect();
    assert_eq!(text, format!("{}\n", names.join(",")));
}

#[test]
fn jsonl_is_the_record_as_serde_json_writes_it() {
    let records = common::records();
    let mut expected = Vec::new();
    for record in &records {
        serde_json::to_writer(&mut expected, record).unwrap();
        expected.push(b'\n');
    }
    assert_eq!(written(Format::Jsonl, &records), expected);
}

#[test]
fn every_cell_has_its_column_type() {
    for record in common::records() {
        for column in flat::columns() {
            let ok = match (column.cell(&record), column.ty()) {
                (flat::Cell::Null, _) => column.nullable(),
                (flat::Cell::Text(_), ColumnType::String | ColumnType::Date) => true,
                (flat::Cell::Integer(_), ColumnType::Integer) => true,
                (flat::Cell::Float(_), ColumnType::Float) => true,
                (flat::Cell::Boolean(_), ColumnType::Boolean) => true,
                _ => false,
            };
            assert!(ok, "{} of {}", column.name(), record.event_id);
        }
    }
}

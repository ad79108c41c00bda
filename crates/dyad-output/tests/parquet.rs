//! The Parquet file reads back, with the `parquet` crate's Arrow reader, as
//! the JSONL records' flat view, field by field.

#![cfg(feature = "parquet")]
#![allow(clippy::unwrap_used)]

mod common;

use std::fs::File;
use std::path::PathBuf;

use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Float64Type, Int64Type};
use arrow_array::{Array, RecordBatch};
use arrow_schema::DataType;
use dyad_output::flat::{self, ColumnType};
use dyad_output::{
    EventRecord, Format, OutputError, ParquetWriter, SCHEMA_METADATA_KEY, Writer, writer,
};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use serde_json::Value;

fn path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name)
}

fn write(name: &str, records: &[EventRecord], row_group_size: usize) -> PathBuf {
    let path = path(name);
    let file = File::create(&path).unwrap();
    let mut out: Box<dyn Writer> =
        Box::new(ParquetWriter::with_row_group_size(file, row_group_size).unwrap());
    out.write_events(records).unwrap();
    out.finish().unwrap();
    path
}

/// The value of row `row` of `array`, as the flat view's JSON value (dates
/// as days since the epoch).
fn value(array: &dyn Array, row: usize) -> Value {
    if array.is_null(row) {
        return Value::Null;
    }
    match array.data_type() {
        DataType::Utf8 => Value::from(array.as_string::<i32>().value(row)),
        DataType::Int64 => Value::from(array.as_primitive::<Int64Type>().value(row)),
        DataType::Float64 => Value::from(array.as_primitive::<Float64Type>().value(row)),
        DataType::Boolean => Value::from(array.as_boolean().value(row)),
        DataType::Date32 => Value::from(array.as_primitive::<Date32Type>().value(row)),
        other => panic!("unexpected column type {other}"),
    }
}

fn read(path: &PathBuf) -> (Vec<RecordBatch>, usize) {
    let builder = ParquetRecordBatchReaderBuilder::try_new(File::open(path).unwrap()).unwrap();
    let row_groups = builder.metadata().num_row_groups();
    let schema = builder.schema().clone();
    assert_eq!(
        schema
            .metadata()
            .get(SCHEMA_METADATA_KEY)
            .map(String::as_str),
        Some(flat::FLAT_SCHEMA_NAME)
    );
    let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
    let expected: Vec<&str> = flat::columns().iter().map(flat::Column::name).collect();
    assert_eq!(names, expected);
    for (field, column) in schema.fields().iter().zip(flat::columns()) {
        assert_eq!(field.is_nullable(), column.nullable(), "{}", column.name());
        let ty = match column.ty() {
            ColumnType::String => DataType::Utf8,
            ColumnType::Integer => DataType::Int64,
            ColumnType::Float => DataType::Float64,
            ColumnType::Boolean => DataType::Boolean,
            ColumnType::Date => DataType::Date32,
        };
        assert_eq!(field.data_type(), &ty, "{}", column.name());
    }
    let batches = builder
        .build()
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    (batches, row_groups)
}

#[test]
fn parquet_reads_back_as_the_jsonl_records() {
    let records = common::records();
    let path = write("events.parquet", &records, 1_000);
    let (batches, row_groups) = read(&path);
    assert_eq!(row_groups, 1);
    let rows: Vec<(RecordBatch, usize)> = batches
        .iter()
        .flat_map(|b| (0..b.num_rows()).map(move |i| (b.clone(), i)))
        .collect();
    assert_eq!(rows.len(), records.len());
    for (record, (batch, row)) in records.iter().zip(rows) {
        let expected = common::flatten(&common::json(record));
        assert_eq!(expected.len(), flat::columns().len());
        for (i, column) in flat::columns().iter().enumerate() {
            let got = value(batch.column(i).as_ref(), row);
            let want = &expected[column.name()];
            let want = match (column.ty(), want) {
                (ColumnType::Date, Value::String(date)) => {
                    Value::from(flat::days_since_epoch(date).unwrap())
                }
                _ => want.clone(),
            };
            assert_eq!(got, want, "{} of {}", column.name(), record.event_id);
        }
    }
}

#[test]
fn row_groups_are_written_every_n_rows() {
    let records: Vec<EventRecord> = common::records().into_iter().cycle().take(7).collect();
    let path = write("groups.parquet", &records, 3);
    let (batches, row_groups) = read(&path);
    assert_eq!(row_groups, 3);
    assert_eq!(batches.iter().map(RecordBatch::num_rows).sum::<usize>(), 7);
}

#[test]
fn an_empty_run_is_a_valid_file_and_bad_dates_are_errors() {
    let path = write("empty.parquet", &[], 10);
    let (batches, _) = read(&path);
    assert_eq!(batches.iter().map(RecordBatch::num_rows).sum::<usize>(), 0);

    let mut record = common::records().remove(0);
    record.event_date = Some("31/10/2019".into());
    let mut out = writer(Format::Parquet, std::io::sink()).unwrap();
    let err = out.write_event(&record).unwrap_err();
    assert!(matches!(
        err,
        OutputError::BadDate {
            column: "event_date",
            ..
        }
    ));
    // The writer goes on with the next record.
    out.write_events(&common::records()).unwrap();
    out.finish().unwrap();
}

//! Parquet output of events: the flat columns, typed.

use std::io::Write;
use std::sync::Arc;

use arrow_array::ArrayRef;
use arrow_array::RecordBatch;
use arrow_array::builder::{
    BooleanBuilder, Date32Builder, Float64Builder, Int64Builder, StringBuilder,
};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::file::properties::WriterProperties;

use crate::flat::{self, Cell, Column, ColumnType};
use crate::{EventRecord, OutputError, Writer};

/// Rows per row group unless [`ParquetWriter::with_row_group_size`] says
/// otherwise.
pub const DEFAULT_ROW_GROUP_SIZE: usize = 16_384;

/// The key of the Parquet file metadata that names the layout
/// ([`flat::FLAT_SCHEMA_NAME`]).
pub const SCHEMA_METADATA_KEY: &str = "dyad.schema";

/// A Parquet file of events: one typed column per [`flat::columns`] entry,
/// nullable where the record may hold `null`, uncompressed (dictionary
/// encoding on). Rows are buffered and written as a row group every
/// [`DEFAULT_ROW_GROUP_SIZE`] events, so memory stays bounded; the footer is
/// written by [`Writer::finish`].
pub struct ParquetWriter<W: Write + Send> {
    writer: ArrowWriter<W>,
    schema: SchemaRef,
    builders: Vec<Builder>,
    rows: usize,
    row_group_size: usize,
}

impl<W: Write + Send> std::fmt::Debug for ParquetWriter<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ParquetWriter")
            .field("rows", &self.rows)
            .field("row_group_size", &self.row_group_size)
            .finish()
    }
}

impl<W: Write + Send> ParquetWriter<W> {
    /// A writer to `out` with row groups of [`DEFAULT_ROW_GROUP_SIZE`].
    pub fn new(out: W) -> Result<ParquetWriter<W>, OutputError> {
        ParquetWriter::with_row_group_size(out, DEFAULT_ROW_GROUP_SIZE)
    }

    /// A writer to `out` with row groups of `rows` events (at least one).
    pub fn with_row_group_size(out: W, rows: usize) -> Result<ParquetWriter<W>, OutputError> {
        let rows = rows.max(1);
        let schema = Arc::new(schema());
        let properties = WriterProperties::builder()
            .set_max_row_group_row_count(Some(rows))
            .build();
        let writer = ArrowWriter::try_new(out, Arc::clone(&schema), Some(properties))?;
        Ok(ParquetWriter {
            writer,
            schema,
            builders: builders(),
            rows: 0,
            row_group_size: rows,
        })
    }

    /// Writes the buffered rows as one row group.
    fn flush_rows(&mut self) -> Result<(), OutputError> {
        if self.rows == 0 {
            return Ok(());
        }
        let arrays: Vec<ArrayRef> = self.builders.iter_mut().map(Builder::finish).collect();
        let batch = RecordBatch::try_new(Arc::clone(&self.schema), arrays)?;
        self.rows = 0;
        self.writer.write(&batch)?;
        self.writer.flush()?;
        Ok(())
    }
}

impl<W: Write + Send> Writer for ParquetWriter<W> {
    fn write_event(&mut self, record: &EventRecord) -> Result<(), OutputError> {
        // Check every cell before appending any, so a bad record leaves
        // the columns the same length.
        let cells = flat::row(record);
        for (column, cell) in flat::columns().iter().zip(&cells) {
            if let (ColumnType::Date, Cell::Text(text)) = (column.ty(), cell)
                && flat::days_since_epoch(text).is_none()
            {
                return Err(OutputError::BadDate {
                    column: column.name(),
                    value: text.to_string(),
                });
            }
        }
        for (builder, cell) in self.builders.iter_mut().zip(cells) {
            builder.append(cell);
        }
        self.rows += 1;
        if self.rows >= self.row_group_size {
            self.flush_rows()?;
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<(), OutputError> {
        self.flush_rows()?;
        let mut out = self.writer.into_inner()?;
        out.flush()?;
        Ok(())
    }
}

/// The Arrow schema of the flat columns, naming the layout in its metadata.
fn schema() -> Schema {
    let fields: Vec<Field> = flat::columns()
        .iter()
        .map(|c| Field::new(c.name(), data_type(c), c.nullable()))
        .collect();
    Schema::new(fields).with_metadata(
        [(
            SCHEMA_METADATA_KEY.to_string(),
            flat::FLAT_SCHEMA_NAME.to_string(),
        )]
        .into(),
    )
}

fn data_type(column: &Column) -> DataType {
    match column.ty() {
        ColumnType::String => DataType::Utf8,
        ColumnType::Integer => DataType::Int64,
        ColumnType::Float => DataType::Float64,
        ColumnType::Boolean => DataType::Boolean,
        ColumnType::Date => DataType::Date32,
    }
}

/// The column being filled for one row group.
enum Builder {
    String(StringBuilder),
    Integer(Int64Builder),
    Float(Float64Builder),
    Boolean(BooleanBuilder),
    Date(Date32Builder),
}

fn builders() -> Vec<Builder> {
    flat::columns()
        .iter()
        .map(|c| match c.ty() {
            ColumnType::String => Builder::String(StringBuilder::new()),
            ColumnType::Integer => Builder::Integer(Int64Builder::new()),
            ColumnType::Float => Builder::Float(Float64Builder::new()),
            ColumnType::Boolean => Builder::Boolean(BooleanBuilder::new()),
            ColumnType::Date => Builder::Date(Date32Builder::new()),
        })
        .collect()
}

impl Builder {
    /// Appends `cell`; a cell of another type than the column's (which the
    /// flat table never produces) is appended as null.
    fn append(&mut self, cell: Cell<'_>) {
        match (self, cell) {
            (Builder::String(b), Cell::Text(s)) => b.append_value(s),
            (Builder::Integer(b), Cell::Integer(n)) => b.append_value(n),
            (Builder::Float(b), Cell::Float(x)) => b.append_value(x),
            (Builder::Boolean(b), Cell::Boolean(v)) => b.append_value(v),
            (Builder::Date(b), Cell::Text(s)) => b.append_option(flat::days_since_epoch(&s)),
            (Builder::String(b), _) => b.append_null(),
            (Builder::Integer(b), _) => b.append_null(),
            (Builder::Float(b), _) => b.append_null(),
            (Builder::Boolean(b), _) => b.append_null(),
            (Builder::Date(b), _) => b.append_null(),
        }
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Builder::String(b) => Arc::new(b.finish()),
            Builder::Integer(b) => Arc::new(b.finish()),
            Builder::Float(b) => Arc::new(b.finish()),
            Builder::Boolean(b) => Arc::new(b.finish()),
            Builder::Date(b) => Arc::new(b.finish()),
        }
    }
}

//! What dyad writes: the `dyad.event/1` event record and its writers
//! (JSON lines, CSV, TSV, Parquet), the `dyad.document/1` and
//! `dyad.error/1` JSON-line records, and CoNLL-U.
//!
//! This is the one crate that derives `Serialize` for output (STYLE.md
//! convention 9): internal types convert to its records explicitly, so each
//! output contract has one owner.
//!
//! - [`EventRecord`] is the `dyad.event/1` record, exactly as
//!   `shared/event-record.md` specifies (every key always written, `null`
//!   when unknown), built by [`EventRecord::new`] / [`records_enriched`] from
//!   a [`dyad_code::Event`], its [`dyad_core::Document`] and an
//!   [`Enrichment`] (date, precision and place as plain data; this crate
//!   does not call `dyad-enrich`). Its JSON Schema is [`SCHEMA`].
//! - [`Writer`] writes a stream of event records in one [`Format`]; make one
//!   with [`writer`]. [`JsonlWriter`] writes the record as JSON lines;
//!   [`CsvWriter`] (comma or tab) and `ParquetWriter` (cargo feature
//!   `parquet`, on by default) write one flat row per event with the columns
//!   of [`flat::columns`], the layout [`flat::FLAT_SCHEMA_NAME`]
//!   (`docs/output.md` in the repository lists them).
//! - [`write_document_json`], [`write_error_json`] and
//!   [`write_document_conllu`] append one document or error record to a
//!   buffer, so the caller can render documents in parallel and write them
//!   in order; [`DocumentFormat`] picks one of the two document formats.
//!
//! This crate does not code events, read input, open files, or decide which
//! events to write.
//!
//! ```
//! use dyad_output::{CsvWriter, Writer};
//!
//! let mut out = Vec::new();
//! let csv = CsvWriter::new(&mut out, b',')?;
//! Box::new(csv).finish()?; // no events: the header row only
//! let header = String::from_utf8_lossy(&out);
//! assert!(header.starts_with("schema,event_id,doc_id,doc_title,doc_date,"));
//! # Ok::<(), dyad_output::OutputError>(())
//! ```

mod confidence;
mod conllu;
mod document;
mod error;
pub mod flat;
#[cfg(feature = "parquet")]
mod parquet_writer;
mod record;
mod writer;

pub use confidence::confidence;
pub use conllu::write_document_conllu;
pub use document::{
    DOCUMENT_SCHEMA_NAME, DocumentFormat, ERROR_SCHEMA_NAME, write_document_json, write_error,
    write_error_json,
};
pub use error::OutputError;
#[cfg(feature = "parquet")]
pub use parquet_writer::{DEFAULT_ROW_GROUP_SIZE, ParquetWriter, SCHEMA_METADATA_KEY};
pub use record::{
    ActorRecord, AttributionRecord, Enrichment, EventRecord, Evidence, LocationRecord,
    PloverRecord, SCHEMA, SCHEMA_NAME, records, records_enriched,
};
pub use writer::{CsvWriter, Format, JsonlWriter, Writer, write_event_json, writer};

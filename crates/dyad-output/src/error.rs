//! The crate's one error type.

use crate::Format;

/// A record could not be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OutputError {
    /// The output stream failed.
    #[error("cannot write output: {0}")]
    Io(#[from] std::io::Error),
    /// A record could not be serialised as JSON.
    #[error("cannot write a JSON record: {0}")]
    Json(#[from] serde_json::Error),
    /// A CSV or TSV row could not be written.
    #[error("cannot write a CSV row: {0}")]
    Csv(#[from] csv::Error),
    /// The Parquet writer failed.
    #[cfg(feature = "parquet")]
    #[error("cannot write Parquet: {0}")]
    Parquet(#[from] parquet::errors::ParquetError),
    /// A Parquet column batch could not be assembled.
    #[cfg(feature = "parquet")]
    #[error("cannot build a Parquet row group: {0}")]
    Arrow(#[from] arrow_schema::ArrowError),
    /// A date column holds something other than an ISO 8601 date.
    #[error("column {column}: {value:?} is not a date of the form YYYY-MM-DD")]
    BadDate {
        /// The flat column.
        column: &'static str,
        /// What it held.
        value: String,
    },
    /// A format name that is not one of [`Format`]'s or
    /// [`DocumentFormat`](crate::DocumentFormat)'s.
    #[error("unknown output format {name:?}; expected one of {expected}")]
    UnknownFormat {
        /// The name given.
        name: String,
        /// The names known, comma-separated.
        expected: &'static str,
    },
    /// The format exists but this build leaves it out.
    #[error("{0} output is not built in (build dyad-output with the cargo feature `{0}`)")]
    NotBuilt(Format),
}

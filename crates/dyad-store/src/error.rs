//! The store's one error type.

use std::path::{Path, PathBuf};
use std::time::Duration;

/// What can go wrong opening, loading or querying a store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The file could not be opened as a database.
    #[error("cannot open {path}: {source}")]
    Open {
        /// The file.
        path: PathBuf,
        /// Why.
        source: rusqlite::Error,
    },
    /// A read-only open of a file that does not exist.
    #[error("{0}: no such database file")]
    Missing(PathBuf),
    /// The file is a database but not a dyad store.
    #[error("not a dyad event store (the database has other tables or no schema version)")]
    NotAStore,
    /// The store was made by a newer dyad.
    #[error("the store has schema version {found}; this dyad reads up to {supported}")]
    TooNew {
        /// The file's version.
        found: u32,
        /// The newest this code knows.
        supported: u32,
    },
    /// The store has an older schema and was opened read-only.
    #[error(
        "the store has schema version {found}, older than {current}: run `dyad db migrate FILE` first"
    )]
    TooOld {
        /// The file's version.
        found: u32,
        /// The current version.
        current: u32,
    },
    /// A filter or aggregate value that cannot be used.
    #[error("invalid {name}: {message}")]
    Invalid {
        /// The parameter.
        name: &'static str,
        /// What is wrong and what is expected.
        message: String,
    },
    /// The full-text query is not FTS5 syntax.
    #[error("invalid text query {query:?}: {message}")]
    TextQuery {
        /// The query as given.
        query: String,
        /// SQLite's message.
        message: String,
    },
    /// A read ran past the time limit.
    #[error("the query took longer than {0:?} and was stopped; narrow the filters")]
    TooSlow(Duration),
    /// A stored record is not valid JSON (the file was edited by hand).
    #[error("stored record {id} is not valid JSON: {source}")]
    Record {
        /// The event's row id.
        id: i64,
        /// The parser's error.
        source: serde_json::Error,
    },
    /// An event record could not be serialised.
    #[error("cannot serialise an event record: {0}")]
    Json(#[from] serde_json::Error),
    /// Any other SQLite error.
    #[error("database error: {0}")]
    Sql(#[from] rusqlite::Error),
}

impl StoreError {
    pub(crate) fn open(path: &Path, source: rusqlite::Error) -> StoreError {
        StoreError::Open {
            path: path.to_path_buf(),
            source,
        }
    }

    pub(crate) fn invalid(name: &'static str, message: impl Into<String>) -> StoreError {
        StoreError::Invalid {
            name,
            message: message.into(),
        }
    }

    /// Whether the error is the caller's (a bad parameter or query) rather
    /// than the store's: an HTTP server answers these with 400.
    pub fn is_bad_request(&self) -> bool {
        matches!(
            self,
            StoreError::Invalid { .. } | StoreError::TextQuery { .. }
        )
    }
}

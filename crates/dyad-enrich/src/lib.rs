//! Enrichment: when and where an event happened.
//!
//! (Overview written below once the API settles.)

pub mod build;
mod date;
mod gazetteer;
pub mod lgl;
mod normalize;
mod toponym;

pub use date::{DateInput, DatePrecision, EventDate, resolve_date};
pub use gazetteer::{Feature, Gazetteer, Place, distance_km};
pub use toponym::{Candidate, ResolveContext, Toponym};

use dyad_core::Token;

/// What can go wrong building or reading a gazetteer or reading an
/// evaluation corpus.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// A JSON input file is malformed.
    #[error("{path}: malformed JSON: {message}")]
    Json {
        /// The file.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// A gazetteer file is malformed.
    #[error("gazetteer line {line}: {message}")]
    Corrupt {
        /// The 1-based line (0 for the file as a whole).
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// An XML evaluation corpus is malformed.
    #[error("{path}: malformed XML: {message}")]
    Xml {
        /// The file.
        path: String,
        /// What is wrong.
        message: String,
    },
}

/// A token's word form, or `""` when its span does not fit `text` (never
/// panics on mismatched input).
pub(crate) fn form<'t>(token: &'t Token, text: &'t str) -> &'t str {
    match &token.form {
        Some(form) => form,
        None => text.get(token.span.bytes()).unwrap_or(""),
    }
}

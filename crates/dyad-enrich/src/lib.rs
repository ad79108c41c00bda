//! Enrichment: when and where an event happened.
//!
//! This crate resolves an event's **date** against its document's
//! publication date and its **place** against an embedded gazetteer:
//!
//! - [`resolve_date`]: explicit dates ("Sept. 18, 2016", "Oct. 7"),
//!   weekdays ("on Wednesday"), relative expressions ("yesterday", "last
//!   month") and vague ones ("in the early hours of the protests" → unknown)
//!   → an [`EventDate`] with a [`DatePrecision`] and the evidence span; the
//!   publication date is the default, marked `"publication"`.
//! - [`Gazetteer`]: GeoNames places (cities of 500+ inhabitants,
//!   countries, US states and counties, continents; CC BY 4.0), embedded as
//!   a gzipped TSV file built by [`build::build_gazetteer`];
//!   [`Gazetteer::builtin`] loads it.
//! - [`Gazetteer::find_toponyms`] recognises place names in a sentence
//!   ([`Toponym`] with its [`Candidate`]s); [`Gazetteer::resolve`] picks one
//!   place per toponym from population and feature priors, "City, State"
//!   patterns, the document's other places and the actors' countries.
//! - [`Gazetteer::locate_event`] / [`DocumentPlaces`] give an event's
//!   [`Location`]: the place attached to its verb ("in Baghdad"), else the
//!   sentence's, else the document's main place.
//! - [`lgl`]: evaluation on the LGL geoparsing corpus.
//!
//! It does not find events, actors or attributions (see `dyad-code`), does
//! not serialise records (the output crate owns `dyad.event/1`), and reads
//! no file at run time: the gazetteer is compiled in.
//!
//! ```
//! use dyad_core::{BlockKind, DocumentBuilder};
//! use dyad_enrich::Gazetteer;
//!
//! let mut builder = DocumentBuilder::new("doc-1");
//! builder.push_block(BlockKind::Body, "Soleimani was sent to Baghdad by Iran.");
//! let mut doc = builder.finish();
//! dyad_text::Segmenter::new().segment(&mut doc);
//! let gazetteer = Gazetteer::builtin();
//! let location = gazetteer.locate_event(&doc, 0, 2, &["IRN"]).expect("a place");
//! assert_eq!(location.name, "Baghdad");
//! assert_eq!(location.country.as_deref(), Some("IRQ"));
//! ```

pub mod build;
mod date;
mod date_anchor;
mod derived;
mod detect;
mod discourse;
mod doc_context;
mod gazetteer;
pub mod lgl;
mod locate;
mod normalize;
mod notplace;
mod resolve;
mod source;
mod street;
mod toponym;

pub use date::{DateInput, DatePrecision, EventDate, resolve_date};
pub use date_anchor::narrative_anchors;
pub use gazetteer::{Feature, Gazetteer, Place, distance_km};
pub use locate::{DocumentPlaces, EventQuery, Location, LocationBasis};
pub use source::SourceProfile;
pub use street::street_names;
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

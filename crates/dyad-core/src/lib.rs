//! The plain data every dyad stage shares.
//!
//! dyad is a pipeline: ingest → segment → tag/parse → code → enrich → output.
//! The stages never call into each other's internals; they meet through the
//! types defined here:
//!
//! - [`Document`]: one news article (or one record of a corpus) with its
//!   metadata, its cleaned `text`, the [`Block`]s that text is made of (title,
//!   dateline, caption, body …) and, once segmented, its [`Sentence`]s.
//! - [`Sentence`] and [`Token`]: spans into the document's cleaned text.
//! - [`Span`]: one span type carrying both byte offsets (for slicing) and
//!   Unicode-scalar offsets (for output), see convention 10 in `STYLE.md`.
//! - [`Date`]: a calendar date with the arithmetic later stages need.
//! - [`DocError`]: what a document that could not be read turns into.
//!
//! This crate does no I/O and knows nothing about file formats, models or
//! JSON.
//!
//! ```
//! use dyad_core::{BlockKind, DocumentBuilder};
//!
//! let mut builder = DocumentBuilder::new("doc-1");
//! builder.push_block(BlockKind::Title, "Iran sends general");
//! builder.push_block(BlockKind::Body, "Soleimani was sent to Baghdad.");
//! let doc = builder.finish();
//! assert_eq!(doc.text, "Iran sends general\n\nSoleimani was sent to Baghdad.");
//! assert_eq!(doc.slice(doc.blocks[1].span), "Soleimani was sent to Baghdad.");
//! ```

mod date;
mod document;
mod error;
mod span;

pub use date::Date;
pub use document::{
    Analysis, Block, BlockKind, Document, DocumentBuilder, Meta, Origin, Sentence, Token,
};
pub use error::DocError;
pub use span::{CharIndex, Span};

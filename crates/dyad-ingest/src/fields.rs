//! A document from fields a caller already holds (a binding's arguments,
//! a data frame's row), built exactly as a JSONL or CSV record with the
//! same values would be.

use dyad_core::{DocError, Document};

use crate::record::{self, Record};

/// The fields of one document, as a JSONL object or CSV row gives them.
#[derive(Debug, Default, Clone)]
pub struct RecordFields {
    /// The document id; `None` or blank takes the fallback id.
    pub id: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// The publication date, in any form [`dyad_core::Date::parse`] reads
    /// (an unrecognised one is a document warning).
    pub date: Option<String>,
    /// The article text; `None` or blank is an error.
    pub text: Option<String>,
    /// The source name or URL.
    pub url: Option<String>,
}

/// Builds the document `fields` describe, as the JSONL and CSV readers do
/// for a record at `line` of `path` (the origin error records name);
/// `fallback_id` is the id when `fields.id` is missing or blank. A missing
/// or blank text is a [`DocError`] carrying the document id.
///
/// ```
/// use dyad_ingest::{RecordFields, record_document};
///
/// let fields = RecordFields {
///     id: Some("d1".into()),
///     text: Some("Chad attacked Niger.".into()),
///     date: Some("2019-10-31".into()),
///     ..RecordFields::default()
/// };
/// let doc = record_document(fields, "<memory>", 1, "doc-1".into()).unwrap();
/// assert_eq!(doc.meta.id, "d1");
/// assert_eq!(doc.text, "Chad attacked Niger.");
/// ```
pub fn record_document(
    fields: RecordFields,
    path: &str,
    line: u64,
    fallback_id: String,
) -> Result<Document, DocError> {
    let record = Record {
        id: fields.id,
        title: fields.title,
        date: fields.date,
        text: fields.text,
        url: fields.url,
        warnings: Vec::new(),
    };
    record::document(record, path, line, fallback_id, "text")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_text_is_an_error_with_the_id() {
        let fields = RecordFields {
            id: Some("x".into()),
            text: Some("  ".into()),
            ..RecordFields::default()
        };
        let err = record_document(fields, "<memory>", 3, "doc-3".into())
            .err()
            .map(|e| (e.doc_id, e.line));
        assert_eq!(err, Some((Some("x".to_string()), Some(3))));
    }

    #[test]
    fn blank_id_takes_the_fallback_and_bad_dates_warn() {
        let fields = RecordFields {
            id: Some(" ".into()),
            date: Some("not a date".into()),
            text: Some("Chad attacked Niger.".into()),
            ..RecordFields::default()
        };
        let doc = record_document(fields, "<memory>", 1, "doc-1".into());
        let doc = doc.ok();
        assert_eq!(doc.as_ref().map(|d| d.meta.id.as_str()), Some("doc-1"));
        assert!(doc.is_some_and(|d| d.warnings.iter().any(|w| w.contains("not a date"))));
    }
}

//! Turning one record of a tabular format (JSONL, CSV) into a document.

use dyad_core::{BlockKind, Date, DocError, Document, DocumentBuilder, Meta, Origin};

use crate::layout::split_dateline;

/// The fields of one record, already decoded.
#[derive(Debug, Default)]
pub(crate) struct Record {
    pub id: Option<String>,
    pub title: Option<String>,
    pub date: Option<String>,
    pub text: Option<String>,
    pub url: Option<String>,
    pub warnings: Vec<String>,
}

/// Builds the document for `record` found at `line` of `path`; `fallback_id`
/// is used when the record has no id. A missing or blank text is an error.
pub(crate) fn document(
    record: Record,
    path: &str,
    line: u64,
    fallback_id: String,
    text_field: &str,
) -> Result<Document, DocError> {
    let id = record
        .id
        .map(|id| id.trim().to_string())
        .filter(|id| !id.is_empty())
        .unwrap_or(fallback_id);
    let error = |message: String| DocError::at_line(path, line, message).with_doc_id(id.clone());
    let Some(text) = record.text else {
        return Err(error(format!("missing text field `{text_field}`")));
    };
    if text.trim().is_empty() {
        return Err(error("empty document".to_string()));
    }
    let non_empty = |value: Option<String>| value.filter(|v| !v.trim().is_empty());
    let date_text = non_empty(record.date);
    let date = date_text.as_deref().and_then(Date::parse);
    let mut builder = DocumentBuilder::with_meta(Meta {
        id: id.clone(),
        title: non_empty(record.title).map(|t| t.trim().to_string()),
        date,
        date_text: date_text.clone(),
        url: non_empty(record.url).map(|u| u.trim().to_string()),
        origin: Origin {
            path: path.to_string(),
            line: Some(line),
        },
    });
    for warning in record.warnings {
        builder.warn(warning);
    }
    if let (Some(raw), None) = (&date_text, date) {
        builder.warn(format!("unrecognised date `{}`", raw.trim()));
    }
    if let Some(title) = builder.meta_mut().title.clone() {
        builder.push_block(BlockKind::Title, &title);
    }
    let mut body = text.trim_start();
    if let Some((dateline, rest)) = split_dateline(body) {
        builder.push_block(BlockKind::Dateline, dateline);
        body = rest;
    }
    builder.push_block(BlockKind::Body, body);
    if builder.is_empty() {
        return Err(error("empty document".to_string()));
    }
    Ok(builder.finish())
}

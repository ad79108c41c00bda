//! Plain text: one document per file, with news-aware layout.
//!
//! The first line is the title when it is short, alone in its paragraph and
//! not a sentence; photo captions ("In this … photo", "FILE - …",
//! "… (AP Photo/…)") become caption blocks and the credit line after them a
//! credit block; a dateline opening the body ("BAGHDAD (AP) —") a dateline
//! block; site boilerplate at the end ("Please let us know …", "Share this
//! article", "© 2019 …") and widget lines anywhere are dropped.

use dyad_core::{Date, DocError, Document, DocumentBuilder, Meta, Origin};

use crate::layout::{assemble, lay_out_paragraphs};
use crate::source::{ReadAllError, Source, read_all_capped, too_large_message};
use crate::walk::Items;
use crate::{MAX_DOCUMENT_BYTES, decode};

/// Reads one text document from `source`.
pub(crate) fn read(source: Source) -> Items {
    Box::new(std::iter::once_with(move || {
        read_one(source, MAX_DOCUMENT_BYTES)
    }))
}

fn read_one(mut source: Source, cap: usize) -> Result<Document, DocError> {
    let bytes = match read_all_capped(&mut source.reader, cap) {
        Ok(bytes) => bytes,
        Err(ReadAllError::Io(err)) => return Err(source.io_error(&err, None)),
        Err(ReadAllError::TooLarge) => return Err(source.error(None, too_large_message(cap))),
    };
    let (text, warning) = decode::decode(&bytes);
    let date_text = date_in_name(&source.stem);
    let meta = Meta {
        id: source.stem.clone(),
        date: date_text.as_deref().and_then(Date::parse),
        date_text,
        origin: Origin {
            path: source.path.clone(),
            line: None,
        },
        ..Meta::default()
    };
    let doc = document_from_text(&text, meta);
    let mut doc = match doc {
        Some(doc) => doc,
        None => {
            return Err(source
                .error(None, "empty document")
                .with_doc_id(source.stem.clone()));
        }
    };
    if let Some(warning) = warning {
        doc.warnings.push(warning.to_string());
    }
    Ok(doc)
}

/// A date written in a file name (`iran-protests-2019-10-31`,
/// `reuters_20191031_x`): plain text carries no metadata, so a dated file
/// name is the publication date. Only years 1900–2099 count.
fn date_in_name(stem: &str) -> Option<String> {
    let bytes = stem.as_bytes();
    let digits = |from: usize, n: usize| {
        bytes
            .get(from..from + n)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
    };
    for start in 0..bytes.len() {
        let boundary_before = start == 0 || !bytes[start - 1].is_ascii_digit();
        if !boundary_before
            || !digits(start, 4)
            || !matches!(&bytes[start..start + 2], b"19" | b"20")
        {
            continue;
        }
        let candidate = if digits(start + 5, 2)
            && digits(start + 8, 2)
            && bytes[start + 4] == bytes[start + 7]
            && matches!(bytes[start + 4], b'-' | b'_' | b'.')
        {
            Some((
                start + 10,
                format!(
                    "{}-{}-{}",
                    &stem[start..start + 4],
                    &stem[start + 5..start + 7],
                    &stem[start + 8..start + 10]
                ),
            ))
        } else if digits(start, 8) {
            Some((start + 8, stem[start..start + 8].to_string()))
        } else {
            None
        };
        if let Some((end, text)) = candidate
            && !bytes.get(end).is_some_and(u8::is_ascii_digit)
            && Date::parse(&text).is_some()
        {
            return Some(text);
        }
    }
    None
}

/// Lays out `text` as a news article; `None` when there is no text.
pub(crate) fn document_from_text(text: &str, meta: Meta) -> Option<Document> {
    let mut paragraphs: Vec<Vec<&str>> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.split(['\n', '\r']) {
        let line = line.trim_end();
        if line.trim_start().is_empty() {
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    let title = paragraphs.first().and_then(|p| p.first()).map(|s| s.trim());
    let mut builder = DocumentBuilder::with_meta(meta);
    let blocks = lay_out_paragraphs(paragraphs);
    if let Some((dyad_core::BlockKind::Title, _)) = blocks.first() {
        builder.meta_mut().title = title.map(str::to_string);
    }
    assemble(&mut builder, blocks);
    if builder.is_empty() {
        return None;
    }
    Some(builder.finish())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use dyad_core::BlockKind;

    fn blocks(text: &str) -> Vec<(BlockKind, String)> {
        let doc = document_from_text(text, Meta::default()).unwrap_or_default();
        doc.blocks
            .iter()
            .map(|b| (b.kind, doc.slice(b.span).to_string()))
            .collect()
    }

    #[test]
    fn dates_in_file_names() {
        assert_eq!(
            date_in_name("iran-iraq-protests-2019-10-31").as_deref(),
            Some("2019-10-31")
        );
        assert_eq!(
            date_in_name("story_20150813_a").as_deref(),
            Some("20150813")
        );
        assert_eq!(date_in_name("report-2019-13-31"), None);
        assert_eq!(date_in_name("id-120191031"), None);
        assert_eq!(date_in_name("notes"), None);
    }

    #[test]
    fn title_dateline_body() {
        let text = "Iraq protests grow\n\nBAGHDAD (AP) — Thousands marched.\nThey chanted.\n\nPolice fired.\n\nShare this article\n\n© 2019 The Associated Press. All rights reserved.\n";
        assert_eq!(
            blocks(text),
            [
                (BlockKind::Title, "Iraq protests grow".to_string()),
                (BlockKind::Dateline, "BAGHDAD (AP) —".to_string()),
                (
                    BlockKind::Body,
                    "Thousands marched.\nThey chanted.\n\nPolice fired.".to_string()
                ),
            ]
        );
    }

    #[test]
    fn single_sentence_is_not_a_title() {
        assert_eq!(
            blocks("Iran sent a general.\n\nHe arrived."),
            [(
                BlockKind::Body,
                "Iran sent a general.\n\nHe arrived.".to_string()
            )]
        );
        assert_eq!(
            blocks("Only one line"),
            [(BlockKind::Body, "Only one line".to_string())]
        );
    }

    #[test]
    fn caption_with_separate_credit_paragraph() {
        let text = "Title here\n\nFILE - Protesters gather in Tahrir Square.\n\nReuters/Thaier al-Sudani\n\nBody text.";
        assert_eq!(
            blocks(text),
            [
                (BlockKind::Title, "Title here".to_string()),
                (
                    BlockKind::Caption,
                    "FILE - Protesters gather in Tahrir Square.".to_string()
                ),
                (BlockKind::Credit, "Reuters/Thaier al-Sudani".to_string()),
                (BlockKind::Body, "Body text.".to_string()),
            ]
        );
    }
}

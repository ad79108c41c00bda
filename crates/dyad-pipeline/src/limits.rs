//! Limits that bound the memory and time one document can take.
//!
//! Tagging and parsing need memory in proportion to a document's words,
//! and the parser's arc scores grow with the square of a sentence's
//! length (a 20,000-word "sentence" took 1.8 GB and 46 s). A document
//! over [`MAX_DOCUMENT_BYTES`] of text becomes an error record; a sentence
//! over [`MAX_SENTENCE_TOKENS`] words is split into pieces of at most that
//! many before parsing, with a warning.

use dyad_core::{DocError, Document, Sentence, Span};

/// Text bytes of one document at most, by default (16 MiB: news articles
/// are a few kilobytes; the README gives the peak memory of coding a
/// document of this size).
pub const MAX_DOCUMENT_BYTES: usize = 16 * 1024 * 1024;

/// Words of one sentence at most; longer ones are split before parsing.
pub const MAX_SENTENCE_TOKENS: usize = 250;

/// `item`, or an error record when its document's text is over
/// `max_bytes`.
pub fn cap_document(
    item: Result<Document, DocError>,
    max_bytes: usize,
) -> Result<Document, DocError> {
    let doc = item?;
    if doc.text.len() <= max_bytes {
        return Ok(doc);
    }
    let mib = |b: usize| b as f64 / (1024.0 * 1024.0);
    let mut error = DocError::file(
        doc.meta.origin.path.clone(),
        format!(
            "document of {:.1} MiB of text is over the limit of {:.1} MiB (--max-document-mb)",
            mib(doc.text.len()),
            mib(max_bytes)
        ),
    );
    error.line = doc.meta.origin.line;
    Err(error.with_doc_id(doc.meta.id))
}

/// Splits every sentence of `doc` that has more than `max_tokens` words and
/// no analysis yet into pieces of at most `max_tokens` words, each ending
/// after the last punctuation mark in its second half when there is one;
/// adds one warning to the document per sentence split.
pub fn split_long_sentences(doc: &mut Document, max_tokens: usize) {
    let max_tokens = max_tokens.max(2);
    if doc
        .sentences
        .iter()
        .all(|s| s.tokens.len() <= max_tokens || !s.analysis.is_empty())
    {
        return;
    }
    let mut sentences = Vec::with_capacity(doc.sentences.len());
    for (i, sentence) in std::mem::take(&mut doc.sentences).into_iter().enumerate() {
        if sentence.tokens.len() <= max_tokens || !sentence.analysis.is_empty() {
            sentences.push(sentence);
            continue;
        }
        let words = sentence.tokens.len();
        let pieces = split(&doc.text, sentence, max_tokens);
        doc.warnings.push(format!(
            "sentence {i} has {words} words, over the limit of {max_tokens}: \
             split into {} pieces before parsing",
            pieces.len()
        ));
        sentences.extend(pieces);
    }
    doc.sentences = sentences;
}

/// The pieces of one long sentence.
fn split(text: &str, sentence: Sentence, max_tokens: usize) -> Vec<Sentence> {
    let Sentence { block, tokens, .. } = sentence;
    let mut pieces = Vec::new();
    let mut rest = tokens;
    while rest.len() > max_tokens {
        let end = cut(text, &rest, max_tokens);
        let tail = rest.split_off(end);
        pieces.push(piece(block, rest));
        rest = tail;
    }
    pieces.push(piece(block, rest));
    pieces
}

/// Where to end a piece: after the last punctuation token in the second
/// half of the first `max_tokens` words, else after `max_tokens` words.
fn cut(text: &str, tokens: &[dyad_core::Token], max_tokens: usize) -> usize {
    (max_tokens / 2..max_tokens)
        .rev()
        .find(|&i| {
            matches!(
                tokens[i].form(text),
                ";" | ":" | "," | "—" | "–" | "-" | "." | "!" | "?"
            )
        })
        .map_or(max_tokens, |i| i + 1)
}

fn piece(block: usize, tokens: Vec<dyad_core::Token>) -> Sentence {
    let span = match (tokens.first(), tokens.last()) {
        (Some(first), Some(last)) => Span {
            byte_start: first.span.byte_start,
            byte_end: last.span.byte_end,
            char_start: first.span.char_start,
            char_end: last.span.char_end,
        },
        _ => Span::default(),
    };
    Sentence {
        span,
        block,
        tokens,
        analysis: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_core::{BlockKind, DocumentBuilder};

    fn document(text: &str) -> Document {
        let mut builder = DocumentBuilder::new("d");
        builder.push_block(BlockKind::Body, text);
        let mut doc = builder.finish();
        dyad_text::Segmenter::new().segment(&mut doc);
        doc
    }

    #[test]
    fn long_sentences_are_split_on_token_boundaries_with_a_warning() {
        let text = "word ".repeat(1000) + "and, more words here , " + &"x ".repeat(400);
        let mut doc = document(&text);
        assert_eq!(doc.sentences.len(), 1);
        let words = doc.sentences[0].tokens.len();
        split_long_sentences(&mut doc, 250);
        assert!(doc.sentences.iter().all(|s| s.tokens.len() <= 250));
        let total: usize = doc.sentences.iter().map(|s| s.tokens.len()).sum();
        assert_eq!(total, words);
        assert_eq!(doc.warnings.len(), 1);
        for s in &doc.sentences {
            let first = s.tokens.first().unwrap();
            let last = s.tokens.last().unwrap();
            assert_eq!(s.span.byte_start, first.span.byte_start);
            assert_eq!(s.span.byte_end, last.span.byte_end);
            assert!(doc.text.get(s.span.bytes()).is_some());
        }
        // a comma in the second half ends the piece there
        let mut doc = document(&("a ".repeat(200) + ", " + &"b ".repeat(200)));
        split_long_sentences(&mut doc, 250);
        assert_eq!(doc.sentences[0].tokens.len(), 201);
    }

    #[test]
    fn short_and_parsed_sentences_are_left_alone() {
        let mut doc = document("Rebels attacked the town. Police said so.");
        let before = doc.sentences.clone();
        split_long_sentences(&mut doc, 250);
        assert_eq!(doc.sentences, before);
        assert!(doc.warnings.is_empty());
    }

    #[test]
    fn documents_over_the_cap_become_error_records() {
        let doc = document("Rebels attacked the town.");
        assert!(cap_document(Ok(doc.clone()), 100).is_ok());
        let err = cap_document(Ok(doc), 10).unwrap_err();
        assert!(err.message.contains("over the limit"), "{}", err.message);
        assert_eq!(err.doc_id.as_deref(), Some("d"));
    }
}

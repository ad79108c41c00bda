use super::*;
use dyad_core::{BlockKind, CharIndex, DocumentBuilder};
use proptest::prelude::*;

fn segment(blocks: &[(BlockKind, &str)]) -> Document {
    let mut builder = DocumentBuilder::new("t");
    for (kind, text) in blocks {
        builder.push_block(*kind, text);
    }
    let mut doc = builder.finish();
    Segmenter::new().segment(&mut doc);
    doc
}

fn sentence_texts(doc: &Document) -> Vec<&str> {
    doc.sentences.iter().map(|s| doc.slice(s.span)).collect()
}

#[test]
fn splits_news_sentences_and_keeps_abbreviations() {
    let doc = segment(&[(
        BlockKind::Body,
        "Senior Iraqi officials said Gen. Soleimani was sent to Baghdad. He met U.S. envoys at 3 p.m. on Oct. 7! \
         “We know how to deal with protests.” The day after, snipers shot demonstrators.",
    )]);
    assert_eq!(
        sentence_texts(&doc),
        [
            "Senior Iraqi officials said Gen. Soleimani was sent to Baghdad.",
            "He met U.S. envoys at 3 p.m. on Oct. 7!",
            "“We know how to deal with protests.”",
            "The day after, snipers shot demonstrators.",
        ]
    );
}

#[test]
fn blocks_and_paragraphs_are_hard_boundaries() {
    let doc = segment(&[
        (BlockKind::Title, "Report: Iran General in Iraq"),
        (
            BlockKind::Caption,
            "In this photo, Soleimani attends a meeting",
        ),
        (
            BlockKind::Body,
            "First paragraph without a stop\n\nSecond one.",
        ),
    ]);
    assert_eq!(
        sentence_texts(&doc),
        [
            "Report: Iran General in Iraq",
            "In this photo, Soleimani attends a meeting",
            "First paragraph without a stop",
            "Second one."
        ]
    );
    let blocks: Vec<usize> = doc.sentences.iter().map(|s| s.block).collect();
    assert_eq!(blocks, [0, 1, 2, 2]);
}

#[test]
fn char_offsets_count_unicode_scalars() {
    let doc = segment(&[(BlockKind::Body, "Iran’s “Quds Force” unit. Ok.")]);
    let quds = doc.sentences[0]
        .tokens
        .iter()
        .find(|t| t.form(&doc.text) == "Quds")
        .unwrap();
    assert_eq!(quds.span.chars(), [8, 12]);
}

#[test]
fn dateline_tokens() {
    let doc = segment(&[(
        BlockKind::Body,
        "NEW YORK, Feb 26 - Shares rose.\n\nBAGHDAD (AP) — Protests grew.",
    )]);
    assert_eq!(
        sentence_texts(&doc),
        [
            "NEW YORK, Feb 26 -",
            "Shares rose.",
            "BAGHDAD (AP) —",
            "Protests grew."
        ]
    );
    let words: Vec<&str> = doc.sentences[2]
        .tokens
        .iter()
        .map(|t| t.form(&doc.text))
        .collect();
    assert_eq!(words, ["BAGHDAD", "(", "AP", ")", "—"]);
}

/// Checks the invariants every segmentation must keep.
fn check_invariants(doc: &Document) -> Result<(), TestCaseError> {
    let index = CharIndex::new(&doc.text);
    let mut last_end = 0u32;
    for sentence in &doc.sentences {
        prop_assert!(!sentence.tokens.is_empty());
        let block = &doc.blocks[sentence.block];
        prop_assert!(sentence.span.byte_start >= block.span.byte_start);
        prop_assert!(sentence.span.byte_end <= block.span.byte_end);
        prop_assert!(sentence.span.byte_start >= last_end);
        last_end = sentence.span.byte_end;
        let mut token_end = sentence.span.byte_start;
        for (i, token) in sentence.tokens.iter().enumerate() {
            let span = token.span;
            prop_assert!(span.byte_start >= token_end && span.byte_start < span.byte_end);
            prop_assert!(span.byte_end <= sentence.span.byte_end);
            prop_assert!(doc.text.is_char_boundary(span.byte_start as usize));
            prop_assert!(doc.text.is_char_boundary(span.byte_end as usize));
            prop_assert_eq!(span, index.span(span.bytes().start, span.bytes().end));
            let form = token.form(&doc.text);
            prop_assert!(!form.trim().is_empty() && form.trim() == form);
            if token.joined {
                prop_assert!(i > 0 && span.byte_start == token_end);
            }
            token_end = span.byte_end;
        }
    }
    // Text is reproducible: every non-space char of the text is in a token.
    let covered: usize = doc
        .sentences
        .iter()
        .flat_map(|s| &s.tokens)
        .map(|t| t.form(&doc.text).chars().count())
        .sum();
    let non_space = doc.text.chars().filter(|c| !c.is_whitespace()).count();
    prop_assert_eq!(covered, non_space);
    Ok(())
}

proptest! {
    #[test]
    fn any_text_segments_validly(text in "\\PC{0,400}") {
        let doc = segment(&[(BlockKind::Body, &text)]);
        check_invariants(&doc)?;
    }

    #[test]
    fn newsy_text_segments_validly(text in "([A-Z][a-z]{0,8}|[a-z]{1,8}|U\\.S\\.|Gen\\.|n't|'s|[.,!?;:\"“”()'$%—-]|[0-9]{1,4}|\\.\\.\\.|http://a\\.b/c|[ \\n]{1,3}){0,80}") {
        let doc = segment(&[(BlockKind::Title, "Title"), (BlockKind::Body, &text)]);
        check_invariants(&doc)?;
    }
}

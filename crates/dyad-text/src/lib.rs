//! Sentence splitting and Universal-Dependencies-style tokenisation.
//!
//! [`Segmenter::segment`] fills a [`Document`]'s sentences from its blocks.
//! Blocks and paragraph breaks (blank lines) are hard boundaries; inside a
//! paragraph, sentences end at `.`, `?`, `!` and `...` unless an
//! abbreviation, initial or lower-case continuation says otherwise.
//!
//! Tokens follow the conventions of the UD English treebanks: punctuation
//! split off, hyphenated compounds split ("search - engine") except after
//! prefixes ("e-mail", "co-workers"), `$` and `%` split from numbers, URLs,
//! e-mail addresses, dotted abbreviations ("U.S.", "Gen.") and emoticons
//! kept whole, and clitics ("n't", "'s", "'re" …) split into their own
//! *words* that stay in one surface token (see [`dyad_core::Token::joined`]).
//!
//! This crate does not tag or parse, and reads no files: it is a pure
//! function of the text.
//!
//! ```
//! use dyad_core::{BlockKind, DocumentBuilder};
//! use dyad_text::Segmenter;
//!
//! let mut builder = DocumentBuilder::new("d");
//! builder.push_block(BlockKind::Body, "Iraq's PM didn't resign. Protests go on.");
//! let mut doc = builder.finish();
//! Segmenter::new().segment(&mut doc);
//! assert_eq!(doc.sentences.len(), 2);
//! let words: Vec<&str> = doc.sentences[0].tokens.iter().map(|t| t.form(&doc.text)).collect();
//! assert_eq!(words, ["Iraq", "'s", "PM", "did", "n't", "resign", "."]);
//! ```

mod lexicon;
mod sentence;
mod tokenize;

use dyad_core::{Document, Sentence, Span, Token};

pub use tokenize::RawToken;

/// Splits documents into sentences and tokens.
#[derive(Clone, Debug, Default)]
pub struct Segmenter {
    _private: (),
}

/// A sentence as byte offsets: its token range in a token buffer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RawSentence {
    /// Index of the first token.
    pub first: usize,
    /// One past the last token.
    pub end: usize,
}

impl Segmenter {
    /// A segmenter with the built-in English rules.
    pub fn new() -> Segmenter {
        Segmenter::default()
    }

    /// Replaces `doc.sentences` with the sentences of its blocks.
    pub fn segment(&self, doc: &mut Document) {
        let mut sentences = Vec::new();
        let mut tokens = Vec::new();
        let mut raw = Vec::new();
        let mut offsets = CharCounter::new(&doc.text);
        for (block_index, block) in doc.blocks.iter().enumerate() {
            tokens.clear();
            raw.clear();
            self.split_bytes(&doc.text, block.span.bytes(), &mut tokens, &mut raw);
            for sentence in &raw {
                let words = &tokens[sentence.first..sentence.end];
                let mut out = Vec::with_capacity(words.len());
                for word in words {
                    let span = offsets.span(word.start, word.end);
                    out.push(Token {
                        span,
                        joined: word.joined,
                        form: None,
                    });
                }
                let span = match (out.first(), out.last()) {
                    (Some(first), Some(last)) => first.span.cover(&last.span),
                    _ => continue,
                };
                sentences.push(Sentence {
                    span,
                    block: block_index,
                    tokens: out,
                    analysis: Vec::new(),
                });
            }
        }
        doc.sentences = sentences;
    }

    /// Tokenises and splits `text[range]`, appending words to `tokens` and
    /// sentences (as ranges of `tokens`) to `sentences`. Offsets are bytes
    /// into `text`.
    pub fn split_bytes(
        &self,
        text: &str,
        range: std::ops::Range<usize>,
        tokens: &mut Vec<RawToken>,
        sentences: &mut Vec<RawSentence>,
    ) {
        let mut ends = Vec::new();
        for (start, end) in paragraphs(text, range) {
            let first = tokens.len();
            tokenize::tokenize_into(text, start, end, tokens);
            ends.clear();
            sentence::split(text, &tokens[first..], &mut ends);
            let mut from = first;
            for &end in &ends {
                let end = first + end;
                if end > from {
                    sentences.push(RawSentence { first: from, end });
                }
                from = end;
            }
        }
    }
}

/// The paragraphs of `text[range]`: pieces separated by a blank line.
fn paragraphs(
    text: &str,
    range: std::ops::Range<usize>,
) -> impl Iterator<Item = (usize, usize)> + '_ {
    let base = range.start;
    let slice = &text[range];
    let mut start = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        while !done {
            let (end, next) = match find_blank_line(&slice[start..]) {
                Some((a, b)) => (start + a, start + b),
                None => {
                    done = true;
                    (slice.len(), slice.len())
                }
            };
            let piece = (base + start, base + end);
            start = next;
            if piece.1 > piece.0 {
                return Some(piece);
            }
        }
        None
    })
}

/// Finds the first blank line (`\n` + optional spaces + `\n`) in `s`:
/// returns the byte range it covers.
fn find_blank_line(s: &str) -> Option<(usize, usize)> {
    let bytes = s.as_bytes();
    let mut from = 0;
    while let Some(pos) = memchr_newline(&bytes[from..]) {
        let at = from + pos;
        let mut j = at + 1;
        while j < bytes.len() && (bytes[j] == b' ' || bytes[j] == b'\t' || bytes[j] == b'\r') {
            j += 1;
        }
        if j < bytes.len() && bytes[j] == b'\n' {
            let mut end = j + 1;
            while end < bytes.len() && bytes[end].is_ascii_whitespace() {
                end += 1;
            }
            return Some((at, end));
        }
        from = at + 1;
    }
    None
}

fn memchr_newline(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'\n')
}

/// Converts increasing byte offsets to [`Span`]s by counting chars forward.
struct CharCounter<'a> {
    text: &'a str,
    ascii: bool,
    byte: usize,
    chars: u32,
}

impl<'a> CharCounter<'a> {
    fn new(text: &'a str) -> CharCounter<'a> {
        CharCounter {
            text,
            ascii: text.is_ascii(),
            byte: 0,
            chars: 0,
        }
    }

    fn char_at(&mut self, byte: usize) -> u32 {
        if self.ascii {
            return byte as u32;
        }
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text[self.byte..byte].chars().count() as u32;
        self.byte = byte;
        self.chars
    }

    fn span(&mut self, start: usize, end: usize) -> Span {
        let char_start = self.char_at(start);
        let char_end = self.char_at(end);
        Span {
            byte_start: start as u32,
            byte_end: end as u32,
            char_start,
            char_end,
        }
    }
}

#[cfg(test)]
mod tests;

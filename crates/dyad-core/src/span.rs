//! Spans into a document's cleaned text.

/// A half-open range `[start, end)` into a document's cleaned text, in both
/// UTF-8 byte offsets and Unicode scalar (char) offsets.
///
/// Byte offsets are what Rust needs to slice the text; char offsets are what
/// the output contract (`event-record.md`) promises. Offsets are `u32`:
/// documents over 4 GiB are rejected at ingest.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// First byte of the span.
    pub byte_start: u32,
    /// One past the last byte of the span.
    pub byte_end: u32,
    /// First char of the span.
    pub char_start: u32,
    /// One past the last char of the span.
    pub char_end: u32,
}

impl Span {
    /// Length in bytes.
    pub fn byte_len(&self) -> usize {
        (self.byte_end - self.byte_start) as usize
    }

    /// Whether the span covers nothing.
    pub fn is_empty(&self) -> bool {
        self.byte_end == self.byte_start
    }

    /// Byte range, for slicing `&text[span.bytes()]`.
    pub fn bytes(&self) -> std::ops::Range<usize> {
        self.byte_start as usize..self.byte_end as usize
    }

    /// Char offsets as `[start, end]`, the form written to JSON.
    pub fn chars(&self) -> [u32; 2] {
        [self.char_start, self.char_end]
    }

    /// The smallest span covering both `self` and `other`.
    pub fn cover(&self, other: &Span) -> Span {
        Span {
            byte_start: self.byte_start.min(other.byte_start),
            byte_end: self.byte_end.max(other.byte_end),
            char_start: self.char_start.min(other.char_start),
            char_end: self.char_end.max(other.char_end),
        }
    }
}

/// Converts byte offsets of one text to char offsets.
///
/// Texts that are pure ASCII (most news) convert in O(1); others use a
/// sampled table (one entry per 64 bytes) and a short scan.
#[derive(Debug, Clone)]
pub struct CharIndex<'a> {
    text: &'a str,
    /// `checkpoints[i]` = number of chars in `text[..i * STEP]` (rounded down
    /// to a char boundary, see `new`). Empty when the text is ASCII.
    checkpoints: Vec<(u32, u32)>,
}

const STEP: usize = 64;

impl<'a> CharIndex<'a> {
    /// Builds the index for `text`.
    pub fn new(text: &'a str) -> CharIndex<'a> {
        if text.is_ascii() {
            return CharIndex {
                text,
                checkpoints: Vec::new(),
            };
        }
        let mut checkpoints = Vec::with_capacity(text.len() / STEP + 1);
        let mut next = 0usize;
        for (chars, (byte, _)) in text.char_indices().enumerate() {
            if byte >= next {
                checkpoints.push((byte as u32, chars as u32));
                next = byte - byte % STEP + STEP;
            }
        }
        CharIndex { text, checkpoints }
    }

    /// Char offset of byte offset `byte`, which must be a char boundary of
    /// the text (or its length).
    pub fn char_at(&self, byte: usize) -> u32 {
        if self.checkpoints.is_empty() {
            return byte as u32;
        }
        let slot = self
            .checkpoints
            .partition_point(|&(b, _)| b as usize <= byte)
            .saturating_sub(1);
        let (from_byte, from_char) = self.checkpoints[slot];
        let from = from_byte as usize;
        from_char + self.text[from..byte].chars().count() as u32
    }

    /// The [`Span`] for the byte range `start..end`.
    pub fn span(&self, start: usize, end: usize) -> Span {
        Span {
            byte_start: start as u32,
            byte_end: end as u32,
            char_start: self.char_at(start),
            char_end: self.char_at(end),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ascii_and_unicode_offsets() {
        let text = "Iran’s “Quds Force” unit";
        let index = CharIndex::new(text);
        let byte = text.find("Quds").unwrap();
        assert_eq!(index.char_at(byte), 8);
        let span = index.span(byte, byte + 4);
        assert_eq!(span.chars(), [8, 12]);
        assert_eq!(&text[span.bytes()], "Quds");
    }

    proptest! {
        #[test]
        fn char_at_matches_naive(text in "\\PC{0,300}") {
            let index = CharIndex::new(&text);
            for (n, (byte, _)) in text.char_indices().enumerate() {
                prop_assert_eq!(index.char_at(byte), n as u32);
            }
            prop_assert_eq!(index.char_at(text.len()), text.chars().count() as u32);
        }
    }
}

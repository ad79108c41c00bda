//! Documents, blocks, sentences and tokens.

use crate::{CharIndex, Date, Span};

/// What part of an article a [`Block`] of text is.
///
/// Blocks are hard boundaries: no sentence crosses from one block to the
/// next, so a photo caption never runs into the body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BlockKind {
    /// The headline.
    Title,
    /// A dateline opening the body, e.g. `BAGHDAD (AP) —`.
    Dateline,
    /// A photo or video caption.
    Caption,
    /// A photo credit line, e.g. `Office of the Iranian Supreme Leader via AP`.
    Credit,
    /// Article body text.
    Body,
}

impl BlockKind {
    /// The lower-case name used in output.
    pub fn as_str(&self) -> &'static str {
        match self {
            BlockKind::Title => "title",
            BlockKind::Dateline => "dateline",
            BlockKind::Caption => "caption",
            BlockKind::Credit => "credit",
            BlockKind::Body => "body",
        }
    }
}

/// A contiguous part of a document's cleaned text with one role.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// The role of this text.
    pub kind: BlockKind,
    /// Where it is in [`Document::text`].
    pub span: Span,
}

/// One syntactic word.
///
/// UD splits some surface tokens into several syntactic words ("don't" →
/// "do" + "n't"); dyad keeps one `Token` per word and marks the words after
/// the first of such a group with `joined`, so surface tokens can be rebuilt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Where the word is in [`Document::text`].
    pub span: Span,
    /// This word continues the surface token of the previous word (a clitic
    /// split off a word, e.g. the "n't" of "don't").
    pub joined: bool,
    /// The word's form when it is not the text under `span` (only gold
    /// CoNLL-U multiword tokens need this); `None` almost always.
    pub form: Option<Box<str>>,
}

impl Token {
    /// A token covering `span`, not joined, with its text as form.
    pub fn new(span: Span) -> Token {
        Token {
            span,
            joined: false,
            form: None,
        }
    }

    /// The word form: `form` if set, else the text under `span`.
    pub fn form<'t>(&'t self, text: &'t str) -> &'t str {
        match &self.form {
            Some(form) => form,
            None => &text[self.span.bytes()],
        }
    }
}

/// The morphosyntactic analysis of one word: what a tagger, lemmatiser and
/// dependency parser (or a gold treebank) say about it, in Universal
/// Dependencies terms.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Analysis {
    /// Lemma.
    pub lemma: String,
    /// Universal part of speech (`NOUN`, `VERB` …).
    pub upos: String,
    /// Penn Treebank tag (`NNS`, `VBD` …).
    pub xpos: String,
    /// Morphological features, `Feat=Val|…` or empty.
    pub feats: String,
    /// 1-based index of the head word in the sentence; 0 for the root.
    pub head: u32,
    /// Dependency relation to the head (UD v2 labels such as `nsubj`,
    /// `obj`, `obl:tmod`; UD v1 labels from older parsers are kept as given).
    pub deprel: String,
}

/// A sentence: a span of one block and its tokens.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Sentence {
    /// Where the sentence is in [`Document::text`].
    pub span: Span,
    /// Index into [`Document::blocks`] of the block holding the sentence.
    pub block: usize,
    /// The sentence's words, in text order.
    pub tokens: Vec<Token>,
    /// One analysis per token, in the same order, once tagged and parsed;
    /// empty before.
    pub analysis: Vec<Analysis>,
}

/// Where a document came from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Origin {
    /// File path, or `-` for standard input.
    pub path: String,
    /// 1-based line in that file where the document starts, when the format
    /// has several documents per file.
    pub line: Option<u64>,
}

/// A document's metadata, as found by a reader.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meta {
    /// Identifier, unique within a run (readers derive one from the file name
    /// and position when the input has none).
    pub id: String,
    /// Headline, when known.
    pub title: Option<String>,
    /// Publication date, when known and parseable.
    pub date: Option<Date>,
    /// The publication date as written in the input, when there was one.
    pub date_text: Option<String>,
    /// Source name or URL, when known.
    pub url: Option<String>,
    /// The file and line the document was read from.
    pub origin: Origin,
}

/// One article: metadata, cleaned text, blocks and sentences.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    /// Metadata.
    pub meta: Meta,
    /// Cleaned text; all spans point into it.
    pub text: String,
    /// The text's blocks, in order, covering all non-separator text.
    pub blocks: Vec<Block>,
    /// Sentences in text order (empty until segmented).
    pub sentences: Vec<Sentence>,
    /// Problems that did not stop the document from being read, such as a
    /// lossy decode.
    pub warnings: Vec<String>,
}

impl Document {
    /// The text under `span`.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.bytes()]
    }
}

/// Assembles a [`Document`]'s cleaned text from blocks.
///
/// Each pushed block is cleaned (see [`clean_block`]) and separated from the
/// previous one by a blank line. Empty blocks are dropped.
#[derive(Debug)]
pub struct DocumentBuilder {
    meta: Meta,
    text: String,
    /// Byte ranges of the blocks pushed so far.
    blocks: Vec<(BlockKind, usize, usize)>,
    warnings: Vec<String>,
}

impl DocumentBuilder {
    /// Starts a document with the given id.
    pub fn new(id: impl Into<String>) -> DocumentBuilder {
        DocumentBuilder::with_meta(Meta {
            id: id.into(),
            ..Meta::default()
        })
    }

    /// Starts a document with the given metadata.
    pub fn with_meta(meta: Meta) -> DocumentBuilder {
        DocumentBuilder {
            meta,
            text: String::new(),
            blocks: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// The metadata, to fill in while building.
    pub fn meta_mut(&mut self) -> &mut Meta {
        &mut self.meta
    }

    /// Records a warning.
    pub fn warn(&mut self, warning: impl Into<String>) {
        self.warnings.push(warning.into());
    }

    /// Appends a block after cleaning its text. Returns whether anything was
    /// added (blank blocks are dropped).
    pub fn push_block(&mut self, kind: BlockKind, raw: &str) -> bool {
        let cleaned = clean_block(raw);
        if cleaned.is_empty() {
            return false;
        }
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        let start = self.text.len();
        self.text.push_str(&cleaned);
        self.blocks.push((kind, start, self.text.len()));
        true
    }

    /// Whether no block has been added.
    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }

    /// The document, with blocks but no sentences yet.
    pub fn finish(self) -> Document {
        let index = CharIndex::new(&self.text);
        let blocks = self
            .blocks
            .iter()
            .map(|&(kind, start, end)| Block {
                kind,
                span: index.span(start, end),
            })
            .collect();
        Document {
            meta: self.meta,
            text: self.text,
            blocks,
            sentences: Vec::new(),
            warnings: self.warnings,
        }
    }
}

/// Cleans one block of text:
///
/// - `\r\n` and `\r` become `\n`; form feeds and vertical tabs become `\n`;
/// - other control characters (and U+FEFF, U+200B) are removed; tabs, no-break
///   spaces and other Unicode spaces become plain spaces;
/// - trailing spaces on each line are removed, runs of blank lines become
///   one blank line (a paragraph break), and the block is trimmed.
///
/// Paragraph breaks (`\n\n`) survive cleaning; segmenters treat them as
/// sentence boundaries.
pub fn clean_block(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut pending_newlines = 0usize;
    let mut pending_spaces = 0usize;
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        let c = match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    continue;
                }
                '\n'
            }
            '\u{0b}' | '\u{0c}' | '\u{2028}' | '\u{2029}' | '\u{85}' => '\n',
            '\u{feff}' | '\u{200b}' => continue,
            '\n' => '\n',
            c if c.is_whitespace() => ' ',
            c if c.is_control() => continue,
            c => c,
        };
        match c {
            '\n' => {
                pending_spaces = 0;
                pending_newlines += 1;
            }
            ' ' => pending_spaces += 1,
            c => {
                if !out.is_empty() {
                    if pending_newlines >= 2 {
                        out.push_str("\n\n");
                    } else if pending_newlines == 1 {
                        out.push('\n');
                    } else {
                        out.extend(std::iter::repeat_n(' ', pending_spaces));
                    }
                }
                pending_newlines = 0;
                pending_spaces = 0;
                out.push(c);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn cleaning_normalises_breaks_and_spaces() {
        let raw = "  First\u{a0}line  \r\nsecond\tline\r\n\r\n\n\n  third\u{0} para \n";
        assert_eq!(clean_block(raw), "First line\nsecond line\n\nthird para");
    }

    #[test]
    fn blocks_are_separated_and_spanned() {
        let mut builder = DocumentBuilder::new("d");
        builder.push_block(BlockKind::Title, " Title ");
        assert!(!builder.push_block(BlockKind::Caption, " \n "));
        builder.push_block(BlockKind::Body, "Día uno.\n\n\nDay two.");
        let doc = builder.finish();
        assert_eq!(doc.text, "Title\n\nDía uno.\n\nDay two.");
        assert_eq!(doc.blocks.len(), 2);
        assert_eq!(doc.slice(doc.blocks[1].span), "Día uno.\n\nDay two.");
        assert_eq!(doc.blocks[1].span.chars(), [7, 25]);
    }

    proptest! {
        #[test]
        fn cleaning_is_idempotent_and_trimmed(raw in "\\PC{0,200}|[ \\r\\n\\ta-z.]{0,200}") {
            let once = clean_block(&raw);
            prop_assert_eq!(clean_block(&once), once.clone());
            prop_assert_eq!(once.trim(), once.as_str());
            prop_assert!(!once.contains("\n\n\n"));
            prop_assert!(!once.contains('\r'));
        }
    }
}

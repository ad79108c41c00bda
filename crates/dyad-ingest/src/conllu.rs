//! CoNLL-U: gold sentences and tokens kept.
//!
//! One document per `# newdoc` (or per file when there is none). A
//! sentence's text is its `raw_text()` (`# text`, or its tokens joined as
//! `SpaceAfter` says); sentences of a paragraph are joined by a space and
//! paragraphs (`# newpar`) by a blank line. The whole text is one body
//! block. Each syntactic word becomes a [`Token`] whose span is its surface
//! text; the words of a multiword token ("don't" → "do" + "n't") get
//! consecutive sub-spans when their forms spell the surface form, else each
//! gets the whole surface span and its own `form`; words after the first
//! are `joined`.
//!
//! Sentences whose words all have heads keep the file's analysis (lemma,
//! UPOS, XPOS, FEATS, head, relation) as [`Sentence::analysis`], so the
//! given tree is coded rather than a new parse; a tree that is not a tree
//! (a cycle, no root …) is dropped with a document warning. Files of forms
//! only (heads `_`) leave `analysis` empty.
//!
//! When a sentence's `# text` does not match its tokens, the sentence text
//! is rebuilt from the tokens and the document carries a warning. Malformed
//! sentences yield one error record each and are left out of their
//! document.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};

use dyad_core::{Analysis, Block, BlockKind, CharIndex, Document, Meta, Origin, Sentence, Token};

use crate::Item;
use crate::decode::{WARN_LOSSY, WARN_WINDOWS_1252};
use crate::source::{DecodedLines, Source};
use crate::walk::Items;

/// Reads the documents of `source`.
pub(crate) fn read(mut source: Source) -> Items {
    let inner = std::mem::replace(&mut source.reader, Box::new(io::empty()));
    let warning = Arc::new(AtomicU8::new(0));
    let lines = DecodedLines::new(inner, Arc::clone(&warning));
    Box::new(ConlluReader {
        sentences: dyad_conllu::Reader::new(lines),
        source,
        warning,
        doc: None,
        docs: 0,
        queued: None,
        done: false,
    })
}

/// A document being assembled.
struct PendingDoc {
    id: Option<String>,
    line: u64,
    text: String,
    /// Byte ranges of sentences and, for each, its tokens as (start, end,
    /// joined, form).
    sentences: Vec<PendingSentence>,
    warnings: Vec<String>,
}

struct PendingSentence {
    start: usize,
    end: usize,
    tokens: Vec<(usize, usize, bool, Option<Box<str>>)>,
    /// The given analysis, one per token, or empty (see [`given_analysis`]).
    analysis: Vec<Analysis>,
}

struct ConlluReader {
    sentences: dyad_conllu::Reader<DecodedLines>,
    source: Source,
    warning: Arc<AtomicU8>,
    doc: Option<PendingDoc>,
    docs: u64,
    /// An item to hand out on the next call (an error read while finishing
    /// a document).
    queued: Option<Item>,
    done: bool,
}

impl Iterator for ConlluReader {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        if let Some(item) = self.queued.take() {
            return Some(item);
        }
        while !self.done {
            match self.sentences.next() {
                None => {
                    self.done = true;
                    if let Some(doc) = self.doc.take() {
                        return self.finish(doc);
                    }
                }
                Some(Err(err)) => {
                    let line = err.line();
                    let error = match &err {
                        dyad_conllu::Error::Io { source, .. } => {
                            self.done = true;
                            self.source.io_error(source, Some(line))
                        }
                        dyad_conllu::Error::Format { message, .. } => self
                            .source
                            .error(Some(line), format!("malformed conllu: {message}")),
                    };
                    let error = match self.doc.as_ref().and_then(|d| d.id.clone()) {
                        Some(id) => error.with_doc_id(id),
                        None => error,
                    };
                    if self.done
                        && let Some(doc) = self.doc.take()
                    {
                        self.queued = Some(Err(error));
                        return self.finish(doc);
                    }
                    return Some(Err(error));
                }
                Some(Ok(sentence)) => {
                    let finished = match (&sentence.newdoc, &self.doc) {
                        (Some(_), Some(_)) => self.doc.take(),
                        _ => None,
                    };
                    let doc = self.doc.get_or_insert_with(|| PendingDoc {
                        id: sentence.newdoc.clone().filter(|id| !id.trim().is_empty()),
                        line: sentence.line,
                        text: String::new(),
                        sentences: Vec::new(),
                        warnings: Vec::new(),
                    });
                    add_sentence(doc, &sentence);
                    if let Some(finished) = finished {
                        return self.finish(finished);
                    }
                }
            }
        }
        None
    }
}

impl ConlluReader {
    fn finish(&mut self, mut doc: PendingDoc) -> Option<Item> {
        self.docs += 1;
        let id = doc.id.take().unwrap_or_else(|| {
            if self.docs == 1 && self.done {
                self.source.stem.clone()
            } else {
                format!("{}-{}", self.source.stem, self.docs)
            }
        });
        match self.warning.swap(0, Ordering::Relaxed) {
            1 => doc.warnings.push(WARN_WINDOWS_1252.to_string()),
            2 => doc.warnings.push(WARN_LOSSY.to_string()),
            _ => {}
        }
        if doc.text.is_empty() {
            return Some(Err(self
                .source
                .error(Some(doc.line), "empty document")
                .with_doc_id(id)));
        }
        let index = CharIndex::new(&doc.text);
        let sentences = doc
            .sentences
            .into_iter()
            .map(|s| Sentence {
                span: index.span(s.start, s.end),
                block: 0,
                tokens: s
                    .tokens
                    .into_iter()
                    .map(|(start, end, joined, form)| Token {
                        span: index.span(start, end),
                        joined,
                        form,
                    })
                    .collect(),
                analysis: s.analysis,
            })
            .collect();
        let blocks = vec![Block {
            kind: BlockKind::Body,
            span: index.span(0, doc.text.len()),
        }];
        Some(Ok(Document {
            meta: Meta {
                id,
                origin: Origin {
                    path: self.source.path.clone(),
                    line: Some(doc.line),
                },
                ..Meta::default()
            },
            text: doc.text,
            blocks,
            sentences,
            warnings: doc.warnings,
        }))
    }
}

/// Appends one sentence (text, span and tokens) to `doc`.
fn add_sentence(doc: &mut PendingDoc, sentence: &dyad_conllu::Sentence) {
    if sentence.words.is_empty() {
        return;
    }
    let surface = sentence.surface_tokens();
    let given = sentence.raw_text();
    let given = given.trim();
    let text = match align(given, &surface) {
        Some(_) => given.to_string(),
        None => {
            doc.warnings.push(format!(
                "sentence at line {}: text does not match its tokens; rebuilt from the tokens",
                sentence.line
            ));
            rebuild(&surface)
        }
    };
    let Some(offsets) = align(&text, &surface) else {
        return;
    };
    if !doc.text.is_empty() {
        doc.text
            .push_str(if sentence.newpar { "\n\n" } else { " " });
    }
    let base = doc.text.len();
    doc.text.push_str(&text);
    let mut tokens = Vec::with_capacity(sentence.words.len());
    for (token, (start, end)) in surface.iter().zip(offsets) {
        let words = &sentence.words[token.words.clone()];
        let (start, end) = (base + start, base + end);
        if words.len() == 1 {
            tokens.push((start, end, false, None));
            continue;
        }
        let spelled: usize = words.iter().map(|w| w.form.len()).sum();
        let concatenates = spelled == end - start && {
            let mut rest = token.form;
            words
                .iter()
                .all(|w| match rest.strip_prefix(w.form.as_str()) {
                    Some(after) => {
                        rest = after;
                        true
                    }
                    None => false,
                })
        };
        let mut at = start;
        for (i, word) in words.iter().enumerate() {
            if concatenates {
                tokens.push((at, at + word.form.len(), i > 0, None));
                at += word.form.len();
            } else {
                tokens.push((start, end, i > 0, Some(word.form.clone().into_boxed_str())));
            }
        }
    }
    let mut analysis = given_analysis(sentence, &mut doc.warnings);
    if analysis.len() != tokens.len() {
        analysis.clear(); // one analysis per token or none
    }
    doc.sentences.push(PendingSentence {
        start: base,
        end: base + text.len(),
        tokens,
        analysis,
    });
}

/// The sentence's own analysis (lemma, tags, features, tree), one per word,
/// when every word has a head and the heads form a tree; empty when no word
/// has a head (a file of forms only, to be tagged and parsed). Heads that
/// are given but do not form a tree are not used: the document gets a
/// warning and the sentence is parsed again.
///
/// Columns are kept as given, except an empty FEATS (`_`), which becomes
/// the empty string.
fn given_analysis(sentence: &dyad_conllu::Sentence, warnings: &mut Vec<String>) -> Vec<Analysis> {
    if sentence.words.iter().all(|w| w.head.is_none()) {
        return Vec::new();
    }
    if let Err(err) = sentence.validate_tree() {
        let message = match &err {
            dyad_conllu::Error::Format { message, .. } => message.clone(),
            dyad_conllu::Error::Io { .. } => err.to_string(),
        };
        warnings.push(format!(
            "sentence at line {}: given tree not used ({message}); parsed again",
            sentence.line
        ));
        return Vec::new();
    }
    sentence
        .words
        .iter()
        .map(|word| Analysis {
            lemma: word.lemma.clone(),
            upos: word.upos.clone(),
            xpos: word.xpos.clone(),
            feats: if word.feats == "_" {
                String::new()
            } else {
                word.feats.clone()
            },
            head: word.head.unwrap_or(0),
            deprel: word.deprel.clone(),
        })
        .collect()
}

/// Byte ranges of the surface tokens in `text`, found in order with only
/// whitespace between them; `None` when they do not match.
fn align(text: &str, surface: &[dyad_conllu::SurfaceToken<'_>]) -> Option<Vec<(usize, usize)>> {
    let mut offsets = Vec::with_capacity(surface.len());
    let mut at = 0;
    for token in surface {
        let rest = &text[at..];
        let skipped = rest.len() - rest.trim_start().len();
        at += skipped;
        if token.form.is_empty() || !text[at..].starts_with(token.form) {
            return None;
        }
        offsets.push((at, at + token.form.len()));
        at += token.form.len();
    }
    text[at..].trim().is_empty().then_some(offsets)
}

/// The sentence text spelled by its surface tokens and `SpaceAfter`.
fn rebuild(surface: &[dyad_conllu::SurfaceToken<'_>]) -> String {
    let mut text = String::new();
    for token in surface {
        if token.form.is_empty() {
            continue;
        }
        text.push_str(token.form);
        if token.space_after {
            text.push(' ');
        }
    }
    text.truncate(text.trim_end().len());
    text
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn builds_text_and_tokens() {
        let conllu = "# newdoc id = d1\n# text = I don't.\n1\tI\tI\tPRON\t_\t_\t2\tnsubj\t_\t_\n2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\tdo\tAUX\t_\t_\t0\troot\t_\t_\n3\tn't\tnot\tPART\t_\t_\t2\tadvmod\t_\tSpaceAfter=No\n4\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_\n\n# newpar\n# text = Vámonos\n1-2\tVámonos\t_\t_\t_\t_\t_\t_\t_\t_\n1\tVamos\tir\tVERB\t_\t_\t0\troot\t_\t_\n2\tnos\tnos\tPRON\t_\t_\t1\tobj\t_\t_\n\n";
        let source = Source {
            path: "t.conllu".to_string(),
            stem: "t".to_string(),
            gzip: false,
            reader: Box::new(io::Cursor::new(conllu.as_bytes().to_vec())),
        };
        let items: Vec<Item> = read(source).collect();
        assert_eq!(items.len(), 1);
        let Some(Ok(doc)) = items.first() else {
            panic!("{items:?}");
        };
        assert_eq!(doc.meta.id, "d1");
        assert_eq!(doc.text, "I don't.\n\nVámonos");
        let forms: Vec<(&str, bool)> = doc.sentences[0]
            .tokens
            .iter()
            .map(|t| (t.form(&doc.text), t.joined))
            .collect();
        assert_eq!(
            forms,
            [("I", false), ("do", false), ("n't", true), (".", false)]
        );
        let second = &doc.sentences[1].tokens;
        assert_eq!(doc.slice(second[0].span), "Vámonos");
        assert_eq!(second[0].form(&doc.text), "Vamos");
        assert_eq!(second[1].form(&doc.text), "nos");
        assert!(second[1].joined);
        assert_eq!(doc.sentences[1].span.chars(), [10, 17]);
    }

    fn read_str(conllu: &str) -> Vec<Item> {
        let source = Source {
            path: "t.conllu".to_string(),
            stem: "t".to_string(),
            gzip: false,
            reader: Box::new(io::Cursor::new(conllu.as_bytes().to_vec())),
        };
        read(source).collect()
    }

    #[test]
    fn the_given_tree_is_kept_exactly() {
        // A deliberately odd tree: "Gondor" is the root and "attacked" its
        // dependent; the reader must keep it as given, not re-derive one.
        let conllu = "# text = Arnor attacked Gondor.\n\
            1\tArnor\tArnor\tPROPN\tNNP\tNumber=Sing\t2\tnsubj\t_\t_\n\
            2\tattacked\tattack\tVERB\tVBD\tTense=Past\t3\tacl\t_\t_\n\
            3\tGondor\tGondor\tPROPN\tNNP\t_\t0\troot\t_\tSpaceAfter=No\n\
            4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n";
        let items = read_str(conllu);
        let Some(Ok(doc)) = items.first() else {
            panic!("{items:?}");
        };
        assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
        let analysis = &doc.sentences[0].analysis;
        let got: Vec<(&str, &str, &str, &str, u32, &str)> = analysis
            .iter()
            .map(|a| {
                (
                    a.lemma.as_str(),
                    a.upos.as_str(),
                    a.xpos.as_str(),
                    a.feats.as_str(),
                    a.head,
                    a.deprel.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("Arnor", "PROPN", "NNP", "Number=Sing", 2, "nsubj"),
                ("attack", "VERB", "VBD", "Tense=Past", 3, "acl"),
                ("Gondor", "PROPN", "NNP", "", 0, "root"),
                (".", "PUNCT", ".", "", 3, "punct"),
            ]
        );
    }

    #[test]
    fn multiword_tokens_get_one_analysis_per_word() {
        let conllu = "# text = I don't.\n1\tI\tI\tPRON\t_\t_\t2\tnsubj\t_\t_\n2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\tdo\tAUX\t_\t_\t0\troot\t_\t_\n3\tn't\tnot\tPART\t_\t_\t2\tadvmod\t_\tSpaceAfter=No\n4\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_\n\n";
        let items = read_str(conllu);
        let Some(Ok(doc)) = items.first() else {
            panic!("{items:?}");
        };
        let sentence = &doc.sentences[0];
        assert_eq!(sentence.analysis.len(), sentence.tokens.len());
        let heads: Vec<u32> = sentence.analysis.iter().map(|a| a.head).collect();
        assert_eq!(heads, [2, 0, 2, 2]);
    }

    #[test]
    fn forms_only_leave_the_analysis_empty() {
        let conllu = "1\tHello\t_\t_\t_\t_\t_\t_\t_\t_\n2\tthere\t_\t_\t_\t_\t_\t_\t_\t_\n\n";
        let items = read_str(conllu);
        let Some(Ok(doc)) = items.first() else {
            panic!("{items:?}");
        };
        assert_eq!(doc.sentences[0].tokens.len(), 2);
        assert!(doc.sentences[0].analysis.is_empty());
        assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    }

    #[test]
    fn a_given_cycle_is_not_used_and_warned_about() {
        let conllu = "1\ta\ta\tX\t_\t_\t0\troot\t_\t_\n2\tb\tb\tX\t_\t_\t3\tdep\t_\t_\n3\tc\tc\tX\t_\t_\t2\tdep\t_\t_\n\n";
        let items = read_str(conllu);
        let Some(Ok(doc)) = items.first() else {
            panic!("{items:?}");
        };
        assert!(doc.sentences[0].analysis.is_empty());
        assert_eq!(doc.warnings.len(), 1);
        assert!(doc.warnings[0].contains("line 1"), "{:?}", doc.warnings);
        assert!(doc.warnings[0].contains("cycle"), "{:?}", doc.warnings);
    }
}

//! Turning scanned `<Sentence>` elements into documents (with their given
//! parse) and into unit-test records.

use dyad_core::{
    Analysis, BlockKind, CharIndex, Date, DocError, Document, DocumentBuilder, Meta, Origin,
    Sentence, Token,
};

use super::{Pending, Piece, Scanner};
use crate::Item;
use crate::source::Source;

/// One gold event of a unit-test record (`<EventCoding sourcecode=…
/// targetcode=… eventcode=…/>`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldEvent {
    /// Source actor code.
    pub source: String,
    /// Target actor code.
    pub target: String,
    /// CAMEO event code.
    pub code: String,
}

/// The `<Environment>` block of a records file: the dictionary files the
/// records expect.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Environment {
    /// `<Verbfile>`.
    pub verbs: Option<String>,
    /// `<Actorfile>` (may name several, comma-separated).
    pub actors: Vec<String>,
    /// `<Agentfile>`.
    pub agents: Option<String>,
    /// `<Discardfile>`.
    pub discards: Option<String>,
}

/// One `<Sentence>` of a unit-test records file. `O` is what its
/// `<Config>` settings are read as: here the settings themselves; dyad-code
/// reads them as its coding options (`dyad_code::Record`).
#[derive(Clone, Debug)]
pub struct Record<O = Vec<(String, String)>> {
    /// The record's `id` (`line-N` when it has none).
    pub id: String,
    /// The record's `source` attribute, e.g. `DEMO`.
    pub category: String,
    /// 1-based line of the `<Sentence>` tag.
    pub line: usize,
    /// The gold events.
    pub gold: Vec<GoldEvent>,
    /// The record says no event must be coded (`noevents="True"`).
    pub no_events: bool,
    /// The record as a one-sentence document (id, date and text); its
    /// sentence carries the embedded CoNLL-U parse as analysis (empty when
    /// there was none or it could not be read).
    pub document: Document,
    /// Problems reading the record or its parse.
    pub warnings: Vec<String>,
    /// The options in force for this record: the
    /// `<Config option="…" value="…"/>` settings made before it, in file
    /// order (a later one overrides an earlier one of the same option), or
    /// what [`Record::map_options`] made of them.
    pub options: O,
}

impl<O> Record<O> {
    /// The record with its options read by `read`.
    pub fn map_options<P>(self, read: impl FnOnce(O) -> P) -> Record<P> {
        Record {
            options: read(self.options),
            id: self.id,
            category: self.category,
            line: self.line,
            gold: self.gold,
            no_events: self.no_events,
            document: self.document,
            warnings: self.warnings,
        }
    }
}

/// A whole records file; `O` as for [`Record`].
#[derive(Clone, Debug, Default)]
pub struct RecordFile<O = Vec<(String, String)>> {
    /// The environment.
    pub environment: Environment,
    /// The records, in file order.
    pub records: Vec<Record<O>>,
    /// Error records for what could not be read (malformed XML, an
    /// unterminated or oversized sentence).
    pub errors: Vec<DocError>,
}

impl<O> RecordFile<O> {
    /// The file with each record's options read by `read`.
    pub fn map_options<P>(self, mut read: impl FnMut(O) -> P) -> RecordFile<P> {
        RecordFile {
            environment: self.environment,
            records: self
                .records
                .into_iter()
                .map(|r| r.map_options(&mut read))
                .collect(),
            errors: self.errors,
        }
    }
}

/// Reads a unit-test records file's text. A `<Sentence>` without a
/// `<Text>` is skipped; comments are skipped; nothing here panics on
/// malformed input.
pub fn read_records(text: &str) -> RecordFile {
    let mut scanner = Scanner::new(
        text.as_bytes(),
        "records".to_string(),
        false,
        crate::MAX_DOCUMENT_BYTES,
    );
    let mut file = RecordFile::default();
    while let Some(piece) = scanner.next_piece() {
        match piece {
            Piece::Error(err) => file.errors.push(err),
            Piece::Sentence(pending) => {
                if let Some(record) = record(pending) {
                    file.records.push(record);
                }
            }
        }
    }
    file.environment = std::mem::take(&mut scanner.environment);
    file
}

/// The record of a scanned sentence; `None` without a `<Text>`.
fn record(pending: Pending) -> Option<Record> {
    if !pending.has_text {
        return None;
    }
    let line = pending.line as usize;
    let id = pending.id.unwrap_or_else(|| format!("line-{line}"));
    let sentence_text = normalise(&pending.text);
    let mut builder = DocumentBuilder::new(id.clone());
    builder.meta_mut().date = pending.date.as_deref().and_then(Date::parse);
    builder.meta_mut().date_text = pending.date;
    builder.push_block(BlockKind::Body, &sentence_text);
    let mut document = builder.finish();
    let mut warnings = pending.warnings;
    let (sentence, _) = build_sentence(&document, &pending.parse, &mut warnings);
    document.sentences.push(sentence);
    Some(Record {
        id,
        category: pending.source.unwrap_or_default(),
        line,
        gold: pending.gold,
        no_events: pending.no_events,
        document,
        warnings,
        options: pending.config,
    })
}

/// Sentences are hard-wrapped; the line breaks mean nothing.
fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The document of a scanned sentence, the `count`th of its file, with its
/// CoNLL-U parse as its one sentence when the parse fits the text.
pub(super) fn document(source: &Source, count: u64, pending: Pending) -> Item {
    let id = pending
        .id
        .clone()
        .filter(|id| !id.trim().is_empty())
        .unwrap_or_else(|| format!("{}-{}", source.stem, count));
    let date = pending.date.as_deref().and_then(Date::parse);
    let mut builder = DocumentBuilder::with_meta(Meta {
        id: id.clone(),
        title: None,
        date,
        date_text: pending.date,
        url: pending.source,
        origin: Origin {
            path: source.path.clone(),
            line: Some(pending.line),
        },
    });
    for warning in &pending.warnings {
        builder.warn(warning.clone());
    }
    let mut text = normalise(&pending.text);
    if text.is_empty() {
        text = text_from_parse(&pending.parse);
        if !text.is_empty() {
            builder.warn("empty <Text>; text rebuilt from <Parse>");
        }
    }
    builder.push_block(BlockKind::Body, &text);
    if builder.is_empty() {
        return Err(source
            .error(Some(pending.line), "empty document")
            .with_doc_id(id));
    }
    let mut document = builder.finish();
    if pending.parse.contains('\t') {
        given_parse(&mut document, &pending.parse);
    }
    Ok(document)
}

/// Attaches a CoNLL-U `<Parse>` as the document's one sentence when every
/// word is found in the text, in order, and the heads form a tree; else
/// the document gets a warning and is left to be parsed again.
fn given_parse(document: &mut Document, parse: &str) {
    let mut warnings = Vec::new();
    let (sentence, unaligned) = build_sentence(document, parse, &mut warnings);
    let problem = if !warnings.is_empty() {
        Some(warnings.join("; "))
    } else if sentence.tokens.is_empty() {
        None
    } else if unaligned > 0 {
        Some(format!("{unaligned} words not found in the text"))
    } else {
        check_tree(&sentence.analysis).err()
    };
    match problem {
        Some(problem) => document
            .warnings
            .push(format!("<Parse> not used ({problem}); parsed again")),
        None if !sentence.tokens.is_empty() => document.sentences.push(sentence),
        None => {}
    }
}

/// Checks that heads form a tree (one root, no cycle, heads in range).
fn check_tree(analysis: &[Analysis]) -> Result<(), String> {
    let sentence = dyad_conllu::Sentence {
        line: 1,
        words: analysis
            .iter()
            .enumerate()
            .map(|(i, a)| dyad_conllu::Word {
                id: i as u32 + 1,
                head: Some(a.head),
                ..dyad_conllu::Word::default()
            })
            .collect(),
        ..dyad_conllu::Sentence::default()
    };
    sentence.validate_tree().map_err(|err| match err {
        dyad_conllu::Error::Format { message, .. } => message,
        other => other.to_string(),
    })
}

/// The words of a `<Parse>`: CoNLL-U lines (forms, honouring
/// `SpaceAfter=No`) or a bracketed Penn tree (its leaves).
fn text_from_parse(parse: &str) -> String {
    let mut text = String::new();
    if parse.contains('\t') {
        for line in parse.lines() {
            let columns: Vec<&str> = line.split('\t').collect();
            if columns.len() < 2 || !columns[0].trim().chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            text.push_str(columns[1]);
            let no_space = columns
                .get(9)
                .is_some_and(|misc| misc.split('|').any(|m| m.trim() == "SpaceAfter=No"));
            if !no_space {
                text.push(' ');
            }
        }
    } else {
        // Leaves are `(TAG word)`: the word before a `)` after a space.
        for piece in parse.split(')') {
            if let Some(open) = piece.rfind('(') {
                let leaf = &piece[open + 1..];
                if let Some((_, word)) = leaf.split_once(' ') {
                    text.push_str(word.trim());
                    text.push(' ');
                }
            }
        }
    }
    text.trim_end().to_string()
}

/// Aligns the parse's words with the document text and attaches the
/// analysis. A word not found in the text (within 40 bytes of where the
/// previous one ended) gets an empty span and its own form; the second
/// value counts them.
fn build_sentence(doc: &Document, parse: &str, warnings: &mut Vec<String>) -> (Sentence, usize) {
    let text = &doc.text;
    let index = CharIndex::new(text);
    let mut tokens = Vec::new();
    let mut analysis = Vec::new();
    let mut cursor = 0usize;
    let mut unaligned = 0;
    for (n, line) in parse.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 8 {
            warnings.push(format!(
                "parse line {}: {} columns, expected 10",
                n + 1,
                cols.len()
            ));
            continue;
        }
        if cols[0].contains(['-', '.']) {
            continue; // multiword token ranges and empty nodes
        }
        let form = cols[1];
        let head = cols[6].parse::<u32>().unwrap_or_else(|_| {
            warnings.push(format!("parse line {}: bad head `{}`", n + 1, cols[6]));
            0
        });
        let rest = text.get(cursor..).unwrap_or("");
        let skipped = rest.len() - rest.trim_start().len();
        let at = cursor + skipped;
        let (start, end) = if text.get(at..).is_some_and(|t| t.starts_with(form)) {
            (at, at + form.len())
        } else if let Some(i) = text
            .get(at..)
            .and_then(|t| t.find(form))
            .filter(|&i| i < 40)
        {
            (at + i, at + i + form.len())
        } else {
            (at, at)
        };
        cursor = end;
        let mut token = Token::new(index.span(start, end));
        if start == end {
            token.form = Some(form.into());
            unaligned += 1;
        }
        tokens.push(token);
        let col = |i: usize| cols.get(i).copied().unwrap_or("_");
        analysis.push(Analysis {
            lemma: col(2).to_string(),
            upos: col(3).to_string(),
            xpos: col(4).to_string(),
            feats: if col(5) == "_" {
                String::new()
            } else {
                col(5).to_string()
            },
            head,
            deprel: col(7).to_string(),
        });
    }
    let span = doc.blocks.first().map(|b| b.span).unwrap_or_default();
    let sentence = Sentence {
        span,
        block: 0,
        tokens,
        analysis,
    };
    (sentence, unaligned)
}

//! The `dyad.document/1` and `dyad.error/1` JSON-line records.
//!
//! Internal types are not `Serialize`; this module owns their serialisable
//! views, so each contract has one owner.

use std::io::Write;

use dyad_core::{DocError, Document};
use serde::Serialize;

use crate::OutputError;

/// The `dyad.document/1` record's schema name.
pub const DOCUMENT_SCHEMA_NAME: &str = "dyad.document/1";

/// The `dyad.error/1` record's schema name.
pub const ERROR_SCHEMA_NAME: &str = "dyad.error/1";

/// The output formats of documents (`dyad parse --to`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DocumentFormat {
    /// `dyad.document/1` JSON lines ([`write_document_json`]).
    Jsonl,
    /// CoNLL-U ([`write_document_conllu`](crate::write_document_conllu)).
    Conllu,
}

impl DocumentFormat {
    /// Every format, in the order `--help` lists them.
    pub const ALL: [DocumentFormat; 2] = [DocumentFormat::Jsonl, DocumentFormat::Conllu];

    /// The format's name, as [`FromStr`](std::str::FromStr) reads it.
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentFormat::Jsonl => "jsonl",
            DocumentFormat::Conllu => "conllu",
        }
    }

    /// Appends `doc` in this format to `out`.
    pub fn write(self, doc: &Document, out: &mut Vec<u8>) -> Result<(), OutputError> {
        match self {
            DocumentFormat::Jsonl => write_document_json(doc, out),
            DocumentFormat::Conllu => crate::write_document_conllu(doc, out),
        }
    }
}

impl std::fmt::Display for DocumentFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for DocumentFormat {
    type Err = OutputError;

    fn from_str(s: &str) -> Result<DocumentFormat, OutputError> {
        DocumentFormat::ALL
            .into_iter()
            .find(|f| f.as_str() == s)
            .ok_or_else(|| OutputError::UnknownFormat {
                name: s.to_string(),
                expected: "jsonl, conllu",
            })
    }
}

/// `dyad.document/1`: a document with its blocks, sentences and tokens.
#[derive(Serialize)]
struct DocumentRecord<'a> {
    schema: &'static str,
    id: &'a str,
    title: Option<&'a str>,
    date: Option<String>,
    date_text: Option<&'a str>,
    url: Option<&'a str>,
    source: SourceRecord<'a>,
    text: &'a str,
    blocks: Vec<BlockRecord>,
    sentences: Vec<SentenceRecord<'a>>,
    warnings: &'a [String],
}

#[derive(Serialize)]
struct SourceRecord<'a> {
    path: &'a str,
    line: Option<u64>,
}

#[derive(Serialize)]
struct BlockRecord {
    kind: &'static str,
    span: [u32; 2],
}

#[derive(Serialize)]
struct SentenceRecord<'a> {
    span: [u32; 2],
    block: usize,
    tokens: Vec<TokenRecord<'a>>,
}

#[derive(Serialize)]
struct TokenRecord<'a> {
    form: &'a str,
    span: [u32; 2],
    /// Part of the previous token's surface word ("n't" of "don't").
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    joined: bool,
    /// Tagging and parsing, when the sentence has been analysed.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    analysis: Option<AnalysisRecord<'a>>,
}

#[derive(Serialize)]
struct AnalysisRecord<'a> {
    lemma: &'a str,
    upos: &'a str,
    xpos: &'a str,
    feats: &'a str,
    /// 1-based index of the head token in the sentence; 0 for the root.
    head: u32,
    deprel: &'a str,
}

/// `dyad.error/1`.
#[derive(Serialize)]
struct ErrorRecord<'a> {
    schema: &'static str,
    doc_id: Option<&'a str>,
    source: &'a str,
    line: Option<u64>,
    error: &'a str,
}

/// Appends `doc` as one `dyad.document/1` JSON line to `out`.
pub fn write_document_json(doc: &Document, out: &mut Vec<u8>) -> Result<(), OutputError> {
    let record = DocumentRecord {
        schema: DOCUMENT_SCHEMA_NAME,
        id: &doc.meta.id,
        title: doc.meta.title.as_deref(),
        date: doc.meta.date.map(|d| d.to_string()),
        date_text: doc.meta.date_text.as_deref(),
        url: doc.meta.url.as_deref(),
        source: SourceRecord {
            path: &doc.meta.origin.path,
            line: doc.meta.origin.line,
        },
        text: &doc.text,
        blocks: doc
            .blocks
            .iter()
            .map(|b| BlockRecord {
                kind: b.kind.as_str(),
                span: b.span.chars(),
            })
            .collect(),
        sentences: doc
            .sentences
            .iter()
            .map(|s| SentenceRecord {
                span: s.span.chars(),
                block: s.block,
                tokens: s
                    .tokens
                    .iter()
                    .enumerate()
                    .map(|(i, t)| TokenRecord {
                        form: t.form(&doc.text),
                        span: t.span.chars(),
                        joined: t.joined,
                        analysis: s.analysis.get(i).map(|a| AnalysisRecord {
                            lemma: &a.lemma,
                            upos: &a.upos,
                            xpos: &a.xpos,
                            feats: &a.feats,
                            head: a.head,
                            deprel: &a.deprel,
                        }),
                    })
                    .collect(),
            })
            .collect(),
        warnings: &doc.warnings,
    };
    serde_json::to_writer(&mut *out, &record)?;
    out.push(b'\n');
    Ok(())
}

/// Writes `err` as one `dyad.error/1` JSON line to `errors`.
pub fn write_error(err: &DocError, errors: &mut dyn Write) -> Result<(), OutputError> {
    let mut line = Vec::new();
    write_error_json(err, &mut line)?;
    errors.write_all(&line)?;
    Ok(())
}

/// Appends `err` as one `dyad.error/1` JSON line to `out`.
pub fn write_error_json(err: &DocError, out: &mut Vec<u8>) -> Result<(), OutputError> {
    let record = ErrorRecord {
        schema: ERROR_SCHEMA_NAME,
        doc_id: err.doc_id.as_deref(),
        source: &err.source_path,
        line: err.line,
        error: &err.message,
    };
    serde_json::to_writer(&mut *out, &record)?;
    out.push(b'\n');
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
pub(crate) mod tests {
    use super::*;
    use dyad_core::{BlockKind, DocumentBuilder};

    /// A segmented document with a title and a body, a multiword token in
    /// each (`Iran’s`, `don't`) and a token with no space after (`know`);
    /// the CoNLL-U tests use it too.
    pub(crate) fn doc() -> Document {
        let mut builder = DocumentBuilder::new("d1");
        builder.push_block(BlockKind::Title, "Iran’s move");
        builder.push_block(BlockKind::Body, "They don't know.");
        let mut doc = builder.finish();
        dyad_text::Segmenter::new().segment(&mut doc);
        doc
    }

    #[test]
    fn document_json_has_char_spans_and_blocks() {
        let mut out = Vec::new();
        write_document_json(&doc(), &mut out).unwrap();
        let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(value["schema"], "dyad.document/1");
        assert_eq!(value["blocks"][0]["kind"], "title");
        assert_eq!(value["blocks"][1]["span"], serde_json::json!([13, 29]));
        let tokens = &value["sentences"][1]["tokens"];
        assert_eq!(tokens[1]["form"], "do");
        assert_eq!(tokens[2]["form"], "n't");
        assert_eq!(tokens[2]["joined"], true);
        assert_eq!(tokens[2]["span"], serde_json::json!([20, 23]));
    }

    #[test]
    fn document_formats_write_what_their_functions_write() {
        for format in DocumentFormat::ALL {
            assert_eq!(
                format.to_string().parse::<DocumentFormat>().ok(),
                Some(format)
            );
        }
        assert!("csv".parse::<DocumentFormat>().is_err());
        let (mut json, mut via_format) = (Vec::new(), Vec::new());
        write_document_json(&doc(), &mut json).unwrap();
        DocumentFormat::Jsonl
            .write(&doc(), &mut via_format)
            .unwrap();
        assert_eq!(json, via_format);
        let (mut conllu, mut via_format) = (Vec::new(), Vec::new());
        crate::write_document_conllu(&doc(), &mut conllu).unwrap();
        DocumentFormat::Conllu
            .write(&doc(), &mut via_format)
            .unwrap();
        assert_eq!(conllu, via_format);
    }

    #[test]
    fn error_record_follows_the_contract() {
        let mut out = Vec::new();
        let err = DocError::at_line("in.jsonl", 3, "invalid json").with_doc_id("x");
        write_error_json(&err, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "{\"schema\":\"dyad.error/1\",\"doc_id\":\"x\",\"source\":\"in.jsonl\",\"line\":3,\"error\":\"invalid json\"}\n"
        );
    }
}

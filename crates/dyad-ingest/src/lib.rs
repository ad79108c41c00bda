//! dyad's readers: turning input files into [`Document`]s.
//!
//! [`read_inputs`] takes files, folders (walked recursively in sorted order)
//! and `-` for standard input, and streams out one
//! `Result<Document, DocError>` per input document, in input order. Each
//! file is read lazily, one after another, with a reader chosen by
//! [`Format`] — from [`Config::format`] or else from the file extension:
//!
//! | format | extensions | one document per |
//! |---|---|---|
//! | [`Format::Text`] | `.txt` (and unknown) | file |
//! | [`Format::Html`] | `.html` `.htm` | file (main article text only) |
//! | [`Format::Jsonl`] | `.jsonl` `.ndjson` `.json` | line |
//! | [`Format::Csv`] | `.csv` | row |
//! | [`Format::PetrarchXml`] | `.xml` | `<Sentence>` element |
//! | [`Format::Conllu`] | `.conllu` | `# newdoc` (or file), gold sentences kept |
//! | [`Format::ReutersSgml`] | `.sgm` | `<REUTERS>` story |
//!
//! Every reader streams (a 2 GB JSONL file is read one line at a time) and
//! reads gzip-compressed input transparently (recognised by its magic bytes;
//! a trailing `.gz` is ignored when choosing the format).
//!
//! Documents come out with their cleaned text and [`dyad_core::Block`]s
//! (title, dateline, caption, credit, body) filled in and `sentences` empty —
//! except CoNLL-U input, whose gold sentences and tokens are kept (with
//! their analysis when the file has heads), and PETRARCH XML with a
//! CoNLL-U `<Parse>`, whose one sentence carries that parse. The
//! [`petrarch`] module also reads PETRARCH unit-test records
//! ([`petrarch::read_records`]) for `dyad eval petrarch`.
//!
//! Bad input is data, not failure: an unreadable document (empty, binary,
//! malformed line, truncated gzip …) yields one [`DocError`] naming the file
//! and, where it applies, the line, and reading goes on with the next
//! document. Text that is not valid UTF-8 is decoded anyway (see
//! [`decode::decode`]) and the document carries a warning.
//!
//! Before reading, [`check_inputs`] finds what should stop a run instead
//! (a [`SetupError`]): an input that does not exist, or a field named on
//! the command line that a CSV header or JSONL object lacks (the message
//! lists the columns there are); [`FieldCounts`] tells afterwards whether a
//! named date or URL field ever gave a value.
//!
//! This crate does not segment sentences or tokens (that is `dyad-text`),
//! does not write any output format, and does no network access.
//!
//! ```
//! use dyad_ingest::{Config, Format, read_inputs};
//! use dyad_core::BlockKind;
//!
//! let dir = std::env::temp_dir().join(format!("dyad-ingest-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir).unwrap();
//! let path = dir.join("story.txt");
//! std::fs::write(&path, "Iran sends general\n\nBAGHDAD (AP) — Soleimani was sent to Baghdad.\n").unwrap();
//!
//! let config = Config { format: None, ..Config::default() };
//! let docs: Vec<_> = read_inputs(vec![path], config).collect();
//! let doc = docs[0].as_ref().unwrap();
//! assert_eq!(doc.meta.id, "story");
//! let kinds: Vec<_> = doc.blocks.iter().map(|b| b.kind).collect();
//! assert_eq!(kinds, [BlockKind::Title, BlockKind::Dateline, BlockKind::Body]);
//! assert_eq!(doc.slice(doc.blocks[2].span), "Soleimani was sent to Baghdad.");
//! # std::fs::remove_dir_all(&dir).unwrap();
//! ```

use std::path::{Path, PathBuf};
use std::str::FromStr;

pub use dyad_core::{DocError, Document};
pub use fields::{RecordFields, record_document};
pub use setup::{Field, FieldCounts, SetupError, check_inputs};

mod conllu;
mod csv;
pub mod decode;
mod fields;
mod html;
mod jsonl;
mod layout;
pub mod petrarch;
mod record;
mod setup;
mod sgml;
mod source;
mod text;
mod walk;

/// The largest document (or record, or line) a reader accepts, in bytes.
/// Larger ones yield an error record.
pub const MAX_DOCUMENT_BYTES: usize = 256 * 1024 * 1024;

/// An input file format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text, one document per file, with news-aware layout (title,
    /// photo captions, credits, dateline, trailing boilerplate removed).
    Text,
    /// An HTML page, reduced to its main article text.
    Html,
    /// JSON Lines: one JSON object per line.
    Jsonl,
    /// CSV with a header row, one document per row.
    Csv,
    /// PETRARCH XML: one document per `<Sentence>` element.
    PetrarchXml,
    /// CoNLL-U with gold sentences and tokens.
    Conllu,
    /// Reuters-21578 SGML: one document per `<REUTERS>` story.
    ReutersSgml,
}

impl Format {
    /// The names [`Format`] parses from (`--format`), in order.
    pub const NAMES: &'static [&'static str] =
        &["text", "html", "jsonl", "csv", "petrarch", "conllu", "sgml"];

    /// The format a path's extension names, ignoring a trailing `.gz`
    /// (`.txt`, `.html`/`.htm`, `.jsonl`/`.ndjson`/`.json`, `.csv`, `.xml`,
    /// `.conllu`, `.sgm`/`.sgml`), or `None` when it names none.
    pub fn from_path(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        let (_, extension) = name.rsplit_once('.')?;
        Some(match extension {
            "txt" | "text" => Format::Text,
            "html" | "htm" | "xhtml" => Format::Html,
            "jsonl" | "ndjson" | "json" => Format::Jsonl,
            "csv" => Format::Csv,
            "xml" => Format::PetrarchXml,
            "conllu" => Format::Conllu,
            "sgm" | "sgml" => Format::ReutersSgml,
            _ => return None,
        })
    }

    /// The name used on the command line (`"text"`, `"html"` …).
    pub fn as_str(&self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
            Format::PetrarchXml => "petrarch",
            Format::Conllu => "conllu",
            Format::ReutersSgml => "sgml",
        }
    }
}

/// A format name that [`Format::from_str`] does not know.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown format `{0}` (expected text, html, jsonl, csv, petrarch, conllu or sgml)")]
pub struct UnknownFormat(pub String);

impl FromStr for Format {
    type Err = UnknownFormat;

    /// Parses `text`, `html`, `jsonl`, `csv`, `petrarch`, `conllu` or `sgml`
    /// (case-insensitive; `txt`, `json`, `ndjson`, `xml` and `reuters` are
    /// accepted too).
    fn from_str(name: &str) -> Result<Format, UnknownFormat> {
        Ok(match name.to_ascii_lowercase().as_str() {
            "text" | "txt" => Format::Text,
            "html" | "htm" => Format::Html,
            "jsonl" | "ndjson" | "json" => Format::Jsonl,
            "csv" => Format::Csv,
            "petrarch" | "xml" => Format::PetrarchXml,
            "conllu" => Format::Conllu,
            "sgml" | "sgm" | "reuters" => Format::ReutersSgml,
            _ => return Err(UnknownFormat(name.to_string())),
        })
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Names of the fields (JSONL keys, CSV header names) that hold each part of
/// a record.
///
/// A CSV header may be the empty string (the Guardian sample's first column
/// is `""`), so `id: String::new()` looks up that column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fields {
    /// Identifier field (default `id`); when absent, ids are
    /// `{file stem}-{line}` (JSONL) or `{file stem}-{row}` (CSV).
    pub id: String,
    /// Headline field (default `title`).
    pub title: String,
    /// Publication date field (default `date`).
    pub date: String,
    /// Article text field (default `text`); required.
    pub text: String,
    /// Source name or URL field (default `url`).
    pub url: String,
}

impl Default for Fields {
    fn default() -> Fields {
        Fields {
            id: "id".to_string(),
            title: "title".to_string(),
            date: "date".to_string(),
            text: "text".to_string(),
            url: "url".to_string(),
        }
    }
}

/// How to read inputs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Config {
    /// The format of every input; `None` chooses by extension (see
    /// [`Format::from_path`]): an explicitly named file with an unknown
    /// extension is read as text, while folders only contribute files with
    /// a known extension.
    pub format: Option<Format>,
    /// Field names for JSONL and CSV.
    pub fields: Fields,
}

/// One item read from the inputs: a document, or the error record of a
/// document that could not be read.
pub type Item = Result<Document, DocError>;

/// Reads `inputs` (files, folders, `-` for standard input) one after
/// another and streams their documents in input order.
///
/// Folders are walked recursively in sorted order, skipping hidden entries.
/// Nothing is read before the iterator is advanced, and no reader holds more
/// than one document (or line, or record) in memory at a time.
pub fn read_inputs(inputs: Vec<PathBuf>, config: Config) -> impl Iterator<Item = Item> + Send {
    walk::Inputs::new(inputs, config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension_and_name() {
        let cases = [
            ("a/story.txt", Some(Format::Text)),
            ("page.HTM", Some(Format::Html)),
            ("news.jsonl.gz", Some(Format::Jsonl)),
            ("x.ndjson", Some(Format::Jsonl)),
            ("g.csv", Some(Format::Csv)),
            ("p.xml.gz", Some(Format::PetrarchXml)),
            ("t.conllu", Some(Format::Conllu)),
            ("reut2-000.sgm", Some(Format::ReutersSgml)),
            ("README", None),
            ("archive.gz", None),
        ];
        for (path, expected) in cases {
            assert_eq!(Format::from_path(Path::new(path)), expected, "{path}");
        }
        for format in [
            Format::Text,
            Format::Html,
            Format::Jsonl,
            Format::Csv,
            Format::PetrarchXml,
            Format::Conllu,
            Format::ReutersSgml,
        ] {
            assert_eq!(format.as_str().parse::<Format>(), Ok(format));
        }
        assert!("docx".parse::<Format>().is_err());
    }
}

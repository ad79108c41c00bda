//! Checks made before reading: inputs that do not exist and field names
//! that no column has are setup errors (fatal), unlike bad documents; and
//! the counts that tell a caller a date or URL field never held a value.

use std::path::{Path, PathBuf};

use dyad_core::Document;

use crate::source::{self, Line, read_line_capped};
use crate::{Config, Fields, Format, MAX_DOCUMENT_BYTES, decode};

/// One of the record fields [`Fields`] names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// The identifier field (`--id-field`).
    Id,
    /// The headline field (`--title-field`).
    Title,
    /// The publication date field (`--date-field`).
    Date,
    /// The article text field (`--text-field`).
    Text,
    /// The source name or URL field (`--url-field`).
    Url,
}

impl Field {
    /// The field's name in messages (`id`, `title`, `date`, `text`, `url`).
    pub fn as_str(&self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Title => "title",
            Field::Date => "date",
            Field::Text => "text",
            Field::Url => "url",
        }
    }
}

impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Fields {
    /// The column or key name configured for `field`.
    pub fn name(&self, field: Field) -> &str {
        match field {
            Field::Id => &self.id,
            Field::Title => &self.title,
            Field::Date => &self.date,
            Field::Text => &self.text,
            Field::Url => &self.url,
        }
    }
}

/// A problem with the inputs or options that stops a run before it starts
/// (the command line's exit status 2), as opposed to a bad document, which
/// is an error record.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SetupError {
    /// An input path that does not exist (or cannot be looked at).
    #[error("{path}: {reason}")]
    Input {
        /// The path as given.
        path: String,
        /// Why it cannot be read, e.g. `no such file or folder`.
        reason: String,
    },
    /// A field named on the command line that the file's CSV header (or
    /// its first JSON object) does not have.
    #[error(
        "{path}: no `{name}` {kind} for the {field} field; the {kind}s are: {}",
        list(available)
    )]
    UnknownField {
        /// The file checked.
        path: String,
        /// Which field.
        field: Field,
        /// The name given for it.
        name: String,
        /// `column` (CSV) or `key` (JSONL).
        kind: &'static str,
        /// The names the file has (a CSV header's in file order).
        available: Vec<String>,
    },
}

fn list(names: &[String]) -> String {
    if names.is_empty() {
        return "(none)".to_string();
    }
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Checks, before reading, what would make a whole run pointless:
///
/// - every input path (other than `-`) must exist;
/// - each field in `named` (the fields the user named explicitly, e.g. with
///   `--date-field`; defaults are left out, since a default column that a
///   file lacks is not a mistake) must be a column of every CSV file named
///   in `inputs` (its header row) and a key of the first object of every
///   JSONL file named in `inputs`. An empty name means "no such field" and
///   is not checked. Files inside folders are not opened here: a folder's
///   file without the text column still yields an error record when read.
///
/// A file that cannot be opened or whose first record cannot be read is
/// left to the reader, which reports it as an error record.
pub fn check_inputs(
    inputs: &[PathBuf],
    config: &Config,
    named: &[Field],
) -> Result<(), SetupError> {
    for path in inputs {
        if path.as_os_str() == "-" {
            continue;
        }
        let meta = std::fs::metadata(path).map_err(|err| SetupError::Input {
            path: path.display().to_string(),
            reason: match err.kind() {
                std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
                _ => err.to_string(),
            },
        })?;
        if meta.is_dir() || named.is_empty() {
            continue;
        }
        let format = config.format.or_else(|| Format::from_path(path));
        let (kind, available) = match format {
            Some(Format::Csv) => ("column", csv_header(path)),
            Some(Format::Jsonl) => ("key", first_object_keys(path)),
            _ => continue,
        };
        let Some(available) = available else {
            continue;
        };
        check_names(path, &config.fields, named, kind, available)?;
    }
    Ok(())
}

fn check_names(
    path: &Path,
    fields: &Fields,
    named: &[Field],
    kind: &'static str,
    available: Vec<String>,
) -> Result<(), SetupError> {
    for &field in named {
        let name = fields.name(field).trim();
        if name.is_empty() || available.iter().any(|a| a == name) {
            continue;
        }
        return Err(SetupError::UnknownField {
            path: path.display().to_string(),
            field,
            name: name.to_string(),
            kind,
            available,
        });
    }
    Ok(())
}

/// The trimmed column names of a CSV file's header, as the reader sees
/// them; `None` when it cannot be read.
fn csv_header(path: &Path) -> Option<Vec<String>> {
    let source = source::open(path).ok()?;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .from_reader(source.reader);
    let header = reader.byte_headers().ok()?;
    Some(
        header
            .iter()
            .map(|name| decode::decode(name).0.trim().to_string())
            .collect(),
    )
}

/// The keys of the first JSON object of a JSONL file (its first non-blank
/// line); `None` when that line is not an object.
fn first_object_keys(path: &Path) -> Option<Vec<String>> {
    let mut source = source::open(path).ok()?;
    let mut buf = Vec::new();
    loop {
        match read_line_capped(&mut source.reader, &mut buf, MAX_DOCUMENT_BYTES).ok()? {
            Line::Read if buf.iter().all(u8::is_ascii_whitespace) => continue,
            Line::Read => break,
            Line::Eof | Line::TooLong => return None,
        }
    }
    let (text, _) = decode::decode(&buf);
    match serde_json::from_str::<serde_json::Value>(&text).ok()? {
        serde_json::Value::Object(object) => Some(object.keys().cloned().collect()),
        _ => None,
    }
}

/// Counts, over a run, how many documents had a date and a URL, so that a
/// caller can warn once when a date or URL field named on the command line
/// never yielded a value (a misspelt `--date-field` on a folder of files,
/// which [`check_inputs`] does not open).
///
/// A document "has" a date when [`dyad_core::Meta::date_text`] is set
/// (whether or not it parsed) and a URL when [`dyad_core::Meta::url`] is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldCounts {
    /// Documents seen.
    pub documents: u64,
    /// Documents with a date (as written).
    pub with_date: u64,
    /// Documents with a source name or URL.
    pub with_url: u64,
}

impl FieldCounts {
    /// Counts one document.
    pub fn observe(&mut self, doc: &Document) {
        self.documents += 1;
        self.with_date += u64::from(doc.meta.date_text.is_some());
        self.with_url += u64::from(doc.meta.url.is_some());
    }

    /// One warning (without a `warning:` prefix) per field in `named`
    /// (date or URL) that no document had a value for; none when no
    /// document was read.
    pub fn warnings(&self, fields: &Fields, named: &[Field]) -> Vec<String> {
        if self.documents == 0 {
            return Vec::new();
        }
        let mut warnings = Vec::new();
        for &field in named {
            let count = match field {
                Field::Date => self.with_date,
                Field::Url => self.with_url,
                _ => continue,
            };
            let name = fields.name(field);
            if count == 0 && !name.trim().is_empty() {
                warnings.push(format!(
                    "the {field} field `{name}` gave no value in any of the {} documents",
                    self.documents
                ));
            }
        }
        warnings
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("dyad-ingest-setup-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    #[test]
    fn a_missing_input_is_a_setup_error() {
        let missing = PathBuf::from("/nonexistent/dyad/input.txt");
        let err = check_inputs(&[missing], &Config::default(), &[]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "/nonexistent/dyad/input.txt: no such file or folder"
        );
        assert!(check_inputs(&[PathBuf::from("-")], &Config::default(), &[]).is_ok());
    }

    #[test]
    fn a_named_field_missing_from_the_header_lists_the_columns() {
        let path = temp_file("g.csv", b"\"\",headline,body,source\n1,T,Text,guardian\n");
        let mut config = Config::default();
        config.fields.id = String::new();
        config.fields.text = "body".to_string();
        config.fields.url = "source".to_string();
        // Defaults absent from the file (`title`, `date`) are not checked.
        let named = [Field::Id, Field::Text, Field::Url];
        assert!(check_inputs(std::slice::from_ref(&path), &config, &named).is_ok());
        config.fields.date = "pubdate".to_string();
        let err = check_inputs(std::slice::from_ref(&path), &config, &[Field::Date]).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "{}: no `pubdate` column for the date field; the columns are: ``, `headline`, `body`, `source`",
                path.display()
            )
        );
    }

    #[test]
    fn jsonl_keys_come_from_the_first_object() {
        let path = temp_file(
            "n.jsonl",
            b"\n{\"id\": 1, \"body\": \"x\"}\n{\"text\": \"y\"}\n",
        );
        let mut config = Config::default();
        config.fields.text = "body".to_string();
        assert!(check_inputs(std::slice::from_ref(&path), &config, &[Field::Text]).is_ok());
        config.fields.text = "text".to_string();
        let err = check_inputs(std::slice::from_ref(&path), &config, &[Field::Text]).unwrap_err();
        assert!(
            err.to_string().ends_with("the keys are: `body`, `id`"),
            "{err}"
        );
    }

    #[test]
    fn field_counts_warn_once_per_empty_named_field() {
        let mut counts = FieldCounts::default();
        let mut doc = Document::default();
        doc.meta.url = Some("u".to_string());
        counts.observe(&doc);
        counts.observe(&doc);
        let fields = Fields::default();
        let warnings = counts.warnings(&fields, &[Field::Date, Field::Url, Field::Text]);
        assert_eq!(
            warnings,
            ["the date field `date` gave no value in any of the 2 documents"]
        );
        assert!(
            FieldCounts::default()
                .warnings(&fields, &[Field::Date])
                .is_empty()
        );
    }
}

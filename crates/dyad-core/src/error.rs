//! The error a document that cannot be read turns into.

/// Why one input document could not be read.
///
/// The pipeline turns each of these into one `dyad.error/1` record (see
/// `event-record.md`) and goes on with the next document.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{source_path}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct DocError {
    /// The document's id, when it got far enough to have one.
    pub doc_id: Option<String>,
    /// File path (or `-` for standard input).
    pub source_path: String,
    /// 1-based line of the file where the problem is, when it applies.
    pub line: Option<u64>,
    /// What is wrong, in lower case, without a trailing period.
    pub message: String,
}

impl DocError {
    /// An error about a whole file.
    pub fn file(source_path: impl Into<String>, message: impl Into<String>) -> DocError {
        DocError {
            doc_id: None,
            source_path: source_path.into(),
            line: None,
            message: message.into(),
        }
    }

    /// An error at one line of a file.
    pub fn at_line(
        source_path: impl Into<String>,
        line: u64,
        message: impl Into<String>,
    ) -> DocError {
        DocError {
            line: Some(line),
            ..DocError::file(source_path, message)
        }
    }

    /// The same error, naming the document.
    pub fn with_doc_id(mut self, doc_id: impl Into<String>) -> DocError {
        self.doc_id = Some(doc_id.into());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_and_line() {
        let err = DocError::at_line("a/b.jsonl", 7, "invalid json: expected value");
        assert_eq!(err.to_string(), "a/b.jsonl:7: invalid json: expected value");
        let err = DocError::file("x.gz", "truncated gzip stream");
        assert_eq!(err.to_string(), "x.gz: truncated gzip stream");
    }
}

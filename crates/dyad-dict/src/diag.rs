//! Provenance of entries and the diagnostics a malformed entry produces.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

/// Where an entry came from: the dictionary file's name and a 1-based line.
///
/// Displays as `file:line`, the form event records use as evidence.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Provenance {
    /// The dictionary file's name (not its full path), e.g. `CAMEO.2.0.txt`.
    pub file: Arc<str>,
    /// The 1-based line number.
    pub line: u32,
}

impl fmt::Display for Provenance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// A malformed entry (or line) in a dictionary file: where, and what is wrong.
///
/// Loading never stops at one: the entry is skipped or repaired as
/// [`DiagnosticKind`] describes and reading goes on.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {kind}")]
pub struct Diagnostic {
    /// The dictionary file's name.
    pub file: Arc<str>,
    /// The 1-based line number.
    pub line: u32,
    /// What is wrong.
    pub kind: DiagnosticKind,
}

impl Diagnostic {
    /// The diagnostic's location as a [`Provenance`].
    pub fn provenance(&self) -> Provenance {
        Provenance {
            file: self.file.clone(),
            line: self.line,
        }
    }
}

/// What is wrong with a dictionary line, and what the reader did about it.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DiagnosticKind {
    /// The line is not valid UTF-8; the bad bytes were replaced with U+FFFD.
    #[error("invalid UTF-8; bad bytes replaced with U+FFFD")]
    InvalidUtf8,
    /// A `<!--` comment never closes; the rest of the file was skipped.
    #[error("`<!--` comment is never closed; rest of file skipped")]
    UnterminatedComment,
    /// An entry that needs a `[code]` has none; the entry was skipped.
    #[error("missing `[code]` in `{text}`; entry skipped")]
    MissingCode {
        /// The offending text.
        text: String,
    },
    /// A code does not have the expected form.
    #[error("bad code `{code}`: {reason}")]
    BadCode {
        /// The code as written.
        code: String,
        /// Why it is rejected and what was done.
        reason: &'static str,
    },
    /// A date restriction could not be read; the restriction was skipped.
    #[error("bad date restriction `{text}`: {reason}; restriction skipped")]
    BadDate {
        /// The restriction as written.
        text: String,
        /// Why it is rejected.
        reason: &'static str,
    },
    /// A pattern or synset uses a synset that is never defined.
    #[error("undefined synset `&{name}`")]
    UndefinedSynset {
        /// The synset's name, without `&`.
        name: String,
    },
    /// A synset member makes its synset contain itself, directly or
    /// through other synsets; the member was skipped.
    #[error("synset `&{name}` contains itself through `&{through}`; member skipped")]
    CyclicSynset {
        /// The synset whose member was skipped, without `&`.
        name: String,
        /// The synset the member names, without `&`.
        through: String,
    },
    /// Brackets, braces or parentheses do not pair up.
    #[error("unbalanced `{delimiter}` in `{text}`")]
    Unbalanced {
        /// The bracket that has no partner.
        delimiter: char,
        /// The offending text.
        text: String,
    },
    /// A line that continues an entry (synonym, date restriction, synset
    /// member, pattern) appears where there is no entry to continue.
    #[error("{what} with nothing before it to attach to: `{text}`; line skipped")]
    Orphan {
        /// What kind of continuation line it is.
        what: &'static str,
        /// The offending text.
        text: String,
    },
    /// Any other malformed line.
    #[error("{message}: `{text}`")]
    Syntax {
        /// What is wrong, and what was done.
        message: &'static str,
        /// The offending text.
        text: String,
    },
}

/// A dictionary file that could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum DictError {
    /// The file could not be opened or read.
    #[error("cannot read dictionary {path}")]
    Io {
        /// The file's path.
        path: PathBuf,
        /// The underlying I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A folder of dyad-format dictionaries holds no dictionary file
    /// (`*.txt`).
    #[error("no dictionary files (*.txt) in {}", dir.display())]
    NoFiles {
        /// The folder.
        dir: PathBuf,
    },
}

/// Why a loaded dictionary set cannot code any event (see
/// [`crate::Dictionaries::check_not_empty`]).
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EmptySet {
    /// No verb (nor event noun) is defined, so nothing can be an event.
    #[error("the dictionaries define no verbs; no event can be coded")]
    NoVerbs,
    /// No actor and no agent is defined, so no event has actors.
    #[error("the dictionaries define no actors or agents; no event can be coded")]
    NoActors,
}

/// Collects diagnostics for one file.
pub(crate) struct Sink<'a> {
    pub(crate) file: Arc<str>,
    pub(crate) out: &'a mut Vec<Diagnostic>,
}

impl Sink<'_> {
    /// Runs `read` with a sink for `file`; returns its value and the
    /// diagnostics it reported.
    pub(crate) fn collect<T>(
        file: &str,
        read: impl FnOnce(&mut Sink<'_>) -> T,
    ) -> (T, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let value = read(&mut Sink {
            file: Arc::from(file),
            out: &mut diags,
        });
        (value, diags)
    }

    pub(crate) fn push(&mut self, line: u32, kind: DiagnosticKind) {
        self.out.push(Diagnostic {
            file: self.file.clone(),
            line,
            kind,
        });
    }

    /// Reports a continuation line (`what` kind of line, its text) with
    /// nothing above it to continue.
    pub(crate) fn orphan(&mut self, line: u32, what: &'static str, text: &str) {
        self.push(
            line,
            DiagnosticKind::Orphan {
                what,
                text: text.trim().to_string(),
            },
        );
    }

    /// Reports an indented continuation line with no entry above it.
    pub(crate) fn orphan_indented(&mut self, line: u32, content: &str) {
        self.orphan(line, "indented line", content);
    }

    /// Reports a synset defined a second time; `first` is where the first
    /// definition is (its members are merged into it).
    pub(crate) fn synset_redefined(&mut self, line: u32, first: Option<&Provenance>) {
        self.push(
            line,
            DiagnosticKind::Syntax {
                message: "synset defined again; its members are added to the definition at",
                text: first.map(Provenance::to_string).unwrap_or_default(),
            },
        );
    }

    pub(crate) fn at(&self, line: u32) -> Provenance {
        Provenance {
            file: self.file.clone(),
            line,
        }
    }
}

pub(crate) fn syntax(message: &'static str, text: &str) -> DiagnosticKind {
    DiagnosticKind::Syntax {
        message,
        text: text.trim().to_string(),
    }
}

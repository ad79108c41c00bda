//! Walking the inputs: files, folders and standard input, one file after
//! another, each handed to the reader for its format.
//!
//! Folders are walked recursively in sorted order, skipping hidden entries
//! (names starting with `.`). While walking, entries are looked at without
//! following symbolic links first:
//!
//! - a symbolic link is followed once to see what it points to; a folder
//!   already walked (the same device and inode, e.g. `ln -s . loop`) is not
//!   walked again and yields an error record, and so does a broken link;
//! - only regular files are read: a FIFO, socket or device met in a folder
//!   yields an error record (reading a FIFO nobody writes to would hang);
//! - a file name that is not valid UTF-8 is read like any other; records
//!   and warnings show it lossily (`�` for the bad bytes).
//!
//! A path named on the command line is opened as given: a FIFO named
//! explicitly (`dyad code <(zcat news.jsonl.gz)`) is read as a stream, like
//! standard input.

use std::collections::{HashSet, VecDeque};
use std::fs::{FileType, Metadata};
use std::path::{Path, PathBuf};

use dyad_core::DocError;

use crate::source::{self, Source};
use crate::{Config, Format, Item};

/// A reader's stream of items for one file.
pub(crate) type Items = Box<dyn Iterator<Item = Item> + Send>;

/// What is still to be read, in order.
enum Pending {
    /// A path named on the command line (or `-`).
    Given(PathBuf),
    /// A folder met while walking (possibly through a symbolic link).
    Folder(PathBuf),
    /// A regular file met while walking.
    File(PathBuf),
    /// An entry met while walking that is not read, with why.
    Skipped(DocError),
}

/// Identifies a folder, so that one reached again through a symbolic link
/// is not walked twice.
#[cfg(unix)]
type FolderKey = (u64, u64);
#[cfg(not(unix))]
type FolderKey = PathBuf;

#[cfg(unix)]
fn folder_key(_path: &Path, meta: &Metadata) -> Option<FolderKey> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn folder_key(path: &Path, _meta: &Metadata) -> Option<FolderKey> {
    std::fs::canonicalize(path).ok()
}

/// The iterator behind [`crate::read_inputs`].
pub(crate) struct Inputs {
    /// What is still to read; folders are expanded in place when reached.
    pending: VecDeque<Pending>,
    config: Config,
    current: Option<Current>,
    /// Folders walked so far.
    visited: HashSet<FolderKey>,
}

struct Current {
    items: Items,
    path: String,
    produced: bool,
}

impl Inputs {
    pub(crate) fn new(inputs: Vec<PathBuf>, config: Config) -> Inputs {
        Inputs {
            pending: inputs.into_iter().map(Pending::Given).collect(),
            config,
            current: None,
            visited: HashSet::new(),
        }
    }

    /// Replaces folder `dir` by its entries, sorted, at the front of the
    /// queue; a folder already walked yields an error record instead.
    fn expand(&mut self, dir: &Path) -> Result<(), DocError> {
        let shown = || dir.display().to_string();
        let meta = std::fs::metadata(dir)
            .map_err(|err| DocError::file(shown(), format!("cannot read folder: {err}")))?;
        if let Some(key) = folder_key(dir, &meta)
            && !self.visited.insert(key)
        {
            return Err(DocError::file(
                shown(),
                "folder already read (a symbolic link loop?); skipped",
            ));
        }
        let entries = std::fs::read_dir(dir)
            .map_err(|err| DocError::file(shown(), format!("cannot read folder: {err}")))?;
        let mut found: Vec<(PathBuf, Pending)> = Vec::new();
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) => {
                    found.push((
                        dir.to_path_buf(),
                        Pending::Skipped(DocError::file(
                            shown(),
                            format!("cannot read a folder entry: {err}"),
                        )),
                    ));
                    continue;
                }
            };
            let path = entry.path();
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            if let Some(pending) = self.classify(&path, entry.file_type()) {
                found.push((path, pending));
            }
        }
        found.sort_by(|a, b| a.0.cmp(&b.0));
        for (_, pending) in found.into_iter().rev() {
            self.pending.push_front(pending);
        }
        Ok(())
    }

    /// What to do with folder entry `path`: walk it, read it, report it, or
    /// (`None`) leave it out silently (a file whose extension names no
    /// format, when no format was chosen).
    fn classify(&self, path: &Path, file_type: std::io::Result<FileType>) -> Option<Pending> {
        let shown = || path.display().to_string();
        let skipped = |message: String| Some(Pending::Skipped(DocError::file(shown(), message)));
        let mut file_type = match file_type {
            Ok(file_type) => file_type,
            Err(err) => return skipped(format!("cannot read folder entry: {err}; skipped")),
        };
        if file_type.is_symlink() {
            file_type = match std::fs::metadata(path) {
                Ok(meta) => meta.file_type(),
                Err(err) => return skipped(format!("broken symbolic link ({err}); skipped")),
            };
        }
        if file_type.is_dir() {
            return Some(Pending::Folder(path.to_path_buf()));
        }
        if self.config.format.is_none() && Format::from_path(path).is_none() {
            return None;
        }
        if file_type.is_file() {
            return Some(Pending::File(path.to_path_buf()));
        }
        skipped(format!(
            "not a regular file ({}); skipped",
            special_kind(&file_type)
        ))
    }

    /// Opens one file and starts its reader.
    fn start(&self, path: &Path) -> Result<Items, DocError> {
        let format = self
            .config
            .format
            .or_else(|| Format::from_path(path))
            .unwrap_or(Format::Text);
        let source = source::open(path)?;
        Ok(reader_for(format, source, &self.config))
    }
}

/// What kind of special file `file_type` is, in words.
#[cfg(unix)]
fn special_kind(file_type: &FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if file_type.is_fifo() {
        "a FIFO"
    } else if file_type.is_socket() {
        "a socket"
    } else if file_type.is_block_device() {
        "a block device"
    } else if file_type.is_char_device() {
        "a character device"
    } else {
        "not a file or folder"
    }
}

/// What kind of special file `file_type` is, in words.
#[cfg(not(unix))]
fn special_kind(_file_type: &FileType) -> &'static str {
    "not a file or folder"
}

/// The reader for `format` over `source`.
fn reader_for(format: Format, source: Source, config: &Config) -> Items {
    match format {
        Format::Text => crate::text::read(source),
        Format::Html => crate::html::read(source),
        Format::Jsonl => crate::jsonl::read(source, config.fields.clone()),
        Format::Csv => crate::csv::read(source, config.fields.clone()),
        Format::PetrarchXml => crate::petrarch::read(source),
        Format::Conllu => crate::conllu::read(source),
        Format::ReutersSgml => crate::sgml::read(source),
    }
}

impl Iterator for Inputs {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(current) = &mut self.current {
                if let Some(item) = current.items.next() {
                    current.produced = true;
                    return Some(item);
                }
                let path = std::mem::take(&mut current.path);
                let produced = current.produced;
                self.current = None;
                if !produced {
                    return Some(Err(DocError::file(path, "empty document")));
                }
            }
            let path = match self.pending.pop_front()? {
                Pending::Skipped(err) => return Some(Err(err)),
                Pending::Folder(path) => {
                    if let Err(err) = self.expand(&path) {
                        return Some(Err(err));
                    }
                    continue;
                }
                Pending::Given(path) if path.as_os_str() != "-" && path.is_dir() => {
                    if let Err(err) = self.expand(&path) {
                        return Some(Err(err));
                    }
                    continue;
                }
                Pending::Given(path) | Pending::File(path) => path,
            };
            match self.start(&path) {
                Ok(items) => {
                    self.current = Some(Current {
                        items,
                        path: path.display().to_string(),
                        produced: false,
                    })
                }
                Err(err) => return Some(Err(err)),
            }
        }
    }
}

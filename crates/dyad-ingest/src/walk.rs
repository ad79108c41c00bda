//! Walking the inputs: files, folders and standard input, one file after
//! another, each handed to the reader for its format.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};

use dyad_core::DocError;

use crate::source::{self, Source};
use crate::{Config, Format, Item};

/// A reader's stream of items for one file.
pub(crate) type Items = Box<dyn Iterator<Item = Item> + Send>;

/// The iterator behind [`crate::read_inputs`].
pub(crate) struct Inputs {
    /// Paths still to read; folders are expanded in place when reached.
    pending: VecDeque<PathBuf>,
    config: Config,
    current: Option<Current>,
}

struct Current {
    items: Items,
    path: String,
    produced: bool,
}

impl Inputs {
    pub(crate) fn new(inputs: Vec<PathBuf>, config: Config) -> Inputs {
        Inputs {
            pending: inputs.into_iter().collect(),
            config,
            current: None,
        }
    }

    /// Replaces folder `dir` by its entries, sorted, at the front of the
    /// queue.
    fn expand(&mut self, dir: &Path) -> Result<(), DocError> {
        let entries = std::fs::read_dir(dir).map_err(|err| {
            DocError::file(
                dir.display().to_string(),
                format!("cannot read folder: {err}"),
            )
        })?;
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| {
                path.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| !n.starts_with('.'))
            })
            .filter(|path| {
                path.is_dir() || self.config.format.is_some() || Format::from_path(path).is_some()
            })
            .collect();
        paths.sort();
        for path in paths.into_iter().rev() {
            self.pending.push_front(path);
        }
        Ok(())
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
            let path = self.pending.pop_front()?;
            let is_stdin = path.as_os_str() == "-";
            if !is_stdin && path.is_dir() {
                if let Err(err) = self.expand(&path) {
                    return Some(Err(err));
                }
                continue;
            }
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

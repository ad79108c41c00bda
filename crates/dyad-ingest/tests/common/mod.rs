//! Helpers shared by the reader tests: temporary folders and files, and
//! reading inputs into documents and error records.

#![allow(dead_code, clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use dyad_core::{DocError, Document};
use dyad_ingest::{Config, read_inputs};

/// A fresh temporary folder for the test `test`.
pub fn temp_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dyad-ingest-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes `bytes` to the file `name` in `dir`; returns its path.
pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Everything read from `paths`: the documents and the error records.
pub fn read_all(paths: Vec<PathBuf>, config: Config) -> (Vec<Document>, Vec<DocError>) {
    let mut docs = Vec::new();
    let mut errors = Vec::new();
    for item in read_inputs(paths, config) {
        match item {
            Ok(doc) => docs.push(doc),
            Err(err) => errors.push(err),
        }
    }
    (docs, errors)
}

/// Everything read from `paths` with the default configuration.
pub fn read(paths: Vec<PathBuf>) -> (Vec<Document>, Vec<DocError>) {
    read_all(paths, Config::default())
}

/// The error records as their messages.
pub fn messages(errors: &[DocError]) -> Vec<String> {
    errors.iter().map(|e| e.to_string()).collect()
}

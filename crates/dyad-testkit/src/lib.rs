//! Test helpers for the data dyad's tests borrow from `../shared/data`,
//! which is not on every machine. Dev-only: crates list it under
//! `[dev-dependencies]` and nothing ships with it.
//!
//! A test asks for the folder or one file in it and returns early on `None`:
//!
//! ```
//! // in a test file: #[test]
//! fn reads_the_sample() {
//!     let Some(path) = dyad_testkit::shared_file("reads_the_sample", "news-sample") else {
//!         return;
//!     };
//!     assert!(path.is_dir());
//! }
//! # reads_the_sample();
//! ```
//!
//! # Where the data is
//!
//! [`data_dir`] is the `shared/data` folder beside the workspace (the
//! workspace root's `../shared/data`), or the folder the environment
//! variable `DYAD_SHARED_DATA` names, when it is set. Setting it to a path
//! that does not exist shows what a machine without the data sees:
//!
//! ```text
//! DYAD_SHARED_DATA=/nonexistent cargo test -p dyad-ingest
//! ```
//!
//! # How a skip shows
//!
//! libtest captures what a passing test prints with `print!`/`eprint!`, so
//! a skip message written that way is never seen. This crate writes to the
//! standard error stream directly (`std::io::Write` on [`std::io::stderr`]),
//! which libtest does not capture, so skips show under plain `cargo test`.
//!
//! Each test binary keeps one process-wide list of the tests it skipped.
//! libtest has no hook that runs after the last test, so a skip cannot wait
//! for the end to print one summary; instead every skip writes the whole
//! list so far, as one line:
//!
//! ```text
//! dyad-testkit: skipped 2 tests for want of shared data (/work/shared/data): a, b (news-sample/x.txt)
//! ```
//!
//! The last such line a test binary writes is its summary; the earlier ones
//! are the same list, shorter. A test named alone was skipped because the
//! folder is absent; one followed by a path in parentheses, because that
//! file or folder in it is. Nothing is written when no test skips.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

/// The environment variable that, when set, names the shared data folder
/// in place of the workspace's `../shared/data`.
pub const DATA_ENV: &str = "DYAD_SHARED_DATA";

/// The tests this binary has skipped so far, each with what was missing.
static SKIPPED: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// The shared data folder: `DYAD_SHARED_DATA` when set, else the
/// workspace's `../shared/data`. It may not exist; [`shared_data`] and
/// [`shared_file`] check.
pub fn data_dir() -> PathBuf {
    match std::env::var_os(DATA_ENV) {
        Some(dir) => PathBuf::from(dir),
        // this crate's manifest is `<workspace>/crates/dyad-testkit`
        None => {
            let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
            let beside = manifest.ancestors().nth(3).unwrap_or(manifest);
            beside.join("shared/data")
        }
    }
}

/// The shared data folder, or `None` when it is absent, after recording
/// `test` (the calling test's name) as skipped and writing the list of
/// skips to standard error.
pub fn shared_data(test: &str) -> Option<PathBuf> {
    let dir = data_dir();
    if dir.is_dir() {
        Some(dir)
    } else {
        skip(test.to_string(), &dir);
        None
    }
}

/// The file or folder `relative` in the shared data folder, or `None` when
/// it is absent, after recording `test` (the calling test's name) as
/// skipped and writing the list of skips to standard error.
pub fn shared_file(test: &str, relative: &str) -> Option<PathBuf> {
    let dir = data_dir();
    let path = dir.join(relative);
    if path.exists() {
        Some(path)
    } else if dir.is_dir() {
        skip(format!("{test} ({relative})"), &dir);
        None
    } else {
        skip(test.to_string(), &dir);
        None
    }
}

/// Records `entry` and writes the list of skips so far as one line (unless
/// `entry` is listed already).
fn skip(entry: String, dir: &Path) {
    let mut skipped = SKIPPED.lock().unwrap_or_else(PoisonError::into_inner);
    if skipped.contains(&entry) {
        return; // a test that asks twice is listed once
    }
    skipped.push(entry);
    let line = summary(dir, &skipped);
    // One write of the whole line, while holding the list, so that lines of
    // tests skipping at once on other threads neither interleave nor go out
    // of order. An error writing to stderr has nowhere better to go.
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}

/// The summary line for the skips `skipped`, newline included.
fn summary(dir: &Path, skipped: &[String]) -> String {
    let noun = if skipped.len() == 1 { "test" } else { "tests" };
    format!(
        "dyad-testkit: skipped {} {noun} for want of shared data ({}): {}\n",
        skipped.len(),
        dir.display(),
        skipped.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_names_every_skip() {
        let line = summary(
            Path::new("/x/data"),
            &["a".to_string(), "b (news/y.txt)".to_string()],
        );
        assert_eq!(
            line,
            "dyad-testkit: skipped 2 tests for want of shared data (/x/data): a, b (news/y.txt)\n"
        );
        let line = summary(Path::new("/x/data"), &["a".to_string()]);
        assert!(line.contains("skipped 1 test for"), "{line}");
    }

    #[test]
    fn an_absent_file_is_none_and_recorded() {
        let missing = "no-such-file-in-the-shared-data.txt";
        assert_eq!(
            shared_file("an_absent_file_is_none_and_recorded", missing),
            None
        );
        let skipped = SKIPPED.lock().unwrap_or_else(PoisonError::into_inner);
        assert!(
            skipped
                .iter()
                .any(|s| s.starts_with("an_absent_file_is_none_and_recorded")),
            "{skipped:?}"
        );
    }
}

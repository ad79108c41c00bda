//! Helpers shared by the CLI integration tests: running the real binary,
//! temporary folders, the shared data folder, JSON-lines output.

#![allow(dead_code, clippy::unwrap_used)]

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

/// The `dyad` binary under test.
pub fn dyad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
}

/// A fresh temporary folder for one test (unique per test process).
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dyad-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `../shared/data`, or `None` when it is absent, with the calling test
/// (libtest names each test's thread after it) listed among the skips on
/// stderr, visibly ([`dyad_testkit`]).
pub fn shared_data() -> Option<PathBuf> {
    let current = std::thread::current();
    dyad_testkit::shared_data(current.name().unwrap_or("dyad-cli test"))
}

/// Runs a command, asserting that it did not panic.
pub fn run(cmd: &mut Command) -> Output {
    let output = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "dyad panicked: {stderr}");
    output
}

/// The JSON objects of JSON-lines output (other lines ignored).
pub fn json_lines(bytes: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(bytes)
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

//! Where output goes: files or standard streams, error records capped
//! per input file. What is written is `dyad-output`'s.

use std::io::Write;
use std::path::Path;

use dyad_core::DocError;

/// Where a stream of records goes when no file is named.
#[derive(Clone, Copy, Debug)]
pub enum Fallback {
    /// Standard output, buffered.
    Stdout,
    /// Standard error, unbuffered (error records interleave with messages).
    Stderr,
}

/// Opens the named file (buffered), or the fallback stream.
pub fn open(path: Option<&Path>, fallback: Fallback) -> anyhow::Result<Box<dyn Write + Send>> {
    use anyhow::Context;
    Ok(match (path, fallback) {
        (None, Fallback::Stdout) => Box::new(std::io::BufWriter::with_capacity(
            1 << 16,
            std::io::stdout(),
        )),
        (None, Fallback::Stderr) => Box::new(std::io::stderr()),
        (Some(path), _) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?,
        )),
    })
}

/// Error records written per input file at most; past it a file's errors
/// are counted and summed up in one warning at the end of the run, so a
/// file of junk cannot flood the error stream.
pub const ERRORS_PER_FILE: usize = 100;

/// Where `dyad.error/1` records go, at most [`ERRORS_PER_FILE`] per input
/// file.
pub struct ErrorSink {
    out: Box<dyn Write + Send>,
    per_file: std::collections::HashMap<String, usize>,
}

impl ErrorSink {
    /// Error records go to `out`.
    pub fn new(out: Box<dyn Write + Send>) -> ErrorSink {
        ErrorSink {
            out,
            per_file: std::collections::HashMap::new(),
        }
    }

    /// Writes `err` as one JSON line, unless its file already had
    /// [`ERRORS_PER_FILE`].
    pub fn write(&mut self, err: &DocError) -> anyhow::Result<()> {
        let seen = self.per_file.entry(err.source_path.clone()).or_default();
        *seen += 1;
        if *seen > ERRORS_PER_FILE {
            return Ok(());
        }
        let mut line = Vec::new();
        dyad_output::write_error_json(err, &mut line)?;
        self.out.write_all(&line)?;
        Ok(())
    }

    /// Flushes, and warns once per file whose errors were cut.
    pub fn finish(mut self) -> anyhow::Result<()> {
        self.out.flush()?;
        let mut cut: Vec<(&String, &usize)> = self
            .per_file
            .iter()
            .filter(|(_, n)| **n > ERRORS_PER_FILE)
            .collect();
        cut.sort();
        for (file, n) in cut {
            err_line!(
                "dyad: warning: {file}: {n} errors, only the first {ERRORS_PER_FILE} written as records"
            );
        }
        Ok(())
    }
}

/// Refuses to write output and error records to the same file (their
/// lines would interleave into corrupt JSON).
pub fn distinct(output: Option<&Path>, errors: Option<&Path>) -> anyhow::Result<()> {
    let (Some(output), Some(errors)) = (output, errors) else {
        return Ok(());
    };
    let resolved = |p: &Path| -> std::path::PathBuf {
        if let Ok(full) = p.canonicalize() {
            return full;
        }
        let parent = match p.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        match (parent.canonicalize(), p.file_name()) {
            (Ok(dir), Some(name)) => dir.join(name),
            _ => p.to_path_buf(),
        }
    };
    anyhow::ensure!(
        resolved(output) != resolved(errors),
        "--output and --errors name the same file {}: give them different files",
        output.display()
    );
    Ok(())
}

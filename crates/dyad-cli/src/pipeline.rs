//! Parallel, ordered, bounded-memory processing of a document stream.
//!
//! A reader thread pulls documents from the ingest iterator and hands them
//! over in batches through a bounded channel; the main thread processes each
//! batch on all cores (rayon), each document into its finished output bytes,
//! and writes the results in input order. At most [`BATCHES_IN_FLIGHT`]
//! batches of at most [`BATCH_DOCS`] documents / [`BATCH_BYTES`] bytes are
//! held at once, whatever the input size.

use std::io::IsTerminal;
use std::sync::mpsc;
use std::time::Duration;

use dyad_core::{DocError, Document};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

/// Documents per batch at most.
pub const BATCH_DOCS: usize = 512;
/// Text bytes per batch at most (a batch always holds at least one document).
pub const BATCH_BYTES: usize = 4 * 1024 * 1024;
/// Batches read ahead of processing.
pub const BATCHES_IN_FLIGHT: usize = 2;

/// Counts of what a run did.
#[derive(Debug, Default, Clone, Copy)]
pub struct Totals {
    /// Documents read and processed.
    pub documents: u64,
    /// Documents that became error records.
    pub errors: u64,
    /// Bytes of cleaned text processed.
    pub bytes: u64,
}

/// Runs `process` over every item of `items` in parallel and passes the
/// results, in input order, to `sink`.
///
/// `process` turns a document into its output; `sink` receives either that
/// output or the error of a document that could not be read, and may fail
/// (for example on a closed pipe), which stops the run.
pub fn run<I, T, P, S>(
    items: I,
    show_progress: bool,
    process: P,
    mut sink: S,
) -> anyhow::Result<Totals>
where
    I: Iterator<Item = Result<Document, DocError>> + Send,
    T: Send,
    P: Fn(Document) -> T + Sync,
    S: FnMut(Result<T, DocError>) -> anyhow::Result<()>,
{
    let progress = progress_bar(show_progress);
    let mut totals = Totals::default();
    std::thread::scope(|scope| -> anyhow::Result<()> {
        let (sender, receiver) =
            mpsc::sync_channel::<Vec<Result<Document, DocError>>>(BATCHES_IN_FLIGHT);
        scope.spawn(move || {
            let mut batch = Vec::with_capacity(BATCH_DOCS);
            let mut bytes = 0;
            for item in items {
                if let Ok(doc) = &item {
                    bytes += doc.text.len();
                }
                batch.push(item);
                if batch.len() >= BATCH_DOCS || bytes >= BATCH_BYTES {
                    if sender.send(std::mem::take(&mut batch)).is_err() {
                        return; // the consumer stopped
                    }
                    bytes = 0;
                }
            }
            if !batch.is_empty() {
                let _ = sender.send(batch);
            }
        });
        for batch in receiver {
            let results: Vec<(u64, Result<T, DocError>)> = batch
                .into_par_iter()
                .map(|item| match item {
                    Ok(doc) => (doc.text.len() as u64, Ok(process(doc))),
                    Err(err) => (0, Err(err)),
                })
                .collect();
            for (bytes, result) in results {
                totals.documents += 1;
                totals.bytes += bytes;
                if result.is_err() {
                    totals.errors += 1;
                }
                sink(result)?;
            }
            if let Some(bar) = &progress {
                bar.set_position(totals.documents);
                bar.set_message(format!(
                    "{} errors, {:.1} MB",
                    totals.errors,
                    totals.bytes as f64 / 1e6
                ));
            }
        }
        // Dropping the receiver here (on an early return) unblocks the reader.
        Ok(())
    })?;
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    Ok(totals)
}

/// A spinner with counts on stderr, or `None` when stderr is not a terminal
/// or progress is off.
fn progress_bar(show: bool) -> Option<ProgressBar> {
    if !show || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::new_spinner();
    let style =
        ProgressStyle::with_template("{spinner} {pos} documents ({per_sec}) {msg} [{elapsed}]")
            .unwrap_or_else(|_| ProgressStyle::default_spinner());
    bar.set_style(style);
    bar.enable_steady_tick(Duration::from_millis(120));
    Some(bar)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_core::{BlockKind, DocumentBuilder};

    #[test]
    fn keeps_input_order_and_counts_errors() {
        let items = (0..2000).map(|i| {
            if i % 7 == 3 {
                Err(DocError::file(format!("f{i}"), "broken"))
            } else {
                let mut builder = DocumentBuilder::new(format!("d{i}"));
                builder.push_block(BlockKind::Body, &"word ".repeat(i % 13 + 1));
                Ok(builder.finish())
            }
        });
        let mut seen = Vec::new();
        let totals = run(
            items,
            false,
            |doc| doc.meta.id,
            |result| {
                seen.push(match result {
                    Ok(id) => id,
                    Err(err) => err.source_path,
                });
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(totals.documents, 2000);
        assert_eq!(
            totals.errors,
            (0..2000).filter(|i| i % 7 == 3).count() as u64
        );
        let expected: Vec<String> = (0..2000)
            .map(|i| {
                if i % 7 == 3 {
                    format!("f{i}")
                } else {
                    format!("d{i}")
                }
            })
            .collect();
        assert_eq!(seen, expected);
    }

    #[test]
    fn a_failing_sink_stops_the_run() {
        let items = (0..100_000).map(|i| Ok(DocumentBuilder::new(format!("d{i}")).finish()));
        let mut written = 0;
        let result = run(
            items,
            false,
            |doc| doc,
            |_| {
                written += 1;
                if written == 10 {
                    anyhow::bail!("closed pipe")
                } else {
                    Ok(())
                }
            },
        );
        assert!(result.is_err());
        assert_eq!(written, 10);
    }
}

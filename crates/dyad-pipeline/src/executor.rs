//! Parallel, ordered, bounded-memory processing of a document stream.
//!
//! A reader thread pulls documents from the ingest iterator and hands them
//! over one by one through a bounded channel; the calling thread gathers
//! them into batches, processes each batch on all cores (rayon) and passes
//! the results on in input order. A batch closes when it holds
//! [`BATCH_DOCS`] documents or [`BATCH_BYTES`] bytes of text, or when no
//! document has come for [`BATCH_WAIT`] — so a slow input (a pipe, a
//! FIFO, a network file system) never holds back what was already read.
//! The reader waits while the documents it has handed over and not yet
//! taken hold more than [`READ_AHEAD_BYTES`], so memory is bounded by a few
//! batches whatever the input size.

use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

use dyad_core::{DocError, Document};
use rayon::prelude::*;

/// Documents per batch at most.
pub const BATCH_DOCS: usize = 512;
/// Text bytes per batch at most (a batch always holds at least one document).
pub const BATCH_BYTES: usize = 4 * 1024 * 1024;
/// How long a batch waits for its next document before it is processed.
pub const BATCH_WAIT: Duration = Duration::from_millis(50);
/// Text bytes read ahead of the batch being gathered at most (at least
/// one document is always handed over).
pub const READ_AHEAD_BYTES: usize = 2 * BATCH_BYTES;

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

/// Bytes handed to the channel and not yet taken out of it.
struct Budget {
    used: Mutex<usize>,
    freed: Condvar,
}

impl Budget {
    /// Waits until `bytes` more fit (or nothing is in flight), then takes them.
    fn take(&self, bytes: usize) {
        let mut used = self.used.lock().unwrap_or_else(PoisonError::into_inner);
        while *used > 0 && *used + bytes > READ_AHEAD_BYTES {
            used = self
                .freed
                .wait(used)
                .unwrap_or_else(PoisonError::into_inner);
        }
        *used += bytes;
    }

    /// Gives `bytes` back.
    fn give(&self, bytes: usize) {
        let mut used = self.used.lock().unwrap_or_else(PoisonError::into_inner);
        *used = used.saturating_sub(bytes);
        self.freed.notify_all();
    }
}

fn text_bytes(item: &Result<Document, DocError>) -> usize {
    item.as_ref().map_or(0, |doc| doc.text.len())
}

/// Runs `process` over every item of `items` in parallel and passes the
/// results, in input order, to `sink`; `progress` is told the totals after
/// every batch.
///
/// `process` turns a document into its output; `sink` receives either that
/// output or the error of a document that could not be read, and may fail
/// (for example on a closed pipe), which stops the run.
pub fn run<I, T, P, S, E>(
    items: I,
    process: P,
    mut sink: S,
    mut progress: impl FnMut(&Totals),
) -> Result<Totals, E>
where
    I: Iterator<Item = Result<Document, DocError>> + Send,
    T: Send,
    P: Fn(Document) -> T + Sync,
    S: FnMut(Result<T, DocError>) -> Result<(), E>,
{
    let mut totals = Totals::default();
    let budget = Budget {
        used: Mutex::new(0),
        freed: Condvar::new(),
    };
    std::thread::scope(|scope| -> Result<(), E> {
        let (sender, receiver) = mpsc::sync_channel::<Result<Document, DocError>>(BATCH_DOCS);
        let budget = &budget;
        scope.spawn(move || {
            for item in items {
                budget.take(text_bytes(&item));
                if sender.send(item).is_err() {
                    return; // the consumer stopped
                }
            }
        });
        while let Some(batch) = gather(&receiver, budget) {
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
                if let Err(e) = sink(result) {
                    // unblock a reader waiting for budget, then stop
                    budget.give(usize::MAX);
                    return Err(e);
                }
            }
            progress(&totals);
        }
        Ok(())
    })?;
    Ok(totals)
}

/// The next batch: waits for its first document, then takes what comes
/// until the batch is full or nothing has come for [`BATCH_WAIT`]. `None`
/// when the input is exhausted.
fn gather(
    receiver: &mpsc::Receiver<Result<Document, DocError>>,
    budget: &Budget,
) -> Option<Vec<Result<Document, DocError>>> {
    let first = receiver.recv().ok()?;
    let mut bytes = text_bytes(&first);
    budget.give(bytes);
    let mut batch = vec![first];
    let mut deadline = Instant::now() + BATCH_WAIT;
    while batch.len() < BATCH_DOCS && bytes < BATCH_BYTES {
        let wait = deadline.saturating_duration_since(Instant::now());
        match receiver.recv_timeout(wait) {
            Ok(item) => {
                let n = text_bytes(&item);
                budget.give(n);
                bytes += n;
                batch.push(item);
                deadline = Instant::now() + BATCH_WAIT;
            }
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => break,
        }
    }
    Some(batch)
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
            |doc| doc.meta.id,
            |result| {
                seen.push(match result {
                    Ok(id) => id,
                    Err(err) => err.source_path,
                });
                Ok::<(), ()>(())
            },
            |_| {},
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
            |doc| doc,
            |_| {
                written += 1;
                if written == 10 {
                    Err("closed pipe")
                } else {
                    Ok(())
                }
            },
            |_| {},
        );
        assert!(result.is_err());
        assert_eq!(written, 10);
    }

    #[test]
    fn documents_read_before_a_stalled_input_are_passed_on() {
        // the input yields two documents, then blocks until the sink has
        // seen both: with batches flushed only when full this deadlocks
        let (seen_tx, seen_rx) = mpsc::channel::<()>();
        let mut n = 0;
        let items = std::iter::from_fn(move || {
            n += 1;
            match n {
                1 | 2 => Some(Ok(DocumentBuilder::new(format!("d{n}")).finish())),
                3 => {
                    for _ in 0..2 {
                        seen_rx.recv_timeout(Duration::from_secs(20)).ok()?;
                    }
                    Some(Ok(DocumentBuilder::new("d3").finish()))
                }
                _ => None,
            }
        });
        let mut ids = Vec::new();
        let totals = run(
            items,
            |doc| doc.meta.id,
            |result| {
                ids.push(result.map_err(|_| ())?);
                let _ = seen_tx.send(());
                Ok::<(), ()>(())
            },
            |_| {},
        )
        .unwrap();
        assert_eq!(ids, ["d1", "d2", "d3"]);
        assert_eq!(totals.documents, 3);
    }

    #[test]
    fn large_documents_are_read_ahead_within_the_budget() {
        // 40 documents of 1 MiB: the reader never holds more than the
        // read-ahead budget plus one document beyond what was taken
        let items = (0..40).map(|i| {
            let mut builder = DocumentBuilder::new(format!("d{i}"));
            builder.push_block(BlockKind::Body, &"x".repeat(1 << 20));
            Ok(builder.finish())
        });
        let mut count = 0;
        let totals = run(
            items,
            |doc| doc.text.len(),
            |result| {
                assert_eq!(result.map_err(|_| ())?, 1 << 20);
                count += 1;
                Ok::<(), ()>(())
            },
            |_| {},
        )
        .unwrap();
        assert_eq!((count, totals.documents), (40, 40));
    }
}

//! The iterator `Pipeline.code_many` returns: reads its input lazily in
//! batches, codes each batch on the pipeline's pool with the GIL released,
//! and yields the records in input order.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, PoisonError};

use dyad_core::{DocError, Document};
use dyad_pipeline::UniqueIds;
use dyad_pipeline::executor::BATCH_BYTES;
use pyo3::prelude::*;
use pyo3::types::PyIterator;
use rayon::prelude::*;

use crate::convert;
use crate::pipeline::{Outcome, Shared, document};

/// The documents of a Python iterable, one at a time; an exception the
/// iterable itself raises ends the stream and is kept in `raised`.
struct PyDocs {
    iter: Py<PyIterator>,
    position: u64,
    raised: Arc<Mutex<Option<PyErr>>>,
}

impl Iterator for PyDocs {
    type Item = Result<Document, DocError>;

    fn next(&mut self) -> Option<Self::Item> {
        Python::attach(|py| {
            let item = match self.iter.bind(py).clone().next()? {
                Ok(item) => item,
                Err(err) => {
                    *self.raised.lock().unwrap_or_else(PoisonError::into_inner) = Some(err);
                    return None;
                }
            };
            self.position += 1;
            let line = self.position;
            Some(match convert::item_fields(&item) {
                Ok(fields) => document(fields, line, format!("doc-{line}")),
                Err((doc_id, message)) => {
                    let err = DocError::at_line(convert::ORIGIN, line, message);
                    Err(match doc_id {
                        Some(id) => err.with_doc_id(id),
                        None => err,
                    })
                }
            })
        })
    }
}

/// The events of ``Pipeline.code_many``, in input order: an iterator of
/// ``dyad.event/1`` dicts (and, with ``errors="record"``, ``dyad.error/1``
/// dicts where a document could not be coded).
#[pyclass(module = "dyad")]
pub struct EventStream {
    shared: Arc<Shared>,
    docs: UniqueIds<PyDocs>,
    raised: Arc<Mutex<Option<PyErr>>>,
    batch_size: usize,
    raise: bool,
    ready: VecDeque<Py<PyAny>>,
    pending: Option<PyErr>,
    exhausted: bool,
}

impl EventStream {
    /// A stream over `docs` (any iterable).
    pub fn new(
        shared: Arc<Shared>,
        docs: &Bound<'_, PyAny>,
        batch_size: usize,
        raise: bool,
    ) -> PyResult<EventStream> {
        let raised = Arc::new(Mutex::new(None));
        let iter = docs.try_iter()?.unbind();
        Ok(EventStream {
            shared,
            docs: UniqueIds::new(PyDocs {
                iter,
                position: 0,
                raised: Arc::clone(&raised),
            }),
            raised,
            batch_size,
            raise,
            ready: VecDeque::new(),
            pending: None,
            exhausted: false,
        })
    }

    /// Reads, codes and converts the next batch.
    fn fill(&mut self, py: Python<'_>) -> PyResult<()> {
        let mut batch = Vec::new();
        let mut bytes = 0;
        while batch.len() < self.batch_size && bytes < BATCH_BYTES {
            let Some(item) = self.docs.next() else {
                self.exhausted = true;
                break;
            };
            bytes += item.as_ref().map_or(0, |doc| doc.text.len());
            batch.push(item);
        }
        let raised = self
            .raised
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if raised.is_some() {
            self.exhausted = true;
        }
        let shared = &self.shared;
        let outcomes: Vec<Outcome> = py.detach(|| {
            shared.pool.install(|| {
                batch
                    .into_par_iter()
                    .map(|item| shared.code(item))
                    .collect()
            })
        });
        for outcome in outcomes {
            match outcome {
                Outcome::Coded {
                    doc_id,
                    json,
                    warnings,
                } => {
                    convert::warn(py, &doc_id, &warnings)?;
                    let events = convert::loads_lines(py, &json)?;
                    self.ready.extend(events.iter().map(Bound::unbind));
                }
                Outcome::Failed(err) if self.raise => {
                    self.pending = Some(convert::document_error(py, &err));
                    self.exhausted = true;
                    return Ok(());
                }
                Outcome::Failed(err) => {
                    let mut json = Vec::new();
                    dyad_output::write_error_json(&err, &mut json)
                        .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))?;
                    self.ready
                        .push_back(convert::loads(py, json.trim_ascii_end())?.unbind());
                }
            }
        }
        self.pending = raised;
        Ok(())
    }
}

#[pymethods]
impl EventStream {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        loop {
            if let Some(record) = self.ready.pop_front() {
                return Ok(Some(record));
            }
            if let Some(err) = self.pending.take() {
                return Err(err);
            }
            if self.exhausted {
                return Ok(None);
            }
            self.fill(py)?;
        }
    }
}

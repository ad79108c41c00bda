//! `dyad.Pipeline`: the model and dictionaries loaded once, a rayon pool,
//! and the calls that code one document or a stream of them.

use std::path::PathBuf;
use std::sync::Arc;

use dyad_core::{DocError, Document};
use dyad_ingest::RecordFields;
use dyad_pipeline::{DictSource, Pipeline, PipelineConfig, Require};
use pyo3::prelude::*;
use pyo3::types::PyList;

use crate::SetupError;
use crate::convert::{self, ORIGIN};
use crate::stream::EventStream;

/// What a pipeline shares with the streams it starts.
pub struct Shared {
    /// The pipeline.
    pub pipeline: Pipeline,
    /// The threads `code_many` runs batches on.
    pub pool: rayon::ThreadPool,
    /// Documents with more text than this are error records.
    pub max_bytes: usize,
}

/// One document's outcome, made without the GIL.
pub enum Outcome {
    /// Its events as `dyad.event/1` JSON lines, and its warnings.
    Coded {
        /// The document id (after renaming a duplicate).
        doc_id: String,
        /// The events, one JSON line each, as `dyad code` writes them.
        json: Vec<u8>,
        /// The document's warnings.
        warnings: Vec<String>,
    },
    /// The document could not be coded.
    Failed(DocError),
}

impl Shared {
    /// Caps, processes and serialises one document.
    pub fn code(&self, item: Result<Document, DocError>) -> Outcome {
        let doc = match dyad_pipeline::cap_document(item, self.max_bytes) {
            Ok(doc) => doc,
            Err(err) => return Outcome::Failed(err),
        };
        let done = self.pipeline.process(doc);
        let mut json = Vec::new();
        for record in &done.events {
            if let Err(e) = dyad_output::write_event_json(record, &mut json) {
                let err = DocError::file(ORIGIN, format!("cannot write an event record: {e}"));
                return Outcome::Failed(err.with_doc_id(done.document.meta.id));
            }
        }
        Outcome::Coded {
            doc_id: done.document.meta.id,
            json,
            warnings: done.document.warnings,
        }
    }
}

/// dyad's pipeline: the tagging and parsing model, the dictionaries and the
/// coder, loaded once; call it from any thread.
///
/// ``Pipeline(dicts=None, require=None, threads=None, *, dict_format="dyad",
/// max_document_mb=16, allow_empty_dicts=False, statements=False,
/// min_confidence=0.0)``
///
/// - ``dicts``: a folder of dictionaries (``None``: the built-in ones), in
///   dyad's format or, with ``dict_format="petrarch"``, the PETRARCH2
///   Phoenix set — as ``dyad code --dicts DIR [--dict-format petrarch]``.
/// - ``require``: which actors an event needs: ``"one"`` (at least one,
///   the default), ``"source"`` or ``"dyad"`` (both) — as
///   ``dyad code --require``.
/// - ``threads``: threads ``code_many`` uses (``None`` or 0: all cores).
/// - ``max_document_mb``: a document with more text is an error (as
///   ``--max-document-mb``).
/// - ``statements``: keep plain statements (CAMEO 01, no PLOVER type), as
///   ``--statements``.
/// - ``min_confidence``: drop events whose ``confidence`` is lower (0 to
///   1), as ``--min-confidence``.
///
/// Raises ``dyad.SetupError`` when the dictionaries cannot be loaded.
#[pyclass(module = "dyad", name = "Pipeline", subclass, frozen)]
pub struct PyPipeline {
    shared: Arc<Shared>,
    warnings: Vec<String>,
}

#[pymethods]
impl PyPipeline {
    #[new]
    // one argument per keyword of the Python constructor
    #[allow(clippy::too_many_arguments)]
    #[pyo3(signature = (dicts=None, require=None, threads=None, *, dict_format="dyad", max_document_mb=16, allow_empty_dicts=false, statements=false, min_confidence=0.0))]
    fn new(
        py: Python<'_>,
        dicts: Option<PathBuf>,
        require: Option<&str>,
        threads: Option<usize>,
        dict_format: &str,
        max_document_mb: usize,
        allow_empty_dicts: bool,
        statements: bool,
        min_confidence: f64,
    ) -> PyResult<PyPipeline> {
        let dicts = match (dicts, dict_format) {
            (None, _) => DictSource::Builtin,
            (Some(dir), "dyad") => DictSource::Dyad(dir),
            (Some(dir), "petrarch") => DictSource::Petrarch(dir),
            (_, other) => {
                return Err(SetupError::new_err(format!(
                    "unknown dict_format {other:?} (expected \"dyad\" or \"petrarch\")"
                )));
            }
        };
        let require = match require {
            None => Require::default(),
            Some(name) => name
                .parse::<Require>()
                .map_err(|e| SetupError::new_err(e.to_string()))?,
        };
        if !(1..=256).contains(&max_document_mb) {
            return Err(SetupError::new_err(format!(
                "max_document_mb must be between 1 and 256, not {max_document_mb}"
            )));
        }
        if !(0.0..=1.0).contains(&min_confidence) {
            return Err(SetupError::new_err(format!(
                "min_confidence must be between 0 and 1, not {min_confidence}"
            )));
        }
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads.unwrap_or(0))
            .thread_name(|i| format!("dyad-{i}"))
            .build()
            .map_err(|e| SetupError::new_err(format!("cannot start threads: {e}")))?;
        let config = PipelineConfig {
            dicts,
            require,
            allow_empty_dicts,
            statements,
            min_confidence,
            ..PipelineConfig::default()
        };
        let pipeline = py
            .detach(|| Pipeline::new(config))
            .map_err(|e| SetupError::new_err(error_chain(&e)))?;
        let mut warnings: Vec<String> = pipeline
            .dictionary_diagnostics()
            .iter()
            .map(|d| d.to_string())
            .collect();
        warnings.extend(pipeline.dictionary_warnings().iter().cloned());
        Ok(PyPipeline {
            shared: Arc::new(Shared {
                pipeline,
                pool,
                max_bytes: max_document_mb * 1024 * 1024,
            }),
            warnings,
        })
    }

    /// Codes one document and returns its events: a list of
    /// ``dyad.event/1`` dicts, each the object a line of ``dyad code``
    /// output parses to.
    ///
    /// ``code(text, *, doc_id=None, date=None, title=None, url=None)``:
    /// ``date`` is a string in any form dyad reads (``2019-10-31``,
    /// ``31 October 2019``, RFC 2822 …) or a ``datetime.date``; one it
    /// cannot read gives a ``dyad.DyadWarning`` and ``doc_date`` null, as
    /// in the CLI. ``doc_id`` defaults to ``"doc"``. An empty text or one
    /// over ``max_document_mb`` raises ``dyad.DocumentError``; a field of
    /// the wrong type raises ``TypeError``. The GIL is released while the
    /// document is processed.
    #[pyo3(signature = (text, *, doc_id=None, date=None, title=None, url=None))]
    fn code<'py>(
        &self,
        py: Python<'py>,
        text: String,
        doc_id: Option<&Bound<'py, PyAny>>,
        date: Option<&Bound<'py, PyAny>>,
        title: Option<&Bound<'py, PyAny>>,
        url: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let fields = convert::call_fields(text, doc_id, date, title, url)?;
        let shared = &self.shared;
        let outcome = py.detach(|| shared.code(document(fields, 1, "doc".to_string())));
        match outcome {
            Outcome::Coded {
                doc_id,
                json,
                warnings,
            } => {
                convert::warn(py, &doc_id, &warnings)?;
                convert::loads_lines(py, &json)
            }
            Outcome::Failed(err) => Err(convert::document_error(py, &err)),
        }
    }

    /// Codes many documents on all the pipeline's threads, with the GIL
    /// released, and yields their events in input order (document order,
    /// then the order within each document) — the records ``dyad code``
    /// writes for the same documents, in the same order.
    ///
    /// ``code_many(docs, *, batch_size=512, errors="raise")``: ``docs`` is
    /// any iterable of strings or of mappings with ``text`` and optionally
    /// ``id``, ``date``, ``title``, ``url`` (a ``dict``, a row of
    /// ``DataFrame.to_dict("records")``). It is read lazily, ``batch_size``
    /// documents (or 4 MiB of text) at a time, so memory stays bounded.
    /// Documents without ``id`` get ``doc-N`` (N = 1-based position); a
    /// repeated id becomes ``ID~2`` with a warning, as in the CLI.
    ///
    /// A document that cannot be coded (empty text, over the size limit, a
    /// field of the wrong type, not a string or mapping) raises
    /// ``dyad.DocumentError`` once the events before it are yielded, with
    /// ``errors="raise"``; with ``errors="record"`` it yields a
    /// ``dyad.error/1`` dict in its place and goes on, as ``dyad code``
    /// does.
    #[pyo3(signature = (docs, *, batch_size=512, errors="raise"))]
    fn code_many(
        &self,
        docs: &Bound<'_, PyAny>,
        batch_size: usize,
        errors: &str,
    ) -> PyResult<EventStream> {
        let raise = match errors {
            "raise" => true,
            "record" => false,
            other => {
                return Err(pyo3::exceptions::PyValueError::new_err(format!(
                    "errors must be \"raise\" or \"record\", not {other:?}"
                )));
            }
        };
        if batch_size == 0 {
            return Err(pyo3::exceptions::PyValueError::new_err(
                "batch_size must be at least 1",
            ));
        }
        EventStream::new(Arc::clone(&self.shared), docs, batch_size, raise)
    }

    /// Segments, tags and parses one document without coding it, and
    /// returns its ``dyad.document/1`` dict (as ``dyad parse`` writes):
    /// cleaned ``text``, ``blocks``, ``sentences`` with their tokens'
    /// lemma, tags, head and relation.
    ///
    /// ``parse(text, *, doc_id=None, date=None, title=None, url=None)``;
    /// errors as in ``code``.
    #[pyo3(signature = (text, *, doc_id=None, date=None, title=None, url=None))]
    fn parse<'py>(
        &self,
        py: Python<'py>,
        text: String,
        doc_id: Option<&Bound<'py, PyAny>>,
        date: Option<&Bound<'py, PyAny>>,
        title: Option<&Bound<'py, PyAny>>,
        url: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let fields = convert::call_fields(text, doc_id, date, title, url)?;
        let shared = &self.shared;
        let result = py.detach(|| -> Result<Vec<u8>, DocError> {
            let item = document(fields, 1, "doc".to_string());
            let mut doc = dyad_pipeline::cap_document(item, shared.max_bytes)?;
            shared.pipeline.annotate(&mut doc);
            let mut json = Vec::new();
            dyad_output::write_document_json(&doc, &mut json).map_err(|e| {
                DocError::file(ORIGIN, format!("cannot write the document: {e}"))
                    .with_doc_id(doc.meta.id.clone())
            })?;
            Ok(json)
        });
        match result {
            Ok(json) => convert::loads(py, json.trim_ascii_end()),
            Err(err) => Err(convert::document_error(py, &err)),
        }
    }

    /// The number of threads ``code_many`` uses.
    #[getter]
    fn threads(&self) -> usize {
        self.shared.pool.current_num_threads()
    }

    /// Problems found while loading the dictionaries (malformed entries
    /// with ``file:line``; loading went on without them).
    #[getter]
    fn dictionary_warnings(&self) -> Vec<String> {
        self.warnings.clone()
    }

    fn __repr__(&self) -> String {
        format!("dyad.Pipeline(threads={})", self.threads())
    }
}

/// The document `fields` describe, at position `line` of the Python
/// input.
pub fn document(
    fields: RecordFields,
    line: u64,
    fallback_id: String,
) -> Result<Document, DocError> {
    dyad_ingest::record_document(fields, ORIGIN, line, fallback_id)
}

/// An error and its causes, joined with `: `.
fn error_chain(err: &dyn std::error::Error) -> String {
    let mut message = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        message.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    message
}

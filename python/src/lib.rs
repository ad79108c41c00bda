//! `dyad._dyad`: the compiled half of the `dyad` Python package.
//!
//! A thin binding: every step of the work is a call into the workspace's
//! crates — `dyad_ingest::record_document` builds a document from the
//! caller's fields exactly as the JSONL and CSV readers do,
//! `dyad_pipeline::Pipeline::process` codes it, `dyad_output` writes its
//! `dyad.event/1` records as the CLI's JSONL writer does — and the records
//! reach Python through `json.loads`, so a Python result and a line of
//! `dyad code` output are the same object. What lives here is only the
//! glue: argument conversion ([`convert`]), the `Pipeline` class
//! ([`pipeline`]), the batched, parallel, in-order stream of
//! `code_many` ([`stream`]) and the exceptions below.
//!
//! The GIL is released while documents are processed; `code_many` runs
//! each batch on the pipeline's own rayon pool (`threads`).

mod convert;
mod pipeline;
mod stream;

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyUserWarning};
use pyo3::prelude::*;
use pyo3::types::PyList;

create_exception!(
    dyad,
    DyadError,
    PyException,
    "Base class of the errors dyad raises."
);
create_exception!(
    dyad,
    DocumentError,
    DyadError,
    "A document could not be coded (empty text, over the size limit, a field of the wrong type).\n\n\
     Attributes: ``doc_id`` (the document's id, or None), ``line`` (its 1-based position in the \
     input of ``code_many``, or None), ``reason`` (the message alone)."
);
create_exception!(
    dyad,
    SetupError,
    DyadError,
    "The pipeline could not be built (a dictionary folder that does not exist, an empty set, \
     a bad option)."
);
create_exception!(
    dyad,
    DyadWarning,
    PyUserWarning,
    "A document was coded, but with a warning (an unrecognised date, a renamed duplicate id)."
);

/// The columns of the flat event layout (`dyad.event.flat/1`, the CSV and
/// Parquet writers' columns), in order, as `(name, type, nullable)` with
/// type one of `string`, `integer`, `float`, `boolean`, `date`.
#[pyfunction]
fn flat_columns(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    let columns: Vec<(&str, &str, bool)> = dyad_output::flat::columns()
        .iter()
        .map(|c| (c.name(), c.ty().as_str(), c.nullable()))
        .collect();
    PyList::new(py, columns)
}

/// The module: `Pipeline`, the exceptions, `flat_columns` and the schema
/// names.
#[pymodule]
fn _dyad(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<pipeline::PyPipeline>()?;
    m.add_class::<stream::EventStream>()?;
    m.add("DyadError", py.get_type::<DyadError>())?;
    m.add("DocumentError", py.get_type::<DocumentError>())?;
    m.add("SetupError", py.get_type::<SetupError>())?;
    m.add("DyadWarning", py.get_type::<DyadWarning>())?;
    m.add_function(wrap_pyfunction!(flat_columns, m)?)?;
    m.add("EVENT_SCHEMA", dyad_output::SCHEMA_NAME)?;
    m.add("FLAT_SCHEMA", dyad_output::flat::FLAT_SCHEMA_NAME)?;
    m.add("ERROR_SCHEMA", dyad_output::ERROR_SCHEMA_NAME)?;
    m.add("DOCUMENT_SCHEMA", dyad_output::DOCUMENT_SCHEMA_NAME)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}

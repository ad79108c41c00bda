//! Between Python values and the pipeline's plain data: the fields of a
//! document in, JSON records out (through `json.loads`, so a record is
//! the very object a line of `dyad code` output parses to).

use dyad_core::DocError;
use dyad_ingest::RecordFields;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyFloat, PyInt, PyList, PyMapping, PyString};

use crate::{DocumentError, DyadWarning};

/// The origin error records of Python input name (in place of a file).
pub const ORIGIN: &str = "<python>";

/// The text of an optional field: `None` (or a float NaN, pandas' missing
/// value) is absent, a string is itself, an integer its decimal digits;
/// for `date`, a `datetime.date` or `datetime.datetime` is its
/// `isoformat()`. Anything else is an error message naming the field.
pub fn field_text(value: Option<&Bound<'_, PyAny>>, name: &str) -> Result<Option<String>, String> {
    let Some(value) = value else {
        return Ok(None);
    };
    if value.is_none() {
        return Ok(None);
    }
    if let Ok(s) = value.cast::<PyString>() {
        return s
            .to_cow()
            .map(|s| Some(s.into_owned()))
            .map_err(|e| format!("`{name}`: {e}"));
    }
    if let Ok(x) = value.cast::<PyFloat>()
        && x.value().is_nan()
    {
        return Ok(None);
    }
    if name != "text" && !value.is_instance_of::<PyBool>() && value.is_instance_of::<PyInt>() {
        return Ok(Some(value.to_string()));
    }
    if name == "date"
        && let Ok(iso) = value.call_method0("isoformat")
        && let Ok(iso) = iso.extract::<String>()
    {
        return Ok(Some(iso));
    }
    let type_name = value
        .get_type()
        .name()
        .map_or_else(|_| "?".to_string(), |n| n.to_string());
    let expected = match name {
        "text" => "a string",
        "date" => "a string or a datetime.date",
        _ => "a string",
    };
    Err(format!("`{name}` must be {expected}, not {type_name}"))
}

/// The fields of a `code`/`parse` call; a field of the wrong type is a
/// `TypeError`.
pub fn call_fields(
    text: String,
    doc_id: Option<&Bound<'_, PyAny>>,
    date: Option<&Bound<'_, PyAny>>,
    title: Option<&Bound<'_, PyAny>>,
    url: Option<&Bound<'_, PyAny>>,
) -> PyResult<RecordFields> {
    let get = |value, name| field_text(value, name).map_err(PyTypeError::new_err);
    Ok(RecordFields {
        id: get(doc_id, "doc_id")?,
        title: get(title, "title")?,
        date: get(date, "date")?,
        text: Some(text),
        url: get(url, "url")?,
    })
}

/// The fields of one item of `code_many`'s input (a string, or a mapping
/// with `text` and optionally `id`, `date`, `title`, `url`), or the
/// message saying why it is none.
pub fn item_fields(item: &Bound<'_, PyAny>) -> Result<RecordFields, (Option<String>, String)> {
    if let Ok(s) = item.cast::<PyString>() {
        let text = s.to_cow().map_err(|e| (None, e.to_string()))?;
        return Ok(RecordFields {
            text: Some(text.into_owned()),
            ..RecordFields::default()
        });
    }
    let Ok(mapping) = item.cast::<PyMapping>() else {
        let type_name = item
            .get_type()
            .name()
            .map_or_else(|_| "?".to_string(), |n| n.to_string());
        return Err((
            None,
            format!("a document must be a string or a mapping with a `text` key, not {type_name}"),
        ));
    };
    let value = |key: &str| mapping.get_item(key).ok();
    let id = field_text(value("id").as_ref(), "id").map_err(|e| (None, e))?;
    let with_id = |e: String| (id.clone(), e);
    let text = value("text");
    if text.is_none() {
        return Err(with_id("missing text field `text`".to_string()));
    }
    Ok(RecordFields {
        title: field_text(value("title").as_ref(), "title").map_err(with_id)?,
        date: field_text(value("date").as_ref(), "date").map_err(with_id)?,
        text: field_text(text.as_ref(), "text").map_err(with_id)?,
        url: field_text(value("url").as_ref(), "url").map_err(with_id)?,
        id,
    })
}

/// Parses JSON made by `dyad_output` into Python objects.
pub fn loads<'py>(py: Python<'py>, json: &[u8]) -> PyResult<Bound<'py, PyAny>> {
    let text = std::str::from_utf8(json).map_err(|e| {
        pyo3::exceptions::PyRuntimeError::new_err(format!("dyad wrote invalid UTF-8: {e}"))
    })?;
    py.import("json")?.call_method1("loads", (text,))
}

/// The `DocumentError` exception for `err`: its message names the document
/// and position; `doc_id`, `line` and `reason` are attributes.
pub fn document_error(py: Python<'_>, err: &DocError) -> PyErr {
    let what = match (&err.doc_id, err.line) {
        (Some(id), _) => format!("document {id:?}"),
        (None, Some(line)) => format!("document {line} of the input"),
        (None, None) => "document".to_string(),
    };
    let exc = DocumentError::new_err(format!("{what}: {}", err.message));
    let value = exc.value(py);
    let set = |name: &str, v: Bound<'_, PyAny>| {
        // setting an attribute on a fresh exception cannot fail in practice;
        // if it did, the message still names the document
        let _ = value.setattr(name, v);
    };
    set(
        "doc_id",
        err.doc_id
            .clone()
            .into_pyobject(py)
            .map_or_else(|_| py.None().into_bound(py), |v| v.into_any()),
    );
    set(
        "line",
        err.line
            .into_pyobject(py)
            .map_or_else(|_| py.None().into_bound(py), |v| v.into_any()),
    );
    set("reason", PyString::new(py, &err.message).into_any());
    exc
}

/// Issues each warning of a document as a `dyad.DyadWarning`.
pub fn warn(py: Python<'_>, doc_id: &str, warnings: &[String]) -> PyResult<()> {
    for w in warnings {
        let message = format!("document {doc_id:?}: {w}");
        PyErr::warn(
            py,
            &py.get_type::<DyadWarning>(),
            &std::ffi::CString::new(message.replace('\0', " "))
                .map_err(|e| PyTypeError::new_err(e.to_string()))?,
            1,
        )?;
    }
    Ok(())
}

/// A list of Python objects from JSON lines (one object per line), parsed
/// with one `json.loads` call.
pub fn loads_lines<'py>(py: Python<'py>, lines: &[u8]) -> PyResult<Bound<'py, PyList>> {
    let mut array = Vec::with_capacity(lines.len() + 2);
    array.push(b'[');
    for line in lines.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
        if array.len() > 1 {
            array.push(b',');
        }
        array.extend_from_slice(line);
    }
    array.push(b']');
    Ok(loads(py, &array)?.cast_into::<PyList>()?)
}

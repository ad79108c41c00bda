"""dyad from Python: political event data from news text.

``dyad.Pipeline`` loads dyad's tagging and parsing model and its dictionaries
once; ``Pipeline.code`` turns one article into its events, ``code_many`` a
stream of articles on all cores (in input order, the GIL released), and
``Pipeline.parse`` gives the parsed document. Every event is a
``dyad.event/1`` dict, the same object a line of ``dyad code`` output parses
to (see ``docs/output.md`` and ``../shared/event-record.md``).

``to_frame`` (pandas) and ``Pipeline.code_arrow`` (pyarrow) give the flat
columns of ``dyad code --to csv`` / ``--to parquet`` (``dyad.event.flat/1``);
``dyad.spark.code_events`` codes a Spark DataFrame. pandas, pyarrow and
pyspark are optional: each is imported only by the function that needs it.

>>> import dyad
>>> pipe = dyad.Pipeline(require="source")
>>> events = pipe.code("Chad attacked Niger on Monday.", doc_id="d1", date="2019-10-31")
>>> [(e["source"]["code"], e["cameo"], e["target"]["code"]) for e in events]
[('TCD', '190', 'NER')]
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping, Optional

from . import _dyad
from ._dyad import (
    DOCUMENT_SCHEMA,
    ERROR_SCHEMA,
    EVENT_SCHEMA,
    FLAT_SCHEMA,
    DocumentError,
    DyadError,
    DyadWarning,
    EventStream,
    SetupError,
    __version__,
    flat_columns,
)

__all__ = [
    "Pipeline",
    "EventStream",
    "to_frame",
    "flat_rows",
    "arrow_schema",
    "flat_columns",
    "DyadError",
    "DocumentError",
    "SetupError",
    "DyadWarning",
    "EVENT_SCHEMA",
    "FLAT_SCHEMA",
    "ERROR_SCHEMA",
    "DOCUMENT_SCHEMA",
    "__version__",
]


class Pipeline(_dyad.Pipeline):
    __doc__ = _dyad.Pipeline.__doc__

    def code_arrow(
        self,
        table: Any,
        *,
        text_col: str = "text",
        id_col: Optional[str] = None,
        date_col: Optional[str] = None,
        title_col: Optional[str] = None,
        url_col: Optional[str] = None,
        batch_size: int = 512,
        errors: str = "raise",
    ) -> Any:
        """Codes the documents of a pyarrow ``Table`` (or ``RecordBatch``) and
        returns their events as a pyarrow ``Table`` with the flat columns of
        ``dyad code --to parquet`` (``arrow_schema()``), in input order.

        ``text_col`` names the text column; ``id_col``, ``date_col``,
        ``title_col`` and ``url_col`` default to the columns ``id``,
        ``date``, ``title`` and ``url`` when the table has them. Dates may be
        strings or Arrow dates. Rows are coded ``batch_size`` at a time with
        ``code_many`` (``errors`` as there: with ``"record"`` a document that
        cannot be coded is skipped). Needs pyarrow.
        """
        import pyarrow as pa

        names = list(table.schema.names)

        def pick(given: Optional[str], default: str) -> Optional[str]:
            if given is not None:
                if given not in names:
                    raise KeyError(f"no column {given!r} in the table (columns: {names})")
                return given
            return default if default in names else None

        if text_col not in names:
            raise KeyError(f"no text column {text_col!r} in the table (columns: {names})")
        columns = {
            "text": text_col,
            "id": pick(id_col, "id"),
            "date": pick(date_col, "date"),
            "title": pick(title_col, "title"),
            "url": pick(url_col, "url"),
        }
        columns = {key: col for key, col in columns.items() if col is not None}
        batches = table.to_batches() if isinstance(table, pa.Table) else [table]

        def documents() -> Iterable[Mapping[str, Any]]:
            for batch in batches:
                values = {key: batch.column(col).to_pylist() for key, col in columns.items()}
                for i in range(batch.num_rows):
                    yield {key: column[i] for key, column in values.items()}

        events = [
            e
            for e in self.code_many(documents(), batch_size=batch_size, errors=errors)
            if e.get("schema") == EVENT_SCHEMA
        ]
        return _arrow_table(events)


def flat_rows(events: Iterable[Mapping[str, Any]]) -> list[list[Any]]:
    """The rows of the flat layout (``dyad.event.flat/1``, the columns of
    ``flat_columns()``) for ``dyad.event/1`` dicts: nested keys joined with
    ``_``, each span as ``…_span_start`` and ``…_span_end``, lists of codes
    joined with ``;``, a column under a null object null. Records of other
    schemas (``dyad.error/1``) are left out."""
    names = [name for name, _, _ in flat_columns()]
    rows = []
    for event in events:
        if event.get("schema") != EVENT_SCHEMA:
            continue
        flat: dict[str, Any] = {}
        _flatten(event, "", flat)
        rows.append([flat.get(name) for name in names])
    return rows


def _flatten(value: Mapping[str, Any], prefix: str, out: dict[str, Any]) -> None:
    for key, item in value.items():
        name = prefix + key
        if isinstance(item, Mapping):
            _flatten(item, name + "_", out)
        elif isinstance(item, list):
            if key.endswith("span") and len(item) == 2:
                out[name + "_start"], out[name + "_end"] = item
            else:
                out[name] = ";".join(str(x) for x in item)
        else:
            out[name] = item


def to_frame(events: Iterable[Mapping[str, Any]]) -> Any:
    """A pandas ``DataFrame`` of events: one row per ``dyad.event/1`` dict,
    the columns of ``dyad code --to csv`` in order (``flat_columns()``).
    Integer columns are pandas' nullable ``Int64``, flags ``boolean``, dates
    (``doc_date``, ``event_date``) ``datetime64``. Needs pandas."""
    import pandas as pd

    columns = flat_columns()
    frame = pd.DataFrame(flat_rows(events), columns=[name for name, _, _ in columns])
    for name, kind, _ in columns:
        if kind == "integer":
            frame[name] = frame[name].astype("Int64")
        elif kind == "float":
            frame[name] = frame[name].astype("float64")
        elif kind == "boolean":
            frame[name] = frame[name].astype("boolean")
        elif kind == "date":
            frame[name] = pd.to_datetime(frame[name], format="%Y-%m-%d", errors="coerce")
        else:
            frame[name] = frame[name].astype("object")
    return frame


def arrow_schema() -> Any:
    """The pyarrow schema of the flat layout, as ``dyad code --to parquet``
    writes it (strings, int64, float64, bool, date32). Needs pyarrow."""
    import pyarrow as pa

    types = {
        "string": pa.string(),
        "integer": pa.int64(),
        "float": pa.float64(),
        "boolean": pa.bool_(),
        "date": pa.date32(),
    }
    return pa.schema(
        [pa.field(name, types[kind], nullable) for name, kind, nullable in flat_columns()],
        metadata={"dyad.schema": FLAT_SCHEMA},
    )


def _arrow_table(events: list[Mapping[str, Any]]) -> Any:
    import pyarrow as pa

    schema = arrow_schema()
    rows = flat_rows(events)
    arrays = []
    for i, field in enumerate(schema):
        values = [row[i] for row in rows]
        if pa.types.is_date32(field.type):
            arrays.append(pa.array(values, type=pa.string()).cast(pa.date32()))
        else:
            arrays.append(pa.array(values, type=field.type))
    return pa.Table.from_arrays(arrays, schema=schema)

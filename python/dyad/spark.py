"""dyad on Spark: code a DataFrame of articles into a DataFrame of events.

``code_events`` selects the document columns, then runs ``mapInArrow``:
each Python worker builds one ``dyad.Pipeline`` (kept for the worker's
life, so for every task it runs with Spark's default worker reuse) and
streams the partition's Arrow batches through ``Pipeline.code_arrow``. The
result has a declared schema, ``event_schema()``: the flat columns of
``dyad code --to parquet`` (``dyad.event.flat/1``).

The ``dyad`` wheel must be installed on every executor (``pip install`` in
the cluster's image, or ``spark-submit --py-files`` does not work for
compiled modules: ship the wheel with ``--archives`` of a virtual
environment, or ``spark.pyspark.python``; see ``docs/python.md``).
"""

from __future__ import annotations

from typing import Any, Iterator, Optional

import dyad

__all__ = ["code_events", "event_schema"]

_PIPELINES: dict[tuple, "dyad.Pipeline"] = {}


def event_schema() -> Any:
    """The Spark ``StructType`` of the events ``code_events`` returns (the
    flat layout: strings, longs, doubles, booleans, dates)."""
    from pyspark.sql import types as T

    kinds = {
        "string": T.StringType(),
        "integer": T.LongType(),
        "float": T.DoubleType(),
        "boolean": T.BooleanType(),
        "date": T.DateType(),
    }
    return T.StructType(
        [T.StructField(name, kinds[kind], nullable) for name, kind, nullable in dyad.flat_columns()]
    )


def _pipeline(options: dict) -> "dyad.Pipeline":
    key = tuple(sorted(options.items()))
    pipe = _PIPELINES.get(key)
    if pipe is None:
        pipe = dyad.Pipeline(**options)
        _PIPELINES[key] = pipe
    return pipe


def code_events(
    df: Any,
    text_col: str = "text",
    id_col: Optional[str] = "id",
    date_col: Optional[str] = None,
    title_col: Optional[str] = None,
    url_col: Optional[str] = None,
    *,
    batch_size: int = 256,
    errors: str = "record",
    **pipeline_options: Any,
) -> Any:
    """The events of the documents in ``df``, a Spark DataFrame.

    ``text_col`` names the text column; ``id_col`` the document id
    (``None``: ids ``doc-N`` per Arrow batch, not unique — name one);
    ``date_col``, ``title_col``, ``url_col`` the publication date (a string
    or a date), headline and source. Every column is cast to a string.
    ``pipeline_options`` go to ``dyad.Pipeline`` (``dicts``, ``require``,
    ``max_document_mb`` …; ``threads`` defaults to 1, since Spark already
    runs one task per core). A document that cannot be coded is left out
    (``errors="record"``) or fails the task (``errors="raise"``).

    Returns a DataFrame with ``event_schema()``; its rows are in no
    particular order across partitions (within a partition, input order).
    """
    from pyspark.sql import functions as F

    selected = {"text": text_col, "id": id_col, "date": date_col, "title": title_col, "url": url_col}
    columns = [F.col(col).cast("string").alias(key) for key, col in selected.items() if col]
    options = dict(pipeline_options)
    options.setdefault("threads", 1)
    if options.get("dicts") is not None:
        options["dicts"] = str(options["dicts"])

    def code_partition(batches: Iterator[Any]) -> Iterator[Any]:
        import pyarrow as pa

        pipe = _pipeline(options)
        for batch in batches:
            table = pipe.code_arrow(pa.Table.from_batches([batch]), batch_size=batch_size, errors=errors)
            yield from table.to_batches()

    return df.select(*columns).mapInArrow(code_partition, event_schema())

"""`to_frame` and `Pipeline.code_arrow` give the flat columns of
`dyad code --to csv` and `--to parquet`."""

from __future__ import annotations

import csv
import io
import json

import pytest

import dyad

from conftest import run_cli

pd = pytest.importorskip("pandas")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


@pytest.fixture(scope="module")
def subset(tmp_path_factory, guardian_docs):
    """The first 30 Guardian articles as a JSONL file the CLI reads."""
    path = tmp_path_factory.mktemp("frames") / "guardian30.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for doc in guardian_docs[:30]:
            f.write(json.dumps(doc) + "\n")
    return path, guardian_docs[:30]


def test_flat_columns_match_the_csv_header(cli, subset):
    path, _ = subset
    out = run_cli(cli, str(path), "--to", "csv").stdout
    header = next(csv.reader(io.StringIO(out)))
    assert [name for name, _, _ in dyad.flat_columns()] == header


def test_to_frame_matches_the_csv_writer(pipe, cli, subset):
    path, docs = subset
    out = run_cli(cli, str(path), "--to", "csv").stdout
    expected = pd.read_csv(io.StringIO(out), dtype=str, keep_default_na=False)
    frame = dyad.to_frame(pipe.code_many(docs))
    assert list(frame.columns) == list(expected.columns)
    assert len(frame) == len(expected) > 50
    for name in ["event_id", "doc_id", "source_code", "target_code", "cameo", "source_agents",
                 "plover_event_type", "modality", "evidence_rule", "evidence_actor_rules"]:
        got = frame[name].fillna("").astype(str).tolist()
        assert got == expected[name].tolist(), name
    assert frame["sentence_span_start"].dtype == "Int64"
    assert frame["negated"].dtype == "boolean"
    assert str(frame["doc_date"].dtype).startswith("datetime64")
    spans = expected["sentence_span_start"].astype(int).tolist()
    assert frame["sentence_span_start"].tolist() == spans


def test_to_frame_of_nothing_has_the_columns():
    frame = dyad.to_frame([])
    assert len(frame) == 0 and len(frame.columns) == len(dyad.flat_columns())


def test_code_arrow_equals_the_parquet_writer(pipe, cli, subset, tmp_path):
    path, docs = subset
    parquet = tmp_path / "events.parquet"
    run_cli(cli, str(path), "--to", "parquet", "--output", str(parquet))
    expected = pq.read_table(parquet)
    table = pa.Table.from_pylist(docs)
    got = pipe.code_arrow(table)
    assert got.schema.names == expected.schema.names
    assert got.schema.equals(expected.schema, check_metadata=False)
    assert got.num_rows == expected.num_rows > 50
    assert got.equals(expected.select(got.schema.names))


def test_code_arrow_columns_and_dates(pipe):
    import datetime

    table = pa.table(
        {
            "body": ["Chad attacked Niger.", "Iran sent troops to Iraq."],
            "key": [7, 8],
            "published": [datetime.date(2019, 10, 31), None],
        }
    )
    got = pipe.code_arrow(table, text_col="body", id_col="key", date_col="published")
    rows = got.to_pylist()
    assert [r["doc_id"] for r in rows] == ["7", "8"][: len(rows)]
    assert rows[0]["doc_date"] == datetime.date(2019, 10, 31)
    with pytest.raises(KeyError, match="no text column"):
        pipe.code_arrow(table)
    with pytest.raises(KeyError, match="no column 'nope'"):
        pipe.code_arrow(table, text_col="body", id_col="nope")

"""Bad input is a clear exception or an error record, never a crash."""

from __future__ import annotations

import pytest

import dyad

GOOD = "Chad attacked Niger."


def test_non_string_text(pipe):
    with pytest.raises(TypeError):
        pipe.code(42)
    with pytest.raises(TypeError):
        pipe.code(None)
    with pytest.raises(TypeError, match="`doc_id` must be a string"):
        pipe.code(GOOD, doc_id=["x"])


def test_empty_text_names_the_document(pipe):
    with pytest.raises(dyad.DocumentError, match="empty document") as info:
        pipe.code("   \n ", doc_id="e1")
    assert info.value.doc_id == "e1"
    assert info.value.reason == "empty document"
    assert isinstance(info.value, dyad.DyadError)


def test_code_many_error_records(pipe):
    docs = [
        {"id": "ok1", "text": GOOD},
        42,
        {"id": "n", "text": None},
        {"id": "t", "text": 12},
        {"id": "e", "text": ""},
        {"id": "no-text"},
        "",
        {"id": "ok2", "text": GOOD},
    ]
    records = list(pipe.code_many(docs, errors="record"))
    errors = [r for r in records if r["schema"] == dyad.ERROR_SCHEMA]
    events = [r for r in records if r["schema"] == dyad.EVENT_SCHEMA]
    assert [e["doc_id"] for e in events] == ["ok1", "ok2"]
    assert [(r["doc_id"], r["line"]) for r in errors] == [
        (None, 2),
        ("n", 3),
        ("t", 4),
        ("e", 5),
        ("no-text", 6),
        ("doc-7", 7),
    ]
    assert "not int" in errors[0]["error"]
    assert "`text` must be a string, not int" in errors[2]["error"]
    assert errors[3]["error"] == "empty document"
    assert records[0]["doc_id"] == "ok1" and records[-1]["doc_id"] == "ok2"


def test_code_many_raises_in_order(pipe):
    docs = [{"id": "ok1", "text": GOOD}, {"id": "bad", "text": ""}, {"id": "ok2", "text": GOOD}]
    stream = pipe.code_many(docs)
    first = next(stream)
    assert first["doc_id"] == "ok1"
    with pytest.raises(dyad.DocumentError, match='"bad"') as info:
        next(stream)
    assert info.value.doc_id == "bad" and info.value.line == 2
    with pytest.raises(StopIteration):
        next(stream)


def test_iterable_that_raises(pipe):
    def docs():
        yield GOOD
        raise RuntimeError("source broke")

    stream = pipe.code_many(docs())
    assert next(stream)["doc_id"] == "doc-1"
    with pytest.raises(RuntimeError, match="source broke"):
        next(stream)


def test_not_iterable_and_bad_options(pipe):
    with pytest.raises(TypeError):
        pipe.code_many(42)
    with pytest.raises(ValueError, match="errors must be"):
        pipe.code_many([], errors="ignore")
    with pytest.raises(ValueError, match="batch_size"):
        pipe.code_many([], batch_size=0)


def test_ten_megabyte_document_over_the_limit():
    pipe = dyad.Pipeline(max_document_mb=8)
    big = "Chad attacked Niger. " * 500_000  # 10.5 MB
    with pytest.raises(dyad.DocumentError, match="over the limit of 8.0 MiB") as info:
        pipe.code(big, doc_id="big")
    assert info.value.doc_id == "big"
    records = list(pipe.code_many([{"id": "big", "text": big}, GOOD], errors="record"))
    assert records[0]["schema"] == dyad.ERROR_SCHEMA and records[0]["doc_id"] == "big"
    assert records[1]["doc_id"] == "doc-2"


def test_setup_errors():
    with pytest.raises(dyad.SetupError, match="not found"):
        dyad.Pipeline(dicts="/nonexistent/dicts")
    with pytest.raises(dyad.SetupError, match="unknown requirement"):
        dyad.Pipeline(require="both")
    with pytest.raises(dyad.SetupError, match="dict_format"):
        dyad.Pipeline(dicts=".", dict_format="xml")
    with pytest.raises(dyad.SetupError, match="max_document_mb"):
        dyad.Pipeline(max_document_mb=0)

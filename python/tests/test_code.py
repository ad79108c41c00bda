"""`Pipeline.code`, `code_many` and `parse`: results equal `dyad code`'s."""

from __future__ import annotations

import datetime

import pytest

import dyad


def test_code_one_document(pipe):
    events = pipe.code("Chad attacked Niger on Monday.", doc_id="d1", date="2019-10-31")
    assert [(e["source"]["code"], e["cameo"], e["target"]["code"]) for e in events] == [
        ("TCD", "190", "NER")
    ]
    (event,) = events
    assert event["schema"] == dyad.EVENT_SCHEMA
    assert event["event_id"] == "d1-0-0"
    assert event["doc_date"] == "2019-10-31"
    assert event["event_date"] == "2019-10-28"  # "on Monday" before the publication date
    assert event["plover"] == {"event_type": "ASSAULT", "mode": None}


def test_code_defaults_and_title(pipe):
    events = pipe.code("Chad attacked Niger.", title="Border clash")
    assert events and all(e["doc_id"] == "doc" for e in events)
    assert events[0]["doc_title"] == "Border clash"
    assert events[0]["doc_date"] is None


def test_guardian_code_many_equals_cli(pipe, guardian_docs, cli_guardian_events):
    events = list(pipe.code_many(guardian_docs))
    assert len(events) == len(cli_guardian_events) > 1000
    # same records, same order (compared one by one for a readable failure)
    for ours, theirs in zip(events, cli_guardian_events):
        assert ours == theirs
    assert events == cli_guardian_events


def test_guardian_code_equals_cli(pipe, guardian_docs, cli_guardian_events):
    docs = guardian_docs[:25]
    events = []
    for doc in docs:
        events.extend(
            pipe.code(doc["text"], doc_id=doc["id"], date=doc["date"], url=doc["url"])
        )
    ids = {d["id"] for d in docs}
    assert events == [e for e in cli_guardian_events if e["doc_id"] in ids]


def test_one_and_two_threads_agree(guardian_docs):
    docs = guardian_docs[:60]
    one = list(dyad.Pipeline(threads=1).code_many(docs, batch_size=16))
    two = list(dyad.Pipeline(threads=2).code_many(docs, batch_size=7))
    assert dyad.Pipeline(threads=2).threads == 2
    assert one == two and len(one) > 100


def test_code_many_strings_get_positional_ids(pipe):
    events = list(pipe.code_many(["Chad attacked Niger.", "Iran sent troops to Iraq."]))
    assert {e["doc_id"] for e in events} == {"doc-1", "doc-2"}
    assert [e["doc_id"] for e in events] == sorted(e["doc_id"] for e in events)


def test_code_many_renames_repeated_ids(pipe):
    docs = [{"id": "a", "text": "Chad attacked Niger."}] * 2
    with pytest.warns(dyad.DyadWarning, match="a~2"):
        events = list(pipe.code_many(docs))
    assert [e["doc_id"] for e in events] == ["a", "a~2"]


def test_parse(pipe):
    doc = pipe.parse("Iran sends general\n\nSoleimani was sent to Baghdad.", doc_id="p1")
    assert doc["schema"] == dyad.DOCUMENT_SCHEMA and doc["id"] == "p1"
    words = [t["form"] for s in doc["sentences"] for t in s["tokens"]]
    assert "Soleimani" in words and "Baghdad" in words
    heads = [t["head"] for s in doc["sentences"] for t in s["tokens"]]
    assert 0 in heads and all(isinstance(h, int) for h in heads)


def test_dates(pipe):
    text = "Chad attacked Niger."
    as_date = pipe.code(text, date=datetime.date(2019, 10, 31))
    assert as_date[0]["doc_date"] == "2019-10-31"
    assert pipe.code(text, date="31 October 2019")[0]["doc_date"] == "2019-10-31"
    with pytest.warns(dyad.DyadWarning, match="unrecognised date `not a date`"):
        events = pipe.code(text, doc_id="bad-date", date="not a date")
    assert events[0]["doc_date"] is None
    with pytest.raises(TypeError, match="`date` must be"):
        pipe.code(text, date=3.5)


def test_statements_and_min_confidence_filter_as_the_cli(guardian_docs):
    docs = guardian_docs[:30]
    default = list(dyad.Pipeline().code_many(docs))
    with_statements = list(dyad.Pipeline(statements=True).code_many(docs))
    confident = list(dyad.Pipeline(min_confidence=0.5).code_many(docs))
    ids = {e["event_id"] for e in default}
    # statements add events without a PLOVER type; the others keep their ids
    assert ids < {e["event_id"] for e in with_statements}
    assert all(
        e["plover"] is None for e in with_statements if e["event_id"] not in ids
    )
    # the confidence filter keeps a subset, every kept event at or over it
    assert confident and {e["event_id"] for e in confident} < ids
    assert all(e["confidence"] >= 0.5 for e in confident)
    with pytest.raises(dyad.SetupError, match="min_confidence"):
        dyad.Pipeline(min_confidence=1.5)

"""`dyad.spark.code_events` in Spark local mode gives the CLI's event set;
`examples/spark_code.py` writes Parquet partitioned by event month."""

from __future__ import annotations

import datetime
import json
import os
import shutil
import subprocess
import sys

import pytest

import dyad

from conftest import REPO

pyspark = pytest.importorskip("pyspark")
pytest.importorskip("pyarrow")
pytest.importorskip("pandas")

if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("no Java runtime (Spark needs Java 17)", allow_module_level=True)


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("dyad-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def plain(value):
    return value.isoformat() if isinstance(value, datetime.date) else value


def test_spark_gives_the_cli_event_set(spark, guardian_docs, cli_guardian_events):
    import dyad.spark

    df = spark.createDataFrame(guardian_docs, schema="id string, date string, text string, url string")
    df = df.repartition(4)
    events = dyad.spark.code_events(df, text_col="text", id_col="id", date_col="date", url_col="url")
    assert events.schema == dyad.spark.event_schema()
    rows = events.collect()
    names = [name for name, _, _ in dyad.flat_columns()]
    got = sorted(tuple(plain(row[name]) for name in names) for row in rows)
    expected = sorted(tuple(row) for row in dyad.flat_rows(cli_guardian_events))
    assert len(got) == len(expected) > 1000
    assert got == expected


def test_example_job_writes_months(tmp_path, guardian_docs):
    source = tmp_path / "docs.jsonl"
    with open(source, "w", encoding="utf-8") as f:
        for doc in guardian_docs[:12]:
            f.write(json.dumps(doc) + "\n")
    out = tmp_path / "events"
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    run = subprocess.run(
        [sys.executable, str(REPO / "examples" / "spark_code.py"), str(source), str(out),
         "--date-col", "date", "--url-col", "url", "--master", "local[2]"],
        capture_output=True, text=True, env=env, timeout=600,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert "12 documents coded" in run.stdout
    months = sorted(p.name for p in out.iterdir() if p.name.startswith("event_month="))
    assert months and all(len(m) == len("event_month=2019-04") for m in months), months
    import pyarrow.parquet as pq

    table = pq.read_table(out)
    assert table.num_rows > 0 and "event_id" in table.schema.names

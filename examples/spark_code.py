"""Code a corpus of news articles with dyad on Spark; write the events as
Parquet partitioned by event month.

    spark-submit examples/spark_code.py INPUT OUTPUT [--text-col text]
        [--id-col id] [--date-col date] [--title-col title] [--require source]

INPUT is a CSV (with a header), JSONL or Parquet file or folder (by its
extension, or --format); OUTPUT a folder of Parquet files, one
`event_month=YYYY-MM` folder per month (the event's date, else the
article's; `__HIVE_DEFAULT_PARTITION__` when neither is known). The
`dyad` wheel must be installed where the executors run (docs/python.md).
Locally, `python examples/spark_code.py … --master 'local[2]'` works too.

The Guardian sample, as the CLI reads it (`dyad code … --id-field ""
--url-field source`):

    python examples/spark_code.py ../shared/data/ngec/Guardian_SDF_sample.csv \\
        /tmp/guardian-events --id-col _c0 --date-col date --url-col source \\
        --master 'local[2]'
"""

from __future__ import annotations

import argparse
import time

from pyspark.sql import SparkSession
from pyspark.sql import functions as F

import dyad.spark


def read(spark: SparkSession, path: str, fmt: str | None):
    fmt = fmt or next(
        (f for ext, f in [(".csv", "csv"), (".parquet", "parquet"), (".json", "json"), (".jsonl", "json")]
         if path.rstrip("/").endswith(ext) or path.rstrip("/").endswith(ext + ".gz")),
        "parquet",
    )
    reader = spark.read
    if fmt == "csv":
        # quoted fields may hold line breaks; "" escapes a quote (RFC 4180)
        reader = reader.option("header", True).option("multiLine", True).option("escape", '"')
    return reader.format(fmt).load(path)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("input")
    p.add_argument("output")
    p.add_argument("--format", choices=["csv", "json", "parquet"])
    p.add_argument("--text-col", default="text")
    p.add_argument("--id-col", default="id")
    p.add_argument("--date-col")
    p.add_argument("--title-col")
    p.add_argument("--url-col")
    p.add_argument("--require", choices=["dyad", "source", "one"])
    p.add_argument("--dicts", help="a dictionary folder (default: the built-in dictionaries)")
    p.add_argument("--master", help="e.g. local[2]; leave out under spark-submit")
    args = p.parse_args()

    builder = SparkSession.builder.appName("dyad-code")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    docs = read(spark, args.input, args.format)
    n_docs = docs.count()
    options = {k: v for k, v in {"require": args.require, "dicts": args.dicts}.items() if v}
    events = dyad.spark.code_events(
        docs,
        text_col=args.text_col,
        id_col=args.id_col,
        date_col=args.date_col,
        title_col=args.title_col,
        url_col=args.url_col,
        **options,
    )
    month = F.date_format(F.coalesce(F.col("event_date"), F.col("doc_date")), "yyyy-MM")
    started = time.perf_counter()
    events.withColumn("event_month", month).write.mode("overwrite").partitionBy(
        "event_month"
    ).parquet(args.output)
    seconds = time.perf_counter() - started
    print(f"dyad: {n_docs} documents coded in {seconds:.1f} s ({n_docs / seconds:.1f} documents/s) -> {args.output}")
    spark.stop()


if __name__ == "__main__":
    main()

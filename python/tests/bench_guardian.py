"""Throughput on the Guardian sample: `dyad code` (the CLI), `code_many`
with 2 and 1 threads, and `dyad.spark.code_events` in Spark local[2], in
one run on one machine (best of `--rounds` for each, rounds interleaved).

    python python/tests/bench_guardian.py [--data DIR] [--bin target/release/dyad] [--rounds 2] [--no-spark]

Prints one line per runner (documents/s) and a JSON summary.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import dyad

from conftest import GUARDIAN, GUARDIAN_FLAGS, REPO, read_guardian  # noqa: E402


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--data", default=os.environ.get("DYAD_SHARED_DATA", str(REPO.parent / "shared" / "data")))
    p.add_argument("--bin", default=str(REPO / "target" / "release" / "dyad"))
    p.add_argument("--rounds", type=int, default=2)
    p.add_argument("--no-spark", action="store_true")
    args = p.parse_args()
    path = Path(args.data) / GUARDIAN
    docs = read_guardian(path)
    n = len(docs)
    best: dict[str, float] = {}

    def record(name: str, seconds: float) -> None:
        best[name] = min(best.get(name, float("inf")), seconds)

    pipes = {threads: dyad.Pipeline(threads=threads) for threads in (2, 1)}
    for _ in range(args.rounds):
        started = time.perf_counter()
        subprocess.run([args.bin, "--threads", "2", "code", str(path), *GUARDIAN_FLAGS, "--quiet"],
                       check=True, stdout=subprocess.DEVNULL)
        record("cli (2 threads)", time.perf_counter() - started)
        for threads, pipe in pipes.items():
            started = time.perf_counter()
            events = list(pipe.code_many(docs))
            record(f"code_many ({threads} thread{'s' if threads > 1 else ''})", time.perf_counter() - started)
    if not args.no_spark:
        from pyspark.sql import SparkSession

        from dyad import spark as dyad_spark

        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        started = time.perf_counter()
        spark = (SparkSession.builder.master("local[2]").appName("dyad-bench")
                 .config("spark.ui.enabled", "false").getOrCreate())
        spark.sparkContext.setLogLevel("ERROR")
        df = spark.createDataFrame(docs, schema="id string, date string, text string, url string").repartition(2).cache()
        df.count()
        best["spark session start"] = time.perf_counter() - started
        for _ in range(args.rounds):
            started = time.perf_counter()
            n_events = dyad_spark.code_events(df, date_col="date", url_col="url").count()
            record("spark local[2]", time.perf_counter() - started)
        assert n_events == len(events)
        spark.stop()
    summary = {"documents": n, "events": len(events)}
    for name, seconds in best.items():
        rate = n / seconds
        summary[name] = {"seconds": round(seconds, 2), "documents_per_s": round(rate, 1)}
        print(f"{name:22} {seconds:7.2f} s  {rate:7.1f} documents/s")
    cli = best["cli (2 threads)"]
    print(f"code_many (2 threads) / cli: {cli / best['code_many (2 threads)']:.1%}")
    print(f"code_many 2 threads / 1 thread: {best['code_many (1 thread)'] / best['code_many (2 threads)']:.2f}x")
    print(json.dumps(summary))


if __name__ == "__main__":
    main()

"""Shared fixtures: the shared data folder, the `dyad` binary, the Guardian
sample as documents and as the CLI codes it.

The shared data folder is `$DYAD_SHARED_DATA`, else `../shared/data` beside
the repository (as dyad-testkit finds it); the binary is `$DYAD_BIN`, else
`target/release/dyad`, else `target/debug/dyad` (which `cargo test` builds). Tests that need either are skipped, with the reason,
when it is absent.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
from pathlib import Path

import pytest

import dyad

REPO = Path(__file__).resolve().parents[2]
GUARDIAN = "ngec/Guardian_SDF_sample.csv"
# the CLI flags that read the Guardian sample (README "Input formats")
GUARDIAN_FLAGS = ["--id-field", "", "--url-field", "source"]


def data_dir() -> Path | None:
    env = os.environ.get("DYAD_SHARED_DATA")
    path = Path(env) if env else REPO.parent / "shared" / "data"
    return path if path.is_dir() else None


def dyad_bin() -> Path | None:
    env = os.environ.get("DYAD_BIN")
    if env:
        return Path(env) if Path(env).is_file() else None
    for profile in ["release", "debug"]:
        path = REPO / "target" / profile / "dyad"
        if path.is_file():
            return path
    return None


@pytest.fixture(scope="session")
def guardian_path() -> Path:
    data = data_dir()
    if data is None or not (data / GUARDIAN).is_file():
        pytest.skip(f"shared data absent ({GUARDIAN}; set DYAD_SHARED_DATA)")
    return data / GUARDIAN


@pytest.fixture(scope="session")
def cli() -> Path:
    path = dyad_bin()
    if path is None:
        pytest.skip("no dyad binary (build it with `cargo build --release` or set DYAD_BIN)")
    return path


def read_guardian(path: Path) -> list[dict]:
    """The Guardian rows as code_many documents, with the fields the CLI
    flags name: id from the "" column, url from `source`."""
    with open(path, newline="", encoding="utf-8") as f:
        return [
            {"id": row[""], "date": row["date"], "text": row["text"], "url": row["source"]}
            for row in csv.DictReader(f)
        ]


@pytest.fixture(scope="session")
def guardian_docs(guardian_path: Path) -> list[dict]:
    return read_guardian(guardian_path)


def run_cli(cli: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(cli), "code", *args, "--quiet"],
        check=True,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )


@pytest.fixture(scope="session")
def cli_guardian_events(cli: Path, guardian_path: Path) -> list[dict]:
    out = run_cli(cli, str(guardian_path), *GUARDIAN_FLAGS).stdout
    return [json.loads(line) for line in out.splitlines() if line]


@pytest.fixture(scope="session")
def pipe() -> dyad.Pipeline:
    return dyad.Pipeline()

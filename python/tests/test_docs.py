"""The Python examples of README.md and docs/python.md run as written."""

from __future__ import annotations

import contextlib
import io
import os
import re

import pytest

from conftest import REPO, data_dir


def python_blocks(path, after: str) -> list[str]:
    text = (REPO / path).read_text(encoding="utf-8")
    text = text[text.index(after):]
    return re.findall(r"```python\n(.*?)```", text, flags=re.S)


def run(code: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "<example>", "exec"), {"__name__": "__example__"})
    return out.getvalue()


def test_readme_example():
    code = python_blocks("README.md", "## Using dyad from Python")[0]
    expected = [line.split("# ", 1)[1] for line in code.splitlines() if line.startswith("# ")]
    printed = run(code).splitlines()
    assert printed[0] == "TCD 190 NER"
    assert printed[1:] == expected


def test_notebook_example():
    pytest.importorskip("pandas")
    data = data_dir()
    if data is None or data.resolve() != (REPO.parent / "shared" / "data").resolve():
        pytest.skip("the example reads ../shared/data beside the repository")
    (code,) = [b for b in python_blocks("docs/python.md", "## A notebook") if "per_week" in b]
    cwd = os.getcwd()
    os.chdir(REPO)
    try:
        printed = run(code)
    finally:
        os.chdir(cwd)
    assert "plover_event_type" in printed and "ACCUSE" in printed

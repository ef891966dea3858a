"""The documentation's examples are tests, so the docs cannot fall behind the code.

Every ``>>>`` session inside a fenced code block of ``README.md`` and ``docs/*.md`` is run with
:mod:`doctest` (one test per file), and the site must build with ``mkdocs build --strict``.
"""

from __future__ import annotations

import doctest
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOC_FILES = sorted([ROOT / "README.md", *(ROOT / "docs").glob("*.md")])
FENCE = re.compile(r"^\s*(```|~~~)")


def code_blocks_only(markdown: str) -> str:
    """Blank every line outside fenced code blocks, and the fence lines themselves.

    Line numbers stay those of the file, and a closing fence can never be read as part of an
    example's expected output.
    """
    lines = markdown.splitlines()
    kept: list[str] = []
    inside = False
    for line in lines:
        if FENCE.match(line):
            inside = not inside
            kept.append("")
        else:
            kept.append(line if inside else "")
    return "\n".join(kept) + "\n"


def test_code_blocks_only_drops_prose_and_fences() -> None:
    text = "Prose >>> not code\n```python\n>>> 1 + 1\n2\n```\nmore prose\n"
    assert code_blocks_only(text) == "\n\n>>> 1 + 1\n2\n\n\n"


def test_every_doc_file_is_collected() -> None:
    names = {path.relative_to(ROOT).as_posix() for path in DOC_FILES}
    assert {"README.md", "docs/index.md", "docs/cli.md", "docs/api.md"} <= names


@pytest.mark.parametrize("path", DOC_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_examples(path: Path) -> None:
    text = code_blocks_only(path.read_text(encoding="utf-8"))
    name = path.relative_to(ROOT).as_posix()
    test = doctest.DocTestParser().get_doctest(text, {}, name, str(path), 0)
    if not test.examples:
        pytest.skip(f"{name} has no >>> examples")
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    report: list[str] = []
    results = runner.run(test, out=report.append)
    assert results.failed == 0, "".join(report)


@pytest.mark.skipif(importlib.util.find_spec("mkdocs") is None, reason="mkdocs is not installed")
def test_mkdocs_build_strict(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "index.html").is_file()

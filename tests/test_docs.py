"""The documentation's examples are tests, so the docs cannot fall behind the code.

Every example in a fenced code block of ``README.md`` and ``docs/**/*.md`` is run:

- ``>>>`` sessions with :mod:`doctest` (one test per file);
- shell sessions: each line starting with ``$ `` is a command, run with bash against the real
  ``translit`` command, and the lines after it, up to the next ``$ `` line or the end of the
  block, are what it must print (standard output and standard error as a terminal shows
  them; ``...`` stands for any text, as in doctest). A command ending in ``\\`` goes on on
  the next line. Commands without a ``$ `` prompt (installation steps, scripts shown as
  they would be written to a file) are not run.

The examples of one file run in order in one fresh directory, so a command can read a file an
earlier one wrote. That directory holds the files of :data:`FIXTURES` (the input files the
examples name) and every fenced block preceded by ``<!-- file: NAME -->``, written to
``NAME``: a page can show a table file and then load it. Doctests run in that directory too.

A block preceded by ``<!-- excerpt: PATH -->`` shows part of a file of the repository (a
table): its lines must stand in that file, in that order, so the excerpt cannot go stale.

The site must also build with ``mkdocs build --strict``; tests/test_site.py opens it in a
browser.
"""

from __future__ import annotations

import doctest
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOC_FILES = sorted([ROOT / "README.md", *(ROOT / "docs").rglob("*.md")])
FENCE = re.compile(r"^(\s*)(```+|~~~+)\s*([\w+-]*)")
MARK = re.compile(r"^\s*<!--\s*(file|excerpt):\s*(\S+)\s*-->\s*$")
PROMPT = "$ "

#: Input files that examples name, present in the directory where each file's examples run.
FIXTURES: dict[str, bytes] = {
    # Uzbek in Latin letters, for `translit -r uz-latn ...`
    "notes.txt": "Oʻzbekiston Respublikasi\n".encode(),
    "letter.txt": "Hurmatli doʻstim!\n".encode(),
    # Uzbek in Cyrillic
    "maqola.txt": "Ўзбекистон Республикаси\n".encode(),
    "a.txt": "Тошкент\n".encode(),
    "b.txt": "Самарқанд\n".encode(),
    # Russian, in the Windows Cyrillic code page
    "old.txt": "Щука\n".encode("cp1251"),
    "old-windows-file.txt": "Щука\n".encode("cp1251"),
    # Russian
    "file.txt": "Щука\n".encode(),
    "big.txt": "".join(f"Строка {n}\n" for n in range(1, 1001)).encode(),
}

#: Commands whose shown output is shortened on purpose: they are run and must succeed, but
#: their output is not compared. Keep this short; prefer ``...`` in the shown output.
SHORTENED: dict[tuple[str, str], str] = {
    ("docs/cli.md", "translit -l"): "shows three schemes of the list, with the lines shortened",
}


@dataclass
class Block:
    """One fenced code block: its language, first line number and lines (unindented)."""

    language: str
    line: int
    lines: list[str]
    file: str | None = None
    excerpt: str | None = None


@dataclass
class Command:
    """One ``$`` command of a shell example and the output it must print."""

    text: str
    line: int
    want: list[str] = field(default_factory=list)


def code_blocks_only(markdown: str) -> str:
    """Blank every line outside fenced code blocks, and the fence lines themselves.

    Line numbers stay those of the file, and a closing fence can never be read as part of an
    example's expected output.
    """
    kept = [""] * len(markdown.splitlines())
    for block in fenced_blocks(markdown):
        for offset, line in enumerate(block.lines):
            kept[block.line - 1 + offset] = line
    return "\n".join(kept) + "\n"


def fenced_blocks(markdown: str) -> Iterator[Block]:
    """The fenced code blocks of a Markdown file, also those indented inside lists."""
    lines = markdown.splitlines()
    index = 0
    marks: dict[str, str] = {}
    while index < len(lines):
        mark = MARK.match(lines[index])
        if mark:
            marks[mark.group(1)] = mark.group(2)
            index += 1
            continue
        opening = FENCE.match(lines[index])
        if not opening:
            if lines[index].strip():
                marks = {}
            index += 1
            continue
        indent, fence, language = opening.groups()
        body: list[str] = []
        index += 1
        start = index + 1
        while index < len(lines):
            closing = FENCE.match(lines[index])
            if (
                closing
                and closing.group(2).startswith(fence[0] * len(fence))
                and not closing.group(3)
            ):
                break
            line = lines[index]
            body.append(line[len(indent) :] if line.startswith(indent) else line.lstrip())
            index += 1
        index += 1
        yield Block(language, start, body, marks.get("file"), marks.get("excerpt"))
        marks = {}


def shell_commands(block: Block) -> list[Command]:
    """The ``$`` commands of a block, each with the lines it must print."""
    commands: list[Command] = []
    continued = False
    for offset, line in enumerate(block.lines):
        if continued:
            commands[-1].text += "\n" + line
            continued = line.endswith("\\")
        elif line.startswith(PROMPT):
            commands.append(Command(line[len(PROMPT) :], block.line + offset))
            continued = line.endswith("\\")
        elif commands:
            commands[-1].want.append(line)
    for command in commands:
        while command.want and not command.want[-1].strip():
            command.want.pop()
    return commands


def test_code_blocks_only_drops_prose_and_fences() -> None:
    text = "Prose >>> not code\n```python\n>>> 1 + 1\n2\n```\nmore prose\n"
    assert code_blocks_only(text) == "\n\n>>> 1 + 1\n2\n\n\n"


def test_fenced_blocks_read_indented_blocks_and_file_marks() -> None:
    text = (
        "<!-- file: t.toml -->\n```toml\nformat = 1\n```\n\n"
        "- item\n\n    ```text\n    $ translit -V\n    translit ...\n    ```\n"
    )
    blocks = list(fenced_blocks(text))
    assert [(b.language, b.file, b.lines) for b in blocks] == [
        ("toml", "t.toml", ["format = 1"]),
        ("text", None, ["$ translit -V", "translit ..."]),
    ]
    assert [(c.text, c.want) for c in shell_commands(blocks[1])] == [
        ("translit -V", ["translit ..."])
    ]


def test_shell_commands_join_continued_lines() -> None:
    block = Block("sh", 1, ["$ echo a \\", "  b", "a b", "$ true", ""])
    assert [(c.text, c.want) for c in shell_commands(block)] == [
        ("echo a \\\n  b", ["a b"]),
        ("true", []),
    ]


def test_every_doc_file_is_collected() -> None:
    names = {path.relative_to(ROOT).as_posix() for path in DOC_FILES}
    assert {"README.md", "docs/index.md", "docs/cli.md", "docs/api.md"} <= names


def example_directory(path: Path, tmp_path: Path) -> Path:
    """A fresh directory with the fixtures and the files the page itself shows."""
    for name, content in FIXTURES.items():
        (tmp_path / name).write_bytes(content)
    for block in fenced_blocks(path.read_text(encoding="utf-8")):
        if block.file:
            (tmp_path / block.file).write_text("\n".join(block.lines) + "\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("path", DOC_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_examples(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = code_blocks_only(path.read_text(encoding="utf-8"))
    name = path.relative_to(ROOT).as_posix()
    test = doctest.DocTestParser().get_doctest(text, {}, name, str(path), 0)
    if not test.examples:
        pytest.skip(f"{name} has no >>> examples")
    monkeypatch.chdir(example_directory(path, tmp_path))
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    report: list[str] = []
    results = runner.run(test, out=report.append)
    assert results.failed == 0, "".join(report)


def translit_command(bin_dir: Path) -> Path:
    """The directory holding the ``translit`` command of this Python, made if need be."""
    installed = Path(sys.executable).parent / "translit"
    if installed.is_file():
        return installed.parent
    shim = bin_dir / "translit"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m translit "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    return bin_dir


def shell_environment(tmp_path: Path) -> dict[str, str]:
    bin_dir = tmp_path / ".bin"
    bin_dir.mkdir()
    env = {key: value for key, value in os.environ.items() if not key.startswith("TRANSLIT")}
    path = [str(translit_command(bin_dir)), env.get("PATH", "/usr/bin:/bin")]
    env.update(PATH=os.pathsep.join(path), LC_ALL="C.UTF-8", HOME=str(tmp_path), COLUMNS="100")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


SHELL_FILES = [
    path for path in DOC_FILES
    if any(shell_commands(b) for b in fenced_blocks(path.read_text(encoding="utf-8")))
]  # fmt: skip


EXCERPT_FILES = [
    path for path in DOC_FILES
    if any(b.excerpt for b in fenced_blocks(path.read_text(encoding="utf-8")))
]  # fmt: skip


@pytest.mark.parametrize("path", EXCERPT_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_excerpts(path: Path) -> None:
    """Each excerpt of a repository file is a run of that file's lines."""
    name = path.relative_to(ROOT).as_posix()
    for block in fenced_blocks(path.read_text(encoding="utf-8")):
        if block.excerpt:
            source = (ROOT / block.excerpt).read_text(encoding="utf-8")
            assert "\n".join(block.lines) in source, (
                f"{name}:{block.line}: the excerpt is no longer in {block.excerpt}"
            )


@pytest.mark.skipif(shutil.which("bash") is None, reason="the shell examples need bash")
@pytest.mark.parametrize("path", SHELL_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_shell_examples(path: Path, tmp_path: Path) -> None:
    """Each ``$`` command prints what the page shows; ``echo $?`` sees the previous status."""
    name = path.relative_to(ROOT).as_posix()
    (tmp_path / "work").mkdir()
    work = example_directory(path, tmp_path / "work")
    env = shell_environment(tmp_path)
    checker = doctest.OutputChecker()
    failures: list[str] = []
    status = 0
    for block in fenced_blocks(path.read_text(encoding="utf-8")):
        for command in shell_commands(block):
            script = f"(exit {status})\n{command.text}\n"
            result = subprocess.run(
                ["bash", "-c", script], cwd=work, env=env, stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=60, check=False,
            )  # fmt: skip
            status = result.returncode
            if (name, command.text) in SHORTENED:
                if status != 0:
                    failures.append(f"{name}:{command.line}: $ {command.text}: exit {status}")
                continue
            got = "\n".join(line.rstrip() for line in result.stdout.decode().splitlines())
            want = "\n".join(line.rstrip() for line in command.want)
            if not checker.check_output(want + "\n", got + "\n", doctest.ELLIPSIS):
                failures.append(
                    f"{name}:{command.line}: $ {command.text}\n"
                    f"--- the page shows:\n{want}\n--- the command printed:\n{got}\n"
                )
    assert not failures, "\n".join(failures)


SITE_TOOLS = ["mkdocs", "material", "mkdocstrings_handlers.python"]
MISSING_SITE_TOOLS = [
    name for name in SITE_TOOLS if importlib.util.find_spec(name.split(".")[0]) is None
]


@pytest.mark.skipif(
    bool(MISSING_SITE_TOOLS),
    reason=f"the site needs the docs extra (pip install -e '.[docs]'): no {MISSING_SITE_TOOLS}",
)
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

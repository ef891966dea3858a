"""Shared helpers of the lexicon build scripts in this folder (not part of translit).

The scripts ``uz_lexicon.py`` and ``kk_lexicon.py`` import this module; see their
docstrings for how to run them. Nothing here is needed at run time.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TABLES = REPO / "tables"
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import translit  # noqa: E402  (the checkout's translit, found through REPO)
from translit.transliterator import Transliterator  # noqa: E402

KIND_ORDER = {"word": 0, "stem": 1, "word>": 2, "stem>": 3, "word<": 4, "stem<": 5}


def read_hunspell_words(path: Path) -> list[str]:
    """The words of a hunspell ``.dic`` file: the first line (a count) and affix flags dropped."""
    lines = path.read_text(encoding="utf-8").lstrip("\ufeff").splitlines()
    words = []
    for line in lines[1:]:
        word = line.split("/", 1)[0].strip()
        if word:
            words.append(word)
    return words


def rules_only(scheme: str) -> Transliterator:
    """The scheme's table without its lexicon: what its rules alone produce.

    The table (and every table in ``tables/`` it may extend) is copied to a temporary
    folder with any ``lexicon = ...`` line removed, and loaded from there.
    """
    folder = Path(tempfile.mkdtemp(prefix="lexbuild-"))
    for path in TABLES.glob("*.toml"):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"(?m)^lexicon\s*=.*$", "", text)
        (folder / path.name).write_text(text, encoding="utf-8")
    try:
        return translit.load(folder / f"{scheme}.toml")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@dataclass(frozen=True, order=True)
class Entry:
    """One lexicon line: kind, source-script form, target-script form, note."""

    source: str
    kind: str
    target: str
    note: str = ""

    def line(self) -> str:
        fields = [self.kind, self.source, self.target] + ([self.note] if self.note else [])
        return "\t".join(fields)


def sort_key(entry: Entry) -> tuple[str, int, str]:
    return (entry.source, KIND_ORDER[entry.kind], entry.target)


def check_unique(entries: Iterable[Entry]) -> None:
    """Fail on two entries that give one form two outputs in one direction."""
    seen: dict[tuple[str, str, str], str] = {}
    for entry in entries:
        for direction in ("forward", "reverse"):
            if direction == "forward" and entry.kind.endswith("<"):
                continue
            if direction == "reverse" and entry.kind.endswith(">"):
                continue
            family = entry.kind.rstrip("<>")
            key, out = (
                (entry.source, entry.target)
                if direction == "forward"
                else (entry.target, entry.source)
            )
            old = seen.setdefault((direction, family, key), out)
            if old != out:
                raise SystemExit(f"conflict: {direction} {family} {key!r}: {old!r} and {out!r}")


def write_lexicon(path: Path, header: str, entries: Iterable[Entry]) -> int:
    """Write the header (each line a comment) and the entries, sorted; return the count."""
    entries = sorted(set(entries), key=sort_key)
    check_unique(entries)
    lines = [f"# {line}".rstrip() for line in header.strip("\n").splitlines()]
    lines += [entry.line() for entry in entries]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(entries)

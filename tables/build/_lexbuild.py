"""Shared helpers of the lexicon build scripts in this folder (not part of translit).

The scripts ``uz_lexicon.py`` and ``kk_lexicon.py`` import this module; see their
docstrings for how to run them. Nothing here is needed at run time.
"""

from __future__ import annotations

import bisect
import os
import re
import shutil
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TABLES = REPO / "tables"
# The translit to build with: the checkout's own, or another copy of its source (a folder
# holding the translit package) named by LEXBUILD_TRANSLIT, e.g. an export of the last commit.
_SOURCE = os.environ.get("LEXBUILD_TRANSLIT") or str(REPO)
if _SOURCE not in sys.path:
    sys.path.insert(0, _SOURCE)

import translit  # noqa: E402  (the checkout's translit, found through REPO)
from translit.transliterator import Transliterator  # noqa: E402

PROPER = {"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"}
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


class WordCheck:
    """Words of a language's own word list by their Latin form, to find clashes."""

    def __init__(self, words: list[str], forward) -> None:
        by_latin: dict[str, set[str]] = defaultdict(set)
        for word in words:
            lower = word.lower()
            by_latin[forward(lower)].add(lower)
        self.by_latin = by_latin
        self.keys = sorted(by_latin)

    def clashes(self, latin: str, cyrillic: str, stem: bool) -> list[str]:
        """Words of the list the entry would turn into something else."""
        # Strict: where the list spells a loan otherwise (алпинист, Белгия without ь), the
        # candidate is left out too, and the rules give the list's spelling.
        if not stem:
            return [w for w in self.by_latin.get(latin, ()) if w != cyrillic]
        bad = []
        start = bisect.bisect_left(self.keys, latin)
        for key in self.keys[start:]:
            if not key.startswith(latin):
                break
            bad += [w for w in self.by_latin[key] if not w.startswith(cyrillic)]
        return bad


def drop_covered(entries: set[Entry], reverse) -> set[Entry]:
    """Leave out reverse stems that a shorter stem of the list already gives (фильмотека
    after фильм): the engine uses the longest stem and converts the rest by the rules."""
    stems = {e.target: e.source for e in entries if e.kind in ("stem", "stem<")}
    kept = set()
    for entry in entries:
        if entry.kind != "stem<":
            kept.add(entry)
            continue
        latin = entry.target
        shorter = next(
            (latin[:n] for n in range(len(latin) - 1, 0, -1) if latin[:n] in stems), None
        )
        if shorter is not None:
            whole, head = reverse(latin), reverse(shorter)
            if whole.startswith(head) and stems[shorter] + whole[len(head) :] == entry.source:
                continue
        kept.add(entry)
    return kept


def russian_candidates(
    ru_dic: Path, skip_letters: set[str], skip_endings: tuple[str, ...]
) -> dict[str, str]:
    """Russian nouns of the hunspell list (lower case) → "noun" or "proper" (names, places,
    organisations, by pymorphy3's tags); adjectives in -альный,
    -ельный, -ильный cut to their -ал/-ел/-ил stem → "adjective" (социальный → социал).
    Words with a letter of ``skip_letters`` or an ending of ``skip_endings`` are left out."""
    import pymorphy3

    morph = pymorphy3.MorphAnalyzer()
    found: dict[str, str] = {}
    for raw in read_hunspell_words(ru_dic):
        word = raw.lower()
        if not re.fullmatch("[а-яё]+", word) or word.endswith(skip_endings) or len(word) < 3:
            continue
        kinds = set()
        for parse in morph.parse(word):
            tag = parse.tag
            if parse.normal_form != word or {"Abbr", "Init"} & set(tag.grammemes):
                continue
            if tag.POS == "NOUN" and "nomn" in tag and ("sing" in tag or "Pltm" in tag):
                kinds.add("proper" if PROPER & set(tag.grammemes) else "noun")
            if tag.POS == "ADJF" and re.search("[аеи]льный$", word) and len(word) >= 9:
                kinds.add("adjective")
        if "proper" in kinds:
            found[word] = "proper"
        elif "noun" in kinds:
            found[word] = "noun"
        elif "adjective" in kinds:
            found.setdefault(word[: -len("ьный")], "adjective")
    return {word: what for word, what in found.items() if not set(skip_letters) & set(word)}

"""Read a lexicon: the word list a table names for what its rules cannot decide.

A lexicon is a UTF-8 file next to its table (``tables/uz-latn.lexicon.tsv``),
named in the table's ``[meta]`` as ``lexicon``. Each line holds a kind, the
source-script form and the target-script form, separated by tabs, and an
optional note; ``#`` starts a comment line. Kinds: ``word`` (a whole word) and
``stem`` (a word beginning; the rest of the word follows the rules), both ways;
with ``>`` forward only, with ``<`` reverse only. The format is described in
``docs/tables.md``. A lexicon is read when a direction is first compiled, so
importing translit and listing schemes never pay for it.

A lexicon holds thousands of lines, so it is checked with one regular
expression over the whole file, and a line is looked at by itself only to say
what is wrong with it.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import NamedTuple

import regex
import unicodedata2

from translit.errors import TableError
from translit.table import cache

KINDS = ("word", "stem", "word>", "stem>", "word<", "stem<")

#: A form: lower-case letters and marks, with hyphens and apostrophes inside.
_FORM = r"[\p{Ll}\p{Lm}\p{Lo}\p{M}][\p{Ll}\p{Lm}\p{Lo}\p{M}'-]*"
_ENTRY = rf"^(word|stem)([<>]?)\t({_FORM})\t({_FORM})(?:\t[^\n]*)?$"
#: A line that is neither blank, a comment nor a well-formed entry.
_BAD_LINE = rf"^(?!#|[ \t]*$)(?!(?:word|stem)[<>]?\t{_FORM}\t{_FORM}(?:\t[^\n]*)?$).*$"


class Lexicon(NamedTuple):
    """One direction's entries: whole words and word beginnings, each with its output
    and the line it stands on.

    >>> Lexicon("uz-latn.lexicon.tsv", {}, {"albom": ("альбом", 12)}).origin(12)
    'uz-latn.lexicon.tsv:12'
    """

    name: str
    words: dict[str, tuple[str, int]]
    stems: dict[str, tuple[str, int]]

    def origin(self, line: int) -> str:
        """How ``explain`` names the entry on ``line``: ``uz-latn.lexicon.tsv:120``."""
        return f"{self.name}:{line}"


_parsed: dict[tuple[str, int, int, bool], Lexicon] = {}
_lock = threading.Lock()


def read_lexicon(path: str | Path, *, reverse: bool) -> Lexicon:
    """The entries of the lexicon at ``path`` for one direction.

    >>> import tempfile, os
    >>> folder = tempfile.mkdtemp()
    >>> file = os.path.join(folder, "xx.lexicon.tsv")
    >>> _ = open(file, "w", encoding="utf-8").write("# test\\nstem\\tфильм\\tfilm\\n")
    >>> read_lexicon(file, reverse=True).stems["film"]
    ('фильм', 2)
    """
    path = Path(path)
    try:
        status = path.stat()
    except OSError as err:
        raise TableError(str(path), "", f"cannot be read: {err.strerror}") from None
    key = (str(path), status.st_mtime_ns, status.st_size, reverse)
    with _lock:
        found = _parsed.get(key)
        if found is None:
            found = _parsed[key] = _parse(path, reverse=reverse)
    return found


def _parse(path: Path, *, reverse: bool) -> Lexicon:
    """One direction of a lexicon file, checked; from the cache when it has it.

    Each direction is kept apart: most lexicons serve one direction, and the other
    need not read the thousands of entries it does not use.
    """
    try:
        data = path.read_bytes()
    except OSError as err:
        raise TableError(str(path), "", f"cannot be read: {err.strerror}") from None
    kept = [cache.entry(f"{path.name}.{way}", data) for way in ("forward", "reverse")]
    wanted = kept[reverse]
    found = cache.read(wanted) if wanted is not None else None
    if isinstance(found, tuple) and len(found) == 2:
        return Lexicon(path.name, *found)
    both = _check_and_read(path, data)
    for place, lexicon in zip(kept, both, strict=True):
        if place is not None:
            cache.store(place, (lexicon.words, lexicon.stems))
    return both[reverse]


def _check_and_read(path: Path, data: bytes) -> tuple[Lexicon, Lexicon]:
    """Both directions of a lexicon file's content, checked."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise TableError(str(path), "", f"not UTF-8 at byte {err.start}") from None
    # Compiled here, not on import: a lexicon kept in the cache is never parsed.
    bad = regex.search(_BAD_LINE, text, regex.MULTILINE)
    if bad is not None:
        _explain_bad_line(path, text.count("\n", 0, bad.start()) + 1, bad.group())
    if unicodedata2.normalize("NFC", text) != text:
        for number, written in enumerate(text.splitlines(), start=1):
            if unicodedata2.normalize("NFC", written) != written:
                raise TableError(str(path), "", "must be in Unicode NFC (compose it)", number)
    forward = Lexicon(path.name, {}, {})
    reverse = Lexicon(path.name, {}, {})
    line, counted_to = 1, 0
    for match in regex.finditer(_ENTRY, text, regex.MULTILINE):
        line += text.count("\n", counted_to, match.start())
        counted_to = match.start()
        kind, way, source, target = match.group(1, 2, 3, 4)
        if way != "<":
            _add(path, forward, kind, source, target, line)
        if way != ">":
            _add(path, reverse, kind, target, source, line)
    return forward, reverse


def _add(path: Path, lexicon: Lexicon, kind: str, source: str, target: str, line: int) -> None:
    found = lexicon.words if kind == "word" else lexicon.stems
    known = found.setdefault(source, (target, line))
    if known[0] != target:
        raise TableError(
            str(path), kind, f"{source!r} is already {known[0]!r} at line {known[1]}", line
        )


def _explain_bad_line(path: Path, number: int, line: str) -> None:
    """Raise the TableError that says what is wrong with a malformed line."""
    fields = line.split("\t")
    if len(fields) not in (3, 4):
        raise TableError(
            str(path), "", "a line is: kind, source, target and an optional note, "
            "separated by tabs", line=number,
        )  # fmt: skip
    kind, source, target = fields[:3]
    if kind not in KINDS:
        raise TableError(str(path), kind, f"unknown kind (one of {', '.join(KINDS)})", number)
    for form in (source, target):
        if not form or form.lower() != form:
            raise TableError(str(path), kind, f"{form!r} must be lower case and not empty", number)
    raise TableError(
        str(path), kind, f"{source!r} or {target!r} holds a character no word has", number
    )

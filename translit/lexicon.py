"""Read a lexicon: the word list a table names for what its rules cannot decide.

A lexicon is a UTF-8 file next to its table (``tables/uz-latn.lexicon.tsv``),
named in the table's ``[meta]`` as ``lexicon``. Each line holds a kind, the
source-script form and the target-script form, separated by tabs, and an
optional note; ``#`` starts a comment line. Kinds: ``word`` (a whole word) and
``stem`` (a word beginning; the rest of the word follows the rules), both ways;
with ``>`` forward only, with ``<`` reverse only. The format is described in
``docs/tables.md``. A lexicon is read when a direction is first compiled, so
importing translit and listing schemes never pay for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import unicodedata2

from translit.errors import TableError
from translit.model import Rule

KINDS = ("word", "stem", "word>", "stem>", "word<", "stem<")


@dataclass(frozen=True)
class Lexicon:
    """One direction's entries: whole words and word beginnings, each a rule naming its line.

    >>> Lexicon().words
    {}
    """

    words: dict[str, Rule] = field(default_factory=dict)
    stems: dict[str, Rule] = field(default_factory=dict)


def read_lexicon(path: str | Path, *, reverse: bool) -> Lexicon:
    """The entries of the lexicon at ``path`` for one direction.

    >>> import tempfile, os
    >>> folder = tempfile.mkdtemp()
    >>> file = os.path.join(folder, "xx.lexicon.tsv")
    >>> _ = open(file, "w", encoding="utf-8").write("# test\\nstem\\tфильм\\tfilm\\n")
    >>> read_lexicon(file, reverse=True).stems["film"].output
    'фильм'
    """
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as err:
        raise TableError(str(path), "", f"cannot be read: {err.strerror}") from None
    except UnicodeDecodeError as err:
        raise TableError(str(path), "", f"not UTF-8 at byte {err.start}") from None
    lexicon = Lexicon()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        entry = _read_line(path, number, line)
        if entry is None:
            continue
        kind, source, target = entry
        if kind.endswith(">" if reverse else "<"):
            continue
        if reverse:
            source, target = target, source
        found = lexicon.words if kind.startswith("word") else lexicon.stems
        rule = Rule(source, target, origin=f"{path.name}:{number}")
        known = found.get(source)
        if known is not None and known.output != target:
            raise TableError(
                str(path), kind, f"{source!r} is already {known.output!r} at line "
                f"{known.origin.rsplit(':', 1)[1]}", line=number,
            )  # fmt: skip
        found[source] = rule
    return lexicon


def _read_line(path: Path, number: int, line: str) -> tuple[str, str, str] | None:
    fields = line.split("\t")
    if len(fields) not in (3, 4):
        raise TableError(
            str(path), "", "a line is: kind, source, target and an optional note, "
            "separated by tabs", line=number,
        )  # fmt: skip
    kind, source, target = fields[:3]
    if kind not in KINDS:
        raise TableError(str(path), kind, f"unknown kind (one of {', '.join(KINDS)})", number)
    for text in (source, target):
        if not text or unicodedata2.normalize("NFC", text) != text or text.lower() != text:
            raise TableError(
                str(path), kind, f"{text!r} must be lower case, NFC and not empty", number
            )
        if any(unicodedata2.category(char)[0] not in "LM" and char not in "-'" for char in text):
            raise TableError(str(path), kind, f"{text!r} holds a character no word has", number)
    return kind, source, target

"""Cyrillic and Latin letters that look alike, and the letters of each language's alphabets.

The pairs come from Unicode's security data (UTS #39 ``confusables.txt`` and
``intentional.txt``), reduced to letters of translit's alphabets by
``tables/build/confusables.py`` into ``tables/data/confusables-cyrl-latn.tsv``.
The alphabets come from the tables: a language's Cyrillic alphabet is what its
Cyrillic tables read, its Latin alphabet what a Latin table writes.

>>> best_lookalike("A", "Cyrl", alphabet("ru", "Cyrl"))
'А'
>>> best_lookalike("y", "Cyrl", alphabet("kk", "Cyrl"))  # у, not ү: y ~ у is intentional
'у'
>>> best_lookalike("Y", "Cyrl", alphabet("kk", "Cyrl")) is None  # У or Ү: no clear choice
True
"""

from __future__ import annotations

import functools
import string

import regex

__all__ = ["RANK", "alphabet", "best_lookalike", "lookalikes", "script_of"]

#: How strong each kind of evidence is (lower is stronger).
RANK = {"intentional": 0, "confusable": 1, "mark-below": 2}

_CYRILLIC = regex.compile(r"\p{Script=Cyrillic}")
_LATIN = regex.compile(r"\p{Script=Latin}")


def script_of(char: str) -> str:
    """``Cyrl``, ``Latn`` or ``""`` for a character.

    >>> script_of("ж"), script_of("ş"), script_of("ʻ")
    ('Cyrl', 'Latn', '')
    """
    if _CYRILLIC.match(char):
        return "Cyrl"
    if _LATIN.match(char):
        return "Latn"
    return ""


@functools.cache
def _pairs() -> dict[str, tuple[tuple[str, int], ...]]:
    from translit.registry import tables_dir

    path = tables_dir() / "data" / "confusables-cyrl-latn.tsv"
    found: dict[str, list[tuple[str, int]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        letter, lookalike, kind = line.split("\t")
        found.setdefault(letter, []).append((lookalike, RANK[kind]))
    return {
        letter: tuple(sorted(items, key=lambda item: item[1])) for letter, items in found.items()
    }


def lookalikes(char: str) -> tuple[tuple[str, int], ...]:
    """The letters ``char`` looks like, each with its rank, strongest first.

    >>> lookalikes("ə")
    (('ә', 0),)
    """
    return _pairs().get(char, ())


def best_lookalike(char: str, script: str, letters: frozenset[str]) -> str | None:
    """The one letter of ``letters`` in ``script`` that ``char`` looks most like, or ``None``
    when there is none or two are equally good."""
    best: list[str] = []
    best_rank = len(RANK)
    for lookalike, rank in lookalikes(char):
        if lookalike not in letters or script_of(lookalike) != script:
            continue
        if rank < best_rank:
            best, best_rank = [lookalike], rank
        elif rank == best_rank:
            best.append(lookalike)
    return best[0] if len(best) == 1 else None


def suspects() -> str:
    """Every letter that has a look-alike in some alphabet (a regex class body)."""
    from translit.table.notation import class_body

    return class_body(sorted(_pairs()))


@functools.cache
def alphabet(language: str, script: str, scheme: str | None = None) -> frozenset[str]:
    """The letters (both cases) of a language in a script.

    Cyrillic: the letters every one of the language's Cyrillic tables reads (so
    not the historical ѣ ѳ ѵ that ISO 9 also covers). Latin: the basic
    Latin letters and, when ``scheme`` names a Latin scheme, the letters it writes.
    For ``und`` the Russian alphabet and the basic Latin letters.

    >>> "ә" in alphabet("kk", "Cyrl"), "ә" in alphabet("ru", "Cyrl")
    (True, False)
    >>> "ş" in alphabet("uz", "Latn", "uz-latn-2026"), "ş" in alphabet("uz", "Latn")
    (True, False)
    """
    from translit.registry import get, schemes

    letters: set[str] = set()
    if script == "Latn":
        letters |= set(string.ascii_letters)
        if scheme is not None:
            table = get(scheme).table
            letters |= _cased(table.target_alphabet, table.upper_case)
        return frozenset(letters)
    wanted = "ru" if language == "und" else language
    found: set[str] | None = None
    for info in schemes():
        if info.language == wanted and info.source_script == "Cyrl":
            table = get(info.id).table
            cased = _cased(table.source_alphabet, table.upper_case)
            found = cased if found is None else found & cased
    return frozenset(found or ())


def _cased(letters: str, upper_case: dict[str, str]) -> set[str]:
    found = set()
    for char in letters:
        if not char.isalpha():
            continue
        found.add(char)
        upper = upper_case.get(char, char.upper())
        if len(upper) == 1:
            found.add(upper)
    return found

"""Find the letters a scheme leaves as they are.

A scheme converts the letters its table names and lets everything else pass
through: digits, punctuation, and also letters of its own source script that
the table does not cover, such as Kazakh ``ү`` in text given to the Uzbek
scheme. Those letters usually mean the wrong scheme was chosen, or the text
is in another language; :func:`unmapped` finds them.

>>> from translit.unmapped import unmapped
>>> unmapped("Түркия", "uz-latn")
[Unmapped(char='ү', offset=1, line=1, column=2)]

A letter counts as covered when it appears in a key of the direction's
letter map, in a rule's match (stems included), in an exception word, or in a
normalize rule's match; a letter that only appears as part of a longer key
(``c`` in ``ch``) therefore counts as covered even where it stands alone.
Only letters of the direction's source script are looked at (for a ``Cyrl``
source, Cyrillic letters), so Latin words inside Cyrillic text, digits and
punctuation are never reported.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import regex

    from translit.table.model import Direction, Rule, Table

__all__ = ["Unmapped", "UnmappedFinder", "finder", "unmapped"]


@dataclass(frozen=True)
class Unmapped:
    """One letter a scheme left as it was, and where it stands.

    ``offset`` is its index in the text (0-based, in code points); ``line``
    and ``column`` are 1-based, lines ending at ``\\n`` and columns counted
    in code points.

    >>> Unmapped("ү", offset=1, line=1, column=2).char
    'ү'
    """

    char: str
    offset: int
    line: int
    column: int


class UnmappedFinder:
    """Finds the uncovered letters of one direction of one table; build it with :func:`finder`.

    >>> find = finder("ru-iso-9")
    >>> [(u.char, u.line, u.column) for u in find("мир\\nӘлем")]
    [('Ә', 2, 1)]
    """

    def __init__(self, table: Table, *, reverse: bool = False) -> None:
        import regex

        from translit.engine.casing import Casing

        direction = table.reverse if reverse else table.forward
        if direction is None:
            from translit.errors import NoReverseError

            raise NoReverseError(table.id)
        self.scheme = table.id
        self.script = table.target_script if reverse else table.source_script
        self._casing = Casing(table.upper_case)
        self._covered = frozenset(_covered_letters(direction, table.classes))
        # Exclude the covered letters and their capitals in the regex itself, so
        # that ordinary text yields no candidate at all; the few left are checked
        # with the table's own lower case.
        excluded = set(self._covered)
        excluded |= {self._casing.upper(c) for c in self._covered}
        excluded = {c for c in excluded if len(c) == 1}
        body = "".join(regex.escape(c) for c in sorted(excluded))
        letters = _script_letters(self.script)
        pattern = f"(?V1)[{letters}--[{body}]]" if body else f"(?V1)[{letters}]"
        self._candidates: regex.Pattern[str] = regex.compile(pattern)

    def __call__(self, text: str) -> list[Unmapped]:
        """The uncovered letters of ``text``, in order."""
        import unicodedata2

        found: list[Unmapped] = []
        line, line_start, counted_to = 1, 0, 0
        for match in self._candidates.finditer(text):
            char = match.group()
            if self._is_covered(char) or self._is_covered(unicodedata2.normalize("NFC", char)):
                continue
            offset = match.start()
            newlines = text.count("\n", counted_to, offset)
            if newlines:
                line += newlines
                line_start = text.rfind("\n", counted_to, offset) + 1
            counted_to = offset
            found.append(Unmapped(char, offset, line, offset - line_start + 1))
        return found

    def _is_covered(self, char: str) -> bool:
        return self._casing.lower(char) in self._covered or char in self._covered


@functools.lru_cache(maxsize=64)
def finder(scheme: str, *, reverse: bool = False) -> UnmappedFinder:
    """The (cached) finder of uncovered letters for a scheme id or alias and direction.

    Raises :class:`translit.UnknownSchemeError` for an unknown scheme and
    :class:`translit.NoReverseError` when ``reverse`` is asked of a scheme
    without a reverse direction.

    >>> finder("uz-latn", reverse=True).script
    'Latn'
    """
    from translit.registry import get

    return UnmappedFinder(get(scheme).table, reverse=reverse)


def unmapped(text: str, scheme: str, *, reverse: bool = False) -> list[Unmapped]:
    """The letters of ``text`` in the scheme's source script that the scheme leaves as they are.

    ``reverse=True`` checks the reverse direction, whose source script is the
    scheme's target script.

    >>> unmapped("Түркия", "uz-latn")
    [Unmapped(char='ү', offset=1, line=1, column=2)]
    >>> [(u.char, u.line, u.column) for u in unmapped("Ўзбек\\nҰлы Қазақ", "uz-latn")]
    [('Ұ', 2, 1)]
    >>> unmapped("Xush kelibsiz!", "uz-latn", reverse=True)
    []
    """
    return finder(scheme, reverse=reverse)(text)


# ---------------------------------------------------------------- helpers


def _script_letters(script: str) -> str:
    """A regex class body for the letters of an ISO 15924 script (any letter if unknown)."""
    import regex

    body = rf"\p{{Script={script}}}&&\p{{L}}"
    try:
        regex.compile(f"(?V1)[{body}]")
    except regex.error:
        return r"\p{L}"
    return body


def _covered_letters(direction: Direction, classes: dict[str, tuple[str, ...]]) -> set[str]:
    """Every character that some key, rule match or exception of ``direction`` consumes."""
    covered: set[str] = set()
    for key in (*direction.letter_map, *direction.exceptions):
        covered.update(key)
    # Stems are rules at a word start; tables that keep them apart from the rules
    # hold them in ``stems``.
    stems: tuple[Rule, ...] = getattr(direction, "stems", ())
    for rule in (*direction.rules, *stems, *direction.normalize):
        covered.update(_match_letters(rule, classes))
    return covered


def _match_letters(rule: Rule, classes: dict[str, tuple[str, ...]]) -> set[str]:
    """The characters a rule's match can consume (``{letter}`` is not counted)."""
    from translit.table import notation

    letters: set[str] = set()
    for item in notation.parse(rule.match):
        if isinstance(item, notation.Letter):
            letters.update(item.text)
        elif isinstance(item, notation.ClassRef) and item.name in classes:
            for member in classes[item.name]:
                letters.update(member)
    return letters

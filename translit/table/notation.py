"""The small notation tables use for rule matches and contexts.

A pattern is a sequence of items:

- a letter stands for itself (compared in lower case);
- ``{name}`` stands for any member of the class ``name`` from ``[classes]``,
  or of the built-in class ``{letter}`` (any Unicode letter);
- ``#`` is a word edge: allowed only at the outer end of a context, that is
  first in ``before`` and last in ``after``;
- ``\\`` makes the next character literal (``\\#``, ``\\{``).

>>> parse("#анти")
[Edge(), Letter(text='а'), Letter(text='н'), Letter(text='т'), Letter(text='и')]
>>> to_regex(parse("{v}ъ"), {"v": ("а", "о")})
'[ао]ъ'
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

import regex

BUILTIN_CLASSES = {"letter": r"\p{L}"}

#: How many ignorable characters (stress marks, soft hyphens) a context looks
#: through between two of its items. A bound keeps matching linear in the input:
#: an unbounded skip rescans a long run of marks from every position in it.
MAX_SKIP = 8


class Letter(NamedTuple):
    """A literal letter (or any literal character)."""

    text: str


class ClassRef(NamedTuple):
    """A reference to a named class of letters."""

    name: str


class Edge(NamedTuple):
    """A word edge: the start of a word in ``before``, its end in ``after``."""


Item = Letter | ClassRef | Edge


class NotationError(ValueError):
    """A pattern that does not parse; the loader adds file, line and key."""


def parse(pattern: str) -> list[Item]:
    """Split a pattern into its items.

    >>> parse("{vowel}")
    [ClassRef(name='vowel')]
    >>> parse("x\\\\#")
    [Letter(text='x'), Letter(text='#')]
    """
    items: list[Item] = []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            if i + 1 == len(pattern):
                raise NotationError(f"{pattern!r}: '\\' at the end escapes nothing")
            items.append(Letter(pattern[i + 1]))
            i += 2
        elif char == "#":
            items.append(Edge())
            i += 1
        elif char == "{":
            end = pattern.find("}", i)
            if end == -1:
                raise NotationError(f"{pattern!r}: '{{' is not closed by '}}'")
            name = pattern[i + 1 : end]
            if not regex.fullmatch(r"[a-z][a-z0-9_]*", name):
                raise NotationError(f"{pattern!r}: {{{name}}} is not a class name")
            items.append(ClassRef(name))
            i = end + 1
        else:
            items.append(Letter(char))
            i += 1
    return items


def class_names(items: list[Item]) -> set[str]:
    """The class names a parsed pattern refers to.

    >>> sorted(class_names(parse("{a}x{b}")))
    ['a', 'b']
    """
    return {item.name for item in items if isinstance(item, ClassRef)}


def check_context(items: list[Item], side: str) -> None:
    """Reject a word edge anywhere but at the outer end of a context.

    ``side`` is ``before``, ``after`` or ``match`` (where no edge may stand).

    >>> check_context(parse("#а"), "before")
    >>> check_context(parse("а#"), "before")
    Traceback (most recent call last):
      ...
    translit.table.notation.NotationError: '#' may only stand first in a 'before' context
    """
    outer = {"before": 0, "after": len(items) - 1}.get(side)
    for position, item in enumerate(items):
        if isinstance(item, Edge) and position != outer:
            if side == "match":
                raise NotationError("'#' cannot stand in a match")
            where = "first in a 'before'" if side == "before" else "last in an 'after'"
            raise NotationError(f"'#' may only stand {where} context")


class WordChars(NamedTuple):
    """What words are made of, for word edges and for what contexts may skip.

    ``letters`` is a character-class body of what words are made of, besides
    format characters (``Cf``: soft hyphen, zero-width joiners), which
    belong to a word without making one; ``ignorable`` is a regex for one
    character a context looks through (format characters, stress marks), so
    ``до\u00adцент`` still has ц after a vowel.
    """

    letters: str = r"\p{L}\p{M}"
    ignorable: str = r"[\p{Mn}\p{Cf}]"

    @property
    def splitter(self) -> str:
        """A regex capturing one whole word."""
        return f"([{self.letters}\\p{{Cf}}]+)"


#: Words of any letters and marks: what a table's contexts read by default.
ANY_WORD = WordChars()


def to_regex(
    items: list[Item],
    classes: dict[str, tuple[str, ...]],
    side: str = "match",
    words: WordChars = ANY_WORD,
) -> str:
    """Translate parsed items into a regex fragment (no surrounding assertion).

    In a ``before`` context each item may be followed by ignorable characters,
    in an ``after`` context preceded by them; a word edge is a place with no
    word character next to it, format characters (``Cf``) aside.

    >>> to_regex(parse("а"), {}, side="before", words=WordChars("x", "i"))
    'а(?:i){0,8}'
    >>> print(to_regex(parse("а"), {}, side="before"))
    а[\\p{Mn}\\p{Cf}]{0,8}
    >>> to_regex(parse("{x}"), {"x": ("ng", "g")})
    '(?:ng|g)'
    """
    # a character class repeats as it is (shorter to compile); anything else in a group
    one = words.ignorable
    is_class = one.startswith("[") and one.endswith("]") and one.count("[") == one.count("]") == 1
    skip = f"{one if is_class else f'(?:{one})'}{{0,{MAX_SKIP}}}"
    parts: list[str] = []
    for item in items:
        if isinstance(item, Edge):
            if side == "before":
                parts.append(f"(?<![{words.letters}]\\p{{Cf}}{{0,{MAX_SKIP}}})")
            else:
                parts.append(f"(?!\\p{{Cf}}{{0,{MAX_SKIP}}}[{words.letters}])")
            continue
        if isinstance(item, Letter):
            fragment = regex.escape(item.text)
        elif item.name in BUILTIN_CLASSES:
            fragment = BUILTIN_CLASSES[item.name]
        else:
            fragment = class_regex(classes[item.name])
        if side == "before":
            fragment += skip
        elif side == "after":
            fragment = skip + fragment
        parts.append(fragment)
    return "".join(parts)


def class_regex(members: tuple[str, ...]) -> str:
    """A regex matching any one member of a class, longest members first.

    >>> class_regex(("а", "о"))
    '[ао]'
    >>> class_regex(("g", "ng"))
    '(?:ng|g)'
    """
    if all(len(member) == 1 for member in members):
        return "[" + class_body(members) + "]"
    ordered = sorted(members, key=len, reverse=True)
    return "(?:" + "|".join(regex.escape(m) for m in ordered) + ")"


def class_body(chars: Iterable[str]) -> str:
    """Characters escaped for use inside ``[...]``.

    >>> print(class_body(["a", "-", "]"]))
    a\\-\\]
    """
    return "".join("\\" + char if char in "\\]^-[" else char for char in chars)

"""What a word is to the engine: the characters words are made of, letters composed with
a stress mark, and a converted word whose case depends on its neighbours.

Both the reference engine (:mod:`translit.engine.compiler`) and the fast path
(:mod:`translit.engine.fastpath`) read words this way, so they split a text alike.
"""

from __future__ import annotations

import functools

import unicodedata2

from translit.table import notation
from translit.table.model import Direction
from translit.table.notation import WordChars

#: The characters words are made of, before a table adds its own.
WORD_CHARS = r"\p{L}\p{M}"

#: What a context looks through: format characters and combining marks.
IGNORABLE = r"\p{Mn}\p{Cf}"

#: Marks that stress a letter rather than make another one (acute, grave).
STRESS_MARKS = ("\u0301", "\u0300")


class Lone(str):
    """A converted word whose case depends on its neighbours (``Я``, ``Sʺ``).

    The string is the Title-case reading; ``capitals`` is the all-capitals one. A
    word's output and this fact are one cached value, so nothing a call decides
    can come from another call's text.
    """

    capitals: str


def word_chars_of(direction: Direction) -> WordChars:
    """What words are made of for a direction, and what its contexts look through.

    Words are letters and marks plus any other character the direction
    converts (`, ', "). Contexts look through format characters and through
    combining marks, except marks the direction itself matches (the accent of
    ISO 9's f̀ is part of a letter, a stress mark is not).

    >>> from translit.registry import table
    >>> # BGN/PCGN writes ъ as ”, ь as ’ and separates letters with ·: read back, all three
    >>> # are part of a word
    >>> print(word_chars_of(table("ru-bgn-pcgn").reverse).letters)
    \\p{L}\\p{M}·’”
    """
    texts = [*direction.letter_map, *direction.exceptions]
    texts += [rule.match for rule in (*direction.rules, *direction.stems)]
    texts += [rule.output for rule in direction.normalize]
    chars = {char for text in texts for char in text}
    extra = sorted(char for char in chars if unicodedata2.category(char)[0] not in "LM")
    marks = sorted(char for char in chars if unicodedata2.category(char) == "Mn")
    ignorable = f"[{IGNORABLE}]"
    if marks:
        ignorable = f"(?![{''.join(marks)}]){ignorable}"
    return WordChars(WORD_CHARS + notation.class_body(extra), ignorable)


@functools.cache
def composed_letters() -> dict[str, str]:
    """Latin and Cyrillic letters composed with a stress mark, each → the letter it
    stresses and the mark: é is e stressed and ǘ is ü stressed (ü + U+0301), while
    ў or ñ are letters of their own that a table which does not know them must
    pass through untouched.

    >>> [f"U+{ord(char):04X}" for char in composed_letters()["é"]], "ў" in composed_letters()
    (['U+0065', 'U+0301'], False)
    """
    found = {}
    for block in (range(0xC0, 0x250), range(0x400, 0x530), range(0x1E00, 0x1F00)):
        for code in block:
            char = chr(code)
            decomposed = unicodedata2.normalize("NFD", char)
            if decomposed[-1] not in STRESS_MARKS or unicodedata2.category(char)[0] != "L":
                continue
            stressed = unicodedata2.normalize("NFC", decomposed[:-1])
            if len(stressed) == 1:
                found[char] = stressed + decomposed[-1]
    return found

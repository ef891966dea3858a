"""The letter statistics detection reads from a text: shared by :mod:`translit.text.detect`
and the script that builds its profiles (``tables/build/detect_profiles.py``).

A text is read in lower case as a sequence of *features*: letters that tell
languages and alphabets apart (every Cyrillic letter, every Latin letter with a
mark, q x w c j h f v y, marks written apart, the primes ʹ ʺ), the Latin digraphs
sh ch zh kh ts ya yu yo, and a Latin letter followed by an apostrophe of any shape
(Kazakh 2017 a' n' s', Uzbek oʻ gʻ and the tutuq), and pairs of Cyrillic letters
side by side (ый, нг, ўз). The other basic Latin letters
are counted, not told apart, as ``<l>``; ``<c>`` counts Cyrillic letters outside
U+0430-U+052F (there are none in lower case but a few signs). Everything here runs in C (a regex
``findall``, ``bytes.translate``), so reading costs little per character.

>>> sorted(features("Oʻzbek shahri").items())
[('<l>', 7), ('h', 1), ("o'", 1), ('sh', 1)]
>>> sorted(features("Қазақ тілі").items())[:6]
[('а', 2), ('аз', 1), ('ақ', 1), ('з', 1), ('за', 1), ('л', 1)]
"""

from __future__ import annotations

import re
from collections import Counter

__all__ = ["APOSTROPHES", "CYRILLIC", "LATIN", "features", "letter_counts"]

#: What people type for the Uzbek ʻ and ʼ and the Kazakh 2017 apostrophe.
APOSTROPHES = "'‘’`´′＇ʻʼ"

#: Cyrillic letters not told apart (none: the frequencies of а о е tell Russian from
#: Uzbek as well as the rarer letters do).
_COMMON_CYRILLIC = ""

_CYRILLIC_MARKERS = "".join(
    chr(code)
    for code in range(0x430, 0x530)
    if chr(code).islower() and chr(code) not in _COMMON_CYRILLIC
)

#: One match per feature, or per other basic Latin letter: every alternative starts
#: with a character class, so the scan skips everything else fast.
_FEATURE = re.compile(
    "[a-z\u0131](?:[" + APOSTROPHES + "]|(?<=[sczk])h|(?<=t)s|(?<=y)[aou])?"
    "|[\u00df-\u00f6\u00f8-\u00ff\u0100-\u024f\u0250-\u02af\u1e00-\u1eff"
    "\u0300-\u036f\u02b9\u02ba" + _CYRILLIC_MARKERS + "]"
)

#: Two Cyrillic letters side by side (each pair once, overlapping): ``ы`` + ``й`` is
#: the feature ``ый``.
_CYRILLIC_PAIR = re.compile("(?=([\u0430-\u0481\u048a-\u052f]{2}))")

#: Basic Latin letters that are features of their own.
_LATIN_MARKERS = frozenset("qxwcjhfvy")

#: Bytes kept to count Cyrillic letters in UTF-8: the lead bytes of U+0400-U+052F.
_DROP_BUT_CYRILLIC = bytes(b for b in range(256) if not 0xD0 <= b <= 0xD4)
_DROP_BUT_ASCII = bytes(b for b in range(256) if not 0x61 <= b <= 0x7A)

CYRILLIC = "<c>"
"""The feature for a Cyrillic letter that is not a feature of its own."""
LATIN = "<l>"
"""The feature for a basic Latin letter that is not part of a feature of its own."""


def letter_counts(lowered: str) -> tuple[int, int]:
    """Cyrillic letters and basic Latin letters (a-z) of a lower-case text.

    >>> letter_counts("мир peace")
    (3, 5)
    """
    data = lowered.encode("utf-8", "surrogatepass")
    return len(data.translate(None, _DROP_BUT_CYRILLIC)), len(data.translate(None, _DROP_BUT_ASCII))


def features(text: str) -> Counter[str]:
    """The features of ``text`` and how often each occurs (``<c>`` and ``<l>`` included)."""
    lowered = text.lower()
    found = Counter(_FEATURE.findall(lowered))
    cyrillic = len(lowered.encode("utf-8", "surrogatepass").translate(None, _DROP_BUT_CYRILLIC))
    counts: Counter[str] = Counter()
    latin = 0
    for key, count in found.items():
        if len(key) == 2 and key[1] in APOSTROPHES:
            key = key[0] + "'"
        elif len(key) == 1 and "a" <= key <= "z" and key not in _LATIN_MARKERS:
            latin += count
            continue
        elif "\u0400" <= key <= "\u052f":
            cyrillic -= count
        counts[key] += count
    if cyrillic > 0:
        counts[CYRILLIC] = cyrillic
    if latin:
        counts[LATIN] = latin
    if found and cyrillic_found(found):
        counts.update(_CYRILLIC_PAIR.findall(lowered))
    return counts


def cyrillic_found(found: Counter[str]) -> bool:
    """Whether any Cyrillic letter was found."""
    return any("\u0400" <= key[0] <= "\u052f" for key in found)

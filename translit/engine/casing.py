"""Upper and lower case as a table defines them.

Tables hold lower case; the engine derives capitals. Unicode's default case
pairs are right for most letters, but not for Turkic dotted and dotless i
(Kazakh 2021: ``i``/``İ`` and ``ı``/``I``), so a table's ``[casing]`` pairs
come first. Lower-casing never changes a text's length, so positions in the
lower-case text are positions in the original.
"""

from __future__ import annotations


class Casing:
    """Case mapping with a table's overrides.

    >>> turkic = Casing({"i": "İ", "ı": "I"})
    >>> turkic.upper("iıa"), turkic.lower("İIA"), turkic.title("iran")
    ('İIA', 'iıa', 'İran')
    >>> Casing({}).upper("shch")
    'SHCH'
    """

    def __init__(self, upper_case: dict[str, str]) -> None:
        self._upper = {ord(lower): upper for lower, upper in upper_case.items()}
        self._lower = {ord(upper): lower for lower, upper in upper_case.items()}

    def upper(self, text: str) -> str:
        """Capitals of ``text``, letter by letter."""
        return "".join(self._upper.get(ord(c)) or c.upper() for c in text)

    def lower(self, text: str) -> str:
        """Lower case of ``text``, one code point for one code point."""
        lowered = text.translate(self._lower).lower()
        if len(lowered) == len(text):
            return lowered
        # A letter whose Unicode lower case is longer (İ → i + U+0307) stays as it is.
        result = []
        for char in text:
            low = self._lower.get(ord(char)) or char.lower()
            result.append(low if len(low) == 1 else char)
        return "".join(result)

    def title(self, text: str) -> str:
        """``text`` with its first cased letter made a capital."""
        for index, char in enumerate(text):
            if is_cased(char):
                return text[:index] + self.upper(char) + text[index + 1 :]
        return text


def is_cased(char: str) -> bool:
    """Whether a character has case (``ʻ``, ``ʺ`` and digits do not).

    >>> is_cased("Ж"), is_cased("ʺ")
    (True, False)
    """
    return char.isupper() or char.islower()


def count_cased(text: str) -> int:
    """How many letters with case ``text`` holds.

    >>> count_cased("oʻ"), count_cased("shch")
    (1, 4)
    """
    # A character is never both upper and lower case; map() keeps the loop in C.
    return sum(map(str.isupper, text)) + sum(map(str.islower, text))

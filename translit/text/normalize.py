"""Repair real-world Central Asian text: letters of the wrong script, look-alikes of other
alphabets, apostrophes, decomposed letters and invisible characters.

What :func:`normalize` does, and nothing else (clean text comes back as it was):

``compose``
    A letter written as a base and combining marks becomes the composed letter
    Unicode has for it (и + U+0306 → й, е + U+0308 → ё, g + U+0306 → ğ): NFC of
    each letter with its marks. Characters with no marks are not touched, so an
    OHM SIGN or a KELVIN SIGN stays what it is (full NFC would replace them; they
    are symbols someone chose, not damage). A stress mark with no composed
    letter (и́) stays a mark.
``mixed-script``
    Inside a word of Cyrillic and Latin letters, the letters of the script in the
    minority are replaced by their look-alikes in the majority script (Aлматы →
    Алматы with a Latin A; Tоshkent → Toshkent with a Cyrillic о), using Unicode's
    confusables data (UTS #39) restricted to the language's alphabet. A word with a
    minority letter that has no look-alike there, or two equally good ones, or as
    many letters of each script, is left alone: it is genuinely mixed (a brand like
    Яndex) or the evidence is weak.
``look-alike``
    A letter outside the language's alphabet that looks like one of its letters,
    in the same script: Kazakh ѳ → ө, Ӏ (palochka) → І; Uzbek and Kazakh ș (comma
    below) → ş (cedilla); ǧ → ğ; ı → i in Uzbek Latin (the Turkish-I damage).
    Letters of the other script in a Kazakh word (ə → ә, ɵ → ө, i → і, h → һ) are
    repaired as ``mixed-script``.
``apostrophe``
    Uzbek: an apostrophe look-alike (' ‘ ’ ` ´ ′ ＇) between o or g and a letter,
    or after a vowel + g at a word end, becomes ʻ (U+02BB); between other letters
    the tutuq ʼ (U+02BC). The positions are the uz-latn table's own reverse
    normalize rules. Quotes around a word are not letters' neighbours and stay.
``invisible`` (only with ``strip_invisible=True``)
    Soft hyphens, zero-width spaces and joiners, word joiners and byte-order marks
    inside the text are removed (a byte-order mark at the very start stays: it
    belongs to the file; a zero-width joiner between emoji or letters of other
    scripts stays: it does something there).
``yo`` (only with ``fold_yo=True``, Russian text)
    ё → е, as much Russian print does.

The language decides the alphabets: ``lang`` names it (kk, uz, ru, ky, tg, tk),
or each line is given to :func:`translit.text.detect.detect` (and a line too short
to tell takes the whole text's language).

>>> normalize("Aлматы Tоshkent o`zbek")
'Алматы Toshkent oʻzbek'
>>> normalize("Көшесi", "kk")
'Көшесі'
>>> result = normalize("Tоshkent", report=True)
>>> result.text, result.edits
('Toshkent', [Edit(offset=1, old='о', new='o', reason='mixed-script')])
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal, NamedTuple, overload

import regex
import unicodedata2

from translit.table.notation import class_body
from translit.text import confusables
from translit.text.confusables import alphabet, best_lookalike, script_of

__all__ = ["LANGUAGES", "Edit", "Normalized", "normalize"]

#: Languages ``lang`` may name.
LANGUAGES = ("kk", "uz", "ru", "ky", "tg", "tk")

#: A line's own language is taken below this confidence only if the whole text has none.
WEAK_CONFIDENCE = 0.9

#: Invisible format characters ``strip_invisible`` removes.
INVISIBLE = "\u00ad\u180e\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff"
_JOINERS = "\u200c\u200d"

_UNIT = regex.compile(r"\P{M}\p{M}*|\p{M}+", regex.DOTALL)
_LETTER = regex.compile(r"\p{L}")


@dataclass(frozen=True)
class Edit:
    """One change :func:`normalize` made: ``old`` at ``offset`` (in code points of the
    input) became ``new``, for ``reason`` (compose, mixed-script, look-alike,
    apostrophe, invisible, yo).

    >>> Edit(0, "A", "А", "mixed-script").new
    'А'
    """

    offset: int
    old: str
    new: str
    reason: str


class Normalized(NamedTuple):
    """What ``normalize(..., report=True)`` returns: the text and the edits, in order."""

    text: str
    edits: list[Edit]


#: Letters of both scripts side by side, marks and format characters between them aside.
_MIXED = regex.compile(
    r"(?V1)[\p{Script=Cyrillic}&&\p{L}][\p{M}\p{Cf}]*[\p{Script=Latin}&&\p{L}]"
    r"|[\p{Script=Latin}&&\p{L}][\p{M}\p{Cf}]*[\p{Script=Cyrillic}&&\p{L}]"
)

#: UTF-8 bytes as classes, for a fast first look for mixed words: C a Cyrillic lead byte,
#: L a Latin letter or the lead byte of one, nothing for continuation bytes and combining
#: marks, a space for the rest. Format characters (which could hide a mixed word from
#: this look) make their line suspect by themselves.
_BYTE_CLASSES = bytes(
    (
        ord("C")
        if 0xD0 <= b <= 0xD4
        else ord("L")
        if (0x41 <= b <= 0x5A or 0x61 <= b <= 0x7A or 0xC3 <= b <= 0xCB or b == 0xE1)
        else ord(" ")
    )
    for b in range(256)
)
_BYTE_DROP = bytes([*range(0x80, 0xC0), 0xCC, 0xCD])

#: How much text one first look covers.
_BLOCK = 1 << 16


@functools.cache
def _char_regex(strip_invisible: bool, fold_yo: bool) -> re.Pattern[str]:
    """Characters that may need a repair: marks, letters outside every alphabet that look
    like a letter of one, ı and İ, apostrophe look-alikes (and invisible characters, ё)."""
    foreign = sorted(char for char in confusables.suspects() if char not in _known_letters())
    chars = [*foreign, "ı", "İ", *_APOSTROPHES]
    body = "\u0300-\u036f\u0483-\u0489" + class_body(chars) + INVISIBLE
    if fold_yo:
        body += "ёЁ"
    return re.compile(f"[{body}]")


def _suspect_lines(text: str, strip_invisible: bool, fold_yo: bool) -> list[tuple[int, int]]:
    """(start, end) of every line that may need a repair, in order, without the newline."""
    starts: set[int] = set()
    chars = _char_regex(strip_invisible, fold_yo)
    position = 0
    while (match := chars.search(text, position)) is not None:
        index = match.start()
        end = text.find("\n", index)
        end = len(text) if end < 0 else end
        if match.group() in _APOSTROPHES and not (index and text[index - 1].isalpha()):
            position = index + 1
            continue
        starts.add(text.rfind("\n", 0, index) + 1)
        position = end + 1
    for block_start in range(0, len(text), _BLOCK):
        block_end = min(len(text), block_start + _BLOCK + 16)  # overlap: a word across the cut
        data = text[block_start:block_end].encode("utf-8", "surrogatepass")
        classes = data.translate(_BYTE_CLASSES, _BYTE_DROP)
        if b"CL" not in classes and b"LC" not in classes:
            continue
        position = block_start
        while (mixed := _MIXED.search(text, position, block_end)) is not None:
            index = mixed.start()
            starts.add(text.rfind("\n", 0, index) + 1)
            end = text.find("\n", index)
            position = len(text) if end < 0 else end + 1
    lines = []
    for start in sorted(starts):
        end = text.find("\n", start)
        lines.append((start, len(text) if end < 0 else end))
    return lines


@functools.cache
def _known_letters() -> frozenset[str]:
    """The letters of every language's Cyrillic alphabet and of every Latin table's."""
    from translit.registry import schemes

    letters: set[str] = set()
    for language in LANGUAGES:
        letters |= alphabet(language, "Cyrl")
    for info in schemes():
        if info.target_script == "Latn":
            letters |= alphabet(info.language, "Latn", info.id)
    return frozenset(letters)


_APOSTROPHES = "'‘’`´′＇"


@overload
def normalize(
    text: str,
    lang: str | None = None,
    *,
    strip_invisible: bool = False,
    fold_yo: bool = False,
    report: Literal[False] = False,
) -> str: ...


@overload
def normalize(
    text: str,
    lang: str | None = None,
    *,
    strip_invisible: bool = False,
    fold_yo: bool = False,
    report: Literal[True],
) -> Normalized: ...


def normalize(
    text: str,
    lang: str | None = None,
    *,
    strip_invisible: bool = False,
    fold_yo: bool = False,
    report: bool = False,
) -> str | Normalized:
    """Repair ``text`` (see the module's description); with ``report=True`` also say what changed.

    ``lang`` is one of :data:`LANGUAGES`, or ``None`` to tell each line's language
    from its letters. Idempotent: normalizing the result again changes nothing.

    >>> normalize("й and й: и\\u0306 → й") == "й and й: й → й"
    True
    >>> normalize("a\\u00adb", strip_invisible=True)
    'ab'
    >>> normalize("Ёлка", "ru", fold_yo=True)
    'Елка'
    """
    if not isinstance(text, str):
        raise TypeError(f"normalize() takes a str, not {type(text).__name__}")
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; normalize knows {', '.join(LANGUAGES)}")
    edits: list[Edit] = []
    lines = _suspect_lines(text, strip_invisible, fold_yo)
    if not lines:
        return Normalized(text, edits) if report else text
    pieces: list[str] = []
    done = 0
    context = _Context(text, lang)
    for line_start, line_end in lines:
        pieces.append(text[done:line_start])
        line = text[line_start:line_end]
        # The language is told from the line as the repairs that need no language leave
        # it, so that a repaired line is taken for the same language again (idempotence).
        neutral = _Line(line, line_start, _NEUTRAL, strip_invisible, False).repair().text
        fixed = _Line(line, line_start, context.of(neutral), strip_invisible, fold_yo).repair()
        pieces.append(fixed.text)
        edits += fixed.edits
        done = line_end
    pieces.append(text[done:])
    result = "".join(pieces)
    return Normalized(result, edits) if report else result


@dataclass(frozen=True)
class _Language:
    language: str
    script: str
    latin_scheme: str | None


#: The language of the first, language-free look at a line.
_NEUTRAL = _Language("und", "", None)


class _Context:
    """The language of each line: ``lang``, or detected (the whole text's for a weak line)."""

    def __init__(self, text: str, lang: str | None) -> None:
        self.text = text
        self.lang = lang
        self._whole: _Language | None = None
        self._whole_done = False

    def of(self, line: str) -> _Language:
        from translit.text.detect import detect

        found = detect(line)
        if found.language == "und" or found.confidence < WEAK_CONFIDENCE:
            # Too little to tell (a heading, one word): the whole text's language.
            found_whole = self.whole()
            if found_whole is not None and found.script in ("", found_whole.script):
                return self._with_lang(found_whole)
        return self._with_lang(
            _Language(
                found.language,
                found.script,
                found.scheme if found.script == "Latn" else None,
            )
        )

    def whole(self) -> _Language | None:
        """The whole text's language, when it is clear (``None`` for a text of one line:
        its line has said all there is)."""
        if "\n" not in self.text.strip("\n"):
            return None
        if not self._whole_done:
            from translit.text.detect import detect

            found = detect(self.text)
            if found.language != "und" and found.confidence >= WEAK_CONFIDENCE:
                scheme = found.scheme if found.script == "Latn" else None
                self._whole = _Language(found.language, found.script, scheme)
            self._whole_done = True
        return self._whole

    def _with_lang(self, found: _Language) -> _Language:
        if self.lang is None or self.lang == found.language:
            return found
        return _Language(self.lang, found.script, None)


@dataclass
class _Unit:
    start: int
    old: str
    text: str
    reasons: list[str]

    def set(self, new: str, reason: str) -> None:
        if new != self.text:
            self.text = new
            self.reasons.append(reason)


class _Repaired(NamedTuple):
    text: str
    edits: list[Edit]


class _Line:
    """One line being repaired, as units: a character with the marks that follow it."""

    def __init__(
        self, line: str, offset: int, language: _Language, strip_invisible: bool, fold_yo: bool
    ) -> None:
        self.units = [
            _Unit(offset + match.start(), match.group(), match.group(), [])
            for match in _UNIT.finditer(line)
        ]
        self.offset = offset
        self.language = language
        self.strip_invisible = strip_invisible
        self.fold_yo = fold_yo

    def repair(self) -> _Repaired:
        self._compose()
        if self.strip_invisible:
            self._invisible()
        self._words()
        if self.language.language == "uz":
            self._apostrophes()
        if self.fold_yo and self.language.language == "ru":
            for unit in self.units:
                if unit.text in ("ё", "Ё"):
                    unit.set("е" if unit.text == "ё" else "Е", "yo")
        edits = [
            Edit(unit.start, unit.old, unit.text, "+".join(dict.fromkeys(unit.reasons)))
            for unit in self.units
            if unit.text != unit.old
        ]
        return _Repaired("".join(unit.text for unit in self.units), edits)

    def _compose(self) -> None:
        for unit in self.units:
            if len(unit.text) > 1:
                unit.set(unicodedata2.normalize("NFC", unit.text), "compose")

    def _invisible(self) -> None:
        units = self.units
        for index, unit in enumerate(units):
            if unit.text not in INVISIBLE:
                continue
            if unit.text == "\ufeff" and unit.start == 0:
                continue  # the byte-order mark of a file
            if unit.text in _JOINERS:
                before = units[index - 1].text[:1] if index else ""
                after = units[index + 1].text[:1] if index + 1 < len(units) else ""
                if not (script_of(before) or script_of(after)):
                    continue  # joins emoji or letters of another script
            unit.set("", "invisible")

    def _words(self) -> None:
        """Mixed-script and look-alike repair, word by word."""
        word: list[_Unit] = []
        for unit in [*self.units, None]:
            if unit is not None and (
                _LETTER.match(unit.text)
                or unicodedata2.category(unit.old[0]) == "Cf"  # removed or not, inside a word
                or unit.old[0] in _APOSTROPHES  # as ʻ and ʼ, which are letters
            ):
                word.append(unit)
                continue
            if word:
                self._word(word)
                word = []

    def _word(self, word: list[_Unit]) -> None:
        letters = [unit for unit in word if _LETTER.match(unit.text)]
        scripts = [script_of(unit.text[0]) for unit in letters]
        cyrillic, latin = scripts.count("Cyrl"), scripts.count("Latn")
        if cyrillic and latin:
            if cyrillic == latin:
                return  # as many of each: no majority to repair toward
            majority = "Cyrl" if cyrillic > latin else "Latn"
            letters_of = self._alphabet(majority)
            replacements = []
            for unit, script in zip(letters, scripts, strict=True):
                if script == majority or not script:
                    continue
                lookalike = best_lookalike(unit.text, majority, letters_of)
                if lookalike is None:
                    return  # genuinely mixed, or no clear choice: leave the word alone
                replacements.append((unit, lookalike))
            for unit, lookalike in replacements:
                unit.set(lookalike, "mixed-script")
            script = majority
        elif cyrillic or latin:
            script = "Cyrl" if cyrillic else "Latn"
        else:
            return
        letters_of = self._alphabet(script)
        for unit in letters:
            if unit.text in letters_of or script_of(unit.text[0]) != script:
                continue
            if unit.text in self._other_letters(script):
                continue  # a letter of another language (Kazakh ү in Uzbek): not damage
            lookalike = best_lookalike(unit.text, script, letters_of)
            if lookalike is not None:
                unit.set(lookalike, "look-alike")

    def _other_letters(self, script: str) -> frozenset[str]:
        """Letters of the script's other alphabets: Cyrillic, every language's; Latin, the
        language's own schemes' (ı is a Kazakh 2021 letter, not a letter of Uzbek)."""
        if script == "Cyrl":
            return _cyrillic_letters()
        return _latin_letters(self.language.language)

    def _alphabet(self, script: str) -> frozenset[str]:
        language = self.language
        scheme = language.latin_scheme if script == "Latn" else None
        return alphabet(language.language, script, scheme)

    def _apostrophes(self) -> None:
        """Uzbek apostrophes, by the uz-latn table's reverse normalize rules."""
        rules = _apostrophe_rules()
        texts = [unit.text for unit in self.units]
        joined = "".join(texts)
        if not any(char in joined for char in _APOSTROPHES):
            return
        starts: dict[int, int] = {}
        position = 0
        for index, piece in enumerate(texts):
            starts[position] = index
            position += len(piece)
        for match in rules.finditer(joined):
            found = starts.get(match.start())
            if found is None or self.units[found].text != match.group():
                continue
            output = _APOSTROPHE_OUTPUTS[int(str(match.lastgroup)[1:])]
            self.units[found].set(output, "apostrophe")


_APOSTROPHE_OUTPUTS: list[str] = []


@functools.cache
def _cyrillic_letters() -> frozenset[str]:
    letters: set[str] = set()
    for language in LANGUAGES:
        letters |= alphabet(language, "Cyrl")
    return frozenset(letters)


@functools.cache
def _latin_letters(language: str) -> frozenset[str]:
    from translit.registry import schemes

    letters: set[str] = set()
    for info in schemes():
        if info.language == language and info.target_script == "Latn":
            letters |= alphabet(language, "Latn", info.id)
    return frozenset(letters)


@functools.cache
def _apostrophe_rules() -> regex.Pattern[str]:
    """The uz-latn table's reverse normalize rules as one regex (the first that matches wins)."""
    from translit.registry import table
    from translit.table import notation

    uz = table("uz-latn")
    assert uz.reverse is not None
    alternatives = []
    for index, rule in enumerate(uz.reverse.normalize):
        pattern = notation.to_regex(notation.parse(rule.match), uz.classes)
        if rule.before:
            looks = [
                "(?<=" + notation.to_regex(notation.parse(c), uz.classes, "before") + ")"
                for c in rule.before
            ]
            pattern = "(?:" + "|".join(looks) + ")" + pattern
        if rule.after:
            looks = [
                "(?=" + notation.to_regex(notation.parse(c), uz.classes, "after") + ")"
                for c in rule.after
            ]
            pattern += "(?:" + "|".join(looks) + ")"
        alternatives.append(f"(?P<n{index}>{pattern})")
        _APOSTROPHE_OUTPUTS.append(rule.output)
    return regex.compile("|".join(alternatives), regex.IGNORECASE)

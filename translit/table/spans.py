"""Spans of text that a direction leaves exactly as they are: URLs, e-mail addresses,
handles, hashtags, Roman numerals, file names and foreign words.

A table chooses spans by name in its ``[protect]`` section; these are the
names, and what each one finds. They are regular expressions of the engine,
not of tables, so a table from an unknown source cannot bring a pattern that
backtracks without end. Each pattern is anchored on a literal or a letter
class and looks no further than one word, so finding spans stays linear.
"""

from __future__ import annotations

import string

#: Characters that join a word: a span never starts or ends next to one.
_WORD = r"\p{L}\p{M}\p{N}"

#: The endings that make a word a file name (``otchet.pdf``), lower case only.
FILE_EXTENSIONS = (
    r"txt|pdf|docx?|xlsx?|pptx?|odt|ods|rtf|csv|tsv|json|xml"
    r"|html?|md|jpe?g|png|gif|svg|webp|mp3|mp4|avi|mkv|zip|rar|7z|gz|tar|exe|py|js"
)

PATTERNS: dict[str, str] = {
    # A scheme and everything up to white space or a quote, less trailing punctuation.
    "url": r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>\"«»“”]*[^\s<>\"«»“”.,;:!?)\]'’]",
    "email": rf"(?<![{_WORD}._%+-])[\w.%+-]+@[\w-]+(?:\.[\w-]+)+(?![{_WORD}])",
    "handle": rf"(?<![{_WORD}@])@\w+",
    "hashtag": rf"(?<![{_WORD}#&])#\w+",
    # Upper case only, a whole word, and a well-formed numeral (XX, XIX, MMXXVI). A numeral
    # of one letter is one only after a capitalized word (Pyotr I, Karl V): alone, V and I
    # are as often the words В and И written in capitals (V Moskve is В Москве).
    # WORD stands for the characters of the direction's words; NOT_JOINED_BEFORE/AFTER
    # refuse a sign the direction reads as a letter between two letters (" for ʺ in C"a,
    # which is one word, not the numeral C); see span_regex.
    "roman-numeral": (
        r"(?<![WORD'ʻʼ’-])NOT_JOINED_BEFORE(?=[MDCLXVI]{2})"
        r"M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
        r"(?![WORD'ʻʼ’-])NOT_JOINED_AFTER"
        r"|(?<=\p{Lu}[\p{Ll}\p{M}'ʻʼ’]+ )[MDCLXVI](?![WORD'ʻʼ’-])NOT_JOINED_AFTER"
    ),
    "file-name": rf"(?<![{_WORD}.])[\w-]+\.(?:{FILE_EXTENSIONS})(?![{_WORD}])",
}

#: A word with a letter of the direction's script that its alphabet does not have
#: (``cat`` and ``Wi-Fi`` in Kazakh or Uzbek Latin): text that was never the
#: language. Filled in per direction by :func:`span_regex`.
FOREIGN_WORD = "foreign-word"

NAMES = (*PATTERNS, FOREIGN_WORD)

#: What a direction protects when its table does not say.
DEFAULT_FORWARD = ("url", "email")
DEFAULT_REVERSE = NAMES

#: The signs spans are made with: a URL's ``://`` or ``www.``, an address's and a
#: handle's ``@``, a hashtag's ``#``, a file name's ``.``.
SIGNS = ":/.@#"

#: The capitals Roman numerals are written with.
ROMAN_CAPITALS = "MDCLXVI"

#: Characters no span needs, besides a direction's letters: digits, white space and
#: punctuation other than the signs.
_QUIET = string.digits + string.whitespace + ",;!?()[]{}\"'«»“”„‘’‹›–—-…"

#: ISO 15924 codes → the script names of regular expressions.
SCRIPTS = {"Latn": "Latin", "Cyrl": "Cyrillic", "Arab": "Arabic", "Grek": "Greek"}


def span_regex(
    names: tuple[str, ...],
    script: str,
    letters: frozenset[str],
    word: str = _WORD,
    joiners: str = "",
) -> str | None:
    """One regex that finds every span of ``names``; None if there is nothing to find.

    ``script`` is the ISO 15924 code of the direction's input and ``letters`` the
    letters it knows, both cases, which decide what a foreign word is. ``word`` is
    a character-class body of what the direction's words are made of (letters and
    marks, and signs it converts such as ” or ·): a Roman numeral is a whole word.
    ``joiners`` is a character-class body of signs the direction reads as a
    letter between two letters (its normalize rules): C"a is one word, not
    the numeral C.

    >>> import regex
    >>> found = regex.compile(span_regex(("roman-numeral", "url"), "Latn", frozenset()))
    >>> [m.group() for m in found.finditer("XX asr, Pyotr I, https://kun.uz. MIXER. V uyda")]
    ['XX', 'I', 'https://kun.uz']
    """
    # A joiner with a letter on its far side makes the numeral part of a longer word.
    before = rf"(?<![\p{{L}}\p{{M}}][{joiners}])" if joiners else ""
    after = rf"(?![{joiners}][\p{{L}}\p{{M}}])" if joiners else ""
    patterns = [
        PATTERNS[name]
        .replace("WORD", word + r"\p{N}")
        .replace("NOT_JOINED_BEFORE", before)
        .replace("NOT_JOINED_AFTER", after)
        for name in names
        if name in PATTERNS
    ]
    if FOREIGN_WORD in names and letters and script in SCRIPTS:
        known = "".join(sorted(letters)).replace("\\", "\\\\").replace("]", "\\]")
        known = known.replace("[", "\\[").replace("^", "\\^").replace("-", "\\-")
        foreign = rf"(?![{known}])\p{{Script={SCRIPTS[script]}}}"
        part = r"[\p{L}\p{M}]+"
        patterns.append(
            rf"(?<![\p{{L}}\p{{M}}'ʼ’-])(?=[\p{{L}}\p{{M}}'ʼ’-]*?{foreign}){part}(?:[-'ʼ’]{part})*"
        )
    return "|".join(f"(?:{pattern})" for pattern in patterns) or None


def quiet_characters(names: tuple[str, ...], letters: frozenset[str]) -> frozenset[str]:
    """Characters a text can be made of and hold no span of ``names``.

    Every span needs a sign (``://``, ``www.``, ``@``, ``#``, a file name's ``.``), a
    capital of a Roman numeral, or a letter the direction does not know, which
    ``letters`` (its letters, both cases) leaves out.

    >>> quiet = quiet_characters(("url", "roman-numeral"), frozenset("abcIV"))
    >>> quiet.issuperset("cab, ab"), quiet.issuperset("IV"), quiet.issuperset("a.b")
    (True, False, False)
    """
    quiet = set(letters) | set(_QUIET)
    if "roman-numeral" in names:
        quiet -= set(ROMAN_CAPITALS)
    return frozenset(quiet - set(SIGNS))

"""A small corpus of names and lines, built from the repository's seed texts.

The recipes and their tests run on it: every line of a seed, every word, and every
phrase of two words that starts with a capital (``Қазақстан Республикасы``), with a
``None`` in every tenth row, as a column of names in a real registry would have.

>>> names("kk")[:2]
['Қазақстан • 19 Желтоқсан, 2022', None]
"""

from __future__ import annotations

import itertools
import random
import re
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

#: Language → (seed file prefix, the scheme its names are transliterated with).
LANGUAGES = {
    "kk": ("004", "kk-latn-2021"),
    "uz": ("001", "uz-latn"),
    "ru": ("000", "ru-icao"),
}

WORD = re.compile(r"[^\W\d_]+(?:[-ʼʻ'][^\W\d_]+)*")


def seed(language: str) -> str:
    """The seed text of ``language`` (``kk``, ``uz`` or ``ru``)."""
    prefix = LANGUAGES[language][0]
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def names(language: str = "kk", *, nulls: bool = True) -> list[str | None]:
    """Lines, words and two-word names of a seed, in text order; a None every tenth row."""
    text = seed(language)
    words = WORD.findall(text)
    phrases = [f"{a} {b}" for a, b in itertools.pairwise(words) if a[:1].isupper()]
    rows: list[str | None] = [*text.splitlines(), *words, *phrases]
    if nulls:
        rows = [None if index % 10 == 1 else row for index, row in enumerate(rows)]
    return rows


def short_names(count: int, language: str = "kk", *, seed_value: int = 0) -> list[str]:
    """``count`` names of up to 10 characters drawn from the seed's words and phrases: a few
    hundred different values that come again and again, as in a column of cities."""
    pool = sorted({row[:10] for row in names(language, nulls=False) if row and len(row) <= 40})
    rng = random.Random(seed_value)
    return [rng.choice(pool) for _ in range(count)]


def pair_names(count: int, language: str = "kk", *, seed_value: int = 0) -> list[str]:
    """``count`` strings of 10 characters, each two random words of the seed (``Қазақстан
    Түркі`` → ``Қазақстан Т``): the words come again, the strings seldom, as in a column of
    people's names."""
    words = sorted({word for word in WORD.findall(seed(language)) if len(word) > 1})
    words += [word.capitalize() for word in words]
    rng = random.Random(seed_value)
    return [f"{rng.choice(words)} {rng.choice(words)}"[:10] for _ in range(count)]

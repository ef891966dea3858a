"""Tell which language, script and alphabet a text is written in.

:func:`detect` compares the letter statistics of a text (see
:mod:`translit.text.features`) with profiles built from word lists, Unicode CLDR
names, translit's own samples and seed texts, and the tables' Latin output
(``tables/data/detect-profiles.json``, made by ``tables/build/detect_profiles.py``): a naive
Bayes classifier over distinctive letters, digraphs and letter + apostrophe pairs. The labels are

* Cyrillic: Russian, Kazakh, Uzbek, Kyrgyz, Tajik, Turkmen (and a background of
  other Cyrillic languages, reported as unknown);
* Latin: Kazakh 2017, 2018, 2021 and Wikipedia's Latin, Uzbek 1995 and 2026,
  Turkmen, Russian in a few romanizations (and a background of other Latin text,
  reported as unknown).

Each result names the scheme that fits: for Cyrillic text the language's default
scheme (its bare alias: ``kk`` → kk-latn-2018), for Latin text the scheme whose
reverse reads it back.

>>> detect("Қазақстан Республикасы").language
'kk'
>>> d = detect("Oʻzbekiston Respublikasi poytaxti Toshkent shahri")
>>> d.language, d.script, d.variant, d.scheme
('uz', 'Latn', '1995', 'uz-latn')
>>> detect("12345").language
'und'

:func:`detect_spans` does it line by line and joins neighbouring lines of one
label into spans, so that a document mixing languages is cut where they change;
a short line (a heading, a name) takes the label of its neighbours when that
label explains it about as well as its own.
"""

from __future__ import annotations

import functools
import json
import math
import operator
from collections import Counter
from dataclasses import dataclass
from typing import Any

from translit.text.features import CYRILLIC, LATIN, features

__all__ = ["Detection", "Span", "detect", "detect_spans"]

#: Characters of a long text that :func:`detect` reads: pieces from its start,
#: middle and end. The statistics settle long before.
SAMPLE = 1 << 16

#: A line with fewer letters than this, or less confidence, is weak evidence.
WEAK_LETTERS = 40
WEAK_CONFIDENCE = 0.9

#: How much worse (in nats) a neighbour's label may explain a weak line than the
#: line's own best label, and still be taken.
NEIGHBOUR_MARGIN = 10.0

#: Pseudo-counts of the pooled frequencies mixed into each label's counts.
PRIOR = 200

#: Features a label's text must have had for the label to be used.
MIN_COUNTS = 10_000

#: What a label loses (in nats) when the text holds a letter its alphabet does not have.
ALPHABET_PENALTY = 30.0

#: Prior odds (in nats) of a language translit knows over each background language:
#: text given to translit is mostly in the languages it is for.
LANGUAGE_PRIOR = 3.0

#: The longest line :func:`detect_spans` reads whole; of a longer one a sample.
LINE_SAMPLE = 1 << 14


@dataclass(frozen=True)
class Detection:
    """What a text is written in.

    ``language`` is a BCP 47 language code, or ``"und"`` when no profile fits
    (too few letters, or another language); ``script`` is ``"Cyrl"``,
    ``"Latn"`` or ``""``; ``variant`` names the Latin alphabet (``"2018"``,
    ``"1995"``, ``"mediawiki"``, ``"iso-9"`` …, ``""`` for Cyrillic);
    ``scheme`` is the scheme id that fits (``None`` when there is none);
    ``confidence`` is the classifier's probability of this label among the
    labels of that script, 0 for ``und`` with no letters.

    >>> Detection("kk", "Cyrl", "", "kk-latn-2018", 0.99).language
    'kk'
    """

    language: str
    script: str
    variant: str
    scheme: str | None
    confidence: float


@dataclass(frozen=True)
class Span:
    """A stretch of text (whole lines) in one language: ``text[start:end]``.

    >>> Span(0, 5, "Сәлем", Detection("kk", "Cyrl", "", "kk-latn-2018", 0.9)).end
    5
    """

    start: int
    end: int
    text: str
    detection: Detection


UNKNOWN = Detection("und", "", "", None, 0.0)


@dataclass(frozen=True)
class _Label:
    language: str
    script: str
    variant: str
    scheme: str | None


class _Model:
    """The profiles, with each feature's weights as one tuple per script."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.labels: dict[str, list[tuple[int, _Label]]] = {}
        # One dict per label, feature → log-probability; each script's labels are
        # compared on that script's features only (Latin names in Cyrillic text say
        # nothing about its language).
        self.weights: dict[str, list[dict[str, float]]] = {}
        self.priors: dict[str, list[float]] = {}
        self.alphabets: dict[str, list[frozenset[str]]] = {}
        for script, profile in data["scripts"].items():
            # A label with too little text behind it would be all background: left out.
            kept = [
                (x, row)
                for x, row in zip(profile["labels"], profile["counts"], strict=True)
                if sum(row) >= MIN_COUNTS
            ]
            self.labels[script] = [
                (index, _Label(str(x["language"]), script, x["variant"] or "", x["scheme"]))
                for index, (x, _) in enumerate(kept)
            ]
            self.weights[script] = _smoothed(profile["features"], [row for _, row in kept])
            self.priors[script] = [
                0.0 if x["language"] == "und" else LANGUAGE_PRIOR for x, _ in kept
            ]
            self.alphabets[script] = [_letters_of(label) for _, label in self.labels[script]]

    def scores(self, counts: Counter[str], script: str) -> list[float]:
        tables = self.weights[script]
        known = tables[0]
        keys = [key for key in counts if key in known]
        values = [counts[key] for key in keys]
        # A label whose alphabet lacks a letter of the text (ў for Kazakh, ә for Russian)
        # cannot be its language, however well the rest fits.
        letters = [key for key in keys if len(key) == 1 and key.isalpha()]
        return [
            prior
            + sum(map(operator.mul, values, map(table.__getitem__, keys)))
            - (ALPHABET_PENALTY if letters and not alphabet.issuperset(letters) else 0.0)
            for prior, table, alphabet in zip(
                self.priors[script], tables, self.alphabets[script], strict=True
            )
        ]


def _smoothed(features: list[str], rows: list[list[int]]) -> list[dict[str, float]]:
    """Log-probabilities from counts, each label's mixed with the script's pooled
    frequencies (``PRIOR`` pseudo-counts): a feature a label's text lacks costs what its
    general rarity says, whatever the size of that text."""
    pooled = [0.0] * len(features)
    for row in rows:
        size = sum(row) or 1
        pooled = [p + count / size for p, count in zip(pooled, row, strict=True)]
    total = sum(pooled)
    floor = 0.5 / len(features)
    background = [(p + floor) / (total + 0.5) for p in pooled]
    weights = []
    for row in rows:
        size = sum(row)
        weights.append(
            {
                key: math.log((count + PRIOR * share) / (size + PRIOR))
                for key, count, share in zip(features, row, background, strict=True)
            }
        )
    return weights


@functools.cache
def _model() -> _Model:
    from translit.registry import tables_dir

    path = tables_dir() / "data" / "detect-profiles.json"
    return _Model(json.loads(path.read_text(encoding="utf-8")))


@functools.cache
def _scheme_id(name: str | None) -> str | None:
    """The scheme id a profile names (an alias such as ``kk``), if that scheme exists."""
    if name is None:
        return None
    from translit.errors import UnknownSchemeError
    from translit.registry import get

    try:
        return get(name).id
    except UnknownSchemeError:
        return None


def _script_of_feature(key: str) -> str:
    """``Cyrl`` for a Cyrillic feature, else ``Latn``."""
    return "Cyrl" if key == CYRILLIC or "\u0400" <= key[0] <= "\u052f" else "Latn"


def _script(counts: Counter[str]) -> tuple[str, int]:
    """The script most letters of ``counts`` are in, and how many letters there are."""
    cyrillic = latin = 0
    for key, count in counts.items():
        if key == CYRILLIC or ("\u0400" <= key[0] <= "\u052f" and len(key) == 1):
            cyrillic += count
        elif "\u0400" <= key[0] <= "\u052f":
            continue  # a pair of letters already counted
        elif key == LATIN or key[0].isalpha():
            latin += count * sum(1 for char in key if char.isalpha())
    if not cyrillic and not latin:
        return "", 0
    return ("Cyrl" if cyrillic >= latin else "Latn"), cyrillic + latin


def _decide(scores: list[float], script: str) -> Detection:
    """The best label of ``script`` for ``scores``, with its softmax probability."""
    members = _model().labels[script]
    best = max(range(len(scores)), key=scores.__getitem__)
    top = scores[best]
    confidence = 1.0 / sum(math.exp(score - top) for score in scores)
    label = members[best][1]
    if label.language == "und":
        return Detection("und", script, "", None, round(confidence, 4))
    return Detection(
        label.language, script, label.variant, _scheme_id(label.scheme), round(confidence, 4)
    )


def _sample(text: str, size: int) -> str:
    if len(text) <= size:
        return text
    third = size // 3
    middle = len(text) // 2
    return "\n".join((text[:third], text[middle - third // 2 : middle + third // 2], text[-third:]))


def detect(text: str) -> Detection:
    """The language, script and alphabet ``text`` is written in, with a confidence.

    A long text is judged by samples of its start, middle and end
    (:data:`SAMPLE` characters in all); for a text that mixes languages use
    :func:`detect_spans`.

    >>> d = detect("Главы МИД тюркских стран обсудили ситуацию на Ближнем Востоке")
    >>> d.language, d.script, d.scheme
    ('ru', 'Cyrl', 'ru-iso-9')
    >>> detect("Qazaqstan Respýblıkasy").variant
    '2018'
    """
    if not isinstance(text, str):
        raise TypeError(f"detect() takes a str, not {type(text).__name__}")
    counts = features(_sample(text, SAMPLE))
    script, letters = _script(counts)
    if not letters:
        return UNKNOWN
    return _decide(_model().scores(counts, script), script)


@dataclass
class _Line:
    start: int
    end: int
    script: str
    letters: int
    scores: list[float]
    best: int
    counts: Counter[str]

    def other(self, script: str) -> list[float]:
        """Scores of the labels of another script, on the letters of that script (if any)."""
        if not any(_script_of_feature(key) == script for key in self.counts):
            return []
        return _model().scores(self.counts, script)


def detect_spans(text: str) -> list[Span]:
    """The text cut into spans of whole lines, each with its own :class:`Detection`.

    Lines are judged one by one; a weak line (few letters, or no clear winner)
    takes the label of the nearest strong line before it (or else after it)
    when that label explains it nearly as well; then neighbouring lines with one
    label are joined. Blank lines and lines without letters join the span
    before them. The spans cover the whole text, in order.

    >>> text = ("Астана — Қазақстанның астанасы.\\n"
    ...         "Астана — столица Казахстана, в ней живёт больше миллиона человек.\\n")
    >>> [(s.detection.language, s.text[:6]) for s in detect_spans(text)]
    [('kk', 'Астана'), ('ru', 'Астана')]
    """
    if not isinstance(text, str):
        raise TypeError(f"detect_spans() takes a str, not {type(text).__name__}")
    if not text:
        return []
    model = _model()
    lines: list[_Line] = []
    start = 0
    for piece in text.splitlines(keepends=True):
        end = start + len(piece)
        counts = features(_sample(piece, LINE_SAMPLE))
        script, letters = _script(counts)
        if letters:
            scores = model.scores(counts, script)
            best = max(range(len(scores)), key=scores.__getitem__)
        else:
            scores, best = [], -1
        lines.append(_Line(start, end, script, letters, scores, best, counts))
        start = end
    labels = _smooth(lines)
    return _join(text, lines, labels)


def _strong(line: _Line) -> bool:
    if line.letters < WEAK_LETTERS:
        return False
    top = line.scores[line.best]
    confidence = 1.0 / sum(math.exp(score - top) for score in line.scores)
    return confidence >= WEAK_CONFIDENCE


def _smooth(lines: list[_Line]) -> list[tuple[str, int] | None]:
    """Each line's (script, label index); weak lines may take a strong neighbour's.

    A run of weak lines between two strong ones is judged together: it goes to the
    neighbour whose label explains the whole run better, and each of its lines takes
    that label if the label explains the line nearly as well as the line's own best.
    """
    labels: list[tuple[str, int] | None] = [
        (line.script, line.best) if line.letters else None for line in lines
    ]
    strong = [line.letters > 0 and _strong(line) for line in lines]
    index = 0
    while index < len(lines):
        if strong[index]:
            index += 1
            continue
        end = index
        while end < len(lines) and not strong[end]:
            end += 1
        run = [line for line in lines[index:end] if line.letters]
        sides = []
        if index > 0:
            sides.append((lines[index - 1].script, lines[index - 1].best))
        if end < len(lines):
            sides.append((lines[end].script, lines[end].best))
        if run and sides:
            sides.sort(key=lambda side: -_run_score(run, side))  # stable: before wins a tie
            for line_index in range(index, end):
                line = lines[line_index]
                if not line.letters:
                    continue
                for script, label in sides:
                    scores = line.scores if script == line.script else line.other(script)
                    if (
                        scores
                        and scores[label] >= max(scores) - NEIGHBOUR_MARGIN
                        and _explains(_model().labels[script][label][1], line.counts)
                    ):
                        labels[line_index] = (script, label)
                        break
        index = end
    return labels


def _letters_of(label: _Label) -> frozenset[str]:
    """The lower-case letters a label's text may hold (every letter for a background label)."""
    if label.language == "und":
        return _ANY_LETTER
    from translit.text.confusables import alphabet

    scheme = _scheme_id(label.scheme) if label.script == "Latn" else None
    letters = alphabet(label.language, label.script, scheme)
    if label.script == "Latn":
        letters |= {char for char in "".join(letters).lower() if char.isalpha()}
    return frozenset(char for char in letters if char.islower() or not char.isupper())


class _AnyLetter(frozenset[str]):
    def issuperset(self, other: object) -> bool:
        return True


_ANY_LETTER = _AnyLetter()


def _explains(label: _Label, counts: Counter[str]) -> bool:
    """Whether every letter of the label's script in ``counts`` is in the label's alphabet."""
    letters = _letters_of(label)
    keys = [
        k for k in counts if len(k) == 1 and k.isalpha() and _script_of_feature(k) == label.script
    ]
    return letters.issuperset(keys)


def _run_score(run: list[_Line], side: tuple[str, int]) -> float:
    """How well one label explains a run of lines (their log-likelihoods added)."""
    script, label = side
    total = 0.0
    for line in run:
        scores = line.scores if script == line.script else line.other(script)
        if scores:
            total += scores[label]
    return total


def _join(text: str, lines: list[_Line], labels: list[tuple[str, int] | None]) -> list[Span]:
    spans: list[Span] = []
    current: tuple[str, int] | None = None
    span_start = 0
    totals: list[float] = []
    for line, label in zip(lines, labels, strict=True):
        if label is None or label == current:
            if label is not None:
                scores = line.scores if label[0] == line.script else line.other(label[0])
                totals = [a + b for a, b in zip(totals, scores, strict=True)]
            continue
        if line.start > span_start or current is not None:
            spans.append(_span(text, span_start, line.start, current, totals))
        scores = line.scores if label[0] == line.script else line.other(label[0])
        current, span_start, totals = label, line.start, list(scores)
    spans.append(_span(text, span_start, len(text), current, totals))
    return [span for span in spans if span.end > span.start]


def _span(
    text: str, start: int, end: int, label: tuple[str, int] | None, totals: list[float]
) -> Span:
    if label is None:
        detection = UNKNOWN
    else:
        detection = _decide(totals, label[0])
        if _model().labels[label[0]][label[1]][1].language != detection.language:
            # Joined lines may sum to another winner; the span keeps its lines' label.
            chosen = _model().labels[label[0]][label[1]][1]
            detection = Detection(
                chosen.language if chosen.language != "und" else "und",
                label[0],
                chosen.variant,
                _scheme_id(chosen.scheme) if chosen.language != "und" else None,
                detection.confidence,
            )
    return Span(start, end, text[start:end], detection)

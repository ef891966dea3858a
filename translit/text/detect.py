"""Tell which language, script and alphabet a text is written in.

:func:`detect` compares the letter statistics of a text (see
:mod:`translit.text.features`) with profiles built from word lists, message
catalogs and the tables' own Latin output (``tables/data/detect-profiles.json``,
made by ``tables/build/detect_profiles.py``): a naive Bayes classifier over
distinctive letters, digraphs and letter + apostrophe pairs. The labels are

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
NEIGHBOUR_MARGIN = 6.0

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

    def __init__(self, data: dict[str, object]) -> None:
        labels = data["labels"]
        vocabulary = data["features"]
        weights = data["weights"]
        assert isinstance(labels, list) and isinstance(vocabulary, list)
        assert isinstance(weights, list)
        self.labels = {
            script: [
                (index, _Label(str(x["language"]), script, x["variant"] or "", x["scheme"]))
                for index, x in enumerate(labels)
                if x["script"] == script
            ]
            for script in ("Cyrl", "Latn")
        }
        # Each script's labels are compared on that script's letters only: Latin
        # names in Cyrillic text (and the reverse) say nothing about the language.
        # One dict per label, feature → weight.
        self.weights: dict[str, list[dict[str, float]]] = {
            script: [
                {
                    key: float(weights[index][position])
                    for position, key in enumerate(vocabulary)
                    if _script_of_feature(key) == script
                }
                for index, _ in members
            ]
            for script, members in self.labels.items()
        }

    def scores(self, counts: Counter[str], script: str) -> list[float]:
        tables = self.weights[script]
        known = tables[0]
        keys = [key for key in counts if key in known]
        values = [counts[key] for key in keys]
        return [sum(map(operator.mul, values, map(table.__getitem__, keys))) for table in tables]


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
        if key == CYRILLIC or "\u0400" <= key[0] <= "\u052f":
            cyrillic += count
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
    """Each line's (script, label index); a weak line may take a strong neighbour's."""
    labels: list[tuple[str, int] | None] = [
        (line.script, line.best) if line.letters else None for line in lines
    ]
    strong = [line.letters > 0 and _strong(line) for line in lines]
    before: list[tuple[str, int] | None] = []
    last: tuple[str, int] | None = None
    for index, line in enumerate(lines):
        before.append(last)
        if strong[index]:
            last = (line.script, line.best)
    after: list[tuple[str, int] | None] = [None] * len(lines)
    last = None
    for index in range(len(lines) - 1, -1, -1):
        after[index] = last
        if strong[index]:
            last = (lines[index].script, lines[index].best)
    for index, line in enumerate(lines):
        if not line.letters or strong[index]:
            continue
        for neighbour in (before[index], after[index]):
            if neighbour is None:
                continue
            script, label = neighbour
            scores = line.scores if script == line.script else line.other(script)
            if scores and scores[label] >= max(scores) - NEIGHBOUR_MARGIN:
                labels[index] = neighbour
                break
    return labels


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

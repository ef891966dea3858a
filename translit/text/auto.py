"""Automatic mode: each paragraph through its own language's default scheme.

The text is cut into spans by :func:`translit.text.detect.detect_spans`. Toward
Latin (``to="latn"``), a Cyrillic span goes through its language's default scheme
(the bare alias: ``kk`` → kk-latn-2018, ``uz`` → uz-latn, ``ru`` → ru-iso-9, ``ky`` →
ky-iso-9, ``tg`` → tg-iso-9, ``tk`` → tk-latn); toward Cyrillic (``to="cyrl"``), a
Latin span goes back through the reverse of the scheme its alphabet was detected
as. Everything else (the other script, unknown languages, Latin that no scheme
reads back) passes through as it is.

>>> auto("Қазақстан Республикасы\\nOʻzbekiston Respublikasi\\n", to="cyrl")
'Қазақстан Республикасы\\nЎзбекистон Республикаси\\n'
>>> auto("Қазақстан Республикасының астанасы\\nГлавы МИД обсудили ситуацию\\n")
'Qazaqstan Respýblıkasynyń astanasy\\nGlavy MID obsudili situaciû\\n'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from translit.text.detect import Span, detect_spans

__all__ = ["Step", "auto", "plan"]

Target = Literal["latn", "cyrl"]


@dataclass(frozen=True)
class Step:
    """What automatic mode does with one span: ``scheme`` (``None``: pass through) and
    whether it reads the scheme's output back (``reverse``)."""

    span: Span
    scheme: str | None
    reverse: bool


def plan(text: str, to: Target = "latn") -> list[Step]:
    """The spans of ``text`` and the scheme each one goes through.

    >>> [(s.span.detection.language, s.scheme) for s in plan("Сәлем, әлем! Қалайсыз?")]
    [('kk', 'kk-latn-2018')]
    """
    from translit.registry import get

    if to not in ("latn", "cyrl"):
        raise ValueError(f"to must be 'latn' or 'cyrl', not {to!r}")
    steps = []
    for span in detect_spans(text):
        found = span.detection
        scheme = None
        reverse = False
        if found.scheme is not None:
            info = get(found.scheme).info
            if to == "latn" and found.script == "Cyrl" and info.target_script == "Latn":
                scheme = info.id
            elif to == "cyrl" and found.script == "Latn" and info.has_reverse:
                scheme, reverse = info.id, True
        steps.append(Step(span, scheme, reverse))
    return steps


def auto(text: str, to: Target = "latn") -> str:
    """``text`` with each span transliterated by its own language's scheme (see the module)."""
    from translit.registry import get

    if not isinstance(text, str):
        raise TypeError(f"auto() takes a str, not {type(text).__name__}")
    pieces = []
    for step in plan(text, to):
        if step.scheme is None:
            pieces.append(step.span.text)
        elif step.reverse:
            pieces.append(get(step.scheme).reverse(step.span.text))
        else:
            pieces.append(get(step.scheme)(step.span.text))
    return "".join(pieces)

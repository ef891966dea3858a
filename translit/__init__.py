"""translit: transliteration of Central Asian text, driven by one table per standard.

>>> import translit
>>> translit.transliterate("Қазақстан", "kk-latn-2021")
'Qazaqstan'
>>> translit.transliterate("Oʻzbekiston", "uz-latn", reverse=True)
'Ўзбекистон'
>>> t = translit.get("ru-iso-9")
>>> t("Щука"), t.reverse("Ŝuka")
('Ŝuka', 'Щука')

Tables are compiled on first use, so importing the package stays cheap; so are
the repair and detection modules (:mod:`translit.text`), imported by
:func:`normalize`, :func:`detect` and :func:`detect_spans` when first called.
"""

from __future__ import annotations

from translit.errors import (
    AmbiguousWordError,
    NoReverseError,
    StrictPolicyError,
    TableError,
    TableVersionError,
    TranslitError,
    UnknownPolicyError,
    UnknownSchemeError,
)
from translit.registry import SchemeInfo, get, load, schemes
from translit.table.model import Step
from translit.transliterator import Transliterator

TYPE_CHECKING = False  # not ``typing``: importing it costs a third of ``import translit``
if TYPE_CHECKING:
    from typing import Any

    from translit.text.detect import Detection, Span
    from translit.text.normalize import Normalized

__version__ = "0.1.0"

__all__ = [
    "AmbiguousWordError",
    "NoReverseError",
    "SchemeInfo",
    "Step",
    "StrictPolicyError",
    "TableError",
    "TableVersionError",
    "TranslitError",
    "Transliterator",
    "UnknownPolicyError",
    "UnknownSchemeError",
    "__version__",
    "convert",
    "detect",
    "detect_spans",
    "get",
    "load",
    "normalize",
    "schemes",
    "transliterate",
]


def transliterate(
    text: str,
    scheme: str,
    *,
    reverse: bool = False,
    policy: str | None = None,
    strict: bool = False,
) -> str:
    """Transliterate ``text`` with the named scheme (id or alias).

    Characters the scheme does not cover pass through unchanged. ``policy`` chooses
    how letters the standard leaves open are written (see :class:`Transliterator`).
    With ``reverse=True`` and ``strict=True``, a word the table can only guess at
    raises :class:`AmbiguousWordError` (see :meth:`Transliterator.warnings`).

    >>> transliterate("ЎЗБЕКИСТОН Ўзбекистон, етим, поезд", "uz-latn")
    'OʻZBEKISTON Oʻzbekiston, yetim, poyezd'
    >>> transliterate("Ŝuka", "ru-iso-9", reverse=True)
    'Щука'

    The scheme ``"auto"`` (not a table) gives each paragraph to its own language's
    default scheme, as :func:`detect_spans` tells them apart; ``reverse=True`` reads
    Latin paragraphs back to Cyrillic by the alphabet they were detected as.

    >>> transliterate("Қазақстан Республикасы", "auto")
    'Qazaqstan Respýblıkasy'
    """
    if isinstance(scheme, str) and scheme.strip().lower() == "auto":
        from translit.text.auto import auto

        if policy not in (None, "default") or strict:
            raise ValueError("policy and strict name one scheme's choices; 'auto' takes neither")
        return auto(text, to="cyrl" if reverse else "latn")
    transliterator = get(scheme)
    if reverse:
        if policy not in (None, "default"):
            raise UnknownPolicyError(transliterator.id, str(policy), ())
        return transliterator.reverse(text, strict=strict)
    return transliterator(text, policy=policy)


def convert(text: str, from_scheme: str, to_scheme: str, *, policy: str | None = None) -> str:
    """Rewrite text written in one scheme's output into another's, of the same source script.

    The text is read back with ``from_scheme``'s reverse and written with
    ``to_scheme``: a 2018-alphabet archive re-published in 2021 letters, or Uzbek
    in the 1995 Latin alphabet moved to another. What the first scheme loses on
    the way back is lost here too.

    >>> convert("Qazaqstan Respýblıkasy", "kk-latn-2018", "kk-latn-2021")
    'Qazaqstan Respublikasy'
    """
    source, target = get(from_scheme), get(to_scheme)
    first, second = source.info, target.info
    if (first.language, first.source_script) != (second.language, second.source_script):
        raise ValueError(
            f"{source.id} is {first.language} from {first.source_script} and {target.id} "
            f"{second.language} from {second.source_script}: convert goes between schemes "
            "of one language and one source script"
        )
    return target(source.reverse(text), policy=policy)


def normalize(text: str, lang: str | None = None, **options: Any) -> Any:
    """Repair mixed-script words, look-alike letters, Uzbek apostrophes and letters
    written with separate marks; clean text comes back as it was.

    ``lang`` is kk, uz, ru, ky, tg or tk (default: told per line). Options:
    ``strip_invisible``, ``fold_yo``, and ``report=True`` to get the text and the
    list of edits. See :func:`translit.text.normalize.normalize`.

    >>> normalize("Aлматы Tоshkent o`zbek")
    'Алматы Toshkent oʻzbek'
    """
    from translit.text.normalize import normalize as run

    result: str | Normalized = run(text, lang, **options)
    return result


def detect(text: str) -> Detection:
    """The language, script and Latin alphabet of ``text``, the scheme that fits, and a
    confidence. See :func:`translit.text.detect.detect`.

    >>> found = detect("Oʻzbekiston Respublikasi")
    >>> found.language, found.script, found.scheme
    ('uz', 'Latn', 'uz-latn')
    """
    from translit.text.detect import detect as run

    return run(text)


def detect_spans(text: str) -> list[Span]:
    """``text`` cut into stretches of lines, each with its own :class:`Detection`.
    See :func:`translit.text.detect.detect_spans`.

    >>> [span.detection.language for span in detect_spans("Сәлем, әлем!\\nПривет, мир!")]
    ['kk', 'ru']
    """
    from translit.text.detect import detect_spans as run

    return run(text)

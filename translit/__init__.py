"""translit: transliteration of Central Asian text, driven by one table per standard.

>>> import translit
>>> translit.transliterate("Қазақстан", "kk-latn-2021")
'Qazaqstan'
>>> translit.transliterate("Oʻzbekiston", "uz-latn", reverse=True)
'Ўзбекистон'
>>> t = translit.get("ru-iso-9")
>>> t("Щука"), t.reverse("Ŝuka")
('Ŝuka', 'Щука')

Tables are compiled on first use, so importing the package stays cheap.
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
from translit.model import Step
from translit.registry import SchemeInfo, get, load, schemes
from translit.transliterator import Transliterator

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
    "get",
    "load",
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
    """
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

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
    NoReverseError,
    TableError,
    TableVersionError,
    TranslitError,
    UnknownSchemeError,
)
from translit.registry import SchemeInfo, get, load, schemes
from translit.transliterator import Transliterator

__version__ = "0.1.0"

__all__ = [
    "NoReverseError",
    "SchemeInfo",
    "TableError",
    "TableVersionError",
    "TranslitError",
    "Transliterator",
    "UnknownSchemeError",
    "__version__",
    "get",
    "load",
    "schemes",
    "transliterate",
]


def transliterate(text: str, scheme: str, *, reverse: bool = False) -> str:
    """Transliterate ``text`` with the named scheme (id or alias).

    Characters the scheme does not cover pass through unchanged.

    >>> transliterate("ЎЗБЕКИСТОН Ўзбекистон, етим, поезд", "uz-latn")
    'OʻZBEKISTON Oʻzbekiston, yetim, poyezd'
    >>> transliterate("Ŝuka", "ru-iso-9", reverse=True)
    'Щука'
    """
    transliterator = get(scheme)
    return transliterator.reverse(text) if reverse else transliterator(text)

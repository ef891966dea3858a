"""The reusable transliterator that :func:`translit.get` returns."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from translit.errors import NoReverseError, TableVersionError
from translit.model import SchemeInfo, Table

if TYPE_CHECKING:
    from translit.compiler import Converter, Step


class Transliterator:
    """One scheme, both directions; compiled on first use, then reused.

    Calls are thread-safe. A transliterator pickles by its scheme id (or, for a
    table loaded from a file, that file's path) and the table's digest; unpickling
    where the table has changed raises :class:`~translit.errors.TableVersionError`,
    so a driver and its workers never mix two versions of a table.

    >>> import pickle, translit
    >>> t = translit.get("ru-iso-9")
    >>> t("Съезд"), t.reverse("Sʺezd")
    ('Sʺezd', 'Съезд')
    >>> pickle.loads(pickle.dumps(t))("ЩУКА")
    'ŜUKA'
    """

    def __init__(self, table: Table, *, file: str | None = None) -> None:
        """Wrap a loaded table; ``file`` is its path when it is not a shipped scheme."""
        self._table = table
        self._file = file
        self.info = SchemeInfo.of(table)
        self._converters: dict[bool, Converter] = {}
        self._lock = threading.Lock()

    @property
    def id(self) -> str:
        """The scheme's id, e.g. ``uz-latn``."""
        return self._table.id

    @property
    def table(self) -> Table:
        """The loaded table behind this transliterator."""
        return self._table

    def __call__(self, text: str) -> str:
        """Transliterate ``text`` in the table's forward direction.

        >>> import translit
        >>> translit.get("kk-latn-2021")("ІЛЕ Іле ИРАН")
        'ILE Ile İRAN'
        """
        return self._converter(reverse=False)(_check_text(text))

    def reverse(self, text: str) -> str:
        """Transliterate ``text`` back (raises NoReverseError if the scheme has none).

        >>> import translit
        >>> translit.get("uz-latn").reverse("O'zbekiston")
        'Ўзбекистон'
        """
        return self._converter(reverse=True)(_check_text(text))

    def explain(self, text: str, *, reverse: bool = False) -> list[Step]:
        """The steps of a conversion: each piece of source, its output and the rule used.

        >>> import translit
        >>> [s.origin for s in translit.get("uz-latn").explain("ец")]
        ['rules[0]', 'rules[1]']
        """
        return self._converter(reverse=reverse).explain(_check_text(text))

    def _converter(self, *, reverse: bool) -> Converter:
        converter = self._converters.get(reverse)
        if converter is not None:
            return converter
        direction = self._table.reverse if reverse else self._table.forward
        if direction is None:
            raise NoReverseError(self._table.id)
        with self._lock:
            converter = self._converters.get(reverse)
            if converter is None:
                from translit.compiler import Converter

                converter = Converter(direction, self._table.upper_case, self._table.classes)
                self._converters[reverse] = converter
        return converter

    def __reduce__(self) -> tuple[object, tuple[str, str, str | None]]:
        return _unpickle, (self._table.id, self._table.digest, self._file)

    def __repr__(self) -> str:
        return f"<Transliterator {self._table.id}>"


def _unpickle(scheme: str, digest: str, file: str | None) -> Transliterator:
    """The transliterator a pickle names, if its table is still the same."""
    from translit.registry import get, load

    transliterator = get(scheme) if file is None else load(file)
    if transliterator.table.digest != digest:
        raise TableVersionError(scheme, file)
    return transliterator


def _check_text(text: object) -> str:
    if not isinstance(text, str):
        raise TypeError(f"translit converts str, not {type(text).__name__}")
    return text

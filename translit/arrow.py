"""Transliterate Apache Arrow string arrays (``pip install 'translit-central-asia[arrow]'``).

>>> import pyarrow as pa
>>> from translit.arrow import transliterate
>>> transliterate(pa.array(["Қазақстан", None, "Алматы"]), "kk-latn-2021")
<pyarrow.lib.StringArray object at ...>
[
  "Qazaqstan",
  null,
  "Almaty"
]

Arrays of ``string``, ``large_string`` and ``string_view`` keep their type, chunked arrays
keep their chunks, nulls stay null, and a dictionary-encoded array converts its dictionary
only.
pyarrow is imported when this module is, never by ``import translit``.
"""

from __future__ import annotations

from typing import Any, TypeVar, cast

try:
    import pyarrow as pa
except ImportError as error:  # pragma: no cover - depends on what is installed
    raise ImportError(
        f"translit.arrow needs pyarrow: pip install 'translit-central-asia[arrow]' ({error})"
    ) from error

from translit.registry import get
from translit.transliterator import Transliterator

__all__ = ["transliterate"]

ArrayT = TypeVar("ArrayT", bound=Any)


def transliterate(
    array: ArrayT,
    scheme: str | Transliterator,
    *,
    reverse: bool = False,
    policy: str | None = None,
) -> ArrayT:
    """``array`` transliterated with ``scheme`` (an id, an alias or a transliterator).

    ``array`` is a ``pyarrow.Array`` or ``pyarrow.ChunkedArray`` of ``string``,
    ``large_string`` or ``string_view``, or dictionary-encoded with such values; the result
    has the same type and, for a chunked array, the same chunks. An array of type ``null``
    (what Arrow infers for a batch of nothing but nulls) comes back as it is. ``policy``
    names one of the table's policies, as ``--policy`` does on the command line.

    >>> import pyarrow as pa
    >>> chunked = pa.chunked_array([["Щука"], [None, "ЁЖ"]], type=pa.large_string())
    >>> result = transliterate(chunked, "ru-iso-9")
    >>> result.type, result.num_chunks, result.to_pylist()
    (DataType(large_string), 2, ['Ŝuka', None, 'ËŽ'])
    >>> transliterate(pa.array(["Цирк"]), "kk-latn-2021", policy="press-2018").to_pylist()
    ['Sirk']
    >>> transliterate(pa.array([1, 2]), "ru-iso-9")
    Traceback (most recent call last):
      ...
    TypeError: translit converts Arrow string or large_string arrays, not int64
    """
    t = get(scheme) if isinstance(scheme, str) else scheme
    if isinstance(array, pa.ChunkedArray):
        _check_type(array.type)
        chunks = [_convert(chunk, t, reverse, policy) for chunk in array.chunks]
        return cast(ArrayT, pa.chunked_array(chunks, type=array.type))
    if isinstance(array, pa.Array):
        _check_type(array.type)
        return cast(ArrayT, _convert(array, t, reverse, policy))
    raise TypeError(
        f"translit.arrow converts a pyarrow Array or ChunkedArray, not {type(array).__name__}"
    )


def _check_type(data_type: Any) -> None:
    if pa.types.is_null(data_type):
        return
    if pa.types.is_dictionary(data_type):
        data_type = data_type.value_type
    if not _is_text(data_type):
        raise TypeError(f"translit converts Arrow string or large_string arrays, not {data_type}")


def _is_text(data_type: Any) -> bool:
    """``string``, ``large_string``, or ``string_view`` where pyarrow has it (16 and later)."""
    if pa.types.is_string(data_type) or pa.types.is_large_string(data_type):
        return True
    is_string_view = getattr(pa.types, "is_string_view", None)
    return is_string_view is not None and bool(is_string_view(data_type))


def _convert(array: Any, t: Transliterator, reverse: bool, policy: str | None) -> Any:
    if pa.types.is_null(array.type):
        return array
    if pa.types.is_dictionary(array.type):
        dictionary = _convert(array.dictionary, t, reverse, policy)
        return pa.DictionaryArray.from_arrays(array.indices, dictionary)
    return pa.array(t.many(array.to_pylist(), reverse=reverse, policy=policy), type=array.type)

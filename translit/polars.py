"""A ``translit`` namespace for polars expressions and Series
(``pip install 'translit-central-asia[polars]'``).

Importing this module registers the namespace; ``import translit`` alone never imports polars.

>>> import polars as pl
>>> import translit.polars
>>> df = pl.DataFrame({"name": ["Москва", None, "Щёлково"]})
>>> df.select(pl.col("name").translit("ru-icao"))["name"].to_list()
['Moskva', None, 'Shchelkovo']
>>> pl.Series(["Oʻzbekiston"]).translit("uz-latn", reverse=True).to_list()
['Ўзбекистон']

The expression converts each batch polars hands it with :meth:`Transliterator.many` and
is declared element-wise, so it runs in lazy and streaming queries, in ``group_by``
contexts and on any slicing of the data, with the same result. Nulls stay null;
``Categorical`` and ``Enum`` columns come back as ``String``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

try:
    import polars as pl
except ImportError as error:  # pragma: no cover - depends on what is installed
    raise ImportError(
        f"translit.polars needs polars: pip install 'translit-central-asia[polars]' ({error})"
    ) from error

from translit.registry import get
from translit.transliterator import Transliterator

__all__ = ["TranslitExprNamespace", "TranslitSeriesNamespace", "transliterate"]


def transliterate(
    series: pl.Series,
    scheme: str | Transliterator,
    *,
    reverse: bool = False,
    policy: str | None = None,
) -> pl.Series:
    """``series`` (``String``, ``Categorical``, ``Enum`` or all null) transliterated.

    ``policy`` names one of the table's policies, as ``--policy`` does on the command line.

    >>> import polars as pl
    >>> transliterate(pl.Series("n", ["ЁЖ", None]), "ru-iso-9").to_list()
    ['ËŽ', None]
    >>> transliterate(pl.Series(["Цирк"]), "kk-latn-2021", policy="press-2018").to_list()
    ['Sirk']
    >>> transliterate(pl.Series([1, 2]), "ru-iso-9")
    Traceback (most recent call last):
      ...
    TypeError: translit converts String columns, not Int64
    """
    t = get(scheme) if isinstance(scheme, str) else scheme
    dtype = series.dtype
    if isinstance(dtype, pl.Categorical | pl.Enum) or dtype == pl.Null:
        series = series.cast(pl.String)
    elif dtype != pl.String:
        raise TypeError(f"translit converts String columns, not {dtype}")
    texts: list[str | None] = series.to_list()
    return pl.Series(series.name, t.many(texts, reverse=reverse, policy=policy), dtype=pl.String)


def _batch(
    scheme: str | Transliterator, reverse: bool, policy: str | None
) -> Callable[[pl.Series], pl.Series]:
    """The function ``map_batches`` calls: it pickles (by scheme id and table digest), so a
    query plan that holds it can be sent to other processes."""
    t = get(scheme) if isinstance(scheme, str) else scheme
    return functools.partial(transliterate, scheme=t, reverse=reverse, policy=policy)


@pl.api.register_expr_namespace("translit")
class TranslitExprNamespace:
    """``pl.col(name).translit(scheme, reverse=False, policy=None)``: a String expression."""

    def __init__(self, expr: pl.Expr) -> None:
        self._expr = expr

    def __call__(
        self, scheme: str | Transliterator, *, reverse: bool = False, policy: str | None = None
    ) -> pl.Expr:
        """The expression's strings transliterated with ``scheme``."""
        return self._expr.map_batches(
            _batch(scheme, reverse, policy), return_dtype=pl.String, is_elementwise=True
        )


@pl.api.register_series_namespace("translit")
class TranslitSeriesNamespace:
    """``series.translit(scheme, reverse=False, policy=None)``: see :func:`transliterate`."""

    def __init__(self, series: pl.Series) -> None:
        self._series = series

    def __call__(
        self, scheme: str | Transliterator, *, reverse: bool = False, policy: str | None = None
    ) -> pl.Series:
        """The Series transliterated with ``scheme``."""
        return transliterate(self._series, scheme, reverse=reverse, policy=policy)

"""A ``translit`` accessor for pandas Series (``pip install 'translit-central-asia[pandas]'``).

Importing this module registers the accessor; ``import translit`` alone never imports pandas.

>>> import pandas as pd
>>> import translit.pandas
>>> names = pd.Series(["Қазақстан", None, "Алматы"], name="name", dtype="string")
>>> names.translit("kk-latn-2021").tolist()
['Qazaqstan', <NA>, 'Almaty']
>>> pd.Series(["Oʻzbekiston"]).translit("uz-latn", reverse=True).tolist()
['Ўзбекистон']

Nulls (``None``, ``NaN``, ``pd.NA``) pass through as they are; the index, the name and a
string dtype are kept. A categorical Series converts each category once.
"""

from __future__ import annotations

from typing import Any

try:
    import numpy as np
    import pandas as pd
except ImportError as error:  # pragma: no cover - depends on what is installed
    raise ImportError(
        f"translit.pandas needs pandas: pip install 'translit-central-asia[pandas]' ({error})"
    ) from error

from translit.registry import get
from translit.transliterator import Transliterator

__all__ = ["TranslitAccessor", "transliterate"]


def transliterate(
    series: Any, scheme: str | Transliterator, *, reverse: bool = False, policy: str | None = None
) -> Any:
    """``series`` transliterated with ``scheme`` (an id, an alias or a transliterator).

    ``policy`` names one of the table's policies for letters it has no letter for (see
    :meth:`translit.Transliterator.many`), as ``--policy`` does on the command line.

    A value that is neither a string nor null raises ``TypeError`` naming its row position.

    >>> import pandas as pd
    >>> transliterate(pd.Series(["Щука", None], index=[7, 9], dtype=object), "ru-iso-9")
    7    Ŝuka
    9    None
    dtype: object
    >>> transliterate(pd.Series(["Цирк"]), "kk-latn-2021", policy="press-2018").tolist()
    ['Sirk']
    """
    t = get(scheme) if isinstance(scheme, str) else scheme
    if isinstance(series.dtype, pd.CategoricalDtype):
        categories = series.cat.categories
        outputs = t.many(categories.astype(object).tolist(), reverse=reverse, policy=policy)
        return series.map(dict(zip(categories, outputs, strict=True)), na_action="ignore")
    values = series.to_numpy(dtype=object)
    nulls = pd.isna(values)
    texts = values.copy()
    texts[nulls] = None
    converted = np.empty(len(texts), dtype=object)
    converted[:] = t.many(texts.tolist(), reverse=reverse, policy=policy)
    converted[nulls] = values[nulls]  # each null as it was: None, NaN or pd.NA
    result = pd.Series(converted, index=series.index, name=series.name, dtype=object)
    return result if series.dtype == object else result.astype(series.dtype)


@pd.api.extensions.register_series_accessor("translit")
class TranslitAccessor:
    """``series.translit(scheme, reverse=False, policy=None)``: see :func:`transliterate`."""

    def __init__(self, series: Any) -> None:
        self._series = series

    def __call__(
        self, scheme: str | Transliterator, *, reverse: bool = False, policy: str | None = None
    ) -> Any:
        """The Series transliterated with ``scheme``."""
        return transliterate(self._series, scheme, reverse=reverse, policy=policy)

"""Collect the doctests of translit's optional data-tool modules only where their library is
installed (``pip install -e '.[test]'`` installs them all)."""

from __future__ import annotations

import importlib.util

OPTIONAL = {
    "translit/pandas.py": "pandas",
    "translit/polars.py": "polars",
    "translit/arrow.py": "pyarrow",
}

collect_ignore = [
    path for path, module in OPTIONAL.items() if importlib.util.find_spec(module) is None
]

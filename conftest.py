"""Collect the doctests of translit's optional data-tool modules only where their library is
installed (``pip install -e '.[test]'`` installs them all); under mutation testing, give each
test freshly loaded tables."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator

import pytest

OPTIONAL = {
    "translit/pandas.py": "pandas",
    "translit/polars.py": "polars",
    "translit/arrow.py": "pyarrow",
}

collect_ignore = [
    path for path, module in OPTIONAL.items() if importlib.util.find_spec(module) is None
]


@pytest.fixture(autouse=True)
def _fresh_tables_under_mutation() -> Iterator[None]:
    """Under mutmut (``MUTANT_UNDER_TEST`` set), forget loaded tables before each test.

    mutmut runs, for each mutant, only the tests that called the mutated function when it
    recorded who calls what. Tables loaded and compiled once and shared would credit only
    the first test that asked for a scheme, and a mutant of the loader or the compiler
    would then escape the tests that check its output.
    """
    if "MUTANT_UNDER_TEST" in os.environ:
        from translit import registry

        registry._transliterators.clear()
        registry._files.clear()
    yield

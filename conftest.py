"""Collect the doctests of translit's optional data-tool modules only where their library is
installed (``pip install -e '.[test]'`` installs them all); keep translit's cache apart from
the user's; under mutation testing (mutmut), load tables afresh where it matters."""

from __future__ import annotations

import importlib.util
import os
import shutil
import tempfile
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


_made: list[str] = []  # the cache directory of this run, if this run made it


def pytest_configure(config: pytest.Config) -> None:
    """Keep what translit caches between processes (checked tables and lexicons) in a
    directory of the run's own, not the user's; under mutmut keep nothing, so that every
    test that asks for a table runs the loader and can kill its mutants."""
    if "MUTANT_UNDER_TEST" in os.environ:
        os.environ["TRANSLIT_CACHE_DIR"] = ""
    elif "TRANSLIT_CACHE_DIR" not in os.environ:
        _made.append(tempfile.mkdtemp(prefix="translit-test-cache-"))
        os.environ["TRANSLIT_CACHE_DIR"] = _made[0]


def pytest_unconfigure(config: pytest.Config) -> None:
    for folder in _made:
        shutil.rmtree(folder, ignore_errors=True)
        os.environ.pop("TRANSLIT_CACHE_DIR", None)
    _made.clear()  # a later run in this process (mutmut's) makes its own


def _forget_tables() -> None:
    from translit import registry

    registry._transliterators.clear()
    registry._files.clear()


@pytest.fixture(autouse=True)
def _fresh_tables_for_mutmut_stats() -> Iterator[None]:
    """While mutmut records which test calls which function, forget loaded tables first.

    mutmut runs, for each mutant, only the tests that called the mutated function when it
    recorded who calls what (``MUTANT_UNDER_TEST=stats``). Tables loaded and compiled once
    and shared would credit only the first test that asked for a scheme, and a mutant of the
    loader or the compiler would then escape the tests that check its output.
    """
    if os.environ.get("MUTANT_UNDER_TEST") == "stats":
        _forget_tables()
    yield


@pytest.fixture(autouse=True, scope="session")
def _fresh_tables_for_a_mutant() -> Iterator[None]:
    """Running a mutant, forget the tables loaded before the mutant was chosen (once: a
    table loaded and compiled within the run holds the mutant already)."""
    if os.environ.get("MUTANT_UNDER_TEST", "stats") != "stats":
        _forget_tables()
    yield

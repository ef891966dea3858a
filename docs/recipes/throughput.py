"""Measure strings per second: ``t(x)`` in a loop, ``t.many``, and the data-tool modules.

    python docs/recipes/throughput.py [ROWS] [--tools]

Three corpora of ROWS strings (1,000,000 by default), all Kazakh with ``kk-latn-2021``:

- ``repeated``: names and words of up to 10 characters from the seed text, 210 different
  values over and over, as in a column of cities (:func:`corpus.short_names`);
- ``pairs``: two random words of the seed cut to 10 characters, so words repeat but whole
  strings seldom do, as in a column of people's names (:func:`corpus.pair_names`);
- ``distinct``: Title-case words of 10 random Kazakh letters, every one new, the worst case
  for translit's memory of converted words.

Each figure is the best of three runs, each with a freshly compiled transliterator (its
memory of words empty), compiled outside the timing. ``--tools`` adds pandas, polars and
pyarrow on the ``pairs`` corpus, where installed.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable

import translit
from translit import Transliterator

SCHEME = "kk-latn-2021"
KAZAKH = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"


def fresh() -> Transliterator:
    """A transliterator compiled anew, outside any timing, that remembers no word yet."""
    t = Transliterator(translit.get(SCHEME).table)
    t("Қазақстан")
    t.many(["Қазақстан"])
    return t


def distinct_words(count: int) -> list[str]:
    rng = random.Random(1)
    return ["".join(rng.choices(KAZAKH, k=10)).title() for _ in range(count)]


def best(run: Callable[[Transliterator], object], repeat: int = 3) -> float:
    """The shortest of ``repeat`` timings of ``run``, each with a fresh transliterator."""
    times = []
    for _ in range(repeat):
        t = fresh()
        start = time.perf_counter()
        run(t)
        times.append(time.perf_counter() - start)
    return min(times)


def report(label: str, rows: int, seconds: float) -> None:
    print(f"{label:<34} {rows / seconds:>12,.0f} strings/s   ({seconds:.2f} s)", flush=True)


def main(rows: int = 1_000_000, tools: bool = False) -> None:
    from corpus import pair_names, short_names

    corpora = {
        "repeated": short_names(rows),
        "pairs": pair_names(rows),
        "distinct": distinct_words(rows),
    }
    for name, texts in corpora.items():
        loop = best(lambda t, texts=texts: [t(text) for text in texts])
        many = best(lambda t, texts=texts: t.many(texts))
        report(f"{name}: t(x) in a loop", rows, loop)
        report(f"{name}: t.many", rows, many)
        print(f"{name}: t.many is {loop / many:.1f}x the loop", flush=True)
    if tools:
        measure_tools(corpora["pairs"])


def measure_tools(texts: list[str]) -> None:
    rows = len(texts)
    try:
        import pandas as pd

        import translit.pandas

        series = pd.Series(texts, dtype=object)
        report("pandas: s.translit (object)", rows, best(lambda t: series.translit(t)))
        strings = series.astype("string")
        report("pandas: s.translit (string)", rows, best(lambda t: strings.translit(t)))
    except ImportError:
        print("pandas: not installed")
    try:
        import polars as pl

        import translit.polars  # noqa: F401

        frame = pl.DataFrame({"name": texts})
        report(
            "polars: pl.col().translit",
            rows,
            best(lambda t: frame.select(pl.col("name").translit(t))),
        )
        lazy = frame.lazy()
        report(
            "polars: streaming",
            rows,
            best(lambda t: lazy.select(pl.col("name").translit(t)).collect(engine="streaming")),
        )
    except ImportError:
        print("polars: not installed")
    try:
        import pyarrow as pa

        from translit.arrow import transliterate

        array = pa.chunked_array([texts[i : i + 65536] for i in range(0, rows, 65536)])
        report("pyarrow: translit.arrow", rows, best(lambda t: transliterate(array, t)))
        encoded = array.dictionary_encode()
        report("pyarrow: dictionary-encoded", rows, best(lambda t: transliterate(encoded, t)))
    except ImportError:
        print("pyarrow: not installed")


if __name__ == "__main__":
    arguments = [argument for argument in sys.argv[1:] if not argument.startswith("--")]
    main(int(arguments[0]) if arguments else 1_000_000, tools="--tools" in sys.argv)

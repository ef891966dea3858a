"""Transliterate a column of a HuggingFace ``datasets.Dataset`` with ``map(batched=True)``.

``pip install datasets -e .``, then from a checkout:

    python docs/recipes/hf_datasets.py [ROWS]

It builds a dataset in memory (nothing is downloaded) of ROWS Kazakh names of 10 characters
(two words of the seed corpus; 1,000,000 by default), transliterates it on two
processes and prints the throughput.
"""

from __future__ import annotations

import sys
import time

import datasets

import translit


def transliterate_dataset(
    dataset: datasets.Dataset,
    column: str,
    scheme: str,
    *,
    reverse: bool = False,
    to: str = "latin",
    num_proc: int | None = 2,
) -> datasets.Dataset:
    """``dataset`` with a column ``to``: ``column`` transliterated, a batch at a time."""
    t = translit.get(scheme)

    def convert(batch: dict[str, list[str | None]]) -> dict[str, list[str | None]]:
        return {to: t.many(batch[column], reverse=reverse)}

    return dataset.map(convert, batched=True, num_proc=num_proc)


def main(rows: int = 1_000_000) -> None:
    from corpus import pair_names

    sample = pair_names(rows)
    data = datasets.Dataset.from_dict({"name": sample})
    datasets.disable_caching()
    start = time.perf_counter()
    result = transliterate_dataset(data, "name", "kk-latn-2021")
    elapsed = time.perf_counter() - start
    print(
        f"datasets, num_proc=2: {rows:,} rows in {elapsed:.2f} s, {rows / elapsed:,.0f} strings/s"
    )
    print(result.select(range(3)).to_pandas().to_string())


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)

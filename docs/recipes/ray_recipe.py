"""Transliterate a column of a Ray Dataset with ``map_batches`` over Arrow batches.

``pip install 'ray[data]' -e '.[arrow]'``, then from a checkout:

    python docs/recipes/ray_recipe.py [ROWS]

It starts Ray on this machine (two CPUs, no dashboard), transliterates ROWS Kazakh names of
10 characters (two words of the seed corpus; 1,000,000 by default) and prints the
throughput.
"""

from __future__ import annotations

import sys
import time
from typing import Any

import ray


def transliterate_dataset(
    dataset: ray.data.Dataset,
    column: str,
    scheme: str,
    *,
    reverse: bool = False,
    to: str = "latin",
) -> ray.data.Dataset:
    """``dataset`` with a column ``to``: ``column`` transliterated, batch by batch."""

    def convert(batch: Any) -> Any:  # a pyarrow.Table
        from translit.arrow import transliterate

        return batch.append_column(to, transliterate(batch[column], scheme, reverse=reverse))

    return dataset.map_batches(convert, batch_format="pyarrow")


def start_ray() -> None:
    """Ray on this machine only: two CPUs, no dashboard, quiet."""
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)


def main(rows: int = 1_000_000) -> None:
    from corpus import pair_names

    sample = pair_names(rows)
    start_ray()
    try:
        data = ray.data.from_items([{"name": name} for name in sample])
        data = data.repartition(8).materialize()
        start = time.perf_counter()
        result = transliterate_dataset(data, "name", "kk-latn-2021").to_pandas()
        elapsed = time.perf_counter() - start
    finally:
        ray.shutdown()
    print(f"ray, 2 CPUs: {rows:,} rows in {elapsed:.2f} s, {rows / elapsed:,.0f} strings/s")
    print(result.head(3).to_string())


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)

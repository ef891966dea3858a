"""Transliterate a column of a Dask DataFrame on a local distributed cluster.

Run it from a checkout (``pip install -e '.[pandas]' 'dask[distributed]'``):

    python docs/recipes/dask_recipe.py [ROWS]

It transliterates ROWS Kazakh names of 10 characters (two words of the seed corpus)
(1,000,000 by default) on two worker processes and prints the throughput.
"""

from __future__ import annotations

import sys
import time

import dask.dataframe as dd
import pandas as pd
from dask.distributed import Client


def transliterate_column(
    frame: dd.DataFrame, column: str, scheme: str, *, reverse: bool = False, to: str = "latin"
) -> dd.DataFrame:
    """``frame`` with a column ``to``: ``column`` transliterated, partition by partition."""

    def convert(part: pd.DataFrame) -> pd.DataFrame:
        import translit.pandas  # noqa: F401  (registers the accessor in the worker process)

        return part.assign(**{to: part[column].translit(scheme, reverse=reverse)})

    return frame.map_partitions(convert)


def start_cluster() -> Client:
    """A local cluster of two worker processes, one thread each, with no dashboard; closing
    the client closes the cluster."""
    return Client(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)


def main(rows: int = 1_000_000) -> None:
    from corpus import pair_names

    sample = pair_names(rows)
    frame = pd.DataFrame({"name": sample})
    with start_cluster():
        data = dd.from_pandas(frame, npartitions=8).persist()
        start = time.perf_counter()
        result = transliterate_column(data, "name", "kk-latn-2021").compute()
        elapsed = time.perf_counter() - start
    print(f"dask, 2 workers: {rows:,} rows in {elapsed:.2f} s, {rows / elapsed:,.0f} strings/s")
    print(result.head(3).to_string())


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)

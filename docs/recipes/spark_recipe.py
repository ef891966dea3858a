"""Transliterate a column of a Spark DataFrame with a pandas UDF, on ``local[2]``.

Needs Java 17 or newer (Debian: ``apt-get install openjdk-17-jre-headless``) and
``pip install pyspark pyarrow -e '.[pandas]'``. Run it from a checkout:

    python docs/recipes/spark_recipe.py [ROWS]

It transliterates ROWS Kazakh names of 10 characters (two words of the seed corpus)
(1,000,000 by default) and prints the throughput.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any

import pandas as pd
from pyspark.sql import Column, SparkSession
from pyspark.sql.functions import pandas_udf


def translit_udf(scheme: str, *, reverse: bool = False) -> Any:
    """A Spark column function: ``df.select(translit_udf("kk-latn-2021")("name"))``."""

    @pandas_udf("string")
    def transliterate(names: pd.Series) -> pd.Series:
        import translit.pandas  # noqa: F401  (registers the accessor in the Python worker)

        return names.translit(scheme, reverse=reverse)

    return transliterate


def start_session() -> SparkSession:
    """Spark on this machine: two cores, no web UI, workers on this Python."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    return (
        SparkSession.builder.master("local[2]")
        .appName("translit")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )


def main(rows: int = 1_000_000) -> None:
    from corpus import pair_names

    sample = pair_names(rows)
    frame = pd.DataFrame({"name": sample}, dtype=object)
    spark = start_session()
    try:
        data = spark.createDataFrame(frame).repartition(8).cache()
        data.count()
        start = time.perf_counter()
        latin: Column = translit_udf("kk-latn-2021")("name")
        result = data.select("name", latin.alias("latin")).toPandas()
        elapsed = time.perf_counter() - start
    finally:
        spark.stop()
    print(f"spark local[2]: {rows:,} rows in {elapsed:.2f} s, {rows / elapsed:,.0f} strings/s")
    print(result.head(3).to_string())


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)

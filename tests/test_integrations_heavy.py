"""The Spark, Ray and HuggingFace ``datasets`` recipes of docs/recipes, on the seed corpus.

These libraries are heavy (Spark needs Java), so they are not in the test extra: each test
skips cleanly where its library is missing. ``.ci/integrations`` installs them all on a fresh
machine and runs this file. Every recipe must give translit's own per-row result.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from test_integrations import CORPORA, corpus, is_null, per_row, recipe

import translit


def nulls_as_none(values: list[object]) -> list[object]:
    return [None if is_null(value) else value for value in values]


# -- Apache Spark ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def spark_recipe() -> Iterator[ModuleType]:
    pytest.importorskip("pyspark")
    pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    if shutil.which("java") is None:
        pytest.skip("Spark needs Java (Debian: openjdk-17-jre-headless)")
    module = recipe("spark_recipe")
    spark = module.start_session()
    module.spark = spark
    yield module
    spark.stop()


@pytest.mark.parametrize(("language", "scheme"), CORPORA)
def test_spark_pandas_udf_equals_per_row(
    spark_recipe: ModuleType, language: str, scheme: str
) -> None:
    import pandas as pd

    rows = corpus.names(language)
    frame = pd.DataFrame({"i": range(len(rows)), "name": rows}, dtype=object)
    data = spark_recipe.spark.createDataFrame(frame, "i long, name string").repartition(3)
    latin = spark_recipe.translit_udf(scheme)("name").alias("latin")
    result = data.select("i", "name", latin).toPandas().sort_values("i")
    assert nulls_as_none(result["latin"].tolist()) == per_row(rows, scheme)
    if translit.get(scheme).info.has_reverse:
        back_udf = spark_recipe.translit_udf(scheme, reverse=True)
        back = data.select(back_udf(latin).alias("back"), "i")
        back_rows = nulls_as_none(back.toPandas().sort_values("i")["back"].tolist())
        assert back_rows == per_row(per_row(rows, scheme), scheme, reverse=True)


# -- Ray ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ray_recipe() -> Iterator[ModuleType]:
    ray = pytest.importorskip("ray")
    pytest.importorskip("ray.data")
    pytest.importorskip("pyarrow")
    module = recipe("ray_recipe")
    module.start_ray()
    yield module
    ray.shutdown()


@pytest.mark.parametrize(("language", "scheme"), CORPORA)
def test_ray_map_batches_equals_per_row(ray_recipe: ModuleType, language: str, scheme: str) -> None:
    import ray

    rows = corpus.names(language)
    data = ray.data.from_items([{"i": i, "name": name} for i, name in enumerate(rows)])
    data = data.repartition(4)
    result = ray_recipe.transliterate_dataset(data, "name", scheme).to_pandas().sort_values("i")
    assert nulls_as_none(result["latin"].tolist()) == per_row(rows, scheme)
    assert nulls_as_none(result["name"].tolist()) == rows


# -- HuggingFace datasets -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hf_recipe() -> ModuleType:
    pytest.importorskip("datasets")
    return recipe("hf_datasets")


@pytest.mark.parametrize(("language", "scheme"), CORPORA)
def test_datasets_map_on_two_processes_equals_per_row(
    hf_recipe: ModuleType, language: str, scheme: str
) -> None:
    import datasets

    rows = corpus.names(language)
    data = datasets.Dataset.from_dict({"name": rows})
    result = hf_recipe.transliterate_dataset(data, "name", scheme, num_proc=2)
    assert result["latin"] == per_row(rows, scheme)
    assert result["name"] == rows


def test_datasets_fingerprint_follows_the_table(hf_recipe: ModuleType, tmp_path: Path) -> None:
    """``datasets`` caches a map by a hash of its function, which holds the transliterator:
    the same table gives the same hash (the cache is reused), a changed table another."""
    from datasets.fingerprint import Hasher

    own = tmp_path / "ru-iso-9.toml"
    shutil.copy(translit.registry.table_path("ru-iso-9"), own)
    before = Hasher.hash(translit.load(own))
    assert Hasher.hash(translit.load(own)) == before
    with own.open("a", encoding="utf-8") as file:
        file.write("\n# another version of the table\n")
    assert Hasher.hash(translit.load(own)) != before
    assert Hasher.hash(translit.get("ru-iso-9")) != Hasher.hash(translit.get("ru-icao"))

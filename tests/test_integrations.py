"""translit.pandas, translit.polars, translit.arrow and the Dask recipe.

Each library is optional: its tests skip cleanly where it is not installed. The test extra
(``pip install -e '.[test]'``) installs them all, so CI runs every one. Every tool is checked
against translit's own per-row result on the seed corpus of ``docs/recipes/corpus.py``.
"""

from __future__ import annotations

import importlib.util
import math
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

import translit

ROOT = Path(__file__).resolve().parents[1]
RECIPES = ROOT / "docs" / "recipes"
sys.path.insert(0, str(RECIPES))

import corpus  # noqa: E402  (docs/recipes/corpus.py)

#: (language of the seed, scheme) for every corpus check.
CORPORA = [(language, scheme) for language, (_, scheme) in corpus.LANGUAGES.items()]


def latin_rows(rows: list[str | None], scheme: str) -> list[str | None] | None:
    """The rows in Latin, to go back from, where the scheme has a way back."""
    return per_row(rows, scheme) if translit.get(scheme).info.has_reverse else None


def per_row(rows: list[str | None], scheme: str, reverse: bool = False) -> list[str | None]:
    """translit's own result, one call per row: what every tool must give."""
    t = translit.get(scheme)
    convert = t.reverse if reverse else t
    return [None if row is None else convert(row) for row in rows]


def recipe(name: str) -> ModuleType:
    """Import a recipe file of docs/recipes by its file name."""
    spec = importlib.util.spec_from_file_location(name, RECIPES / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def is_null(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or str(value) == "<NA>"


def test_import_translit_imports_no_data_library() -> None:
    code = (
        "import sys, translit\n"
        "translit.get('kk-latn-2021').many(['Қазақстан'])\n"
        "print(sorted(m for m in ('pandas', 'polars', 'pyarrow', 'numpy') if m in sys.modules))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert output.strip() == "[]"


@pytest.mark.parametrize(
    ("module", "library", "extra"),
    [("pandas", "pandas", "pandas"), ("polars", "polars", "polars"), ("arrow", "pyarrow", "arrow")],
)
def test_a_missing_library_names_the_extra(module: str, library: str, extra: str) -> None:
    code = f"import sys; sys.modules[{library!r}] = None; import translit.{module}"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith(f"ImportError: translit.{module} needs {library}: pip install")
    assert f"'translit-central-asia[{extra}]'" in last


def test_the_corpus_has_names_lines_and_nulls() -> None:
    rows = corpus.names("kk")
    assert None in rows and "Қазақстан Республикасы" in corpus.names("kk", nulls=False)
    assert len(rows) > 200 and rows.count(None) == len(rows) // 10 + (len(rows) % 10 > 1)
    assert all(len(name) <= 10 for name in corpus.short_names(50))


# -- pandas ------------------------------------------------------------------------------------


@pytest.fixture
def pd() -> ModuleType:
    module = pytest.importorskip("pandas")
    import translit.pandas  # noqa: F401  (registers the accessor)

    return module


@pytest.mark.parametrize(("language", "scheme"), CORPORA)
def test_pandas_accessor_equals_per_row(pd: ModuleType, language: str, scheme: str) -> None:
    rows = corpus.names(language)
    series = pd.Series(rows, dtype=object, name="name")
    result = series.translit(scheme)
    assert result.tolist() == per_row(rows, scheme)
    assert result.name == "name" and result.index.equals(series.index)
    if latin := latin_rows(rows, scheme):
        back = pd.Series(latin, dtype=object).translit(scheme, reverse=True)
        assert back.tolist() == per_row(latin, scheme, reverse=True)


def test_pandas_nulls_pass_through_as_they_are(pd: ModuleType) -> None:
    nan = float("nan")
    series = pd.Series(["Щука", None, nan, pd.NA, "ЁЖ"], dtype=object, index=[5, 5, 6, 6, 7])
    result = series.translit("ru-iso-9")
    values = result.tolist()
    assert values[0] == "Ŝuka" and values[4] == "ËŽ"
    assert values[1] is None and values[2] is nan and values[3] is pd.NA
    assert result.index.tolist() == [5, 5, 6, 6, 7] and result.dtype == object


@pytest.mark.parametrize("dtype", ["string", "str", "string[pyarrow]"])
def test_pandas_string_dtypes_are_kept(pd: ModuleType, dtype: str) -> None:
    if dtype == "str" and int(pd.__version__.split(".")[0]) < 3:
        pytest.skip("the str dtype is pandas 3's")
    pytest.importorskip("pyarrow") if "pyarrow" in dtype else None
    series = pd.Series(["Шаҳар", None, "ШАҲАР"], dtype=dtype)
    result = series.translit("uz-latn")
    assert result.dtype == series.dtype
    assert [None if is_null(v) else v for v in result.tolist()] == ["Shahar", None, "SHAHAR"]


def test_pandas_arrow_backed_strings(pd: ModuleType) -> None:
    pa = pytest.importorskip("pyarrow")
    series = pd.Series(["Қазақстан", None], dtype=pd.ArrowDtype(pa.string()))
    result = series.translit("kk-latn-2021")
    assert result.dtype == series.dtype and result[0] == "Qazaqstan" and is_null(result[1])


def test_pandas_categories_convert_once_each(pd: ModuleType) -> None:
    series = pd.Series(["Ель", "ель", None, "Ель", "Ёлка"], dtype="category")
    result = series.translit("ru-iso-9")
    assert result.dtype == "category"
    assert [None if is_null(v) else v for v in result.tolist()] == [
        "Elʹ", "elʹ", None, "Elʹ", "Ëlka",
    ]  # fmt: skip
    # ICAO writes е and ё alike: two categories become one value, which is no error.
    merged = pd.Series(["е", "ё", "е"], dtype="category").translit("ru-icao")
    assert merged.tolist() == ["e", "e", "e"]


def test_pandas_a_frame_column_and_a_transliterator(pd: ModuleType) -> None:
    frame = pd.DataFrame({"name": pd.Series(["Тошкент", "Самарқанд"], dtype=object)})
    frame["latin"] = frame["name"].translit(translit.get("uz-latn"))
    assert frame["latin"].tolist() == ["Toshkent", "Samarqand"]
    assert pd.Series([], dtype=object).translit("uz-latn").tolist() == []


def test_pandas_errors(pd: ModuleType) -> None:
    with pytest.raises(TypeError, match="position 1 is int"):
        pd.Series(["a", 5], dtype=object).translit("ru-iso-9")
    with pytest.raises(translit.UnknownSchemeError):
        pd.Series(["a"]).translit("ru-iso")
    with pytest.raises(translit.NoReverseError):
        one_way = next(info.id for info in translit.schemes() if not info.has_reverse)
        pd.Series(["a"]).translit(one_way, reverse=True)


#: A policy every tool passes on (kk-latn-2021's own sample: ц → s, as the Latin press writes
#: it), with a null and a category given twice; and the strict policy, which refuses ц.
POLICY_ROWS = ["Цирк", None, "Цирк", "концерт"]
POLICY_EXPECTED = ["Sirk", None, "Sirk", "konsert"]


def test_pandas_passes_a_policy_on(pd: ModuleType) -> None:
    for dtype in (object, "category"):
        result = pd.Series(POLICY_ROWS, dtype=dtype).translit("kk-latn-2021", policy="press-2018")
        assert [None if is_null(v) else v for v in result.tolist()] == POLICY_EXPECTED
    with pytest.raises(translit.StrictPolicyError):
        pd.Series(POLICY_ROWS).translit("kk-latn-2021", policy="strict")


# -- polars ------------------------------------------------------------------------------------


@pytest.fixture
def pl() -> ModuleType:
    module = pytest.importorskip("polars")
    import translit.polars  # noqa: F401  (registers the namespaces)

    return module


@pytest.mark.parametrize(("language", "scheme"), CORPORA)
def test_polars_expression_equals_per_row(pl: ModuleType, language: str, scheme: str) -> None:
    rows = corpus.names(language)
    frame = pl.DataFrame({"name": rows}, schema={"name": pl.String})
    eager = frame.with_columns(pl.col("name").translit(scheme).alias("latin"))
    assert eager["latin"].to_list() == per_row(rows, scheme)
    assert eager["latin"].dtype == pl.String
    if latin := latin_rows(rows, scheme):
        back = pl.Series(latin, dtype=pl.String).translit(scheme, reverse=True)
        assert back.to_list() == per_row(latin, scheme, reverse=True)


def test_polars_lazy_streaming_and_slices_agree(pl: ModuleType) -> None:
    """Element-wise: however polars cuts the column, the rows come out the same."""
    rows = corpus.names("ru") * 20
    expected = per_row(rows, "ru-icao")
    query = pl.LazyFrame({"name": rows}, schema={"name": pl.String}).select(
        pl.col("name").translit("ru-icao")
    )
    assert query.collect()["name"].to_list() == expected
    assert query.collect(engine="streaming")["name"].to_list() == expected
    sliced = pl.LazyFrame({"name": rows}).slice(7, 100).select(pl.col("name").translit("ru-icao"))
    assert sliced.collect(engine="streaming")["name"].to_list() == expected[7:107]
    filtered = (
        pl.LazyFrame({"name": rows, "i": range(len(rows))})
        .filter(pl.col("i") % 3 == 0)
        .select(pl.col("name").translit("ru-icao"))
    )
    assert filtered.collect(engine="streaming")["name"].to_list() == expected[::3]


def test_polars_in_a_group_by_context(pl: ModuleType) -> None:
    frame = pl.DataFrame({"k": [1, 2, 1, 2], "name": ["Я", "ЯНВАРЬ", "Щука", None]})
    grouped = frame.group_by("k", maintain_order=True).agg(pl.col("name").translit("ru-icao"))
    assert grouped["name"].to_list() == [["Ia", "Shchuka"], ["IANVAR", None]]


def test_polars_categorical_enum_and_null_columns(pl: ModuleType) -> None:
    frame = pl.DataFrame(
        {
            "c": pl.Series(["Ёж", None], dtype=pl.Categorical),
            "e": pl.Series(["Ёж", "Щука"], dtype=pl.Enum(["Ёж", "Щука"])),
            "n": pl.Series([None, None], dtype=pl.Null),
        }
    )
    result = frame.select(pl.all().translit("ru-iso-9"))
    assert result.to_dict(as_series=False) == {
        "c": ["Ëž", None], "e": ["Ëž", "Ŝuka"], "n": [None, None],
    }  # fmt: skip
    assert all(dtype == pl.String for dtype in result.dtypes)


def test_polars_errors(pl: ModuleType) -> None:
    with pytest.raises(translit.UnknownSchemeError):
        pl.col("name").translit("ru-icaoo")
    with pytest.raises(Exception, match="not Int64"):
        pl.DataFrame({"x": [1]}).select(pl.col("x").translit("ru-icao"))


def test_polars_query_plan_pickles(pl: ModuleType) -> None:
    import io

    query = pl.LazyFrame({"name": ["Москва"]}).select(pl.col("name").translit("ru-icao"))
    data = query.serialize()
    restored = pl.LazyFrame.deserialize(io.BytesIO(data))
    assert restored.collect()["name"].to_list() == ["Moskva"]


# -- pyarrow -----------------------------------------------------------------------------------


def test_polars_passes_a_policy_on(pl: ModuleType) -> None:
    frame = pl.DataFrame({"name": POLICY_ROWS})
    expression = pl.col("name").translit("kk-latn-2021", policy="press-2018")
    assert frame.select(expression).to_series().to_list() == POLICY_EXPECTED
    assert frame.lazy().select(expression).collect().to_series().to_list() == POLICY_EXPECTED
    series = frame.to_series().translit("kk-latn-2021", policy="press-2018")
    assert series.to_list() == POLICY_EXPECTED
    with pytest.raises(translit.StrictPolicyError):
        frame.to_series().translit("kk-latn-2021", policy="strict")


@pytest.fixture
def pa() -> ModuleType:
    return pytest.importorskip("pyarrow")


def arrow() -> Callable[..., object]:
    from translit.arrow import transliterate

    return transliterate


@pytest.mark.parametrize(("language", "scheme"), CORPORA)
@pytest.mark.parametrize("type_name", ["string", "large_string"])
def test_arrow_arrays_equal_per_row(
    pa: ModuleType, language: str, scheme: str, type_name: str
) -> None:
    rows = corpus.names(language)
    array = pa.array(rows, type=getattr(pa, type_name)())
    result = arrow()(array, scheme)
    assert result.type == array.type and result.to_pylist() == per_row(rows, scheme)
    assert result.null_count == rows.count(None)
    if latin := latin_rows(rows, scheme):
        back = arrow()(pa.array(latin, type=array.type), scheme, reverse=True)
        assert back.to_pylist() == per_row(latin, scheme, reverse=True)


def test_arrow_chunked_sliced_and_dictionary_arrays(pa: ModuleType) -> None:
    rows = ["Щука", None, "ЁЖ", "Я", "ЯНВАРЬ"]
    expected = per_row(rows, "ru-iso-9")
    chunked = pa.chunked_array([rows[:2], [], rows[2:]], type=pa.large_string())
    result = arrow()(chunked, "ru-iso-9")
    assert result.type == pa.large_string() and result.num_chunks == 3
    assert result.to_pylist() == expected
    empty = arrow()(pa.chunked_array([], type=pa.string()), "ru-iso-9")
    assert empty.num_chunks == 0 and empty.type == pa.string()
    sliced = pa.array(rows).slice(1, 3)
    assert arrow()(sliced, "ru-iso-9").to_pylist() == expected[1:4]
    encoded = pa.array(rows).dictionary_encode()
    converted = arrow()(encoded, "ru-iso-9")
    assert pa.types.is_dictionary(converted.type) and converted.to_pylist() == expected
    assert len(converted.dictionary) == len(encoded.dictionary)
    if hasattr(pa, "string_view"):
        view = arrow()(pa.array(rows, type=pa.string_view()), "ru-iso-9")
        assert view.type == pa.string_view() and view.to_pylist() == expected
    nulls = pa.array([None, None])
    assert nulls.type == pa.null() and arrow()(nulls, "ru-iso-9").equals(nulls)
    assert arrow()(pa.chunked_array([nulls]), "ru-iso-9").to_pylist() == [None, None]


def test_arrow_passes_a_policy_on(pa: ModuleType) -> None:
    transliterate = arrow()
    plain = pa.array(POLICY_ROWS)
    for array in (
        plain,
        plain.dictionary_encode(),
        pa.chunked_array([POLICY_ROWS[:2], POLICY_ROWS[2:]]),
    ):
        result = transliterate(array, "kk-latn-2021", policy="press-2018")
        assert result.to_pylist() == POLICY_EXPECTED  # type: ignore[attr-defined]
    with pytest.raises(translit.StrictPolicyError):
        transliterate(plain, "kk-latn-2021", policy="strict")


def test_arrow_errors(pa: ModuleType) -> None:
    with pytest.raises(TypeError, match="not int64"):
        arrow()(pa.array([1, 2]), "ru-iso-9")
    with pytest.raises(TypeError, match="not list"):
        arrow()(["Щука"], "ru-iso-9")
    with pytest.raises(TypeError, match="not binary"):
        arrow()(pa.chunked_array([[b"x"]]), "ru-iso-9")


# -- Dask ---------------------------------------------------------------------------------------


def test_dask_recipe_on_two_workers_equals_per_row() -> None:
    pytest.importorskip("dask.dataframe")
    pytest.importorskip("distributed")
    pd = pytest.importorskip("pandas")
    dd = pytest.importorskip("dask.dataframe")
    dask_recipe = recipe("dask_recipe")
    frames = {
        scheme: pd.DataFrame({"name": pd.Series(corpus.names(language), dtype=object)})
        for language, scheme in CORPORA
    }
    with dask_recipe.start_cluster() as client:
        assert len(client.scheduler_info()["workers"]) == 2
        for scheme, frame in frames.items():
            data = dd.from_pandas(frame, npartitions=4)
            result = dask_recipe.transliterate_column(data, "name", scheme).compute()
            got = [None if is_null(value) else value for value in result["latin"].tolist()]
            assert got == per_row(frame["name"].tolist(), scheme), scheme
            names = [None if is_null(value) else value for value in result["name"].tolist()]
            assert names == frame["name"].tolist()


# -- the documentation --------------------------------------------------------------------------

DATA_TOOL_PAGES = sorted((ROOT / "docs" / "data-tools").glob("*.md"))


@pytest.mark.parametrize("page", DATA_TOOL_PAGES, ids=lambda path: path.name)
def test_data_tool_pages_show_only_code_that_runs(page: Path) -> None:
    """A page's ``python`` blocks are >>> sessions (tests/test_docs.py runs them) or excerpts
    of a recipe file (``<!-- excerpt: docs/recipes/NAME.py -->``, which tests/test_docs.py
    checks, and the tests here run), so no page shows code that was never run."""
    lines = page.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        if line.strip() == "```python" and not lines[number + 1].startswith(">>>"):
            mark = lines[number - 1].strip()
            assert mark.startswith("<!-- excerpt: docs/recipes/"), f"{page.name}:{number + 1}"


def test_every_data_tool_has_a_page() -> None:
    names = {page.stem for page in DATA_TOOL_PAGES}
    assert {"index", "pandas", "polars", "arrow", "dask", "spark", "ray", "hf-datasets"} <= names

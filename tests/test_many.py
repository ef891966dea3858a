"""``Transliterator.many``: the batch path gives exactly what a call per text gives.

``many`` joins short texts at newlines and converts them in one call. That is exact only
while nothing in the engine reaches past a newline: not the case of a lone capital (``Я`` is
``Ya`` or ``YA`` after its neighbours on the same line), not contexts, normalize rules or
protected spans. The properties below compare it with the per-text loop on generated text
full of such things, so an engine change that breaks the assumption fails here.
"""

from __future__ import annotations

import concurrent.futures
import functools
import multiprocessing
import pickle
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import translit
from translit import transliterator as transliterator_module
from translit.errors import NoReverseError, TableVersionError

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

#: (scheme, reverse) pairs the properties run on: each language, both directions.
DIRECTIONS = [
    ("ru-iso-9", False),
    ("ru-iso-9", True),
    ("uz-latn", False),
    ("uz-latn", True),
    ("kk-latn-2021", False),
    ("kk-latn-2021", True),
    ("ru-icao", False),
    ("tk-latn", False),
]

#: Pieces of generated text: letters of both scripts in both cases, one-letter capitals
#: whose case depends on their neighbours, separators and apostrophes the tables convert,
#: line breaks, marks, and what protected spans are made of (URLs, @handles, numerals).
PIECES = [
    *"абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһіўҳ",
    *"АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯӘҒҚҢӨҰҮҺІЎҲ",
    *"abcdefghijklmnopqrstuvwxyzäñöüşçğıāūžščŝâûè",
    *"ABCDEFGHIJKLMNOPQRSTUVWXYZÄÑÖÜŞÇĞİĀŪŽŠČŜÂÛÈ",
    *"ʻʼ'`\"ʺʹ’-.,:;!?/#@ 0123456789",
    "\n", "\n", "\r\n", "\r", "\t", "\u2028", "\u0301", "\u0306", "\u00ad", "\u200d",
    "Я", "Я", "Ю", "Ё", "Ш", "Щ", "Ч", "Ж", "Sh", "SH", "Ya", "YA", "Sʺ", "Oʻ", "Gʻ",
    "ЯНВАРЬ", "Январь", "ЁЖ", "ШАҲАР", "Шаҳар", "Щука", "ЩУКА", "ОБЪЕКТ", "съезд",
    "https://kun.uz/", "www.gov.kz", "user@mail.ru", "@handle", "#тег", "XIX", "I", "file.txt",
]  # fmt: skip

#: Short texts that are, or end or begin with, a word of ambiguous case or a neighbour that
#: would decide it if two texts ran together on one line.
NEIGHBOURS = ["Я", "Ш", "Ю", "Ё", "Sʺ", "Oʻ", "ЯНВАРЬ", "ШАҲАР", "YANVAR", "SH", "ОБЪЕКТ", "OBʺEKT",
              "Январь", "Yanvar", "я", " ", "\n", "-", "1"]  # fmt: skip

text = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=12).map("".join),
    st.lists(st.sampled_from(NEIGHBOURS), max_size=3).map("".join),
)
texts = st.lists(st.one_of(st.none(), text), max_size=30)


def loop(scheme: str, reverse: bool) -> Callable[[list[str | None]], list[str | None]]:
    """The reference: one call per text."""
    t = translit.get(scheme)
    convert = t.reverse if reverse else t

    def run(items: list[str | None]) -> list[str | None]:
        return [None if item is None else convert(item) for item in items]

    return run


@pytest.mark.parametrize(("scheme", "reverse"), DIRECTIONS)
@settings(max_examples=150, deadline=None)
@given(items=texts)
def test_many_equals_the_loop(scheme: str, reverse: bool, items: list[str | None]) -> None:
    assert translit.get(scheme).many(items, reverse=reverse) == loop(scheme, reverse)(items)


@pytest.mark.parametrize(("scheme", "reverse"), DIRECTIONS)
@settings(max_examples=60, deadline=None)
@given(items=texts)
def test_many_equals_the_loop_across_slices_and_long_texts(
    scheme: str, reverse: bool, items: list[str | None]
) -> None:
    """Tiny slices and a tiny length limit: every path of ``many`` on one list."""
    with (
        mock.patch.object(transliterator_module, "BATCH_TEXTS", 3),
        mock.patch.object(transliterator_module, "LONG_TEXT", 6),
    ):
        got = translit.get(scheme).many(iter(items), reverse=reverse)
    assert got == loop(scheme, reverse)(items)


@settings(max_examples=100, deadline=None)
@given(scheme=st.sampled_from([info.id for info in translit.schemes()]), items=texts)
def test_many_equals_the_loop_for_every_scheme(scheme: str, items: list[str | None]) -> None:
    assert translit.get(scheme).many(items) == loop(scheme, False)(items)
    if translit.get(scheme).info.has_reverse:
        assert translit.get(scheme).many(items, reverse=True) == loop(scheme, True)(items)


def test_a_lone_capital_takes_its_case_from_its_own_text_only() -> None:
    t = translit.get("uz-latn")
    # On one line, "Я" follows its all-capital neighbour...
    assert t("Я ЯНВАРЬ") == "YA YANVAR"
    # ... but as texts of their own, each keeps its own case, however they are batched.
    assert t.many(["Я", "ЯНВАРЬ", "Я", "январь Я"]) == ["Ya", "YANVAR", "Ya", "yanvar Ya"]
    assert t.many(["ЯНВАРЬ Я", "Я"]) == ["YANVAR YA", "Ya"]
    assert t.many(["Я\nЯНВАРЬ", "ЯНВАРЬ\nЯ"]) == [t("Я\nЯНВАРЬ"), t("ЯНВАРЬ\nЯ")]
    assert t.many(["Sʺ", "OBʺEKT"], reverse=True) == [t.reverse("Sʺ"), t.reverse("OBʺEKT")]


def test_nones_empty_texts_and_newlines_keep_their_places() -> None:
    t = translit.get("ru-iso-9")
    items = [None, "", "Щука", "\n", "", None, "Я\nЯ\n", "\r\n", "ЩУКА", None]
    assert t.many(items) == [
        None, "", "Ŝuka", "\n", "", None, "Â\nÂ\n", "\r\n", "ŜUKA", None,
    ]  # fmt: skip


def test_any_iterable_and_a_list_back() -> None:
    t = translit.get("kk-latn-2021")
    expected = ["Qazaqstan", "Almaty"]

    def generate() -> Iterator[str]:
        yield from ["Қазақстан", "Алматы"]

    assert t.many(generate()) == expected
    assert t.many(("Қазақстан", "Алматы")) == expected
    assert t.many({"Қазақстан": 1, "Алматы": 2}) == expected
    assert t.many([]) == []
    assert t.many(iter([])) == []


def test_many_reads_a_long_generator_once_in_slices() -> None:
    t = translit.get("ru-iso-9")
    count = 3 * transliterator_module.BATCH_TEXTS + 5
    produced = []

    def generate() -> Iterator[str]:
        for index in range(count):
            produced.append(index)
            yield "Щука" if index % 2 else "ЁЖ"

    result = t.many(generate())
    assert len(produced) == count == len(result)
    assert result[:2] == ["ËŽ", "Ŝuka"]


def test_repeated_texts_are_converted_once_each() -> None:
    calls: list[str] = []
    t = translit.get("uz-latn")
    convert = t._converter(reverse=False)

    def counting(text: str) -> str:
        calls.append(text)
        return convert(text)

    texts = ["Я", "Шаҳар", "Я", "ЯНВАРЬ", "Шаҳар", "Я\nЯ", "Я\nЯ"]
    outputs = transliterator_module._convert_joined(counting, texts)
    assert outputs == [t(text) for text in texts]
    assert calls == ["Я\nШаҳар\nЯНВАРЬ\nЯ\nЯ"]


def test_long_texts_and_short_ones_mixed() -> None:
    t = translit.get("uz-latn")
    seed = next(SEEDS.glob("001_*.txt")).read_text(encoding="utf-8")
    long = seed * 3
    assert len(long) > transliterator_module.LONG_TEXT
    items = ["Шаҳар", long, None, "Я", long.replace("\n", " ")]
    assert t.many(items) == [None if item is None else t(item) for item in items]


def test_a_wrong_type_names_its_position() -> None:
    t = translit.get("ru-iso-9")
    with pytest.raises(TypeError, match=r"position 2 is int"):
        t.many(["a", None, 3])
    later = ["Щука"] * (transliterator_module.BATCH_TEXTS + 10)
    later[transliterator_module.BATCH_TEXTS + 7] = b"bytes"  # type: ignore[call-overload]
    with pytest.raises(
        TypeError, match=rf"position {transliterator_module.BATCH_TEXTS + 7} is bytes"
    ):
        t.many(later)
    with pytest.raises(TypeError, match="float"):
        t.many(["x", float("nan")])  # type: ignore[list-item]


def test_one_text_is_not_an_iterable_of_texts() -> None:
    t = translit.get("ru-iso-9")
    with pytest.raises(TypeError, match="not one text"):
        t.many("Щука")
    with pytest.raises(TypeError, match="not one text"):
        t.many(b"abc")  # type: ignore[arg-type]


def test_many_reverse_of_a_one_way_scheme() -> None:
    one_way = next(info.id for info in translit.schemes() if not info.has_reverse)
    with pytest.raises(NoReverseError):
        translit.get(one_way).many(["x"], reverse=True)


def test_a_conversion_that_writes_newlines_falls_back_to_the_loop() -> None:
    """A belt to the braces of ``_newline_free``: the lines must come back as many."""

    def convert(text: str) -> str:
        return text.replace("x", "\n")

    texts = ["axb", "c", "x", "d\ne", ""]
    assert transliterator_module._convert_joined(convert, texts) == list(map(convert, texts))


def test_the_shipped_tables_are_all_joinable() -> None:
    """Every shipped direction takes the fast path: none names a newline."""
    for info in translit.schemes():
        table = translit.get(info.id).table
        for direction in (table.forward, table.reverse):
            if direction is not None:
                assert transliterator_module._newline_free(direction, table), info.id


# -- pickling into worker processes ------------------------------------------------------------


def spawn_pool() -> concurrent.futures.ProcessPoolExecutor:
    """Workers that start afresh and import translit themselves, as on another machine."""
    return concurrent.futures.ProcessPoolExecutor(
        2, mp_context=multiprocessing.get_context("spawn")
    )


def unpickle_there(data: bytes) -> str:
    """Unpickle in a worker; what happened, as text (a worker's result must pickle back)."""
    try:
        t = pickle.loads(data)
    except TableVersionError as error:
        return f"TableVersionError: {error}"
    return str(t.many(["Щука", None]))


def test_many_in_a_process_pool_equals_the_loop() -> None:
    t = translit.get("uz-latn")
    lines = next(SEEDS.glob("001_*.txt")).read_text(encoding="utf-8").splitlines()
    chunks = [lines[i : i + 5] for i in range(0, len(lines), 5)]
    with spawn_pool() as pool:
        results = list(pool.map(t.many, chunks))
        back = list(pool.map(functools.partial(t.many, reverse=True), results))
    assert results == [[t(line) for line in chunk] for chunk in chunks]
    assert back == [t.many(result, reverse=True) for result in results]


def test_a_worker_with_another_table_version_refuses_it(tmp_path: Path) -> None:
    own = tmp_path / "ru-iso-9.toml"
    shutil.copy(translit.registry.table_path("ru-iso-9"), own)
    pickled = pickle.dumps(translit.load(own))
    with spawn_pool() as pool:
        assert pool.submit(unpickle_there, pickled).result() == "['Ŝuka', None]"
        # The table changes between the driver's pickle and the worker's load.
        with own.open("a", encoding="utf-8") as file:
            file.write("\n# another version of the table\n")
        outcome = pool.submit(unpickle_there, pickled).result()
    assert outcome.startswith("TableVersionError: the table of ru-iso-9")

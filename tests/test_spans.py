"""Text that was never the language passes through: URLs, e-mail, handles, hashtags,
Roman numerals, file names, foreign words. Expected values are worked out by hand."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

import translit
from translit import TableError
from translit.registry import scheme_paths
from translit.table.loader import load_table
from translit.table.spans import quiet_characters


@pytest.mark.parametrize(
    ("scheme", "latin", "cyrillic"),
    [
        ("uz-latn", "XX asr, XIX, Pyotr I", "XX аср, XIX, Пётр I"),
        # A one-letter numeral only after a capitalized word: alone V is the word В.
        ("ru-bgn-pcgn", "V Moskve, Karl V, XX vek. I tak", "В Москве, Карл V, XX век. И так"),
        ("uz-latn", "https://kun.uz/news/o'zbek", "https://kun.uz/news/o'zbek"),
        ("uz-latn", "yozing: info@kun.uz yoki @kunuz", "ёзинг: info@kun.uz ёки @kunuz"),
        ("uz-latn", "#Toshkent hisobot.docx", "#Toshkent hisobot.docx"),
        # w is no letter of Uzbek Latin: the whole word is foreign.
        ("uz-latn", "Wi-Fi va Windows", "Wi-Fi ва Windows"),
        ("kk-latn-2021", "vinchester, cat, Wi-Fi, qazaq", "vinchester, cat, Wi-Fi, қазақ"),
        # " between letters is read as ʺ (the table's normalize rule), so C"ap is one word
        # (Цъап), not the numeral C after a capitalized word; at a word's end C stays one.
        ("ru-ungegn-1987", 'Karl C"ap, Karl C"', 'Карл Цъап, Карл C"'),
        ("ru-ungegn-1987", 'Pod"MI', "ПодъМИ"),
    ],
)
def test_the_reverse_leaves_what_was_never_the_language(
    scheme: str, latin: str, cyrillic: str
) -> None:
    assert translit.transliterate(latin, scheme, reverse=True) == cyrillic


def test_the_forward_leaves_urls_and_email_addresses() -> None:
    text = "Сайт https://президент.рф, почта ivan@mail.ru"
    assert (
        translit.transliterate(text, "ru-iso-9") == "Sajt https://президент.рф, počta ivan@mail.ru"
    )


def test_a_lossless_table_protects_the_same_spans_both_ways() -> None:
    # МИ and ЦДЛ come out as MI and CDL, which look like Roman numerals: the way back
    # must still read them, or ISO 9 would not be lossless.
    text = "МИ ЦДЛ @иван #тег"
    latin = translit.transliterate(text, "ru-iso-9")
    assert latin == "MI CDL @ivan #teg"
    assert translit.transliterate(latin, "ru-iso-9", reverse=True) == text


def test_explain_names_protected_spans() -> None:
    steps = translit.get("uz-latn").explain("XX asr", reverse=True)
    assert (steps[0].source, steps[0].output, steps[0].origin) == ("XX", "XX", "protect")


def _table(tmp_path: Path, protect: str, reversible: str = "lossy") -> Path:
    text = f"""\
format = 1

[meta]
id = "xx-test"
name = "Test"
language = "xx"
source_script = "Cyrl"
target_script = "Latn"
standard = "none"
reversible = "{reversible}"

[map]
"а" = "a"

[reverse]

{protect}

[[samples]]
source = "а"
target = "a"
origin = "rules"
"""
    path = tmp_path / "xx-test.toml"
    path.write_text(text, "utf-8")
    return path


def test_a_table_chooses_its_spans_by_name(tmp_path: Path) -> None:
    table = load_table(_table(tmp_path, '[protect]\nforward = []\nreverse = ["handle"]'))
    assert table.forward.protect == ()
    assert table.reverse is not None and table.reverse.protect == ("handle",)


def test_unknown_span_names_are_errors(tmp_path: Path) -> None:
    with pytest.raises(TableError, match="unknown span 'urls'") as caught:
        load_table(_table(tmp_path, '[protect]\nforward = ["urls"]'))
    assert caught.value.key == "protect.forward" and caught.value.line == 18


def test_a_lossless_table_cannot_protect_more_on_the_way_back(tmp_path: Path) -> None:
    with pytest.raises(TableError, match="same spans both ways"):
        load_table(_table(tmp_path, '[protect]\nreverse = ["handle"]', "lossless"))


DIRECTIONS = [
    (path.stem, reverse)
    for path in scheme_paths()
    for reverse in (False, True)
    if not reverse or translit.get(path.stem).info.has_reverse
]


@pytest.mark.parametrize(("scheme", "reverse"), DIRECTIONS)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_a_text_of_quiet_characters_holds_no_span(
    scheme: str, reverse: bool, data: st.DataObject
) -> None:
    # The engine compiles the spans' pattern only for a text with a character outside
    # these: the pattern must find nothing in any text made of them.
    conv = translit.get(scheme)._converter(reverse=reverse)
    if conv._span_pattern is None:
        return
    quiet = sorted(conv._span_free)
    text = data.draw(st.lists(st.sampled_from(quiet), max_size=40).map("".join))
    assert regex.search(conv._span_pattern, text) is None


SPAN_EXAMPLES = [
    "https://kun.uz/x", "www.gov.kz", "ftp://a.b", "a@b.kz", "@user", "#tag", "XX asr",
    "MMXXVI", "Pyotr I", "Karl V", "hisobot.docx", "kitob.pdf", "a.txt", "cat", "Wi-Fi", "Windows",
    "щука", "ağaç", "Ürümqi", "Ελλάδα", "vinchester",
]  # fmt: skip


@pytest.mark.parametrize(("scheme", "reverse"), DIRECTIONS)
def test_a_text_with_a_span_is_searched(scheme: str, reverse: bool) -> None:
    conv = translit.get(scheme)._converter(reverse=reverse)
    if conv._span_pattern is None:
        return
    for example in SPAN_EXAMPLES:
        if regex.search(conv._span_pattern, example):
            assert conv._spans_for(example) is not None, example


def test_quiet_characters_are_the_letters_but_numerals_and_signs() -> None:
    # Every letter of the direction is quiet, X too where Roman numerals are not
    # protected; the capitals of numerals only where they are; the signs of a span never.
    letters = frozenset("aAxXvV")
    assert quiet_characters(("url",), letters).issuperset(letters)
    assert not quiet_characters(("url",), letters) & set(":./@#")
    assert quiet_characters(("url", "roman-numeral"), letters) & letters == set("aAxv")

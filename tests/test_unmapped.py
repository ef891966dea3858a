"""Tests of :mod:`translit.unmapped`: letters a scheme leaves as they are.

Expected positions are counted by hand; which letters a scheme covers comes from the standards
(ISO 9 has no Kazakh ә; the Uzbek 1995 alphabet has no ү, ұ, қ is Uzbek).
"""

from __future__ import annotations

import dataclasses

import pytest

import translit
from translit.table.model import Direction, Rule
from translit.unmapped import Unmapped, UnmappedFinder, finder, unmapped


def test_kazakh_letter_in_uzbek_text() -> None:
    assert unmapped("Түркия", "uz-latn") == [Unmapped("ү", offset=1, line=1, column=2)]


def test_capitals_are_found_and_reported_as_written() -> None:
    assert unmapped("ҮҮ", "uz-latn") == [Unmapped("Ү", 0, 1, 1), Unmapped("Ү", 1, 1, 2)]


def test_lines_and_columns_are_one_based_and_count_code_points() -> None:
    text = "мир\r\nдом ә\n\nӘ"
    # ә: line 2 ("дом ә"), column 5; Ә: line 4, column 1; \r belongs to line 1.
    assert unmapped(text, "ru-iso-9") == [Unmapped("ә", 9, 2, 5), Unmapped("Ә", 12, 4, 1)]


def test_letters_the_scheme_covers_are_not_reported() -> None:
    # Every letter of the Russian alphabet is in ISO 9's Table 1.
    alphabet = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
    assert unmapped(alphabet + alphabet.upper(), "ru-iso-9") == []


def test_other_scripts_digits_and_punctuation_are_not_reported() -> None:
    assert unmapped("Wi-Fi, 2024 г. — «Ура!» ΑΒΓ", "ru-iso-9") == []


def test_reverse_direction_checks_latin_letters() -> None:
    # ISO 9 writes no w and no x: х is h. ŝ is щ.
    assert unmapped("Ŝuka wx", "ru-iso-9", reverse=True) == [
        Unmapped("w", 5, 1, 6),
        Unmapped("x", 6, 1, 7),
    ]


def test_uzbek_reverse_covers_the_modifier_letters_and_apostrophes() -> None:
    assert unmapped("Oʻzbekiston, O'zbekiston, maʼno", "uz-latn", reverse=True) == []


def test_kazakh_capital_dotted_i_is_covered_through_the_table_casing() -> None:
    # kk-latn-2021 reverse: İ is the capital of i (и), I the capital of ı (і).
    assert unmapped("İRAN Iле", "kk-latn-2021", reverse=True) == []


def test_letter_found_only_in_a_longer_key_counts_as_covered() -> None:
    # uz-latn's reverse map has "ch" (ч) but no lone c: documented as covered.
    assert unmapped("c", "uz-latn", reverse=True) == []


def test_decomposed_letter_base_is_covered() -> None:
    # й written as и + U+0306: и is covered, the mark is no letter.
    assert unmapped("и\u0306", "ru-iso-9") == []


def test_empty_text() -> None:
    assert unmapped("", "uz-latn") == []


def test_alias_works_like_the_id() -> None:
    assert unmapped("Түркия", "uzbek") == unmapped("Түркия", "uz-latn")


def test_unknown_scheme() -> None:
    with pytest.raises(translit.UnknownSchemeError):
        unmapped("x", "nosuch")


def test_unmapped_is_frozen() -> None:
    item = Unmapped("ү", 1, 1, 2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        item.char = "x"  # type: ignore[misc]


def test_finder_is_cached() -> None:
    assert finder("uz-latn") is finder("uz-latn")
    assert finder("uz-latn") is not finder("uz-latn", reverse=True)


def test_rule_matches_exceptions_and_normalize_rules_cover_letters() -> None:
    table = translit.get("ru-iso-9").table
    direction = Direction(
        name="forward",
        letter_map={"а": "a"},
        rules=(Rule("ә", "ä", origin="rules[0]"),),
        exceptions={"үй": "üj"},
        normalize=(Rule("{extra}", "а", origin="normalize[0]"),),
    )
    fake = table._replace(forward=direction, classes={"extra": ("ғ",)})
    find = UnmappedFinder(fake)
    # а (map), ә (rule), ү and й (exception), ғ (normalize class) are covered; б and ж are not.
    assert [(u.char, u.column) for u in find("аәүйғбж")] == [("б", 6), ("ж", 7)]


def test_no_reverse_direction() -> None:
    table = translit.get("ru-iso-9").table._replace(reverse=None)
    with pytest.raises(translit.NoReverseError):
        UnmappedFinder(table, reverse=True)


def test_unknown_script_code_falls_back_to_all_letters() -> None:
    table = translit.get("ru-iso-9").table._replace(source_script="Qaaa")
    assert [u.char for u in UnmappedFinder(table)("мир ə x")] == ["ə", "x"]


def test_stems_kept_apart_from_the_rules_cover_letters() -> None:
    from types import SimpleNamespace

    table = translit.get("ru-iso-9").table
    direction = SimpleNamespace(
        letter_map={"а": "a"},
        rules=(),
        exceptions={},
        normalize=(),
        stems=(Rule("ѣд", "ěd", before=("#",), origin="stems.ѣд"),),
    )
    fake = table._replace(forward=direction)
    assert [u.char for u in UnmappedFinder(fake)("ѣда ж")] == ["ж"]

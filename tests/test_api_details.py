"""Details of the :class:`~translit.transliterator.Transliterator` API.

- ``info`` (:class:`~translit.table.model.SchemeInfo`): what the table's ``[meta]`` says.
- Where ``warnings`` and ``policy="strict"`` place a word or letter: offset, and the line and
  column counted from the last line break before it (none after it counts).
- What ``warnings`` reports: a map key or a rule the table marks ``ambiguous`` in its
  ``[reverse]``, and nothing for the forward direction, the default.
- Calls under a policy after a call without one (the fast path must not answer them), the
  ``default`` policy of a table without policies, ``keep`` and a named policy on a table of
  its own with rules, and ``reverse`` with ``strict`` (off by default).
- ``explain`` under a policy (``strict`` checks the text first) and in reverse (no policy).
- ``many`` under a policy: ``strict`` checks the given texts only; none in reverse.
- How ``many`` batches texts: short ones joined at newlines into one call, a text longer
  than ``LONG_TEXT`` (1024 characters) alone, a direction that is not joinable text by text,
  a repeated text once, a generator read slice by slice; a direction is joinable when no key,
  output, context or class holds a newline. The batching helpers are watched with a counting
  converter or a spy.

Expected values are worked out from the tables: uz-latn's reverse reads ye after a consonant
with ``reverse.rules[1]`` (ъе), which its ``[reverse] ambiguous`` marks; kk-latn-2021's reverse
reads h with the map key ``h`` (х), which it marks, and no lexicon entry begins with h, ha or
hat; ц, ч, щ, ё, ю, я, ъ, ь, э are its policy letters.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterator
from pathlib import Path
from unittest import mock

import pytest

import translit
from translit import transliterator as transliterator_module
from translit.table.model import Direction, Rule, SchemeInfo, Step
from translit.transliterator import Transliterator

LONG_TEXT = transliterator_module.LONG_TEXT


def positions(found: list[translit.transliterator.Ambiguity]) -> list[tuple[object, ...]]:
    return [(w.word, w.offset, w.line, w.column, w.letters) for w in found]


# -- where warnings place a word -------------------------------------------------------------


def test_warnings_count_lines_and_columns_from_the_last_line_break_before_the_word() -> None:
    t = translit.get("uz-latn")
    # 0 is a line break, obyekt is 1-6, a break at 7, "som " 8-11, obyekt 12-17, a break at 18.
    text = "\nobyekt\nsom obyekt\nyana"
    assert positions(t.warnings(text, reverse=True)) == [
        ("obyekt", 1, 2, 1, ("ye",)),  # right after a break at offset 0
        ("obyekt", 12, 3, 5, ("ye",)),  # two breaks before it, the last at 7
    ]


def test_a_word_at_offset_0_is_line_1_column_1_whatever_follows() -> None:
    t = translit.get("kk-latn-2021")
    # H a t, breaks at 3 and 4, hat at 5: line 3, column 1.
    assert positions(t.warnings("Hat\n\nhat", reverse=True)) == [
        ("Hat", 0, 1, 1, ("h",)),
        ("hat", 5, 3, 1, ("h",)),
    ]


def test_the_docstring_example_of_warnings() -> None:
    t = translit.get("uz-latn")
    found = t.warnings("yetim, obyekt", reverse=True)
    assert positions(found) == [("obyekt", 7, 1, 8, ("ye",))]


# -- what warnings report --------------------------------------------------------------------


def test_warnings_report_a_map_key_the_table_marks() -> None:
    t = translit.get("kk-latn-2021")
    # The pieces are given in small letters, whatever the case of the word.
    assert positions(t.warnings("HAT qala", reverse=True)) == [("HAT", 0, 1, 1, ("h",))]
    assert t.warnings("qala", reverse=True) == []


def test_warnings_report_a_reverse_rule_the_table_marks() -> None:
    t = translit.get("uz-latn")
    # ye at a word start is rules[0] (е), not marked; after b it is rules[1] (ъе), marked.
    assert t.warnings("yetim", reverse=True) == []
    assert positions(t.warnings("OBYEKT", reverse=True)) == [("OBYEKT", 0, 1, 1, ("ye",))]


def test_warnings_look_at_the_forward_direction_unless_told() -> None:
    t = translit.get("uz-latn")
    # Read forward, obyekt is Latin and passes through: nothing to report.
    assert t.warnings("obyekt") == []
    assert t.warnings("obyekt", reverse=False) == []
    # абзац is read forward with rules[1] (ц at a word end → s): a forward rule of that name
    # is not the reverse's rules[1], and the forward direction marks nothing.
    assert t.warnings("абзац") == []
    assert t.warnings("абзац", reverse=False) == []


# -- where strict places a letter ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "char", "offset", "line", "column"),
    [
        ("Цех\nҚала", "Ц", 0, 1, 1),  # at offset 0, a break after it
        ("Қала\n\nЦех", "Ц", 6, 3, 1),  # breaks at 4 and 5
        ("\nқала чай\nЯ", "ч", 6, 2, 6),  # a break at 0, one after it
    ],
)
def test_strict_places_the_first_open_letter(
    text: str, char: str, offset: int, line: int, column: int
) -> None:
    t = translit.get("kk-latn-2021")
    with pytest.raises(translit.StrictPolicyError) as caught:
        t(text, policy="strict")
    error = caught.value
    assert (error.char, error.offset, error.line, error.column) == (char, offset, line, column)


# -- explain under policies and in reverse ---------------------------------------------------


def test_explain_under_strict_checks_the_text_then_explains_the_default() -> None:
    t = translit.get("kk-latn-2021")
    assert t.explain("Қала", policy="strict") == [
        Step("Қ", "Q", "map.қ"),
        Step("а", "a", "map.а"),
        Step("л", "l", "map.л"),
        Step("а", "a", "map.а"),
    ]
    with pytest.raises(translit.StrictPolicyError) as caught:
        t.explain("Қала\nЦех", policy="strict")
    assert (caught.value.offset, caught.value.line, caught.value.column) == (5, 2, 1)


def test_explain_under_keep_and_a_named_policy() -> None:
    t = translit.get("kk-latn-2021")
    # keep maps ц to itself; press-2018 maps it to s (its [policies.press-2018.map]).
    assert t.explain("Цех", policy="keep") == [
        Step("Ц", "Ц", "map.ц"),
        Step("е", "e", "map.е"),
        Step("х", "h", "map.х"),
    ]
    assert t.explain("Цех", policy="press-2018")[0] == Step("Ц", "S", "map.ц")


def test_explain_in_reverse_takes_no_policy() -> None:
    t = translit.get("kk-latn-2021")
    assert t.explain("Hat", reverse=True) == [
        Step("H", "Х", "map.h"),
        Step("a", "а", "map.a"),
        Step("t", "т", "map.t"),
    ]
    assert t.explain("Hat", reverse=True, policy="default") == t.explain("Hat", reverse=True)
    for policy in ("keep", "strict", "press-2018"):
        with pytest.raises(translit.UnknownPolicyError):
            t.explain("Hat", reverse=True, policy=policy)


# -- how many batches texts ------------------------------------------------------------------


def counting(calls: list[str]) -> Callable[[str], str]:
    """A converter that works line by line (it writes capitals) and records each call."""

    def convert(text: str) -> str:
        calls.append(text)
        return text.upper()

    return convert


def test_short_texts_are_converted_in_one_joined_call() -> None:
    calls: list[str] = []
    chunk: list[str | None] = ["ab", "c\nd", "e"]
    got = transliterator_module._convert_chunk(counting(calls), chunk, 0, True)
    assert got == ["AB", "C\nD", "E"]
    assert calls == ["ab\nc\nd\ne"]


def test_short_texts_around_a_none_are_joined_too() -> None:
    calls: list[str] = []
    chunk: list[str | None] = ["ab", None, "cd"]
    got = transliterator_module._convert_chunk(counting(calls), chunk, 0, True)
    assert got == ["AB", None, "CD"]
    assert calls == ["ab\ncd"]


@pytest.mark.parametrize("chunk", [["ab", "cd"], ["ab", None, "cd"]])
def test_a_direction_that_is_not_joinable_converts_text_by_text(chunk: list[str | None]) -> None:
    calls: list[str] = []
    got = transliterator_module._convert_chunk(counting(calls), chunk, 0, False)
    assert got == [None if text is None else text.upper() for text in chunk]
    assert calls == ["ab", "cd"]


def test_a_text_longer_than_long_text_is_converted_alone() -> None:
    calls: list[str] = []
    exactly = "a" * LONG_TEXT
    longer = "b" * (LONG_TEXT + 1)
    chunk: list[str | None] = [None, exactly, longer, "c"]
    got = transliterator_module._convert_chunk(counting(calls), chunk, 0, True)
    assert got == [None, exactly.upper(), longer.upper(), "C"]
    # The longer text alone, as it is met; one of exactly LONG_TEXT is still joined.
    assert calls == [longer, exactly + "\nc"]


def test_texts_of_exactly_long_text_characters_are_joined() -> None:
    calls: list[str] = []
    exactly = "a" * LONG_TEXT
    got = transliterator_module._convert_chunk(counting(calls), [exactly, "c"], 0, True)
    assert got == [exactly.upper(), "C"]
    assert calls == [exactly + "\nc"]


def test_two_different_texts_are_joined_into_one_call() -> None:
    calls: list[str] = []
    assert transliterator_module._convert_joined(counting(calls), ["ab", "cd"]) == ["AB", "CD"]
    assert calls == ["ab\ncd"]


def test_a_text_that_comes_only_again_is_converted_once() -> None:
    """Even by a converter that writes line breaks, which the joined call cannot use."""
    calls: list[str] = []

    def breaking(text: str) -> str:
        calls.append(text)
        return text.replace("x", "\n")

    assert transliterator_module._convert_joined(breaking, ["x", "x"]) == ["\n", "\n"]
    assert calls == ["x"]


def test_many_converts_texts_on_both_sides_of_long_text() -> None:
    t = translit.get("ru-iso-9")
    # ISO 9: я → â, Я → Â, щ → ŝ; a text of one repeated letter keeps its case.
    items = ["я" * LONG_TEXT, None, "Я" * (LONG_TEXT + 1), "Щука", "я" * (LONG_TEXT - 1)]
    assert t.many(items) == [
        "â" * LONG_TEXT,
        None,
        "Â" * (LONG_TEXT + 1),
        "Ŝuka",
        "â" * (LONG_TEXT - 1),
    ]
    assert t.many(["Щука"]) == ["Ŝuka"]
    assert t.many(["Ŝuka\nÂ", "â" * (LONG_TEXT + 1)], reverse=True) == [
        "Щука\nЯ",
        "я" * (LONG_TEXT + 1),
    ]


def test_many_joins_the_texts_of_a_shipped_table_both_ways() -> None:
    t = translit.get("ru-iso-9")
    spy = mock.patch.object(
        transliterator_module, "_convert_joined", wraps=transliterator_module._convert_joined
    )
    with spy as joined:
        assert t.many(["Щука", None, "Я"]) == ["Ŝuka", None, "Â"]
        assert t.many(["Ŝuka", "Â"], reverse=True) == ["Щука", "Я"]
    assert [call.args[1] for call in joined.call_args_list] == [["Щука", "Я"], ["Ŝuka", "Â"]]


# -- many under a policy ---------------------------------------------------------------------

#: A table of its own whose policies decide a Latin letter: x (written кс by default).
LATIN_POLICY_TABLE = """\
format = 1

[meta]
id = "xx-policy"
name = "Test"
language = "xx"
source_script = "Latn"
target_script = "Cyrl"
standard = "none"
reversible = "none"

[alphabet]
source = "abx"
target = "абкс"

[map]
"a" = "а"
"b" = "б"
"x" = "кс"

[policies]
letters = "x"

[[samples]]
source = "ab"
target = "аб"
origin = "rules"
"""


def test_many_under_strict_checks_the_given_texts_only(tmp_path: Path) -> None:
    path = tmp_path / "xx-policy.toml"
    path.write_text(LATIN_POLICY_TABLE, encoding="utf-8")
    t = translit.load(path)
    # No x (nor X) in the texts: they convert as by default, whatever else strict looks at.
    assert t.many(["ab", None, "Ba"], policy="strict") == ["аб", None, "Ба"]
    with pytest.raises(translit.StrictPolicyError) as caught:
        t.many(["ab", "bX"], policy="strict")
    error = caught.value
    assert (error.char, error.offset, error.line, error.column) == ("X", 1, 1, 2)


def test_many_in_reverse_takes_no_policy() -> None:
    t = translit.get("kk-latn-2021")
    assert t.many(["Hat", None], reverse=True, policy="default") == ["Хат", None]
    for policy in ("keep", "strict", "press-2018"):
        with pytest.raises(translit.UnknownPolicyError):
            t.many(["Hat"], reverse=True, policy=policy)


# -- what info tells -------------------------------------------------------------------------


def test_info_tells_what_the_table_meta_says() -> None:
    """kk-latn-2021: [meta] of tables/kk-latn-2021.toml, a [reverse], and [policies]."""
    info = translit.get("kk-latn-2021").info
    assert info == SchemeInfo(
        id="kk-latn-2021",
        name="Kazakh, Cyrillic to the 2021 Latin alphabet (31 letters)",
        language="kk",
        source_script="Cyrl",
        target_script="Latn",
        standard=(
            "Improved Kazakh Latin alphabet of 31 letters, presented to the Government of "
            "Kazakhstan in January 2021 (draft decree, public discussion until 6 May 2021)"
        ),
        reversible="lossy",
        has_reverse=True,
        aliases=("kazakh-latin-2021",),
        status="provisional",
        references=(
            "Kazinform (inform.kz), January 2021: 'New version of Latin-based Kazakh alphabet "
            "presented at Government' — 31 symbols; ä ö ü ū ğ ş",
            "KazTAG, January 2021: '31 symbols … fully covering 28 sounds', one sound — one letter",
            "Wikipedia, 'Kazakh alphabets': the 2021 letter table (I/ı, İ/i, ñ) and a sample text "
            "in Cyrillic and 2021 Latin",
            "Alphabet working group concept (engime.org, 'Әліпби тұжырымдамасы'): no C, W, X, "
            "because ч and ц are not Kazakh sounds",
        ),
        notes=info.notes,  # checked below: a long text
        policies=("default", "keep", "strict", "press-2018"),
    )
    assert info.notes.startswith("Official letters: а ä, ғ ğ, і ı/I, и and й i/İ")
    assert "ia and iu at a word start or after a vowel" in info.notes


def test_info_of_a_one_way_table_without_policies() -> None:
    """ru-icao-passport: no [reverse] (reversible none), no [policies]."""
    info = translit.get("ru-icao-passport").info
    assert (info.id, info.reversible, info.has_reverse, info.policies) == (
        "ru-icao-passport",
        "none",
        False,
        (),
    )
    assert info.aliases == ("ru-icao-upper", "ru-passport-upper")
    assert info.status == "stable"
    assert len(info.references) == 2
    assert info.notes.startswith("ru-icao's letters, every one printed as a capital")
    # A two-way table without [policies] has a reverse and still no policies.
    iso = translit.get("ru-iso-9").info
    assert (iso.has_reverse, iso.policies) == (True, ())


# -- calls under a policy --------------------------------------------------------------------


def test_a_policy_is_honoured_after_a_call_without_one() -> None:
    t = translit.get("kk-latn-2021")
    # ц → ts (default), ц as it is (keep), ц → s (press-2018); е → e, х → h.
    assert t("Цех") == "Tseh"
    assert t("Цех", policy="keep") == "Цeh"
    assert t("Цех", policy="press-2018") == "Seh"
    assert t("Цех", policy="default") == "Tseh"
    assert t("Цех") == "Tseh"


def test_a_table_without_policies_takes_the_default_policy_only() -> None:
    t = translit.get("ru-iso-9")
    assert t("Щука", policy="default") == "Ŝuka"
    assert t("Щука") == "Ŝuka"
    assert t("Щука", policy="default") == "Ŝuka"
    for policy in ("keep", "strict"):
        with pytest.raises(translit.UnknownPolicyError):
            t("Щука", policy=policy)


def test_a_text_that_is_not_str_is_refused_also_after_a_call() -> None:
    t = translit.get("ru-iso-9")
    assert t("Щука") == "Ŝuka"
    with pytest.raises(TypeError, match="translit converts str, not bytes"):
        t(b"x")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="translit converts str, not NoneType"):
        t.reverse(None)  # type: ignore[arg-type]


#: A table of its own with rules on a policy letter (x) and on another letter (b), and a
#: policy with a map entry and a rule of its own.
RULES_POLICY_TABLE = """\
format = 1

[meta]
id = "xx-rules-policy"
name = "Test"
language = "xx"
source_script = "Latn"
target_script = "Cyrl"
standard = "none"
reversible = "none"

[alphabet]
source = "abx"
target = "абгзкспх"

[map]
"a" = "а"
"b" = "б"
"x" = "кс"

[[rules]]
match = "x"
after = "#"
output = "кз"

[[rules]]
match = "b"
before = "#"
output = "п"

[policies]
letters = "x"

[policies.alt]
note = "x is х, and г at a word start"

[policies.alt.map]
"x" = "х"

[[policies.alt.rules]]
match = "x"
before = "#"
output = "г"

[[samples]]
source = "bax axa"
target = "пакз акса"
origin = "rules"
"""


@pytest.fixture
def rules_policy(tmp_path: Path) -> translit.Transliterator:
    path = tmp_path / "xx-rules-policy.toml"
    path.write_text(RULES_POLICY_TABLE, encoding="utf-8")
    return translit.load(path)


def test_default_keep_and_a_named_policy_with_rules(rules_policy: translit.Transliterator) -> None:
    t = rules_policy
    # Default: b at a word start is п (rules[1]), x at a word end кз (rules[0]), else кс.
    assert t("bax axa xab") == "пакз акса ксаб"
    # keep: x stays x and the rule on x goes with it; the rule on b stays.
    assert t("bax axa xab", policy="keep") == "паx аxа xаб"
    assert t.many(["bax", "xab"], policy="keep") == ["паx", "xаб"]
    # alt: its rule first (x at a word start is г), then the table's; its map gives х.
    assert t("bax axa xab", policy="alt") == "пакз аха габ"
    assert t.many(["xab", None], policy="alt") == ["габ", None]


def test_a_table_of_its_own_pickles_by_its_file(rules_policy: translit.Transliterator) -> None:
    # The same unchanged file loads as the same transliterator.
    assert pickle.loads(pickle.dumps(rules_policy)) is rules_policy


# -- reverse and strict ----------------------------------------------------------------------


def test_reverse_is_not_strict_unless_told() -> None:
    t = translit.get("uz-latn")
    # ye after b is rules[1]: ъе, a guess, converted without complaint.
    assert t.reverse("obyekt") == "объект"
    assert t.reverse("obyekt", strict=False) == "объект"
    with pytest.raises(translit.AmbiguousWordError):
        t.reverse("obyekt", strict=True)


def test_strict_reverse_names_the_first_word_it_cannot_settle() -> None:
    t = translit.get("uz-latn")
    # Yetim is settled (ye at a word start); obyekt at 6 (line 2, column 1) and at 13.
    with pytest.raises(translit.AmbiguousWordError) as caught:
        t.reverse("Yetim\nobyekt obyekt", strict=True)
    error = caught.value
    assert (error.word, error.offset, error.line, error.column, error.letters) == (
        "obyekt",
        6,
        2,
        1,
        ("ye",),
    )
    assert t.reverse("Yetim", strict=True) == "Етим"


# -- joinable directions and slices ----------------------------------------------------------


def test_a_direction_is_joinable_only_without_a_newline_anywhere() -> None:
    table = translit.get("ru-iso-9").table
    plain = Direction(name="forward", letter_map={"а": "a"})
    newline_free = transliterator_module._newline_free
    assert newline_free(plain, table)
    with_newline = [
        plain._replace(letter_map={"а": "a\n"}),
        plain._replace(letter_map={"а\n": "a"}),
        plain._replace(exceptions={"да": "da\n"}),
        plain._replace(rules=(Rule("а", "a\n"),)),
        plain._replace(rules=(Rule("а", "a", after=("\n",)),)),
        plain._replace(rules=(Rule("а", "a", before=("\n",)),)),
        plain._replace(normalize=(Rule("\n", " "),)),
    ]
    for direction in with_newline:
        assert not newline_free(direction, table), direction
    assert not newline_free(plain, table._replace(classes={"gap": ("\n",)}))
    assert newline_free(plain, table._replace(classes={"vowel": ("а", "о")}))


def test_many_joins_each_direction_only_if_that_direction_is_joinable() -> None:
    """A table whose reverse alone writes a newline (q → a line break), built by hand."""
    table = translit.get("ru-iso-9").table
    reverse = table.reverse._replace(letter_map=table.reverse.letter_map | {"q": "\n"})
    t = Transliterator(table._replace(reverse=reverse))
    spy = mock.patch.object(
        transliterator_module, "_convert_joined", wraps=transliterator_module._convert_joined
    )
    with spy as joined:
        assert t.many(["Ŝuka", "Â", "aqa"], reverse=True) == ["Щука", "Я", "а\nа"]
        assert joined.call_count == 0
        assert t.many(["Щука", "Я"]) == ["Ŝuka", "Â"]
        assert joined.call_count == 1


def test_many_reads_a_generator_slice_by_slice() -> None:
    t = translit.get("ru-iso-9")
    produced: list[int] = []

    def generate() -> Iterator[str]:
        for index in range(7):
            produced.append(index)
            yield "Я" if index % 2 else "я"

    seen: list[tuple[int, int, int]] = []  # (start, length, texts read so far) of each slice
    real = transliterator_module._convert_chunk

    def watch(
        convert: Callable[[str], str], chunk: list[str | None], start: int, joinable: bool
    ) -> list[str | None]:
        seen.append((start, len(chunk), len(produced)))
        return real(convert, chunk, start, joinable)

    with (
        mock.patch.object(transliterator_module, "BATCH_TEXTS", 3),
        mock.patch.object(transliterator_module, "_convert_chunk", watch),
    ):
        assert t.many(generate()) == ["â", "Â", "â", "Â", "â", "Â", "â"]
    assert seen == [(0, 3, 3), (3, 3, 6), (6, 1, 7)]

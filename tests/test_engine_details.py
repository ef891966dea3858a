"""Engine details that small tables of our own pin down exactly.

Most tests load a table written to ``tmp_path`` (``TABLE``, ``RULES_TABLE``,
``UNCASED_TABLE``), so the expected outputs follow from their few letters, rules,
stems, exceptions and normalize rules and from the engine's documented behaviour
(docs/tables.md, the docstrings of ``translit.engine.compiler``): the case of exceptions,
stems, normalize output, tied pairs ([casing] units) and uncased signs; the steps
``explain`` reports; the words and offsets ``warnings`` finds around protected spans;
word edges and the marks contexts look through; foreign words; letters written as
a base and several marks; the fast path's dispatch; the word cache's bound; and the
errors of the rule notation.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import translit
from translit.table.model import Direction
from translit.transliterator import Transliterator

# A Cyrillic → Latin test table. Its forward direction protects nothing; the reverse
# protects what ``protect_reverse`` says. Every expected value in this file is worked
# out by hand from it.
TABLE = """\
format = 1

[meta]
id = "xx-test"
name = "Test table"
language = "xx"
source_script = "Cyrl"
target_script = "Latn"
standard = "none: a table for the engine's tests"
references = ["none"]
reversible = "lossy"
lexicon = "xx-test.lexicon.tsv"

[alphabet]
source = "абдезийнсхшъяё"
target = "abdezijnhsyoʺ"

[map]
"а" = "a"
"б" = "b"
"д" = "d"
"е" = "e"
"ё" = "yo"
"з" = "z"
"и" = "i"
"й" = "y"
"н" = "n"
"с" = "s"
"х" = "h"
"ш" = "sh"
"я" = "ya"

[exceptions]
"ян" = "jan"
"съ" = "sʺ"

[protect]
forward = []
reverse = PROTECT_REVERSE

[reverse]
ambiguous = ["h"]

[[reverse.normalize]]
match = "dj"
output = "dz"

[[reverse.normalize]]
match = "$"
output = "sh"
capital = true

[[samples]]
source = "ша"
target = "sha"
origin = "rules"
"""

# Line 2 holds the one word, so explain names it xx-test.lexicon.tsv:2.
LEXICON = "# words for the engine's tests\nword\tбаня\tbanja\n"


# A second table: context rules with word edges, a sign the table drops (') that is
# still part of words, a two-letter key, stems, and outputs written as one letter
# ([casing] units). Expected values below are worked out by hand from it.
RULES_TABLE = """\
format = 1

[meta]
id = "yy-test"
name = "Test table with rules"
language = "yy"
source_script = "Cyrl"
target_script = "Latn"
standard = "none: a table for the engine's tests"
references = ["none"]
reversible = "lossy"

[alphabet]
source = "абвгґдженшсцчъэ'-"
target = "abcdeghjnqstvyzʺ\\u0300\\u0361"

[casing]
units = ["t͡s", "tsh"]

[map]
"а" = "a"
"б" = "b"
"в" = "v"
"г" = "g"
"ґ" = "g\\u0300"
"д" = "d"
"дж" = "dzh"
"е" = "e"
"н" = "n"
"с" = "s"
"ц" = "t͡s"
"ч" = "tsh"
"ш" = "sh"
"ъ" = "ʺ"
"э" = "e"
"'" = ""
"-" = "-"

[protect]
forward = ["foreign-word"]

[[rules]]
match = "е"
before = "#"
output = "ye"

[[rules]]
match = "н"
after = "#"
output = "ng"

[stems]
"шаб" = "chab"
"съ" = "sʺ"

[reverse.map]
"e" = "е"

[[reverse.rules]]
match = "e"
before = "g"
output = "э"

[[reverse.normalize]]
match = "{letter}"
before = "q"
output = "a"

[[samples]]
source = "ша"
target = "sha"
origin = "rules"
"""

# A table whose source script has no case (Arabic letters), with a stem.
UNCASED_TABLE = """\
format = 1

[meta]
id = "xx-arab"
name = "Test table from a script without case"
language = "xx"
source_script = "Arab"
target_script = "Cyrl"
standard = "none: a table for the engine's tests"
references = ["none"]
reversible = "none"

[map]
"ا" = "а"
"ب" = "б"

[stems]
"ابا" = "ова"

[[samples]]
source = "ب"
target = "б"
origin = "rules"
"""


def _table(folder: Path, protect_reverse: str = '["url"]') -> Transliterator:
    (folder / "xx-test.lexicon.tsv").write_text(LEXICON, "utf-8")
    path = folder / "xx-test.toml"
    path.write_text(TABLE.replace("PROTECT_REVERSE", protect_reverse), "utf-8")
    return translit.load(path)


@pytest.fixture
def table(tmp_path: Path) -> Transliterator:
    return _table(tmp_path)


@pytest.fixture
def rules_table(tmp_path: Path) -> Transliterator:
    path = tmp_path / "yy-test.toml"
    path.write_text(RULES_TABLE, "utf-8")
    return translit.load(path)


def _steps(steps: list[translit.Step]) -> list[tuple[str, str, str]]:
    return [(step.source, step.output, step.origin) for step in steps]


# -- whole-word exceptions take the case of their word ----------------------------------


def test_an_all_capital_exception_of_two_letters_is_all_capitals(table: Transliterator) -> None:
    # ян → jan is an exception; two capitals make the whole output capitals.
    assert table("ЯН Ян ян") == "JAN Jan jan"
    assert table.reverse("JAN Jan jan") == "ЯН Ян ян"


def test_an_exception_with_one_cased_letter_takes_its_case_from_a_neighbour(
    table: Transliterator,
) -> None:
    # The reverse reads sʺ as the exception съ (forward exceptions read backwards).
    # Sʺ has one cased letter: alone it is Title case, beside SHAB all capitals, and
    # beside Shab Title case again.
    assert table.reverse("Sʺ") == "Съ"
    assert table.reverse("Sʺ SHAB") == "СЪ ШАБ"
    assert table.reverse("Shab Sʺ") == "Шаб Съ"
    assert table.reverse("sʺ") == "съ"


def test_explain_gives_an_exception_its_neighbours_case(table: Transliterator) -> None:
    assert _steps(table.explain("Sʺ SHAB", reverse=True)) == [
        ("Sʺ", "СЪ", "exceptions.sʺ"),
        ("SH", "Ш", "map.sh"),
        ("A", "А", "map.a"),
        ("B", "Б", "map.b"),
    ]
    assert _steps(table.explain("Sʺ", reverse=True)) == [("Sʺ", "Съ", "exceptions.sʺ")]


def test_explain_names_a_lexicon_word_by_file_and_line(table: Transliterator) -> None:
    assert _steps(table.explain("Баня")) == [("Баня", "Banja", "xx-test.lexicon.tsv:2")]
    assert _steps(table.explain("banja", reverse=True)) == [
        ("banja", "баня", "xx-test.lexicon.tsv:2")
    ]


# -- explain ------------------------------------------------------------------------------


def test_explain_works_where_a_direction_protects_nothing(table: Transliterator) -> None:
    # [protect] forward = []: the text, URL and all, is read as words; Latin letters
    # pass through.
    assert _steps(table.explain("www.аб")) == [
        ("w", "w", ""),
        ("w", "w", ""),
        ("w", "w", ""),
        ("а", "a", "map.а"),
        ("б", "b", "map.б"),
    ]


def test_explain_gives_a_one_letter_word_its_neighbours_case(table: Transliterator) -> None:
    # Ш alone would be Sh; beside the all-capital ШАБ it is SH.
    assert _steps(table.explain("Ш ШАБ")) == [
        ("Ш", "SH", "map.ш"),
        ("Ш", "SH", "map.ш"),
        ("А", "A", "map.а"),
        ("Б", "B", "map.б"),
    ]
    assert _steps(table.explain("Ш Шаб")) == [
        ("Ш", "Sh", "map.ш"),
        ("Ш", "Sh", "map.ш"),
        ("а", "a", "map.а"),
        ("б", "b", "map.б"),
    ]


def test_explain_lists_a_normalize_rule_before_the_letters_it_wrote(
    table: Transliterator,
) -> None:
    # dj is read as dz: the step shows what was written and the rule's output; the
    # letters that follow are those of the rewritten text, in the case of Dj.
    assert _steps(table.explain("Dja", reverse=True)) == [
        ("Dj", "dz", "reverse.normalize[0]"),
        ("D", "Д", "map.d"),
        ("z", "з", "map.z"),
        ("a", "а", "map.a"),
    ]


# -- normalize rules: the case of what they write ------------------------------------------


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("djan", "дзан"),
        ("Djan", "Дзан"),  # a capital then a small letter: Title case, Dz
        ("DJAN", "ДЗАН"),  # two capitals: DZ
        ("dJan", "дзан"),  # the first cased letter decides: small
    ],
)
def test_a_normalize_rule_writes_in_the_case_of_what_it_replaces(
    table: Transliterator, latin: str, cyrillic: str
) -> None:
    assert table.reverse(latin) == cyrillic


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("$ab", "Шаб"),  # a capital sign at a word start is a capital
        ("a$", "аш"),  # right after a small letter it is a small one
        ("A$", "АШ"),
        ("ab.$", "аб.Ш"),  # a dot is not a small letter, though "b." is lower case
        ("a.$", "а.Ш"),
    ],
)
def test_a_capital_sign_is_small_only_right_after_a_small_letter(
    table: Transliterator, latin: str, cyrillic: str
) -> None:
    assert table.reverse(latin) == cyrillic


# -- warnings: words and offsets around protected spans -------------------------------------


def test_warnings_skip_protected_spans_and_count_their_length(table: Transliterator) -> None:
    # h is marked ambiguous; the URLs are protected, so only the last word is read,
    # and its offset counts both URLs (12 characters each) and the spaces: 26.
    text = "https://a.uz https://b.uz shah"
    found = table.warnings(text, reverse=True)
    assert [(w.word, w.offset, w.line, w.column, w.letters) for w in found] == [
        ("shah", 26, 1, 27, ("h",))
    ]
    text = "https://a.uz\nhah"
    found = table.warnings(text, reverse=True)
    assert [(w.word, w.offset, w.line, w.column) for w in found] == [("hah", 13, 2, 1)]


def test_warnings_where_a_direction_protects_nothing(tmp_path: Path) -> None:
    # [protect] reverse = []: every word is read, in a URL too.
    unprotected = _table(tmp_path, "[]")
    found = unprotected.warnings("www.ah hb", reverse=True)
    assert [(w.word, w.offset, w.letters) for w in found] == [("ah", 4, ("h",)), ("hb", 7, ("h",))]


# -- letters written as a base and marks ----------------------------------------------------


def test_a_known_letter_is_found_under_a_further_mark(table: Transliterator) -> None:
    # е + U+0308 + U+0301 is ё (which the table maps) with a stress mark: yo, then
    # the mark passes through.
    assert table("е\u0308\u0301") == "yo\u0301"
    assert table("Е\u0308\u0301ж") == "Yo\u0301ж"


# -- the case of a several-letter output inside a word ------------------------------------


def test_a_stress_mark_does_not_break_a_run_of_capitals(table: Transliterator) -> None:
    # Ш → sh after the capital А is all capitals, with the uncased mark between them;
    # after a small а it is Title case.
    assert table("А\u0301Ш") == "A\u0301SH"
    assert table("а\u0301Ш") == "a\u0301Sh"


def test_a_tied_pair_is_one_letter_whatever_follows_it() -> None:
    # ALA-LC: Ц is t͡s, a unit of [casing]: a capital gives T͡S even before small
    # letters (docs/tables.md: Цимлянск → T͡Simli͡ansk). explain and a word with a
    # stress mark both go letter by letter.
    steps = translit.get("ru-ala-lc").explain("Цимлянск")
    assert [(s.source, s.output) for s in steps][:2] == [("Ц", "T͡S"), ("и", "i")]
    assert translit.transliterate("Ци\u0301млянск", "ru-ala-lc") == "T͡Si\u0301mli͡ansk"


def test_an_uncased_sign_beside_one_capital_takes_the_case_of_the_neighbours() -> None:
    # ISO 9: ʺ is ъ. In Sʺ the only cased letter is S, so the word's case is
    # ambiguous (Съ or СЪ): alone it is Title case, beside SʺEZD all capitals.
    assert translit.transliterate("Sʺ", "ru-iso-9", reverse=True) == "Съ"
    assert translit.transliterate("Sʺ SʺEZD", "ru-iso-9", reverse=True) == "СЪ СЪЕЗД"


def test_a_word_of_two_capitals_decides_a_one_letter_neighbour(table: Transliterator) -> None:
    assert table("Ш АБ") == "SH AB"
    assert table("Ш Аб") == "Sh Ab"
    assert table("АБ Ш") == "AB SH"


# -- the fast path ------------------------------------------------------------------------


def test_texts_from_fast_min_on_go_through_the_fast_path_built_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from translit.engine import compiler, fastpath

    built: list[object] = []
    used: list[str] = []
    real_build = fastpath.build

    def build(
        converter: compiler.Converter, direction: Direction, classes: dict[str, tuple[str, ...]]
    ) -> Callable[[str], str]:
        fast = real_build(converter, direction, classes)
        assert fast is not None
        built.append(fast)

        def convert(text: str) -> str:
            used.append(text)
            return fast(text)

        return convert

    monkeypatch.setattr(fastpath, "build", build)
    table = translit.get("uz-latn").table
    converter = compiler.Converter(table.forward, table.upper_case, table.classes)
    exactly = "ш" + "а" * (compiler.FAST_MIN - 1)
    assert converter("ша") == "sha"
    assert built == [] and used == []  # a short text: the reference, nothing built
    assert converter(exactly) == "sh" + "a" * (compiler.FAST_MIN - 1)
    assert converter(exactly + "ш") == "sh" + "a" * (compiler.FAST_MIN - 1) + "sh"
    assert len(built) == 1 and used == [exactly, exactly + "ш"]


# -- the notation of rules ----------------------------------------------------------------


def test_a_class_of_several_letter_members_lists_the_longest_first() -> None:
    from translit.table.notation import class_regex

    # Longest first, members of one length in the class's order (not alphabetical).
    assert class_regex(("b", "abc", "ab")) == "(?:abc|ab|b)"
    assert class_regex(("g", "zh", "ng")) == "(?:zh|ng|g)"


# -- contexts, stems and units of the second table -----------------------------------------


def test_a_sign_the_table_converts_keeps_a_letter_off_the_word_edge(
    rules_table: Transliterator,
) -> None:
    # е is ye at a word start and н is ng at a word end; the apostrophe, which the
    # table drops, is part of the word, so beside it there is no word edge.
    assert rules_table("е ан") == "ye ang"
    assert rules_table("'е ан'") == "e an"


def test_a_two_letter_key_in_capitals_gives_capitals(rules_table: Transliterator) -> None:
    assert rules_table("ДЖ Дж дж") == "DZH Dzh dzh"


def test_a_stem_takes_the_case_of_its_own_letters(rules_table: Transliterator) -> None:
    # The stem шаб → chab: all capitals in ШАБа (an abbreviation with a suffix).
    assert rules_table("ШАБа Шаба") == "CHABa Chaba"


def test_a_stem_with_one_cased_letter_takes_its_case_from_its_word(
    rules_table: Transliterator,
) -> None:
    # The forward stem съ → sʺ is also a stem of the way back, sʺ → съ. In Sʺe the
    # small e makes it Title case; a word that is only Sʺ takes a neighbour's case.
    assert rules_table.reverse("Sʺe") == "Съе"
    assert rules_table.reverse("Sʺ") == "Съ"
    assert rules_table.reverse("Sʺ SHAB") == "СЪ ШАБ"


def test_an_output_written_as_one_letter_counts_as_one_capital(
    rules_table: Transliterator,
) -> None:
    # t͡s and tsh are units, one letter each. T͡Sʺ has one capital, so ʺ is a small ъ
    # (the word alone is Title case); T͡SAʺ has two, so ʺ is a capital.
    assert rules_table.reverse("T͡Sʺ") == "Цъ"
    assert rules_table.reverse("TSHʺ") == "Чъ"
    assert rules_table.reverse("T͡SAʺ") == "ЦАЪ"


# A word of one cased letter read with a rule or a several-character key takes the case of
# its neighbours there too: Е at a word's start is ye by a rule; ʺG̀ has one cased letter
# (G̀, a two-character key), so ʺ before it is a small ъ alone, a capital beside SHAB.
@pytest.mark.parametrize(
    ("reverse", "text", "expected"),
    [
        (False, "Е Бан", "Ye Bang"),
        (False, "Е БАН", "YE BANG"),
        (True, "\u02baG\u0300", "ъҐ"),
        (True, "\u02baG\u0300 SHAB", "ЪҐ ШАБ"),
    ],
)
def test_a_rule_or_key_in_a_word_of_one_capital_takes_the_neighbours_case(
    rules_table: Transliterator, reverse: bool, text: str, expected: str
) -> None:
    assert (rules_table.reverse if reverse else rules_table)(text) == expected


def test_a_stem_without_cased_letters_writes_small_letters(tmp_path: Path) -> None:
    path = tmp_path / "xx-arab.toml"
    path.write_text(UNCASED_TABLE, "utf-8")
    uncased = translit.load(path)
    # The stem ابا → ова, then ب → б; a word the stem does not begin is read letter by letter.
    assert uncased("ابا اباب باب") == "ова оваб баб"


def test_a_normalize_rule_may_start_with_any_letter(rules_table: Transliterator) -> None:
    # The second table's normalize rule reads any letter after q as a (q itself passes
    # through), keeping the case of the letter it replaces.
    assert rules_table.reverse("qb QB qq ab") == "qа QА qа аб"


# -- the word cache -----------------------------------------------------------------------


def test_the_word_cache_counts_each_entry_and_its_characters() -> None:
    from translit.engine.compiler import ENTRY_BYTES, _WordCache

    # An entry costs ENTRY_BYTES and 4 bytes a character of the word and its output.
    two_letters = ENTRY_BYTES + 4 * (2 + 2)
    cache = _WordCache(str.upper, limit=2 * two_letters)
    assert cache["ab"] == "AB" and cache["cd"] == "CD"
    assert cache == {"ab": "AB", "cd": "CD"}  # exactly at the limit
    assert cache["ef"] == "EF"
    assert cache == {"ef": "EF"}  # one more starts afresh
    small = _WordCache(str.upper, limit=two_letters)
    assert small["ab"] == "AB" and small == {"ab": "AB"}
    # A word costing more than the whole limit is converted but never kept.
    assert small["abc"] == "ABC" and small == {}


def test_contexts_look_through_marks_but_not_through_marks_the_table_uses(
    rules_table: Transliterator,
) -> None:
    # On the way back e after g is э. ґ is written g + U+0300, a mark the table reads,
    # so g̀e has ґ, not g, before e; a stress mark, which the table does not use, is
    # looked through.
    assert rules_table.reverse("ge") == "гэ"
    assert rules_table.reverse("g\u0300e") == "ґе"
    assert rules_table.reverse("g\u0301e") == "г\u0301э"


def test_a_capital_of_the_alphabet_is_not_a_foreign_letter(rules_table: Transliterator) -> None:
    # y is in the target alphabet though the way back converts no y: Yab is not a
    # foreign word (the reverse protects foreign words by default), Y passes through.
    assert rules_table.reverse("Yab yab") == "Yаб yаб"
    # x is in no alphabet: a word with it is foreign and kept whole.
    assert rules_table.reverse("Xab xab") == "Xab xab"


# -- casing and notation errors -------------------------------------------------------------


def test_lower_case_keeps_a_capital_whose_lower_case_is_longer() -> None:
    from translit.engine.casing import Casing

    # İ's Unicode lower case is i + U+0307: positions must not move, so İ stays.
    assert Casing({}).lower("İA") == "İa"
    assert Casing({"i": "İ"}).lower("İA") == "ia"


def test_a_pattern_that_does_not_parse_says_why() -> None:
    from translit.table.notation import NotationError, check_context, parse

    with pytest.raises(NotationError, match="escapes nothing"):
        parse("а\\")
    with pytest.raises(NotationError, match="not closed"):
        parse("{")
    with pytest.raises(NotationError, match="may only stand last in an 'after' context"):
        check_context(parse("#а"), "after")


def test_a_letter_of_the_script_the_table_lacks_makes_a_foreign_word(
    rules_table: Transliterator,
) -> None:
    # The forward direction protects foreign words; Ў is Cyrillic but not this table's,
    # so Ўаб is kept whole, while аб-ба (the table converts the hyphen) is converted.
    assert rules_table("Ўаб аб-ба") == "Ўаб ab-ba"

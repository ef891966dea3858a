"""A table with a mistake fails at load time, naming its file, line and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from translit import TableError
from translit.table.loader import key_lines, load_table
from translit.transliterator import Transliterator

GOOD = """\
format = 1

[meta]
id = "xx-test"
name = "Test"
language = "xx"
source_script = "Cyrl"
target_script = "Latn"
standard = "none"
reversible = "lossy"

[classes]
vowel = "ао"

[map]
"а" = "a"
"о" = "o"
"ш" = "sh"
"щ" = "sh"
"ь" = ""

[[rules]]
match = "ш"
before = "#"
output = "s"

[reverse.map]
"sh" = "ш"

[[samples]]
source = "ша"
target = "sa"
origin = "rules"
"""


def write(tmp_path: Path, text: str, name: str = "xx-test") -> Path:
    path = tmp_path / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def broken(tmp_path: Path, text: str, name: str = "xx-test") -> TableError:
    path = write(tmp_path, text, name)
    with pytest.raises(TableError) as caught:
        load_table(path)
    assert str(path) in str(caught.value)
    return caught.value


def line_of(text: str, fragment: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if fragment in line)


def test_the_good_table_loads_and_works(tmp_path: Path) -> None:
    table = load_table(write(tmp_path, GOOD))
    transliterator = Transliterator(table)
    assert transliterator("ШАША Шаша") == "SASHA Sasha"
    assert transliterator.reverse("sha") == "ша"


def test_a_typo_in_a_rule_key_is_named_with_its_line(tmp_path: Path) -> None:
    text = GOOD.replace('output = "s"', 'ouptut = "s"')
    error = broken(tmp_path, text)
    assert error.key == "rules[0].ouptut"
    assert error.line == line_of(text, "ouptut")
    assert "unknown key" in str(error)


def test_an_unknown_class_is_named(tmp_path: Path) -> None:
    text = GOOD.replace('before = "#"', 'before = "{vowels}"')
    error = broken(tmp_path, text)
    assert error.key == "rules[0].before[0]"
    assert "{vowels}" in str(error) and "vowel" in str(error)
    assert error.line == line_of(text, "{vowels}")


def test_a_capital_in_the_map_is_refused(tmp_path: Path) -> None:
    text = GOOD.replace('"а" = "a"', '"А" = "a"')
    error = broken(tmp_path, text)
    assert error.key == "map.А"
    assert error.line == line_of(text, '"А" = "a"')
    assert "lower case" in str(error)


def test_an_ambiguous_reverse_must_be_resolved(tmp_path: Path) -> None:
    text = GOOD.replace('[reverse.map]\n"sh" = "ш"\n', "[reverse]\ndrop = []\n")
    error = broken(tmp_path, text)
    assert error.key == "map.щ"
    assert "'sh'" in str(error) and "ш, щ" in str(error)


LOSSLESS = (
    GOOD.replace('reversible = "lossy"', 'reversible = "lossless"')
    .replace('[[rules]]\nmatch = "ш"\nbefore = "#"\noutput = "s"\n', "")
    .replace('"щ" = "sh"\n"ь" = ""\n', '"щ" = "ŝ"\n')
    .replace('[reverse.map]\n"sh" = "ш"\n', "[reverse]\n")
    .replace('target = "sa"', 'target = "sha"')
)


def test_a_lossless_table_loads(tmp_path: Path) -> None:
    transliterator = Transliterator(load_table(write(tmp_path, LOSSLESS)))
    assert transliterator.reverse(transliterator("Шаща")) == "Шаща"


def test_a_lossless_table_must_not_merge_letters(tmp_path: Path) -> None:
    error = broken(tmp_path, LOSSLESS.replace('"щ" = "ŝ"', '"щ" = "sh"'))
    assert error.key == "map.щ" and "same output as 'ш'" in str(error)


def test_a_lossless_table_must_not_drop_letters(tmp_path: Path) -> None:
    error = broken(tmp_path, LOSSLESS.replace('"щ" = "ŝ"', '"щ" = ""'))
    assert error.key == "map.щ" and "cannot drop" in str(error)


def test_a_lossless_table_must_read_back_one_way(tmp_path: Path) -> None:
    text = LOSSLESS.replace('"щ" = "ŝ"', '"щ" = "ŝ"\n"с" = "s"\n"х" = "h"')
    error = broken(tmp_path, text)
    assert error.key == "map.ш" and "'s' + 'h'" in str(error)


def test_a_lossless_table_has_no_reverse_rules_of_its_own(tmp_path: Path) -> None:
    text = LOSSLESS.replace("[reverse]\n", '[reverse]\nmap = { "x" = "ш" }\n')
    error = broken(tmp_path, text)
    assert error.key == "reverse.map"


def test_a_capital_in_an_output_is_refused(tmp_path: Path) -> None:
    error = broken(tmp_path, GOOD.replace('"ш" = "sh"', '"ш" = "Sh"'))
    assert error.key == "map.ш" and "lower case" in str(error)
    error = broken(tmp_path, GOOD.replace('output = "s"', 'output = "S"'))
    assert error.key == "rules[0].output"


def test_a_space_in_a_key_is_refused(tmp_path: Path) -> None:
    error = broken(tmp_path, GOOD.replace('"а" = "a"', '"а б" = "a"'))
    assert error.key == "map.а б" and "spaces" in str(error)


def test_a_context_that_can_never_hold(tmp_path: Path) -> None:
    error = broken(tmp_path, GOOD.replace('before = "#"', 'before = "-"'))
    assert error.key == "rules[0].before[0]" and "never stands inside a word" in str(error)


def test_a_rule_hidden_by_a_broader_earlier_rule(tmp_path: Path) -> None:
    text = GOOD.replace('before = "#"', 'before = "{vowel}"')
    text += '\n[[rules]]\nmatch = "ша"\nbefore = "о"\noutput = "x"\n'
    error = broken(tmp_path, text)
    assert error.key == "rules[1]" and "rules[0]" in str(error)


def test_casing_pairs_must_be_lower_and_capital(tmp_path: Path) -> None:
    error = broken(tmp_path, GOOD.replace("[classes]", '[casing]\n"a" = "a"\n\n[classes]'))
    assert error.key == "casing.a" and "capital" in str(error)


def test_status_is_stable_or_provisional(tmp_path: Path) -> None:
    error = broken(
        tmp_path, GOOD.replace('reversible = "lossy"', 'reversible = "lossy"\nstatus = "stabel"')
    )
    assert error.key == "meta.status"


def test_a_rule_output_outside_the_alphabet_names_the_rule(tmp_path: Path) -> None:
    text = GOOD.replace("[classes]", '[alphabet]\nsource = "аошщь"\ntarget = "aosh"\n\n[classes]')
    text = text.replace('output = "s"', 'output = "z"')
    error = broken(tmp_path, text)
    assert error.key == "rules[0].output"
    assert error.line == line_of(text, 'output = "z"')


def test_toml_syntax_errors_give_the_line(tmp_path: Path) -> None:
    error = broken(tmp_path, GOOD.replace('"о" = "o"', '"о" = o'))
    assert "not valid TOML" in str(error)
    number = line_of(GOOD, '"о" = "o"')
    assert f"line {number}" in str(error)


def test_the_id_must_match_the_file_name(tmp_path: Path) -> None:
    error = broken(tmp_path, GOOD, name="xx-other")
    assert error.key == "meta.id" and "xx-other" in str(error)


def test_a_sample_must_say_where_it_comes_from(tmp_path: Path) -> None:
    error = broken(tmp_path, GOOD.replace('origin = "rules"\n', ""))
    assert error.key == "samples[0]" and "origin" in str(error)


def test_a_rule_that_can_never_apply(tmp_path: Path) -> None:
    text = GOOD + '\n[[rules]]\nmatch = "ш"\nbefore = "#"\noutput = "x"\n'
    error = broken(tmp_path, text)
    assert error.key == "rules[1]" and "rules[0]" in str(error)


def test_a_word_edge_inside_a_context(tmp_path: Path) -> None:
    error = broken(tmp_path, GOOD.replace('before = "#"', 'before = "а#"'))
    assert "'#'" in str(error) and error.key == "rules[0].before[0]"


def test_output_outside_the_declared_alphabet(tmp_path: Path) -> None:
    text = GOOD.replace("[classes]", '[alphabet]\nsource = "аошщь"\ntarget = "aosh"\n\n[classes]')
    text = text.replace('"о" = "o"', '"о" = "ö"')
    error = broken(tmp_path, text)
    assert error.key == "map.о" and "U+00F6" in str(error)


def test_unknown_top_level_section(tmp_path: Path) -> None:
    error = broken(tmp_path, GOOD + "\n[mapp]\n")
    assert error.key == "mapp"


def test_a_reverse_sample_needs_a_reverse(tmp_path: Path) -> None:
    text = GOOD.replace('reversible = "lossy"', 'reversible = "none"')
    text = text.replace('[reverse.map]\n"sh" = "ш"\n', "").replace('"щ" = "sh"', '"щ" = "shh"')
    text = text.replace('origin = "rules"', 'origin = "rules"\ndirection = "both"')
    error = broken(tmp_path, text)
    assert error.key == "samples[0].direction"


def test_text_not_in_nfc(tmp_path: Path) -> None:
    error = broken(tmp_path, GOOD.replace('"о" = "o"', '"о" = "o\u0308"'))
    assert error.key == "map.о" and "NFC" in str(error)


def test_key_lines_follow_arrays_of_tables() -> None:
    lines = key_lines(GOOD)
    assert lines[("rules", 0, "output")] == line_of(GOOD, 'output = "s"')
    assert lines[("samples", 0, "origin")] == line_of(GOOD, "origin")


def test_stems_cover_suffixed_words_and_exceptions_only_whole_words(tmp_path: Path) -> None:
    lexicon = '[stems]\n"шаш" = "x"\n\n[exceptions]\n"ашо" = "y"\n\n[[rules]]'
    text = GOOD.replace("[[rules]]", lexicon)
    transliterator = Transliterator(load_table(write(tmp_path, text)))
    # Worked out by hand: шаш… starts with the stem; ашо is only replaced as a whole word.
    assert transliterator("шаш шашо Шаша ашо ашоа") == "x xo Xa y ashoa"
    # Read backwards, both come back: x → шаш at a word start, y → ашо as a whole word;
    # in "yo" the y is no whole word, so it passes through and o becomes Cyrillic о.
    assert transliterator.reverse("x xo y yo") == "шаш шашо ашо y\u043e"


def test_a_stem_hidden_by_a_shorter_one_is_still_tried_first(tmp_path: Path) -> None:
    text = GOOD.replace("[[rules]]", '[stems]\n"ша" = "x"\n"шаш" = "z"\n\n[[rules]]')
    transliterator = Transliterator(load_table(write(tmp_path, text)))
    assert transliterator("шашо шао") == "zo xo"


# -- extends: a table built on another ------------------------------------------------

BASE = """\
format = 1

[alphabet]
source = "аошщь"
target = "aos"

[map]
"а" = "a"
"о" = "o"
"ш" = "s"

[[rules]]
match = "о"
before = "#"
output = "wo"
"""

CHILD = """\
format = 1
extends = "_xx-base"

[meta]
id = "xx-child"
name = "Child"
language = "xx"
source_script = "Cyrl"
target_script = "Latn"
standard = "none"
reversible = "none"

[alphabet]
target = "aoshw"

[map]
"ш" = "sh"

[[rules]]
match = "а"
before = "#"
output = "wa"

[[samples]]
source = "ош аш"
target = "wosh wash"
origin = "rules"
"""


def test_an_extending_table_takes_the_base_and_overrides_it(tmp_path: Path) -> None:
    write(tmp_path, BASE, "_xx-base")
    table = load_table(write(tmp_path, CHILD, "xx-child"))
    assert table.forward.letter_map == {"а": "a", "о": "o", "ш": "sh"}
    assert table.source_alphabet == "аошщь" and table.target_alphabet == "aoshw"
    # The child's rules come first; an inherited rule is named after its own table.
    assert [rule.origin for rule in table.forward.rules] == ["rules[0]", "_xx-base:rules[0]"]
    assert Transliterator(table)("Ош аш") == "Wosh wash"
    assert table.samples and table.id == "xx-child"


def test_a_mistake_in_the_base_names_the_base_file_and_line(tmp_path: Path) -> None:
    base = BASE.replace('output = "wo"', 'output = "wö"')
    base_path = write(tmp_path, base, "_xx-base")
    with pytest.raises(TableError) as caught:
        load_table(write(tmp_path, CHILD, "xx-child"))
    error = caught.value
    assert error.path == str(base_path) and error.key == "rules[0].output"
    assert error.line == line_of(base, 'output = "wö"')


def test_tables_extend_through_several_levels(tmp_path: Path) -> None:
    write(tmp_path, BASE, "_xx-base")
    write(tmp_path, 'format = 1\nextends = "_xx-base"\n[map]\n"щ" = "ss"\n', "_xx-middle")
    child = CHILD.replace('"_xx-base"', '"_xx-middle"')
    table = load_table(write(tmp_path, child, "xx-child"))
    assert table.forward.letter_map["щ"] == "ss" and table.forward.letter_map["о"] == "o"
    assert table.forward.rules[1].origin == "_xx-base:rules[0]"


def test_a_circle_of_extends_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, 'format = 1\nextends = "_xx-other"\n', "_xx-base")
    other = write(tmp_path, 'format = 1\nextends = "_xx-base"\n', "_xx-other")
    with pytest.raises(TableError) as caught:
        load_table(write(tmp_path, CHILD, "xx-child"))
    error = caught.value
    assert error.key == "extends" and "circle" in error.problem
    assert error.path == str(other)


def test_extending_a_missing_table_is_an_error(tmp_path: Path) -> None:
    error = broken(tmp_path, CHILD.replace('"_xx-base"', '"_xx-nothing"'), "xx-child")
    assert error.key == "extends" and error.line == 2


def test_a_partial_table_holds_no_meta_and_is_no_scheme(tmp_path: Path) -> None:
    base_path = write(tmp_path, BASE + '\n[meta]\nid = "x"\n', "_xx-base")
    with pytest.raises(TableError) as caught:
        load_table(write(tmp_path, CHILD, "xx-child"))
    assert caught.value.path == str(base_path) and caught.value.key == "meta"
    # An array of tables is named at its first header.
    samples = '\n[[samples]]\nsource = "а"\ntarget = "a"\n'
    write(tmp_path, BASE + samples, "_xx-base")
    with pytest.raises(TableError) as caught:
        load_table(write(tmp_path, CHILD, "xx-child"))
    assert caught.value.key == "samples"
    assert caught.value.line == BASE.count("\n") + 2
    write(tmp_path, BASE, "_xx-base")
    with pytest.raises(TableError, match="partial"):
        load_table(base_path)


def test_errors_in_rules_after_stems_name_the_rule_as_written(tmp_path: Path) -> None:
    # Stems become rules too; the error must still name rules[0], not its place after them.
    text = GOOD.replace("[classes]", '[alphabet]\nsource = "аошщь"\ntarget = "aosh"\n\n[classes]')
    text = text.replace('output = "s"', 'output = "z"')
    text = text.replace("[reverse.map]", '[stems]\n"аош" = "aosh"\n"оша" = "osha"\n\n[reverse.map]')
    error = broken(tmp_path, text)
    assert error.key == "rules[0].output" and error.line == line_of(text, 'output = "z"')


def test_aliases_are_read_by_the_checking_reader(tmp_path: Path) -> None:
    from translit.table.loader import read_aliases

    assert read_aliases(write(tmp_path, GOOD)) == ()
    one = GOOD.replace('reversible = "lossy"', 'reversible = "lossy"\naliases = "kz"')
    assert read_aliases(write(tmp_path, one)) == ("kz",)
    with pytest.raises(TableError) as caught:
        read_aliases(write(tmp_path, GOOD.replace('reversible = "lossy"', "aliases = 5")))
    assert caught.value.key == "meta.aliases"


# -- lexicon files ---------------------------------------------------------------------

LEXICON = """\
# A test lexicon: made by hand for these tests.
stem\tшаш\tsas
word\tоша\tosa
stem>\tаш\tas
word<\tшо\tzo
"""


def lexicon_table(tmp_path: Path, lexicon: str) -> Path:
    (tmp_path / "xx-test.lexicon.tsv").write_text(lexicon, "utf-8")
    text = GOOD.replace(
        'reversible = "lossy"', 'reversible = "lossy"\nlexicon = "xx-test.lexicon.tsv"'
    )
    text = text.replace('"ь" = ""', '"ь" = ""\n"з" = "z"')
    return write(tmp_path, text)


def test_a_lexicon_adds_words_and_stems_both_ways(tmp_path: Path) -> None:
    transliterator = Transliterator(load_table(lexicon_table(tmp_path, LEXICON)))
    # шаш is a stem: шашо → sas + o; the table's own rule would give s + a + sh.
    assert transliterator("шашо Шашо ШАШО") == "saso Saso SASO"
    assert transliterator("оша Оша") == "osa Osa"  # a whole word
    assert transliterator("ошао") == "oshao"  # not the whole word: the rules
    assert transliterator("ашо") == "aso"  # forward-only stem
    assert transliterator.reverse("sasa osa zo") == "шаша оша шо"
    # The forward-only stem is not read back, and s alone has no reverse in this table.
    assert transliterator.reverse("aso") == "аsо"
    steps = transliterator.explain("шашо")
    assert steps[0].origin == "xx-test.lexicon.tsv:2" and steps[0].source == "шаш"


def test_the_table_wins_over_its_lexicon(tmp_path: Path) -> None:
    path = lexicon_table(tmp_path, LEXICON + "word\tшаа\tnope\n")
    text = path.read_text("utf-8").replace(
        "[reverse.map]", '[exceptions]\n"шаа" = "saa"\n\n[reverse.map]'
    )
    path.write_text(text, "utf-8")
    assert Transliterator(load_table(path))("шаа") == "saa"


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("stems\tша\tsa\n", "unknown kind"),
        ("stem\tША\tsa\n", "lower case"),
        ("stem\tша\n", "separated by tabs"),
        ("stem\tша\ts a\n", "no word has"),
        ("stem\tшаш\tsus\n", "already 'sas' at line 2"),
    ],
)
def test_a_broken_lexicon_line_is_named(tmp_path: Path, line: str, problem: str) -> None:
    transliterator = Transliterator(load_table(lexicon_table(tmp_path, LEXICON + line)))
    with pytest.raises(TableError) as caught:
        transliterator("ша")
    assert caught.value.line == LEXICON.count("\n") + 1 and problem in str(caught.value)
    assert caught.value.path.endswith("xx-test.lexicon.tsv")


def test_a_missing_lexicon_is_an_error_at_load_time(tmp_path: Path) -> None:
    text = GOOD.replace('reversible = "lossy"', 'reversible = "lossy"\nlexicon = "none.tsv"')
    error = broken(tmp_path, text)
    assert error.key == "meta.lexicon" and "none.tsv" in error.problem


def test_casing_units_and_output_are_checked(tmp_path: Path) -> None:
    units = GOOD.replace("[classes]", '[casing]\nunits = ["sh"]\noutput = "upper"\n\n[classes]')
    table = load_table(write(tmp_path, units))
    assert table.forward.capital_units == {"sh"} and table.forward.all_capitals
    # Ш with a one-letter unit output is all capitals before small letters; everything upper.
    assert Transliterator(table)("шаша") == "SASHA"
    error = broken(tmp_path, GOOD.replace("[classes]", '[casing]\nunits = ["s"]\n\n[classes]'))
    assert error.key == "casing.units" and "2 or more" in error.problem
    error = broken(tmp_path, GOOD.replace("[classes]", '[casing]\noutput = "title"\n\n[classes]'))
    assert error.key == "casing.output"


def test_normalize_output_takes_the_case_of_its_match(tmp_path: Path) -> None:
    text = GOOD.replace(
        "[[samples]]",
        '[[reverse.normalize]]\nmatch = "x"\noutput = "sh"\n\n'
        '[[reverse.normalize]]\nmatch = "$"\nafter = "{letter}"\noutput = "sh"\ncapital = true\n\n'
        "[[samples]]",
    )
    transliterator = Transliterator(load_table(write(tmp_path, text)))
    # x stands for sh: a capital X for Sh; $ is a capital but after a small letter.
    assert transliterator.reverse("xa Xa XA $a a$a") == "ша Ша ША Ша аша"
    error = broken(tmp_path, GOOD.replace('output = "s"', 'output = "s"\ncapital = true'))
    assert error.key == "rules[0].capital"


def test_word_conditions_and_prefixes(tmp_path: Path) -> None:
    text = GOOD.replace(
        "[[samples]]",
        '[[prefixes]]\noutput = "h"\nword_has = "о"\nword_lacks = "{vowel_a}"\n\n'
        '[[rules]]\nmatch = "о"\nword_has = "ь"\noutput = "oo"\n\n[[samples]]',
    ).replace('vowel = "ао"', 'vowel = "ао"\nvowel_a = "а"')
    text = text.replace("[classes]", '[alphabet]\nsource = "аошщь"\ntarget = "aoshz"\n\n[classes]')
    transliterator = Transliterator(load_table(write(tmp_path, text)))
    # A word with о and no а takes the prefix h; with ь, о is oo.
    assert transliterator("оо оа оь") == "hoo oa hoo"
    steps = transliterator.explain("оь")
    assert [(s.source, s.output, s.origin) for s in steps][:2] == [
        ("", "h", "prefixes[0]"),
        ("о", "oo", "rules[1]"),
    ]


def test_a_prefix_needs_a_condition(tmp_path: Path) -> None:
    error = broken(
        tmp_path, GOOD.replace("[[samples]]", '[[prefixes]]\noutput = "h"\n\n[[samples]]')
    )
    assert error.key == "prefixes[0]" and "word_has or word_lacks" in error.problem


def test_replace_takes_a_section_whole_from_the_extending_table(tmp_path: Path) -> None:
    write(tmp_path, BASE, "_xx-base")
    child = CHILD.replace('extends = "_xx-base"', 'extends = "_xx-base"\nreplace = ["rules"]')
    table = load_table(write(tmp_path, child, "xx-child"))
    assert [rule.origin for rule in table.forward.rules] == ["rules[0]"]
    error = broken(tmp_path, child.replace('replace = ["rules"]', 'replace = ["meta"]'), "xx-child")
    assert error.key == "replace" and "no section to replace" in error.problem

"""Details of the loader that tests/test_loader.py leaves open.

- ``key_lines``: the line numbers errors report, with dotted and quoted headers,
  multi-line strings whose lines look like keys, and keys it cannot decode;
- ``read_aliases``: the file, key and message of its errors, and tables without ``[meta]``;
- tables built on tables: how ``extends``, ``replace`` and partial tables merge, and that an
  error in an inherited part names the file, key and line it was written in;
- every load-time check of the other sections (``[meta]``, rules, word conditions,
  ``[[prefixes]]``, ``[policies]``, ``[reverse]``, ``[protect]``, ``[casing]``, ``[classes]``,
  ``[[samples]]``, lossless tables, the alphabet): the key, line and whole message of each
  error, and what a good table reads into its :class:`~translit.table.model.Table`.

Expected line numbers are counted by hand in the small texts below; messages are the
loader's wording, and expected values follow from docs/tables.md.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_loader import write  # tests/test_loader.py

from translit import TableError
from translit.table.loader import key_lines, load_table, read_aliases
from translit.table.model import Table

# -- key_lines: headers ---------------------------------------------------------------


def test_key_lines_splits_dotted_headers_into_their_parts() -> None:
    text = 'format = 1\n[reverse.map]\n"sh" = "ш"\n'
    lines = key_lines(text)
    assert lines[("reverse", "map")] == 2
    assert lines[("reverse", "map", "sh")] == 3


def test_key_lines_records_each_header_on_its_own_line() -> None:
    text = "[meta]\n\n[map]\n"
    assert key_lines(text) == {("meta",): 1, ("map",): 3}


def test_key_lines_strips_the_quotes_of_header_parts() -> None:
    text = '[policies."spelling-2018"]\nnote = "x"\n'
    lines = key_lines(text)
    assert lines[("policies", "spelling-2018")] == 1
    assert lines[("policies", "spelling-2018", "note")] == 2


def test_key_lines_strips_only_quotes_from_header_parts() -> None:
    # Capital X at the edges of a part is part of the name, not something to strip.
    lines = key_lines('["XmX".X]\na = 1\n')
    assert lines == {("XmX", "X"): 1, ("XmX", "X", "a"): 2}


# -- key_lines: multi-line strings ----------------------------------------------------------


MULTILINE_BASIC = '''\
[meta]
notes = """
first line
fake = 1
"""
id = "x"
'''


def test_key_lines_skips_the_lines_of_a_multiline_string() -> None:
    lines = key_lines(MULTILINE_BASIC)
    assert ("meta", "fake") not in lines
    assert lines[("meta", "notes")] == 2
    assert lines[("meta", "id")] == 6


def test_key_lines_skips_the_lines_of_a_multiline_literal_string() -> None:
    text = "[meta]\nnotes = '''\nfirst line\nfake = 1\n'''\nid = \"x\"\n"
    lines = key_lines(text)
    assert ("meta", "fake") not in lines
    assert lines[("meta", "id")] == 6


def test_key_lines_a_line_with_two_other_quotes_stays_inside_the_string() -> None:
    # Inside a """ string, ''' twice neither closes it nor opens anything.
    text = '[meta]\nnotes = """\nit \'\'\' is \'\'\' quoted\nfake = 1\n"""\nid = "x"\n'
    lines = key_lines(text)
    assert ("meta", "fake") not in lines
    assert lines[("meta", "id")] == 6


def test_key_lines_a_string_opened_with_three_quote_runs_is_still_open() -> None:
    # """ opens the string and the two ''' inside it are text: three runs, still open.
    text = '[meta]\nnotes = """one \'\'\' two \'\'\'\nfake = 1\n"""\nid = "x"\n'
    lines = key_lines(text)
    assert ("meta", "fake") not in lines
    assert lines[("meta", "id")] == 5


def test_key_lines_a_one_line_triple_quoted_string_opens_nothing() -> None:
    text = '[meta]\nnotes = """all on one line"""\nid = "x"\n'
    assert key_lines(text)[("meta", "id")] == 3


def test_key_lines_finds_keys_after_several_multiline_strings() -> None:
    text = MULTILINE_BASIC + "[map]\n\"а\" = '''\na\n'''\n\"б\" = \"b\"\n"
    lines = key_lines(text)
    # [map] is line 7, "а" line 8, its string ends on line 10.
    assert lines[("map",)] == 7 and lines[("map", "а")] == 8
    assert lines[("map", "б")] == 11
    assert ("map", "a") not in lines


# -- key_lines: keys ----------------------------------------------------------------------


def test_key_lines_keeps_a_key_it_cannot_decode_as_written() -> None:
    # \q is no TOML escape: the key cannot be decoded, so it is recorded as it stands.
    lines = key_lines('[map]\n"\\q" = "x"\n')
    assert lines[("map", '"\\q"')] == 2


# -- read_aliases ----------------------------------------------------------------------------


def load_error(path: Path) -> TableError:
    """The error loading the table at ``path`` raises."""
    with pytest.raises(TableError) as caught:
        load_table(path)
    return caught.value


def test_read_aliases_of_a_table_without_meta_is_empty(tmp_path: Path) -> None:
    assert read_aliases(write(tmp_path, "format = 1\n")) == ()


def test_read_aliases_names_a_meta_that_is_no_table(tmp_path: Path) -> None:
    path = write(tmp_path, 'format = 1\nmeta = "kz"\n')
    with pytest.raises(TableError) as caught:
        read_aliases(path)
    error = caught.value
    assert error.path == str(path) and error.key == "meta" and error.line == 2
    assert error.problem == "must be a table [meta], not str"


def test_read_aliases_names_the_file_and_line_of_a_bad_alias(tmp_path: Path) -> None:
    path = write(tmp_path, 'format = 1\n\n[meta]\naliases = ["kz", 5]\n')
    with pytest.raises(TableError) as caught:
        read_aliases(path)
    error = caught.value
    assert error.path == str(path) and error.key == "meta.aliases[1]" and error.line == 4


# -- tables built on tables: extends, replace, partials ---------------------------------

BASE = """\
format = 1

[classes]
vowel = "ао"
pair = ["ша", "ш"]

[map]
"а" = "a"
"о" = "o"
"ш" = "sh"
"щ" = "sh"

[[rules]]
match = "о"
before = "#"
output = "wo"

[[rules]]
match = "а"
before = "#"
output = "wa"

[reverse.map]
"sh" = "ш"

[[reverse.rules]]
match = "w"
before = "#"
output = ""
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
reversible = "lossy"
"""

CHILD_RULE = '\n[[rules]]\nmatch = "ш"\nafter = "#"\noutput = "s"\n'


def line_of(text: str, fragment: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if fragment in line)


def load_child(tmp_path: Path, child: str, base: str = BASE) -> Table:
    write(tmp_path, base, "_xx-base")
    return load_table(write(tmp_path, child, "xx-child"))


def child_error(tmp_path: Path, child: str, base: str = BASE) -> TableError:
    with pytest.raises(TableError) as caught:
        load_child(tmp_path, child, base)
    return caught.value


def test_inherited_rules_follow_the_childs_and_keep_their_numbers(tmp_path: Path) -> None:
    table = load_child(tmp_path, CHILD + CHILD_RULE)
    # The child's one rule is rules[0]; the base's two become rules[1] and rules[2].
    assert [rule.origin for rule in table.forward.rules] == [
        "rules[0]",
        "_xx-base:rules[0]",
        "_xx-base:rules[1]",
    ]


def test_rules_and_prefixes_three_levels_down_keep_their_own_names(tmp_path: Path) -> None:
    base = BASE + '\n[[prefixes]]\noutput = "h"\nword_has = "о"\n'
    middle = 'format = 1\nextends = "_xx-base"\n' + CHILD_RULE
    middle += '\n[[prefixes]]\noutput = "y"\nword_has = "а"\n'
    write(tmp_path, middle, "_xx-middle")
    table = load_child(tmp_path, CHILD.replace('"_xx-base"', '"_xx-middle"'), base)
    assert [rule.origin for rule in table.forward.rules] == [
        "_xx-middle:rules[0]",
        "_xx-base:rules[0]",
        "_xx-base:rules[1]",
    ]
    assert [rule.origin for rule in table.forward.prefixes] == [
        "_xx-middle:prefixes[0]",
        "_xx-base:prefixes[0]",
    ]


def test_a_mistake_in_the_bases_second_rule_names_that_rule(tmp_path: Path) -> None:
    base = BASE.replace('output = "wa"', 'output = "Wa"')
    error = child_error(tmp_path, CHILD + CHILD_RULE, base)
    assert error.path == str(tmp_path / "_xx-base.toml")
    assert error.key == "rules[1].output" and error.line == line_of(base, 'output = "Wa"')


def test_a_mistake_in_a_section_only_the_base_has_names_the_base(tmp_path: Path) -> None:
    base = BASE.replace('vowel = "ао"', 'Vowel = "ао"')
    error = child_error(tmp_path, CHILD, base)
    assert error.path == str(tmp_path / "_xx-base.toml")
    assert error.key == "classes.Vowel" and error.line == 4


def test_a_mistake_in_a_base_entry_the_child_keeps_names_the_base(tmp_path: Path) -> None:
    # The child has a [map] of its own; the base's о entry is merged into it.
    base = BASE.replace('"о" = "o"', '"о" = "O"')
    error = child_error(tmp_path, CHILD + '\n[map]\n"ш" = "s"\n', base)
    assert error.path == str(tmp_path / "_xx-base.toml")
    assert error.key == "map.о" and error.line == line_of(base, '"о" = "O"')


def test_a_mistake_two_levels_down_names_the_file_it_is_in(tmp_path: Path) -> None:
    base = BASE.replace('"о" = "o"', '"о" = "O"')
    write(tmp_path, 'format = 1\nextends = "_xx-base"\n\n[map]\n"б" = "b"\n', "_xx-middle")
    error = child_error(tmp_path, CHILD.replace('"_xx-base"', '"_xx-middle"'), base)
    assert error.path == str(tmp_path / "_xx-base.toml")
    assert error.key == "map.о" and error.line == line_of(base, '"о" = "O"')


def test_a_mistake_in_the_child_over_a_base_names_the_childs_line(tmp_path: Path) -> None:
    child = CHILD + '\n[map]\n"ш" = "S"\n'
    error = child_error(tmp_path, child)
    assert error.path == str(tmp_path / "xx-child.toml")
    assert error.key == "map.ш" and error.line == line_of(child, '"ш" = "S"')


def test_an_extending_table_adds_letters_the_base_lacks(tmp_path: Path) -> None:
    table = load_child(tmp_path, CHILD + '\n[map]\n"б" = "b"\n"ш" = "s"\n')
    assert table.forward.letter_map == {"а": "a", "о": "o", "ш": "s", "щ": "sh", "б": "b"}


def test_a_list_valued_class_of_the_child_replaces_the_bases(tmp_path: Path) -> None:
    # Only rules, prefixes and reverse rules, normalize and drop add up; a class is the child's.
    table = load_child(tmp_path, CHILD + '\n[classes]\npair = ["щ"]\n')
    assert table.classes == {"vowel": ("а", "о"), "pair": ("щ",)}


def test_the_chain_of_extended_tables_is_recorded_nearest_first(tmp_path: Path) -> None:
    write(tmp_path, 'format = 1\nextends = "_xx-base"\n', "_xx-middle")
    table = load_child(tmp_path, CHILD.replace('"_xx-base"', '"_xx-middle"'))
    assert table.extends == ("_xx-middle", "_xx-base")
    assert load_child(tmp_path, CHILD).extends == ("_xx-base",)


def test_the_digest_covers_the_table_and_its_base(tmp_path: Path) -> None:
    first = load_child(tmp_path, CHILD).digest
    assert load_child(tmp_path, CHILD).digest == first
    changed_base = load_child(tmp_path, CHILD, BASE + "\n# a comment\n").digest
    changed_child = load_child(tmp_path, CHILD + "\n# a comment\n").digest
    assert len({first, changed_base, changed_child}) == 3


def test_a_section_of_the_wrong_kind_over_a_base_is_named(tmp_path: Path) -> None:
    child = CHILD.replace('extends = "_xx-base"', 'extends = "_xx-base"\nrules = "x"')
    error = child_error(tmp_path, child)
    assert error.key == "rules" and error.line == 3
    assert error.problem == "must be an array of tables ([[rules]]), not str"
    child = CHILD.replace('extends = "_xx-base"', 'extends = "_xx-base"\nclasses = "x"')
    error = child_error(tmp_path, child)
    assert error.key == "classes" and error.problem == "must be a table, not str"


def test_replacing_one_reverse_section_keeps_the_rest_of_the_base(tmp_path: Path) -> None:
    # The child has no [reverse] and no rules: replace still empties reverse.rules only.
    child = CHILD.replace(
        'extends = "_xx-base"', 'extends = "_xx-base"\nreplace = ["reverse.rules"]'
    )
    table = load_child(tmp_path, child)
    assert table.reverse is not None and table.reverse.rules == ()
    assert table.reverse.letter_map["sh"] == "ш"
    assert [rule.origin for rule in table.forward.rules] == [
        "_xx-base:rules[0]",
        "_xx-base:rules[1]",
    ]


def test_replacing_a_table_the_child_lacks_leaves_it_empty(tmp_path: Path) -> None:
    child = CHILD.replace('extends = "_xx-base"', 'extends = "_xx-base"\nreplace = ["classes"]')
    assert load_child(tmp_path, child).classes == {}


def test_replacing_reverse_rules_takes_the_childs(tmp_path: Path) -> None:
    child = CHILD.replace(
        'extends = "_xx-base"', 'extends = "_xx-base"\nreplace = ["reverse.rules"]'
    )
    child += '\n[[reverse.rules]]\nmatch = "h"\noutput = "х"\n'
    table = load_child(tmp_path, child)
    assert table.reverse is not None
    assert [(rule.match, rule.origin) for rule in table.reverse.rules] == [
        ("h", "reverse.rules[0]")
    ]


ALL_REPLACEABLE = (
    "alphabet, casing, classes, exceptions, map, policies, prefixes, protect, reverse, "
    "reverse.drop, reverse.exceptions, reverse.map, reverse.normalize, reverse.rules, "
    "reverse.stems, rules, stems"
)


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ('"rules"', 'must be a list of section names, such as "reverse.rules"'),
        ("[5]", 'must be a list of section names, such as "reverse.rules"'),
        ('["rules", "meta"]', f"'meta' is no section to replace ({ALL_REPLACEABLE})"),
    ],
)
def test_a_bad_replace_is_named_with_its_line(tmp_path: Path, value: str, problem: str) -> None:
    child = CHILD.replace('extends = "_xx-base"', f'extends = "_xx-base"\nreplace = {value}')
    error = child_error(tmp_path, child)
    assert error.path == str(tmp_path / "xx-child.toml")
    assert error.key == "replace" and error.line == 3 and error.problem == problem


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("5", "must name a table: a scheme id or a partial '_name'"),
        ('""', "must name a table: a scheme id or a partial '_name'"),
        ('"_xx-none"', "no table '_xx-none' next to this one"),
        ('"xx-child"', "'xx-child' extends this table again: a circle"),
    ],
)
def test_a_bad_extends_is_named_with_its_line(tmp_path: Path, value: str, problem: str) -> None:
    child = CHILD.replace('extends = "_xx-base"', f"extends = {value}")
    error = child_error(tmp_path, child)
    assert error.path == str(tmp_path / "xx-child.toml")
    assert error.key == "extends" and error.line == 2 and error.problem == problem


def test_a_partial_table_with_a_scheme_section_is_named(tmp_path: Path) -> None:
    base = BASE + '\n[[samples]]\nsource = "а"\ntarget = "a"\norigin = "rules"\n'
    error = child_error(tmp_path, CHILD, base)
    assert error.path == str(tmp_path / "_xx-base.toml")
    assert error.key == "samples"
    assert error.problem == (
        "a partial table holds only shared sections: alphabet, casing, classes, exceptions, "
        "extends, format, map, policies, prefixes, protect, replace, reverse, rules, stems"
    )


@pytest.mark.parametrize("first_line", ["", "format = 2\n"])
def test_a_partial_table_must_say_its_format(tmp_path: Path, first_line: str) -> None:
    error = child_error(tmp_path, CHILD, BASE.replace("format = 1\n", first_line))
    assert error.path == str(tmp_path / "_xx-base.toml")
    assert error.key == "format" and error.problem == "must be 1"
    if first_line:
        assert error.line == 1


def test_a_partial_table_cannot_be_loaded_alone(tmp_path: Path) -> None:
    path = write(tmp_path, BASE, "_xx-base")
    error = load_error(path)
    assert error.path == str(path) and error.key == "" and error.line is None
    assert error.problem == "a partial table is only read by tables that extend it"


# -- lossless tables ---------------------------------------------------------------------

LOSSLESS = """\
format = 1

[meta]
id = "xx-test"
name = "Test"
language = "xx"
source_script = "Cyrl"
target_script = "Latn"
standard = "none"
reversible = "lossless"

[map]
"т" = "t"
"ц" = "ts"
"ш" = "sh"

[reverse]
"""


def test_a_lossless_output_may_not_read_as_an_output_and_the_start_of_another(
    tmp_path: Path,
) -> None:
    # ts is t + s, and s starts sh: "tsh" could not be read back one way (docs/tables.md).
    path = write(tmp_path, LOSSLESS)
    error = load_error(path)
    assert error.key == "map.ц" and error.line == 14
    assert error.problem == "'ts' also reads as 't' + 's': not lossless"


# -- word conditions ----------------------------------------------------------------------

SIMPLE = """\
format = 1

[meta]
id = "xx-test"
name = "Test"
language = "xx"
source_script = "Cyrl"
target_script = "Latn"
standard = "none"
reversible = "none"

[classes]
vowel = "ао"
pair = ["ша", "ш"]

[map]
"а" = "a"
"о" = "o"
"ш" = "sh"
"""


def load_simple(tmp_path: Path, extra: str) -> Table:
    return load_table(write(tmp_path, SIMPLE + extra))


def simple_error(tmp_path: Path, extra: str) -> TableError:
    path = write(tmp_path, SIMPLE + extra)
    with pytest.raises(TableError) as caught:
        load_table(path)
    assert caught.value.path == str(path)
    return caught.value


def test_word_conditions_are_their_letters_once_each_in_order(tmp_path: Path) -> None:
    # о, then {vowel} = а о, then ш: о а о ш, each letter kept once where it first stands.
    rule = '\n[[rules]]\nmatch = "ш"\nword_has = "о{vowel}ш"\nword_lacks = "а"\noutput = "s"\n'
    table = load_simple(tmp_path, rule)
    (only,) = table.forward.rules
    assert (only.word_has, only.word_lacks) == ("оаш", "а")


def test_a_prefix_keeps_its_has_and_lacks_apart(tmp_path: Path) -> None:
    table = load_simple(tmp_path, '\n[[prefixes]]\noutput = "h"\nword_lacks = "{vowel}"\n')
    (prefix,) = table.forward.prefixes
    assert (prefix.word_has, prefix.word_lacks, prefix.match) == ("", "ао", "")
    assert prefix.origin == "prefixes[0]" and prefix.note == ""


SIMPLE_LINES = SIMPLE.count("\n")


@pytest.mark.parametrize(
    ("condition", "problem"),
    [
        ('"{pair}"', "{pair}: word conditions take letters"),
        ('"{letter}"', "word conditions take letters and {classes}"),
        ('"#"', "'#' cannot stand in a match"),
        ("5", "must be a string, not int"),
    ],
)
def test_a_bad_word_condition_is_named(tmp_path: Path, condition: str, problem: str) -> None:
    extra = f'\n[[rules]]\nmatch = "ш"\noutput = "s"\nword_lacks = {condition}\n'
    error = simple_error(tmp_path, extra)
    # SIMPLE, a blank line, [[rules]], match, output, then word_lacks.
    assert error.key == "rules[0].word_lacks" and error.line == SIMPLE_LINES + 5
    assert error.problem == problem


# -- policies ---------------------------------------------------------------------------------

POLICY = """
[policies]
letters = "ш"

[policies.press]
note = "How the press writes it."

[policies.press.map]
"ш" = "s"

[[policies.press.rules]]
match = "ша"
output = "sja"
"""


def test_a_policy_is_read_with_its_note_map_and_rules(tmp_path: Path) -> None:
    table = load_simple(tmp_path, POLICY)
    assert table.policy_letters == "ш" and list(table.policies) == ["press"]
    press = table.policies["press"]
    assert press.name == "press" and press.note == "How the press writes it."
    assert press.letter_map == {"ш": "s"}
    assert [(rule.match, rule.output, rule.origin) for rule in press.rules] == [
        ("ша", "sja", "policies.press.rules[0]")
    ]


def test_a_policy_without_a_note_has_an_empty_one(tmp_path: Path) -> None:
    table = load_simple(tmp_path, POLICY.replace('note = "How the press writes it."\n', ""))
    assert table.policies["press"].note == ""


def policy_line(text: str, fragment: str) -> int:
    return SIMPLE_LINES + line_of(text, fragment)


@pytest.mark.parametrize(
    ("old", "new", "key", "fragment", "problem"),
    [
        (
            'letters = "ш"\n',
            "",
            "policies",
            "[policies]",
            'name the letters the policies decide: letters = "…"',
        ),
        (
            'letters = "ш"',
            "letters = 5",
            "policies.letters",
            "letters",
            "must be a string, not int",
        ),
        (
            '"ш" = "s"',
            '"ш" = "S"',
            "policies.press.map.ш",
            '"ш" = "S"',
            "output 'S' must be lower case; the engine derives capitals",
        ),
        (
            'letters = "ш"',
            'letters = "шб"',
            "policies.letters",
            "letters",
            "'б' is not a letter of [map]",
        ),
        (
            "[policies.press]",
            "[policies.keep]",
            "policies.keep",
            "[policies.keep]",
            "a policy's name is lower case and not one of ('default', 'keep', 'strict')",
        ),
        (
            "[policies.press]",
            "[policies.Press]",
            "policies.Press",
            "[policies.Press]",
            "a policy's name is lower case and not one of ('default', 'keep', 'strict')",
        ),
        (
            'note = "How',
            'nota = "How',
            "policies.press.nota",
            "nota",
            "unknown key (expected one of: map, note, rules)",
        ),
        (
            'match = "ша"',
            'match = "{vowel}"',
            "policies.press.rules[0].match",
            "{vowel}",
            "a rule matches letters; classes belong in contexts",
        ),
    ],
)
def test_a_bad_policy_is_named_with_its_line(
    tmp_path: Path, old: str, new: str, key: str, fragment: str, problem: str
) -> None:
    # A renamed [policies.press] leaves its map and rules to a second policy, read after it.
    text = POLICY.replace(old, new)
    error = simple_error(tmp_path, text)
    assert error.key == key and error.problem == problem
    assert error.line == policy_line(text, fragment)


@pytest.mark.parametrize(
    ("text", "key", "problem"),
    [
        ('policies = "ш"\n', "policies", "must be a table, not str"),
        ('[policies]\nletters = "ш"\npress = 5\n', "policies.press", "must be a table, not int"),
    ],
)
def test_policies_of_the_wrong_kind_are_named(
    tmp_path: Path, text: str, key: str, problem: str
) -> None:
    # Written before [meta], so a top-level key belongs to no table.
    path = write(tmp_path, SIMPLE.replace("format = 1\n", "format = 1\n" + text))
    error = load_error(path)
    assert error.key == key and error.problem == problem
    assert error.line == (2 if key == "policies" else 4)


# -- rules ------------------------------------------------------------------------------------


def test_a_rule_keeps_its_contexts_and_note(tmp_path: Path) -> None:
    rule = (
        '\n[[rules]]\nmatch = "ш"\nbefore = "а"\nafter = ["о", "#"]\noutput = "s"\nnote = "§ 3"\n'
    )
    (only,) = load_simple(tmp_path, rule).forward.rules
    assert (only.before, only.after, only.note, only.capital) == (("а",), ("о", "#"), "§ 3", False)
    (plain,) = load_simple(tmp_path, '\n[[rules]]\nmatch = "ш"\noutput = "s"\n').forward.rules
    assert (plain.before, plain.after, plain.note) == ((), (), "")


def test_an_earlier_rule_with_a_word_condition_hides_nothing(tmp_path: Path) -> None:
    # The first rule applies only in words with о, so the second is still reached elsewhere.
    rules = (
        '\n[[rules]]\nmatch = "ш"\nword_has = "о"\noutput = "x"\n'
        '\n[[rules]]\nmatch = "ш"\nword_lacks = "а"\noutput = "z"\n'
        '\n[[rules]]\nmatch = "ш"\noutput = "s"\n'
    )
    table = load_simple(tmp_path, rules)
    assert [rule.output for rule in table.forward.rules] == ["x", "z", "s"]


@pytest.mark.parametrize(
    ("rule", "key", "offset", "problem"),
    [
        ('[[rules]]\noutput = "s"\n', "rules[0]", 1, "missing required key 'match'"),
        ('[[rules]]\nmatch = "ш"\n', "rules[0]", 1, "missing required key 'output'"),
        (
            '[[rules]]\nmatch = "ш а"\noutput = "s"\n',
            "rules[0].match",
            2,
            "a match holds no spaces, line breaks or controls",
        ),
        (
            '[[rules]]\nmatch = ""\noutput = "s"\n',
            "rules[0].match",
            2,
            "an empty match matches nothing",
        ),
        (
            '[[rules]]\nmatch = "{vowel}"\noutput = "s"\n',
            "rules[0].match",
            2,
            "a rule matches letters; classes belong in contexts",
        ),
        (
            '[[rules]]\nmatch = "ш"\nbefore = 5\noutput = "s"\n',
            "rules[0].before",
            3,
            "must be a string or a list of strings, not int",
        ),
        (
            '[[rules]]\nmatch = "ш"\nafter = ["а", 5]\noutput = "s"\n',
            "rules[0].after[1]",
            3,
            "must be a string, not int",
        ),
        (
            '[[rules]]\nmatch = "ш"\noutput = "s"\nnote = 5\n',
            "rules[0].note",
            4,
            "must be a string, not int",
        ),
        (
            '[[rules]]\nmatch = "ш"\noutput = "s"\n\n[[rules]]\nmatch = "ша"\noutput = "x"\n',
            "rules[1]",
            5,
            "can never apply: rules[0] matches first",
        ),
        (
            '[[rules]]\nmatch = "Ш"\noutput = "s"\n',
            "rules[0].match",
            2,
            "'Ш' must be written in lower case; the engine derives capitals",
        ),
        (
            '[[rules]]\nmatch = "ш#"\noutput = "s"\n',
            "rules[0].match",
            2,
            "'#' cannot stand in a match",
        ),
        ('[[rules]]\nmatch = 5\noutput = "s"\n', "rules[0].match", 2, "must be a string, not int"),
        (
            '[[rules]]\nmatch = "ш"\nbefore = "o\u0308"\noutput = "s"\n',
            "rules[0].before",
            3,
            "must be in Unicode NFC (compose it)",
        ),
    ],
)
def test_a_bad_rule_is_named_with_its_line(
    tmp_path: Path, rule: str, key: str, offset: int, problem: str
) -> None:
    # The rule starts on the line after SIMPLE and a blank line; offset counts from there.
    error = simple_error(tmp_path, "\n" + rule)
    assert error.key == key and error.problem == problem
    assert error.line == SIMPLE_LINES + 1 + offset


def test_a_rule_that_is_no_table_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, SIMPLE.replace("format = 1\n", "format = 1\nrules = [5]\n"))
    error = load_error(path)
    assert error.key == "rules[0]" and error.problem == "must be a table, not int"
    assert error.line == 2


def test_capital_belongs_to_normalize_rules_and_is_true_or_false(tmp_path: Path) -> None:
    reverse = SIMPLE.replace('reversible = "none"', 'reversible = "lossy"')
    normalize = '\n[[reverse.normalize]]\nmatch = "x"\noutput = "sh"\ncapital = "yes"\n'
    path = write(tmp_path, reverse + normalize)
    error = load_error(path)
    assert error.key == "reverse.normalize[0].capital"
    assert error.problem == "true or false, and only in a normalize rule"
    assert error.line == reverse.count("\n") + 5
    table = load_table(write(tmp_path, reverse + normalize.replace('capital = "yes"\n', "")))
    assert table.reverse is not None and table.reverse.normalize[0].capital is False
    table = load_table(write(tmp_path, reverse + normalize.replace('"yes"', "true")))
    assert table.reverse is not None and table.reverse.normalize[0].capital is True


# -- [meta] and the top level -------------------------------------------------------------------


def meta_error(tmp_path: Path, old: str, new: str) -> TableError:
    text = SIMPLE.replace(old, new)
    assert text != SIMPLE
    path = write(tmp_path, text)
    with pytest.raises(TableError) as caught:
        load_table(path)
    assert caught.value.path == str(path)
    return caught.value


@pytest.mark.parametrize(
    ("old", "new", "key", "line", "problem"),
    [
        ("format = 1", "format = 2", "format", 1, "must be 1"),
        (
            'id = "xx-test"',
            'id = "XX-test"',
            "meta.id",
            4,
            "must look like 'language-system' in lower case",
        ),
        (
            'id = "xx-test"',
            'id = "xxtest"',
            "meta.id",
            4,
            "must look like 'language-system' in lower case",
        ),
        ('name = "Test"\n', "", "meta", 3, "missing required key 'name'"),
        (
            'language = "xx"\nsource_script = "Cyrl"\n',
            "",
            "meta",
            3,
            "missing required key 'language'",
        ),
        ('name = "Test"', "name = 5", "meta.name", 5, "must be a string, not int"),
        ('language = "xx"', "language = 5", "meta.language", 6, "must be a string, not int"),
        (
            'reversible = "none"',
            'reversible = "none"\nreferences = 5',
            "meta.references",
            11,
            "must be a string or a list of strings, not int",
        ),
        (
            'source_script = "Cyrl"',
            "source_script = 5",
            "meta.source_script",
            7,
            "must be a string, not int",
        ),
        (
            'reversible = "none"',
            "reversible = 5",
            "meta.reversible",
            10,
            "must be a string, not int",
        ),
        (
            'reversible = "none"',
            'reversible = "none"\naliases = 5',
            "meta.aliases",
            11,
            "must be a string or a list of strings, not int",
        ),
        (
            "[classes]",
            "[alphabet]\nsource = 5\n\n[classes]",
            "alphabet.source",
            13,
            "must be a string, not int",
        ),
        ("[classes]", '[alphabet]\nsauce = "а"\n\n[classes]', "alphabet.sauce", 13, None),
        ('name = "Test"', "name = true", "meta.name", 5, "must be a string, not bool"),
        ('name = "Test"', 'nmae = "Test"', "meta.nmae", 5, None),
        (
            'reversible = "none"',
            'reversible = "some"',
            "meta.reversible",
            10,
            "must be one of lossless, lossy, none",
        ),
        (
            'reversible = "none"',
            'reversible = "lossy"',
            "meta.reversible",
            10,
            "a table with a [reverse] section is 'lossless' or 'lossy'; without one, 'none'",
        ),
        (
            'reversible = "none"',
            'reversible = "none"\nstatus = 1',
            "meta.status",
            11,
            "must be a string, not int",
        ),
    ],
)
def test_a_bad_meta_is_named_with_its_line(
    tmp_path: Path, old: str, new: str, key: str, line: int, problem: str | None
) -> None:
    error = meta_error(tmp_path, old, new)
    assert error.key == key and error.line == line
    if problem is not None:
        assert error.problem == problem


def test_a_meta_that_is_no_table_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, "format = 1\nmeta = 5\n")
    error = load_error(path)
    assert (error.key, error.line) == ("meta", 2)
    assert error.problem == "must be a table [meta], not int"


def test_meta_values_are_read(tmp_path: Path) -> None:
    extra = 'references = ["A", "B"]\nnotes = "n"\naliases = ["xx-t"]\nstatus = "provisional"'
    table = load_table(
        write(tmp_path, SIMPLE.replace('reversible = "none"', 'reversible = "none"\n' + extra))
    )
    assert (table.name, table.language, table.standard) == ("Test", "xx", "none")
    assert (table.source_script, table.target_script) == ("Cyrl", "Latn")
    assert (table.references, table.notes, table.aliases) == (("A", "B"), "n", ("xx-t",))
    assert table.status == "provisional" and table.reversible == "none"
    assert table.reverse is None and table.extends == () and table.lexicon == ""
    plain = load_table(write(tmp_path, SIMPLE))
    assert (plain.references, plain.notes, plain.aliases, plain.status) == ((), "", (), "stable")


# -- samples ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sample", "key", "offset", "problem"),
    [
        ('source = "а"\ntarget = "a"\n', "samples[0]", 1, "missing required key 'origin'"),
        ('target = "a"\norigin = "rules"\n', "samples[0]", 1, "missing required key 'source'"),
        ('source = "а"\norigin = "rules"\n', "samples[0]", 1, "missing required key 'target'"),
        (
            'source = "а"\ntarget = "a"\norigin = "guess"\n',
            "samples[0].origin",
            4,
            "must be one of standard, reference, rules",
        ),
        (
            'source = "а"\ntarget = "a"\norigin = 5\n',
            "samples[0].origin",
            4,
            "must be a string, not int",
        ),
        (
            'source = "а"\ntarget = "a"\norigin = "rules"\npolicy = 5\n',
            "samples[0].policy",
            5,
            "must be a string, not int",
        ),
        (
            'source = "а"\ntarget = "a"\norigin = "rules"\ndirection = 5\n',
            "samples[0].direction",
            5,
            "must be a string, not int",
        ),
        (
            'source = "а"\ntarget = "a"\norigin = "rules"\ndirection = "back"\n',
            "samples[0].direction",
            5,
            "must be one of forward, reverse, both",
        ),
        (
            'source = "а"\ntarget = "a"\norigin = "rules"\ndirection = "reverse"\n',
            "samples[0].direction",
            5,
            "the table has no [reverse] section",
        ),
        (
            'source = "а"\ntarget = "a"\norigin = "rules"\npolicy = "press"\n',
            "samples[0].policy",
            5,
            "no policy 'press' to test (policies: default, keep)",
        ),
        (
            'source = 5\ntarget = "a"\norigin = "rules"\n',
            "samples[0].source",
            2,
            "must be a string, not int",
        ),
        (
            'source = "а"\ntarget = 5\norigin = "rules"\n',
            "samples[0].target",
            3,
            "must be a string, not int",
        ),
        (
            'source = "а"\ntarget = "a"\norigin = "rules"\nnote = 5\n',
            "samples[0].note",
            5,
            "must be a string, not int",
        ),
        ('source = "а"\ntarget = "a"\norigin = "rules"\nwhere = 5\n', "samples[0].where", 5, None),
    ],
)
def test_a_bad_sample_is_named_with_its_line(
    tmp_path: Path, sample: str, key: str, offset: int, problem: str | None
) -> None:
    error = simple_error(tmp_path, "\n[[samples]]\n" + sample)
    assert error.key == key and error.line == SIMPLE_LINES + 1 + offset
    if problem is not None:
        assert error.problem == problem


def test_a_policy_sample_is_a_forward_sample(tmp_path: Path) -> None:
    reverse = SIMPLE.replace('reversible = "none"', 'reversible = "lossy"') + POLICY
    sample = '\n[[samples]]\nsource = "ш"\ntarget = "s"\norigin = "rules"\npolicy = "press"\n'
    table = load_table(write(tmp_path, reverse + "\n[reverse]\n" + sample))
    (read,) = table.samples
    assert (read.source, read.target, read.direction, read.policy) == ("ш", "s", "forward", "press")
    assert (read.origin, read.note) == ("rules", "")
    text = reverse + "\n[reverse]\n" + sample + 'direction = "both"\n'
    path = write(tmp_path, text)
    error = load_error(path)
    assert error.key == "samples[0].policy" and error.line == line_of(text, 'policy = "press"')
    assert error.problem == "policies choose forward output: a forward sample"
    unknown = text.replace('policy = "press"', 'policy = "paper"').replace(
        'direction = "both"\n', ""
    )
    with pytest.raises(TableError) as caught:
        load_table(write(tmp_path, unknown))
    assert caught.value.problem == "no policy 'paper' to test (policies: default, keep, press)"


# -- [reverse] ------------------------------------------------------------------------------

LOSSY = SIMPLE.replace('reversible = "none"', 'reversible = "lossy"')


def lossy_error(tmp_path: Path, extra: str) -> tuple[TableError, str]:
    text = LOSSY + extra
    path = write(tmp_path, text)
    with pytest.raises(TableError) as caught:
        load_table(path)
    assert caught.value.path == str(path)
    return caught.value, text


@pytest.mark.parametrize(
    ("reverse", "key", "fragment", "problem"),
    [
        ('drop = ["x"]', "reverse.drop", "drop", "'x' is no output of [map]"),
        ("drop = 5", "reverse.drop", "drop", "must be a string or a list of strings, not int"),
        (
            'ambiguous = ["q"]',
            "reverse.ambiguous",
            "ambiguous",
            "'q' names no reverse map key or rules[N]",
        ),
        (
            'ambiguous = ["rules[0]"]',
            "reverse.ambiguous",
            "ambiguous",
            "'rules[0]' names no reverse map key or rules[N]",
        ),
        ('capitalize = "words"', "reverse.capitalize", "capitalize", "is 'sentences' or absent"),
        ("capitalize = 5", "reverse.capitalize", "capitalize", "must be a string, not int"),
        ('mapp = "x"', "reverse.mapp", "mapp", None),
        (
            'stems = { "s" = "ш" }',
            "reverse.stems.s",
            "stems",
            "an exception is a whole word of two or more letters",
        ),
        (
            'exceptions = { "s" = "ш" }',
            "reverse.exceptions.s",
            "exceptions",
            "an exception is a whole word of two or more letters",
        ),
    ],
)
def test_a_bad_reverse_is_named_with_its_line(
    tmp_path: Path, reverse: str, key: str, fragment: str, problem: str | None
) -> None:
    error, text = lossy_error(tmp_path, "\n[reverse]\n" + reverse + "\n")
    assert error.key == key and error.line == line_of(text, fragment)
    if problem is not None:
        assert error.problem == problem


def test_a_reverse_that_is_no_table_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, LOSSY.replace("format = 1\n", "format = 1\nreverse = 5\n"))
    with pytest.raises(TableError) as caught:
        load_table(path)
    assert (caught.value.key, caught.value.line) == ("reverse", 2)
    assert caught.value.problem == "must be a table, not int"


def test_the_reverse_reads_its_own_sections(tmp_path: Path) -> None:
    extra = (
        '\n[stems]\n"шаш" = "sas"\n'
        '\n[reverse]\nambiguous = ["sh", "rules[0]"]\ncapitalize = "sentences"\n'
        '\n[reverse.stems]\n"sasa" = "шаша"\n'
        '\n[reverse.exceptions]\n"oo" = "оо"\n'
        '\n[[reverse.rules]]\nmatch = "a"\nbefore = "#"\noutput = "о"\n'
        '\n[[reverse.normalize]]\nmatch = "x"\noutput = "sh"\n'
    )
    table = load_table(write(tmp_path, LOSSY + extra))
    reverse = table.reverse
    assert reverse is not None and reverse.name == "reverse" and table.forward.name == "forward"
    assert reverse.ambiguous == frozenset({"sh", "rules[0]"}) and reverse.capitalize_sentences
    # Forward stems come back read backwards, with the reverse's own.
    assert {rule.match: rule.output for rule in reverse.stems} == {"sas": "шаш", "sasa": "шаша"}
    assert reverse.exceptions == {"oo": "оо"}
    assert [(rule.match, rule.origin) for rule in reverse.rules] == [("a", "reverse.rules[0]")]
    assert [(rule.match, rule.origin) for rule in reverse.normalize] == [
        ("x", "reverse.normalize[0]")
    ]
    plain = load_table(write(tmp_path, LOSSY + "\n[reverse]\n")).reverse
    assert plain is not None and not plain.capitalize_sentences and plain.ambiguous == frozenset()


# -- [protect] ------------------------------------------------------------------------------

ALL_SPANS = ("url", "email", "handle", "hashtag", "roman-numeral", "file-name", "foreign-word")


def test_protect_defaults_and_choices(tmp_path: Path) -> None:
    # Without [protect]: url and email forward, all seven spans in reverse (docs/tables.md).
    table = load_table(write(tmp_path, LOSSY + "\n[reverse]\n"))
    assert table.forward.protect == ("url", "email")
    assert table.reverse is not None and table.reverse.protect == ALL_SPANS
    chosen = '\n[protect]\nforward = ["email"]\nreverse = ["url", "hashtag"]\n\n[reverse]\n'
    table = load_table(write(tmp_path, LOSSY + chosen))
    assert table.forward.protect == ("email",)
    assert table.reverse is not None and table.reverse.protect == ("url", "hashtag")


def test_a_lossless_table_protects_the_forward_spans_both_ways(tmp_path: Path) -> None:
    lossless = LOSSLESS.replace('"ц" = "ts"\n', "")
    table = load_table(write(tmp_path, lossless + '\n[protect]\nforward = ["url"]\n'))
    assert table.reverse is not None and table.reverse.protect == ("url",)
    text = lossless.replace("[reverse]\n", '[protect]\nreverse = ["url", "email", "handle"]\n')
    path = write(tmp_path, text + "\n[reverse]\n")
    error = load_error(path)
    assert error.key == "protect.reverse" and error.line == line_of(text, "reverse = [")
    assert error.problem == "a lossless table protects the same spans both ways"


@pytest.mark.parametrize(
    ("protect", "key", "problem"),
    [
        ('forward = ["urls"]', "protect.forward", f"unknown span 'urls' ({', '.join(ALL_SPANS)})"),
        ('reverse = ["urls"]', "protect.reverse", f"unknown span 'urls' ({', '.join(ALL_SPANS)})"),
        ('both = ["url"]', "protect.both", None),
    ],
)
def test_a_bad_protect_is_named_with_its_line(
    tmp_path: Path, protect: str, key: str, problem: str | None
) -> None:
    error, text = lossy_error(tmp_path, "\n[protect]\n" + protect + "\n\n[reverse]\n")
    assert error.key == key and error.line == line_of(text, protect)
    if problem is not None:
        assert error.problem == problem


# -- [[prefixes]] ------------------------------------------------------------------------------


def test_a_prefix_keeps_its_note(tmp_path: Path) -> None:
    extra = '\n[[prefixes]]\noutput = "h"\nword_has = "о"\nnote = "§ 1"\n'
    (prefix,) = load_simple(tmp_path, extra).forward.prefixes
    assert (prefix.output, prefix.note, prefix.word_has) == ("h", "§ 1", "о")


@pytest.mark.parametrize(
    ("prefix", "key", "offset", "problem"),
    [
        ('word_has = "о"\n', "prefixes[0]", 1, "missing required key 'output'"),
        (
            'output = "h"\n',
            "prefixes[0]",
            1,
            "a prefix needs word_has or word_lacks: when is it written?",
        ),
        ('output = "H"\nword_has = "о"\n', "prefixes[0].output", 2, None),
        ('output = "h"\nword_has = "о"\nmatch = "о"\n', "prefixes[0].match", 4, None),
        (
            'output = "h"\nword_has = "о"\nnote = 5\n',
            "prefixes[0].note",
            4,
            "must be a string, not int",
        ),
    ],
)
def test_a_bad_prefix_is_named_with_its_line(
    tmp_path: Path, prefix: str, key: str, offset: int, problem: str | None
) -> None:
    error = simple_error(tmp_path, "\n[[prefixes]]\n" + prefix)
    assert error.key == key and error.line == SIMPLE_LINES + 1 + offset
    if problem is not None:
        assert error.problem == problem


def test_prefixes_that_are_no_array_are_named(tmp_path: Path) -> None:
    path = write(tmp_path, SIMPLE.replace("format = 1\n", "format = 1\nprefixes = 5\n"))
    with pytest.raises(TableError) as caught:
        load_table(path)
    assert (caught.value.key, caught.value.line) == ("prefixes", 2)
    assert caught.value.problem == "must be an array of tables ([[prefixes]]), not int"


# -- [casing], [classes], [map], [stems] ------------------------------------------------------


def test_casing_pairs_are_read_both_ways(tmp_path: Path) -> None:
    # Turkish-style i: its capital is İ, and İ lower-cases back to i (docs/tables.md).
    table = load_simple(tmp_path, '\n[casing]\n"i" = "İ"\n')
    assert table.upper_case == {"i": "İ"}


@pytest.mark.parametrize(
    ("section", "key", "offset", "problem"),
    [
        ('[casing]\n"i" = 5\n', "casing.i", 2, "must be a string, not int"),
        (
            "[casing]\nunits = 5\n",
            "casing.units",
            2,
            "must be a string or a list of strings, not int",
        ),
        ('[stems]\n"o\u0308о" = "x"\n', "stems.o\u0308о", 2, "must be in Unicode NFC (compose it)"),
        (
            '[stems]\n"ш" = "x"\n',
            "stems.ш",
            2,
            "an exception is a whole word of two or more letters",
        ),
        (
            '[exceptions]\n"ш-а" = "x"\n',
            "exceptions.ш-а",
            2,
            "an exception is a whole word of two or more letters",
        ),
    ],
)
def test_a_bad_section_entry_is_named_with_its_line(
    tmp_path: Path, section: str, key: str, offset: int, problem: str
) -> None:
    # Written before [meta], so each section ends where [meta] begins.
    path = write(tmp_path, SIMPLE.replace("format = 1\n", "format = 1\n\n" + section))
    error = load_error(path)
    assert error.key == key and error.problem == problem and error.line == 2 + offset


@pytest.mark.parametrize(
    ("entry", "key", "problem"),
    [
        ('some = "o\u0308"', "classes.some", "must be in Unicode NFC (compose it)"),
        ('Vowel = "а"', "classes.Vowel", "class names are lower-case letters, digits and '_'"),
        ('letter = "а"', "classes.letter", "{letter} is built in and cannot be redefined"),
        ("some = 5", "classes.some", "must be a string or a list of strings, not int"),
        ('some = ["а", ""]', "classes.some", "a class needs at least one member and no empty ones"),
    ],
)
def test_a_bad_class_is_named_with_its_line(
    tmp_path: Path, entry: str, key: str, problem: str
) -> None:
    # The entry is added first in SIMPLE's [classes], on line 13.
    path = write(tmp_path, SIMPLE.replace("[classes]\n", "[classes]\n" + entry + "\n"))
    error = load_error(path)
    assert error.key == key and error.problem == problem and error.line == 13


def test_a_map_key_not_in_nfc_is_named(tmp_path: Path) -> None:
    error = simple_error(tmp_path, '"o\u0308" = "x"\n')
    assert error.key == "map.o\u0308" and error.line == SIMPLE_LINES + 1
    assert error.problem == "must be in Unicode NFC (compose it)"


def test_the_status_must_be_a_known_one(tmp_path: Path) -> None:
    error = meta_error(tmp_path, 'reversible = "none"', 'reversible = "none"\nstatus = "beta"')
    assert error.key == "meta.status" and error.line == 11
    assert error.problem == "must be one of stable, provisional"


def test_stems_are_named_after_their_stem(tmp_path: Path) -> None:
    table = load_simple(tmp_path, '\n[stems]\n"шаш" = "sas"\n"ша" = "sa"\n')
    # Longest first, each tried only at a word start.
    assert [(rule.origin, rule.before) for rule in table.forward.stems] == [
        ("stems.шаш", ("#",)),
        ("stems.ша", ("#",)),
    ]


# -- the alphabet and contexts ---------------------------------------------------------------

ALPHABET = LOSSY.replace("[classes]", '[alphabet]\nsource = "аош"\ntarget = "aosh"\n\n[classes]')


@pytest.mark.parametrize(
    ("extra", "key", "fragment", "problem"),
    [
        (
            '\n[reverse.map]\n"x" = "ж"\n',
            "reverse.map.x",
            '"x" = "ж"',
            "writes 'ж' (U+0436), outside [alphabet]",
        ),
        (
            '\n[reverse]\n\n[[reverse.normalize]]\nmatch = "h"\noutput = "z"\n',
            "reverse.normalize[0].output",
            'output = "z"',
            "writes 'z' (U+007A), outside [alphabet]",
        ),
        (
            '\n[reverse]\n\n[[reverse.rules]]\nmatch = "s"\noutput = "ж"\n',
            "reverse.rules[0].output",
            'output = "ж"',
            "writes 'ж' (U+0436), outside [alphabet]",
        ),
        (
            '\n[exceptions]\n"шаш" = "zaz"\n\n[reverse]\n',
            "exceptions.шаш",
            '"шаш" = "zaz"',
            "writes 'z' (U+007A), outside [alphabet]",
        ),
        (
            POLICY.replace('"ш" = "s"', '"ш" = "z"') + "\n[reverse]\n",
            "policies.press.map.ш",
            '"ш" = "z"',
            "writes 'z' (U+007A), outside [alphabet]",
        ),
    ],
)
def test_output_outside_the_alphabet_is_named_with_its_line(
    tmp_path: Path, extra: str, key: str, fragment: str, problem: str
) -> None:
    # Normalize rules write the reverse's input, so their output is checked against the target.
    text = ALPHABET + extra
    path = write(tmp_path, text)
    error = load_error(path)
    assert error.key == key and error.problem == problem
    assert error.line == line_of(text, fragment)


def test_a_context_is_checked_past_a_class_it_cannot_check(tmp_path: Path) -> None:
    # {letter} is built in: nothing to check there, but the "-" after it never stands in a word.
    error = simple_error(tmp_path, '\n[[rules]]\nmatch = "ш"\nbefore = "{letter}-"\noutput = "s"\n')
    assert error.key == "rules[0].before[0]" and error.line == SIMPLE_LINES + 4
    assert error.problem == (
        "'-' never stands inside a word, so this context never holds "
        "(contexts do not reach past a word)"
    )


def test_a_sample_keeps_its_note(tmp_path: Path) -> None:
    sample = '\n[[samples]]\nsource = "ша"\ntarget = "sha"\norigin = "rules"\nnote = "§ 2"\n'
    (read,) = load_simple(tmp_path, sample).samples
    assert (read.source, read.target, read.note, read.policy) == ("ша", "sha", "§ 2", "")


@pytest.mark.parametrize(
    ("top", "key", "problem"),
    [
        ("samples = 5", "samples", "must be an array of tables ([[samples]]), not int"),
        ("samples = [5]", "samples[0]", "must be a table, not int"),
        ("casing = 5", "casing", "must be a table, not int"),
        ("map = 5", "map", "must be a table of letters, not int"),
        ("alphabet = 5", "alphabet", "must be a table, not int"),
        ("protect = 5", "protect", "must be a table, not int"),
    ],
)
def test_a_section_of_the_wrong_kind_is_named(
    tmp_path: Path, top: str, key: str, problem: str
) -> None:
    text = SIMPLE.replace("format = 1\n", "format = 1\n" + top + "\n")
    if key == "map":
        text = text.replace('\n[map]\n"а" = "a"\n"о" = "o"\n"ш" = "sh"\n', "")
    path = write(tmp_path, text)
    error = load_error(path)
    assert (error.key, error.problem, error.line) == (key, problem, 2)


LOSSLESS_OK = LOSSLESS.replace('"ц" = "ts"\n', "")


@pytest.mark.parametrize(
    "extra",
    [
        '\n[[rules]]\nmatch = "т"\nbefore = "#"\noutput = "t"\n',
        '\n[stems]\n"тш" = "tsh"\n',
        '\n[exceptions]\n"тш" = "tsh"\n',
        '\n[[prefixes]]\noutput = "t"\nword_has = "ш"\n',
    ],
)
def test_a_lossless_table_has_no_rules_stems_exceptions_or_prefixes(
    tmp_path: Path, extra: str
) -> None:
    path = write(tmp_path, LOSSLESS_OK + extra)
    error = load_error(path)
    assert (error.key, error.line) == ("meta.reversible", 10)
    assert error.problem == "a lossless table has no rules, stems, exceptions or lexicon"


@pytest.mark.parametrize(
    ("extra", "own"),
    [
        ('\n[reverse.stems]\n"tsh" = "тш"\n', "stems"),
        ('\n[reverse.exceptions]\n"tsh" = "тш"\n', "exceptions"),
        ('\n[[reverse.rules]]\nmatch = "t"\noutput = "т"\n', "rules"),
        ('\n[[reverse.normalize]]\nmatch = "x"\noutput = "t"\n', "normalize"),
    ],
)
def test_a_lossless_table_has_no_reverse_sections_of_its_own(
    tmp_path: Path, extra: str, own: str
) -> None:
    path = write(tmp_path, LOSSLESS_OK + extra)
    error = load_error(path)
    assert error.key == f"reverse.{own}"
    assert error.problem == "a lossless table's reverse is its map read back"


@pytest.mark.parametrize(
    ("casing", "key", "problem"),
    [
        ('"ab" = "A"', "casing.ab", "pairs one lower-case letter with one capital"),
        ('units = ["s"]', "casing.units", "'s': a unit is a lower-case output of 2 or more"),
        (
            'output = "title"',
            "casing.output",
            "is 'upper' (every output letter a capital) or absent",
        ),
    ],
)
def test_a_bad_casing_entry_gets_its_whole_message(
    tmp_path: Path, casing: str, key: str, problem: str
) -> None:
    path = write(
        tmp_path, SIMPLE.replace("format = 1\n", "format = 1\n\n[casing]\n" + casing + "\n")
    )
    with pytest.raises(TableError) as caught:
        load_table(path)
    assert (caught.value.key, caught.value.problem, caught.value.line) == (key, problem, 4)


def test_an_empty_map_key_is_named(tmp_path: Path) -> None:
    error = simple_error(tmp_path, '"" = "x"\n')
    assert (error.key, error.line) == ("map.", SIMPLE_LINES + 1)
    assert error.problem == "an empty key matches nothing"


@pytest.mark.parametrize(
    ("reverse", "key", "fragment", "problem"),
    [
        (
            '[reverse.map]\n"X" = "ш"\n',
            "reverse.map.X",
            '"X"',
            "'X' must be written in lower case; the engine derives capitals",
        ),
        (
            "[reverse]\nambiguous = 5\n",
            "reverse.ambiguous",
            "ambiguous",
            "must be a string or a list of strings, not int",
        ),
        (
            '[reverse]\n\n[[reverse.rules]]\nmatch = "{vowel}"\noutput = "а"\n',
            "reverse.rules[0].match",
            "{vowel}",
            "a rule matches letters; classes belong in contexts",
        ),
    ],
)
def test_more_bad_reverse_entries_are_named(
    tmp_path: Path, reverse: str, key: str, fragment: str, problem: str
) -> None:
    error, text = lossy_error(tmp_path, "\n" + reverse)
    assert (error.key, error.problem) == (key, problem)
    assert error.line == line_of(text, fragment)


def test_a_reverse_sample_without_a_policy_loads(tmp_path: Path) -> None:
    sample = (
        '\n[[samples]]\nsource = "sha"\ntarget = "ша"\norigin = "rules"\ndirection = "reverse"\n'
    )
    table = load_table(write(tmp_path, LOSSY + "\n[reverse]\n" + sample))
    assert [(s.source, s.direction, s.policy) for s in table.samples] == [("sha", "reverse", "")]


def test_a_lexicon_name_must_be_a_string(tmp_path: Path) -> None:
    error = meta_error(tmp_path, 'reversible = "none"', 'reversible = "none"\nlexicon = 5')
    assert (error.key, error.line, error.problem) == (
        "meta.lexicon",
        11,
        "must be a string, not int",
    )


def test_the_digest_covers_the_lexicon_even_when_it_is_not_utf8(tmp_path: Path) -> None:
    # The lexicon is only read for the digest at load time; a bad byte fails later, on use.
    text = SIMPLE.replace('reversible = "none"', 'reversible = "none"\nlexicon = "xx.tsv"')
    lexicon = tmp_path / "xx.tsv"
    lexicon.write_bytes(b"# one\n")
    first = load_table(write(tmp_path, text))
    assert first.lexicon == str(lexicon)
    lexicon.write_bytes(b"# two \xff\n")
    assert load_table(write(tmp_path, text)).digest != first.digest


def test_lower_case_keeps_letters_without_a_one_letter_lower_case() -> None:
    from translit.table.loader import _lower_char

    # İ lower-cases to i + U+0307, two code points: it is kept as it is.
    assert (_lower_char("İ"), _lower_char("Ш"), _lower_char("a")) == ("İ", "ш", "a")


@pytest.mark.parametrize(
    ("letters", "sources"),
    [('"щ" = "sh"\n', "ш, щ"), ('"щ" = "sh"\n"ж" = "sh"\n', "ш, щ, ж")],
)
def test_a_shared_output_names_its_second_source(
    tmp_path: Path, letters: str, sources: str
) -> None:
    # The first source could be the default; the second is where the conflict shows.
    error, text = lossy_error(tmp_path, letters + "\n[reverse]\n")
    assert error.key == "map.щ" and error.line == line_of(text, '"щ" = "sh"')
    assert error.problem == (
        f"'sh' is the output of {sources}: say in [reverse.map] which one it goes back to, "
        "or list it in reverse.drop"
    )
    table = load_table(write(tmp_path, text.replace("[reverse]\n", '[reverse]\ndrop = ["sh"]\n')))
    assert table.reverse is not None and "sh" not in table.reverse.letter_map


def test_the_reverse_keeps_apart_what_the_forward_writes_apart(tmp_path: Path) -> None:
    # ü: no output is u, so nothing to decide. â: its base a goes back to а, and а + U+0302
    # composes into no letter the forward maps, so a + U+0302 must come back apart (kept).
    # ë: its base e goes back to е, and е + U+0308 is ё, a letter of [map]: not kept.
    letters = '"ю" = "\u00fc"\n"я" = "\u00e2"\n"е" = "e"\n"ё" = "\u00eb"\n'
    table = load_table(write(tmp_path, LOSSY + letters + "\n[reverse]\n"))
    assert table.reverse is not None and table.reverse.keep_decomposed == frozenset({"\u00e2"})


@pytest.mark.parametrize("name", ["sub/xx.tsv", "sub\\\\xx.tsv"])
def test_a_lexicon_must_lie_beside_the_table(tmp_path: Path, name: str) -> None:
    # Even when the file is there: a lexicon named with a path is refused.
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "xx.tsv").write_text("# a lexicon\n", "utf-8")
    (tmp_path / "sub\\xx.tsv").write_text("# a lexicon\n", "utf-8")
    error = meta_error(tmp_path, 'reversible = "none"', f'reversible = "none"\nlexicon = "{name}"')
    written = name.replace("\\\\", "\\")
    assert (error.key, error.line) == ("meta.lexicon", 11)
    assert error.problem == f"no file {written!r} beside the table"

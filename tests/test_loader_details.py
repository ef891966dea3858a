"""Details of the loader that tests/test_loader.py leaves open.

- ``key_lines``: the line numbers errors report, with dotted and quoted headers,
  multi-line strings whose lines look like keys, and keys it cannot decode;
- ``read_aliases``: the file, key and message of its errors, and tables without ``[meta]``.

Expected line numbers are counted by hand in the small texts below.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from translit import TableError
from translit.loader import key_lines, read_aliases

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


def write(tmp_path: Path, text: str, name: str = "xx-test") -> Path:
    path = tmp_path / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


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

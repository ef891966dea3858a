"""The ``translit`` command line, run in this process.

``test_cli.py`` and ``test_cli_text.py`` run the command in subprocesses, as a user does.
Mutation testing (mutmut) cannot see which functions a subprocess runs, so the cases here call
:func:`translit.cli.main` and the helpers of :mod:`translit.cli` directly, with standard
input, output and error replaced by in-memory streams. They check what those tests leave
open: positions of errors in inputs read in pieces, the parts of the option checks one at a
time, the output file's name, mode and clean-up, the handling of failed writes, the
subcommands' reports. Expected outputs are worked out by hand from the standards' tables.
"""

from __future__ import annotations

import argparse
import errno
import functools
import io
import json
import os
import select
import signal
import stat
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

import translit
from translit import cli
from translit.cli import common, detect, normalize, scheme

REPO = Path(__file__).resolve().parents[1]


@dataclass
class Result:
    status: int
    out: str
    err: str


Run = Callable[..., Result]


@pytest.fixture(autouse=True)
def _keep_sigpipe() -> Iterator[None]:
    """The command restores SIGPIPE's default action; give the test process its own back."""
    saved = signal.getsignal(signal.SIGPIPE)
    yield
    signal.signal(signal.SIGPIPE, saved)


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch) -> Run:
    """``run(*argv, stdin=b"")``: ``translit.cli.main(argv)`` with in-memory standard streams."""

    def run_main(*argv: str, stdin: bytes = b"", stdout: io.BytesIO | None = None) -> Result:
        out = stdout if stdout is not None else io.BytesIO()
        text_out = io.TextIOWrapper(out, encoding="utf-8")
        err = io.StringIO()
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        monkeypatch.setattr(sys, "stdout", text_out)
        monkeypatch.setattr(sys, "stderr", err)
        status = cli.main(list(argv))
        text_out.flush()  # what argparse printed as text
        return Result(status, out.getvalue().decode("utf-8"), err.getvalue())

    return run_main


@pytest.fixture
def small_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    """Inputs are read in blocks of 4 bytes and lines cut at 8 characters, as a large input
    is at 1 MiB and 16 Mi characters."""
    piecewise = functools.partial(common.iter_text, block_size=4, line_cap=8)
    monkeypatch.setattr(common, "iter_text", piecewise)


# ---------------------------------------------------------------- main and its subcommands


def test_main_without_arguments_reads_the_command_line(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("_ARGCOMPLETE", raising=False)
    monkeypatch.setattr(sys, "argv", ["translit", "ru-iso-9", "-t", "Жёлтый"])
    out = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(out))
    assert cli.main() == 0
    assert out.getvalue().decode() == "Žëltyj\n"
    monkeypatch.setattr(sys, "argv", ["translit", "-r", "ru-iso-9", "-t", "Žëltyj"])
    assert scheme.main() == 0
    assert out.getvalue().decode() == "Žëltyj\nЖёлтый\n"


def test_each_subcommand_gets_the_arguments_after_its_name(run: Run) -> None:
    assert run("normalize", "-t", "Tоshkent", "-t", "Aлма") == Result(0, "Toshkent\nАлма\n", "")
    text = "Главы МИД обсудили ситуацию на Ближнем Востоке"
    latin = "Glavy MID obsudili situaciû na Bližnem Vostoke\n"
    assert run("auto", "-t", text) == Result(0, latin, "")
    assert run("auto", "--to", "cyrl", "-t", "Oʻzbekiston") == Result(0, "Ўзбекистон\n", "")
    detected = run("detect", "-t", "Сәлем, әлем!")
    assert detected.out.split("\t")[:5] == ["<text>:1-1", "kk", "Cyrl", "-", "kk-latn-2018"]


def test_subcommand_usage_errors_and_help(run: Run) -> None:
    bad = run("normalize", "--lang", "xx")
    assert (
        bad.status == 2 and "translit normalize: error: argument --lang: invalid choice" in bad.err
    )
    shown = run("auto", "--help")
    assert shown.status == 0 and shown.out.startswith("usage: translit auto ")


TEXT_WITH_FILES = "-t/--text takes the place of FILE arguments; give one or the other"
TEXT_WITH_ENCODING = "-f/--from-code names the encoding of files and standard input, not of -t"
UNKNOWN_ENCODING = "unknown encoding '{}' (Python codec names: utf-8, cp1251, koi8-r, ...)"


@pytest.mark.parametrize("subcommand", ["normalize", "auto", "detect"])
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-t", "x", "in.txt"], TEXT_WITH_FILES),
        (["-t", "x", "-f", "cp1251"], TEXT_WITH_ENCODING),
        (["-f", "cp9999"], UNKNOWN_ENCODING.format("cp9999")),
    ],
)
def test_subcommand_options_that_do_not_go_together(
    run: Run, subcommand: str, args: list[str], message: str
) -> None:
    result = run(subcommand, *args)
    assert result.status == 2 and result.out == ""
    assert result.err.endswith(f"translit {subcommand}: error: {message}\n")


def test_subcommand_reads_files_in_the_encoding_named(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "in.txt"
    path.write_bytes(b"T\xeeshkent\n")  # о (U+043E) is 0xEE in cp1251
    assert run("normalize", "-f", "cp1251", str(path)) == Result(0, "Toshkent\n", "")
    assert run("normalize", "-f", "cp1251", "--diff", str(path)) == Result(
        0, f"{path}:1:2: mixed-script: 'о' (U+043E) → 'o' (U+006F)\n", ""
    )


class FullDisk(io.BytesIO):
    """Standard output on a full disk."""

    def write(self, data: Any) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


class ClosedPipe(io.BytesIO):
    def write(self, data: Any) -> int:
        raise BrokenPipeError(errno.EPIPE, "Broken pipe")


class Unreadable(io.BytesIO):
    def __init__(self, error: BaseException) -> None:
        super().__init__()
        self.error = error

    def read1(self, size: int | None = -1) -> bytes:
        raise self.error


class Gone(io.BytesIO):
    """Standard output that fails with an error of no particular kind."""

    def write(self, data: Any) -> int:
        raise OSError("disk gone")


@pytest.mark.parametrize("command", [["ru-iso-9"], ["normalize"], ["auto"], ["detect"]])
def test_a_failed_write_is_reported_once(run: Run, command: list[str]) -> None:
    full = run(*command, "-t", "мир", stdout=FullDisk())
    assert full == Result(1, "", "translit: write error: No space left on device\n")
    assert run(*command, "-t", "мир", stdout=Gone()) == Result(
        1, "", "translit: write error: disk gone\n"
    )
    assert run(*command, "-t", "мир", stdout=ClosedPipe()) == Result(1, "", "")


@pytest.mark.parametrize("subcommand", [[], ["normalize"], ["detect"]])
def test_errors_while_reading(
    run: Run, subcommand: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    argv = [*subcommand, *([] if subcommand else ["ru-iso-9"])]
    for error, status, message in [
        (OSError(errno.EIO, "Input/output error"), 1, "translit: <stdin>: Input/output error\n"),
        (OSError("device gone"), 1, "translit: <stdin>: device gone\n"),
        (KeyboardInterrupt(), 130, ""),
    ]:
        monkeypatch.setattr(sys, "stdin", SimpleNamespace(buffer=Unreadable(error)))
        out = io.BytesIO()
        monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(out))
        err = io.StringIO()
        monkeypatch.setattr(sys, "stderr", err)
        assert (cli.main(argv), out.getvalue(), err.getvalue()) == (status, b"", message)


def test_a_broken_table_is_status_1_in_a_subcommand(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(text: str, *args: object, **kwargs: object) -> str:
        raise translit.TableError("tables/x.toml", "map.ж", "output must be a string", 3)

    monkeypatch.setattr("translit.text.normalize.normalize", broken)
    expected = "translit: tables/x.toml:3: map.ж: output must be a string\n"
    assert run("normalize", "-t", "x") == Result(1, "", expected)


def test_no_standard_input_or_output(monkeypatch: pytest.MonkeyPatch) -> None:
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.setattr(sys, "stdin", None)
    assert cli.main(["ru-iso-9"]) == 1
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO()))
    monkeypatch.setattr(sys, "stdout", None)
    assert cli.main(["ru-iso-9", "-t", "x"]) == 1
    assert err.getvalue() == (
        "translit: <stdin>: Bad file descriptor\ntranslit: standard output: Bad file descriptor\n"
    )


def test_sigpipe_gets_its_default_action(run: Run) -> None:
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    run("-V")
    assert signal.getsignal(signal.SIGPIPE) == signal.SIG_DFL
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    run("normalize", "-t", "x")
    assert signal.getsignal(signal.SIGPIPE) == signal.SIG_DFL


# ---------------------------------------------------------------- the scheme command's options


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "the following arguments are required: SCHEME"),
        (["-l", "ru-iso-9"], "-l/--list takes no SCHEME or FILE (only --json)"),
        (
            ["-l", "-f", "cp1251", "-o", "x", "--errors", "replace", "--warn-unmapped"],
            "-l/--list takes no -f, -o, --errors, --warn-unmapped (only --json)",
        ),
        (
            ["--list", "--policy", "keep", "--explain", "--to", "ru-iso-9"],
            "-l/--list takes no --policy, --explain, --from/--to (only --json)",
        ),
        (["-l", "--from", "ru-iso-9"], "-l/--list takes no --from/--to (only --json)"),
        (["-l", "--strict", "-r", "-t", "x"], "-l/--list takes no -t, -r, --strict (only --json)"),
        (["--json", "ru-iso-9"], "--json goes with -l/--list"),
        (["--to", "ru-iso-9", "-t", "x"], "--from and --to go together"),
        (["--from", "ru-iso-9", "in.txt"], "--from and --to go together"),
        (
            ["--from", "kk-latn-2018", "--to", "kk-latn-2021", "-r"],
            "--from/--to already says the way: leave out -r",
        ),
        (
            ["--from", "kk-latn-2018", "--to", "kk-latn-2021", "--warn-unmapped"],
            "--warn-unmapped, --strict and --explain go with one SCHEME, not --from/--to",
        ),
        (
            ["--from", "kk-latn-2018", "--to", "kk-latn-2021", "--explain"],
            "--warn-unmapped, --strict and --explain go with one SCHEME, not --from/--to",
        ),
        (["--from", "kk-latn-2018", "--to", "kk-latn-2021", "-t", "x", "in.txt"], TEXT_WITH_FILES),
        (["ru-iso-9", "-t", "x", "-f", "utf-8"], TEXT_WITH_ENCODING),
        (["ru-iso-9", "--from-code", "base64"], UNKNOWN_ENCODING.format("base64")),
    ],
)
def test_options_that_do_not_go_together(run: Run, argv: list[str], message: str) -> None:
    result = run(*argv)
    assert result.status == 2 and result.out == ""
    assert result.err.startswith("usage: translit [options] SCHEME [FILE ...]\n")
    assert result.err.endswith(f"\ntranslit: error: {message}\n")


def test_parse_args_for_from_and_to_takes_every_positional_for_a_file() -> None:
    args = scheme.parse_args(["--from", "kk-latn-2018", "a.txt", "--to", "kk-latn-2021", "b.txt"])
    assert (args.scheme, args.files) == (None, ["a.txt", "b.txt"])
    alone = scheme.parse_args(["-l", "--json"])
    assert (alone.list, alone.json, alone.scheme, alone.errors) == (True, True, None, "strict")


@pytest.mark.parametrize("argv", [["-h", "-l", "x"], ["-V", "--json"], ["--version", "-r"]])
def test_help_and_version_take_the_place_of_the_other_options(run: Run, argv: list[str]) -> None:
    result = run(*argv)
    assert result.status == 0 and result.err == ""
    expected = "usage: translit " if "-h" in argv else f"translit {translit.__version__}\n"
    assert result.out.startswith(expected)


def test_help_shows_the_usage_and_how_each_option_is_written(run: Run) -> None:
    result = run("--help")
    assert result.status == 0 and result.err == ""
    assert result.out.startswith(
        "usage: translit [options] SCHEME [FILE ...]\n"
        "       translit [options] SCHEME -t TEXT [-t TEXT ...]\n"
        "       translit [options] --from SCHEME --to SCHEME [FILE ...]\n"
        "       translit normalize|auto|detect [options] [FILE ...]\n"
        "       translit -l [--json] | -V | -h\n"
    )
    assert "\nexamples:\n  echo 'Қазақстан Республикасы' | translit kk-latn-2021\n" in result.out
    listed = result.out.split("\npositional arguments:\n")[1]  # what follows the usage
    words = " " + " ".join(listed.split()) + " "
    for written in [
        " SCHEME scheme id or alias,",
        " FILE input files; '-' is stdin ",
        " -r, --reverse transliterate back (if the scheme can) ",
        " -t TEXT, --text TEXT ",
        " -f ENCODING, --from-code ENCODING ",
        " -o FILE, --output FILE ",
        " --policy NAME ",
        " --explain ",
        " --from SCHEME ",
        " --to SCHEME see --from ",
        " --errors {strict,replace} ",
        " --warn-unmapped ",
        " --strict ",
        " -l, --list list the schemes and exit ",
        " --json with -l: the list as JSON ",
        " -V, --version print the version and exit ",
        " --print-completion SHELL ",
        " -h, --help show this help and exit ",
    ]:
        assert written in words, written


def test_man_page_parser_has_a_one_line_synopsis() -> None:
    parser = cli.man_page_parser()
    assert parser.format_usage() == "usage: translit [options] SCHEME [FILE ...]\n"
    assert parser.prog == "translit"
    assert cli.build_parser().format_usage().count("\n") == 5


def test_list_and_its_json(run: Run) -> None:
    listing = run("-l")
    assert listing.status == 0 and listing.err == ""
    lines = listing.out.splitlines()
    assert lines[0].split() == ["ID", "LANGUAGE", "REVERSIBLE", "STATUS", "ALIASES", "STANDARD"]
    uz = next(line.split() for line in lines if line.startswith("uz-latn "))
    assert uz[1:5] == ["uz", "lossy", "stable", "uz,uz-cyrl-latn,uz-latn-1995,uzbek"]
    records = json.loads(run("-l", "--json").out)
    assert len(records) == len(lines) - 1
    by_id = {record["id"]: record for record in records}
    assert by_id["uz-latn"]["aliases"] == ["uz", "uz-cyrl-latn", "uz-latn-1995", "uzbek"]


def test_scheme_records_are_lists_for_json() -> None:
    (record,) = cli.scheme_records([translit.get("uz-latn").info])
    assert record["aliases"] == ["uz", "uz-cyrl-latn", "uz-latn-1995", "uzbek"]
    assert isinstance(record["references"], list) and record["references"]
    assert isinstance(record["policies"], list)


def test_list_keeps_letters_that_are_not_ascii(run: Run) -> None:
    text = run("-l", "--json").out
    assert not text.isascii() and "\\u" not in text  # the notes' letters as they are written
    assert text.startswith('[\n  {\n    "id": ')  # indented by two
    assert text.endswith("}\n]\n")


def test_version(run: Run) -> None:
    assert run("-V") == Result(0, f"translit {translit.__version__}\n", "")


def test_print_completion_for_bash(run: Run) -> None:
    pytest.importorskip("shtab")
    result = run("--print-completion", "bash")
    assert result.status == 0 and result.err == ""
    script = result.out
    choices = dict(line.split("=", 1) for line in script.splitlines() if "_choices=(" in line)
    schemes = choices["_shtab_translit_pos_0_choices"].strip("()").split()
    assert {"kk-latn-2021", "uz-latn-1995", "normalize", "detect"} <= set(schemes)
    encodings = choices["_shtab_translit__f_choices"].strip("()").split()
    assert {"koi8-u", "kz1048"} <= set(encodings)
    assert "_shtab_translit__o_COMPGEN=_shtab_compgen_files" in script
    assert "_shtab_translit___output_COMPGEN=_shtab_compgen_files" in script
    assert "_shtab_translit_pos_1_COMPGEN=_shtab_compgen_files" in script


def test_print_completion_for_fish(run: Run) -> None:
    pytest.importorskip("argcomplete")
    result = run("--print-completion", "fish")
    assert result.status == 0 and "translit" in result.out and "complete" in result.out


def test_completion_offers_schemes_subcommands_and_encodings() -> None:
    parser = cli.completion_parser()
    choices = {action.dest: action.choices for action in parser._actions}
    assert choices["from_code"] == cli.COMMON_ENCODINGS
    offered = choices["scheme"]
    assert offered is not None
    assert list(offered) == sorted(offered)
    assert {"ru-iso-9", "ru-iso9", "uz-latn-1995", "normalize", "auto", "detect"} <= set(offered)
    assert choices["files"] is None and choices["output"] is None


def test_completion_request_without_argcomplete_is_left_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("_ARGCOMPLETE", "1")
    monkeypatch.setitem(sys.modules, "argcomplete", None)
    cli.answer_completion()  # returns, and the command runs as usual


def test_completion_request_is_answered_from_the_completion_parser(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    argcomplete = pytest.importorskip("argcomplete")
    asked: list[argparse.ArgumentParser] = []
    monkeypatch.setattr(argcomplete, "autocomplete", asked.append)
    monkeypatch.delenv("_ARGCOMPLETE", raising=False)
    cli.answer_completion()
    assert asked == []  # no request
    monkeypatch.setenv("_ARGCOMPLETE", "1")
    cli.answer_completion()
    (parser,) = asked
    offered = next(action.choices for action in parser._actions if action.dest == "scheme")
    assert offered is not None and "uz-latn-1995" in offered


# ---------------------------------------------------------------- schemes, tables, policies


def test_a_table_by_its_path_and_a_missing_one(run: Run, tmp_path: Path) -> None:
    table = str(REPO / "tables" / "ru-iso-9.toml")
    assert run(table, "-t", "Щука") == Result(0, "Ŝuka\n", "")
    missing = str(tmp_path / "nothing.toml")
    assert run(missing, "-t", "x") == Result(2, "", f"translit: {missing}: no such table file\n")


def test_unknown_scheme_when_the_schemes_cannot_be_listed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken() -> list[translit.SchemeInfo]:
        raise translit.TableError("tables/x.toml", "meta", "broken", 1)

    monkeypatch.setattr(translit, "schemes", broken)
    err = translit.UnknownSchemeError("nosuch", [])
    assert cli.unknown_scheme_message(err) == "unknown scheme 'nosuch'"


def test_unknown_scheme_names_the_available_ones(run: Run) -> None:
    result = run("zz-nosuch-thing", "-t", "x")
    assert result.status == 2 and result.out == ""
    assert result.err.startswith("translit: unknown scheme 'zz-nosuch-thing'; available schemes: ")
    assert ", ru-iso-9, " in result.err


def test_policies(run: Run) -> None:
    assert run("--policy", "press-2018", "kk-latn-2021", "-t", "Цех") == Result(0, "Seh\n", "")
    assert run("kk-latn-2021", "-t", "Цех") == Result(0, "Tseh\n", "")
    unknown = run("--policy", "nope", "kk-latn-2021", "-t", "x")
    assert unknown.status == 2 and unknown.err.startswith(
        "translit: kk-latn-2021 has no policy 'nope' (policies: default, keep, strict"
    )
    backwards = run("-r", "--policy", "keep", "kk-latn-2021", "-t", "x")
    no_policies = "(policies: none: its table has no [policies])"
    assert backwards == Result(
        2, "", f"translit: kk-latn-2021 has no policy 'keep' {no_policies}\n"
    )


def test_policy_strict_names_the_place_in_a_line_read_in_pieces(
    run: Run, small_pieces: None
) -> None:
    # Қала Азия: я is the ninth character; the line is read in three pieces.
    result = run("--policy", "strict", "kk-latn-2018", stdin="ок\nҚала Азия\n".encode())
    assert result.status == 1
    assert result.out == "ok\nQala "  # the pieces before the one with я
    assert result.err == (
        "translit: <stdin>:2:9: kk-latn-2018 has no letter for 'я' (U+044F); "
        "stopped by --policy strict\n"
    )


def test_from_and_to(run: Run) -> None:
    assert run("--from", "kk-latn-2018", "--to", "kk-latn-2021", "-t", "Sálem") == Result(
        0, "Sälem\n", ""
    )
    unknown = run("--from", "kk-latn-2018", "--to", "kk-latn-2021", "--policy", "nope", "-t", "x")
    assert unknown.status == 2
    assert unknown.err.startswith("translit: kk-latn-2021 has no policy 'nope' (policies: default")
    mixed = run("--from", "kk-latn-2018", "--to", "ru-iso-9", "-t", "x")
    assert mixed == Result(
        2,
        "",
        "translit: --from kk-latn-2018 and --to ru-iso-9 are not schemes of one language and "
        "one source script\n",
    )


def test_explain(run: Run) -> None:
    result = run("--explain", "ru-iso-9", "-t", "Щи, щи")
    assert result == Result(0, "Щ\tŜ\tmap.щ\nи\ti\tmap.и\nщ\tŝ\tmap.щ\nи\ti\tmap.и\n\n", "")
    # w is no letter of ISO 9's Cyrillic: it passes as it is, by no rule (-)
    assert run("--explain", "ru-iso-9", "-t", "Щw w").out == "Щ\tŜ\tmap.щ\nw\tw\t-\nw\tw\t-\n\n"
    back = run("--explain", "-r", "ru-iso-9", "-t", "Ŝi")
    assert back == Result(0, "Ŝ\tЩ\tmap.ŝ\ni\tи\tmap.i\n\n", "")
    press = run("--explain", "--policy", "press-2018", "kk-latn-2021", "-t", "Цех")
    assert [line.split("\t")[:2] for line in press.out.split("\n")[:3]] == [
        ["Ц", "S"],
        ["е", "e"],
        ["х", "h"],
    ]


# ---------------------------------------------------------------- unmapped letters


def test_warn_unmapped_names_each_letter_on_its_line(run: Run) -> None:
    result = run("--warn-unmapped", "ru-iso-9", stdin="мир\nдом ә\n".encode())
    assert result == Result(
        0,
        "mir\ndom ә\n",
        "translit: <stdin>:2:5: warning: 'ә' (U+04D9) is not in ru-iso-9; left as it is\n",
    )


def test_warn_unmapped_in_reverse_checks_the_latin_letters(run: Run) -> None:
    result = run("--warn-unmapped", "-r", "ru-iso-9", "-t", "Ŝuka wow")
    assert result.status == 0
    assert result.out == "Щука w\u043ew\n"
    assert result.err == (
        "translit: <text>:1:6: warning: 'w' (U+0077) is not in ru-iso-9; left as it is\n"
        "translit: <text>:1:8: warning: 'w' (U+0077) is not in ru-iso-9; left as it is\n"
    )


def test_unmapped_column_on_a_later_line_of_a_piece_counts_from_its_line() -> None:
    check = cli.UnmappedCheck("ru-iso-9", reverse=False, strict=True)
    with pytest.raises(cli.CliError) as caught:
        check("дом\nмир ә\n", "in", cli.Position(line=3, column=5))
    assert str(caught.value) == "in:4:5: 'ә' (U+04D9) is not in ru-iso-9; stopped by --strict"


def test_strict_stops_before_writing_the_piece(run: Run, small_pieces: None) -> None:
    result = run("--strict", "ru-iso-9", stdin="мир\nдом әлем\n".encode())
    assert result.status == 1
    assert result.out == "mir\n"
    assert result.err == (
        "translit: <stdin>:2:5: 'ә' (U+04D9) is not in ru-iso-9; stopped by --strict\n"
    )


# ---------------------------------------------------------------- inputs


def test_files_and_standard_input_in_order(run: Run, tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_bytes("дом\n".encode())
    missing = tmp_path / "missing.txt"
    result = run("ru-iso-9", "-", str(a), str(missing), "-", str(a), stdin="Жук\n".encode())
    assert result == Result(
        1, "Žuk\ndom\ndom\n", f"translit: {missing}: No such file or directory\n"
    )


def test_text_arguments_are_named_by_number(run: Run) -> None:
    result = run("--strict", "ru-iso-9", "-t", "мир", "-t", "ә")
    assert result == Result(
        1, "mir\n", "translit: <text 2>:1:1: 'ә' (U+04D9) is not in ru-iso-9; stopped by --strict\n"
    )


def test_input_in_another_encoding(run: Run) -> None:
    assert run("-f", "cp1251", "ru-iso-9", stdin=b"\xc6\xf3\xea\n") == Result(0, "Žuk\n", "")
    assert run("--errors", "replace", "ru-iso-9", stdin=b"\xff\xc6\n") == Result(
        0, "\ufffd\ufffd\n", ""
    )


def test_input_that_is_the_output_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "f.txt"
    path.write_bytes("мир\n".encode())
    other = tmp_path / "g.txt"
    other.write_bytes("дом\n".encode())
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    with open(path, "ab") as appended:
        monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(appended))
        assert cli.main(["ru-iso-9", str(path), str(other)]) == 1  # and goes on
        with open(path, "rb") as reread:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(reread))
            assert cli.main(["ru-iso-9"]) == 1
    assert path.read_bytes() == "мир\ndom\n".encode()
    assert err.getvalue() == (
        f"translit: {path}: input file is output file\n"
        "translit: <stdin>: input file is output file\n"
    )


def test_is_output_file() -> None:
    assert not cli.is_output_file(io.BytesIO(b"x"), None)
    with open(__file__, "rb") as one, open(__file__, "rb") as two:
        output = os.fstat(two.fileno())
        assert cli.is_output_file(one, output)
        one.seek(-1, os.SEEK_END)
        assert cli.is_output_file(one, output)  # one byte still ahead
        one.seek(0, os.SEEK_END)
        assert not cli.is_output_file(one, output)
        assert not cli.is_output_file(io.BytesIO(b"x"), output)
        with open(REPO / "conftest.py", "rb") as other:
            assert not cli.is_output_file(other, output)


def test_output_identity_is_for_regular_files_only(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    with open(path, "wb") as out:
        identity = cli.output_identity(out)
        assert identity is not None
        assert (identity.st_dev, identity.st_ino) == (path.stat().st_dev, path.stat().st_ino)
    read_end, write_end = os.pipe()
    with open(read_end, "rb") as pipe_in, open(write_end, "wb") as pipe_out:
        assert cli.output_identity(pipe_out) is None
        assert pipe_in.readable()


# ---------------------------------------------------------------- output file (-o)


def test_output_file_replaces_the_target_through_a_link_keeping_its_mode(
    run: Run, tmp_path: Path
) -> None:
    target = tmp_path / "real.txt"
    target.write_bytes(b"old\n")
    target.chmod(0o640)
    link = tmp_path / "link.txt"
    link.symlink_to("real.txt")
    assert run("ru-iso-9", "-t", "мир", "-o", str(link)) == Result(0, "", "")
    assert link.is_symlink() and target.read_bytes() == b"mir\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(path.name for path in tmp_path.iterdir()) == ["link.txt", "real.txt"]


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_new_output_file_follows_the_umask(run: Run, tmp_path: Path, umask: int, mode: int) -> None:
    saved = os.umask(umask)
    try:
        assert run("ru-iso-9", "-t", "мир", "-o", str(tmp_path / "new.txt")).status == 0
        assert os.umask(saved) == umask
    finally:
        os.umask(saved)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == mode


def test_output_file_kept_when_an_input_is_missing(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    out.write_bytes(b"old\n")
    missing = tmp_path / "missing.txt"
    result = run("normalize", str(missing), "-o", str(out))
    assert result == Result(1, "", f"translit: {missing}: No such file or directory\n")
    assert out.read_bytes() == b"old\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out.txt"]


def test_output_file_dash_is_standard_output(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("ru-iso-9", "-t", "Жук", "-o", "-") == Result(0, "Žuk\n", "")
    assert run("detect", "-t", "Сәлем", "-o", "-").out.startswith("<text>:1-1\tkk\t")
    assert run("normalize", "--diff", "-t", "Tоshkent", "-o", "-").status == 0
    assert list(tmp_path.iterdir()) == []


def test_output_file_errors(run: Run, tmp_path: Path) -> None:
    assert run("ru-iso-9", "-t", "x", "-o", str(tmp_path)) == Result(
        1, "", f"translit: {tmp_path}: Is a directory\n"
    )
    nodir = tmp_path / "nodir" / "out.txt"
    assert run("ru-iso-9", "-t", "x", "-o", str(nodir)) == Result(
        1, "", f"translit: {nodir}: No such file or directory\n"
    )


def test_atomic_file_writes_beside_its_target_and_cleans_up(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    with cli.AtomicFile(str(target)) as atomic:
        temp = Path(atomic.temp)
        assert temp.parent == tmp_path
        assert temp.name.startswith(".out.txt.") and temp.name.endswith(".tmp")
        atomic.file.write(b"half")
        assert temp.exists() and not target.exists()
    assert list(tmp_path.iterdir()) == []  # no commit: nothing left
    with cli.AtomicFile(str(target)) as atomic:
        atomic.file.write(b"all\n")
        atomic.commit()
        assert atomic.committed
    assert target.read_bytes() == b"all\n"
    assert list(tmp_path.iterdir()) == [target]


def test_atomic_file_reports_a_failed_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def cross_device(source: str, target: str) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "replace", cross_device)
    target = tmp_path / "out.txt"
    with pytest.raises(cli.CliError) as caught, cli.AtomicFile(str(target)) as atomic:
        atomic.commit()
    assert (str(caught.value), caught.value.status) == (
        f"{target}: Invalid cross-device link",
        1,
    )
    assert list(tmp_path.iterdir()) == []


def test_detect_and_normalize_reports_to_an_output_file(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "report.txt"
    assert run("normalize", "--diff", "-t", "Tоshkent", "-o", str(out)) == Result(0, "", "")
    assert out.read_text("utf-8") == "<text>:1:2: mixed-script: 'о' (U+043E) → 'o' (U+006F)\n"
    assert run("detect", "-t", "Сәлем", "-o", str(out)) == Result(0, "", "")
    assert out.read_text("utf-8").startswith("<text>:1-1\tkk\tCyrl\t-\tkk-latn-2018\t")


# ---------------------------------------------------------------- normalize and detect


def test_normalize_options_reach_the_normalizer(run: Run) -> None:
    assert run("normalize", "--fold-yo", "--lang", "ru", "-t", "Ёж") == Result(0, "Еж\n", "")
    assert run("normalize", "--lang", "ru", "-t", "Ёж") == Result(0, "Ёж\n", "")
    assert run("normalize", "--strip-invisible", "-t", "а\u200bб") == Result(0, "аб\n", "")
    assert run("normalize", "-t", "а\u200bб") == Result(0, "а\u200bб\n", "")


def test_normalize_diff_counts_lines_and_columns_across_pieces(
    run: Run, small_pieces: None
) -> None:
    result = run("normalize", "--diff", stdin="ok\nTоshkent Tоshkent\n".encode())
    assert result == Result(
        0,
        "<stdin>:2:2: mixed-script: 'о' (U+043E) → 'o' (U+006F)\n"
        "<stdin>:2:11: mixed-script: 'о' (U+043E) → 'o' (U+006F)\n",
        "",
    )


def test_normalize_diff_names_each_input(run: Run, tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_bytes("x\n\nTоshkent\n".encode())
    missing = tmp_path / "missing.txt"
    result = run("normalize", "--diff", "--strip-invisible", str(missing), str(a), "-t", "a")
    assert result.status == 2
    result = run("normalize", "--diff", "--strip-invisible", str(missing), str(a))
    assert result == Result(
        1,
        f"{a}:3:2: mixed-script: 'о' (U+043E) → 'o' (U+006F)\n",
        f"translit: {missing}: No such file or directory\n",
    )
    removed = run("normalize", "--diff", "--strip-invisible", "-t", "а\u200bб", "-t", "Tоsh")
    assert removed.out.splitlines() == [
        "<text 1>:1:2: invisible: '\\u200b' (U+200B) → '' (removed)",
        "<text 2>:1:2: mixed-script: 'о' (U+043E) → 'o' (U+006F)",
    ]


def test_shown() -> None:
    assert normalize._shown("ab") == "'ab' (U+0061 U+0062)"
    assert normalize._shown("") == "'' (removed)"


def fake_spans(text: str) -> list[SimpleNamespace]:
    """A stand-in for ``detect_spans``: one span a line, Kazakh if it has к or а, else
    undetermined, with the line's length in tenths as its confidence."""
    spans = []
    start = 0
    for line in text.splitlines(keepends=True):
        kazakh = bool(set(line) & set("ка"))
        found = SimpleNamespace(
            language="kk" if kazakh else "und",
            script="Cyrl" if kazakh else "",
            variant="",
            scheme="kk-latn-2018" if kazakh else None,
            confidence=len(line) / 10,
        )
        spans.append(SimpleNamespace(start=start, text=line, detection=found))
        start += len(line)
    return spans


@pytest.fixture
def fake_detector(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("translit.text.detect.detect_spans", fake_spans)


def test_detect_joins_the_spans_of_one_input(run: Run, fake_detector: None) -> None:
    result = run("detect", "-t", "ка\nкаа\nx\nк", "-t", "кб\n")
    assert result == Result(
        0,
        "<text 1>:1-2\tkk\tCyrl\t-\tkk-latn-2018\t0.40\n"
        "<text 1>:3-3\tund\t-\t-\t-\t0.20\n"
        "<text 1>:4-4\tkk\tCyrl\t-\tkk-latn-2018\t0.10\n"
        "<text 2>:1-1\tkk\tCyrl\t-\tkk-latn-2018\t0.30\n",
        "",
    )


def test_detect_as_json(run: Run, fake_detector: None) -> None:
    result = run("detect", "--json", "-t", "ка\nкааа")
    assert result.status == 0
    assert [json.loads(line) for line in result.out.splitlines()] == [
        {
            "input": "<text>",
            "first_line": 1,
            "last_line": 2,
            "language": "kk",
            "script": "Cyrl",
            "variant": "",
            "scheme": "kk-latn-2018",
            "confidence": 0.4,
        }
    ]
    assert "ка" not in result.out and '"input": "<text>"' in result.out


def test_detect_lines_of_pieces_and_files(
    run: Run, fake_detector: None, small_pieces: None, tmp_path: Path
) -> None:
    a = tmp_path / "a.txt"
    a.write_bytes("каааааааааа\nx\n".encode())  # the first line is cut in two pieces
    missing = tmp_path / "missing.txt"
    result = run("detect", str(a), str(missing), "-", stdin="x\nк\n".encode())
    assert result.status == 1
    assert result.out == (
        f"{a}:1-1\tkk\tCyrl\t-\tkk-latn-2018\t0.70\n"
        f"{a}:2-2\tund\t-\t-\t-\t0.20\n"
        "<stdin>:1-1\tund\t-\t-\t-\t0.20\n"
        "<stdin>:2-2\tkk\tCyrl\t-\tkk-latn-2018\t0.20\n"
    )
    assert result.err == f"translit: {missing}: No such file or directory\n"


def test_describe_counts_lines_from_the_piece_start(fake_detector: None) -> None:
    position = cli.Position(line=5, column=3)
    records = detect.describe("ка\n\nx\nк", position)
    assert [(r["first_line"], r["last_line"], r["language"]) for r in records] == [
        (5, 5, "kk"),
        (6, 6, "und"),
        (7, 7, "und"),
        (8, 8, "kk"),
    ]


# ---------------------------------------------------------------- reading and writing


def test_position_advances_over_lines_and_within_one() -> None:
    position = cli.Position()
    position.advance("ab")
    assert (position.line, position.column) == (1, 2)
    position.advance("cd")
    assert (position.line, position.column) == (1, 4)
    position.advance("e\nf\nghi")
    assert (position.line, position.column) == (3, 3)
    position.advance("\n")
    assert (position.line, position.column) == (4, 0)


def test_check_encoding_names() -> None:
    assert cli.check_encoding("UTF8") == "utf-8"
    assert cli.check_encoding("latin_1") == "iso8859-1"
    for name in ["rot13", "base64", "hex", "nosuch"]:
        with pytest.raises(ValueError, match=f"unknown encoding '{name}'"):
            cli.check_encoding(name)


def test_read_error_names_the_input() -> None:
    stream = Unreadable(OSError(errno.EIO, "Input/output error"))
    with pytest.raises(cli.CliError) as caught:
        list(cli.iter_text(stream, "in.txt"))
    assert (str(caught.value), caught.value.status) == ("in.txt: Input/output error", 1)


class Trickle(io.RawIOBase):
    """A raw stream with no descriptor that gives one byte a read, and at times nothing yet
    (``None``, as a non-blocking stream does)."""

    def __init__(self, data: bytes, pauses: int = 0) -> None:
        self.data = data
        self.pauses = pauses

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int | None:
        if self.pauses:
            self.pauses -= 1
            return None
        if not self.data:
            return 0
        buffer[0] = self.data[0]
        self.data = self.data[1:]
        return 1


def test_read_block_returns_what_is_there() -> None:
    stream = io.BufferedReader(Trickle(b"abc"), buffer_size=1)
    assert cli.read_block(stream, 4) == b"a"
    assert cli.read_block(io.BytesIO(b"abcdef"), 6) == b"abcdef"


def test_read_block_waits_on_a_stream_without_a_descriptor() -> None:
    # A raw stream has no read1; its read says "nothing yet" with None, not the end (b"").
    stream = Trickle(b"ab", pauses=2)
    assert cli.read_block(stream, 4) == b"a"  # type: ignore[arg-type]
    stream.pauses = 1
    assert list(cli.iter_text(stream, "in")) == ["b"]  # type: ignore[arg-type]


def read_arriving_late(read_end: int, write_end: int) -> bytes:
    """``read_block`` of the non-blocking ``read_end``, where data is written 0.2 s later."""
    os.set_blocking(read_end, False)
    with open(read_end, "rb", closefd=False) as stream:  # buffered: read1 would say b"", the end
        timer = threading.Timer(0.2, os.write, (write_end, b"late"))
        timer.start()
        try:
            return cli.read_block(stream, 10)
        finally:
            timer.join()


def test_read_block_waits_on_a_non_blocking_descriptor() -> None:
    read_end, write_end = os.pipe()
    try:
        assert read_arriving_late(read_end, write_end) == b"late"
    finally:
        os.close(read_end)
        os.close(write_end)


def in_thread(function: Callable[[], object]) -> threading.Thread:
    thread = threading.Thread(target=function, daemon=True)
    thread.start()
    return thread


def test_wait_for_blocks_until_the_descriptor_is_ready() -> None:
    read_end, write_end = os.pipe()
    try:
        waiting = in_thread(lambda: cli.wait_for(read_end))
        waiting.join(0.3)
        assert waiting.is_alive()  # nothing to read yet
        os.write(write_end, b"x")
        waiting.join(10)
        assert not waiting.is_alive()
        writable = in_thread(lambda: cli.wait_for(write_end, write=True))
        writable.join(10)
        assert not writable.is_alive()
    finally:
        os.close(read_end)
        os.close(write_end)


def test_write_to_a_descriptor_after_what_is_buffered() -> None:
    read_end, write_end = os.pipe()
    with open(read_end, "rb") as reader, open(write_end, "wb") as out:
        out.write(b"first ")  # buffered, not yet written
        cli.write(out, b"second")
        out.close()
        assert reader.read() == b"first second"


PIPEFUL = bytes(range(256)) * 1024  # 256 KiB: more than a pipe holds


def write_through_a_full_pipe(write_end: int, read_end: int) -> bytes:
    """``write`` of :data:`PIPEFUL` to the non-blocking ``write_end`` while ``read_end`` is
    read from 0.2 s later; return what arrived."""
    os.set_blocking(write_end, False)
    received = bytearray()

    def write_all() -> None:
        with open(write_end, "wb", closefd=False) as out:
            cli.write(out, PIPEFUL)

    def drain() -> None:
        time.sleep(0.2)  # the pipe fills first
        while len(received) < len(PIPEFUL):
            received.extend(os.read(read_end, 1 << 16))

    threads = [in_thread(write_all), in_thread(drain)]
    for thread in threads:
        thread.join(30)
    assert not any(thread.is_alive() for thread in threads)
    return bytes(received)


def test_write_waits_while_a_non_blocking_pipe_is_full() -> None:
    read_end, write_end = os.pipe()
    try:
        assert write_through_a_full_pipe(write_end, read_end) == PIPEFUL
    finally:
        os.close(read_end)
        os.close(write_end)


def test_silence_stdout_points_it_at_the_null_device(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "out.txt"
    with open(path, "w", encoding="utf-8") as out:
        monkeypatch.setattr(sys, "stdout", out)
        cli.silence_stdout()
        out.write("lost")
        out.flush()
    assert path.read_bytes() == b""


def test_run_subcommand_reports_each_kind_of_error(monkeypatch: pytest.MonkeyPatch) -> None:
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)

    def parse(argv: object) -> argparse.Namespace:
        return argparse.Namespace()

    for error, status in [
        (cli.CliError("in.txt: gone", 3), 3),
        (translit.UnknownSchemeError("xx", []), 1),
        (BrokenPipeError(errno.EPIPE, "Broken pipe"), 1),
        (OSError("disk gone"), 1),
        (KeyboardInterrupt(), 130),
    ]:

        def fail(args: argparse.Namespace, error: BaseException = error) -> int:
            raise error

        assert common.run_subcommand(parse, fail, []) == status
    assert err.getvalue() == (
        "translit: in.txt: gone\ntranslit: unknown scheme 'xx'\ntranslit: write error: disk gone\n"
    )


def test_poll_is_what_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    polled: list[tuple[int, int]] = []

    class Poll:
        def register(self, fd: int, events: int) -> None:
            polled.append((fd, events))

        def poll(self) -> list[tuple[int, int]]:
            return []

    monkeypatch.setattr(select, "poll", Poll)
    cli.wait_for(7)
    cli.wait_for(8, write=True)
    assert polled == [(7, select.POLLIN), (8, select.POLLOUT)]


# ---------------------------------------------------------------- what the first mutation run left


def test_auto_takes_only_the_scripts_it_writes(run: Run) -> None:
    text = "Главы МИД обсудили ситуацию на Ближнем Востоке"
    latin = "Glavy MID obsudili situaciû na Bližnem Vostoke\n"
    assert run("auto", "--to", "latn", "-t", text) == Result(0, latin, "")
    wrong = run("auto", "--to", "grek", "-t", text)
    assert wrong.status == 2 and "argument --to: invalid choice: 'grek'" in wrong.err


@pytest.mark.parametrize(
    ("subcommand", "written"),
    [
        ("normalize", ["--fold-yo Russian: write ё as е"]),
        ("auto", []),
        ("detect", ["--json one JSON object per span"]),
    ],
)
def test_subcommand_help_shows_how_each_option_is_written(
    run: Run, subcommand: str, written: list[str]
) -> None:
    result = run(subcommand, "--help")
    assert result.status == 0 and result.out.startswith(f"usage: translit {subcommand} [-h] ")
    words = " ".join(result.out.split())
    for fragment in [
        "[-t TEXT] [-f ENCODING] [-o FILE] [--errors {strict,replace}]",
        "[FILE ...]",
        "FILE input files; '-' is stdin",
        "-t TEXT, --text TEXT",
        "-f ENCODING, --from-code ENCODING encoding of the input (default utf-8)",
        "-o FILE, --output FILE write to FILE, replacing it once all is written",
        *written,
    ]:
        assert fragment in words, fragment


def test_subcommand_epilogs_keep_their_lines(run: Run) -> None:
    assert "\nexamples:\n  translit auto news.txt\n" in run("auto", "--help").out
    detected = run("detect", "--help").out
    assert "\noutput: NAME:FIRST-LAST  language  script  variant  scheme  confidence\n" in detected
    normalized = run("normalize", "--help").out
    assert "\nexamples:\n  printf 'Aлматы Tоshkent o`zbek\\n' | translit normalize\n" in normalized


UNDECODABLE = (
    "invalid UTF-8 at byte 1 (0xff); if the input is in another encoding, name it with -f "
    "(for example -f cp1251), or use --errors replace to substitute U+FFFD\n"
)


@pytest.mark.parametrize("command", [["normalize"], ["normalize", "--diff"], ["detect"], ["auto"]])
def test_subcommands_stop_at_undecodable_input_unless_told_to_replace(
    run: Run, command: list[str]
) -> None:
    assert run(*command, stdin=b"a\xff\n") == Result(1, "", f"translit: <stdin>: {UNDECODABLE}")
    bad_text = b"a\xff".decode("utf-8", "surrogateescape")  # as the system passes such bytes
    assert run(*command, "-t", bad_text) == Result(1, "", f"translit: <text>: {UNDECODABLE}")
    assert run(*command, "--errors", "replace", stdin=b"a\xff\n").status == 0
    assert run(*command, "--errors", "replace", "-t", bad_text).status == 0


def test_normalize_replaces_undecodable_bytes_when_told(run: Run) -> None:
    assert run("normalize", "--errors", "replace", stdin=b"a\xff\n") == Result(0, "a\ufffd\n", "")


def test_detect_reads_standard_input_once(run: Run, fake_detector: None) -> None:
    assert run("detect", "-", "-", stdin="к\n".encode()) == Result(
        0, "<stdin>:1-1\tkk\tCyrl\t-\tkk-latn-2018\t0.20\n", ""
    )


@pytest.mark.parametrize("code", [0, 3, "not a number"])
def test_an_exit_while_parsing_gives_its_status_or_2(
    monkeypatch: pytest.MonkeyPatch, code: int | str
) -> None:
    def parse(argv: object) -> argparse.Namespace:
        raise SystemExit(code)

    status = code if isinstance(code, int) else 2
    assert common.run_subcommand(parse, lambda args: 0, []) == status
    monkeypatch.setattr(scheme, "parse_args", parse)
    assert scheme.main([]) == status


class NoDescriptor:
    """Standard output without a file descriptor: ``fileno`` fails with ``error``."""

    def __init__(self, error: Exception) -> None:
        self.error = error

    def fileno(self) -> int:
        raise self.error


def test_silence_stdout_gives_up_quietly(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    closed = open(tmp_path / "closed.txt", "w")  # noqa: SIM115 - closed at once
    closed.close()
    for stdout in [
        closed,  # ValueError: I/O operation on closed file
        object(),  # AttributeError: no fileno
        NoDescriptor(OSError(errno.EBADF, "Bad file descriptor")),
        NoDescriptor(ValueError("no descriptor")),
    ]:
        monkeypatch.setattr(sys, "stdout", stdout)
        cli.silence_stdout()


def test_report_flushes_standard_error(monkeypatch: pytest.MonkeyPatch) -> None:
    flushed: list[str] = []

    class Stderr(io.StringIO):
        def flush(self) -> None:
            flushed.append(self.getvalue())

    monkeypatch.setattr(sys, "stderr", Stderr())
    cli.report("x.txt: gone")
    assert flushed == ["translit: x.txt: gone\n"]


def test_open_input_opens_bytes(tmp_path: Path) -> None:
    path = tmp_path / "in.txt"
    path.write_bytes("мир\n".encode())
    with cli.open_input(str(path)) as stream:
        assert stream.read() == "мир\n".encode()


def test_wait_for_polls_descriptor_0_too(descriptor_0: tuple[int, int]) -> None:
    read_end, write_end = descriptor_0
    waiting = in_thread(lambda: cli.wait_for(read_end))
    waiting.join(0.3)
    assert waiting.is_alive()  # descriptor 0 is polled like any other
    os.write(write_end, b"x")
    waiting.join(10)
    assert not waiting.is_alive()


def test_waiting_without_a_descriptor_is_short() -> None:
    started = time.monotonic()
    assert cli.read_block(Trickle(b"a", pauses=3), 4) == b"a"  # type: ignore[arg-type]
    assert time.monotonic() - started < 1


class FailingClose(io.BytesIO):
    def close(self) -> None:
        raise OSError(errno.EIO, "Input/output error")


def test_atomic_file_leaves_quietly_when_its_clean_up_fails(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    with cli.AtomicFile(str(target)) as atomic:
        os.unlink(atomic.temp)  # gone already: nothing to remove
    with cli.AtomicFile(str(target)) as atomic:
        atomic.file.close()
        atomic.file = FailingClose()
    assert list(tmp_path.iterdir()) == []


def test_describe_lines_of_spans_over_several_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "ка\nX\nб\n \n"
    spans = [(0, "ка\nX\n"), (5, "б\n \n")]

    def two_spans(text: str) -> list[SimpleNamespace]:
        found = SimpleNamespace(
            language="kk", script="Cyrl", variant="", scheme="kk-latn-2018", confidence=1.0
        )
        return [SimpleNamespace(start=start, text=part, detection=found) for start, part in spans]

    monkeypatch.setattr("translit.text.detect.detect_spans", two_spans)
    records = detect.describe(text, cli.Position(line=3))
    assert [(r["first_line"], r["last_line"]) for r in records] == [(3, 4), (5, 6)]


def test_describe_counts_a_first_empty_line(fake_detector: None) -> None:
    records = detect.describe("\nка\n", cli.Position())
    assert [(r["first_line"], r["language"]) for r in records] == [(1, "und"), (2, "kk")]


def test_detect_json_names_the_input_as_it_is_written(
    run: Run, fake_detector: None, tmp_path: Path
) -> None:
    path = tmp_path / "сәлем.txt"
    path.write_bytes("ка\nx\n".encode())
    result = run("detect", "--json", str(path))
    assert result.status == 0
    assert [line.count(f'"input": "{path}"') for line in result.out.splitlines()] == [1, 1]
    records = [json.loads(line) for line in result.out.splitlines()]
    assert [(r["language"], r["first_line"]) for r in records] == [("kk", 1), ("und", 2)]


def test_normalize_lang_reaches_the_normalizer(run: Run) -> None:
    # ё is folded in Russian text only: said to be Kazakh, Ёлка stays.
    assert run("normalize", "--fold-yo", "--lang", "kk", "-t", "Ёлка") == Result(0, "Ёлка\n", "")
    assert run("normalize", "--diff", "--fold-yo", "--lang", "kk", "-t", "Ёлка") == Result(
        0, "", ""
    )


def test_normalize_diff_after_an_empty_first_line(run: Run) -> None:
    assert run("normalize", "--diff", stdin="\nTоshkent\n".encode()) == Result(
        0, "<stdin>:2:2: mixed-script: 'о' (U+043E) → 'o' (U+006F)\n", ""
    )


def test_scheme_table_marks_a_scheme_without_aliases() -> None:
    info = SimpleNamespace(
        id="xx-a", aliases=(), language="xx", status="draft", reversible="lossy", standard="S\n 1"
    )
    assert cli.format_scheme_table([info]) == (  # type: ignore[list-item]
        "ID    LANGUAGE  REVERSIBLE  STATUS  ALIASES  STANDARD\n"
        "xx-a  xx        lossy       draft   -        S 1\n"
    )


def test_print_completion_for_zsh_and_fish_in_their_own_syntax(run: Run) -> None:
    pytest.importorskip("shtab")
    pytest.importorskip("argcomplete")
    assert run("--print-completion", "zsh").out.startswith("#compdef translit\n")
    fish = run("--print-completion", "fish").out
    assert "function __fish_translit_complete" in fish
    assert "set -lx _ARGCOMPLETE_SHELL fish" in fish


# ---------------------------------------------------------------- what the second run left


def test_iter_text_stops_at_undecodable_input_by_default() -> None:
    with pytest.raises(cli.CliError) as caught:
        list(cli.iter_text(io.BytesIO(b"ok\n\xff"), "in"))
    assert str(caught.value).startswith("in: invalid UTF-8 at byte 3 (0xff);")


def test_print_completion_names_its_shells(run: Run) -> None:
    result = run("--print-completion", "pwsh")
    assert result.status == 2 and result.out == ""
    assert "argument --print-completion: invalid choice: 'pwsh'" in result.err


def test_unknown_scheme_message_lists_the_ids_when_the_error_does_not() -> None:
    message = cli.unknown_scheme_message(translit.UnknownSchemeError("nosuch", []))
    prefix = "unknown scheme 'nosuch'; available schemes: "
    assert message.startswith(prefix)
    ids = message.removeprefix(prefix).split(", ")
    assert {"kk-latn-2021", "ru-iso-9", "uz-latn"} <= set(ids) and len(ids) > 20


def test_main_answers_completion_only_for_the_real_command_line(
    monkeypatch: pytest.MonkeyPatch, run: Run
) -> None:
    argcomplete = pytest.importorskip("argcomplete")
    asked: list[argparse.ArgumentParser] = []
    monkeypatch.setattr(argcomplete, "autocomplete", asked.append)
    monkeypatch.setenv("_ARGCOMPLETE", "1")
    assert run("ru-iso-9", "-t", "мир") == Result(0, "mir\n", "")
    assert asked == []  # main(argv) is a call from Python, not from a shell
    monkeypatch.setattr(sys, "argv", ["translit", "-V"])
    assert cli.main() == 0
    assert len(asked) == 1


def test_policy_strict_on_a_later_line_of_a_piece(run: Run, small_pieces: None) -> None:
    # Read as "aaaa " and "bbb\nя\n": я starts the second line.
    result = run("--policy", "strict", "kk-latn-2018", stdin="aaaa bbb\nя\n".encode())
    assert result == Result(
        1,
        "aaaa ",
        "translit: <stdin>:2:1: kk-latn-2018 has no letter for 'я' (U+044F); "
        "stopped by --policy strict\n",
    )


def test_restore_sigpipe_off_the_main_thread() -> None:
    errors: list[BaseException] = []

    def restore() -> None:
        try:
            cli.restore_sigpipe()
        except BaseException as error:  # reported by the assertion below
            errors.append(error)

    thread = in_thread(restore)
    thread.join(10)
    assert errors == []


@pytest.fixture
def descriptor_0() -> Iterator[tuple[int, int]]:
    """A pipe whose read end is descriptor 0 for the test: yields (0, write end)."""
    read_end, write_end = os.pipe()
    saved = os.dup(0)
    os.dup2(read_end, 0)
    os.close(read_end)
    try:
        yield 0, write_end
    finally:
        os.dup2(saved, 0)
        os.close(saved)
        os.close(write_end)


def test_read_block_waits_on_a_non_blocking_descriptor_0(descriptor_0: tuple[int, int]) -> None:
    assert read_arriving_late(*descriptor_0) == b"late"


def test_write_waits_on_a_non_blocking_descriptor_0() -> None:
    read_end, write_end = os.pipe()
    saved = os.dup(0)
    os.dup2(write_end, 0)
    try:
        assert write_through_a_full_pipe(0, read_end) == PIPEFUL
    finally:
        os.dup2(saved, 0)
        for fd in (saved, read_end, write_end):
            os.close(fd)


def test_waiting_without_a_descriptor_polls_no_other_one() -> None:
    # Were it to poll descriptor 1 for reading, standard output in a pipeline would block it.
    read_end, write_end = os.pipe()
    saved = os.dup(1)
    os.dup2(write_end, 1)
    try:
        reading = in_thread(lambda: cli.read_block(Trickle(b"a", pauses=1), 4))  # type: ignore[arg-type]
        reading.join(5)
        assert not reading.is_alive()
    finally:
        os.dup2(saved, 1)
        for fd in (saved, read_end, write_end):
            os.close(fd)

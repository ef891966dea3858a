"""Tests of the ``translit`` command line.

Most tests run ``python -m translit`` as a subprocess, exactly as a user would;
a few call the streaming helpers of :mod:`translit.cli` in-process with tiny
block sizes.  Expected outputs come from the issue's acceptance criteria or are
worked out by hand from the standards; only the large-input tests compare the
command with the library's own result on the same text.
"""

from __future__ import annotations

import contextlib
import io
import os
import random
import re
import shlex
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

import translit
from translit import cli

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
MIB = 1 << 20


def cli_env(**extra: str) -> dict[str, str]:
    """The environment for a subprocess: this checkout's package comes first."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    env.update(extra)
    return env


def run_cli(
    *args: str | Path,
    stdin: bytes = b"",
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m translit ARGS`` with ``stdin`` and capture its output."""
    return subprocess.run(
        [sys.executable, "-m", "translit", *map(str, args)],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        env=env or cli_env(),
        timeout=300,
        check=False,
    )


def run_python(
    program: str, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -c program args`` with this checkout's package first."""
    return subprocess.run(
        [sys.executable, "-c", program, *args],
        capture_output=True,
        env=cli_env() if env is None else env,
        check=False,
    )


def run_shell(script: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """Run a bash pipeline in which ``$TRANSLIT`` starts the command."""
    translit_cmd = f"{shlex.quote(sys.executable)} -m translit"
    return subprocess.run(
        ["bash", "-c", script],
        capture_output=True,
        cwd=cwd,
        env=cli_env(TRANSLIT=translit_cmd),
        timeout=300,
        check=False,
    )


def ok(result: subprocess.CompletedProcess[bytes]) -> str:
    """Assert success with a quiet stderr and return stdout as text."""
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert result.stderr == b""
    return result.stdout.decode("utf-8")


def scheme_ids() -> list[str]:
    return [info.id for info in translit.schemes()]


@pytest.fixture
def keep_sigpipe() -> Iterator[None]:
    """``cli.main`` restores SIGPIPE's default action; undo that for the test process."""
    if not hasattr(signal, "SIGPIPE"):
        yield
        return
    saved = signal.getsignal(signal.SIGPIPE)
    yield
    signal.signal(signal.SIGPIPE, saved)


def multiline_text(size: int, seed: int = 7) -> str:
    """About ``size`` bytes of Cyrillic (Russian and Kazakh) lines of varied length.

    Lines come from the seed texts, shuffled, sometimes joined or cut short,
    with a few CRLF endings and blank lines, so that block boundaries fall in
    the middle of lines and of multi-byte characters.
    """
    rng = random.Random(seed)
    lines = [
        line
        for path in sorted(SEEDS.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    out: list[str] = []
    total = 0
    while total < size:
        line = rng.choice(lines)
        roll = rng.random()
        if roll < 0.1:
            line = " ".join(rng.choice(lines) for _ in range(rng.randint(5, 40)))
        elif roll < 0.3:
            line = line[: rng.randint(0, len(line))]
        ending = "\r\n" if rng.random() < 0.1 else "\n"
        out.append(line + ending)
        total += len(line.encode("utf-8")) + len(ending)
    return "".join(out)


# ---------------------------------------------------------------- the examples


def test_kazakh_from_stdin() -> None:
    result = run_cli("kk-latn-2021", stdin="Қазақстан Республикасы\n".encode())
    assert ok(result) == "Qazaqstan Respublikasy\n"


def test_kazakh_capital_i_and_dotted_i() -> None:
    result = run_cli("kk-latn-2021", stdin="ІЛЕ Іле ИРАН\n".encode())
    assert ok(result) == "ILE Ile \u0130RAN\n"


def test_uzbek_forward() -> None:
    result = run_cli("uz-latn", stdin="ЎЗБЕКИСТОН Ўзбекистон, етим, поезд\n".encode())
    assert ok(result) == "O\u02bbZBEKISTON O\u02bbzbekiston, yetim, poyezd\n"


def test_uzbek_reverse_accepts_ascii_apostrophe() -> None:
    result = run_cli("-r", "uz-latn", stdin=b"O'zbekiston\n")
    assert ok(result) == "Ўзбекистон\n"


def test_seed_round_trip_through_a_pipe() -> None:
    seed = "seeds/002_74cec711e28a9ff5.txt"
    original = (REPO / seed).read_bytes()
    result = run_shell(f"$TRANSLIT ru-iso-9 {seed} | $TRANSLIT -r ru-iso-9", cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    assert result.stdout == original


# ---------------------------------------------------------------- inputs


def test_file_argument(tmp_path: Path) -> None:
    (tmp_path / "in.txt").write_bytes("Щука\n".encode())
    assert ok(run_cli("ru-iso-9", "in.txt", cwd=tmp_path)) == "\u015cuka\n"


def test_dash_reads_stdin() -> None:
    assert ok(run_cli("ru-iso-9", "-", stdin="мир\n".encode())) == "mir\n"


def test_several_files_and_stdin_are_concatenated(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes("мир\n".encode())
    (tmp_path / "b.txt").write_bytes("дом".encode())  # no final newline
    result = run_cli(
        "ru-iso-9", "a.txt", "-", "b.txt", "a.txt", stdin="Жук\n".encode(), cwd=tmp_path
    )
    assert ok(result) == "mir\n\u017duk\ndommir\n"


def test_options_may_follow_the_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes("\u015cuka\n".encode())
    (tmp_path / "b.txt").write_bytes(b"mir\n")
    assert ok(run_cli("ru-iso-9", "a.txt", "-r", "b.txt", cwd=tmp_path)) == "Щука\nмир\n"


def test_empty_input() -> None:
    assert ok(run_cli("ru-iso-9")) == ""


def test_output_is_utf8_whatever_the_locale() -> None:
    env = cli_env(LC_ALL="C", LANG="C", PYTHONIOENCODING="ascii", PYTHONUTF8="0")
    result = run_cli("ru-iso-9", stdin="Щука\n".encode(), env=env)
    assert ok(result) == "\u015cuka\n"


# ---------------------------------------------------------------- line endings


def test_crlf_lone_cr_and_missing_final_newline_kept() -> None:
    source = "Щука\r\nмир\r\n\r\nдом\rЖук\nдом"
    forward = run_cli("ru-iso-9", stdin=source.encode())
    assert forward.returncode == 0
    assert forward.stdout == "\u015cuka\r\nmir\r\n\r\ndom\r\u017duk\ndom".encode()
    back = run_cli("-r", "ru-iso-9", stdin=forward.stdout)
    assert back.returncode == 0
    assert back.stdout == source.encode()


def test_final_newline_kept() -> None:
    assert run_cli("ru-iso-9", stdin="мир\n\n".encode()).stdout == b"mir\n\n"


# ---------------------------------------------------------------- large inputs


@pytest.mark.parametrize("scheme", ["ru-iso-9", "kk-latn-2021"])
def test_input_larger_than_a_block(tmp_path: Path, scheme: str) -> None:
    text = multiline_text(3 * MIB + 12345)
    path = tmp_path / "big.txt"
    path.write_bytes(text.encode("utf-8"))
    expected = translit.get(scheme)(text).encode("utf-8")
    assert run_cli(scheme, path).stdout == expected
    assert run_cli(scheme, stdin=path.read_bytes()).stdout == expected


def test_round_trip_larger_than_a_block(tmp_path: Path) -> None:
    text = multiline_text(3 * MIB, seed=11)
    # Latin letters would not survive the round trip; the seed texts have a few.
    text = "".join(c for c in text if not ("a" <= c.lower() <= "z"))
    (tmp_path / "big.txt").write_bytes(text.encode("utf-8"))
    result = run_shell("$TRANSLIT ru-iso-9 big.txt | $TRANSLIT -r ru-iso-9", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == text.encode("utf-8")


def test_very_long_line_with_spaces_and_no_newline() -> None:
    count = (cli.LINE_CAP // len("жук ")) * 5 // 4  # a fifth over the cap (in characters)
    result = run_cli("ru-iso-9", stdin=("жук " * count).encode())
    assert result.returncode == 0
    assert result.stdout == ("\u017euk " * count).encode()


def test_very_long_word_cut_between_characters() -> None:
    # More than the cap of dashes (cheap to convert) with no blank, so the line is
    # cut between two characters, then a word to convert.
    count = cli.LINE_CAP + MIB + 1
    result = run_cli("ru-iso-9", stdin=("\u2014" * count + "Жук\n").encode())
    assert result.returncode == 0
    assert result.stdout == ("\u2014" * count + "\u017duk\n").encode()


def test_each_line_is_written_before_the_input_ends() -> None:
    # With PYTHONUNBUFFERED set, standard output would be unbuffered and the test could
    # not catch a missing flush: run the command with it removed.
    env = cli_env()
    env.pop("PYTHONUNBUFFERED", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "translit", "ru-iso-9"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
    )
    assert process.stdin is not None and process.stdout is not None
    stdout = process.stdout
    try:
        lines: list[bytes] = []
        for word, expected in [("мир", b"mir\n"), ("дом", b"dom\n")]:
            process.stdin.write(f"{word}\n".encode())
            process.stdin.flush()
            reader = threading.Thread(target=lambda: lines.append(stdout.readline()))
            reader.start()
            reader.join(timeout=60)
            assert lines[-1:] == [expected]
        process.stdin.close()
        assert process.wait(timeout=60) == 0
    finally:
        process.kill()
        process.wait()


# ---------------------------------------------------------------- closed pipe


@pytest.fixture
def big_file(tmp_path: Path) -> Path:
    path = tmp_path / "big.txt"
    path.write_bytes(("Щука мир дом\n" * 300_000).encode())  # about 6 MiB
    return path


def test_quiet_when_the_reader_closes_the_pipe(big_file: Path) -> None:
    # Ended by SIGPIPE, as cat is: the shell shows 141 (128 + 13) for both.
    script = (
        "$TRANSLIT ru-iso-9 big.txt | head -1; echo translit=${PIPESTATUS[0]}; "
        "cat big.txt | head -1 > /dev/null; echo cat=${PIPESTATUS[0]}"
    )
    result = run_shell(script, cwd=big_file.parent)
    assert result.stderr == b""
    assert result.stdout == "\u015cuka mir dom\ntranslit=141\ncat=141\n".encode()


def test_quiet_on_broken_pipe_without_sigpipe(big_file: Path) -> None:
    # Where the platform has no SIGPIPE, BrokenPipeError must be caught quietly.
    program = (
        "import signal, sys; del signal.SIGPIPE; "
        "from translit.cli import main; sys.exit(main(['ru-iso-9', 'big.txt']))"
    )
    script = f"{shlex.quote(sys.executable)} -c {shlex.quote(program)} | head -1"
    result = run_shell(script + "; echo status=${PIPESTATUS[0]}", cwd=big_file.parent)
    assert result.stderr == b""
    assert result.stdout == "\u015cuka mir dom\nstatus=1\n".encode()


def test_output_to_a_full_disk(tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    (tmp_path / "in.txt").write_bytes("мир\n".encode() * 100_000)
    result = run_shell("$TRANSLIT ru-iso-9 in.txt > /dev/full", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.decode() == "translit: write error: No space left on device\n"


def test_standard_output_closed() -> None:
    result = run_shell("echo x | $TRANSLIT ru-iso-9 >&-", cwd=REPO)
    assert result.returncode == 1
    assert result.stderr.decode().startswith("translit: standard output: ")


def test_standard_input_closed() -> None:
    result = run_shell("$TRANSLIT ru-iso-9 <&-", cwd=REPO)
    assert result.returncode == 1
    assert result.stderr.decode().startswith("translit: <stdin>: ")


# ---------------------------------------------------------------- options


def test_list() -> None:
    output = ok(run_cli("-l"))
    lines = output.splitlines()
    assert lines[0].split() == ["ID", "LANGUAGE", "REVERSIBLE", "STATUS", "ALIASES", "STANDARD"]
    infos = translit.schemes()
    assert len(lines) == len(infos) + 1
    for info, line in zip(infos, lines[1:], strict=True):
        ident, language, reversible, status, aliases, *standard = line.split()
        assert (ident, language, reversible, status) == (
            info.id,
            info.language,
            info.reversible,
            info.status,
        )
        assert aliases == (",".join(info.aliases) or "-")
        assert " ".join(standard) == " ".join(info.standard.split())
    by_id = {line.split()[0]: line.split() for line in lines[1:]}
    assert by_id["ru-iso-9"][1:4] == ["ru", "lossless", "stable"]
    assert "ru-iso9" in by_id["ru-iso-9"][4].split(",")
    assert by_id["kk-latn-2021"][1:4] == ["kk", "lossy", "provisional"]
    assert by_id["uz-latn"][1:5] == ["uz", "lossy", "stable", "uz,uz-cyrl-latn,uz-latn-1995,uzbek"]


def test_long_list_option() -> None:
    assert ok(run_cli("--list")) == ok(run_cli("-l"))


def test_version() -> None:
    assert ok(run_cli("--version")) == f"translit {translit.__version__}\n"
    assert ok(run_cli("-V")) == f"translit {translit.__version__}\n"


def test_help_mentions_the_options() -> None:
    output = ok(run_cli("--help"))
    assert output.startswith("usage: translit ")
    for option in (
        "SCHEME",
        "FILE",
        "--reverse",
        "--text",
        "--from-code",
        "--output",
        "--warn-unmapped",
        "--strict",
        "--list",
        "--json",
        "--errors",
        "--version",
    ):
        assert option in output
    assert ok(run_cli("-h")) == output


def test_scheme_is_required() -> None:
    result = run_cli()
    assert result.returncode == 2
    assert b"usage: translit" in result.stderr
    assert result.stderr.rstrip().endswith(b"the following arguments are required: SCHEME")


def test_unknown_option() -> None:
    result = run_cli("--frobnicate", "ru-iso-9")
    assert result.returncode == 2
    assert b"translit: error:" in result.stderr


def test_scheme_alias_works_like_its_id() -> None:
    aliases = [(alias, info.id) for info in translit.schemes() for alias in info.aliases]
    if not aliases:
        pytest.skip("no scheme has an alias")
    alias, ident = aliases[0]
    text = "Щука мир\n".encode()
    assert run_cli(alias, stdin=text).stdout == run_cli(ident, stdin=text).stdout


# ---------------------------------------------------------------- user errors


def test_unknown_scheme_suggests_a_close_match() -> None:
    result = run_cli("uz-lat", stdin=b"x\n")
    assert result.returncode == 2
    assert result.stdout == b""
    message = result.stderr.decode()
    assert message.startswith("translit: ")
    assert "uz-latn" in message
    assert "Traceback" not in message


def test_unknown_scheme_without_close_match_names_real_schemes() -> None:
    result = run_cli("nosuch", stdin=b"x\n")
    assert result.returncode == 2
    message = result.stderr.decode()
    assert message.startswith("translit: ")
    assert "nosuch" in message
    assert any(ident in message for ident in ("kk-latn-2021", "uz-latn", "ru-iso-9"))


def test_reverse_on_a_scheme_without_one() -> None:
    one_way = [info.id for info in translit.schemes() if not info.has_reverse]
    if not one_way:
        pytest.skip("every scheme has a reverse direction")
    result = run_cli("-r", one_way[0], stdin="мир\n".encode())
    assert result.returncode == 2
    assert result.stdout == b""
    message = result.stderr.decode()
    assert message.startswith("translit: ")
    assert one_way[0] in message and "reverse" in message


class OneWay:
    """Stands in for a transliterator whose scheme has no reverse direction."""

    def __init__(self, has_reverse: bool) -> None:
        self.info = SimpleNamespace(id="xx-one-way", has_reverse=has_reverse)

    def __call__(self, text: str) -> str:
        return text

    def reverse(self, text: str) -> str:
        raise translit.NoReverseError(self.info.id)


@pytest.mark.parametrize("claims_reverse", [False, True])
def test_reverse_without_a_reverse_direction_exits_2(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    keep_sigpipe: None,
    claims_reverse: bool,
) -> None:
    monkeypatch.setattr(translit, "get", lambda name: OneWay(claims_reverse))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"text\n")))
    assert cli.main(["-r", "xx-one-way"]) == 2
    captured = capsys.readouterr()
    assert captured.err == "translit: scheme xx-one-way has no reverse direction\n"
    assert captured.out == ""


def test_missing_file(tmp_path: Path) -> None:
    result = run_cli("ru-iso-9", "nosuch.txt", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == b""
    assert result.stderr.decode() == "translit: nosuch.txt: No such file or directory\n"


def test_missing_file_is_skipped_like_cat(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes("мир\n".encode())
    result = run_cli("ru-iso-9", "a.txt", "nosuch.txt", "a.txt", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == b"mir\nmir\n"
    assert result.stderr.decode() == "translit: nosuch.txt: No such file or directory\n"


def test_directory_as_file(tmp_path: Path) -> None:
    result = run_cli("ru-iso-9", ".", cwd=tmp_path)
    assert result.returncode == 1
    message = result.stderr.decode()
    assert message.startswith("translit: .: ")
    assert "Traceback" not in message


def test_broken_table_exits_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], keep_sigpipe: None
) -> None:
    def broken(name: str) -> translit.Transliterator:
        raise translit.TableError("tables/ru-iso-9.toml", "map.ж", "output must be a string", 12)

    monkeypatch.setattr(translit, "get", broken)
    assert cli.main(["ru-iso-9", "-"]) == 1
    captured = capsys.readouterr()
    assert captured.err == "translit: tables/ru-iso-9.toml:12: map.ж: output must be a string\n"


def test_main_returns_2_for_usage_errors(
    capsys: pytest.CaptureFixture[str], keep_sigpipe: None
) -> None:
    assert cli.main(["nosuch"]) == 2
    assert cli.main([]) == 2
    assert capsys.readouterr().err.startswith("translit: unknown scheme 'nosuch'")


# ---------------------------------------------------------------- invalid UTF-8


def test_invalid_byte_at_start_of_stdin() -> None:
    result = run_shell(r"printf '\xff\n' | $TRANSLIT ru-iso-9", cwd=REPO)
    assert result.returncode == 1
    assert result.stdout == b""
    assert result.stderr.decode() == (
        "translit: <stdin>: invalid UTF-8 at byte 0 (0xff); if the input is in another "
        "encoding, name it with -f (for example -f cp1251), or use --errors replace to "
        "substitute U+FFFD\n"
    )


def test_invalid_byte_late_in_a_file_reports_its_offset(tmp_path: Path) -> None:
    good = "мир\n".encode() * 400_000  # 2_800_000 bytes: past the first blocks
    (tmp_path / "bad.txt").write_bytes(good + b"ab\xfe\n" + good)
    result = run_cli("ru-iso-9", "bad.txt", cwd=tmp_path)
    assert result.returncode == 1
    message = result.stderr.decode()
    assert message.startswith("translit: bad.txt: invalid UTF-8 at byte 2800002 (0xfe)")
    assert b"\xfe" not in result.stdout
    assert result.stdout.count(b"mir\n") <= 400_000


def test_offset_counts_from_the_start_of_each_input(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes("мир\n".encode() * 1000)
    (tmp_path / "b.txt").write_bytes("мир\n".encode() + b"\xd0\xd0\n")
    result = run_cli("ru-iso-9", "a.txt", "b.txt", cwd=tmp_path)
    assert result.returncode == 1
    assert "translit: b.txt: invalid UTF-8 at byte 7 (0xd0)" in result.stderr.decode()


def test_truncated_character_at_end_of_input() -> None:
    result = run_cli("ru-iso-9", stdin="ок\n".encode() + b"\xd0")
    assert result.returncode == 1
    assert "<stdin>: invalid UTF-8 at byte 5 (0xd0)" in result.stderr.decode()


def test_errors_replace_substitutes_u_fffd() -> None:
    result = run_cli("--errors", "replace", "ru-iso-9", stdin=b"\xff" + "мир\n".encode() + b"\xd0")
    assert ok(result) == "\ufffdmir\n\ufffd"


def test_errors_option_checks_its_value() -> None:
    result = run_cli("--errors", "ignore", "ru-iso-9")
    assert result.returncode == 2
    assert b"invalid choice" in result.stderr


# ---------------------------------------------------------------- streaming helpers


def pieces_of(data: bytes, block_size: int, line_cap: int, encoding: str = "utf-8") -> list[str]:
    stream = io.BytesIO(data)
    return list(cli.iter_text(stream, "in", encoding, "strict", block_size, line_cap))


def test_pieces_end_at_the_last_newline_of_each_block() -> None:
    assert pieces_of(b"a\nbb\nccc\nd", 6, 100) == ["a\nbb\n", "ccc\n", "d"]
    assert pieces_of(b"", 4, 100) == []
    assert pieces_of(b"\n\n", 1, 100) == ["\n", "\n"]


def test_long_line_cut_after_last_blank_else_before_the_last_character() -> None:
    assert pieces_of(b"aa bb\tcc dd", 4, 8) == ["aa bb\t", "cc dd"]
    word = "жжжжж".encode()  # five characters, ten bytes, no blank
    # Blocks of four bytes hold two characters: the cap of three is reached after
    # four; the last waits for the next piece.
    assert pieces_of(word, 4, 3) == ["жжж", "жж"]


def test_long_line_cut_keeps_combining_marks_with_their_letter() -> None:
    text = "ии\u0306и\u0306"  # и, й, й with the breve as a separate mark
    assert cli.long_line_cut(text) == 3
    assert cli.long_line_cut("\u0306\u0306") == 2  # nothing better: cut at the end
    assert cli.long_line_cut("x") == 1


def test_utf16_newlines_are_found_in_the_decoded_text() -> None:
    # In UTF-16-LE "\n" is 0a 00, and "ਊ" (U+0A0A) is 0a 0a: neither byte may be taken
    # for a newline by itself. Blocks of three bytes split every code unit.
    text = "ਊ\nЖ\r\nऊ\n"
    assert pieces_of(text.encode("utf-16"), 3, 100, "utf-16") == ["ਊ\n", "Ж\r\n", "ऊ\n"]
    assert pieces_of(text.encode("utf-16-be"), 1, 100, "utf-16-be") == ["ਊ\n", "Ж\r\n", "ऊ\n"]


def test_surrogate_pair_split_between_blocks() -> None:
    clef = "\U0001d11e\n"
    assert pieces_of(clef.encode("utf-16-le"), 1, 100, "utf-16-le") == [clef]
    assert pieces_of(clef.encode("utf-8"), 1, 100) == [clef]


@given(
    st.lists(
        st.sampled_from(["a", " ", "\n", "\r\n", "ж", "€", "\U0001d11e", "\t", "\u0306"]),
        max_size=80,
    ),
    st.integers(1, 9),
    st.integers(4, 24),
    st.sampled_from(["utf-8", "utf-16", "utf-16-be", "utf-32", "gb18030"]),
)
def test_pieces_rebuild_the_text_and_end_at_newlines(
    parts: list[str], block_size: int, line_cap: int, encoding: str
) -> None:
    text = "".join(parts)
    pieces = pieces_of(text.encode(encoding), block_size, line_cap, encoding)
    assert "".join(pieces) == text
    for index, piece in enumerate(pieces):
        assert piece
        assert len(piece) <= line_cap + block_size
        if index < len(pieces) - 1:
            assert piece.endswith("\n") or "\n" not in piece


@given(st.binary(max_size=200), st.integers(1, 9), st.integers(4, 24))
def test_pieces_rebuild_any_bytes_with_replacement(
    data: bytes, block_size: int, line_cap: int
) -> None:
    stream = io.BytesIO(data)
    pieces = cli.iter_text(stream, "in", "utf-8", "replace", block_size, line_cap)
    assert "".join(pieces) == data.decode("utf-8", "replace")


@given(st.text(max_size=30), st.binary(min_size=1, max_size=1), st.integers(1, 7))
def test_decode_error_names_the_absolute_offset(prefix: str, bad: bytes, block_size: int) -> None:
    data = prefix.encode() + bad + b"\n"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        with pytest.raises(cli.CliError) as caught:
            pieces_of(data, block_size, 1000)
        assert str(caught.value).startswith(
            f"in: invalid UTF-8 at byte {exc.start} (0x{data[exc.start]:02x});"
        )
        assert caught.value.status == 1
    else:
        assert "".join(pieces_of(data, block_size, 1000)) == data.decode()


# ---------------------------------------------------------------- encodings (-f)


@pytest.mark.parametrize(
    ("encoding", "data"),
    [
        ("cp1251", b"\xd9\xf3\xea\xe0 \xec\xe8\xf0\n"),  # Щука мир, Windows-1251
        ("koi8-r", b"\xfd\xd5\xcb\xc1 \xcd\xc9\xd2\n"),  # Щука мир, KOI8-R
        ("utf-16", b"\xff\xfe" + "Щука мир\n".encode("utf-16-le")),  # with a BOM
        ("utf-16", b"\xfe\xff" + "Щука мир\n".encode("utf-16-be")),
        ("utf-16-le", "Щука мир\n".encode("utf-16-le")),
        ("utf-8-sig", b"\xef\xbb\xbf" + "Щука мир\n".encode()),
    ],
)
def test_input_encodings(encoding: str, data: bytes) -> None:
    assert ok(run_cli("-f", encoding, "ru-iso-9", stdin=data)) == "\u015cuka mir\n"


def test_kazakh_in_kz1048() -> None:
    # KZ-1048 (Windows Kazakh): Қ is 0x8D, қ 0x9D, ң 0xBF, ү 0xBA, і 0xB3.
    data = b"\x8d\xe0\xe7\xe0\x9d\xf1\xf2\xe0\xed \xf2\xb3\xeb\xb3\n"  # Қазақстан тілі
    assert ok(run_cli("--from-code", "kz1048", "kk-latn-2021", stdin=data)) == "Qazaqstan tılı\n"


def test_utf16_input_larger_than_a_block(tmp_path: Path) -> None:
    text = multiline_text(2 * MIB + 333, seed=5)
    path = tmp_path / "big16.txt"
    path.write_bytes(text.encode("utf-16"))
    expected = translit.get("ru-iso-9")(text).encode("utf-8")
    result = run_cli("-f", "utf-16", "ru-iso-9", path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == expected


def test_invalid_byte_in_a_single_byte_encoding(tmp_path: Path) -> None:
    (tmp_path / "in.txt").write_bytes(b"\xec\xe8\xf0\n\x98\n")  # 0x98 is unassigned in cp1251
    result = run_cli("-f", "cp1251", "ru-iso-9", "in.txt", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == b""  # the bad byte is in the first block: nothing is written
    assert result.stderr.decode() == (
        "translit: in.txt: invalid cp1251 at byte 4 (0x98); "
        "use --errors replace to substitute U+FFFD\n"
    )


def test_odd_utf16_byte_count() -> None:
    data = "мир\n".encode("utf-16-le") + b"\x41"
    result = run_cli("-f", "utf-16-le", "ru-iso-9", stdin=data)
    assert result.returncode == 1
    assert "translit: <stdin>: invalid utf-16-le at byte 8 (0x41)" in result.stderr.decode()
    replaced = run_cli("-f", "utf-16-le", "--errors", "replace", "ru-iso-9", stdin=data)
    assert ok(replaced) == "mir\n\ufffd"


@pytest.mark.parametrize("name", ["cp9999", "rot13", "base64"])
def test_unknown_or_non_text_encoding_is_a_usage_error(name: str) -> None:
    result = run_cli("-f", name, "ru-iso-9", stdin=b"x\n")
    assert result.returncode == 2
    assert f"translit: error: unknown encoding '{name}'" in result.stderr.decode()


# ---------------------------------------------------------------- text arguments (-t)


def test_text_argument() -> None:
    assert ok(run_cli("ru-iso-9", "-t", "Щука")) == "\u015cuka\n"


def test_text_argument_repeated_and_before_the_scheme() -> None:
    assert (
        ok(run_cli("-t", "Щука", "--text", "ЩУКА мир", "ru-iso-9")) == "\u015cuka\n\u015cUKA mir\n"
    )


def test_text_argument_reverse() -> None:
    assert ok(run_cli("-r", "uz-latn", "-t", "O'zbekiston")) == "Ўзбекистон\n"


def test_text_argument_with_files_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("ru-iso-9", "-t", "мир", "in.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert b"-t/--text takes the place of FILE arguments" in result.stderr


def test_text_argument_with_an_encoding_is_a_usage_error() -> None:
    result = run_cli("ru-iso-9", "-t", "мир", "-f", "cp1251")
    assert result.returncode == 2
    assert b"translit: error: -f/--from-code names the encoding" in result.stderr


def test_text_argument_that_is_not_utf8() -> None:
    program = (
        "import sys; from translit.cli import main; "
        "sys.exit(main(['ru-iso-9', '-t', b'\\xd0\\xbc\\xff'.decode('utf-8', 'surrogateescape')]))"
    )
    result = run_python(program)
    assert result.returncode == 1
    assert result.stderr.decode().startswith("translit: <text>: invalid UTF-8 at byte 2 (0xff);")


# ---------------------------------------------------------------- output file (-o)


def test_output_file(tmp_path: Path) -> None:
    (tmp_path / "in.txt").write_bytes("Щука\n".encode())
    result = run_cli("ru-iso-9", "in.txt", "-o", "out.txt", cwd=tmp_path)
    assert ok(result) == ""
    assert (tmp_path / "out.txt").read_bytes() == "\u015cuka\n".encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.txt", "out.txt"]


def test_output_file_may_be_the_input(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes("Щука\nмир\n".encode())
    assert ok(run_cli("ru-iso-9", "notes.txt", "-o", "notes.txt", cwd=tmp_path)) == ""
    assert path.read_bytes() == "\u015cuka\nmir\n".encode()


def test_output_file_is_left_as_it_was_on_failure(tmp_path: Path) -> None:
    (tmp_path / "out.txt").write_bytes(b"old\n")
    (tmp_path / "bad.txt").write_bytes("мир\n".encode() * 400_000 + b"\xff\n")
    result = run_cli("ru-iso-9", "bad.txt", "-o", "out.txt", cwd=tmp_path)
    assert result.returncode == 1
    assert "invalid UTF-8 at byte 2800000" in result.stderr.decode()
    assert (tmp_path / "out.txt").read_bytes() == b"old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.txt", "out.txt"]  # no temp file


def test_output_file_is_not_replaced_when_an_input_is_missing(tmp_path: Path) -> None:
    (tmp_path / "out.txt").write_bytes(b"old\n")
    (tmp_path / "a.txt").write_bytes("мир\n".encode())
    result = run_cli("ru-iso-9", "a.txt", "nosuch.txt", "-o", "out.txt", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.decode() == "translit: nosuch.txt: No such file or directory\n"
    assert (tmp_path / "out.txt").read_bytes() == b"old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "out.txt"]


def test_output_file_keeps_its_permissions_and_its_link(tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_bytes(b"old\n")
    target.chmod(0o640)
    (tmp_path / "link.txt").symlink_to("real.txt")
    ok(run_cli("ru-iso-9", "-t", "мир", "-o", "link.txt", cwd=tmp_path))
    assert (tmp_path / "link.txt").is_symlink()
    assert target.read_bytes() == b"mir\n"
    assert target.stat().st_mode & 0o777 == 0o640


def test_new_output_file_follows_the_umask(tmp_path: Path) -> None:
    script = "umask 027 && $TRANSLIT ru-iso-9 -t мир -o new.txt"
    assert run_shell(script, cwd=tmp_path).returncode == 0
    assert (tmp_path / "new.txt").stat().st_mode & 0o777 == 0o640


def test_output_file_in_a_missing_directory(tmp_path: Path) -> None:
    result = run_cli("ru-iso-9", "-t", "мир", "-o", "nodir/out.txt", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.decode() == "translit: nodir/out.txt: No such file or directory\n"


def test_output_file_that_is_a_directory(tmp_path: Path) -> None:
    result = run_cli("ru-iso-9", "-t", "мир", "-o", ".", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.decode() == "translit: .: Is a directory\n"


def test_output_dash_is_standard_output() -> None:
    assert ok(run_cli("ru-iso-9", "-t", "мир", "-o", "-")) == "mir\n"


# ---------------------------------------------------------------- unmapped letters


def test_strict_stops_at_a_letter_the_scheme_leaves() -> None:
    result = run_shell("echo 'Түркия' | $TRANSLIT --strict uz-latn", cwd=REPO)
    assert result.returncode == 1
    assert result.stdout == b""
    assert result.stderr.decode() == (
        "translit: <stdin>:1:2: 'ү' (U+04AF) is not in uz-latn; stopped by --strict\n"
    )


def test_warn_unmapped_lists_each_letter_and_succeeds() -> None:
    result = run_shell("echo 'Түркия' | $TRANSLIT --warn-unmapped uz-latn", cwd=REPO)
    assert result.returncode == 0
    assert result.stdout.decode() == "Tүrkiya\n"
    assert result.stderr.decode() == (
        "translit: <stdin>:1:2: warning: 'ү' (U+04AF) is not in uz-latn; left as it is\n"
    )


def test_warn_unmapped_positions_across_lines_and_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes("мир\r\nӘлем және Ұлы\n".encode())
    (tmp_path / "b.txt").write_bytes("\n\nдом ә".encode())
    result = run_cli("--warn-unmapped", "ru-iso-9", "a.txt", "b.txt", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stderr.decode().splitlines() == [
        "translit: a.txt:2:1: warning: 'Ә' (U+04D8) is not in ru-iso-9; left as it is",
        "translit: a.txt:2:7: warning: 'ә' (U+04D9) is not in ru-iso-9; left as it is",
        "translit: a.txt:2:11: warning: 'Ұ' (U+04B0) is not in ru-iso-9; left as it is",
        "translit: b.txt:3:5: warning: 'ә' (U+04D9) is not in ru-iso-9; left as it is",
    ]


def test_warn_unmapped_position_after_a_block_boundary(tmp_path: Path) -> None:
    # The letter stands on line 300_001, after more than a block of text, and on a
    # line that is cut in two (over the cap) its column still counts from the line start.
    lines = "мир\n" * 300_000
    (tmp_path / "in.txt").write_bytes((lines + "дом ә\n").encode())
    result = run_cli("--warn-unmapped", "ru-iso-9", "in.txt", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stderr.decode() == (
        "translit: in.txt:300001:5: warning: 'ә' (U+04D9) is not in ru-iso-9; left as it is\n"
    )


def test_unmapped_column_continues_across_a_cut_line() -> None:
    check = cli.UnmappedCheck("ru-iso-9", reverse=False, strict=True)
    position = cli.Position()
    for piece in ["мир ", "дом "]:
        check(piece, "in", position)
        position.advance(piece)
    with pytest.raises(cli.CliError) as caught:
        check("ә\n", "in", position)
    assert str(caught.value) == "in:1:9: 'ә' (U+04D9) is not in ru-iso-9; stopped by --strict"


def test_strict_reverse_checks_latin_letters() -> None:
    result = run_cli("--strict", "-r", "ru-iso-9", "-t", "Ŝuka wow")
    assert result.returncode == 1
    assert result.stderr.decode() == (
        "translit: <text>:1:6: 'w' (U+0077) is not in ru-iso-9; stopped by --strict\n"
    )


def test_strict_passes_text_the_scheme_covers() -> None:
    assert ok(run_cli("--strict", "uz-latn", "-t", "Ўзбекистон, 2024")) == "Oʻzbekiston, 2024\n"


# ---------------------------------------------------------------- listing


def test_list_json() -> None:
    import json

    records = json.loads(ok(run_cli("-l", "--json")))
    by_id = {record["id"]: record for record in records}
    assert [record["id"] for record in records] == sorted(by_id)
    iso9 = by_id["ru-iso-9"]
    assert iso9["language"] == "ru"
    assert iso9["reversible"] == "lossless"
    assert iso9["has_reverse"] is True
    assert iso9["status"] == "stable"
    assert iso9["source_script"] == "Cyrl" and iso9["target_script"] == "Latn"
    assert "ru-iso9" in iso9["aliases"]
    assert iso9["standard"].startswith("ISO 9:1995")
    assert any("ISO 9:1995, Table 1" in ref for ref in iso9["references"])
    assert isinstance(iso9["notes"], str)
    assert by_id["kk-latn-2021"]["status"] == "provisional"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["in.txt", "-l"], "-l/--list takes no SCHEME or FILE (only --json)"),
        (["-l", "ru-iso-9"], "-l/--list takes no SCHEME or FILE (only --json)"),
        (["-l", "-r"], "-l/--list takes no -r (only --json)"),
        (["-l", "-t", "x", "--strict"], "-l/--list takes no -t, --strict (only --json)"),
        (["--json", "ru-iso-9"], "--json goes with -l/--list"),
    ],
)
def test_list_takes_no_other_arguments(args: list[str], message: str) -> None:
    result = run_cli(*args)
    assert result.returncode == 2
    assert result.stdout == b""
    assert result.stderr.decode().rstrip().endswith(f"translit: error: {message}")


def test_double_dash_ends_the_options(tmp_path: Path) -> None:
    (tmp_path / "-r").write_bytes("мир\n".encode())
    assert ok(run_cli("ru-iso-9", "--", "-r", cwd=tmp_path)) == "mir\n"


# ---------------------------------------------------------------- issue 9: defects


def test_input_file_is_output_file_is_refused_like_cat(tmp_path: Path) -> None:
    # Without the check, translit would read its own output and fill the disk.
    (tmp_path / "f.txt").write_bytes("мир\n".encode())
    (tmp_path / "g.txt").write_bytes("дом\n".encode())
    # Should the check ever fail: the file stops growing at 20 MiB, the loop after 20 s.
    script = "ulimit -f 20480; timeout 20 $TRANSLIT ru-iso-9 g.txt f.txt >> f.txt"
    result = run_shell(script, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.decode() == "translit: f.txt: input file is output file\n"
    assert (tmp_path / "f.txt").read_bytes() == "мир\ndom\n".encode()  # g.txt was written
    cat = run_shell("cat f.txt >> f.txt", cwd=tmp_path)
    assert cat.returncode == 1 and b"input file is output file" in cat.stderr


def test_standard_input_is_output_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "f.txt").write_bytes("мир\n".encode())
    result = run_shell(
        "ulimit -f 20480; timeout 20 $TRANSLIT ru-iso-9 < f.txt >> f.txt", cwd=tmp_path
    )
    assert result.returncode == 1
    assert result.stderr.decode() == "translit: <stdin>: input file is output file\n"
    assert (tmp_path / "f.txt").read_bytes() == "мир\n".encode()


def test_output_truncated_by_the_shell_is_no_loop(tmp_path: Path) -> None:
    # `> f` empties f before translit starts: there is nothing to read, as for cat.
    (tmp_path / "f.txt").write_bytes("мир\n".encode())
    result = run_shell("ulimit -f 20480; timeout 20 $TRANSLIT ru-iso-9 f.txt > f.txt", cwd=tmp_path)
    assert result.returncode == 0
    assert (tmp_path / "f.txt").read_bytes() == b""


def test_non_blocking_standard_input_is_waited_for() -> None:
    # A program may leave a pipe non-blocking; data that arrives late must not be lost.
    read_end, write_end = os.pipe()
    os.set_blocking(read_end, False)
    process = subprocess.Popen(
        [sys.executable, "-m", "translit", "ru-iso-9"],
        stdin=read_end,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=cli_env(),
    )
    os.close(read_end)
    try:
        time.sleep(1.0)  # translit starts reading before any data is there
        with contextlib.suppress(BrokenPipeError):
            os.write(write_end, "мир\n".encode())
            time.sleep(0.2)
            os.write(write_end, "дом\n".encode())
        os.close(write_end)
        stdout, stderr = process.communicate(timeout=60)
    finally:
        process.kill()
        process.wait()
    assert (process.returncode, stdout, stderr) == (0, b"mir\ndom\n", b"")


@pytest.mark.parametrize(
    "args",
    [["--version"], ["-V"], ["--help"], ["-l"], ["-l", "--json"], ["ru-iso-9", "-t", "мир"]],
)
def test_every_output_reports_a_failed_write(tmp_path: Path, args: list[str]) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    result = run_shell(f"$TRANSLIT {shlex.join(args)} > /dev/full", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.decode() == "translit: write error: No space left on device\n"


def test_output_file_on_a_full_disk_is_reported(tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    # /dev/full is no directory for a temporary file: the error names the output.
    result = run_cli("ru-iso-9", "-t", "мир", "-o", "/dev/full/x", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.decode().startswith("translit: /dev/full/x: ")


# ---------------------------------------------------------------- completion and manual page


def complete(script: Path, words: list[str], cwd: Path) -> list[str]:
    """What bash completion offers for the last of ``words``, using shtab's script."""
    line = " ".join(shlex.quote(word) for word in words)
    program = (
        f"source {shlex.quote(str(script))}; COMP_WORDS=({line}); "
        f"COMP_CWORD={len(words) - 1}; _shtab_translit; printf '%s\\n' \"${{COMPREPLY[@]}}\""
    )
    result = subprocess.run(["bash", "-c", program], capture_output=True, cwd=cwd, check=False)
    assert result.returncode == 0, result.stderr
    return sorted(result.stdout.decode().split())


def test_bash_completion(tmp_path: Path) -> None:
    pytest.importorskip("shtab")
    output = run_cli("--print-completion", "bash")
    assert output.returncode == 0, output.stderr
    script = tmp_path / "translit.bash"
    script.write_bytes(output.stdout)
    (tmp_path / "notes.txt").write_text("x")
    # Scheme ids and aliases; other schemes with the same beginning may come.
    for prefix, expected in [("uz-l", {"uz-latn", "uz-latn-1995"}), ("ru-iso9", {"ru-iso9"})]:
        offered = complete(script, ["translit", prefix], tmp_path)
        assert expected <= set(offered)
        assert all(name.startswith(prefix) for name in offered)
    assert complete(script, ["translit", "-f", "koi"], tmp_path) == ["koi8-r", "koi8-u"]
    assert complete(script, ["translit", "--warn"], tmp_path) == ["--warn-unmapped"]
    assert complete(script, ["translit", "ru-iso-9", "no"], tmp_path) == ["notes.txt"]


@pytest.mark.parametrize("shell", ["zsh", "tcsh"])
def test_other_shells_completion(shell: str) -> None:
    pytest.importorskip("shtab")
    script = ok(run_cli("--print-completion", shell))
    assert "translit" in script and "kk-latn-2021" in script and "--from-code" in script


def fish_complete(script: Path, line: str, cwd: Path) -> list[str]:
    """What fish offers for ``line``, using argcomplete's script (the part before a tab)."""
    program = f"source {shlex.quote(str(script))}; complete -C {shlex.quote(line)}"
    env = {**cli_env(), "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    result = subprocess.run(
        ["fish", "--no-config", "-c", program], capture_output=True, cwd=cwd, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    return sorted(entry.split("\t")[0] for entry in result.stdout.decode().splitlines())


def test_fish_completion(tmp_path: Path) -> None:
    pytest.importorskip("argcomplete")
    if shutil.which("fish") is None or not (Path(sys.executable).parent / "translit").exists():
        pytest.skip("needs fish (Debian's fish package) and the installed translit command")
    script = tmp_path / "translit.fish"
    script.write_bytes(ok(run_cli("--print-completion", "fish")).encode())
    (tmp_path / "notes.txt").write_text("x")
    offered = fish_complete(script, "translit uz-l", tmp_path)
    assert {"uz-latn", "uz-latn-1995"} <= set(offered)
    assert all(name.startswith("uz-l") for name in offered)
    assert fish_complete(script, "translit -f koi", tmp_path) == ["koi8-r", "koi8-u"]
    assert fish_complete(script, "translit --warn", tmp_path) == ["--warn-unmapped"]
    assert fish_complete(script, "translit ru-iso-9 no", tmp_path) == ["notes.txt"]
    assert fish_complete(script, "translit norm", tmp_path) == ["normalize"]


def test_completion_request_is_answered(tmp_path: Path) -> None:
    """The request fish's script makes, made by hand: argcomplete's environment variables."""
    pytest.importorskip("argcomplete")
    answer = tmp_path / "answer"
    line = "translit ru-iso"
    env = {
        **cli_env(),
        "_ARGCOMPLETE": "1",
        "_ARGCOMPLETE_SHELL": "fish",
        "_ARGCOMPLETE_IFS": "\n",
        "_ARGCOMPLETE_STDOUT_FILENAME": str(answer),
        "COMP_LINE": line,
        "COMP_POINT": str(len(line)),
    }
    program = "from translit.cli import main; main()"
    result = run_python(program, env=env)
    assert result.returncode == 0, result.stderr
    offered = {entry.split("\t")[0] for entry in answer.read_text().splitlines()}
    assert {"ru-iso-9", "ru-iso9"} <= offered
    assert all(name.startswith("ru-iso") for name in offered)


def test_fish_completion_without_argcomplete() -> None:
    program = (
        "import sys; sys.modules['argcomplete'] = None; from translit.cli import main; "
        "sys.exit(main(['--print-completion', 'fish']))"
    )
    result = run_python(program)
    assert result.returncode == 1
    assert result.stderr.decode() == (
        "translit: --print-completion needs argcomplete: "
        "pip install 'translit-central-asia[completion]'\n"
    )


def test_completion_without_shtab() -> None:
    program = (
        "import sys; sys.modules['shtab'] = None; from translit.cli import main; "
        "sys.exit(main(['--print-completion', 'bash']))"
    )
    result = run_python(program)
    assert result.returncode == 1
    assert result.stdout == b""
    assert result.stderr.decode() == (
        "translit: --print-completion needs shtab: "
        "pip install 'translit-central-asia[completion]'\n"
    )


def test_completion_reports_a_failed_write(tmp_path: Path) -> None:
    pytest.importorskip("shtab")
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    result = run_shell("$TRANSLIT --print-completion bash > /dev/full", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.decode() == "translit: write error: No space left on device\n"


def test_manual_page(tmp_path: Path) -> None:
    pytest.importorskip("argparse_manpage")
    page = tmp_path / "translit.1"
    program = "import sys; from argparse_manpage.cli import main; sys.exit(main())"
    args = ["--module", "translit.cli", "--function", "man_page_parser"]
    args += ["--project-name", "translit", "--prog", "translit", "--output", str(page)]
    result = run_python(program, *args)
    assert result.returncode == 0, result.stderr
    text = page.read_text(encoding="utf-8")
    assert text.startswith('.TH TRANSLIT "1"')
    for option in ("from\\-code", "warn\\-unmapped", "\\-\\-strict", "\\-\\-output", "\\-\\-json"):
        assert option in text, option
    groff = shutil.which("groff")
    if groff is None:
        return
    rendered = subprocess.run(
        [groff, "-k", "-man", "-Tutf8", "-ww", str(page)], capture_output=True, check=False
    )
    assert rendered.returncode == 0
    assert rendered.stderr == b""
    out = re.sub(".\b", "", rendered.stdout.decode())  # no bold or underlining
    assert "translit [options] SCHEME [FILE ...]" in out
    assert "Қазақстан" in out


# -- policies, --from/--to and tables of your own ---------------------------------------


def test_policy_keep_and_a_named_policy() -> None:
    assert run_cli("--policy", "keep", "kk-latn-2021", stdin="Цех\n".encode()).stdout == (
        "Цeh\n".encode()
    )
    result = run_cli("kk-latn-2018", "--policy", "spelling-2018", stdin="Актёр\n".encode())
    assert result.stdout == "Aktór\n".encode()


def test_policy_strict_names_the_letter_and_its_place_in_the_input() -> None:
    text = "Қала\n" * 3 + "Азия\n"
    result = run_cli("--policy", "strict", "kk-latn-2018", stdin=text.encode())
    assert result.returncode == 1 and result.stdout == b""
    assert "<stdin>:4:4: kk-latn-2018 has no letter for 'я' (U+044F)" in result.stderr.decode()


def test_an_unknown_policy_is_a_usage_error() -> None:
    result = run_cli("--policy", "nope", "kk-latn-2018", "-t", "x")
    assert result.returncode == 2 and "policies: default, keep, strict" in result.stderr.decode()


def test_from_and_to_convert_between_latin_alphabets() -> None:
    # The example: 2018 letters back to Cyrillic, then the 2021 letters.
    result = run_cli(
        "--from",
        "kk-latn-2018",
        "--to",
        "kk-latn-2021",
        stdin=b"Qazaqstan Resp\xc3\xbdbl\xc4\xb1kasy\n",
    )
    assert result.stdout == b"Qazaqstan Respublikasy\n" and result.returncode == 0
    mixed = run_cli("--from", "kk-latn-2018", "--to", "ru-iso-9", "-t", "x")
    assert mixed.returncode == 2 and "one language" in mixed.stderr.decode()
    alone = run_cli("--from", "kk-latn-2018", "-t", "x")
    assert alone.returncode == 2 and "--from and --to go together" in alone.stderr.decode()


def test_a_table_of_your_own_by_its_path(tmp_path: Path) -> None:
    text = (REPO / "tables" / "ru-iso-9.toml").read_text("utf-8")
    own = tmp_path / "ru-iso-9.toml"
    own.write_text(
        text.replace('"щ" = "ŝ"', '"щ" = "w"').replace('target = "', 'target = "w'), "utf-8"
    )
    assert run_cli("./ru-iso-9.toml", "-t", "Щука", cwd=tmp_path).stdout == b"Wuka\n"
    # The bare name is still the shipped scheme, whatever the current directory holds.
    assert run_cli("ru-iso-9", "-t", "Щука", cwd=tmp_path).stdout == "Ŝuka\n".encode()
    broken = tmp_path / "broken.toml"
    broken.write_text("format = 1\n[meta\n", "utf-8")
    result = run_cli(broken, "-t", "x")
    assert result.returncode == 1 and "broken.toml" in result.stderr.decode()
    missing = run_cli("./nothing.toml", "-t", "x", cwd=tmp_path)
    assert missing.returncode == 2 and "no such table file" in missing.stderr.decode()


def test_explain_prints_each_piece_with_the_rule_behind_it() -> None:
    result = run_cli("--explain", "uz-latn", stdin="Исҳоқ\n".encode())
    lines = result.stdout.decode().splitlines()
    assert lines == ["И\tI\tmap.и", "с\tsʼ\trules[7]", "ҳ\th\tmap.ҳ", "о\to\tmap.о", "қ\tq\tmap.қ"]
    both = run_cli("--explain", "--from", "kk-latn-2018", "--to", "kk-latn-2021", "-t", "x")
    assert both.returncode == 2

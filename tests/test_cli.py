"""Tests of the ``translit`` command line.

Most tests run ``python -m translit`` as a subprocess, exactly as a user would;
a few call the streaming helpers of :mod:`translit.cli` in-process with tiny
block sizes.  Expected outputs come from the issue's acceptance criteria or are
worked out by hand from the standards; only the large-input tests compare the
command with the library's own result on the same text.
"""

from __future__ import annotations

import io
import os
import random
import shlex
import signal
import subprocess
import sys
import threading
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
    count = (cli.LINE_CAP // len("жук ".encode())) * 5 // 4  # a fifth over the cap
    result = run_cli("ru-iso-9", stdin=("жук " * count).encode())
    assert result.returncode == 0
    assert result.stdout == ("\u017euk " * count).encode()


def test_very_long_word_cut_between_characters() -> None:
    # More than the cap of three-byte dashes (cheap to convert) with no whitespace,
    # so the line is cut at a character boundary, then a word to convert.
    count = (cli.LINE_CAP + MIB) // 3 + 1
    result = run_cli("ru-iso-9", stdin=("\u2014" * count + "Жук\n").encode())
    assert result.returncode == 0
    assert result.stdout == ("\u2014" * count + "\u017duk\n").encode()


def test_each_line_is_written_before_the_input_ends() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "translit", "ru-iso-9"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=cli_env(),
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
    result = run_shell("$TRANSLIT ru-iso-9 big.txt | head -1", cwd=big_file.parent)
    assert result.stderr == b""
    assert result.stdout == "\u015cuka mir dom\n".encode()


def test_quiet_on_broken_pipe_without_sigpipe(big_file: Path) -> None:
    # Where the platform has no SIGPIPE, BrokenPipeError must be caught quietly.
    program = (
        "import signal, sys; del signal.SIGPIPE; "
        "from translit.cli import main; sys.exit(main(['ru-iso-9', 'big.txt']))"
    )
    script = f"{shlex.quote(sys.executable)} -c {shlex.quote(program)} | head -1"
    result = run_shell(script, cwd=big_file.parent)
    assert result.stderr == b""
    assert result.stdout == "\u015cuka mir dom\n".encode()


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
    assert lines[0].split() == ["ID", "NAME", "REVERSIBLE"]
    infos = translit.schemes()
    assert len(lines) == len(infos) + 1
    for info, line in zip(infos, lines[1:], strict=True):
        assert line.startswith(info.id + " ")
        assert info.name in line
        assert line.endswith(" " + info.reversible)
    assert {"kk-latn-2021", "uz-latn", "ru-iso-9"} <= {line.split()[0] for line in lines[1:]}


def test_long_list_option() -> None:
    assert ok(run_cli("--list")) == ok(run_cli("-l"))


def test_version() -> None:
    assert ok(run_cli("--version")) == f"translit {translit.__version__}\n"


def test_help_mentions_the_options() -> None:
    output = ok(run_cli("--help"))
    for option in ("SCHEME", "FILE", "--reverse", "--list", "--errors", "--version"):
        assert option in output


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
        "translit: <stdin>: invalid UTF-8 at byte 0 (0xff); "
        "use --errors replace to substitute U+FFFD\n"
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


def chunks_of(data: bytes, block_size: int, line_cap: int) -> list[bytes]:
    return list(cli.iter_chunks(io.BytesIO(data), block_size=block_size, line_cap=line_cap))


def test_chunks_end_at_the_last_newline_of_each_block() -> None:
    assert chunks_of(b"a\nbb\nccc\nd", 6, 100) == [b"a\nbb\n", b"ccc\n", b"d"]
    assert chunks_of(b"", 4, 100) == []
    assert chunks_of(b"\n\n", 1, 100) == [b"\n", b"\n"]


def test_long_line_cut_after_last_whitespace_else_between_characters() -> None:
    assert chunks_of(b"aa bb\tcc dd", 4, 8) == [b"aa bb\t", b"cc dd"]
    word = "жжжжж".encode()  # ten bytes, no whitespace
    # Blocks of five bytes end inside the third 'ж': cut before it, keep its first byte.
    assert chunks_of(word, 5, 5) == [word[:4], word[4:]]
    # Blocks of three bytes: the cap is passed at six bytes, three whole characters.
    assert chunks_of(word, 3, 4) == [word[:6], word[6:]]


def test_utf8_boundary() -> None:
    euro = "€".encode()  # three bytes
    clef = "\U0001d11e".encode()  # four bytes
    assert cli.utf8_boundary(b"") == 0
    assert cli.utf8_boundary(b"ab" + euro) == 5
    assert cli.utf8_boundary(b"ab" + euro[:2]) == 2
    assert cli.utf8_boundary(b"ab" + euro[:1]) == 2
    assert cli.utf8_boundary(clef[:3]) == 0
    assert cli.utf8_boundary(clef) == 4
    assert cli.utf8_boundary(b"\x80\x80\x80\x80\x80") == 5  # invalid: left to the decoder


@given(
    st.lists(st.sampled_from(["a", " ", "\n", "\r\n", "ж", "€", "\U0001d11e", "\t"]), max_size=80),
    st.integers(1, 9),
    st.integers(4, 24),
)
def test_chunks_rebuild_the_input_and_never_split_a_character(
    pieces: list[str], block_size: int, line_cap: int
) -> None:
    data = "".join(pieces).encode()
    chunks = chunks_of(data, block_size, line_cap)
    assert b"".join(chunks) == data
    for index, chunk in enumerate(chunks):
        assert chunk
        chunk.decode("utf-8")  # whole characters only
        assert len(chunk) <= line_cap + block_size
        if index < len(chunks) - 1:
            assert chunk.endswith(b"\n") or b"\n" not in chunk


@given(st.binary(max_size=200), st.integers(1, 9), st.integers(4, 24))
def test_chunks_rebuild_any_bytes(data: bytes, block_size: int, line_cap: int) -> None:
    assert b"".join(chunks_of(data, block_size, line_cap)) == data


@given(st.text(max_size=30), st.binary(min_size=1, max_size=1), st.integers(0, 10**9))
def test_decode_error_names_the_absolute_offset(prefix: str, bad: bytes, offset: int) -> None:
    data = prefix.encode() + bad
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        with pytest.raises(cli.CliError) as caught:
            cli.decode_chunk(data, offset, "in.txt")
        position = offset + exc.start
        assert str(caught.value).startswith(
            f"in.txt: invalid UTF-8 at byte {position} (0x{data[exc.start]:02x})"
        )
        assert caught.value.status == 1
    else:
        assert cli.decode_chunk(data, offset, "in.txt") == data.decode()

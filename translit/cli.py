"""The ``translit`` command: transliterate files or standard input to standard output.

    $ echo 'Қазақстан Республикасы' | translit kk-latn-2021
    Qazaqstan Respublikasy
    $ translit -r ru-iso-9 notes.txt > notes.cyrl.txt
    $ translit --list

Input is read as bytes, in blocks of about 1 MiB cut after their last newline,
so memory stays constant however large the input is and each block holds
whole lines (a scheme's context never crosses a newline, so the result is the
same as transliterating the whole text at once).  A line longer than
:data:`LINE_CAP` is cut at its last ASCII whitespace byte, or failing that at
a UTF-8 character boundary; only there, at the cut, can the result differ
from the whole text's (a one-letter capital word or a word cut in two).
Bytes are decoded as UTF-8 whatever the locale, and the output is written as
UTF-8 bytes, so line endings (``\\n`` or
``\\r\\n``) and a missing final newline come out exactly as they went in.

Exit status: 0 on success, 1 when an input cannot be read or decoded (or a
table is broken), 2 for a usage error (unknown scheme, ``-r`` on a scheme
without a reverse direction, bad options).  A missing file is reported and
skipped, as ``cat`` does; invalid UTF-8 stops the run at once.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import BinaryIO

import translit

PROG = "translit"
BLOCK_SIZE = 1 << 20
"""Bytes asked for in one read (about 1 MiB)."""
LINE_CAP = 16 << 20
"""Bytes a line may grow to before it is cut somewhere other than a newline."""
STDIN_NAME = "<stdin>"
ASCII_WHITESPACE = b" \t\r\x0b\x0c"
"""Bytes a too-long line may be cut after (the newline is handled first)."""
ERROR_MODES = ("strict", "replace")


class CliError(Exception):
    """A user error: the message to print after ``translit: `` and the exit status.

    >>> err = CliError("nosuch.txt: No such file or directory", status=1)
    >>> str(err), err.status
    ('nosuch.txt: No such file or directory', 1)
    """

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


# ---------------------------------------------------------------- arguments


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``translit`` command.

    >>> args = build_parser().parse_intermixed_args(["-r", "uz-latn", "a.txt", "-"])
    >>> args.reverse, args.scheme, args.files, args.errors
    (True, 'uz-latn', ['a.txt', '-'], 'strict')
    """
    parser = argparse.ArgumentParser(
        prog=PROG,
        usage="%(prog)s [-r] [--errors {strict,replace}] SCHEME [FILE ...]\n"
        "       %(prog)s -l | --version",
        description="Transliterate text (Kazakh, Uzbek, Russian) by a published "
        "standard. Reads the FILEs, or standard input when there are none or a "
        "FILE is '-', and writes UTF-8 to standard output.",
        epilog="examples:\n"
        "  echo 'Қазақстан Республикасы' | translit kk-latn-2021\n"
        "  translit -r ru-iso-9 latin.txt > cyrillic.txt",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("scheme", nargs="?", metavar="SCHEME", help="scheme id or alias")
    parser.add_argument("files", nargs="*", metavar="FILE", help="input files; '-' is stdin")
    parser.add_argument(
        "-r", "--reverse", action="store_true", help="transliterate back (if the scheme can)"
    )
    parser.add_argument("-l", "--list", action="store_true", help="list the schemes and exit")
    parser.add_argument(
        "--errors",
        choices=ERROR_MODES,
        default="strict",
        help="on invalid UTF-8 input: stop with an error (strict, the default) "
        "or substitute U+FFFD (replace)",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {translit.__version__}")
    return parser


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """Parse the command line; options may come before or after the files.

    Raises :class:`SystemExit` (status 0 for ``--help``/``--version``, 2 for a
    usage error) after argparse has printed its message.

    >>> parse_args(["ru-iso-9", "a.txt", "-r", "b.txt"]).files
    ['a.txt', 'b.txt']
    """
    parser = build_parser()
    args = parser.parse_intermixed_args(list(argv))
    if args.scheme is None and not args.list:
        parser.error("the following arguments are required: SCHEME")
    return args


# ---------------------------------------------------------------- reading


def utf8_boundary(data: bytes) -> int:
    """Return the length of the longest prefix of ``data`` that ends between characters.

    Only an incomplete multi-byte sequence at the very end is left out; invalid
    bytes are not this function's business (decoding reports them).

    >>> utf8_boundary("aж".encode())
    3
    >>> utf8_boundary("aж".encode()[:2])
    1
    """
    for back in range(1, min(4, len(data)) + 1):
        byte = data[-back]
        if byte < 0x80:  # ASCII: nothing is left open after it
            return len(data)
        if byte >= 0xC0:  # lead byte: is its sequence complete?
            needed = 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
            return len(data) if back >= needed else len(data) - back
    return len(data)


def long_line_cut(data: bytes) -> int:
    """Return where to cut a line that has no newline and has grown too long.

    After the last ASCII whitespace byte if there is one, else at the last
    UTF-8 character boundary.

    >>> long_line_cut(b"one two three")
    8
    >>> long_line_cut("жжж".encode()[:5])
    4
    """
    after_space = max(data.rfind(byte) for byte in ASCII_WHITESPACE) + 1
    return after_space or utf8_boundary(data)


def read_block(stream: BinaryIO, size: int) -> bytes:
    """Read up to ``size`` bytes; from a pipe or terminal, return what is there.

    ``read1`` is used when the stream has it, so a line typed at a terminal is
    transliterated as soon as it is entered instead of after 1 MiB.

    >>> import io
    >>> read_block(io.BytesIO(b"abcdef"), 4)
    b'abcd'
    """
    read1 = getattr(stream, "read1", None)
    data = read1(size) if read1 is not None else stream.read(size)
    return bytes(data)


def iter_chunks(
    stream: BinaryIO, block_size: int = BLOCK_SIZE, line_cap: int = LINE_CAP
) -> Iterator[bytes]:
    """Yield the bytes of ``stream`` in chunks that end just after a newline.

    The bytes after a block's last newline wait for the next block.  Only the
    last chunk, or one cut because a line reached ``line_cap`` bytes (see
    :func:`long_line_cut`), ends elsewhere.  The chunks joined give back the
    stream's bytes exactly.

    >>> import io
    >>> list(iter_chunks(io.BytesIO(b"ab\\ncd\\r\\nef"), block_size=4))
    [b'ab\\n', b'cd\\r\\n', b'ef']
    >>> list(iter_chunks(io.BytesIO(b"one two three"), block_size=4, line_cap=8))
    [b'one two ', b'three']
    """
    parts: list[bytes] = []  # bytes read since the last cut; none holds a newline
    pending = 0
    while block := read_block(stream, block_size):
        after_newline = block.rfind(b"\n") + 1
        if after_newline:
            parts.append(block[:after_newline])
            yield b"".join(parts)
            parts, pending, block = [], 0, block[after_newline:]
        if block:
            parts.append(block)
            pending += len(block)
        while pending >= line_cap:
            # What is left after a cut may still be over the cap: cut again.
            data = b"".join(parts)
            cut = long_line_cut(data)
            if not cut:
                break
            yield data[:cut]
            parts, pending = [data[cut:]], len(data) - cut
    if pending:
        yield b"".join(parts)


def decode_chunk(chunk: bytes, offset: int, name: str, errors: str = "strict") -> str:
    """Decode ``chunk`` as UTF-8; ``offset`` is where it starts in the input ``name``.

    With ``errors="strict"`` invalid bytes raise :class:`CliError` (status 1)
    naming the input, the absolute byte offset and the byte; with
    ``errors="replace"`` they become U+FFFD.

    >>> decode_chunk(b"ok \\xff\\n", 10, "in.txt", "replace")
    'ok \\ufffd\\n'
    >>> decode_chunk(b"ok \\xff\\n", 10, "in.txt")
    Traceback (most recent call last):
    ...
    translit.cli.CliError: in.txt: invalid UTF-8 at byte 13 (0xff); use --errors replace ...
    """
    try:
        return chunk.decode("utf-8", errors)
    except UnicodeDecodeError as exc:
        message = (
            f"{name}: invalid UTF-8 at byte {offset + exc.start} (0x{chunk[exc.start]:02x}); "
            "use --errors replace to substitute U+FFFD"
        )
        raise CliError(message, status=1) from None


def convert_stream(
    stream: BinaryIO, name: str, convert: Callable[[str], str], errors: str = "strict"
) -> Iterator[bytes]:
    """Yield ``convert`` applied to the text of ``stream``, chunk by chunk, as UTF-8 bytes.

    A read error or invalid UTF-8 raises :class:`CliError` naming ``name``.

    >>> import io
    >>> b"".join(convert_stream(io.BytesIO("мир\\r\\nдом".encode()), "<stdin>", str.upper))
    b'\\xd0\\x9c\\xd0\\x98\\xd0\\xa0\\r\\n\\xd0\\x94\\xd0\\x9e\\xd0\\x9c'
    """
    offset = 0
    try:
        for chunk in iter_chunks(stream):
            yield convert(decode_chunk(chunk, offset, name, errors)).encode("utf-8")
            offset += len(chunk)
    except OSError as exc:
        raise CliError(f"{name}: {exc.strerror or exc}", status=1) from None


# ---------------------------------------------------------------- commands


def format_scheme_table(infos: Iterable[translit.SchemeInfo]) -> str:
    """Return the ``--list`` table: one line per scheme with id, name and reversibility.

    >>> from types import SimpleNamespace as S
    >>> info = S(id="ru-iso-9", name="Russian, ISO 9", reversible="lossless")
    >>> print(format_scheme_table([info]), end="")
    ID        NAME            REVERSIBLE
    ru-iso-9  Russian, ISO 9  lossless
    """
    rows = [("ID", "NAME", "REVERSIBLE")]
    rows += [(info.id, info.name, info.reversible) for info in infos]
    id_width = max(len(ident) for ident, _, _ in rows)
    name_width = max(len(name) for _, name, _ in rows)
    return "".join(f"{i:<{id_width}}  {n:<{name_width}}  {r}\n" for i, n, r in rows)


def unknown_scheme_message(err: translit.UnknownSchemeError) -> str:
    """Return the message for a scheme name that matched nothing.

    The exception's own message names the close matches, or else the available
    ids; should it carry neither, the ids are looked up here.

    >>> unknown_scheme_message(translit.UnknownSchemeError("uz-lat", ["uz-latn"]))
    "unknown scheme 'uz-lat'; did you mean: uz-latn?"
    >>> unknown_scheme_message(translit.UnknownSchemeError("nosuch", []))
    "unknown scheme 'nosuch'; available schemes: ...ru-iso-9..."
    """
    if err.suggestions or err.available:
        return str(err)
    try:
        ids = [info.id for info in translit.schemes()]
    except translit.TranslitError:
        return str(err)
    return f"{err}; available schemes: {', '.join(ids)}"


def load_converter(scheme: str, reverse: bool) -> Callable[[str], str]:
    """Return the function that transliterates text with ``scheme``, in the asked direction.

    Raises :class:`CliError` with status 2 for an unknown scheme or a missing
    reverse direction.

    >>> load_converter("ru-iso-9", reverse=True)("Ŝuka")
    'Щука'
    """
    try:
        transliterator = translit.get(scheme)
    except translit.UnknownSchemeError as err:
        raise CliError(unknown_scheme_message(err), status=2) from None
    if not reverse:
        return transliterator
    if not transliterator.info.has_reverse:
        raise CliError(str(translit.NoReverseError(transliterator.info.id)), status=2)
    return transliterator.reverse


def open_input(path: str) -> BinaryIO:
    """Open ``path`` for reading bytes (``-`` is standard input).

    Raises :class:`CliError` (status 1) with the system's reason when it
    cannot be opened.

    >>> open_input("/no/such/file")
    Traceback (most recent call last):
    ...
    translit.cli.CliError: /no/such/file: No such file or directory
    """
    if path == "-":
        if sys.stdin is None:
            raise CliError(f"{STDIN_NAME}: Bad file descriptor", status=1)
        return sys.stdin.buffer
    try:
        return open(path, "rb")  # closed by the caller
    except OSError as exc:
        raise CliError(f"{path}: {exc.strerror or exc}", status=1) from None


def transliterate_files(
    paths: Sequence[str], convert: Callable[[str], str], out: BinaryIO, errors: str = "strict"
) -> int:
    """Write the transliteration of each input in ``paths`` to ``out``; return the exit status.

    An input that cannot be opened is reported on stderr and skipped (status
    1); invalid UTF-8 or a read error raises :class:`CliError`.

    >>> import io
    >>> out = io.BytesIO()
    >>> transliterate_files(["/no/such/file"], str.upper, out)
    1
    """
    status = 0
    for path in paths or ["-"]:
        try:
            stream = open_input(path)
        except CliError as err:
            report(str(err))
            status = err.status
            continue
        name = STDIN_NAME if path == "-" else path
        try:
            for data in convert_stream(stream, name, convert, errors):
                out.write(data)
                out.flush()
        finally:
            if path != "-":
                stream.close()
    return status


# ---------------------------------------------------------------- main


def report(message: str) -> None:
    """Print ``translit: message`` on standard error.

    >>> import contextlib, io
    >>> with contextlib.redirect_stderr(io.StringIO()) as err:
    ...     report("x.txt: No such file or directory")
    >>> err.getvalue()
    'translit: x.txt: No such file or directory\\n'
    """
    print(f"{PROG}: {message}", file=sys.stderr, flush=True)


def restore_sigpipe() -> None:
    """Let a closed output pipe end the process quietly, as it does ``cat``.

    Python ignores SIGPIPE and raises :class:`BrokenPipeError` instead; the
    default action makes ``translit ... | head -1`` stop at once and silently.
    Does nothing where the platform has no SIGPIPE or off the main thread.

    >>> restore_sigpipe()
    """
    if hasattr(signal, "SIGPIPE"):
        with contextlib.suppress(ValueError):  # ValueError: not the main thread
            signal.signal(signal.SIGPIPE, signal.SIG_DFL)


def silence_stdout() -> None:
    """Point standard output at the null device once writing to it has failed.

    This keeps the interpreter's final flush (of output still buffered) from
    failing again with a message of its own, such as for a closed pipe.

    >>> import contextlib, io
    >>> with contextlib.redirect_stdout(io.StringIO()):
    ...     silence_stdout()  # no file descriptor: nothing to do
    """
    with contextlib.suppress(OSError, ValueError, AttributeError):
        stdout_fd = sys.stdout.fileno()
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stdout_fd)
        os.close(devnull)


def run(args: argparse.Namespace, out: BinaryIO) -> int:
    """Carry out the parsed command line, writing to ``out``; return the exit status.

    >>> import io
    >>> out = io.BytesIO()
    >>> run(parse_args(["-l"]), out), b"ru-iso-9" in out.getvalue()
    (0, True)
    """
    if args.list:
        out.write(format_scheme_table(translit.schemes()).encode("utf-8"))
        out.flush()
        return 0
    convert = load_converter(args.scheme, args.reverse)
    return transliterate_files(args.files, convert, out, args.errors)


def main(argv: list[str] | None = None) -> int:
    """Run the ``translit`` command on ``argv`` (default ``sys.argv[1:]``); return the exit status.

    User errors are reported on stderr as ``translit: ...`` without a traceback.

    >>> main(["nosuch-scheme"])  # doctest: +SKIP
    2
    >>> main(["--version"])  # doctest: +SKIP
    translit 0.1.0
    0
    """
    restore_sigpipe()
    try:
        args = parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as exc:  # argparse has printed help, version or the usage error
        return exc.code if isinstance(exc.code, int) else 2
    if sys.stdout is None:  # started with standard output closed
        report("standard output: Bad file descriptor")
        return 1
    try:
        return run(args, sys.stdout.buffer)
    except CliError as err:
        report(str(err))
        return err.status
    except translit.NoReverseError as err:
        report(str(err))
        return 2
    except translit.TranslitError as err:  # a broken table, among others
        report(str(err))
        return 1
    except BrokenPipeError:  # where SIGPIPE could not be restored
        silence_stdout()
        return 1
    except OSError as exc:  # writing the output failed
        report(f"write error: {exc.strerror or exc}")
        silence_stdout()  # the final flush at exit would fail again
        return 1
    except KeyboardInterrupt:
        return 130

"""What every ``translit`` subcommand shares: errors, reading input in pieces, writing output.

Input is read as bytes in blocks of about 1 MiB and decoded incrementally; the
text is handed on in pieces that end just after a newline (see
:func:`iter_text`). Output is written as UTF-8, unbuffered, through
:func:`write`, or to a file replaced in one step (:class:`AtomicFile`).
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import io
import os
import signal
import stat
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO

import translit

PROG = "translit"
SUBCOMMANDS = ("normalize", "auto", "detect")
"""Subcommands, each a module of :mod:`translit.cli` with a ``main(argv)``; no scheme id or
alias may take these names (a test checks)."""
BLOCK_SIZE = 1 << 20
"""Bytes asked for in one read (about 1 MiB)."""
LINE_CAP = 16 << 20
"""Characters a line may grow to before it is cut somewhere other than a newline."""
STDIN_NAME = "<stdin>"
BLANKS = " \t\r\x0b\x0c"
"""Characters a too-long line may be cut after (the newline is handled first)."""
ERROR_MODES = ("strict", "replace")
DEFAULT_ENCODING = "utf-8"


class CliError(Exception):
    """A user error: the message to print after ``translit: `` and the exit status.

    >>> err = CliError("nosuch.txt: No such file or directory", status=1)
    >>> str(err), err.status
    ('nosuch.txt: No such file or directory', 1)
    """

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


CliError.__module__ = "translit.cli"  # its public name, as tracebacks show it


def check_encoding(name: str) -> str:
    """Return the canonical name of a text encoding Python can decode incrementally.

    Raises :class:`ValueError` for an unknown name or a codec that does not
    decode bytes to text (``base64``, ``rot13``).

    >>> check_encoding("CP1251"), check_encoding("koi8_r"), check_encoding("utf-16")
    ('cp1251', 'koi8-r', 'utf-16')
    >>> check_encoding("cp9999")
    Traceback (most recent call last):
    ...
    ValueError: unknown encoding 'cp9999' (Python codec names: utf-8, cp1251, koi8-r, ...)
    """
    try:
        info = codecs.lookup(name)
        decoded = info.incrementaldecoder("strict").decode(b"", True)
    except (LookupError, TypeError):
        decoded = None
    if not isinstance(decoded, str):
        raise ValueError(
            f"unknown encoding {name!r} (Python codec names: utf-8, cp1251, koi8-r, ...)"
        )
    return info.name


# ---------------------------------------------------------------- reading


def wait_for(fd: int, *, write: bool = False) -> None:
    """Block until the non-blocking descriptor ``fd`` can be read (or written).

    For no descriptor (``fd`` below 0: a stream without one), or where
    :func:`select.poll` is missing, sleep a little instead.

    >>> r, w = os.pipe()
    >>> written = os.write(w, b"x")
    >>> wait_for(r)  # returns at once: there is data
    >>> os.close(r), os.close(w)
    (None, None)
    """
    import select

    if fd >= 0 and hasattr(select, "poll"):
        poller = select.poll()
        poller.register(fd, select.POLLOUT if write else select.POLLIN)
        poller.poll()
    else:
        import time

        time.sleep(0.01)


def read_block(stream: BinaryIO, size: int) -> bytes:
    """Read up to ``size`` bytes; from a pipe or terminal, return what is there.

    A stream with a file descriptor is read with :func:`os.read`, so a line
    typed at a terminal is transliterated as soon as it is entered, and a
    non-blocking descriptor (one another program left so) is waited on rather
    than its "no data yet" being taken for the end of the input.

    >>> read_block(io.BytesIO(b"abcdef"), 4)
    b'abcd'
    """
    try:
        fd = stream.fileno()
    except (OSError, ValueError, AttributeError):  # io.UnsupportedOperation, closed
        fd = -1
    if fd >= 0:
        while True:
            try:
                return os.read(fd, size)
            except BlockingIOError:
                wait_for(fd)
    read1 = getattr(stream, "read1", None)
    while True:
        data = read1(size) if read1 is not None else stream.read(size)
        if data is not None:
            return bytes(data)
        wait_for(-1)  # a non-blocking stream without a descriptor: nothing to read yet


def long_line_cut(text: str) -> int:
    """Return where to cut a line that has no newline and has grown too long.

    After the last blank (space, tab, CR, VT, FF) if there is one; else
    before the last character and the combining marks after it, which wait
    for the next piece (more marks may follow in the next block).  Never 0
    for a text that is not empty.

    >>> long_line_cut("one two three")
    8
    >>> long_line_cut("жжж")
    2
    >>> long_line_cut("жи\\u0306")
    1
    """
    after_blank = max(text.rfind(blank) for blank in BLANKS) + 1
    if after_blank:
        return after_blank
    cut = len(text)
    while cut and unicodedata.category(text[cut - 1]).startswith("M"):
        cut -= 1
    return max(cut - 1, 0) or len(text)


def decode_error_message(name: str, encoding: str, position: int, bad: bytes) -> str:
    """Return the message for undecodable input at byte ``position`` of the input ``name``.

    For UTF-8 (the default) it says how to name another encoding.

    >>> print(decode_error_message("<stdin>", "utf-8", 0, b"\\xff"))
    <stdin>: invalid UTF-8 at byte 0 (0xff); if the input is in another encoding, name it with -f (for example -f cp1251), or use --errors replace to substitute U+FFFD
    >>> print(decode_error_message("a.txt", "cp1251", 7, b"\\x98"))
    a.txt: invalid cp1251 at byte 7 (0x98); use --errors replace to substitute U+FFFD
    """  # noqa: E501
    shown = "UTF-8" if encoding == "utf-8" else encoding
    where = f"{name}: invalid {shown} at byte {position}"
    if bad:
        where += f" (0x{bad[0]:02x})"
    hint = (
        "if the input is in another encoding, name it with -f (for example -f cp1251), or "
        if encoding == "utf-8"
        else ""
    )
    return f"{where}; {hint}use --errors replace to substitute U+FFFD"


def iter_text(
    stream: BinaryIO,
    name: str,
    encoding: str = DEFAULT_ENCODING,
    errors: str = "strict",
    block_size: int = BLOCK_SIZE,
    line_cap: int = LINE_CAP,
) -> Iterator[str]:
    """Yield the text of ``stream``, decoded, in pieces that end just after a newline.

    The text after a block's last newline waits for the next block.  Only the
    last piece, or one cut because a line reached ``line_cap`` characters
    (see :func:`long_line_cut`), ends elsewhere.  The pieces joined give the
    whole decoded text.  Undecodable bytes raise :class:`CliError` (status 1)
    naming ``name`` and the byte's offset (with ``errors="strict"``), or
    become U+FFFD (``errors="replace"``); a read error raises it too.

    >>> list(iter_text(io.BytesIO("ab\\ncd\\r\\nжf".encode()), "in", block_size=4))
    ['ab\\n', 'cd\\r\\n', 'жf']
    >>> list(iter_text(io.BytesIO("ж\\n".encode("utf-16")), "in", "utf-16", block_size=1))
    ['ж\\n']
    >>> list(iter_text(io.BytesIO(b"one two three"), "in", block_size=4, line_cap=8))
    ['one two ', 'three']
    """
    decoder = codecs.getincrementaldecoder(encoding)(errors)
    parts: list[str] = []  # text read since the last cut; none holds a newline
    pending = 0
    consumed = 0  # bytes given to the decoder so far
    final = False
    while not final:
        try:
            block = read_block(stream, block_size)
        except OSError as exc:
            raise CliError(f"{name}: {exc.strerror or exc}", status=1) from None
        final = not block
        held = len(decoder.getstate()[0])  # bytes of an unfinished character
        try:
            text = decoder.decode(block, final)
        except UnicodeDecodeError as exc:
            position = consumed - held + exc.start
            bad = bytes(exc.object[exc.start : exc.start + 1])
            raise CliError(decode_error_message(name, encoding, position, bad), 1) from None
        consumed += len(block)
        after_newline = text.rfind("\n") + 1
        if after_newline:
            parts.append(text[:after_newline])
            yield "".join(parts)
            parts, pending, text = [], 0, text[after_newline:]
        if text:
            parts.append(text)
            pending += len(text)
        while pending >= line_cap:
            # What is left after a cut may still be over the cap: cut again.
            joined = "".join(parts)
            cut = long_line_cut(joined)
            yield joined[:cut]
            parts, pending = [joined[cut:]], len(joined) - cut
    if pending:
        yield "".join(parts)


# ---------------------------------------------------------------- positions


@dataclass
class Position:
    """Where the next piece of an input starts: its 1-based line, and characters before it.

    >>> position = Position()
    >>> position.advance("ab\\ncd"); (position.line, position.column)
    (2, 2)
    """

    line: int = 1
    column: int = 0

    def advance(self, text: str) -> None:
        """Move past ``text``."""
        newlines = text.count("\n")
        if newlines:
            self.line += newlines
            self.column = len(text) - text.rfind("\n") - 1
        else:
            self.column += len(text)


# ---------------------------------------------------------------- writing


def write(out: BinaryIO, data: bytes) -> None:
    """Write all of ``data`` to ``out`` now (no buffering is left behind).

    A stream with a file descriptor is written with :func:`os.write`, waiting
    while a non-blocking descriptor is full; any other is written and
    flushed.  A failed write raises :class:`OSError`.

    >>> out = io.BytesIO(); write(out, b"ok\\n"); out.getvalue()
    b'ok\\n'
    """
    try:
        fd = out.fileno()
    except (OSError, ValueError, AttributeError):
        fd = -1
    if fd < 0:
        out.write(data)
        out.flush()
        return
    out.flush()  # anything buffered goes first
    view = memoryview(data)
    while view:
        try:
            view = view[os.write(fd, view) :]
        except BlockingIOError:
            wait_for(fd, write=True)


class AtomicFile:
    """A file written under a temporary name in its directory, renamed over the target at the end.

    Until :meth:`commit` the target is untouched; leaving the ``with`` block
    without a commit removes the temporary file.  A symbolic link is
    followed, so the link stays and its target is replaced.  The new file
    keeps the old one's permissions (a new file gets ``0o666`` less the umask).

    >>> import pathlib, tempfile
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> with AtomicFile(str(target)) as atomic:
    ...     atomic.file.write(b"new\\n")
    ...     atomic.commit()
    4
    >>> target.read_bytes()
    b'new\\n'
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.target = os.path.realpath(path)
        if os.path.isdir(self.target):
            raise CliError(f"{path}: Is a directory", status=1)
        directory = os.path.dirname(self.target)
        try:
            fd, self.temp = tempfile.mkstemp(
                dir=directory, prefix=f".{os.path.basename(self.target)}.", suffix=".tmp"
            )
        except OSError as exc:
            raise CliError(f"{path}: {exc.strerror or exc}", status=1) from None
        self.file: BinaryIO = os.fdopen(fd, "wb")
        self.committed = False

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(self, *exc_info: object) -> None:
        with contextlib.suppress(OSError):
            self.file.close()
        if not self.committed:
            with contextlib.suppress(OSError):
                os.unlink(self.temp)

    def commit(self) -> None:
        """Put the written file in place of the target, in one step."""
        self.file.flush()
        os.fsync(self.file.fileno())
        self.file.close()
        try:
            mode = stat.S_IMODE(os.stat(self.target).st_mode)
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        try:
            os.chmod(self.temp, mode)
            os.replace(self.temp, self.target)
        except OSError as exc:
            raise CliError(f"{self.path}: {exc.strerror or exc}", status=1) from None
        self.committed = True


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


def output_identity(out: BinaryIO) -> os.stat_result | None:
    """Return the status of ``out`` when it is a regular file (inputs are compared with it).

    >>> output_identity(io.BytesIO()) is None
    True
    """
    try:
        status = os.fstat(out.fileno())
    except (OSError, ValueError, AttributeError):
        return None
    return status if stat.S_ISREG(status.st_mode) else None


def is_output_file(stream: BinaryIO, output: os.stat_result | None) -> bool:
    """Whether ``stream`` is the output file, with data still ahead (``cat``'s test).

    Reading an input that is the output file would read back what is being
    written and grow it until the disk is full.  An input that is the output
    but at its end (``translit s f > f`` truncates ``f`` first) is harmless.

    >>> is_output_file(io.BytesIO(b"x"), None)
    False
    """
    if output is None:
        return False
    try:
        fd = stream.fileno()
        status = os.fstat(fd)
    except (OSError, ValueError, AttributeError):
        return False
    if (status.st_dev, status.st_ino) != (output.st_dev, output.st_ino):
        return False
    try:
        return os.lseek(fd, 0, os.SEEK_CUR) < status.st_size
    except OSError:
        return True


@dataclass
class Job:
    """What to do with each input: how to decode, convert, check and where to write.

    >>> Job(convert=str.upper, out=io.BytesIO()).encoding
    'utf-8'
    """

    convert: Callable[[str], str]
    out: BinaryIO
    encoding: str = DEFAULT_ENCODING
    errors: str = "strict"
    check: Callable[[str, str, Position], None] | None = None
    """Called with each piece of text, the input's name and where the piece starts."""
    output: os.stat_result | None = None
    """The output file's status, when it is a regular file written in place."""

    def transliterate(self, stream: BinaryIO, name: str, end: bytes = b"") -> None:
        """Write the transliteration of ``stream`` (input ``name``), then ``end``."""
        position = Position()
        for text in iter_text(stream, name, self.encoding, self.errors):
            if self.check is not None:
                self.check(text, name, position)
            try:
                converted = self.convert(text)
            except translit.StrictPolicyError as err:
                line = position.line + err.line - 1
                column = err.column + (position.column if err.line == 1 else 0)
                letter = f"{err.char!r} (U+{ord(err.char):04X})"
                raise CliError(
                    f"{name}:{line}:{column}: {err.scheme} has no letter for {letter}; "
                    "stopped by --policy strict",
                    status=1,
                ) from None
            position.advance(text)
            write(self.out, converted.encode("utf-8"))
        if end:
            write(self.out, end)


def transliterate_files(paths: Sequence[str], job: Job) -> int:
    """Write the transliteration of each input in ``paths`` (none: stdin); return the status.

    An input that cannot be opened, or that is the output file, is reported
    on stderr and skipped (status 1); undecodable input or a read error
    raises :class:`CliError`.

    >>> transliterate_files(["/no/such/file"], Job(convert=str.upper, out=io.BytesIO()))
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
            if is_output_file(stream, job.output):
                report(f"{name}: input file is output file")
                status = 1
                continue
            job.transliterate(stream, name)
        finally:
            if path != "-":
                stream.close()
    return status


def transliterate_texts(texts: Sequence[str], job: Job) -> int:
    """Write the transliteration of each ``-t`` argument followed by a newline; return 0.

    An argument the system could not decode (it holds bytes that are not
    UTF-8) is treated as undecodable input.

    >>> out = io.BytesIO()
    >>> transliterate_texts(["мир", "дом"], Job(convert=str.upper, out=out))
    0
    >>> out.getvalue().decode()
    'МИР\\nДОМ\\n'
    """
    for number, text in enumerate(texts, 1):
        name = "<text>" if len(texts) == 1 else f"<text {number}>"
        job.transliterate(io.BytesIO(os.fsencode(text)), name, end=b"\n")
    return 0


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
    default action makes ``translit ... | head -1`` stop at once and silently,
    with the status a shell shows as 141 (128 + SIGPIPE), as for ``cat``.
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


def standard_output() -> BinaryIO:
    """Return standard output as bytes; :class:`CliError` if the process has none.

    >>> import contextlib, io
    >>> with contextlib.redirect_stdout(io.TextIOWrapper(io.BytesIO())):
    ...     out = standard_output()
    >>> out
    <_io.BytesIO object at ...>
    """
    if sys.stdout is None:  # started with standard output closed
        raise CliError("standard output: Bad file descriptor", status=1)
    return sys.stdout.buffer


# ---------------------------------------------------------------- subcommands


def add_io_arguments(parser: argparse.ArgumentParser) -> None:
    """The input and output options every filter subcommand takes (FILE, -t, -f, -o, --errors)."""
    parser.add_argument("files", nargs="*", metavar="FILE", help="input files; '-' is stdin")
    parser.add_argument(
        "-t",
        "--text",
        action="append",
        dest="texts",
        metavar="TEXT",
        help="read TEXT instead of files and print the result with a newline (repeatable)",
    )
    parser.add_argument(
        "-f", "--from-code", metavar="ENCODING", help="encoding of the input (default utf-8)"
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE, replacing it once all is written"
    )
    parser.add_argument(
        "--errors",
        choices=ERROR_MODES,
        default="strict",
        help="on undecodable input: stop (strict) or substitute U+FFFD (replace)",
    )


def check_io_arguments(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Refuse options that do not go together (argparse exits with status 2)."""
    if args.texts is not None and args.files:
        parser.error("-t/--text takes the place of FILE arguments; give one or the other")
    if args.texts is not None and args.from_code is not None:
        parser.error("-f/--from-code names the encoding of files and standard input, not of -t")
    if args.from_code is not None:
        try:
            check_encoding(args.from_code)
        except ValueError as err:
            parser.error(str(err))


def run_filter(
    args: argparse.Namespace,
    convert: Callable[[str], str],
    check: Callable[[str, str, Position], None] | None = None,
) -> int:
    """Run ``convert`` over the inputs named by :func:`add_io_arguments`' options.

    ``check`` looks at each piece of input before it is converted (``--strict``).

    >>> import argparse, contextlib, io
    >>> args = argparse.Namespace(files=[], texts=["мир"], from_code=None, output=None,
    ...                           errors="strict")
    >>> with contextlib.redirect_stdout(io.TextIOWrapper(io.BytesIO())) as out:
    ...     status = run_filter(args, str.upper)
    >>> status, out.buffer.getvalue().decode()
    (0, 'МИР\\n')
    """
    encoding = check_encoding(args.from_code or DEFAULT_ENCODING)

    def work(out: BinaryIO, output: os.stat_result | None) -> int:
        job = Job(convert, out, encoding, args.errors, check, output)
        if args.texts is not None:
            return transliterate_texts(args.texts, job)
        return transliterate_files(args.files, job)

    if args.output is None or args.output == "-":
        out = standard_output()
        return work(out, output_identity(out))
    with AtomicFile(args.output) as atomic:
        status = work(atomic.file, None)
        if status == 0:  # else the file is left as it was
            atomic.commit()
    return status


def run_subcommand(
    parse: Callable[[Sequence[str]], argparse.Namespace],
    run: Callable[[argparse.Namespace], int],
    argv: Sequence[str],
) -> int:
    """Parse and run a subcommand, reporting errors as the main command does."""
    restore_sigpipe()
    try:
        args = parse(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 2
    try:
        return run(args)
    except CliError as err:
        report(str(err))
        return err.status
    except translit.TranslitError as err:
        report(str(err))
        return 1
    except BrokenPipeError:
        silence_stdout()
        return 1
    except OSError as exc:
        report(f"write error: {exc.strerror or exc}")
        silence_stdout()
        return 1
    except KeyboardInterrupt:
        return 130


class Inputs:
    """The pieces of every input the options name, with the input's name and where each
    piece starts; an input that cannot be opened is reported and sets :attr:`status` to 1.

    >>> import argparse
    >>> args = argparse.Namespace(files=[], texts=["a\\nb"], from_code=None, errors="strict")
    >>> [(name, piece, position.line) for name, piece, position in Inputs(args)]
    [('<text>', 'a\\n', 1), ('<text>', 'b', 2)]
    """

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.status = 0

    def __iter__(self) -> Iterator[tuple[str, str, Position]]:
        args = self.args
        encoding = check_encoding(args.from_code or DEFAULT_ENCODING)
        if args.texts is not None:
            named = [
                ("<text>" if len(args.texts) == 1 else f"<text {number}>", text)
                for number, text in enumerate(args.texts, 1)
            ]
            for name, text in named:
                position = Position()
                for piece in iter_text(io.BytesIO(os.fsencode(text)), name, encoding, args.errors):
                    yield name, piece, position
                    position.advance(piece)
            return
        for path in args.files or ["-"]:
            try:
                stream = open_input(path)
            except CliError as err:
                report(str(err))
                self.status = err.status
                continue
            name = STDIN_NAME if path == "-" else path
            try:
                position = Position()
                for piece in iter_text(stream, name, encoding, args.errors):
                    yield name, piece, position
                    position.advance(piece)
            finally:
                if path != "-":
                    stream.close()


def write_report(args: argparse.Namespace, lines: Iterator[str]) -> None:
    """Write report lines to standard output or (all at once, at the end) to ``-o FILE``."""
    if args.output is None or args.output == "-":
        out = standard_output()
        for line in lines:
            write(out, line.encode("utf-8"))
        return
    with AtomicFile(args.output) as atomic:
        for line in lines:
            atomic.file.write(line.encode("utf-8"))
        atomic.commit()

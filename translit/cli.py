"""The ``translit`` command: transliterate files, standard input or arguments.

    $ echo 'Қазақстан Республикасы' | translit kk-latn-2021
    Qazaqstan Respublikasy
    $ translit ru-iso-9 -t 'Щука'
    Ŝuka
    $ translit -r ru-iso-9 notes.txt -o notes.cyrl.txt
    $ translit -f cp1251 ru-iso-9 old.txt
    $ translit --list

Input is read as bytes, in blocks of about 1 MiB, and decoded with an
incremental decoder (UTF-8 unless ``-f`` names another Python codec), so a
character split between two blocks, a UTF-16 surrogate pair or a byte-order
mark is decoded as it would be whole.  The decoded text is cut after its last
newline, so memory stays constant however large the input is and each piece
holds whole lines (a scheme's context never crosses a newline, so the result
is the same as transliterating the whole text at once).  A line longer than
:data:`LINE_CAP` characters is cut at its last blank, or failing that at the
end of the text read so far (never between a letter and its combining
marks); only there can the result differ from the whole text's.  Output is
UTF-8 whatever the locale; line endings (``\\n`` or ``\\r\\n``) and a missing
final newline come out exactly as they went in.

Exit status: 0 on success, 1 when an input cannot be read or decoded, an
input is the output file, writing fails, ``--strict`` finds a letter the
scheme leaves as it is, or a table is broken; 2 for a usage error (unknown
scheme or encoding, ``-r`` on a scheme without a reverse direction, options
that do not go together).  A missing file is reported and skipped, as ``cat``
does; undecodable input stops the run at once.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import functools
import io
import json
import os
import signal
import stat
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, BinaryIO

import translit

if TYPE_CHECKING:
    from translit.unmapped import UnmappedFinder

PROG = "translit"
BLOCK_SIZE = 1 << 20
"""Bytes asked for in one read (about 1 MiB)."""
LINE_CAP = 16 << 20
"""Characters a line may grow to before it is cut somewhere other than a newline."""
STDIN_NAME = "<stdin>"
BLANKS = " \t\r\x0b\x0c"
"""Characters a too-long line may be cut after (the newline is handled first)."""
ERROR_MODES = ("strict", "replace")
DEFAULT_ENCODING = "utf-8"
COMMON_ENCODINGS = (
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "cp1251",
    "kz1048",
    "ptcp154",
    "koi8-r",
    "koi8-u",
    "cp866",
    "iso8859-5",
    "mac-cyrillic",
    "cp1254",
    "cp1252",
)
"""The encodings shell completion offers for ``-f`` (any Python codec is accepted)."""
COMPLETION_SHELLS = ("bash", "zsh", "tcsh")


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

    ``-h`` and ``-V`` are plain flags: :func:`run` prints the help and the
    version itself, so that a failed write is reported like any other.

    >>> args = build_parser().parse_intermixed_args(["-r", "uz-latn", "a.txt", "-"])
    >>> args.reverse, args.scheme, args.files, args.errors
    (True, 'uz-latn', ['a.txt', '-'], 'strict')
    """
    parser = argparse.ArgumentParser(
        prog=PROG,
        usage="%(prog)s [options] SCHEME [FILE ...]\n"
        "       %(prog)s [options] SCHEME -t TEXT [-t TEXT ...]\n"
        "       %(prog)s [options] --from SCHEME --to SCHEME [FILE ...]\n"
        "       %(prog)s -l [--json] | -V | -h",
        description="Transliterate Central Asian and Russian text by a published standard.\n"
        "Reads the FILEs (standard input when there are none, or for '-'), or the\n"
        "TEXT arguments, and writes UTF-8 to standard output.",
        epilog="examples:\n"
        "  echo 'Қазақстан Республикасы' | translit kk-latn-2021\n"
        "  translit ru-iso-9 -t 'Щука'\n"
        "  translit -r ru-iso-9 latin.txt -o cyrillic.txt\n"
        "  translit -f cp1251 ru-iso-9 old.txt > new.txt\n"
        "  translit --strict uz-latn article.txt > /dev/null\n"
        "  translit --policy keep kk-latn-2021 news.txt\n"
        "  translit --from kk-latn-2018 --to kk-latn-2021 archive.txt\n"
        "  translit ./my-table.toml notes.txt\n"
        "\n"
        "exit status: 0 success; 1 unreadable or undecodable input, write error, "
        "or a letter left as it is under --strict; 2 usage error",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        add_help=False,
    )
    parser.add_argument(
        "scheme",
        nargs="?",
        metavar="SCHEME",
        help="scheme id or alias, or the path of a table of your own (./my-table.toml)",
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help="input files; '-' is stdin")
    parser.add_argument(
        "-r", "--reverse", action="store_true", help="transliterate back (if the scheme can)"
    )
    parser.add_argument(
        "-t",
        "--text",
        action="append",
        dest="texts",
        metavar="TEXT",
        help="transliterate TEXT instead of files and print it with a newline (repeatable)",
    )
    parser.add_argument(
        "-f",
        "--from-code",
        metavar="ENCODING",
        help="encoding of the input (any Python codec: cp1251, koi8-r, kz1048, "
        "utf-16, ...; default utf-8)",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE, replacing it only once all input is written (may be an input)",
    )
    parser.add_argument(
        "--policy",
        metavar="NAME",
        help="how to write letters the standard leaves open, for schemes with policies: "
        "default, keep, strict or one the scheme names (see -l --json)",
    )
    parser.add_argument(
        "--from",
        dest="from_scheme",
        metavar="SCHEME",
        help="with --to: read text written in SCHEME's output back, and write it by --to",
    )
    parser.add_argument("--to", dest="to_scheme", metavar="SCHEME", help="see --from")
    parser.add_argument(
        "--errors",
        choices=ERROR_MODES,
        default="strict",
        help="on undecodable input: stop with an error (strict, the default) "
        "or substitute U+FFFD (replace)",
    )
    parser.add_argument(
        "--warn-unmapped",
        action="store_true",
        help="report each letter of the scheme's source script that it leaves as it is",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="stop with an error (exit 1) at the first letter the scheme leaves as it is",
    )
    parser.add_argument("-l", "--list", action="store_true", help="list the schemes and exit")
    parser.add_argument("--json", action="store_true", help="with -l: the list as JSON")
    parser.add_argument("-V", "--version", action="store_true", help="print the version and exit")
    parser.add_argument(
        "--print-completion",
        choices=COMPLETION_SHELLS,
        metavar="SHELL",
        help="print a completion script for SHELL (bash, zsh, tcsh) and exit; "
        "needs the 'completion' extra (shtab)",
    )
    parser.add_argument("-h", "--help", action="store_true", help="show this help and exit")
    return parser


def man_page_parser() -> argparse.ArgumentParser:
    """Return the parser as ``argparse-manpage`` should see it: a one-line synopsis.

    The manual page is made from it with the ``man`` extra installed::

        argparse-manpage --module translit.cli --function man_page_parser \\
            --project-name translit --prog translit --output translit.1

    >>> man_page_parser().format_usage()
    'usage: translit [options] SCHEME [FILE ...]\\n'
    """
    parser = build_parser()
    parser.usage = "%(prog)s [options] SCHEME [FILE ...]"
    return parser


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """Parse the command line; options may come before or after the files.

    Raises :class:`SystemExit` with status 2 after argparse has printed the
    usage error, including options that do not go together.

    >>> parse_args(["ru-iso-9", "a.txt", "-r", "b.txt"]).files
    ['a.txt', 'b.txt']
    >>> parse_args(["ru-iso-9", "-t", "Щука", "-t", "мир"]).texts
    ['Щука', 'мир']
    """
    parser = build_parser()
    args = parser.parse_intermixed_args(list(argv))
    if args.help or args.version or args.print_completion:
        return args
    if args.list:
        extra = [
            name
            for name, given in (
                ("SCHEME or FILE", args.scheme is not None or args.files),
                ("-t", args.texts),
                ("-r", args.reverse),
                ("-f", args.from_code is not None),
                ("-o", args.output is not None),
                ("--errors", args.errors != "strict"),
                ("--warn-unmapped", args.warn_unmapped),
                ("--strict", args.strict),
                ("--policy", args.policy is not None),
                ("--from/--to", args.from_scheme is not None or args.to_scheme is not None),
            )
            if given
        ]
        if extra:
            parser.error(f"-l/--list takes no {', '.join(extra)} (only --json)")
        return args
    if args.json:
        parser.error("--json goes with -l/--list")
    if (args.from_scheme is None) != (args.to_scheme is None):
        parser.error("--from and --to go together")
    if args.from_scheme is not None:
        if args.scheme is not None:  # every positional is a file
            args.files = [args.scheme, *args.files]
            args.scheme = None
        if args.reverse:
            parser.error("--from/--to already says the way: leave out -r")
        if args.warn_unmapped or args.strict:
            parser.error("--warn-unmapped and --strict go with one SCHEME, not --from/--to")
    elif args.scheme is None:
        parser.error("the following arguments are required: SCHEME")
    if args.texts is not None and args.files:
        parser.error("-t/--text takes the place of FILE arguments; give one or the other")
    if args.texts is not None and args.from_code is not None:
        parser.error("-f/--from-code names the encoding of files and standard input, not of -t")
    if args.from_code is not None:
        try:
            check_encoding(args.from_code)
        except ValueError as err:
            parser.error(str(err))
    return args


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

    Where :func:`select.poll` is missing, sleep a little instead.

    >>> r, w = os.pipe()
    >>> written = os.write(w, b"x")
    >>> wait_for(r)  # returns at once: there is data
    >>> os.close(r), os.close(w)
    (None, None)
    """
    import select

    if hasattr(select, "poll"):
        poller = select.poll()
        poller.register(fd, select.POLLOUT if write else select.POLLIN)
        poller.poll()
    else:  # pragma: no cover - Windows
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
        wait_for(-1)  # pragma: no cover - a non-blocking stream without a descriptor


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


# ---------------------------------------------------------------- unmapped letters


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


class UnmappedCheck:
    """Reports (``--warn-unmapped``) or refuses (``--strict``) letters a scheme leaves alone.

    >>> import contextlib, io
    >>> check = UnmappedCheck("uz-latn", reverse=False, strict=False)
    >>> with contextlib.redirect_stderr(io.StringIO()) as err:
    ...     check("Түркия\\n", "<stdin>", Position())
    >>> print(err.getvalue(), end="")
    translit: <stdin>:1:2: warning: 'ү' (U+04AF) is not in uz-latn; left as it is
    """

    def __init__(self, scheme: str, *, reverse: bool, strict: bool) -> None:
        from translit.unmapped import UnmappedFinder

        table = find_transliterator(scheme).table
        self.find: UnmappedFinder = UnmappedFinder(table, reverse=reverse)
        self.strict = strict

    def __call__(self, text: str, name: str, position: Position) -> None:
        """Check ``text``, which starts at ``position`` of the input ``name``."""
        for item in self.find(text):
            line = position.line + item.line - 1
            column = item.column + (position.column if item.line == 1 else 0)
            where = f"{name}:{line}:{column}"
            letter = f"{item.char!r} (U+{ord(item.char):04X})"
            if self.strict:
                raise CliError(
                    f"{where}: {letter} is not in {self.find.scheme}; stopped by --strict", 1
                )
            report(f"{where}: warning: {letter} is not in {self.find.scheme}; left as it is")


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


# ---------------------------------------------------------------- commands


def format_scheme_table(infos: Iterable[translit.SchemeInfo]) -> str:
    """Return the ``--list`` table: one line per scheme, the standard last.

    Aliases are joined by commas (``-`` for none), so every column but the
    last is one word.

    >>> from types import SimpleNamespace as S
    >>> info = S(id="ru-iso-9", aliases=("iso9", "gost"), language="ru", status="stable",
    ...          reversible="lossless", standard="ISO 9:1995")
    >>> print(format_scheme_table([info]), end="")
    ID        LANGUAGE  REVERSIBLE  STATUS  ALIASES    STANDARD
    ru-iso-9  ru        lossless    stable  iso9,gost  ISO 9:1995
    """
    rows = [("ID", "LANGUAGE", "REVERSIBLE", "STATUS", "ALIASES", "STANDARD")]
    rows += [
        (
            info.id,
            info.language,
            info.reversible,
            info.status,
            ",".join(info.aliases) or "-",
            " ".join(info.standard.split()),  # one line, whatever the table holds
        )
        for info in infos
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]) - 1)]
    return "".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False))
        + "  "
        + row[-1]
        + "\n"
        for row in rows
    )


def scheme_records(infos: Iterable[translit.SchemeInfo]) -> list[dict[str, Any]]:
    """Return what ``--list --json`` prints: each scheme's info, its references and notes.

    >>> record = scheme_records([translit.get("ru-iso-9").info])[0]
    >>> record["id"], record["reversible"], record["status"], "ru-iso9" in record["aliases"]
    ('ru-iso-9', 'lossless', 'stable', True)
    >>> sorted(record)  # doctest: +NORMALIZE_WHITESPACE
    ['aliases', 'has_reverse', 'id', 'language', 'name', 'notes', 'policies', 'references',
     'reversible', 'source_script', 'standard', 'status', 'target_script']
    """
    records = []
    for info in infos:
        record = asdict(info)
        for key in ("aliases", "references", "policies"):
            record[key] = list(record[key])
        records.append(record)
    return records


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


def is_table_path(scheme: str) -> bool:
    """Whether SCHEME names a table file rather than a shipped scheme.

    Only a name with a directory or a ``.toml`` ending is a path, so a file in the
    current directory never shadows a shipped scheme of the same name.

    >>> is_table_path("./ru-iso-9.toml"), is_table_path("my.toml"), is_table_path("ru-iso-9")
    (True, True, False)
    """
    return os.sep in scheme or "/" in scheme or scheme.endswith(".toml")


def find_transliterator(scheme: str) -> translit.Transliterator:
    """The transliterator SCHEME names (id, alias or table path), or a usage error.

    >>> find_transliterator("gost-7.79-a").id
    'ru-iso-9'
    """
    if is_table_path(scheme):
        if not os.path.isfile(scheme):
            raise CliError(f"{scheme}: no such table file", status=2)
        return translit.load(scheme)
    try:
        return translit.get(scheme)
    except translit.UnknownSchemeError as err:
        raise CliError(unknown_scheme_message(err), status=2) from None


def load_converter(
    scheme: str, reverse: bool, policy: str | None = None
) -> Callable[[str], str]:
    """Return the function that transliterates text with ``scheme``, in the asked direction.

    Raises :class:`CliError` with status 2 for an unknown scheme or policy, or a
    missing reverse direction.

    >>> load_converter("ru-iso-9", reverse=True)("Ŝuka")
    'Щука'
    >>> load_converter("kk-latn-2021", reverse=False, policy="keep")("Цех")
    'Цeh'
    """
    transliterator = find_transliterator(scheme)
    if reverse and not transliterator.info.has_reverse:
        raise CliError(str(translit.NoReverseError(transliterator.info.id)), status=2)
    if policy is not None and (reverse or policy not in transliterator.info.policies):
        known = () if reverse else transliterator.info.policies
        raise CliError(str(translit.UnknownPolicyError(transliterator.id, policy, known)), 2)
    if reverse:
        return transliterator.reverse
    return functools.partial(transliterator, policy=policy)


def load_conversion(
    from_scheme: str, to_scheme: str, policy: str | None = None
) -> Callable[[str], str]:
    """Return the function behind ``--from A --to B``: A read back, then B written.

    >>> load_conversion("kk-latn-2018", "kk-latn-2021")("Qazaqstan Respýblıkasy")
    'Qazaqstan Respublikasy'
    """
    source = find_transliterator(from_scheme)
    target = find_transliterator(to_scheme)
    first, second = source.info, target.info
    if (first.language, first.source_script) != (second.language, second.source_script):
        raise CliError(
            f"--from {first.id} and --to {second.id} are not schemes of one language "
            "and one source script",
            status=2,
        )
    read_back = load_converter(from_scheme, reverse=True)
    write_out = load_converter(to_scheme, reverse=False, policy=policy)
    return lambda text: write_out(read_back(text))


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
    check: UnmappedCheck | None = None
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


def completion_script(shell: str) -> str:
    """Return the shell completion script for ``translit``, made by ``shtab`` from the parser.

    Scheme ids and aliases complete after the options, as do file names and
    the common encodings for ``-f``.  Raises :class:`CliError` (status 1)
    when ``shtab`` is not installed.

    >>> script = completion_script("bash")  # doctest: +SKIP
    >>> "ru-iso-9" in script and "_shtab_translit" in script  # doctest: +SKIP
    True
    """
    try:
        import shtab
    except ImportError:
        raise CliError(
            "--print-completion needs shtab: pip install 'translit-central-asia[completion]'", 1
        ) from None
    parser = build_parser()
    names = {info.id for info in translit.schemes()}
    names |= {alias for info in translit.schemes() for alias in info.aliases}
    for action in parser._actions:
        if action.dest == "scheme":
            action.choices = sorted(names)
        elif action.dest == "from_code":
            action.choices = COMMON_ENCODINGS
        elif action.dest in ("files", "output"):
            setattr(action, "complete", shtab.FILE)  # noqa: B010 - shtab reads this attribute
    return str(shtab.complete(parser, shell=shell))


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


def run(args: argparse.Namespace) -> int:
    """Carry out the parsed command line; return the exit status.

    >>> import contextlib, io
    >>> with contextlib.redirect_stdout(io.TextIOWrapper(io.BytesIO())) as out:
    ...     status = run(parse_args(["ru-iso-9", "-t", "Щука"]))
    >>> status, out.buffer.getvalue().decode()
    (0, 'Ŝuka\\n')
    """
    if args.help:
        write(standard_output(), build_parser().format_help().encode("utf-8"))
        return 0
    if args.version:
        write(standard_output(), f"{PROG} {translit.__version__}\n".encode())
        return 0
    if args.print_completion:
        write(standard_output(), completion_script(args.print_completion).encode("utf-8"))
        return 0
    if args.list:
        infos = translit.schemes()
        if args.json:
            listing = json.dumps(scheme_records(infos), ensure_ascii=False, indent=2) + "\n"
        else:
            listing = format_scheme_table(infos)
        write(standard_output(), listing.encode("utf-8"))
        return 0
    if args.from_scheme is not None:
        convert = load_conversion(args.from_scheme, args.to_scheme, args.policy)
    else:
        convert = load_converter(args.scheme, args.reverse, args.policy)
    check = None
    if args.warn_unmapped or args.strict:
        check = UnmappedCheck(args.scheme, reverse=args.reverse, strict=args.strict)
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
    except SystemExit as exc:  # argparse has printed the usage error
        return exc.code if isinstance(exc.code, int) else 2
    try:
        return run(args)
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

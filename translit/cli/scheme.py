"""``translit SCHEME``: transliterate files, standard input or arguments with one scheme.

Also ``--from A --to B`` (convert between two schemes of one language), ``-l``
(list the schemes), ``-V``, ``--print-completion``. See :mod:`translit.cli`.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import translit
from translit.cli.common import (
    ERROR_MODES,
    PROG,
    SUBCOMMANDS,
    CliError,
    Position,
    check_encoding,
    report,
    restore_sigpipe,
    run_filter,
    silence_stdout,
    standard_output,
    write,
)

if TYPE_CHECKING:
    from translit.unmapped import UnmappedFinder

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
COMPLETION_SHELLS = ("bash", "zsh", "tcsh", "fish")


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
        "       %(prog)s normalize|auto|detect [options] [FILE ...]\n"
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
        "  translit normalize pasted.txt          # repair look-alike letters, apostrophes\n"
        "  translit auto news.txt                 # each paragraph by its own language\n"
        "  translit detect news.txt               # language, script and alphabet\n"
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
        "--explain",
        action="store_true",
        help="instead of the text, print each piece of it: source, output and the rule or "
        "map entry behind it (tab-separated, one piece a line)",
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
        help="print a completion script for SHELL (bash, zsh, tcsh, fish) and exit; "
        "needs the 'completion' extra (shtab, argcomplete)",
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
                ("--explain", args.explain),
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
        if args.warn_unmapped or args.strict or args.explain:
            parser.error(
                "--warn-unmapped, --strict and --explain go with one SCHEME, not --from/--to"
            )
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
        record = info._asdict()
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


def load_converter(scheme: str, reverse: bool, policy: str | None = None) -> Callable[[str], str]:
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


def completion_parser() -> argparse.ArgumentParser:
    """Return the parser as shell completion should see it: with the names it offers.

    The scheme argument offers every scheme id and alias (and the subcommands),
    ``-f`` the common encodings.

    >>> parser = completion_parser()
    >>> [action.choices for action in parser._actions if action.dest == "from_code"][0][:2]
    ('utf-8', 'utf-8-sig')
    """
    parser = build_parser()
    names = {info.id for info in translit.schemes()}
    names |= {alias for info in translit.schemes() for alias in info.aliases}
    names |= set(SUBCOMMANDS)
    for action in parser._actions:
        if action.dest == "scheme":
            action.choices = sorted(names)
        elif action.dest == "from_code":
            action.choices = COMMON_ENCODINGS
    return parser


def _completion_library(name: str) -> Any:
    """Import ``name``, or raise :class:`CliError` saying which extra installs it."""
    import importlib

    try:
        return importlib.import_module(name)
    except ImportError:
        raise CliError(
            f"--print-completion needs {name}: pip install 'translit-central-asia[completion]'", 1
        ) from None


def completion_script(shell: str) -> str:
    """Return the shell completion script for ``translit``, made from the parser.

    bash, zsh and tcsh get a static script from ``shtab``; fish, which shtab
    does not write, gets ``argcomplete``'s script, which asks ``translit``
    itself (see :func:`answer_completion`).  Scheme ids and aliases complete
    after the options, as do file names and the common encodings for ``-f``.
    Raises :class:`CliError` (status 1) when the library is not installed.

    >>> script = completion_script("bash")  # doctest: +SKIP
    >>> "ru-iso-9" in script and "_shtab_translit" in script  # doctest: +SKIP
    True
    """
    if shell == "fish":
        argcomplete = _completion_library("argcomplete")
        return str(argcomplete.shellcode([PROG], shell="fish"))
    shtab = _completion_library("shtab")
    parser = completion_parser()
    for action in parser._actions:
        if action.dest in ("files", "output"):
            setattr(action, "complete", shtab.FILE)  # noqa: B010 - shtab reads this attribute
    return str(shtab.complete(parser, shell=shell))


def answer_completion() -> None:
    """Answer the completion request of an ``argcomplete`` shell script, then exit.

    The fish script runs ``translit`` with ``_ARGCOMPLETE`` and the command
    line in its environment; without that variable (or without argcomplete)
    this returns at once and the command runs as usual.

    >>> answer_completion()  # no request in this environment: returns None
    """
    if "_ARGCOMPLETE" not in os.environ:
        return
    try:
        import argcomplete
    except ImportError:
        return
    argcomplete.autocomplete(completion_parser())


# ---------------------------------------------------------------- main


def explainer(scheme: str, reverse: bool, policy: str | None) -> Callable[[str], str]:
    """The function behind ``--explain``: each piece of a text with the rule behind it.

    >>> print(explainer("uz-latn", False, None)("Исҳоқ").replace(chr(9), " | "), end="")
    И | I | map.и
    с | sʼ | rules[7]
    ҳ | h | map.ҳ
    о | o | map.о
    қ | q | map.қ
    """
    transliterator = find_transliterator(scheme)

    def explain(text: str) -> str:
        steps = transliterator.explain(text, reverse=reverse, policy=policy)
        return "".join(
            f"{step.source}\t{step.output}\t{step.origin or '-'}\n"
            for step in steps
            if step.origin or not step.source.isspace()
        )

    return explain


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
        if args.explain:
            convert = explainer(args.scheme, args.reverse, args.policy)
    check = None
    if args.warn_unmapped or args.strict:
        check = UnmappedCheck(args.scheme, reverse=args.reverse, strict=args.strict)
    return run_filter(args, convert, check)


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

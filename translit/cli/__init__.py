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

from translit.cli.common import (
    BLANKS,
    BLOCK_SIZE,
    DEFAULT_ENCODING,
    ERROR_MODES,
    LINE_CAP,
    PROG,
    STDIN_NAME,
    SUBCOMMANDS,
    AtomicFile,
    CliError,
    Job,
    Position,
    check_encoding,
    decode_error_message,
    is_output_file,
    iter_text,
    long_line_cut,
    open_input,
    output_identity,
    read_block,
    report,
    restore_sigpipe,
    silence_stdout,
    standard_output,
    transliterate_files,
    transliterate_texts,
    wait_for,
    write,
)
from translit.cli.scheme import (
    COMMON_ENCODINGS,
    COMPLETION_SHELLS,
    UnmappedCheck,
    answer_completion,
    build_parser,
    completion_parser,
    completion_script,
    find_transliterator,
    format_scheme_table,
    is_table_path,
    load_conversion,
    load_converter,
    man_page_parser,
    parse_args,
    run,
    scheme_records,
    unknown_scheme_message,
)
from translit.cli.scheme import main as scheme_main

__all__ = [
    "BLANKS",
    "BLOCK_SIZE",
    "COMMON_ENCODINGS",
    "COMPLETION_SHELLS",
    "DEFAULT_ENCODING",
    "ERROR_MODES",
    "LINE_CAP",
    "PROG",
    "STDIN_NAME",
    "SUBCOMMANDS",
    "AtomicFile",
    "CliError",
    "Job",
    "Position",
    "UnmappedCheck",
    "answer_completion",
    "build_parser",
    "check_encoding",
    "completion_parser",
    "completion_script",
    "decode_error_message",
    "find_transliterator",
    "format_scheme_table",
    "is_output_file",
    "is_table_path",
    "iter_text",
    "load_conversion",
    "load_converter",
    "long_line_cut",
    "main",
    "man_page_parser",
    "open_input",
    "output_identity",
    "parse_args",
    "read_block",
    "report",
    "restore_sigpipe",
    "run",
    "scheme_records",
    "silence_stdout",
    "standard_output",
    "transliterate_files",
    "transliterate_texts",
    "unknown_scheme_message",
    "wait_for",
    "write",
]


def main(argv: list[str] | None = None) -> int:
    """Run the ``translit`` command on ``argv`` (default ``sys.argv[1:]``); return the exit status.

    A first argument that names a subcommand (:data:`SUBCOMMANDS`) runs it with the
    rest; anything else is ``translit [options] SCHEME ...``.

    >>> main(["normalize", "-t", "Tоshkent"])  # doctest: +SKIP
    Toshkent
    0
    """
    import importlib
    import sys

    if argv is None:
        answer_completion()  # a shell asking what to complete (fish): answers and exits
    arguments = sys.argv[1:] if argv is None else list(argv)
    if arguments and arguments[0] in SUBCOMMANDS:
        module = importlib.import_module(f"translit.cli.{arguments[0]}")
        status: int = module.main(arguments[1:])
        return status
    return scheme_main(arguments)

"""``translit normalize``: repair mixed-script words, look-alike letters, apostrophes,
decomposed letters (and invisible characters) in files, standard input or arguments.

    $ printf 'Aлматы Tоshkent o`zbek\\n' | translit normalize
    Алматы Toshkent oʻzbek
    $ translit normalize --diff notes.txt      # what would change, one edit a line

See :func:`translit.text.normalize.normalize`.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence

from translit.cli.common import (
    PROG,
    Inputs,
    add_io_arguments,
    check_io_arguments,
    run_filter,
    run_subcommand,
    write_report,
)

__all__ = ["build_parser", "main", "parse_args", "run"]


def build_parser() -> argparse.ArgumentParser:
    """The parser of ``translit normalize``.

    >>> build_parser().parse_args(["--lang", "kk", "--diff", "a.txt"]).lang
    'kk'
    """
    from translit.text.normalize import LANGUAGES

    parser = argparse.ArgumentParser(
        prog=f"{PROG} normalize",
        description="Repair real-world Central Asian text: letters of the other script inside "
        "words, look-alike letters of other alphabets, Uzbek apostrophes, letters written with "
        "separate marks (and, on request, invisible characters). Clean text comes out as it "
        "went in.",
        epilog="examples:\n"
        "  printf 'Aлматы Tоshkent o`zbek\\n' | translit normalize\n"
        "  translit normalize --lang kk --diff article.txt\n"
        "  translit normalize --strip-invisible -o clean.txt pasted.txt",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_io_arguments(parser)
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        help="the text's language (default: told from each line's letters)",
    )
    parser.add_argument(
        "--strip-invisible",
        action="store_true",
        help="remove soft hyphens, zero-width spaces and joiners, and byte-order marks in the text",
    )
    parser.add_argument("--fold-yo", action="store_true", help="Russian: write ё as е")
    parser.add_argument(
        "--diff",
        action="store_true",
        help="print the edits (FILE:LINE:COLUMN: reason: old → new) instead of the text",
    )
    return parser


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """Parse the arguments after ``normalize``."""
    parser = build_parser()
    args = parser.parse_intermixed_args(list(argv))
    check_io_arguments(parser, args)
    return args


def run(args: argparse.Namespace) -> int:
    """Carry out ``translit normalize``; return the exit status."""
    from translit.text.normalize import normalize

    options = {"strip_invisible": args.strip_invisible, "fold_yo": args.fold_yo}
    if not args.diff:
        return run_filter(args, lambda text: normalize(text, args.lang, **options))
    inputs = Inputs(args)

    def lines() -> Iterator[str]:
        for name, piece, position in inputs:
            result = normalize(piece, args.lang, report=True, **options)
            for edit in result.edits:
                line = position.line + piece.count("\n", 0, edit.offset)
                column = edit.offset - (piece.rfind("\n", 0, edit.offset) + 1) + 1
                if line == position.line:
                    column += position.column
                old, new = _shown(edit.old), _shown(edit.new)
                yield f"{name}:{line}:{column}: {edit.reason}: {old} → {new}\n"

    write_report(args, lines())
    return inputs.status


def _shown(text: str) -> str:
    """``'о' (U+043E)``: a repaired piece with its code points.

    >>> _shown("о"), _shown("")
    ("'о' (U+043E)", "'' (removed)")
    """
    if not text:
        return "'' (removed)"
    codes = " ".join(f"U+{ord(char):04X}" for char in text)
    return f"{text!r} ({codes})"


def main(argv: Sequence[str]) -> int:
    """Run ``translit normalize`` with the arguments after the subcommand's name."""
    return run_subcommand(parse_args, run, argv)

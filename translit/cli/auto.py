"""``translit auto``: each paragraph through its own language's default scheme.

    $ translit auto mixed.txt                 # Cyrillic paragraphs to Latin
    $ translit auto --to cyrl latin.txt       # Latin paragraphs back to Cyrillic

See :mod:`translit.text.auto`.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from translit.cli.common import (
    PROG,
    add_io_arguments,
    check_io_arguments,
    run_filter,
    run_subcommand,
)

__all__ = ["build_parser", "main", "parse_args", "run"]


def build_parser() -> argparse.ArgumentParser:
    """The parser of ``translit auto``.

    >>> build_parser().parse_args(["--to", "cyrl"]).to
    'cyrl'
    """
    parser = argparse.ArgumentParser(
        prog=f"{PROG} auto",
        description="Tell each paragraph's language and alphabet, and transliterate it with "
        "that language's default scheme (kk → kk-latn-2018, uz → uz-latn, ru → ru-iso-9, "
        "ky → ky-iso-9, tg → tg-iso-9, tk → tk-latn); with --to cyrl, Latin paragraphs go "
        "back to Cyrillic by the reverse of the alphabet they were written in. Paragraphs in "
        "the other script or another language pass through.",
        epilog="examples:\n"
        "  translit auto news.txt\n"
        "  translit auto --to cyrl latin-archive.txt -o cyrillic.txt\n"
        "  translit detect news.txt        # what auto would take each paragraph for",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_io_arguments(parser)
    parser.add_argument(
        "--to",
        choices=("latn", "cyrl"),
        default="latn",
        help="the script to write: latn (the default) or cyrl",
    )
    return parser


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """Parse the arguments after ``auto``."""
    parser = build_parser()
    args = parser.parse_intermixed_args(list(argv))
    check_io_arguments(parser, args)
    return args


def run(args: argparse.Namespace) -> int:
    """Carry out ``translit auto``; return the exit status."""
    from translit.text.auto import auto

    return run_filter(args, lambda text: auto(text, args.to))


def main(argv: Sequence[str]) -> int:
    """Run ``translit auto`` with the arguments after the subcommand's name."""
    return run_subcommand(parse_args, run, argv)

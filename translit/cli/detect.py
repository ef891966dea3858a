"""``translit detect``: say which language, script and alphabet each paragraph is in.

    $ translit detect news.txt
    news.txt:1-14	kk	Cyrl	-	kk-latn-2018	1.00

One line per span of lines: where (first-last line), language, script, Latin
variant, the scheme that fits, and the confidence. See
:func:`translit.text.detect.detect_spans`.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator, Sequence
from typing import Any

from translit.cli.common import (
    PROG,
    Inputs,
    Position,
    add_io_arguments,
    check_io_arguments,
    run_subcommand,
    write_report,
)

__all__ = ["build_parser", "main", "parse_args", "run"]


def build_parser() -> argparse.ArgumentParser:
    """The parser of ``translit detect``.

    >>> build_parser().parse_args(["--json"]).json
    True
    """
    parser = argparse.ArgumentParser(
        prog=f"{PROG} detect",
        description="Tell the language (kk, uz, ru, ky, tg, tk or und), script and Latin "
        "alphabet of each stretch of lines, and the scheme that fits it.",
        epilog="output: NAME:FIRST-LAST  language  script  variant  scheme  confidence",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_io_arguments(parser)
    parser.add_argument("--json", action="store_true", help="one JSON object per span")
    return parser


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """Parse the arguments after ``detect``."""
    parser = build_parser()
    args = parser.parse_intermixed_args(list(argv))
    check_io_arguments(parser, args)
    return args


def describe(text: str, position: Position) -> list[dict[str, Any]]:
    """The spans of one piece of an input that starts at ``position``, as records.

    >>> records = describe("Сәлем, әлем!\\n", Position())
    >>> [(r["first_line"], r["language"], r["scheme"]) for r in records]
    [(1, 'kk', 'kk-latn-2018')]
    """
    from translit.text.detect import detect_spans

    records = []
    for span in detect_spans(text):
        first = position.line + text.count("\n", 0, span.start)
        found = span.detection
        records.append(
            {
                "first_line": first,
                "last_line": first + span.text.rstrip("\n").count("\n"),
                "language": found.language,
                "script": found.script,
                "variant": found.variant,
                "scheme": found.scheme,
                "confidence": found.confidence,
            }
        )
    return records


def formatted(name: str, record: dict[str, Any], as_json: bool) -> str:
    """One report line for a span.

    >>> record = {"first_line": 1, "last_line": 3, "language": "kk", "script": "Cyrl",
    ...           "variant": "", "scheme": "kk-latn-2018", "confidence": 0.9951}
    >>> formatted("a.txt", record, False)
    'a.txt:1-3\\tkk\\tCyrl\\t-\\tkk-latn-2018\\t1.00\\n'
    """
    if as_json:
        return json.dumps({"input": name, **record}, ensure_ascii=False) + "\n"
    fields = [
        f"{name}:{record['first_line']}-{record['last_line']}",
        record["language"],
        record["script"] or "-",
        record["variant"] or "-",
        record["scheme"] or "-",
        f"{record['confidence']:.2f}",
    ]
    return "\t".join(fields) + "\n"


_LABEL = ("language", "script", "variant", "scheme")


def run(args: argparse.Namespace) -> int:
    """Carry out ``translit detect``; return the exit status."""
    inputs = Inputs(args)

    def lines() -> Iterator[str]:
        pending: tuple[str, dict[str, Any]] | None = None
        for name, piece, position in inputs:
            for record in describe(piece, position):
                if (
                    pending is not None
                    and pending[0] == name
                    and all(pending[1][key] == record[key] for key in _LABEL)
                ):
                    # A span cut by the reading in pieces: one span.
                    pending[1]["last_line"] = record["last_line"]
                    pending[1]["confidence"] = max(pending[1]["confidence"], record["confidence"])
                    continue
                if pending is not None:
                    yield formatted(*pending, args.json)
                pending = (name, record)
        if pending is not None:
            yield formatted(*pending, args.json)

    write_report(args, lines())
    return inputs.status


def main(argv: Sequence[str]) -> int:
    """Run ``translit detect`` with the arguments after the subcommand's name."""
    return run_subcommand(parse_args, run, argv)

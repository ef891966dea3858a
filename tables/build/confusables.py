"""Build tables/data/confusables-cyrl-latn.tsv: Cyrillic and Latin letters that look alike.

What it produces
    One line per look-alike pair ``letter <TAB> look-alike <TAB> kind``: ``look-alike`` is a
    letter of some alphabet translit has a table for (a table's ``[alphabet]``, either case), and
    ``letter`` is a Cyrillic or Latin letter that Unicode's security data says looks like it, in
    the same case (a capital is never the look-alike of a small letter). ``kind`` says how
    strong the evidence is:

    * ``intentional``: the pair is in intentional.txt, glyphs designed to be identical
      (Latin a and Cyrillic а; Latin ə and Cyrillic ә);
    * ``confusable``: the two have the same skeleton under confusables.txt (UTS #39, section
      4), so they are confusable in common fonts (Latin Y and Cyrillic Ү; Latin ɵ and ө);
    * ``mark-below``: their skeletons differ only in which mark sits below the letter
      (comma, cedilla, ogonek, vertical line: Khanty ӈ and Kazakh ң).

    translit.text.normalize reads the file to repair words written in two scripts and letters
    typed with the look-alike of another alphabet; it uses a pair only where the look-alike is
    in the language's own alphabet, and only where one candidate is better than the others.

Sources
    Unicode Security Mechanisms for UTS #39, version 17.0.0: confusables.txt and
    intentional.txt (© Unicode, Inc., Unicode License v3), published at
    https://www.unicode.org/Public/security/17.0.0/ and kept in the repository
    unicode-org/unicodetools under unicodetools/data/security/17.0.0/.
    The alphabets are those of the tables in tables/ (read through translit).

How to run (from the repository root; deterministic, the output is sorted)
    python tables/build/confusables.py CONFUSABLES_TXT INTENTIONAL_TXT
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import regex
import unicodedata2

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import translit  # noqa: E402  (the checkout's translit)

OUTPUT = REPO / "tables" / "data" / "confusables-cyrl-latn.tsv"
VERSION = "17.0.0"

#: Marks below a letter that fonts draw alike at text sizes.
MARKS_BELOW = "\u0326\u0327\u0328\u0329\u0331"

#: Ranges searched for letters: Latin (Basic to Extended-B, IPA, Extended Additional and C),
#: Cyrillic (with the Supplement).
RANGES = (
    range(0x41, 0x250),
    range(0x250, 0x2B0),
    range(0x400, 0x530),
    range(0x1D00, 0x1DC0),
    range(0x1E00, 0x1F00),
    range(0x2C60, 0x2C80),
)

HEADER = f"""\
# Cyrillic and Latin letters that look alike, for translit.text.normalize.
# Columns: letter, look-alike (a letter of some translit table's alphabet), kind
# (intentional / confusable / mark-below; see tables/build/confusables.py, which writes this file).
#
# Derived from Unicode Security Mechanisms for UTS #39, version {VERSION}
# (confusables.txt and intentional.txt, https://www.unicode.org/Public/security/{VERSION}/).
# Copyright © 1991-2025 Unicode, Inc. Distributed under the Unicode License v3
# (https://www.unicode.org/license.txt); see THIRD_PARTY_NOTICES.md for the full text.
"""


def read_pairs(path: Path) -> dict[str, str]:
    """``source → target`` of a UTS #39 data file (code points in hex, fields split by ';')."""
    mapping: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        data = line.split("#", 1)[0].strip()
        if not data:
            continue
        fields = [field.strip() for field in data.split(";")]
        source = "".join(chr(int(code, 16)) for code in fields[0].split())
        target = "".join(chr(int(code, 16)) for code in fields[1].split())
        mapping[source] = target
    return mapping


def skeleton(char: str, confusables: dict[str, str]) -> str:
    """UTS #39 skeleton of one character: NFD, map each character, NFD again."""
    text = unicodedata2.normalize("NFD", char)
    text = "".join(confusables.get(c, c) for c in text)
    return str(unicodedata2.normalize("NFD", text))


def loose(text: str) -> str:
    """A skeleton with every mark below written as one."""
    return "".join("\u0326" if c in MARKS_BELOW else c for c in text)


def alphabet_letters() -> set[str]:
    """Every letter of every table's alphabets, in both cases."""
    letters: set[str] = set()
    for info in translit.schemes():
        table = translit.get(info.id).table
        for alphabet in (table.source_alphabet, table.target_alphabet):
            for char in alphabet:
                if unicodedata2.category(char).startswith("L"):
                    letters |= {char, table_upper(table.upper_case, char)}
    return {c for c in letters if len(c) == 1}


def table_upper(upper_case: dict[str, str], char: str) -> str:
    return upper_case.get(char, char.upper())


def script_of(char: str) -> str | None:
    if regex.match(r"\p{Script=Cyrillic}", char):
        return "Cyrl"
    if regex.match(r"\p{Script=Latin}", char):
        return "Latn"
    return None


def same_case(a: str, b: str) -> bool:
    return a.islower() == b.islower() and a.isupper() == b.isupper()


def build(confusables_path: Path, intentional_path: Path) -> list[tuple[str, str, str]]:
    confusables = read_pairs(confusables_path)
    intentional = read_pairs(intentional_path)
    identical = {(a, b) for a, b in intentional.items()} | {(b, a) for a, b in intentional.items()}
    letters = [
        chr(code)
        for block in RANGES
        for code in block
        if unicodedata2.category(chr(code)).startswith("L") and script_of(chr(code))
    ]
    targets = alphabet_letters()
    strict: dict[str, list[str]] = {}
    loosened: dict[str, list[str]] = {}
    for char in letters:
        key = skeleton(char, confusables)
        strict.setdefault(key, []).append(char)
        loosened.setdefault(loose(key), []).append(char)
    rows: dict[tuple[str, str], str] = {}
    for kind, groups in (("confusable", strict), ("mark-below", loosened)):
        for group in groups.values():
            for target in group:
                if target not in targets:
                    continue
                for char in group:
                    if char == target or not same_case(char, target):
                        continue
                    pair = (char, target)
                    if pair in identical:
                        rows[pair] = "intentional"
                    rows.setdefault(pair, kind)
    return sorted((a, b, kind) for (a, b), kind in rows.items())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("confusables", type=Path, help="confusables.txt of UTS #39")
    parser.add_argument("intentional", type=Path, help="intentional.txt of UTS #39")
    args = parser.parse_args()
    rows = build(args.confusables, args.intentional)
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    body = "".join(f"{a}\t{b}\t{kind}\n" for a, b, kind in rows)
    OUTPUT.write_text(HEADER + body, encoding="utf-8")
    print(f"{OUTPUT.relative_to(REPO)}: {len(rows)} pairs", file=sys.stderr)


if __name__ == "__main__":
    main()

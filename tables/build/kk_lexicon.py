"""Build tables/kk-latn-2021.lexicon.tsv and tables/kk-latn-2018.lexicon.tsv (Latin → Cyrillic).

What it produces
    One file per scheme, lines ``kind <TAB> cyrillic <TAB> latin``, sorted, all reverse only
    (``stem<``, ``word<``): the words whose Cyrillic the scheme's reverse rules do not give
    back, because the official alphabets merge letters (и/й → i or ı, х/һ → h, е/э → e) or
    have none for the loan letters (ц ч щ ё ю я ъ ь э), e.g. шаһар ← şahar/shahar,
    экономика ← ekonomika, революция ← revoliutsiia (2021) / revolıýsııa (2018),
    объект ← obekt. Each entry is a word beginning (``stem<``): Kazakh adds its suffixes
    after it (шаһарының ← şaharynyñ). The Latin of an entry is what the table writes today,
    so the files must be rebuilt when a table's forward letters or policy change.

Sources
    * Kazakh words: the Kazakh hunspell dictionary (kk_KZ, by Akmaral Mussayeva, László
      Németh and Rail Aliev, 2009), as packaged by Debian (``hunspell-kk``); licence
      GPL-2+ or LGPL-2.1+ or MPL-1.1+, at the user's choice. Its stems are the candidates.
    * Russian loans that list lacks (names and places with a loan letter, such as Юрий;
      common nouns with ц ё ю я ъ э, mostly international words such as революция): the
      Russian hunspell dictionary (Debian ``hunspell-ru``, ru_RU by A. I. Lebedev,
      BSD-style licence), nouns chosen with pymorphy3 (OpenCorpora; used only to tell parts
      of speech, none of its data is stored). A Russian candidate that would change a word of
      the Kazakh list is left out.
    * The tables' own rules, through translit, decide what is redundant.

What to install
    apt-get install hunspell-kk hunspell-ru        # /usr/share/hunspell/{kk_KZ,ru_RU}.dic
    pip install pymorphy3 pymorphy3-dicts-ru regex unicodedata2

How to run (from the repository root; deterministic, the output is sorted)
    python tables/build/kk_lexicon.py [--kk-dic PATH] [--ru-dic PATH] [--no-russian] [--report]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _lexbuild import (
    TABLES,
    Entry,
    WordCheck,
    drop_covered,
    read_hunspell_words,
    rules_only,
    russian_candidates,
    write_lexicon,
)

SCHEMES = ("kk-latn-2021", "kk-latn-2018")
KAZAKH = re.compile("[аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя]+")
LOAN_LETTERS = set("цчщёюяъьэ")
# Common Russian nouns are taken only with a letter that marks most of them as international
# loans (революция, объект, экран); those with only ь ч щ are mostly native Russian words
# Kazakh text does not use. Names and places are taken with any loan letter (Юрий, Игорь).
INTERNATIONAL = set("цёюяъэ")
# Russian derivation Kazakh does not borrow (see uz_lexicon.py).
SKIP_ENDINGS = ("ость", "есть", "ица", "ец", "ьба")
MIN_STEM = 4  # Latin letters of the shortest Russian stem; shorter ones are whole words only

HEADER = """\
{scheme} lexicon: Kazakh words the reverse rules of {scheme} cannot spell back
(Cyrillic <TAB> Latin as {scheme} writes it). Entries: {count}. All are reverse only
(Latin → Cyrillic): stem< is a word beginning, Kazakh suffixes follow it; word< a whole word.
Entries with the note "ru_RU" come from the Russian list, the others from the Kazakh list.
Only entries whose output the table's rules do not already give are stored.

Sources:
- Kazakh words: hunspell dictionary kk_KZ (Debian package hunspell-kk 1.1-3), Copyright 2009
  Akmaral Mussayeva, László Németh, Rail Aliev; licence GPL-2+ or LGPL-2.1+ or MPL-1.1+.
  This list is derived from it: its stems, respelled in the {scheme} Latin alphabet.
- Russian loans it lacks: Russian hunspell dictionary ru_RU of LibreOffice by Alexander I.
  Lebedev (Debian package hunspell-ru 1:7.5.0-1), BSD-style licence (copyright notice and
  conditions retained; modified versions clearly marked: this is one). Nouns chosen with
  pymorphy3 2.0.6 / pymorphy3-dicts-ru 2.4.417150.4580142 (none of its data stored).
Licence of this file: as its sources: the entries from kk_KZ under GPL-2+ or LGPL-2.1+ or
MPL-1.1+ (at your choice), those from ru_RU under the BSD-style licence quoted in
THIRD_PARTY_NOTICES.md. The build code is MIT.
Rebuild: apt-get install hunspell-kk hunspell-ru; pip install pymorphy3 pymorphy3-dicts-ru;
  python tables/build/kk_lexicon.py
"""


def kazakh_stems(kk_dic: Path) -> list[str]:
    """The lower-case stems of the Kazakh list that are plain Cyrillic words."""
    stems = {word.lower() for word in read_hunspell_words(kk_dic)}
    return sorted(stem for stem in stems if KAZAKH.fullmatch(stem))


def build_scheme(
    scheme: str, kazakh: list[str], russian: list[str], report: bool
) -> tuple[int, int]:
    table = rules_only(scheme)
    forward, reverse = table, table.reverse
    check = WordCheck(kazakh, forward)
    kazakh_set = set(kazakh)

    # (family, latin) → {cyrillic: rank}; rank 0: Kazakh list, rank 1: Russian list.
    proposals: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    clashing: list[tuple[str, str]] = []
    for rank, words in ((0, kazakh), (1, russian)):
        for cyrillic in words:
            if rank == 1 and cyrillic in kazakh_set:
                continue
            latin = forward(cyrillic)
            if reverse(latin) == cyrillic or not latin:
                continue
            family = "stem"
            if rank == 1 and (len(latin) < MIN_STEM or cyrillic.endswith("ь")):
                # Short stems, and Russian stems ending in ь (кубань), run into other words
                # (Kubanychbek): whole words only.
                family = "word"
            if check.clashes(latin, cyrillic, stem=family == "stem"):
                # A stem that begins other words of the Kazakh list with another spelling
                # (аида: айда, айдар) is a whole word only, unless that clashes too.
                if family == "word" or check.clashes(latin, cyrillic, stem=False):
                    clashing.append((latin, cyrillic))
                    continue
                family = "word"
            options = proposals[(family, latin)]
            options[cyrillic] = min(rank, options.get(cyrillic, rank))

    entries: set[Entry] = set()
    ambiguous = []
    for (family, latin), options in sorted(proposals.items()):
        stem_rank = min(proposals.get(("stem", latin), {}).values(), default=2)
        if family == "word" and stem_rank <= min(options.values()):
            # A stem is spelt so too (вяз ← viaz): the whole word (вязь) would hide it.
            ambiguous.append((latin, sorted(options)))
            continue
        best = min(options.values())
        chosen = sorted(c for c, rank in options.items() if rank == best)
        if len(chosen) > 1:
            ambiguous.append((latin, chosen))
            continue
        # The note names the source of an entry taken from the Russian list (its licence differs).
        entries.add(Entry(chosen[0], family + "<", latin, "ru_RU" if best == 1 else ""))
    entries = drop_covered(entries, reverse)

    out = TABLES / f"{scheme}.lexicon.tsv"
    count = write_lexicon(out, HEADER.format(scheme=scheme, count=len(entries)), entries)
    print(f"{out.relative_to(TABLES.parent)}: {count} entries, {out.stat().st_size} bytes; "
          f"left out {len(ambiguous)} ambiguous Latin forms, {len(clashing)} clashes")  # fmt: skip
    if report:
        for latin, chosen in ambiguous:
            print("  ambiguous", latin, chosen)
        for latin, cyrillic in clashing:
            print("  clash", latin, cyrillic)
    return count, len(ambiguous)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kk-dic", type=Path, default=Path("/usr/share/hunspell/kk_KZ.dic"))
    parser.add_argument("--ru-dic", type=Path, default=Path("/usr/share/hunspell/ru_RU.dic"))
    parser.add_argument("--no-russian", action="store_true", help="use the Kazakh list only")
    parser.add_argument("--report", action="store_true", help="list what was left out")
    args = parser.parse_args()
    kazakh = kazakh_stems(args.kk_dic)
    russian: list[str] = []
    if not args.no_russian:
        found = russian_candidates(args.ru_dic, set(), SKIP_ENDINGS)
        russian = sorted(
            word
            for word, what in found.items()
            if (what == "proper" and LOAN_LETTERS & set(word))
            or (what == "noun" and INTERNATIONAL & set(word))
        )
    for scheme in SCHEMES:
        build_scheme(scheme, kazakh, russian, args.report)


if __name__ == "__main__":
    main()

"""Build tables/uz-latn.lexicon.tsv, the loanword lexicon of uz-latn (Uzbek Cyrillic ↔ 1995 Latin).

What it produces
    ``tables/uz-latn.lexicon.tsv``: lines ``kind <TAB> cyrillic <TAB> latin [<TAB> note]``,
    sorted, holding only what the table's rules get wrong:

    * Latin → Cyrillic (``word<`` / ``stem<``): Russian and international loans whose Cyrillic
      spelling has letters the Latin does not show: ь (film → фильм, kompyuter → компьютер),
      ц (sirk → цирк, konsert → концерт, aksiya → акция, litsey → лицей), э after a consonant
      (mer → мэр), ё ю я after a consonant (plyonka → плёнка, also the one-letter spellings of
      the rules' appendix 1.2a: sentabr → сентябрь), and ъ where the rules would read ь or
      nothing. A word ending in ь gets two entries, as the Uzbek Cyrillic spelling drops a
      stem-final ь before a suffix: ``word<  октябрь  oktyabr`` and ``stem<  октябр  …``
      (oktyabrda → октябрда). Common Latin variants are read back too: ts for ц where the
      rules write s (frantsuz → француз), ya/yu/yo where the rules' appendix writes a/u/o.
    * Both ways or forward only: the short list ``CITED`` below, each entry from the 1995
      rules or a cited textbook on them (sentabr, oktabr, broshura, sujet, …; moʻjiza).

Sources
    * Cyrillic candidates: the Russian hunspell dictionary of LibreOffice (ru_RU, by
      Alexander I. Lebedev; BSD-style licence, see THIRD_PARTY_NOTICES.md), as packaged by
      Debian (``hunspell-ru``). Its nouns (common and proper) are kept, with the ``-альный``
      type adjectives cut to the ``-ал`` stem Uzbek uses (социальный → социал).
    * Parts of speech: pymorphy3 with pymorphy3-dicts-ru (OpenCorpora). Used only to tell
      nouns and adjectives apart; no word of it is written to the lexicon.
    * Check only: Debian's ``hunspell-uz`` (Uzbek Cyrillic word list by Mashrab Kuvatov,
      GPL-2+). Nothing from it is shipped. It is used to drop candidates whose Latin form
      would turn an Uzbek word into something else (Russian цель → sel, but Uzbek сел → sel),
      and to measure how many of its loanwords come back right (``--report``).
    * The table's own rules, through translit itself, decide what is redundant (an entry
      whose output the rules already give is not stored).

    Parallel Cyrillic/Latin Uzbek texts are not used: they are kept for evaluation.

What to install
    apt-get install hunspell-ru hunspell-uz        # /usr/share/hunspell/{ru_RU,uz_UZ}.dic
    pip install pymorphy3 pymorphy3-dicts-ru regex unicodedata2

How to run (from the repository root; deterministic, the output is sorted)
    python tables/build/uz_lexicon.py [--ru-dic PATH] [--uz-dic PATH] [--report]
"""

from __future__ import annotations

import argparse
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

OUT = TABLES / "uz-latn.lexicon.tsv"
CONSONANTS = set("бвгджзйклмнпрстфхцчшщқғҳ")
# Russian word endings Uzbek does not borrow (native Russian derivation): abstract nouns in
# -ость/-есть, feminine and agent nouns in -ица/-ец, -ьба. They would only make the list long.
SKIP_ENDINGS = ("ость", "есть", "ица", "ец", "ьба")
# Letters Uzbek Cyrillic loans hardly keep: ы and щ words are left to the table (its appendix
# examples вымпел, вышка, община, ямщик, мещан are table stems).
SKIP_LETTERS = set("ыщ")
MIN_STEM = 4  # Latin letters of the shortest stem; shorter candidates are whole words only
MIN_PLAIN = 6  # Latin letters of the shortest word spelt by appendix 1.2a (one letter for ё ю я)

# Entries from the rules and cited works, entered by hand. (kind, cyrillic, latin, source)
RULES = "1995 rules"
TEXTBOOK = "fayllar.org, '6-mavzu. Grafika va orfografiya' (on the 1995 rules)"
CITED = [
    # Appendix 1.2a: a vowel letter that only softens the consonant is written with one letter.
    # сентябрь, октябрь: the rules' own date example "1993-yil 2-sentabr" (§ on hyphens, as
    # reprinted by muhaz.org), the appendix's examples as summarised in the standards digest,
    # and textbooks (genderi.org 'Oʻzbek-lotin alifbosining imlo qoidalari': sentabr, oktabr).
    ("word", "сентябрь", "sentabr", f"{RULES}: 1993-yil 2-sentabr; appendix 1.2a"),
    ("stem", "сентябр", "sentabr", f"{RULES}, appendix 1.2a; ь dropped before a suffix"),
    ("word", "октябрь", "oktabr", f"{RULES}, appendix 1.2a; {TEXTBOOK}"),
    ("stem", "октябр", "oktabr", f"{RULES}, appendix 1.2a; ь dropped before a suffix"),
    ("stem", "отряд", "otrad", TEXTBOOK),
    ("stem", "шляп", "shlap", TEXTBOOK),
    ("stem", "брошюр", "broshur", TEXTBOOK),
    ("stem", "сюжет", "sujet", TEXTBOOK),
    ("stem", "дюжин", "dujin", TEXTBOOK),
    ("stem", "дюйм", "duym", TEXTBOOK),
    ("stem", "шлюз", "shluz", TEXTBOOK),
    ("stem", "этюд", "etud", TEXTBOOK),
    # §32: no tutuq after the long oʻ, but the Cyrillic keeps ъ.
    ("stem", "мўъжиз", "moʻjiz", f"{RULES}, §32"),
    ("stem", "мўътабар", "moʻtabar", f"{RULES}, §32"),
]


def softened_plain(word: str) -> str:
    """Appendix 1.2a spelling: ё ю я after a consonant letter written as о у а."""
    out = []
    for i, char in enumerate(word):
        if char in "ёюя" and i and word[i - 1] in CONSONANTS:
            char = {"ё": "о", "ю": "у", "я": "а"}[char]
        out.append(char)
    return "".join(out)


def ts_variant(word: str) -> str:
    """ц written ts everywhere (frantsuz, tsirk), as much Latin text does."""
    return word.replace("ц", "тс")


def build(ru_dic: Path, uz_dic: Path | None, report: bool) -> None:
    table = rules_only("uz-latn")
    forward, reverse = table, table.reverse
    check = WordCheck(read_hunspell_words(uz_dic), forward) if uz_dic else None

    entries: set[Entry] = set()
    forward_cited: dict[str, str] = {}
    for kind, cyrillic, latin, note in CITED:
        need_forward = forward(cyrillic) != latin
        need_reverse = reverse(latin) != cyrillic
        if need_forward and need_reverse:
            entries.add(Entry(cyrillic, kind, latin, note))
        elif need_forward:
            entries.add(Entry(cyrillic, kind + ">", latin, note))
        elif need_reverse:
            entries.add(Entry(cyrillic, kind + "<", latin, note))
        forward_cited[latin] = cyrillic

    # Reverse-only candidates: (family, latin) → {cyrillic: rank}; rank 0 is the rules' Latin.
    proposals: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for word, _kind in sorted(russian_candidates(ru_dic, SKIP_LETTERS, SKIP_ENDINGS).items()):
        forms = []
        if word.endswith("ь") and word[-2] in CONSONANTS:
            forms = [("word", word), ("stem", word[:-1])]
        else:
            forms = [("stem", word)]
        for family, cyrillic in forms:
            variants = [forward(cyrillic), forward(softened_plain(cyrillic))]
            variants.append(forward(ts_variant(cyrillic)))
            for rank, latin in enumerate(variants):
                if reverse(latin) == cyrillic:
                    continue
                # Short forms clash with Uzbek words too easily: a short stem is kept as a
                # whole word only, and the one-letter spelling of ё ю я (rank 1: мята → mata)
                # only for long words.
                if family == "stem" and len(latin) < MIN_STEM:
                    if cyrillic != word:
                        continue
                    family = "word"
                if rank == 1 and len(latin) < MIN_PLAIN:
                    continue
                old = proposals[(family, latin)].get(cyrillic)
                proposals[(family, latin)][cyrillic] = rank if old is None else min(old, rank)

    ambiguous, clashing = [], []
    for (family, latin), options in sorted(proposals.items()):
        if latin in forward_cited and family in ("word", "stem"):
            continue
        best = min(options.values())
        chosen = sorted(c for c, rank in options.items() if rank == best)
        if len(chosen) > 1:
            ambiguous.append((latin, chosen))
            continue
        cyrillic = chosen[0]
        if check is not None:
            bad = check.clashes(latin, cyrillic, stem=family == "stem")
            if bad and family == "stem" and not check.clashes(latin, cyrillic, stem=False):
                # The stem begins Uzbek words (ольга: олган), the whole word does not.
                family = "word"
                if ("word", latin) in proposals:
                    bad = ["(a whole word of that spelling is proposed too)"]
                else:
                    bad = []
            if bad:
                clashing.append((family, latin, cyrillic, bad[:3]))
                continue
        entries.add(Entry(cyrillic, family + "<", latin))

    entries = drop_covered(entries, reverse)

    header = HEADER.format(count=len(entries), checked="" if check else " (NOT done in this build)")
    count = write_lexicon(OUT, header, entries)
    print(f"{OUT.relative_to(TABLES.parent)}: {count} entries, {OUT.stat().st_size} bytes")
    print(
        f"left out: {len(ambiguous)} ambiguous Latin forms, "
        f"{len(clashing)} clashing with Uzbek words"
    )
    if report:
        for latin, chosen in ambiguous[:40]:
            print("  ambiguous", latin, chosen)
        for item in clashing[:80]:
            print("  clash", *item)


HEADER = """\
uz-latn lexicon: Uzbek loanwords the rules of uz-latn cannot spell (Cyrillic <TAB> 1995 Latin).
Entries: {count}. Kinds: word/stem both ways; > forward only; < reverse only (Latin → Cyrillic).
A word ending in ь has a word entry and a stem without ь: Uzbek Cyrillic drops a stem-final ь
before a suffix (октябрь, октябрда). Only entries whose output the table's rules do not already
give are stored.

Sources:
- Cyrillic candidates: Russian hunspell dictionary ru_RU of LibreOffice by Alexander I. Lebedev
  (Debian package hunspell-ru 1:7.5.0-1), BSD-style licence: "Copyright (c) 1997-2008
  Alexander I. Lebedev. All rights reserved." Redistribution and use in source and binary
  forms, with or without modification, are permitted provided that the copyright notice, the
  list of conditions and the disclaimer are retained; modified versions must be clearly marked
  as such; the author's name may not be used to endorse derived products. This list is a
  MODIFIED, derived version: selected nouns, respelled in the Uzbek Latin alphabet. Full text
  in THIRD_PARTY_NOTICES.md.
- Parts of speech: pymorphy3 2.0.6 with pymorphy3-dicts-ru 2.4.417150.4580142 (OpenCorpora);
  used to select nouns, none of its data is stored here.
- Entries with a note: the 1995 rules (Oʻzbek tilining asosiy imlo qoidalari, Cabinet of
  Ministers resolution No. 339, with its appendix) and textbooks on them, as the note says.
- Checked against{checked} (not shipped): hunspell-uz 0.6-6 (Uzbek Cyrillic word list, M. Kuvatov,
  GPL-2+): a candidate that would change an Uzbek word of that list was left out.
Licence of this file: the BSD-style licence of its source above; the build code is MIT.
Rebuild: apt-get install hunspell-ru hunspell-uz; pip install pymorphy3 pymorphy3-dicts-ru;
  python tables/build/uz_lexicon.py
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ru-dic", type=Path, default=Path("/usr/share/hunspell/ru_RU.dic"))
    parser.add_argument("--uz-dic", type=Path, default=Path("/usr/share/hunspell/uz_UZ.dic"))
    parser.add_argument("--no-check", action="store_true", help="do not check against hunspell-uz")
    parser.add_argument("--report", action="store_true", help="list what was left out")
    args = parser.parse_args()
    build(args.ru_dic, None if args.no_check else args.uz_dic, args.report)


if __name__ == "__main__":
    main()

"""Build tables/data/detect-profiles.json: the letter statistics translit.detect compares text with.

What it produces
    For each label (language, script, alphabet variant) how often every feature of
    translit.text.features of its script occurs in text of that label (Cyrillic letters and
    letter pairs; Latin distinctive letters, digraphs, letter + apostrophe, and the other
    basic Latin letters as one bucket); translit.text.detect turns the counts into smoothed
    probabilities. Only these per-feature counts are stored: no word or sentence of the
    sources is.

Sources of the counts (only sources whose licences allow shipping data derived from them)
    * Russian: no word list (the ru_RU lemma list, BSD-style, was tried: it skews letter
      pairs and made --check worse on running text and on the Russian romanizations).
    * Kazakh: the hunspell word list kk_KZ (Debian hunspell-kk, GPL-2+ OR LGPL-2.1+ OR
      MPL-1.1+, taken under the MPL), the same way.
    * Every language and the background labels (other Cyrillic: Ukrainian, Belarusian,
      Bulgarian, Serbian, Mongolian, Tatar, Bashkir; other Latin: Turkish, Azerbaijani,
      German, French, British English): the names in the Unicode CLDR locale data of that
      language (countries, languages, scripts, currencies, units, months, days, time zones,
      relative dates), as shipped in the Babel package (Unicode License v3). Uzbek Cyrillic
      also gets the Uzbek Latin names read back by uz-latn's reverse; Turkmen Cyrillic is
      the Turkmen (Latin) names read back by tk-latn's reverse.
    * translit's own files (MIT): the source side of every [[samples]] of the tables of the
      language, the seed texts in seeds/ (Russian 000, 002, 003; Uzbek 001; Kazakh 004:
      counts only), and for English the documentation (docs/*.md, README.md).
    * Latin: that Cyrillic text written by every table of the language that writes Latin
      (kk-latn-2017 … kk-latn-mediawiki, uz-latn, uz-latn-2026, the Russian, Kyrgyz, Tajik
      and Turkmen schemes; the variant is the scheme), plus the CLDR Uzbek Latin names for
      uz-latn and the CLDR Turkmen names for tk-latn.

Used only to check, never counted (GPL or LGPL only)
    The translated messages of the gettext catalogs under /usr/share/locale (iso-codes,
    GTK, GLib, grep, tar, Linux-PAM, shared-mime-info, xkeyboard-config …, GPL or LGPL)
    and the Uzbek hunspell list uz_UZ (hunspell-uz, GPL-2+): ``--check`` cuts them into
    pieces and prints how many pieces the profiles in tables/data label right.

What to install
    apt-get install hunspell-kk; Babel (pip install babel) for the CLDR data.
    For --check also: hunspell-uz iso-codes libgtk-3-common libgtk2.0-common
    libglib2.0-data

How to run (from the repository root; deterministic)
    python tables/build/detect_profiles.py [--report]   # build, write the JSON
    python tables/build/detect_profiles.py --check      # accuracy of the written JSON
"""

from __future__ import annotations

import argparse
import gettext
import json
import re
import sys
import tomllib
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import translit  # noqa: E402
from translit.text.features import features  # noqa: E402

OUTPUT = REPO / "tables" / "data" / "detect-profiles.json"
HUNSPELL = Path("/usr/share/hunspell")
LOCALE = Path("/usr/share/locale")

#: Background labels: (variant, CLDR locale, gettext catalog used to check).
BACKGROUND_CYRILLIC = (
    ("uk", "uk", "uk"),
    ("be", "be", "be"),
    ("bg", "bg", "bg"),
    ("sr", "sr_Cyrl", "sr"),
    ("mn", "mn", "mn"),
    ("tt", "tt", "tt"),
    ("ba", "ba", "ba"),
)
BACKGROUND_LATIN = (
    ("tr", "tr", "tr"),
    ("az", "az", "az"),
    ("de", "de", "de"),
    ("fr", "fr", "fr"),
    ("en_GB", "en_GB", "en_GB"),
)

#: The seed texts of each language (translit's test texts; the issue allows them here).
SEEDS = {"ru": ("000", "002", "003"), "uz": ("001",), "kk": ("004",)}


def hunspell_words(name: str) -> str:
    lines = (HUNSPELL / f"{name}.dic").read_text(encoding="utf-8").lstrip("\ufeff").splitlines()
    return "\n".join(line.split("/", 1)[0].strip() for line in lines[1:] if line.strip())


#: The parts of CLDR locale data that hold words (not format patterns or codes).
_CLDR_KEYS = (
    "territories",
    "languages",
    "scripts",
    "variants",
    "currency_names",
    "currency_names_plural",
    "unit_display_names",
    "unit_patterns",
    "months",
    "days",
    "quarters",
    "eras",
    "day_periods",
    "date_fields",
    "time_zones",
    "meta_zones",
    "list_patterns",
)


def cldr_text(locale: str) -> str:
    """The names of a CLDR locale's own data (not inherited), placeholders removed, sorted."""
    from babel import localedata

    data = localedata.load(locale, merge_inherited=False)
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.add(re.sub(r"\{[^}]*\}", " ", value))
        elif isinstance(value, dict) or hasattr(value, "items"):
            for item in value.values():  # type: ignore[union-attr]
                walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)

    for key in _CLDR_KEYS:
        if key in data:
            walk(data[key])
    return "\n".join(sorted(found))


def samples_text(language: str, side: str = "source") -> str:
    """One side of every [[samples]] of the tables of ``language`` (translit's own, MIT)."""
    parts: list[str] = []
    for path in sorted((REPO / "tables").glob(f"{language}-*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        parts += [str(sample[side]) for sample in data.get("samples", []) if side in sample]
    return "\n".join(parts)


def seeds_text(language: str) -> str:
    return "\n".join(
        path.read_text(encoding="utf-8")
        for number in SEEDS.get(language, ())
        for path in sorted((REPO / "seeds").glob(f"{number}_*.txt"))
    )


_MARKUP = re.compile(r"%[-+ #0-9.]*[a-zA-Z]|\{[^}]*\}|<[^>]*>|&\w+;|_(?=\w)|\$\w+|https?://\S+")


def catalog_text(language: str) -> str:
    """The translated messages of every gettext catalog of ``language``, markup removed.

    GPL or LGPL text: for --check only, never counted."""
    parts: list[str] = []
    folder = LOCALE / language / "LC_MESSAGES"
    for path in sorted(folder.glob("*.mo")) if folder.is_dir() else []:
        with path.open("rb") as handle:
            try:
                catalog = gettext.GNUTranslations(handle)
            except (OSError, UnicodeDecodeError, IndexError, ValueError):
                continue
        messages = catalog._catalog.values()  # type: ignore[attr-defined]
        parts += sorted({_MARKUP.sub(" ", str(message)) for message in messages if message})
    return "\n".join(parts)


def docs_text() -> str:
    paths = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
    text = "\n".join(path.read_text(encoding="utf-8") for path in paths)
    return re.sub(r"```.*?```|`[^`]*`", " ", text, flags=re.S)


def variant_of(scheme: str, language: str) -> str:
    """The variant name of a Latin scheme: kk-latn-2018 → 2018, uz-latn → 1995, ru-icao → icao."""
    if scheme == "uz-latn":
        return "1995"
    return scheme.removeprefix(f"{language}-latn-").removeprefix(f"{language}-")


def cyrillic_texts() -> dict[str, str]:
    """Each language's Cyrillic text, from the sources allowed in the counts only."""
    uz_latin = cldr_text("uz")
    tk_latin = cldr_text("tk")
    own = {
        "ru": cldr_text("ru"),
        "kk": hunspell_words("kk_KZ") + "\n" + cldr_text("kk"),
        "uz": cldr_text("uz_Cyrl") + "\n" + translit.get("uz-latn").reverse(uz_latin),
        "ky": cldr_text("ky"),
        "tg": cldr_text("tg"),
        "tk": translit.get("tk-latn").reverse(tk_latin),
    }
    return {
        language: "\n".join((text, samples_text(language), seeds_text(language)))
        for language, text in own.items()
    }


def corpora() -> list[tuple[dict[str, str | None], str]]:
    """(label, text) for every label: each language's Cyrillic, then its Latin by every scheme."""
    cyrillic = cyrillic_texts()
    labels: list[tuple[dict[str, str | None], str]] = [
        ({"language": language, "script": "Cyrl", "variant": None, "scheme": language}, text)
        for language, text in cyrillic.items()
    ]
    # The background, one label per language (a mixture would fit anything): all are
    # reported as und. The variant names the language, for the record.
    for variant, locale, _ in BACKGROUND_CYRILLIC:
        label = {"language": "und", "script": "Cyrl", "variant": variant, "scheme": None}
        labels.append((label, cldr_text(locale)))
    # A language's default scheme first, so that it wins a tie (ru-iso-9 and ru-gost-16876
    # write most text alike).
    defaults = {translit.get(language).id for language in cyrillic}
    for info in sorted(translit.schemes(), key=lambda info: (info.id not in defaults, info.id)):
        language = info.language
        if language not in cyrillic or (info.source_script, info.target_script) != (
            "Cyrl",
            "Latn",
        ):
            continue
        text = translit.transliterate(cyrillic[language], info.id)
        if info.id == "uz-latn":
            text += "\n" + cldr_text("uz")  # real Uzbek Latin
        if info.id == "tk-latn":
            text += "\n" + cldr_text("tk")  # real Turkmen Latin
        label = {
            "language": language,
            "script": "Latn",
            "variant": variant_of(info.id, language),
            "scheme": info.id if info.has_reverse else None,
        }
        labels.append((label, text))
    for variant, locale, _ in BACKGROUND_LATIN:
        text = cldr_text(locale)
        if variant == "en_GB":
            text += "\n" + docs_text()
        label = {"language": "und", "script": "Latn", "variant": variant, "scheme": None}
        labels.append((label, text))
    return labels


# ---------------------------------------------------------------- checking (GPL text)


def pieces(text: str, letters: int, most: int = 150) -> list[str]:
    """Consecutive lines joined until each piece has ``letters`` letters; at most ``most``
    pieces, evenly spread over the text."""
    found: list[str] = []
    current: list[str] = []
    count = 0
    for line in text.splitlines():
        if not line.strip():
            continue
        current.append(line)
        count += sum(char.isalpha() for char in line)
        if count >= letters:
            found.append(" ".join(current))
            current, count = [], 0
    if len(found) > most:
        step = len(found) / most
        found = [found[int(index * step)] for index in range(most)]
    return found


def check_texts() -> dict[str, str]:
    """Each language's Cyrillic text from the GPL / LGPL sources (to check with only)."""
    return {
        "ru": catalog_text("ru"),
        "kk": catalog_text("kk"),
        "uz": catalog_text("uz@cyrillic") + "\n" + hunspell_words("uz_UZ"),
        "ky": catalog_text("ky"),
        "tg": catalog_text("tg"),
        "tk": translit.get("tk-latn").reverse(catalog_text("tk")),
    }


def report_accuracy(lengths: tuple[int, ...] = (30, 200)) -> dict[str, float]:
    """Print how many pieces of the GPL / LGPL texts the written profiles label right."""
    from translit.text.detect import detect

    results: dict[str, float] = {}

    def score(name: str, texts: list[str], expect: tuple[str, ...], length: int) -> None:
        if not texts:
            return
        right = 0
        for text in texts:
            found = detect(text)
            got = (found.language, found.script, found.variant)[: len(expect)]
            right += got == expect
        results[f"{name} @{length}"] = right / len(texts)
        print(f"{name:28} @{length:<4} {right:4}/{len(texts):<4} {right / len(texts):7.1%}")

    cyrillic = check_texts()
    for length in lengths:
        split = {language: pieces(text, length) for language, text in cyrillic.items()}
        for language, texts in split.items():
            score(f"{language} Cyrl", texts, (language, "Cyrl"), length)
        for variant, _, catalog in BACKGROUND_CYRILLIC:
            score(f"und Cyrl ({variant})", pieces(catalog_text(catalog), length), ("und",), length)
        for info in sorted(translit.schemes(), key=lambda info: info.id):
            if info.language not in split or (info.source_script, info.target_script) != (
                "Cyrl",
                "Latn",
            ):
                continue
            expect: tuple[str, ...] = (info.language, "Latn")
            if info.language in ("kk", "uz") and not any(
                part in info.id for part in ("iso", "ala", "bgn")
            ):
                expect += (variant_of(info.id, info.language),)
            texts = [translit.transliterate(text, info.id) for text in split[info.language]]
            score(info.id, texts, expect, length)
        score("uz Latn (catalogs)", pieces(catalog_text("uz"), length), ("uz", "Latn"), length)
        score("tk Latn (catalogs)", pieces(catalog_text("tk"), length), ("tk", "Latn"), length)
        for variant, _, catalog in BACKGROUND_LATIN:
            score(f"und Latn ({variant})", pieces(catalog_text(catalog), length), ("und",), length)
    for length in lengths:
        values = [value for key, value in results.items() if key.endswith(f"@{length}")]
        print(f"{'mean':28} @{length:<4} {sum(values) / len(values):17.1%}")
    return results


def script_of_feature(key: str) -> str:
    return "Cyrl" if key == "<c>" or "\u0400" <= key[0] <= "\u052f" else "Latn"


def build(report: bool) -> dict[str, object]:
    counted = [(label, features(text)) for label, text in corpora()]
    scripts: dict[str, object] = {}
    for script in ("Cyrl", "Latn"):
        # Each script's labels, on that script's features only.
        members = [(label, counts) for label, counts in counted if label["script"] == script]
        vocabulary = sorted(
            {key for _, counts in members for key in counts if script_of_feature(key) == script}
        )
        # Raw counts: translit.text.detect smooths them when it loads them.
        weights = [[counts.get(key, 0) for key in vocabulary] for _, counts in members]
        for label, counts in members:
            if report:
                top = Counter({k: v for k, v in counts.items() if len(k) == 1})
                print(label, sum(counts.values()), top.most_common(8), file=sys.stderr)
        scripts[script] = {
            "labels": [label for label, _ in members],
            "features": vocabulary,
            "counts": weights,
        }
    return {
        "format": 2,
        "about": "Letter statistics for translit.detect, built by tables/build/detect_profiles.py",
        "scripts": scripts,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--report", action="store_true", help="print each label's top features")
    parser.add_argument(
        "--check",
        action="store_true",
        help="only print the accuracy of the written profiles on the GPL / LGPL texts",
    )
    args = parser.parse_args()
    if args.check:
        report_accuracy()
        return
    data = build(args.report)
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    print(f"{OUTPUT.relative_to(REPO)} written", file=sys.stderr)


if __name__ == "__main__":
    main()

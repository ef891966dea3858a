"""Build tables/data/detect-profiles.json: the letter statistics translit.detect compares text with.

What it produces
    For each label (language, script, alphabet variant) how often every feature of
    translit.text.features of its script occurs in text of that label (Cyrillic letters and
    letter pairs; Latin distinctive letters, digraphs, letter + apostrophe, and the other
    basic Latin letters as one bucket); translit.text.detect turns the counts into smoothed
    probabilities. Only these per-feature counts are stored: no word or sentence of the
    sources is.

Sources (Debian packages; install them first)
    * Russian, Kazakh, Uzbek (Cyrillic): the hunspell word lists ru_RU (hunspell-ru, by
      A. I. Lebedev, BSD-style), kk_KZ (hunspell-kk, GPL-2+ / LGPL-2.1+ / MPL-1.1+) and uz_UZ
      (hunspell-uz, by Mashrab Kuvatov, GPL-2+), every entry once with its flags dropped,
      plus the translated messages of the ru, kk and uz@cyrillic gettext catalogs.
    * Kyrgyz, Tajik, Turkmen, and the background labels (other Cyrillic: Ukrainian,
      Belarusian, Bulgarian, Serbian, Mongolian, Tatar, Bashkir; other Latin: Turkish,
      Azerbaijani, German, French, British English): the translated messages (msgstr) of the
      gettext catalogs under /usr/share/locale/<lang>/LC_MESSAGES, as installed with
      iso-codes, libgtk-3-common, libgtk2.0-common, libglib2.0-data, grep, tar,
      libpam-runtime, shared-mime-info, xkb-data and similar packages (each under its
      package's licence, GPL or LGPL). English also from translit's own documentation
      (docs/*.md, README.md; MIT).
    * Latin: that Cyrillic text written by every table of the language that writes Latin
      (kk-latn-2017 … kk-latn-mediawiki, uz-latn, uz-latn-2026, the Russian, Kyrgyz and Tajik
      schemes; the variant is the scheme), the Uzbek Latin catalogs (uz) added to uz-latn,
      and the Turkmen Latin catalogs (tk) for tk-latn; Turkmen Cyrillic is those catalogs
      brought to Cyrillic by tk-latn's reverse.

What to install
    apt-get install hunspell-ru hunspell-kk hunspell-uz iso-codes libgtk-3-common \
        libgtk2.0-common libglib2.0-data

How to run (from the repository root; deterministic)
    python tables/build/detect_profiles.py [--report]
"""

from __future__ import annotations

import argparse
import gettext
import json
import re
import sys
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

BACKGROUND_CYRILLIC = ("uk", "be", "bg", "sr", "mn", "tt", "ba")
BACKGROUND_LATIN = ("tr", "az", "de", "fr", "en_GB")


def hunspell_words(name: str) -> str:
    lines = (HUNSPELL / f"{name}.dic").read_text(encoding="utf-8").lstrip("\ufeff").splitlines()
    return "\n".join(line.split("/", 1)[0].strip() for line in lines[1:] if line.strip())


_MARKUP = re.compile(r"%[-+ #0-9.]*[a-zA-Z]|\{[^}]*\}|<[^>]*>|&\w+;|_(?=\w)|\$\w+|https?://\S+")


def catalog_text(language: str) -> str:
    """The translated messages of every gettext catalog of ``language``, markup removed."""
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


def corpora() -> list[tuple[dict[str, str | None], str]]:
    """(label, text) for every label: each language's Cyrillic, then its Latin by every scheme."""
    tk_latin = catalog_text("tk")
    cyrillic = {
        # Russian: running text only (the catalogs are large); the lemma list skews letter pairs.
        "ru": catalog_text("ru"),
        "kk": hunspell_words("kk_KZ") + "\n" + catalog_text("kk"),
        "uz": hunspell_words("uz_UZ") + "\n" + catalog_text("uz@cyrillic"),
        "ky": catalog_text("ky"),
        "tg": catalog_text("tg"),
        "tk": translit.get("tk-latn").reverse(tk_latin),
    }
    labels: list[tuple[dict[str, str | None], str]] = [
        ({"language": language, "script": "Cyrl", "variant": None, "scheme": language}, text)
        for language, text in cyrillic.items()
    ]
    # The background, one label per language (a mixture would fit anything): all are
    # reported as und. The variant names the language, for the record.
    for language in BACKGROUND_CYRILLIC:
        label = {"language": "und", "script": "Cyrl", "variant": language, "scheme": None}
        labels.append((label, catalog_text(language)))
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
        if language == "tk" and info.id == "tk-latn":
            text = tk_latin  # real Turkmen Latin
        else:
            text = translit.transliterate(cyrillic[language], info.id)
        if info.id == "uz-latn":
            text += "\n" + catalog_text("uz")  # real Uzbek Latin
        label = {
            "language": language,
            "script": "Latn",
            "variant": variant_of(info.id, language),
            "scheme": info.id if info.has_reverse else None,
        }
        labels.append((label, text))
    for language in BACKGROUND_LATIN:
        text = catalog_text(language)
        if language == "en_GB":
            text += "\n" + docs_text()
        label = {"language": "und", "script": "Latn", "variant": language, "scheme": None}
        labels.append((label, text))
    return labels


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
    args = parser.parse_args()
    data = build(args.report)
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    print(f"{OUTPUT.relative_to(REPO)} written", file=sys.stderr)


if __name__ == "__main__":
    main()

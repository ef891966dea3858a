"""Throughput of translit, and of other transliteration libraries where installed.

Builds ~10 MB corpora from the seed texts in ``seeds/`` (kept in ``bench/corpus/``, which git
ignores), then times each transliterator on each corpus, best of N runs, and prints MiB of UTF-8
input per second:

- ``ru``, ``uz``, ``kk``: the seed texts repeated; real text, but every word comes back often.
- ``ru-diverse``: the Russian seeds with the inner letters of each word shuffled, differently on
  every repetition (fixed random seeds), so that words seldom repeat. translit remembers words it
  has transliterated, so each of its timed runs here gets a text shuffled anew: this column is the
  cost of words never seen before.
- ``uz-latin``: the ``uz`` corpus transliterated by translit, to time the reverse direction.

translit is timed three ways: on the whole text at once, on ~1 MiB blocks cut at newlines (what
the ``translit`` command does), and as the command itself reading the corpus file. Libraries
that are not installed are skipped with a note. Figures move by up to 2x with machine load:
compare the columns of one run, not runs on different days.

    python bench/run.py                  # everything, ~10 MB corpora
    python bench/run.py --size 2 -n 1    # a quick look
    python bench/run.py --no-peers --no-cli
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import importlib
import os
import random
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEEDS = ROOT / "seeds"
CORPUS_DIR = HERE / "corpus"
MiB = 1 << 20
BLOCK = MiB

try:
    import translit
except ImportError:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))
    import translit

SEED_FILES = {
    "ru": ["000_94049b5fe965bf34.txt", "002_74cec711e28a9ff5.txt", "003_cc9c7c56a9ae7b75.txt"],
    "uz": ["001_70cf57b229550beb.txt"],
    "kk": ["004_28f654f8294cebe6.txt"],
}
CORPORA = ["ru", "ru-diverse", "uz", "uz-latin", "kk"]
SCHEMES: dict[str, tuple[str, bool]] = {
    "ru": ("ru-iso-9", False),
    "ru-diverse": ("ru-iso-9", False),
    "uz": ("uz-latn", False),
    "uz-latin": ("uz-latn", True),
    "kk": ("kk-latn-2021", False),
}
WORD = re.compile(r"[^\W\d_]+")


# ---------------------------------------------------------------- corpora


def seed_text(language: str) -> str:
    texts = [(SEEDS / name).read_text(encoding="utf-8") for name in SEED_FILES[language]]
    return "\n".join(texts) + "\n"


def repeat_to_size(unit: Callable[[int], str], size: int) -> str:
    """Join ``unit(0)``, ``unit(1)``, ... until the UTF-8 size reaches ``size`` bytes."""
    parts: list[str] = []
    total = 0
    index = 0
    while total < size:
        part = unit(index)
        parts.append(part)
        total += len(part.encode("utf-8"))
        index += 1
    return "".join(parts)


def shuffled_words(text: str, rng: random.Random) -> str:
    """Shuffle the letters inside each word, keeping its first and last letters in place."""

    def shuffle(match: re.Match[str]) -> str:
        word = match.group()
        if len(word) < 4:
            return word
        inner = list(word[1:-1])
        rng.shuffle(inner)
        return word[0] + "".join(inner) + word[-1]

    return WORD.sub(shuffle, text)


def diverse_variant(size: int, variant: int) -> str:
    """The ``ru-diverse`` text; each ``variant`` number shuffles differently."""
    base = seed_text("ru")
    rng = random.Random(f"ru-diverse/{variant}")
    return repeat_to_size(lambda _: shuffled_words(base, rng), size)


def build_corpus(name: str, size: int) -> str:
    if name == "ru-diverse":
        return diverse_variant(size, 0)
    if name == "uz-latin":
        return translit.transliterate(corpus("uz", size), "uz-latn")
    base = seed_text(name)
    return repeat_to_size(lambda _: base, size)


def corpus_path(name: str, size: int) -> Path:
    """Where the corpus is kept; the name changes when the seeds or the builder change."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for path in sorted(SEEDS.glob("*.txt")):
        digest.update(path.read_bytes())
    if name == "uz-latin":
        digest.update(translit.__version__.encode())
    return CORPUS_DIR / f"{name}-{size // 1_000_000}MB-{digest.hexdigest()[:10]}.txt"


def corpus(name: str, size: int) -> str:
    path = corpus_path(name, size)
    if path.exists():
        return path.read_text(encoding="utf-8")
    text = build_corpus(name, size)
    CORPUS_DIR.mkdir(exist_ok=True)
    for old in CORPUS_DIR.glob(f"{name}-*.txt"):
        old.unlink()
    path.write_text(text, encoding="utf-8", newline="")
    return text


def blocks(text: str, size: int = BLOCK) -> list[str]:
    """Cut ``text`` into pieces of about ``size`` UTF-8 bytes, each ending after a newline."""
    pieces: list[str] = []
    start = 0
    step = max(1, size // 2)  # Cyrillic letters are 2 bytes in UTF-8
    while start < len(text):
        end = min(len(text), start + step)
        if end < len(text):
            cut = text.rfind("\n", start, end)
            if cut >= start:
                end = cut + 1
        pieces.append(text[start:end])
        start = end
    return pieces


# ---------------------------------------------------------------- transliterators


Converter = Callable[[str], object]
Builder = Callable[[Any], Converter]


@dataclass
class Candidate:
    label: str
    run: Converter | None  # None: not available here
    note: str = ""


def translit_candidates(name: str) -> Iterator[Candidate]:
    scheme, reverse = SCHEMES[name]
    transliterator = translit.get(scheme)
    convert = transliterator.reverse if reverse else transliterator
    direction = " -r" if reverse else ""

    def chunked(text: str) -> object:
        return [convert(piece) for piece in blocks(text)]

    yield Candidate(f"translit{direction}, whole text", convert)
    yield Candidate(f"translit{direction}, 1 MiB blocks", chunked)


def optional(module: str, build: Builder) -> Candidate:
    """A peer library: skipped with a note when it is not installed."""
    try:
        loaded = importlib.import_module(module)
    except ImportError:
        return Candidate("", None, f"{module} is not installed")
    try:
        return Candidate("", build(loaded))
    except Exception as exc:  # an API that moved between versions
        return Candidate("", None, f"{module}: {type(exc).__name__}: {exc}")


def icu_line_by_line(rule: str) -> Builder:
    """ICU on a whole 10 MB text is quadratic, so it gets the text one line at a time."""

    def build(icu: Any) -> Converter:
        transliterator = icu.Transliterator.createInstance(rule)

        def run(text: str) -> object:
            return [transliterator.transliterate(line) for line in text.splitlines(True)]

        return run

    return build


def iuliia_schema(name: str) -> Builder:
    return lambda module: getattr(module, name).translate


def call(function: str, *extra: object) -> Builder:
    """A builder for ``module.function(text, *extra)``."""

    def build(module: Any) -> Converter:
        method = getattr(module, function)
        return lambda text: method(text, *extra)

    return build


# Peers per corpus: (label, module, builder), each on its nearest scheme.
PEERS: dict[str, list[tuple[str, str, Builder]]] = {
    "ru": [
        ("iuliia gost_779 (= ISO 9)", "iuliia", iuliia_schema("GOST_779")),
        ("transliterate ru", "transliterate", call("translit", "ru", True)),
        ("cyrtranslit ru", "cyrtranslit", call("to_latin", "ru")),
        ("anyascii", "anyascii", call("anyascii")),
        ("unidecode", "unidecode", call("unidecode")),
        ("ICU Russian-Latin/BGN, by line", "icu", icu_line_by_line("Russian-Latin/BGN")),
    ],
    "uz": [
        ("iuliia uz", "iuliia", iuliia_schema("UZ")),
        ("anyascii", "anyascii", call("anyascii")),
        ("unidecode", "unidecode", call("unidecode")),
        ("ICU uz_Cyrl-uz_Latn, by line", "icu", icu_line_by_line("uz_Cyrl-uz_Latn")),
    ],
    "kk": [
        ("anyascii", "anyascii", call("anyascii")),
        ("unidecode", "unidecode", call("unidecode")),
        ("ICU Kazakh-Latin/BGN, by line", "icu", icu_line_by_line("Kazakh-Latin/BGN")),
    ],
}
PEERS["ru-diverse"] = PEERS["ru"]


def peer_candidates(name: str) -> Iterator[Candidate]:
    for label, module, build in PEERS.get(name, []):
        candidate = optional(module, build)
        candidate.label = label
        yield candidate


# ---------------------------------------------------------------- timing


def best_of(repeat: int, func: Callable[..., object], *args: object) -> float:
    """The shortest of ``repeat`` wall-clock times of ``func(*args)``, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func(*args)
        best = min(best, time.perf_counter() - start)
    return best


def time_cli(name: str, size: int, repeat: int) -> float:
    """Seconds for ``python -m translit SCHEME corpus-file > /dev/null``, start-up included."""
    scheme, reverse = SCHEMES[name]
    path = corpus_path(name, size)
    command = [sys.executable, "-m", "translit", *(["-r"] if reverse else []), scheme, str(path)]
    env = dict(os.environ)
    package_root = str(Path(translit.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
    run = functools.partial(subprocess.run, stdout=subprocess.DEVNULL, env=env, check=True)
    return best_of(repeat, run, command)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=float, default=10, help="corpus size in MB (default 10)")
    parser.add_argument("-n", "--repeat", type=int, default=3, help="runs per figure, best kept")
    parser.add_argument("--corpus", action="append", choices=CORPORA, help="only these corpora")
    parser.add_argument("--no-peers", action="store_true", help="time translit only")
    parser.add_argument("--no-cli", action="store_true", help="skip the command-line timing")
    parser.add_argument(
        "--write-docs",
        action="store_true",
        help=f"also write the table and notes into {DOCS_PAGE.relative_to(ROOT)}",
    )
    args = parser.parse_args(argv)

    size = int(args.size * 1_000_000)
    names = args.corpus or CORPORA
    rows: dict[str, dict[str, str]] = {}
    notes: list[str] = []
    compiled: set[tuple[str, bool]] = set()

    def record(label: str, name: str, seconds: float, mib: float) -> None:
        rows.setdefault(label, {})[name] = f"{mib / seconds:.1f}"

    for name in names:
        text = corpus(name, size)
        mib = len(text.encode("utf-8")) / MiB
        scheme, reverse = SCHEMES[name]
        direction = " -r" if reverse else ""
        start = time.perf_counter()
        warm = translit.get(scheme)
        (warm.reverse if reverse else warm)(text[:1000])  # compile the table outside the timing
        note = f"{name}: {mib:.1f} MiB, {scheme}{direction}"
        if (scheme, reverse) not in compiled:
            compiled.add((scheme, reverse))
            note += f", first use (load and compile) {(time.perf_counter() - start) * 1000:.0f} ms"
        notes.append(note)
        print(f"timing {name} ({mib:.1f} MiB) ...", file=sys.stderr, flush=True)

        candidates = list(translit_candidates(name))
        if not args.no_cli:
            seconds = time_cli(name, size, args.repeat)
            record(f"translit{direction} command (start-up included)", name, seconds, mib)
        if not args.no_peers:
            candidates += peer_candidates(name)
        fresh = 1
        for candidate in candidates:
            if candidate.run is None:
                if candidate.note not in notes:
                    notes.append(candidate.note)
                continue
            if name == "ru-diverse" and candidate.label.startswith("translit"):
                # translit remembers words it has seen: give every run words it has not seen.
                texts = [diverse_variant(size, fresh + k) for k in range(args.repeat)]
                fresh += args.repeat
                seconds = min(best_of(1, candidate.run, variant) for variant in texts)
            else:
                seconds = best_of(args.repeat, candidate.run, text)
            record(candidate.label, name, seconds, mib)

    table = format_table(rows, names)
    print(table)
    print()
    for note in notes:
        print(f"- {note}")
    if args.write_docs:
        write_docs(table, notes, argv if argv is not None else sys.argv[1:])
    return 0


DOCS_PAGE = ROOT / "docs" / "performance.md"
DOCS_START = "<!-- bench: start -->"
DOCS_END = "<!-- bench: end -->"


def write_docs(table: str, notes: list[str], argv: list[str]) -> None:
    """Put the figures between the markers of the performance page, with where they come from."""
    import platform

    page = DOCS_PAGE.read_text(encoding="utf-8")
    start, end = page.index(DOCS_START) + len(DOCS_START), page.index(DOCS_END)
    command = " ".join(["python bench/run.py", *argv])
    machine = f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs"
    when = time.strftime("%Y-%m-%d")
    body = [
        "",
        f"Measured {when} with `{command}` on {machine}, Python {platform.python_version()}, "
        f"translit {translit.__version__}.",
        "",
        table,
        "",
        *(f"- {note}" for note in notes),
        "",
    ]
    DOCS_PAGE.write_text(page[:start] + "\n".join(body) + page[end:], encoding="utf-8")
    print(f"wrote {DOCS_PAGE.relative_to(ROOT)}", file=sys.stderr)


def format_table(rows: dict[str, dict[str, str]], names: list[str]) -> str:
    """A Markdown table: one row per transliterator, one column per corpus, MiB/s."""
    header = ["MiB/s of UTF-8 input", *names]

    def group(label: str) -> int:  # translit in process, then the translit command, then peers
        if not label.startswith("translit"):
            return 2
        return 1 if "command" in label else 0

    labels = sorted(rows, key=group)
    table = [header]
    table += [[label, *(rows[label].get(n, "—") for n in names)] for label in labels]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]

    def line(row: list[str]) -> str:
        first = row[0].ljust(widths[0])
        rest = (cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True))
        return "| " + " | ".join([first, *rest]) + " |"

    rule = "|" + "|".join(["-" * (widths[0] + 2)] + ["-" * (w + 1) + ":" for w in widths[1:]]) + "|"
    return "\n".join([line(header), rule, *(line(row) for row in table[1:])])


if __name__ == "__main__":
    sys.exit(main())

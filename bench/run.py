"""Throughput of translit beside other transliterators, and the targets of issue 10.

Builds corpora from the seed texts in ``seeds/`` (kept in ``bench/corpus/``, which git
ignores): per language the seeds repeated to the size asked for, and a variant whose words
seldom repeat (the inner letters of each word shuffled anew on every repetition, fixed
random seeds), plus the Uzbek and Kazakh corpora in Latin script for the reverse direction.
Then it times translit and the peers that are installed, best of N, in MiB of UTF-8 input
per second, and checks each target: speed at 10 MB, the command on 100 MB beside
``uconv``, linear growth from 1 MB to 100 MB, peak memory, import, first call, many short
strings and one short call. Peers are optional; a missing one is skipped with a note.
With ``--profile`` it also says where the time goes in the directions that matter most
(cProfile on the 10 MB corpus, each function's own time gathered by what it does).

    python bench/run.py                  # everything; about 10 minutes
    python bench/run.py --quick          # 2 MB corpora, best of 2, no 100 MB runs
    python bench/run.py --write-docs     # also write the tables into docs/performance.md
    python bench/run.py --profile        # also: where the time goes, per direction

Figures move with the load on the machine: compare the columns of one run (the ratio to
ICU called line by line is printed with each translit figure), not runs on different days.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import hashlib
import importlib
import json
import os
import platform
import pstats
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEEDS = ROOT / "seeds"
CORPUS_DIR = HERE / "corpus"
MiB = 1 << 20
MB = 1_000_000

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
WORD = re.compile(r"[^\W\d_]+")

#: corpus → (how it is made, the translit schemes timed on it and whether in reverse).
CORPORA: dict[str, list[tuple[str, bool]]] = {
    "ru": [("ru-bgn-pcgn", False), ("ru-iso-9", False)],
    "ru-diverse": [("ru-bgn-pcgn", False), ("ru-iso-9", False)],
    "uz": [("uz-latn", False)],
    "uz-diverse": [("uz-latn", False)],
    "kk": [("kk-latn-2021", False)],
    "kk-diverse": [("kk-latn-2021", False)],
    "uz-latin": [("uz-latn", True)],
    "uz-latin-diverse": [("uz-latn", True)],
    "kk-latin": [("kk-latn-2021", True)],
    "kk-latin-diverse": [("kk-latn-2021", True)],
}
#: Latin corpora: the Cyrillic corpus each is made from, by the scheme named.
LATIN = {
    "uz-latin": ("uz", "uz-latn"),
    "uz-latin-diverse": ("uz-diverse", "uz-latn"),
    "kk-latin": ("kk", "kk-latn-2021"),
    "kk-latin-diverse": ("kk-diverse", "kk-latn-2021"),
}


# ---------------------------------------------------------------- corpora


def seed_text(language: str) -> str:
    texts = [(SEEDS / name).read_text(encoding="utf-8") for name in SEED_FILES[language]]
    return "\n".join(texts) + "\n"


def repeat_to_size(unit: Callable[[], str], size: int) -> str:
    parts: list[str] = []
    total = 0
    while total < size:
        part = unit()
        parts.append(part)
        total += len(part.encode("utf-8"))
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


def diverse(language: str, size: int, variant: int) -> str:
    """Words that seldom repeat; each ``variant`` number shuffles differently."""
    base = seed_text(language)
    rng = random.Random(f"{language}-diverse/{variant}")
    return repeat_to_size(lambda: shuffled_words(base, rng), size)


def diverse_variant(name: str, size: int, variant: int) -> str:
    """A ``-diverse`` corpus shuffled anew for each ``variant`` number; a Latin one is
    made from its Cyrillic variant."""
    if name in LATIN:
        source, scheme = LATIN[name]
        return translit.transliterate(diverse_variant(source, size, variant), scheme)
    return diverse(name.removesuffix("-diverse"), size, variant)


def build_corpus(name: str, size: int) -> str:
    if name in LATIN:
        source, scheme = LATIN[name]
        return translit.transliterate(corpus(source, size), scheme)
    if name.endswith("-diverse"):
        return diverse(name.removesuffix("-diverse"), size, 0)
    base = seed_text(name)
    return repeat_to_size(lambda: base, size)


def corpus_path(name: str, size: int) -> Path:
    """Where a corpus is kept; the name changes when the seeds or this file change."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for path in sorted(SEEDS.glob("*.txt")):
        digest.update(path.read_bytes())
    if name in LATIN:
        digest.update(translit.__version__.encode())
    label = f"{size // MB}MB" if size >= MB else f"{size // 1000}kB"
    return CORPUS_DIR / f"{name}-{label}-{digest.hexdigest()[:10]}.txt"


def corpus(name: str, size: int) -> str:
    path = corpus_path(name, size)
    if path.exists():
        return path.read_text(encoding="utf-8")
    text = build_corpus(name, size)
    CORPUS_DIR.mkdir(exist_ok=True)
    for old in CORPUS_DIR.glob(f"{name}-{path.name.split('-')[-2]}-*.txt"):
        old.unlink()
    path.write_text(text, encoding="utf-8", newline="")
    return text


def mib(text: str) -> float:
    return len(text.encode("utf-8")) / MiB


# ---------------------------------------------------------------- peers


Converter = Callable[[str], object]


def icu_by_line(rule: str) -> Callable[[Any], Converter]:
    """ICU on a whole 10 MB string is quadratic, so it gets the text one line at a time."""

    def build(icu: Any) -> Converter:
        transliterator = icu.Transliterator.createInstance(rule)

        def run(text: str) -> object:
            return [transliterator.transliterate(line) for line in text.splitlines(True)]

        return run

    return build


def call(function: str, *extra: object) -> Callable[[Any], Converter]:
    def build(module: Any) -> Converter:
        method = getattr(module, function)
        return lambda text: method(text, *extra)

    return build


def iuliia_schema(name: str) -> Callable[[Any], Converter]:
    return lambda module: getattr(module, name).translate


RU_PEERS = [
    ("iuliia gost_779 (ISO 9)", "iuliia", iuliia_schema("GOST_779")),
    ("iuliia bgn_pcgn", "iuliia", iuliia_schema("BGN_PCGN")),
    ("transliterate ru", "transliterate", call("translit", "ru", True)),
    ("cyrtranslit ru", "cyrtranslit", call("to_latin", "ru")),
    ("anyascii", "anyascii", call("anyascii")),
    ("unidecode", "unidecode", call("unidecode")),
    ("ICU Russian-Latin/BGN, by line", "icu", icu_by_line("Russian-Latin/BGN")),
]
UZ_PEERS = [
    ("iuliia uz", "iuliia", iuliia_schema("UZ")),
    ("anyascii", "anyascii", call("anyascii")),
    ("unidecode", "unidecode", call("unidecode")),
    ("ICU uz_Cyrl-uz_Latn, by line", "icu", icu_by_line("uz_Cyrl-uz_Latn")),
]
KK_PEERS = [
    ("anyascii", "anyascii", call("anyascii")),
    ("unidecode", "unidecode", call("unidecode")),
    ("ICU Kazakh-Latin/BGN, by line", "icu", icu_by_line("Kazakh-Latin/BGN")),
]
PEERS: dict[str, list[tuple[str, str, Callable[[Any], Converter]]]] = {
    "ru": RU_PEERS,
    "ru-diverse": RU_PEERS,
    "uz": UZ_PEERS,
    "uz-diverse": UZ_PEERS,
    "kk": KK_PEERS,
    "kk-diverse": KK_PEERS,
    "uz-latin": [("ICU uz_Latn-uz_Cyrl, by line", "icu", icu_by_line("uz_Latn-uz_Cyrl"))],
    "uz-latin-diverse": [("ICU uz_Latn-uz_Cyrl, by line", "icu", icu_by_line("uz_Latn-uz_Cyrl"))],
}
#: The peer each translit figure is compared with (ICU by line, where ICU has the language).
ICU_LABEL = {name: label for name, peers in PEERS.items() for label, *_ in peers if "ICU" in label}


def peer(module: str, build: Callable[[Any], Converter]) -> tuple[Converter | None, str]:
    try:
        loaded = importlib.import_module(module)
    except ImportError:
        return None, f"{module} is not installed"
    try:
        return build(loaded), ""
    except Exception as exc:  # an API that moved between versions
        return None, f"{module}: {type(exc).__name__}: {exc}"


# ---------------------------------------------------------------- timing


#: Runs of translit's own conversion per figure, at least.
OWN_REPEAT = 7


def best_of(repeat: int, func: Callable[..., object], *args: object) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        func(*args)
        best = min(best, time.perf_counter() - start)
    return best


def child_env() -> dict[str, str]:
    """The environment of a child interpreter: translit importable, and compiled modules
    kept (in a directory of their own) as an installed package has them."""
    env = dict(os.environ)
    package_root = str(Path(translit.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "translit-bench-pycache")
    return env


def child(code: str, *args: str) -> dict[str, Any]:
    """Run ``code`` in a fresh interpreter with translit importable; it prints one JSON line."""
    env = child_env()
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=True
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def command_run(command: list[str], path: Path, repeat: int) -> tuple[float, float]:
    """Best wall time of ``command < path > /dev/null`` and its peak memory in MB (max RSS)."""
    best, peak = float("inf"), 0.0
    timer = shutil.which("time") or "/usr/bin/time"
    env = child_env()
    for _ in range(repeat):
        with open(path, "rb") as source, tempfile.TemporaryFile("w+") as stats:
            start = time.perf_counter()
            subprocess.run(
                [timer, "-f", "%M", "-o", f"/dev/fd/{stats.fileno()}", *command],
                stdin=source,
                stdout=subprocess.DEVNULL,
                check=True,
                pass_fds=(stats.fileno(),),
                env=env,
            )
            best = min(best, time.perf_counter() - start)
            stats.seek(0)
            peak = max(peak, int(stats.read().split()[-1]) / 1000)
    return best, peak


TRANSLIT_COMMAND = [sys.executable, "-m", "translit"]


# ---------------------------------------------------------------- the runs


class Report:
    def __init__(self) -> None:
        self.speed: dict[str, dict[str, str]] = {}
        self.targets: list[tuple[str, str, str, str]] = []
        self.notes: list[str] = []
        self.profiles: dict[str, str] = {}

    def figure(self, row: str, column: str, value: str) -> None:
        self.speed.setdefault(row, {})[column] = value

    def target(self, what: str, goal: str, figure: str, met: bool | None) -> None:
        verdict = "—" if met is None else ("met" if met else "missed")
        self.targets.append((what, goal, figure, verdict))
        print(f"{what}: {figure} (target {goal}) {verdict}", file=sys.stderr, flush=True)

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)


def throughput(report: Report, names: list[str], size: int, repeat: int, peers: bool) -> None:
    """Each corpus: translit's schemes on the whole text, and the peers; MiB/s."""
    speeds: dict[tuple[str, str, bool], float] = {}
    for name in names:
        text = corpus(name, size)
        size_mib = mib(text)
        print(f"timing {name} ({size_mib:.1f} MiB) ...", file=sys.stderr, flush=True)
        icu_speed = None
        if peers:
            for label, module, build in PEERS.get(name, []):
                run, note = peer(module, build)
                if run is None:
                    report.note(note)
                    continue
                speed = size_mib / best_of(repeat, run, text)
                report.figure(label, name, f"{speed:.1f}")
                if label == ICU_LABEL.get(name):
                    icu_speed = speed
        for scheme, reverse in CORPORA[name]:
            t = translit.get(scheme)
            convert = t.reverse if reverse else t
            convert(text[:200_000])  # load, compile and build the fast path outside the timing
            if name.endswith("-diverse"):
                # The reference remembers words: give every run words it has not seen.
                variants = [diverse_variant(name, size, 1 + k) for k in range(repeat)]
                seconds = min(best_of(1, convert, variant) for variant in variants)
            else:
                # translit's runs are short: more of them steady its figure on a busy machine
                seconds = best_of(max(repeat, OWN_REPEAT), convert, text)
            speed = size_mib / seconds
            speeds[(name, scheme, reverse)] = speed
            label = f"translit {scheme}{' -r' if reverse else ''}"
            ratio = f" ({speed / icu_speed:.1f}× ICU)" if icu_speed else ""
            report.figure(label, name, f"{speed:.1f}{ratio}")

    def check(what: str, key: tuple[str, str, bool], goal: float) -> None:
        if key in speeds:
            found = speeds[key]
            report.target(what, f"≥ {goal:g} MiB/s", f"{found:.1f} MiB/s", found >= goal)

    check("ru-bgn-pcgn, whole text", ("ru", "ru-bgn-pcgn", False), 100)
    check("uz-latn, whole text", ("uz", "uz-latn", False), 100)
    check("kk-latn-2021, whole text", ("kk", "kk-latn-2021", False), 100)
    check("ru-bgn-pcgn on ru-diverse", ("ru-diverse", "ru-bgn-pcgn", False), 50)
    check("ru-iso-9 (context-free)", ("ru", "ru-iso-9", False), 200)
    check("uz-latn reverse, with lexicon", ("uz-latin", "uz-latn", True), 50)
    check("kk-latn-2021 reverse, with lexicon", ("kk-latin", "kk-latn-2021", True), 50)


def command_vs_uconv(report: Report, repeat: int) -> None:
    """The translit command on 100 MB of Russian beside uconv and iconv as whole processes."""
    text = corpus("ru", 100 * MB)
    path = corpus_path("ru", 100 * MB)
    size_mib = mib(text)
    del text
    seconds, peak = command_run([*TRANSLIT_COMMAND, "ru-bgn-pcgn"], path, repeat)
    ours = size_mib / seconds
    report.figure("translit ru-bgn-pcgn command", "ru 100 MB", f"{ours:.1f} ({peak:.0f} MB)")
    uconv = shutil.which("uconv")
    if uconv:
        useconds, upeak = command_run([uconv, "-x", "Russian-Latin/BGN"], path, 1)
        theirs = size_mib / useconds
        report.figure("uconv -x Russian-Latin/BGN", "ru 100 MB", f"{theirs:.1f} ({upeak:.0f} MB)")
        report.target(
            "translit command on 100 MB vs uconv",
            "≥ 3× uconv",
            f"{ours / theirs:.1f}× ({ours:.1f} vs {theirs:.1f} MiB/s)",
            ours >= 3 * theirs,
        )
    else:
        report.note("uconv is not installed (Debian: apt-get install icu-devtools)")
    report.target("translit command peak memory, 100 MB", "< 50 MB", f"{peak:.0f} MB", peak < 50)
    iconv = shutil.which("iconv")
    if iconv:
        iseconds, ipeak = command_run([iconv, "-f", "utf-8", "-t", "ascii//TRANSLIT"], path, 1)
        figure = f"{size_mib / iseconds:.1f} ({ipeak:.0f} MB)"
        report.figure("iconv utf-8 → ascii//TRANSLIT", "ru 100 MB", figure)


def linearity(report: Report, repeat: int) -> None:
    """MiB/s at 1 MB and at 100 MB of the same corpus in one process (best of N each), and
    the peak memory of the 100 MB call."""
    corpus("ru", MB)
    corpus("ru", 100 * MB)  # built here, read in the child
    found = child(
        "import gc, json, resource, sys, time, translit\n"
        "small = open(sys.argv[1], encoding='utf-8').read()\n"
        "t = translit.get('ru-bgn-pcgn'); t(small)\n"
        "def best(text, n):\n"
        "    times = []\n"
        "    for _ in range(n):\n"
        "        gc.collect(); start = time.perf_counter(); t(text)\n"
        "        times.append(time.perf_counter() - start)\n"
        "    return len(text.encode()) / 2**20 / min(times)\n"
        "at_one = best(small, 2 * int(sys.argv[3]))\n"
        "text = open(sys.argv[2], encoding='utf-8').read()\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "at_hundred = best(text, int(sys.argv[3]))\n"
        "after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(json.dumps({'one': at_one, 'hundred': at_hundred,"
        " 'input': sys.getsizeof(text), 'grown': (after - before) * 1024}))",
        str(corpus_path("ru", MB)),
        str(corpus_path("ru", 100 * MB)),
        str(max(1, repeat - 1)),
    )
    at_one, at_hundred = found["one"], found["hundred"]
    report.figure("translit ru-bgn-pcgn, 1 MB", "linear", f"{at_one:.1f}")
    report.figure("translit ru-bgn-pcgn, 100 MB", "linear", f"{at_hundred:.1f}")
    report.target(
        "linear: MiB/s at 100 MB vs 1 MB",
        "within 20%",
        f"{at_hundred:.1f} vs {at_one:.1f} MiB/s ({at_hundred / at_one:.0%})",
        at_hundred >= 0.8 * at_one,
    )
    # The input string stays alive through the call; memory beyond it is the engine's.
    peak = (found["input"] + found["grown"]) / found["input"]
    report.target(
        "transliterate() peak memory on 100 MB",
        "< 3× the input",
        f"{peak:.1f}× the input string ({found['input'] / MB:.0f} MB)",
        peak < 3,
    )


STARTUP = """
import json, subprocess, sys, time
def best(code, n=7):
    times = []
    for _ in range(n):
        start = time.perf_counter()
        subprocess.run([sys.executable, '-c', code], check=True)
        times.append(time.perf_counter() - start)
    return min(times)
bare = best('pass')
imported = best('import translit')
print(json.dumps({'bare': bare, 'import': imported}))
"""

FIRST_CALL = """
import json, sys, time
import translit
scheme, reverse, text = sys.argv[1], sys.argv[2] == '1', sys.argv[3]
start = time.perf_counter()
t = translit.get(scheme)
(t.reverse if reverse else t)(text)
first = time.perf_counter() - start
start = time.perf_counter()
(t.reverse if reverse else t)(text * 40)
long = time.perf_counter() - start
print(json.dumps({'first': first, 'long': long}))
"""


def measure_startup() -> dict[str, float]:
    """Seconds to import translit and a bare interpreter, and each scheme's first call, in
    new processes. Run before the large corpora, which push compiled modules and tables out
    of the page cache and make a new process slower for a reason that is not translit's."""
    # Once each: compile the modules, keep the tables and lexicons in the cache (a first
    # use after an install or a change of translit, not the first call of a new process).
    for scheme, reverse, text in FIRST_CALLS:
        child(FIRST_CALL, scheme, "1" if reverse else "0", text)
    found: dict[str, float] = child(STARTUP)
    for scheme, reverse, text in FIRST_CALLS:
        found[f"{scheme}{' -r' if reverse else ''}"] = min(
            child(FIRST_CALL, scheme, "1" if reverse else "0", text)["first"] for _ in range(5)
        )
    return found


FIRST_CALLS = [
    ("ru-bgn-pcgn", False, "Щука ЩУКА Ель"),
    ("ru-iso-9", False, "Щука"),
    ("uz-latn", False, "Ўзбекистон шаҳар"),
    ("uz-latn", True, "Oʻzbekiston shahar"),
    ("kk-latn-2021", False, "Қазақстан"),
    ("kk-latn-2021", True, "Qazaqstan"),
]


def startup(report: Report, found: dict[str, float]) -> None:
    over = (found["import"] - found["bare"]) * 1000
    report.target(
        "import translit over a bare interpreter", "≤ 30 ms", f"{over:.0f} ms", over <= 30
    )
    worst = 0.0
    for scheme, reverse, _ in FIRST_CALLS:
        label = f"{scheme}{' -r' if reverse else ''}"
        first = found[label]
        worst = max(worst, first)
        report.figure(f"first call, {label}", "ms", f"{first * 1000:.0f}")
    report.target(
        "first call of a scheme (load, compile, lexicon)",
        "≤ 20 ms",
        f"{worst * 1000:.0f} ms at worst",
        worst <= 0.020,
    )


def short_strings(report: Report, repeat: int) -> None:
    rng = random.Random("names")
    letters = "абвгдежзийклмнопрстуфхцчшщыэюя"
    names = ["".join(rng.choice(letters) for _ in range(10)).title() for _ in range(200_000)]
    t = translit.get("ru-bgn-pcgn")
    t.many(names[:1000])
    per_second = len(names) / best_of(repeat, t.many, names)
    report.target(
        "t.many() on 10-character strings",
        "≥ 1,000,000 strings/s",
        f"{per_second:,.0f} strings/s",
        per_second >= 1_000_000,
    )
    word = names[0]
    t(word)
    calls = 200_000
    seconds = best_of(repeat, lambda: [t(word) for _ in range(calls)])
    fresh = names[:calls]
    t2 = translit.load(translit.registry.table_path("ru-bgn-pcgn"))  # nothing remembered
    t2("x")
    seconds_fresh = best_of(1, lambda: [t2(name) for name in fresh])
    report.target(
        "t(word), a 10-character word",
        "≤ 5 µs",
        f"{seconds / calls * 1e6:.1f} µs (a new word each call: "
        f"{seconds_fresh / calls * 1e6:.1f} µs)",
        seconds / calls <= 5e-6,
    )


# ---------------------------------------------------------------- profile

#: The directions profiled: (corpus, scheme, reverse).
PROFILED = [
    ("ru", "ru-bgn-pcgn", False),
    ("ru-diverse", "ru-bgn-pcgn", False),
    ("uz", "uz-latn", False),
    ("uz-latin", "uz-latn", True),
    ("kk-latin", "kk-latn-2021", True),
    ("kk-latin-diverse", "kk-latn-2021", True),
]

#: What a function's own time is spent on, by the function: the first stage that claims it.
STAGES: list[tuple[str, Callable[[str, str], bool]]] = [
    ("code page: encode and decode", lambda file, name: "charmap_" in name),
    ("fast path: regular expressions over bytes", lambda file, name: "of 're.Pattern'" in name),
    ("fast path: bytes methods (letter map, finds)", lambda file, name: "of 'bytes'" in name),
    # cProfile counts the searches a function iterates (finditer) and the sets it builds
    # as the function's own time.
    (
        "fast path: its Python code, with the searches it iterates and the sets it builds",
        lambda file, name: file.endswith("fastpath.py"),
    ),
    (
        "reference engine: words it converts",
        lambda file, name: "_regex" in name or file.endswith(("compiler.py", "lexicon.py")),
    ),
    ("joining and other", lambda file, name: True),
]


def profile(report: Report, size: int) -> None:
    """cProfile each direction of :data:`PROFILED` once on its corpus, by stage."""
    for name, scheme, reverse in PROFILED:
        t = translit.get(scheme)
        convert = t.reverse if reverse else t
        text = (
            corpus(name, size) if not name.endswith("-diverse") else diverse_variant(name, size, 9)
        )
        convert(text[:200_000])
        profiler = cProfile.Profile()
        profiler.runcall(convert, text)
        stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
        spent = dict.fromkeys((label for label, _ in STAGES), 0.0)
        for (file, _, function), (_, _, own, _, _) in stats.items():
            label = next(label for label, claims in STAGES if claims(file, function))
            spent[label] += own
        total = sum(spent.values())
        label = f"{scheme}{' -r' if reverse else ''} on {name}"
        rows = [["stage", "ms", "share"]]
        rows += [[stage, f"{ms * 1000:.0f}", f"{ms / total:.0%}"] for stage, ms in spent.items()]
        rows.append(["total (under the profiler)", f"{total * 1000:.0f}", "100%"])
        report.profiles[label] = markdown(rows)
        print(f"profiled {label}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- output


def format_table(rows: dict[str, dict[str, str]], header: list[str]) -> str:
    columns = sorted({c for row in rows.values() for c in row}, key=lambda c: (c not in header, c))
    ordered = [c for c in header if c in columns] + [c for c in columns if c not in header]
    table = [["", *ordered]]
    for label in sorted(rows, key=lambda label: (not label.startswith("translit"), label)):
        table.append([label, *(rows[label].get(c, "—") for c in ordered)])
    return markdown(table)


def markdown(table: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]

    def line(row: list[str]) -> str:
        rest = [c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)]
        cells = [row[0].ljust(widths[0]), *rest]
        return "| " + " | ".join(cells) + " |"

    rule = "|" + "|".join(["-" * (widths[0] + 2)] + ["-" * (w + 1) + ":" for w in widths[1:]]) + "|"
    return "\n".join([line(table[0]), rule, *(line(row) for row in table[1:])])


DOCS_PAGE = ROOT / "docs" / "performance.md"
DOCS_START = "<!-- bench: start -->"
DOCS_END = "<!-- bench: end -->"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ""
    if hasattr(os, "getloadavg"):
        load = f", load average {os.getloadavg()[0]:.1f} at the end"
    return f"{platform.system()} {platform.machine()}, {cpu}, {os.cpu_count()} CPUs{load}"


def render(report: Report, argv: list[str], size: int) -> str:
    speed_rows = {k: v for k, v in report.speed.items() if not k.startswith("first call")}
    first_rows = {k: v for k, v in report.speed.items() if k.startswith("first call")}
    names = list(CORPORA)
    parts = [
        f"Measured {time.strftime('%Y-%m-%d')} with `python bench/run.py {' '.join(argv)}`".rstrip()
        + f" on {machine()}; Python {platform.python_version()}, translit {translit.__version__}.",
        "",
        "### Targets",
        "",
        markdown([["target", "goal", "measured", ""], *map(list, report.targets)]),
        "",
        f"### Throughput, MiB of UTF-8 input per second ({size // MB} MB corpora unless named)",
        "",
        format_table(speed_rows, [*names, "ru 100 MB", "linear"]),
        "",
    ]
    if first_rows:
        parts += ["### First call (load and compile, in a new process)", ""]
        parts += [format_table(first_rows, ["ms"]), ""]
    if report.profiles:
        parts += ["### Where the time goes (cProfile, each function's own time)", ""]
        for label, table in report.profiles.items():
            parts += [f"`{label}`:", "", table, ""]
    parts += [f"- {note}" for note in report.notes]
    return "\n".join(parts)


def write_docs(body: str) -> None:
    page = DOCS_PAGE.read_text(encoding="utf-8")
    start, end = page.index(DOCS_START) + len(DOCS_START), page.index(DOCS_END)
    DOCS_PAGE.write_text(page[:start] + "\n" + body + "\n" + page[end:], encoding="utf-8")
    print(f"wrote {DOCS_PAGE.relative_to(ROOT)}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--size", type=float, default=10, help="corpus size in MB (default 10)")
    parser.add_argument("-n", "--repeat", type=int, default=3, help="runs per figure, best kept")
    parser.add_argument("--corpus", action="append", choices=list(CORPORA), help="only these")
    parser.add_argument("--quick", action="store_true", help="2 MB, best of 2, no 100 MB runs")
    parser.add_argument("--no-peers", action="store_true", help="time translit only")
    parser.add_argument("--no-100mb", action="store_true", help="skip the 100 MB runs")
    parser.add_argument("--write-docs", action="store_true", help="write docs/performance.md")
    parser.add_argument("--profile", action="store_true", help="where the time goes, by stage")
    args = parser.parse_args(argv)
    if args.quick:
        args.size, args.repeat, args.no_100mb = 2, 2, True
    size = int(args.size * MB)
    report = Report()
    started = measure_startup()
    throughput(report, args.corpus or list(CORPORA), size, args.repeat, not args.no_peers)
    if not args.no_100mb:
        command_vs_uconv(report, args.repeat)
        linearity(report, args.repeat)
    startup(report, started)
    short_strings(report, args.repeat)
    if args.profile:
        profile(report, size)
    body = render(report, argv if argv is not None else sys.argv[1:], size)
    print(body)
    if args.write_docs:
        write_docs(body)
    return 0


if __name__ == "__main__":
    sys.exit(main())

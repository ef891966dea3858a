"""Time grows linearly with the input on shapes built to make it grow faster.

Each case converts an input of size n and of size 4n and compares the times:
linear work gives a ratio near 4, quadratic work near 16. The bound, 8, leaves
room for a noisy machine and still fails any quadratic path. These are not
speed benchmarks (those are in bench/); they assert the shape of growth only.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

import translit
from translit.engine.compiler import Converter

SHAPES: dict[str, tuple[str, bool, Callable[[int], str]]] = {
    # A context that looks through soft hyphens, inside one long word.
    "soft hyphens in a word": ("uz-latn", False, lambda n: "а" + "\u00ad" * n + "е"),
    "stress marks in a word": ("uz-latn", False, lambda n: "ц" + "\u0301" * n + "е"),
    "marks after every letter": ("uz-latn", False, lambda n: "е\u0301" * n),
    # Uncased letters take their word's case; the fast path looks at each sign's word,
    # which must cost its length once, not once per sign.
    "uncased letters": ("ru-iso-9", True, lambda n: "Obʺ" * n),
    "signs in a word of capitals": ("ru-iso-9", True, lambda n: "OBʺ" * n),
    "span triggers in one line": ("kk-latn-2021", True, lambda n: "a@b " * n),
    "one long word": ("uz-latn", False, lambda n: "ШаҳарЯ" * n),
    "one long line of words": ("kk-latn-2021", False, lambda n: "Я ҚАЗАҚ " * n),
    "many tiny lines": ("uz-latn", False, lambda n: "Я\n" * n),
    "apostrophes to fold": ("uz-latn", True, lambda n: "o'" * n),
}


def _seconds(scheme: str, reverse: bool, text: str) -> float:
    """The best of three conversions, each by a new converter: a cached word costs nothing."""
    table = translit.get(scheme).table
    direction = table.reverse if reverse else table.forward
    assert direction is not None
    best = float("inf")
    for _ in range(3):
        converter = Converter(direction, table.upper_case, table.classes)
        started = time.perf_counter()
        converter(text)
        best = min(best, time.perf_counter() - started)
    return best


@pytest.mark.parametrize("shape", list(SHAPES))
def test_time_grows_linearly(shape: str) -> None:
    scheme, reverse, make = SHAPES[shape]
    # Other processes can slow one measurement down; growth that is really faster
    # than linear fails every try.
    ratios = []
    for _ in range(3):
        # Large enough that a quadratic term shows: one long word of 4,000 signs did not.
        small = _seconds(scheme, reverse, make(16_000))
        large = _seconds(scheme, reverse, make(64_000))
        ratios.append(large / max(small, 2e-3))  # below 2 ms, timer noise rules
        if ratios[-1] < 8:
            return
    pytest.fail(f"{shape}: 4x the input took {', '.join(f'{r:.1f}' for r in ratios)}x the time")


def _hostile_table(tmp_path: Path) -> Path:
    """A table of one's own built to be slow: long contexts over a large class, many rules."""
    letters = "абвгдежзийклмнопрстуфхцчшщъыьэюя"
    rules = "".join(
        f'[[rules]]\nmatch = "{letter}"\nbefore = "{{any}}{{any}}{{any}}{{any}}{{any}}{{any}}"\n'
        f'after = "{{any}}{{any}}{{any}}{{any}}{{any}}{{any}}я"\noutput = "x"\n\n'
        for letter in letters
    )
    text = (
        'format = 1\n\n[meta]\nid = "xx-hostile"\nname = "Hostile"\nlanguage = "xx"\n'
        'source_script = "Cyrl"\ntarget_script = "Latn"\nstandard = "none"\nreversible = "none"\n\n'
        f'[classes]\nany = "{letters}"\n\n[map]\n'
        + "".join(f'"{letter}" = "y"\n' for letter in letters)
        + "\n"
        + rules
        + '[[samples]]\nsource = "а"\ntarget = "y"\norigin = "rules"\n'
    )
    path = tmp_path / "xx-hostile.toml"
    path.write_text(text, "utf-8")
    return path


def test_a_hostile_table_of_your_own_stays_linear(tmp_path: Path) -> None:
    # The notation has no repetition, so each context is a bounded look; many of them
    # still cost time in proportion to the input.
    table = translit.load(_hostile_table(tmp_path)).table
    ratios = []
    for _ in range(3):
        times = []
        for size in (3_000, 12_000):
            text = "абвгдежзий клмнопрст " * (size // 21)
            best = float("inf")
            for _ in range(2):
                converter = Converter(table.forward, table.upper_case, table.classes)
                started = time.perf_counter()
                converter(text)
                best = min(best, time.perf_counter() - started)
            times.append(best)
        ratios.append(times[1] / max(times[0], 2e-3))
        if ratios[-1] < 8:
            return
    pytest.fail(f"4x the input took {', '.join(f'{r:.1f}' for r in ratios)}x the time")

"""The subcommands normalize, auto and detect, run as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import translit
from translit.cli import SUBCOMMANDS

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("0*.txt"))


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "translit", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def test_no_scheme_is_named_like_a_subcommand() -> None:
    names = {info.id for info in translit.schemes()}
    names |= {alias for info in translit.schemes() for alias in info.aliases}
    assert not names & set(SUBCOMMANDS)


def test_normalize_the_issue_example() -> None:
    result = run("normalize", stdin="Aлматы Tоshkent o`zbek\n")
    assert (result.returncode, result.stdout, result.stderr) == (0, "Алматы Toshkent oʻzbek\n", "")


def test_normalize_diff_lists_the_edits() -> None:
    result = run("normalize", "--diff", stdin="ok\nAлматы Tоshkent o`zbek\n")
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "<stdin>:2:1: mixed-script: 'A' (U+0041) → 'А' (U+0410)",
        "<stdin>:2:9: mixed-script: 'о' (U+043E) → 'o' (U+006F)",
        "<stdin>:2:18: apostrophe: '`' (U+0060) → 'ʻ' (U+02BB)",
    ]


def test_normalize_leaves_the_seeds_byte_for_byte(tmp_path: Path) -> None:
    for seed in SEEDS:
        out = tmp_path / "out.txt"
        result = run("normalize", "--strip-invisible", str(seed), "-o", str(out))
        assert result.returncode == 0, result.stderr
        assert out.read_bytes() == seed.read_bytes()


def test_normalize_options() -> None:
    assert run("normalize", "--lang", "kk", "-t", "Көшесi").stdout == "Көшесі\n"
    assert run("normalize", "--fold-yo", "--lang", "ru", "-t", "Ёлка").stdout == "Елка\n"
    assert run("normalize", "--strip-invisible", "-t", "а\u00adб").stdout == "аб\n"
    bad = run("normalize", "--lang", "xx")
    assert bad.returncode == 2 and "invalid choice" in bad.stderr
    missing = run("normalize", "/no/such/file")
    assert missing.returncode == 1 and "No such file" in missing.stderr


def test_auto_both_ways() -> None:
    text = "Қазақстан Республикасының астанасы\nГлавы МИД обсудили ситуацию на Ближнем Востоке\n"
    result = run("auto", stdin=text)
    assert result.stdout == (
        "Qazaqstan Respýblıkasynyń astanasy\nGlavy MID obsudili situaciû na Bližnem Vostoke\n"
    )
    back = run("auto", "--to", "cyrl", "-t", "Oʻzbekiston Respublikasi")
    assert back.stdout == "Ўзбекистон Республикаси\n"


def test_auto_on_the_concatenated_seeds(tmp_path: Path) -> None:
    document = tmp_path / "all.txt"
    document.write_text("\n\n".join(p.read_text(encoding="utf-8") for p in SEEDS), "utf-8")
    result = run("auto", str(document))
    assert result.returncode == 0
    assert result.stdout == translit.transliterate(document.read_text(encoding="utf-8"), "auto")


def test_detect_prints_spans() -> None:
    result = run("detect", *map(str, SEEDS[-1:]))
    fields = result.stdout.splitlines()[0].split("\t")
    assert fields[0].endswith("004_28f654f8294cebe6.txt:1-24")
    assert fields[1:5] == ["kk", "Cyrl", "-", "kk-latn-2018"]
    as_json = run("detect", "--json", "-t", "Qazaqstan Respýblıkasy")
    record = json.loads(as_json.stdout)
    assert (record["input"], record["language"], record["variant"], record["scheme"]) == (
        "<text>",
        "kk",
        "2018",
        "kk-latn-2018",
    )


def test_scheme_command_is_unchanged() -> None:
    assert run("kk-latn-2021", "-t", "Қазақстан").stdout == "Qazaqstan\n"
    assert run("-l").returncode == 0

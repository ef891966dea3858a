"""One test over every table: its samples, and that its rules are all exercised."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import translit
from translit.registry import scheme_paths
from translit.table.loader import load_table
from translit.table.model import Direction, Sample, Table

TABLE_PATHS = scheme_paths()
TABLES = {path.stem: load_table(path) for path in TABLE_PATHS}


def test_the_three_first_schemes_are_shipped() -> None:
    assert {"kk-latn-2021", "uz-latn", "ru-iso-9"} <= set(TABLES)


def _cases() -> Iterator[tuple[str, str, bool, str, str, str | None]]:
    """(scheme, id, reverse, source, expected, policy) for every direction of every sample."""
    for table in TABLES.values():
        for index, sample in enumerate(table.samples):
            where = f"{table.id}:samples[{index}]"
            policy = sample.policy or None
            if sample.direction in ("forward", "both"):
                yield table.id, where, False, sample.source, sample.target, policy
            if sample.direction == "both":
                yield table.id, where + ":back", True, sample.target, sample.source, None
            if sample.direction == "reverse":
                yield table.id, where, True, sample.source, sample.target, None


CASES = list(_cases())


@pytest.mark.parametrize(
    ("scheme", "reverse", "source", "expected", "policy"),
    [case[0:1] + case[2:] for case in CASES],
    ids=[case[1] for case in CASES],
)
def test_sample(scheme: str, reverse: bool, source: str, expected: str, policy: str | None) -> None:
    assert translit.transliterate(source, scheme, reverse=reverse, policy=policy) == expected


def _directions() -> Iterator[tuple[Table, Direction, list[Sample]]]:
    for table in TABLES.values():
        forward = [s for s in table.samples if s.direction in ("forward", "both")]
        yield table, table.forward, forward
        if table.reverse is not None:
            back = [s for s in table.samples if s.direction in ("reverse", "both")]
            yield table, table.reverse, back


@pytest.mark.parametrize(
    ("table", "direction", "samples"),
    list(_directions()),
    ids=[f"{t.id}:{d.name}" for t, d, _ in _directions()],
)
def test_every_rule_and_exception_is_exercised(
    table: Table, direction: Direction, samples: list[Sample]
) -> None:
    reverse = direction.name == "reverse"
    transliterator = translit.get(table.id)
    used: set[str] = set()
    for sample in samples:
        text = sample.source if sample.direction != "both" or not reverse else sample.target
        policy = sample.policy or None
        steps = transliterator.explain(text, reverse=reverse, policy=policy)
        used |= {step.origin for step in steps}
    wanted = {
        rule.origin
        for rule in (*direction.rules, *direction.stems, *direction.normalize, *direction.prefixes)
    }
    wanted |= {f"exceptions.{word}" for word in direction.exceptions}
    if not reverse:
        wanted |= {rule.origin for policy in table.policies.values() for rule in policy.rules}
    assert sorted(wanted - used) == []


@pytest.mark.parametrize("table", list(TABLES.values()), ids=list(TABLES))
def test_every_letter_of_the_source_alphabet_is_mapped(table: Table) -> None:
    assert table.source_alphabet, "declare [alphabet] source"
    assert sorted(set(table.source_alphabet) - set(table.forward.letter_map)) == []


@pytest.mark.parametrize("table", list(TABLES.values()), ids=list(TABLES))
def test_metadata_cites_a_standard_and_its_sources(table: Table) -> None:
    assert table.standard and table.references
    assert Path(table.path).name == f"{table.id}.toml"
    assert table.samples, "every table carries samples"

"""Properties over any Unicode text, for every scheme in both directions.

What a direction *covers* is worked out here from its table, not taken from the
engine: the characters of its map keys, rule matches, stems, exceptions, lexicon
entries and normalize matches (with the classes they name), in either case, and
the letters that are a covered letter with a stress mark (á is a + U+0301 to a
table that maps a). Everything else must come out exactly as it went in, in the
same order: lone surrogates, unassigned and private-use code points, controls,
format characters, combining marks with no base, letters of other scripts.

Each property runs for every direction with ``TRANSLIT_FUZZ_EXAMPLES`` examples
(default 40): ``TRANSLIT_FUZZ_EXAMPLES=2000 pytest tests/test_fuzz.py`` for a
deep run.
"""

from __future__ import annotations

import functools
import os
import time
from dataclasses import dataclass

import pytest
import unicodedata2
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import translit
from translit.engine.casing import Casing, is_cased
from translit.table import notation
from translit.table.lexicon import read_lexicon
from translit.table.model import Direction, Rule

EXAMPLES = int(os.environ.get("TRANSLIT_FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

#: Every direction of every scheme: (scheme, reverse).
DIRECTIONS = [
    (info.id, reverse)
    for info in translit.schemes()
    for reverse in (False, True)
    if not reverse or info.has_reverse
]
DIRECTION_IDS = [
    f"{scheme}:{'reverse' if reverse else 'forward'}" for scheme, reverse in DIRECTIONS
]

#: Marks that stress a letter: a stressed letter the table does not map is read as
#: its base and the mark.
STRESS_MARKS = ("\u0301", "\u0300")

#: Code points of every kind, the hostile ones named: lone surrogates, unassigned,
#: private use, controls and format characters, line separators, combining marks.
ANY_CHARACTER = st.one_of(
    st.characters(categories=["Cs"]),
    st.characters(categories=["Cn"]),
    st.characters(categories=["Co"]),
    st.characters(categories=["Cc", "Cf", "Zl", "Zp"]),
    st.characters(categories=["Mn", "Mc", "Me"]),
    st.characters(codec=None, categories=None),
)


@dataclass(frozen=True)
class Coverage:
    """What one direction reads and writes, worked out from its table."""

    #: Lower-case characters the direction may rewrite.
    read: frozenset[str]
    #: ``read`` case-folded: normalize rules match ignoring case.
    folded: frozenset[str]
    #: Characters the direction may write, in every case.
    written: frozenset[str]
    #: Marks that make a covered letter with a base before them (и + U+0306 → й).
    joining_marks: frozenset[str]
    casing: Casing
    #: Every letter of the output a capital (a passport's printed form), also of
    #: letters the direction does not cover: those with case are left out of the
    #: pass-through properties there. (Sentence capitals, for a source script
    #: without case, touch only letters the direction writes: no exception.)
    recases: bool = False

    def covers(self, char: str) -> bool:
        """Whether the direction may rewrite ``char``."""
        if self.casing.lower(char) in self.read or char.casefold() in self.folded:
            return True
        # A letter with a stress mark (é, or ǘ: ü stressed) is read as the letter it stresses.
        decomposed = unicodedata2.normalize("NFD", char)
        stressed = unicodedata2.normalize("NFC", decomposed[:-1])
        return (
            len(decomposed) >= 2
            and decomposed[-1] in STRESS_MARKS
            and unicodedata2.category(char)[0] == "L"
            and len(stressed) == 1
            and self.covers(stressed)
        )

    def kept(self, char: str) -> bool:
        """Whether ``char`` must come out as it went in whatever stands around it.

        Not covered, never written, and not a mark that could join a covered
        letter before it or be put in canonical order with other marks.
        """
        return (
            not self.covers(char)
            and char not in self.written
            and char not in self.joining_marks
            and unicodedata2.combining(char) == 0
            and not (self.recases and is_cased(char))
        )

    def passes(self, char: str) -> bool:
        """Whether ``char`` must pass through a text of uncovered characters."""
        return not self.covers(char) and not (self.recases and is_cased(char))

    def letters(self) -> list[str]:
        """The covered characters in both cases, for building text."""
        upper = {self.casing.upper(char) for char in self.read}
        return sorted(self.read | {char for char in upper if len(char) == 1})


def _direction(scheme: str, reverse: bool) -> Direction:
    table = translit.get(scheme).table
    direction = table.reverse if reverse else table.forward
    assert direction is not None
    return direction


def _pattern_characters(pattern: str, classes: dict[str, tuple[str, ...]]) -> set[str]:
    chars: set[str] = set()
    for item in notation.parse(pattern):
        if isinstance(item, notation.Letter):
            chars |= set(item.text)
        elif isinstance(item, notation.ClassRef):
            assert item.name in classes, f"{{{item.name}}} is an open class: no property fits"
            chars |= {char for member in classes[item.name] for char in member}
    return chars


@functools.cache
def coverage(scheme: str, reverse: bool) -> Coverage:
    """Worked out from the table: see the module's description."""
    table = translit.get(scheme).table
    direction = _direction(scheme, reverse)
    casing = Casing(table.upper_case)
    rules: list[Rule] = [*direction.rules, *direction.stems]
    outputs = [*direction.letter_map.values(), *direction.exceptions.values()]
    outputs += [prefix.output for prefix in direction.prefixes]
    read = {char for key in (*direction.letter_map, *direction.exceptions) for char in key}
    if direction.lexicon:
        # Whole words and word beginnings: the source → (output, line).
        lexicon = read_lexicon(direction.lexicon, reverse=reverse)
        for word, entry in (*lexicon.words.items(), *lexicon.stems.items()):
            read |= set(word)
            outputs.append(entry[0])
    for rule in rules:
        read |= _pattern_characters(rule.match, table.classes)
        outputs.append(rule.output)
    folded = set()
    for rule in direction.normalize:
        folded |= _pattern_characters(rule.match, table.classes)
        outputs.append(rule.output)
    read |= folded
    written = {char for output in outputs for char in output}
    written |= {
        c for char in written for c in (casing.upper(char), casing.lower(char), char.lower())
    }
    joining = {
        mark
        for char in read | {casing.upper(char) for char in read}
        for mark in unicodedata2.normalize("NFD", char)[1:]
    }
    return Coverage(
        read=frozenset(read),
        folded=frozenset(char.casefold() for char in folded),
        written=frozenset(written),
        joining_marks=frozenset(joining),
        casing=casing,
        recases=direction.all_capitals,
    )


@functools.cache
def texts(scheme: str, reverse: bool, kind: str) -> st.SearchStrategy[str]:
    """Text to feed a direction, built once per direction (building strategies costs).

    ``any``: any code point, among the direction's own letters; ``outside``: only
    code points the direction does not cover; ``mixed``: covered letters among code
    points the direction neither reads nor writes.
    """
    covered = coverage(scheme, reverse)
    if kind == "any":
        own = st.sampled_from([*covered.letters(), " ", "\n", "-", "'", "\u0301"])
        return st.text(st.one_of(ANY_CHARACTER, own))
    if kind == "outside":
        return st.text(ANY_CHARACTER.filter(covered.passes))
    assert kind == "mixed"
    own = st.sampled_from([*covered.letters(), " ", "\u0301", "\u00ad"])
    return st.text(st.one_of(ANY_CHARACTER.filter(covered.kept), own, own))


def convert(scheme: str, reverse: bool, text: str) -> str:
    transliterator = translit.get(scheme)
    return transliterator.reverse(text) if reverse else transliterator(text)


# -- any text ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("scheme", "reverse"), DIRECTIONS, ids=DIRECTION_IDS)
@FUZZ
@given(data=st.data())
def test_any_text_converts_without_error(data: st.DataObject, scheme: str, reverse: bool) -> None:
    # Covered letters among hostile code points, so that rules and contexts meet them.
    text = data.draw(texts(scheme, reverse, "any"))
    output = convert(scheme, reverse, text)
    assert isinstance(output, str)
    assert text.count("\n") == output.count("\n")
    translit.get(scheme).explain(text, reverse=reverse)


@pytest.mark.parametrize(("scheme", "reverse"), DIRECTIONS, ids=DIRECTION_IDS)
@FUZZ
@given(data=st.data())
def test_text_the_scheme_does_not_cover_passes_through(
    data: st.DataObject, scheme: str, reverse: bool
) -> None:
    # Exactly as it went in: not put in NFC (an OHM SIGN stays one), marks stay where
    # they are, surrogates and private use stay.
    text = data.draw(texts(scheme, reverse, "outside"))
    assert convert(scheme, reverse, text) == text


@pytest.mark.parametrize(("scheme", "reverse"), DIRECTIONS, ids=DIRECTION_IDS)
@FUZZ
@given(data=st.data())
def test_uncovered_characters_keep_their_order_among_covered_ones(
    data: st.DataObject, scheme: str, reverse: bool
) -> None:
    # Text mixing covered letters with characters the direction neither reads nor
    # writes: those come out unchanged and in the same order, whatever the rules do.
    covered = coverage(scheme, reverse)
    text = data.draw(texts(scheme, reverse, "mixed"))
    output = convert(scheme, reverse, text)
    assert [c for c in output if covered.kept(c)] == [c for c in text if covered.kept(c)]


# -- one very long word ------------------------------------------------------------------------

#: Seconds a direction may take for a one-megabyte word (it takes 0.1-5 s on a
#: shared machine): far below what a path that is not linear would need.
LONG_WORD_SECONDS = 60.0


@pytest.mark.parametrize(("scheme", "reverse"), DIRECTIONS, ids=DIRECTION_IDS)
def test_a_one_megabyte_word(scheme: str, reverse: bool) -> None:
    # One word of a million bytes: the direction's letters with a private-use
    # character and a soft hyphen among them, in both cases.
    covered = coverage(scheme, reverse)
    letters = covered.letters()
    unit = "".join(letters[::2]) + "\ue000" + "".join(letters[1::2]) + "\u00ad"
    word = unit * (1_000_000 // len(unit.encode("utf-8", "surrogatepass")) + 1)
    started = time.perf_counter()
    output = convert(scheme, reverse, word)
    assert time.perf_counter() - started < LONG_WORD_SECONDS
    assert output.count("\ue000") == word.count("\ue000")
    assert output.count("\u00ad") == word.count("\u00ad")
    outside = "\U000f0000\u0378" * 250_000  # private use and unassigned, one megabyte
    assert convert(scheme, reverse, outside) == outside


# -- the coverage worked out here ----------------------------------------------------------------


def test_coverage_is_what_the_tables_say() -> None:
    uz = coverage("uz-latn", False)
    assert uz.covers("ц") and uz.covers("Ц") and not uz.covers("q")
    assert uz.covers("ѐ")  # е with a grave: a stressed е
    back = coverage("uz-latn", True)
    assert back.covers("'") and back.covers("`")  # folded into ʻ and ʼ
    assert back.covers("é") and back.covers("K") and not back.covers("ц")
    assert back.kept("\U000f0000") and not back.kept("ʼ") and not back.kept("\u0301")
    assert len(DIRECTIONS) > 2 * len({scheme for scheme, _ in DIRECTIONS}) - 30


def test_a_precomposed_stressed_letter_reads_like_its_decomposed_spelling() -> None:
    # ǘ is ü with an acute. Written ü + U+0301 the way back of Kazakh 2021 reads ү and
    # keeps the stress mark; written as one code point it should do the same.
    back = translit.get("kk-latn-2021").reverse
    assert back("ü\u0301") == "ү\u0301"
    assert back("ǘ") == "ү\u0301"
    assert back("Kǘn") == "Кү\u0301н"
    assert back("ǗI") == "Ү\u0301І"  # I is the capital of ı, і in the 2021 alphabet


def test_sentence_capitals_leave_letters_the_table_does_not_write() -> None:
    # The way back from Kazakh Arabic script puts a capital at each sentence start, for a
    # source without case; a Latin word there was never converted and keeps its case.
    back = translit.get("kk-arab").reverse
    assert back("iPhone") == "iPhone"

"""The fast path (translit.engine.fastpath) writes what the reference engine writes, on any text.

For every shipped table and both directions, hypothesis builds texts from the
direction's own letters in every case pattern (small, Title, capitals, mixed),
the strings its rules, exceptions, stems and lexicon entries match, with their
contexts, and the characters the fast path hands back to the reference (stress
marks, soft hyphens, letters of other scripts, characters outside any code page,
URLs and e-mail addresses, Roman numerals), joined by punctuation, spaces and
newlines. Chunks are made tiny so that texts cross many chunk boundaries.

``TRANSLIT_FASTPATH_EXAMPLES`` sets the examples per direction (default 40).
"""

from __future__ import annotations

import codecs
import os
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import translit
from translit.engine import fastpath
from translit.engine.compiler import Converter
from translit.registry import scheme_paths
from translit.table import lexicon

EXAMPLES = int(os.environ.get("TRANSLIT_FASTPATH_EXAMPLES", "40"))
DIRECTIONS = [
    (path.stem, reverse)
    for path in scheme_paths()
    for reverse in (False, True)
    if not reverse or translit.get(path.stem).info.has_reverse
]

#: What the fast path hands back to the reference, or keeps out of its code pages.
AWKWARD = [
    "\u0301", "\u0300", "\u0306", "\u0308", "\u00ad", "\u200d", "😀", "中", "€", "é", "ñ",
    "ǅ", "İ", "ı", "ß", "Σ", "K", "\ufdd0", "\ufffe", "ʻ", "ʼ", "’", "'", "ʹ", "ʺ", "·",
]  # fmt: skip
#: Letters some directions do not know: a word with one is foreign, and passes through.
FOREIGN = ["h", "w", "q", "x", "c", "H", "W", "ж", "щ", "Ы", "ә", "ğ"]
SEPARATORS = [" ", " ", " ", ", ", ". ", "\n", "\n\n", " - ", "-", "«", "» ", "\t", "\u00a0", "—"]
SPANS = [
    "https://kun.uz/x", "www.gov.kz", "a@b.kz", "@user", "#tag", "XX", "I", "MMXXVI", "a.txt",
    "Egemen.kz", "fayl.PDF", "b.json", "c.jsonl", ".md",
]  # fmt: skip


@cache
def converter(scheme: str, reverse: bool) -> Converter:
    return translit.get(scheme)._converter(reverse=reverse)


@cache
def pieces(scheme: str, reverse: bool) -> tuple[list[str], list[str]]:
    """The direction's letters, and strings its rules and entries read."""
    table = translit.get(scheme).table
    direction = table.reverse if reverse else table.forward
    assert direction is not None
    conv = converter(scheme, reverse)
    letters = sorted({c for c in conv._letters_known if c.strip()} | set(direction.alphabet))
    strings = [*direction.letter_map, *(rule.match for rule in direction.rules)]
    for rule in direction.rules:
        for context in (*rule.before, *rule.after):
            strings.append(context.replace("#", "").replace("\\", ""))
    strings += [name for members in table.classes.values() for name in members]
    entries = sorted(conv._exceptions)[:300] + sorted(conv._stems)[:300]
    strings += entries
    return letters, [s for s in strings if s and "{" not in s]


def recase(word: str, pattern: int) -> str:
    if pattern == 0:
        return word.lower()
    if pattern == 1:
        return word[:1].upper() + word[1:].lower()
    if pattern == 2:
        return word.upper()
    return "".join(c.upper() if (i * 7 + pattern) % 3 == 0 else c for i, c in enumerate(word))


@st.composite
def texts(draw: st.DrawFn, scheme: str, reverse: bool) -> str:
    letters, strings = pieces(scheme, reverse)
    letter = st.sampled_from(letters + AWKWARD[:6] + FOREIGN)
    word = st.one_of(
        st.lists(letter, min_size=1, max_size=8).map("".join),
        st.sampled_from(strings),
        st.tuples(st.sampled_from(strings), st.lists(st.sampled_from(letters), max_size=4)).map(
            lambda pair: pair[0] + "".join(pair[1])
        ),
        st.tuples(st.lists(st.sampled_from(letters), max_size=3), st.sampled_from(strings)).map(
            lambda pair: "".join(pair[0]) + pair[1]
        ),
        st.sampled_from(AWKWARD + SPANS),
    )
    cased = st.tuples(word, st.integers(0, 5)).map(lambda pair: recase(*pair))
    parts = draw(st.lists(st.tuples(cased, st.sampled_from(SEPARATORS)), max_size=24))
    return "".join(w + s for w, s in parts)


@pytest.mark.parametrize(("scheme", "reverse"), DIRECTIONS)
def test_fast_path_writes_what_the_reference_writes(
    scheme: str, reverse: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    conv = converter(scheme, reverse)
    fast = conv._fast_path()
    if fast is None:
        pytest.skip(f"{scheme}: no fast path (the reference converts every text)")
    monkeypatch.setattr(fastpath, "CHUNK", 48)

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(texts(scheme, reverse))
    def check(text: str) -> None:
        assert fast(text) == conv._reference(text)

    check()


def test_most_directions_have_a_fast_path() -> None:
    without = [
        (scheme, reverse)
        for scheme, reverse in DIRECTIONS
        if converter(scheme, reverse)._fast_path() is None
    ]
    assert len(without) <= len(DIRECTIONS) // 10, without


@pytest.mark.parametrize(
    ("scheme", "text"),
    [
        ("ru-bgn-pcgn", "ЩУКА Щука щука ЩуКа ЕЩЁ Ель ЕЛЬ Я ЗНАЮ, Я спросил\nЯ"),
        ("uz-latn", "ЎЗБЕКИСТОН Ўзбекистон шаҳар ШАҲАР бюджет Бюджетлар ц абзац"),
        # whole-word entries side by side, and a stem inside a longer word
        ("uz-latn", "октябрь сентябрь ОКТЯБРЬ,Сентябрь\nоктябрьда 1-сентябрь"),
        ("kk-latn-2021", "ІЛЕ Іле ИРАН Қазақстан ҚАЗАҚСТАН https://kaz.kz/Қазақ a@b.kz"),
        ("ru-iso-9", "Съезд СЪЕЗД объект́ Ё́лка ﬁ 😀 中文"),
    ],
)
def test_examples_across_chunks(scheme: str, text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    conv = converter(scheme, False)
    fast = conv._fast_path()
    assert fast is not None
    for size in (4, 16, 1 << 18):
        monkeypatch.setattr(fastpath, "CHUNK", size)
        assert fast(text * 3) == conv._reference(text * 3)


OVERLAPPING_KEYS = """\
format = 1

[meta]
id = "xx-overlap"
name = "Keys whose letters overlap"
language = "xx"
source_script = "Cyrl"
target_script = "Latn"
standard = "none"
reversible = "none"

[map]
"а" = "a"
"б" = "b"
"в" = "v"
"аб" = "q"
"{second}" = "w"

[[rules]]
match = "в"
before = "б"
output = "f"
"""


def overlap_converter(tmp_path: Path, second: str) -> Converter:
    path = tmp_path / "xx-overlap.toml"
    path.write_text(OVERLAPPING_KEYS.replace("{second}", second), encoding="utf-8")
    return translit.load(path)._converter(reverse=False)


# Worked out by hand from the reference's reading: at each place the rules, then the
# longest key; a context reads the source text.
@pytest.mark.parametrize(
    ("second", "words"),
    [
        # аб is taken before бв can be (а before б), and the в after аб has б before it
        ("бв", {"абв": "qf", "бвб": "wb", "ббв": "bw", "АБВ": "QF", "вб": "vb"}),
        # аб and ба: each key's last letter begins the other
        ("ба", {"аба": "qa", "баб": "wb", "абаб": "qq", "бааб": "wq"}),
    ],
)
def test_passes_write_what_one_alternation_writes(
    tmp_path: Path, second: str, words: dict[str, str]
) -> None:
    conv = overlap_converter(tmp_path, second)
    fast = conv._fast_path()
    assert fast is not None
    text = " ".join(words) + "\n"
    expected = " ".join(words.values()) + "\n"
    assert fast(text * 20) == conv._reference(text * 20) == expected * 20


def test_a_pass_comes_before_the_passes_of_the_letters_inside_its_matches(
    tmp_path: Path,
) -> None:
    chained = overlap_converter(tmp_path, "бв")._fast_path()
    circular = overlap_converter(tmp_path, "ба")._fast_path()
    assert isinstance(chained, fastpath.FastPath) and isinstance(circular, fastpath.FastPath)
    order = [first for first, _, _ in chained._passes]
    page = chained._encoding
    index = [order.index(codecs.charmap_encode(c, "strict", page)[0]) for c in "абв"]
    assert chained._scanner is None and index == sorted(index)
    # аб and ба: neither pass can come first, so both stay in one alternation
    assert circular._scanner is not None


def routed(scheme: str, reverse: bool, text: str) -> list[str]:
    """The pieces of ``text`` the fast path hands to the reference."""
    fast = converter(scheme, reverse)._fast_path()
    assert isinstance(fast, fastpath.FastPath)
    data = codecs.charmap_encode(text, fastpath._ERRORS, fast._encoding)[0]
    lines = fast._line_starts(text, data)
    kinds = data.translate(fast._kinds) if fast._kinds_used else b""
    return [text[start:stop] for start, stop, _ in fast._routes(text, data, lines, kinds)]


@pytest.mark.parametrize(
    ("line", "pieces"),
    [
        ("Habarlaidy Egemen.kz saity.", []),  # a domain, not a file name
        ("Habarlaidy Egemen.kz saity, otchet.pdf.", ["Habarlaidy Egemen.kz saity, otchet.pdf."]),
        ("Qazaqstan jaily", []),
    ],
)
def test_lines_go_to_the_reference_only_where_a_span_can_start(
    line: str, pieces: list[str]
) -> None:
    assert routed("kk-latn-2021", True, line) == pieces


def test_whole_word_entries_side_by_side_are_each_found() -> None:
    # uz-latn's exceptions (table, [exceptions]): октябрь → oktabr, сентябрь → sentabr; by
    # the letters alone they would be oktyabr, sentyabr.
    conv = converter("uz-latn", False)
    fast = conv._fast_path()
    assert fast is not None
    text = "октябрь сентябрь Сентябрь\n" * 2000
    assert fast(text) == "oktabr sentabr Sentabr\n" * 2000


def test_long_text_goes_the_fast_way() -> None:
    t = translit.get("ru-bgn-pcgn")
    text = "Щука ЩУКА Ель\n" * 100
    assert t(text) == t._converter(reverse=False)._reference(text)


def test_a_cached_lexicon_reads_as_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path
    monkeypatch.setenv("TRANSLIT_CACHE_DIR", str(folder / "cache"))
    file = folder / "xx.lexicon.tsv"
    file.write_text("# test\nstem\tфильм\tfilm\nword>\tя\tya\n", encoding="utf-8")
    first = [lexicon._parse(file, reverse=reverse) for reverse in (False, True)]
    assert len(list((folder / "cache").iterdir())) == 2  # each direction kept for the next process
    again = [lexicon._parse(file, reverse=reverse) for reverse in (False, True)]  # from the cache
    assert again == first
    assert again[1].stems["film"] == ("фильм", 2) and again[0].words["я"] == ("ya", 3)
    file.write_text("stem\tфильм\tfilm\nstem\tфильм\tfilm2\n", encoding="utf-8")
    with pytest.raises(translit.TableError):  # a changed file is read and checked anew
        lexicon._parse(file, reverse=True)


def test_a_kept_lexicon_is_not_checked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRANSLIT_CACHE_DIR", str(tmp_path / "cache"))
    file = tmp_path / "xx.lexicon.tsv"
    file.write_text("stem\tфильм\tfilm\nword\tя\tya\n", encoding="utf-8")
    lexicon._parse(file, reverse=False)  # checks the file and keeps both directions

    def check(path: Path, data: bytes) -> None:
        raise AssertionError("read from the file, not the cache")

    monkeypatch.setattr(lexicon, "_check_and_read", check)
    for reverse in (False, True):
        kept = lexicon._parse(file, reverse=reverse)
        assert kept.name == "xx.lexicon.tsv"
        assert kept.stems == ({"фильм": ("film", 1)} if not reverse else {"film": ("фильм", 1)})
        assert kept.words == ({"я": ("ya", 2)} if not reverse else {"ya": ("я", 2)})


def test_a_lexicon_is_read_once_per_file_and_direction(tmp_path: Path) -> None:
    # Two files of the same size and time are told apart by their paths.
    first, second = tmp_path / "a.lexicon.tsv", tmp_path / "b.lexicon.tsv"
    first.write_text("word\tя\tya\n", encoding="utf-8")
    second.write_text("word\tя\tja\n", encoding="utf-8")
    os.utime(second, ns=(first.stat().st_atime_ns, first.stat().st_mtime_ns))
    one = lexicon.read_lexicon(first, reverse=False)
    assert lexicon.read_lexicon(first, reverse=False) is one  # not read again
    assert lexicon.read_lexicon(second, reverse=False).words == {"я": ("ja", 1)}
    assert one.words == {"я": ("ya", 1)}


@pytest.mark.parametrize("count", [3, fastpath.FEW_HITS + 10])
def test_words_of_a_large_lexicon_are_found_few_or_many(count: int) -> None:
    # Each distinct word a large lexicon applies to goes to the reference, found by one
    # search when they are few in a chunk and by looking up every word when many.
    conv = converter("kk-latn-2021", True)
    fast = conv._fast_path()
    assert fast is not None
    entries = sorted(conv._exceptions)[:count] + [
        stem + "lar" for stem in sorted(conv._stems)[:count]
    ]
    text = ("qazaq " + " ".join(entries) + ", " + " ".join(e.title() for e in entries) + "\n") * 20
    assert fast(text) == conv._reference(text)

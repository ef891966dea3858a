"""translit.text: normalization, detection and automatic mode, on the seeds and on text
damaged the way real text is (look-alike letters of the other script, apostrophe
variants, decomposed letters, invisible characters)."""

from __future__ import annotations

import random
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import translit
from translit.text.confusables import alphabet, best_lookalike, script_of
from translit.text.detect import detect, detect_spans
from translit.text.normalize import Edit, normalize

ROOT = Path(__file__).resolve().parents[1]
SEEDS = {
    path.name[:3]: path.read_text(encoding="utf-8")
    for path in sorted((ROOT / "seeds").glob("0*.txt"))
}
LANGUAGE = {"000": "ru", "001": "uz", "002": "ru", "003": "ru", "004": "kk"}
LATIN_SCHEMES = {
    "kk": ("kk-latn-2017", "kk-latn-2018", "kk-latn-2021", "kk-latn-mediawiki"),
    "uz": ("uz-latn", "uz-latn-2026"),
}
VARIANTS = {
    "kk-latn-2017": "2017",
    "kk-latn-2018": "2018",
    "kk-latn-2021": "2021",
    "kk-latn-mediawiki": "mediawiki",
    "uz-latn": "1995",
    "uz-latn-2026": "2026",
}


def latin_schemes(language: str) -> list[str]:
    return [
        info.id
        for info in translit.schemes()
        if info.language == language
        and (info.source_script, info.target_script) == ("Cyrl", "Latn")
    ]


# ---------------------------------------------------------------- detection


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_seeds_are_detected(seed: str) -> None:
    found = detect(SEEDS[seed])
    assert (found.language, found.script) == (LANGUAGE[seed], "Cyrl")
    assert found.scheme == translit.get(LANGUAGE[seed]).id
    assert found.confidence > 0.99


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_latin_outputs_of_the_seeds_are_detected(seed: str) -> None:
    """Every Latin scheme of the seed's language: the language and script; for the
    official Kazakh and Uzbek alphabets also the variant and the scheme to read it back."""
    language = LANGUAGE[seed]
    for scheme in latin_schemes(language):
        found = detect(translit.transliterate(SEEDS[seed], scheme))
        assert (found.language, found.script) == (language, "Latn"), scheme
        if scheme in VARIANTS:
            assert (found.variant, found.scheme) == (VARIANTS[scheme], scheme)


def test_concatenated_seeds_are_cut_into_their_languages() -> None:
    # One document, a blank line between the texts (they end without a newline).
    document = "\n\n".join(SEEDS[seed] for seed in sorted(SEEDS))
    spans = detect_spans(document)
    assert "".join(span.text for span in spans) == document
    for seed in sorted(SEEDS):
        start = document.index(SEEDS[seed])
        inside = [s for s in spans if s.start < start + len(SEEDS[seed]) and s.end > start]
        assert {s.detection.language for s in inside} == {LANGUAGE[seed]}, seed


def test_concatenated_latin_outputs_are_cut_into_their_alphabets() -> None:
    parts = [
        translit.transliterate(SEEDS["004"], "kk-latn-2021"),
        translit.transliterate(SEEDS["001"], "uz-latn"),
        translit.transliterate(SEEDS["004"], "kk-latn-2017"),
    ]
    spans = detect_spans("\n\n".join(parts))
    schemes = [span.detection.scheme for span in spans]
    assert schemes == ["kk-latn-2021", "uz-latn", "kk-latn-2017"]


def test_detect_knows_when_it_does_not_know() -> None:
    assert detect("").language == "und"
    assert detect("2026-03-08 19:27").language == "und"
    assert detect("The quick brown fox jumps over the lazy dog.").language == "und"
    assert detect_spans("") == []
    with pytest.raises(TypeError):
        detect(b"bytes")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Бүгүн Кыргыз Республикасынын өкмөтү жаңы мыйзамды кабыл алды.", "ky"),
        ("Ҷумҳурии Тоҷикистон давлати соҳибихтиёр ва демократӣ мебошад.", "tg"),
        ("Ўзбекистон Республикаси пойтахти Тошкент шаҳри.", "uz"),
        ("Қазақстан Республикасының астанасы Астана қаласы.", "kk"),
    ],
)
def test_cyrillic_languages(text: str, language: str) -> None:
    assert detect(text).language == language


# ---------------------------------------------------------------- normalization


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_clean_seeds_come_back_byte_for_byte(seed: str) -> None:
    text = SEEDS[seed]
    for lang in (None, "kk", "uz", "ru", "ky", "tg", "tk"):
        result = normalize(text, lang, report=True)
        assert result.text == text and result.edits == [], lang
    assert normalize(text, strip_invisible=True, fold_yo=False) == text


@pytest.mark.parametrize("seed", ["001", "004"])
def test_clean_latin_outputs_come_back_as_they_were(seed: str) -> None:
    for scheme in LATIN_SCHEMES[LANGUAGE[seed]]:
        text = translit.transliterate(SEEDS[seed], scheme)
        assert normalize(text, report=True).edits == [], scheme


def test_the_issue_example() -> None:
    assert normalize("Aлматы Tоshkent o`zbek\n") == "Алматы Toshkent oʻzbek\n"


def test_edits_name_position_old_new_and_reason() -> None:
    text = "Aлматы Tоshkent o`zbek"
    result = normalize(text, report=True)
    assert result.edits == [
        Edit(0, "A", "А", "mixed-script"),
        Edit(8, "о", "o", "mixed-script"),
        Edit(17, "`", "ʻ", "apostrophe"),
    ]
    for edit in result.edits:
        assert text[edit.offset : edit.offset + len(edit.old)] == edit.old


@pytest.mark.parametrize(
    ("damaged", "lang", "repaired"),
    [
        ("Көшесi", "kk", "Көшесі"),  # Latin i
        ("Шəһəр", "kk", "Шәһәр"),  # Latin schwa
        ("Өскемен Ɵскемен", "kk", "Өскемен Өскемен"),  # Latin barred O
        ("Ѳскемен", "kk", "Өскемен"),  # Cyrillic fita, not a Kazakh letter
        ("ӀЛЕ", "kk", "ІЛЕ"),  # palochka
        ("Ұлы Ɏлы", "kk", "Ұлы Ұлы"),
        ("Шаhар", "kk", "Шаһар"),
        ("Шаhар", "ru", "Шаhар"),  # Russian has no һ: left alone
        ("ma'no, bog' o‘g‘il", "uz", "maʼno, bogʻ oʻgʻil"),
        ("'O'zbek' so'zi", "uz", "'Oʻzbek' soʻzi"),  # quotes around a word stay
        ("Iș și", "uz", "Iș și"),  # ş not in the 1995 alphabet: nothing to repair to
        ("Bayroqdoʻst", "uz", "Bayroqdoʻst"),
        ("и\u0306ул, е\u0308ж, у\u0306", None, "йул, ёж, ў"),
        ("Яndex", None, "Яndex"),  # genuinely mixed: Я has no Latin look-alike
        ("H₂O, CO2, Wi-Fi", None, "H₂O, CO2, Wi-Fi"),
        ("PRОДАЖА", None, "PRОДАЖА"),  # R has no Cyrillic look-alike: left alone
        ("Ω \u2126 \u212a", None, "Ω \u2126 \u212a"),  # no marks: not rewritten
        ("и\u0301ли", "ru", "и\u0301ли"),  # a stress mark with no composed letter stays
    ],
)
def test_repairs(damaged: str, lang: str | None, repaired: str) -> None:
    assert normalize(damaged, lang) == repaired


def test_invisible_characters() -> None:
    text = "\ufeffҚа\u00adзақ\u200bстан\ufeff 👨\u200d👩 Қа\u200dзақ"
    assert normalize(text) == text  # only on request
    assert normalize(text, strip_invisible=True) == "\ufeffҚазақстан 👨\u200d👩 Қазақ"


def test_fold_yo_is_russian_only_and_on_request() -> None:
    assert normalize("Ёлка ёж", "ru") == "Ёлка ёж"
    assert normalize("Ёлка ёж", "ru", fold_yo=True) == "Елка еж"
    assert normalize("Ёлка", "kk", fold_yo=True) == "Ёлка"


def test_wrong_arguments() -> None:
    with pytest.raises(ValueError, match="unknown language"):
        normalize("x", "xx")
    with pytest.raises(TypeError):
        normalize(None)  # type: ignore[arg-type]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_idempotent_on_any_text(text: str) -> None:
    once = normalize(text, strip_invisible=True)
    assert normalize(once, strip_invisible=True) == once


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    st.lists(
        st.sampled_from("Aaаo оOОcсeеpрxхyуiіhһ'`’ʻʼ\u0306\u0308\u00ad\u200bиgkKзб- \n"),
        max_size=30,
    ).map("".join)
)
def test_idempotent_on_look_alike_soup(text: str) -> None:
    for lang in (None, "kk", "uz", "ru"):
        once = normalize(text, lang, strip_invisible=True)
        assert normalize(once, lang, strip_invisible=True) == once


# ---------------------------------------------------------------- the damaged corpus

APOSTROPHE_VARIANTS = "'‘’`´′＇"
INVISIBLE = ("\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff")


def corpus_lines() -> list[tuple[str, str]]:
    """(language, line) for every line of letters of the seeds and of their official Latin."""
    lines = []
    for seed, text in SEEDS.items():
        language = LANGUAGE[seed]
        versions = [text] + [
            translit.transliterate(text, s) for s in LATIN_SCHEMES.get(language, ())
        ]
        for version in versions:
            for line in version.splitlines():
                if sum(char.isalpha() for char in line) >= 20:
                    lines.append((language, line))
    return lines


def damage(line: str, language: str, rng: random.Random) -> str:
    """One to three damages of one kind: look-alikes, apostrophes, decomposition, invisibles."""
    kind = rng.choice(["look-alike", "apostrophe", "decompose", "invisible"])
    chars = list(line)
    if kind == "look-alike":
        words = [(m, w) for m, w in _words(line) if len(w) >= 3]
        rng.shuffle(words)
        for start, word in words[: rng.randint(1, 3)]:
            script = script_of(word[0])
            other = "Latn" if script == "Cyrl" else "Cyrl"
            # A letter's look-alike in the other script, which the repair must map back.
            letters = alphabet(language, script, None if script == "Cyrl" else _latin_scheme(line))
            choices = []
            for index, char in enumerate(word):
                for lookalike in _reverse_pairs().get(char, ()):
                    if (
                        script_of(lookalike) == other
                        and best_lookalike(lookalike, script, letters) == char
                    ):
                        choices.append((index, lookalike))
            if choices:
                index, lookalike = rng.choice(choices)
                chars[start + index] = lookalike
    elif kind == "apostrophe":
        places = [
            i for i, c in enumerate(line) if c in "ʻʼ" and not (c == "ʼ" and line[i - 1] in "oOgG")
        ]
        for index in rng.sample(places, min(len(places), rng.randint(1, 3))):
            chars[index] = rng.choice(APOSTROPHE_VARIANTS)
    elif kind == "decompose":
        places = [i for i, c in enumerate(line) if len(unicodedata.normalize("NFD", c)) > 1]
        for index in rng.sample(places, min(len(places), rng.randint(1, 3))):
            chars[index] = unicodedata.normalize("NFD", line[index])
    else:
        places = [m + rng.randint(1, len(w) - 1) for m, w in _words(line) if len(w) >= 2]
        for index in sorted(rng.sample(places, min(len(places), rng.randint(1, 3))), reverse=True):
            chars.insert(index, rng.choice(INVISIBLE))
    return "".join(chars)


def _words(line: str) -> list[tuple[int, str]]:
    import regex

    return [(m.start(), m.group()) for m in regex.finditer(r"\p{L}+", line)]


def _latin_scheme(line: str) -> str | None:
    return detect(line).scheme


_REVERSE: dict[str, list[str]] = {}


def _reverse_pairs() -> dict[str, list[str]]:
    """look-alike letter → the letters that look like it (from the shipped pairs)."""
    if not _REVERSE:
        from translit.text.confusables import _pairs

        for letter, items in _pairs().items():
            for lookalike, _rank in items:
                _REVERSE.setdefault(lookalike, []).append(letter)
    return _REVERSE


def test_damaged_corpus_is_repaired() -> None:
    """Every damaged line comes back as the seed line, and no clean line is touched.

    The figures (repair rate and false-repair rate) are printed with ``pytest -s``.
    """
    rng = random.Random(8)
    lines = corpus_lines()
    damaged = repaired = 0
    failures = []
    for _ in range(1500):
        language, line = rng.choice(lines)
        broken = damage(line, language, rng)
        if broken == line:
            continue
        damaged += 1
        result = normalize(broken, strip_invisible=True)
        if result == line:
            repaired += 1
        elif len(failures) < 5:
            failures.append((language, line, broken, result))
    touched = sum(normalize(line, strip_invisible=True) != line for _, line in lines)
    print(f"\nrepair rate {repaired}/{damaged}, false repairs {touched}/{len(lines)} clean lines")
    assert not failures, failures
    assert touched == 0


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.randoms(use_true_random=False), st.integers(min_value=0, max_value=10_000))
def test_damage_is_repaired_property(rng: random.Random, pick: int) -> None:
    lines = _corpus()
    language, line = lines[pick % len(lines)]
    assert normalize(damage(line, language, rng), strip_invisible=True) == line


_CORPUS: list[tuple[str, str]] = []


def _corpus() -> list[tuple[str, str]]:
    if not _CORPUS:
        _CORPUS.extend(corpus_lines())
    return _CORPUS


# ---------------------------------------------------------------- automatic mode


def test_auto_romanizes_each_paragraph_by_its_language() -> None:
    from translit.text.auto import auto

    document = "\n\n".join(SEEDS[seed] for seed in sorted(SEEDS))
    expected = "\n\n".join(
        translit.transliterate(SEEDS[seed], LANGUAGE[seed]) for seed in sorted(SEEDS)
    )
    assert auto(document) == expected


def test_auto_reads_latin_back_by_its_variant() -> None:
    from translit.text.auto import auto

    kk = translit.transliterate(SEEDS["004"], "kk-latn-2021")
    uz = translit.transliterate(SEEDS["001"], "uz-latn")
    expected = translit.get("kk-latn-2021").reverse(kk) + "\n" + translit.get("uz-latn").reverse(uz)
    assert auto(kk + "\n" + uz, to="cyrl") == expected.replace("\n" + "Ў", "\nЎ")

"""The engine and the Python API: casing, pass-through, Unicode, errors, reuse."""

from __future__ import annotations

import pickle
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import translit
from translit.engine.compiler import _WordCache

# Expected values below are worked out by hand from the tables' letter maps and rules.


@pytest.mark.parametrize(
    ("scheme", "source", "expected"),
    [
        # A capital with a several-letter output: Title case before lower case,
        # capitals inside an all-capitals word, and at a word end after a capital.
        ("uz-latn", "Шаҳар ШАҲАР", "Shahar SHAHAR"),
        ("uz-latn", "АҚШ", "AQSH"),
        # Inside a run of capitals a digraph is all capitals, even before a suffix.
        ("uz-latn", "АҚШга ТошШаҳар", "AQSHga ToshShahar"),
        ("kk-latn-2021", "ЧЕМПИОН Чемпион", "TŞEMPİON Tşempion"),
        # Mixed case inside a word: each capital follows its next letter.
        ("uz-latn", "ШаҲар", "ShaHar"),
        ("uz-latn", "ЩУка", "SHUka"),
        # A one-letter word takes the case of its nearest longer word on the same line.
        ("uz-latn", "Я ЎҚИЙМАН", "YA OʻQIYMAN"),
        ("uz-latn", "ЎҚИЙМАН Я", "OʻQIYMAN YA"),
        ("uz-latn", "Я ўқийман", "Ya oʻqiyman"),
        ("uz-latn", "Я\nЎҚИЙМАН", "Ya\nOʻQIYMAN"),
        ("uz-latn", "Я", "Ya"),
        # Turkic capitals come from the table, never from str.upper().
        ("kk-latn-2021", "И Й І", "İ İ I"),
        ("kk-latn-2021", "ИІ", "İI"),
    ],
)
def test_casing(scheme: str, source: str, expected: str) -> None:
    assert translit.transliterate(source, scheme) == expected


@pytest.mark.parametrize(
    ("scheme", "source", "expected"),
    [
        ("kk-latn-2021", "İRAN Ile ILE", "ИРАН Іле ІЛЕ"),
        ("uz-latn", "SHAHAR Shahar shahar", "ШАҲАР Шаҳар шаҳар"),
        ("ru-iso-9", "OBʺEKT Obʺekt", "ОБЪЕКТ Объект"),
        # A word with no cased letter takes the case of its neighbours.
        ("ru-iso-9", "ON ʺ ZNAL, on ʺ znal", "ОН Ъ ЗНАЛ, он ъ знал"),
    ],
)
def test_casing_on_the_way_back(scheme: str, source: str, expected: str) -> None:
    assert translit.transliterate(source, scheme, reverse=True) == expected


@pytest.mark.parametrize("scheme", ["kk-latn-2021", "uz-latn", "ru-iso-9"])
def test_text_outside_the_alphabet_passes_through(scheme: str) -> None:
    text = "2026-03-08 — «…» 東京 😀 \t\r\n ½ § ¶ ß"
    assert translit.transliterate(text, scheme) == text


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # Soft hyphens and zero-width characters belong to the word; contexts look
        # through them, and through stress marks (Uzbek §6, appendix 4.2, §17).
        ("тел\u00adефон", "tel\u00adefon"),
        ("до\u00adцент", "do\u00adtsent"),
        ("Ис\u00adҳоқ", "Isʼ\u00adhoq"),
        ("по\u0301езд", "po\u0301yezd"),  # the stress mark stays a mark after the Latin o
        ("ба\u200dер", "ba\u200dyer"),
        # A byte-order mark before a word leaves it at a word start.
        ("\ufeffЕр", "\ufeffYer"),
    ],
)
def test_invisible_characters_inside_words(source: str, expected: str) -> None:
    assert translit.transliterate(source, "uz-latn") == expected


def test_a_mark_the_table_uses_is_part_of_its_letter() -> None:
    assert translit.transliterate("F̀EODORʺ f̀ita", "ru-iso-9", reverse=True) == "ѲЕОДОРЪ ѳита"


# What a call returns depends on its own text only: not on earlier calls, on how full
# the cache is, or on other threads. Each text's expected value is what a converter
# that has seen nothing else gives; the shared converter has a cache of a few entries.
SHARED_TEXTS = [
    "Я ЎҚИЙМАН",
    "Я ўқийман",
    "Я",
    "ЮЛИЯ Я",
    "Ш ШАҲАР",
    "Ш шаҳар",
    "а б в г д е ж з",
    "Ё ЁЗ Ё",
    "Шаҳар ЯЎ",
]


def _fresh_outputs(scheme: str, texts: list[str]) -> list[str]:
    from translit.engine import compiler

    table = translit.get(scheme).table
    return [
        compiler.Converter(table.forward, table.upper_case, table.classes)(text) for text in texts
    ]


@pytest.mark.parametrize("limit", [1, 400, 2000])
def test_output_does_not_depend_on_earlier_calls_or_cache_size(
    monkeypatch: pytest.MonkeyPatch, limit: int
) -> None:
    from translit.engine import compiler

    monkeypatch.setattr(compiler, "CACHE_BYTES", limit)
    table = translit.get("uz-latn").table
    shared = compiler.Converter(table.forward, table.upper_case, table.classes)
    expected = _fresh_outputs("uz-latn", SHARED_TEXTS)
    assert expected[0] == "YA OʻQIYMAN" and expected[1] == "Ya oʻqiyman"
    for round_ in range(3):
        order = SHARED_TEXTS[round_:] + SHARED_TEXTS[:round_]
        assert [shared(text) for text in order] == expected[round_:] + expected[:round_]
    # The cache fills and starts afresh inside one call.
    many = " ".join("бв" * (n % 7 + 1) + "г" * (n // 7) for n in range(300))
    assert shared("Я ЎҚИЙМАН " + many).startswith("YA OʻQIYMAN bv")


def test_threads_sharing_a_converter_agree_with_a_fresh_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import threading

    from translit.engine import compiler

    monkeypatch.setattr(compiler, "CACHE_BYTES", 600)
    table = translit.get("uz-latn").table
    shared = compiler.Converter(table.forward, table.upper_case, table.classes)
    expected = dict(zip(SHARED_TEXTS, _fresh_outputs("uz-latn", SHARED_TEXTS), strict=True))
    wrong: list[tuple[str, str]] = []

    def work(offset: int) -> None:
        for step in range(3000):
            text = SHARED_TEXTS[(step + offset) % len(SHARED_TEXTS)]
            output = shared(text)
            if output != expected[text]:
                wrong.append((text, output))

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wrong == []


def test_the_cache_is_bounded_by_size_not_entries(monkeypatch: pytest.MonkeyPatch) -> None:
    from translit.engine import compiler

    monkeypatch.setattr(compiler, "CACHE_BYTES", 100_000)
    table = translit.get("ru-iso-9").table
    converter = compiler.Converter(table.forward, table.upper_case, table.classes)
    long_words = " ".join("щ" * 5000 + "а" * n for n in range(50))
    converter(long_words)
    cache = converter._cache
    held = sum(compiler.ENTRY_BYTES + 4 * (len(k) + len(v)) for k, v in cache.items())
    assert held <= 100_000 and len(cache) < 10


def test_latin_inside_cyrillic_text_is_kept() -> None:
    assert translit.transliterate("Telegram-канал", "ru-iso-9") == "Telegram-kanal"


def test_input_is_put_in_nfc() -> None:
    decomposed = "и\u0306ё"  # й and ё as base letter + combining mark
    assert translit.transliterate(decomposed, "ru-iso-9") == "jë"
    assert translit.transliterate("Oʻzbekiston", "uz-latn", reverse=True) == "Ўзбекистон"
    assert translit.transliterate("e\u0308z", "ru-iso-9", reverse=True) == "ёз"


def test_output_is_nfc_even_with_combining_marks_after_a_letter() -> None:
    # е + U+0308 composes to ё before conversion, so the output is ë, not e + U+0308.
    assert translit.transliterate("е\u0308", "ru-iso-9") == "\u00eb"


def test_empty_text() -> None:
    assert translit.transliterate("", "uz-latn") == ""


def test_only_str_is_accepted() -> None:
    with pytest.raises(TypeError, match="str"):
        translit.transliterate(b"abc", "uz-latn")  # type: ignore[arg-type]


def test_unknown_scheme_suggests_close_names() -> None:
    with pytest.raises(translit.UnknownSchemeError) as caught:
        translit.get("uz-lat")
    assert caught.value.suggestions[0] == "uz-latn"
    assert "uz-latn" in str(caught.value)
    assert isinstance(caught.value, LookupError)


def test_unknown_scheme_without_close_names_lists_the_available_ones() -> None:
    with pytest.raises(translit.UnknownSchemeError) as caught:
        translit.get("nosuch")
    assert "ru-iso-9" in str(caught.value) and "uz-latn" in str(caught.value)


def test_aliases_and_spelling_of_names() -> None:
    assert translit.get("UZ_LATN") is translit.get("uz-latn")
    assert translit.get("gost-7.79-a") is translit.get("ru-iso-9")


def test_two_tables_claiming_one_name_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from translit import registry

    for name, alias in (("aa-one", "shared"), ("bb-two", "shared")):
        (tmp_path / f"{name}.toml").write_text(f'[meta]\naliases = ["{alias}"]\n', "utf-8")
    monkeypatch.setattr(registry, "tables_dir", lambda: tmp_path)
    monkeypatch.setattr(registry, "_names", {})
    with pytest.raises(translit.TableError, match="'shared' already names aa-one"):
        translit.get("shared")


def test_one_malformed_table_does_not_break_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from translit import registry

    good = registry.table_path("ru-iso-9").read_text("utf-8")
    (tmp_path / "ru-iso-9.toml").write_text(good, "utf-8")
    (tmp_path / "aa-broken.toml").write_text("[meta\naliases = 5\n", "utf-8")
    (tmp_path / "bb-strange.toml").write_text("[meta]\naliases = 5\n", "utf-8")
    (tmp_path / "_partial.toml").write_text("format = 1\n", "utf-8")
    monkeypatch.setattr(registry, "tables_dir", lambda: tmp_path)
    monkeypatch.setattr(registry, "_names", {})
    monkeypatch.setattr(registry, "_transliterators", {})
    assert translit.transliterate("Щука", "gost-7.79-a") == "Ŝuka"
    with pytest.raises(translit.TableError, match=r"aa-broken\.toml"):
        translit.get("aa-broken")
    with pytest.raises(translit.UnknownSchemeError):
        translit.get("_partial")


def test_schemes_describe_what_is_available() -> None:
    infos = {info.id: info for info in translit.schemes()}
    assert infos["ru-iso-9"].reversible == "lossless"
    assert infos["uz-latn"].reversible == "lossy" and infos["uz-latn"].has_reverse
    assert infos["kk-latn-2021"].language == "kk"
    assert all(info.standard and info.name for info in infos.values())


def test_a_transliterator_pickles_by_id() -> None:
    transliterator = translit.get("uz-latn")
    copy = pickle.loads(pickle.dumps(transliterator))
    assert copy is transliterator
    assert copy("Тошкент") == "Toshkent"


def test_a_table_of_your_own_loads_from_its_file_and_shadows_nothing(tmp_path: Path) -> None:
    from translit import registry

    text = registry.table_path("ru-iso-9").read_text("utf-8")
    own = tmp_path / "ru-iso-9.toml"
    text = text.replace('"щ" = "ŝ"', '"щ" = "w"').replace('target = "', 'target = "w')
    own.write_text(text, "utf-8")
    mine = translit.load(own)
    assert mine("Щука") == "Wuka" and translit.transliterate("Щука", "ru-iso-9") == "Ŝuka"
    assert translit.load(str(own)) is mine


def test_a_pickle_knows_the_version_of_its_table(tmp_path: Path) -> None:
    from translit import registry

    text = registry.table_path("ru-iso-9").read_text("utf-8")
    own = tmp_path / "ru-iso-9.toml"
    own.write_text(text, "utf-8")
    pickled = pickle.dumps(translit.load(own))
    assert pickle.loads(pickled)("Щука") == "Ŝuka"
    own.write_text(text.replace("Russian, ISO 9", "Russian ISO 9"), "utf-8")
    with pytest.raises(translit.TableVersionError, match="differs"):
        pickle.loads(pickled)
    # A shipped scheme pickled with another table version fails the same way.
    shipped = pickle.dumps(translit.get("ru-iso-9"))
    assert pickle.loads(shipped) is translit.get("ru-iso-9")
    digest = translit.get("ru-iso-9").table.digest
    with pytest.raises(translit.TableVersionError):
        pickle.loads(shipped.replace(digest.encode(), b"0" * len(digest)))


def test_threads_share_a_transliterator() -> None:
    transliterator = translit.get("ru-iso-9")
    texts = [f"Щука номер {i} и ещё ЩУКА" * 50 for i in range(200)]
    expected = [transliterator(text) for text in texts]
    with ThreadPoolExecutor(max_workers=8) as pool:
        assert list(pool.map(transliterator, texts)) == expected


def test_the_word_cache_is_bounded() -> None:
    cache = _WordCache(str.upper, limit=3)
    for word in ["a", "b", "c", "d", "e"]:
        assert cache[word] == word.upper()
    assert len(cache) <= 3


def test_explain_names_the_rule_behind_each_piece() -> None:
    steps = translit.get("uz-latn").explain("Исҳоқ")
    assert [(s.source, s.output, s.origin) for s in steps] == [
        ("И", "I", "map.и"),
        ("с", "sʼ", "rules[7]"),
        ("ҳ", "h", "map.ҳ"),
        ("о", "o", "map.о"),
        ("қ", "q", "map.қ"),
    ]


def test_importing_translit_compiles_nothing() -> None:
    code = (
        "import sys, translit; "
        "print('regex' in sys.modules, 'translit.engine.compiler' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.split() == ["False", "False"]


# Pass-through text stays byte-identical, and a lossless table gives back what it took.
@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("за\u0301мок", "za\u0301mok"),  # a stress mark stays a mark, not Latin á
        ("ма\u0302ма", "ma\u0302ma"),  # a + U+0302 is not â (я) on the way back
        ("\u2126 ў қ", "\u2126 ў қ"),  # OHM SIGN, Uzbek and Kazakh letters: not Russian
        ("Ъ\u0301ЕМ", "ʺ\u0301EM"),
    ],
)
def test_iso_9_keeps_what_it_does_not_cover(cyrillic: str, latin: str) -> None:
    assert translit.transliterate(cyrillic, "ru-iso-9") == latin
    assert translit.transliterate(latin, "ru-iso-9", reverse=True) == cyrillic


def test_a_stressed_letter_converts_and_keeps_its_stress() -> None:
    # é is e + U+0301: e after the vowel o is э (1995 rules §6), the stress mark stays.
    assert translit.transliterate("poéziya", "uz-latn", reverse=True) == "поэ\u0301зия"
    assert translit.transliterate("Ѐ", "ru-iso-9") == "E\u0300"


# -- policies and conversion between schemes -----------------------------------------


def test_strict_names_the_first_open_letter_and_where_it_stands() -> None:
    with pytest.raises(translit.StrictPolicyError) as caught:
        translit.transliterate("Қала\nАзия Цех", "kk-latn-2018", policy="strict")
    error = caught.value
    assert (error.char, error.offset, error.line, error.column) == ("я", 8, 2, 4)
    # Text without such letters converts as by default.
    assert translit.transliterate("Қала", "kk-latn-2018", policy="strict") == "Qala"


def test_a_policy_must_exist_and_choose_forward_output() -> None:
    with pytest.raises(translit.UnknownPolicyError, match="spelling-2018"):
        translit.transliterate("Цех", "kk-latn-2018", policy="press")
    with pytest.raises(translit.UnknownPolicyError, match="none"):
        translit.transliterate("Ŝuka", "ru-iso-9", policy="keep")
    with pytest.raises(translit.UnknownPolicyError):
        translit.transliterate("Seh", "kk-latn-2018", reverse=True, policy="keep")


def test_policies_apply_to_batches_too() -> None:
    t = translit.get("kk-latn-2018")
    assert t.many(["Цирк", None], policy="spelling-2018") == ["Sırk", None]
    with pytest.raises(translit.StrictPolicyError):
        t.many(["Қала", "Цирк"], policy="strict")


def test_convert_between_latin_schemes_of_one_language() -> None:
    # 2018 letters back to Cyrillic, then the 2021 letters (worked out from both tables).
    text = "Qazaqstan Respýblıkasy, Shymkent"
    assert (
        translit.convert(text, "kk-latn-2018", "kk-latn-2021") == "Qazaqstan Respublikasy, Şymkent"
    )
    with pytest.raises(ValueError, match="one language"):
        translit.convert("x", "kk-latn-2018", "ru-iso-9")


def test_wrong_types_are_named() -> None:
    with pytest.raises(TypeError, match="not NoneType"):
        translit.transliterate("Щука", None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="not bytes"):
        translit.transliterate(b"x", "ru-iso-9")  # type: ignore[arg-type]


# -- words a table can only guess at ------------------------------------------------------


def test_warnings_name_the_words_a_table_cannot_settle() -> None:
    t = translit.get("uz-latn")
    # ye after a consonant is ъе or ье (appendix 3.1, 2.2a); at a word start it is е.
    found = t.warnings("Yetim\nobyekt", reverse=True)
    assert [(w.word, w.offset, w.line, w.column, w.letters) for w in found] == [
        ("obyekt", 6, 2, 1, ("ye",))
    ]
    # A word a stem or exception settles is not reported (atelye is an appendix stem).
    assert t.warnings("atelye", reverse=True) == []
    assert t.warnings("Шаҳар") == []  # the forward direction marks nothing


def test_strict_refuses_a_guess() -> None:
    assert translit.transliterate("yetim", "uz-latn", reverse=True, strict=True) == "етим"
    with pytest.raises(translit.AmbiguousWordError) as caught:
        translit.transliterate("Yetim obyekt", "uz-latn", reverse=True, strict=True)
    assert (caught.value.word, caught.value.column) == ("obyekt", 7)


def test_errors_cross_a_process_boundary() -> None:
    # A worker's error must reach the caller as itself: pickled with its arguments.
    errors: list[translit.TranslitError] = [
        translit.UnknownSchemeError("uz-lat", ["uz-latn"], available=["uz-latn"]),
        translit.NoReverseError("ru-icao"),
        translit.TableError("t.toml", "map.ж", "bad", line=3),
        translit.TableVersionError("ru-iso-9", None),
        translit.StrictPolicyError("kk-latn-2018", "я", 8, 2, 4),
    ]
    for error in errors:
        again = pickle.loads(pickle.dumps(error))
        assert type(again) is type(error) and str(again) == str(error)


def test_a_tied_pair_is_one_capital_when_case_comes_from_the_neighbours() -> None:
    # ALA-LC's t͡s is one letter (ц): T͡Sʹ has one capital, like Sʹ, so both take the case
    # of the next word with two capitals (docs/tables.md, [casing] units); worked out by hand.
    back = translit.get("ru-ala-lc").reverse
    assert back("Sʹ I͡AKUTSK") == "СЬ ЯКУТСК"
    assert back("T͡Sʹ I͡AKUTSK") == "ЦЬ ЯКУТСК"
    assert back("T͡Sʹ") == "Ць"

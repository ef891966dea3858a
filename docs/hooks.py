"""Pages the documentation site makes from the shipped tables, at every build.

An mkdocs hook (``hooks:`` in ``mkdocs.yml``). Nothing here is written by hand about any
one scheme: every fact on a scheme page, and every output on a comparison page, comes from
translit's own API (:func:`translit.schemes`, ``translit.get(id).table``, the
transliterator itself), so the site cannot disagree with the data. Adding a table to
``tables/`` adds its page, its line on the scheme list and its row on its language's
comparison page, with no other change.

- ``schemes/index.md``: every scheme, with what ``Щука`` and ``Қазақстан`` become.
- ``schemes/<id>.md``: one page per scheme.
- ``compare/<language>.md``: every scheme of one language on the same words.

The hook also shows the ``>>>`` examples of docstrings as code in the API reference that
mkdocstrings makes.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

import translit
from translit.table.model import Direction, Rule, Sample, Table
from translit.unmapped import finder

LANGUAGES = {
    "kaa": "Karakalpak",
    "kk": "Kazakh",
    "ky": "Kyrgyz",
    "ru": "Russian",
    "tg": "Tajik",
    "tk": "Turkmen",
    "uz": "Uzbek",
}
SCRIPTS = {"Cyrl": "Cyrillic", "Latn": "Latin"}

#: Words each comparison page shows, chosen to bring out where the schemes differ (the
#: letters a language adds to Russian, digraphs in Title case and in capitals, context
#: rules). A language missing here gets the words of its tables' samples.
WORDS = {
    "kaa": ["Қарақалпақстан", "ҚАРАҚАЛПАҚСТАН", "Нөкис", "Хожели", "Шымбай", "Әмиўдәрья",
            "Мойнақ", "Тақыятас"],
    "kk": ["Қазақстан", "ҚАЗАҚСТАН", "Өскемен", "Ұлытау", "Үкімет", "Іле", "ИРАН", "Шымкент",
           "Жаңаөзен", "Щучинск", "Аллаһ"],
    "ky": ["Кыргызстан", "КЫРГЫЗСТАН", "Бишкек", "Ысык-Көл", "Жалал-Абад", "Өзгөн", "Түп",
           "Чолпон-Ата", "Таң"],
    "ru": ["Щука", "ЩУКА", "Юлия", "Ёлка", "Елена", "съезд", "Ильин", "Хабаровск", "Цыганов",
           "Эльбрус"],
    "tg": ["Тоҷикистон", "ТОҶИКИСТОН", "Душанбе", "Хуҷанд", "Ҳисор", "Ғарм", "Қӯрғонтеппа",
           "Кӯлоб", "Ёвон"],
    "tk": ["Түркменистан", "ТҮРКМЕНИСТАН", "Ашгабат", "Дашогуз", "Түркменбашы", "Гөкдепе",
           "Әнев", "Җейхун"],
    "uz": ["Ўзбекистон", "ЎЗБЕКИСТОН", "Шаҳар", "ШАҲАР", "етим", "поезд", "Исҳоқ", "Ғалаба",
           "маъно", "бюджетни"],
}  # fmt: skip
#: One longer text per language, for the comparison pages.
SENTENCES = {
    "kaa": "Қарақалпақстан Республикасы Министрлер Кеңеси",
    "kk": "Қазақстан Республикасының Үкіметі",
    "ky": "Кыргыз Республикасынын Өкмөтү",
    "ru": "Съешь же ещё этих мягких французских булок, да выпей чаю.",
    "tg": "Ҳукумати Ҷумҳурии Тоҷикистон",
    "tk": "Түркменистаның Министрлер Кабинети",
    "uz": "Ўзбекистон Республикаси Вазирлар Маҳкамаси",
}
#: The words of the list of all schemes.
EVERY_SCHEME_WORDS = ["Щука", "Қазақстан"]

REVERSIBILITY = {
    "lossless": "lossless: the way back gives the source text exactly",
    "lossy": "lossy: there is a way back, but it cannot recover every distinction the "
    "scheme merges; the table's reverse rules pick the likeliest reading",
    "none": "none: the scheme goes one way only",
}
STATUS = {
    "stable": "stable",
    "provisional": "provisional: the standard is not yet in force, or a fact in the table "
    "is still to be checked; its output may change in a later version",
}
ORIGINS = {"standard": "the standard", "reference": "published references", "rules": "the rules"}
ARROWS = {"forward": "→", "reverse": "←", "both": "↔"}


# ---------------------------------------------------------------- mkdocs events


@event_priority(100)  # before mkdocstrings reads the Markdown extensions
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Add the docstring extension, and the generated pages to the navigation."""
    config.markdown_extensions.append(DocstringExtension())  # type: ignore[arg-type]
    config.nav = with_scheme_pages(config.nav or [])
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages."""
    for path, content in pages().items():
        files.append(File.generated(config, path, content=content))
    return files


def with_scheme_pages(nav: list[Any]) -> list[Any]:
    """The navigation with a section per language after the entry for schemes/index.md."""
    result: list[Any] = []
    for item in nav:
        if isinstance(item, dict) and len(item) == 1:
            ((title, value),) = item.items()
            if isinstance(value, list):
                if any(nav_target(entry) == "schemes/index.md" for entry in value):
                    value = [*value, *scheme_nav()]
                else:
                    value = with_scheme_pages(value)
                item = {title: value}
        result.append(item)
    return result


def nav_target(entry: Any) -> Any:
    if isinstance(entry, dict) and len(entry) == 1:
        return next(iter(entry.values()))
    return entry


def scheme_nav() -> list[dict[str, Any]]:
    """One nav section per language: its comparison page, then its schemes."""
    sections = []
    for language, infos in by_language().items():
        entries: list[Any] = [{"Side by side": f"compare/{language}.md"}]
        entries += [{info.id: f"schemes/{info.id}.md"} for info in infos]
        sections.append({language_name(language): entries})
    return sections


# ---------------------------------------------------------------- the pages


@cache
def pages() -> dict[str, str]:
    """Every generated page: its path under docs/ → its Markdown."""
    result = {"schemes/index.md": scheme_list_page()}
    for language in by_language():
        result[f"compare/{language}.md"] = comparison_page(language)
    for info in translit.schemes():
        result[f"schemes/{info.id}.md"] = scheme_page(info.id)
    return result


@cache
def by_language() -> dict[str, list[translit.SchemeInfo]]:
    """The schemes grouped by language, languages in the order of their English names."""
    groups: dict[str, list[translit.SchemeInfo]] = {}
    for info in translit.schemes():
        groups.setdefault(info.language, []).append(info)
    return dict(sorted(groups.items(), key=lambda item: language_name(item[0])))


def language_name(language: str) -> str:
    return LANGUAGES.get(language, language)


def scheme_list_page() -> str:
    """schemes/index.md: every scheme, grouped by language."""
    lines = [
        "# Schemes",
        "",
        f"translit has {len(translit.schemes())} schemes for {len(by_language())} languages. "
        "Each is one table in `tables/`, and each page below is made from its table when "
        "this site is built: the letters, the context rules with the paragraphs of the "
        "standard they implement, the samples (every one of them is also a test), and what "
        "happens to letters the scheme does not cover.",
        "",
        "Not sure which one you need? See [Which standard should I use?](../choosing.md). "
        "Each language's *side by side* page shows all its schemes on the same words.",
        "",
        "The last two columns show what translit makes of `Щука` (Russian for *pike*) and "
        "`Қазақстан` under each scheme. A letter a scheme does not cover passes through "
        "unchanged: under a scheme for Russian, the Kazakh `Қ` stays `Қ`.",
        "",
    ]
    for language, infos in by_language().items():
        name = language_name(language)
        lines += [
            f"## {name}",
            "",
            link(f"All {name} schemes side by side", f"../compare/{language}.md"),
            "",
        ]
        rows = []
        for info in infos:
            t = translit.get(info.id)
            rows.append(
                [
                    link(info.id, f"{info.id}.md"),
                    e(info.name),
                    e(info.status),
                    e(info.reversible),
                    *(code(t(word)) for word in EVERY_SCHEME_WORDS),
                ]
            )
        lines += [table_md(["scheme", "name", "status", "way back", *EVERY_SCHEME_WORDS], rows), ""]
    return "\n".join(lines)


def comparison_page(language: str) -> str:
    """compare/<language>.md: every scheme of one language on the same words."""
    infos = by_language()[language]
    name = language_name(language)
    words = WORDS.get(language) or sample_words(infos)
    lines = [
        f"# {name}: the schemes side by side",
        "",
        f"What each of the {len(infos)} {name} schemes makes of the same words, computed by "
        "translit when this page was built. Each scheme's page has its full letter table, "
        "its rules and its sources.",
        "",
        "## Words",
        "",
    ]
    rows = []
    for info in infos:
        t = translit.get(info.id)
        rows.append([scheme_link(info.id), *(code(t(word)) for word in words)])
    lines += [table_md(["scheme", *(code(w) for w in words)], rows), ""]

    sentence = SENTENCES.get(language)
    if sentence:
        lines += ["## A sentence", "", code(sentence), ""]
        rows = [[scheme_link(info.id), code(translit.get(info.id)(sentence))] for info in infos]
        lines += [table_md(["scheme", "output"], rows), ""]

    reversible = [info for info in infos if info.has_reverse]
    if reversible:
        lines += [
            "## And back",
            "",
            "Each scheme that has a way back, given its own output. A lossless scheme always "
            "gives the source back; a lossy one shows here where it cannot. A word in **bold** "
            "did not come back as it was.",
            "",
        ]
        rows = []
        for info in reversible:
            t = translit.get(info.id)
            cells = []
            for word in words:
                back = t.reverse(t(word))
                cells.append(code(back) if back == word else f"**{code(back)}**")
            rows.append([scheme_link(info.id), *cells])
        lines += [table_md(["scheme", *(code(w) for w in words)], rows), ""]
    return "\n".join(lines)


def scheme_link(scheme_id: str) -> str:
    return link(scheme_id, f"../schemes/{scheme_id}.md")


def sample_words(infos: Iterable[translit.SchemeInfo], limit: int = 8) -> list[str]:
    """Short source words from the schemes' own samples, for a language with no word list."""
    words: list[str] = []
    for info in infos:
        for sample in translit.get(info.id).table.samples:
            short = sample.direction != "reverse" and len(sample.source) <= 20
            if short and sample.source not in words:
                words.append(sample.source)
    return words[:limit]


# ---------------------------------------------------------------- one scheme


def scheme_page(scheme_id: str) -> str:
    """schemes/<id>.md: everything the table says, in the order a reader needs it."""
    return "\n".join(SchemePage(translit.get(scheme_id).table).lines())


@dataclass
class SchemePage:
    table: Table

    def lines(self) -> Iterator[str]:
        table = self.table
        yield f"# {table.id}"
        yield ""
        yield f"**{e(table.name)}**"
        yield ""
        if table.status == "provisional":
            yield '!!! warning "Provisional"'
            yield ""
            yield "    This scheme may still change: its standard is not yet in force, or a"
            yield "    fact in its table is still to be checked. The notes below say which."
            yield ""
        yield from self.summary()
        yield from self.try_it()
        yield from self.sources()
        yield from self.letters(table.forward)
        yield from self.rules(table.forward)
        yield from self.words(table.forward)
        yield from self.casing()
        yield from self.policies()
        yield from self.way_back()
        yield from self.samples()
        yield from self.uncovered()

    # -- the head of the page

    def summary(self) -> Iterator[str]:
        table = self.table
        rows = [
            ["language", f"{e(language_name(table.language))} ({code(table.language)})"],
            ["direction", " → ".join(scripts(table, reverse=False))],
            ["standard", e(table.standard)],
            ["status", e(STATUS.get(table.status, table.status))],
            ["way back", e(REVERSIBILITY.get(table.reversible, table.reversible))],
            ["aliases", ", ".join(code(alias) for alias in table.aliases) or "none"],
        ]
        bases = extended_tables(table)
        if bases:
            rows.append(["builds on", ", which builds on ".join(base_link(b) for b in bases)])
        lexicon = getattr(table, "lexicon", "")
        if lexicon:
            rows.append(["lexicon", lexicon_summary(lexicon)])
        rows.append(["table file", code(f"tables/{Path(table.path).name}")])
        language = language_name(table.language)
        rows.append(["compare", link(f"all {language} schemes", f"../compare/{table.language}.md")])
        yield table_md(["", ""], rows)
        yield ""

    def try_it(self) -> Iterator[str]:
        table = self.table
        t = translit.get(table.id)
        words = (WORDS.get(table.language) or sample_words([t.info]))[:2] or ["Щука"]
        text = " ".join(words)
        yield "## Try it"
        yield ""
        yield "```pycon"
        yield ">>> import translit"
        yield f">>> translit.transliterate({text!r}, {table.id!r})"
        yield repr(t(text))
        if table.reverse is not None:
            yield f">>> translit.transliterate({t(text)!r}, {table.id!r}, reverse=True)"
            yield repr(t.reverse(t(text)))
        yield "```"
        yield ""
        yield "```console"
        yield f"$ echo {shell_quote(text)} | translit {table.id}"
        yield t(text)
        yield "```"
        yield ""

    def sources(self) -> Iterator[str]:
        table = self.table
        yield "## Standard and sources"
        yield ""
        yield e(table.standard)
        yield ""
        for reference in table.references:
            yield f"- {e(reference)}"
        yield ""
        if table.notes.strip():
            yield "### Notes"
            yield ""
            yield paragraphs(table.notes)
            yield ""

    # -- letters, rules, words

    def letters(self, direction: Direction) -> Iterator[str]:
        table = self.table
        back = direction.name == "reverse"
        source_script, target_script = scripts(table, reverse=back)
        alphabet = table.target_alphabet if back else table.source_alphabet
        rules_by_key = self.rules_by_key(direction)
        if back:
            yield "### Letters of the way back"
        else:
            yield "## Letters"
            yield ""
            yield (
                f"Each {source_script} letter or group of letters, and what it becomes where no "
                "context rule applies. Capitals come from the small letters: the Title-case "
                "form before small letters, the all-capitals form inside a word in capitals. "
                "Code points are given for every character outside ASCII."
            )
        yield ""
        head = [source_script, "capital", target_script, "capital", "code points", "rules"]
        rows = []
        for key in ordered_keys(direction.letter_map, alphabet):
            output = direction.letter_map[key]
            rows.append(
                [
                    letter_cell(key),
                    code(title_case(key, table)),
                    code(output) or "*(nothing)*",
                    capital_forms(output, table) if output else "",
                    code_points(output),
                    ", ".join(rules_by_key.get(key, [])),
                ]
            )
        for char in alphabet:
            if char not in direction.letter_map:
                rows.append(
                    [
                        letter_cell(char),
                        code(title_case(char, table)),
                        "*by rules only*",
                        "",
                        "",
                        ", ".join(rules_by_key.get(char, [])),
                    ]
                )
        yield table_md(head, rows)
        yield ""

    def rules_by_key(self, direction: Direction) -> dict[str, list[str]]:
        """Letter map key → links to the rules whose letters start with it."""
        keys = set(direction.letter_map) | set(self.alphabet(direction))
        found: dict[str, list[str]] = {}
        for number, rule in enumerate(direction.rules, start=1):
            anchor = rule_anchor(direction, number)
            for key in sorted(key for key in keys if rule.match.startswith(key)):
                found.setdefault(key, []).append(f"[{number}](#{anchor})")
        return found

    def alphabet(self, direction: Direction) -> str:
        table = self.table
        return table.target_alphabet if direction.name == "reverse" else table.source_alphabet

    def rules(self, direction: Direction) -> Iterator[str]:
        back = direction.name == "reverse"
        rules = direction.rules
        if not rules:
            if not back:
                yield "## Context rules"
                yield ""
                yield "None: every letter is written the same way wherever it stands."
                yield ""
            return
        yield "### Rules of the way back" if back else "## Context rules"
        yield ""
        yield (
            "Tried in this order at each position of a word, before the letters above: the "
            "first rule whose letters and contexts hold wins. Contexts are read from the "
            "source text and never reach past the word. An inherited rule is named after the "
            "table it comes from. Each example is the first word of the table's samples that "
            "uses the rule."
        )
        yield ""
        examples = self.examples(reverse=back)
        rows = []
        for number, rule in enumerate(rules, start=1):
            rows.append(
                [
                    f'<span id="{rule_anchor(direction, number)}"></span>{number} '
                    f'<span class="cp">{e(rule.origin)}</span>',
                    rule_cell(rule),
                    note_cell(e(rule.note) + example(examples.get(rule.origin))),
                ]
            )
        head = ["", "rule", "the standard says"]
        yield table_md(head, rows)
        yield ""
        yield from self.classes([*rules, *direction.normalize])

    def classes(self, rules: list[Rule]) -> Iterator[str]:
        used = classes_used(rules)
        if not used:
            return
        yield "Letter classes the rules name:"
        yield ""
        rows = []
        for name in used:
            members = self.table.classes.get(name)
            shown = " ".join(code(m) for m in members) if members else "*any letter*"
            rows.append([code("{" + name + "}"), shown])
        yield table_md(["class", "letters"], rows)
        yield ""

    def examples(self, *, reverse: bool) -> dict[str, str]:
        """Rule origin → the first word of the samples that uses it, as 'word → output'.

        Rules never look past a word, so a word converts alone as it does in its sample.
        """
        t = translit.get(self.table.id)
        skip = "forward" if reverse else "reverse"
        found: dict[str, str] = {}
        for sample in self.table.samples:
            if sample.direction == skip:
                continue
            text = sample.target if reverse else sample.source
            for word in dict.fromkeys(text.split()):
                try:
                    steps = t.explain(word, reverse=reverse)
                    output = t.reverse(word) if reverse else t(word)
                except translit.TranslitError:
                    continue
                for step in steps:
                    if step.origin and step.origin not in found:
                        found[step.origin] = f"{code(word)} → {code(output)}"
        return found

    def words(self, direction: Direction) -> Iterator[str]:
        back = direction.name == "reverse"
        heading = "###" if back else "##"
        suffix = " of the way back" if back else ""
        stems = stems_of(direction)
        if stems:
            yield f"{heading} Word beginnings{suffix}"
            yield ""
            yield (
                f"{len(stems)} word beginnings (stems) with a fixed form; the rest of the word "
                "follows the rules."
            )
            yield ""
            rows = [[code(rule.match), code(rule.output)] for rule in stems]
            yield from collapsed(table_md(["stem", "written"], rows), len(rows), what="stems")
        if direction.exceptions:
            yield f"{heading} Exceptions{suffix}"
            yield ""
            yield (
                f"{len(direction.exceptions)} whole words with a fixed output, checked before "
                "any rule. The output takes the case of the word it replaces."
            )
            yield ""
            rows = [[code(word), code(out)] for word, out in sorted(direction.exceptions.items())]
            yield from collapsed(table_md(["word", "written"], rows), len(rows), what="words")
        if direction.normalize:
            yield f"{heading} Input normalization{suffix}"
            yield ""
            yield (
                "Before conversion, these rules rewrite the input in one pass (for example, "
                "look-alike apostrophes typed for a letter)."
            )
            yield ""
            rows = [[rule_cell(rule), note_cell(e(rule.note))] for rule in direction.normalize]
            yield table_md(["rule", "why"], rows)
            yield ""
            yield from self.classes(list(direction.normalize))

    def casing(self) -> Iterator[str]:
        table = self.table
        if not table.upper_case:
            return
        yield "## Capitals"
        yield ""
        yield (
            "Letters whose capital is not Unicode's. The same pairs are used to read capitals "
            "in the input."
        )
        yield ""
        rows = [
            [code(small), code(capital), code_points(small + capital)]
            for small, capital in sorted(table.upper_case.items())
        ]
        yield table_md(["small", "capital", "code points"], rows)
        yield ""

    def policies(self) -> Iterator[str]:
        """The choices for letters the standard leaves open, where the table has them."""
        table = self.table
        policies = getattr(table, "policies", None) or {}
        letters = getattr(table, "policy_letters", "")
        if not policies and not letters:
            return
        yield "## Letters the standard leaves open"
        yield ""
        yield (
            f"The standard does not say how to write {' '.join(code(c) for c in letters)}. "
            "The table's own choice is the `default` policy; `keep` leaves these letters as "
            "they are and `strict` stops at the first of them. A policy is chosen with "
            "`--policy NAME` on the command line or `policy=` in Python."
        )
        yield ""
        sample = "".join(letters[:4])
        default = {c: table.forward.letter_map.get(c, c) for c in letters}
        choices = [("default", "the table's own choice (see the notes)", default)]
        choices.append(("keep", "the letters stay as they are", {c: c for c in letters}))
        choices += [(name, policy.note, policy.letter_map) for name, policy in policies.items()]
        rows = []
        for name, note, letter_map in choices:
            shown = ", ".join(
                f"{code(k)} → {code(v) or '*(nothing)*'}" for k, v in letter_map.items()
            )
            try:
                example = code(translit.transliterate(sample, table.id, policy=name))
            except (TypeError, translit.TranslitError):
                example = ""
            rows.append([code(name), e(note), shown, example])
        rows.append([code("strict"), "an error at the first of these letters", "", ""])
        yield table_md(["policy", "what it is", "letters", code(sample)], rows)
        yield ""

    def way_back(self) -> Iterator[str]:
        table = self.table
        yield "## The way back"
        yield ""
        if table.reverse is None:
            yield (
                f"{table.id} goes one way only: `translit -r {table.id}` is a usage error, and "
                "`reverse=True` raises `NoReverseError`. Several letters share an output, so "
                "the source cannot be told from the result; the notes above say which."
            )
            yield ""
            return
        yield e(REVERSIBILITY[table.reversible]).capitalize() + "."
        yield ""
        yield from self.letters(table.reverse)
        yield from self.rules(table.reverse)
        yield from self.words(table.reverse)

    def samples(self) -> Iterator[str]:
        table = self.table
        yield "## Samples"
        yield ""
        counts: dict[str, int] = {}
        for sample in table.samples:
            counts[sample.origin] = counts.get(sample.origin, 0) + 1
        origins = ", ".join(f"{n} from {ORIGINS.get(o, o)}" for o, n in sorted(counts.items()))
        yield (
            f"{len(table.samples)} samples ({origins}). Each is run as a test of translit in "
            "the direction shown: → forward, ← back, ↔ both."
        )
        yield ""
        rows = [sample_row(sample) for sample in table.samples]
        yield table_md(["source", "", "target", "from", "note"], rows)
        yield ""

    def uncovered(self) -> Iterator[str]:
        table = self.table
        yield "## Letters it does not cover"
        yield ""
        yield (
            "Anything the table does not name passes through unchanged: digits, punctuation, "
            "spaces, and letters of other scripts and other alphabets. To find the letters of "
            "the scheme's own script that it leaves as they are, use `--warn-unmapped` or "
            "`--strict` on the [command line](../cli.md), or `translit.unmapped.unmapped()` "
            "in Python."
        )
        yield ""
        directions = [(False, table.source_script)]
        if table.reverse is not None:
            directions.append((True, table.target_script))
        for back, script in directions:
            letters = uncovered_letters(table.id, script, reverse=back)
            way = "on the way back" if back else "forward"
            name = script_name(script)
            if letters:
                yield (
                    f"{name} letters that other schemes of translit use and that "
                    f"{table.id} leaves as they are ({way}):"
                )
                yield ""
                yield " ".join(letter_cell(char) for char in letters)
            else:
                yield (
                    f"{way.capitalize()}, {table.id} covers every {name} letter that any "
                    "scheme of translit uses."
                )
            yield ""


def rule_cell(rule: Rule) -> str:
    """'letters → output', then the contexts the rule needs."""
    parts = [f"{code(rule.match)} → {code(rule.output) or '*(nothing)*'}"]
    if rule.before:
        parts.append(contexts(rule.before, side="before"))
    if rule.after:
        parts.append(contexts(rule.after, side="after"))
    return "<br>".join(parts)


def note_cell(text: str) -> str:
    """A cell of prose, kept wide enough to read beside narrow columns."""
    return f'<span class="note">{text}</span>' if text else ""


def example(text: str | None) -> str:
    return f"<br>Example: {text}" if text else ""


def sample_row(sample: Sample) -> list[str]:
    return [
        code(sample.source),
        ARROWS.get(sample.direction, sample.direction),
        code(sample.target),
        e(sample.origin),
        e(sample.note),
    ]


# ---------------------------------------------------------------- facts from the tables


def extended_tables(table: Table) -> list[str]:
    """The tables this one builds on with ``extends``, nearest first."""
    return list(table.extends)


def base_link(name: str) -> str:
    if name.startswith("_"):
        return f"{code(name)} (letters shared by several tables; not a scheme)"
    return link(name, f"{name}.md")


def lexicon_summary(path: str) -> str:
    try:
        from translit.table.lexicon import read_lexicon

        forward = read_lexicon(path, reverse=False)
        back = read_lexicon(path, reverse=True)
    except Exception:
        return code(Path(path).name)
    return (
        f"{code(Path(path).name)}: {len(forward.words)} words and {len(forward.stems)} word "
        f"beginnings forward, {len(back.words)} words and {len(back.stems)} word beginnings back"
    )


def stems_of(direction: Direction) -> tuple[Rule, ...]:
    stems = getattr(direction, "stems", None)
    if stems is not None:
        return tuple(stems)
    return tuple(rule for rule in direction.rules if rule.origin.startswith("stems."))


def ordered_keys(letter_map: dict[str, str], alphabet: str) -> list[str]:
    """Map keys in alphabet order; keys of several letters after their first letter."""
    position = {char: index for index, char in enumerate(alphabet)}

    def key(text: str) -> tuple[int, int, str]:
        return (position.get(text[0], len(position)), len(text), text)

    return sorted(letter_map, key=key)


def scripts(table: Table, *, reverse: bool) -> tuple[str, str]:
    source, target = script_name(table.source_script), script_name(table.target_script)
    return (target, source) if reverse else (source, target)


def script_name(script: str) -> str:
    return SCRIPTS.get(script, script)


@cache
def candidate_letters(script: str) -> str:
    """The small letters of ``script`` that any shipped table reads or writes."""
    letters: set[str] = set()
    for info in translit.schemes():
        table = translit.get(info.id).table
        sides = [
            (table.source_script, table.source_alphabet, table.forward.letter_map.keys()),
            (table.target_script, table.target_alphabet, table.forward.letter_map.values()),
        ]
        for side_script, alphabet, texts in sides:
            if side_script == script:
                letters.update(alphabet)
                letters.update(char for text in texts for char in text)
    if script == "Latn":
        letters.update("abcdefghijklmnopqrstuvwxyz")
    return "".join(sorted(c for c in letters if unicodedata.category(c) == "Ll"))


def uncovered_letters(scheme_id: str, script: str, *, reverse: bool) -> list[str]:
    text = " ".join(candidate_letters(script))
    return [found.char for found in finder(scheme_id, reverse=reverse)(text)]


def classes_used(rules: Iterable[Rule]) -> list[str]:
    names: list[str] = []
    for rule in rules:
        for pattern in (rule.match, *rule.before, *rule.after):
            for name in re.findall(r"(?<!\\)\{([^{}]+)\}", pattern):
                if name not in names:
                    names.append(name)
    return names


def rule_anchor(direction: Direction, number: int) -> str:
    return f"{'back-' if direction.name == 'reverse' else ''}rule-{number}"


# ---------------------------------------------------------------- formatting
#
# Pages are Markdown, so that mkdocs checks every link (``--strict``). Text from the tables
# goes through e() or code(), so nothing in it is read as Markdown or HTML.

MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}|#<>!~])")


def e(text: str) -> str:
    """Inline text from a table, with nothing Markdown or HTML could read inside it."""
    text = " ".join(text.split())
    text = MARKDOWN_SPECIAL.sub(r"\\\1", text.replace("&", "&amp;"))
    return text


def code(text: str) -> str:
    """A code span holding ``text`` exactly, whatever backticks it holds."""
    if not text:
        return ""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or longest else ""
    if text.strip() != text or not text.strip():
        return f"<code>{html.escape(text).replace(' ', '&nbsp;')}</code>"
    return f"{fence}{pad}{text}{pad}{fence}"


def link(text: str, path: str) -> str:
    """A Markdown link to a page, by its path relative to the page: mkdocs checks it."""
    return f"[{e(text)}]({path})"


def table_md(head: list[str], rows: list[list[str]]) -> str:
    """A Markdown table; a table without a head gets an empty one."""
    width = max([len(head), *(len(row) for row in rows)])
    head = head + [""] * (width - len(head))
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * width]
    for row in rows:
        cells = [cell.replace("\n", " ") for cell in row] + [""] * (width - len(row))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def collapsed(markdown_table: str, count: int, *, what: str, limit: int = 40) -> Iterator[str]:
    """A long table folded away (pymdownx.details), a short one as it is."""
    if count <= limit:
        yield markdown_table
    else:
        yield f'??? note "All {count} {what}"'
        yield ""
        yield "\n".join("    " + line for line in markdown_table.splitlines())
    yield ""


def paragraphs(text: str) -> str:
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text.strip()) if block.strip()]
    return "\n\n".join(e(block) for block in blocks)


def letter_cell(text: str) -> str:
    """A letter with its code points, which tell look-alikes apart (і U+0456, i U+0069)."""
    points = " ".join(f"U+{ord(c):04X}" for c in text)
    return f'{code(text)} <span class="cp">{points}</span>'


def code_points(text: str) -> str:
    """The code points of the characters of ``text`` outside ASCII, with their names."""
    seen: list[str] = []
    for char in text:
        if ord(char) > 0x7F and char not in seen:
            seen.append(char)
    return "<br>".join(
        f'<span class="cp">U+{ord(c):04X}</span> {e(unicodedata.name(c, "").lower())}' for c in seen
    )


def upper(char: str, table: Table) -> str:
    return table.upper_case.get(char) or char.upper()


def title_case(text: str, table: Table) -> str:
    for index, char in enumerate(text):
        if char.lower() != char.upper() or char in table.upper_case:
            return text[:index] + upper(char, table) + text[index + 1 :]
    return text


def capital_forms(text: str, table: Table) -> str:
    """The Title-case form, and the all-capitals form where it differs."""
    title = title_case(text, table)
    caps = "".join(upper(char, table) for char in text)
    return code(title) if title == caps else f"{code(title)} · {code(caps)}"


def contexts(patterns: tuple[str, ...], *, side: str) -> str:
    """Where a rule applies, in words: 'at the start of a word or after `{vowel}`'."""
    shown = []
    for pattern in patterns:
        if pattern == "#":
            shown.append("at the start of a word" if side == "before" else "at the end of a word")
        else:
            shown.append(("after " if side == "before" else "before ") + code(pattern))
    return " or ".join(shown)


def shell_quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


# ---------------------------------------------------------------- docstrings


class DoctestFences(Preprocessor):
    """Show docstrings' ``>>>`` sessions as Python code, and their reST roles as code.

    translit's docstrings are written for ``help()`` and doctest: a session is a run of
    lines starting with ``>>>``, ``...`` or the output, ended by a blank line, and names
    are written as reST roles (``:func:`translit.schemes```). Markdown would read ``>>>``
    as nested quotes. Lines inside fenced code blocks are left alone.
    """

    FENCE = re.compile(r"^\s*(```|~~~)")
    ROLE = re.compile(r":(?:func|class|mod|meth|attr|exc|data|obj):`~?([^`]+)`")

    def run(self, lines: list[str]) -> list[str]:
        result: list[str] = []
        inside_fence = False
        session: list[str] = []
        indent = ""
        for line in [*lines, ""]:
            if session:
                if line.strip():
                    session.append(line)
                    continue
                result += [f"{indent}```pycon", *session, f"{indent}```"]
                session = []
            if self.FENCE.match(line):
                inside_fence = not inside_fence
            elif not inside_fence and line.lstrip().startswith(">>>"):
                indent = line[: len(line) - len(line.lstrip())]
                session = [line]
                continue
            if not inside_fence:
                line = self.ROLE.sub(lambda m: f"`{m.group(1)}`", line)
            result.append(line)
        return result[:-1] if result and result[-1] == "" and lines[-1:] != [""] else result


class DocstringExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # Before the fenced code preprocessors (priority 25 and 30), which then read our fences.
        md.preprocessors.register(DoctestFences(md), "translit_doctest_fences", 40)

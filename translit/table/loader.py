"""Read one table file, check it, and build a :class:`~translit.table.model.Table`.

A table with a mistake fails here, at load time, with a
:class:`~translit.errors.TableError` naming the file, the line and the key;
it never produces wrong text later. The format is described in
``docs/tables.md``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NoReturn, cast

import unicodedata2

from translit.errors import TableError
from translit.table import notation, shadowing, spans
from translit.table.cache import digest_of
from translit.table.model import (
    BUILTIN_POLICIES,
    Direction,
    Policy,
    Reversibility,
    Rule,
    Sample,
    SampleDirection,
    Table,
)

FORMAT_VERSION = 1

TOP_KEYS = {
    "format", "extends", "replace", "meta", "alphabet", "classes", "casing", "map", "rules",
    "stems", "exceptions", "reverse", "protect", "policies", "prefixes", "samples",
}  # fmt: skip
#: What a table takes from the one it extends; ``meta`` and ``samples`` are its own.
INHERITED = (
    "alphabet", "classes", "casing", "map", "rules", "stems", "exceptions", "reverse", "protect",
    "policies", "prefixes",
)  # fmt: skip
#: Sections a partial table (a file named ``_name.toml``) may hold.
PARTIAL_KEYS = {"format", "extends", "replace", *INHERITED}
#: Arrays an extending table adds to: its own entries first, then the base's.
ADDED_ARRAYS = {
    ("rules",), ("prefixes",), ("reverse", "rules"), ("reverse", "normalize"), ("reverse", "drop"),
}  # fmt: skip
META_REQUIRED = {
    "id", "name", "language", "source_script", "target_script", "standard", "reversible",
}  # fmt: skip
META_OPTIONAL = {"aliases", "references", "status", "notes", "lexicon"}
RULE_KEYS = {
    "match", "output", "before", "after", "note", "capital", "word_has", "word_lacks",
}  # fmt: skip
PREFIX_KEYS = {"output", "word_has", "word_lacks", "note"}
REVERSE_KEYS = {
    "map", "rules", "stems", "exceptions", "normalize", "drop", "capitalize", "ambiguous",
}  # fmt: skip
SAMPLE_KEYS = {"source", "target", "direction", "origin", "note", "policy"}
POLICY_KEYS = {"note", "map", "rules"}
#: Keys of ``[casing]`` that are not letters.
CASING_OPTIONS = {"units", "output"}
ID_PATTERN = re.compile(r"[a-z]{2,3}(-[a-z0-9.]+)+")
REVERSIBILITY = ("lossless", "lossy", "none")
SAMPLE_DIRECTIONS = ("forward", "reverse", "both")
SAMPLE_ORIGINS = ("standard", "reference", "rules")
STATUSES = ("stable", "provisional")

KeyPath = tuple[str | int, ...]
#: Where a value of a merged table was written: the file and its key there.
Place = tuple[Path, KeyPath]


def load_table(path: str | Path) -> Table:
    """Load and check the table at ``path``, with the tables it extends.

    >>> from translit.registry import table_path
    >>> table = load_table(table_path("uz-latn"))
    >>> table.id, table.forward.letter_map["ў"]
    ('uz-latn', 'oʻ')
    """
    path = Path(path)
    if is_partial(path):
        raise TableError(str(path), "", "a partial table is only read by tables that extend it")
    return _TableReader(_gather(path, ())).read()


def read_aliases(path: str | Path) -> tuple[str, ...]:
    """The aliases a table declares, checked as a full load checks them.

    Reads only the file itself, so listing the schemes stays cheap.

    >>> from translit.registry import table_path
    >>> "ru-gost-7.79-a" in read_aliases(table_path("ru-iso-9"))
    True
    """
    path = Path(path)
    text, data = _parse(path)
    reader = _TableReader(_Gathered(path, text, data))
    meta = reader.expect(("meta",), data.get("meta", {}), dict, "a table [meta]")
    return reader.strings(("meta", "aliases"), meta.get("aliases", []))


def is_partial(path: Path) -> bool:
    """Whether a file holds shared sections for other tables, not a scheme.

    >>> is_partial(Path("tables/_ru-common.toml")), is_partial(Path("tables/ru-iso-9.toml"))
    (True, False)
    """
    return path.name.startswith("_")


def _parse(path: Path) -> tuple[str, dict[str, Any]]:
    """The text of a table file and its TOML, or a TableError."""
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as err:
        raise TableError(str(path), "", f"cannot be read: {err.strerror}") from None
    except UnicodeDecodeError as err:
        raise TableError(str(path), "", f"not UTF-8 at byte {err.start}") from None
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise TableError(str(path), "", f"not valid TOML: {err}") from None


class _Gathered:
    """A table's TOML merged with the tables it extends, and where each part was written."""

    def __init__(self, path: Path, text: str, data: dict[str, Any]) -> None:
        self.path = path
        self.data = data
        #: Each file's text, this table's first, then the tables it extends.
        self.texts: dict[Path, str] = {path: text}
        #: The tables this one extends, nearest first.
        self.chain: tuple[str, ...] = ()
        #: Each file's keys and their line numbers, found only when an error needs one.
        self.lines: dict[Path, dict[KeyPath, int]] = {}
        #: Parts that came from another file, by their key in ``data``; the longest
        #: key that is a prefix of a path says where it was written.
        self.places: dict[KeyPath, Place] = {}

    def place(self, key: KeyPath) -> Place:
        """The file and the key there where ``data``'s ``key`` was written."""
        for length in range(len(key), 0, -1):
            found = self.places.get(key[:length])
            if found is not None:
                return found[0], found[1] + key[length:]
        return self.path, key

    def line(self, place: Place) -> int | None:
        path, key = place
        if path not in self.lines and path in self.texts:
            self.lines[path] = key_lines(self.texts[path])
        lines = self.lines.get(path, {})
        for length in range(len(key), 0, -1):
            if key[:length] in lines:
                return lines[key[:length]]
        return None

    def fail(self, key: KeyPath, problem: str) -> NoReturn:
        path, here = self.place(key)
        raise TableError(str(path), format_key(here), problem, line=self.line((path, here)))


def _gather(path: Path, chain: tuple[Path, ...]) -> _Gathered:
    """Read a table file and, through ``extends``, every table below it."""
    text, data = _parse(path)
    gathered = _Gathered(path, text, data)
    if is_partial(path):
        for name in data:
            if name not in PARTIAL_KEYS:
                gathered.fail(
                    (name,),
                    "a partial table holds only shared sections: "
                    + ", ".join(sorted(PARTIAL_KEYS)),
                )
        if data.get("format") != FORMAT_VERSION:
            gathered.fail(("format",), f"must be {FORMAT_VERSION}")
    if "extends" not in data:
        return gathered
    name = data["extends"]
    if not isinstance(name, str) or not name:
        gathered.fail(("extends",), "must name a table: a scheme id or a partial '_name'")
    base_path = path.parent / f"{name}.toml"
    if base_path == path or base_path in chain:
        gathered.fail(("extends",), f"{name!r} extends this table again: a circle")
    if not base_path.is_file():
        gathered.fail(("extends",), f"no table {name!r} next to this one")
    base = _gather(base_path, (*chain, path))
    gathered.chain = (name, *base.chain)
    gathered.texts |= base.texts
    replaced = _replaced(gathered)
    merged = dict(data)
    for section in INHERITED:
        if section in base.data:
            merged[section] = _merge((section,), base.data[section], data, gathered, base, replaced)
    gathered.data = merged
    return gathered


#: Sections ``replace`` may name: what an extending table can take whole from itself.
REPLACEABLE = {
    *((name,) for name in INHERITED),
    *(("reverse", name) for name in ("map", "rules", "stems", "exceptions", "normalize", "drop")),
}


def _replaced(gathered: _Gathered) -> set[KeyPath]:
    """The sections ``replace`` names: the extending table's own, not merged with the base's."""
    names = gathered.data.get("replace", [])
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        gathered.fail(("replace",), 'must be a list of section names, such as "reverse.rules"')
    found = set()
    for name in names:
        key = tuple(name.split("."))
        if key not in REPLACEABLE:
            allowed = ", ".join(sorted(".".join(k) for k in REPLACEABLE))
            gathered.fail(("replace",), f"{name!r} is no section to replace ({allowed})")
        found.add(key)
    return found


def _merge(
    key: KeyPath,
    base_value: Any,
    child: dict[str, Any],
    into: _Gathered,
    base: _Gathered,
    replaced: set[KeyPath],
) -> Any:
    """The value at ``key`` of a table that extends ``base``: tables merge key by key
    (the child's entries win), the arrays of ADDED_ARRAYS are the child's then the
    base's, anything else is the child's if it has one. ``child`` holds ``key[-1]``."""
    name = key[-1]
    assert isinstance(name, str)
    if key in replaced:
        return child.get(name, [] if isinstance(base_value, list) else {})
    inside = any(len(r) > len(key) and r[: len(key)] == key for r in replaced)
    if name not in child and not inside:
        _inherit(key, key, into, base)
        return base_value
    value = child.get(name, {})
    if key in ADDED_ARRAYS and isinstance(value, list) and isinstance(base_value, list):
        for index in range(len(base_value)):
            _inherit((*key, len(value) + index), (*key, index), into, base)
        return value + base_value
    if isinstance(value, dict) and isinstance(base_value, dict):
        merged = dict(base_value)
        for inner, inner_base in base_value.items():
            merged[inner] = _merge((*key, inner), inner_base, value, into, base, replaced)
        merged.update({inner: v for inner, v in value.items() if inner not in base_value})
        return merged
    return value


def _inherit(key: KeyPath, base_key: KeyPath, into: _Gathered, base: _Gathered) -> None:
    """Record that ``into``'s ``key`` is ``base``'s ``base_key``, with all below it."""
    into.places[key] = base.place(base_key)
    for deeper, place in base.places.items():
        if deeper[: len(base_key)] == base_key and len(deeper) > len(base_key):
            into.places[(*key, *deeper[len(base_key) :])] = place


class _TableReader:
    """Checks one parsed table; every failure names the file, line and key."""

    def __init__(self, gathered: _Gathered) -> None:
        self.gathered = gathered
        self.path = gathered.path
        self.data = gathered.data
        #: The key path of each rule, by its origin (stems and inherited rules make
        #: a rule's place in its direction differ from its place in the file).
        self.rule_keys: dict[str, KeyPath] = {}
        self.classes: dict[str, tuple[str, ...]] = {}
        self.upper_case: dict[str, str] = {}
        self.lower_case: dict[str, str] = {}

    # -- reporting ---------------------------------------------------------

    def fail(self, key: KeyPath, problem: str) -> NoReturn:
        self.gathered.fail(key, problem)

    def origin(self, key: KeyPath) -> str:
        """A rule's name in ``explain``: its key, after its table's id if inherited."""
        path, here = self.gathered.place(key)
        name = format_key(here)
        return name if path == self.path else f"{path.stem}:{name}"

    def expect(self, key: KeyPath, value: Any, kind: type, what: str) -> Any:
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            self.fail(key, f"must be {what}, not {type(value).__name__}")
        return value

    def check_keys(self, key: KeyPath, table: dict[str, Any], allowed: Iterable[str]) -> None:
        allowed = set(allowed)
        for name in table:
            if name not in allowed:
                hint = ", ".join(sorted(allowed))
                self.fail((*key, name), f"unknown key (expected one of: {hint})")

    # -- the whole table ---------------------------------------------------

    def read(self) -> Table:
        data = self.data
        self.check_keys((), data, TOP_KEYS)
        if data.get("format") != FORMAT_VERSION:
            self.fail(("format",), f"must be {FORMAT_VERSION}")
        meta = self.expect(("meta",), data.get("meta"), dict, "a table [meta]")
        self.check_keys(("meta",), meta, META_REQUIRED | META_OPTIONAL)
        for name in sorted(META_REQUIRED - meta.keys()):
            self.fail(("meta",), f"missing required key {name!r}")
        table_id = self.string(("meta", "id"), meta["id"])
        if not ID_PATTERN.fullmatch(table_id):
            self.fail(("meta", "id"), "must look like 'language-system' in lower case")
        if table_id != self.path.stem:
            self.fail(("meta", "id"), f"must equal the file name {self.path.stem!r}")
        reversible = self.string(("meta", "reversible"), meta["reversible"])
        if reversible not in REVERSIBILITY:
            self.fail(("meta", "reversible"), f"must be one of {', '.join(REVERSIBILITY)}")
        if (reversible == "none") != ("reverse" not in data):
            self.fail(
                ("meta", "reversible"),
                "a table with a [reverse] section is 'lossless' or 'lossy'; without one, 'none'",
            )

        self.read_casing()
        self.read_classes()
        alphabet = self.expect(("alphabet",), data.get("alphabet", {}), dict, "a table")
        self.check_keys(("alphabet",), alphabet, {"source", "target"})
        source_alphabet = self.string(("alphabet", "source"), alphabet.get("source", ""))
        target_alphabet = self.string(("alphabet", "target"), alphabet.get("target", ""))

        stems = self.word_map(("stems",), data.get("stems", {}))
        lexicon = self.lexicon(meta.get("lexicon", ""))
        protect_forward, protect_reverse = self.protect(reversible)
        units, all_capitals = self.casing_options()
        source_script = self.string(("meta", "source_script"), meta["source_script"])
        target_script = self.string(("meta", "target_script"), meta["target_script"])
        forward = Direction(
            name="forward",
            letter_map=self.letter_map(("map",), data.get("map", {})),
            rules=self.rules(("rules",), data.get("rules", []), allow_class_match=False),
            exceptions=self.word_map(("exceptions",), data.get("exceptions", {})),
            stems=self.stem_rules(("stems",), stems),
            lexicon=lexicon,
            protect=protect_forward,
            script=source_script,
            alphabet=source_alphabet,
            capital_units=units,
            all_capitals=all_capitals,
            prefixes=self.prefixes(("prefixes",), data.get("prefixes", [])),
        )
        if reversible == "lossless":
            self.check_lossless(forward)
        reverse = (
            self.read_reverse(forward, stems, lexicon)._replace(
                protect=protect_reverse,
                script=target_script,
                alphabet=target_alphabet,
                capital_units=units,
            )
            if "reverse" in data
            else None
        )
        self.check_alphabet((), forward, target_alphabet, source_alphabet)
        self.check_contexts(forward)
        if reverse is not None:
            self.check_alphabet(("reverse",), reverse, source_alphabet, target_alphabet)
            self.check_contexts(reverse)
        policy_letters, policies = self.policies(forward)
        for name, policy in policies.items():
            variant = forward._replace(
                letter_map=forward.letter_map | policy.letter_map,
                rules=policy.rules + forward.rules,
            )
            self.check_alphabet(("policies", name), variant, target_alphabet, source_alphabet)
            self.check_contexts(variant)

        return Table(
            id=table_id,
            name=self.string(("meta", "name"), meta["name"]),
            language=self.string(("meta", "language"), meta["language"]),
            source_script=source_script,
            target_script=target_script,
            standard=self.string(("meta", "standard"), meta["standard"]),
            references=self.strings(("meta", "references"), meta.get("references", [])),
            reversible=cast(Reversibility, reversible),
            status=self.status(meta.get("status", "stable")),
            notes=self.string(("meta", "notes"), meta.get("notes", "")),
            aliases=self.strings(("meta", "aliases"), meta.get("aliases", [])),
            path=str(self.path),
            extends=self.gathered.chain,
            lexicon=lexicon,
            digest=self.digest(),
            classes=self.classes,
            upper_case=self.upper_case,
            source_alphabet=source_alphabet,
            target_alphabet=target_alphabet,
            forward=forward,
            reverse=reverse,
            samples=self.samples(
                data.get("samples", []), has_reverse=reverse is not None, policies=policies
            ),
            policy_letters=policy_letters,
            policies=policies,
        )

    # -- pieces --------------------------------------------------------------

    def digest(self) -> str:
        return digest_of((path.name, text.encode()) for path, text in self.gathered.texts.items())

    def string(self, key: KeyPath, value: Any) -> str:
        text = cast(str, self.expect(key, value, str, "a string"))
        if unicodedata2.normalize("NFC", text) != text:
            self.fail(key, "must be in Unicode NFC (compose it)")
        return text

    def strings(self, key: KeyPath, value: Any) -> tuple[str, ...]:
        if isinstance(value, str):
            return (self.string(key, value),)
        items = self.expect(key, value, list, "a string or a list of strings")
        return tuple(self.string((*key, i), item) for i, item in enumerate(items))

    def status(self, value: Any) -> str:
        status = self.string(("meta", "status"), value)
        if status not in STATUSES:
            self.fail(("meta", "status"), f"must be one of {', '.join(STATUSES)}")
        return status

    def lower(self, text: str) -> str:
        """Lower case as the table defines it (its [casing] pairs first)."""
        return "".join(self.lower_case.get(c) or _lower_char(c) for c in text)

    def output(self, key: KeyPath, value: Any) -> str:
        text = self.string(key, value)
        if self.lower(text) != text:
            self.fail(key, f"output {text!r} must be lower case; the engine derives capitals")
        return text

    def lower_case_key(self, key: KeyPath, text: str) -> str:
        if self.lower(text) != text:
            self.fail(key, f"{text!r} must be written in lower case; the engine derives capitals")
        return text

    def read_casing(self) -> None:
        casing = self.expect(("casing",), self.data.get("casing", {}), dict, "a table")
        for lower, upper in casing.items():
            key = ("casing", lower)
            if lower in CASING_OPTIONS:
                continue
            upper = self.string(key, upper)
            if len(lower) != 1 or len(upper) != 1:
                self.fail(key, "pairs one lower-case letter with one capital")
            if not lower.islower() or not upper.isupper():
                self.fail(key, f"{lower!r} must be a lower-case letter and {upper!r} a capital")
            if upper in self.lower_case:
                self.fail(key, f"{upper!r} is already the capital of {self.lower_case[upper]!r}")
            self.upper_case[lower] = upper
            self.lower_case[upper] = lower

    def casing_options(self) -> tuple[frozenset[str], bool]:
        """``[casing]``'s ``units`` (outputs written as one letter) and ``output``."""
        casing = self.data.get("casing", {})
        units = frozenset(self.strings(("casing", "units"), casing.get("units", [])))
        for unit in units:
            if self.lower(unit) != unit or len(unit) < 2:
                self.fail(
                    ("casing", "units"), f"{unit!r}: a unit is a lower-case output of 2 or more"
                )
        output = self.string(("casing", "output"), casing.get("output", ""))
        if output not in ("", "upper"):
            self.fail(("casing", "output"), "is 'upper' (every output letter a capital) or absent")
        return units, output == "upper"

    def read_classes(self) -> None:
        classes = self.expect(("classes",), self.data.get("classes", {}), dict, "a table")
        for name, members in classes.items():
            key = ("classes", name)
            if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
                self.fail(key, "class names are lower-case letters, digits and '_'")
            if name in notation.BUILTIN_CLASSES:
                self.fail(key, f"{{{name}}} is built in and cannot be redefined")
            if isinstance(members, str):
                found = tuple(self.lower_case_key(key, c) for c in self.string(key, members))
            else:
                found = tuple(self.lower_case_key(key, m) for m in self.strings(key, members))
            if not found or any(not m for m in found):
                self.fail(key, "a class needs at least one member and no empty ones")
            self.classes[name] = found

    def letter_map(self, key: KeyPath, value: Any) -> dict[str, str]:
        table = self.expect(key, value, dict, "a table of letters")
        result: dict[str, str] = {}
        for source, target in table.items():
            entry = (*key, source)
            if not source:
                self.fail(entry, "an empty key matches nothing")
            self.lower_case_key(entry, self.string(entry, source))
            if any(_is_blank(char) for char in source):
                self.fail(entry, "a key holds no spaces, line breaks or control characters")
            result[source] = self.output(entry, target)
        return result

    def word_map(self, key: KeyPath, value: Any) -> dict[str, str]:
        words = self.letter_map(key, value)
        for word in words:
            if len(word) < 2 or not all(_is_wordish(c) for c in word):
                self.fail((*key, word), "an exception is a whole word of two or more letters")
        return words

    def pattern(self, key: KeyPath, text: str, side: str) -> list[notation.Item]:
        try:
            items = notation.parse(text)
            notation.check_context(items, side)
        except notation.NotationError as err:
            self.fail(key, str(err))
        for item in items:
            if isinstance(item, notation.ClassRef):
                if item.name not in self.classes and item.name not in notation.BUILTIN_CLASSES:
                    known = ", ".join(sorted(self.classes)) or "none defined"
                    self.fail(key, f"unknown class {{{item.name}}} (classes: {known})")
            elif isinstance(item, notation.Letter):
                self.lower_case_key(key, item.text)
        return items

    def rules(self, key: KeyPath, value: Any, *, allow_class_match: bool) -> tuple[Rule, ...]:
        entries = self.expect(key, value, list, "an array of tables ([[rules]])")
        rules: list[Rule] = []
        for index, entry in enumerate(entries):
            here = (*key, index)
            self.expect(here, entry, dict, "a table")
            self.check_keys(here, entry, RULE_KEYS)
            for required in ("match", "output"):
                if required not in entry:
                    self.fail(here, f"missing required key {required!r}")
            match = self.string((*here, "match"), entry["match"])
            if any(_is_blank(char) for char in match):
                self.fail((*here, "match"), "a match holds no spaces, line breaks or controls")
            items = self.pattern((*here, "match"), match, "match")
            if not items:
                self.fail((*here, "match"), "an empty match matches nothing")
            if not allow_class_match and notation.class_names(items):
                self.fail((*here, "match"), "a rule matches letters; classes belong in contexts")
            before = self.strings((*here, "before"), entry.get("before", []))
            after = self.strings((*here, "after"), entry.get("after", []))
            for side, contexts in (("before", before), ("after", after)):
                for i, context in enumerate(contexts):
                    self.pattern((*here, side, i), context, side)
            word_has, word_lacks = self.word_conditions(here, entry)
            capital = entry.get("capital", False)
            if "capital" in entry and (not allow_class_match or not isinstance(capital, bool)):
                self.fail((*here, "capital"), "true or false, and only in a normalize rule")
            rule = Rule(
                match=match,
                output=self.output((*here, "output"), entry["output"]),
                before=before,
                after=after,
                note=self.string((*here, "note"), entry.get("note", "")),
                origin=self.origin(here),
                capital=capital,
                word_has=word_has,
                word_lacks=word_lacks,
            )
            self.rule_keys[rule.origin] = here
            for earlier in rules:
                conditional = earlier.word_has or earlier.word_lacks
                if not conditional and shadowing.covers(earlier, rule, self.classes):
                    self.fail(here, f"can never apply: {earlier.origin} matches first")
            rules.append(rule)
        return tuple(rules)

    def word_conditions(self, here: KeyPath, entry: dict[str, Any]) -> tuple[str, str]:
        """A rule's ``word_has`` and ``word_lacks``, as the letters they stand for."""
        found = []
        for name in ("word_has", "word_lacks"):
            pattern = self.string((*here, name), entry.get(name, ""))
            letters = ""
            for item in self.pattern((*here, name), pattern, "match") if pattern else []:
                if isinstance(item, notation.Letter):
                    letters += item.text
                elif isinstance(item, notation.ClassRef) and item.name in self.classes:
                    members = self.classes[item.name]
                    if any(len(member) != 1 for member in members):
                        self.fail((*here, name), f"{{{item.name}}}: word conditions take letters")
                    letters += "".join(members)
                else:
                    self.fail((*here, name), "word conditions take letters and {classes}")
            found.append("".join(dict.fromkeys(letters)))
        return found[0], found[1]

    def prefixes(self, key: KeyPath, value: Any) -> tuple[Rule, ...]:
        """``[[prefixes]]``: outputs written before a word whose conditions hold."""
        entries = self.expect(key, value, list, "an array of tables ([[prefixes]])")
        prefixes = []
        for index, entry in enumerate(entries):
            here = (*key, index)
            self.expect(here, entry, dict, "a table")
            self.check_keys(here, entry, PREFIX_KEYS)
            if "output" not in entry:
                self.fail(here, "missing required key 'output'")
            word_has, word_lacks = self.word_conditions(here, entry)
            if not word_has and not word_lacks:
                self.fail(here, "a prefix needs word_has or word_lacks: when is it written?")
            rule = Rule(
                match="",
                output=self.output((*here, "output"), entry["output"]),
                note=self.string((*here, "note"), entry.get("note", "")),
                origin=self.origin(here),
                word_has=word_has,
                word_lacks=word_lacks,
            )
            self.rule_keys[rule.origin] = here
            prefixes.append(rule)
        return tuple(prefixes)

    def stem_rules(self, key: KeyPath, stems: dict[str, str]) -> tuple[Rule, ...]:
        """Stems are rules at a word start, tried before all others, longest first."""
        rules = []
        for stem in sorted(stems, key=len, reverse=True):
            rule = Rule(
                match=stem,
                output=stems[stem],
                before=("#",),
                note="a word beginning with a fixed output; the rest follows the rules",
                origin=self.origin((*key, stem)),
            )
            self.rule_keys[rule.origin] = (*key, stem)
            rules.append(rule)
        return tuple(rules)

    def policies(self, forward: Direction) -> tuple[str, dict[str, Policy]]:
        """The letters ``[policies]`` decides and its named policies."""
        section = self.expect(("policies",), self.data.get("policies", {}), dict, "a table")
        if not section:
            return "", {}
        letters = self.string(("policies", "letters"), section.get("letters", ""))
        if not letters:
            self.fail(("policies",), 'name the letters the policies decide: letters = "…"')
        for char in letters:
            if char not in forward.letter_map:
                self.fail(("policies", "letters"), f"{char!r} is not a letter of [map]")
        policies: dict[str, Policy] = {}
        for name, entry in section.items():
            if name == "letters":
                continue
            here: KeyPath = ("policies", name)
            if name in BUILTIN_POLICIES or not re.fullmatch(r"[a-z][a-z0-9-]*", name):
                self.fail(here, f"a policy's name is lower case and not one of {BUILTIN_POLICIES}")
            self.expect(here, entry, dict, "a table")
            self.check_keys(here, entry, POLICY_KEYS)
            policies[name] = Policy(
                name=name,
                note=self.string((*here, "note"), entry.get("note", "")),
                letter_map=self.letter_map((*here, "map"), entry.get("map", {})),
                rules=self.rules((*here, "rules"), entry.get("rules", []), allow_class_match=False),
            )
        return letters, policies

    def protect(self, reversible: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The spans each direction leaves as they are: ``[protect]`` or the defaults.

        A lossless table protects the same spans both ways, the forward's: a span
        only the reverse kept (a handle, a Roman-looking МИ → MI) would not come back.
        """
        section = self.expect(("protect",), self.data.get("protect", {}), dict, "a table")
        self.check_keys(("protect",), section, {"forward", "reverse"})
        chosen = []
        for side, default in (
            ("forward", spans.DEFAULT_FORWARD),
            ("reverse", spans.DEFAULT_REVERSE),
        ):
            names = self.strings(("protect", side), section.get(side, list(default)))
            for name in names:
                if name not in spans.NAMES:
                    self.fail(
                        ("protect", side), f"unknown span {name!r} ({', '.join(spans.NAMES)})"
                    )
            chosen.append(names)
        forward, reverse = chosen
        if reversible == "lossless":
            if "reverse" in section and set(reverse) != set(forward):
                self.fail(
                    ("protect", "reverse"), "a lossless table protects the same spans both ways"
                )
            reverse = forward
        return forward, reverse

    def lexicon(self, value: Any) -> str:
        """The path of the lexicon file ``[meta]`` names, which must exist beside the table."""
        name = self.string(("meta", "lexicon"), value)
        if not name:
            return ""
        path = self.path.parent / name
        if "/" in name or "\\" in name or not path.is_file():
            self.fail(("meta", "lexicon"), f"no file {name!r} beside the table")
        self.gathered.texts[path] = path.read_bytes().decode("utf-8", "replace")
        return str(path)

    def read_reverse(
        self, forward: Direction, forward_stems: dict[str, str], lexicon: str
    ) -> Direction:
        section = self.expect(("reverse",), self.data["reverse"], dict, "a table")
        self.check_keys(("reverse",), section, REVERSE_KEYS)
        drop = set(self.strings(("reverse", "drop"), section.get("drop", [])))
        own_map = self.letter_map(("reverse", "map"), section.get("map", {}))
        derived: dict[str, str] = {}
        sources_of: dict[str, list[str]] = {}
        for source, target in forward.letter_map.items():
            if target and target not in drop:
                sources_of.setdefault(target, []).append(source)
        for target, sources in sources_of.items():
            if len(sources) > 1 and target not in own_map:
                self.fail(
                    ("map", sources[1]),
                    f"{target!r} is the output of {', '.join(sources)}: say in [reverse.map] "
                    f"which one it goes back to, or list it in reverse.drop",
                )
            derived[self.lower(target)] = sources[0]
        outputs = set(forward.letter_map.values())
        for target in sorted(drop):
            if target not in outputs:
                self.fail(("reverse", "drop"), f"{target!r} is no output of [map]")
        letter_map = derived | own_map
        ambiguous = frozenset(self.strings(("reverse", "ambiguous"), section.get("ambiguous", [])))
        rules = {f"rules[{index}]" for index in range(len(section.get("rules", [])))}
        for key in sorted(ambiguous - set(letter_map) - rules):
            self.fail(("reverse", "ambiguous"), f"{key!r} names no reverse map key or rules[N]")
        capitalize = self.string(("reverse", "capitalize"), section.get("capitalize", ""))
        if capitalize not in ("", "sentences"):
            self.fail(("reverse", "capitalize"), "is 'sentences' or absent")
        return Direction(
            ambiguous=ambiguous,
            capitalize_sentences=capitalize == "sentences",
            name="reverse",
            letter_map=letter_map,
            keep_decomposed=_kept_decomposed(letter_map, forward),
            # Forward stems and exceptions read backwards are reverse ones too.
            stems=self.stem_rules(
                ("reverse", "stems"),
                {out: stem for stem, out in forward_stems.items()}
                | self.word_map(("reverse", "stems"), section.get("stems", {})),
            ),
            lexicon=lexicon,
            rules=self.rules(
                ("reverse", "rules"), section.get("rules", []), allow_class_match=False
            ),
            exceptions={output: word for word, output in forward.exceptions.items()}
            | self.word_map(("reverse", "exceptions"), section.get("exceptions", {})),
            normalize=self.rules(
                ("reverse", "normalize"), section.get("normalize", []), allow_class_match=True
            ),
        )

    def rule_key(self, rule: Rule, *inside: str | int) -> KeyPath:
        """The key of a rule's part, as written in its table."""
        return (*self.rule_keys[rule.origin], *inside)

    def check_lossless(self, forward: Direction) -> None:
        """A lossless table is a one-to-one letter map whose outputs read back one way."""
        if (
            forward.rules
            or forward.exceptions
            or forward.stems
            or forward.lexicon
            or forward.prefixes
        ):
            self.fail(
                ("meta", "reversible"),
                "a lossless table has no rules, stems, exceptions or lexicon",
            )
        reverse = self.data.get("reverse", {})
        for own in ("map", "rules", "stems", "exceptions", "normalize"):
            if own in reverse:
                self.fail(("reverse", own), "a lossless table's reverse is its map read back")
        seen: dict[str, str] = {}
        for source, target in forward.letter_map.items():
            if not target:
                self.fail(("map", source), "a lossless table cannot drop a letter")
            if target in seen:
                self.fail(("map", source), f"same output as {seen[target]!r}: not lossless")
            seen[target] = source
        for source, target in forward.letter_map.items():
            for shorter in seen:
                rest = target[len(shorter) :]
                if (
                    shorter != target
                    and target.startswith(shorter)
                    and _starts_an_output(rest, seen)
                ):
                    self.fail(
                        ("map", source),
                        f"{target!r} also reads as {shorter!r} + {rest!r}: not lossless",
                    )

    def check_alphabet(
        self, prefix: KeyPath, direction: Direction, writes: str, reads: str
    ) -> None:
        """Every letter a direction writes must belong to the declared alphabet.

        ``writes`` is the alphabet of the direction's output; ``reads`` that of
        its input, which is what normalize rules write.
        """
        map_key = (*prefix, "map") if prefix else ("map",)
        outputs: list[tuple[KeyPath, str, str]] = [
            ((*map_key, source), target, writes) for source, target in direction.letter_map.items()
        ]
        outputs += [
            (self.rule_key(rule, "output"), rule.output, writes)
            for rule in (*direction.stems, *direction.rules, *direction.prefixes)
        ]
        outputs += [
            (self.rule_key(rule, "output"), rule.output, reads) for rule in direction.normalize
        ]
        outputs += [
            ((*prefix, "exceptions", word), out, writes)
            for word, out in direction.exceptions.items()
        ]
        for where, output, alphabet in outputs:
            for char in output:
                if alphabet and _is_wordish(char) and char not in alphabet:
                    self.fail(where, f"writes {char!r} (U+{ord(char):04X}), outside [alphabet]")

    def check_contexts(self, direction: Direction) -> None:
        """Context letters must be able to stand in a word, or the rule never fires."""
        in_words = {
            char for text in (*direction.letter_map, *direction.exceptions) for char in text
        } | {char for rule in (*direction.rules, *direction.stems) for char in rule.match}
        for rule in direction.rules:
            for side in ("before", "after"):
                for number, context in enumerate(getattr(rule, side)):
                    for item in notation.parse(context):
                        if isinstance(item, notation.Letter):
                            members: tuple[str, ...] = (item.text,)
                        elif isinstance(item, notation.ClassRef) and item.name in self.classes:
                            members = self.classes[item.name]
                        else:
                            continue
                        for char in "".join(members):
                            if not _is_wordish(char) and char not in in_words:
                                self.fail(
                                    self.rule_key(rule, side, number),
                                    f"{char!r} never stands inside a word, so this context "
                                    "never holds (contexts do not reach past a word)",
                                )

    def samples(
        self, value: Any, *, has_reverse: bool, policies: dict[str, Policy]
    ) -> tuple[Sample, ...]:
        entries = self.expect(("samples",), value, list, "an array of tables ([[samples]])")
        samples: list[Sample] = []
        for index, entry in enumerate(entries):
            here: KeyPath = ("samples", index)
            self.expect(here, entry, dict, "a table")
            self.check_keys(here, entry, SAMPLE_KEYS)
            for required in ("source", "target", "origin"):
                if required not in entry:
                    self.fail(here, f"missing required key {required!r}")
            direction = self.string((*here, "direction"), entry.get("direction", "forward"))
            if direction not in SAMPLE_DIRECTIONS:
                self.fail((*here, "direction"), f"must be one of {', '.join(SAMPLE_DIRECTIONS)}")
            if direction != "forward" and not has_reverse:
                self.fail((*here, "direction"), "the table has no [reverse] section")
            origin = self.string((*here, "origin"), entry["origin"])
            if origin not in SAMPLE_ORIGINS:
                self.fail((*here, "origin"), f"must be one of {', '.join(SAMPLE_ORIGINS)}")
            policy = self.string((*here, "policy"), entry.get("policy", ""))
            if policy and policy not in (*policies, "default", "keep"):
                known = ", ".join(("default", "keep", *policies))
                self.fail((*here, "policy"), f"no policy {policy!r} to test (policies: {known})")
            if policy and direction != "forward":
                self.fail((*here, "policy"), "policies choose forward output: a forward sample")
            samples.append(
                Sample(
                    # Samples may hold decomposed text: pass-through is exact.
                    source=self.expect((*here, "source"), entry["source"], str, "a string"),
                    target=self.expect((*here, "target"), entry["target"], str, "a string"),
                    direction=cast(SampleDirection, direction),
                    origin=cast(Any, origin),
                    note=self.string((*here, "note"), entry.get("note", "")),
                    policy=policy,
                )
            )
        return tuple(samples)


def _kept_decomposed(reverse_map: dict[str, str], forward: Direction) -> frozenset[str]:
    """Composed letters of the reverse input that must stay apart when written apart.

    The reverse reads a letter written with separate marks (e + U+0308) as the
    composed letter (ë) unless the forward direction writes that sequence itself:
    it does when the Cyrillic letter behind the base, with the same marks, does not
    compose into a letter the forward maps (а + U+0302 stays apart, so a + U+0302
    must come back as а + U+0302, not as я).
    """
    kept = set()
    for composed in reverse_map:
        parts = unicodedata2.normalize("NFD", composed)
        if len(composed) != 1 or len(parts) < 2:
            continue
        source = reverse_map.get(parts[0])
        if source is None:
            continue
        forward_reads = unicodedata2.normalize("NFC", source + parts[1:])
        if forward_reads not in forward.letter_map:
            kept.add(composed)
    return frozenset(kept)


def _lower_char(char: str) -> str:
    """Unicode lower case where it keeps one code point, else the character."""
    lower = char.lower()
    return lower if len(lower) == 1 else char


def _starts_an_output(text: str, outputs: Iterable[str]) -> bool:
    """Whether ``text`` and some output begin alike (one is a prefix of the other)."""
    return any(text.startswith(out) or out.startswith(text) for out in outputs)


def _is_blank(char: str) -> bool:
    """Spaces, line breaks and control characters, which never belong to a key."""
    return unicodedata2.category(char)[0] in "ZC" and unicodedata2.category(char) != "Cf"


def _is_wordish(char: str) -> bool:
    """Letters, combining marks and format characters: what words are made of."""
    return unicodedata2.category(char)[0] in "LM" or unicodedata2.category(char) == "Cf"


def format_key(key: KeyPath) -> str:
    """Write a key path the way a reader finds it in the file.

    >>> format_key(("rules", 2, "before"))
    'rules[2].before'
    >>> format_key(("map", "ж"))
    'map.ж'
    """
    text = ""
    for part in key:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + part
    return text


_HEADER = re.compile(r"\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"""\s*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)\s*=""")


def key_lines(text: str) -> dict[KeyPath, int]:
    """Map each header and key of a TOML text to its line number (best effort).

    >>> lines = key_lines('[meta]\\nid = "x"\\n[[rules]]\\nmatch = "a"\\n[[rules]]\\nmatch = "b"')
    >>> lines[("meta", "id")], lines[("rules", 1, "match")], lines[("rules",)]
    (2, 6, 3)
    """
    found: dict[KeyPath, int] = {}
    counts: dict[tuple[str, ...], int] = {}
    current: KeyPath = ()
    in_multiline = False
    for number, line in enumerate(text.splitlines(), start=1):
        if in_multiline:
            in_multiline = (line.count('"""') + line.count("'''")) % 2 == 0
            continue
        header = _HEADER.match(line)
        if header:
            names = tuple(part.strip().strip("\"'") for part in header.group(2).split("."))
            if header.group(1) == "[[":
                counts[names] = counts.get(names, -1) + 1
                current = (*names, counts[names])
                found.setdefault(names, number)  # the array as a whole: its first header
            else:
                current = names
            found.setdefault(current, number)
            continue
        key = _KEY.match(line)
        if key:
            try:
                name = next(iter(tomllib.loads(key.group(1) + " = 0")))
            except tomllib.TOMLDecodeError:
                name = key.group(1)
            found.setdefault((*current, name), number)
            in_multiline = (line.count('"""') + line.count("'''")) % 2 == 1
    return found

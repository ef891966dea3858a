"""The reusable transliterator that :func:`translit.get` returns."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterable
from itertools import islice
from typing import NamedTuple

from translit.errors import (
    AmbiguousWordError,
    NoReverseError,
    StrictPolicyError,
    TableVersionError,
    UnknownPolicyError,
)
from translit.table.model import Direction, SchemeInfo, Table

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import cast, overload

    import regex

    from translit.engine.compiler import Converter
    from translit.table.model import Step
else:

    def cast(kind: object, value: object) -> object:
        return value


#: The key of the forward converter with the table's own choices.
_FORWARD = (False, "default")

#: How many texts :meth:`Transliterator.many` converts in one joined call: at most
#: BATCH_TEXTS * LONG_TEXT characters (8 Mi) at a time.
BATCH_TEXTS = 8192

#: Texts longer than this (in characters) are converted one by one by
#: :meth:`Transliterator.many`: the cost of a call is small beside theirs, and
#: joining them would cost memory.
LONG_TEXT = 1024


class Transliterator:
    """One scheme, both directions; compiled on first use, then reused.

    Calls are thread-safe. A transliterator pickles by its scheme id (or, for a
    table loaded from a file, that file's path) and the table's digest; unpickling
    where the table has changed raises :class:`~translit.errors.TableVersionError`,
    so a driver and its workers never mix two versions of a table.

    >>> import pickle, translit
    >>> t = translit.get("ru-iso-9")
    >>> t("Съезд"), t.reverse("Sʺezd")
    ('Sʺezd', 'Съезд')
    >>> pickle.loads(pickle.dumps(t))("ЩУКА")
    'ŜUKA'
    """

    def __init__(self, table: Table, *, file: str | None = None) -> None:
        """Wrap a loaded table; ``file`` is its path when it is not a shipped scheme."""
        self._table = table
        self._file = file
        self.info = SchemeInfo.of(table)
        self._converters: dict[tuple[bool, str], Converter] = {}
        self._lock = threading.Lock()
        self._joinable: dict[bool, bool] = {}

    @property
    def id(self) -> str:
        """The scheme's id, e.g. ``uz-latn``."""
        return self._table.id

    @property
    def table(self) -> Table:
        """The loaded table behind this transliterator."""
        return self._table

    def __call__(self, text: str, *, policy: str | None = None) -> str:
        """Transliterate ``text`` in the table's forward direction.

        ``policy`` chooses how letters the standard leaves open are written, for a
        table with ``[policies]``: ``default`` (the table's choice), ``keep`` (leave
        them as they are), ``strict`` (raise :class:`StrictPolicyError` at the
        first), or one the table names (``info.policies`` lists them).

        >>> import translit
        >>> t = translit.get("kk-latn-2021")
        >>> t("ІЛЕ Іле ИРАН")
        'ILE Ile İRAN'
        >>> t("Цех", policy="keep")
        'Цeh'
        """
        if policy is None and type(text) is str:  # the common call, without detours
            converter = self._converters.get(_FORWARD)
            if converter is not None:
                return converter(text)
        text = _check_text(text)
        return self._converter(reverse=False, policy=self._policy(text, policy))(text)

    def warnings(self, text: str, *, reverse: bool = False) -> list[Ambiguity]:
        """The words whose reading the table cannot settle, with where they stand.

        A word is reported when it is read with a map key or rule the table marks
        as a guess (``ambiguous`` in its ``[reverse]``: ye after a consonant is ъе
        or ье) and no exception, stem or lexicon entry settles it.

        >>> import translit
        >>> t = translit.get("uz-latn")
        >>> [(w.word, w.column, w.letters) for w in t.warnings("yetim, obyekt", reverse=True)]
        [('obyekt', 8, ('ye',))]
        """
        text = _check_text(text)
        converter = self._converter(reverse=reverse)
        direction = self._table.reverse if reverse else self._table.forward
        assert direction is not None
        if not direction.ambiguous:
            return []
        found: list[Ambiguity] = []
        for offset, word, steps in converter.word_steps(text):
            letters = tuple(
                step.source.lower() for step in steps if _key_of(step.origin) in direction.ambiguous
            )
            if letters:
                line, column = _line_column(text, offset)
                found.append(Ambiguity(word, offset, line, column, letters))
        return found

    def reverse(self, text: str, *, strict: bool = False) -> str:
        """Transliterate ``text`` back (raises NoReverseError if the scheme has none).

        >>> import translit
        >>> translit.get("uz-latn").reverse("O'zbekiston")
        'Ўзбекистон'

        With ``strict=True`` a word the table cannot settle raises
        :class:`AmbiguousWordError` (see :meth:`warnings`).
        """
        text = _check_text(text)
        if strict:
            found = self.warnings(text, reverse=True)
            if found:
                first = found[0]
                raise AmbiguousWordError(
                    self.id, first.word, first.offset, first.line, first.column, first.letters
                )
        return self._converter(reverse=True)(text)

    if TYPE_CHECKING:

        @overload
        def many(
            self, texts: Iterable[str], *, reverse: bool = False, policy: str | None = None
        ) -> list[str]: ...

        @overload
        def many(
            self, texts: Iterable[str | None], *, reverse: bool = False, policy: str | None = None
        ) -> list[str | None]: ...

    def many(
        self, texts: Iterable[str | None], *, reverse: bool = False, policy: str | None = None
    ) -> list[str] | list[str | None]:
        """Transliterate every text of ``texts``; a ``None`` comes back as ``None``.

        The same as ``[t(text) for text in texts]`` (or ``t.reverse``), but faster on
        many short texts: they are joined at newlines and converted together, which
        is exact because nothing a table does reaches past a newline, and a text that
        comes again in a slice of texts is converted once. Any iterable is taken (a
        generator is read once, in slices); a list comes back.

        >>> import translit
        >>> t = translit.get("ru-iso-9")
        >>> t.many(["Я", "ЯНВАРЬ", None, "", "Щука\\nЯ"])
        ['Â', 'ÂNVARʹ', None, '', 'Ŝuka\\nÂ']
        >>> t.many(["Ŝuka"], reverse=True)
        ['Щука']
        """
        if isinstance(texts, str | bytes):
            raise TypeError("many() takes an iterable of texts, not one text")
        chosen = self._policy("", policy, reverse=reverse)
        convert = self._converter(reverse=reverse, policy=chosen)
        if policy == "strict":
            texts = list(texts)
            for text in texts:
                if isinstance(text, str):
                    self._policy(text, policy)
        joinable = self._joinable.get(reverse)
        if joinable is None:
            direction = self._table.reverse if reverse else self._table.forward
            assert direction is not None  # _converter has raised NoReverseError
            joinable = self._joinable[reverse] = _newline_free(direction, self._table)
        results: list[str | None] = []
        iterator = iter(texts)
        while chunk := list(islice(iterator, BATCH_TEXTS)):
            results += _convert_chunk(convert, chunk, len(results), joinable)
        return results

    def explain(self, text: str, *, reverse: bool = False, policy: str | None = None) -> list[Step]:
        """The steps of a conversion: each piece of source, its output and the rule used.

        >>> import translit
        >>> [s.origin for s in translit.get("uz-latn").explain("ец")]
        ['rules[0]', 'rules[1]']
        """
        text = _check_text(text)
        chosen = self._policy(text, policy, reverse=reverse)
        return self._converter(reverse=reverse, policy=chosen).explain(text)

    def _policy(self, text: str, policy: str | None, *, reverse: bool = False) -> str:
        """The policy to compile for a call; checks ``text`` first under ``strict``."""
        if policy is None or policy == "default":
            return "default"
        known = self.info.policies
        if reverse or policy not in known:
            raise UnknownPolicyError(self._table.id, policy, () if reverse else known)
        if policy == "strict":
            found = self._open_letters().search(text)
            if found is not None:
                offset = found.start()
                line, column = _line_column(text, offset)
                raise StrictPolicyError(self._table.id, found.group(), offset, line, column)
            return "default"
        return policy

    @functools.cached_property
    def _open_letters_regex(self) -> regex.Pattern[str]:
        import regex

        from translit.engine.casing import Casing

        casing = Casing(self._table.upper_case)
        letters = set(self._table.policy_letters)
        letters |= {casing.upper(char) for char in letters}
        return regex.compile("|".join(regex.escape(char) for char in sorted(letters)))

    def _open_letters(self) -> regex.Pattern[str]:
        """A regex finding the letters the table's policies decide, in both cases."""
        return self._open_letters_regex

    def _converter(self, *, reverse: bool, policy: str = "default") -> Converter:
        key = (reverse, policy)
        converter = self._converters.get(key)
        if converter is not None:
            return converter
        direction = self._table.reverse if reverse else self._table.forward
        if direction is None:
            raise NoReverseError(self._table.id)
        with self._lock:
            converter = self._converters.get(key)
            if converter is None:
                from translit.engine.compiler import Converter

                direction = _with_policy(direction, self._table, policy)
                converter = Converter(direction, self._table.upper_case, self._table.classes)
                self._converters[key] = converter
        return converter

    def __reduce__(self) -> tuple[object, tuple[str, str, str | None]]:
        return _unpickle, (self._table.id, self._table.digest, self._file)

    def __repr__(self) -> str:
        return f"<Transliterator {self._table.id}>"


class Ambiguity(NamedTuple):
    """A word whose reading is a guess, and where it stands (offset 0-based, line and column
    1-based); ``letters`` are the pieces of it the table marks as ambiguous.

    >>> Ambiguity("ketsa", 0, 1, 1, ("ts",)).letters
    ('ts',)
    """

    word: str
    offset: int
    line: int
    column: int
    letters: tuple[str, ...]


def _line_column(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of ``offset`` in ``text``.

    >>> _line_column("ab" + chr(10) + "cd", 4)
    (2, 2)
    """
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


def _key_of(origin: str) -> str:
    """How ``ambiguous`` names what a step's origin names: a map key, or ``rules[N]``."""
    if origin.startswith("map."):
        return origin[4:]
    return origin.removeprefix("reverse.")


def _with_policy(direction: Direction, table: Table, policy: str) -> Direction:
    """The forward direction as a policy changes it (``default`` changes nothing)."""
    if policy == "default":
        return direction
    if policy == "keep":
        letters = table.policy_letters
        return direction._replace(
            letter_map=direction.letter_map | {char: char for char in letters},
            rules=tuple(r for r in direction.rules if not set(r.match) & set(letters)),
        )
    chosen = table.policies[policy]
    return direction._replace(
        letter_map=direction.letter_map | chosen.letter_map,
        rules=chosen.rules + direction.rules,
    )


def _unpickle(scheme: str, digest: str, file: str | None) -> Transliterator:
    """The transliterator a pickle names, if its table is still the same."""
    from translit.registry import get, load

    transliterator = get(scheme) if file is None else load(file)
    if transliterator.table.digest != digest:
        raise TableVersionError(scheme, file)
    return transliterator


def _newline_free(direction: Direction, table: Table) -> bool:
    """Whether no key, output, context or class of ``direction`` holds a newline.

    Then a newline is never part of a word nor seen by a context, and a text
    joined at newlines converts line by line: what :meth:`Transliterator.many` relies on.
    """
    rules = (*direction.rules, *direction.normalize)
    texts: list[tuple[str, ...]] = [*direction.letter_map.items(), *direction.exceptions.items()]
    texts += [(rule.match, rule.output, *rule.before, *rule.after) for rule in rules]
    texts += table.classes.values()
    return not any("\n" in text for group in texts for text in group)


def _convert_chunk(
    convert: Callable[[str], str], chunk: list[str | None], start: int, joinable: bool
) -> list[str | None]:
    """Convert a slice of :meth:`Transliterator.many`'s texts; ``start`` is its position."""
    if set(map(type, chunk)) == {str}:
        texts = cast(list[str], chunk)
        if max(map(len, texts)) <= LONG_TEXT:
            return list(_convert_joined(convert, texts) if joinable else map(convert, texts))
    results: list[str | None] = [None] * len(chunk)
    short: list[int] = []
    for index, text in enumerate(chunk):
        if text is None:
            continue
        if not isinstance(text, str):
            raise TypeError(
                f"many() converts str or None; the text at position {start + index} "
                f"is {type(text).__name__}"
            )
        if len(text) > LONG_TEXT or not joinable:
            results[index] = convert(text)
        else:
            short.append(index)
    joined = [cast(str, chunk[index]) for index in short]
    for index, output in zip(short, _convert_joined(convert, joined), strict=True):
        results[index] = output
    return results


def _convert_joined(convert: Callable[[str], str], texts: list[str]) -> list[str]:
    """Convert texts joined at newlines in one call, and cut the output back apart.

    A text that comes again (a name in a column) is converted once: each text's output
    depends on that text alone.
    """
    if len(texts) <= 1:
        return list(map(convert, texts))
    unique = list(dict.fromkeys(texts))
    if len(unique) < len(texts):
        outputs = dict(zip(unique, _convert_lines(convert, unique), strict=True))
        return list(map(outputs.__getitem__, texts))
    return _convert_lines(convert, texts)


def _convert_lines(convert: Callable[[str], str], texts: list[str]) -> list[str]:
    """:func:`_convert_joined` for texts that are all different."""
    if len(texts) <= 1:
        return list(map(convert, texts))
    joined = "\n".join(texts)
    newlines = joined.count("\n")
    lines = convert(joined).split("\n")
    if len(lines) != newlines + 1:  # a normalize rule took or wrote a newline after all
        return list(map(convert, texts))
    if newlines == len(texts) - 1:
        return lines
    outputs: list[str] = []
    position = 0
    for text in texts:
        count = text.count("\n") + 1
        outputs.append("\n".join(lines[position : position + count]))
        position += count
    return outputs


def _check_text(text: object) -> str:
    if not isinstance(text, str):
        raise TypeError(f"translit converts str, not {type(text).__name__}")
    return text

"""The exceptions translit raises.

Every error a user can cause (a misspelt scheme, a broken table, a direction
a scheme does not have) is a :class:`TranslitError`, so callers can catch one
class; the subclasses also derive from the matching built-in exception.
"""

from __future__ import annotations

import functools


class TranslitError(Exception):
    """Base class of every error translit raises on purpose.

    Errors pickle with the arguments they were made with, so one raised in a worker
    process (multiprocessing, Dask, Spark) reaches the caller as itself.

    >>> import pickle
    >>> error = pickle.loads(pickle.dumps(TableError("t.toml", "map.ж", "bad", line=3)))
    >>> str(error), error.line
    ('t.toml:3: map.ж: bad', 3)
    """

    _made_with: tuple[tuple[object, ...], dict[str, object]]

    def __new__(cls, *args: object, **kwargs: object) -> TranslitError:
        error = super().__new__(cls)
        error._made_with = (args, kwargs)
        return error

    def __reduce__(self) -> tuple[object, ...]:
        args, kwargs = self._made_with
        return (functools.partial(type(self), **kwargs), args)


class UnknownSchemeError(TranslitError, LookupError):
    """A scheme id or alias that names no table.

    ``suggestions`` holds the close matches; when there are none, the message
    lists the ``available`` ids instead.

    >>> err = UnknownSchemeError("uz-lat", ["uz-latn"])
    >>> str(err)
    "unknown scheme 'uz-lat'; did you mean: uz-latn?"
    >>> str(UnknownSchemeError("nosuch", [], available=["ru-iso-9", "uz-latn"]))
    "unknown scheme 'nosuch'; available schemes: ru-iso-9, uz-latn"
    """

    def __init__(
        self, name: str, suggestions: list[str], available: list[str] | None = None
    ) -> None:
        self.name = name
        self.suggestions = list(suggestions)
        self.available = list(available or [])
        message = f"unknown scheme {name!r}"
        if self.suggestions:
            message += "; did you mean: " + ", ".join(self.suggestions) + "?"
        elif self.available:
            message += "; available schemes: " + ", ".join(self.available)
        super().__init__(message)

    def __str__(self) -> str:
        return str(self.args[0])


class NoReverseError(TranslitError, ValueError):
    """The scheme defines no reverse direction.

    >>> str(NoReverseError("ru-example"))
    'scheme ru-example has no reverse direction'
    """

    def __init__(self, scheme: str) -> None:
        self.scheme = scheme
        super().__init__(f"scheme {scheme} has no reverse direction")


class TableError(TranslitError, ValueError):
    """A table file that cannot be loaded; the message names file, line and key.

    >>> str(TableError("tables/x.toml", "map.ж", "output must be a string", line=12))
    'tables/x.toml:12: map.ж: output must be a string'
    """

    def __init__(self, path: str, key: str, problem: str, line: int | None = None) -> None:
        self.path = path
        self.key = key
        self.problem = problem
        self.line = line
        where = f"{path}:{line}" if line else path
        prefix = f"{where}: {key}: " if key else f"{where}: "
        super().__init__(prefix + problem)


class TableVersionError(TranslitError):
    """A pickled transliterator whose table is not the one installed here.

    >>> str(TableVersionError("ru-iso-9", None))  # doctest: +ELLIPSIS
    'the table of ru-iso-9 differs from the one this transliterator was pickled with...'
    """

    def __init__(self, scheme: str, file: str | None) -> None:
        self.scheme = scheme
        self.file = file
        where = f" ({file})" if file else ""
        super().__init__(
            f"the table of {scheme}{where} differs from the one this transliterator was "
            "pickled with: install the same translit version (and tables) everywhere"
        )


class UnknownPolicyError(TranslitError, ValueError):
    """A policy the scheme does not have, or a policy asked of a reverse direction.

    >>> str(UnknownPolicyError("kk-latn-2018", "press", ("default", "keep", "strict")))
    "kk-latn-2018 has no policy 'press' (policies: default, keep, strict)"
    """

    def __init__(self, scheme: str, policy: str, policies: tuple[str, ...]) -> None:
        self.scheme = scheme
        self.policy = policy
        self.policies = policies
        known = ", ".join(policies) if policies else "none: its table has no [policies]"
        super().__init__(f"{scheme} has no policy {policy!r} (policies: {known})")


class StrictPolicyError(TranslitError, ValueError):
    """A letter the standard leaves open, met under ``policy="strict"``.

    ``offset`` is 0-based in code points; ``line`` and ``column`` are 1-based.

    >>> str(StrictPolicyError("kk-latn-2018", "ц", 2, 1, 3))
    "kk-latn-2018 has no letter for 'ц' (U+0446) at line 1, column 3 (policy 'strict')"
    """

    def __init__(self, scheme: str, char: str, offset: int, line: int, column: int) -> None:
        self.scheme = scheme
        self.char = char
        self.offset = offset
        self.line = line
        self.column = column
        super().__init__(
            f"{scheme} has no letter for {char!r} (U+{ord(char):04X}) at line {line}, "
            f"column {column} (policy 'strict')"
        )


class AmbiguousWordError(TranslitError, ValueError):
    """A word whose reading the table cannot settle, met with ``strict=True``.

    >>> str(AmbiguousWordError("uz-latn", "ketsa", 0, 1, 1, ("ts",)))
    "uz-latn cannot settle 'ketsa' (ts) at line 1, column 1 (strict)"
    """

    def __init__(
        self, scheme: str, word: str, offset: int, line: int, column: int, letters: tuple[str, ...]
    ) -> None:
        self.scheme = scheme
        self.word = word
        self.offset = offset
        self.line = line
        self.column = column
        self.letters = letters
        super().__init__(
            f"{scheme} cannot settle {word!r} ({', '.join(letters)}) at line {line}, "
            f"column {column} (strict)"
        )

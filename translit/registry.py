"""Find the tables, resolve scheme names and hand out transliterators.

Tables live in ``translit/_tables`` inside an installed wheel and in the
repository's ``tables/`` in a checkout. Only ``[meta]`` is read to list the
schemes; a table is checked in full when it is first asked for.
"""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path

from translit.errors import TableError, UnknownSchemeError
from translit.table.model import SchemeInfo, Table
from translit.transliterator import Transliterator

__all__ = [
    "SchemeInfo", "get", "load", "scheme_paths", "schemes", "table", "table_path", "tables_dir",
]  # fmt: skip

_lock = threading.RLock()
_ID = re.compile(r"[a-z]{2,3}(-[a-z0-9.]+)+")
_names: dict[str, str] = {}
_transliterators: dict[str, Transliterator] = {}
_files: dict[str, Transliterator] = {}


def tables_dir() -> Path:
    """The directory the shipped tables are read from.

    >>> (tables_dir() / "uz-latn.toml").is_file()
    True
    """
    package = Path(__file__).resolve().parent
    installed = package / "_tables"
    return installed if installed.is_dir() else package.parent / "tables"


def scheme_paths() -> list[Path]:
    """The shipped scheme files, sorted; partial tables (``_name.toml``) are not schemes.

    >>> any(path.name == "ru-iso-9.toml" for path in scheme_paths())
    True
    """
    return sorted(path for path in tables_dir().glob("*.toml") if not path.name.startswith("_"))


def table_path(scheme: str) -> Path:
    """The file of a scheme, by id or alias.

    >>> table_path("ru-iso-9").name
    'ru-iso-9.toml'
    """
    return tables_dir() / f"{_resolve(scheme)}.toml"


def table(scheme: str) -> Table:
    """The checked table of a scheme, by id or alias.

    >>> table("kk-latn-2021").forward.letter_map["ң"]
    'ñ'
    """
    return get(scheme).table


def load(path: str | os.PathLike[str]) -> Transliterator:
    """A transliterator for a table file of your own, checked like the shipped ones.

    The table is not added to the scheme names, so it never shadows a shipped
    scheme; it may extend a table in its own directory. Loading the same
    unchanged file again gives the same transliterator.

    >>> t = load(table_path("ru-iso-9"))
    >>> t("Щука"), t is load(table_path("ru-iso-9")), t is get("ru-iso-9")
    ('Ŝuka', True, False)
    """
    from translit.table.loader import load_table

    resolved = str(Path(path).resolve())
    loaded = load_table(resolved)
    with _lock:
        known = _files.get(resolved)
        if known is None or known.table.digest != loaded.digest:
            known = _files[resolved] = Transliterator(loaded, file=resolved)
    return known


def get(scheme: str) -> Transliterator:
    """A reusable, thread-safe, picklable transliterator for a scheme id or alias.

    >>> t = get("uz-latn")
    >>> t("Шаҳар"), t.reverse("Shahar")
    ('Shahar', 'Шаҳар')
    """
    scheme_id = _resolve(scheme)
    transliterator = _transliterators.get(scheme_id)
    if transliterator is None:
        with _lock:
            transliterator = _transliterators.get(scheme_id)
            if transliterator is None:
                transliterator = Transliterator(_shipped_table(tables_dir() / f"{scheme_id}.toml"))
                _transliterators[scheme_id] = transliterator
    return transliterator


def _shipped_table(path: Path) -> Table:
    """A shipped table, checked: kept between processes (:mod:`translit.table.cache`), so a
    scheme's first use in a process need not read its TOML again."""
    from translit.table import cache

    table = cache.read_table(path)
    if table is None:
        from translit.table.loader import load_table

        table = load_table(path)
        cache.keep_table(path, table)
    return table


def schemes() -> list[SchemeInfo]:
    """Every available scheme, sorted by id.

    >>> [info.id for info in schemes() if info.id.startswith("uz")][0]
    'uz-latn'
    """
    return [get(scheme_id).info for scheme_id in sorted(set(_index().values()))]


def _normal_name(name: str) -> str:
    return name.strip().lower().replace("_", "-").replace(" ", "-")


def _index() -> dict[str, str]:
    """Every accepted name (ids and aliases, normalized) → scheme id.

    Two tables claiming one name is an error in the second table's file. A table
    whose aliases cannot be read keeps its id only: its error is raised when it is
    asked for, and every other scheme stays usable.
    """
    from translit.table.loader import read_aliases

    with _lock:
        if not _names:
            paths = scheme_paths()
            names = {_normal_name(path.stem): path.stem for path in paths}
            for path in paths:
                try:
                    aliases = read_aliases(path)
                except TableError:
                    continue
                for alias in aliases:
                    owner = names.setdefault(_normal_name(alias), path.stem)
                    if owner != path.stem:
                        raise TableError(
                            str(path), "meta.aliases", f"{alias!r} already names {owner}"
                        )
            _names.update(names)
        return _names


def _resolve(name: str) -> str:
    """The scheme id for a name, or UnknownSchemeError with close matches."""
    if not isinstance(name, str):
        raise TypeError(f"a scheme is named by a str, not {type(name).__name__}")
    # An id names its file: no need to read every table's aliases.
    if _ID.fullmatch(name) and (tables_dir() / f"{name}.toml").is_file():
        return name
    names = _index()
    wanted = _normal_name(name)
    if wanted in names:
        return names[wanted]
    import difflib  # only for a name that is not found: kept out of `import translit`

    close = difflib.get_close_matches(wanted, list(names), n=5, cutoff=0.6)
    close += [known for known in names if wanted and known.startswith(wanted)]
    suggestions = list(dict.fromkeys(names[known] for known in close))
    raise UnknownSchemeError(name, suggestions, available=sorted(set(names.values())))

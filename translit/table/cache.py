"""What translit keeps between processes: checked tables and lexicons.

Reading a table's TOML and checking it, or checking a lexicon of thousands of
entries, costs more than the rest of a scheme's first use, so the result is kept
in the user's cache directory for the next process. Entries are plain data
written with :mod:`marshal`, which cannot run code, and each is taken only where
it still holds:

- a lexicon's entry is named by a hash of the file's bytes;
- a shipped table's entry is named by the table's path, and taken only if the
  files it is built from still give the table's digest;
- every name holds a hash of translit's own modules (all its subpackages) and of
  the Python version, so a changed reader or engine never meets an old entry.

The hashes are zlib's CRC-32 and Adler-32 with the length: enough to notice a
changed file, which is all a cache needs, and loaded in a fraction of the time
:mod:`hashlib` takes to load OpenSSL, which would be a fifth of a first call.

``TRANSLIT_CACHE_DIR`` chooses the directory (empty: keep nothing); by default it
is ``$XDG_CACHE_HOME/translit`` or ``~/.cache/translit``. A directory that cannot
be written is no error: nothing is kept.
"""

from __future__ import annotations

import marshal
import os
import sys
import threading
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path

from translit.table.model import Direction, Policy, Rule, Sample, Table

#: The kinds of object a table is made of, by name, as an entry names them.
_KINDS = {kind.__name__: kind for kind in (Table, Direction, Rule, Policy, Sample)}

_code: list[bytes] = []  # the hash of translit's modules, once computed


def folder() -> Path | None:
    """The directory entries are kept in, or None when nothing is kept.

    >>> import os
    >>> os.environ["TRANSLIT_CACHE_DIR"] = ""
    >>> folder() is None
    True
    >>> del os.environ["TRANSLIT_CACHE_DIR"]
    """
    chosen = os.environ.get("TRANSLIT_CACHE_DIR")
    if chosen is None:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        chosen = os.path.join(base, "translit")
    return Path(chosen) if chosen else None


def entry(name: str, key: bytes) -> Path | None:
    """Where the entry ``name`` for ``key`` (what it was made from) is kept, if anywhere.

    >>> import os
    >>> os.environ["TRANSLIT_CACHE_DIR"] = "/tmp/translit-cache"
    >>> entry("uz-latn.lexicon.tsv", b"...").name.startswith("uz-latn.lexicon.tsv.")
    True
    >>> del os.environ["TRANSLIT_CACHE_DIR"]
    """
    base = folder()
    if base is None:
        return None
    digest = Checksum(key)
    digest.update(_code_digest())
    return base / f"{name}.{digest.hexdigest()}.marshal"


def read(path: Path) -> object:
    """An entry's data, or None if there is none that marshal can read.

    >>> read(Path("/nonexistent/entry.marshal")) is None
    True
    """
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None


def store(path: Path, data: object) -> None:
    """Keep ``data`` (plain data marshal writes) at ``path``, and drop older entries of
    the same name; a cache that cannot be written is no error.

    >>> store(Path("/nonexistent/folder/entry.marshal"), {"a": 1})  # nothing kept
    """
    try:
        payload = marshal.dumps(data)  # type: ignore[arg-type]  # plain data, or ValueError
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}")
        partial.write_bytes(payload)
        os.replace(partial, path)  # whole or not at all, for other processes
        name = path.name.rsplit(".", 2)[0]
        for old in path.parent.glob(f"{name}.*.marshal"):
            if old != path and old.name.rsplit(".", 2)[0] == name:
                old.unlink(missing_ok=True)
    except (OSError, ValueError):
        pass


def digest_of(files: Iterable[tuple[str, bytes]]) -> str:
    """The digest a table carries of the files it is built from (name and bytes, the
    table's own file first, then those it extends).

    >>> digest_of([("xx.toml", b"format = 1")]) == Checksum(b"xx.toml\\0format = 1\\0").hexdigest()
    True
    """
    hasher = Checksum()
    for name, data in files:
        hasher.update(name.encode() + b"\0" + data + b"\0")
    return hasher.hexdigest()


def read_table(path: Path) -> Table | None:
    """The checked table kept for the file at ``path``, if one is kept and its files
    are unchanged.

    >>> read_table(Path("/nonexistent/xx-test.toml")) is None
    True
    """
    kept = _table_entry(path)
    if kept is None:
        return None
    data = read(kept)
    if not isinstance(data, list):
        return None
    try:
        table = _built(data)
    except (KeyError, TypeError, IndexError):
        return None  # an entry of another shape
    if not isinstance(table, Table) or table.path != str(path):
        return None
    # The files the loader read: the table's, those it extends, its lexicon.
    files = [path, *(path.parent / f"{name}.toml" for name in table.extends)]
    files += [Path(table.lexicon)] if table.lexicon else []
    try:
        current = digest_of((file.name, _text_bytes(file)) for file in files)
    except OSError:
        return None
    return table if current == table.digest else None


def keep_table(path: Path, table: Table) -> None:
    """Keep a checked table for the next process that reads the file at ``path``.

    >>> import os
    >>> os.environ["TRANSLIT_CACHE_DIR"] = ""
    >>> from translit.registry import table as scheme_table
    >>> keep_table(Path("xx.toml"), scheme_table("ru-iso-9"))  # nothing is kept
    >>> del os.environ["TRANSLIT_CACHE_DIR"]
    """
    kept = _table_entry(path)
    if kept is not None:
        store(kept, _plain(table))


def _table_entry(path: Path) -> Path | None:
    """Where the checked table of the file at ``path`` is kept: named by the path."""
    return entry(path.name, str(path).encode())


def _text_bytes(file: Path) -> bytes:
    """A file's text as the loader reads it into the digest, as UTF-8."""
    return file.read_bytes().decode("utf-8", "replace").encode()


def _code_digest() -> bytes:
    """A hash of every module of translit (each subpackage's too: those that read tables
    and lexicons, and the engine that converts with them), named by its path in the
    package, and of the Python version, whose marshal format an entry is in."""
    if not _code:
        package = os.path.dirname(os.path.dirname(__file__))
        hasher = Checksum(f"{sys.version_info[:2]}{marshal.version}".encode())
        for name in _modules(package):
            with open(os.path.join(package, name), "rb") as module:
                hasher.update(name.encode() + b"\0" + module.read() + b"\0")
        _code.append(hasher.hexdigest().encode())
    return _code[0]


def _modules(package: str) -> list[str]:
    """The paths of a package's modules relative to it, sorted: the ``.py`` files of the
    package and of its subpackages (folders with an ``__init__.py``), not the files of
    other folders in it (the tables' build scripts in an installed wheel)."""
    found = []
    for directory, subdirectories, files in os.walk(package):
        subdirectories[:] = [
            sub
            for sub in subdirectories
            if os.path.isfile(os.path.join(directory, sub, "__init__.py"))
        ]
        relative = os.path.relpath(directory, package).replace(os.sep, "/")
        prefix = "" if relative == "." else relative + "/"
        found += [prefix + name for name in files if name.endswith(".py")]
    return sorted(found)


class Checksum:
    """CRC-32 and Adler-32 of the bytes given, and their length, as :mod:`hashlib`'s
    objects are used.

    >>> one = Checksum(b"format = 1").hexdigest()
    >>> one == Checksum(b"format = 1").hexdigest() != Checksum(b"format = 2").hexdigest()
    True
    >>> two = Checksum(b"format")
    >>> two.update(b" = 1")
    >>> two.hexdigest() == one
    True
    """

    def __init__(self, data: bytes = b"") -> None:
        self._crc, self._adler, self._size = 0, 1, 0
        self.update(data)

    def update(self, data: bytes) -> None:
        """Add ``data`` to what is hashed."""
        self._crc = zlib.crc32(data, self._crc)
        self._adler = zlib.adler32(data, self._adler)
        self._size += len(data)

    def hexdigest(self) -> str:
        """The hash so far, in hexadecimal."""
        return f"{self._crc:08x}{self._adler:08x}{self._size:x}"


def _plain(value: object) -> object:
    """A table as data marshal writes: each part of it a list of its kind's name and
    its fields in order."""
    if type(value).__name__ in _KINDS and isinstance(value, tuple):
        return [type(value).__name__, *map(_plain, value)]
    if isinstance(value, tuple):
        return tuple(map(_plain, value))
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if value is None or isinstance(value, str | bool | int | frozenset):
        return value
    raise TypeError(f"a table holds no {type(value).__name__}")


def _built(value: object) -> object:
    """The table :func:`_plain` made data of."""
    if isinstance(value, list):
        kind: Callable[..., object] = _KINDS[value[0]]
        return kind(*map(_built, value[1:]))
    if isinstance(value, tuple):
        return tuple(map(_built, value))
    if isinstance(value, dict):
        return {key: _built(item) for key, item in value.items()}
    return value

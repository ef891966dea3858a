"""Checked tables kept between processes (translit.table.cache) read as the files they came from,
and a changed file is read and checked anew."""

from __future__ import annotations

import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from test_loader import GOOD  # tests/test_loader.py

from translit import registry
from translit.registry import scheme_paths
from translit.table import cache
from translit.table.loader import load_table

ROOT = Path(__file__).resolve().parent.parent

BASE = """\
format = 1

[map]
"б" = "b"
"""

#: test_loader's good table, built on the base above.
TABLE = GOOD.replace("format = 1\n", 'format = 1\nextends = "_xx-base"\n', 1)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TRANSLIT_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path


def table_files(folder: Path) -> Path:
    (folder / "_xx-base.toml").write_text(BASE, encoding="utf-8")
    path = folder / "xx-test.toml"
    path.write_text(TABLE, encoding="utf-8")
    return path


def table_with_lexicon(folder: Path, lexicon: bytes) -> Path:
    path = table_files(folder)
    (folder / "xx-test.lexicon.tsv").write_bytes(lexicon)
    meta = 'reversible = "lossy"'
    path.write_text(TABLE.replace(meta, f'{meta}\nlexicon = "xx-test.lexicon.tsv"'), "utf-8")
    return path


@pytest.mark.parametrize("path", scheme_paths(), ids=lambda path: path.stem)
def test_every_shipped_table_reads_back_as_loaded(folder: Path, path: Path) -> None:
    loaded = load_table(path)
    cache.keep_table(path, loaded)
    assert cache.read_table(path) == loaded


def test_a_kept_table_is_taken_while_its_files_are_unchanged(folder: Path) -> None:
    path = table_files(folder)
    cache.keep_table(path, load_table(path))
    kept = cache.read_table(path)
    assert kept is not None and kept.forward.letter_map["б"] == "b"  # from the base


@pytest.mark.parametrize("changed", ["xx-test.toml", "_xx-base.toml"])
def test_a_change_to_any_file_of_the_table_is_read_anew(folder: Path, changed: str) -> None:
    path = table_files(folder)
    cache.keep_table(path, load_table(path))
    file = folder / changed
    file.write_text(file.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
    assert cache.read_table(path) is None


def test_a_change_to_the_lexicon_is_read_anew(folder: Path) -> None:
    path = table_with_lexicon(folder, "word\tшаш\tsash\n".encode())
    cache.keep_table(path, load_table(path))
    assert cache.read_table(path) is not None
    (folder / "xx-test.lexicon.tsv").write_text("word\tшаш\tsas\n", encoding="utf-8")
    assert cache.read_table(path) is None


@pytest.mark.parametrize("content", [b"", b"not marshal", b"\xe9\x00\x00\x00\x00"])
def test_an_entry_that_is_not_a_table_is_passed_over(folder: Path, content: bytes) -> None:
    path = table_files(folder)
    entry = cache._table_entry(path)
    assert entry is not None
    entry.parent.mkdir(parents=True)
    entry.write_bytes(content)
    assert cache.read_table(path) is None
    cache.store(entry, ["Rule", "too", "few"])  # a table's kind with the wrong fields
    assert cache.read_table(path) is None


def test_a_new_entry_replaces_the_old_one_of_the_same_name(folder: Path) -> None:
    old = folder / "cache" / "xx-test.toml.0123.marshal"
    other = folder / "cache" / "xx-test.lexicon.tsv.0123.marshal"
    cache.store(old, 1)
    cache.store(other, 2)
    cache.store(folder / "cache" / "xx-test.toml.4567.marshal", 3)
    assert sorted(p.name for p in (folder / "cache").iterdir()) == [
        "xx-test.lexicon.tsv.0123.marshal",
        "xx-test.toml.4567.marshal",
    ]


def test_an_empty_cache_dir_keeps_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRANSLIT_CACHE_DIR", "")
    path = table_files(tmp_path)
    cache.keep_table(path, load_table(path))
    assert cache.read_table(path) is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["_xx-base.toml", "xx-test.toml"]


def test_a_second_process_does_not_read_the_toml(tmp_path: Path) -> None:
    code = (
        "import sys, translit\n"
        "print(translit.get('uz-latn').reverse('Shahar'), 'tomllib' in sys.modules)\n"
    )
    env = {**os.environ, "TRANSLIT_CACHE_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
        ).stdout
        for _ in range(2)
    ]
    assert runs == ["Шаҳар True\n", "Шаҳар False\n"]


def test_a_shipped_scheme_is_kept_on_first_use(folder: Path) -> None:
    path = registry.table_path("ru-iso-9")
    assert cache.read_table(path) is None  # a new cache directory
    first = registry._shipped_table(path)
    assert cache.read_table(path) == first == load_table(path)


def test_the_cache_directory_by_default(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("TRANSLIT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.folder() == tmp_path / "xdg" / "translit"
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.folder() == tmp_path / "home" / ".cache" / "translit"
    monkeypatch.setenv("TRANSLIT_CACHE_DIR", "")
    assert cache.folder() is None


def test_an_entry_is_named_by_its_name_and_a_hash(folder: Path) -> None:
    entry = cache.entry("xx-test.toml", b"key")
    assert entry is not None and entry.parent == folder / "cache"
    assert re.fullmatch(r"xx-test\.toml\.[0-9a-f]{17,}\.marshal", entry.name)
    assert entry != cache.entry("xx-test.toml", b"other key")


def test_an_entry_is_kept_in_a_directory_made_for_it(tmp_path: Path) -> None:
    deep = tmp_path / "a" / "b" / "xx.0123.marshal"
    cache.store(deep, {"x": (1, "y")})
    assert cache.read(deep) == {"x": (1, "y")}


def test_the_code_hash_covers_every_module_and_the_python_version(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(cache, "_code", [])
    package = ROOT / "translit"
    names = sorted(path.relative_to(package).as_posix() for path in package.rglob("*.py"))
    assert {"registry.py", "table/loader.py", "engine/compiler.py", "cli/common.py"} <= set(names)
    expected = cache.Checksum(f"{sys.version_info[:2]}{marshal.version}".encode())
    for name in names:
        expected.update(name.encode() + b"\0" + (package / name).read_bytes() + b"\0")
    assert cache._code_digest() == expected.hexdigest().encode()
    assert cache._code == [expected.hexdigest().encode()]  # computed once


def test_the_code_hash_changes_with_a_module_of_a_subpackage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "translit"
    files = {
        "__init__.py": "",
        "registry.py": "",
        "table/__init__.py": "",
        "table/cache.py": "",
        "engine/__init__.py": "",
        "engine/compiler.py": "A = 1\n",
        "engine/parts/__init__.py": "",  # a subpackage of a subpackage
        "_tables/build/script.py": "",  # not modules of the package
        "_tables/make.py": "",
    }
    for name, text in files.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(text)
    monkeypatch.setattr(cache, "__file__", str(package / "table" / "cache.py"))
    assert cache._modules(str(package)) == sorted(name for name in files if "_tables" not in name)

    def digest() -> bytes:
        monkeypatch.setattr(cache, "_code", [])
        return cache._code_digest()

    first = digest()
    (package / "_tables" / "build" / "script.py").write_text("B = 2\n")
    assert digest() == first
    (package / "engine" / "compiler.py").write_text("A = 2\n")
    changed = digest()
    assert changed != first
    (package / "engine" / "compiler.py").rename(package / "engine" / "converter.py")
    assert digest() not in (first, changed)  # a module's name counts, not only its bytes


def test_an_entry_of_other_code_is_not_taken(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = table_files(folder)
    monkeypatch.setattr(cache, "_code", [b"another translit"])
    cache.keep_table(path, load_table(path))
    monkeypatch.setattr(cache, "_code", [])
    assert cache.read_table(path) is None


def test_a_lexicon_that_is_not_utf8_is_hashed_as_the_loader_reads_it(folder: Path) -> None:
    path = table_with_lexicon(folder, b"word\t\xd1\x88\xff\tsh\n")
    table = load_table(path)  # the lexicon is checked when first compiled, not here
    cache.keep_table(path, table)
    assert cache.read_table(path) == table


def test_tables_of_two_names_keep_entries_of_their_own(folder: Path) -> None:
    # Each table's entry is named by its file's name: keeping the second table drops
    # only older entries of its own name, not the first table's.
    first = table_files(folder)
    second = folder / "xx-other.toml"
    text = first.read_text(encoding="utf-8").replace('id = "xx-test"', 'id = "xx-other"')
    second.write_text(text, encoding="utf-8")
    for path in (first, second):
        cache.keep_table(path, load_table(path))
    for path in (first, second):
        kept = cache.read_table(path)
        assert kept is not None and kept.path == str(path)
    names = sorted(p.name.rsplit(".", 2)[0] for p in (folder / "cache").iterdir())
    assert names == ["xx-other.toml", "xx-test.toml"]


def test_the_checksum_is_crc32_adler32_and_length() -> None:
    # The check values of "123456789": CRC-32 cbf43926 (the CRC catalogue's), Adler-32
    # 091e01de (A = 1 + 477 = 0x1de, B = 50 + 100 + ... + 478 = 2334 = 0x91e); 9 bytes.
    assert cache.Checksum(b"123456789").hexdigest() == "cbf43926091e01de9"
    assert cache.Checksum().hexdigest() == "00000000000000010"

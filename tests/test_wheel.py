"""Test the installed wheel, not the checkout, and the distributions PyPI would receive.

The wheel is built with pip, installed into a fresh virtual environment (its dependencies come
from the package index), and the installed ``translit`` command is run from a directory outside
the repository, so nothing can be picked up from the source tree by accident. The source
distribution is built with ``build``, and both pass ``twine check``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import venv
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
DIST_NAME = "translit-central-asia"
FILE_NAME = "translit_central_asia"  # the distribution name as wheel and sdist file names spell it

pytestmark = pytest.mark.slow


def run(args: list[str | Path], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(arg) for arg in args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=300,
        **kwargs,
    )
    assert result.returncode == 0, f"{args} failed:\n{result.stdout}\n{result.stderr}"
    return result


def clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env["PYTHONIOENCODING"] = "utf-8"
    return env


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheelhouse")
    run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", out, ROOT],
        env=clean_env(),
    )
    wheels = list(out.glob(f"{FILE_NAME}-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.fixture(scope="module")
def sdist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sdist")
    run([sys.executable, "-m", "build", "--sdist", "--outdir", out, ROOT], env=clean_env())
    sdists = list(out.glob(f"{FILE_NAME}-*.tar.gz"))
    assert len(sdists) == 1, sdists
    return sdists[0]


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A fresh virtual environment with the wheel installed; yields its bin directory."""
    env_dir = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    bin_dir = env_dir / "bin"
    run([bin_dir / "python", "-m", "pip", "install", "--quiet", wheel], env=clean_env())
    yield bin_dir


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A working directory outside the checkout."""
    assert ROOT not in tmp_path.parents
    return tmp_path


def test_wheel_contents(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "translit/_tables/uz-latn.toml" in names
    assert "translit/_tables/kk-latn-2021.toml" in names
    assert "translit/_tables/ru-iso-9.toml" in names
    assert "translit/py.typed" in names
    assert "translit/__init__.py" in names
    assert "translit/table/loader.py" in names
    assert "translit/engine/compiler.py" in names
    assert not any(name.startswith(("tests/", "seeds/", "bench/", "tables/")) for name in names)


def test_wheel_metadata_and_licence_files(wheel: Path) -> None:
    archive = zipfile.ZipFile(wheel)
    dist_info = next(n.split("/")[0] for n in archive.namelist() if ".dist-info/" in n)
    metadata = archive.read(f"{dist_info}/METADATA").decode("utf-8")
    headers = metadata.split("\n\n", 1)[0].splitlines()
    assert f"Name: {DIST_NAME}" in headers
    assert "License-Expression: MIT" in headers
    assert "License-File: LICENSE" in headers
    assert "License-File: THIRD_PARTY_NOTICES.md" in headers
    names = set(archive.namelist())
    assert f"{dist_info}/licenses/LICENSE" in names
    assert f"{dist_info}/licenses/THIRD_PARTY_NOTICES.md" in names
    assert "MIT License" in archive.read(f"{dist_info}/licenses/LICENSE").decode()
    assert "translit.cli:main" in archive.read(f"{dist_info}/entry_points.txt").decode()


def test_sdist_contents(sdist: Path) -> None:
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    for expected in (
        "LICENSE",
        "THIRD_PARTY_NOTICES.md",
        "CHANGELOG.md",
        "README.md",
        "pyproject.toml",
        "PKG-INFO",
        "translit/cli/__init__.py",
        "tables/ru-iso-9.toml",
        "tests/test_cli.py",
    ):
        assert expected in names, expected


def test_twine_check_passes(wheel: Path, sdist: Path) -> None:
    # What PyPI checks on upload: metadata and a README that renders.
    result = run([sys.executable, "-m", "twine", "check", "--strict", wheel, sdist])
    assert result.stdout.count("PASSED") == 2, result.stdout


def test_installed_package_is_the_wheel(installed: Path, outside: Path) -> None:
    result = run(
        [installed / "python", "-c", "import translit; print(translit.__file__)"],
        cwd=outside,
        env=clean_env(),
    )
    location = Path(result.stdout.strip()).resolve()
    assert installed.parent.resolve() in location.parents
    assert ROOT not in location.parents


def test_installed_cli_transliterates_stdin(installed: Path, outside: Path) -> None:
    result = run(
        [installed / "translit", "kk-latn-2021"],
        input="Қазақстан Республикасы\n",
        cwd=outside,
        env=clean_env(),
    )
    assert result.stdout == "Qazaqstan Respublikasy\n"


def test_installed_cli_lists_schemes(installed: Path, outside: Path) -> None:
    result = run([installed / "translit", "-l"], cwd=outside, env=clean_env())
    ids = {line.split()[0] for line in result.stdout.splitlines() if line.strip()}
    assert {"uz-latn", "kk-latn-2021", "ru-iso-9"} <= ids


def test_installed_cli_options(installed: Path, outside: Path) -> None:
    translit = installed / "translit"
    assert run([translit, "-V"], cwd=outside, env=clean_env()).stdout.startswith("translit ")
    text = run([translit, "ru-iso-9", "-t", "Щука"], cwd=outside, env=clean_env())
    assert text.stdout == "Ŝuka\n"
    cp1251 = subprocess.run(
        [translit, "-f", "cp1251", "ru-iso-9"],
        input="Щука\n".encode("cp1251"),
        capture_output=True,
        cwd=outside,
        env=clean_env(),
        check=False,
    )
    assert (cp1251.returncode, cp1251.stdout) == (0, "Ŝuka\n".encode())
    strict = subprocess.run(
        [translit, "--strict", "uz-latn", "-t", "Түркия"],
        capture_output=True,
        text=True,
        cwd=outside,
        env=clean_env(),
        check=False,
    )
    assert strict.returncode == 1
    assert strict.stderr == (
        "translit: <text>:1:2: 'ү' (U+04AF) is not in uz-latn; stopped by --strict\n"
    )


def test_installed_library_reads_packaged_tables(installed: Path, outside: Path) -> None:
    code = "import translit; print(translit.transliterate('Oʻzbekiston', 'uz-latn', reverse=True))"
    result = run([installed / "python", "-c", code], cwd=outside, env=clean_env())
    assert result.stdout == "Ўзбекистон\n"

"""Test the installed wheel, not the checkout.

The wheel is built with pip, installed into a fresh virtual environment (its dependencies come
from the package index), and the installed ``translit`` command is run from a directory outside
the repository, so nothing can be picked up from the source tree by accident.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent

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
    wheels = list(out.glob("translit-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


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
    assert not any(name.startswith(("tests/", "seeds/", "bench/", "tables/")) for name in names)


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


def test_installed_library_reads_packaged_tables(installed: Path, outside: Path) -> None:
    code = "import translit; print(translit.transliterate('Oʻzbekiston', 'uz-latn', reverse=True))"
    result = run([installed / "python", "-c", code], cwd=outside, env=clean_env())
    assert result.stdout == "Ўзбекистон\n"

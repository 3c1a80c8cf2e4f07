"""pyproject.toml declares what a wheel must carry: every folder of the project's packages is a
declared package, and every data file in it matches that package's package-data (setuptools
otherwise warns "would be ignored" and a non-editable install loses the file)."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path
from typing import Any

from .conftest import ROOT

SKIP_DIRS = {"__pycache__"}


def _setuptools() -> dict[str, Any]:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return dict(pyproject["tool"]["setuptools"])


def _folders() -> dict[str, Path]:
    """Dotted package name → folder, for each mapped folder and every folder below it."""
    out: dict[str, Path] = {}
    for name, folder in _setuptools()["package-dir"].items():
        top = ROOT / folder
        out[name] = top
        for sub in top.rglob("*"):
            if sub.is_dir() and not SKIP_DIRS & set(sub.relative_to(top).parts):
                out[".".join([name, *sub.relative_to(top).parts])] = sub
    return out


def test_every_folder_is_a_declared_package() -> None:
    assert sorted(_folders()) == sorted(_setuptools()["packages"])


def test_every_data_file_is_package_data() -> None:
    package_data = _setuptools()["package-data"]
    for name, folder in _folders().items():
        patterns = package_data.get(name, [])
        for path in folder.iterdir():
            if path.is_file() and path.suffix not in {".py", ".pyc"}:
                assert any(fnmatch.fnmatch(path.name, p) for p in patterns), f"{name}: {path.name}"


def test_licence_is_an_spdx_string() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["license"] == "MIT"

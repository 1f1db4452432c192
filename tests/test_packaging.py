"""One distribution, one import name: what the wheel installs must be complete and must
not shadow (or be shadowed by) unrelated packages called `engine` or `game`."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from importlib import metadata, resources
from pathlib import Path

import faultlines

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = {"faultlines": "faultlines", "faultlines.engine": "engine",
           "faultlines.game": "game", "faultlines.scenarios": "scenarios",
           "faultlines.assets": "assets"}


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_package_folder_is_listed_for_the_wheel():
    listed = set(pyproject()["tool"]["setuptools"]["packages"])
    found = set()
    for name, folder in FOLDERS.items():
        for init in (ROOT / folder).rglob("__init__.py"):
            rel = init.parent.relative_to(ROOT / folder).parts
            found.add(".".join((name, *rel)))
    assert found == listed, f"pyproject packages differ: missing {found - listed}, " \
                            f"extra {listed - found}"


def test_one_import_name_and_no_top_level_engine_or_game():
    code = ("import sys, faultlines.game.cli, faultlines.engine.debrief, faultlines.game.app;"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('engine', 'game')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT / "tests", check=True)
    assert out.stdout.strip() == "[]"


def test_version_is_one_number_everywhere():
    assert metadata.version("faultlines") == faultlines.__version__
    out = subprocess.run([sys.executable, "-m", "faultlines", "--version"],
                         capture_output=True, text=True, check=True)
    assert out.stdout.strip() == f"faultlines {faultlines.__version__}"


def test_shipped_files_are_package_data():
    assets = resources.files("faultlines.assets")
    for name in ("theme.json", "fonts/Inter-Regular.otf", "fonts/DejaVuSans.ttf",
                 "fonts/LICENSE-Inter.txt", "fonts/LICENSE-DejaVu.txt"):
        assert assets.joinpath(name).is_file(), name
    globs = pyproject()["tool"]["setuptools"]["package-data"]["faultlines.assets"]
    assert any("LICENSE" in g for g in globs)


def test_licences_are_declared():
    project = pyproject()["project"]
    assert project["license"].startswith("MIT")
    assert "LICENSE" in project["license-files"]
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")

"""Where the window edition keeps its files: assets beside the code, saves and settings
in per-user folders (platformdirs), or all under $FAULTLINES_HOME so tests never touch a
real profile."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "faultlines"
ASSETS = Path(__file__).resolve().parent.parent / "assets"
FONTS = ASSETS / "fonts"
THEME = ASSETS / "theme.json"


def _home() -> Path | None:
    home = os.environ.get("FAULTLINES_HOME")
    return Path(home) if home else None


def data_dir() -> Path:
    """Saves and the autosave live here."""
    home = _home()
    return home / "data" if home else Path(platformdirs.user_data_dir(APP))


def config_dir() -> Path:
    """Settings live here (they outlive any one game)."""
    home = _home()
    return home / "config" if home else Path(platformdirs.user_config_dir(APP))


def saves_dir() -> Path:
    return data_dir() / "saves"


def settings_path() -> Path:
    return config_dir() / "settings.json"

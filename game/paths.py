"""Where Fault Lines keeps its files.

Shipped files (fonts with their licences, the theme) are package data of `faultlines.assets`,
found with importlib.resources so they work from a wheel, a pipx install or a checkout. The
player's files live in per-user folders (platformdirs): saves and logs in the data folder,
settings in the config folder, a trainer's own scenarios in `<data>/scenarios`. If
$FAULTLINES_HOME is set, all of them live under it instead (tests rely on this, and so can a
classroom machine that must keep everything in one place).
"""

from __future__ import annotations

import atexit
import contextlib
import os
from importlib import resources
from pathlib import Path

APP = "faultlines"
ENV_HOME = "FAULTLINES_HOME"

_extracted = contextlib.ExitStack()  # only used if the package is ever run from a zip
atexit.register(_extracted.close)


def asset(*parts: str) -> Path:
    """A real file path for a shipped asset (pygame and pygame_gui need paths)."""
    ref = resources.files("faultlines.assets").joinpath(*parts)
    if isinstance(ref, Path):
        return ref
    return _extracted.enter_context(resources.as_file(ref))  # pragma: no cover - zipped


FONTS = asset("fonts")
THEME = asset("theme.json")
#: the pygame_gui theme file of each window theme (game/palette.py THEMES)
THEME_FILES = {"dark": THEME, "light": asset("theme-light.json")}


def _home() -> Path | None:
    home = os.environ.get(ENV_HOME)
    return Path(home).expanduser() if home else None


def data_dir() -> Path:
    """Saves, logs and a trainer's own scenarios live here."""
    home = _home()
    if home:
        return home / "data"
    import platformdirs

    return Path(platformdirs.user_data_dir(APP))


def config_dir() -> Path:
    """Settings live here (they outlive any one game)."""
    home = _home()
    if home:
        return home / "config"
    import platformdirs

    return Path(platformdirs.user_config_dir(APP))


def saves_dir() -> Path:
    return data_dir() / "saves"


def logs_dir() -> Path:
    return data_dir() / "logs"


def analysis_dir() -> Path:
    """Finished analyses kept so the window's analysis board reopens at once."""
    return data_dir() / "analysis"


def user_scenarios_dir() -> Path:
    """A trainer's own scenario files (`<id>.yaml`); listed beside the shipped ones."""
    return data_dir() / "scenarios"


def catalogue():
    """The scenarios a player can name by id: shipped ones and the user folder's."""
    from faultlines.engine.catalogue import Catalogue

    return Catalogue(user_scenarios_dir())


def settings_path() -> Path:
    return config_dir() / "settings.json"

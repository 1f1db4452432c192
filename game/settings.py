"""Player settings that persist between runs: text size, theme, palette, fullscreen, sound,
and speaking aloud.

Stored as a small JSON file written atomically; a damaged or old file falls back to the
defaults field by field, so a bad settings file can never stop the game from starting. A
field missing (an older file) or unknown (a newer one) is not damage; a field of the wrong
type or out of range, or a file that cannot be read, is - and is reported once, in one line
naming the file, when the settings are loaded.
"""

from __future__ import annotations

import sys
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from faultlines.engine.errors import SaveError
from faultlines.engine.logs import read_json, write_json
from faultlines.game.palette import THEME_NAMES
from faultlines.game.paths import settings_path

#: Text size steps: (name, scale). The largest is meant to be read from the back of a
#: classroom when a 1280x720 window is projected.
TEXT_SIZES: tuple[tuple[str, float], ...] = (
    ("Normal", 1.0),
    ("Large", 1.25),
    ("Classroom", 1.5),
)
SETTINGS_FORMAT = "faultlines-settings"
MAX_SETTINGS_BYTES = 64 * 1024  # a settings file is a few hundred bytes


@dataclass
class Settings:
    text_size: int = 0  # index into TEXT_SIZES
    colourblind: bool = True  # Okabe-Ito palette (safe for the common colour-vision deficiencies)
    fullscreen: bool = False
    sound: bool = True
    theme: str = "dark"  # a name in game/palette.py THEMES: dark, or light (high contrast)
    speak: bool = False  # self-voicing: speak the focused element and new events (game/voice.py)

    @property
    def scale(self) -> float:
        return TEXT_SIZES[self.text_size][1]

    @property
    def text_size_name(self) -> str:
        return TEXT_SIZES[self.text_size][0]

    def to_dict(self) -> dict:
        return {"format": SETTINGS_FORMAT, **asdict(self)}

    @classmethod
    def from_dict(cls, data: dict) -> Settings:
        s = cls()
        for f in fields(cls):
            v = data.get(f.name)
            if isinstance(v, type(getattr(s, f.name))) and not (
                    f.type == "int" and isinstance(v, bool)):
                setattr(s, f.name, v)
        s.text_size = min(max(0, int(s.text_size)), len(TEXT_SIZES) - 1)
        if s.theme not in THEME_NAMES:
            s.theme = "dark"
        return s


def read_settings(path: Path) -> tuple[Settings, str | None]:
    """The settings in `path`, and what is wrong with the file (None: nothing)."""
    if not path.exists():
        return Settings(), None
    try:
        data = read_json(path, limit=MAX_SETTINGS_BYTES)
    except SaveError as exc:
        return Settings(), f"{exc}; using the default settings"
    if data.get("format", SETTINGS_FORMAT) != SETTINGS_FORMAT:
        return Settings(), (f"{path}: not a Fault Lines settings file (format is "
                            f"{data.get('format')!r:.40}); using the default settings")
    settings = Settings.from_dict(data)
    wrong = [f.name for f in fields(Settings) if f.name in data and (
        type(data[f.name]) is not type(getattr(settings, f.name))
        or data[f.name] != getattr(settings, f.name))]
    if wrong:
        return settings, (f"{path}: {', '.join(wrong)} could not be used as written "
                          "(damaged or out of range); the defaults apply instead")
    return settings, None


def load_settings(path: Path | None = None) -> Settings:
    """The player's settings; a damaged file is said so in one line on stderr."""
    settings, problem = read_settings(path or settings_path())
    if problem:
        print(f"faultlines: {problem}", file=sys.stderr)
    return settings


def save_settings(settings: Settings, path: Path | None = None) -> None:
    try:
        write_json(path or settings_path(), settings.to_dict())
    except OSError:
        pass  # a read-only profile must not stop play; the settings apply for this run

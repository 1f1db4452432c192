"""Player settings that persist between runs: text size, theme, palette, fullscreen, sound,
and speaking aloud.

Stored as a small JSON file written atomically; a damaged or old file falls back to the
defaults field by field, so a bad settings file can never stop the game from starting.
"""

from __future__ import annotations

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


def load_settings(path: Path | None = None) -> Settings:
    path = path or settings_path()
    if not path.exists():
        return Settings()
    try:
        return Settings.from_dict(read_json(path))
    except SaveError:
        return Settings()


def save_settings(settings: Settings, path: Path | None = None) -> None:
    try:
        write_json(path or settings_path(), settings.to_dict())
    except OSError:
        pass  # a read-only profile must not stop play; the settings apply for this run

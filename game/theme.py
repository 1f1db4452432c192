"""The pygame_gui theme: assets/theme.json (dark) or assets/theme-light.json (light, high
contrast), with font sizes scaled to the player's text size and the shipped Inter font
files filled in (so pygame_gui never falls back to its own default font)."""

from __future__ import annotations

import copy
import json
import warnings
from functools import lru_cache

import pygame_gui
from faultlines.game.fonts import FACES
from faultlines.game.paths import THEME_FILES

FONT_NAME = "inter"
# pygame_gui warns about fonts first used after start-up; we preload what the theme
# names, and the text boxes' HTML sizes are preloaded below, so the rest is noise.
warnings.filterwarnings("ignore", message="Finding font with id", category=UserWarning)


@lru_cache(maxsize=2)
def _base(name: str = "dark") -> dict:
    with open(THEME_FILES.get(name, THEME_FILES["dark"]), encoding="utf-8") as fh:
        return json.load(fh)


def scaled_size(base: int | float, scale: float) -> int:
    return max(8, round(float(base) * scale))


def theme_dict(scale: float, name: str = "dark") -> dict:
    """Theme `name` with every font size multiplied by `scale`."""
    theme = copy.deepcopy(_base(name))
    for block in theme.values():
        font = block.get("font") if isinstance(block, dict) else None
        if not font:
            continue
        font["size"] = str(scaled_size(font["size"], scale))
        if font.get("name") == FONT_NAME:
            font["regular_path"] = str(FACES["regular"])
            font["bold_path"] = str(FACES["bold"])
            font["italic_path"] = str(FACES["italic"])
            font["bold_italic_path"] = str(FACES["bold_italic"])
        block["font"] = font
    if "window" in theme:
        misc = theme["window"].setdefault("misc", {})
        misc["title_bar_height"] = str(scaled_size(misc.get("title_bar_height", 32), scale))
    return theme


def font_sizes(scale: float) -> list[int]:
    return sorted({int(b["font"]["size"]) for b in theme_dict(scale).values()
                   if isinstance(b, dict) and "font" in b})


def new_manager(size: tuple[int, int], scale: float, name: str = "dark"
                ) -> pygame_gui.UIManager:
    """A UIManager with theme `name` and our fonts loaded up front (first frame stays fast)."""
    ui = pygame_gui.UIManager(size, theme_dict(scale, name), enable_live_theme_updates=False)
    ui.add_font_paths(FONT_NAME, str(FACES["regular"]), str(FACES["bold"]),
                      str(FACES["italic"]), str(FACES["bold_italic"]))
    ui.add_font_paths("dejavu", str(FACES["symbol"]), str(FACES["symbol_bold"]))
    return ui

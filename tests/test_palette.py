"""Both window themes are readable: every text colour in use reads at 4.5:1 or more (WCAG 2
relative luminance) on every background it is drawn on, in the game's own drawing
(game/palette.py) and in each pygame_gui theme file; and the light theme can be chosen."""

from __future__ import annotations

import json

import pygame
import pytest
from faultlines.game import palette
from faultlines.game.palette import THEMES, Palette, contrast, hex_colour, use_theme
from faultlines.game.paths import THEME_FILES
from faultlines.game.settings import Settings

from tests.window_kit import headless, open_app

pytestmark = pytest.mark.filterwarnings("ignore:Finding font with id")
TEXT_NEEDS = 4.5

# pygame_gui theme blocks by what they are: labels are drawn straight on the window's
# background or a panel; buttons and text boxes on their own fill
LABEL_IDS = ("label", "#title", "#subtitle", "#heading", "#subheading", "#muted", "#family")
BUTTON_IDS = ("button", "#move", "#primary", "#big", "#primary_big", "#danger", "#choice")
BOX_IDS = ("text_box", "#card", "#transcript", "#small_box", "tool_tip", "tool_tip.text_box",
           "window")
STATES = ("normal", "hovered", "selected", "active", "disabled")


def test_contrast_is_computed_as_wcag_does():
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast((255, 255, 255), (255, 255, 255)) == pytest.approx(1.0)
    assert contrast(hex_colour("#767676"), (255, 255, 255)) == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("name", list(THEMES))
def test_every_text_colour_reads_on_every_background(name):
    t = THEMES[name]
    texts = {"text": t.text, "muted": t.muted, "faint": t.faint, "focus": t.focus,
             "accent": t.accent, "support": t.support[0], "oppose": t.oppose[0],
             "support (conventional)": t.support[1], "oppose (conventional)": t.oppose[1]}
    grounds = {"bg": t.bg, "panel": t.panel, "panel_hi": t.panel_hi}
    low = [(f, g, round(contrast(hex_colour(c), hex_colour(b)), 2))
           for f, c in texts.items() for g, b in grounds.items()
           if contrast(hex_colour(c), hex_colour(b)) < TEXT_NEEDS]
    assert not low, f"{name}: too little contrast {low}"


def _effective(theme: dict, block: str) -> dict[str, str]:
    """A block's colours with the defaults under them (as pygame_gui resolves them)."""
    colours = dict(theme["defaults"]["colours"])
    base = block.split(".")[0]
    if base in theme and block != base:
        colours.update(theme[base].get("colours", {}))
    colours.update(theme.get(block, {}).get("colours", {}))
    if block.startswith("#"):  # an object id on a button inherits the button block
        colours = {**theme["defaults"]["colours"], **theme.get("button", {}).get("colours", {}),
                   **theme.get(block, {}).get("colours", {})}
    return colours


def _rgb(h: str):
    return hex_colour(h[:7])


@pytest.mark.parametrize("name", list(THEME_FILES))
def test_every_pygame_gui_colour_pair_reads(name):
    theme = json.loads(THEME_FILES[name].read_text(encoding="utf-8"))
    chrome = THEMES[name]
    low = []
    for block in BUTTON_IDS:
        c = _effective(theme, block)
        for state in STATES:
            fg, bg = c[f"{state}_text"], c[f"{state}_bg"]
            if contrast(_rgb(fg), _rgb(bg)) < TEXT_NEEDS:
                low.append((block, state, fg, bg))
    for block in BOX_IDS:
        c = _effective(theme, block)
        for fg in (c["normal_text"], c["link_text"]):
            if contrast(_rgb(fg), _rgb(c["dark_bg"])) < TEXT_NEEDS:
                low.append((block, fg, c["dark_bg"]))
    for block in LABEL_IDS:
        fg = {**theme["defaults"]["colours"], **theme.get("label", {}).get("colours", {}),
              **theme.get(block, {}).get("colours", {})}["normal_text"]
        for bg in (chrome.bg, chrome.panel, chrome.panel_hi):
            if contrast(_rgb(fg), _rgb(bg)) < TEXT_NEEDS:
                low.append((block, fg, bg))
    assert not low, f"{name}: too little contrast {low}"


def test_both_theme_files_style_the_same_elements():
    dark, light = (json.loads(THEME_FILES[n].read_text(encoding="utf-8")) for n in
                   ("dark", "light"))
    assert set(dark) == set(light)
    for block in dark:
        assert set(dark[block].get("colours", {})) <= set(light[block].get("colours", {})), \
            block


def test_use_theme_changes_the_colours_every_module_imported():
    from faultlines.game.widgets import chart  # imported TEXT and PANEL by name

    try:
        use_theme("light")
        assert tuple(chart.TEXT)[:3] == hex_colour(THEMES["light"].text)
        assert tuple(chart.PANEL)[:3] == hex_colour(THEMES["light"].panel)
        assert Palette(True, "light").oppose == hex_colour(THEMES["light"].oppose[0])
    finally:
        use_theme("dark")
    assert tuple(palette.BG)[:3] == hex_colour(THEMES["dark"].bg)


def test_theme_setting_round_trips_and_unknown_names_fall_back():
    assert Settings.from_dict(Settings(theme="light").to_dict()).theme == "light"
    assert Settings.from_dict({"theme": "neon"}).theme == "dark"


def test_choosing_the_light_theme_in_the_settings_by_keyboard(tmp_path):
    from faultlines.game.scenes.menus import SettingsOverlay

    headless(tmp_path)
    app = open_app()
    try:
        app.show_title()
        app.push(SettingsOverlay(app))
        app.pump(2)
        scene = app.top
        ring = [k for k, _, _ in scene.focus.items]
        scene.focus.focus(ring[0])
        for _ in range(ring.index("theme:light")):
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_TAB, mod=0,
                                                 unicode="", scancode=0))
        for kind in (pygame.KEYDOWN, pygame.KEYUP):
            pygame.event.post(pygame.event.Event(kind, key=pygame.K_RETURN, mod=0,
                                                 unicode="\r", scancode=0))
        app.pump(3)
        assert app.settings.theme == "light"
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0,
                                             unicode="", scancode=0))
        app.pump(3)
        assert type(app.top).__name__ == "TitleScene"
        assert tuple(app.window.get_at((2, 2)))[:3] == hex_colour(THEMES["light"].bg)
        from faultlines.game.settings import load_settings

        assert load_settings().theme == "light"  # kept for next time
    finally:
        use_theme("dark")
        app.close()

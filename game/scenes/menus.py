"""The pause menu and what it opens: save and load slots, settings, and help."""

from __future__ import annotations

import pygame
from faultlines.engine.errors import SaveError
from faultlines.game.guide import GENERAL_KEYS, HOW_TO_PLAY, REPLAY_KEYS, move_keys
from faultlines.game.palette import GROUPS, MUTED, SECTOR_CODE, SECTOR_GROUP, hexs
from faultlines.game.saves import AUTOSAVE
from faultlines.game.scenes.base import Overlay
from faultlines.game.settings import TEXT_SIZES
from faultlines.game.text import esc

SHAPE_GLYPHS = {"square": "\u25a0", "diamond": "\u25c6", "triangle": "\u25b2",
                "triangle_down": "\u25bc", "hexagon": "\u2b22", "circle": "\u25cf",
                "pentagon": "\u2b1f", "star": "\u2605"}


def in_game(app) -> bool:
    from faultlines.game.scenes.briefing import BriefingScene
    from faultlines.game.scenes.table import TableScene

    base = app.scenes[0] if app.scenes else None
    return app.session is not None and isinstance(base, TableScene | BriefingScene)


class PauseMenu(Overlay):
    width, height = 520, 600

    def build(self) -> None:
        area = self.title("Paused")
        px = self.px
        s = self.app.session
        playing = in_game(self.app)
        undo_reason = s.can_undo() if (s and playing) else "No game in progress."
        items = [("resume", "Resume (Esc)", self.close, True),
                 ("save", "Save game", lambda: self.app.push(SlotsOverlay(self.app, "save")),
                  playing and s is not None and not s.over),
                 ("load", "Load game", lambda: self.app.push(SlotsOverlay(self.app, "load")),
                  True),
                 ("undo", "Undo last move" if undo_reason is None else
                  "Undo (practice mode only)", self._undo, undo_reason is None),
                 ("settings", "Settings", lambda: self.app.push(SettingsOverlay(self.app)), True),
                 ("help", "How to play and keys", lambda: self.app.push(HelpOverlay(self.app)),
                  True),
                 ("title", "Quit to title (game is autosaved)", self.app.show_title, True),
                 ("quit", "Quit Fault Lines", self.app.quit, True)]
        bh = min(px(46), (area.h - px(8) * len(items)) // len(items))
        y = area.y
        for key, text, action, enabled in items:
            self.add_button(key, pygame.Rect(area.x, y, area.w, bh), text, action,
                            enabled=enabled, object_id="#primary" if key == "resume" else None)
            y += bh + px(8)

    def _undo(self) -> None:
        s = self.app.session
        if s is None or s.can_undo() is not None:
            return
        s.undo()
        self.close()


class SlotsOverlay(Overlay):
    """Three save slots (and the autosave when loading), with what each holds."""

    width, height = 980, 560

    def __init__(self, app, mode: str):
        super().__init__(app)
        self.mode = mode  # "save" or "load"
        self.message = ""

    def build(self) -> None:
        area = self.title("Save the game" if self.mode == "save" else "Load a game")
        px = self.px
        infos = self.app.store.all(autosave=self.mode == "load")
        bh = px(46)
        row_h = self.app.box_height(2, 15)
        bw = px(190)
        y = area.y
        for info in infos:
            usable = self.mode == "save" or (info.exists and info.error is None)
            text = (f"Save to {info.label.lower()}" if self.mode == "save"
                    else f"Load {info.label.lower()}")
            self.add_button(f"slot:{info.slot}", pygame.Rect(area.x, y, bw, row_h), text,
                            lambda i=info: self._act(i.slot), enabled=usable)
            self.text_box(pygame.Rect(area.x + bw + px(10), y, area.w - bw - px(10), row_h),
                          f"<b>{esc(info.label)}</b>: {esc(info.summary())}", "#small_box")
            y += row_h + px(8)
        if self.message:
            self.text_box(pygame.Rect(area.x, y + px(4), area.w, px(64)), self.message,
                          "#small_box")
        self.add_button("back", pygame.Rect(area.right - px(200), area.bottom - bh, px(200),
                                            bh), "Back (Esc)", self.close, object_id="#primary")

    def _act(self, slot: str) -> None:
        if self.mode == "save":
            s = self.app.session
            if s is None:
                return
            try:
                s.save(int(slot))
                self.message = f"Saved to slot {slot}."
            except (SaveError, OSError, ValueError) as exc:
                self.message = f"Could not save: {esc(exc)}"
            self.rebuild()
            self.focus.focus(f"slot:{slot}")
            return
        error = self.app.load_game(AUTOSAVE if slot == AUTOSAVE else int(slot))
        if error:
            self.message = f"Could not load: {esc(error)}"
            self.rebuild()


class SettingsOverlay(Overlay):
    """Text size, theme, palette, fullscreen and sound; applied at once and kept for next
    time."""

    width, height = 900, 640

    def build(self) -> None:
        area = self.title("Settings")
        px = self.px
        st = self.app.settings
        rows = [
            ("Text size", [(f"size:{i}", name, i == st.text_size)
                           for i, (name, _) in enumerate(TEXT_SIZES)]),
            ("Theme", [("theme:dark", "Dark", st.theme == "dark"),
                       ("theme:light", "Light, high contrast", st.theme == "light")]),
            ("Colours", [("cb:1", "Colour-blind safe (Okabe\u2013Ito)", st.colourblind),
                         ("cb:0", "Conventional", not st.colourblind)]),
            ("Fullscreen (F11)", [("fs:1", "On", st.fullscreen), ("fs:0", "Off",
                                                                  not st.fullscreen)]),
            ("Sound", [("snd:1", "On", st.sound), ("snd:0", "Off", not st.sound)]),
            ("Speak aloud", [("speak:1", "On", st.speak), ("speak:0", "Off", not st.speak)]),
        ]
        lw = px(200)
        bh = px(42)
        gap = px(14)
        room = area.h - bh - px(10) - self.app.box_height(3, 15)
        if len(rows) * (bh + gap) > room:  # large text: rows close up to leave the note room
            bh, gap = max(px(30), room // len(rows) - px(6)), px(6)
        y = area.y
        for label, choices in rows:
            self.label(pygame.Rect(area.x, y, lw, bh), label, "#subheading")
            x = area.x + lw
            bw = (area.w - lw - px(8) * (len(choices) - 1)) // len(choices)
            for key, text, on in choices:
                b = self.add_button(key, pygame.Rect(x, y, bw, bh), text,
                                    lambda k=key: self._set(k), object_id="#choice")
                if on:
                    b.select()
                x += bw + px(8)
            y += bh + gap
        note = ("Settings are saved for next time. Ctrl + and Ctrl \u2212 change the text size "
                "anywhere. Speak aloud reads out the focused item and what happens.")
        if st.speak and self.app.voice.problem:
            note += f"<br><b>{esc(self.app.voice.problem)}</b>"
        self.text_box(pygame.Rect(area.x, y, area.w, area.bottom - bh - px(10) - y), note,
                      "#small_box")
        self.add_button("done", pygame.Rect(area.right - px(200), area.bottom - bh, px(200), bh),
                        "Done (Esc)", self.close, object_id="#primary")
        self.focus.focus(f"size:{st.text_size}")  # Enter at once changes nothing

    def _set(self, key: str) -> None:
        st = self.app.settings
        name, _, value = key.partition(":")
        if name == "size":
            st.text_size = int(value)
        elif name == "theme":
            st.theme = value
        elif name == "cb":
            st.colourblind = value == "1"
        elif name == "fs":
            st.fullscreen = value == "1"
        elif name == "snd":
            st.sound = value == "1"
        elif name == "speak":
            st.speak = value == "1"
        self.focus.focus(key)
        self.app.apply_settings()


class HelpOverlay(Overlay):
    width, height = 1100, 680

    def __init__(self, app, *, replay: bool = False):
        super().__init__(app)
        self.replay = replay  # opened from the replay window: its keys come first

    def build(self) -> None:
        area = self.title("Replay keys, and how to play" if self.replay else "How to play")
        pal = self.app.palette
        parts = []
        if self.replay:
            parts.append("<br>".join(["<b>Replay keys</b>"] + [
                f"<b>{esc(k)}</b> \u2014 {esc(v)}" for k, v in REPLAY_KEYS]))
        parts.append("<br>".join(f"<b>{esc(t)}.</b> {esc(x)}" for t, x in HOW_TO_PLAY))
        legend = ["<b>Reading the map</b>"]
        for g in GROUPS.values():
            codes = ", ".join(f"{code} {sector.replace('_', ' ')}" for sector, code in
                              SECTOR_CODE.items() if SECTOR_GROUP.get(sector) == g.key)
            legend.append(f"<font face='dejavu' color='{hexs(pal.named[g.colour_key])}'>"
                          f"{SHAPE_GLYPHS.get(g.shape, '?')}</font> {esc(g.name)} "
                          f"<font color='{hexs(MUTED)}'>({esc(codes)})</font>")
        legend.append("<font face='dejavu'>\u25ef</font> a ring: sits in the forum "
                      "deciding now (faded markers have no vote at this stage); "
                      "<font face='dejavu'>\u2298</font> can block here; "
                      "<font face='dejavu'>\u2605</font> your champion; "
                      "<font face='dejavu'>\u26ad</font> in your coalition; a solid line "
                      "joins allies, a dashed line people with a history of conflict; the bar "
                      "behind a marker is the range your estimate could be off by.")
        parts.append("<br>".join(legend))
        keys = ["<b>Keys</b>"] + [f"<b>{esc(k)}</b> \u2014 {esc(v)}" for k, v in GENERAL_KEYS]
        keys.append("<b>Moves</b> \u2014 " + "; ".join(f"<b>{k}</b> {esc(v)}"
                                                       for k, v in move_keys()))
        parts.append("<br>".join(keys))
        bh = self.px(46)
        self.main_box = self.text_box(pygame.Rect(area.x, area.y, area.w,
                                                  area.h - bh - self.px(12)),
                                      "<br><br>".join(parts), "#card")
        self.add_button("close", pygame.Rect(area.right - self.px(220), area.bottom - bh,
                                             self.px(220), bh), "Close (Esc)", self.close,
                        object_id="#primary")

    def handle_key(self, event: pygame.event.Event) -> bool:
        if event.key == pygame.K_F1:
            self.close()
            return True
        return False

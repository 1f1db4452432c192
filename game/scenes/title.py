"""The title screen: Continue (the autosave), New game, Load, Settings, How to play, Quit."""

from __future__ import annotations

import pygame
from faultlines.game.markup import esc
from faultlines.game.palette import ACCENT, FAINT, MUTED, TEXT
from faultlines.game.saves import AUTOSAVE
from faultlines.game.scenes.base import Scene

TAGLINE = "Lead health and care system change without formal authority"
ABOUT = ("A negotiation training game drawn from research on three English health and care "
         "partnerships (Waring et al. 2023; Waring, Bishop & Roe).")


class TitleScene(Scene):
    error = ""
    show_about = True
    title_base = 0

    def build(self) -> None:
        w, h = self.app.size
        f = self.app.fonts
        bw, bh, gap = self.px(420), self.px(46), self.px(10)
        x = (w - bw) // 2
        self.tag_bottom = self.layout_top()
        info = self.app.store.info(AUTOSAVE)
        items = []
        if info.exists and info.error is None:
            where = "debrief" if info.outcome else f"{info.stage}, round {info.round}"
            items.append(("continue", f"Continue  ({where})", self._continue,
                          f"Resume your last game: {esc(info.summary())}"))
        items += [
            ("new", "New game", self._new,
             "Choose a case, a difficulty and whether to practise with undo."),
            ("load", "Load a saved game", lambda: self._overlay("SlotsOverlay", "load"),
             "Open one of your three save slots or the autosave."),
            ("settings", "Settings", lambda: self._overlay("SettingsOverlay"),
             "Text size, colour palette, fullscreen and sound."),
            ("help", "How to play", lambda: self._overlay("HelpOverlay"),
             "What the game is about, how a turn works, and every keyboard shortcut."),
            ("quit", "Quit", self.app.quit, "Close the game (your game is autosaved)."),
        ]
        hint_h = f.line_height("regular", self.app.fs(15)) + self.px(10)
        about_h = 2 * f.line_height("regular", self.app.fs(15)) + self.px(16)
        room = h - self.tag_bottom - self.px(24) - hint_h
        self.show_about = room - about_h >= len(items) * (bh + gap)
        if self.show_about:
            room -= about_h
        if len(items) * (bh + gap) > room:  # large text on a small window: tighter buttons
            gap = self.px(6)
            bh = max(f.line_height("bold", self.app.fs(20)) + self.px(8),
                     room // len(items) - gap)
        y = self.tag_bottom + self.px(24)
        for i, (key, text, action, tip) in enumerate(items):
            oid = "#primary_big" if i == 0 else "#big"
            self.add_button(key, pygame.Rect(x, y, bw, bh), text, action, tooltip=tip,
                            object_id=oid)
            y += bh + gap
        self.bottom = y

    # The screens behind the buttons import the engine: they are imported when chosen, so
    # the title's first frame does not wait for the engine.
    def _new(self) -> None:
        from faultlines.game.scenes.newgame import NewGameScene

        self.app.switch(NewGameScene(self.app))

    def _overlay(self, name: str, *args: str) -> None:
        from faultlines.game.scenes import menus

        self.app.push(getattr(menus, name)(self.app, *args))

    def _continue(self) -> None:
        error = self.app.load_game(AUTOSAVE)
        if error:
            self.error = f"The autosave could not be loaded: {error}"
            self.app.mark_dirty()

    def handle_key(self, event: pygame.event.Event) -> bool:
        keys = {pygame.K_c: "continue", pygame.K_n: "new", pygame.K_l: "load",
                pygame.K_s: "settings", pygame.K_F1: "help", pygame.K_q: "quit"}
        key = keys.get(event.key)
        if key and key in self.buttons:
            self.press(key)
            return True
        return False

    def layout_top(self) -> int:
        """Where the title block ends (title, fault line, tagline)."""
        f = self.app.fonts
        h = self.app.size[1]
        self.title_base = max(int(h * 0.20), f.line_height("bold", self.app.fs(64)))
        return self.title_base + self.px(32) + f.line_height("italic", self.app.fs(22))

    def draw_under(self, surface: pygame.Surface) -> None:
        f = self.app.fonts
        w, h = self.app.size
        title = f.render("Fault Lines", "bold", self.app.fs(64), TEXT)
        surface.blit(title, title.get_rect(midbottom=(w // 2, self.title_base)))
        # a fault line under the title: one stroke that breaks and offsets
        y = self.title_base + self.px(10)
        half = title.get_width() // 2 + self.px(30)
        pygame.draw.line(surface, ACCENT, (w // 2 - half, y), (w // 2 - self.px(8), y), 3)
        pygame.draw.line(surface, ACCENT, (w // 2 - self.px(8), y), (w // 2 + self.px(8),
                         y + self.px(8)), 3)
        pygame.draw.line(surface, ACCENT, (w // 2 + self.px(8), y + self.px(8)),
                         (w // 2 + half, y + self.px(8)), 3)
        tag = f.render(TAGLINE, "italic", self.app.fs(22), MUTED)
        surface.blit(tag, tag.get_rect(midtop=(w // 2, y + self.px(20))))
        if self.show_about:
            lines = f.wrap(ABOUT, "regular", self.app.fs(15), min(w - 80, self.px(760)))
            lh = f.line_height("regular", self.app.fs(15))
            yy = h - self.px(12) - lh * len(lines)
            for ln in lines:
                s = f.render(ln, "regular", self.app.fs(15), FAINT)
                surface.blit(s, s.get_rect(midtop=(w // 2, yy)))
                yy += lh
        hint = f.render(self.error or "Arrow keys or Tab to move, Enter to choose. F11 "
                        "fullscreen, Ctrl +/- text size.", "regular", self.app.fs(15),
                        self.app.palette.oppose if self.error else MUTED)
        surface.blit(hint, hint.get_rect(midtop=(w // 2, self.bottom + self.px(6))))

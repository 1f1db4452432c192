"""Drive the real window by posting input events, as a player would: used by the window
tests, the UI benchmark and scripted demonstrations. Nothing here bypasses the scenes;
every action goes through pygame's event queue."""

from __future__ import annotations

import pygame
from faultlines.engine.choices import Choice
from faultlines.engine.moves import Move
from faultlines.game.moves_ui import SHORTCUTS


class Driver:
    def __init__(self, app):
        self.app = app

    # -- raw input ---------------------------------------------------------------------
    def pump(self, n: int = 2) -> None:
        self.app.pump(n)

    def click(self, pos: tuple[int, int], button: int = 1) -> None:
        pos = (int(pos[0]), int(pos[1]))
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0),
                                             buttons=(0, 0, 0)))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button))
        self.pump(3)

    def key(self, key: int, mod: int = 0, unicode: str = "") -> None:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod,
                                             unicode=unicode, scancode=0))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, scancode=0))
        self.pump(2)

    # -- scene-level actions -------------------------------------------------------------
    @property
    def scene(self):
        return self.app.top

    def button(self, name: str):
        return self.scene.buttons[name]

    def click_button(self, name: str) -> None:
        b = self.button(name)
        if not b.visible:
            raise AssertionError(f"button {name!r} is hidden")
        self.click(b.rect.center)

    def click_person(self, sid: str) -> None:
        m = self.scene.map
        self.pump(1)
        self.click(m.pos[sid])

    def play(self, move: Move | Choice | str, *, by_key: bool = False, **params: str) -> None:
        """Make a move through the table's UI: its button (or key), then the person(s) on
        the map and the component or mode in the chooser. `move` is a Move, or a kind (or
        a Choice) with its parameters as keywords."""
        table = self.scene
        if isinstance(move, Move):
            params = {k: v for k, v in move.to_dict().items() if k != "kind"}
        kind = move if isinstance(move, str) else move.kind
        order = table.choice(kind).params  # the order the table asks for them
        if by_key:
            self.key(ord(SHORTCUTS[kind]))
        else:
            if kind == "end_round":
                self.click_button("move:end_round")
            else:
                if not table.wide:
                    table.show_tab("moves")
                    self.pump(1)
                table.palette.scroll_to(kind)
                self.pump(2)
                self.click_button(f"move:{kind}")
        for p in order:
            value = params[p]
            if p in ("target", "other"):
                self.click_person(value)
            else:
                chooser = self.scene
                keys = [o[0] for o in chooser.options]
                self.key(pygame.K_1 + keys.index(value))

    def continue_overlays(self, limit: int = 12) -> list[str]:
        """Press Continue on decision and news overlays; returns their class names."""
        from faultlines.game.scenes.overlays import DecisionOverlay, NewsOverlay

        seen = []
        for _ in range(limit):
            top = self.scene
            if not isinstance(top, DecisionOverlay | NewsOverlay):
                break
            seen.append(type(top).__name__)
            self.click_button("continue")
        return seen

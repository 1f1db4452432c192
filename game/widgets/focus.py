"""Keyboard focus for pygame_gui buttons (pygame_gui has none): Tab/arrows move a visible
ring, Enter or Space presses. Everything a mouse can press, a keyboard can too."""

from __future__ import annotations

from collections.abc import Callable

import pygame
import pygame_gui
from faultlines.game.palette import FOCUS

NEXT_KEYS = (pygame.K_TAB, pygame.K_DOWN, pygame.K_RIGHT)
PREV_KEYS = (pygame.K_UP, pygame.K_LEFT)
PRESS_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)


class FocusRing:
    def __init__(self) -> None:
        self.items: list[tuple[str, pygame_gui.elements.UIButton, Callable[[], None]]] = []
        self.index = 0
        self.visible = True
        self.arrows = True  # scenes that use arrows for something else turn this off
        self.on_change: Callable[[str], None] | None = None  # e.g. scroll the item into view

    def clear(self) -> None:
        self.items.clear()
        self.index = 0

    def add(self, key: str, button: pygame_gui.elements.UIButton,
            action: Callable[[], None]) -> None:
        self.items.append((key, button, action))

    @property
    def current(self) -> str | None:
        if not self.items:
            return None
        return self.items[self.index % len(self.items)][0]

    def focus(self, key: str) -> None:
        for i, (k, _, _) in enumerate(self.items):
            if k == key:
                self.index = i
                return

    def _usable(self, i: int) -> bool:
        _, b, _ = self.items[i]
        return b.is_enabled and b.visible and b.alive()

    def move(self, step: int) -> None:
        n = len(self.items)
        for _ in range(n):
            self.index = (self.index + step) % n
            if self._usable(self.index):
                if self.on_change is not None:
                    self.on_change(self.items[self.index][0])
                return

    def handle(self, event: pygame.event.Event) -> bool:
        """Returns True if the key was for the ring."""
        if event.type != pygame.KEYDOWN or not self.items:
            return False
        shift = bool(event.mod & pygame.KMOD_SHIFT)
        if event.key == pygame.K_TAB:
            self.move(-1 if shift else 1)
        elif self.arrows and event.key in NEXT_KEYS:
            self.move(1)
        elif self.arrows and event.key in PREV_KEYS:
            self.move(-1)
        elif event.key in PRESS_KEYS:
            if not self._usable(self.index % len(self.items)):
                self.move(1)
                return True
            self.items[self.index % len(self.items)][2]()
        else:
            return False
        self.visible = True
        return True

    def draw(self, surface: pygame.Surface, clip: pygame.Rect | None = None) -> None:
        if not self.visible or not self.items:
            return
        _, b, _ = self.items[self.index % len(self.items)]
        if not b.alive() or not b.visible:
            return
        r = b.rect.inflate(10, 10)  # a gap between button and ring: the ring stands out
        #                               even around a button filled with a dark colour
        if clip is not None and not clip.colliderect(r):
            return
        old = surface.get_clip()
        if clip is not None:
            surface.set_clip(clip)
        pygame.draw.rect(surface, (0, 0, 0), r.inflate(2, 2), 1, border_radius=6)
        pygame.draw.rect(surface, FOCUS, r, 3, border_radius=6)
        surface.set_clip(old)

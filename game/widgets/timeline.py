"""The replay's timeline: the whole game as one strip, a tick per move, the stages as
bands, each forum decision marked (filled triangle: agreed; cross: not agreed), and a
yellow line where you are. Click or drag on it to jump; it says nothing about rules."""

from __future__ import annotations

import pygame
from faultlines.game.palette import BORDER, FAINT, FOCUS, MUTED, PANEL, PANEL_HI, TEXT
from faultlines.game.widgets.chart import band_labels


class Timeline:
    def __init__(self, app):
        self.app = app
        self.rect = pygame.Rect(0, 0, 10, 10)
        self.n = 0
        self.spans: list[tuple[str, int, int]] = []  # stage label, first step, last step
        self.decisions: list[tuple[int, str]] = []  # step, result
        self.current = 0
        self.mark: int | None = None  # e.g. where a branch parts from the original
        self.labels: list[tuple[str, float, int]] = []  # (text, x, row) of each stage's name

    def set_data(self, n: int, spans: list[tuple[str, int, int]],
                 decisions: list[tuple[int, str]]) -> None:
        self.n, self.spans, self.decisions = n, spans, decisions

    @property
    def track(self) -> pygame.Rect:
        px = self.app.px
        return pygame.Rect(self.rect.x + px(14), self.rect.y + px(4), self.rect.w - px(28),
                           self.rect.h - px(8))

    def x_of(self, k: int | float) -> float:
        t = self.track
        return t.x + (t.w * k / self.n if self.n else 0.0)

    def step_at(self, pos: tuple[int, int]) -> int | None:
        """The step under a click (None outside the strip)."""
        if not self.rect.collidepoint(pos) or self.n <= 0:
            return None
        t = self.track
        return min(max(0, round((pos[0] - t.x) / t.w * self.n)), self.n)

    def draw(self, surface: pygame.Surface) -> None:
        f, px, fs, pal = self.app.fonts, self.app.px, self.app.fs, self.app.palette
        pygame.draw.rect(surface, PANEL, self.rect, border_radius=6)
        pygame.draw.rect(surface, BORDER, self.rect, 1, border_radius=6)
        t = self.track
        size = fs(13)
        starts = []
        for i, (name, a, b) in enumerate(self.spans):
            band = pygame.Rect(round(self.x_of(a)), t.y, max(1, round(self.x_of(b) - self.x_of(a))),
                               t.h)
            pygame.draw.rect(surface, PANEL_HI if i % 2 == 0 else PANEL, band)
            # a decision marked where the band starts: the name starts after its marker
            inset = px(4) + (2 * px(5) + px(3) if any(x == a for x, _ in self.decisions) else 0)
            starts.append((name, band.x + inset, band.right))
        # every stage named, on one row: a short stage's name may run on past its band
        self.labels = band_labels(self.app, starts, t.x + px(4), t.right - px(4), size, rows=1)
        for text, x, _ in self.labels:
            s = f.render(text, "regular", size, MUTED)
            surface.blit(s, (x, t.centery - s.get_height() // 2))
        if self.n and t.w / self.n >= px(4):  # a tick per move when they are not a blur
            for k in range(1, self.n):
                x = round(self.x_of(k))
                pygame.draw.line(surface, FAINT, (x, t.bottom - px(5)), (x, t.bottom), 1)
        r = px(5)
        for step, result in self.decisions:
            x, y = self.x_of(step), t.y + r + px(1)
            if result == "passed":
                pts = [(x, y - r), (x - r, y + r), (x + r, y + r)]
                pygame.draw.polygon(surface, pal.support, pts)
                pygame.draw.polygon(surface, (0, 0, 0), pts, 1)
            else:
                col = pal.oppose
                pygame.draw.line(surface, col, (x - r, y - r), (x + r, y + r), 3)
                pygame.draw.line(surface, col, (x - r, y + r), (x + r, y - r), 3)
        if self.mark is not None:
            x = round(self.x_of(self.mark))
            for y in range(t.y, t.bottom, px(6)):
                pygame.draw.line(surface, TEXT, (x, y), (x, min(t.bottom, y + px(3))), 2)
        x = round(self.x_of(self.current))
        pygame.draw.line(surface, (0, 0, 0), (x, self.rect.y + 1), (x, self.rect.bottom - 2), 6)
        pygame.draw.line(surface, FOCUS, (x, self.rect.y + 1), (x, self.rect.bottom - 2), 4)

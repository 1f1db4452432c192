"""The analysis board's evaluation chart: the chance the plan passes (solid, with a shaded
band of two standard errors either side) and passes with genuine consensus (dashed) at every
position of the game, the judged moves marked, and the position chosen.

Judgements are told apart by shape, by the chess-style sign drawn beside each mark ("?!",
"?", "??") and by colour, so nothing rests on colour alone; every mark has an outline in
the theme's text colour so a pale fill still shows on the light theme. Every number drawn
comes from the engine's `Analysis`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame
from faultlines.engine.analysis.board import Analysis
from faultlines.game.palette import ACCENT, BORDER, FOCUS, MUTED, PANEL, TEXT
from faultlines.game.widgets.shapes import dashed_line, draw_shape


@dataclass(frozen=True)
class Mark:
    shape: str
    sign: str  # as chess annotates a move
    colour_key: str  # in the palette's named colours (Okabe & Ito by default)
    radius: float


#: the three judgements, mildest first
MARKS = {"inaccuracy": Mark("triangle", "?!", "yellow", 6),
         "mistake": Mark("square", "?", "orange", 6),
         "blunder": Mark("diamond", "??", "vermillion", 7)}
WORDS = {"inaccuracy": "inaccuracy", "mistake": "mistake", "blunder": "blunder"}


def mark_colour(app, judgement: str):
    return app.palette.named[MARKS[judgement].colour_key]


def draw_mark(app, surface: pygame.Surface, judgement: str, centre: tuple[float, float],
              scale: float = 1.0) -> None:
    """A judgement's mark: its shape, filled with its colour, outlined in the text colour."""
    m = MARKS[judgement]
    draw_shape(surface, m.shape, centre, app.px(m.radius) * scale, mark_colour(app, judgement),
               TEXT, 2)


class EvalChart:
    def __init__(self, app):
        self.app = app
        self.rect = pygame.Rect(0, 0, 10, 10)
        self.plot = pygame.Rect(0, 0, 10, 10)
        self.analysis: Analysis | None = None
        self.selected = 0
        self.legend: list[list[tuple[str, str | None]]] = []
        self.caption = True

    def set_data(self, a: Analysis | None) -> None:
        self.analysis = a
        n = len(a.positions) if a else 1
        self.selected = min(max(0, self.selected), n - 1)

    # -- geometry ----------------------------------------------------------------------------
    def legend_items(self) -> list[tuple[str, str | None]]:
        """(words, judgement or None) for each entry of the legend."""
        items: list[tuple[str, str | None]] = [
            ("passes", None), ("with consensus", None), ("\u00b1 2 standard errors", None)]
        return items + [(f"{MARKS[k].sign} {WORDS[k]}", k) for k in MARKS]

    def _legend_rows(self, width: int) -> list[list[tuple[str, str | None]]]:
        f, px = self.app.fonts, self.app.px
        rows: list[list[tuple[str, str | None]]] = [[]]
        x = 0
        for item in self.legend_items():
            need = px(26) + f.size(item[0], "regular", self.app.fs(12))[0] + px(12)
            if x + need > width and rows[-1]:
                rows.append([])
                x = 0
            rows[-1].append(item)
            x += need
        return rows

    def layout(self, rect: pygame.Rect, *, legend: bool = True) -> None:
        """Lay the chart out in `rect`; without `legend` (large text, where the judged
        moves' tab explains the marks) the plot takes its room."""
        f, px, fs = self.app.fonts, self.app.px, self.app.fs
        self.rect = rect
        title_h = f.line_height("semibold", fs(15)) + px(8)
        lab_h = f.line_height("regular", fs(12))
        self.legend = self._legend_rows(rect.w - px(18)) if legend else []
        legend_h = len(self.legend) * (lab_h + px(2)) + px(6)
        left = f.size("100%", "regular", fs(12))[0] + px(12)
        self.plot = pygame.Rect(rect.x + left, rect.y + title_h + lab_h,
                                rect.w - left - px(16),
                                rect.h - title_h - lab_h - 2 * lab_h - legend_h - px(10))
        self.caption = self.plot.h >= 6 * lab_h  # "moves made" under the axis, if room
        if not self.caption:
            self.plot.h += lab_h

    def x_of(self, i: float) -> float:
        n = len(self.analysis.positions) if self.analysis else 1
        return self.plot.x + self.plot.w * (i / max(n - 1, 1))

    def y_of(self, p: float) -> float:
        return self.plot.y + self.plot.h * (1.0 - max(0.0, min(1.0, p)))

    def position_at(self, pos: tuple[int, int]) -> int | None:
        """The position nearest a click inside the chart, or None outside it."""
        if self.analysis is None or not self.rect.collidepoint(pos):
            return None
        n = len(self.analysis.positions)
        share = (pos[0] - self.plot.x) / max(self.plot.w, 1)
        return min(max(0, round(share * (n - 1))), n - 1)

    # -- drawing -----------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        app, f, px, fs = self.app, self.app.fonts, self.app.px, self.app.fs
        r, p = self.rect, self.plot
        pygame.draw.rect(surface, PANEL, r, border_radius=6)
        pygame.draw.rect(surface, BORDER, r, 1, border_radius=6)
        title = f.ellipsize("Chance the plan passes, position by position", "semibold",
                            fs(15), r.w - px(16))
        surface.blit(f.render(title, "semibold", fs(15), TEXT), (r.x + px(8), r.y + px(4)))
        a = self.analysis
        if a is None or p.w < 40 or p.h < 30:
            return
        lab = fs(12)
        lh = f.line_height("regular", lab)
        ticks = (0.0, 0.25, 0.5, 0.75, 1.0) if p.h >= 5 * lh else (0.0, 0.5, 1.0) \
            if p.h >= 3 * lh else (0.0, 1.0)
        for v in ticks:
            y = self.y_of(v)
            if v in (0.0, 1.0):
                pygame.draw.line(surface, BORDER, (p.x, y), (p.right, y), 1)
            else:
                dashed_line(surface, BORDER, (p.x, y), (p.right, y), 1, 3, 5)
            s = f.render(f"{v:.0%}", "regular", lab, MUTED)
            surface.blit(s, s.get_rect(midright=(p.x - px(5), y)))
        pts = a.positions
        n = len(pts)
        # the band: two standard errors either side of the pass chance
        upper = [(self.x_of(i), self.y_of(q.estimate.pass_chance + 2 * q.estimate.stderr))
                 for i, q in enumerate(pts)]
        lower = [(self.x_of(i), self.y_of(q.estimate.pass_chance - 2 * q.estimate.stderr))
                 for i, q in enumerate(pts)]
        if n >= 2:
            shade = pygame.Surface(r.size, pygame.SRCALPHA)
            poly = [(x - r.x, y - r.y) for x, y in upper + lower[::-1]]
            pygame.draw.polygon(shade, (*ACCENT, 60), poly)
            surface.blit(shade, r.topleft)
        # the position chosen
        sx = self.x_of(self.selected)
        pygame.draw.line(surface, FOCUS, (sx, p.y - px(4)), (sx, p.bottom), 2)
        line = [(self.x_of(i), self.y_of(q.estimate.pass_chance)) for i, q in enumerate(pts)]
        if n >= 2:
            pygame.draw.lines(surface, ACCENT, False, line, 3)
        # consensus over the pass line, dashed: where the two are equal both still show
        cons = [(self.x_of(i), self.y_of(q.estimate.consensus_chance)) for i, q in enumerate(pts)]
        green = app.palette.named["green"]
        for a0, b0 in zip(cons, cons[1:], strict=False):
            dashed_line(surface, green, a0, b0, 2, 6, 4)
        for i, pt in enumerate(line):
            if not pts[i].judgement:
                pygame.draw.circle(surface, ACCENT, pt, px(3) if n <= 60 else px(2))
        for i, q in enumerate(pts):
            if q.judgement in MARKS:
                draw_mark(app, surface, q.judgement, line[i])
                s = f.render(MARKS[q.judgement].sign, "bold", lab, TEXT)
                above = line[i][1] - px(10) - s.get_height() >= p.y - lh
                at = (line[i][0], line[i][1] - px(10)) if above else \
                    (line[i][0], line[i][1] + px(10) + s.get_height())
                surface.blit(s, s.get_rect(midbottom=at))
        pygame.draw.circle(surface, FOCUS, line[self.selected], px(6), 2)
        # the x axis: moves made
        step = max(1, round(n / max(2, p.w // px(44))))
        for i in range(0, n, step):
            s = f.render(str(i), "regular", lab, MUTED)
            surface.blit(s, s.get_rect(midtop=(self.x_of(i), p.bottom + px(3))))
        if self.caption:
            cap = f.render("moves made", "italic", lab, MUTED)
            surface.blit(cap, cap.get_rect(midtop=(p.centerx, p.bottom + px(3) + lh)))
        self._legend(surface, p.bottom + px(8) + (2 if self.caption else 1) * lh)

    def _legend(self, surface: pygame.Surface, y: int) -> None:
        app, f, px, fs = self.app, self.app.fonts, self.app.px, self.app.fs
        lab = fs(12)
        lh = f.line_height("regular", lab)
        for row in self.legend:
            x = self.rect.x + px(10)
            cy = y + lh // 2
            for text, judgement in row:
                s = f.render(text, "regular", lab, TEXT)
                if judgement:
                    draw_mark(app, surface, judgement, (x + px(10), cy), 0.8)
                elif text == "passes":
                    pygame.draw.line(surface, ACCENT, (x, cy), (x + px(20), cy), 3)
                elif text == "with consensus":
                    dashed_line(surface, app.palette.named["green"], (x, cy),
                                (x + px(20), cy), 2, 6, 4)
                else:
                    shade = pygame.Surface((px(20), px(10)), pygame.SRCALPHA)
                    shade.fill((*ACCENT, 60))
                    surface.blit(shade, (x, cy - px(5)))
                surface.blit(s, (x + px(26), y))
                x += px(26) + s.get_width() + px(12)
            y += lh + px(2)

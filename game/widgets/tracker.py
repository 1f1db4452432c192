"""The top bar: the stage tracker (briefing > board > committee > consultation > sign-off),
the round and months left, credibility, team capacity and what you have left to trade.
Items flow onto another line when the text is large, rather than being cut off."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pygame
from faultlines.engine.view import PlayerView
from faultlines.game.palette import ACCENT, BORDER, FAINT, MUTED, PANEL, PANEL_HI, TEXT

Item = tuple[int, Callable[[pygame.Surface, int, int], None]]  # width, draw(surface, x, y)


class TopBar:
    def __init__(self, app):
        self.app = app
        self.view: PlayerView | None = None
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.offset = 0  # rows scrolled (a small window at a large text size)
        self.compact = False  # the stage tracker shows only the current stage
        self.content_h = 0  # height of everything, as last drawn

    @property
    def row_h(self) -> int:
        return self.app.fonts.line_height("semibold", self.app.fs(15)) + self.app.px(10)

    def _stage_names(self, v: PlayerView, width: int) -> list[str]:
        """The scenario's own stage names; when they do not all fit in `width` (even
        without the arrows between them), the stages other than the current one are cut
        short with an ellipsis to the widest length that fits, never below a few letters
        (the row then flows onto a second line)."""
        f, size, px = self.app.fonts, self.app.fs(15), self.app.px
        names = [s["name"] for s in v.stages]

        def total(cap: int, arrows: bool) -> int:
            arrow = f.size("\u2192", "regular", size)[0] + px(8) if arrows else 0
            return sum(min(f.size(n, "bold", size)[0], cap if s["id"] != v.stage else 10**6)
                       + px(36) + arrow for n, s in zip(names, v.stages, strict=True))
        if total(10**6, True) <= width:
            return names
        lo = f.size("Abcdef\u2026", "bold", size)[0]
        hi = max(f.size(n, "bold", size)[0] for n in names)
        while lo < hi:  # the widest cut that still fits
            mid = (lo + hi + 1) // 2
            lo, hi = (mid, hi) if total(mid, False) <= width else (lo, mid - 1)
        return [n if s["id"] == v.stage or f.size(n, "bold", size)[0] <= lo
                else f.ellipsize(n, "bold", size, lo)
                for n, s in zip(names, v.stages, strict=True)]

    def _stage_items(self, v: PlayerView, width: int) -> list[Item]:
        f, fs, px = self.app.fonts, self.app.fs, self.app.px
        size = fs(15)
        names = self._stage_names(v, width)
        items: list[Item] = []
        stages = list(enumerate(v.stages))
        full = names == [x["name"] for x in v.stages]
        if self.compact:  # only the current stage, with where it is in the sequence
            now = next((i for i, s in stages if s["id"] == v.stage), len(stages) - 1)
            names = [f"{s['name']} ({i + 1} of {len(stages)})" for i, s in stages]
            stages = stages[now:now + 1]
        for i, s in stages:
            name = names[i]
            current = s["id"] == v.stage and v.outcome is None
            done = s["id"] in v.passed
            text = ("\u2713 " if done else "\u25b6 " if current else "") + name
            face = "bold" if current else "semibold"
            colour = self.app.palette.ink_on(ACCENT) if current else TEXT if done else MUTED
            label = f.render(text, face, size, colour)
            w = label.get_width() + px(18)
            h = self.row_h - px(6)

            def draw(surf, x, y, label=label, w=w, h=h, current=current, done=done):
                r = pygame.Rect(x, y + px(3), w, h)
                if current:
                    pygame.draw.rect(surf, ACCENT, r, border_radius=h // 2)
                else:
                    pygame.draw.rect(surf, PANEL_HI if done else PANEL, r, border_radius=h // 2)
                    pygame.draw.rect(surf, TEXT if done else BORDER, r, 1, border_radius=h // 2)
                surf.blit(label, label.get_rect(center=r.center))
            items.append((w, draw))
            if i < len(v.stages) - 1 and not self.compact and full:
                arrow = f.render("\u2192", "regular", size, FAINT)
                items.append((arrow.get_width() + px(8),
                              lambda surf, x, y, a=arrow: surf.blit(
                                  a, (x + px(4), y + (self.row_h - a.get_height()) // 2))))
        return items

    def _text_item(self, text: str, face: str = "regular", colour=TEXT) -> Item:
        f, size = self.app.fonts, self.app.fs(15)
        text = f.ellipsize(text, face, size, self.app.size[0] - self.app.px(40))  # one row
        s = f.render(text, face, size, colour)
        return (s.get_width() + self.app.px(18),
                lambda surf, x, y: surf.blit(s, (x, y + (self.row_h - s.get_height()) // 2)))

    def _status_items(self, v: PlayerView) -> list[Item]:
        f, fs, px = self.app.fonts, self.app.fs, self.app.px
        size = fs(15)
        items: list[Item] = []
        if v.outcome is None:
            items.append(self._text_item(f"{v.stage_name}: round {v.round} of {v.rounds}",
                                         "semibold"))
        items.append(self._text_item(f"{v.calendar} months left",
                                     "semibold" if v.calendar <= 3 else "regular",
                                     ACCENT if v.calendar > 3 else self.app.palette.oppose))
        # credibility bar
        cred = f.render("Credibility", "regular", size, MUTED)
        val = f.render(f"{v.credibility:.2f}", "semibold", size, TEXT)
        bw = px(80)

        def draw_cred(surf, x, y):
            cy = y + (self.row_h - cred.get_height()) // 2
            surf.blit(cred, (x, cy))
            bx = x + cred.get_width() + px(6)
            bar = pygame.Rect(bx, y + self.row_h // 2 - px(5), bw, px(10))
            pygame.draw.rect(surf, PANEL_HI, bar, border_radius=3)
            fill = bar.copy()
            fill.w = round(bw * max(0.0, min(1.0, v.credibility)))
            col = ACCENT if v.credibility >= 0.35 else self.app.palette.oppose
            pygame.draw.rect(surf, col, fill, border_radius=3)
            pygame.draw.rect(surf, BORDER, bar, 1, border_radius=3)
            surf.blit(val, (bar.right + px(6), cy))
        items.append((cred.get_width() + bw + val.get_width() + px(30), draw_cred))
        # capacity pips
        cap = f.render("Capacity", "regular", size, MUTED)
        num = f.render(f"{v.capacity}/{v.capacity_max}", "semibold", size, TEXT)
        r = px(6)

        def draw_cap(surf, x, y):
            cy = y + (self.row_h - cap.get_height()) // 2
            surf.blit(cap, (x, cy))
            px0 = x + cap.get_width() + px(6) + r
            for k in range(v.capacity_max):
                c = (px0 + k * (2 * r + px(4)), y + self.row_h // 2)
                if k < v.capacity:
                    pygame.draw.circle(surf, ACCENT, c, r)
                pygame.draw.circle(surf, TEXT, c, r, 1)
            surf.blit(num, (px0 + v.capacity_max * (2 * r + px(4)), cy))
        items.append((cap.get_width() + px(6) + v.capacity_max * (2 * r + px(4)) +
                      num.get_width() + px(18), draw_cap))
        items.append(self._text_item(f"Roles {v.roles} \u00b7 Funds {v.funds} \u00b7 "
                                     f"External {v.external}", "regular", TEXT))
        short = v.support_estimate < v.support_needed
        items.append(self._text_item(
            f"Support \u2248{v.support_estimate:.0%} (needs {v.support_needed:.0%})",
            "semibold", self.app.palette.oppose if short else ACCENT))
        if v.air_cover:
            items.append(self._text_item("\u2713 Air cover", "semibold", ACCENT))
        if v.consultation:
            items.append(self._text_item(f"Consultation: {v.consultation}", "semibold", TEXT))
        return items

    def _flow(self, items: list[Item], width: int, start_y: int, place: bool,
              surface: pygame.Surface | None = None, x0: int = 0) -> int:
        x, y = x0, start_y
        for w, draw in items:
            if x + w > x0 + width and x > x0:
                x, y = x0, y + self.row_h
            if place and surface is not None:
                draw(surface, x, y)
            x += w
        return y + self.row_h

    def measure(self, view: PlayerView, width: int, first_row_width: int) -> int:
        """Height needed at this width (the first row is shorter: buttons sit at its right)."""
        self.view = view
        px = self.app.px
        y = self._flow(self._stage_items(view, first_row_width - px(12)),
                       first_row_width - px(12), px(4), False)
        y = self._flow(self._status_items(view), width - px(12), y, False)
        return y + px(4)

    def measure_most(self, view: PlayerView, width: int, first_row_width: int) -> int:
        """Height for the fullest this bar gets in this game (two-digit figures, air cover,
        a consultation under way): the table reserves it once, so the bar never grows."""
        most = replace(view, air_cover=True, consultation=view.consultation or "genuine",
                       round=max(view.round, 88), rounds=max(view.rounds, 88),
                       calendar=max(view.calendar, 88), roles=max(view.roles, 88),
                       funds=max(view.funds, 88), external=max(view.external, 88))
        self.compact = False
        px = self.app.px
        if self._flow(self._stage_items(most, first_row_width - px(12)),
                      first_row_width - px(12), 0, False) > \
                self.row_h:  # the stages would take two rows: show the current one only
            self.compact = True
        h = self.measure(most, width, first_row_width)
        self.view = view
        return h

    def draw(self, surface: pygame.Surface, rect: pygame.Rect, first_row_width: int) -> None:
        if self.view is None:
            return
        px = self.app.px
        pygame.draw.rect(surface, PANEL, rect)
        pygame.draw.line(surface, BORDER, rect.bottomleft, rect.bottomright)
        self.rect = rect
        old = surface.get_clip()
        surface.set_clip(rect.clip(old) if old else rect)  # never over the table below
        top = rect.y + px(4) - self.offset * self.row_h
        y = self._flow(self._stage_items(self.view, first_row_width - px(12)),
                       first_row_width - px(12), top,
                       True, surface, rect.x + px(8))
        end = self._flow(self._status_items(self.view), rect.w - px(12), y, True, surface,
                         rect.x + px(8))
        self.content_h = end - top + px(4)
        surface.set_clip(old)
        if self.content_h > rect.h:  # more rows than fit: the wheel scrolls them
            f, size = self.app.fonts, self.app.fs(13)
            more = self.offset < self.max_offset()
            mark = f.render("\u25bc more" if more else "\u25b2", "regular", size, MUTED)
            surface.blit(mark, mark.get_rect(bottomright=(rect.right - px(6),
                                                          rect.bottom - px(2))))

    def max_offset(self) -> int:
        extra = self.content_h - self.rect.h
        return max(0, -(-extra // self.row_h)) if extra > 0 else 0

    def wheel(self, notches: int) -> bool:
        """Scroll the rows that do not fit (pygame's sign: positive is up)."""
        n = max(0, min(self.max_offset(), self.offset - notches))
        changed, self.offset = n != self.offset, n
        return changed

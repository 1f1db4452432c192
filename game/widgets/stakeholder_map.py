"""The stakeholder map, a power/interest grid: across, the estimated stance on the plan
(-1..+1); up, influence. Sector is shown by colour, shape and a letter code; a bar shows
the range of the estimate for people not yet listened to; solid lines join allies and
dashed lines rivals; rings and badges mark forum seats, vetoes, champions and coalition.

It draws what `PlayerView` says and computes nothing about stances itself.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame
from faultlines.engine.view import PersonView
from faultlines.game.palette import BORDER, FAINT, FOCUS, MUTED, PANEL, PANEL_HI, SECTOR_CODE, TEXT
from faultlines.game.text import signed, stance_word, surname
from faultlines.game.widgets.map_layout import place_labels, spread
from faultlines.game.widgets.shapes import dashed_circle, dashed_line, draw_shape

if TYPE_CHECKING:
    from faultlines.engine.table import Table

ANIM_S = 0.5
# Sizes at the Normal text size (they grow with it), chosen to read from the back of a room
# at Classroom size: codes and badges about 14 px tall there.
MARKER_R = 15  # marker radius
CODE_PT = 13  # two-letter sector codes (one letter: 2 pt more)
BADGE_PT = 16  # can block, champion and coalition badges
LABEL_PT = 14  # name labels
MIN_INFLUENCE_SPAN = 0.5  # the influence axis spans at least this much
CROWDED = 0.4  # markers and names may fill this share of the plot before they shrink
MIN_FIT = 0.6  # they never shrink below this share of their size
BADGES = ("\u2298", "\u2605", "\u26ad")  # can block, champion, coalition
BADGE_SCALE = {"\u26ad": 1.4}  # the coalition's rings are a small glyph: drawn larger
BADGE_DISC = (20, 20, 24)  # badges are light on a dark disc in every theme
BADGE_INK = (255, 255, 255)


@dataclass(frozen=True)
class Link:
    a: str
    b: str
    kind: str  # affinity | conflict
    strength: float
    note: str


def map_links(table: Table) -> list[Link]:
    """The relationship lines for a game as the player sees it (conflicts heal or flare)."""
    case = table.case
    conflict = table.radar().conflict
    out = []
    for r in case.scenario.relationships:
        strength = r.strength
        if r.kind == "conflict":
            strength = float(conflict[case.index[r.a], case.index[r.b]])
        out.append(Link(r.a, r.b, r.kind, strength, r.note))
    return out


def ease(t: float) -> float:
    t = min(1.0, max(0.0, t))
    return 1 - (1 - t) ** 3


class StakeholderMap:
    def __init__(self, app):
        self.app = app
        self.rect = pygame.Rect(0, 0, 10, 10)
        self.people: list[PersonView] = []
        self.links: list[Link] = []
        self.support_at = 0.1
        self.selected: str | None = None
        self.hovered: str | None = None
        self.targets: dict[str, str | None] | None = None  # sid -> None (legal) or reason
        self.prompt: str = ""
        self.true_stances = False  # a debrief shows true stances, not the player's estimates
        self._shown: dict[str, tuple[float, float]] = {}  # sid -> (estimate, uncertainty)
        self._from: dict[str, tuple[float, float]] = {}
        self._to: dict[str, tuple[float, float]] = {}
        self._t0 = 0.0
        self._surface: pygame.Surface | None = None
        self._dirty = True
        self.pos: dict[str, tuple[float, float]] = {}  # marker centres, window coordinates
        self.label_rects: dict[str, pygame.Rect] = {}  # name labels, window coordinates
        self.marker_rects: dict[str, pygame.Rect] = {}  # markers with ring and badges
        self._pointer: tuple[int, int] | None = None  # where the mouse was last seen
        self._leaders: dict[str, bool] = {}  # labels placed away from their marker
        self._fit: tuple | None = None  # (size, scale, people) -> shrink factor
        self._legend: tuple | None = None

    # -- data ------------------------------------------------------------------------------
    def set_data(self, people: list[PersonView], links: list[Link], support_at: float,
                 *, animate: bool) -> None:
        new = {p.id: (p.estimate, p.uncertainty) for p in people}
        if animate and self._shown:
            self._from = dict(self._shown)
            self._to = new
            self._t0 = time.perf_counter()
        else:
            self._from, self._to, self._shown = {}, {}, new
        self.people = people
        self.links = links
        self.support_at = support_at
        self._dirty = True

    def set_rect(self, rect: pygame.Rect) -> None:
        if rect != self.rect:
            self.rect = pygame.Rect(rect)
            self._surface = None
            self._dirty = True

    def invalidate(self) -> None:
        self._dirty = True

    def animating(self) -> bool:
        return bool(self._to) and time.perf_counter() - self._t0 < ANIM_S

    def _advance(self) -> None:
        if not self._to:
            return
        t = ease((time.perf_counter() - self._t0) / ANIM_S)
        self._shown = {sid: (a[0] + (self._to[sid][0] - a[0]) * t,
                             a[1] + (self._to[sid][1] - a[1]) * t)
                       for sid, a in self._from.items() if sid in self._to}
        for sid, v in self._to.items():
            self._shown.setdefault(sid, v)
        self._dirty = True
        if t >= 1.0:
            self._shown, self._from, self._to = dict(self._to), {}, {}

    # -- geometry -------------------------------------------------------------------------
    @property
    def radius(self) -> int:
        return self.app.px(MARKER_R * self.fit())

    def badge_size(self) -> int:
        return self.app.fs(BADGE_PT * self.fit())

    def label_size(self) -> int:
        return self.app.fs(LABEL_PT * self.fit())

    def fit(self) -> float:
        """1, or less when the plot is too small for everyone's marker and name at the
        player's text size (a small window with large text): markers, codes and names then
        shrink together, down to MIN_FIT, rather than pile up."""
        key = (self.rect.size, self.app.scale, len(self.people))
        if self._fit is None or self._fit[0] != key:
            self._fit = (key, 1.0)  # measure at full size
            p = self.plot_rect()
            f, size, px = self.app.fonts, self.app.fs(LABEL_PT), self.app.px
            side = 2 * (px(MARKER_R) + px(4)) + px(2)
            need = sum(side * side + f.size(surname(q.name), "semibold", size)[0]
                       * f.line_height("semibold", size) for q in self.people)
            room = max(1, p.w * p.h) * CROWDED
            self._fit = (key, max(MIN_FIT, min(1.0, (room / need) ** 0.5)) if need else 1.0)
        return self._fit[1]

    def plot_rect(self) -> pygame.Rect:
        px, f = self.app.px, self.app.fonts
        head = f.line_height("semibold", self.app.fs(15)) + px(8)
        size = self.app.fs(13)
        _, lines = self.legend_items()
        foot = (1 + lines) * f.line_height("regular", size) + px(10)
        left = px(30)
        return pygame.Rect(self.rect.x + left, self.rect.y + head,
                           self.rect.w - left - px(10), self.rect.h - head - foot)

    def influence_range(self) -> tuple[float, float]:
        """The influences the axis spans: those present, with a margin, so a case whose
        partners all have middling influence still uses the map's whole height."""
        vals = [p.influence for p in self.people] or [0.0, 1.0]
        lo, hi = min(vals), max(vals)
        mid, half = (lo + hi) / 2, max(hi - lo, MIN_INFLUENCE_SPAN) / 2
        return max(0.0, mid - half), min(1.0, mid + half)

    def xy(self, estimate: float, influence: float) -> tuple[float, float]:
        p = self.plot_rect()
        r = self.radius + self.badge_size() // 2 + 2
        lo, hi = self.influence_range()
        up = (influence - lo) / (hi - lo) if hi > lo else 0.5
        x = p.x + r + (estimate + 1.0) / 2.0 * (p.w - 2 * r)
        y = p.bottom - r - up * (p.h - 2 * r)
        return x, y

    def x_of(self, estimate: float) -> float:
        return self.xy(estimate, 0.0)[0]

    def hit(self, pos: tuple[int, int]) -> str | None:
        """The person under `pos`: their marker, or their name label."""
        self._pointer = pos
        best, best_d = None, float(self.radius + self.app.px(6))
        for sid, (x, y) in self.pos.items():
            d = math.hypot(pos[0] - x, pos[1] - y)
            if d <= best_d:
                best, best_d = sid, d
        if best is None:
            best = next((sid for sid, r in self.label_rects.items() if r.collidepoint(pos)),
                        None)
        return best

    def neighbour(self, sid: str | None, dx: int, dy: int) -> str | None:
        """The nearest person in a direction on the map (arrow-key navigation)."""
        if not self.pos:
            return None
        if sid is None or sid not in self.pos:
            return max(self.people, key=lambda p: p.influence).id
        x0, y0 = self.pos[sid]
        best, best_score = None, float("inf")
        for other, (x, y) in self.pos.items():
            if other == sid:
                continue
            vx, vy = x - x0, y - y0
            along = vx * dx + vy * dy
            if along <= 0:
                continue
            across = abs(vx * dy - vy * dx)
            score = along + 2.0 * across
            if score < best_score:
                best, best_score = other, score
        return best or sid

    # -- drawing ----------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        self._advance()
        if self._surface is None or self._surface.get_size() != self.rect.size:
            self._surface = pygame.Surface(self.rect.size)
            self._dirty = True
        if self._dirty:
            self._render(self._surface)
            self._dirty = False
        surface.blit(self._surface, self.rect.topleft)
        self._draw_hover(surface)

    def _render(self, out: pygame.Surface) -> None:
        app, pal, f = self.app, self.app.palette, self.app.fonts
        px, fs = app.px, app.fs
        out.fill(PANEL)
        ox, oy = self.rect.topleft
        p = self.plot_rect().move(-ox, -oy)
        layer = pygame.Surface(out.get_size(), pygame.SRCALPHA)
        # halves tinted by stance (labels say the same in words)
        mid = self.x_of(0.0) - ox
        lo, hi = self.x_of(-self.support_at) - ox, self.x_of(self.support_at) - ox
        pygame.draw.rect(layer, (*pal.oppose, 22), pygame.Rect(p.x, p.y, lo - p.x, p.h))
        pygame.draw.rect(layer, (*pal.support, 22), pygame.Rect(hi, p.y, p.right - hi, p.h))
        out.blit(layer, (0, 0))
        pygame.draw.rect(out, BORDER, p, 1)
        pygame.draw.line(out, FAINT, (mid, p.y), (mid, p.bottom), 1)
        for x in (lo, hi):
            dashed_line(out, BORDER, (x, p.y), (x, p.bottom), 1, 4, 4)
        # captions
        cap = fs(13)
        for text, anchor in (("Influential opponents", "topleft"),
                             ("Influential supporters", "topright")):
            s = f.render(text, "italic", cap, FAINT)
            r = s.get_rect(**{anchor: (p.x + px(6) if anchor == "topleft" else p.right - px(6),
                                       p.y + px(4))})
            out.blit(s, r)
        s = f.render("undecided", "italic", cap, FAINT)
        out.blit(s, s.get_rect(midbottom=((lo + hi) / 2, p.bottom - px(3))))
        options = [self.prompt] if self.prompt else [
            "Stakeholder map \u2014 click a person, or press Tab, to see their card",
            "Stakeholder map \u2014 click or Tab for a card", "Stakeholder map"]
        head = next((t for t in options if f.size(t, "semibold", fs(15))[0] <=
                     self.rect.w - px(12)), options[-1])
        hs = f.render(f.ellipsize(head, "semibold", fs(15), self.rect.w - px(12)), "semibold",
                      fs(15), FOCUS if self.prompt else TEXT)
        out.blit(hs, (px(8), px(4)))
        # axes
        lab = fs(13)
        y = p.bottom + px(2)
        left = f.render("\u2190 opposes (\u22121)", "regular", lab, MUTED)
        right = f.render("(+1) supports \u2192", "regular", lab, MUTED)
        out.blit(left, left.get_rect(topleft=(p.x, y)))
        out.blit(right, right.get_rect(topright=(p.right, y)))
        room = p.w - left.get_width() - right.get_width() - px(24)
        captions = (("True stance on the plan (revealed)", "True stance", "Stance")
                    if self.true_stances else
                    ("Stance on the plan, as far as you can tell", "Stance (your estimate)",
                     "Stance"))
        for text in captions:
            s = f.render(text, "regular", lab, MUTED)
            if s.get_width() <= room:
                out.blit(s, s.get_rect(midtop=(mid, y)))
                break
        ax = pygame.transform.rotate(f.render("Influence \u2192", "regular", lab, MUTED), 90)
        out.blit(ax, ax.get_rect(midleft=(px(6), p.centery)))
        self._render_people(out, ox, oy)
        self._render_legend(out, p.bottom + f.line_height("regular", lab) + px(4))

    def layout(self) -> None:
        """Marker centres (spread so none overlap), the room each marker takes with its ring
        and badges, and a free spot for each name label, all in window coordinates."""
        r, px = self.radius, self.app.px
        shown = self._shown
        ids = [p.id for p in self.people]
        nominal = [self.xy(*(shown.get(p.id, (p.estimate, p.uncertainty))[0], p.influence))
                   for p in self.people]
        ring = r + px(4)
        badge = r + max(self.badge_surface(g).get_width() for g in BADGES) // 2 + 2
        extents = [max(ring, badge) if q.can_block or q.champion or q.coalition else ring
                   for q in self.people]
        inner = self.plot_rect().inflate(-2 * max(ring, badge), -2 * max(ring, badge))
        spread_out = spread(nominal, [2 * e + px(2) for e in extents], inner) \
            if inner.w > 0 and inner.h > 0 else nominal
        self.pos = dict(zip(ids, spread_out, strict=True))
        self.marker_rects = {sid: pygame.Rect(round(x - e), round(y - e), 2 * e, 2 * e)
                             for (sid, (x, y)), e in zip(self.pos.items(), extents,
                                                         strict=True)}
        f, size = self.app.fonts, self.label_size()
        order = sorted(self.people, key=lambda q: -q.influence)
        sizes = [f.size(surname(q.name), "semibold", size) for q in order]
        obstacles = list(self.marker_rects.values()) + self._caption_rects()
        spots = place_labels([self.pos[q.id] for q in order], [(w + 4, h) for w, h in sizes],
                             obstacles, self.plot_rect().inflate(-2, -2), ring, sizes[0][1] if sizes else px(14))
        self.label_rects = {q.id: rect for q, (rect, _) in zip(order, spots, strict=True)}
        self._leaders = {q.id: far for q, (_, far) in zip(order, spots, strict=True)}

    def _caption_rects(self) -> list[pygame.Rect]:
        """The plot's corner captions, which labels must not cover."""
        f, px, cap = self.app.fonts, self.app.px, self.app.fs(13)
        p = self.plot_rect()
        out = []
        for text, left in (("Influential opponents", True), ("Influential supporters", False)):
            w, h = f.size(text, "italic", cap)
            x = p.x + px(6) if left else p.right - px(6) - w
            out.append(pygame.Rect(x, p.y + px(4), w, h))
        return out

    def _render_people(self, out: pygame.Surface, ox: int, oy: int) -> None:
        pal, px = self.app.palette, self.app.px
        r = self.radius
        shown = self._shown
        self.layout()
        if self.hovered is not None and self._pointer is not None and \
                self.hit(self._pointer) != self.hovered:
            self.hovered = None  # the marker moved away from under the mouse
        focus_ids = {self.selected, self.hovered} - {None}
        # relationship lines
        layer = pygame.Surface(out.get_size(), pygame.SRCALPHA)
        for link in self.links:
            if link.a not in self.pos or link.b not in self.pos:
                continue
            a = (self.pos[link.a][0] - ox, self.pos[link.a][1] - oy)
            b = (self.pos[link.b][0] - ox, self.pos[link.b][1] - oy)
            strong = link.a in focus_ids or link.b in focus_ids
            alpha = 230 if strong else 90
            width = max(1, round((1 + 2 * link.strength) * (1.5 if strong else 1)))
            if link.kind == "conflict":
                dashed_line(layer, (*pal.oppose, alpha), a, b, width, px(7), px(5))
            else:
                pygame.draw.line(layer, (*MUTED, alpha), a, b, width)
        out.blit(layer, (0, 0))
        # uncertainty bands
        layer = pygame.Surface(out.get_size(), pygame.SRCALPHA)
        for person in self.people:
            est, unc = shown.get(person.id, (person.estimate, person.uncertainty))
            if unc < 0.02:
                continue
            x0 = self.x_of(max(-1.0, est - unc)) - ox
            x1 = self.x_of(min(1.0, est + unc)) - ox
            y = self.pos[person.id][1] - oy
            band = pygame.Rect(x0, y - r * 0.45, max(2, x1 - x0), r * 0.9)
            col = pal.sector_colour(person.sector)
            pygame.draw.rect(layer, (*col, 55), band, border_radius=4)
            pygame.draw.rect(layer, (*col, 140), band, 1, border_radius=4)
        out.blit(layer, (0, 0))
        # leader lines to names placed away from their marker (under the markers), then
        # markers, biggest influence last so they sit on top; then the names
        for person in self.people:
            rect = self.label_rects.get(person.id)
            if rect is not None and self._leaders.get(person.id):
                cx, cy = self.pos[person.id][0] - ox, self.pos[person.id][1] - oy
                chosen = rect.move(-ox, -oy)
                end = (chosen.left if chosen.centerx > cx else chosen.right,
                       min(max(cy, chosen.top), chosen.bottom))
                pygame.draw.line(out, MUTED, (cx, cy), end, 1)
        for person in sorted(self.people, key=lambda q: q.influence):
            self._marker(out, person, ox, oy)
        for person in self.people:
            self._label(out, person, ox, oy)
        if self.selected in self.pos:
            cx, cy = self.pos[self.selected]
            pygame.draw.circle(out, (0, 0, 0), (cx - ox, cy - oy), r + px(8), 1)
            pygame.draw.circle(out, FOCUS, (cx - ox, cy - oy), r + px(7), 3)

    def code_surface(self, person: PersonView, ink) -> pygame.Surface:
        """The sector's letter code drawn inside the marker."""
        code = SECTOR_CODE.get(person.sector, "?")
        pt = (CODE_PT if len(code) > 1 else CODE_PT + 2) * self.fit()
        return self.app.fonts.render(code, "bold", self.app.fs(pt), ink)

    def badge_surface(self, glyph: str) -> pygame.Surface:
        """A badge's symbol (can block, champion, coalition), light on its dark disc."""
        size = round(self.badge_size() * BADGE_SCALE.get(glyph, 1.0))
        return self.app.fonts.render(glyph, "symbol_bold", size, BADGE_INK)

    def _marker(self, out: pygame.Surface, person: PersonView, ox: int, oy: int) -> None:
        pal, px = self.app.palette, self.app.px
        r = self.radius
        cx, cy = self.pos[person.id][0] - ox, self.pos[person.id][1] - oy
        group = pal.group(person.sector)
        fill = pal.sector_colour(person.sector)
        dim = self.targets is not None and self.targets.get(person.id, "x") is not None
        if not person.in_forum or dim:
            fill = tuple(int(c * 0.45 + PANEL[i] * 0.55) for i, c in enumerate(fill))
        if person.in_forum:
            pygame.draw.circle(out, TEXT, (cx, cy), r + px(4), 2)
        draw_shape(out, group.shape, (cx, cy), r, fill, (10, 12, 16), 2)
        s = self.code_surface(person, pal.ink_on(fill))
        out.blit(s, s.get_rect(center=(cx, cy + (px(3) if group.shape == "triangle" else 0)
                                      - (px(3) if group.shape == "triangle_down" else 0))))
        for on, glyph, corner in zip((person.can_block, person.champion, person.coalition),
                                     BADGES, ((1, -1), (-1, -1), (1, 1)), strict=True):
            if not on:
                continue
            b = self.badge_surface(glyph)
            centre = (cx + corner[0] * r, cy + corner[1] * r)
            rad = max(b.get_width(), b.get_height()) // 2 + 1
            pygame.draw.circle(out, BADGE_DISC, centre, rad)
            pygame.draw.circle(out, BADGE_INK, centre, rad, 1)
            out.blit(b, b.get_rect(center=centre))
        if self.targets is not None and self.targets.get(person.id, "x") is None:
            dashed_circle(out, FOCUS, (cx, cy), r + px(10), 2)

    def _label(self, out, person: PersonView, ox: int, oy: int) -> None:
        f = self.app.fonts
        rect = self.label_rects.get(person.id)
        if rect is None:
            return
        colour = TEXT if person.in_forum or person.id in (self.selected, self.hovered) \
            else MUTED
        s = f.render(surname(person.name), "semibold", self.label_size(), colour)
        chosen = rect.move(-ox, -oy)
        bg = pygame.Surface(chosen.size, pygame.SRCALPHA)
        bg.fill((*PANEL, 200))
        out.blit(bg, chosen.topleft)
        out.blit(s, (chosen.x + 2, chosen.y))

    def _render_legend(self, out: pygame.Surface, y: int) -> None:
        f, px, fs = self.app.fonts, self.app.px, self.app.fs
        size = fs(13)
        x, lh = px(8), f.line_height("regular", size)
        items, _ = self.legend_items()
        for glyph, text in items:
            g = f.render(glyph, "symbol", size, TEXT)
            t = f.render(text, "regular", size, MUTED)
            need = g.get_width() + px(4) + t.get_width() + px(14)
            if x + need > self.rect.w - px(6) and x > px(8):
                x, y = px(8), y + lh
            out.blit(g, (x, y))
            out.blit(t, (x + g.get_width() + px(4), y))
            x += need

    def legend_items(self) -> tuple[list[tuple[str, str]], int]:
        """The key under the map, in long words if they fit on two lines."""
        key = (self.rect.w, self.app.scale)
        if self._legend is None or self._legend[0] != key:
            self._legend = (key, self._legend_items())
        return self._legend[1]

    def _legend_items(self) -> tuple[list[tuple[str, str]], int]:
        size = self.app.fs(13)
        long = [("\u25ef", "ring: sits in this forum"), ("\u2298", "can block here"),
                ("\u2605", "champion"), ("\u26ad", "in your coalition"),
                ("\u2500\u2500", "allies"), ("\u254c\u254c", "history of conflict"),
                ("\u25ad", "bar: range of your estimate")]
        short = [("\u25ef", "in forum"), ("\u2298", "can block"), ("\u2605", "champion"),
                 ("\u26ad", "coalition"), ("\u2500", "allies"), ("\u254c", "conflict"),
                 ("\u25ad", "range of estimate")]
        n = self._legend_lines(long, size)
        if n <= 2:
            return long, n
        return short, self._legend_lines(short, size)

    def _legend_lines(self, items: list[tuple[str, str]], size: int) -> int:
        f, px = self.app.fonts, self.app.px
        x, lines = px(8), 1
        for glyph, text in items:
            need = f.size(glyph, "symbol", size)[0] + px(4) + f.size(text, "regular", size)[0] \
                + px(14)
            if x + need > self.rect.w - px(6) and x > px(8):
                x, lines = px(8), lines + 1
            x += need
        return lines

    def _draw_hover(self, surface: pygame.Surface) -> None:
        if self.hovered is None or self.hovered not in self.pos:
            return
        person = next((p for p in self.people if p.id == self.hovered), None)
        if person is None:
            return
        f, px, fs = self.app.fonts, self.app.px, self.app.fs
        est, unc = self._shown.get(person.id, (person.estimate, person.uncertainty))
        lines = [(person.name, "bold", TEXT), (f"{person.role}, {person.organisation}",
                                               "regular", MUTED),
                 (f"{stance_word(est).capitalize()} ({signed(est)}"
                  + (f" \u00b1{unc:.2f}" if unc >= 0.02 else "") + f"), influence "
                  f"{person.influence:.2f}", "regular", TEXT)]
        if self.targets is not None:
            reason = self.targets.get(person.id, "Not a possible choice.")
            lines.append(("Click or press Enter to choose" if reason is None else reason,
                          "italic", FOCUS if reason is None else MUTED))
        else:
            lines.append(("Click to open the card", "italic", MUTED))
        size = fs(14)
        maxw = min(self.app.px(420), self.rect.w - px(20))
        rendered = []
        for text, face, col in lines:
            for ln in f.wrap(text, face, size, maxw):
                rendered.append(f.render(ln, face, size, col))
        w = max(s.get_width() for s in rendered) + px(16)
        h = sum(s.get_height() for s in rendered) + px(12)
        cx, cy = self.pos[person.id]
        box = pygame.Rect(cx + self.radius + px(12), cy - h // 2, w, h)
        if box.right > self.rect.right - px(4):
            box.right = cx - self.radius - px(12)
        box.clamp_ip(self.rect)
        pygame.draw.rect(surface, PANEL_HI, box, border_radius=6)
        pygame.draw.rect(surface, TEXT, box, 1, border_radius=6)
        yy = box.y + px(6)
        for s in rendered:
            surface.blit(s, (box.x + px(8), yy))
            yy += s.get_height()

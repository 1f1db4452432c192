"""The move palette: one button per move, grouped by family (listening, framing,
compensation, alliance, challenge, process), each with its keyboard shortcut, its cost in
team capacity, and its help as a tooltip. Unavailable moves are disabled and the status
line says why (pygame_gui shows no tooltip on a disabled button)."""

from __future__ import annotations

from collections.abc import Callable

import pygame
from faultlines.engine.choices import Choice
from faultlines.engine.domain import FAMILY_NAMES
from faultlines.engine.moves import MOVE_TYPES
from faultlines.engine.view import PlayerView
from faultlines.game.moves_ui import FAMILY_ORDER, key_name, short
from faultlines.game.palette import ACCENT, FAINT, MUTED, PANEL_HI, TEXT
from pygame_gui.elements import UIButton, UILabel, UIScrollingContainer


def move_tooltip(m: Choice) -> str:
    cost = m.cost_text
    key = key_name(m.kind)
    text = f"<b>{m.label}</b> ({FAMILY_NAMES.get(m.family, m.family)}; cost {cost}"
    text += f"; key {key})" if key else ")"
    text += f"<br>{m.help}"
    if m.reason:
        text += f"<br><i>Not now: {m.reason}</i>"
    return text


class MovePalette:
    def __init__(self, scene, rect: pygame.Rect, view: PlayerView,
                 on_move: Callable[[str], None]):
        app = scene.app
        self.app = app
        self.rect = rect
        px = app.px
        self.container = UIScrollingContainer(rect, scene.ui, should_grow_automatically=False,
                                              allow_scroll_x=False)
        self.buttons: dict[str, UIButton] = {}
        self.infos = {m.kind: m for m in view.moves}
        inner_w = rect.w - px(18)
        gap = px(4)
        cols = 2 if inner_w >= 2 * self.button_width(app) + gap else 1
        col_w = (inner_w - gap * (cols - 1)) // cols
        bh = app.fonts.line_height("regular", app.fs(15)) + px(9)
        head_h = app.fonts.line_height("bold", app.fs(14)) + px(2)
        # shrink the buttons a little rather than hide moves below a scroll (down to a floor)
        fams = [[m for m in view.moves if m.family == fam] for fam in FAMILY_ORDER]
        rows = sum((len(ms) + cols - 1) // cols for ms in fams if ms)
        heads = sum(1 for ms in fams if ms)
        fixed = heads * (head_h + px(2)) + rows * gap
        floor = app.fonts.line_height("regular", app.fs(15)) + px(3)
        if fixed + rows * bh > rect.h:
            bh = max(floor, (rect.h - fixed) // max(1, rows))
        y = 0
        for fam in FAMILY_ORDER:
            moves = [m for m in view.moves if m.family == fam]
            if not moves:
                continue
            UILabel(pygame.Rect(0, y, inner_w, head_h), FAMILY_NAMES.get(fam, fam).upper(),
                    scene.ui, container=self.container, object_id="#family")
            y += head_h
            for k, m in enumerate(moves):
                col, row = k % cols, k // cols
                r = pygame.Rect(col * (col_w + gap), y + row * (bh + gap), col_w, bh)
                b = scene.add_button(f"move:{m.kind}", r, short(m.kind),
                                     lambda kind=m.kind: on_move(kind), object_id="#move",
                                     container=self.container, focus=False,
                                     tooltip=move_tooltip(m), enabled=m.reason is None)
                self.buttons[m.kind] = b
            rows = (len(moves) + cols - 1) // cols
            y += rows * (bh + gap) + px(2)
        self.container.set_scrollable_area_dimensions((inner_w, y))
        self.extra = [m for m in view.moves if m.family not in FAMILY_ORDER]

    @staticmethod
    def button_width(app) -> int:
        """Widest label plus its key cap and cost pips: no label is ever cut off."""
        f, px = app.fonts, app.px
        label = max(f.size(short(k), "regular", app.fs(15))[0] for k in MOVE_TYPES)
        cap = f.size("W", "bold", app.fs(12))[0] + px(8)
        return px(8) + label + px(8) + cap + px(4) + 2 * (px(6) + px(3)) + px(8)

    @classmethod
    def width_for(cls, app, cols: int) -> int:
        """The palette width that fits `cols` columns (with its scroll bar)."""
        return cols * cls.button_width(app) + (cols - 1) * app.px(4) + app.px(18)

    def refresh(self, view: PlayerView) -> None:
        self.infos = {m.kind: m for m in view.moves}
        for kind, b in self.buttons.items():
            m = self.infos.get(kind)
            if m is None:
                continue
            b.tool_tip_text = move_tooltip(m)
            if m.reason is None and not b.is_enabled:
                b.enable()
            elif m.reason is not None and b.is_enabled:
                b.disable()

    def kind_at(self, pos: tuple[int, int]) -> str | None:
        if not self.rect.collidepoint(pos):
            return None
        for kind, b in self.buttons.items():
            if b.rect.collidepoint(pos):
                return kind
        return None

    def scroll_to(self, kind: str) -> None:
        """Bring a move's button into view (keyboard shortcuts on a scrolled palette)."""
        b = self.buttons.get(kind)
        bar = self.container.vert_scroll_bar
        if b is None or bar is None:
            return
        total = self.container.scrolling_height or 1
        top = b.relative_rect.y
        bar.set_scroll_from_start_percentage(max(0.0, (top - self.app.px(30)) / total))

    def draw_marks(self, surface: pygame.Surface) -> None:
        """Key caps and cost pips over the buttons, clipped to the visible palette."""
        if not self.container.visible:
            return
        f, px, fs = self.app.fonts, self.app.px, self.app.fs
        old = surface.get_clip()
        surface.set_clip(self.container.rect)
        size = fs(12)
        for kind, b in self.buttons.items():
            r = b.rect
            if not r.colliderect(self.container.rect):
                continue
            m = self.infos.get(kind)
            on = m is not None and m.reason is None
            pips = m.cost_max if m else 0
            pr = px(3)
            x = r.right - px(7)
            for i in range(pips):
                c = (x - i * (2 * pr + px(3)), r.centery)
                if on:
                    pygame.draw.circle(surface, ACCENT, c, pr)
                pygame.draw.circle(surface, TEXT if on else FAINT, c, pr, 1)
            key = key_name(kind)
            if key:
                s = f.render(key, "bold", size, TEXT if on else FAINT)
                cap = pygame.Rect(0, 0, s.get_width() + px(8), s.get_height() + px(2))
                cap.midright = (x - pips * (2 * pr + px(3)) - px(2), r.centery)
                pygame.draw.rect(surface, PANEL_HI, cap, border_radius=3)
                pygame.draw.rect(surface, MUTED if on else FAINT, cap, 1, border_radius=3)
                surface.blit(s, s.get_rect(center=cap.center))
        surface.set_clip(old)

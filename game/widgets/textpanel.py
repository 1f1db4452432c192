"""A scrolling text panel drawn with the game's own fonts: the table's card, transcript and
situation box. It lays its text out only when the text or its width changes, appends
transcript lines without touching the ones above, and keeps a scroll bar gutter always,
so gaining a scroll bar never means laying the text out a second time.

It answers to the few names the scenes and tests use on pygame_gui's text boxes
(`set_text`, `html_text`, `visible`, `show`, `hide`, `scroll_bar` with
`start_percentage`, `visible_percentage` and `set_scroll_from_start_percentage`), so Page
Up / Page Down in `Scene.scroll_key` scroll it like any other box.
"""

from __future__ import annotations

import pygame
from faultlines.game import richtext
from faultlines.game.palette import BORDER, FAINT, MUTED, PANEL, PANEL_HI

WHEEL_LINES = 3  # lines scrolled by one notch of the mouse wheel
PAD = 8  # inner padding, before the text scale
GUTTER = 10  # the scroll bar's strip at the right, before the text scale


class _Bar:
    """The scroll position in the terms pygame_gui's scroll bars use (shares of the whole)."""

    def __init__(self, panel: TextPanel):
        self.panel = panel

    @property
    def start_percentage(self) -> float:
        p = self.panel
        return p.offset / max(1, p.content_h)

    @property
    def visible_percentage(self) -> float:
        p = self.panel
        return min(1.0, p.view_h / max(1, p.content_h))

    def set_scroll_from_start_percentage(self, share: float) -> None:
        self.panel.scroll_to(round(share * self.panel.content_h))


class TextPanel:
    def __init__(self, app, rect: pygame.Rect, *, size: float = 15, background=PANEL,
                 border=BORDER):
        self.app = app
        self.rect = pygame.Rect(rect)
        self.size = app.fs(size)
        self.background = background
        self.border = border
        self.visible = True
        self.html_text = ""
        self.offset = 0
        self.follow_end = False  # stay at the bottom as lines are appended (a transcript)
        self._laid: dict[str, list[richtext.Line]] = {}  # paragraph -> its lines
        self._lines: list[richtext.Line] = []
        self._bar = _Bar(self)
        self.layouts = 0  # how many times text was laid out (tests check it stays put)

    # -- geometry ----------------------------------------------------------------------
    @property
    def pad(self) -> int:
        return self.app.px(PAD)

    @property
    def text_w(self) -> int:
        return self.rect.w - 2 * self.pad - self.app.px(GUTTER)

    @property
    def line_h(self) -> int:
        return richtext.line_height(self.app.fonts, self.size)

    @property
    def view_h(self) -> int:
        return max(1, self.rect.h - 2 * self.pad)

    @property
    def content_h(self) -> int:
        return len(self._lines) * self.line_h

    @property
    def max_offset(self) -> int:
        return max(0, self.content_h - self.view_h)

    @property
    def scroll_bar(self) -> _Bar | None:
        return self._bar if self.content_h > self.view_h else None

    # -- content -----------------------------------------------------------------------
    def set_text(self, html: str) -> None:
        """Show `html` (nothing is laid out if it is what is shown already)."""
        self.set_lines([html])

    def set_lines(self, lines: list[str]) -> None:
        """Show these lines of markup, one paragraph each. A paragraph already laid out at
        this width is reused, so appending lines lays out only the new ones."""
        html = "<br>".join(lines)
        if html == self.html_text and self._lines:
            return
        at_end = self.offset >= self.max_offset
        cache = self._laid
        laid: dict[str, list[richtext.Line]] = {}
        out: list[richtext.Line] = []
        for para in lines:
            got = laid.get(para) or cache.get(para)
            if got is None:
                got = self._layout(para)
            laid[para] = got
            out += got
        self._laid = laid
        self._lines = out
        self.html_text = html
        if self.follow_end and at_end:
            self.offset = self.max_offset
        self.offset = min(self.offset, self.max_offset)

    def _layout(self, html: str) -> list[richtext.Line]:
        self.layouts += 1
        return richtext.layout(self.app.fonts, richtext.parse(html), self.size, self.text_w)

    # -- scrolling ---------------------------------------------------------------------
    def scroll_to(self, offset: int) -> None:
        self.offset = max(0, min(int(offset), self.max_offset))
        self.app.mark_dirty()

    def scroll_to_end(self) -> None:
        self.scroll_to(self.max_offset)

    def wheel(self, notches: int) -> None:
        """Mouse wheel: positive scrolls up (pygame's sign)."""
        self.scroll_to(self.offset - notches * WHEEL_LINES * self.line_h)

    def handle(self, event: pygame.event.Event) -> bool:
        """A wheel turned over the panel scrolls it, and a click on its scroll bar pages
        towards the click; returns True if the event was the panel's."""
        if not self.visible:
            return False
        if event.type == pygame.MOUSEWHEEL:
            if not self.rect.collidepoint(pygame.mouse.get_pos()):
                return False
            self.wheel(event.y)
            return True
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and \
                self.scroll_bar is not None and self._track().collidepoint(event.pos):
            track = self._track()
            share = (event.pos[1] - track.y) / max(1, track.h)
            self.scroll_to(round(share * self.content_h - self.view_h / 2))
            return True
        return False

    def _track(self) -> pygame.Rect:
        g = self.app.px(GUTTER)
        return pygame.Rect(self.rect.right - g - 2, self.rect.y + 3, g - 2, self.rect.h - 6)

    def show(self) -> None:
        self.visible = True

    def hide(self) -> None:
        self.visible = False

    # -- drawing -----------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        if not self.visible or self.rect.w <= 0 or self.rect.h <= 0:
            return
        r = self.rect
        pygame.draw.rect(surface, self.background, r, border_radius=4)
        pygame.draw.rect(surface, self.border, r, 1, border_radius=4)
        inner = r.inflate(-2 * self.pad, -2 * self.pad)
        old = surface.get_clip()
        surface.set_clip(inner.clip(old) if old else inner)
        lh = self.line_h
        first = self.offset // lh
        y = inner.y - (self.offset - first * lh)
        for line in self._lines[first:]:
            if y >= inner.bottom:
                break
            for surf, x in line.pieces:
                surface.blit(surf, (inner.x + x, y + (lh - surf.get_height()) // 2))
            y += lh
        surface.set_clip(old)
        bar = self.scroll_bar
        if bar is not None:
            track = self._track()
            pygame.draw.rect(surface, PANEL_HI, track, border_radius=3)
            th = max(self.app.px(16), round(track.h * bar.visible_percentage))
            ty = track.y + round((track.h - th) * self.offset / max(1, self.max_offset))
            pygame.draw.rect(surface, MUTED, (track.x, ty, track.w, th), border_radius=3)
            pygame.draw.rect(surface, FAINT, track, 1, border_radius=3)

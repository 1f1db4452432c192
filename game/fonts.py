"""Fonts shipped under assets/fonts (Inter for text, DejaVu Sans for symbols) and a cache
of rendered text, so a frame blits surfaces instead of rasterising text again.

Never SysFont: what a learner sees must not depend on which fonts their machine has.
"""

from __future__ import annotations

from collections import OrderedDict

import pygame
from faultlines.game.paths import FONTS

FACES = {
    "regular": FONTS / "Inter-Regular.otf",
    "bold": FONTS / "Inter-Bold.otf",
    "semibold": FONTS / "Inter-SemiBold.otf",
    "italic": FONTS / "Inter-Italic.otf",
    "bold_italic": FONTS / "Inter-BoldItalic.otf",
    "symbol": FONTS / "DejaVuSans.ttf",
    "symbol_bold": FONTS / "DejaVuSans-Bold.ttf",
}
Colour = tuple[int, int, int] | tuple[int, int, int, int]
SIZE_CACHE = 20000  # measured strings remembered


class Fonts:
    """pygame Font objects by (face, pixel size), loaded once each, and an LRU cache of
    rendered text surfaces keyed by (text, face, size, colour)."""

    def __init__(self, max_surfaces: int = 3000):
        if not pygame.font.get_init():
            pygame.font.init()
        self._fonts: dict[tuple[str, int], pygame.font.Font] = {}
        self._text: OrderedDict[tuple, pygame.Surface] = OrderedDict()
        self._max = max_surfaces
        self._wraps: dict[tuple, list[str]] = {}
        self._sizes: dict[tuple[str, str, int], tuple[int, int]] = {}
        self.hits = 0
        self.misses = 0

    def font(self, face: str, size: int) -> pygame.font.Font:
        key = (face, max(6, int(size)))
        f = self._fonts.get(key)
        if f is None:
            f = pygame.font.Font(str(FACES[face]), key[1])
            self._fonts[key] = f
        return f

    def render(self, text: str, face: str, size: int, colour: Colour) -> pygame.Surface:
        key = (text, face, int(size), tuple(colour))
        surf = self._text.get(key)
        if surf is not None:
            self.hits += 1
            self._text.move_to_end(key)
            return surf
        self.misses += 1
        surf = self.font(face, size).render(text, True, colour)
        self._text[key] = surf
        if len(self._text) > self._max:
            self._text.popitem(last=False)
        return surf

    def size(self, text: str, face: str, size: int) -> tuple[int, int]:
        """The pixel size of `text`; remembered, as wrapping measures the same words over
        and over (cleared wholesale when it grows large)."""
        key = (text, face, size)
        got = self._sizes.get(key)
        if got is None:
            if len(self._sizes) > SIZE_CACHE:
                self._sizes.clear()
            got = self._sizes[key] = self.font(face, size).size(text)
        return got

    def line_height(self, face: str, size: int) -> int:
        return self.font(face, size).get_linesize()

    def wrap(self, text: str, face: str, size: int, width: int) -> list[str]:
        """Greedy word wrap to a pixel width (words longer than a line are kept whole);
        cached, since the status line and situation panel re-wrap the same text each frame."""
        key = (text, face, int(size), int(width))
        hit = self._wraps.get(key)
        if hit is not None:
            return hit
        lines = self._wrap(text, face, size, width)
        self._wraps[key] = lines
        if len(self._wraps) > 500:
            self._wraps.pop(next(iter(self._wraps)))
        return lines

    def _wrap(self, text: str, face: str, size: int, width: int) -> list[str]:
        f = self.font(face, size)
        lines: list[str] = []
        for para in text.split("\n"):
            cur = ""
            for word in para.split(" "):
                if f.size(word)[0] > width:  # longer than a line: cut it into lines
                    *whole, word = self.split_long(word, face, size, width)
                    if cur:
                        lines.append(cur)
                    lines += whole
                    cur = ""
                trial = word if not cur else cur + " " + word
                if f.size(trial)[0] <= width or not cur:
                    cur = trial
                else:
                    lines.append(cur)
                    cur = word
            lines.append(cur)
        return lines

    def split_long(self, word: str, face: str, size: int, width: int) -> list[str]:
        """A word wider than `width` cut into pieces that fit (each cut by bisection; at
        least one character a piece)."""
        f = self.font(face, size)
        out = []
        while word and f.size(word)[0] > width:
            lo, hi = 1, len(word)
            while lo < hi:
                mid = (lo + hi + 1) // 2
                if f.size(word[:mid])[0] <= width:
                    lo = mid
                else:
                    hi = mid - 1
            out.append(word[:lo])
            word = word[lo:]
        return out + [word] if word else out

    def ellipsize(self, text: str, face: str, size: int, width: int) -> str:
        """`text` cut with an ellipsis to fit `width` pixels. The cut is found by bisection
        (about log2(len) measurements), so even a pathological 10,000-character name costs
        a dozen measurements, not one per character."""
        f = self.font(face, size)
        if f.size(text)[0] <= width:
            return text
        lo, hi = 0, len(text)  # the longest prefix that fits with its ellipsis: lo..hi
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if f.size(text[:mid] + "\u2026")[0] <= width:
                lo = mid
            else:
                hi = mid - 1
        return text[:lo].rstrip() + "\u2026"

    def clear(self) -> None:
        self._text.clear()
        self._wraps.clear()
        self._sizes.clear()

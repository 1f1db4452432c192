"""The small HTML subset the game writes (<b>, <i>, <font color>, <br>, entities), laid out
with the game's own fonts (`Fonts.render`, cached by content) instead of pygame_gui's text
boxes, which re-parse and re-measure a whole card (about a thousand glyph renders) on every
change. Only the game's own markup reaches here: scenario text is escaped first
(`game.text.esc`), so a tag in a name is shown as text, never followed.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

import pygame
from faultlines.game.fonts import Colour, Fonts
from faultlines.game.palette import TEXT

LEADING = 1.18  # line spacing as a share of the font's own line height


@dataclass(frozen=True)
class Run:
    """A stretch of text in one face and colour."""

    text: str
    face: str
    colour: Colour


def _hex(value: str | None, default: Colour) -> Colour:
    v = (value or "").strip().lstrip("#")
    if len(v) == 6:
        try:
            return (int(v[0:2], 16), int(v[2:4], 16), int(v[4:6], 16))
        except ValueError:
            pass
    return default


class _Parser(HTMLParser):
    def __init__(self, colour: Colour):
        super().__init__(convert_charrefs=True)
        self.lines: list[list[Run]] = [[]]
        self.bold = 0
        self.italic = 0
        self.colours: list[Colour] = [colour]

    def handle_starttag(self, tag, attrs):
        if tag == "b":
            self.bold += 1
        elif tag == "i":
            self.italic += 1
        elif tag == "font":
            self.colours.append(_hex(dict(attrs).get("color"), self.colours[-1]))
        elif tag == "br":
            self.lines.append([])

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self.lines.append([])

    def handle_endtag(self, tag):
        if tag == "b":
            self.bold = max(0, self.bold - 1)
        elif tag == "i":
            self.italic = max(0, self.italic - 1)
        elif tag == "font" and len(self.colours) > 1:
            self.colours.pop()

    def handle_data(self, data):
        face = ("bold_italic" if self.italic else "bold") if self.bold else \
            ("italic" if self.italic else "regular")
        self.lines[-1].append(Run(data.replace("\n", " "), face, self.colours[-1]))


def parse(html: str, colour: Colour = TEXT) -> list[list[Run]]:
    """Paragraphs (split at <br>) of styled runs."""
    p = _Parser(colour)
    p.feed(html)
    p.close()
    return p.lines


@dataclass(frozen=True)
class Line:
    """One laid-out line: surfaces and their x offsets."""

    pieces: tuple[tuple[pygame.Surface, int], ...]


def layout(fonts: Fonts, paragraphs: list[list[Run]], size: int, width: int) -> list[Line]:
    """Greedy word wrap across runs; consecutive words of one style render as one surface."""
    out: list[Line] = []
    width = max(8, width)
    for para in paragraphs:
        # tokens: (text, face, colour, space before)
        tokens: list[tuple[str, str, Colour, bool]] = []
        space = False
        for run in para:
            parts = run.text.split(" ")
            for i, part in enumerate(parts):
                if i > 0:
                    space = True
                if part:
                    tokens.append((part, run.face, run.colour, space and bool(tokens)))
                    space = False
        lines: list[list[tuple[str, str, Colour, bool]]] = [[]]
        x = 0
        for text, face, colour, sp in tokens:
            gap = fonts.size(" ", face, size)[0] if sp and lines[-1] else 0
            w = fonts.size(text, face, size)[0]
            if lines[-1] and x + gap + w > width:
                lines.append([])
                x, gap = 0, 0
            if w > width:
                for piece in fonts.split_long(text, face, size, width):
                    if lines[-1]:
                        lines.append([])
                    lines[-1].append((piece, face, colour, False))
                    x = fonts.size(piece, face, size)[0]
                continue
            lines[-1].append((text, face, colour, bool(gap)))
            x += gap + w
        for toks in lines:
            pieces: list[tuple[pygame.Surface, int]] = []
            x = 0
            i = 0
            while i < len(toks):
                text, face, colour, sp = toks[i]
                if sp:
                    x += fonts.size(" ", face, size)[0]
                j = i + 1
                while j < len(toks) and toks[j][1] == face and toks[j][2] == colour:
                    text += (" " if toks[j][3] else "") + toks[j][0]
                    j += 1
                surf = fonts.render(text, face, size, colour)
                pieces.append((surf, x))
                x += surf.get_width()
                i = j
            out.append(Line(tuple(pieces)))
    return out


def line_height(fonts: Fonts, size: int) -> int:
    return round(fonts.line_height("regular", size) * LEADING)


def plain(html: str) -> str:
    """The text of some markup, without its tags (tests and speech read it)."""
    return "\n".join("".join(r.text for r in para) for para in parse(html))

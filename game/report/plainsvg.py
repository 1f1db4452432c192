"""Simple charts written straight as SVG text: no plotting library to import or lay out,
so a chart of many small panels costs milliseconds, not seconds. Units are 1/100 inch (a
chart 700 wide is the 7-inch width of the matplotlib charts beside it); text is escaped;
each chart is an accessible image (role, aria-label, title) that scales with the page."""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Sequence

FONT = "DejaVu Sans, Arial, Helvetica, sans-serif"
INK = "#111111"
GREY_BAND = "#e4e4e4"


def esc(text: object) -> str:
    """Text for an element or a double-quoted attribute (apostrophes kept as they are)."""
    return html.escape(str(text), quote=False).replace('"', "&quot;")


def num(x: float) -> str:
    """A coordinate, short (SVG text size matters for a page of many charts)."""
    return f"{x:.1f}".rstrip("0").rstrip(".")


def svg(width: float, height: float, label: str, body: Iterable[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {num(width)} '
            f'{num(height)}" role="img" aria-label="{esc(label)}" '
            f'font-family="{FONT}"><title>{esc(label)}</title>{"".join(body)}</svg>')


def text(x: float, y: float, s: str, *, size: float = 7.5, anchor: str = "start",
         colour: str = INK, weight: str = "normal", baseline: str = "auto") -> str:
    extra = f' font-weight="{weight}"' if weight != "normal" else ""
    extra += f' dominant-baseline="{baseline}"' if baseline != "auto" else ""
    return (f'<text x="{num(x)}" y="{num(y)}" font-size="{num(size)}" '
            f'text-anchor="{anchor}" fill="{colour}"{extra}>{esc(s)}</text>')


def line(x0: float, y0: float, x1: float, y1: float, *, colour: str = INK,
         width: float = 0.8, dash: str = "") -> str:
    d = f' stroke-dasharray="{dash}"' if dash else ""
    return (f'<line x1="{num(x0)}" y1="{num(y0)}" x2="{num(x1)}" y2="{num(y1)}" '
            f'stroke="{colour}" stroke-width="{num(width)}"{d}/>')


def rect(x: float, y: float, w: float, h: float, *, fill: str, stroke: str = "none") -> str:
    return (f'<rect x="{num(x)}" y="{num(y)}" width="{num(max(w, 0))}" '
            f'height="{num(max(h, 0))}" fill="{fill}" stroke="{stroke}"/>')


def polyline(points: Sequence[tuple[float, float]], *, colour: str, width: float = 1.4,
             dash: str = "") -> str:
    if not points:
        return ""
    d = f' stroke-dasharray="{dash}"' if dash else ""
    pts = " ".join(f"{num(x)},{num(y)}" for x, y in points)
    return (f'<polyline points="{pts}" fill="none" stroke="{colour}" '
            f'stroke-width="{num(width)}" stroke-linejoin="round"{d}/>')


def markers(points: Sequence[tuple[float, float]], shape: str, *, colour: str,
            size: float = 2.2, fill: str | None = None) -> str:
    """Small markers at each point: "o" circles, "^" triangles (greyscale-safe shapes)."""
    fill = fill or colour
    if shape == "o":
        return "".join(f'<circle cx="{num(x)}" cy="{num(y)}" r="{num(size)}" fill="{fill}" '
                       f'stroke="{colour}" stroke-width="0.5"/>' for x, y in points)
    s = size * 1.2
    return "".join(f'<polygon points="{num(x)},{num(y - s)} {num(x - s)},{num(y + s * 0.8)} '
                   f'{num(x + s)},{num(y + s * 0.8)}" fill="{fill}" stroke="{colour}" '
                   f'stroke-width="0.5"/>' for x, y in points)


def integer_ticks(lo: float, hi: float, most: int = 6) -> list[int]:
    """Whole-number ticks from lo to hi, at most `most` of them, on a 1-2-5 step."""
    span = max(hi - lo, 1)
    step = 1
    for base in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000):
        step = base
        if span / base <= most - 1:
            break
    first = math.ceil(lo / step) * step
    return list(range(int(first), int(hi) + 1, step))

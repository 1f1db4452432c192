"""Simple charts written straight as SVG text: no plotting library to import or lay out,
so a chart of many small panels costs milliseconds, not seconds. Units are 1/100 inch (a
chart 700 wide is the 7-inch width of the matplotlib charts beside it); text is escaped;
each chart is an accessible image (role, aria-label, title) that scales with the page."""

from __future__ import annotations

import html
import itertools
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


def svg(width: float, height: float, label: str, body: Iterable[str],
        defs: Sequence[str] = ()) -> str:
    inner = f"<defs>{''.join(defs)}</defs>" if defs else ""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {num(width)} '
            f'{num(height)}" role="img" aria-label="{esc(label)}" '
            f'font-family="{FONT}"><title>{esc(label)}</title>{inner}{"".join(body)}</svg>')


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


def rect(x: float, y: float, w: float, h: float, *, fill: str, stroke: str = "none",
         stroke_width: float = 0.6) -> str:
    if w < 0:
        x, w = x + w, -w
    sw = f' stroke-width="{num(stroke_width)}"' if stroke != "none" else ""
    return (f'<rect x="{num(x)}" y="{num(y)}" width="{num(w)}" '
            f'height="{num(max(h, 0))}" fill="{fill}" stroke="{stroke}"{sw}/>')


def polyline(points: Sequence[tuple[float, float]], *, colour: str, width: float = 1.4,
             dash: str = "") -> str:
    if not points:
        return ""
    d = f' stroke-dasharray="{dash}"' if dash else ""
    pts = " ".join(f"{num(x)},{num(y)}" for x, y in points)
    return (f'<polyline points="{pts}" fill="none" stroke="{colour}" '
            f'stroke-width="{num(width)}" stroke-linejoin="round"{d}/>')


def marker(x: float, y: float, shape: str, *, colour: str, size: float = 3.0,
           fill: str | None = None) -> str:
    """One marker: o circle, s square, ^ v triangles, D diamond, X cross, P plus, * star
    (the shapes svgfig.MARKERS names, so categories survive greyscale)."""
    fill = colour if fill is None else fill
    s = size
    paint = f'fill="{fill}" stroke="{colour if fill != colour else INK}" stroke-width="0.6"'
    if shape == "o":
        return f'<circle cx="{num(x)}" cy="{num(y)}" r="{num(s)}" {paint}/>'
    if shape == "s":
        return f'<rect x="{num(x - s)}" y="{num(y - s)}" width="{num(2 * s)}" ' \
               f'height="{num(2 * s)}" {paint}/>'
    pts = {"^": [(0, -1.2), (-1.1, 0.9), (1.1, 0.9)], "v": [(0, 1.2), (-1.1, -0.9), (1.1, -0.9)],
           "D": [(0, -1.3), (1.0, 0), (0, 1.3), (-1.0, 0)],
           "X": [(-1, -0.6), (-0.6, -1), (0, -0.4), (0.6, -1), (1, -0.6), (0.4, 0), (1, 0.6),
                 (0.6, 1), (0, 0.4), (-0.6, 1), (-1, 0.6), (-0.4, 0)],
           "P": [(-0.35, -1), (0.35, -1), (0.35, -0.35), (1, -0.35), (1, 0.35), (0.35, 0.35),
                 (0.35, 1), (-0.35, 1), (-0.35, 0.35), (-1, 0.35), (-1, -0.35), (-0.35, -0.35)],
           "*": [(0, -1.2), (0.3, -0.4), (1.1, -0.4), (0.5, 0.1), (0.7, 1.0), (0, 0.5),
                 (-0.7, 1.0), (-0.5, 0.1), (-1.1, -0.4), (-0.3, -0.4)]}.get(shape)
    if pts is None:
        return marker(x, y, "o", colour=colour, size=size, fill=fill)
    ring = " ".join(f"{num(x + dx * s * 1.2)},{num(y + dy * s * 1.2)}" for dx, dy in pts)
    return f'<polygon points="{ring}" {paint}/>'


def markers(points: Sequence[tuple[float, float]], shape: str, *, colour: str,
            size: float = 2.2, fill: str | None = None) -> str:
    return "".join(marker(x, y, shape, colour=colour, size=size, fill=fill) for x, y in points)


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


# -- axes, hatches and bars ------------------------------------------------------------------
_uids = itertools.count(1)  # ids unique across the charts of one page (hatch patterns)


def uid() -> str:
    return f"p{next(_uids)}"


#: matplotlib hatch codes (svgfig.HATCHES) as pattern strokes in a 6x6 tile
_HATCH_PATHS = {"//": "M-1,7 L7,-1", "\\\\": "M-1,-1 L7,7", "xx": "M-1,7 L7,-1 M-1,-1 L7,7",
                "--": "M0,3 L6,3", "||": "M3,0 L3,6", "++": "M0,3 L6,3 M3,0 L3,6",
                "/-": "M-1,7 L7,-1 M0,3 L6,3"}


def hatch_fill(defs: list[str], colour: str, hatch: str) -> str:
    """A fill of `colour` with a greyscale-safe hatch (a pattern added to `defs`)."""
    path = _HATCH_PATHS.get(hatch)
    if not path:
        return colour
    pid = uid()
    defs.append(f'<pattern id="{pid}" width="6" height="6" patternUnits="userSpaceOnUse">'
                f'<rect width="6" height="6" fill="{colour}"/><path d="{path}" '
                f'stroke="#222222" stroke-width="0.7"/></pattern>')
    return f"url(#{pid})"


class Axes:
    """A plotting area: data coordinates to chart units."""

    def __init__(self, x0: float, y0: float, w: float, h: float,
                 xlim: tuple[float, float], ylim: tuple[float, float]):
        self.x0, self.y0, self.w, self.h = x0, y0, w, h
        self.xlim, self.ylim = xlim, ylim

    def sx(self, x: float) -> float:
        lo, hi = self.xlim
        return self.x0 + self.w * (x - lo) / ((hi - lo) or 1)

    def sy(self, y: float) -> float:
        lo, hi = self.ylim
        return self.y0 + self.h * (1 - (y - lo) / ((hi - lo) or 1))

    def frame(self, *, xticks: Sequence[float] = (), yticks: Sequence[float] = (),
              xlabel: str = "", ylabel: str = "", ytick_labels: Sequence[str] | None = None,
              xfmt: str = "{:g}", yfmt: str = "{:g}", size: float = 8.0) -> list[str]:
        """The left and bottom spines, ticks and labels (the house style: no top or right)."""
        bottom, left = self.y0 + self.h, self.x0
        out = [line(left, self.y0, left, bottom), line(left, bottom, left + self.w, bottom)]
        for t in xticks:
            x = self.sx(t)
            out += [line(x, bottom, x, bottom + 3),
                    text(x, bottom + 11, xfmt.format(t).replace("-", "\u2212"), size=size,
                         anchor="middle")]
        for i, t in enumerate(yticks):
            y = self.sy(t)
            lab = ytick_labels[i] if ytick_labels is not None else \
                yfmt.format(t).replace("-", "\u2212")
            out += [line(left - 3, y, left, y), text(left - 5, y + 3, lab, size=size,
                                                      anchor="end")]
        if xlabel:
            out.append(text(left + self.w / 2, bottom + 24, xlabel, size=size + 0.5,
                            anchor="middle"))
        if ylabel:
            cx, cy = left - 32, self.y0 + self.h / 2
            out.append(f'<g transform="rotate(-90 {num(cx)} {num(cy)})">'
                       + text(cx, cy, ylabel, size=size + 0.5, anchor="middle") + "</g>")
        return out


def nice_ticks(lo: float, hi: float, most: int = 6) -> list[float]:
    """Round ticks covering lo..hi on a 1-2-5 step."""
    span = (hi - lo) or 1.0
    raw = span / max(most - 1, 1)
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    first = math.ceil(lo / step - 1e-9) * step
    out, t = [], first
    while t <= hi + 1e-9:
        out.append(round(t, 10))
        t += step
    return out


def legend(x: float, y: float, items: Sequence[tuple[str, str]], *, size: float = 7.5,
           gap: float = 14.0, width: float = 150.0, per_row: int = 3) -> list[str]:
    """Swatches (a fill, or a hatch url) with their names, `per_row` to a row."""
    out = []
    for i, (fill, name) in enumerate(items):
        cx, cy = x + (i % per_row) * width, y + (i // per_row) * gap
        out += [rect(cx, cy - 7, 14, 9, fill=fill, stroke=INK), text(cx + 18, cy, name,
                                                                      size=size)]
    return out

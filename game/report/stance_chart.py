"""The debrief's stance small multiples, one panel per stakeholder, drawn as plain SVG: the
chart that cost most of a debrief's time through matplotlib (13 panels, each laid out
twice). Every stage band is labelled in every panel by its number, and the key above the
panels names each stage with the scenario's own name."""

from __future__ import annotations

from faultlines.engine.debrief.model import Debrief
from faultlines.game.report.plainsvg import (
    GREY_BAND,
    INK,
    integer_ticks,
    line,
    markers,
    polyline,
    rect,
    svg,
    text,
)
from faultlines.game.report.svgfig import OKABE_ITO

WIDTH = 700.0
COLS = 4
PLOT_H = 62.0  # the plotting area of one panel
TITLE_H = 20.0  # two lines: name, organisation
PAD_L, PAD_R, GAP = 24.0, 8.0, 12.0
AXIS_H = 22.0  # tick labels and "moves played" under the bottom row
SUPPORT_AT = 0.1  # the dotted lines: above counts as support, below as opposition


def _short(name: str, limit: int) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "\u2026"


def stage_numbers(d: Debrief, order: list[str]) -> dict[str, int]:
    """Each stage's number in the scenario's order (its label in narrow bands)."""
    ids = [sid for sid in order if any(s == sid for s, *_ in d.stage_spans)]
    ids += [s for s, *_ in d.stage_spans if s not in ids]
    return {sid: n for n, sid in enumerate(ids, 1)}


def stage_key(d: Debrief, order: list[str]) -> str:
    """"Stages: 1 Briefing, 2 Partnership Board, ..." (the numbers the bands carry)."""
    names: dict[str, str] = {}
    for sid, name, _, _ in d.stage_spans:
        names.setdefault(sid, name)
    return "Stages: " + ", ".join(f"{n} {names[sid]}"
                                  for sid, n in stage_numbers(d, order).items()) + "."


def stance_multiples(d: Debrief, order: list[str], *, other: Debrief | None = None,
                     labels: tuple[str, str] = ("this game", "branch"),
                     branch_at: int | None = None) -> str:
    """One small panel per stakeholder, in the scenario's order; dotted lines mark the
    support and opposition thresholds; stages numbered in every panel and named above."""
    arcs = d.arcs
    numbers = stage_numbers(d, order)
    key = stage_key(d, order)
    top = 16.0 + (14.0 if other is not None else 0.0)
    rows = (len(arcs) + COLS - 1) // COLS
    cell_w = (WIDTH - 4) / COLS
    cell_h = TITLE_H + PLOT_H + GAP
    height = top + rows * cell_h + AXIS_H
    xmax = max([max(a.xs, default=0) for a in arcs] + [x1 for *_, x1 in d.stage_spans] + [1])
    if other is not None:
        xmax = max([xmax] + [max(b.xs, default=0) for b in other.arcs])
    body = [text(2, 10, key, size=7.5)]
    if other is not None:
        body += [line(4, 22, 22, 22, colour=OKABE_ITO[0], width=1.4),
                 text(26, 25, labels[0], size=7.5),
                 line(160, 22, 178, 22, colour=OKABE_ITO[3], width=1.4, dash="4 2"),
                 text(182, 25, labels[1], size=7.5)]
    for n, a in enumerate(arcs):
        col, row = n % COLS, n // COLS
        x0 = 2 + col * cell_w + PAD_L
        w = cell_w - PAD_L - PAD_R
        y0 = top + row * cell_h + TITLE_H

        def sx(x: float, x0: float = x0, w: float = w) -> float:
            return x0 + w * x / xmax

        def sy(y: float, y0: float = y0) -> float:
            return y0 + PLOT_H * (1.05 - y) / 2.1

        body.append(text(x0, y0 - 13, _short(a.name, 30), size=7, weight="bold"))
        body.append(text(x0, y0 - 4, _short(a.organisation, 36), size=6.5, colour="#333333"))
        if other is None:
            for k, (sid, _, s0, s1) in enumerate(d.stage_spans):
                if k % 2 == 1:
                    body.append(rect(sx(s0), y0, max(sx(s1) - sx(s0), 1.5), PLOT_H,
                                     fill=GREY_BAND))
                body.append(text((sx(s0) + sx(max(s1, s0 + 0.5))) / 2, y0 + 7,
                                 str(numbers[sid]), size=6, anchor="middle", colour="#333333"))
        for yv, colour, dash in ((SUPPORT_AT, "#555555", "1.5 1.5"),
                                 (-SUPPORT_AT, "#555555", "1.5 1.5"), (0.0, "#999999", "")):
            body.append(line(x0, sy(yv), x0 + w, sy(yv), colour=colour, width=0.5, dash=dash))
        body.append(line(x0, y0, x0, y0 + PLOT_H, width=0.6))
        body.append(line(x0, y0 + PLOT_H, x0 + w, y0 + PLOT_H, width=0.6))
        if col == 0:
            for yv, lab in ((1, "1"), (0, "0"), (-1, "\u22121")):
                body.append(text(x0 - 3, sy(yv) + 2.5, lab, size=6.5, anchor="end"))
        pts = [(sx(x), sy(y)) for x, y in zip(a.xs, a.ys, strict=True)]
        body += [polyline(pts, colour=OKABE_ITO[0]), markers(pts, "o", colour=OKABE_ITO[0],
                                                             size=1.3)]
        end = f"{a.end:+.2f}"
        if other is not None:
            b = other.arc(a.id)
            bpts = [(sx(x), sy(y)) for x, y in zip(b.xs, b.ys, strict=True)
                    if branch_at is None or x >= branch_at]
            body += [polyline(bpts, colour=OKABE_ITO[3], dash="4 2"),
                     markers(bpts, "^", colour=OKABE_ITO[3], size=1.6)]
            end += f" | {b.end:+.2f}"
        if branch_at is not None:
            body.append(line(sx(branch_at), y0, sx(branch_at), y0 + PLOT_H, dash="5 2 1 2"))
        body.append(text(x0 + w - 2, y0 + PLOT_H - 4, end.replace("-", "\u2212"), size=7,
                         anchor="end"))
        if n + COLS >= len(arcs):  # nothing below this panel: its x axis is labelled
            for t in integer_ticks(0, xmax):
                body.append(line(sx(t), y0 + PLOT_H, sx(t), y0 + PLOT_H + 2.5, width=0.6))
                body.append(text(sx(t), y0 + PLOT_H + 10, str(t), size=6.5, anchor="middle"))
            body.append(text(x0 + w / 2, y0 + PLOT_H + 19, "moves played", size=7,
                             anchor="middle", colour=INK))
    return svg(WIDTH, height, "Each stakeholder's stance over the game", body)

"""The reports' bar, line and scatter charts as plain SVG (see plainsvg): the same content,
palette, hatches and markers as the matplotlib versions they replace, at a small fraction of
the time, so a debrief or a class report never waits on a plotting library."""

from __future__ import annotations

from collections.abc import Sequence

from faultlines.game.report.plainsvg import (
    GREY_BAND,
    INK,
    Axes,
    hatch_fill,
    integer_ticks,
    legend,
    line,
    marker,
    nice_ticks,
    polyline,
    rect,
    svg,
    text,
)

WIDTH = 700.0


def hbars(rows: Sequence[tuple[str, Sequence[tuple[float, str, str]]]], *, label: str,
          xlabel: str, legend_items: Sequence[tuple[str, str, str]] = (),
          values: bool = True, row_h: float = 22.0) -> str:
    """Horizontal bars, one row each, top to bottom: each row is its label and stacked
    segments (value, colour, hatch); the total (or each wide segment) is written on it."""
    defs: list[str] = []
    # room for the longest row label (about 4.2 units a character at this size)
    label_w = min(320.0, max(90.0, 4.2 * max((len(n) for n, _ in rows), default=0) + 14))
    top, n = 8.0, len(rows)
    plot_h = max(n, 1) * row_h
    legend_rows = (len(legend_items) + 2) // 3
    height = top + plot_h + 34 + legend_rows * 14 + (6 if legend_items else 0)
    xmax = max([sum(v for v, *_ in segs) for _, segs in rows] + [1]) * 1.12
    ax = Axes(label_w, top, WIDTH - label_w - 16, plot_h, (0, xmax), (0, max(n, 1)))
    body: list[str] = []
    fills: dict[tuple[str, str], str] = {}
    for i, (name, segs) in enumerate(rows):
        y = top + i * row_h + row_h * 0.18
        h = row_h * 0.64
        left = 0.0
        for v, colour, hatch in segs:
            key = (colour, hatch)
            if key not in fills:
                fills[key] = hatch_fill(defs, colour, hatch)
            body.append(rect(ax.sx(left), y, ax.sx(left + v) - ax.sx(left), h, fill=fills[key],
                             stroke=INK, stroke_width=0.5))
            if values and len(segs) > 1 and v >= 2:
                mid = ax.sx(left + v / 2)
                shown = f"{v:.0f}" if v == int(v) else f"{v:.1f}"
                body += [rect(mid - 6, y + h / 2 - 5, 12, 9, fill="#ffffff"),
                         text(mid, y + h / 2 + 2.5, shown, size=6.5, anchor="middle")]
            left += v
        if values and len(segs) == 1:
            v = segs[0][0]
            body.append(text(ax.sx(v) + 3, y + h / 2 + 3, f"{v:g}", size=7.5))
        body.append(text(label_w - 6, y + h / 2 + 3, name, size=7.5, anchor="end"))
    xt = [t for t in integer_ticks(0, xmax) if t <= xmax]
    body += ax.frame(xticks=xt, xlabel=xlabel)
    if legend_items:
        fl = [(fills.get((c, h)) or hatch_fill(defs, c, h), name) for c, h, name in legend_items]
        body += legend(label_w, top + plot_h + 42, fl)
    return svg(WIDTH, height, label, body, defs)


def columns(values: Sequence[float], *, label: str, xlabel: str, ylabel: str,
            dark: set[int], notes: dict[int, str], height: float = 180.0) -> str:
    """Vertical bars at 1..n (dark ones marked, some with a note above)."""
    n = len(values)
    ymax = max(list(values) + [0.1]) * 1.15
    ax = Axes(60, 10, WIDTH - 76, height - 48, (0.3, max(n, 1) + 0.7), (0, ymax))
    body = []
    for i, v in enumerate(values):
        x0, x1 = ax.sx(i + 1 - 0.4), ax.sx(i + 1 + 0.4)
        body.append(rect(x0, ax.sy(v), x1 - x0, ax.sy(0) - ax.sy(v),
                         fill="#222222" if i in dark else "#bbbbbb", stroke="#222222",
                         stroke_width=0.4))
        if i in notes:
            body.append(text((x0 + x1) / 2, ax.sy(v) - 3, notes[i], size=7, anchor="middle"))
    body += ax.frame(xticks=integer_ticks(1, max(n, 1)), yticks=nice_ticks(0, ymax),
                     xlabel=xlabel, ylabel=ylabel)
    return svg(WIDTH, height, label, body)


def diverging(rows: Sequence[tuple[str, float, float]], *, label: str, xlabel: str,
              colours: tuple[str, str], hatches: tuple[str, str],
              names: tuple[str, str, str]) -> str:
    """Per row: a gain to the right, a loss to the left and their net as a diamond."""
    defs: list[str] = []
    row_h, top, label_w = 34.0, 8.0, 150.0
    plot_h = max(len(rows), 1) * row_h
    lim = max([abs(g) for _, g, _ in rows] + [abs(lo) for _, _, lo in rows] + [0.3]) * 1.35
    ax = Axes(label_w, top, WIDTH - label_w - 16, plot_h, (-lim, lim), (0, 1))
    gain, loss = hatch_fill(defs, colours[0], hatches[0]), hatch_fill(defs, colours[1], hatches[1])
    body = [line(ax.sx(0), top, ax.sx(0), top + plot_h, width=0.8)]
    for i, (name, g, lo) in enumerate(rows):
        y, h = top + i * row_h + 8, row_h - 16
        body.append(rect(ax.sx(0), y, ax.sx(g) - ax.sx(0), h, fill=gain, stroke=INK))
        body.append(rect(ax.sx(0), y, ax.sx(lo) - ax.sx(0), h, fill=loss, stroke=INK))
        body.append(marker(ax.sx(g + lo), y + h / 2, "D", colour=INK, size=3.2))
        if g:
            body.append(text(ax.sx(g) + 9, y + h / 2 + 3, f"{g:+.2f}", size=7))
        if lo:
            body.append(text(ax.sx(lo) - 5, y + h / 2 + 3, f"{lo:+.2f}".replace("-", "\u2212"),
                             size=7, anchor="end"))
        first, _, rest = name.partition("\n")
        body.append(text(label_w - 6, y + h / 2, first, size=7.5, anchor="end"))
        if rest:
            body.append(text(label_w - 6, y + h / 2 + 10, rest, size=7, anchor="end"))
    body += ax.frame(xticks=nice_ticks(-lim, lim, 7), xfmt="{:.1f}", xlabel=xlabel)
    ly = top + plot_h + 42
    body += [marker(label_w + 7, ly - 3, "D", colour=INK, size=3.2), text(label_w + 18, ly, names[2],
                                                                         size=7.5)]
    body += legend(label_w + 120, ly, [(gain, names[0]), (loss, names[1])])
    return svg(WIDTH, ly + 10, label, body, defs)


def stage_bands(ax: Axes, spans: Sequence[tuple[str, str, int, int]], *,
                numbers: dict[str, int], labels: bool = True) -> list[str]:
    """Alternate grey bands for the stages, each labelled above the plot: its name where
    the band is wide enough, else its number (the key in the caption names it)."""
    out = []
    for k, (sid, name, x0, x1) in enumerate(spans):
        a, b = ax.sx(x0), ax.sx(max(x1, x0 + 0.5))
        if k % 2 == 1:
            out.append(rect(a, ax.y0, b - a, ax.h, fill=GREY_BAND))
        if labels:
            shown = name if (b - a) >= len(name) * 4.2 else str(numbers.get(sid, ""))
            out.append(text((a + b) / 2, ax.y0 - 3, shown, size=6.5, anchor="middle",
                            colour="#333333"))
    return out


def runs_chart(runs: Sequence[tuple[str, Sequence[tuple[int, float]], Sequence[tuple[int, int]],
                                    Sequence[tuple[int, str]], Sequence[int]]], *,
               spans: Sequence[tuple[str, str, int, int]] | None, numbers: dict[str, int],
               floor: float, colours: Sequence[str], dashes: Sequence[str],
               shapes: Sequence[str], result_marks: dict[str, tuple[str, str]],
               label: str) -> str:
    """Credibility (top) and months left (bottom) against moves played, one line per run
    (label, credibility points, calendar points, decisions, hiatus moves); stage bands named
    or numbered; forum decisions marked above the top panel; the legitimacy floor dotted."""
    xmax = max([x for _, cred, cal, _, _ in runs for x, _ in list(cred) + list(cal)] + [1])
    top = Axes(60, 26, WIDTH - 76, 150, (-0.5, xmax + 0.5), (0, 1.1))
    months = max([m for run in runs for _, m in run[2]] + [1])
    bottom = Axes(60, 192, WIDTH - 76, 64, (-0.5, xmax + 0.5), (0, months * 1.05))
    body: list[str] = []
    if spans is not None:
        body += stage_bands(top, spans, numbers=numbers)
        body += stage_bands(bottom, spans, numbers=numbers, labels=False)
    body.append(line(top.x0, top.sy(floor), top.x0 + top.w, top.sy(floor), dash="1.5 1.5"))
    body.append(text(top.x0 + 4, top.sy(floor) + 9, f"legitimacy floor {floor:.2f}", size=6.5))
    for k, (_, cred, cal, decisions, hiatuses) in enumerate(runs):
        c, dash, shape = colours[k], dashes[k], shapes[k]
        pts = [(top.sx(x), top.sy(y)) for x, y in cred]
        body += [polyline(pts, colour=c, width=1.6, dash=dash)]
        body += [marker(x, y, shape, colour=c, size=2.4) for x, y in pts]
        steps: list[tuple[float, float]] = []
        for i, (x, m) in enumerate(cal):  # a step after each point: months left until the next
            steps.append((bottom.sx(x), bottom.sy(m)))
            if i + 1 < len(cal):
                steps.append((bottom.sx(cal[i + 1][0]), bottom.sy(m)))
        body.append(polyline(steps, colour=c, width=1.4, dash=dash))
        body += [marker(bottom.sx(x), bottom.sy(m), shape, colour=c, size=2.0) for x, m in cal]
        for x, result in decisions:
            mark, _ = result_marks.get(result, ("o", result))
            body.append(marker(top.sx(x), top.sy(1.04 + 0.06 * k), mark, colour=INK, size=3,
                               fill=INK if result == "passed" else "#ffffff"))
        for x in hiatuses:
            body.append(line(bottom.sx(x), bottom.y0, bottom.sx(x), bottom.y0 + bottom.h,
                             dash="4 2"))
            body.append(text(bottom.sx(x) + 2, bottom.y0 + 8, "hiatus", size=6.5))
    body += top.frame(yticks=[0, 0.2, 0.4, 0.6, 0.8, 1.0], yfmt="{:.1f}", ylabel="credibility")
    body += bottom.frame(xticks=integer_ticks(0, xmax, 9), yticks=integer_ticks(0, months, 3),
                         xlabel="moves played", ylabel="months left")
    height = bottom.y0 + bottom.h + 32
    if len(runs) > 1:
        for k, (name, *_) in enumerate(runs):
            x = 60 + k * 220
            body += [line(x, height + 2, x + 20, height + 2, colour=colours[k], width=1.6,
                          dash=dashes[k]), text(x + 26, height + 5, name, size=7.5)]
        height += 14
    return svg(WIDTH, height, label, body)


def scatter(groups: Sequence[tuple[str, str, str, Sequence[tuple[float, float, str]]]], *,
            label: str, xlabel: str, ylabel: str, xmax: float, numbered: bool,
            alpha: float = 1.0) -> str:
    """Points by group (name, colour, shape, points of x, y and a number); the legend beside
    the plot names each group with its size."""
    ax = Axes(60, 10, WIDTH - 290, 250, (0, xmax + 1), (0, 1.05))
    body: list[str] = []
    opacity = f'<g opacity="{alpha:g}">' if alpha < 1 else "<g>"
    for _, colour, shape, pts in groups:
        body.append(opacity + "".join(marker(ax.sx(x), ax.sy(y), shape, colour=colour, size=4)
                                      for x, y, _ in pts) + "</g>")
        if numbered:
            body += [text(ax.sx(x) + 5, ax.sy(y) - 4, n, size=7) for x, y, n in pts]
    for i, (name, colour, shape, pts) in enumerate(groups):
        y = 18 + i * 15
        body += [marker(WIDTH - 214, y - 3, shape, colour=colour, size=4),
                 text(WIDTH - 204, y, f"{name} ({len(pts)})", size=7.5)]
    body += ax.frame(xticks=integer_ticks(0, xmax + 1), yticks=[0, 0.2, 0.4, 0.6, 0.8, 1.0],
                     yfmt="{:.1f}", xlabel=xlabel, ylabel=ylabel)
    return svg(WIDTH, 300, label, body)

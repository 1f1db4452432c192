"""Debrief charts drawn with pygame: each stakeholder's stance over the game (from the
engine's per-round history) and the player's moves by family."""

from __future__ import annotations

import pygame
from faultlines.game.palette import ACCENT, BORDER, FAINT, FOCUS, MUTED, PANEL, PANEL_HI, TEXT
from faultlines.game.text import surname
from faultlines.game.widgets.shapes import dashed_line, draw_shape


def spread(ys: list[float], gap: float, lo: float, hi: float) -> list[float]:
    """Label positions near `ys` (sorted) at least `gap` apart, kept within lo..hi."""
    out: list[float] = []
    for y in ys:
        out.append(max(y, out[-1] + gap) if out else max(y, lo))
    over = out[-1] - hi if out else 0.0
    if over > 0:
        out = [y - over for y in out]
        for i in range(len(out) - 2, -1, -1):
            out[i] = min(out[i], out[i + 1] - gap)
    return out


def snapshot_x(history: list[dict], moves: int) -> float:
    """Where, on a chart with one point per snapshot, the game stood after `moves` moves
    (between the snapshots either side of it)."""
    xs = [int(h.get("moves", 0)) for h in history]
    for i in range(len(xs) - 1):
        if xs[i] <= moves < xs[i + 1]:
            return i + (moves - xs[i]) / (xs[i + 1] - xs[i])
    return float(len(xs) - 1 if xs and moves >= xs[-1] else 0)


def _mark_line(app, surface: pygame.Surface, x: float, top: int, bottom: int,
               label: str, right: float | None = None) -> None:
    """A dash-dot vertical line with a label (left of it if it would pass `right`): where
    two branches part."""
    px = app.px
    y = top
    while y < bottom:
        pygame.draw.line(surface, TEXT, (x, y), (x, min(bottom, y + px(6))), 2)
        pygame.draw.line(surface, TEXT, (x, min(bottom, y + px(9))),
                         (x, min(bottom, y + px(10))), 2)
        y += px(13)
    s = app.fonts.render(label, "semibold", app.fs(12), TEXT)
    r = s.get_rect(topleft=(x + px(4), top + px(2)))
    if right is not None and r.right > right:
        r.topright = (x - px(4), top + px(2))
    pygame.draw.rect(surface, PANEL, r.inflate(px(4), 0))
    surface.blit(s, r)


def stage_entries(log: dict) -> list[tuple[str, float]]:
    """Where on a snapshot chart each stage of a logged game began: the first snapshot's
    stage at 0, then each stage the engine's events say was entered, at the point of the
    move that opened it (a stage that began and ended between snapshots still shows)."""
    history = log.get("history") or []
    if not history:
        return []
    out = [(str(history[0]["stage"]), 0.0)]
    for e in log.get("events", []):
        if e.get("kind") == "stage" and e.get("data", {}).get("entered"):
            sid = str(e["data"]["entered"])
            x = snapshot_x(history, int(e.get("move", -1)) + 1)
            if sid != out[-1][0]:
                out.append((sid, max(x, out[-1][1])))
    return out


def stage_spans(history: list[dict], entries: list[tuple[str, float]] | None
                ) -> list[tuple[str, float, float]]:
    """(stage id, from, to) in snapshot units: from `entries` when given, else from the
    stages the snapshots were taken in."""
    n = len(history)
    if not entries:
        entries = []
        for i, h in enumerate(history):
            if not entries or h["stage"] != entries[-1][0]:
                entries.append((h["stage"], float(i)))
    return [(sid, a, entries[i + 1][1] if i + 1 < len(entries) else float(n - 1))
            for i, (sid, a) in enumerate(entries)]


def band_labels(app, bands: list[tuple[str, float, float]], left: float, right: float,
                size: int, rows: int = 2) -> list[tuple[str, float, int]]:
    """(text, x, row) naming each band, on `rows` alternating rows: each label as near its
    band's start as the others allow, between `left` and `right`, never touching the next
    label on its row; names are cut with an ellipsis only when a row cannot hold them all."""
    f, gap = app.fonts, app.px(8)
    out: list[tuple[str, float, int] | None] = [None] * len(bands)
    for row in range(rows):
        idx = list(range(row, len(bands), rows))
        if not idx:
            continue
        widths = [f.size(bands[i][0], "regular", size)[0] for i in idx]
        room = right - left - gap * (len(idx) - 1)
        cap = max(widths)
        if sum(widths) > room:  # the widest cut at which the row holds every name
            lo, hi = 1, cap
            while lo < hi:
                mid = (lo + hi + 1) // 2
                lo, hi = (mid, hi) if sum(min(w, mid) for w in widths) <= room else \
                    (lo, mid - 1)
            cap = lo
        texts = [bands[i][0] if w <= cap else f.ellipsize(bands[i][0], "regular", size, cap)
                 for i, w in zip(idx, widths, strict=True)]
        ws = [f.size(t, "regular", size)[0] for t in texts]
        xs: list[float] = []
        for i in idx:  # left to right: at the band, after the one before
            xs.append(max(bands[i][1], left, xs[-1] + ws[len(xs) - 1] + gap if xs else left))
        nxt = right + gap
        for j in range(len(xs) - 1, -1, -1):  # right to left: inside the chart
            xs[j] = max(left, min(xs[j], nxt - gap - ws[j]))
            nxt = xs[j]
        for i, t, x in zip(idx, texts, xs, strict=True):
            out[i] = (t, x, row)
    return [o for o in out if o is not None]


def stance_chart(app, surface: pygame.Surface, rect: pygame.Rect, history: list[dict],
                 people: list, stage_names: dict[str, str], highlight: str | None,
                 *, title: str = "Stance over time (true stances, revealed in the debrief)",
                 mark: tuple[float, str] | None = None,
                 entries: list[tuple[str, float]] | None = None
                 ) -> list[tuple[str, str, pygame.Rect]]:
    """Lines of stance (-1..1) per snapshot; stages as bands, each named (`entries`: where
    each began, see stage_entries); `highlight` in front; `mark`: a snapshot position (see
    snapshot_x) and its label, e.g. a branch point. Returns the stage labels drawn, as
    (stage id, text, rect)."""
    f, px, fs, pal = app.fonts, app.px, app.fs, app.palette
    drawn: list[tuple[str, str, pygame.Rect]] = []
    pygame.draw.rect(surface, PANEL, rect, border_radius=6)
    pygame.draw.rect(surface, BORDER, rect, 1, border_radius=6)
    title = f.render(f.ellipsize(title, "semibold", fs(15), rect.w - px(16)), "semibold",
                     fs(15), TEXT)
    surface.blit(title, (rect.x + px(8), rect.y + px(4)))
    lab = fs(12)
    lh = f.line_height("regular", lab)
    hint = f.render("Click the chart or press H to pick out one person's line.", "italic",
                    lab, MUTED)
    surface.blit(hint, (rect.x + px(8), rect.bottom - lh - px(4)))
    plot_h = rect.h - title.get_height() - lh * 3 - px(22)
    name_size = lab
    while name_size > 9 and f.line_height("regular", name_size) * len(people) > plot_h:
        name_size -= 1
    name_lh = f.line_height("regular", name_size)
    label_w = max(f.size(surname(p.name), "semibold", name_size)[0] for p in people) + \
        px(26) if people else px(70)
    p = pygame.Rect(rect.x + px(40), rect.y + title.get_height() + px(12),
                    rect.w - px(48) - label_w, plot_h)
    if len(history) < 2 or p.w < 20 or p.h < 20:
        s = f.render("Not enough rounds were played to draw a chart.", "italic", fs(14), MUTED)
        surface.blit(s, (rect.x + px(10), rect.y + px(40)))
        return drawn
    n = len(history)

    def X(i: float) -> float:
        return p.x + p.w * i / (n - 1)

    def Y(v: float) -> float:
        return p.y + p.h * (1 - (v + 1) / 2)
    # stage bands, shaded alternately, each named underneath
    spans = stage_spans(history, entries)
    labels = band_labels(app, [(stage_names.get(sid, sid), X(a), X(b)) for sid, a, b in spans],
                         rect.x + px(6), rect.right - px(6), lab)
    for band_no, ((sid, a, b), (text, lx, row)) in enumerate(zip(spans, labels, strict=True)):
        band = pygame.Rect(X(a), p.y, max(1, X(b) - X(a)), p.h)
        if band_no % 2 == 0:
            pygame.draw.rect(surface, PANEL_HI, band)
        s = f.render(text, "regular", lab, MUTED)
        surface.blit(s, (lx, p.bottom + px(2) + row * lh))
        drawn.append((sid, text, pygame.Rect(lx, p.bottom + px(2) + row * lh, s.get_width(),
                                             s.get_height())))
    for v, text in ((1, "+1"), (0, "0"), (-1, "\u22121")):
        y = Y(v)
        if v == 0:
            pygame.draw.line(surface, MUTED, (p.x, y), (p.right, y), 1)
        else:
            dashed_line(surface, BORDER, (p.x, y), (p.right, y), 1, 4, 4)
        s = f.render(text, "regular", lab, MUTED)
        surface.blit(s, s.get_rect(midright=(p.x - px(4), y)))
    if mark is not None:
        _mark_line(app, surface, X(mark[0]), p.y, p.bottom, mark[1], right=p.right)
    sup = f.render("supports", "italic", lab, FAINT)
    surface.blit(sup, (p.x + px(4), p.y + px(2)))
    opp = f.render("opposes", "italic", lab, FAINT)
    surface.blit(opp, opp.get_rect(bottomleft=(p.x + px(4), p.bottom - px(2))))
    order = sorted(range(len(people)), key=lambda i: people[i].id == highlight)
    ends: list[tuple[float, int, tuple]] = []
    for i in order:
        person = people[i]
        pts = [(X(k), Y(h["stances"][i])) for k, h in enumerate(history)
               if i < len(h.get("stances", []))]
        if len(pts) < 2:
            continue
        col = pal.sector_colour(person.sector)
        hi = person.id == highlight
        if highlight and not hi:
            col = tuple(int(c * 0.45 + PANEL[j] * 0.55) for j, c in enumerate(col))
        pygame.draw.lines(surface, col, False, pts, 4 if hi else 2)
        draw_shape(surface, pal.group(person.sector).shape, pts[-1], px(5), col, (0, 0, 0), 1)
        ends.append((pts[-1][1], i, col))
    # end labels spread so they do not overlap, with a leader to each line's end
    ends.sort()
    ys = spread([y for y, _, _ in ends], name_lh, p.y + name_lh / 2, p.bottom - name_lh / 2)
    for (y_end, i, col), y in zip(ends, ys, strict=True):
        person = people[i]
        hi = person.id == highlight
        s = f.render(surname(person.name), "semibold" if hi else "regular", name_size,
                     FOCUS if hi else MUTED if highlight else TEXT)
        x0 = p.right + px(8)
        pygame.draw.line(surface, col, (p.right + px(2), y_end), (x0 + px(8), y), 1)
        surface.blit(s, (x0 + px(12), y - name_lh / 2))
    return drawn


def family_bars(app, surface: pygame.Surface, rect: pygame.Rect,
                counts: list[tuple[str, int]]) -> None:
    f, px, fs = app.fonts, app.px, app.fs
    pygame.draw.rect(surface, PANEL, rect, border_radius=6)
    pygame.draw.rect(surface, BORDER, rect, 1, border_radius=6)
    title = f.render("Your moves by family", "semibold", fs(15), TEXT)
    surface.blit(title, (rect.x + px(8), rect.y + px(4)))
    size = fs(14)
    lh = f.line_height("regular", size) + px(4)
    y = rect.y + title.get_height() + px(10)
    top = max([n for _, n in counts] + [1])
    name_w = max([f.size(name, "regular", size)[0] for name, _ in counts] + [10]) + px(10)
    bar_w = rect.w - name_w - px(60)
    for name, n in counts:
        if y + lh > rect.bottom:
            break
        s = f.render(name, "regular", size, TEXT)
        surface.blit(s, (rect.x + px(8), y))
        r = pygame.Rect(rect.x + px(8) + name_w, y + px(3), max(2, round(bar_w * n / top)),
                        lh - px(8))
        pygame.draw.rect(surface, app.palette.support, r, border_radius=3)
        c = f.render(str(n), "semibold", size, TEXT)
        surface.blit(c, (r.right + px(6), y))
        y += lh


def credibility_chart(app, surface: pygame.Surface, rect: pygame.Rect, history: list[dict],
                      floor: float, *, mark: tuple[float, str] | None = None) -> None:
    """The director's credibility per snapshot (0..1), with the legitimacy floor dashed:
    below it a plan pushed through has its legitimacy damaged."""
    f, px, fs = app.fonts, app.px, app.fs
    pygame.draw.rect(surface, PANEL, rect, border_radius=6)
    pygame.draw.rect(surface, BORDER, rect, 1, border_radius=6)
    ys = [float(h["credibility"]) for h in history]
    end = f"{ys[-1]:.2f}" if ys else "?"
    title = f.render(f.ellipsize(f"Credibility: {end} at the end (legitimacy floor "
                                 f"{floor:.2f}, dashed)", "semibold", fs(14),
                                 rect.w - px(16)), "semibold", fs(14), TEXT)
    surface.blit(title, (rect.x + px(8), rect.y + px(3)))
    lab = fs(12)
    p = pygame.Rect(rect.x + px(34), rect.y + title.get_height() + px(8), rect.w - px(48),
                    rect.h - title.get_height() - px(14))
    if len(ys) < 2 or p.h < 8:
        return
    n = len(ys)

    def X(i: float) -> float:
        return p.x + p.w * i / (n - 1)

    def Y(v: float) -> float:
        return p.bottom - p.h * max(0.0, min(1.0, v))
    for v in (0.0, 1.0):
        s = f.render(f"{v:.0f}", "regular", lab, MUTED)
        surface.blit(s, s.get_rect(midright=(p.x - px(4), Y(v))))
    pygame.draw.line(surface, BORDER, (p.x, Y(0)), (p.right, Y(0)), 1)
    dashed_line(surface, app.palette.oppose, (p.x, Y(floor)), (p.right, Y(floor)), 1, 5, 4)
    if mark is not None:
        _mark_line(app, surface, X(mark[0]), p.y, p.bottom, "")
    pts = [(X(i), Y(v)) for i, v in enumerate(ys)]
    pygame.draw.lines(surface, ACCENT, False, pts, 3)
    for pt in pts:
        pygame.draw.circle(surface, ACCENT, pt, px(3))

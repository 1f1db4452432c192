"""Where the stakeholder map puts its markers and name labels so that none overlap.

Two small, pure steps (no drawing, no game rules), so a test can measure the layout:
`spread` nudges markers apart that would sit on top of each other (mostly up and down, so a
marker stays over its stance), and `place_labels` finds each name a spot beside its marker
that touches no marker and no other label, further out with a leader line when crowded.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pygame

Point = tuple[float, float]

SPREAD_ROUNDS = 150  # relaxation rounds; 13 markers usually settle in far fewer, but a crowded
# corner at Classroom size (Willow, tests/test_map_layout.py) needed 120
LABEL_RINGS = 12  # how far out (in steps) a crowded label may go, with a leader line
SIDEWAYS_COST = 3.0  # early rounds push sideways (off a marker's stance) only if 3x cheaper


def spread(points: Sequence[Point], gap: float | Sequence[float], bounds: pygame.Rect
           ) -> list[Point]:
    """Points moved apart until the squares centred on them (of side `gap`, or of side
    `gap[i]` each) no longer overlap (or the rounds run out), each staying inside `bounds`. A pair is pushed apart up and
    down while that is the cheaper way (a marker then stays over its stance); later rounds
    also push sideways, for when a column is full. Deterministic."""
    pts = [[float(x), float(y)] for x, y in points]
    half = [g / 2 for g in gap] if isinstance(gap, Sequence) else [gap / 2] * len(pts)
    for n in range(SPREAD_ROUNDS):
        moved = False
        sideways_cost = SIDEWAYS_COST if n < SPREAD_ROUNDS // 2 else 1.0
        for i in range(len(pts)):
            for j in range(i + 1, len(pts)):
                dx, dy = pts[j][0] - pts[i][0], pts[j][1] - pts[i][1]
                room = half[i] + half[j]
                need_x, need_y = room - abs(dx), room - abs(dy)
                if need_x <= 0 or need_y <= 0:
                    continue
                moved = True
                sign = 1.0 if dy > 0 or (dy == 0 and j > i) else -1.0
                upper, lower = (pts[i], pts[j]) if sign > 0 else (pts[j], pts[i])
                blocked = upper[1] <= bounds.top + 0.5 and lower[1] >= bounds.bottom - 0.5 \
                    or (n >= SPREAD_ROUNDS // 2 and (upper[1] <= bounds.top + 0.5 or
                                                     lower[1] >= bounds.bottom - 0.5))
                if need_y <= need_x * sideways_cost and not blocked:
                    _apart(upper, lower, 1, need_y / 2 + 0.5, bounds.top, bounds.bottom)
                else:
                    side = 1.0 if dx > 0 or (dx == 0 and j > i) else -1.0
                    left, right = (pts[i], pts[j]) if side > 0 else (pts[j], pts[i])
                    _apart(left, right, 0, need_x / 2 + 0.5, bounds.left, bounds.right)
        for p in pts:
            p[0] = min(max(p[0], bounds.left), bounds.right)
            p[1] = min(max(p[1], bounds.top), bounds.bottom)
        if not moved:
            break
    return [(p[0], p[1]) for p in pts]


def _apart(low: list[float], high: list[float], axis: int, half: float, lo: float,
           hi: float) -> None:
    """Move `low` towards `lo` and `high` towards `hi` by `half` each; a point held by the
    edge passes its share to the other, so a pair in a corner still comes apart (clamping
    each half alone undid the push every round)."""
    down, up = min(half, max(0.0, low[axis] - lo)), min(half, max(0.0, hi - high[axis]))
    down, up = (min(down + half - up, max(0.0, low[axis] - lo)),
                min(up + half - down, max(0.0, hi - high[axis])))
    low[axis] -= down
    high[axis] += up


def _candidates(cx: float, cy: float, w: int, h: int, r: float, step: float,
                rings: int) -> list[tuple[float, float, bool]]:
    """Top-left corners to try for a w x h label around a marker of radius r: the eight
    places beside it first, then rings further out (those need a leader line)."""
    out: list[tuple[float, float, bool]] = []
    g = r + 3
    near = [(cx + g, cy - h / 2), (cx - g - w, cy - h / 2), (cx - w / 2, cy - g - h),
            (cx - w / 2, cy + g), (cx + g, cy - h), (cx + g, cy),
            (cx - g - w, cy - h), (cx - g - w, cy)]
    out += [(x, y, False) for x, y in near]
    for ring in range(1, rings + 1):
        d = g + step / 2 + ring * step
        n = 8 + 4 * ring
        for k in range(n):
            a = 2 * math.pi * k / n
            x = cx + d * math.cos(a)
            y = cy + d * math.sin(a)
            # the label's nearest edge at distance d from the marker's centre
            lx = x if math.cos(a) >= 0 else x - w
            ly = y - h / 2
            out.append((lx, ly, True))
    return out


def place_labels(anchors: Sequence[Point], sizes: Sequence[tuple[int, int]],
                 obstacles: Sequence[pygame.Rect], bounds: pygame.Rect, radius: float,
                 step: float) -> list[tuple[pygame.Rect, bool]]:
    """A rect for each label (anchors in priority order) inside `bounds`, overlapping no
    obstacle (the markers) and no label placed before it, and whether it needs a leader
    line. When no free spot exists, the spot overlapping least is used."""
    placed: list[pygame.Rect] = []
    out: list[tuple[pygame.Rect, bool]] = []
    for (cx, cy), (w, h) in zip(anchors, sizes, strict=True):
        best: tuple[float, pygame.Rect, bool] | None = None
        for x, y, far in _candidates(cx, cy, w, h, radius, step, rings=LABEL_RINGS):
            rect = pygame.Rect(round(x), round(y), w, h)
            if not bounds.contains(rect):
                continue
            clash = sum(_area(rect, o) for o in obstacles) + sum(_area(rect, o) for o in placed)
            if clash == 0:
                best = (0, rect, far)
                break
            if best is None or clash < best[0]:
                best = (clash, rect, far)
        if best is not None and best[0] > 0:  # crowded: any free spot, the nearest first
            spot = _nearest_free(cx, cy, w, h, bounds, list(obstacles) + placed,
                                 max(2, h // 2))
            if spot is not None:
                best = (0, spot, True)
        if best is None:
            rect = pygame.Rect(round(cx + radius), round(cy - h / 2), w, h)
            rect.clamp_ip(bounds)
            best = (1, rect, True)
        placed.append(best[1])
        out.append((best[1], best[2]))
    return out


def _nearest_free(cx: float, cy: float, w: int, h: int, bounds: pygame.Rect,
                  taken: list[pygame.Rect], step: int) -> pygame.Rect | None:
    """The free w x h spot inside `bounds` nearest the point, on a grid of `step`."""
    spots = [pygame.Rect(x, y, w, h) for y in range(bounds.top, bounds.bottom - h + 1, step)
             for x in range(bounds.left, bounds.right - w + 1, step)]
    spots.sort(key=lambda r: (r.centerx - cx) ** 2 + (r.centery - cy) ** 2)
    return next((r for r in spots if r.collidelist(taken) < 0), None)


def _area(a: pygame.Rect, b: pygame.Rect) -> int:
    c = a.clip(b)
    return c.w * c.h


def overlaps(rects: Sequence[pygame.Rect]) -> list[tuple[int, int]]:
    """Pairs of rects that overlap (for tests and the benchmark)."""
    return [(i, j) for i in range(len(rects)) for j in range(i + 1, len(rects))
            if rects[i].colliderect(rects[j])]


__all__ = ["overlaps", "place_labels", "spread"]

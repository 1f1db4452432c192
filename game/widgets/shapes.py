"""Marker shapes for sectors (shape carries the sector as well as colour does)."""

from __future__ import annotations

import math

import pygame

Point = tuple[float, float]


def polygon(shape: str, cx: float, cy: float, r: float) -> list[Point] | None:
    """Vertices of a marker shape of radius r, or None for a circle."""
    def ring(n: int, start: float, rad: float = r) -> list[Point]:
        return [(cx + rad * math.cos(start + 2 * math.pi * k / n),
                 cy + rad * math.sin(start + 2 * math.pi * k / n)) for k in range(n)]

    if shape == "square":
        s = r * 0.86
        return [(cx - s, cy - s), (cx + s, cy - s), (cx + s, cy + s), (cx - s, cy + s)]
    if shape == "diamond":
        return ring(4, -math.pi / 2, r * 1.12)
    if shape == "triangle":
        return ring(3, -math.pi / 2, r * 1.18)
    if shape == "triangle_down":
        return ring(3, math.pi / 2, r * 1.18)
    if shape == "hexagon":
        return ring(6, 0.0, r * 1.02)
    if shape == "pentagon":
        return ring(5, -math.pi / 2, r * 1.05)
    if shape == "star":
        pts = []
        for k in range(10):
            rad = r * 1.15 if k % 2 == 0 else r * 0.55
            a = -math.pi / 2 + math.pi * k / 5
            pts.append((cx + rad * math.cos(a), cy + rad * math.sin(a)))
        return pts
    return None


def draw_shape(surface: pygame.Surface, shape: str, centre: Point, r: float,
               fill, outline, width: int = 2) -> None:
    cx, cy = centre
    pts = polygon(shape, cx, cy, r)
    if pts is None:
        pygame.draw.circle(surface, fill, (round(cx), round(cy)), round(r))
        if width:
            pygame.draw.circle(surface, outline, (round(cx), round(cy)), round(r), width)
        return
    pygame.draw.polygon(surface, fill, pts)
    if width:
        pygame.draw.polygon(surface, outline, pts, width)


def dashed_line(surface: pygame.Surface, colour, a: Point, b: Point, width: int = 2,
                dash: float = 8.0, gap: float = 6.0) -> None:
    (x1, y1), (x2, y2) = a, b
    length = math.hypot(x2 - x1, y2 - y1)
    if length < 1:
        return
    dx, dy = (x2 - x1) / length, (y2 - y1) / length
    pos = 0.0
    while pos < length:
        end = min(pos + dash, length)
        pygame.draw.line(surface, colour, (x1 + dx * pos, y1 + dy * pos),
                         (x1 + dx * end, y1 + dy * end), width)
        pos = end + gap


def dashed_circle(surface: pygame.Surface, colour, centre: Point, r: float,
                  width: int = 2, segments: int = 16) -> None:
    cx, cy = centre
    for k in range(segments):
        a0 = 2 * math.pi * k / segments
        a1 = a0 + math.pi / segments
        pts = [(cx + r * math.cos(a0 + (a1 - a0) * t / 4), cy + r * math.sin(a0 + (a1 - a0) * t / 4))
               for t in range(5)]
        pygame.draw.lines(surface, colour, False, pts, width)

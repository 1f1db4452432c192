"""The stakeholder map's layout, measured: in every shipped case at every text size, in the
1280x720 window, no name label overlaps another label or any marker (with its ring and
badges), no two markers overlap, everything stays inside the plot; names can be clicked;
sector codes and badges are big enough to read at Classroom size. Driven through the real
window (dummy SDL drivers)."""

from __future__ import annotations

import json

import pygame
import pytest
from faultlines.engine.simulate import simulate
from faultlines.game.paths import catalogue
from faultlines.game.settings import TEXT_SIZES
from faultlines.game.widgets.map_layout import overlaps, place_labels, spread

from tests.window_kit import headless, open_app

pytestmark = pytest.mark.filterwarnings("ignore:Finding font with id")
CASES = catalogue().ids()
SIZES = range(len(TEXT_SIZES))


@pytest.fixture(scope="module")
def logs():
    return {ref: simulate(ref, "skilled", 1, 4, keep_logs=True)["logs"][0] for ref in CASES}


def table_at(tmp_path, ref: str, size: int, window: tuple[int, int] = (1280, 720)):
    from faultlines.game.scenes.table import TableScene

    headless(tmp_path)
    app = open_app(text_size=size, size=window)
    app.start_new(ref, seed=5)
    app.switch(TableScene(app))
    app.pump(2)
    return app


def assert_clean(m, where: str) -> None:
    labels = list(m.label_rects.values())
    markers = list(m.marker_rects.values())
    plot = m.plot_rect()
    assert len(labels) == len(m.people) == len(markers)
    assert not overlaps(labels), f"{where}: labels overlap"
    assert not overlaps(markers), f"{where}: markers overlap"
    for sid, lab in m.label_rects.items():
        hit = [o for o, r in m.marker_rects.items() if r.colliderect(lab)]
        assert not hit, f"{where}: {sid}'s name covers the marker of {hit}"
        assert plot.contains(lab), f"{where}: {sid}'s name leaves the map"
    for sid, r in m.marker_rects.items():
        assert plot.contains(r), f"{where}: {sid}'s marker leaves the map"


@pytest.mark.parametrize("ref", CASES)
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("window", [(1280, 720), (960, 600)])
def test_the_tables_map_has_no_overlaps(tmp_path, ref, size, window):
    """At 1280x720, and in the smallest window (where a crowded map shrinks its markers
    and names rather than pile them up)."""
    app = table_at(tmp_path, ref, size, window)
    try:
        assert_clean(app.top.map, f"{ref} at {TEXT_SIZES[size][0]} in {window}")
        if window == (1280, 720):
            assert app.top.map.fit() == 1.0  # full size where the projector needs it
    finally:
        app.close()


@pytest.mark.parametrize("ref", CASES)
def test_the_replays_map_has_no_overlaps_as_the_game_goes_on(tmp_path, logs, ref):
    from faultlines.game.logged_game import LoggedGame

    headless(tmp_path)
    path = tmp_path / "game.json"
    path.write_text(json.dumps(logs[ref]))
    for size in SIZES:
        app = open_app(text_size=size)
        try:
            logged = LoggedGame.from_file(path)
            for k in sorted({0, logged.n // 3, 2 * logged.n // 3, logged.n}):
                app.open_replay(logged, at=k)
                app.pump(2)
                assert_clean(app.top.map, f"{ref} move {k} at {TEXT_SIZES[size][0]}")
        finally:
            app.close()


def test_markers_use_the_maps_height(tmp_path):
    """Partners of middling influence are spread over the map, not piled in a corner."""
    app = table_at(tmp_path, "oak", 0)
    try:
        m = app.top.map
        ys = [y for _, y in m.pos.values()]
        assert max(ys) - min(ys) >= 0.6 * m.plot_rect().h
    finally:
        app.close()


def test_a_name_label_can_be_clicked(tmp_path):
    from faultlines.game.driver import Driver

    app = table_at(tmp_path, "elm", 2)
    try:
        m, scene = app.top.map, app.top
        for sid, rect in m.label_rects.items():
            if sid == scene.selected or any(r.collidepoint(rect.center)
                                            for r in m.marker_rects.values()):
                continue
            Driver(app).click(rect.center)
            assert scene.selected == sid
            break
        else:
            raise AssertionError("no label to click")
    finally:
        app.close()


def test_the_hover_card_goes_when_the_mouse_leaves(tmp_path):
    app = table_at(tmp_path, "tutorial", 0)
    try:
        m = app.top.map
        sid, (x, y) = next(iter(m.pos.items()))
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=(int(x), int(y)),
                                             rel=(0, 0), buttons=(0, 0, 0)))
        app.pump(2)
        assert m.hovered == sid
        pygame.event.post(pygame.event.Event(pygame.WINDOWLEAVE))
        app.pump(2)
        assert m.hovered is None
    finally:
        app.close()


def test_codes_and_badges_are_legible_at_classroom_size(tmp_path):
    app = table_at(tmp_path, "elm", 2)
    try:
        m = app.top.map
        for person in m.people:
            code = m.code_surface(person, (255, 255, 255)).get_bounding_rect()
            assert code.h >= 13, (person.sector, code)
        for glyph in ("\u2298", "\u2605", "\u26ad"):
            badge = m.badge_surface(glyph).get_bounding_rect()
            assert max(badge.w, badge.h) >= 14, (glyph, badge)
    finally:
        app.close()


def test_spread_and_place_labels_on_a_pile():
    """Eight markers on one spot come apart, and every label finds a free place."""
    bounds = pygame.Rect(0, 0, 400, 300)
    pts = spread([(100.0, 250.0)] * 8, 40, bounds.inflate(-40, -40))
    markers = [pygame.Rect(x - 18, y - 18, 36, 36) for x, y in pts]
    assert not overlaps(markers)
    spots = place_labels(pts, [(70, 20)] * 8, markers, bounds, 18, 12)
    labels = [r for r, _ in spots]
    assert not overlaps(labels)
    assert not any(lab.colliderect(mk) for lab in labels for mk in markers)


def test_a_crowded_corner_still_comes_apart():
    """Big markers pressed into the corner by others: the edge used to undo half of each
    push, and 60 rounds were not enough to settle them."""
    bounds = pygame.Rect(95, 227, 557, 213)
    # Willow's stances at one point of a replay, at Classroom size (where it happened)
    points = [(393, 258), (392, 258), (389, 279), (540, 323), (636, 366), (464, 409),
              (546, 323), (494, 236), (520, 344), (544, 409), (554, 431), (577, 388),
              (420, 388)]
    gaps = [59, 59, 59, 59, 79, 59, 59, 59, 59, 79, 79, 59, 59]
    out = spread(points, gaps, bounds)
    rects = [pygame.Rect(0, 0, g, g) for g in gaps]
    for r, (x, y) in zip(rects, out, strict=True):
        r.center = (round(x), round(y))
    assert not overlaps(rects)
    assert all(bounds.left <= x <= bounds.right and bounds.top <= y <= bounds.bottom
               for x, y in out)

"""The window at the sizes and text sizes it accepts: a whole game played by keys at the
minimum size at every text size (and at the default size with Classroom text), with every
overlay opened on the way, never crashes and never lays parts of the table over each other.
A window made smaller than the minimum is set back to it.

(`python bench/ui_bench.py --size WxH --text-size N` plays every case at any size.)
"""

from __future__ import annotations

import numpy as np
import pygame
import pytest
from faultlines.engine.bots import POLICIES, decide

from tests.window_kit import headless, open_app

pytestmark = pytest.mark.filterwarnings("ignore:Finding font with id")


def table_parts(table) -> dict[str, pygame.Rect]:
    parts = {"top bar": table.top_rect, "map": table.map.rect,
             "situation": table.situation_box.rect, "status": table.status_rect}
    if table.wide:
        parts.update(card=table.card_box.rect, moves=table.palette.rect,
                     transcript=table.transcript_box.rect)
    else:
        parts["side panel"] = table.card_box.rect
    return parts


def check_layout(app) -> None:
    table = app.top
    w, h = app.size
    window = pygame.Rect(0, 0, w, h)
    parts = table_parts(table)
    for name, r in parts.items():
        assert window.contains(r), f"{name} {r} leaves the {w}x{h} window"
        assert r.h > 0 and r.w > 0, f"{name} has no room at {w}x{h}"
    names = list(parts)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            assert not parts[a].colliderect(parts[b]), f"{a} overlaps {b} at {w}x{h}"
    # the moves: at least two rows of buttons, the text panels at least two lines
    lh = table.card_box.line_h
    assert table.palette.rect.h >= 2 * lh and table.card_box.view_h >= 2 * lh
    assert table.situation_box.view_h >= lh


def play_by_keys(app, case: str, seed: int = 3) -> int:
    from faultlines.game.driver import Driver
    from faultlines.game.scenes.table import TableScene

    d = Driver(app)
    app.show_title()  # the screens before the table, each opened by its key
    d.pump(2)
    for key in (pygame.K_s, pygame.K_F1):
        d.key(key)
        d.key(pygame.K_PAGEDOWN)
        d.key(pygame.K_ESCAPE)
    d.key(pygame.K_n)
    assert type(app.top).__name__ == "NewGameScene"
    app.start_new(case, seed=seed)
    d.pump(2)
    d.key(pygame.K_PAGEDOWN)
    d.click_button("begin")
    rng = np.random.default_rng(seed)
    played = 0
    while not app.session.over and played < 150:
        d.continue_overlays()
        if not isinstance(app.top, TableScene):
            break
        check_layout(app)
        move = decide(app.session.table, POLICIES["skilled"], rng)
        before = app.session.changes
        d.play(move, by_key=True)
        assert app.session.changes == before + 1, f"{move!r} was not played"
        played += 1
        if played % 6 == 0 and isinstance(app.top, TableScene):
            for key in (pygame.K_p, pygame.K_l, pygame.K_F1):
                d.key(key)
                d.key(pygame.K_PAGEDOWN)
                d.key(pygame.K_ESCAPE)
            for tab in (pygame.K_2, pygame.K_3, pygame.K_1):
                d.key(tab)
                d.key(pygame.K_PAGEDOWN)
    d.continue_overlays()
    return played


@pytest.mark.parametrize("size,text_size", [((960, 600), 0), ((960, 600), 1),
                                            ((960, 600), 2), ((1280, 720), 2)])
def test_a_whole_game_at_every_text_size_and_the_minimum_size(tmp_path, size, text_size):
    headless(tmp_path)
    app = open_app(size=size, text_size=text_size)
    try:
        assert app.size == size
        played = play_by_keys(app, "elm")
        assert app.session.over and played > 10
        assert type(app.top).__name__ == "OutcomeScene"
        from faultlines.game.driver import Driver

        Driver(app).click_button("debrief")
        Driver(app).key(pygame.K_PAGEDOWN)
        assert type(app.top).__name__ == "DebriefScene"
    finally:
        app.close()


def test_a_window_smaller_than_the_minimum_is_set_back_to_it(tmp_path):
    from faultlines.game.app import MIN_SIZE
    from faultlines.game.driver import Driver

    headless(tmp_path)
    app = open_app(size=(640, 400), text_size=2)
    try:
        assert app.size == MIN_SIZE
        d = Driver(app)
        app.start_new("elm", seed=3)
        d.pump(2)
        d.click_button("begin")
        app.window = pygame.display.set_mode((700, 300), pygame.RESIZABLE)
        pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=700, h=300, size=(700, 300)))
        d.pump(2)
        assert app.size == MIN_SIZE
        check_layout(app)
        d.play("one_to_one", by_key=True, target="teaching")
        assert len(app.session.table.moves) == 1
    finally:
        app.close()


@pytest.mark.parametrize("text_size", [0, 2])
def test_the_replays_tab_labels_fit_in_the_smallest_window(tmp_path, text_size):
    """At large text the replay's side panel is tabs; in the smallest window a label that
    does not fit drops its key hint rather than being cut mid-word."""
    import json

    from faultlines.engine.simulate import simulate
    from faultlines.game.logged_game import LoggedGame

    headless(tmp_path)
    path = tmp_path / "g.json"
    path.write_text(json.dumps(simulate("elm", "skilled", 1, 4, keep_logs=True)["logs"][0]))
    app = open_app(text_size=text_size, size=(960, 600))
    try:
        app.open_replay(LoggedGame.from_file(path), at=3)
        app.pump(2)
        tabs = {k: b for k, b in app.top.buttons.items() if k.startswith("tab:")}
        for key, b in tabs.items():
            width = app.fonts.size(b.text, "regular", app.fs(16))[0]
            assert width + app.px(8) <= b.rect.w, (key, b.text)
        if tabs:
            assert {b.text.split(" (")[0] for b in tabs.values()} == {"Moves", "Card", "This move"}
    finally:
        app.close()

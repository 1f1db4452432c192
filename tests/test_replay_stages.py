"""The replay window files every move under the stage it was played in (a briefing's last
move under the Briefing, a Board decision under the Board), and says so in its status line,
in the scenario's own stage names. Driven through the real window (dummy SDL drivers).
"""

from __future__ import annotations

import json

import pygame
import pytest
from faultlines.engine.case import load_case
from faultlines.engine.table import Table

from tests.window_kit import headless, open_app

pytestmark = pytest.mark.filterwarnings("ignore:Finding font with id")


@pytest.fixture(scope="module")
def sim_log():
    from faultlines.engine.simulate import simulate

    log = simulate("elm", "skilled", 1, 5, keep_logs=True)["logs"][0]
    assert log["outcome"] and len(log["moves"]) >= 8
    return log


@pytest.fixture
def replay(tmp_path, sim_log):
    from faultlines.game.driver import Driver
    from faultlines.game.logged_game import LoggedGame

    headless(tmp_path)
    app = open_app()
    path = tmp_path / "game.json"
    path.write_text(json.dumps(sim_log))
    app.open_replay(LoggedGame.from_file(path), at=0)
    Driver(app).pump(2)
    yield app
    app.close()


def heading_of(scene, k: int) -> str:
    """The stage heading the move list shows step k under."""
    return [sid for step, sid in scene.list_heads if step <= k][-1]


def test_each_move_is_listed_under_the_stage_it_was_played_in(replay, sim_log):
    case = load_case("elm")
    scene = replay.top
    n = len(sim_log["moves"])
    changed = 0
    for k in range(1, n + 1):
        before = Table.replayed(case, sim_log, upto=k - 1).view.stage
        after = Table.replayed(case, sim_log, upto=k).view
        assert heading_of(scene, k) == before, f"move {k}"
        changed += after.stage != before
    assert changed >= 2  # the game did move on from stage to stage
    # headings follow the list from top to bottom, one per stretch of play
    steps = [step for step, _ in scene.list_heads]
    assert steps == sorted(steps) and len(set(steps)) == len(steps)


def test_a_decision_is_listed_under_the_forum_that_decided(replay, sim_log):
    scene = replay.top
    decisions = [e for e in sim_log["events"] if e["kind"] == "decision"]
    assert decisions
    for e in decisions:
        assert heading_of(scene, e["move"] + 1) == e["data"]["stage"]


def test_status_line_names_the_stage_of_the_move_then_where_the_game_went(replay, sim_log):
    case = load_case("elm")
    app = replay
    scene = app.top
    names = {s.id: s.name for s in case.scenario.stages}
    for k in range(1, len(sim_log["moves"]) + 1):
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RIGHT, mod=0,
                                             unicode="", scancode=0))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=pygame.K_RIGHT, mod=0,
                                             scancode=0))
        app.pump(2)
        assert scene.k == k
        before = Table.replayed(case, sim_log, upto=k - 1).view
        after = Table.replayed(case, sim_log, upto=k).view
        head, _ = scene.where_text()
        assert head.startswith(f"Move {k} of {len(sim_log['moves'])} \u00b7 "
                               f"{names[before.stage]}, round {before.round}"), head
        if after.outcome is None and after.stage != before.stage:
            assert head.endswith(f"\u2192 {names[after.stage]}, round {after.round}"), head


@pytest.mark.parametrize("size", [0, 2])
def test_the_timeline_names_every_stretch_of_the_game(tmp_path, sim_log, size):
    from faultlines.game.logged_game import LoggedGame

    headless(tmp_path)
    app = open_app(text_size=size)
    try:
        path = tmp_path / "game.json"
        path.write_text(json.dumps(sim_log))
        app.open_replay(LoggedGame.from_file(path), at=3)
        app.pump(2)
        scene = app.top
        names = {s.id: s.name for s in scene.logged.case.scenario.stages}
        spans = scene.logged.spans
        labels = scene.timeline.labels
        assert len(labels) == len(spans) >= 3
        f, fs = app.fonts, app.fs(13)
        rects = []
        for (sid, _, _), (text, x, _) in zip(spans, labels, strict=True):
            kept = text.rstrip("\u2026")
            assert names[sid].startswith(kept) and len(kept) >= min(4, len(names[sid])), text
            rects.append(pygame.Rect(round(x), 0, f.size(text, "regular", fs)[0], 10))
        assert all(not a.colliderect(b) for i, a in enumerate(rects) for b in rects[i + 1:])
    finally:
        app.close()

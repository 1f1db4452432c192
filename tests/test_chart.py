"""The window's charts name every stage a game went through, in the scenario's own words,
with labels that stay inside the chart and never overlap; and the stage bar uses the
scenario's stage names. Drawn on an off-screen surface (dummy SDL drivers)."""

from __future__ import annotations

import pygame
import pytest
from faultlines.engine.case import load_case
from faultlines.engine.simulate import simulate
from faultlines.game.paths import catalogue
from faultlines.game.settings import TEXT_SIZES
from faultlines.game.widgets.chart import stage_entries, stance_chart

from tests.window_kit import headless, open_app

pytestmark = pytest.mark.filterwarnings("ignore:Finding font with id")
CASES = catalogue().ids()


@pytest.fixture(scope="module")
def logs():
    """A finished game per shipped case, played by the research-style bot."""
    return {ref: simulate(ref, "skilled", 1, 7, keep_logs=True)["logs"][0] for ref in CASES}


@pytest.fixture
def window(tmp_path):
    headless(tmp_path)
    app = open_app()
    yield app
    app.close()


@pytest.mark.parametrize("ref", CASES)
def test_every_stage_of_the_game_is_named_under_the_stance_chart(window, logs, ref):
    app = window
    log, case = logs[ref], load_case(ref)
    names = {s.id: s.name for s in case.scenario.stages}
    entries = stage_entries(log)
    visited = [sid for sid, _ in entries]
    assert len(visited) >= 3, visited
    for size in range(len(TEXT_SIZES)):
        app.settings.text_size = size
        for w in (520, 900):  # the debrief's chart column in the smallest window, and wider
            rect = pygame.Rect(10, 10, w, 420)
            surface = pygame.Surface((w + 20, 440))
            people = Table_people(case, log)
            drawn = stance_chart(app, surface, rect, log["history"], people, names, None,
                                 entries=entries)
            assert [sid for sid, _, _ in drawn] == visited
            for sid, text, r in drawn:
                full = names[sid]
                kept = text.rstrip("\u2026")
                assert len(kept) >= min(4, len(full)) and full.startswith(kept), (text, full)
                assert rect.left <= r.left and r.right <= rect.right + 1, (text, r, rect)
            for i, (_, t1, r1) in enumerate(drawn):
                for _, t2, r2 in drawn[i + 1:]:
                    assert not r1.colliderect(r2), (t1, t2, size, w)
    app.settings.text_size = 0


def Table_people(case, log):
    from faultlines.engine.table import Table

    return Table.replayed(case, log).view.people


def reaching(ref: str, stage: str, seeds: range = range(1, 40)) -> dict:
    """The first research-style game (by seed) that gets as far as `stage`."""
    for seed in seeds:
        log = simulate(ref, "skilled", 1, seed, keep_logs=True)["logs"][0]
        if stage in {sid for sid, _ in stage_entries(log)}:
            return log
    raise AssertionError(f"no skilled {ref} game reached {stage}")


def test_the_consultation_is_labelled_on_the_debriefs_chart(tmp_path):
    from faultlines.engine.table import Table
    from faultlines.game.scenes.debrief import DebriefScene
    from faultlines.game.session import Session

    log = reaching("elm", "consultation")
    headless(tmp_path)
    app = open_app(text_size=2)
    try:
        table = Table.replayed(load_case("elm"), log)
        assert table.over
        app.session = Session(table, scenario_ref="elm", store=app.store,
                              log_place=app.log_place)
        app.switch(DebriefScene(app))
        app.pump(2)
        stages = {sid for sid, _ in stage_entries(app.top.log)}
        labelled = {sid for sid, _, _ in app.top.stage_labels}
        assert "consultation" in stages and labelled == stages
    finally:
        app.close()


def test_the_stage_bar_uses_the_scenarios_own_names(window):
    from faultlines.game.widgets.tracker import TopBar

    app = window
    app.settings.text_size = 2
    app.start_new("elm", seed=3)
    v = app.session.view
    bar = TopBar(app)
    names = {s["id"]: s["name"] for s in v.stages}
    for width in (2000, 700, 400):
        shown = bar._stage_names(v, width)
        for s, text in zip(v.stages, shown, strict=True):
            if s["id"] == v.stage or width == 2000:
                assert text == names[s["id"]]
            else:
                assert names[s["id"]].startswith(text.rstrip("\u2026")) and len(text) >= 4
    app.settings.text_size = 0

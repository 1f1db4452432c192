"""Shared set-up for the analysis board's window tests: a short game with a blunder, its
analysis at a tiny size kept as a finished background job keeps it, the board opened by key."""

from __future__ import annotations

import pygame
import pytest
from faultlines.engine.analysis.board import analyse_game
from faultlines.engine.analysis.rollouts import Rollouts
from faultlines.engine.case import load_case
from faultlines.engine.table import Table
from faultlines.game.analysis_cache import store

SMALL = (16, 0)  # rollouts per position and screening: tiny, so the tests stay quick


def short_game() -> Table:
    """Elm, seed 11: a challenge to a supporter (a blunder here), then two more moves."""
    t = Table.open(load_case("elm"), seed=11)
    t.choose("challenge", target="ambulance")
    t.choose("end_round")
    t.choose("challenge", target="teaching")
    return t


def debrief_of(app, table: Table):
    from faultlines.game.driver import Driver
    from faultlines.game.scenes.debrief import DebriefScene
    from faultlines.game.session import Session

    app.session = Session(table, scenario_ref="elm", store=app.store, log_place=app.log_place)
    app.switch(DebriefScene(app))
    d = Driver(app)
    d.pump(2)
    return d


def kept(log: dict) -> object:
    """Analyse the log at the small size and keep it, as a finished background job does."""
    with Rollouts(jobs=1) as r:
        a = analyse_game(log, load_case("elm"), r, n=SMALL[0], screen=SMALL[1])
    store(log, SMALL[1], a)
    return a


def open_board(app, d, key=pygame.K_a):
    d.key(key)
    d.pump(2)
    assert type(app.top).__name__ == "AnalysisScene"
    return app.top


@pytest.fixture(autouse=True)
def small_quick(monkeypatch):
    """The board's quick size is SMALL, played in the job's own thread."""
    import faultlines.game.scenes.analysis as board

    monkeypatch.setattr(board, "QUICK_ROLLOUTS", SMALL[0])
    monkeypatch.setattr(board, "ROLLOUT_JOBS", 1)
    monkeypatch.setattr(board, "SCREEN_FACTOR", 0.0)

"""A logged game for the replay window: it tells a log whose replay differs (the scenario
changed since) from one written before the game explained more of itself."""

from __future__ import annotations

import copy

import pytest
from faultlines.engine.simulate import simulate
from faultlines.game.logged_game import LoggedGame


@pytest.fixture(scope="module")
def log():
    return simulate("elm", "skilled", 1, 1, keep_logs=True)["logs"][0]


def test_a_log_replays_as_the_same_game(log, elm):
    assert any(e["kind"] == "credibility" for e in log["events"])
    assert LoggedGame(log, elm).matches


def test_a_log_from_before_credibility_was_explained_is_still_the_same_game(log, elm):
    older = copy.deepcopy(log)
    older["events"] = [e for e in older["events"] if e["kind"] != "credibility"]
    assert LoggedGame(older, elm).matches


def test_a_log_whose_events_differ_does_not_match(log, elm):
    changed = copy.deepcopy(log)
    changed["events"][-1]["text"] += " (edited)"
    assert not LoggedGame(changed, elm).matches

"""Rewind and compare: a branch is the same game up to its branch point (same seed, same
first N moves), then plays on with given moves or a bot policy."""

from __future__ import annotations

import pytest
from faultlines.engine.debrief.branch import branch, branch_log, shared_history
from faultlines.engine.errors import SaveError
from faultlines.engine.game import replay
from faultlines.engine.simulate import simulate


@pytest.fixture(scope="module")
def log():
    return simulate("elm", "frame-only", 1, 9, keep_logs=True)["logs"][0]


@pytest.mark.parametrize("at", [0, 4, 9])
def test_branch_replays_identically_up_to_its_branch_point(elm, log, at):
    game = branch(log, at, moves=[], case=elm)
    assert game.digest() == replay(elm, log, upto=at).digest()
    assert game.moves == log["moves"][:at]
    same = [h for h in log["history"] if h["moves"] <= at]
    assert game.history[:len(same)] == same
    before = [e for e in log["events"] if e["move"] < at]
    assert [e.to_dict() for e in game.events[:len(before)]] == before


def test_branch_plays_on_with_a_policy_and_records_its_origin(elm, log):
    b = branch_log(log, 6, policy="skilled", case=elm)
    assert b["moves"][:6] == log["moves"][:6]
    assert b["moves"][6:] != log["moves"][6:]
    assert b["branch"] == {"at": 6, "how": "skilled", "parent_moves": len(log["moves"])}
    assert b["seed"] == log["seed"] and b["outcome"] is not None
    assert shared_history(log, b) >= 1
    again = branch_log(log, 6, policy="skilled", case=elm)
    assert again["moves"] == b["moves"]  # a branch is itself reproducible


def test_branch_plays_given_moves_then_stops(elm, log):
    moves = [{"kind": "one_to_one", "target": "teaching"}, {"kind": "town_hall"}]
    game = branch(log, 3, moves=moves, case=elm)
    assert game.moves == log["moves"][:3] + moves


@pytest.mark.parametrize("at", [-1, 10_000])
def test_branch_point_outside_the_game_is_refused(elm, log, at):
    with pytest.raises(SaveError, match="cannot branch at move"):
        branch(log, at, case=elm)


def test_an_illegal_branch_move_is_one_line(elm, log):
    with pytest.raises(SaveError, match="branch move 1"):
        branch(log, 2, moves=[{"kind": "consult", "mode": "genuine"}], case=elm)


def test_unknown_policy_is_a_value_error(elm, log):
    with pytest.raises(ValueError, match="unknown policy"):
        branch(log, 2, policy="psychic", case=elm)

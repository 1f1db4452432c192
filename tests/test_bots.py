"""Bots read only the player's seat; balance on Elm with fixed seeds."""

from __future__ import annotations

import inspect

import pytest
from faultlines.engine import bots
from faultlines.engine.moves import MOVE_TYPES
from faultlines.engine.simulate import simulate


def test_bots_decide_from_the_seat_not_the_game():
    for name, policy in bots.POLICIES.items():
        src = inspect.getsource(policy)
        for hidden in ("._game", ".state", ".stances(", "case.values", "drivers"):
            assert hidden not in src, (name, hidden)


def test_seat_exposes_only_public_radar_information(elm_game):
    seat = bots.Seat(elm_game)
    public = {k for k in vars(seat) if not k.startswith("_")}
    assert "state" not in public and "case" not in public


def test_simulation_is_reproducible():
    a = simulate("elm", "random", 30, 7)
    b = simulate("elm", "random", 30, 7)
    assert a["outcomes"] == b["outcomes"]


def test_repeat_policies_exist_for_every_move():
    for kind in MOVE_TYPES:
        assert bots.policy_named(f"repeat:{kind}")
    with pytest.raises(ValueError):
        bots.policy_named("cheat")

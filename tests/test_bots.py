"""Bots read only the player's seat; balance on Elm with fixed seeds."""

from __future__ import annotations

import inspect

import pytest

from engine import bots
from engine.moves import MOVE_TYPES
from engine.simulate import simulate

RUNS = 200


def test_bots_decide_from_the_seat_not_the_game():
    for name, policy in bots.POLICIES.items():
        src = inspect.getsource(policy)
        for hidden in ("._game", ".state", ".stances(", "case.values", "drivers"):
            assert hidden not in src, (name, hidden)


def test_seat_exposes_only_public_radar_information(elm_game):
    seat = bots.Seat(elm_game)
    public = {k for k in vars(seat) if not k.startswith("_")}
    assert "state" not in public and "case" not in public


@pytest.fixture(scope="module")
def elm_rates():
    return {p: simulate("elm", p, RUNS, 1)["pass_rate"] for p in bots.POLICIES}


def test_skilled_play_passes_elm_often(elm_rates):
    assert elm_rates["skilled"] >= 0.6


@pytest.mark.parametrize("policy", ["random", "frame-only", "challenge-only", "listen-only"])
def test_one_note_and_random_play_rarely_pass_elm(elm_rates, policy):
    assert elm_rates[policy] <= 0.2


def test_simulation_is_reproducible():
    a = simulate("elm", "random", 30, 7)
    b = simulate("elm", "random", 30, 7)
    assert a["outcomes"] == b["outcomes"]


def test_repeat_policies_exist_for_every_move():
    for kind in MOVE_TYPES:
        assert bots.policy_named(f"repeat:{kind}")
    with pytest.raises(ValueError):
        bots.policy_named("cheat")
